#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "storage/btree.h"
#include "table/tdb.h"
#include "table/trx.h"

/* Undo entry kinds: what applying the entry does. */
enum undo_op {
    UNDO_DELETE,        /* an insert happened: delete key (and data, for non-unique trees) */
    UNDO_INSERT,        /* a delete happened: insert key with data */
    UNDO_REPLACE,       /* a replace happened: put data back under key */
    UNDO_DESTROY_TREE,  /* a tree was created: destroy it */
    UNDO_RELOAD_SCHEMA, /* the catalog changed: reload the schema after the rollback */
    DEFER_DESTROY_TREE  /* not an undo: destroy the tree when the outermost level commits */
};

typedef struct undo_rec {
    struct undo_rec *prev;
    uint8_t op;                 /* enum undo_op */
    esent_db *db;
    uint32_t objid;
    uint32_t pgno_fdp;
    uint32_t pgno_parent;       /* tree operations */
    uint32_t cb_key, cb_data;   /* bytes[] = key, then data */
    uint8_t bytes[];
} undo_rec;

/* Undo entries live in blocks used as a stack (the log only ever grows and shrinks at its newest end):
 * the newest entry is always the last one of the newest block, so popping it gives its bytes back.
 * A million-insert transaction costs a handful of allocations instead of a million. */
#define UNDO_BLOCK (256u * 1024u)
typedef struct undo_block {
    struct undo_block *prev;    /* the next older block */
    size_t used, size;          /* bytes handed out / available */
    uint64_t bytes[];           /* entries, 8-byte aligned */
} undo_block;

typedef struct esent_trx {
    undo_block *blocks;         /* newest block (holds the newest entry) */
    undo_block *spare;          /* one emptied block kept for reuse, or NULL */
    undo_rec *top;              /* newest entry */
    uint32_t depth;             /* entries in the stack */
    uint32_t clevels;           /* levels open, user and internal */
    uint32_t cuser;             /* user levels open */
    uint32_t marks[ESENT_TRX_STACK_MOST];   /* depth when each level began */
    uint8_t internal[ESENT_TRX_STACK_MOST]; /* level is implicit */
} esent_trx;

/* The session's state lives in a side table keyed by session pointer: sessions are pooled objects whose
 * layout belongs to session/; a session's entry is removed when it ends. */
typedef struct trx_slot {
    esent_session *s;
    esent_trx *t;
} trx_slot;
static trx_slot *g_slots;
static uint32_t g_cslots;

esent_trx *esent_trx_of(esent_session *s)
{
    for (uint32_t i = 0; i < g_cslots; i++)
        if (g_slots[i].s == s)
            return g_slots[i].t;
    trx_slot *n = (trx_slot *)realloc(g_slots, (g_cslots + 1u) * sizeof *n);
    if (n == NULL)
        return NULL;
    g_slots = n;
    esent_trx *t = (esent_trx *)calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    g_slots[g_cslots].s = s;
    g_slots[g_cslots].t = t;
    g_cslots++;
    return t;
}

/* Room for an entry of cb bytes at the top of the stack; NULL when memory is short. */
static void *undo_alloc(esent_trx *t, size_t cb)
{
    undo_block *b = t->blocks;
    cb = (cb + 7u) & ~(size_t)7u;
    if (b == NULL || b->size - b->used < cb) {
        size_t size = cb > UNDO_BLOCK ? cb : UNDO_BLOCK;
        if (t->spare != NULL && t->spare->size >= size) {
            b = t->spare;
            t->spare = NULL;
        } else if ((b = (undo_block *)malloc(sizeof *b + size)) == NULL) {
            return NULL;
        } else {
            b->size = size;
        }
        b->used = 0;
        b->prev = t->blocks;
        t->blocks = b;
    }
    void *p = (uint8_t *)b->bytes + b->used;
    b->used += cb;
    return p;
}

/* Pops the newest entry: its bytes end the newest block; a block left empty is freed (one is kept). */
static void undo_pop(esent_trx *t)
{
    undo_rec *r = t->top;
    undo_block *b = t->blocks;
    t->top = r->prev;
    t->depth--;
    b->used = (size_t)((uint8_t *)r - (uint8_t *)b->bytes);
    if (b->used == 0) {
        t->blocks = b->prev;
        free(t->spare);
        t->spare = b;
    }
}

static void drop_entries(esent_trx *t, uint32_t depth)
{
    if (depth == 0) {
        /* the whole log: every block at once */
        while (t->blocks != NULL) {
            undo_block *b = t->blocks;
            t->blocks = b->prev;
            if (t->spare == NULL && b->size == UNDO_BLOCK)
                t->spare = b;
            else
                free(b);
        }
        t->top = NULL;
        t->depth = 0;
        return;
    }
    while (t->depth > depth)
        undo_pop(t);
}

void esent_trx_session_end(esent_session *s)
{
    for (uint32_t i = 0; i < g_cslots; i++) {
        if (g_slots[i].s == s) {
            drop_entries(g_slots[i].t, 0);
            free(g_slots[i].t->spare);
            free(g_slots[i].t);
            g_slots[i] = g_slots[--g_cslots];
            return;
        }
    }
}

uint32_t esent_trx_level(esent_session *s)
{
    esent_trx *t = esent_trx_of(s);
    return t == NULL ? 0 : t->cuser;
}

JET_ERR esent_trx_begin(esent_session *s, int internal)
{
    esent_trx *t = esent_trx_of(s);
    if (t == NULL)
        return JET_errOutOfMemory;
    if (!internal && t->cuser >= ESENT_TRX_LEVELS_MOST)
        return JET_errTransTooDeep;
    if (t->clevels >= ESENT_TRX_STACK_MOST)
        return JET_errTransTooDeep;
    t->marks[t->clevels] = t->depth;
    t->internal[t->clevels] = (uint8_t)(internal != 0);
    t->clevels++;
    if (!internal)
        t->cuser++;
    s->trx_level = t->cuser;
    return JET_errSuccess;
}

static void pop_level(esent_session *s, esent_trx *t)
{
    t->clevels--;
    if (!t->internal[t->clevels])
        t->cuser--;
    s->trx_level = t->cuser;
}

/* Level 0 reached: carry out the deferred tree destroys still in the log, then empty it. */
static JET_ERR finish_outermost(esent_trx *t)
{
    JET_ERR err = JET_errSuccess;
    for (undo_rec *r = t->top; r != NULL; r = r->prev)
        if (r->op == DEFER_DESTROY_TREE) {
            JET_ERR e = esent_tree_destroy(esent_db_pagefile(r->db), r->pgno_parent, r->pgno_fdp);
            if (e < 0 && err >= 0)
                err = e;
        }
    drop_entries(t, 0);
    return err;
}

JET_ERR esent_trx_commit(esent_session *s)
{
    esent_trx *t = esent_trx_of(s);
    if (t == NULL || t->clevels == 0)
        return JET_errNotInTransaction;
    pop_level(s, t);
    return t->clevels == 0 ? finish_outermost(t) : JET_errSuccess;
}

static JET_ERR apply(undo_rec *r)
{
    esent_pagefile *pf = esent_db_pagefile(r->db);
    const uint8_t *key = r->bytes, *data = r->bytes + r->cb_key;
    switch ((enum undo_op)r->op) {
    case UNDO_DELETE:
        return esent_btree_delete(pf, r->objid, r->pgno_fdp, key, r->cb_key, r->cb_data ? data : NULL, r->cb_data);
    case UNDO_INSERT:
        return esent_btree_insert(pf, r->objid, r->pgno_fdp, key, r->cb_key, data, r->cb_data);
    case UNDO_REPLACE:
        return esent_btree_replace(pf, r->objid, r->pgno_fdp, key, r->cb_key, data, r->cb_data);
    case UNDO_DESTROY_TREE:
        return esent_tree_destroy(pf, r->pgno_parent, r->pgno_fdp);
    case UNDO_RELOAD_SCHEMA:
    case DEFER_DESTROY_TREE:
        return JET_errSuccess;
    }
    return JET_errSuccess;
}

/* Pops and applies entries down to depth; reloads the schema of every database whose catalog changed. */
static JET_ERR undo_to(esent_trx *t, uint32_t depth)
{
    JET_ERR err = JET_errSuccess;
    esent_db *reload[ESENT_TRX_STACK_MOST * 4];
    uint32_t creload = 0;
    while (t->depth > depth) {
        undo_rec *r = t->top;
        JET_ERR e = apply(r);
        if (e < 0 && err >= 0)
            err = e;
        if (r->op == UNDO_RELOAD_SCHEMA) {
            uint32_t i = 0;
            while (i < creload && reload[i] != r->db)
                i++;
            if (i == creload && creload < sizeof reload / sizeof reload[0])
                reload[creload++] = r->db;
        }
        undo_pop(t);
    }
    for (uint32_t i = 0; i < creload; i++) {
        esent_tdb *tdb = esent_db_tdb(reload[i]);
        if (tdb != NULL) {
            JET_ERR e = esent_tdb_reload(tdb);
            if (e < 0 && err >= 0)
                err = e;
        }
    }
    return err;
}

JET_ERR esent_trx_rollback(esent_session *s, int all)
{
    esent_trx *t = esent_trx_of(s);
    if (t == NULL || t->clevels == 0)
        return JET_errNotInTransaction;
    JET_ERR err = JET_errSuccess;
    do {
        JET_ERR e = undo_to(t, t->marks[t->clevels - 1]);
        if (e < 0 && err >= 0)
            err = e;
        pop_level(s, t);
    } while (all && t->clevels > 0);
    if (t->clevels == 0) {
        JET_ERR e = finish_outermost(t);   /* nothing deferred survives a rollback; empties the log */
        if (e < 0 && err >= 0)
            err = e;
    }
    return err;
}

JET_ERR esent_trx_end_internal(esent_session *s, JET_ERR err)
{
    if (err >= 0) {
        JET_ERR e = esent_trx_commit(s);
        return e < 0 ? e : err;
    }
    (void)esent_trx_rollback(s, 0);
    return err;
}

/* Pushes an entry. NULL when out of memory or no level is open. */
static undo_rec *push(esent_session *s, uint8_t op, esent_db *db, uint32_t objid, uint32_t pgno_fdp,
                      uint32_t pgno_parent, const uint8_t *key, uint32_t cb_key, const uint8_t *data,
                      uint32_t cb_data)
{
    esent_trx *t = esent_trx_of(s);
    if (t == NULL || t->clevels == 0)
        return NULL;
    undo_rec *r = (undo_rec *)undo_alloc(t, sizeof *r + (size_t)cb_key + cb_data);
    if (r == NULL)
        return NULL;
    r->op = op;
    r->db = db;
    r->objid = objid;
    r->pgno_fdp = pgno_fdp;
    r->pgno_parent = pgno_parent;
    r->cb_key = cb_key;
    r->cb_data = cb_data;
    if (cb_key)
        memcpy(r->bytes, key, cb_key);
    if (cb_data)
        memcpy(r->bytes + cb_key, data, cb_data);
    r->prev = t->top;
    t->top = r;
    t->depth++;
    return r;
}

/* Removes the newest entry (the operation it describes failed). */
static void unpush(esent_session *s)
{
    esent_trx *t = esent_trx_of(s);
    drop_entries(t, t->depth - 1);
}

/* Whether a tree keeps several entries per key (their data tells them apart). */
static int tree_non_unique(esent_db *db, uint32_t pgno_fdp)
{
    return !esent_btree_is_unique(esent_db_pagefile(db), pgno_fdp);
}

JET_ERR esent_trx_insert(esent_session *s, esent_db *db, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                         uint32_t cb_key, const uint8_t *data, uint32_t cb_data)
{
    if (esent_db_is_temp(db))
        return esent_btree_insert(esent_db_pagefile(db), objid, pgno_fdp, key, cb_key, data, cb_data);
    int nu = tree_non_unique(db, pgno_fdp);
    if (push(s, UNDO_DELETE, db, objid, pgno_fdp, 0, key, cb_key, nu ? data : NULL, nu ? cb_data : 0) == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = esent_btree_insert(esent_db_pagefile(db), objid, pgno_fdp, key, cb_key, data, cb_data);
    if (err < 0)
        unpush(s);
    return err;
}

JET_ERR esent_trx_replace(esent_session *s, esent_db *db, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                          uint32_t cb_key, const uint8_t *data, uint32_t cb_data, const uint8_t *old_data,
                          uint32_t cb_old)
{
    if (esent_db_is_temp(db))
        return esent_btree_replace(esent_db_pagefile(db), objid, pgno_fdp, key, cb_key, data, cb_data);
    if (push(s, UNDO_REPLACE, db, objid, pgno_fdp, 0, key, cb_key, old_data, cb_old) == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = esent_btree_replace(esent_db_pagefile(db), objid, pgno_fdp, key, cb_key, data, cb_data);
    if (err < 0)
        unpush(s);
    return err;
}

JET_ERR esent_trx_delete(esent_session *s, esent_db *db, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                         uint32_t cb_key, const uint8_t *old_data, uint32_t cb_old)
{
    if (esent_db_is_temp(db)) {
        int nu_temp = tree_non_unique(db, pgno_fdp);
        return esent_btree_delete(esent_db_pagefile(db), objid, pgno_fdp, key, cb_key, nu_temp ? old_data : NULL,
                                  nu_temp ? cb_old : 0);
    }
    if (push(s, UNDO_INSERT, db, objid, pgno_fdp, 0, key, cb_key, old_data, cb_old) == NULL)
        return JET_errOutOfMemory;
    int nu = tree_non_unique(db, pgno_fdp);
    JET_ERR err = esent_btree_delete(esent_db_pagefile(db), objid, pgno_fdp, key, cb_key, nu ? old_data : NULL,
                                     nu ? cb_old : 0);
    if (err < 0)
        unpush(s);
    return err;
}

JET_ERR esent_trx_tree_create(esent_session *s, esent_db *db, uint32_t pgno_fdp_parent, uint32_t objid,
                              uint32_t kind, uint32_t cpg_initial, uint32_t *ppgno_fdp)
{
    if (esent_db_is_temp(db))
        return esent_tree_create(esent_db_pagefile(db), pgno_fdp_parent, objid, kind, cpg_initial, ppgno_fdp);
    undo_rec *r = push(s, UNDO_DESTROY_TREE, db, objid, 0, pgno_fdp_parent, NULL, 0, NULL, 0);
    if (r == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = esent_tree_create(esent_db_pagefile(db), pgno_fdp_parent, objid, kind, cpg_initial, ppgno_fdp);
    if (err < 0)
        unpush(s);
    else
        r->pgno_fdp = *ppgno_fdp;
    return err;
}

JET_ERR esent_trx_tree_destroy(esent_session *s, esent_db *db, uint32_t pgno_fdp_parent, uint32_t pgno_fdp)
{
    if (esent_db_is_temp(db))
        return esent_tree_destroy(esent_db_pagefile(db), pgno_fdp_parent, pgno_fdp);
    return push(s, DEFER_DESTROY_TREE, db, 0, pgno_fdp, pgno_fdp_parent, NULL, 0, NULL, 0) == NULL
               ? JET_errOutOfMemory
               : JET_errSuccess;
}

JET_ERR esent_trx_schema_changed(esent_session *s, esent_db *db)
{
    if (esent_db_is_temp(db))
        return JET_errSuccess;
    return push(s, UNDO_RELOAD_SCHEMA, db, 0, 0, 0, NULL, 0, NULL, 0) == NULL ? JET_errOutOfMemory
                                                                             : JET_errSuccess;
}
