/*
 * abi_sizes.c -- compile-time check of the esent.h binary layout.
 *
 * Every public structure must have exactly the size (and, for the fields
 * checked here, the offsets) that the Windows SDK gives it, so that the
 * Linux library is layout-compatible with Windows x64 and the MinGW DLL is
 * compatible with programs built against the real SDK.  The numbers below
 * were NOT taken from esent.h: they were obtained by compiling the SDK
 * layouts (the engine's jethdr.w, with its own "unsigned long" fields) with
 * x86_64-w64-mingw32-gcc and i686-w64-mingw32-gcc, where "unsigned long" is
 * 4 bytes as on Windows, and checked against the size table of the
 * specification and against MinGW's esent.h (after correcting its known
 * JET_ENUMCOLUMN / JET_INDEXID / packing defects).
 *
 * Column 1 is the Windows x64 value (also required on x86-64 Linux),
 * column 2 the Windows x86 value.  The file has no main(); it only defines
 * esent_abi_checked() so that a test program can link it in.
 */

#include <stddef.h>
#include "esent.h"

#if UINTPTR_MAX == 0xFFFFFFFFFFFFFFFFu
#define ABI_PICK_(x64, x86) (x64)
#elif UINTPTR_MAX == 0xFFFFFFFFu
#define ABI_PICK_(x64, x86) (x86)
#else
#error "unsupported pointer size"
#endif

#define SIZE_IS(type, x64, x86) \
    _Static_assert(sizeof(type) == ABI_PICK_(x64, x86), "sizeof(" #type ")")
#define OFFSET_IS(type, field, x64, x86) \
    _Static_assert(offsetof(type, field) == ABI_PICK_(x64, x86), \
                   "offsetof(" #type ", " #field ")")
#define ALIGN_IS(type, x64, x86) \
    _Static_assert(_Alignof(type) == ABI_PICK_(x64, x86), "_Alignof(" #type ")")

/* ---------------------------------------------------------------------
 * Scalar types
 * ------------------------------------------------------------------- */
_Static_assert(sizeof(JET_ERR) == 4, "JET_ERR is 32 bits");
_Static_assert((JET_ERR)-1 < 0, "JET_ERR is signed");
_Static_assert(sizeof(JET_GRBIT) == 4, "JET_GRBIT is 32 bits");
_Static_assert((JET_GRBIT)-1 > 0, "JET_GRBIT is unsigned");
_Static_assert(sizeof(JET_COLUMNID) == 4, "JET_COLUMNID is 32 bits");
_Static_assert(sizeof(JET_DBID) == 4, "JET_DBID is 32 bits");
_Static_assert(sizeof(JET_COLTYP) == 4, "JET_COLTYP is 32 bits");
_Static_assert(sizeof(JET_OBJTYP) == 4, "JET_OBJTYP is 32 bits");
_Static_assert(sizeof(JET_CBTYP) == 4, "JET_CBTYP is 32 bits");
_Static_assert(sizeof(JET_SNP) == 4 && sizeof(JET_SNT) == 4, "JET_SNP/JET_SNT are 32 bits");
_Static_assert(sizeof(JET_DATESERIAL) == 8, "JET_DATESERIAL is a double");
_Static_assert(sizeof(WCHAR) == 2, "WCHAR is a UTF-16 code unit");
_Static_assert(sizeof(JET_API_PTR) == sizeof(void *), "JET_API_PTR is pointer sized");
_Static_assert((JET_API_PTR)-1 > 0, "JET_API_PTR is unsigned");
_Static_assert(sizeof(JET_INSTANCE) == sizeof(void *), "JET_INSTANCE is pointer sized");
_Static_assert(sizeof(JET_SESID) == sizeof(void *), "JET_SESID is pointer sized");
_Static_assert(sizeof(JET_TABLEID) == sizeof(void *), "JET_TABLEID is pointer sized");
_Static_assert(sizeof(JET_HANDLE) == sizeof(void *), "JET_HANDLE is pointer sized");
_Static_assert(sizeof(JET_LS) == sizeof(void *), "JET_LS is pointer sized");
_Static_assert(sizeof(JET_OSSNAPID) == sizeof(void *), "JET_OSSNAPID is pointer sized");

/* ---------------------------------------------------------------------
 * Documented constant values (from the SDK / engine sources)
 * ------------------------------------------------------------------- */
_Static_assert(JET_errSuccess == 0, "JET_errSuccess");
_Static_assert(JET_wrnNyi == -1, "JET_wrnNyi");
_Static_assert(JET_errFeatureNotAvailable == -1001, "JET_errFeatureNotAvailable");
_Static_assert(JET_errInvalidParameter == -1003, "JET_errInvalidParameter");
_Static_assert(JET_wrnColumnNull == 1004, "JET_wrnColumnNull");
_Static_assert(JET_wrnBufferTruncated == 1006, "JET_wrnBufferTruncated");
_Static_assert(JET_errInvalidBufferSize == -1047, "JET_errInvalidBufferSize");
_Static_assert(JET_errRecordNotFound == -1601, "JET_errRecordNotFound");
_Static_assert(JET_errKeyDuplicate == -1605, "JET_errKeyDuplicate");
_Static_assert(JET_errDatabaseDirtyShutdown == -550, "JET_errDatabaseDirtyShutdown");
_Static_assert(JET_errMissingLogFile == -528, "JET_errMissingLogFile");
_Static_assert(JET_errFileNotFound == -1811, "JET_errFileNotFound");
_Static_assert(JET_paramSystemPath == 0, "JET_paramSystemPath");
_Static_assert(JET_paramMaxSessions == 5, "JET_paramMaxSessions");
_Static_assert(JET_paramCacheSizeMax == 23, "JET_paramCacheSizeMax");
_Static_assert(JET_paramDatabasePageSize == 64, "JET_paramDatabasePageSize");
_Static_assert(JET_paramConfigStoreSpec == 189, "JET_paramConfigStoreSpec");
_Static_assert(JET_sesparamCommitDefault == 4097, "JET_sesparamCommitDefault");
_Static_assert(JET_coltypLongText == 12, "JET_coltypLongText");
_Static_assert(JET_coltypUnsignedLongLong == 18, "JET_coltypUnsignedLongLong");
_Static_assert(JET_coltypMax == 19, "JET_coltypMax");
_Static_assert(JET_bitIndexPrimary == 0x2, "JET_bitIndexPrimary");
_Static_assert(JET_bitSeekEQ == 0x1, "JET_bitSeekEQ");
_Static_assert(JET_prepInsert == 0 && JET_prepReplace == 2, "JET_prep*");
_Static_assert(JET_DbInfoMisc == 14, "JET_DbInfoMisc");
_Static_assert(JET_cbKeyMostMost == 2000, "JET_cbKeyMostMost");
_Static_assert(JET_ccolMost == 0xfee0, "JET_ccolMost");
_Static_assert(JET_cbBookmarkMost == 256, "JET_cbBookmarkMost");
_Static_assert(JET_sesidNil == ~(JET_SESID)0, "JET_sesidNil");
_Static_assert(JET_tableidNil == ~(JET_TABLEID)0, "JET_tableidNil");
_Static_assert(JET_instanceNil == ~(JET_INSTANCE)0, "JET_instanceNil");
_Static_assert(JET_MAX_COMPUTERNAME_LENGTH == 15, "JET_MAX_COMPUTERNAME_LENGTH");
_Static_assert(JET_BASE_NAME_LENGTH == 3, "JET_BASE_NAME_LENGTH");

/* ---------------------------------------------------------------------
 * Structure sizes                                 x64      x86
 * ------------------------------------------------------------------- */
SIZE_IS(JET_INDEXID,                            20,    16);
SIZE_IS(JET_RSTMAP_A,                           16,     8);
SIZE_IS(JET_RSTMAP_W,                           16,     8);
SIZE_IS(JET_CONVERT_A,                          16,     8);
SIZE_IS(JET_CONVERT_W,                          16,     8);
SIZE_IS(JET_SNPROG,                             12,    12);
SIZE_IS(JET_DBINFOUPGRADE,                      28,    28);
SIZE_IS(JET_OBJECTINFO,                         40,    40);
SIZE_IS(JET_OBJECTLIST,                         56,    48);
SIZE_IS(JET_COLUMNLIST,                         80,    68);
SIZE_IS(JET_COLUMNDEF,                          28,    28);
SIZE_IS(JET_COLUMNBASE_A,                      540,   540);
SIZE_IS(JET_COLUMNBASE_W,                     1052,  1052);
SIZE_IS(JET_INDEXLIST,                          88,    76);
SIZE_IS(JET_COLUMNCREATE_A,                     56,    40);
SIZE_IS(JET_COLUMNCREATE_W,                     56,    40);
SIZE_IS(JET_USERDEFINEDDEFAULT_A,               32,    16);
SIZE_IS(JET_USERDEFINEDDEFAULT_W,               32,    16);
SIZE_IS(JET_CONDITIONALCOLUMN_A,                24,    12);
SIZE_IS(JET_CONDITIONALCOLUMN_W,                24,    12);
SIZE_IS(JET_UNICODEINDEX,                        8,     8);
SIZE_IS(JET_UNICODEINDEX2,                      16,     8);
SIZE_IS(JET_TUPLELIMITS,                        20,    20);
SIZE_IS(JET_SPACEHINTS,                         32,    32);
SIZE_IS(JET_INDEXCREATE_A,                      80,    48);
SIZE_IS(JET_INDEXCREATE_W,                      80,    48);
SIZE_IS(JET_INDEXCREATE2_A,                     88,    52);
SIZE_IS(JET_INDEXCREATE2_W,                     88,    52);
SIZE_IS(JET_INDEXCREATE3_A,                     88,    52);
SIZE_IS(JET_INDEXCREATE3_W,                     88,    52);
SIZE_IS(JET_TABLECREATE_A,                      80,    48);
SIZE_IS(JET_TABLECREATE_W,                      80,    48);
SIZE_IS(JET_TABLECREATE2_A,                     96,    56);
SIZE_IS(JET_TABLECREATE2_W,                     96,    56);
SIZE_IS(JET_TABLECREATE3_A,                    120,    68);
SIZE_IS(JET_TABLECREATE3_W,                    120,    68);
SIZE_IS(JET_TABLECREATE4_A,                    120,    68);
SIZE_IS(JET_TABLECREATE4_W,                    120,    68);
SIZE_IS(JET_OPENTEMPORARYTABLE,                 64,    36);
SIZE_IS(JET_OPENTEMPORARYTABLE2,                64,    36);
SIZE_IS(JET_RETINFO,                            16,    16);
SIZE_IS(JET_SETINFO,                            12,    12);
SIZE_IS(JET_RECPOS,                             16,    16);
SIZE_IS(JET_RECPOS2,                            32,    32);
SIZE_IS(JET_RECORDLIST,                         24,    16);
SIZE_IS(JET_INDEXRANGE,                         24,    12);
SIZE_IS(JET_INDEX_COLUMN,                       24,    20);
SIZE_IS(JET_INDEX_RANGE,                        32,    16);
SIZE_IS(JET_LOGTIME,                             8,     8);
SIZE_IS(JET_BKLOGTIME,                           8,     8);
SIZE_IS(JET_LGPOS,                               8,     8);
SIZE_IS(JET_SIGNATURE,                          28,    28);
SIZE_IS(JET_BKINFO,                             24,    24);
SIZE_IS(JET_DBINFOMISC,                        216,   216);
SIZE_IS(JET_DBINFOMISC2,                       296,   296);
SIZE_IS(JET_DBINFOMISC3,                       300,   300);
SIZE_IS(JET_DBINFOMISC4,                       348,   348);
SIZE_IS(JET_THREADSTATS,                        32,    32);
SIZE_IS(JET_THREADSTATS2,                       48,    44);
SIZE_IS(JET_RSTINFO_A,                          48,    32);
SIZE_IS(JET_RSTINFO_W,                          48,    32);
SIZE_IS(JET_ERRINFOBASIC_W,                    152,   152);
SIZE_IS(JET_COMMIT_ID,                          40,    40);
SIZE_IS(JET_OPERATIONCONTEXT,                    8,     8);
SIZE_IS(JET_LOGINFO_A,                          16,    16);
SIZE_IS(JET_LOGINFO_W,                          20,    20);
SIZE_IS(JET_INSTANCE_INFO_A,                    48,    24);
SIZE_IS(JET_INSTANCE_INFO_W,                    48,    24);
SIZE_IS(JET_SETCOLUMN,                          40,    28);
SIZE_IS(JET_SETSYSPARAM_A,                      32,    16);
SIZE_IS(JET_SETSYSPARAM_W,                      32,    16);
SIZE_IS(JET_RETRIEVECOLUMN,                     48,    36);
SIZE_IS(JET_ENUMCOLUMNID,                       16,    12);
SIZE_IS(JET_ENUMCOLUMNVALUE,                    24,    16);
SIZE_IS(JET_ENUMCOLUMN,                         24,    16);
SIZE_IS(JET_RECSIZE,                            64,    64);
SIZE_IS(JET_RECSIZE2,                           88,    88);

/* structures of the exported-but-undocumented functions */
SIZE_IS(JET_CHECKPOINTINFO,                     16,    16);
SIZE_IS(JET_DBINFOMISC5,                       380,   380);
SIZE_IS(JET_DBINFOMISC6,                       400,   400);
SIZE_IS(JET_DBINFOMISC7,                       416,   416);
SIZE_IS(JET_LOGINFOMISC,                        80,    80);
SIZE_IS(JET_LOGINFOMISC2,                       88,    88);
SIZE_IS(JET_SESSIONINFO,                        24,    20);
SIZE_IS(JET_RETRIEVEMULTIVALUECOUNT,             8,     8);
SIZE_IS(JET_PAGEINFO,                           48,    48);
SIZE_IS(JET_PAGEINFO2,                          96,    96);
SIZE_IS(JET_EMITDATACTX,                        40,    40);
SIZE_IS(JET_RBSINFOMISC,                        40,    36);
SIZE_IS(JET_RBSREVERTINFOMISC,                  48,    48);
SIZE_IS(JET_DBUTIL_A,                          136,    84);
SIZE_IS(JET_DBUTIL_W,                          136,    84);

/* ---------------------------------------------------------------------
 * Alignment of the byte-packed log structures (they are embedded at
 * 4-byte offsets in JET_DBINFOMISC* and must not add padding)
 * ------------------------------------------------------------------- */
ALIGN_IS(JET_LOGTIME,             1, 1);
ALIGN_IS(JET_BKLOGTIME,           1, 1);
ALIGN_IS(JET_LGPOS,               1, 1);
ALIGN_IS(JET_SIGNATURE,           1, 1);
ALIGN_IS(JET_BKINFO,              1, 1);
ALIGN_IS(JET_CHECKPOINTINFO,      1, 1);

/* ---------------------------------------------------------------------
 * Key field offsets                                           x64   x86
 * ------------------------------------------------------------------- */
OFFSET_IS(JET_CONVERT_A, fFlags,                                          8,    4);
OFFSET_IS(JET_OBJECTINFO, dtCreate,                                       8,    8);
OFFSET_IS(JET_OBJECTINFO, grbit,                                         24,   24);
OFFSET_IS(JET_OBJECTINFO, cPage,                                         36,   36);
OFFSET_IS(JET_OBJECTLIST, columnidcontainername,                         20,   12);
OFFSET_IS(JET_COLUMNDEF, cbMax,                                          20,   20);
OFFSET_IS(JET_COLUMNCREATE_A, pvDefault,                                 32,   20);
OFFSET_IS(JET_COLUMNCREATE_A, cp,                                        44,   28);
OFFSET_IS(JET_COLUMNCREATE_A, columnid,                                  48,   32);
OFFSET_IS(JET_COLUMNCREATE_A, err,                                       52,   36);
OFFSET_IS(JET_USERDEFINEDDEFAULT_A, szDependantColumns,                  24,   12);
OFFSET_IS(JET_CONDITIONALCOLUMN_A, grbit,                                16,    8);
OFFSET_IS(JET_UNICODEINDEX2, dwMapFlags,                                  8,    4);
OFFSET_IS(JET_INDEXCREATE_A, lcid,                                       40,   24);
OFFSET_IS(JET_INDEXCREATE_A, cbVarSegMac,                                48,   28);
OFFSET_IS(JET_INDEXCREATE_A, rgconditionalcolumn,                        56,   32);
OFFSET_IS(JET_INDEXCREATE_A, cbKeyMost,                                  72,   44);
OFFSET_IS(JET_INDEXCREATE2_A, pSpacehints,                               80,   48);
OFFSET_IS(JET_INDEXCREATE3_A, pidxunicode,                               40,   24);
OFFSET_IS(JET_INDEXCREATE3_A, err,                                       68,   40);
OFFSET_IS(JET_INDEXCREATE3_A, cbKeyMost,                                 72,   44);
OFFSET_IS(JET_TABLECREATE_A, tableid,                                    64,   40);
OFFSET_IS(JET_TABLECREATE2_A, cbtyp,                                     72,   40);
OFFSET_IS(JET_TABLECREATE2_A, tableid,                                   80,   48);
OFFSET_IS(JET_TABLECREATE3_A, pSeqSpacehints,                            80,   48);
OFFSET_IS(JET_TABLECREATE3_A, cbSeparateLV,                              96,   56);
OFFSET_IS(JET_TABLECREATE3_A, tableid,                                  104,   60);
OFFSET_IS(JET_TABLECREATE4_A, cbSeparateLV,                              96,   56);
OFFSET_IS(JET_OPENTEMPORARYTABLE, prgcolumnid,                           40,   20);
OFFSET_IS(JET_OPENTEMPORARYTABLE, cbVarSegMac,                           52,   28);
OFFSET_IS(JET_OPENTEMPORARYTABLE, tableid,                               56,   32);
OFFSET_IS(JET_RETINFO, columnidNextTagged,                               12,   12);
OFFSET_IS(JET_RECPOS2, centriesLT,                                       16,   16);
OFFSET_IS(JET_RECORDLIST, columnidBookmark,                              20,   12);
OFFSET_IS(JET_INDEXRANGE, grbit,                                         16,    8);
OFFSET_IS(JET_INDEX_COLUMN, pv,                                           8,    8);
OFFSET_IS(JET_INDEX_COLUMN, grbit,                                       20,   16);
OFFSET_IS(JET_INDEX_RANGE, rgEndColumns,                                 16,    8);
OFFSET_IS(JET_SIGNATURE, szComputerName,                                 12,   12);
OFFSET_IS(JET_BKINFO, genLow,                                            16,   16);
OFFSET_IS(JET_DBINFOMISC, signDb,                                         8,    8);
OFFSET_IS(JET_DBINFOMISC, dbstate,                                       36,   36);
OFFSET_IS(JET_DBINFOMISC, signLog,                                       88,   88);
OFFSET_IS(JET_DBINFOMISC, bkinfoFullPrev,                               116,  116);
OFFSET_IS(JET_DBINFOMISC, fShadowingDisabled,                           188,  188);
OFFSET_IS(JET_DBINFOMISC, cbPageSize,                                   212,  212);
OFFSET_IS(JET_DBINFOMISC4, genCommitted,                                296,  296);
OFFSET_IS(JET_DBINFOMISC4, bkinfoCopyPrev,                              300,  300);
OFFSET_IS(JET_THREADSTATS2, cusecPageCacheMiss,                          32,   32);
OFFSET_IS(JET_RSTINFO_A, rgrstmap,                                        8,    4);
OFFSET_IS(JET_RSTINFO_A, crstmap,                                        16,    8);
OFFSET_IS(JET_RSTINFO_A, lgposStop,                                      20,   12);
OFFSET_IS(JET_RSTINFO_A, logtimeStop,                                    28,   20);
OFFSET_IS(JET_RSTINFO_A, pfnStatus,                                      40,   28);
OFFSET_IS(JET_ERRINFOBASIC_W, rgCategoricalHierarchy,                    12,   12);
OFFSET_IS(JET_ERRINFOBASIC_W, lSourceLine,                               20,   20);
OFFSET_IS(JET_ERRINFOBASIC_W, rgszSourceFile,                            24,   24);
OFFSET_IS(JET_COMMIT_ID, reserved,                                       28,   28);
OFFSET_IS(JET_COMMIT_ID, commitId,                                       32,   32);
OFFSET_IS(JET_INSTANCE_INFO_A, cDatabases,                               16,    8);
OFFSET_IS(JET_SETCOLUMN, cbData,                                         16,    8);
OFFSET_IS(JET_SETSYSPARAM_A, lParam,                                      8,    4);
OFFSET_IS(JET_SETSYSPARAM_A, sz,                                         16,    8);
OFFSET_IS(JET_SETSYSPARAM_A, err,                                        24,   12);
OFFSET_IS(JET_RETRIEVECOLUMN, cbData,                                    16,    8);
OFFSET_IS(JET_RETRIEVECOLUMN, err,                                       40,   32);
OFFSET_IS(JET_ENUMCOLUMNID, rgtagSequence,                                8,    8);
OFFSET_IS(JET_ENUMCOLUMNVALUE, pvData,                                   16,   12);
OFFSET_IS(JET_ENUMCOLUMN, cEnumColumnValue,                               8,    8);
OFFSET_IS(JET_ENUMCOLUMN, pvData,                                        16,   12);
OFFSET_IS(JET_ENUMCOLUMN, rgEnumColumnValue,                             16,   12);
OFFSET_IS(JET_CHECKPOINTINFO, logtimeGenMaxCreate,                        8,    8);
OFFSET_IS(JET_DBINFOMISC7, logtimeLastReAttach,                         400,  400);
OFFSET_IS(JET_DBINFOMISC7, lgposLastReAttach,                           408,  408);
OFFSET_IS(JET_LOGINFOMISC2, lgposCheckpoint,                             80,   80);
OFFSET_IS(JET_SESSIONINFO, ulTrxContext,                                 16,   16);
OFFSET_IS(JET_PAGEINFO, checksumActual,                                   8,    8);
OFFSET_IS(JET_EMITDATACTX, logtimeEmit,                                  20,   20);
OFFSET_IS(JET_EMITDATACTX, cbLogData,                                    36,   36);
OFFSET_IS(JET_RBSINFOMISC, cbLogicalFileSize,                            32,   28);
OFFSET_IS(JET_DBUTIL_A, op,                                              32,   16);
OFFSET_IS(JET_DBUTIL_A, grbitOptions,                                    40,   24);
OFFSET_IS(JET_DBUTIL_A, szDatabase,                                      48,   28);

/* Linked into a test program to show that this translation unit compiled. */
int esent_abi_checked(void);
int esent_abi_checked(void)
{
    return 1;
}
