/* Workload 5 (bench_rmw.h) through LMDB: the environment of bench_lmdb.c (keys as 8 big-endian
 * bytes), shared by the worker threads.
 *
 * LMDB has one writer at a time: mdb_txn_begin of a write transaction waits for the environment's
 * writer lock, so transactions never conflict and nothing is retried. Each transaction is
 *   mdb_txn_begin (write), mdb_get, mdb_put, mdb_txn_commit
 * with MDB_NOMETASYNC (the lazy commit of workload 2: the data pages are flushed at every commit), or
 * MDB_NOSYNC with --lmdb-nosync. A write transaction belongs to the thread that began it, which is how
 * it is used here; MDB_NOTLS (for read transactions that move between threads) is not needed. */
#define _POSIX_C_SOURCE 200809L
#include "bench_rmw.h"

#include <lmdb.h>

#include <stdio.h>
#include <stdlib.h>

typedef struct rmw_lmdb_db {
    MDB_env *env;
    MDB_dbi dbi;
} rmw_lmdb_db;

static int mdb_fail(char *err, int rc, const char *call)
{
    return bench_fail(err, "%s (%d) at %s", mdb_strerror(rc), rc, call);
}

static void encode_key(int64_t key, uint8_t out[BENCH_KEY_SIZE])
{
    for (int i = 0; i < BENCH_KEY_SIZE; i++)
        out[i] = (uint8_t)((uint64_t)key >> (56 - 8 * i));
}

static void rmw_lmdb_close(void *p)
{
    rmw_lmdb_db *l = p;
    if (!l)
        return;
    if (l->env)
        mdb_env_close(l->env);
    free(l);
}

static void *rmw_lmdb_open(const char *dir, const rmw_params *p, char *err)
{
    rmw_lmdb_db *l = calloc(1, sizeof *l);
    MDB_txn *txn = NULL;
    int rc;
    if (!l) {
        bench_fail(err, "out of memory");
        return NULL;
    }
    if ((rc = mdb_env_create(&l->env)) != 0) {
        l->env = NULL;
        mdb_fail(err, rc, "mdb_env_create");
        goto fail;
    }
    /* As bench_lmdb.c: 512 bytes a row plus 64 MiB, in whole MiB (copy-on-write needs the slack). */
    size_t map = (size_t)(p->rows * 512 / (1 << 20) + 64) << 20;
    if ((rc = mdb_env_set_mapsize(l->env, map)) != 0) {
        mdb_fail(err, rc, "mdb_env_set_mapsize");
        goto fail;
    }
    if ((rc = mdb_env_open(l->env, dir, 0, 0644)) != 0) {
        mdb_fail(err, rc, "mdb_env_open");
        goto fail;
    }
    const char *call = "mdb_txn_begin";
    if ((rc = mdb_txn_begin(l->env, NULL, 0, &txn)) != 0)
        goto txn_fail;
    call = "mdb_dbi_open";
    if ((rc = mdb_dbi_open(txn, NULL, 0, &l->dbi)) != 0)
        goto txn_fail;
    call = "mdb_put";
    for (uint64_t i = 0; i < p->rows; i++) {   /* the preload, one transaction */
        uint8_t k[BENCH_KEY_SIZE], value[BENCH_VALUE_SIZE];
        encode_key((int64_t)i, k);
        rmw_value((int64_t)i, 0, value);
        MDB_val mk = { sizeof k, k }, mv = { sizeof value, value };
        if ((rc = mdb_put(txn, l->dbi, &mk, &mv, MDB_NOOVERWRITE)) != 0)
            goto txn_fail;
    }
    rc = mdb_txn_commit(txn);
    txn = NULL;
    if (rc) {
        call = "mdb_txn_commit";
        goto txn_fail;
    }
    if ((rc = mdb_env_set_flags(l->env, p->lmdb_nosync ? MDB_NOSYNC : MDB_NOMETASYNC, 1)) != 0) {
        mdb_fail(err, rc, "mdb_env_set_flags");
        goto fail;
    }
    return l;
txn_fail:
    if (txn)
        mdb_txn_abort(txn);
    mdb_fail(err, rc, call);
fail:
    rmw_lmdb_close(l);
    return NULL;
}

static void *rmw_lmdb_thread_open(void *p, char *err)
{
    (void)err;
    return p;   /* every thread uses the environment; transactions are per call */
}

static void rmw_lmdb_thread_close(void *p)
{
    (void)p;
}

static int rmw_lmdb_txn(void *p, int64_t key, rmw_counts *c, char *err)
{
    rmw_lmdb_db *l = p;
    MDB_txn *txn;
    uint8_t k[BENCH_KEY_SIZE], value[BENCH_VALUE_SIZE];
    encode_key(key, k);
    MDB_val mk = { sizeof k, k }, mv;
    int rc = mdb_txn_begin(l->env, NULL, 0, &txn);   /* waits for the writer lock */
    if (rc)
        return mdb_fail(err, rc, "mdb_txn_begin");
    if ((rc = mdb_get(txn, l->dbi, &mk, &mv)) != 0) {
        mdb_txn_abort(txn);
        return mdb_fail(err, rc, "mdb_get");
    }
    rmw_next_value(key, mv.mv_data, mv.mv_size, value, c);   /* mv points into the map: copied here */
    mv = (MDB_val){ sizeof value, value };
    if ((rc = mdb_put(txn, l->dbi, &mk, &mv, 0)) != 0) {
        mdb_txn_abort(txn);
        return mdb_fail(err, rc, "mdb_put");
    }
    rc = mdb_txn_commit(txn);
    return rc == 0 ? 0 : mdb_fail(err, rc, "mdb_txn_commit");
}

static int rmw_lmdb_scan(void *p, void (*row)(void *ctx, int64_t key, const void *value, size_t size), void *ctx,
                         char *err)
{
    rmw_lmdb_db *l = p;
    MDB_txn *txn;
    MDB_cursor *cursor;
    MDB_val mk, mv;
    int rc = mdb_txn_begin(l->env, NULL, MDB_RDONLY, &txn);
    if (rc)
        return mdb_fail(err, rc, "mdb_txn_begin(MDB_RDONLY)");
    if ((rc = mdb_cursor_open(txn, l->dbi, &cursor)) != 0) {
        mdb_txn_abort(txn);
        return mdb_fail(err, rc, "mdb_cursor_open");
    }
    for (rc = mdb_cursor_get(cursor, &mk, &mv, MDB_FIRST); rc == 0; rc = mdb_cursor_get(cursor, &mk, &mv, MDB_NEXT)) {
        int64_t key = -1;
        if (mk.mv_size == BENCH_KEY_SIZE) {
            uint64_t k = 0;
            for (int i = 0; i < BENCH_KEY_SIZE; i++)
                k = k << 8 | ((const uint8_t *)mk.mv_data)[i];
            key = (int64_t)k;
        }
        row(ctx, key, mv.mv_data, mv.mv_size);
    }
    mdb_cursor_close(cursor);
    mdb_txn_abort(txn);
    return rc == MDB_NOTFOUND ? 0 : mdb_fail(err, rc, "mdb_cursor_get");
}

const rmw_engine rmw_lmdb = {
    .name = "lmdb",
    .open = rmw_lmdb_open,
    .thread_open = rmw_lmdb_thread_open,
    .txn = rmw_lmdb_txn,
    .thread_close = rmw_lmdb_thread_close,
    .scan = rmw_lmdb_scan,
    .close = rmw_lmdb_close,
};
