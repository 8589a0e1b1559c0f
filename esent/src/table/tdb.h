/* The table layer's state of one attached database: its schema (the catalog mirrored in memory, with
 * what records and keys need derived from it) and the counters that outlive schema reloads.
 *
 * One process-wide data lock (esent_data_lock) serialises every table-layer operation — DDL, cursors,
 * updates, transactions — across all databases (issue 4 scope: one session at a time; the concurrent
 * design comes with the version store). Everything below is touched only with it held.
 *
 * Invariants:
 *   - tdb->schema mirrors the catalog of the file as of the last change; every DDL change updates the
 *     catalog first (through logged tree operations) and then reloads the schema, bumping tdb->gen;
 *   - a cursor remembers its table by objid and re-resolves its pointers when tdb->gen moved;
 *   - counters: next DBK of sequential tables, next auto-increment value, next LID — taken from the
 *     trees when a table is first used and never given out twice (rollback does not return them, as
 *     in ESENT). */
#ifndef ESENT_TABLE_TDB_H
#define ESENT_TABLE_TDB_H

#include "api/api.h"
#include "format/key.h"
#include "format/record.h"
#include "storage/database.h"
#include "storage/pagefile.h"
#include "storage/schema.h"

void esent_data_lock(void);
void esent_data_unlock(void);
/* Releases the data lock (held), sleeps on cv until woken, takes the lock again (SleepConditionVariableSRW). */
BOOL esent_data_lock_sleep(PCONDITION_VARIABLE cv);

/* Per-table counters (by objid). */
typedef struct esent_tcounters {
    uint32_t objid;
    uint32_t dbk_next;          /* sequential tables: next DBK (0 = not read from the tree yet) */
    uint64_t autoinc_next;      /* next auto-increment value (0 = not read yet) */
    uint32_t lid_next;          /* next LID (0 = not read yet) */
} esent_tcounters;

typedef struct esent_tdb {
    esent_db *db;
    esent_pagefile *pf;
    int read_only;
    esent_schema *schema;       /* loaded on first use */
    uint32_t gen;               /* bumped at every schema reload */
    esent_tcounters *counters;
    uint32_t ccounters;
    uint32_t open_cursors;      /* cursors of any session on this database */
} esent_tdb;

/* The tdb of a database session s has open as dbid (created and its schema loaded on first use).
 * JET_errInvalidDatabaseId when s does not have dbid open. Data lock held. */
JET_ERR esent_tdb_get(esent_session *s, JET_DBID dbid, esent_tdb **ptdb);
/* JetAttachDatabase(2) once its arguments are checked: attaches path (full) to s's instance (storage/database.h)
 * and applies ESENT's rules for indexes over Unicode text built with another sort order (docs/sortkeys.md),
 * by JET_paramEnableIndexChecking and grbit: with JET_IndexCheckingOn, JET_errPrimaryIndexCorrupted /
 * JET_errSecondaryIndexCorrupted, or (read-write, JET_bitDbDeleteCorruptIndexes) the out-of-date secondary
 * indexes deleted and JET_wrnCorruptIndexDeleted; read-write with JET_bitDbDeleteUnicodeIndexes, every
 * secondary index over Unicode text deleted (same warning). A failed attach leaves nothing attached.
 * JET_errInTransaction when s has a transaction open. Takes the data lock itself. */
JET_ERR esent_tdb_attach(esent_session *s, const WCHAR *path, JET_GRBIT grbit);
/* Reloads the schema from the catalog (after DDL or a rollback that touched it). */
JET_ERR esent_tdb_reload(esent_tdb *tdb);
/* The counters of a table (created zeroed). NULL when out of memory. */
esent_tcounters *esent_tdb_counters(esent_tdb *tdb, uint32_t objid);
/* Frees a tdb, closing the cursors still open on it (database.c calls this when the database is
 * detached; the caller holds the data lock — JetDetachDatabase and JetTerm take it first). */
void esent_tdb_free(esent_tdb *tdb);

/* A table of the schema by objid, or NULL. */
esent_schema_table *esent_tdb_table(esent_tdb *tdb, uint32_t objid);

#endif
