/* VirtualAlloc/VirtualFree on anonymous mappings, and GetSystemInfo.
 *
 * A reservation is a PROT_NONE, MAP_NORESERVE mapping; committing pages gives them their
 * protection (mprotect), decommitting replaces them with a fresh PROT_NONE mapping, which
 * returns their memory to the system and makes them read as zero when committed again.
 * Reservations are recorded (base, size) so that MEM_RELEASE can free a whole reservation from
 * its base address and commits outside any reservation fail, as on Windows. Addresses are
 * rounded to the page size, which is also the reported allocation granularity. */
#include "port_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

struct reservation {
    uintptr_t base;
    size_t size;
};

static pthread_mutex_t reservations_lock = PTHREAD_MUTEX_INITIALIZER;
static struct reservation *reservations; /* sorted by base; under reservations_lock */
static size_t n_reservations, cap_reservations;

static size_t page_size(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

/* Index of the first reservation whose base is > addr. Caller holds the lock. */
static size_t upper_bound(uintptr_t addr)
{
    size_t lo = 0, hi = n_reservations;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (reservations[mid].base <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The reservation containing [addr, addr+size), or NULL. Caller holds the lock. */
static struct reservation *containing(uintptr_t addr, size_t size)
{
    size_t i = upper_bound(addr);
    if (i == 0)
        return NULL;
    struct reservation *r = &reservations[i - 1];
    if (addr + size < addr || addr + size > r->base + r->size)
        return NULL;
    return r;
}

static int record(uintptr_t base, size_t size)
{
    pthread_mutex_lock(&reservations_lock);
    if (n_reservations == cap_reservations) {
        size_t cap = cap_reservations ? cap_reservations * 2 : 64;
        struct reservation *bigger = realloc(reservations, cap * sizeof *bigger);
        if (bigger == NULL) {
            pthread_mutex_unlock(&reservations_lock);
            return 0;
        }
        reservations = bigger;
        cap_reservations = cap;
    }
    size_t i = upper_bound(base);
    for (size_t j = n_reservations; j > i; j--)
        reservations[j] = reservations[j - 1];
    reservations[i].base = base;
    reservations[i].size = size;
    n_reservations++;
    pthread_mutex_unlock(&reservations_lock);
    return 1;
}

static int protection(DWORD flProtect, int *prot)
{
    switch (flProtect) {
    case PAGE_NOACCESS:
        *prot = PROT_NONE;
        return 1;
    case PAGE_READONLY:
        *prot = PROT_READ;
        return 1;
    case PAGE_READWRITE:
        *prot = PROT_READ | PROT_WRITE;
        return 1;
    default:
        return 0;
    }
}

static LPVOID reserve(uintptr_t addr, size_t size, int prot)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    if (addr != 0)
        flags |= MAP_FIXED_NOREPLACE;
    void *p = mmap((void *)addr, size, prot, flags, -1, 0);
    if (p == MAP_FAILED || (addr != 0 && (uintptr_t)p != addr)) {
        int err = errno;
        if (p != MAP_FAILED)
            munmap(p, size); /* a kernel without MAP_FIXED_NOREPLACE treated it as a hint */
        SetLastError(addr != 0 || err == EEXIST ? ERROR_INVALID_ADDRESS : ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if (!record((uintptr_t)p, size)) {
        munmap(p, size);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    return p;
}

LPVOID WINAPI VirtualAlloc(LPVOID lpAddress, SIZE_T dwSize, DWORD flAllocationType,
                           DWORD flProtect)
{
    int prot;
    if (dwSize == 0 || (flAllocationType & ~(DWORD)(MEM_COMMIT | MEM_RESERVE)) != 0 ||
        (flAllocationType & (MEM_COMMIT | MEM_RESERVE)) == 0 || !protection(flProtect, &prot)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    size_t page = page_size();
    uintptr_t start = (uintptr_t)lpAddress & ~(uintptr_t)(page - 1);
    uintptr_t end = ((uintptr_t)lpAddress + dwSize + page - 1) & ~(uintptr_t)(page - 1);
    if (end <= start) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    /* MEM_COMMIT without an address reserves too, as on Windows. */
    if ((flAllocationType & MEM_RESERVE) || lpAddress == NULL)
        return reserve(start, end - start, (flAllocationType & MEM_COMMIT) ? prot : PROT_NONE);

    pthread_mutex_lock(&reservations_lock);
    int inside = containing(start, end - start) != NULL;
    pthread_mutex_unlock(&reservations_lock);
    if (!inside) {
        SetLastError(ERROR_INVALID_ADDRESS);
        return NULL;
    }
    if (mprotect((void *)start, end - start, prot) != 0) {
        port_set_errno_error(errno);
        return NULL;
    }
    return (LPVOID)start;
}

BOOL WINAPI VirtualFree(LPVOID lpAddress, SIZE_T dwSize, DWORD dwFreeType)
{
    uintptr_t addr = (uintptr_t)lpAddress;
    size_t page = page_size();
    pthread_mutex_lock(&reservations_lock);
    BOOL ok = FALSE;
    if (dwFreeType == MEM_RELEASE) {
        size_t i = upper_bound(addr);
        if (dwSize == 0 && i > 0 && reservations[i - 1].base == addr) {
            munmap(lpAddress, reservations[i - 1].size);
            for (size_t j = i - 1; j + 1 < n_reservations; j++)
                reservations[j] = reservations[j + 1];
            n_reservations--;
            ok = TRUE;
        }
    } else if (dwFreeType == MEM_DECOMMIT) {
        uintptr_t start = addr & ~(uintptr_t)(page - 1);
        uintptr_t end = (addr + dwSize + page - 1) & ~(uintptr_t)(page - 1);
        struct reservation *r = containing(start, dwSize == 0 ? 1 : end - start);
        if (r != NULL && dwSize == 0) { /* the whole reservation, from its base */
            if (r->base == addr) {
                start = r->base;
                end = r->base + r->size;
            } else {
                r = NULL;
            }
        }
        if (r != NULL && end > start &&
            mmap((void *)start, end - start, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) != MAP_FAILED)
            ok = TRUE;
    }
    pthread_mutex_unlock(&reservations_lock);
    if (!ok)
        SetLastError(ERROR_INVALID_PARAMETER);
    return ok;
}

void WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo)
{
    long page = sysconf(_SC_PAGESIZE);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
#if defined(__x86_64__)
    lpSystemInfo->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_AMD64;
#elif defined(__aarch64__)
    lpSystemInfo->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_ARM64;
#else
    lpSystemInfo->wProcessorArchitecture = PROCESSOR_ARCHITECTURE_UNKNOWN;
#endif
    lpSystemInfo->wReserved = 0;
    lpSystemInfo->dwPageSize = (DWORD)page;
    lpSystemInfo->lpMinimumApplicationAddress = (LPVOID)(uintptr_t)page;
    lpSystemInfo->lpMaximumApplicationAddress = (LPVOID)(((uintptr_t)1 << 47) - (uintptr_t)page - 1);
    lpSystemInfo->dwNumberOfProcessors = cpus > 0 ? (DWORD)cpus : 1;
    lpSystemInfo->dwActiveProcessorMask =
        lpSystemInfo->dwNumberOfProcessors >= 8 * sizeof(DWORD_PTR)
            ? ~(DWORD_PTR)0
            : ((DWORD_PTR)1 << lpSystemInfo->dwNumberOfProcessors) - 1;
    lpSystemInfo->dwProcessorType = 0;
    lpSystemInfo->dwAllocationGranularity = (DWORD)page;
    lpSystemInfo->wProcessorLevel = 0;
    lpSystemInfo->wProcessorRevision = 0;
}
