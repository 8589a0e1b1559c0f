/* Catalog rows: see catalog.h and ese-format.md §4. */
#include "format/catalog.h"
#include "format/bytes.h"

#include <string.h>

#define NN ESENT_FFIELD_NOT_NULL

/* The catalog's columns (ENG _cat.cxx rgcdescMSO, fids from cat.hxx), in fid order. */
const esent_cat_coldef esent_cat_coldefs[] = {
    { "ObjidTable",           { ESENT_CAT_FID_OBJID_TABLE, JET_coltypLong, 4, NN } },
    { "Type",                 { ESENT_CAT_FID_TYPE, JET_coltypShort, 2, NN } },
    { "Id",                   { ESENT_CAT_FID_ID, JET_coltypLong, 4, NN } },
    { "ColtypOrPgnoFDP",      { ESENT_CAT_FID_COLTYP_OR_PGNOFDP, JET_coltypLong, 4, NN } },
    { "SpaceUsage",           { ESENT_CAT_FID_SPACE_USAGE, JET_coltypLong, 4, NN } },
    { "Flags",                { ESENT_CAT_FID_FLAGS, JET_coltypLong, 4, NN } },
    { "PagesOrLocale",        { ESENT_CAT_FID_PAGES_OR_LOCALE, JET_coltypLong, 4, NN } },
    { "RootFlag",             { ESENT_CAT_FID_ROOT_FLAG, JET_coltypBit, 1, 0 } },
    { "RecordOffset",         { ESENT_CAT_FID_RECORD_OFFSET, JET_coltypShort, 2, 0 } },
    { "LCMapFlags",           { ESENT_CAT_FID_LCMAP_FLAGS, JET_coltypLong, 4, 0 } },
    { "KeyMost",              { ESENT_CAT_FID_KEY_MOST, JET_coltypUnsignedShort, 2, 0 } },
    { "LVChunkMax",           { ESENT_CAT_FID_LV_CHUNK_MAX, JET_coltypLong, 4, 0 } },
    { "PgnoFDPLastSetTime",   { ESENT_CAT_FID_PGNOFDP_LAST_SET_TIME, JET_coltypDateTime, 8, 0 } },
    { "Name",                 { ESENT_CAT_FID_NAME, JET_coltypText, 255, NN } },
    { "Stats",                { ESENT_CAT_FID_STATS, JET_coltypBinary, 255, 0 } },
    { "TemplateTable",        { ESENT_CAT_FID_TEMPLATE_TABLE, JET_coltypText, 255, 0 } },
    { "DefaultValue",         { ESENT_CAT_FID_DEFAULT_VALUE, JET_coltypBinary, 255, 0 } },
    { "KeyFldIDs",            { ESENT_CAT_FID_KEY_FLD_IDS, JET_coltypBinary, 255, 0 } },
    { "VarSegMac",            { ESENT_CAT_FID_VAR_SEG_MAC, JET_coltypBinary, 255, 0 } },
    { "ConditionalColumns",   { ESENT_CAT_FID_CONDITIONAL_COLUMNS, JET_coltypBinary, 255, 0 } },
    { "TupleLimits",          { ESENT_CAT_FID_TUPLE_LIMITS, JET_coltypBinary, 255, 0 } },
    { "Version",              { ESENT_CAT_FID_VERSION, JET_coltypBinary, 255, 0 } },
    { "SortID",               { ESENT_CAT_FID_SORT_ID, JET_coltypBinary, 255, 0 } },
    { "CallbackData",         { ESENT_CAT_FID_CALLBACK_DATA, JET_coltypLongBinary, 0, 0 } },
    { "CallbackDependencies", { ESENT_CAT_FID_CALLBACK_DEPENDENCIES, JET_coltypLongBinary, 0, 0 } },
    { "SeparateLV",           { ESENT_CAT_FID_SEPARATE_LV, JET_coltypLongBinary, 0, 0 } },
    { "SpaceHints",           { ESENT_CAT_FID_SPACE_HINTS, JET_coltypLongBinary, 0, 0 } },
    { "SpaceDeferredLVHints", { ESENT_CAT_FID_SPACE_DEFERRED_LV_HINTS, JET_coltypLongBinary, 0, 0 } },
    { "LocaleName",           { ESENT_CAT_FID_LOCALE_NAME, JET_coltypLongBinary, 0, 0 } },
};
const size_t esent_cat_ccoldefs = sizeof esent_cat_coldefs / sizeof esent_cat_coldefs[0];

JET_ERR esent_cat_layout(esent_rec_layout *layout, esent_rec_column *columns, uint32_t cbPage)
{
    for (size_t i = 0; i < esent_cat_ccoldefs; i++)
        columns[i] = esent_cat_coldefs[i].col;
    return esent_rec_layout_init(layout, columns, esent_cat_ccoldefs, cbPage);
}



/* The row's variable and tagged blobs, indexed by fid. */
static esent_cat_blob *blob_of(esent_cat_row *row, uint32_t fid)
{
    switch (fid) {
    case ESENT_CAT_FID_NAME: return &row->name;
    case ESENT_CAT_FID_STATS: return &row->stats;
    case ESENT_CAT_FID_TEMPLATE_TABLE: return &row->templateTable;
    case ESENT_CAT_FID_DEFAULT_VALUE: return &row->defaultValue;
    case ESENT_CAT_FID_KEY_FLD_IDS: return &row->keyFldIDs;
    case ESENT_CAT_FID_VAR_SEG_MAC: return &row->varSegMac;
    case ESENT_CAT_FID_CONDITIONAL_COLUMNS: return &row->conditionalColumns;
    case ESENT_CAT_FID_TUPLE_LIMITS: return &row->tupleLimits;
    case ESENT_CAT_FID_VERSION: return &row->version;
    case ESENT_CAT_FID_SORT_ID: return &row->sortID;
    case ESENT_CAT_FID_CALLBACK_DATA: return &row->callbackData;
    case ESENT_CAT_FID_CALLBACK_DEPENDENCIES: return &row->callbackDependencies;
    case ESENT_CAT_FID_SEPARATE_LV: return &row->separateLV;
    case ESENT_CAT_FID_SPACE_HINTS: return &row->spaceHints;
    case ESENT_CAT_FID_SPACE_DEFERRED_LV_HINTS: return &row->spaceDeferredLVHints;
    case ESENT_CAT_FID_LOCALE_NAME: return &row->localeName;
    default: return NULL;
    }
}

/* Pointer and size of a fixed field in the row struct. */
static void *fixed_of(esent_cat_row *row, uint32_t fid, uint32_t *cb)
{
    switch (fid) {
    case ESENT_CAT_FID_OBJID_TABLE: *cb = 4; return &row->objidTable;
    case ESENT_CAT_FID_TYPE: *cb = 2; return &row->type;
    case ESENT_CAT_FID_ID: *cb = 4; return &row->id;
    case ESENT_CAT_FID_COLTYP_OR_PGNOFDP: *cb = 4; return &row->coltypOrPgnoFDP;
    case ESENT_CAT_FID_SPACE_USAGE: *cb = 4; return &row->spaceUsage;
    case ESENT_CAT_FID_FLAGS: *cb = 4; return &row->flags;
    case ESENT_CAT_FID_PAGES_OR_LOCALE: *cb = 4; return &row->pagesOrLocale;
    case ESENT_CAT_FID_ROOT_FLAG: *cb = 1; return &row->rootFlag;
    case ESENT_CAT_FID_RECORD_OFFSET: *cb = 2; return &row->recordOffset;
    case ESENT_CAT_FID_LCMAP_FLAGS: *cb = 4; return &row->lcmapFlags;
    case ESENT_CAT_FID_KEY_MOST: *cb = 2; return &row->keyMost;
    case ESENT_CAT_FID_LV_CHUNK_MAX: *cb = 4; return &row->lvChunkMax;
    case ESENT_CAT_FID_PGNOFDP_LAST_SET_TIME: *cb = 8; return &row->pgnoFDPLastSetTime;
    default: *cb = 0; return NULL;
    }
}

static void store_fixed(void *field, uint32_t cb, uint64_t v)
{
    switch (cb) {
    case 1: *(uint8_t *)field = (uint8_t)v; break;
    case 2: *(uint16_t *)field = (uint16_t)v; break;
    case 4: *(uint32_t *)field = (uint32_t)v; break;
    default: *(uint64_t *)field = v; break;
    }
}

static uint64_t load_fixed(const void *field, uint32_t cb)
{
    switch (cb) {
    case 1: return *(const uint8_t *)field;
    case 2: return *(const uint16_t *)field;
    case 4: return *(const uint32_t *)field;
    default: return *(const uint64_t *)field;
    }
}

JET_ERR esent_cat_decode(const uint8_t *pb, size_t cb, const esent_rec_layout *layout, esent_cat_row *row)
{
    esent_rec rec;
    esent_rec_value v;
    JET_ERR err;
    memset(row, 0, sizeof *row);
    if ((err = esent_rec_parse(pb, cb, layout, &rec)) < 0)
        return err;
    for (uint32_t fid = 1; fid <= ESENT_CAT_FIXED_LAST; fid++) {
        uint32_t cbField;
        void *field = fixed_of(row, fid, &cbField);
        if (esent_rec_get_fixed(&rec, fid, &v) == 1 && !(v.flags & ESENT_RECV_NULL)) {
            store_fixed(field, cbField, esent_rdle(v.pb, cbField));
            row->fixedPresent |= ESENT_CAT_PRESENT(fid);
        }
    }
    for (uint32_t fid = ESENT_FID_VAR_FIRST; fid <= rec.fidVarLast; fid++) {
        esent_cat_blob *b = blob_of(row, fid);
        if (b && esent_rec_get_var(&rec, fid, &v) == 1 && !(v.flags & ESENT_RECV_NULL)) {
            b->pb = v.pb;
            b->cb = v.cb;
            b->fPresent = 1;
        }
    }
    for (uint32_t i = 0; i < rec.ctagfld; i++) {
        esent_rec_tagged t;
        esent_rec_tagged_at(&rec, i, &t);
        esent_cat_blob *b = blob_of(row, t.fid);
        if (b == NULL || (t.flags & ESENT_RECV_NULL))
            continue;   /* unknown (newer) catalog columns are ignored */
        if (t.cvalues != 1)
            return JET_errCatalogCorrupted;
        esent_rec_tagged_value(&t, 1, &v);
        b->pb = v.pb;
        b->cb = v.cb;
        b->fPresent = 1;
        b->fSeparated = (v.flags & ESENT_RECV_SEPARATED) != 0;
        b->lid = v.lid;
    }
    const uint32_t required = ESENT_CAT_PRESENT(1) | ESENT_CAT_PRESENT(2) | ESENT_CAT_PRESENT(3)
        | ESENT_CAT_PRESENT(4) | ESENT_CAT_PRESENT(5) | ESENT_CAT_PRESENT(6) | ESENT_CAT_PRESENT(7);
    if ((row->fixedPresent & required) != required || !row->name.fPresent)
        return JET_errCatalogCorrupted;
    return JET_errSuccess;
}

JET_ERR esent_cat_encode(const esent_cat_row *row, const esent_rec_layout *layout, uint8_t *out, size_t cbOut,
                         size_t *pcb)
{
    esent_rec_field fields[ESENT_CAT_FIXED_LAST + 32];
    uint8_t fixed[ESENT_CAT_FIXED_LAST + 1][8];
    size_t n = 0;
    esent_cat_row copy = *row;   /* blob_of/fixed_of take a mutable row */
    for (uint32_t fid = 1; fid <= ESENT_CAT_FIXED_LAST; fid++) {
        uint32_t cbField;
        const void *field = fixed_of(&copy, fid, &cbField);
        if (!(row->fixedPresent & ESENT_CAT_PRESENT(fid)))
            continue;
        esent_wrle(fixed[fid], load_fixed(field, cbField), cbField);
        fields[n++] = (esent_rec_field){ .fid = fid, .pv = fixed[fid], .cb = cbField };
    }
    for (size_t i = 0; i < esent_cat_ccoldefs; i++) {
        uint32_t fid = esent_cat_coldefs[i].col.columnid;
        const esent_cat_blob *b = fid >= ESENT_FID_VAR_FIRST ? blob_of(&copy, fid) : NULL;
        if (b == NULL || !b->fPresent)
            continue;
        esent_rec_field f = { .fid = fid, .pv = b->pb, .cb = b->cb };
        if (fid >= ESENT_FID_TAGGED_FIRST) {
            f.flags = ESENT_RECV_LONGVALUE;
            if (b->fSeparated)
                f.flags |= ESENT_RECV_SEPARATED, f.lid = b->lid;
        }
        fields[n++] = f;
    }
    return esent_rec_encode(layout, fields, n, out, cbOut, pcb);
}

size_t esent_cat_name(const esent_cat_row *row, char *out, size_t cchOut)
{
    size_t cb = row->name.fPresent ? row->name.cb : 0;
    if (cchOut) {
        size_t c = cb < cchOut - 1 ? cb : cchOut - 1;
        if (c)
            memcpy(out, row->name.pb, c);
        out[c] = 0;
    }
    return cb;
}

esent_cat_blob esent_cat_blob_of(const void *pv, uint32_t cb)
{
    esent_cat_blob b = { (const uint8_t *)pv, cb, 1, 0, 0 };
    return b;
}

JET_ERR esent_cat_key_segments(const esent_cat_row *row, esent_cat_idxseg *segs, uint32_t cmax, uint32_t *pcsegs)
{
    const esent_cat_blob *b = &row->keyFldIDs;
    int extended = ((row->flags >> 16) & ESENT_IDXFLAG_EXTENDED_COLUMNS) != 0;
    uint32_t cbSeg = extended ? 4u : 2u;
    *pcsegs = 0;
    if (!b->fPresent)
        return JET_errSuccess;
    if (b->fSeparated || b->cb % cbSeg || b->cb / cbSeg > cmax)
        return JET_errCatalogCorrupted;
    for (uint32_t i = 0; i < b->cb / cbSeg; i++) {
        const uint8_t *p = b->pb + i * cbSeg;
        if (extended) {
            segs[i].flags = p[0];
            segs[i].fid = (uint16_t)(p[2] | (p[3] << 8));
        } else {
            /* Legacy IDXSEG: a signed fid, negative when descending. */
            int16_t s = (int16_t)(uint16_t)(p[0] | (p[1] << 8));
            segs[i].flags = s < 0 ? ESENT_IDXSEG_DESCENDING : 0;
            segs[i].fid = (uint16_t)(s < 0 ? -s : s);
        }
    }
    *pcsegs = b->cb / cbSeg;
    return JET_errSuccess;
}

void esent_cat_key_segments_encode(const esent_cat_idxseg *segs, uint32_t csegs, uint8_t *out)
{
    for (uint32_t i = 0; i < csegs; i++) {
        out[4 * i] = segs[i].flags;
        out[4 * i + 1] = 0;
        esent_wrle(out + 4 * i + 2, segs[i].fid, 2);
    }
}

void esent_cat_row_to_column(const esent_cat_row *row, esent_rec_column *col)
{
    col->columnid = row->id;
    col->coltyp = row->coltypOrPgnoFDP;
    col->cbMax = row->spaceUsage;
    col->ffield = row->flags;
}
