/* CRITICAL_SECTION: a recursive pthread mutex stored inside the caller's opaque object. */
#include "port_internal.h"

#include <stdalign.h>

struct port_cs {
    pthread_mutex_t mutex; /* PTHREAD_MUTEX_RECURSIVE */
} __attribute__((may_alias));

_Static_assert(sizeof(struct port_cs) <= sizeof(CRITICAL_SECTION), "CRITICAL_SECTION too small");
_Static_assert(alignof(struct port_cs) <= alignof(CRITICAL_SECTION), "CRITICAL_SECTION misaligned");

static pthread_mutex_t *cs_mutex(LPCRITICAL_SECTION cs)
{
    return &((struct port_cs *)cs)->mutex;
}

void WINAPI InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(cs_mutex(lpCriticalSection), &attr);
    pthread_mutexattr_destroy(&attr);
}

BOOL WINAPI InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION lpCriticalSection,
                                                  DWORD dwSpinCount)
{
    (void)dwSpinCount; /* glibc's mutex already spins briefly; the count is not configurable */
    InitializeCriticalSection(lpCriticalSection);
    return TRUE;
}

void WINAPI EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    pthread_mutex_lock(cs_mutex(lpCriticalSection));
}

BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    return pthread_mutex_trylock(cs_mutex(lpCriticalSection)) == 0;
}

void WINAPI LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    pthread_mutex_unlock(cs_mutex(lpCriticalSection));
}

void WINAPI DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
    pthread_mutex_destroy(cs_mutex(lpCriticalSection));
}
