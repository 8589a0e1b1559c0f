/* The long-value tree of a table as an esent_lvstore (table/recedit.h), ese-format.md §6:
 * per LID a root entry (key LID big-endian, data LVROOT {refcount, size}) and chunks (key LID ‖ offset
 * big-endian, data: the bytes at that offset; every chunk but the last holds exactly the page size's
 * chunk size). LIDs are 32-bit, handed out from the table's counter (one above the largest in the tree
 * when the table is first used). The tree and its catalog row are created with the first long value.
 * Every change goes through the session's logged tree operations. */
#ifndef ESENT_TABLE_LVSTORE_H
#define ESENT_TABLE_LVSTORE_H

#include "table/cursor.h"
#include "table/recedit.h"

/* Fills store with the callbacks over c's table (store->ctx = c). */
void esent_lvstore_init(esent_lvstore *store, esent_cursor *c);

/* For index keys (table/idxkey.h): reads the first cb bytes of lid. ctx is the cursor. */
JET_ERR esent_lvstore_read_prefix(void *ctx, uint64_t lid, uint8_t *buf, uint32_t cb, uint32_t *pcb_actual);

#endif
