/* The ESENT driver: only the public API, called the way an ESENT program does.
 *
 * One instance whose system, log and temp paths are the benchmark folder, recovery (logging) on
 * as by default, one session, one database, one table "bench" with a JET_coltypLongLong column
 * "key" (the primary index "+key") and a variable JET_coltypBinary column "value".
 * Every call's result is checked; a failure is reported as "<JET_err name> (<number>) at <call>". */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"
#include "esent_setup.h"

#include <esent.h>

#include <stdio.h>
#include <stdlib.h>

#define ESENT_INSTANCE_NAME "esent-bench"

typedef esent_bench_db esent_db;   /* esent_setup.h */

static void esent_version(char *out, size_t size)
{
    uint32_t v = 0;
    if (JetGetVersion(0, &v) < 0)
        snprintf(out, size, "ESENT (version unknown)");
    else
        snprintf(out, size, "ESENT %u.%u build %u (libesent)", v >> 28, (v >> 24) & 0xF, (v >> 8) & 0xFFFF);
}

static void esent_close(void *p)
{
    esent_db *db = p;
    if (!db)
        return;
    esent_bench_close(db, "esent");
    free(db);
}

static void *esent_open(const char *dir, const bench_data *d, char *err)
{
    esent_db *db = calloc(1, sizeof *db);
    if (!db) {
        bench_fail(err, "out of memory");
        return NULL;
    }
    /* Workload 1 is one transaction of d->nrows inserts: every insert holds a version-store entry until
     * the commit, and the default version store (64 pages) holds far fewer. A program that loads a
     * million rows in one transaction raises the ceiling like this (a maximum, not an allocation:
     * one version page per 64 rows, plus some). */
    uint64_t ver_pages = (d->nrows + d->ntxns) / 64 + 1024;
    if (esent_bench_create(db, dir, ESENT_INSTANCE_NAME, ver_pages, err) < 0) {
        free(db);
        return NULL;
    }
    return db;
}

/* Inserts one row through the cursor (a transaction must be open). */
static int esent_insert(esent_db *db, int64_t key, char *err)
{
    uint8_t value[BENCH_VALUE_SIZE];
    bench_value(key, value);
    JET_ERR e;
    JET_CHECK(JetPrepareUpdate(db->session, db->table, JET_prepInsert), "JetPrepareUpdate(JET_prepInsert)");
    JET_CHECK(JetSetColumn(db->session, db->table, db->col_key, &key, sizeof key, 0, NULL), "JetSetColumn(key)");
    JET_CHECK(JetSetColumn(db->session, db->table, db->col_value, value, sizeof value, 0, NULL), "JetSetColumn(value)");
    JET_CHECK(JetUpdate(db->session, db->table, NULL, 0, NULL), "JetUpdate");
    return 0;
fail:
    JetPrepareUpdate(db->session, db->table, JET_prepCancel);
    return -1;
}

/* Every workload below: on an error, "fail:" rolls back the transaction it had begun, if any. */

static int esent_insert_bulk(void *p, const bench_data *d, char *err)
{
    esent_db *db = p;
    int in_txn = 0;
    JET_ERR e;
    JET_CHECK(JetBeginTransaction(db->session), "JetBeginTransaction");
    in_txn = 1;
    for (uint64_t i = 0; i < d->nrows; i++)
        if (esent_insert(db, d->keys[i], err) < 0)
            goto fail;
    JET_CHECK(JetCommitTransaction(db->session, 0), "JetCommitTransaction");   /* durable commit */
    return 0;
fail:
    if (in_txn)
        JetRollback(db->session, 0);
    return -1;
}

static int esent_insert_txns(void *p, const bench_data *d, char *err)
{
    esent_db *db = p;
    int in_txn = 0;
    JET_ERR e;
    for (uint64_t i = 0; i < d->ntxns; i++) {
        JET_CHECK(JetBeginTransaction(db->session), "JetBeginTransaction");
        in_txn = 1;
        if (esent_insert(db, d->keys[d->nrows + i], err) < 0)
            goto fail;
        JET_CHECK(JetCommitTransaction(db->session, JET_bitCommitLazyFlush), "JetCommitTransaction(JET_bitCommitLazyFlush)");
        in_txn = 0;
    }
    return 0;
fail:
    if (in_txn)
        JetRollback(db->session, 0);
    return -1;
}

static int esent_lookup(void *p, const bench_data *d, bench_check *c, char *err)
{
    esent_db *db = p;
    uint8_t value[256];
    uint32_t size;
    int in_txn = 0;
    JET_ERR e;
    /* One transaction around the reads: one consistent view, like the other engines' read transactions. */
    JET_CHECK(JetBeginTransaction(db->session), "JetBeginTransaction");
    in_txn = 1;
    for (uint64_t i = 0; i < d->nlookups; i++) {
        int64_t key = d->lookups[i];
        c->rows++;
        JET_CHECK(JetMakeKey(db->session, db->table, &key, sizeof key, JET_bitNewKey), "JetMakeKey");
        e = JetSeek(db->session, db->table, JET_bitSeekEQ);
        if (e == JET_errRecordNotFound) {
            c->missing++;
            continue;
        }
        JET_CHECK(e, "JetSeek(JET_bitSeekEQ)");
        size = 0;
        JET_CHECK(JetRetrieveColumn(db->session, db->table, db->col_value, value, sizeof value, &size, 0, NULL),
                  "JetRetrieveColumn(value)");
        /* A warning (JET_wrnColumnNull, JET_wrnBufferTruncated) counts as a value of the wrong size. */
        bench_check_value(c, value, e == JET_errSuccess && size <= sizeof value ? size : 0);
    }
    JET_CHECK(JetCommitTransaction(db->session, 0), "JetCommitTransaction");
    return 0;
fail:
    if (in_txn)
        JetRollback(db->session, 0);
    return -1;
}

static int esent_scan(void *p, bench_check *c, char *err)
{
    esent_db *db = p;
    uint8_t value[256];
    uint32_t size;
    int64_t key, previous = 0;
    int in_txn = 0;
    JET_ERR e;
    JET_CHECK(JetBeginTransaction(db->session), "JetBeginTransaction");
    in_txn = 1;
    /* The cursor is on the primary index, where JetOpenTable leaves it. */
    for (e = JetMove(db->session, db->table, (int32_t)JET_MoveFirst, 0); e >= 0;
         e = JetMove(db->session, db->table, JET_MoveNext, 0)) {
        size = 0;
        JET_CHECK(JetRetrieveColumn(db->session, db->table, db->col_key, &key, sizeof key, &size, 0, NULL),
                  "JetRetrieveColumn(key)");
        if (e != JET_errSuccess || size != sizeof key || (c->rows > 0 && key <= previous))
            c->out_of_order++;
        previous = key;
        c->rows++;
        size = 0;
        JET_CHECK(JetRetrieveColumn(db->session, db->table, db->col_value, value, sizeof value, &size, 0, NULL),
                  "JetRetrieveColumn(value)");
        bench_check_value(c, value, e == JET_errSuccess && size <= sizeof value ? size : 0);
    }
    if (e != JET_errNoCurrentRecord)   /* how JetMove reports the end of the index */
        JET_CHECK(e, c->rows == 0 ? "JetMove(JET_MoveFirst)" : "JetMove(JET_MoveNext)");
    JET_CHECK(JetCommitTransaction(db->session, 0), "JetCommitTransaction");
    return 0;
fail:
    if (in_txn)
        JetRollback(db->session, 0);
    return -1;
}

const bench_engine bench_esent = {
    .name = "esent",
    .version = esent_version,
    .open = esent_open,
    .insert_bulk = esent_insert_bulk,
    .insert_txns = esent_insert_txns,
    .lookup = esent_lookup,
    .scan = esent_scan,
    .close = esent_close,
};
