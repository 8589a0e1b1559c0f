/* Schema information: JetGetTableInfo, JetGetTableColumnInfo / JetGetColumnInfo, JetGetObjectInfo
 * (indexes: table/ddlinfoidx.c; the *List levels, answered with temporary tables the caller walks:
 * table/ddlinfolist.c). Every value comes from the loaded schema (the catalog), but JetGetTableInfo's space
 * levels, which read the space trees (storage/space.h). */
#include "api/api.h"

#include <string.h>

#include "storage/space.h"
#include "table/cursor.h"
#include "table/ddlinfo.h"
#include "util/wstr.h"

JET_ERR ddlinfo_put_string(const WCHAR *w, int ansi, void *pv, uint32_t cb)
{
    if (ansi)
        return esent_w_to_a(w, (char *)pv, cb);
    size_t need = (esent_wlen(w) + 1u) * sizeof(WCHAR);
    if (need > cb)
        return JET_errBufferTooSmall;
    memcpy(pv, w, need);
    return JET_errSuccess;
}

JET_ERR ddlinfo_resolve(esent_session *s, JET_TABLEID tableid, JET_DBID dbid, const WCHAR *table, esent_tdb **ptdb,
                        const esent_schema_table **pt, esent_cursor **pc)
{
    *pc = NULL;
    if (tableid != 0) {
        JET_ERR err = esent_cursor_get(s, tableid, pc);
        if (err < 0)
            return err;
        *ptdb = (*pc)->tdb;
        *pt = (*pc)->t;
        return JET_errSuccess;
    }
    char bytes[JET_cbNameMost + 1];
    JET_ERR err = esent_tdb_get(s, dbid, ptdb);
    if (err < 0)
        return err;
    if (table == NULL)
        return JET_errInvalidParameter;
    ESENT_CALL(err, esent_ddl_name(table, bytes), out);
    *pt = esent_ddl_find_table((*ptdb)->schema, table);
    err = *pt == NULL ? JET_errObjectNotFound : JET_errSuccess;
out:
    return err;
}

/* ---- JET_OBJECTINFO ---- */

static void fill_objinfo(const esent_schema_table *t, int updatable, JET_OBJECTINFO *oi)
{
    memset(oi, 0, sizeof *oi);
    oi->cbStruct = sizeof *oi;
    oi->objtyp = JET_objtypTable;
    oi->grbit = JET_bitTableInfoBookmark | JET_bitTableInfoRollback | (updatable ? JET_bitTableInfoUpdatable : 0);
    oi->flags = t->flags;
    /* cRecord / cPage are the statistics JetComputeStats records; none are kept: 0. */
}

/* ---- JetGetTableInfo ---- */

static uint32_t cpg_ulong(uint64_t cpg) { return cpg > UINT32_MAX ? UINT32_MAX : (uint32_t)cpg; }

/* The space levels (docs/behaviour.md, "Schema information, space"). A table's indexes and long-value tree
 * take their extents from the table's own space, so the pages the table's FDP owns already count theirs;
 * their free pages sit in their own AE trees. */
static JET_ERR table_space(const esent_cursor *c, const esent_schema_table *t, void *pv, uint32_t cb, uint32_t level)
{
    esent_pagefile *pf = c->tdb->pf;
    uint64_t owned, avail, o, a;
    const uint32_t cb_counts = level == JET_TblInfoSpaceUsage ? 2 * sizeof(uint32_t) : sizeof(uint32_t);
    if (cb < cb_counts)
        return JET_errBufferTooSmall;
    JET_ERR err = esent_space_info(pf, t->pgno_fdp, &owned, &avail);
    if (err < 0)
        return err;
    if (level == JET_TblInfoSpaceOwned) {
        const uint32_t v = cpg_ulong(owned);
        memcpy(pv, &v, sizeof v);
        return JET_errSuccess;
    }
    if (level == JET_TblInfoSpaceAvailable) {   /* the table's free pages, its LV tree's and its indexes' */
        if (t->lv_objid != 0 && t->lv_pgno_fdp != 0) {
            if ((err = esent_space_info(pf, t->lv_pgno_fdp, &o, &a)) < 0)
                return err;
            avail += a;
        }
        for (uint32_t i = 0; i < t->cindexes; i++) {
            const uint32_t fdp = t->indexes[i].pgno_fdp;
            if (fdp == 0 || fdp == t->pgno_fdp)   /* the primary index is the table's own tree */
                continue;
            if ((err = esent_space_info(pf, fdp, &o, &a)) < 0)
                return err;
            avail += a;
        }
        const uint32_t v = cpg_ulong(avail);
        memcpy(pv, &v, sizeof v);
        return JET_errSuccess;
    }
    /* JET_TblInfoSpaceUsage: the table's owned and free pages, then as many of its owned extents as whole
     * (last page, pages) pairs fit, in page order; whole pairs left over are zeroed (a (0, 0) pair ends the
     * list). Bytes after the last whole pair are not touched. */
    const uint32_t counts[2] = { cpg_ulong(owned), cpg_ulong(avail) };
    const uint32_t cpairs = (cb - cb_counts) / (2 * sizeof(uint32_t));
    uint32_t cext = 0;
    uint8_t *list = (uint8_t *)pv + cb_counts;
    if (cpairs > 0 && (err = esent_space_extents(pf, t->pgno_fdp, list, cpairs, &cext)) < 0)
        return err;
    if (cext < cpairs)
        memset(list + (size_t)cext * 2 * sizeof(uint32_t), 0, (size_t)(cpairs - cext) * 2 * sizeof(uint32_t));
    memcpy(pv, counts, sizeof counts);
    return JET_errSuccess;
}

JET_ERR esent_ddlinfo_table(esent_session *s, JET_TABLEID tableid, void *pv, uint32_t cb, uint32_t level, int ansi)
{
    esent_cursor *c;
    JET_ERR err = esent_cursor_get(s, tableid, &c);
    if (err < 0)
        return err;
    const esent_schema_table *t = c->t;
    if (pv == NULL && level != JET_TblInfoResetOLC)
        return JET_errInvalidParameter;
    switch (level) {
    case JET_TblInfo: {
        JET_OBJECTINFO oi;
        if (cb < sizeof oi)
            return JET_errBufferTooSmall;
        fill_objinfo(t, !c->read_only && !c->tdb->read_only, &oi);
        memcpy(pv, &oi, sizeof oi);
        return JET_errSuccess;
    }
    case JET_TblInfoName:
    case JET_TblInfoMostMany:   /* documented as the table's name, as JET_TblInfoName */
        return ddlinfo_put_string(t->name, ansi, pv, cb);
    case JET_TblInfoTemplateTableName: {
        static const WCHAR k_empty[1] = { 0 };
        return ddlinfo_put_string(t->template_name != NULL ? t->template_name : k_empty, ansi, pv, cb);
    }
    case JET_TblInfoDbid:
        /* The docs: "an array of two JET_DBID", the table's database stored twice; ManagedEsent asks for
         * one, which gets the first. */
        if (cb < sizeof(JET_DBID))
            return JET_errBufferTooSmall;
        memcpy(pv, &c->dbid, sizeof(JET_DBID));
        if (cb >= 2 * sizeof(JET_DBID))
            memcpy((uint8_t *)pv + sizeof(JET_DBID), &c->dbid, sizeof(JET_DBID));
        return JET_errSuccess;
    case JET_TblInfoSpaceAlloc: {   /* the initial pages and density the table was created with */
        uint32_t v[2] = { t->pages, t->density };
        if (cb < sizeof v)
            return JET_errBufferTooSmall;
        memcpy(pv, v, sizeof v);
        return JET_errSuccess;
    }
    case JET_TblInfoOLC:        /* deprecated: ESENT answers JET_errFeatureNotAvailable (documented) */
    case JET_TblInfoResetOLC:
    case JET_TblInfoDumpTable:
        return JET_errFeatureNotAvailable;
    case JET_TblInfoRvt:        /* deprecated: JET_errQueryNotSupported (documented) */
        return JET_errQueryNotSupported;
    case JET_TblInfoSpaceUsage:
    case JET_TblInfoSpaceOwned:
    case JET_TblInfoSpaceAvailable:
        return table_space(c, t, pv, cb, level);
    default:
        return JET_errInvalidParameter;
    }
}

/* ---- columns ---- */

JET_GRBIT ddlinfo_column_grbit(const esent_schema_column *col, int updatable)
{
    uint32_t f = col->flags;
    JET_GRBIT g = col->columnid <= ESENT_FID_FIXED_MOST ? JET_bitColumnFixed
                  : col->columnid >= ESENT_FID_TAGGED_FIRST ? JET_bitColumnTagged : 0;
    g |= ((f & ESENT_FFIELD_NOT_NULL) ? JET_bitColumnNotNULL : 0) |
         ((f & ESENT_FFIELD_VERSION) ? JET_bitColumnVersion : 0) |
         ((f & ESENT_FFIELD_AUTOINCREMENT) ? JET_bitColumnAutoincrement : 0) |
         ((f & ESENT_FFIELD_MULTIVALUED) ? JET_bitColumnMultiValued : 0) |
         ((f & ESENT_FFIELD_ESCROW_UPDATE) ? JET_bitColumnEscrowUpdate : 0) |
         ((f & ESENT_FFIELD_FINALIZE) ? JET_bitColumnFinalize : 0) |
         ((f & ESENT_FFIELD_USER_DEFINED_DEFAULT) ? JET_bitColumnUserDefinedDefault : 0) |
         ((f & ESENT_FFIELD_DELETE_ON_ZERO) ? JET_bitColumnDeleteOnZero : 0) |
         ((f & ESENT_FFIELD_COMPRESSED) ? JET_bitColumnCompressed : 0) |
         (updatable ? JET_bitColumnUpdatable : 0);
    return g;
}

static void fill_columndef(const esent_schema_column *col, int updatable, JET_COLUMNDEF *d)
{
    memset(d, 0, sizeof *d);
    d->cbStruct = sizeof *d;
    d->columnid = col->columnid;
    d->coltyp = col->coltyp;
    d->wCountry = DDLINFO_COUNTRY_DEFAULT;
    d->langid = DDLINFO_LANGID_DEFAULT;
    d->cp = (uint16_t)col->codepage;
    d->cbMax = col->cbMax;
    d->grbit = ddlinfo_column_grbit(col, updatable);
}

static JET_ERR put_columnbase(const esent_schema_table *t, const esent_schema_column *col, int updatable, int ansi,
                              void *pv, uint32_t cb)
{
    JET_COLUMNDEF d;
    fill_columndef(col, updatable, &d);
    if (ansi) {
        JET_COLUMNBASE_A b;
        if (cb < sizeof b)
            return JET_errBufferTooSmall;
        memset(&b, 0, sizeof b);
        b.cbStruct = sizeof b;
        b.columnid = d.columnid, b.coltyp = d.coltyp, b.wCountry = d.wCountry, b.langid = d.langid, b.cp = d.cp;
        b.cbMax = d.cbMax, b.grbit = d.grbit;
        JET_ERR err = esent_w_to_a(t->name, b.szBaseTableName, sizeof b.szBaseTableName);
        if (err >= 0)
            err = esent_w_to_a(col->name, b.szBaseColumnName, sizeof b.szBaseColumnName);
        if (err < 0)
            return err;
        memcpy(pv, &b, sizeof b);
        return JET_errSuccess;
    }
    JET_COLUMNBASE_W b;
    if (cb < sizeof b)
        return JET_errBufferTooSmall;
    memset(&b, 0, sizeof b);
    b.cbStruct = sizeof b;
    b.columnid = d.columnid, b.coltyp = d.coltyp, b.wCountry = d.wCountry, b.langid = d.langid, b.cp = d.cp;
    b.cbMax = d.cbMax, b.grbit = d.grbit;
    memcpy(b.szBaseTableName, t->name, (esent_wlen(t->name) + 1u) * sizeof(WCHAR));
    memcpy(b.szBaseColumnName, col->name, (esent_wlen(col->name) + 1u) * sizeof(WCHAR));
    memcpy(pv, &b, sizeof b);
    return JET_errSuccess;
}

JET_ERR esent_ddlinfo_column(esent_session *s, JET_TABLEID tableid, JET_DBID dbid, const WCHAR *table,
                             const void *column, void *pv, uint32_t cb, uint32_t level, int ansi)
{
    const esent_schema_table *t;
    esent_cursor *c;
    esent_tdb *tdb;
    char bytes[JET_cbNameMost + 1];
    JET_ERR err = ddlinfo_resolve(s, tableid, dbid, table, &tdb, &t, &c);
    if (err < 0)
        return err;
    /* As ESENT: the option bits are ignored by the levels they do not apply to. */
    uint32_t base = level & DDLINFO_COLINFO_LEVEL_MASK;
    int updatable = c != NULL && !c->read_only && !tdb->read_only;
    switch (base) {
    case JET_ColInfoList:
    case JET_ColInfoListCompact:
    case JET_ColInfoListSortColumnid:
        if (pv == NULL)
            return JET_errInvalidParameter;
        if (cb < sizeof(JET_COLUMNLIST))
            return JET_errBufferTooSmall;
        if (column != NULL && ((const WCHAR *)column)[0] != 0)   /* not used, but checked */
            ESENT_CALL(err, esent_ddl_name((const WCHAR *)column, bytes), out);
        return ddlinfo_column_list(s, t, updatable, pv, cb, level, ansi);
    case JET_ColInfoSysTabCursor:
        return JET_errFeatureNotAvailable;
    case JET_ColInfo:
    case JET_ColInfoBase:
    case JET_ColInfoByColid:
    case JET_ColInfoBaseByColid:
        break;
    default:
        return JET_errInvalidParameter;
    }
    if (pv == NULL || column == NULL)
        return JET_errInvalidParameter;
    const esent_schema_column *col;
    if (base == JET_ColInfoByColid || base == JET_ColInfoBaseByColid) {
        JET_COLUMNID id;
        memcpy(&id, column, sizeof id);
        col = esent_schema_column_by_id(t, id);
        if (col != NULL && (col->coltyp == JET_coltypNil || col->columnid != (id & 0x7FFFFFFFu)))
            col = NULL;
    } else {
        ESENT_CALL(err, esent_ddl_name((const WCHAR *)column, bytes), out);
        col = esent_ddl_find_column(t, (const WCHAR *)column);
    }
    if (col == NULL)
        return JET_errColumnNotFound;
    if (base == JET_ColInfoBase || base == JET_ColInfoBaseByColid)
        return put_columnbase(t, col, updatable, ansi, pv, cb);
    JET_COLUMNDEF d;
    if (cb < sizeof d)
        return JET_errBufferTooSmall;
    fill_columndef(col, updatable, &d);
    memcpy(pv, &d, sizeof d);
out:
    return err;
}

/* ---- JetGetObjectInfo ---- */

/* ESENT's one container of objects ("Tables", compared case-insensitively); a call naming another
 * finds nothing. */
static int is_tables_container(const char *name)
{
    static const char k_tables[] = "tables";
    size_t i = 0;
    for (; name[i] != 0 && k_tables[i] != 0; i++) {
        char ch = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] - 'A' + 'a') : name[i];
        if (ch != k_tables[i])
            return 0;
    }
    return name[i] == 0 && k_tables[i] == 0;
}

JET_ERR esent_ddlinfo_object(esent_session *s, JET_DBID dbid, JET_OBJTYP objtyp, const WCHAR *container,
                             const WCHAR *object, void *pv, uint32_t cb, uint32_t level)
{
    return esent_ddlinfo_object2(s, dbid, objtyp, container, object, pv, cb, level, 0);
}

JET_ERR esent_ddlinfo_object2(esent_session *s, JET_DBID dbid, JET_OBJTYP objtyp, const WCHAR *container,
                              const WCHAR *object, void *pv, uint32_t cb, uint32_t level, int ansi)
{
    esent_tdb *tdb;
    char bytes[JET_cbNameMost + 1];
    JET_ERR err = esent_tdb_get(s, dbid, &tdb);
    if (err < 0)
        return err;
    uint32_t cb_min;
    switch (level) {
    case JET_ObjInfoList:
    case JET_ObjInfoListNoStats:
        cb_min = sizeof(JET_OBJECTLIST);
        break;
    case JET_ObjInfo:
    case JET_ObjInfoNoStats:
        cb_min = sizeof(JET_OBJECTINFO);
        break;
    default:
        return JET_errInvalidParameter;
    }
    if (pv == NULL)
        return JET_errInvalidParameter;
    if (cb < cb_min)
        return JET_errBufferTooSmall;
    if (container != NULL && container[0] != 0) {
        ESENT_CALL(err, esent_ddl_name(container, bytes), out);
        if (!is_tables_container(bytes))
            return JET_errObjectNotFound;
    }
    if (object != NULL && object[0] != 0)
        ESENT_CALL(err, esent_ddl_name(object, bytes), out);
    if (level == JET_ObjInfoList || level == JET_ObjInfoListNoStats)
        return ddlinfo_object_list(s, tdb, objtyp, pv, cb, ansi);   /* the object name is not used */

    /* JET_ObjInfo(NoStats): the named table, whatever objtyp says (only tables exist). */
    if (object == NULL)
        return JET_errInvalidParameter;
    const esent_schema_table *t = esent_ddl_find_table(tdb->schema, object);
    if (t == NULL)
        return JET_errObjectNotFound;
    JET_OBJECTINFO oi;
    fill_objinfo(t, !tdb->read_only, &oi);
    memcpy(pv, &oi, sizeof oi);
out:
    return err;
}
