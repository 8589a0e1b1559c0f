/* Process-wide engine state: the run mode and the instance registry (spec/ese-api.md §1.4).
 *
 * One SRW lock (the engine lock) guards the run mode, the instance registry, instance state
 * transitions and the global parameter table. It is never held across file I/O of an instance's
 * databases or logs. Hot paths (session API calls) do not take it. */
#ifndef ESENT_CORE_ENGINE_H
#define ESENT_CORE_ENGINE_H

#include "api/api.h"

typedef enum esent_runmode {
    ESENT_RUNMODE_NONE = 0,   /* no instance exists and JetEnableMultiInstance was not called */
    ESENT_RUNMODE_ONE,        /* legacy single instance: JetInit(NULL or bogus) allocated it */
    ESENT_RUNMODE_MULTI,      /* JetCreateInstance / JetEnableMultiInstance */
} esent_runmode;

void esent_engine_lock(void);
void esent_engine_unlock(void);

/* Caller holds the engine lock. */
esent_runmode esent_runmode_get(void);
void esent_runmode_set(esent_runmode mode);

#endif
