/* Clocks: system time as FILETIME, tick counts, the performance counter. */
#include "port_internal.h"

#include <time.h>

#define TICKS_PER_SECOND 10000000ULL            /* FILETIME and QPC unit: 100 ns */
#define EPOCH_1601_TO_1970 11644473600ULL       /* seconds */

void WINAPI GetSystemTimeAsFileTime(LPFILETIME lpSystemTimeAsFileTime)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ULONGLONG t = ((ULONGLONG)ts.tv_sec + EPOCH_1601_TO_1970) * TICKS_PER_SECOND +
                  (ULONGLONG)ts.tv_nsec / 100;
    lpSystemTimeAsFileTime->dwLowDateTime = (DWORD)t;
    lpSystemTimeAsFileTime->dwHighDateTime = (DWORD)(t >> 32);
}

/* CLOCK_BOOTTIME: monotonic and, like Windows' tick count, counts time spent suspended. */
ULONGLONG WINAPI GetTickCount64(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return (ULONGLONG)ts.tv_sec * 1000 + (ULONGLONG)ts.tv_nsec / 1000000;
}

DWORD WINAPI GetTickCount(void)
{
    return (DWORD)GetTickCount64();
}

BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    lpPerformanceCount->QuadPart =
        (LONGLONG)((ULONGLONG)ts.tv_sec * TICKS_PER_SECOND + (ULONGLONG)ts.tv_nsec / 100);
    return TRUE;
}

BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency)
{
    lpFrequency->QuadPart = (LONGLONG)TICKS_PER_SECOND;
    return TRUE;
}
