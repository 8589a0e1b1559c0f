/* esent-bench: the same four workloads through ESENT, SQLite and LMDB (docs/performance.md).
 *
 * Each engine is one driver: a table of functions that open a fresh database in a folder, run
 * the workloads on it and close it. The main program (esent_bench.c) makes the data, times each
 * workload, checks what the drivers read back and prints ops/s and ratios. */
#ifndef ESENT_BENCH_H
#define ESENT_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define BENCH_KEY_SIZE   8     /* every key: a 64-bit integer */
#define BENCH_VALUE_SIZE 100   /* every value: 100 bytes, derived from its key */
#define BENCH_ERR_MAX    256   /* a driver's failure message, "what (code) at which call" */

/* What the workloads operate on; the same for every engine. */
typedef struct bench_data {
    uint64_t nrows;           /* workload 1: rows inserted in one transaction */
    uint64_t ntxns;           /* workload 2: single-row transactions, committed lazily */
    uint64_t nlookups;        /* workload 3: random point lookups */
    const int64_t *keys;      /* nrows + ntxns distinct keys 0..nrows+ntxns-1 in a fixed random order:
                               * the first nrows for workload 1, the rest for workload 2 */
    const int64_t *lookups;   /* nlookups keys, each one of the above */
    int lmdb_nosync;          /* LMDB, workload 2: MDB_NOSYNC instead of MDB_NOMETASYNC */
    int sqlite_cache_mb;      /* SQLite page cache in MiB; 0 keeps SQLite's default (2 MiB) */
} bench_data;

/* What a read workload saw; the main program compares it with what it should have seen. */
typedef struct bench_check {
    uint64_t rows;            /* rows (scan) or lookups (found or not) processed */
    uint64_t missing;         /* lookups whose key was not found */
    uint64_t bad_size;        /* values that were not BENCH_VALUE_SIZE bytes */
    uint64_t out_of_order;    /* scan: keys not strictly ascending */
    uint64_t value_sum;       /* sum of every value byte read */
} bench_check;

/* One engine. Every function but close returns 0, or -1 after writing why into err
 * (BENCH_ERR_MAX bytes). A driver never exits and never crashes on an engine error. */
typedef struct bench_engine {
    const char *name;
    void (*version)(char *out, size_t size);
    /* A new, empty table in the empty folder dir (no trailing separator); NULL on failure. */
    void *(*open)(const char *dir, const bench_data *d, char *err);
    int (*insert_bulk)(void *db, const bench_data *d, char *err);   /* 1. d->nrows rows, one transaction */
    int (*insert_txns)(void *db, const bench_data *d, char *err);   /* 2. d->ntxns one-row transactions */
    int (*lookup)(void *db, const bench_data *d, bench_check *c, char *err);  /* 3. */
    int (*scan)(void *db, bench_check *c, char *err);               /* 4. key order */
    void (*close)(void *db);
} bench_engine;

extern const bench_engine bench_esent, bench_sqlite, bench_lmdb;

/* Formats a driver's failure message into err and returns -1. */
int bench_fail(char *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* splitmix64: the one pseudo-random generator of the benchmark (keys, lookups and values). */
static inline uint64_t bench_rand(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* The value stored under key: BENCH_VALUE_SIZE bytes that depend only on the key. */
static inline void bench_value(int64_t key, uint8_t value[BENCH_VALUE_SIZE])
{
    uint64_t state = (uint64_t)key;
    for (size_t i = 0; i < BENCH_VALUE_SIZE; i += 8) {
        uint64_t x = bench_rand(&state);
        size_t n = BENCH_VALUE_SIZE - i < 8 ? BENCH_VALUE_SIZE - i : 8;
        memcpy(value + i, &x, n);
    }
}

static inline uint64_t bench_byte_sum(const void *p, size_t n)
{
    const uint8_t *b = p;
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += b[i];
    return sum;
}

/* Accounts for one value read back: its size and the sum of its bytes. */
static inline void bench_check_value(bench_check *c, const void *value, size_t size)
{
    if (size != BENCH_VALUE_SIZE)
        c->bad_size++;
    c->value_sum += bench_byte_sum(value, size);
}

#endif
