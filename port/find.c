/* FindFirstFileW/FindNextFileW/FindClose: directory enumeration with * and ? wildcards.
 *
 * Matching follows Windows (and Wine): it ignores case (ASCII letters only here), '*' matches
 * any run of characters including none, '?' exactly one UTF-16 code unit, a pattern ending in
 * ".*" also matches names without an extension ("*.*" matches everything), and trailing dots
 * and spaces of the pattern are ignored. "." and ".." are returned when the pattern matches
 * them. Entries come in directory order, not sorted; 8.3 short names do not exist
 * (cAlternateFileName is empty, and patterns never match through them). */
#include "port_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct port_find {
    struct port_object base;
    pthread_mutex_t lock; /* serialises readdir on dir */
    DIR *dir;
    WCHAR *pattern;
    size_t pattern_len;
};

static void find_destroy(struct port_object *obj)
{
    struct port_find *f = (struct port_find *)obj;
    closedir(f->dir);
    free(f->pattern);
    pthread_mutex_destroy(&f->lock);
    free(f);
}

static WCHAR fold(WCHAR c)
{
    return c >= 'a' && c <= 'z' ? (WCHAR)(c - 'a' + 'A') : c;
}

/* Wildcard match of the whole name; on a mismatch after a '*', that '*' absorbs one more
 * character and matching resumes (linear backtracking to the most recent star). */
static int wildcard_match(const WCHAR *p, size_t pn, const WCHAR *s, size_t sn)
{
    size_t pi = 0, si = 0, star = SIZE_MAX, resume = 0;
    while (si < sn) {
        if (pi < pn && p[pi] == '*') {
            star = pi++;
            resume = si;
        } else if (pi < pn && (p[pi] == '?' || fold(p[pi]) == fold(s[si]))) {
            pi++;
            si++;
        } else if (star != SIZE_MAX) {
            pi = star + 1;
            si = ++resume;
        } else {
            return 0;
        }
    }
    while (pi < pn && p[pi] == '*')
        pi++;
    return pi == pn;
}

static int name_matches(const struct port_find *f, const WCHAR *name, size_t len)
{
    const WCHAR *p = f->pattern;
    size_t pn = f->pattern_len;
    if (wildcard_match(p, pn, name, len))
        return 1;
    return pn >= 2 && p[pn - 2] == '.' && p[pn - 1] == '*' && wildcard_match(p, pn - 2, name, len);
}

/* Fills data with the next matching entry; FALSE at the end of the directory. */
static BOOL next_match(struct port_find *f, LPWIN32_FIND_DATAW data)
{
    struct dirent *entry;
    while ((entry = readdir(f->dir)) != NULL) {
        WCHAR *name = port_utf16_dup(entry->d_name);
        if (name == NULL)
            return FALSE;
        size_t len = port_wcslen(name);
        WIN32_FILE_ATTRIBUTE_DATA attr;
        int found = len < MAX_PATH && name_matches(f, name, len) &&
                    port_stat(dirfd(f->dir), entry->d_name, &attr) == 0;
        if (found) {
            memset(data, 0, sizeof *data);
            data->dwFileAttributes = attr.dwFileAttributes;
            data->ftCreationTime = attr.ftCreationTime;
            data->ftLastAccessTime = attr.ftLastAccessTime;
            data->ftLastWriteTime = attr.ftLastWriteTime;
            data->nFileSizeHigh = attr.nFileSizeHigh;
            data->nFileSizeLow = attr.nFileSizeLow;
            memcpy(data->cFileName, name, (len + 1) * sizeof *name);
        }
        free(name);
        if (found)
            return TRUE;
    }
    SetLastError(ERROR_NO_MORE_FILES);
    return FALSE;
}

HANDLE WINAPI FindFirstFileW(LPCWSTR lpFileName, LPWIN32_FIND_DATAW lpFindFileData)
{
    char *path = port_path_from_w(lpFileName);
    if (path == NULL)
        return INVALID_HANDLE_VALUE;
    /* The pattern is the last component (from the UTF-16 name, as matching works in UTF-16);
     * the directory is everything before it. */
    size_t len = port_wcslen(lpFileName), start = len;
    while (start > 0 && lpFileName[start - 1] != '/' && lpFileName[start - 1] != '\\')
        start--;
    size_t pattern_len = len - start;
    const WCHAR *p = lpFileName + start;
    int dot_name = (pattern_len == 1 && p[0] == '.') ||
                   (pattern_len == 2 && p[0] == '.' && p[1] == '.');
    while (!dot_name && pattern_len > 0 && (p[pattern_len - 1] == '.' || p[pattern_len - 1] == ' '))
        pattern_len--; /* "a*." is "a*"; "." and ".." stay */
    char *slash = strrchr(path, '/');
    const char *dir_path = ".";
    if (slash == path)
        dir_path = "/";
    else if (slash != NULL) {
        *slash = '\0';
        dir_path = path;
    }

    struct port_find *f = calloc(1, sizeof *f);
    WCHAR *pattern = malloc((pattern_len + 1) * sizeof *pattern);
    DIR *dir = NULL;
    DWORD err = ERROR_SUCCESS;
    if (f == NULL || pattern == NULL)
        err = ERROR_NOT_ENOUGH_MEMORY;
    else if (pattern_len == 0)
        err = ERROR_FILE_NOT_FOUND;
    else if ((dir = opendir(dir_path)) == NULL)
        err = errno == ENOENT ? ERROR_PATH_NOT_FOUND : port_path_error(dir_path, errno);
    free(path);
    if (err != ERROR_SUCCESS) {
        free(f);
        free(pattern);
        SetLastError(err);
        return INVALID_HANDLE_VALUE;
    }
    memcpy(pattern, p, pattern_len * sizeof *pattern);
    pattern[pattern_len] = 0;
    port_object_init(&f->base, PORT_KIND_FIND, find_destroy);
    pthread_mutex_init(&f->lock, NULL);
    f->dir = dir;
    f->pattern = pattern;
    f->pattern_len = pattern_len;
    if (!next_match(f, lpFindFileData)) {
        if (GetLastError() == ERROR_NO_MORE_FILES)
            SetLastError(ERROR_FILE_NOT_FOUND);
        port_object_release(&f->base);
        return INVALID_HANDLE_VALUE;
    }
    HANDLE h = port_handle_insert(&f->base);
    return h != NULL ? h : INVALID_HANDLE_VALUE;
}

BOOL WINAPI FindNextFileW(HANDLE hFindFile, LPWIN32_FIND_DATAW lpFindFileData)
{
    struct port_find *f = (struct port_find *)port_handle_get(hFindFile, PORT_KIND_FIND);
    if (f == NULL)
        return FALSE;
    pthread_mutex_lock(&f->lock);
    BOOL ok = next_match(f, lpFindFileData);
    pthread_mutex_unlock(&f->lock);
    port_object_release(&f->base);
    return ok;
}

BOOL WINAPI FindClose(HANDLE hFindFile)
{
    return port_handle_close(hFindFile, PORT_KIND_FIND);
}
