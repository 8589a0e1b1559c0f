#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L   /* nanosleep */
#endif
#include "test_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
struct test_thread { HANDLE h; test_thread_fn fn; void *arg; int result; };
static DWORD WINAPI thread_main(LPVOID p)
{
    test_thread *t = p;
    t->result = t->fn(t->arg);
    return 0;
}
test_thread *test_thread_start(test_thread_fn fn, void *arg)
{
    test_thread *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    t->h = CreateThread(NULL, 0, thread_main, t, 0, NULL);
    if (t->h == NULL) {
        free(t);
        return NULL;
    }
    return t;
}
void test_sleep_ms(unsigned ms)
{
    Sleep(ms);
}
int test_thread_join(test_thread *t)
{
    WaitForSingleObject(t->h, INFINITE);
    CloseHandle(t->h);
    int r = t->result;
    free(t);
    return r;
}
#else
#include <pthread.h>
#include <time.h>
struct test_thread { pthread_t id; test_thread_fn fn; void *arg; int result; };
void test_sleep_ms(unsigned ms)
{
    struct timespec ts = { (time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L };
    while (nanosleep(&ts, &ts) != 0) {
    }
}
static void *thread_main(void *p)
{
    test_thread *t = p;
    t->result = t->fn(t->arg);
    return NULL;
}
test_thread *test_thread_start(test_thread_fn fn, void *arg)
{
    test_thread *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    t->fn = fn;
    t->arg = arg;
    if (pthread_create(&t->id, NULL, thread_main, t) != 0) {
        free(t);
        return NULL;
    }
    return t;
}
int test_thread_join(test_thread *t)
{
    pthread_join(t->id, NULL);
    int r = t->result;
    free(t);
    return r;
}
#endif

int test_run_self(const char *argv0, const char *args)
{
    char cmd[4096];
#ifdef _WIN32
    /* argv[0] may be a Unix path when Wine started us: ask Windows for our own file name. */
    char self[MAX_PATH];
    (void)argv0;
    if (GetModuleFileNameA(NULL, self, sizeof self) == 0)
        return -1;
    snprintf(cmd, sizeof cmd, "\"\"%s\" %s\"", self, args);
    fflush(NULL);
    return system(cmd);
#else
    snprintf(cmd, sizeof cmd, "'%s' %s", argv0, args);
    fflush(NULL);
    int rc = system(cmd);
    if (rc == -1)
        return -1;
    return (rc >> 8) & 0xFF;
#endif
}

int test_file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    fclose(f);
    return 1;
}

int test_file_create(const char *path)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return 0;
    fclose(f);
    return 1;
}

FILE *test_fopen_host(const char *path, const char *mode)
{
    FILE *f = fopen(path, mode);
#ifdef _WIN32
    if (f == NULL && path[0] == '/') {
        char wpath[4096];
        snprintf(wpath, sizeof wpath, "Z:%s", path);
        for (char *p = wpath; *p; p++) {
            if (*p == '/')
                *p = '\\';
        }
        f = fopen(wpath, mode);
    }
#endif
    return f;
}
