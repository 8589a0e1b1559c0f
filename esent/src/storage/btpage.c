/* Pinned and validated tree pages, node comparison, descents, node lists and page rebuilds (btint.h). */
#include "storage/btint.h"

#include <stdlib.h>
#include <string.h>

#include "format/bytes.h"
#include "format/checksum.h"
#include "format/key.h"

void bt_tree_init(bt_tree *t, esent_pagefile *pf, uint32_t objid, uint32_t pgno_root, int space_tree)
{
    memset(t, 0, sizeof *t);
    t->pf = pf;
    t->objid = objid;
    t->pgno_root = pgno_root;
    t->cb_page = esent_pagefile_page_size(pf);
    t->space_tree = space_tree;
    t->unique = 1;
}

/* ---- pages ---- */

JET_ERR bt_pg_get(const bt_tree *t, uint32_t pgno, int expect, bt_pg *pg)
{
    return bt_pg_get_release(t, pgno, expect, NULL, pg);
}

JET_ERR bt_pg_get_release(const bt_tree *t, uint32_t pgno, int expect, esent_bf *release, bt_pg *pg)
{
    JET_ERR err;
    esent_bf *bf;

    pg->bf = NULL;
    pg->pgno = 0;
    if (pgno == 0 || pgno > esent_pagefile_page_count(t->pf)) {
        esent_bf_release(t->pf, release);
        return JET_errDatabaseCorrupted;
    }
    if ((err = esent_bf_get_release(t->pf, pgno, release, &bf)) != JET_errSuccess)
        return err;
    /* The header and the end of the tag array are read next, the tags by every search: load them together
     * (a leaf of a few dozen nodes has all its tags in the page's last 4 lines). */
    ESENT_PREFETCH(bf->page);
    for (uint32_t i = 1; i <= 4; i++)
        ESENT_PREFETCH(bf->page + t->cb_page - 64u * i);
    return bt_pg_adopt(t, bf, pgno, expect, pg);
}

JET_ERR bt_pg_adopt(const bt_tree *t, esent_bf *bf, uint32_t pgno, int expect, bt_pg *pg)
{
    uint32_t flags;
    int leaf;

    pg->bf = bf;
    pg->pgno = pgno;
    if (esent_page_view_init(&pg->v, bf->page, t->cb_page) != JET_errSuccess)
        goto bad;
    flags = pg->v.hdr.flags;
    leaf = (flags & ESENT_PAGE_LEAF) != 0;
    if (pg->v.hdr.objid_fdp != t->objid || (flags & ESENT_PAGE_EMPTY) != 0)
        goto bad;
    if (((flags & ESENT_PAGE_SPACE_TREE) != 0) != (t->space_tree != 0))
        goto bad;
    if (((flags & ESENT_PAGE_ROOT) != 0) != (pgno == t->pgno_root))
        goto bad;
    if ((expect == BT_EXPECT_LEAF && !leaf) || (expect == BT_EXPECT_INTERNAL && leaf))
        goto bad;
    if (leaf && (flags & ESENT_PAGE_PARENT_OF_LEAF) != 0)
        goto bad;
    return JET_errSuccess;
bad:
    bt_pg_put(t, pg);
    return JET_errDatabaseCorrupted;
}

void bt_pg_put(const bt_tree *t, bt_pg *pg)
{
    if (pg->bf != NULL)
        esent_bf_release(t->pf, pg->bf);
    pg->bf = NULL;
    pg->pgno = 0;
}

void bt_pg_dirty(const bt_tree *t, bt_pg *pg)
{
    esent_bf_dirty(t->pf, pg->bf);
    pg->v.hdr.dbtime_dirtied = esent_page_dbtime(pg->bf->page);
}

JET_ERR bt_pg_reload(bt_pg *pg, uint32_t cb_page)
{
    return esent_page_view_init(&pg->v, pg->bf->page, cb_page) == JET_errSuccess ? JET_errSuccess
                                                                                 : JET_errDatabaseCorrupted;
}

/* ---- comparisons ---- */

/* a1‖a2 against b1‖b2 as byte strings, a proper prefix first. */
static int cmp_split(const uint8_t *a1, uint32_t na1, const uint8_t *a2, uint32_t na2, const uint8_t *b1, uint32_t nb1,
                     const uint8_t *b2, uint32_t nb2)
{
    uint32_t na = na1 + na2, nb = nb1 + nb2, i = 0;
    while (i < na && i < nb) {
        const uint8_t *pa = i < na1 ? a1 + i : a2 + (i - na1);
        const uint8_t *pb = i < nb1 ? b1 + i : b2 + (i - nb1);
        uint32_t ra = i < na1 ? na1 - i : na - i;
        uint32_t rb = i < nb1 ? nb1 - i : nb - i;
        uint32_t n = ra < rb ? ra : rb;
        int c = memcmp(pa, pb, n);
        if (c != 0)
            return c;
        i += n;
    }
    return na > i ? 1 : (nb > i ? -1 : 0);
}

/* a against b as byte strings, a proper prefix first (esent_key_compare's order, inline: keys are short,
 * a library call costs more than the comparison). Equal 8-byte words are skipped a word at a time. */
static inline int cmp_bytes(const uint8_t *a, uint32_t na, const uint8_t *b, uint32_t nb)
{
    uint32_t n = na < nb ? na : nb, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* the first differing byte decides: compare the words as big-endian numbers */
            return __builtin_bswap64(x) < __builtin_bswap64(y) ? -1 : 1;
#else
            break;
#endif
        }
    }
    for (; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return (na > nb) - (na < nb);
}

int bt_cmp_entry(const esent_node *n, const bt_target *tg)
{
    /* an uncompressed node (all this writer makes) is one memcmp */
    int c = n->cb_prefix == 0 ? cmp_bytes(n->suffix, n->cb_suffix, tg->key, tg->cb_key)
                              : cmp_split(n->prefix, n->cb_prefix, n->suffix, n->cb_suffix, tg->key, tg->cb_key, NULL, 0);
    if (c == 0 && tg->use_data)
        c = cmp_bytes(n->data, n->cb_data, tg->data, tg->cb_data);
    return c;
}

int bt_cmp_separator(const esent_node *n, const bt_target *tg)
{
    if (n->cb_prefix == 0 && !tg->use_data)
        return cmp_bytes(n->suffix, n->cb_suffix, tg->key, tg->cb_key);
    return cmp_split(n->prefix, n->cb_prefix, n->suffix, n->cb_suffix, tg->key, tg->cb_key,
                     tg->use_data ? tg->data : NULL, tg->use_data ? tg->cb_data : 0);
}

/* ---- descent ---- */

/* The first node in [lo, hi) after tg, else hi, by binary search: on a leaf (leaf != 0) the first entry >= tg
 * in entry order (bt_cmp_entry), on an internal page the first separator > tg (bt_cmp_separator); the nodes
 * are in that order. 1 <= lo and hi <= ctag (the caller's range), so every probe is a node of the page.
 * Inline in both callers, with leaf a constant. */
static inline JET_ERR page_search(const esent_page_view *pv, const bt_target *ptg, uint32_t lo, uint32_t hi, int leaf,
                                  uint32_t *pitag)
{
    /* Local copies: nothing the loop calls can change them, so their fields stay in registers. */
    const esent_page_probe p = esent_page_probe_of(pv);
    const bt_target tg = *ptg;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const uint8_t *key;
        uint32_t cb_key;
        int c;
        /* the next probe is one of these two: start loading both while this one is compared */
        ESENT_PREFETCH(esent_page_probe_hint(&p, lo + (mid - lo) / 2));
        ESENT_PREFETCH(esent_page_probe_hint(&p, mid + 1 + (hi - mid - 1) / 2));
        JET_ERR r = esent_page_node_key(&p, mid, &key, &cb_key);
        if (r > 0 && !tg.use_data) {
            /* an uncompressed node against a key alone: both orders are the bytes' order */
            c = cmp_bytes(key, cb_key, tg.key, tg.cb_key);
        } else {
            esent_node n;
            if (r < 0 || esent_page_node(pv, mid, &n) != JET_errSuccess)
                return JET_errDatabaseCorrupted;
            c = leaf ? bt_cmp_entry(&n, &tg) : bt_cmp_separator(&n, &tg);
        }
        if (leaf ? c >= 0 : c > 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    *pitag = lo;
    return JET_errSuccess;
}

/* The node to follow on an internal page (ctag >= 2): the first separator > tg among nodes 1..ctag-2, else
 * ctag-1. */
static JET_ERR internal_search(const bt_pg *pg, const bt_target *tg, uint32_t *pitag)
{
    return page_search(&pg->v, tg, 1, pg->v.ctag - 1, 0, pitag);
}

/* tg as the tree compares it: data counts only in a non-unique tree. */
static bt_target effective(const bt_tree *t, const bt_target *tg)
{
    bt_target e = *tg;
    e.use_data = tg->use_data && !t->unique;
    return e;
}

JET_ERR bt_descend(bt_tree *t, int mode, const bt_target *tg_in, bt_path *path, bt_pg *leaf)
{
    uint32_t pgno = t->pgno_root, cpg = esent_pagefile_page_count(t->pf);
    int expect = BT_EXPECT_ANY;
    bt_target tg = { NULL, 0, NULL, 0, 0 };
    bt_pg pg;
    /* The page the descent comes from stays pinned until its child is pinned, in one cache call. */
    esent_bf *from = t->unpin;
    JET_ERR err;

    t->unpin = NULL;
    path->depth = 0;
    leaf->bf = NULL;
    for (;;) {
        uint32_t itag, flags;
        esent_node n;

        err = path->depth == ESENT_BTREE_DEPTH_MAX ? JET_errDatabaseCorrupted : JET_errSuccess;
        for (uint32_t i = 0; i < path->depth; i++)
            if (path->pgno[i] == pgno)
                err = JET_errDatabaseCorrupted;
        if (err != JET_errSuccess) {
            esent_bf_release(t->pf, from);
            return err;
        }
        if ((err = bt_pg_get_release(t, pgno, expect, from, &pg)) != JET_errSuccess)
            return err;
        from = NULL;
        flags = pg.v.hdr.flags;
        if (path->depth == 0) {
            t->kind_flags = flags & BT_KIND_FLAGS;
            t->unique = t->space_tree || !(flags & ESENT_PAGE_NON_UNIQUE_KEYS);
            if (mode == BT_TARGET)
                tg = effective(t, tg_in);
        }
        path->pgno[path->depth] = pgno;
        path->ctag[path->depth] = pg.v.ctag;
        if (flags & ESENT_PAGE_LEAF) {
            path->itag[path->depth++] = 0;
            *leaf = pg;
            return JET_errSuccess;
        }
        if (pg.v.ctag < 2) {
            bt_pg_put(t, &pg);
            return JET_errDatabaseCorrupted; /* an internal page without a child */
        }
        itag = mode == BT_FIRST ? 1 : pg.v.ctag - 1;
        err = JET_errSuccess;
        if (mode == BT_TARGET) {
            err = internal_search(&pg, &tg, &itag);
        } else if (mode == BT_FRACTION) {
            uint64_t nchild = pg.v.ctag - 1, i = path->denom ? path->num * nchild / path->denom : 0;
            if (i >= nchild)
                i = nchild - 1;
            path->num = path->num * nchild - i * path->denom;
            itag = (uint32_t)i + 1;
        }
        if (err == JET_errSuccess && (esent_page_node(&pg.v, itag, &n) != JET_errSuccess || n.cb_data != 4))
            err = JET_errDatabaseCorrupted;
        if (err == JET_errSuccess) {
            pgno = esent_rd32(n.data);
            if (pgno == 0 || pgno > cpg)
                err = JET_errDatabaseCorrupted;
        }
        if (err != JET_errSuccess) {
            bt_pg_put(t, &pg);
            return err;
        }
        from = pg.bf;   /* released when the child is pinned */
        path->itag[path->depth++] = itag;
        expect = (flags & ESENT_PAGE_PARENT_OF_LEAF) ? BT_EXPECT_LEAF : BT_EXPECT_INTERNAL;
    }
}

/* Used bytes of a leaf (data area and tags) up to which a search loads the whole of them first. */
#define LEAF_PREFETCH_MOST 8192u

/* Starts loading every line of the leaf a search is about to probe: its used data area [0, ibMicFree) and its
 * tag array. The probes read nodes at unrelated places of the page one after another, and on a leaf that is not
 * in the processor's caches each waits for its line; asked for at once, the lines arrive together (about a
 * tenth more random lookups per second at 1,000,000 rows: docs/performance.md). Measured on 8 KiB pages: a
 * larger used area is left to the probes' own hints. Addresses only, all inside the page; nothing is read. */
static void prefetch_leaf(const esent_page_view *v)
{
    const esent_page_probe p = esent_page_probe_of(v);
    const uint32_t cb_tags = ESENT_TAG_SIZE * p.ctag;
    if (p.ib_mic_free + cb_tags > LEAF_PREFETCH_MOST)
        return;
    for (uint32_t off = 0; off < p.ib_mic_free; off += 64)
        ESENT_PREFETCH(p.data + off);
    for (uint32_t off = 0; off < cb_tags; off += 64)
        ESENT_PREFETCH(p.tags - cb_tags + off);
}

JET_ERR bt_leaf_search(const bt_tree *t, const bt_pg *pg, const bt_target *tg_in, uint32_t *pitag)
{
    const bt_target tg = effective(t, tg_in);
    prefetch_leaf(&pg->v);
    return page_search(&pg->v, &tg, 1, pg->v.ctag, 1, pitag);
}

/* ---- node lists ---- */

uint32_t bt_node_cost(uint32_t cb_key, uint32_t cb_data)
{
    return esent_node_size(0, cb_key, cb_data) + ESENT_TAG_SIZE;
}

struct bt_arena_block {
    struct bt_arena_block *next;
    uint32_t used, size;
    uint64_t bytes[];         /* 8-byte aligned */
};

#define BT_ARENA_BLOCK 65536u

void *bt_arena_alloc(bt_arena *a, uint32_t cb)
{
    struct bt_arena_block *b = a->head;
    cb = (cb + 7u) & ~7u;   /* every allocation 8-byte aligned (the blocks' bytes are) */
    if (b == NULL || b->size - b->used < cb) {
        uint32_t size = cb > BT_ARENA_BLOCK ? cb : BT_ARENA_BLOCK;
        b = (struct bt_arena_block *)malloc(sizeof *b + size);
        if (b == NULL)
            return NULL;
        b->next = a->head;
        b->used = 0;
        b->size = size;
        a->head = b;
    }
    void *p = (uint8_t *)b->bytes + b->used;
    b->used += cb;
    return p;
}

void bt_arena_free(bt_arena *a)
{
    while (a->head != NULL) {
        struct bt_arena_block *b = a->head;
        a->head = b->next;
        free(b);
    }
}

JET_ERR bt_page_nodes(const bt_pg *pg, int skip_deleted, bt_arena *a, bt_node *out, uint32_t *pn)
{
    uint32_t n = 0;
    for (uint32_t itag = 1; itag < pg->v.ctag; itag++) {
        esent_node nd;
        if (esent_page_node(&pg->v, itag, &nd) != JET_errSuccess)
            return JET_errDatabaseCorrupted;
        if (skip_deleted && (nd.flags & ESENT_ND_DELETED))
            continue;
        uint32_t cb_key = nd.cb_prefix + nd.cb_suffix;
        uint8_t *p = (uint8_t *)bt_arena_alloc(a, cb_key + nd.cb_data + 1);
        if (p == NULL)
            return JET_errOutOfMemory;
        if (esent_node_key(&nd, p, cb_key, &cb_key) != JET_errSuccess)
            return JET_errDatabaseCorrupted;
        if (nd.cb_data)
            memcpy(p + cb_key, nd.data, nd.cb_data);
        out[n].key = p;
        out[n].cb_key = cb_key;
        out[n].data = p + cb_key;
        out[n].cb_data = nd.cb_data;
        n++;
    }
    *pn = n;
    return JET_errSuccess;
}

uint32_t bt_page_room(uint32_t cb_page, uint32_t cb_tag0)
{
    uint32_t hdr = cb_page > ESENT_PAGE_SMALL_MAX ? ESENT_PGHDR2_SIZE : ESENT_PGHDR_SIZE;
    return cb_page - hdr - ESENT_TAG_SIZE - cb_tag0;
}

JET_ERR bt_page_format(uint8_t *page, uint32_t cb_page, uint32_t pgno, uint32_t objid, uint32_t flags, uint32_t prev,
                       uint32_t next, const uint8_t *tag0, uint32_t cb_tag0, const bt_node *nodes, uint32_t n)
{
    esent_pghdr h;
    JET_ERR err;
    uint8_t t0[64];   /* tag 0 is copied first since it may point into the page (a root's external header) */
    uint8_t *t0_heap = NULL, *pt0 = t0;
    if (cb_tag0 > sizeof t0 && (pt0 = t0_heap = (uint8_t *)malloc(cb_tag0)) == NULL)
        return JET_errOutOfMemory;
    if (cb_tag0)
        memcpy(pt0, tag0, cb_tag0);
    memset(&h, 0, sizeof h);
    h.dbtime_dirtied = esent_page_dbtime(page);
    h.pgno_prev = prev;
    h.pgno_next = next;
    h.objid_fdp = objid;
    h.flags = flags | BT_BASE_FLAGS;
    h.pgno = pgno;
    err = esent_page_init(page, cb_page, &h);
    if (err >= 0 && cb_tag0)
        err = esent_page_set_tag0(page, cb_page, pt0, cb_tag0);
    if (err >= 0)
        err = esent_page_append_entries(page, cb_page, nodes, n);
    free(t0_heap);
    return err;
}

void bt_page_set_links(uint8_t *page, uint32_t cb_page, uint32_t prev, uint32_t next)
{
    esent_pghdr h;
    if (esent_pghdr_decode(page, cb_page, &h) != JET_errSuccess)
        return;
    h.pgno_prev = prev;
    h.pgno_next = next;
    esent_pghdr_encode(&h, page, cb_page);
}
