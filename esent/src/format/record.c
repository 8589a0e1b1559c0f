/* Data records and long-value keys: see record.h and ese-format.md §5-§6. */
#include "format/record.h"
#include "format/bytes.h"

#include <stdlib.h>
#include <string.h>

#define CORRUPT JET_errDatabaseCorrupted

/* TAGFLD ib bits (ENG tagfld.hxx:160-185): small pages mask 0x1FFF + fNullSmallPage + fExtendedInfo;
 * large pages mask 0x7FFF, extended info always present. fDerived is the same on both. */
#define TAGFLD_SIZE          4u
#define TAGFLD_DERIVED       0x8000u
#define TAGFLD_EXTENDED      0x4000u
#define TAGFLD_NULL_SMALL    0x2000u
#define TAGFLD_IB_SMALL      0x1FFFu
#define TAGFLD_IB_LARGE      0x7FFFu
#define VAROFF_NULL          ESENT_REC_VAROFF_NULL
#define VAROFF_MASK          ESENT_REC_VAROFF_MASK
#define MVOFF_SEPARATED      0x8000u
#define MVOFF_MASK           0x7FFFu
#define TAGHDR_KNOWN         0x7Fu


/* ------------------------------------------------------------------ column types and layouts */

uint32_t esent_coltyp_fixed_size(uint32_t coltyp)
{
    switch (coltyp) {
    case JET_coltypBit: case JET_coltypUnsignedByte: return 1;
    case JET_coltypShort: case JET_coltypUnsignedShort: return 2;
    case JET_coltypLong: case JET_coltypUnsignedLong: case JET_coltypIEEESingle: return 4;
    case JET_coltypCurrency: case JET_coltypIEEEDouble: case JET_coltypDateTime:
    case JET_coltypLongLong: case JET_coltypUnsignedLongLong: return 8;
    case JET_coltypGUID: return 16;
    default: return 0;
    }
}

int esent_coltyp_is_long(uint32_t coltyp)
{
    return coltyp == JET_coltypLongText || coltyp == JET_coltypLongBinary;
}

JET_ERR esent_rec_layout_init(esent_rec_layout *layout, const esent_rec_column *columns, size_t ccolumns,
                              uint32_t cbPage)
{
    uint32_t cbFixed[ESENT_FID_FIXED_MOST + 1] = { 0 };
    uint32_t prev = 0;
    memset(layout, 0, sizeof *layout);
    layout->fidVarLast = (uint8_t)(ESENT_FID_VAR_FIRST - 1);
    layout->fidTaggedLast = (uint16_t)(ESENT_FID_TAGGED_FIRST - 1);
    layout->fLargePage = cbPage > ESENT_REC_SMALL_PAGE_MAX;
    layout->columns = columns;
    layout->ccolumns = ccolumns;
    for (size_t i = 0; i < ccolumns; i++) {
        uint32_t fid = columns[i].columnid & 0xFFFFu;
        if (fid == 0 || fid > ESENT_FID_TAGGED_MOST || fid <= prev)
            return JET_errInvalidParameter;
        prev = fid;
        if (fid <= ESENT_FID_FIXED_MOST) {
            uint32_t cb = columns[i].cbMax ? columns[i].cbMax : esent_coltyp_fixed_size(columns[i].coltyp);
            if (cb == 0 || cb > JET_cbColumnMost)
                return JET_errInvalidParameter;
            cbFixed[fid] = cb;
            layout->fidFixedLast = (uint8_t)fid;
        } else if (fid <= ESENT_FID_VAR_MOST) {
            layout->fidVarLast = (uint8_t)fid;
        } else {
            layout->fidTaggedLast = (uint16_t)fid;
        }
    }
    /* Fixed fids are contiguous: fid f starts where f-1 ends. */
    uint32_t ib = ESENT_REC_HEADER_SIZE;
    for (uint32_t f = 1; f <= layout->fidFixedLast; f++) {
        if (cbFixed[f] == 0)
            return JET_errInvalidParameter;
        layout->ibFixed[f] = (uint16_t)ib;
        ib += cbFixed[f];
    }
    if (ib + (layout->fidFixedLast + 7u) / 8u > 0xFFFFu)
        return JET_errInvalidParameter;
    layout->ibFixed[layout->fidFixedLast + 1] = (uint16_t)ib;
    return JET_errSuccess;
}

const esent_rec_column *esent_rec_layout_find(const esent_rec_layout *layout, uint32_t fid)
{
    size_t lo = 0, hi = layout->ccolumns;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t f = layout->columns[mid].columnid & 0xFFFFu;
        if (f == fid)
            return &layout->columns[mid];
        if (f < fid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ------------------------------------------------------------------ LIDs and LV keys */

int esent_lid_valid(uint64_t lid)
{
    if (lid & ESENT_LID64_FLAG)
        return lid > ESENT_LID64_FLAG && lid <= ESENT_LID64_MAX;
    return lid > 0 && lid <= ESENT_LID32_MAX;
}

uint32_t esent_lid_size(uint64_t lid)
{
    return (lid & ESENT_LID64_FLAG) ? 8u : 4u;
}

JET_ERR esent_lid_decode(const uint8_t *pb, size_t cb, uint64_t *lid)
{
    uint64_t v;
    if (cb == 4) {
        v = esent_rd32(pb);
    } else if (cb == 8) {
        v = esent_rd32(pb) | ((uint64_t)esent_rd32(pb + 4) << 32);
        if (!(v & ESENT_LID64_FLAG))
            return CORRUPT;
    } else {
        return CORRUPT;
    }
    if (!esent_lid_valid(v))
        return CORRUPT;
    *lid = v;
    return JET_errSuccess;
}

uint32_t esent_lid_encode(uint64_t lid, uint8_t *out)
{
    esent_wr32(out, (uint32_t)lid);
    if (esent_lid_size(lid) == 8) {
        esent_wr32(out + 4, (uint32_t)(lid >> 32));
        return 8;
    }
    return 4;
}

uint32_t esent_lv_root_key(uint64_t lid, uint8_t *out)
{
    if (esent_lid_size(lid) == 8) {
        esent_wr32be(out, (uint32_t)(lid >> 32));
        esent_wr32be(out + 4, (uint32_t)lid);
        return 8;
    }
    esent_wr32be(out, (uint32_t)lid);
    return 4;
}

uint32_t esent_lv_chunk_key(uint64_t lid, uint32_t ibOffset, uint8_t *out)
{
    uint32_t cb = esent_lv_root_key(lid, out);
    esent_wr32be(out + cb, ibOffset);
    return cb + 4;
}

JET_ERR esent_lv_key_decode(const uint8_t *pb, size_t cb, uint64_t *lid, int *fRoot, uint32_t *ibOffset)
{
    uint64_t v;
    int root;
    uint32_t ib = 0;
    /* The first key byte's high bit tells LID64 from LID32 (ENG rec.hxx LID format comment). */
    if (cb == 4 && !(pb[0] & 0x80)) {
        v = esent_rd32be(pb); root = 1;
    } else if (cb == 8 && (pb[0] & 0x80)) {
        v = ((uint64_t)esent_rd32be(pb) << 32) | esent_rd32be(pb + 4); root = 1;
    } else if (cb == 8) {
        v = esent_rd32be(pb); ib = esent_rd32be(pb + 4); root = 0;
    } else if (cb == 12 && (pb[0] & 0x80)) {
        v = ((uint64_t)esent_rd32be(pb) << 32) | esent_rd32be(pb + 4); ib = esent_rd32be(pb + 8); root = 0;
    } else {
        return JET_errLVCorrupted;
    }
    if (!esent_lid_valid(v))
        return JET_errLVCorrupted;
    *lid = v;
    *fRoot = root;
    *ibOffset = ib;
    return JET_errSuccess;
}

JET_ERR esent_lvroot_decode(const uint8_t *pb, size_t cb, esent_lvroot *root)
{
    if (cb != ESENT_LVROOT_SIZE && cb != ESENT_LVROOT2_SIZE)
        return JET_errLVCorrupted;
    root->ulReference = esent_rd32(pb);
    root->ulSize = esent_rd32(pb + 4);
    root->fHasFlags = cb == ESENT_LVROOT2_SIZE;
    root->bFlags = root->fHasFlags ? pb[8] : 0;
    return JET_errSuccess;
}

uint32_t esent_lvroot_encode(const esent_lvroot *root, uint8_t *out)
{
    esent_wr32(out, root->ulReference);
    esent_wr32(out + 4, root->ulSize);
    if (!root->fHasFlags)
        return ESENT_LVROOT_SIZE;
    out[8] = root->bFlags;
    return ESENT_LVROOT2_SIZE;
}

uint32_t esent_lv_chunk_size(uint32_t cbPage)
{
    switch (cbPage) {
    case 2048: case 4096: case 8192: return cbPage - 82u;   /* cbPage - (42 + 40-byte page header) */
    case 16384: return 4050u;
    case 32768: return 8150u;
    default: return 0;
    }
}

/* ------------------------------------------------------------------ decoding */

/* Bounds of one tagged entry's bytes: [*ib, *ibEnd) relative to rec->ibTagged. */
static void tagfld_bounds(const esent_rec *rec, uint32_t i, uint32_t *ib, uint32_t *ibEnd, uint16_t *raw)
{
    const uint8_t *t = rec->pb + rec->ibTagged;
    uint16_t mask = rec->layout->fLargePage ? TAGFLD_IB_LARGE : TAGFLD_IB_SMALL;
    *raw = esent_rd16(t + i * TAGFLD_SIZE + 2);
    *ib = *raw & mask;
    *ibEnd = (i + 1 < rec->ctagfld) ? (esent_rd16(t + (i + 1) * TAGFLD_SIZE + 2) & mask)
                                   : (uint32_t)(rec->cb - rec->ibTagged);
}

/* Validates the value bytes of one tagged entry after its header (MV / TWOVALUES / LID forms). */
static JET_ERR check_tagged_value(const uint8_t *pb, uint32_t cb, uint8_t hdr)
{
    if (hdr & ~TAGHDR_KNOWN)
        return CORRUPT;
    if (hdr & ESENT_TAGHDR_TWO) {
        /* TWOVALUES: header, u8 cbFirst, first, second. Never an LV column, never separated. */
        if (!(hdr & ESENT_TAGHDR_MULTI) || (hdr & (ESENT_TAGHDR_LONG_VALUE | ESENT_TAGHDR_SEPARATED)))
            return CORRUPT;
        if (cb < 1 || pb[0] > cb - 1)
            return CORRUPT;
        return JET_errSuccess;
    }
    if (hdr & ESENT_TAGHDR_MULTI) {
        /* MULTIVALUES: u16 offsets relative to the byte after the header; count = off[0]/2 >= 2. */
        if (hdr & (ESENT_TAGHDR_SEPARATED | ESENT_TAGHDR_NULL))
            return CORRUPT;
        if (cb < 4)
            return CORRUPT;
        uint32_t ib0 = esent_rd16(pb) & MVOFF_MASK;
        if (ib0 < 4 || (ib0 & 1) || ib0 > cb)
            return CORRUPT;
        uint32_t n = ib0 / 2, prev = ib0;
        for (uint32_t k = 0; k < n; k++) {
            uint16_t raw = esent_rd16(pb + 2 * k);
            uint32_t ib = raw & MVOFF_MASK;
            uint32_t end = (k + 1 < n) ? (uint32_t)(esent_rd16(pb + 2 * (k + 1)) & MVOFF_MASK) : cb;
            if (ib < prev || end < ib || end > cb)
                return CORRUPT;
            if (raw & MVOFF_SEPARATED) {
                uint64_t lid;
                if (!(hdr & ESENT_TAGHDR_LONG_VALUE) || esent_lid_decode(pb + ib, end - ib, &lid) < 0)
                    return CORRUPT;
            }
            prev = ib;
        }
        return JET_errSuccess;
    }
    if (hdr & ESENT_TAGHDR_NULL)
        return cb == 0 ? JET_errSuccess : CORRUPT;
    if (hdr & ESENT_TAGHDR_SEPARATED) {
        uint64_t lid;
        if (!(hdr & ESENT_TAGHDR_LONG_VALUE) || (hdr & ESENT_TAGHDR_COMPRESSED))
            return CORRUPT;
        return esent_lid_decode(pb, cb, &lid) < 0 ? CORRUPT : JET_errSuccess;
    }
    return JET_errSuccess;
}

static JET_ERR parse_tagged(esent_rec *rec)
{
    size_t cbArea = rec->cb - rec->ibTagged;
    const uint8_t *t = rec->pb + rec->ibTagged;
    int large = rec->layout->fLargePage;
    uint16_t mask = large ? TAGFLD_IB_LARGE : TAGFLD_IB_SMALL;
    if (cbArea == 0)
        return JET_errSuccess;
    if (cbArea < TAGFLD_SIZE)
        return CORRUPT;
    /* The first entry's offset is the size of the TAGFLD array (ENG tagfld.hxx:1144-1156). */
    uint32_t ib0 = esent_rd16(t + 2) & mask;
    if (ib0 < TAGFLD_SIZE || ib0 % TAGFLD_SIZE || ib0 > cbArea)
        return CORRUPT;
    rec->ctagfld = ib0 / TAGFLD_SIZE;
    uint32_t prevKey = 0;
    for (uint32_t i = 0; i < rec->ctagfld; i++) {
        uint32_t fid = esent_rd16(t + i * TAGFLD_SIZE), ib, ibEnd;
        uint16_t raw;
        tagfld_bounds(rec, i, &ib, &ibEnd, &raw);
        if (fid < ESENT_FID_TAGGED_FIRST || ib < ib0 || ibEnd < ib || ibEnd > cbArea)
            return CORRUPT;
        /* Sorted: derived entries first, then by fid; no duplicates. */
        uint32_t key = ((raw & TAGFLD_DERIVED) ? 0u : 0x10000u) | fid;
        if (i > 0 && key <= prevKey)
            return CORRUPT;
        prevKey = key;
        const uint8_t *pv = t + ib;
        uint32_t cb = ibEnd - ib;
        if (!large) {
            if ((raw & TAGFLD_NULL_SMALL) && (raw & TAGFLD_EXTENDED))
                return CORRUPT;
            if (raw & TAGFLD_NULL_SMALL) {
                if (cb != 0)
                    return CORRUPT;
                continue;
            }
            if (!(raw & TAGFLD_EXTENDED))
                continue;   /* plain value, any length including 0 */
        }
        if (cb < 1)
            return CORRUPT;
        if (check_tagged_value(pv + 1, cb - 1, pv[0]) < 0)
            return CORRUPT;
    }
    return JET_errSuccess;
}

JET_ERR esent_rec_parse(const uint8_t *pb, size_t cb, const esent_rec_layout *layout, esent_rec *rec)
{
    memset(rec, 0, sizeof *rec);
    rec->pb = pb;
    rec->cb = cb;
    rec->layout = layout;
    if (pb == NULL || cb < ESENT_REC_HEADER_SIZE || cb > 0xFFFFu)
        return CORRUPT;
    uint32_t fidFixed = pb[0], fidVar = pb[1], ibEnd = esent_rd16(pb + 2);
    if (fidFixed > ESENT_FID_FIXED_MOST || fidFixed > layout->fidFixedLast)
        return CORRUPT;
    if (fidVar < ESENT_FID_VAR_FIRST - 1)
        return CORRUPT;
    /* The fixed area is exactly the columns' data plus the NULL bitmap. */
    size_t ibBitmap = fidFixed ? layout->ibFixed[fidFixed + 1] : ESENT_REC_HEADER_SIZE;
    if (ibEnd != ibBitmap + (fidFixed + 7u) / 8u || ibEnd > cb)
        return CORRUPT;
    rec->fidFixedLast = fidFixed;
    rec->fidVarLast = fidVar;
    rec->ibNullBitmap = ibBitmap;
    rec->ibVarOffsets = ibEnd;
    uint32_t cvar = fidVar - (ESENT_FID_VAR_FIRST - 1);
    if ((size_t)ibEnd + 2u * cvar > cb)
        return CORRUPT;
    rec->ibVarData = ibEnd + 2u * cvar;
    uint32_t prev = 0;
    for (uint32_t k = 0; k < cvar; k++) {
        uint32_t end = esent_rd16(pb + ibEnd + 2 * k) & VAROFF_MASK;
        if (end < prev || rec->ibVarData + end > cb)
            return CORRUPT;
        prev = end;
    }
    rec->ibTagged = rec->ibVarData + prev;
    return parse_tagged(rec);
}

void esent_rec_tagged_at(const esent_rec *rec, uint32_t i, esent_rec_tagged *out)
{
    uint32_t ib, ibEnd;
    uint16_t raw;
    memset(out, 0, sizeof *out);
    tagfld_bounds(rec, i, &ib, &ibEnd, &raw);
    out->fid = esent_rd16(rec->pb + rec->ibTagged + i * TAGFLD_SIZE);
    out->pb = rec->pb + rec->ibTagged + ib;
    out->cb = ibEnd - ib;
    if (raw & TAGFLD_DERIVED)
        out->flags |= ESENT_RECV_DERIVED;
    int ext = rec->layout->fLargePage || (raw & TAGFLD_EXTENDED);
    if (!rec->layout->fLargePage && (raw & TAGFLD_NULL_SMALL)) {
        out->flags |= ESENT_RECV_NULL;
        return;
    }
    if (!ext) {
        out->cvalues = 1;
        return;
    }
    out->fHasHeader = 1;
    out->header = out->pb[0];
    if (out->header & ESENT_TAGHDR_LONG_VALUE)
        out->flags |= ESENT_RECV_LONGVALUE;
    if (out->header & ESENT_TAGHDR_TWO)
        out->cvalues = 2;
    else if (out->header & ESENT_TAGHDR_MULTI)
        out->cvalues = (esent_rd16(out->pb + 1) & MVOFF_MASK) / 2u;
    else if (out->header & ESENT_TAGHDR_NULL)
        out->flags |= ESENT_RECV_NULL;
    else
        out->cvalues = 1;
}

int esent_rec_find_tagged(const esent_rec *rec, uint32_t fid, int derived)
{
    uint32_t want = (derived ? 0u : 0x10000u) | fid;
    uint32_t lo = 0, hi = rec->ctagfld;
    const uint8_t *t = rec->pb + rec->ibTagged;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t key = ((esent_rd16(t + mid * TAGFLD_SIZE + 2) & TAGFLD_DERIVED) ? 0u : 0x10000u) | esent_rd16(t + mid * TAGFLD_SIZE);
        if (key == want)
            return (int)mid;
        if (key < want)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Fills val for intrinsic bytes or a LID, given the instance's flags. */
static void set_value(esent_rec_value *val, const uint8_t *pb, uint32_t cb, uint32_t flags)
{
    val->pb = pb;
    val->cb = cb;
    val->flags = flags;
    val->lid = 0;
    if (flags & ESENT_RECV_SEPARATED)
        (void)esent_lid_decode(pb, cb, &val->lid);   /* validated by esent_rec_parse */
}

int esent_rec_tagged_value(const esent_rec_tagged *tag, uint32_t itagSequence, esent_rec_value *val)
{
    memset(val, 0, sizeof *val);
    if (itagSequence < 1 || itagSequence > tag->cvalues)
        return 0;
    uint8_t h = tag->header;
    uint32_t lv = (h & ESENT_TAGHDR_LONG_VALUE) ? ESENT_RECV_LONGVALUE : 0;
    lv |= tag->flags & ESENT_RECV_DERIVED;
    const uint8_t *pb = tag->pb;
    uint32_t cb = tag->cb;
    if (tag->fHasHeader) {
        pb++;
        cb--;
    }
    if (h & ESENT_TAGHDR_TWO) {
        uint32_t cbFirst = pb[0];
        if (itagSequence == 1)
            set_value(val, pb + 1, cbFirst, lv);
        else
            set_value(val, pb + 1 + cbFirst, cb - 1 - cbFirst, lv);
        return 1;
    }
    if (h & ESENT_TAGHDR_MULTI) {
        uint32_t n = tag->cvalues, k = itagSequence - 1;
        uint16_t raw = esent_rd16(pb + 2 * k);
        uint32_t ib = raw & MVOFF_MASK;
        uint32_t end = (k + 1 < n) ? (uint32_t)(esent_rd16(pb + 2 * (k + 1)) & MVOFF_MASK) : cb;
        uint32_t fl = lv;
        if (raw & MVOFF_SEPARATED)
            fl |= ESENT_RECV_SEPARATED;
        else if (k == 0 && (h & ESENT_TAGHDR_COMPRESSED))
            fl |= ESENT_RECV_COMPRESSED;
        if (k == 0 && (h & ESENT_TAGHDR_ENCRYPTED))
            fl |= ESENT_RECV_ENCRYPTED;
        set_value(val, pb + ib, end - ib, fl);
        return 1;
    }
    uint32_t fl = lv;
    if (h & ESENT_TAGHDR_SEPARATED)
        fl |= ESENT_RECV_SEPARATED;
    if (h & ESENT_TAGHDR_COMPRESSED)
        fl |= ESENT_RECV_COMPRESSED;
    if (h & ESENT_TAGHDR_ENCRYPTED)
        fl |= ESENT_RECV_ENCRYPTED;
    set_value(val, pb, cb, fl);
    return 1;
}

/* ------------------------------------------------------------------ encoding */

/* Sort key of a tagged field: derived entries first, then by fid (the TAGFLD order). */
static uint32_t tag_key(const esent_rec_field *f)
{
    return ((f->flags & ESENT_RECV_DERIVED) ? 0u : 0x10000u) | (f->fid & 0xFFFFu);
}

typedef struct sort_item { const esent_rec_field *fields; uint32_t idx; } sort_item;

static int cmp_tag(const void *a, const void *b)
{
    const sort_item *x = a, *y = b;
    uint32_t kx = tag_key(&x->fields[x->idx]), ky = tag_key(&y->fields[y->idx]);
    if (kx != ky)
        return kx < ky ? -1 : 1;
    return x->idx < y->idx ? -1 : (x->idx > y->idx);   /* stable: keeps itagSequence order */
}

/* Bytes of one instance in the record: the LID for a separated value, else the data. */
static uint32_t inst_size(const esent_rec_field *f)
{
    return (f->flags & ESENT_RECV_SEPARATED) ? esent_lid_size(f->lid) : f->cb;
}

static uint8_t *put_inst(uint8_t *dst, const esent_rec_field *f)
{
    if (f->flags & ESENT_RECV_SEPARATED)
        return dst + esent_lid_encode(f->lid, dst);
    if (f->cb)
        memcpy(dst, f->pv, f->cb);
    return dst + f->cb;
}

/* Checks one tagged group (all instances of one column) and computes its form and size. */
typedef struct tag_group {
    uint32_t first, n;       /* indexes into the sorted items */
    uint8_t  header;         /* TAGFLD_HEADER byte */
    uint8_t  fHeader;        /* header byte present */
    uint8_t  fNullSmall;     /* small-page explicit NULL (no bytes) */
    uint8_t  form;           /* 0 single, 1 two values, 2 multi values */
    uint32_t cb;             /* entry bytes incl. header */
} tag_group;

static JET_ERR plan_group(const esent_rec_layout *layout, const esent_rec_field *fields, const sort_item *items,
                          tag_group *g)
{
    const esent_rec_field *f0 = &fields[items[g->first].idx];
    const esent_rec_column *col = esent_rec_layout_find(layout, f0->fid);
    int lv = (f0->flags & ESENT_RECV_LONGVALUE) || (col && esent_coltyp_is_long(col->coltyp));
    int large = layout->fLargePage;
    uint32_t total = 0, sepAny = 0;
    for (uint32_t k = 0; k < g->n; k++) {
        const esent_rec_field *f = &fields[items[g->first + k].idx];
        if ((f->flags & ESENT_RECV_NULL) && g->n != 1)
            return JET_errInvalidParameter;
        if ((f->flags & (ESENT_RECV_SEPARATED | ESENT_RECV_COMPRESSED | ESENT_RECV_ENCRYPTED)) && !lv)
            return JET_errInvalidParameter;
        if ((f->flags & ESENT_RECV_SEPARATED) && ((f->flags & ESENT_RECV_COMPRESSED) || !esent_lid_valid(f->lid)))
            return JET_errInvalidParameter;
        if (k > 0 && (f->flags & (ESENT_RECV_COMPRESSED | ESENT_RECV_ENCRYPTED)))
            return JET_errInvalidParameter;   /* only the first instance of an MV may be compressed */
        if (!(f->flags & ESENT_RECV_SEPARATED) && f->cb && f->pv == NULL)
            return JET_errInvalidParameter;
        total += inst_size(f);
        sepAny |= f->flags & ESENT_RECV_SEPARATED;
        if (total > 0xFFFFu)
            return JET_errRecordTooBig;
    }
    uint8_t h = lv ? ESENT_TAGHDR_LONG_VALUE : 0;
    g->fNullSmall = 0;
    if (f0->flags & ESENT_RECV_NULL) {
        /* Explicit NULL overriding a default: fNullSmallPage TAGFLD, or a header with fNull. */
        g->form = 0;
        if (large) {
            g->header = h | ESENT_TAGHDR_NULL; g->fHeader = 1; g->cb = 1;
        } else {
            g->header = 0; g->fHeader = 0; g->fNullSmall = 1; g->cb = 0;
        }
        return JET_errSuccess;
    }
    if (f0->flags & ESENT_RECV_COMPRESSED)
        h |= ESENT_TAGHDR_COMPRESSED;
    if (f0->flags & ESENT_RECV_ENCRYPTED)
        h |= ESENT_TAGHDR_ENCRYPTED;
    if (g->n == 1) {
        if (f0->flags & ESENT_RECV_SEPARATED)
            h |= ESENT_TAGHDR_SEPARATED;
        g->form = 0;
        g->header = h;
        g->fHeader = large || h != 0;   /* small pages: header only when non-zero (FNeedExtendedInfo) */
        g->cb = total + g->fHeader;
        return JET_errSuccess;
    }
    const esent_rec_field *f1 = &fields[items[g->first + 1].idx];
    if (!large && g->n == 2 && h == 0 && !sepAny && f0->cb <= 0xFFu && f1->cb <= 0xFFu) {
        /* TWOVALUES (small pages, non-LV column): header, u8 cbFirst, first, second. */
        g->form = 1;
        g->header = ESENT_TAGHDR_MULTI | ESENT_TAGHDR_TWO;
        g->fHeader = 1;
        g->cb = 2 + total;
        return JET_errSuccess;
    }
    g->form = 2;
    g->header = h | ESENT_TAGHDR_MULTI;
    g->fHeader = 1;
    g->cb = 1 + 2 * g->n + total;
    /* Every MV offset must fit 15 bits; the last instance's start is the largest. */
    const esent_rec_field *fl = &fields[items[g->first + g->n - 1].idx];
    if (2 * g->n + total - inst_size(fl) > MVOFF_MASK)
        return JET_errRecordTooBig;
    return JET_errSuccess;
}

static void put_group(const esent_rec_field *fields, const sort_item *items, const tag_group *g, uint8_t *dst)
{
    if (g->fHeader)
        *dst++ = g->header;
    if (g->fNullSmall || (g->header & ESENT_TAGHDR_NULL))
        return;
    const esent_rec_field *f0 = &fields[items[g->first].idx];
    if (g->form == 0) {
        put_inst(dst, f0);
    } else if (g->form == 1) {
        *dst++ = (uint8_t)f0->cb;
        dst = put_inst(dst, f0);
        put_inst(dst, &fields[items[g->first + 1].idx]);
    } else {
        uint8_t *offs = dst;
        uint32_t ib = 2 * g->n;
        dst += ib;
        for (uint32_t k = 0; k < g->n; k++) {
            const esent_rec_field *f = &fields[items[g->first + k].idx];
            esent_wr16(offs + 2 * k, ib | ((f->flags & ESENT_RECV_SEPARATED) ? MVOFF_SEPARATED : 0u));
            dst = put_inst(dst, f);
            ib += inst_size(f);
        }
    }
}

/* Bit fid of a 256-bit set of fixed and variable fids. */
static int fid_given(const uint64_t *given, uint32_t fid)
{
    return (given[fid / 64] >> (fid % 64)) & 1u;
}

JET_ERR esent_rec_encode(const esent_rec_layout *layout, const esent_rec_field *fields, size_t cfields,
                         uint8_t *out, size_t cbOut, size_t *pcbActual)
{
    /* Field index of each fixed and variable fid; an entry is meaningful only while its bit is set in
     * `given` (bits 0..255 = fids 0..255), so the arrays need no initialisation. */
    int32_t fixedIdx[ESENT_FID_FIXED_MOST + 1], varIdx[ESENT_FID_VAR_MOST - ESENT_FID_VAR_FIRST + 1];
    uint64_t given[(ESENT_FID_VAR_MOST + 1) / 64] = { 0 };
    uint32_t fidFixed = 0, fidVar = ESENT_FID_VAR_FIRST - 1, ctag = 0;
    sort_item *items = NULL;
    tag_group *groups = NULL;
    JET_ERR err = JET_errSuccess;
    *pcbActual = 0;

    /* Classify; fixed and variable columns take one value each. */
    for (size_t i = 0; i < cfields; i++) {
        const esent_rec_field *f = &fields[i];
        uint32_t fid = f->fid & 0xFFFFu;
        if (fid == 0 || fid > ESENT_FID_TAGGED_MOST)
            return JET_errBadColumnId;
        if (fid <= ESENT_FID_FIXED_MOST) {
            if (fid > layout->fidFixedLast)
                return JET_errBadColumnId;
            if (fid_given(given, fid))
                return JET_errInvalidParameter;
            given[fid / 64] |= 1ull << (fid % 64);
            fixedIdx[fid] = (int32_t)i;
            if (f->flags & ESENT_RECV_NULL)
                continue;
            if (f->flags & ~(uint32_t)ESENT_RECV_NULL
                || f->cb != (uint32_t)(layout->ibFixed[fid + 1] - layout->ibFixed[fid]) || f->pv == NULL)
                return JET_errInvalidParameter;
            if (fid > fidFixed)
                fidFixed = fid;
        } else if (fid <= ESENT_FID_VAR_MOST) {
            if (fid_given(given, fid))
                return JET_errInvalidParameter;
            given[fid / 64] |= 1ull << (fid % 64);
            varIdx[fid - ESENT_FID_VAR_FIRST] = (int32_t)i;
            if (f->flags & ESENT_RECV_NULL)
                continue;
            if ((f->flags & ~(uint32_t)ESENT_RECV_NULL) || f->cb > VAROFF_MASK || (f->cb && f->pv == NULL))
                return JET_errInvalidParameter;
            if (fid > fidVar)
                fidVar = fid;
        } else {
            ctag++;
        }
    }

    /* Sizes of the fixed and variable parts. */
    size_t ibBitmap = fidFixed ? layout->ibFixed[fidFixed + 1] : ESENT_REC_HEADER_SIZE;
    size_t ibVarOffsets = ibBitmap + (fidFixed + 7u) / 8u;
    uint32_t cvar = fidVar - (ESENT_FID_VAR_FIRST - 1);
    size_t ibVarData = ibVarOffsets + 2u * cvar;
    size_t cbVar = 0;
    for (uint32_t k = 0; k < cvar; k++) {
        int32_t i = fid_given(given, ESENT_FID_VAR_FIRST + k) ? varIdx[k] : -1;
        if (i >= 0 && !(fields[i].flags & ESENT_RECV_NULL))
            cbVar += fields[i].cb;
    }
    if (cbVar > VAROFF_MASK)
        return JET_errRecordTooBig;

    /* Tagged groups in TAGFLD order. */
    uint32_t cgroups = 0;
    size_t cbTagged = 0;
    if (ctag) {
        items = malloc(ctag * sizeof *items);
        groups = malloc(ctag * sizeof *groups);
        if (items == NULL || groups == NULL) {
            err = JET_errOutOfMemory;
            goto done;
        }
        uint32_t n = 0;
        for (size_t i = 0; i < cfields; i++)
            if ((fields[i].fid & 0xFFFFu) >= ESENT_FID_TAGGED_FIRST)
                items[n].fields = fields, items[n++].idx = (uint32_t)i;
        qsort(items, n, sizeof *items, cmp_tag);
        for (uint32_t i = 0; i < n; i++) {
            if (i == 0 || tag_key(&fields[items[i].idx]) != tag_key(&fields[items[i - 1].idx])) {
                groups[cgroups].first = i;
                groups[cgroups++].n = 0;
            }
            groups[cgroups - 1].n++;
        }
        cbTagged = (size_t)cgroups * TAGFLD_SIZE;
        uint32_t mask = layout->fLargePage ? TAGFLD_IB_LARGE : TAGFLD_IB_SMALL;
        for (uint32_t gi = 0; gi < cgroups; gi++) {
            err = plan_group(layout, fields, items, &groups[gi]);
            if (err < 0)
                goto done;
            if (cbTagged > mask) {    /* this entry's start offset must fit the TAGFLD ib mask */
                err = JET_errRecordTooBig;
                goto done;
            }
            cbTagged += groups[gi].cb;
        }
    }

    size_t cbRec = ibVarData + cbVar + cbTagged;
    *pcbActual = cbRec;
    if (cbRec > cbOut || cbRec > 0xFFFFu || ibVarOffsets > 0xFFFFu) {
        err = JET_errRecordTooBig;
        goto done;
    }

    /* Header, fixed data and NULL bitmap (unused high bits set, as the engine leaves them). */
    out[0] = (uint8_t)fidFixed;
    out[1] = (uint8_t)fidVar;
    esent_wr16(out + 2, (uint32_t)ibVarOffsets);
    memset(out + ESENT_REC_HEADER_SIZE, 0, ibBitmap - ESENT_REC_HEADER_SIZE);
    memset(out + ibBitmap, 0xFF, ibVarOffsets - ibBitmap);
    for (uint32_t fid = 1; fid <= fidFixed; fid++) {
        int32_t i = fid_given(given, fid) ? fixedIdx[fid] : -1;
        if (i >= 0 && !(fields[i].flags & ESENT_RECV_NULL)) {
            memcpy(out + layout->ibFixed[fid], fields[i].pv, fields[i].cb);
            out[ibBitmap + (fid - 1) / 8] &= (uint8_t)~(1u << ((fid - 1) % 8));
        }
    }
    /* Variable offsets (end of each column; NULL = previous end | 0x8000) and data. */
    uint32_t end = 0;
    for (uint32_t k = 0; k < cvar; k++) {
        int32_t i = fid_given(given, ESENT_FID_VAR_FIRST + k) ? varIdx[k] : -1;
        if (i >= 0 && !(fields[i].flags & ESENT_RECV_NULL)) {
            if (fields[i].cb)
                memcpy(out + ibVarData + end, fields[i].pv, fields[i].cb);
            end += fields[i].cb;
            esent_wr16(out + ibVarOffsets + 2 * k, end);
        } else {
            esent_wr16(out + ibVarOffsets + 2 * k, end | VAROFF_NULL);
        }
    }
    /* TAGFLD array, then each entry's bytes. */
    uint8_t *tag = out + ibVarData + end;
    uint32_t ib = cgroups * TAGFLD_SIZE;
    for (uint32_t gi = 0; gi < cgroups; gi++) {
        const tag_group *g = &groups[gi];
        const esent_rec_field *f0 = &fields[items[g->first].idx];
        uint32_t v = ib;
        if (f0->flags & ESENT_RECV_DERIVED)
            v |= TAGFLD_DERIVED;
        if (!layout->fLargePage && g->fHeader)
            v |= TAGFLD_EXTENDED;
        if (g->fNullSmall)
            v |= TAGFLD_NULL_SMALL;
        esent_wr16(tag + gi * TAGFLD_SIZE, f0->fid & 0xFFFFu);
        esent_wr16(tag + gi * TAGFLD_SIZE + 2, v);
        put_group(fields, items, g, tag + ib);
        ib += g->cb;
    }
done:
    free(items);
    free(groups);
    return err;
}
