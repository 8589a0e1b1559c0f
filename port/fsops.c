/* Operations on names: DeleteFileW, MoveFileExW, CopyFileW, CreateDirectoryW,
 * RemoveDirectoryW.
 *
 * Deleting or renaming a file opens it with DELETE access on Windows, so it fails with
 * ERROR_SHARING_VIOLATION while a handle that does not share delete is open; replacing a file
 * fails with ERROR_ACCESS_DENIED while any handle is open on it. The same checks run here under
 * the file's share gate (share.c), held until the name has changed. Each change is made durable
 * by fsyncing the directories involved before returning. Names are removed at once (POSIX
 * semantics, as Windows 10 does for DeleteFile), not left "delete pending" while still open. */
#include "port_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* A descriptor on path for checking share modes, in *fd; *fd is -1 when the name has none to
 * check: a symbolic link (deleted or renamed itself) or a file this process may not read.
 * Returns the Win32 error when path cannot be opened otherwise. */
static DWORD open_for_check(const char *path, int *fd)
{
    *fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (*fd >= 0 || errno == ELOOP || errno == EACCES || errno == EPERM)
        return ERROR_SUCCESS;
    return port_path_error(path, errno);
}

static DWORD sync_parent_error(const char *path)
{
    int err = port_sync_parent(path);
    return err == 0 || err == EACCES ? ERROR_SUCCESS : port_error_from_errno(err);
}

static int remove_directory(const char *path)
{
    int rc = rmdir(path);
    if (rc != 0 && errno == EEXIST) /* POSIX allows either for a non-empty directory */
        errno = ENOTEMPTY;
    return rc;
}

/* Removes path with remove() (unlink or rmdir) unless a handle open on it (fd) refuses to
 * share delete. */
static DWORD remove_checked(const char *path, int fd, int (*remove)(const char *))
{
    DWORD err = ERROR_SUCCESS;
    if (fd >= 0 && (err = port_share_gate_enter(fd)) != ERROR_SUCCESS)
        return err;
    if (fd >= 0)
        err = port_share_check(fd, PORT_RIGHT_DELETE, PORT_RIGHTS_ALL);
    if (err == ERROR_SUCCESS && remove(path) != 0)
        err = port_path_error(path, errno);
    if (fd >= 0)
        port_share_gate_leave(fd);
    if (err == ERROR_SUCCESS)
        err = sync_parent_error(path);
    return err;
}

static BOOL finish(DWORD err)
{
    if (err != ERROR_SUCCESS) {
        SetLastError(err);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI DeleteFileW(LPCWSTR lpFileName)
{
    char *path = port_path_from_w(lpFileName);
    if (path == NULL)
        return FALSE;
    int fd;
    DWORD err = open_for_check(path, &fd);
    struct stat st;
    if (err == ERROR_SUCCESS && fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
        err = ERROR_ACCESS_DENIED; /* directories go through RemoveDirectoryW */
    if (err == ERROR_SUCCESS)
        err = remove_checked(path, fd, unlink);
    if (fd >= 0)
        close(fd);
    free(path);
    return finish(err);
}

BOOL WINAPI RemoveDirectoryW(LPCWSTR lpPathName)
{
    char *path = port_path_from_w(lpPathName);
    if (path == NULL)
        return FALSE;
    DWORD err = ERROR_SUCCESS;
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        struct stat st;
        if (errno == ENOTDIR || errno == ELOOP)
            err = lstat(path, &st) == 0 ? ERROR_DIRECTORY : ERROR_PATH_NOT_FOUND;
        else if (errno != EACCES && errno != EPERM)
            err = port_path_error(path, errno);
    }
    if (err == ERROR_SUCCESS)
        err = remove_checked(path, fd, remove_directory);
    if (fd >= 0)
        close(fd);
    free(path);
    return finish(err);
}

BOOL WINAPI CreateDirectoryW(LPCWSTR lpPathName, LPSECURITY_ATTRIBUTES lpSecurityAttributes)
{
    (void)lpSecurityAttributes;
    char *path = port_path_from_w(lpPathName);
    if (path == NULL)
        return FALSE;
    DWORD err = ERROR_SUCCESS;
    if (mkdir(path, 0777) != 0)
        err = errno == EEXIST ? ERROR_ALREADY_EXISTS : port_path_error(path, errno);
    else
        err = sync_parent_error(path);
    free(path);
    return finish(err);
}

/* Takes the gates of the two descriptors (either may be -1) in inode order, so that two
 * renames in opposite directions cannot deadlock. */
static DWORD enter_gates(int a, int b)
{
    struct stat sa, sb;
    if (a >= 0 && b >= 0 && fstat(a, &sa) == 0 && fstat(b, &sb) == 0 &&
        (sb.st_dev < sa.st_dev || (sb.st_dev == sa.st_dev && sb.st_ino < sa.st_ino))) {
        int t = a;
        a = b;
        b = t;
    }
    DWORD err = a >= 0 ? port_share_gate_enter(a) : ERROR_SUCCESS;
    if (err == ERROR_SUCCESS && b >= 0 && (err = port_share_gate_enter(b)) != ERROR_SUCCESS &&
        a >= 0)
        port_share_gate_leave(a);
    return err;
}

static void leave_gates(int a, int b)
{
    if (a >= 0)
        port_share_gate_leave(a);
    if (b >= 0)
        port_share_gate_leave(b);
}

/* Renames from → to under the share rules. *cross_device is set when the rename failed only
 * because the names are on different file systems. */
static DWORD rename_checked(const char *from, const char *to, int replace, int *cross_device)
{
    *cross_device = 0;
    int from_fd = -1, to_fd = -1;
    struct stat from_st, to_st;
    DWORD err = open_for_check(from, &from_fd);
    if (err == ERROR_SUCCESS && lstat(from, &from_st) != 0)
        err = port_path_error(from, errno);
    if (err == ERROR_SUCCESS && lstat(to, &to_st) == 0) {
        if (to_st.st_dev == from_st.st_dev && to_st.st_ino == from_st.st_ino) {
            if (from_fd >= 0) /* the same file: nothing to do */
                close(from_fd);
            return ERROR_SUCCESS;
        }
        err = replace ? open_for_check(to, &to_fd) : ERROR_ALREADY_EXISTS;
    }
    int gated = 0;
    if (err == ERROR_SUCCESS && (err = enter_gates(from_fd, to_fd)) == ERROR_SUCCESS)
        gated = 1;
    if (err == ERROR_SUCCESS && from_fd >= 0)
        err = port_share_check(from_fd, PORT_RIGHT_DELETE, PORT_RIGHTS_ALL);
    if (err == ERROR_SUCCESS && to_fd >= 0 && port_share_in_use(to_fd))
        err = ERROR_ACCESS_DENIED; /* an open file cannot be replaced */
    if (err == ERROR_SUCCESS) {
        int rc = replace ? rename(from, to) : renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
        if (rc != 0 && !replace && (errno == EINVAL || errno == ENOSYS))
            rc = rename(from, to); /* no RENAME_NOREPLACE here; the target was absent above */
        if (rc != 0) {
            if (errno == EXDEV)
                *cross_device = 1;
            if (errno == EEXIST && !replace)
                err = ERROR_ALREADY_EXISTS;
            else if (errno == EEXIST || errno == ENOTEMPTY || errno == EISDIR || errno == ENOTDIR)
                err = ERROR_ACCESS_DENIED; /* a directory cannot replace or be replaced */
            else
                err = port_path_error(to, errno); /* ENOENT: the target's directory */
        }
    }
    if (gated)
        leave_gates(from_fd, to_fd);
    if (err == ERROR_SUCCESS)
        err = sync_parent_error(to);
    if (err == ERROR_SUCCESS)
        err = sync_parent_error(from);
    if (from_fd >= 0)
        close(from_fd);
    if (to_fd >= 0)
        close(to_fd);
    return err;
}

BOOL WINAPI MoveFileExW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, DWORD dwFlags)
{
    /* MOVEFILE_WRITE_THROUGH is always in effect: every rename is synced before returning. */
    if (lpNewFileName == NULL ||
        (dwFlags & ~(DWORD)(MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED |
                            MOVEFILE_WRITE_THROUGH)) != 0)
        return finish(ERROR_INVALID_PARAMETER);
    char *from = port_path_from_w(lpExistingFileName);
    if (from == NULL)
        return FALSE;
    char *to = port_path_from_w(lpNewFileName);
    if (to == NULL) {
        free(from);
        return FALSE;
    }
    int replace = (dwFlags & MOVEFILE_REPLACE_EXISTING) != 0, cross_device;
    struct stat st;
    int is_dir = lstat(from, &st) == 0 && S_ISDIR(st.st_mode);
    DWORD err = rename_checked(from, to, replace, &cross_device);
    free(from);
    free(to);
    if (cross_device && (dwFlags & MOVEFILE_COPY_ALLOWED) && !is_dir)
        return CopyFileW(lpExistingFileName, lpNewFileName, !replace) &&
               DeleteFileW(lpExistingFileName);
    return finish(err);
}

static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        buf += w;
        len -= (size_t)w;
    }
    return 0;
}

#define COPY_BUFFER (256 * 1024)

/* Copies the content, permissions and times of in to out, then makes out durable. */
static DWORD copy_content(int in, int out)
{
    struct stat st;
    if (fstat(in, &st) != 0)
        return port_error_from_errno(errno);
    char *buf = NULL; /* NULL while copy_file_range works (no user-space copy, reflinks) */
    DWORD err = ERROR_SUCCESS;
    for (;;) {
        ssize_t n;
        if (buf == NULL) {
            n = copy_file_range(in, NULL, out, NULL, (size_t)1 << 30, 0);
            if (n < 0 && errno != EINTR && (buf = malloc(COPY_BUFFER)) != NULL)
                continue; /* not supported between these files: copy through memory */
        } else {
            n = read(in, buf, COPY_BUFFER);
            if (n > 0 && write_all(out, buf, (size_t)n) != 0)
                n = -1;
        }
        if (n == 0)
            break;
        if (n < 0 && errno != EINTR) {
            err = port_error_from_errno(errno);
            break;
        }
    }
    free(buf);
    if (err == ERROR_SUCCESS) {
        struct timespec times[2] = {st.st_atim, st.st_mtim};
        fchmod(out, st.st_mode & 07777); /* best effort, like Windows copying attributes */
        futimens(out, times);
        if (fdatasync(out) != 0)
            err = port_error_from_errno(errno);
    }
    return err;
}

BOOL WINAPI CopyFileW(LPCWSTR lpExistingFileName, LPCWSTR lpNewFileName, BOOL bFailIfExists)
{
    HANDLE in = CreateFileW(lpExistingFileName, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE,
                            NULL, OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, NULL);
    if (in == INVALID_HANDLE_VALUE)
        return FALSE;
    HANDLE out = CreateFileW(lpNewFileName, GENERIC_WRITE, 0, NULL,
                             bFailIfExists ? CREATE_NEW : CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (out == INVALID_HANDLE_VALUE) {
        DWORD err = GetLastError();
        CloseHandle(in);
        return finish(err);
    }
    struct port_file *fin = port_file_get(in), *fout = port_file_get(out);
    DWORD err = copy_content(fin->fd, fout->fd);
    port_object_release(&fin->base);
    port_object_release(&fout->base);
    CloseHandle(in);
    CloseHandle(out);
    if (err != ERROR_SUCCESS)
        DeleteFileW(lpNewFileName); /* no partial copy is left behind */
    return finish(err);
}
