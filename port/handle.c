/* The handle table: one HANDLE representation for files, threads, events and find searches.
 *
 * A HANDLE is never a pointer: it encodes a slot index and that slot's generation,
 *     value = generation << SLOT_BITS+2 | (index + 1) << 2,
 * so it is never NULL, never INVALID_HANDLE_VALUE and always a multiple of 4 (as on Windows).
 * A stale handle (closed, even if the slot was reused), a forged value or a handle of the
 * wrong kind is detected by the lookup instead of being dereferenced. */
#include "port_internal.h"

#include <stdlib.h>

#define SLOT_BITS 22                     /* up to 4 Mi open handles */
#define MAX_SLOTS ((size_t)1 << SLOT_BITS)

struct slot {
    struct port_object *obj; /* NULL when free */
    uintptr_t generation;    /* bumped on every close, so old handle values stop matching */
    size_t next_free;        /* free-list link (index + 1, 0 = end) while free */
};

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot *slots; /* under table_lock */
static size_t n_slots;
static size_t free_head; /* index + 1 of the first free slot, 0 if none */

void port_object_init(struct port_object *obj, enum port_kind kind,
                      void (*destroy)(struct port_object *))
{
    obj->kind = kind;
    obj->refs = 1;
    obj->destroy = destroy;
}

void port_object_release(struct port_object *obj)
{
    if (__atomic_sub_fetch(&obj->refs, 1, __ATOMIC_ACQ_REL) == 0)
        obj->destroy(obj);
}

static HANDLE encode(size_t index, uintptr_t generation)
{
    return (HANDLE)((generation << (SLOT_BITS + 2)) | ((uintptr_t)(index + 1) << 2));
}

/* Slot index for h, or SIZE_MAX if h cannot be a table handle. Caller holds table_lock. */
static size_t decode(HANDLE h)
{
    uintptr_t v = (uintptr_t)h;
    if (v & 3)
        return SIZE_MAX;
    size_t index = (size_t)((v >> 2) & (MAX_SLOTS - 1));
    if (index == 0 || index > n_slots)
        return SIZE_MAX;
    index--;
    uintptr_t generation = v >> (SLOT_BITS + 2);
    if (slots[index].obj == NULL || slots[index].generation != generation)
        return SIZE_MAX;
    return index;
}

static int grow(void)
{
    size_t n = n_slots ? n_slots * 2 : 64;
    if (n > MAX_SLOTS)
        n = MAX_SLOTS;
    if (n == n_slots)
        return 0;
    struct slot *bigger = realloc(slots, n * sizeof *bigger);
    if (bigger == NULL)
        return 0;
    for (size_t i = n; i-- > n_slots;) {
        bigger[i].obj = NULL;
        bigger[i].generation = 0;
        bigger[i].next_free = free_head;
        free_head = i + 1;
    }
    slots = bigger;
    n_slots = n;
    return 1;
}

HANDLE port_handle_insert(struct port_object *obj)
{
    pthread_mutex_lock(&table_lock);
    if (free_head == 0 && !grow()) {
        pthread_mutex_unlock(&table_lock);
        port_object_release(obj);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    size_t index = free_head - 1;
    free_head = slots[index].next_free;
    slots[index].obj = obj;
    HANDLE h = encode(index, slots[index].generation);
    pthread_mutex_unlock(&table_lock);
    return h;
}

struct port_object *port_handle_get(HANDLE h, enum port_kind kind)
{
    struct port_object *obj = NULL;
    pthread_mutex_lock(&table_lock);
    size_t index = decode(h);
    if (index != SIZE_MAX && (kind == PORT_KIND_ANY || slots[index].obj->kind == kind)) {
        obj = slots[index].obj;
        __atomic_add_fetch(&obj->refs, 1, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&table_lock);
    if (obj == NULL)
        SetLastError(ERROR_INVALID_HANDLE);
    return obj;
}

BOOL port_handle_close(HANDLE h, enum port_kind kind)
{
    struct port_object *obj = NULL;
    pthread_mutex_lock(&table_lock);
    size_t index = decode(h);
    if (index != SIZE_MAX && slots[index].obj->kind == kind) {
        obj = slots[index].obj;
        slots[index].obj = NULL;
        slots[index].generation++;
        slots[index].next_free = free_head;
        free_head = index + 1;
    }
    pthread_mutex_unlock(&table_lock);
    if (obj == NULL) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    port_object_release(obj);
    return TRUE;
}

BOOL WINAPI CloseHandle(HANDLE hObject)
{
    /* Closing the current-process pseudo handle is a successful no-op, as on Windows. */
    if (hObject == PORT_CURRENT_PROCESS)
        return TRUE;
    struct port_object *obj = port_handle_get(hObject, PORT_KIND_ANY);
    if (obj == NULL)
        return FALSE;
    enum port_kind kind = obj->kind;
    port_object_release(obj);
    if (kind == PORT_KIND_FIND) { /* not a kernel handle: only FindClose closes it */
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    return port_handle_close(hObject, kind);
}
