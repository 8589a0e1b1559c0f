/* Positional file I/O through Win32 (OVERLAPPED offsets on synchronous handles), with errors mapped
 * to JET_err. The one place the storage code reads and writes file bytes. */
#ifndef ESENT_UTIL_FILEIO_H
#define ESENT_UTIL_FILEIO_H

#include "api/api.h"

/* Reads up to cb bytes at offset; *pcb_read = bytes actually read (short, possibly 0, at EOF). */
JET_ERR esent_file_read_at(HANDLE h, uint64_t offset, uint8_t *buf, uint32_t cb, uint32_t *pcb_read);
/* Writes all cb bytes at offset (in chunks Win32 accepts); a write that makes no progress is
 * JET_errDiskIO. */
JET_ERR esent_file_write_at(HANDLE h, uint64_t offset, const uint8_t *buf, size_t cb);

#endif
