/* The LMDB driver: one environment (a folder), its unnamed database, keys as 8 big-endian bytes
 * so that LMDB's default byte-wise order is the numeric order.
 *
 * Durability per workload (docs/performance.md): workload 1 commits with LMDB's default full sync
 * (durable); workload 2 with MDB_NOMETASYNC (data pages flushed, the meta page not: a system crash
 * may undo the last commit but never corrupts the database), or with --lmdb-nosync MDB_NOSYNC (no
 * flush at all: faster, but a system crash may corrupt the database on a file system that does not
 * keep write order). */
#define _POSIX_C_SOURCE 200809L
#include "bench.h"

#include <lmdb.h>

#include <stdio.h>
#include <stdlib.h>

typedef struct lmdb_db {
    MDB_env *env;
    MDB_dbi dbi;
} lmdb_db;

static int mdb_fail(char *err, int rc, const char *call)
{
    return bench_fail(err, "%s (%d) at %s", mdb_strerror(rc), rc, call);
}

static void encode_key(int64_t key, uint8_t out[BENCH_KEY_SIZE])
{
    for (int i = 0; i < BENCH_KEY_SIZE; i++)
        out[i] = (uint8_t)((uint64_t)key >> (56 - 8 * i));
}

static int64_t decode_key(const uint8_t in[BENCH_KEY_SIZE])
{
    uint64_t key = 0;
    for (int i = 0; i < BENCH_KEY_SIZE; i++)
        key = key << 8 | in[i];
    return (int64_t)key;
}

static void lmdb_version(char *out, size_t size)
{
    int major, minor, patch;
    mdb_version(&major, &minor, &patch);
    snprintf(out, size, "LMDB %d.%d.%d", major, minor, patch);
}

static void lmdb_close(void *p)
{
    lmdb_db *l = p;
    if (!l)
        return;
    if (l->env)
        mdb_env_close(l->env);
    free(l);
}

static void *lmdb_open(const char *dir, const bench_data *d, char *err)
{
    lmdb_db *l = calloc(1, sizeof *l);
    if (!l) {
        bench_fail(err, "out of memory");
        return NULL;
    }
    MDB_txn *txn = NULL;
    int rc = mdb_env_create(&l->env);
    if (rc) {
        l->env = NULL;
        mdb_fail(err, rc, "mdb_env_create");
        goto fail;
    }
    /* The map must hold the whole database: 512 bytes a row (a 100-byte value, its key and node
     * header on half-full pages after random inserts) plus 64 MiB, in whole MiB. */
    size_t map = (size_t)((d->nrows + d->ntxns) * 512 / (1 << 20) + 64) << 20;
    if ((rc = mdb_env_set_mapsize(l->env, map)) != 0) {
        mdb_fail(err, rc, "mdb_env_set_mapsize");
        goto fail;
    }
    if ((rc = mdb_env_open(l->env, dir, 0, 0644)) != 0) {
        mdb_fail(err, rc, "mdb_env_open");
        goto fail;
    }
    if ((rc = mdb_txn_begin(l->env, NULL, 0, &txn)) != 0 || (rc = mdb_dbi_open(txn, NULL, 0, &l->dbi)) != 0 ||
        (rc = mdb_txn_commit(txn)) != 0) {
        if (txn)
            mdb_txn_abort(txn);
        mdb_fail(err, rc, "mdb_dbi_open");
        goto fail;
    }
    return l;
fail:
    lmdb_close(l);
    return NULL;
}

/* Inserts one row in txn; a key already there is an error, as in the other engines. */
static int lmdb_insert(lmdb_db *l, MDB_txn *txn, int64_t key, char *err)
{
    uint8_t k[BENCH_KEY_SIZE], value[BENCH_VALUE_SIZE];
    encode_key(key, k);
    bench_value(key, value);
    MDB_val mk = { sizeof k, k }, mv = { sizeof value, value };
    int rc = mdb_put(txn, l->dbi, &mk, &mv, MDB_NOOVERWRITE);
    return rc == 0 ? 0 : mdb_fail(err, rc, "mdb_put");
}

static int lmdb_insert_bulk(void *p, const bench_data *d, char *err)
{
    lmdb_db *l = p;
    MDB_txn *txn;
    int rc = mdb_txn_begin(l->env, NULL, 0, &txn);
    if (rc)
        return mdb_fail(err, rc, "mdb_txn_begin");
    for (uint64_t i = 0; i < d->nrows; i++)
        if (lmdb_insert(l, txn, d->keys[i], err) < 0) {
            mdb_txn_abort(txn);
            return -1;
        }
    rc = mdb_txn_commit(txn);   /* with the environment's default: synced */
    return rc == 0 ? 0 : mdb_fail(err, rc, "mdb_txn_commit");
}

static int lmdb_insert_txns(void *p, const bench_data *d, char *err)
{
    lmdb_db *l = p;
    unsigned flag = d->lmdb_nosync ? MDB_NOSYNC : MDB_NOMETASYNC;
    int rc = mdb_env_set_flags(l->env, flag, 1);
    if (rc)
        return mdb_fail(err, rc, "mdb_env_set_flags");
    for (uint64_t i = 0; i < d->ntxns; i++) {
        MDB_txn *txn;
        if ((rc = mdb_txn_begin(l->env, NULL, 0, &txn)) != 0)
            return mdb_fail(err, rc, "mdb_txn_begin");
        if (lmdb_insert(l, txn, d->keys[d->nrows + i], err) < 0) {
            mdb_txn_abort(txn);
            return -1;
        }
        if ((rc = mdb_txn_commit(txn)) != 0)
            return mdb_fail(err, rc, "mdb_txn_commit");
    }
    return 0;
}

static int lmdb_lookup(void *p, const bench_data *d, bench_check *c, char *err)
{
    lmdb_db *l = p;
    MDB_txn *txn;
    int rc = mdb_txn_begin(l->env, NULL, MDB_RDONLY, &txn);
    if (rc)
        return mdb_fail(err, rc, "mdb_txn_begin(MDB_RDONLY)");
    for (uint64_t i = 0; i < d->nlookups; i++) {
        uint8_t k[BENCH_KEY_SIZE];
        encode_key(d->lookups[i], k);
        MDB_val mk = { sizeof k, k }, mv;
        c->rows++;
        rc = mdb_get(txn, l->dbi, &mk, &mv);
        if (rc == MDB_NOTFOUND) {
            c->missing++;
        } else if (rc != 0) {
            mdb_txn_abort(txn);
            return mdb_fail(err, rc, "mdb_get");
        } else {
            bench_check_value(c, mv.mv_data, mv.mv_size);
        }
    }
    mdb_txn_abort(txn);   /* how a read-only transaction ends */
    return 0;
}

static int lmdb_scan(void *p, bench_check *c, char *err)
{
    lmdb_db *l = p;
    MDB_txn *txn;
    MDB_cursor *cursor;
    MDB_val mk, mv;
    int64_t previous = 0;
    int rc = mdb_txn_begin(l->env, NULL, MDB_RDONLY, &txn);
    if (rc)
        return mdb_fail(err, rc, "mdb_txn_begin(MDB_RDONLY)");
    if ((rc = mdb_cursor_open(txn, l->dbi, &cursor)) != 0) {
        mdb_txn_abort(txn);
        return mdb_fail(err, rc, "mdb_cursor_open");
    }
    for (rc = mdb_cursor_get(cursor, &mk, &mv, MDB_FIRST); rc == 0; rc = mdb_cursor_get(cursor, &mk, &mv, MDB_NEXT)) {
        int64_t key = mk.mv_size == BENCH_KEY_SIZE ? decode_key(mk.mv_data) : -1;
        if (key < 0 || (c->rows > 0 && key <= previous))
            c->out_of_order++;
        previous = key;
        c->rows++;
        bench_check_value(c, mv.mv_data, mv.mv_size);
    }
    mdb_cursor_close(cursor);
    mdb_txn_abort(txn);
    return rc == MDB_NOTFOUND ? 0 : mdb_fail(err, rc, "mdb_cursor_get");
}

const bench_engine bench_lmdb = {
    .name = "lmdb",
    .version = lmdb_version,
    .open = lmdb_open,
    .insert_bulk = lmdb_insert_bulk,
    .insert_txns = lmdb_insert_txns,
    .lookup = lmdb_lookup,
    .scan = lmdb_scan,
    .close = lmdb_close,
};
