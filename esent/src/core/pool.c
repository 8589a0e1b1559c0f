#include "core/pool.h"

#include <stdlib.h>
#include <string.h>

#define INDEX_MASK  ((JET_API_PTR)((1u << ESENT_POOL_INDEX_BITS) - 1u))
/* Generations wrap below all-ones so that no handle equals ~0. */
#define GEN_BITS    (sizeof(JET_API_PTR) * 8u - ESENT_POOL_INDEX_BITS)
#define GEN_MAX     ((GEN_BITS >= 32u) ? 0x7FFFFFFFu : ((1u << GEN_BITS) - 2u))

static esent_pooled *slot(esent_pool *pool, uint32_t index)
{
    unsigned char *chunk = pool->chunks[index / ESENT_POOL_CHUNK];
    if (chunk == NULL)
        return NULL;
    return (esent_pooled *)(chunk + (size_t)(index % ESENT_POOL_CHUNK) * pool->obj_size);
}

static uint32_t gen_of(const esent_pooled *h)
{
    return (uint32_t)InterlockedCompareExchange((volatile LONG *)&h->gen, 0, 0);
}

JET_API_PTR esent_pool_handle(const void *obj)
{
    const esent_pooled *h = obj;
    return ((JET_API_PTR)gen_of(h) << ESENT_POOL_INDEX_BITS) | (JET_API_PTR)(h->index + 1u);
}

void *esent_pool_alloc(esent_pool *pool, JET_API_PTR *handle)
{
    esent_pooled *h = NULL;
    *handle = 0;
    AcquireSRWLockExclusive(&pool->lock);
    if (pool->live_count < pool->capacity) {
        uint32_t index;
        if (pool->free_head != UINT32_MAX) {
            index = pool->free_head;
            h = slot(pool, index);
            pool->free_head = h->next_free;
        } else if (pool->used < (1u << ESENT_POOL_INDEX_BITS) - 2u) {
            index = pool->used;
            unsigned char **chunk = (unsigned char **)&pool->chunks[index / ESENT_POOL_CHUNK];
            if (*chunk == NULL) {
                unsigned char *mem = calloc(ESENT_POOL_CHUNK, pool->obj_size);
                if (mem != NULL)
                    InterlockedExchangePointer((PVOID volatile *)chunk, mem);
            }
            if (*chunk != NULL) {
                pool->used++;
                h = slot(pool, index);
                h->index = index;
            }
        }
        if (h != NULL) {
            uint32_t old = gen_of(h);
            uint32_t gen = old >= GEN_MAX ? 1u : old + 1u;
            InterlockedExchange(&h->gen, (LONG)gen);   /* stale handles stop matching first */
            size_t body = sizeof(esent_pooled) + pool->keep;
            memset((unsigned char *)h + body, 0, pool->obj_size - body);
            h->next_free = 0;
            pool->live_count++;
            *handle = esent_pool_handle(h);
        }
    }
    ReleaseSRWLockExclusive(&pool->lock);
    return h;
}

void esent_pool_publish(void *obj)
{
    InterlockedExchange(&((esent_pooled *)obj)->live, 1);
}

void *esent_pool_get(esent_pool *pool, JET_API_PTR handle)
{
    JET_API_PTR low = handle & INDEX_MASK;
    if (low == 0 || low > ESENT_POOL_CHUNKS * ESENT_POOL_CHUNK)
        return NULL;
    esent_pooled *h = slot(pool, (uint32_t)(low - 1u));
    if (h == NULL || InterlockedCompareExchange(&h->live, 1, 1) != 1)
        return NULL;
    if ((JET_API_PTR)gen_of(h) != (handle >> ESENT_POOL_INDEX_BITS))
        return NULL;
    return h;
}

void esent_pool_free(esent_pool *pool, void *obj)
{
    esent_pooled *h = obj;
    AcquireSRWLockExclusive(&pool->lock);
    InterlockedExchange(&h->live, 0);
    h->next_free = pool->free_head;
    pool->free_head = h->index;
    pool->live_count--;
    ReleaseSRWLockExclusive(&pool->lock);
}

uint32_t esent_pool_live_count(esent_pool *pool)
{
    AcquireSRWLockShared(&pool->lock);
    uint32_t n = pool->live_count;
    ReleaseSRWLockShared(&pool->lock);
    return n;
}
