/* Sessions: JetBeginSession, JetDupSession, JetEndSession, JetSetSessionContext,
 * JetResetSessionContext, JetGetSessionParameter, JetSetSessionParameter. */
#include "api/api.h"

#include "session/session.h"
#include "table/tsession.h"
#include "util/wstr.h"

#include <string.h>

JET_ERR JET_API JetBeginSessionW(JET_INSTANCE instance, JET_SESID *psesid, JET_PCWSTR szUserName,
                                 JET_PCWSTR szPassword)
{
    (void)szUserName;   /* ESENT ignores the user name and password */
    (void)szPassword;
    if (psesid == NULL)
        return JET_errInvalidParameter;
    esent_instance *inst;
    JET_ERR err = esent_inst_enter_handle(instance, &inst);
    if (err < 0)
        return err;
    esent_session *s;
    err = esent_session_begin(inst, &s);
    if (err == JET_errSuccess)
        *psesid = esent_session_handle(s);
    esent_inst_leave(inst);
    return err;
}

JET_ERR JET_API JetBeginSessionA(JET_INSTANCE instance, JET_SESID *psesid, JET_PCSTR szUserName,
                                 JET_PCSTR szPassword)
{
    (void)szUserName;
    (void)szPassword;
    return JetBeginSessionW(instance, psesid, (JET_PCWSTR)NULL, (JET_PCWSTR)NULL);
}

JET_ERR JET_API JetDupSession(JET_SESID sesid, JET_SESID *psesid)
{
    if (psesid == NULL)
        return JET_errInvalidParameter;
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    esent_session *dup;
    err = esent_session_begin(s->inst, &dup);
    if (err == JET_errSuccess)
        *psesid = esent_session_handle(dup);
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetEndSession(JET_SESID sesid, JET_GRBIT grbit)
{
    (void)grbit;   /* reserved */
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    esent_instance *inst = s->inst;
    /* Open transactions are rolled back with the session, and its cursors closed. */
    esent_table_session_end(s);
    esent_session_end(s);
    esent_inst_leave(inst);
    return JET_errSuccess;
}

JET_ERR JET_API JetSetSessionContext(JET_SESID sesid, JET_API_PTR ulContext)
{
    if (ulContext == 0 || ulContext == (JET_API_PTR)-1)
        return JET_errInvalidParameter;
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    LONG self = (LONG)GetCurrentThreadId();
    if (InterlockedCompareExchange(&s->context_thread, self, 0) != 0) {
        err = JET_errSessionContextAlreadySet;
    } else {
        s->context = ulContext;
    }
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetResetSessionContext(JET_SESID sesid)
{
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    LONG self = (LONG)GetCurrentThreadId();
    if (InterlockedCompareExchange(&s->context_thread, 0, 0) != self) {
        err = JET_errSessionContextNotSetByThisThread;
    } else {
        s->context = 0;
        InterlockedExchange(&s->context_thread, 0);
    }
    esent_session_leave(s);
    return err;
}

/* ---- Session parameters ---- */

/* The commit options JET_sesparamCommitDefault may hold (those of JetCommitTransaction). */
#define ESENT_COMMIT_GRBITS (JET_bitCommitLazyFlush | JET_bitWaitLastLevel0Commit | JET_bitWaitAllLevel0Commit)

JET_ERR JET_API JetSetSessionParameter(JET_SESID sesid, uint32_t sesparamid, void *pvParam, uint32_t cbParam)
{
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    switch (sesparamid) {
    case JET_sesparamCommitDefault: {
        JET_GRBIT grbit;
        if (pvParam == NULL || cbParam != sizeof grbit) {
            err = JET_errInvalidParameter;
            break;
        }
        memcpy(&grbit, pvParam, sizeof grbit);
        if ((grbit & ~(JET_GRBIT)ESENT_COMMIT_GRBITS) != 0)
            err = JET_errInvalidGrbit;
        else
            s->commit_default = grbit;
        break;
    }
    case JET_sesparamOperationContext:
        if (pvParam == NULL || cbParam != sizeof(JET_OPERATIONCONTEXT))
            err = JET_errInvalidParameter;
        else
            memcpy(&s->operation_context, pvParam, sizeof(JET_OPERATIONCONTEXT));
        break;
    case JET_sesparamCorrelationID:
        if (pvParam == NULL || cbParam != sizeof(uint32_t))
            err = JET_errInvalidParameter;
        else
            memcpy(&s->correlation_id, pvParam, sizeof(uint32_t));
        break;
    default:   /* includes JET_sesparamTransactionLevel, which is read-only */
        err = JET_errInvalidParameter;
        break;
    }
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetGetSessionParameter(JET_SESID sesid, uint32_t sesparamid, void *pvParam, uint32_t cbParamMax,
                                       uint32_t *pcbParamActual)
{
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    uint32_t level = s->trx_level;
    const void *src = NULL;
    uint32_t cb = 0;
    switch (sesparamid) {
    case JET_sesparamCommitDefault:
        src = &s->commit_default;
        cb = sizeof s->commit_default;
        break;
    case JET_sesparamTransactionLevel:
        src = &level;
        cb = sizeof level;
        break;
    case JET_sesparamOperationContext:
        src = &s->operation_context;
        cb = sizeof s->operation_context;
        break;
    case JET_sesparamCorrelationID:
        src = &s->correlation_id;
        cb = sizeof s->correlation_id;
        break;
    default:
        err = JET_errInvalidParameter;
        break;
    }
    if (err == JET_errSuccess) {
        if (pvParam == NULL)
            err = JET_errInvalidParameter;
        else if (cbParamMax < cb)
            err = JET_errBufferTooSmall;
        else
            memcpy(pvParam, src, cb);
        if (pcbParamActual != NULL)
            *pcbParamActual = cb;
    }
    esent_session_leave(s);
    return err;
}
