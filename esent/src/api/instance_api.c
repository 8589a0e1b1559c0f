/* Instance lifecycle entry points (spec/ese-api.md §1): JetCreateInstance*, JetInit*, JetTerm*,
 * JetStopService*, JetEnableMultiInstance*, JetGetInstanceInfo*, JetFreeBuffer,
 * JetGetInstanceMiscInfo. A forms convert their strings and call the W forms. */
#include "api/api.h"

#include "core/engine.h"
#include "core/instance.h"
#include "core/lifecycle.h"
#include "util/wstr.h"

#include <stdlib.h>
#include <string.h>

/* ---- JetCreateInstance ---- */

JET_ERR JET_API JetCreateInstance2W(JET_INSTANCE *pinstance, JET_PCWSTR szInstanceName, JET_PCWSTR szDisplayName,
                                    JET_GRBIT grbit)
{
    (void)grbit;   /* reserved: the real engine ignores it */
    if (pinstance == NULL)
        return JET_errInvalidParameter;
    esent_engine_lock();
    JET_ERR err;
    esent_instance *inst = NULL;
    if (esent_runmode_get() == ESENT_RUNMODE_ONE) {
        err = JET_errRunningInOneInstanceMode;
    } else {
        err = esent_inst_create((const WCHAR *)szInstanceName, (const WCHAR *)szDisplayName, &inst);
        if (err == JET_errSuccess) {
            esent_runmode_set(ESENT_RUNMODE_MULTI);
            *pinstance = esent_pool_handle(inst);
        }
    }
    esent_engine_unlock();
    return err;
}

JET_ERR JET_API JetCreateInstance2A(JET_INSTANCE *pinstance, JET_PCSTR szInstanceName, JET_PCSTR szDisplayName,
                                    JET_GRBIT grbit)
{
    WCHAR *name = NULL, *display = NULL;
    JET_ERR err = esent_a_to_w(szInstanceName, &name);
    if (err == JET_errSuccess)
        err = esent_a_to_w(szDisplayName, &display);
    if (err == JET_errSuccess)
        err = JetCreateInstance2W(pinstance, (JET_PCWSTR)name, (JET_PCWSTR)display, grbit);
    esent_wfree(name);
    esent_wfree(display);
    return err;
}

JET_ERR JET_API JetCreateInstanceW(JET_INSTANCE *pinstance, JET_PCWSTR szInstanceName)
{
    return JetCreateInstance2W(pinstance, szInstanceName, szInstanceName, 0);
}

JET_ERR JET_API JetCreateInstanceA(JET_INSTANCE *pinstance, JET_PCSTR szInstanceName)
{
    return JetCreateInstance2A(pinstance, szInstanceName, szInstanceName, 0);
}

/* ---- JetInit ---- */

/* Engine lock held. The instance JetInit works on, allocating the single instance of legacy mode
 * when no mode is set. The instance is claimed for this JetInit: CREATED → INITIALIZING. */
static JET_ERR init_target(JET_INSTANCE *pinstance, esent_instance **out)
{
    *out = NULL;
    switch (esent_runmode_get()) {
    case ESENT_RUNMODE_ONE:
        return JET_errAlreadyInitialized;
    case ESENT_RUNMODE_MULTI: {
        if (pinstance == NULL || *pinstance == 0 || *pinstance == JET_instanceNil)
            return JET_errRunningInMultiInstanceMode;
        esent_instance *inst = esent_inst_get(*pinstance);
        if (inst == NULL)
            return JET_errInvalidInstance;
        switch (esent_inst_state_get(inst)) {
        case ESENT_INST_CREATED:
            break;
        case ESENT_INST_INITIALIZING:
            return JET_errInitInProgress;
        case ESENT_INST_TERMINATING:
            return JET_errTermInProgress;
        default:
            return JET_errAlreadyInitialized;
        }
        esent_inst_set_state(inst, ESENT_INST_INITIALIZING);
        *out = inst;
        return JET_errSuccess;
    }
    default: {
        JET_ERR err = esent_inst_create(NULL, NULL, out);
        if (err < 0)
            return err;
        esent_runmode_set(ESENT_RUNMODE_ONE);
        esent_inst_set_state((*out), ESENT_INST_INITIALIZING);
        if (pinstance != NULL)
            *pinstance = JET_instanceNil;
        return JET_errSuccess;
    }
    }
}

static JET_ERR check_rstinfo(const JET_RSTINFO_W *prstInfo)
{
    if (prstInfo == NULL)
        return JET_errSuccess;
    if (prstInfo->cbStruct != sizeof(JET_RSTINFO_W) || prstInfo->crstmap < 0 ||
        (prstInfo->crstmap > 0 && prstInfo->rgrstmap == NULL))
        return JET_errInvalidParameter;
    return JET_errSuccess;
}

JET_ERR JET_API JetInit3W(JET_INSTANCE *pinstance, JET_RSTINFO_W *prstInfo, JET_GRBIT grbit)
{
    JET_ERR err = check_rstinfo(prstInfo);
    if (err < 0)
        return err;
    esent_engine_lock();
    esent_instance *inst;
    err = init_target(pinstance, &inst);
    esent_engine_unlock();
    if (err < 0)
        return err;

    err = esent_inst_init(inst, grbit);
    if (err < 0) {
        /* A failed JetInit frees the instance, whether it allocated it or JetCreateInstance did. */
        esent_engine_lock();
        esent_inst_free(inst);
        esent_engine_unlock();
        if (pinstance != NULL)
            *pinstance = 0;
        return err;
    }
    if (pinstance != NULL)
        *pinstance = esent_pool_handle(inst);
    return JET_errSuccess;
}

/* JET_RSTINFO_A → JET_RSTINFO_W, with the restore map's strings converted. */
typedef struct rstinfo_w {
    JET_RSTINFO_W info;
    JET_RSTMAP_W *map;
    int32_t count;
} rstinfo_w;

static void rstinfo_release(rstinfo_w *w)
{
    for (int32_t i = 0; i < w->count; i++) {
        esent_wfree(w->map[i].szDatabaseName);
        esent_wfree(w->map[i].szNewDatabaseName);
    }
    free(w->map);
}

static JET_ERR rstinfo_to_w(const JET_RSTINFO_A *a, rstinfo_w *w)
{
    memset(w, 0, sizeof *w);
    if (a->cbStruct != sizeof(JET_RSTINFO_A) || a->crstmap < 0 || (a->crstmap > 0 && a->rgrstmap == NULL))
        return JET_errInvalidParameter;
    w->info.cbStruct = sizeof(JET_RSTINFO_W);
    w->info.crstmap = a->crstmap;
    w->info.lgposStop = a->lgposStop;
    w->info.logtimeStop = a->logtimeStop;
    w->info.pfnStatus = a->pfnStatus;
    if (a->crstmap > 0) {
        w->map = calloc((size_t)a->crstmap, sizeof(JET_RSTMAP_W));
        if (w->map == NULL)
            return JET_errOutOfMemory;
        for (; w->count < a->crstmap; w->count++) {
            JET_RSTMAP_W *m = &w->map[w->count];
            JET_ERR err = esent_a_to_w(a->rgrstmap[w->count].szDatabaseName, (WCHAR **)&m->szDatabaseName);
            if (err == JET_errSuccess)
                err = esent_a_to_w(a->rgrstmap[w->count].szNewDatabaseName, (WCHAR **)&m->szNewDatabaseName);
            if (err < 0) {
                w->count++;
                rstinfo_release(w);
                return err;
            }
        }
    }
    w->info.rgrstmap = w->map;
    return JET_errSuccess;
}

JET_ERR JET_API JetInit3A(JET_INSTANCE *pinstance, JET_RSTINFO_A *prstInfo, JET_GRBIT grbit)
{
    if (prstInfo == NULL)
        return JetInit3W(pinstance, NULL, grbit);
    rstinfo_w w;
    JET_ERR err = rstinfo_to_w(prstInfo, &w);
    if (err < 0)
        return err;
    err = JetInit3W(pinstance, &w.info, grbit);
    rstinfo_release(&w);
    return err;
}

JET_ERR JET_API JetInit2(JET_INSTANCE *pinstance, JET_GRBIT grbit)
{
    /* JetInit2 adds JET_bitReplayMissingMapEntryDB; JetInit3 does not (spec §1.3). */
    return JetInit3W(pinstance, NULL, grbit | JET_bitReplayMissingMapEntryDB);
}

JET_ERR JET_API JetInit(JET_INSTANCE *pinstance)
{
    return JetInit2(pinstance, 0);
}

/* ---- JetTerm ---- */

JET_ERR JET_API JetTerm2(JET_INSTANCE instance, JET_GRBIT grbit)
{
    esent_engine_lock();
    esent_instance *inst;
    JET_ERR err = esent_inst_resolve(instance, &inst);
    if (err == JET_errSuccess) {
        switch (esent_inst_state_get(inst)) {
        case ESENT_INST_CREATED:
            esent_inst_free(inst);   /* never initialized: JetTerm just releases it */
            esent_engine_unlock();
            return JET_errSuccess;
        case ESENT_INST_RUNNING:
            esent_inst_set_state(inst, ESENT_INST_TERMINATING);
            break;
        case ESENT_INST_INITIALIZING:
            err = JET_errNotInitialized;
            break;
        default:
            err = JET_errTermInProgress;
            break;
        }
    }
    esent_engine_unlock();
    if (err < 0)
        return err;

    err = esent_inst_term(inst, grbit);
    esent_engine_lock();
    if (err == JET_errTooManyActiveUsers)
        esent_inst_set_state(inst, ESENT_INST_RUNNING);   /* not terminated: the instance goes on */
    else
        esent_inst_free(inst);
    esent_engine_unlock();
    return err;
}

JET_ERR JET_API JetTerm(JET_INSTANCE instance)
{
    return JetTerm2(instance, JET_bitTermAbrupt);   /* JetTerm is JetTerm2(Abrupt) (spec §1.7) */
}

/* ---- JetStopService ---- */

/* Full stop: from now on every API on the instance but JetTerm answers -1329. */
static JET_ERR stop_all(JET_INSTANCE instance)
{
    esent_instance *inst;
    JET_ERR err = esent_inst_enter_handle(instance, &inst);
    if (err < 0)
        return err;
    esent_inst_stop_add(inst, ESENT_STOP_ALL);
    esent_inst_leave(inst);
    return JET_errSuccess;
}

JET_ERR JET_API JetStopService(void)
{
    esent_engine_lock();
    esent_runmode mode = esent_runmode_get();
    esent_engine_unlock();
    if (mode == ESENT_RUNMODE_MULTI)
        return JET_errRunningInMultiInstanceMode;
    if (mode == ESENT_RUNMODE_NONE)
        return JET_errInvalidParameter;
    return stop_all(0);   /* one-instance mode: the handle is ignored */
}

JET_ERR JET_API JetStopServiceInstance(JET_INSTANCE instance)
{
    return stop_all(instance);
}

JET_ERR JET_API JetStopServiceInstance2(JET_INSTANCE instance, const JET_GRBIT grbit)
{
    const JET_GRBIT pausable = JET_bitStopServiceBackgroundUserTasks | JET_bitStopServiceQuiesceCaches;
    const JET_GRBIT known = pausable | ESENT_STOP_EMIT_LOG | JET_bitStopServiceResume;
    if ((grbit & ~known) != 0)
        return JET_errInvalidGrbit;
    if ((grbit & ESENT_STOP_EMIT_LOG) && grbit != ESENT_STOP_EMIT_LOG)
        return JET_errInvalidGrbit;   /* must be alone (also rules out Resume with it) */
    if (grbit == JET_bitStopServiceAll)
        return stop_all(instance);

    esent_instance *inst;
    JET_ERR err = esent_inst_enter_handle(instance, &inst);   /* -1329 after a full stop: not resumable */
    if (err < 0)
        return err;
    if (grbit & JET_bitStopServiceResume) {
        JET_GRBIT resume = (grbit == JET_bitStopServiceResume) ? pausable : (grbit & pausable);
        esent_inst_stop_remove(inst, resume);
    } else {
        esent_inst_stop_add(inst, grbit);
    }
    esent_inst_leave(inst);
    return JET_errSuccess;
}
