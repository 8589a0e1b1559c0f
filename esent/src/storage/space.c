/* Space allocation: see space.h. Every public function is one "space operation" (sp_ctx): the pages that
 * space trees stop using during it are collected and freed when it ends. */
#include "storage/space.h"

#include <stdlib.h>
#include <string.h>

#include "format/bytes.h"
#include "format/page.h"
#include "storage/btint.h"

#define CPG_EXTENT_MIN   16u          /* smallest secondary extent */
#define CB_EXTENT_MAX    (64u << 20)  /* largest secondary extent, in bytes */
#define CPG_GROW_MIN     256u         /* smallest growth of the file */
#define CPG_RESERVE      16u          /* extra pages asked of a parent, to refill split buffers from */
#define SINGLE_EXTENT_BITS 32u        /* pages rgbitAvail describes */
#define OWNER_FLAGS (ESENT_PAGE_INDEX | ESENT_PAGE_LONG_VALUE | ESENT_PAGE_NON_UNIQUE_KEYS)

/* An extent of pages [last - cpg + 1, last]. */
typedef struct extent {
    uint32_t last, cpg;
} extent;

static uint32_t ext_first(extent e) { return e.last - e.cpg + 1; }

typedef struct sp_ctx {
    esent_pagefile *pf;
    struct deferred { uint32_t fdp; extent e; } *v;   /* pages to free when the operation ends */
    uint32_t n, cap;
} sp_ctx;

/* A tree's space description, from its root's SPACE_HEADER. */
typedef struct sp_tree {
    uint32_t fdp, objid, parent;
    uint32_t owner_flags;      /* index / long-value / non-unique: its space-tree pages carry them too */
    esent_space_header sph;
    int multi;
    uint32_t oe, ae;
} sp_tree;

/* What a space tree's allocation callbacks need. */
typedef struct sp_bt_ctx {
    sp_ctx *x;
    uint32_t fdp;              /* the owner */
} sp_bt_ctx;

static JET_ERR defer(sp_ctx *x, uint32_t fdp, extent e)
{
    if (x->n == x->cap) {
        uint32_t cap = x->cap ? 2 * x->cap : 8;
        void *v = realloc(x->v, cap * sizeof *x->v);
        if (v == NULL)
            return JET_errOutOfMemory;
        x->v = v;
        x->cap = cap;
    }
    x->v[x->n].fdp = fdp;
    x->v[x->n].e = e;
    x->n++;
    return JET_errSuccess;
}

/* ---- the tree's root and SPACE_HEADER ---- */

static JET_ERR sp_load(sp_ctx *x, uint32_t fdp, sp_tree *st)
{
    esent_bf *bf;
    esent_page_view v;
    esent_ext_header eh;
    const uint8_t *t0;
    uint32_t cb_t0, f;
    JET_ERR err = esent_bf_get(x->pf, fdp, &bf);
    if (err < 0)
        return err;
    err = JET_errDatabaseCorrupted;
    if (esent_page_view_init(&v, bf->page, esent_pagefile_page_size(x->pf)) == JET_errSuccess &&
        (v.hdr.flags & (ESENT_PAGE_ROOT | ESENT_PAGE_SPACE_TREE)) == ESENT_PAGE_ROOT &&
        esent_page_tag(&v, 0, &t0, &cb_t0, &f) == JET_errSuccess && esent_ext_header_decode(t0, cb_t0, &eh) == 0 &&
        (eh.fields & ESENT_EXTHDR_SPACE_HEADER)) {
        memset(st, 0, sizeof *st);
        st->fdp = fdp;
        st->objid = v.hdr.objid_fdp;
        st->owner_flags = v.hdr.flags & OWNER_FLAGS;
        st->sph = eh.sph;
        st->parent = eh.sph.pgno_parent;
        st->multi = (eh.sph.flags & ESENT_SPH_MULTIPLE_EXTENT) != 0;
        st->oe = st->multi ? eh.sph.avail_or_oe : 0;
        st->ae = st->multi ? eh.sph.avail_or_oe + 1 : 0;
        err = JET_errSuccess;
        if (st->multi && (st->oe == 0 || st->oe >= esent_pagefile_page_count(x->pf)))
            err = JET_errDatabaseCorrupted;
    }
    esent_bf_release(x->pf, bf);
    return err;
}

/* Writes st->sph into the root's external header, in place. */
static JET_ERR sph_store(sp_ctx *x, const sp_tree *st)
{
    esent_bf *bf;
    esent_page_view v;
    const uint8_t *t0;
    uint32_t cb_t0, f, cb_page = esent_pagefile_page_size(x->pf);
    uint8_t buf[64];
    JET_ERR err = esent_bf_get(x->pf, st->fdp, &bf);
    if (err < 0)
        return err;
    err = JET_errDatabaseCorrupted;
    if (esent_page_view_init(&v, bf->page, cb_page) == JET_errSuccess &&
        esent_page_tag(&v, 0, &t0, &cb_t0, &f) == JET_errSuccess && cb_t0 <= sizeof buf) {
        memcpy(buf, t0, cb_t0);
        if (esent_ext_header_set_space(buf, cb_t0, &st->sph) == JET_errSuccess) {
            esent_bf_dirty(x->pf, bf);
            err = esent_page_set_tag0(bf->page, cb_page, buf, cb_t0);
        }
    }
    esent_bf_release(x->pf, bf);
    return err;
}

/* ---- split buffers (tag 0 of space-tree roots) ---- */

static JET_ERR sb_read(sp_ctx *x, uint32_t root, esent_bf **pbf, esent_split_buffer *sb)
{
    esent_page_view v;
    const uint8_t *t0;
    uint32_t cb_t0, f;
    JET_ERR err = esent_bf_get(x->pf, root, pbf);
    if (err < 0)
        return err;
    if (esent_page_view_init(&v, (*pbf)->page, esent_pagefile_page_size(x->pf)) != JET_errSuccess ||
        !(v.hdr.flags & ESENT_PAGE_SPACE_TREE) || esent_page_tag(&v, 0, &t0, &cb_t0, &f) != JET_errSuccess ||
        cb_t0 != ESENT_SPLIT_BUFFER_SIZE || esent_split_buffer_decode(t0, cb_t0, sb) != JET_errSuccess) {
        esent_bf_release(x->pf, *pbf);
        return JET_errSPAvailExtCorrupted;
    }
    return JET_errSuccess;
}

static JET_ERR sb_write(sp_ctx *x, esent_bf *bf, const esent_split_buffer *sb)
{
    uint8_t bytes[ESENT_SPLIT_BUFFER_SIZE];
    esent_split_buffer_encode(sb, bytes);
    esent_bf_dirty(x->pf, bf);
    JET_ERR err = esent_page_set_tag0(bf->page, esent_pagefile_page_size(x->pf), bytes, sizeof bytes);
    esent_bf_release(x->pf, bf);
    return err;
}

static uint32_t sb_count(const esent_split_buffer *sb)
{
    return (sb->cpg[0] > 0 ? (uint32_t)sb->cpg[0] : 0) + (sb->cpg[1] > 0 ? (uint32_t)sb->cpg[1] : 0);
}

/* bt_tree.alloc of space trees: a page of the root's split buffer. */
static JET_ERR sb_take(bt_tree *t, uint32_t *ppgno)
{
    sp_bt_ctx *bc = (sp_bt_ctx *)t->ctx;
    esent_split_buffer sb;
    esent_bf *bf;
    JET_ERR err = sb_read(bc->x, t->pgno_root, &bf, &sb);
    if (err < 0)
        return err;
    for (int i = 0; i < 2; i++) {
        if (sb.cpg[i] <= 0)
            continue;
        *ppgno = sb.pgno_last[i] - (uint32_t)sb.cpg[i] + 1;
        if (--sb.cpg[i] == 0)
            sb.pgno_last[i] = 0;
        return sb_write(bc->x, bf, &sb);
    }
    esent_bf_release(bc->x->pf, bf);
    return JET_errSPAvailExtCorrupted;   /* ensure_split_buffer reserved too little: a bug */
}

/* bt_tree.release of space trees: freed when the space operation ends. */
static JET_ERR sb_defer(bt_tree *t, uint32_t pgno)
{
    sp_bt_ctx *bc = (sp_bt_ctx *)t->ctx;
    const extent e = { pgno, 1 };
    return defer(bc->x, bc->fdp, e);
}

/* Puts run e into the root's split buffer: extends a run it touches, else takes a free slot, else replaces
 * the smaller run (whose pages are freed when the operation ends). */
static JET_ERR sb_add(sp_ctx *x, const sp_tree *st, uint32_t root, extent e)
{
    esent_split_buffer sb;
    esent_bf *bf;
    JET_ERR err = sb_read(x, root, &bf, &sb);
    if (err < 0)
        return err;
    for (int i = 0; i < 2; i++) {
        if (sb.cpg[i] <= 0)
            continue;
        extent s = { sb.pgno_last[i], (uint32_t)sb.cpg[i] };
        if (ext_first(e) == s.last + 1 || e.last + 1 == ext_first(s)) {
            sb.pgno_last[i] = e.last > s.last ? e.last : s.last;
            sb.cpg[i] += (int32_t)e.cpg;
            return sb_write(x, bf, &sb);
        }
    }
    int slot = sb.cpg[0] <= 0 ? 0 : sb.cpg[1] <= 0 ? 1 : sb.cpg[0] <= sb.cpg[1] ? 0 : 1;
    if (sb.cpg[slot] > 0) {
        const extent old = { sb.pgno_last[slot], (uint32_t)sb.cpg[slot] };
        if ((err = defer(x, st->fdp, old)) < 0) {
            esent_bf_release(x->pf, bf);
            return err;
        }
    }
    sb.pgno_last[slot] = e.last;
    sb.cpg[slot] = (int32_t)e.cpg;
    return sb_write(x, bf, &sb);
}

/* ---- space trees as B+trees ---- */

static void sp_bt(sp_bt_ctx *bc, sp_ctx *x, const sp_tree *st, uint32_t root, bt_tree *t)
{
    bc->x = x;
    bc->fdp = st->fdp;
    bt_tree_init(t, x->pf, st->objid, root, 1);
    t->alloc = sb_take;
    t->release = sb_defer;
    t->ctx = bc;
}

static void ext_key(uint32_t last, uint8_t key[4]) { esent_wr32be(key, last); }

/* The extent of a space-tree entry; 0 for an entry that is not a general-pool extent (5-byte keys). */
static int ext_decode(const uint8_t *k, uint32_t ck, const uint8_t *d, uint32_t cd, extent *e, JET_ERR *perr)
{
    *perr = JET_errSuccess;
    if (ck != 4)
        return 0;
    e->last = esent_rd32be(k);
    e->cpg = cd == 4 ? esent_rd32(d) : 0;
    if (e->cpg == 0 || e->cpg > 0x7FFFFFFFu || e->cpg > e->last)
        *perr = JET_errSPAvailExtCorrupted;
    return *perr == JET_errSuccess;
}

/* The cursor's current extent (skipping pool entries forward); JET_errRecordNotFound past the end. */
static JET_ERR cur_extent(esent_btree_cursor *c, JET_ERR err, extent *e)
{
    while (err == JET_errSuccess) {
        const uint8_t *k, *d;
        uint32_t ck, cd;
        if ((err = esent_btree_current(c, &k, &ck, &d, &cd)) < 0)
            break;
        if (ext_decode(k, ck, d, cd, e, &err) || err < 0)
            break;
        err = esent_btree_move_next(c);
    }
    return err == JET_errNoCurrentRecord ? JET_errRecordNotFound : err;
}

/* Depth of the space tree and whether an entry with key `last` would fit its leaf without a split. */
static JET_ERR sp_shape(sp_ctx *x, const sp_tree *st, uint32_t root, uint32_t last, uint32_t *pdepth, int *pfits)
{
    sp_bt_ctx bc;
    bt_tree t;
    bt_path path;
    bt_pg leaf;
    uint8_t key[4];
    ext_key(last, key);
    const bt_target tg = { key, 4, NULL, 0, 0 };
    sp_bt(&bc, x, st, root, &t);
    JET_ERR err = bt_descend(&t, BT_TARGET, &tg, &path, &leaf);
    if (err < 0)
        return err;
    *pdepth = path.depth;
    *pfits = leaf.v.hdr.cb_free >= bt_node_cost(4, 4) && leaf.v.ctag < ESENT_ITAG_MAX;
    bt_pg_put(&t, &leaf);
    return JET_errSuccess;
}

static JET_ERR get_extent_from_parent(sp_ctx *x, sp_tree *st, uint32_t cpg_need);

/* Makes sure an insert of key `last` into space tree root can split: its split buffer holds depth + 1
 * pages. They come from the front of an AE extent with more pages than that (shrunk in place: nothing
 * inserted, so nothing splits), or from a new extent (carved before it is recorded). */
static JET_ERR ensure_split_buffer(sp_ctx *x, sp_tree *st, uint32_t root, uint32_t last)
{
    for (int round = 0; round < 3; round++) {
        uint32_t depth;
        int fits;
        esent_split_buffer sb;
        esent_bf *bf;
        JET_ERR err = sp_shape(x, st, root, last, &depth, &fits);
        if (err < 0 || fits)
            return err;
        if ((err = sb_read(x, root, &bf, &sb)) < 0)
            return err;
        esent_bf_release(x->pf, bf);
        uint32_t have = sb_count(&sb), need = depth + 1;
        if (have >= need)
            return JET_errSuccess;
        uint32_t want = need + 1 - have;
        /* An AE extent larger than want. */
        esent_btree_cursor c;
        extent e = { 0, 0 };
        if ((err = bt_cursor_open_space(&c, x->pf, st->objid, st->ae)) < 0)
            return err;
        err = cur_extent(&c, esent_btree_move_first(&c), &e);
        while (err == JET_errSuccess && e.cpg <= want)
            err = cur_extent(&c, esent_btree_move_next(&c), &e);
        esent_btree_close(&c);
        if (err == JET_errSuccess) {
            sp_bt_ctx bc;
            bt_tree t;
            uint8_t key[4], data[4];
            const extent run = { ext_first(e) + want - 1, want };
            ext_key(e.last, key);
            esent_wr32(data, e.cpg - want);
            sp_bt(&bc, x, st, st->ae, &t);
            if ((err = bt_put(&t, BT_REPLACE, key, 4, data, 4)) < 0)
                return err;
            return sb_add(x, st, root, run);
        }
        if (err != JET_errRecordNotFound)
            return err;
        if ((err = get_extent_from_parent(x, st, want)) < 0)
            return err;
    }
    return JET_errSPAvailExtCorrupted;
}

static JET_ERR sp_insert(sp_ctx *x, sp_tree *st, uint32_t root, extent e)
{
    sp_bt_ctx bc;
    bt_tree t;
    uint8_t key[4], data[4];
    JET_ERR err = ensure_split_buffer(x, st, root, e.last);
    if (err < 0)
        return err;
    ext_key(e.last, key);
    esent_wr32(data, e.cpg);
    sp_bt(&bc, x, st, root, &t);
    return bt_put(&t, BT_INSERT, key, 4, data, 4);
}

/* New page count of the extent ending at last (same key: in place, never splits). */
static JET_ERR sp_resize(sp_ctx *x, const sp_tree *st, uint32_t root, uint32_t last, uint32_t cpg)
{
    sp_bt_ctx bc;
    bt_tree t;
    uint8_t key[4], data[4];
    ext_key(last, key);
    esent_wr32(data, cpg);
    sp_bt(&bc, x, st, root, &t);
    return bt_put(&t, BT_REPLACE, key, 4, data, 4);
}

static JET_ERR sp_delete(sp_ctx *x, const sp_tree *st, uint32_t root, uint32_t last)
{
    sp_bt_ctx bc;
    bt_tree t;
    uint8_t key[4];
    ext_key(last, key);
    sp_bt(&bc, x, st, root, &t);
    return bt_delete(&t, key, 4, NULL, 0);
}

/* Takes n pages from the front of AE extent e (deleting it when that is all of it). */
static JET_ERR ae_take(sp_ctx *x, const sp_tree *st, extent e, uint32_t n)
{
    return n == e.cpg ? sp_delete(x, st, st->ae, e.last) : sp_resize(x, st, st->ae, e.last, e.cpg - n);
}

/* Pages the tree owns (OE total), for the size of its next extent. */
static JET_ERR owned(sp_ctx *x, const sp_tree *st, uint64_t *pcpg)
{
    esent_btree_cursor c;
    extent e;
    *pcpg = 0;
    if (!st->multi) {
        *pcpg = st->sph.cpg_primary;
        return JET_errSuccess;
    }
    JET_ERR err = bt_cursor_open_space(&c, x->pf, st->objid, st->oe);
    if (err < 0)
        return err;
    for (err = cur_extent(&c, esent_btree_move_first(&c), &e); err == JET_errSuccess;
         err = cur_extent(&c, esent_btree_move_next(&c), &e))
        *pcpg += e.cpg;
    esent_btree_close(&c);
    return err == JET_errRecordNotFound ? JET_errSuccess : err;
}

static JET_ERR convert(sp_ctx *x, sp_tree *st);

/* Between cpg_min and cpg_want contiguous pages from the AE of the tree at fdp (first fit for cpg_want,
 * else the largest extent of at least cpg_min), growing it from its parent when it has none. */
static JET_ERR alloc_extent(sp_ctx *x, uint32_t fdp, uint32_t cpg_min, uint32_t cpg_want, extent *out)
{
    sp_tree st;
    JET_ERR err = sp_load(x, fdp, &st);
    if (err >= 0 && !st.multi)
        err = convert(x, &st);
    for (int round = 0; err >= 0 && round < 2; round++) {
        esent_btree_cursor c;
        extent e, best = { 0, 0 };
        if ((err = bt_cursor_open_space(&c, x->pf, st.objid, st.ae)) < 0)
            return err;
        for (err = cur_extent(&c, esent_btree_move_first(&c), &e); err == JET_errSuccess;
             err = cur_extent(&c, esent_btree_move_next(&c), &e)) {
            if (e.cpg >= cpg_want) {
                best = e;
                break;
            }
            if (e.cpg >= cpg_min && e.cpg > best.cpg)
                best = e;
        }
        esent_btree_close(&c);
        if (err != JET_errSuccess && err != JET_errRecordNotFound)
            return err;
        if (best.cpg != 0) {
            uint32_t n = best.cpg < cpg_want ? best.cpg : cpg_want;
            out->last = ext_first(best) + n - 1;
            out->cpg = n;
            return ae_take(x, &st, best, n);
        }
        err = get_extent_from_parent(x, &st, cpg_want);
    }
    return err < 0 ? err : JET_errSPAvailExtCorrupted;
}

/* A new extent for st's AE (at least cpg_need pages once split buffers are served): from the parent, or,
 * for the database root, by growing the file. Split-buffer pages the OE and AE inserts need are carved
 * from its front before it is recorded. */
static JET_ERR get_extent_from_parent(sp_ctx *x, sp_tree *st, uint32_t cpg_need)
{
    extent e;
    JET_ERR err;
    uint64_t cpg_owned;
    if (st->parent == 0) {
        uint64_t cpg_file = esent_pagefile_page_count(x->pf), grow = cpg_need + CPG_RESERVE;
        if (grow < CPG_GROW_MIN)
            grow = CPG_GROW_MIN;
        if (grow < cpg_file / 10)
            grow = cpg_file / 10;
        if (cpg_file + grow > 0xFFFFFF00u)
            return JET_errOutOfDatabaseSpace;
        if ((err = esent_pagefile_extend(x->pf, (uint32_t)(cpg_file + grow))) < 0)
            return err;
        e.last = (uint32_t)(cpg_file + grow);
        e.cpg = (uint32_t)grow;
    } else {
        if ((err = owned(x, st, &cpg_owned)) < 0)
            return err;
        uint64_t want = cpg_owned / 2, most = CB_EXTENT_MAX / esent_pagefile_page_size(x->pf);
        if (want > most)
            want = most;
        if (want < CPG_EXTENT_MIN)
            want = CPG_EXTENT_MIN;
        if (want < (uint64_t)cpg_need + CPG_RESERVE)
            want = (uint64_t)cpg_need + CPG_RESERVE;
        if ((err = alloc_extent(x, st->parent, cpg_need + CPG_RESERVE, (uint32_t)want, &e)) < 0)
            return err;
    }
    /* Split buffers first (both trees get a node with key e.last). */
    extent rest = e;
    const uint32_t roots[2] = { st->oe, st->ae };
    for (int i = 0; i < 2; i++) {
        uint32_t depth;
        int fits;
        esent_split_buffer sb;
        esent_bf *bf;
        if ((err = sp_shape(x, st, roots[i], e.last, &depth, &fits)) < 0)
            return err;
        if (fits)
            continue;
        if ((err = sb_read(x, roots[i], &bf, &sb)) < 0)
            return err;
        esent_bf_release(x->pf, bf);
        uint32_t have = sb_count(&sb), need = depth + 1;
        if (have >= need)
            continue;
        uint32_t cnt = need + 1 - have;
        if (cnt >= rest.cpg)
            return JET_errSPAvailExtCorrupted;
        const extent run = { ext_first(rest) + cnt - 1, cnt };
        rest.cpg -= cnt;   /* the front pages go to the split buffer */
        if ((err = sb_add(x, st, roots[i], run)) < 0)
            return err;
    }
    if ((err = sp_insert(x, st, st->oe, e)) < 0)
        return err;
    return sp_insert(x, st, st->ae, rest);
}

/* Nodes (key = last pgno, data = cpg) for extents v[0, n), sorted by key, into keys/datas/out. */
static void extent_nodes(extent *v, uint32_t n, uint8_t (*keys)[4], uint8_t (*datas)[4], bt_node *out)
{
    for (uint32_t i = 1; i < n; i++)
        for (uint32_t j = i; j > 0 && v[j - 1].last > v[j].last; j--) {
            extent tmp = v[j];
            v[j] = v[j - 1];
            v[j - 1] = tmp;
        }
    for (uint32_t i = 0; i < n; i++) {
        esent_wr32be(keys[i], v[i].last);
        esent_wr32(datas[i], v[i].cpg);
        out[i] = (bt_node){ keys[i], 4, datas[i], 4 };
    }
}

/* A single-extent tree becomes a multiple-extent one (see space.h): a new extent from the parent holds the
 * OE and AE roots in its first two pages; the OE lists the primary extent and the new one, the AE the
 * free pages of the bitmap and the rest of the new extent. */
static JET_ERR convert(sp_ctx *x, sp_tree *st)
{
    uint32_t cpgp = st->sph.cpg_primary, nbits = cpgp > 1 ? cpgp - 1 : 0, bits = st->sph.avail_or_oe;
    uint32_t cb_page = esent_pagefile_page_size(x->pf), nfree = 0;
    extent e, owned_v[2], free_v[SINGLE_EXTENT_BITS + 1];
    uint8_t keys[SINGLE_EXTENT_BITS + 1][4], datas[SINGLE_EXTENT_BITS + 1][4];
    bt_node nodes[SINGLE_EXTENT_BITS + 1];
    JET_ERR err;

    if (st->parent == 0 || cpgp == 0)
        return JET_errDatabaseCorrupted;
    if (nbits > SINGLE_EXTENT_BITS)
        nbits = SINGLE_EXTENT_BITS;   /* pages beyond the bitmap: counted as in use */
    if ((err = alloc_extent(x, st->parent, 2, cpgp / 2 < CPG_EXTENT_MIN ? CPG_EXTENT_MIN : cpgp / 2, &e)) < 0)
        return err;
    owned_v[0] = (extent){ st->fdp + cpgp - 1, cpgp };
    owned_v[1] = e;
    for (uint32_t i = 0; i < nbits; i++) {
        uint32_t pgno = st->fdp + 1 + i;
        if (!(bits & (1u << i)))
            continue;
        if (nfree > 0 && free_v[nfree - 1].last + 1 == pgno)
            free_v[nfree - 1].last = pgno, free_v[nfree - 1].cpg++;
        else
            free_v[nfree++] = (extent){ pgno, 1 };
    }
    if (e.cpg > 2)
        free_v[nfree++] = (extent){ e.last, e.cpg - 2 };

    uint8_t sb[ESENT_SPLIT_BUFFER_SIZE];
    esent_split_buffer zero;
    memset(&zero, 0, sizeof zero);
    esent_split_buffer_encode(&zero, sb);
    const uint32_t flags = ESENT_PAGE_ROOT | ESENT_PAGE_LEAF | ESENT_PAGE_SPACE_TREE | st->owner_flags;
    for (uint32_t i = 0; i < 2 && err >= 0; i++) {
        esent_bf *bf;
        uint32_t pgno = ext_first(e) + i, n = i == 0 ? 2 : nfree;
        extent_nodes(i == 0 ? owned_v : free_v, n, keys, datas, nodes);
        if ((err = esent_bf_new(x->pf, pgno, &bf)) < 0)
            break;
        esent_bf_dirty(x->pf, bf);
        err = bt_page_format(bf->page, cb_page, pgno, st->objid, flags, 0, 0, sb, sizeof sb, nodes, n);
        esent_bf_release(x->pf, bf);
    }
    if (err < 0)
        return err;
    st->sph.flags |= ESENT_SPH_MULTIPLE_EXTENT;
    st->sph.avail_or_oe = ext_first(e);
    st->multi = 1;
    st->oe = ext_first(e);
    st->ae = st->oe + 1;
    return sph_store(x, st);
}

/* ---- pages and extents of one tree ---- */

static JET_ERR alloc_page(sp_ctx *x, uint32_t fdp, uint32_t *ppgno)
{
    sp_tree st;
    JET_ERR err = sp_load(x, fdp, &st);
    if (err < 0)
        return err;
    if (!st.multi) {
        uint32_t nbits = st.sph.cpg_primary > 1 ? st.sph.cpg_primary - 1 : 0;
        if (nbits > SINGLE_EXTENT_BITS)
            nbits = SINGLE_EXTENT_BITS;
        for (uint32_t i = 0; i < nbits; i++) {
            if (st.sph.avail_or_oe & (1u << i)) {
                st.sph.avail_or_oe &= ~(1u << i);
                *ppgno = fdp + 1 + i;
                return sph_store(x, &st);
            }
        }
        if ((err = convert(x, &st)) < 0)
            return err;
    }
    for (int round = 0; round < 2; round++) {
        esent_btree_cursor c;
        extent e;
        if ((err = bt_cursor_open_space(&c, x->pf, st.objid, st.ae)) < 0)
            return err;
        err = cur_extent(&c, esent_btree_move_first(&c), &e);
        esent_btree_close(&c);
        if (err == JET_errSuccess) {
            *ppgno = ext_first(e);
            return ae_take(x, &st, e, 1);
        }
        if (err != JET_errRecordNotFound)
            return err;
        if ((err = get_extent_from_parent(x, &st, 1)) < 0)
            return err;
    }
    return JET_errSPAvailExtCorrupted;
}

/* The AE extents around f: next = the first general extent ending at or after f's first page, prev = the
 * general extent before it (cpg 0: none). */
static JET_ERR ae_neighbours(sp_ctx *x, const sp_tree *st, extent f, extent *next, extent *prev)
{
    esent_btree_cursor c;
    uint8_t key[4];
    JET_ERR err, at;
    next->cpg = prev->cpg = 0;
    ext_key(ext_first(f), key);
    if ((err = bt_cursor_open_space(&c, x->pf, st->objid, st->ae)) < 0)
        return err;
    err = cur_extent(&c, esent_btree_seek(&c, key, 4, NULL), next);
    if (err == JET_errSuccess || err == JET_errRecordNotFound) {
        if (err == JET_errRecordNotFound)
            next->cpg = 0;
        at = err == JET_errSuccess ? esent_btree_move_prev(&c) : esent_btree_move_last(&c);
        err = JET_errSuccess;
        /* pool entries (5-byte keys) sort after every general one: step back over them */
        while (at == JET_errSuccess) {
            const uint8_t *k, *d;
            uint32_t ck, cd;
            if ((at = esent_btree_current(&c, &k, &ck, &d, &cd)) < 0 || ext_decode(k, ck, d, cd, prev, &err) ||
                err < 0)
                break;
            at = esent_btree_move_prev(&c);
        }
        if (err == JET_errSuccess && at < 0 && at != JET_errNoCurrentRecord && at != JET_errRecordNotFound)
            err = at;
        if (err == JET_errSuccess && at < 0)
            prev->cpg = 0;
    }
    esent_btree_close(&c);
    return err;
}

/* Gives extent f back to the tree at fdp, which owns it. */
static JET_ERR free_extent(sp_ctx *x, uint32_t fdp, extent f)
{
    sp_tree st;
    esent_btree_cursor c;
    extent o, next, prev;
    uint8_t key[4];
    JET_ERR err = sp_load(x, fdp, &st);
    if (err < 0)
        return err;
    if (!st.multi) {
        uint32_t nbits = st.sph.cpg_primary > 1 ? st.sph.cpg_primary - 1 : 0;
        if (nbits > SINGLE_EXTENT_BITS)
            nbits = SINGLE_EXTENT_BITS;
        if (ext_first(f) <= fdp || f.last > fdp + nbits)
            return JET_errSPOwnExtCorrupted;
        for (uint32_t p = ext_first(f); p <= f.last; p++) {
            uint32_t bit = 1u << (p - fdp - 1);
            if (st.sph.avail_or_oe & bit)
                return JET_errSPAvailExtCorrupted;
            st.sph.avail_or_oe |= bit;
        }
        return sph_store(x, &st);
    }
    /* The owned extent holding f. */
    ext_key(ext_first(f), key);
    if ((err = bt_cursor_open_space(&c, x->pf, st.objid, st.oe)) < 0)
        return err;
    err = cur_extent(&c, esent_btree_seek(&c, key, 4, NULL), &o);
    esent_btree_close(&c);
    if (err == JET_errRecordNotFound || (err == JET_errSuccess && (ext_first(o) > ext_first(f) || f.last > o.last)))
        return JET_errSPOwnExtCorrupted;
    if (err < 0)
        return err;
    /* Room for the insert first: refilling the split buffer may take AE pages, so neighbours come after. */
    if ((err = ensure_split_buffer(x, &st, st.ae, f.last)) < 0)
        return err;
    if ((err = ae_neighbours(x, &st, f, &next, &prev)) < 0)
        return err;
    if ((next.cpg && ext_first(next) <= f.last) || (prev.cpg && prev.last >= ext_first(f)))
        return JET_errSPAvailExtCorrupted;   /* (part of) f is free already */
    int join_next = next.cpg && ext_first(next) == f.last + 1 && next.last <= o.last;
    int join_prev = prev.cpg && prev.last + 1 == ext_first(f) && ext_first(prev) >= ext_first(o);
    if (join_prev && join_next) {
        if ((err = sp_delete(x, &st, st.ae, prev.last)) < 0)
            return err;
        return sp_resize(x, &st, st.ae, next.last, next.cpg + f.cpg + prev.cpg);
    }
    if (join_next)
        return sp_resize(x, &st, st.ae, next.last, next.cpg + f.cpg);
    if (join_prev) {
        if ((err = sp_delete(x, &st, st.ae, prev.last)) < 0)
            return err;
        f.cpg += prev.cpg;
    }
    return sp_insert(x, &st, st.ae, f);
}

/* ---- space operations ---- */

static void op_begin(sp_ctx *x, esent_pagefile *pf)
{
    memset(x, 0, sizeof *x);
    x->pf = pf;
}

/* Frees what space trees stopped using (which may free more), then ends the operation. */
static JET_ERR op_end(sp_ctx *x, JET_ERR err)
{
    while (err >= 0 && x->n > 0) {
        struct deferred d = x->v[--x->n];
        err = free_extent(x, d.fdp, d.e);
    }
    free(x->v);
    return err;
}

JET_ERR esent_space_alloc_page(esent_pagefile *pf, uint32_t pgno_fdp, uint32_t *ppgno)
{
    sp_ctx x;
    if (pf == NULL || ppgno == NULL || pgno_fdp == 0)
        return JET_errInvalidParameter;
    if (!esent_pagefile_writable(pf))
        return JET_errPermissionDenied;
    op_begin(&x, pf);
    return op_end(&x, alloc_page(&x, pgno_fdp, ppgno));
}

JET_ERR esent_space_free_page(esent_pagefile *pf, uint32_t pgno_fdp, uint32_t pgno)
{
    sp_ctx x;
    const extent e = { pgno, 1 };
    if (pf == NULL || pgno_fdp == 0 || pgno == 0)
        return JET_errInvalidParameter;
    if (!esent_pagefile_writable(pf))
        return JET_errPermissionDenied;
    op_begin(&x, pf);
    return op_end(&x, free_extent(&x, pgno_fdp, e));
}

JET_ERR esent_space_alloc_extent(esent_pagefile *pf, uint32_t pgno_fdp_parent, uint32_t cpg, uint32_t *ppgno_first)
{
    sp_ctx x;
    extent e = { 0, 0 };
    if (pf == NULL || ppgno_first == NULL || pgno_fdp_parent == 0 || cpg == 0)
        return JET_errInvalidParameter;
    if (!esent_pagefile_writable(pf))
        return JET_errPermissionDenied;
    op_begin(&x, pf);
    JET_ERR err = op_end(&x, alloc_extent(&x, pgno_fdp_parent, cpg, cpg, &e));
    *ppgno_first = err >= 0 ? ext_first(e) : 0;
    return err;
}

JET_ERR esent_space_format(esent_pagefile *pf, uint32_t objid, uint32_t kind_flags, uint32_t pgno_fdp, uint32_t cpg)
{
    uint8_t keys[2][4], datas[2][4], sb[ESENT_SPLIT_BUFFER_SIZE];
    esent_split_buffer zero;
    const uint32_t last = pgno_fdp + cpg - 1;
    JET_ERR err = JET_errSuccess;
    if (cpg < 3)
        return JET_errInvalidParameter;
    memset(&zero, 0, sizeof zero);
    esent_split_buffer_encode(&zero, sb);
    esent_wr32be(keys[0], last);
    esent_wr32(datas[0], cpg);
    esent_wr32be(keys[1], last);
    esent_wr32(datas[1], cpg - 3);
    const bt_node nodes[2] = { { keys[0], 4, datas[0], 4 }, { keys[1], 4, datas[1], 4 } };
    for (uint32_t i = 0; i < 2 && err >= 0; i++) {
        esent_bf *bf;
        if ((err = esent_bf_new(pf, pgno_fdp + 1 + i, &bf)) < 0)
            break;
        esent_bf_dirty(pf, bf);
        err = bt_page_format(bf->page, esent_pagefile_page_size(pf), pgno_fdp + 1 + i, objid,
                             ESENT_PAGE_ROOT | ESENT_PAGE_LEAF | ESENT_PAGE_SPACE_TREE | (kind_flags & OWNER_FLAGS), 0,
                             0, sb, sizeof sb, &nodes[i], i == 1 && cpg == 3 ? 0 : 1);
        esent_bf_release(pf, bf);
    }
    return err;
}

JET_ERR esent_space_release_tree(esent_pagefile *pf, uint32_t pgno_fdp, uint32_t pgno_fdp_parent)
{
    sp_ctx x;
    sp_tree st;
    extent *owned_v = NULL;
    uint32_t n = 0, cap = 0;
    if (pf == NULL || pgno_fdp == 0)
        return JET_errInvalidParameter;
    if (!esent_pagefile_writable(pf))
        return JET_errPermissionDenied;
    op_begin(&x, pf);
    JET_ERR err = sp_load(&x, pgno_fdp, &st);
    if (err >= 0 && (st.parent == 0 || st.parent != pgno_fdp_parent))
        err = JET_errInvalidParameter;   /* not that tree's child (the database root has no parent) */
    if (err >= 0 && !st.multi) {
        const extent e = { pgno_fdp + st.sph.cpg_primary - 1, st.sph.cpg_primary };
        err = st.sph.cpg_primary == 0 ? JET_errDatabaseCorrupted : free_extent(&x, st.parent, e);
    } else if (err >= 0) {
        /* The owned extents first (the OE pages are among them), then back to the parent. */
        esent_btree_cursor c;
        extent e;
        if ((err = bt_cursor_open_space(&c, pf, st.objid, st.oe)) >= 0) {
            for (err = cur_extent(&c, esent_btree_move_first(&c), &e); err == JET_errSuccess;
                 err = cur_extent(&c, esent_btree_move_next(&c), &e)) {
                if (n == cap) {
                    cap = cap ? 2 * cap : 16;
                    extent *v = (extent *)realloc(owned_v, cap * sizeof *v);
                    if (v == NULL) {
                        err = JET_errOutOfMemory;
                        break;
                    }
                    owned_v = v;
                }
                owned_v[n++] = e;
            }
            esent_btree_close(&c);
            if (err == JET_errRecordNotFound)
                err = JET_errSuccess;
        }
        for (uint32_t i = 0; i < n && err >= 0; i++)
            err = free_extent(&x, st.parent, owned_v[i]);
    }
    free(owned_v);
    return op_end(&x, err);
}

/* ---- the database root's size (JetGrowDatabase, JetSetDatabaseSize, JetGetDatabaseInfo) ---- */

#define PGNO_DB_ROOT 1u

/* Sums the general-pool extents of space tree root (its OE or AE); *plast = the last page of the last
 * one (0 when empty). */
static JET_ERR sum_extents(esent_pagefile *pf, const sp_tree *st, uint32_t root, uint64_t *pcpg, uint32_t *plast)
{
    esent_btree_cursor c;
    extent e;
    *pcpg = 0;
    *plast = 0;
    JET_ERR err = bt_cursor_open_space(&c, pf, st->objid, root);
    if (err < 0)
        return err;
    for (err = cur_extent(&c, esent_btree_move_first(&c), &e); err == JET_errSuccess;
         err = cur_extent(&c, esent_btree_move_next(&c), &e)) {
        *pcpg += e.cpg;
        if (e.last > *plast)
            *plast = e.last;
    }
    esent_btree_close(&c);
    return err == JET_errRecordNotFound ? JET_errSuccess : err;
}

JET_ERR esent_space_info(esent_pagefile *pf, uint32_t pgno_fdp, uint64_t *pcpg_owned, uint64_t *pcpg_avail)
{
    sp_ctx x;
    sp_tree st;
    uint32_t last;
    if (pf == NULL || pgno_fdp == 0 || pcpg_owned == NULL || pcpg_avail == NULL)
        return JET_errInvalidParameter;
    *pcpg_owned = *pcpg_avail = 0;
    op_begin(&x, pf);
    JET_ERR err = sp_load(&x, pgno_fdp, &st);
    if (err >= 0 && !st.multi) {
        uint32_t nbits = st.sph.cpg_primary > 1 ? st.sph.cpg_primary - 1 : 0;
        if (nbits > SINGLE_EXTENT_BITS)
            nbits = SINGLE_EXTENT_BITS;
        *pcpg_owned = st.sph.cpg_primary;
        for (uint32_t i = 0; i < nbits; i++)
            *pcpg_avail += (st.sph.avail_or_oe >> i) & 1u;
    } else if (err >= 0) {
        err = sum_extents(pf, &st, st.oe, pcpg_owned, &last);
        if (err >= 0)
            err = sum_extents(pf, &st, st.ae, pcpg_avail, &last);
    }
    return op_end(&x, err);
}

static void put_extent(void *pv, uint32_t i, extent e)
{
    const uint32_t pair[2] = { e.last, e.cpg };
    memcpy((uint8_t *)pv + (size_t)i * sizeof pair, pair, sizeof pair);
}

JET_ERR esent_space_extents(esent_pagefile *pf, uint32_t pgno_fdp, void *pv, uint32_t cext_max, uint32_t *pcext)
{
    sp_ctx x;
    sp_tree st;
    if (pcext != NULL)
        *pcext = 0;
    if (pf == NULL || pgno_fdp == 0 || pcext == NULL || (pv == NULL && cext_max > 0))
        return JET_errInvalidParameter;
    op_begin(&x, pf);
    JET_ERR err = sp_load(&x, pgno_fdp, &st);
    if (err >= 0 && !st.multi) {
        const extent e = { pgno_fdp + st.sph.cpg_primary - 1, st.sph.cpg_primary };
        if (st.sph.cpg_primary == 0 || e.last < pgno_fdp)
            err = JET_errSPOwnExtCorrupted;
        else if (cext_max > 0)
            put_extent(pv, 0, e);
        *pcext = err >= 0 ? 1 : 0;
    } else if (err >= 0) {
        esent_btree_cursor c;
        extent e;
        if ((err = bt_cursor_open_space(&c, pf, st.objid, st.oe)) >= 0) {
            for (err = cur_extent(&c, esent_btree_move_first(&c), &e); err == JET_errSuccess;
                 err = cur_extent(&c, esent_btree_move_next(&c), &e)) {
                if (*pcext < cext_max)
                    put_extent(pv, *pcext, e);
                (*pcext)++;
            }
            esent_btree_close(&c);
            if (err == JET_errRecordNotFound)
                err = JET_errSuccess;
        }
    }
    return op_end(&x, err);
}

/* The database root owns pages 1..cpg_total: the file grows to at least that, and the pages after the
 * last one the root's OE covers become one new extent, recorded in the OE and then the AE. Refilling a
 * space tree's split buffer for those inserts may itself grow the file (get_extent_from_parent); it is done
 * first, so the new extent starts after whatever that added. */
static JET_ERR grow_database(sp_ctx *x, uint32_t cpg_total)
{
    sp_tree st;
    uint64_t cpg_owned;
    uint32_t last;
    JET_ERR err = sp_load(x, PGNO_DB_ROOT, &st);
    if (err >= 0 && (st.parent != 0 || !st.multi))
        err = JET_errDatabaseCorrupted;   /* the database root is a multiple-extent tree without a parent */
    if (err >= 0)
        err = sum_extents(x->pf, &st, st.oe, &cpg_owned, &last);
    if (err < 0 || cpg_total <= last)
        return err;
    if ((err = ensure_split_buffer(x, &st, st.oe, cpg_total)) < 0 ||
        (err = ensure_split_buffer(x, &st, st.ae, cpg_total)) < 0 ||
        (err = sum_extents(x->pf, &st, st.oe, &cpg_owned, &last)) < 0)
        return err;
    if (cpg_total <= last)
        return JET_errSuccess;
    if ((err = esent_pagefile_extend(x->pf, cpg_total)) < 0)
        return err;
    const extent e = { cpg_total, cpg_total - last };
    if ((err = sp_insert(x, &st, st.oe, e)) < 0)
        return err;
    return sp_insert(x, &st, st.ae, e);
}

JET_ERR esent_space_grow_database(esent_pagefile *pf, uint32_t cpg_total)
{
    sp_ctx x;
    if (pf == NULL)
        return JET_errInvalidParameter;
    if (!esent_pagefile_writable(pf))
        return JET_errPermissionDenied;
    if (cpg_total > 0xFFFFFF00u)
        return JET_errOutOfDatabaseSpace;   /* as get_extent_from_parent */
    op_begin(&x, pf);
    return op_end(&x, grow_database(&x, cpg_total));
}
