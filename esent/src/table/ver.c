#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "param/param.h"
#include "table/tdb.h"
#include "table/ver.h"

/* Times: one counter for begins and commits (0 is never given out). */
static uint64_t g_clock;

/* Open transactions by begin time (oldest first), committed ones not cleaned up by commit time. */
static esent_vtrx *g_open_first, *g_open_last;
static esent_vtrx *g_done_first, *g_done_last;

/* Chain heads by node hash: g_cbuckets is 0 or a power of two; g_cheads heads, g_chashed RCEs in chains. */
static esent_rce **g_buckets;
static uint32_t g_cbuckets;
static size_t g_cheads, g_chashed;

#define BUCKETS_FIRST 1024u

static void list_remove(esent_vtrx **first, esent_vtrx **last, esent_vtrx *t)
{
    if (t->prev != NULL)
        t->prev->next = t->next;
    else
        *first = t->next;
    if (t->next != NULL)
        t->next->prev = t->prev;
    else
        *last = t->prev;
    t->next = t->prev = NULL;
}

static void list_append(esent_vtrx **first, esent_vtrx **last, esent_vtrx *t)
{
    t->next = NULL;
    t->prev = *last;
    if (*last != NULL)
        (*last)->next = t;
    else
        *first = t;
    *last = t;
}

/* ---- chains ---- */

static uint32_t hash_bytes(uint32_t h, const uint8_t *p, uint32_t cb)
{
    for (uint32_t i = 0; i < cb; i++)
        h = (h ^ p[i]) * 16777619u;    /* FNV-1a */
    return h;
}

static uint32_t node_hash(const esent_db *db, uint32_t pgno_fdp, int unique, const uint8_t *key, uint32_t cb_key,
                          const uint8_t *data, uint32_t cb_data)
{
    uintptr_t p = (uintptr_t)db;
    uint32_t h = 2166136261u;
    h = (h ^ (uint32_t)p) * 16777619u;
    h = (h ^ (uint32_t)((uint64_t)p >> 32)) * 16777619u;
    h = (h ^ pgno_fdp) * 16777619u;
    h = hash_bytes(h, key, cb_key);
    if (!unique)
        h = hash_bytes(h ^ 0xffu, data, cb_data);
    return h ^ (h >> 15);
}

/* r names node (db, pgno_fdp, key[, data]). */
static int same_node(const esent_rce *r, const esent_db *db, uint32_t pgno_fdp, uint32_t hash, const uint8_t *key,
                     uint32_t cb_key, const uint8_t *data, uint32_t cb_data)
{
    if (r->hash != hash || r->db != db || r->pgno_fdp != pgno_fdp || r->cb_key != cb_key ||
        memcmp(r->bytes, key, cb_key) != 0)
        return 0;
    if (r->flags & RCE_F_UNIQUE)
        return 1;
    return r->cb_data == cb_data && memcmp(r->bytes + cb_key, data, cb_data) == 0;
}

esent_rce *esent_ver_head(const esent_db *db, uint32_t pgno_fdp, int unique, const uint8_t *key, uint32_t cb_key,
                          const uint8_t *data, uint32_t cb_data, uint32_t *phash)
{
    uint32_t h = node_hash(db, pgno_fdp, unique, key, cb_key, data, cb_data);
    if (phash != NULL)
        *phash = h;
    if (g_cheads == 0)
        return NULL;
    for (esent_rce *r = g_buckets[h & (g_cbuckets - 1u)]; r != NULL; r = r->hnext)
        if (same_node(r, db, pgno_fdp, h, key, cb_key, data, cb_data))
            return r;
    return NULL;
}

static JET_ERR grow_buckets(void)
{
    uint32_t n = g_cbuckets ? g_cbuckets * 2u : BUCKETS_FIRST;
    esent_rce **b = (esent_rce **)calloc(n, sizeof *b);
    if (b == NULL)
        return g_cbuckets ? JET_errSuccess : JET_errOutOfMemory;   /* a fuller table still works */
    for (uint32_t i = 0; i < g_cbuckets; i++) {
        esent_rce *r = g_buckets[i];
        while (r != NULL) {
            esent_rce *next = r->hnext;
            r->hnext = b[r->hash & (n - 1u)];
            b[r->hash & (n - 1u)] = r;
            r = next;
        }
    }
    free(g_buckets);
    g_buckets = b;
    g_cbuckets = n;
    return JET_errSuccess;
}

/* r has just joined a chain: its flag and the counters. */
static void count_linked(esent_rce *r)
{
    r->flags |= RCE_F_HASHED;
    g_chashed++;
    r->trx->chashed++;
    if (r->op == RCE_DELETE)
        r->trx->cdeletes++;
}

uint32_t esent_ver_hash(const esent_db *db, uint32_t pgno_fdp, int unique, const uint8_t *key, uint32_t cb_key,
                        const uint8_t *data, uint32_t cb_data)
{
    return node_hash(db, pgno_fdp, unique, key, cb_key, data, cb_data);
}

JET_ERR esent_ver_link_first(esent_rce *r)
{
    if (g_cheads >= g_cbuckets) {
        JET_ERR err = grow_buckets();
        if (err < 0)
            return err;
    }
    esent_rce **bucket = &g_buckets[r->hash & (g_cbuckets - 1u)];
    r->newer = r->older = NULL;
    r->hnext = *bucket;
    *bucket = r;
    g_cheads++;
    count_linked(r);
    return JET_errSuccess;
}

JET_ERR esent_ver_link(esent_rce *r)
{
    if (g_cheads >= g_cbuckets) {
        JET_ERR err = grow_buckets();
        if (err < 0)
            return err;
    }
    const uint8_t *key = r->bytes, *data = r->bytes + r->cb_key;
    esent_rce **pp = &g_buckets[r->hash & (g_cbuckets - 1u)];
    while (*pp != NULL && !same_node(*pp, r->db, r->pgno_fdp, r->hash, key, r->cb_key, data, r->cb_data))
        pp = &(*pp)->hnext;
    esent_rce *h = *pp;
    r->newer = NULL;
    if (h != NULL) {
        r->older = h;
        h->newer = r;
        r->hnext = h->hnext;
        h->hnext = NULL;
        *pp = r;
    } else {
        r->older = NULL;
        r->hnext = g_buckets[r->hash & (g_cbuckets - 1u)];
        g_buckets[r->hash & (g_cbuckets - 1u)] = r;
        g_cheads++;
    }
    count_linked(r);
    return JET_errSuccess;
}

void esent_ver_unlink(esent_rce *r)
{
    if (!(r->flags & RCE_F_HASHED))
        return;
    if (r->newer == NULL) {
        esent_rce **pp = &g_buckets[r->hash & (g_cbuckets - 1u)];
        while (*pp != r)
            pp = &(*pp)->hnext;
        if (r->older != NULL) {
            r->older->newer = NULL;
            r->older->hnext = r->hnext;
            *pp = r->older;
        } else {
            *pp = r->hnext;
            g_cheads--;
        }
    } else {
        r->newer->older = r->older;
        if (r->older != NULL)
            r->older->newer = r->newer;
    }
    r->hnext = r->older = r->newer = NULL;
    r->flags &= (uint8_t)~RCE_F_HASHED;
    g_chashed--;
    r->trx->chashed--;
    if (r->op == RCE_DELETE)
        r->trx->cdeletes--;
}

static int is_lock(const esent_rce *r) { return r->op == RCE_LOCK_READ || r->op == RCE_LOCK_WRITE; }

int esent_ver_deleted(const esent_rce *head)
{
    for (const esent_rce *r = head; r != NULL; r = r->older)
        if (!is_lock(r))
            return r->op == RCE_DELETE;
    return 0;
}

/* ---- conflicts ---- */

JET_ERR esent_ver_conflict(const esent_rce *head, const esent_vtrx *me, esent_ver_access access)
{
    for (const esent_rce *r = head; r != NULL; r = r->older) {
        const esent_vtrx *o = r->trx;
        if (o == me)
            continue;
        int open = o->commit == ESENT_VER_OPEN;
        int later = !open && o->commit > me->begin;   /* committed after I began: not in my snapshot */
        switch ((enum esent_rce_op)r->op) {
        case RCE_LOCK_READ:
            if (open && access != ESENT_VER_READLOCK)
                return JET_errWriteConflict;
            break;
        case RCE_LOCK_WRITE:
            if (open)
                return JET_errWriteConflict;
            break;
        case RCE_ESCROW:
            if (access != ESENT_VER_ESCROW && (open || later))
                return JET_errWriteConflict;
            break;
        default:
            if (open || later)
                return JET_errWriteConflict;
            break;
        }
    }
    return JET_errSuccess;
}

/* ---- reading ---- */

int esent_ver_active(void) { return g_chashed != 0; }

/* Subtracts delta from the little-endian integer of cb bytes at p. */
static void sub_delta(uint8_t *p, uint32_t cb, int64_t delta)
{
    uint64_t v = 0;
    for (uint32_t i = cb; i > 0; i--)
        v = (v << 8) | p[i - 1];
    v -= (uint64_t)delta;
    for (uint32_t i = 0; i < cb; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

int esent_ver_image(const esent_ver_view *view, const esent_db *db, uint32_t pgno_fdp, int unique,
                    const uint8_t *key, uint32_t cb_key, const uint8_t *data, uint32_t cb_data,
                    const uint8_t **pimg, uint32_t *pcb)
{
    *pimg = data;
    *pcb = cb_data;
    if (g_chashed == 0)
        return 1;
    esent_rce *head = esent_ver_head(db, pgno_fdp, unique, key, cb_key, data, cb_data, NULL);
    if (head == NULL)
        return 1;
    int present = !esent_ver_deleted(head);
    const uint8_t *img = data;
    uint32_t cb = cb_data;
    int in_scratch = 0;
    for (const esent_rce *r = head; r != NULL; r = r->older) {
        if (is_lock(r))
            continue;
        if (r->trx == view->own || r->trx->commit < view->snap) {
            if (r->op == RCE_ESCROW)
                continue;   /* deltas commute: older invisible ones may still follow */
            break;
        }
        switch ((enum esent_rce_op)r->op) {
        case RCE_INSERT:
            present = 0;
            break;
        case RCE_INS_OVER:
        case RCE_DELETE:
        case RCE_REPLACE:
            /* before an insert-over: deleted, with the data the delete left; before a delete or replace:
             * present with the data kept */
            present = r->op != RCE_INS_OVER;
            if (unique) {
                img = r->bytes + r->cb_key;
                cb = r->cb_data;
                in_scratch = 0;
            }
            break;
        case RCE_ESCROW:
            if (view->scratch == NULL || (uint32_t)r->ib_escrow + r->cb_escrow > cb)
                break;   /* cannot happen for a record the delta was applied to */
            if (!in_scratch) {
                memmove(view->scratch, img, cb);
                img = view->scratch;
                in_scratch = 1;
            }
            sub_delta(view->scratch + r->ib_escrow, r->cb_escrow, r->delta);
            break;
        default:
            break;
        }
    }
    *pimg = img;
    *pcb = cb;
    return present;
}

/* ---- budget ---- */

static size_t budget_of(const esent_instance *inst)
{
    return (size_t)esent_param_num(inst, JET_paramMaxVerPages) * ESENT_VER_PAGE;
}

JET_ERR esent_ver_charge(esent_vtrx *t, size_t cb)
{
    size_t budget = budget_of(t->inst);
    if (t->inst->ver_bytes + cb > budget) {
        esent_ver_cleanup();
        if (t->inst->ver_bytes + cb > budget)
            return JET_errVersionStoreOutOfMemory;
    }
    t->inst->ver_bytes += cb;
    t->charged += cb;
    return JET_errSuccess;
}

void esent_ver_uncharge(esent_vtrx *t, size_t cb)
{
    t->inst->ver_bytes -= cb;
    t->charged -= cb;
}

/* ---- transactions ---- */

esent_vtrx *esent_ver_trx_new(esent_instance *inst)
{
    esent_vtrx *t = (esent_vtrx *)calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->inst = inst;
    t->begin = ++g_clock;
    t->commit = ESENT_VER_OPEN;
    list_append(&g_open_first, &g_open_last, t);
    return t;
}

static void free_blocks(esent_vtrx *t)
{
    while (t->blocks != NULL) {
        esent_rce_block *b = t->blocks;
        t->blocks = b->prev;
        free(b);
    }
}

/* Physically removes the node r (a DELETE, newest of its chain) left in its tree, and takes r and every
 * older RCE of its chain out of it. */
static void remove_deleted_node(esent_rce *r)
{
    esent_pagefile *pf = esent_db_pagefile(r->db);
    int unique = (r->flags & RCE_F_UNIQUE) != 0;
    /* An I/O error leaves the node in the tree, unversioned: the same as a failed delete in ESE's cleanup,
     * retried by nobody; the file is then no worse than after a crash. */
    (void)esent_btree_delete(pf, r->objid, r->pgno_fdp, r->bytes, r->cb_key, unique ? NULL : r->bytes + r->cb_key,
                             unique ? 0 : r->cb_data);
    while (r != NULL) {
        esent_rce *older = r->older;
        esent_ver_unlink(r);
        r = older;
    }
}

/* The oldest committed transaction, when every open transaction began after its commit (nobody can tell
 * its versions from the current state any more); else NULL. Transactions are cleaned in commit order:
 * a later one's RCEs may sit on top of an earlier one's in a chain (an insert over its delete). */
static esent_vtrx *cleanable(void)
{
    uint64_t oldest = g_open_first != NULL ? g_open_first->begin : ESENT_VER_OPEN;
    return g_done_first != NULL && g_done_first->commit < oldest ? g_done_first : NULL;
}

static void clean_done(esent_vtrx *t)
{
    list_remove(&g_done_first, &g_done_last, t);
    t->inst->ver_bytes -= t->charged;
    free_blocks(t);
    free(t);
}

/* Does up to *pwork steps (one RCE each) of the cleanup of the transactions no snapshot needs, oldest
 * first. The cleanup of one transaction t is resumable: phase 1 removes the nodes its DELETEs left (a
 * DELETE newest in its chain: an older DELETE of a node t then inserted over still has that newer RCE
 * linked), phase 2 takes every RCE out of its chain, then t is freed. Readers may meet t half-cleaned:
 * every open transaction sees all of t, so with or without an RCE of t they read the same image. */
static void clean_steps(size_t *pwork)
{
    esent_vtrx *t;
    while (*pwork > 0 && (t = cleanable()) != NULL) {
        if (t->clean_phase == 0) {
            if (t->cdeletes == 0 && t->chashed == g_chashed && t->chashed >= g_cbuckets / 8u && g_chashed > 0) {
                /* Only t's RCEs in the table, none with physical work, and as many as a fair part of the
                 * buckets (a bulk load): empty the table at once rather than RCE by RCE. A table grown
                 * large goes back to its first size (it grows again as needed). */
                if (g_cbuckets > BUCKETS_FIRST * 16u) {
                    free(g_buckets);
                    g_buckets = NULL;
                    g_cbuckets = 0;
                } else {
                    memset(g_buckets, 0, (size_t)g_cbuckets * sizeof *g_buckets);
                }
                g_cheads = g_chashed = 0;
                for (esent_rce *r = t->top; r != NULL; r = r->sprev)
                    r->flags &= (uint8_t)~RCE_F_HASHED;
                t->chashed = 0;
            }
            t->clean_phase = t->cdeletes > 0 ? 1 : 2;
            t->clean_at = t->top;
        }
        if (t->clean_phase == 1) {
            while (*pwork > 0 && t->clean_at != NULL && t->cdeletes > 0) {
                esent_rce *r = t->clean_at;
                t->clean_at = r->sprev;
                if ((r->flags & RCE_F_HASHED) && r->op == RCE_DELETE && r->newer == NULL &&
                    !(r->flags & RCE_F_ORPHAN))
                    remove_deleted_node(r);
                (*pwork)--;
            }
            if (t->clean_at != NULL && t->cdeletes > 0)
                return;
            t->clean_phase = 2;
            t->clean_at = t->top;
        }
        while (*pwork > 0 && t->clean_at != NULL && t->chashed > 0) {
            esent_rce *r = t->clean_at;
            t->clean_at = r->sprev;
            esent_ver_unlink(r);
            (*pwork)--;
        }
        if (t->clean_at != NULL && t->chashed > 0)
            return;
        clean_done(t);
    }
}

void esent_ver_cleanup(void)
{
    size_t work = SIZE_MAX;
    clean_steps(&work);
}

/* ---- the background cleaner ----
 * One thread for the process, started the first time cleanup work is left after a transaction ended. The
 * thread that ends a transaction does a bounded part of the cleanup itself (cheaper than waking another
 * thread for a small transaction, and progress even when API calls keep the cleaner from the lock); a
 * large transaction — a bulk load, a mass delete — is finished by the cleaner, so its commit returns
 * without that work. The cleaner works in bounded steps and lets the data lock go between them. It stops
 * when JetTerm finds no transaction left anywhere. */
#define CLEAN_INLINE_STEPS 512u    /* cleanup steps the end of a transaction does itself */
#define CLEAN_THREAD_STEPS 4096u   /* cleanup steps the cleaner does per hold of the data lock */

typedef struct cleaner {
    HANDLE thread;
    int stop;                       /* data lock */
} cleaner;
static cleaner *g_cleaner;          /* the running cleaner, or NULL */
static CONDITION_VARIABLE g_cleaner_cv = CONDITION_VARIABLE_INIT;

static DWORD WINAPI cleaner_main(LPVOID arg)
{
    cleaner *me = (cleaner *)arg;
    esent_data_lock();
    while (!me->stop) {
        if (cleanable() != NULL) {
            size_t work = CLEAN_THREAD_STEPS;
            clean_steps(&work);
            esent_data_unlock();    /* let API calls in between */
            esent_data_lock();
        } else {
            esent_data_lock_sleep(&g_cleaner_cv);
        }
    }
    esent_data_unlock();
    return 0;
}

/* A transaction ended: some cleanup now, the cleaner woken (or started) for what is left. */
static void after_end(void)
{
    size_t work = CLEAN_INLINE_STEPS;
    clean_steps(&work);
    if (cleanable() == NULL)
        return;
    if (g_cleaner == NULL) {
        cleaner *c = (cleaner *)calloc(1, sizeof *c);
        if (c != NULL && (c->thread = CreateThread(NULL, 0, cleaner_main, c, 0, NULL)) != NULL) {
            g_cleaner = c;
        } else {
            free(c);
            esent_ver_cleanup();    /* no thread: clean here */
            return;
        }
    }
    WakeConditionVariable(&g_cleaner_cv);
}

struct esent_ver_cleaner *esent_ver_cleaner_retire(void)
{
    if (g_cleaner == NULL || g_open_first != NULL || g_done_first != NULL)
        return NULL;
    cleaner *c = g_cleaner;
    g_cleaner = NULL;
    c->stop = 1;
    WakeAllConditionVariable(&g_cleaner_cv);
    return (struct esent_ver_cleaner *)c;
}

void esent_ver_cleaner_join(struct esent_ver_cleaner *retired)
{
    cleaner *c = (cleaner *)retired;
    if (c == NULL)
        return;
    WaitForSingleObject(c->thread, INFINITE);
    CloseHandle(c->thread);
    free(c);
}

void esent_ver_trx_commit(esent_vtrx *t)
{
    list_remove(&g_open_first, &g_open_last, t);
    t->commit = ++g_clock;
    list_append(&g_done_first, &g_done_last, t);
    after_end();
}

void esent_ver_trx_free_rolled_back(esent_vtrx *t)
{
    list_remove(&g_open_first, &g_open_last, t);
    t->inst->ver_bytes -= t->charged;
    free_blocks(t);
    free(t);
    after_end();
}

/* ---- trees and databases going away ---- */

static void orphan_where(const esent_db *db, int all_trees, uint32_t pgno_fdp)
{
    esent_vtrx *lists[2] = { g_open_first, g_done_first };
    for (int l = 0; l < 2; l++)
        for (esent_vtrx *t = lists[l]; t != NULL; t = t->next)
            for (esent_rce *r = t->top; r != NULL; r = r->sprev)
                if (!(r->flags & RCE_F_ORPHAN) && r->db == db && (all_trees || r->pgno_fdp == pgno_fdp) &&
                    r->op != RCE_DEFER_DESTROY) {
                    esent_ver_unlink(r);
                    r->flags |= RCE_F_ORPHAN;
                }
}

void esent_ver_tree_gone(const esent_db *db, uint32_t pgno_fdp)
{
    orphan_where(db, 0, pgno_fdp);
}

void esent_ver_db_gone(const esent_db *db)
{
    /* What committed transactions deleted must not come back: carry their deletes out now. */
    for (esent_vtrx *t = g_done_first; t != NULL; t = t->next)
        for (esent_rce *r = t->top; r != NULL; r = r->sprev)
            if ((r->flags & RCE_F_HASHED) && r->db == db && r->op == RCE_DELETE && r->newer == NULL)
                remove_deleted_node(r);
    orphan_where(db, 1, 0);
}

void esent_ver_inst_gone(const esent_instance *inst)
{
    esent_vtrx *t = g_done_first;
    while (t != NULL) {
        esent_vtrx *next = t->next;
        if (t->inst == inst) {
            for (esent_rce *r = t->top; r != NULL; r = r->sprev)
                esent_ver_unlink(r);
            clean_done(t);
        }
        t = next;
    }
}
