#include "util/fileio.h"

#include "util/oserr.h"

#include <string.h>

static void at_offset(OVERLAPPED *ov, uint64_t offset)
{
    memset(ov, 0, sizeof *ov);
    ov->Offset = (DWORD)(offset & 0xFFFFFFFFu);
    ov->OffsetHigh = (DWORD)(offset >> 32);
}

JET_ERR esent_file_read_at(HANDLE h, uint64_t offset, uint8_t *buf, uint32_t cb, uint32_t *pcb_read)
{
    OVERLAPPED ov;
    DWORD cb_read = 0;

    *pcb_read = 0;
    at_offset(&ov, offset);
    if (!ReadFile(h, buf, cb, &cb_read, &ov)) {
        DWORD e = GetLastError();
        /* Win32 reports a read at or past EOF through an OVERLAPPED as ERROR_HANDLE_EOF: nothing read. */
        return e == ERROR_HANDLE_EOF ? JET_errSuccess : esent_err_from_win32(e);
    }
    *pcb_read = cb_read;
    return JET_errSuccess;
}

JET_ERR esent_file_write_at(HANDLE h, uint64_t offset, const uint8_t *buf, size_t cb)
{
    while (cb > 0) {
        OVERLAPPED ov;
        DWORD chunk = cb > 0x10000000u ? 0x10000000u : (DWORD)cb, written = 0;
        at_offset(&ov, offset);
        if (!WriteFile(h, buf, chunk, &written, &ov))
            return esent_err_from_win32(GetLastError());
        if (written == 0)
            return JET_errDiskIO;
        buf += written;
        cb -= written;
        offset += written;
    }
    return JET_errSuccess;
}
