/* Transactions of one session at a time (issue 4 scope): an undo log of tree operations.
 *
 * Every change the table layer makes to a database goes through the three logged tree operations
 * below (and esent_trx_tree_create / esent_trx_tree_destroy). Each records its inverse in the
 * session's undo log before returning, so JetRollback can undo any change — records, index entries,
 * long values, catalog rows — by applying the inverses newest first. The log is the seed of the
 * version store: its entries are the before-images of the changes of open transactions.
 *
 * Levels: the log is one stack; marks[l] is the stack depth when level l+1 began. Committing level
 * n > 1 drops its mark (its entries now belong to level n-1); committing level 1 empties the log and
 * carries out deferred work (tree destroys). Rolling back level n pops and applies entries down to
 * marks[n-1].
 *
 * Every API call that changes data runs inside a level: the caller's, or an implicit one it opens and
 * closes itself (esent_trx_begin with internal = 1), so a call that fails half-way leaves nothing behind.
 * ESENT allows seven user levels; internal levels ride on top of them and are not counted.
 *
 * The instance's temporary database is not transactional: its operations are carried out and not logged
 * (temporary tables survive rollbacks; a failed call on one may leave part of its work).
 *
 * Invariants: the undo log holds only entries of levels that are open; the trees named by its entries
 * exist until the entries are applied or dropped (destroys are deferred to level-0 commit). */
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
 * / esent_tree_destroy, plus JET_errOutOfMemory when the undo entry cannot be kept (then nothing changed).
 * A session must have a level open (esent_trx_begin). db is the attached database the tree is in. */
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

#endif
