/* Page splits (btint.h bt_split): plan every page of the change in memory, allocate the new pages, then
 * write. Planning walks up the path: a level whose new node list fits its page is rewritten in place and
 * ends the walk; one that does not is cut into pieces (the first keeps the page, the others get new pages)
 * and the parent's list gets one node per extra piece. A root that does not fit moves its list into new
 * pieces and becomes an internal page over them (again, if that list is still too long for the root).
 *
 * Pieces:
 *   - append split: an insert at the very end of the tree leaves the old nodes together and puts the new
 *     node alone in the new page (sequential inserts fill pages completely);
 *   - otherwise the most even cut into two that fits; failing that (large nodes, or a page whose keys
 *     were prefix-compressed and no longer fit once expanded), greedy pieces left to right.
 * Separators: between leaves, the shortest prefix of the right piece's first entry (key, or key‖data in a
 * non-unique tree) that sorts after the left piece's last entry; between internal pages, the left piece's
 * last separator moves up and that node becomes the left piece's +infinity node (empty key). */
#include "storage/btint.h"

#include <stdlib.h>
#include <string.h>

#include "format/bytes.h"

/* One page to write. pw entries live in the plan's arena: their addresses never change (pgno_le is
 * pointed at by the parent's node for this page). */
typedef struct pw {
    uint32_t pgno;          /* existing page, or the new page once allocated */
    int is_new;             /* a page to allocate and format */
    uint8_t pgno_le[4];     /* pgno as internal node data, filled when known */
    uint32_t flags;         /* level and kind flags */
    const bt_node *nodes;
    uint32_t n;
    int leaf;
    struct pw *prev_piece;  /* leaves: neighbours among the pieces of the same list */
    struct pw *next_piece;
} pw;

/* What one level of the walk hands to the level above: the pieces of its page and their separators. */
typedef struct cut {
    uint32_t k;
    pw **piece;              /* k pieces */
    const uint8_t **sep;     /* sep[j], j = 1..k-1: separator between piece j-1 and j */
    uint32_t *cb_sep;
} cut;

typedef struct plan {
    bt_tree *t;
    bt_arena arena;
    pw **pages;                      /* in planning order */
    uint32_t npages, cap;
    uint32_t leaf_prev, leaf_next;   /* links of the leaf being split (0 for a root leaf) */
    pw *leaf_first, *leaf_last;      /* its pieces */
    /* The parent of the last page cut, when it takes the new nodes in place (patch_pgno != 0) instead of
     * being rewritten: its node patch_itag (the cut page's) gets piece k-1 as child, and the nodes
     * (sep[j+1], piece j), j < k-1, go in before it. */
    uint32_t patch_pgno, patch_itag;
    cut patch;
} plan;

static pw *plan_page(plan *p, uint32_t pgno_existing)
{
    if (p->npages == p->cap) {
        uint32_t cap = p->cap ? 2 * p->cap : 16;
        pw **v = (pw **)realloc(p->pages, cap * sizeof *v);
        if (v == NULL)
            return NULL;
        p->pages = v;
        p->cap = cap;
    }
    pw *w = (pw *)bt_arena_alloc(&p->arena, sizeof *w);
    if (w == NULL)
        return NULL;
    memset(w, 0, sizeof *w);
    w->pgno = pgno_existing;
    w->is_new = pgno_existing == 0;
    esent_wr32(w->pgno_le, pgno_existing);
    p->pages[p->npages++] = w;
    return w;
}

/* ---- sizes ---- */

static uint32_t cost(const bt_node *nd, int as_last_internal)
{
    return bt_node_cost(as_last_internal ? 0 : nd->cb_key, nd->cb_data);
}

/* Bytes (tags included) of nodes [a, b) as one page; internal pages write their last node keyless. */
static uint32_t span_cost(const bt_node *v, uint32_t a, uint32_t b, int internal)
{
    uint32_t c = 0;
    for (uint32_t i = a; i < b; i++)
        c += cost(&v[i], internal && i + 1 == b);
    return c;
}

static int span_fits(const bt_node *v, uint32_t a, uint32_t b, int internal, uint32_t room)
{
    return b - a + 1 <= ESENT_ITAG_MAX && span_cost(v, a, b, internal) <= room;
}

/* Cuts v[0, n) into k >= 2 pieces that fit room: first[0] = 0 < first[1] < ... < first[k] = n.
 * first has room for n + 1 entries. JET_errInternalError when one node alone does not fit. */
static JET_ERR partition(const bt_node *v, uint32_t n, int internal, uint32_t room, int append, uint32_t *first,
                         uint32_t *pk)
{
    if (n >= 2 && append && span_fits(v, 0, n - 1, internal, room) && span_fits(v, n - 1, n, internal, room)) {
        first[0] = 0, first[1] = n - 1, first[2] = n;
        *pk = 2;
        return JET_errSuccess;
    }
    /* Most even cut in two. */
    uint32_t total = span_cost(v, 0, n, internal), best = 0, best_diff = UINT32_MAX, left_full = 0;
    for (uint32_t m = 1; m < n; m++) {
        left_full += cost(&v[m - 1], 0);
        uint32_t left = left_full - cost(&v[m - 1], 0) + cost(&v[m - 1], internal);
        uint32_t right = total - left_full;
        if (left <= room && right <= room && m + 1 <= ESENT_ITAG_MAX && n - m + 1 <= ESENT_ITAG_MAX) {
            uint32_t diff = left > right ? left - right : right - left;
            if (diff < best_diff)
                best_diff = diff, best = m;
        }
    }
    if (best != 0) {
        first[0] = 0, first[1] = best, first[2] = n;
        *pk = 2;
        return JET_errSuccess;
    }
    /* Greedy: each piece takes nodes while they fit ([a, b+1) costs the full nodes a..b-1 and node b as
     * the piece's last one). */
    uint32_t k = 0, a = 0;
    while (a < n) {
        uint32_t b = a, full = 0;
        while (b < n && b - a + 2 <= ESENT_ITAG_MAX && full + cost(&v[b], internal) <= room)
            full += cost(&v[b++], 0);
        if (b == a)
            return JET_errInternalError;
        first[k++] = a;
        a = b;
    }
    first[k] = n;
    *pk = k;
    return JET_errSuccess;
}

/* ---- separators ---- */

/* The entry of a leaf node as one string: key, or key‖data in a non-unique tree (into the arena). */
static JET_ERR entry_string(plan *p, const bt_node *nd, const uint8_t **ps, uint32_t *pcb)
{
    if (p->t->unique) {
        *ps = nd->key;
        *pcb = nd->cb_key;
        return JET_errSuccess;
    }
    uint8_t *s = (uint8_t *)bt_arena_alloc(&p->arena, nd->cb_key + nd->cb_data + 1);
    if (s == NULL)
        return JET_errOutOfMemory;
    memcpy(s, nd->key, nd->cb_key);
    if (nd->cb_data)
        memcpy(s + nd->cb_key, nd->data, nd->cb_data);
    *ps = s;
    *pcb = nd->cb_key + nd->cb_data;
    return JET_errSuccess;
}

/* Shortest prefix of right's string that sorts after left's. */
static JET_ERR leaf_separator(plan *p, const bt_node *left, const bt_node *right, const uint8_t **psep, uint32_t *pcb)
{
    const uint8_t *l, *r;
    uint32_t cl, cr, i = 0;
    JET_ERR err;
    if ((err = entry_string(p, left, &l, &cl)) < 0 || (err = entry_string(p, right, &r, &cr)) < 0)
        return err;
    while (i < cl && i < cr && l[i] == r[i])
        i++;
    if (i == cr || (i < cl && l[i] > r[i]))
        return JET_errDatabaseCorrupted;   /* right does not sort after left */
    *psep = r;
    *pcb = i + 1;
    return JET_errSuccess;
}

/* ---- planning ---- */

/* Cuts list v[0, n) into pieces for pages of one level (leaf or internal, flags). The first piece is
 * existing page pgno_keep (0: every piece is new). Internal pieces lose their last node's key (it moves up
 * as the separator, or is the list's +infinity node). */
static JET_ERR cut_list(plan *p, bt_node *v, uint32_t n, int leaf, uint32_t flags, uint32_t pgno_keep, int append,
                        cut *c)
{
    uint32_t room = bt_page_room(p->t->cb_page, 0), k = 0;
    uint32_t *first = (uint32_t *)bt_arena_alloc(&p->arena, (n + 1) * sizeof *first);
    if (first == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = partition(v, n, !leaf, room, append, first, &k);
    if (err < 0)
        return err;
    c->k = k;
    c->piece = (pw **)bt_arena_alloc(&p->arena, k * sizeof *c->piece);
    c->sep = (const uint8_t **)bt_arena_alloc(&p->arena, k * sizeof *c->sep);
    c->cb_sep = (uint32_t *)bt_arena_alloc(&p->arena, k * sizeof *c->cb_sep);
    if (c->piece == NULL || c->sep == NULL || c->cb_sep == NULL)
        return JET_errOutOfMemory;
    for (uint32_t j = 0; j < k; j++) {
        pw *w = plan_page(p, j == 0 ? pgno_keep : 0);
        if (w == NULL)
            return JET_errOutOfMemory;
        w->flags = flags;
        w->leaf = leaf;
        w->nodes = v + first[j];
        w->n = first[j + 1] - first[j];
        if (j > 0) {
            if (leaf) {
                err = leaf_separator(p, &v[first[j] - 1], &v[first[j]], &c->sep[j], &c->cb_sep[j]);
                if (err < 0)
                    return err;
                c->piece[j - 1]->next_piece = w;
                w->prev_piece = c->piece[j - 1];
            } else {
                bt_node *last = &v[first[j] - 1];
                c->sep[j] = last->key;
                c->cb_sep[j] = last->cb_key;
                last->key = NULL;
                last->cb_key = 0;
            }
        }
        c->piece[j] = w;
    }
    if (!leaf)
        v[n - 1].key = NULL, v[n - 1].cb_key = 0;
    return JET_errSuccess;
}

/* The nodes that replace a parent's node for a cut child: (sep[1], piece 0) ... (sep[k-1], piece k-2),
 * (the old separator, piece k-1). */
static void splice_nodes(const cut *c, const bt_node *old, bt_node *out)
{
    for (uint32_t j = 0; j < c->k; j++) {
        out[j].key = j + 1 < c->k ? c->sep[j + 1] : old->key;
        out[j].cb_key = j + 1 < c->k ? c->cb_sep[j + 1] : old->cb_key;
        out[j].data = c->piece[j]->pgno_le;
        out[j].cb_data = 4;
    }
}

/* Page pgno of the tree, pinned for a look: its flags, node count and tag 0 size. */
static JET_ERR peek(plan *p, uint32_t pgno, int expect, uint32_t *pflags, uint32_t *pctag, uint32_t *pcb_tag0)
{
    bt_pg pg;
    const uint8_t *t0;
    uint32_t f;
    JET_ERR err = bt_pg_get(p->t, pgno, expect, &pg);
    if (err < 0)
        return err;
    *pflags = pg.v.hdr.flags;
    *pctag = pg.v.ctag;
    if (esent_page_tag(&pg.v, 0, &t0, pcb_tag0, &f) != JET_errSuccess)
        err = JET_errDatabaseCorrupted;
    bt_pg_put(p->t, &pg);
    return err;
}

/* The nodes of internal page pgno, in a list with room for extra more. */
static JET_ERR read_list(plan *p, uint32_t pgno, uint32_t extra, bt_node **pv, uint32_t *pn)
{
    bt_pg pg;
    JET_ERR err = bt_pg_get(p->t, pgno, BT_EXPECT_INTERNAL, &pg);
    if (err < 0)
        return err;
    *pv = (bt_node *)bt_arena_alloc(&p->arena, (pg.v.ctag + extra) * sizeof(bt_node));
    err = *pv == NULL ? JET_errOutOfMemory : bt_page_nodes(&pg, 0, &p->arena, *pv, pn);
    bt_pg_put(p->t, &pg);
    return err;
}

/* The node a cut adds to its parent for piece j < k - 1: separator sep[j+1], child piece j. */
static bt_node patch_node(const cut *c, uint32_t j)
{
    const bt_node nd = { c->sep[j + 1], c->cb_sep[j + 1], c->piece[j]->pgno_le, 4 };
    return nd;
}

/* *pfits = internal page pgno (whose node itag is the cut page child) has room for the k - 1 nodes the cut
 * adds, taken exactly as esent_page_insert_node will take them (the tags' sizes, not cbFree). */
static JET_ERR parent_fits(plan *p, uint32_t pgno, uint32_t itag, uint32_t child, const cut *c, int *pfits)
{
    bt_pg pg;
    esent_node n;
    uint32_t used, need = 0;
    *pfits = 0;
    JET_ERR err = bt_pg_get(p->t, pgno, BT_EXPECT_INTERNAL, &pg);
    if (err < 0)
        return err;
    err = JET_errDatabaseCorrupted;
    if (itag < pg.v.ctag && esent_page_node(&pg.v, itag, &n) == JET_errSuccess && n.cb_data == 4 &&
        esent_rd32(n.data) == child && esent_page_cb_used(&pg.v, &used) == JET_errSuccess) {
        err = JET_errSuccess;
        for (uint32_t j = 0; j + 1 < c->k; j++) {
            bt_node nd = patch_node(c, j);
            need += bt_node_cost(nd.cb_key, nd.cb_data);
        }
        /* inserting m nodes one by one: each needs used + its size + 4 <= the room left by ctag tags, so
         * the last one decides: used + Σ(size + 4) <= cb_page - header - 4 * ctag */
        *pfits = pg.v.ctag + (c->k - 1) <= ESENT_ITAG_MAX && used + need <= pg.v.cb_data_max;
    }
    bt_pg_put(p->t, &pg);
    return err;
}

/* Applies plan_split's in-place parent change (the pieces' pages are allocated, so their pgnos are known). */
static JET_ERR patch_parent(plan *p)
{
    bt_tree *t = p->t;
    const cut *c = &p->patch;
    bt_pg pg;
    esent_node n;
    uint32_t cb;
    uint8_t *buf = (uint8_t *)bt_arena_alloc(&p->arena, t->cb_page);   /* any node fits a page */
    if (buf == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = bt_pg_get(t, p->patch_pgno, BT_EXPECT_INTERNAL, &pg);
    if (err < 0)
        return err;
    /* the cut page's node keeps its key (and prefix compression) and gets the last piece as child */
    if (esent_page_node(&pg.v, p->patch_itag, &n) != JET_errSuccess || n.cb_data != 4) {
        bt_pg_put(t, &pg);
        return JET_errDatabaseCorrupted;
    }
    err = esent_node_encode(n.cb_prefix, n.suffix, n.cb_suffix, c->piece[c->k - 1]->pgno_le, 4, buf, t->cb_page, &cb);
    bt_pg_dirty(t, &pg);
    if (err >= 0)
        err = esent_page_replace_node(pg.bf->page, t->cb_page, p->patch_itag, buf, cb, n.flags);
    for (uint32_t j = 0; err >= 0 && j + 1 < c->k; j++) {
        bt_node nd = patch_node(c, j);
        err = esent_node_encode(0, nd.key, nd.cb_key, nd.data, nd.cb_data, buf, t->cb_page, &cb);
        if (err >= 0)
            err = esent_page_insert_node(pg.bf->page, t->cb_page, p->patch_itag + j, buf, cb, 0);
    }
    bt_pg_put(t, &pg);
    return err;
}

/* 1 when every internal level of the path followed its page's last node: the path runs along the right
 * edge of the tree. */
static JET_ERR right_edge(plan *p, const bt_path *path, int *pedge)
{
    *pedge = 1;
    for (uint32_t l = 0; l + 1 < path->depth && *pedge; l++) {
        uint32_t flags, ctag, cb0;
        JET_ERR err = peek(p, path->pgno[l], BT_EXPECT_INTERNAL, &flags, &ctag, &cb0);
        if (err < 0)
            return err;
        *pedge = path->itag[l] == ctag - 1;
    }
    return JET_errSuccess;
}

/* Plans the whole change, from the leaf's new list v[0, n) up. */
static JET_ERR plan_split(plan *p, const bt_path *path, bt_node *v, uint32_t n, int append)
{
    uint32_t level = path->depth - 1, kind = p->t->kind_flags;
    uint32_t level_flags = ESENT_PAGE_LEAF;
    int leaf = 1;
    JET_ERR err;

    for (;;) {
        int is_root = level == 0;
        uint32_t pgno = path->pgno[level], cb_tag0 = 0, flags, ctag;
        if (is_root && (err = peek(p, pgno, BT_EXPECT_ANY, &flags, &ctag, &cb_tag0)) < 0)
            return err;   /* the root keeps its tag 0 (SPACE_HEADER or split buffer): less room */
        if (!leaf)
            v[n - 1].key = NULL, v[n - 1].cb_key = 0;   /* the page's +infinity node */
        if (span_fits(v, 0, n, !leaf, bt_page_room(p->t->cb_page, cb_tag0))) {
            pw *w = plan_page(p, pgno);
            if (w == NULL)
                return JET_errOutOfMemory;
            w->flags = level_flags | (is_root ? ESENT_PAGE_ROOT : 0) | kind;
            w->leaf = leaf;
            w->nodes = v;
            w->n = n;
            if (leaf)
                p->leaf_first = p->leaf_last = w;
            return JET_errSuccess;
        }
        cut c;
        if ((err = cut_list(p, v, n, leaf, level_flags | kind, is_root ? 0 : pgno, append, &c)) < 0)
            return err;
        if (leaf) {
            p->leaf_first = c.piece[0];
            p->leaf_last = c.piece[c.k - 1];
        }
        if (is_root) {
            /* The root keeps its page and becomes an internal page over the pieces (which, if that list
             * is still too long, are cut again on the next round: the tree grows a level each time). */
            bt_node *rv = (bt_node *)bt_arena_alloc(&p->arena, c.k * sizeof *rv);
            const bt_node inf = { NULL, 0, NULL, 0 };
            if (rv == NULL)
                return JET_errOutOfMemory;
            splice_nodes(&c, &inf, rv);
            level_flags = leaf ? ESENT_PAGE_PARENT_OF_LEAF : 0;
            v = rv;
            n = c.k;
        } else {
            uint32_t pn, ci = path->itag[level - 1] - 1, ctag_parent, cb0;
            bt_node *pv, old;
            int fits;
            if ((err = parent_fits(p, path->pgno[level - 1], path->itag[level - 1], pgno, &c, &fits)) < 0)
                return err;
            if (fits) {
                /* the usual case: the parent takes the new separators in place, no rewrite */
                p->patch_pgno = path->pgno[level - 1];
                p->patch_itag = path->itag[level - 1];
                p->patch = c;
                return JET_errSuccess;
            }
            if ((err = read_list(p, path->pgno[level - 1], c.k, &pv, &pn)) < 0)
                return err;
            if (ci >= pn)
                return JET_errDatabaseCorrupted;
            old = pv[ci];
            memmove(&pv[ci + c.k], &pv[ci + 1], (pn - ci - 1) * sizeof *pv);
            splice_nodes(&c, &old, &pv[ci]);
            v = pv;
            n = pn + c.k - 1;
            level--;
            /* an existing internal page keeps its parent-of-leaf flag */
            if ((err = peek(p, path->pgno[level], BT_EXPECT_INTERNAL, &flags, &ctag_parent, &cb0)) < 0)
                return err;
            level_flags = flags & ESENT_PAGE_PARENT_OF_LEAF;
        }
        leaf = 0;
    }
}

/* ---- applying ---- */

/* Allocates every new page; on failure gives back those already taken. */
static JET_ERR allocate(plan *p)
{
    for (uint32_t i = 0; i < p->npages; i++) {
        pw *w = p->pages[i];
        if (!w->is_new)
            continue;
        JET_ERR err = p->t->alloc(p->t, &w->pgno);
        if (err < 0) {
            for (uint32_t j = 0; j < i; j++)
                if (p->pages[j]->is_new)
                    (void)p->t->release(p->t, p->pages[j]->pgno);
            return err;
        }
        esent_wr32(w->pgno_le, w->pgno);
    }
    return JET_errSuccess;
}

static JET_ERR write_page(plan *p, const pw *w)
{
    bt_tree *t = p->t;
    esent_bf *bf;
    uint8_t *t0 = NULL;
    uint32_t cb_t0 = 0, prev = 0, next = 0;
    JET_ERR err = w->is_new ? esent_bf_new(t->pf, w->pgno, &bf) : esent_bf_get(t->pf, w->pgno, &bf);
    if (err < 0)
        return err;
    if (w->flags & ESENT_PAGE_ROOT) {
        /* the root's tag 0 as it is now (allocation may have changed it) */
        esent_page_view v;
        const uint8_t *pt0;
        uint32_t f;
        if (esent_page_view_init(&v, bf->page, t->cb_page) < 0 || esent_page_tag(&v, 0, &pt0, &cb_t0, &f) < 0)
            err = JET_errDatabaseCorrupted;
        else if ((t0 = (uint8_t *)malloc(cb_t0 + 1)) == NULL)
            err = JET_errOutOfMemory;
        else
            memcpy(t0, pt0, cb_t0);
    }
    if (w->leaf) {
        prev = w->prev_piece ? w->prev_piece->pgno : p->leaf_prev;
        next = w->next_piece ? w->next_piece->pgno : p->leaf_next;
    }
    if (err >= 0) {
        esent_bf_dirty(t->pf, bf);
        err = bt_page_format(bf->page, t->cb_page, w->pgno, t->objid, w->flags, prev, next, t0, cb_t0, w->nodes, w->n);
    }
    free(t0);
    esent_bf_release(t->pf, bf);
    return err;
}

/* The leaf after the split leaf now follows the last piece. */
static JET_ERR relink_right(plan *p)
{
    bt_pg pg;
    if (p->leaf_next == 0 || p->leaf_last == p->leaf_first)
        return JET_errSuccess;
    JET_ERR err = bt_pg_get(p->t, p->leaf_next, BT_EXPECT_LEAF, &pg);
    if (err < 0)
        return err;
    bt_pg_dirty(p->t, &pg);
    bt_page_set_links(pg.bf->page, p->t->cb_page, p->leaf_last->pgno, pg.v.hdr.pgno_next);
    bt_pg_put(p->t, &pg);
    return JET_errSuccess;
}

JET_ERR bt_split(bt_tree *t, const bt_path *path, bt_pg *leaf, uint32_t pos, int op, const bt_node *node)
{
    plan p;
    uint32_t n = 0;
    int edge = 0;

    memset(&p, 0, sizeof p);
    p.t = t;
    int root_leaf = leaf->pgno == t->pgno_root;
    p.leaf_prev = root_leaf ? 0 : leaf->v.hdr.pgno_prev;
    p.leaf_next = root_leaf ? 0 : leaf->v.hdr.pgno_next;
    bt_node *v = (bt_node *)bt_arena_alloc(&p.arena, (leaf->v.ctag + 1) * sizeof *v);
    JET_ERR err = v == NULL ? JET_errOutOfMemory : bt_page_nodes(leaf, 1, &p.arena, v, &n);
    bt_pg_put(t, leaf);
    if (err >= 0 && (op == BT_INSERT ? pos > n : pos >= n))
        err = JET_errInternalError;
    if (err >= 0) {
        if (op == BT_INSERT) {
            memmove(&v[pos + 1], &v[pos], (n - pos) * sizeof *v);
            n++;
        }
        v[pos] = *node;
        err = right_edge(&p, path, &edge);
    }
    if (err >= 0)
        err = plan_split(&p, path, v, n, op == BT_INSERT && pos == n - 1 && p.leaf_next == 0 && edge);
    if (err >= 0)
        err = allocate(&p);
    /* From here on pages change; an error leaves a half-written split (the file is DirtyShutdown). */
    for (uint32_t i = 0; err >= 0 && i < p.npages; i++)
        err = write_page(&p, p.pages[i]);
    if (err >= 0 && p.patch_pgno != 0)
        err = patch_parent(&p);
    if (err >= 0)
        err = relink_right(&p);
    free(p.pages);
    bt_arena_free(&p.arena);
    return err;
}
