/* unit_key: ESE key normalization (esent/src/format/key.c).
 * Known answers come from the engine's rules (fldnorm.cxx, normu.cxx) and from keys read out of real
 * Windows databases (ese-format.md §3.5, §4.1); ordering tests check that memcmp order of keys is the
 * natural order of values. */
#include "cu_runner.h"

#include "format/key.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------------------------------ */

static uint64_t rng_state = UINT64_C(0x9E3779B97F4A7C15);

static uint64_t rnd(void)
{
    /* xorshift64*: deterministic across platforms */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * UINT64_C(0x2545F4914F6CDD1D);
}

static size_t parse_hex(const char *hex, uint8_t *out, size_t max)
{
    size_t n = 0;
    int hi = -1;
    for (const char *p = hex; *p; p++) {
        int v;
        if (*p >= '0' && *p <= '9')
            v = *p - '0';
        else if (*p >= 'a' && *p <= 'f')
            v = *p - 'a' + 10;
        else if (*p >= 'A' && *p <= 'F')
            v = *p - 'A' + 10;
        else
            continue;
        if (hi < 0) {
            hi = v;
        } else {
            if (n < max)
                out[n] = (uint8_t)(hi * 16 + v);
            n++;
            hi = -1;
        }
    }
    return n;
}

static void dump(const char *what, const uint8_t *p, size_t n)
{
    fprintf(stderr, "  %s (%zu):", what, n);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, " %02x", p[i]);
    fprintf(stderr, "\n");
}

/* 1 when got[0..cb) equals the hex string */
static int bytes_eq(const uint8_t *got, uint32_t cb, const char *hex)
{
    uint8_t want[4096];
    size_t n = parse_hex(hex, want, sizeof want);
    if (n == cb && memcmp(got, want, n) == 0)
        return 1;
    dump("got ", got, cb);
    dump("want", want, n);
    return 0;
}

static int sign(int v)
{
    return v < 0 ? -1 : v > 0 ? 1 : 0;
}

/* a one-column index */
static esent_key_column col_of(JET_COLTYP t)
{
    esent_key_column c;
    memset(&c, 0, sizeof c);
    c.coltyp = t;
    c.cp = (t == JET_coltypText || t == JET_coltypLongText) ? 1252 : 0;
    return c;
}

static esent_key_index index_of(const esent_key_column *cols, uint32_t ccol, uint32_t cb_key_most)
{
    esent_key_index idx;
    memset(&idx, 0, sizeof idx);
    idx.cb_key_most = cb_key_most;
    idx.ccol = ccol;
    idx.cols = cols;
    return idx;
}

/* normalizes v for a single column of type t; returns the segment length (0 on error) */
static uint32_t seg1(JET_COLTYP t, uint32_t flags, int descending, const void *pv, uint32_t cb,
                     uint8_t *seg)
{
    esent_key_column c = col_of(t);
    c.descending = (uint8_t)descending;
    esent_key_index idx = index_of(&c, 1, 255);
    idx.flags = flags;
    uint32_t cb_seg = 0;
    unsigned fseg = 0;
    JET_ERR err = esent_key_normalize_segment(&idx, &c, pv, cb, 0, seg, 255, &cb_seg, &fseg, NULL);
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    CU_ASSERT_EQUAL(fseg, 0);
    return err == JET_errSuccess ? cb_seg : 0;
}

static void le(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

#define CHECK_SEG(t, flags, desc, valptr, cb, hex)                                  \
    do {                                                                            \
        uint8_t s_[32];                                                             \
        uint32_t n_ = seg1((t), (flags), (desc), (valptr), (cb), s_);               \
        CU_ASSERT(bytes_eq(s_, n_, (hex)));                                         \
    } while (0)

static void check_int(JET_COLTYP t, unsigned size, uint64_t v, const char *hex)
{
    uint8_t b[8];
    le(b, v, size);
    CHECK_SEG(t, 0, 0, b, size, hex);
}

/* ---- fixed-size types --------------------------------------------------------------------------- */

static void test_bit_byte(void)
{
    uint8_t v;
    v = 0;    CHECK_SEG(JET_coltypBit, 0, 0, &v, 1, "7f 00");
    v = 1;    CHECK_SEG(JET_coltypBit, 0, 0, &v, 1, "7f ff");
    v = 0x80; CHECK_SEG(JET_coltypBit, 0, 0, &v, 1, "7f ff");
    v = 0xff; CHECK_SEG(JET_coltypBit, 0, 0, &v, 1, "7f ff");
    v = 0;    CHECK_SEG(JET_coltypUnsignedByte, 0, 0, &v, 1, "7f 00");
    v = 0x81; CHECK_SEG(JET_coltypUnsignedByte, 0, 0, &v, 1, "7f 81");
    v = 0xff; CHECK_SEG(JET_coltypUnsignedByte, 0, 0, &v, 1, "7f ff");
}

static void test_signed_ints(void)
{
    check_int(JET_coltypShort, 2, 0, "7f 8000");
    check_int(JET_coltypShort, 2, 1, "7f 8001");
    check_int(JET_coltypShort, 2, (uint16_t)-1, "7f 7fff");
    check_int(JET_coltypShort, 2, 0x7fff, "7f ffff");
    check_int(JET_coltypShort, 2, 0x8000, "7f 0000");
    check_int(JET_coltypShort, 2, 0x1234, "7f 9234");
    check_int(JET_coltypLong, 4, 0, "7f 80000000");
    check_int(JET_coltypLong, 4, 2, "7f 80000002");
    check_int(JET_coltypLong, 4, (uint32_t)-2, "7f 7ffffffe");
    check_int(JET_coltypLong, 4, 0x7fffffff, "7f ffffffff");
    check_int(JET_coltypLong, 4, 0x80000000u, "7f 00000000");
    check_int(JET_coltypLong, 4, 0x01020304, "7f 81020304");
    check_int(JET_coltypLongLong, 8, 0, "7f 8000000000000000");
    check_int(JET_coltypLongLong, 8, (uint64_t)-1, "7f 7fffffffffffffff");
    check_int(JET_coltypLongLong, 8, UINT64_C(0x0102030405060708), "7f 8102030405060708");
    check_int(JET_coltypLongLong, 8, UINT64_C(0x8000000000000000), "7f 0000000000000000");
    check_int(JET_coltypLongLong, 8, UINT64_C(0x7fffffffffffffff), "7f ffffffffffffffff");
    check_int(JET_coltypCurrency, 8, 12345, "7f 8000000000003039");
    check_int(JET_coltypCurrency, 8, (uint64_t)-12345, "7f 7fffffffffffcfc7");
}

static void test_unsigned_ints(void)
{
    check_int(JET_coltypUnsignedShort, 2, 0, "7f 0000");
    check_int(JET_coltypUnsignedShort, 2, 0x1234, "7f 1234");
    check_int(JET_coltypUnsignedShort, 2, 0xffff, "7f ffff");
    check_int(JET_coltypUnsignedLong, 4, 0, "7f 00000000");
    check_int(JET_coltypUnsignedLong, 4, 0x80000001u, "7f 80000001");
    check_int(JET_coltypUnsignedLong, 4, 0xdeadbeefu, "7f deadbeef");
    check_int(JET_coltypUnsignedLongLong, 8, UINT64_C(0x0102030405060708), "7f 0102030405060708");
    check_int(JET_coltypUnsignedLongLong, 8, UINT64_MAX, "7f ffffffffffffffff");
}

static void check_double(JET_COLTYP t, double d, const char *hex)
{
    uint64_t bits;
    memcpy(&bits, &d, 8);
    check_int(t, 8, bits, hex);
}

static void check_float(float f, const char *hex)
{
    uint32_t bits;
    memcpy(&bits, &f, 4);
    check_int(JET_coltypIEEESingle, 4, bits, hex);
}

static void test_floats(void)
{
    check_float(0.0f, "7f 80000000");
    check_float(-0.0f, "7f 7fffffff");
    check_float(1.0f, "7f bf800000");
    check_float(-1.0f, "7f 407fffff");
    check_float(2.5f, "7f c0200000");
    check_float(-2.5f, "7f 3fdfffff");
    check_float(INFINITY, "7f ff800000");
    check_float(-INFINITY, "7f 007fffff");
    check_double(JET_coltypIEEEDouble, 0.0, "7f 8000000000000000");
    check_double(JET_coltypIEEEDouble, -0.0, "7f 7fffffffffffffff");
    check_double(JET_coltypIEEEDouble, 1.0, "7f bff0000000000000");
    check_double(JET_coltypIEEEDouble, -1.0, "7f 400fffffffffffff");
    check_double(JET_coltypIEEEDouble, -2.0, "7f 3fffffffffffffff");
    check_double(JET_coltypIEEEDouble, 0.5, "7f bfe0000000000000");
    /* DateTime is an OLE date, a double: 2000-01-01 = 36526.0 = 0x40E1D5C000000000 */
    check_double(JET_coltypDateTime, 36526.0, "7f c0e1d5c000000000");
    check_double(JET_coltypDateTime, -1.5, "7f 4007ffffffffffff");
}

static void test_guid(void)
{
    uint8_t g[16];
    for (int i = 0; i < 16; i++)
        g[i] = (uint8_t)i;
    CHECK_SEG(JET_coltypGUID, 0, 0, g, 16, "7f 0a0b0c0d0e0f 0809 0607 0405 00010203");
    CHECK_SEG(JET_coltypGUID, ESENT_KEYIDX_DOTNET_GUID, 0, g, 16,
              "7f 03020100 0504 0706 08090a0b0c0d0e0f");
    /* {00112233-4455-6677-8899-aabbccddeeff} stored little-endian */
    uint8_t g2[16] = { 0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66,
                       0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
    CHECK_SEG(JET_coltypGUID, 0, 0, g2, 16, "7f aabbccddeeff 8899 7766 5544 33221100");
    /* .NET order sorts like the GUID's text form */
    CHECK_SEG(JET_coltypGUID, ESENT_KEYIDX_DOTNET_GUID, 0, g2, 16,
              "7f 00112233 4455 6677 8899aabbccddeeff");
}

static void test_descending_fixed(void)
{
    uint8_t b[8];
    le(b, 1, 4);
    CHECK_SEG(JET_coltypLong, 0, 1, b, 4, "80 7ffffffe");
    le(b, 0, 2);
    CHECK_SEG(JET_coltypUnsignedShort, 0, 1, b, 2, "80 ffff");
    b[0] = 1;
    CHECK_SEG(JET_coltypBit, 0, 1, b, 1, "80 00");
}

static void test_fixed_errors(void)
{
    esent_key_column c = col_of(JET_coltypLong);
    esent_key_index idx = index_of(&c, 1, 255);
    uint8_t v[16] = { 0 }, seg[32];
    uint32_t cb = 99;
    unsigned f = 0;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 2, 0, seg, 255, &cb, &f, NULL),
                    JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 8, 0, seg, 255, &cb, &f, NULL),
                    JET_errInvalidBufferSize);
    c.coltyp = JET_coltypGUID;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 15, 0, seg, 255, &cb, &f, NULL),
                    JET_errInvalidBufferSize);
    c.coltyp = JET_coltypNil;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 4, 0, seg, 255, &cb, &f, NULL),
                    JET_errInvalidColumnType);
    c.coltyp = 13; /* SLV */
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 4, 0, seg, 255, &cb, &f, NULL),
                    JET_errInvalidColumnType);
    c.coltyp = JET_coltypLong;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 4, 0, seg, 0, &cb, &f, NULL),
                    JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_key_normalize_segment(NULL, &c, v, 4, 0, seg, 10, &cb, &f, NULL),
                    JET_errInvalidParameter);
    /* a fixed type cut to the space left */
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 4, 0, seg, 3, &cb, &f, NULL),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 3);
    CU_ASSERT_EQUAL(f, ESENT_KEYSEG_TRUNCATED);
    CU_ASSERT(bytes_eq(seg, cb, "7f 8000"));
}

/* ---- ordering ------------------------------------------------------------------------------------ */

typedef int (*cmp_fn)(const uint8_t *a, const uint8_t *b);

static int cmp_i16(const uint8_t *a, const uint8_t *b)
{
    int16_t x, y;
    memcpy(&x, a, 2);
    memcpy(&y, b, 2);
    return x < y ? -1 : x > y;
}
static int cmp_u16(const uint8_t *a, const uint8_t *b)
{
    uint16_t x, y;
    memcpy(&x, a, 2);
    memcpy(&y, b, 2);
    return x < y ? -1 : x > y;
}
static int cmp_i32(const uint8_t *a, const uint8_t *b)
{
    int32_t x, y;
    memcpy(&x, a, 4);
    memcpy(&y, b, 4);
    return x < y ? -1 : x > y;
}
static int cmp_u32(const uint8_t *a, const uint8_t *b)
{
    uint32_t x, y;
    memcpy(&x, a, 4);
    memcpy(&y, b, 4);
    return x < y ? -1 : x > y;
}
static int cmp_i64(const uint8_t *a, const uint8_t *b)
{
    int64_t x, y;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    return x < y ? -1 : x > y;
}
static int cmp_u64(const uint8_t *a, const uint8_t *b)
{
    uint64_t x, y;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    return x < y ? -1 : x > y;
}
static int cmp_u8(const uint8_t *a, const uint8_t *b)
{
    return *a < *b ? -1 : *a > *b;
}
static int cmp_bit(const uint8_t *a, const uint8_t *b)
{
    int x = *a != 0, y = *b != 0;
    return x < y ? -1 : x > y;
}
static int cmp_f32(const uint8_t *a, const uint8_t *b)
{
    float x, y;
    memcpy(&x, a, 4);
    memcpy(&y, b, 4);
    return x < y ? -1 : x > y;
}
static int cmp_f64(const uint8_t *a, const uint8_t *b)
{
    double x, y;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    return x < y ? -1 : x > y;
}

/* a value for the ordering tests: random bits, often small or extreme */
static void random_value(JET_COLTYP t, unsigned size, uint8_t *out)
{
    uint64_t r = rnd();
    switch (rnd() % 6) {
    case 0: r &= 0xff; break;                                   /* small positive */
    case 1: r = (uint64_t)-(int64_t)(r & 0xff); break;          /* small negative */
    case 2: r = (rnd() & 1) ? UINT64_MAX >> 1 : UINT64_C(1) << 63; break;
    default: break;
    }
    if (size == 2 && (rnd() % 5) == 0)
        r = (rnd() & 1) ? 0x7fff : 0x8000;
    if (size == 4 && (rnd() % 5) == 0)
        r = (rnd() & 1) ? 0x7fffffff : 0x80000000u;
    le(out, r, size);
    if (t == JET_coltypIEEESingle) {
        float f;
        memcpy(&f, out, 4);
        if (isnan(f) || (rnd() % 4) == 0) {
            f = (float)((double)(int32_t)(rnd() % 2001) - 1000.0) / 7.0f;
            memcpy(out, &f, 4);
        }
    } else if (t == JET_coltypIEEEDouble || t == JET_coltypDateTime) {
        double d;
        memcpy(&d, out, 8);
        if (isnan(d) || (rnd() % 4) == 0) {
            static const double special[] = { 0.0, -0.0, 1.0, -1.0, 1e-310, -1e-310, INFINITY,
                                              -INFINITY, 1.7976931348623157e308, -1.7976931348623157e308 };
            d = (rnd() & 1) ? special[rnd() % 10] : ((double)(int64_t)(rnd() % 200001) - 100000.0) / 3.0;
            memcpy(out, &d, 8);
        }
    }
}

static void check_order(JET_COLTYP t, unsigned size, cmp_fn cmp)
{
    int bad = 0;
    for (int i = 0; i < 4000; i++) {
        uint8_t a[8], b[8], ka[32], kb[32], da[32], db[32];
        random_value(t, size, a);
        if (i % 3 == 0) {
            memcpy(b, a, size);
            b[rnd() % size] ^= (uint8_t)(1u << (rnd() % 8));   /* a close neighbour */
        } else {
            random_value(t, size, b);
        }
        if (t == JET_coltypIEEEDouble || t == JET_coltypDateTime) {
            double x, y;
            memcpy(&x, a, 8);
            memcpy(&y, b, 8);
            if (isnan(x) || isnan(y) || (x == 0 && y == 0))
                continue;   /* +0 and -0 are equal numbers with different keys */
        }
        if (t == JET_coltypIEEESingle) {
            float x, y;
            memcpy(&x, a, 4);
            memcpy(&y, b, 4);
            if (isnan(x) || isnan(y) || (x == 0 && y == 0))
                continue;
        }
        int natural = cmp(a, b);
        uint32_t na = seg1(t, 0, 0, a, size, ka), nb = seg1(t, 0, 0, b, size, kb);
        uint32_t nda = seg1(t, 0, 1, a, size, da), ndb = seg1(t, 0, 1, b, size, db);
        int asc = sign(esent_key_compare(ka, na, kb, nb));
        int desc = sign(esent_key_compare(da, nda, db, ndb));
        if (asc != natural || desc != -natural) {
            if (bad++ < 3) {
                fprintf(stderr, "coltyp %u: natural %d asc %d desc %d\n", (unsigned)t, natural, asc, desc);
                dump("a", a, size);
                dump("b", b, size);
            }
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_order_numeric(void)
{
    check_order(JET_coltypBit, 1, cmp_bit);
    check_order(JET_coltypUnsignedByte, 1, cmp_u8);
    check_order(JET_coltypShort, 2, cmp_i16);
    check_order(JET_coltypUnsignedShort, 2, cmp_u16);
    check_order(JET_coltypLong, 4, cmp_i32);
    check_order(JET_coltypUnsignedLong, 4, cmp_u32);
    check_order(JET_coltypLongLong, 8, cmp_i64);
    check_order(JET_coltypCurrency, 8, cmp_i64);
    check_order(JET_coltypUnsignedLongLong, 8, cmp_u64);
    check_order(JET_coltypIEEESingle, 4, cmp_f32);
    check_order(JET_coltypIEEEDouble, 8, cmp_f64);
    check_order(JET_coltypDateTime, 8, cmp_f64);
}

/* ---- NULL and zero-length ---------------------------------------------------------------------- */

static uint32_t seg_null(JET_COLTYP t, uint32_t flags, int desc, int zero_length, uint8_t *seg)
{
    esent_key_column c = col_of(t);
    c.descending = (uint8_t)desc;
    esent_key_index idx = index_of(&c, 1, 255);
    idx.flags = flags;
    uint32_t cb = 0;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, NULL, 0, zero_length, seg, 255, &cb, NULL, NULL),
                    JET_errSuccess);
    return cb;
}

static void test_null_prefixes(void)
{
    static const JET_COLTYP all[] = { JET_coltypBit, JET_coltypUnsignedByte, JET_coltypShort,
        JET_coltypLong, JET_coltypCurrency, JET_coltypIEEESingle, JET_coltypIEEEDouble,
        JET_coltypDateTime, JET_coltypBinary, JET_coltypText, JET_coltypLongBinary,
        JET_coltypLongText, JET_coltypUnsignedLong, JET_coltypLongLong, JET_coltypGUID,
        JET_coltypUnsignedShort, JET_coltypUnsignedLongLong };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        JET_COLTYP t = all[i];
        int var = t == JET_coltypBinary || t == JET_coltypText || t == JET_coltypLongBinary
               || t == JET_coltypLongText;
        uint8_t s[4];
        CU_ASSERT(bytes_eq(s, seg_null(t, 0, 0, 0, s), "00"));
        CU_ASSERT(bytes_eq(s, seg_null(t, ESENT_KEYIDX_SORT_NULLS_HIGH, 0, 0, s), "c0"));
        CU_ASSERT(bytes_eq(s, seg_null(t, 0, 1, 0, s), "ff"));
        CU_ASSERT(bytes_eq(s, seg_null(t, ESENT_KEYIDX_SORT_NULLS_HIGH, 1, 0, s), "3f"));
        /* zero-length: 0x40 for Text/Binary, the NULL prefix for the rest */
        CU_ASSERT(bytes_eq(s, seg_null(t, 0, 0, 1, s), var ? "40" : "00"));
        CU_ASSERT(bytes_eq(s, seg_null(t, ESENT_KEYIDX_SORT_NULLS_HIGH, 0, 1, s), var ? "40" : "c0"));
        CU_ASSERT(bytes_eq(s, seg_null(t, 0, 1, 1, s), var ? "bf" : "ff"));
    }
}

static void test_null_order(void)
{
    /* NULL < zero-length < any value; with SortNullsHigh any value < NULL */
    uint8_t n[4], z[4], v[32], nh[4], zero = 0;
    uint32_t cn = seg_null(JET_coltypText, 0, 0, 0, n);
    uint32_t cz = seg_null(JET_coltypText, 0, 0, 1, z);
    uint32_t cnh = seg_null(JET_coltypText, ESENT_KEYIDX_SORT_NULLS_HIGH, 0, 0, nh);
    uint32_t cv = seg1(JET_coltypText, 0, 0, "\x01", 1, v);
    CU_ASSERT(esent_key_compare(n, cn, z, cz) < 0);
    CU_ASSERT(esent_key_compare(z, cz, v, cv) < 0);
    CU_ASSERT(esent_key_compare(v, cv, nh, cnh) < 0);
    cv = seg1(JET_coltypLong, 0, 0, "\0\0\0\x80", 4, v);  /* INT32_MIN */
    CU_ASSERT(esent_key_compare(n, cn, v, cv) < 0);
    CU_ASSERT(esent_key_compare(v, cv, nh, cnh) < 0);
    cv = seg1(JET_coltypBit, 0, 0, &zero, 1, v);
    CU_ASSERT(bytes_eq(v, cv, "7f00"));
    CU_ASSERT(esent_key_compare(n, cn, v, cv) < 0);
}

/* ---- Text ------------------------------------------------------------------------------------------ */

static uint32_t seg_text(const esent_key_index *idx, const esent_key_column *c, const void *pv,
                         uint32_t cb, uint32_t cb_avail, uint8_t *seg, unsigned *pf)
{
    uint32_t n = 0;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(idx, c, pv, cb, 0, seg, cb_avail, &n, pf, NULL),
                    JET_errSuccess);
    return n;
}

static void test_text_ascii(void)
{
    CHECK_SEG(JET_coltypText, 0, 0, "abc", 3, "7f 414243 00");
    CHECK_SEG(JET_coltypText, 0, 0, "Hello, World!", 13, "7f 48454c4c4f2c20574f524c4421 00");
    CHECK_SEG(JET_coltypText, 0, 0, "a\0b", 3, "7f 41 00");          /* ends at the first NUL */
    CHECK_SEG(JET_coltypText, 0, 0, "\0abc", 4, "7f 00");
    CHECK_SEG(JET_coltypText, 0, 0, "z{`@\xe9\xff", 6, "7f 5a7b6040e9ff 00"); /* only a..z change */
    CHECK_SEG(JET_coltypLongText, 0, 0, "MSysObjects", 11, "7f 4d5359534f424a45435453 00");
    CHECK_SEG(JET_coltypText, 0, 1, "ab", 2, "80 bebd ff");
    /* case-insensitive: same key */
    uint8_t a[32], b[32];
    uint32_t na = seg1(JET_coltypText, 0, 0, "MiXeD", 5, a);
    uint32_t nb = seg1(JET_coltypText, 0, 0, "mixed", 5, b);
    CU_ASSERT(na == nb && memcmp(a, b, na) == 0);
}

static void test_text_truncation(void)
{
    esent_key_column c = col_of(JET_coltypText);
    esent_key_index idx = index_of(&c, 1, 255);
    uint8_t text[2100], s[2100], want[2100];
    unsigned f;
    memset(text, 'a', sizeof text);

    /* 253 characters + terminator + prefix fill 255 bytes exactly: not truncated */
    f = 0;
    uint32_t n = seg_text(&idx, &c, text, 253, 255, s, &f);
    CU_ASSERT_EQUAL(n, 255);
    CU_ASSERT_EQUAL(f, 0);
    CU_ASSERT_EQUAL(s[0], 0x7f);
    CU_ASSERT_EQUAL(s[253], 'A');
    CU_ASSERT_EQUAL(s[254], 0x00);

    /* 254: the 254th character replaces the terminator, minus 0x20, and the key is truncated */
    f = 0;
    n = seg_text(&idx, &c, text, 254, 255, s, &f);
    CU_ASSERT_EQUAL(n, 255);
    CU_ASSERT_EQUAL(f, ESENT_KEYSEG_TRUNCATED);
    CU_ASSERT_EQUAL(s[254], 'A');
    memset(want, 'A', sizeof want);
    CU_ASSERT(memcmp(s + 1, want, 254) == 0);

    /* the engine's unconditional "toupper" of the last byte: '1' - 0x20 = 0x11 */
    text[253] = '1';
    n = seg_text(&idx, &c, text, 300, 255, s, &f);
    CU_ASSERT_EQUAL(n, 255);
    CU_ASSERT_EQUAL(s[254], 0x11);
    /* but a NUL there ends the text normally */
    text[253] = 0;
    f = 0;
    n = seg_text(&idx, &c, text, 300, 255, s, &f);
    CU_ASSERT_EQUAL(n, 255);
    CU_ASSERT_EQUAL(s[254], 0x00);
    CU_ASSERT_EQUAL(f, 0);
    text[253] = 'a';

    /* a smaller space: cb_avail 6 → prefix + 4 characters + the 5th minus 0x20 */
    n = seg_text(&idx, &c, "abcdefgh", 8, 6, s, &f);
    CU_ASSERT(bytes_eq(s, n, "7f 41424344 45"));
    CU_ASSERT_EQUAL(f, ESENT_KEYSEG_TRUNCATED);
    /* cb_avail 1: only the prefix, which the engine does not count as a cut */
    f = 0;
    n = seg_text(&idx, &c, "abc", 3, 1, s, &f);
    CU_ASSERT(bytes_eq(s, n, "7f"));
    CU_ASSERT_EQUAL(f, 0);

    /* VarSegMac 6: cut on purpose, not reported */
    idx.cb_var_seg_mac = 6;
    f = 0;
    n = seg_text(&idx, &c, "abcdefgh", 8, 255, s, &f);
    CU_ASSERT(bytes_eq(s, n, "7f 41424344 45"));
    CU_ASSERT_EQUAL(f, 0);
    n = seg_text(&idx, &c, "abc", 3, 255, s, &f);
    CU_ASSERT(bytes_eq(s, n, "7f 414243 00"));
    /* ... but reported when the key space ran out first */
    n = seg_text(&idx, &c, "abcdefgh", 8, 4, s, &f);
    CU_ASSERT(bytes_eq(s, n, "7f 4142 43"));
    CU_ASSERT_EQUAL(f, ESENT_KEYSEG_TRUNCATED);
    /* VarSegMac equal to cbKeyMost means "not set" */
    idx.cb_var_seg_mac = 255;
    n = seg_text(&idx, &c, text, 254, 255, s, &f);
    CU_ASSERT_EQUAL(f, ESENT_KEYSEG_TRUNCATED);

    /* larger keys: cbKeyMost 1000 */
    idx.cb_key_most = 1000;
    idx.cb_var_seg_mac = 0;
    n = seg_text(&idx, &c, text, 997, 1000, s, &f);
    CU_ASSERT_EQUAL(n, 999);
    CU_ASSERT_EQUAL(f, 0);
    n = seg_text(&idx, &c, text, 2000, 1000, s, &f);
    CU_ASSERT_EQUAL(n, 1000);
    CU_ASSERT_EQUAL(f, ESENT_KEYSEG_TRUNCATED);
    CU_ASSERT(memcmp(s + 1, want, 999) == 0);
}

/* A test provider in the LCMAP format: records its input, returns a fixed-shape key
 * <one weight byte per character> 01 01 01 01 00. */
static size_t prov_last_cb, prov_last_cb_out;
static int prov_calls;
static JET_ERR prov_err;

static JET_ERR test_provider(void *ctx, const WCHAR *locale, uint32_t lcmap_flags,
                             const uint8_t *src, size_t cb, uint8_t *out, size_t cb_out, size_t *pcb_key)
{
    (void)locale;
    (void)lcmap_flags;
    int *short_key = ctx;
    prov_calls++;
    prov_last_cb = cb;
    prov_last_cb_out = cb_out;
    if (prov_err < 0)
        return prov_err;
    uint8_t key[4200];
    size_t n = 0;
    size_t nch = (short_key != NULL && *short_key) ? (cb / 2 > 3 ? 3 : cb / 2) : cb / 2;
    for (size_t i = 0; i < nch && n < 4000; i++)
        key[n++] = (uint8_t)(0x0e + (src[2 * i] & 0x3f));
    static const uint8_t tail[5] = { 1, 1, 1, 1, 0 };
    memcpy(key + n, tail, 5);
    n += 5;
    memcpy(out, key, n < cb_out ? n : cb_out);
    *pcb_key = n;
    return JET_errSuccess;
}

static void test_text_unicode(void)
{
    esent_key_column c = col_of(JET_coltypText);
    c.cp = 1200;
    esent_key_index idx = index_of(&c, 1, 255);
    uint8_t s[2100];
    unsigned f = 0;
    uint32_t n;

    /* the ordinal fallback (asked for explicitly): upper-cased UTF-16BE units, then 00 00 */
    idx.sortkey = &esent_text_sortkey_ordinal_provider;
    n = seg_text(&idx, &c, "a\0b\0", 4, 255, s, &f);
    CU_ASSERT(bytes_eq(s, n, "7f 0041 0042 0000"));
    n = seg_text(&idx, &c, "z\0{\0\xe9\0\x3b\x04", 8, 255, s, &f);
    CU_ASSERT(bytes_eq(s, n, "7f 005a 007b 00e9 043b 0000"));
    n = seg_text(&idx, &c, "a\0b\0c", 5, 255, s, &f);            /* odd byte dropped */
    CU_ASSERT(bytes_eq(s, n, "7f 0041 0042 0000"));
    n = seg_text(&idx, &c, "a\0\0\0b\0", 6, 255, s, &f);         /* ends at U+0000 */
    CU_ASSERT(bytes_eq(s, n, "7f 0041 0000"));
    CU_ASSERT_EQUAL(f, 0);
    /* cut to the space left */
    n = seg_text(&idx, &c, "a\0b\0c\0", 6, 5, s, &f);
    CU_ASSERT(bytes_eq(s, n, "7f 0041 0042"));
    CU_ASSERT_EQUAL(f, ESENT_KEYSEG_TRUNCATED);
    /* ordering: ordinal, case-insensitive for a..z only */
    uint8_t a[32], b[32];
    uint32_t na = seg_text(&idx, &c, "A\0b\0", 4, 255, a, &f);
    uint32_t nb = seg_text(&idx, &c, "a\0B\0", 4, 255, b, &f);
    CU_ASSERT(esent_key_compare(a, na, b, nb) == 0);
    nb = seg_text(&idx, &c, "a\0b\0a\0", 6, 255, b, &f);
    CU_ASSERT(esent_key_compare(a, na, b, nb) < 0);
    CU_ASSERT_EQUAL(esent_text_sortkey_ordinal_provider.version, ESENT_SORTKEY_VERSION_ORDINAL);
    CU_ASSERT_EQUAL(esent_text_sortkey_ordinal_provider.format, ESENT_SORTKEY_FORMAT_ORDINAL);
    CU_ASSERT(ESENT_SORTKEY_VERSION_ORDINAL == UINT64_C(0x4553454E54000001));

    /* a provider is called with whole characters, capped at 256 bytes for cbKeyMost 255 */
    static const WCHAR loc[] = { 'e', 'n', '-', 'U', 'S', 0 };
    esent_text_sortkey sk = { test_provider, NULL, loc, 0x00030401, ESENT_SORTKEY_FORMAT_LCMAP, 1 };
    idx.sortkey = &sk;
    uint8_t text[4000];
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = (i % 2) ? 0 : (uint8_t)('a' + (i / 2) % 26);
    n = seg_text(&idx, &c, text, 7, 255, s, &f);
    CU_ASSERT_EQUAL(prov_last_cb, 6);
    CU_ASSERT_EQUAL(prov_last_cb_out, 254);
    CU_ASSERT(bytes_eq(s, n, "7f 2f 30 31 01010101 00"));
    n = seg_text(&idx, &c, text, 600, 255, s, &f);
    CU_ASSERT_EQUAL(prov_last_cb, 256);
    CU_ASSERT_EQUAL(n, 134);                       /* 128 weights + 5 + prefix */
    idx.cb_key_most = 1000;
    n = seg_text(&idx, &c, text, 600, 1000, s, &f);
    CU_ASSERT_EQUAL(prov_last_cb, 600);
    CU_ASSERT_EQUAL(prov_last_cb_out, 999);
    CU_ASSERT_EQUAL(n, 306);
    CU_ASSERT_EQUAL(f, 0);
    /* longer than the space: cut, reported */
    n = seg_text(&idx, &c, text, 2600, 1000, s, &f);
    CU_ASSERT_EQUAL(n, 1000);
    CU_ASSERT_EQUAL(f, ESENT_KEYSEG_TRUNCATED);
    /* the provider's errors come back unchanged */
    prov_err = JET_errInvalidLanguageId;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, text, 4, 0, s, 1000, &n, &f, NULL),
                    JET_errInvalidLanguageId);
    prov_err = JET_errSuccess;
}

/* ---- Binary ---------------------------------------------------------------------------------------- */

/* the chunk format written out long-hand, for lengths that fit */
static uint32_t expected_binary(const uint8_t *v, uint32_t cb, uint8_t *out)
{
    uint32_t n = 0;
    if (cb == 0) {
        out[n++] = 0x40;
        return n;
    }
    out[n++] = 0x7f;
    for (uint32_t off = 0; off < cb; off += 8) {
        uint32_t left = cb - off;
        for (uint32_t i = 0; i < 8; i++)
            out[n++] = i < left ? v[off + i] : 0;
        out[n++] = left > 8 ? 9 : (uint8_t)left;
    }
    return n;
}

static void test_binary_chunks(void)
{
    esent_key_column c = col_of(JET_coltypBinary);
    esent_key_index idx = index_of(&c, 1, 255);
    uint8_t v[32], s[300], want[300];
    for (uint32_t i = 0; i < sizeof v; i++)
        v[i] = (uint8_t)(0xa0 + i);
    for (uint32_t len = 0; len <= 20; len++) {
        uint32_t n = 0, delim = 77;
        unsigned f = 0;
        CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, len ? v : NULL, len, 1, s, 255, &n, &f, &delim),
                        JET_errSuccess);
        uint32_t nw = expected_binary(v, len, want);
        CU_ASSERT(n == nw && memcmp(s, want, n) == 0);
        CU_ASSERT_EQUAL(f, 0);
        /* the delimiter: just past the last data byte */
        if (len > 0)
            CU_ASSERT_EQUAL(delim, 1 + ((len - 1) / 8) * 9 + ((len - 1) % 8) + 1);
    }
    uint32_t n;
    unsigned f;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, "\xaa", 1, 0, s, 255, &n, &f, NULL), 0);
    CU_ASSERT(bytes_eq(s, n, "7f aa00000000000000 01"));
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 8, 0, s, 255, &n, &f, NULL), 0);
    CU_ASSERT(bytes_eq(s, n, "7f a0a1a2a3a4a5a6a7 08"));
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 9, 0, s, 255, &n, &f, NULL), 0);
    CU_ASSERT(bytes_eq(s, n, "7f a0a1a2a3a4a5a6a7 09 a800000000000000 01"));
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 16, 0, s, 255, &n, &f, NULL), 0);
    CU_ASSERT(bytes_eq(s, n, "7f a0a1a2a3a4a5a6a7 09 a8a9aaabacadaeaf 08"));
    c.coltyp = JET_coltypLongBinary;
    c.descending = 1;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, "\xaa", 1, 0, s, 255, &n, &f, NULL), 0);
    CU_ASSERT(bytes_eq(s, n, "80 55ffffffffffffff fe"));
}

static int lexcmp(const uint8_t *a, uint32_t na, const uint8_t *b, uint32_t nb)
{
    uint32_t n = na < nb ? na : nb;
    int c = n ? memcmp(a, b, n) : 0;
    if (c)
        return sign(c);
    return na < nb ? -1 : na > nb;
}

static void test_binary_order(void)
{
    esent_key_column c = col_of(JET_coltypLongBinary);
    esent_key_index idx = index_of(&c, 1, 255);
    int bad = 0;
    for (int i = 0; i < 5000; i++) {
        uint8_t a[24], b[24], ka[64], kb[64];
        uint32_t na = (uint32_t)(rnd() % 21), nb = (uint32_t)(rnd() % 21);
        for (int k = 0; k < 24; k++)
            a[k] = (uint8_t)(rnd() % 3);            /* few symbols: many shared prefixes and zeros */
        if (rnd() & 1) {
            memcpy(b, a, 24);
            if (rnd() & 1)
                b[rnd() % 24] = (uint8_t)(rnd() % 3);
        } else {
            for (int k = 0; k < 24; k++)
                b[k] = (uint8_t)(rnd() % 3);
        }
        uint32_t ca, cb2;
        CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, a, na, 1, ka, 255, &ca, NULL, NULL), 0);
        CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, b, nb, 1, kb, 255, &cb2, NULL, NULL), 0);
        if (sign(esent_key_compare(ka, ca, kb, cb2)) != lexcmp(a, na, b, nb) && bad++ < 3) {
            dump("a", a, na);
            dump("b", b, nb);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_binary_truncation(void)
{
    esent_key_column c = col_of(JET_coltypLongBinary);
    esent_key_index idx = index_of(&c, 1, 255);
    uint8_t v[400], s[2100];
    uint32_t n, delim;
    unsigned f;
    for (uint32_t i = 0; i < sizeof v; i++)
        v[i] = (uint8_t)i;

    /* 300 bytes in 255: 28 chunks (all marked 09) and 2 raw bytes */
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 300, 0, s, 255, &n, &f, &delim), 0);
    CU_ASSERT_EQUAL(n, 255);
    CU_ASSERT_EQUAL(f, ESENT_KEYSEG_TRUNCATED);
    CU_ASSERT_EQUAL(delim, 0);
    for (int k = 0; k < 28; k++) {
        CU_ASSERT_EQUAL(s[1 + k * 9 + 8], 9);
        CU_ASSERT_EQUAL(s[1 + k * 9], (uint8_t)(k * 8));
    }
    CU_ASSERT_EQUAL(s[253], 224);
    CU_ASSERT_EQUAL(s[254], 225);

    /* 10 bytes in 15: one chunk, then the last 2 bytes zero-padded to the end, no marker */
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 10, 0, s, 15, &n, &f, &delim), 0);
    CU_ASSERT(bytes_eq(s, n, "7f 0001020304050607 09 0809 000000"));
    CU_ASSERT_EQUAL(f, ESENT_KEYSEG_TRUNCATED);
    CU_ASSERT_EQUAL(delim, 12);
    /* 16 bytes in 15 */
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 16, 0, s, 15, &n, &f, &delim), 0);
    CU_ASSERT(bytes_eq(s, n, "7f 0001020304050607 09 08090a0b0c"));
    CU_ASSERT_EQUAL(delim, 0);
    /* fits exactly: 8 bytes in 10 */
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 8, 0, s, 10, &n, &f, &delim), 0);
    CU_ASSERT(bytes_eq(s, n, "7f 0001020304050607 08"));
    CU_ASSERT_EQUAL(f, 0);

    /* VarSegMac 12: cut without a report */
    idx.cb_var_seg_mac = 12;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v, 16, 0, s, 255, &n, &f, &delim), 0);
    CU_ASSERT(bytes_eq(s, n, "7f 0001020304050607 09 0809"));
    CU_ASSERT_EQUAL(f, 0);

    /* fixed binary columns: raw bytes, cut to VarSegMac without report, to the space with one */
    c.coltyp = JET_coltypBinary;
    c.fixed = 1;
    idx.cb_var_seg_mac = 0;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v + 1, 5, 0, s, 255, &n, &f, &delim), 0);
    CU_ASSERT(bytes_eq(s, n, "7f 0102030405"));
    CU_ASSERT_EQUAL(f, 0);
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v + 1, 5, 0, s, 4, &n, &f, &delim), 0);
    CU_ASSERT(bytes_eq(s, n, "7f 010203"));
    CU_ASSERT_EQUAL(f, ESENT_KEYSEG_TRUNCATED);
    idx.cb_var_seg_mac = 3;
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, v + 1, 5, 0, s, 255, &n, &f, &delim), 0);
    CU_ASSERT(bytes_eq(s, n, "7f 0102"));
    CU_ASSERT_EQUAL(f, 0);
}

/* ---- record keys -------------------------------------------------------------------------------- */

static void test_catalog_keys(void)
{
    uint8_t k[ESENT_KEY_MOST_OLD];
    uint32_t n;
    /* [VER] MSysObjects' own row: objid 2, type 1 (table), id 2 */
    esent_key_catalog(2, 1, 2, k);
    CU_ASSERT(bytes_eq(k, ESENT_KEY_CATALOG_SIZE, "7f80000002 7f8001 7f80000002"));
    esent_key_catalog(8, 3, 0x11, k);
    CU_ASSERT(bytes_eq(k, ESENT_KEY_CATALOG_SIZE, "7f80000008 7f8003 7f80000011"));

    /* the same through the general path */
    static const esent_key_column cols[3] = {
        { JET_coltypLong, 0, 1, 0, 0 }, { JET_coltypShort, 0, 1, 0, 0 }, { JET_coltypLong, 0, 1, 0, 0 } };
    esent_key_index idx = index_of(cols, 3, 255);
    uint8_t objid[4], type[2], id[4];
    le(objid, 2, 4);
    le(type, 1, 2);
    le(id, 2, 4);
    esent_key_value vals[3] = { { objid, 4, 0 }, { type, 2, 0 }, { id, 4, 0 } };
    unsigned st = 99;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, vals, k, &n, &st), JET_errSuccess);
    CU_ASSERT(bytes_eq(k, n, "7f80000002 7f8001 7f80000002"));
    CU_ASSERT_EQUAL(st, 0);

    /* [VER] Name index entry of MSysObjects */
    esent_key_catalog_name(2, 1, "MSysObjects", 11, k, &n);
    CU_ASSERT(bytes_eq(k, n, "7f80000002 7f8001 7f 4d5359534f424a45435453 00"));

    /* [VER] RootObjects index (+RootFlag +Name) of table "basic" */
    static const esent_key_column rcols[2] = {
        { JET_coltypBit, 0, 1, 0, 0 }, { JET_coltypText, 1252, 0, 0, 0 } };
    esent_key_index ridx = index_of(rcols, 2, 255);
    uint8_t root = 0xff;
    esent_key_value rvals[2] = { { &root, 1, 0 }, { "basic", 5, 0 } };
    CU_ASSERT_EQUAL(esent_key_make_record_key(&ridx, rvals, k, &n, &st), JET_errSuccess);
    CU_ASSERT(bytes_eq(k, n, "7fff 7f 4241534943 00"));

    /* catalog order: Table < Column < Index < LV for one objid, objid first */
    uint8_t a[13], b[13];
    esent_key_catalog(5, 1, 5, a);
    esent_key_catalog(5, 2, 1, b);
    CU_ASSERT(esent_key_compare(a, 13, b, 13) < 0);
    esent_key_catalog(5, 4, 9, a);
    esent_key_catalog(6, 1, 6, b);
    CU_ASSERT(esent_key_compare(a, 13, b, 13) < 0);
}

static void test_sequential(void)
{
    uint8_t k[4];
    esent_key_sequential(1, k);
    CU_ASSERT(bytes_eq(k, 4, "00000001"));
    esent_key_sequential(0x01020304, k);
    CU_ASSERT(bytes_eq(k, 4, "01020304"));
    CU_ASSERT_EQUAL(esent_key_sequential_dbk(k), 0x01020304u);
    uint8_t a[4], b[4];
    esent_key_sequential(255, a);
    esent_key_sequential(256, b);
    CU_ASSERT(esent_key_compare(a, 4, b, 4) < 0);
    /* shorter prefix first */
    CU_ASSERT(esent_key_compare(a, 3, a, 4) < 0);
    CU_ASSERT(esent_key_compare(a, 4, a, 4) == 0);
    CU_ASSERT(esent_key_compare(a, 0, b, 0) == 0);
}

static void test_record_truncation(void)
{
    static const esent_key_column cols[3] = {
        { JET_coltypLong, 0, 1, 0, 0 }, { JET_coltypText, 1252, 0, 0, 0 }, { JET_coltypLong, 0, 1, 0, 0 } };
    esent_key_index idx = index_of(cols, 3, 255);
    uint8_t text[400], k[2100], l1[4], l3[4];
    uint32_t n;
    unsigned st;
    memset(text, 'q', sizeof text);
    le(l1, 7, 4);
    le(l3, 9, 4);

    /* fits: 5 + (3 + 2) + 5 */
    esent_key_value v[3] = { { l1, 4, 0 }, { "ab", 2, 0 }, { l3, 4, 0 } };
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);
    CU_ASSERT(bytes_eq(k, n, "7f80000007 7f4142 00 7f80000009"));
    CU_ASSERT_EQUAL(st, 0);

    /* a long text eats the rest: 5 + 250, the third column is dropped */
    v[1].pv = text;
    v[1].cb = 300;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(n, 255);
    CU_ASSERT_EQUAL(st, ESENT_KEY_TRUNCATED);
    CU_ASSERT_EQUAL(k[5], 0x7f);
    CU_ASSERT_EQUAL(k[6], 'Q');
    CU_ASSERT_EQUAL(k[254], 'q' - 0x20);

    /* text that exactly fills the key: 5 + (1 + 248 + 1); the NULL third column still makes the
     * key "truncated" (no room was left for it) */
    v[1].cb = 248;
    v[2].is_null = 1;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(n, 255);
    CU_ASSERT_EQUAL(k[254], 0x00);
    CU_ASSERT_EQUAL(st, ESENT_KEY_TRUNCATED | ESENT_KEY_NULL_SEG);
    /* 247 characters leave one byte: the NULL third column fits */
    v[1].cb = 247;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(n, 255);
    CU_ASSERT_EQUAL(k[254], 0x00);
    CU_ASSERT_EQUAL(k[253], 0x00);
    CU_ASSERT_EQUAL(st, ESENT_KEY_NULL_SEG);
    /* 246 characters leave 2 bytes: the Long is cut to 7F 80 */
    v[1].cb = 246;
    v[2].is_null = 0;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(n, 255);
    CU_ASSERT(bytes_eq(k + 253, 2, "7f80"));
    CU_ASSERT_EQUAL(st, ESENT_KEY_TRUNCATED);

    /* JET_bitIndexDisallowTruncation */
    idx.flags = ESENT_KEYIDX_DISALLOW_TRUNCATION;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errKeyTruncated);
    v[1].cb = 248;
    v[2].is_null = 1;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errKeyTruncated);
    v[1].cb = 247;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);

    /* cbKeyMost 2000 */
    idx.flags = 0;
    idx.cb_key_most = 2000;
    v[1].cb = 400;
    v[2].is_null = 0;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(n, 5 + 402 + 5);
    CU_ASSERT_EQUAL(st, 0);

    /* descending middle column */
    esent_key_column dcols[3];
    memcpy(dcols, cols, sizeof dcols);
    dcols[1].descending = 1;
    esent_key_index didx = index_of(dcols, 3, 255);
    esent_key_value dv[3] = { { l1, 4, 0 }, { "ab", 2, 0 }, { l3, 4, 0 } };
    CU_ASSERT_EQUAL(esent_key_make_record_key(&didx, dv, k, &n, &st), JET_errSuccess);
    CU_ASSERT(bytes_eq(k, n, "7f80000007 80bebd ff 7f80000009"));

    /* bad index descriptions */
    idx.ccol = 0;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errInvalidParameter);
    idx.ccol = 3;
    idx.cb_key_most = 2001;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errInvalidParameter);
}

static void test_record_nulls(void)
{
    static const esent_key_column cols[2] = {
        { JET_coltypText, 1252, 0, 0, 0 }, { JET_coltypLong, 0, 0, 0, 0 } };
    esent_key_index idx = index_of(cols, 2, 255);
    uint8_t k[300], l[4];
    uint32_t n;
    unsigned st;
    le(l, 1, 4);

    esent_key_value v[2] = { { NULL, 0, 1 }, { NULL, 0, 1 } };
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);
    CU_ASSERT(bytes_eq(k, n, "00 00"));
    CU_ASSERT_EQUAL(st, ESENT_KEY_NULL_ALL | ESENT_KEY_NULL_FIRST | ESENT_KEY_NULL_SEG);
    CU_ASSERT(!esent_key_state_indexed(st, 0, 1, 1));   /* IgnoreNull */
    CU_ASSERT(esent_key_state_indexed(st, 1, 0, 0));    /* only the strongest state counts */

    v[1].pv = l;
    v[1].cb = 4;
    v[1].is_null = 0;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);
    CU_ASSERT(bytes_eq(k, n, "00 7f80000001"));
    CU_ASSERT_EQUAL(st, ESENT_KEY_NULL_FIRST | ESENT_KEY_NULL_SEG);
    CU_ASSERT(!esent_key_state_indexed(st, 1, 0, 1));   /* IgnoreFirstNull */
    CU_ASSERT(esent_key_state_indexed(st, 0, 1, 0));

    /* zero-length is not NULL */
    v[0].is_null = 0;
    v[1].pv = NULL;
    v[1].cb = 0;
    v[1].is_null = 1;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);
    CU_ASSERT(bytes_eq(k, n, "40 00"));
    CU_ASSERT_EQUAL(st, ESENT_KEY_NULL_SEG);
    CU_ASSERT(!esent_key_state_indexed(st, 1, 1, 0));   /* IgnoreAnyNull */
    CU_ASSERT(esent_key_state_indexed(st, 0, 0, 1));
    CU_ASSERT(esent_key_state_indexed(0, 0, 0, 0));

    /* SortNullsHigh */
    idx.flags = ESENT_KEYIDX_SORT_NULLS_HIGH;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);
    CU_ASSERT(bytes_eq(k, n, "40 c0"));
}

/* The engine reads cbKeyMost bytes of a value and, for keys over 255 bytes, reads twice as much
 * while a segment comes out short; with 255 it never reads more. */
static void test_record_data_most(void)
{
    esent_key_column c = col_of(JET_coltypLongText);
    c.cp = 1200;
    int short_key = 1;
    esent_text_sortkey sk = { test_provider, &short_key, NULL, 0, ESENT_SORTKEY_FORMAT_LCMAP, 1 };
    esent_key_index idx = index_of(&c, 1, 1000);
    idx.sortkey = &sk;
    uint8_t text[3000], k[2100];
    memset(text, 'a', sizeof text);
    uint32_t n;
    unsigned st;
    esent_key_value v = { text, 3000, 0 };

    prov_calls = 0;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, &v, k, &n, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(prov_calls, 3);                 /* 1000, 2000, then all 3000 bytes */
    CU_ASSERT_EQUAL(prov_last_cb, 3000);
    CU_ASSERT(bytes_eq(k, n, "7f 2f2f2f 01010101 00"));

    v.cb = 2000;                                    /* exactly the second read: one more pass */
    prov_calls = 0;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, &v, k, &n, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(prov_calls, 3);
    CU_ASSERT_EQUAL(prov_last_cb, 2000);

    idx.cb_key_most = 255;
    prov_calls = 0;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, &v, k, &n, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(prov_calls, 1);
    CU_ASSERT_EQUAL(prov_last_cb, 254);             /* 255 bytes read, whole characters */

    /* 1000 bytes give 505 key bytes, short of the key: a second read fills it */
    short_key = 0;
    idx.cb_key_most = 1000;
    prov_calls = 0;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, &v, k, &n, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(prov_calls, 2);
    CU_ASSERT_EQUAL(n, 1000);
    CU_ASSERT_EQUAL(st, ESENT_KEY_TRUNCATED);
}

/* ---- search keys ---------------------------------------------------------------------------------- */

static void test_keybuild_sequence(void)
{
    static const esent_key_column cols[2] = {
        { JET_coltypLong, 0, 1, 0, 0 }, { JET_coltypText, 1252, 0, 0, 0 } };
    esent_key_index idx = index_of(cols, 2, 255);
    esent_keybuild kb;
    uint8_t l[4];
    le(l, 5, 4);

    CU_ASSERT_EQUAL(esent_keybuild_init(&kb, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_keybuild_init(&kb, 2001), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_keybuild_init(NULL, 255), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_keybuild_init(&kb, 255), JET_errSuccess);

    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, 0), JET_errKeyNotMade);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, NULL, l, 4, JET_bitNewKey), JET_errNoCurrentIndex);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f80000005"));
    CU_ASSERT_EQUAL(kb.cseg, 1);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "xY", 2, 0), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f80000005 7f5859 00"));
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "z", 1, 0), JET_errKeyIsMade);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f80000005 7f5859 00"));
    CU_ASSERT_EQUAL(kb.limit, 0);

    /* same as the record's key */
    esent_key_value v[2] = { { l, 4, 0 }, { "xy", 2, 0 } };
    uint8_t k[300];
    uint32_t n;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, NULL), JET_errSuccess);
    CU_ASSERT(esent_key_compare(k, n, kb.key, kb.cb) == 0);

    /* NULL (cb 0) and NewKey restarting */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, NULL, 0, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "00"));
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, NULL, 0, JET_bitKeyDataZeroLength), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "00 40"));

    /* a failed NewKey call still discards the key */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 3, JET_bitNewKey), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(kb.cb, 0);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, 0), JET_errKeyNotMade);

    /* wrong index for this builder */
    esent_key_index other = index_of(cols, 2, 1000);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &other, l, 4, JET_bitNewKey), JET_errInvalidParameter);
}

static void test_keybuild_errors(void)
{
    esent_key_column cols[4] = {
        { JET_coltypText, 1252, 1, 0, 5 },      /* fixed Text(5) */
        { JET_coltypBinary, 0, 1, 0, 3 },       /* fixed Binary(3) */
        { JET_coltypLong, 0, 0, 0, 0 },         /* tagged Long */
        { JET_coltypBinary, 0, 0, 0, 0 },       /* variable Binary */
    };
    esent_key_index idx = index_of(cols, 4, 255);
    esent_keybuild kb;
    esent_keybuild_init(&kb, 255);

    /* fixed Text: shorter values are padded with spaces */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "ab", 2, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f 4142202020 00"));
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "ab", 2, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "abcdef", 6, JET_bitNewKey), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, NULL, 0, JET_bitNewKey | JET_bitKeyDataZeroLength),
                    JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "abcde", 5, JET_bitNewKey), JET_errSuccess);
    /* fixed Binary: exact size only; no partial limits */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "\1\2", 2, 0), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "\1\2\3", 3, JET_bitPartialColumnStartLimit),
                    JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, NULL, 0, JET_bitKeyDataZeroLength),
                    JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "\1\2\3", 3, 0), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f 4142434445 00 7f010203"));
    /* tagged Long: wrong size, zero-length, partial limit, two limit options */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "\1\2", 2, 0), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, NULL, 0, JET_bitKeyDataZeroLength),
                    JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "\1\0\0\0", 4, JET_bitPartialColumnEndLimit),
                    JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "\1\0\0\0", 4,
                                               JET_bitFullColumnStartLimit | JET_bitFullColumnEndLimit),
                    JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "\1\0\0\0", 4, 0x1000), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cseg, 3);
    /* variable Binary: zero-length allowed */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, NULL, 0, JET_bitKeyDataZeroLength), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f 4142434445 00 7f010203 7f80000001 40"));
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, NULL, 0, 0), JET_errKeyIsMade);

    /* JET_bitNormalizedKey */
    uint8_t raw[300];
    memset(raw, 0x7f, sizeof raw);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, raw, 257, JET_bitNormalizedKey), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, NULL, 5, JET_bitNormalizedKey), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, NULL, raw, 10, JET_bitNormalizedKey), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 10);
    CU_ASSERT_EQUAL(kb.cseg, 1);
    CU_ASSERT_EQUAL(kb.limit, 0);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "\1\2\3", 3, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 14);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, raw, 256, JET_bitNormalizedKey), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.limit, 1);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "\1\2\3", 3, 0), JET_errKeyIsMade);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "ab", 2, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.limit, 0);
    /* with cbKeyMost 1000 a normalized key may hold 1001 bytes */
    esent_keybuild big;
    esent_keybuild_init(&big, 1000);
    uint8_t raw2[1100];
    memset(raw2, 1, sizeof raw2);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&big, NULL, raw2, 1002, JET_bitNormalizedKey), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&big, NULL, raw2, 1001, JET_bitNormalizedKey), JET_errSuccess);
    CU_ASSERT_EQUAL(big.limit, 1);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&big, NULL, raw2, 1000, JET_bitNormalizedKey), JET_errSuccess);
    CU_ASSERT_EQUAL(big.limit, 0);
}

static void fill_ff(uint8_t *p, size_t n)
{
    memset(p, 0xff, n);
}

static void test_keybuild_limits(void)
{
    static const esent_key_column cols[2] = {
        { JET_coltypLong, 0, 1, 0, 0 }, { JET_coltypText, 1252, 0, 0, 0 } };
    esent_key_index idx = index_of(cols, 2, 255);
    esent_keybuild kb;
    uint8_t l[4], want[300];
    le(l, 5, 4);
    esent_keybuild_init(&kb, 255);

    /* StrLimit on Text: the whole value, terminator kept, then FF to cbKeyMost + 1 */
    esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "ab", 2, JET_bitStrLimit), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 256);
    CU_ASSERT_EQUAL(kb.limit, 1);
    fill_ff(want, sizeof want);
    CU_ASSERT(bytes_eq(kb.key, 9, "7f80000005 7f4142 00"));
    CU_ASSERT(memcmp(kb.key + 9, want, 256 - 9) == 0);

    /* SubStrLimit: the terminator goes */
    esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "ab", 2, JET_bitSubStrLimit), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 256);
    CU_ASSERT(bytes_eq(kb.key, 8, "7f80000005 7f4142"));
    CU_ASSERT(memcmp(kb.key + 8, want, 256 - 8) == 0);

    /* PartialColumnStartLimit: the prefix without terminator, nothing appended */
    esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "ab", 2, JET_bitPartialColumnStartLimit), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f80000005 7f4142"));
    CU_ASSERT_EQUAL(kb.limit, 1);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "ab", 2, 0), JET_errKeyIsMade);

    /* PartialColumnEndLimit = SubStrLimit */
    esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "ab", 2, JET_bitPartialColumnEndLimit), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 256);
    CU_ASSERT(memcmp(kb.key + 8, want, 256 - 8) == 0);

    /* Full column limits on the first column */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey | JET_bitFullColumnStartLimit),
                    JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f80000005"));
    CU_ASSERT_EQUAL(kb.limit, 1);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "ab", 2, 0), JET_errKeyIsMade);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey | JET_bitFullColumnEndLimit),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 256);
    CU_ASSERT(memcmp(kb.key + 5, want, 251) == 0);

    /* SubStrLimit on a Long does nothing; StrLimit on a Long is a full end limit */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey | JET_bitSubStrLimit), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.limit, 0);
    CU_ASSERT_EQUAL(kb.cb, 5);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey | JET_bitStrLimit), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.limit, 1);
    CU_ASSERT_EQUAL(kb.cb, 256);

    /* a NULL with SubStrLimit: a one-byte segment takes the full-column rule */
    esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, NULL, 0, JET_bitPartialColumnStartLimit), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f80000005 00"));
    CU_ASSERT_EQUAL(kb.limit, 1);

    /* limits bound the keys of every value with that prefix */
    const char *inside[] = { "ab", "AB", "abc", "abzzzz", "ab\xff\xff", "Ab0" };
    const char *outside[] = { "a", "aa", "aC", "b", "", "ac" };
    uint8_t lo[300], hi[300];
    uint32_t nlo, nhi;
    esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey);
    esent_keybuild_add_segment(&kb, &idx, "ab", 2, JET_bitPartialColumnStartLimit);
    nlo = kb.cb;
    memcpy(lo, kb.key, nlo);
    esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey);
    esent_keybuild_add_segment(&kb, &idx, "ab", 2, JET_bitPartialColumnEndLimit);
    nhi = kb.cb;
    memcpy(hi, kb.key, nhi);
    for (size_t i = 0; i < 6; i++) {
        esent_key_value v[2] = { { l, 4, 0 }, { inside[i], (uint32_t)strlen(inside[i]), 0 } };
        uint8_t k[300];
        uint32_t n;
        CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, NULL), JET_errSuccess);
        CU_ASSERT(esent_key_compare(lo, nlo, k, n) <= 0);
        CU_ASSERT(esent_key_compare(k, n, hi, nhi) < 0);
        v[1].pv = outside[i];
        v[1].cb = (uint32_t)strlen(outside[i]);
        CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, NULL), JET_errSuccess);
        CU_ASSERT(esent_key_compare(k, n, lo, nlo) < 0 || esent_key_compare(k, n, hi, nhi) > 0);
    }
}

static void test_keybuild_limits_binary_desc(void)
{
    esent_key_column cols[2] = {
        { JET_coltypLongBinary, 0, 0, 0, 0 }, { JET_coltypText, 1252, 0, 1, 0 } };
    esent_key_index idx = index_of(cols, 2, 255);
    esent_keybuild kb;
    esent_keybuild_init(&kb, 255);

    /* binary partial limits stop right after the data */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "AB", 2, JET_bitNewKey | JET_bitPartialColumnStartLimit),
                    JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f4142"));
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "AB", 2, JET_bitNewKey | JET_bitPartialColumnEndLimit),
                    JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f4142 ffffffffffffffff"));
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "AB", 2, JET_bitNewKey | JET_bitStrLimit), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f4142 ffffffffffffffff"));
    CU_ASSERT_EQUAL(kb.limit, 1);
    /* a value ending on a chunk boundary: the marker is replaced */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "12345678", 8,
                                               JET_bitNewKey | JET_bitPartialColumnEndLimit), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f3132333435363738 ffff"));
    /* binary start limit bounds longer values from below and shorter ones... */
    uint8_t k[300];
    uint32_t n;
    esent_key_value v[2] = { { "AB", 2, 0 }, { NULL, 0, 1 } };
    esent_keybuild_add_segment(&kb, &idx, "AB", 2, JET_bitNewKey | JET_bitPartialColumnEndLimit);
    const char *inside[] = { "AB", "AB\0", "ABC", "AB\xff\xff\xff\xff\xff\xff\xff\xff\xff" };
    for (int i = 0; i < 4; i++) {
        v[0].pv = inside[i];
        v[0].cb = i == 0 ? 2 : i == 1 ? 3 : i == 2 ? 3 : 11;
        CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, NULL), JET_errSuccess);
        CU_ASSERT(esent_key_compare(k, n, kb.key, kb.cb) < 0);
        CU_ASSERT(esent_key_compare(k, n, (const uint8_t *)"\x7f\x41\x42", 3) > 0);
    }

    /* descending Text: the complemented terminator goes, the FF fill is not complemented */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "AB", 2, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "ab", 2, JET_bitPartialColumnStartLimit), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f4142 000000000000 02 80bebd"));
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "AB", 2, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "ab", 2, JET_bitSubStrLimit), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 256);
    CU_ASSERT(bytes_eq(kb.key, 14, "7f4142 000000000000 02 80bebd ff"));
    CU_ASSERT_EQUAL(kb.key[255], 0xff);
}

static void test_limit_lcmap_and_ordinal(void)
{
    /* the engine's own PartialLimitTest: an LCMAP sort key 7f ce 93 16 01 01 01 01 00 in 12 bytes */
    static const uint8_t sortkey[9] = { 0x7f, 0xce, 0x93, 0x16, 1, 1, 1, 1, 0 };
    esent_key_column c = col_of(JET_coltypText);
    c.cp = 1200;
    esent_text_sortkey sk = { test_provider, NULL, NULL, 0, ESENT_SORTKEY_FORMAT_LCMAP, 1 };
    esent_key_index idx = index_of(&c, 1, 255);
    idx.sortkey = &sk;
    uint8_t buf[12];
    uint32_t cb;

    memcpy(buf, sortkey, 9);
    cb = 9;
    CU_ASSERT_EQUAL(esent_keybuild_limit(buf, &cb, 11, &idx, &c, 0, JET_bitPartialColumnStartLimit), 1);
    CU_ASSERT(bytes_eq(buf, cb, "7fce9316"));
    memcpy(buf, sortkey, 9);
    cb = 9;
    CU_ASSERT_EQUAL(esent_keybuild_limit(buf, &cb, 11, &idx, &c, 0, JET_bitPartialColumnEndLimit), 1);
    CU_ASSERT(bytes_eq(buf, cb, "7fce9316 ffffffffffffffff"));
    c.descending = 1;
    for (int i = 0; i < 9; i++)
        buf[i] = (uint8_t)~sortkey[i];
    cb = 9;
    CU_ASSERT_EQUAL(esent_keybuild_limit(buf, &cb, 11, &idx, &c, 0, JET_bitPartialColumnStartLimit), 1);
    CU_ASSERT(bytes_eq(buf, cb, "80316ce9"));
    for (int i = 0; i < 9; i++)
        buf[i] = (uint8_t)~sortkey[i];
    cb = 9;
    CU_ASSERT_EQUAL(esent_keybuild_limit(buf, &cb, 11, &idx, &c, 0, JET_bitSubStrLimit), 1);
    CU_ASSERT(bytes_eq(buf, cb, "80316ce9 ffffffffffffffff"));
    /* no limit option: unchanged */
    cb = 9;
    CU_ASSERT_EQUAL(esent_keybuild_limit(buf, &cb, 11, &idx, &c, 0, 0), 0);
    CU_ASSERT_EQUAL(cb, 9);

    /* ordinal keys: the 00 00 terminator goes */
    c.descending = 0;
    idx.sortkey = &esent_text_sortkey_ordinal_provider;
    esent_keybuild kb;
    esent_keybuild_init(&kb, 255);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "a\0b\0", 4, JET_bitNewKey | JET_bitPartialColumnStartLimit),
                    JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f 0041 0042"));
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "a\0b\0", 4, JET_bitNewKey | JET_bitSubStrLimit),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 256);
    CU_ASSERT(bytes_eq(kb.key, 7, "7f 0041 0042 ff ff"));
    /* a cut key has no terminator to drop (odd length: not whole units) */
    uint8_t t[8] = { 0x7f, 0x01, 0x00, 0x00 };
    cb = 4;
    CU_ASSERT_EQUAL(esent_keybuild_limit(t, &cb, 4, &idx, &c, 0, JET_bitPartialColumnStartLimit), 1);
    CU_ASSERT_EQUAL(cb, 4);
}

static void test_keybuild_truncation(void)
{
    static const esent_key_column cols[3] = {
        { JET_coltypText, 1252, 0, 0, 0 }, { JET_coltypLong, 0, 1, 0, 0 }, { JET_coltypLong, 0, 1, 0, 0 } };
    esent_key_index idx = index_of(cols, 3, 255);
    esent_keybuild kb;
    uint8_t text[600], l[4];
    memset(text, 'a', sizeof text);
    le(l, 1, 4);
    esent_keybuild_init(&kb, 255);

    /* a cut column: later columns are accepted but add nothing, not even limits */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, text, 600, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 255);
    CU_ASSERT_EQUAL(kb.too_big, 1);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitFullColumnEndLimit), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 255);
    CU_ASSERT_EQUAL(kb.limit, 0);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, 0), JET_errKeyIsMade);
    /* the search key equals the record's (cut) key */
    esent_key_value v[3] = { { text, 600, 0 }, { l, 4, 0 }, { l, 4, 0 } };
    uint8_t k[300];
    uint32_t n;
    unsigned st;
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, v, k, &n, &st), JET_errSuccess);
    CU_ASSERT(esent_key_compare(k, n, kb.key, kb.cb) == 0);
    CU_ASSERT_EQUAL(st, ESENT_KEY_TRUNCATED);

    /* a key that exactly fills cbKeyMost leaves no room: the next column is empty, but a limit on
     * the last fitting column may still add its byte */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, text, 248, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 250);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitFullColumnEndLimit), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 256);
    CU_ASSERT(bytes_eq(kb.key + 250, 6, "7f80000001ff"));
    /* limit keys with cbKeyMost 2000 reach 2001 bytes */
    esent_key_index big = index_of(cols, 3, 2000);
    esent_keybuild_init(&kb, 2000);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &big, "x", 1, JET_bitNewKey | JET_bitStrLimit), JET_errSuccess);
    CU_ASSERT_EQUAL(kb.cb, 2001);
    CU_ASSERT_EQUAL(kb.key[2000], 0xff);
    CU_ASSERT(bytes_eq(kb.key, 4, "7f5800ff"));
}

static void test_keybuild_placeholder(void)
{
    esent_key_column cols[2] = {
        { JET_coltypBit, 0, 1, 0, 0 }, { JET_coltypLong, 0, 1, 0, 0 } };
    esent_key_index idx = index_of(cols, 2, 255);
    idx.flags = ESENT_KEYIDX_PLACEHOLDER;
    esent_keybuild kb;
    uint8_t l[4], one = 1;
    le(l, 5, 4);
    esent_keybuild_init(&kb, 255);

    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f00 7f80000005"));
    CU_ASSERT_EQUAL(kb.cseg, 2);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, 0), JET_errKeyIsMade);
    /* overridden: the caller gives the placeholder column too */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, &one, 1,
                                               JET_bitNewKey | JET_bitKeyOverridePrimaryIndexPlaceholder),
                    JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7fff"));
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, 0), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7fff 7f80000005"));
    /* descending placeholder */
    cols[0].descending = 1;
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, l, 4, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "80ff 7f80000005"));
}

static void test_keybuild_unicode_fixed_pad(void)
{
    esent_key_column c = { JET_coltypText, 1200, 1, 0, 6 };     /* fixed Unicode Text, 3 characters */
    esent_key_index idx = index_of(&c, 1, 255);
    idx.sortkey = &esent_text_sortkey_ordinal_provider;         /* keys whose bytes show the padding */
    esent_keybuild kb;
    esent_keybuild_init(&kb, 255);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "a\0", 2, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f 0041 0020 0020 0000"));
    /* an odd length: the fill continues by offset parity (20 00 20 ...) */
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, &idx, "a\0b", 3, JET_bitNewKey), JET_errSuccess);
    CU_ASSERT(bytes_eq(kb.key, kb.cb, "7f 0041 0042 0020 0000"));
}

int main(void)
{
    CU_pSuite s = esent_test_suite("key_fixed_types", NULL, NULL);
    esent_test_add(s, "bit and unsigned byte", test_bit_byte);
    esent_test_add(s, "signed integers flip the sign bit", test_signed_ints);
    esent_test_add(s, "unsigned integers are big-endian", test_unsigned_ints);
    esent_test_add(s, "floats and dates", test_floats);
    esent_test_add(s, "GUID legacy and .NET order", test_guid);
    esent_test_add(s, "descending complements", test_descending_fixed);
    esent_test_add(s, "errors and cuts", test_fixed_errors);
    esent_test_add(s, "random pairs sort like the values", test_order_numeric);

    s = esent_test_suite("key_null", NULL, NULL);
    esent_test_add(s, "prefixes for every type", test_null_prefixes);
    esent_test_add(s, "NULL, zero-length and data order", test_null_order);

    s = esent_test_suite("key_text", NULL, NULL);
    esent_test_add(s, "single-byte text", test_text_ascii);
    esent_test_add(s, "truncation and VarSegMac", test_text_truncation);
    esent_test_add(s, "Unicode providers", test_text_unicode);

    s = esent_test_suite("key_binary", NULL, NULL);
    esent_test_add(s, "chunks for lengths 0..20", test_binary_chunks);
    esent_test_add(s, "random values sort like the bytes", test_binary_order);
    esent_test_add(s, "truncation, VarSegMac, fixed columns", test_binary_truncation);

    s = esent_test_suite("key_record", NULL, NULL);
    esent_test_add(s, "catalog keys", test_catalog_keys);
    esent_test_add(s, "sequential keys and compare", test_sequential);
    esent_test_add(s, "truncation at cbKeyMost", test_record_truncation);
    esent_test_add(s, "NULL states", test_record_nulls);
    esent_test_add(s, "cbDataMost rereads", test_record_data_most);

    s = esent_test_suite("key_search", NULL, NULL);
    esent_test_add(s, "NewKey, KeyNotMade, KeyIsMade", test_keybuild_sequence);
    esent_test_add(s, "buffer sizes, grbits, normalized keys", test_keybuild_errors);
    esent_test_add(s, "limits on Long and Text", test_keybuild_limits);
    esent_test_add(s, "limits on Binary and descending Text", test_keybuild_limits_binary_desc);
    esent_test_add(s, "LCMAP and ordinal partial limits", test_limit_lcmap_and_ordinal);
    esent_test_add(s, "truncated search keys", test_keybuild_truncation);
    esent_test_add(s, "primary index placeholder", test_keybuild_placeholder);
    esent_test_add(s, "fixed Unicode text padding", test_keybuild_unicode_fixed_pad);
    return esent_test_run();
}
