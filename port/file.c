/* File handles: CreateFileW/A, ReadFile/WriteFile, the file pointer, size, end of file and
 * FlushFileBuffers.
 *
 * A handle owns one descriptor, opened read-write whenever the file permits (so byte-range
 * locks of both kinds work whatever the handle's access), otherwise with the access the handle
 * needs; the handle's Win32 access is checked here, not by the descriptor. The file pointer is
 * kept in the handle (the descriptor's offset is never used): I/O without an OVERLAPPED runs
 * at the pointer and advances it, I/O with one runs at its offset (pread/pwrite) and, on a
 * synchronous handle, leaves the pointer after the transferred bytes, as Windows does.
 *
 * Durability: FlushFileBuffers is fdatasync; FILE_FLAG_WRITE_THROUGH opens with O_DSYNC; a
 * file created here has its directory fsync'ed before CreateFileW returns.
 * FILE_FLAG_NO_BUFFERING is accepted and has no effect (I/O goes through the page cache and
 * needs no alignment); FILE_FLAG_OVERLAPPED handles complete every request before returning
 * (never ERROR_IO_PENDING), set the OVERLAPPED results and event, and have no file pointer. */
#include "port_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATUS_END_OF_FILE 0xC0000011 /* OVERLAPPED.Internal after a read at EOF */

static void file_destroy(struct port_object *obj)
{
    struct port_file *f = (struct port_file *)obj;
    if (f->delete_path != NULL) {
        /* Unlink only if the name still refers to the file this handle opened. */
        struct stat st;
        if (lstat(f->delete_path, &st) == 0 && st.st_dev == f->dev && st.st_ino == f->ino)
            unlink(f->delete_path);
        free(f->delete_path);
    }
    close(f->fd); /* also drops the handle's share markers and byte-range locks */
    port_lock_free(f);
    pthread_mutex_destroy(&f->pointer_lock);
    pthread_mutex_destroy(&f->locks_lock);
    free(f);
}

struct port_file *port_file_get(HANDLE h)
{
    return (struct port_file *)port_handle_get(h, PORT_KIND_FILE);
}

/* The read/write/delete rights a Win32 access mask grants. */
static DWORD data_rights(DWORD access)
{
    DWORD rights = 0;
    if (access & (GENERIC_READ | GENERIC_EXECUTE | GENERIC_ALL | FILE_READ_DATA | FILE_EXECUTE))
        rights |= PORT_RIGHT_READ;
    if (access & (GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA))
        rights |= PORT_RIGHT_WRITE;
    if (access & (DELETE | GENERIC_ALL))
        rights |= PORT_RIGHT_DELETE;
    return rights;
}

/* open(2) read-write if permitted, else with the access needed. */
static int open_fd(const char *path, int flags, int need_write, mode_t mode)
{
    int fd = open(path, flags | O_RDWR, mode);
    if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EROFS || errno == EISDIR ||
                   errno == ETXTBSY))
        fd = open(path, flags | (need_write ? O_WRONLY : O_RDONLY), mode);
    return fd;
}

/* Opens path per the creation disposition; *existed tells whether the file was already there.
 * Returns the descriptor or -1 (errno). Never truncates: that waits for the share check. */
static int open_disposition(const char *path, DWORD disposition, int flags, int need_write,
                            mode_t mode, int *existed)
{
    *existed = 1;
    if (disposition == OPEN_EXISTING || disposition == TRUNCATE_EXISTING)
        return open_fd(path, flags, need_write, mode);
    for (;;) {
        int fd = open_fd(path, flags | O_CREAT | O_EXCL, need_write, mode);
        if (fd >= 0) {
            *existed = 0;
            return fd;
        }
        if (errno != EEXIST || disposition == CREATE_NEW)
            return -1;
        fd = open_fd(path, flags, need_write, mode);
        if (fd >= 0 || errno != ENOENT) /* ENOENT: deleted meanwhile, create it again */
            return fd;
    }
}

/* Checks and publishes the new handle's share mode under the gate. */
static DWORD take_share(int fd, DWORD rights, DWORD share)
{
    DWORD err = port_share_gate_enter(fd);
    if (err != ERROR_SUCCESS)
        return err;
    err = port_share_check(fd, rights, share);
    if (err == ERROR_SUCCESS)
        err = port_share_publish(fd, rights, share);
    port_share_gate_leave(fd);
    return err;
}

HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                          LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                          DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
    (void)lpSecurityAttributes; /* descriptors are close-on-exec; there is no CreateProcess */
    (void)hTemplateFile;
    if (dwCreationDisposition < CREATE_NEW || dwCreationDisposition > TRUNCATE_EXISTING) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    char *path = port_path_from_w(lpFileName);
    if (path == NULL)
        return INVALID_HANDLE_VALUE;

    /* Delete-on-close implies DELETE access, so later opens must share delete. */
    DWORD rights = data_rights(dwDesiredAccess) |
                   ((dwFlagsAndAttributes & FILE_FLAG_DELETE_ON_CLOSE) ? PORT_RIGHT_DELETE : 0);
    int truncating = dwCreationDisposition == CREATE_ALWAYS ||
                   dwCreationDisposition == TRUNCATE_EXISTING;
    int flags = O_CLOEXEC | O_NOCTTY | ((dwFlagsAndAttributes & FILE_FLAG_WRITE_THROUGH) ? O_DSYNC : 0);
    mode_t mode = (dwFlagsAndAttributes & FILE_ATTRIBUTE_READONLY) ? 0444 : 0666;
    int existed;
    int fd = open_disposition(path, dwCreationDisposition, flags,
                              (rights & PORT_RIGHT_WRITE) || truncating, mode, &existed);
    if (fd < 0) {
        port_set_path_error(path, errno);
        free(path);
        return INVALID_HANDLE_VALUE;
    }
    DWORD err = ERROR_SUCCESS;
    struct stat st;
    if (fstat(fd, &st) != 0)
        err = port_error_from_errno(errno);
    else if (S_ISDIR(st.st_mode) && !(dwFlagsAndAttributes & FILE_FLAG_BACKUP_SEMANTICS))
        err = ERROR_ACCESS_DENIED;
    if (err == ERROR_SUCCESS)
        err = take_share(fd, rights, dwShareMode);
    if (err == ERROR_SUCCESS && existed && truncating && ftruncate(fd, 0) != 0)
        err = (errno == EBADF || errno == EINVAL) ? ERROR_ACCESS_DENIED : port_error_from_errno(errno);
    if (err == ERROR_SUCCESS && !existed) {
        int sync_err = port_sync_parent(path);
        if (sync_err != 0 && sync_err != EACCES) /* an unreadable directory cannot be synced */
            err = port_error_from_errno(sync_err);
    }
    struct port_file *f = err == ERROR_SUCCESS ? malloc(sizeof *f) : NULL;
    if (err == ERROR_SUCCESS && f == NULL)
        err = ERROR_NOT_ENOUGH_MEMORY;
    if (err != ERROR_SUCCESS) {
        close(fd);
        free(path);
        SetLastError(err);
        return INVALID_HANDLE_VALUE;
    }

    if (dwFlagsAndAttributes & FILE_FLAG_RANDOM_ACCESS)
        posix_fadvise(fd, 0, 0, POSIX_FADV_RANDOM);
    else if (dwFlagsAndAttributes & FILE_FLAG_SEQUENTIAL_SCAN)
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    port_object_init(&f->base, PORT_KIND_FILE, file_destroy);
    f->fd = fd;
    f->rights = rights;
    f->is_dir = S_ISDIR(st.st_mode);
    f->overlapped = (dwFlagsAndAttributes & FILE_FLAG_OVERLAPPED) != 0;
    f->delete_path = NULL;
    if (dwFlagsAndAttributes & FILE_FLAG_DELETE_ON_CLOSE)
        f->delete_path = path;
    else
        free(path);
    f->dev = st.st_dev;
    f->ino = st.st_ino;
    pthread_mutex_init(&f->pointer_lock, NULL);
    f->pointer = 0;
    pthread_mutex_init(&f->locks_lock, NULL);
    f->locks = NULL;
    f->n_locks = f->cap_locks = 0;

    HANDLE h = port_handle_insert(&f->base);
    if (h == NULL)
        return INVALID_HANDLE_VALUE;
    int reports_existing = dwCreationDisposition == CREATE_ALWAYS || dwCreationDisposition == OPEN_ALWAYS;
    SetLastError(existed && reports_existing ? ERROR_ALREADY_EXISTS : ERROR_SUCCESS);
    return h;
}

HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode,
                          LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition,
                          DWORD dwFlagsAndAttributes, HANDLE hTemplateFile)
{
    if (lpFileName == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return INVALID_HANDLE_VALUE;
    }
    int n = MultiByteToWideChar(CP_ACP, MB_ERR_INVALID_CHARS, lpFileName, -1, NULL, 0);
    WCHAR *name = n > 0 ? malloc((size_t)n * sizeof *name) : NULL;
    if (name == NULL) { /* a name that is not valid UTF-8 has no UTF-16 form */
        SetLastError(n > 0 ? ERROR_NOT_ENOUGH_MEMORY : ERROR_INVALID_NAME);
        return INVALID_HANDLE_VALUE;
    }
    MultiByteToWideChar(CP_ACP, MB_ERR_INVALID_CHARS, lpFileName, -1, name, n);
    HANDLE h = CreateFileW(name, dwDesiredAccess, dwShareMode, lpSecurityAttributes,
                           dwCreationDisposition, dwFlagsAndAttributes, hTemplateFile);
    free(name);
    return h;
}

/* Transfers len bytes at offset, continuing after short transfers; a read stops early only
 * at end of file. Returns the byte count, or -1 (errno). */
static ssize_t transfer(int fd, void *buf, size_t len, off_t offset, int write)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = write ? pwrite(fd, (const char *)buf + done, len - done, offset + (off_t)done)
                          : pread(fd, (char *)buf + done, len - done, offset + (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break; /* end of file (reads only) */
        done += (size_t)n;
    }
    return (ssize_t)done;
}

static BOOL file_io(HANDLE h, void *buf, DWORD len, LPDWORD done, LPOVERLAPPED ov, int write)
{
    if (done != NULL)
        *done = 0;
    struct port_file *f = port_file_get(h);
    if (f == NULL)
        return FALSE;
    DWORD err = ERROR_SUCCESS;
    ssize_t n = 0;
    if (f->is_dir)
        err = ERROR_INVALID_FUNCTION;
    else if (!(f->rights & (write ? PORT_RIGHT_WRITE : PORT_RIGHT_READ)))
        err = ERROR_ACCESS_DENIED;
    else if (ov == NULL && (f->overlapped || done == NULL))
        err = ERROR_INVALID_PARAMETER;
    else if (ov != NULL) {
        uint64_t offset = ((uint64_t)ov->OffsetHigh << 32) | ov->Offset;
        if (offset > (uint64_t)INT64_MAX - len) {
            err = ERROR_INVALID_PARAMETER;
        } else if ((n = transfer(f->fd, buf, len, (off_t)offset, write)) < 0) {
            err = port_error_from_errno(errno);
        } else if (!write && n == 0 && len > 0) {
            /* With an OVERLAPPED, EOF is an error even on a synchronous handle. */
            ov->Internal = STATUS_END_OF_FILE;
            ov->InternalHigh = 0;
            err = ERROR_HANDLE_EOF;
        } else {
            ov->Internal = 0;
            ov->InternalHigh = (ULONG_PTR)n;
            if (!f->overlapped)
                __atomic_store_n(&f->pointer, (int64_t)offset + n, __ATOMIC_RELAXED);
        }
    } else {
        pthread_mutex_lock(&f->pointer_lock);
        int64_t pointer = __atomic_load_n(&f->pointer, __ATOMIC_RELAXED);
        if (pointer > INT64_MAX - (int64_t)len)
            err = ERROR_INVALID_PARAMETER;
        else if ((n = transfer(f->fd, buf, len, (off_t)pointer, write)) < 0)
            err = port_error_from_errno(errno);
        else
            __atomic_store_n(&f->pointer, pointer + n, __ATOMIC_RELAXED);
        pthread_mutex_unlock(&f->pointer_lock);
    }
    port_object_release(&f->base);
    if (err != ERROR_SUCCESS) {
        SetLastError(err);
        return FALSE;
    }
    if (done != NULL)
        *done = (DWORD)n;
    if (ov != NULL && ov->hEvent != NULL) {
        /* Bit 0 of hEvent only asks Windows not to notify a completion port. */
        DWORD last = GetLastError();
        SetEvent((HANDLE)((uintptr_t)ov->hEvent & ~(uintptr_t)1));
        SetLastError(last);
    }
    return TRUE;
}

BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead,
                     LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped)
{
    return file_io(hFile, lpBuffer, nNumberOfBytesToRead, lpNumberOfBytesRead, lpOverlapped, 0);
}

BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite,
                      LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped)
{
    return file_io(hFile, (void *)lpBuffer, nNumberOfBytesToWrite, lpNumberOfBytesWritten,
                   lpOverlapped, 1);
}

BOOL WINAPI FlushFileBuffers(HANDLE hFile)
{
    struct port_file *f = port_file_get(hFile);
    if (f == NULL)
        return FALSE;
    DWORD err = ERROR_SUCCESS;
    if (f->is_dir) {
        if (fsync(f->fd) != 0)
            err = port_error_from_errno(errno);
    } else if (!(f->rights & PORT_RIGHT_WRITE)) {
        err = ERROR_ACCESS_DENIED;
    } else if (fdatasync(f->fd) != 0) {
        err = port_error_from_errno(errno);
    }
    port_object_release(&f->base);
    if (err != ERROR_SUCCESS) {
        SetLastError(err);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove,
                             PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod)
{
    struct port_file *f = port_file_get(hFile);
    if (f == NULL)
        return FALSE;
    DWORD err = ERROR_SUCCESS;
    int64_t distance = liDistanceToMove.QuadPart, base = 0, target = 0;
    pthread_mutex_lock(&f->pointer_lock);
    struct stat st;
    if (dwMoveMethod == FILE_BEGIN)
        base = 0;
    else if (dwMoveMethod == FILE_CURRENT)
        base = __atomic_load_n(&f->pointer, __ATOMIC_RELAXED);
    else if (dwMoveMethod != FILE_END)
        err = ERROR_INVALID_PARAMETER;
    else if (fstat(f->fd, &st) == 0)
        base = st.st_size;
    else
        err = port_error_from_errno(errno);
    if (err == ERROR_SUCCESS && __builtin_add_overflow(base, distance, &target))
        err = ERROR_INVALID_PARAMETER;
    else if (err == ERROR_SUCCESS && target < 0)
        err = ERROR_NEGATIVE_SEEK; /* the pointer does not move */
    if (err == ERROR_SUCCESS)
        __atomic_store_n(&f->pointer, target, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&f->pointer_lock);
    port_object_release(&f->base);
    if (err != ERROR_SUCCESS) {
        SetLastError(err);
        return FALSE;
    }
    if (lpNewFilePointer != NULL)
        lpNewFilePointer->QuadPart = target;
    return TRUE;
}

DWORD WINAPI SetFilePointer(HANDLE hFile, LONG lDistanceToMove, PLONG lpDistanceToMoveHigh,
                            DWORD dwMoveMethod)
{
    LARGE_INTEGER distance, position;
    if (lpDistanceToMoveHigh != NULL) {
        distance.LowPart = (DWORD)lDistanceToMove;
        distance.HighPart = *lpDistanceToMoveHigh;
    } else {
        distance.QuadPart = lDistanceToMove; /* a signed 32-bit distance */
    }
    if (!SetFilePointerEx(hFile, distance, &position, dwMoveMethod))
        return INVALID_SET_FILE_POINTER;
    if (lpDistanceToMoveHigh != NULL)
        *lpDistanceToMoveHigh = position.HighPart;
    /* A position whose low part equals the failure value is told apart by the last error. */
    if (position.LowPart == INVALID_SET_FILE_POINTER)
        SetLastError(NO_ERROR);
    return position.LowPart;
}

BOOL WINAPI SetEndOfFile(HANDLE hFile)
{
    struct port_file *f = port_file_get(hFile);
    if (f == NULL)
        return FALSE;
    DWORD err = ERROR_SUCCESS;
    if (f->is_dir || !(f->rights & PORT_RIGHT_WRITE))
        err = ERROR_ACCESS_DENIED;
    else if (ftruncate(f->fd, (off_t)__atomic_load_n(&f->pointer, __ATOMIC_RELAXED)) != 0)
        err = port_error_from_errno(errno);
    port_object_release(&f->base);
    if (err != ERROR_SUCCESS) {
        SetLastError(err);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize)
{
    struct port_file *f = port_file_get(hFile);
    if (f == NULL)
        return FALSE;
    struct stat st;
    int rc = fstat(f->fd, &st);
    int err = errno;
    port_object_release(&f->base);
    if (rc != 0) {
        port_set_errno_error(err);
        return FALSE;
    }
    lpFileSize->QuadPart = st.st_size;
    return TRUE;
}
