/* Shared by the schema-information sources (table/ddlinfo*.c). */
#ifndef ESENT_TABLE_DDLINFO_H
#define ESENT_TABLE_DDLINFO_H

#include "api/api.h"
#include "table/cursor.h"
#include "table/ddl.h"

#define DDLINFO_COUNTRY_DEFAULT 1u          /* wCountry as ESENT reports it */
#define DDLINFO_LANGID_DEFAULT  0x0409u     /* the langid of columns (the instance's default locale) */
#define DDLINFO_COLINFO_LEVEL_MASK 0x0FFFFFFFu  /* JetGet*ColumnInfo: the level; the high four bits are
                                                   JET_ColInfoGrbit* options */

/* Writes a string for an A (the ANSI code page) or W (UTF-16) caller, terminator included, into cb
 * bytes. JET_errBufferTooSmall when it does not fit. */
JET_ERR ddlinfo_put_string(const WCHAR *w, int ansi, void *pv, uint32_t cb);
/* The table of a call: the cursor's (tableid != 0; *pc set) or the one named table in dbid
 * (JET_errInvalidParameter for a NULL name, JET_errInvalidName, JET_errObjectNotFound). */
JET_ERR ddlinfo_resolve(esent_session *s, JET_TABLEID tableid, JET_DBID dbid, const WCHAR *table, esent_tdb **ptdb,
                        const esent_schema_table **pt, esent_cursor **pc);
/* JET_IdxInfoIndexId fills JET_INDEXID.rgbIndexId with a pointer-sized 0, then the index's objid and
 * its pgnoFDP (u32 each, host order): what a later JetSetCurrentIndex hint can check. */

/* The JET_bitColumn* options a column reports (JET_COLUMNDEF.grbit). JET_bitColumnUpdatable is a
 * property of the cursor asked through, as in ESENT: set when `updatable` (a cursor that may write;
 * JetGetColumnInfo, which names the table, never reports it). */
JET_GRBIT ddlinfo_column_grbit(const esent_schema_column *col, int updatable);

/* The JET_bitIndex* options an index was created with (table/ddlinfoidx.c). */
JET_GRBIT ddlinfo_index_grbit(const esent_schema_index *x);
/* The LCID of an index: its locale's (LOCALE_CUSTOM_UNSPECIFIED when unknown), or the legacy LCID of an
 * index that stores no locale name. */
uint32_t ddlinfo_index_lcid(const esent_schema_index *x);

/* ---- the list levels: temporary tables (table/ddlinfolist.c) ----
 * Each returns an open temporary-table cursor positioned on its first row in the caller's structure;
 * closing it (JetCloseTable) deletes the table. */

/* JET_ColInfoList, JET_ColInfoListSortColumnid, JET_ColInfoListCompact with the JET_ColInfoGrbit*
 * options of `level`: one row per column of t. */
JET_ERR ddlinfo_column_list(esent_session *s, const esent_schema_table *t, int updatable, void *pv, uint32_t cb,
                            uint32_t level, int ansi);
/* JET_IdxInfo / JET_IdxInfoList: one row per key segment of every index of t, or of `only`. */
JET_ERR ddlinfo_index_list(esent_session *s, const esent_schema_table *t, const esent_schema_index *only, void *pv,
                           uint32_t cb, int ansi);
/* JET_ObjInfoList / JET_ObjInfoListNoStats: one row per table of the database. */
JET_ERR ddlinfo_object_list(esent_session *s, esent_tdb *tdb, JET_OBJTYP objtyp, void *pv, uint32_t cb, int ansi);

#endif
