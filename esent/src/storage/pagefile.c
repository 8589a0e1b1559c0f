#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "format/checksum.h"
#include "storage/pagefile.h"
#include "util/fileio.h"
#include "util/oserr.h"

struct esent_pagefile {
    HANDLE h;
    uint32_t cb_page;
    uint32_t cpg;               /* logical pages wholly inside the file */
    uint64_t cb_file;           /* size at open */
    esent_dbheader hdr;
    esent_dbhdr_status hdr_status;
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

static JET_ERR read_header(esent_pagefile *pf, uint32_t cb_page_only)
{
    JET_ERR err = esent_pagefile_read_header(pf->h, pf->cb_file, cb_page_only, &pf->hdr, &pf->cb_page, &pf->hdr_status);
    if (err != JET_errSuccess)
        return err;
    return esent_dbheader_check_attach(&pf->hdr, 0);
}

JET_ERR esent_pagefile_open(const WCHAR *path, uint32_t cb_page_only, esent_pagefile **ppf)
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
    pf->h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (pf->h == INVALID_HANDLE_VALUE) {
        err = esent_err_from_win32(GetLastError());
        free(pf);
        return err;
    }
    if (!GetFileSizeEx(pf->h, &size) || size.QuadPart < 0) {
        err = esent_err_from_win32(GetLastError());
        esent_pagefile_close(pf);
        return err == JET_errSuccess ? JET_errDiskIO : err;
    }
    pf->cb_file = (uint64_t)size.QuadPart;
    err = read_header(pf, cb_page_only);
    if (err != JET_errSuccess) {
        esent_pagefile_close(pf);
        return err;
    }
    cpg = pf->cb_file / pf->cb_page;
    cpg = cpg > 2 ? cpg - 2 : 0;
    pf->cpg = cpg > 0xFFFFFFFEu ? 0xFFFFFFFEu : (uint32_t)cpg;
    *ppf = pf;
    return JET_errSuccess;
}

void esent_pagefile_close(esent_pagefile *pf)
{
    if (pf == NULL)
        return;
    if (pf->h != INVALID_HANDLE_VALUE && pf->h != NULL)
        CloseHandle(pf->h);
    free(pf);
}

uint32_t esent_pagefile_page_size(const esent_pagefile *pf) { return pf->cb_page; }
uint32_t esent_pagefile_page_count(const esent_pagefile *pf) { return pf->cpg; }
const esent_dbheader *esent_pagefile_header(const esent_pagefile *pf) { return &pf->hdr; }
esent_dbhdr_status esent_pagefile_header_status(const esent_pagefile *pf) { return pf->hdr_status; }

JET_ERR esent_pagefile_read(esent_pagefile *pf, uint32_t pgno, uint8_t *buf)
{
    uint32_t cb_read = 0;
    JET_ERR err;

    if (pf == NULL || buf == NULL || pgno == 0)
        return JET_errInvalidParameter;
    if (pgno > pf->cpg)
        return JET_errFileIOBeyondEOF;
    err = esent_file_read_at(pf->h, ((uint64_t)pgno + 1u) * pf->cb_page, buf, pf->cb_page, &cb_read);
    if (err != JET_errSuccess)
        return err;
    if (cb_read < pf->cb_page)
        return JET_errFileIOBeyondEOF; /* the file shrank since it was opened */
    return esent_page_checksum_verify(buf, pf->cb_page, pgno);
}
