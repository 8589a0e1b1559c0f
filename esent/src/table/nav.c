#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "table/idxkey.h"
#include "table/nav.h"
#include "util/wstr.h"

static int on_secondary(const esent_cursor *c) { return c->idx != NULL && c->idx != c->t->primary; }

static void clear_range(esent_cursor *c)
{
    free(c->range_key);
    c->range_key = NULL;
    c->cb_range_key = 0;
    c->range_grbit = 0;
}

/* Compares an index key with a search key over the search key's length when prefix is set. */
static int key_cmp(const uint8_t *k, uint32_t cb_k, const uint8_t *s, uint32_t cb_s, int prefix)
{
    if (prefix && cb_k > cb_s)
        cb_k = cb_s;
    return esent_key_compare(k, cb_k, s, cb_s);
}

/* Whether the entry bt is on lies within the index range (1 when there is none). */
static int in_range(esent_cursor *c)
{
    if (c->range_key == NULL)
        return 1;
    const uint8_t *k;
    uint32_t cb;
    if (esent_btree_current(&c->bt, &k, &cb, NULL, NULL) < 0)
        return 0;
    int inclusive = (c->range_grbit & JET_bitRangeInclusive) != 0;
    int cmp = key_cmp(k, cb, c->range_key, c->cb_range_key, inclusive);
    if (c->range_grbit & JET_bitRangeUpperLimit)
        return inclusive ? cmp <= 0 : cmp < 0;
    return inclusive ? cmp >= 0 : cmp > 0;
}

/* bt's current entry, as esent_btree_current gave it (key k, data d): make it the cursor's current record. */
static JET_ERR take_entry(esent_cursor *c, const uint8_t *k, uint32_t cb_k, const uint8_t *d, uint32_t cb_d)
{
    const uint8_t *bm = on_secondary(c) ? d : k;
    uint32_t cb_bm = on_secondary(c) ? cb_d : cb_k;
    if (cb_bm > esent_pagefile_page_size(c->tdb->pf))
        return JET_errDatabaseCorrupted;
    memcpy(c->bookmark, bm, cb_bm);
    c->cb_bookmark = cb_bm;
    c->pos = ESENT_POS_ON_RECORD;
    c->rec_valid = 0;
    return JET_errSuccess;
}

/* bt is on an entry: make it the cursor's current record. */
static JET_ERR take_current(esent_cursor *c)
{
    const uint8_t *k, *d;
    uint32_t cb_k, cb_d;
    JET_ERR err = esent_btree_current(&c->bt, &k, &cb_k, &d, &cb_d);
    return err < 0 ? err : take_entry(c, k, cb_k, d, cb_d);
}

static JET_ERR not_found_to(esent_cursor *c, JET_ERR err, esent_curpos pos)
{
    if (err == JET_errRecordNotFound || err == JET_errNoCurrentRecord) {
        c->pos = pos;
        c->rec_valid = 0;
        return JET_errNoCurrentRecord;
    }
    return err;
}

/* One step in direction dir (+1/-1) from the current state; key_ne skips entries equal to the current key. */
static JET_ERR step(esent_cursor *c, int dir, int key_ne)
{
    JET_ERR err;
    uint8_t *prev_key = NULL;
    uint32_t cb_prev = 0;
    if (key_ne && c->pos == ESENT_POS_ON_RECORD) {
        const uint8_t *k;
        if (esent_btree_current(&c->bt, &k, &cb_prev, NULL, NULL) >= 0) {
            prev_key = (uint8_t *)malloc(cb_prev ? cb_prev : 1u);
            if (prev_key == NULL)
                return JET_errOutOfMemory;
            memcpy(prev_key, k, cb_prev);
        }
    }
    for (;;) {
        if (c->pos == ESENT_POS_BEFORE_FIRST)
            err = dir > 0 ? esent_btree_move_first(&c->bt) : JET_errNoCurrentRecord;
        else if (c->pos == ESENT_POS_AFTER_LAST)
            err = dir < 0 ? esent_btree_move_last(&c->bt) : JET_errNoCurrentRecord;
        else
            err = dir > 0 ? esent_btree_move_next(&c->bt) : esent_btree_move_prev(&c->bt);
        if (err < 0) {
            free(prev_key);
            return not_found_to(c, err, dir > 0 ? ESENT_POS_AFTER_LAST : ESENT_POS_BEFORE_FIRST);
        }
        c->pos = ESENT_POS_ON_RECORD;
        if (prev_key != NULL) {
            const uint8_t *k;
            uint32_t cb;
            if (esent_btree_current(&c->bt, &k, &cb, NULL, NULL) >= 0 && esent_key_compare(k, cb, prev_key, cb_prev) == 0)
                continue;
        }
        break;
    }
    free(prev_key);
    if (!in_range(c)) {
        c->pos = dir > 0 ? ESENT_POS_AFTER_LAST : ESENT_POS_BEFORE_FIRST;
        return JET_errNoCurrentRecord;
    }
    return take_current(c);
}

JET_ERR esent_nav_move(esent_cursor *c, int32_t crow, JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)(JET_bitMoveKeyNE))
        return JET_errInvalidGrbit;
    int key_ne = (grbit & JET_bitMoveKeyNE) != 0;
    JET_ERR err;
    if (crow == (int32_t)JET_MoveFirst || crow == (int32_t)JET_MoveLast) {
        clear_range(c);
        err = crow == (int32_t)JET_MoveFirst ? esent_btree_move_first(&c->bt) : esent_btree_move_last(&c->bt);
        if (err < 0)
            return not_found_to(c, err, ESENT_POS_BEFORE_FIRST);
        return take_current(c);
    }
    if (crow == 0) {
        if (c->pos != ESENT_POS_ON_RECORD)
            return c->pos == ESENT_POS_DELETED ? JET_errRecordDeleted : JET_errNoCurrentRecord;
        const uint8_t *k;
        uint32_t cb;
        err = esent_btree_current(&c->bt, &k, &cb, NULL, NULL);
        return err < 0 ? err : JET_errSuccess;
    }
    int dir = crow > 0 ? 1 : -1;
    uint32_t n = crow > 0 ? (uint32_t)crow : (uint32_t)(-(crow + 1)) + 1u;
    for (uint32_t i = 0; i < n; i++) {
        if ((err = step(c, dir, key_ne)) < 0)
            return err;
    }
    return JET_errSuccess;
}

/* The key description of the current index (NULL for a sequential table on its primary tree). */
static const esent_key_index *cur_key_index(const esent_cursor *c)
{
    const esent_schema_index *x = c->idx != NULL ? c->idx : c->t->primary;
    return x != NULL && x->key_ok ? &x->key : NULL;
}

JET_ERR esent_nav_make_key(esent_cursor *c, const void *pv, uint32_t cb, JET_GRBIT grbit)
{
    const esent_key_index *ki = cur_key_index(c);
    if (grbit & JET_bitNewKey) {
        JET_ERR err = esent_keybuild_init(&c->kb, ki != NULL ? ki->cb_key_most : ESENT_KEY_MOST_OLD);
        if (err < 0)
            return err;
    }
    if (ki == NULL && !(grbit & JET_bitNormalizedKey) && c->t->primary == NULL) {
        /* Sequential table: the key is the 4-byte DBK, given as the bookmark bytes (normalized). */
        return JET_errNoCurrentIndex;
    }
    return esent_keybuild_add_segment(&c->kb, ki, pv, cb, grbit);
}

/* Seeks bt to the first entry >= key. */
static JET_ERR seek_ge(esent_cursor *c, const uint8_t *key, uint32_t cb, int *exact)
{
    return esent_btree_seek(&c->bt, key, cb, exact);
}

JET_ERR esent_nav_seek(esent_cursor *c, JET_GRBIT grbit)
{
    const JET_GRBIT kinds = JET_bitSeekEQ | JET_bitSeekLT | JET_bitSeekLE | JET_bitSeekGE | JET_bitSeekGT;
    JET_GRBIT kind = grbit & kinds;
    if (grbit & ~(kinds | JET_bitSetIndexRange | JET_bitCheckUniqueness))
        return JET_errInvalidGrbit;
    if (kind != JET_bitSeekEQ && kind != JET_bitSeekLT && kind != JET_bitSeekLE && kind != JET_bitSeekGE &&
        kind != JET_bitSeekGT)
        return JET_errInvalidGrbit;
    if (!c->kb.prepared)
        return JET_errKeyNotMade;
    if ((grbit & JET_bitSetIndexRange) && kind != JET_bitSeekEQ)
        return JET_errInvalidGrbit;
    const uint8_t *key = c->kb.key;
    uint32_t cb = c->kb.cb;
    const esent_key_index *ki = cur_key_index(c);
    int partial = c->kb.limit || (ki != NULL && c->kb.cseg < ki->ccol);
    int exact = 0;
    clear_range(c);
    JET_ERR err = seek_ge(c, key, cb, &exact);
    const uint8_t *k;
    uint32_t cbk;
    if (kind == JET_bitSeekEQ) {
        const uint8_t *d;
        uint32_t cbd;
        if (err < 0)
            return not_found_to(c, err, ESENT_POS_BEFORE_FIRST) == JET_errNoCurrentRecord ? JET_errRecordNotFound : err;
        if ((err = esent_btree_current(&c->bt, &k, &cbk, &d, &cbd)) < 0)
            return err;
        if (key_cmp(k, cbk, key, cb, partial) != 0) {
            c->pos = ESENT_POS_BEFORE_FIRST;
            return JET_errRecordNotFound;
        }
        /* the entry just read is the current one (take_current without reading it again) */
        if ((err = take_entry(c, k, cbk, d, cbd)) < 0)
            return err;
        if (grbit & JET_bitSetIndexRange) {
            c->range_key = (uint8_t *)malloc(cb ? cb : 1u);
            if (c->range_key == NULL)
                return JET_errOutOfMemory;
            memcpy(c->range_key, key, cb);
            c->cb_range_key = cb;
            c->range_grbit = JET_bitRangeUpperLimit | JET_bitRangeInclusive;
        }
        return JET_errSuccess;
    }
    if (kind == JET_bitSeekGE || kind == JET_bitSeekGT) {
        if (err < 0)
            return not_found_to(c, err, ESENT_POS_AFTER_LAST) == JET_errNoCurrentRecord ? JET_errRecordNotFound : err;
        if (kind == JET_bitSeekGT) {
            /* Skip every entry equal to the key (over its length when it is partial). */
            while ((err = esent_btree_current(&c->bt, &k, &cbk, NULL, NULL)) >= 0 &&
                   key_cmp(k, cbk, key, cb, partial) <= 0)
                if ((err = esent_btree_move_next(&c->bt)) < 0)
                    break;
            if (err < 0) {
                c->pos = ESENT_POS_AFTER_LAST;
                return err == JET_errNoCurrentRecord ? JET_errRecordNotFound : err;
            }
        }
        if ((err = take_current(c)) < 0)
            return err;
        if ((err = esent_btree_current(&c->bt, &k, &cbk, NULL, NULL)) < 0)
            return err;
        return key_cmp(k, cbk, key, cb, partial) == 0 ? JET_errSuccess : JET_wrnSeekNotEqual;
    }
    /* LE / LT: from the first entry >= key (or the end), step back past the entries that are too big. */
    if (err < 0 && err != JET_errRecordNotFound)
        return err;
    if (err == JET_errRecordNotFound)
        err = esent_btree_move_last(&c->bt);
    else if (kind == JET_bitSeekLE) {
        /* On an equal entry: move to the last equal one. */
        while ((err = esent_btree_current(&c->bt, &k, &cbk, NULL, NULL)) >= 0 &&
               key_cmp(k, cbk, key, cb, partial) == 0) {
            if ((err = esent_btree_move_next(&c->bt)) < 0)
                break;
        }
        err = err == JET_errNoCurrentRecord ? esent_btree_move_last(&c->bt) : esent_btree_move_prev(&c->bt);
        if (err >= 0 && esent_btree_current(&c->bt, &k, &cbk, NULL, NULL) >= 0 &&
            key_cmp(k, cbk, key, cb, partial) > 0)
            err = esent_btree_move_prev(&c->bt);
    } else {
        err = esent_btree_move_prev(&c->bt);
    }
    while (err >= 0 && (err = esent_btree_current(&c->bt, &k, &cbk, NULL, NULL)) >= 0) {
        int cmp = key_cmp(k, cbk, key, cb, partial);
        if (cmp < 0 || (cmp == 0 && kind == JET_bitSeekLE))
            break;
        err = esent_btree_move_prev(&c->bt);
    }
    if (err < 0) {
        c->pos = ESENT_POS_BEFORE_FIRST;
        return err == JET_errNoCurrentRecord || err == JET_errRecordNotFound ? JET_errRecordNotFound : err;
    }
    if ((err = take_current(c)) < 0)
        return err;
    return key_cmp(k, cbk, key, cb, partial) == 0 ? JET_errSuccess : JET_wrnSeekNotEqual;
}

JET_ERR esent_nav_set_range(esent_cursor *c, JET_GRBIT grbit)
{
    const JET_GRBIT ok = JET_bitRangeInclusive | JET_bitRangeUpperLimit | JET_bitRangeInstantDuration |
                         JET_bitRangeRemove;
    if (grbit & ~ok)
        return JET_errInvalidGrbit;
    if (grbit & JET_bitRangeRemove) {
        if (c->range_key == NULL)
            return JET_errInvalidOperation;
        clear_range(c);
        return JET_errSuccess;
    }
    if (!c->kb.prepared)
        return JET_errKeyNotMade;
    if (c->pos != ESENT_POS_ON_RECORD)
        return JET_errNoCurrentRecord;
    if (grbit & JET_bitRangeInstantDuration) {
        /* Check only: the current entry against the key, no range kept. */
        uint8_t *save = c->range_key;
        uint32_t cb_save = c->cb_range_key;
        JET_GRBIT g_save = c->range_grbit;
        c->range_key = c->kb.key;
        c->cb_range_key = c->kb.cb;
        c->range_grbit = grbit;
        int in = in_range(c);
        c->range_key = save;
        c->cb_range_key = cb_save;
        c->range_grbit = g_save;
        return in ? JET_errSuccess : JET_errNoCurrentRecord;
    }
    clear_range(c);
    c->range_key = (uint8_t *)malloc(c->kb.cb ? c->kb.cb : 1u);
    if (c->range_key == NULL)
        return JET_errOutOfMemory;
    memcpy(c->range_key, c->kb.key, c->kb.cb);
    c->cb_range_key = c->kb.cb;
    c->range_grbit = grbit;
    if (!in_range(c)) {
        clear_range(c);
        return JET_errNoCurrentRecord;
    }
    return JET_errSuccess;
}

const WCHAR *esent_nav_index_name(esent_cursor *c)
{
    static const WCHAR empty[1] = { 0 };
    if (c->idx != NULL)
        return c->idx->name;
    return c->t->primary != NULL ? c->t->primary->name : empty;
}

/* Positions bt (on the current secondary index) on the entry of the record with this bookmark. */
static JET_ERR seek_secondary_entry(esent_cursor *c, const uint8_t *bm, uint32_t cb_bm);

JET_ERR esent_nav_set_index(esent_cursor *c, const WCHAR *name, const JET_INDEXID *pindexid, JET_GRBIT grbit,
                            unsigned long itag_sequence)
{
    (void)pindexid;
    if (grbit & ~(JET_GRBIT)(JET_bitMoveFirst | JET_bitNoMove))
        return JET_errInvalidGrbit;
    if (itag_sequence == 0)
        return JET_errInvalidParameter;
    esent_schema_index *x = NULL;
    if (name != NULL && name[0] != 0) {
        x = (esent_schema_index *)esent_schema_find_index(c->t, name);
        if (x == NULL)
            return JET_errIndexNotFound;
        if (!x->key_ok)
            return JET_errIndexInvalidDef;
    }
    if (x == c->t->primary)
        x = NULL;
    int keep = (grbit & JET_bitNoMove) != 0 && c->pos == ESENT_POS_ON_RECORD;
    uint8_t *bm = NULL;
    uint32_t cb_bm = c->cb_bookmark;
    if (keep) {
        bm = (uint8_t *)malloc(cb_bm ? cb_bm : 1u);
        if (bm == NULL)
            return JET_errOutOfMemory;
        memcpy(bm, c->bookmark, cb_bm);
    }
    esent_wfree(c->idx_name);
    c->idx_name = NULL;
    if (x != NULL && (c->idx_name = esent_wdup(x->name)) == NULL) {
        free(bm);
        return JET_errOutOfMemory;
    }
    c->idx = x;
    clear_range(c);
    JET_ERR err = esent_cursor_open_tree(c);
    if (err >= 0)
        err = esent_keybuild_init(&c->kb, cur_key_index(c) != NULL ? cur_key_index(c)->cb_key_most
                                                                  : ESENT_KEY_MOST_OLD);
    c->pos = ESENT_POS_BEFORE_FIRST;
    if (err >= 0 && keep)
        err = esent_nav_goto_primary(c, bm, cb_bm);
    else if (err >= 0) {
        err = esent_btree_move_first(&c->bt);
        err = err >= 0 ? take_current(c) : not_found_to(c, err, ESENT_POS_BEFORE_FIRST);
        if (err == JET_errNoCurrentRecord)
            err = JET_errSuccess;   /* an empty index: the cursor is before the first entry */
    }
    free(bm);
    return err;
}

JET_ERR esent_nav_record(esent_cursor *c, const uint8_t **prec, uint32_t *pcb)
{
    if (c->pos == ESENT_POS_DELETED)
        return JET_errRecordDeleted;
    if (c->pos != ESENT_POS_ON_RECORD)
        return JET_errNoCurrentRecord;
    /* The record's bytes are the current entry's data in the primary tree: bt's own copy when the
     * primary index is current, else pbt's after a seek by bookmark (both stay valid until that
     * cursor's next move). */
    const uint8_t *d;
    uint32_t cb;
    JET_ERR err;
    if (!on_secondary(c)) {
        err = esent_btree_current(&c->bt, NULL, NULL, &d, &cb);
    } else if (c->rec_valid) {
        err = esent_btree_current(&c->pbt, NULL, NULL, &d, &cb);
    } else {
        int exact = 0;
        err = esent_btree_seek(&c->pbt, c->bookmark, c->cb_bookmark, &exact);
        if (err == JET_errRecordNotFound || (err >= 0 && !exact))
            err = JET_errRecordDeleted;
        if (err >= 0)
            err = esent_btree_current(&c->pbt, NULL, NULL, &d, &cb);
    }
    if (err < 0)
        return err;
    c->rec_valid = 1;
    *prec = d;
    *pcb = cb;
    return JET_errSuccess;
}

typedef struct find_entry {
    esent_cursor *c;
    const uint8_t *bm;
    uint32_t cb_bm;
    int found;
} find_entry;

static JET_ERR seek_one_entry(void *ctx, const uint8_t *key, uint32_t cb_key)
{
    find_entry *f = (find_entry *)ctx;
    if (f->found)
        return JET_errSuccess;
    int exact = 0;
    JET_ERR err = esent_btree_seek_entry(&f->c->bt, key, cb_key, f->bm, f->cb_bm, &exact);
    if (err >= 0 && exact)
        f->found = 1;
    return err == JET_errRecordNotFound ? JET_errSuccess : err;
}

static JET_ERR seek_secondary_entry(esent_cursor *c, const uint8_t *bm, uint32_t cb_bm)
{
    int exact = 0;
    JET_ERR err = esent_btree_seek(&c->pbt, bm, cb_bm, &exact);
    if (err == JET_errRecordNotFound || (err >= 0 && !exact))
        return JET_errRecordDeleted;
    const uint8_t *rec;
    uint32_t cb_rec;
    if (err < 0 || (err = esent_btree_current(&c->pbt, NULL, NULL, &rec, &cb_rec)) < 0)
        return err;
    find_entry f = { c, bm, cb_bm, 0 };
    err = esent_idxkey_foreach(c->t, c->idx, rec, cb_rec, NULL, NULL, seek_one_entry, &f);
    if (err < 0)
        return err;
    return f.found ? JET_errSuccess : JET_errNoCurrentRecord;  /* the record has no entry in this index */
}

JET_ERR esent_nav_goto_primary(esent_cursor *c, const uint8_t *bookmark, uint32_t cb)
{
    JET_ERR err;
    int exact = 0;
    if (on_secondary(c)) {
        err = seek_secondary_entry(c, bookmark, cb);
    } else {
        err = esent_btree_seek(&c->bt, bookmark, cb, &exact);
        if (err == JET_errRecordNotFound || (err >= 0 && !exact))
            err = JET_errRecordDeleted;
    }
    if (err < 0) {
        c->pos = ESENT_POS_BEFORE_FIRST;
        return err;
    }
    return take_current(c);
}

void esent_nav_mark_deleted(esent_cursor *c)
{
    c->pos = ESENT_POS_DELETED;
    c->rec_valid = 0;
}

JET_ERR esent_nav_get_bookmark(esent_cursor *c, void *pv, uint32_t cb, uint32_t *pcb_actual)
{
    if (c->pos == ESENT_POS_DELETED)
        return JET_errRecordDeleted;
    if (c->pos != ESENT_POS_ON_RECORD)
        return JET_errNoCurrentRecord;
    if (pcb_actual != NULL)
        *pcb_actual = c->cb_bookmark;
    if (cb < c->cb_bookmark) {
        if (pv != NULL && cb > 0)
            memcpy(pv, c->bookmark, cb);
        return JET_errBufferTooSmall;
    }
    if (pv == NULL && c->cb_bookmark > 0)
        return JET_errInvalidParameter;
    memcpy(pv, c->bookmark, c->cb_bookmark);
    return JET_errSuccess;
}

JET_ERR esent_nav_goto_bookmark(esent_cursor *c, const void *pv, uint32_t cb)
{
    if (pv == NULL || cb == 0)
        return JET_errInvalidBookmark;
    if (cb > esent_pagefile_page_size(c->tdb->pf))
        return JET_errInvalidBookmark;
    uint8_t *bm = (uint8_t *)malloc(cb);
    if (bm == NULL)
        return JET_errOutOfMemory;
    memcpy(bm, pv, cb);
    clear_range(c);
    JET_ERR err = esent_nav_goto_primary(c, bm, cb);
    free(bm);
    return err;
}

JET_ERR esent_nav_get_secondary_bookmark(esent_cursor *c, void *pv_sec, uint32_t cb_sec, uint32_t *pcb_sec,
                                         void *pv_prim, uint32_t cb_prim, uint32_t *pcb_prim)
{
    if (!on_secondary(c))
        return JET_errNoCurrentIndex;
    if (c->pos == ESENT_POS_DELETED)
        return JET_errRecordDeleted;
    if (c->pos != ESENT_POS_ON_RECORD)
        return JET_errNoCurrentRecord;
    const uint8_t *k;
    uint32_t cb_k;
    JET_ERR err = esent_btree_current(&c->bt, &k, &cb_k, NULL, NULL);
    if (err < 0)
        return err;
    if (pcb_sec != NULL)
        *pcb_sec = cb_k;
    if (pcb_prim != NULL)
        *pcb_prim = c->cb_bookmark;
    if (cb_sec < cb_k || cb_prim < c->cb_bookmark)
        return JET_errBufferTooSmall;
    if ((pv_sec == NULL && cb_k) || (pv_prim == NULL && c->cb_bookmark))
        return JET_errInvalidParameter;
    memcpy(pv_sec, k, cb_k);
    memcpy(pv_prim, c->bookmark, c->cb_bookmark);
    return JET_errSuccess;
}

JET_ERR esent_nav_goto_secondary_bookmark(esent_cursor *c, const void *pv_sec, uint32_t cb_sec,
                                          const void *pv_prim, uint32_t cb_prim)
{
    if (!on_secondary(c))
        return JET_errNoCurrentIndex;
    if (pv_sec == NULL || cb_sec == 0)
        return JET_errInvalidBookmark;
    int exact = 0;
    JET_ERR err = pv_prim != NULL && cb_prim > 0
                      ? esent_btree_seek_entry(&c->bt, (const uint8_t *)pv_sec, cb_sec, (const uint8_t *)pv_prim,
                                               cb_prim, &exact)
                      : esent_btree_seek(&c->bt, (const uint8_t *)pv_sec, cb_sec, &exact);
    if (err == JET_errRecordNotFound || (err >= 0 && !exact))
        return JET_errRecordDeleted;
    if (err < 0)
        return err;
    clear_range(c);
    return take_current(c);
}

JET_ERR esent_nav_retrieve_key(esent_cursor *c, void *pv, uint32_t cb, uint32_t *pcb_actual, JET_GRBIT grbit)
{
    const uint8_t *k;
    uint32_t cb_k;
    if (grbit & ~(JET_GRBIT)JET_bitRetrieveCopy)
        return JET_errInvalidGrbit;
    if (grbit & JET_bitRetrieveCopy) {
        if (!c->kb.prepared)
            return JET_errKeyNotMade;
        k = c->kb.key;
        cb_k = c->kb.cb;
    } else {
        if (c->pos == ESENT_POS_DELETED)
            return JET_errRecordDeleted;
        if (c->pos != ESENT_POS_ON_RECORD)
            return JET_errNoCurrentRecord;
        JET_ERR err = esent_btree_current(&c->bt, &k, &cb_k, NULL, NULL);
        if (err < 0)
            return err;
    }
    if (pcb_actual != NULL)
        *pcb_actual = cb_k;
    uint32_t n = cb < cb_k ? cb : cb_k;
    if (n > 0) {
        if (pv == NULL)
            return JET_errInvalidParameter;
        memcpy(pv, k, n);
    }
    return cb < cb_k ? JET_wrnBufferTruncated : JET_errSuccess;
}

JET_ERR esent_nav_get_position(esent_cursor *c, JET_RECPOS *pos)
{
    if (c->pos == ESENT_POS_DELETED)
        return JET_errRecordDeleted;
    if (c->pos != ESENT_POS_ON_RECORD)
        return JET_errNoCurrentRecord;
    uint32_t lt = 0, total = 0;
    JET_ERR err = esent_btree_get_position(&c->bt, &lt, &total);
    if (err < 0)
        return err;
    pos->centriesLT = lt;
    pos->centriesInRange = 1;
    pos->centriesTotal = total;
    return JET_errSuccess;
}

JET_ERR esent_nav_goto_position(esent_cursor *c, const JET_RECPOS *pos)
{
    if (pos->centriesTotal == 0 || pos->centriesLT > pos->centriesTotal)
        return JET_errInvalidParameter;
    clear_range(c);
    JET_ERR err = esent_btree_goto_fraction(&c->bt, (uint32_t)pos->centriesLT, (uint32_t)pos->centriesTotal);
    if (err < 0)
        return not_found_to(c, err, ESENT_POS_BEFORE_FIRST);
    return take_current(c);
}

JET_ERR esent_nav_index_count(esent_cursor *c, uint32_t *pcount, uint32_t max)
{
    if (c->pos == ESENT_POS_DELETED)
        return JET_errRecordDeleted;
    if (c->pos != ESENT_POS_ON_RECORD)
        return JET_errNoCurrentRecord;
    /* Count with a second walk so the cursor keeps its place. */
    esent_btree_cursor w;
    const uint8_t *k;
    uint32_t cb_k;
    int exact = 0;
    JET_ERR err = esent_btree_current(&c->bt, &k, &cb_k, NULL, NULL);
    if (err < 0)
        return err;
    uint32_t objid = c->idx != NULL ? c->idx->objid : c->t->objid;
    uint32_t pgno = c->idx != NULL ? c->idx->pgno_fdp : c->t->pgno_fdp;
    if ((err = esent_btree_open(&w, c->tdb->pf, objid, pgno)) < 0)
        return err;
    w.view = esent_cursor_view;
    w.view_ctx = c;
    err = on_secondary(c) ? esent_btree_seek_entry(&w, k, cb_k, c->bookmark, c->cb_bookmark, &exact)
                          : esent_btree_seek(&w, k, cb_k, &exact);
    uint32_t n = 0;
    while (err >= 0 && (max == 0 || n < max)) {
        const uint8_t *wk;
        uint32_t cb_wk;
        if ((err = esent_btree_current(&w, &wk, &cb_wk, NULL, NULL)) < 0)
            break;
        if (c->range_key != NULL) {
            int inclusive = (c->range_grbit & JET_bitRangeInclusive) != 0;
            int cmp = key_cmp(wk, cb_wk, c->range_key, c->cb_range_key, inclusive);
            if ((c->range_grbit & JET_bitRangeUpperLimit) ? (inclusive ? cmp > 0 : cmp >= 0) : 0)
                break;
        }
        n++;
        err = esent_btree_move_next(&w);
    }
    esent_btree_close(&w);
    if (err < 0 && err != JET_errNoCurrentRecord && err != JET_errRecordNotFound)
        return err;
    *pcount = n;
    return JET_errSuccess;
}
