/* DDL on tables: JetCreateTable*, JetDeleteTable, JetRenameTable, and the helpers every DDL source
 * shares (table/ddlint.h). */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "storage/btree.h"
#include "table/catwrite.h"
#include "table/cursor.h"
#include "table/ddlint.h"
#include "table/trx.h"
#include "util/wstr.h"

#define TABLE_GRBITS_TEMPLATE (JET_bitTableCreateTemplateTable | JET_bitTableCreateNoFixedVarColumnsInDerivedTables)

/* ---- shared helpers ---- */

JET_ERR ddl_tdb_writable(esent_session *s, JET_DBID dbid, esent_tdb **ptdb)
{
    JET_ERR err = esent_tdb_get(s, dbid, ptdb);
    if (err < 0)
        return err;
    return (*ptdb)->read_only ? JET_errPermissionDenied : JET_errSuccess;
}

JET_ERR ddl_begin(esent_session *s, esent_tdb *tdb)
{
    JET_ERR err = esent_trx_begin(s, 1);
    if (err < 0)
        return err;
    err = esent_trx_schema_changed(s, tdb->db);
    if (err < 0)
        (void)esent_trx_end_internal(s, err);
    return err;
}

JET_ERR ddl_end(esent_session *s, esent_tdb *tdb, JET_ERR err)
{
    err = esent_trx_end_internal(s, err);
    if (err >= 0) {
        JET_ERR e = esent_tdb_reload(tdb);
        if (e < 0)
            err = e;
    }
    return err;
}

void ddl_row_init(esent_cat_row *row, uint32_t objid_table, uint16_t type, uint32_t id)
{
    memset(row, 0, sizeof *row);
    row->objidTable = objid_table;
    row->type = type;
    row->id = id;
    for (uint32_t fid = ESENT_CAT_FID_OBJID_TABLE; fid <= ESENT_CAT_FID_PAGES_OR_LOCALE; fid++)
        row->fixedPresent |= ESENT_CAT_PRESENT(fid);
}

JET_ERR ddl_row_replace(esent_session *s, esent_tdb *tdb, uint32_t objid_table, uint16_t type, uint32_t id,
                        ddl_row_edit_fn edit, void *ctx)
{
    uint32_t cb_page = esent_pagefile_page_size(tdb->pf), cb_rec = 0;
    esent_rec_column cols[64];
    esent_rec_layout layout;
    esent_cat_row row;
    uint8_t *rec = (uint8_t *)malloc(cb_page);
    if (rec == NULL)
        return JET_errOutOfMemory;
    JET_ERR err;
    ESENT_CALL(err, esent_cat_layout(&layout, cols, cb_page), done);
    ESENT_CALL(err, esent_catw_read(tdb, objid_table, type, id, rec, cb_page, &cb_rec), done);
    ESENT_CALL(err, esent_cat_decode(rec, cb_rec, &layout, &row), done);
    edit(&row, ctx);
    /* row points into rec, which stays untouched while the old row is deleted and the new one stored. */
    ESENT_CALL(err, esent_catw_delete(s, tdb, objid_table, type, id), done);
    err = esent_catw_insert(s, tdb, &row);
done:
    free(rec);
    return err;
}

JET_ERR ddl_index_conditional(esent_tdb *tdb, const esent_schema_table *t, const esent_schema_index *x,
                              esent_cat_idxseg segs[JET_ccolKeyMost], uint32_t *pcsegs)
{
    uint32_t cb_page = esent_pagefile_page_size(tdb->pf), cb_rec = 0;
    esent_rec_column cols[64];
    esent_rec_layout layout;
    esent_cat_row row;
    *pcsegs = 0;
    if (!x->conditional)
        return JET_errSuccess;
    uint8_t *rec = (uint8_t *)malloc(cb_page);
    if (rec == NULL)
        return JET_errOutOfMemory;
    JET_ERR err;
    ESENT_CALL(err, esent_cat_layout(&layout, cols, cb_page), done);
    ESENT_CALL(err, esent_catw_read(tdb, t->objid, ESENT_CAT_TYPE_INDEX, x->objid, rec, cb_page, &cb_rec), done);
    ESENT_CALL(err, esent_cat_decode(rec, cb_rec, &layout, &row), done);
    if (row.conditionalColumns.fPresent && !row.conditionalColumns.fSeparated)
        for (uint32_t i = 0; i + 4 <= row.conditionalColumns.cb && *pcsegs < JET_ccolKeyMost; i += 4) {
            const uint8_t *e = row.conditionalColumns.pb + i;   /* LE_IDXSEG: flags, reserved, u16 fid */
            segs[*pcsegs].flags = e[0];
            segs[(*pcsegs)++].fid = (uint16_t)(e[2] | e[3] << 8);
        }
done:
    free(rec);
    return err;
}

JET_ERR ddl_column_indexed(esent_tdb *tdb, const esent_schema_table *t, uint32_t fid, int *pindexed)
{
    esent_cat_idxseg cond[JET_ccolKeyMost];
    uint32_t ccond = 0;
    *pindexed = 0;
    for (uint32_t i = 0; i < t->cindexes && !*pindexed; i++) {
        const esent_schema_index *x = &t->indexes[i];
        for (uint32_t k = 0; k < x->csegs; k++)
            if (x->segs[k].fid == fid)
                *pindexed = 1;
        JET_ERR err = ddl_index_conditional(tdb, t, x, cond, &ccond);
        if (err < 0)
            return err;
        for (uint32_t k = 0; k < ccond; k++)
            if (cond[k].fid == fid)
                *pindexed = 1;
    }
    return JET_errSuccess;
}

JET_ERR ddl_table_unused(const esent_tdb *tdb, uint32_t objid)
{
    return esent_cursor_count_on(tdb, objid) > 0 ? JET_errTableInUse : JET_errSuccess;
}

/* ---- JetCreateTable* ---- */

static JET_ERR check_table_def(const esent_ddl_table *def, char name[JET_cbNameMost + 1], uint32_t *pdensity)
{
    if (def->grbit & JET_bitTableCreateTemplateTable) {
        if (def->template_name != NULL)
            return JET_errCannotNestDDL;
        if (def->grbit & JET_bitTableCreateNoFixedVarColumnsInDerivedTables)
            return JET_errInvalidGrbit;
    } else if (def->grbit & JET_bitTableCreateNoFixedVarColumnsInDerivedTables) {
        return JET_errInvalidGrbit;
    }
    JET_ERR err = esent_ddl_name(def->name, name);
    if (err < 0)
        return err;
    /* Template tables and derived tables (hierarchical DDL) and persisted callbacks are not built. */
    if ((def->grbit & TABLE_GRBITS_TEMPLATE) || def->template_name != NULL || def->callback != NULL)
        return JET_errFeatureNotAvailable;
    *pdensity = def->density ? def->density : DDL_DENSITY_DEFAULT;
    if (*pdensity < DDL_DENSITY_LEAST || *pdensity > DDL_DENSITY_MOST)
        return JET_errDensityInvalid;
    return JET_errSuccess;
}

/* The table row (§4.2 Table): fixed columns up to RootFlag. */
static JET_ERR insert_table_row(esent_session *s, esent_tdb *tdb, const char *name, uint32_t objid, uint32_t pgno,
                                const esent_ddl_table *def, uint32_t density)
{
    esent_cat_row row;
    ddl_row_init(&row, objid, ESENT_CAT_TYPE_TABLE, objid);
    row.fixedPresent |= ESENT_CAT_PRESENT(ESENT_CAT_FID_ROOT_FLAG);
    row.coltypOrPgnoFDP = pgno;
    row.spaceUsage = density;
    row.flags = (def->grbit & JET_bitTableCreateFixedDDL) ? JET_bitObjectTableFixedDDL : 0;
    row.pagesOrLocale = def->pages;
    row.rootFlag = 0xFF;
    row.name = esent_cat_blob_of(name, (uint32_t)strlen(name));
    JET_ERR err = esent_catw_insert(s, tdb, &row);
    return err == JET_errKeyDuplicate ? JET_errTableDuplicate : err;
}

/* Everything of one JetCreateTable* call inside its level. */
static JET_ERR create_table(esent_session *s, esent_tdb *tdb, JET_DBID dbid, esent_ddl_table *def, const char *name,
                            uint32_t density, JET_TABLEID *ptableid)
{
    uint32_t objid = esent_pagefile_new_objid(tdb->pf), pgno = 0;
    JET_ERR err, warn = JET_errSuccess;
    ddl_fids fids;
    ESENT_CALL(err, esent_trx_tree_create(s, tdb->db, 1, objid, ESENT_TREE_PRIMARY, def->pages ? def->pages : 1u,
                                          &pgno), done);
    ESENT_CALL(err, insert_table_row(s, tdb, name, objid, pgno, def, density), done);
    def->created = 1;
    err = def->ccols > 0 && def->cols == NULL ? JET_errInvalidParameter : JET_errSuccess;
    if (err < 0)
        goto done;
    ddl_fids_init(NULL, &fids);
    for (uint32_t i = 0; i < def->ccols; i++) {
        err = ddl_add_column(s, tdb, objid, &def->cols[i], 1, &fids);
        def->cols[i].err = err;
        if (err < 0)
            goto done;
        if (err > 0 && warn == JET_errSuccess)
            warn = err;
        def->created++;
    }
    err = def->cidxs > 0 && (def->idxs == NULL || def->cols == NULL) ? JET_errInvalidCreateIndex : JET_errSuccess;
    if (err < 0)
        goto done;
    ESENT_CALL(err, esent_tdb_reload(tdb), done);
    for (uint32_t i = 0; i < def->cidxs; i++) {
        ESENT_CALL(err, ddl_create_index(s, tdb, objid, &def->idxs[i], NULL), done);
        def->created++;
        ESENT_CALL(err, esent_tdb_reload(tdb), done);
    }
    ESENT_CALL(err, esent_tdb_reload(tdb), done);
    ESENT_CALL(err, esent_cursor_open_objid(s, tdb, dbid, objid, JET_bitTableDenyRead, ptableid), done);
    err = warn;
done:
    return err;
}

JET_ERR esent_ddl_create_table(esent_session *s, JET_DBID dbid, esent_ddl_table *def, JET_TABLEID *ptableid)
{
    char name[JET_cbNameMost + 1];
    uint32_t density = 0;
    esent_tdb *tdb;
    *ptableid = JET_tableidNil;
    def->created = 0;
    JET_ERR err = ddl_tdb_writable(s, dbid, &tdb);
    if (err < 0)
        return err;
    ESENT_CALL(err, check_table_def(def, name, &density), out);
    if (esent_ddl_find_table(tdb->schema, def->name) != NULL)
        return JET_errTableDuplicate;
    ESENT_CALL(err, ddl_begin(s, tdb), out);
    err = create_table(s, tdb, dbid, def, name, density, ptableid);
    err = ddl_end(s, tdb, err);
    if (err < 0 && *ptableid != JET_tableidNil) {
        (void)esent_cursor_close_handle(s, *ptableid);
        *ptableid = JET_tableidNil;
    }
out:
    return err;
}

/* ---- JetDeleteTable ---- */

/* The table named name (W) of tdb's schema: JET_errInvalidName, JET_errObjectNotFound. */
static JET_ERR find_table(esent_tdb *tdb, const WCHAR *name, const esent_schema_table **pt)
{
    char bytes[JET_cbNameMost + 1];
    JET_ERR err = esent_ddl_name(name, bytes);
    if (err < 0)
        return err;
    *pt = esent_ddl_find_table(tdb->schema, name);
    return *pt == NULL ? JET_errObjectNotFound : JET_errSuccess;
}

/* Deletes every catalog row of t and schedules its trees' destruction (children before the table:
 * deferred destroys run newest first). t must stay valid: no reload until this returns. */
static JET_ERR delete_table_rows(esent_session *s, esent_tdb *tdb, const esent_schema_table *t)
{
    JET_ERR err;
    ESENT_CALL(err, esent_trx_tree_destroy(s, tdb->db, 1, t->pgno_fdp), done);
    if (t->lv_objid != 0) {
        ESENT_CALL(err, esent_catw_delete(s, tdb, t->objid, ESENT_CAT_TYPE_LONGVALUE, t->lv_objid), done);
        ESENT_CALL(err, esent_trx_tree_destroy(s, tdb->db, t->pgno_fdp, t->lv_pgno_fdp), done);
    }
    for (uint32_t i = 0; i < t->cindexes; i++) {
        const esent_schema_index *x = &t->indexes[i];
        ESENT_CALL(err, esent_catw_delete(s, tdb, t->objid, ESENT_CAT_TYPE_INDEX, x->objid), done);
        if (x->pgno_fdp != t->pgno_fdp)
            ESENT_CALL(err, esent_trx_tree_destroy(s, tdb->db, t->pgno_fdp, x->pgno_fdp), done);
    }
    for (uint32_t i = 0; i < t->ccolumns; i++)
        ESENT_CALL(err, esent_catw_delete(s, tdb, t->objid, ESENT_CAT_TYPE_COLUMN, t->columns[i].columnid), done);
    err = esent_catw_delete(s, tdb, t->objid, ESENT_CAT_TYPE_TABLE, t->objid);
done:
    return err;
}

JET_ERR esent_ddl_delete_table(esent_session *s, JET_DBID dbid, const WCHAR *name)
{
    const esent_schema_table *t;
    esent_tdb *tdb;
    JET_ERR err = ddl_tdb_writable(s, dbid, &tdb);
    if (err < 0)
        return err;
    ESENT_CALL(err, find_table(tdb, name, &t), out);
    if (t->flags & JET_bitObjectSystem)
        return JET_errCannotDeleteSystemTable;
    if (t->flags & JET_bitObjectTableTemplate)
        return JET_errCannotDeleteTemplateTable;
    ESENT_CALL(err, ddl_table_unused(tdb, t->objid), out);
    ESENT_CALL(err, ddl_begin(s, tdb), out);
    err = ddl_end(s, tdb, delete_table_rows(s, tdb, t));
out:
    return err;
}

/* ---- JetRenameTable ---- */

static void set_name(esent_cat_row *row, void *ctx)
{
    const char *name = (const char *)ctx;
    row->name = esent_cat_blob_of(name, (uint32_t)strlen(name));
}

JET_ERR esent_ddl_rename_table(esent_session *s, JET_DBID dbid, const WCHAR *name, const WCHAR *name_new)
{
    char bytes_new[JET_cbNameMost + 1];
    const esent_schema_table *t;
    esent_tdb *tdb;
    JET_ERR err = ddl_tdb_writable(s, dbid, &tdb);
    if (err < 0)
        return err;
    ESENT_CALL(err, find_table(tdb, name, &t), out);
    ESENT_CALL(err, esent_ddl_name(name_new, bytes_new), out);
    const esent_schema_table *other = esent_ddl_find_table(tdb->schema, name_new);
    if (other != NULL && other != t)
        return JET_errTableDuplicate;
    if (t->flags & JET_bitObjectSystem)
        return JET_errCannotDeleteSystemTable;
    if (t->flags & JET_bitObjectTableTemplate)
        return JET_errCannotDeleteTemplateTable;
    ESENT_CALL(err, ddl_table_unused(tdb, t->objid), out);
    uint32_t objid = t->objid;
    ESENT_CALL(err, ddl_begin(s, tdb), out);
    err = ddl_row_replace(s, tdb, objid, ESENT_CAT_TYPE_TABLE, objid, set_name, bytes_new);
    if (err == JET_errKeyDuplicate)
        err = JET_errTableDuplicate;
    err = ddl_end(s, tdb, err);
out:
    return err;
}
