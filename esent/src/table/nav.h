/* Cursor navigation: JetMove, JetMakeKey, JetSeek, JetSetIndexRange, JetSetCurrentIndex*, bookmarks,
 * JetRetrieveKey, positions and counts. Every function takes a cursor the caller resolved with
 * esent_cursor_get under the data lock.
 *
 * Keys compare as format/key.h's esent_key_compare. A search key made with fewer columns than the
 * index has ("partial key") matches, for JetSeek(JET_bitSeekEQ) and inclusive ranges, every entry whose
 * key starts with it — as ESENT compares a search key against index keys over the search key's length. */
#ifndef ESENT_TABLE_NAV_H
#define ESENT_TABLE_NAV_H

#include "table/cursor.h"

JET_ERR esent_nav_move(esent_cursor *c, int32_t crow, JET_GRBIT grbit);
JET_ERR esent_nav_make_key(esent_cursor *c, const void *pv, uint32_t cb, JET_GRBIT grbit);
JET_ERR esent_nav_seek(esent_cursor *c, JET_GRBIT grbit);
JET_ERR esent_nav_set_range(esent_cursor *c, JET_GRBIT grbit);
/* name NULL or empty: the primary index (or the sequential order). */
JET_ERR esent_nav_set_index(esent_cursor *c, const WCHAR *name, const JET_INDEXID *pindexid, JET_GRBIT grbit,
                            unsigned long itag_sequence);
/* The current index's name (empty for a sequential table without primary index, as ESENT). */
const WCHAR *esent_nav_index_name(esent_cursor *c);
JET_ERR esent_nav_get_bookmark(esent_cursor *c, void *pv, uint32_t cb, uint32_t *pcb_actual);
JET_ERR esent_nav_goto_bookmark(esent_cursor *c, const void *pv, uint32_t cb);
JET_ERR esent_nav_get_secondary_bookmark(esent_cursor *c, void *pv_sec, uint32_t cb_sec, uint32_t *pcb_sec,
                                         void *pv_prim, uint32_t cb_prim, uint32_t *pcb_prim);
JET_ERR esent_nav_goto_secondary_bookmark(esent_cursor *c, const void *pv_sec, uint32_t cb_sec,
                                          const void *pv_prim, uint32_t cb_prim);
JET_ERR esent_nav_retrieve_key(esent_cursor *c, void *pv, uint32_t cb, uint32_t *pcb_actual, JET_GRBIT grbit);
JET_ERR esent_nav_get_position(esent_cursor *c, JET_RECPOS *pos);
JET_ERR esent_nav_goto_position(esent_cursor *c, const JET_RECPOS *pos);
JET_ERR esent_nav_index_count(esent_cursor *c, uint32_t *pcount, uint32_t max);

/* The current record's bytes (valid until the next move or update): JET_errNoCurrentRecord when the
 * cursor is not on a record, JET_errRecordDeleted when it was deleted. */
JET_ERR esent_nav_record(esent_cursor *c, const uint8_t **prec, uint32_t *pcb);
/* Re-positions on the record whose primary key is bookmark (after an update moved things). */
JET_ERR esent_nav_goto_primary(esent_cursor *c, const uint8_t *bookmark, uint32_t cb);
/* The cursor's current record was deleted through it. */
void esent_nav_mark_deleted(esent_cursor *c);

#endif
