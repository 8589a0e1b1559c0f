/* B+trees (ese-format.md §3): one tree is identified by its objid and root page pgnoFDP, and read and
 * written through the page file's buffer cache.
 *
 * Tree shape (§3.4): internal pages hold nodes (separator K_i, u32 child pgno); child i holds the entries
 * K_{i-1} <= e < K_i, and the last node of an internal page stands for +infinity whatever its key (this
 * writer leaves it empty). Leaves hold the entries in order and are chained by pgnoPrev/pgnoNext, 0 at both
 * ends; internal pages have no links. Nodes flagged ESENT_ND_DELETED (Windows' flag-deleted entries) are
 * invisible. The root stays at pgnoFDP for the tree's whole life.
 *
 * Order. Unique trees order entries by key (esent_key_compare). Non-unique trees (secondary indexes created
 * without ESENT_TREE_UNIQUE) order them by key, then data; their separators hold key‖data as one byte
 * string, compared with the search key‖data concatenated, as ESE does. Both orders agree as long as no key
 * of a non-unique tree is a proper prefix of another, which is true of normalized index keys (format/key.h);
 * callers must not store other keys in non-unique trees.
 *
 * What kind a tree is, is read from its pages: non-unique trees have ESENT_PAGE_NON_UNIQUE_KEYS on every
 * page (and ESENT_SPH_NON_UNIQUE in the root's SPACE_HEADER), so callers pass only objid and pgnoFDP.
 *
 * Reading validates everything before trusting it; any inconsistency is JET_errDatabaseCorrupted:
 *   - every page of the tree carries objidFDP = the tree's objid, is not flagged empty or space tree, and
 *     only the root carries the root flag;
 *   - an internal page flagged parent-of-leaf has leaf children, any other internal page internal
 *     children; internal node data is exactly a 4-byte child pgno in 1..page count;
 *   - a descent is at most ESENT_BTREE_DEPTH_MAX pages and never revisits a page of its own path;
 *   - a leaf's neighbour is a leaf whose back link names it, and a walk crosses at most page-count
 *     leaves (sibling loops end there);
 *   - visible entries come in strictly increasing order (as above), and keys are non-decreasing.
 * I/O and checksum errors of the page file (JET_errReadVerifyFailure, JET_errPageNotInitialized,
 * JET_errFileIOBeyondEOF, ...) are returned as they are.
 *
 * Writing (page file opened read-write; JET_errPermissionDenied otherwise). Every page change goes through
 * esent_bf_dirty. Nodes are written without key-prefix compression (reading handles it); a page that still
 * holds flag-deleted nodes loses them the first time it is changed. Leaves and internal pages split as they
 * fill (a leaf into up to three pages when a large entry does not fit beside its neighbours), a full root
 * moves its content into new children and stays at pgnoFDP; inserts at the end of the tree leave full pages
 * behind (append split). A delete removes the node; a leaf left empty is unlinked, its parent entry
 * removed (an emptied internal page goes the same way) and the page returned to the tree's space; a root
 * left without children becomes an empty leaf. New pages come from the tree's own space (storage/space.h).
 * All pages a split needs are allocated before any page changes, so a failed allocation
 * (JET_errOutOfDatabaseSpace, JET_errDiskFull, ...) leaves the tree as it was. There is no logging yet: a
 * crash in the middle of a change leaves the file DirtyShutdown (pagefile.h).
 *
 * Cursors copy the current entry's key and data into their own buffers (valid until the next move) and
 * keep only the current entry's leaf pinned between calls (released by a move off it, a seek and close:
 * every opened cursor must be closed before its page file). They stay usable while the tree changes between their calls: a
 * cursor remembers its leaf, node and the leaf's dbtimeDirtied, and when the page has changed since, finds
 * its place again by the saved key (‖data in non-unique trees). */
#ifndef ESENT_STORAGE_BTREE_H
#define ESENT_STORAGE_BTREE_H

#include "api/api.h"
#include "format/page.h"
#include "storage/pagefile.h"

#define ESENT_BTREE_DEPTH_MAX 16u   /* far above any real tree (a 4-level tree of 4 KiB pages holds billions) */

/* Tree kinds → page flags: primary (records, no kind flag), index (ESENT_PAGE_INDEX; non-unique keys unless
 * ESENT_TREE_UNIQUE: ESENT_PAGE_NON_UNIQUE_KEYS), long value (ESENT_PAGE_LONG_VALUE). */
#define ESENT_TREE_PRIMARY    0u
#define ESENT_TREE_INDEX      1u   /* secondary index: entries key -> primary bookmark (data) */
#define ESENT_TREE_LONG_VALUE 2u
#define ESENT_TREE_UNIQUE     0x100u  /* or'ed in: unique keys (primary and long-value trees always are) */

struct esent_btree_cursor;

/* A view decides what a cursor's reader sees of each entry (the table layer's transaction snapshots,
 * table/ver.h): 1 = visible, with *pdata / *pcb_data (on entry the entry's own data) possibly pointed at
 * another image, valid until the cursor's next call; 0 = hidden. It reads the entry as c->key / c->data. */
typedef int (*esent_btree_view_fn)(void *ctx, const struct esent_btree_cursor *c, const uint8_t **pdata,
                                   uint32_t *pcb_data);

typedef struct esent_btree_cursor {
    esent_pagefile *pf;
    uint32_t objid;
    uint32_t pgno_root;
    int unique;                /* learned from the root at the last descent */
    int space_tree;            /* an OE/AE tree (storage/space.c only, see btint.h) */
    uint32_t pgno;             /* leaf of the current entry, 0 when not positioned */
    uint32_t itag;             /* its node */
    uint64_t dbtime;           /* the leaf's dbtimeDirtied when (pgno, itag) was taken; 0: find again */
    uint64_t pf_dbtime;        /* esent_pagefile_dbtime when it was taken: while the file's dbtime has not
                                  moved, no page of it changed (every change passes esent_bf_dirty), so
                                  key/data below are still the entry's bytes without looking at the leaf */
    int deleted;               /* the current entry is gone: the cursor sits where it was */
    uint32_t leaves_walked;    /* sibling hops since the last descent */
    /* While positioned (dbtime != 0) the cursor keeps its leaf pinned between calls, with the view checked
     * when the position was taken: a pinned buffer is never evicted, so while the page's dbtimeDirtied
     * still equals dbtime its bytes are the ones checked (every change takes a new dbtime first), and a
     * move continues on it without a cache lookup. Released when the position goes, and by close. */
    esent_bf *held;
    esent_page_view held_view;
    uint8_t *key;              /* copy of the current entry (cb_page bytes each) */
    uint32_t cb_key;
    uint8_t *data;
    uint32_t cb_data;
    /* Identity of the copy above: serial is unique to this opening of the cursor within the process (never
     * reused, even when the buffers' addresses are), copy_gen changes every time key/data/cb_* are rewritten.
     * So while (serial, copy_gen) is unchanged the copy's bytes are unchanged, and a caller may keep what it
     * derived from them under that pair (table/recretrieve.c keeps the parse of a record). */
    uint64_t serial;
    uint64_t copy_gen;
    /* The view (NULL: every entry as the tree holds it). Moves and seeks skip the entries it hides (a
     * seek lands on the first visible entry >= its key); current() answers JET_errRecordDeleted for a
     * hidden current entry and gives the view's image as data, which may differ from the copy above
     * while (serial, copy_gen) stays the same. Set after esent_btree_open. */
    esent_btree_view_fn view;
    void *view_ctx;
} esent_btree_cursor;

/* Prepares a cursor on the tree (no I/O). JET_errOutOfMemory, JET_errInvalidParameter (pgno_root 0). */
JET_ERR esent_btree_open(esent_btree_cursor *c, esent_pagefile *pf, uint32_t objid, uint32_t pgno_root);
void esent_btree_close(esent_btree_cursor *c);

/* Positions on the first / last visible entry. JET_errRecordNotFound when the tree is empty. */
JET_ERR esent_btree_move_first(esent_btree_cursor *c);
JET_ERR esent_btree_move_last(esent_btree_cursor *c);
/* Next / previous visible entry. JET_errNoCurrentRecord at the end (the cursor is then unpositioned)
 * or when the cursor is not positioned. When the current entry was deleted since the last call,
 * move_next lands on the first entry after it, move_prev on the last entry before it. */
JET_ERR esent_btree_move_next(esent_btree_cursor *c);
JET_ERR esent_btree_move_prev(esent_btree_cursor *c);

/* Positions on the first visible entry whose key is >= key (keys compare as esent_key_compare; in
 * non-unique trees every entry with that key is reached, the first one first). *exact (may be NULL)
 * = the entry's key equals key. JET_errRecordNotFound when every key is smaller. */
JET_ERR esent_btree_seek(esent_btree_cursor *c, const uint8_t *key, uint32_t cb_key, int *exact);
/* Non-unique trees: positions on the first visible entry >= (key, data) in tree order; *exact = that very
 * entry exists. Unique trees: data is ignored, as esent_btree_seek. JET_errRecordNotFound when every entry
 * is smaller. */
JET_ERR esent_btree_seek_entry(esent_btree_cursor *c, const uint8_t *key, uint32_t cb_key, const uint8_t *data,
                               uint32_t cb_data, int *exact);

/* The current entry. JET_errNoCurrentRecord when not positioned; JET_errRecordDeleted when it was deleted
 * since it became current (the cursor keeps its place for move_next / move_prev). When its page changed,
 * the entry is found again and data reflects a replace. Pointers stay valid until the next move. */
JET_ERR esent_btree_current(esent_btree_cursor *c, const uint8_t **key, uint32_t *cb_key, const uint8_t **data,
                            uint32_t *cb_data);

/* Approximate position of the current entry (of where it was, when deleted), as JetGetRecordPosition:
 * from the descent path, child index / child count at each level and the entry's rank on its leaf;
 * *pcentry_total estimates the entries of the tree (exact for a one-page tree). JET_errNoCurrentRecord
 * when not positioned. */
JET_ERR esent_btree_get_position(esent_btree_cursor *c, uint32_t *pcentry_lt, uint32_t *pcentry_total);
/* Positions on the entry at about num/denom of the tree (0 <= num <= denom, denom > 0, else
 * JET_errInvalidParameter), choosing child floor(f * n) at each level; num == denom is the last entry.
 * JET_errRecordNotFound when the tree is empty. */
JET_ERR esent_btree_goto_fraction(esent_btree_cursor *c, uint32_t num, uint32_t denom);

/* 1 when the tree at pgno_root keeps one entry per key, 0 when it is non-unique (its root page is flagged
 * ESENT_PAGE_NON_UNIQUE_KEYS). A root that cannot be read counts as unique: the next operation on the tree
 * reports the error. */
int esent_btree_is_unique(esent_pagefile *pf, uint32_t pgno_root);

/* Counts the visible entries of the whole tree (a full leaf walk with every check above). */
JET_ERR esent_btree_count(esent_pagefile *pf, uint32_t objid, uint32_t pgno_root, uint64_t *pcount);

/* ---- writing ---- */

/* Largest cb_key + cb_data of an entry: one such entry fits an empty non-root leaf, so every split succeeds
 * (4046 bytes on 4 KiB pages, 8142 on 8 KiB, 16294 on 16 KiB, 32678 on 32 KiB). Callers use it for
 * JET_errRecordTooBig. */
uint32_t esent_btree_cb_entry_max(uint32_t cb_page);
/* Largest key (and, in non-unique trees, largest data): JET_cbKeyMost for the page size (1000 on 4 KiB
 * pages, 2000 on larger ones). Keeps separators small enough for every internal page to hold at least
 * three children. */
uint32_t esent_btree_cb_key_max(uint32_t cb_page);

/* Inserts an entry. JET_errKeyDuplicate when an entry with an equal key exists (unique trees) or with equal
 * key and data (non-unique trees); JET_errRecordTooBig when cb_key + cb_data > esent_btree_cb_entry_max;
 * JET_errKeyTooBig when cb_key (non-unique trees: or cb_data) > esent_btree_cb_key_max. */
JET_ERR esent_btree_insert(esent_pagefile *pf, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key, uint32_t cb_key,
                           const uint8_t *data, uint32_t cb_data);
/* Unique trees: new data for the entry with that key (its size may change: growing may split).
 * JET_errRecordNotFound when there is none; JET_errInvalidParameter on a non-unique tree; size errors as
 * insert. */
JET_ERR esent_btree_replace(esent_pagefile *pf, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                            uint32_t cb_key, const uint8_t *data, uint32_t cb_data);
/* Removes an entry: non-unique trees need key and data to match; unique trees ignore data (may be NULL).
 * JET_errRecordNotFound otherwise. The entry is gone even when returning its emptied leaf to the tree's
 * space fails (that error is returned; the page stays owned by the tree, unused). */
JET_ERR esent_btree_delete(esent_pagefile *pf, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key, uint32_t cb_key,
                           const uint8_t *data, uint32_t cb_data);

/* ---- tree lifetime (tree.c) ---- */

/* Creates an empty tree of kind (ESENT_TREE_* | ESENT_TREE_UNIQUE) with objid (esent_pagefile_new_objid),
 * owned by the tree at pgno_fdp_parent (1 for tables; the table's FDP for its indexes and LV tree): takes
 * an extent of max(cpg_initial, 3) pages from the parent (storage/space.h) and formats its first three
 * pages: the root (an empty leaf whose SPACE_HEADER says multiple extent, parent, pgnoOE), the OE (owning
 * the extent) and the AE (the rest of it). *ppgno_fdp = the root's pgno. */
JET_ERR esent_tree_create(esent_pagefile *pf, uint32_t pgno_fdp_parent, uint32_t objid, uint32_t kind,
                          uint32_t cpg_initial, uint32_t *ppgno_fdp);
/* Gives every extent the tree owns back to the parent's AE (the tree's own pages, its space trees' and
 * those of the trees it owns in turn: a table's extents include its indexes' and LV tree's).
 * JET_errInvalidParameter when the tree's SPACE_HEADER names another parent. */
JET_ERR esent_tree_destroy(esent_pagefile *pf, uint32_t pgno_fdp_parent, uint32_t pgno_fdp);

#endif
