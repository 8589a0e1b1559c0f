/* Internals shared by the B-tree modules: btpage.c (pinned, validated pages; node comparison; page
 * rebuilds), btree.c (cursors), btwrite.c (insert/replace/delete), btsplit.c (splits), space.c and tree.c.
 * Not for use outside storage/.
 *
 * A tree is read and written through bt_tree. Data trees and space trees (OE/AE) are the same kind of
 * B+tree; they differ in where split pages come from and where emptied pages go (bt_tree.alloc/release):
 * a data tree asks its own space (space.c), a space tree uses its root's split buffer. Order:
 *   - unique trees (primary, long-value, space trees, unique indexes): entries ordered by key;
 *   - non-unique trees (root page flagged ESENT_PAGE_NON_UNIQUE_KEYS, space trees excepted): entries
 *     ordered by key, then data; separators on internal pages hold key‖data as one string and are
 *     compared with the search key‖data concatenated (ESE's CmpKeyWithKeyData). The two orders agree
 *     whenever no key of the tree is a proper prefix of another, which holds for normalized keys
 *     (format/key.h: every segment is self-delimiting or of fixed length). */
#ifndef ESENT_STORAGE_BTINT_H
#define ESENT_STORAGE_BTINT_H

#include "api/api.h"
#include "format/page.h"
#include "storage/btree.h"
#include "storage/pagefile.h"

/* Page flags that describe the tree rather than the page's level; every page of a tree carries them. */
#define BT_KIND_FLAGS (ESENT_PAGE_SPACE_TREE | ESENT_PAGE_INDEX | ESENT_PAGE_LONG_VALUE | ESENT_PAGE_NON_UNIQUE_KEYS)
/* Flags every page written here carries (§2.3). */
#define BT_BASE_FLAGS (ESENT_PAGE_NEW_RECORD_FORMAT | ESENT_PAGE_NEW_CHECKSUM)
#define BT_LEVEL_FLAGS (ESENT_PAGE_ROOT | ESENT_PAGE_LEAF | ESENT_PAGE_PARENT_OF_LEAF)

typedef struct bt_tree bt_tree;
struct bt_tree {
    esent_pagefile *pf;
    uint32_t objid;
    uint32_t pgno_root;
    uint32_t cb_page;
    int space_tree;            /* an OE/AE tree: pages flagged ESENT_PAGE_SPACE_TREE, always unique */
    /* Learned from the root page at every descent: */
    int unique;
    uint32_t kind_flags;       /* root flags & BT_KIND_FLAGS */
    /* A pinned buffer the next bt_descend releases in the same cache call as it pins the root (a cursor's
     * held leaf); bt_descend always consumes it (NULL afterwards). */
    esent_bf *unpin;
    /* Writers only: a page for a split (formatted by the caller), and a page the tree stopped using. */
    JET_ERR (*alloc)(bt_tree *t, uint32_t *ppgno);
    JET_ERR (*release)(bt_tree *t, uint32_t pgno);
    void *ctx;
};

/* A tree to read: no allocation callbacks. */
void bt_tree_init(bt_tree *t, esent_pagefile *pf, uint32_t objid, uint32_t pgno_root, int space_tree);
/* esent_btree_open for a space tree (OE/AE): the cursor expects ESENT_PAGE_SPACE_TREE pages. */
JET_ERR bt_cursor_open_space(esent_btree_cursor *c, esent_pagefile *pf, uint32_t objid, uint32_t pgno_root);

/* A pinned page of the tree, validated. */
typedef struct bt_pg {
    esent_bf *bf;
    esent_page_view v;
    uint32_t pgno;
} bt_pg;

enum { BT_EXPECT_ANY, BT_EXPECT_LEAF, BT_EXPECT_INTERNAL };

/* Pins pgno and checks what every page of the tree must satisfy: objidFDP = the tree's objid, not flagged
 * empty, flagged space tree exactly when the tree is one, flagged root exactly when it is the root, leaf or
 * internal as expected, never leaf and parent-of-leaf at once. JET_errDatabaseCorrupted otherwise (pgno 0
 * or beyond the file included); page-file errors as they are. On failure nothing stays pinned. */
JET_ERR bt_pg_get(const bt_tree *t, uint32_t pgno, int expect, bt_pg *pg);
/* bt_pg_get that also unpins release (when not NULL) in the same cache call; release is unpinned whatever
 * the result. */
JET_ERR bt_pg_get_release(const bt_tree *t, uint32_t pgno, int expect, esent_bf *release, bt_pg *pg);
/* bt_pg_get for a buffer the caller already pinned (esent_bf_get of pgno): the same checks; on failure the
 * buffer is unpinned. */
JET_ERR bt_pg_adopt(const bt_tree *t, esent_bf *bf, uint32_t pgno, int expect, bt_pg *pg);
/* Unpins (no-op when nothing is pinned). */
void bt_pg_put(const bt_tree *t, bt_pg *pg);
/* Marks the page about to change (esent_bf_dirty) and refreshes the view's header afterwards. */
void bt_pg_dirty(const bt_tree *t, bt_pg *pg);
/* Re-reads the view after the page's bytes changed. JET_errDatabaseCorrupted if they no longer make a page. */
JET_ERR bt_pg_reload(bt_pg *pg, uint32_t cb_page);

/* What a search looks for: key, and (non-unique trees) data. */
typedef struct bt_target {
    const uint8_t *key;
    uint32_t cb_key;
    const uint8_t *data;       /* used when use_data */
    uint32_t cb_data;
    int use_data;
} bt_target;

/* Node against target in entry order: key first, then (use_data) data. */
int bt_cmp_entry(const esent_node *n, const bt_target *tg);
/* Separator node against target: the node's key against key (use_data: key‖data as one string). */
int bt_cmp_separator(const esent_node *n, const bt_target *tg);

/* Path of a descent: pgno[0] is the root, pgno[depth - 1] the leaf; itag[l] is the node followed on internal
 * level l (0 on the leaf) and ctag[l] the page's tag count. */
typedef struct bt_path {
    uint32_t depth;
    uint32_t pgno[ESENT_BTREE_DEPTH_MAX];
    uint32_t itag[ESENT_BTREE_DEPTH_MAX];
    uint32_t ctag[ESENT_BTREE_DEPTH_MAX];
    uint64_t num, denom;       /* BT_FRACTION: position wanted, as num/denom of the page being entered */
} bt_path;

enum { BT_FIRST = -1, BT_TARGET = 0, BT_LAST = 1, BT_FRACTION = 2 };

/* Descends from the root to a leaf: mode BT_FIRST / BT_LAST take the first / last child at every level,
 * BT_TARGET the child whose range holds tg (the first separator > tg, else the last node; tg->use_data
 * counts only in a non-unique tree), BT_FRACTION child floor(num * n / denom) of n (at most n - 1), leaving
 * in path->num the remainder for the next level (0 <= num <= denom). Sets t->unique and t->kind_flags from
 * the root. The leaf stays pinned in *leaf. A descent is at most ESENT_BTREE_DEPTH_MAX pages, never
 * revisits a page of its path, and internal nodes hold exactly a 4-byte child pgno:
 * JET_errDatabaseCorrupted otherwise. */
JET_ERR bt_descend(bt_tree *t, int mode, const bt_target *tg, bt_path *path, bt_pg *leaf);
/* First node of the leaf (itag >= 1) that is >= tg in entry order (ctag when none), by binary search; deleted
 * nodes count (they are in order too); tg->use_data counts only in a non-unique tree.
 * JET_errDatabaseCorrupted for an unreadable node. */
JET_ERR bt_leaf_search(const bt_tree *t, const bt_pg *pg, const bt_target *tg, uint32_t *pitag);

/* ---- node lists (splits and rebuilds) ---- */

/* A node to write: its full key (no prefix compression) and data (format/page.h's entry, appended as is). */
typedef esent_page_entry bt_node;

/* Bytes a node takes on a page, its tag included. */
uint32_t bt_node_cost(uint32_t cb_key, uint32_t cb_data);

/* A growable byte arena whose blocks never move (node lists point into it). */
typedef struct bt_arena {
    struct bt_arena_block *head;
} bt_arena;
void *bt_arena_alloc(bt_arena *a, uint32_t cb);
void bt_arena_free(bt_arena *a);

/* Copies every node of a page (tags 1..ctag-1) into out (room for ctag-1), keys decompressed into the
 * arena; deleted nodes are dropped when skip_deleted. *pn = nodes copied. JET_errDatabaseCorrupted,
 * JET_errOutOfMemory. */
JET_ERR bt_page_nodes(const bt_pg *pg, int skip_deleted, bt_arena *a, bt_node *out, uint32_t *pn);

/* Formats a page from scratch (the caller dirtied it): header (dbtime from the page itself), flags, links,
 * tag 0 (cb_tag0 bytes, copied first since it may point into the page), then the nodes uncompressed.
 * JET_errBufferTooSmall when they do not fit. */
JET_ERR bt_page_format(uint8_t *page, uint32_t cb_page, uint32_t pgno, uint32_t objid, uint32_t flags, uint32_t prev,
                       uint32_t next, const uint8_t *tag0, uint32_t cb_tag0, const bt_node *nodes, uint32_t n);

/* Sets pgnoPrev / pgnoNext of a page in place (the caller dirtied it). */
void bt_page_set_links(uint8_t *page, uint32_t cb_page, uint32_t prev, uint32_t next);

/* Bytes available to nodes (tags included) on a page whose tag 0 holds cb_tag0 bytes. */
uint32_t bt_page_room(uint32_t cb_page, uint32_t cb_tag0);

/* ---- writing (btwrite.c, btsplit.c) ---- */

enum { BT_INSERT, BT_REPLACE };

/* Inserts (BT_INSERT) or replaces the data of (BT_REPLACE, unique trees) an entry. Errors as
 * esent_btree_insert / esent_btree_replace, besides those of t->alloc. */
JET_ERR bt_put(bt_tree *t, int op, const uint8_t *key, uint32_t cb_key, const uint8_t *data, uint32_t cb_data);
/* Removes an entry (non-unique trees: key and data must match). Emptied leaves are unlinked and handed to
 * t->release. JET_errRecordNotFound. */
JET_ERR bt_delete(bt_tree *t, const uint8_t *key, uint32_t cb_key, const uint8_t *data, uint32_t cb_data);

/* The leaf of path (pinned in leaf, no deleted nodes) cannot take the change in place: split it, and its
 * ancestors as needed. pos = index of the changed node in the leaf's node list (0-based); op BT_INSERT
 * inserts node at pos, BT_REPLACE replaces the node at pos. All new pages are allocated (t->alloc) before
 * any page changes: on an allocation failure the tree is unchanged. Unpins leaf. */
JET_ERR bt_split(bt_tree *t, const bt_path *path, bt_pg *leaf, uint32_t pos, int op, const bt_node *node);

#endif
