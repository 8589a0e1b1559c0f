#include "core/engine.h"

static SRWLOCK g_engine_lock = SRWLOCK_INIT;
static esent_runmode g_runmode = ESENT_RUNMODE_NONE;

void esent_engine_lock(void)
{
    AcquireSRWLockExclusive(&g_engine_lock);
}

void esent_engine_unlock(void)
{
    ReleaseSRWLockExclusive(&g_engine_lock);
}

esent_runmode esent_runmode_get(void)
{
    return g_runmode;
}

void esent_runmode_set(esent_runmode mode)
{
    g_runmode = mode;
}
