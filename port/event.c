/* Unnamed manual- and auto-reset events (the wait logic is in wait.c). */
#include "port_internal.h"

#include <stdlib.h>

struct port_event {
    struct port_waitable w;
};

static void event_destroy(struct port_object *obj)
{
    free(obj);
}

static HANDLE create_event(BOOL manual_reset, BOOL initial_state, int named)
{
    if (named) { /* named (cross-process) events are not provided on this platform */
        SetLastError(ERROR_NOT_SUPPORTED);
        return NULL;
    }
    struct port_event *e = malloc(sizeof *e);
    if (e == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    port_waitable_init(&e->w, PORT_KIND_EVENT, event_destroy, initial_state != 0, !manual_reset);
    HANDLE h = port_handle_insert(&e->w.base);
    if (h != NULL)
        SetLastError(ERROR_SUCCESS);
    return h;
}

HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                           BOOL bInitialState, LPCWSTR lpName)
{
    (void)lpEventAttributes;
    return create_event(bManualReset, bInitialState, lpName != NULL && lpName[0] != 0);
}

HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes, BOOL bManualReset,
                           BOOL bInitialState, LPCSTR lpName)
{
    (void)lpEventAttributes;
    return create_event(bManualReset, bInitialState, lpName != NULL && lpName[0] != '\0');
}

static BOOL set_state(HANDLE hEvent, int signaled)
{
    struct port_object *obj = port_handle_get(hEvent, PORT_KIND_EVENT);
    if (obj == NULL)
        return FALSE;
    port_waitable_set((struct port_waitable *)obj, signaled);
    port_object_release(obj);
    return TRUE;
}

BOOL WINAPI SetEvent(HANDLE hEvent)
{
    return set_state(hEvent, 1);
}

BOOL WINAPI ResetEvent(HANDLE hEvent)
{
    return set_state(hEvent, 0);
}
