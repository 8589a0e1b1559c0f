/* libFuzzer target: the input is a whole database file image in memory, read the way an attach plus a
 * scan of every table reads it, through the file-format layer only (esent/src/format):
 *
 *   1. header: page-size detection and shadow election (dbheader.h), attach/file-type checks, a
 *      decode/encode round trip of the elected copy;
 *   2. every page (physical page >= 2, logical pgno = physical - 1): checksum (checksum.h), page view,
 *      every tag, every node, every key (page.h), the external header / split buffer of root pages;
 *      pages are parsed whether their checksum verifies or not, since the parsers must be safe on
 *      garbage too;
 *   3. leaf nodes: objid 2/3 (MSysObjects and its shadow) as catalog rows (catalog.h); long-value trees as
 *      LV keys and LVROOTs; every other leaf as a record (record.h), parsed with a small synthetic layout
 *      and, when the image's own catalog describes the table, with that table's layout; every fixed,
 *      variable and tagged column and every multi-value instance is read.
 *
 * Each page, and each record, is first copied into a heap block of exactly its size, so AddressSanitizer
 * reports any read outside that page or record (not only outside the input). Every loop is bounded by
 * the page: at most FUZZ_PAGES_MAX pages, 4095 tags per page, and per record only counts that the
 * record parser has validated against the record's size (checked again here).
 *
 * Besides memory safety the target checks a few contracts stated in the format headers (values inside
 * their record, keys that fit the buffer, an encoded catalog row decodes again, ...): a violation aborts
 * with "fuzz_dbfile: invariant violated". Set ESENT_FUZZ_NO_INVARIANTS=1 to look for memory errors only.
 * ESENT_FUZZ_STATS=1 prints, per input, how far it got (to check the harness still reaches the parsers). */
#include "format/catalog.h"
#include "format/checksum.h"
#include "format/dbheader.h"
#include "format/page.h"
#include "format/record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_PAGES_MAX    1024u  /* data pages examined per input (the fuzzer's max_len keeps inputs below) */
#define FUZZ_COLUMNS_MAX  4096u  /* column rows remembered from the catalog */
#define FUZZ_LAYOUTS_MAX  64u    /* table layouts built from them */
#define FUZZ_KEY_MAX      (2u * (ESENT_ND_CB_KEY_MASK + 1u))  /* cbPrefix + cbSuffix, each <= 0x1FFF */
#define FUZZ_CAT_COLS_MAX 64u

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int g_invariants = 1;
static int g_stats;

/* What one input reached (ESENT_FUZZ_STATS=1). */
static struct {
    uint32_t pages, verified, views, nodes, cat_rows, lv_nodes, rec_syn, rec_table, layouts;
} g_st;
static volatile uint32_t g_sink;  /* keeps the reads of touch() */

static void invariant_failed(const char *what, int line)
{
    fprintf(stderr, "fuzz_dbfile: invariant violated: %s (fuzz_dbfile.c:%d)\n", what, line);
    abort();
}
#define CHECK(cond)                                          \
    do {                                                     \
        if (g_invariants && !(cond))                         \
            invariant_failed(#cond, __LINE__);               \
    } while (0)

/* Reads every byte, so that ASan checks the whole range. */
static void touch(const uint8_t *p, size_t cb)
{
    uint32_t s = 0;
    for (size_t i = 0; i < cb; i++)
        s += p[i];
    g_sink += s;
}

/* A heap copy of exactly cb bytes (malloc(0) under ASan: any read of it is reported). */
static uint8_t *dup_exact(const uint8_t *p, size_t cb)
{
    uint8_t *d = malloc(cb);
    if (d == NULL && cb != 0)
        abort();
    if (cb)
        memcpy(d, p, cb);
    return d;
}

/* [p, p+cb) inside [base, base+cb_base). */
static int within(const uint8_t *p, size_t cb, const uint8_t *base, size_t cb_base)
{
    uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;
    return a >= b && a - b <= cb_base && cb <= cb_base - (a - b);
}

/* ------------------------------------------------------------------ state of one input */

typedef struct col_entry {
    uint32_t objid;            /* ObjidTable of the Column row */
    esent_rec_column col;
} col_entry;

typedef struct table_layout {
    uint32_t objid;
    int ok;                    /* esent_rec_layout_init accepted the table's columns */
    esent_rec_layout layout;
} table_layout;

typedef struct fuzz_ctx {
    uint32_t cb_page;
    esent_rec_layout cat_layout;
    esent_rec_column cat_cols[FUZZ_CAT_COLS_MAX];
    int cat_ok;
    esent_rec_layout syn_layout;
    int syn_ok;
    col_entry cols[FUZZ_COLUMNS_MAX];       /* sorted by (objid, fid) after the catalog pass */
    esent_rec_column table_cols[FUZZ_COLUMNS_MAX];  /* cols[i].col, same order: what layouts point to */
    uint32_t ccols;
    table_layout layouts[FUZZ_LAYOUTS_MAX];
    uint32_t clayouts;
} fuzz_ctx;

static fuzz_ctx g_ctx;  /* large: static, reset per input */
static uint8_t g_key[FUZZ_KEY_MAX];
static uint8_t g_cat_out[65536];

/* The synthetic layout for records of tables the image's catalog does not describe: a few fixed columns
 * of the common sizes, three variable columns and tagged columns of each kind (LV, multi-valued). */
static const esent_rec_column k_syn_cols[] = {
    { 1, JET_coltypLong, 0, ESENT_FFIELD_NOT_NULL },
    { 2, JET_coltypUnsignedByte, 0, 0 },
    { 3, JET_coltypLongLong, 0, 0 },
    { 4, JET_coltypGUID, 0, 0 },
    { 128, JET_coltypText, 255, 0 },
    { 129, JET_coltypBinary, 255, 0 },
    { 130, JET_coltypText, 255, 0 },
    { 256, JET_coltypLongText, 0, 0 },
    { 257, JET_coltypLongBinary, 0, ESENT_FFIELD_MULTIVALUED },
    { 258, JET_coltypBinary, 255, ESENT_FFIELD_MULTIVALUED },
    { 300, JET_coltypLong, 0, ESENT_FFIELD_MULTIVALUED },
};

/* ------------------------------------------------------------------ records */

static void check_value(const esent_rec *rec, const esent_rec_value *v)
{
    if (v->pb == NULL) {
        CHECK(v->cb == 0);
        return;
    }
    CHECK(within(v->pb, v->cb, rec->pb, rec->cb));
    touch(v->pb, v->cb);
    if (v->flags & ESENT_RECV_SEPARATED) {
        CHECK(esent_lid_valid(v->lid));
        CHECK(v->cb == esent_lid_size(v->lid));
    }
}

/* Reads every column and every instance of a parsed record. */
static void enumerate_record(const esent_rec *rec)
{
    esent_rec_value v;
    CHECK(rec->fidFixedLast <= ESENT_FID_FIXED_MOST);
    CHECK(rec->fidVarLast >= ESENT_FID_VAR_FIRST - 1 && rec->fidVarLast <= ESENT_FID_VAR_MOST);
    CHECK(rec->ibNullBitmap <= rec->ibVarOffsets && rec->ibVarOffsets <= rec->ibVarData &&
          rec->ibVarData <= rec->ibTagged && rec->ibTagged <= rec->cb);
    CHECK((size_t)rec->ctagfld * 4u <= rec->cb - rec->ibTagged);

    for (uint32_t fid = ESENT_FID_FIXED_FIRST; fid <= rec->fidFixedLast; fid++) {
        CHECK(esent_rec_get_fixed(rec, fid, &v) == 1);
        check_value(rec, &v);
    }
    if (rec->fidFixedLast < ESENT_FID_FIXED_MOST)
        CHECK(esent_rec_get_fixed(rec, rec->fidFixedLast + 1, &v) == 0);
    for (uint32_t fid = ESENT_FID_VAR_FIRST; fid <= rec->fidVarLast; fid++) {
        CHECK(esent_rec_get_var(rec, fid, &v) == 1);
        check_value(rec, &v);
    }
    if (rec->fidVarLast < ESENT_FID_VAR_MOST)
        CHECK(esent_rec_get_var(rec, rec->fidVarLast + 1, &v) == 0);
    CHECK(esent_rec_get_fixed(rec, ESENT_FID_VAR_FIRST, &v) == JET_errBadColumnId);
    CHECK(esent_rec_get_var(rec, ESENT_FID_FIXED_FIRST, &v) == JET_errBadColumnId);

    /* ctagfld is bounded by the record (checked above): at most cb/4 entries. */
    for (uint32_t i = 0; i < rec->ctagfld; i++) {
        esent_rec_tagged t;
        esent_rec_tagged_at(rec, i, &t);
        CHECK(t.fid >= ESENT_FID_TAGGED_FIRST);
        if (t.pb == NULL) {
            CHECK(t.cb == 0);
            continue;
        }
        CHECK(within(t.pb, t.cb, rec->pb, rec->cb));
        touch(t.pb, t.cb);
        CHECK(esent_rec_find_tagged(rec, t.fid, (t.flags & ESENT_RECV_DERIVED) != 0) == (int)i);
        /* Every instance takes at least one offset (2 bytes) or is the single value: the count is
         * bounded by the entry's size. Without the invariant, bound the loop anyway. */
        CHECK(t.cvalues <= t.cb + 1u);
        uint32_t n = t.cvalues <= t.cb + 1u ? t.cvalues : t.cb + 1u;
        for (uint32_t s = 1; s <= n; s++) {
            CHECK(esent_rec_tagged_value(&t, s, &v) == 1);
            check_value(rec, &v);
        }
        CHECK(esent_rec_tagged_value(&t, 0, &v) == 0);
        if (t.cvalues < UINT32_MAX)
            CHECK(esent_rec_tagged_value(&t, t.cvalues + 1, &v) == 0);
    }
}

/* Parses a record (an exact heap copy of it) with a layout and reads all of it. */
static int parse_record(const uint8_t *rec_bytes, size_t cb, const esent_rec_layout *layout)
{
    esent_rec rec;
    if (esent_rec_parse(rec_bytes, cb, layout, &rec) < 0)
        return 0;
    CHECK(rec.pb == rec_bytes && rec.cb == cb);
    enumerate_record(&rec);
    return 1;
}

/* ------------------------------------------------------------------ catalog */

static void check_blob(const esent_cat_blob *b, const uint8_t *pb, size_t cb)
{
    if (!b->fPresent)
        return;
    if (b->pb == NULL) {
        CHECK(b->cb == 0);
        return;
    }
    CHECK(within(b->pb, b->cb, pb, cb));
    touch(b->pb, b->cb);
    if (b->fSeparated)
        CHECK(esent_lid_valid(b->lid));
}

static void catalog_row(fuzz_ctx *c, const uint8_t *data, uint32_t cb_data, uint32_t objid_page)
{
    uint8_t *d = dup_exact(data, cb_data);
    esent_cat_row row;
    parse_record(d, cb_data, &c->cat_layout);
    if (esent_cat_decode(d, cb_data, &c->cat_layout, &row) < 0) {
        free(d);
        return;
    }
    const esent_cat_blob *blobs[] = {
        &row.name, &row.stats, &row.templateTable, &row.defaultValue, &row.keyFldIDs, &row.varSegMac,
        &row.conditionalColumns, &row.tupleLimits, &row.version, &row.sortID, &row.callbackData,
        &row.callbackDependencies, &row.separateLV, &row.spaceHints, &row.spaceDeferredLVHints, &row.localeName,
    };
    for (size_t i = 0; i < sizeof blobs / sizeof blobs[0]; i++)
        check_blob(blobs[i], d, cb_data);
    CHECK(row.name.fPresent);
    g_st.cat_rows++;

    char name[256];
    size_t cb_name = esent_cat_name(&row, name, sizeof name);
    CHECK(cb_name == row.name.cb);
    CHECK(name[cb_name < sizeof name - 1 ? cb_name : sizeof name - 1] == 0);
    CHECK(esent_cat_name(&row, NULL, 0) == cb_name);
    char one[1] = { 'x' };
    (void)esent_cat_name(&row, one, 1);
    CHECK(one[0] == 0);

    switch (row.type) {
    case ESENT_CAT_TYPE_INDEX: {
        esent_cat_idxseg segs[64];
        uint32_t cseg = 0;
        if (esent_cat_key_segments(&row, segs, 64, &cseg) >= 0)
            CHECK(cseg <= 64);
        if (esent_cat_key_segments(&row, segs, 1, &cseg) >= 0)
            CHECK(cseg <= 1);
        break;
    }
    case ESENT_CAT_TYPE_COLUMN: {
        esent_rec_column col;
        esent_cat_row_to_column(&row, &col);
        g_sink += esent_coltyp_fixed_size(col.coltyp) + (uint32_t)esent_coltyp_is_long(col.coltyp);
        /* Remember the columns of MSysObjects (not its shadow, which repeats them) for the table pass. */
        if (objid_page == ESENT_CAT_OBJID_MSO && c->ccols < FUZZ_COLUMNS_MAX) {
            c->cols[c->ccols].objid = row.objidTable;
            c->cols[c->ccols].col = col;
            c->ccols++;
        }
        break;
    }
    default:
        break;
    }

    /* What the decoder read, the encoder must be able to write back, and that must decode again. */
    size_t cb_out = 0;
    if (esent_cat_encode(&row, &c->cat_layout, g_cat_out, sizeof g_cat_out, &cb_out) >= 0) {
        CHECK(cb_out <= sizeof g_cat_out);
        uint8_t *e = dup_exact(g_cat_out, cb_out);
        esent_cat_row row2;
        JET_ERR err = esent_cat_decode(e, cb_out, &c->cat_layout, &row2);
        CHECK(err == JET_errSuccess);
        if (err == JET_errSuccess) {
            CHECK(row2.type == row.type && row2.id == row.id && row2.objidTable == row.objidTable);
            CHECK(row2.name.cb == row.name.cb);
            if (row2.name.cb == row.name.cb && row.name.cb != 0)
                CHECK(memcmp(row2.name.pb, row.name.pb, row.name.cb) == 0);
        }
        free(e);
    }
    free(d);
}

static int cmp_col(const void *a, const void *b)
{
    const col_entry *x = a, *y = b;
    if (x->objid != y->objid)
        return x->objid < y->objid ? -1 : 1;
    uint32_t fx = x->col.columnid & 0xFFFFu, fy = y->col.columnid & 0xFFFFu;
    return fx < fy ? -1 : (fx > fy);
}

/* Sorts the remembered columns by (table, fid) and drops repeated fids. */
static void finish_catalog(fuzz_ctx *c)
{
    qsort(c->cols, c->ccols, sizeof c->cols[0], cmp_col);
    uint32_t n = 0;
    for (uint32_t i = 0; i < c->ccols; i++) {
        if (n > 0 && cmp_col(&c->cols[n - 1], &c->cols[i]) == 0)
            continue;
        c->cols[n++] = c->cols[i];
    }
    c->ccols = n;
    for (uint32_t i = 0; i < n; i++)
        c->table_cols[i] = c->cols[i].col;
}

/* The layout the catalog gives the table whose data tree is objid, or NULL. */
static const esent_rec_layout *table_layout_of(fuzz_ctx *c, uint32_t objid)
{
    for (uint32_t i = 0; i < c->clayouts; i++) {
        if (c->layouts[i].objid == objid)
            return c->layouts[i].ok ? &c->layouts[i].layout : NULL;
    }
    if (c->clayouts == FUZZ_LAYOUTS_MAX)
        return NULL;
    table_layout *t = &c->layouts[c->clayouts++];
    t->objid = objid;
    t->ok = 0;
    uint32_t first = 0;
    while (first < c->ccols && c->cols[first].objid < objid)
        first++;
    uint32_t last = first;
    while (last < c->ccols && c->cols[last].objid == objid)
        last++;
    if (last > first)
        t->ok = esent_rec_layout_init(&t->layout, &c->table_cols[first], last - first, c->cb_page) >= 0;
    g_st.layouts += (uint32_t)t->ok;
    return t->ok ? &t->layout : NULL;
}

/* ------------------------------------------------------------------ pages */

enum { PASS_CATALOG, PASS_TABLES };

static int is_catalog_leaf(const esent_page_view *v)
{
    uint32_t f = v->hdr.flags;
    return (f & ESENT_PAGE_LEAF) && !(f & (ESENT_PAGE_SPACE_TREE | ESENT_PAGE_INDEX | ESENT_PAGE_LONG_VALUE)) &&
           (v->hdr.objid_fdp == ESENT_CAT_OBJID_MSO || v->hdr.objid_fdp == ESENT_CAT_OBJID_MSO_SHADOW);
}

static void check_checksum(const uint8_t *pg, uint32_t cb_page, uint32_t pgno)
{
    esent_page_checksums cs;
    JET_ERR err = esent_page_checksum_verify(pg, cb_page, pgno);
    g_st.verified += err == JET_errSuccess;
    CHECK(err == JET_errSuccess || err == JET_errReadVerifyFailure || err == JET_errPageNotInitialized);
    CHECK(esent_page_checksum_compute(pg, cb_page, pgno, &cs) == 1);
    if (err == JET_errSuccess)
        CHECK(memcmp(cs.stored, cs.computed, sizeof cs.stored) == 0);
    else
        CHECK(memcmp(cs.stored, cs.computed, sizeof cs.stored) != 0);
}

/* Tag 0 of a root page: the external header; of a space-tree root: the split buffer. */
static void root_tag0(const esent_page_view *v)
{
    const uint8_t *p0;
    uint32_t cb0, f0;
    if (esent_page_tag(v, 0, &p0, &cb0, &f0) < 0)
        return;
    uint8_t *t = dup_exact(p0, cb0);
    esent_ext_header eh;
    if (esent_ext_header_decode(t, cb0, &eh) >= 0)
        g_sink += eh.fields + eh.sph.cpg_primary + (uint32_t)eh.autoinc_max;
    if (v->hdr.flags & ESENT_PAGE_SPACE_TREE) {
        esent_split_buffer sb;
        if (esent_split_buffer_decode(t, cb0, &sb) >= 0)
            g_sink += sb.pgno_last[0] + (uint32_t)sb.cpg[1];
    }
    free(t);
}

/* The key of a node into g_key, and the contract of esent_node_key with a buffer too small. */
static uint32_t node_key(const esent_node *n)
{
    uint32_t cb_key = 0, cb_small = 0;
    JET_ERR err = esent_node_key(n, g_key, sizeof g_key, &cb_key);
    CHECK(err == JET_errSuccess && cb_key == n->cb_prefix + n->cb_suffix);
    if (err < 0)
        return 0;
    uint8_t small[8];
    memset(small, 0xA5, sizeof small);
    err = esent_node_key(n, small, sizeof small, &cb_small);
    CHECK(cb_small == cb_key);
    if (cb_key > sizeof small) {
        static const uint8_t untouched[8] = { 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5 };
        CHECK(err == JET_errBufferTooSmall && memcmp(small, untouched, sizeof small) == 0);
    } else {
        CHECK(err == JET_errSuccess && (cb_key == 0 || memcmp(small, g_key, cb_key) == 0));
    }
    return cb_key;
}

static void leaf_node(fuzz_ctx *c, const esent_page_view *v, const esent_node *n, uint32_t cb_key)
{
    uint32_t f = v->hdr.flags;
    if (f & ESENT_PAGE_LONG_VALUE) {
        uint64_t lid;
        int root;
        uint32_t ib;
        if (esent_lv_key_decode(g_key, cb_key, &lid, &root, &ib) >= 0) {
            g_st.lv_nodes++;
            CHECK(esent_lid_valid(lid));
            if (root) {
                uint8_t *d = dup_exact(n->data, n->cb_data);
                esent_lvroot r;
                if (esent_lvroot_decode(d, n->cb_data, &r) >= 0)
                    g_sink += r.ulReference + r.ulSize;
                free(d);
            }
        }
        return;
    }
    if (f & (ESENT_PAGE_SPACE_TREE | ESENT_PAGE_INDEX))
        return;   /* space trees: extents; secondary indexes: the primary key (both read as bytes above) */
    if (is_catalog_leaf(v)) {
        if (c->cat_ok)
            catalog_row(c, n->data, n->cb_data, v->hdr.objid_fdp);
        return;
    }
    uint8_t *d = dup_exact(n->data, n->cb_data);
    if (c->syn_ok)
        g_st.rec_syn += (uint32_t)parse_record(d, n->cb_data, &c->syn_layout);
    const esent_rec_layout *l = table_layout_of(c, v->hdr.objid_fdp);
    if (l != NULL)
        g_st.rec_table += (uint32_t)parse_record(d, n->cb_data, l);
    free(d);
}

/* One page (an exact heap copy), in the pass its kind belongs to: catalog leaves first (they give the
 * table layouts), everything else after. */
static void scan_page(fuzz_ctx *c, const uint8_t *pg, int pass)
{
    const uint32_t cb_page = c->cb_page;
    esent_page_view v;
    if (esent_page_view_init(&v, pg, cb_page) < 0)
        return;
    if ((pass == PASS_CATALOG) != is_catalog_leaf(&v))
        return;
    g_st.views++;
    CHECK(v.ctag <= ESENT_ITAG_MAX && v.cb_header + ESENT_TAG_SIZE * v.ctag <= cb_page);
    CHECK(v.cb_data_max == cb_page - v.cb_header - ESENT_TAG_SIZE * v.ctag);
    const uint8_t *data_area = pg + v.cb_header;

    /* Every tag (ctag <= 4095). */
    for (uint32_t itag = 0; itag < v.ctag; itag++) {
        const uint8_t *pb;
        uint32_t cb, ff;
        if (esent_page_tag(&v, itag, &pb, &cb, &ff) < 0)
            continue;
        CHECK(within(pb, cb, data_area, v.cb_data_max));
        CHECK(ff <= 7u);
        touch(pb, cb);
    }
    if (v.hdr.flags & ESENT_PAGE_ROOT)
        root_tag0(&v);

    /* Every node, its key, and (leaves) its data. */
    esent_node n;
    CHECK(esent_page_node(&v, 0, &n) == JET_errInvalidParameter);
    CHECK(esent_page_node(&v, v.ctag, &n) < 0);
    for (uint32_t itag = 1; itag < v.ctag; itag++) {
        if (esent_page_node(&v, itag, &n) < 0)
            continue;
        g_st.nodes++;
        CHECK(n.cb_prefix <= ESENT_ND_CB_KEY_MASK && n.cb_suffix <= ESENT_ND_CB_KEY_MASK);
        CHECK(n.cb_prefix == 0 || within(n.prefix, n.cb_prefix, data_area, v.cb_data_max));
        CHECK(within(n.suffix, n.cb_suffix, data_area, v.cb_data_max));
        CHECK(within(n.data, n.cb_data, data_area, v.cb_data_max));
        uint32_t cb_key = node_key(&n);
        if (v.hdr.flags & ESENT_PAGE_LEAF)
            leaf_node(c, &v, &n, cb_key);
        else
            touch(n.data, n.cb_data);   /* internal node: the child's pgno */
    }
}

/* ------------------------------------------------------------------ header */

/* The elected copy decodes and encodes back to the same 744 bytes (the checksum aside). */
static void header_round_trip(const esent_dbheader *h, const uint8_t *copy, uint32_t cb_page)
{
    uint8_t *out = malloc(cb_page);
    if (out == NULL)
        abort();
    CHECK(esent_dbheader_encode_all(h, out, cb_page) == JET_errSuccess);
    CHECK(memcmp(out + 4, copy + 4, ESENT_DBHDR_SIZE - 4) == 0);
    CHECK(esent_header_checksum_verify(out, cb_page) == JET_errSuccess);
    /* The interoperable encoding refuses fields past offset 672 only when they are set. */
    JET_ERR err = esent_dbheader_encode(h, out, cb_page);
    CHECK(err == JET_errSuccess || err == JET_errInvalidParameter);
    free(out);
}

/* Page size of the image: the header's when a copy is valid, else what the primary's page-size field
 * says when that is a supported size, else 4096 (so that page parsing is fuzzed even when a mutation
 * broke the header checksum). */
static uint32_t read_header(const uint8_t *data, uint32_t cb)
{
    esent_dbheader h;
    esent_dbhdr_status st = ESENT_DBHDR_OK;
    uint32_t cb_page = 0;
    (void)esent_dbheader_decode(data, cb, &h);
    JET_ERR err = esent_dbheader_read_file_start(data, cb, 0, &h, &cb_page, &st);
    if (err < 0) {
        CHECK(err == JET_errReadVerifyFailure);
        err = esent_dbheader_unreadable_error(data, cb);
        CHECK(err == JET_errDatabaseCorrupted || err == JET_errDatabase500Format ||
              err == JET_errInvalidDatabaseVersion);
        uint32_t declared = cb >= ESENT_DBHDR_PAGE_SIZE_OFFSET + 4
            ? (uint32_t)data[236] | (uint32_t)data[237] << 8 | (uint32_t)data[238] << 16 | (uint32_t)data[239] << 24
            : 0;
        return esent_checksum_page_size_ok(declared) ? declared : ESENT_DBHDR_CB_PAGE_DEFAULT;
    }
    CHECK(esent_checksum_page_size_ok(cb_page));
    CHECK(esent_dbheader_page_size(&h) == cb_page);
    CHECK(st == ESENT_DBHDR_OK || st == ESENT_DBHDR_PRIMARY_BAD || st == ESENT_DBHDR_SECONDARY_BAD);
    (void)esent_dbheader_check_attach(&h, 0);
    (void)esent_dbheader_check_attach(&h, cb_page);
    (void)esent_dbheader_check_file_type(&h);

    /* The same election over exact copies of the two pages (the shadow may be absent). */
    uint8_t *p0 = cb >= cb_page ? dup_exact(data, cb_page) : NULL;
    uint8_t *p1 = cb / 2 >= cb_page ? dup_exact(data + cb_page, cb_page) : NULL;
    esent_dbheader h2;
    esent_dbhdr_status st2;
    err = esent_dbheader_read_pair(p0, p1, cb_page, &h2, &st2);
    CHECK(err == JET_errSuccess);
    (void)esent_dbheader_read_pair(p0, NULL, cb_page, &h2, NULL);
    (void)esent_dbheader_read_pair(NULL, p1, cb_page, &h2, NULL);
    if (p0 != NULL)
        (void)esent_header_checksum_verify(p0, cb_page);
    if (p1 != NULL)
        (void)esent_header_checksum_verify(p1, cb_page);
    const uint8_t *elected = st == ESENT_DBHDR_PRIMARY_BAD ? p1 : p0;
    if (elected != NULL)
        header_round_trip(&h, elected, cb_page);
    free(p0);
    free(p1);
    return cb_page;
}

/* ------------------------------------------------------------------ entry points */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *e = getenv("ESENT_FUZZ_NO_INVARIANTS");
    if (e != NULL && *e != 0 && *e != '0')
        g_invariants = 0;
    e = getenv("ESENT_FUZZ_STATS");
    g_stats = e != NULL && *e != 0 && *e != '0';
    if (esent_cat_ccoldefs > FUZZ_CAT_COLS_MAX)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_ctx *c = &g_ctx;
    memset(&g_st, 0, sizeof g_st);
    uint32_t cb = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
    c->cb_page = read_header(data, cb);
    c->ccols = 0;
    c->clayouts = 0;
    c->cat_ok = esent_cat_layout(&c->cat_layout, c->cat_cols, c->cb_page) >= 0;
    CHECK(c->cat_ok);
    c->syn_ok = esent_rec_layout_init(&c->syn_layout, k_syn_cols, sizeof k_syn_cols / sizeof k_syn_cols[0],
                                      c->cb_page) >= 0;
    CHECK(c->syn_ok);

    /* Physical pages 0 and 1 are the header pair; page i >= 2 is logical page i - 1. */
    uint32_t cpages = cb / c->cb_page;
    if (cpages <= 2)
        return 0;
    uint32_t cdata = cpages - 2 < FUZZ_PAGES_MAX ? cpages - 2 : FUZZ_PAGES_MAX;
    g_st.pages = cdata;
    uint8_t **pages = calloc(cdata, sizeof *pages);
    if (pages == NULL)
        abort();
    for (uint32_t i = 0; i < cdata; i++) {
        pages[i] = dup_exact(data + (size_t)(i + 2) * c->cb_page, c->cb_page);
        check_checksum(pages[i], c->cb_page, i + 1);
    }
    for (uint32_t i = 0; i < cdata; i++)
        scan_page(c, pages[i], PASS_CATALOG);
    finish_catalog(c);
    for (uint32_t i = 0; i < cdata; i++)
        scan_page(c, pages[i], PASS_TABLES);
    for (uint32_t i = 0; i < cdata; i++)
        free(pages[i]);
    free(pages);
    if (g_stats)
        fprintf(stderr, "fuzz_dbfile: %zu bytes, page %u: %u pages (%u verify), %u views, %u nodes, %u catalog rows, "
                "%u table layouts, records %u (synthetic layout) %u (catalog layout), %u LV nodes\n",
                size, c->cb_page, g_st.pages, g_st.verified, g_st.views, g_st.nodes, g_st.cat_rows, g_st.layouts,
                g_st.rec_syn, g_st.rec_table, g_st.lv_nodes);
    return 0;
}
