/* Inserts, replaces and deletes (btree.h, btint.h). A change that fits its leaf is made in place; one that
 * does not goes to bt_split. A delete that empties a non-root leaf takes the leaf out of the tree. */
#include "storage/btint.h"

#include <stdlib.h>
#include <string.h>

#include "format/bytes.h"
#include "format/key.h"
#include "storage/space.h"

uint32_t esent_btree_cb_entry_max(uint32_t cb_page)
{
    /* an empty non-root leaf: the node (2-byte key size + key + data) and its tag */
    return bt_page_room(cb_page, 0) - ESENT_TAG_SIZE - 2u;
}

uint32_t esent_btree_cb_key_max(uint32_t cb_page)
{
    return cb_page <= 2048 ? JET_cbKeyMost2KBytePage : cb_page <= 4096 ? JET_cbKeyMost4KBytePage : JET_cbKeyMost8KBytePage;
}

/* Removes the leaf's flag-deleted nodes (Windows' invisible entries) before the leaf changes. Pages this engine
 * writes never hold any: once the leaf is known to be free of them, its buffer says so (esent_bf.no_deleted,
 * kept until the buffer's bytes are replaced or changed), and the scan is skipped while it does. */
static JET_ERR purge_deleted(bt_tree *t, bt_pg *leaf)
{
    int dirtied = 0, any;
    if (leaf->bf->no_deleted)
        return JET_errSuccess;
    /* one cheap pass first */
    if (esent_page_any_node_flag(&leaf->v, ESENT_ND_DELETED, &any) != JET_errSuccess)
        return JET_errDatabaseCorrupted;
    for (uint32_t itag = any ? leaf->v.ctag : 1; itag-- > 1;) {
        const uint8_t *pb;
        uint32_t cb, flags;
        if (esent_page_tag(&leaf->v, itag, &pb, &cb, &flags) != JET_errSuccess)
            return JET_errDatabaseCorrupted;
        if (!(flags & ESENT_ND_DELETED))
            continue;
        if (!dirtied)
            bt_pg_dirty(t, leaf), dirtied = 1;
        if (esent_page_delete_node(leaf->bf->page, t->cb_page, itag) != JET_errSuccess ||
            bt_pg_reload(leaf, t->cb_page) != JET_errSuccess)
            return JET_errDatabaseCorrupted;
    }
    leaf->bf->no_deleted = 1;
    return JET_errSuccess;
}

/* Descends to the leaf for (key, data) with the leaf purged; *pitag = first node >= the entry, *pexact =
 * that node is the entry (key equal; non-unique trees: data too). */
static JET_ERR find_leaf(bt_tree *t, const bt_target *tg, bt_path *path, bt_pg *leaf, uint32_t *pitag, int *pexact)
{
    JET_ERR err = bt_descend(t, BT_TARGET, tg, path, leaf);
    if (err < 0)
        return err;
    bt_target eff = *tg;
    eff.use_data = tg->use_data && !t->unique;   /* as bt_leaf_search compares */
    esent_node n;
    *pexact = 0;
    if ((err = purge_deleted(t, leaf)) >= 0 && (err = bt_leaf_search(t, leaf, tg, pitag)) >= 0 &&
        *pitag < leaf->v.ctag) {
        if (esent_page_node(&leaf->v, *pitag, &n) != JET_errSuccess)
            err = JET_errDatabaseCorrupted;
        else
            *pexact = bt_cmp_entry(&n, &eff) == 0;
    }
    if (err < 0)
        bt_pg_put(t, leaf);
    return err;
}

JET_ERR bt_put(bt_tree *t, int op, const uint8_t *key, uint32_t cb_key, const uint8_t *data, uint32_t cb_data)
{
    const bt_target tg = { key, cb_key, data, cb_data, 1 };
    bt_path path;
    bt_pg leaf;
    uint32_t itag, cb_node, cb_free;
    int exact;
    JET_ERR err;

    if (!esent_pagefile_writable(t->pf))
        return JET_errPermissionDenied;
    if ((key == NULL && cb_key) || (data == NULL && cb_data))
        return JET_errInvalidParameter;
    if (cb_key > esent_btree_cb_key_max(t->cb_page))
        return JET_errKeyTooBig;
    if ((uint64_t)cb_key + cb_data > esent_btree_cb_entry_max(t->cb_page))
        return JET_errRecordTooBig;
    if ((err = find_leaf(t, &tg, &path, &leaf, &itag, &exact)) < 0)
        return err;
    if (!t->unique && (op == BT_REPLACE || cb_data > esent_btree_cb_key_max(t->cb_page)))
        err = op == BT_REPLACE ? JET_errInvalidParameter : JET_errKeyTooBig;
    else if (op == BT_INSERT && exact)
        err = JET_errKeyDuplicate;
    else if (op == BT_REPLACE && !exact)
        err = JET_errRecordNotFound;
    if (err < 0) {
        bt_pg_put(t, &leaf);
        return err;
    }

    cb_node = esent_node_size(0, cb_key, cb_data);
    cb_free = leaf.v.hdr.cb_free;
    if (op == BT_REPLACE) {
        const uint8_t *pb;
        uint32_t cb_old, f;
        if (esent_page_tag(&leaf.v, itag, &pb, &cb_old, &f) != JET_errSuccess) {
            bt_pg_put(t, &leaf);
            return JET_errDatabaseCorrupted;
        }
        cb_free += cb_old;
    } else {
        cb_free = cb_free >= ESENT_TAG_SIZE && leaf.v.ctag < ESENT_ITAG_MAX ? cb_free - ESENT_TAG_SIZE : 0;
    }
    if (cb_node <= cb_free) {
        uint8_t small[512];   /* most nodes: no allocation */
        uint8_t *node = cb_node <= sizeof small ? small : (uint8_t *)malloc(cb_node);
        uint32_t cb;
        if (node == NULL) {
            bt_pg_put(t, &leaf);
            return JET_errOutOfMemory;
        }
        err = esent_node_encode(0, key, cb_key, data, cb_data, node, cb_node, &cb);
        if (err >= 0) {
            bt_pg_dirty(t, &leaf);
            err = op == BT_REPLACE ? esent_page_replace_node(leaf.bf->page, t->cb_page, itag, node, cb, 0)
                                   : esent_page_insert_node(leaf.bf->page, t->cb_page, itag, node, cb, 0);
            /* the leaf was purged (find_leaf) and the node has no flag: still none flagged deleted */
            if (err >= 0)
                leaf.bf->no_deleted = 1;
        }
        if (node != small)
            free(node);
        if (err != JET_errBufferTooSmall) {
            bt_pg_put(t, &leaf);
            return err < 0 ? err : JET_errSuccess;
        }
        /* the page's cbFree promised more than its tags leave: split after all */
    }
    const bt_node nd = { key, cb_key, data, cb_data };
    return bt_split(t, &path, &leaf, itag - 1, op, &nd);
}

/* ---- deletes ---- */

/* Takes the empty non-root page at path level `level` out of the tree: unlinks it from its leaf
 * neighbours and removes its node from the parent, recursively when that empties the parent too; a root
 * left without children becomes an empty leaf. The pages taken out go to freed[*pnfreed]. */
static JET_ERR remove_empty(bt_tree *t, const bt_path *path, uint32_t level, bt_pg *pg, uint32_t *freed,
                            uint32_t *pnfreed)
{
    JET_ERR err = JET_errSuccess;
    for (;;) {
        uint32_t pgno = pg->pgno, prev = pg->v.hdr.pgno_prev, next = pg->v.hdr.pgno_next;
        int leaf = (pg->v.hdr.flags & ESENT_PAGE_LEAF) != 0;
        bt_pg_put(t, pg);
        freed[(*pnfreed)++] = pgno;
        if (leaf) {
            bt_pg nb;
            if (prev != 0) {
                if ((err = bt_pg_get(t, prev, BT_EXPECT_LEAF, &nb)) < 0)
                    return err;
                if (nb.v.hdr.pgno_next != pgno) {
                    bt_pg_put(t, &nb);
                    return JET_errDatabaseCorrupted;
                }
                bt_pg_dirty(t, &nb);
                bt_page_set_links(nb.bf->page, t->cb_page, nb.v.hdr.pgno_prev, next);
                bt_pg_put(t, &nb);
            }
            if (next != 0) {
                if ((err = bt_pg_get(t, next, BT_EXPECT_LEAF, &nb)) < 0)
                    return err;
                if (nb.v.hdr.pgno_prev != pgno) {
                    bt_pg_put(t, &nb);
                    return JET_errDatabaseCorrupted;
                }
                bt_pg_dirty(t, &nb);
                bt_page_set_links(nb.bf->page, t->cb_page, prev, nb.v.hdr.pgno_next);
                bt_pg_put(t, &nb);
            }
        }
        /* The parent's node for this page. */
        bt_pg parent;
        uint32_t ci = path->itag[level - 1];
        esent_node n;
        level--;
        if ((err = bt_pg_get(t, path->pgno[level], BT_EXPECT_INTERNAL, &parent)) < 0)
            return err;
        if (ci >= parent.v.ctag || esent_page_node(&parent.v, ci, &n) != JET_errSuccess || n.cb_data != 4 ||
            esent_rd32(n.data) != pgno) {
            bt_pg_put(t, &parent);
            return JET_errDatabaseCorrupted;
        }
        if (parent.v.ctag > 2) {
            uint8_t last[6];
            uint32_t child_prev = 0, cb;
            int was_last = ci == parent.v.ctag - 1;
            if (was_last) {
                esent_node np;
                if (esent_page_node(&parent.v, ci - 1, &np) != JET_errSuccess || np.cb_data != 4) {
                    bt_pg_put(t, &parent);
                    return JET_errDatabaseCorrupted;
                }
                child_prev = esent_rd32(np.data);
            }
            bt_pg_dirty(t, &parent);
            err = esent_page_delete_node(parent.bf->page, t->cb_page, ci);
            if (err >= 0 && was_last) {
                /* the node before becomes the page's +infinity node */
                uint8_t child[4];
                esent_wr32(child, child_prev);
                err = esent_node_encode(0, NULL, 0, child, 4, last, sizeof last, &cb);
                if (err >= 0)
                    err = esent_page_replace_node(parent.bf->page, t->cb_page, ci - 1, last, cb, 0);
            }
            bt_pg_put(t, &parent);
            return err < 0 ? JET_errDatabaseCorrupted : JET_errSuccess;
        }
        if (level == 0) {
            /* the root lost its last child: it becomes an empty leaf */
            const uint8_t *t0;
            uint32_t cb_t0, f;
            if (esent_page_tag(&parent.v, 0, &t0, &cb_t0, &f) != JET_errSuccess) {
                bt_pg_put(t, &parent);
                return JET_errDatabaseCorrupted;
            }
            bt_pg_dirty(t, &parent);
            err = bt_page_format(parent.bf->page, t->cb_page, parent.pgno, t->objid,
                                 ESENT_PAGE_ROOT | ESENT_PAGE_LEAF | t->kind_flags, 0, 0, t0, cb_t0, NULL, 0);
            bt_pg_put(t, &parent);
            return err;
        }
        *pg = parent;   /* an internal page left without children: it goes too */
    }
}

JET_ERR bt_delete(bt_tree *t, const uint8_t *key, uint32_t cb_key, const uint8_t *data, uint32_t cb_data)
{
    const bt_target tg = { key, cb_key, data, cb_data, 1 };
    uint32_t freed[ESENT_BTREE_DEPTH_MAX], nfreed = 0, itag;
    bt_path path;
    bt_pg leaf;
    int exact;
    JET_ERR err;

    if (!esent_pagefile_writable(t->pf))
        return JET_errPermissionDenied;
    if ((key == NULL && cb_key) || (data == NULL && cb_data))
        return JET_errInvalidParameter;
    if ((err = find_leaf(t, &tg, &path, &leaf, &itag, &exact)) < 0)
        return err;
    if (!exact) {
        bt_pg_put(t, &leaf);
        return JET_errRecordNotFound;
    }
    bt_pg_dirty(t, &leaf);
    if (esent_page_delete_node(leaf.bf->page, t->cb_page, itag) != JET_errSuccess ||
        bt_pg_reload(&leaf, t->cb_page) != JET_errSuccess) {
        bt_pg_put(t, &leaf);
        return JET_errDatabaseCorrupted;
    }
    leaf.bf->no_deleted = 1;   /* purged (find_leaf), and a node less */
    if (leaf.v.ctag > 1 || leaf.pgno == t->pgno_root) {
        bt_pg_put(t, &leaf);
        return JET_errSuccess;
    }
    err = remove_empty(t, &path, path.depth - 1, &leaf, freed, &nfreed);
    for (uint32_t i = 0; i < nfreed && err >= 0; i++)
        err = t->release(t, freed[i]);
    return err;
}

/* ---- the public entry points: data trees, whose pages come from their own space ---- */

static JET_ERR data_alloc(bt_tree *t, uint32_t *ppgno)
{
    return esent_space_alloc_page(t->pf, t->pgno_root, ppgno);
}

static JET_ERR data_release(bt_tree *t, uint32_t pgno)
{
    return esent_space_free_page(t->pf, t->pgno_root, pgno);
}

static JET_ERR data_tree(bt_tree *t, esent_pagefile *pf, uint32_t objid, uint32_t pgno_fdp)
{
    if (pf == NULL || pgno_fdp == 0)
        return JET_errInvalidParameter;
    bt_tree_init(t, pf, objid, pgno_fdp, 0);
    t->alloc = data_alloc;
    t->release = data_release;
    return JET_errSuccess;
}

JET_ERR esent_btree_insert(esent_pagefile *pf, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key, uint32_t cb_key,
                           const uint8_t *data, uint32_t cb_data)
{
    bt_tree t;
    JET_ERR err = data_tree(&t, pf, objid, pgno_fdp);
    return err < 0 ? err : bt_put(&t, BT_INSERT, key, cb_key, data, cb_data);
}

JET_ERR esent_btree_replace(esent_pagefile *pf, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                            uint32_t cb_key, const uint8_t *data, uint32_t cb_data)
{
    bt_tree t;
    JET_ERR err = data_tree(&t, pf, objid, pgno_fdp);
    return err < 0 ? err : bt_put(&t, BT_REPLACE, key, cb_key, data, cb_data);
}

JET_ERR esent_btree_delete(esent_pagefile *pf, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key, uint32_t cb_key,
                           const uint8_t *data, uint32_t cb_data)
{
    bt_tree t;
    JET_ERR err = data_tree(&t, pf, objid, pgno_fdp);
    return err < 0 ? err : bt_delete(&t, key, cb_key, data, cb_data);
}
