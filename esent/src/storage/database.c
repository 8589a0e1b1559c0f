#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "param/param.h"
#include "storage/database.h"
#include "storage/dbimage.h"
#include "storage/pagefile.h"
#include "util/fileio.h"
#include "util/oserr.h"
#include "util/wstr.h"

typedef struct db_open {
    JET_SESID sesid;
    uint32_t  count;
} db_open;

typedef struct esent_db {
    struct esent_db *next;
    esent_instance  *inst;
    JET_DBID         dbid;
    WCHAR           *path;         /* full path */
    int              read_only;
    esent_pagefile  *pf;           /* read-only attach */
    HANDLE           h;            /* read-write attach; INVALID_HANDLE_VALUE otherwise */
    esent_db_fileinfo info;
    db_open         *opens;
    uint32_t         copens, cap_opens;
    JET_SESID        excl;         /* session holding an exclusive open, or 0 */
} esent_db;

static SRWLOCK g_lock = SRWLOCK_INIT;
static esent_db *g_dbs;             /* every attached database of the process */

/* ---- file helpers ---- */

/* The file's size and elected header (no attach checks: the file-info calls read any database). */
static JET_ERR read_file_header(HANDLE h, esent_db_fileinfo *info)
{
    LARGE_INTEGER size;
    if (!GetFileSizeEx(h, &size) || size.QuadPart < 0) {
        JET_ERR e = esent_err_from_win32(GetLastError());
        return e == JET_errSuccess ? JET_errDiskIO : e;
    }
    info->cb_file = (uint64_t)size.QuadPart;
    return esent_pagefile_read_header(h, info->cb_file, 0, &info->hdr, &info->cb_page, NULL);
}

/* ---- table helpers (database lock held) ---- */

static esent_db *find_path(const WCHAR *path)
{
    for (esent_db *d = g_dbs; d != NULL; d = d->next) {
        if (esent_wcmp(d->path, path) == 0)   /* as JetInit compares its paths */
            return d;
    }
    return NULL;
}

static esent_db *find_dbid(const esent_instance *inst, JET_DBID dbid)
{
    for (esent_db *d = g_dbs; d != NULL; d = d->next) {
        if (d->inst == inst && d->dbid == dbid)
            return d;
    }
    return NULL;
}

/* Drops the opens of sessions that ended without closing them. */
static void prune_opens(esent_db *d)
{
    uint32_t j = 0;
    for (uint32_t i = 0; i < d->copens; i++) {
        if (esent_session_get(d->opens[i].sesid) != NULL)
            d->opens[j++] = d->opens[i];
        else if (d->excl == d->opens[i].sesid)
            d->excl = 0;
    }
    d->copens = j;
}

static db_open *find_open(esent_db *d, JET_SESID sesid)
{
    for (uint32_t i = 0; i < d->copens; i++) {
        if (d->opens[i].sesid == sesid)
            return &d->opens[i];
    }
    return NULL;
}

static void db_free(esent_db *d)
{
    esent_pagefile_close(d->pf);
    if (d->h != INVALID_HANDLE_VALUE)
        CloseHandle(d->h);
    free(d->path);
    free(d->opens);
    free(d);
}

static void unlink_db(esent_db *d)
{
    for (esent_db **pp = &g_dbs; *pp != NULL; pp = &(*pp)->next) {
        if (*pp == d) {
            *pp = d->next;
            return;
        }
    }
}

static uint32_t instance_page_size(const esent_instance *inst)
{
    return (uint32_t)esent_param_num(inst, JET_paramDatabasePageSize);
}

/* ---- attach / detach ---- */

static JET_ERR attach_locked(esent_instance *inst, const WCHAR *path, JET_GRBIT grbit, JET_DBID *pdbid)
{
    esent_db *d = find_path(path);
    if (d != NULL) {
        if (d->inst != inst)
            return JET_errDatabaseSharingViolation;
        if (pdbid != NULL)
            *pdbid = d->dbid;
        return JET_wrnDatabaseAttached;
    }
    JET_DBID dbid = 1;
    while (dbid <= ESENT_DB_PER_INSTANCE && find_dbid(inst, dbid) != NULL)
        dbid++;
    if (dbid > ESENT_DB_PER_INSTANCE)
        return JET_errTooManyAttachedDatabases;

    d = (esent_db *)calloc(1, sizeof *d);
    if (d == NULL || (d->path = esent_wdup(path)) == NULL) {
        free(d);
        return JET_errOutOfMemory;
    }
    d->inst = inst;
    d->dbid = dbid;
    d->h = INVALID_HANDLE_VALUE;
    d->read_only = (grbit & JET_bitDbReadOnly) != 0;
    JET_ERR err;
    if (d->read_only) {
        err = esent_pagefile_open(path, 0, &d->pf);
        if (err == JET_errSuccess) {
            d->info.hdr = *esent_pagefile_header(d->pf);
            d->info.cb_page = esent_pagefile_page_size(d->pf);
            d->info.cb_file = ((uint64_t)esent_pagefile_page_count(d->pf) + 2u) * d->info.cb_page;
        }
    } else {
        d->h = CreateFileW((LPCWSTR)path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
        if (d->h == INVALID_HANDLE_VALUE) {
            DWORD e = GetLastError();
            DWORD attrs = GetFileAttributesW((LPCWSTR)path);
            /* A file with the read-only attribute cannot be attached for writing. */
            err = e == ERROR_ACCESS_DENIED && attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_READONLY)
                      ? JET_errDatabaseFileReadOnly
                      : esent_err_from_win32(e);
        } else {
            err = read_file_header(d->h, &d->info);
            if (err == JET_errSuccess)
                err = esent_dbheader_check_attach(&d->info.hdr, 0);
        }
    }
    if (err == JET_errSuccess)
        err = esent_dbheader_check_attach(&d->info.hdr, instance_page_size(inst));
    if (err == JET_errSuccess && d->info.hdr.dbstate != JET_dbstateCleanShutdown)
        err = JET_errDatabaseDirtyShutdown;   /* needs recovery, which does not exist yet */
    if (err < 0) {
        db_free(d);
        return err;
    }
    d->next = g_dbs;
    g_dbs = d;
    if (pdbid != NULL)
        *pdbid = dbid;
    return JET_errSuccess;
}

JET_ERR esent_db_attach(esent_instance *inst, const WCHAR *path, JET_GRBIT grbit, JET_DBID *pdbid)
{
    AcquireSRWLockExclusive(&g_lock);
    JET_ERR err = attach_locked(inst, path, grbit, pdbid);
    ReleaseSRWLockExclusive(&g_lock);
    return err;
}

JET_ERR esent_db_detach(esent_instance *inst, const WCHAR *path, int force)
{
    JET_ERR err = JET_errSuccess;
    AcquireSRWLockExclusive(&g_lock);
    if (path != NULL) {
        esent_db *d = find_path(path);
        if (d == NULL || d->inst != inst) {
            err = JET_errDatabaseNotFound;
        } else {
            prune_opens(d);
            if (d->copens > 0 && !force) {
                err = JET_errDatabaseInUse;
            } else {
                unlink_db(d);
                db_free(d);
            }
        }
    } else {
        for (esent_db *d = g_dbs; d != NULL; d = d->next) {
            if (d->inst != inst)
                continue;
            prune_opens(d);
            if (d->copens > 0 && !force)
                err = JET_errDatabaseInUse;
        }
        if (err == JET_errSuccess) {
            esent_db **pp = &g_dbs;
            while (*pp != NULL) {
                esent_db *d = *pp;
                if (d->inst == inst) {
                    *pp = d->next;
                    db_free(d);
                } else {
                    pp = &d->next;
                }
            }
        }
    }
    ReleaseSRWLockExclusive(&g_lock);
    return err;
}

void esent_db_term(esent_instance *inst)
{
    (void)esent_db_detach(inst, NULL, 1);
}

int esent_db_is_attached(const WCHAR *path)
{
    AcquireSRWLockShared(&g_lock);
    int found = find_path(path) != NULL;
    ReleaseSRWLockShared(&g_lock);
    return found;
}

/* ---- open / close ---- */

JET_ERR esent_db_open(esent_session *s, const WCHAR *path, JET_GRBIT grbit, JET_DBID *pdbid)
{
    JET_SESID sesid = esent_session_handle(s);
    JET_ERR err = JET_errSuccess;
    AcquireSRWLockExclusive(&g_lock);
    esent_db *d = find_path(path);
    if (d == NULL || d->inst != s->inst) {
        err = JET_errDatabaseNotFound;
        goto done;
    }
    prune_opens(d);
    if (d->excl != 0 && d->excl != sesid) {
        err = JET_errDatabaseLocked;
        goto done;
    }
    db_open *o = find_open(d, sesid);
    if ((grbit & JET_bitDbExclusive) && d->copens > (o != NULL ? 1u : 0u)) {
        err = JET_errDatabaseInUse;
        goto done;
    }
    if (o == NULL) {
        if (d->copens == d->cap_opens) {
            uint32_t cap = d->cap_opens ? d->cap_opens * 2u : 4u;
            db_open *n = (db_open *)realloc(d->opens, cap * sizeof *n);
            if (n == NULL) {
                err = JET_errOutOfMemory;
                goto done;
            }
            d->opens = n;
            d->cap_opens = cap;
        }
        o = &d->opens[d->copens++];
        o->sesid = sesid;
        o->count = 0;
    }
    o->count++;
    if (grbit & JET_bitDbExclusive)
        d->excl = sesid;
    *pdbid = d->dbid;
    if (d->read_only && !(grbit & JET_bitDbReadOnly))
        err = JET_wrnFileOpenReadOnly;
done:
    ReleaseSRWLockExclusive(&g_lock);
    return err;
}

JET_ERR esent_db_close(esent_session *s, JET_DBID dbid)
{
    JET_SESID sesid = esent_session_handle(s);
    JET_ERR err = JET_errSuccess;
    AcquireSRWLockExclusive(&g_lock);
    esent_db *d = find_dbid(s->inst, dbid);
    db_open *o = d != NULL ? find_open(d, sesid) : NULL;
    if (o == NULL) {
        err = JET_errInvalidDatabaseId;
    } else if (--o->count == 0) {
        *o = d->opens[--d->copens];
        if (d->excl == sesid)
            d->excl = 0;
    }
    ReleaseSRWLockExclusive(&g_lock);
    return err;
}

JET_ERR esent_db_info(esent_session *s, JET_DBID dbid, esent_db_fileinfo *info, WCHAR **ppath)
{
    JET_ERR err = JET_errSuccess;
    if (ppath != NULL)
        *ppath = NULL;
    AcquireSRWLockShared(&g_lock);
    esent_db *d = find_dbid(s->inst, dbid);
    if (d == NULL || find_open(d, esent_session_handle(s)) == NULL) {
        err = JET_errInvalidDatabaseId;
    } else {
        *info = d->info;
        if (ppath != NULL && (*ppath = esent_wdup(d->path)) == NULL)
            err = JET_errOutOfMemory;
    }
    ReleaseSRWLockShared(&g_lock);
    return err;
}

/* ---- file info ---- */

JET_ERR esent_db_file_info(const WCHAR *path, esent_db_fileinfo *info)
{
    AcquireSRWLockShared(&g_lock);
    esent_db *d = find_path(path);
    if (d != NULL)
        *info = d->info;
    ReleaseSRWLockShared(&g_lock);
    if (d != NULL)
        return JET_errSuccess;

    HANDLE h = CreateFileW((LPCWSTR)path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return esent_err_from_win32(GetLastError());
    JET_ERR err = read_file_header(h, info);
    CloseHandle(h);
    if (err == JET_errSuccess)
        err = esent_dbheader_check_file_type(&info->hdr);
    return err;
}

/* ---- create ---- */

/* FILETIME (100 ns since 1601-01-01 UTC) → JET_LOGTIME (UTC, with milliseconds). */
static JET_LOGTIME logtime_now(void)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    uint64_t t = ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    uint64_t ms_total = t / 10000u;
    uint32_t ms = (uint32_t)(ms_total % 1000u);
    uint64_t secs = ms_total / 1000u;
    uint64_t days = secs / 86400u;
    uint32_t sod = (uint32_t)(secs % 86400u);
    /* Days since 1601-01-01 → civil date (proleptic Gregorian; 1601 starts a 400-year cycle). */
    int64_t z = (int64_t)days - 134774;   /* days from 1601-01-01 to 1970-01-01 */
    z += 719468;                          /* shift the epoch to 0000-03-01 */
    int64_t era = z / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2)
        y++;
    JET_LOGTIME lt;
    memset(&lt, 0, sizeof lt);
    lt.bSeconds = (char)(sod % 60u);
    lt.bMinutes = (char)((sod / 60u) % 60u);
    lt.bHours = (char)(sod / 3600u);
    lt.bDay = (char)d;
    lt.bMonth = (char)m;
    lt.bYear = (char)(y - 1900);
    /* byte 6: bit 0 fTimeIsUTC, bits 1..7 milliseconds low; byte 7: bits 1..3 milliseconds high */
    ((unsigned char *)&lt)[6] = (unsigned char)(1u | ((ms & 0x7Fu) << 1));
    ((unsigned char *)&lt)[7] = (unsigned char)(((ms >> 7) & 0x7u) << 1);
    return lt;
}

static uint32_t random_u32(uint32_t salt)
{
    static volatile LONG counter;
    LARGE_INTEGER qpc;
    FILETIME ft;
    QueryPerformanceCounter(&qpc);
    GetSystemTimeAsFileTime(&ft);
    uint64_t x = (uint64_t)qpc.QuadPart ^ ((uint64_t)ft.dwHighDateTime << 32 | ft.dwLowDateTime) ^
                 ((uint64_t)GetCurrentProcessId() << 17) ^ ((uint64_t)(uint32_t)InterlockedIncrement(&counter) << 40) ^
                 salt;
    /* splitmix64 finaliser */
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    x ^= x >> 31;
    uint32_t r = (uint32_t)(x ^ (x >> 32));
    return r != 0 ? r : 1u;
}

JET_ERR esent_db_create_file(esent_instance *inst, const WCHAR *path, int overwrite)
{
    esent_dbimage_options opt;
    memset(&opt, 0, sizeof opt);
    opt.cb_page = instance_page_size(inst);
    opt.sign_db_random = random_u32(1);
    opt.sign_log_random = random_u32(2);
    opt.logtime_create = logtime_now();
    uint8_t *image = NULL;
    size_t cb_image = 0;
    JET_ERR err = esent_dbimage_build(&opt, &image, &cb_image);
    if (err < 0)
        return err;

    HANDLE h = CreateFileW((LPCWSTR)path, GENERIC_READ | GENERIC_WRITE, 0, NULL, overwrite ? CREATE_ALWAYS : CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        DWORD e = GetLastError();
        free(image);
        return e == ERROR_FILE_EXISTS || e == ERROR_ALREADY_EXISTS ? JET_errDatabaseDuplicate : esent_err_from_win32(e);
    }
    size_t cb_hdrs = 2u * (size_t)opt.cb_page;
    err = esent_file_write_at(h, cb_hdrs, image + cb_hdrs, cb_image - cb_hdrs);
    if (err == JET_errSuccess && !FlushFileBuffers(h))
        err = esent_err_from_win32(GetLastError());
    if (err == JET_errSuccess)
        err = esent_file_write_at(h, 0, image, cb_hdrs);
    if (err == JET_errSuccess && !FlushFileBuffers(h))
        err = esent_err_from_win32(GetLastError());
    CloseHandle(h);
    free(image);
    if (err < 0)
        DeleteFileW((LPCWSTR)path);
    return err;
}
