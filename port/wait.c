/* WaitForSingleObject / WaitForMultipleObjects on threads, events and files.
 *
 * Invariant: the signaled state of every waitable object and its list of blocked waits change
 * only under wait_lock. A wait evaluates all its objects under that lock, so "wait all" sees a
 * consistent snapshot and consumes auto-reset events atomically, and an auto-reset event is
 * consumed by exactly one satisfied wait. A blocked wait sleeps on its own condition variable,
 * linked into each object it waits for; signaling an object wakes the waits linked to it,
 * which re-evaluate (and may go back to sleep). File handles are always signaled (no I/O is
 * ever pending); the current-process pseudo handle is never signaled while we run. */
#include "port_internal.h"

#include <errno.h>
#include <time.h>

static pthread_mutex_t wait_lock = PTHREAD_MUTEX_INITIALIZER;

struct port_waiter {
    pthread_cond_t cond; /* CLOCK_MONOTONIC; signaled under wait_lock */
};

struct port_wait_link {
    struct port_wait_link *next, *prev;
    struct port_waiter *waiter;
};

void port_waitable_init(struct port_waitable *w, enum port_kind kind,
                        void (*destroy)(struct port_object *), int signaled, int auto_reset)
{
    port_object_init(&w->base, kind, destroy);
    w->signaled = signaled;
    w->auto_reset = auto_reset;
    w->waiters = NULL;
}

void port_waitable_set(struct port_waitable *w, int signaled)
{
    pthread_mutex_lock(&wait_lock);
    w->signaled = signaled;
    if (signaled)
        for (struct port_wait_link *l = w->waiters; l != NULL; l = l->next)
            pthread_cond_signal(&l->waiter->cond);
    pthread_mutex_unlock(&wait_lock);
}

/* One object of a wait: a waitable, an always-signaled file, or the never-signaled process. */
struct target {
    struct port_object *obj;    /* referenced; NULL for the current-process pseudo handle */
    struct port_waitable *wait; /* obj as a waitable (thread, event), else NULL */
    struct port_wait_link link;
};

static int is_signaled(const struct target *t)
{
    if (t->wait != NULL)
        return t->wait->signaled;
    return t->obj != NULL; /* a file */
}

static void consume(struct target *t)
{
    if (t->wait != NULL && t->wait->auto_reset)
        t->wait->signaled = 0;
}

/* Under wait_lock: WAIT_OBJECT_0 + i if the wait is satisfied now (consuming what it takes),
 * else WAIT_TIMEOUT. */
static DWORD try_satisfy(struct target *t, DWORD n, BOOL all)
{
    if (all) {
        for (DWORD i = 0; i < n; i++)
            if (!is_signaled(&t[i]))
                return WAIT_TIMEOUT;
        for (DWORD i = 0; i < n; i++)
            consume(&t[i]);
        return WAIT_OBJECT_0;
    }
    for (DWORD i = 0; i < n; i++)
        if (is_signaled(&t[i])) {
            consume(&t[i]);
            return WAIT_OBJECT_0 + i;
        }
    return WAIT_TIMEOUT;
}

static void link_waiter(struct target *t, struct port_waiter *waiter)
{
    if (t->wait == NULL)
        return;
    t->link.waiter = waiter;
    t->link.prev = NULL;
    t->link.next = t->wait->waiters;
    if (t->link.next != NULL)
        t->link.next->prev = &t->link;
    t->wait->waiters = &t->link;
}

static void unlink_waiter(struct target *t)
{
    if (t->wait == NULL)
        return;
    if (t->link.prev != NULL)
        t->link.prev->next = t->link.next;
    else
        t->wait->waiters = t->link.next;
    if (t->link.next != NULL)
        t->link.next->prev = t->link.prev;
}

static void deadline_after(struct timespec *deadline, DWORD ms)
{
    clock_gettime(CLOCK_MONOTONIC, deadline);
    deadline->tv_sec += ms / 1000;
    deadline->tv_nsec += (long)(ms % 1000) * 1000000L;
    if (deadline->tv_nsec >= 1000000000L) {
        deadline->tv_sec++;
        deadline->tv_nsec -= 1000000000L;
    }
}

/* Blocks under wait_lock until satisfied or timed out. */
static DWORD block(struct target *t, DWORD n, BOOL all, DWORD ms)
{
    struct port_waiter waiter;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&waiter.cond, &attr);
    pthread_condattr_destroy(&attr);

    struct timespec deadline;
    if (ms != INFINITE)
        deadline_after(&deadline, ms);
    for (DWORD i = 0; i < n; i++)
        link_waiter(&t[i], &waiter);
    DWORD result;
    for (;;) {
        int rc = ms == INFINITE ? pthread_cond_wait(&waiter.cond, &wait_lock)
                                : pthread_cond_timedwait(&waiter.cond, &wait_lock, &deadline);
        result = try_satisfy(t, n, all);
        if (result != WAIT_TIMEOUT || rc == ETIMEDOUT)
            break;
    }
    for (DWORD i = 0; i < n; i++)
        unlink_waiter(&t[i]);
    pthread_cond_destroy(&waiter.cond);
    return result;
}

static void release_targets(struct target *t, DWORD n)
{
    for (DWORD i = 0; i < n; i++)
        if (t[i].obj != NULL)
            port_object_release(t[i].obj);
}

DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles, BOOL bWaitAll,
                                    DWORD dwMilliseconds)
{
    if (nCount == 0 || nCount > MAXIMUM_WAIT_OBJECTS || lpHandles == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    struct target t[MAXIMUM_WAIT_OBJECTS];
    for (DWORD i = 0; i < nCount; i++) {
        t[i].obj = NULL;
        t[i].wait = NULL;
        if (lpHandles[i] == PORT_CURRENT_PROCESS)
            continue;
        struct port_object *obj = port_handle_get(lpHandles[i], PORT_KIND_ANY);
        if (obj == NULL || obj->kind == PORT_KIND_FIND) { /* find handles cannot be waited on */
            if (obj != NULL)
                port_object_release(obj);
            release_targets(t, i);
            SetLastError(ERROR_INVALID_HANDLE);
            return WAIT_FAILED;
        }
        t[i].obj = obj;
        if (obj->kind == PORT_KIND_THREAD || obj->kind == PORT_KIND_EVENT)
            t[i].wait = (struct port_waitable *)obj;
    }
    /* Windows refuses the same object twice in a wait-all (STATUS_INVALID_PARAMETER_MIX). */
    if (bWaitAll)
        for (DWORD i = 0; i < nCount; i++)
            for (DWORD j = i + 1; j < nCount; j++)
                if (t[i].obj == t[j].obj && lpHandles[i] != PORT_CURRENT_PROCESS) {
                    release_targets(t, nCount);
                    SetLastError(ERROR_INVALID_PARAMETER);
                    return WAIT_FAILED;
                }

    pthread_mutex_lock(&wait_lock);
    DWORD result = try_satisfy(t, nCount, bWaitAll);
    if (result == WAIT_TIMEOUT && dwMilliseconds != 0)
        result = block(t, nCount, bWaitAll, dwMilliseconds);
    pthread_mutex_unlock(&wait_lock);
    release_targets(t, nCount);
    return result;
}

DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds)
{
    return WaitForMultipleObjects(1, &hHandle, FALSE, dwMilliseconds);
}
