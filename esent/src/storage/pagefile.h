/* Page file: read-only access to the pages of one database file (ese-format.md §1, §2).
 * The only storage module that touches the OS, through winapi/ (CreateFileW, ReadFile with OVERLAPPED
 * offsets, GetFileSizeEx, CloseHandle). Every page it hands out has passed its checksum.
 *
 * Invariants once esent_pagefile_open succeeds:
 *   - the header copy elected by format/dbheader.h is valid and passed esent_dbheader_check_attach
 *     (magic, version, page size for the revision, attrib, file type); dbstate is the caller's business;
 *   - cb_page is the page size the header declares, and logical page P (P >= 1) lives at file offset
 *     (P + 1) * cb_page;
 *   - cpg = floor(file size / cb_page) - 2 (0 when smaller): pages 1..cpg are wholly inside the file.
 *     The size is taken at open; a read-only file does not change under us.
 *
 * esent_pagefile_read is the one page-read entry point, so a buffer cache can later sit behind it
 * without any change to its callers. */
#ifndef ESENT_STORAGE_PAGEFILE_H
#define ESENT_STORAGE_PAGEFILE_H

#include "api/api.h"
#include "format/dbheader.h"

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
/* Reads the header pages of an open database file of cb_file bytes and elects its header (shadow
 * selection and page-size detection as the engine does; cb_page_only 0 = any size). No attach checks.
 * status may be NULL. Errors: -4001 for a file too short for a header, else as
 * esent_dbheader_unreadable_error. */
JET_ERR esent_pagefile_read_header(HANDLE h, uint64_t cb_file, uint32_t cb_page_only, esent_dbheader *hdr,
                                   uint32_t *pcb_page, esent_dbhdr_status *status);
/* Closes the file and frees pf (NULL is a no-op). */
void esent_pagefile_close(esent_pagefile *pf);

uint32_t esent_pagefile_page_size(const esent_pagefile *pf);
/* Logical pages wholly inside the file: valid pgnos are 1..count. */
uint32_t esent_pagefile_page_count(const esent_pagefile *pf);
const esent_dbheader *esent_pagefile_header(const esent_pagefile *pf);
esent_dbhdr_status esent_pagefile_header_status(const esent_pagefile *pf);

/* Reads logical page pgno into buf (cb_page bytes) and verifies its checksum:
 *   JET_errSuccess                                     buf holds a verified page;
 *   JET_errInvalidParameter                            pgno 0 (the header pages are not data pages), NULL buf;
 *   JET_errFileIOBeyondEOF                             the page is not wholly inside the file;
 *   JET_errPageNotInitialized                          the page is all zeros;
 *   JET_errReadVerifyFailure                           any other checksum mismatch;
 *   esent_err_from_win32(GetLastError())               the read failed.
 * On failure buf's content is unspecified. */
JET_ERR esent_pagefile_read(esent_pagefile *pf, uint32_t pgno, uint8_t *buf);

#endif
