/* Critical sections, SRW locks, condition variables, Interlocked operations. */
#include "port_test.h"

#include <string.h>

/* ---- critical sections ---- */

static CRITICAL_SECTION cs;

static DWORD WINAPI try_enter_cs(LPVOID arg)
{
    (void)arg;
    if (!TryEnterCriticalSection(&cs))
        return 0;
    LeaveCriticalSection(&cs);
    return 1;
}

static void test_cs_recursion_and_try_enter(void)
{
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    EnterCriticalSection(&cs); /* recursive */
    CU_ASSERT_TRUE(TryEnterCriticalSection(&cs)); /* owner may re-enter */
    LeaveCriticalSection(&cs);
    CU_ASSERT_EQUAL(tt_join(tt_start(try_enter_cs, NULL)), 0);
    LeaveCriticalSection(&cs);
    CU_ASSERT_EQUAL(tt_join(tt_start(try_enter_cs, NULL)), 0); /* still held once */
    LeaveCriticalSection(&cs);
    CU_ASSERT_EQUAL(tt_join(tt_start(try_enter_cs, NULL)), 1);
    DeleteCriticalSection(&cs);
}

struct counter {
    CRITICAL_SECTION cs;
    SRWLOCK srw;
    volatile long value;
};

static DWORD WINAPI add_under_cs(LPVOID arg)
{
    struct counter *c = arg;
    for (int i = 0; i < 20000; i++) {
        EnterCriticalSection(&c->cs);
        c->value = c->value + 1;
        LeaveCriticalSection(&c->cs);
    }
    return 0;
}

static void test_cs_mutual_exclusion(void)
{
    struct counter c;
    memset(&c, 0, sizeof c);
    CU_ASSERT_TRUE(InitializeCriticalSectionAndSpinCount(&c.cs, 4000));
    HANDLE t[4];
    for (int i = 0; i < 4; i++)
        t[i] = tt_start(add_under_cs, &c);
    for (int i = 0; i < 4; i++)
        tt_join(t[i]);
    CU_ASSERT_EQUAL(c.value, 80000);
    DeleteCriticalSection(&c.cs);
}

/* ---- SRW locks ---- */

static SRWLOCK static_srw = SRWLOCK_INIT;

struct srw_probe {
    SRWLOCK *lock;
    int exclusive;
};

static DWORD WINAPI try_acquire_srw(LPVOID arg)
{
    struct srw_probe *p = arg;
    if (p->exclusive) {
        if (!TryAcquireSRWLockExclusive(p->lock))
            return 0;
        ReleaseSRWLockExclusive(p->lock);
    } else {
        if (!TryAcquireSRWLockShared(p->lock))
            return 0;
        ReleaseSRWLockShared(p->lock);
    }
    return 1;
}

static DWORD try_from_thread(SRWLOCK *lock, int exclusive)
{
    struct srw_probe p = {lock, exclusive};
    return tt_join(tt_start(try_acquire_srw, &p));
}

static void test_srw_shared_vs_exclusive(void)
{
    SRWLOCK l;
    InitializeSRWLock(&l);
    AcquireSRWLockShared(&l);
    CU_ASSERT_EQUAL(try_from_thread(&l, 0), 1); /* shared + shared */
    CU_ASSERT_EQUAL(try_from_thread(&l, 1), 0); /* exclusive blocked by shared */
    ReleaseSRWLockShared(&l);
    AcquireSRWLockExclusive(&l);
    CU_ASSERT_EQUAL(try_from_thread(&l, 0), 0);
    CU_ASSERT_EQUAL(try_from_thread(&l, 1), 0);
    ReleaseSRWLockExclusive(&l);
    CU_ASSERT_EQUAL(try_from_thread(&l, 1), 1);
}

static void test_srw_static_init_and_try(void)
{
    CU_ASSERT_TRUE(TryAcquireSRWLockExclusive(&static_srw));
    CU_ASSERT_FALSE(TryAcquireSRWLockShared(&static_srw)); /* not re-entrant */
    ReleaseSRWLockExclusive(&static_srw);
    CU_ASSERT_TRUE(TryAcquireSRWLockShared(&static_srw));
    CU_ASSERT_FALSE(TryAcquireSRWLockExclusive(&static_srw));
    ReleaseSRWLockShared(&static_srw);
}

static DWORD WINAPI add_under_srw(LPVOID arg)
{
    struct counter *c = arg;
    for (int i = 0; i < 20000; i++) {
        AcquireSRWLockExclusive(&c->srw);
        c->value = c->value + 1;
        ReleaseSRWLockExclusive(&c->srw);
        AcquireSRWLockShared(&c->srw);
        (void)c->value;
        ReleaseSRWLockShared(&c->srw);
    }
    return 0;
}

static void test_srw_mutual_exclusion(void)
{
    struct counter c;
    memset(&c, 0, sizeof c);
    InitializeSRWLock(&c.srw);
    HANDLE t[4];
    for (int i = 0; i < 4; i++)
        t[i] = tt_start(add_under_srw, &c);
    for (int i = 0; i < 4; i++)
        tt_join(t[i]);
    CU_ASSERT_EQUAL(c.value, 80000);
}

/* Readers and writers at once: a writer is alone (no reader inside), a reader sees a writer's two
 * stores together, and nothing is lost. Under ThreadSanitizer the plain fields are the check that the
 * lock orders the threads. */
struct rw_state {
    SRWLOCK lock;
    long a, b;                /* written only by exclusive holders, read by shared ones */
    LONG readers_in;
    LONG bad;
};

static DWORD WINAPI rw_writer(LPVOID arg)
{
    struct rw_state *s = arg;
    for (int i = 0; i < 5000; i++) {
        if (i % 3 == 0) {
            while (!TryAcquireSRWLockExclusive(&s->lock))
                SwitchToThread();
        } else {
            AcquireSRWLockExclusive(&s->lock);
        }
        if (InterlockedCompareExchange(&s->readers_in, 0, 0) != 0)
            InterlockedIncrement(&s->bad);
        s->a++;
        if (i % 64 == 0)
            SwitchToThread();    /* let the others pile up behind the lock */
        s->b++;
        ReleaseSRWLockExclusive(&s->lock);
    }
    return 0;
}

static DWORD WINAPI rw_reader(LPVOID arg)
{
    struct rw_state *s = arg;
    for (int i = 0; i < 10000; i++) {
        if (i % 5 == 0) {
            if (!TryAcquireSRWLockShared(&s->lock))
                continue;
        } else {
            AcquireSRWLockShared(&s->lock);
        }
        InterlockedIncrement(&s->readers_in);
        if (s->a != s->b)
            InterlockedIncrement(&s->bad);
        InterlockedDecrement(&s->readers_in);
        ReleaseSRWLockShared(&s->lock);
    }
    return 0;
}

static void test_srw_readers_and_writers(void)
{
    struct rw_state s;
    memset(&s, 0, sizeof s);
    InitializeSRWLock(&s.lock);
    HANDLE t[5];
    for (int i = 0; i < 5; i++)
        t[i] = tt_start(i < 2 ? rw_writer : rw_reader, &s);
    for (int i = 0; i < 5; i++)
        tt_join(t[i]);
    CU_ASSERT_EQUAL(s.bad, 0);
    CU_ASSERT_EQUAL(s.a, 10000);
    CU_ASSERT_EQUAL(s.b, 10000);
    CU_ASSERT_TRUE(TryAcquireSRWLockExclusive(&s.lock));   /* left free */
    ReleaseSRWLockExclusive(&s.lock);
}

/* ---- condition variables ---- */

static void test_cv_cs_timeout(void)
{
    CONDITION_VARIABLE cv = CONDITION_VARIABLE_INIT;
    InitializeCriticalSection(&cs);
    EnterCriticalSection(&cs);
    ULONGLONG t0 = GetTickCount64();
    SetLastError(0);
    CU_ASSERT_FALSE(SleepConditionVariableCS(&cv, &cs, 60));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_TIMEOUT);
    ULONGLONG dt = GetTickCount64() - t0;
    CU_ASSERT(dt >= 45 && dt < 5000);
    CU_ASSERT_EQUAL(tt_join(tt_start(try_enter_cs, NULL)), 0); /* re-acquired on return */
    LeaveCriticalSection(&cs);
    DeleteCriticalSection(&cs);
}

static void test_cv_srw_timeout(void)
{
    CONDITION_VARIABLE cv;
    InitializeConditionVariable(&cv);
    SRWLOCK l = SRWLOCK_INIT;
    AcquireSRWLockShared(&l);
    SetLastError(0);
    CU_ASSERT_FALSE(SleepConditionVariableSRW(&cv, &l, 30, CONDITION_VARIABLE_LOCKMODE_SHARED));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_TIMEOUT);
    CU_ASSERT_EQUAL(try_from_thread(&l, 1), 0); /* shared lock held again */
    ReleaseSRWLockShared(&l);
    AcquireSRWLockExclusive(&l);
    CU_ASSERT_FALSE(SleepConditionVariableSRW(&cv, &l, 0, 0));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_TIMEOUT);
    CU_ASSERT_EQUAL(try_from_thread(&l, 0), 0); /* exclusive lock held again */
    ReleaseSRWLockExclusive(&l);
}

struct cv_state {
    CONDITION_VARIABLE cv;
    CRITICAL_SECTION cs;
    SRWLOCK srw;
    int ready;
    LONG waiting;
    LONG woken;
};

static DWORD WINAPI cv_wait_cs(LPVOID arg)
{
    struct cv_state *s = arg;
    DWORD bad = 0;
    EnterCriticalSection(&s->cs);
    InterlockedIncrement(&s->waiting);
    while (!s->ready)
        if (!SleepConditionVariableCS(&s->cv, &s->cs, 10000))
            bad = 1;
    LeaveCriticalSection(&s->cs);
    InterlockedIncrement(&s->woken);
    return bad;
}

static DWORD WINAPI cv_wait_srw(LPVOID arg)
{
    struct cv_state *s = arg;
    DWORD bad = 0;
    AcquireSRWLockExclusive(&s->srw);
    InterlockedIncrement(&s->waiting);
    while (!s->ready)
        if (!SleepConditionVariableSRW(&s->cv, &s->srw, 10000, 0))
            bad = 1;
    ReleaseSRWLockExclusive(&s->srw);
    InterlockedIncrement(&s->woken);
    return bad;
}

static void wait_for_count(LONG *value, LONG n)
{
    for (int i = 0; i < 500 && InterlockedCompareExchange(value, 0, 0) < n; i++)
        Sleep(10);
}

static void test_cv_wake_one(void)
{
    struct cv_state s;
    memset(&s, 0, sizeof s);
    InitializeConditionVariable(&s.cv);
    InitializeCriticalSection(&s.cs);
    HANDLE t = tt_start(cv_wait_cs, &s);
    wait_for_count(&s.waiting, 1);
    Sleep(20);
    CU_ASSERT_EQUAL(InterlockedCompareExchange(&s.woken, 0, 0), 0);
    EnterCriticalSection(&s.cs);
    s.ready = 1;
    LeaveCriticalSection(&s.cs);
    WakeConditionVariable(&s.cv);
    CU_ASSERT_EQUAL(tt_join(t), 0); /* woke with TRUE */
    CU_ASSERT_EQUAL(s.woken, 1);
    DeleteCriticalSection(&s.cs);
}

static void test_cv_wake_all_srw(void)
{
    struct cv_state s;
    memset(&s, 0, sizeof s);
    InitializeConditionVariable(&s.cv);
    InitializeSRWLock(&s.srw);
    HANDLE t[3];
    for (int i = 0; i < 3; i++)
        t[i] = tt_start(cv_wait_srw, &s);
    wait_for_count(&s.waiting, 3);
    AcquireSRWLockExclusive(&s.srw);
    s.ready = 1;
    ReleaseSRWLockExclusive(&s.srw);
    WakeAllConditionVariable(&s.cv);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(tt_join(t[i]), 0);
    CU_ASSERT_EQUAL(s.woken, 3);
}

/* ---- Interlocked ---- */

static void test_interlocked_32(void)
{
    LONG volatile v = 5;
    CU_ASSERT_EQUAL(InterlockedIncrement(&v), 6);
    CU_ASSERT_EQUAL(InterlockedDecrement(&v), 5);
    CU_ASSERT_EQUAL(InterlockedExchange(&v, 10), 5);
    CU_ASSERT_EQUAL(InterlockedExchangeAdd(&v, 3), 10);
    CU_ASSERT_EQUAL(v, 13);
    CU_ASSERT_EQUAL(InterlockedCompareExchange(&v, 20, 99), 13); /* no match: unchanged */
    CU_ASSERT_EQUAL(v, 13);
    CU_ASSERT_EQUAL(InterlockedCompareExchange(&v, 20, 13), 13);
    CU_ASSERT_EQUAL(v, 20);
    v = 0x7FFFFFFF;
    CU_ASSERT_EQUAL(InterlockedIncrement(&v), (LONG)0x80000000); /* wraps like a 32-bit LONG */
}

static void test_interlocked_64(void)
{
    LONG64 volatile v = 0xFFFFFFFFLL;
    CU_ASSERT_EQUAL(InterlockedIncrement64(&v), 0x100000000LL);
    CU_ASSERT_EQUAL(InterlockedDecrement64(&v), 0xFFFFFFFFLL);
    CU_ASSERT_EQUAL(InterlockedExchange64(&v, 0x123456789LL), 0xFFFFFFFFLL);
    CU_ASSERT_EQUAL(InterlockedExchangeAdd64(&v, 0x100000000LL), 0x123456789LL);
    CU_ASSERT_EQUAL(v, 0x223456789LL);
    CU_ASSERT_EQUAL(InterlockedCompareExchange64(&v, 1, 0x223456789LL), 0x223456789LL);
    CU_ASSERT_EQUAL(v, 1);
}

static void test_interlocked_pointer(void)
{
    int a, b;
    PVOID volatile p = &a;
    CU_ASSERT_PTR_EQUAL(InterlockedExchangePointer(&p, &b), &a);
    CU_ASSERT_PTR_EQUAL(p, &b);
    CU_ASSERT_PTR_EQUAL(InterlockedCompareExchangePointer(&p, &a, &a), &b); /* no match */
    CU_ASSERT_PTR_EQUAL(p, &b);
    CU_ASSERT_PTR_EQUAL(InterlockedCompareExchangePointer(&p, &a, &b), &b);
    CU_ASSERT_PTR_EQUAL(p, &a);
}

static LONG volatile shared32;
static LONG64 volatile shared64;

static DWORD WINAPI hammer(LPVOID arg)
{
    (void)arg;
    for (int i = 0; i < 100000; i++) {
        InterlockedIncrement(&shared32);
        InterlockedExchangeAdd64(&shared64, 3);
    }
    return 0;
}

static void test_interlocked_concurrent(void)
{
    shared32 = 0;
    shared64 = 0;
    HANDLE t[4];
    for (int i = 0; i < 4; i++)
        t[i] = tt_start(hammer, NULL);
    for (int i = 0; i < 4; i++)
        tt_join(t[i]);
    CU_ASSERT_EQUAL(shared32, 400000);
    CU_ASSERT_EQUAL(shared64, 1200000);
}

void port_register_sync_tests(void)
{
    CU_pSuite s = esent_test_suite("sync", NULL, NULL);
    esent_test_add(s, "critical section is recursive; TryEnter from another thread", test_cs_recursion_and_try_enter);
    esent_test_add(s, "critical section excludes", test_cs_mutual_exclusion);
    esent_test_add(s, "SRW shared vs exclusive", test_srw_shared_vs_exclusive);
    esent_test_add(s, "SRWLOCK_INIT and TryAcquire", test_srw_static_init_and_try);
    esent_test_add(s, "SRW exclusive excludes", test_srw_mutual_exclusion);
    esent_test_add(s, "SRW readers and writers at once", test_srw_readers_and_writers);
    esent_test_add(s, "SleepConditionVariableCS timeout: ERROR_TIMEOUT", test_cv_cs_timeout);
    esent_test_add(s, "SleepConditionVariableSRW timeout, both modes", test_cv_srw_timeout);
    esent_test_add(s, "WakeConditionVariable wakes a waiter", test_cv_wake_one);
    esent_test_add(s, "WakeAllConditionVariable wakes every waiter", test_cv_wake_all_srw);
    esent_test_add(s, "Interlocked 32-bit", test_interlocked_32);
    esent_test_add(s, "Interlocked 64-bit", test_interlocked_64);
    esent_test_add(s, "Interlocked pointer", test_interlocked_pointer);
    esent_test_add(s, "Interlocked under contention", test_interlocked_concurrent);
}
