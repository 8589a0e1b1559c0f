/* Shared helpers for the port conformance tests.
 *
 * The same sources build against port/ on Linux and against the real Win32 (<windows.h>, run
 * under Wine) with MinGW: every expectation here is Win32's behaviour. Tests run in a scratch
 * folder and use relative file names; each test removes its files before it starts, so a
 * failed earlier run cannot influence it. WCHAR strings are written as u"..." literals. */
#ifndef ESENT_PORT_TEST_H
#define ESENT_PORT_TEST_H

#include "winapi.h"

#include "cu_runner.h"

#include <stddef.h>
#include <stdint.h>

/* Registration, one per test file. */
void port_register_file_tests(void);
void port_register_share_tests(void);
void port_register_lock_tests(void);
void port_register_fsops_tests(void);
void port_register_find_tests(void);
void port_register_thread_tests(void);
void port_register_sync_tests(void);
void port_register_system_tests(void);
void port_register_unicode_tests(void);
void port_register_nls_tests(void);

/* Child-process mode (see main.c): when argv asks for it, performs the operation and returns
 * the exit code (0 or the GetLastError value); returns -1 when argv is a normal test run. */
int port_child_main(int argc, char **argv);
/* Remembers the program's own path for port_run_child. */
void port_set_self(const char *argv0);
/* Runs this program again as "<self> <args>" and returns its exit code (-1 if it did not run). */
int port_run_child(const char *args);

/* got == windows; the Windows build (which runs under Wine) also accepts wine. Used only where
 * Wine 8 is known to differ from Windows and from Microsoft's documentation; the port
 * implements the Windows behaviour, and each use says what Wine does. */
int tw_is(DWORD got, DWORD windows, DWORD wine);

/* Strings */
size_t tw_len(const WCHAR *s);
int tw_eq(const WCHAR *a, const WCHAR *b);
/* Converts an ASCII string to WCHAR (dst holds at least strlen(src)+1). */
void tw_from_ascii(WCHAR *dst, const char *src);
/* True when s ends with suffix. */
int tw_ends_with(const WCHAR *s, const WCHAR *suffix);

/* Files */
HANDLE tf_open(const WCHAR *name, DWORD access, DWORD share, DWORD disposition);
/* Creates (or truncates) name and writes len bytes of data; returns FALSE on any failure. */
BOOL tf_write_new(const WCHAR *name, const void *data, DWORD len);
/* Reads the whole file into buf (at most cap bytes); returns the byte count or -1. */
long tf_read_all(const WCHAR *name, void *buf, DWORD cap);
/* Size of the file through GetFileAttributesExW, or -1. */
long long tf_size(const WCHAR *name);
BOOL tf_exists(const WCHAR *name);
/* Deletes a file if it exists (ignores errors). */
void tf_remove(const WCHAR *name);
/* Removes a directory tree of depth 1: its files, then itself (ignores errors). */
void tf_remove_dir(const WCHAR *dir);
/* Current position of the file pointer, or -1. */
long long tf_pointer(HANDLE h);

/* Threads: starts fn(arg) and returns its handle (asserts on failure). */
HANDLE tt_start(LPTHREAD_START_ROUTINE fn, void *arg);
/* Waits for a thread (at most 10 s), closes it and returns its exit code (or 0xDEAD on timeout). */
DWORD tt_join(HANDLE thread);

#endif
