/* Reading column values from a stored record or an update buffer: JetRetrieveColumn(s),
 * JetGetRecordSize(2) and the value accessors the cursor layer uses to build index keys. */
#include "table/recint.h"
#include "format/bytes.h"
#include "format/compress.h"

#include <stdlib.h>
#include <string.h>

#define RET_KNOWN (JET_bitRetrieveCopy | JET_bitRetrieveFromIndex | JET_bitRetrieveFromPrimaryBookmark \
                   | JET_bitRetrieveTag | JET_bitRetrieveNull | JET_bitRetrieveIgnoreDefault | JET_bitRetrieveTuple \
                   | JET_bitRetrieveLongId)
#define LONG_ID_SIZE       8u    /* JET_bitRetrieveLongId: the LID as a 64-bit value */
#define RECSIZE_KNOWN (JET_bitRecordSizeInCopyBuffer | JET_bitRecordSizeRunningTotal | JET_bitRecordSizeLocal)
#define LV_ROOT_OVERHEAD   12u   /* root node: 4-byte key + 8-byte LVROOT */
#define LV_CHUNK_KEY       8u    /* chunk node key: LID ++ offset */

/* ------------------------------------------------------------------ sources */

/* The parse of v->rec (not NULL) against v->td. With a kept parse (id->keep) made for this very record
 * image — same bytes address and size, same tabledef, same identity (serial, gen), which the caller
 * guarantees to change whenever the bytes do (recedit.h) — that parse; else a new one, kept in id->keep
 * when there is one and made in *scratch otherwise. A record that does not parse is never kept. */
static JET_ERR parsed_record(const esent_recview *v, const esent_recident *id, esent_rec *scratch,
                             const esent_rec **out)
{
    esent_recparse *p = id != NULL ? id->keep : NULL;
    if (p != NULL && p->pb == v->rec && p->cb == v->cb_rec && p->td == v->td && p->serial == id->serial &&
        p->gen == id->gen) {
        *out = &p->rec;
        return JET_errSuccess;
    }
    esent_rec *r = scratch;
    if (p != NULL) {
        esent_recparse_reset(p);    /* holds nothing until the new parse succeeds */
        r = &p->rec;
    }
    JET_ERR err = esent_rec_parse(v->rec, v->cb_rec, &v->td->layout, r);
    if (err < 0)
        return err;
    if (p != NULL) {
        p->cb = v->cb_rec;
        p->td = v->td;
        p->serial = id->serial;
        p->gen = id->gen;
        p->pb = v->rec;
    }
    *out = r;
    return JET_errSuccess;
}

/* recx_open, taking the record's parse from id->keep when it holds it (id may be NULL). */
static JET_ERR open_kept(const esent_recview *v, const esent_recident *id, int copy, rsrc *s)
{
    memset(s, 0, sizeof *s);
    if (v == NULL || v->td == NULL || v->td->rec_cols == NULL)
        return JET_errInvalidParameter;
    s->td = v->td;
    s->lv = v->lv;
    if (copy && v->copy != NULL) {
        s->buf = v->copy;
        return JET_errSuccess;
    }
    if (v->rec == NULL)
        return JET_errNoCurrentRecord;
    const esent_rec *r;
    JET_ERR err = parsed_record(v, id, &s->rec, &r);
    if (err >= 0 && r != &s->rec)
        s->rec = *r;
    return err;
}

JET_ERR recx_open(const esent_recview *v, int copy, rsrc *s)
{
    return open_kept(v, NULL, copy, s);
}

/* Index of the TAGFLD of tagged column cd in the record, or -1. */
static int find_tagfld(const rsrc *s, const esent_coldef *cd)
{
    return esent_rec_find_tagged(&s->rec, cd->columnid & 0xFFFFu, (cd->columnid & ESENT_COLUMNID_TEMPLATE) != 0);
}

uint32_t recx_state(const rsrc *s, uint32_t ci, uint32_t *pn)
{
    const esent_coldef *cd = &s->td->cols[ci];
    uint32_t fid = cd->columnid & 0xFFFFu;
    *pn = 0;
    if (s->buf != NULL) {
        const rb_col *c = &s->buf->cols[ci];
        if (c->state == RB_VALUES)
            *pn = c->n;
        return c->state;
    }
    if (fid < ESENT_FID_TAGGED_FIRST) {
        esent_rec_value v;
        int r = fid <= ESENT_FID_FIXED_MOST ? esent_rec_get_fixed(&s->rec, fid, &v) : esent_rec_get_var(&s->rec, fid, &v);
        if (r != 1)
            return RB_ABSENT;
        if (v.flags & ESENT_RECV_NULL)
            return RB_NULL;
        *pn = 1;
        return RB_VALUES;
    }
    int i = find_tagfld(s, cd);
    if (i < 0)
        return RB_ABSENT;
    esent_rec_tagged tag;
    esent_rec_tagged_at(&s->rec, (uint32_t)i, &tag);
    if ((tag.flags & ESENT_RECV_NULL) || tag.cvalues == 0)
        return RB_NULL;
    *pn = tag.cvalues;
    return RB_VALUES;
}

void recx_inst(const rsrc *s, uint32_t ci, uint32_t itag, esent_rec_value *val)
{
    const esent_coldef *cd = &s->td->cols[ci];
    uint32_t fid = cd->columnid & 0xFFFFu;
    memset(val, 0, sizeof *val);
    if (s->buf != NULL) {
        const rb_inst *in = &s->buf->cols[ci].inst[itag - 1];
        val->pb = in->pb;
        val->cb = in->cb;
        val->flags = in->flags;
        val->lid = in->lid;
        return;
    }
    if (fid <= ESENT_FID_FIXED_MOST) {
        (void)esent_rec_get_fixed(&s->rec, fid, val);
    } else if (fid <= ESENT_FID_VAR_MOST) {
        (void)esent_rec_get_var(&s->rec, fid, val);
    } else {
        esent_rec_tagged tag;
        esent_rec_tagged_at(&s->rec, (uint32_t)find_tagfld(s, cd), &tag);
        (void)esent_rec_tagged_value(&tag, itag, val);
    }
    val->flags &= ESENT_RECV_SEPARATED | ESENT_RECV_COMPRESSED | ESENT_RECV_ENCRYPTED;
}

void recx_effective(const rsrc *s, uint32_t ci, int ignore_default, uint32_t *pn, int *pdef)
{
    uint32_t st = recx_state(s, ci, pn);
    *pdef = 0;
    if (st == RB_ABSENT && !ignore_default && recx_has_default(&s->td->cols[ci])) {
        *pn = 1;
        *pdef = 1;
    }
}

void recx_effective_inst(const rsrc *s, uint32_t ci, int from_default, uint32_t itag, esent_rec_value *val)
{
    if (!from_default) {
        recx_inst(s, ci, itag, val);
        return;
    }
    memset(val, 0, sizeof *val);
    val->pb = s->td->cols[ci].default_value;
    val->cb = s->td->cols[ci].cb_default;
}

JET_ERR recx_intrinsic_size(const uint8_t *pb, uint32_t cb, uint32_t flags, uint32_t *pcb)
{
    *pcb = cb;
    if (!(flags & ESENT_RECV_COMPRESSED) || (flags & ESENT_RECV_ENCRYPTED))
        return JET_errSuccess;
    return esent_decompress_size(pb, cb, pcb);
}

JET_ERR recx_intrinsic(const uint8_t *pb, uint32_t cb, uint32_t flags, uint8_t **ptmp, const uint8_t **ppb,
                       uint32_t *pcb)
{
    uint32_t size, got;
    *ptmp = NULL;
    *ppb = pb;
    *pcb = cb;
    if (flags & ESENT_RECV_ENCRYPTED)
        return JET_errColumnNoEncryptionKey;
    if (!(flags & ESENT_RECV_COMPRESSED))
        return JET_errSuccess;
    JET_ERR err = esent_decompress_size(pb, cb, &size);
    if (err < 0)
        return err;
    uint8_t *tmp = malloc(size ? size : 1u);
    if (tmp == NULL)
        return JET_errOutOfMemory;
    err = esent_decompress(pb, cb, tmp, size, &got);
    if (err < 0) {
        free(tmp);
        return err;
    }
    *ptmp = tmp;
    *ppb = tmp;
    *pcb = got;
    return JET_errSuccess;
}

JET_ERR recx_size(const rsrc *s, const esent_rec_value *val, uint32_t *pcb)
{
    uint32_t got;
    if (!(val->flags & ESENT_RECV_SEPARATED))
        return recx_intrinsic_size(val->pb, val->cb, val->flags, pcb);
    if (s->lv == NULL || s->lv->read == NULL)
        return JET_errLVCorrupted;
    return s->lv->read(s->lv->ctx, val->lid, 0, NULL, 0, &got, pcb);
}

JET_ERR recx_copy(const rsrc *s, const esent_coldef *c, const esent_rec_value *val, uint32_t ib, void *pv,
                  uint32_t cb, uint32_t *pcb_actual)
{
    uint32_t want = pv != NULL ? cb : 0, avail;
    *pcb_actual = 0;
    if (!(val->flags & ESENT_RECV_SEPARATED)) {
        uint8_t *tmp;
        const uint8_t *pb;
        uint32_t cbv;
        JET_ERR err = recx_intrinsic(val->pb, val->cb, val->flags, &tmp, &pb, &cbv);
        if (err < 0)
            return err;
        uint32_t off = recx_is_long(c) ? ib : 0;
        avail = cbv > off ? cbv - off : 0;
        if (want > avail)
            want = avail;
        if (want > 0)
            memcpy(pv, pb + off, want);
        free(tmp);
    } else {
        uint32_t got, total;
        if (s->lv == NULL || s->lv->read == NULL)
            return JET_errLVCorrupted;
        JET_ERR err = s->lv->read(s->lv->ctx, val->lid, ib, want ? pv : NULL, want, &got, &total);
        if (err < 0)
            return err;
        avail = total > ib ? total - ib : 0;
        if (got != (want < avail ? want : avail))
            return JET_errLVCorrupted;
        want = got;
    }
    *pcb_actual = avail;
    return want < avail ? JET_wrnBufferTruncated : JET_errSuccess;
}

/* ------------------------------------------------------------------ JetRetrieveColumn(s) */

/* JET_bitRetrieveLongId: the LID of a separated value. */
static JET_ERR copy_long_id(const esent_rec_value *val, void *pv, uint32_t cb, uint32_t *pcb_actual)
{
    uint8_t id[LONG_ID_SIZE];
    if (!(val->flags & ESENT_RECV_SEPARATED))
        return JET_wrnColumnNotInRecord;
    esent_wrle(id, val->lid, LONG_ID_SIZE);
    uint32_t n = pv != NULL ? (cb < LONG_ID_SIZE ? cb : LONG_ID_SIZE) : 0;
    if (n > 0)
        memcpy(pv, id, n);
    *pcb_actual = LONG_ID_SIZE;
    return n < LONG_ID_SIZE ? JET_wrnBufferTruncated : JET_errSuccess;
}

static JET_ERR check_retrieve_grbit(JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)RET_KNOWN)
        return JET_errInvalidGrbit;
    if ((grbit & JET_bitRetrieveFromIndex) && (grbit & JET_bitRetrieveFromPrimaryBookmark))
        return JET_errInvalidGrbit;
    if ((grbit & JET_bitRetrieveTuple) && !(grbit & JET_bitRetrieveFromIndex))
        return JET_errInvalidGrbit;
    return JET_errSuccess;
}

/* Number of values of every tagged column present (columnid 0 treats them as one column). */
static uint32_t count_all_tagged(const rsrc *s)
{
    uint32_t total = 0, n;
    for (uint32_t k = 0; k < s->td->ccols; k++) {
        uint32_t ci = s->td->order[k];
        if (recx_is_tagged(&s->td->cols[ci]) && recx_state(s, ci, &n) == RB_VALUES)
            total += n;
    }
    return total;
}

/* Value itag of "column 0": its column (*pci) and sequence in that column (*pitag); 0 past the end. */
static int find_all_tagged(const rsrc *s, uint32_t itag, uint32_t *pci, uint32_t *pitag)
{
    uint32_t n;
    for (uint32_t k = 0; k < s->td->ccols; k++) {
        uint32_t ci = s->td->order[k];
        if (!recx_is_tagged(&s->td->cols[ci]) || recx_state(s, ci, &n) != RB_VALUES)
            continue;
        if (itag <= n) {
            *pci = ci;
            *pitag = itag;
            return 1;
        }
        itag -= n;
    }
    return 0;
}

/* The sources of one call, opened (and the record parsed) once however many values it reads:
 * [0] the record, [1] the update buffer. */
typedef struct rsrc_cache {
    const esent_recview *v;
    const esent_recident *id;     /* the record's kept parse, or NULL */
    rsrc s[2];
    JET_ERR err[2];
    uint8_t open[2];
} rsrc_cache;

static void cache_init(rsrc_cache *c, const esent_recview *v)
{
    memset(c, 0, sizeof *c);
    c->v = v;
}

static JET_ERR cache_get(rsrc_cache *c, JET_GRBIT grbit, const rsrc **ps)
{
    int i = (grbit & JET_bitRetrieveCopy) && c->v != NULL && c->v->copy != NULL;
    if (!c->open[i]) {
        c->err[i] = open_kept(c->v, c->id, i, &c->s[i]);
        c->open[i] = 1;
    }
    *ps = &c->s[i];
    return c->err[i];
}

/* Column index of columnid (not 0), with the call's argument checks. */
static JET_ERR find_column(const esent_recview *v, JET_COLUMNID columnid, uint32_t *pci)
{
    JET_ERR err;
    if (v == NULL || v->td == NULL || v->td->rec_cols == NULL)
        return JET_errInvalidParameter;
    int32_t ci = recx_find(v->td, columnid, &err);
    if (ci < 0)
        return err;
    *pci = (uint32_t)ci;
    return JET_errSuccess;
}

/* Count of values of columnid (0: every tagged value), as esent_recview_count. */
static JET_ERR count_values(rsrc_cache *cache, JET_COLUMNID columnid, JET_GRBIT grbit, uint32_t *pcount)
{
    const rsrc *s;
    uint32_t ci = 0;
    int def;
    JET_ERR err;
    *pcount = 0;
    if (columnid != 0 && (err = find_column(cache->v, columnid, &ci)) < 0)
        return err;
    if ((err = cache_get(cache, grbit, &s)) < 0)
        return err;
    if (columnid == 0)
        *pcount = count_all_tagged(s);
    else
        recx_effective(s, ci, (grbit & JET_bitRetrieveIgnoreDefault) && recx_is_tagged(&s->td->cols[ci]), pcount, &def);
    return JET_errSuccess;
}

/* One retrieval with itag >= 1. *pnext receives the column of a columnid-0 value (0 when none);
 * *pitag_out its own sequence. */
static JET_ERR retrieve_value(rsrc_cache *cache, JET_COLUMNID columnid, void *pv, uint32_t cb,
                              uint32_t *pcbActual, JET_GRBIT grbit, uint32_t itag, uint32_t ib,
                              JET_COLUMNID *pnext, uint32_t *pitag_out)
{
    const rsrc *s;
    esent_rec_value val;
    uint32_t ci = 0, n;
    int def = 0;
    JET_ERR err;
    *pcbActual = 0;
    if (columnid != 0 && (err = find_column(cache->v, columnid, &ci)) < 0)
        return err;
    if ((err = cache_get(cache, grbit, &s)) < 0)
        return err;
    if (columnid == 0) {
        if (!find_all_tagged(s, itag, &ci, &itag)) {
            *pnext = 0;
            return JET_wrnColumnNull;
        }
        *pnext = s->td->cols[ci].columnid;
        recx_inst(s, ci, itag, &val);
    } else {
        recx_effective(s, ci, recx_is_tagged(&s->td->cols[ci]) && (grbit & JET_bitRetrieveIgnoreDefault), &n, &def);
        if (itag > n)
            return JET_wrnColumnNull;
        recx_effective_inst(s, ci, def, itag, &val);
    }
    *pitag_out = itag;
    if (grbit & JET_bitRetrieveLongId)
        return copy_long_id(&val, pv, cb, pcbActual);
    /* an escrow value is returned whole or not at all (JetRetrieveColumn docs, JET_errInvalidBufferSize) */
    if ((s->td->cols[ci].ffield & ESENT_FFIELD_ESCROW_UPDATE) && (pv == NULL || cb < val.cb))
        return JET_errInvalidBufferSize;
    return recx_copy(s, &s->td->cols[ci], &val, ib, pv, cb, pcbActual);
}

/* esent_retrieve_column's common case, read straight from the record: no JET_RETINFO, no option (or
 * JET_bitRetrieveCopy without a prepared update: the caller checks), a fixed or variable column, a current
 * record that parses. Such a value is never compressed, encrypted, separated or long (long-value columns
 * are tagged, esent_tabledef_init), so this is retrieve_value's path without its generality, with the
 * same results. Returns 0, having done nothing, when the call is not that case or would fail; the general
 * path then gives the error. */
static int retrieve_simple(const esent_recview *v, const esent_recident *id, JET_COLUMNID columnid, void *pv,
                           uint32_t cb, uint32_t *pcbActual, JET_ERR *perr)
{
    const esent_tabledef *td = v->td;
    uint32_t fid = columnid & 0xFFFFu;
    /* recx_find for fid 1..255 with no reserved bit (a fixed or variable column): the direct table */
    if ((columnid & ~(ESENT_COLUMNID_TEMPLATE | ESENT_FID_VAR_MOST)) != 0 || fid == 0 || td == NULL ||
        td->rec_cols == NULL || v->rec == NULL)
        return 0;
    int32_t ci = (int32_t)td->ci_by_fid[fid] - 1;
    if (ci < 0 || ((td->cols[ci].columnid ^ columnid) & ESENT_COLUMNID_TEMPLATE))
        return 0;
    const esent_coldef *cd = &td->cols[ci];
    esent_rec scratch;
    const esent_rec *rec;
    if (parsed_record(v, id, &scratch, &rec) < 0)
        return 0;
    esent_rec_value val;
    int r = fid <= ESENT_FID_FIXED_MOST ? esent_rec_get_fixed(rec, fid, &val) : esent_rec_get_var(rec, fid, &val);
    const uint8_t *pb = val.pb;
    uint32_t cbv = val.cb;
    if (r != 1) {                                   /* not in the record: the default, or NULL */
        if (!recx_has_default(cd)) {
            *pcbActual = 0;
            *perr = JET_wrnColumnNull;
            return 1;
        }
        pb = cd->default_value;
        cbv = cd->cb_default;
    } else if (val.flags & ESENT_RECV_NULL) {
        *pcbActual = 0;
        *perr = JET_wrnColumnNull;
        return 1;
    }
    /* an escrow value is returned whole or not at all (as retrieve_value) */
    if ((cd->ffield & ESENT_FFIELD_ESCROW_UPDATE) && (pv == NULL || cb < cbv)) {
        *perr = JET_errInvalidBufferSize;
        return 1;
    }
    uint32_t want = pv != NULL ? cb : 0;
    if (want > cbv)
        want = cbv;
    if (want > 0)
        memcpy(pv, pb, want);
    *pcbActual = cbv;
    *perr = want < cbv ? JET_wrnBufferTruncated : JET_errSuccess;
    return 1;
}

JET_ERR esent_retrieve_column(const esent_recview *v, JET_COLUMNID columnid, void *pv, uint32_t cb,
                              uint32_t *pcbActual, JET_GRBIT grbit, JET_RETINFO *pretinfo)
{
    return esent_retrieve_column_kept(v, NULL, columnid, pv, cb, pcbActual, grbit, pretinfo);
}

JET_ERR esent_retrieve_column_kept(const esent_recview *v, const esent_recident *id, JET_COLUMNID columnid,
                                   void *pv, uint32_t cb, uint32_t *pcbActual, JET_GRBIT grbit,
                                   JET_RETINFO *pretinfo)
{
    uint32_t actual, itag_out;
    JET_COLUMNID next = 0;
    if (pcbActual != NULL)
        *pcbActual = 0;
    if (pretinfo == NULL && v != NULL && (grbit == 0 || (grbit == JET_bitRetrieveCopy && v->copy == NULL))) {
        JET_ERR err;
        if (retrieve_simple(v, id, columnid, pv, cb, &actual, &err)) {
            if (err >= 0 && pcbActual != NULL)
                *pcbActual = actual;
            return err;
        }
    }
    JET_ERR err = check_retrieve_grbit(grbit);
    if (err < 0)
        return err;
    if (pretinfo != NULL && pretinfo->cbStruct < sizeof(JET_RETINFO))
        return JET_errInvalidParameter;
    uint32_t itag = pretinfo != NULL ? pretinfo->itagSequence : 1;
    uint32_t ib = pretinfo != NULL ? pretinfo->ibLongValue : 0;
    if (itag == 0)
        return JET_errBadItagSequence;
    itag_out = itag;
    rsrc_cache cache;
    cache_init(&cache, v);
    cache.id = id;
    err = retrieve_value(&cache, columnid, pv, cb, &actual, grbit, itag, ib, &next, &itag_out);
    if (err < 0)
        return err;
    if (pcbActual != NULL)
        *pcbActual = actual;
    if (pretinfo != NULL && columnid == 0)
        pretinfo->columnidNextTagged = next;
    if (pretinfo != NULL && (grbit & JET_bitRetrieveTag))
        pretinfo->itagSequence = itag_out;
    return err;
}

JET_ERR esent_retrieve_columns(const esent_recview *v, JET_RETRIEVECOLUMN *rg, uint32_t c)
{
    int truncated = 0;
    rsrc_cache cache;
    cache_init(&cache, v);
    if (rg == NULL && c > 0)
        return JET_errInvalidParameter;
    for (uint32_t i = 0; i < c; i++) {
        JET_RETRIEVECOLUMN *e = &rg[i];
        JET_ERR err = check_retrieve_grbit(e->grbit);
        e->cbActual = 0;
        if (err >= 0 && e->itagSequence == 0) {
            /* JetRetrieveColumns docs: itagSequence 0 returns the number of values */
            err = count_values(&cache, e->columnid, e->grbit, &e->itagSequence);
        } else if (err >= 0) {
            uint32_t itag_out = e->itagSequence;
            JET_COLUMNID next = 0;
            err = retrieve_value(&cache, e->columnid, e->pvData, e->cbData, &e->cbActual, e->grbit, e->itagSequence,
                                 e->ibLongValue, &next, &itag_out);
            if (e->columnid == 0)
                e->columnidNextTagged = next;
            if (err >= 0 && (e->grbit & JET_bitRetrieveTag))
                e->itagSequence = itag_out;
        }
        e->err = err;
        if (err < 0)
            return err;
        if (err == JET_wrnBufferTruncated)
            truncated = 1;
    }
    return truncated ? JET_wrnBufferTruncated : JET_errSuccess;
}

/* ------------------------------------------------------------------ values for index keys */

JET_ERR esent_recview_count(const esent_recview *v, JET_COLUMNID columnid, JET_GRBIT grbit, uint32_t *pcount)
{
    if (pcount == NULL)
        return JET_errInvalidParameter;
    *pcount = 0;
    if (columnid == 0)
        return JET_errBadColumnId;
    rsrc_cache cache;
    cache_init(&cache, v);
    return count_values(&cache, columnid, grbit, pcount);
}

JET_ERR esent_recview_value(const esent_recview *v, JET_COLUMNID columnid, uint32_t itag, JET_GRBIT grbit,
                            esent_colvalue *out)
{
    JET_ERR err;
    rsrc s;
    uint32_t n;
    int def;
    if (out == NULL)
        return JET_errInvalidParameter;
    memset(out, 0, sizeof *out);
    if (v == NULL || v->td == NULL || v->td->rec_cols == NULL)
        return JET_errInvalidParameter;
    int32_t ci = recx_find(v->td, columnid, &err);
    if (ci < 0)
        return err;
    if (itag == 0)
        return JET_errBadItagSequence;
    err = recx_open(v, (grbit & JET_bitRetrieveCopy) != 0, &s);
    if (err < 0)
        return err;
    recx_effective(&s, (uint32_t)ci, (grbit & JET_bitRetrieveIgnoreDefault) && recx_is_tagged(&v->td->cols[ci]),
                   &n, &def);
    if (itag > n)
        return JET_wrnColumnNull;
    esent_rec_value val;
    recx_effective_inst(&s, (uint32_t)ci, def, itag, &val);
    out->is_default = (uint8_t)def;
    if (val.flags & ESENT_RECV_SEPARATED) {
        out->separated = 1;
        out->lid = val.lid;
    } else {
        out->pb = val.pb;
        out->cb = val.cb;
        out->compressed = (val.flags & ESENT_RECV_COMPRESSED) != 0;
    }
    return JET_errSuccess;
}

/* ------------------------------------------------------------------ JetGetRecordSize(2) */

/* Adds one separated LV to the totals. */
static JET_ERR add_long_value(const esent_recview *v, uint64_t lid, JET_RECSIZE2 *rs)
{
    uint32_t got, size, chunk = esent_lv_chunk_size(v->td->cb_page);
    if (v->lv == NULL || v->lv->read == NULL)
        return JET_errLVCorrupted;
    JET_ERR err = v->lv->read(v->lv->ctx, lid, 0, NULL, 0, &got, &size);
    if (err < 0)
        return err;
    rs->cLongValues++;
    rs->cbLongValueData += size;
    rs->cbLongValueDataCompressed += size;
    rs->cbLongValueOverhead += LV_ROOT_OVERHEAD + (uint64_t)((size + (uint64_t)chunk - 1) / chunk) * LV_CHUNK_KEY;
    return JET_errSuccess;
}

static JET_ERR record_size(const esent_recview *v, const esent_rec *rec, JET_GRBIT grbit, JET_RECSIZE2 *rs)
{
    uint64_t data = 0, stored = 0;   /* values' bytes uncompressed, and as the record holds them */
    esent_rec_value val;
    JET_ERR err;
    for (uint32_t fid = ESENT_FID_FIXED_FIRST; fid <= rec->fidFixedLast; fid++)
        if (esent_rec_get_fixed(rec, fid, &val) == 1 && !(val.flags & ESENT_RECV_NULL)) {
            rs->cNonTaggedColumns++;
            data += val.cb;
            stored += val.cb;
        }
    for (uint32_t fid = ESENT_FID_VAR_FIRST; fid <= rec->fidVarLast; fid++)
        if (esent_rec_get_var(rec, fid, &val) == 1 && !(val.flags & ESENT_RECV_NULL)) {
            rs->cNonTaggedColumns++;
            data += val.cb;
            stored += val.cb;
        }
    for (uint32_t i = 0; i < rec->ctagfld; i++) {
        esent_rec_tagged tag;
        esent_rec_tagged_at(rec, i, &tag);
        if ((tag.flags & ESENT_RECV_NULL) || tag.cvalues == 0)
            continue;
        rs->cTaggedColumns++;
        rs->cMultiValues += tag.cvalues - 1;
        for (uint32_t k = 1; k <= tag.cvalues; k++) {
            esent_rec_tagged_value(&tag, k, &val);
            if (!(val.flags & ESENT_RECV_SEPARATED)) {
                uint32_t cb;
                if ((err = recx_intrinsic_size(val.pb, val.cb, val.flags, &cb)) < 0)
                    return err;
                data += cb;
                stored += val.cb;
                if (val.flags & ESENT_RECV_COMPRESSED)
                    rs->cCompressedColumns++;
            } else if (!(grbit & JET_bitRecordSizeLocal)) {
                err = add_long_value(v, val.lid, rs);
                if (err < 0)
                    return err;
            }
        }
    }
    rs->cbData += data;
    rs->cbDataCompressed += stored;
    rs->cbOverhead += rec->cb - stored;
    return JET_errSuccess;
}

JET_ERR esent_get_record_size(const esent_recview *v, JET_RECSIZE2 *precsize, JET_GRBIT grbit)
{
    JET_RECSIZE2 rs;
    esent_rec rec;
    uint8_t *tmp = NULL;
    JET_ERR err;
    if (precsize == NULL || v == NULL || v->td == NULL || v->td->rec_cols == NULL)
        return JET_errInvalidParameter;
    if (grbit & ~(JET_GRBIT)RECSIZE_KNOWN)
        return JET_errInvalidGrbit;
    const uint8_t *pb = v->rec;
    size_t cb = v->cb_rec;
    if (grbit & JET_bitRecordSizeInCopyBuffer) {
        if (v->copy == NULL)
            return JET_errUpdateNotPrepared;
        tmp = malloc(v->td->cb_record_max ? v->td->cb_record_max : 1);
        if (tmp == NULL)
            return JET_errOutOfMemory;
        err = esent_recbuf_encode(v->copy, tmp, v->td->cb_record_max, &cb);
        if (err < 0)
            goto done;
        pb = tmp;
    } else if (pb == NULL) {
        return JET_errNoCurrentRecord;
    }
    err = esent_rec_parse(pb, cb, &v->td->layout, &rec);
    if (err < 0)
        goto done;
    /* work on a copy so that *precsize is unchanged on failure */
    if (grbit & JET_bitRecordSizeRunningTotal)
        rs = *precsize;
    else
        memset(&rs, 0, sizeof rs);
    err = record_size(v, &rec, grbit, &rs);
    if (err >= 0)
        *precsize = rs;
done:
    free(tmp);
    return err < 0 ? err : JET_errSuccess;
}
