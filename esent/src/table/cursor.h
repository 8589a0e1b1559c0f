/* Table cursors (JET_TABLEID): JetOpenTable, JetDupCursor, JetCloseTable and the cursor state the
 * navigation (table/cursor_nav.c) and update (table/update.c) code share.
 *
 * A cursor is a generation-checked pooled object (core/pool.h), so a stale or forged JET_TABLEID is
 * JET_errInvalidTableId, never a crash. It belongs to one session and one open database, and names its
 * table by objid: every call re-resolves the schema pointers when tdb->gen moved (DDL or a rollback
 * reloaded the schema), through esent_cursor_enter.
 *
 * Position: the cursor is on the primary tree (current index = primary, or the sequential table's
 * tree) or on a secondary index tree; `bt` walks the current index's tree, and `bookmark` holds the
 * primary key of the current record. States: before first, after last, on a record, on a deleted
 * record (JetDelete through this cursor: moves continue from its key, reads give
 * JET_errRecordDeleted). */
#ifndef ESENT_TABLE_CURSOR_H
#define ESENT_TABLE_CURSOR_H

#include "api/api.h"
#include "core/pool.h"
#include "format/key.h"
#include "session/session.h"
#include "storage/btree.h"
#include "table/recedit.h"
#include "table/tdb.h"

struct esent_recbuf;

typedef enum esent_curpos {
    ESENT_POS_BEFORE_FIRST = 0,
    ESENT_POS_ON_RECORD,
    ESENT_POS_AFTER_LAST,
    ESENT_POS_DELETED
} esent_curpos;

typedef struct esent_cursor {
    esent_pooled hdr;
    esent_session *s;
    esent_tdb *tdb;
    JET_DBID dbid;
    uint32_t objid;                 /* the table */
    uint32_t gen;                   /* tdb->gen the pointers below were resolved at */
    esent_schema_table *t;          /* resolved table */
    esent_schema_index *idx;        /* current index (NULL: the primary tree of a sequential table or
                                       the primary index is current) */
    WCHAR *idx_name;                /* name of the current secondary index (survives reloads), or NULL */
    JET_GRBIT open_grbit;           /* JetOpenTable options */
    int read_only;
    int temp;                       /* a temporary table: deleted when the cursor is closed */
    esent_btree_cursor bt;          /* on the current index's tree */
    int bt_open;
    esent_btree_cursor pbt;         /* on the primary tree, for records reached through a secondary index */
    int pbt_open;
    int rec_valid;                  /* on a secondary index: pbt is on the current record */
    esent_curpos pos;
    uint8_t *bookmark;              /* primary key of the current record (cb_page bytes) */
    uint32_t cb_bookmark;
    /* JetMakeKey / JetSeek / JetSetIndexRange */
    esent_keybuild kb;
    uint8_t *range_key;             /* index range limit (JetSetIndexRange), or NULL */
    uint32_t cb_range_key;
    JET_GRBIT range_grbit;          /* JET_bitRangeInclusive / JET_bitRangeUpperLimit */
    /* JetPrepareUpdate */
    uint32_t prep;                  /* JET_prep* in progress, or JET_prepCancel (none) */
    struct esent_recbuf *rb;        /* the copy buffer while an update is prepared */
    uint8_t *prep_bookmark;         /* JET_prepReplace: the record being replaced */
    uint32_t cb_prep_bookmark;
    uint8_t *upd_scratch;           /* JetUpdate's record and key (2 × cb_page), allocated on first use */
    /* The table's column definitions for table/recedit.h, rebuilt when the schema moved (defaults
     * copied: they stay valid while an update buffer uses them). */
    esent_coldef *coldefs;
    uint8_t *defaults;
    esent_tabledef td;
    int td_ok;
    esent_lvstore lvs;              /* the table's long values (table/lvstore.h), ctx = this cursor */
    uint8_t *ver_scratch;           /* cb_page bytes for images the version store builds (esent_cursor_view) */
    struct esent_cursor *next_in_session;

    /* ---- JetRetrieveColumn's kept parse of the current record (esent_cursor_keep_parse) ----------------
     * Keyed by the identity of the B-tree cursor copy the record bytes are (storage/btree.h serial,
     * copy_gen), so a move, seek, re-read after a change, or reopened tree never meets a stale parse; only
     * a rebuild of td (build_td, free_td) must reset it, which cursor.c does. */
    esent_recparse rparse;
} esent_cursor;

/* Opens a cursor on table `name` (a W string) of an open database. Errors: JET_errObjectNotFound,
 * JET_errInvalidName, JET_errTooManyOpenTables, JET_errOutOfMemory, JET_errTableLocked /
 * JET_errTableInUse for denied JET_bitTableDenyRead/DenyWrite combinations. */
JET_ERR esent_cursor_open(esent_session *s, JET_DBID dbid, const WCHAR *name, JET_GRBIT grbit, JET_TABLEID *ptableid);
/* Opens a cursor on the table with objid (for JetCreateTable, which returns an open cursor). */
JET_ERR esent_cursor_open_objid(esent_session *s, esent_tdb *tdb, JET_DBID dbid, uint32_t objid, JET_GRBIT grbit,
                                JET_TABLEID *ptableid);
JET_ERR esent_cursor_close(esent_cursor *c);
/* Closes the cursor tableid names for s even when its table no longer exists. JET_errInvalidTableId
 * when it names no cursor of s. */
JET_ERR esent_cursor_close_handle(esent_session *s, JET_TABLEID tableid);
JET_ERR esent_cursor_dup(esent_cursor *c, JET_GRBIT grbit, JET_TABLEID *ptableid);
/* Closes every cursor of a session (JetEndSession) / of a session on a database (JetCloseDatabase). */
void esent_cursor_close_session(esent_session *s, JET_DBID dbid, int all_dbs);
/* Cancels the prepared updates of a session's cursors (JetRollback). */
void esent_cursor_cancel_updates(esent_session *s);
/* Closes every cursor of any session on tdb's database (a forced detach frees tdb under them). Their
 * handles then name no cursor: JET_errInvalidTableId. Data lock held. */
void esent_cursor_close_on(const esent_tdb *tdb);
/* Number of open cursors on a table of tdb, any session. */
uint32_t esent_cursor_count_on(const esent_tdb *tdb, uint32_t objid);

/* The B-tree view of every tree a cursor reads (storage/btree.h; ctx = the cursor): entries as the
 * cursor's session sees them (table/ver.h). */
int esent_cursor_view(void *ctx, const esent_btree_cursor *bt, const uint8_t **pdata, uint32_t *pcb);

/* Re-points c->t / c->idx after a reload this cursor's own call caused (the columns did not change:
 * the column definitions and the tree positions stay). */
JET_ERR esent_cursor_refresh(esent_cursor *c);

/* (Re)opens c->bt on the current index's tree; the position is lost. */
JET_ERR esent_cursor_open_tree(esent_cursor *c);

/* Validates tableid for session sesid and re-resolves schema pointers:
 * JET_errInvalidTableId for a handle naming no cursor, or a cursor of another session;
 * JET_errObjectNotFound when its table no longer exists (deleted, or created in a rolled-back
 * transaction). Data lock held by the caller. */
JET_ERR esent_cursor_get(esent_session *s, JET_TABLEID tableid, esent_cursor **pc);

/* Where esent_retrieve_column_kept may keep the parse of v->rec in c between calls (v from
 * esent_update_view on c): *id names c->rparse and the identity of v->rec when v->rec is the current copy
 * of c->bt or c->pbt; otherwise *id keeps nothing (id->keep NULL). */
static inline void esent_cursor_keep_parse(esent_cursor *c, const esent_recview *v, esent_recident *id)
{
    const esent_btree_cursor *src;
    id->keep = NULL;
    id->serial = id->gen = 0;
    if (v->rec == NULL || v->td != &c->td)
        return;
    if (c->bt_open && v->rec == c->bt.data && v->cb_rec == c->bt.cb_data)
        src = &c->bt;
    else if (c->pbt_open && v->rec == c->pbt.data && v->cb_rec == c->pbt.cb_data)
        src = &c->pbt;
    else
        return;     /* bytes from elsewhere: no identity to key a parse on */
    id->keep = &c->rparse;
    id->serial = src->serial;
    id->gen = src->copy_gen;
}

/* API entry: takes the data lock, passes the instance's gate under it (esent_inst_check: the call is
 * inside the gate while it holds the lock, so it must not let the lock go before esent_cursor_leave)
 * and resolves the cursor. On success the caller must call esent_cursor_leave(s), which only releases
 * the data lock; on failure nothing is held. */
JET_ERR esent_cursor_enter(JET_SESID sesid, JET_TABLEID tableid, esent_session **ps, esent_cursor **pc);
static inline void esent_cursor_leave(esent_session *s)
{
    (void)s;
    esent_data_unlock();   /* the end of the call for the gate too (esent_cursor_enter) */
}

#endif
