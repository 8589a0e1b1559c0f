/* The SQLite driver: one rowid table "bench(key INTEGER PRIMARY KEY, value BLOB)" in WAL mode.
 *
 * Durability per workload (docs/performance.md): workload 1 commits with synchronous=FULL (the WAL
 * is fsynced at commit: durable, like ESENT's default commit); workload 2 with synchronous=NORMAL
 * (no fsync at commit, the WAL is fsynced at checkpoints: a crash may lose the last commits but
 * never corrupts the database, like ESENT's JET_bitCommitLazyFlush). */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>

typedef struct sqlite_db {
    sqlite3 *db;
    sqlite3_stmt *begin, *commit, *insert, *lookup, *scan;
} sqlite_db;

static int sql_fail(char *err, sqlite3 *db, int rc, const char *call)
{
    return bench_fail(err, "%s (%d) at %s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc), rc, call);
}

/* Runs one statement that returns no rows the caller wants. */
static int sql_exec(sqlite3 *db, const char *sql, char *err)
{
    int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : sql_fail(err, db, rc, sql);
}

/* Steps a prepared statement that returns no row, and resets it. */
static int sql_run(sqlite_db *s, sqlite3_stmt *stmt, char *err)
{
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE ? 0 : sql_fail(err, s->db, rc, sqlite3_sql(stmt));
}

static void sqlite_version(char *out, size_t size)
{
    snprintf(out, size, "SQLite %s", sqlite3_libversion());
}

static void sqlite_close(void *p)
{
    sqlite_db *s = p;
    if (!s)
        return;
    sqlite3_finalize(s->begin);
    sqlite3_finalize(s->commit);
    sqlite3_finalize(s->insert);
    sqlite3_finalize(s->lookup);
    sqlite3_finalize(s->scan);
    if (sqlite3_close(s->db) != SQLITE_OK)
        fprintf(stderr, "sqlite: sqlite3_close: %s\n", sqlite3_errmsg(s->db));
    free(s);
}

static int prepare(sqlite_db *s, const char *sql, sqlite3_stmt **stmt, char *err)
{
    int rc = sqlite3_prepare_v2(s->db, sql, -1, stmt, NULL);
    return rc == SQLITE_OK ? 0 : sql_fail(err, s->db, rc, sql);
}

static void *sqlite_open(const char *dir, const bench_data *d, char *err)
{
    sqlite_db *s = calloc(1, sizeof *s);
    if (!s) {
        bench_fail(err, "out of memory");
        return NULL;
    }
    char file[4096], sql[128];
    snprintf(file, sizeof file, "%s/bench.db", dir);
    int rc = sqlite3_open_v2(file, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        sql_fail(err, s->db, rc, "sqlite3_open_v2");
        goto fail;
    }
    /* journal_mode answers with the mode it is in: check that it is WAL. */
    sqlite3_stmt *mode = NULL;
    if (prepare(s, "PRAGMA journal_mode=WAL", &mode, err) < 0)
        goto fail;
    rc = sqlite3_step(mode);
    int wal = rc == SQLITE_ROW && sqlite3_stricmp((const char *)sqlite3_column_text(mode, 0), "wal") == 0;
    sqlite3_finalize(mode);
    if (!wal) {
        bench_fail(err, "PRAGMA journal_mode=WAL did not switch to WAL");
        goto fail;
    }
    if (d->sqlite_cache_mb > 0) {   /* a negative cache_size is in KiB */
        snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", d->sqlite_cache_mb * 1024);
        if (sql_exec(s->db, sql, err) < 0)
            goto fail;
    }
    if (sql_exec(s->db, "CREATE TABLE bench(key INTEGER PRIMARY KEY, value BLOB NOT NULL)", err) < 0 ||
        prepare(s, "BEGIN", &s->begin, err) < 0 || prepare(s, "COMMIT", &s->commit, err) < 0 ||
        prepare(s, "INSERT INTO bench(key, value) VALUES(?1, ?2)", &s->insert, err) < 0 ||
        prepare(s, "SELECT value FROM bench WHERE key = ?1", &s->lookup, err) < 0 ||
        prepare(s, "SELECT key, value FROM bench ORDER BY key", &s->scan, err) < 0)
        goto fail;
    return s;
fail:
    sqlite_close(s);
    return NULL;
}

static int sqlite_insert(sqlite_db *s, int64_t key, char *err)
{
    uint8_t value[BENCH_VALUE_SIZE];
    bench_value(key, value);
    sqlite3_bind_int64(s->insert, 1, key);
    sqlite3_bind_blob(s->insert, 2, value, sizeof value, SQLITE_STATIC);   /* copied by the step */
    int rc = sqlite3_step(s->insert);
    sqlite3_reset(s->insert);
    return rc == SQLITE_DONE ? 0 : sql_fail(err, s->db, rc, "sqlite3_step(INSERT)");
}

static int sqlite_insert_bulk(void *p, const bench_data *d, char *err)
{
    sqlite_db *s = p;
    if (sql_exec(s->db, "PRAGMA synchronous=FULL", err) < 0 || sql_run(s, s->begin, err) < 0)
        return -1;
    for (uint64_t i = 0; i < d->nrows; i++)
        if (sqlite_insert(s, d->keys[i], err) < 0)
            goto fail;
    if (sql_run(s, s->commit, err) < 0)
        goto fail;
    return 0;
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

static int sqlite_insert_txns(void *p, const bench_data *d, char *err)
{
    sqlite_db *s = p;
    if (sql_exec(s->db, "PRAGMA synchronous=NORMAL", err) < 0)
        return -1;
    for (uint64_t i = 0; i < d->ntxns; i++) {
        if (sql_run(s, s->begin, err) < 0)
            return -1;
        if (sqlite_insert(s, d->keys[d->nrows + i], err) < 0 || sql_run(s, s->commit, err) < 0) {
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return -1;
        }
    }
    return 0;
}

static int sqlite_lookup(void *p, const bench_data *d, bench_check *c, char *err)
{
    sqlite_db *s = p;
    if (sql_run(s, s->begin, err) < 0)   /* one read transaction around the lookups */
        return -1;
    for (uint64_t i = 0; i < d->nlookups; i++) {
        c->rows++;
        sqlite3_bind_int64(s->lookup, 1, d->lookups[i]);
        int rc = sqlite3_step(s->lookup);
        if (rc == SQLITE_ROW) {
            const void *value = sqlite3_column_blob(s->lookup, 0);
            bench_check_value(c, value, (size_t)sqlite3_column_bytes(s->lookup, 0));
        } else if (rc == SQLITE_DONE) {
            c->missing++;
        } else {
            sql_fail(err, s->db, rc, "sqlite3_step(SELECT value WHERE key)");
            sqlite3_reset(s->lookup);
            goto fail;
        }
        sqlite3_reset(s->lookup);
    }
    if (sql_run(s, s->commit, err) < 0)
        goto fail;
    return 0;
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

static int sqlite_scan(void *p, bench_check *c, char *err)
{
    sqlite_db *s = p;
    int64_t previous = 0;
    int rc;
    if (sql_run(s, s->begin, err) < 0)
        return -1;
    while ((rc = sqlite3_step(s->scan)) == SQLITE_ROW) {
        int64_t key = sqlite3_column_int64(s->scan, 0);
        if (c->rows > 0 && key <= previous)
            c->out_of_order++;
        previous = key;
        c->rows++;
        const void *value = sqlite3_column_blob(s->scan, 1);
        bench_check_value(c, value, (size_t)sqlite3_column_bytes(s->scan, 1));
    }
    sqlite3_reset(s->scan);
    if (rc != SQLITE_DONE) {
        sql_fail(err, s->db, rc, "sqlite3_step(SELECT ORDER BY key)");
        goto fail;
    }
    if (sql_run(s, s->commit, err) < 0)
        goto fail;
    return 0;
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

const bench_engine bench_sqlite = {
    .name = "sqlite",
    .version = sqlite_version,
    .open = sqlite_open,
    .insert_bulk = sqlite_insert_bulk,
    .insert_txns = sqlite_insert_txns,
    .lookup = sqlite_lookup,
    .scan = sqlite_scan,
    .close = sqlite_close,
};
