/* Per-thread work counters reported by JetGetThreadStats. The buffer cache and the log increment
 * them as they do the work (nothing in the engine references pages or writes log records yet, so
 * they stay zero until those subsystems land). */
#ifndef ESENT_CORE_THREADSTATS_H
#define ESENT_CORE_THREADSTATS_H

#include <stdint.h>

typedef struct esent_thread_stats {
    uint32_t page_referenced;
    uint32_t page_read;
    uint32_t page_preread;
    uint32_t page_dirtied;
    uint32_t page_redirtied;
    uint32_t log_records;
    uint32_t log_bytes;
    uint64_t cache_miss_usec;   /* microseconds spent waiting for cache misses */
    uint32_t cache_misses;
} esent_thread_stats;

/* The calling thread's counters. */
esent_thread_stats *esent_thread_stats_get(void);

#endif
