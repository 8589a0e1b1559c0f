/* CONDITION_VARIABLE on a Linux futex, usable with both CRITICAL_SECTION and SRWLOCK.
 *
 * Words[0] is a wake sequence number and Words[1] the number of sleeping threads; all-zero
 * (CONDITION_VARIABLE_INIT) is ready to use and nothing needs freeing. A sleeper reads the
 * sequence while it still holds the lock, releases the lock and sleeps only while the sequence
 * is unchanged; every wake increments it first, so a wake that follows the release is never
 * lost. Spurious wake-ups are possible, as they are on Windows. */
#include "port_internal.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static uint32_t *sequence(PCONDITION_VARIABLE cv)
{
    return &cv->Opaque.Words[0];
}

static uint32_t *sleepers(PCONDITION_VARIABLE cv)
{
    return &cv->Opaque.Words[1];
}

/* Sleeps while *word == expected, at most ms milliseconds (INFINITE: no limit).
 * Returns 0 when woken (or spuriously), ETIMEDOUT on timeout. */
static int futex_wait(uint32_t *word, uint32_t expected, DWORD ms)
{
    struct timespec rel = {ms / 1000, (long)(ms % 1000) * 1000000L};
    long rc = syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected,
                      ms == INFINITE ? NULL : &rel, NULL, 0);
    return rc != 0 && errno == ETIMEDOUT ? ETIMEDOUT : 0;
}

static void wake(PCONDITION_VARIABLE cv, int count)
{
    __atomic_add_fetch(sequence(cv), 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(sleepers(cv), __ATOMIC_SEQ_CST) != 0)
        syscall(SYS_futex, sequence(cv), FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0);
}

/* The part of a sleep between releasing and re-acquiring the caller's lock. */
struct sleep_op {
    PCONDITION_VARIABLE cv;
    uint32_t seq;
};

static void sleep_begin(struct sleep_op *op, PCONDITION_VARIABLE cv)
{
    op->cv = cv;
    __atomic_add_fetch(sleepers(cv), 1, __ATOMIC_SEQ_CST);
    op->seq = __atomic_load_n(sequence(cv), __ATOMIC_SEQ_CST);
}

static int sleep_wait(struct sleep_op *op, DWORD ms)
{
    int rc = futex_wait(sequence(op->cv), op->seq, ms);
    __atomic_sub_fetch(sleepers(op->cv), 1, __ATOMIC_SEQ_CST);
    return rc;
}

static BOOL sleep_result(int rc)
{
    if (rc == ETIMEDOUT) {
        SetLastError(ERROR_TIMEOUT);
        return FALSE;
    }
    return TRUE;
}

void WINAPI InitializeConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
    ConditionVariable->Opaque.Words[0] = 0;
    ConditionVariable->Opaque.Words[1] = 0;
}

BOOL WINAPI SleepConditionVariableCS(PCONDITION_VARIABLE ConditionVariable,
                                     PCRITICAL_SECTION CriticalSection, DWORD dwMilliseconds)
{
    struct sleep_op op;
    sleep_begin(&op, ConditionVariable);
    LeaveCriticalSection(CriticalSection);
    int rc = sleep_wait(&op, dwMilliseconds);
    EnterCriticalSection(CriticalSection);
    return sleep_result(rc);
}

BOOL WINAPI SleepConditionVariableSRW(PCONDITION_VARIABLE ConditionVariable, PSRWLOCK SRWLock,
                                      DWORD dwMilliseconds, ULONG Flags)
{
    int shared = (Flags & CONDITION_VARIABLE_LOCKMODE_SHARED) != 0;
    struct sleep_op op;
    sleep_begin(&op, ConditionVariable);
    if (shared)
        ReleaseSRWLockShared(SRWLock);
    else
        ReleaseSRWLockExclusive(SRWLock);
    int rc = sleep_wait(&op, dwMilliseconds);
    if (shared)
        AcquireSRWLockShared(SRWLock);
    else
        AcquireSRWLockExclusive(SRWLock);
    return sleep_result(rc);
}

void WINAPI WakeConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
    wake(ConditionVariable, 1);
}

void WINAPI WakeAllConditionVariable(PCONDITION_VARIABLE ConditionVariable)
{
    wake(ConditionVariable, INT_MAX);
}
