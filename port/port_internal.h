/* Internal interfaces shared by the files of port/ (never included outside port/).
 *
 * Every .c file here is compiled with _GNU_SOURCE (port/CMakeLists.txt) and includes this
 * header first. Functions named port_* are internal; the Win32 names are the public surface
 * declared in winapi/winapi.h. */
#ifndef ESENT_PORT_INTERNAL_H
#define ESENT_PORT_INTERNAL_H

#include "winapi.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- errors (error.c) ---------------------------------------------------------------------- */

/* The Win32 error for an errno value: the one place where errno is mapped. */
DWORD port_error_from_errno(int err);
/* SetLastError(port_error_from_errno(err)). */
void port_set_errno_error(int err);

/* ---- handles (handle.c) -------------------------------------------------------------------- */

enum port_kind {
    PORT_KIND_ANY = 0, /* lookup only: accept every kind */
    PORT_KIND_FILE,
    PORT_KIND_THREAD,
    PORT_KIND_EVENT,
    PORT_KIND_FIND,
};

/* Header of every object a HANDLE can name. An object is reference counted: the handle table
 * holds one reference while the handle is open, and each lookup holds one until released, so
 * an object stays valid while any thread uses it even if its handle is closed meanwhile. */
struct port_object {
    enum port_kind kind;
    int refs;                                   /* atomic */
    void (*destroy)(struct port_object *self);  /* frees the object when refs drops to 0 */
};

/* The current-process pseudo handle (GetCurrentProcess() == INVALID_HANDLE_VALUE). */
#define PORT_CURRENT_PROCESS INVALID_HANDLE_VALUE

void port_object_init(struct port_object *obj, enum port_kind kind,
                      void (*destroy)(struct port_object *));
void port_object_release(struct port_object *obj);
/* Gives obj a handle (taking over the caller's reference). Returns NULL with
 * ERROR_NOT_ENOUGH_MEMORY (the object is then released) when the table cannot grow. */
HANDLE port_handle_insert(struct port_object *obj);
/* The object named by h, referenced, if h is open and of that kind (PORT_KIND_ANY: any kind);
 * otherwise NULL with ERROR_INVALID_HANDLE. */
struct port_object *port_handle_get(HANDLE h, enum port_kind kind);
/* Closes h if it names an object of that kind; FALSE with ERROR_INVALID_HANDLE otherwise. */
BOOL port_handle_close(HANDLE h, enum port_kind kind);

/* ---- waitable objects (wait.c) ------------------------------------------------------------- */

struct port_wait_link;

/* A thread or an event. signaled and waiters are protected by the process-wide wait lock,
 * so a wait on several objects sees and consumes their states atomically. */
struct port_waitable {
    struct port_object base;
    int signaled;
    int auto_reset;                 /* a satisfied wait clears signaled */
    struct port_wait_link *waiters; /* blocked waits to wake when signaled */
};

void port_waitable_init(struct port_waitable *w, enum port_kind kind,
                        void (*destroy)(struct port_object *), int signaled, int auto_reset);
/* Sets or clears the signaled state; setting it wakes the blocked waits. */
void port_waitable_set(struct port_waitable *w, int signaled);

/* ---- UTF-8 / UTF-16 (unicode.c) ------------------------------------------------------------ */

enum port_utf_mode {
    PORT_UTF_REPLACE, /* an invalid sequence becomes U+FFFD */
    PORT_UTF_STRICT,  /* an invalid sequence fails the conversion */
    PORT_UTF_WTF8,    /* file names: lone surrogates travel as 3-byte sequences (WTF-8) */
};
#define PORT_UTF_INVALID ((ptrdiff_t)-1)  /* invalid input in PORT_UTF_STRICT mode */
#define PORT_UTF_OVERFLOW ((ptrdiff_t)-2) /* dst too small */

/* Converts len UTF-8 bytes to UTF-16. With dst == NULL only counts. Returns the number of
 * code units produced, or PORT_UTF_INVALID / PORT_UTF_OVERFLOW. */
ptrdiff_t port_utf8_to_utf16(const char *src, size_t len, WCHAR *dst, size_t cap,
                             enum port_utf_mode mode);
/* Converts len UTF-16 code units to UTF-8. With dst == NULL only counts. A lone surrogate is
 * replaced by `replacement` (a NUL-terminated byte string; NULL means U+FFFD) in
 * PORT_UTF_REPLACE mode, and *replaced (if not NULL) is set when that happened. Returns the
 * number of bytes produced, or PORT_UTF_INVALID / PORT_UTF_OVERFLOW. */
ptrdiff_t port_utf16_to_utf8(const WCHAR *src, size_t len, char *dst, size_t cap,
                             enum port_utf_mode mode, const char *replacement, int *replaced);
/* Length of a NUL-terminated UTF-16 string, in code units. */
size_t port_wcslen(const WCHAR *s);
/* A malloc'd NUL-terminated UTF-16 copy of a UTF-8 (WTF-8) string; NULL with
 * ERROR_NOT_ENOUGH_MEMORY. Invalid bytes become U+FFFD. */
WCHAR *port_utf16_dup(const char *utf8);

/* ---- paths (path.c) ------------------------------------------------------------------------ */

/* A malloc'd POSIX path for a Win32 path: UTF-16 → WTF-8, '\' → '/'. Fails (NULL, last error
 * set) for NULL (ERROR_INVALID_PARAMETER), "" and "X:..." drive paths (ERROR_PATH_NOT_FOUND). */
char *port_path_from_w(LPCWSTR path);
/* The Win32 error for errno err from an operation on path: ENOENT is ERROR_FILE_NOT_FOUND when
 * the containing directory exists and ERROR_PATH_NOT_FOUND otherwise. */
DWORD port_path_error(const char *path, int err);
/* SetLastError(port_path_error(path, err)). */
void port_set_path_error(const char *path, int err);
/* fsyncs the directory that contains path, making a create, rename or delete in it durable.
 * Returns 0 or an errno value. */
int port_sync_parent(const char *path);

/* ---- file attributes (attr.c) -------------------------------------------------------------- */

/* Win32 attributes, times and size of path (relative to directory dirfd, or AT_FDCWD),
 * following symbolic links. Returns 0 or an errno value. */
int port_stat(int dirfd, const char *path, WIN32_FILE_ATTRIBUTE_DATA *data);

/* ---- files (file.c, share.c, lock.c) ------------------------------------------------------- */

/* Data rights, in the bit positions of FILE_SHARE_READ/WRITE/DELETE. */
#define PORT_RIGHT_READ FILE_SHARE_READ
#define PORT_RIGHT_WRITE FILE_SHARE_WRITE
#define PORT_RIGHT_DELETE FILE_SHARE_DELETE
#define PORT_RIGHTS_ALL (PORT_RIGHT_READ | PORT_RIGHT_WRITE | PORT_RIGHT_DELETE)

/* Byte offsets from here to the end of the 63-bit offset range are reserved for the share-mode
 * markers (share.c); LockFileEx ranges are clipped below it (lock.c). */
#define PORT_RESERVED_OFFSET ((off_t)0x7FFFFFFFFFFFFF00LL)

struct port_lock_range;

struct port_file {
    struct port_object base;
    int fd;
    DWORD rights;          /* PORT_RIGHT_* granted to this handle */
    int is_dir;            /* opened with FILE_FLAG_BACKUP_SEMANTICS on a directory */
    int overlapped;        /* FILE_FLAG_OVERLAPPED: no file pointer, I/O completes at once */
    char *delete_path;     /* FILE_FLAG_DELETE_ON_CLOSE: the path to unlink at close, else NULL */
    dev_t dev;             /* identity of the open file, to unlink only that file */
    ino_t ino;
    pthread_mutex_t pointer_lock;  /* serialises I/O through the file pointer */
    int64_t pointer;               /* file pointer in bytes; under pointer_lock */
    pthread_mutex_t locks_lock;    /* protects locks/n_locks/cap_locks */
    struct port_lock_range *locks; /* LockFileEx ranges held through this handle */
    size_t n_locks, cap_locks;
};

/* The file object for h, referenced; NULL with ERROR_INVALID_HANDLE. */
struct port_file *port_file_get(HANDLE h);

/* Share modes (share.c). The gate serialises check-and-publish across every handle of the
 * file in every process; the caller holds it around port_share_check + port_share_publish and
 * around a delete or rename that port_share_check allowed. */
DWORD port_share_gate_enter(int fd);
void port_share_gate_leave(int fd);
/* ERROR_SUCCESS if a new handle with (rights, share) is compatible with every handle open on
 * the file, otherwise ERROR_SHARING_VIOLATION. */
DWORD port_share_check(int fd, DWORD rights, DWORD share);
/* Publishes this descriptor's (rights, share) and its being open; released when it closes. */
DWORD port_share_publish(int fd, DWORD rights, DWORD share);
/* Nonzero if any handle (other than through fd) has the file open. */
int port_share_in_use(int fd);

/* Releases the LockFileEx bookkeeping of a file being destroyed (lock.c). */
void port_lock_free(struct port_file *f);

#endif
