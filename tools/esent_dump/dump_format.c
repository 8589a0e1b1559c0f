/* The canonical text form of table contents (dump_format.h). */
#include "dump_format.h"

#include <esent.h>

#include <math.h>
#include <string.h>

static uint64_t le(const uint8_t *p, size_t cb)
{
    uint64_t v = 0;
    for (size_t i = cb; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

static void hex(FILE *out, const uint8_t *p, size_t cb)
{
    static const char digits[] = "0123456789abcdef";
    fputs("0x", out);
    for (size_t i = 0; i < cb; i++) {
        putc(digits[p[i] >> 4], out);
        putc(digits[p[i] & 15], out);
    }
}

/* Bytes as "s:" text (without the prefix): printable ASCII as is, the rest escaped. */
static void escaped_bytes(FILE *out, const uint8_t *p, size_t cb)
{
    for (size_t i = 0; i < cb; i++) {
        uint8_t c = p[i];
        if (c == '\\')
            fputs("\\\\", out);
        else if (c < 0x20 || c >= 0x7F)
            fprintf(out, "\\x%02x", c);
        else
            putc(c, out);
    }
}

/* 1 when p[0..cb) is well-formed UTF-16LE. */
static int utf16_ok(const uint8_t *p, size_t cb)
{
    if (cb % 2 != 0)
        return 0;
    for (size_t i = 0; i < cb; i += 2) {
        unsigned u = (unsigned)le(p + i, 2);
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 4 > cb)
                return 0;
            unsigned v = (unsigned)le(p + i + 2, 2);
            if (v < 0xDC00 || v > 0xDFFF)
                return 0;
            i += 2;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            return 0;
        }
    }
    return 1;
}

static void utf16_as_utf8(FILE *out, const uint8_t *p, size_t cb)
{
    for (size_t i = 0; i < cb; i += 2) {
        uint32_t u = (uint32_t)le(p + i, 2);
        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t v = (uint32_t)le(p + i + 2, 2);
            u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
            i += 2;
        }
        if (u == '\\')
            fputs("\\\\", out);
        else if (u < 0x20 || u == 0x7F)
            fprintf(out, "\\x%02x", (unsigned)u);
        else if (u < 0x80)
            putc((int)u, out);
        else if (u < 0x800) {
            putc((int)(0xC0 | u >> 6), out);
            putc((int)(0x80 | (u & 0x3F)), out);
        } else if (u < 0x10000) {
            putc((int)(0xE0 | u >> 12), out);
            putc((int)(0x80 | (u >> 6 & 0x3F)), out);
            putc((int)(0x80 | (u & 0x3F)), out);
        } else {
            putc((int)(0xF0 | u >> 18), out);
            putc((int)(0x80 | (u >> 12 & 0x3F)), out);
            putc((int)(0x80 | (u >> 6 & 0x3F)), out);
            putc((int)(0x80 | (u & 0x3F)), out);
        }
    }
}

static void real(FILE *out, double d, const uint8_t *p, size_t cb)
{
    if (isnan(d)) {
        fputs("nan:", out);
        for (size_t i = cb; i-- > 0;)
            fprintf(out, "%02x", p[i]);
        return;
    }
    fprintf(out, "%.17g", d);
}

/* The size a fixed-size type's values have, or 0 for the variable-size types. */
static size_t fixed_size(uint32_t coltyp)
{
    switch (coltyp) {
    case JET_coltypBit:
    case JET_coltypUnsignedByte:
        return 1;
    case JET_coltypShort:
    case JET_coltypUnsignedShort:
        return 2;
    case JET_coltypLong:
    case JET_coltypUnsignedLong:
    case JET_coltypIEEESingle:
        return 4;
    case JET_coltypCurrency:
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime:
    case JET_coltypLongLong:
    case JET_coltypUnsignedLongLong:
        return 8;
    case JET_coltypGUID:
        return 16;
    default:
        return 0;
    }
}

void dumpfmt_value(FILE *out, uint32_t coltyp, uint32_t cp, const void *pv, size_t cb)
{
    const uint8_t *p = pv;
    size_t want = fixed_size(coltyp);
    if (want != 0 && cb != want) {
        hex(out, p, cb);
        return;
    }
    switch (coltyp) {
    case JET_coltypBit:
    case JET_coltypUnsignedByte:
    case JET_coltypUnsignedShort:
    case JET_coltypUnsignedLong:
    case JET_coltypUnsignedLongLong:
        fprintf(out, "%llu", (unsigned long long)le(p, cb));
        break;
    case JET_coltypShort:
        fprintf(out, "%d", (int)(int16_t)(uint16_t)le(p, cb));
        break;
    case JET_coltypLong:
        fprintf(out, "%ld", (long)(int32_t)(uint32_t)le(p, cb));
        break;
    case JET_coltypCurrency:
    case JET_coltypLongLong:
        fprintf(out, "%lld", (long long)(int64_t)le(p, cb));
        break;
    case JET_coltypIEEESingle: {
        float f;
        memcpy(&f, p, sizeof f);
        real(out, (double)f, p, cb);
        break;
    }
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime: {
        double d;
        memcpy(&d, p, sizeof d);
        real(out, d, p, cb);
        break;
    }
    case JET_coltypText:
    case JET_coltypLongText:
        if (cp == 1200) {
            if (utf16_ok(p, cb)) {
                fputs("u:", out);
                utf16_as_utf8(out, p, cb);
            } else {
                hex(out, p, cb);
            }
        } else {
            fputs("s:", out);
            escaped_bytes(out, p, cb);
        }
        break;
    default:   /* Binary, LongBinary, GUID and anything unknown */
        hex(out, p, cb);
        break;
    }
}

void dumpfmt_name(FILE *out, const void *pv, size_t cb)
{
    escaped_bytes(out, pv, cb);
}

void dumpfmt_table(FILE *out, const char *name, size_t cb_name)
{
    fputs("table\t", out);
    dumpfmt_name(out, name, cb_name);
    putc('\n', out);
}

void dumpfmt_column(FILE *out, uint32_t id, uint32_t coltyp, uint32_t cp, const char *name, size_t cb_name)
{
    fprintf(out, "column\t%lu\t%lu\t%lu\t", (unsigned long)id, (unsigned long)coltyp, (unsigned long)cp);
    dumpfmt_name(out, name, cb_name);
    putc('\n', out);
}

void dumpfmt_row(FILE *out, uint64_t n)
{
    fprintf(out, "row\t%llu\n", (unsigned long long)n);
}

void dumpfmt_rows(FILE *out, uint64_t count)
{
    fprintf(out, "rows\t%llu\n", (unsigned long long)count);
}
