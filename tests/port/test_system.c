/* Time (system time, tick counts, performance counter), virtual memory, system information,
 * and the Win32 constants and structure layouts the engine relies on (checked at compile time
 * on both targets). */
#include "port_test.h"

#include <string.h>

/* Numeric values are Win32's: this file must compile against <windows.h> and winapi.h alike. */
_Static_assert(ERROR_FILE_NOT_FOUND == 2 && ERROR_PATH_NOT_FOUND == 3, "error codes");
_Static_assert(ERROR_ACCESS_DENIED == 5 && ERROR_INVALID_HANDLE == 6, "error codes");
_Static_assert(ERROR_SHARING_VIOLATION == 32 && ERROR_LOCK_VIOLATION == 33, "error codes");
_Static_assert(ERROR_HANDLE_EOF == 38 && ERROR_FILE_EXISTS == 80, "error codes");
_Static_assert(ERROR_INVALID_PARAMETER == 87 && ERROR_DISK_FULL == 112, "error codes");
_Static_assert(ERROR_INSUFFICIENT_BUFFER == 122 && ERROR_DIR_NOT_EMPTY == 145, "error codes");
_Static_assert(ERROR_NOT_LOCKED == 158 && ERROR_ALREADY_EXISTS == 183, "error codes");
_Static_assert(ERROR_NO_MORE_FILES == 18 && ERROR_NO_UNICODE_TRANSLATION == 1113, "error codes");
_Static_assert(ERROR_IO_PENDING == 997 && ERROR_TIMEOUT == 1460, "error codes");
_Static_assert(WAIT_TIMEOUT == 258 && WAIT_FAILED == 0xFFFFFFFF && INFINITE == 0xFFFFFFFF, "waits");
_Static_assert(sizeof(DWORD) == 4 && sizeof(LONG) == 4 && sizeof(ULONG) == 4, "LLP64 widths");
_Static_assert(sizeof(WCHAR) == 2 && sizeof(LONGLONG) == 8 && sizeof(HANDLE) == sizeof(void *),
               "type widths");
_Static_assert(sizeof(FILETIME) == 8 && sizeof(LARGE_INTEGER) == 8, "FILETIME, LARGE_INTEGER");
_Static_assert(offsetof(OVERLAPPED, Offset) == 2 * sizeof(ULONG_PTR), "OVERLAPPED");
_Static_assert(offsetof(OVERLAPPED, hEvent) == 2 * sizeof(ULONG_PTR) + 8, "OVERLAPPED");
_Static_assert(offsetof(WIN32_FIND_DATAW, cFileName) == 44, "WIN32_FIND_DATAW");
_Static_assert(sizeof(WIN32_FIND_DATAW) == 592, "WIN32_FIND_DATAW");
_Static_assert(sizeof(WIN32_FILE_ATTRIBUTE_DATA) == 36, "WIN32_FILE_ATTRIBUTE_DATA");

/* ---- time ---- */

static void test_system_time_is_now(void)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    unsigned long long ticks = ((unsigned long long)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    /* 100-ns ticks since 1601: 2020-01-01 is 132223104000000000, 2100-01-01 is 157469184000000000. */
    CU_ASSERT(ticks > 132223104000000000ULL);
    CU_ASSERT(ticks < 157469184000000000ULL);
    Sleep(20);
    FILETIME later;
    GetSystemTimeAsFileTime(&later);
    unsigned long long t2 = ((unsigned long long)later.dwHighDateTime << 32) | later.dwLowDateTime;
    CU_ASSERT(t2 > ticks && t2 - ticks < 50000000ULL); /* advanced, by less than 5 s */
}

static void test_tick_counts(void)
{
    ULONGLONG a = GetTickCount64();
    DWORD a32 = GetTickCount();
    CU_ASSERT(a > 0);
    /* GetTickCount is the low 32 bits of the same clock. */
    CU_ASSERT((DWORD)(a32 - (DWORD)a) < 1000);
    Sleep(30);
    ULONGLONG b = GetTickCount64();
    CU_ASSERT(b >= a + 20 && b < a + 5000);
}

static void test_performance_counter(void)
{
    LARGE_INTEGER f, c1, c2;
    CU_ASSERT_TRUE(QueryPerformanceFrequency(&f));
    CU_ASSERT(f.QuadPart > 0);
    CU_ASSERT_TRUE(QueryPerformanceCounter(&c1));
    Sleep(30);
    CU_ASSERT_TRUE(QueryPerformanceCounter(&c2));
    CU_ASSERT(c2.QuadPart > c1.QuadPart);
    long long us = (c2.QuadPart - c1.QuadPart) * 1000000LL / f.QuadPart;
    CU_ASSERT(us >= 20000 && us < 5000000);
}

/* ---- memory ---- */

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

static void test_virtual_alloc_commit_zeroed(void)
{
    SIZE_T size = 256 * 1024;
    unsigned char *p = VirtualAlloc(NULL, size, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_TRUE(all_zero(p, size));
    memset(p, 0xA5, size);
    CU_ASSERT_EQUAL(p[size - 1], 0xA5);
    CU_ASSERT_TRUE(VirtualFree(p, 0, MEM_RELEASE));
}

static void test_virtual_alloc_reserve_then_commit(void)
{
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    SIZE_T page = si.dwPageSize;
    unsigned char *base = VirtualAlloc(NULL, 64 * page, MEM_RESERVE, PAGE_NOACCESS);
    CU_ASSERT_PTR_NOT_NULL_FATAL(base);
    unsigned char *mid = base + 8 * page;
    CU_ASSERT_PTR_EQUAL(VirtualAlloc(mid, 4 * page, MEM_COMMIT, PAGE_READWRITE), mid);
    CU_ASSERT_TRUE(all_zero(mid, 4 * page));
    memset(mid, 0x5A, 4 * page);
    /* Committing committed pages again keeps their content. */
    CU_ASSERT_PTR_EQUAL(VirtualAlloc(mid, page, MEM_COMMIT, PAGE_READWRITE), mid);
    CU_ASSERT_EQUAL(mid[0], 0x5A);
    /* Decommit, then commit: zero again. */
    CU_ASSERT_TRUE(VirtualFree(mid, 4 * page, MEM_DECOMMIT));
    CU_ASSERT_PTR_EQUAL(VirtualAlloc(mid, 4 * page, MEM_COMMIT, PAGE_READWRITE), mid);
    CU_ASSERT_TRUE(all_zero(mid, 4 * page));
    CU_ASSERT_TRUE(VirtualFree(base, 0, MEM_RELEASE));
}

static void test_virtual_free_errors(void)
{
    unsigned char *p = VirtualAlloc(NULL, 65536, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    SetLastError(0);
    CU_ASSERT_FALSE(VirtualFree(p, 65536, MEM_RELEASE)); /* release takes size 0 */
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    CU_ASSERT_TRUE(VirtualFree(p, 0, MEM_RELEASE));
    SetLastError(0);
    CU_ASSERT_PTR_NULL(VirtualAlloc(NULL, 0, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
}

static void test_system_info(void)
{
    SYSTEM_INFO si;
    memset(&si, 0, sizeof si);
    GetSystemInfo(&si);
    CU_ASSERT(si.dwPageSize >= 4096);
    CU_ASSERT_EQUAL(si.dwPageSize & (si.dwPageSize - 1), 0);
    CU_ASSERT(si.dwAllocationGranularity >= si.dwPageSize);
    CU_ASSERT_EQUAL(si.dwAllocationGranularity % si.dwPageSize, 0);
    CU_ASSERT(si.dwNumberOfProcessors >= 1);
}

void port_register_system_tests(void)
{
    CU_pSuite s = esent_test_suite("system", NULL, NULL);
    esent_test_add(s, "GetSystemTimeAsFileTime is now", test_system_time_is_now);
    esent_test_add(s, "GetTickCount/GetTickCount64", test_tick_counts);
    esent_test_add(s, "QueryPerformanceCounter/Frequency", test_performance_counter);
    esent_test_add(s, "VirtualAlloc commit: zeroed, VirtualFree release", test_virtual_alloc_commit_zeroed);
    esent_test_add(s, "VirtualAlloc reserve, commit, decommit", test_virtual_alloc_reserve_then_commit);
    esent_test_add(s, "VirtualFree/VirtualAlloc parameter errors", test_virtual_free_errors);
    esent_test_add(s, "GetSystemInfo", test_system_info);
}
