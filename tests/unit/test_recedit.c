/* Column-value semantics of the update buffer and of record retrieval (esent/src/table/rec*.c):
 * JetSetColumn(s), JetRetrieveColumn(s), JetEnumerateColumns, JetGetRecordSize(2), defaults,
 * multi-values, long values (with an in-memory LV store), auto-increment, version and escrow columns,
 * and hostile input. */
#include "cu_runner.h"

#include "format/bytes.h"
#include "format/record.h"
#include "table/recedit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ in-memory LV store (test only) */

#define MS_MAX 1024u

typedef struct mslv {
    uint8_t *pb;
    uint32_t cb;
    uint32_t ref;
} mslv;

typedef struct memstore {
    mslv lv[MS_MAX];        /* index = LID (LID32s 1..MS_MAX-1) */
    uint32_t next;
    int fail_in;            /* > 0: the fail_in-th next create/copy/write/set_size/addref fails */
    unsigned creates, copies, writes, set_sizes, addrefs, releases;
} memstore;

static memstore g_ms;

static void ms_reset(void)
{
    for (uint32_t i = 0; i < MS_MAX; i++)
        free(g_ms.lv[i].pb);
    memset(&g_ms, 0, sizeof g_ms);
    g_ms.next = 1;
}

static uint32_t ms_live(void)
{
    uint32_t n = 0;
    for (uint32_t i = 1; i < g_ms.next; i++)
        n += g_ms.lv[i].ref > 0;
    return n;
}

static mslv *ms_get(uint64_t lid)
{
    if (lid == 0 || lid >= g_ms.next || g_ms.lv[lid].ref == 0)
        return NULL;
    return &g_ms.lv[lid];
}

static int ms_fail(void)
{
    return g_ms.fail_in > 0 && --g_ms.fail_in == 0;
}

static JET_ERR ms_read(void *ctx, uint64_t lid, uint32_t ib, void *pv, uint32_t cb, uint32_t *pcb_read, uint32_t *pcb_total)
{
    (void)ctx;
    mslv *l = ms_get(lid);
    if (l == NULL)
        return JET_errLVCorrupted;
    uint32_t n = ib >= l->cb ? 0 : l->cb - ib;
    if (n > cb)
        n = cb;
    if (n)
        memcpy(pv, l->pb + ib, n);
    *pcb_read = n;
    *pcb_total = l->cb;
    return JET_errSuccess;
}

static JET_ERR ms_new(const void *pv, uint32_t cb, uint64_t *plid)
{
    if (g_ms.next >= MS_MAX)
        return JET_errOutOfMemory;
    mslv *l = &g_ms.lv[g_ms.next];
    l->pb = malloc(cb ? cb : 1);
    if (l->pb == NULL)
        return JET_errOutOfMemory;
    if (cb)
        memcpy(l->pb, pv, cb);
    l->cb = cb;
    l->ref = 1;
    *plid = g_ms.next++;
    return JET_errSuccess;
}

static JET_ERR ms_create(void *ctx, const void *pv, uint32_t cb, uint64_t *plid)
{
    (void)ctx;
    if (ms_fail())
        return JET_errOutOfMemory;
    if (cb && pv == NULL)
        return JET_errInvalidParameter;
    g_ms.creates++;
    return ms_new(pv, cb, plid);
}

static JET_ERR ms_copy(void *ctx, uint64_t lid, uint64_t *plid)
{
    (void)ctx;
    mslv *l = ms_get(lid);
    if (l == NULL)
        return JET_errLVCorrupted;
    if (ms_fail())
        return JET_errOutOfMemory;
    g_ms.copies++;
    return ms_new(l->pb, l->cb, plid);
}

static JET_ERR ms_set_size(void *ctx, uint64_t lid, uint32_t cb)
{
    (void)ctx;
    mslv *l = ms_get(lid);
    if (l == NULL)
        return JET_errLVCorrupted;
    if (ms_fail())
        return JET_errOutOfMemory;
    uint8_t *p = realloc(l->pb, cb ? cb : 1);
    if (p == NULL)
        return JET_errOutOfMemory;
    if (cb > l->cb)
        memset(p + l->cb, 0, cb - l->cb);
    l->pb = p;
    l->cb = cb;
    g_ms.set_sizes++;
    return JET_errSuccess;
}

static JET_ERR ms_write(void *ctx, uint64_t lid, uint32_t ib, const void *pv, uint32_t cb)
{
    mslv *l = ms_get(lid);
    if (l == NULL)
        return JET_errLVCorrupted;
    if (ib > l->cb || pv == NULL)
        return JET_errInvalidParameter;   /* contract: writes start inside or at the end */
    if (ms_fail())
        return JET_errOutOfMemory;
    if (ib + cb > l->cb) {
        g_ms.set_sizes--;   /* internal growth is not a set_size call */
        JET_ERR err = ms_set_size(ctx, lid, ib + cb);
        if (err < 0)
            return err;
    }
    memcpy(l->pb + ib, pv, cb);
    g_ms.writes++;
    return JET_errSuccess;
}

static JET_ERR ms_addref(void *ctx, uint64_t lid)
{
    (void)ctx;
    mslv *l = ms_get(lid);
    if (l == NULL)
        return JET_errLVCorrupted;
    if (ms_fail())
        return JET_errOutOfMemory;
    l->ref++;
    g_ms.addrefs++;
    return JET_errSuccess;
}

static JET_ERR ms_release(void *ctx, uint64_t lid)
{
    (void)ctx;
    mslv *l = ms_get(lid);
    if (l == NULL)
        return JET_errLVCorrupted;
    g_ms.releases++;
    if (--l->ref == 0) {
        free(l->pb);
        l->pb = NULL;
        l->cb = 0;
    }
    return JET_errSuccess;
}

static const esent_lvstore g_store = { NULL, 0, ms_read, ms_create, ms_copy, ms_write, ms_set_size, ms_addref, ms_release };

/* ------------------------------------------------------------------ the test table */

static const uint8_t d_long42[4] = { 42, 0, 0, 0 };
static const uint8_t d_zero4[4] = { 0, 0, 0, 0 };
static const uint8_t d_ten8[8] = { 10, 0, 0, 0, 0, 0, 0, 0 };
static const uint8_t d_tmv[4] = { 7, 0, 0, 0 };

enum {
    C_BIT = 1, C_UBYTE, C_SHORT, C_LONG, C_CURRENCY, C_SINGLE, C_DOUBLE, C_DATETIME, C_ULONG, C_LONGLONG, C_GUID,
    C_USHORT, C_ULONGLONG, C_FTEXT, C_FBIN, C_NOTNULL, C_FDEF, C_VERSION, C_AUTOINC, C_ESCROW, C_ESCROW64, C_FUTEXT,
    C_VTEXT = 128, C_VBIN, C_VDEF, C_VNOTNULL,
    C_LTEXT = 256, C_LBIN, C_TTEXT, C_TDEF, C_TLONG, C_TGUID, C_LBIN2000, C_TNORM, C_TMVDEF,
    C_TTYPES = 270,   /* 270 + coltyp: every type Bit..UnsignedLongLong as a tagged column */
    C_TEMPLATE = 300
};
#define TEMPLATE_COLID (ESENT_COLUMNID_TEMPLATE | C_TEMPLATE)

#define DEF(id, t, cb, ff) { (id), (t), (cb), (ff), 1252, NULL, 0 }
#define DEFV(id, t, cb, ff, pv, n) { (id), (t), (cb), (ff) | ESENT_FFIELD_DEFAULT, 1252, (pv), (n) }

static esent_coldef g_cols[64];
static uint32_t g_ncols;
static esent_tabledef g_td;        /* 8 KiB pages */
static esent_tabledef g_td4;       /* 4 KiB pages */
static esent_tabledef g_td32;      /* 32 KiB pages */

static void add_col(esent_coldef c)
{
    g_cols[g_ncols++] = c;
}

static int build_cols(void)
{
    static const JET_COLTYP fixed[] = { JET_coltypBit, JET_coltypUnsignedByte, JET_coltypShort, JET_coltypLong,
        JET_coltypCurrency, JET_coltypIEEESingle, JET_coltypIEEEDouble, JET_coltypDateTime, JET_coltypUnsignedLong,
        JET_coltypLongLong, JET_coltypGUID, JET_coltypUnsignedShort, JET_coltypUnsignedLongLong };
    g_ncols = 0;
    for (uint32_t i = 0; i < 13; i++)
        add_col((esent_coldef)DEF(i + 1, fixed[i], 0, 0));
    add_col((esent_coldef)DEF(C_FTEXT, JET_coltypText, 10, 0));
    add_col((esent_coldef)DEF(C_FBIN, JET_coltypBinary, 6, 0));
    add_col((esent_coldef)DEF(C_NOTNULL, JET_coltypLong, 0, ESENT_FFIELD_NOT_NULL));
    add_col((esent_coldef)DEFV(C_FDEF, JET_coltypLong, 0, 0, d_long42, 4));
    add_col((esent_coldef)DEF(C_VERSION, JET_coltypLong, 0, ESENT_FFIELD_VERSION));
    add_col((esent_coldef)DEF(C_AUTOINC, JET_coltypLong, 0, ESENT_FFIELD_AUTOINCREMENT));
    add_col((esent_coldef)DEFV(C_ESCROW, JET_coltypLong, 0, ESENT_FFIELD_ESCROW_UPDATE, d_zero4, 4));
    add_col((esent_coldef)DEFV(C_ESCROW64, JET_coltypLongLong, 0, ESENT_FFIELD_ESCROW_UPDATE, d_ten8, 8));
    esent_coldef fu = DEF(C_FUTEXT, JET_coltypText, 8, 0);
    fu.codepage = 1200;
    add_col(fu);
    add_col((esent_coldef)DEF(C_VTEXT, JET_coltypText, 20, 0));
    add_col((esent_coldef)DEF(C_VBIN, JET_coltypBinary, 0, 0));
    add_col((esent_coldef)DEFV(C_VDEF, JET_coltypText, 0, 0, (const uint8_t *)"dflt", 4));
    add_col((esent_coldef)DEF(C_VNOTNULL, JET_coltypBinary, 0, ESENT_FFIELD_NOT_NULL));
    esent_coldef lt = DEF(C_LTEXT, JET_coltypLongText, 0, 0);
    lt.codepage = 1200;
    add_col(lt);
    add_col((esent_coldef)DEF(C_LBIN, JET_coltypLongBinary, 0, ESENT_FFIELD_MULTIVALUED));
    add_col((esent_coldef)DEF(C_TTEXT, JET_coltypText, 255, ESENT_FFIELD_MULTIVALUED));
    add_col((esent_coldef)DEFV(C_TDEF, JET_coltypBinary, 0, 0, (const uint8_t *)"tagdef", 6));
    add_col((esent_coldef)DEF(C_TLONG, JET_coltypLong, 0, ESENT_FFIELD_MULTIVALUED));
    add_col((esent_coldef)DEF(C_TGUID, JET_coltypGUID, 0, 0));
    add_col((esent_coldef)DEF(C_LBIN2000, JET_coltypLongBinary, 2000, 0));
    add_col((esent_coldef)DEF(C_TNORM, JET_coltypText, 255, ESENT_FFIELD_MULTIVALUED));
    add_col((esent_coldef)DEFV(C_TMVDEF, JET_coltypLong, 0, ESENT_FFIELD_MULTIVALUED, d_tmv, 4));
    for (JET_COLTYP t = JET_coltypBit; t <= JET_coltypUnsignedLongLong; t++)
        if (t != 13)
            add_col((esent_coldef)DEF(C_TTYPES + t, t, t == JET_coltypText || t == JET_coltypBinary ? 255 : 0, 0));
    add_col((esent_coldef)DEF(TEMPLATE_COLID, JET_coltypLongText, 0, 0));
    return 0;
}

static int suite_init(void)
{
    build_cols();
    ms_reset();
    if (esent_tabledef_init(&g_td, g_cols, g_ncols, 8192) < 0)
        return 1;
    if (esent_tabledef_init(&g_td4, g_cols, g_ncols, 4096) < 0)
        return 1;
    return esent_tabledef_init(&g_td32, g_cols, g_ncols, 32768) < 0;
}

static int suite_cleanup(void)
{
    esent_tabledef_cleanup(&g_td);
    esent_tabledef_cleanup(&g_td4);
    esent_tabledef_cleanup(&g_td32);
    ms_reset();
    return 0;
}

/* ------------------------------------------------------------------ helpers */

static uint8_t g_rec[65536];
static size_t g_cbrec;

static esent_recbuf *mkbuf_td(const esent_tabledef *td, uint32_t prep, const uint8_t *rec, size_t cb)
{
    esent_recbuf *b = NULL;
    CU_ASSERT_EQUAL_FATAL(esent_recbuf_create(td, &g_store, prep, rec, cb, &b), JET_errSuccess);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    return b;
}

static esent_recbuf *mkbuf(uint32_t prep, const uint8_t *rec, size_t cb)
{
    return mkbuf_td(&g_td, prep, rec, cb);
}

static JET_ERR setc(esent_recbuf *b, JET_COLUMNID id, const void *pv, uint32_t cb, JET_GRBIT grbit, uint32_t itag,
                    uint32_t ib)
{
    JET_SETINFO si = { sizeof si, ib, itag };
    return esent_recbuf_set_column(b, id, pv, cb, grbit, &si);
}

static JET_ERR set32(esent_recbuf *b, JET_COLUMNID id, uint32_t v, uint32_t itag)
{
    uint8_t x[4];
    esent_wr32(x, v);
    return setc(b, id, x, 4, 0, itag, 0);
}

static esent_recview view(const esent_tabledef *td, const uint8_t *rec, size_t cb, const esent_recbuf *b)
{
    esent_recview v = { td, &g_store, rec, cb, b };
    return v;
}

static JET_ERR getv(const esent_recview *v, JET_COLUMNID id, uint32_t itag, uint32_t ib, JET_GRBIT grbit, void *pv,
                    uint32_t cb, uint32_t *pcb)
{
    JET_RETINFO ri = { sizeof ri, ib, itag, 0 };
    return esent_retrieve_column(v, id, pv, cb, pcb, grbit, &ri);
}

/* A 4-byte value; asserts that it is there. */
static uint32_t get32(const esent_recview *v, JET_COLUMNID id, uint32_t itag, JET_GRBIT grbit)
{
    uint8_t x[4] = { 0 };
    uint32_t cb = 99;
    CU_ASSERT_EQUAL(getv(v, id, itag, 0, grbit, x, 4, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 4);
    return esent_rd32(x);
}

/* Number of values (JetRetrieveColumns with itagSequence 0). */
static uint32_t count_of(const esent_recview *v, JET_COLUMNID id, JET_GRBIT grbit)
{
    JET_RETRIEVECOLUMN rc;
    memset(&rc, 0, sizeof rc);
    rc.columnid = id;
    rc.grbit = grbit;
    CU_ASSERT_EQUAL(esent_retrieve_columns(v, &rc, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(rc.err, JET_errSuccess);
    return rc.itagSequence;
}

/* Encodes b into g_rec; asserts success. */
static size_t enc(const esent_recbuf *b)
{
    size_t cb = 0;
    CU_ASSERT_EQUAL_FATAL(esent_recbuf_encode(b, g_rec, sizeof g_rec, &cb), JET_errSuccess);
    g_cbrec = cb;
    return cb;
}

static void fill(uint8_t *p, uint32_t cb, uint32_t seed)
{
    for (uint32_t i = 0; i < cb; i++)
        p[i] = (uint8_t)(seed + i * 7u + (i >> 8));
}

/* A buffer for an insert with the NOT NULL columns set. */
static esent_recbuf *insert_buf(void)
{
    esent_recbuf *b = mkbuf(JET_prepInsert, NULL, 0);
    CU_ASSERT_EQUAL(set32(b, C_NOTNULL, 1, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_VNOTNULL, "x", 1, 0, 1, 0), JET_errSuccess);
    return b;
}

/* ------------------------------------------------------------------ table definitions */

static void test_tabledef(void)
{
    esent_tabledef td;
    CU_ASSERT_EQUAL(g_td.cb_record_max, 8110);
    CU_ASSERT_EQUAL(g_td4.cb_record_max, 4014);
    CU_ASSERT_EQUAL(g_td.cb_lv_intrinsic_max, 1023);
    CU_ASSERT_EQUAL(g_td.iautoinc, C_AUTOINC - 1);
    CU_ASSERT_EQUAL(g_td.iversion, C_VERSION - 1);
    CU_ASSERT_EQUAL(g_td.layout.fidFixedLast, C_FUTEXT);
    /* JET_COLUMNID order: the template column (bit 31) last */
    CU_ASSERT_EQUAL(g_td.cols[g_td.order[g_td.ccols - 1]].columnid, TEMPLATE_COLID);

    esent_coldef ok[2] = { DEF(1, JET_coltypLong, 0, 0), DEF(256, JET_coltypLongText, 0, 0) };
    CU_ASSERT_EQUAL(esent_tabledef_init(NULL, ok, 2, 8192), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_tabledef_init(&td, NULL, 2, 8192), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_tabledef_init(&td, ok, 2, 5000), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_tabledef_init(&td, ok, 2, 8192), JET_errSuccess);
    esent_tabledef_cleanup(&td);
    CU_ASSERT_EQUAL(esent_tabledef_init(&td, NULL, 0, 4096), JET_errSuccess);   /* a table without columns */
    esent_tabledef_cleanup(&td);

    struct { esent_coldef c[2]; uint32_t n; JET_ERR want; } bad[] = {
        { { DEF(256, JET_coltypLong, 0, 0), DEF(1, JET_coltypLong, 0, 0) }, 2, JET_errInvalidParameter },   /* unsorted */
        { { DEF(1, JET_coltypLong, 0, 0), DEF(1, JET_coltypShort, 0, 0) }, 2, JET_errInvalidParameter },    /* duplicate */
        { { DEF(1, JET_coltypNil, 0, 0) }, 1, JET_errInvalidColumnType },
        { { DEF(1, 13, 0, 0) }, 1, JET_errInvalidColumnType },
        { { DEF(256, 99, 0, 0) }, 1, JET_errInvalidColumnType },
        { { DEF(1, JET_coltypLong, 0, ESENT_FFIELD_MULTIVALUED) }, 1, JET_errMultiValuedColumnMustBeTagged },
        { { DEF(128, JET_coltypText, 0, ESENT_FFIELD_MULTIVALUED) }, 1, JET_errMultiValuedColumnMustBeTagged },
        { { DEF(128, JET_coltypLongBinary, 0, 0) }, 1, JET_errInvalidParameter },        /* long values are tagged */
        { { DEF(1, JET_coltypText, 0, 0) }, 1, JET_errInvalidParameter },                /* fixed text needs a size */
        { { DEF(1, JET_coltypLong, 8, 0) }, 1, JET_errInvalidParameter },                /* not the type's size */
        { { DEF(2, JET_coltypLong, 0, 0) }, 1, JET_errInvalidParameter },                /* fixed fid 1 missing */
        { { DEF(1, JET_coltypLong, 0, ESENT_FFIELD_AUTOINCREMENT), DEF(2, JET_coltypLong, 0, ESENT_FFIELD_AUTOINCREMENT) },
          2, JET_errColumnRedundant },
        { { DEF(1, JET_coltypLong, 0, ESENT_FFIELD_VERSION), DEF(2, JET_coltypLong, 0, ESENT_FFIELD_VERSION) },
          2, JET_errColumnRedundant },
        { { DEF(1, JET_coltypShort, 0, ESENT_FFIELD_VERSION) }, 1, JET_errInvalidParameter },
        { { DEF(1, JET_coltypShort, 0, ESENT_FFIELD_AUTOINCREMENT) }, 1, JET_errInvalidParameter },
        { { DEF(256, JET_coltypLong, 0, ESENT_FFIELD_ESCROW_UPDATE) }, 1, JET_errInvalidParameter },
        { { DEFV(1, JET_coltypLong, 0, 0, d_ten8, 8) }, 1, JET_errInvalidParameter },   /* default of another size */
        { { DEFV(128, JET_coltypText, 3, 0, (const uint8_t *)"dflt", 4) }, 1, JET_errDefaultValueTooBig },
        { { DEFV(128, JET_coltypText, 0, 0, NULL, 4) }, 1, JET_errInvalidParameter },
        { { DEF(0x00010001, JET_coltypLong, 0, 0) }, 1, JET_errInvalidParameter },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        JET_ERR err = esent_tabledef_init(&td, bad[i].c, bad[i].n, 8192);
        CU_ASSERT_EQUAL(err, bad[i].want);
        if (err != bad[i].want)
            printf("\n    bad column set %u: %d", (unsigned)i, (int)err);
        CU_ASSERT_PTR_NULL(td.rec_cols);   /* nothing left to clean up */
    }
}

/* ------------------------------------------------------------------ insert, defaults, NOT NULL */

static void test_insert_defaults(void)
{
    ms_reset();
    esent_recbuf *b = mkbuf(JET_prepInsert, NULL, 0);
    esent_recview vb = view(&g_td, NULL, 0, b);
    uint8_t out[64];
    uint32_t cb = 99;

    /* fixed and variable defaults are in the copy buffer; a tagged default applies while absent */
    CU_ASSERT_EQUAL(get32(&vb, C_FDEF, 1, JET_bitRetrieveCopy), 42);
    CU_ASSERT_EQUAL(getv(&vb, C_VDEF, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 4 && memcmp(out, "dflt", 4) == 0);
    CU_ASSERT_EQUAL(getv(&vb, C_TDEF, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 6 && memcmp(out, "tagdef", 6) == 0);
    CU_ASSERT_EQUAL(getv(&vb, C_TDEF, 1, 0, JET_bitRetrieveCopy | JET_bitRetrieveIgnoreDefault, out, sizeof out, &cb),
                    JET_wrnColumnNull);
    CU_ASSERT_EQUAL(cb, 0);
    /* version column starts at 0 (JET_COLUMNDEF docs) */
    CU_ASSERT_EQUAL(get32(&vb, C_VERSION, 1, JET_bitRetrieveCopy), 0);
    /* a column without default is NULL */
    cb = 99;
    CU_ASSERT_EQUAL(getv(&vb, C_LONG, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_wrnColumnNull);
    CU_ASSERT_EQUAL(cb, 0);

    /* NOT NULL columns are checked at update time */
    CU_ASSERT_EQUAL(esent_recbuf_check_update(b), JET_errNullInvalid);
    CU_ASSERT_EQUAL(set32(b, C_NOTNULL, 5, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_recbuf_check_update(b), JET_errNullInvalid);   /* C_VNOTNULL still NULL */
    CU_ASSERT_EQUAL(setc(b, C_VNOTNULL, "v", 1, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_recbuf_check_update(b), JET_errSuccess);
    /* ...and setting them NULL is refused at once */
    CU_ASSERT_EQUAL(setc(b, C_NOTNULL, NULL, 0, 0, 1, 0), JET_errNullInvalid);
    CU_ASSERT_EQUAL(setc(b, C_VNOTNULL, NULL, 0, 0, 1, 0), JET_errNullInvalid);
    CU_ASSERT_EQUAL(get32(&vb, C_NOTNULL, 1, JET_bitRetrieveCopy), 5);

    /* round trip through the record bytes */
    enc(b);
    esent_rec rec;
    CU_ASSERT_EQUAL(esent_rec_parse(g_rec, g_cbrec, &g_td.layout, &rec), JET_errSuccess);
    esent_rec_value rv;
    CU_ASSERT_EQUAL(esent_rec_get_fixed(&rec, C_FDEF, &rv), 1);
    CU_ASSERT(rv.cb == 4 && esent_rd32(rv.pb) == 42);
    CU_ASSERT_EQUAL(esent_rec_find_tagged(&rec, C_TDEF, 0), -1);   /* tagged default not stored */
    esent_recview vr = view(&g_td, g_rec, g_cbrec, NULL);
    CU_ASSERT_EQUAL(get32(&vr, C_NOTNULL, 1, 0), 5);
    CU_ASSERT_EQUAL(get32(&vr, C_FDEF, 1, 0), 42);
    CU_ASSERT_EQUAL(getv(&vr, C_TDEF, 1, 0, 0, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 6);
    /* without a prepared update, JET_bitRetrieveCopy reads the record */
    CU_ASSERT_EQUAL(get32(&vr, C_NOTNULL, 1, JET_bitRetrieveCopy), 5);
    esent_recbuf_free(b);

    /* a record written before columns 17.. existed takes their defaults */
    uint8_t one = 0xFF;
    esent_rec_field f = { C_BIT, 0, &one, 1, 0 };
    size_t cbold;
    CU_ASSERT_EQUAL(esent_rec_encode(&g_td.layout, &f, 1, g_rec, sizeof g_rec, &cbold), JET_errSuccess);
    vr = view(&g_td, g_rec, cbold, NULL);
    CU_ASSERT_EQUAL(get32(&vr, C_FDEF, 1, 0), 42);
    CU_ASSERT_EQUAL(getv(&vr, C_VDEF, 1, 0, 0, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 4);
    b = mkbuf(JET_prepReplace, g_rec, cbold);
    vb = view(&g_td, g_rec, cbold, b);
    CU_ASSERT_EQUAL(get32(&vb, C_FDEF, 1, JET_bitRetrieveCopy), 42);
    uint8_t rec2[512];
    size_t cb2;
    CU_ASSERT_EQUAL(esent_recbuf_encode(b, rec2, sizeof rec2, &cb2), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_rec_parse(rec2, cb2, &g_td.layout, &rec), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_rec_get_fixed(&rec, C_FDEF, &rv), 1);   /* now stored */
    CU_ASSERT(!(rv.flags & ESENT_RECV_NULL) && esent_rd32(rv.pb) == 42);
    esent_recbuf_free(b);
}

/* ------------------------------------------------------------------ every type */

static uint32_t type_size(JET_COLTYP t)
{
    return esent_coltyp_fixed_size(t);
}

static void test_all_types(void)
{
    static const esent_tabledef *tds[] = { &g_td4, &g_td, &g_td32 };
    for (size_t p = 0; p < 3; p++) {
        const esent_tabledef *td = tds[p];
        ms_reset();
        esent_recbuf *b = mkbuf_td(td, JET_prepInsert, NULL, 0);
        uint8_t v[16];
        /* fixed columns 1..13 and tagged 271..288: every fixed-size type, wrong sizes refused */
        for (JET_COLTYP t = JET_coltypBit; t <= JET_coltypUnsignedLongLong; t++) {
            uint32_t size = type_size(t);
            if (size == 0 || t == 13)
                continue;
            fill(v, 16, t);
            for (int tagged = 0; tagged < 2; tagged++) {
                JET_COLUMNID id = tagged ? C_TTYPES + t : (t <= 13 ? t : 0);
                if (!tagged && t > JET_coltypGUID && t != JET_coltypUnsignedShort && t != JET_coltypUnsignedLongLong)
                    continue;
                if (!tagged)
                    id = t == JET_coltypUnsignedShort ? C_USHORT : t == JET_coltypUnsignedLongLong ? C_ULONGLONG :
                         t == JET_coltypUnsignedLong ? C_ULONG : t == JET_coltypLongLong ? C_LONGLONG :
                         t == JET_coltypGUID ? C_GUID : t;
                CU_ASSERT_EQUAL(setc(b, id, v, size + 1, 0, 1, 0), JET_errInvalidBufferSize);
                if (size > 1)
                    CU_ASSERT_EQUAL(setc(b, id, v, size - 1, 0, 1, 0), JET_errInvalidBufferSize);
                CU_ASSERT_EQUAL(setc(b, id, v, size, 0, 1, 0), JET_errSuccess);
            }
        }
        CU_ASSERT_EQUAL(setc(b, C_TTYPES + JET_coltypText, "text", 4, 0, 1, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(setc(b, C_TTYPES + JET_coltypBinary, "\0\1\2", 3, 0, 1, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(setc(b, C_TTYPES + JET_coltypLongText, "long text", 9, 0, 1, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(setc(b, C_TTYPES + JET_coltypLongBinary, "lb", 2, 0, 1, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(setc(b, C_VTEXT, "variable", 8, 0, 1, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(setc(b, TEMPLATE_COLID, "tmpl", 4, 0, 1, 0), JET_errSuccess);

        /* read back from the buffer and from the encoded record */
        size_t cbrec = enc(b);
        esent_recview vs[2] = { view(td, NULL, 0, b), view(td, g_rec, cbrec, NULL) };
        for (int src = 0; src < 2; src++) {
            JET_GRBIT g = src == 0 ? JET_bitRetrieveCopy : 0;
            uint8_t out[32];
            uint32_t cb;
            for (JET_COLTYP t = JET_coltypBit; t <= JET_coltypUnsignedLongLong; t++) {
                uint32_t size = type_size(t);
                if (size == 0 || t == 13)
                    continue;
                fill(v, 16, t);
                if (t == JET_coltypBit)
                    v[0] = v[0] ? 0xFF : 0x00;   /* a Bit is stored as 00 / FF */
                CU_ASSERT_EQUAL(getv(&vs[src], C_TTYPES + t, 1, 0, g, out, sizeof out, &cb), JET_errSuccess);
                CU_ASSERT(cb == size && memcmp(out, v, size) == 0);
            }
            CU_ASSERT_EQUAL(getv(&vs[src], C_TTYPES + JET_coltypText, 1, 0, g, out, sizeof out, &cb), JET_errSuccess);
            CU_ASSERT(cb == 4 && memcmp(out, "text", 4) == 0);
            CU_ASSERT_EQUAL(getv(&vs[src], C_TTYPES + JET_coltypBinary, 1, 0, g, out, sizeof out, &cb), JET_errSuccess);
            CU_ASSERT(cb == 3 && memcmp(out, "\0\1\2", 3) == 0);
            CU_ASSERT_EQUAL(getv(&vs[src], C_TTYPES + JET_coltypLongText, 1, 0, g, out, sizeof out, &cb), JET_errSuccess);
            CU_ASSERT(cb == 9 && memcmp(out, "long text", 9) == 0);
            CU_ASSERT_EQUAL(getv(&vs[src], C_VTEXT, 1, 0, g, out, sizeof out, &cb), JET_errSuccess);
            CU_ASSERT(cb == 8 && memcmp(out, "variable", 8) == 0);
            CU_ASSERT_EQUAL(getv(&vs[src], TEMPLATE_COLID, 1, 0, g, out, sizeof out, &cb), JET_errSuccess);
            CU_ASSERT(cb == 4 && memcmp(out, "tmpl", 4) == 0);
            fill(v, 16, JET_coltypGUID);
            CU_ASSERT_EQUAL(getv(&vs[src], C_GUID, 1, 0, g, out, sizeof out, &cb), JET_errSuccess);
            CU_ASSERT(cb == 16 && memcmp(out, v, 16) == 0);
        }
        /* the template column's values carry fDerived in the record */
        esent_rec rec;
        CU_ASSERT_EQUAL(esent_rec_parse(g_rec, cbrec, &td->layout, &rec), JET_errSuccess);
        CU_ASSERT(esent_rec_find_tagged(&rec, C_TEMPLATE, 1) >= 0);
        CU_ASSERT_EQUAL(esent_rec_find_tagged(&rec, C_TEMPLATE, 0), -1);
        esent_recbuf_free(b);
    }
}

static void test_bit_and_padding(void)
{
    esent_recbuf *b = mkbuf(JET_prepInsert, NULL, 0);
    esent_recview vb = view(&g_td, NULL, 0, b);
    uint8_t out[32];
    uint32_t cb;
    uint8_t one = 1, zero = 0;
    CU_ASSERT_EQUAL(setc(b, C_BIT, &one, 1, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_BIT, 1, 0, JET_bitRetrieveCopy, out, 1, &cb), JET_errSuccess);
    CU_ASSERT(cb == 1 && out[0] == 0xFF);
    CU_ASSERT_EQUAL(setc(b, C_BIT, &zero, 1, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_BIT, 1, 0, JET_bitRetrieveCopy, out, 1, &cb), JET_errSuccess);
    CU_ASSERT(cb == 1 && out[0] == 0x00);

    /* fixed Text/Binary: padded to the column's size; longer is refused */
    CU_ASSERT_EQUAL(setc(b, C_FTEXT, "abc", 3, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_FTEXT, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 10 && memcmp(out, "abc       ", 10) == 0);
    CU_ASSERT_EQUAL(setc(b, C_FTEXT, "0123456789A", 11, 0, 1, 0), JET_errColumnTooBig);
    CU_ASSERT_EQUAL(setc(b, C_FBIN, "\1\2", 2, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_FBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 6 && memcmp(out, "\1\2\0\0\0\0", 6) == 0);
    CU_ASSERT_EQUAL(setc(b, C_FUTEXT, "a\0", 2, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_FUTEXT, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 8 && memcmp(out, "a\0 \0 \0 \0", 8) == 0);

    /* variable and tagged lengths: cut to cbMax with a warning (JetSetColumn docs) */
    uint8_t big[300];
    fill(big, sizeof big, 3);
    CU_ASSERT_EQUAL(setc(b, C_VTEXT, big, 20, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_VTEXT, big + 1, 21, 0, 1, 0), JET_wrnColumnMaxTruncated);
    CU_ASSERT_EQUAL(getv(&vb, C_VTEXT, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 20 && memcmp(out, big + 1, 20) == 0);
    CU_ASSERT_EQUAL(setc(b, C_VBIN, big, 256, 0, 1, 0), JET_wrnColumnMaxTruncated);   /* cbMax 0: 255 */
    CU_ASSERT_EQUAL(getv(&vb, C_VBIN, 1, 0, JET_bitRetrieveCopy, out, 10, &cb), JET_wrnBufferTruncated);
    CU_ASSERT(cb == 255 && memcmp(out, big, 10) == 0);
    CU_ASSERT_EQUAL(setc(b, C_VBIN, big, 255, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_TTEXT, big, 256, 0, 0, 0), JET_wrnColumnMaxTruncated);
    CU_ASSERT_EQUAL(getv(&vb, C_TTEXT, 1, 0, JET_bitRetrieveCopy, NULL, 0, &cb), JET_wrnBufferTruncated);
    CU_ASSERT_EQUAL(cb, 255);
    JET_SETCOLUMN sc = { C_VTEXT, big, 30, 0, 0, 1, 0 };
    CU_ASSERT_EQUAL(esent_recbuf_set_columns(b, &sc, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(sc.err, JET_wrnColumnMaxTruncated);
    esent_recbuf_free(b);
}

static void test_null_and_zero_length(void)
{
    esent_recbuf *b = mkbuf(JET_prepInsert, NULL, 0);
    esent_recview vb = view(&g_td, NULL, 0, b);
    uint8_t out[8];
    uint32_t cb = 77;
    /* zero-length versus NULL on a variable column */
    CU_ASSERT_EQUAL(setc(b, C_VTEXT, "", 0, JET_bitSetZeroLength, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_VTEXT, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 0);
    CU_ASSERT_EQUAL(setc(b, C_VTEXT, "abc", 0, 0, 1, 0), JET_errSuccess);   /* cb 0 = NULL */
    cb = 77;
    CU_ASSERT_EQUAL(getv(&vb, C_VTEXT, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_wrnColumnNull);
    CU_ASSERT_EQUAL(cb, 0);
    CU_ASSERT_EQUAL(setc(b, C_VTEXT, NULL, 5, 0, 1, 0), JET_errSuccess);    /* pv NULL = NULL */
    CU_ASSERT_EQUAL(getv(&vb, C_VTEXT, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_wrnColumnNull);
    /* fixed column: JET_bitSetZeroLength is ignored, the column becomes NULL (JetSetColumn docs) */
    CU_ASSERT_EQUAL(set32(b, C_LONG, 9, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_LONG, NULL, 0, JET_bitSetZeroLength, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LONG, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_wrnColumnNull);
    /* fixed-size type in a tagged column: length 0 */
    CU_ASSERT_EQUAL(setc(b, C_TGUID, NULL, 0, JET_bitSetZeroLength, 1, 0), JET_errSuccess);
    cb = 77;
    CU_ASSERT_EQUAL(getv(&vb, C_TGUID, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 0);
    /* both survive the record bytes */
    CU_ASSERT_EQUAL(setc(b, C_VTEXT, "", 0, JET_bitSetZeroLength, 1, 0), JET_errSuccess);
    size_t cbrec = enc(b);
    esent_recview vr = view(&g_td, g_rec, cbrec, NULL);
    cb = 77;
    CU_ASSERT_EQUAL(getv(&vr, C_VTEXT, 1, 0, 0, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 0);
    CU_ASSERT_EQUAL(getv(&vr, C_TGUID, 1, 0, 0, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vr, C_LONG, 1, 0, 0, out, sizeof out, &cb), JET_wrnColumnNull);
    /* pv NULL: size only */
    CU_ASSERT_EQUAL(set32(b, C_LONG, 9, 1), JET_errSuccess);
    cb = 0;
    CU_ASSERT_EQUAL(getv(&vb, C_LONG, 1, 0, JET_bitRetrieveCopy, NULL, 4, &cb), JET_wrnBufferTruncated);
    CU_ASSERT_EQUAL(cb, 4);
    CU_ASSERT_EQUAL(esent_retrieve_column(&vb, C_LONG, out, 4, NULL, JET_bitRetrieveCopy, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_rd32(out), 9);
    esent_recbuf_free(b);
}

/* ------------------------------------------------------------------ argument errors */

static void test_bad_arguments(void)
{
    esent_recbuf *b = mkbuf(JET_prepInsert, NULL, 0);
    esent_recview vb = view(&g_td, NULL, 0, b);
    uint8_t x[4] = { 1, 2, 3, 4 }, out[4];
    uint32_t cb;
    /* column ids */
    CU_ASSERT_EQUAL(setc(b, 0, x, 4, 0, 1, 0), JET_errBadColumnId);
    CU_ASSERT_EQUAL(setc(b, 0x00010004, x, 4, 0, 1, 0), JET_errBadColumnId);
    CU_ASSERT_EQUAL(setc(b, 0xFFFF, x, 4, 0, 1, 0), JET_errBadColumnId);
    CU_ASSERT_EQUAL(setc(b, 200, x, 4, 0, 1, 0), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(setc(b, 0xFFFE, x, 4, 0, 1, 0), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(setc(b, C_TEMPLATE, x, 4, 0, 1, 0), JET_errColumnNotFound);            /* template bit missing */
    CU_ASSERT_EQUAL(setc(b, ESENT_COLUMNID_TEMPLATE | C_LONG, x, 4, 0, 1, 0), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(getv(&vb, 200, 1, 0, 0, out, 4, &cb), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(getv(&vb, 0x00020000, 1, 0, 0, out, 4, &cb), JET_errBadColumnId);
    /* grbits */
    CU_ASSERT_EQUAL(setc(b, C_LONG, x, 4, 0x2, 1, 0), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(setc(b, C_LONG, x, 4, 0x80000000u, 1, 0), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, x, 4, JET_bitSetUniqueMultiValues | JET_bitSetAppendLV, 1, 0), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(setc(b, C_LONG, x, 4, JET_bitSetCompressed | JET_bitSetUncompressed, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LONG, 1, 0, 0x80000000u, out, 4, &cb), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(getv(&vb, C_LONG, 1, 0, JET_bitRetrieveFromIndex | JET_bitRetrieveFromPrimaryBookmark, out, 4, &cb),
                    JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(getv(&vb, C_LONG, 1, 0, JET_bitRetrieveTuple, out, 4, &cb), JET_errInvalidGrbit);
    /* FromIndex reaching here reads the record (the documented fallback) */
    CU_ASSERT_EQUAL(getv(&vb, C_LONG, 1, 0, JET_bitRetrieveCopy | JET_bitRetrieveFromIndex, out, 4, &cb), JET_errSuccess);
    /* structure sizes and sequences */
    JET_SETINFO si = { sizeof si - 1, 0, 1 };
    CU_ASSERT_EQUAL(esent_recbuf_set_column(b, C_LONG, x, 4, 0, &si), JET_errInvalidParameter);
    JET_RETINFO ri = { sizeof ri - 1, 0, 1, 0 };
    CU_ASSERT_EQUAL(esent_retrieve_column(&vb, C_LONG, out, 4, &cb, 0, &ri), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(getv(&vb, C_LONG, 0, 0, JET_bitRetrieveCopy, out, 4, &cb), JET_errBadItagSequence);
    CU_ASSERT_EQUAL(setc(b, C_LONG, x, 4, 0, 2, 0), JET_errBadItagSequence);
    CU_ASSERT_EQUAL(setc(b, C_LONG, x, 4, 0, 0, 0), JET_errSuccess);        /* 0 = the one value */
    CU_ASSERT_EQUAL(getv(&vb, C_LONG, 2, 0, JET_bitRetrieveCopy, out, 4, &cb), JET_wrnColumnNull);
    /* NULL objects */
    CU_ASSERT_EQUAL(esent_recbuf_set_column(NULL, C_LONG, x, 4, 0, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_recbuf_set_columns(b, NULL, 1), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_recbuf_set_columns(b, NULL, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_retrieve_column(NULL, C_LONG, out, 4, &cb, 0, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_retrieve_columns(&vb, NULL, 1), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_recbuf_check_update(NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_recbuf_encode(NULL, g_rec, 10, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_recbuf_encode(b, NULL, 10, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_recbuf_finish(NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_recbuf_set_autoinc(NULL, 1), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_recbuf_escrow_add(NULL, C_ESCROW, x, 4, NULL, 0, NULL), JET_errInvalidParameter);
    esent_recbuf_free(NULL);
    esent_recbuf *b2 = (esent_recbuf *)&b2;
    CU_ASSERT_EQUAL(esent_recbuf_create(NULL, &g_store, JET_prepInsert, NULL, 0, &b2), JET_errInvalidParameter);
    CU_ASSERT_PTR_NULL(b2);
    CU_ASSERT_EQUAL(esent_recbuf_create(&g_td, &g_store, JET_prepInsert, NULL, 0, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_recbuf_create(&g_td, &g_store, 1, NULL, 0, &b2), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_recbuf_create(&g_td, &g_store, JET_prepReplace, NULL, 0, &b2), JET_errNoCurrentRecord);
    /* no source */
    esent_recview none = view(&g_td, NULL, 0, NULL);
    CU_ASSERT_EQUAL(getv(&none, C_LONG, 1, 0, JET_bitRetrieveCopy, out, 4, &cb), JET_errNoCurrentRecord);
    esent_recbuf_free(b);
}

/* ------------------------------------------------------------------ special columns */

static void test_autoinc_version_escrow(void)
{
    ms_reset();
    uint8_t x[8] = { 5, 0, 0, 0, 0, 0, 0, 0 }, old[8];
    uint32_t cb;
    esent_recbuf *b = insert_buf();
    esent_recview vb = view(&g_td, NULL, 0, b);
    /* auto-increment: never set by JetSetColumn; the caller's value goes in */
    CU_ASSERT_EQUAL(setc(b, C_AUTOINC, x, 4, 0, 1, 0), JET_errInvalidColumnType);
    CU_ASSERT_EQUAL(esent_recbuf_set_autoinc(b, 77), JET_errSuccess);
    CU_ASSERT_EQUAL(get32(&vb, C_AUTOINC, 1, JET_bitRetrieveCopy), 77);
    /* version and escrow columns may be given a first value on insert */
    CU_ASSERT_EQUAL(set32(b, C_VERSION, 10, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(set32(b, C_ESCROW, 100, 1), JET_errSuccess);
    uint8_t d8[8];
    CU_ASSERT_EQUAL(getv(&vb, C_ESCROW64, 1, 0, JET_bitRetrieveCopy, d8, 8, &cb), JET_errSuccess);
    CU_ASSERT(cb == 8 && esent_rdle(d8, 8) == 10);   /* its default */
    size_t cbrec = enc(b);
    esent_recbuf_free(b);
    uint8_t rec[1024];
    memcpy(rec, g_rec, cbrec);

    /* replace: version goes up, none of the three can be set */
    b = mkbuf(JET_prepReplace, rec, cbrec);
    vb = view(&g_td, rec, cbrec, b);
    CU_ASSERT_EQUAL(get32(&vb, C_VERSION, 1, JET_bitRetrieveCopy), 11);
    CU_ASSERT_EQUAL(get32(&vb, C_VERSION, 1, 0), 10);   /* the record itself is unchanged */
    CU_ASSERT_EQUAL(set32(b, C_VERSION, 1, 1), JET_errInvalidColumnType);
    CU_ASSERT_EQUAL(set32(b, C_ESCROW, 1, 1), JET_errInvalidColumnType);
    CU_ASSERT_EQUAL(set32(b, C_AUTOINC, 1, 1), JET_errInvalidColumnType);
    CU_ASSERT_EQUAL(esent_recbuf_set_autoinc(b, 5), JET_errInvalidOperation);
    esent_recbuf_free(b);

    /* escrow update */
    b = mkbuf(ESENT_PREP_ESCROW, rec, cbrec);
    vb = view(&g_td, rec, cbrec, b);
    CU_ASSERT_EQUAL(get32(&vb, C_VERSION, 1, JET_bitRetrieveCopy), 10);   /* no version bump */
    int32_t delta = -30;
    CU_ASSERT_EQUAL(esent_recbuf_escrow_add(b, C_ESCROW, &delta, 4, old, 4, &cb), JET_errSuccess);
    CU_ASSERT(cb == 4 && esent_rd32(old) == 100);
    CU_ASSERT_EQUAL(get32(&vb, C_ESCROW, 1, JET_bitRetrieveCopy), 70);
    delta = -71;
    CU_ASSERT_EQUAL(esent_recbuf_escrow_add(b, C_ESCROW, &delta, 4, NULL, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(get32(&vb, C_ESCROW, 1, JET_bitRetrieveCopy), 0xFFFFFFFFu);   /* wraps to -1 */
    int64_t d64 = -11;
    CU_ASSERT_EQUAL(esent_recbuf_escrow_add(b, C_ESCROW64, &d64, 8, old, 8, &cb), JET_errSuccess);
    CU_ASSERT(cb == 8 && esent_rdle(old, 8) == 10);
    uint8_t v8[8];
    CU_ASSERT_EQUAL(getv(&vb, C_ESCROW64, 1, 0, JET_bitRetrieveCopy, v8, 8, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_rdle(v8, 8), UINT64_MAX);
    CU_ASSERT_EQUAL(getv(&vb, C_ESCROW, 1, 0, JET_bitRetrieveCopy, old, 2, &cb), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(getv(&vb, C_ESCROW, 1, 0, JET_bitRetrieveCopy, NULL, 0, &cb), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(esent_recbuf_escrow_add(b, C_LONG, &delta, 4, NULL, 0, NULL), JET_errInvalidOperation);
    CU_ASSERT_EQUAL(esent_recbuf_escrow_add(b, C_ESCROW, &d64, 8, NULL, 0, NULL), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(esent_recbuf_escrow_add(b, C_ESCROW, &delta, 4, old, 2, &cb), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(esent_recbuf_escrow_add(b, 999, &delta, 4, NULL, 0, NULL), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(esent_recbuf_escrow_add(b, 0, &delta, 4, NULL, 0, NULL), JET_errBadColumnId);
    CU_ASSERT_EQUAL(esent_recbuf_escrow_add(b, C_ESCROW, NULL, 4, NULL, 0, NULL), JET_errInvalidParameter);
    esent_recbuf_free(b);

    /* a table without auto-increment column */
    esent_tabledef td;
    esent_coldef one = DEF(1, JET_coltypLong, 0, 0);
    CU_ASSERT_EQUAL(esent_tabledef_init(&td, &one, 1, 4096), JET_errSuccess);
    b = mkbuf_td(&td, JET_prepInsert, NULL, 0);
    CU_ASSERT_EQUAL(esent_recbuf_set_autoinc(b, 1), JET_errColumnNotFound);
    esent_recbuf_free(b);
    esent_tabledef_cleanup(&td);
}

/* ------------------------------------------------------------------ multi-values */

static void test_multi_values(void)
{
    esent_recbuf *b = mkbuf(JET_prepInsert, NULL, 0);
    esent_recview vb = view(&g_td, NULL, 0, b);
    uint8_t out[8];
    uint32_t cb;
    /* itagSequence 0 appends; past the end appends too (JET_SETINFO / sequencing docs) */
    CU_ASSERT_EQUAL(set32(b, C_TLONG, 10, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(set32(b, C_TLONG, 20, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(set32(b, C_TLONG, 30, 9), JET_errSuccess);
    CU_ASSERT_EQUAL(count_of(&vb, C_TLONG, JET_bitRetrieveCopy), 3);
    CU_ASSERT_EQUAL(get32(&vb, C_TLONG, 3, JET_bitRetrieveCopy), 30);
    /* an existing itagSequence is replaced */
    CU_ASSERT_EQUAL(set32(b, C_TLONG, 21, 2), JET_errSuccess);
    CU_ASSERT_EQUAL(count_of(&vb, C_TLONG, JET_bitRetrieveCopy), 3);
    CU_ASSERT_EQUAL(get32(&vb, C_TLONG, 2, JET_bitRetrieveCopy), 21);
    /* NULL removes that value, the later ones move down */
    CU_ASSERT_EQUAL(setc(b, C_TLONG, NULL, 0, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(count_of(&vb, C_TLONG, JET_bitRetrieveCopy), 2);
    CU_ASSERT_EQUAL(get32(&vb, C_TLONG, 1, JET_bitRetrieveCopy), 21);
    CU_ASSERT_EQUAL(get32(&vb, C_TLONG, 2, JET_bitRetrieveCopy), 30);
    cb = 7;
    CU_ASSERT_EQUAL(getv(&vb, C_TLONG, 3, 0, JET_bitRetrieveCopy, out, 4, &cb), JET_wrnColumnNull);
    CU_ASSERT_EQUAL(cb, 0);
    CU_ASSERT_EQUAL(setc(b, C_TLONG, NULL, 0, 0, 5, 0), JET_errSuccess);   /* nothing there: no-op */
    CU_ASSERT_EQUAL(count_of(&vb, C_TLONG, JET_bitRetrieveCopy), 2);
    /* JET_bitRetrieveTag returns the sequence */
    JET_RETINFO ri = { sizeof ri, 0, 2, 0 };
    CU_ASSERT_EQUAL(esent_retrieve_column(&vb, C_TLONG, out, 4, &cb, JET_bitRetrieveCopy | JET_bitRetrieveTag, &ri),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(ri.itagSequence, 2);
    /* MULTIVALUES and TWOVALUES survive the record */
    CU_ASSERT_EQUAL(set32(b, C_TLONG, 40, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_TTEXT, "one", 3, 0, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_TTEXT, "two", 3, 0, 0, 0), JET_errSuccess);
    size_t cbrec = enc(b);
    esent_recview vr = view(&g_td, g_rec, cbrec, NULL);
    CU_ASSERT_EQUAL(count_of(&vr, C_TLONG, 0), 3);
    CU_ASSERT_EQUAL(get32(&vr, C_TLONG, 3, 0), 40);
    CU_ASSERT_EQUAL(count_of(&vr, C_TTEXT, 0), 2);
    CU_ASSERT_EQUAL(getv(&vr, C_TTEXT, 2, 0, 0, out, 8, &cb), JET_errSuccess);
    CU_ASSERT(cb == 3 && memcmp(out, "two", 3) == 0);
    /* removing every value: no default, so the column is absent again */
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(setc(b, C_TLONG, NULL, 0, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(count_of(&vb, C_TLONG, JET_bitRetrieveCopy), 0);
    cbrec = enc(b);
    esent_rec rec;
    CU_ASSERT_EQUAL(esent_rec_parse(g_rec, cbrec, &g_td.layout, &rec), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_rec_find_tagged(&rec, C_TLONG, 0), -1);

    /* the value accessors for index keys iterate every instance */
    uint32_t n = 0;
    CU_ASSERT_EQUAL(esent_recview_count(&vb, C_TTEXT, JET_bitRetrieveCopy, &n), JET_errSuccess);
    CU_ASSERT_EQUAL(n, 2);
    esent_colvalue cv;
    CU_ASSERT_EQUAL(esent_recview_value(&vb, C_TTEXT, 1, JET_bitRetrieveCopy, &cv), JET_errSuccess);
    CU_ASSERT(cv.cb == 3 && memcmp(cv.pb, "one", 3) == 0 && !cv.separated && !cv.is_default);
    CU_ASSERT_EQUAL(esent_recview_value(&vb, C_TTEXT, 3, JET_bitRetrieveCopy, &cv), JET_wrnColumnNull);
    CU_ASSERT_EQUAL(esent_recview_value(&vb, C_TTEXT, 0, JET_bitRetrieveCopy, &cv), JET_errBadItagSequence);
    CU_ASSERT_EQUAL(esent_recview_value(&vb, C_TDEF, 1, JET_bitRetrieveCopy, &cv), JET_errSuccess);
    CU_ASSERT(cv.is_default && cv.cb == 6);
    CU_ASSERT_EQUAL(esent_recview_value(&vb, C_TDEF, 1, JET_bitRetrieveCopy | JET_bitRetrieveIgnoreDefault, &cv),
                    JET_wrnColumnNull);
    CU_ASSERT_EQUAL(esent_recview_count(&vb, 0, 0, &n), JET_errBadColumnId);
    CU_ASSERT_EQUAL(esent_recview_count(&vb, C_TTEXT, 0, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_recview_value(&vb, C_TTEXT, 1, 0, NULL), JET_errInvalidParameter);
    esent_recbuf_free(b);
}

static void test_unique_values(void)
{
    esent_recbuf *b = mkbuf(JET_prepInsert, NULL, 0);
    esent_recview vb = view(&g_td, NULL, 0, b);
    const JET_GRBIT u = JET_bitSetUniqueMultiValues, un = JET_bitSetUniqueNormalizedMultiValues;
    CU_ASSERT_EQUAL(setc(b, C_TNORM, "abc", 3, u, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_TNORM, "abc", 3, u, 0, 0), JET_errMultiValuedDuplicate);
    CU_ASSERT_EQUAL(setc(b, C_TNORM, "ABC", 3, u, 0, 0), JET_errSuccess);      /* different bytes */
    CU_ASSERT_EQUAL(setc(b, C_TNORM, "Abc", 3, un, 0, 0), JET_errMultiValuedDuplicate);   /* same key */
    CU_ASSERT_EQUAL(setc(b, C_TNORM, "abc", 3, u, 1, 0), JET_errSuccess);      /* replacing itself */
    CU_ASSERT_EQUAL(setc(b, C_TNORM, "abc", 3, u, 2, 0), JET_errMultiValuedDuplicate);
    CU_ASSERT_EQUAL(count_of(&vb, C_TNORM, JET_bitRetrieveCopy), 2);
    /* equal only in the first 254 characters the key keeps */
    uint8_t t1[255], t2[255];
    memset(t1, 'q', sizeof t1);
    memcpy(t2, t1, sizeof t2);
    t2[254] = 'z';
    CU_ASSERT_EQUAL(setc(b, C_TNORM, t1, 255, un, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_TNORM, t2, 255, un, 0, 0), JET_errMultiValuedDuplicateAfterTruncation);
    CU_ASSERT_EQUAL(setc(b, C_TNORM, t2, 255, u, 0, 0), JET_errSuccess);
    /* long values: compared by content, separated ones through the store */
    uint8_t big[3000];
    fill(big, sizeof big, 9);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, sizeof big, u, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, sizeof big, u, 0, 0), JET_errMultiValuedDuplicate);
    big[2999] ^= 1;
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, sizeof big, u, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, 10, u, 1, 5), JET_errInvalidGrbit);   /* partial value */
    esent_recbuf_free(b);
}

/* ------------------------------------------------------------------ tagged defaults, revert */

static void test_tagged_default_and_revert(void)
{
    esent_recbuf *b = insert_buf();
    esent_recview vb = view(&g_td, NULL, 0, b);
    uint8_t out[16];
    uint32_t cb;
    CU_ASSERT_EQUAL(count_of(&vb, C_TDEF, JET_bitRetrieveCopy), 1);
    CU_ASSERT_EQUAL(count_of(&vb, C_TDEF, JET_bitRetrieveCopy | JET_bitRetrieveIgnoreDefault), 0);
    /* explicit NULL overrides the default, and is stored */
    CU_ASSERT_EQUAL(setc(b, C_TDEF, NULL, 0, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_TDEF, 1, 0, JET_bitRetrieveCopy, out, 16, &cb), JET_wrnColumnNull);
    size_t cbrec = enc(b);
    esent_rec rec;
    CU_ASSERT_EQUAL(esent_rec_parse(g_rec, cbrec, &g_td.layout, &rec), JET_errSuccess);
    int t = esent_rec_find_tagged(&rec, C_TDEF, 0);
    CU_ASSERT_FATAL(t >= 0);
    esent_rec_tagged tag;
    esent_rec_tagged_at(&rec, (uint32_t)t, &tag);
    CU_ASSERT(tag.flags & ESENT_RECV_NULL);
    esent_recview vr = view(&g_td, g_rec, cbrec, NULL);
    CU_ASSERT_EQUAL(getv(&vr, C_TDEF, 1, 0, 0, out, 16, &cb), JET_wrnColumnNull);
    /* a value, then the last value removed: explicit NULL again (the column has a default) */
    CU_ASSERT_EQUAL(setc(b, C_TDEF, "v", 1, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_TDEF, NULL, 0, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_TDEF, 1, 0, JET_bitRetrieveCopy, out, 16, &cb), JET_wrnColumnNull);
    /* JET_bitSetRevertToDefaultValue */
    CU_ASSERT_EQUAL(setc(b, C_TDEF, NULL, 0, JET_bitSetRevertToDefaultValue, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_TDEF, 1, 0, JET_bitRetrieveCopy, out, 16, &cb), JET_errSuccess);
    CU_ASSERT(cb == 6 && memcmp(out, "tagdef", 6) == 0);
    CU_ASSERT_EQUAL(set32(b, C_TMVDEF, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(set32(b, C_TMVDEF, 2, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(count_of(&vb, C_TMVDEF, JET_bitRetrieveCopy), 2);
    CU_ASSERT_EQUAL(setc(b, C_TMVDEF, NULL, 0, JET_bitSetRevertToDefaultValue, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(count_of(&vb, C_TMVDEF, JET_bitRetrieveCopy), 1);
    CU_ASSERT_EQUAL(get32(&vb, C_TMVDEF, 1, JET_bitRetrieveCopy), 7);
    /* fixed/variable: the default value again */
    CU_ASSERT_EQUAL(set32(b, C_FDEF, 5, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_FDEF, NULL, 0, JET_bitSetRevertToDefaultValue, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(get32(&vb, C_FDEF, 1, JET_bitRetrieveCopy), 42);
    CU_ASSERT_EQUAL(set32(b, C_LONG, 5, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_LONG, NULL, 0, JET_bitSetRevertToDefaultValue, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LONG, 1, 0, JET_bitRetrieveCopy, out, 16, &cb), JET_wrnColumnNull);
    CU_ASSERT_EQUAL(setc(b, C_NOTNULL, NULL, 0, JET_bitSetRevertToDefaultValue, 1, 0), JET_errNullInvalid);
    esent_recbuf_free(b);

    /* a user-defined default (a JET_USERDEFINEDDEFAULT, computed by a callback) is not a value here */
    static const uint8_t udd[16] = { 1 };
    esent_coldef uc[2] = { DEF(1, JET_coltypLong, 0, 0),
                           { 256, JET_coltypBinary, 0, ESENT_FFIELD_USER_DEFINED_DEFAULT | ESENT_FFIELD_DEFAULT,
                             1252, udd, sizeof udd } };
    esent_tabledef td;
    CU_ASSERT_EQUAL_FATAL(esent_tabledef_init(&td, uc, 2, 4096), JET_errSuccess);
    b = mkbuf_td(&td, JET_prepInsert, NULL, 0);
    esent_recview vu = view(&td, NULL, 0, b);
    CU_ASSERT_EQUAL(getv(&vu, 256, 1, 0, JET_bitRetrieveCopy, out, 16, &cb), JET_wrnColumnNull);
    uint32_t c;
    JET_ENUMCOLUMN *rg;
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vu, 0, NULL, &c, &rg, NULL, NULL, 0, 0), JET_errInvalidParameter);
    esent_recbuf_free(b);
    esent_tabledef_cleanup(&td);
}

/* ------------------------------------------------------------------ long values */

static void test_long_values(void)
{
    ms_reset();
    esent_recbuf *b = insert_buf();
    esent_recview vb = view(&g_td, NULL, 0, b);
    static uint8_t big[9000], out[9000];
    uint32_t cb;
    fill(big, sizeof big, 1);

    /* up to 1023 bytes: in the record; more: in the store */
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, 1023, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(g_ms.creates, 0);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, 1024, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(g_ms.creates, 1);
    CU_ASSERT_EQUAL(ms_live(), 1);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 1024 && memcmp(out, big, 1024) == 0);
    /* back to a small value: intrinsic, the LV released */
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, 100, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(ms_live(), 0);

    /* append: grows past the limit and moves to the store */
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big + 100, 1000, JET_bitSetAppendLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(ms_live(), 1);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 1100 && memcmp(out, big, 1100) == 0);
    unsigned creates = g_ms.creates;
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big + 1100, 900, JET_bitSetAppendLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(g_ms.creates, creates);   /* the buffer's own LV is changed in place */
    CU_ASSERT_EQUAL(g_ms.copies, 0);
    /* partial retrieval */
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 1500, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 500 && memcmp(out, big + 1500, 500) == 0);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 1500, JET_bitRetrieveCopy, out, 10, &cb), JET_wrnBufferTruncated);
    CU_ASSERT_EQUAL(cb, 500);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 5000, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 0);
    /* overwrite inside, overwrite past the end, overwrite + size */
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "XYZ", 3, JET_bitSetOverwriteLV, 1, 10), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 2000 && memcmp(out + 10, "XYZ", 3) == 0 && memcmp(out + 13, big + 13, 1987) == 0);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "XYZ", 3, JET_bitSetOverwriteLV, 1, 2001), JET_errColumnNoChunk);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "XYZ", 3, JET_bitSetOverwriteLV, 1, 1999), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 0, JET_bitRetrieveCopy, NULL, 0, &cb), JET_wrnBufferTruncated);
    CU_ASSERT_EQUAL(cb, 2002);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "QQ", 2, JET_bitSetOverwriteLV | JET_bitSetSizeLV, 1, 1500), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 1502 && memcmp(out + 1500, "QQ", 2) == 0);
    /* size only: extends with zeros (pv is not read), truncates, 0 = NULL */
    CU_ASSERT_EQUAL(setc(b, C_LBIN, NULL, 1600, JET_bitSetSizeLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 1600 && out[1501] == 'Q' && out[1502] == 0 && out[1599] == 0);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, NULL, 20, JET_bitSetSizeLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 20 && memcmp(out + 13, big + 13, 7) == 0);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, NULL, 0, JET_bitSetSizeLV | JET_bitSetZeroLength, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 0);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, NULL, 0, JET_bitSetSizeLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_wrnColumnNull);
    CU_ASSERT_EQUAL(ms_live(), 0);
    /* size on an absent value creates it (ManagedEsent's ColumnStream.SetLength) */
    CU_ASSERT_EQUAL(setc(b, C_LBIN, NULL, 1345, JET_bitSetSizeLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 1345 && out[0] == 0 && out[1344] == 0);
    /* plain set at ibLongValue keeps the bytes before it */
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "tail", 4, 0, 1, 3), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 7 && memcmp(out + 3, "tail", 4) == 0);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "x", 1, 0, 1, 8), JET_errColumnNoChunk);
    /* appending nothing changes nothing; appending to nothing creates the value */
    CU_ASSERT_EQUAL(setc(b, C_LBIN, NULL, 0, JET_bitSetAppendLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(count_of(&vb, C_LBIN, JET_bitRetrieveCopy), 1);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "new", 3, JET_bitSetAppendLV, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(count_of(&vb, C_LBIN, JET_bitRetrieveCopy), 2);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "x", 1, JET_bitSetOverwriteLV, 0, 1), JET_errColumnNoChunk);

    /* forced storage */
    CU_ASSERT_EQUAL(setc(b, C_LTEXT, "abcdef", 6, JET_bitSetSeparateLV, 1, 0), JET_errSuccess);
    esent_colvalue cv;
    CU_ASSERT_EQUAL(esent_recview_value(&vb, C_LTEXT, 1, JET_bitRetrieveCopy, &cv), JET_errSuccess);
    CU_ASSERT(cv.separated && cv.lid != 0);
    CU_ASSERT_EQUAL(setc(b, C_LTEXT, "abcd", 4, JET_bitSetSeparateLV, 1, 0), JET_errSuccess);   /* too small */
    CU_ASSERT_EQUAL(esent_recview_value(&vb, C_LTEXT, 1, JET_bitRetrieveCopy, &cv), JET_errSuccess);
    CU_ASSERT(!cv.separated && cv.cb == 4);
    CU_ASSERT_EQUAL(setc(b, C_LTEXT, big, 1025, JET_bitSetIntrinsicLV, 1, 0), JET_errColumnTooBig);
    CU_ASSERT_EQUAL(setc(b, C_LTEXT, big, 1024, JET_bitSetIntrinsicLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_recview_value(&vb, C_LTEXT, 1, JET_bitRetrieveCopy, &cv), JET_errSuccess);
    CU_ASSERT(!cv.separated && cv.cb == 1024);
    /* cbMax of a long-value column */
    CU_ASSERT_EQUAL(setc(b, C_LBIN2000, big, 2001, 0, 1, 0), JET_errColumnTooBig);
    CU_ASSERT_EQUAL(setc(b, C_LBIN2000, big, 1990, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_LBIN2000, big, 20, JET_bitSetAppendLV, 1, 0), JET_errColumnTooBig);
    CU_ASSERT_EQUAL(setc(b, C_LBIN2000, big, 0x7FFFFFFF, JET_bitSetSizeLV, 1, 0), JET_errColumnTooBig);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, 1, JET_bitSetOverwriteLV, 1, 0xFFFFFFFFu), JET_errColumnNoChunk);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, 0x80000000u, 0, 1, 0), JET_errColumnTooBig);

    /* JET_bitRetrieveLongId: the LID of a separated value, JET_wrnColumnNotInRecord for others */
    uint8_t id[8];
    CU_ASSERT_EQUAL(esent_recview_value(&vb, C_LBIN2000, 1, JET_bitRetrieveCopy, &cv), JET_errSuccess);
    CU_ASSERT_FATAL(cv.separated);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN2000, 1, 0, JET_bitRetrieveCopy | JET_bitRetrieveLongId, id, 8, &cb), JET_errSuccess);
    CU_ASSERT(cb == 8 && esent_rdle(id, 8) == cv.lid);
    CU_ASSERT_EQUAL(getv(&vb, C_LBIN2000, 1, 0, JET_bitRetrieveCopy | JET_bitRetrieveLongId, id, 4, &cb),
                    JET_wrnBufferTruncated);
    CU_ASSERT_EQUAL(cb, 8);
    cb = 99;
    CU_ASSERT_EQUAL(getv(&vb, C_LTEXT, 1, 0, JET_bitRetrieveCopy | JET_bitRetrieveLongId, id, 8, &cb),
                    JET_wrnColumnNotInRecord);
    CU_ASSERT_EQUAL(cb, 0);
    CU_ASSERT_EQUAL(getv(&vb, C_LONG, 1, 0, JET_bitRetrieveCopy | JET_bitRetrieveLongId, id, 8, &cb), JET_wrnColumnNull);

    /* the record round trip keeps separated values as LIDs */
    size_t cbrec = enc(b);
    esent_recview vr = view(&g_td, g_rec, cbrec, NULL);
    CU_ASSERT_EQUAL(getv(&vr, C_LBIN2000, 1, 0, 0, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 1990 && memcmp(out, big, 1990) == 0);
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errSuccess);
    uint32_t live = ms_live();
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(ms_live(), live);   /* handed to the record: nothing released */
    CU_ASSERT_EQUAL(getv(&vr, C_LBIN2000, 1, 0, 0, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 1990);
}

static void test_long_value_sharing(void)
{
    ms_reset();
    static uint8_t big[5000], out[5000], rec[8192];
    uint32_t cb;
    fill(big, sizeof big, 5);
    esent_recbuf *b = insert_buf();
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, 3000, 0, 1, 0), JET_errSuccess);
    size_t cbrec = enc(b);
    memcpy(rec, g_rec, cbrec);
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errSuccess);
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(ms_live(), 1);
    uint64_t lid = 1;
    CU_ASSERT_EQUAL(g_ms.lv[lid].ref, 1);

    /* replace, changed and cancelled: the record's LV is untouched, the copy released */
    b = mkbuf(JET_prepReplace, rec, cbrec);
    esent_recview v = view(&g_td, rec, cbrec, b);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "++", 2, JET_bitSetAppendLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(g_ms.copies, 1);
    CU_ASSERT_EQUAL(getv(&v, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 3002 && memcmp(out + 3000, "++", 2) == 0);
    CU_ASSERT_EQUAL(getv(&v, C_LBIN, 1, 0, 0, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 3000);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "--", 2, JET_bitSetAppendLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(g_ms.copies, 1);   /* copied once, then changed in place */
    CU_ASSERT_EQUAL(ms_live(), 2);
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(ms_live(), 1);
    CU_ASSERT_EQUAL(g_ms.lv[lid].ref, 1);

    /* replace, changed and finished: the old LV goes */
    b = mkbuf(JET_prepReplace, rec, cbrec);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "++", 2, JET_bitSetAppendLV, 1, 0), JET_errSuccess);
    size_t cbnew = enc(b);
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errSuccess);   /* second call: nothing */
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(ms_live(), 1);
    CU_ASSERT_EQUAL(g_ms.lv[lid].ref, 0);
    memcpy(rec, g_rec, cbnew);
    cbrec = cbnew;
    v = view(&g_td, rec, cbrec, NULL);
    CU_ASSERT_EQUAL(getv(&v, C_LBIN, 1, 0, 0, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 3002 && memcmp(out, big, 3000) == 0);

    /* insert-copy shares the LV: one more reference; replace without LV change keeps it */
    esent_colvalue cv;
    CU_ASSERT_EQUAL(esent_recview_value(&v, C_LBIN, 1, 0, &cv), JET_errSuccess);
    CU_ASSERT_FATAL(cv.separated);
    b = mkbuf(JET_prepInsertCopy, rec, cbrec);
    CU_ASSERT_EQUAL(set32(b, C_LONG, 1, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errSuccess);
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(g_ms.lv[cv.lid].ref, 2);
    b = mkbuf(JET_prepReplace, rec, cbrec);
    CU_ASSERT_EQUAL(set32(b, C_LONG, 2, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errSuccess);
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(g_ms.lv[cv.lid].ref, 2);
    /* a replace that drops the value releases one reference */
    b = mkbuf(JET_prepReplace, rec, cbrec);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, NULL, 0, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errSuccess);
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(g_ms.lv[cv.lid].ref, 1);
    /* insert-copy-replace-original moves the references: a dropped value's LV is released */
    CU_ASSERT_EQUAL(g_ms.lv[cv.lid].ref, 1);
    b = mkbuf(JET_prepInsertCopy, rec, cbrec);
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errSuccess);
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(g_ms.lv[cv.lid].ref, 2);
    b = mkbuf(JET_prepInsertCopyReplaceOriginal, rec, cbrec);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "small", 5, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errSuccess);
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(g_ms.lv[cv.lid].ref, 1);
    /* insert-copy-delete-original may not change long values (JetSetColumn docs) */
    b = mkbuf(JET_prepInsertCopyDeleteOriginal, rec, cbrec);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "x", 1, 0, 1, 0), JET_errColumnNotUpdatable);
    CU_ASSERT_EQUAL(set32(b, C_LONG, 3, 1), JET_errSuccess);
    esent_recbuf_free(b);
    /* a failing addref: nothing changes, the call can be repeated */
    b = mkbuf(JET_prepInsertCopy, rec, cbrec);
    g_ms.fail_in = 1;
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errOutOfMemory);
    CU_ASSERT_EQUAL(g_ms.lv[cv.lid].ref, 1);
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errSuccess);
    CU_ASSERT_EQUAL(g_ms.lv[cv.lid].ref, 2);
    esent_recbuf_free(b);
    /* store failures while setting leave the buffer as it was */
    b = mkbuf(JET_prepReplace, rec, cbrec);
    v = view(&g_td, rec, cbrec, b);
    uint32_t before = ms_live();
    g_ms.fail_in = 1;
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "++", 2, JET_bitSetAppendLV, 1, 0), JET_errOutOfMemory);   /* copy fails */
    g_ms.fail_in = 2;
    CU_ASSERT_EQUAL(setc(b, C_LBIN, "++", 2, JET_bitSetAppendLV, 1, 0), JET_errOutOfMemory);   /* write fails */
    g_ms.fail_in = 1;
    CU_ASSERT_EQUAL(setc(b, C_LTEXT, big, 2000, 0, 1, 0), JET_errOutOfMemory);                /* create fails */
    g_ms.fail_in = 0;
    CU_ASSERT_EQUAL(ms_live(), before);
    CU_ASSERT_EQUAL(getv(&v, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 3002);
    CU_ASSERT_EQUAL(getv(&v, C_LTEXT, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_wrnColumnNull);
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(ms_live(), before);
}

/* ------------------------------------------------------------------ record size limit */

static void test_record_too_big(void)
{
    ms_reset();
    static uint8_t v[4000], out[4000];
    uint32_t cb;
    fill(v, sizeof v, 11);
    esent_recbuf *b = mkbuf_td(&g_td4, JET_prepInsert, NULL, 0);
    esent_recview vb = view(&g_td4, NULL, 0, b);
    /* three intrinsic long values of 900 bytes and a forced-intrinsic one, then a fourth 900: the
     * largest movable ones go to the store */
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(setc(b, C_LBIN, v + i, 900, 0, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_LTEXT, v, 1000, JET_bitSetIntrinsicLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(g_ms.creates, 0);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, v + 3, 900, 0, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(g_ms.creates, 1);
    size_t cbrec = 0;
    CU_ASSERT_EQUAL(esent_recbuf_encode(b, g_rec, sizeof g_rec, &cbrec), JET_errSuccess);
    CU_ASSERT(cbrec <= g_td4.cb_record_max);
    for (uint32_t i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(getv(&vb, C_LBIN, i + 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
        CU_ASSERT(cb == 900 && memcmp(out, v + i, 900) == 0);
    }
    esent_colvalue cv;
    CU_ASSERT_EQUAL(esent_recview_value(&vb, C_LTEXT, 1, JET_bitRetrieveCopy, &cv), JET_errSuccess);
    CU_ASSERT(!cv.separated);   /* JET_bitSetIntrinsicLV: never moved */
    /* values that cannot move out: the record fills, then JET_errRecordTooBig with nothing changed */
    JET_ERR err = JET_errSuccess;
    uint32_t n = 0;
    while (n < 40 && (err = setc(b, C_TTEXT, v, 255, 0, 0, 0)) == JET_errSuccess)
        n++;
    CU_ASSERT_EQUAL(err, JET_errRecordTooBig);
    CU_ASSERT(n > 5 && n < 40);
    CU_ASSERT_EQUAL(count_of(&vb, C_TTEXT, JET_bitRetrieveCopy), n);
    CU_ASSERT_EQUAL(esent_recbuf_encode(b, g_rec, sizeof g_rec, &cbrec), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_recbuf_encode(b, g_rec, 10, &cbrec), JET_errRecordTooBig);
    CU_ASSERT(cbrec > 10);
    CU_ASSERT(ms_live() >= 1);
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(ms_live(), 0);   /* every LV was the buffer's: released on cancel */

    /* without a store nothing can move out */
    esent_recbuf *nb = NULL;
    CU_ASSERT_EQUAL_FATAL(esent_recbuf_create(&g_td4, NULL, JET_prepInsert, NULL, 0, &nb), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(nb, C_LBIN, v, 3000, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(nb, C_LBIN, v, 1100, 0, 0, 0), JET_errRecordTooBig);
    CU_ASSERT_EQUAL(setc(nb, C_LBIN, v, 5000, 0, 1, 0), JET_errRecordTooBig);
    CU_ASSERT_EQUAL(setc(nb, C_LBIN, v, 0x7FFFFFFF, JET_bitSetSizeLV, 1, 0), JET_errRecordTooBig);
    esent_recview vn = { &g_td4, NULL, NULL, 0, nb };
    CU_ASSERT_EQUAL(getv(&vn, C_LBIN, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 3000);
    esent_recbuf_free(nb);
}

/* ------------------------------------------------------------------ columnid 0, JetRetrieveColumns */

static void test_all_tagged_and_retrieve_columns(void)
{
    ms_reset();
    esent_recbuf *b = insert_buf();
    CU_ASSERT_EQUAL(setc(b, C_LTEXT, "L", 1, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_TTEXT, "t1", 2, 0, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_TTEXT, "t2", 2, 0, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, TEMPLATE_COLID, "T", 1, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_TDEF, NULL, 0, 0, 1, 0), JET_errSuccess);   /* explicit NULL: no value */
    size_t cbrec = enc(b);
    esent_recview views[2] = { view(&g_td, NULL, 0, b), view(&g_td, g_rec, cbrec, NULL) };
    static const JET_COLUMNID want_col[] = { C_LTEXT, C_TTEXT, C_TTEXT, TEMPLATE_COLID };
    static const uint32_t want_itag[] = { 1, 1, 2, 1 };
    for (int s = 0; s < 2; s++) {
        JET_GRBIT g = s == 0 ? JET_bitRetrieveCopy : 0;
        uint8_t out[8];
        uint32_t cb;
        for (uint32_t i = 0; i < 4; i++) {
            JET_RETINFO ri = { sizeof ri, 0, i + 1, 0 };
            CU_ASSERT_EQUAL(esent_retrieve_column(&views[s], 0, out, sizeof out, &cb, g | JET_bitRetrieveTag, &ri),
                            JET_errSuccess);
            CU_ASSERT_EQUAL(ri.columnidNextTagged, want_col[i]);
            CU_ASSERT_EQUAL(ri.itagSequence, want_itag[i]);
        }
        JET_RETINFO ri = { sizeof ri, 0, 5, 123 };
        CU_ASSERT_EQUAL(esent_retrieve_column(&views[s], 0, out, sizeof out, &cb, g, &ri), JET_wrnColumnNull);
        CU_ASSERT_EQUAL(ri.columnidNextTagged, 0);
        CU_ASSERT_EQUAL(cb, 0);
        CU_ASSERT_EQUAL(count_of(&views[s], 0, g), 4);

        /* JetRetrieveColumns: per-element results; truncation is the call's warning */
        uint8_t b1[4], b2[1], b3[4];
        JET_RETRIEVECOLUMN rc[4];
        memset(rc, 0, sizeof rc);
        rc[0] = (JET_RETRIEVECOLUMN){ C_NOTNULL, b1, 4, 0, g, 0, 1, 0, 0 };
        rc[1] = (JET_RETRIEVECOLUMN){ C_TTEXT, b2, 1, 0, g, 0, 2, 0, 0 };
        rc[2] = (JET_RETRIEVECOLUMN){ C_LONG, b3, 4, 9, g, 0, 1, 0, 0 };
        rc[3] = (JET_RETRIEVECOLUMN){ C_TTEXT, NULL, 0, 0, g, 0, 0, 0, 0 };
        CU_ASSERT_EQUAL(esent_retrieve_columns(&views[s], rc, 4), JET_wrnBufferTruncated);
        CU_ASSERT(rc[0].err == JET_errSuccess && rc[0].cbActual == 4 && esent_rd32(b1) == 1);
        CU_ASSERT(rc[1].err == JET_wrnBufferTruncated && rc[1].cbActual == 2 && b2[0] == 't');
        CU_ASSERT(rc[2].err == JET_wrnColumnNull && rc[2].cbActual == 0);
        CU_ASSERT(rc[3].err == JET_errSuccess && rc[3].itagSequence == 2);
        rc[1].cbData = 0;
        rc[1].pvData = NULL;
        rc[1].columnid = 999;
        rc[3].itagSequence = 0;
        CU_ASSERT_EQUAL(esent_retrieve_columns(&views[s], rc, 4), JET_errColumnNotFound);
        CU_ASSERT_EQUAL(rc[1].err, JET_errColumnNotFound);
        CU_ASSERT_EQUAL(rc[3].itagSequence, 0);   /* stopped before it */
        rc[0].grbit = 0x80000000u;
        CU_ASSERT_EQUAL(esent_retrieve_columns(&views[s], rc, 1), JET_errInvalidGrbit);
        /* columnid 0 through JetRetrieveColumns */
        memset(rc, 0, sizeof rc);
        rc[0] = (JET_RETRIEVECOLUMN){ 0, b1, 4, 0, g | JET_bitRetrieveTag, 0, 3, 0, 0 };
        CU_ASSERT_EQUAL(esent_retrieve_columns(&views[s], rc, 1), JET_errSuccess);
        CU_ASSERT(rc[0].columnidNextTagged == C_TTEXT && rc[0].itagSequence == 2 && rc[0].cbActual == 2);
    }
    esent_recbuf_free(b);

    /* JetSetColumns: per-element results, stops at the first error */
    b = insert_buf();
    uint8_t l4[4] = { 1, 0, 0, 0 };
    JET_SETCOLUMN sc[3] = {
        { C_LONG, l4, 4, 0, 0, 1, 99 },
        { C_SHORT, l4, 4, 0, 0, 1, 99 },
        { C_VTEXT, "x", 1, 0, 0, 1, 99 },
    };
    CU_ASSERT_EQUAL(esent_recbuf_set_columns(b, sc, 3), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(sc[0].err, JET_errSuccess);
    CU_ASSERT_EQUAL(sc[1].err, JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(sc[2].err, 99);
    sc[1].cbData = 2;
    CU_ASSERT_EQUAL(esent_recbuf_set_columns(b, sc, 3), JET_errSuccess);
    CU_ASSERT(sc[1].err == JET_errSuccess && sc[2].err == JET_errSuccess);
    esent_recview vb = view(&g_td, NULL, 0, b);
    uint8_t out[4];
    uint32_t cb;
    CU_ASSERT_EQUAL(getv(&vb, C_VTEXT, 1, 0, JET_bitRetrieveCopy, out, 4, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 1);
    esent_recbuf_free(b);
}

/* ------------------------------------------------------------------ JetEnumerateColumns */

static int g_allocs, g_alloc_fail_in;

static void *JET_API test_realloc(void *ctx, void *pv, uint32_t cb)
{
    (void)ctx;
    if (cb == 0) {
        if (pv != NULL)
            g_allocs--;
        free(pv);
        return NULL;
    }
    if (g_alloc_fail_in > 0 && --g_alloc_fail_in == 0)
        return NULL;
    void *p = realloc(pv, cb);
    if (p != NULL && pv == NULL)
        g_allocs++;
    return p;
}

static void free_enum(uint32_t c, JET_ENUMCOLUMN *rg)
{
    for (uint32_t i = 0; i < c; i++) {
        if (rg[i].err == JET_wrnColumnSingleValue) {
            test_realloc(NULL, rg[i].pvData, 0);
            continue;
        }
        for (uint32_t j = 0; j < rg[i].cEnumColumnValue; j++)
            test_realloc(NULL, rg[i].rgEnumColumnValue[j].pvData, 0);
        test_realloc(NULL, rg[i].rgEnumColumnValue, 0);
    }
    test_realloc(NULL, rg, 0);
}

static const JET_ENUMCOLUMN *find_enum(uint32_t c, const JET_ENUMCOLUMN *rg, JET_COLUMNID id)
{
    for (uint32_t i = 0; i < c; i++)
        if (rg[i].columnid == id)
            return &rg[i];
    return NULL;
}

static void test_enumerate(void)
{
    ms_reset();
    g_allocs = 0;
    static uint8_t big[3000];
    fill(big, sizeof big, 2);
    esent_recbuf *b = insert_buf();
    CU_ASSERT_EQUAL(set32(b, C_LONG, 123, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(set32(b, C_TLONG, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(set32(b, C_TLONG, 2, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, sizeof big, 0, 1, 0), JET_errSuccess);   /* separated */
    CU_ASSERT_EQUAL(setc(b, C_TTEXT, "only", 4, 0, 1, 0), JET_errSuccess);
    size_t cbrec = enc(b);
    esent_recview vr = view(&g_td, g_rec, cbrec, NULL);
    uint32_t c;
    JET_ENUMCOLUMN *rg;
    const JET_ENUMCOLUMN *e;

    /* every column: fixed/variable ones (NULL ones too), tagged ones present or with a default */
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 0, NULL, &c, &rg, test_realloc, NULL, 0xFFFFFFFF, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(c, 22 + 4 + 3 + 2);   /* fixed, variable, present tagged, TDEF and TMVDEF defaults */
    e = find_enum(c, rg, C_LONG);
    CU_ASSERT(e && e->err == JET_errSuccess && e->cEnumColumnValue == 1 && e->rgEnumColumnValue[0].cbData == 4
              && esent_rd32(e->rgEnumColumnValue[0].pvData) == 123 && e->rgEnumColumnValue[0].itagSequence == 1);
    e = find_enum(c, rg, C_SHORT);
    CU_ASSERT(e && e->err == JET_wrnColumnNull && e->cEnumColumnValue == 0);
    e = find_enum(c, rg, C_TLONG);
    CU_ASSERT(e && e->cEnumColumnValue == 2 && esent_rd32(e->rgEnumColumnValue[1].pvData) == 2);
    e = find_enum(c, rg, C_LBIN);
    CU_ASSERT(e && e->cEnumColumnValue == 1 && e->rgEnumColumnValue[0].cbData == 3000
              && memcmp(e->rgEnumColumnValue[0].pvData, big, 3000) == 0);
    e = find_enum(c, rg, C_TDEF);
    CU_ASSERT(e && e->cEnumColumnValue == 1 && e->rgEnumColumnValue[0].cbData == 6);
    CU_ASSERT_PTR_NULL(find_enum(c, rg, C_TGUID));   /* absent, no default */
    for (uint32_t i = 1; i < c; i++)   /* columnid order */
        CU_ASSERT(rg[i - 1].columnid < rg[i].columnid);
    free_enum(c, rg);
    CU_ASSERT_EQUAL(g_allocs, 0);

    /* IgnoreDefault: only the record's own non-NULL values; TaggedOnly; CompressOutput; PresenceOnly */
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 0, NULL, &c, &rg, test_realloc, NULL, 0xFFFFFFFF,
                                            JET_bitEnumerateIgnoreDefault | JET_bitEnumerateTaggedOnly
                                            | JET_bitEnumerateCompressOutput), JET_errSuccess);
    CU_ASSERT_EQUAL(c, 3);
    e = find_enum(c, rg, C_TTEXT);
    CU_ASSERT(e && e->err == JET_wrnColumnSingleValue && e->cbData == 4 && memcmp(e->pvData, "only", 4) == 0);
    e = find_enum(c, rg, C_TLONG);
    CU_ASSERT(e && e->err == JET_errSuccess && e->cEnumColumnValue == 2);
    free_enum(c, rg);
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 0, NULL, &c, &rg, test_realloc, NULL, 0xFFFFFFFF,
                                            JET_bitEnumeratePresenceOnly | JET_bitEnumerateIgnoreDefault), JET_errSuccess);
    e = find_enum(c, rg, C_LBIN);
    CU_ASSERT(e && e->err == JET_wrnColumnPresent && e->cEnumColumnValue == 0);
    CU_ASSERT_PTR_NULL(find_enum(c, rg, C_SHORT));
    free_enum(c, rg);
    CU_ASSERT_EQUAL(g_allocs, 0);

    /* a column list: skipped, bad ids, selected values, truncation, not-in-record, default */
    uint32_t tags[4] = { 2, 0, 3, 1 };
    JET_ENUMCOLUMNID ids[7] = {
        { C_TLONG, 4, tags }, { 0, 0, NULL }, { 999, 0, NULL }, { 0x00020000, 0, NULL },
        { C_LBIN, 0, NULL }, { C_TDEF, 0, NULL }, { C_LONG, 0, NULL },
    };
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 7, ids, &c, &rg, test_realloc, NULL, 100,
                                            JET_bitEnumerateIgnoreDefault | JET_bitEnumerateCompressOutput),
                    JET_errColumnNotFound);
    CU_ASSERT_EQUAL(c, 7);
    CU_ASSERT(rg[0].columnid == C_TLONG && rg[0].cEnumColumnValue == 4);
    CU_ASSERT(rg[0].rgEnumColumnValue[0].err == JET_errSuccess && esent_rd32(rg[0].rgEnumColumnValue[0].pvData) == 2
              && rg[0].rgEnumColumnValue[0].itagSequence == 2);
    CU_ASSERT_EQUAL(rg[0].rgEnumColumnValue[1].err, JET_wrnColumnSkipped);
    CU_ASSERT_EQUAL(rg[0].rgEnumColumnValue[2].err, JET_wrnColumnNull);
    CU_ASSERT_EQUAL(rg[0].rgEnumColumnValue[3].err, JET_errSuccess);
    CU_ASSERT_EQUAL(rg[1].err, JET_wrnColumnSkipped);
    CU_ASSERT(rg[2].err == JET_errColumnNotFound && rg[2].columnid == 999);
    CU_ASSERT_EQUAL(rg[3].err, JET_errBadColumnId);
    CU_ASSERT(rg[4].err == JET_errSuccess && rg[4].cEnumColumnValue == 1
              && rg[4].rgEnumColumnValue[0].err == JET_wrnColumnTruncated && rg[4].rgEnumColumnValue[0].cbData == 100
              && memcmp(rg[4].rgEnumColumnValue[0].pvData, big, 100) == 0);
    CU_ASSERT_EQUAL(rg[5].err, JET_wrnColumnDefault);
    CU_ASSERT(rg[6].err == JET_wrnColumnSingleValue && rg[6].cbData == 4);
    free_enum(c, rg);
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 1, &ids[4], &c, &rg, test_realloc, NULL, 100,
                                            JET_bitEnumerateInRecordOnly), JET_errSuccess);
    CU_ASSERT(c == 1 && rg[0].cEnumColumnValue == 1 && rg[0].rgEnumColumnValue[0].err == JET_wrnColumnNotInRecord
              && rg[0].rgEnumColumnValue[0].pvData == NULL);
    free_enum(c, rg);
    CU_ASSERT_EQUAL(g_allocs, 0);

    /* the update buffer (JET_bitEnumerateCopy) */
    CU_ASSERT_EQUAL(set32(b, C_LONG, 456, 1), JET_errSuccess);
    esent_recview vb = view(&g_td, g_rec, cbrec, b);
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vb, 1, &ids[6], &c, &rg, test_realloc, NULL, 0,
                                            JET_bitEnumerateCopy | JET_bitEnumerateCompressOutput), JET_errSuccess);
    CU_ASSERT(c == 1 && rg[0].err == JET_wrnColumnSingleValue && esent_rd32(rg[0].pvData) == 456);
    free_enum(c, rg);
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vb, 1, &ids[6], &c, &rg, test_realloc, NULL, 0,
                                            JET_bitEnumerateCompressOutput), JET_errSuccess);
    CU_ASSERT(c == 1 && rg[0].err == JET_wrnColumnSingleValue && esent_rd32(rg[0].pvData) == 123);
    free_enum(c, rg);

    /* errors: outputs cleared, nothing leaked */
    c = 5;
    rg = (JET_ENUMCOLUMN *)&c;
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 0, NULL, &c, &rg, NULL, NULL, 0, 0), JET_errInvalidParameter);
    CU_ASSERT(c == 0 && rg == NULL);
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 0, NULL, NULL, &rg, test_realloc, NULL, 0, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 0, NULL, &c, NULL, test_realloc, NULL, 0, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 1, NULL, &c, &rg, test_realloc, NULL, 0, 0), JET_errInvalidParameter);
    JET_ENUMCOLUMNID badtags = { C_TLONG, 2, NULL };
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 1, &badtags, &c, &rg, test_realloc, NULL, 0, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 1, ids, &c, &rg, test_realloc, NULL, 0, JET_bitEnumerateTaggedOnly),
                    JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(esent_enumerate_columns(&vr, 0, NULL, &c, &rg, test_realloc, NULL, 0, 0x00010000), JET_errInvalidGrbit);
    esent_recview none = view(&g_td, NULL, 0, NULL);
    CU_ASSERT_EQUAL(esent_enumerate_columns(&none, 0, NULL, &c, &rg, test_realloc, NULL, 0, 0), JET_errNoCurrentRecord);
    for (int k = 1; k < 40; k++) {   /* the k-th allocation fails */
        g_alloc_fail_in = k;
        JET_ERR err = esent_enumerate_columns(&vr, 0, NULL, &c, &rg, test_realloc, NULL, 0xFFFFFFFF, 0);
        if (err == JET_errSuccess) {
            free_enum(c, rg);
            break;
        }
        CU_ASSERT_EQUAL(err, JET_errOutOfMemory);
        CU_ASSERT(c == 0 && rg == NULL);
        CU_ASSERT_EQUAL(g_allocs, 0);
    }
    g_alloc_fail_in = 0;
    CU_ASSERT_EQUAL(g_allocs, 0);
    esent_recbuf_free(b);
}

/* ------------------------------------------------------------------ JetGetRecordSize */

static void test_record_size(void)
{
    ms_reset();
    static uint8_t big[9000];
    fill(big, sizeof big, 4);
    esent_recbuf *b = mkbuf(JET_prepInsert, NULL, 0);
    CU_ASSERT_EQUAL(set32(b, C_NOTNULL, 1, 1), JET_errSuccess);       /* 4 */
    CU_ASSERT_EQUAL(setc(b, C_VTEXT, "hello", 5, 0, 1, 0), JET_errSuccess);   /* 5 */
    CU_ASSERT_EQUAL(set32(b, C_TLONG, 1, 0), JET_errSuccess);         /* 4 */
    CU_ASSERT_EQUAL(set32(b, C_TLONG, 2, 0), JET_errSuccess);         /* 4, one more value */
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, 9000, 0, 1, 0), JET_errSuccess);     /* separated: 2 chunks of 8110 */
    /* defaults in the insert buffer: C_FDEF (4), C_VDEF (4), C_VERSION (4), C_ESCROW (4), C_ESCROW64 (8) */
    size_t cbrec = enc(b);
    esent_recview v = view(&g_td, g_rec, cbrec, b);
    JET_RECSIZE2 rs;
    memset(&rs, 0xAB, sizeof rs);
    CU_ASSERT_EQUAL(esent_get_record_size(&v, &rs, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(rs.cbData, 4 + 5 + 8 + 4 + 4 + 4 + 4 + 8);
    CU_ASSERT_EQUAL(rs.cbOverhead, cbrec - rs.cbData);
    CU_ASSERT_EQUAL(rs.cNonTaggedColumns, 7);
    CU_ASSERT_EQUAL(rs.cTaggedColumns, 2);
    CU_ASSERT_EQUAL(rs.cMultiValues, 1);
    CU_ASSERT_EQUAL(rs.cLongValues, 1);
    CU_ASSERT_EQUAL(rs.cbLongValueData, 9000);
    CU_ASSERT_EQUAL(rs.cbLongValueOverhead, 12 + 2 * 8);
    CU_ASSERT_EQUAL(rs.cCompressedColumns, 0);
    CU_ASSERT_EQUAL(rs.cbDataCompressed, rs.cbData);
    CU_ASSERT_EQUAL(rs.cbLongValueDataCompressed, 9000);
    JET_RECSIZE2 again = rs;
    CU_ASSERT_EQUAL(esent_get_record_size(&v, &again, JET_bitRecordSizeRunningTotal), JET_errSuccess);
    CU_ASSERT(again.cbData == 2 * rs.cbData && again.cLongValues == 2 && again.cbOverhead == 2 * rs.cbOverhead);
    CU_ASSERT_EQUAL(esent_get_record_size(&v, &again, JET_bitRecordSizeLocal), JET_errSuccess);
    CU_ASSERT(again.cLongValues == 0 && again.cbLongValueData == 0 && again.cbData == rs.cbData);
    CU_ASSERT_EQUAL(esent_get_record_size(&v, &again, JET_bitRecordSizeInCopyBuffer), JET_errSuccess);
    CU_ASSERT_EQUAL(memcmp(&again, &rs, sizeof rs), 0);
    CU_ASSERT_EQUAL(set32(b, C_LONG, 1, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_get_record_size(&v, &again, JET_bitRecordSizeInCopyBuffer), JET_errSuccess);
    CU_ASSERT(again.cbData == rs.cbData + 4 && again.cNonTaggedColumns == 8);
    /* errors leave *precsize alone */
    CU_ASSERT_EQUAL(esent_get_record_size(&v, NULL, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_get_record_size(&v, &again, 0x8), JET_errInvalidGrbit);
    esent_recview norec = view(&g_td, NULL, 0, NULL);
    CU_ASSERT_EQUAL(esent_get_record_size(&norec, &again, 0), JET_errNoCurrentRecord);
    CU_ASSERT_EQUAL(esent_get_record_size(&norec, &again, JET_bitRecordSizeInCopyBuffer), JET_errUpdateNotPrepared);
    uint8_t bad[3] = { 0, 0x7f, 4 };
    esent_recview vbad = view(&g_td, bad, sizeof bad, NULL);
    rs = again;
    CU_ASSERT_EQUAL(esent_get_record_size(&vbad, &again, 0), JET_errDatabaseCorrupted);
    CU_ASSERT_EQUAL(memcmp(&again, &rs, sizeof rs), 0);
    esent_recview nolv = { &g_td, NULL, g_rec, cbrec, NULL };
    CU_ASSERT_EQUAL(esent_get_record_size(&nolv, &again, 0), JET_errLVCorrupted);
    esent_recbuf_free(b);
}

/* ------------------------------------------------------------------ foreign and hostile records */

static void test_foreign_records(void)
{
    ms_reset();
    uint8_t out[64];
    uint32_t cb;
    size_t cbrec;
    /* compressed / encrypted intrinsic values written by Windows: a compressed one reads uncompressed
     * ("hello" in 7-bit ASCII: scheme 1, 3 bits used in the last byte), an encrypted one is refused */
    esent_rec_field f[3] = {
        { C_LTEXT, ESENT_RECV_COMPRESSED, "\x0a\xe8\x32\x9b\xfd\x06", 6, 0 },
        { C_LBIN, ESENT_RECV_ENCRYPTED, "\x01\x02", 2, 0 },
        { C_TLONG, 0, "\1\0\0\0", 4, 0 },
    };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_td.layout, f, 3, g_rec, sizeof g_rec, &cbrec), JET_errSuccess);
    esent_recview vr = view(&g_td, g_rec, cbrec, NULL);
    CU_ASSERT_EQUAL(getv(&vr, C_LTEXT, 1, 0, 0, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 5 && memcmp(out, "hello", 5) == 0);
    JET_RETINFO ri = { sizeof ri, 3, 1, 0 };
    CU_ASSERT_EQUAL(esent_retrieve_column(&vr, C_LTEXT, out, 1, &cb, 0, &ri), JET_wrnBufferTruncated);
    CU_ASSERT(cb == 2 && out[0] == 'l');
    CU_ASSERT_EQUAL(getv(&vr, C_LBIN, 1, 0, 0, out, sizeof out, &cb), JET_errColumnNoEncryptionKey);
    esent_colvalue cv;
    CU_ASSERT_EQUAL(esent_recview_value(&vr, C_LTEXT, 1, 0, &cv), JET_errSuccess);
    CU_ASSERT(cv.cb == 6 && cv.pb[0] == 0x0a && cv.compressed);
    JET_RECSIZE2 rs;
    CU_ASSERT_EQUAL(esent_get_record_size(&vr, &rs, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(rs.cCompressedColumns, 1);
    CU_ASSERT_EQUAL(rs.cbData + 1, rs.cbDataCompressed);   /* 5 bytes of data stored in 6 */
    CU_ASSERT_EQUAL(rs.cbOverhead + rs.cbDataCompressed, cbrec);
    /* a replace keeps them as they are; a change of the compressed value works on it uncompressed */
    esent_recbuf *b = mkbuf(JET_prepReplace, g_rec, cbrec);
    esent_recview vb = view(&g_td, g_rec, cbrec, b);
    CU_ASSERT_EQUAL(setc(b, C_LTEXT, "x", 1, JET_bitSetAppendLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&vb, C_LTEXT, 1, 0, JET_bitRetrieveCopy, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 6 && memcmp(out, "hellox", 6) == 0);
    CU_ASSERT_EQUAL(setc(b, C_LTEXT, "plain", 5, 0, 1, 0), JET_errSuccess);
    uint8_t rec2[256];
    size_t cb2;
    CU_ASSERT_EQUAL(esent_recbuf_encode(b, rec2, sizeof rec2, &cb2), JET_errSuccess);
    esent_recview v2 = view(&g_td, rec2, cb2, NULL);
    CU_ASSERT_EQUAL(getv(&v2, C_LTEXT, 1, 0, 0, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(getv(&v2, C_LBIN, 1, 0, 0, out, sizeof out, &cb), JET_errColumnNoEncryptionKey);
    esent_recbuf_free(b);

    /* damaged compressed data, and schemes this engine cannot decode (Xpress9) */
    esent_rec_field d[2] = { { C_LTEXT, ESENT_RECV_COMPRESSED, "\x08zz", 3, 0 },
                             { C_LBIN, ESENT_RECV_COMPRESSED, "\x28\0\0\0\0", 5, 0 } };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_td.layout, d, 2, g_rec, sizeof g_rec, &cbrec), JET_errSuccess);
    vr = view(&g_td, g_rec, cbrec, NULL);
    CU_ASSERT_EQUAL(getv(&vr, C_LTEXT, 1, 0, 0, out, sizeof out, &cb), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(getv(&vr, C_LBIN, 1, 0, 0, out, sizeof out, &cb), JET_errFeatureNotAvailable);
    CU_ASSERT_EQUAL(esent_get_record_size(&vr, &rs, 0), JET_errDecompressionFailed);

    /* values of a column deleted from the table: dropped by a replace, their LV released */
    uint64_t lid;
    CU_ASSERT_EQUAL(ms_create(NULL, "deleted column", 14, &lid), JET_errSuccess);
    esent_rec_field g[2] = { { 400, ESENT_RECV_SEPARATED | ESENT_RECV_LONGVALUE, NULL, 0, lid },
                             { C_TLONG, 0, "\2\0\0\0", 4, 0 } };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_td.layout, g, 2, g_rec, sizeof g_rec, &cbrec), JET_errSuccess);
    b = mkbuf(JET_prepReplace, g_rec, cbrec);
    vr = view(&g_td, g_rec, cbrec, b);
    CU_ASSERT_EQUAL(count_of(&vr, 0, JET_bitRetrieveCopy), 1);
    CU_ASSERT_EQUAL(esent_recbuf_encode(b, rec2, sizeof rec2, &cb2), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_recbuf_finish(b), JET_errSuccess);
    CU_ASSERT_EQUAL(g_ms.lv[lid].ref, 0);
    esent_recbuf_free(b);

    /* a LID the store does not know */
    esent_rec_field h = { C_LBIN, ESENT_RECV_SEPARATED, NULL, 0, 999 };
    CU_ASSERT_EQUAL(esent_rec_encode(&g_td.layout, &h, 1, g_rec, sizeof g_rec, &cbrec), JET_errSuccess);
    vr = view(&g_td, g_rec, cbrec, NULL);
    CU_ASSERT_EQUAL(getv(&vr, C_LBIN, 1, 0, 0, out, sizeof out, &cb), JET_errLVCorrupted);
    esent_recview nolv = { &g_td, NULL, g_rec, cbrec, NULL };
    CU_ASSERT_EQUAL(getv(&nolv, C_LBIN, 1, 0, 0, out, sizeof out, &cb), JET_errLVCorrupted);
}

/* Every entry point over one record; must never crash whatever the bytes. */
static void touch_everything(const uint8_t *rec, size_t cb)
{
    esent_recview v = view(&g_td, rec, cb, NULL);
    uint8_t out[64];
    uint32_t got, c;
    JET_ENUMCOLUMN *rg;
    JET_RECSIZE2 rs;
    for (uint32_t i = 0; i < g_td.ccols; i++) {
        JET_COLUMNID id = g_td.cols[i].columnid;
        (void)getv(&v, id, 1, 0, 0, out, sizeof out, &got);
        (void)getv(&v, id, 2, 3, 0, out, sizeof out, &got);
    }
    (void)getv(&v, 0, 1, 0, 0, out, sizeof out, &got);
    if (esent_enumerate_columns(&v, 0, NULL, &c, &rg, test_realloc, NULL, 100, 0) >= 0)
        free_enum(c, rg);
    (void)esent_get_record_size(&v, &rs, 0);
    esent_recbuf *b = NULL;
    if (esent_recbuf_create(&g_td, &g_store, JET_prepReplace, rec, cb, &b) >= 0) {
        size_t cbo;
        (void)esent_recbuf_encode(b, g_rec, sizeof g_rec, &cbo);
        esent_recbuf_free(b);
    }
}

static void test_hostile_records(void)
{
    ms_reset();
    static uint8_t big[2000];
    fill(big, sizeof big, 8);
    uint64_t lid;
    CU_ASSERT_EQUAL(ms_create(NULL, big, 1500, &lid), JET_errSuccess);
    esent_recbuf *b = insert_buf();
    CU_ASSERT_EQUAL(setc(b, C_VTEXT, "abc", 3, 0, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(set32(b, C_TLONG, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(set32(b, C_TLONG, 2, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_TTEXT, "t", 1, 0, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, 1500, JET_bitSetSeparateLV, 1, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_LTEXT, big, 100, 0, 1, 0), JET_errSuccess);
    size_t cb = enc(b);
    esent_recbuf_free(b);
    static uint8_t good[1024], bad[1024];
    memcpy(good, g_rec, cb);

    /* malformed: refused with JET_errDatabaseCorrupted */
    uint8_t tiny[3] = { 0, 0x7f, 4 };
    esent_recview v = view(&g_td, tiny, sizeof tiny, NULL);
    uint8_t out[8];
    uint32_t got;
    CU_ASSERT_EQUAL(getv(&v, C_LONG, 1, 0, 0, out, 8, &got), JET_errDatabaseCorrupted);
    CU_ASSERT_EQUAL(esent_recbuf_create(&g_td, &g_store, JET_prepReplace, tiny, sizeof tiny, &b), JET_errDatabaseCorrupted);
    CU_ASSERT_PTR_NULL(b);
    memcpy(bad, good, cb);
    bad[0] = 0x7F;   /* fidFixedLast past the table's */
    v = view(&g_td, bad, cb, NULL);
    CU_ASSERT_EQUAL(getv(&v, C_LONG, 1, 0, 0, out, 8, &got), JET_errDatabaseCorrupted);
    uint32_t c = 1;
    JET_ENUMCOLUMN *rg = NULL;
    CU_ASSERT_EQUAL(esent_enumerate_columns(&v, 0, NULL, &c, &rg, test_realloc, NULL, 0, 0), JET_errDatabaseCorrupted);
    CU_ASSERT(c == 0 && rg == NULL);

    /* truncated at every length, then random byte changes: no crash, no leak */
    g_allocs = 0;
    for (size_t n = 0; n < cb; n++)
        touch_everything(good, n);
    srand(12345);
    for (int round = 0; round < 3000; round++) {
        memcpy(bad, good, cb);
        int flips = 1 + rand() % 4;
        for (int i = 0; i < flips; i++)
            bad[rand() % cb] = (uint8_t)rand();
        touch_everything(bad, cb);
    }
    CU_ASSERT_EQUAL(g_allocs, 0);
    CU_ASSERT_EQUAL(g_ms.lv[lid].ref, 1);   /* cancelled replaces never release the record's LVs */
}

/* ------------------------------------------------------------------ LID64 store */

static JET_ERR ms_create64(void *ctx, const void *pv, uint32_t cb, uint64_t *plid)
{
    JET_ERR err = ms_create(ctx, pv, cb, plid);
    *plid |= ESENT_LID64_FLAG;
    return err;
}

static JET_ERR ms_read64(void *ctx, uint64_t lid, uint32_t ib, void *pv, uint32_t cb, uint32_t *pr, uint32_t *pt)
{
    return ms_read(ctx, lid & ~ESENT_LID64_FLAG, ib, pv, cb, pr, pt);
}

static JET_ERR ms_release64(void *ctx, uint64_t lid)
{
    return ms_release(ctx, lid & ~ESENT_LID64_FLAG);
}

static void test_lid64_store(void)
{
    ms_reset();
    esent_lvstore s64 = g_store;
    s64.lid64 = 1;
    s64.create = ms_create64;
    s64.read = ms_read64;
    s64.release = ms_release64;
    static uint8_t big[2000], out[2000];
    fill(big, sizeof big, 6);
    esent_recbuf *b = NULL;
    CU_ASSERT_EQUAL_FATAL(esent_recbuf_create(&g_td, &s64, JET_prepInsert, NULL, 0, &b), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_LBIN, big, 2000, 0, 1, 0), JET_errSuccess);
    size_t cbrec = enc(b);
    esent_recview v = { &g_td, &s64, g_rec, cbrec, NULL };
    uint32_t cb;
    CU_ASSERT_EQUAL(getv(&v, C_LBIN, 1, 0, 0, out, sizeof out, &cb), JET_errSuccess);
    CU_ASSERT(cb == 2000 && memcmp(out, big, 2000) == 0);
    esent_colvalue cv;
    CU_ASSERT_EQUAL(esent_recview_value(&v, C_LBIN, 1, 0, &cv), JET_errSuccess);
    CU_ASSERT(cv.separated && (cv.lid & ESENT_LID64_FLAG));
    esent_recbuf_free(b);
    CU_ASSERT_EQUAL(ms_live(), 0);
}

/* JetSetColumn accepts a value exactly when the record still fits: the check may skip encoding the record
 * when an upper bound of its size fits, so the bound must never be below the encoded size. One-byte
 * instances of a multi-valued column (3 bytes each: value and offset) fill the record to within 3 bytes
 * of cb_record_max; after every accepted one the record must encode within the limit. */
static void test_record_limit_exact(void)
{
    esent_recbuf *b = mkbuf(JET_prepInsert, NULL, 0);
    esent_recview vb = view(&g_td, NULL, 0, b);
    uint8_t one = 'x';
    /* the last fixed and the last variable column hold values: the bound's fixed and variable parts are exact */
    CU_ASSERT_EQUAL(setc(b, C_FUTEXT, "a\0b\0c\0d\0", 8, 0, 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(setc(b, C_VNOTNULL, "v", 1, 0, 0, 0), JET_errSuccess);
    JET_ERR err = JET_errSuccess;
    uint32_t n = 0, too_big = 0;
    size_t cbrec = 0;
    while (n < 10000 && (err = setc(b, C_TTEXT, &one, 1, 0, 0, 0)) == JET_errSuccess) {
        n++;
        if (esent_recbuf_encode(b, g_rec, sizeof g_rec, &cbrec) != JET_errSuccess)
            too_big++;   /* accepted, but the record is over cb_record_max */
    }
    CU_ASSERT_EQUAL(err, JET_errRecordTooBig);
    CU_ASSERT_EQUAL(too_big, 0);
    CU_ASSERT_EQUAL(count_of(&vb, C_TTEXT, JET_bitRetrieveCopy), n);
    CU_ASSERT_EQUAL(esent_recbuf_encode(b, g_rec, sizeof g_rec, &cbrec), JET_errSuccess);
    CU_ASSERT(cbrec <= g_td.cb_record_max && cbrec + 3 > g_td.cb_record_max);   /* refused only when full */
    esent_recbuf_free(b);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = esent_test_suite("recedit", suite_init, suite_cleanup);
    esent_test_add(s, "table definitions", test_tabledef);
    esent_test_add(s, "insert: defaults, version, NOT NULL", test_insert_defaults);
    esent_test_add(s, "every column type, fixed and tagged, three page sizes", test_all_types);
    esent_test_add(s, "Bit values, fixed Text/Binary padding, lengths", test_bit_and_padding);
    esent_test_add(s, "NULL versus zero-length", test_null_and_zero_length);
    esent_test_add(s, "bad column ids, grbits, structures, NULL pointers", test_bad_arguments);
    esent_test_add(s, "auto-increment, version and escrow columns", test_autoinc_version_escrow);
    esent_test_add(s, "multi-value sequencing", test_multi_values);
    esent_test_add(s, "unique and unique-normalized multi-values", test_unique_values);
    esent_test_add(s, "tagged defaults, explicit NULL, revert to default", test_tagged_default_and_revert);
    esent_test_add(s, "long values: intrinsic/separated, append/overwrite/size", test_long_values);
    esent_test_add(s, "long values: copy-on-write, references, store failures", test_long_value_sharing);
    esent_test_add(s, "record size limit and separation", test_record_too_big);
    esent_test_add(s, "record size limit: accepted exactly while the record fits", test_record_limit_exact);
    esent_test_add(s, "columnid 0, JetRetrieveColumns, JetSetColumns", test_all_tagged_and_retrieve_columns);
    esent_test_add(s, "JetEnumerateColumns", test_enumerate);
    esent_test_add(s, "JetGetRecordSize2", test_record_size);
    esent_test_add(s, "compressed, encrypted, deleted-column and unknown-LID values", test_foreign_records);
    esent_test_add(s, "truncated and corrupted records", test_hostile_records);
    esent_test_add(s, "LID64 store", test_lid64_store);
    return esent_test_run();
}
