#include "cu_runner.h"

#include <stdio.h>
#include <stdlib.h>

CU_pSuite esent_test_suite(const char *name, CU_InitializeFunc init, CU_CleanupFunc cleanup)
{
    if (CU_get_registry() == NULL && CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "CUnit registry: %s\n", CU_get_error_msg());
        exit(2);
    }
    CU_pSuite suite = CU_add_suite(name, init, cleanup);
    if (suite == NULL) {
        fprintf(stderr, "CU_add_suite(%s): %s\n", name, CU_get_error_msg());
        exit(2);
    }
    return suite;
}

void esent_test_add(CU_pSuite suite, const char *name, CU_TestFunc fn)
{
    if (CU_add_test(suite, name, fn) == NULL) {
        fprintf(stderr, "CU_add_test(%s): %s\n", name, CU_get_error_msg());
        exit(2);
    }
}

int esent_test_run(void)
{
    if (CU_get_registry() == NULL) {
        fprintf(stderr, "no tests registered\n");
        return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned run = CU_get_number_of_tests_run();
    unsigned failed = CU_get_number_of_tests_failed();
    unsigned failed_suites = CU_get_number_of_suites_failed();
    unsigned asserts_failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    printf("\n%u passed, %u failed\n", run - failed, failed);
    fflush(stdout);
    if (run == 0 || failed != 0 || asserts_failed != 0 || failed_suites != 0)
        return 1;
    return 0;
}
