/* Maps a Win32 error (GetLastError) from a file operation to the JET_err ESENT returns for it. */
#ifndef ESENT_UTIL_OSERR_H
#define ESENT_UTIL_OSERR_H

#include "api/api.h"

JET_ERR esent_err_from_win32(DWORD error);

#endif
