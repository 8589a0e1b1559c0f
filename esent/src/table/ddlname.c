/* Object names: ESENT's rules and the catalog's Windows-1252 bytes (the inverse of the mapping
 * storage/schema.c applies when it loads names). */
#include "api/api.h"

#include "table/ddl.h"

/* Windows-1252 bytes 0x80..0x9F; every other byte is the Latin-1 code point of the same value. */
static const uint16_t k_cp1252_80[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
    0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x009D, 0x017E, 0x0178,
};

/* The Windows-1252 byte of c, or -1 when the code page has none. */
static int cp1252_byte(WCHAR c)
{
    if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
        return (int)c;
    for (int i = 0; i < 32; i++)
        if (k_cp1252_80[i] == c)
            return 0x80 + i;
    return -1;
}

JET_ERR esent_ddl_name(const WCHAR *name, char out[JET_cbNameMost + 1])
{
    size_t n = 0;
    if (name == NULL || name[0] == ' ')
        return JET_errInvalidName;
    for (; name[n] != 0; n++) {
        WCHAR c = name[n];
        int b = cp1252_byte(c);
        if (n >= JET_cbNameMost || c < 0x20 || c == '!' || c == '.' || c == '[' || c == ']' || b < 0)
            return JET_errInvalidName;
        out[n] = (char)b;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;                    /* trailing spaces are not part of the name */
    out[n] = 0;
    return n == 0 ? JET_errInvalidName : JET_errSuccess;
}

/* name without its trailing spaces in out (at most cch - 1 units kept); returns out, or name itself
 * when it is NULL or longer than out can hold (no valid name is). */
static const WCHAR *trimmed(const WCHAR *name, WCHAR *out, size_t cch)
{
    size_t n = 0;
    if (name == NULL)
        return NULL;
    while (name[n] != 0 && n < cch)
        n++;
    if (n == cch)
        return name;
    while (n > 0 && name[n - 1] == ' ')
        n--;
    for (size_t i = 0; i < n; i++)
        out[i] = name[i];
    out[n] = 0;
    return out;
}

#define TRIM_CCH 256u

const esent_schema_table *esent_ddl_find_table(const esent_schema *s, const WCHAR *name)
{
    WCHAR buf[TRIM_CCH];
    return esent_schema_find_table(s, trimmed(name, buf, TRIM_CCH));
}

const esent_schema_column *esent_ddl_find_column(const esent_schema_table *t, const WCHAR *name)
{
    WCHAR buf[TRIM_CCH];
    return esent_schema_find_column(t, trimmed(name, buf, TRIM_CCH));
}

const esent_schema_index *esent_ddl_find_index(const esent_schema_table *t, const WCHAR *name)
{
    WCHAR buf[TRIM_CCH];
    return esent_schema_find_index(t, trimmed(name, buf, TRIM_CCH));
}
