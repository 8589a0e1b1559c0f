/* Private to table/trx.c and table/ver.c: the version store's entries (RCEs) and transactions.
 *
 * One RCE records one change a transaction made to one node of one tree (or a lock it took, or work to do
 * at its end). The same entry serves two purposes, as in ESE:
 *   - undo: a transaction's RCEs form a stack (sprev: the next older of the same transaction); JetRollback
 *     pops them and applies their inverse;
 *   - versions: the RCEs of one node (tree + key, + data in non-unique trees) form a chain, newest first
 *     (older/newer); a reader whose snapshot does not include a change walks back through it to the
 *     image it should see (table/ver.h). The newest RCE of each node is listed in a hash bucket (hnext).
 *
 * A node's logical state: it exists when it is physically in its tree and the newest non-lock RCE of its
 * chain is not a DELETE. Deletes are deferred: JetDelete leaves the node in the tree and pushes a DELETE;
 * the node is removed physically when the DELETE is cleaned up (no snapshot can see the node any more),
 * so older snapshots keep reading it. Inserting over a logically deleted node (same key) replaces its data
 * in place (INS_OVER).
 *
 * Catalog trees are not versioned (DDL is not isolated, docs/behaviour.md): their changes are applied at
 * once and their RCEs are undo records only (never hashed).
 *
 * Invariants (data lock held for everything):
 *   - an RCE is in a chain (RCE_F_HASHED) only while its transaction is open or committed and not yet
 *     cleaned up; cleanup of a transaction happens once its commit time is older than every open
 *     transaction's begin time (nobody can tell its versions from the current state any more);
 *   - in a chain, the RCEs of other transactions older than an open transaction's own RCE are all
 *     committed (write conflicts prevent interleaving), escrow and lock RCEs excepted;
 *   - RCE_F_ORPHAN: its tree or database is gone; nothing physical is ever done for it again. */
#ifndef ESENT_TABLE_VERINT_H
#define ESENT_TABLE_VERINT_H

#include "api/api.h"
#include "core/instance.h"
#include "session/session.h"
#include "storage/database.h"

#define ESENT_VER_OPEN UINT64_MAX   /* commit time of a transaction still open */

enum esent_rce_op {
    RCE_INSERT,         /* node inserted; before: absent. Undo: delete it */
    RCE_INS_OVER,       /* inserted over a logically deleted node; bytes: key, data before. Undo: put data back */
    RCE_REPLACE,        /* data replaced; bytes: key, data before. Undo: put data back */
    RCE_DELETE,         /* node deleted; bytes: key, its data. Versioned: the node stays in the tree (undo:
                           nothing); catalog: removed at once (undo: insert it again) */
    RCE_ESCROW,         /* a signed delta added to the bytes [ib_escrow, +cb_escrow) of the data. Undo: subtract */
    RCE_LOCK_READ,      /* JetGetLock(JET_bitReadLock): no change */
    RCE_LOCK_WRITE,     /* JetGetLock(JET_bitWriteLock): no change */
    RCE_CREATE_TREE,    /* a tree was created (pgno_fdp, parent pgno_parent). Undo: destroy it */
    RCE_RELOAD_SCHEMA,  /* the catalog changed. Undo: reload the schema after the rollback */
    RCE_DEFER_DESTROY   /* not an undo: destroy the tree when the transaction commits */
};

#define RCE_F_VERSIONED 0x01u   /* a versioned tree: the RCE goes into a chain */
#define RCE_F_HASHED    0x02u   /* in a chain now */
#define RCE_F_UNIQUE    0x04u   /* its tree keeps one entry per key (identity = key; else key and data) */
#define RCE_F_ORPHAN    0x08u   /* its tree or database is gone */

struct esent_vtrx;

typedef struct esent_rce {
    struct esent_rce *sprev;            /* next older RCE of the same transaction */
    struct esent_rce *hnext;            /* next chain head in the same hash bucket (heads only) */
    struct esent_rce *older, *newer;    /* the node's chain */
    struct esent_vtrx *trx;
    esent_db *db;
    uint32_t objid, pgno_fdp, pgno_parent;
    uint32_t hash;                      /* of (db, pgno_fdp, identity) */
    uint32_t cb_key, cb_data;           /* bytes[] = key, then data */
    int64_t delta;                      /* RCE_ESCROW */
    uint16_t ib_escrow;
    uint8_t cb_escrow;                  /* 4 or 8 */
    uint8_t op;                         /* enum esent_rce_op */
    uint8_t flags;                      /* RCE_F_* */
    uint8_t bytes[];
} esent_rce;

typedef struct esent_rce_block {
    struct esent_rce_block *prev;
    size_t used, size;
    uint64_t bytes[];
} esent_rce_block;

/* One outermost transaction: from its first level's begin to its cleanup (after commit) or the end of its
 * rollback. Times come from one counter: a transaction sees the changes of those whose commit < its begin. */
typedef struct esent_vtrx {
    esent_instance *inst;               /* whose version store budget it uses */
    uint64_t begin, commit;             /* commit = ESENT_VER_OPEN while open */
    struct esent_vtrx *next, *prev;     /* open list (by begin) or committed queue (by commit) */
    esent_rce *top;                     /* newest RCE */
    uint32_t depth;                     /* RCEs on the stack */
    uint32_t cdeletes;                  /* hashed RCE_DELETEs: cleanup has physical work */
    size_t chashed;                     /* its RCEs in chains */
    uint8_t clean_phase;                /* cleanup (table/ver.c): 0 not begun, 1 deletes, 2 unlinking */
    esent_rce *clean_at;                /* the next RCE cleanup looks at */
    size_t charged;                     /* bytes charged to inst's version store */
    esent_rce_block *blocks;            /* newest block holds the newest RCE */
} esent_vtrx;

#endif
