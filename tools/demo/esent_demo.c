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

    printf("\n4. A database in ESE's own file format\n");
    JET_SESID db_session = 0;
    JET_DBID dbid = 0;
    expect("JetBeginSession", JetBeginSessionA(instance, &db_session, "", ""), JET_errSuccess);
    expect("JetCreateDatabase(\"demo-data/demo.edb\", overwrite)",
           JetCreateDatabaseA(db_session, "demo-data/demo.edb", NULL, &dbid, JET_bitDbOverwriteExisting), JET_errSuccess);
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
    expect("JetOpenDatabase(\"no-such.edb\")", JetOpenDatabaseA(db_session, "no-such.edb", NULL, &dbid, 0),
           JET_errDatabaseNotFound);
    printf("     (esedbinfo demo-data/demo.edb reads this file too)\n");

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
