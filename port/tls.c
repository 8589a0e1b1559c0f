/* Thread-local storage slots: TlsAlloc/TlsFree/TlsGetValue/TlsSetValue on pthread keys.
 * A TLS index is the pthread key itself; allocated[] records which keys TlsAlloc handed out,
 * so that an index that is not allocated fails with ERROR_INVALID_PARAMETER as on Windows. */
#include "port_internal.h"

#include <limits.h>

#define MAX_INDEXES PTHREAD_KEYS_MAX

static uint64_t allocated[MAX_INDEXES / 64]; /* atomic bit per key */

static int is_allocated(DWORD index)
{
    return index < MAX_INDEXES &&
           (__atomic_load_n(&allocated[index / 64], __ATOMIC_ACQUIRE) >> (index % 64)) & 1;
}

DWORD WINAPI TlsAlloc(void)
{
    pthread_key_t key;
    if (pthread_key_create(&key, NULL) != 0) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return TLS_OUT_OF_INDEXES;
    }
    if (key >= MAX_INDEXES) {
        pthread_key_delete(key);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return TLS_OUT_OF_INDEXES;
    }
    __atomic_or_fetch(&allocated[key / 64], (uint64_t)1 << (key % 64), __ATOMIC_RELEASE);
    return (DWORD)key;
}

BOOL WINAPI TlsFree(DWORD dwTlsIndex)
{
    if (!is_allocated(dwTlsIndex)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    __atomic_and_fetch(&allocated[dwTlsIndex / 64], ~((uint64_t)1 << (dwTlsIndex % 64)),
                       __ATOMIC_RELEASE);
    pthread_key_delete((pthread_key_t)dwTlsIndex);
    return TRUE;
}

LPVOID WINAPI TlsGetValue(DWORD dwTlsIndex)
{
    if (!is_allocated(dwTlsIndex)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    SetLastError(ERROR_SUCCESS); /* lets the caller tell a stored NULL from a failure */
    return pthread_getspecific((pthread_key_t)dwTlsIndex);
}

BOOL WINAPI TlsSetValue(DWORD dwTlsIndex, LPVOID lpTlsValue)
{
    if (!is_allocated(dwTlsIndex)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    int rc = pthread_setspecific((pthread_key_t)dwTlsIndex, lpTlsValue);
    if (rc != 0) {
        port_set_errno_error(rc);
        return FALSE;
    }
    return TRUE;
}
