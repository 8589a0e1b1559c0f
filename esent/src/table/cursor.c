#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "param/param.h"
#include "table/cursor.h"
#include "table/lvstore.h"
#include "table/nav.h"
#include "table/recedit.h"
#include "table/trx.h"
#include "table/ttable.h"
#include "table/ver.h"
#include "util/wstr.h"

/* Cursors of every session share one pool; each instance's JET_paramMaxOpenTables caps nothing yet
 * beyond the pool (documented in docs/behaviour.md). */
#define ESENT_CURSORS_MOST ((1u << ESENT_POOL_INDEX_BITS) - 2u)

static esent_pool g_cursors = ESENT_POOL_INIT(esent_cursor, 0, ESENT_CURSORS_MOST);
static esent_cursor *g_all;     /* every live cursor (data lock), linked by next_in_session */

/* (session, table) handle pairs resolved recently, so that a call on a pair seen before skips the two pool
 * lookups of its session and the one of its cursor (each an interlocked read of generation and liveness).
 * Everything here is read and written under the data lock. Invariant: a hint whose epoch is g_epoch was
 * recorded after no cursor closed since; then its cursor is live and is the one tableid names, and so is its
 * session c->s and the handle sesid: a session ends only after its cursors are closed (under the data lock),
 * and a handle stops naming its object only when the object is freed. Every cursor close moves g_epoch. */
typedef struct cursor_hint {
    JET_SESID sesid;
    JET_TABLEID tableid;
    esent_cursor *c;
    uint64_t epoch;
} cursor_hint;
#define CURSOR_HINTS 64u
static cursor_hint g_hints[CURSOR_HINTS];
static uint64_t g_epoch = 1;   /* hints are zero: epoch 0 is never current */

static cursor_hint *hint_of(JET_TABLEID tableid)
{
    /* the low bits of a handle are its pool index: distinct cursors spread over the slots */
    return &g_hints[(tableid ^ (tableid >> 18)) & (CURSOR_HINTS - 1u)];
}

static void link_cursor(esent_cursor *c)
{
    c->next_in_session = g_all;
    g_all = c;
}

static void unlink_cursor(esent_cursor *c)
{
    for (esent_cursor **pp = &g_all; *pp != NULL; pp = &(*pp)->next_in_session)
        if (*pp == c) {
            *pp = c->next_in_session;
            return;
        }
}

/* Points c->t / c->idx at the current schema. JET_errObjectNotFound when the table is gone. */
static JET_ERR resolve(esent_cursor *c)
{
    c->t = esent_tdb_table(c->tdb, c->objid);
    c->gen = c->tdb->gen;
    if (c->t == NULL)
        return JET_errObjectNotFound;
    c->idx = c->idx_name != NULL ? (esent_schema_index *)esent_schema_find_index(c->t, c->idx_name) : NULL;
    if (c->idx_name != NULL && c->idx == NULL) {
        /* The index went away (a rollback of its creation): back to the primary index. */
        esent_wfree(c->idx_name);
        c->idx_name = NULL;
        c->pos = ESENT_POS_BEFORE_FIRST;
    }
    return JET_errSuccess;
}

int esent_cursor_view(void *ctx, const esent_btree_cursor *bt, const uint8_t **pdata, uint32_t *pcb)
{
    if (!esent_ver_active())
        return 1;
    esent_cursor *c = (esent_cursor *)ctx;
    esent_ver_view v;
    esent_trx_view(c->s, &v);
    if (c->ver_scratch == NULL)
        c->ver_scratch = (uint8_t *)malloc(esent_pagefile_page_size(c->tdb->pf));
    v.scratch = c->ver_scratch;
    return esent_ver_image(&v, c->tdb->db, bt->pgno_root, bt->unique, bt->key, bt->cb_key, *pdata, *pcb, pdata, pcb);
}

/* Opens bt on the current index's tree (and pbt on the primary tree once), seen through the session's
 * transaction (esent_cursor_view). */
JET_ERR esent_cursor_open_tree(esent_cursor *c)
{
    if (c->bt_open)
        esent_btree_close(&c->bt);
    c->bt_open = 0;
    uint32_t objid = c->idx != NULL ? c->idx->objid : c->t->objid;
    uint32_t pgno = c->idx != NULL ? c->idx->pgno_fdp : c->t->pgno_fdp;
    JET_ERR err = esent_btree_open(&c->bt, c->tdb->pf, objid, pgno);
    if (err < 0)
        return err;
    c->bt_open = 1;
    c->bt.view = esent_cursor_view;
    c->bt.view_ctx = c;
    if (!c->pbt_open) {
        if ((err = esent_btree_open(&c->pbt, c->tdb->pf, c->t->objid, c->t->pgno_fdp)) < 0)
            return err;
        c->pbt_open = 1;
        c->pbt.view = esent_cursor_view;
        c->pbt.view_ctx = c;
    }
    c->rec_valid = 0;
    return JET_errSuccess;
}

static void free_td(esent_cursor *c)
{
    esent_recparse_reset(&c->rparse);   /* made with the layout about to go */
    if (c->td_ok)
        esent_tabledef_cleanup(&c->td);
    c->td_ok = 0;
    free(c->coldefs);
    free(c->defaults);
    c->coldefs = NULL;
    c->defaults = NULL;
}

/* Column definitions of c->t for the record editor. A table whose columns do not form a valid
 * definition can still be navigated; record access then fails with the definition's error. */
static JET_ERR build_td(esent_cursor *c)
{
    free_td(c);
    const esent_schema_table *t = c->t;
    size_t cb_defaults = 0;
    uint32_t n = 0;
    for (uint32_t i = 0; i < t->ccolumns; i++)
        if (t->columns[i].coltyp != JET_coltypNil) {
            cb_defaults += t->columns[i].cb_default;
            n++;
        }
    c->coldefs = (esent_coldef *)calloc(n ? n : 1u, sizeof *c->coldefs);
    c->defaults = (uint8_t *)malloc(cb_defaults ? cb_defaults : 1u);
    if (c->coldefs == NULL || c->defaults == NULL)
        return JET_errOutOfMemory;
    size_t at = 0;
    n = 0;
    for (uint32_t i = 0; i < t->ccolumns; i++) {
        const esent_schema_column *sc = &t->columns[i];
        if (sc->coltyp == JET_coltypNil)
            continue;
        esent_coldef *d = &c->coldefs[n++];
        d->columnid = sc->columnid;
        d->coltyp = sc->coltyp;
        d->cbMax = sc->cbMax;
        d->ffield = sc->flags;
        d->codepage = sc->codepage;
        if (sc->cb_default > 0) {
            memcpy(c->defaults + at, sc->default_value, sc->cb_default);
            d->default_value = c->defaults + at;
            d->cb_default = sc->cb_default;
            at += sc->cb_default;
        }
    }
    c->td_ok = esent_tabledef_init(&c->td, c->coldefs, n, esent_pagefile_page_size(c->tdb->pf)) >= 0;
    return JET_errSuccess;
}

JET_ERR esent_cursor_refresh(esent_cursor *c)
{
    if (c->gen == c->tdb->gen)
        return JET_errSuccess;
    return resolve(c);
}

/* The part of esent_cursor_get after the handle check: re-resolves the schema pointers when they moved. */
static JET_ERR cursor_resync(esent_cursor *c);

static inline JET_ERR cursor_sync(esent_cursor *c)
{
    return c->gen == c->tdb->gen ? JET_errSuccess : cursor_resync(c);
}

static JET_ERR cursor_resync(esent_cursor *c)
{
    /* the schema moved (DDL, or a rollback reloaded it) */
    JET_ERR err = resolve(c);
    if (err < 0)
        return err;
    if (c->rb != NULL) {        /* the definitions the update buffer uses are about to change */
        esent_recbuf_free(c->rb);
        c->rb = NULL;
        c->prep = JET_prepCancel;
    }
    if ((err = build_td(c)) < 0)
        return err;
    if ((err = esent_cursor_open_tree(c)) < 0)
        return err;
    if (c->pos == ESENT_POS_ON_RECORD) {
        /* The tree cursor was reopened: find the current record again by its bookmark. */
        uint8_t *bm = (uint8_t *)malloc(c->cb_bookmark ? c->cb_bookmark : 1u);
        if (bm == NULL)
            return JET_errOutOfMemory;
        memcpy(bm, c->bookmark, c->cb_bookmark);
        if (esent_nav_goto_primary(c, bm, c->cb_bookmark) < 0)
            c->pos = ESENT_POS_BEFORE_FIRST;
        free(bm);
    } else if (c->pos == ESENT_POS_DELETED) {
        c->pos = ESENT_POS_BEFORE_FIRST;
    }
    return JET_errSuccess;
}

JET_ERR esent_cursor_get(esent_session *s, JET_TABLEID tableid, esent_cursor **pc)
{
    *pc = NULL;
    esent_cursor *c = (esent_cursor *)esent_pool_get(&g_cursors, tableid);
    if (c == NULL || c->s != s)
        return JET_errInvalidTableId;
    JET_ERR err = cursor_sync(c);
    if (err < 0)
        return err;
    *pc = c;
    return JET_errSuccess;
}

JET_ERR esent_cursor_open_objid(esent_session *s, esent_tdb *tdb, JET_DBID dbid, uint32_t objid, JET_GRBIT grbit,
                                JET_TABLEID *ptableid)
{
    JET_API_PTR handle;
    *ptableid = JET_tableidNil;
    esent_cursor *c = (esent_cursor *)esent_pool_alloc(&g_cursors, &handle);
    if (c == NULL)
        return handle == 0 ? JET_errTooManyOpenTables : JET_errOutOfMemory;
    uint32_t cb_page = esent_pagefile_page_size(tdb->pf);
    c->s = s;
    c->tdb = tdb;
    c->dbid = dbid;
    c->objid = objid;
    c->open_grbit = grbit;
    c->read_only = tdb->read_only || (grbit & JET_bitTableReadOnly) != 0;
    c->prep = JET_prepCancel;
    esent_lvstore_init(&c->lvs, c);
    c->bookmark = (uint8_t *)malloc(cb_page);
    c->prep_bookmark = (uint8_t *)malloc(cb_page);
    JET_ERR err = c->bookmark == NULL || c->prep_bookmark == NULL ? JET_errOutOfMemory : JET_errSuccess;
    if (err >= 0)
        err = resolve(c);
    if (err >= 0)
        err = build_td(c);
    if (err >= 0)
        err = esent_keybuild_init(&c->kb, c->t->primary != NULL ? c->t->primary->cb_key_most : ESENT_KEY_MOST_OLD);
    if (err >= 0)
        err = esent_cursor_open_tree(c);
    if (err < 0) {
        free_td(c);
        if (c->bt_open)
            esent_btree_close(&c->bt);
        if (c->pbt_open)
            esent_btree_close(&c->pbt);
        free(c->bookmark);
        free(c->prep_bookmark);
        esent_pool_free(&g_cursors, c);
        return err;
    }
    c->pos = ESENT_POS_BEFORE_FIRST;
    link_cursor(c);
    tdb->open_cursors++;
    esent_pool_publish(c);
    *ptableid = handle;
    return JET_errSuccess;
}

JET_ERR esent_cursor_open(esent_session *s, JET_DBID dbid, const WCHAR *name, JET_GRBIT grbit, JET_TABLEID *ptableid)
{
    esent_tdb *tdb;
    JET_ERR err = esent_tdb_get(s, dbid, &tdb);
    if (err < 0)
        return err;
    const esent_schema_table *t = esent_schema_find_table(tdb->schema, name);
    if (t == NULL)
        return JET_errObjectNotFound;
    /* JET_IndexCheckingDeferToOpenTable: the attach did not look at the indexes, the open does (docs/sortkeys.md).
     * A table with an out-of-date index is refused, or opened with a warning when the cursor is read-only
     * (JET_bitTableReadOnly: it can read the table, never change it). */
    JET_ERR wrn = JET_errSuccess;
    if (!esent_db_is_temp(tdb->db) &&
        esent_param_num(s->inst, JET_paramEnableIndexChecking) == JET_IndexCheckingDeferToOpenTable) {
        int primary;
        uint32_t secondary = esent_schema_stale_indexes(t, &primary);
        if (primary || secondary) {
            if (!(grbit & JET_bitTableReadOnly))
                return primary ? JET_errPrimaryIndexCorrupted : JET_errSecondaryIndexCorrupted;
            wrn = primary ? JET_wrnPrimaryIndexOutOfDate : JET_wrnSecondaryIndexOutOfDate;
        }
    }
    err = esent_cursor_open_objid(s, tdb, dbid, t->objid, grbit, ptableid);
    return err == JET_errSuccess ? wrn : err;
}

JET_ERR esent_cursor_close(esent_cursor *c)
{
    if (c->rb != NULL)
        esent_recbuf_free(c->rb);
    if (c->bt_open)
        esent_btree_close(&c->bt);
    if (c->pbt_open)
        esent_btree_close(&c->pbt);
    free_td(c);
    free(c->bookmark);
    free(c->prep_bookmark);
    free(c->upd_scratch);
    free(c->ver_scratch);
    c->ver_scratch = NULL;
    free(c->range_key);
    esent_wfree(c->idx_name);
    c->tdb->open_cursors--;
    unlink_cursor(c);
    g_epoch++;   /* every hint may name this cursor: all stale */
    esent_pool_free(&g_cursors, c);
    return JET_errSuccess;
}

JET_ERR esent_cursor_close_handle(esent_session *s, JET_TABLEID tableid)
{
    esent_cursor *c = (esent_cursor *)esent_pool_get(&g_cursors, tableid);
    if (c == NULL || c->s != s)
        return JET_errInvalidTableId;
    return esent_cursor_close(c);
}

JET_ERR esent_cursor_dup(esent_cursor *c, JET_GRBIT grbit, JET_TABLEID *ptableid)
{
    JET_TABLEID tid;
    JET_ERR err = esent_cursor_open_objid(c->s, c->tdb, c->dbid, c->objid, c->open_grbit, &tid);
    (void)grbit;
    if (err < 0)
        return err;
    *ptableid = tid;    /* a duplicate starts on the primary index, before the first record (as ESENT) */
    return JET_errSuccess;
}

void esent_cursor_close_session(esent_session *s, JET_DBID dbid, int all_dbs)
{
    esent_cursor *c = g_all;
    while (c != NULL) {
        esent_cursor *next = c->next_in_session;
        if (c->s == s && (all_dbs || c->dbid == dbid))
            esent_ttable_close(c);
        c = next;
    }
}

void esent_cursor_close_on(const esent_tdb *tdb)
{
    esent_cursor *c = g_all;
    while (c != NULL) {
        esent_cursor *next = c->next_in_session;
        if (c->tdb == tdb)
            esent_cursor_close(c);
        c = next;
    }
}

uint32_t esent_cursor_count_on(const esent_tdb *tdb, uint32_t objid)
{
    uint32_t n = 0;
    for (esent_cursor *c = g_all; c != NULL; c = c->next_in_session)
        if (c->tdb == tdb && c->objid == objid)
            n++;
    return n;
}

/* esent_cursor_enter for a (session, table) pair not in the hints: the session handle is resolved through
 * the counted gate (esent_session_enter, which also keeps JetTerm from ending the session meanwhile); once
 * the data lock is held and the gate's checks pass under it, the count is given back. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static JET_ERR cursor_enter_slow(JET_SESID sesid, JET_TABLEID tableid, cursor_hint *h, esent_session **ps,
                                 esent_cursor **pc)
{
    JET_ERR err = esent_session_enter(sesid, ps);
    if (err < 0)
        return err;
    esent_data_lock();
    err = esent_inst_check((*ps)->inst);
    if (err >= 0)
        err = esent_cursor_get(*ps, tableid, pc);
    esent_session_leave(*ps);
    if (err < 0) {
        esent_data_unlock();
        *ps = NULL;
        return err;
    }
    h->sesid = sesid;
    h->tableid = tableid;
    h->c = *pc;
    h->epoch = g_epoch;
    return err;
}

JET_ERR esent_cursor_enter(JET_SESID sesid, JET_TABLEID tableid, esent_session **ps, esent_cursor **pc)
{
    *pc = NULL;
    *ps = NULL;
    /* The call is inside the instance's gate while it holds the data lock, without counting itself
     * (esent_inst_check: two interlocked operations fewer per call); esent_cursor_leave only releases
     * the lock. A pair seen before: its cursor and session are known live (see cursor_hint), so only the
     * gate's checks are left. */
    esent_data_lock();
    cursor_hint *h = hint_of(tableid);
    if (h->epoch == g_epoch && h->tableid == tableid && h->sesid == sesid) {
        esent_cursor *c = h->c;
        JET_ERR err = esent_inst_check(c->s->inst);
        if (err >= 0)
            err = cursor_sync(c);
        if (err < 0) {
            esent_data_unlock();
            return err;
        }
        *ps = c->s;
        *pc = c;
        return JET_errSuccess;
    }
    esent_data_unlock();
    return cursor_enter_slow(sesid, tableid, h, ps, pc);
}

void esent_cursor_cancel_updates(esent_session *s)
{
    for (esent_cursor *c = g_all; c != NULL; c = c->next_in_session)
        if (c->s == s && c->rb != NULL) {
            esent_recbuf_free(c->rb);
            c->rb = NULL;
            c->prep = JET_prepCancel;
        }
}
