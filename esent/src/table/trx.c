#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "storage/btree.h"
#include "table/tdb.h"
#include "table/trx.h"
#include "table/ver.h"

/* A session's levels; v is the open transaction (NULL when no level is open). */
typedef struct esent_trx {
    esent_vtrx *v;
    uint32_t clevels;           /* levels open, user and internal */
    uint32_t cuser;             /* user levels open */
    uint32_t marks[ESENT_TRX_STACK_MOST];   /* v->depth when each level began */
    uint8_t internal[ESENT_TRX_STACK_MOST]; /* level is implicit */
    DWORD thread;               /* the thread that began the outermost user level */
} esent_trx;

esent_trx *esent_trx_of(esent_session *s)
{
    if (s->trx == NULL)
        s->trx = (esent_trx *)calloc(1, sizeof(esent_trx));
    return s->trx;
}

void esent_trx_session_end(esent_session *s)
{
    free(s->trx);
    s->trx = NULL;
}

uint32_t esent_trx_level(esent_session *s)
{
    return s->trx == NULL ? 0 : s->trx->cuser;
}

void esent_trx_view(esent_session *s, esent_ver_view *view)
{
    const esent_vtrx *v = s->trx != NULL ? s->trx->v : NULL;
    view->own = v;
    view->snap = v != NULL ? v->begin : ESENT_VER_OPEN;
}

/* ---- RCE allocation: a stack of blocks per transaction (the newest RCE ends the newest block) ---- */

#define BLOCK_FIRST (2u * 1024u)
#define BLOCK_MOST  (256u * 1024u)

static size_t rce_size(uint32_t cb_bytes) { return (sizeof(esent_rce) + cb_bytes + 7u) & ~(size_t)7u; }

static esent_rce *rce_alloc(esent_vtrx *v, size_t cb)
{
    esent_rce_block *b = v->blocks;
    if (b == NULL || b->size - b->used < cb) {
        size_t size = b == NULL ? BLOCK_FIRST : (b->size < BLOCK_MOST ? b->size * 2u : BLOCK_MOST);
        if (size < cb)
            size = cb;
        if ((b = (esent_rce_block *)malloc(sizeof *b + size)) == NULL)
            return NULL;
        b->size = size;
        b->used = 0;
        b->prev = v->blocks;
        v->blocks = b;
    }
    esent_rce *r = (esent_rce *)((uint8_t *)b->bytes + b->used);
    b->used += cb;
    return r;
}

/* Pushes an RCE on s's open transaction (charged to the version store budget). NULL with *perr set when
 * no level is open, memory is short or the budget is spent. */
static esent_rce *push(esent_session *s, uint8_t op, uint8_t flags, esent_db *db, uint32_t objid, uint32_t pgno_fdp,
                       uint32_t pgno_parent, const uint8_t *key, uint32_t cb_key, const uint8_t *data, uint32_t cb_data,
                       JET_ERR *perr)
{
    esent_trx *t = s->trx;
    if (t == NULL || t->v == NULL) {
        *perr = JET_errNotInTransaction;
        return NULL;
    }
    esent_vtrx *v = t->v;
    size_t cb = rce_size(cb_key + cb_data);
    if ((*perr = esent_ver_charge(v, ESENT_RCE_CHARGE(cb_key + cb_data))) < 0)
        return NULL;
    esent_rce *r = rce_alloc(v, cb);
    if (r == NULL) {
        esent_ver_uncharge(v, ESENT_RCE_CHARGE(cb_key + cb_data));
        *perr = JET_errOutOfMemory;
        return NULL;
    }
    memset(r, 0, sizeof *r);
    r->trx = v;
    r->db = db;
    r->objid = objid;
    r->pgno_fdp = pgno_fdp;
    r->pgno_parent = pgno_parent;
    r->op = op;
    r->flags = flags;
    r->cb_key = cb_key;
    r->cb_data = cb_data;
    if (cb_key)
        memcpy(r->bytes, key, cb_key);
    if (cb_data)
        memcpy(r->bytes + cb_key, data, cb_data);
    r->sprev = v->top;
    v->top = r;
    v->depth++;
    return r;
}

/* Pops the newest RCE of v (out of its chain, its bytes given back). */
static void pop(esent_vtrx *v)
{
    esent_rce *r = v->top;
    esent_rce_block *b = v->blocks;
    esent_ver_unlink(r);
    v->top = r->sprev;
    v->depth--;
    esent_ver_uncharge(v, ESENT_RCE_CHARGE(r->cb_key + r->cb_data));
    b->used = (size_t)((uint8_t *)r - (uint8_t *)b->bytes);
    if (b->used == 0 && b->prev != NULL) {
        v->blocks = b->prev;
        free(b);
    }
}

/* Pushes a versioned RCE for node (key[, data]) of tree pgno_fdp and links it into the node's chain. */
static esent_rce *push_linked(esent_session *s, uint8_t op, int unique, uint32_t hash, esent_db *db, uint32_t objid,
                              uint32_t pgno_fdp, const uint8_t *key, uint32_t cb_key, const uint8_t *data,
                              uint32_t cb_data, JET_ERR *perr)
{
    uint8_t flags = (uint8_t)(RCE_F_VERSIONED | (unique ? RCE_F_UNIQUE : 0));
    esent_rce *r = push(s, op, flags, db, objid, pgno_fdp, 0, key, cb_key, data, cb_data, perr);
    if (r == NULL)
        return NULL;
    r->hash = hash;
    if ((*perr = esent_ver_link(r)) < 0) {
        pop(s->trx->v);
        return NULL;
    }
    return r;
}

/* ---- levels ---- */

JET_ERR esent_trx_begin(esent_session *s, int internal)
{
    esent_trx *t = esent_trx_of(s);
    if (t == NULL)
        return JET_errOutOfMemory;
    if (!internal && t->cuser >= ESENT_TRX_LEVELS_MOST)
        return JET_errTransTooDeep;
    /* A session in a transaction belongs to the thread that began it, unless a session context says
     * which thread uses it now (JetSetSessionContext). */
    DWORD self = GetCurrentThreadId();
    if (!internal && t->cuser > 0 && ReadAcquire(&s->context_thread) == 0 && t->thread != self)
        return JET_errSessionSharingViolation;
    if (!internal && t->cuser == 0)
        t->thread = self;
    if (t->clevels >= ESENT_TRX_STACK_MOST)
        return JET_errTransTooDeep;
    if (t->clevels == 0 && (t->v = esent_ver_trx_new(s->inst)) == NULL)
        return JET_errOutOfMemory;
    t->marks[t->clevels] = t->v->depth;
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

/* The outermost level committed: carry out the deferred tree destroys (newest first), then hand the
 * transaction to the version store. */
static JET_ERR commit_outermost(esent_trx *t)
{
    JET_ERR err = JET_errSuccess;
    esent_vtrx *v = t->v;
    for (esent_rce *r = v->top; r != NULL; r = r->sprev)
        if (r->op == RCE_DEFER_DESTROY) {
            esent_ver_tree_gone(r->db, r->pgno_fdp);
            JET_ERR e = esent_tree_destroy(esent_db_pagefile(r->db), r->pgno_parent, r->pgno_fdp);
            if (e < 0 && err >= 0)
                err = e;
        }
    t->v = NULL;
    esent_ver_trx_commit(v);
    return err;
}

JET_ERR esent_trx_commit(esent_session *s)
{
    esent_trx *t = s->trx;
    if (t == NULL || t->clevels == 0)
        return JET_errNotInTransaction;
    pop_level(s, t);
    return t->clevels == 0 ? commit_outermost(t) : JET_errSuccess;
}

/* Reads the current data of entry key of a unique tree into a fresh buffer. */
static JET_ERR read_entry(esent_pagefile *pf, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key, uint32_t cb_key,
                          uint8_t **pdata, uint32_t *pcb)
{
    esent_btree_cursor bt;
    int exact = 0;
    JET_ERR err = esent_btree_open(&bt, pf, objid, pgno_fdp);
    if (err < 0)
        return err;
    err = esent_btree_seek(&bt, key, cb_key, &exact);
    if (err == JET_errRecordNotFound || (err >= 0 && !exact))
        err = JET_errRecordNotFound;
    const uint8_t *d;
    uint32_t cb = 0;
    if (err >= 0 && (err = esent_btree_current(&bt, NULL, NULL, &d, &cb)) >= 0) {
        if ((*pdata = (uint8_t *)malloc(cb ? cb : 1u)) == NULL)
            err = JET_errOutOfMemory;
        else
            memcpy(*pdata, d, cb);
        *pcb = cb;
    }
    esent_btree_close(&bt);
    return err;
}

JET_ERR esent_trx_read_latest(esent_db *db, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key, uint32_t cb_key,
                              uint8_t **pdata, uint32_t *pcb)
{
    return read_entry(esent_db_pagefile(db), objid, pgno_fdp, key, cb_key, pdata, pcb);
}

/* Undoes r's change in its tree. */
static JET_ERR undo(const esent_rce *r)
{
    if (r->flags & RCE_F_ORPHAN)
        return JET_errSuccess;
    esent_pagefile *pf = esent_db_pagefile(r->db);
    const uint8_t *key = r->bytes, *data = r->bytes + r->cb_key;
    int unique = (r->flags & RCE_F_UNIQUE) != 0;
    switch ((enum esent_rce_op)r->op) {
    case RCE_INSERT:
        return esent_btree_delete(pf, r->objid, r->pgno_fdp, key, r->cb_key, unique ? NULL : data,
                                  unique ? 0 : r->cb_data);
    case RCE_INS_OVER:
        /* Back to deleted: the delete r went over is still in the chain (keeping the node), unless cleanup
         * has taken it (it committed and every snapshot sees it): then the node goes now. */
        if (r->older == NULL)
            return esent_btree_delete(pf, r->objid, r->pgno_fdp, key, r->cb_key, unique ? NULL : data,
                                      unique ? 0 : r->cb_data);
        return unique ? esent_btree_replace(pf, r->objid, r->pgno_fdp, key, r->cb_key, data, r->cb_data)
                      : JET_errSuccess;
    case RCE_REPLACE:
        return esent_btree_replace(pf, r->objid, r->pgno_fdp, key, r->cb_key, data, r->cb_data);
    case RCE_DELETE:
        /* a versioned delete left the node where it was */
        return (r->flags & RCE_F_VERSIONED) ? JET_errSuccess
                                            : esent_btree_insert(pf, r->objid, r->pgno_fdp, key, r->cb_key, data,
                                                                 r->cb_data);
    case RCE_ESCROW: {
        uint8_t *cur = NULL;
        uint32_t cb = 0;
        JET_ERR err = read_entry(pf, r->objid, r->pgno_fdp, key, r->cb_key, &cur, &cb);
        if (err < 0)
            return err;
        if ((uint32_t)r->ib_escrow + r->cb_escrow <= cb) {
            int64_t neg = -r->delta;
            uint64_t x = 0;
            for (uint32_t i = r->cb_escrow; i > 0; i--)
                x = (x << 8) | cur[r->ib_escrow + i - 1u];
            x += (uint64_t)neg;
            for (uint32_t i = 0; i < r->cb_escrow; i++)
                cur[r->ib_escrow + i] = (uint8_t)(x >> (8 * i));
            err = esent_btree_replace(pf, r->objid, r->pgno_fdp, key, r->cb_key, cur, cb);
        } else {
            err = JET_errDatabaseCorrupted;
        }
        free(cur);
        return err;
    }
    case RCE_CREATE_TREE:
        esent_ver_tree_gone(r->db, r->pgno_fdp);
        return esent_tree_destroy(pf, r->pgno_parent, r->pgno_fdp);
    case RCE_LOCK_READ:
    case RCE_LOCK_WRITE:
    case RCE_RELOAD_SCHEMA:
    case RCE_DEFER_DESTROY:
        return JET_errSuccess;
    }
    return JET_errSuccess;
}

/* Pops and undoes RCEs down to depth; reloads the schema of every database whose catalog changed. */
static JET_ERR undo_to(esent_vtrx *v, uint32_t depth)
{
    JET_ERR err = JET_errSuccess;
    esent_db *reload[ESENT_TRX_STACK_MOST * 4];
    uint32_t creload = 0;
    while (v->depth > depth) {
        esent_rce *r = v->top;
        JET_ERR e = undo(r);
        if (e < 0 && err >= 0)
            err = e;
        if (r->op == RCE_RELOAD_SCHEMA && !(r->flags & RCE_F_ORPHAN)) {
            uint32_t i = 0;
            while (i < creload && reload[i] != r->db)
                i++;
            if (i == creload && creload < sizeof reload / sizeof reload[0])
                reload[creload++] = r->db;
        }
        pop(v);
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
    esent_trx *t = s->trx;
    if (t == NULL || t->clevels == 0)
        return JET_errNotInTransaction;
    JET_ERR err = JET_errSuccess;
    do {
        JET_ERR e = undo_to(t->v, t->marks[t->clevels - 1]);
        if (e < 0 && err >= 0)
            err = e;
        pop_level(s, t);
    } while (all && t->clevels > 0);
    if (t->clevels == 0) {
        esent_vtrx *v = t->v;
        t->v = NULL;
        esent_ver_trx_free_rolled_back(v);
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

/* ---- logged tree operations ---- */

static int tree_unique(esent_db *db, uint32_t pgno_fdp)
{
    return esent_btree_is_unique(esent_db_pagefile(db), pgno_fdp);
}

/* Whether node (key[, data]) exists physically in its tree. */
static JET_ERR node_exists(esent_db *db, uint32_t objid, uint32_t pgno_fdp, int unique, const uint8_t *key,
                           uint32_t cb_key, const uint8_t *data, uint32_t cb_data, int *pexists)
{
    esent_btree_cursor bt;
    int exact = 0;
    JET_ERR err = esent_btree_open(&bt, esent_db_pagefile(db), objid, pgno_fdp);
    if (err < 0)
        return err;
    err = unique ? esent_btree_seek(&bt, key, cb_key, &exact)
                 : esent_btree_seek_entry(&bt, key, cb_key, data, cb_data, &exact);
    esent_btree_close(&bt);
    *pexists = err >= 0 && exact;
    return err == JET_errRecordNotFound ? JET_errSuccess : err;
}

/* Whether s's transaction may replace or delete the node whose newest RCE is head (NULL: a node without
 * versions, as its tree holds it): JET_errRecordNotFound when it is deleted, JET_errWriteConflict. */
static JET_ERR may_change(esent_session *s, const esent_rce *head)
{
    if (head == NULL)
        return JET_errSuccess;
    if (esent_ver_deleted(head))
        return JET_errRecordNotFound;
    return esent_ver_conflict(head, s->trx->v, ESENT_VER_WRITE);
}

JET_ERR esent_trx_insert(esent_session *s, esent_db *db, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                         uint32_t cb_key, const uint8_t *data, uint32_t cb_data)
{
    esent_pagefile *pf = esent_db_pagefile(db);
    if (esent_db_is_temp(db))
        return esent_btree_insert(pf, objid, pgno_fdp, key, cb_key, data, cb_data);
    int unique = tree_unique(db, pgno_fdp);
    JET_ERR err;
    /* The usual case first: a key the tree does not hold has no chain (esent_ver_link_first). */
    esent_rce *r = push(s, RCE_INSERT, (uint8_t)(RCE_F_VERSIONED | (unique ? RCE_F_UNIQUE : 0)), db, objid, pgno_fdp,
                        0, key, cb_key, data, unique ? 0 : cb_data, &err);
    if (r == NULL)
        return err;
    err = esent_btree_insert(pf, objid, pgno_fdp, key, cb_key, data, cb_data);
    if (err >= 0) {
        r->hash = esent_ver_hash(db, pgno_fdp, unique, key, cb_key, data, cb_data);
        JET_ERR e = esent_ver_link_first(r);
        if (e < 0) {
            (void)esent_btree_delete(pf, objid, pgno_fdp, key, cb_key, unique ? NULL : data, unique ? 0 : cb_data);
            pop(s->trx->v);
            return e;
        }
        return err;
    }
    pop(s->trx->v);
    if (err != JET_errKeyDuplicate)
        return err;
    /* The tree holds the key: live (a duplicate, even when another open transaction inserted it), or still
     * there deleted — then take it over if that delete is ours to see. */
    uint32_t hash;
    esent_rce *head = esent_ver_head(db, pgno_fdp, unique, key, cb_key, data, cb_data, &hash);
    if (head == NULL || !esent_ver_deleted(head))
        return JET_errKeyDuplicate;
    if ((err = esent_ver_conflict(head, s->trx->v, ESENT_VER_WRITE)) < 0)
        return err;
    const esent_rce *del = head;
    while (del->op != RCE_DELETE)
        del = del->older;
    if (push_linked(s, RCE_INS_OVER, unique, hash, db, objid, pgno_fdp, key, cb_key, del->bytes + del->cb_key,
                    del->cb_data, &err) == NULL)
        return err;
    if (unique && (err = esent_btree_replace(pf, objid, pgno_fdp, key, cb_key, data, cb_data)) < 0)
        pop(s->trx->v);
    return err;
}

JET_ERR esent_trx_replace(esent_session *s, esent_db *db, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                          uint32_t cb_key, const uint8_t *data, uint32_t cb_data, const uint8_t *old_data,
                          uint32_t cb_old)
{
    esent_pagefile *pf = esent_db_pagefile(db);
    if (esent_db_is_temp(db))
        return esent_btree_replace(pf, objid, pgno_fdp, key, cb_key, data, cb_data);
    uint32_t hash;
    JET_ERR err;
    esent_rce *head = esent_ver_head(db, pgno_fdp, 1, key, cb_key, NULL, 0, &hash);
    if ((err = may_change(s, head)) < 0)
        return err;
    if (push_linked(s, RCE_REPLACE, 1, hash, db, objid, pgno_fdp, key, cb_key, old_data, cb_old, &err) == NULL)
        return err;
    if ((err = esent_btree_replace(pf, objid, pgno_fdp, key, cb_key, data, cb_data)) < 0)
        pop(s->trx->v);
    return err;
}

JET_ERR esent_trx_delete(esent_session *s, esent_db *db, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                         uint32_t cb_key, const uint8_t *old_data, uint32_t cb_old)
{
    esent_pagefile *pf = esent_db_pagefile(db);
    int unique = tree_unique(db, pgno_fdp);
    if (esent_db_is_temp(db))
        return esent_btree_delete(pf, objid, pgno_fdp, key, cb_key, unique ? NULL : old_data, unique ? 0 : cb_old);
    uint32_t hash;
    JET_ERR err;
    esent_rce *head = esent_ver_head(db, pgno_fdp, unique, key, cb_key, old_data, cb_old, &hash);
    if ((err = may_change(s, head)) < 0)
        return err;
    if (head == NULL) {
        int exists = 0;
        if ((err = node_exists(db, objid, pgno_fdp, unique, key, cb_key, old_data, cb_old, &exists)) < 0)
            return err;
        if (!exists)
            return JET_errRecordNotFound;
    }
    /* The node stays: readers of older snapshots still see it; cleanup removes it. */
    return push_linked(s, RCE_DELETE, unique, hash, db, objid, pgno_fdp, key, cb_key, old_data, cb_old, &err) == NULL
               ? err
               : JET_errSuccess;
}

JET_ERR esent_trx_escrow(esent_session *s, esent_db *db, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                         uint32_t cb_key, const uint8_t *data, uint32_t cb_data, uint32_t ib_escrow,
                         uint32_t cb_escrow, int64_t delta, int no_rollback)
{
    esent_pagefile *pf = esent_db_pagefile(db);
    if (esent_db_is_temp(db))
        return esent_btree_replace(pf, objid, pgno_fdp, key, cb_key, data, cb_data);
    uint32_t hash;
    JET_ERR err;
    esent_rce *head = esent_ver_head(db, pgno_fdp, 1, key, cb_key, NULL, 0, &hash);
    if (head != NULL && (err = esent_ver_conflict(head, s->trx->v, ESENT_VER_ESCROW)) < 0)
        return err;
    if (no_rollback)
        return esent_btree_replace(pf, objid, pgno_fdp, key, cb_key, data, cb_data);
    esent_rce *r = push_linked(s, RCE_ESCROW, 1, hash, db, objid, pgno_fdp, key, cb_key, NULL, 0, &err);
    if (r == NULL)
        return err;
    r->ib_escrow = (uint16_t)ib_escrow;
    r->cb_escrow = (uint8_t)cb_escrow;
    r->delta = delta;
    if ((err = esent_btree_replace(pf, objid, pgno_fdp, key, cb_key, data, cb_data)) < 0)
        pop(s->trx->v);
    return err;
}

JET_ERR esent_trx_lock(esent_session *s, esent_db *db, uint32_t pgno_fdp, const uint8_t *key, uint32_t cb_key,
                       int write)
{
    if (esent_db_is_temp(db))
        return JET_errSuccess;
    uint32_t hash;
    JET_ERR err;
    esent_rce *head = esent_ver_head(db, pgno_fdp, 1, key, cb_key, NULL, 0, &hash);
    uint8_t op = write ? RCE_LOCK_WRITE : RCE_LOCK_READ;
    if (head != NULL) {
        if ((err = esent_ver_conflict(head, s->trx->v, write ? ESENT_VER_WRITE : ESENT_VER_READLOCK)) < 0)
            return err;
        if (head->trx == s->trx->v && head->op == op)
            return JET_errSuccess;   /* held already */
    }
    return push_linked(s, op, 1, hash, db, 0, pgno_fdp, key, cb_key, NULL, 0, &err) == NULL ? err : JET_errSuccess;
}

JET_ERR esent_trx_check_write(esent_session *s, esent_db *db, uint32_t pgno_fdp, const uint8_t *key, uint32_t cb_key)
{
    if (esent_db_is_temp(db) || s->trx == NULL || s->trx->v == NULL)
        return JET_errSuccess;
    esent_rce *head = esent_ver_head(db, pgno_fdp, 1, key, cb_key, NULL, 0, NULL);
    return head == NULL ? JET_errSuccess : esent_ver_conflict(head, s->trx->v, ESENT_VER_WRITE);
}

JET_ERR esent_trx_cat_insert(esent_session *s, esent_db *db, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                             uint32_t cb_key, const uint8_t *data, uint32_t cb_data)
{
    esent_pagefile *pf = esent_db_pagefile(db);
    if (esent_db_is_temp(db))
        return esent_btree_insert(pf, objid, pgno_fdp, key, cb_key, data, cb_data);
    int unique = tree_unique(db, pgno_fdp);
    JET_ERR err;
    if (push(s, RCE_INSERT, (uint8_t)(unique ? RCE_F_UNIQUE : 0), db, objid, pgno_fdp, 0, key, cb_key, data,
             unique ? 0 : cb_data, &err) == NULL)
        return err;
    if ((err = esent_btree_insert(pf, objid, pgno_fdp, key, cb_key, data, cb_data)) < 0)
        pop(s->trx->v);
    return err;
}

JET_ERR esent_trx_cat_delete(esent_session *s, esent_db *db, uint32_t objid, uint32_t pgno_fdp, const uint8_t *key,
                             uint32_t cb_key, const uint8_t *old_data, uint32_t cb_old)
{
    esent_pagefile *pf = esent_db_pagefile(db);
    int unique = tree_unique(db, pgno_fdp);
    if (esent_db_is_temp(db))
        return esent_btree_delete(pf, objid, pgno_fdp, key, cb_key, unique ? NULL : old_data, unique ? 0 : cb_old);
    JET_ERR err;
    if (push(s, RCE_DELETE, (uint8_t)(unique ? RCE_F_UNIQUE : 0), db, objid, pgno_fdp, 0, key, cb_key, old_data,
             cb_old, &err) == NULL)
        return err;
    if ((err = esent_btree_delete(pf, objid, pgno_fdp, key, cb_key, unique ? NULL : old_data, unique ? 0 : cb_old)) <
        0)
        pop(s->trx->v);
    return err;
}

JET_ERR esent_trx_tree_create(esent_session *s, esent_db *db, uint32_t pgno_fdp_parent, uint32_t objid,
                              uint32_t kind, uint32_t cpg_initial, uint32_t *ppgno_fdp)
{
    if (esent_db_is_temp(db))
        return esent_tree_create(esent_db_pagefile(db), pgno_fdp_parent, objid, kind, cpg_initial, ppgno_fdp);
    JET_ERR err;
    esent_rce *r = push(s, RCE_CREATE_TREE, 0, db, objid, 0, pgno_fdp_parent, NULL, 0, NULL, 0, &err);
    if (r == NULL)
        return err;
    err = esent_tree_create(esent_db_pagefile(db), pgno_fdp_parent, objid, kind, cpg_initial, ppgno_fdp);
    if (err < 0)
        pop(s->trx->v);
    else
        r->pgno_fdp = *ppgno_fdp;
    return err;
}

JET_ERR esent_trx_tree_destroy(esent_session *s, esent_db *db, uint32_t pgno_fdp_parent, uint32_t pgno_fdp)
{
    if (esent_db_is_temp(db))
        return esent_tree_destroy(esent_db_pagefile(db), pgno_fdp_parent, pgno_fdp);
    JET_ERR err;
    return push(s, RCE_DEFER_DESTROY, 0, db, 0, pgno_fdp, pgno_fdp_parent, NULL, 0, NULL, 0, &err) == NULL
               ? err
               : JET_errSuccess;
}

JET_ERR esent_trx_schema_changed(esent_session *s, esent_db *db)
{
    if (esent_db_is_temp(db))
        return JET_errSuccess;
    JET_ERR err;
    return push(s, RCE_RELOAD_SCHEMA, 0, db, 0, 0, 0, NULL, 0, NULL, 0, &err) == NULL ? err : JET_errSuccess;
}
