/* Shared CUnit runner for every test program.
 * main() registers its suites with CU_add_suite/CU_add_test (after CU_initialize_registry), then
 * returns esent_test_run(): it runs everything in verbose mode, prints "N passed, N failed" on a
 * line of its own and returns the process exit code (0 only when no test and no assertion failed). */
#ifndef ESENT_TEST_CU_RUNNER_H
#define ESENT_TEST_CU_RUNNER_H

#include <CUnit/CUnit.h>
#include <CUnit/Basic.h>

int esent_test_run(void);

/* Adds a suite and aborts the program if the registry refuses it. */
CU_pSuite esent_test_suite(const char *name, CU_InitializeFunc init, CU_CleanupFunc cleanup);
void esent_test_add(CU_pSuite suite, const char *name, CU_TestFunc fn);

#endif
