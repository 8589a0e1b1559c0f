/* Buffer cache of one page file: page-sized buffers identified by pgno, found through a hash table,
 * pinned while in use, evicted by a clock sweep over unpinned buffers. The cache knows nothing of the
 * file: it reads and writes pages through the two callbacks it is given (the page file verifies
 * checksums on read and stamps them on write).
 *
 * Invariants (under the cache lock):
 *   - a pgno is in at most one buffer, and a buffer in the hash table holds that page's current bytes
 *     (read from the file, or changed since and marked dirty);
 *   - a pinned buffer (pins > 0) is never evicted or reused: its page pointer and bytes stay valid;
 *   - a dirty buffer is written (io.write) before it is evicted or dropped by a capacity change;
 *   - the number of buffers stays at or below the capacity, except while every buffer is pinned: a miss
 *     then adds a buffer rather than fail (a B-tree split pins a handful of pages at once).
 * The lock guards the table, pin counts and flags; page bytes are the callers' business (one writer per
 * page file, see pagefile.h). Reads and writes of a miss happen under the lock. */
#ifndef ESENT_STORAGE_CACHE_H
#define ESENT_STORAGE_CACHE_H

#include "api/api.h"

typedef struct esent_bf {
    uint32_t pgno;
    /* private to cache.c (laid out in 32 bytes: two descriptors per cache line, every lookup reads one) */
    uint32_t pins;
    uint8_t *page;             /* cb_page bytes, valid while pinned */
    struct esent_bf *hnext;
    uint8_t dirty;
    uint8_t referenced;        /* clock bit: used since the hand last passed */
    uint8_t hashed;            /* in the hash table (holds page pgno) */
    /* Not the cache's: 1 once the B-tree writer found that the page holds no node flagged deleted
     * (storage/btwrite.c). The cache clears it whenever the buffer gets its bytes from elsewhere (a read or
     * a zero fill), esent_bf_dirty at every change; the writer sets it again after a change of its own that
     * keeps the page free of such nodes. Only the page file's one writer sets it (pagefile.h). */
    uint8_t no_deleted;
} esent_bf;

typedef struct esent_cache_io {
    /* Fills page (cb_page bytes) with page pgno, verified; the error is returned to esent_cache_get. */
    JET_ERR (*read)(void *ctx, uint32_t pgno, uint8_t *page);
    /* Writes page pgno (its bytes must not be changed: stamp a copy). */
    JET_ERR (*write)(void *ctx, uint32_t pgno, const uint8_t *page);
    void *ctx;
} esent_cache_io;

typedef struct esent_cache esent_cache;

#define ESENT_CACHE_PAGES_DEFAULT 4096u
#define ESENT_CACHE_PAGES_MIN     16u

/* A cache of up to capacity (>= ESENT_CACHE_PAGES_MIN) buffers of cb_page bytes; buffers are allocated
 * as pages are first used. JET_errOutOfMemory, JET_errInvalidParameter. */
JET_ERR esent_cache_create(uint32_t cb_page, uint32_t capacity, const esent_cache_io *io, esent_cache **pc);
/* Frees every buffer, dirty or not (NULL is a no-op). */
void esent_cache_free(esent_cache *c);
/* Changes the capacity (>= ESENT_CACHE_PAGES_MIN, else JET_errInvalidParameter); unpinned buffers beyond it
 * are written when dirty and freed. */
JET_ERR esent_cache_set_capacity(esent_cache *c, uint32_t capacity);

/* Pins the buffer of pgno. fresh == 0: reads the page on a miss (io.read's error is returned, nothing is
 * cached). fresh != 0: no read; the buffer's bytes are zero-filled (also when the page was cached).
 * Evicting a dirty buffer writes it first; that write's error is returned. */
JET_ERR esent_cache_get(esent_cache *c, uint32_t pgno, int fresh, esent_bf **pbf);
/* Unpins. */
void esent_cache_release(esent_cache *c, esent_bf *bf);
/* esent_cache_release(release) (when not NULL), then esent_cache_get(pgno, 0), under one lock acquisition:
 * a descent moves from a page to its child with one lock round trip instead of two. release is unpinned
 * whatever the result. */
JET_ERR esent_cache_get_release(esent_cache *c, uint32_t pgno, esent_bf *release, esent_bf **pbf);
/* Marks a pinned buffer dirty. */
void esent_cache_mark_dirty(esent_cache *c, esent_bf *bf);
/* Writes every dirty buffer in pgno order and marks it clean. Stops at the first write error. */
JET_ERR esent_cache_flush(esent_cache *c);

#endif
