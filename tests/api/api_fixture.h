/* Builders the API tests share for their tables (public API only, so the tests could run against any
 * esent.dll). Each returns a zeroed structure with cbStruct set and the fields it names. */
#ifndef ESENT_TESTS_API_FIXTURE_H
#define ESENT_TESTS_API_FIXTURE_H

#include <esent.h>
#include <string.h>

/* An index over key (a "+col\0"-style list ending in two NULs; cb_key counts both), density 80. */
static inline JET_INDEXCREATE_A api_index_a(const char *name, char *key, unsigned long cb_key, JET_GRBIT grbit)
{
    JET_INDEXCREATE_A ic;
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = (char *)name;
    ic.szKey = key;
    ic.cbKey = cb_key;
    ic.grbit = grbit;
    ic.ulDensity = 80;
    return ic;
}

/* A table with these columns and indexes, density 80 (for JetCreateTableColumnIndexA). */
static inline JET_TABLECREATE_A api_table_a(const char *name, JET_COLUMNCREATE_A *cc, unsigned long ccols,
                                            JET_INDEXCREATE_A *ic, unsigned long cindexes)
{
    JET_TABLECREATE_A tc;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)name;
    tc.ulDensity = 80;
    tc.rgcolumncreate = cc;
    tc.cColumns = ccols;
    tc.rgindexcreate = ic;
    tc.cIndexes = cindexes;
    return tc;
}

#endif
