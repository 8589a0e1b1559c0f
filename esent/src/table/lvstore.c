#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "format/compress.h"
#include "table/ddl.h"
#include "table/lvstore.h"
#include "table/trx.h"

/* The LV tree of the cursor's table: creates it (and its catalog row) when create is set. */
static JET_ERR lv_tree(esent_cursor *c, int create, uint32_t *pobjid, uint32_t *ppgno)
{
    if (c->t->lv_objid == 0) {
        if (!create)
            return JET_errLVCorrupted;
        uint32_t objid = 0, pgno = 0;
        JET_ERR err = esent_ddl_ensure_lv_tree(c->s, c->tdb, c->objid, &objid, &pgno);
        if (err < 0)
            return err;
        err = esent_cursor_refresh(c);     /* the schema was reloaded */
        if (err < 0)
            return err;
    }
    *pobjid = c->t->lv_objid;
    *ppgno = c->t->lv_pgno_fdp;
    return JET_errSuccess;
}

/* Reads one entry of the LV tree by exact key into out (at most cb_out bytes). */
static JET_ERR lv_get(esent_cursor *c, const uint8_t *key, uint32_t cb_key, uint8_t *out, uint32_t cb_out,
                      uint32_t *pcb)
{
    uint32_t objid, pgno;
    JET_ERR err = lv_tree(c, 0, &objid, &pgno);
    if (err < 0)
        return err;
    esent_btree_cursor bt;
    if ((err = esent_btree_open(&bt, c->tdb->pf, objid, pgno)) < 0)
        return err;
    bt.view = esent_cursor_view;   /* the long value as the cursor's transaction sees it */
    bt.view_ctx = c;
    int exact = 0;
    err = esent_btree_seek(&bt, key, cb_key, &exact);
    if (err == JET_errRecordNotFound || (err >= 0 && !exact))
        err = JET_errLVCorrupted;
    if (err >= 0) {
        const uint8_t *d;
        uint32_t cb;
        err = esent_btree_current(&bt, NULL, NULL, &d, &cb);
        if (err >= 0 && cb > cb_out)
            err = JET_errLVCorrupted;
        if (err >= 0) {
            memcpy(out, d, cb);
            *pcb = cb;
        }
    }
    esent_btree_close(&bt);
    return err;
}

static JET_ERR root_get(esent_cursor *c, uint64_t lid, esent_lvroot *root)
{
    uint8_t key[12], data[16];
    uint32_t cb = 0;
    JET_ERR err = lv_get(c, key, esent_lv_root_key(lid, key), data, sizeof data, &cb);
    if (err < 0)
        return err;
    return esent_lvroot_decode(data, cb, root);
}

static JET_ERR root_put(esent_cursor *c, uint64_t lid, const esent_lvroot *old, const esent_lvroot *root)
{
    uint32_t objid, pgno;
    JET_ERR err = lv_tree(c, 1, &objid, &pgno);
    if (err < 0)
        return err;
    uint8_t key[12], data[16], odata[16];
    uint32_t cb_key = esent_lv_root_key(lid, key);
    uint32_t cb = esent_lvroot_encode(root, data);
    if (old == NULL)
        return esent_trx_insert(c->s, c->tdb->db, objid, pgno, key, cb_key, data, cb);
    uint32_t cb_old = esent_lvroot_encode(old, odata);
    return esent_trx_replace(c->s, c->tdb->db, objid, pgno, key, cb_key, data, cb, odata, cb_old);
}

static uint32_t chunk_size(const esent_cursor *c)
{
    return esent_lv_chunk_size(esent_pagefile_page_size(c->tdb->pf));
}

/* Writes the bytes of chunk ib_chunk: [0, cb) of the chunk becomes pv (cb <= chunk size); had is the
 * chunk's old size (0 = the chunk does not exist). */
static JET_ERR chunk_put(esent_cursor *c, uint64_t lid, uint32_t ib_chunk, const uint8_t *pv, uint32_t cb,
                         const uint8_t *old, uint32_t had)
{
    uint32_t objid, pgno;
    JET_ERR err = lv_tree(c, 1, &objid, &pgno);
    if (err < 0)
        return err;
    uint8_t key[12];
    uint32_t cb_key = esent_lv_chunk_key(lid, ib_chunk, key);
    if (had == 0)
        return esent_trx_insert(c->s, c->tdb->db, objid, pgno, key, cb_key, pv, cb);
    return esent_trx_replace(c->s, c->tdb->db, objid, pgno, key, cb_key, pv, cb, old, had);
}

static JET_ERR chunk_delete(esent_cursor *c, uint64_t lid, uint32_t ib_chunk, const uint8_t *old, uint32_t had)
{
    uint32_t objid, pgno;
    JET_ERR err = lv_tree(c, 0, &objid, &pgno);
    if (err < 0)
        return err;
    uint8_t key[12];
    uint32_t cb_key = esent_lv_chunk_key(lid, ib_chunk, key);
    return esent_trx_delete(c->s, c->tdb->db, objid, pgno, key, cb_key, old, had);
}

/* Reads the stored bytes of chunk ib_chunk (chunk-size aligned) into buf; *pcb = their size. */
static JET_ERR chunk_get(esent_cursor *c, uint64_t lid, uint32_t ib_chunk, uint8_t *buf, uint32_t *pcb)
{
    uint8_t key[12];
    return lv_get(c, key, esent_lv_chunk_key(lid, ib_chunk, key), buf, chunk_size(c), pcb);
}

/* A chunk as stored and as data. ESENT compresses LV chunks one by one (ese-format.md §6): every chunk
 * holds min(chunk size, LV size - its offset) bytes of data, so a chunk stored in fewer bytes than that
 * is compressed (its first byte names the scheme, format/compress.h). Chunks are written uncompressed. */
typedef struct lvchunk {
    uint8_t *raw;          /* chunk-size buffer: the stored bytes (a change's before-image) */
    uint8_t *plain;        /* chunk-size buffer: the decoded bytes of a compressed chunk */
    uint32_t cb_raw;       /* stored size */
    const uint8_t *pb;     /* the chunk's data: raw or plain */
    uint32_t cb;           /* its size */
} lvchunk;

static JET_ERR chunk_alloc(esent_cursor *c, lvchunk *ch)
{
    memset(ch, 0, sizeof *ch);
    ch->raw = (uint8_t *)malloc(chunk_size(c));
    ch->plain = (uint8_t *)malloc(chunk_size(c));
    return ch->raw != NULL && ch->plain != NULL ? JET_errSuccess : JET_errOutOfMemory;
}

static void chunk_free(lvchunk *ch)
{
    free(ch->raw);
    free(ch->plain);
}

/* Reads chunk ib_chunk (< size) of an LV of size bytes, decoding it when it is compressed. */
static JET_ERR chunk_read(esent_cursor *c, uint64_t lid, uint32_t size, uint32_t ib_chunk, lvchunk *ch)
{
    uint32_t C = chunk_size(c), want = size - ib_chunk < C ? size - ib_chunk : C, got;
    JET_ERR err = chunk_get(c, lid, ib_chunk, ch->raw, &ch->cb_raw);
    if (err < 0)
        return err;
    ch->pb = ch->raw;
    ch->cb = ch->cb_raw;
    if (ch->cb_raw >= want)
        return JET_errSuccess;
    if ((err = esent_decompress_size(ch->raw, ch->cb_raw, &got)) < 0)
        return err;
    if (got != want)
        return JET_errLVCorrupted;
    if ((err = esent_decompress(ch->raw, ch->cb_raw, ch->plain, C, &got)) < 0)
        return err;
    ch->pb = ch->plain;
    ch->cb = got;
    return JET_errSuccess;
}

static JET_ERR cb_read(void *ctx, uint64_t lid, uint32_t ib, void *pv, uint32_t cb, uint32_t *pcb_read,
                       uint32_t *pcb_total)
{
    esent_cursor *c = (esent_cursor *)ctx;
    esent_lvroot root;
    JET_ERR err = root_get(c, lid, &root);
    if (err < 0)
        return err;
    if (pcb_total != NULL)
        *pcb_total = root.ulSize;
    uint32_t n = ib >= root.ulSize ? 0 : root.ulSize - ib;
    if (n > cb)
        n = cb;
    uint32_t C = chunk_size(c), done = 0;
    lvchunk ch;
    memset(&ch, 0, sizeof ch);
    if (n > 0 && (err = chunk_alloc(c, &ch)) < 0) {
        chunk_free(&ch);
        return err;
    }
    while (done < n) {
        uint32_t at = ib + done, ib_chunk = at - at % C;
        if ((err = chunk_read(c, lid, root.ulSize, ib_chunk, &ch)) < 0)
            break;
        uint32_t off = at - ib_chunk;
        if (ch.cb <= off) {
            err = JET_errLVCorrupted;
            break;
        }
        uint32_t take = ch.cb - off < n - done ? ch.cb - off : n - done;
        memcpy((uint8_t *)pv + done, ch.pb + off, take);
        done += take;
    }
    chunk_free(&ch);
    if (err < 0)
        return err;
    if (pcb_read != NULL)
        *pcb_read = n;
    return JET_errSuccess;
}

/* Writes [ib, ib + cb) of lid whose current size is size (ib <= size); pv NULL writes zeros. */
static JET_ERR write_range(esent_cursor *c, uint64_t lid, uint32_t size, uint32_t ib, const uint8_t *pv, uint32_t cb)
{
    uint32_t C = chunk_size(c), done = 0;
    uint8_t *buf = (uint8_t *)malloc(C);
    lvchunk old;
    JET_ERR err = chunk_alloc(c, &old);
    if (buf == NULL)
        err = JET_errOutOfMemory;
    while (err >= 0 && done < cb) {
        uint32_t at = ib + done, ib_chunk = at - at % C, off = at - ib_chunk, had = 0;
        old.cb_raw = 0;
        if (ib_chunk < size) {
            if ((err = chunk_read(c, lid, size, ib_chunk, &old)) < 0)
                break;
            had = old.cb;
            memcpy(buf, old.pb, had);
        }
        uint32_t take = C - off < cb - done ? C - off : cb - done;
        if (off > had)
            memset(buf + had, 0, off - had);
        if (pv != NULL)
            memcpy(buf + off, pv + done, take);
        else
            memset(buf + off, 0, take);
        uint32_t now = off + take > had ? off + take : had;
        /* the new chunk is written uncompressed; the log's before-image is the chunk as stored */
        err = chunk_put(c, lid, ib_chunk, buf, now, old.raw, old.cb_raw);
        done += take;
    }
    free(buf);
    chunk_free(&old);
    return err;
}

static JET_ERR cb_create(void *ctx, const void *pv, uint32_t cb, uint64_t *plid)
{
    esent_cursor *c = (esent_cursor *)ctx;
    uint32_t objid, pgno;
    JET_ERR err = lv_tree(c, 1, &objid, &pgno);
    if (err < 0)
        return err;
    esent_tcounters *k = esent_tdb_counters(c->tdb, c->objid);
    if (k == NULL)
        return JET_errOutOfMemory;
    if (k->lid_next == 0) {
        /* One above the largest LID in the tree (LV keys sort by LID first). */
        esent_btree_cursor bt;
        k->lid_next = 1;
        if ((err = esent_btree_open(&bt, c->tdb->pf, objid, pgno)) < 0)
            return err;
        err = esent_btree_move_last(&bt);
        if (err >= 0) {
            const uint8_t *key;
            uint32_t cb_key, ib;
            uint64_t lid;
            int root;
            if ((err = esent_btree_current(&bt, &key, &cb_key, NULL, NULL)) >= 0 &&
                (err = esent_lv_key_decode(key, cb_key, &lid, &root, &ib)) >= 0 && lid < ESENT_LID32_MAX)
                k->lid_next = (uint32_t)lid + 1u;
        } else if (err == JET_errRecordNotFound) {
            err = JET_errSuccess;
        }
        esent_btree_close(&bt);
        if (err < 0) {
            k->lid_next = 0;
            return err;
        }
    }
    if (k->lid_next > ESENT_LID32_MAX)
        return JET_errOutOfLongValueIDs;
    uint64_t lid = k->lid_next++;
    esent_lvroot root = { 1, cb, 0, 0 };
    if ((err = root_put(c, lid, NULL, &root)) < 0)
        return err;
    if (cb > 0 && (err = write_range(c, lid, 0, 0, (const uint8_t *)pv, cb)) < 0)
        return err;
    *plid = lid;
    return JET_errSuccess;
}

static JET_ERR cb_copy(void *ctx, uint64_t lid, uint64_t *plid)
{
    esent_cursor *c = (esent_cursor *)ctx;
    esent_lvroot root;
    JET_ERR err = root_get(c, lid, &root);
    if (err < 0)
        return err;
    uint8_t *bytes = (uint8_t *)malloc(root.ulSize ? root.ulSize : 1u);
    if (bytes == NULL)
        return JET_errOutOfMemory;
    uint32_t got = 0;
    err = cb_read(ctx, lid, 0, bytes, root.ulSize, &got, NULL);
    if (err >= 0)
        err = cb_create(ctx, bytes, got, plid);
    free(bytes);
    return err;
}

static JET_ERR cb_write(void *ctx, uint64_t lid, uint32_t ib, const void *pv, uint32_t cb)
{
    esent_cursor *c = (esent_cursor *)ctx;
    esent_lvroot root;
    JET_ERR err = root_get(c, lid, &root);
    if (err < 0)
        return err;
    if (ib > root.ulSize)
        return JET_errColumnNoChunk;
    if ((err = write_range(c, lid, root.ulSize, ib, (const uint8_t *)pv, cb)) < 0)
        return err;
    if (ib + cb > root.ulSize) {
        esent_lvroot now = root;
        now.ulSize = ib + cb;
        err = root_put(c, lid, &root, &now);
    }
    return err;
}

/* Deletes the chunks at or after ib_from (chunk aligned) of an LV of size bytes. */
static JET_ERR delete_chunks_from(esent_cursor *c, uint64_t lid, uint32_t size, uint32_t ib_from)
{
    uint32_t C = chunk_size(c);
    uint8_t *old = (uint8_t *)malloc(C);
    if (old == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = JET_errSuccess;
    for (uint32_t at = ib_from; err >= 0 && at < size; at += C) {
        uint32_t had = 0;
        if ((err = chunk_get(c, lid, at, old, &had)) >= 0)
            err = chunk_delete(c, lid, at, old, had);
    }
    free(old);
    return err;
}

static JET_ERR cb_set_size(void *ctx, uint64_t lid, uint32_t cb)
{
    esent_cursor *c = (esent_cursor *)ctx;
    esent_lvroot root;
    JET_ERR err = root_get(c, lid, &root);
    if (err < 0)
        return err;
    uint32_t C = chunk_size(c);
    if (cb > root.ulSize) {
        err = write_range(c, lid, root.ulSize, root.ulSize, NULL, cb - root.ulSize);
    } else if (cb < root.ulSize) {
        uint32_t keep_to = cb % C == 0 ? cb : cb - cb % C + C;   /* first chunk wholly past the new end */
        err = delete_chunks_from(c, lid, root.ulSize, keep_to);
        if (err >= 0 && cb % C != 0) {
            lvchunk old;
            uint32_t ib_chunk = cb - cb % C;
            err = chunk_alloc(c, &old);
            if (err >= 0)
                err = chunk_read(c, lid, root.ulSize, ib_chunk, &old);
            if (err >= 0 && old.cb > cb - ib_chunk)   /* its first bytes, uncompressed; before-image as stored */
                err = chunk_put(c, lid, ib_chunk, old.pb, cb - ib_chunk, old.raw, old.cb_raw);
            chunk_free(&old);
        }
    }
    if (err >= 0 && cb != root.ulSize) {
        esent_lvroot now = root;
        now.ulSize = cb;
        err = root_put(c, lid, &root, &now);
    }
    return err;
}

static JET_ERR cb_addref(void *ctx, uint64_t lid)
{
    esent_cursor *c = (esent_cursor *)ctx;
    esent_lvroot root;
    JET_ERR err = root_get(c, lid, &root);
    if (err < 0)
        return err;
    esent_lvroot now = root;
    now.ulReference++;
    return root_put(c, lid, &root, &now);
}

static JET_ERR cb_release(void *ctx, uint64_t lid)
{
    esent_cursor *c = (esent_cursor *)ctx;
    esent_lvroot root;
    JET_ERR err = root_get(c, lid, &root);
    if (err < 0)
        return err;
    if (root.ulReference > 1) {
        esent_lvroot now = root;
        now.ulReference--;
        return root_put(c, lid, &root, &now);
    }
    if ((err = delete_chunks_from(c, lid, root.ulSize, 0)) < 0)
        return err;
    uint32_t objid, pgno;
    if ((err = lv_tree(c, 0, &objid, &pgno)) < 0)
        return err;
    uint8_t key[12], data[16];
    uint32_t cb_key = esent_lv_root_key(lid, key), cb = esent_lvroot_encode(&root, data);
    return esent_trx_delete(c->s, c->tdb->db, objid, pgno, key, cb_key, data, cb);
}

void esent_lvstore_init(esent_lvstore *store, esent_cursor *c)
{
    store->ctx = c;
    store->lid64 = 0;
    store->read = cb_read;
    store->create = cb_create;
    store->copy = cb_copy;
    store->write = cb_write;
    store->set_size = cb_set_size;
    store->addref = cb_addref;
    store->release = cb_release;
}

JET_ERR esent_lvstore_read_prefix(void *ctx, uint64_t lid, uint8_t *buf, uint32_t cb, uint32_t *pcb_actual)
{
    return cb_read(ctx, lid, 0, buf, cb, pcb_actual, NULL);
}
