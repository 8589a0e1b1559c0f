#include "util/logtime.h"

#include <string.h>

/* FILETIME (100 ns since 1601-01-01 UTC) → JET_LOGTIME (UTC, with milliseconds). */
JET_LOGTIME esent_logtime_now(void)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    uint64_t t = ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
    uint64_t ms_total = t / 10000u;
    uint32_t ms = (uint32_t)(ms_total % 1000u);
    uint64_t secs = ms_total / 1000u;
    uint64_t days = secs / 86400u;
    uint32_t sod = (uint32_t)(secs % 86400u);
    /* Days since 1601-01-01 → civil date (proleptic Gregorian; 1601 starts a 400-year cycle). */
    int64_t z = (int64_t)days - 134774;   /* days from 1601-01-01 to 1970-01-01 */
    z += 719468;                          /* shift the epoch to 0000-03-01 */
    int64_t era = z / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2)
        y++;
    JET_LOGTIME lt;
    memset(&lt, 0, sizeof lt);
    lt.bSeconds = (char)(sod % 60u);
    lt.bMinutes = (char)((sod / 60u) % 60u);
    lt.bHours = (char)(sod / 3600u);
    lt.bDay = (char)d;
    lt.bMonth = (char)m;
    lt.bYear = (char)(y - 1900);
    /* byte 6: bit 0 fTimeIsUTC, bits 1..7 milliseconds low; byte 7: bits 1..3 milliseconds high */
    ((unsigned char *)&lt)[6] = (unsigned char)(1u | ((ms & 0x7Fu) << 1));
    ((unsigned char *)&lt)[7] = (unsigned char)(((ms >> 7) & 0x7u) << 1);
    return lt;
}
