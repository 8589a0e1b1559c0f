/* Workload 5 (bench_rmw.h) through ESENT: only the public API, called the way a multi-threaded
 * ESENT program does.
 *
 * One instance (paths = the folder, everything else default: recovery on, the default version
 * store), the same table as bench_esent.c. The preload runs in transactions of 1,000 rows, which the
 * default version store holds. Each worker thread begins its own session, opens the database and
 * the table itself, and runs every transaction as
 *   JetBeginTransaction, JetMakeKey + JetSeek(JET_bitSeekEQ), JetRetrieveColumn(value),
 *   JetPrepareUpdate(JET_prepReplace), JetSetColumn(value), JetUpdate,
 *   JetCommitTransaction(JET_bitCommitLazyFlush).
 * JET_errWriteConflict from any of these cancels the update, rolls back and begins again (counted);
 * any other error fails the workload. */
#define _POSIX_C_SOURCE 200809L
#include "bench_rmw.h"
#include "esent_setup.h"

#include <esent.h>

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#define RMW_ESENT_INSTANCE "esent-bench-rw"
#define RMW_PRELOAD_BATCH  1000   /* rows per preload transaction */

typedef esent_bench_db rmw_esent_db;   /* esent_setup.h; its session does the preload and the check */

typedef struct rmw_esent_thread {
    rmw_esent_db *db;
    JET_SESID session;
    JET_DBID dbid;
    JET_TABLEID table;
    int have_session, have_db, have_table;
} rmw_esent_thread;

static void rmw_esent_close(void *p)
{
    rmw_esent_db *db = p;
    if (!db)
        return;
    esent_bench_close(db, "esent (workload 5)");
    free(db);
}

static void *rmw_esent_open(const char *dir, const rmw_params *p, char *err)
{
    rmw_esent_db *db = calloc(1, sizeof *db);
    if (!db) {
        bench_fail(err, "out of memory");
        return NULL;
    }
    if (esent_bench_create(db, dir, RMW_ESENT_INSTANCE, 0, err) < 0) {   /* the default version store */
        free(db);
        return NULL;
    }
    JET_ERR e;
    int in_txn = 0;

    /* The preload: keys 0 .. rows-1 ascending, counters 0. */
    for (uint64_t i = 0; i < p->rows; i++) {
        if (!in_txn) {
            JET_CHECK(JetBeginTransaction(db->session), "JetBeginTransaction");
            in_txn = 1;
        }
        int64_t key = (int64_t)i;
        uint8_t value[BENCH_VALUE_SIZE];
        rmw_value(key, 0, value);
        JET_CHECK(JetPrepareUpdate(db->session, db->table, JET_prepInsert), "JetPrepareUpdate(JET_prepInsert)");
        JET_CHECK(JetSetColumn(db->session, db->table, db->col_key, &key, sizeof key, 0, NULL), "JetSetColumn(key)");
        JET_CHECK(JetSetColumn(db->session, db->table, db->col_value, value, sizeof value, 0, NULL), "JetSetColumn(value)");
        JET_CHECK(JetUpdate(db->session, db->table, NULL, 0, NULL), "JetUpdate");
        if ((i + 1) % RMW_PRELOAD_BATCH == 0 || i + 1 == p->rows) {
            JET_CHECK(JetCommitTransaction(db->session, 0), "JetCommitTransaction");
            in_txn = 0;
        }
    }
    return db;

fail:
    if (in_txn) {
        JetPrepareUpdate(db->session, db->table, JET_prepCancel);
        JetRollback(db->session, 0);
    }
    rmw_esent_close(db);
    return NULL;
}

static void rmw_esent_thread_close(void *p)
{
    rmw_esent_thread *t = p;
    if (!t)
        return;
    if (t->have_table)
        JetCloseTable(t->session, t->table);
    if (t->have_db)
        JetCloseDatabase(t->session, t->dbid, 0);
    if (t->have_session)
        JetEndSession(t->session, 0);
    free(t);
}

static void *rmw_esent_thread_open(void *p, char *err)
{
    rmw_esent_db *db = p;
    rmw_esent_thread *t = calloc(1, sizeof *t);
    if (!t) {
        bench_fail(err, "out of memory");
        return NULL;
    }
    t->db = db;
    JET_ERR e;
    JET_CHECK(JetBeginSessionA(db->instance, &t->session, "", ""), "JetBeginSession");
    t->have_session = 1;
    JET_CHECK(JetOpenDatabaseA(t->session, db->file, NULL, &t->dbid, 0), "JetOpenDatabase");
    t->have_db = 1;
    JET_CHECK(JetOpenTableA(t->session, t->dbid, ESENT_BENCH_TABLE, NULL, 0, 0, &t->table), "JetOpenTable");
    t->have_table = 1;
    return t;
fail:
    rmw_esent_thread_close(t);
    return NULL;
}

static int rmw_esent_txn(void *p, int64_t key, rmw_counts *c, char *err)
{
    rmw_esent_thread *t = p;
    JET_SESID s = t->session;
    JET_TABLEID tab = t->table;
    for (;;) {
        int in_txn = 0, prepared = 0;
        const char *call;
        uint8_t old[256], value[BENCH_VALUE_SIZE];
        uint32_t size = 0;
        JET_ERR e;
#define STEP(x, name)                                                                              \
    do {                                                                                           \
        call = (name);                                                                             \
        e = (x);                                                                                   \
        if (e < 0)                                                                                 \
            goto failed;                                                                           \
    } while (0)
        STEP(JetBeginTransaction(s), "JetBeginTransaction");
        in_txn = 1;
        STEP(JetMakeKey(s, tab, &key, sizeof key, JET_bitNewKey), "JetMakeKey");
        STEP(JetSeek(s, tab, JET_bitSeekEQ), "JetSeek(JET_bitSeekEQ)");   /* a missing key is an error too */
        STEP(JetRetrieveColumn(s, tab, t->db->col_value, old, sizeof old, &size, 0, NULL), "JetRetrieveColumn(value)");
        /* A warning (JET_wrnColumnNull, JET_wrnBufferTruncated) counts as a wrong value. */
        rmw_next_value(key, old, e == JET_errSuccess && size <= sizeof old ? size : 0, value, c);
        STEP(JetPrepareUpdate(s, tab, JET_prepReplace), "JetPrepareUpdate(JET_prepReplace)");
        prepared = 1;
        STEP(JetSetColumn(s, tab, t->db->col_value, value, sizeof value, 0, NULL), "JetSetColumn(value)");
        STEP(JetUpdate(s, tab, NULL, 0, NULL), "JetUpdate");
        prepared = 0;
        STEP(JetCommitTransaction(s, JET_bitCommitLazyFlush), "JetCommitTransaction(JET_bitCommitLazyFlush)");
        return 0;
#undef STEP
    failed:
        if (prepared)
            JetPrepareUpdate(s, tab, JET_prepCancel);
        if (in_txn)
            JetRollback(s, 0);
        if (e != JET_errWriteConflict)
            return esent_bench_fail(err, e, call);
        c->retries++;
        sched_yield();   /* let the session holding the record commit */
    }
}

static int rmw_esent_scan(void *p, void (*row)(void *ctx, int64_t key, const void *value, size_t size), void *ctx,
                          char *err)
{
    rmw_esent_db *db = p;
    uint8_t value[256];
    uint32_t size;
    int64_t key;
    int in_txn = 0, first = 1;
    JET_ERR e;
    JET_CHECK(JetBeginTransaction(db->session), "JetBeginTransaction");
    in_txn = 1;
    for (e = JetMove(db->session, db->table, (int32_t)JET_MoveFirst, 0); e >= 0;
         e = JetMove(db->session, db->table, JET_MoveNext, 0), first = 0) {
        size = 0;
        JET_CHECK(JetRetrieveColumn(db->session, db->table, db->col_key, &key, sizeof key, &size, 0, NULL),
                  "JetRetrieveColumn(key)");
        if (e != JET_errSuccess || size != sizeof key)
            key = -1;   /* an unknown key to the check */
        size = 0;
        JET_CHECK(JetRetrieveColumn(db->session, db->table, db->col_value, value, sizeof value, &size, 0, NULL),
                  "JetRetrieveColumn(value)");
        row(ctx, key, value, e == JET_errSuccess && size <= sizeof value ? size : 0);
    }
    if (e != JET_errNoCurrentRecord)
        JET_CHECK(e, first ? "JetMove(JET_MoveFirst)" : "JetMove(JET_MoveNext)");
    JET_CHECK(JetCommitTransaction(db->session, 0), "JetCommitTransaction");
    return 0;
fail:
    if (in_txn)
        JetRollback(db->session, 0);
    return -1;
}

const rmw_engine rmw_esent = {
    .name = "esent",
    .open = rmw_esent_open,
    .thread_open = rmw_esent_thread_open,
    .txn = rmw_esent_txn,
    .thread_close = rmw_esent_thread_close,
    .scan = rmw_esent_scan,
    .close = rmw_esent_close,
};
