/* What the two ESENT drivers share (bench_esent.c: workloads 1-4; rmw_esent.c: workload 5): error
 * reporting and the benchmark's instance, database and table, made through the public API only.
 *
 * The instance's system, log and temp paths are the benchmark folder; recovery (logging) is on as by
 * default. The database is <folder>/bench.edb, the table "bench": a JET_coltypLongLong column "key" (the
 * primary index "+key") and a variable JET_coltypBinary column "value". */
#ifndef ESENT_BENCH_SETUP_H
#define ESENT_BENCH_SETUP_H

#include "bench.h"

#include <esent.h>

#include <stdint.h>

#define ESENT_BENCH_TABLE "bench"

typedef struct esent_bench_db {
    JET_INSTANCE instance;
    JET_SESID session;
    JET_DBID dbid;
    JET_TABLEID table;          /* a normal cursor on the table, of session */
    JET_COLUMNID col_key, col_value;
    char file[4096];            /* the database's path, for other sessions' JetOpenDatabase */
    int have_instance, have_session, have_db, have_table;
} esent_bench_db;

/* "JET_errFeatureNotAvailable (-1001) at JetCreateTableColumnIndex": the name as the engine's
 * JET_paramErrorToString gives it ("<name>, <description>"), cut at the comma. Returns -1. */
int esent_bench_fail(char *err, JET_ERR code, const char *call);

/* Evaluates an ESENT call; on an error (negative result) fails the enclosing function, which
 * must have a "fail:" label, a JET_ERR e and a char *err. Warnings (positive results) are not errors. */
#define JET_CHECK(call, name)                                                                      \
    do {                                                                                           \
        e = (call);                                                                                \
        if (e < 0) {                                                                               \
            esent_bench_fail(err, e, name);                                                        \
            goto fail;                                                                             \
        }                                                                                          \
    } while (0)

/* Makes instance `name` (JET_paramMaxVerPages = max_ver_pages unless 0), the database and the table in
 * folder dir, and opens the table. 0, or -1 with err set (what was made is then closed). db zeroed. */
int esent_bench_create(esent_bench_db *db, const char *dir, const char *name, uint64_t max_ver_pages, char *err);
/* Closes what db holds and terminates the instance (a JetTerm error is printed, prefixed by who). */
void esent_bench_close(esent_bench_db *db, const char *who);

#endif
