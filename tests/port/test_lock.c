/* Byte-range locks: LockFileEx/UnlockFileEx between handles of one process and across
 * processes; exclusive vs shared; exact-range unlock; release on close; blocking waits. */
#include "port_test.h"

#include <stdio.h>
#include <string.h>

#define SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
#define RW (GENERIC_READ | GENERIC_WRITE)
#define EXCL_NOW (LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY)

static HANDLE open_shared(const WCHAR *name)
{
    return tf_open(name, RW, SHARE_ALL, OPEN_ALWAYS);
}

static BOOL lock(HANDLE h, DWORD flags, DWORD offset, DWORD length)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = offset;
    return LockFileEx(h, flags, 0, length, 0, &ov);
}

static BOOL unlock(HANDLE h, DWORD offset, DWORD length)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = offset;
    return UnlockFileEx(h, 0, length, 0, &ov);
}

static void test_exclusive_conflicts_between_handles(void)
{
    const WCHAR *name = u"lock_exclusive.dat";
    HANDLE a = open_shared(name), b = open_shared(name);
    CU_ASSERT_FATAL(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(lock(a, EXCL_NOW, 0, 100));
    SetLastError(0);
    CU_ASSERT_FALSE(lock(b, EXCL_NOW, 50, 10));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_LOCK_VIOLATION);
    SetLastError(0);
    CU_ASSERT_FALSE(lock(b, LOCKFILE_FAIL_IMMEDIATELY, 99, 1)); /* shared also conflicts */
    CU_ASSERT_EQUAL(GetLastError(), ERROR_LOCK_VIOLATION);
    CU_ASSERT_TRUE(lock(b, EXCL_NOW, 100, 10)); /* adjacent range is free */
    CloseHandle(a);
    CloseHandle(b);
    tf_remove(name);
}

static void test_shared_locks_coexist(void)
{
    const WCHAR *name = u"lock_shared.dat";
    HANDLE a = open_shared(name), b = open_shared(name);
    CU_ASSERT_FATAL(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(lock(a, LOCKFILE_FAIL_IMMEDIATELY, 0, 10));
    CU_ASSERT_TRUE(lock(b, LOCKFILE_FAIL_IMMEDIATELY, 5, 10));
    SetLastError(0);
    CU_ASSERT_FALSE(lock(b, EXCL_NOW, 0, 1));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_LOCK_VIOLATION);
    CloseHandle(a);
    CloseHandle(b);
    tf_remove(name);
}

static void test_unlock_releases(void)
{
    const WCHAR *name = u"lock_unlock.dat";
    HANDLE a = open_shared(name), b = open_shared(name);
    CU_ASSERT_FATAL(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(lock(a, EXCL_NOW, 10, 10));
    CU_ASSERT_FALSE(lock(b, EXCL_NOW, 10, 10));
    CU_ASSERT_TRUE(unlock(a, 10, 10));
    CU_ASSERT_TRUE(lock(b, EXCL_NOW, 10, 10));
    CU_ASSERT_TRUE(unlock(b, 10, 10));
    CloseHandle(a);
    CloseHandle(b);
    tf_remove(name);
}

/* Windows (NTFS) fails such unlocks with STATUS_RANGE_NOT_LOCKED = ERROR_NOT_LOCKED; Wine 8's
 * server reports ERROR_LOCK_VIOLATION instead. */
static void test_unlock_not_locked(void)
{
    const WCHAR *name = u"lock_not_locked.dat";
    HANDLE a = open_shared(name), b = open_shared(name);
    CU_ASSERT_FATAL(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE);
    SetLastError(0);
    CU_ASSERT_FALSE(unlock(a, 0, 10));
    CU_ASSERT_TRUE(tw_is(GetLastError(), ERROR_NOT_LOCKED, ERROR_LOCK_VIOLATION));
    CU_ASSERT_TRUE(lock(a, EXCL_NOW, 0, 10));
    SetLastError(0);
    CU_ASSERT_FALSE(unlock(a, 0, 5)); /* must match a locked range exactly */
    CU_ASSERT_TRUE(tw_is(GetLastError(), ERROR_NOT_LOCKED, ERROR_LOCK_VIOLATION));
    SetLastError(0);
    CU_ASSERT_FALSE(unlock(b, 0, 10)); /* another handle's lock */
    CU_ASSERT_TRUE(tw_is(GetLastError(), ERROR_NOT_LOCKED, ERROR_LOCK_VIOLATION));
    CU_ASSERT_TRUE(unlock(a, 0, 10));
    SetLastError(0);
    CU_ASSERT_FALSE(unlock(a, 0, 10)); /* already unlocked */
    CU_ASSERT_TRUE(tw_is(GetLastError(), ERROR_NOT_LOCKED, ERROR_LOCK_VIOLATION));
    CloseHandle(a);
    CloseHandle(b);
    tf_remove(name);
}

static void test_same_handle_exclusive_twice(void)
{
    const WCHAR *name = u"lock_twice.dat";
    HANDLE a = open_shared(name);
    CU_ASSERT_FATAL(a != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(lock(a, EXCL_NOW, 0, 10));
    SetLastError(0);
    CU_ASSERT_FALSE(lock(a, EXCL_NOW, 5, 10)); /* locks are not re-entrant */
    CU_ASSERT_EQUAL(GetLastError(), ERROR_LOCK_VIOLATION);
    CU_ASSERT_TRUE(lock(a, LOCKFILE_FAIL_IMMEDIATELY, 20, 10));
    CU_ASSERT_TRUE(lock(a, LOCKFILE_FAIL_IMMEDIATELY, 20, 10)); /* shared twice: two locks */
    CU_ASSERT_TRUE(unlock(a, 20, 10));
    CU_ASSERT_TRUE(unlock(a, 20, 10));
    CU_ASSERT_FALSE(unlock(a, 20, 10));
    CloseHandle(a);
    tf_remove(name);
}

static void test_shared_inside_own_exclusive(void)
{
    const WCHAR *name = u"lock_downgrade.dat";
    HANDLE a = open_shared(name), b = open_shared(name);
    CU_ASSERT_FATAL(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(lock(a, EXCL_NOW, 0, 10));
    CU_ASSERT_TRUE(lock(a, LOCKFILE_FAIL_IMMEDIATELY, 0, 10)); /* shared inside own exclusive */
    CU_ASSERT_FALSE(lock(b, LOCKFILE_FAIL_IMMEDIATELY, 5, 1));
    /* The first unlock of the range releases the exclusive lock; the shared one remains. */
    CU_ASSERT_TRUE(unlock(a, 0, 10));
    CU_ASSERT_TRUE(lock(b, LOCKFILE_FAIL_IMMEDIATELY, 5, 1));
    CU_ASSERT_FALSE(lock(b, EXCL_NOW, 0, 1));
    CU_ASSERT_TRUE(unlock(a, 0, 10));
    CU_ASSERT_TRUE(lock(b, EXCL_NOW, 0, 1));
    CloseHandle(a);
    CloseHandle(b);
    tf_remove(name);
}

static void test_close_releases_locks(void)
{
    const WCHAR *name = u"lock_close.dat";
    HANDLE a = open_shared(name), b = open_shared(name);
    CU_ASSERT_FATAL(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(lock(a, EXCL_NOW, 0, 4096));
    CU_ASSERT_FALSE(lock(b, EXCL_NOW, 0, 1));
    CloseHandle(a);
    CU_ASSERT_TRUE(lock(b, EXCL_NOW, 0, 1));
    CloseHandle(b);
    tf_remove(name);
}

static void test_lock_beyond_eof_and_large_ranges(void)
{
    const WCHAR *name = u"lock_far.dat";
    HANDLE a = open_shared(name), b = open_shared(name);
    CU_ASSERT_FATAL(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.Offset = 0;
    ov.OffsetHigh = 2; /* 8 GiB, far past EOF */
    CU_ASSERT_TRUE(LockFileEx(a, EXCL_NOW, 0, 0xFFFFFFFF, 0, &ov));
    CU_ASSERT_FALSE(LockFileEx(b, EXCL_NOW, 0, 1, 0, &ov));
    CU_ASSERT_TRUE(UnlockFileEx(a, 0, 0xFFFFFFFF, 0, &ov));
    CU_ASSERT_TRUE(LockFileEx(b, EXCL_NOW, 0, 1, 0, &ov));
    CU_ASSERT_TRUE(UnlockFileEx(b, 0, 1, 0, &ov));
    CloseHandle(a);
    CloseHandle(b);
    tf_remove(name);
}

struct blocking_lock {
    HANDLE file;
    HANDLE started;
    LONG done;
};

static DWORD WINAPI blocking_locker(LPVOID arg)
{
    struct blocking_lock *bl = arg;
    SetEvent(bl->started);
    BOOL ok = lock(bl->file, LOCKFILE_EXCLUSIVE_LOCK, 0, 10); /* waits */
    InterlockedExchange(&bl->done, 1);
    return ok ? 0 : GetLastError();
}

static void test_blocking_lock_waits_for_unlock(void)
{
    const WCHAR *name = u"lock_blocking.dat";
    HANDLE a = open_shared(name);
    struct blocking_lock bl;
    bl.file = open_shared(name);
    bl.started = CreateEventW(NULL, TRUE, FALSE, NULL);
    bl.done = 0;
    CU_ASSERT_FATAL(a != INVALID_HANDLE_VALUE && bl.file != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(lock(a, EXCL_NOW, 0, 10));
    HANDLE t = tt_start(blocking_locker, &bl);
    CU_ASSERT_EQUAL(WaitForSingleObject(bl.started, 5000), WAIT_OBJECT_0);
    Sleep(150);
    CU_ASSERT_EQUAL(InterlockedCompareExchange(&bl.done, 0, 0), 0); /* still waiting */
    CU_ASSERT_TRUE(unlock(a, 0, 10));
    CU_ASSERT_EQUAL(tt_join(t), 0);
    CU_ASSERT_EQUAL(bl.done, 1);
    CloseHandle(bl.started);
    CloseHandle(bl.file);
    CloseHandle(a);
    tf_remove(name);
}

static void test_lock_cross_process(void)
{
    const WCHAR *name = u"lock_cross_process.dat";
    HANDLE a = open_shared(name);
    CU_ASSERT_FATAL(a != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(lock(a, EXCL_NOW, 100, 50));
    CU_ASSERT_EQUAL(port_run_child("--child-lock lock_cross_process.dat 120 1"), ERROR_LOCK_VIOLATION);
    CU_ASSERT_EQUAL(port_run_child("--child-lock lock_cross_process.dat 150 10"), 0);
    CU_ASSERT_TRUE(unlock(a, 100, 50));
    CU_ASSERT_EQUAL(port_run_child("--child-lock lock_cross_process.dat 120 1"), 0);
    CloseHandle(a);
    tf_remove(name);
}

static void test_lock_invalid_handle(void)
{
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    SetLastError(0);
    CU_ASSERT_FALSE(LockFileEx(NULL, EXCL_NOW, 0, 1, 0, &ov));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_HANDLE);
}

void port_register_lock_tests(void)
{
    CU_pSuite s = esent_test_suite("lock", NULL, NULL);
    esent_test_add(s, "exclusive lock conflicts between handles", test_exclusive_conflicts_between_handles);
    esent_test_add(s, "shared locks coexist, exclusive does not", test_shared_locks_coexist);
    esent_test_add(s, "UnlockFileEx releases", test_unlock_releases);
    esent_test_add(s, "UnlockFileEx of an unlocked range: ERROR_NOT_LOCKED", test_unlock_not_locked);
    esent_test_add(s, "same handle: exclusive not re-entrant, shared stacks", test_same_handle_exclusive_twice);
    esent_test_add(s, "shared lock inside own exclusive; unlock order", test_shared_inside_own_exclusive);
    esent_test_add(s, "CloseHandle releases locks", test_close_releases_locks);
    esent_test_add(s, "locks beyond EOF and beyond 4 GiB", test_lock_beyond_eof_and_large_ranges);
    esent_test_add(s, "LockFileEx without FAIL_IMMEDIATELY waits", test_blocking_lock_waits_for_unlock);
    esent_test_add(s, "locks conflict across processes", test_lock_cross_process);
    esent_test_add(s, "LockFileEx on NULL handle", test_lock_invalid_handle);
}
