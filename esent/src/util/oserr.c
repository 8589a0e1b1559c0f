#include "util/oserr.h"

JET_ERR esent_err_from_win32(DWORD error)
{
    switch (error) {
    case ERROR_SUCCESS:
        return JET_errSuccess;
    case ERROR_FILE_NOT_FOUND:
        return JET_errFileNotFound;
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_NAME:
    case ERROR_BAD_PATHNAME:
    case ERROR_FILENAME_EXCED_RANGE:
        return JET_errInvalidPath;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
    case ERROR_WRITE_PROTECT:
        return JET_errFileAccessDenied;
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS:
        return JET_errFileAlreadyExists;
    case ERROR_DISK_FULL:
        return JET_errDiskFull;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return JET_errOutOfMemory;
    case ERROR_TOO_MANY_OPEN_FILES:
        return JET_errOutOfFileHandles;
    default:
        return JET_errDiskIO;
    }
}
