#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "format/checksum.h"
#include "format/page.h"
#include "storage/pagefile.h"
#include "util/fileio.h"
#include "util/logtime.h"
#include "util/oserr.h"

struct esent_pagefile {
    HANDLE h;
    uint32_t cb_page;
    uint32_t cpg;               /* logical pages wholly inside the file */
    uint64_t cb_file;
    int writable;
    esent_dbheader hdr;         /* as elected at open */
    esent_dbhdr_status hdr_status;
    esent_dbheader cur;         /* what the next header write writes (read-write files) */
    uint64_t dbtime;            /* last dbtime given to a page */
    uint32_t objid_last;
    esent_cache *cache;
    uint8_t *scratch;           /* one page: the header, or a page copy stamped at write time */
};

/* The header pages: up to two pages of the largest size, fewer when the file is shorter. */
JET_ERR esent_pagefile_read_header(HANDLE h, uint64_t cb_file, uint32_t cb_page_only, esent_dbheader *hdr,
                                   uint32_t *pcb_page, esent_dbhdr_status *status)
{
    uint32_t cb_want = 2u * ESENT_DBHDR_PAGE_MAX;
    uint32_t cb_read = 0;
    uint8_t *buf;
    JET_ERR err;

    if (cb_file < cb_want)
        cb_want = (uint32_t)cb_file;
    if (cb_want < ESENT_DBHDR_SIZE)
        return JET_errFileIOBeyondEOF;
    buf = (uint8_t *)malloc(cb_want);
    if (buf == NULL)
        return JET_errOutOfMemory;
    err = esent_file_read_at(h, 0, buf, cb_want, &cb_read);
    if (err == JET_errSuccess && cb_read < ESENT_DBHDR_SIZE)
        err = JET_errFileIOBeyondEOF;
    if (err == JET_errSuccess &&
        esent_dbheader_read_file_start(buf, cb_read, cb_page_only, hdr, pcb_page, status) != JET_errSuccess)
        err = esent_dbheader_unreadable_error(buf, cb_read);
    free(buf);
    return err;
}

/* ---- page I/O (the cache's callbacks) ---- */

static JET_ERR io_read(void *ctx, uint32_t pgno, uint8_t *page)
{
    esent_pagefile *pf = (esent_pagefile *)ctx;
    uint32_t cb_read = 0;
    JET_ERR err;

    if (pgno == 0)
        return JET_errInvalidParameter;
    if (pgno > pf->cpg)
        return JET_errFileIOBeyondEOF;
    err = esent_file_read_at(pf->h, ((uint64_t)pgno + 1u) * pf->cb_page, page, pf->cb_page, &cb_read);
    if (err != JET_errSuccess)
        return err;
    if (cb_read < pf->cb_page)
        return JET_errFileIOBeyondEOF; /* the file shrank since it was opened */
    return esent_page_checksum_verify(page, pf->cb_page, pgno);
}

/* Stamps a copy of the page with its checksum and writes it. Called under the cache lock, which also
 * serialises the use of pf->scratch. */
static JET_ERR io_write(void *ctx, uint32_t pgno, const uint8_t *page)
{
    esent_pagefile *pf = (esent_pagefile *)ctx;
    if (!pf->writable || pgno == 0 || pgno > pf->cpg)
        return JET_errInternalError;
    memcpy(pf->scratch, page, pf->cb_page);
    esent_page_checksum_stamp(pf->scratch, pf->cb_page, pgno);
    return esent_file_write_at(pf->h, ((uint64_t)pgno + 1u) * pf->cb_page, pf->scratch, pf->cb_page);
}

/* ---- open / close ---- */

static void pf_free(esent_pagefile *pf)
{
    if (pf->h != INVALID_HANDLE_VALUE && pf->h != NULL)
        CloseHandle(pf->h);
    esent_cache_free(pf->cache);
    free(pf->scratch);
    free(pf);
}

/* Opens the file, elects its header and sets up the cache. cb_page_only restricts detection. */
static JET_ERR pf_open(const WCHAR *path, int writable, uint32_t cb_page_only, esent_pagefile **ppf)
{
    esent_pagefile *pf;
    LARGE_INTEGER size;
    JET_ERR err;
    uint64_t cpg;

    if (ppf == NULL)
        return JET_errInvalidParameter;
    *ppf = NULL;
    if (path == NULL)
        return JET_errInvalidParameter;
    pf = (esent_pagefile *)calloc(1, sizeof *pf);
    if (pf == NULL)
        return JET_errOutOfMemory;
    pf->writable = writable;
    pf->h = CreateFileW(path, writable ? GENERIC_READ | GENERIC_WRITE : GENERIC_READ, FILE_SHARE_READ, NULL,
                        OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (pf->h == INVALID_HANDLE_VALUE) {
        DWORD e = GetLastError();
        DWORD attrs = writable ? GetFileAttributesW(path) : INVALID_FILE_ATTRIBUTES;
        free(pf);
        /* A file with the read-only attribute cannot be opened for writing. */
        if (e == ERROR_ACCESS_DENIED && attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_READONLY))
            return JET_errDatabaseFileReadOnly;
        return esent_err_from_win32(e);
    }
    if (!GetFileSizeEx(pf->h, &size) || size.QuadPart < 0) {
        err = esent_err_from_win32(GetLastError());
        pf_free(pf);
        return err == JET_errSuccess ? JET_errDiskIO : err;
    }
    pf->cb_file = (uint64_t)size.QuadPart;
    err = esent_pagefile_read_header(pf->h, pf->cb_file, cb_page_only, &pf->hdr, &pf->cb_page, &pf->hdr_status);
    if (err == JET_errSuccess)
        err = esent_dbheader_check_attach(&pf->hdr, 0);
    if (err == JET_errSuccess) {
        esent_cache_io io = { io_read, io_write, pf };
        pf->scratch = (uint8_t *)malloc(pf->cb_page);
        err = pf->scratch == NULL ? JET_errOutOfMemory
                                  : esent_cache_create(pf->cb_page, ESENT_CACHE_PAGES_DEFAULT, &io, &pf->cache);
    }
    if (err != JET_errSuccess) {
        pf_free(pf);
        return err;
    }
    cpg = pf->cb_file / pf->cb_page;
    cpg = cpg > 2 ? cpg - 2 : 0;
    pf->cpg = cpg > 0xFFFFFFFEu ? 0xFFFFFFFEu : (uint32_t)cpg;
    pf->cur = pf->hdr;
    pf->dbtime = pf->hdr.dbtime_dirtied;
    pf->objid_last = pf->hdr.objid_last;
    *ppf = pf;
    return JET_errSuccess;
}

JET_ERR esent_pagefile_open(const WCHAR *path, uint32_t cb_page_only, esent_pagefile **ppf)
{
    return pf_open(path, 0, cb_page_only, ppf);
}

/* Writes pf->cur (dbtime and objidLast brought up to date) to the primary then the shadow header page,
 * flushing after each: a crash leaves at least one valid copy, the primary being the newer. */
static JET_ERR write_header(esent_pagefile *pf)
{
    JET_ERR err;
    pf->cur.dbtime_dirtied = pf->dbtime;
    pf->cur.objid_last = pf->objid_last;
    if ((err = esent_dbheader_encode_all(&pf->cur, pf->scratch, pf->cb_page)) < 0)
        return err;
    for (uint32_t copy = 0; copy < 2; copy++) {
        if ((err = esent_file_write_at(pf->h, (uint64_t)copy * pf->cb_page, pf->scratch, pf->cb_page)) < 0)
            return err;
        if (!FlushFileBuffers(pf->h))
            return esent_err_from_win32(GetLastError());
    }
    return JET_errSuccess;
}

JET_ERR esent_pagefile_open_rw(const WCHAR *path, uint32_t cb_page_instance, esent_pagefile **ppf)
{
    esent_pagefile *pf = NULL;
    if (ppf == NULL)
        return JET_errInvalidParameter;
    *ppf = NULL;
    JET_ERR err = pf_open(path, 1, 0, &pf);
    if (err == JET_errSuccess)
        err = esent_dbheader_check_attach(&pf->hdr, cb_page_instance);
    if (err == JET_errSuccess && pf->hdr.dbstate != JET_dbstateCleanShutdown)
        err = JET_errDatabaseDirtyShutdown;   /* would need recovery, which does not exist yet */
    if (err == JET_errSuccess) {
        pf->cur.dbstate = JET_dbstateDirtyShutdown;
        pf->cur.logtime_attach = esent_logtime_now();
        err = write_header(pf);
    }
    if (err != JET_errSuccess) {
        if (pf != NULL)
            pf_free(pf);
        return err;
    }
    *ppf = pf;
    return JET_errSuccess;
}

void esent_pagefile_close(esent_pagefile *pf)
{
    if (pf != NULL)
        pf_free(pf);
}

JET_ERR esent_pagefile_flush(esent_pagefile *pf)
{
    JET_ERR err;
    if (pf == NULL)
        return JET_errInvalidParameter;
    if (!pf->writable)
        return JET_errSuccess;
    if ((err = esent_cache_flush(pf->cache)) < 0)
        return err;
    if (!FlushFileBuffers(pf->h))
        return esent_err_from_win32(GetLastError());
    return write_header(pf);
}

JET_ERR esent_pagefile_close_clean(esent_pagefile *pf)
{
    JET_ERR err = JET_errSuccess;
    if (pf == NULL)
        return JET_errSuccess;
    if (pf->writable) {
        err = esent_pagefile_flush(pf);
        if (err == JET_errSuccess) {
            JET_LOGTIME now = esent_logtime_now();
            pf->cur.dbstate = JET_dbstateCleanShutdown;
            pf->cur.gen_min_required = 0;
            pf->cur.gen_max_required = 0;
            pf->cur.gen_min_consistent = 0;
            pf->cur.gen_pre_redo_min_consistent = 0;
            pf->cur.gen_pre_redo_min_required = 0;
            pf->cur.lgpos_detach = pf->cur.lgpos_consistent;
            pf->cur.logtime_consistent = now;
            pf->cur.logtime_detach = now;
            err = write_header(pf);
        }
    }
    pf_free(pf);
    return err;
}

/* ---- accessors ---- */

uint32_t esent_pagefile_page_size(const esent_pagefile *pf) { return pf->cb_page; }
uint32_t esent_pagefile_page_count(const esent_pagefile *pf) { return pf->cpg; }
const esent_dbheader *esent_pagefile_header(const esent_pagefile *pf) { return &pf->hdr; }
esent_dbhdr_status esent_pagefile_header_status(const esent_pagefile *pf) { return pf->hdr_status; }
int esent_pagefile_writable(const esent_pagefile *pf) { return pf->writable; }
uint64_t esent_pagefile_dbtime(const esent_pagefile *pf) { return pf->dbtime; }

uint32_t esent_pagefile_new_objid(esent_pagefile *pf)
{
    return ++pf->objid_last;
}

JET_ERR esent_pagefile_extend(esent_pagefile *pf, uint32_t cpg_new)
{
    LARGE_INTEGER at;
    if (!pf->writable)
        return JET_errPermissionDenied;
    if (cpg_new <= pf->cpg)
        return JET_errSuccess;
    if (cpg_new > 0xFFFFFFFEu - 2u)
        return JET_errOutOfDatabaseSpace;
    at.QuadPart = (LONGLONG)(((uint64_t)cpg_new + 2u) * pf->cb_page);
    if (!SetFilePointerEx(pf->h, at, NULL, FILE_BEGIN) || !SetEndOfFile(pf->h))
        return esent_err_from_win32(GetLastError());
    pf->cpg = cpg_new;
    pf->cb_file = (uint64_t)at.QuadPart;
    return JET_errSuccess;
}

/* ---- pages ---- */

JET_ERR esent_pagefile_read(esent_pagefile *pf, uint32_t pgno, uint8_t *buf)
{
    esent_bf *bf;
    JET_ERR err;

    if (pf == NULL || buf == NULL || pgno == 0)
        return JET_errInvalidParameter;
    if ((err = esent_bf_get(pf, pgno, &bf)) != JET_errSuccess)
        return err;
    memcpy(buf, bf->page, pf->cb_page);
    esent_bf_release(pf, bf);
    return JET_errSuccess;
}

JET_ERR esent_pagefile_set_cache_pages(esent_pagefile *pf, uint32_t cpages)
{
    return esent_cache_set_capacity(pf->cache, cpages);
}

JET_ERR esent_bf_get(esent_pagefile *pf, uint32_t pgno, esent_bf **pbf)
{
    *pbf = NULL;
    if (pgno == 0)
        return JET_errInvalidParameter;
    if (pgno > pf->cpg)
        return JET_errFileIOBeyondEOF;
    return esent_cache_get(pf->cache, pgno, 0, pbf);
}

JET_ERR esent_bf_get_release(esent_pagefile *pf, uint32_t pgno, esent_bf *release, esent_bf **pbf)
{
    *pbf = NULL;
    JET_ERR err = pgno == 0 ? JET_errInvalidParameter : pgno > pf->cpg ? JET_errFileIOBeyondEOF : JET_errSuccess;
    if (err < 0) {
        esent_bf_release(pf, release);
        return err;
    }
    return esent_cache_get_release(pf->cache, pgno, release, pbf);
}

void esent_bf_release(esent_pagefile *pf, esent_bf *bf)
{
    if (bf != NULL)
        esent_cache_release(pf->cache, bf);
}

JET_ERR esent_bf_new(esent_pagefile *pf, uint32_t pgno, esent_bf **pbf)
{
    *pbf = NULL;
    if (!pf->writable)
        return JET_errPermissionDenied;
    if (pgno == 0)
        return JET_errInvalidParameter;
    if (pgno > pf->cpg)
        return JET_errFileIOBeyondEOF;
    return esent_cache_get(pf->cache, pgno, 1, pbf);
}

void esent_bf_dirty(esent_pagefile *pf, esent_bf *bf)
{
    if (!pf->writable)
        return;
    /* Write-ahead logging hooks in here: the log record of the change this call announces must be
     * appended (and, before the page is written, flushed) first. */
    esent_page_set_dbtime(bf->page, ++pf->dbtime);
    bf->no_deleted = 0;   /* the change may add a node flagged deleted (cache.h) */
    esent_cache_mark_dirty(pf->cache, bf);
}
