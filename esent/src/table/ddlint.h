/* Shared by the DDL sources (table/ddl*.c): the bracket every change runs in, and catalog-row helpers. */
#ifndef ESENT_TABLE_DDLINT_H
#define ESENT_TABLE_DDLINT_H

#include "api/api.h"
#include "format/catalog.h"
#include "table/ddl.h"

#define DDL_DENSITY_DEFAULT 80u    /* ulFILEDefaultDensity */
#define DDL_DENSITY_LEAST   20u
#define DDL_DENSITY_MOST    100u
#define DDL_LCMAP_DEFAULT   0x00030401u   /* LCMAP_SORTKEY | NORM_IGNORECASE | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH */
#define DDL_CP_ENGLISH      1252u
#define DDL_CP_UNICODE      1200u

/* The table of a database session s has open: its tdb (read-only databases: JET_errPermissionDenied). */
JET_ERR ddl_tdb_writable(esent_session *s, JET_DBID dbid, esent_tdb **ptdb);
/* Opens the implicit level of one DDL call and marks the catalog as changing (a rollback of this
 * level, or of any level the change ends up in, reloads the schema). */
JET_ERR ddl_begin(esent_session *s, esent_tdb *tdb);
/* Ends the level (commit when err >= 0, else roll back) and, after a commit, reloads the schema. */
JET_ERR ddl_end(esent_session *s, esent_tdb *tdb, JET_ERR err);

/* A row with ObjidTable, Type and Id set and the NotNULL fixed columns marked present. */
void ddl_row_init(esent_cat_row *row, uint32_t objid_table, uint16_t type, uint32_t id);
/* Replaces a catalog row by edit(row) (the row's key stays; Name-index entries follow the name). */
typedef void (*ddl_row_edit_fn)(esent_cat_row *row, void *ctx);
JET_ERR ddl_row_replace(esent_session *s, esent_tdb *tdb, uint32_t objid_table, uint16_t type, uint32_t id,
                        ddl_row_edit_fn edit, void *ctx);

/* The conditional columns of index x (its catalog row's ConditionalColumns); none for other indexes. */
JET_ERR ddl_index_conditional(esent_tdb *tdb, const esent_schema_table *t, const esent_schema_index *x,
                              esent_cat_idxseg segs[JET_ccolKeyMost], uint32_t *pcsegs);
/* *pindexed = 1 when the column (fid) is a key or conditional column of an index of t. */
JET_ERR ddl_column_indexed(esent_tdb *tdb, const esent_schema_table *t, uint32_t fid, int *pindexed);
/* The table's cursors refuse DDL that needs it alone: JET_errTableInUse when any cursor is open on it. */
JET_ERR ddl_table_unused(const esent_tdb *tdb, uint32_t objid);

/* Validates and creates one index on table objid (schema reloaded afterwards by the caller). fill: a
 * cursor on the table (JetCreateIndex*): the index is filled from the table's records, long values read
 * through it; NULL for a table being created (empty). Sets def->err. */
struct esent_cursor;
JET_ERR ddl_create_index(esent_session *s, esent_tdb *tdb, uint32_t objid_table, esent_ddl_index *def,
                         struct esent_cursor *fill);

/* Where a table's next columns go: the last fid of each class (the class's first fid - 1 when it has
 * none; deleted columns keep their fid), the record offset where the next fixed column starts, and
 * the one version / auto-increment column a table may have. */
typedef struct ddl_fids {
    uint32_t fixed_last, var_last, tagged_last;
    uint32_t ib_fixed_end;
    uint8_t has_version, has_autoinc;
} ddl_fids;
/* From the columns of t (NULL: a table without columns). */
void ddl_fids_init(const esent_schema_table *t, ddl_fids *f);

/* Validates one column (ESENT's order of checks), gives it the next fid of its class (f advances) and
 * inserts its catalog row. exclusive = the table is held exclusively (JetCreateTable*, or a cursor
 * opened with JET_bitTableDenyRead). JET_wrnColumnMaxTruncated when cbMax was cut to 255. */
JET_ERR ddl_add_column(esent_session *s, esent_tdb *tdb, uint32_t objid_table, esent_ddl_column *col, int exclusive,
                       ddl_fids *f);

#endif
