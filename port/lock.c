/* LockFileEx/UnlockFileEx on Linux open-file-description (OFD) record locks.
 *
 * OFD locks belong to the handle's descriptor, so two handles conflict even inside one process
 * and every lock goes away when its handle is closed, as on Windows. Win32 keeps each lock
 * separately (unlocking needs the exact range; a range locked shared twice needs two unlocks;
 * a handle may take a shared lock inside its own exclusive one), whereas the kernel merges a
 * descriptor's locks, so the handle keeps the list of its Win32 locks and makes the kernel
 * state follow it:
 *   kernel state of each byte = write lock if one of the handle's exclusive locks covers it,
 *                               read lock if only shared ones do, none otherwise.
 * Ranges are clipped below PORT_RESERVED_OFFSET (the share-mode markers); a lock beyond it, or
 * of length zero, is recorded but conflicts with nothing. Locks are advisory: unlike Windows,
 * ReadFile/WriteFile do not fail inside another handle's locked range. */
#include "port_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>

struct port_lock_range {
    uint64_t offset, length; /* the Win32 range */
    int exclusive;
};

struct segment {
    off_t start, end; /* kernel byte range [start, end) */
};

static uint64_t range_end(uint64_t offset, uint64_t length)
{
    return length > UINT64_MAX - offset ? UINT64_MAX : offset + length;
}

static struct segment kernel_range(uint64_t offset, uint64_t length)
{
    uint64_t limit = (uint64_t)PORT_RESERVED_OFFSET;
    uint64_t start = offset < limit ? offset : limit;
    uint64_t end = range_end(offset, length);
    struct segment s = {(off_t)start, (off_t)(end < limit ? end : limit)};
    return s;
}

static int overlaps(const struct port_lock_range *l, uint64_t offset, uint64_t length)
{
    return l->length != 0 && length != 0 && l->offset < range_end(offset, length) &&
           offset < range_end(l->offset, l->length);
}

/* Stores in out[] the parts of [start, end) that none of the handle's locks covers (only its
 * exclusive ones if only_exclusive), in increasing order; returns how many (<= n_locks + 1).
 * Caller holds locks_lock. */
static size_t uncovered(const struct port_file *f, off_t start, off_t end, int only_exclusive,
                        struct segment *out)
{
    size_t n = 0;
    off_t pos = start;
    while (pos < end) {
        off_t next = end;
        int covered = 0;
        for (size_t i = 0; i < f->n_locks; i++) {
            if (only_exclusive && !f->locks[i].exclusive)
                continue;
            struct segment s = kernel_range(f->locks[i].offset, f->locks[i].length);
            if (s.start <= pos && pos < s.end) {
                pos = s.end;
                covered = 1;
                break;
            }
            if (s.start > pos && s.start < next)
                next = s.start;
        }
        if (!covered) {
            out[n].start = pos;
            out[n].end = next;
            n++;
            pos = next;
        }
    }
    return n;
}

static int set_kernel_lock(int fd, short type, struct segment s, int wait)
{
    struct flock fl = {0};
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = s.start;
    fl.l_len = s.end - s.start;
    int rc;
    while ((rc = fcntl(fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl)) != 0 && errno == EINTR)
        ;
    return rc;
}

static DWORD lock_error(int err)
{
    if (err == EAGAIN || err == EACCES)
        return ERROR_LOCK_VIOLATION;
    if (err == EBADF) /* the descriptor's mode cannot hold this kind of lock */
        return ERROR_ACCESS_DENIED;
    return port_error_from_errno(err);
}

/* Takes the kernel side of a new lock. Caller holds locks_lock; a wait releases it meanwhile. */
static DWORD acquire(struct port_file *f, struct segment range, int exclusive, int wait)
{
    if (range.end <= range.start)
        return ERROR_SUCCESS;
    if (exclusive) { /* no lock of this handle overlaps it: it changes none of ours */
        if (wait)
            pthread_mutex_unlock(&f->locks_lock);
        int rc = set_kernel_lock(f->fd, F_WRLCK, range, wait);
        int err = errno;
        if (wait)
            pthread_mutex_lock(&f->locks_lock);
        return rc == 0 ? ERROR_SUCCESS : lock_error(err);
    }
    /* Shared: read-lock the parts that none of our locks holds yet. */
    struct segment *parts = malloc((f->n_locks + 1) * sizeof *parts);
    if (parts == NULL)
        return ERROR_NOT_ENOUGH_MEMORY;
    size_t n = uncovered(f, range.start, range.end, 0, parts);
    if (wait)
        pthread_mutex_unlock(&f->locks_lock);
    DWORD err = ERROR_SUCCESS;
    size_t i = 0;
    for (; i < n && err == ERROR_SUCCESS; i++)
        if (set_kernel_lock(f->fd, F_RDLCK, parts[i], wait) != 0)
            err = lock_error(errno);
    if (err != ERROR_SUCCESS) /* undo the parts taken before the one that failed */
        for (size_t j = 0; j + 1 < i; j++)
            set_kernel_lock(f->fd, F_UNLCK, parts[j], 0);
    if (wait)
        pthread_mutex_lock(&f->locks_lock);
    free(parts);
    return err;
}

BOOL WINAPI LockFileEx(HANDLE hFile, DWORD dwFlags, DWORD dwReserved,
                       DWORD nNumberOfBytesToLockLow, DWORD nNumberOfBytesToLockHigh,
                       LPOVERLAPPED lpOverlapped)
{
    if (lpOverlapped == NULL || dwReserved != 0 ||
        (dwFlags & ~(DWORD)(LOCKFILE_FAIL_IMMEDIATELY | LOCKFILE_EXCLUSIVE_LOCK)) != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct port_file *f = port_file_get(hFile);
    if (f == NULL)
        return FALSE;
    uint64_t offset = ((uint64_t)lpOverlapped->OffsetHigh << 32) | lpOverlapped->Offset;
    uint64_t length = ((uint64_t)nNumberOfBytesToLockHigh << 32) | nNumberOfBytesToLockLow;
    int exclusive = (dwFlags & LOCKFILE_EXCLUSIVE_LOCK) != 0;
    int wait = (dwFlags & LOCKFILE_FAIL_IMMEDIATELY) == 0;
    DWORD err = ERROR_SUCCESS;

    pthread_mutex_lock(&f->locks_lock);
    if (!(f->rights & (PORT_RIGHT_READ | PORT_RIGHT_WRITE)))
        err = ERROR_ACCESS_DENIED;
    /* Locks are not re-entrant: an exclusive lock may not overlap one of this handle's own.
     * (Windows would wait here forever unless another thread unlocked; the port fails.) */
    for (size_t i = 0; i < f->n_locks && err == ERROR_SUCCESS && exclusive; i++)
        if (overlaps(&f->locks[i], offset, length))
            err = ERROR_LOCK_VIOLATION;
    if (err == ERROR_SUCCESS && f->n_locks == f->cap_locks) {
        size_t cap = f->cap_locks ? f->cap_locks * 2 : 8;
        struct port_lock_range *bigger = realloc(f->locks, cap * sizeof *bigger);
        if (bigger == NULL) {
            err = ERROR_NOT_ENOUGH_MEMORY;
        } else {
            f->locks = bigger;
            f->cap_locks = cap;
        }
    }
    if (err == ERROR_SUCCESS)
        err = acquire(f, kernel_range(offset, length), exclusive, wait);
    if (err == ERROR_SUCCESS) {
        struct port_lock_range *l = &f->locks[f->n_locks++];
        l->offset = offset;
        l->length = length;
        l->exclusive = exclusive;
    }
    pthread_mutex_unlock(&f->locks_lock);
    port_object_release(&f->base);
    if (err != ERROR_SUCCESS) {
        SetLastError(err);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI UnlockFileEx(HANDLE hFile, DWORD dwReserved, DWORD nNumberOfBytesToUnlockLow,
                         DWORD nNumberOfBytesToUnlockHigh, LPOVERLAPPED lpOverlapped)
{
    if (lpOverlapped == NULL || dwReserved != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    struct port_file *f = port_file_get(hFile);
    if (f == NULL)
        return FALSE;
    uint64_t offset = ((uint64_t)lpOverlapped->OffsetHigh << 32) | lpOverlapped->Offset;
    uint64_t length = ((uint64_t)nNumberOfBytesToUnlockHigh << 32) | nNumberOfBytesToUnlockLow;
    DWORD err = ERROR_SUCCESS;

    pthread_mutex_lock(&f->locks_lock);
    /* The exact range; an exclusive lock goes before a shared one on the same range. */
    size_t found = f->n_locks;
    for (size_t i = 0; i < f->n_locks; i++)
        if (f->locks[i].offset == offset && f->locks[i].length == length &&
            (found == f->n_locks || (f->locks[i].exclusive && !f->locks[found].exclusive)))
            found = i;
    struct segment *parts = malloc((f->n_locks + 1) * sizeof *parts);
    if (found == f->n_locks) {
        err = ERROR_NOT_LOCKED;
    } else if (parts == NULL) {
        err = ERROR_NOT_ENOUGH_MEMORY;
    } else {
        int was_exclusive = f->locks[found].exclusive;
        f->locks[found] = f->locks[--f->n_locks];
        /* Every byte of the range is locked by us, so these only downgrade or release. */
        struct segment range = kernel_range(offset, length);
        size_t n;
        if (was_exclusive) {
            n = uncovered(f, range.start, range.end, 1, parts);
            for (size_t i = 0; i < n; i++)
                set_kernel_lock(f->fd, F_RDLCK, parts[i], 0);
        }
        n = uncovered(f, range.start, range.end, 0, parts);
        for (size_t i = 0; i < n; i++)
            set_kernel_lock(f->fd, F_UNLCK, parts[i], 0);
    }
    free(parts);
    pthread_mutex_unlock(&f->locks_lock);
    port_object_release(&f->base);
    if (err != ERROR_SUCCESS) {
        SetLastError(err);
        return FALSE;
    }
    return TRUE;
}

void port_lock_free(struct port_file *f)
{
    free(f->locks);
}
