/* File attributes and times (GetFileAttributesW/ExW, also used by FindFirstFileW) and
 * GetDiskFreeSpaceExW.
 *
 * Attributes: FILE_ATTRIBUTE_DIRECTORY for directories; files have FILE_ATTRIBUTE_ARCHIVE
 * (set on every new NTFS file) and FILE_ATTRIBUTE_READONLY when the owner may not write them.
 * Creation time is the file's birth time where the file system records it, else its last
 * write time. */
#include "port_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#define EPOCH_1601_TO_1970 11644473600ULL /* seconds */

static FILETIME filetime(struct statx_timestamp t)
{
    ULONGLONG ticks = ((ULONGLONG)t.tv_sec + EPOCH_1601_TO_1970) * 10000000ULL + t.tv_nsec / 100;
    FILETIME ft = {(DWORD)ticks, (DWORD)(ticks >> 32)};
    return ft;
}

int port_stat(int dirfd, const char *path, WIN32_FILE_ATTRIBUTE_DATA *data)
{
    struct statx st;
    if (statx(dirfd, path, AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS | STATX_BTIME, &st) != 0 &&
        statx(dirfd, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, &st) != 0)
        return errno; /* the second try reports a dangling symbolic link itself */
    if (S_ISDIR(st.stx_mode))
        data->dwFileAttributes = FILE_ATTRIBUTE_DIRECTORY;
    else
        data->dwFileAttributes =
            FILE_ATTRIBUTE_ARCHIVE | ((st.stx_mode & S_IWUSR) ? 0 : FILE_ATTRIBUTE_READONLY);
    data->ftCreationTime = filetime((st.stx_mask & STATX_BTIME) ? st.stx_btime : st.stx_mtime);
    data->ftLastAccessTime = filetime(st.stx_atime);
    data->ftLastWriteTime = filetime(st.stx_mtime);
    uint64_t size = S_ISDIR(st.stx_mode) ? 0 : st.stx_size;
    data->nFileSizeHigh = (DWORD)(size >> 32);
    data->nFileSizeLow = (DWORD)size;
    return 0;
}

BOOL WINAPI GetFileAttributesExW(LPCWSTR lpFileName, GET_FILEEX_INFO_LEVELS fInfoLevelId,
                                 LPVOID lpFileInformation)
{
    if (fInfoLevelId != GetFileExInfoStandard || lpFileInformation == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    char *path = port_path_from_w(lpFileName);
    if (path == NULL)
        return FALSE;
    int err = port_stat(AT_FDCWD, path, lpFileInformation);
    if (err != 0)
        port_set_path_error(path, err);
    free(path);
    return err == 0;
}

DWORD WINAPI GetFileAttributesW(LPCWSTR lpFileName)
{
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!GetFileAttributesExW(lpFileName, GetFileExInfoStandard, &data))
        return INVALID_FILE_ATTRIBUTES;
    return data.dwFileAttributes;
}

BOOL WINAPI GetDiskFreeSpaceExW(LPCWSTR lpDirectoryName,
                                PULARGE_INTEGER lpFreeBytesAvailableToCaller,
                                PULARGE_INTEGER lpTotalNumberOfBytes,
                                PULARGE_INTEGER lpTotalNumberOfFreeBytes)
{
    char *path = lpDirectoryName != NULL ? port_path_from_w(lpDirectoryName) : NULL;
    if (lpDirectoryName != NULL && path == NULL)
        return FALSE;
    struct statvfs vfs;
    int rc = statvfs(path != NULL ? path : ".", &vfs);
    if (rc != 0)
        port_set_path_error(path != NULL ? path : ".", errno);
    free(path);
    if (rc != 0)
        return FALSE;
    if (lpFreeBytesAvailableToCaller != NULL) /* what an unprivileged caller may use */
        lpFreeBytesAvailableToCaller->QuadPart = (ULONGLONG)vfs.f_bavail * vfs.f_frsize;
    if (lpTotalNumberOfBytes != NULL)
        lpTotalNumberOfBytes->QuadPart = (ULONGLONG)vfs.f_blocks * vfs.f_frsize;
    if (lpTotalNumberOfFreeBytes != NULL)
        lpTotalNumberOfFreeBytes->QuadPart = (ULONGLONG)vfs.f_bfree * vfs.f_frsize;
    return TRUE;
}
