/* SRWLOCK: a writer-preferring reader/writer lock on one atomic state word and Linux futexes.
 *
 * Win32 SRW locks need no initialisation beyond all-zero bytes (SRWLOCK_INIT) and are never
 * destroyed: all-zero is the unlocked lock with nobody waiting, and nothing is ever allocated.
 * The design is the one of Rust's futex RwLock (library/std/src/sys/sync/rwlock/futex.rs).
 *
 * state (atomic):
 *   bits 0-29  SRW_MASK part: the number of shared holders, or SRW_WRITE_LOCKED (all ones) while
 *              held exclusively; 0 is unlocked
 *   bit 30     SRW_READERS_WAITING: some thread sleeps (or is about to) in AcquireSRWLockShared
 *   bit 31     SRW_WRITERS_WAITING: some thread sleeps (or is about to) in AcquireSRWLockExclusive
 * writer_notify (atomic): the futex word exclusive waiters sleep on; a wake-up increments it first,
 *   so a waiter that read it before checking the state never misses the wake-up.
 *
 * Invariants:
 *   - Uncontended acquire is one compare-and-swap (0 -> SRW_WRITE_LOCKED, or n -> n + 1 shared),
 *     release one atomic subtraction; the futex calls happen only when a waiting bit is set.
 *   - Every successful acquire is an ACQUIRE operation on state and every release a RELEASE
 *     operation on it (the waiting-bit updates in between are relaxed read-modify-writes, which
 *     continue the release sequence), so the happens-before edge from one holder to the next is
 *     carried by the atomic state word alone. The futex syscalls only put threads to sleep and
 *     wake them; ThreadSanitizer, which does not understand them, sees correct synchronisation.
 *   - Writer preference, as the pthread rwlock this replaces (PTHREAD_RWLOCK_PREFER_WRITER_
 *     NONRECURSIVE_NP) and Windows: a shared acquire does not start while any thread waits, so a
 *     stream of readers cannot starve a writer. TryAcquireSRWLockShared fails in that case too.
 *   - A release that sees waiting bits wakes one exclusive waiter when there is one, otherwise all
 *     shared waiters; the waiting bits are cleared by the waker and set again by any thread that
 *     still has to wait, so no waiter sleeps while the lock is free and its bit clear.
 *
 * A thread that acquires a lock it already holds deadlocks on Windows. The exclusive holder is
 * recorded (owner, relaxed atomic), and a thread that would block on a lock it holds exclusively
 * aborts with a message instead of hanging, as the pthread-based lock did (glibc's EDEADLK). A
 * thread holding the lock shared that asks again while a writer waits deadlocks, as on Windows. */
#include "port_internal.h"

#include <linux/futex.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SRW_MASK            ((1u << 30) - 1u)
#define SRW_READ_LOCKED     1u
#define SRW_WRITE_LOCKED    SRW_MASK
#define SRW_MAX_READERS     (SRW_MASK - 1u)
#define SRW_READERS_WAITING (1u << 30)
#define SRW_WRITERS_WAITING (1u << 31)
#define SRW_SPINS           100

struct port_srw {
    uint32_t state;         /* atomic: see above */
    uint32_t writer_notify; /* atomic: futex word of exclusive waiters */
    void *owner;            /* atomic (relaxed): the exclusive holder (self()), NULL when none */
} __attribute__((may_alias));

_Static_assert(sizeof(struct port_srw) <= sizeof(SRWLOCK), "SRWLOCK too small");
_Static_assert(alignof(struct port_srw) <= alignof(SRWLOCK), "SRWLOCK misaligned");

static struct port_srw *srw(PSRWLOCK lock)
{
    return (struct port_srw *)lock;
}

static int is_unlocked(uint32_t s) { return (s & SRW_MASK) == 0; }
static int is_write_locked(uint32_t s) { return (s & SRW_MASK) == SRW_WRITE_LOCKED; }
static int readers_waiting(uint32_t s) { return (s & SRW_READERS_WAITING) != 0; }
static int writers_waiting(uint32_t s) { return (s & SRW_WRITERS_WAITING) != 0; }

/* A shared acquire may start: not held exclusively, room for one more reader, and nobody waiting
 * (writer preference: waiting readers only wait because a writer holds or waits for the lock). */
static int is_read_lockable(uint32_t s)
{
    return (s & SRW_MASK) < SRW_MAX_READERS && !readers_waiting(s) && !writers_waiting(s);
}

static uint32_t load_relaxed(const uint32_t *p)
{
    return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static int cas(uint32_t *p, uint32_t *expected, uint32_t desired, int success_order)
{
    return __atomic_compare_exchange_n(p, expected, desired, 0, success_order, __ATOMIC_RELAXED);
}

static void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static void futex_wait(uint32_t *word, uint32_t expected)
{
    /* EAGAIN (the word changed), EINTR and spurious returns all just make the caller look again. */
    syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

/* Returns 1 when the call woke a thread. */
static int futex_wake(uint32_t *word, int count)
{
    return syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0) > 0;
}

/* An id of the calling thread, unique among live threads: its thread pointer (one instruction; on glibc
 * the same value as pthread_self()). */
static void *self(void)
{
#if defined(__has_builtin)
#if __has_builtin(__builtin_thread_pointer)
    return __builtin_thread_pointer();
#endif
#endif
    return (void *)pthread_self();
}

static void record_owner(struct port_srw *s)
{
    __atomic_store_n(&s->owner, self(), __ATOMIC_RELAXED);
}

/* Only this thread ever stores its own id in owner, and it clears it before releasing, so reading
 * its own id there means it holds the lock exclusively: waiting would never end. */
static void check_not_owner(struct port_srw *s, const char *what)
{
    if (__atomic_load_n(&s->owner, __ATOMIC_RELAXED) == self()) {
        fprintf(stderr, "esent port: %s on an SRW lock this thread holds exclusively "
                        "(acquired recursively; Windows would deadlock)\n", what);
        abort();
    }
}

/* Spins a little while the lock is held and nobody sleeps yet: cheaper than a futex round trip
 * for the short critical sections the engine has. Returns the last state seen. */
static uint32_t spin_read(struct port_srw *s)
{
    uint32_t st = load_relaxed(&s->state);
    for (int n = 0; n < SRW_SPINS && is_write_locked(st) && !readers_waiting(st) && !writers_waiting(st); n++) {
        cpu_relax();
        st = load_relaxed(&s->state);
    }
    return st;
}

static uint32_t spin_write(struct port_srw *s)
{
    uint32_t st = load_relaxed(&s->state);
    for (int n = 0; n < SRW_SPINS && !is_unlocked(st) && !writers_waiting(st); n++) {
        cpu_relax();
        st = load_relaxed(&s->state);
    }
    return st;
}

static __attribute__((noinline)) void read_contended(struct port_srw *s)
{
    check_not_owner(s, "AcquireSRWLockShared");
    uint32_t st = spin_read(s);
    for (;;) {
        if (is_read_lockable(st)) {
            if (cas(&s->state, &st, st + SRW_READ_LOCKED, __ATOMIC_ACQUIRE))
                return;
            continue; /* st reloaded by the failed CAS */
        }
        if ((st & SRW_MASK) == SRW_MAX_READERS) {
            fprintf(stderr, "esent port: too many shared holders of an SRW lock\n");
            abort();
        }
        /* Make sure the readers-waiting bit is set before sleeping, so the releaser wakes us. */
        if (!readers_waiting(st)) {
            if (!cas(&s->state, &st, st | SRW_READERS_WAITING, __ATOMIC_RELAXED))
                continue;
            st |= SRW_READERS_WAITING;
        }
        futex_wait(&s->state, st);
        st = spin_read(s);
    }
}

static __attribute__((noinline)) void write_contended(struct port_srw *s)
{
    check_not_owner(s, "AcquireSRWLockExclusive");
    uint32_t st = spin_write(s);
    uint32_t other_writers = 0; /* once we have slept, others may be asleep too: keep their bit */
    for (;;) {
        if (is_unlocked(st)) {
            if (cas(&s->state, &st, st | SRW_WRITE_LOCKED | other_writers, __ATOMIC_ACQUIRE))
                return;
            continue;
        }
        if (!writers_waiting(st)) {
            if (!cas(&s->state, &st, st | SRW_WRITERS_WAITING, __ATOMIC_RELAXED))
                continue;
        }
        other_writers = SRW_WRITERS_WAITING;
        /* Read the notification counter before looking at the state again: a wake-up between the
         * two changes the counter, and the futex wait then returns at once. */
        uint32_t seq = __atomic_load_n(&s->writer_notify, __ATOMIC_ACQUIRE);
        st = load_relaxed(&s->state);
        if (is_unlocked(st) || !writers_waiting(st))
            continue;
        futex_wait(&s->writer_notify, seq);
        st = spin_write(s);
    }
}

static int wake_writer(struct port_srw *s)
{
    __atomic_add_fetch(&s->writer_notify, 1, __ATOMIC_RELEASE);
    return futex_wake(&s->writer_notify, 1);
}

/* Called by a release that left the lock unlocked with waiting bits set (st: the state after it).
 * Whoever locks the lock meanwhile takes over the job of waking at its own release. */
static __attribute__((noinline)) void wake_writer_or_readers(struct port_srw *s, uint32_t st)
{
    if (st == SRW_WRITERS_WAITING) {
        if (cas(&s->state, &st, 0, __ATOMIC_RELAXED)) {
            wake_writer(s);
            return;
        }
        /* st reloaded: readers may be waiting now too */
    }
    if (st == (SRW_READERS_WAITING | SRW_WRITERS_WAITING)) {
        /* Both wait: leave the readers asleep and wake one writer. */
        if (!cas(&s->state, &st, SRW_READERS_WAITING, __ATOMIC_RELAXED))
            return; /* locked meanwhile: its release wakes */
        if (wake_writer(s))
            return;
        /* No writer was asleep on the futex (it may have seen the change and not slept): wake the
         * readers instead, since we cannot know that a writer will take the lock. */
        st = SRW_READERS_WAITING;
    }
    if (st == SRW_READERS_WAITING) {
        if (cas(&s->state, &st, 0, __ATOMIC_RELAXED))
            futex_wake(&s->state, INT32_MAX);
    }
}

void WINAPI InitializeSRWLock(PSRWLOCK SRWLock)
{
    struct port_srw *s = srw(SRWLock);
    s->state = 0;
    s->writer_notify = 0;
    s->owner = NULL;
}

void WINAPI AcquireSRWLockExclusive(PSRWLOCK SRWLock)
{
    struct port_srw *s = srw(SRWLock);
    uint32_t expected = 0;
    if (!cas(&s->state, &expected, SRW_WRITE_LOCKED, __ATOMIC_ACQUIRE))
        write_contended(s);
    record_owner(s);
}

void WINAPI AcquireSRWLockShared(PSRWLOCK SRWLock)
{
    struct port_srw *s = srw(SRWLock);
    uint32_t st = 0; /* the common case: nobody holds it */
    if (cas(&s->state, &st, SRW_READ_LOCKED, __ATOMIC_ACQUIRE))
        return;
    if (is_read_lockable(st) && cas(&s->state, &st, st + SRW_READ_LOCKED, __ATOMIC_ACQUIRE))
        return;
    read_contended(s);
}

void WINAPI ReleaseSRWLockExclusive(PSRWLOCK SRWLock)
{
    struct port_srw *s = srw(SRWLock);
    __atomic_store_n(&s->owner, NULL, __ATOMIC_RELAXED);
    uint32_t st = __atomic_sub_fetch(&s->state, SRW_WRITE_LOCKED, __ATOMIC_RELEASE);
    if (readers_waiting(st) || writers_waiting(st))
        wake_writer_or_readers(s, st);
}

void WINAPI ReleaseSRWLockShared(PSRWLOCK SRWLock)
{
    struct port_srw *s = srw(SRWLock);
    uint32_t st = __atomic_sub_fetch(&s->state, SRW_READ_LOCKED, __ATOMIC_RELEASE);
    /* Readers wait only behind a writer, so the last reader out has a writer to wake. */
    if (is_unlocked(st) && writers_waiting(st))
        wake_writer_or_readers(s, st);
}

BOOLEAN WINAPI TryAcquireSRWLockExclusive(PSRWLOCK SRWLock)
{
    struct port_srw *s = srw(SRWLock);
    uint32_t st = load_relaxed(&s->state);
    /* Free (waiting bits aside: a writer that finds it free takes it, as in write_contended). */
    while (is_unlocked(st)) {
        if (cas(&s->state, &st, st | SRW_WRITE_LOCKED, __ATOMIC_ACQUIRE)) {
            record_owner(s);
            return TRUE;
        }
    }
    return FALSE;
}

BOOLEAN WINAPI TryAcquireSRWLockShared(PSRWLOCK SRWLock)
{
    struct port_srw *s = srw(SRWLock);
    uint32_t st = load_relaxed(&s->state);
    while (is_read_lockable(st)) {
        if (cas(&s->state, &st, st + SRW_READ_LOCKED, __ATOMIC_ACQUIRE))
            return TRUE;
    }
    return FALSE;
}
