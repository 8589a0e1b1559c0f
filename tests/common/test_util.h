/* Small portable helpers for test programs (not engine code): threads, running this program again
 * as a child process, and checking that a file exists. */
#ifndef ESENT_TEST_UTIL_H
#define ESENT_TEST_UTIL_H

typedef int (*test_thread_fn)(void *arg);
typedef struct test_thread test_thread;

/* Starts fn(arg) on a new thread; NULL on failure. */
test_thread *test_thread_start(test_thread_fn fn, void *arg);
/* Waits for the thread and returns fn's result. */
int test_thread_join(test_thread *t);
/* Sleeps for about ms milliseconds. */
void test_sleep_ms(unsigned ms);

/* Runs this program again with the given arguments (argv0 is main's argv[0]) and returns its exit
 * code, or -1 if it could not be started. */
int test_run_self(const char *argv0, const char *args);

/* fopen for a path on the machine running the tests. A Windows test program under Wine may be given a
 * Unix absolute path (such as the corpus folder): it is then opened through drive Z:. */
#include <stdio.h>
FILE *test_fopen_host(const char *path, const char *mode);

/* 1 when path names an existing file that can be opened for reading. */
int test_file_exists(const char *path);
/* Creates (truncates) a file; 1 on success. */
int test_file_create(const char *path);

#endif
