/* Page file: the pages of one database file (ese-format.md §1, §2), read and written through a buffer
 * cache (storage/cache.h). The only storage module that touches the OS, through winapi/ (CreateFileW,
 * ReadFile/WriteFile with OVERLAPPED offsets, FlushFileBuffers, GetFileSizeEx, SetEndOfFile, CloseHandle).
 * Every page it hands out has passed its checksum; every page it writes is stamped with the XE checksum
 * (format/checksum.h) at write time.
 *
 * Invariants once an open succeeds:
 *   - the header copy elected by format/dbheader.h is valid and passed esent_dbheader_check_attach
 *     (magic, version, page size for the revision, attrib, file type);
 *   - cb_page is the page size the header declares, and logical page P (P >= 1) lives at file offset
 *     (P + 1) * cb_page;
 *   - cpg = floor(file size / cb_page) - 2 (0 when smaller): pages 1..cpg are wholly inside the file. A
 *     read-only file is not changed under us; a read-write one only grows, through esent_pagefile_extend.
 *
 * Read-write files (esent_pagefile_open_rw). Without a transaction log, durability is "clean at close":
 *   - the open writes the header with dbstate DirtyShutdown (both copies, each flushed) before any page
 *     can change, so a file whose process dies before esent_pagefile_close_clean is refused by attach
 *     (JET_errDatabaseDirtyShutdown), as ESENT does with recovery off;
 *   - changed pages live in the cache until evicted, flushed or closed; esent_pagefile_flush writes them
 *     all, FlushFileBuffers, then the header (dbtime, objidLast) with both copies flushed;
 *   - esent_pagefile_close_clean flushes and only then writes the header CleanShutdown.
 * The header's dbtime is >= every page's dbtimeDirtied: each change takes the next dbtime (esent_bf_dirty).
 *
 * Threads: the cache's bookkeeping is locked, so any number of readers may share a page file. A writer
 * (esent_bf_dirty and everything built on it: B-tree writes, space allocation, flush) must be the only
 * user of the page file while it runs; the caller's database lock provides that. */
#ifndef ESENT_STORAGE_PAGEFILE_H
#define ESENT_STORAGE_PAGEFILE_H

#include "api/api.h"
#include "format/dbheader.h"
#include "storage/cache.h"

typedef struct esent_pagefile esent_pagefile;

/* Opens path read-only (FILE_SHARE_READ) and validates its header pair.
 * cb_page_only != 0 restricts page-size detection to that size (an instance's JET_paramDatabasePageSize).
 * Errors: the open's Win32 error through esent_err_from_win32 (JET_errFileNotFound, ...);
 *   file shorter than one header (748 bytes)   JET_errFileIOBeyondEOF;
 *   no valid header copy                       esent_dbheader_unreadable_error (JET_errDatabaseCorrupted,
 *                                              JET_errInvalidDatabaseVersion, JET_errDatabase500Format);
 *   valid copy failing the attach checks       esent_dbheader_check_attach's error;
 *   JET_errOutOfMemory, JET_errInvalidParameter (NULL arguments). *ppf is NULL on failure. */
JET_ERR esent_pagefile_open(const WCHAR *path, uint32_t cb_page_only, esent_pagefile **ppf);
/* Opens path for reading and writing (GENERIC_READ|GENERIC_WRITE, FILE_SHARE_READ: others may only read).
 * cb_page_instance is the instance's page size (0: any): the page size is detected among every size, as
 * the engine's attach does, and then must equal it. Checks, in order, before anything is written:
 *   the open fails with ERROR_ACCESS_DENIED on a file with the read-only attribute  JET_errDatabaseFileReadOnly
 *   any other open failure                     esent_err_from_win32;
 *   header errors as esent_pagefile_open; esent_dbheader_check_attach(header, cb_page_instance)
 *                                              (JET_errPageSizeMismatch, ...);
 *   dbstate not CleanShutdown                  JET_errDatabaseDirtyShutdown.
 * Then it writes the header DirtyShutdown (logtimeAttach = now), primary then shadow, each flushed; a
 * write error is returned (the file is closed). *ppf is NULL on failure. */
JET_ERR esent_pagefile_open_rw(const WCHAR *path, uint32_t cb_page_instance, esent_pagefile **ppf);
/* Reads the header pages of an open database file of cb_file bytes and elects its header (shadow
 * selection and page-size detection as the engine does; cb_page_only 0 = any size). No attach checks.
 * status may be NULL. Errors: -4001 for a file too short for a header, else as
 * esent_dbheader_unreadable_error. */
JET_ERR esent_pagefile_read_header(HANDLE h, uint64_t cb_file, uint32_t cb_page_only, esent_dbheader *hdr,
                                   uint32_t *pcb_page, esent_dbhdr_status *status);
/* Closes the file and frees pf (NULL is a no-op). Changes not yet written are lost: a read-write file
 * keeps the DirtyShutdown header it got at open (what a crash leaves). */
void esent_pagefile_close(esent_pagefile *pf);
/* Read-write: esent_pagefile_flush, then the header with dbstate CleanShutdown and the fields a detached
 * database has (lGenMinRequired = lGenMaxRequired = lGenMinConsistent = 0, lgposDetach = lgposConsistent,
 * logtimeConsistent = logtimeDetach = now), both copies flushed; then closes and frees pf, also when a
 * write fails (the error is returned and the file keeps its DirtyShutdown header). Read-only: closes.
 * NULL is a no-op. */
JET_ERR esent_pagefile_close_clean(esent_pagefile *pf);

uint32_t esent_pagefile_page_size(const esent_pagefile *pf);
/* Logical pages wholly inside the file: valid pgnos are 1..count (grows with esent_pagefile_extend). */
uint32_t esent_pagefile_page_count(const esent_pagefile *pf);
/* The header as elected at open, before this open changed anything. */
const esent_dbheader *esent_pagefile_header(const esent_pagefile *pf);
esent_dbhdr_status esent_pagefile_header_status(const esent_pagefile *pf);
/* 1 for a file opened with esent_pagefile_open_rw. */
int esent_pagefile_writable(const esent_pagefile *pf);

/* Reads logical page pgno into buf (cb_page bytes) and verifies its checksum (through the cache, so a
 * changed page reads as changed):
 *   JET_errSuccess                                     buf holds a verified page;
 *   JET_errInvalidParameter                            pgno 0 (the header pages are not data pages), NULL buf;
 *   JET_errFileIOBeyondEOF                             the page is not wholly inside the file;
 *   JET_errPageNotInitialized                          the page is all zeros;
 *   JET_errReadVerifyFailure                           any other checksum mismatch;
 *   esent_err_from_win32(GetLastError())               the read failed.
 * On failure buf's content is unspecified. */
JET_ERR esent_pagefile_read(esent_pagefile *pf, uint32_t pgno, uint8_t *buf);

/* ---- buffer cache ------------------------------------------------------------------------------------
 * esent_bf (cache.h): { uint32_t pgno; uint8_t *page; ... }; page holds cb_page bytes while pinned. */

/* Cache capacity in pages (default ESENT_CACHE_PAGES_DEFAULT, at least ESENT_CACHE_PAGES_MIN, else
 * JET_errInvalidParameter). Lowering it writes and drops unpinned pages beyond it. */
JET_ERR esent_pagefile_set_cache_pages(esent_pagefile *pf, uint32_t cpages);
/* Pins page pgno, read and checksum-verified on a miss (errors as esent_pagefile_read). */
JET_ERR esent_bf_get(esent_pagefile *pf, uint32_t pgno, esent_bf **pbf);
/* Unpins. */
void esent_bf_release(esent_pagefile *pf, esent_bf *bf);
/* esent_bf_release(release) (when not NULL; released whatever the result), then esent_bf_get(pgno), in one
 * cache lock round trip. */
JET_ERR esent_bf_get_release(esent_pagefile *pf, uint32_t pgno, esent_bf *release, esent_bf **pbf);
/* Pins a zero-filled buffer for page pgno (1..page count), about to be formatted from scratch: nothing is
 * read. JET_errPermissionDenied on a read-only file, JET_errInvalidParameter / JET_errFileIOBeyondEOF
 * for a pgno outside the file. The caller calls esent_bf_dirty before formatting it. */
JET_ERR esent_bf_new(esent_pagefile *pf, uint32_t pgno, esent_bf **pbf);
/* THE page-change point. Every modification of a page's bytes is preceded by this call on its pinned buffer:
 * it gives the page the next dbtime (header dbtime + 1, stored in its dbtimeDirtied) and marks the buffer
 * dirty. Write-ahead logging will emit the change's log record here, so that no page reaches the disk
 * before the record describing it; until the log exists, the DirtyShutdown header written at open stands
 * in for it. Only on a read-write page file (on a read-only one the call does nothing). */
void esent_bf_dirty(esent_pagefile *pf, esent_bf *bf);

/* Writes every dirty page (checksum stamped at write time), FlushFileBuffers, then the header (both
 * copies, each flushed) with the current dbtime and objidLast; dbstate stays DirtyShutdown.
 * Read-only: nothing to do. */
JET_ERR esent_pagefile_flush(esent_pagefile *pf);
/* The last dbtime given to a page (starts at the header's dbtimeDirtied). */
uint64_t esent_pagefile_dbtime(const esent_pagefile *pf);
/* objidLast + 1, which becomes objidLast (recorded in the header at the next flush). */
uint32_t esent_pagefile_new_objid(esent_pagefile *pf);
/* Grows a read-write file to cpg_new logical pages (SetEndOfFile; the new pages read as zero).
 * JET_errPermissionDenied on a read-only file, the Win32 error (JET_errDiskFull, ...) otherwise. */
JET_ERR esent_pagefile_extend(esent_pagefile *pf, uint32_t cpg_new);

#endif
