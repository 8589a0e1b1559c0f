#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "param/param.h"
#include "storage/database.h"
#include "storage/dbimage.h"
#include "storage/pagefile.h"
#include "storage/space.h"
#include "table/tdb.h"
#include "util/fileio.h"
#include "util/logtime.h"
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
    esent_pagefile  *pf;           /* the file, read-only or read-write (pagefile.h) */
    esent_db_fileinfo info;
    db_open         *opens;
    uint32_t         copens, cap_opens;
    JET_SESID        excl;         /* session holding an exclusive open, or 0 */
    struct esent_tdb *tdb;         /* the table layer's state, or NULL (table/tdb.h) */
    int              temp;         /* the instance's temporary database (dbid ESENT_DBID_TEMP): deleted when
                                      detached, never detached by a user's detach-all */
    int              pending;      /* being attached (esent_db_attach_pending): invisible to opens and detaches */
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

/* Frees the entry; a read-write file is flushed and closed clean (its error is returned). */
static JET_ERR db_free(esent_db *d)
{
    esent_tdb_free(d->tdb);
    JET_ERR err = esent_pagefile_close_clean(d->pf);
    if (d->temp)
        DeleteFileW((LPCWSTR)d->path);
    free(d->path);
    free(d->opens);
    free(d);
    return err;
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

/* Buffers a database's cache may hold: JET_paramCacheSizeMax (pages; ESENT's default is effectively
 * unbounded and sized to memory), capped at 1 GiB of pages per database file. Buffers are only
 * allocated as pages are used. */
#define CACHE_BYTES_MOST (1024u * 1024u * 1024u)
static void size_cache(const esent_instance *inst, esent_pagefile *pf)
{
    uint64_t want = (uint64_t)esent_param_num(inst, JET_paramCacheSizeMax);
    uint64_t most = CACHE_BYTES_MOST / esent_pagefile_page_size(pf);
    (void)esent_pagefile_set_cache_pages(pf, (uint32_t)(want < most ? want : most));
}

/* ---- attach / detach ---- */

static JET_ERR attach_locked(esent_instance *inst, const WCHAR *path, JET_GRBIT grbit, int pending, JET_DBID *pdbid,
                             esent_db **pdb)
{
    esent_db *d = find_path(path);
    if (pdb != NULL)
        *pdb = NULL;
    if (d != NULL) {
        if (d->inst != inst || d->pending)
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
    d->pending = pending;
    d->read_only = (grbit & JET_bitDbReadOnly) != 0;
    /* A read-write open checks the instance's page size and the dbstate before it marks the file
     * DirtyShutdown (pagefile.h); a read-only one is checked below. */
    JET_ERR err = d->read_only ? esent_pagefile_open(path, 0, &d->pf)
                               : esent_pagefile_open_rw(path, instance_page_size(inst), &d->pf);
    if (err == JET_errSuccess) {
        size_cache(inst, d->pf);
        d->info.hdr = *esent_pagefile_header(d->pf);
        d->info.cb_page = esent_pagefile_page_size(d->pf);
        d->info.cb_file = ((uint64_t)esent_pagefile_page_count(d->pf) + 2u) * d->info.cb_page;
    }
    if (err == JET_errSuccess)
        err = esent_dbheader_check_attach(&d->info.hdr, instance_page_size(inst));
    if (err == JET_errSuccess && d->info.hdr.dbstate != JET_dbstateCleanShutdown)
        err = JET_errDatabaseDirtyShutdown;   /* needs recovery, which does not exist yet */
    if (err < 0) {
        (void)db_free(d);
        return err;
    }
    d->next = g_dbs;
    g_dbs = d;
    if (pdbid != NULL)
        *pdbid = dbid;
    if (pdb != NULL)
        *pdb = d;
    return JET_errSuccess;
}

JET_ERR esent_db_attach(esent_instance *inst, const WCHAR *path, JET_GRBIT grbit, JET_DBID *pdbid)
{
    AcquireSRWLockExclusive(&g_lock);
    JET_ERR err = attach_locked(inst, path, grbit, 0, pdbid, NULL);
    ReleaseSRWLockExclusive(&g_lock);
    return err;
}

JET_ERR esent_db_attach_pending(esent_instance *inst, const WCHAR *path, JET_GRBIT grbit, esent_db **pdb)
{
    AcquireSRWLockExclusive(&g_lock);
    JET_ERR err = attach_locked(inst, path, grbit, 1, NULL, pdb);
    ReleaseSRWLockExclusive(&g_lock);
    return err;
}

JET_ERR esent_db_attach_finish(esent_db *db, int keep)
{
    JET_ERR err = JET_errSuccess;
    AcquireSRWLockExclusive(&g_lock);
    if (keep) {
        db->pending = 0;
    } else {
        unlink_db(db);
        err = db_free(db);
    }
    ReleaseSRWLockExclusive(&g_lock);
    return err;
}

static JET_ERR detach_all_locked(esent_instance *inst, int force, int include_temp);

JET_ERR esent_db_detach(esent_instance *inst, const WCHAR *path, int force)
{
    JET_ERR err = JET_errSuccess;
    AcquireSRWLockExclusive(&g_lock);
    if (path != NULL) {
        esent_db *d = find_path(path);
        if (d == NULL || d->inst != inst || d->pending) {
            err = JET_errDatabaseNotFound;
        } else {
            prune_opens(d);
            if (d->copens > 0 && !force) {
                err = JET_errDatabaseInUse;
            } else {
                unlink_db(d);
                err = db_free(d);
            }
        }
    } else {
        err = detach_all_locked(inst, force, 0);
    }
    ReleaseSRWLockExclusive(&g_lock);
    return err;
}

/* Detaches every database of inst (the temporary one only when include_temp). JET_errDatabaseInUse, and
 * nothing detached, when one is open in a live session and !force. */
static JET_ERR detach_all_locked(esent_instance *inst, int force, int include_temp)
{
    JET_ERR err = JET_errSuccess;
    for (esent_db *d = g_dbs; d != NULL; d = d->next) {
        if (d->inst != inst || (d->temp && !include_temp) || (d->pending && !include_temp))
            continue;
        prune_opens(d);
        if (d->copens > 0 && !force)
            err = JET_errDatabaseInUse;
    }
    if (err != JET_errSuccess)
        return err;
    esent_db **pp = &g_dbs;
    while (*pp != NULL) {
        esent_db *d = *pp;
        if (d->inst == inst && (include_temp || (!d->temp && !d->pending))) {
            *pp = d->next;
            JET_ERR e = db_free(d);
            if (err == JET_errSuccess)
                err = e;
        } else {
            pp = &d->next;
        }
    }
    return err;
}

void esent_db_term(esent_instance *inst)
{
    AcquireSRWLockExclusive(&g_lock);
    (void)detach_all_locked(inst, 1, 1);
    ReleaseSRWLockExclusive(&g_lock);
}

/* Creates the instance's temporary database in place of the placeholder JetInit holds (the placeholder
 * is deleted when closed) and attaches it read-write as ESENT_DBID_TEMP. */
static JET_ERR temp_attach_locked(esent_instance *inst, esent_db **pd)
{
    if (inst->temp_db_path == NULL)
        return JET_errTooManyOpenTables;     /* JET_paramMaxTemporaryTables 0: no temporary database */
    if (inst->temp_db != INVALID_HANDLE_VALUE) {
        CloseHandle(inst->temp_db);
        inst->temp_db = INVALID_HANDLE_VALUE;
    }
    JET_ERR err = esent_db_create_file(inst, inst->temp_db_path, 1);
    if (err < 0)
        return err;
    esent_db *d = (esent_db *)calloc(1, sizeof *d);
    if (d == NULL || (d->path = esent_wdup(inst->temp_db_path)) == NULL) {
        free(d);
        DeleteFileW((LPCWSTR)inst->temp_db_path);
        return JET_errOutOfMemory;
    }
    d->inst = inst;
    d->dbid = ESENT_DBID_TEMP;
    d->temp = 1;
    err = esent_pagefile_open_rw(d->path, instance_page_size(inst), &d->pf);
    if (err < 0) {
        (void)db_free(d);
        return err;
    }
    size_cache(inst, d->pf);
    d->info.hdr = *esent_pagefile_header(d->pf);
    d->info.cb_page = esent_pagefile_page_size(d->pf);
    d->info.cb_file = ((uint64_t)esent_pagefile_page_count(d->pf) + 2u) * d->info.cb_page;
    d->next = g_dbs;
    g_dbs = d;
    *pd = d;
    return JET_errSuccess;
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
    if (d == NULL || d->inst != s->inst || d->pending) {
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

/* The header and size of d as they are now (database lock held): a read-only file does not change under
 * us, so the copy read at attach stands; a read-write one is read back (its header says DirtyShutdown
 * from attach to detach, and the file grows). The header is written only at attach and at detach
 * (esent_pagefile_open_rw, esent_pagefile_close_clean; nothing else calls esent_pagefile_flush), both under
 * the database lock held exclusively, so this read never meets one half done. */
static JET_ERR info_now_locked(const esent_db *d, esent_db_fileinfo *info)
{
    if (d->read_only) {
        *info = d->info;
        return JET_errSuccess;
    }
    HANDLE h = CreateFileW((LPCWSTR)d->path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return esent_err_from_win32(GetLastError());
    JET_ERR err = read_file_header(h, info);
    CloseHandle(h);
    return err;
}

JET_ERR esent_db_info(esent_session *s, JET_DBID dbid, int now, esent_db_fileinfo *info, WCHAR **ppath,
                      int *pexclusive)
{
    JET_ERR err = JET_errSuccess;
    if (ppath != NULL)
        *ppath = NULL;
    AcquireSRWLockShared(&g_lock);
    esent_db *d = find_dbid(s->inst, dbid);
    if (d == NULL || find_open(d, esent_session_handle(s)) == NULL) {
        err = JET_errInvalidDatabaseId;
    } else {
        if (now)
            err = info_now_locked(d, info);
        else
            *info = d->info;
        if (pexclusive != NULL)
            *pexclusive = d->excl == esent_session_handle(s);
        if (err == JET_errSuccess && ppath != NULL && (*ppath = esent_wdup(d->path)) == NULL)
            err = JET_errOutOfMemory;
    }
    ReleaseSRWLockShared(&g_lock);
    return err;
}

/* A user database s has open (never the temporary one, which esent_db_lookup_open would create). */
static JET_ERR lookup_user_open(esent_session *s, JET_DBID dbid, esent_db **pdb)
{
    *pdb = NULL;
    return dbid == ESENT_DBID_TEMP ? JET_errInvalidDatabaseId : esent_db_lookup_open(s, dbid, pdb);
}

JET_ERR esent_db_space(esent_session *s, JET_DBID dbid, uint32_t *pcpg_owned, uint32_t *pcpg_avail)
{
    esent_db *d;
    uint64_t owned = 0, avail = 0;
    JET_ERR err = lookup_user_open(s, dbid, &d);
    if (err == JET_errSuccess)
        err = esent_space_info(d->pf, ESENT_PGNO_DB_ROOT, &owned, &avail);
    *pcpg_owned = (uint32_t)owned;
    *pcpg_avail = (uint32_t)avail;
    return err;
}

JET_ERR esent_db_grow(esent_session *s, JET_DBID dbid, uint32_t cpg, uint32_t *pcpg)
{
    esent_db *d;
    JET_ERR err = lookup_user_open(s, dbid, &d);
    if (err < 0)
        return err;
    if (d->read_only)
        return JET_errPermissionDenied;
    if (cpg > ESENT_DB_CPG_MOST)
        return JET_errOutOfDatabaseSpace;
    err = esent_space_grow_database(d->pf, cpg);
    *pcpg = esent_pagefile_page_count(d->pf);
    return err;
}

JET_ERR esent_db_lookup_open(esent_session *s, JET_DBID dbid, esent_db **pdb)
{
    JET_ERR err = JET_errSuccess;
    *pdb = NULL;
    if (dbid == ESENT_DBID_TEMP) {
        AcquireSRWLockExclusive(&g_lock);
        esent_db *d = find_dbid(s->inst, dbid);
        if (d == NULL)
            err = temp_attach_locked(s->inst, &d);
        if (err >= 0)
            *pdb = d;
        ReleaseSRWLockExclusive(&g_lock);
        return err;
    }
    AcquireSRWLockShared(&g_lock);
    esent_db *d = find_dbid(s->inst, dbid);
    if (d == NULL || find_open(d, esent_session_handle(s)) == NULL)
        err = JET_errInvalidDatabaseId;
    else
        *pdb = d;
    ReleaseSRWLockShared(&g_lock);
    return err;
}

esent_pagefile *esent_db_pagefile(const esent_db *db) { return db->pf; }
int esent_db_read_only(const esent_db *db) { return db->read_only; }
int esent_db_is_temp(const esent_db *db) { return db->temp; }
struct esent_tdb *esent_db_tdb(const esent_db *db) { return db->tdb; }
void esent_db_set_tdb(esent_db *db, struct esent_tdb *tdb) { db->tdb = tdb; }

/* ---- file info ---- */

JET_ERR esent_db_file_info(const WCHAR *path, esent_db_fileinfo *info)
{
    AcquireSRWLockShared(&g_lock);
    esent_db *d = find_path(path);
    JET_ERR err = d != NULL ? info_now_locked(d, info) : JET_errSuccess;
    ReleaseSRWLockShared(&g_lock);
    if (d != NULL)
        return err;

    HANDLE h = CreateFileW((LPCWSTR)path, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return esent_err_from_win32(GetLastError());
    err = read_file_header(h, info);
    CloseHandle(h);
    if (err == JET_errSuccess)
        err = esent_dbheader_check_file_type(&info->hdr);
    return err;
}

/* ---- JetSetDatabaseSize ---- */

JET_ERR esent_db_set_size(const WCHAR *path, uint32_t cpg, uint32_t *pcpg)
{
    esent_pagefile *pf = NULL;
    JET_ERR err;
    *pcpg = 0;
    /* Held throughout: no attach of this path by this process can come in between. */
    AcquireSRWLockExclusive(&g_lock);
    if (find_path(path) != NULL) {
        err = JET_errDatabaseInUse;
        goto done;
    }
    /* A look first, read-only: a file already as large is left untouched. */
    err = esent_pagefile_open(path, 0, &pf);
    if (err == JET_errSuccess && esent_pagefile_header(pf)->dbstate != JET_dbstateCleanShutdown)
        err = JET_errDatabaseDirtyShutdown;   /* = JET_errDatabaseInconsistent */
    if (err == JET_errSuccess)
        *pcpg = esent_pagefile_page_count(pf);
    esent_pagefile_close(pf);
    if (err < 0 || cpg <= *pcpg)
        goto done;
    if (cpg > ESENT_DB_CPG_MOST) {
        err = JET_errOutOfDatabaseSpace;
        goto done;
    }
    /* Grown as an attached database grows: opened read-write (DirtyShutdown on disk meanwhile), the new
     * pages given to the database root, flushed and closed clean, also after a failed growth (whatever
     * part of it was recorded is consistent). */
    err = esent_pagefile_open_rw(path, 0, &pf);
    if (err == JET_errSuccess) {
        err = esent_space_grow_database(pf, cpg);
        *pcpg = esent_pagefile_page_count(pf);
        JET_ERR e = esent_pagefile_close_clean(pf);
        if (err == JET_errSuccess)
            err = e;
    }
done:
    ReleaseSRWLockExclusive(&g_lock);
    return err;
}

/* ---- create ---- */

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
    opt.logtime_create = esent_logtime_now();
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
