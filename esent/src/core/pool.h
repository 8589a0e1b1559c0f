/* Handle pools: fixed-size objects addressed by generation-checked handles.
 *
 * A handle is (generation << ESENT_POOL_INDEX_BITS) | (index + 1). It is never 0 and never
 * ~0 (JET_instanceNil / JET_sesidNil). An object's memory is never returned to the system while the
 * process runs: a freed object goes on a free list and is recycled with a new generation. So looking
 * up a stale or forged handle is always memory-safe, and it fails the generation check instead of
 * reaching a recycled object. Lookups take no lock.
 *
 * Every pooled object starts with an esent_pooled header. The `keep` bytes right after the header
 * survive recycling (not zeroed): counters that a thread holding a stale pointer may still
 * increment and decrement, so a recycle never erases half of a balanced pair. */
#ifndef ESENT_CORE_POOL_H
#define ESENT_CORE_POOL_H

#include "api/api.h"

#define ESENT_POOL_INDEX_BITS 18u                     /* at most 2^18 - 2 objects per pool */
#define ESENT_POOL_CHUNK      256u                    /* objects per lazily allocated chunk */
#define ESENT_POOL_CHUNKS     (((1u << ESENT_POOL_INDEX_BITS) - 1u) / ESENT_POOL_CHUNK + 1u)

typedef struct esent_pooled {
    volatile LONG live;      /* 1 while handed out */
    volatile LONG gen;       /* generation of the current (or last) handle, ≥ 1; read and written
                                atomically: stale lookups race with recycling by design */
    uint32_t      index;     /* position in the pool */
    uint32_t      next_free; /* free-list link while not live */
} esent_pooled;

typedef struct esent_pool {
    SRWLOCK       lock;          /* guards allocation, the free list and counts */
    size_t        obj_size;      /* bytes per object (header included) */
    size_t        keep;          /* bytes after the header that recycling leaves alone */
    uint32_t      capacity;      /* most objects live at once */
    uint32_t      used;          /* objects [0, used) have been handed out at least once */
    uint32_t      free_head;     /* first recycled index, or UINT32_MAX */
    uint32_t      live_count;
    unsigned char *volatile chunks[ESENT_POOL_CHUNKS];
} esent_pool;

#define ESENT_POOL_INIT(type, keep, cap) { SRWLOCK_INIT, sizeof(type), (keep), (cap), 0, UINT32_MAX, 0, { 0 } }

/* A zeroed object (but for its `keep` bytes; header filled in) and its handle, or NULL when the pool is full (*handle = 0)
 * or memory runs out. The caller sets up the object, then publishes it with esent_pool_publish. */
void *esent_pool_alloc(esent_pool *pool, JET_API_PTR *handle);
/* Makes a handle from esent_pool_alloc resolvable by esent_pool_get. */
void esent_pool_publish(void *obj);
/* The live object a handle names, or NULL. Never dereferences anything outside the pool. */
void *esent_pool_get(esent_pool *pool, JET_API_PTR handle);
/* Unpublishes obj (its handle stops resolving) and recycles its memory (zeroed when reused). */
void esent_pool_free(esent_pool *pool, void *obj);
/* The handle of a live object. */
JET_API_PTR esent_pool_handle(const void *obj);
uint32_t esent_pool_live_count(esent_pool *pool);

#endif
