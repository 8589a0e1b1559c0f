/* File-system paths as the engine uses them: full paths (GetFullPathNameW), folders with a trailing
 * separator, and folder creation. Both '\' and '/' are accepted on input; results use the separator
 * GetFullPathNameW produces on this platform. All strings are malloc'ed WCHAR. */
#ifndef ESENT_UTIL_PATH_H
#define ESENT_UTIL_PATH_H

#include "api/api.h"

/* Full path of `path`; a relative path is taken relative to `base_folder` when it is not NULL
 * (base_folder must be full and end with a separator), else relative to the current directory.
 * With as_folder, the result ends with a separator. */
JET_ERR esent_path_full(const WCHAR *path, const WCHAR *base_folder, int as_folder, WCHAR **out);
/* a + b (a is a folder ending with a separator). */
JET_ERR esent_path_join(const WCHAR *folder, const WCHAR *name, WCHAR **out);
/* The folder part of a file path, with its trailing separator ("" for a bare name). */
JET_ERR esent_path_folder_of(const WCHAR *file, WCHAR **out);
/* 1 when the path ends with '\' or '/'. */
int esent_path_is_folder_syntax(const WCHAR *path);
/* JET_errSuccess when the folder exists; when it does not: creates it (and its parents) if `create`,
 * else JET_errInvalidPath. */
JET_ERR esent_path_ensure_folder(const WCHAR *folder, int create);

#endif
