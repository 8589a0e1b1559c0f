#include "core/instance.h"

#include "core/engine.h"
#include "table/tdb.h"
#include "util/wstr.h"

#include <stddef.h>
#include <stdlib.h>

/* The pool leaves exactly api_calls alone when it recycles an instance. */
_Static_assert(offsetof(esent_instance, api_calls) == sizeof(esent_pooled), "api_calls follows the pool header");

#define ESENT_INSTANCES_MOST 10240u   /* JET_paramMaxInstances range is 1..10240 */

static esent_pool g_instances =
    ESENT_POOL_INIT(esent_instance, sizeof(volatile LONG) /* api_calls */, ESENT_INSTANCES_MOST);
static esent_instance *g_first;       /* registry list, engine lock */
static uint32_t g_count;

static int names_collide(const WCHAR *a, const WCHAR *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return esent_wcmp(a, b) == 0;
}

JET_ERR esent_inst_create(const WCHAR *name, const WCHAR *display_name, esent_instance **out)
{
    *out = NULL;
    if (g_count >= (uint32_t)esent_param_num(NULL, JET_paramMaxInstances))
        return JET_errTooManyInstances;
    for (esent_instance *it = g_first; it != NULL; it = it->next) {
        if (names_collide(it->name, name))
            return JET_errInstanceNameInUse;
    }
    JET_API_PTR handle;
    esent_instance *inst = esent_pool_alloc(&g_instances, &handle);
    if (inst == NULL)
        return handle == 0 && g_count >= ESENT_INSTANCES_MOST ? JET_errTooManyInstances : JET_errOutOfMemory;
    JET_ERR err = JET_errSuccess;
    if ((name != NULL && (inst->name = esent_wdup(name)) == NULL) ||
        (display_name != NULL && (inst->display_name = esent_wdup(display_name)) == NULL))
        err = JET_errOutOfMemory;
    if (err == JET_errSuccess)
        err = esent_params_clone(esent_params_global(), &inst->params);
    if (err < 0) {
        free(inst->name);
        free(inst->display_name);
        esent_pool_free(&g_instances, inst);
        return err;
    }
    InitializeSRWLock(&inst->sessions_lock);
    esent_inst_set_state(inst, ESENT_INST_CREATED);
    inst->temp_db = INVALID_HANDLE_VALUE;
    inst->next = g_first;
    if (g_first != NULL)
        g_first->prev = inst;
    g_first = inst;
    g_count++;
    esent_pool_publish(inst);
    *out = inst;
    return JET_errSuccess;
}

void esent_inst_free(esent_instance *inst)
{
    if (inst->prev != NULL)
        inst->prev->next = inst->next;
    else
        g_first = inst->next;
    if (inst->next != NULL)
        inst->next->prev = inst->prev;
    g_count--;
    esent_params_release(&inst->params);
    free(inst->name);
    free(inst->display_name);
    free(inst->system_path);
    free(inst->log_path);
    free(inst->temp_db_path);
    esent_pool_free(&g_instances, inst);
    if (g_count == 0)
        esent_runmode_set(ESENT_RUNMODE_NONE);
}

esent_instance *esent_inst_get(JET_INSTANCE handle)
{
    return esent_pool_get(&g_instances, handle);
}

JET_ERR esent_inst_resolve(JET_INSTANCE handle, esent_instance **out)
{
    *out = NULL;
    int null_handle = handle == 0 || handle == JET_instanceNil;
    esent_instance *inst = null_handle ? NULL : esent_inst_get(handle);
    if (!null_handle && inst == NULL)
        return JET_errInvalidInstance;
    if (esent_runmode_get() == ESENT_RUNMODE_ONE) {
        *out = g_first;
        return g_first != NULL ? JET_errSuccess : JET_errInvalidParameter;
    }
    if (inst == NULL)
        return JET_errInvalidParameter;
    *out = inst;
    return JET_errSuccess;
}

esent_instance *esent_inst_first(void)
{
    return g_first;
}

esent_instance *esent_inst_next(esent_instance *inst)
{
    return inst->next;
}

uint32_t esent_inst_count(void)
{
    return g_count;
}

/* The call counts itself in api_calls with an interlocked increment (a full barrier) before it reads
 * terminating, and JetTerm sets terminating (interlocked) before it waits in esent_inst_close_gate until
 * an interlocked compare-exchange of api_calls succeeds with 0 (a write). Either this increment comes
 * first in api_calls' order of changes, and JetTerm waits for the call to leave; or JetTerm's successful
 * compare-exchange comes first, and the increment, a read-modify-write reading from it, synchronises
 * with it, so terminating = 1 happens before the checks' loads and they see it. */
JET_ERR esent_inst_enter(esent_instance *inst)
{
    InterlockedIncrement(&inst->api_calls);
    JET_ERR err = esent_inst_check(inst);
    if (err < 0)
        InterlockedDecrement(&inst->api_calls);
    return err;
}


JET_ERR esent_inst_enter_handle(JET_INSTANCE handle, esent_instance **out)
{
    esent_engine_lock();
    JET_ERR err = esent_inst_resolve(handle, out);
    if (err == JET_errSuccess)
        err = esent_inst_enter(*out);
    esent_engine_unlock();
    if (err < 0)
        *out = NULL;
    return err;
}

void esent_inst_leave(esent_instance *inst)
{
    InterlockedDecrement(&inst->api_calls);
}

void esent_inst_close_gate(esent_instance *inst)
{
    /* Interlocked, both: esent_inst_enter's acquire loads rely on them (see there). */
    InterlockedExchange(&inst->terminating, 1);
    /* Calls inside under the data lock without counting themselves (esent_inst_check) end before this
     * round trip does; later ones see terminating. */
    esent_data_lock();
    esent_data_unlock();
    while (InterlockedCompareExchange(&inst->api_calls, 0, 0) != 0)
        Sleep(1);
}

void esent_inst_open_gate(esent_instance *inst)
{
    InterlockedExchange(&inst->terminating, 0);
}

static void stop_update(esent_instance *inst, uint32_t set, uint32_t clear)
{
    LONG old, want;
    do {
        old = InterlockedCompareExchange(&inst->stop, 0, 0);
        want = (LONG)(((uint32_t)old | set) & ~clear);
    } while (InterlockedCompareExchange(&inst->stop, want, old) != old);
}

void esent_inst_stop_add(esent_instance *inst, uint32_t bits)
{
    stop_update(inst, bits, 0);
}

void esent_inst_stop_remove(esent_instance *inst, uint32_t bits)
{
    stop_update(inst, 0, bits);
}

esent_inst_state esent_inst_state_get(const esent_instance *inst)
{
    return (esent_inst_state)ReadAcquire(&inst->state);
}

void esent_inst_set_state(esent_instance *inst, esent_inst_state state)
{
    InterlockedExchange(&inst->state, (LONG)state);
}
