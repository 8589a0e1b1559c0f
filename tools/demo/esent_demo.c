/* esent-demo: walks through what the engine can do today, using only the public ESENT API —
 * the same calls a Windows program makes against esent.dll. */
#include <esent.h>

#include <stdio.h>
#include <string.h>

static int failures;

/* Prints the call's result the way the real engine names it (JET_paramErrorToString). */
static JET_ERR show(const char *what, JET_ERR err)
{
    JET_API_PTR code = (JET_API_PTR)(intptr_t)err;
    char text[512] = "";
    JetGetSystemParameterA(0, 0, JET_paramErrorToString, &code, text, sizeof text);
    printf("  %-46s -> %d (%s)\n", what, (int)err, text);
    return err;
}

static void expect(const char *what, JET_ERR err, JET_ERR want)
{
    if (show(what, err) != want) {
        printf("     expected %d\n", (int)want);
        failures++;
    }
}

int main(void)
{
    uint32_t version = 0;
    JetGetVersion(0, &version);
    printf("ESENT for Linux and Windows - engine version %u.%u build %u\n\n", version >> 28, (version >> 24) & 0xF,
           (version >> 8) & 0xFFFF);

    printf("1. A named instance with its own parameters\n");
    JET_INSTANCE instance = 0;
    expect("JetCreateInstance(\"demo\")", JetCreateInstanceA(&instance, "demo"), JET_errSuccess);
    expect("JetSetSystemParameter(SystemPath, \"demo-data/\")",
           JetSetSystemParameterA(&instance, 0, JET_paramSystemPath, 0, "demo-data/"), JET_errSuccess);
    expect("JetSetSystemParameter(LogFilePath, \"demo-data/logs/\")",
           JetSetSystemParameterA(&instance, 0, JET_paramLogFilePath, 0, "demo-data/logs/"), JET_errSuccess);
    expect("JetSetSystemParameter(CreatePathIfNotExist, 1)",
           JetSetSystemParameterA(&instance, 0, JET_paramCreatePathIfNotExist, 1, NULL), JET_errSuccess);
    expect("JetSetSystemParameter(MaxSessions, 4)",
           JetSetSystemParameterA(&instance, 0, JET_paramMaxSessions, 4, NULL), JET_errSuccess);
    expect("JetSetSystemParameter(BaseName, \"toolong\")",
           JetSetSystemParameterA(&instance, 0, JET_paramBaseName, 0, "toolong"), JET_errInvalidParameter);
    expect("JetInit", JetInit(&instance), JET_errSuccess);

    char path[260] = "";
    JET_API_PTR value = 0;
    expect("JetGetSystemParameter(LogFilePath)",
           JetGetSystemParameterA(instance, 0, JET_paramLogFilePath, NULL, path, sizeof path), JET_errSuccess);
    printf("     log folder: %s\n", path);
    expect("JetGetSystemParameter(MaxSessions)",
           JetGetSystemParameterA(instance, 0, JET_paramMaxSessions, &value, NULL, 0), JET_errSuccess);
    printf("     max sessions: %u\n", (unsigned)value);
    expect("JetSetSystemParameter(MaxSessions) after JetInit",
           JetSetSystemParameterA(&instance, 0, JET_paramMaxSessions, 8, NULL), JET_errAlreadyInitialized);

    printf("\n2. Sessions, limited by MaxSessions\n");
    JET_SESID sessions[5];
    for (int i = 0; i < 4; i++)
        expect("JetBeginSession", JetBeginSessionA(instance, &sessions[i], "", ""), JET_errSuccess);
    expect("JetBeginSession (a fifth)", JetBeginSessionA(instance, &sessions[4], "", ""), JET_errOutOfSessions);
    expect("JetEndSession", JetEndSession(sessions[3], 0), JET_errSuccess);
    expect("JetEndSession (same handle again)", JetEndSession(sessions[3], 0), JET_errInvalidSesid);

    printf("\n3. A second instance may not share the first one's folders\n");
    JET_INSTANCE second = 0;
    expect("JetCreateInstance(\"demo\") again", JetCreateInstanceA(&second, "demo"), JET_errInstanceNameInUse);
    expect("JetCreateInstance(\"demo-2\")", JetCreateInstanceA(&second, "demo-2"), JET_errSuccess);
    JetSetSystemParameterA(&second, 0, JET_paramSystemPath, 0, "demo-data/");
    JetSetSystemParameterA(&second, 0, JET_paramLogFilePath, 0, "demo-data/other-logs/");
    JetSetSystemParameterA(&second, 0, JET_paramCreatePathIfNotExist, 1, NULL);
    expect("JetInit(demo-2) with the same system path", JetInit(&second), JET_errSystemPathInUse);
    printf("     (a failed JetInit frees the instance: handle is now %lu)\n", (unsigned long)second);

    printf("\n4. A database in ESE's own file format: a table with indexes, rows, queries, transactions\n");
    JET_SESID db_session = 0;
    JET_DBID dbid = 0;
    expect("JetBeginSession", JetBeginSessionA(instance, &db_session, "", ""), JET_errSuccess);
    expect("JetCreateDatabase(\"demo-data/demo.edb\", overwrite)",
           JetCreateDatabaseA(db_session, "demo-data/demo.edb", NULL, &dbid, JET_bitDbOverwriteExisting), JET_errSuccess);
    JET_COLUMNCREATE_A cols[3];
    memset(cols, 0, sizeof cols);
    const char *col_names[3] = { "id", "city", "population" };
    JET_COLTYP col_types[3] = { JET_coltypLong, JET_coltypText, JET_coltypLongLong };
    for (int i = 0; i < 3; i++) {
        cols[i].cbStruct = sizeof cols[i];
        cols[i].szColumnName = (char *)col_names[i];
        cols[i].coltyp = col_types[i];
        cols[i].cbMax = col_types[i] == JET_coltypText ? 64 : 0;
        cols[i].cp = col_types[i] == JET_coltypText ? 1252 : 0;
        cols[i].grbit = i == 0 ? JET_bitColumnAutoincrement : 0;
    }
    static char key_id[] = "+id\0", key_city[] = "+city\0";
    JET_INDEXCREATE_A idx[2];
    memset(idx, 0, sizeof idx);
    idx[0].cbStruct = sizeof idx[0];
    idx[0].szIndexName = (char *)"primary";
    idx[0].szKey = key_id;
    idx[0].cbKey = sizeof key_id;
    idx[0].grbit = JET_bitIndexPrimary;
    idx[1].cbStruct = sizeof idx[1];
    idx[1].szIndexName = (char *)"by_city";
    idx[1].szKey = key_city;
    idx[1].cbKey = sizeof key_city;
    JET_TABLECREATE_A tc;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"cities";
    tc.ulDensity = 80;
    tc.rgcolumncreate = cols;
    tc.cColumns = 3;
    tc.rgindexcreate = idx;
    tc.cIndexes = 2;
    expect("JetCreateTableColumnIndex(\"cities\", 3 columns, 2 indexes)",
           JetCreateTableColumnIndexA(db_session, dbid, &tc), JET_errSuccess);
    JET_TABLEID table = tc.tableid;
    static const struct { const char *city; long long population; } rows[] = {
        { "Lisbon", 545000 }, { "Oslo", 709000 }, { "Lyon", 522000 }, { "Bergen", 286000 },
        { "Porto", 232000 }, { "Lille", 236000 }, { "Leeds", 812000 },
    };
    expect("JetBeginTransaction", JetBeginTransaction(db_session), JET_errSuccess);
    JET_ERR ins = JET_errSuccess;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0] && ins >= 0; i++) {
        ins = JetPrepareUpdate(db_session, table, JET_prepInsert);
        if (ins >= 0)
            ins = JetSetColumn(db_session, table, cols[1].columnid, rows[i].city, (uint32_t)strlen(rows[i].city), 0, NULL);
        if (ins >= 0)
            ins = JetSetColumn(db_session, table, cols[2].columnid, &rows[i].population, sizeof rows[i].population, 0, NULL);
        if (ins >= 0)
            ins = JetUpdate(db_session, table, NULL, 0, NULL);
    }
    expect("insert 7 rows (JetPrepareUpdate/JetSetColumn/JetUpdate)", ins, JET_errSuccess);
    expect("JetCommitTransaction", JetCommitTransaction(db_session, 0), JET_errSuccess);
    expect("JetSetCurrentIndex(\"by_city\")", JetSetCurrentIndexA(db_session, table, "by_city"), JET_errSuccess);
    expect("JetMakeKey(\"L\", JET_bitPartialColumnStartLimit)",
           JetMakeKey(db_session, table, "L", 1, JET_bitNewKey | JET_bitPartialColumnStartLimit), JET_errSuccess);
    expect("JetSeek(GE)", JetSeek(db_session, table, JET_bitSeekGE), JET_errSuccess);
    expect("JetMakeKey(\"L\", JET_bitPartialColumnEndLimit)",
           JetMakeKey(db_session, table, "L", 1, JET_bitNewKey | JET_bitPartialColumnEndLimit), JET_errSuccess);
    expect("JetSetIndexRange(upper limit)", JetSetIndexRange(db_session, table, JET_bitRangeUpperLimit), JET_errSuccess);
    printf("     cities starting with L, in index order:\n");
    do {
        char city[65] = "";
        uint32_t cb = 0;
        long long population = 0;
        int32_t id = 0;
        JetRetrieveColumn(db_session, table, cols[0].columnid, &id, sizeof id, NULL, 0, NULL);
        JetRetrieveColumn(db_session, table, cols[1].columnid, city, sizeof city - 1, &cb, 0, NULL);
        JetRetrieveColumn(db_session, table, cols[2].columnid, &population, sizeof population, NULL, 0, NULL);
        city[cb < sizeof city ? cb : sizeof city - 1] = 0;
        printf("       id %d  %-8s %lld\n", (int)id, city, population);
    } while (JetMove(db_session, table, JET_MoveNext, 0) == JET_errSuccess);
    expect("JetBeginTransaction", JetBeginTransaction(db_session), JET_errSuccess);
    expect("JetMove(first) + JetDelete", JetMove(db_session, table, JET_MoveFirst, 0) >= 0 ? JetDelete(db_session, table)
                                                                                          : JET_errNoCurrentRecord,
           JET_errSuccess);
    expect("JetRollback (the row comes back)", JetRollback(db_session, 0), JET_errSuccess);
    uint32_t count = 0;
    JetMove(db_session, table, JET_MoveFirst, 0);
    expect("JetIndexRecordCount", JetIndexRecordCount(db_session, table, &count, 0), JET_errSuccess);
    printf("     rows: %u\n", (unsigned)count);
    expect("JetCloseTable", JetCloseTable(db_session, table), JET_errSuccess);
    expect("JetCloseDatabase", JetCloseDatabase(db_session, dbid, 0), JET_errSuccess);
    expect("JetDetachDatabase", JetDetachDatabaseA(db_session, "demo-data/demo.edb"), JET_errSuccess);
    JET_DBINFOMISC misc;
    expect("JetGetDatabaseFileInfo(JET_DbInfoMisc)",
           JetGetDatabaseFileInfoA("demo-data/demo.edb", &misc, sizeof misc, JET_DbInfoMisc), JET_errSuccess);
    printf("     format 0x%x.%u, page size %u, state %u (3 = clean shutdown)\n", (unsigned)misc.ulVersion,
           (unsigned)misc.ulUpdate, (unsigned)misc.cbPageSize, (unsigned)misc.dbstate);
    expect("JetAttachDatabase(read-only)", JetAttachDatabaseA(db_session, "demo-data/demo.edb", JET_bitDbReadOnly),
           JET_errSuccess);
    expect("JetOpenDatabase", JetOpenDatabaseA(db_session, "demo-data/demo.edb", NULL, &dbid, JET_bitDbReadOnly),
           JET_errSuccess);
    expect("JetOpenTable(\"cities\")", JetOpenTableA(db_session, dbid, "cities", NULL, 0, JET_bitTableReadOnly, &table),
           JET_errSuccess);
    expect("JetSetCurrentIndex(\"by_city\")", JetSetCurrentIndexA(db_session, table, "by_city"),
           JET_errSuccess);
    JetMakeKey(db_session, table, "oslo", 4, JET_bitNewKey);
    expect("JetSeek(EQ, \"oslo\": text keys ignore case)", JetSeek(db_session, table, JET_bitSeekEQ), JET_errSuccess);
    expect("JetPrepareUpdate on a read-only database", JetPrepareUpdate(db_session, table, JET_prepReplace),
           JET_errPermissionDenied);
    expect("JetOpenDatabase(\"no-such.edb\")", JetOpenDatabaseA(db_session, "no-such.edb", NULL, &dbid, 0),
           JET_errDatabaseNotFound);
    printf("     (esedbexport demo-data/demo.edb and impacket read this file too)\n");

    printf("\n5. Stopping and terminating\n");
    expect("JetStopServiceInstance", JetStopServiceInstance(instance), JET_errSuccess);
    expect("JetBeginSession after the stop", JetBeginSessionA(instance, &sessions[4], "", ""),
           JET_errClientRequestToStopJetService);
    expect("JetTerm", JetTerm(instance), JET_errSuccess);
    expect("JetBeginSession on the terminated instance", JetBeginSessionA(instance, &sessions[4], "", ""),
           JET_errInvalidInstance);

    printf("\n%s\n", failures == 0 ? "demo finished: every call answered as ESENT does" : "demo finished WITH UNEXPECTED RESULTS");
    return failures == 0 ? 0 : 1;
}
