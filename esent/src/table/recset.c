/* JetSetColumn(s) on the update buffer: NULL and zero-length values, fixed-size types, lengths,
 * multi-value sequencing and uniqueness, long values (append/overwrite/size, intrinsic or separated).
 * Every change goes through apply_change, which keeps the record within cb_record_max or leaves the
 * buffer as it was. */
#include "table/recint.h"
#include "format/key.h"

#include <stdlib.h>
#include <string.h>

#ifndef JET_bitSetContiguousLV
#define JET_bitSetContiguousLV 0x00040000u   /* JET_VERSION >= 0x0A01; accepted, no effect here */
#endif

#define SET_LV_OPS  (JET_bitSetAppendLV | JET_bitSetOverwriteLV | JET_bitSetSizeLV)
#define SET_UNIQUE  (JET_bitSetUniqueMultiValues | JET_bitSetUniqueNormalizedMultiValues)
#define SET_KNOWN   (SET_LV_OPS | SET_UNIQUE | JET_bitSetZeroLength | JET_bitSetSeparateLV \
                     | JET_bitSetRevertToDefaultValue | JET_bitSetIntrinsicLV | JET_bitSetUncompressed \
                     | JET_bitSetCompressed | JET_bitSetContiguousLV)
#define NORM_READ_MOST  4096u   /* bytes of a value enough for any normalized key (cbKeyMost 255) */

static int is_insert(uint32_t prep)
{
    return prep == JET_prepInsert || prep == JET_prepInsertCopy || prep == JET_prepInsertCopyDeleteOriginal
        || prep == JET_prepInsertCopyReplaceOriginal;
}

static uint32_t values_of(const rb_col *c)
{
    return c->state == RB_VALUES ? c->n : 0;
}

/* ------------------------------------------------------------------ applying a change */

/* Column ci becomes state with the instances arr[0..n) (arr: cap entries, malloc'ed, handed over).
 * inew: index in arr of the instance this change created, -1 for none; victim: the instance of the
 * current array the change removes, or NULL. The record is fitted; on failure the column is as before,
 * the new instance dropped and arr freed. */
static JET_ERR apply_change(esent_recbuf *buf, uint32_t ci, uint32_t state, rb_inst *arr, uint32_t n, uint32_t cap,
                            int32_t inew, rb_inst *victim)
{
    rb_col *c = &buf->cols[ci];
    rb_col saved = *c;
    c->state = state;
    c->inst = arr;
    c->n = n;
    c->cap = cap;
    JET_ERR err = recx_fit(buf);
    if (err < 0) {
        if (inew >= 0)
            recx_inst_drop(buf, &arr[inew]);
        free(arr);
        *c = saved;
        return err;
    }
    if (victim != NULL)
        recx_inst_drop(buf, victim);
    free(saved.inst);
    return JET_errSuccess;
}

/* A copy of column c's instances with room for `extra` more. */
static rb_inst *copy_insts(const rb_col *c, uint32_t extra, uint32_t *pcap)
{
    uint32_t n = values_of(c), cap = n + extra ? n + extra : 1;
    rb_inst *arr = malloc((size_t)cap * sizeof *arr);
    if (arr != NULL && n > 0)
        memcpy(arr, c->inst, (size_t)n * sizeof *arr);
    *pcap = cap;
    return arr;
}

/* Stores *in (handed over) as instance itag of column ci: replaces an existing instance, or appends
 * for itag 0 / past the end (fixed and variable columns: the one value). */
static JET_ERR put_inst(esent_recbuf *buf, uint32_t ci, uint32_t itag, rb_inst *in)
{
    rb_col *c = &buf->cols[ci];
    uint32_t n = values_of(c), cap;
    rb_inst *arr = copy_insts(c, 1, &cap);
    if (arr == NULL) {
        recx_inst_drop(buf, in);
        return JET_errOutOfMemory;
    }
    uint32_t k = recx_is_tagged(&buf->td->cols[ci]) ? (itag == 0 || itag > n ? n : itag - 1) : 0;
    rb_inst *victim = k < n ? &c->inst[k] : NULL;
    arr[k] = *in;
    return apply_change(buf, ci, RB_VALUES, arr, k < n ? n : n + 1, cap, (int32_t)k, victim);
}

/* NULL at itag: a fixed/variable column becomes NULL; a tagged column loses that instance (the
 * default applies again when the last one goes, unless the column has a default: then an explicit
 * NULL keeps it NULL). Setting NULL where there is no instance is a no-op, except that itag 1 on an
 * absent column with a default stores the explicit NULL. */
static JET_ERR set_null(esent_recbuf *buf, uint32_t ci, uint32_t itag)
{
    const esent_coldef *cd = &buf->td->cols[ci];
    rb_col *c = &buf->cols[ci];
    uint32_t n = values_of(c), cap;
    int tagged = recx_is_tagged(cd), def = recx_has_default(cd);
    uint32_t state;
    rb_inst *victim = NULL;
    if (!tagged) {
        state = RB_NULL;
        victim = n ? &c->inst[0] : NULL;
    } else if (itag >= 1 && itag <= n) {
        victim = &c->inst[itag - 1];
        state = n > 1 ? RB_VALUES : (def ? RB_NULL : RB_ABSENT);
    } else if (n == 0 && itag <= 1 && c->state == RB_ABSENT && def) {
        state = RB_NULL;
    } else {
        return JET_errSuccess;
    }
    if (state != RB_VALUES && (cd->ffield & ESENT_FFIELD_NOT_NULL))
        return JET_errNullInvalid;
    rb_inst *arr = copy_insts(c, 0, &cap);
    if (arr == NULL)
        return JET_errOutOfMemory;
    if (victim != NULL && tagged) {
        uint32_t k = itag - 1;
        memmove(&arr[k], &arr[k + 1], (size_t)(n - k - 1) * sizeof *arr);
    }
    return apply_change(buf, ci, state, arr, state == RB_VALUES ? n - 1 : 0, cap, -1, victim);
}

/* JET_bitSetRevertToDefaultValue. */
static JET_ERR set_default(esent_recbuf *buf, uint32_t ci)
{
    const esent_coldef *cd = &buf->td->cols[ci];
    rb_col *c = &buf->cols[ci];
    if (recx_is_tagged(cd)) {
        if (!recx_has_default(cd) && (cd->ffield & ESENT_FFIELD_NOT_NULL))
            return JET_errNullInvalid;
        for (uint32_t k = 0; k < c->n; k++)   /* the record only shrinks: nothing to fit */
            recx_inst_drop(buf, &c->inst[k]);
        c->n = 0;
        c->state = RB_ABSENT;
        return JET_errSuccess;
    }
    if (!recx_has_default(cd))
        return set_null(buf, ci, 1);
    rb_inst in = { 0 };
    in.cb = cd->cb_default;
    in.pb = malloc(in.cb);
    if (in.pb == NULL)
        return JET_errOutOfMemory;
    memcpy(in.pb, cd->default_value, in.cb);
    return put_inst(buf, ci, 1, &in);
}

/* ------------------------------------------------------------------ reading instances */

/* Size of an instance's value. */
static JET_ERR inst_size(const esent_recbuf *buf, const rb_inst *in, uint32_t *pcb)
{
    if (!(in->flags & ESENT_RECV_SEPARATED))
        return recx_intrinsic_size(in->pb, in->cb, in->flags, pcb);
    uint32_t got;
    if (buf->lv == NULL || buf->lv->read == NULL)
        return JET_errLVCorrupted;
    return buf->lv->read(buf->lv->ctx, in->lid, 0, NULL, 0, &got, pcb);
}

/* Bytes [ib, ib + cb) of an instance's value (the caller keeps within its size). */
static JET_ERR inst_read(const esent_recbuf *buf, const rb_inst *in, uint32_t ib, void *dst, uint32_t cb)
{
    if (cb == 0)
        return JET_errSuccess;
    if (!(in->flags & ESENT_RECV_SEPARATED)) {
        uint8_t *tmp;
        const uint8_t *pb;
        uint32_t cbv;
        JET_ERR err = recx_intrinsic(in->pb, in->cb, in->flags, &tmp, &pb, &cbv);
        if (err >= 0 && (ib > cbv || cb > cbv - ib))
            err = JET_errLVCorrupted;
        if (err >= 0)
            memcpy(dst, pb + ib, cb);
        free(tmp);
        return err;
    }
    uint32_t got, total;
    if (buf->lv == NULL || buf->lv->read == NULL)
        return JET_errLVCorrupted;
    JET_ERR err = buf->lv->read(buf->lv->ctx, in->lid, ib, dst, cb, &got, &total);
    if (err < 0)
        return err;
    return got == cb ? JET_errSuccess : JET_errLVCorrupted;
}

/* ------------------------------------------------------------------ unique multi-values */

static JET_ERR normalize(const esent_coldef *cd, const uint8_t *pv, uint32_t cb, uint8_t *seg, uint32_t *pcb,
                         int *ptrunc)
{
    esent_key_column kc = { cd->coltyp, (uint16_t)cd->codepage, 0, 0, 0 };
    esent_key_index idx = { ESENT_KEY_MOST_OLD, 0, 0, NULL, 1, &kc };
    unsigned fseg = 0;
    JET_ERR err = esent_key_normalize_segment(&idx, &kc, pv, cb, 1, seg, ESENT_KEY_MOST_OLD, pcb, &fseg, NULL);
    *ptrunc = (fseg & ESENT_KEYSEG_TRUNCATED) != 0;
    return err;
}

/* JetSetColumn's unique options: the new value pv[0..cb) against every instance but skip (index,
 * or n for none). Raw: equal bytes; normalized: equal key segments (cbKeyMost 255; cp-1200 text by
 * format/key.h's default sort-key provider). */
static JET_ERR check_unique(const esent_recbuf *buf, uint32_t ci, uint32_t skip, const uint8_t *pv, uint32_t cb,
                            int normalized)
{
    const esent_coldef *cd = &buf->td->cols[ci];
    const rb_col *c = &buf->cols[ci];
    uint8_t seg_new[ESENT_KEY_MOST_OLD], seg[ESENT_KEY_MOST_OLD], chunk[NORM_READ_MOST];
    uint32_t cb_seg_new = 0, cb_seg;
    int trunc_new = 0, trunc;
    JET_ERR err;
    if (normalized) {
        err = normalize(cd, pv, cb < NORM_READ_MOST ? cb : NORM_READ_MOST, seg_new, &cb_seg_new, &trunc_new);
        if (err < 0)
            return err;
    }
    for (uint32_t k = 0; k < values_of(c); k++) {
        const rb_inst *in = &c->inst[k];
        uint32_t size;
        if (k == skip)
            continue;
        err = inst_size(buf, in, &size);
        if (err < 0)
            return err;
        if (!normalized) {
            if (size != cb)
                continue;
            uint32_t ib = 0, same = 1;
            while (ib < cb && same) {   /* compare in chunks: a separated value may be large */
                uint32_t n = cb - ib < sizeof chunk ? cb - ib : (uint32_t)sizeof chunk;
                err = inst_read(buf, in, ib, chunk, n);
                if (err < 0)
                    return err;
                same = memcmp(chunk, pv + ib, n) == 0;
                ib += n;
            }
            if (same)
                return JET_errMultiValuedDuplicate;
            continue;
        }
        uint32_t n = size < NORM_READ_MOST ? size : NORM_READ_MOST;
        err = inst_read(buf, in, 0, chunk, n);
        if (err < 0)
            return err;
        err = normalize(cd, chunk, n, seg, &cb_seg, &trunc);
        if (err < 0)
            return err;
        if (cb_seg == cb_seg_new && memcmp(seg, seg_new, cb_seg) == 0)
            return (trunc || trunc_new) ? JET_errMultiValuedDuplicateAfterTruncation : JET_errMultiValuedDuplicate;
    }
    return JET_errSuccess;
}

/* ------------------------------------------------------------------ ordinary values */

static JET_ERR set_plain(esent_recbuf *buf, uint32_t ci, const uint8_t *pv, uint32_t cb, JET_GRBIT grbit,
                         uint32_t itag)
{
    const esent_coldef *cd = &buf->td->cols[ci];
    const esent_rec_layout *l = &buf->td->layout;
    uint32_t fid = cd->columnid & 0xFFFFu;
    int fixed = fid <= ESENT_FID_FIXED_MOST, tagged = recx_is_tagged(cd);
    uint32_t natural = esent_coltyp_fixed_size(cd->coltyp);
    uint32_t size = fixed ? (uint32_t)(l->ibFixed[fid + 1] - l->ibFixed[fid]) : 0;
    int truncated = 0;
    JET_ERR err;
    if (pv == NULL || cb == 0) {
        if (!(grbit & JET_bitSetZeroLength) || fixed)
            return set_null(buf, ci, itag);
        cb = 0;   /* zero-length value, any type (a fixed-size type in a tagged column: length 0) */
    } else if (natural && cb != natural) {
        return JET_errInvalidBufferSize;
    } else if (!natural && fixed && cb > size) {
        return JET_errColumnTooBig;
    } else if (!natural && !fixed && cb > (cd->cbMax ? cd->cbMax : JET_cbColumnMost)) {
        cb = cd->cbMax ? cd->cbMax : JET_cbColumnMost;   /* variable/tagged Text/Binary: cut to cbMax */
        truncated = 1;
    }
    if (tagged && (grbit & SET_UNIQUE)) {
        uint32_t n = values_of(&buf->cols[ci]);
        err = check_unique(buf, ci, itag >= 1 && itag <= n ? itag - 1 : n, pv, cb,
                           (grbit & JET_bitSetUniqueNormalizedMultiValues) != 0);
        if (err < 0)
            return err;
    }
    rb_inst in = { 0 };
    in.cb = fixed ? size : cb;
    if (in.cb > 0) {
        in.pb = malloc(in.cb);
        if (in.pb == NULL)
            return JET_errOutOfMemory;
        memcpy(in.pb, pv, cb);
    }
    if (fixed && cb < size) {
        /* fixed Text/Binary: padded to the column size (Binary 0, Text spaces) */
        int text = cd->coltyp == JET_coltypText;
        for (uint32_t i = cb; i < size; i++)
            in.pb[i] = !text ? 0x00 : (cd->codepage == ESENT_CP_UNICODE && ((i - cb) & 1)) ? 0x00 : 0x20;
    }
    if (cd->coltyp == JET_coltypBit && in.cb == 1)
        in.pb[0] = in.pb[0] ? 0xFF : 0x00;
    err = put_inst(buf, ci, itag, &in);
    return err >= 0 && truncated ? JET_wrnColumnMaxTruncated : err;
}

/* ------------------------------------------------------------------ long values */

/* A long-value change, normalized: keep bytes [0, keep) of the old value, zeros up to new_size, the
 * data at ib (ib + cb <= new_size), final size new_size. */
typedef struct lvchange {
    uint32_t old_size, keep, ib, cb, new_size;
    const uint8_t *pv;
} lvchange;

/* Applies ch to an LV holding the old value (size ch->old_size). */
static JET_ERR lv_modify(const esent_lvstore *lv, uint64_t lid, const lvchange *ch)
{
    JET_ERR err;
    uint32_t cur = ch->old_size;
    if (ch->keep < cur) {
        err = lv->set_size(lv->ctx, lid, ch->keep);
        if (err < 0)
            return err;
        cur = ch->keep;
    }
    if (ch->cb > 0) {
        err = lv->write(lv->ctx, lid, ch->ib, ch->pv, ch->cb);
        if (err < 0)
            return err;
        if (ch->ib + ch->cb > cur)
            cur = ch->ib + ch->cb;
    }
    return cur != ch->new_size ? lv->set_size(lv->ctx, lid, ch->new_size) : JET_errSuccess;
}

/* The changed value as a new LV the buffer owns (*plid). old: the instance (NULL when none). */
static JET_ERR lv_build_separated(esent_recbuf *buf, const rb_inst *old, const lvchange *ch, uint64_t *plid)
{
    const esent_lvstore *lv = buf->lv;
    lvchange rest = *ch;
    JET_ERR err;
    if (ch->keep == 0 && ch->ib == 0 && ch->new_size == ch->cb)
        return lv->create(lv->ctx, ch->pv, ch->cb, plid);
    if (old == NULL || ch->keep == 0) {
        err = lv->create(lv->ctx, NULL, 0, plid);
        rest.old_size = rest.keep = 0;
    } else if (old->flags & ESENT_RECV_SEPARATED) {
        err = lv->copy(lv->ctx, old->lid, plid);   /* copy-on-write: the record still holds the original */
    } else {
        uint8_t *tmp;
        const uint8_t *pb;
        uint32_t cb;
        err = recx_intrinsic(old->pb, old->cb, old->flags, &tmp, &pb, &cb);   /* a compressed one uncompressed */
        if (err >= 0)
            err = lv->create(lv->ctx, pb, cb, plid);
        free(tmp);
    }
    if (err < 0)
        return err;
    err = lv_modify(lv, *plid, &rest);
    if (err < 0 && lv->release != NULL)
        (void)lv->release(lv->ctx, *plid);
    return err;
}

/* The changed value as intrinsic bytes (in->pb, in->cb). */
static JET_ERR lv_build_intrinsic(const esent_recbuf *buf, const rb_inst *old, const lvchange *ch, rb_inst *in)
{
    memset(in, 0, sizeof *in);
    in->cb = ch->new_size;
    if (in->cb == 0)
        return JET_errSuccess;
    in->pb = malloc(in->cb);
    if (in->pb == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = old != NULL ? inst_read(buf, old, 0, in->pb, ch->keep) : JET_errSuccess;
    if (err < 0) {
        free(in->pb);
        in->pb = NULL;
        return err;
    }
    memset(in->pb + ch->keep, 0, in->cb - ch->keep);
    if (ch->cb > 0)
        memcpy(in->pb + ch->ib, ch->pv, ch->cb);
    return JET_errSuccess;
}

static JET_ERR set_long(esent_recbuf *buf, uint32_t ci, const uint8_t *pv, uint32_t cb, JET_GRBIT grbit,
                        uint32_t itag, uint32_t ib)
{
    const esent_tabledef *td = buf->td;
    const esent_coldef *cd = &td->cols[ci];
    rb_col *c = &buf->cols[ci];
    const esent_lvstore *lv = buf->lv;
    uint32_t n = values_of(c), ops = grbit & SET_LV_OPS;
    rb_inst *old = itag >= 1 && itag <= n ? &c->inst[itag - 1] : NULL;
    int zero = (grbit & JET_bitSetZeroLength) != 0, full_replace;
    uint64_t new_size, end;
    lvchange ch = { 0 };
    JET_ERR err;

    if (ops != JET_bitSetSizeLV && pv == NULL)
        cb = 0;
    if (old != NULL) {
        err = inst_size(buf, old, &ch.old_size);
        if (err < 0)
            return err;
    }
    if (ops == JET_bitSetSizeLV) {
        /* the size is cbData; pv is not read */
        new_size = cb;
        ch.keep = ch.old_size < cb ? ch.old_size : cb;
        cb = 0;
    } else {
        if (ops & JET_bitSetAppendLV)
            ib = ch.old_size;
        if (ib > ch.old_size)
            return JET_errColumnNoChunk;
        end = (uint64_t)ib + cb;
        if (ops == 0)
            new_size = end;
        else if (ops & JET_bitSetSizeLV)
            new_size = end;
        else
            new_size = end > ch.old_size ? end : ch.old_size;
        ch.keep = ops == 0 ? ib : (uint32_t)(new_size < ch.old_size ? new_size : ch.old_size);
    }
    if (new_size == 0 && !zero && (ops == 0 || ops == JET_bitSetSizeLV))
        return set_null(buf, ci, itag);
    if (old == NULL && new_size == 0 && !zero)
        return JET_errSuccess;   /* nothing appended or written to a value that does not exist */
    if (old != NULL && cb == 0 && new_size == ch.old_size && ch.keep == ch.old_size)
        return JET_errSuccess;   /* no change */
    if (new_size > JET_cbLVColumnMost || (cd->cbMax && new_size > cd->cbMax))
        return JET_errColumnTooBig;
    if ((grbit & JET_bitSetIntrinsicLV) && new_size > ESENT_LV_FORCE_INTRINSIC_MOST)
        return JET_errColumnTooBig;
    if (grbit & SET_UNIQUE) {
        if (ib != 0)
            return JET_errInvalidGrbit;   /* the unique options compare whole values */
        err = check_unique(buf, ci, old != NULL ? itag - 1 : n, pv, cb,
                           (grbit & JET_bitSetUniqueNormalizedMultiValues) != 0);
        if (err < 0)
            return err;
    }
    ch.ib = ib;
    ch.cb = cb;
    ch.pv = pv;
    ch.new_size = (uint32_t)new_size;
    full_replace = ch.keep == 0;

    int separate;
    if (grbit & JET_bitSetIntrinsicLV)
        separate = 0;
    else if ((grbit & JET_bitSetSeparateLV) && new_size >= ESENT_LV_SEPARATE_MIN)
        separate = 1;
    else if (old != NULL && (old->flags & ESENT_RECV_SEPARATED) && !full_replace)
        separate = 1;
    else
        separate = new_size > td->cb_lv_intrinsic_max;
    if (separate && (lv == NULL || lv->create == NULL || lv->copy == NULL || lv->write == NULL || lv->set_size == NULL))
        separate = 0;   /* no store: the value must fit the record */
    if (!separate && new_size > td->cb_record_max)
        return JET_errRecordTooBig;

    rb_inst in;
    if (separate && old != NULL && (old->flags & ESENT_RECV_SEPARATED) && old->owned && !full_replace)
        return lv_modify(lv, old->lid, &ch);   /* the buffer's own LV: changed in place, the record is not */
    if (separate) {
        memset(&in, 0, sizeof in);
        in.flags = ESENT_RECV_SEPARATED;
        in.owned = 1;
        err = lv_build_separated(buf, old, &ch, &in.lid);
    } else {
        err = lv_build_intrinsic(buf, old, &ch, &in);
        in.force_intrinsic = (grbit & JET_bitSetIntrinsicLV) != 0;
    }
    if (err < 0)
        return err;
    return put_inst(buf, ci, itag, &in);
}

/* ------------------------------------------------------------------ JetSetColumn(s) */

JET_ERR esent_recbuf_set_column(esent_recbuf *buf, JET_COLUMNID columnid, const void *pv, uint32_t cb,
                                JET_GRBIT grbit, const JET_SETINFO *psetinfo)
{
    JET_ERR err;
    if (buf == NULL)
        return JET_errInvalidParameter;
    if ((grbit & ~(JET_GRBIT)SET_KNOWN) || ((grbit & SET_UNIQUE) && (grbit & SET_LV_OPS)))
        return JET_errInvalidGrbit;
    if (psetinfo != NULL && psetinfo->cbStruct < sizeof(JET_SETINFO))
        return JET_errInvalidParameter;
    uint32_t itag = psetinfo != NULL ? psetinfo->itagSequence : 1;
    uint32_t ib = psetinfo != NULL ? psetinfo->ibLongValue : 0;
    int32_t ci = recx_find(buf->td, columnid, &err);
    if (ci < 0)
        return err;
    const esent_coldef *cd = &buf->td->cols[ci];
    if (cd->ffield & ESENT_FFIELD_AUTOINCREMENT)
        return JET_errInvalidColumnType;
    if ((cd->ffield & (ESENT_FFIELD_VERSION | ESENT_FFIELD_ESCROW_UPDATE)) && !is_insert(buf->prep))
        return JET_errInvalidColumnType;
    if (buf->prep == JET_prepInsertCopyDeleteOriginal && recx_is_long(cd))
        return JET_errColumnNotUpdatable;
    if (grbit & JET_bitSetRevertToDefaultValue)
        return set_default(buf, (uint32_t)ci);
    if (!recx_is_tagged(cd)) {
        if (itag > 1)
            return JET_errBadItagSequence;
        itag = 1;
    }
    if (recx_is_long(cd))
        return set_long(buf, (uint32_t)ci, pv, cb, grbit, itag, ib);
    return set_plain(buf, (uint32_t)ci, pv, cb, grbit, itag);
}

/* Warnings (JET_wrnColumnMaxTruncated) stay in the elements; the call returns JET_errSuccess. */
JET_ERR esent_recbuf_set_columns(esent_recbuf *buf, JET_SETCOLUMN *rg, uint32_t c)
{
    if (buf == NULL || (rg == NULL && c > 0))
        return JET_errInvalidParameter;
    for (uint32_t i = 0; i < c; i++) {
        JET_SETINFO si = { sizeof si, rg[i].ibLongValue, rg[i].itagSequence };
        rg[i].err = esent_recbuf_set_column(buf, rg[i].columnid, rg[i].pvData, rg[i].cbData, rg[i].grbit, &si);
        if (rg[i].err < 0)
            return rg[i].err;
    }
    return JET_errSuccess;
}
