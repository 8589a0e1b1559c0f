#include "core/threadstats.h"

static _Thread_local esent_thread_stats t_stats;

esent_thread_stats *esent_thread_stats_get(void)
{
    return &t_stats;
}
