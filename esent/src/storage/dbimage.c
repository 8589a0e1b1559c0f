/* The initial image of a new database: see dbimage.h and ese-format.md §7.4/§7.5.
 * Built in four steps: validate the options and encode the user records; generate the catalog rows once
 * to learn how many leaf pages each tree needs; place every tree (page plan); generate the rows again with
 * the final page numbers and write every page, then the two header copies. */
#include "api/api.h"

#include "storage/dbimage.h"

#include "format/bytes.h"
#include "format/catalog.h"
#include "format/checksum.h"
#include "format/dbheader.h"
#include "format/key.h"
#include "format/page.h"
#include "format/record.h"

#include <stdlib.h>
#include <string.h>

#define PGNO_DBROOT       1u
#define PGNO_MSO_NAME     7u
#define PGNO_MSO_ROOTOBJ  10u
#define PGNO_MSO_LEAF1    13u   /* first MSysObjects spill page */
#define PGNO_MSO_LAST     23u   /* MSysObjects owns 4..23 (cpgMSOInitial = 20) */
#define CPG_MSO           20u
#define CPG_SHADOW_MIN    5u    /* CpgCATShadowInitial for 4/8 KiB pages */
#define OBJID_DBROOT      1u
#define OBJID_MSO_NAME    4u
#define OBJID_MSO_ROOTOBJ 5u
#define OBJID_USER_FIRST  6u
#define DENSITY_SYSTEM    100u
#define DENSITY_USER      80u
#define CP_DEFAULT        1252u
#define TABLES_MOST       16u
#define COLUMNS_MOST      64u
#define NAME_MOST         64u
#define SINGLE_EXTENT_MOST 32u  /* pages a single-extent SPACE_HEADER's rgbitAvail can describe */

/* JET_bitObjectSystem | JET_bitObjectTableFixedDDL: the Flags of the catalog's own table rows. */
#define TABLE_FLAGS_SYSTEM 0xC0000000u
/* IDBFLAG (low u16) of the catalog indexes, with IDXFLAG ExtendedColumns in the high u16:
 * Id = Unique|AllowAllNulls|AllowFirstNull|AllowSomeNulls|NoNullSeg|Primary, Name = the same without
 * Primary, RootObjects = Unique|AllowAllNulls|AllowSomeNulls (IgnoreFirstNull). */
#define IDB_UNIQUE          0x0001u
#define IDB_ALLOW_ALL_NULLS 0x0002u
#define IDB_ALLOW_FIRST_NULL 0x0004u
#define IDB_ALLOW_SOME_NULLS 0x0008u
#define IDB_NO_NULL_SEG     0x0010u
#define IDB_PRIMARY         0x0020u
#define IDX_FLAGS(idb)      ((uint32_t)(idb) | ((uint32_t)ESENT_IDXFLAG_EXTENDED_COLUMNS << 16))
#define LCMAP_FLAGS_DEFAULT 0x00030401u
static const uint8_t k_locale_en_us[10] = { 'e', 0, 'n', 0, '-', 0, 'U', 0, 'S', 0 };

/* Flags every page gets (§2.3). */
#define PAGE_FLAGS_BASE (ESENT_PAGE_NEW_RECORD_FORMAT | ESENT_PAGE_NEW_CHECKSUM)

/* ------------------------------------------------------------------------------------------ nodes */

/* One leaf node to be written: key and data, both owned by the node list. */
typedef struct node {
    uint8_t *key;
    uint32_t cbkey;
    uint8_t *data;
    uint32_t cbdata;
} node;

typedef struct node_list {
    node *v;
    uint32_t n, cap;
} node_list;

static void nodes_free(node_list *l)
{
    for (uint32_t i = 0; i < l->n; i++) {
        free(l->v[i].key);
        free(l->v[i].data);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static JET_ERR nodes_add(node_list *l, const uint8_t *key, uint32_t cbkey, const uint8_t *data, uint32_t cbdata)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? 2 * l->cap : 64;
        node *v = realloc(l->v, cap * sizeof *v);
        if (v == NULL)
            return JET_errOutOfMemory;
        l->v = v;
        l->cap = cap;
    }
    node *nd = &l->v[l->n];
    nd->key = malloc(cbkey ? cbkey : 1);
    nd->data = malloc(cbdata ? cbdata : 1);
    if (nd->key == NULL || nd->data == NULL) {
        free(nd->key);
        free(nd->data);
        return JET_errOutOfMemory;
    }
    memcpy(nd->key, key, cbkey);
    memcpy(nd->data, data, cbdata);
    nd->cbkey = cbkey;
    nd->cbdata = cbdata;
    l->n++;
    return JET_errSuccess;
}

static int node_cmp(const void *a, const void *b)
{
    const node *x = a, *y = b;
    return esent_key_compare(x->key, x->cbkey, y->key, y->cbkey);
}

/* 1 when the keys are strictly ascending (no duplicate: every tree here is unique). */
static int nodes_ascending(const node_list *l)
{
    for (uint32_t i = 1; i < l->n; i++)
        if (esent_key_compare(l->v[i - 1].key, l->v[i - 1].cbkey, l->v[i].key, l->v[i].cbkey) >= 0)
            return 0;
    return 1;
}

/* ------------------------------------------------------------------------------------ tree shape */

static uint32_t cb_header_of(uint32_t cb_page)
{
    return cb_page > ESENT_PAGE_SMALL_MAX ? ESENT_PGHDR2_SIZE : ESENT_PGHDR_SIZE;
}

/* Bytes a node takes on a page, its tag included. */
static uint32_t node_cost(uint32_t cbkey, uint32_t cbdata)
{
    return esent_node_size(0, cbkey, cbdata) + ESENT_TAG_SIZE;
}

/* Room for nodes on a page whose tag 0 holds cbtag0 bytes. */
static uint32_t page_room(uint32_t cb_page, uint32_t cbtag0)
{
    return cb_page - cb_header_of(cb_page) - ESENT_TAG_SIZE - cbtag0;
}

/* How a tree's nodes are laid out: nleaves == 0 means the root is the only (leaf) page; otherwise
 * leaf i holds nodes [first[i], first[i+1]) and the root is an internal page over the leaves. */
#define LEAVES_MOST 64u
typedef struct tree_shape {
    uint32_t nleaves;
    uint32_t first[LEAVES_MOST + 1];
} tree_shape;

/* Fills the pages greedily in key order. JET_errRecordTooBig when one node cannot fit on an empty page
 * (or a key exceeds the node format), JET_errFeatureNotAvailable when more than nleaves_most leaves, or an
 * internal root that does not fit, would be needed. */
static JET_ERR tree_plan(const node_list *l, uint32_t cb_page, uint32_t cbtag0_root, uint32_t nleaves_most,
                         tree_shape *shape)
{
    uint32_t total = 0, room_leaf = page_room(cb_page, 0);
    for (uint32_t i = 0; i < l->n; i++) {
        uint32_t c = node_cost(l->v[i].cbkey, l->v[i].cbdata);
        if (l->v[i].cbkey > ESENT_ND_CB_KEY_MASK || c > room_leaf)
            return JET_errRecordTooBig;
        total += c;
    }
    memset(shape, 0, sizeof *shape);
    if (total <= page_room(cb_page, cbtag0_root) && l->n < ESENT_ITAG_MAX)
        return JET_errSuccess;
    uint32_t used = room_leaf + 1, ntag = 0;   /* forces a new leaf at the first node */
    for (uint32_t i = 0; i < l->n; i++) {
        uint32_t c = node_cost(l->v[i].cbkey, l->v[i].cbdata);
        if (used + c > room_leaf || ntag + 1 >= ESENT_ITAG_MAX) {
            if (shape->nleaves == nleaves_most || shape->nleaves == LEAVES_MOST)
                return JET_errFeatureNotAvailable;
            shape->first[shape->nleaves++] = i;
            used = 0;
            ntag = 0;
        }
        used += c;
        ntag++;
    }
    shape->first[shape->nleaves] = l->n;
    /* Root: one node per leaf, separator = first key of the next leaf, the last one empty. */
    uint32_t root = 0;
    for (uint32_t k = 0; k < shape->nleaves; k++)
        root += node_cost(k + 1 < shape->nleaves ? l->v[shape->first[k + 1]].cbkey : 0, 4);
    if (root > page_room(cb_page, cbtag0_root))
        return JET_errFeatureNotAvailable;
    return JET_errSuccess;
}

/* ----------------------------------------------------------------------------------- page writer */

typedef struct writer {
    uint8_t *img;        /* the whole file: 2 header pages, then pgno 1.. */
    uint32_t cb_page;
    uint32_t cpg_db;
    uint64_t dbtime;     /* last dbtime given to a page */
    uint8_t *tmp;        /* one page of scratch for node encoding */
} writer;

static uint8_t *page_at(writer *w, uint32_t pgno)
{
    return w->img + (size_t)(pgno + 1) * w->cb_page;
}

static JET_ERR page_begin(writer *w, uint32_t pgno, uint32_t objid, uint32_t flags, uint32_t prev, uint32_t next,
                          const uint8_t *tag0, uint32_t cbtag0)
{
    esent_pghdr h;
    memset(&h, 0, sizeof h);
    h.dbtime_dirtied = ++w->dbtime;
    h.pgno_prev = prev;
    h.pgno_next = next;
    h.objid_fdp = objid;
    h.flags = flags | PAGE_FLAGS_BASE;
    h.pgno = pgno;
    JET_ERR err = esent_page_init(page_at(w, pgno), w->cb_page, &h);
    if (err >= 0 && cbtag0)
        err = esent_page_set_tag0(page_at(w, pgno), w->cb_page, tag0, cbtag0);
    return err;
}

static JET_ERR page_add(writer *w, uint32_t pgno, const uint8_t *key, uint32_t cbkey, const uint8_t *data,
                        uint32_t cbdata)
{
    uint32_t cb;
    JET_ERR err = esent_node_encode(0, key, cbkey, data, cbdata, w->tmp, w->cb_page, &cb);
    if (err >= 0)
        err = esent_page_append_node(page_at(w, pgno), w->cb_page, w->tmp, cb, 0, NULL);
    return err;
}

/* Writes a tree shaped by tree_plan: root at pgno_root with external header tag0, leaves at
 * leaf_first, leaf_first + 1, ... (linked in key order). flags_kind: 0 for tables, ESENT_PAGE_INDEX. */
static JET_ERR write_tree(writer *w, uint32_t objid, uint32_t flags_kind, uint32_t pgno_root, const uint8_t *tag0,
                          uint32_t cbtag0, uint32_t leaf_first, const node_list *l, const tree_shape *shape)
{
    JET_ERR err;
    if (shape->nleaves == 0) {
        if ((err = page_begin(w, pgno_root, objid, ESENT_PAGE_ROOT | ESENT_PAGE_LEAF | flags_kind, 0, 0, tag0,
                              cbtag0)) < 0)
            return err;
        for (uint32_t i = 0; i < l->n; i++)
            if ((err = page_add(w, pgno_root, l->v[i].key, l->v[i].cbkey, l->v[i].data, l->v[i].cbdata)) < 0)
                return err;
        return JET_errSuccess;
    }
    if ((err = page_begin(w, pgno_root, objid, ESENT_PAGE_ROOT | ESENT_PAGE_PARENT_OF_LEAF | flags_kind, 0, 0, tag0,
                          cbtag0)) < 0)
        return err;
    for (uint32_t k = 0; k < shape->nleaves; k++) {
        uint32_t pgno = leaf_first + k;
        uint8_t child[4];
        esent_wr32(child, pgno);
        const node *sep = k + 1 < shape->nleaves ? &l->v[shape->first[k + 1]] : NULL;
        if ((err = page_add(w, pgno_root, sep ? sep->key : NULL, sep ? sep->cbkey : 0, child, 4)) < 0)
            return err;
        if ((err = page_begin(w, pgno, objid, ESENT_PAGE_LEAF | flags_kind, k ? pgno - 1 : 0,
                              k + 1 < shape->nleaves ? pgno + 1 : 0, NULL, 0)) < 0)
            return err;
        for (uint32_t i = shape->first[k]; i < shape->first[k + 1]; i++)
            if ((err = page_add(w, pgno, l->v[i].key, l->v[i].cbkey, l->v[i].data, l->v[i].cbdata)) < 0)
                return err;
    }
    return JET_errSuccess;
}

/* One extent of a space tree: pages [pgno_last - cpg + 1, pgno_last]. */
typedef struct extent {
    uint32_t pgno_last;
    uint32_t cpg;
} extent;

/* A space-tree root (OE or AE): root+leaf, tag 0 = an empty split buffer, one node per extent
 * (key = pgnoLast big-endian, data = cpg little-endian); empty extents are left out. */
static JET_ERR write_space_tree(writer *w, uint32_t pgno, uint32_t objid, const extent *ext, uint32_t cext)
{
    uint8_t sb[ESENT_SPLIT_BUFFER_SIZE];
    esent_split_buffer zero;
    memset(&zero, 0, sizeof zero);
    esent_split_buffer_encode(&zero, sb);
    JET_ERR err = page_begin(w, pgno, objid, ESENT_PAGE_ROOT | ESENT_PAGE_LEAF | ESENT_PAGE_SPACE_TREE, 0, 0, sb,
                             sizeof sb);
    for (uint32_t i = 0; err >= 0 && i < cext; i++) {
        if (ext[i].cpg == 0)
            continue;
        uint8_t key[4], data[4];
        esent_wr32be(key, ext[i].pgno_last);
        esent_wr32(data, ext[i].cpg);
        err = page_add(w, pgno, key, 4, data, 4);
    }
    return err;
}

/* External header of a multiple-extent FDP at pgno_fdp (OE/AE at +1/+2). */
static void sph_multiple(uint32_t cpg, uint32_t pgno_parent, uint32_t pgno_fdp, uint8_t out[ESENT_SPH_SIZE])
{
    esent_space_header sph = { cpg, pgno_parent, ESENT_SPH_MULTIPLE_EXTENT, pgno_fdp + 1 };
    esent_space_header_encode(&sph, out);
}

/* ------------------------------------------------------------------------------ user tables (input) */

/* A user table as placed in the image. */
typedef struct utable {
    const esent_dbimage_table *t;
    uint32_t objid;
    uint32_t pgno_fdp;
    uint32_t cpg;                   /* pages owned: root + leaves */
    esent_rec_column cols[COLUMNS_MOST];  /* sorted by fid */
    uint32_t fid_of[COLUMNS_MOST];  /* fid of t->columns[i] */
    uint32_t cp_of[COLUMNS_MOST];
    esent_rec_layout layout;
    node_list records;
    tree_shape shape;
} utable;

static int name_ok(const char *name)
{
    if (name == NULL)
        return 0;
    size_t cb = strlen(name);
    if (cb == 0 || cb > NAME_MOST)
        return 0;
    for (size_t i = 0; i < cb; i++)
        if ((unsigned char)name[i] < 0x20 || (unsigned char)name[i] > 0x7E)
            return 0;
    return 1;
}

static int ascii_ieq(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'a' && x <= 'z')
            x -= 32;
        if (y >= 'a' && y <= 'z')
            y -= 32;
        if (x != y)
            return 0;
        if (x == 0)
            return 1;
    }
}

/* Checks one column and gives it a fid; JET_errInvalidParameter when not representable. */
static JET_ERR column_place(const esent_dbimage_column *c, uint32_t *next_fid, esent_rec_column *rc, uint32_t *cp)
{
    int text_or_binary = c->coltyp == JET_coltypText || c->coltyp == JET_coltypBinary;
    int is_text = c->coltyp == JET_coltypText || c->coltyp == JET_coltypLongText;
    if (!name_ok(c->name) || c->coltyp < JET_coltypBit || c->coltyp > JET_coltypUnsignedShort
        || c->coltyp == JET_coltypSLV)
        return JET_errInvalidParameter;
    *cp = is_text ? (c->cp ? c->cp : CP_DEFAULT) : 0;
    if (is_text && *cp != 1252 && *cp != 1200)
        return JET_errInvalidParameter;
    if (!is_text && c->cp != 0)
        return JET_errInvalidParameter;
    memset(rc, 0, sizeof *rc);
    rc->coltyp = c->coltyp;
    switch (c->kind) {
    case ESENT_DBIMAGE_FIXED: {
        uint32_t natural = esent_coltyp_fixed_size(c->coltyp);
        if (natural) {
            if (c->cbMax != 0 && c->cbMax != natural)
                return JET_errInvalidParameter;
            rc->cbMax = natural;
        } else if (text_or_binary && c->cbMax >= 1 && c->cbMax <= 255) {
            rc->cbMax = c->cbMax;
        } else {
            return JET_errInvalidParameter;
        }
        break;
    }
    case ESENT_DBIMAGE_VARIABLE:
        if (!text_or_binary || c->cbMax > 255)
            return JET_errInvalidParameter;
        rc->cbMax = c->cbMax ? c->cbMax : 255;
        break;
    case ESENT_DBIMAGE_TAGGED:
        rc->cbMax = c->cbMax;
        if (text_or_binary && c->cbMax > 255)
            return JET_errInvalidParameter;
        break;
    default:
        return JET_errInvalidParameter;
    }
    rc->columnid = next_fid[c->kind]++;
    return JET_errSuccess;
}

/* Assigns fids, builds the record layout and encodes every row as a leaf node keyed by its DBK. */
static JET_ERR utable_prepare(utable *u, const esent_dbimage_table *t, uint32_t cb_page, uint8_t *rec)
{
    JET_ERR err;
    uint32_t next_fid[3] = { ESENT_FID_FIXED_FIRST, ESENT_FID_VAR_FIRST, ESENT_FID_TAGGED_FIRST };
    esent_rec_column placed[COLUMNS_MOST];
    u->t = t;
    if (!name_ok(t->name) || ascii_ieq(t->name, "MSysObjects") || ascii_ieq(t->name, "MSysObjectsShadow")
        || t->ccolumns > COLUMNS_MOST || (t->ccolumns && t->columns == NULL) || (t->crows && t->rows == NULL)
        || (t->crows && t->ccolumns == 0))
        return JET_errInvalidParameter;
    for (uint32_t i = 0; i < t->ccolumns; i++) {
        for (uint32_t j = 0; j < i; j++)
            if (ascii_ieq(t->columns[i].name, t->columns[j].name))
                return JET_errInvalidParameter;
        if ((err = column_place(&t->columns[i], next_fid, &placed[i], &u->cp_of[i])) < 0)
            return err;
        u->fid_of[i] = placed[i].columnid;
    }
    /* Sorted by fid: the classes in order, each in column order. */
    uint32_t n = 0;
    for (uint32_t kind = 0; kind < 3; kind++)
        for (uint32_t i = 0; i < t->ccolumns; i++)
            if ((uint32_t)t->columns[i].kind == kind)
                u->cols[n++] = placed[i];
    if ((err = esent_rec_layout_init(&u->layout, u->cols, n, cb_page)) < 0)
        return JET_errInvalidParameter;
    for (uint32_t r = 0; r < t->crows; r++) {
        esent_rec_field f[COLUMNS_MOST];
        size_t nf = 0, cbrec;
        for (uint32_t i = 0; i < t->ccolumns; i++) {
            const esent_dbimage_value *v = &t->rows[(size_t)r * t->ccolumns + i];
            if (v->pv == NULL)
                continue;
            if (t->columns[i].kind == ESENT_DBIMAGE_FIXED && v->cb != placed[i].cbMax)
                return JET_errInvalidParameter;
            if (t->columns[i].kind != ESENT_DBIMAGE_FIXED && placed[i].cbMax && v->cb > placed[i].cbMax)
                return JET_errInvalidParameter;
            memset(&f[nf], 0, sizeof f[nf]);
            f[nf].fid = u->fid_of[i];
            f[nf].pv = v->pv;
            f[nf].cb = v->cb;
            if (esent_coltyp_is_long(t->columns[i].coltyp))
                f[nf].flags = ESENT_RECV_LONGVALUE;
            nf++;
        }
        err = esent_rec_encode(&u->layout, f, nf, rec, cb_page, &cbrec);
        if (err == JET_errRecordTooBig)
            return err;
        if (err < 0)
            return JET_errInvalidParameter;
        uint8_t key[ESENT_KEY_SEQUENTIAL_SIZE];
        esent_key_sequential(r + 1, key);
        if ((err = nodes_add(&u->records, key, sizeof key, rec, (uint32_t)cbrec)) < 0)
            return err;
    }
    /* Root tag 0 is a 16-byte SPACE_HEADER; a single extent describes at most 32 pages. */
    if ((err = tree_plan(&u->records, cb_page, ESENT_SPH_SIZE, SINGLE_EXTENT_MOST - 1, &u->shape)) < 0)
        return err;
    u->cpg = 1 + u->shape.nleaves;
    return JET_errSuccess;
}

/* --------------------------------------------------------------------------------- catalog rows */

/* The page plan the catalog rows describe. */
typedef struct plan {
    uint32_t cpg_shadow;
    utable *ut;
    uint32_t cut;
} plan;

typedef struct catgen {
    uint32_t cb_page;
    esent_rec_layout layout;
    esent_rec_column cols[ESENT_CAT_FIXED_LAST + 32];
    uint8_t *rec;              /* one page of scratch */
    node_list rows;            /* key = catalog primary key, data = the record */
    node_list names;           /* Name index: key = +ObjidTable+Type+Name, data = primary key */
    node_list roots;           /* RootObjects index: key = +RootFlag+Name, data = primary key */
} catgen;

static JET_ERR cat_add(catgen *g, const esent_cat_row *row, const char *name)
{
    size_t cb;
    uint8_t pk[ESENT_KEY_CATALOG_SIZE], nk[ESENT_KEY_MOST_OLD];
    uint32_t cbnk = 0;
    JET_ERR err = esent_cat_encode(row, &g->layout, g->rec, g->cb_page, &cb);
    if (err < 0)
        return err == JET_errRecordTooBig ? err : JET_errInvalidParameter;
    esent_key_catalog(row->objidTable, row->type, row->id, pk);
    if ((err = nodes_add(&g->rows, pk, sizeof pk, g->rec, (uint32_t)cb)) < 0)
        return err;
    esent_key_catalog_name(row->objidTable, row->type, name, (uint32_t)strlen(name), nk, &cbnk);
    if (cbnk == 0)
        return JET_errInvalidParameter;
    if ((err = nodes_add(&g->names, nk, cbnk, pk, sizeof pk)) < 0)
        return err;
    if (row->fixedPresent & ESENT_CAT_PRESENT(ESENT_CAT_FID_ROOT_FLAG)) {
        /* Rows with a NULL RootFlag are not in the RootObjects index. */
        esent_key_catalog_root(row->rootFlag, name, (uint32_t)strlen(name), nk, &cbnk);
        if (cbnk == 0)
            return JET_errInvalidParameter;
        if ((err = nodes_add(&g->roots, nk, cbnk, pk, sizeof pk)) < 0)
            return err;
    }
    return JET_errSuccess;
}

static esent_cat_row cat_row(uint32_t objid_table, uint16_t type, uint32_t id, uint32_t coltyp_or_pgno,
                             uint32_t space_usage, uint32_t flags, uint32_t pages_or_locale, const char *name)
{
    esent_cat_row r;
    memset(&r, 0, sizeof r);
    r.objidTable = objid_table;
    r.type = type;
    r.id = id;
    r.coltypOrPgnoFDP = coltyp_or_pgno;
    r.spaceUsage = space_usage;
    r.flags = flags;
    r.pagesOrLocale = pages_or_locale;
    r.fixedPresent = ESENT_CAT_PRESENT(1) | ESENT_CAT_PRESENT(2) | ESENT_CAT_PRESENT(3) | ESENT_CAT_PRESENT(4)
        | ESENT_CAT_PRESENT(5) | ESENT_CAT_PRESENT(6) | ESENT_CAT_PRESENT(7);
    r.name = esent_cat_blob_of(name, (uint32_t)strlen(name));
    return r;
}

static esent_cat_row table_row(uint32_t objid, uint32_t pgno_fdp, uint32_t density, uint32_t flags, uint32_t cpg,
                               const char *name)
{
    esent_cat_row r = cat_row(objid, ESENT_CAT_TYPE_TABLE, objid, pgno_fdp, density, flags, cpg, name);
    r.rootFlag = 0xFF;
    r.fixedPresent |= ESENT_CAT_PRESENT(ESENT_CAT_FID_ROOT_FLAG);
    return r;
}

static JET_ERR index_row_add(catgen *g, uint32_t objid_table, uint32_t objid_index, uint32_t pgno_fdp, uint32_t idb,
                             const uint16_t *fids, uint32_t cfids, const char *name)
{
    esent_cat_idxseg segs[4];
    uint8_t keyfld[16];
    for (uint32_t i = 0; i < cfids; i++) {
        segs[i].flags = 0;
        segs[i].fid = fids[i];
    }
    esent_cat_key_segments_encode(segs, cfids, keyfld);
    esent_cat_row r = cat_row(objid_table, ESENT_CAT_TYPE_INDEX, objid_index, pgno_fdp, DENSITY_SYSTEM, IDX_FLAGS(idb),
                              0, name);
    r.lcmapFlags = LCMAP_FLAGS_DEFAULT;
    r.fixedPresent |= ESENT_CAT_PRESENT(ESENT_CAT_FID_LCMAP_FLAGS);
    r.keyFldIDs = esent_cat_blob_of(keyfld, 4 * cfids);
    r.localeName = esent_cat_blob_of(k_locale_en_us, sizeof k_locale_en_us);
    return cat_add(g, &r, name);
}

/* The catalog's description of itself (cat.cxx ErrCATCreate): table row, its columns, its indexes. */
static JET_ERR system_rows(catgen *g, uint32_t objid, uint32_t pgno, uint32_t cpg, const char *name)
{
    esent_cat_row r = table_row(objid, pgno, DENSITY_SYSTEM, TABLE_FLAGS_SYSTEM, cpg, name);
    JET_ERR err = cat_add(g, &r, name);
    for (size_t i = 0; err >= 0 && i < esent_cat_ccoldefs; i++) {
        const esent_cat_coldef *d = &esent_cat_coldefs[i];
        uint32_t cp = d->col.coltyp == JET_coltypText ? CP_DEFAULT : 0;
        r = cat_row(objid, ESENT_CAT_TYPE_COLUMN, d->col.columnid, d->col.coltyp, d->col.cbMax, d->col.ffield, cp,
                    d->name);
        if (d->col.columnid <= ESENT_CAT_FIXED_LAST) {
            r.recordOffset = ESENT_REC_HEADER_SIZE;   /* the engine's value for catalog columns */
            r.fixedPresent |= ESENT_CAT_PRESENT(ESENT_CAT_FID_RECORD_OFFSET);
        }
        err = cat_add(g, &r, d->name);
    }
    static const uint16_t k_id[3] = { ESENT_CAT_FID_OBJID_TABLE, ESENT_CAT_FID_TYPE, ESENT_CAT_FID_ID };
    static const uint16_t k_name[3] = { ESENT_CAT_FID_OBJID_TABLE, ESENT_CAT_FID_TYPE, ESENT_CAT_FID_NAME };
    static const uint16_t k_root[2] = { ESENT_CAT_FID_ROOT_FLAG, ESENT_CAT_FID_NAME };
    const uint32_t idb_id = IDB_UNIQUE | IDB_ALLOW_ALL_NULLS | IDB_ALLOW_FIRST_NULL | IDB_ALLOW_SOME_NULLS
        | IDB_NO_NULL_SEG | IDB_PRIMARY;
    if (err >= 0)
        err = index_row_add(g, objid, objid, pgno, idb_id, k_id, 3, "Id");
    if (err >= 0 && objid == ESENT_CAT_OBJID_MSO) {
        err = index_row_add(g, objid, OBJID_MSO_NAME, PGNO_MSO_NAME, idb_id & ~IDB_PRIMARY, k_name, 3, "Name");
        if (err >= 0)
            err = index_row_add(g, objid, OBJID_MSO_ROOTOBJ, PGNO_MSO_ROOTOBJ,
                                IDB_UNIQUE | IDB_ALLOW_ALL_NULLS | IDB_ALLOW_SOME_NULLS, k_root, 2, "RootObjects");
    }
    return err;
}

static JET_ERR user_rows(catgen *g, const utable *u)
{
    const esent_dbimage_table *t = u->t;
    esent_cat_row r = table_row(u->objid, u->pgno_fdp, DENSITY_USER, 0, u->cpg, t->name);
    JET_ERR err = cat_add(g, &r, t->name);
    /* Column rows in fid order (the key order). */
    for (uint32_t k = 0; err >= 0 && k < u->layout.ccolumns; k++) {
        uint32_t fid = u->cols[k].columnid, i = 0;
        while (u->fid_of[i] != fid)
            i++;
        r = cat_row(u->objid, ESENT_CAT_TYPE_COLUMN, fid, t->columns[i].coltyp, u->cols[k].cbMax, 0, u->cp_of[i],
                    t->columns[i].name);
        if (fid <= ESENT_FID_FIXED_MOST) {
            r.recordOffset = u->layout.ibFixed[fid];
            r.fixedPresent |= ESENT_CAT_PRESENT(ESENT_CAT_FID_RECORD_OFFSET);
        }
        err = cat_add(g, &r, t->columns[i].name);
    }
    return err;
}

static void catgen_reset(catgen *g)
{
    nodes_free(&g->rows);
    nodes_free(&g->names);
    nodes_free(&g->roots);
}

/* Every catalog row for the plan, with both secondary indexes, each list sorted by key. */
static JET_ERR catgen_run(catgen *g, const plan *p)
{
    catgen_reset(g);
    JET_ERR err = system_rows(g, ESENT_CAT_OBJID_MSO, ESENT_CAT_PGNO_MSO, CPG_MSO, "MSysObjects");
    if (err >= 0)
        err = system_rows(g, ESENT_CAT_OBJID_MSO_SHADOW, ESENT_CAT_PGNO_MSO_SHADOW, p->cpg_shadow, "MSysObjectsShadow");
    for (uint32_t i = 0; err >= 0 && i < p->cut; i++)
        err = user_rows(g, &p->ut[i]);
    if (err < 0)
        return err;
    qsort(g->rows.v, g->rows.n, sizeof(node), node_cmp);
    qsort(g->names.v, g->names.n, sizeof(node), node_cmp);
    qsort(g->roots.v, g->roots.n, sizeof(node), node_cmp);
    if (!nodes_ascending(&g->rows) || !nodes_ascending(&g->names) || !nodes_ascending(&g->roots))
        return JET_errInvalidParameter;   /* duplicate names (e.g. two tables differing only in case) */
    return JET_errSuccess;
}

/* ------------------------------------------------------------------------------------ the header */

static void write_headers(writer *w, const esent_dbimage_options *opt, uint32_t objid_last)
{
    esent_dbheader h;
    memset(&h, 0, sizeof h);
    h.magic = ESENT_DBHDR_MAGIC;
    h.version = ESENT_DBHDR_VERSION;
    h.attrib = ESENT_DBHDR_ATTRIB_DB;
    h.dbtime_dirtied = w->dbtime;
    h.sign_db.ulRandom = opt->sign_db_random;
    h.sign_db.logtimeCreate = opt->logtime_create;
    h.dbstate = JET_dbstateCleanShutdown;
    h.dbid = 1;
    h.sign_log.ulRandom = opt->sign_log_random;
    h.sign_log.logtimeCreate = opt->logtime_create;
    h.objid_last = objid_last;
    h.major_version = 10;          /* OS version that "built the indexes": no Unicode index exists */
    h.minor_version = 0;
    h.build_number = 17763;
    h.dae_update_major = 0x14;     /* Windows 8+/10 format, >= 0x11 so large pages are read right */
    h.cb_page_size = w->cb_page;
    h.create_version = ESENT_DBHDR_VERSION;
    h.create_update = 0x14;
    h.sort_version = UINT64_MAX;   /* deprecated qwSortVersion: what current engines write */
    h.filetype = JET_filetypeDatabase;
    /* Both copies identical; fields >= 672 stay zero (the encoder enforces it). */
    (void)esent_dbheader_encode(&h, w->img, w->cb_page);
    memcpy(w->img + w->cb_page, w->img, w->cb_page);
}

/* ---------------------------------------------------------------------------------------- build */

static JET_ERR build(const esent_dbimage_options *opt, utable *ut, catgen *g, uint8_t **out, size_t *cb_out)
{
    const uint32_t cb_page = opt->cb_page;
    JET_ERR err;
    plan p = { CPG_SHADOW_MIN, ut, opt->ctables };

    /* 1. user tables: layouts, records, pages each needs. */
    for (uint32_t i = 0; i < opt->ctables; i++) {
        for (uint32_t j = 0; j < i; j++)
            if (opt->tables[i].name && opt->tables[j].name && ascii_ieq(opt->tables[i].name, opt->tables[j].name))
                return JET_errInvalidParameter;
        ut[i].objid = OBJID_USER_FIRST + i;
        if ((err = utable_prepare(&ut[i], &opt->tables[i], cb_page, g->rec)) < 0)
            return err;
    }

    /* 2. catalog sizes (row sizes do not depend on the page numbers they contain). */
    tree_shape mso, shadow, names, roots;
    if ((err = catgen_run(g, &p)) < 0)
        return err;
    if ((err = tree_plan(&g->rows, cb_page, ESENT_SPH_SIZE, PGNO_MSO_LAST - PGNO_MSO_LEAF1 + 1, &mso)) < 0)
        return err;
    if ((err = tree_plan(&g->rows, cb_page, ESENT_SPH_SIZE, LEAVES_MOST, &shadow)) < 0)
        return err;
    if (3 + shadow.nleaves > CPG_SHADOW_MIN)
        p.cpg_shadow = 3 + shadow.nleaves;

    /* 3. page plan. */
    uint32_t pgno_next = ESENT_CAT_PGNO_MSO_SHADOW + p.cpg_shadow;
    for (uint32_t i = 0; i < p.cut; i++) {
        ut[i].pgno_fdp = pgno_next;
        pgno_next += ut[i].cpg;
    }
    const uint32_t cpg_used = pgno_next - 1;
    uint32_t cpg_db = opt->cpg_db ? opt->cpg_db : cpg_used;
    if (cpg_db < cpg_used)
        return JET_errOutOfDatabaseSpace;

    /* 4. the final rows, and the index trees (one page each). */
    if ((err = catgen_run(g, &p)) < 0)
        return err;
    tree_shape again;
    if ((err = tree_plan(&g->rows, cb_page, ESENT_SPH_SIZE, LEAVES_MOST, &again)) < 0)
        return err;
    if (again.nleaves != shadow.nleaves)
        return JET_errInternalError;
    if ((err = tree_plan(&g->names, cb_page, ESENT_SPH_SIZE, 0, &names)) < 0
        || (err = tree_plan(&g->roots, cb_page, ESENT_SPH_SIZE, 0, &roots)) < 0)
        return err;

    /* 5. pages. */
    size_t cb = (size_t)(cpg_db + 2) * cb_page;
    writer w = { NULL, cb_page, cpg_db, 0, NULL };
    w.img = calloc(1, cb);
    w.tmp = malloc(cb_page);
    if (w.img == NULL || w.tmp == NULL) {
        free(w.img);
        free(w.tmp);
        return JET_errOutOfMemory;
    }
    uint8_t sph[ESENT_SPH_SIZE];
    extent ext;

    /* Database root: owns the whole file; its AE is what no tree took. */
    sph_multiple(cpg_db, 0, PGNO_DBROOT, sph);
    err = page_begin(&w, PGNO_DBROOT, OBJID_DBROOT, ESENT_PAGE_ROOT | ESENT_PAGE_LEAF, 0, 0, sph, sizeof sph);
    ext = (extent){ cpg_db, cpg_db };
    if (err >= 0)
        err = write_space_tree(&w, PGNO_DBROOT + 1, OBJID_DBROOT, &ext, 1);
    ext = (extent){ cpg_db, cpg_db - cpg_used };
    if (err >= 0)
        err = write_space_tree(&w, PGNO_DBROOT + 2, OBJID_DBROOT, &ext, 1);

    /* MSysObjects: owns 4..23; 7..12 belong to its two indexes; leaves from 13; the rest is its AE. */
    sph_multiple(CPG_MSO, PGNO_DBROOT, ESENT_CAT_PGNO_MSO, sph);
    if (err >= 0)
        err = write_tree(&w, ESENT_CAT_OBJID_MSO, 0, ESENT_CAT_PGNO_MSO, sph, sizeof sph, PGNO_MSO_LEAF1, &g->rows, &mso);
    ext = (extent){ PGNO_MSO_LAST, CPG_MSO };
    if (err >= 0)
        err = write_space_tree(&w, ESENT_CAT_PGNO_MSO + 1, ESENT_CAT_OBJID_MSO, &ext, 1);
    ext = (extent){ PGNO_MSO_LAST, PGNO_MSO_LAST - PGNO_MSO_LEAF1 + 1 - mso.nleaves };
    if (err >= 0)
        err = write_space_tree(&w, ESENT_CAT_PGNO_MSO + 2, ESENT_CAT_OBJID_MSO, &ext, 1);

    /* Name and RootObjects indexes: three pages each, all in use. */
    static const struct { uint32_t objid, pgno; } k_idx[2] = { { OBJID_MSO_NAME, PGNO_MSO_NAME },
                                                               { OBJID_MSO_ROOTOBJ, PGNO_MSO_ROOTOBJ } };
    for (uint32_t i = 0; i < 2 && err >= 0; i++) {
        sph_multiple(3, ESENT_CAT_PGNO_MSO, k_idx[i].pgno, sph);
        err = write_tree(&w, k_idx[i].objid, ESENT_PAGE_INDEX, k_idx[i].pgno, sph, sizeof sph, 0,
                         i == 0 ? &g->names : &g->roots, i == 0 ? &names : &roots);
        ext = (extent){ k_idx[i].pgno + 2, 3 };
        if (err >= 0)
            err = write_space_tree(&w, k_idx[i].pgno + 1, k_idx[i].objid, &ext, 1);
        ext.cpg = 0;
        if (err >= 0)
            err = write_space_tree(&w, k_idx[i].pgno + 2, k_idx[i].objid, &ext, 1);
    }

    /* MSysObjectsShadow: the same rows, leaves from 27. */
    const uint32_t shadow_last = ESENT_CAT_PGNO_MSO_SHADOW + p.cpg_shadow - 1;
    sph_multiple(p.cpg_shadow, PGNO_DBROOT, ESENT_CAT_PGNO_MSO_SHADOW, sph);
    if (err >= 0)
        err = write_tree(&w, ESENT_CAT_OBJID_MSO_SHADOW, 0, ESENT_CAT_PGNO_MSO_SHADOW, sph, sizeof sph,
                         ESENT_CAT_PGNO_MSO_SHADOW + 3, &g->rows, &shadow);
    ext = (extent){ shadow_last, p.cpg_shadow };
    if (err >= 0)
        err = write_space_tree(&w, ESENT_CAT_PGNO_MSO_SHADOW + 1, ESENT_CAT_OBJID_MSO_SHADOW, &ext, 1);
    ext = (extent){ shadow_last, p.cpg_shadow - 3 - shadow.nleaves };
    if (err >= 0)
        err = write_space_tree(&w, ESENT_CAT_PGNO_MSO_SHADOW + 2, ESENT_CAT_OBJID_MSO_SHADOW, &ext, 1);

    /* User tables: single extent, every page in use (rgbitAvail 0). */
    for (uint32_t i = 0; i < p.cut && err >= 0; i++) {
        esent_space_header s = { ut[i].cpg, PGNO_DBROOT, 0, 0 };
        esent_space_header_encode(&s, sph);
        err = write_tree(&w, ut[i].objid, 0, ut[i].pgno_fdp, sph, sizeof sph, ut[i].pgno_fdp + 1, &ut[i].records,
                         &ut[i].shape);
    }

    /* Checksums last: every page in use (dbtime != 0), in pgno order. */
    for (uint32_t pgno = 1; pgno <= cpg_db && err >= 0; pgno++)
        if (esent_rd64(page_at(&w, pgno) + 8) != 0)
            esent_page_checksum_stamp(page_at(&w, pgno), cb_page, pgno);
    if (err >= 0)
        write_headers(&w, opt, OBJID_USER_FIRST - 1 + p.cut);
    free(w.tmp);
    if (err < 0) {
        free(w.img);
        return err;
    }
    *out = w.img;
    *cb_out = cb;
    return JET_errSuccess;
}

JET_ERR esent_dbimage_build(const esent_dbimage_options *opt, uint8_t **out, size_t *cb_out)
{
    if (out)
        *out = NULL;
    if (cb_out)
        *cb_out = 0;
    if (opt == NULL || out == NULL || cb_out == NULL)
        return JET_errInvalidParameter;
    if (opt->cb_page != 4096 && opt->cb_page != 8192 && opt->cb_page != 16384 && opt->cb_page != 32768)
        return JET_errInvalidParameter;
    if (opt->cpg_db > ESENT_DBIMAGE_CPG_MOST || opt->ctables > TABLES_MOST || (opt->ctables && opt->tables == NULL))
        return JET_errInvalidParameter;

    JET_ERR err = JET_errOutOfMemory;
    utable *ut = calloc(opt->ctables ? opt->ctables : 1, sizeof *ut);
    catgen *g = calloc(1, sizeof *g);
    if (ut == NULL || g == NULL)
        goto done;
    g->cb_page = opt->cb_page;
    g->rec = malloc(opt->cb_page);
    if (g->rec == NULL)
        goto done;
    if ((err = esent_cat_layout(&g->layout, g->cols, opt->cb_page)) < 0)
        goto done;
    err = build(opt, ut, g, out, cb_out);
done:
    if (g) {
        catgen_reset(g);
        free(g->rec);
        free(g);
    }
    if (ut)
        for (uint32_t i = 0; i < opt->ctables; i++)
            nodes_free(&ut[i].records);
    free(ut);
    return err;
}
