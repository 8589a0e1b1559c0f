/* Runs the header checks compiled in the other files of this folder. The static assertions in
 * abi_sizes.c already ran at compile time; these confirm the mappings and C++ linkage at run time. */
#include <esent.h>
#include "cu_runner.h"

int esent_abi_checked(void);
int esent_header_c99_ok(void);
int esent_header_unicode_ok(void);
int esent_header_unicode_only_ok(void);
#ifdef ESENT_TEST_HAVE_CXX
int esent_header_cxx_ok(void);
#endif

static void test_struct_sizes_asserted(void) { CU_ASSERT_EQUAL(esent_abi_checked(), 1); }
static void test_c99_pedantic_and_ansi_mapping(void) { CU_ASSERT_EQUAL(esent_header_c99_ok(), 1); }
static void test_unicode_mapping(void) { CU_ASSERT_EQUAL(esent_header_unicode_ok(), 1); }
static void test_unicode_alone_keeps_ansi(void) { CU_ASSERT_EQUAL(esent_header_unicode_only_ok(), 1); }
#ifdef ESENT_TEST_HAVE_CXX
static void test_cxx(void) { CU_ASSERT_EQUAL(esent_header_cxx_ok(), 1); }
#endif

static void test_fixed_width_types(void)
{
    CU_ASSERT_EQUAL(sizeof(JET_ERR), 4);
    CU_ASSERT_EQUAL(sizeof(JET_GRBIT), 4);
    CU_ASSERT_EQUAL(sizeof(JET_COLUMNID), 4);
    CU_ASSERT_EQUAL(sizeof(WCHAR), 2);
    CU_ASSERT_EQUAL(sizeof(JET_SESID), sizeof(void *));
    CU_ASSERT(JET_sesidNil == ~(JET_API_PTR)0);
    CU_ASSERT(JET_instanceNil == ~(JET_API_PTR)0);
}

int main(void)
{
    CU_pSuite s = esent_test_suite("header", NULL, NULL);
    esent_test_add(s, "struct_sizes_asserted", test_struct_sizes_asserted);
    esent_test_add(s, "c99_pedantic_and_ansi_mapping", test_c99_pedantic_and_ansi_mapping);
    esent_test_add(s, "jet_unicode_mapping", test_unicode_mapping);
    esent_test_add(s, "unicode_alone_keeps_ansi", test_unicode_alone_keeps_ansi);
    esent_test_add(s, "fixed_width_types", test_fixed_width_types);
#ifdef ESENT_TEST_HAVE_CXX
    esent_test_add(s, "cxx", test_cxx);
#endif
    return esent_test_run();
}
