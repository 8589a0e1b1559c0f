/* Databases: JetGetDatabaseFileInfo, JetAttachDatabase(2), JetDetachDatabase(2), JetOpenDatabase,
 * JetCloseDatabase, JetCreateDatabase(2), JetGetDatabaseInfo, JetGrowDatabase, JetSetDatabaseSize.
 * The engine side is storage/database.h. */
#include "api/api.h"

#include <string.h>

#include "session/session.h"
#include "storage/database.h"
#include "table/tdb.h"
#include "table/trx.h"
#include "table/tsession.h"
#include "util/path.h"
#include "util/wstr.h"

/* Options each call accepts; any other bit is JET_errInvalidGrbit. */
#define ATTACH_GRBITS (JET_bitDbReadOnly | JET_bitDbDeleteCorruptIndexes | JET_bitDbDeleteUnicodeIndexes | \
                       JET_bitDbUpgrade | JET_bitDbEnableBackgroundMaintenance | JET_bitDbPurgeCacheOnAttach)
#define OPEN_GRBITS   (JET_bitDbReadOnly | JET_bitDbExclusive)
#define DETACH_GRBITS (JET_bitForceCloseAndDetach)
#define CREATE_GRBITS (JET_bitDbOverwriteExisting | JET_bitDbRecoveryOff | JET_bitDbShadowingOff)
#define CPG_DATABASE_MOST ESENT_DB_CPG_MOST   /* JetCreateDatabase2/JetAttachDatabase2: JET_errDatabaseInvalidPages above */
#define CPG_SET_SIZE_MIN  256u   /* JetSetDatabaseSize: "the current minimum database size is 256 pages" */

/* JetGetDatabaseInfo's answers to the levels the documentation calls "not yet supported, return default
 * values", and the engine's constants. */
#define DBINFO_COUNTRY    1u        /* as the column lists report wCountry */
#define DBINFO_LCID       0x0409u   /* en-US, the engine's default locale */
#define DBINFO_CP         1252u     /* the catalog's code page */
#define DBINFO_COLLATE    0u        /* as the column lists report Collate */
#define DBINFO_VERSION    0x620u    /* "the database engine's native major version ... 0x620" */

static int empty(const WCHAR *s) { return s == NULL || s[0] == 0; }

/* ---- JET_DBINFOMISC family ---- */

static int dbinfomisc_size_ok(uint32_t cb)
{
    return cb == sizeof(JET_DBINFOMISC) || cb == sizeof(JET_DBINFOMISC2) || cb == sizeof(JET_DBINFOMISC3) ||
           cb == sizeof(JET_DBINFOMISC4) || cb == sizeof(JET_DBINFOMISC5) || cb == sizeof(JET_DBINFOMISC6) ||
           cb == sizeof(JET_DBINFOMISC7);
}

/* Fills the newest version; every older one is a prefix of it. */
static void fill_dbinfomisc(const esent_dbheader *h, JET_DBINFOMISC7 *m)
{
    memset(m, 0, sizeof *m);
    m->ulVersion = h->version;
    m->ulUpdate = h->dae_update_major;
    m->signDb = h->sign_db;
    m->dbstate = h->dbstate;
    m->lgposConsistent = h->lgpos_consistent;
    m->logtimeConsistent = h->logtime_consistent;
    m->logtimeAttach = h->logtime_attach;
    m->lgposAttach = h->lgpos_attach;
    m->logtimeDetach = h->logtime_detach;
    m->lgposDetach = h->lgpos_detach;
    m->signLog = h->sign_log;
    m->bkinfoFullPrev = h->bkinfo_full_prev;
    m->bkinfoIncPrev = h->bkinfo_inc_prev;
    m->bkinfoFullCur = h->bkinfo_full_cur;
    m->fShadowingDisabled = (h->db_flags & ESENT_DBFLAG_SHADOWING_DISABLED) ? 1u : 0u;
    m->fUpgradeDb = 0;   /* never populated by the engine's loader (ese-api.md §2.5) */
    m->dwMajorVersion = h->major_version;
    m->dwMinorVersion = h->minor_version;
    m->dwBuildNumber = h->build_number;
    m->lSPNumber = (int32_t)h->sp_number;
    m->cbPageSize = h->cb_page_size;
    m->genMinRequired = (uint32_t)h->gen_min_required;
    m->genMaxRequired = (uint32_t)h->gen_max_required;
    m->logtimeGenMaxCreate = h->logtime_gen_max_create;
    m->ulRepairCount = h->repair_count;
    m->logtimeRepair = h->logtime_repair;
    m->ulRepairCountOld = h->repair_count_old;
    m->ulECCFixSuccess = h->ecc_fix_success.count;
    m->logtimeECCFixSuccess = h->ecc_fix_success.logtime;
    m->ulECCFixSuccessOld = h->ecc_fix_success.count_old;
    m->ulECCFixFail = h->ecc_fix_fail.count;
    m->logtimeECCFixFail = h->ecc_fix_fail.logtime;
    m->ulECCFixFailOld = h->ecc_fix_fail.count_old;
    m->ulBadChecksum = h->bad_checksum.count;
    m->logtimeBadChecksum = h->bad_checksum.logtime;
    m->ulBadChecksumOld = h->bad_checksum.count_old;
    m->genCommitted = (uint32_t)h->gen_max_committed;
    m->bkinfoCopyPrev = h->bkinfo_copy_prev;
    m->bkinfoDiffPrev = h->bkinfo_diff_prev;
    m->ulIncrementalReseedCount = h->incremental_reseed.count;
    m->logtimeIncrementalReseed = h->incremental_reseed.logtime;
    m->ulIncrementalReseedCountOld = h->incremental_reseed.count_old;
    m->ulPagePatchCount = h->page_patch.count;
    m->logtimePagePatch = h->page_patch.logtime;
    m->ulPagePatchCountOld = h->page_patch.count_old;
    m->logtimeChecksumPrev = h->logtime_dbscan_prev;
    m->logtimeChecksumStart = h->logtime_dbscan_start;
    m->cpgDatabaseChecked = h->pgno_dbscan_highest_continuous;
    m->logtimeLastReAttach = h->logtime_last_reattach;
    m->lgposLastReAttach = h->lgpos_last_reattach;
}

static JET_ERR put_dbinfomisc(const esent_dbheader *h, void *pv, uint32_t cb)
{
    if (!dbinfomisc_size_ok(cb))
        return JET_errInvalidBufferSize;
    JET_DBINFOMISC7 m;
    fill_dbinfomisc(h, &m);
    memcpy(pv, &m, cb);
    return JET_errSuccess;
}

static JET_ERR put_u32(uint32_t v, void *pv, uint32_t cb, JET_ERR too_small)
{
    if (cb < sizeof v)
        return too_small;
    memcpy(pv, &v, sizeof v);
    return JET_errSuccess;
}

/* ---- JetGetDatabaseFileInfo ---- */

JET_ERR JET_API JetGetDatabaseFileInfoW(JET_PCWSTR szDatabaseName, void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    if (pvResult == NULL)
        return JET_errInvalidParameter;
    if (empty(szDatabaseName))
        return JET_errDatabaseInvalidPath;
    /* The buffer rules of each level are checked before the file is touched. */
    switch (InfoLevel) {
    case JET_DbInfoMisc:
        if (!dbinfomisc_size_ok(cbMax))
            return JET_errInvalidBufferSize;
        break;
    case JET_DbInfoPageSize:
    case JET_DbInfoFileType:
        if (cbMax < sizeof(uint32_t))
            return JET_errInvalidBufferSize;
        break;
    case JET_DbInfoFilesize:
        if (cbMax < sizeof(uint64_t))
            return JET_errInvalidBufferSize;
        break;
    case JET_DbInfoUpgrade:
        if (cbMax < sizeof(JET_DBINFOUPGRADE))
            return JET_errInvalidBufferSize;
        break;
    default:
        return JET_errInvalidParameter;
    }

    WCHAR *full = NULL;
    JET_ERR err = esent_path_full((const WCHAR *)szDatabaseName, NULL, 0, &full);
    if (err < 0)
        return err;
    esent_db_fileinfo info;
    err = esent_db_file_info(full, &info);
    esent_wfree(full);
    if (err < 0)
        return err;

    switch (InfoLevel) {
    case JET_DbInfoMisc:
        return put_dbinfomisc(&info.hdr, pvResult, cbMax);
    case JET_DbInfoPageSize:
        return put_u32(info.cb_page, pvResult, cbMax, JET_errInvalidBufferSize);
    case JET_DbInfoFileType:
        return put_u32(info.hdr.filetype, pvResult, cbMax, JET_errInvalidBufferSize);
    case JET_DbInfoFilesize:
        memcpy(pvResult, &info.cb_file, sizeof info.cb_file);
        return JET_errSuccess;
    default: { /* JET_DbInfoUpgrade: this engine never upgrades a file in place */
        JET_DBINFOUPGRADE up;
        memset(&up, 0, sizeof up);
        up.cbStruct = sizeof up;
        up.cbFilesizeLow = (uint32_t)info.cb_file;
        up.cbFilesizeHigh = (uint32_t)(info.cb_file >> 32);
        up.fUpgradable = 0;
        up.fAlreadyUpgraded = 1;
        memcpy(pvResult, &up, sizeof up);
        return JET_errSuccess;
    }
    }
}

JET_ERR JET_API JetGetDatabaseFileInfoA(JET_PCSTR szDatabaseName, void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    WCHAR *w = NULL;
    JET_ERR err = esent_a_to_w(szDatabaseName, &w);
    if (err < 0)
        return err;
    err = JetGetDatabaseFileInfoW((JET_PCWSTR)w, pvResult, cbMax, InfoLevel);
    esent_wfree(w);
    return err;
}

/* ---- attach / detach ---- */

JET_ERR JET_API JetAttachDatabase2W(JET_SESID sesid, JET_PCWSTR szFilename, const uint32_t cpgDatabaseSizeMax,
                                    JET_GRBIT grbit)
{
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    WCHAR *full = NULL;
    if (empty((const WCHAR *)szFilename))
        err = JET_errDatabaseInvalidPath;
    else if (grbit & ~(JET_GRBIT)ATTACH_GRBITS)
        err = JET_errInvalidGrbit;
    else if (cpgDatabaseSizeMax > CPG_DATABASE_MOST)
        err = JET_errDatabaseInvalidPages;
    else
        err = esent_path_full((const WCHAR *)szFilename, NULL, 0, &full);
    /* cpgDatabaseSizeMax is accepted and not enforced. The index options and JET_paramEnableIndexChecking are
     * the table layer's (indexes over Unicode text built with another sort order: docs/sortkeys.md). */
    if (err == JET_errSuccess)
        err = esent_tdb_attach(s, full, grbit);
    esent_wfree(full);
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetAttachDatabaseW(JET_SESID sesid, JET_PCWSTR szFilename, JET_GRBIT grbit)
{
    return JetAttachDatabase2W(sesid, szFilename, 0, grbit);
}

JET_ERR JET_API JetAttachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename, const uint32_t cpgDatabaseSizeMax,
                                    JET_GRBIT grbit)
{
    WCHAR *w = NULL;
    JET_ERR err = esent_a_to_w(szFilename, &w);
    if (err < 0)
        return err;
    err = JetAttachDatabase2W(sesid, (JET_PCWSTR)w, cpgDatabaseSizeMax, grbit);
    esent_wfree(w);
    return err;
}

JET_ERR JET_API JetAttachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_GRBIT grbit)
{
    return JetAttachDatabase2A(sesid, szFilename, 0, grbit);
}

JET_ERR JET_API JetDetachDatabase2W(JET_SESID sesid, JET_PCWSTR szFilename, JET_GRBIT grbit)
{
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    WCHAR *full = NULL;
    if (grbit & ~(JET_GRBIT)DETACH_GRBITS)
        err = JET_errInvalidGrbit;
    else if (!empty((const WCHAR *)szFilename))
        err = esent_path_full((const WCHAR *)szFilename, NULL, 0, &full);
    if (err == JET_errSuccess) {
        esent_data_lock();      /* a forced detach closes cursors (table/tdb.h) */
        err = esent_db_detach(s->inst, full, (grbit & JET_bitForceDetach) != 0);
        esent_data_unlock();
    }
    esent_wfree(full);
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetDetachDatabaseW(JET_SESID sesid, JET_PCWSTR szFilename)
{
    return JetDetachDatabase2W(sesid, szFilename, 0);
}

JET_ERR JET_API JetDetachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename, JET_GRBIT grbit)
{
    WCHAR *w = NULL;
    JET_ERR err = esent_a_to_w(szFilename, &w);
    if (err < 0)
        return err;
    err = JetDetachDatabase2W(sesid, (JET_PCWSTR)w, grbit);
    esent_wfree(w);
    return err;
}

JET_ERR JET_API JetDetachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename)
{
    return JetDetachDatabase2A(sesid, szFilename, 0);
}

/* ---- open / close ---- */

JET_ERR JET_API JetOpenDatabaseW(JET_SESID sesid, JET_PCWSTR szFilename, JET_PCWSTR szConnect, JET_DBID *pdbid,
                                 JET_GRBIT grbit)
{
    (void)szConnect;   /* reserved */
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    WCHAR *full = NULL;
    if (pdbid == NULL)
        err = JET_errInvalidParameter;
    else if (empty((const WCHAR *)szFilename))
        err = JET_errDatabaseInvalidPath;
    else if (grbit & ~(JET_GRBIT)OPEN_GRBITS)
        err = JET_errInvalidGrbit;
    else
        err = esent_path_full((const WCHAR *)szFilename, NULL, 0, &full);
    if (err == JET_errSuccess)
        err = esent_db_open(s, full, grbit, pdbid);
    esent_wfree(full);
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetOpenDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_PCSTR szConnect, JET_DBID *pdbid,
                                 JET_GRBIT grbit)
{
    (void)szConnect;
    WCHAR *w = NULL;
    JET_ERR err = esent_a_to_w(szFilename, &w);
    if (err < 0)
        return err;
    err = JetOpenDatabaseW(sesid, (JET_PCWSTR)w, NULL, pdbid, grbit);
    esent_wfree(w);
    return err;
}

JET_ERR JET_API JetCloseDatabase(JET_SESID sesid, JET_DBID dbid, JET_GRBIT grbit)
{
    (void)grbit;   /* reserved */
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    err = esent_db_close(s, dbid);
    if (err >= 0)
        esent_table_database_closed(s, dbid);
    esent_session_leave(s);
    return err;
}

/* ---- create ---- */

JET_ERR JET_API JetCreateDatabase2W(JET_SESID sesid, JET_PCWSTR szFilename, const uint32_t cpgDatabaseSizeMax,
                                    JET_DBID *pdbid, JET_GRBIT grbit)
{
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    WCHAR *full = NULL;
    if (pdbid == NULL)
        err = JET_errInvalidParameter;
    else if (empty((const WCHAR *)szFilename))
        err = JET_errDatabaseInvalidPath;
    else if (grbit & ~(JET_GRBIT)CREATE_GRBITS)
        err = JET_errInvalidGrbit;
    else if (cpgDatabaseSizeMax > CPG_DATABASE_MOST)
        err = JET_errDatabaseInvalidPages;
    else
        err = esent_path_full((const WCHAR *)szFilename, NULL, 0, &full);
    if (err == JET_errSuccess && esent_db_is_attached(full))
        err = JET_errDatabaseDuplicate;
    if (err == JET_errSuccess) {
        err = esent_db_create_file(s->inst, full, (grbit & JET_bitDbOverwriteExisting) != 0);
        if (err == JET_errInvalidPath)
            err = JET_errDatabaseInvalidPath;   /* the folder does not exist */
    }
    if (err == JET_errSuccess) {
        err = esent_db_attach(s->inst, full, 0, NULL);
        if (err < 0)
            DeleteFileW((LPCWSTR)full);   /* e.g. JET_errTooManyAttachedDatabases: leave no file behind */
    }
    if (err == JET_errSuccess)
        err = esent_db_open(s, full, 0, pdbid);
    esent_wfree(full);
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetCreateDatabaseW(JET_SESID sesid, JET_PCWSTR szFilename, JET_PCWSTR szConnect, JET_DBID *pdbid,
                                   JET_GRBIT grbit)
{
    (void)szConnect;
    return JetCreateDatabase2W(sesid, szFilename, 0, pdbid, grbit);
}

JET_ERR JET_API JetCreateDatabase2A(JET_SESID sesid, JET_PCSTR szFilename, const uint32_t cpgDatabaseSizeMax,
                                    JET_DBID *pdbid, JET_GRBIT grbit)
{
    WCHAR *w = NULL;
    JET_ERR err = esent_a_to_w(szFilename, &w);
    if (err < 0)
        return err;
    err = JetCreateDatabase2W(sesid, (JET_PCWSTR)w, cpgDatabaseSizeMax, pdbid, grbit);
    esent_wfree(w);
    return err;
}

JET_ERR JET_API JetCreateDatabaseA(JET_SESID sesid, JET_PCSTR szFilename, JET_PCSTR szConnect, JET_DBID *pdbid,
                                   JET_GRBIT grbit)
{
    (void)szConnect;
    return JetCreateDatabase2A(sesid, szFilename, 0, pdbid, grbit);
}

/* ---- JetGetDatabaseInfo ---- */

/* A string for JetGetDatabaseInfo: ANSI or UTF-16 with its terminator; JET_errBufferTooSmall when it does
 * not fit. */
static JET_ERR put_string(const WCHAR *w, void *pv, uint32_t cb, int ansi)
{
    if (ansi)
        return esent_w_to_a(w, (char *)pv, cb);
    size_t need = (esent_wlen(w) + 1u) * sizeof(WCHAR);
    if (need > cb)
        return JET_errBufferTooSmall;
    memcpy(pv, w, need);
    return JET_errSuccess;
}

/* Session s entered, data lock held (SpaceOwned/SpaceAvailable read the space trees). The database is
 * looked up first (JET_errInvalidDatabaseId), then the level (JET_errInvalidParameter for one this function
 * does not answer), then the buffer. */
static JET_ERR database_info(esent_session *s, JET_DBID dbid, void *pv, uint32_t cb, uint32_t level, int ansi)
{
    esent_db_fileinfo info;
    WCHAR *path = NULL;
    int exclusive = 0;
    const int now = level == JET_DbInfoMisc || level == JET_DbInfoFilesize;
    JET_ERR err = esent_db_info(s, dbid, now, &info, level == JET_DbInfoFilename ? &path : NULL, &exclusive);
    if (err < 0)
        return err;
    switch (level) {
    case JET_DbInfoFilename:
        err = put_string(path, pv, cb, ansi);
        break;
    case JET_DbInfoConnect: {   /* deprecated: the empty connect string */
        static const WCHAR none[1] = { 0 };
        err = put_string(none, pv, cb, ansi);
        break;
    }
    case JET_DbInfoCountry:
        err = put_u32(DBINFO_COUNTRY, pv, cb, JET_errBufferTooSmall);
        break;
    case JET_DbInfoLCID:
        err = put_u32(DBINFO_LCID, pv, cb, JET_errBufferTooSmall);
        break;
    case JET_DbInfoCp:
        err = put_u32(DBINFO_CP, pv, cb, JET_errBufferTooSmall);
        break;
    case JET_DbInfoCollate:
        err = put_u32(DBINFO_COLLATE, pv, cb, JET_errBufferTooSmall);
        break;
    case JET_DbInfoOptions:   /* only JET_bitDbExclusive is reported */
        err = put_u32(exclusive ? JET_bitDbExclusive : 0u, pv, cb, JET_errBufferTooSmall);
        break;
    case JET_DbInfoTransactions:   /* 7, as the documentation gives for ESENT (see docs/behaviour.md) */
        err = put_u32(ESENT_TRX_LEVELS_MOST, pv, cb, JET_errBufferTooSmall);
        break;
    case JET_DbInfoVersion:
        err = put_u32(DBINFO_VERSION, pv, cb, JET_errBufferTooSmall);
        break;
    case JET_DbInfoIsam:
        err = JET_errFeatureNotAvailable;
        break;
    case JET_DbInfoFilesize: {   /* pages, the two header pages excluded */
        uint64_t cpg = info.cb_file / info.cb_page;
        err = put_u32(cpg > 2 ? (uint32_t)(cpg - 2) : 0u, pv, cb, JET_errBufferTooSmall);
        break;
    }
    case JET_DbInfoSpaceOwned:
    case JET_DbInfoSpaceAvailable: {
        uint32_t owned = 0, avail = 0;
        if (cb < sizeof(uint32_t))
            err = JET_errBufferTooSmall;
        else
            err = esent_db_space(s, dbid, &owned, &avail);
        if (err >= 0)
            err = put_u32(level == JET_DbInfoSpaceOwned ? owned : avail, pv, cb, JET_errBufferTooSmall);
        break;
    }
    case JET_DbInfoMisc:
        err = put_dbinfomisc(&info.hdr, pv, cb);
        break;
    case JET_DbInfoPageSize:
        err = put_u32(info.cb_page, pv, cb, JET_errBufferTooSmall);
        break;
    default:   /* JetGetDatabaseFileInfo's levels (Upgrade, DBInUse, FileType, ...) and unknown ones */
        err = JET_errInvalidParameter;
        break;
    }
    esent_wfree(path);
    return err;
}

static JET_ERR get_database_info(JET_SESID sesid, JET_DBID dbid, void *pvResult, uint32_t cbMax, uint32_t InfoLevel,
                                 int ansi)
{
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    if (pvResult == NULL) {
        err = JET_errInvalidParameter;
    } else {
        esent_data_lock();
        err = database_info(s, dbid, pvResult, cbMax, InfoLevel, ansi);
        esent_data_unlock();
    }
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetGetDatabaseInfoW(JET_SESID sesid, JET_DBID dbid, void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    return get_database_info(sesid, dbid, pvResult, cbMax, InfoLevel, 0);
}

JET_ERR JET_API JetGetDatabaseInfoA(JET_SESID sesid, JET_DBID dbid, void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    return get_database_info(sesid, dbid, pvResult, cbMax, InfoLevel, 1);
}

/* ---- growing ---- */

JET_ERR JET_API JetGrowDatabase(JET_SESID sesid, JET_DBID dbid, uint32_t cpg, uint32_t *pcpgReal)
{
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    uint32_t cpg_real = 0;
    esent_data_lock();
    err = esent_db_grow(s, dbid, cpg, &cpg_real);
    esent_data_unlock();
    esent_session_leave(s);
    if (err >= 0 && pcpgReal != NULL)
        *pcpgReal = cpg_real;
    return err;
}

JET_ERR JET_API JetSetDatabaseSizeW(JET_SESID sesid, JET_PCWSTR szDatabaseName, uint32_t cpg, uint32_t *pcpgReal)
{
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    WCHAR *full = NULL;
    uint32_t cpg_real = 0;
    if (empty((const WCHAR *)szDatabaseName))
        err = JET_errDatabaseInvalidPath;
    else if (cpg < CPG_SET_SIZE_MIN)
        err = JET_errInvalidParameter;
    else
        err = esent_path_full((const WCHAR *)szDatabaseName, NULL, 0, &full);
    if (err == JET_errSuccess)
        err = esent_db_set_size(full, cpg, &cpg_real);
    esent_wfree(full);
    esent_session_leave(s);
    if (err >= 0 && pcpgReal != NULL)
        *pcpgReal = cpg_real;
    return err;
}

JET_ERR JET_API JetSetDatabaseSizeA(JET_SESID sesid, JET_PCSTR szDatabaseName, uint32_t cpg, uint32_t *pcpgReal)
{
    WCHAR *w = NULL;
    JET_ERR err = esent_a_to_w(szDatabaseName, &w);
    if (err < 0)
        return err;
    err = JetSetDatabaseSizeW(sesid, (JET_PCWSTR)w, cpg, pcpgReal);
    esent_wfree(w);
    return err;
}
