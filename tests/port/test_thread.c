/* Threads, waits, events, TLS, per-thread last error, ids, Sleep. Worker threads only record
 * results; every assertion runs on the main thread (CUnit is not thread-safe). */
#include "port_test.h"

#include <string.h>

static DWORD WINAPI return_arg(LPVOID arg)
{
    return (DWORD)(uintptr_t)arg;
}

static void test_thread_exit_code(void)
{
    DWORD tid = 0;
    HANDLE t = CreateThread(NULL, 0, return_arg, (LPVOID)(uintptr_t)42, 0, &tid);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_NOT_EQUAL(tid, 0);
    CU_ASSERT_NOT_EQUAL(tid, GetCurrentThreadId());
    CU_ASSERT_EQUAL(WaitForSingleObject(t, 10000), WAIT_OBJECT_0);
    DWORD code = 0;
    CU_ASSERT_TRUE(GetExitCodeThread(t, &code));
    CU_ASSERT_EQUAL(code, 42);
    CU_ASSERT_TRUE(CloseHandle(t));
}

struct id_probe {
    HANDLE go;
    DWORD seen_tid;
    DWORD seen_pid;
};

static DWORD WINAPI record_ids(LPVOID arg)
{
    struct id_probe *p = arg;
    p->seen_tid = GetCurrentThreadId();
    p->seen_pid = GetCurrentProcessId();
    WaitForSingleObject(p->go, INFINITE);
    return 7;
}

static void test_thread_still_active_and_ids(void)
{
    struct id_probe p;
    memset(&p, 0, sizeof p);
    p.go = CreateEventW(NULL, TRUE, FALSE, NULL);
    DWORD tid = 0;
    HANDLE t = CreateThread(NULL, 64 * 1024, record_ids, &p, STACK_SIZE_PARAM_IS_A_RESERVATION, &tid);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    DWORD code = 0;
    CU_ASSERT_TRUE(GetExitCodeThread(t, &code));
    CU_ASSERT_EQUAL(code, STILL_ACTIVE);
    CU_ASSERT_EQUAL(WaitForSingleObject(t, 0), WAIT_TIMEOUT);
    CU_ASSERT_EQUAL(WaitForSingleObject(t, 30), WAIT_TIMEOUT);
    SetEvent(p.go);
    CU_ASSERT_EQUAL(tt_join(t), 7);
    CU_ASSERT_EQUAL(p.seen_tid, tid); /* the id CreateThread reported */
    CU_ASSERT_EQUAL(p.seen_pid, GetCurrentProcessId());
    CU_ASSERT_NOT_EQUAL(GetCurrentProcessId(), 0);
    CloseHandle(p.go);
}

static void test_wait_timeout_duration(void)
{
    HANDLE e = CreateEventW(NULL, TRUE, FALSE, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    ULONGLONG t0 = GetTickCount64();
    CU_ASSERT_EQUAL(WaitForSingleObject(e, 100), WAIT_TIMEOUT);
    ULONGLONG elapsed = GetTickCount64() - t0;
    CU_ASSERT(elapsed >= 80 && elapsed < 5000);
    CloseHandle(e);
}

static void test_manual_reset_event(void)
{
    HANDLE e = CreateEventW(NULL, TRUE, FALSE, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
    CU_ASSERT_TRUE(SetEvent(e));
    CU_ASSERT_EQUAL(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    CU_ASSERT_EQUAL(WaitForSingleObject(e, 0), WAIT_OBJECT_0); /* stays signaled */
    CU_ASSERT_TRUE(ResetEvent(e));
    CU_ASSERT_EQUAL(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
    CloseHandle(e);
}

static void test_auto_reset_event(void)
{
    HANDLE e = CreateEventW(NULL, FALSE, TRUE, NULL); /* initially signaled */
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    CU_ASSERT_EQUAL(WaitForSingleObject(e, 0), WAIT_TIMEOUT); /* consumed by the wait */
    CU_ASSERT_TRUE(SetEvent(e));
    CU_ASSERT_TRUE(SetEvent(e)); /* does not count */
    CU_ASSERT_EQUAL(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    CU_ASSERT_EQUAL(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
    CloseHandle(e);
}

static void test_create_event_a(void)
{
    HANDLE e = CreateEventA(NULL, TRUE, TRUE, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
    CloseHandle(e);
}

struct waiter {
    HANDLE event;
    LONG *woken;
};

static DWORD WINAPI wait_and_count(LPVOID arg)
{
    struct waiter *w = arg;
    DWORD r = WaitForSingleObject(w->event, 10000);
    if (r == WAIT_OBJECT_0)
        InterlockedIncrement(w->woken);
    return r;
}

static void test_auto_reset_releases_one_waiter(void)
{
    LONG woken = 0;
    struct waiter w = {CreateEventW(NULL, FALSE, FALSE, NULL), &woken};
    CU_ASSERT_PTR_NOT_NULL_FATAL(w.event);
    HANDLE t[3];
    for (int i = 0; i < 3; i++)
        t[i] = tt_start(wait_and_count, &w);
    Sleep(100); /* let all three block */
    CU_ASSERT_TRUE(SetEvent(w.event));
    Sleep(200);
    CU_ASSERT_EQUAL(InterlockedCompareExchange(&woken, 0, 0), 1);
    CU_ASSERT_EQUAL(WaitForSingleObject(w.event, 0), WAIT_TIMEOUT); /* consumed */
    SetEvent(w.event);
    Sleep(100);
    SetEvent(w.event);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(tt_join(t[i]), WAIT_OBJECT_0);
    CU_ASSERT_EQUAL(woken, 3);
    CloseHandle(w.event);
}

static void test_manual_reset_releases_all_waiters(void)
{
    LONG woken = 0;
    struct waiter w = {CreateEventW(NULL, TRUE, FALSE, NULL), &woken};
    CU_ASSERT_PTR_NOT_NULL_FATAL(w.event);
    HANDLE t[3];
    for (int i = 0; i < 3; i++)
        t[i] = tt_start(wait_and_count, &w);
    Sleep(50);
    CU_ASSERT_TRUE(SetEvent(w.event));
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(tt_join(t[i]), WAIT_OBJECT_0);
    CU_ASSERT_EQUAL(woken, 3);
    CloseHandle(w.event);
}

static void test_wait_multiple_any(void)
{
    HANDLE e[3];
    for (int i = 0; i < 3; i++)
        e[i] = CreateEventW(NULL, TRUE, FALSE, NULL);
    CU_ASSERT_EQUAL(WaitForMultipleObjects(3, e, FALSE, 0), WAIT_TIMEOUT);
    CU_ASSERT_EQUAL(WaitForMultipleObjects(3, e, FALSE, 30), WAIT_TIMEOUT);
    SetEvent(e[2]);
    CU_ASSERT_EQUAL(WaitForMultipleObjects(3, e, FALSE, 0), WAIT_OBJECT_0 + 2);
    SetEvent(e[1]);
    CU_ASSERT_EQUAL(WaitForMultipleObjects(3, e, FALSE, INFINITE), WAIT_OBJECT_0 + 1); /* lowest */
    for (int i = 0; i < 3; i++)
        CloseHandle(e[i]);
}

static void test_wait_multiple_all(void)
{
    HANDLE e[2];
    e[0] = CreateEventW(NULL, TRUE, FALSE, NULL);
    e[1] = CreateEventW(NULL, FALSE, FALSE, NULL);
    SetEvent(e[0]);
    CU_ASSERT_EQUAL(WaitForMultipleObjects(2, e, TRUE, 0), WAIT_TIMEOUT);
    CU_ASSERT_EQUAL(WaitForMultipleObjects(2, e, TRUE, 30), WAIT_TIMEOUT);
    SetEvent(e[1]);
    CU_ASSERT_EQUAL(WaitForMultipleObjects(2, e, TRUE, 0), WAIT_OBJECT_0);
    /* The satisfied wait consumed the auto-reset event, not the manual one. */
    CU_ASSERT_EQUAL(WaitForSingleObject(e[1], 0), WAIT_TIMEOUT);
    CU_ASSERT_EQUAL(WaitForSingleObject(e[0], 0), WAIT_OBJECT_0);
    CloseHandle(e[0]);
    CloseHandle(e[1]);
}

static void test_wait_all_does_not_consume_partially(void)
{
    HANDLE e[2];
    e[0] = CreateEventW(NULL, FALSE, TRUE, NULL); /* auto, signaled */
    e[1] = CreateEventW(NULL, FALSE, FALSE, NULL);
    CU_ASSERT_EQUAL(WaitForMultipleObjects(2, e, TRUE, 20), WAIT_TIMEOUT);
    CU_ASSERT_EQUAL(WaitForSingleObject(e[0], 0), WAIT_OBJECT_0); /* still signaled */
    CloseHandle(e[0]);
    CloseHandle(e[1]);
}

struct setter {
    HANDLE event;
    DWORD delay;
};

static DWORD WINAPI set_later(LPVOID arg)
{
    struct setter *s = arg;
    Sleep(s->delay);
    SetEvent(s->event);
    return 0;
}

static void test_wait_all_threads_and_events(void)
{
    HANDLE e = CreateEventW(NULL, TRUE, FALSE, NULL);
    struct setter s1 = {e, 50};
    HANDLE objs[3];
    objs[0] = tt_start(set_later, &s1);
    objs[1] = tt_start(return_arg, (LPVOID)(uintptr_t)5);
    objs[2] = e;
    CU_ASSERT_EQUAL(WaitForMultipleObjects(3, objs, TRUE, 10000), WAIT_OBJECT_0);
    DWORD code = 0;
    CU_ASSERT_TRUE(GetExitCodeThread(objs[1], &code));
    CU_ASSERT_EQUAL(code, 5);
    tt_join(objs[0]);
    tt_join(objs[1]);
    CloseHandle(e);
}

static void test_wait_multiple_invalid(void)
{
    HANDLE e = CreateEventW(NULL, TRUE, TRUE, NULL);
    HANDLE many[MAXIMUM_WAIT_OBJECTS + 1];
    for (int i = 0; i <= MAXIMUM_WAIT_OBJECTS; i++)
        many[i] = e;
    SetLastError(0);
    CU_ASSERT_EQUAL(WaitForMultipleObjects(0, many, FALSE, 0), WAIT_FAILED);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    CU_ASSERT_EQUAL(WaitForMultipleObjects(MAXIMUM_WAIT_OBJECTS + 1, many, FALSE, 0), WAIT_FAILED);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    HANDLE pair[2] = {e, NULL};
    SetLastError(0);
    CU_ASSERT_EQUAL(WaitForMultipleObjects(2, pair, FALSE, 0), WAIT_FAILED);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    CloseHandle(e);
}

static void test_wait_invalid_handles(void)
{
    SetLastError(0);
    CU_ASSERT_EQUAL(WaitForSingleObject(NULL, 0), WAIT_FAILED);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    HANDLE e = CreateEventW(NULL, TRUE, TRUE, NULL);
    CloseHandle(e);
    SetLastError(0);
    CU_ASSERT_EQUAL(WaitForSingleObject(e, 0), WAIT_FAILED);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    SetLastError(0);
    CU_ASSERT_FALSE(SetEvent(NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    DWORD code;
    SetLastError(0);
    CU_ASSERT_FALSE(GetExitCodeThread(NULL, &code));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
}

static void test_event_functions_reject_other_handles(void)
{
    HANDLE t = tt_start(return_arg, NULL);
    SetLastError(0);
    CU_ASSERT_FALSE(SetEvent(t)); /* a thread is not an event */
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    tt_join(t);
    const WCHAR *name = u"thread_not_event.dat";
    HANDLE f = tf_open(name, GENERIC_READ | GENERIC_WRITE, 0, CREATE_ALWAYS);
    CU_ASSERT_FATAL(f != INVALID_HANDLE_VALUE);
    SetLastError(0);
    CU_ASSERT_FALSE(ResetEvent(f));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    CloseHandle(f);
    tf_remove(name);
    HANDLE e = CreateEventW(NULL, TRUE, FALSE, NULL);
    DWORD code;
    SetLastError(0);
    CU_ASSERT_FALSE(GetExitCodeThread(e, &code)); /* an event is not a thread */
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
    CloseHandle(e);
}

static DWORD tls_index;

static DWORD WINAPI tls_probe(LPVOID arg)
{
    (void)arg;
    DWORD result = 0;
    if (TlsGetValue(tls_index) == NULL)
        result |= 1; /* starts NULL in a new thread */
    TlsSetValue(tls_index, (LPVOID)(uintptr_t)0xBEEF);
    if (TlsGetValue(tls_index) == (LPVOID)(uintptr_t)0xBEEF)
        result |= 2;
    return result;
}

static void test_tls_isolated_between_threads(void)
{
    tls_index = TlsAlloc();
    CU_ASSERT_NOT_EQUAL_FATAL(tls_index, TLS_OUT_OF_INDEXES);
    CU_ASSERT_PTR_NULL(TlsGetValue(tls_index));
    CU_ASSERT_TRUE(TlsSetValue(tls_index, (LPVOID)(uintptr_t)0x1234));
    CU_ASSERT_EQUAL(tt_join(tt_start(tls_probe, NULL)), 3);
    CU_ASSERT_PTR_EQUAL(TlsGetValue(tls_index), (LPVOID)(uintptr_t)0x1234); /* untouched */
    CU_ASSERT_TRUE(TlsFree(tls_index));
}

static void test_tls_get_value_clears_last_error(void)
{
    DWORD i = TlsAlloc();
    CU_ASSERT_NOT_EQUAL_FATAL(i, TLS_OUT_OF_INDEXES);
    SetLastError(1234);
    CU_ASSERT_PTR_NULL(TlsGetValue(i));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_SUCCESS); /* tells a stored NULL from a failure */
    CU_ASSERT_TRUE(TlsFree(i));
}

static void test_tls_invalid_index(void)
{
    DWORD i = TlsAlloc();
    CU_ASSERT_NOT_EQUAL_FATAL(i, TLS_OUT_OF_INDEXES);
    CU_ASSERT_TRUE(TlsFree(i));
    SetLastError(0);
    CU_ASSERT_FALSE(TlsFree(i)); /* no longer allocated */
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    CU_ASSERT_PTR_NULL(TlsGetValue(5000));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    CU_ASSERT_FALSE(TlsSetValue(5000, NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
}

static void test_tls_indexes_distinct(void)
{
    DWORD a = TlsAlloc(), b = TlsAlloc();
    CU_ASSERT_NOT_EQUAL(a, TLS_OUT_OF_INDEXES);
    CU_ASSERT_NOT_EQUAL(b, TLS_OUT_OF_INDEXES);
    CU_ASSERT_NOT_EQUAL(a, b);
    TlsSetValue(a, (LPVOID)(uintptr_t)1);
    TlsSetValue(b, (LPVOID)(uintptr_t)2);
    CU_ASSERT_PTR_EQUAL(TlsGetValue(a), (LPVOID)(uintptr_t)1);
    CU_ASSERT_PTR_EQUAL(TlsGetValue(b), (LPVOID)(uintptr_t)2);
    CU_ASSERT_TRUE(TlsFree(a));
    CU_ASSERT_TRUE(TlsFree(b));
}

static DWORD WINAPI last_error_probe(LPVOID arg)
{
    (void)arg;
    if (GetLastError() != 0)
        return 1; /* a new thread starts with 0 */
    SetLastError(42);
    Sleep(20);
    return GetLastError();
}

static void test_last_error_per_thread(void)
{
    SetLastError(1234);
    CU_ASSERT_EQUAL(tt_join(tt_start(last_error_probe, NULL)), 42);
    CU_ASSERT_EQUAL(GetLastError(), 1234);
    SetLastError(0);
}

static void test_thread_ids_differ(void)
{
    struct id_probe p;
    memset(&p, 0, sizeof p);
    p.go = CreateEventW(NULL, TRUE, TRUE, NULL);
    tt_join(tt_start(record_ids, &p));
    CU_ASSERT_NOT_EQUAL(p.seen_tid, 0);
    CU_ASSERT_NOT_EQUAL(p.seen_tid, GetCurrentThreadId());
    CU_ASSERT_EQUAL(GetCurrentThreadId(), GetCurrentThreadId());
    CloseHandle(p.go);
}

static void test_sleep_advances_tick(void)
{
    ULONGLONG t0 = GetTickCount64();
    Sleep(60);
    ULONGLONG dt = GetTickCount64() - t0;
    CU_ASSERT(dt >= 45 && dt < 5000);
    Sleep(0);
    SwitchToThread();
}

void port_register_thread_tests(void)
{
    CU_pSuite s = esent_test_suite("thread", NULL, NULL);
    esent_test_add(s, "CreateThread, wait, exit code", test_thread_exit_code);
    esent_test_add(s, "STILL_ACTIVE, WAIT_TIMEOUT, thread and process ids", test_thread_still_active_and_ids);
    esent_test_add(s, "wait timeout lasts about that long", test_wait_timeout_duration);
    esent_test_add(s, "manual-reset event", test_manual_reset_event);
    esent_test_add(s, "auto-reset event", test_auto_reset_event);
    esent_test_add(s, "CreateEventA", test_create_event_a);
    esent_test_add(s, "auto-reset event releases exactly one waiter", test_auto_reset_releases_one_waiter);
    esent_test_add(s, "manual-reset event releases every waiter", test_manual_reset_releases_all_waiters);
    esent_test_add(s, "WaitForMultipleObjects any: lowest signaled index", test_wait_multiple_any);
    esent_test_add(s, "WaitForMultipleObjects all", test_wait_multiple_all);
    esent_test_add(s, "wait-all consumes nothing until all are signaled", test_wait_all_does_not_consume_partially);
    esent_test_add(s, "wait-all on threads and events", test_wait_all_threads_and_events);
    esent_test_add(s, "WaitForMultipleObjects parameter errors", test_wait_multiple_invalid);
    esent_test_add(s, "waits on NULL/closed handles fail", test_wait_invalid_handles);
    esent_test_add(s, "event/thread functions reject other handle kinds", test_event_functions_reject_other_handles);
    esent_test_add(s, "TLS values are per thread", test_tls_isolated_between_threads);
    esent_test_add(s, "TlsGetValue sets ERROR_SUCCESS", test_tls_get_value_clears_last_error);
    esent_test_add(s, "TLS indexes are distinct", test_tls_indexes_distinct);
    esent_test_add(s, "TLS invalid index: ERROR_INVALID_PARAMETER", test_tls_invalid_index);
    esent_test_add(s, "GetLastError is per thread", test_last_error_per_thread);
    esent_test_add(s, "thread ids differ between threads", test_thread_ids_differ);
    esent_test_add(s, "Sleep advances the tick count", test_sleep_advances_tick);
}
