/* Index entries of a record (ese-format.md §3.5): what an index holds for one record.
 * Primary index: one entry, key = the normalized primary key (the record's key in the primary tree).
 * Secondary index: one entry per combination of key-column values (a multi-valued key column gives one
 * entry per value, ESENT's IDB Multivalued), key = normalized key, data = the record's primary key
 * (bookmark). Entries a record does not get (JET_bitIndexIgnoreNull / IgnoreAnyNull / IgnoreFirstNull,
 * a sparse index's conditional columns) are skipped.
 *
 * Column values come from the record bytes, the column's default value when the record does not store
 * it, and for separated long values the first bytes read through lv_read (may be NULL: then separated
 * values key as their first intrinsic bytes, i.e. nothing). */
#ifndef ESENT_TABLE_IDXKEY_H
#define ESENT_TABLE_IDXKEY_H

#include "api/api.h"
#include "storage/schema.h"

/* Reads up to cb bytes of long value lid from offset 0 into buf; *pcb_actual = bytes read. */
typedef JET_ERR (*esent_lv_read_fn)(void *ctx, uint64_t lid, uint8_t *buf, uint32_t cb, uint32_t *pcb_actual);

/* Called once per entry; key holds cb_key bytes (valid during the call). */
typedef JET_ERR (*esent_idxkey_fn)(void *ctx, const uint8_t *key, uint32_t cb_key);

/* Calls fn for every entry idx has for the record (rec, cb_rec). Errors: the record's parse errors
 * (JET_errDatabaseCorrupted), key errors (JET_errKeyTruncated for DisallowTruncation), fn's errors.
 * JET_errIndexInvalidDef when the index's key description is unusable (key_ok 0). */
JET_ERR esent_idxkey_foreach(const esent_schema_table *t, const esent_schema_index *idx, const uint8_t *rec,
                             uint32_t cb_rec, esent_lv_read_fn lv_read, void *lv_ctx, esent_idxkey_fn fn,
                             void *ctx);

/* The primary key of a record: the primary index's single entry. JET_errNullKeyDisallowed? no: ESENT
 * stores NULL segments in primary keys unless the index disallows nulls (JET_errNullKeyDisallowed);
 * JET_errKeyTruncated as above. key needs room for cb_key_most bytes. */
JET_ERR esent_idxkey_primary(const esent_schema_table *t, const uint8_t *rec, uint32_t cb_rec,
                             esent_lv_read_fn lv_read, void *lv_ctx, uint8_t *key, uint32_t *pcb_key);

#endif
