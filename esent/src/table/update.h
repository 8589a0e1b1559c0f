/* Record changes through a cursor: JetPrepareUpdate, JetSetColumn(s), JetUpdate(2), JetDelete,
 * JetEscrowUpdate, JetGetLock, and the retrieval views JetRetrieveColumn(s) / JetEnumerateColumns /
 * JetGetRecordSize read through. Column semantics live in table/recedit.h; this module keeps the
 * primary tree, the secondary indexes and the long values in step, every change through the session's
 * logged tree operations (table/trx.h) inside an implicit level, so a failing call leaves nothing. */
#ifndef ESENT_TABLE_UPDATE_H
#define ESENT_TABLE_UPDATE_H

#include "table/cursor.h"
#include "table/recedit.h"

JET_ERR esent_update_prepare(esent_cursor *c, uint32_t prep);
JET_ERR esent_update_set_column(esent_cursor *c, JET_COLUMNID columnid, const void *pv, uint32_t cb,
                                JET_GRBIT grbit, const JET_SETINFO *psetinfo);
JET_ERR esent_update_set_columns(esent_cursor *c, JET_SETCOLUMN *rg, uint32_t n);
JET_ERR esent_update_commit(esent_cursor *c, void *pv_bookmark, uint32_t cb_bookmark, uint32_t *pcb_actual);
JET_ERR esent_update_delete(esent_cursor *c);
JET_ERR esent_update_escrow(esent_cursor *c, JET_COLUMNID columnid, const void *pv, uint32_t cb, void *pv_old,
                            uint32_t cb_old_max, uint32_t *pcb_old_actual, JET_GRBIT grbit);
JET_ERR esent_update_get_lock(esent_cursor *c, JET_GRBIT grbit);

/* The view retrievals read: the current record (when the cursor is on one) and the update buffer.
 * Valid until the next move or change. *plv is the LV store the view uses (owned by the cursor). */
JET_ERR esent_update_view(esent_cursor *c, int need_record, esent_recview *v);

#endif
