/* JetSetSystemParameter / JetGetSystemParameter: which table a call addresses (spec/ese-api.md
 * §1.10.1). The rules for each parameter live in param/. */
#include "api/api.h"

#include "core/engine.h"
#include "core/instance.h"
#include "param/param.h"
#include "param/param_table.h"
#include "session/session.h"
#include "util/wstr.h"

#include <stdlib.h>

/* Engine lock held. *out = the instance addressed, or NULL for the global table.
 *   no mode set:   the global table, whatever the arguments say;
 *   one instance:  the single instance;
 *   multi:         the session's instance, else the instance handle's, else the global table. */
static JET_ERR param_target(JET_INSTANCE instance, JET_SESID sesid, esent_instance **out)
{
    *out = NULL;
    switch (esent_runmode_get()) {
    case ESENT_RUNMODE_NONE:
        return JET_errSuccess;
    case ESENT_RUNMODE_ONE:
        *out = esent_inst_first();
        break;
    default:
        if (sesid != 0 && sesid != JET_sesidNil) {
            esent_session *s = esent_session_get(sesid);
            if (s == NULL)
                return JET_errInvalidSesid;
            *out = s->inst;
        } else if (instance != 0 && instance != JET_instanceNil) {
            *out = esent_inst_get(instance);
            if (*out == NULL)
                return JET_errInvalidInstance;
        }
        break;
    }
    if (*out != NULL && (InterlockedCompareExchange(&(*out)->stop, 0, 0) & ESENT_STOP_ALL))
        return JET_errClientRequestToStopJetService;
    return JET_errSuccess;
}

JET_ERR JET_API JetSetSystemParameterW(JET_INSTANCE *pinstance, JET_SESID sesid, uint32_t paramid,
                                       JET_API_PTR lParam, JET_PCWSTR szParam)
{
    esent_engine_lock();
    esent_instance *inst;
    JET_ERR err = param_target(pinstance != NULL ? *pinstance : 0, sesid, &inst);
    if (err == JET_errSuccess)
        err = esent_param_set(inst, paramid, lParam, (const WCHAR *)szParam);
    esent_engine_unlock();
    return err;
}

JET_ERR JET_API JetSetSystemParameterA(JET_INSTANCE *pinstance, JET_SESID sesid, uint32_t paramid,
                                       JET_API_PTR lParam, JET_PCSTR szParam)
{
    WCHAR *w;
    JET_ERR err = esent_a_to_w(szParam, &w);
    if (err < 0)
        return err;
    err = JetSetSystemParameterW(pinstance, sesid, paramid, lParam, (JET_PCWSTR)w);
    esent_wfree(w);
    return err;
}

JET_ERR JET_API JetGetSystemParameterW(JET_INSTANCE instance, JET_SESID sesid, uint32_t paramid,
                                       JET_API_PTR *plParam, JET_PWSTR szParam, uint32_t cbMax)
{
    esent_engine_lock();
    esent_instance *inst;
    JET_ERR err = param_target(instance, sesid, &inst);
    if (err == JET_errSuccess && paramid == ESENT_PARAM_TRANSACTION_LEVEL) {
        /* The only parameter whose value belongs to the session: its transaction depth. */
        esent_session *s = esent_session_get(sesid);
        if (sesid == 0 || sesid == JET_sesidNil)
            err = JET_errInvalidParameter;   /* no session: no transaction level */
        else if (s == NULL)
            err = JET_errInvalidSesid;
        else if (plParam == NULL)
            err = JET_errInvalidParameter;
        else
            *plParam = s->trx_level;
    } else if (err == JET_errSuccess) {
        err = esent_param_get(inst, paramid, plParam, (WCHAR *)szParam, cbMax);
    }
    esent_engine_unlock();
    return err;
}

JET_ERR JET_API JetGetSystemParameterA(JET_INSTANCE instance, JET_SESID sesid, uint32_t paramid,
                                       JET_API_PTR *plParam, JET_PSTR szParam, uint32_t cbMax)
{
    if (szParam == NULL || cbMax == 0 || !esent_param_is_string(paramid))
        return JetGetSystemParameterW(instance, sesid, paramid, plParam, (JET_PWSTR)NULL, cbMax);
    /* A string that fits in cbMax ANSI bytes has at most cbMax UTF-16 units. */
    WCHAR *w = malloc((size_t)cbMax * sizeof(WCHAR));
    if (w == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = JetGetSystemParameterW(instance, sesid, paramid, plParam, (JET_PWSTR)w, cbMax * (uint32_t)sizeof(WCHAR));
    if (err >= 0) {
        JET_ERR conv = esent_w_to_a(w, szParam, cbMax);
        if (conv < 0)
            err = conv;
    }
    free(w);
    return err;
}
