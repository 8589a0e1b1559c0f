/* Workload 5 (bench_rmw.h) through SQLite: the table of bench_sqlite.c in WAL mode, one connection
 * per worker thread, as a multi-threaded SQLite program does.
 *
 * Each connection: synchronous=NORMAL (the lazy commit of workload 2), the page cache of
 * --sqlite-cache-mb, and a busy handler. Each transaction is
 *   BEGIN IMMEDIATE, SELECT value WHERE key = ?, UPDATE bench SET value = ? WHERE key = ?, COMMIT.
 * BEGIN IMMEDIATE takes the write lock first, so a reader never has to upgrade and a transaction
 * never fails half-way for a lock (SQLITE_BUSY_SNAPSHOT cannot happen). The busy handler waits for
 * the lock with the schedule of SQLite's own sqlite3_busy_timeout (1, 2, 5, 10 … 100 ms sleeps, at
 * most RMW_SQLITE_BUSY_MS in all) and counts the waits; an SQLITE_BUSY that still reaches the program
 * rolls back and retries, counted. */
#define _POSIX_C_SOURCE 200809L
#include "bench_rmw.h"

#include <sqlite3.h>

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define RMW_SQLITE_BUSY_MS 10000

typedef struct rmw_sqlite_db {
    char file[4096];
    int cache_mb;
    sqlite3 *db;              /* the preload's and the check's connection */
} rmw_sqlite_db;

typedef struct rmw_sqlite_thread {
    sqlite3 *db;
    sqlite3_stmt *begin, *commit, *rollback, *select, *update;
    rmw_counts *counts;       /* the running transaction's, for the busy handler */
} rmw_sqlite_thread;

static int sql_fail(char *err, sqlite3 *db, int rc, const char *call)
{
    return bench_fail(err, "%s (%d) at %s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc), rc, call);
}

static int sql_exec(sqlite3 *db, const char *sql, char *err)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : sql_fail(err, db, rc, sql);
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **stmt, char *err)
{
    int rc = sqlite3_prepare_v2(db, sql, -1, stmt, NULL);
    return rc == SQLITE_OK ? 0 : sql_fail(err, db, rc, sql);
}

/* sqliteDefaultBusyCallback's schedule, counting each wait. */
static int busy_wait(void *arg, int count)
{
    static const int delays[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
    static const int totals[] = { 0, 1, 3, 8, 18, 33, 53, 78, 103, 128, 178, 228 };
    const int n = (int)(sizeof delays / sizeof delays[0]);
    rmw_sqlite_thread *t = arg;
    int delay, prior;
    if (count < n) {
        delay = delays[count];
        prior = totals[count];
    } else {
        delay = delays[n - 1];
        prior = totals[n - 1] + delay * (count - (n - 1));
    }
    if (prior + delay > RMW_SQLITE_BUSY_MS) {
        delay = RMW_SQLITE_BUSY_MS - prior;
        if (delay <= 0)
            return 0;   /* give up: SQLITE_BUSY reaches the transaction, which retries */
    }
    if (t->counts)
        t->counts->waits++;
    struct timespec ts = { delay / 1000, (long)(delay % 1000) * 1000000L };
    nanosleep(&ts, NULL);
    return 1;
}

/* A connection with this workload's settings. */
static int sql_connect(const rmw_sqlite_db *s, sqlite3 **db, char *err)
{
    char sql[128];
    int rc = sqlite3_open_v2(s->file, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return sql_fail(err, *db, rc, "sqlite3_open_v2");
    if (s->cache_mb > 0) {
        snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", s->cache_mb * 1024);
        if (sql_exec(*db, sql, err) < 0)
            return -1;
    }
    return sql_exec(*db, "PRAGMA synchronous=NORMAL", err);
}

static void rmw_sqlite_close(void *p)
{
    rmw_sqlite_db *s = p;
    if (!s)
        return;
    if (s->db && sqlite3_close(s->db) != SQLITE_OK)
        fprintf(stderr, "sqlite (workload 5): sqlite3_close: %s\n", sqlite3_errmsg(s->db));
    free(s);
}

static void *rmw_sqlite_open(const char *dir, const rmw_params *p, char *err)
{
    rmw_sqlite_db *s = calloc(1, sizeof *s);
    sqlite3_stmt *insert = NULL, *mode = NULL;
    if (!s) {
        bench_fail(err, "out of memory");
        return NULL;
    }
    snprintf(s->file, sizeof s->file, "%s/bench.db", dir);
    s->cache_mb = p->sqlite_cache_mb;
    if (sql_connect(s, &s->db, err) < 0 || prepare(s->db, "PRAGMA journal_mode=WAL", &mode, err) < 0)
        goto fail;
    int rc = sqlite3_step(mode);
    int wal = rc == SQLITE_ROW && sqlite3_stricmp((const char *)sqlite3_column_text(mode, 0), "wal") == 0;
    sqlite3_finalize(mode);
    if (!wal) {
        bench_fail(err, "PRAGMA journal_mode=WAL did not switch to WAL");
        goto fail;
    }
    if (sql_exec(s->db, "CREATE TABLE bench(key INTEGER PRIMARY KEY, value BLOB NOT NULL)", err) < 0 ||
        prepare(s->db, "INSERT INTO bench(key, value) VALUES(?1, ?2)", &insert, err) < 0 ||
        sql_exec(s->db, "BEGIN", err) < 0)
        goto fail;
    for (uint64_t i = 0; i < p->rows; i++) {
        uint8_t value[BENCH_VALUE_SIZE];
        rmw_value((int64_t)i, 0, value);
        sqlite3_bind_int64(insert, 1, (int64_t)i);
        sqlite3_bind_blob(insert, 2, value, sizeof value, SQLITE_STATIC);
        rc = sqlite3_step(insert);
        sqlite3_reset(insert);
        if (rc != SQLITE_DONE) {
            sql_fail(err, s->db, rc, "sqlite3_step(INSERT)");
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            goto fail;
        }
    }
    sqlite3_finalize(insert);
    insert = NULL;
    if (sql_exec(s->db, "COMMIT", err) < 0)
        goto fail;
    return s;
fail:
    sqlite3_finalize(insert);
    rmw_sqlite_close(s);
    return NULL;
}

static void rmw_sqlite_thread_close(void *p)
{
    rmw_sqlite_thread *t = p;
    if (!t)
        return;
    sqlite3_finalize(t->begin);
    sqlite3_finalize(t->commit);
    sqlite3_finalize(t->rollback);
    sqlite3_finalize(t->select);
    sqlite3_finalize(t->update);
    if (t->db && sqlite3_close(t->db) != SQLITE_OK)
        fprintf(stderr, "sqlite (workload 5): sqlite3_close: %s\n", sqlite3_errmsg(t->db));
    free(t);
}

static void *rmw_sqlite_thread_open(void *p, char *err)
{
    rmw_sqlite_db *s = p;
    rmw_sqlite_thread *t = calloc(1, sizeof *t);
    if (!t) {
        bench_fail(err, "out of memory");
        return NULL;
    }
    if (sql_connect(s, &t->db, err) < 0)
        goto fail;
    sqlite3_busy_handler(t->db, busy_wait, t);
    if (prepare(t->db, "BEGIN IMMEDIATE", &t->begin, err) < 0 || prepare(t->db, "COMMIT", &t->commit, err) < 0 ||
        prepare(t->db, "ROLLBACK", &t->rollback, err) < 0 ||
        prepare(t->db, "SELECT value FROM bench WHERE key = ?1", &t->select, err) < 0 ||
        prepare(t->db, "UPDATE bench SET value = ?2 WHERE key = ?1", &t->update, err) < 0)
        goto fail;
    return t;
fail:
    rmw_sqlite_thread_close(t);
    return NULL;
}

/* Steps a statement that returns no row and resets it: its result code. */
static int step(sqlite3_stmt *stmt)
{
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    return rc;
}

static int rmw_sqlite_txn(void *p, int64_t key, rmw_counts *c, char *err)
{
    rmw_sqlite_thread *t = p;
    t->counts = c;
    for (;;) {
        uint8_t value[BENCH_VALUE_SIZE];
        const char *call = "BEGIN IMMEDIATE";
        int rc = step(t->begin);
        if (rc == SQLITE_BUSY) {   /* nothing begun */
            c->retries++;
            sched_yield();
            continue;
        }
        if (rc != SQLITE_DONE)
            goto failed;
        call = "sqlite3_step(SELECT value WHERE key)";
        sqlite3_bind_int64(t->select, 1, key);
        rc = sqlite3_step(t->select);
        if (rc != SQLITE_ROW) {
            sqlite3_reset(t->select);
            if (rc == SQLITE_DONE) {
                sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
                return bench_fail(err, "key %lld not found at %s", (long long)key, call);
            }
            goto failed;
        }
        rmw_next_value(key, sqlite3_column_blob(t->select, 0), (size_t)sqlite3_column_bytes(t->select, 0), value, c);
        sqlite3_reset(t->select);
        call = "sqlite3_step(UPDATE bench SET value WHERE key)";
        sqlite3_bind_int64(t->update, 1, key);
        sqlite3_bind_blob(t->update, 2, value, sizeof value, SQLITE_STATIC);
        if ((rc = step(t->update)) != SQLITE_DONE)
            goto failed;
        if (sqlite3_changes(t->db) != 1) {
            sqlite3_exec(t->db, "ROLLBACK", NULL, NULL, NULL);
            return bench_fail(err, "UPDATE of key %lld changed %d rows", (long long)key, sqlite3_changes(t->db));
        }
        call = "COMMIT";
        while ((rc = step(t->commit)) == SQLITE_BUSY) {   /* the transaction stays open: commit again */
            c->retries++;
            sched_yield();
        }
        if (rc != SQLITE_DONE)
            goto failed;
        return 0;
    failed:
        step(t->rollback);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            return sql_fail(err, t->db, rc, call);
        c->retries++;
        sched_yield();
    }
}

static int rmw_sqlite_scan(void *p, void (*row)(void *ctx, int64_t key, const void *value, size_t size), void *ctx,
                           char *err)
{
    rmw_sqlite_db *s = p;
    sqlite3_stmt *scan = NULL;
    int rc;
    if (prepare(s->db, "SELECT key, value FROM bench ORDER BY key", &scan, err) < 0 || sql_exec(s->db, "BEGIN", err) < 0) {
        sqlite3_finalize(scan);
        return -1;
    }
    while ((rc = sqlite3_step(scan)) == SQLITE_ROW)
        row(ctx, sqlite3_column_int64(scan, 0), sqlite3_column_blob(scan, 1), (size_t)sqlite3_column_bytes(scan, 1));
    sqlite3_finalize(scan);
    if (rc != SQLITE_DONE) {
        sql_fail(err, s->db, rc, "sqlite3_step(SELECT ORDER BY key)");
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return sql_exec(s->db, "COMMIT", err);
}

const rmw_engine rmw_sqlite = {
    .name = "sqlite",
    .open = rmw_sqlite_open,
    .thread_open = rmw_sqlite_thread_open,
    .txn = rmw_sqlite_txn,
    .thread_close = rmw_sqlite_thread_close,
    .scan = rmw_sqlite_scan,
    .close = rmw_sqlite_close,
};
