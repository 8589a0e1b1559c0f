/* The list levels of the schema information calls — JET_ColInfoList (and ...SortColumnid, ...Compact,
 * the JET_ColInfoGrbit* options), JET_IdxInfo / JET_IdxInfoList, JET_ObjInfoList(NoStats) — answered
 * as ESENT answers them: with a temporary table the caller walks with JetMove / JetRetrieveColumn and
 * closes with JetCloseTable (which deletes it). The returned structure names the table's cursor,
 * positioned on the first row, its row count, and the columnid of the temporary table's column that
 * holds each field.
 *
 * The temporary tables have ESENT's columns, types and keys (info.cxx's column definitions):
 *   columns  PresentationOrder Long (key), name Text (key), columnid Long, coltyp Long, Country Short,
 *            Langid Short, Cp Short, Collate Short, cbMax Long, grbit Long, Default LongBinary,
 *            BaseTableName Text, BaseColumnName Text — rows sorted by name, or by columnid when
 *            PresentationOrder is set (JET_ColInfoGrbitSortByColumnid); the compact level has no key
 *            (rows in columnid order) and a Binary Default;
 *   indexes  name Text (key), grbitIndex, cKey, cEntry, cPage, cColumn, iColumn (key), columnid,
 *            coltyp Long; Country, Langid, Cp, Collate Short; grbitColumn Long, columnname Text,
 *            LCMapFlags Long — one row per key segment, sorted by index name then segment;
 *   objects  containername Text (key), objectname Text (key), objtyp Long, dtCreate / dtUpdate
 *            DateTime (never set), cRecord, cPage, grbit, flags Long — one row per table.
 * Text columns hold the names without terminator, in the ANSI code page for an A caller and UTF-16
 * (cp 1200) for a W caller. Statistics (cKey, cEntry, cPage, cRecord) are 0: none are kept.
 *
 * The rows are gathered from the schema first (a snapshot): creating the temporary table reloads the
 * temporary database's schema, which may be the very one described (a JetGetTableColumnInfo on a
 * temporary table). Then the table is created (esent_ttable_open), filled row by row through the
 * update path, and positioned. A failure closes (deletes) it. */
#include "api/api.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "table/cursor.h"
#include "table/ddlinfo.h"
#include "table/nav.h"
#include "table/ttable.h"
#include "table/update.h"
#include "util/wstr.h"

/* The engine's own option of JET_ColInfoList: the compact form (JET_ColInfoListCompact). */
#define COLINFO_GRBIT_COMPACTING 0x10000000u
#define CB_NAME_A_MOST           (JET_cbNameMost * 4 + 1)   /* a name in the ANSI code page */

/* ---- rows gathered before the table exists ---- */

typedef struct cell {
    size_t off;         /* into rows.data */
    uint32_t cb;
    uint8_t set;
} cell;

typedef struct rows {
    uint32_t ncols;
    uint32_t nrows, cap_rows;
    cell *cells;        /* nrows * ncols */
    uint8_t *data;
    size_t cb_data, cap_data;
    JET_ERR err;        /* the first failure; later puts do nothing */
} rows;

static void rows_free(rows *r)
{
    free(r->cells);
    free(r->data);
}

static void row_add(rows *r)
{
    if (r->err < 0)
        return;
    if (r->nrows == r->cap_rows) {
        uint32_t cap = r->cap_rows ? r->cap_rows * 2u : 16u;
        cell *p = (cell *)realloc(r->cells, (size_t)cap * r->ncols * sizeof *p);
        if (p == NULL) {
            r->err = JET_errOutOfMemory;
            return;
        }
        r->cells = p;
        r->cap_rows = cap;
    }
    memset(r->cells + (size_t)r->nrows * r->ncols, 0, r->ncols * sizeof *r->cells);
    r->nrows++;
}

/* Sets column icol of the last row. */
static void put(rows *r, uint32_t icol, const void *pv, uint32_t cb)
{
    if (r->err < 0 || r->nrows == 0)
        return;
    if (r->cb_data + cb > r->cap_data) {
        size_t cap = r->cap_data ? r->cap_data : 1024u;
        while (cap < r->cb_data + cb)
            cap *= 2u;
        uint8_t *p = (uint8_t *)realloc(r->data, cap);
        if (p == NULL) {
            r->err = JET_errOutOfMemory;
            return;
        }
        r->data = p;
        r->cap_data = cap;
    }
    cell *c = &r->cells[(size_t)(r->nrows - 1u) * r->ncols + icol];
    if (cb)
        memcpy(r->data + r->cb_data, pv, cb);
    c->off = r->cb_data;
    c->cb = cb;
    c->set = 1;
    r->cb_data += cb;
}

static void put_long(rows *r, uint32_t icol, uint32_t v)
{
    put(r, icol, &v, sizeof v);
}

static void put_short(rows *r, uint32_t icol, uint32_t v)
{
    uint16_t u = (uint16_t)v;
    put(r, icol, &u, sizeof u);
}

/* A name as a Text value: no terminator; ANSI code page (A caller) or UTF-16 (W caller). */
static void put_name(rows *r, uint32_t icol, const WCHAR *w, int ansi)
{
    if (!ansi) {
        put(r, icol, w, (uint32_t)(esent_wlen(w) * sizeof(WCHAR)));
        return;
    }
    char a[CB_NAME_A_MOST];
    JET_ERR err = esent_w_to_a(w, a, sizeof a);
    if (err < 0) {
        if (r->err >= 0)
            r->err = err;
        return;
    }
    put(r, icol, a, (uint32_t)strlen(a));
}

/* ---- the temporary table ---- */

/* The caller's column definitions: JET_COLUMNDEF with the fields ESENT sets (cbMax 0: the default). */
typedef struct coldesc {
    JET_COLTYP coltyp;
    uint8_t text;       /* a name column: cp 1200 for a W caller */
    JET_GRBIT grbit;
} coldesc;

static void make_defs(const coldesc *d, uint32_t n, int ansi, JET_COLUMNDEF *defs)
{
    for (uint32_t i = 0; i < n; i++) {
        memset(&defs[i], 0, sizeof defs[i]);
        defs[i].cbStruct = sizeof defs[i];
        defs[i].coltyp = d[i].coltyp;
        defs[i].cp = d[i].text && !ansi ? 1200 : 0;
        defs[i].grbit = d[i].grbit;
    }
}

/* Creates the temporary table of defs, inserts the rows, moves to the first one. *ptableid is the open
 * cursor; ids[] the columnids, in the order of defs. */
static JET_ERR materialize(esent_session *s, const rows *r, const JET_COLUMNDEF *defs, JET_COLUMNID *ids,
                           JET_TABLEID *ptableid)
{
    if (r->err < 0)
        return r->err;
    esent_ttable tt;
    memset(&tt, 0, sizeof tt);
    tt.cols = defs;
    tt.ccols = r->ncols;
    tt.grbit = JET_bitTTIndexed | JET_bitTTScrollable;
    tt.columnids = ids;
    JET_ERR err = esent_ttable_open(s, &tt);
    if (err < 0)
        return err;
    esent_cursor *c;
    if ((err = esent_cursor_get(s, tt.tableid, &c)) < 0) {
        (void)esent_cursor_close_handle(s, tt.tableid);
        return err;
    }
    for (uint32_t i = 0; i < r->nrows && err >= 0; i++) {
        err = esent_update_prepare(c, JET_prepInsert);
        for (uint32_t k = 0; k < r->ncols && err >= 0; k++) {
            const cell *x = &r->cells[(size_t)i * r->ncols + k];
            if (x->set)
                err = esent_update_set_column(c, ids[k], r->data + x->off, x->cb, 0, NULL);
        }
        if (err >= 0)
            err = esent_update_commit(c, NULL, 0, NULL);
        else if (c->prep != JET_prepCancel)
            (void)esent_update_prepare(c, JET_prepCancel);
    }
    if (err >= 0) {
        err = esent_nav_move(c, (int32_t)JET_MoveFirst, 0);
        if (err == JET_errNoCurrentRecord)
            err = JET_errSuccess;
    }
    if (err < 0) {
        (void)esent_ttable_close(c);
        return err;
    }
    *ptableid = tt.tableid;
    return JET_errSuccess;
}

/* ---- JET_COLUMNLIST ---- */

enum {
    CL_PORDER, CL_NAME, CL_COLUMNID, CL_COLTYP, CL_COUNTRY, CL_LANGID, CL_CP, CL_COLLATE, CL_CBMAX, CL_GRBIT,
    CL_DEFAULT, CL_TABLENAME, CL_COLUMNNAME, CL_NCOLS
};

static const coldesc k_column_cols[CL_NCOLS] = {
    { JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnTTKey },
    { JET_coltypText, 1, JET_bitColumnTTKey },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypShort, 0, JET_bitColumnFixed },
    { JET_coltypShort, 0, JET_bitColumnFixed },
    { JET_coltypShort, 0, JET_bitColumnFixed },
    { JET_coltypShort, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLongBinary, 0, 0 },
    { JET_coltypText, 1, 0 },
    { JET_coltypText, 1, 0 },
};

JET_ERR ddlinfo_column_list(esent_session *s, const esent_schema_table *t, int updatable, void *pv, uint32_t cb,
                            uint32_t level, int ansi)
{
    (void)cb;   /* checked by the caller: at least a JET_COLUMNLIST */
    uint32_t base = level & DDLINFO_COLINFO_LEVEL_MASK;
    int compact = base == JET_ColInfoListCompact || (level & COLINFO_GRBIT_COMPACTING) != 0;
    int by_id = base == JET_ColInfoListSortColumnid || (level & JET_ColInfoGrbitSortByColumnid) != 0;
    int minimal = (level & JET_ColInfoGrbitMinimalInfo) != 0;
    /* JET_ColInfoGrbitNonDerivedColumnsOnly: derived tables are not built, every column is the table's. */

    coldesc d[CL_NCOLS];
    memcpy(d, k_column_cols, sizeof d);
    if (compact) {   /* no key: the rows stay in columnid order; the default a (short) Binary */
        for (uint32_t i = 0; i < CL_NCOLS; i++)
            d[i].grbit &= ~(JET_GRBIT)JET_bitColumnTTKey;
        d[CL_DEFAULT].coltyp = JET_coltypBinary;
    }
    rows r;
    memset(&r, 0, sizeof r);
    r.ncols = CL_NCOLS;
    /* Fixed, variable, then tagged columns, each in columnid order: the schema's order. Deleted
     * columns (coltyp Nil) are not listed. */
    for (uint32_t i = 0; i < t->ccolumns; i++) {
        const esent_schema_column *col = &t->columns[i];
        if (col->coltyp == JET_coltypNil)
            continue;
        row_add(&r);
        if (by_id)
            put_long(&r, CL_PORDER, col->columnid);
        put_name(&r, CL_NAME, col->name, ansi);
        put_long(&r, CL_COLUMNID, col->columnid);
        if (minimal)
            continue;
        put_long(&r, CL_COLTYP, col->coltyp);
        put_short(&r, CL_COUNTRY, DDLINFO_COUNTRY_DEFAULT);
        put_short(&r, CL_LANGID, DDLINFO_LANGID_DEFAULT);
        put_short(&r, CL_CP, col->codepage);
        put_long(&r, CL_CBMAX, col->cbMax);
        put_long(&r, CL_GRBIT, ddlinfo_column_grbit(col, updatable));
        put_short(&r, CL_COLLATE, 0);
        if (col->default_value != NULL && col->cb_default > 0)
            put(&r, CL_DEFAULT, col->default_value, col->cb_default);
        put_name(&r, CL_TABLENAME, t->name, ansi);
        put_name(&r, CL_COLUMNNAME, col->name, ansi);
    }

    JET_COLUMNDEF defs[CL_NCOLS];
    JET_COLUMNID ids[CL_NCOLS];
    JET_TABLEID tableid = JET_tableidNil;
    make_defs(d, CL_NCOLS, ansi, defs);
    JET_ERR err = materialize(s, &r, defs, ids, &tableid);
    if (err >= 0) {
        JET_COLUMNLIST cl;
        memset(&cl, 0, sizeof cl);
        cl.cbStruct = sizeof cl;
        cl.tableid = tableid;
        cl.cRecord = r.nrows;
        cl.columnidPresentationOrder = ids[CL_PORDER];
        cl.columnidcolumnname = ids[CL_NAME];
        cl.columnidcolumnid = ids[CL_COLUMNID];
        cl.columnidcoltyp = ids[CL_COLTYP];
        cl.columnidCountry = ids[CL_COUNTRY];
        cl.columnidLangid = ids[CL_LANGID];
        cl.columnidCp = ids[CL_CP];
        cl.columnidCollate = ids[CL_COLLATE];
        cl.columnidcbMax = ids[CL_CBMAX];
        cl.columnidgrbit = ids[CL_GRBIT];
        cl.columnidDefault = ids[CL_DEFAULT];
        cl.columnidBaseTableName = ids[CL_TABLENAME];
        cl.columnidBaseColumnName = ids[CL_COLUMNNAME];
        cl.columnidDefinitionName = ids[CL_NAME];   /* as ESENT: the column name */
        memcpy(pv, &cl, sizeof cl);
    }
    rows_free(&r);
    return err;
}

/* ---- JET_INDEXLIST ---- */

enum {
    IL_NAME, IL_GRBIT, IL_CKEY, IL_CENTRY, IL_CPAGE, IL_CCOLUMN, IL_ICOLUMN, IL_COLUMNID, IL_COLTYP, IL_COUNTRY,
    IL_LANGID, IL_CP, IL_COLLATE, IL_GRBITCOLUMN, IL_COLUMNNAME, IL_LCMAPFLAGS, IL_NCOLS
};

static const coldesc k_index_cols[IL_NCOLS] = {
    { JET_coltypText, 1, JET_bitColumnTTKey },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnTTKey },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypShort, 0, JET_bitColumnFixed },
    { JET_coltypShort, 0, JET_bitColumnFixed },
    { JET_coltypShort, 0, JET_bitColumnFixed },
    { JET_coltypShort, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypText, 1, 0 },
    { JET_coltypLong, 0, JET_bitColumnFixed },
};

static void index_rows(rows *r, const esent_schema_table *t, const esent_schema_index *x, int ansi)
{
    JET_GRBIT grbit = ddlinfo_index_grbit(x);
    uint32_t langid = ddlinfo_index_lcid(x) & 0xFFFFu;
    for (uint32_t k = 0; k < x->csegs; k++) {
        const esent_schema_column *col = esent_schema_column_by_id(t, x->segs[k].fid);
        static const WCHAR k_unknown[1] = { 0 };
        row_add(r);
        put_name(r, IL_NAME, x->name, ansi);
        put_long(r, IL_GRBIT, grbit);
        put_long(r, IL_CKEY, 0);
        put_long(r, IL_CENTRY, 0);
        put_long(r, IL_CPAGE, 0);
        put_long(r, IL_CCOLUMN, x->csegs);
        put_long(r, IL_ICOLUMN, k);
        put_long(r, IL_COLUMNID, x->segs[k].fid);
        put_long(r, IL_COLTYP, col != NULL ? col->coltyp : JET_coltypNil);
        put_short(r, IL_COUNTRY, DDLINFO_COUNTRY_DEFAULT);
        put_short(r, IL_LANGID, langid);
        put_long(r, IL_LCMAPFLAGS, x->lcmap_flags);
        put_short(r, IL_CP, col != NULL ? col->codepage : 0);
        put_short(r, IL_COLLATE, 0);
        put_long(r, IL_GRBITCOLUMN,
                 (x->segs[k].flags & ESENT_IDXSEG_DESCENDING) ? JET_bitKeyDescending : JET_bitKeyAscending);
        put_name(r, IL_COLUMNNAME, col != NULL ? col->name : k_unknown, ansi);
    }
}

JET_ERR ddlinfo_index_list(esent_session *s, const esent_schema_table *t, const esent_schema_index *only, void *pv,
                           uint32_t cb, int ansi)
{
    rows r;
    memset(&r, 0, sizeof r);
    r.ncols = IL_NCOLS;
    if (only != NULL) {
        index_rows(&r, t, only, ansi);
    } else {
        for (uint32_t i = 0; i < t->cindexes; i++)
            index_rows(&r, t, &t->indexes[i], ansi);
    }

    JET_COLUMNDEF defs[IL_NCOLS];
    JET_COLUMNID ids[IL_NCOLS];
    JET_TABLEID tableid = JET_tableidNil;
    make_defs(k_index_cols, IL_NCOLS, ansi, defs);
    JET_ERR err = materialize(s, &r, defs, ids, &tableid);
    if (err >= 0) {
        /* A buffer one member short (the structure before columnidLCMapFlags) gets that structure. */
        JET_INDEXLIST il;
        memset(&il, 0, sizeof il);
        il.cbStruct = cb >= sizeof il ? (uint32_t)sizeof il : (uint32_t)(sizeof il - sizeof(JET_COLUMNID));
        il.tableid = tableid;
        il.cRecord = r.nrows;
        il.columnidindexname = ids[IL_NAME];
        il.columnidgrbitIndex = ids[IL_GRBIT];
        il.columnidcKey = ids[IL_CKEY];
        il.columnidcEntry = ids[IL_CENTRY];
        il.columnidcPage = ids[IL_CPAGE];
        il.columnidcColumn = ids[IL_CCOLUMN];
        il.columnidiColumn = ids[IL_ICOLUMN];
        il.columnidcolumnid = ids[IL_COLUMNID];
        il.columnidcoltyp = ids[IL_COLTYP];
        il.columnidCountry = ids[IL_COUNTRY];
        il.columnidLangid = ids[IL_LANGID];
        il.columnidCp = ids[IL_CP];
        il.columnidCollate = ids[IL_COLLATE];
        il.columnidgrbitColumn = ids[IL_GRBITCOLUMN];
        il.columnidcolumnname = ids[IL_COLUMNNAME];
        il.columnidLCMapFlags = ids[IL_LCMAPFLAGS];
        memcpy(pv, &il, cb >= sizeof il ? sizeof il : offsetof(JET_INDEXLIST, columnidLCMapFlags));
    }
    rows_free(&r);
    return err;
}

/* ---- JET_OBJECTLIST ---- */

enum {
    OL_CONTAINER, OL_NAME, OL_OBJTYP, OL_DTCREATE, OL_DTUPDATE, OL_CRECORD, OL_CPAGE, OL_GRBIT, OL_FLAGS, OL_NCOLS
};

static const coldesc k_object_cols[OL_NCOLS] = {
    { JET_coltypText, 1, JET_bitColumnTTKey },
    { JET_coltypText, 1, JET_bitColumnTTKey },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypDateTime, 0, JET_bitColumnFixed },
    { JET_coltypDateTime, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
    { JET_coltypLong, 0, JET_bitColumnFixed },
};

JET_ERR ddlinfo_object_list(esent_session *s, esent_tdb *tdb, JET_OBJTYP objtyp, void *pv, uint32_t cb, int ansi)
{
    (void)cb;   /* checked by the caller: at least a JET_OBJECTLIST */
    static const WCHAR k_tables[] = { 'T', 'a', 'b', 'l', 'e', 's', 0 };
    rows r;
    memset(&r, 0, sizeof r);
    r.ncols = OL_NCOLS;
    /* Only tables exist: another object type lists nothing. Every table of the catalog is listed, the
     * system tables (JET_bitObjectSystem in their flags) included. */
    JET_GRBIT grbit = JET_bitTableInfoBookmark | JET_bitTableInfoRollback |
                      (tdb->read_only ? 0 : JET_bitTableInfoUpdatable);
    const esent_schema *schema = tdb->schema;
    for (uint32_t i = 0; (objtyp == JET_objtypNil || objtyp == JET_objtypTable) && i < schema->ctables; i++) {
        const esent_schema_table *t = &schema->tables[i];
        row_add(&r);
        put_name(&r, OL_CONTAINER, k_tables, ansi);
        put_long(&r, OL_OBJTYP, JET_objtypTable);
        put_name(&r, OL_NAME, t->name, ansi);
        put_long(&r, OL_FLAGS, t->flags);
        put_long(&r, OL_CRECORD, 0);
        put_long(&r, OL_CPAGE, 0);
        put_long(&r, OL_GRBIT, grbit);
    }

    JET_COLUMNDEF defs[OL_NCOLS];
    JET_COLUMNID ids[OL_NCOLS];
    JET_TABLEID tableid = JET_tableidNil;
    make_defs(k_object_cols, OL_NCOLS, ansi, defs);
    JET_ERR err = materialize(s, &r, defs, ids, &tableid);
    if (err >= 0) {
        JET_OBJECTLIST ol;
        memset(&ol, 0, sizeof ol);
        ol.cbStruct = sizeof ol;
        ol.tableid = tableid;
        ol.cRecord = r.nrows;
        ol.columnidcontainername = ids[OL_CONTAINER];
        ol.columnidobjectname = ids[OL_NAME];
        ol.columnidobjtyp = ids[OL_OBJTYP];
        ol.columniddtCreate = ids[OL_DTCREATE];
        ol.columniddtUpdate = ids[OL_DTUPDATE];
        ol.columnidgrbit = ids[OL_GRBIT];
        ol.columnidflags = ids[OL_FLAGS];
        ol.columnidcRecord = ids[OL_CRECORD];
        ol.columnidcPage = ids[OL_CPAGE];
        memcpy(pv, &ol, sizeof ol);
    }
    rows_free(&r);
    return err;
}
