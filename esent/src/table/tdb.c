#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "table/tdb.h"

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

JET_ERR esent_tdb_get(esent_session *s, JET_DBID dbid, esent_tdb **ptdb)
{
    esent_db *db;
    *ptdb = NULL;
    JET_ERR err = esent_db_lookup_open(s, dbid, &db);
    if (err < 0)
        return err;
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
