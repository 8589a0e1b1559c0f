/* Helpers shared by the port conformance tests (see port_test.h). */
#include "port_test.h"

#include <string.h>

int tw_is(DWORD got, DWORD windows, DWORD wine)
{
#if defined(_WIN32)
    return got == windows || got == wine;
#else
    (void)wine;
    return got == windows;
#endif
}

size_t tw_len(const WCHAR *s)
{
    size_t n = 0;
    while (s[n] != 0)
        n++;
    return n;
}

int tw_eq(const WCHAR *a, const WCHAR *b)
{
    size_t i = 0;
    for (; a[i] != 0 && a[i] == b[i]; i++)
        ;
    return a[i] == b[i];
}

void tw_from_ascii(WCHAR *dst, const char *src)
{
    size_t i = 0;
    for (; src[i] != '\0'; i++)
        dst[i] = (WCHAR)(unsigned char)src[i];
    dst[i] = 0;
}

int tw_ends_with(const WCHAR *s, const WCHAR *suffix)
{
    size_t n = tw_len(s), m = tw_len(suffix);
    return n >= m && tw_eq(s + n - m, suffix);
}

HANDLE tf_open(const WCHAR *name, DWORD access, DWORD share, DWORD disposition)
{
    return CreateFileW(name, access, share, NULL, disposition, FILE_ATTRIBUTE_NORMAL, NULL);
}

BOOL tf_write_new(const WCHAR *name, const void *data, DWORD len)
{
    HANDLE h = tf_open(name, GENERIC_WRITE, 0, CREATE_ALWAYS);
    if (h == INVALID_HANDLE_VALUE)
        return FALSE;
    DWORD done = 0;
    BOOL ok = WriteFile(h, data, len, &done, NULL) && done == len;
    return CloseHandle(h) && ok;
}

long tf_read_all(const WCHAR *name, void *buf, DWORD cap)
{
    HANDLE h = tf_open(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                       OPEN_EXISTING);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    DWORD done = 0;
    BOOL ok = ReadFile(h, buf, cap, &done, NULL);
    CloseHandle(h);
    return ok ? (long)done : -1;
}

long long tf_size(const WCHAR *name)
{
    WIN32_FILE_ATTRIBUTE_DATA data;
    if (!GetFileAttributesExW(name, GetFileExInfoStandard, &data))
        return -1;
    return ((long long)data.nFileSizeHigh << 32) | data.nFileSizeLow;
}

BOOL tf_exists(const WCHAR *name)
{
    return GetFileAttributesW(name) != INVALID_FILE_ATTRIBUTES;
}

void tf_remove(const WCHAR *name)
{
    DeleteFileW(name);
}

void tf_remove_dir(const WCHAR *dir)
{
    WCHAR pattern[512], path[512];
    size_t n = tw_len(dir);
    memcpy(pattern, dir, n * sizeof(WCHAR));
    pattern[n] = '/';
    pattern[n + 1] = '*';
    pattern[n + 2] = 0;
    WIN32_FIND_DATAW fd;
    HANDLE find = FindFirstFileW(pattern, &fd);
    if (find != INVALID_HANDLE_VALUE) {
        do {
            if (fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
                continue;
            memcpy(path, dir, n * sizeof(WCHAR));
            path[n] = '/';
            memcpy(path + n + 1, fd.cFileName, (tw_len(fd.cFileName) + 1) * sizeof(WCHAR));
            DeleteFileW(path);
        } while (FindNextFileW(find, &fd));
        FindClose(find);
    }
    RemoveDirectoryW(dir);
}

long long tf_pointer(HANDLE h)
{
    LARGE_INTEGER zero, pos;
    zero.QuadPart = 0;
    if (!SetFilePointerEx(h, zero, &pos, FILE_CURRENT))
        return -1;
    return pos.QuadPart;
}

HANDLE tt_start(LPTHREAD_START_ROUTINE fn, void *arg)
{
    HANDLE h = CreateThread(NULL, 0, fn, arg, 0, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(h);
    return h;
}

DWORD tt_join(HANDLE thread)
{
    DWORD code = 0xDEAD;
    if (WaitForSingleObject(thread, 10000) == WAIT_OBJECT_0)
        GetExitCodeThread(thread, &code);
    CloseHandle(thread);
    return code;
}
