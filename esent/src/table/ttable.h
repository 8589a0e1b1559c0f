/* Temporary tables (JetOpenTempTable, JetOpenTempTable2/3, JetOpenTemporaryTable(2)): ordinary tables
 * of the instance's temporary database (dbid ESENT_DBID_TEMP, the file JET_paramTempPath names),
 * created with a generated name, keyed by the JET_bitColumnTTKey columns in the order given, and
 * deleted when their cursor is closed (or the session ends). Without JET_bitTTUnique a hidden
 * auto-increment column ends the key, so records with equal keys are all kept, in insertion order;
 * with it a duplicate insertion fails with JET_errKeyDuplicate at once (the documented behaviour of
 * JET_bitTTErrorOnDuplicateInsertion, which ESENT may also choose without the bit). */
#ifndef ESENT_TABLE_TTABLE_H
#define ESENT_TABLE_TTABLE_H

#include "api/api.h"
#include "session/session.h"

/* One temporary table request, from any of the five entry points. */
typedef struct esent_ttable {
    const JET_COLUMNDEF *cols;
    uint32_t ccols;
    JET_GRBIT grbit;
    uint32_t lcid;                  /* 0: the default */
    const WCHAR *locale_name;       /* NULL: from lcid */
    uint32_t lcmap_flags;           /* 0: the default */
    uint32_t cb_key_most;           /* 0: the default (255) */
    uint32_t cb_var_seg_mac;        /* 0: = cb_key_most */
    JET_COLUMNID *columnids;        /* out, ccols entries (may be NULL) */
    JET_TABLEID tableid;            /* out */
} esent_ttable;

/* Creates and opens a temporary table. Errors: JET_errInvalidParameter (no columns, NULL pointers),
 * JET_errInvalidGrbit, the column errors of DDL (JET_errInvalidColumnType ...), JET_errTooManyOpenTables
 * when the instance's JET_paramMaxTemporaryTables is 0, file errors of the temporary database. */
JET_ERR esent_ttable_open(esent_session *s, esent_ttable *tt);

/* Closes a cursor; a temporary table's cursor also deletes its table. */
struct esent_cursor;
JET_ERR esent_ttable_close(struct esent_cursor *c);

#endif
