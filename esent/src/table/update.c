#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "format/key.h"
#include "table/idxkey.h"
#include "table/lvstore.h"
#include "table/nav.h"
#include "table/trx.h"
#include "table/update.h"

static int is_insert(uint32_t prep)
{
    return prep == JET_prepInsert || prep == JET_prepInsertCopy || prep == JET_prepInsertCopyDeleteOriginal ||
           prep == JET_prepInsertCopyReplaceOriginal;
}

static void cancel(esent_cursor *c)
{
    esent_recbuf_free(c->rb);
    c->rb = NULL;
    c->prep = JET_prepCancel;
}

static JET_ERR writable(const esent_cursor *c)
{
    return c->read_only ? JET_errPermissionDenied : JET_errSuccess;
}

/* The largest auto-increment value in the table (a one-time scan when the table is first used). */
static JET_ERR autoinc_next(esent_cursor *c, uint64_t *pnext)
{
    esent_tcounters *k = esent_tdb_counters(c->tdb, c->objid);
    if (k == NULL)
        return JET_errOutOfMemory;
    if (k->autoinc_next == 0) {
        const esent_coldef *ac = &c->td.cols[c->td.iautoinc];
        uint64_t most = 0;
        esent_btree_cursor bt;
        JET_ERR err = esent_btree_open(&bt, c->tdb->pf, c->t->objid, c->t->pgno_fdp);
        if (err < 0)
            return err;
        for (err = esent_btree_move_first(&bt); err >= 0; err = esent_btree_move_next(&bt)) {
            const uint8_t *d;
            uint32_t cb;
            if ((err = esent_btree_current(&bt, NULL, NULL, &d, &cb)) < 0)
                break;
            esent_recview v = { &c->td, &c->lvs, d, cb, NULL };
            uint8_t val[8] = { 0 };
            uint32_t got = 0;
            err = esent_retrieve_column(&v, ac->columnid, val, sizeof val, &got, 0, NULL);
            if (err < 0)
                break;
            uint64_t x = 0;
            for (uint32_t i = got; i > 0; i--)
                x = (x << 8) | val[i - 1];
            if (x > most)
                most = x;
        }
        esent_btree_close(&bt);
        if (err < 0 && err != JET_errNoCurrentRecord && err != JET_errRecordNotFound)
            return err;
        k->autoinc_next = most + 1;
    }
    *pnext = k->autoinc_next++;
    return JET_errSuccess;
}

/* Next DBK of a sequential table: one above the last key in its tree. */
static JET_ERR dbk_next(esent_cursor *c, uint32_t *pdbk)
{
    esent_tcounters *k = esent_tdb_counters(c->tdb, c->objid);
    if (k == NULL)
        return JET_errOutOfMemory;
    if (k->dbk_next == 0) {
        esent_btree_cursor bt;
        JET_ERR err = esent_btree_open(&bt, c->tdb->pf, c->t->objid, c->t->pgno_fdp);
        if (err < 0)
            return err;
        k->dbk_next = 1;
        err = esent_btree_move_last(&bt);
        if (err >= 0) {
            const uint8_t *key;
            uint32_t cb;
            if ((err = esent_btree_current(&bt, &key, &cb, NULL, NULL)) >= 0) {
                if (cb != ESENT_KEY_SEQUENTIAL_SIZE)
                    err = JET_errDatabaseCorrupted;
                else
                    k->dbk_next = esent_key_sequential_dbk(key) + 1u;
            }
        } else if (err == JET_errRecordNotFound) {
            err = JET_errSuccess;
        }
        esent_btree_close(&bt);
        if (err < 0) {
            k->dbk_next = 0;
            return err;
        }
    }
    *pdbk = k->dbk_next++;
    return JET_errSuccess;
}

JET_ERR esent_update_prepare(esent_cursor *c, uint32_t prep)
{
    if (prep == JET_prepCancel) {
        if (c->prep == JET_prepCancel)
            return JET_errUpdateNotPrepared;
        cancel(c);
        return JET_errSuccess;
    }
    if (prep != JET_prepInsert && prep != JET_prepReplace && prep != JET_prepReplaceNoLock &&
        prep != JET_prepInsertCopy && prep != JET_prepInsertCopyDeleteOriginal &&
        prep != JET_prepInsertCopyReplaceOriginal)
        return JET_errInvalidParameter;
    JET_ERR err = writable(c);
    if (err < 0)
        return err;
    if (c->prep != JET_prepCancel)
        return JET_errAlreadyPrepared;
    if (!c->td_ok)
        return JET_errInvalidColumnType;
    const uint8_t *rec = NULL;
    uint32_t cb_rec = 0;
    if (prep != JET_prepInsert) {
        if ((err = esent_nav_record(c, &rec, &cb_rec)) < 0)
            return err;
        /* JET_prepReplace in a transaction write-locks the record (another transaction's change to it:
         * JET_errWriteConflict now); JET_prepReplaceNoLock finds conflicts at JetUpdate. */
        if (prep == JET_prepReplace && esent_trx_level(c->s) > 0) {
            if ((err = esent_trx_lock(c->s, c->tdb->db, c->t->pgno_fdp, c->bookmark, c->cb_bookmark, 1)) < 0 ||
                (err = esent_nav_record(c, &rec, &cb_rec)) < 0)   /* the lock changed the store: read again */
                return err;
        }
        memcpy(c->prep_bookmark, c->bookmark, c->cb_bookmark);
        c->cb_prep_bookmark = c->cb_bookmark;
    }
    esent_recbuf *rb;
    if ((err = esent_recbuf_create(&c->td, &c->lvs, prep, rec, cb_rec, &rb)) < 0)
        return err;
    if (is_insert(prep) && c->td.iautoinc >= 0) {
        uint64_t v;
        if ((err = autoinc_next(c, &v)) < 0 || (err = esent_recbuf_set_autoinc(rb, v)) < 0) {
            esent_recbuf_free(rb);
            return err;
        }
    }
    c->rb = rb;
    c->prep = prep;
    return JET_errSuccess;
}

JET_ERR esent_update_set_column(esent_cursor *c, JET_COLUMNID columnid, const void *pv, uint32_t cb,
                                JET_GRBIT grbit, const JET_SETINFO *psetinfo)
{
    if (c->prep == JET_prepCancel)
        return JET_errUpdateNotPrepared;
    JET_ERR err = esent_trx_begin(c->s, 1);   /* long values written here are undone with the level */
    if (err < 0)
        return err;
    err = esent_recbuf_set_column(c->rb, columnid, pv, cb, grbit, psetinfo);
    return esent_trx_end_internal(c->s, err);
}

JET_ERR esent_update_set_columns(esent_cursor *c, JET_SETCOLUMN *rg, uint32_t n)
{
    if (c->prep == JET_prepCancel)
        return JET_errUpdateNotPrepared;
    JET_ERR err = esent_trx_begin(c->s, 1);
    if (err < 0)
        return err;
    err = esent_recbuf_set_columns(c->rb, rg, n);
    return esent_trx_end_internal(c->s, err);
}

typedef struct idx_op {
    esent_cursor *c;
    const esent_schema_index *x;
    const uint8_t *bm;
    uint32_t cb_bm;
    int insert;
} idx_op;

static JET_ERR idx_apply(void *ctx, const uint8_t *key, uint32_t cb_key)
{
    idx_op *o = (idx_op *)ctx;
    JET_ERR err = o->insert
                      ? esent_trx_insert(o->c->s, o->c->tdb->db, o->x->objid, o->x->pgno_fdp, key, cb_key, o->bm, o->cb_bm)
                      : esent_trx_delete(o->c->s, o->c->tdb->db, o->x->objid, o->x->pgno_fdp, key, cb_key, o->bm,
                                         o->cb_bm);
    /* Two values of a multi-valued column with the same key give one entry. */
    if (o->insert && err == JET_errKeyDuplicate && !(o->x->flags & ESENT_IDB_UNIQUE))
        err = JET_errSuccess;
    if (!o->insert && err == JET_errRecordNotFound)
        err = JET_errSuccess;
    return err;
}

/* Adds (insert = 1) or removes the secondary index entries of a record. */
static JET_ERR index_entries(esent_cursor *c, const uint8_t *rec, uint32_t cb_rec, const uint8_t *bm,
                             uint32_t cb_bm, int insert)
{
    for (uint32_t i = 0; i < c->t->cindexes; i++) {
        const esent_schema_index *x = &c->t->indexes[i];
        if (x == c->t->primary)
            continue;
        idx_op o = { c, x, bm, cb_bm, insert };
        JET_ERR err = esent_idxkey_foreach(c->t, x, rec, cb_rec, esent_lvstore_read_prefix, c, idx_apply, &o);
        if (err < 0)
            return err;
    }
    return JET_errSuccess;
}

/* The index keys of one record for one index (entries: u32 length, then the key). */
typedef struct keyset {
    uint8_t *buf;
    size_t used, size;
} keyset;

static JET_ERR keyset_add(void *ctx, const uint8_t *key, uint32_t cb_key)
{
    keyset *k = (keyset *)ctx;
    size_t need = k->used + 4u + cb_key;
    if (need > k->size) {
        size_t size = k->size ? k->size * 2u : 256u;
        while (size < need)
            size *= 2u;
        uint8_t *b = (uint8_t *)realloc(k->buf, size);
        if (b == NULL)
            return JET_errOutOfMemory;
        k->buf = b;
        k->size = size;
    }
    memcpy(k->buf + k->used, &cb_key, 4u);
    memcpy(k->buf + k->used + 4u, key, cb_key);
    k->used = need;
    return JET_errSuccess;
}

static int keyset_has(const keyset *k, const uint8_t *key, uint32_t cb_key)
{
    for (size_t at = 0; at < k->used;) {
        uint32_t cb;
        memcpy(&cb, k->buf + at, 4u);
        if (cb == cb_key && memcmp(k->buf + at + 4u, key, cb) == 0)
            return 1;
        at += 4u + cb;
    }
    return 0;
}

/* Applies o (insert or delete) to every key of from that to lacks. */
static JET_ERR keyset_apply_missing(const keyset *from, const keyset *to, idx_op *o)
{
    for (size_t at = 0; at < from->used;) {
        uint32_t cb;
        memcpy(&cb, from->buf + at, 4u);
        const uint8_t *key = from->buf + at + 4u;
        if (!keyset_has(to, key, cb)) {
            JET_ERR err = idx_apply(o, key, cb);
            if (err < 0)
                return err;
        }
        at += 4u + cb;
    }
    return JET_errSuccess;
}

/* A record replaced: removes the index entries only the old image has and adds those only the new one
 * has (entries whose key did not change are left alone, so they do not conflict with other transactions). */
static JET_ERR index_entries_replace(esent_cursor *c, const uint8_t *old, uint32_t cb_old, const uint8_t *rec,
                                     uint32_t cb_rec, const uint8_t *bm, uint32_t cb_bm)
{
    JET_ERR err = JET_errSuccess;
    keyset ko = { 0 }, kn = { 0 };
    for (uint32_t i = 0; i < c->t->cindexes && err >= 0; i++) {
        const esent_schema_index *x = &c->t->indexes[i];
        if (x == c->t->primary)
            continue;
        ko.used = kn.used = 0;
        idx_op del = { c, x, bm, cb_bm, 0 }, ins = { c, x, bm, cb_bm, 1 };
        err = esent_idxkey_foreach(c->t, x, old, cb_old, esent_lvstore_read_prefix, c, keyset_add, &ko);
        if (err >= 0)
            err = esent_idxkey_foreach(c->t, x, rec, cb_rec, esent_lvstore_read_prefix, c, keyset_add, &kn);
        if (err >= 0)
            err = keyset_apply_missing(&ko, &kn, &del);
        if (err >= 0)
            err = keyset_apply_missing(&kn, &ko, &ins);
    }
    free(ko.buf);
    free(kn.buf);
    return err;
}

/* JetEscrowUpdate's change, carried to write_buffer. */
typedef struct escrow_op {
    JET_COLUMNID columnid;
    int64_t delta;
    uint32_t cb;            /* 4 or 8 */
    int no_rollback;        /* JET_bitEscrowNoRollback */
} escrow_op;

/* The primary key of a new record. */
static JET_ERR new_record_key(esent_cursor *c, const uint8_t *rec, uint32_t cb_rec, uint8_t *key, uint32_t *pcb)
{
    if (c->t->primary == NULL) {
        uint32_t dbk;
        JET_ERR err = dbk_next(c, &dbk);
        if (err < 0)
            return err;
        esent_key_sequential(dbk, key);
        *pcb = ESENT_KEY_SEQUENTIAL_SIZE;
        return JET_errSuccess;
    }
    return esent_idxkey_primary(c->t, rec, cb_rec, esent_lvstore_read_prefix, c, key, pcb);
}

/* Stores an escrow update's record: the delta is kept as such (other transactions' deltas on the same
 * record do not conflict with it), at the column's place in the new record. */
static JET_ERR write_escrow(esent_cursor *c, const escrow_op *esc, const uint8_t *rec, uint32_t cb_rec,
                           const uint8_t *key, uint32_t cb_key)
{
    esent_rec r;
    esent_rec_value v = { 0 };
    JET_ERR err = esent_rec_parse(rec, cb_rec, &c->td.layout, &r);
    if (err < 0)
        return err;
    if (!esent_rec_get_fixed(&r, esc->columnid & 0xFFFFu, &v) || v.pb == NULL || v.cb != esc->cb)
        return JET_errInvalidColumnType;   /* escrow columns are fixed Long / LongLong columns */
    return esent_trx_escrow(c->s, c->tdb->db, c->t->objid, c->t->pgno_fdp, key, cb_key, rec, cb_rec,
                            (uint32_t)(v.pb - rec), esc->cb, esc->delta, esc->no_rollback);
}

/* Writes the buffer: insert or replace of the primary entry and the index entries. rec: cb_page bytes of
 * scratch for the encoded record. */
static JET_ERR write_buffer(esent_cursor *c, uint32_t prep, const escrow_op *esc, uint8_t *rec, uint8_t *key,
                            uint32_t *pcb_key)
{
    uint32_t cb_page = esent_pagefile_page_size(c->tdb->pf);
    uint8_t *old = NULL;
    size_t cb_rec = 0;
    JET_ERR err = esent_recbuf_check_update(c->rb);
    if (err >= 0)
        err = esent_recbuf_encode(c->rb, rec, cb_page, &cb_rec);
    if (err >= 0 && is_insert(prep)) {
        if ((err = new_record_key(c, rec, (uint32_t)cb_rec, key, pcb_key)) >= 0)
            err = esent_trx_insert(c->s, c->tdb->db, c->t->objid, c->t->pgno_fdp, key, *pcb_key, rec,
                                   (uint32_t)cb_rec);
        if (err >= 0)
            err = index_entries(c, rec, (uint32_t)cb_rec, key, *pcb_key, 1);
    } else if (err >= 0) {
        /* Replace: the record keeps its primary key. Its latest image is replaced: the one this
         * transaction sees unless another's escrow deltas are pending (any other change conflicts). */
        uint32_t cb_old = 0;
        memcpy(key, c->prep_bookmark, c->cb_prep_bookmark);
        *pcb_key = c->cb_prep_bookmark;
        if (esc == NULL)
            err = esent_trx_check_write(c->s, c->tdb->db, c->t->pgno_fdp, key, *pcb_key);
        if (err >= 0)
            err = esent_trx_read_latest(c->tdb->db, c->t->objid, c->t->pgno_fdp, key, *pcb_key, &old, &cb_old);
        if (err == JET_errRecordNotFound)
            err = JET_errRecordDeleted;
        if (err >= 0 && c->t->primary != NULL) {
            uint8_t nk[ESENT_KEY_MOST_MOST];
            uint32_t cb_nk = 0;
            err = esent_idxkey_primary(c->t, rec, (uint32_t)cb_rec, esent_lvstore_read_prefix, c, nk, &cb_nk);
            if (err >= 0 && esent_key_compare(nk, cb_nk, key, *pcb_key) != 0)
                err = JET_errRecordPrimaryChanged;
        }
        if (err >= 0)
            err = index_entries_replace(c, old, cb_old, rec, (uint32_t)cb_rec, key, *pcb_key);
        if (err >= 0 && esc != NULL)
            err = write_escrow(c, esc, rec, (uint32_t)cb_rec, key, *pcb_key);
        else if (err >= 0)
            err = esent_trx_replace(c->s, c->tdb->db, c->t->objid, c->t->pgno_fdp, key, *pcb_key, rec,
                                    (uint32_t)cb_rec, old, cb_old);
    }
    if (err >= 0)
        err = esent_recbuf_finish(c->rb);
    free(old);
    return err;
}

static JET_ERR commit_update(esent_cursor *c, const escrow_op *esc, void *pv_bookmark, uint32_t cb_bookmark,
                             uint32_t *pcb_actual)
{
    if (c->prep == JET_prepCancel)
        return JET_errUpdateNotPrepared;
    uint32_t cb_page = esent_pagefile_page_size(c->tdb->pf), cb_key = 0;
    /* the cursor's scratch: the encoded record, then the key (one update at a time per cursor) */
    if (c->upd_scratch == NULL && (c->upd_scratch = (uint8_t *)malloc(2 * (size_t)cb_page)) == NULL)
        return JET_errOutOfMemory;
    uint8_t *rec = c->upd_scratch, *key = c->upd_scratch + cb_page;
    uint32_t prep = c->prep;
    JET_ERR err = esent_trx_begin(c->s, 1);
    if (err >= 0) {
        err = write_buffer(c, prep, esc, rec, key, &cb_key);
        if (err >= 0 && prep == JET_prepInsertCopyDeleteOriginal)
            err = esent_update_delete(c);
        err = esent_trx_end_internal(c->s, err);
    }
    if (err >= 0) {
        cancel(c);
        c->rec_valid = 0;
        if (pcb_actual != NULL)
            *pcb_actual = cb_key;
        if (pv_bookmark != NULL && cb_bookmark > 0)
            memcpy(pv_bookmark, key, cb_bookmark < cb_key ? cb_bookmark : cb_key);
        if (pv_bookmark != NULL && cb_bookmark < cb_key)
            err = JET_errBufferTooSmall;
    }
    return err;
}

JET_ERR esent_update_commit(esent_cursor *c, void *pv_bookmark, uint32_t cb_bookmark, uint32_t *pcb_actual)
{
    return commit_update(c, NULL, pv_bookmark, cb_bookmark, pcb_actual);
}

/* Releases the separated long values a record holds. */
static JET_ERR release_lvs(esent_cursor *c, const uint8_t *rec, uint32_t cb_rec)
{
    esent_rec r;
    JET_ERR err = esent_rec_parse(rec, cb_rec, &c->td.layout, &r);
    if (err < 0)
        return err;
    for (uint32_t i = 0; i < r.ctagfld; i++) {
        esent_rec_tagged tag;
        esent_rec_tagged_at(&r, i, &tag);
        for (uint32_t k = 1; k <= tag.cvalues; k++) {
            esent_rec_value v;
            if (!esent_rec_tagged_value(&tag, k, &v))
                return JET_errDatabaseCorrupted;
            if ((v.flags & ESENT_RECV_SEPARATED) && (err = c->lvs.release(c->lvs.ctx, v.lid)) < 0)
                return err;
        }
    }
    return JET_errSuccess;
}

JET_ERR esent_update_delete(esent_cursor *c)
{
    JET_ERR err = writable(c);
    if (err < 0)
        return err;
    if (c->prep != JET_prepCancel && c->prep != JET_prepInsertCopyDeleteOriginal)
        return JET_errAlreadyPrepared;
    const uint8_t *rec;
    uint32_t cb_rec;
    if ((err = esent_nav_record(c, &rec, &cb_rec)) < 0)
        return err;
    uint8_t *copy = (uint8_t *)malloc(cb_rec ? cb_rec : 1u);
    if (copy == NULL)
        return JET_errOutOfMemory;
    memcpy(copy, rec, cb_rec);
    if ((err = esent_trx_begin(c->s, 1)) >= 0) {
        err = esent_trx_check_write(c->s, c->tdb->db, c->t->pgno_fdp, c->bookmark, c->cb_bookmark);
        if (err >= 0)
            err = index_entries(c, copy, cb_rec, c->bookmark, c->cb_bookmark, 0);
        if (err >= 0)
            err = release_lvs(c, copy, cb_rec);
        if (err >= 0)
            err = esent_trx_delete(c->s, c->tdb->db, c->t->objid, c->t->pgno_fdp, c->bookmark, c->cb_bookmark, copy,
                                   cb_rec);
        err = esent_trx_end_internal(c->s, err);
    }
    free(copy);
    if (err >= 0)
        esent_nav_mark_deleted(c);
    return err;
}

JET_ERR esent_update_escrow(esent_cursor *c, JET_COLUMNID columnid, const void *pv, uint32_t cb, void *pv_old,
                            uint32_t cb_old_max, uint32_t *pcb_old_actual, JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)JET_bitEscrowNoRollback)
        return JET_errInvalidGrbit;
    JET_ERR err = writable(c);
    if (err < 0)
        return err;
    if (c->prep != JET_prepCancel)
        return JET_errAlreadyPrepared;
    const uint8_t *rec;
    uint32_t cb_rec;
    if ((err = esent_nav_record(c, &rec, &cb_rec)) < 0)
        return err;
    /* The delta applies to the latest image, with other transactions' pending deltas. */
    uint8_t *latest = NULL;
    if ((err = esent_trx_read_latest(c->tdb->db, c->t->objid, c->t->pgno_fdp, c->bookmark, c->cb_bookmark, &latest,
                                     &cb_rec)) < 0)
        return err == JET_errRecordNotFound ? JET_errRecordDeleted : err;
    err = esent_recbuf_create(&c->td, &c->lvs, ESENT_PREP_ESCROW, latest, cb_rec, &c->rb);
    free(latest);
    if (err < 0)
        return err;
    memcpy(c->prep_bookmark, c->bookmark, c->cb_bookmark);
    c->cb_prep_bookmark = c->cb_bookmark;
    c->prep = ESENT_PREP_ESCROW;
    err = esent_recbuf_escrow_add(c->rb, columnid, pv, cb, pv_old, cb_old_max, pcb_old_actual);
    if (err >= 0) {
        escrow_op esc = { columnid, 0, cb, (grbit & JET_bitEscrowNoRollback) != 0 };
        if (cb == 4) {
            int32_t d;
            memcpy(&d, pv, 4);
            esc.delta = d;
        } else {
            memcpy(&esc.delta, pv, 8);
        }
        err = commit_update(c, &esc, NULL, 0, NULL);
    }
    if (c->prep != JET_prepCancel)
        cancel(c);
    return err;
}

JET_ERR esent_update_get_lock(esent_cursor *c, JET_GRBIT grbit)
{
    if (grbit != JET_bitReadLock && grbit != JET_bitWriteLock)
        return JET_errInvalidGrbit;
    if (grbit == JET_bitWriteLock && c->read_only)
        return JET_errPermissionDenied;
    if (esent_trx_level(c->s) == 0)
        return JET_errNotInTransaction;
    const uint8_t *rec;
    uint32_t cb;
    JET_ERR err = esent_nav_record(c, &rec, &cb);
    if (err < 0)
        return err;
    return esent_trx_lock(c->s, c->tdb->db, c->t->pgno_fdp, c->bookmark, c->cb_bookmark, grbit == JET_bitWriteLock);
}

JET_ERR esent_update_view(esent_cursor *c, int need_record, esent_recview *v)
{
    memset(v, 0, sizeof *v);
    if (!c->td_ok)
        return JET_errInvalidColumnType;
    v->td = &c->td;
    v->lv = &c->lvs;
    v->copy = c->rb;
    if (need_record || c->pos == ESENT_POS_ON_RECORD || c->pos == ESENT_POS_DELETED) {
        const uint8_t *rec;
        uint32_t cb;
        JET_ERR err = esent_nav_record(c, &rec, &cb);
        if (err < 0 && (need_record || err != JET_errNoCurrentRecord))
            return err;
        if (err >= 0) {
            v->rec = rec;
            v->cb_rec = cb;
        }
    }
    return JET_errSuccess;
}
