/* Sessions (JetBeginSession … JetEndSession), addressed by generation-checked JET_SESID handles.
 *
 * A session belongs to one running instance and is listed in it. Every API call on a session
 * brackets itself with esent_session_enter / esent_session_leave, which also passes the instance's
 * API gate; JetTerm ends the sessions left open. */
#ifndef ESENT_SESSION_SESSION_H
#define ESENT_SESSION_SESSION_H

#include "api/api.h"
#include "core/instance.h"
#include "core/pool.h"

typedef struct esent_session {
    esent_pooled          hdr;
    esent_instance       *inst;
    struct esent_session *next, *prev;     /* in inst->sessions (inst->sessions_lock) */
    /* JetSetSessionContext: the caller's context and the thread that set it (0 = none). */
    JET_API_PTR           context;
    volatile LONG         context_thread;
    uint32_t              trx_level;       /* open transaction levels (0..7) */
    struct esent_trx     *trx;             /* the table layer's transaction state (table/trx.c), or NULL */
    /* Session parameters (JetSetSessionParameter). */
    JET_GRBIT             commit_default;     /* JET_sesparamCommitDefault */
    JET_OPERATIONCONTEXT  operation_context;  /* JET_sesparamOperationContext, as given */
    uint32_t              correlation_id;     /* JET_sesparamCorrelationID, as given */
} esent_session;

/* Begins a session on a running instance (caller is inside the instance's gate).
 * JET_errOutOfSessions when the instance has JET_paramMaxSessions sessions. */
JET_ERR esent_session_begin(esent_instance *inst, esent_session **out);
/* Ends a session (caller is inside the gate, or is JetTerm after closing it). */
void esent_session_end(esent_session *s);
/* Validates sesid and enters its instance's gate: -1104 for a handle that names no session, else the
 * gate's errors. On success the caller must call esent_session_leave. */
JET_ERR esent_session_enter(JET_SESID sesid, esent_session **out);
void esent_session_leave(esent_session *s);
/* The live session a handle names, or NULL (no gate). */
esent_session *esent_session_get(JET_SESID sesid);
JET_SESID esent_session_handle(const esent_session *s);

#endif
