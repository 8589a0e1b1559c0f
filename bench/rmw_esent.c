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

#include <esent.h>

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#define RMW_ESENT_INSTANCE "esent-bench-rw"
#define RMW_ESENT_TABLE    "bench"
#define RMW_PRELOAD_BATCH  1000   /* rows per preload transaction */

typedef struct rmw_esent_db {
    JET_INSTANCE instance;
    JET_SESID session;        /* the preload's and the check's */
    JET_DBID dbid;
    JET_TABLEID table;
    JET_COLUMNID col_key, col_value;
    char file[4096];
    int have_instance, have_session, have_db, have_table;
} rmw_esent_db;

typedef struct rmw_esent_thread {
    rmw_esent_db *db;
    JET_SESID session;
    JET_DBID dbid;
    JET_TABLEID table;
    int have_session, have_db, have_table;
} rmw_esent_thread;

/* "JET_errWriteConflict (-1102) at JetPrepareUpdate(JET_prepReplace)", as bench_esent.c does. */
static int jet_fail(char *err, JET_ERR code, const char *call)
{
    JET_API_PTR value = (JET_API_PTR)(intptr_t)code;
    char text[512] = "";
    if (JetGetSystemParameterA(0, 0, JET_paramErrorToString, &value, text, sizeof text) < 0 || text[0] == '\0')
        snprintf(text, sizeof text, "JET error");
    text[strcspn(text, ",")] = '\0';
    return bench_fail(err, "%s (%d) at %s", text, (int)code, call);
}

#define JET_CHECK(call, name)                                                                      \
    do {                                                                                           \
        e = (call);                                                                                \
        if (e < 0) {                                                                               \
            jet_fail(err, e, name);                                                                \
            goto fail;                                                                             \
        }                                                                                          \
    } while (0)

static void rmw_esent_close(void *p)
{
    rmw_esent_db *db = p;
    if (!db)
        return;
    if (db->have_table)
        JetCloseTable(db->session, db->table);
    if (db->have_db)
        JetCloseDatabase(db->session, db->dbid, 0);
    if (db->have_session)
        JetEndSession(db->session, 0);
    if (db->have_instance) {
        JET_ERR e = JetTerm(db->instance);
        if (e < 0) {
            char err[BENCH_ERR_MAX];
            jet_fail(err, e, "JetTerm");
            fprintf(stderr, "esent (workload 5): %s\n", err);
        }
    }
    free(db);
}

static void *rmw_esent_open(const char *dir, const rmw_params *p, char *err)
{
    rmw_esent_db *db = calloc(1, sizeof *db);
    if (!db) {
        bench_fail(err, "out of memory");
        return NULL;
    }
    char folder[4096];
    snprintf(folder, sizeof folder, "%s/", dir);
    snprintf(db->file, sizeof db->file, "%s/bench.edb", dir);
    JET_ERR e;
    int in_txn = 0;

    JET_CHECK(JetCreateInstanceA(&db->instance, RMW_ESENT_INSTANCE), "JetCreateInstance");
    db->have_instance = 1;
    JET_CHECK(JetSetSystemParameterA(&db->instance, 0, JET_paramSystemPath, 0, folder), "JetSetSystemParameter(SystemPath)");
    JET_CHECK(JetSetSystemParameterA(&db->instance, 0, JET_paramLogFilePath, 0, folder), "JetSetSystemParameter(LogFilePath)");
    JET_CHECK(JetSetSystemParameterA(&db->instance, 0, JET_paramTempPath, 0, folder), "JetSetSystemParameter(TempPath)");
    e = JetInit(&db->instance);
    if (e < 0) {
        db->have_instance = 0;   /* a failed JetInit frees the instance */
        jet_fail(err, e, "JetInit");
        goto fail;
    }
    JET_CHECK(JetBeginSessionA(db->instance, &db->session, "", ""), "JetBeginSession");
    db->have_session = 1;
    JET_CHECK(JetCreateDatabaseA(db->session, db->file, NULL, &db->dbid, 0), "JetCreateDatabase");
    db->have_db = 1;

    JET_COLUMNCREATE_A columns[2] = {
        { .cbStruct = sizeof(JET_COLUMNCREATE_A), .szColumnName = "key", .coltyp = JET_coltypLongLong,
          .cbMax = 0, .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },
        { .cbStruct = sizeof(JET_COLUMNCREATE_A), .szColumnName = "value", .coltyp = JET_coltypBinary,
          .cbMax = 255, .grbit = 0 },
    };
    static char index_key[] = "+key\0";
    JET_INDEXCREATE_A index = {
        .cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "primary", .szKey = index_key,
        .cbKey = sizeof index_key, .grbit = JET_bitIndexPrimary, .ulDensity = 80,
    };
    JET_TABLECREATE_A create = {
        .cbStruct = sizeof(JET_TABLECREATE_A), .szTableName = RMW_ESENT_TABLE,
        .rgcolumncreate = columns, .cColumns = 2, .rgindexcreate = &index, .cIndexes = 1,
    };
    JET_CHECK(JetCreateTableColumnIndexA(db->session, db->dbid, &create), "JetCreateTableColumnIndex");
    db->col_key = columns[0].columnid;
    db->col_value = columns[1].columnid;
    JET_CHECK(JetCloseTable(db->session, create.tableid), "JetCloseTable");
    JET_CHECK(JetOpenTableA(db->session, db->dbid, RMW_ESENT_TABLE, NULL, 0, 0, &db->table), "JetOpenTable");
    db->have_table = 1;

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
    JET_CHECK(JetOpenTableA(t->session, t->dbid, RMW_ESENT_TABLE, NULL, 0, 0, &t->table), "JetOpenTable");
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
            return jet_fail(err, e, call);
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
