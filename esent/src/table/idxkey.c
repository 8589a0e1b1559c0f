#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "format/compress.h"
#include "format/record.h"
#include "table/idxkey.h"

#define IDB_NO_NULL_SEG 0x0010u

/* One key column's values in a record: a single value, or the instances of a tagged column. */
typedef struct colvals {
    const esent_schema_column *col;
    esent_rec_tagged tag;       /* tagged columns present in the record */
    int is_tagged;
    uint32_t count;             /* instances (>= 1; a NULL column counts as one NULL instance) */
    esent_rec_value single;     /* fixed/variable/default value, or the NULL value */
} colvals;

static void set_default_or_null(colvals *cv)
{
    memset(&cv->single, 0, sizeof cv->single);
    if (cv->col->default_value != NULL) {
        cv->single.pb = cv->col->default_value;
        cv->single.cb = cv->col->cb_default;
    } else {
        cv->single.flags = ESENT_RECV_NULL;
    }
    cv->count = 1;
}

static JET_ERR gather(const esent_rec *rec, const esent_schema_column *col, colvals *cv)
{
    memset(cv, 0, sizeof *cv);
    cv->col = col;
    uint32_t fid = col->columnid;
    if (fid <= ESENT_FID_VAR_MOST) {
        int stored = fid <= ESENT_FID_FIXED_MOST ? esent_rec_get_fixed(rec, fid, &cv->single)
                                                 : esent_rec_get_var(rec, fid, &cv->single);
        if (stored < 0)
            return stored;
        if (!stored)
            set_default_or_null(cv);
        cv->count = 1;
        return JET_errSuccess;
    }
    int i = esent_rec_find_tagged(rec, fid, 0);
    if (i < 0) {
        set_default_or_null(cv);
        return JET_errSuccess;
    }
    esent_rec_tagged_at(rec, (uint32_t)i, &cv->tag);
    if (cv->tag.cvalues == 0) {              /* explicit NULL entry */
        cv->single.flags = ESENT_RECV_NULL;
        cv->count = 1;
        return JET_errSuccess;
    }
    cv->is_tagged = 1;
    cv->count = cv->tag.cvalues;
    return JET_errSuccess;
}

/* Instance i (0-based) of a column's values. */
static JET_ERR value_at(const colvals *cv, uint32_t i, esent_rec_value *v)
{
    if (!cv->is_tagged) {
        *v = cv->single;
        return JET_errSuccess;
    }
    return esent_rec_tagged_value(&cv->tag, i + 1u, v) ? JET_errSuccess : JET_errDatabaseCorrupted;
}

typedef struct keyctx {
    const esent_schema_index *idx;
    esent_lv_read_fn lv_read;
    void *lv_ctx;
    uint8_t *lvbuf[JET_ccolKeyMost];    /* bytes read from separated values */
    uint8_t *plain[JET_ccolKeyMost];    /* compressed intrinsic values, decoded */
} keyctx;

/* A compressed intrinsic value, decoded into *pbuf (replacing what it held): key columns key on the
 * uncompressed value, as ESENT's do. */
static JET_ERR decode_value(const esent_rec_value *v, uint8_t **pbuf, esent_key_value *out)
{
    uint32_t size, got;
    JET_ERR err = esent_decompress_size(v->pb, v->cb, &size);
    if (err < 0)
        return err;
    free(*pbuf);
    if ((*pbuf = (uint8_t *)malloc(size ? size : 1u)) == NULL)
        return JET_errOutOfMemory;
    if ((err = esent_decompress(v->pb, v->cb, *pbuf, size, &got)) < 0)
        return err;
    out->pv = *pbuf;
    out->cb = got;
    return JET_errSuccess;
}

/* Makes the key of one combination of instances and hands it to fn unless the index leaves it out. */
static JET_ERR emit(keyctx *k, const colvals *cvs, const uint32_t *inst, esent_idxkey_fn fn, void *ctx)
{
    const esent_schema_index *idx = k->idx;
    esent_key_value vals[JET_ccolKeyMost];
    uint8_t key[ESENT_KEY_MOST_MOST];
    uint32_t cb_key = 0;
    unsigned state = 0;
    for (uint32_t i = 0; i < idx->csegs; i++) {
        esent_rec_value v;
        JET_ERR err = value_at(&cvs[i], inst[i], &v);
        if (err < 0)
            return err;
        vals[i].is_null = (v.flags & ESENT_RECV_NULL) != 0;
        vals[i].pv = v.pb;
        vals[i].cb = v.cb;
        if (!vals[i].is_null && (v.flags & ESENT_RECV_COMPRESSED) && !(v.flags & ESENT_RECV_SEPARATED)) {
            if ((err = decode_value(&v, &k->plain[i], &vals[i])) < 0)
                return err;
        } else if (!vals[i].is_null && (v.flags & ESENT_RECV_SEPARATED)) {
            uint32_t got = 0;
            if (k->lvbuf[i] == NULL && (k->lvbuf[i] = (uint8_t *)malloc(ESENT_KEY_MOST_MOST)) == NULL)
                return JET_errOutOfMemory;
            if (k->lv_read != NULL) {
                err = k->lv_read(k->lv_ctx, v.lid, k->lvbuf[i], ESENT_KEY_MOST_MOST, &got);
                if (err < 0)
                    return err;
            }
            vals[i].pv = k->lvbuf[i];
            vals[i].cb = got;
        }
    }
    JET_ERR err = esent_key_make_record_key(&idx->key, vals, key, &cb_key, &state);
    if (err < 0)
        return err;
    uint32_t idb = idx->flags & 0xFFFFu;
    if ((idb & IDB_NO_NULL_SEG) && (state & (ESENT_KEY_NULL_SEG | ESENT_KEY_NULL_FIRST | ESENT_KEY_NULL_ALL)))
        return JET_errNullKeyDisallowed;
    if (!esent_key_state_indexed(state, (idb & ESENT_IDB_ALLOW_ALL_NULLS) != 0,
                                 (idb & ESENT_IDB_ALLOW_FIRST_NULL) != 0, (idb & ESENT_IDB_ALLOW_SOME_NULLS) != 0))
        return JET_errSuccess;
    return fn(ctx, key, cb_key);
}

JET_ERR esent_idxkey_foreach(const esent_schema_table *t, const esent_schema_index *idx, const uint8_t *rec,
                             uint32_t cb_rec, esent_lv_read_fn lv_read, void *lv_ctx, esent_idxkey_fn fn, void *ctx)
{
    if (!idx->key_ok || !t->layout_ok)
        return JET_errIndexInvalidDef;
    esent_rec r;
    JET_ERR err = esent_rec_parse(rec, cb_rec, &t->layout, &r);
    if (err < 0)
        return err;
    colvals cvs[JET_ccolKeyMost];
    uint32_t inst[JET_ccolKeyMost] = { 0 };
    int mv = -1;        /* the first key column with several instances: one entry per instance */
    for (uint32_t i = 0; i < idx->csegs; i++) {
        const esent_schema_column *col = esent_schema_column_by_id(t, idx->segs[i].fid);
        if (col == NULL)
            return JET_errIndexInvalidDef;
        if ((err = gather(&r, col, &cvs[i])) < 0)
            return err;
        if (mv < 0 && cvs[i].count > 1)
            mv = (int)i;
    }
    keyctx k = { idx, lv_read, lv_ctx, { NULL }, { NULL } };
    uint32_t n = mv < 0 ? 1u : cvs[mv].count;
    for (uint32_t j = 0; j < n && err >= 0; j++) {
        if (mv >= 0)
            inst[mv] = j;
        err = emit(&k, cvs, inst, fn, ctx);
    }
    for (uint32_t i = 0; i < idx->csegs; i++) {   /* emit fills entries of key columns only */
        free(k.lvbuf[i]);
        free(k.plain[i]);
    }
    return err;
}

typedef struct primary_out {
    uint8_t *key;
    uint32_t *pcb;
    int got;
} primary_out;

static JET_ERR take_primary(void *ctx, const uint8_t *key, uint32_t cb_key)
{
    primary_out *o = (primary_out *)ctx;
    if (o->got)
        return JET_errSuccess;      /* primary keys use the first instance of a column */
    memcpy(o->key, key, cb_key);
    *o->pcb = cb_key;
    o->got = 1;
    return JET_errSuccess;
}

JET_ERR esent_idxkey_primary(const esent_schema_table *t, const uint8_t *rec, uint32_t cb_rec,
                             esent_lv_read_fn lv_read, void *lv_ctx, uint8_t *key, uint32_t *pcb_key)
{
    primary_out o = { key, pcb_key, 0 };
    if (t->primary == NULL)
        return JET_errInvalidParameter;
    JET_ERR err = esent_idxkey_foreach(t, t->primary, rec, cb_rec, lv_read, lv_ctx, take_primary, &o);
    if (err >= 0 && !o.got)
        err = JET_errNullKeyDisallowed;     /* a primary index keeps every record: nulls are allowed there */
    return err;
}
