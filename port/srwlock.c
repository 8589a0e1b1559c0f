/* SRWLOCK: a writer-preferring pthread rwlock stored inside the caller's opaque object.
 *
 * Win32 SRW locks need no initialisation beyond all-zero bytes (SRWLOCK_INIT) and are never
 * destroyed, so the rwlock is initialised lazily on first use: `state` goes 0 (all-zero, as
 * created) → 1 (one thread initialising) → 2 (ready), and stays 2. A thread that acquires a
 * lock it already holds deadlocks on Windows; glibc detects it (EDEADLK) and the port aborts
 * rather than return as if it held the lock. */
#include "port_internal.h"

#include <sched.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>

enum { SRW_UNINITIALISED, SRW_INITIALISING, SRW_READY };

struct port_srw {
    uint32_t state; /* atomic */
    pthread_rwlock_t rwlock;
} __attribute__((may_alias));

_Static_assert(sizeof(struct port_srw) <= sizeof(SRWLOCK), "SRWLOCK too small");
_Static_assert(alignof(struct port_srw) <= alignof(SRWLOCK), "SRWLOCK misaligned");

static pthread_rwlock_t *srw_lock(PSRWLOCK lock)
{
    struct port_srw *s = (struct port_srw *)lock;
    uint32_t state = __atomic_load_n(&s->state, __ATOMIC_ACQUIRE);
    if (state == SRW_READY)
        return &s->rwlock;
    uint32_t expected = SRW_UNINITIALISED;
    if (__atomic_compare_exchange_n(&s->state, &expected, SRW_INITIALISING, 0, __ATOMIC_ACQUIRE,
                                    __ATOMIC_ACQUIRE)) {
        pthread_rwlockattr_t attr;
        pthread_rwlockattr_init(&attr);
        pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
        pthread_rwlock_init(&s->rwlock, &attr);
        pthread_rwlockattr_destroy(&attr);
        __atomic_store_n(&s->state, SRW_READY, __ATOMIC_RELEASE);
    } else {
        while (__atomic_load_n(&s->state, __ATOMIC_ACQUIRE) != SRW_READY)
            sched_yield();
    }
    return &s->rwlock;
}

static void check(int rc, const char *what)
{
    if (rc != 0) {
        fprintf(stderr, "esent port: %s failed (%d): SRW lock acquired recursively?\n", what, rc);
        abort();
    }
}

void WINAPI InitializeSRWLock(PSRWLOCK SRWLock)
{
    ((struct port_srw *)SRWLock)->state = SRW_UNINITIALISED;
}

void WINAPI AcquireSRWLockExclusive(PSRWLOCK SRWLock)
{
    check(pthread_rwlock_wrlock(srw_lock(SRWLock)), "AcquireSRWLockExclusive");
}

void WINAPI AcquireSRWLockShared(PSRWLOCK SRWLock)
{
    check(pthread_rwlock_rdlock(srw_lock(SRWLock)), "AcquireSRWLockShared");
}

void WINAPI ReleaseSRWLockExclusive(PSRWLOCK SRWLock)
{
    pthread_rwlock_unlock(srw_lock(SRWLock));
}

void WINAPI ReleaseSRWLockShared(PSRWLOCK SRWLock)
{
    pthread_rwlock_unlock(srw_lock(SRWLock));
}

BOOLEAN WINAPI TryAcquireSRWLockExclusive(PSRWLOCK SRWLock)
{
    return pthread_rwlock_trywrlock(srw_lock(SRWLock)) == 0;
}

BOOLEAN WINAPI TryAcquireSRWLockShared(PSRWLOCK SRWLock)
{
    return pthread_rwlock_tryrdlock(srw_lock(SRWLock)) == 0;
}
