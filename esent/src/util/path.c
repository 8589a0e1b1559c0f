#include "util/path.h"

#include "util/oserr.h"
#include "util/wstr.h"

#include <stdlib.h>
#include <string.h>

static int is_sep(WCHAR c)
{
    return c == '\\' || c == '/';
}

JET_ERR esent_path_folder_of(const WCHAR *file, WCHAR **out)
{
    WCHAR *folder = esent_wdup(file);
    if (folder == NULL)
        return JET_errOutOfMemory;
    size_t n = esent_wlen(folder);
    while (n > 0 && !is_sep(folder[n - 1]))
        n--;
    folder[n] = 0;
    *out = folder;
    return JET_errSuccess;
}

int esent_path_is_folder_syntax(const WCHAR *path)
{
    size_t n = esent_wlen(path);
    return n > 0 && is_sep(path[n - 1]);
}

/* The separator this platform's full paths use: the character GetFullPathNameW puts before a
 * relative name. */
static WCHAR native_sep(void)
{
    static const WCHAR probe[] = { 'x', 0 };
    WCHAR buf[4096];
    DWORD n = GetFullPathNameW((LPCWSTR)probe, 4096, (LPWSTR)buf, NULL);
    return (n >= 2 && n < 4096) ? buf[n - 2] : '\\';
}

JET_ERR esent_path_join(const WCHAR *folder, const WCHAR *name, WCHAR **out)
{
    size_t a = esent_wlen(folder), b = esent_wlen(name);
    WCHAR *s = malloc((a + b + 1) * sizeof(WCHAR));
    if (s == NULL)
        return JET_errOutOfMemory;
    memcpy(s, folder, a * sizeof(WCHAR));
    memcpy(s + a, name, (b + 1) * sizeof(WCHAR));
    *out = s;
    return JET_errSuccess;
}

JET_ERR esent_path_full(const WCHAR *path, const WCHAR *base_folder, int as_folder, WCHAR **out)
{
    *out = NULL;
    WCHAR *joined = NULL;
    const WCHAR *src = path;
    int absolute = is_sep(path[0]) || (path[0] != 0 && path[1] == ':');
    if (base_folder != NULL && !absolute) {
        JET_ERR err = esent_path_join(base_folder, path, &joined);
        if (err < 0)
            return err;
        src = joined;
    }
    static const WCHAR dot[] = { '.', 0 };
    if (src[0] == 0)
        src = dot;   /* an empty path names the current folder */
    DWORD need = GetFullPathNameW((LPCWSTR)src, 0, NULL, NULL);
    WCHAR *full = need > 0 ? malloc(((size_t)need + 2) * sizeof(WCHAR)) : NULL;
    DWORD got = full != NULL ? GetFullPathNameW((LPCWSTR)src, need + 1, (LPWSTR)full, NULL) : 0;
    free(joined);
    if (full == NULL || got == 0 || got > need) {
        free(full);
        return need == 0 ? JET_errInvalidPath : JET_errOutOfMemory;
    }
    if (as_folder && !is_sep(full[got - 1])) {
        full[got] = native_sep();
        full[got + 1] = 0;
    }
    *out = full;
    return JET_errSuccess;
}

static int folder_exists(const WCHAR *folder)
{
    DWORD attrs = GetFileAttributesW((LPCWSTR)folder);
    return attrs != INVALID_FILE_ATTRIBUTES && (attrs & FILE_ATTRIBUTE_DIRECTORY) != 0;
}

JET_ERR esent_path_ensure_folder(const WCHAR *folder, int create)
{
    if (folder_exists(folder))
        return JET_errSuccess;
    if (!create)
        return JET_errInvalidPath;
    WCHAR *work = esent_wdup(folder);
    if (work == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = JET_errSuccess;
    /* Create each missing component from the root down. */
    for (size_t i = 1; work[i] != 0 && err == JET_errSuccess; i++) {
        if (!is_sep(work[i]))
            continue;
        WCHAR keep = work[i];
        work[i] = 0;
        if (!folder_exists(work) && !CreateDirectoryW((LPCWSTR)work, NULL) &&
            GetLastError() != ERROR_ALREADY_EXISTS)
            err = esent_err_from_win32(GetLastError());
        work[i] = keep;
    }
    if (err == JET_errSuccess && !folder_exists(work) && !CreateDirectoryW((LPCWSTR)work, NULL) &&
        GetLastError() != ERROR_ALREADY_EXISTS)
        err = esent_err_from_win32(GetLastError());
    free(work);
    return err;
}
