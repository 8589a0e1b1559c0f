/* Directory enumeration (FindFirstFileW/FindNextFileW/FindClose with * and ? wildcards) and
 * path queries (GetFullPathNameW, GetCurrentDirectoryW). */
#include "port_test.h"

#include <string.h>

static const char *const entries[] = {
    ".", "..", "a.log", "b.log", "c.txt", "f1.txt", "f2.txt", "f10.txt", "noext", "sub",
};
#define N_ENTRIES (sizeof entries / sizeof entries[0])

static int suite_init(void)
{
    tf_remove_dir(u"find_dir/sub");
    tf_remove_dir(u"find_dir");
    if (!CreateDirectoryW(u"find_dir", NULL) || !CreateDirectoryW(u"find_dir\\sub", NULL))
        return 1;
    WCHAR path[64];
    for (size_t i = 2; i < N_ENTRIES - 1; i++) {
        tw_from_ascii(path, "find_dir/");
        tw_from_ascii(path + 9, entries[i]);
        if (!tf_write_new(path, "0123456789", (DWORD)i)) /* entries[i] has i bytes */
            return 1;
    }
    return 0;
}

static int suite_cleanup(void)
{
    RemoveDirectoryW(u"find_dir/sub");
    tf_remove_dir(u"find_dir");
    return 0;
}

/* Enumerates pattern; returns a bit mask of the entries[] found (bit 31: an unknown name,
 * bit 30: a name found twice), or -1 if FindFirstFileW failed (error in *err). */
static long find_mask(const WCHAR *pattern, DWORD *err)
{
    WIN32_FIND_DATAW fd;
    SetLastError(0);
    HANDLE h = FindFirstFileW(pattern, &fd);
    *err = GetLastError();
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    long mask = 0;
    do {
        long bit = 1L << 31;
        for (size_t i = 0; i < N_ENTRIES; i++) {
            WCHAR w[32];
            tw_from_ascii(w, entries[i]);
            if (tw_eq(w, fd.cFileName))
                bit = 1L << i;
        }
        if (mask & bit & ~(1L << 31))
            mask |= 1L << 30;
        mask |= bit;
    } while (FindNextFileW(h, &fd));
    *err = GetLastError();
    FindClose(h);
    return mask;
}

#define BIT(i) (1L << (i))

static void test_find_star(void)
{
    DWORD err;
    long mask = find_mask(u"find_dir\\*", &err);
    CU_ASSERT_EQUAL(mask, (long)(BIT(N_ENTRIES) - 1)); /* everything, with . and .. */
    CU_ASSERT_EQUAL(err, ERROR_NO_MORE_FILES);
}

static void test_find_question_mark(void)
{
    DWORD err;
    CU_ASSERT_EQUAL(find_mask(u"find_dir/f?.txt", &err), BIT(5) | BIT(6));
    CU_ASSERT_EQUAL(find_mask(u"find_dir/?.log", &err), BIT(2) | BIT(3));
}

static void test_find_extension(void)
{
    DWORD err;
    CU_ASSERT_EQUAL(find_mask(u"find_dir\\*.log", &err), BIT(2) | BIT(3));
    CU_ASSERT_EQUAL(find_mask(u"find_dir\\f*.txt", &err), BIT(5) | BIT(6) | BIT(7));
}

static void test_find_is_case_insensitive(void)
{
    DWORD err;
    CU_ASSERT_EQUAL(find_mask(u"find_dir\\*.LOG", &err), BIT(2) | BIT(3));
    CU_ASSERT_EQUAL(find_mask(u"find_dir\\C.TXT", &err), BIT(4));
}

static void test_find_star_dot_star(void)
{
    DWORD err;
    long mask = find_mask(u"find_dir\\*.*", &err);
    CU_ASSERT_EQUAL(mask, (long)(BIT(N_ENTRIES) - 1)); /* names without a dot too */
}

static void test_find_exact_name(void)
{
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(u"find_dir\\c.txt", &fd);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(tw_eq(fd.cFileName, u"c.txt")); /* the name only, no directory */
    CU_ASSERT_EQUAL(fd.nFileSizeLow, 4);
    CU_ASSERT_EQUAL(fd.nFileSizeHigh, 0);
    CU_ASSERT_EQUAL(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY, 0);
    SetLastError(0);
    CU_ASSERT_FALSE(FindNextFileW(h, &fd));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_NO_MORE_FILES);
    CU_ASSERT_TRUE(FindClose(h));
}

static void test_find_directory_attribute(void)
{
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(u"find_dir\\su*", &fd);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(tw_eq(fd.cFileName, u"sub"));
    CU_ASSERT_NOT_EQUAL(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY, 0);
    FindClose(h);
}

static void test_find_handle_is_not_a_kernel_handle(void)
{
    WIN32_FIND_DATAW fd;
    HANDLE h = FindFirstFileW(u"find_dir\\*.txt", &fd);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    SetLastError(0);
    CU_ASSERT_FALSE(CloseHandle(h));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    CU_ASSERT_EQUAL(WaitForSingleObject(h, 0), WAIT_FAILED);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    CU_ASSERT_TRUE(FindNextFileW(h, &fd)); /* still usable */
    CU_ASSERT_TRUE(FindClose(h));
}

static void test_find_no_match(void)
{
    DWORD err;
    CU_ASSERT_EQUAL(find_mask(u"find_dir\\zzz*", &err), -1);
    CU_ASSERT_EQUAL(err, ERROR_FILE_NOT_FOUND);
    CU_ASSERT_EQUAL(find_mask(u"find_dir\\missing.txt", &err), -1);
    CU_ASSERT_EQUAL(err, ERROR_FILE_NOT_FOUND);
}

static void test_find_missing_directory(void)
{
    DWORD err;
    CU_ASSERT_EQUAL(find_mask(u"find_no_such_dir\\*", &err), -1);
    CU_ASSERT_EQUAL(err, ERROR_PATH_NOT_FOUND);
}

/* ---- paths ---- */

/* Copies s replacing '\' by '/' (the port's native separator is '/', Win32's is '\'). */
static void slashes(WCHAR *dst, const WCHAR *s)
{
    size_t i = 0;
    for (; s[i] != 0; i++)
        dst[i] = s[i] == '\\' ? '/' : s[i];
    dst[i] = 0;
}

static void test_get_current_directory(void)
{
    DWORD need = GetCurrentDirectoryW(0, NULL);
    CU_ASSERT_FATAL(need > 1 && need < 1000);
    WCHAR buf[1024];
    DWORD n = GetCurrentDirectoryW(need, buf);
    CU_ASSERT_EQUAL(n, need - 1);
    CU_ASSERT_EQUAL(tw_len(buf), n);
    CU_ASSERT_EQUAL(GetCurrentDirectoryW(n, buf), need); /* too small: required size */
}

/* GetFullPathNameW(rel) must equal the current directory + "/" + expect (separators folded). */
static void check_full_path(const WCHAR *rel, const WCHAR *expect_suffix)
{
    WCHAR cwd[1024], full[1024], want[1024], got[1024];
    DWORD n = GetCurrentDirectoryW(1024, cwd);
    CU_ASSERT_FATAL(n > 0 && n < 1000);
    slashes(want, cwd);
    size_t len = tw_len(want);
    if (want[len - 1] != '/')
        want[len++] = '/';
    slashes(want + len, expect_suffix);

    DWORD r = GetFullPathNameW(rel, 1024, full, NULL);
    CU_ASSERT_EQUAL(r, tw_len(full));
    slashes(got, full);
    CU_ASSERT_TRUE(tw_eq(got, want));
}

static void test_full_path_relative(void)
{
    check_full_path(u"a\\b\\..\\c.txt", u"a/c.txt");
    check_full_path(u"a/./b/c", u"a/b/c");
    check_full_path(u"x\\y\\..\\..\\e.log", u"e.log");
}

static void test_full_path_parent(void)
{
    WCHAR cwd[1024], full[1024], want[1024];
    GetCurrentDirectoryW(1024, cwd);
    /* The parent of the current directory: everything up to the last separator. */
    slashes(want, cwd);
    size_t cut = tw_len(want);
    while (cut > 0 && want[cut - 1] != '/')
        cut--;
    want[cut] = 0;
    tw_from_ascii(want + cut, "d.txt");
    CU_ASSERT_TRUE(GetFullPathNameW(u"..\\d.txt", 1024, full, NULL) > 0);
    WCHAR got[1024];
    slashes(got, full);
    CU_ASSERT_TRUE(tw_eq(got, want));
}

static void test_full_path_dot_is_cwd(void)
{
    WCHAR cwd[1024], full[1024];
    DWORD n = GetCurrentDirectoryW(1024, cwd);
    CU_ASSERT_EQUAL(GetFullPathNameW(u".", 1024, full, NULL), n);
    CU_ASSERT_TRUE(tw_eq(full, cwd));
}

static void test_full_path_file_part_and_sizes(void)
{
    WCHAR full[1024];
    WCHAR *part = NULL;
    DWORD n = GetFullPathNameW(u"dir\\name.ext", 1024, full, &part);
    CU_ASSERT_FATAL(n > 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(part);
    CU_ASSERT_TRUE(tw_eq(part, u"name.ext"));
    CU_ASSERT_EQUAL(GetFullPathNameW(u"dir\\name.ext", 0, NULL, NULL), n + 1);
    CU_ASSERT_EQUAL(GetFullPathNameW(u"dir\\name.ext", n, full, NULL), n + 1); /* too small */
    CU_ASSERT_EQUAL(GetFullPathNameW(u"dir\\name.ext", n + 1, full, NULL), n);

    part = full;
    n = GetFullPathNameW(u"dir\\", 1024, full, &part);
    CU_ASSERT(n > 0 && (full[n - 1] == '\\' || full[n - 1] == '/'));
    CU_ASSERT_PTR_NULL(part); /* a path ending in a separator has no file part */
}

static void test_full_path_absolute(void)
{
    WCHAR abs_in[1024], full[1024], expect[1024];
    DWORD n = GetFullPathNameW(u"p1", 1024, abs_in, NULL);
    CU_ASSERT_FATAL(n > 0 && n < 1000);
    GetFullPathNameW(u"p2", 1024, expect, NULL);
    tw_from_ascii(abs_in + n, "\\..\\p2");
    CU_ASSERT_TRUE(GetFullPathNameW(abs_in, 1024, full, NULL) > 0);
    CU_ASSERT_TRUE(tw_eq(full, expect));
}

void port_register_find_tests(void)
{
    CU_pSuite s = esent_test_suite("find", suite_init, suite_cleanup);
    esent_test_add(s, "* lists every entry incl. . and ..", test_find_star);
    esent_test_add(s, "? matches one character", test_find_question_mark);
    esent_test_add(s, "*.log and f*.txt", test_find_extension);
    esent_test_add(s, "matching ignores case", test_find_is_case_insensitive);
    esent_test_add(s, "*.* matches names without a dot", test_find_star_dot_star);
    esent_test_add(s, "exact name, then ERROR_NO_MORE_FILES", test_find_exact_name);
    esent_test_add(s, "directories carry FILE_ATTRIBUTE_DIRECTORY", test_find_directory_attribute);
    esent_test_add(s, "find handles are closed only by FindClose", test_find_handle_is_not_a_kernel_handle);
    esent_test_add(s, "no match: ERROR_FILE_NOT_FOUND", test_find_no_match);
    esent_test_add(s, "missing directory: ERROR_PATH_NOT_FOUND", test_find_missing_directory);

    CU_pSuite p = esent_test_suite("path", NULL, NULL);
    esent_test_add(p, "GetCurrentDirectoryW sizes", test_get_current_directory);
    esent_test_add(p, "GetFullPathNameW resolves . and ..", test_full_path_relative);
    esent_test_add(p, "GetFullPathNameW goes above the current directory", test_full_path_parent);
    esent_test_add(p, "GetFullPathNameW(.) is the current directory", test_full_path_dot_is_cwd);
    esent_test_add(p, "GetFullPathNameW file part and sizes", test_full_path_file_part_and_sizes);
    esent_test_add(p, "GetFullPathNameW of an absolute path", test_full_path_absolute);
}
