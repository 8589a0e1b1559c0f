#include "session/session.h"

/* Sessions of all instances share one pool; each instance's count is capped by its
 * JET_paramMaxSessions (0..30000). */
#define ESENT_SESSIONS_MOST ((1u << ESENT_POOL_INDEX_BITS) - 2u)

static esent_pool g_sessions = ESENT_POOL_INIT(esent_session, 0, ESENT_SESSIONS_MOST);

JET_ERR esent_session_begin(esent_instance *inst, esent_session **out)
{
    *out = NULL;
    uint32_t most = (uint32_t)esent_param_num(inst, JET_paramMaxSessions);
    AcquireSRWLockExclusive(&inst->sessions_lock);
    if (inst->session_count >= most) {
        ReleaseSRWLockExclusive(&inst->sessions_lock);
        return JET_errOutOfSessions;
    }
    JET_API_PTR handle;
    esent_session *s = esent_pool_alloc(&g_sessions, &handle);
    if (s == NULL) {
        ReleaseSRWLockExclusive(&inst->sessions_lock);
        return handle == 0 ? JET_errOutOfSessions : JET_errOutOfMemory;
    }
    s->inst = inst;
    s->commit_default = (JET_GRBIT)esent_param_num(inst, JET_paramCommitDefault);
    s->next = inst->sessions;
    if (inst->sessions != NULL)
        inst->sessions->prev = s;
    inst->sessions = s;
    inst->session_count++;
    esent_pool_publish(s);
    ReleaseSRWLockExclusive(&inst->sessions_lock);
    *out = s;
    return JET_errSuccess;
}

void esent_session_end(esent_session *s)
{
    esent_instance *inst = s->inst;
    AcquireSRWLockExclusive(&inst->sessions_lock);
    if (s->prev != NULL)
        s->prev->next = s->next;
    else
        inst->sessions = s->next;
    if (s->next != NULL)
        s->next->prev = s->prev;
    inst->session_count--;
    esent_pool_free(&g_sessions, s);
    ReleaseSRWLockExclusive(&inst->sessions_lock);
}

esent_session *esent_session_get(JET_SESID sesid)
{
    return esent_pool_get(&g_sessions, sesid);
}

JET_SESID esent_session_handle(const esent_session *s)
{
    return esent_pool_handle(s);
}

JET_ERR esent_session_enter(JET_SESID sesid, esent_session **out)
{
    *out = NULL;
    esent_session *s = esent_session_get(sesid);
    if (s == NULL)
        return JET_errInvalidSesid;
    esent_instance *inst = s->inst;
    JET_ERR err = esent_inst_enter(inst);
    if (err < 0)
        return err;
    /* JetTerm may have ended the session between the lookup and the gate. */
    if (esent_session_get(sesid) != s) {
        esent_inst_leave(inst);
        return JET_errInvalidSesid;
    }
    *out = s;
    return JET_errSuccess;
}

void esent_session_leave(esent_session *s)
{
    esent_inst_leave(s->inst);
}
