#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "format/key.h"
#include "storage/btree.h"

/* What the parent says the next page of a descent must be. */
enum { EXPECT_ANY, EXPECT_LEAF, EXPECT_INTERNAL };

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

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
    c->cpg = esent_pagefile_page_count(pf);
    c->page = (uint8_t *)malloc(cb);
    c->key = (uint8_t *)malloc(cb);
    c->last_key = (uint8_t *)malloc(cb);
    c->last_data = (uint8_t *)malloc(cb);
    if (c->page == NULL || c->key == NULL || c->last_key == NULL || c->last_data == NULL) {
        esent_btree_close(c);
        return JET_errOutOfMemory;
    }
    return JET_errSuccess;
}

void esent_btree_close(esent_btree_cursor *c)
{
    if (c == NULL)
        return;
    free(c->page);
    free(c->key);
    free(c->last_key);
    free(c->last_data);
    memset(c, 0, sizeof *c);
}

static void unposition(esent_btree_cursor *c)
{
    c->pgno = 0;
    c->itag = 0;
    c->cb_key = 0;
    c->data = NULL;
    c->cb_data = 0;
}

/* Reads pgno into the cursor's buffer and checks what every page of this tree must satisfy.
 * Leaves the cursor unpositioned; the caller sets c->pgno once it accepts the page. */
static JET_ERR load_page(esent_btree_cursor *c, uint32_t pgno, int expect)
{
    JET_ERR err;
    uint32_t flags;
    int leaf;

    unposition(c);
    if (pgno == 0 || pgno > c->cpg)
        return JET_errDatabaseCorrupted;
    err = esent_pagefile_read(c->pf, pgno, c->page);
    if (err != JET_errSuccess)
        return err;
    err = esent_page_view_init(&c->view, c->page, esent_pagefile_page_size(c->pf));
    if (err != JET_errSuccess)
        return JET_errDatabaseCorrupted;
    flags = c->view.hdr.flags;
    leaf = (flags & ESENT_PAGE_LEAF) != 0;
    if (c->view.hdr.objid_fdp != c->objid)
        return JET_errDatabaseCorrupted;
    if ((flags & (ESENT_PAGE_EMPTY | ESENT_PAGE_SPACE_TREE)) != 0)
        return JET_errDatabaseCorrupted;
    if (((flags & ESENT_PAGE_ROOT) != 0) != (pgno == c->pgno_root))
        return JET_errDatabaseCorrupted;
    if ((expect == EXPECT_LEAF && !leaf) || (expect == EXPECT_INTERNAL && leaf))
        return JET_errDatabaseCorrupted;
    if (leaf && (flags & ESENT_PAGE_PARENT_OF_LEAF) != 0)
        return JET_errDatabaseCorrupted;
    return JET_errSuccess;
}

/* Key of node n against key: <0, 0, >0 as esent_key_compare, without copying the key. */
static int node_key_cmp(const esent_node *n, const uint8_t *key, uint32_t cb_key)
{
    uint32_t cb_n = n->cb_prefix + n->cb_suffix;
    uint32_t cb_min = cb_n < cb_key ? cb_n : cb_key;
    uint32_t cb1 = n->cb_prefix < cb_min ? n->cb_prefix : cb_min;
    int cmp = cb1 ? memcmp(n->prefix, key, cb1) : 0;

    if (cmp == 0 && cb_min > cb1)
        cmp = memcmp(n->suffix, key + cb1, cb_min - cb1);
    if (cmp != 0)
        return cmp;
    return cb_n < cb_key ? -1 : (cb_n > cb_key ? 1 : 0);
}

/* Descends from the root to a leaf. mode < 0: leftmost child at every level; mode > 0: rightmost;
 * mode == 0: the child whose range holds key (first separator > key, else the last node). */
static JET_ERR descend(esent_btree_cursor *c, int mode, const uint8_t *key, uint32_t cb_key)
{
    uint32_t path[ESENT_BTREE_DEPTH_MAX];
    uint32_t depth = 0, pgno = c->pgno_root, i;
    int expect = EXPECT_ANY;
    JET_ERR err;

    c->leaves_walked = 0;
    c->have_last = 0;
    for (;;) {
        uint32_t itag, ctag, flags;
        esent_node n;

        if (depth == ESENT_BTREE_DEPTH_MAX)
            return JET_errDatabaseCorrupted;
        for (i = 0; i < depth; i++)
            if (path[i] == pgno)
                return JET_errDatabaseCorrupted;
        path[depth++] = pgno;
        err = load_page(c, pgno, expect);
        if (err != JET_errSuccess)
            return err;
        flags = c->view.hdr.flags;
        if (flags & ESENT_PAGE_LEAF) {
            c->pgno = pgno;
            return JET_errSuccess;
        }
        ctag = c->view.ctag;
        if (ctag < 2)
            return JET_errDatabaseCorrupted; /* an internal page without a child */
        itag = mode < 0 ? 1 : ctag - 1;
        if (mode == 0) {
            for (i = 1; i + 1 < ctag; i++) {
                err = esent_page_node(&c->view, i, &n);
                if (err != JET_errSuccess)
                    return JET_errDatabaseCorrupted;
                if (node_key_cmp(&n, key, cb_key) > 0) {
                    itag = i;
                    break;
                }
            }
        }
        err = esent_page_node(&c->view, itag, &n);
        if (err != JET_errSuccess || n.cb_data != 4)
            return JET_errDatabaseCorrupted;
        pgno = rd32(n.data);
        if (pgno == 0 || pgno > c->cpg)
            return JET_errDatabaseCorrupted;
        expect = (flags & ESENT_PAGE_PARENT_OF_LEAF) ? EXPECT_LEAF : EXPECT_INTERNAL;
    }
}

/* (key, data) pairs in tree order: key first, data breaking ties (non-unique trees). */
static int entry_cmp(const uint8_t *k1, uint32_t ck1, const uint8_t *d1, uint32_t cd1,
                     const uint8_t *k2, uint32_t ck2, const uint8_t *d2, uint32_t cd2)
{
    int cmp = esent_key_compare(k1, ck1, k2, ck2);
    return cmp != 0 ? cmp : esent_key_compare(d1, cd1, d2, cd2);
}

/* Makes node itag of the current leaf the current entry; checks its order against the previous one. */
static JET_ERR set_current(esent_btree_cursor *c, uint32_t itag, const esent_node *n, int dir)
{
    uint32_t cb_key = 0;

    if (esent_node_key(n, c->key, esent_pagefile_page_size(c->pf), &cb_key) != JET_errSuccess)
        return JET_errDatabaseCorrupted;
    c->itag = itag;
    c->cb_key = cb_key;
    c->data = n->data;
    c->cb_data = n->cb_data;
    if (c->have_last) {
        int cmp = entry_cmp(c->key, c->cb_key, c->data, c->cb_data, c->last_key, c->cb_last_key, c->last_data,
                            c->cb_last_data);
        if ((dir > 0 && cmp <= 0) || (dir < 0 && cmp >= 0)) {
            unposition(c);
            return JET_errDatabaseCorrupted;
        }
    }
    return JET_errSuccess;
}

/* Follows the sibling link of the current leaf in direction dir to a validated leaf. */
static JET_ERR hop(esent_btree_cursor *c, uint32_t next, int dir)
{
    uint32_t from = c->pgno;
    uint32_t back;
    JET_ERR err;

    if (++c->leaves_walked > c->cpg)
        return JET_errDatabaseCorrupted; /* more hops than pages: a loop */
    err = load_page(c, next, EXPECT_LEAF);
    if (err != JET_errSuccess)
        return err;
    back = dir > 0 ? c->view.hdr.pgno_prev : c->view.hdr.pgno_next;
    if (back != from)
        return JET_errDatabaseCorrupted;
    c->pgno = next;
    c->itag = dir > 0 ? 0 : c->view.ctag;
    return JET_errSuccess;
}

/* Moves from (pgno, itag) to the next visible node in direction dir, crossing leaves. */
static JET_ERR step(esent_btree_cursor *c, int dir)
{
    JET_ERR err;

    for (;;) {
        uint32_t itag = c->itag, next;
        esent_node n;

        for (;;) {
            if (dir > 0) {
                if (itag + 1 >= c->view.ctag)
                    break;
                itag++;
            } else {
                if (itag <= 1)
                    break;
                itag--;
            }
            err = esent_page_node(&c->view, itag, &n);
            if (err != JET_errSuccess) {
                unposition(c);
                return JET_errDatabaseCorrupted;
            }
            if ((n.flags & ESENT_ND_DELETED) == 0)
                return set_current(c, itag, &n, dir);
        }
        next = dir > 0 ? c->view.hdr.pgno_next : c->view.hdr.pgno_prev;
        if (next == 0) {
            unposition(c);
            return JET_errNoCurrentRecord;
        }
        err = hop(c, next, dir);
        if (err != JET_errSuccess) {
            unposition(c);
            return err;
        }
    }
}

/* Remembers the current entry as the reference for the order check of the next move. */
static void save_last(esent_btree_cursor *c)
{
    memcpy(c->last_key, c->key, c->cb_key);
    c->cb_last_key = c->cb_key;
    if (c->cb_data)
        memcpy(c->last_data, c->data, c->cb_data);
    c->cb_last_data = c->cb_data;
    c->have_last = 1;
}

static JET_ERR move_edge(esent_btree_cursor *c, int dir)
{
    JET_ERR err;

    if (c == NULL || c->page == NULL)
        return JET_errInvalidParameter;
    err = descend(c, dir > 0 ? -1 : 1, NULL, 0);
    if (err != JET_errSuccess) {
        unposition(c);
        return err;
    }
    c->itag = dir > 0 ? 0 : c->view.ctag;
    err = step(c, dir);
    return err == JET_errNoCurrentRecord ? JET_errRecordNotFound : err;
}

JET_ERR esent_btree_move_first(esent_btree_cursor *c) { return move_edge(c, 1); }
JET_ERR esent_btree_move_last(esent_btree_cursor *c) { return move_edge(c, -1); }

static JET_ERR move(esent_btree_cursor *c, int dir)
{
    if (c == NULL || c->page == NULL)
        return JET_errInvalidParameter;
    if (c->pgno == 0)
        return JET_errNoCurrentRecord;
    save_last(c);
    return step(c, dir);
}

JET_ERR esent_btree_move_next(esent_btree_cursor *c) { return move(c, 1); }
JET_ERR esent_btree_move_prev(esent_btree_cursor *c) { return move(c, -1); }

JET_ERR esent_btree_seek(esent_btree_cursor *c, const uint8_t *key, uint32_t cb_key, int *exact)
{
    JET_ERR err;
    uint32_t itag;

    if (exact)
        *exact = 0;
    if (c == NULL || c->page == NULL || (key == NULL && cb_key != 0))
        return JET_errInvalidParameter;
    err = descend(c, 0, key, cb_key);
    if (err != JET_errSuccess) {
        unposition(c);
        return err;
    }
    /* The first visible node >= key is on this leaf, or is the first visible one after it. */
    for (itag = 1; itag < c->view.ctag; itag++) {
        esent_node n;
        if (esent_page_node(&c->view, itag, &n) != JET_errSuccess) {
            unposition(c);
            return JET_errDatabaseCorrupted;
        }
        if ((n.flags & ESENT_ND_DELETED) == 0 && node_key_cmp(&n, key, cb_key) >= 0)
            break;
    }
    c->itag = itag - 1;
    err = step(c, 1);
    if (err == JET_errNoCurrentRecord)
        return JET_errRecordNotFound;
    if (err != JET_errSuccess)
        return err;
    if (esent_key_compare(c->key, c->cb_key, key, cb_key) < 0) {
        unposition(c);
        return JET_errDatabaseCorrupted; /* an entry after the seek point sorts before the key */
    }
    if (exact)
        *exact = esent_key_compare(c->key, c->cb_key, key, cb_key) == 0;
    return JET_errSuccess;
}

JET_ERR esent_btree_current(const esent_btree_cursor *c, const uint8_t **key, uint32_t *cb_key,
                            const uint8_t **data, uint32_t *cb_data)
{
    if (c == NULL || c->pgno == 0 || c->itag == 0)
        return JET_errNoCurrentRecord;
    if (key)
        *key = c->key;
    if (cb_key)
        *cb_key = c->cb_key;
    if (data)
        *data = c->data;
    if (cb_data)
        *cb_data = c->cb_data;
    return JET_errSuccess;
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
