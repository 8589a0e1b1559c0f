/* Threads: CreateThread (a waitable handle, signaled when the thread returns), exit codes,
 * thread and process ids, Sleep, SwitchToThread. Thread ids are the kernel's (gettid), so they
 * match what debuggers and /proc show. */
#include "port_internal.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <semaphore.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

struct port_thread {
    struct port_waitable w;  /* signaled once start returned */
    LPTHREAD_START_ROUTINE start;
    void *arg;
    DWORD exit_code;         /* atomic; STILL_ACTIVE until start returns */
    DWORD tid;               /* written by the thread before it posts tid_known */
    sem_t tid_known;
};

static void thread_destroy(struct port_object *obj)
{
    struct port_thread *t = (struct port_thread *)obj;
    sem_destroy(&t->tid_known);
    free(t);
}

/* The thread holds its own reference to its object until it has published its exit code. */
static void *thread_main(void *p)
{
    struct port_thread *t = p;
    t->tid = GetCurrentThreadId();
    sem_post(&t->tid_known);
    DWORD code = t->start(t->arg);
    __atomic_store_n(&t->exit_code, code, __ATOMIC_RELEASE);
    port_waitable_set(&t->w, 1);
    port_object_release(&t->w.base);
    return NULL;
}

HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes, SIZE_T dwStackSize,
                           LPTHREAD_START_ROUTINE lpStartAddress, LPVOID lpParameter,
                           DWORD dwCreationFlags, LPDWORD lpThreadId)
{
    (void)lpThreadAttributes;
    if (lpStartAddress == NULL) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (dwCreationFlags & ~(DWORD)STACK_SIZE_PARAM_IS_A_RESERVATION) {
        SetLastError(ERROR_NOT_SUPPORTED); /* CREATE_SUSPENDED and others */
        return NULL;
    }
    struct port_thread *t = malloc(sizeof *t);
    if (t == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    port_waitable_init(&t->w, PORT_KIND_THREAD, thread_destroy, 0, 0);
    t->start = lpStartAddress;
    t->arg = lpParameter;
    t->exit_code = STILL_ACTIVE;
    t->tid = 0;
    sem_init(&t->tid_known, 0, 0);
    t->w.base.refs = 2; /* the handle's and the running thread's */

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (dwStackSize != 0) {
        /* Both meanings of dwStackSize (commit or reservation) become the stack size. */
        long page = sysconf(_SC_PAGESIZE);
        size_t size = (dwStackSize + (size_t)page - 1) & ~((size_t)page - 1);
        if (size < (size_t)PTHREAD_STACK_MIN)
            size = (size_t)PTHREAD_STACK_MIN;
        pthread_attr_setstacksize(&attr, size);
    }
    pthread_t pt;
    int rc = pthread_create(&pt, &attr, thread_main, t);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        thread_destroy(&t->w.base);
        SetLastError(rc == EAGAIN ? ERROR_NOT_ENOUGH_MEMORY : port_error_from_errno(rc));
        return NULL;
    }
    if (lpThreadId != NULL) {
        while (sem_wait(&t->tid_known) != 0) /* only EINTR */
            ;
        *lpThreadId = t->tid;
    }
    return port_handle_insert(&t->w.base);
}

BOOL WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode)
{
    struct port_object *obj = port_handle_get(hThread, PORT_KIND_THREAD);
    if (obj == NULL)
        return FALSE;
    *lpExitCode = __atomic_load_n(&((struct port_thread *)obj)->exit_code, __ATOMIC_ACQUIRE);
    port_object_release(obj);
    return TRUE;
}

DWORD WINAPI GetCurrentThreadId(void)
{
    /* gettid is a system call each time: a thread's id never changes, so it is asked once per thread
     * (0 is never a thread id: the initial value means not asked yet). */
    static __thread DWORD tid;
    if (tid == 0)
        tid = (DWORD)gettid();
    return tid;
}

DWORD WINAPI GetCurrentProcessId(void)
{
    return (DWORD)getpid();
}

void WINAPI Sleep(DWORD dwMilliseconds)
{
    if (dwMilliseconds == 0) { /* give up the rest of the time slice */
        sched_yield();
        return;
    }
    if (dwMilliseconds == INFINITE)
        for (;;)
            pause();
    struct timespec left = {dwMilliseconds / 1000, (long)(dwMilliseconds % 1000) * 1000000L};
    while (nanosleep(&left, &left) != 0 && errno == EINTR)
        ;
}

BOOL WINAPI SwitchToThread(void)
{
    /* sched_yield cannot tell whether another thread ran; report that one did. */
    sched_yield();
    return TRUE;
}
