/* B-tree cursors (btree.h): moves, seeks, positions over a tree that may change between calls. */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "format/key.h"
#include "storage/btint.h"

/* The last esent_btree_cursor.serial handed out (see btree.h). */
static volatile LONG64 g_serial;

JET_ERR esent_btree_open(esent_btree_cursor *c, esent_pagefile *pf, uint32_t objid, uint32_t pgno_root)
{
    uint32_t cb;

    if (c == NULL)
        return JET_errInvalidParameter;
    memset(c, 0, sizeof *c);
    if (pf == NULL || pgno_root == 0)
        return JET_errInvalidParameter;
    cb = esent_pagefile_page_size(pf);
    c->pf = pf;
    c->objid = objid;
    c->pgno_root = pgno_root;
    c->unique = 1;
    c->serial = (uint64_t)InterlockedIncrement64(&g_serial);
    c->key = (uint8_t *)malloc(cb);
    c->data = (uint8_t *)malloc(cb);
    if (c->key == NULL || c->data == NULL) {
        esent_btree_close(c);
        return JET_errOutOfMemory;
    }
    return JET_errSuccess;
}

/* Lets go of the held leaf. */
static void release_held(esent_btree_cursor *c)
{
    if (c->held != NULL)
        esent_bf_release(c->pf, c->held);
    c->held = NULL;
}

void esent_btree_close(esent_btree_cursor *c)
{
    if (c == NULL)
        return;
    release_held(c);
    free(c->key);
    free(c->data);
    memset(c, 0, sizeof *c);
}

static void unposition(esent_btree_cursor *c)
{
    release_held(c);
    c->pgno = 0;
    c->itag = 0;
    c->dbtime = 0;
    c->deleted = 0;
    c->cb_key = 0;
    c->cb_data = 0;
    c->copy_gen++;
}

JET_ERR bt_cursor_open_space(esent_btree_cursor *c, esent_pagefile *pf, uint32_t objid, uint32_t pgno_root)
{
    JET_ERR err = esent_btree_open(c, pf, objid, pgno_root);
    if (err == JET_errSuccess)
        c->space_tree = 1;
    return err;
}

static void tree_of(const esent_btree_cursor *c, bt_tree *t)
{
    bt_tree_init(t, c->pf, c->objid, c->pgno_root, c->space_tree);
}

/* The saved entry as a search target. */
static bt_target saved(const esent_btree_cursor *c)
{
    const bt_target tg = { c->key, c->cb_key, c->data, c->cb_data, 1 };
    return tg;
}

/* Node n against the saved entry, in entry order (key, then data). */
static int cmp_saved(const esent_btree_cursor *c, const esent_node *n)
{
    bt_target tg = saved(c);
    return bt_cmp_entry(n, &tg);
}

/* The cursor keeps the pinned leaf pg (the pin moves from pg, which is left empty, to the cursor). */
static void hold(esent_btree_cursor *c, bt_pg *pg)
{
    release_held(c);   /* another leaf, or a second pin of the same buffer */
    c->held = pg->bf;
    c->held_view = pg->v;
    pg->bf = NULL;
    pg->pgno = 0;
}

/* The held leaf, unchanged since the position was taken, as a pinned page: the pin moves to pg (the caller
 * gives it back with hold or releases it). 0 when there is none or its page changed. */
static int take_held(esent_btree_cursor *c, bt_pg *pg)
{
    if (c->held == NULL || c->dbtime == 0 || esent_page_dbtime(c->held->page) != c->dbtime)
        return 0;
    pg->bf = c->held;
    pg->v = c->held_view;
    pg->pgno = c->pgno;
    c->held = NULL;
    return 1;
}

/* Copies node n of the leaf the cursor is moving onto as the current entry's key and data. */
static JET_ERR copy_entry(esent_btree_cursor *c, const esent_node *n)
{
    uint32_t cb_page = esent_pagefile_page_size(c->pf), cb_key = n->cb_prefix + n->cb_suffix;
    if (cb_key > cb_page || n->cb_data > cb_page)
        return JET_errDatabaseCorrupted;
    if (n->cb_prefix)
        memcpy(c->key, n->prefix, n->cb_prefix);
    if (n->cb_suffix)
        memcpy(c->key + n->cb_prefix, n->suffix, n->cb_suffix);
    c->cb_key = cb_key;
    if (n->cb_data)
        memcpy(c->data, n->data, n->cb_data);
    c->cb_data = n->cb_data;
    c->copy_gen++;   /* the copy's identity (btree.h): every rewrite of key/data passes here or unposition */
    c->deleted = 0;
    c->pf_dbtime = esent_pagefile_dbtime(c->pf);
    return JET_errSuccess;
}

/* Makes node itag of the pinned leaf the current entry (copies key and data); on success the cursor keeps
 * the leaf pinned (hold: pg is left empty). */
static JET_ERR take(esent_btree_cursor *c, bt_pg *pg, uint32_t itag, const esent_node *n)
{
    JET_ERR err = copy_entry(c, n);
    if (err != JET_errSuccess)
        return err;
    c->pgno = pg->pgno;
    c->itag = itag;
    c->dbtime = pg->v.hdr.dbtime_dirtied;
    hold(c, pg);
    return JET_errSuccess;
}

/* The next visible node of a leaf after (dir > 0) / before (dir < 0) node itag (0 and ctag are the ends):
 * 1 with *pitag and *n, 0 when the leaf has none. check: it must sort after / before the saved entry.
 * *perr = JET_errDatabaseCorrupted for an unreadable node or one out of order (the result is then 0). */
static int leaf_next(const esent_btree_cursor *c, const esent_page_view *v, uint32_t itag, int dir, int check,
                     uint32_t *pitag, esent_node *n, JET_ERR *perr)
{
    *perr = JET_errSuccess;
    while (dir > 0 ? itag + 1 < v->ctag : itag > 1) {
        itag = dir > 0 ? itag + 1 : itag - 1;
        if (esent_page_node(v, itag, n) != JET_errSuccess) {
            *perr = JET_errDatabaseCorrupted;
            return 0;
        }
        if (n->flags & ESENT_ND_DELETED)
            continue;
        if (check) {
            int cmp = cmp_saved(c, n);
            if ((dir > 0 && cmp <= 0) || (dir < 0 && cmp >= 0)) {
                *perr = JET_errDatabaseCorrupted;
                return 0;
            }
        }
        *pitag = itag;
        return 1;
    }
    return 0;
}

/* From node itag of the pinned leaf (0 and ctag are the ends) to the next visible node in direction dir,
 * crossing leaves, which becomes current. check: it must sort after (dir > 0) / before (dir < 0) the
 * current entry, else JET_errDatabaseCorrupted. Releases pg. JET_errNoCurrentRecord (unpositioned) at the
 * end of the tree. */
static JET_ERR step(esent_btree_cursor *c, const bt_tree *t, bt_pg *pg, uint32_t itag, int dir, int check)
{
    JET_ERR err = JET_errSuccess;
    for (;;) {
        esent_node n;
        uint32_t found;
        if (leaf_next(c, &pg->v, itag, dir, check, &found, &n, &err)) {
            err = take(c, pg, found, &n);
            goto done;
        }
        if (err != JET_errSuccess)
            goto done;
        uint32_t from = pg->pgno, next = dir > 0 ? pg->v.hdr.pgno_next : pg->v.hdr.pgno_prev;
        bt_pg_put(t, pg);
        if (next == 0) {
            unposition(c);
            return JET_errNoCurrentRecord;
        }
        if (++c->leaves_walked > esent_pagefile_page_count(c->pf)) {
            unposition(c);
            return JET_errDatabaseCorrupted;   /* more hops than pages: a loop */
        }
        if ((err = bt_pg_get(t, next, BT_EXPECT_LEAF, pg)) != JET_errSuccess) {
            unposition(c);
            return err;
        }
        if ((dir > 0 ? pg->v.hdr.pgno_prev : pg->v.hdr.pgno_next) != from) {
            err = JET_errDatabaseCorrupted;
            goto done;
        }
        itag = dir > 0 ? 0 : pg->v.ctag;
    }
done:
    bt_pg_put(t, pg);
    if (err != JET_errSuccess)
        unposition(c);
    return err;
}

/* Descends to the leaf for tg (with the tree's uniqueness learned); *pitag = first node >= tg. unpin (may be
 * NULL): a pinned buffer the descent releases (always). */
static JET_ERR find(esent_btree_cursor *c, bt_tree *t, const bt_target *tg, bt_path *path, bt_pg *leaf,
                    uint32_t *pitag, esent_bf *unpin)
{
    JET_ERR err;
    tree_of(c, t);
    t->unpin = unpin;
    c->leaves_walked = 0;
    if ((err = bt_descend(t, BT_TARGET, tg, path, leaf)) != JET_errSuccess)
        return err;
    c->unique = t->unique;
    if ((err = bt_leaf_search(t, leaf, tg, pitag)) != JET_errSuccess)
        bt_pg_put(t, leaf);
    return err;
}

/* Node itag of the leaf is visible and is the saved entry (unique trees: same key). */
static int is_saved(const esent_btree_cursor *c, const bt_pg *leaf, uint32_t itag, esent_node *n)
{
    bt_target tg = saved(c);
    tg.use_data = !c->unique;
    return itag < leaf->v.ctag && esent_page_node(&leaf->v, itag, n) == JET_errSuccess &&
           !(n->flags & ESENT_ND_DELETED) && bt_cmp_entry(n, &tg) == 0;
}

/* Pins the current leaf when it has not changed since the position was taken (*pok = 1: the held pin moves
 * to pg), else 0 (the held pin is released). */
static JET_ERR unchanged(esent_btree_cursor *c, const bt_tree *t, bt_pg *pg, int *pok)
{
    *pok = 0;
    if (take_held(c, pg)) {
        *pok = 1;
        return JET_errSuccess;
    }
    release_held(c);
    if (c->dbtime == 0)
        return JET_errSuccess;
    esent_bf *bf;
    JET_ERR err = esent_bf_get(c->pf, c->pgno, &bf);
    if (err != JET_errSuccess)
        return err;
    if (esent_page_dbtime(bf->page) != c->dbtime) {
        esent_bf_release(c->pf, bf);
        return JET_errSuccess;
    }
    if ((err = bt_pg_adopt(t, bf, c->pgno, BT_EXPECT_LEAF, pg)) != JET_errSuccess)
        return err;
    *pok = 1;
    return JET_errSuccess;
}

/* The copy of the current entry is current: no page of the file changed since it was taken. */
static int copy_current(const esent_btree_cursor *c)
{
    return c->dbtime != 0 && c->pf_dbtime == esent_pagefile_dbtime(c->pf);
}

/* ---- moves ---- */

static JET_ERR move_edge(esent_btree_cursor *c, int dir)
{
    bt_tree t;
    bt_path path;
    bt_pg leaf;
    JET_ERR err;

    if (c == NULL || c->key == NULL)
        return JET_errInvalidParameter;
    unposition(c);
    tree_of(c, &t);
    c->leaves_walked = 0;
    if ((err = bt_descend(&t, dir > 0 ? BT_FIRST : BT_LAST, NULL, &path, &leaf)) != JET_errSuccess)
        return err;
    c->unique = t.unique;
    err = step(c, &t, &leaf, dir > 0 ? 0 : leaf.v.ctag, dir, 0);
    return err == JET_errNoCurrentRecord ? JET_errRecordNotFound : err;
}

/* Moves on in direction dir past the entries the cursor's view hides (err: the move that positioned it). */
static JET_ERR view_skip(esent_btree_cursor *c, int dir, JET_ERR err);

JET_ERR esent_btree_move_first(esent_btree_cursor *c)
{
    JET_ERR err = view_skip(c, 1, move_edge(c, 1));
    return err == JET_errNoCurrentRecord ? JET_errRecordNotFound : err;
}

JET_ERR esent_btree_move_last(esent_btree_cursor *c)
{
    JET_ERR err = view_skip(c, -1, move_edge(c, -1));
    return err == JET_errNoCurrentRecord ? JET_errRecordNotFound : err;
}

/* The page of the current entry changed (or the entry is gone): find the entry after (dir > 0) / before it
 * again by its saved key and data. */
static JET_ERR move_refind(esent_btree_cursor *c, int dir)
{
    bt_tree t;
    bt_path path;
    bt_pg leaf;
    uint32_t itag;
    esent_node n;
    bt_target tg = saved(c);
    JET_ERR err = find(c, &t, &tg, &path, &leaf, &itag, NULL);
    if (err != JET_errSuccess) {
        unposition(c);
        return err;
    }
    if (dir < 0)
        return step(c, &t, &leaf, itag, -1, 1);
    /* The saved entry itself, when still there, is skipped. */
    return step(c, &t, &leaf, is_saved(c, &leaf, itag, &n) ? itag : itag - 1, 1, 1);
}

/* Starts loading the two entries after the new current one in direction dir, on the held leaf: the next
 * moves' entries. A walk through a tree spends most of its time waiting for each entry's bytes, which lie
 * anywhere in the page (nodes are stored in insertion order), so the loads run while the caller reads this
 * entry (a scan of a table larger than the CPU's caches: about a quarter faster with the next entry, a few
 * percent more with the one after). A hint only (no effect on any result): integer arithmetic, so the
 * addresses need not be inside the page; past the leaf's last node the hint is the start of its data area.
 * A macro: GCC deletes calls to a static function that does nothing but prefetch (it counts as pure). */
#define PREFETCH_NODE(v, itag)                                                                              \
    do {                                                                                                    \
        uintptr_t p_ = (uintptr_t)esent_page_node_hint((v), (itag));                                        \
        ESENT_PREFETCH((const void *)p_);                                                                   \
        ESENT_PREFETCH((const void *)(p_ + 64));                                                            \
        ESENT_PREFETCH((const void *)(p_ + 127));   /* a node of up to 128 bytes spans at most 3 lines */   \
    } while (0)
#define PREFETCH_NEXT(c, dir)                                                                               \
    do {                                                                                                    \
        if ((c)->held != NULL) {                                                                            \
            PREFETCH_NODE(&(c)->held_view, (c)->itag + (uint32_t)(dir));                                    \
            PREFETCH_NODE(&(c)->held_view, (c)->itag + 2u * (uint32_t)(dir));                               \
        }                                                                                                   \
    } while (0)

static JET_ERR move(esent_btree_cursor *c, int dir)
{
    bt_tree t;
    bt_pg pg;
    int ok;
    JET_ERR err;

    if (c == NULL || c->key == NULL)
        return JET_errInvalidParameter;
    if (c->pgno == 0)
        return JET_errNoCurrentRecord;
    if (c->held != NULL && c->dbtime != 0 && esent_page_dbtime(c->held->page) == c->dbtime) {
        /* The held leaf is as it was when the position was taken (its view still describes it): when the
         * next entry is on it, it becomes current in place, the pin and view staying as they are. */
        esent_node n;
        uint32_t itag;
        if (leaf_next(c, &c->held_view, c->itag, dir, 1, &itag, &n, &err)) {
            if ((err = copy_entry(c, &n)) == JET_errSuccess) {
                c->itag = itag;
                PREFETCH_NEXT(c, dir);
                return JET_errSuccess;
            }
        }
        if (err != JET_errSuccess) {
            unposition(c);
            return err;
        }
    }
    tree_of(c, &t);
    if ((err = unchanged(c, &t, &pg, &ok)) != JET_errSuccess) {
        unposition(c);
        return err;
    }
    err = ok ? step(c, &t, &pg, c->itag, dir, 1) : move_refind(c, dir);
    if (err == JET_errSuccess)
        PREFETCH_NEXT(c, dir);
    return err;
}

static JET_ERR view_skip(esent_btree_cursor *c, int dir, JET_ERR err)
{
    while (err == JET_errSuccess && c->view != NULL) {
        const uint8_t *d = c->data;
        uint32_t cb = c->cb_data;
        if (c->view(c->view_ctx, c, &d, &cb))
            return JET_errSuccess;
        err = move(c, dir);
    }
    return err;
}

JET_ERR esent_btree_move_next(esent_btree_cursor *c) { return view_skip(c, 1, move(c, 1)); }
JET_ERR esent_btree_move_prev(esent_btree_cursor *c) { return view_skip(c, -1, move(c, -1)); }

/* ---- seeks ---- */

static JET_ERR seek(esent_btree_cursor *c, const bt_target *tg, int *exact)
{
    bt_tree t;
    bt_path path;
    bt_pg leaf;
    uint32_t itag;
    JET_ERR err;

    if (exact)
        *exact = 0;
    if (c == NULL || c->key == NULL || (tg->key == NULL && tg->cb_key != 0) || (tg->data == NULL && tg->cb_data != 0))
        return JET_errInvalidParameter;
    /* the held leaf is let go by the descent, in the same cache call as the root is pinned */
    esent_bf *held = c->held;
    c->held = NULL;
    unposition(c);
    if ((err = find(c, &t, tg, &path, &leaf, &itag, held)) != JET_errSuccess)
        return err;
    /* The first visible node >= tg is node itag or the first visible one after it. */
    err = step(c, &t, &leaf, itag - 1, 1, 0);
    if (err == JET_errNoCurrentRecord)
        return JET_errRecordNotFound;
    if (err != JET_errSuccess)
        return err;
    if (c->view != NULL) {
        err = view_skip(c, 1, JET_errSuccess);
        if (err == JET_errNoCurrentRecord)
            return JET_errRecordNotFound;
        if (err != JET_errSuccess)
            return err;
    }
    int cmp = esent_key_compare(c->key, c->cb_key, tg->key, tg->cb_key);
    if (cmp == 0 && tg->use_data && !c->unique)
        cmp = esent_key_compare(c->data, c->cb_data, tg->data, tg->cb_data);
    if (cmp < 0) {
        unposition(c);
        return JET_errDatabaseCorrupted; /* an entry after the seek point sorts before it */
    }
    if (exact)
        *exact = cmp == 0;
    return JET_errSuccess;
}

JET_ERR esent_btree_seek(esent_btree_cursor *c, const uint8_t *key, uint32_t cb_key, int *exact)
{
    const bt_target tg = { key, cb_key, NULL, 0, 0 };
    return seek(c, &tg, exact);
}

JET_ERR esent_btree_seek_entry(esent_btree_cursor *c, const uint8_t *key, uint32_t cb_key, const uint8_t *data,
                               uint32_t cb_data, int *exact)
{
    const bt_target tg = { key, cb_key, data, cb_data, 1 };
    return seek(c, &tg, exact);
}

/* ---- the current entry ---- */

/* esent_btree_current when some page changed since the entry was taken (kept out of the fast path). */
static JET_ERR current_changed(esent_btree_cursor *c)
{
    bt_tree t;
    bt_pg pg;
    int ok;
    JET_ERR err;

    tree_of(c, &t);
    if ((err = unchanged(c, &t, &pg, &ok)) != JET_errSuccess)
        return err;
    if (ok) {
        /* the leaf is as it was: the copy is current as of now */
        hold(c, &pg);
        c->pf_dbtime = esent_pagefile_dbtime(c->pf);
        return JET_errSuccess;
    }
    /* The page changed: is the entry still there (with the same key; data may have been replaced)? */
    bt_path path;
    uint32_t itag;
    esent_node n;
    bt_target tg = saved(c);
    if ((err = find(c, &t, &tg, &path, &pg, &itag, NULL)) != JET_errSuccess)
        return err;
    if (is_saved(c, &pg, itag, &n)) {
        err = take(c, &pg, itag, &n);
    } else {
        c->deleted = 1;
        c->dbtime = 0;
        release_held(c);
        err = JET_errRecordDeleted;
    }
    bt_pg_put(&t, &pg);
    return err;
}

JET_ERR esent_btree_current(esent_btree_cursor *c, const uint8_t **key, uint32_t *cb_key, const uint8_t **data,
                            uint32_t *cb_data)
{
    if (c == NULL || c->pgno == 0)
        return JET_errNoCurrentRecord;
    if (c->deleted)
        return JET_errRecordDeleted;
    /* When nothing changed, the copy is the entry (its leaf was checked when it was taken). */
    if (!copy_current(c)) {
        JET_ERR err = current_changed(c);
        if (err != JET_errSuccess)
            return err;
    }
    const uint8_t *d = c->data;
    uint32_t cb = c->cb_data;
    if (c->view != NULL && !c->view(c->view_ctx, c, &d, &cb))
        return JET_errRecordDeleted;   /* gone for this reader; moves continue from its place */
    if (key)
        *key = c->key;
    if (cb_key)
        *cb_key = c->cb_key;
    if (data)
        *data = d;
    if (cb_data)
        *cb_data = cb;
    return JET_errSuccess;
}

/* ---- positions ---- */

/* Visible nodes of a leaf, and how many come before node itag. */
static JET_ERR leaf_rank(const bt_pg *pg, uint32_t itag, uint32_t *pbefore, uint32_t *ptotal)
{
    *pbefore = *ptotal = 0;
    for (uint32_t i = 1; i < pg->v.ctag; i++) {
        esent_node n;
        if (esent_page_node(&pg->v, i, &n) != JET_errSuccess)
            return JET_errDatabaseCorrupted;
        if (n.flags & ESENT_ND_DELETED)
            continue;
        if (i < itag)
            (*pbefore)++;
        (*ptotal)++;
    }
    return JET_errSuccess;
}

JET_ERR esent_btree_get_position(esent_btree_cursor *c, uint32_t *pcentry_lt, uint32_t *pcentry_total)
{
    bt_tree t;
    bt_path path;
    bt_pg leaf;
    uint32_t itag, before, m;
    JET_ERR err;

    if (pcentry_lt == NULL || pcentry_total == NULL)
        return JET_errInvalidParameter;
    *pcentry_lt = *pcentry_total = 0;
    if (c == NULL || c->pgno == 0)
        return JET_errNoCurrentRecord;
    bt_target tg = saved(c);
    if ((err = find(c, &t, &tg, &path, &leaf, &itag, NULL)) != JET_errSuccess)
        return err;
    err = leaf_rank(&leaf, itag, &before, &m);
    bt_pg_put(&t, &leaf);
    if (err != JET_errSuccess)
        return err;
    /* fraction = Σ (child index / children) per level; total = Π children × entries of this leaf */
    double frac = 0, scale = 1, total = 1;
    for (uint32_t l = 0; l + 1 < path.depth; l++) {
        double nchild = (double)(path.ctag[l] - 1);
        frac += scale * (double)(path.itag[l] - 1) / nchild;
        scale /= nchild;
        total *= nchild;
    }
    if (m > 0)
        frac += scale * (double)before / (double)m;
    total *= m > 0 ? (double)m : 1.0;
    if (total > 4294967295.0)
        total = 4294967295.0;
    *pcentry_total = (uint32_t)total;
    *pcentry_lt = (uint32_t)(frac * total);
    if (*pcentry_lt > *pcentry_total)
        *pcentry_lt = *pcentry_total;
    return JET_errSuccess;
}

JET_ERR esent_btree_goto_fraction(esent_btree_cursor *c, uint32_t num, uint32_t denom)
{
    bt_tree t;
    bt_path path;
    bt_pg leaf;
    uint32_t before, m, itag;
    JET_ERR err;

    if (c == NULL || c->key == NULL || denom == 0 || num > denom)
        return JET_errInvalidParameter;
    unposition(c);
    tree_of(c, &t);
    c->leaves_walked = 0;
    path.num = num;
    path.denom = denom;
    if ((err = bt_descend(&t, BT_FRACTION, NULL, &path, &leaf)) != JET_errSuccess)
        return err;
    c->unique = t.unique;
    if ((err = leaf_rank(&leaf, leaf.v.ctag, &before, &m)) != JET_errSuccess) {
        bt_pg_put(&t, &leaf);
        return err;
    }
    if (m == 0) {
        /* no visible entry here: the nearest one after, else before */
        int at_end = path.num == path.denom;
        err = step(c, &t, &leaf, at_end ? leaf.v.ctag : 0, at_end ? -1 : 1, 0);
        if (err == JET_errNoCurrentRecord)
            return move_edge(c, at_end ? 1 : -1);
        return err;
    }
    uint64_t j = path.num * m / path.denom;
    if (j >= m)
        j = m - 1;
    /* the j-th visible node */
    for (itag = 1; itag < leaf.v.ctag; itag++) {
        esent_node n;
        if (esent_page_node(&leaf.v, itag, &n) != JET_errSuccess) {
            err = JET_errDatabaseCorrupted;
            break;
        }
        if ((n.flags & ESENT_ND_DELETED) == 0 && j-- == 0) {
            err = take(c, &leaf, itag, &n);
            break;
        }
    }
    bt_pg_put(&t, &leaf);
    return err;
}

int esent_btree_is_unique(esent_pagefile *pf, uint32_t pgno_root)
{
    esent_bf *bf;
    if (pf == NULL || pgno_root == 0 || esent_bf_get(pf, pgno_root, &bf) != JET_errSuccess)
        return 1;
    uint32_t flags = esent_page_flags(bf->page);
    esent_bf_release(pf, bf);
    return !(flags & ESENT_PAGE_NON_UNIQUE_KEYS) || (flags & ESENT_PAGE_SPACE_TREE);
}

JET_ERR esent_btree_count(esent_pagefile *pf, uint32_t objid, uint32_t pgno_root, uint64_t *pcount)
{
    esent_btree_cursor c;
    uint64_t n = 0;
    JET_ERR err;

    if (pcount == NULL)
        return JET_errInvalidParameter;
    *pcount = 0;
    err = esent_btree_open(&c, pf, objid, pgno_root);
    if (err != JET_errSuccess)
        return err;
    err = esent_btree_move_first(&c);
    while (err == JET_errSuccess) {
        n++;
        err = esent_btree_move_next(&c);
    }
    esent_btree_close(&c);
    if (err == JET_errRecordNotFound || err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
    *pcount = n;
    return err;
}
