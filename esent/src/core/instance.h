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
/* Resolves an instance handle (esent_inst_resolve) and enters its gate, under the engine lock so
 * JetTerm cannot free the instance in between. Takes the engine lock itself. */
JET_ERR esent_inst_enter_handle(JET_INSTANCE handle, esent_instance **out);
void esent_inst_leave(esent_instance *inst);
/* Closes the gate and waits until no call is inside (JetTerm). */
void esent_inst_close_gate(esent_instance *inst);
/* The instance's state (esent_inst_state), read atomically: the API gate reads it without the
 * engine lock while JetInit/JetTerm change it under the lock. Changes use esent_inst_set_state. */
esent_inst_state esent_inst_state_get(const esent_instance *inst);
void esent_inst_set_state(esent_instance *inst, esent_inst_state state);
/* Sets / clears ESENT_STOP_* bits atomically. */
void esent_inst_stop_add(esent_instance *inst, uint32_t bits);
void esent_inst_stop_remove(esent_instance *inst, uint32_t bits);

#endif
