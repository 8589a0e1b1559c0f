/* esent-bench workload 5 (issue 5): concurrent read-modify-write transactions.
 *
 * --rw-threads threads (default 4), each with its own session (ESENT), connection (SQLite) or
 * write transactions (LMDB), run --rw-txns transactions each against one table preloaded with
 * --rw-rows rows: begin, pick a random key, read its value, increment the counter in it, write it
 * back, commit lazily (as workload 2). A write conflict (ESENT) or SQLITE_BUSY (SQLite) rolls the
 * transaction back and retries it, counted. Afterwards one reader checks every row: the counter of
 * each key must be the number of transactions committed on it, so a lost update or a dirty write
 * is reported as a wrong result, not as speed.
 *
 * Each engine runs in a child process (bench_rmw.c): a crash or a hang of one engine is reported
 * as its failure and the run goes on. How to read the result: docs/performance.md. */
#ifndef ESENT_BENCH_RMW_H
#define ESENT_BENCH_RMW_H

#include "bench.h"

#define RMW_MAX_THREADS 64

typedef struct rmw_params {
    uint64_t rows;            /* rows preloaded, keys 0 .. rows-1 */
    uint64_t txns;            /* transactions per thread */
    int threads;
    int lmdb_nosync;          /* as workload 2: MDB_NOSYNC instead of MDB_NOMETASYNC */
    int sqlite_cache_mb;      /* per connection, as in workloads 1-4 */
} rmw_params;

/* What a thread's transactions ran into besides committing. */
typedef struct rmw_counts {
    uint64_t retries;         /* ESENT: JET_errWriteConflict; SQLite: SQLITE_BUSY returned; then rolled back and retried */
    uint64_t waits;           /* SQLite: times its busy handler waited for the write lock (no rollback) */
    uint64_t bad_reads;       /* values read inside a transaction that were not the key's (size or bytes) */
} rmw_counts;

/* One engine's side of workload 5. Every function but the close ones returns 0 (or a handle), or
 * -1 (NULL) after writing why into err (BENCH_ERR_MAX bytes). */
typedef struct rmw_engine {
    const char *name;
    /* A new table in the empty folder dir holding p->rows rows with rmw_initial_value (not timed). */
    void *(*open)(const char *dir, const rmw_params *p, char *err);
    /* A worker's handle (session, connection); called on the worker's own thread, not timed. */
    void *(*thread_open)(void *db, char *err);
    /* One transaction on key, retried until it commits; see above. */
    int (*txn)(void *th, int64_t key, rmw_counts *c, char *err);
    void (*thread_close)(void *th);
    /* Every row in key order in one read transaction, through row() (after the workers ended). */
    int (*scan)(void *db, void (*row)(void *ctx, int64_t key, const void *value, size_t size), void *ctx, char *err);
    void (*close)(void *db);
} rmw_engine;

extern const rmw_engine rmw_esent, rmw_sqlite, rmw_lmdb;

/* A value of this workload: bench_value(key) with its first 8 bytes replaced by a counter
 * (little-endian), 0 after the preload. */
static inline void rmw_value(int64_t key, uint64_t counter, uint8_t value[BENCH_VALUE_SIZE])
{
    bench_value(key, value);
    for (int i = 0; i < 8; i++)
        value[i] = (uint8_t)(counter >> (8 * i));
}

static inline uint64_t rmw_counter(const uint8_t *value)
{
    uint64_t c = 0;
    for (int i = 7; i >= 0; i--)
        c = c << 8 | value[i];
    return c;
}

/* Whether value (size bytes) is key's value with some counter. */
static inline int rmw_value_ok(int64_t key, const void *value, size_t size)
{
    uint8_t want[BENCH_VALUE_SIZE];
    if (size != BENCH_VALUE_SIZE)
        return 0;
    bench_value(key, want);
    return memcmp((const uint8_t *)value + 8, want + 8, BENCH_VALUE_SIZE - 8) == 0;
}

/* The modify step: the value to write back after reading old (size bytes): its counter + 1.
 * A value that is not the key's is counted in c->bad_reads (and rebuilt, counter from its first
 * bytes if there are 8). */
static inline void rmw_next_value(int64_t key, const void *old, size_t size, uint8_t out[BENCH_VALUE_SIZE],
                                  rmw_counts *c)
{
    if (!rmw_value_ok(key, old, size))
        c->bad_reads++;
    rmw_value(key, size >= 8 ? rmw_counter(old) + 1 : 1, out);
}

/* Runs workload 5 on each engine named in names (n of them: "esent", "sqlite", "lmdb"), each in a
 * fresh folder under parent (removed afterwards unless keep), printing each as it finishes. */
void bench_rmw_run(const rmw_params *p, const char *const *names, int n, const char *parent, int keep);
/* Prints the summary of the last bench_rmw_run with the ratios (after a "== Results" header if
 * header); returns the number of engines that gave wrong results. */
int bench_rmw_report(int header);

#endif
