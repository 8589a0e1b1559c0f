/* Instances: creation, the API gate, and lookup by handle (spec/ese-api.md §0.3, §1.4–§1.8).
 *
 * Lifecycle: CREATED (JetCreateInstance; parameters may be set) → INITIALIZING (inside JetInit)
 * → RUNNING → TERMINATING (inside JetTerm) → freed. State changes happen under the engine lock.
 *
 * The API gate: every call that works on a running instance brackets itself with
 * esent_inst_enter / esent_inst_leave. JetTerm closes the gate, then waits until no call is inside,
 * so it never frees state another thread is using. */
#ifndef ESENT_CORE_INSTANCE_H
#define ESENT_CORE_INSTANCE_H

#include "api/api.h"
#include "core/pool.h"
#include "param/param.h"

typedef enum esent_inst_state {
    ESENT_INST_CREATED = 0,
    ESENT_INST_INITIALIZING,
    ESENT_INST_RUNNING,
    ESENT_INST_TERMINATING,
} esent_inst_state;

/* Bits of esent_instance.stop (JetStopServiceInstance / JetStopServiceInstance2): ESENT_STOP_ALL, plus
 * the grbits of JetStopServiceInstance2 as given (JET_bitStopServiceBackgroundUserTasks 0x2,
 * JET_bitStopServiceQuiesceCaches 0x4, and the engine's private StopAndEmitLog below). */
#define ESENT_STOP_ALL         0x00000001u   /* every API but JetTerm answers -1329 */
#define ESENT_STOP_EMIT_LOG    0x00000008u   /* JET_bitStopServiceStopAndEmitLog: accepted by the engine, not in the SDK header */

struct esent_session;

typedef struct esent_instance {
    esent_pooled     hdr;
    volatile LONG    api_calls;      /* calls inside the API on this instance; survives recycling */
    volatile LONG    state;          /* esent_inst_state; written under the engine lock */
    volatile LONG    terminating;    /* 1 once JetTerm closed the gate */
    volatile LONG    stop;           /* stop bits, see above */
    WCHAR           *name;           /* unique among live instances; NULL = unnamed */
    WCHAR           *display_name;
    esent_params     params;         /* this instance's parameter values */
    /* Resolved by JetInit (full paths). Folders end with a separator. */
    WCHAR           *system_path;
    WCHAR           *log_path;
    WCHAR           *temp_db_path;
    HANDLE           temp_db;        /* the temporary database, held open with no sharing */
    /* Sessions of this instance. */
    SRWLOCK          sessions_lock;
    struct esent_session *sessions;
    uint32_t         session_count;
    /* Bytes of version store entries charged to this instance (table/ver.c; data lock). */
    size_t           ver_bytes;
    /* Registry links (engine lock). */
    struct esent_instance *next, *prev;
} esent_instance;

/* Engine lock held for all of these. */
/* Allocates a CREATED instance with a clone of the global parameters. Errors: -1214 (MaxInstances
 * reached), -1086 (name in use; two unnamed instances collide), -1011. */
JET_ERR esent_inst_create(const WCHAR *name, const WCHAR *display_name, esent_instance **out);
/* Frees an instance that is not RUNNING (sessions already gone); the last one resets the run mode. */
void esent_inst_free(esent_instance *inst);
/* The live instance a handle names, or NULL. (No lock needed.) */
esent_instance *esent_inst_get(JET_INSTANCE handle);
/* The instance an instance-taking API addresses: a non-null, non-nil handle that names no live
 * instance → JET_errInvalidInstance; one-instance mode → the single instance whatever the handle;
 * otherwise a null/nil handle → JET_errInvalidParameter. */
JET_ERR esent_inst_resolve(JET_INSTANCE handle, esent_instance **out);
/* First live instance (one-instance mode: the instance), or NULL; next in the registry. */
esent_instance *esent_inst_first(void);
esent_instance *esent_inst_next(esent_instance *inst);
uint32_t esent_inst_count(void);

/* The API gate (no lock needed). enter: -1329 when stopped, -1000 while terminating, -1029 when not
 * running. On success the caller must call esent_inst_leave. The caller must know inst is live: it
 * holds the engine lock, or it is inside a session of inst and rechecks the session afterwards. */
JET_ERR esent_inst_enter(esent_instance *inst);
/* The gate's checks (esent_inst_enter's, without counting the call), for a call that holds the data lock
 * (table/tdb.h) and does not count itself in the gate (no esent_inst_leave): it is inside the gate exactly
 * while it holds the data lock. It checks here after taking the lock, and must not release the lock
 * before it is done with the instance. Why that holds: JetTerm sets terminating before its round trip
 * through the data lock in esent_inst_close_gate; a call that took the lock after that round trip sees
 * terminating = 1 (the lock orders it before the loads); one that took it before is waited for by the
 * round trip. The loads are acquire loads, no interlocked operation (they were compare-exchanges of 0
 * with 0, a locked instruction each). A JetStopService racing with a call may let it in, as any order of
 * the two would. Inline: every cursor call passes here. */
static inline JET_ERR esent_inst_check(const esent_instance *inst)
{
    esent_inst_state state = (esent_inst_state)ReadAcquire(&inst->state);
    if (ReadAcquire(&inst->stop) & ESENT_STOP_ALL)
        return JET_errClientRequestToStopJetService;
    if (ReadAcquire(&inst->terminating) || state == ESENT_INST_TERMINATING)
        return JET_errTermInProgress;
    if (state != ESENT_INST_RUNNING)
        return JET_errNotInitialized;
    return JET_errSuccess;
}
/* Resolves an instance handle (esent_inst_resolve) and enters its gate, under the engine lock so
 * JetTerm cannot free the instance in between. Takes the engine lock itself. */
JET_ERR esent_inst_enter_handle(JET_INSTANCE handle, esent_instance **out);
void esent_inst_leave(esent_instance *inst);
/* Closes the gate and waits until no call is inside (JetTerm): the counted ones, and those inside under
 * the data lock (it takes the data lock once: the caller must not hold it). */
void esent_inst_close_gate(esent_instance *inst);
/* Opens the gate esent_inst_close_gate closed (a JetTerm that found open transactions). */
void esent_inst_open_gate(esent_instance *inst);
/* The instance's state (esent_inst_state), read atomically: the API gate reads it without the
 * engine lock while JetInit/JetTerm change it under the lock. Changes use esent_inst_set_state. */
esent_inst_state esent_inst_state_get(const esent_instance *inst);
void esent_inst_set_state(esent_instance *inst, esent_inst_state state);
/* Sets / clears ESENT_STOP_* bits atomically. */
void esent_inst_stop_add(esent_instance *inst, uint32_t bits);
void esent_inst_stop_remove(esent_instance *inst, uint32_t bits);

#endif
