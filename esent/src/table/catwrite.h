/* Catalog changes (DDL): one catalog row at a time, kept in step across the four catalog trees —
 * MSysObjects (key: the Id index key), its Name and RootObjects indexes (data: that key) and
 * MSysObjectsShadow (the same entries as MSysObjects), ese-format.md §4. Every change goes through the
 * session's logged tree operations (table/trx.h), so a rollback restores the catalog; the caller
 * reloads the schema afterwards (esent_tdb_reload) and marks the level (esent_trx_schema_changed). */
#ifndef ESENT_TABLE_CATWRITE_H
#define ESENT_TABLE_CATWRITE_H

#include "api/api.h"
#include "format/catalog.h"
#include "table/tdb.h"

/* Inserts a row. The Name index is unique on (ObjidTable, Type, Name): a duplicate name gives
 * JET_errKeyDuplicate (callers check names first and report the specific error). */
JET_ERR esent_catw_insert(esent_session *s, esent_tdb *tdb, const esent_cat_row *row);
/* Deletes the row with that key. JET_errRecordNotFound when there is none. */
JET_ERR esent_catw_delete(esent_session *s, esent_tdb *tdb, uint32_t objid_table, uint16_t type, uint32_t id);
/* Copies the record bytes of a row into rec (cb_rec bytes; a page is always enough).
 * JET_errRecordNotFound when there is none. */
JET_ERR esent_catw_read(esent_tdb *tdb, uint32_t objid_table, uint16_t type, uint32_t id, uint8_t *rec,
                        uint32_t cb_rec, uint32_t *pcb);

#endif
