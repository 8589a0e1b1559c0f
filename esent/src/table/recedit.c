/* Table definitions and the update buffer's life: creation from a record, encoding, fitting the
 * record into cb_record_max, LV reference hand-over, auto-increment, version and escrow columns.
 * JetSetColumn's rules are in recset.c, retrieval in recretrieve.c and recenum.c. */
#include "table/recint.h"
#include "format/bytes.h"

#include <stdlib.h>
#include <string.h>

#define COLUMNID_RESERVED 0x7FFF0000u   /* JET_COLUMNID bits that no column uses */
#define TAGFLD_BOUND      6u            /* a tagged column's TAGFLD entry (4) and header bytes (at most 2) */

/* ------------------------------------------------------------------ column classes */

static uint32_t fid_of(const esent_coldef *c)
{
    return c->columnid & 0xFFFFu;
}

int recx_is_tagged(const esent_coldef *c)
{
    return fid_of(c) >= ESENT_FID_TAGGED_FIRST;
}

int recx_is_long(const esent_coldef *c)
{
    return esent_coltyp_is_long(c->coltyp);
}

int recx_has_default(const esent_coldef *c)
{
    return c->cb_default > 0 && c->default_value != NULL && !(c->ffield & ESENT_FFIELD_USER_DEFINED_DEFAULT);
}

int32_t recx_find_fid(const esent_tabledef *td, uint32_t fid)
{
    if (fid <= ESENT_FID_VAR_MOST)
        return (int32_t)td->ci_by_fid[fid] - 1;
    uint32_t lo = 0, hi = td->ccols;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t f = fid_of(&td->cols[mid]);
        if (f == fid)
            return (int32_t)mid;
        if (f < fid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int32_t recx_find(const esent_tabledef *td, JET_COLUMNID columnid, JET_ERR *perr)
{
    uint32_t fid = columnid & 0xFFFFu;
    if ((columnid & COLUMNID_RESERVED) || fid == 0 || fid > ESENT_FID_TAGGED_MOST) {
        *perr = JET_errBadColumnId;
        return -1;
    }
    int32_t ci = recx_find_fid(td, fid);
    if (ci < 0 || ((td->cols[ci].columnid ^ columnid) & ESENT_COLUMNID_TEMPLATE)) {
        *perr = JET_errColumnNotFound;
        return -1;
    }
    *perr = JET_errSuccess;
    return ci;
}

/* ------------------------------------------------------------------ table definition */

static int coltyp_known(JET_COLTYP t)
{
    return t >= JET_coltypBit && t <= JET_coltypUnsignedLongLong && t != 13 /* SLV */;
}

/* Checks one column; *pcb_fixed = its size in the record for a fixed column. */
static JET_ERR check_coldef(const esent_coldef *c, uint32_t *pcb_fixed)
{
    uint32_t fid = fid_of(c), natural = esent_coltyp_fixed_size(c->coltyp);
    if (c->columnid & COLUMNID_RESERVED)
        return JET_errInvalidParameter;
    if (!coltyp_known(c->coltyp))
        return JET_errInvalidColumnType;
    if ((c->ffield & ESENT_FFIELD_MULTIVALUED) && fid < ESENT_FID_TAGGED_FIRST)
        return JET_errMultiValuedColumnMustBeTagged;
    if (recx_is_long(c) && fid < ESENT_FID_TAGGED_FIRST)
        return JET_errInvalidParameter;   /* ESENT stores every long-value column as tagged */
    *pcb_fixed = 0;
    if (fid <= ESENT_FID_FIXED_MOST) {
        uint32_t cb = c->cbMax ? c->cbMax : natural;
        if (cb == 0 || cb > JET_cbColumnMost || (natural && cb != natural))
            return JET_errInvalidParameter;
        *pcb_fixed = cb;
    }
    if ((c->ffield & ESENT_FFIELD_VERSION)
        && (c->coltyp != JET_coltypLong || fid >= ESENT_FID_TAGGED_FIRST))
        return JET_errInvalidParameter;
    if ((c->ffield & ESENT_FFIELD_AUTOINCREMENT)
        && ((c->coltyp != JET_coltypLong && c->coltyp != JET_coltypCurrency) || fid >= ESENT_FID_TAGGED_FIRST))
        return JET_errInvalidParameter;
    if ((c->ffield & ESENT_FFIELD_ESCROW_UPDATE)
        && ((c->coltyp != JET_coltypLong && c->coltyp != JET_coltypLongLong) || fid > ESENT_FID_FIXED_MOST))
        return JET_errInvalidParameter;
    if (c->cb_default > 0 && !(c->ffield & ESENT_FFIELD_USER_DEFINED_DEFAULT)) {
        if (c->default_value == NULL)
            return JET_errInvalidParameter;
        if (*pcb_fixed && c->cb_default != *pcb_fixed)
            return JET_errInvalidParameter;
        if (natural && c->cb_default != natural)
            return JET_errInvalidParameter;
        uint32_t most = c->cbMax ? c->cbMax : (recx_is_long(c) ? JET_cbLVColumnMost : JET_cbColumnMost);
        if (c->cb_default > most)
            return JET_errDefaultValueTooBig;
    }
    return JET_errSuccess;
}

JET_ERR esent_tabledef_init(esent_tabledef *td, const esent_coldef *cols, uint32_t ccols, uint32_t cb_page)
{
    JET_ERR err;
    if (td == NULL)
        return JET_errInvalidParameter;
    memset(td, 0, sizeof *td);
    td->iautoinc = td->iversion = -1;
    if ((cols == NULL && ccols > 0) || ccols > ESENT_FID_TAGGED_MOST || esent_lv_chunk_size(cb_page) == 0)
        return JET_errInvalidParameter;
    td->rec_cols = malloc((ccols ? ccols : 1) * sizeof *td->rec_cols);
    td->order = malloc((ccols ? ccols : 1) * sizeof *td->order);
    if (td->rec_cols == NULL || td->order == NULL) {
        err = JET_errOutOfMemory;
        goto fail;
    }
    for (uint32_t i = 0; i < ccols; i++) {
        const esent_coldef *c = &cols[i];
        uint32_t cb_fixed;
        err = check_coldef(c, &cb_fixed);
        if (err < 0)
            goto fail;
        if (c->ffield & (ESENT_FFIELD_AUTOINCREMENT | ESENT_FFIELD_VERSION)) {
            int32_t *slot = (c->ffield & ESENT_FFIELD_AUTOINCREMENT) ? &td->iautoinc : &td->iversion;
            if (*slot >= 0 || (c->ffield & ESENT_FFIELD_AUTOINCREMENT && c->ffield & ESENT_FFIELD_VERSION)) {
                err = JET_errColumnRedundant;
                goto fail;
            }
            *slot = (int32_t)i;
        }
        td->rec_cols[i].columnid = c->columnid;
        td->rec_cols[i].coltyp = c->coltyp;
        td->rec_cols[i].cbMax = cb_fixed ? cb_fixed : c->cbMax;
        td->rec_cols[i].ffield = c->ffield;
        if (fid_of(c) <= ESENT_FID_VAR_MOST && i < 255u)
            td->ci_by_fid[fid_of(c)] = (uint8_t)(i + 1u);
    }
    err = esent_rec_layout_init(&td->layout, td->rec_cols, ccols, cb_page);
    if (err < 0)
        goto fail;
    /* JET_COLUMNID order: the template bit is the highest, so template columns come last. */
    uint32_t k = 0;
    for (uint32_t pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < ccols; i++)
            if (((cols[i].columnid & ESENT_COLUMNID_TEMPLATE) != 0) == (pass == 1))
                td->order[k++] = i;
    td->cols = cols;
    td->ccols = ccols;
    td->cb_page = cb_page;
    td->cb_record_max = cb_page - ESENT_RECORD_PAGE_OVERHEAD;
    td->cb_lv_intrinsic_max = ESENT_LV_INTRINSIC_MOST;
    return JET_errSuccess;
fail:
    esent_tabledef_cleanup(td);
    return err;
}

void esent_tabledef_cleanup(esent_tabledef *td)
{
    if (td == NULL)
        return;
    free(td->rec_cols);
    free(td->order);
    memset(td, 0, sizeof *td);
    td->iautoinc = td->iversion = -1;
}

/* ------------------------------------------------------------------ buffer instances */

JET_ERR recx_reserve(rb_col *c, uint32_t n)
{
    if (n <= c->cap)
        return JET_errSuccess;
    uint32_t cap = c->cap ? c->cap : 2;
    while (cap < n)
        cap *= 2;
    rb_inst *p = realloc(c->inst, (size_t)cap * sizeof *p);
    if (p == NULL)
        return JET_errOutOfMemory;
    c->inst = p;
    c->cap = cap;
    return JET_errSuccess;
}

void recx_inst_drop(const esent_recbuf *buf, rb_inst *in)
{
    free(in->pb);
    if ((in->flags & ESENT_RECV_SEPARATED) && in->owned && buf->lv != NULL && buf->lv->release != NULL)
        (void)buf->lv->release(buf->lv->ctx, in->lid);   /* nothing else references it; a failure leaks it */
    memset(in, 0, sizeof *in);
}

/* Intrinsic instance holding a copy of pv[0..cb). */
static JET_ERR inst_from_bytes(rb_inst *in, const void *pv, uint32_t cb, uint32_t flags)
{
    memset(in, 0, sizeof *in);
    in->flags = flags;
    in->cb = cb;
    if (cb == 0)
        return JET_errSuccess;
    in->pb = malloc(cb);
    if (in->pb == NULL)
        return JET_errOutOfMemory;
    memcpy(in->pb, pv, cb);
    return JET_errSuccess;
}

/* Column becomes one intrinsic value pv[0..cb) (fixed/variable columns; the old value is dropped). */
static JET_ERR col_set_single(const esent_recbuf *buf, rb_col *c, const void *pv, uint32_t cb)
{
    rb_inst in;
    JET_ERR err = inst_from_bytes(&in, pv, cb, 0);
    if (err < 0)
        return err;
    err = recx_reserve(c, 1);
    if (err < 0) {
        free(in.pb);
        return err;
    }
    for (uint32_t k = 0; k < c->n; k++)
        recx_inst_drop(buf, &c->inst[k]);
    c->inst[0] = in;
    c->n = 1;
    c->state = RB_VALUES;
    return JET_errSuccess;
}

static JET_ERR add_orig_lid(esent_recbuf *buf, uint64_t lid)
{
    uint32_t n = buf->c_orig_lids;
    if ((n & (n - 1)) == 0) {   /* grow at powers of two */
        uint64_t *p = realloc(buf->orig_lids, (size_t)(n ? 2 * n : 1) * sizeof *p);
        if (p == NULL)
            return JET_errOutOfMemory;
        buf->orig_lids = p;
    }
    buf->orig_lids[buf->c_orig_lids++] = lid;
    return JET_errSuccess;
}

/* ------------------------------------------------------------------ buffer creation */

static int prep_is_insert(uint32_t prep)
{
    return prep == JET_prepInsert || prep == JET_prepInsertCopy || prep == JET_prepInsertCopyDeleteOriginal
        || prep == JET_prepInsertCopyReplaceOriginal;
}

/* Decodes rec into the buffer: every value copied, separated LIDs borrowed and remembered. */
static JET_ERR load_record(esent_recbuf *buf, const esent_rec *rec)
{
    const esent_tabledef *td = buf->td;
    JET_ERR err;
    for (uint32_t ci = 0; ci < td->ccols; ci++) {
        const esent_coldef *c = &td->cols[ci];
        uint32_t fid = fid_of(c);
        esent_rec_value v;
        int r;
        if (recx_is_tagged(c))
            continue;
        r = fid <= ESENT_FID_FIXED_MOST ? esent_rec_get_fixed(rec, fid, &v) : esent_rec_get_var(rec, fid, &v);
        if (r == 1 && (v.flags & ESENT_RECV_NULL)) {
            buf->cols[ci].state = RB_NULL;
        } else if (r == 1) {
            err = col_set_single(buf, &buf->cols[ci], v.pb, v.cb);
            if (err < 0)
                return err;
        }
    }
    for (uint32_t i = 0; i < rec->ctagfld; i++) {
        esent_rec_tagged tag;
        esent_rec_tagged_at(rec, i, &tag);
        int32_t ci = recx_find_fid(td, tag.fid);
        int derived = (tag.flags & ESENT_RECV_DERIVED) != 0;
        int known = ci >= 0 && recx_is_tagged(&td->cols[ci])
                    && derived == ((td->cols[ci].columnid & ESENT_COLUMNID_TEMPLATE) != 0);
        rb_col *col = known ? &buf->cols[ci] : NULL;
        if (col != NULL && (tag.flags & ESENT_RECV_NULL)) {
            col->state = RB_NULL;
            continue;
        }
        if (col != NULL && tag.cvalues > 0) {
            err = recx_reserve(col, tag.cvalues);
            if (err < 0)
                return err;
            col->state = RB_VALUES;
        }
        /* Columns deleted from the table are dropped; their LVs are released when a replace ends. */
        for (uint32_t k = 1; k <= tag.cvalues; k++) {
            esent_rec_value v;
            esent_rec_tagged_value(&tag, k, &v);
            uint32_t keep = v.flags & (ESENT_RECV_SEPARATED | ESENT_RECV_COMPRESSED | ESENT_RECV_ENCRYPTED);
            if (v.flags & ESENT_RECV_SEPARATED) {
                err = add_orig_lid(buf, v.lid);
                if (err < 0)
                    return err;
            }
            if (col == NULL)
                continue;
            rb_inst *in = &col->inst[col->n];
            if (v.flags & ESENT_RECV_SEPARATED) {
                memset(in, 0, sizeof *in);
                in->flags = keep;
                in->lid = v.lid;
            } else {
                err = inst_from_bytes(in, v.pb, v.cb, keep);
                if (err < 0)
                    return err;
            }
            col->n++;
        }
    }
    return JET_errSuccess;
}

/* Fixed and variable columns with defaults that the buffer does not hold take them (a new record, or
 * a record written before the column was added). */
static JET_ERR apply_defaults(esent_recbuf *buf)
{
    const esent_tabledef *td = buf->td;
    for (uint32_t ci = 0; ci < td->ccols; ci++) {
        const esent_coldef *c = &td->cols[ci];
        if (recx_is_tagged(c) || buf->cols[ci].state != RB_ABSENT || !recx_has_default(c))
            continue;
        JET_ERR err = col_set_single(buf, &buf->cols[ci], c->default_value, c->cb_default);
        if (err < 0)
            return err;
    }
    return JET_errSuccess;
}

/* Version column: 0 for a new record, the next value for a replace. */
static JET_ERR set_version(esent_recbuf *buf, int replace)
{
    const esent_tabledef *td = buf->td;
    if (td->iversion < 0)
        return JET_errSuccess;
    rb_col *c = &buf->cols[td->iversion];
    uint32_t v = 0;
    if (replace && c->state == RB_VALUES && c->inst[0].cb == 4)
        v = esent_rd32(c->inst[0].pb) + 1u;
    else if (replace)
        v = 1;
    uint8_t b[4];
    esent_wr32(b, v);
    return col_set_single(buf, c, b, 4);
}

JET_ERR esent_recbuf_create(const esent_tabledef *td, const esent_lvstore *lv, uint32_t prep,
                            const uint8_t *rec, size_t cb_rec, esent_recbuf **pbuf)
{
    esent_rec parsed;
    JET_ERR err;
    if (pbuf == NULL)
        return JET_errInvalidParameter;
    *pbuf = NULL;
    if (td == NULL || td->rec_cols == NULL)
        return JET_errInvalidParameter;
    int replace = prep == JET_prepReplace || prep == JET_prepReplaceNoLock;
    if (!prep_is_insert(prep) && !replace && prep != ESENT_PREP_ESCROW)
        return JET_errInvalidParameter;
    if (prep != JET_prepInsert) {
        if (rec == NULL)
            return JET_errNoCurrentRecord;
        err = esent_rec_parse(rec, cb_rec, &td->layout, &parsed);
        if (err < 0)
            return err;
    }
    /* One allocation: the buffer, then its column states (rb_col is pointer-aligned, and so is the
     * size of esent_recbuf). The scratch is allocated when a record is first measured. */
    esent_recbuf *buf = calloc(1, sizeof *buf + (size_t)td->ccols * sizeof(rb_col));
    if (buf == NULL)
        return JET_errOutOfMemory;
    buf->td = td;
    buf->lv = lv;
    buf->prep = prep;
    buf->cols = (rb_col *)(buf + 1);
    buf->cb_scratch = td->cb_record_max;
    if (prep != JET_prepInsert) {
        err = load_record(buf, &parsed);
        if (err < 0)
            goto fail;
    }
    err = apply_defaults(buf);
    if (err < 0)
        goto fail;
    if (prep == JET_prepInsert || replace) {
        err = set_version(buf, replace);
        if (err < 0)
            goto fail;
    }
    *pbuf = buf;
    return JET_errSuccess;
fail:
    esent_recbuf_free(buf);
    return err;
}

void esent_recbuf_free(esent_recbuf *buf)
{
    if (buf == NULL)
        return;
    for (uint32_t ci = 0; ci < buf->td->ccols; ci++) {
        rb_col *c = &buf->cols[ci];
        for (uint32_t k = 0; k < c->n; k++)
            recx_inst_drop(buf, &c->inst[k]);
        free(c->inst);
    }
    free(buf->orig_lids);
    free(buf->scratch);
    free(buf);
}

/* ------------------------------------------------------------------ encoding and fitting */

/* Fields a record of the buffer has up to this many are built on the stack (encode_into). */
#define FIELDS_ON_STACK 32u

/* Number of esent_rec_field entries build_fields makes. */
static size_t count_fields(const esent_recbuf *buf)
{
    const esent_tabledef *td = buf->td;
    size_t n = 0;
    for (uint32_t ci = 0; ci < td->ccols; ci++) {
        const rb_col *c = &buf->cols[ci];
        if (c->state == RB_VALUES)
            n += c->n;
        else if (c->state == RB_NULL && recx_is_tagged(&td->cols[ci]))
            n++;
    }
    return n;
}

/* The buffer as esent_rec_field entries (pointing into the buffer) in f (room for count_fields
 * entries). trial: burst instances are given as separated with a placeholder LID of the store's LID
 * size. */
static void build_fields(const esent_recbuf *buf, int trial, esent_rec_field *f, size_t *pn)
{
    const esent_tabledef *td = buf->td;
    uint64_t placeholder = (buf->lv != NULL && buf->lv->lid64) ? ESENT_LID64_FLAG | 1u : 1u;
    size_t i = 0;
    for (uint32_t ci = 0; ci < td->ccols; ci++) {
        const esent_coldef *cd = &td->cols[ci];
        const rb_col *c = &buf->cols[ci];
        uint32_t derived = (cd->columnid & ESENT_COLUMNID_TEMPLATE) && recx_is_tagged(cd) ? ESENT_RECV_DERIVED : 0;
        if (c->state == RB_NULL && recx_is_tagged(cd)) {
            f[i++] = (esent_rec_field){ fid_of(cd), ESENT_RECV_NULL | derived, NULL, 0, 0 };
            continue;
        }
        if (c->state != RB_VALUES)
            continue;
        for (uint32_t k = 0; k < c->n; k++) {
            const rb_inst *in = &c->inst[k];
            if (trial && in->burst)
                f[i++] = (esent_rec_field){ fid_of(cd), ESENT_RECV_SEPARATED | derived, NULL, 0, placeholder };
            else
                f[i++] = (esent_rec_field){ fid_of(cd), in->flags | derived, in->pb, in->cb, in->lid };
        }
    }
    *pn = i;
}

static JET_ERR encode_into(const esent_recbuf *buf, int trial, uint8_t *out, size_t cb_out, size_t *pcb)
{
    esent_rec_field on_stack[FIELDS_ON_STACK], *f = on_stack;
    size_t n = count_fields(buf);
    *pcb = 0;
    on_stack[0] = (esent_rec_field){ 0 };   /* build_fields fills n entries; this keeps gcc from doubting it */
    if (n > FIELDS_ON_STACK && (f = malloc(n * sizeof *f)) == NULL)
        return JET_errOutOfMemory;
    build_fields(buf, trial, f, &n);
    JET_ERR err = esent_rec_encode(&buf->td->layout, f, n, out, cb_out, pcb);
    if (f != on_stack)
        free(f);
    return err;
}

/* The size a record of the buffer may take: cb_record_max, or the scratch's size should the caller have
 * raised cb_record_max after creating the buffer. */
static uint32_t record_limit(const esent_recbuf *buf)
{
    return buf->td->cb_record_max < buf->cb_scratch ? buf->td->cb_record_max : buf->cb_scratch;
}

JET_ERR recx_measure(esent_recbuf *buf, int trial, size_t *pcb)
{
    if (buf->scratch == NULL && (buf->scratch = malloc(buf->cb_scratch ? buf->cb_scratch : 1)) == NULL)
        return JET_errOutOfMemory;
    return encode_into(buf, trial, buf->scratch, record_limit(buf), pcb);
}

/* At least the size esent_rec_encode gives the buffer's record (format/record.h's layout), computed
 * without encoding it: the whole fixed area of the table (its values included) and its NULL bitmap, an
 * offset for every variable column of the table, the variable values, and for each tagged column its
 * TAGFLD entry, header bytes, a 2-byte offset per instance and the instances' bytes (a LID for a
 * separated one). */
static size_t size_bound(const esent_recbuf *buf)
{
    const esent_tabledef *td = buf->td;
    const esent_rec_layout *l = &td->layout;
    size_t cb = l->ibFixed[l->fidFixedLast + 1];   /* the header included (esent_rec_layout_init) */
    cb += (l->fidFixedLast + 7u) / 8u + 2u * (size_t)(l->fidVarLast - (ESENT_FID_VAR_FIRST - 1u));
    for (uint32_t ci = 0; ci < td->ccols; ci++) {
        const rb_col *c = &buf->cols[ci];
        int tagged = recx_is_tagged(&td->cols[ci]);
        if (tagged && c->state != RB_ABSENT)
            cb += TAGFLD_BOUND + 2u * (size_t)c->n;
        if (c->state != RB_VALUES || fid_of(&td->cols[ci]) <= ESENT_FID_FIXED_MOST)
            continue;   /* a fixed value is in the fixed area */
        for (uint32_t k = 0; k < c->n; k++) {
            const rb_inst *in = &c->inst[k];
            cb += (in->flags & ESENT_RECV_SEPARATED) ? esent_lid_size(in->lid) : in->cb;
        }
    }
    return cb;
}

JET_ERR esent_recbuf_encode(const esent_recbuf *buf, uint8_t *out, size_t cb_out, size_t *pcb)
{
    size_t dummy;
    if (pcb == NULL)
        pcb = &dummy;
    *pcb = 0;
    if (buf == NULL || (out == NULL && cb_out > 0))
        return JET_errInvalidParameter;
    if (cb_out > buf->td->cb_record_max)
        cb_out = buf->td->cb_record_max;
    return encode_into(buf, 0, out, cb_out, pcb);
}

static void clear_burst(esent_recbuf *buf)
{
    for (uint32_t ci = 0; ci < buf->td->ccols; ci++)
        for (uint32_t k = 0; k < buf->cols[ci].n; k++)
            buf->cols[ci].inst[k].burst = 0;
}

/* Largest intrinsic long value that may still be separated, or NULL. */
static rb_inst *burst_candidate(esent_recbuf *buf)
{
    rb_inst *best = NULL;
    for (uint32_t ci = 0; ci < buf->td->ccols; ci++) {
        rb_col *c = &buf->cols[ci];
        if (!recx_is_long(&buf->td->cols[ci]) || c->state != RB_VALUES)
            continue;
        for (uint32_t k = 0; k < c->n; k++) {
            rb_inst *in = &c->inst[k];
            if (in->flags & (ESENT_RECV_SEPARATED | ESENT_RECV_COMPRESSED | ESENT_RECV_ENCRYPTED))
                continue;   /* a compressed/encrypted value would have to be decoded first */
            if (!in->burst && !in->force_intrinsic && in->cb > ESENT_LV_SEPARATE_MIN && (best == NULL || in->cb > best->cb))
                best = in;
        }
    }
    return best;
}

JET_ERR recx_fit(esent_recbuf *buf)
{
    const esent_lvstore *lv = buf->lv;
    int can_separate = lv != NULL && lv->create != NULL;
    size_t cb;
    JET_ERR err;
    if (size_bound(buf) <= record_limit(buf))
        return JET_errSuccess;   /* fits without separating anything: no need to encode it */
    for (;;) {
        err = recx_measure(buf, 1, &cb);
        if (err != JET_errRecordTooBig)
            break;
        rb_inst *in = can_separate ? burst_candidate(buf) : NULL;
        if (in == NULL)
            break;
        in->burst = 1;
    }
    if (err < 0) {
        clear_burst(buf);
        return err;
    }
    /* Create the LVs (burst 2 = created), then switch the instances over. */
    for (uint32_t ci = 0; ci < buf->td->ccols && err >= 0; ci++)
        for (uint32_t k = 0; k < buf->cols[ci].n && err >= 0; k++) {
            rb_inst *in = &buf->cols[ci].inst[k];
            if (in->burst != 1)
                continue;
            err = lv->create(lv->ctx, in->pb, in->cb, &in->lid);
            if (err >= 0)
                in->burst = 2;
        }
    for (uint32_t ci = 0; ci < buf->td->ccols; ci++)
        for (uint32_t k = 0; k < buf->cols[ci].n; k++) {
            rb_inst *in = &buf->cols[ci].inst[k];
            if (in->burst == 2 && err < 0 && lv->release != NULL)
                (void)lv->release(lv->ctx, in->lid);
            if (in->burst == 2 && err >= 0) {
                free(in->pb);
                in->pb = NULL;
                in->cb = 0;
                in->flags = ESENT_RECV_SEPARATED;
                in->owned = 1;
            }
            if (in->burst == 2 && err < 0)
                in->lid = 0;
            in->burst = 0;
        }
    return err < 0 ? err : JET_errSuccess;
}

/* ------------------------------------------------------------------ end of the update */

/* 1 when some instance of the buffer holds lid. */
static int buffer_holds(const esent_recbuf *buf, uint64_t lid)
{
    for (uint32_t ci = 0; ci < buf->td->ccols; ci++)
        for (uint32_t k = 0; k < buf->cols[ci].n; k++) {
            const rb_inst *in = &buf->cols[ci].inst[k];
            if ((in->flags & ESENT_RECV_SEPARATED) && in->lid == lid)
                return 1;
        }
    return 0;
}

JET_ERR esent_recbuf_finish(esent_recbuf *buf)
{
    JET_ERR err = JET_errSuccess;
    if (buf == NULL)
        return JET_errInvalidParameter;
    if (buf->finished)
        return JET_errSuccess;
    const esent_lvstore *lv = buf->lv;
    if (buf->prep == JET_prepInsertCopy) {
        /* The copy shares the original's LVs: one more reference for each one it keeps. On a failure
         * the references added before it are dropped again (same visiting order, first `done` ones). */
        uint32_t done = 0;
        for (uint32_t ci = 0; ci < buf->td->ccols && err >= 0; ci++)
            for (uint32_t k = 0; k < buf->cols[ci].n && err >= 0; k++) {
                const rb_inst *in = &buf->cols[ci].inst[k];
                if (!(in->flags & ESENT_RECV_SEPARATED) || in->owned)
                    continue;
                err = (lv && lv->addref) ? lv->addref(lv->ctx, in->lid) : JET_errLVCorrupted;
                if (err >= 0)
                    done++;
            }
        for (uint32_t ci = 0; ci < buf->td->ccols && err < 0 && done > 0; ci++)
            for (uint32_t k = 0; k < buf->cols[ci].n && done > 0; k++) {
                const rb_inst *in = &buf->cols[ci].inst[k];
                if (!(in->flags & ESENT_RECV_SEPARATED) || in->owned)
                    continue;
                if (lv->release)
                    (void)lv->release(lv->ctx, in->lid);
                done--;
            }
        if (err < 0)
            return err;
    } else {
        /* The new record replaces the old one: drop the old record's references it does not keep.
         * Released entries are zeroed so that a retry after a failure does not release them twice. */
        for (uint32_t i = 0; i < buf->c_orig_lids; i++) {
            uint64_t lid = buf->orig_lids[i];
            if (lid == 0 || buffer_holds(buf, lid))
                continue;
            err = (lv && lv->release) ? lv->release(lv->ctx, lid) : JET_errLVCorrupted;
            if (err < 0)
                return err;
            buf->orig_lids[i] = 0;
        }
    }
    for (uint32_t ci = 0; ci < buf->td->ccols; ci++)
        for (uint32_t k = 0; k < buf->cols[ci].n; k++)
            buf->cols[ci].inst[k].owned = 0;
    buf->finished = 1;
    return JET_errSuccess;
}

JET_ERR esent_recbuf_check_update(const esent_recbuf *buf)
{
    if (buf == NULL)
        return JET_errInvalidParameter;
    for (uint32_t ci = 0; ci < buf->td->ccols; ci++) {
        const esent_coldef *c = &buf->td->cols[ci];
        uint32_t st = buf->cols[ci].state;
        if (!(c->ffield & ESENT_FFIELD_NOT_NULL) || st == RB_VALUES)
            continue;
        if (st == RB_ABSENT && recx_is_tagged(c) && recx_has_default(c))
            continue;
        return JET_errNullInvalid;
    }
    return JET_errSuccess;
}

/* ------------------------------------------------------------------ auto-increment and escrow */

/* Sets fixed column ci to one value, keeping the record within its limit; unchanged on failure. */
static JET_ERR set_fixed_value(esent_recbuf *buf, uint32_t ci, const uint8_t *pv, uint32_t cb)
{
    rb_col *c = &buf->cols[ci];
    rb_col saved = *c;
    rb_inst in;
    JET_ERR err = inst_from_bytes(&in, pv, cb, 0);
    if (err < 0)
        return err;
    rb_inst *arr = malloc(sizeof *arr);
    if (arr == NULL) {
        free(in.pb);
        return JET_errOutOfMemory;
    }
    arr[0] = in;
    c->inst = arr;
    c->n = c->cap = 1;
    c->state = RB_VALUES;
    err = recx_fit(buf);
    if (err < 0) {
        free(arr[0].pb);
        free(arr);
        *c = saved;
        return err;
    }
    for (uint32_t k = 0; k < saved.n; k++)
        recx_inst_drop(buf, &saved.inst[k]);
    free(saved.inst);
    return JET_errSuccess;
}

JET_ERR esent_recbuf_set_autoinc(esent_recbuf *buf, uint64_t value)
{
    if (buf == NULL)
        return JET_errInvalidParameter;
    if (buf->td->iautoinc < 0)
        return JET_errColumnNotFound;
    if (!prep_is_insert(buf->prep))
        return JET_errInvalidOperation;
    uint32_t ci = (uint32_t)buf->td->iautoinc;
    uint8_t b[8];
    uint32_t cb = buf->td->cols[ci].coltyp == JET_coltypLong ? 4u : 8u;
    esent_wrle(b, value, cb);
    return set_fixed_value(buf, ci, b, cb);
}

JET_ERR esent_recbuf_escrow_add(esent_recbuf *buf, JET_COLUMNID columnid, const void *pvDelta, uint32_t cbDelta,
                                void *pvOld, uint32_t cbOldMax, uint32_t *pcbOldActual)
{
    JET_ERR err;
    if (pcbOldActual != NULL)
        *pcbOldActual = 0;
    if (buf == NULL || pvDelta == NULL)
        return JET_errInvalidParameter;
    int32_t ci = recx_find(buf->td, columnid, &err);
    if (ci < 0)
        return err;
    const esent_coldef *c = &buf->td->cols[ci];
    if (!(c->ffield & ESENT_FFIELD_ESCROW_UPDATE))
        return JET_errInvalidOperation;
    uint32_t size = esent_coltyp_fixed_size(c->coltyp);
    if (cbDelta != size || (pvOld != NULL && cbOldMax != 0 && cbOldMax < size))
        return JET_errInvalidBufferSize;
    const rb_col *col = &buf->cols[ci];
    uint64_t old = 0;
    if (col->state == RB_VALUES && col->inst[0].cb == size)
        old = esent_rdle(col->inst[0].pb, size);
    uint64_t sum = old + esent_rdle(pvDelta, size);
    uint8_t b[8];
    esent_wrle(b, sum, size);
    err = set_fixed_value(buf, (uint32_t)ci, b, size);
    if (err < 0)
        return err;
    if (pvOld != NULL && cbOldMax != 0) {
        uint8_t o[8];
        esent_wrle(o, old, size);
        memcpy(pvOld, o, size);
    }
    if (pcbOldActual != NULL)
        *pcbOldActual = size;
    return JET_errSuccess;
}
