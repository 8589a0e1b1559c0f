/* The table of all 221 system parameters (ids 0..220).
 *
 * Built from spec/ese-api.md Appendix A and checked row by row against the engine's
 * sysparamtable.g.cxx (type, advanced/global/lock flags, range, both default columns). Where
 * Appendix A and the engine differ by build, the values are those of the ESENT (Windows) retail
 * build: LegacyFileNames 3, EnablePersistedCallbacks 0, StageFlighting 0x800000,
 * PersistedLostFlushDetection 5, Flight_NewQueueOptions 0, ElasticWaypointLatency 0,
 * Flight_RBSCleanupEnabled 0, DisablePerfmon 0 (ESENT has performance counters), EnableShrinkDatabase 0.
 * Ids without a name in esent.h carry the Appendix A name.
 *
 * Column "small" is the engine's legacy small configuration, used by JET_configLowMemory and by
 * JET_paramConfiguration = 0. Computed parameters (ESENT_PF_CUSTOM) have their values produced by
 * param.c; their def/small entries are only what a JET_paramConfiguration reset stores. */
#include "param/param_table.h"

#define MAX ((JET_API_PTR)~(JET_API_PTR)0)
/* JET_paramVerPageSize: 16 KiB per pointer-sized half word (16384 on x86, 32768 on x64). */
#define VER_PAGE_SIZE_DEFAULT ((JET_API_PTR)(16384u * sizeof(void *) / 4u))
#define EFV_USE_ENGINE_DEFAULT ESENT_EFV_USE_ENGINE_DEFAULT

#define G    ESENT_PF_GLOBAL
#define ADV  ESENT_PF_ADVANCED
#define MODE ESENT_PF_MODE_LOCK
#define INIT ESENT_PF_INIT_LOCK
#define RO   ESENT_PF_READONLY
#define IGN  ESENT_PF_IGNORED
#define CUST ESENT_PF_CUSTOM

#define NUM(id, nm, ty, fl, l, h, d, s) \
    [id] = { nm, ESENT_PT_##ty, (uint8_t)(fl), (JET_API_PTR)(l), (JET_API_PTR)(h), (JET_API_PTR)(d), (JET_API_PTR)(s), NULL }
#define STR(id, nm, ty, fl, l, h, sd) \
    [id] = { nm, ESENT_PT_##ty, (uint8_t)(fl), (JET_API_PTR)(l), (JET_API_PTR)(h), 0, 0, sd }

/* Columns: id, name, type, flags, lo, hi, default, small (strings: id, name, type, flags, lo, hi,
 * default). G global, ADV advanced, MODE locked once the run mode is set, INIT locked once the
 * instance's JetInit started, RO read-only, IGN never read by the engine, CUST rules in param.c. */
const esent_param_def esent_param_table[ESENT_PARAM_COUNT] = {
    STR(  0, "JET_paramSystemPath", FOLDER, INIT, 0, 246, u".\\"),
    STR(  1, "JET_paramTempPath", PATH, INIT, 0, 247, u"tmp.edb"),
    STR(  2, "JET_paramLogFilePath", FOLDER, INIT, 0, 246, u".\\"),
    STR(  3, "JET_paramBaseName", STRING, INIT, 3, 3, u"edb"),
    STR(  4, "JET_paramEventSource", STRING, INIT, 0, 259, u""),
    NUM(  5, "JET_paramMaxSessions", INTEGER, ADV|INIT, 0, 30000, 16, 30000),
    NUM(  6, "JET_paramMaxOpenTables", INTEGER, ADV|INIT, 0, 0x7FFFFFFF, 300, 0x7FFFFFFF),
    NUM(  7, "JET_paramPreferredMaxOpenTables", INTEGER, ADV|INIT|IGN, 0, 0x7FFFFFFF, 0, 0),
    NUM(  8, "JET_paramMaxCursors", INTEGER, ADV|INIT, 0, 0x7FFFFFFF, 1024, 0x7FFFFFFF),
    NUM(  9, "JET_paramMaxVerPages", INTEGER, ADV|INIT, 1, 0x7FFFFFFF, 64, 0x7FFFFFFF),
    NUM( 10, "JET_paramMaxTemporaryTables", INTEGER, ADV|INIT, 0, 0x7FFFFFFF, 20, 0x7FFFFFFF),
    NUM( 11, "JET_paramLogFileSize", INTEGER, INIT, 64, 32768, 5120, 64),
    NUM( 12, "JET_paramLogBuffers", INTEGER, ADV|INIT, 1, 0x7FFFFFFF, 126, 1),
    NUM( 13, "JET_paramWaitLogFlush", INTEGER, ADV|IGN, 0, 0x7FFFFFFF, 0, 0),
    NUM( 14, "JET_paramLogCheckpointPeriod", INTEGER, ADV|INIT|IGN, 0, 0x7FFFFFFF, 1024, 1024),
    NUM( 15, "JET_paramLogWaitingUserMax", INTEGER, ADV|INIT|IGN, 0, 0x7FFFFFFF, 3, 3),
    NUM( 16, "JET_paramCommitDefault", GRBIT, CUST, 0, 0xFFFFFFFF, 0, 0),
    NUM( 17, "JET_paramCircularLog", BOOLEAN, INIT, 0, MAX, 0, 0),
    NUM( 18, "JET_paramDbExtensionSize", INTEGER, ADV, 1, 0x7FFFFFFF, 256, 16),
    NUM( 19, "JET_paramPageTempDBMin", INTEGER, ADV|INIT, 0, 0x7FFFFFFF, 0, 14),
    NUM( 20, "JET_paramPageFragment", INTEGER, ADV|INIT, 0, 0x7FFFFFFF, 8, 8),
    NUM( 21, "JET_paramPageReadAheadMax", INTEGER, ADV|IGN, 0, MAX, MAX, MAX),
    NUM( 22, "JET_paramBatchIOBufferMax", INTEGER, G|ADV|IGN, 0, MAX, 256, 256),
    NUM( 23, "JET_paramCacheSizeMax", INTEGER, G|ADV|CUST, 1, MAX, 2000000000, 16),
    NUM( 24, "JET_paramCheckpointDepthMax", INTEGER, CUST, 0, MAX, 20971520, 65536),
    NUM( 25, "JET_paramLRUKCorrInterval", INTEGER, G|ADV|MODE, 0, MAX, 128000, 128000),
    NUM( 26, "JET_paramLRUKHistoryMax", INTEGER, G|ADV|MODE, 0, MAX, 100000, 10),
    NUM( 27, "JET_paramLRUKPolicy", INTEGER, G|ADV|MODE, 1, 2, 2, 2),
    NUM( 28, "JET_paramLRUKTimeout", INTEGER, G|ADV|MODE, 1, MAX, 100, 100),
    NUM( 29, "JET_paramLRUKTrxCorrInterval", INTEGER, G|ADV|MODE|IGN, 0, MAX, 0, 0),
    NUM( 30, "JET_paramOutstandingIOMax", INTEGER, G|ADV|MODE, 0, 65536, 1024, 16),
    NUM( 31, "JET_paramStartFlushThreshold", INTEGER, G|ADV, 0, MAX, 20000000, 1),
    NUM( 32, "JET_paramStopFlushThreshold", INTEGER, G|ADV, 0, MAX, 40000000, 2),
    STR( 33, "JET_paramTableClassName", STRING, G|IGN, 0, 64, u""),
    STR( 34, "JET_paramRecovery", STRING, INIT, 0, 259, u"on"),
    NUM( 35, "JET_paramEnableOnlineDefrag", GRBIT, 0, 0, 0xFFFF, 0xFFFF, 0xFFFF),
    NUM( 36, "JET_paramAssertAction", GRBIT, G, 0, 64, 0x40, 0x40),
    NUM( 37, "JET_paramPrintFunction", POINTER, G|MODE|INIT|RO, 0, MAX, 0, 0),
    NUM( 38, "JET_paramTransactionLevel", INTEGER, RO|CUST, 0, MAX, 0, 0),
    NUM( 39, "JET_paramRFS2IOsPermitted", INTEGER, G, 0, 0xFFFFFFFE, 0, 0),
    NUM( 40, "JET_paramRFS2AllocsPermitted", INTEGER, G, 0, 0xFFFFFFFE, 0, 0),
    NUM( 41, "JET_paramCacheSize", INTEGER, G|ADV|CUST, 0, MAX, 0, 0),
    NUM( 42, "JET_paramCacheRequests", INTEGER, G|MODE|INIT|RO, 0, MAX, 1, 1),
    NUM( 43, "JET_paramCacheHits", INTEGER, G|MODE|INIT|RO, 0, MAX, 1, 1),
    NUM( 44, "JET_paramCheckFormatWhenOpenFail", BOOLEAN, INIT|IGN, 0, MAX, 1, 1),
    NUM( 45, "JET_paramEnableIndexChecking", INTEGER, 0, 0, 2, 1, 1),
    NUM( 46, "JET_paramEnableTempTableVersioning", BOOLEAN, INIT, 0, MAX, 1, 1),
    NUM( 47, "JET_paramIgnoreLogVersion", BOOLEAN, INIT|IGN, 0, 0, 0, 0),
    NUM( 48, "JET_paramDeleteOldLogs", BOOLEAN, INIT|IGN, 0, MAX, 0, 0),
    STR( 49, "JET_paramEventSourceKey", STRING, INIT, 0, 259, u""),
    NUM( 50, "JET_paramNoInformationEvent", BOOLEAN, INIT, 0, MAX, 0, 1),
    NUM( 51, "JET_paramEventLoggingLevel", INTEGER, INIT, 0, 100, 100, 100),
    NUM( 52, "JET_paramDeleteOutOfRangeLogs", BOOLEAN, INIT, 0, MAX, 0, 0),
    NUM( 53, "JET_paramAccessDeniedRetryPeriod", INTEGER, G, 0, MAX, 10000, 10000),
    NUM( 54, "JET_paramEnableIndexCleanup", BOOLEAN, 0, 0, MAX, 1, 1),
    NUM( 55, "JET_paramFlight_SmoothIoTestPermillage", INTEGER, ADV|INIT, 0, 1000, 0, 0),
    NUM( 56, "JET_paramElasticWaypointLatency", INTEGER, ADV, 0, 10, 0, 0),
    NUM( 57, "JET_paramFlight_SynchronousLVCleanup", BOOLEAN, ADV, 0, MAX, 0, 0),
    NUM( 58, "JET_paramFlight_RBSRevertIOUrgentLevel", INTEGER, ADV, 0, 127, 8, 8),
    NUM( 59, "JET_paramFlight_EnableXpress10Compression", BOOLEAN, ADV, 0, MAX, 0, 0),
    NUM( 60, "JET_paramCacheSizeMin", INTEGER, G|ADV|CUST, 1, MAX, 1, 16),
    STR( 61, "JET_paramLogFileFailoverPath", FOLDER, INIT|IGN, 0, 0, u""),
    NUM( 62, "JET_paramEnableImprovedSeekShortcut", BOOLEAN, INIT|IGN, 0, MAX, 0, 0),
    NUM( 63, "JET_paramPreferredVerPages", INTEGER, ADV, 1, 0x7FFFFFFF, 58, 0x7FFFFFFF),
    NUM( 64, "JET_paramDatabasePageSize", BLOCKSIZE, G|MODE|CUST, 4096, 32768, 4096, 4096),
    NUM( 65, "JET_paramDisableCallbacks", BOOLEAN, INIT, 0, MAX, 0, 0),
    NUM( 66, "JET_paramBackupChunkSize", INTEGER, ADV|INIT|IGN, 1, 0x7FFFFFFF, 16, 16),
    NUM( 67, "JET_paramBackupOutstandingReads", INTEGER, ADV|INIT|IGN, 1, 0x7FFFFFFF, 8, 8),
    NUM( 68, "JET_paramFlight_RBSMaxTableDeletePages", INTEGER, ADV, 0, 0x7FFFFFFF, 0, 0),
    NUM( 69, "JET_paramLogFileCreateAsynch", BOOLEAN, ADV|INIT, 0, MAX, 1, 1),
    NUM( 70, "JET_paramErrorToString", USERDEFINED, G|RO|CUST, 0, MAX, 0, 0),
    NUM( 71, "JET_paramZeroDatabaseDuringBackup", BOOLEAN, INIT, 0, MAX, 0, 0),
    NUM( 72, "JET_paramUnicodeIndexDefault", USERDEFINED, INIT|CUST, 0, MAX, 0, 0),
    NUM( 73, "JET_paramRuntimeCallback", POINTER, INIT, 0, MAX, 0, 0),
    NUM( 74, "JET_paramFlight_RBSDbScanRaiseCorruptionRevertedFDP", BOOLEAN, ADV, 0, 1, 1, 1),
    NUM( 75, "JET_paramFlight_RBSAllowTooSoonNonRevertableDelete", BOOLEAN, ADV, 0, 1, 0, 0),
    NUM( 76, "JET_paramEnableSortedRetrieveColumns", BOOLEAN, INIT|IGN, 0, MAX, 0, 0),
    NUM( 77, "JET_paramCleanupMismatchedLogFiles", BOOLEAN, INIT, 0, MAX, 0, 0),
    NUM( 78, "JET_paramRecordUpgradeDirtyLevel", GRBIT, G|ADV, 0, 3, 1, 1),
    NUM( 79, "JET_paramRecoveryCurrentLogfile", INTEGER, RO|CUST, 0, MAX, 0, 0),
    NUM( 80, "JET_paramFlight_RBSForceRollIntervalSec", INTEGER, ADV, 0, 0x7FFFFFFF, 172800, 172800),
    NUM( 81, "JET_paramGlobalMinVerPages", INTEGER, G|ADV|MODE, 1, 0x7FFFFFFF, 64, 1),
    NUM( 82, "JET_paramOSSnapshotTimeout", INTEGER, G, 0, 0x7FFFFFFF, 70000, 70000),
    NUM( 83, "JET_paramFlight_EnableScanCheckFDPDeleteFlags", BOOLEAN, ADV, 0, 1, 1, 1),
    NUM( 84, "JET_paramFlight_NewQueueOptions", INTEGER, 0, 0, 0xD, 0, 0),
    NUM( 85, "JET_paramFlight_ConcurrentMetedOps", INTEGER, INIT, 0, 1024, 2, 2),
    NUM( 86, "JET_paramFlight_LowMetedOpsThreshold", INTEGER, INIT, 0, 1024, 40, 40),
    NUM( 87, "JET_paramFlight_MetedOpStarvedThreshold", INTEGER, INIT, 50, 0x7FFFFFFF, 3000, 3000),
    NUM( 88, "JET_paramFlight_MaxRBSBuffers", INTEGER, 0, 1, 0x7FFFFFFF, 20, 20),
    NUM( 89, "JET_paramFlight_EnableShrinkArchiving", BOOLEAN, ADV, 0, 1, 1, 1),
    NUM( 90, "JET_paramFlight_EnableBackupDuringRecovery", BOOLEAN, ADV, 0, MAX, 0, 0),
    NUM( 91, "JET_paramFlight_RBSRollIntervalSec", INTEGER, ADV, 0, 604800, 43200, 43200),
    NUM( 92, "JET_paramFlight_RBSMaxRequiredRange", INTEGER, ADV, 0, 10000, 1000, 1000),
    NUM( 93, "JET_paramFlight_RBSCleanupEnabled", BOOLEAN, ADV, 0, 1, 0, 0),
    NUM( 94, "JET_paramFlight_RBSLowDiskSpaceThresholdGb", INTEGER, ADV, 0, 0x7FFFFFFF, 100, 100),
    NUM( 95, "JET_paramFlight_RBSMaxSpaceWhenLowDiskSpaceGb", INTEGER, ADV, 0, 1000, 150, 150),
    NUM( 96, "JET_paramFlight_RBSMaxTimeSpanSec", INTEGER, ADV, 0, 0x7FFFFFFF, 604800, 604800),
    NUM( 97, "JET_paramFlight_RBSCleanupIntervalMinSec", INTEGER, ADV, 0, 0x7FFFFFFF, 3600, 3600),
    NUM( 98, "JET_paramExceptionAction", INTEGER, G, 0, MAX, 4, 4),
    NUM( 99, "JET_paramEventLogCache", INTEGER, G|MODE, 0, 0x7FFFFFFF, 0, 0),
    NUM(100, "JET_paramCreatePathIfNotExist", BOOLEAN, 0, 0, MAX, 0, 0),
    NUM(101, "JET_paramPageHintCacheSize", INTEGER, G|ADV|MODE, 0, 0x7FFFFFFF, 262144, 32),
    NUM(102, "JET_paramOneDatabasePerSession", BOOLEAN, INIT, 0, MAX, 0, 0),
    NUM(103, "JET_paramMaxDatabasesPerInstance", INTEGER, G|MODE|IGN, 7, 7, 7, 7),
    NUM(104, "JET_paramMaxInstances", INTEGER, G|MODE, 1, 10240, 16, 16),
    NUM(105, "JET_paramVersionStoreTaskQueueMax", INTEGER, ADV, 1, 127, 4, 4),
    NUM(106, "JET_paramIdleFlushTime", INTEGER, G|ADV|IGN, 0, MAX, 0, 0),
    NUM(107, "JET_paramDisablePerfmon", BOOLEAN, G|MODE, 0, MAX, 0, 1),
    NUM(108, "JET_paramAbortRetryFailCallback", POINTER, G|MODE|IGN, 0, 0, 0, 0),
    NUM(109, "JET_paramVAReserve", INTEGER, G|ADV|IGN, 0, MAX, 0, 0),
    NUM(110, "JET_paramIndexTuplesLengthMin", INTEGER, INIT, 2, 255, 3, 3),
    NUM(111, "JET_paramIndexTuplesLengthMax", INTEGER, INIT, 2, 255, 10, 10),
    NUM(112, "JET_paramIndexTuplesToIndexMax", INTEGER, INIT, 1, 32767, 32767, 32767),
    STR(113, "JET_paramAlternateDatabaseRecoveryPath", FOLDER, INIT, 0, 246, u""),
    NUM(114, "JET_paramFlight_ExtentPageCountCacheVerifyOnly", BOOLEAN, G|ADV, 0, MAX, 0, 0),
    NUM(115, "JET_paramFlight_EnablePgnoFDPLastSetTime", BOOLEAN, ADV|INIT, 0, MAX, 1, 1),
    NUM(116, "JET_paramFlight_EnableScanCheck2Flags", BOOLEAN, ADV|INIT, 0, MAX, 1, 1),
    NUM(117, "JET_paramFlight_EnableExtentFreed2", BOOLEAN, ADV|INIT, 0, MAX, 1, 1),
    NUM(118, "JET_paramFlight_RBSLargeRevertableDeletePages", INTEGER, ADV, 0, 0x7FFFFFFF, 0, 0),
    NUM(119, "JET_paramFlight_RBSRevertableDeleteIfTooSoonTimeNull", BOOLEAN, ADV, 0, MAX, 0, 0),
    NUM(120, "JET_paramDBAPageAvailMin", INTEGER, G|ADV|IGN, 0, MAX, 1280, 1280),
    NUM(121, "JET_paramDBAPageAvailThreshold", USERDEFINED, G|CUST, 0, MAX, 0, 0),
    NUM(122, "JET_paramDBAK1", USERDEFINED, G|CUST, 0, MAX, 0, 0),
    NUM(123, "JET_paramDBAK2", USERDEFINED, G|CUST, 0, MAX, 0, 0),
    NUM(124, "JET_paramMaxRandomIOSize", INTEGER, G|ADV|IGN, 0, MAX, 1048576, 1048576),
    NUM(125, "JET_paramCachedClosedTables", INTEGER, ADV|CUST, 0, 0x7FFFFFFF, 64, 64),
    NUM(126, "JET_paramEnableFileCache", BOOLEAN, G|ADV|MODE, 0, MAX, 0, 1),
    NUM(127, "JET_paramEnableViewCache", BOOLEAN, G|ADV|MODE, 0, MAX, 0, 1),
    NUM(128, "JET_paramVerPageSize", BLOCKSIZE, G|ADV|MODE, 1024, 65536, VER_PAGE_SIZE_DEFAULT, 8192),
    NUM(129, "JET_paramConfiguration", INTEGER, INIT|CUST, 0, 0x7FF, 0x1, 0x11),
    NUM(130, "JET_paramEnableAdvanced", BOOLEAN, 0, 0, MAX, 1, 1),
    NUM(131, "JET_paramMaxColtyp", INTEGER, G|MODE|INIT|RO, 0, MAX, 19, 19),
    NUM(132, "JET_paramIndexTupleIncrement", INTEGER, INIT, 0, 32767, 1, 1),
    NUM(133, "JET_paramIndexTupleStart", INTEGER, 0, 0, 32767, 0, 0),
    NUM(134, "JET_paramKeyMost", INTEGER, RO|CUST, 0, MAX, 0, 0),
    NUM(135, "JET_paramCheckpointIOMax", INTEGER, G|ADV, 1, 1024, 1, 1),
    NUM(136, "JET_paramLegacyFileNames", GRBIT, INIT, 0, 255, 0x3, 0x3),
    STR(137, "JET_paramTableClass1Name", STRING, G|MODE, 1, 64, u"TableClass1"),
    STR(138, "JET_paramTableClass2Name", STRING, G|MODE, 1, 64, u"TableClass2"),
    STR(139, "JET_paramTableClass3Name", STRING, G|MODE, 1, 64, u"TableClass3"),
    STR(140, "JET_paramTableClass4Name", STRING, G|MODE, 1, 64, u"TableClass4"),
    STR(141, "JET_paramTableClass5Name", STRING, G|MODE, 1, 64, u"TableClass5"),
    STR(142, "JET_paramTableClass6Name", STRING, G|MODE, 1, 64, u"TableClass6"),
    STR(143, "JET_paramTableClass7Name", STRING, G|MODE, 1, 64, u"TableClass7"),
    STR(144, "JET_paramTableClass8Name", STRING, G|MODE, 1, 64, u"TableClass8"),
    STR(145, "JET_paramTableClass9Name", STRING, G|MODE, 1, 64, u"TableClass9"),
    STR(146, "JET_paramTableClass10Name", STRING, G|MODE, 1, 64, u"TableClass10"),
    STR(147, "JET_paramTableClass11Name", STRING, G|MODE, 1, 64, u"TableClass11"),
    STR(148, "JET_paramTableClass12Name", STRING, G|MODE, 1, 64, u"TableClass12"),
    STR(149, "JET_paramTableClass13Name", STRING, G|MODE, 1, 64, u"TableClass13"),
    STR(150, "JET_paramTableClass14Name", STRING, G|MODE, 1, 64, u"TableClass14"),
    STR(151, "JET_paramTableClass15Name", STRING, G|MODE, 1, 64, u"TableClass15"),
    NUM(152, "JET_paramIOPriority", INTEGER, ADV, 0, 0x7, 0, 0),
    NUM(153, "JET_paramWaypointLatency", INTEGER, INIT, 0, 1023, 0, 0),
    NUM(154, "JET_paramCheckpointTooDeep", INTEGER, INIT, 0x20, 0x10000, 0x10000, 0x10000),
    NUM(155, "JET_paramDisableBlockVerification", BOOLEAN, G|MODE, 0, MAX, 0, 0),
    NUM(156, "JET_paramEnablePersistedCallbacks", BOOLEAN, INIT, 0, MAX, 0, 0),
    NUM(157, "JET_paramAggressiveLogRollover", BOOLEAN, INIT, 0, MAX, 0, 0),
    NUM(158, "JET_paramPeriodicLogRolloverLLR", INTEGER, INIT, 0, 604800, 0, 0),
    NUM(159, "JET_paramUsePageDependencies", BOOLEAN, G|MODE|IGN, 0, MAX, 0, 0),
    NUM(160, "JET_paramDefragmentSequentialBTrees", BOOLEAN, 0, 0, MAX, 1, 1),
    NUM(161, "JET_paramDefragmentSequentialBTreesDensityCheckFrequency", INTEGER, INIT, 0, MAX, 10, 10),
    NUM(162, "JET_paramIOThrottlingTimeQuanta", INTEGER, G|MODE, 1, 10000, 100, 100),
    NUM(163, "JET_paramLVChunkSizeMost", INTEGER, G|MODE|INIT|RO|CUST, 0, MAX, 4014, 4014),
    NUM(164, "JET_paramMaxCoalesceReadSize", INTEGER, G|ADV|MODE, 0, 10485760, 524288, 524288),
    NUM(165, "JET_paramMaxCoalesceWriteSize", INTEGER, G|ADV|MODE, 0, 10485760, 524288, 524288),
    NUM(166, "JET_paramMaxCoalesceReadGapSize", INTEGER, G|ADV|MODE, 0, 10485760, 524288, 524288),
    NUM(167, "JET_paramMaxCoalesceWriteGapSize", INTEGER, G|ADV|MODE, 0, 10485760, 524288, 524288),
    NUM(168, "JET_paramEnableHaPublish", INTEGER, ADV|INIT, 0, 2, 0, 0),
    NUM(169, "JET_paramEnableDBScanInRecovery", INTEGER, ADV, 0, 2, 0, 0),
    NUM(170, "JET_paramDbScanThrottle", INTEGER, ADV, 0, 60000, 20, 20),
    NUM(171, "JET_paramDbScanIntervalMinSec", INTEGER, ADV|INIT, 0, 1814400, 86400, 86400),
    NUM(172, "JET_paramDbScanIntervalMaxSec", INTEGER, ADV|INIT, 1, 1576800000, 604800, 604800),
    NUM(173, "JET_paramEmitLogDataCallback", POINTER, ADV|INIT, 0, MAX, 0, 0),
    NUM(174, "JET_paramEmitLogDataCallbackCtx", POINTER, ADV|INIT, 0, MAX, 0, 0),
    NUM(175, "JET_paramEnableExternalAutoHealing", BOOLEAN, ADV|INIT, 0, 1, 0, 0),
    NUM(176, "JET_paramPatchRequestTimeout", INTEGER, ADV, 0, 0x7FFFFFFF, 300, 300),
    NUM(177, "JET_paramCachePriority", INTEGER, ADV|CUST, 0, 1000, 100, 100),
    NUM(178, "JET_paramMaxTransactionSize", INTEGER, ADV, 1, 100, 100, 100),
    NUM(179, "JET_paramPrereadIOMax", INTEGER, ADV, 0, 256, 8, 8),
    NUM(180, "JET_paramEnableDBScanSerialization", BOOLEAN, ADV|INIT, 0, 1, 0, 0),
    NUM(181, "JET_paramHungIOThreshold", INTEGER, G|ADV|MODE, 11000, 1800000, 30000, 30000),
    NUM(182, "JET_paramHungIOActions", INTEGER, G|ADV|MODE, 0, 0x1F, 0x1, 0x1),
    NUM(183, "JET_paramMinDataForXpress", INTEGER, G|ADV|MODE, 0, 0x7FFFFFFF, 1024, 1024),
    NUM(184, "JET_paramEnableShrinkDatabase", GRBIT, INIT|CUST, 0, 0xFFFF, 0, 0),
    NUM(185, NULL, ILLEGAL, G|ADV|MODE|INIT, 0, MAX, 0, 0),
    STR(186, "JET_paramProcessFriendlyName", STRING, G|MODE, 0, 64, u""),
    NUM(187, "JET_paramDurableCommitCallback", POINTER, ADV|INIT, 0, MAX, 0, 0),
    NUM(188, "JET_paramEnableSqm", INTEGER, INIT|IGN, 0, 2, 1, 1),
    STR(189, "JET_paramConfigStoreSpec", STRING, INIT|CUST, 0, MAX, u""),
    NUM(190, "JET_paramStageFlighting", INTEGER, ADV, 0, 0xFFFFFFFF, 0x800000, 0x800000),
    NUM(191, "JET_paramZeroDatabaseUnusedSpace", BOOLEAN, ADV, 0, 1, 0, 0),
    NUM(192, "JET_paramDisableVerifications", BOOLEAN, ADV, 0, 1, 0, 0),
    NUM(193, "JET_paramPersistedLostFlushDetection", INTEGER, ADV|INIT, 0, 7, 5, 5),
    NUM(194, "JET_paramEngineFormatVersion", INTEGER, CUST, 0, 0xFFFFFFFF, EFV_USE_ENGINE_DEFAULT, EFV_USE_ENGINE_DEFAULT),
    NUM(195, "JET_paramReplayThrottlingLevel", INTEGER, ADV, 0, 1, 0, 0),
    STR(196, "JET_paramTableClass16Name", STRING, G|MODE, 1, 64, u"TableClass16"),
    STR(197, "JET_paramTableClass17Name", STRING, G|MODE, 1, 64, u"TableClass17"),
    STR(198, "JET_paramTableClass18Name", STRING, G|MODE, 1, 64, u"TableClass18"),
    STR(199, "JET_paramTableClass19Name", STRING, G|MODE, 1, 64, u"TableClass19"),
    STR(200, "JET_paramTableClass20Name", STRING, G|MODE, 1, 64, u"TableClass20"),
    STR(201, "JET_paramTableClass21Name", STRING, G|MODE, 1, 64, u"TableClass21"),
    STR(202, "JET_paramTableClass22Name", STRING, G|MODE, 1, 64, u"TableClass22"),
    STR(203, "JET_paramTableClass23Name", STRING, G|MODE, 1, 64, u"TableClass23"),
    STR(204, "JET_paramTableClass24Name", STRING, G|MODE, 1, 64, u"TableClass24"),
    STR(205, "JET_paramTableClass25Name", STRING, G|MODE, 1, 64, u"TableClass25"),
    STR(206, "JET_paramTableClass26Name", STRING, G|MODE, 1, 64, u"TableClass26"),
    STR(207, "JET_paramTableClass27Name", STRING, G|MODE, 1, 64, u"TableClass27"),
    STR(208, "JET_paramTableClass28Name", STRING, G|MODE, 1, 64, u"TableClass28"),
    STR(209, "JET_paramTableClass29Name", STRING, G|MODE, 1, 64, u"TableClass29"),
    STR(210, "JET_paramTableClass30Name", STRING, G|MODE, 1, 64, u"TableClass30"),
    STR(211, "JET_paramTableClass31Name", STRING, G|MODE, 1, 64, u"TableClass31"),
    NUM(212, "JET_paramBlockCacheConfiguration", POINTER, ADV|INIT, 0, MAX, 0, 0),
    NUM(213, "JET_paramRecordSizeMost", INTEGER, G|RO|CUST, 0, MAX, 0, 0),
    NUM(214, "JET_paramUseFlushForWriteDurability", BOOLEAN, ADV|INIT, 0, 1, 1, 1),
    NUM(215, "JET_paramEnableRBS", BOOLEAN, ADV, 0, 1, 0, 0),
    STR(216, "JET_paramRBSFilePath", FOLDER, INIT, 0, 246, u".\\"),
    NUM(217, "JET_paramPerfmonRefreshInterval", INTEGER, G|MODE, 0, 86400000, 100, 100),
    NUM(218, "JET_paramEnableBlockCache", BOOLEAN, G|ADV|MODE, 0, 1, 0, 0),
    NUM(219, "JET_paramDeferredIndexPopulateRowsPerTransaction", INTEGER, ADV, 1, 0x7FFFFFFF, 1000, 1000),
    NUM(220, "JET_paramEnableBlockCacheDetach", BOOLEAN, G|ADV|MODE, 0, 1, 0, 0),
};

/* ---- configuration sets (jetapi.cxx SetConfiguration) ---- */

static const esent_config_override k_remove_quotas[] = {
    { JET_paramMaxOpenTables, 0x7FFFFFFF, ESENT_CU_NONE },
    { JET_paramMaxCursors, 0x7FFFFFFF, ESENT_CU_NONE },
    { JET_paramMaxVerPages, 0x7FFFFFFF, ESENT_CU_NONE },
    { JET_paramMaxTemporaryTables, 0x7FFFFFFF, ESENT_CU_NONE },
    { JET_paramPreferredVerPages, 0x7FFFFFFF, ESENT_CU_NONE },
    { JET_paramMaxSessions, 30000, ESENT_CU_NONE },
};

static const esent_config_override k_low_disk_footprint[] = {
    { JET_paramDbExtensionSize, 16, ESENT_CU_NONE },
    { JET_paramPageTempDBMin, 14, ESENT_CU_NONE },
    { JET_paramCircularLog, 1, ESENT_CU_NONE },
    { JET_paramLogFileSize, 64, ESENT_CU_NONE },
    { JET_paramCheckpointDepthMax, 512 * 1024, ESENT_CU_NONE },
};

static const esent_config_override k_medium_disk_footprint[] = {
    { JET_paramDbExtensionSize, 512 * 1024, ESENT_CU_BYTES_TO_PAGES },
    { JET_paramPageTempDBMin, 30, ESENT_CU_NONE },
    { JET_paramCircularLog, 1, ESENT_CU_NONE },
    { JET_paramLogFileSize, 512, ESENT_CU_NONE },
    { JET_paramCheckpointDepthMax, 4 * 1024 * 1024, ESENT_CU_NONE },
};

static const esent_config_override k_dynamic_medium_memory[] = {
    { JET_paramMaxInstances, 1, ESENT_CU_NONE },
    { JET_paramLogBuffers, 512, ESENT_CU_NONE },
    { JET_paramPageHintCacheSize, 64, ESENT_CU_NONE },
    { JET_paramEnableFileCache, 1, ESENT_CU_NONE },
    { JET_paramEnableViewCache, 1, ESENT_CU_NONE },
    { JET_paramCacheSizeMin, 128 * 1024, ESENT_CU_BYTES_TO_PAGES },
    { JET_paramCacheSizeMax, 5 * 1024 * 1024, ESENT_CU_BYTES_TO_PAGES },
    { JET_paramStartFlushThreshold, 2, ESENT_CU_PCT_CACHE_MAX_TO_PAGES },
    { JET_paramStopFlushThreshold, 3, ESENT_CU_PCT_CACHE_MAX_TO_PAGES },
    { JET_paramLRUKHistoryMax, 1000, ESENT_CU_NONE },
    { JET_paramGlobalMinVerPages, 1, ESENT_CU_NONE },
    { JET_paramVerPageSize, 8192, ESENT_CU_NONE },
    { JET_paramOutstandingIOMax, 48, ESENT_CU_NONE },
};

static const esent_config_override k_ssd_profile_io[] = {
    { JET_paramMaxCoalesceReadSize, 256 * 1024, ESENT_CU_NONE },
    { JET_paramMaxCoalesceWriteSize, 256 * 1024, ESENT_CU_NONE },
    { JET_paramMaxCoalesceWriteGapSize, 0, ESENT_CU_NONE },
    { JET_paramOutstandingIOMax, 16, ESENT_CU_NONE },
    { JET_paramPrereadIOMax, 5, ESENT_CU_NONE },
};

static const esent_config_override k_run_silent[] = {
    { JET_paramNoInformationEvent, 1, ESENT_CU_NONE },
    { JET_paramEventLoggingLevel, JET_EventLoggingDisable, ESENT_CU_NONE },
    { JET_paramDisablePerfmon, 1, ESENT_CU_NONE },
};

#define SET_OF(a) ((esent_config_set){ (a), sizeof(a) / sizeof((a)[0]) })

esent_config_set esent_config_overrides(uint32_t config_bit)
{
    switch (config_bit) {
    case JET_configRemoveQuotas:         return SET_OF(k_remove_quotas);
    case JET_configLowDiskFootprint:     return SET_OF(k_low_disk_footprint);
    case JET_configMediumDiskFootprint:  return SET_OF(k_medium_disk_footprint);
    case JET_configDynamicMediumMemory:  return SET_OF(k_dynamic_medium_memory);
    case JET_configSSDProfileIO:         return SET_OF(k_ssd_profile_io);
    case JET_configRunSilent:            return SET_OF(k_run_silent);
    default:                             return (esent_config_set){ NULL, 0 };
    }
}

int esent_efv_known(uint32_t efv)
{
    return efv == ESENT_EFV_MIN || efv == ESENT_EFV_MAX;
}
