/* Share modes: a new open fails with ERROR_SHARING_VIOLATION when its access conflicts with an
 * existing handle's share mode or its share mode with an existing handle's access; within a
 * process and across processes; DeleteFileW and MoveFileExW need FILE_SHARE_DELETE. */
#include "port_test.h"

#include <stdio.h>

#define SHARE_ALL (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)
#define RW (GENERIC_READ | GENERIC_WRITE)

/* Creates name with some content and opens it with (access, share). */
static HANDLE hold(const WCHAR *name, DWORD access, DWORD share)
{
    tf_remove(name);
    if (!tf_write_new(name, "shared", 6))
        return INVALID_HANDLE_VALUE;
    return tf_open(name, access, share, OPEN_EXISTING);
}

/* Second open: TRUE if it succeeded (and closes it), FALSE with the error in *err. */
static BOOL second_open(const WCHAR *name, DWORD access, DWORD share, DWORD *err)
{
    SetLastError(0);
    HANDLE h = tf_open(name, access, share, OPEN_EXISTING);
    *err = GetLastError();
    if (h == INVALID_HANDLE_VALUE)
        return FALSE;
    CloseHandle(h);
    return TRUE;
}

static void test_readers_sharing_read(void)
{
    const WCHAR *name = u"share_readers.dat";
    HANDLE h = hold(name, GENERIC_READ, FILE_SHARE_READ);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    DWORD err;
    CU_ASSERT_TRUE(second_open(name, GENERIC_READ, FILE_SHARE_READ, &err));
    CU_ASSERT_TRUE(second_open(name, GENERIC_READ, SHARE_ALL, &err));
    CloseHandle(h);
    tf_remove(name);
}

static void test_read_share_blocks_writer(void)
{
    const WCHAR *name = u"share_read_only.dat";
    HANDLE h = hold(name, GENERIC_READ, FILE_SHARE_READ);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    DWORD err;
    CU_ASSERT_FALSE(second_open(name, GENERIC_WRITE, SHARE_ALL, &err));
    CU_ASSERT_EQUAL(err, ERROR_SHARING_VIOLATION);
    CU_ASSERT_FALSE(second_open(name, RW, SHARE_ALL, &err));
    CU_ASSERT_EQUAL(err, ERROR_SHARING_VIOLATION);
    CloseHandle(h);
    tf_remove(name);
}

static void test_share_mode_conflicts_with_existing_access(void)
{
    const WCHAR *name = u"share_vs_access.dat";
    HANDLE h = hold(name, GENERIC_WRITE, SHARE_ALL);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    DWORD err;
    /* The first handle writes: a reader that does not share write is refused. */
    CU_ASSERT_FALSE(second_open(name, GENERIC_READ, FILE_SHARE_READ, &err));
    CU_ASSERT_EQUAL(err, ERROR_SHARING_VIOLATION);
    CU_ASSERT_TRUE(second_open(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &err));
    CloseHandle(h);
    tf_remove(name);
}

static void test_no_share_blocks_everyone(void)
{
    const WCHAR *name = u"share_none.dat";
    HANDLE h = hold(name, GENERIC_READ, 0);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    DWORD err;
    CU_ASSERT_FALSE(second_open(name, GENERIC_READ, SHARE_ALL, &err));
    CU_ASSERT_EQUAL(err, ERROR_SHARING_VIOLATION);
    CU_ASSERT_FALSE(second_open(name, DELETE, SHARE_ALL, &err));
    CU_ASSERT_EQUAL(err, ERROR_SHARING_VIOLATION);
    CloseHandle(h);
    tf_remove(name);
}

static void test_reopen_after_close(void)
{
    const WCHAR *name = u"share_reopen.dat";
    HANDLE h = hold(name, RW, 0);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(CloseHandle(h));
    DWORD err;
    CU_ASSERT_TRUE(second_open(name, RW, 0, &err));
    tf_remove(name);
}

static void test_delete_access_needs_share_delete(void)
{
    const WCHAR *name = u"share_delete_access.dat";
    HANDLE h = hold(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    DWORD err;
    CU_ASSERT_FALSE(second_open(name, DELETE, SHARE_ALL, &err));
    CU_ASSERT_EQUAL(err, ERROR_SHARING_VIOLATION);
    CloseHandle(h);

    h = hold(name, GENERIC_READ, SHARE_ALL);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(second_open(name, DELETE, SHARE_ALL, &err));
    CloseHandle(h);
    tf_remove(name);
}

static void test_delete_file_needs_share_delete(void)
{
    const WCHAR *name = u"share_delete_file.dat";
    HANDLE h = hold(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    SetLastError(0);
    CU_ASSERT_FALSE(DeleteFileW(name));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_SHARING_VIOLATION);
    CloseHandle(h);
    CU_ASSERT_TRUE(tf_exists(name));

    h = hold(name, GENERIC_READ, SHARE_ALL);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(DeleteFileW(name));
    CloseHandle(h);
    CU_ASSERT_FALSE(tf_exists(name));
}

static void test_move_file_needs_share_delete(void)
{
    const WCHAR *name = u"share_move_src.dat", *target = u"share_move_dst.dat";
    tf_remove(target);
    HANDLE h = hold(name, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    SetLastError(0);
    CU_ASSERT_FALSE(MoveFileExW(name, target, 0));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_SHARING_VIOLATION);
    CU_ASSERT_FALSE(tf_exists(target));
    CloseHandle(h);

    h = hold(name, GENERIC_READ, SHARE_ALL);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_TRUE(MoveFileExW(name, target, 0));
    CloseHandle(h);
    CU_ASSERT_FALSE(tf_exists(name));
    CU_ASSERT_EQUAL(tf_size(target), 6);
    tf_remove(target);
}

static void test_create_always_on_locked_file_keeps_content(void)
{
    const WCHAR *name = u"share_create_always.dat";
    HANDLE h = hold(name, GENERIC_READ, FILE_SHARE_READ);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    SetLastError(0);
    HANDLE h2 = tf_open(name, RW, SHARE_ALL, CREATE_ALWAYS);
    CU_ASSERT_EQUAL(h2, INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_SHARING_VIOLATION);
    CloseHandle(h);
    CU_ASSERT_EQUAL(tf_size(name), 6); /* the refused open did not truncate */
    tf_remove(name);
}

static void test_attribute_only_open_ignores_sharing(void)
{
    const WCHAR *name = u"share_attributes.dat";
    HANDLE h = hold(name, RW, 0);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    DWORD err;
    /* Opens without read, write or delete access are not checked against share modes. */
    CU_ASSERT_TRUE(second_open(name, 0, 0, &err));
    CU_ASSERT_TRUE(second_open(name, FILE_READ_ATTRIBUTES, 0, &err));
    CloseHandle(h);
    tf_remove(name);
}

static void test_replace_open_target_denied(void)
{
    const WCHAR *src = u"share_replace_src.dat", *target = u"share_replace_dst.dat";
    CU_ASSERT_TRUE_FATAL(tf_write_new(src, "new", 3));
    HANDLE h = hold(target, GENERIC_READ, SHARE_ALL);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    SetLastError(0); /* an open file cannot be replaced, whatever its share mode */
    CU_ASSERT_FALSE(MoveFileExW(src, target, MOVEFILE_REPLACE_EXISTING));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_ACCESS_DENIED);
    CloseHandle(h);
    CU_ASSERT_TRUE(MoveFileExW(src, target, MOVEFILE_REPLACE_EXISTING));
    CU_ASSERT_EQUAL(tf_size(target), 3);
    tf_remove(target);
}

static void test_copy_respects_sharing(void)
{
    const WCHAR *src = u"share_copy_src.dat", *dst = u"share_copy_dst.dat";
    tf_remove(dst);
    HANDLE h = hold(src, RW, 0);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    SetLastError(0);
    CU_ASSERT_FALSE(CopyFileW(src, dst, FALSE));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_SHARING_VIOLATION);
    CloseHandle(h);

    h = hold(dst, GENERIC_READ, FILE_SHARE_READ);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    SetLastError(0);
    CU_ASSERT_FALSE(CopyFileW(src, dst, FALSE));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_SHARING_VIOLATION);
    CloseHandle(h);
    CU_ASSERT_TRUE(CopyFileW(src, dst, FALSE));
    tf_remove(src);
    tf_remove(dst);
}

struct racer {
    HANDLE start, release;
    HANDLE file;
    DWORD error;
};

static DWORD WINAPI race_open(LPVOID arg)
{
    struct racer *r = arg;
    WaitForSingleObject(r->start, INFINITE);
    r->file = tf_open(u"share_race.dat", RW, 0, OPEN_ALWAYS);
    /* Published atomically: the main thread polls it. */
    InterlockedExchange((LONG *)&r->error, r->file == INVALID_HANDLE_VALUE ? (LONG)GetLastError() : 0);
    WaitForSingleObject(r->release, INFINITE); /* hold the handle until every racer tried */
    if (r->file != INVALID_HANDLE_VALUE)
        CloseHandle(r->file);
    return 0;
}

/* One round: RACERS threads open the file with share mode 0 at once and hold what they got;
 * returns the number of winners (and of ERROR_SHARING_VIOLATION losers in *violations). */
static int race_round(int *violations)
{
    enum { RACERS = 8 };
    HANDLE start = CreateEventW(NULL, TRUE, FALSE, NULL), release = CreateEventW(NULL, TRUE, FALSE, NULL);
    struct racer r[RACERS];
    HANDLE t[RACERS];
    for (int i = 0; i < RACERS; i++) {
        r[i].start = start;
        r[i].release = release;
        r[i].error = 0xFFFF;
        t[i] = tt_start(race_open, &r[i]);
    }
    SetEvent(start);
    for (int tries = 0; tries < 500; tries++) {
        int done = 0;
        for (int i = 0; i < RACERS; i++)
            done += InterlockedCompareExchange((LONG *)&r[i].error, 0xFFFF, 0xFFFF) != 0xFFFF;
        if (done == RACERS)
            break;
        Sleep(1);
    }
    int winners = 0;
    *violations = 0;
    for (int i = 0; i < RACERS; i++) {
        winners += r[i].error == 0;
        *violations += r[i].error == ERROR_SHARING_VIOLATION;
    }
    SetEvent(release);
    for (int i = 0; i < RACERS; i++)
        tt_join(t[i]);
    CloseHandle(start);
    CloseHandle(release);
    return winners;
}

static void test_exclusive_open_race_has_one_winner(void)
{
    /* Check-and-publish is atomic: of simultaneous share-0 opens exactly one succeeds. A race
     * is not lost every time, so several rounds are run. */
    tf_remove(u"share_race.dat");
    int bad_rounds = 0;
    for (int round = 0; round < 20; round++) {
        int violations;
        if (race_round(&violations) != 1 || violations != 7)
            bad_rounds++;
    }
    CU_ASSERT_EQUAL(bad_rounds, 0);
    tf_remove(u"share_race.dat");
}

static int child_open(const char *name, DWORD access, DWORD share)
{
    char args[512];
    snprintf(args, sizeof args, "--child-open %s %lx %lx", name, (unsigned long)access,
             (unsigned long)share);
    return port_run_child(args);
}

static void test_cross_process_conflict(void)
{
    const WCHAR *name = u"share_cross_process.dat";
    HANDLE h = hold(name, RW, 0);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(child_open("share_cross_process.dat", GENERIC_READ, SHARE_ALL),
                    ERROR_SHARING_VIOLATION);
    CloseHandle(h);
    CU_ASSERT_EQUAL(child_open("share_cross_process.dat", GENERIC_READ, SHARE_ALL), 0);
    tf_remove(name);
}

static void test_cross_process_compatible_and_not(void)
{
    const WCHAR *name = u"share_cross_modes.dat";
    HANDLE h = hold(name, GENERIC_READ, FILE_SHARE_READ);
    CU_ASSERT_FATAL(h != INVALID_HANDLE_VALUE);
    CU_ASSERT_EQUAL(child_open("share_cross_modes.dat", GENERIC_READ, FILE_SHARE_READ), 0);
    CU_ASSERT_EQUAL(child_open("share_cross_modes.dat", GENERIC_WRITE, SHARE_ALL),
                    ERROR_SHARING_VIOLATION);
    CU_ASSERT_EQUAL(child_open("share_cross_modes.dat", GENERIC_READ, 0), ERROR_SHARING_VIOLATION);
    CloseHandle(h);
    tf_remove(name);
}

void port_register_share_tests(void)
{
    CU_pSuite s = esent_test_suite("share", NULL, NULL);
    esent_test_add(s, "readers sharing read coexist", test_readers_sharing_read);
    esent_test_add(s, "FILE_SHARE_READ refuses writers", test_read_share_blocks_writer);
    esent_test_add(s, "new share mode vs existing access", test_share_mode_conflicts_with_existing_access);
    esent_test_add(s, "share mode 0 refuses every open", test_no_share_blocks_everyone);
    esent_test_add(s, "re-open after close succeeds", test_reopen_after_close);
    esent_test_add(s, "DELETE access needs FILE_SHARE_DELETE", test_delete_access_needs_share_delete);
    esent_test_add(s, "DeleteFileW needs FILE_SHARE_DELETE", test_delete_file_needs_share_delete);
    esent_test_add(s, "MoveFileExW needs FILE_SHARE_DELETE", test_move_file_needs_share_delete);
    esent_test_add(s, "refused CREATE_ALWAYS does not truncate", test_create_always_on_locked_file_keeps_content);
    esent_test_add(s, "attribute-only opens ignore share modes", test_attribute_only_open_ignores_sharing);
    esent_test_add(s, "replacing an open file: ERROR_ACCESS_DENIED", test_replace_open_target_denied);
    esent_test_add(s, "CopyFileW respects share modes", test_copy_respects_sharing);
    esent_test_add(s, "simultaneous exclusive opens: one winner", test_exclusive_open_race_has_one_winner);
    esent_test_add(s, "cross-process: share 0 refuses another process", test_cross_process_conflict);
    esent_test_add(s, "cross-process: read-share matrix", test_cross_process_compatible_and_not);
}
