#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "storage/btree.h"
#include "storage/schema.h"
#include "util/sortkey.h"
#include "util/wstr.h"

/* Windows-1252 0x80..0x9F; the rest of the code page is Latin-1 (U+0000..U+00FF). Undefined bytes
 * map to themselves, as MultiByteToWideChar does for cp 1252. */
static const uint16_t cp1252_80[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
    0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x009D, 0x017E, 0x0178,
};

/* Catalog name bytes → a heap UTF-16 string; stops at an embedded NUL. NULL on allocation failure. */
static WCHAR *name_to_w(const uint8_t *pb, uint32_t cb)
{
    WCHAR *w = (WCHAR *)malloc(((size_t)cb + 1) * sizeof(WCHAR));
    uint32_t i;

    if (w == NULL)
        return NULL;
    for (i = 0; i < cb && pb[i] != 0; i++)
        w[i] = (WCHAR)(pb[i] >= 0x80 && pb[i] < 0xA0 ? cp1252_80[pb[i] - 0x80] : pb[i]);
    w[i] = 0;
    return w;
}

static WCHAR *blob_name(const esent_cat_blob *b)
{
    static const uint8_t empty = 0;
    if (!b->fPresent || b->fSeparated)
        return name_to_w(&empty, 0);
    return name_to_w(b->pb, b->cb);
}

/* Appends one zeroed element of cb_elem bytes to an array of *pcount; returns it, or NULL (array kept). */
static void *grow(void **parr, uint32_t *pcount, size_t cb_elem)
{
    uint8_t *arr = (uint8_t *)realloc(*parr, ((size_t)*pcount + 1) * cb_elem);

    if (arr == NULL)
        return NULL;
    *parr = arr;
    memset(arr + (size_t)*pcount * cb_elem, 0, cb_elem);
    return arr + (size_t)(*pcount)++ * cb_elem;
}

static void free_table(esent_schema_table *t)
{
    uint32_t i;

    free(t->name);
    free(t->template_name);
    for (i = 0; i < t->ccolumns; i++)
        free(t->columns[i].name);
    for (i = 0; i < t->ccolumns; i++)
        free(t->columns[i].default_value);
    free(t->columns);
    for (i = 0; i < t->cindexes; i++) {
        free(t->indexes[i].name);
        free(t->indexes[i].segs);
        free(t->indexes[i].locale_name);
        free(t->indexes[i].keycols);
        free(t->indexes[i].sortkey);
    }
    free(t->indexes);
    free(t->reccols);
}

void esent_schema_free(esent_schema *s)
{
    uint32_t i;

    if (s == NULL)
        return;
    for (i = 0; i < s->ctables; i++)
        free_table(&s->tables[i]);
    free(s->tables);
    free(s);
}

static JET_ERR add_table(esent_schema *s, const esent_cat_row *row)
{
    esent_schema_table *t;

    if (s->ctables && s->tables[s->ctables - 1].objid >= row->objidTable)
        return JET_errCatalogCorrupted; /* table rows out of key order, or twice */
    if (row->id != row->objidTable)
        return JET_errCatalogCorrupted;
    t = (esent_schema_table *)grow((void **)&s->tables, &s->ctables, sizeof *t);
    if (t == NULL)
        return JET_errOutOfMemory;
    t->objid = row->objidTable;
    t->pgno_fdp = row->coltypOrPgnoFDP;
    t->flags = row->flags;
    t->pages = row->pagesOrLocale;
    t->density = row->spaceUsage;
    t->name = blob_name(&row->name);
    if (t->name == NULL)
        return JET_errOutOfMemory;
    if (row->templateTable.fPresent) {
        t->template_name = blob_name(&row->templateTable);
        if (t->template_name == NULL)
            return JET_errOutOfMemory;
    }
    return JET_errSuccess;
}

static JET_ERR add_column(esent_schema_table *t, const esent_cat_row *row)
{
    esent_schema_column *col;

    if (t->ccolumns && t->columns[t->ccolumns - 1].columnid >= row->id)
        return JET_errCatalogCorrupted;
    col = (esent_schema_column *)grow((void **)&t->columns, &t->ccolumns, sizeof *col);
    if (col == NULL)
        return JET_errOutOfMemory;
    col->columnid = row->id;
    col->coltyp = row->coltypOrPgnoFDP;
    col->cbMax = row->spaceUsage;
    col->flags = row->flags;
    col->codepage = row->pagesOrLocale;
    col->name = blob_name(&row->name);
    if (col->name == NULL)
        return JET_errOutOfMemory;
    if (row->defaultValue.fPresent && !row->defaultValue.fSeparated) {
        col->default_value = (uint8_t *)malloc(row->defaultValue.cb ? row->defaultValue.cb : 1u);
        if (col->default_value == NULL)
            return JET_errOutOfMemory;
        if (row->defaultValue.cb)
            memcpy(col->default_value, row->defaultValue.pb, row->defaultValue.cb);
        col->cb_default = row->defaultValue.cb;
    }
    return JET_errSuccess;
}

static JET_ERR add_index(esent_schema_table *t, const esent_cat_row *row)
{
    esent_schema_index *idx;
    uint32_t cmax = row->keyFldIDs.fPresent ? row->keyFldIDs.cb / 2u + 1u : 1u;
    JET_ERR err;

    idx = (esent_schema_index *)grow((void **)&t->indexes, &t->cindexes, sizeof *idx);
    if (idx == NULL)
        return JET_errOutOfMemory;
    idx->objid = row->id;
    idx->pgno_fdp = row->coltypOrPgnoFDP;
    idx->flags = row->flags;
    idx->lcid = row->pagesOrLocale;
    idx->lcmap_flags = row->lcmapFlags;
    idx->cb_key_most = (row->fixedPresent & ESENT_CAT_PRESENT(ESENT_CAT_FID_KEY_MOST)) && row->keyMost ? row->keyMost
                                                                                                       : 255u;
    idx->conditional = row->conditionalColumns.fPresent && row->conditionalColumns.cb > 0;
    idx->tuple = row->tupleLimits.fPresent;
    idx->density = row->spaceUsage;
    if (row->varSegMac.fPresent && !row->varSegMac.fSeparated && row->varSegMac.cb >= 2)
        idx->var_seg_mac = (uint32_t)row->varSegMac.pb[0] | ((uint32_t)row->varSegMac.pb[1] << 8);
    if (row->version.fPresent && !row->version.fSeparated && row->version.cb == 8)
        for (int b = 7; b >= 0; b--)
            idx->sort_version = (idx->sort_version << 8) | row->version.pb[b];
    if (row->sortID.fPresent && !row->sortID.fSeparated && row->sortID.cb == sizeof idx->sort_id) {
        memcpy(idx->sort_id, row->sortID.pb, sizeof idx->sort_id);
        idx->has_sort_id = 1;
    }
    if (row->localeName.fPresent && !row->localeName.fSeparated) {
        uint32_t cch = row->localeName.cb / 2u;
        idx->locale_name = (WCHAR *)calloc((size_t)cch + 1u, sizeof(WCHAR));
        if (idx->locale_name == NULL)
            return JET_errOutOfMemory;
        for (uint32_t k = 0; k < cch; k++)
            idx->locale_name[k] = (WCHAR)(row->localeName.pb[2 * k] | (row->localeName.pb[2 * k + 1] << 8));
    }
    idx->name = blob_name(&row->name);
    idx->segs = (esent_cat_idxseg *)calloc(cmax, sizeof *idx->segs);
    if (idx->name == NULL || idx->segs == NULL)
        return JET_errOutOfMemory;
    err = esent_cat_key_segments(row, idx->segs, cmax, &idx->csegs);
    return err;
}

static JET_ERR add_row(esent_schema *s, const esent_cat_row *row)
{
    esent_schema_table *t;

    if (row->type == ESENT_CAT_TYPE_TABLE)
        return add_table(s, row);
    /* Every other row follows its table's row in key order (ObjidTable, Type, Id). */
    if (s->ctables == 0 || s->tables[s->ctables - 1].objid != row->objidTable)
        return JET_errCatalogCorrupted;
    t = &s->tables[s->ctables - 1];
    switch (row->type) {
    case ESENT_CAT_TYPE_COLUMN:
        return add_column(t, row);
    case ESENT_CAT_TYPE_INDEX:
        return add_index(t, row);
    case ESENT_CAT_TYPE_LONGVALUE:
        if (t->lv_objid != 0)
            return JET_errCatalogCorrupted; /* at most one LV tree per table */
        t->lv_objid = row->id;
        t->lv_pgno_fdp = row->coltypOrPgnoFDP;
        return JET_errSuccess;
    default:
        return JET_errSuccess; /* callbacks and obsolete SLV rows carry no structure we use */
    }
}

/* Whether a key segment of idx names a Unicode text column of t. */
static int index_over_unicode(const esent_schema_table *t, const esent_schema_index *idx)
{
    for (uint32_t k = 0; k < idx->csegs; k++) {
        const esent_schema_column *col = esent_schema_column_by_id(t, idx->segs[k].fid);
        if (col != NULL && (col->coltyp == JET_coltypText || col->coltyp == JET_coltypLongText) &&
            col->codepage == ESENT_CP_UNICODE)
            return 1;
    }
    return 0;
}

/* Key descriptors of one index; key_ok stays 0 when a segment names no usable column. unicode and
 * sort_current are set first, whatever else the index holds. */
static JET_ERR derive_index(esent_schema_table *t, esent_schema_index *idx)
{
    idx->unicode = (uint8_t)index_over_unicode(t, idx);
    idx->sort_current = 1;
    if (idx->unicode) {
        /* The index's locale and flags as its catalog row gives them, and whether its keys were made
         * with the sort order in use now. An index this platform cannot set up (unknown locale, flags
         * ESENT does not accept) cannot make keys (key_ok stays 0) and is out of date. */
        idx->sortkey = (esent_index_sortkey *)calloc(1, sizeof *idx->sortkey);
        if (idx->sortkey == NULL)
            return JET_errOutOfMemory;
        if (esent_index_sortkey_init(idx->sortkey, idx->locale_name, idx->lcid, idx->lcmap_flags) < 0) {
            free(idx->sortkey);
            idx->sortkey = NULL;
            idx->sort_current = 0;
        } else {
            idx->sort_current = (uint8_t)esent_sortkey_is_current(idx->sortkey->locale, idx->sort_version,
                                                                  idx->has_sort_id ? idx->sort_id : NULL);
        }
    }
    if (idx->csegs == 0 || idx->csegs > JET_ccolKeyMost)
        return JET_errSuccess;
    idx->keycols = (esent_key_column *)calloc(idx->csegs, sizeof *idx->keycols);
    if (idx->keycols == NULL)
        return JET_errOutOfMemory;
    for (uint32_t k = 0; k < idx->csegs; k++) {
        const esent_schema_column *col = esent_schema_column_by_id(t, idx->segs[k].fid);
        if (col == NULL || col->coltyp == JET_coltypNil)
            return JET_errSuccess;
        esent_key_column *kc = &idx->keycols[k];
        kc->coltyp = col->coltyp;
        kc->cp = (uint16_t)col->codepage;
        kc->fixed = col->columnid <= ESENT_FID_FIXED_MOST;
        kc->descending = (idx->segs[k].flags & ESENT_IDXSEG_DESCENDING) != 0;
        kc->cb_fixed = kc->fixed ? col->cbMax : 0;
    }
    uint32_t idb = idx->flags & 0xFFFFu, idxflag = idx->flags >> 16;
    idx->key.cb_key_most = idx->cb_key_most;
    idx->key.cb_var_seg_mac = idx->var_seg_mac;
    idx->key.flags = ((idb & 0x0800u) ? ESENT_KEYIDX_SORT_NULLS_HIGH : 0) |
                     ((idxflag & 0x0002u) ? ESENT_KEYIDX_DOTNET_GUID : 0) |
                     ((idb & 0x4000u) ? ESENT_KEYIDX_DISALLOW_TRUNCATION : 0);
    idx->key.sortkey = NULL;
    if (idx->unicode) {
        if (idx->sortkey == NULL)
            return JET_errSuccess;
        idx->key.sortkey = &idx->sortkey->sk;
    }
    idx->key.ccol = idx->csegs;
    idx->key.cols = idx->keycols;
    idx->key_ok = 1;
    return JET_errSuccess;
}

/* Record layout and index key descriptors of a loaded table. */
static JET_ERR derive_table(esent_schema_table *t, uint32_t cb_page)
{
    t->reccols = (esent_rec_column *)calloc(t->ccolumns ? t->ccolumns : 1u, sizeof *t->reccols);
    if (t->reccols == NULL)
        return JET_errOutOfMemory;
    for (uint32_t i = 0; i < t->ccolumns; i++) {
        t->reccols[i].columnid = t->columns[i].columnid;
        t->reccols[i].coltyp = t->columns[i].coltyp;
        t->reccols[i].cbMax = t->columns[i].cbMax;
        t->reccols[i].ffield = t->columns[i].flags;
    }
    t->layout_ok = esent_rec_layout_init(&t->layout, t->reccols, t->ccolumns, cb_page) == JET_errSuccess;
    for (uint32_t i = 0; i < t->cindexes; i++) {
        JET_ERR err = derive_index(t, &t->indexes[i]);
        if (err != JET_errSuccess)
            return err;
        if (t->indexes[i].flags & ESENT_IDB_PRIMARY)
            t->primary = &t->indexes[i];
    }
    return JET_errSuccess;
}

JET_ERR esent_schema_load(esent_pagefile *pf, esent_schema **ps)
{
    esent_rec_column cols[64];
    esent_rec_layout layout;
    esent_btree_cursor c;
    esent_schema *s;
    JET_ERR err;

    if (ps == NULL)
        return JET_errInvalidParameter;
    *ps = NULL;
    if (pf == NULL || esent_cat_ccoldefs > sizeof cols / sizeof cols[0])
        return JET_errInvalidParameter;
    err = esent_cat_layout(&layout, cols, esent_pagefile_page_size(pf));
    if (err != JET_errSuccess)
        return err;
    s = (esent_schema *)calloc(1, sizeof *s);
    if (s == NULL)
        return JET_errOutOfMemory;
    err = esent_btree_open(&c, pf, ESENT_CAT_OBJID_MSO, ESENT_CAT_PGNO_MSO);
    if (err != JET_errSuccess) {
        free(s);
        return err;
    }
    for (err = esent_btree_move_first(&c); err == JET_errSuccess; err = esent_btree_move_next(&c)) {
        const uint8_t *data;
        uint32_t cb_data;
        esent_cat_row row;

        err = esent_btree_current(&c, NULL, NULL, &data, &cb_data);
        if (err == JET_errSuccess)
            err = esent_cat_decode(data, cb_data, &layout, &row);
        if (err == JET_errSuccess)
            err = add_row(s, &row);
        if (err != JET_errSuccess)
            break;
    }
    esent_btree_close(&c);
    if (err == JET_errRecordNotFound || err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
    for (uint32_t i = 0; err == JET_errSuccess && i < s->ctables; i++)
        err = derive_table(&s->tables[i], esent_pagefile_page_size(pf));
    if (err != JET_errSuccess) {
        esent_schema_free(s);
        return err;
    }
    *ps = s;
    return JET_errSuccess;
}

const esent_schema_table *esent_schema_find_table(const esent_schema *s, const WCHAR *name)
{
    uint32_t i;

    if (s == NULL || name == NULL)
        return NULL;
    for (i = 0; i < s->ctables; i++)
        if (esent_wicmp(s->tables[i].name, name) == 0)
            return &s->tables[i];
    return NULL;
}

const esent_schema_index *esent_schema_find_index(const esent_schema_table *t, const WCHAR *name)
{
    uint32_t i;

    if (t == NULL || name == NULL)
        return NULL;
    for (i = 0; i < t->cindexes; i++)
        if (esent_wicmp(t->indexes[i].name, name) == 0)
            return &t->indexes[i];
    return NULL;
}

uint32_t esent_schema_stale_indexes(const esent_schema_table *t, int *pprimary)
{
    uint32_t n = 0;
    if (pprimary != NULL)
        *pprimary = 0;
    for (uint32_t i = 0; t != NULL && i < t->cindexes; i++) {
        if (t->indexes[i].sort_current)
            continue;
        if (!(t->indexes[i].flags & ESENT_IDB_PRIMARY))
            n++;
        else if (pprimary != NULL)
            *pprimary = 1;
    }
    return n;
}

const esent_schema_column *esent_schema_find_column(const esent_schema_table *t, const WCHAR *name)
{
    if (t == NULL || name == NULL)
        return NULL;
    for (uint32_t i = 0; i < t->ccolumns; i++)
        if (t->columns[i].coltyp != JET_coltypNil && esent_wicmp(t->columns[i].name, name) == 0)
            return &t->columns[i];
    return NULL;
}

const esent_schema_column *esent_schema_column_by_id(const esent_schema_table *t, uint32_t columnid)
{
    if (t == NULL)
        return NULL;
    uint32_t fid = columnid & 0xFFFFu;
    for (uint32_t i = 0; i < t->ccolumns; i++)
        if (t->columns[i].columnid == fid)
            return &t->columns[i];
    return NULL;
}
