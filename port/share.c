/* Win32 share modes across handles and processes, on Linux open-file-description locks.
 *
 * Each handle publishes what it does to the file as shared (F_RDLCK) OFD locks on reserved
 * marker bytes at the top of the 63-bit offset range (never reached by data or by LockFileEx):
 *     HAS(r)  = PORT_RESERVED_OFFSET + i       the handle has right r (read 0, write 1, delete 2)
 *     DENY(r) = PORT_RESERVED_OFFSET + 4 + i   its share mode leaves r out
 *     OPEN    = PORT_RESERVED_OFFSET + 8       the handle exists at all
 * The locks belong to the handle's open file description, so they disappear when the handle is
 * closed or its process dies. A marker held by any other handle is found with F_OFD_GETLK
 * asking about a write lock, which the kernel reports as conflicting with any lock held
 * through another description.
 *
 * Win32's rule: a new handle is refused (ERROR_SHARING_VIOLATION) if it asks for a right that
 * an open handle does not share, or does not share a right that an open handle has. Opens
 * that ask for none of read, write or delete are neither checked nor counted (but are OPEN).
 * Check-and-publish must be atomic across processes: it runs under the "gate", an exclusive
 * flock() on the file (flock locks are independent of the OFD record locks used here). */
#include "port_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>

#define MARK_HAS(i) (PORT_RESERVED_OFFSET + (i))
#define MARK_DENY(i) (PORT_RESERVED_OFFSET + 4 + (i))
#define MARK_OPEN (PORT_RESERVED_OFFSET + 8)

DWORD port_share_gate_enter(int fd)
{
    while (flock(fd, LOCK_EX) != 0)
        if (errno != EINTR)
            return port_error_from_errno(errno);
    return ERROR_SUCCESS;
}

void port_share_gate_leave(int fd)
{
    flock(fd, LOCK_UN);
}

/* 1 if another open file description holds a lock on the byte at offset, 0 if none, -1 on
 * error (errno set). */
static int marker_held(int fd, off_t offset)
{
    struct flock fl = {0};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = offset;
    fl.l_len = 1;
    if (fcntl(fd, F_OFD_GETLK, &fl) != 0)
        return -1;
    return fl.l_type != F_UNLCK;
}

DWORD port_share_check(int fd, DWORD rights, DWORD share)
{
    if ((rights & PORT_RIGHTS_ALL) == 0)
        return ERROR_SUCCESS;
    for (int i = 0; i < 3; i++) {
        DWORD right = (DWORD)1 << i;
        int held = 0;
        if (rights & right) /* someone refuses to share what we ask for */
            held = marker_held(fd, MARK_DENY(i));
        if (held == 0 && !(share & right)) /* someone has what we refuse to share */
            held = marker_held(fd, MARK_HAS(i));
        if (held < 0)
            return port_error_from_errno(errno);
        if (held)
            return ERROR_SHARING_VIOLATION;
    }
    return ERROR_SUCCESS;
}

static int publish_marker(int fd, off_t offset)
{
    struct flock fl = {0};
    fl.l_type = F_RDLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = offset;
    fl.l_len = 1;
    return fcntl(fd, F_OFD_SETLK, &fl);
}

DWORD port_share_publish(int fd, DWORD rights, DWORD share)
{
    int rc = publish_marker(fd, MARK_OPEN);
    for (int i = 0; i < 3 && rc == 0 && (rights & PORT_RIGHTS_ALL); i++) {
        DWORD right = (DWORD)1 << i;
        if (rc == 0 && (rights & right))
            rc = publish_marker(fd, MARK_HAS(i));
        if (rc == 0 && !(share & right))
            rc = publish_marker(fd, MARK_DENY(i));
    }
    /* A descriptor opened write-only (a file we may write but not read) cannot hold read
     * locks: such a handle is checked against the others but cannot restrict them. */
    if (rc != 0 && errno != EBADF)
        return port_error_from_errno(errno);
    return ERROR_SUCCESS;
}

int port_share_in_use(int fd)
{
    return marker_held(fd, MARK_OPEN) == 1;
}
