/* Sessions and the session-level APIs: JetBeginSession/JetDupSession/JetEndSession, session contexts,
 * session parameters, JetIdle, JetGetThreadStats, JetGetErrorInfoW, and many threads creating and
 * ending sessions on several instances at once. Public API only. */
#include <esent.h>
#include "cu_runner.h"
#include "test_util.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static JET_INSTANCE g_inst;

static JET_ERR start_instance(JET_INSTANCE *inst, const char *name, const char *folder, uint32_t max_sessions)
{
    char system[128], log[128];
    snprintf(system, sizeof system, "%s/", folder);
    snprintf(log, sizeof log, "%s/logs/", folder);
    JET_ERR err = JetCreateInstanceA(inst, name);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(inst, 0, JET_paramSystemPath, 0, system);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(inst, 0, JET_paramLogFilePath, 0, log);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(inst, 0, JET_paramCreatePathIfNotExist, 1, NULL);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(inst, 0, JET_paramMaxSessions, max_sessions, NULL);
    if (err == JET_errSuccess)
        err = JetInit(inst);
    return err;
}

static int suite_init(void)
{
    return start_instance(&g_inst, "sessions", "sessions", 8) == JET_errSuccess ? 0 : 1;
}

static int suite_clean(void)
{
    return JetTerm(g_inst) == JET_errSuccess ? 0 : 1;
}

static void test_begin_end(void)
{
    JET_SESID a = 0, b = 0;
    CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(g_inst, &a, "user", "password"), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetBeginSessionW(g_inst, &b, u"user", u"password"), JET_errSuccess);
    CU_ASSERT(a != b && a != 0 && a != JET_sesidNil);
    CU_ASSERT_EQUAL(JetEndSession(a, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetEndSession(a, 0), JET_errInvalidSesid);   /* stale handle */
    CU_ASSERT_EQUAL(JetEndSession(b, 0), JET_errSuccess);
}

static void test_bad_session_handles(void)
{
    JET_SESID dup;
    CU_ASSERT_EQUAL(JetEndSession(0, 0), JET_errInvalidSesid);
    CU_ASSERT_EQUAL(JetEndSession(JET_sesidNil, 0), JET_errInvalidSesid);
    CU_ASSERT_EQUAL(JetEndSession((JET_SESID)0xDEADBEEF, 0), JET_errInvalidSesid);
    CU_ASSERT_EQUAL(JetDupSession((JET_SESID)0x1234567, &dup), JET_errInvalidSesid);
    CU_ASSERT_EQUAL(JetIdle((JET_SESID)42, 0), JET_errInvalidSesid);
    CU_ASSERT_EQUAL(JetSetSessionContext((JET_SESID)42, 7), JET_errInvalidSesid);
    /* An instance handle is not a session handle. */
    CU_ASSERT_EQUAL(JetEndSession((JET_SESID)g_inst, 0), JET_errInvalidSesid);
}

static void test_dup_session(void)
{
    JET_SESID a, b;
    CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(g_inst, &a, "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDupSession(a, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL_FATAL(JetDupSession(a, &b), JET_errSuccess);
    CU_ASSERT(a != b);
    CU_ASSERT_EQUAL(JetEndSession(a, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetEndSession(b, 0), JET_errSuccess);   /* independent of the original */
}

static void test_max_sessions(void)
{
    JET_SESID s[9];
    for (int i = 0; i < 8; i++)
        CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(g_inst, &s[i], "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginSessionA(g_inst, &s[8], "", ""), JET_errOutOfSessions);
    CU_ASSERT_EQUAL(JetDupSession(s[0], &s[8]), JET_errOutOfSessions);
    CU_ASSERT_EQUAL(JetEndSession(s[7], 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginSessionA(g_inst, &s[7], "", ""), JET_errSuccess);
    for (int i = 0; i < 8; i++)
        CU_ASSERT_EQUAL(JetEndSession(s[i], 0), JET_errSuccess);
}

/* ---- session contexts ---- */

typedef struct context_args { JET_SESID sesid; JET_ERR set, reset; } context_args;

static int other_thread_context(void *p)
{
    context_args *a = p;
    a->set = JetSetSessionContext(a->sesid, 0x5678);
    a->reset = JetResetSessionContext(a->sesid);
    return 0;
}

static void test_session_context(void)
{
    JET_SESID sesid;
    CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(g_inst, &sesid, "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetSessionContext(sesid, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetSetSessionContext(sesid, (JET_API_PTR)-1), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetResetSessionContext(sesid), JET_errSessionContextNotSetByThisThread);
    CU_ASSERT_EQUAL(JetSetSessionContext(sesid, 0x1234), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetSessionContext(sesid, 0x1234), JET_errSessionContextAlreadySet);

    context_args args = { sesid, 0, 0 };
    test_thread *t = test_thread_start(other_thread_context, &args);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    test_thread_join(t);
    CU_ASSERT_EQUAL(args.set, JET_errSessionContextAlreadySet);
    CU_ASSERT_EQUAL(args.reset, JET_errSessionContextNotSetByThisThread);

    CU_ASSERT_EQUAL(JetResetSessionContext(sesid), JET_errSuccess);
    /* Now another thread may take the session. */
    t = test_thread_start(other_thread_context, &args);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    test_thread_join(t);
    CU_ASSERT_EQUAL(args.set, JET_errSuccess);
    CU_ASSERT_EQUAL(args.reset, JET_errSuccess);
    CU_ASSERT_EQUAL(JetEndSession(sesid, 0), JET_errSuccess);
}

/* ---- session parameters ---- */

static void test_session_parameters(void)
{
    JET_SESID sesid;
    CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(g_inst, &sesid, "", ""), JET_errSuccess);
    JET_GRBIT commit = 0xFFFF;
    uint32_t cb = 0;
    CU_ASSERT_EQUAL(JetGetSessionParameter(sesid, JET_sesparamCommitDefault, &commit, sizeof commit, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(commit, 0);   /* JET_paramCommitDefault's default */
    CU_ASSERT_EQUAL(cb, sizeof commit);
    commit = JET_bitCommitLazyFlush;
    CU_ASSERT_EQUAL(JetSetSessionParameter(sesid, JET_sesparamCommitDefault, &commit, sizeof commit), JET_errSuccess);
    commit = 0;
    CU_ASSERT_EQUAL(JetGetSessionParameter(sesid, JET_sesparamCommitDefault, &commit, sizeof commit, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(commit, JET_bitCommitLazyFlush);
    commit = 0x40000000;
    CU_ASSERT_EQUAL(JetSetSessionParameter(sesid, JET_sesparamCommitDefault, &commit, sizeof commit), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetSetSessionParameter(sesid, JET_sesparamCommitDefault, &commit, 2), JET_errInvalidParameter);

    uint32_t level = 99;
    CU_ASSERT_EQUAL(JetGetSessionParameter(sesid, JET_sesparamTransactionLevel, &level, sizeof level, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(level, 0);
    /* JET_paramTransactionLevel (38, not in the SDK header) reads the session's depth. */
    JET_API_PTR sys_level = 99;
    CU_ASSERT_EQUAL(JetGetSystemParameterA(g_inst, sesid, 38, &sys_level, NULL, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(sys_level, 0);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(g_inst, (JET_SESID)0x4242, 38, &sys_level, NULL, 0), JET_errInvalidSesid);
    CU_ASSERT_EQUAL(JetSetSessionParameter(sesid, JET_sesparamTransactionLevel, &level, sizeof level), JET_errInvalidParameter);

    JET_OPERATIONCONTEXT ctx = { 77, 1, 2, 3, 4 }, back;
    memset(&back, 0, sizeof back);
    CU_ASSERT_EQUAL(JetSetSessionParameter(sesid, JET_sesparamOperationContext, &ctx, sizeof ctx), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSessionParameter(sesid, JET_sesparamOperationContext, &back, sizeof back, &cb), JET_errSuccess);
    CU_ASSERT(memcmp(&ctx, &back, sizeof ctx) == 0);
    CU_ASSERT_EQUAL(JetGetSessionParameter(sesid, JET_sesparamOperationContext, &back, sizeof back - 1, &cb), JET_errBufferTooSmall);

    uint32_t corr = 0xC0FFEE, corr_back = 0;
    CU_ASSERT_EQUAL(JetSetSessionParameter(sesid, JET_sesparamCorrelationID, &corr, sizeof corr), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSessionParameter(sesid, JET_sesparamCorrelationID, &corr_back, sizeof corr_back, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(corr_back, 0xC0FFEE);

    CU_ASSERT_EQUAL(JetSetSessionParameter(sesid, 4000, &corr, sizeof corr), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetSessionParameter(sesid, 4000, &corr, sizeof corr, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetSessionParameter(sesid, JET_sesparamCorrelationID, NULL, 4, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetEndSession(sesid, 0), JET_errSuccess);
}

/* A session starts with the instance's JET_paramCommitDefault. */
static void test_commit_default_from_instance(void)
{
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&inst, "commit-default"), JET_errSuccess);
    JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, "commit-default/");
    JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, "commit-default/");
    JetSetSystemParameterA(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL);
    CU_ASSERT_EQUAL(JetSetSystemParameterA(&inst, 0, JET_paramCommitDefault, JET_bitCommitLazyFlush, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetInit(&inst), JET_errSuccess);
    JET_SESID sesid;
    JET_GRBIT commit = 0;
    CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(inst, &sesid, "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSessionParameter(sesid, JET_sesparamCommitDefault, &commit, sizeof commit, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(commit, JET_bitCommitLazyFlush);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

/* ---- JetIdle, JetGetThreadStats, JetGetErrorInfoW ---- */

static void test_idle(void)
{
    JET_SESID sesid;
    CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(g_inst, &sesid, "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetIdle(sesid, 0), JET_wrnNoIdleActivity);
    CU_ASSERT_EQUAL(JetIdle(sesid, JET_bitIdleCompact), JET_wrnNoIdleActivity);
    CU_ASSERT_EQUAL(JetIdle(sesid, JET_bitIdleStatus), JET_errSuccess);
    CU_ASSERT_EQUAL(JetIdle(sesid, JET_bitIdleFlushBuffers), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetIdle(sesid, 0x1000), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetEndSession(sesid, 0), JET_errSuccess);
}

static void test_thread_stats(void)
{
    JET_THREADSTATS stats;
    JET_THREADSTATS2 stats2;
    CU_ASSERT_EQUAL(JetGetThreadStats(NULL, sizeof stats), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetThreadStats(&stats, sizeof stats - 1), JET_errBufferTooSmall);
    memset(&stats, 0xFF, sizeof stats);
    CU_ASSERT_EQUAL(JetGetThreadStats(&stats, sizeof stats), JET_errSuccess);
    CU_ASSERT_EQUAL(stats.cbStruct, sizeof stats);
    memset(&stats2, 0xFF, sizeof stats2);
    CU_ASSERT_EQUAL(JetGetThreadStats(&stats2, sizeof stats2), JET_errSuccess);
    CU_ASSERT_EQUAL(stats2.cbStruct, sizeof stats2);
}

static void test_error_info(void)
{
    JET_ERR code = JET_errOutOfMemory;
    JET_ERRINFOBASIC_W info;
    memset(&info, 0, sizeof info);
    info.cbStruct = sizeof info;
    CU_ASSERT_EQUAL(JetGetErrorInfoW(&code, &info, sizeof info, JET_ErrorInfoSpecificErr, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(info.errValue, JET_errOutOfMemory);
    CU_ASSERT_EQUAL(info.errcatMostSpecific, JET_errcatMemory);
    CU_ASSERT_EQUAL(info.rgCategoricalHierarchy[0], JET_errcatError);   /* root first */
    CU_ASSERT_EQUAL(info.rgCategoricalHierarchy[1], JET_errcatOperation);
    CU_ASSERT_EQUAL(info.rgCategoricalHierarchy[2], JET_errcatResource);
    CU_ASSERT_EQUAL(info.rgCategoricalHierarchy[3], JET_errcatMemory);
    code = -31337;
    CU_ASSERT_EQUAL(JetGetErrorInfoW(&code, &info, sizeof info, JET_ErrorInfoSpecificErr, 0), JET_errInvalidParameter);
    code = JET_errInvalidParameter;
    CU_ASSERT_EQUAL(JetGetErrorInfoW(&code, &info, sizeof info - 1, JET_ErrorInfoSpecificErr, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetErrorInfoW(&code, &info, sizeof info, 99, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetErrorInfoW(&code, &info, sizeof info, JET_ErrorInfoSpecificErr, 1), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetErrorInfoW(NULL, &info, sizeof info, JET_ErrorInfoSpecificErr, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetErrorInfoW(&code, &info, sizeof info, JET_ErrorInfoSpecificErr, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(info.errcatMostSpecific, JET_errcatUsage);
}

/* ---- many threads, several instances ---- */

#define CHURN_THREADS 6
#define CHURN_ROUNDS  400

typedef struct churn_args { JET_INSTANCE inst; int failures; } churn_args;

static int churn(void *p)
{
    churn_args *a = p;
    for (int i = 0; i < CHURN_ROUNDS; i++) {
        JET_SESID s, d;
        JET_ERR err = JetBeginSessionA(a->inst, &s, "", "");
        if (err == JET_errOutOfSessions)
            continue;   /* the other threads hold the sessions right now */
        if (err != JET_errSuccess) {
            a->failures++;
            continue;
        }
        uint32_t corr = (uint32_t)i, back = 0;
        if (JetSetSessionParameter(s, JET_sesparamCorrelationID, &corr, sizeof corr) != JET_errSuccess ||
            JetGetSessionParameter(s, JET_sesparamCorrelationID, &back, sizeof back, NULL) != JET_errSuccess ||
            back != corr)
            a->failures++;
        err = JetDupSession(s, &d);
        if (err == JET_errSuccess) {
            if (JetEndSession(d, 0) != JET_errSuccess)
                a->failures++;
        } else if (err != JET_errOutOfSessions) {
            a->failures++;
        }
        if (JetEndSession(s, 0) != JET_errSuccess)
            a->failures++;
        if (JetEndSession(s, 0) != JET_errInvalidSesid)   /* stale at once */
            a->failures++;
    }
    return 0;
}

static void test_threads_sessions_on_several_instances(void)
{
    JET_INSTANCE second = 0;
    CU_ASSERT_EQUAL_FATAL(start_instance(&second, "churn", "churn", 6), JET_errSuccess);
    churn_args args[CHURN_THREADS];
    test_thread *threads[CHURN_THREADS];
    for (int i = 0; i < CHURN_THREADS; i++) {
        args[i].inst = (i % 2) ? second : g_inst;
        args[i].failures = 0;
        threads[i] = test_thread_start(churn, &args[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(threads[i]);
    }
    int failures = 0;
    for (int i = 0; i < CHURN_THREADS; i++) {
        test_thread_join(threads[i]);
        failures += args[i].failures;
    }
    CU_ASSERT_EQUAL(failures, 0);
    /* Every session was ended: the full quota is available again. */
    JET_SESID s[6];
    for (int i = 0; i < 6; i++)
        CU_ASSERT_EQUAL(JetBeginSessionA(second, &s[i], "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(second), JET_errSuccess);
}

typedef struct term_race_args { JET_INSTANCE inst; atomic_int stop; int unexpected; } term_race_args;

static int hammer(void *p)
{
    term_race_args *a = p;
    while (!atomic_load(&a->stop)) {
        JET_SESID s;
        JET_ERR err = JetBeginSessionA(a->inst, &s, "", "");
        if (err == JET_errSuccess) {
            err = JetEndSession(s, 0);
            if (err != JET_errSuccess && err != JET_errInvalidSesid && err != JET_errTermInProgress)
                a->unexpected++;
        } else if (err != JET_errOutOfSessions && err != JET_errInvalidInstance && err != JET_errTermInProgress) {
            a->unexpected++;
        }
        if (err == JET_errInvalidInstance)
            break;   /* the instance is gone */
    }
    return 0;
}

/* JetTerm while other threads are inside the API: they get clean errors, never a crash. */
static void test_term_while_threads_call(void)
{
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(start_instance(&inst, "term-race", "term-race", 4), JET_errSuccess);
    term_race_args args;
    args.inst = inst;
    atomic_init(&args.stop, 0);
    args.unexpected = 0;
    test_thread *t[3];
    for (int i = 0; i < 3; i++)
        t[i] = test_thread_start(hammer, &args);
    JET_SESID s;
    for (int i = 0; i < 200; i++) {
        if (JetBeginSessionA(inst, &s, "", "") == JET_errSuccess)
            JetEndSession(s, 0);
    }
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    atomic_store(&args.stop, 1);
    for (int i = 0; i < 3; i++)
        test_thread_join(t[i]);
    CU_ASSERT_EQUAL(args.unexpected, 0);
}

int main(void)
{
    CU_pSuite s = esent_test_suite("sessions", suite_init, suite_clean);
    esent_test_add(s, "begin_end", test_begin_end);
    esent_test_add(s, "bad_session_handles", test_bad_session_handles);
    esent_test_add(s, "dup_session", test_dup_session);
    esent_test_add(s, "max_sessions", test_max_sessions);
    esent_test_add(s, "session_context", test_session_context);
    esent_test_add(s, "session_parameters", test_session_parameters);
    esent_test_add(s, "commit_default_from_instance", test_commit_default_from_instance);
    esent_test_add(s, "idle", test_idle);
    esent_test_add(s, "thread_stats", test_thread_stats);
    esent_test_add(s, "error_info", test_error_info);
    esent_test_add(s, "threads_sessions_on_several_instances", test_threads_sessions_on_several_instances);
    esent_test_add(s, "term_while_threads_call", test_term_while_threads_call);
    return esent_test_run();
}
