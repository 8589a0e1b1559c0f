#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "param/param.h"
#include "table/catwrite.h"
#include "table/ddlint.h"
#include "table/cursor.h"
#include "table/tdb.h"
#include "table/trx.h"
#include "table/ver.h"

/* Not recursive: only API entry points take it, once per call. */
static SRWLOCK g_data_lock = SRWLOCK_INIT;

void esent_data_lock(void)
{
    AcquireSRWLockExclusive(&g_data_lock);
}

void esent_data_unlock(void)
{
    ReleaseSRWLockExclusive(&g_data_lock);
}

BOOL esent_data_lock_sleep(PCONDITION_VARIABLE cv)
{
    return SleepConditionVariableSRW(cv, &g_data_lock, INFINITE, 0);
}

/* The tdb of an attached database, created and its schema loaded on first use. */
static JET_ERR tdb_of(esent_db *db, esent_tdb **ptdb)
{
    JET_ERR err;
    *ptdb = NULL;
    esent_tdb *tdb = esent_db_tdb(db);
    if (tdb == NULL) {
        tdb = (esent_tdb *)calloc(1, sizeof *tdb);
        if (tdb == NULL)
            return JET_errOutOfMemory;
        tdb->db = db;
        tdb->pf = esent_db_pagefile(db);
        tdb->read_only = esent_db_read_only(db);
        err = esent_schema_load(tdb->pf, &tdb->schema);
        if (err < 0) {
            free(tdb);
            return err;
        }
        esent_db_set_tdb(db, tdb);
    }
    *ptdb = tdb;
    return JET_errSuccess;
}

JET_ERR esent_tdb_get(esent_session *s, JET_DBID dbid, esent_tdb **ptdb)
{
    esent_db *db;
    *ptdb = NULL;
    JET_ERR err = esent_db_lookup_open(s, dbid, &db);
    if (err < 0)
        return err;
    return tdb_of(db, ptdb);
}

/* ---- JetAttachDatabase: indexes built with another sort order ---- */

/* One out-of-date index to delete. */
typedef struct stale_index {
    uint32_t objid_table, pgno_table, objid_index, pgno_index;
} stale_index;

/* ESENT's rules for the indexes of a database being attached (docs/sortkeys.md), data lock held:
 *   check        JET_paramEnableIndexChecking is JET_IndexCheckingOn;
 *   del_corrupt  read-write with JET_bitDbDeleteCorruptIndexes (and check): out-of-date secondary indexes go;
 *   del_unicode  read-write with JET_bitDbDeleteUnicodeIndexes: every secondary index over Unicode text goes.
 * An out-of-date primary index (which cannot be deleted) fails with JET_errPrimaryIndexCorrupted, an
 * out-of-date secondary index that stays with JET_errSecondaryIndexCorrupted; otherwise the deletions are
 * made in one implicit transaction (the DDL's catalog-row deletion and deferred tree destruction, logged
 * like JetDeleteIndex), nothing being changed when one fails, and JET_wrnCorruptIndexDeleted tells the
 * caller to recreate them. */
static JET_ERR apply_index_rules(esent_session *s, esent_tdb *tdb, int check, int del_corrupt, int del_unicode)
{
    const esent_schema *sc = tdb->schema;
    int primary_stale = 0;
    uint32_t secondary_stale = 0, cdel = 0;
    for (uint32_t i = 0; i < sc->ctables; i++) {
        const esent_schema_table *t = &sc->tables[i];
        for (uint32_t j = 0; j < t->cindexes; j++) {
            const esent_schema_index *x = &t->indexes[j];
            if (!x->unicode)
                continue;
            if (x->flags & ESENT_IDB_PRIMARY)
                primary_stale |= !x->sort_current && (check || del_unicode);
            else if (del_unicode || (del_corrupt && !x->sort_current))
                cdel++;
            else if (check && !x->sort_current)
                secondary_stale++;
        }
    }
    if (primary_stale)
        return JET_errPrimaryIndexCorrupted;
    if (secondary_stale)
        return JET_errSecondaryIndexCorrupted;
    if (cdel == 0)
        return JET_errSuccess;

    /* The schema is reloaded by the deletions: what they need is copied out first. */
    stale_index *del = (stale_index *)malloc(cdel * sizeof *del);
    if (del == NULL)
        return JET_errOutOfMemory;
    uint32_t n = 0;
    for (uint32_t i = 0; i < sc->ctables; i++) {
        const esent_schema_table *t = &sc->tables[i];
        for (uint32_t j = 0; j < t->cindexes; j++) {
            const esent_schema_index *x = &t->indexes[j];
            if (x->unicode && !(x->flags & ESENT_IDB_PRIMARY) && (del_unicode || !x->sort_current)) {
                del[n].objid_table = t->objid;
                del[n].pgno_table = t->pgno_fdp;
                del[n].objid_index = x->objid;
                del[n].pgno_index = x->pgno_fdp;
                n++;
            }
        }
    }
    JET_ERR err = ddl_begin(s, tdb);
    if (err >= 0) {
        for (uint32_t k = 0; k < n && err >= 0; k++) {
            err = esent_catw_delete(s, tdb, del[k].objid_table, ESENT_CAT_TYPE_INDEX, del[k].objid_index);
            if (err >= 0)
                err = esent_trx_tree_destroy(s, tdb->db, del[k].pgno_table, del[k].pgno_index);
        }
        err = ddl_end(s, tdb, err);
    }
    free(del);
    return err < 0 ? err : JET_wrnCorruptIndexDeleted;
}

JET_ERR esent_tdb_attach(esent_session *s, const WCHAR *path, JET_GRBIT grbit)
{
    const JET_API_PTR mode = esent_param_num(s->inst, JET_paramEnableIndexChecking);
    const int read_only = (grbit & JET_bitDbReadOnly) != 0;
    const int check = mode == JET_IndexCheckingOn;
    const int del_corrupt = !read_only && check && (grbit & JET_bitDbDeleteCorruptIndexes);
    const int del_unicode = !read_only && (grbit & JET_bitDbDeleteUnicodeIndexes);

    esent_data_lock();
    JET_ERR err = esent_trx_level(s) > 0 ? JET_errInTransaction : JET_errSuccess;
    if (err < 0 || (!check && !del_unicode)) {
        /* Nothing to look at: the attach alone (with JET_IndexCheckingDeferToOpenTable, JetOpenTable checks). */
        esent_data_unlock();
        return err < 0 ? err : esent_db_attach(s->inst, path, grbit, NULL);
    }
    esent_db *db = NULL;
    err = esent_db_attach_pending(s->inst, path, grbit, &db);
    if (err == JET_errSuccess) {
        esent_tdb *tdb;
        err = tdb_of(db, &tdb);
        if (err >= 0)
            err = apply_index_rules(s, tdb, check, del_corrupt, del_unicode);
        JET_ERR e = esent_db_attach_finish(db, err >= 0);
        if (err >= 0 && e < 0)
            err = e;
    }
    esent_data_unlock();
    return err;
}

JET_ERR esent_tdb_reload(esent_tdb *tdb)
{
    esent_schema *s;
    JET_ERR err = esent_schema_load(tdb->pf, &s);
    if (err < 0)
        return err;
    esent_schema_free(tdb->schema);
    tdb->schema = s;
    tdb->gen++;
    return JET_errSuccess;
}

esent_tcounters *esent_tdb_counters(esent_tdb *tdb, uint32_t objid)
{
    for (uint32_t i = 0; i < tdb->ccounters; i++)
        if (tdb->counters[i].objid == objid)
            return &tdb->counters[i];
    esent_tcounters *n = (esent_tcounters *)realloc(tdb->counters, (tdb->ccounters + 1u) * sizeof *n);
    if (n == NULL)
        return NULL;
    tdb->counters = n;
    memset(&n[tdb->ccounters], 0, sizeof *n);
    n[tdb->ccounters].objid = objid;
    return &n[tdb->ccounters++];
}

void esent_tdb_free(esent_tdb *tdb)
{
    if (tdb == NULL)
        return;
    /* A forced detach (or JetTerm) can free the state open cursors use: close them first, while the
     * database's page file is still open (their pinned leaves go back to its cache). */
    if (tdb->open_cursors > 0)
        esent_cursor_close_on(tdb);
    /* What committed transactions deleted is removed before the file is closed; versions of the
     * database go (table/ver.h). */
    esent_ver_db_gone(tdb->db);
    esent_schema_free(tdb->schema);
    free(tdb->counters);
    free(tdb);
}

esent_schema_table *esent_tdb_table(esent_tdb *tdb, uint32_t objid)
{
    for (uint32_t i = 0; i < tdb->schema->ctables; i++)
        if (tdb->schema->tables[i].objid == objid)
            return &tdb->schema->tables[i];
    return NULL;
}
