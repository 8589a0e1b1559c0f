/* Records, catalog rows and long-value keys (esent/src/format/record.c, catalog.c): round trips,
 * exact bytes of the engine's forms, malformed input, and the real catalogs of the corpus. */
#include "cu_runner.h"
#include "test_util.h"

#include "format/catalog.h"
#include "format/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ a test table */

/* Fixed 1..14 (every fixed coltyp), variable 128..131, tagged 256..262. */
static const esent_rec_column g_cols[] = {
    { 1, JET_coltypBit, 0, 0 },          { 2, JET_coltypUnsignedByte, 0, 0 }, { 3, JET_coltypShort, 0, 0 },
    { 4, JET_coltypLong, 0, 0 },         { 5, JET_coltypCurrency, 0, 0 },     { 6, JET_coltypIEEESingle, 0, 0 },
    { 7, JET_coltypIEEEDouble, 0, 0 },   { 8, JET_coltypDateTime, 0, 0 },     { 9, JET_coltypUnsignedLong, 0, 0 },
    { 10, JET_coltypLongLong, 0, 0 },    { 11, JET_coltypGUID, 0, 0 },        { 12, JET_coltypUnsignedShort, 0, 0 },
    { 13, JET_coltypUnsignedLongLong, 0, 0 }, { 14, JET_coltypText, 10, 0 },
    { 128, JET_coltypText, 255, 0 },     { 129, JET_coltypBinary, 255, 0 },   { 130, JET_coltypLongText, 0, 0 },
    { 131, JET_coltypLongBinary, 0, 0 },
    { 256, JET_coltypLongText, 0, 0 },   { 257, JET_coltypLongBinary, 0, ESENT_FFIELD_MULTIVALUED },
    { 258, JET_coltypText, 255, ESENT_FFIELD_MULTIVALUED }, { 259, JET_coltypBinary, 255, ESENT_FFIELD_DEFAULT },
    { 260, JET_coltypLong, 0, ESENT_FFIELD_MULTIVALUED },   { 261, JET_coltypGUID, 0, 0 },
    { 262, JET_coltypLongBinary, 0, ESENT_FFIELD_MULTIVALUED },
};
#define NCOLS (sizeof g_cols / sizeof g_cols[0])

static esent_rec_layout g_small, g_large;

static int suite_init(void)
{
    if (esent_rec_layout_init(&g_small, g_cols, NCOLS, 4096) < 0)
        return 1;
    return esent_rec_layout_init(&g_large, g_cols, NCOLS, 32768) < 0;
}

static uint8_t g_buf[70000];

/* Encodes then parses; asserts success. */
static size_t encode_parse(const esent_rec_layout *l, const esent_rec_field *f, size_t n, esent_rec *rec)
{
    size_t cb = 0;
    JET_ERR err = esent_rec_encode(l, f, n, g_buf, sizeof g_buf, &cb);
    CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(esent_rec_parse(g_buf, cb, l, rec), JET_errSuccess);
    return cb;
}

/* Checks that every field's values decode back as given (tagged: in order, 1-based). */
static void check_fields(const esent_rec *rec, const esent_rec_field *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        esent_rec_value v;
        uint32_t fid = f[i].fid;
        if (fid < ESENT_FID_TAGGED_FIRST) {
            int r = fid <= ESENT_FID_FIXED_MOST ? esent_rec_get_fixed(rec, fid, &v) : esent_rec_get_var(rec, fid, &v);
            if (f[i].flags & ESENT_RECV_NULL) {
                CU_ASSERT(r == 0 || (v.flags & ESENT_RECV_NULL));
            } else {
                CU_ASSERT_EQUAL(r, 1);
                CU_ASSERT_EQUAL(v.flags, 0);
                CU_ASSERT_EQUAL(v.cb, f[i].cb);
                CU_ASSERT(f[i].cb == 0 || memcmp(v.pb, f[i].pv, f[i].cb) == 0);
            }
            continue;
        }
        uint32_t itag = 1;
        for (size_t j = 0; j < i; j++)
            if (f[j].fid == fid && ((f[j].flags ^ f[i].flags) & ESENT_RECV_DERIVED) == 0)
                itag++;
        int t = esent_rec_find_tagged(rec, fid, (f[i].flags & ESENT_RECV_DERIVED) != 0);
        CU_ASSERT_FATAL(t >= 0);
        esent_rec_tagged tag;
        esent_rec_tagged_at(rec, (uint32_t)t, &tag);
        CU_ASSERT_EQUAL(tag.fid, fid);
        if (f[i].flags & ESENT_RECV_NULL) {
            CU_ASSERT(tag.flags & ESENT_RECV_NULL);
            CU_ASSERT_EQUAL(tag.cvalues, 0);
            continue;
        }
        CU_ASSERT_EQUAL_FATAL(esent_rec_tagged_value(&tag, itag, &v), 1);
        CU_ASSERT_EQUAL(v.flags & (ESENT_RECV_SEPARATED | ESENT_RECV_COMPRESSED | ESENT_RECV_NULL),
                        f[i].flags & (ESENT_RECV_SEPARATED | ESENT_RECV_COMPRESSED | ESENT_RECV_NULL));
        if (f[i].flags & ESENT_RECV_SEPARATED) {
            CU_ASSERT_EQUAL(v.lid, f[i].lid);
        } else {
            CU_ASSERT_EQUAL(v.cb, f[i].cb);
            CU_ASSERT(f[i].cb == 0 || memcmp(v.pb, f[i].pv, f[i].cb) == 0);
        }
    }
}

/* Every accessor over a parsed record (the fuzz tests call this to touch every byte they expose). */
static unsigned touch_all(const esent_rec *rec)
{
    unsigned sum = 0;
    esent_rec_value v;
    for (uint32_t fid = 1; fid <= ESENT_FID_FIXED_MOST; fid++)
        if (esent_rec_get_fixed(rec, fid, &v) == 1)
            for (uint32_t k = 0; k < v.cb; k++) sum += v.pb[k];
    for (uint32_t fid = ESENT_FID_VAR_FIRST; fid <= ESENT_FID_VAR_MOST; fid++)
        if (esent_rec_get_var(rec, fid, &v) == 1)
            for (uint32_t k = 0; k < v.cb; k++) sum += v.pb[k];
    for (uint32_t i = 0; i < rec->ctagfld; i++) {
        esent_rec_tagged t;
        esent_rec_tagged_at(rec, i, &t);
        for (uint32_t s = 1; s <= t.cvalues + 1; s++)
            if (esent_rec_tagged_value(&t, s, &v) == 1)
                for (uint32_t k = 0; k < v.cb; k++) sum += v.pb[k];
    }
    return sum;
}

/* ------------------------------------------------------------------ record round trips */

static const uint8_t g_guid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const uint8_t g_eight[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };

static void test_minimal_record(void)
{
    esent_rec rec;
    size_t cb;
    CU_ASSERT_EQUAL(esent_rec_encode(&g_small, NULL, 0, g_buf, sizeof g_buf, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 4);
    static const uint8_t minimal[] = { 0x00, 0x7f, 0x04, 0x00 };
    CU_ASSERT(memcmp(g_buf, minimal, 4) == 0);
    CU_ASSERT_EQUAL(esent_rec_parse(minimal, 4, &g_small, &rec), JET_errSuccess);
    esent_rec_value v;
    CU_ASSERT_EQUAL(esent_rec_get_fixed(&rec, 1, &v), 0);
    CU_ASSERT_EQUAL(esent_rec_get_var(&rec, 128, &v), 0);
    CU_ASSERT_EQUAL(rec.ctagfld, 0);
    CU_ASSERT_EQUAL(esent_rec_get_fixed(&rec, 128, &v), JET_errBadColumnId);
    CU_ASSERT_EQUAL(esent_rec_get_var(&rec, 5, &v), JET_errBadColumnId);
}

static void test_all_types_round_trip(void)
{
    uint8_t bit = 0xFF, ub = 0x7E, sh[2] = { 1, 2 }, lg[4] = { 3, 4, 5, 6 }, txt10[10] = "abcdefghij";
    static const char longtext[] = "a long text value";
    esent_rec_field f[] = {
        { 1, 0, &bit, 1, 0 }, { 2, 0, &ub, 1, 0 }, { 3, 0, sh, 2, 0 }, { 4, 0, lg, 4, 0 },
        { 5, 0, g_eight, 8, 0 }, { 6, 0, lg, 4, 0 }, { 7, 0, g_eight, 8, 0 }, { 8, 0, g_eight, 8, 0 },
        { 9, 0, lg, 4, 0 }, { 10, 0, g_eight, 8, 0 }, { 11, 0, g_guid, 16, 0 }, { 12, 0, sh, 2, 0 },
        { 13, 0, g_eight, 8, 0 }, { 14, 0, txt10, 10, 0 },
        { 128, 0, "hello", 5, 0 }, { 129, 0, "", 0, 0 }, { 130, 0, longtext, 17, 0 }, { 131, 0, g_guid, 16, 0 },
        { 256, 0, longtext, 17, 0 }, { 257, ESENT_RECV_SEPARATED, NULL, 0, 7 }, { 258, 0, "x", 1, 0 },
        { 259, 0, "", 0, 0 }, { 260, 0, lg, 4, 0 }, { 261, 0, g_guid, 16, 0 }, { 262, 0, g_eight, 8, 0 },
    };
    const esent_rec_layout *ls[2] = { &g_small, &g_large };
    for (int k = 0; k < 2; k++) {
        esent_rec rec;
        size_t cb = encode_parse(ls[k], f, sizeof f / sizeof f[0], &rec);
        CU_ASSERT_EQUAL(rec.fidFixedLast, 14);
        CU_ASSERT_EQUAL(rec.fidVarLast, 131);
        CU_ASSERT_EQUAL(rec.ctagfld, 7);
        check_fields(&rec, f, sizeof f / sizeof f[0]);
        /* Fixed data at the layout offsets: 4 + sizes; bitmap 2 bytes (14 fixed), unused bits 1. */
        CU_ASSERT_EQUAL(g_buf[2] | (g_buf[3] << 8), 4 + 1 + 1 + 2 + 4 + 8 + 4 + 8 + 8 + 4 + 8 + 16 + 2 + 8 + 10 + 2);
        CU_ASSERT_EQUAL(g_buf[rec.ibNullBitmap], 0x00);
        CU_ASSERT_EQUAL(g_buf[rec.ibNullBitmap + 1], 0xC0);
        /* LV tagged column carries fLongValue; the plain Text one has no header on small pages. */
        esent_rec_tagged t;
        esent_rec_tagged_at(&rec, 0, &t);
        CU_ASSERT_EQUAL(t.header, ESENT_TAGHDR_LONG_VALUE);
        esent_rec_tagged_at(&rec, 1, &t);
        CU_ASSERT_EQUAL(t.header, ESENT_TAGHDR_LONG_VALUE | ESENT_TAGHDR_SEPARATED);
        CU_ASSERT_EQUAL(t.cb, 5);
        esent_rec_tagged_at(&rec, 2, &t);
        CU_ASSERT_EQUAL(t.fHasHeader, k == 1);
        CU_ASSERT(cb < 300);
    }
}

static void test_nulls_and_zero_length(void)
{
    uint8_t lg[4] = { 9, 9, 9, 9 };
    esent_rec_field f[] = {
        { 2, ESENT_RECV_NULL, NULL, 0, 0 }, { 4, 0, lg, 4, 0 }, { 9, ESENT_RECV_NULL, NULL, 0, 0 },
        { 128, ESENT_RECV_NULL, NULL, 0, 0 }, { 129, 0, "", 0, 0 }, { 130, ESENT_RECV_NULL, NULL, 0, 0 },
        { 258, 0, "", 0, 0 }, { 259, ESENT_RECV_NULL, NULL, 0, 0 },
    };
    esent_rec rec;
    encode_parse(&g_small, f, sizeof f / sizeof f[0], &rec);
    check_fields(&rec, f, sizeof f / sizeof f[0]);
    /* Fixed stops at fid 4 (highest non-NULL); 1-3 stored NULL; var stops at 129. */
    CU_ASSERT_EQUAL(rec.fidFixedLast, 4);
    CU_ASSERT_EQUAL(g_buf[rec.ibNullBitmap], 0xF7);
    CU_ASSERT_EQUAL(rec.fidVarLast, 129);
    esent_rec_value v;
    CU_ASSERT_EQUAL(esent_rec_get_fixed(&rec, 1, &v), 1);
    CU_ASSERT(v.flags & ESENT_RECV_NULL);
    CU_ASSERT_EQUAL(esent_rec_get_fixed(&rec, 9, &v), 0);
    CU_ASSERT_EQUAL(esent_rec_get_var(&rec, 128, &v), 1);
    CU_ASSERT(v.flags & ESENT_RECV_NULL);
    CU_ASSERT_EQUAL(esent_rec_get_var(&rec, 129, &v), 1);
    CU_ASSERT_EQUAL(v.flags, 0);
    CU_ASSERT_EQUAL(v.cb, 0);
    CU_ASSERT_EQUAL(esent_rec_get_var(&rec, 130, &v), 0);
    /* var offsets: 128 NULL = 0|0x8000, 129 zero-length = 0 */
    CU_ASSERT_EQUAL(g_buf[rec.ibVarOffsets] | (g_buf[rec.ibVarOffsets + 1] << 8), 0x8000);
    CU_ASSERT_EQUAL(g_buf[rec.ibVarOffsets + 2] | (g_buf[rec.ibVarOffsets + 3] << 8), 0x0000);
    /* Tagged: zero-length 258 (no bytes), explicit NULL 259 (fNullSmallPage 0x2000). */
    CU_ASSERT_EQUAL(rec.ctagfld, 2);
    const uint8_t *t = g_buf + rec.ibTagged;
    CU_ASSERT_EQUAL(t[0] | (t[1] << 8), 258);
    CU_ASSERT_EQUAL(t[2] | (t[3] << 8), 8);
    CU_ASSERT_EQUAL(t[4] | (t[5] << 8), 259);
    CU_ASSERT_EQUAL(t[6] | (t[7] << 8), 0x2000 | 8);
    CU_ASSERT_EQUAL(rec.cb, rec.ibTagged + 8);
    /* Large pages: the explicit NULL is a header byte with fNull. */
    encode_parse(&g_large, f, sizeof f / sizeof f[0], &rec);
    check_fields(&rec, f, sizeof f / sizeof f[0]);
    esent_rec_tagged tag;
    esent_rec_tagged_at(&rec, 1, &tag);
    CU_ASSERT_EQUAL(tag.header, ESENT_TAGHDR_NULL);
    CU_ASSERT(tag.flags & ESENT_RECV_NULL);
}

static void test_multi_values(void)
{
    /* §5.3 example: three 1-byte values of a non-LV column = 08 0600 0700 0800 00 7f ff. */
    static const uint8_t v0 = 0x00, v1 = 0x7f, v2 = 0xff;
    esent_rec_field f[] = { { 258, 0, &v0, 1, 0 }, { 258, 0, &v1, 1, 0 }, { 258, 0, &v2, 1, 0 } };
    esent_rec rec;
    size_t cb = encode_parse(&g_small, f, 3, &rec);
    static const uint8_t expect[] = { 0x02, 0x01, 0x04, 0x40, 0x08, 0x06, 0x00, 0x07, 0x00, 0x08, 0x00, 0x00, 0x7f, 0xff };
    CU_ASSERT_EQUAL(cb, 4 + sizeof expect);
    CU_ASSERT(memcmp(g_buf + 4, expect, sizeof expect) == 0);
    check_fields(&rec, f, 3);

    /* Two values of a non-LV column on small pages: TWOVALUES (0x18, cbFirst). */
    esent_rec_field two[] = { { 258, 0, "ab", 2, 0 }, { 258, 0, "", 0, 0 } };
    cb = encode_parse(&g_small, two, 2, &rec);
    static const uint8_t expect2[] = { 0x02, 0x01, 0x04, 0x40, 0x18, 0x02, 'a', 'b' };
    CU_ASSERT_EQUAL(cb, 4 + sizeof expect2);
    CU_ASSERT(memcmp(g_buf + 4, expect2, sizeof expect2) == 0);
    check_fields(&rec, two, 2);
    /* ... but MULTIVALUES on large pages. */
    encode_parse(&g_large, two, 2, &rec);
    esent_rec_tagged t;
    esent_rec_tagged_at(&rec, 0, &t);
    CU_ASSERT_EQUAL(t.header, ESENT_TAGHDR_MULTI);
    CU_ASSERT_EQUAL(t.cvalues, 2);
    check_fields(&rec, two, 2);

    /* LV column: MULTIVALUES with fLongValue, separated instances flagged 0x8000, zero-length ones. */
    esent_rec_field lv[] = {
        { 257, ESENT_RECV_COMPRESSED, "\x18zz", 3, 0 }, { 257, ESENT_RECV_SEPARATED, NULL, 0, 42 },
        { 257, 0, "", 0, 0 }, { 257, ESENT_RECV_SEPARATED, NULL, 0, 0x8000000010000001ull }, { 257, 0, "end", 3, 0 },
        { 256, 0, "", 0, 0 },
    };
    const esent_rec_layout *ls[2] = { &g_small, &g_large };
    for (int k = 0; k < 2; k++) {
        encode_parse(ls[k], lv, 6, &rec);
        check_fields(&rec, lv, 6);
        esent_rec_tagged_at(&rec, 1, &t);
        CU_ASSERT_EQUAL(t.fid, 257);
        CU_ASSERT_EQUAL(t.header, ESENT_TAGHDR_MULTI | ESENT_TAGHDR_LONG_VALUE | ESENT_TAGHDR_COMPRESSED);
        CU_ASSERT_EQUAL(t.cvalues, 5);
        const uint8_t *mv = t.pb + 1;
        CU_ASSERT_EQUAL(mv[0] | (mv[1] << 8), 10);
        CU_ASSERT_EQUAL(mv[2] | (mv[3] << 8), 0x8000 | 13);
        CU_ASSERT_EQUAL(mv[6] | (mv[7] << 8), 0x8000 | 17);
        esent_rec_value v;
        CU_ASSERT_EQUAL(esent_rec_tagged_value(&t, 4, &v), 1);
        CU_ASSERT_EQUAL(v.cb, 8);
        CU_ASSERT_EQUAL(esent_rec_tagged_value(&t, 6, &v), 0);
        CU_ASSERT_EQUAL(esent_rec_tagged_value(&t, 0, &v), 0);
    }
    /* Many values. */
    esent_rec_field many[300];
    uint8_t data[300];
    for (int i = 0; i < 300; i++) {
        data[i] = (uint8_t)i;
        many[i] = (esent_rec_field){ 260, 0, &data[i], (uint32_t)(i % 3 == 0 ? 0 : 1), 0 };
    }
    encode_parse(&g_small, many, 300, &rec);
    check_fields(&rec, many, 300);
}

static void test_tagged_order_and_derived(void)
{
    /* Given out of order; written derived first, then by fid. */
    esent_rec_field f[] = {
        { 262, 0, "c", 1, 0 }, { 256, 0, "a", 1, 0 }, { 300, ESENT_RECV_DERIVED | ESENT_RECV_LONGVALUE, "d", 1, 0 },
        { 259, 0, "b", 1, 0 }, { 256, ESENT_RECV_DERIVED | ESENT_RECV_LONGVALUE, "e", 1, 0 },
    };
    esent_rec rec;
    encode_parse(&g_small, f, 5, &rec);
    check_fields(&rec, f, 5);
    uint32_t expect[] = { 256, 300, 256, 259, 262 };
    for (uint32_t i = 0; i < 5; i++) {
        esent_rec_tagged t;
        esent_rec_tagged_at(&rec, i, &t);
        CU_ASSERT_EQUAL(t.fid, expect[i]);
        CU_ASSERT_EQUAL((t.flags & ESENT_RECV_DERIVED) != 0, i < 2);
    }
    CU_ASSERT_EQUAL(esent_rec_find_tagged(&rec, 257, 0), -1);
    CU_ASSERT_EQUAL(esent_rec_find_tagged(&rec, 300, 0), -1);
    CU_ASSERT_EQUAL(esent_rec_find_tagged(&rec, 300, 1), 1);
}

static void test_var_255_columns(void)
{
    static esent_rec_column cols[128];
    esent_rec_layout l;
    for (int i = 0; i < 128; i++)
        cols[i] = (esent_rec_column){ (uint32_t)(128 + i), JET_coltypBinary, 255, 0 };
    CU_ASSERT_EQUAL_FATAL(esent_rec_layout_init(&l, cols, 128, 8192), JET_errSuccess);
    CU_ASSERT_EQUAL(l.fidVarLast, 255);
    esent_rec rec;
    /* Only the last variable column set: 128 offsets, 127 of them NULL. */
    esent_rec_field last = { 255, 0, "Z", 1, 0 };
    size_t cb = encode_parse(&l, &last, 1, &rec);
    CU_ASSERT_EQUAL(cb, 4 + 256 + 1);
    CU_ASSERT_EQUAL(rec.fidVarLast, 255);
    check_fields(&rec, &last, 1);
    /* All 128 variable columns, 255 bytes each (32640 bytes: the 15-bit offset limit is 32767). */
    static uint8_t big[255];
    memset(big, 0xAB, sizeof big);
    esent_rec_field all[128];
    for (int i = 0; i < 128; i++)
        all[i] = (esent_rec_field){ (uint32_t)(128 + i), 0, big, 255, 0 };
    encode_parse(&l, all, 128, &rec);
    check_fields(&rec, all, 128);
    /* Var data beyond 0x7FFF cannot be addressed. */
    static uint8_t huge[0x8000];
    esent_rec_field toobig = { 128, 0, huge, 0x8000, 0 };
    size_t cbOut;
    CU_ASSERT_EQUAL(esent_rec_encode(&l, &toobig, 1, g_buf, sizeof g_buf, &cbOut), JET_errInvalidParameter);
}

static void test_limits_and_bad_input(void)
{
    size_t cb;
    uint8_t lg[4] = { 0 };
    static uint8_t big[9000];
    /* Buffer too small: JET_errRecordTooBig with the needed size. */
    esent_rec_field f = { 128, 0, big, 100, 0 };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_small, &f, 1, g_buf, 50, &cb), JET_errRecordTooBig);
    CU_ASSERT_EQUAL(cb, 4 + 2 + 100);
    /* Small-page TAGFLD offsets are 13 bits: a second tagged entry starting past 8191 fails. */
    esent_rec_field t2[] = { { 256, 0, big, 8200, 0 }, { 257, 0, "x", 1, 0 } };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_small, t2, 2, g_buf, sizeof g_buf, &cb), JET_errRecordTooBig);
    CU_ASSERT_EQUAL(esent_rec_encode(&g_large, t2, 2, g_buf, sizeof g_buf, &cb), JET_errSuccess);
    /* Wrong fixed size, duplicate fixed/var, unknown fixed fid, NULL among MVs, invalid LID, separated non-LV. */
    esent_rec_field bad1 = { 4, 0, lg, 3, 0 };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_small, &bad1, 1, g_buf, sizeof g_buf, &cb), JET_errInvalidParameter);
    esent_rec_field bad2[] = { { 4, 0, lg, 4, 0 }, { 4, 0, lg, 4, 0 } };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_small, bad2, 2, g_buf, sizeof g_buf, &cb), JET_errInvalidParameter);
    esent_rec_field bad3 = { 20, 0, lg, 4, 0 };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_small, &bad3, 1, g_buf, sizeof g_buf, &cb), JET_errBadColumnId);
    esent_rec_field bad4[] = { { 257, 0, "a", 1, 0 }, { 257, ESENT_RECV_NULL, NULL, 0, 0 } };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_small, bad4, 2, g_buf, sizeof g_buf, &cb), JET_errInvalidParameter);
    esent_rec_field bad5 = { 257, ESENT_RECV_SEPARATED, NULL, 0, 0x80000000u };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_small, &bad5, 1, g_buf, sizeof g_buf, &cb), JET_errInvalidParameter);
    esent_rec_field bad6 = { 258, ESENT_RECV_SEPARATED, NULL, 0, 5 };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_small, &bad6, 1, g_buf, sizeof g_buf, &cb), JET_errInvalidParameter);
    esent_rec_field bad7[] = { { 257, 0, "a", 1, 0 }, { 257, ESENT_RECV_COMPRESSED, "b", 1, 0 } };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_small, bad7, 2, g_buf, sizeof g_buf, &cb), JET_errInvalidParameter);
    /* Layout: a gap in the fixed ids. */
    esent_rec_column gap[] = { { 1, JET_coltypLong, 0, 0 }, { 3, JET_coltypLong, 0, 0 } };
    esent_rec_layout l;
    CU_ASSERT_EQUAL(esent_rec_layout_init(&l, gap, 2, 4096), JET_errInvalidParameter);
    esent_rec_column unsorted[] = { { 256, JET_coltypLong, 0, 0 }, { 128, JET_coltypLong, 0, 0 } };
    CU_ASSERT_EQUAL(esent_rec_layout_init(&l, unsorted, 2, 4096), JET_errInvalidParameter);
}

/* A record with every part, used by the malformed-input tests. */
static size_t build_rich(const esent_rec_layout *l, uint8_t *out)
{
    uint8_t lg[4] = { 1, 2, 3, 4 };
    esent_rec_field f[] = {
        { 1, 0, "\x01", 1, 0 }, { 4, 0, lg, 4, 0 }, { 128, 0, "var", 3, 0 }, { 130, 0, "lv", 2, 0 },
        { 256, 0, "tagged", 6, 0 }, { 257, ESENT_RECV_SEPARATED, NULL, 0, 9 }, { 257, 0, "i", 1, 0 },
        { 258, 0, "p", 1, 0 }, { 258, 0, "q", 1, 0 }, { 259, ESENT_RECV_NULL, NULL, 0, 0 },
        { 260, 0, "a", 1, 0 }, { 260, 0, "bb", 2, 0 }, { 260, 0, "", 0, 0 }, { 262, ESENT_RECV_SEPARATED, NULL, 0, 3 },
    };
    size_t cb;
    CU_ASSERT_EQUAL(esent_rec_encode(l, f, sizeof f / sizeof f[0], out, 1024, &cb), JET_errSuccess);
    return cb;
}

static void test_truncated(void)
{
    const esent_rec_layout *ls[2] = { &g_small, &g_large };
    for (int k = 0; k < 2; k++) {
        uint8_t full[1024];
        size_t cb = build_rich(ls[k], full);
        esent_rec rec;
        CU_ASSERT_EQUAL_FATAL(esent_rec_parse(full, cb, ls[k], &rec), JET_errSuccess);
        size_t ibTagged = rec.ibTagged;
        unsigned bad = 0;
        for (size_t n = 0; n < cb; n++) {
            uint8_t *copy = malloc(n ? n : 1);   /* exact size: ASan sees any over-read */
            memcpy(copy, full, n);
            JET_ERR err = esent_rec_parse(n ? copy : NULL, n, ls[k], &rec);
            CU_ASSERT(err == JET_errSuccess || err == JET_errDatabaseCorrupted);
            if (err == JET_errSuccess)
                touch_all(&rec);
            else
                bad++;
            if (n < ibTagged || (n > ibTagged && n < ibTagged + 4))   /* cut before the tagged area or inside TAGFLD 0 */
                CU_ASSERT_EQUAL(err, JET_errDatabaseCorrupted);
            free(copy);
        }
        CU_ASSERT(bad > cb / 2);
    }
}

static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }

static void test_malformed(void)
{
    uint8_t r[1024];
    size_t cb = build_rich(&g_small, r);
    esent_rec rec;
    CU_ASSERT_EQUAL_FATAL(esent_rec_parse(r, cb, &g_small, &rec), JET_errSuccess);
    uint8_t m[1024];
    esent_rec bad;
#define MUTATE(stmt) do { memcpy(m, r, cb); stmt; CU_ASSERT_EQUAL(esent_rec_parse(m, cb, &g_small, &bad), JET_errDatabaseCorrupted); } while (0)
    size_t t = rec.ibTagged, vo = rec.ibVarOffsets;
    MUTATE(m[0] = 15);                                    /* fixed fid beyond the table */
    MUTATE(m[0] = 200);
    MUTATE(m[1] = 100);                                   /* var last below 127 */
    MUTATE(put16(m + 2, 500));                            /* ibEndOfFixedData outside */
    MUTATE(put16(m + 2, rec.ibVarOffsets - 1));           /* inconsistent with the fixed columns */
    MUTATE(put16(m + vo, 0x7000));                        /* var offset past the end */
    MUTATE(put16(m + vo + 2, 1));                         /* var offsets decreasing */
    MUTATE(put16(m + t, 258));                            /* tagged out of order (258 before 257) */
    MUTATE(put16(m + t + 4, 256));                        /* duplicate fid */
    MUTATE(put16(m + t, 100));                            /* non-tagged fid in the tagged array */
    MUTATE(put16(m + t + 2, 0x4000 | 6));                 /* array size not a multiple of 4 */
    MUTATE(put16(m + t + 2, 0x1FF0));                     /* array past the end */
    MUTATE(put16(m + t + 6, 0x4000 | 2));                 /* entry starts inside the array (overlap) */
    MUTATE(put16(m + t + 10, 0x4000 | 0x1000));           /* entry past the end */
    MUTATE(put16(m + t + 6, (m[t + 10] | (m[t + 11] << 8)) + 1)); /* entries overlapping (decreasing) */
    /* Entry 1 (fid 257, MV LV): header bits and MV offsets. */
    esent_rec_tagged tag;
    esent_rec_tagged_at(&rec, 1, &tag);
    size_t e = (size_t)(tag.pb - r);
    MUTATE(m[e] = 0x80 | m[e]);                           /* unknown header bit */
    MUTATE(m[e] = ESENT_TAGHDR_TWO | ESENT_TAGHDR_LONG_VALUE); /* two-values without multi, on an LV */
    MUTATE(put16(m + e + 1, 3));                          /* MV offset table odd */
    MUTATE(put16(m + e + 1, 2));                          /* only one MV */
    MUTATE(put16(m + e + 1, 0x700));                      /* MV table past the entry */
    MUTATE(put16(m + e + 3, 0x8000 | 5));                 /* instance 2 before instance 1's data */
    MUTATE(put16(m + e + 3, 0x8000 | 8));                 /* separated instance whose 1 byte is not a LID */
    /* Entry 4 (fid 259): fNullSmallPage with data / with extended info. */
    MUTATE(put16(m + t + 14, (m[t + 14] | (m[t + 15] << 8)) | 0x4000));
    /* Entry 5 (fid 262): separated LID invalid (0) or of the wrong size. */
    esent_rec_tagged_at(&rec, 5, &tag);
    CU_ASSERT_EQUAL_FATAL(tag.fid, 262);
    e = (size_t)(tag.pb - r);
    MUTATE(memset(m + e + 1, 0, 4));
    MUTATE(m[e + 4] = 0x80);
#undef MUTATE
    /* Random corruption: never a crash, only success or the error. */
    uint32_t seed = 12345;
    for (int it = 0; it < 30000; it++) {
        const esent_rec_layout *l = (it & 1) ? &g_large : &g_small;
        size_t n = build_rich(l, m);
        for (int j = 0; j < 1 + (it % 4); j++) {
            seed = seed * 1103515245u + 12345u;
            m[(seed >> 8) % n] ^= (uint8_t)(1u << ((seed >> 4) & 7));
        }
        uint8_t *copy = malloc(n);
        memcpy(copy, m, n);
        JET_ERR err = esent_rec_parse(copy, n, l, &rec);
        CU_ASSERT(err == JET_errSuccess || err == JET_errDatabaseCorrupted);
        if (err == JET_errSuccess)
            touch_all(&rec);
        free(copy);
    }
}

/* ------------------------------------------------------------------ long values */

static void test_long_values(void)
{
    uint8_t k[12], b[9];
    uint64_t lid;
    int root;
    uint32_t ib;
    CU_ASSERT_EQUAL(esent_lv_root_key(1, k), 4);
    CU_ASSERT(memcmp(k, "\x00\x00\x00\x01", 4) == 0);
    CU_ASSERT_EQUAL(esent_lv_chunk_key(1, 4014, k), 8);
    CU_ASSERT(memcmp(k, "\x00\x00\x00\x01\x00\x00\x0f\xae", 8) == 0);
    CU_ASSERT_EQUAL(esent_lv_key_decode(k, 8, &lid, &root, &ib), JET_errSuccess);
    CU_ASSERT(lid == 1 && !root && ib == 4014);
    uint64_t l64 = 0x8000000010000001ull;
    CU_ASSERT_EQUAL(esent_lv_root_key(l64, k), 8);
    CU_ASSERT(memcmp(k, "\x80\x00\x00\x00\x10\x00\x00\x01", 8) == 0);
    CU_ASSERT_EQUAL(esent_lv_key_decode(k, 8, &lid, &root, &ib), JET_errSuccess);
    CU_ASSERT(lid == l64 && root && ib == 0);
    CU_ASSERT_EQUAL(esent_lv_chunk_key(l64, 8150, k), 12);
    CU_ASSERT_EQUAL(esent_lv_key_decode(k, 12, &lid, &root, &ib), JET_errSuccess);
    CU_ASSERT(lid == l64 && !root && ib == 8150);
    CU_ASSERT_EQUAL(esent_lv_key_decode(k, 5, &lid, &root, &ib), JET_errLVCorrupted);
    CU_ASSERT_EQUAL(esent_lv_key_decode((const uint8_t *)"\x80\0\0\1", 4, &lid, &root, &ib), JET_errLVCorrupted);
    CU_ASSERT_EQUAL(esent_lv_key_decode((const uint8_t *)"\0\0\0\0", 4, &lid, &root, &ib), JET_errLVCorrupted);
    /* Record form: little-endian, 4 or 8 bytes. */
    CU_ASSERT_EQUAL(esent_lid_encode(0x01020304, b), 4);
    CU_ASSERT(memcmp(b, "\x04\x03\x02\x01", 4) == 0);
    CU_ASSERT_EQUAL(esent_lid_decode(b, 4, &lid), JET_errSuccess);
    CU_ASSERT_EQUAL(lid, 0x01020304);
    CU_ASSERT_EQUAL(esent_lid_encode(l64, b), 8);
    CU_ASSERT_EQUAL(esent_lid_decode(b, 8, &lid), JET_errSuccess);
    CU_ASSERT_EQUAL(lid, l64);
    CU_ASSERT_EQUAL(esent_lid_decode((const uint8_t *)"\1\0\0\0\0\0\0\0", 8, &lid), JET_errDatabaseCorrupted);
    CU_ASSERT_EQUAL(esent_lid_decode(b, 5, &lid), JET_errDatabaseCorrupted);
    CU_ASSERT(!esent_lid_valid(0) && !esent_lid_valid(0x80000000u) && !esent_lid_valid(ESENT_LID64_MAX + 1));
    /* LVROOT: {ref 1, size 1040} = 01000000 10040000 (§6 example). */
    esent_lvroot r = { 1, 1040, 0, 0 }, r2;
    CU_ASSERT_EQUAL(esent_lvroot_encode(&r, b), 8);
    CU_ASSERT(memcmp(b, "\x01\x00\x00\x00\x10\x04\x00\x00", 8) == 0);
    CU_ASSERT_EQUAL(esent_lvroot_decode(b, 8, &r2), JET_errSuccess);
    CU_ASSERT(r2.ulReference == 1 && r2.ulSize == 1040 && !r2.fHasFlags);
    r.fHasFlags = 1; r.bFlags = ESENT_LVROOT_FENCRYPTED;
    CU_ASSERT_EQUAL(esent_lvroot_encode(&r, b), 9);
    CU_ASSERT_EQUAL(esent_lvroot_decode(b, 9, &r2), JET_errSuccess);
    CU_ASSERT(r2.fHasFlags && r2.bFlags == 1);
    CU_ASSERT_EQUAL(esent_lvroot_decode(b, 7, &r2), JET_errLVCorrupted);
    CU_ASSERT_EQUAL(esent_lv_chunk_size(4096), 4014);
    CU_ASSERT_EQUAL(esent_lv_chunk_size(8192), 8110);
    CU_ASSERT_EQUAL(esent_lv_chunk_size(16384), 4050);
    CU_ASSERT_EQUAL(esent_lv_chunk_size(32768), 8150);
}

/* ------------------------------------------------------------------ catalog */

static esent_rec_layout g_cat;
static esent_rec_column g_catcols[64];

static void check_rows_equal(const esent_cat_row *a, const esent_cat_row *b)
{
    CU_ASSERT_EQUAL(a->fixedPresent, b->fixedPresent);
    CU_ASSERT(a->objidTable == b->objidTable && a->type == b->type && a->id == b->id);
    CU_ASSERT(a->coltypOrPgnoFDP == b->coltypOrPgnoFDP && a->spaceUsage == b->spaceUsage && a->flags == b->flags);
    CU_ASSERT(a->pagesOrLocale == b->pagesOrLocale && a->rootFlag == b->rootFlag && a->recordOffset == b->recordOffset);
    CU_ASSERT(a->lcmapFlags == b->lcmapFlags && a->keyMost == b->keyMost && a->lvChunkMax == b->lvChunkMax);
    CU_ASSERT(a->pgnoFDPLastSetTime == b->pgnoFDPLastSetTime);
    const esent_cat_blob *ba = &a->name, *bb = &b->name;
    for (int i = 0; i < 16; i++) {
        CU_ASSERT(ba[i].fPresent == bb[i].fPresent && ba[i].cb == bb[i].cb && ba[i].fSeparated == bb[i].fSeparated);
        if (ba[i].fPresent && ba[i].cb == bb[i].cb && ba[i].cb)
            CU_ASSERT(memcmp(ba[i].pb, bb[i].pb, ba[i].cb) == 0);
    }
}

static void test_catalog_rows(void)
{
    /* §4.2 example Table row of basic.edb, byte for byte. */
    static const uint8_t table_row[] = {
        0x08, 0x80, 0x20, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x00, 0x00, 0x00, 0x1f, 0x00, 0x00, 0x00,
        0x50, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0x00, 0x05, 0x00,
        'b', 'a', 's', 'i', 'c' };
    esent_cat_row row, row2;
    CU_ASSERT_EQUAL_FATAL(esent_cat_decode(table_row, sizeof table_row, &g_cat, &row), JET_errSuccess);
    CU_ASSERT(row.type == ESENT_CAT_TYPE_TABLE && row.objidTable == 8 && row.id == 8);
    CU_ASSERT(row.coltypOrPgnoFDP == 31 && row.spaceUsage == 80 && row.pagesOrLocale == 4 && row.rootFlag == 0xFF);
    char name[80];
    CU_ASSERT_EQUAL(esent_cat_name(&row, name, sizeof name), 5);
    CU_ASSERT_STRING_EQUAL(name, "basic");
    uint8_t out[512];
    size_t cb;
    CU_ASSERT_EQUAL(esent_cat_encode(&row, &g_cat, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, sizeof table_row);
    CU_ASSERT(memcmp(out, table_row, cb) == 0);

    /* An index row with segments and a tagged LocaleName. */
    memset(&row, 0, sizeof row);
    row.fixedPresent = ESENT_CAT_PRESENT(1) | ESENT_CAT_PRESENT(2) | ESENT_CAT_PRESENT(3) | ESENT_CAT_PRESENT(4)
        | ESENT_CAT_PRESENT(5) | ESENT_CAT_PRESENT(6) | ESENT_CAT_PRESENT(7) | ESENT_CAT_PRESENT(10);
    row.objidTable = 8; row.type = ESENT_CAT_TYPE_INDEX; row.id = 8; row.coltypOrPgnoFDP = 31; row.spaceUsage = 80;
    row.flags = 0x0001002F; row.lcmapFlags = 0x00030401;
    row.name = esent_cat_blob_of("primary", 7);
    esent_cat_idxseg segs[3] = { { 0, 1 }, { ESENT_IDXSEG_DESCENDING, 128 }, { 0, 256 } }, segs2[16];
    uint8_t keyfld[12];
    esent_cat_key_segments_encode(segs, 3, keyfld);
    row.keyFldIDs = esent_cat_blob_of(keyfld, 12);
    row.localeName = esent_cat_blob_of("e\0n\0-\0U\0S\0", 10);
    CU_ASSERT_EQUAL(esent_cat_encode(&row, &g_cat, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(out[0], 10);
    CU_ASSERT_EQUAL_FATAL(esent_cat_decode(out, cb, &g_cat, &row2), JET_errSuccess);
    check_rows_equal(&row, &row2);
    uint32_t cseg;
    CU_ASSERT_EQUAL(esent_cat_key_segments(&row2, segs2, 16, &cseg), JET_errSuccess);
    CU_ASSERT_EQUAL(cseg, 3);
    CU_ASSERT(segs2[1].flags == ESENT_IDXSEG_DESCENDING && segs2[1].fid == 128 && segs2[2].fid == 256);
    CU_ASSERT_EQUAL(esent_cat_key_segments(&row2, segs2, 2, &cseg), JET_errCatalogCorrupted);
    /* Legacy 2-byte segments (no ExtendedColumns). */
    row2.flags = 0x2F;
    static const uint8_t legacy[] = { 0x01, 0x00, 0x80, 0xff };   /* +1, -128 */
    row2.keyFldIDs = esent_cat_blob_of(legacy, 4);
    CU_ASSERT_EQUAL(esent_cat_key_segments(&row2, segs2, 16, &cseg), JET_errSuccess);
    CU_ASSERT(cseg == 2 && segs2[0].fid == 1 && segs2[1].fid == 128 && segs2[1].flags == ESENT_IDXSEG_DESCENDING);
    /* Missing NotNULL column / Name. */
    row.fixedPresent &= ~ESENT_CAT_PRESENT(7);
    CU_ASSERT_EQUAL(esent_cat_encode(&row, &g_cat, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_cat_decode(out, cb, &g_cat, &row2), JET_errCatalogCorrupted);
    row.fixedPresent |= ESENT_CAT_PRESENT(7);
    row.name.fPresent = 0;
    CU_ASSERT_EQUAL(esent_cat_encode(&row, &g_cat, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_cat_decode(out, cb, &g_cat, &row2), JET_errCatalogCorrupted);
    /* The catalog's own layout: fixed offsets of §4.1. */
    CU_ASSERT_EQUAL(g_cat.ibFixed[ESENT_CAT_FID_ROOT_FLAG], 30);
    CU_ASSERT_EQUAL(g_cat.ibFixed[ESENT_CAT_FID_KEY_MOST], 37);
    CU_ASSERT_EQUAL(g_cat.ibFixed[ESENT_CAT_FID_PGNOFDP_LAST_SET_TIME], 43);
    CU_ASSERT_EQUAL(esent_cat_ccoldefs, 29);
}

/* ------------------------------------------------------------------ corpus */

typedef struct corpus_stats {
    unsigned rows, tables, columns, indexes, lvs, callbacks, identical, msoColumns, msoSelf;
    unsigned badColtyp, sameModuloNull;
} corpus_stats;

static FILE *open_corpus(const char *rel)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", ESENT_CORPUS_DIR, rel);
    return test_fopen_host(path, "rb");
}

static int read_page(FILE *f, uint32_t cbPage, uint32_t pgno, uint8_t *page)
{
    if (fseek(f, (long)((pgno + 1) * (uint64_t)cbPage), SEEK_SET) != 0)
        return 0;
    return fread(page, 1, cbPage, f) == cbPage;
}

static uint32_t rd32le(const uint8_t *p) { return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24); }
static uint16_t rd16le(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

static void check_catalog_row(const uint8_t *data, size_t cb, corpus_stats *st, const char *file)
{
    esent_cat_row row, row2;
    JET_ERR err = esent_cat_decode(data, cb, &g_cat, &row);
    if (err != JET_errSuccess)
        printf("    %s: catalog row error %d\n", file, (int)err);
    CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
    esent_rec rec;
    CU_ASSERT_EQUAL(esent_rec_parse(data, cb, &g_cat, &rec), JET_errSuccess);
    touch_all(&rec);
    st->rows++;
    char name[300];
    esent_cat_name(&row, name, sizeof name);
    switch (row.type) {
    case ESENT_CAT_TYPE_TABLE:
        st->tables++;
        CU_ASSERT_EQUAL(row.objidTable, row.id);
        CU_ASSERT_EQUAL(row.rootFlag, 0xFF);
        if (strcmp(name, "MSysObjects") == 0) {
            CU_ASSERT(row.id == ESENT_CAT_OBJID_MSO && row.coltypOrPgnoFDP == ESENT_CAT_PGNO_MSO);
            st->msoSelf++;
        }
        break;
    case ESENT_CAT_TYPE_COLUMN: {
        st->columns++;
        uint32_t sz = esent_coltyp_fixed_size(row.coltypOrPgnoFDP);
        if (row.coltypOrPgnoFDP > JET_coltypUnsignedLongLong)
            st->badColtyp++;
        if (row.id <= ESENT_FID_FIXED_MOST && sz && row.spaceUsage != sz)
            st->badColtyp++;
        if (row.objidTable == ESENT_CAT_OBJID_MSO) {
            /* MSysObjects describes itself: same names and types as our hard-coded layout. */
            const esent_rec_column *c = esent_rec_layout_find(&g_cat, row.id);
            CU_ASSERT_FATAL(c != NULL);
            CU_ASSERT_EQUAL(c->coltyp, row.coltypOrPgnoFDP);
            CU_ASSERT_STRING_EQUAL(esent_cat_coldefs[c - g_cat.columns].name, name);
            st->msoColumns++;
        }
        break;
    }
    case ESENT_CAT_TYPE_INDEX: {
        st->indexes++;
        esent_cat_idxseg segs[64];
        uint32_t cseg;
        CU_ASSERT_EQUAL(esent_cat_key_segments(&row, segs, 64, &cseg), JET_errSuccess);
        CU_ASSERT(cseg >= 1);
        break;
    }
    case ESENT_CAT_TYPE_LONGVALUE: st->lvs++; break;
    case ESENT_CAT_TYPE_CALLBACK: st->callbacks++; break;
    default: break;
    }
    /* Re-encoding yields the same row; the bytes are identical unless NULL fixed columns held garbage. */
    uint8_t out[4096];
    size_t cbOut;
    CU_ASSERT_EQUAL_FATAL(esent_cat_encode(&row, &g_cat, out, sizeof out, &cbOut), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(esent_cat_decode(out, cbOut, &g_cat, &row2), JET_errSuccess);
    check_rows_equal(&row, &row2);
    if (cbOut == cb && memcmp(out, data, cb) == 0)
        st->identical++;
    /* Apart from the bytes of NULL fixed columns, the engine's row and ours are the same bytes. */
    CU_ASSERT_EQUAL_FATAL(cbOut, cb);
    uint8_t orig[4096];
    memcpy(orig, data, cb);
    for (uint32_t fid = 1; fid <= rec.fidFixedLast; fid++) {
        esent_rec_value v;
        if (esent_rec_get_fixed(&rec, fid, &v) == 1 && (v.flags & ESENT_RECV_NULL)) {
            uint32_t ib = g_cat.ibFixed[fid], n = g_cat.ibFixed[fid + 1] - ib;
            memset(orig + ib, 0, n);
            memset(out + ib, 0, n);
        }
    }
    if (memcmp(out, orig, cb) == 0)
        st->sameModuloNull++;
}

/* Walks the B-tree under pgno (small pages only), decoding every live leaf node as a catalog row. */
static void walk_tree(FILE *f, uint32_t cbPage, uint32_t pgno, int depth, corpus_stats *st, const char *file)
{
    uint8_t *page = malloc(cbPage);
    CU_ASSERT_FATAL(page != NULL);
    CU_ASSERT_FATAL(depth < 8);
    CU_ASSERT_FATAL(read_page(f, cbPage, pgno, page));
    uint32_t flags = rd32le(page + 36), ntag = rd16le(page + 34) & 0x0FFF;
    CU_ASSERT_FATAL(ntag * 4 + 40 <= cbPage);
    for (uint32_t i = 1; i < ntag; i++) {
        const uint8_t *tag = page + cbPage - 4 * (i + 1);
        uint32_t size = rd16le(tag) & 0x1FFF, ib = rd16le(tag + 2) & 0x1FFF, nflags = rd16le(tag + 2) >> 13;
        CU_ASSERT_FATAL(40 + ib + size <= cbPage);
        const uint8_t *node = page + 40 + ib;
        if (nflags & 0x2)
            continue;   /* flag-deleted node */
        uint32_t off = (nflags & 0x4) ? 2 : 0;
        CU_ASSERT_FATAL(off + 2 <= size);
        uint32_t cbKey = rd16le(node + off) & 0x1FFF;
        off += 2 + cbKey;
        CU_ASSERT_FATAL(off <= size);
        if (flags & 0x2)
            check_catalog_row(node + off, size - off, st, file);
        else
            walk_tree(f, cbPage, rd32le(node + off), depth + 1, st, file);
    }
    free(page);
}

static const struct { const char *path; unsigned tables; } g_corpus[] = {
    { "fox-it_dissect.esedb/tests/_data/basic.edb", 5 },
    { "fox-it_dissect.esedb/tests/_data/multi.edb", 5 },
    { "fox-it_dissect.esedb/tests/_data/text.edb", 5 },
    { "fox-it_dissect.esedb/tests/_data/default.edb", 5 },
    { "fox-it_dissect.esedb/tests/_data/index.edb", 5 },
    { "fox-it_dissect.esedb/tests/_data/SRUDB.dat", 12 },
    { "fox-it_dissect.esedb/tests/_data/Current.mdb", 8 },
    { "log2timeline_plaso/test_data/Catalog1.edb", 10 },
    { "MichaelGrafnetter_DSInternals/TestData/Initial.zip.d/Initial/ntds.dit", 12 },
    { "strozfriedberg_ese_parser/lib/testdata/decompress_test.edb", 5 },
};

static void test_corpus_catalogs(void)
{
    unsigned checked = 0, present = 0;
    for (size_t i = 0; i < sizeof g_corpus / sizeof g_corpus[0]; i++) {
        FILE *f = open_corpus(g_corpus[i].path);
        if (f == NULL)
            continue;
        present++;
        uint8_t hdr[240];
        CU_ASSERT_FATAL(fread(hdr, 1, sizeof hdr, f) == sizeof hdr);
        uint32_t cbPage = rd32le(hdr + 236);
        CU_ASSERT_FATAL(cbPage == 4096 || cbPage == 8192);
        esent_rec_column cols[64];
        CU_ASSERT_EQUAL_FATAL(esent_cat_layout(&g_cat, cols, cbPage), JET_errSuccess);
        corpus_stats st = { 0 };
        walk_tree(f, cbPage, ESENT_CAT_PGNO_MSO, 0, &st, g_corpus[i].path);
        fclose(f);
        printf("\n    %s: %u rows, %u tables, %u columns, %u indexes, %u LV, %u callbacks; MSO self-columns %u; "
               "re-encoded byte-identical %u (identical but for NULL fixed bytes %u)", g_corpus[i].path, st.rows,
               st.tables, st.columns, st.indexes, st.lvs, st.callbacks, st.msoColumns, st.identical, st.sameModuloNull);
        CU_ASSERT_EQUAL(st.sameModuloNull, st.rows);
        CU_ASSERT_EQUAL(st.tables, g_corpus[i].tables);
        CU_ASSERT_EQUAL(st.msoSelf, 1);
        CU_ASSERT(st.msoColumns >= 20);
        CU_ASSERT_EQUAL(st.badColtyp, 0);
        CU_ASSERT(st.columns > st.tables);
        checked++;
    }
    /* restore the 4 KiB catalog layout for any later test */
    CU_ASSERT_EQUAL(esent_cat_layout(&g_cat, g_catcols, 4096), JET_errSuccess);
    if (present == 0) {
        printf("\n    corpus absent (%s): skipped", ESENT_CORPUS_DIR);
        return;
    }
    printf("\n    %u corpus catalogs checked\n", checked);
    CU_ASSERT_EQUAL(checked, sizeof g_corpus / sizeof g_corpus[0]);
}

static int cat_init(void)
{
    return esent_cat_layout(&g_cat, g_catcols, 4096) < 0;
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = esent_test_suite("record", suite_init, NULL);
    esent_test_add(s, "minimal record", test_minimal_record);
    esent_test_add(s, "every column type, fixed/variable/tagged, small and large pages", test_all_types_round_trip);
    esent_test_add(s, "NULL versus zero-length, explicit tagged NULL", test_nulls_and_zero_length);
    esent_test_add(s, "multi-values: MULTIVALUES, TWOVALUES, separated and compressed instances", test_multi_values);
    esent_test_add(s, "tagged order and derived columns", test_tagged_order_and_derived);
    esent_test_add(s, "255th variable column and 15-bit offsets", test_var_255_columns);
    esent_test_add(s, "limits and invalid encoder input", test_limits_and_bad_input);
    esent_test_add(s, "truncated at every byte", test_truncated);
    esent_test_add(s, "malformed offsets, flags and random corruption", test_malformed);
    CU_pSuite lv = esent_test_suite("long values", NULL, NULL);
    esent_test_add(lv, "LID forms, LV keys, LVROOT", test_long_values);
    CU_pSuite c = esent_test_suite("catalog", cat_init, NULL);
    esent_test_add(c, "catalog rows encode/decode", test_catalog_rows);
    esent_test_add(c, "corpus catalogs", test_corpus_catalogs);
    return esent_test_run();
}
