/* Files: CreateFileW/A dispositions, reads and writes (file pointer and OVERLAPPED offsets),
 * file pointer, size, end of file, flush, flags, invalid handles. */
#include "port_test.h"

#include <string.h>

#define SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
#define RW (GENERIC_READ | GENERIC_WRITE)

static void test_create_new(void)
{
    const WCHAR *name = u"file_create_new.dat";
    tf_remove(name);
    HANDLE h = tf_open(name, RW, 0, CREATE_NEW);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(CloseHandle(h));
    CU_ASSERT_TRUE(tf_exists(name));

    SetLastError(0);
    h = tf_open(name, RW, 0, CREATE_NEW);
    CU_ASSERT_EQUAL(h, INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_FILE_EXISTS);
    tf_remove(name);
}

static void test_create_always(void)
{
    const WCHAR *name = u"file_create_always.dat";
    tf_remove(name);
    SetLastError(1234);
    HANDLE h = tf_open(name, RW, 0, CREATE_ALWAYS);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_SUCCESS);
    CloseHandle(h);

    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "hello", 5));
    SetLastError(0);
    h = tf_open(name, RW, 0, CREATE_ALWAYS);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_ALREADY_EXISTS);
    CloseHandle(h);
    CU_ASSERT_EQUAL(tf_size(name), 0); /* an existing file is truncated */
    tf_remove(name);
}

static void test_open_existing(void)
{
    const WCHAR *name = u"file_open_existing.dat";
    tf_remove(name);
    SetLastError(0);
    HANDLE h = tf_open(name, GENERIC_READ, 0, OPEN_EXISTING);
    CU_ASSERT_EQUAL(h, INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_FILE_NOT_FOUND);
    CU_ASSERT_FALSE(tf_exists(name));

    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "hello", 5));
    SetLastError(1234);
    h = tf_open(name, GENERIC_READ, 0, OPEN_EXISTING);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_SUCCESS);
    CloseHandle(h);
    CU_ASSERT_EQUAL(tf_size(name), 5); /* content kept */
    tf_remove(name);
}

static void test_open_existing_missing_directory(void)
{
    SetLastError(0);
    HANDLE h = tf_open(u"no_such_dir\\file.dat", GENERIC_READ, 0, OPEN_EXISTING);
    CU_ASSERT_EQUAL(h, INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_PATH_NOT_FOUND);
    SetLastError(0);
    h = tf_open(u"no_such_dir/file.dat", RW, 0, CREATE_ALWAYS);
    CU_ASSERT_EQUAL(h, INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_PATH_NOT_FOUND);
}

static void test_bad_names(void)
{
    SetLastError(0);
    CU_ASSERT_EQUAL(tf_open(u"", GENERIC_READ, 0, OPEN_EXISTING), INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_PATH_NOT_FOUND);
    const WCHAR *name = u"file_not_a_dir.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "x", 1));
    SetLastError(0); /* a file used as a directory */
    CU_ASSERT_EQUAL(tf_open(u"file_not_a_dir.dat\\x", GENERIC_READ, 0, OPEN_ALWAYS), INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_PATH_NOT_FOUND);
    tf_remove(name);
}

static void test_open_always(void)
{
    const WCHAR *name = u"file_open_always.dat";
    tf_remove(name);
    SetLastError(1234);
    HANDLE h = tf_open(name, RW, 0, OPEN_ALWAYS);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_SUCCESS);
    DWORD done = 0;
    CU_ASSERT_TRUE(WriteFile(h, "abc", 3, &done, NULL));
    CloseHandle(h);

    SetLastError(0);
    h = tf_open(name, RW, 0, OPEN_ALWAYS);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_ALREADY_EXISTS);
    CloseHandle(h);
    CU_ASSERT_EQUAL(tf_size(name), 3); /* not truncated */
    tf_remove(name);
}

static void test_truncate_existing(void)
{
    const WCHAR *name = u"file_truncate_existing.dat";
    tf_remove(name);
    SetLastError(0);
    HANDLE h = tf_open(name, GENERIC_WRITE, 0, TRUNCATE_EXISTING);
    CU_ASSERT_EQUAL(h, INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_FILE_NOT_FOUND);

    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "hello", 5));
    h = tf_open(name, GENERIC_WRITE, 0, TRUNCATE_EXISTING);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CloseHandle(h);
    CU_ASSERT_EQUAL(tf_size(name), 0);
    tf_remove(name);
}

static void test_invalid_disposition(void)
{
    SetLastError(0);
    HANDLE h = tf_open(u"file_bad_disposition.dat", RW, 0, 0);
    CU_ASSERT_EQUAL(h, INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    h = tf_open(u"file_bad_disposition.dat", RW, 0, 6);
    CU_ASSERT_EQUAL(h, INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    CU_ASSERT_FALSE(tf_exists(u"file_bad_disposition.dat"));
}

static void test_create_file_a(void)
{
    const WCHAR *name = u"file_ansi.dat";
    tf_remove(name);
    HANDLE h = CreateFileA("file_ansi.dat", RW, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    DWORD done = 0;
    CU_ASSERT_TRUE(WriteFile(h, "ansi", 4, &done, NULL));
    CloseHandle(h);
    CU_ASSERT_EQUAL(tf_size(name), 4); /* the same file through the W name */
    SetLastError(0);
    h = CreateFileA("file_ansi_missing.dat", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    CU_ASSERT_EQUAL(h, INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_FILE_NOT_FOUND);
    tf_remove(name);
}

static void test_both_separators(void)
{
    const WCHAR *dir = u"file_sep_dir";
    tf_remove_dir(dir);
    CU_ASSERT_TRUE_FATAL(CreateDirectoryW(dir, NULL));
    CU_ASSERT_TRUE_FATAL(tf_write_new(u"file_sep_dir\\inner.dat", "1234", 4));
    CU_ASSERT_EQUAL(tf_size(u"file_sep_dir/inner.dat"), 4);
    HANDLE h = tf_open(u"file_sep_dir/inner.dat", GENERIC_READ, 0, OPEN_EXISTING);
    CU_ASSERT(h != INVALID_HANDLE_VALUE);
    CloseHandle(h);
    CU_ASSERT_TRUE(DeleteFileW(u"file_sep_dir/inner.dat"));
    CU_ASSERT_FALSE(tf_exists(u"file_sep_dir\\inner.dat"));
    CU_ASSERT_TRUE(RemoveDirectoryW(dir));
}

static void test_write_read_at_file_pointer(void)
{
    const WCHAR *name = u"file_pointer_io.dat";
    HANDLE h = tf_open(name, RW, 0, CREATE_ALWAYS);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    DWORD done = 0;
    CU_ASSERT_TRUE(WriteFile(h, "0123456789", 10, &done, NULL));
    CU_ASSERT_EQUAL(done, 10);
    CU_ASSERT_EQUAL(tf_pointer(h), 10);
    CU_ASSERT_TRUE(WriteFile(h, "ab", 2, &done, NULL)); /* continues at the pointer */
    CU_ASSERT_EQUAL(tf_pointer(h), 12);

    LARGE_INTEGER to;
    to.QuadPart = 3;
    CU_ASSERT_TRUE(SetFilePointerEx(h, to, NULL, FILE_BEGIN));
    char buf[16] = {0};
    CU_ASSERT_TRUE(ReadFile(h, buf, 4, &done, NULL));
    CU_ASSERT_EQUAL(done, 4);
    CU_ASSERT_EQUAL(memcmp(buf, "3456", 4), 0);
    CU_ASSERT_EQUAL(tf_pointer(h), 7);
    CU_ASSERT_TRUE(ReadFile(h, buf, 16, &done, NULL)); /* short read up to EOF */
    CU_ASSERT_EQUAL(done, 5);
    CU_ASSERT_EQUAL(memcmp(buf, "789ab", 5), 0);
    CloseHandle(h);
    tf_remove(name);
}

static void test_read_at_eof_without_overlapped(void)
{
    const WCHAR *name = u"file_eof_sync.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "abc", 3));
    HANDLE h = tf_open(name, GENERIC_READ, 0, OPEN_EXISTING);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    char buf[8];
    DWORD done = 99;
    CU_ASSERT_TRUE(ReadFile(h, buf, 3, &done, NULL));
    CU_ASSERT_EQUAL(done, 3);
    done = 99;
    CU_ASSERT_TRUE(ReadFile(h, buf, sizeof buf, &done, NULL)); /* at EOF: TRUE, 0 bytes */
    CU_ASSERT_EQUAL(done, 0);
    LARGE_INTEGER to;
    to.QuadPart = 100;
    CU_ASSERT_TRUE(SetFilePointerEx(h, to, NULL, FILE_BEGIN));
    done = 99;
    CU_ASSERT_TRUE(ReadFile(h, buf, sizeof buf, &done, NULL)); /* beyond EOF: the same */
    CU_ASSERT_EQUAL(done, 0);
    CloseHandle(h);
    tf_remove(name);
}

static void test_overlapped_write_at_offset(void)
{
    const WCHAR *name = u"file_ov_write.dat";
    HANDLE h = tf_open(name, RW, 0, CREATE_ALWAYS);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = 100;
    DWORD done = 0;
    CU_ASSERT_TRUE(WriteFile(h, "xyz", 3, &done, &ov));
    CU_ASSERT_EQUAL(done, 3);
    CU_ASSERT_EQUAL(ov.Internal, 0);
    CU_ASSERT_EQUAL(ov.InternalHigh, 3);
    LARGE_INTEGER size;
    CU_ASSERT_TRUE(GetFileSizeEx(h, &size));
    CU_ASSERT_EQUAL(size.QuadPart, 103);
    /* On a synchronous handle the file pointer follows the transfer. */
    CU_ASSERT_EQUAL(tf_pointer(h), 103);
    CloseHandle(h);

    char buf[128];
    CU_ASSERT_EQUAL(tf_read_all(name, buf, sizeof buf), 103);
    int zeros = 1;
    for (int i = 0; i < 100; i++)
        zeros &= buf[i] == 0;
    CU_ASSERT_TRUE(zeros); /* the gap reads as zeros */
    CU_ASSERT_EQUAL(memcmp(buf + 100, "xyz", 3), 0);
    tf_remove(name);
}

static void test_overlapped_read_at_offset(void)
{
    const WCHAR *name = u"file_ov_read.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "0123456789", 10));
    HANDLE h = tf_open(name, GENERIC_READ, 0, OPEN_EXISTING);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = 6;
    char buf[16] = {0};
    DWORD done = 0;
    CU_ASSERT_TRUE(ReadFile(h, buf, 3, &done, &ov));
    CU_ASSERT_EQUAL(done, 3);
    CU_ASSERT_EQUAL(memcmp(buf, "678", 3), 0);
    CU_ASSERT_EQUAL(ov.InternalHigh, 3);
    CU_ASSERT_EQUAL(tf_pointer(h), 9);
    /* A read spanning EOF returns the bytes that exist. */
    memset(&ov, 0, sizeof ov);
    ov.Offset = 8;
    CU_ASSERT_TRUE(ReadFile(h, buf, 10, &done, &ov));
    CU_ASSERT_EQUAL(done, 2);
    CU_ASSERT_EQUAL(memcmp(buf, "89", 2), 0);
    CloseHandle(h);
    tf_remove(name);
}

static void test_overlapped_read_beyond_eof(void)
{
    const WCHAR *name = u"file_ov_eof.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "0123456789", 10));
    HANDLE h = tf_open(name, GENERIC_READ, 0, OPEN_EXISTING);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = 10;
    char buf[8];
    DWORD done = 99;
    /* With an OVERLAPPED, a read at or past EOF fails with ERROR_HANDLE_EOF, even on a
     * synchronous handle (unlike a read through the file pointer, which returns TRUE). */
    SetLastError(0);
    CU_ASSERT_FALSE(ReadFile(h, buf, sizeof buf, &done, &ov));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_HANDLE_EOF);
    CU_ASSERT_EQUAL(done, 0);
    ov.Offset = 5000;
    SetLastError(0);
    CU_ASSERT_FALSE(ReadFile(h, buf, sizeof buf, &done, &ov));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_HANDLE_EOF);
    CloseHandle(h);
    tf_remove(name);
}

static void test_overlapped_offset_high(void)
{
    const WCHAR *name = u"file_ov_high.dat";
    HANDLE h = tf_open(name, RW, 0, CREATE_ALWAYS);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = 16;
    ov.OffsetHigh = 1; /* 4 GiB + 16 (sparse) */
    DWORD done = 0;
    CU_ASSERT_TRUE(WriteFile(h, "far", 3, &done, &ov));
    LARGE_INTEGER size;
    CU_ASSERT_TRUE(GetFileSizeEx(h, &size));
    CU_ASSERT_EQUAL(size.QuadPart, 0x100000013LL);
    char buf[4] = {0};
    memset(&ov, 0, sizeof ov);
    ov.Offset = 17;
    ov.OffsetHigh = 1;
    CU_ASSERT_TRUE(ReadFile(h, buf, 2, &done, &ov));
    CU_ASSERT_EQUAL(memcmp(buf, "ar", 2), 0);
    CloseHandle(h);
    tf_remove(name);
}

static void test_set_file_pointer_ex(void)
{
    const WCHAR *name = u"file_seek_ex.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "0123456789", 10));
    HANDLE h = tf_open(name, GENERIC_READ, 0, OPEN_EXISTING);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    LARGE_INTEGER d, pos;
    d.QuadPart = 4;
    CU_ASSERT_TRUE(SetFilePointerEx(h, d, &pos, FILE_BEGIN));
    CU_ASSERT_EQUAL(pos.QuadPart, 4);
    d.QuadPart = -1;
    CU_ASSERT_TRUE(SetFilePointerEx(h, d, &pos, FILE_CURRENT));
    CU_ASSERT_EQUAL(pos.QuadPart, 3);
    d.QuadPart = -2;
    CU_ASSERT_TRUE(SetFilePointerEx(h, d, &pos, FILE_END));
    CU_ASSERT_EQUAL(pos.QuadPart, 8);
    d.QuadPart = 50; /* beyond EOF is allowed */
    CU_ASSERT_TRUE(SetFilePointerEx(h, d, &pos, FILE_END));
    CU_ASSERT_EQUAL(pos.QuadPart, 60);

    d.QuadPart = -100;
    SetLastError(0);
    CU_ASSERT_FALSE(SetFilePointerEx(h, d, &pos, FILE_BEGIN));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_NEGATIVE_SEEK);
    CU_ASSERT_EQUAL(tf_pointer(h), 60); /* unchanged */
    d.QuadPart = 0;
    SetLastError(0);
    CU_ASSERT_FALSE(SetFilePointerEx(h, d, &pos, 3));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    CloseHandle(h);
    tf_remove(name);
}

static void test_set_file_pointer(void)
{
    const WCHAR *name = u"file_seek.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "0123456789", 10));
    HANDLE h = tf_open(name, GENERIC_READ, 0, OPEN_EXISTING);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(SetFilePointer(h, 7, NULL, FILE_BEGIN), 7);
    CU_ASSERT_EQUAL(SetFilePointer(h, -2, NULL, FILE_CURRENT), 5);
    CU_ASSERT_EQUAL(SetFilePointer(h, 0, NULL, FILE_END), 10);

    LONG high = 1; /* 64-bit distance: 4 GiB + 5 */
    CU_ASSERT_EQUAL(SetFilePointer(h, 5, &high, FILE_BEGIN), 5);
    CU_ASSERT_EQUAL(high, 1);
    CU_ASSERT_EQUAL(tf_pointer(h), 0x100000005LL);

    /* A new position whose low part is 0xFFFFFFFF: success is told by GetLastError() == 0. */
    high = 0;
    SetLastError(1234);
    CU_ASSERT_EQUAL(SetFilePointer(h, -1, &high, FILE_BEGIN), INVALID_SET_FILE_POINTER);
    CU_ASSERT_EQUAL(GetLastError(), NO_ERROR);
    CU_ASSERT_EQUAL(high, 0);

    SetLastError(0);
    CU_ASSERT_EQUAL(SetFilePointer(h, -100, NULL, FILE_BEGIN), INVALID_SET_FILE_POINTER);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_NEGATIVE_SEEK);
    CloseHandle(h);
    tf_remove(name);
}

static void test_set_end_of_file(void)
{
    const WCHAR *name = u"file_eof_set.dat";
    HANDLE h = tf_open(name, RW, 0, CREATE_ALWAYS);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    DWORD done = 0;
    CU_ASSERT_TRUE(WriteFile(h, "0123456789", 10, &done, NULL));
    LARGE_INTEGER d, size;
    d.QuadPart = 4096; /* grow */
    CU_ASSERT_TRUE(SetFilePointerEx(h, d, NULL, FILE_BEGIN));
    CU_ASSERT_TRUE(SetEndOfFile(h));
    CU_ASSERT_TRUE(GetFileSizeEx(h, &size));
    CU_ASSERT_EQUAL(size.QuadPart, 4096);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = 4000;
    char buf[16];
    memset(buf, 0x55, sizeof buf);
    CU_ASSERT_TRUE(ReadFile(h, buf, 16, &done, &ov));
    CU_ASSERT_EQUAL(done, 16);
    CU_ASSERT_EQUAL(buf[0] | buf[15], 0); /* grown part is zero */

    d.QuadPart = 3; /* shrink */
    CU_ASSERT_TRUE(SetFilePointerEx(h, d, NULL, FILE_BEGIN));
    CU_ASSERT_TRUE(SetEndOfFile(h));
    CU_ASSERT_TRUE(GetFileSizeEx(h, &size));
    CU_ASSERT_EQUAL(size.QuadPart, 3);
    CU_ASSERT_EQUAL(tf_pointer(h), 3);
    CloseHandle(h);
    CU_ASSERT_EQUAL(tf_size(name), 3);
    tf_remove(name);
}

static void test_get_file_size_ex(void)
{
    const WCHAR *name = u"file_size.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "0123456", 7));
    HANDLE h = tf_open(name, GENERIC_READ, 0, OPEN_EXISTING);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    LARGE_INTEGER size;
    size.QuadPart = -1;
    CU_ASSERT_TRUE(GetFileSizeEx(h, &size));
    CU_ASSERT_EQUAL(size.QuadPart, 7);
    CU_ASSERT_EQUAL(size.LowPart, 7);
    CU_ASSERT_EQUAL(size.HighPart, 0);
    CloseHandle(h);
    tf_remove(name);
}

static void test_access_checked_per_handle(void)
{
    const WCHAR *name = u"file_access.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(name, "0123456789", 10));
    char buf[4];
    DWORD done;
    HANDLE r = tf_open(name, GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
    CU_ASSERT_FATAL(r != INVALID_HANDLE_VALUE);
    SetLastError(0);
    CU_ASSERT_FALSE(WriteFile(r, "x", 1, &done, NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_ACCESS_DENIED);
    SetLastError(0);
    CU_ASSERT_FALSE(SetEndOfFile(r));
    /* Windows checks the handle's FILE_WRITE_DATA access (ERROR_ACCESS_DENIED); Wine 8 tries the
     * truncation on its read-only descriptor and reports ERROR_INVALID_PARAMETER. */
    CU_ASSERT_TRUE(tw_is(GetLastError(), ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER));
    CloseHandle(r);

    HANDLE w = tf_open(name, GENERIC_WRITE, SHARE_ALL, OPEN_EXISTING);
    CU_ASSERT_FATAL(w != INVALID_HANDLE_VALUE);
    SetLastError(0);
    CU_ASSERT_FALSE(ReadFile(w, buf, sizeof buf, &done, NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_ACCESS_DENIED);
    CloseHandle(w);
    CU_ASSERT_EQUAL(tf_size(name), 10);
    tf_remove(name);
}

static void test_flush_file_buffers(void)
{
    const WCHAR *name = u"file_flush.dat";
    HANDLE h = tf_open(name, RW, 0, CREATE_ALWAYS);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    DWORD done = 0;
    CU_ASSERT_TRUE(WriteFile(h, "durable", 7, &done, NULL));
    CU_ASSERT_TRUE(FlushFileBuffers(h));
    CloseHandle(h);

    h = tf_open(name, GENERIC_READ, 0, OPEN_EXISTING);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    SetLastError(0);
    CU_ASSERT_FALSE(FlushFileBuffers(h)); /* needs write access */
    CU_ASSERT_EQUAL(GetLastError(), ERROR_ACCESS_DENIED);
    CloseHandle(h);
    tf_remove(name);
}

static void test_write_through_and_no_buffering(void)
{
    const WCHAR *name = u"file_flags.dat";
    tf_remove(name);
    HANDLE h = CreateFileW(name, RW, 0, NULL, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL | FILE_FLAG_WRITE_THROUGH | FILE_FLAG_NO_BUFFERING |
                               FILE_FLAG_RANDOM_ACCESS,
                           NULL);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    /* NO_BUFFERING transfers are sector-aligned: use 4096-byte units. */
    void *page = VirtualAlloc(NULL, 4096, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(page);
    memset(page, 'w', 4096);
    DWORD done = 0;
    CU_ASSERT_TRUE(WriteFile(h, page, 4096, &done, NULL));
    CU_ASSERT_EQUAL(done, 4096);
    memset(page, 0, 4096);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    CU_ASSERT_TRUE(ReadFile(h, page, 4096, &done, &ov));
    CU_ASSERT_EQUAL(done, 4096);
    CU_ASSERT_EQUAL(((char *)page)[4095], 'w');
    CloseHandle(h);
    VirtualFree(page, 0, MEM_RELEASE);
    CU_ASSERT_EQUAL(tf_size(name), 4096);
    tf_remove(name);
}

static void test_delete_on_close(void)
{
    const WCHAR *name = u"file_delete_on_close.dat";
    tf_remove(name);
    HANDLE h = CreateFileW(name, RW, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(tf_exists(name));
    /* Opens that do not share delete conflict with the implied DELETE access. */
    SetLastError(0);
    HANDLE h2 = tf_open(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, OPEN_EXISTING);
    CU_ASSERT_EQUAL(h2, INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_SHARING_VIOLATION);
    CU_ASSERT_TRUE(CloseHandle(h));
    CU_ASSERT_FALSE(tf_exists(name));
}

static void test_directory_needs_backup_semantics(void)
{
    const WCHAR *dir = u"file_dir_open";
    RemoveDirectoryW(dir);
    CU_ASSERT_TRUE_FATAL(CreateDirectoryW(dir, NULL));
    SetLastError(0);
    HANDLE h = tf_open(dir, GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
    CU_ASSERT_EQUAL(h, INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_ACCESS_DENIED);
    h = CreateFileW(dir, GENERIC_READ, SHARE_ALL, NULL, OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS,
                    NULL);
    CU_ASSERT(h != INVALID_HANDLE_VALUE);
    CloseHandle(h);
    CU_ASSERT_TRUE(RemoveDirectoryW(dir));
}

static void test_invalid_handles(void)
{
    char buf[4];
    DWORD done;
    SetLastError(0);
    CU_ASSERT_FALSE(CloseHandle(NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    CU_ASSERT_FALSE(ReadFile(NULL, buf, 1, &done, NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    CU_ASSERT_FALSE(WriteFile(INVALID_HANDLE_VALUE, buf, 1, &done, NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    LARGE_INTEGER size;
    SetLastError(0);
    CU_ASSERT_FALSE(GetFileSizeEx(INVALID_HANDLE_VALUE, &size));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
}

static void test_close_twice(void)
{
    const WCHAR *name = u"file_close_twice.dat";
    HANDLE h = tf_open(name, RW, 0, CREATE_ALWAYS);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(CloseHandle(h));
    char buf[4];
    DWORD done;
    SetLastError(0);
    CU_ASSERT_FALSE(ReadFile(h, buf, 1, &done, NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    CU_ASSERT_FALSE(CloseHandle(h));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    tf_remove(name);
}

static void test_current_process_pseudo_handle(void)
{
    /* INVALID_HANDLE_VALUE is also GetCurrentProcess(): closing it is a no-op that succeeds, and
     * waiting on it times out while the process runs. */
    CU_ASSERT_TRUE(CloseHandle(INVALID_HANDLE_VALUE));
    CU_ASSERT_EQUAL(WaitForSingleObject(INVALID_HANDLE_VALUE, 0), WAIT_TIMEOUT);
    CU_ASSERT_EQUAL(WaitForSingleObject(INVALID_HANDLE_VALUE, 20), WAIT_TIMEOUT);
}

static void test_file_handle_is_signaled(void)
{
    const WCHAR *name = u"file_signaled.dat";
    HANDLE h = tf_open(name, RW, 0, CREATE_ALWAYS);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    /* No I/O is pending on a synchronous file handle: it is signaled. */
    CU_ASSERT_EQUAL(WaitForSingleObject(h, 0), WAIT_OBJECT_0);
    CloseHandle(h);
    tf_remove(name);
}

static void test_file_ops_on_event_handle(void)
{
    HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
    char buf[4];
    DWORD done;
    SetLastError(0);
    CU_ASSERT_FALSE(ReadFile(ev, buf, 1, &done, NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    CU_ASSERT_FALSE(FlushFileBuffers(ev));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    CloseHandle(ev);
}

void port_register_file_tests(void)
{
    CU_pSuite s = esent_test_suite("file", NULL, NULL);
    esent_test_add(s, "CREATE_NEW creates, then ERROR_FILE_EXISTS", test_create_new);
    esent_test_add(s, "CREATE_ALWAYS truncates and sets ERROR_ALREADY_EXISTS", test_create_always);
    esent_test_add(s, "OPEN_EXISTING opens or ERROR_FILE_NOT_FOUND", test_open_existing);
    esent_test_add(s, "missing directory gives ERROR_PATH_NOT_FOUND", test_open_existing_missing_directory);
    esent_test_add(s, "empty name and file-as-directory: ERROR_PATH_NOT_FOUND", test_bad_names);
    esent_test_add(s, "OPEN_ALWAYS keeps content and sets ERROR_ALREADY_EXISTS", test_open_always);
    esent_test_add(s, "TRUNCATE_EXISTING truncates or ERROR_FILE_NOT_FOUND", test_truncate_existing);
    esent_test_add(s, "invalid disposition gives ERROR_INVALID_PARAMETER", test_invalid_disposition);
    esent_test_add(s, "CreateFileA opens the same file", test_create_file_a);
    esent_test_add(s, "backslash and slash are both separators", test_both_separators);
    esent_test_add(s, "ReadFile/WriteFile move the file pointer", test_write_read_at_file_pointer);
    esent_test_add(s, "read at EOF without OVERLAPPED: TRUE, 0 bytes", test_read_at_eof_without_overlapped);
    esent_test_add(s, "WriteFile at an OVERLAPPED offset", test_overlapped_write_at_offset);
    esent_test_add(s, "ReadFile at an OVERLAPPED offset", test_overlapped_read_at_offset);
    esent_test_add(s, "OVERLAPPED read past EOF: ERROR_HANDLE_EOF", test_overlapped_read_beyond_eof);
    esent_test_add(s, "OVERLAPPED OffsetHigh addresses beyond 4 GiB", test_overlapped_offset_high);
    esent_test_add(s, "SetFilePointerEx methods and errors", test_set_file_pointer_ex);
    esent_test_add(s, "SetFilePointer 32/64-bit forms", test_set_file_pointer);
    esent_test_add(s, "SetEndOfFile grows and shrinks", test_set_end_of_file);
    esent_test_add(s, "GetFileSizeEx", test_get_file_size_ex);
    esent_test_add(s, "read/write need the handle's access", test_access_checked_per_handle);
    esent_test_add(s, "FlushFileBuffers", test_flush_file_buffers);
    esent_test_add(s, "WRITE_THROUGH/NO_BUFFERING/RANDOM_ACCESS accepted", test_write_through_and_no_buffering);
    esent_test_add(s, "FILE_FLAG_DELETE_ON_CLOSE", test_delete_on_close);
    esent_test_add(s, "directories need FILE_FLAG_BACKUP_SEMANTICS", test_directory_needs_backup_semantics);
    esent_test_add(s, "NULL and INVALID_HANDLE_VALUE give ERROR_INVALID_HANDLE", test_invalid_handles);
    esent_test_add(s, "a closed handle is invalid", test_close_twice);
    esent_test_add(s, "INVALID_HANDLE_VALUE is the current-process pseudo handle", test_current_process_pseudo_handle);
    esent_test_add(s, "a file handle is signaled", test_file_handle_is_signaled);
    esent_test_add(s, "file functions reject an event handle", test_file_ops_on_event_handle);
}
