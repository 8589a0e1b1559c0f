/* Name-level file system operations: DeleteFileW, MoveFileExW, CopyFileW, CreateDirectoryW,
 * RemoveDirectoryW, GetFileAttributesW/ExW, GetDiskFreeSpaceExW. */
#include "port_test.h"

#include <string.h>

static void test_delete_file(void)
{
    const WCHAR *name = u"fs_delete.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "x", 1));
    CU_ASSERT_TRUE(DeleteFileW(name));
    CU_ASSERT_FALSE(tf_exists(name));
    SetLastError(0);
    CU_ASSERT_FALSE(DeleteFileW(name));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_FILE_NOT_FOUND);
    SetLastError(0);
    CU_ASSERT_FALSE(DeleteFileW(u"fs_no_such_dir\\x.dat"));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_PATH_NOT_FOUND);
}

static void test_delete_file_on_directory(void)
{
    const WCHAR *dir = u"fs_delete_dir";
    RemoveDirectoryW(dir);
    CU_ASSERT_TRUE_FATAL(CreateDirectoryW(dir, NULL));
    SetLastError(0);
    CU_ASSERT_FALSE(DeleteFileW(dir));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_ACCESS_DENIED);
    CU_ASSERT_TRUE(RemoveDirectoryW(dir));
}

static void test_move_file_renames(void)
{
    const WCHAR *src = u"fs_move_src.dat", *dst = u"fs_move_dst.dat";
    tf_remove(dst);
    CU_ASSERT_TRUE_FATAL(tf_write_new(src, "moved", 5));
    CU_ASSERT_TRUE(MoveFileExW(src, dst, MOVEFILE_WRITE_THROUGH));
    CU_ASSERT_FALSE(tf_exists(src));
    char buf[8];
    CU_ASSERT_EQUAL(tf_read_all(dst, buf, sizeof buf), 5);
    CU_ASSERT_EQUAL(memcmp(buf, "moved", 5), 0);
    tf_remove(dst);
}

static void test_move_file_existing_target(void)
{
    const WCHAR *src = u"fs_move2_src.dat", *dst = u"fs_move2_dst.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(src, "new", 3));
    CU_ASSERT_TRUE_FATAL(tf_write_new(dst, "old-content", 11));
    SetLastError(0);
    CU_ASSERT_FALSE(MoveFileExW(src, dst, 0));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_ALREADY_EXISTS);
    CU_ASSERT_EQUAL(tf_size(src), 3);
    CU_ASSERT_EQUAL(tf_size(dst), 11);

    CU_ASSERT_TRUE(MoveFileExW(src, dst, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH));
    CU_ASSERT_FALSE(tf_exists(src));
    CU_ASSERT_EQUAL(tf_size(dst), 3);
    tf_remove(dst);
}

static void test_move_file_missing_source(void)
{
    SetLastError(0);
    CU_ASSERT_FALSE(MoveFileExW(u"fs_move_missing.dat", u"fs_move_missing2.dat", 0));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_FILE_NOT_FOUND);
}

static void test_move_directory(void)
{
    const WCHAR *a = u"fs_move_dir_a", *b = u"fs_move_dir_b";
    tf_remove_dir(a);
    tf_remove_dir(b);
    CU_ASSERT_TRUE_FATAL(CreateDirectoryW(a, NULL));
    CU_ASSERT_TRUE(tf_write_new(u"fs_move_dir_a\\f.dat", "f", 1));
    CU_ASSERT_TRUE(MoveFileExW(a, b, 0));
    CU_ASSERT_EQUAL(tf_size(u"fs_move_dir_b/f.dat"), 1);
    CU_ASSERT_FALSE(tf_exists(a));
    tf_remove_dir(b);
}

static void test_copy_file(void)
{
    const WCHAR *src = u"fs_copy_src.dat", *dst = u"fs_copy_dst.dat";
    tf_remove(dst);
    CU_ASSERT_TRUE_FATAL(tf_write_new(src, "copy me", 7));
    CU_ASSERT_TRUE(CopyFileW(src, dst, TRUE));
    char buf[16];
    CU_ASSERT_EQUAL(tf_read_all(dst, buf, sizeof buf), 7);
    CU_ASSERT_EQUAL(memcmp(buf, "copy me", 7), 0);
    CU_ASSERT_EQUAL(tf_size(src), 7); /* source kept */

    CU_ASSERT_TRUE_FATAL(tf_write_new(src, "v2", 2));
    SetLastError(0);
    CU_ASSERT_FALSE(CopyFileW(src, dst, TRUE));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_FILE_EXISTS);
    CU_ASSERT_EQUAL(tf_size(dst), 7);
    CU_ASSERT_TRUE(CopyFileW(src, dst, FALSE));
    CU_ASSERT_EQUAL(tf_size(dst), 2);
    tf_remove(src);
    tf_remove(dst);
}

static void test_copy_file_missing_source(void)
{
    SetLastError(0);
    CU_ASSERT_FALSE(CopyFileW(u"fs_copy_missing.dat", u"fs_copy_missing2.dat", FALSE));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_FILE_NOT_FOUND);
    CU_ASSERT_FALSE(tf_exists(u"fs_copy_missing2.dat"));
}

static void test_create_directory(void)
{
    const WCHAR *dir = u"fs_mkdir";
    tf_remove_dir(dir);
    CU_ASSERT_TRUE(CreateDirectoryW(dir, NULL));
    CU_ASSERT_TRUE(GetFileAttributesW(dir) & FILE_ATTRIBUTE_DIRECTORY);
    SetLastError(0);
    CU_ASSERT_FALSE(CreateDirectoryW(dir, NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_ALREADY_EXISTS);
    SetLastError(0);
    CU_ASSERT_FALSE(CreateDirectoryW(u"fs_mkdir_missing\\child", NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_PATH_NOT_FOUND);
    CU_ASSERT_TRUE(RemoveDirectoryW(dir));
}

static void test_create_directory_over_file(void)
{
    const WCHAR *name = u"fs_mkdir_file.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "f", 1));
    SetLastError(0);
    CU_ASSERT_FALSE(CreateDirectoryW(name, NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_ALREADY_EXISTS);
    tf_remove(name);
}

static void test_remove_directory(void)
{
    const WCHAR *dir = u"fs_rmdir";
    tf_remove_dir(dir);
    CU_ASSERT_TRUE_FATAL(CreateDirectoryW(dir, NULL));
    CU_ASSERT_TRUE_FATAL(tf_write_new(u"fs_rmdir\\f.dat", "f", 1));
    SetLastError(0);
    CU_ASSERT_FALSE(RemoveDirectoryW(dir));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_DIR_NOT_EMPTY);
    CU_ASSERT_TRUE(DeleteFileW(u"fs_rmdir\\f.dat"));
    CU_ASSERT_TRUE(RemoveDirectoryW(dir));
    CU_ASSERT_FALSE(tf_exists(dir));
    SetLastError(0);
    CU_ASSERT_FALSE(RemoveDirectoryW(dir));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_FILE_NOT_FOUND);
}

static void test_remove_directory_on_file(void)
{
    const WCHAR *name = u"fs_rmdir_file.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "f", 1));
    SetLastError(0);
    CU_ASSERT_FALSE(RemoveDirectoryW(name));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_DIRECTORY);
    CU_ASSERT_TRUE(tf_exists(name));
    tf_remove(name);
}

static void test_get_file_attributes(void)
{
    const WCHAR *name = u"fs_attr.dat", *dir = u"fs_attr_dir";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "x", 1));
    RemoveDirectoryW(dir);
    CU_ASSERT_TRUE_FATAL(CreateDirectoryW(dir, NULL));
    DWORD a = GetFileAttributesW(name);
    CU_ASSERT_NOT_EQUAL(a, INVALID_FILE_ATTRIBUTES);
    CU_ASSERT_EQUAL(a & FILE_ATTRIBUTE_DIRECTORY, 0);
    a = GetFileAttributesW(dir);
    CU_ASSERT_NOT_EQUAL(a, INVALID_FILE_ATTRIBUTES);
    CU_ASSERT_NOT_EQUAL(a & FILE_ATTRIBUTE_DIRECTORY, 0);
    SetLastError(0);
    CU_ASSERT_EQUAL(GetFileAttributesW(u"fs_attr_missing.dat"), INVALID_FILE_ATTRIBUTES);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_FILE_NOT_FOUND);
    SetLastError(0);
    CU_ASSERT_EQUAL(GetFileAttributesW(u"fs_attr_missing_dir\\x"), INVALID_FILE_ATTRIBUTES);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_PATH_NOT_FOUND);
    RemoveDirectoryW(dir);
    tf_remove(name);
}

/* FILETIME → seconds since 1970. */
static long long filetime_unix(FILETIME ft)
{
    unsigned long long t = ((unsigned long long)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    return (long long)(t / 10000000ULL) - 11644473600LL;
}

static void test_get_file_attributes_ex(void)
{
    const WCHAR *name = u"fs_attr_ex.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "0123456789abc", 13));
    WIN32_FILE_ATTRIBUTE_DATA data;
    memset(&data, 0xAB, sizeof data);
    CU_ASSERT_TRUE(GetFileAttributesExW(name, GetFileExInfoStandard, &data));
    CU_ASSERT_EQUAL(data.nFileSizeLow, 13);
    CU_ASSERT_EQUAL(data.nFileSizeHigh, 0);
    CU_ASSERT_EQUAL(data.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY, 0);
    FILETIME now;
    GetSystemTimeAsFileTime(&now);
    long long written = filetime_unix(data.ftLastWriteTime), t = filetime_unix(now);
    CU_ASSERT(written <= t + 2 && written >= t - 600);
    CU_ASSERT(filetime_unix(data.ftCreationTime) <= t + 2);

    SetLastError(0);
    CU_ASSERT_FALSE(GetFileAttributesExW(u"fs_attr_ex_missing.dat", GetFileExInfoStandard, &data));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_FILE_NOT_FOUND);
    SetLastError(0);
    CU_ASSERT_FALSE(GetFileAttributesExW(name, GetFileExMaxInfoLevel, &data));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    tf_remove(name);
}

static void test_disk_free_space(void)
{
    ULARGE_INTEGER avail, total, free_bytes;
    CU_ASSERT_TRUE(GetDiskFreeSpaceExW(NULL, &avail, &total, &free_bytes));
    CU_ASSERT(total.QuadPart > 0);
    CU_ASSERT(free_bytes.QuadPart <= total.QuadPart);
    CU_ASSERT(avail.QuadPart <= free_bytes.QuadPart);
    CU_ASSERT(avail.QuadPart > 0);

    const WCHAR *dir = u"fs_df_dir";
    RemoveDirectoryW(dir);
    CU_ASSERT_TRUE_FATAL(CreateDirectoryW(dir, NULL));
    ULARGE_INTEGER total2;
    CU_ASSERT_TRUE(GetDiskFreeSpaceExW(u"fs_df_dir\\", NULL, &total2, NULL));
    CU_ASSERT_EQUAL(total2.QuadPart, total.QuadPart); /* same volume */
    RemoveDirectoryW(dir);
    SetLastError(0);
    CU_ASSERT_FALSE(GetDiskFreeSpaceExW(u"fs_df_missing\\", &avail, NULL, NULL));
    CU_ASSERT(GetLastError() == ERROR_PATH_NOT_FOUND || GetLastError() == ERROR_FILE_NOT_FOUND);
}

void port_register_fsops_tests(void)
{
    CU_pSuite s = esent_test_suite("fsops", NULL, NULL);
    esent_test_add(s, "DeleteFileW and its errors", test_delete_file);
    esent_test_add(s, "DeleteFileW on a directory: ERROR_ACCESS_DENIED", test_delete_file_on_directory);
    esent_test_add(s, "MoveFileExW renames", test_move_file_renames);
    esent_test_add(s, "MoveFileExW onto an existing file needs REPLACE_EXISTING", test_move_file_existing_target);
    esent_test_add(s, "MoveFileExW missing source", test_move_file_missing_source);
    esent_test_add(s, "MoveFileExW renames a directory", test_move_directory);
    esent_test_add(s, "CopyFileW and bFailIfExists", test_copy_file);
    esent_test_add(s, "CopyFileW missing source", test_copy_file_missing_source);
    esent_test_add(s, "CreateDirectoryW and its errors", test_create_directory);
    esent_test_add(s, "CreateDirectoryW over a file: ERROR_ALREADY_EXISTS", test_create_directory_over_file);
    esent_test_add(s, "RemoveDirectoryW and ERROR_DIR_NOT_EMPTY", test_remove_directory);
    esent_test_add(s, "RemoveDirectoryW on a file: ERROR_DIRECTORY", test_remove_directory_on_file);
    esent_test_add(s, "GetFileAttributesW", test_get_file_attributes);
    esent_test_add(s, "GetFileAttributesExW", test_get_file_attributes_ex);
    esent_test_add(s, "GetDiskFreeSpaceExW", test_disk_free_space);
}
