/* JetEnableMultiInstance, JetGetInstanceInfo, JetFreeBuffer, JetGetInstanceMiscInfo
 * (spec/ese-api.md §1.9, §1.11, §1.12). */
#include "api/api.h"

#include "core/engine.h"
#include "core/instance.h"
#include "param/param.h"
#include "util/wstr.h"

#include <stdlib.h>
#include <string.h>

JET_ERR JET_API JetEnableMultiInstanceW(JET_SETSYSPARAM_W *psetsysparam, uint32_t csetsysparam,
                                        uint32_t *pcsetsucceed)
{
    if (csetsysparam > 0 && psetsysparam == NULL)
        return JET_errInvalidParameter;
    uint32_t done = 0;
    JET_ERR err = JET_errSuccess;
    esent_engine_lock();
    switch (esent_runmode_get()) {
    case ESENT_RUNMODE_ONE:
        err = JET_errRunningInOneInstanceMode;
        break;
    case ESENT_RUNMODE_MULTI:
        err = esent_params_compare_multi(psetsysparam, (uint32_t)csetsysparam, &done);
        break;
    default:
        /* Set each globally, in order; stop at the first failure (earlier ones stay set). */
        for (; done < csetsysparam; done++) {
            JET_SETSYSPARAM_W *p = &psetsysparam[done];
            p->err = esent_param_set(NULL, p->paramid, p->lParam, (const WCHAR *)p->sz);
            if (p->err < 0) {
                err = p->err;
                break;
            }
        }
        if (err == JET_errSuccess)
            esent_runmode_set(ESENT_RUNMODE_MULTI);
        break;
    }
    esent_engine_unlock();
    if (pcsetsucceed != NULL)
        *pcsetsucceed = done;   /* 0 for JET_errRunningInOneInstanceMode */
    return err;
}

JET_ERR JET_API JetEnableMultiInstanceA(JET_SETSYSPARAM_A *psetsysparam, uint32_t csetsysparam,
                                        uint32_t *pcsetsucceed)
{
    /* The A form also refuses an array with a count of zero, as the engine's does. */
    if ((csetsysparam > 0 && psetsysparam == NULL) || (csetsysparam == 0 && psetsysparam != NULL))
        return JET_errInvalidParameter;
    JET_SETSYSPARAM_W *w = csetsysparam > 0 ? calloc(csetsysparam, sizeof *w) : NULL;
    if (csetsysparam > 0 && w == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = JET_errSuccess;
    uint32_t converted = 0;
    for (; converted < csetsysparam && err == JET_errSuccess; converted++) {
        w[converted].paramid = psetsysparam[converted].paramid;
        w[converted].lParam = psetsysparam[converted].lParam;
        w[converted].err = psetsysparam[converted].err;   /* entries never reached keep theirs */
        err = esent_a_to_w(psetsysparam[converted].sz, (WCHAR **)&w[converted].sz);
    }
    if (err == JET_errSuccess) {
        err = JetEnableMultiInstanceW(w, csetsysparam, pcsetsucceed);
        for (uint32_t i = 0; i < csetsysparam; i++)
            psetsysparam[i].err = w[i].err;
    }
    for (uint32_t i = 0; i < converted; i++)
        esent_wfree((WCHAR *)w[i].sz);
    free(w);
    return err;
}

/* ---- JetGetInstanceInfo ---- */

/* Round up to pointer alignment. */
static size_t align_ptr(size_t n)
{
    return (n + sizeof(void *) - 1) & ~(sizeof(void *) - 1);
}

/* One allocation holding the array and every string, as the real engine returns it (the caller
 * frees it with a single JetFreeBuffer). Databases: none can be attached yet, so cDatabases is 0 and
 * the per-database arrays are NULL. Engine lock held. */
static JET_ERR instance_info_w(uint32_t *pcInstanceInfo, JET_INSTANCE_INFO_W **paInstanceInfo)
{
    uint32_t count = esent_inst_count();
    *pcInstanceInfo = 0;
    *paInstanceInfo = NULL;
    if (count == 0)
        return JET_errSuccess;
    size_t bytes = align_ptr(count * sizeof(JET_INSTANCE_INFO_W));
    for (esent_instance *it = esent_inst_first(); it != NULL; it = esent_inst_next(it))
        if (it->name != NULL)
            bytes += align_ptr((esent_wlen(it->name) + 1) * sizeof(WCHAR));
    unsigned char *block = calloc(1, bytes);
    if (block == NULL)
        return JET_errOutOfMemory;
    JET_INSTANCE_INFO_W *info = (JET_INSTANCE_INFO_W *)block;
    size_t used = align_ptr(count * sizeof(JET_INSTANCE_INFO_W));
    uint32_t i = 0;
    for (esent_instance *it = esent_inst_first(); it != NULL; it = esent_inst_next(it), i++) {
        info[i].hInstanceId = esent_pool_handle(it);
        info[i].cDatabases = 0;
        if (it->name != NULL) {
            size_t n = (esent_wlen(it->name) + 1) * sizeof(WCHAR);
            memcpy(block + used, it->name, n);
            info[i].szInstanceName = (WCHAR *)(block + used);
            used += align_ptr(n);
        }
    }
    *pcInstanceInfo = count;
    *paInstanceInfo = info;
    return JET_errSuccess;
}

JET_ERR JET_API JetGetInstanceInfoW(uint32_t *pcInstanceInfo, JET_INSTANCE_INFO_W **paInstanceInfo)
{
    if (pcInstanceInfo == NULL || paInstanceInfo == NULL)
        return JET_errInvalidParameter;
    esent_engine_lock();
    JET_ERR err = instance_info_w(pcInstanceInfo, paInstanceInfo);
    esent_engine_unlock();
    return err;
}

JET_ERR JET_API JetGetInstanceInfoA(uint32_t *pcInstanceInfo, JET_INSTANCE_INFO_A **paInstanceInfo)
{
    if (pcInstanceInfo == NULL || paInstanceInfo == NULL)
        return JET_errInvalidParameter;
    uint32_t count;
    JET_INSTANCE_INFO_W *w;
    JET_ERR err = JetGetInstanceInfoW(&count, &w);
    if (err < 0)
        return err;
    *pcInstanceInfo = 0;
    *paInstanceInfo = NULL;
    if (count == 0)
        return JET_errSuccess;
    size_t bytes = align_ptr(count * sizeof(JET_INSTANCE_INFO_A));
    for (uint32_t i = 0; i < count; i++)
        if (w[i].szInstanceName != NULL)
            bytes += align_ptr(esent_w_to_a_size((const WCHAR *)w[i].szInstanceName));
    unsigned char *block = calloc(1, bytes);
    if (block == NULL) {
        JetFreeBuffer((char *)w);
        return JET_errOutOfMemory;
    }
    JET_INSTANCE_INFO_A *a = (JET_INSTANCE_INFO_A *)block;
    size_t used = align_ptr(count * sizeof(JET_INSTANCE_INFO_A));
    for (uint32_t i = 0; i < count; i++) {
        a[i].hInstanceId = w[i].hInstanceId;
        a[i].cDatabases = w[i].cDatabases;
        if (w[i].szInstanceName != NULL) {
            size_t n = esent_w_to_a_size((const WCHAR *)w[i].szInstanceName);
            esent_w_to_a((const WCHAR *)w[i].szInstanceName, (char *)block + used, n);
            a[i].szInstanceName = (char *)block + used;
            used += align_ptr(n);
        }
    }
    JetFreeBuffer((char *)w);
    *pcInstanceInfo = count;
    *paInstanceInfo = a;
    return JET_errSuccess;
}

JET_ERR JET_API JetFreeBuffer(char *pbBuf)
{
    free(pbBuf);
    return JET_errSuccess;
}

/* ---- JetGetInstanceMiscInfo ---- */

JET_ERR JET_API JetGetInstanceMiscInfo(JET_INSTANCE instance, void *pvResult, uint32_t cbMax,
                                       uint32_t InfoLevel)
{
    esent_instance *inst;
    JET_ERR err = esent_inst_enter_handle(instance, &inst);
    if (err < 0)
        return err;
    switch (InfoLevel) {
    case JET_InstanceMiscInfoLogSignature:
        /* The log signature comes with the transaction log, which this engine does not write yet. */
        err = JET_errFeatureNotAvailable;
        break;
    case JET_InstanceMiscInfoCheckpoint:
        /* No log: the checkpoint is all zero, as the real engine reports with logging disabled. */
        if (pvResult == NULL)
            err = JET_errInvalidParameter;
        else if (cbMax < sizeof(JET_CHECKPOINTINFO))
            err = JET_errBufferTooSmall;
        else
            memset(pvResult, 0, sizeof(JET_CHECKPOINTINFO));
        break;
    default:
        err = JET_errInvalidParameter;   /* includes JET_InstanceMiscInfoRBS: no revert snapshots */
        break;
    }
    esent_inst_leave(inst);
    return err;
}
