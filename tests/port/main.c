/* port_conformance: Win32 behaviour of winapi/ (port/ on Linux, real Win32 under Wine).
 *
 * The program doubles as the child process of the cross-process tests: started as
 *   port_conformance --child-open <path> <access-hex> <share-hex>
 *   port_conformance --child-lock <path> <offset> <length>
 * it performs that one operation and exits with 0 or the operation's GetLastError value. */
#include "port_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if !defined(_WIN32)
#include <sys/wait.h>
#endif

static char self_path[1024];

void port_set_self(const char *argv0)
{
#if defined(_WIN32)
    (void)argv0;
    /* argv[0] under Wine may be a Unix path that cmd.exe cannot start: use the module path. */
    DWORD n = GetModuleFileNameA(NULL, self_path, sizeof self_path);
    if (n == 0 || n >= sizeof self_path)
        self_path[0] = '\0';
#else
    snprintf(self_path, sizeof self_path, "%s", argv0);
#endif
}

int port_run_child(const char *args)
{
    char cmd[2048];
#if defined(_WIN32)
    /* system() runs cmd.exe /c <cmd>; the outer quotes keep cmd from stripping the inner ones. */
    snprintf(cmd, sizeof cmd, "\"\"%s\" %s\"", self_path, args);
    fflush(NULL);
    return system(cmd);
#else
    snprintf(cmd, sizeof cmd, "'%s' %s", self_path, args);
    fflush(NULL);
    int status = system(cmd);
    if (status == -1 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
#endif
}

static int child_exit(BOOL ok)
{
    if (ok)
        return 0;
    DWORD err = GetLastError();
    return err > 255 ? 255 : (int)err;
}

int port_child_main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--child-open") == 0) {
        WCHAR path[512];
        tw_from_ascii(path, argv[2]);
        DWORD access = (DWORD)strtoul(argv[3], NULL, 16);
        DWORD share = (DWORD)strtoul(argv[4], NULL, 16);
        HANDLE h = CreateFileW(path, access, share, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
        if (h == INVALID_HANDLE_VALUE)
            return child_exit(FALSE);
        CloseHandle(h);
        return 0;
    }
    if (argc == 5 && strcmp(argv[1], "--child-lock") == 0) {
        WCHAR path[512];
        tw_from_ascii(path, argv[2]);
        HANDLE h = CreateFileW(path, GENERIC_READ | GENERIC_WRITE,
                               FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                               OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
        if (h == INVALID_HANDLE_VALUE)
            return child_exit(FALSE);
        OVERLAPPED ov;
        memset(&ov, 0, sizeof ov);
        ov.Offset = (DWORD)strtoul(argv[3], NULL, 10);
        DWORD len = (DWORD)strtoul(argv[4], NULL, 10);
        BOOL ok = LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, len, 0, &ov);
        int rc = child_exit(ok);
        CloseHandle(h);
        return rc;
    }
    return -1;
}

int main(int argc, char **argv)
{
    int child = port_child_main(argc, argv);
    if (child >= 0)
        return child;
    port_set_self(argv[0]);

    port_register_file_tests();
    port_register_share_tests();
    port_register_lock_tests();
    port_register_fsops_tests();
    port_register_find_tests();
    port_register_thread_tests();
    port_register_sync_tests();
    port_register_system_tests();
    port_register_unicode_tests();
    port_register_nls_tests();
    return esent_test_run();
}
