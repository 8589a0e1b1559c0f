/* Read-only B+tree cursor (ese-format.md §3): one tree, identified by its objid and root page
 * pgnoFDP, read through a page file one page at a time.
 *
 * Tree shape (§3.4): internal pages hold nodes (separator K_i, u32 child pgno); child i holds the keys
 * K_{i-1} <= k < K_i, and the last node of an internal page stands for +infinity whatever its key.
 * Leaves hold the entries in key order (key‖data order in non-unique trees) and are chained by
 * pgnoPrev/pgnoNext, 0 at both ends. Nodes flagged ESENT_ND_DELETED are invisible.
 *
 * Everything read is validated before it is trusted; any inconsistency is JET_errDatabaseCorrupted:
 *   - every page of the tree carries objidFDP = the tree's objid, is not flagged empty, and only the
 *     root carries the root flag;
 *   - an internal page flagged parent-of-leaf has leaf children, any other internal page internal
 *     children; internal node data is exactly a 4-byte child pgno in 1..page count;
 *   - a descent is at most ESENT_BTREE_DEPTH_MAX pages and never revisits a page of its own path;
 *   - a leaf's neighbour is a leaf whose back link names it, and a walk crosses at most page-count
 *     leaves (sibling loops end there);
 *   - visible entries come in strictly increasing key‖data order, and keys are non-decreasing.
 * I/O and checksum errors of the page file (JET_errReadVerifyFailure, JET_errPageNotInitialized,
 * JET_errFileIOBeyondEOF, ...) are returned as they are.
 *
 * The cursor owns one page buffer; key and data stay valid until the next move. */
#ifndef ESENT_STORAGE_BTREE_H
#define ESENT_STORAGE_BTREE_H

#include "api/api.h"
#include "format/page.h"
#include "storage/pagefile.h"

#define ESENT_BTREE_DEPTH_MAX 16u   /* far above any real tree (a 4-level tree of 4 KiB pages holds billions) */

typedef struct esent_btree_cursor {
    esent_pagefile *pf;
    uint32_t objid;
    uint32_t pgno_root;
    uint32_t cpg;              /* page count of the file: bound for pgnos and for leaf walks */
    uint8_t *page;             /* the current leaf (cb_page bytes) */
    esent_page_view view;
    uint32_t pgno;             /* current leaf page, 0 when not positioned */
    uint32_t itag;             /* current node (>= 1) when positioned */
    uint32_t leaves_walked;    /* sibling hops since the last descent */
    uint8_t *key;              /* current entry's reconstructed key */
    uint32_t cb_key;
    const uint8_t *data;       /* current entry's data, inside page */
    uint32_t cb_data;
    uint8_t *last_key;         /* previous visible entry in the walk direction (order check) */
    uint32_t cb_last_key;
    uint8_t *last_data;
    uint32_t cb_last_data;
    int have_last;
    int dir_last;              /* +1 / -1: direction the last entry was reached in */
} esent_btree_cursor;

/* Prepares a cursor on the tree (no I/O). JET_errOutOfMemory, JET_errInvalidParameter (pgno_root 0). */
JET_ERR esent_btree_open(esent_btree_cursor *c, esent_pagefile *pf, uint32_t objid, uint32_t pgno_root);
void esent_btree_close(esent_btree_cursor *c);

/* Positions on the first / last visible entry. JET_errRecordNotFound when the tree is empty. */
JET_ERR esent_btree_move_first(esent_btree_cursor *c);
JET_ERR esent_btree_move_last(esent_btree_cursor *c);
/* Next / previous visible entry. JET_errNoCurrentRecord at the end (the cursor is then unpositioned)
 * or when the cursor is not positioned. */
JET_ERR esent_btree_move_next(esent_btree_cursor *c);
JET_ERR esent_btree_move_prev(esent_btree_cursor *c);

/* Positions on the first visible entry whose key is >= key (keys compare as esent_key_compare; in
 * non-unique trees every entry with that key is reached, the first one first). *exact (may be NULL)
 * = the entry's key equals key. JET_errRecordNotFound when every key is smaller. */
JET_ERR esent_btree_seek(esent_btree_cursor *c, const uint8_t *key, uint32_t cb_key, int *exact);

/* The current entry. JET_errNoCurrentRecord when not positioned. Pointers stay valid until the next move. */
JET_ERR esent_btree_current(const esent_btree_cursor *c, const uint8_t **key, uint32_t *cb_key,
                            const uint8_t **data, uint32_t *cb_data);

/* Counts the visible entries of the whole tree (a full leaf walk with every check above). */
JET_ERR esent_btree_count(esent_pagefile *pf, uint32_t objid, uint32_t pgno_root, uint64_t *pcount);

#endif
