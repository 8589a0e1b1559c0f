#include "storage/cache.h"

#include <stdlib.h>
#include <string.h>

/* Buffer descriptors are allocated BF_CHUNK at a time and never move or go back to the system before
 * esent_cache_free (a descriptor whose buffer is dropped goes on spare): dense descriptors keep the hot
 * ones in few cache lines, which matters since every lookup reads one. */
#define BF_CHUNK 64u
typedef struct bf_chunk {
    struct bf_chunk *next;
    esent_bf bf[BF_CHUNK];
} bf_chunk;

struct esent_cache {
    uint32_t cb_page;
    uint32_t capacity;
    esent_cache_io io;
    volatile LONG busy;       /* the cache lock: 1 while held (cache_lock) */
    SRWLOCK queue;            /* contenders for busy take turns on this */
    esent_bf **bufs;          /* every buffer; the clock hand walks this array */
    uint32_t nbufs, cap_bufs;
    uint32_t hand;
    esent_bf **hash;          /* chains by pgno; nhash is a power of two >= 2 * nbufs (at least 64): sized by
                                 the buffers in use, not the capacity, so that it stays small and hot */
    uint32_t nhash;
    bf_chunk *chunks;         /* every descriptor ever allocated */
    uint32_t chunk_used;      /* descriptors handed out from chunks (the newest chunk) */
    esent_bf *spare;          /* descriptors of dropped buffers (linked by hnext), page freed */
};

/* The cache lock guards everything above (see cache.h). It is taken for every page a B-tree visits and is
 * almost never contended (table calls are serialised by the data lock), so its uncontended cost is what
 * counts: one interlocked operation each way, no call into the port's SRW lock. A contender polls the flag,
 * yielding, and from the 65th attempt sleeping 1 ms (the holder may be reading a page from disk); only one
 * contender polls at a time, the others wait their turn on the queue lock. */
/* cache_lock when another thread holds the flag: out of line, so that the uncontended path stays a few
 * instructions. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void cache_lock_contended(esent_cache *c)
{
    AcquireSRWLockExclusive(&c->queue);
    for (uint32_t n = 0; InterlockedCompareExchange(&c->busy, 1, 0) != 0; n++) {
        if (n < 64)
            SwitchToThread();
        else
            Sleep(1);
    }
    ReleaseSRWLockExclusive(&c->queue);
}

static inline void cache_lock(esent_cache *c)
{
    if (InterlockedCompareExchange(&c->busy, 1, 0) != 0)
        cache_lock_contended(c);
}

static void cache_unlock(esent_cache *c)
{
    InterlockedExchange(&c->busy, 0);
}

static uint32_t hash_of(const esent_cache *c, uint32_t pgno)
{
    return (pgno * 2654435761u) & (c->nhash - 1);
}

static esent_bf *lookup(const esent_cache *c, uint32_t pgno)
{
    for (esent_bf *b = c->hash[hash_of(c, pgno)]; b != NULL; b = b->hnext)
        if (b->pgno == pgno)
            return b;
    return NULL;
}

static void hash_insert(esent_cache *c, esent_bf *b)
{
    uint32_t h = hash_of(c, b->pgno);
    b->hnext = c->hash[h];
    c->hash[h] = b;
    b->hashed = 1;
}

static void hash_remove(esent_cache *c, esent_bf *b)
{
    for (esent_bf **pp = &c->hash[hash_of(c, b->pgno)]; *pp != NULL; pp = &(*pp)->hnext) {
        if (*pp == b) {
            *pp = b->hnext;
            break;
        }
    }
    b->hnext = NULL;
    b->hashed = 0;
}

/* Resizes the hash table for n buffers; keeps the old one when memory is short (chains just get longer). */
static void rehash(esent_cache *c, uint32_t n_buffers)
{
    uint32_t n = 64;
    while (n < 2 * n_buffers && n < 0x40000000u)
        n <<= 1;
    if (n == c->nhash)
        return;
    esent_bf **h = (esent_bf **)calloc(n, sizeof *h);
    if (h == NULL)
        return;
    free(c->hash);
    c->hash = h;
    c->nhash = n;
    for (uint32_t i = 0; i < c->nbufs; i++)
        if (c->bufs[i]->hashed)
            hash_insert(c, c->bufs[i]);
}

JET_ERR esent_cache_create(uint32_t cb_page, uint32_t capacity, const esent_cache_io *io, esent_cache **pc)
{
    *pc = NULL;
    if (io == NULL || io->read == NULL || io->write == NULL || cb_page == 0 || capacity < ESENT_CACHE_PAGES_MIN)
        return JET_errInvalidParameter;
    esent_cache *c = (esent_cache *)calloc(1, sizeof *c);
    if (c == NULL)
        return JET_errOutOfMemory;
    c->cb_page = cb_page;
    c->capacity = capacity;
    c->io = *io;
    InitializeSRWLock(&c->queue);
    rehash(c, 0);
    if (c->hash == NULL) {
        free(c);
        return JET_errOutOfMemory;
    }
    *pc = c;
    return JET_errSuccess;
}

/* Drops a buffer's page; its descriptor becomes spare. */
static void buf_free(esent_cache *c, esent_bf *b)
{
    free(b->page);
    memset(b, 0, sizeof *b);
    b->hnext = c->spare;
    c->spare = b;
}

void esent_cache_free(esent_cache *c)
{
    if (c == NULL)
        return;
    for (uint32_t i = 0; i < c->nbufs; i++)
        free(c->bufs[i]->page);
    while (c->chunks != NULL) {
        bf_chunk *k = c->chunks;
        c->chunks = k->next;
        free(k);
    }
    free(c->bufs);
    free(c->hash);
    free(c);
}

/* Writes a dirty buffer; it stays dirty when the write fails. */
static JET_ERR clean(esent_cache *c, esent_bf *b)
{
    if (!b->dirty)
        return JET_errSuccess;
    JET_ERR err = c->io.write(c->io.ctx, b->pgno, b->page);
    if (err >= 0)
        b->dirty = 0;
    return err;
}

/* A zeroed descriptor: a spare one, else the next of the newest chunk. NULL when memory is short. */
static esent_bf *desc_alloc(esent_cache *c)
{
    esent_bf *b = c->spare;
    if (b != NULL) {
        c->spare = b->hnext;
        b->hnext = NULL;
        return b;
    }
    if (c->chunks == NULL || c->chunk_used == BF_CHUNK) {
        bf_chunk *k = (bf_chunk *)calloc(1, sizeof *k);
        if (k == NULL)
            return NULL;
        k->next = c->chunks;
        c->chunks = k;
        c->chunk_used = 0;
    }
    return &c->chunks->bf[c->chunk_used++];
}

/* A new buffer, appended to bufs. NULL when memory is short. */
static esent_bf *buf_add(esent_cache *c)
{
    if (c->nbufs == c->cap_bufs) {
        uint32_t cap = c->cap_bufs ? 2 * c->cap_bufs : 64;
        esent_bf **v = (esent_bf **)realloc(c->bufs, cap * sizeof *v);
        if (v == NULL)
            return NULL;
        c->bufs = v;
        c->cap_bufs = cap;
    }
    uint8_t *page = (uint8_t *)malloc(c->cb_page);
    if (page == NULL)
        return NULL;
    esent_bf *b = desc_alloc(c);
    if (b == NULL) {
        free(page);
        return NULL;
    }
    b->page = page;
    c->bufs[c->nbufs++] = b;
    if (c->nbufs > c->nhash / 2)
        rehash(c, c->nbufs);
    return b;
}

/* An unpinned buffer to reuse (the clock sweep: a referenced buffer gets a second chance), written first
 * when dirty and taken out of the hash table; or a new buffer while below capacity or when every buffer
 * is pinned. */
static JET_ERR victim(esent_cache *c, esent_bf **pb)
{
    *pb = NULL;
    if (c->nbufs < c->capacity) {
        *pb = buf_add(c);
        return *pb != NULL ? JET_errSuccess : JET_errOutOfMemory;
    }
    for (uint32_t n = 0; n < 2 * c->nbufs; n++) {
        esent_bf *b = c->bufs[c->hand];
        c->hand = (c->hand + 1) % c->nbufs;
        if (b->pins > 0)
            continue;
        if (b->referenced) {
            b->referenced = 0;
            continue;
        }
        JET_ERR err = clean(c, b);
        if (err < 0)
            return err;
        if (b->hashed)
            hash_remove(c, b);
        *pb = b;
        return JET_errSuccess;
    }
    *pb = buf_add(c);
    return *pb != NULL ? JET_errSuccess : JET_errOutOfMemory;
}

/* get_locked's work beyond a hit: *pb (the buffer of pgno, NULL when not cached) zero-filled when fresh, or
 * a buffer for pgno filled (zeros when fresh, else io.read) and hashed. Out of line, so that a hit stays a
 * few instructions. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static JET_ERR get_fill(esent_cache *c, uint32_t pgno, int fresh, esent_bf **pb)
{
    JET_ERR err = JET_errSuccess;
    esent_bf *b = *pb;
    if (b != NULL) {
        memset(b->page, 0, c->cb_page);   /* cached and fresh */
        b->no_deleted = 0;
        return JET_errSuccess;
    }
    if ((err = victim(c, &b)) < 0)
        return err;
    b->pgno = pgno;
    b->dirty = 0;
    b->no_deleted = 0;
    if (fresh)
        memset(b->page, 0, c->cb_page);
    else
        err = c->io.read(c->io.ctx, pgno, b->page);
    if (err < 0)
        return err;
    hash_insert(c, b);
    *pb = b;
    return JET_errSuccess;
}

/* esent_cache_get with the lock held. */
static inline JET_ERR get_locked(esent_cache *c, uint32_t pgno, int fresh, esent_bf **pbf)
{
    esent_bf *b = lookup(c, pgno);
    *pbf = NULL;
    if (b == NULL || fresh) {
        JET_ERR err = get_fill(c, pgno, fresh, &b);
        if (err < 0)
            return err;
    }
    b->pins++;
    b->referenced = 1;
    *pbf = b;
    return JET_errSuccess;
}

JET_ERR esent_cache_get(esent_cache *c, uint32_t pgno, int fresh, esent_bf **pbf)
{
    cache_lock(c);
    JET_ERR err = get_locked(c, pgno, fresh, pbf);
    cache_unlock(c);
    return err;
}

void esent_cache_release(esent_cache *c, esent_bf *bf)
{
    cache_lock(c);
    if (bf->pins > 0)
        bf->pins--;
    cache_unlock(c);
}

JET_ERR esent_cache_get_release(esent_cache *c, uint32_t pgno, esent_bf *release, esent_bf **pbf)
{
    cache_lock(c);
    if (release != NULL && release->pins > 0)
        release->pins--;
    JET_ERR err = get_locked(c, pgno, 0, pbf);
    cache_unlock(c);
    return err;
}

void esent_cache_mark_dirty(esent_cache *c, esent_bf *bf)
{
    cache_lock(c);
    bf->dirty = 1;
    cache_unlock(c);
}

static int by_pgno(const void *a, const void *b)
{
    uint32_t x = (*(esent_bf *const *)a)->pgno, y = (*(esent_bf *const *)b)->pgno;
    return x < y ? -1 : x > y;
}

JET_ERR esent_cache_flush(esent_cache *c)
{
    JET_ERR err = JET_errSuccess;
    cache_lock(c);
    esent_bf **dirty = (esent_bf **)malloc((c->nbufs ? c->nbufs : 1) * sizeof *dirty);
    if (dirty == NULL) {
        err = JET_errOutOfMemory;
    } else {
        uint32_t n = 0;
        for (uint32_t i = 0; i < c->nbufs; i++)
            if (c->bufs[i]->dirty && c->bufs[i]->hashed)
                dirty[n++] = c->bufs[i];
        qsort(dirty, n, sizeof *dirty, by_pgno);
        for (uint32_t i = 0; i < n && err >= 0; i++)
            err = clean(c, dirty[i]);
        free(dirty);
    }
    cache_unlock(c);
    return err;
}

JET_ERR esent_cache_set_capacity(esent_cache *c, uint32_t capacity)
{
    JET_ERR err = JET_errSuccess;
    if (capacity < ESENT_CACHE_PAGES_MIN)
        return JET_errInvalidParameter;
    cache_lock(c);
    c->capacity = capacity;
    /* Free unpinned buffers beyond the capacity (the array is compacted as they go). */
    for (uint32_t i = 0; i < c->nbufs && c->nbufs > capacity && err >= 0;) {
        esent_bf *b = c->bufs[i];
        if (b->pins > 0) {
            i++;
            continue;
        }
        if ((err = clean(c, b)) < 0)
            break;
        if (b->hashed)
            hash_remove(c, b);
        buf_free(c, b);
        c->bufs[i] = c->bufs[--c->nbufs];
    }
    c->hand = 0;
    rehash(c, c->nbufs);
    cache_unlock(c);
    return err;
}
