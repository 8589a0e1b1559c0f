#define _POSIX_C_SOURCE 200809L
#include "esent_setup.h"

#include <stdio.h>
#include <string.h>

int esent_bench_fail(char *err, JET_ERR code, const char *call)
{
    JET_API_PTR value = (JET_API_PTR)(intptr_t)code;
    char text[512] = "";
    if (JetGetSystemParameterA(0, 0, JET_paramErrorToString, &value, text, sizeof text) < 0 || text[0] == '\0')
        snprintf(text, sizeof text, "JET error");
    text[strcspn(text, ",")] = '\0';
    return bench_fail(err, "%s (%d) at %s", text, (int)code, call);
}

void esent_bench_close(esent_bench_db *db, const char *who)
{
    if (db->have_table)
        JetCloseTable(db->session, db->table);
    if (db->have_db)
        JetCloseDatabase(db->session, db->dbid, 0);
    if (db->have_session)
        JetEndSession(db->session, 0);
    if (db->have_instance) {
        JET_ERR e = JetTerm(db->instance);
        if (e < 0) {
            char err[BENCH_ERR_MAX];
            esent_bench_fail(err, e, "JetTerm");
            fprintf(stderr, "%s: %s\n", who, err);
        }
    }
    db->have_table = db->have_db = db->have_session = db->have_instance = 0;
}

int esent_bench_create(esent_bench_db *db, const char *dir, const char *name, uint64_t max_ver_pages, char *err)
{
    char folder[4096];
    snprintf(folder, sizeof folder, "%s/", dir);   /* a trailing separator: a folder, not a file prefix */
    snprintf(db->file, sizeof db->file, "%s/bench.edb", dir);
    JET_ERR e;

    JET_CHECK(JetCreateInstanceA(&db->instance, name), "JetCreateInstance");
    db->have_instance = 1;
    JET_CHECK(JetSetSystemParameterA(&db->instance, 0, JET_paramSystemPath, 0, folder), "JetSetSystemParameter(SystemPath)");
    JET_CHECK(JetSetSystemParameterA(&db->instance, 0, JET_paramLogFilePath, 0, folder), "JetSetSystemParameter(LogFilePath)");
    JET_CHECK(JetSetSystemParameterA(&db->instance, 0, JET_paramTempPath, 0, folder), "JetSetSystemParameter(TempPath)");
    if (max_ver_pages != 0) {
        if (max_ver_pages > 0x7FFFFFFF)
            max_ver_pages = 0x7FFFFFFF;
        JET_CHECK(JetSetSystemParameterA(&db->instance, 0, JET_paramMaxVerPages, (JET_API_PTR)max_ver_pages, NULL),
                  "JetSetSystemParameter(MaxVerPages)");
    }
    e = JetInit(&db->instance);
    if (e < 0) {
        db->have_instance = 0;   /* a failed JetInit frees the instance */
        esent_bench_fail(err, e, "JetInit");
        goto fail;
    }
    JET_CHECK(JetBeginSessionA(db->instance, &db->session, "", ""), "JetBeginSession");
    db->have_session = 1;
    JET_CHECK(JetCreateDatabaseA(db->session, db->file, NULL, &db->dbid, 0), "JetCreateDatabase");
    db->have_db = 1;

    JET_COLUMNCREATE_A columns[2] = {
        { .cbStruct = sizeof(JET_COLUMNCREATE_A), .szColumnName = "key", .coltyp = JET_coltypLongLong,
          .cbMax = 0, .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },   /* a LongLong is 8 bytes */
        { .cbStruct = sizeof(JET_COLUMNCREATE_A), .szColumnName = "value", .coltyp = JET_coltypBinary,
          .cbMax = 255, .grbit = 0 },   /* variable length, up to 255 bytes */
    };
    static char index_key[] = "+key\0";   /* double-NUL terminated: 6 bytes with the array's own NUL */
    JET_INDEXCREATE_A index = {
        .cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "primary", .szKey = index_key,
        .cbKey = sizeof index_key, .grbit = JET_bitIndexPrimary, .ulDensity = 80,
    };
    JET_TABLECREATE_A create = {
        .cbStruct = sizeof(JET_TABLECREATE_A), .szTableName = ESENT_BENCH_TABLE,
        .rgcolumncreate = columns, .cColumns = 2, .rgindexcreate = &index, .cIndexes = 1,
    };
    JET_CHECK(JetCreateTableColumnIndexA(db->session, db->dbid, &create), "JetCreateTableColumnIndex");
    db->col_key = columns[0].columnid;
    db->col_value = columns[1].columnid;
    /* The cursor JetCreateTableColumnIndex returns is exclusive; work through a normal one. */
    JET_CHECK(JetCloseTable(db->session, create.tableid), "JetCloseTable");
    JET_CHECK(JetOpenTableA(db->session, db->dbid, ESENT_BENCH_TABLE, NULL, 0, 0, &db->table), "JetOpenTable");
    db->have_table = 1;
    return 0;

fail:
    esent_bench_close(db, name);
    return -1;
}
