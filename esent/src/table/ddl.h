/* DDL: creating, changing and deleting tables, columns and indexes (JetCreateTable*, JetAddColumn,
 * JetCreateIndex*, JetDelete*, JetRename*, JetSetColumnDefaultValue), and the schema information
 * calls (JetGet*Info, table/ddlinfo.c).
 *
 * The API layer turns every version of the public structures (A and W, JET_TABLECREATE..4,
 * JET_INDEXCREATE..3) into the descriptions below, calls one routine, and copies the out fields back.
 * Strings are UTF-16 (WCHAR); names are checked and converted to the catalog's Windows-1252 bytes here.
 *
 * Every routine runs with the data lock held (esent_data_lock, taken by the API entry point) and makes
 * its changes inside an implicit transaction level (table/trx.h): a call that fails leaves nothing
 * behind, and a caller's JetRollback undoes a call that succeeded. Catalog rows follow ese-format.md
 * §4.2; trees are created with esent_trx_tree_create and destroyed at the outermost commit. */
#ifndef ESENT_TABLE_DDL_H
#define ESENT_TABLE_DDL_H

#include "api/api.h"
#include "session/session.h"
#include "table/tdb.h"

/* One column to create (JET_COLUMNCREATE / JET_COLUMNDEF + default). */
typedef struct esent_ddl_column {
    const WCHAR *name;
    JET_COLTYP coltyp;
    uint32_t cb_max;
    JET_GRBIT grbit;
    const void *pv_default;     /* NULL or cb_default 0: no default */
    uint32_t cb_default;
    uint32_t cp;
    JET_COLUMNID columnid;      /* out */
    JET_ERR err;                /* out: this column's result (JetCreateTableColumnIndex*) */
} esent_ddl_column;

/* One conditional column of a sparse index. */
typedef struct esent_ddl_condcol {
    const WCHAR *name;
    JET_GRBIT grbit;            /* JET_bitIndexColumnMustBeNull or JET_bitIndexColumnMustBeNonNull */
    uint8_t struct_ok;          /* cbStruct was the right size */
} esent_ddl_condcol;

/* One index to create (JET_INDEXCREATE..3). */
typedef struct esent_ddl_index {
    const WCHAR *name;
    const WCHAR *key;           /* key description: "+col\0-col2\0\0" */
    uint32_t cch_key;           /* code units of key, both terminators included */
    JET_GRBIT grbit;
    uint32_t density;           /* 0: the default (80) */
    uint32_t lcid;              /* legacy locale (0: none) */
    const WCHAR *locale_name;   /* JET_UNICODEINDEX2 locale, or NULL */
    uint32_t lcmap_flags;       /* 0: the default */
    uint8_t have_unicode;       /* a JET_UNICODEINDEX(2) was given */
    uint8_t have_key_most;      /* the structure has cbKeyMost */
    uint32_t cb_key_most;
    uint32_t cb_var_seg_mac;    /* 0: = cbKeyMost */
    uint8_t have_tuple_limits;  /* ptuplelimits given with JET_bitIndexTupleLimits */
    const esent_ddl_condcol *cond;
    uint32_t ccond;
    JET_ERR err;                /* out */
} esent_ddl_index;

/* One table to create (JET_TABLECREATE..4). */
typedef struct esent_ddl_table {
    const WCHAR *name;
    const WCHAR *template_name; /* NULL: not derived */
    uint32_t pages;
    uint32_t density;
    esent_ddl_column *cols;
    uint32_t ccols;
    esent_ddl_index *idxs;
    uint32_t cidxs;
    JET_GRBIT grbit;
    const WCHAR *callback;      /* JET_TABLECREATE2+: NULL when none */
    JET_CBTYP cbtyp;
    uint32_t created;           /* out: objects created (table, columns, indexes) */
} esent_ddl_table;

/* ---- names (table/ddlname.c) ---- */

/* ESENT's object-name rules: 1..JET_cbNameMost characters after trailing spaces are dropped, no
 * leading space, no control character, none of ! . [ ], every character in Windows-1252.
 * out receives the catalog bytes (NUL-terminated, JET_cbNameMost + 1 bytes). JET_errInvalidName. */
JET_ERR esent_ddl_name(const WCHAR *name, char out[JET_cbNameMost + 1]);
/* Schema look-ups by a caller's name: trailing spaces are not part of it (esent_schema_find_*). */
const esent_schema_table *esent_ddl_find_table(const esent_schema *s, const WCHAR *name);
const esent_schema_column *esent_ddl_find_column(const esent_schema_table *t, const WCHAR *name);
const esent_schema_index *esent_ddl_find_index(const esent_schema_table *t, const WCHAR *name);

/* ---- DDL (table/ddl.c, table/ddlindex.c) ---- */

JET_ERR esent_ddl_create_table(esent_session *s, JET_DBID dbid, esent_ddl_table *def, JET_TABLEID *ptableid);
JET_ERR esent_ddl_delete_table(esent_session *s, JET_DBID dbid, const WCHAR *name);
JET_ERR esent_ddl_rename_table(esent_session *s, JET_DBID dbid, const WCHAR *name, const WCHAR *name_new);
/* Adds one column; returns JET_wrnColumnMaxTruncated when cbMax was cut to 255. */
JET_ERR esent_ddl_add_column(esent_session *s, JET_TABLEID tableid, esent_ddl_column *col);
JET_ERR esent_ddl_delete_column(esent_session *s, JET_TABLEID tableid, const WCHAR *name, JET_GRBIT grbit);
JET_ERR esent_ddl_rename_column(esent_session *s, JET_TABLEID tableid, const WCHAR *name, const WCHAR *name_new,
                                JET_GRBIT grbit);
JET_ERR esent_ddl_set_default(esent_session *s, JET_DBID dbid, const WCHAR *table, const WCHAR *column,
                              const void *pv, uint32_t cb, JET_GRBIT grbit);
/* Creates cidx indexes on the cursor's table, one after the other (each idx[i].err is set); stops at
 * the first failure, leaving the indexes created before it. */
JET_ERR esent_ddl_create_indexes(esent_session *s, JET_TABLEID tableid, esent_ddl_index *idx, uint32_t cidx);
JET_ERR esent_ddl_delete_index(esent_session *s, JET_TABLEID tableid, const WCHAR *name);

/* The table's long-value tree, created with its catalog row (Type 4, Name "LV") on first use. Must be
 * called inside a transaction level. Creating it reloads the schema (tdb->gen moves): callers re-resolve
 * their pointers (esent_cursor_refresh). */
JET_ERR esent_ddl_ensure_lv_tree(esent_session *s, esent_tdb *tdb, uint32_t objid_table, uint32_t *plv_objid,
                                 uint32_t *plv_pgno);

/* ---- schema information (table/ddlinfo.c) ---- ansi: A entry point (strings and structures are
 * the _A forms), else W. */
JET_ERR esent_ddlinfo_table(esent_session *s, JET_TABLEID tableid, void *pv, uint32_t cb, uint32_t level, int ansi);
/* tableid != 0: JetGetTableColumnInfo (table ignored); else JetGetColumnInfo on dbid/table.
 * column: a WCHAR name, or for the *ByColid levels a pointer to a JET_COLUMNID. */
JET_ERR esent_ddlinfo_column(esent_session *s, JET_TABLEID tableid, JET_DBID dbid, const WCHAR *table,
                             const void *column, void *pv, uint32_t cb, uint32_t level, int ansi);
JET_ERR esent_ddlinfo_index(esent_session *s, JET_TABLEID tableid, JET_DBID dbid, const WCHAR *table,
                            const WCHAR *index, void *pv, uint32_t cb, uint32_t level, int ansi);
JET_ERR esent_ddlinfo_object(esent_session *s, JET_DBID dbid, JET_OBJTYP objtyp, const WCHAR *container,
                             const WCHAR *object, void *pv, uint32_t cb, uint32_t level);
/* esent_ddlinfo_object for an A (ansi) or W caller: the JET_ObjInfoList* temporary table holds names
 * in the caller's form. */
JET_ERR esent_ddlinfo_object2(esent_session *s, JET_DBID dbid, JET_OBJTYP objtyp, const WCHAR *container,
                              const WCHAR *object, void *pv, uint32_t cb, uint32_t level, int ansi);

#endif
