/* DDL on indexes: JetCreateIndex..4 (and the indexes of JetCreateTableColumnIndex*), JetDeleteIndex,
 * and the lazily created long-value tree. Index rows follow ese-format.md §4.2 (Index). */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "format/bytes.h"
#include "format/key.h"
#include "storage/btree.h"
#include "table/catwrite.h"
#include "table/cursor.h"
#include "table/ddlint.h"
#include "table/idxkey.h"
#include "table/lvstore.h"
#include "table/trx.h"
#include "util/sortkey.h"
#include "util/wstr.h"

/* IDBFLAG bits (low u16 of an index row's Flags) beyond those storage/schema.h names. */
#define IDB_NO_NULL_SEG      0x0010u
#define IDB_LOCALE_SET       0x0040u
#define IDB_LOCALIZED_TEXT   0x0400u
#define IDB_SORT_NULLS_HIGH  0x0800u
#define IDB_DISALLOW_TRUNC   0x4000u
#define IDB_NESTED_TABLE     0x8000u
#define IDXFLAG_DOTNET_GUID  0x0002u

/* ---- validation ---- */

/* The parsed definition of one index, as its catalog row needs it. */
typedef struct idx_plan {
    char name[JET_cbNameMost + 1];
    uint32_t density;
    uint32_t key_most, var_seg_mac;
    uint32_t idb, idxflag;
    esent_index_sortkey isk;    /* locale, LCMapFlags and sort version */
    uint32_t csegs, ccond;
    esent_cat_idxseg segs[JET_ccolKeyMost];
    esent_cat_idxseg cond[JET_ccolKeyMost];
    const WCHAR *seg_names[JET_ccolKeyMost];
} idx_plan;

static uint32_t key_most_for_page(uint32_t cb_page)
{
    return cb_page <= 2048 ? 500u : cb_page <= 4096 ? 1000u : ESENT_KEY_MOST_MOST;
}

/* Splits the key description into segments ("+a\0-b\0\0"): JET_errInvalidParameter when empty,
 * JET_errIndexInvalidDef when it does not start with + or -, lacks the two terminators, names more than
 * JET_ccolKeyMost or no column, or has anything after its terminators. */
static JET_ERR parse_key(const esent_ddl_index *def, idx_plan *p)
{
    const WCHAR *k = def->key;
    uint32_t cch = def->cch_key, i = 0;
    if (cch == 0 || k == NULL)
        return JET_errInvalidParameter;
    if ((k[0] != '+' && k[0] != '-') || cch < 2 || k[cch - 1] != 0 || k[cch - 2] != 0)
        return JET_errIndexInvalidDef;
    p->csegs = 0;
    while (i < cch && k[i] != 0) {
        if (p->csegs >= JET_ccolKeyMost)
            return JET_errIndexInvalidDef;
        uint8_t flags = 0;
        if (k[i] == '-') {
            flags = ESENT_IDXSEG_DESCENDING;
            i++;
        } else if (k[i] == '+') {
            i++;
        }
        p->segs[p->csegs].flags = flags;
        p->seg_names[p->csegs++] = &k[i];
        while (i < cch && k[i] != 0)
            i++;
        i++;
    }
    if (p->csegs == 0 || i + 1 < cch)
        return JET_errIndexInvalidDef;
    return JET_errSuccess;
}

/* Locale and LCMapStringEx flags of the index (ErrFILEIValidateCreateIndex): the instance defaults
 * (en-US and ESENT_SORTKEY_LCMAP_DEFAULT) unless JET_bitIndexUnicode or a legacy LCID names others;
 * an index whose locale is not the default one is flagged LocaleSet. */
static JET_ERR plan_locale(const esent_ddl_index *def, idx_plan *p)
{
    uint32_t flags = ESENT_SORTKEY_LCMAP_DEFAULT;
    if (def->grbit & JET_bitIndexUnicode) {
        if (!def->have_unicode)
            return JET_errIndexInvalidDef;
        if (def->lcmap_flags != 0)
            flags = def->lcmap_flags;
        p->idb |= IDB_LOCALE_SET;
    }
    JET_ERR err = esent_index_sortkey_init(&p->isk, def->locale_name, def->lcid, flags);
    if (err < 0)
        return err;
    WCHAR dflt[8];
    esent_wfrom_ascii(dflt, sizeof dflt / sizeof dflt[0], "en-US");
    if (esent_wicmp(p->isk.locale, dflt) != 0)
        p->idb |= IDB_LOCALE_SET;
    return JET_errSuccess;
}

/* Checks that do not need the table (ErrFILEIValidateCreateIndex), in ESENT's order. */
static JET_ERR plan_index(const esent_ddl_index *def, uint32_t cb_page, idx_plan *p)
{
    JET_GRBIT g = def->grbit;
    int primary = (g & JET_bitIndexPrimary) != 0;
    int ignore = (g & (JET_bitIndexIgnoreNull | JET_bitIndexIgnoreAnyNull | JET_bitIndexIgnoreFirstNull)) != 0;
    int tuples = (g & (JET_bitIndexTuples | JET_bitIndexTupleLimits)) != 0;
    memset(p, 0, sizeof *p);
    JET_ERR err = esent_ddl_name(def->name, p->name);
    if (err < 0)
        return err;
    p->density = def->density ? def->density : DDL_DENSITY_DEFAULT;
    if (p->density < DDL_DENSITY_LEAST || p->density > DDL_DENSITY_MOST)
        return JET_errDensityInvalid;
    p->key_most = ESENT_KEY_MOST_OLD;
    if (g & JET_bitIndexKeyMost) {
        if (!def->have_key_most || def->cb_key_most < JET_cbKeyMostMin || def->cb_key_most > key_most_for_page(cb_page))
            return JET_errIndexInvalidDef;
        p->key_most = def->cb_key_most;
    }
    p->var_seg_mac = (g & JET_bitIndexTupleLimits) || def->cb_var_seg_mac == 0 ? p->key_most : def->cb_var_seg_mac;
    if (primary && ignore)
        return JET_errInvalidGrbit;
    if ((g & JET_bitIndexCrossProduct) && (g & JET_bitIndexNestedTable))
        return JET_errInvalidGrbit;
    if (primary && def->ccond > 0)
        return JET_errIndexInvalidDef;
    if ((g & JET_bitIndexEmpty) && !(g & JET_bitIndexIgnoreAnyNull))
        return JET_errInvalidGrbit;
    if ((g & JET_bitIndexTupleLimits) && !def->have_tuple_limits)
        return JET_errIndexInvalidDef;
    ESENT_CALL(err, plan_locale(def, p), out);
    ESENT_CALL(err, parse_key(def, p), out);
    if (p->var_seg_mac == 0 || p->var_seg_mac > p->key_most)
        return JET_errIndexInvalidDef;
    if (tuples) {
        if (primary)
            return JET_errIndexTuplesSecondaryIndexOnly;
        if (g & JET_bitIndexUnique)
            return JET_errIndexTuplesNonUniqueOnly;
        return JET_errFeatureNotAvailable;   /* tuple indexes need tuple keys, not built */
    }
    if (!(g & JET_bitIndexDisallowNull) && !(g & JET_bitIndexIgnoreAnyNull)) {
        p->idb |= ESENT_IDB_ALLOW_SOME_NULLS;
        if (!(g & JET_bitIndexIgnoreFirstNull)) {
            p->idb |= ESENT_IDB_ALLOW_FIRST_NULL;
            if (!(g & JET_bitIndexIgnoreNull))
                p->idb |= ESENT_IDB_ALLOW_ALL_NULLS;
        }
    }
    p->idb |= ((g & (JET_bitIndexUnique | JET_bitIndexPrimary)) ? ESENT_IDB_UNIQUE : 0) |
              (primary ? ESENT_IDB_PRIMARY : 0) |
              ((g & JET_bitIndexDisallowNull) ? IDB_NO_NULL_SEG
                                              : (g & JET_bitIndexSortNullsHigh) ? IDB_SORT_NULLS_HIGH : 0) |
              ((g & JET_bitIndexCrossProduct) ? ESENT_IDB_CROSS_PRODUCT : 0) |
              ((g & JET_bitIndexNestedTable) ? IDB_NESTED_TABLE : 0) |
              ((g & JET_bitIndexDisallowTruncation) ? IDB_DISALLOW_TRUNC : 0);
    p->idxflag = ESENT_IDXFLAG_EXTENDED_COLUMNS | ((g & JET_bitIndexDotNetGuid) ? IDXFLAG_DOTNET_GUID : 0);
out:
    return err;
}

/* Key and conditional columns against the table (ErrFILEICreateIndexes' column loop). */
static JET_ERR plan_columns(const esent_schema_table *t, const esent_ddl_index *def, idx_plan *p)
{
    int primary = (def->grbit & JET_bitIndexPrimary) != 0;
    for (uint32_t k = 0; k < p->csegs; k++) {
        const esent_schema_column *c = esent_ddl_find_column(t, p->seg_names[k]);
        if (c == NULL)
            return JET_errColumnNotFound;
        if (c->flags & ESENT_FFIELD_ESCROW_UPDATE)
            return JET_errCannotIndex;
        if (c->flags & ESENT_FFIELD_MULTIVALUED) {
            if (primary)
                return JET_errIndexInvalidDef;
            p->idb |= ESENT_IDB_MULTIVALUED;
        }
        if ((c->coltyp == JET_coltypText || c->coltyp == JET_coltypLongText) && c->codepage == DDL_CP_UNICODE)
            p->idb |= IDB_LOCALIZED_TEXT;
        p->segs[k].fid = (uint16_t)c->columnid;
    }
    if (def->ccond > JET_ccolKeyMost)
        return JET_errIndexInvalidDef;
    for (uint32_t k = 0; k < def->ccond; k++) {
        const esent_ddl_condcol *cc = &def->cond[k];
        if (!cc->struct_ok)
            return JET_errIndexInvalidDef;
        if (cc->grbit != JET_bitIndexColumnMustBeNonNull && cc->grbit != JET_bitIndexColumnMustBeNull)
            return JET_errInvalidGrbit;
        const esent_schema_column *c = cc->name != NULL ? esent_ddl_find_column(t, cc->name) : NULL;
        if (c == NULL)
            return JET_errColumnNotFound;
        p->cond[k].fid = (uint16_t)c->columnid;
        p->cond[k].flags = cc->grbit == JET_bitIndexColumnMustBeNull ? ESENT_IDXSEG_MUST_BE_NULL : 0;
    }
    p->ccond = def->ccond;
    return JET_errSuccess;
}

/* ---- catalog row ---- */

static JET_ERR insert_index_row(esent_session *s, esent_tdb *tdb, const esent_schema_table *t, const idx_plan *p,
                                uint32_t objid, uint32_t pgno)
{
    uint8_t segs[4 * JET_ccolKeyMost], cond[4 * JET_ccolKeyMost], vsm[2];
    uint8_t version[ESENT_SORTKEY_VERSION_SIZE], sort_id[ESENT_SORTKEY_SORTID_SIZE], locale[2 * LOCALE_NAME_MAX_LENGTH];
    size_t cch_locale = esent_wlen(p->isk.locale);
    esent_cat_row row;
    ddl_row_init(&row, t->objid, ESENT_CAT_TYPE_INDEX, objid);
    row.coltypOrPgnoFDP = pgno;
    row.spaceUsage = p->density;
    row.flags = p->idb | (p->idxflag << 16);
    row.pagesOrLocale = 0;   /* the legacy LCID: the locale is stored by name */
    row.fixedPresent |= ESENT_CAT_PRESENT(ESENT_CAT_FID_LCMAP_FLAGS);
    row.lcmapFlags = p->isk.sk.lcmap_flags;
    if (p->key_most != ESENT_KEY_MOST_OLD) {
        row.fixedPresent |= ESENT_CAT_PRESENT(ESENT_CAT_FID_KEY_MOST);
        row.keyMost = (uint16_t)p->key_most;
    }
    row.name = esent_cat_blob_of(p->name, (uint32_t)strlen(p->name));
    esent_cat_key_segments_encode(p->segs, p->csegs, segs);
    row.keyFldIDs = esent_cat_blob_of(segs, 4u * p->csegs);
    if (p->var_seg_mac != p->key_most) {
        esent_wrle(vsm, p->var_seg_mac, 2);
        row.varSegMac = esent_cat_blob_of(vsm, 2);
    }
    if (p->ccond > 0) {
        esent_cat_key_segments_encode(p->cond, p->ccond, cond);
        row.conditionalColumns = esent_cat_blob_of(cond, 4u * p->ccond);
    }
    if (p->idb & IDB_LOCALIZED_TEXT) {
        /* The sort order its keys are built with: a later engine rebuilds the index when it differs. */
        esent_index_sortkey_catalog(&p->isk, version, sort_id);
        row.version = esent_cat_blob_of(version, ESENT_SORTKEY_VERSION_SIZE);
        row.sortID = esent_cat_blob_of(sort_id, ESENT_SORTKEY_SORTID_SIZE);
    }
    for (size_t i = 0; i < cch_locale; i++)
        esent_wrle(locale + 2 * i, p->isk.locale[i], 2);
    row.localeName = esent_cat_blob_of(locale, (uint32_t)(2 * cch_locale));
    JET_ERR err = esent_catw_insert(s, tdb, &row);
    return err == JET_errKeyDuplicate ? JET_errIndexDuplicate : err;
}

/* ---- population ---- */

/* The entries of the new index, gathered from every record before any is inserted (the primary tree
 * is read while nothing else changes). Each entry: u32 cb_key, u32 cb_bm, key, bookmark. */
typedef struct gather {
    uint8_t *buf;
    size_t cb, cap;
    const uint8_t *bm;
    uint32_t cb_bm;
} gather;

static JET_ERR gather_entry(void *ctx, const uint8_t *key, uint32_t cb_key)
{
    gather *g = (gather *)ctx;
    size_t need = 8u + cb_key + g->cb_bm;
    if (g->cb + need > g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 65536;
        while (cap < g->cb + need)
            cap *= 2;
        uint8_t *n = (uint8_t *)realloc(g->buf, cap);
        if (n == NULL)
            return JET_errOutOfMemory;
        g->buf = n;
        g->cap = cap;
    }
    uint8_t *e = g->buf + g->cb;
    esent_wrle(e, cb_key, 4);
    esent_wrle(e + 4, g->cb_bm, 4);
    memcpy(e + 8, key, cb_key);
    memcpy(e + 8 + cb_key, g->bm, g->cb_bm);
    g->cb += need;
    return JET_errSuccess;
}

static JET_ERR gather_entries(esent_tdb *tdb, const esent_schema_table *t, const esent_schema_index *x,
                              esent_cursor *c, gather *g)
{
    esent_btree_cursor bt;
    JET_ERR err = esent_btree_open(&bt, tdb->pf, t->objid, t->pgno_fdp);
    if (err < 0)
        return err;
    for (err = esent_btree_move_first(&bt); err >= 0; err = esent_btree_move_next(&bt)) {
        const uint8_t *key, *data;
        uint32_t cb_key, cb_data;
        ESENT_CALL(err, esent_btree_current(&bt, &key, &cb_key, &data, &cb_data), done);
        g->bm = key;
        g->cb_bm = cb_key;
        ESENT_CALL(err, esent_idxkey_foreach(t, x, data, cb_data, c != NULL ? esent_lvstore_read_prefix : NULL, c,
                                             gather_entry, g), done);
    }
    if (err == JET_errRecordNotFound || err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
done:
    esent_btree_close(&bt);
    return err;
}

/* Fills index x from the records of t; separated long values are read through cursor c (on t).
 * A unique index with two equal keys: JET_errKeyDuplicate. A non-unique index drops exact duplicates
 * (equal values of a multi-valued column). */
static JET_ERR populate(esent_session *s, esent_tdb *tdb, const esent_schema_table *t, const esent_schema_index *x,
                        esent_cursor *c)
{
    gather g = { 0 };
    int unique = (x->flags & ESENT_IDB_UNIQUE) != 0;
    JET_ERR err = esent_cursor_refresh(c);
    if (err >= 0)
        err = gather_entries(tdb, t, x, c, &g);
    for (size_t off = 0; err >= 0 && off < g.cb;) {
        const uint8_t *e = g.buf + off;
        uint32_t cb_key = esent_rdle(e, 4), cb_bm = esent_rdle(e + 4, 4);
        err = esent_trx_insert(s, tdb->db, x->objid, x->pgno_fdp, e + 8, cb_key, e + 8 + cb_key, cb_bm);
        if (err == JET_errKeyDuplicate && !unique)
            err = JET_errSuccess;
        off += 8u + cb_key + cb_bm;
    }
    free(g.buf);
    return err;
}

/* ---- create / delete ---- */

static JET_ERR create_index(esent_session *s, esent_tdb *tdb, uint32_t objid_table, esent_ddl_index *def,
                            esent_cursor *fill)
{
    idx_plan p;
    const esent_schema_table *t = esent_tdb_table(tdb, objid_table);
    if (t == NULL)
        return JET_errObjectNotFound;
    JET_ERR err = plan_index(def, esent_pagefile_page_size(tdb->pf), &p);
    if (err < 0)
        return err;
    ESENT_CALL(err, plan_columns(t, def, &p), out);
    int primary = (p.idb & ESENT_IDB_PRIMARY) != 0;
    if (primary && t->primary != NULL)
        return JET_errIndexHasPrimary;
    if (esent_ddl_find_index(t, def->name) != NULL)
        return JET_errIndexDuplicate;
    uint32_t objid = t->objid, pgno = t->pgno_fdp;
    if (primary && fill) {
        esent_btree_cursor bt;
        ESENT_CALL(err, esent_btree_open(&bt, tdb->pf, t->objid, t->pgno_fdp), out);
        err = esent_btree_move_first(&bt);
        esent_btree_close(&bt);
        if (err != JET_errRecordNotFound)
            return err < 0 ? err : JET_errTableNotEmpty;   /* the records would need new keys */
    } else if (!primary) {
        uint32_t kind = ESENT_TREE_INDEX | ((p.idb & ESENT_IDB_UNIQUE) ? ESENT_TREE_UNIQUE : 0);
        objid = esent_pagefile_new_objid(tdb->pf);
        ESENT_CALL(err, esent_trx_tree_create(s, tdb->db, t->pgno_fdp, objid, kind, 1, &pgno), out);
    }
    ESENT_CALL(err, insert_index_row(s, tdb, t, &p, objid, pgno), out);
    if (fill && !primary && !(def->grbit & JET_bitIndexEmpty)) {
        ESENT_CALL(err, esent_tdb_reload(tdb), out);
        t = esent_tdb_table(tdb, objid_table);
        const esent_schema_index *x = esent_ddl_find_index(t, def->name);
        err = x == NULL ? JET_errCatalogCorrupted : populate(s, tdb, t, x, fill);
    }
out:
    return err;
}

JET_ERR ddl_create_index(esent_session *s, esent_tdb *tdb, uint32_t objid_table, esent_ddl_index *def,
                         esent_cursor *fill)
{
    def->err = create_index(s, tdb, objid_table, def, fill);
    return def->err;
}

JET_ERR esent_ddl_create_indexes(esent_session *s, JET_TABLEID tableid, esent_ddl_index *idx, uint32_t cidx)
{
    esent_cursor *c;
    JET_ERR err = esent_cursor_get(s, tableid, &c);
    if (err < 0)
        return err;
    esent_tdb *tdb = c->tdb;
    if (tdb->read_only)
        return JET_errPermissionDenied;
    if (c->t->flags & JET_bitObjectTableFixedDDL)
        return JET_errFixedDDL;
    uint32_t objid = c->objid;
    for (uint32_t i = 0; i < cidx; i++) {
        ESENT_CALL(err, ddl_begin(s, tdb), out);
        ESENT_CALL(err, ddl_end(s, tdb, ddl_create_index(s, tdb, objid, &idx[i], c)), out);
    }
out:
    return err;
}

JET_ERR esent_ddl_delete_index(esent_session *s, JET_TABLEID tableid, const WCHAR *name)
{
    char bytes[JET_cbNameMost + 1];
    esent_cursor *c;
    JET_ERR err = esent_cursor_get(s, tableid, &c);
    if (err < 0)
        return err;
    esent_tdb *tdb = c->tdb;
    if (tdb->read_only)
        return JET_errPermissionDenied;
    ESENT_CALL(err, esent_ddl_name(name, bytes), out);
    const esent_schema_table *t = c->t;
    if (t->flags & JET_bitObjectTableFixedDDL)
        return JET_errFixedDDL;
    const esent_schema_index *x = esent_ddl_find_index(t, name);
    if (x == NULL)
        return JET_errIndexNotFound;
    if (x->flags & ESENT_IDB_PRIMARY)
        return JET_errIndexMustStay;
    uint32_t objid = t->objid, pgno_table = t->pgno_fdp, objid_index = x->objid, pgno_index = x->pgno_fdp;
    ESENT_CALL(err, ddl_begin(s, tdb), out);
    err = esent_catw_delete(s, tdb, objid, ESENT_CAT_TYPE_INDEX, objid_index);
    if (err >= 0)
        err = esent_trx_tree_destroy(s, tdb->db, pgno_table, pgno_index);
    err = ddl_end(s, tdb, err);
out:
    return err;
}

/* ---- the long-value tree ---- */

JET_ERR esent_ddl_ensure_lv_tree(esent_session *s, esent_tdb *tdb, uint32_t objid_table, uint32_t *plv_objid,
                                 uint32_t *plv_pgno)
{
    static const char k_lv[] = "LV";
    const esent_schema_table *t = esent_tdb_table(tdb, objid_table);
    if (t == NULL)
        return JET_errObjectNotFound;
    if (t->lv_objid != 0) {
        *plv_objid = t->lv_objid;
        *plv_pgno = t->lv_pgno_fdp;
        return JET_errSuccess;
    }
    uint32_t objid = esent_pagefile_new_objid(tdb->pf), pgno = 0;
    JET_ERR err = esent_trx_tree_create(s, tdb->db, t->pgno_fdp, objid, ESENT_TREE_LONG_VALUE, 1, &pgno);
    if (err < 0)
        return err;
    esent_cat_row row;
    ddl_row_init(&row, objid_table, ESENT_CAT_TYPE_LONGVALUE, objid);
    row.coltypOrPgnoFDP = pgno;
    row.spaceUsage = DDL_DENSITY_MOST;
    row.pagesOrLocale = 1;
    row.name = esent_cat_blob_of(k_lv, 2);
    ESENT_CALL(err, esent_catw_insert(s, tdb, &row), out);
    ESENT_CALL(err, esent_trx_schema_changed(s, tdb->db), out);
    ESENT_CALL(err, esent_tdb_reload(tdb), out);
    *plv_objid = objid;
    *plv_pgno = pgno;
out:
    return err;
}
