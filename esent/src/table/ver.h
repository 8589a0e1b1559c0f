/* The version store: what each transaction may see, who conflicts with whom, and cleanup.
 *
 * Isolation model (docs/behaviour.md, "Transactions and isolation"): snapshot isolation, as ESENT. A
 * transaction sees the database as of its begin (its outermost level's JetBeginTransaction, or the
 * implicit level of one API call), plus its own changes. A session outside any transaction sees the latest
 * committed state. Changes of a transaction become visible to transactions that begin after its commit.
 *
 * Every change to a versioned tree is an RCE (table/verint.h) in the changed node's chain. A reader
 * positioned on a node asks esent_ver_image for the image its snapshot sees: walking the chain from the
 * newest RCE, each change the reader cannot see is undone on a copy (before-images, deltas) until one it
 * can see. Hidden nodes (inserted later, or deleted before) are skipped by the B-tree cursors'
 * view hook (storage/btree.h), which table/cursor.c sets to esent_ver_cursor_view.
 *
 * Write conflicts: a transaction may not change (replace, delete, write-lock) a node whose chain holds a
 * change of another transaction that is still open or committed after this one began
 * (JET_errWriteConflict); escrow deltas do not conflict with each other; read locks conflict with other
 * transactions' changes and write locks only.
 *
 * Budget: the RCEs of an instance (open transactions' and committed ones not yet cleaned) may use at most
 * JET_paramMaxVerPages version pages of ESENT_VER_PAGE bytes; beyond that a change fails with
 * JET_errVersionStoreOutOfMemory and leaves nothing (the transaction can still roll back).
 *
 * Cleanup: when a transaction ends, every committed transaction older than the oldest open one is cleaned
 * up: its RCEs leave their chains, and the nodes its DELETEs left behind are removed from their trees.
 * Data lock held for everything here. */
#ifndef ESENT_TABLE_VER_H
#define ESENT_TABLE_VER_H

#include "api/api.h"
#include "storage/btree.h"
#include "table/verint.h"

/* One version page (JET_paramMaxVerPages' unit): 16 KiB on 32-bit Windows builds, 32 KiB on 64-bit ones. */
#define ESENT_VER_PAGE (sizeof(void *) >= 8 ? 32768u : 16384u)
/* What one RCE holding cb bytes of keys and images costs in the budget: the bytes plus a nominal 64-byte
 * header, about the size of ESE's own RCE header, so the same transactions fit under the same
 * JET_paramMaxVerPages as with ESENT whatever this implementation's header size is. */
#define ESENT_RCE_CHARGE(cb) ((size_t)(cb) + 64u)

/* ---- transactions ---- */

/* A new open transaction, begun now. NULL when out of memory. */
esent_vtrx *esent_ver_trx_new(esent_instance *inst);
/* Commits t (now) and cleans up what no open transaction needs any more. t's RCEs must all be versioned
 * or applied; t belongs to the store from here on. */
void esent_ver_trx_commit(esent_vtrx *t);
/* Ends t after its rollback emptied it (no RCE left) and frees it; cleans up as commit does. */
void esent_ver_trx_free_rolled_back(esent_vtrx *t);
/* Cleans every committed transaction older than every open one, here and now. (Ending a transaction
 * cleans small ones at once and leaves large ones to a background thread; a full budget cleans here.) */
void esent_ver_cleanup(void);
/* JetTerm, data lock held: when no transaction is left anywhere, asks the background cleaner to stop and
 * returns it, else NULL. The caller releases the data lock, then waits for it with esent_ver_cleaner_join. */
struct esent_ver_cleaner;
struct esent_ver_cleaner *esent_ver_cleaner_retire(void);
void esent_ver_cleaner_join(struct esent_ver_cleaner *retired);

/* ---- chains ---- */

/* The newest RCE of node (db, pgno_fdp, key[, data when !unique]) or NULL; *phash = the node's hash. */
esent_rce *esent_ver_head(const esent_db *db, uint32_t pgno_fdp, int unique, const uint8_t *key, uint32_t cb_key,
                          const uint8_t *data, uint32_t cb_data, uint32_t *phash);
/* Makes r (hash, db, pgno_fdp, flags, bytes set) the newest RCE of its node's chain. JET_errOutOfMemory
 * when the hash table cannot grow (nothing changed). */
JET_ERR esent_ver_link(esent_rce *r);
/* The hash of node (db, pgno_fdp, key[, data when !unique]), as esent_ver_head computes it. */
uint32_t esent_ver_hash(const esent_db *db, uint32_t pgno_fdp, int unique, const uint8_t *key, uint32_t cb_key,
                        const uint8_t *data, uint32_t cb_data);
/* esent_ver_link for a node known to have no chain (it was not in its tree until now: a chain exists only
 * for a node its tree holds): no search. */
JET_ERR esent_ver_link_first(esent_rce *r);
/* Takes r out of its chain (no-op when it is not in one). */
void esent_ver_unlink(esent_rce *r);
/* The node whose newest RCE is head is deleted (its newest non-lock RCE is a DELETE). */
int esent_ver_deleted(const esent_rce *head);

/* ---- conflicts ---- */

typedef enum esent_ver_access {
    ESENT_VER_WRITE,     /* replace, delete, insert over a deleted node, write lock */
    ESENT_VER_ESCROW,    /* an escrow delta */
    ESENT_VER_READLOCK   /* a read lock */
} esent_ver_access;

/* JET_errWriteConflict when another transaction's RCE in the chain headed by head forbids access by me. */
JET_ERR esent_ver_conflict(const esent_rce *head, const esent_vtrx *me, esent_ver_access access);

/* ---- budget ---- */

/* Charges cb bytes to t's instance: JET_errVersionStoreOutOfMemory past JET_paramMaxVerPages (after a
 * cleanup attempt). */
JET_ERR esent_ver_charge(esent_vtrx *t, size_t cb);
void esent_ver_uncharge(esent_vtrx *t, size_t cb);

/* ---- reading ---- */

typedef struct esent_ver_view {
    const esent_vtrx *own;   /* the reader's open transaction, or NULL */
    uint64_t snap;           /* sees commits < snap (ESENT_VER_OPEN outside transactions: every commit) */
    uint8_t *scratch;        /* cb_page bytes for images built from deltas */
} esent_ver_view;

/* What view sees of node (key, data) of tree (db, pgno_fdp): 1 and the image in *pimg, *pcb (data, a before-image in the
 * store, or scratch) when it exists for the view, 0 when it does not. */
int esent_ver_image(const esent_ver_view *view, const esent_db *db, uint32_t pgno_fdp, int unique,
                    const uint8_t *key, uint32_t cb_key, const uint8_t *data, uint32_t cb_data,
                    const uint8_t **pimg, uint32_t *pcb);
/* 1 when the store holds any RCE in a chain (else every node is as its tree holds it). */
int esent_ver_active(void);

/* ---- trees and databases going away ---- */

/* Tree pgno_fdp of db is being destroyed: its RCEs leave their chains and become orphans. */
void esent_ver_tree_gone(const esent_db *db, uint32_t pgno_fdp);
/* db is being detached: the deletes of committed transactions are carried out, then every RCE on db
 * becomes an orphan. */
void esent_ver_db_gone(const esent_db *db);
/* inst is terminating (its databases are gone): its committed transactions leave the store. */
void esent_ver_inst_gone(const esent_instance *inst);

#endif
