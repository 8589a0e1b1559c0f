/* DDL on columns: JetAddColumn (and the columns of JetCreateTableColumnIndex*), JetDeleteColumn(2),
 * JetRenameColumn, JetSetColumnDefaultValue. */
#include "api/api.h"

#include <stdio.h>
#include <string.h>

#include "storage/btree.h"
#include "table/catwrite.h"
#include "table/cursor.h"
#include "table/ddlint.h"
#include "table/trx.h"

#define COLTYP_SLV  13u     /* JET_coltypSLV: obsolete, refused */
#define COLTYP_LAST JET_coltypUnsignedLongLong

void ddl_fids_init(const esent_schema_table *t, ddl_fids *f)
{
    memset(f, 0, sizeof *f);
    f->var_last = ESENT_FID_VAR_FIRST - 1;
    f->tagged_last = ESENT_FID_TAGGED_FIRST - 1;
    f->ib_fixed_end = ESENT_REC_HEADER_SIZE;
    for (uint32_t i = 0; t != NULL && i < t->ccolumns; i++) {
        const esent_schema_column *c = &t->columns[i];
        if (c->columnid <= ESENT_FID_FIXED_MOST) {
            f->fixed_last = c->columnid;
            f->ib_fixed_end += c->cbMax ? c->cbMax : esent_coltyp_fixed_size(c->coltyp);
        } else if (c->columnid <= ESENT_FID_VAR_MOST) {
            f->var_last = c->columnid;
        } else {
            f->tagged_last = c->columnid;
        }
        if (c->coltyp != JET_coltypNil && (c->flags & ESENT_FFIELD_VERSION))
            f->has_version = 1;
        if (c->coltyp != JET_coltypNil && (c->flags & ESENT_FFIELD_AUTOINCREMENT))
            f->has_autoinc = 1;
    }
}

static int is_text(uint32_t coltyp)
{
    return coltyp == JET_coltypText || coltyp == JET_coltypLongText;
}

/* SpaceUsage of a column (UlCATColumnSize): fixed-size types their size, Text/Binary 1..255 (0 = 255,
 * larger values cut to 255 with *ptrunc set), long types as given (0 = unlimited). */
static uint32_t column_size(uint32_t coltyp, uint32_t cb, int *ptrunc)
{
    uint32_t n = esent_coltyp_fixed_size(coltyp);
    if (n != 0)
        return n;
    if (esent_coltyp_is_long(coltyp))
        return cb;
    if (cb == 0)
        return JET_cbColumnMost;
    if (cb > JET_cbColumnMost) {
        *ptrunc = 1;
        return JET_cbColumnMost;
    }
    return cb;
}

/* The special-column rules (escrow, version, auto-increment, finalize); sets their FIELDFLAGs. */
static JET_ERR check_special(const esent_ddl_column *col, int has_default, int exclusive, uint32_t *pffield)
{
    JET_GRBIT g = col->grbit;
    uint32_t t = col->coltyp;
    if (g & JET_bitColumnEscrowUpdate) {
        if (t != JET_coltypLong && t != JET_coltypLongLong)
            return JET_errInvalidGrbit;
        if (g & JET_bitColumnTagged)
            return JET_errCannotBeTagged;
        if ((g & (JET_bitColumnVersion | JET_bitColumnAutoincrement)) || !has_default)
            return JET_errInvalidGrbit;
        if (!exclusive)
            return JET_errExclusiveTableLockRequired;
        if ((g & JET_bitColumnFinalize) && (g & JET_bitColumnDeleteOnZero))
            return JET_errInvalidGrbit;
        *pffield |= ESENT_FFIELD_ESCROW_UPDATE | ((g & JET_bitColumnFinalize) ? ESENT_FFIELD_FINALIZE : 0) |
                    ((g & JET_bitColumnDeleteOnZero) ? ESENT_FFIELD_DELETE_ON_ZERO : 0);
    } else if (g & (JET_bitColumnFinalize | JET_bitColumnDeleteOnZero)) {
        return JET_errInvalidGrbit;
    } else if (g & (JET_bitColumnVersion | JET_bitColumnAutoincrement)) {
        if (g & JET_bitColumnAutoincrement) {
            if (t != JET_coltypLong && t != JET_coltypLongLong && t != JET_coltypUnsignedLongLong &&
                t != JET_coltypCurrency)
                return JET_errInvalidGrbit;
        } else if (t != JET_coltypLong) {
            return JET_errInvalidGrbit;
        }
        if (g & JET_bitColumnTagged)
            return JET_errCannotBeTagged;
        if (g & JET_bitColumnVersion) {
            if (g & JET_bitColumnAutoincrement)
                return JET_errInvalidGrbit;
            *pffield |= ESENT_FFIELD_VERSION;
        } else {
            if (!exclusive)
                return JET_errExclusiveTableLockRequired;
            *pffield |= ESENT_FFIELD_AUTOINCREMENT;
        }
    }
    /* A user-defined default needs persisted callbacks, which this engine does not run. */
    if (g & JET_bitColumnUserDefinedDefault)
        return JET_errFeatureNotAvailable;
    return JET_errSuccess;
}

/* Validation in ESENT's order (ErrFILEIValidateAddColumn); fills the column's catalog values. */
static JET_ERR check_column(esent_ddl_column *col, int exclusive, char name[JET_cbNameMost + 1], uint32_t *pffield,
                            uint32_t *pcb_max, uint32_t *pcp, uint32_t *pcb_default)
{
    int has_default = col->pv_default != NULL && col->cb_default > 0, trunc = 0;
    uint32_t t = col->coltyp, ffield = 0;
    JET_GRBIT g = col->grbit;
    if (col->cb_max > JET_cbLVColumnMost)
        return JET_errInvalidParameter;
    JET_ERR err = esent_ddl_name(col->name, name);
    if (err < 0)
        return err;
    if (t == JET_coltypNil || t > COLTYP_LAST || t == COLTYP_SLV)
        return JET_errInvalidColumnType;
    *pcp = 0;
    if (is_text(t)) {
        *pcp = col->cp == 0 ? DDL_CP_ENGLISH : col->cp;
        if (*pcp != DDL_CP_ENGLISH && *pcp != DDL_CP_UNICODE)
            return JET_errInvalidCodePage;
    }
    if ((g & JET_bitColumnCompressed) && !esent_coltyp_is_long(t))
        return JET_errColumnCannotBeCompressed;
    if ((g & JET_bitColumnTagged) || esent_coltyp_is_long(t)) {
        if (g & JET_bitColumnFixed)
            return JET_errInvalidGrbit;
    } else if (g & JET_bitColumnMultiValued) {
        return JET_errMultiValuedColumnMustBeTagged;
    }
    ESENT_CALL(err, check_special(col, has_default, exclusive, &ffield), out);
    ffield |= ((g & JET_bitColumnNotNULL) ? ESENT_FFIELD_NOT_NULL : 0) |
              ((g & JET_bitColumnMultiValued) ? ESENT_FFIELD_MULTIVALUED : 0) |
              ((g & JET_bitColumnCompressed) ? ESENT_FFIELD_COMPRESSED : 0);
    *pcb_max = column_size(t, col->cb_max, &trunc);
    *pcb_default = 0;
    if (has_default) {
        uint32_t natural = esent_coltyp_fixed_size(t);
        ffield |= ESENT_FFIELD_DEFAULT;
        if (*pcb_max != 0 && *pcb_max < col->cb_default)
            return JET_errDefaultValueTooBig;
        if (natural != 0 && col->cb_default != natural)
            return JET_errInvalidBufferSize;
        /* Long-value defaults are kept to JET_cbLVDefaultValueMost bytes, the rest silently dropped. */
        *pcb_default = col->cb_default > JET_cbLVDefaultValueMost ? JET_cbLVDefaultValueMost : col->cb_default;
    }
    *pffield = ffield;
    return trunc ? JET_wrnColumnMaxTruncated : JET_errSuccess;
out:
    return err;
}

/* The class of a new column (ErrFILEGetNextColumnid): tagged when asked or long, fixed when asked or
 * of a fixed-size type, otherwise variable. 0 when the class is full (JET_errTooManyColumns). */
static uint32_t next_fid(const esent_ddl_column *col, const ddl_fids *f)
{
    if ((col->grbit & JET_bitColumnTagged) || esent_coltyp_is_long(col->coltyp))
        return f->tagged_last + 1 <= JET_ccolMost ? f->tagged_last + 1 : 0;
    if ((col->grbit & JET_bitColumnFixed) || esent_coltyp_fixed_size(col->coltyp) != 0)
        return f->fixed_last + 1 <= ESENT_FID_FIXED_MOST ? f->fixed_last + 1 : 0;
    return f->var_last + 1 <= ESENT_FID_VAR_MOST ? f->var_last + 1 : 0;
}

static JET_ERR table_empty(esent_tdb *tdb, const esent_schema_table *t)
{
    esent_btree_cursor bt;
    JET_ERR err = esent_btree_open(&bt, tdb->pf, t->objid, t->pgno_fdp);
    if (err < 0)
        return err;
    err = esent_btree_move_first(&bt);
    esent_btree_close(&bt);
    if (err == JET_errRecordNotFound)
        return JET_errSuccess;
    return err < 0 ? err : JET_errTableNotEmpty;
}

JET_ERR ddl_add_column(esent_session *s, esent_tdb *tdb, uint32_t objid_table, esent_ddl_column *col, int exclusive,
                       ddl_fids *f)
{
    char name[JET_cbNameMost + 1];
    uint32_t ffield = 0, cb_max = 0, cp = 0, cb_default = 0;
    JET_ERR err, warn = check_column(col, exclusive, name, &ffield, &cb_max, &cp, &cb_default);
    if (warn < 0)
        return warn;
    /* An existing table (NULL while JetCreateTable* builds one: the catalog's Name index then finds
     * duplicates). Escrow columns are only added to empty tables: records would lack them. */
    const esent_schema_table *t = esent_tdb_table(tdb, objid_table);
    if (t != NULL && (ffield & ESENT_FFIELD_ESCROW_UPDATE) && (err = table_empty(tdb, t)) < 0)
        return err;
    if (t != NULL && esent_ddl_find_column(t, col->name) != NULL)
        return JET_errColumnDuplicate;
    int fixed_class = !((col->grbit & JET_bitColumnTagged) || esent_coltyp_is_long(col->coltyp)) &&
                      ((col->grbit & JET_bitColumnFixed) || esent_coltyp_fixed_size(col->coltyp) != 0);
    /* cbRecordMost: a page less the page, tag and key-count overhead of one node. */
    if (fixed_class && f->ib_fixed_end + cb_max > esent_pagefile_page_size(tdb->pf) - JET_cbColumnLVPageOverhead)
        return JET_errRecordTooBig;
    uint32_t fid = next_fid(col, f);
    if (fid == 0)
        return JET_errTooManyColumns;
    if (((ffield & ESENT_FFIELD_VERSION) && f->has_version) || ((ffield & ESENT_FFIELD_AUTOINCREMENT) && f->has_autoinc))
        return JET_errColumnRedundant;

    esent_cat_row row;
    ddl_row_init(&row, objid_table, ESENT_CAT_TYPE_COLUMN, fid);
    row.coltypOrPgnoFDP = col->coltyp;
    row.spaceUsage = cb_max;
    row.flags = ffield;
    row.pagesOrLocale = cp;
    if (fid <= ESENT_FID_FIXED_MOST) {
        row.fixedPresent |= ESENT_CAT_PRESENT(ESENT_CAT_FID_RECORD_OFFSET);
        row.recordOffset = (uint16_t)f->ib_fixed_end;
    }
    row.name = esent_cat_blob_of(name, (uint32_t)strlen(name));
    if (cb_default != 0)
        row.defaultValue = esent_cat_blob_of(col->pv_default, cb_default);
    err = esent_catw_insert(s, tdb, &row);
    if (err < 0)
        return err == JET_errKeyDuplicate ? JET_errColumnDuplicate : err;

    if (fid <= ESENT_FID_FIXED_MOST) {
        f->fixed_last = fid;
        f->ib_fixed_end += cb_max;
    } else if (fid <= ESENT_FID_VAR_MOST) {
        f->var_last = fid;
    } else {
        f->tagged_last = fid;
    }
    f->has_version |= (ffield & ESENT_FFIELD_VERSION) != 0;
    f->has_autoinc |= (ffield & ESENT_FFIELD_AUTOINCREMENT) != 0;
    col->columnid = fid;
    return warn;
}

/* ---- cursor-based calls ---- */

/* The cursor's table, in a writable database. */
static JET_ERR cursor_table(esent_session *s, JET_TABLEID tableid, esent_cursor **pc)
{
    JET_ERR err = esent_cursor_get(s, tableid, pc);
    if (err < 0)
        return err;
    return (*pc)->tdb->read_only ? JET_errPermissionDenied : JET_errSuccess;
}

JET_ERR esent_ddl_add_column(esent_session *s, JET_TABLEID tableid, esent_ddl_column *col)
{
    esent_cursor *c;
    ddl_fids f;
    JET_ERR err = cursor_table(s, tableid, &c);
    if (err < 0)
        return err;
    esent_tdb *tdb = c->tdb;
    const esent_schema_table *t = c->t;
    int exclusive = (c->open_grbit & JET_bitTableDenyRead) != 0;
    if (t->flags & JET_bitObjectTableFixedDDL)
        return JET_errFixedDDL;
    if ((col->grbit & JET_bitColumnUnversioned) && !exclusive && esent_trx_level(s) > 0)
        return JET_errInTransaction;
    ddl_fids_init(t, &f);
    uint32_t objid = t->objid;
    ESENT_CALL(err, ddl_begin(s, tdb), out);
    err = ddl_end(s, tdb, ddl_add_column(s, tdb, objid, col, exclusive, &f));
out:
    return err;
}

/* A deleted column keeps its catalog row, so its fid is never reused and readers that lay out records
 * from the catalog (fixed offsets, variable slots) still find every column: the row becomes coltyp Nil
 * with no flags and no default, keeps its size, and is renamed "!del<fid>" — '!' cannot appear in a
 * user's name, so the name can be reused at once. */
static void mark_deleted(esent_cat_row *row, void *ctx)
{
    char *name = (char *)ctx;
    snprintf(name, JET_cbNameMost + 1, "!del%u", (unsigned)row->id);
    row->name = esent_cat_blob_of(name, (uint32_t)strlen(name));
    row->coltypOrPgnoFDP = JET_coltypNil;
    row->flags = 0;
    row->pagesOrLocale = 0;
    row->defaultValue.fPresent = 0;
    row->callbackData.fPresent = 0;
    row->callbackDependencies.fPresent = 0;
}

JET_ERR esent_ddl_delete_column(esent_session *s, JET_TABLEID tableid, const WCHAR *name, JET_GRBIT grbit)
{
    char bytes[JET_cbNameMost + 1], deleted[JET_cbNameMost + 1];
    esent_cursor *c;
    int indexed = 0;
    JET_ERR err = cursor_table(s, tableid, &c);
    if (err < 0)
        return err;
    if (grbit & ~(JET_GRBIT)JET_bitDeleteColumnIgnoreTemplateColumns)
        return JET_errInvalidGrbit;
    ESENT_CALL(err, esent_ddl_name(name, bytes), out);
    esent_tdb *tdb = c->tdb;
    const esent_schema_table *t = c->t;
    if (t->flags & JET_bitObjectTableFixedDDL)
        return JET_errFixedDDL;
    const esent_schema_column *col = esent_ddl_find_column(t, name);
    if (col == NULL)
        return JET_errColumnNotFound;
    ESENT_CALL(err, ddl_column_indexed(tdb, t, col->columnid, &indexed), out);
    if (indexed)
        return JET_errColumnInUse;
    uint32_t objid = t->objid, fid = col->columnid;
    ESENT_CALL(err, ddl_begin(s, tdb), out);
    err = ddl_end(s, tdb, ddl_row_replace(s, tdb, objid, ESENT_CAT_TYPE_COLUMN, fid, mark_deleted, deleted));
out:
    return err;
}

static void rename_row(esent_cat_row *row, void *ctx)
{
    const char *name = (const char *)ctx;
    row->name = esent_cat_blob_of(name, (uint32_t)strlen(name));
}

JET_ERR esent_ddl_rename_column(esent_session *s, JET_TABLEID tableid, const WCHAR *name, const WCHAR *name_new,
                                JET_GRBIT grbit)
{
    char bytes[JET_cbNameMost + 1], bytes_new[JET_cbNameMost + 1];
    esent_cursor *c;
    JET_ERR err = cursor_table(s, tableid, &c);
    if (err < 0)
        return err;
    ESENT_CALL(err, esent_ddl_name(name, bytes), out);
    ESENT_CALL(err, esent_ddl_name(name_new, bytes_new), out);
    /* The only option ESENT defines converts a column into a primary-index placeholder, which this
     * engine does not build. */
    if (grbit != 0)
        return JET_errInvalidGrbit;
    esent_tdb *tdb = c->tdb;
    const esent_schema_table *t = c->t;
    if (t->flags & JET_bitObjectTableFixedDDL)
        return JET_errFixedDDL;
    const esent_schema_column *col = esent_ddl_find_column(t, name);
    if (col == NULL)
        return JET_errColumnNotFound;
    const esent_schema_column *other = esent_ddl_find_column(t, name_new);
    if (other != NULL && other != col)
        return JET_errColumnDuplicate;
    uint32_t objid = t->objid, fid = col->columnid;
    ESENT_CALL(err, ddl_begin(s, tdb), out);
    err = ddl_row_replace(s, tdb, objid, ESENT_CAT_TYPE_COLUMN, fid, rename_row, bytes_new);
    err = ddl_end(s, tdb, err == JET_errKeyDuplicate ? JET_errColumnDuplicate : err);
out:
    return err;
}

/* ---- JetSetColumnDefaultValue ---- */

typedef struct default_edit {
    const void *pv;
    uint32_t cb;
} default_edit;

static void set_default(esent_cat_row *row, void *ctx)
{
    const default_edit *d = (const default_edit *)ctx;
    row->defaultValue = esent_cat_blob_of(d->pv, d->cb);
    row->flags |= ESENT_FFIELD_DEFAULT;
}

JET_ERR esent_ddl_set_default(esent_session *s, JET_DBID dbid, const WCHAR *table, const WCHAR *column,
                              const void *pv, uint32_t cb, JET_GRBIT grbit)
{
    char bytes[JET_cbNameMost + 1];
    esent_tdb *tdb;
    int indexed = 0;
    JET_ERR err = ddl_tdb_writable(s, dbid, &tdb);
    if (err < 0)
        return err;
    ESENT_CALL(err, esent_ddl_name(table, bytes), out);
    ESENT_CALL(err, esent_ddl_name(column, bytes), out);
    if (grbit != 0)
        return JET_errInvalidGrbit;
    const esent_schema_table *t = esent_ddl_find_table(tdb->schema, table);
    if (t == NULL)
        return JET_errObjectNotFound;
    const esent_schema_column *col = esent_ddl_find_column(t, column);
    if (col == NULL)
        return JET_errColumnNotFound;
    if (pv == NULL || cb == 0)
        return JET_errNullInvalid;
    ESENT_CALL(err, ddl_column_indexed(tdb, t, col->columnid, &indexed), out);
    if (indexed)
        return JET_errColumnInUse;
    if (col->cbMax != 0 && cb > col->cbMax)
        return JET_errDefaultValueTooBig;
    if (esent_coltyp_fixed_size(col->coltyp) != 0 && cb != esent_coltyp_fixed_size(col->coltyp))
        return JET_errInvalidBufferSize;
    ESENT_CALL(err, ddl_table_unused(tdb, t->objid), out);
    default_edit d = { pv, cb > JET_cbLVDefaultValueMost ? JET_cbLVDefaultValueMost : cb };
    uint32_t objid = t->objid, fid = col->columnid;
    ESENT_CALL(err, ddl_begin(s, tdb), out);
    err = ddl_end(s, tdb, ddl_row_replace(s, tdb, objid, ESENT_CAT_TYPE_COLUMN, fid, set_default, &d));
out:
    return err;
}
