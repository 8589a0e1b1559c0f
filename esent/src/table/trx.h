/* Transactions: levels, the changes of each, and what a session's transaction sees.
 *
 * Every change the table layer makes to a database goes through the logged tree operations below (and
 * esent_trx_tree_create / esent_trx_tree_destroy). Each pushes an RCE (table/verint.h) on the session's
 * open transaction before changing anything: it is both the undo record JetRollback applies and, in
 * versioned trees, the version other transactions' snapshots read through (table/ver.h). A change that
 * another transaction's open or later-committed change forbids fails with JET_errWriteConflict, one that
 * would overflow JET_paramMaxVerPages with JET_errVersionStoreOutOfMemory; either leaves nothing.
 *
 * Levels: marks[l] is the transaction's RCE count when level l+1 began. Committing level n > 1 drops its
 * mark (its RCEs now belong to level n-1); committing level 1 carries out deferred work (tree destroys) and
 * commits the transaction to the version store. Rolling back level n pops and undoes RCEs down to
 * marks[n-1].
 *
 * Every API call that changes data runs inside a level: the caller's, or an implicit one it opens and
 * closes itself (esent_trx_begin with internal = 1), so a call that fails half-way leaves nothing behind.
 * ESENT allows seven user levels; internal levels ride on top of them and are not counted.
 *
 * The instance's temporary database is not transactional: its operations are carried out and not logged
 * (temporary tables survive rollbacks; a failed call on one may leave part of its work).
 *
 * Invariants: the trees named by a transaction's RCEs exist until the RCEs are undone or cleaned up, or
 * the RCEs are orphaned (destroys are deferred to the outermost commit and orphan first). */
#ifndef ESENT_TABLE_TRX_H
#define ESENT_TABLE_TRX_H

#include "api/api.h"
#include "session/session.h"
#include "storage/pagefile.h"

#define ESENT_TRX_LEVELS_MOST 7u     /* JetBeginTransaction beyond this: JET_errTransTooDeep */
#define ESENT_TRX_STACK_MOST  16u    /* user levels + internal levels */

struct esent_trx;
struct esent_db;

/* The session's transaction state (created on first use, freed by esent_trx_session_end). */
struct esent_trx *esent_trx_of(esent_session *s);
void esent_trx_session_end(esent_session *s);

/* Opens a level. internal = 1: an implicit level of one API call (not counted by JetBeginTransaction's
 * limit, invisible to the user's level count). JET_errTransTooDeep past seven user levels. */
JET_ERR esent_trx_begin(esent_session *s, int internal);
/* Commits the innermost level. JET_errNotInTransaction when none is open. */
JET_ERR esent_trx_commit(esent_session *s);
/* Rolls back the innermost level (all = every level). JET_errNotInTransaction when none is open.
 * An error while undoing is returned after the rest has been undone as far as possible. */
JET_ERR esent_trx_rollback(esent_session *s, int all);
/* Ends an implicit level: commit when err >= 0, else roll back; returns err (or the commit's error). */
JET_ERR esent_trx_end_internal(esent_session *s, JET_ERR err);
/* User-visible levels open (0..7). */
uint32_t esent_trx_level(esent_session *s);

/* Logged tree operations: same contracts as esent_btree_insert / _replace / _delete / esent_tree_create
 * / esent_tree_destroy, plus JET_errOutOfMemory / JET_errVersionStoreOutOfMemory when the RCE cannot be
 * kept and JET_errWriteConflict (see above); then nothing changed. A session must have a level open
 * (esent_trx_begin). db is the attached database the tree is in.
 * Insert over a node another transaction deleted: JET_errWriteConflict unless the delete is in this
 * transaction's snapshot; over a live node (even one another open transaction inserted):
 * JET_errKeyDuplicate. Delete: the node stays in its tree until no snapshot can see it any more
 * (JET_errRecordNotFound when it does not exist for this transaction). */
JET_ERR esent_trx_insert(esent_session *s, struct esent_db *db, uint32_t objid, uint32_t pgno_fdp,
                         const uint8_t *key, uint32_t cb_key, const uint8_t *data, uint32_t cb_data);
/* old_data/cb_old: the entry's current data (the caller has read it), kept as the before-image. */
JET_ERR esent_trx_replace(esent_session *s, struct esent_db *db, uint32_t objid, uint32_t pgno_fdp,
                          const uint8_t *key, uint32_t cb_key, const uint8_t *data, uint32_t cb_data,
                          const uint8_t *old_data, uint32_t cb_old);
JET_ERR esent_trx_delete(esent_session *s, struct esent_db *db, uint32_t objid, uint32_t pgno_fdp,
                         const uint8_t *key, uint32_t cb_key, const uint8_t *old_data, uint32_t cb_old);
JET_ERR esent_trx_tree_create(esent_session *s, struct esent_db *db, uint32_t pgno_fdp_parent, uint32_t objid,
                              uint32_t kind, uint32_t cpg_initial, uint32_t *ppgno_fdp);
/* Destroys the tree when the outermost level commits; nothing happens if it rolls back. */
JET_ERR esent_trx_tree_destroy(esent_session *s, struct esent_db *db, uint32_t pgno_fdp_parent, uint32_t pgno_fdp);
/* Marks the level as having changed db's catalog: a rollback reloads db's schema. */
JET_ERR esent_trx_schema_changed(esent_session *s, struct esent_db *db);

/* Catalog rows (table/catwrite.c): not versioned, applied at once, undone by rollback. */
JET_ERR esent_trx_cat_insert(esent_session *s, struct esent_db *db, uint32_t objid, uint32_t pgno_fdp,
                             const uint8_t *key, uint32_t cb_key, const uint8_t *data, uint32_t cb_data);
JET_ERR esent_trx_cat_delete(esent_session *s, struct esent_db *db, uint32_t objid, uint32_t pgno_fdp,
                             const uint8_t *key, uint32_t cb_key, const uint8_t *old_data, uint32_t cb_old);

/* An escrow update of a unique tree's entry: data is the new data, in which the cb_escrow-byte (4 or 8)
 * little-endian integer at ib_escrow grew by delta. Does not conflict with other transactions' escrow
 * updates; no_rollback (JET_bitEscrowNoRollback): not undone by rollback, and not versioned. */
JET_ERR esent_trx_escrow(esent_session *s, struct esent_db *db, uint32_t objid, uint32_t pgno_fdp,
                         const uint8_t *key, uint32_t cb_key, const uint8_t *data, uint32_t cb_data,
                         uint32_t ib_escrow, uint32_t cb_escrow, int64_t delta, int no_rollback);
/* JetGetLock: a read lock (write = 0) or write lock on the node until the transaction ends. */
JET_ERR esent_trx_lock(esent_session *s, struct esent_db *db, uint32_t pgno_fdp, const uint8_t *key,
                       uint32_t cb_key, int write);
/* JET_errWriteConflict when this session's transaction may not change node key of unique tree pgno_fdp
 * (the check esent_trx_replace makes, for callers that want it before doing other work). */
JET_ERR esent_trx_check_write(esent_session *s, struct esent_db *db, uint32_t pgno_fdp, const uint8_t *key,
                              uint32_t cb_key);

/* The latest data of entry key of unique tree pgno_fdp, whoever wrote it (no snapshot), in a malloc'ed
 * buffer the caller frees. JET_errRecordNotFound when the tree has no such entry. */
JET_ERR esent_trx_read_latest(struct esent_db *db, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                              uint32_t cb_key, uint8_t **pdata, uint32_t *pcb);

/* What s sees now (table/ver.h): its open transaction's snapshot, or every commit outside one. */
struct esent_ver_view;
void esent_trx_view(esent_session *s, struct esent_ver_view *view);

#endif
