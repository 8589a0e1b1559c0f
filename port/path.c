/* Win32 paths on POSIX: conversion of WCHAR paths, path-aware errors, directory sync,
 * GetFullPathNameW and GetCurrentDirectoryW.
 *
 * Both '\' and '/' separate components; converted paths use '/'. There are no drives: a path
 * that starts with "X:" fails with ERROR_PATH_NOT_FOUND (what Windows reports for a drive that
 * does not exist). Names are passed through unchanged: unlike Windows, trailing dots and spaces
 * are kept and case matters (the file system's rules apply). Full paths are returned with '/'. */
#include "port_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_separator(WCHAR c)
{
    return c == '/' || c == '\\';
}

static int is_drive_path(LPCWSTR path, size_t len)
{
    WCHAR c = path[0];
    return len >= 2 && path[1] == ':' && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
}

char *port_path_from_w(LPCWSTR path)
{
    if (path == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    size_t len = port_wcslen(path);
    if (len == 0 || is_drive_path(path, len)) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return NULL;
    }
    ptrdiff_t n = port_utf16_to_utf8(path, len, NULL, 0, PORT_UTF_WTF8, NULL, NULL);
    char *p = malloc((size_t)n + 1);
    if (p == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    port_utf16_to_utf8(path, len, p, (size_t)n, PORT_UTF_WTF8, NULL, NULL);
    p[n] = '\0';
    for (char *c = p; *c != '\0'; c++)
        if (*c == '\\')
            *c = '/';
    return p;
}

/* The directory containing path (malloc'd), or NULL when out of memory. */
static char *parent_of(const char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/') /* "a/b/" names b */
        len--;
    while (len > 0 && path[len - 1] != '/')
        len--;
    while (len > 1 && path[len - 1] == '/')
        len--;
    if (len == 0)
        return strdup(".");
    char *parent = malloc(len + 1);
    if (parent != NULL) {
        memcpy(parent, path, len);
        parent[len] = '\0';
    }
    return parent;
}

DWORD port_path_error(const char *path, int err)
{
    if (err == ENOENT) {
        char *parent = parent_of(path);
        struct stat st;
        int parent_ok = parent != NULL && stat(parent, &st) == 0 && S_ISDIR(st.st_mode);
        free(parent);
        return parent_ok ? ERROR_FILE_NOT_FOUND : ERROR_PATH_NOT_FOUND;
    }
    return port_error_from_errno(err);
}

void port_set_path_error(const char *path, int err)
{
    SetLastError(port_path_error(path, err));
}

int port_sync_parent(const char *path)
{
    char *parent = parent_of(path);
    if (parent == NULL)
        return ENOMEM;
    int err = 0;
    int fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0)
        err = errno;
    if (fd >= 0)
        close(fd);
    free(parent);
    return err;
}

/* The current directory as a malloc'd UTF-16 string; NULL with the last error set. */
static WCHAR *current_directory(void)
{
    char *cwd = getcwd(NULL, 0);
    if (cwd == NULL) {
        port_set_errno_error(errno);
        return NULL;
    }
    WCHAR *w = port_utf16_dup(cwd);
    free(cwd);
    return w;
}

/* Copies a result of len code units to the caller's buffer, Win32 style: returns len if it
 * fits with its terminator, otherwise the size needed including the terminator. */
static DWORD copy_out(const WCHAR *s, size_t len, DWORD cap, LPWSTR buf)
{
    if (buf == NULL || cap <= len)
        return (DWORD)(len + 1);
    memcpy(buf, s, len * sizeof *s);
    buf[len] = 0;
    return (DWORD)len;
}

DWORD WINAPI GetCurrentDirectoryW(DWORD nBufferLength, LPWSTR lpBuffer)
{
    WCHAR *cwd = current_directory();
    if (cwd == NULL)
        return 0;
    DWORD r = copy_out(cwd, port_wcslen(cwd), nBufferLength, lpBuffer);
    free(cwd);
    return r;
}

DWORD WINAPI GetFullPathNameW(LPCWSTR lpFileName, DWORD nBufferLength, LPWSTR lpBuffer,
                              LPWSTR *lpFilePart)
{
    if (lpFileName == NULL || lpFileName[0] == 0) {
        SetLastError(ERROR_INVALID_NAME);
        return 0;
    }
    size_t name_len = port_wcslen(lpFileName);
    if (is_drive_path(lpFileName, name_len)) {
        SetLastError(ERROR_PATH_NOT_FOUND);
        return 0;
    }
    WCHAR *cwd = NULL;
    size_t cwd_len = 0;
    if (!is_separator(lpFileName[0])) {
        if ((cwd = current_directory()) == NULL)
            return 0;
        cwd_len = port_wcslen(cwd);
    }
    /* in = cwd + "/" + name; out = its normalised form, never longer than in (+ root "/"). */
    WCHAR *in = malloc((cwd_len + name_len + 2) * sizeof *in);
    WCHAR *out = malloc((cwd_len + name_len + 3) * sizeof *out);
    if (in == NULL || out == NULL) {
        free(cwd);
        free(in);
        free(out);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    if (cwd_len > 0)
        memcpy(in, cwd, cwd_len * sizeof *in);
    in[cwd_len] = '/';
    memcpy(in + cwd_len + 1, lpFileName, name_len * sizeof *in);
    size_t in_len = cwd_len + 1 + name_len;
    free(cwd);

    /* Invariant: out[0..n) is "/" followed by resolved components joined by "/". */
    size_t n = 1;
    out[0] = '/';
    for (size_t i = 0; i < in_len;) {
        while (i < in_len && is_separator(in[i]))
            i++;
        size_t start = i;
        while (i < in_len && !is_separator(in[i]))
            i++;
        size_t len = i - start;
        if (len == 0 || (len == 1 && in[start] == '.'))
            continue;
        if (len == 2 && in[start] == '.' && in[start + 1] == '.') {
            while (n > 1 && out[n - 1] != '/')
                n--;
            if (n > 1)
                n--; /* drop the separator too; "/" stays */
            continue;
        }
        if (n > 1)
            out[n++] = '/';
        memcpy(out + n, in + start, len * sizeof *out);
        n += len;
    }
    if (is_separator(lpFileName[name_len - 1]) && n > 1)
        out[n++] = '/'; /* "dir\" keeps its trailing separator */
    free(in);

    DWORD r = copy_out(out, n, nBufferLength, lpBuffer);
    free(out);
    if (r == n && lpFilePart != NULL) { /* the last component; none after a trailing '/' */
        size_t k = n;
        while (k > 0 && lpBuffer[k - 1] != '/')
            k--;
        *lpFilePart = k == n ? NULL : lpBuffer + k;
    }
    return r;
}
