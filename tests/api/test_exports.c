/* The library exports every name of the real esent.dll (the list in esent/esent.def), and the
 * legacy unsuffixed names resolve to the same code as their ANSI forms. */
#include <stdio.h>
#include <string.h>
#include <esent.h>
#include "cu_runner.h"
#include "export_names.h"

#ifdef _WIN32
#include <windows.h>
typedef HMODULE lib_handle;
static lib_handle lib_open(void) { return LoadLibraryA(ESENT_LIBRARY_FILE); }
static void *lib_sym(lib_handle h, const char *name) { return (void *)(uintptr_t)GetProcAddress(h, name); }
static void lib_close(lib_handle h) { FreeLibrary(h); }
#else
#include <dlfcn.h>
typedef void *lib_handle;
static lib_handle lib_open(void) { return dlopen(ESENT_LIBRARY_FILE, RTLD_NOW); }
static void *lib_sym(lib_handle h, const char *name) { return dlsym(h, name); }
static void lib_close(lib_handle h) { dlclose(h); }
#endif

#define EXPORT_COUNT (sizeof(esent_export_names) / sizeof(esent_export_names[0]))

static void test_export_count(void)
{
    CU_ASSERT_EQUAL(EXPORT_COUNT, 353);
}

static void test_every_name_is_exported(void)
{
    lib_handle h = lib_open();
    CU_ASSERT_PTR_NOT_NULL_FATAL(h);
    unsigned missing = 0;
    for (size_t i = 0; i < EXPORT_COUNT; i++) {
        if (lib_sym(h, esent_export_names[i]) == NULL) {
            printf("  missing export: %s\n", esent_export_names[i]);
            missing++;
        }
    }
    CU_ASSERT_EQUAL(missing, 0);
    lib_close(h);
}

static void test_legacy_names_alias_ansi(void)
{
    lib_handle h = lib_open();
    CU_ASSERT_PTR_NOT_NULL_FATAL(h);
    unsigned aliases = 0;
    for (size_t i = 0; i < EXPORT_COUNT; i++) {
        char ansi[128];
        snprintf(ansi, sizeof ansi, "%sA", esent_export_names[i]);
        void *a = lib_sym(h, ansi);
        if (a == NULL)
            continue;
        aliases++;
        if (lib_sym(h, esent_export_names[i]) != a)
            printf("  %s is not an alias of %s\n", esent_export_names[i], ansi);
        CU_ASSERT_PTR_EQUAL(lib_sym(h, esent_export_names[i]), a);
    }
    CU_ASSERT_EQUAL(aliases, 75);
    lib_close(h);
}

static void test_internal_symbols_hidden(void)
{
    lib_handle h = lib_open();
    CU_ASSERT_PTR_NOT_NULL_FATAL(h);
    /* Win32-on-POSIX functions of the port layer must not leak out of libesent.so. */
    CU_ASSERT_PTR_NULL(lib_sym(h, "esent_not_an_export"));
#ifndef _WIN32
    CU_ASSERT_PTR_NULL(lib_sym(h, "CreateFileW"));
    CU_ASSERT_PTR_NULL(lib_sym(h, "EnterCriticalSection"));
#endif
    lib_close(h);
}

int main(void)
{
    CU_pSuite s = esent_test_suite("exports", NULL, NULL);
    esent_test_add(s, "export_count", test_export_count);
    esent_test_add(s, "every_name_is_exported", test_every_name_is_exported);
    esent_test_add(s, "legacy_names_alias_ansi", test_legacy_names_alias_ansi);
    esent_test_add(s, "internal_symbols_hidden", test_internal_symbols_hidden);
    return esent_test_run();
}
