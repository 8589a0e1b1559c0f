/* Instances: engine modes, creation, JetInit/JetTerm, path collisions, stop service, instance info
 * (spec/ese-api.md §1, scenarios §4.2 1-6, 9, 10, 12). Public API only. Every test leaves no instance
 * behind, so the engine is back in "no mode" between tests. */
#include <esent.h>
#include "cu_runner.h"
#include "test_util.h"

#include <stdio.h>
#include <string.h>

static const char *g_argv0;

/* Paths are relative to the test's scratch folder. */
static JET_ERR set_paths(JET_INSTANCE *inst, const char *system, const char *log)
{
    JET_ERR err = JetSetSystemParameterA(inst, 0, JET_paramSystemPath, 0, system);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(inst, 0, JET_paramLogFilePath, 0, log);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(inst, 0, JET_paramCreatePathIfNotExist, 1, NULL);
    return err;
}

static JET_ERR create_and_init(JET_INSTANCE *inst, const char *name, const char *folder)
{
    char system[256], log[256];
    snprintf(system, sizeof system, "%s/", folder);
    snprintf(log, sizeof log, "%s/logs/", folder);
    JET_ERR err = JetCreateInstanceA(inst, name);
    if (err == JET_errSuccess)
        err = set_paths(inst, system, log);
    if (err == JET_errSuccess)
        err = JetInit(inst);
    return err;
}

/* ---- engine modes (§1.4, scenario 1) ---- */

static void test_legacy_single_instance_mode(void)
{
    CU_ASSERT_EQUAL_FATAL(JetSetSystemParameterA(NULL, 0, JET_paramMaxTemporaryTables, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetInit(NULL), JET_errSuccess);
    JET_INSTANCE other = 0;
    CU_ASSERT_EQUAL(JetCreateInstanceA(&other, "x"), JET_errRunningInOneInstanceMode);
    CU_ASSERT_EQUAL(JetInit(NULL), JET_errAlreadyInitialized);
    CU_ASSERT_EQUAL(JetEnableMultiInstanceA(NULL, 0, NULL), JET_errRunningInOneInstanceMode);
    /* In one-instance mode the handle is ignored: 0 addresses the instance. */
    JET_SESID sesid = 0;
    CU_ASSERT_EQUAL(JetBeginSessionA(0, &sesid, "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetEndSession(sesid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetSystemParameterA(NULL, 0, JET_paramMaxTemporaryTables, 20, NULL), JET_errSuccess);

    /* The last instance is gone: the engine may switch to multi-instance mode. */
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&inst, "after-legacy"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetInit(NULL), JET_errRunningInMultiInstanceMode);
    JET_INSTANCE zero = 0;
    CU_ASSERT_EQUAL(JetInit(&zero), JET_errRunningInMultiInstanceMode);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

static void test_legacy_init_returns_handle(void)
{
    JET_INSTANCE inst = 12345;   /* "possibly bogus": JetInit ignores it and allocates */
    CU_ASSERT_EQUAL_FATAL(JetSetSystemParameterA(NULL, 0, JET_paramMaxTemporaryTables, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetInit(&inst), JET_errSuccess);
    CU_ASSERT(inst != 12345 && inst != 0 && inst != JET_instanceNil);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetSystemParameterA(NULL, 0, JET_paramMaxTemporaryTables, 20, NULL), JET_errSuccess);
}

static void test_legacy_apis_need_one_instance_mode(void)
{
    CU_ASSERT_EQUAL(JetStopService(), JET_errInvalidParameter);   /* nothing initialized */
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&inst, "multi"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetStopService(), JET_errRunningInMultiInstanceMode);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

/* ---- creation (scenarios 2, 3, 6) ---- */

static void test_create_null_pointer(void)
{
    CU_ASSERT_EQUAL(JetCreateInstanceA(NULL, "x"), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetCreateInstanceW(NULL, u"x"), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetCreateInstance2A(NULL, "x", "y", 0), JET_errInvalidParameter);
}

static void test_instance_names_unique(void)
{
    JET_INSTANCE a = 0, b = 0, c = 0, d = 0;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&a, "same"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateInstanceA(&b, "same"), JET_errInstanceNameInUse);
    CU_ASSERT_EQUAL(JetCreateInstanceW(&b, u"same"), JET_errInstanceNameInUse);
    CU_ASSERT_EQUAL(JetCreateInstanceA(&b, "SAME"), JET_errSuccess);   /* names compare exactly */
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&c, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateInstanceA(&d, NULL), JET_errInstanceNameInUse);   /* two unnamed collide */
    CU_ASSERT_EQUAL(JetTerm(a), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(b), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(c), JET_errSuccess);
}

static void test_max_instances(void)
{
    JET_INSTANCE inst[17];
    char name[32];
    int created = 0;
    for (int i = 0; i < 16; i++) {
        snprintf(name, sizeof name, "max-%d", i);
        if (JetCreateInstanceA(&inst[i], name) == JET_errSuccess)
            created++;
    }
    CU_ASSERT_EQUAL(created, 16);
    CU_ASSERT_EQUAL(JetCreateInstanceA(&inst[16], "max-16"), JET_errTooManyInstances);
    CU_ASSERT_EQUAL(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 32, NULL), JET_errAlreadyInitialized);
    for (int i = 0; i < created; i++)
        CU_ASSERT_EQUAL(JetTerm(inst[i]), JET_errSuccess);
    /* Back in no mode: MaxInstances may change again. */
    CU_ASSERT_EQUAL(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 17, NULL), JET_errSuccess);
    for (int i = 0; i < 17; i++) {
        snprintf(name, sizeof name, "max-%d", i);
        CU_ASSERT_EQUAL(JetCreateInstanceA(&inst[i], name), JET_errSuccess);
    }
    for (int i = 0; i < 17; i++)
        JetTerm(inst[i]);
    CU_ASSERT_EQUAL(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 16, NULL), JET_errSuccess);
}

static void test_term_created_instance_frees_it(void)
{
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&inst, "never-initialized"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errInvalidInstance);
    /* The name is free again. */
    CU_ASSERT_EQUAL(JetCreateInstanceA(&inst, "never-initialized"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

/* ---- JetInit (§1.6, scenarios 4, 5) ---- */

static void test_init_twice(void)
{
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(create_and_init(&inst, "twice", "init-twice"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetInit(&inst), JET_errAlreadyInitialized);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

static void test_init_creates_folders_when_asked(void)
{
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(create_and_init(&inst, "mkdir", "made/deep/er"), JET_errSuccess);
    CU_ASSERT(test_file_create("made/deep/er/probe"));
    CU_ASSERT(test_file_create("made/deep/er/logs/probe"));
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    CU_ASSERT(!test_file_exists("made/deep/er/tmp.edb"));  /* the temporary database is gone */
}

static void test_init_failure_frees_instance(void)
{
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&inst, "bad-path"), JET_errSuccess);
    JET_INSTANCE original = inst;
    CU_ASSERT_EQUAL(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, "no/such/folder/"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetInit(&inst), JET_errInvalidPath);
    CU_ASSERT_EQUAL(inst, 0);
    CU_ASSERT_EQUAL(JetTerm(original), JET_errInvalidInstance);
    JET_SESID sesid;
    CU_ASSERT_EQUAL(JetBeginSessionA(original, &sesid, "", ""), JET_errInvalidInstance);
    CU_ASSERT(!test_file_create("no/such/folder/probe"));   /* nothing was created */
}

static void test_init_rstinfo_validated(void)
{
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&inst, "rst"), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(set_paths(&inst, "rst/", "rst/logs/"), JET_errSuccess);
    JET_RSTINFO_A rst;
    memset(&rst, 0, sizeof rst);
    rst.cbStruct = sizeof rst - 1;
    CU_ASSERT_EQUAL(JetInit3A(&inst, &rst, 0), JET_errInvalidParameter);
    rst.cbStruct = sizeof rst;
    rst.crstmap = 1;   /* a count with no map */
    CU_ASSERT_EQUAL(JetInit3A(&inst, &rst, 0), JET_errInvalidParameter);
    JET_RSTINFO_W rstw;
    memset(&rstw, 0, sizeof rstw);
    rstw.cbStruct = sizeof rstw + 1;
    CU_ASSERT_EQUAL(JetInit3W(&inst, &rstw, 0), JET_errInvalidParameter);
    rst.crstmap = 0;
    CU_ASSERT_EQUAL(JetInit3A(&inst, &rst, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

static void test_path_collisions(void)
{
    JET_INSTANCE first = 0, second = 0;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&first, "first"), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(set_paths(&first, "coll/sys/", "coll/log/"), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetSetSystemParameterA(&first, 0, JET_paramTempPath, 0, "coll/temp/"), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetInit(&first), JET_errSuccess);

    struct { const char *sys, *log, *temp; JET_ERR want; } cases[] = {
        { "coll/sys/", "coll/log2/", "coll/temp2/", JET_errSystemPathInUse },
        { "coll/sys2/", "coll/log/", "coll/temp2/", JET_errLogFilePathInUse },
        /* TempPath is relative to SystemPath: this names the first instance's temporary database. */
        { "coll/sys2/", "coll/log2/", "../sys/coll/temp/", JET_errTempPathInUse },
        { "coll\\sys\\", "coll/log2/", "coll/temp2/", JET_errSystemPathInUse },   /* either separator */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&second, "second"), JET_errSuccess);
        CU_ASSERT_EQUAL(set_paths(&second, cases[i].sys, cases[i].log), JET_errSuccess);
        CU_ASSERT_EQUAL(JetSetSystemParameterA(&second, 0, JET_paramTempPath, 0, cases[i].temp), JET_errSuccess);
        CU_ASSERT_EQUAL(JetInit(&second), cases[i].want);
        CU_ASSERT_EQUAL(second, 0);   /* failed init freed it */
    }
    CU_ASSERT_EQUAL(JetTerm(first), JET_errSuccess);
}

/* The temporary database is held with no sharing: another process using the same folders is refused. */
static void test_temp_db_held_against_other_process(void)
{
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(create_and_init(&inst, "held", "xproc"), JET_errSuccess);
    CU_ASSERT_EQUAL(test_run_self(g_argv0, "--child-init xproc"), 32);   /* child: -1032 FileAccessDenied */
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    CU_ASSERT_EQUAL(test_run_self(g_argv0, "--child-init xproc"), 0);    /* free after JetTerm */
}

static int child_init(const char *folder)
{
    JET_INSTANCE inst = 0;
    JET_ERR err = create_and_init(&inst, "child", folder);
    if (err == JET_errSuccess)
        JetTerm(inst);
    return err == JET_errSuccess ? 0 : (err == JET_errFileAccessDenied ? 32 : 1);
}

/* ---- JetTerm (§1.7) ---- */

static void test_term_dirty(void)
{
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(create_and_init(&inst, "dirty", "term-dirty"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm2(inst, JET_bitTermDirty), JET_errDirtyShutdown);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errInvalidInstance);   /* terminated all the same */
}

static void test_term_ends_sessions(void)
{
    JET_INSTANCE inst = 0;
    JET_SESID a, b;
    CU_ASSERT_EQUAL_FATAL(create_and_init(&inst, "sessions", "term-sessions"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginSessionA(inst, &a, "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginSessionA(inst, &b, "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm2(inst, JET_bitTermComplete), JET_errSuccess);
    CU_ASSERT_EQUAL(JetEndSession(a, 0), JET_errInvalidSesid);
    CU_ASSERT_EQUAL(JetDupSession(b, &a), JET_errInvalidSesid);
}

static void test_bad_instance_handles(void)
{
    JET_SESID sesid;
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&inst, "handles"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginSessionA((JET_INSTANCE)0x5A5A5A5A, &sesid, "", ""), JET_errInvalidInstance);
    CU_ASSERT_EQUAL(JetBeginSessionA(inst + 1, &sesid, "", ""), JET_errInvalidInstance);
    CU_ASSERT_EQUAL(JetBeginSessionA(0, &sesid, "", ""), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetBeginSessionA(JET_instanceNil, &sesid, "", ""), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetTerm((JET_INSTANCE)0x5A5A5A5A), JET_errInvalidInstance);
    CU_ASSERT_EQUAL(JetTerm(0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetBeginSessionA(inst, &sesid, "", ""), JET_errNotInitialized);   /* created, not initialized */
    CU_ASSERT_EQUAL(JetBeginSessionA(inst, NULL, "", ""), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

/* ---- stop service (§1.8, scenario 9) ---- */

static void test_stop_service_instance(void)
{
    JET_INSTANCE inst = 0;
    JET_SESID sesid, before;
    CU_ASSERT_EQUAL_FATAL(create_and_init(&inst, "stop", "stop"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginSessionA(inst, &before, "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetStopServiceInstance(inst), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginSessionA(inst, &sesid, "", ""), JET_errClientRequestToStopJetService);
    CU_ASSERT_EQUAL(JetEndSession(before, 0), JET_errClientRequestToStopJetService);
    CU_ASSERT_EQUAL(JetStopServiceInstance2(inst, JET_bitStopServiceResume), JET_errClientRequestToStopJetService);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);   /* JetTerm still works */
}

static void test_stop_service_instance2(void)
{
    JET_INSTANCE inst = 0;
    JET_SESID sesid;
    CU_ASSERT_EQUAL_FATAL(create_and_init(&inst, "stop2", "stop2"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetStopServiceInstance2(inst, 0x100), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetStopServiceInstance2(inst, 0x8 | JET_bitStopServiceQuiesceCaches), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetStopServiceInstance2(inst, 0x8 | JET_bitStopServiceResume), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetStopServiceInstance2(inst, JET_bitStopServiceQuiesceCaches), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginSessionA(inst, &sesid, "", ""), JET_errSuccess);   /* APIs keep working */
    CU_ASSERT_EQUAL(JetEndSession(sesid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetStopServiceInstance2(inst, JET_bitStopServiceResume | JET_bitStopServiceQuiesceCaches),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(JetStopServiceInstance2(inst, JET_bitStopServiceBackgroundUserTasks), JET_errSuccess);
    CU_ASSERT_EQUAL(JetStopServiceInstance2(inst, JET_bitStopServiceResume), JET_errSuccess);
    CU_ASSERT_EQUAL(JetStopServiceInstance2(inst, JET_bitStopServiceAll), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginSessionA(inst, &sesid, "", ""), JET_errClientRequestToStopJetService);
    CU_ASSERT_EQUAL(JetStopServiceInstance2(inst, JET_bitStopServiceResume), JET_errClientRequestToStopJetService);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

/* ---- JetGetInstanceInfo (§1.11) and A/W names ---- */

static void test_instance_info(void)
{
    uint32_t count = 99;
    JET_INSTANCE_INFO_A *info = (JET_INSTANCE_INFO_A *)1;
    CU_ASSERT_EQUAL(JetGetInstanceInfoA(&count, &info), JET_errSuccess);
    CU_ASSERT_EQUAL(count, 0);
    CU_ASSERT_PTR_NULL(info);
    CU_ASSERT_EQUAL(JetGetInstanceInfoA(NULL, &info), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetInstanceInfoA(&count, NULL), JET_errInvalidParameter);

    /* Names go in through A and W and come out through both. The ANSI code page is UTF-8 on Linux,
     * so there a non-ASCII name round-trips through A too; on Windows the A name stays ASCII. */
#ifdef _WIN32
    static const char a_name[] = "plain-ascii";
    static const WCHAR a_wide[] = u"plain-ascii";
#else
    static const char a_name[] = "na\xC3\xAFve-\xE5\xAE\x9F\xE4\xBE\x8B";
    static const WCHAR a_wide[] = u"na\u00EFve-\u5B9F\u4F8B";
#endif
    static const WCHAR b_wide[] = u"\u00DCber-\U0001F600";
    JET_INSTANCE a = 0, b = 0;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&a, a_name), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceW(&b, b_wide), JET_errSuccess);
    JET_INSTANCE_INFO_W *winfo = NULL;
    CU_ASSERT_EQUAL_FATAL(JetGetInstanceInfoW(&count, &winfo), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(count, 2);
    int found_a = 0, found_b = 0;
    for (uint32_t i = 0; i < count; i++) {
        CU_ASSERT_EQUAL(winfo[i].cDatabases, 0);
        const WCHAR *n = winfo[i].szInstanceName;
        CU_ASSERT_PTR_NOT_NULL_FATAL(n);
        if (winfo[i].hInstanceId == a)
            found_a = memcmp(n, a_wide, sizeof a_wide) == 0;
        if (winfo[i].hInstanceId == b)
            found_b = memcmp(n, b_wide, sizeof b_wide) == 0;
    }
    CU_ASSERT(found_a);
    CU_ASSERT(found_b);
    CU_ASSERT_EQUAL(JetFreeBuffer((char *)winfo), JET_errSuccess);

    CU_ASSERT_EQUAL_FATAL(JetGetInstanceInfoA(&count, &info), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(count, 2);
    found_a = found_b = 0;
    for (uint32_t i = 0; i < count; i++) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(info[i].szInstanceName);
        if (info[i].hInstanceId == a)
            found_a = strcmp(info[i].szInstanceName, a_name) == 0;
        if (info[i].hInstanceId == b)
            found_b = strcmp(info[i].szInstanceName, "\xC3\x9C" "ber-\xF0\x9F\x98\x80") == 0;
    }
    CU_ASSERT(found_a);
#ifndef _WIN32
    CU_ASSERT(found_b);   /* b's name has no form in a Windows ANSI code page */
#endif
    JetFreeBuffer((char *)info);
    CU_ASSERT_EQUAL(JetFreeBuffer(NULL), JET_errSuccess);
    JetTerm(a);
    JetTerm(b);
}

static void test_instance_misc_info(void)
{
    JET_INSTANCE inst = 0;
    JET_CHECKPOINTINFO cp;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&inst, "misc"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetInstanceMiscInfo(inst, &cp, sizeof cp, JET_InstanceMiscInfoCheckpoint), JET_errNotInitialized);
    CU_ASSERT_EQUAL_FATAL(set_paths(&inst, "misc/", "misc/logs/"), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetInit(&inst), JET_errSuccess);
    memset(&cp, 0xAB, sizeof cp);
    CU_ASSERT_EQUAL(JetGetInstanceMiscInfo(inst, &cp, sizeof cp - 1, JET_InstanceMiscInfoCheckpoint), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetInstanceMiscInfo(inst, &cp, sizeof cp, JET_InstanceMiscInfoCheckpoint), JET_errSuccess);
    CU_ASSERT_EQUAL(cp.genMin, 0);
    CU_ASSERT_EQUAL(cp.genMax, 0);
    CU_ASSERT_EQUAL(JetGetInstanceMiscInfo(inst, &cp, sizeof cp, 77), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetInstanceMiscInfo((JET_INSTANCE)0x77777, &cp, sizeof cp, 1), JET_errInvalidInstance);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

/* ---- JetEnableMultiInstance (§1.9, scenario 10) ---- */

static void test_enable_multi_instance(void)
{
    JET_SETSYSPARAM_A params[2];
    memset(params, 0, sizeof params);
    params[0].paramid = JET_paramMaxInstances;
    params[0].lParam = 20;
    params[1].paramid = JET_paramDatabasePageSize;
    params[1].lParam = 8192;
    uint32_t done = 0;
    CU_ASSERT_EQUAL(JetEnableMultiInstanceA(NULL, 1, &done), JET_errInvalidParameter);
    CU_ASSERT_EQUAL_FATAL(JetEnableMultiInstanceA(params, 2, &done), JET_errSuccess);
    CU_ASSERT_EQUAL(done, 2);
    CU_ASSERT_EQUAL(JetInit(NULL), JET_errRunningInMultiInstanceMode);
    done = 0;
    CU_ASSERT_EQUAL(JetEnableMultiInstanceA(params, 2, &done), JET_errSystemParamsAlreadySet);
    CU_ASSERT_EQUAL(done, 2);
    params[1].lParam = 16384;
    CU_ASSERT_EQUAL(JetEnableMultiInstanceA(params, 2, &done), JET_errSystemParameterConflict);
    CU_ASSERT_EQUAL(done, 1);
    CU_ASSERT_EQUAL(params[1].err, JET_errSystemParameterConflict);
    /* Creating and freeing an instance returns the engine to no mode. */
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL(JetCreateInstanceA(&inst, "after-enable"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 16, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 4096, NULL), JET_errSuccess);
}

/* ---- scenario 12: defaults cloned at creation ---- */

static void test_global_defaults_cloned_at_creation(void)
{
    JET_API_PTR value = 0;
    CU_ASSERT_EQUAL_FATAL(JetSetSystemParameterA(NULL, 0, JET_paramMaxSessions, 7, NULL), JET_errSuccess);
    JET_INSTANCE inst = 0;
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&inst, "inherits"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(inst, 0, JET_paramMaxSessions, &value, NULL, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(value, 7);
    /* Setting the global value after creation does not reach the instance. */
    CU_ASSERT_EQUAL(JetSetSystemParameterA(NULL, 0, JET_paramMaxSessions, 9, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(inst, 0, JET_paramMaxSessions, &value, NULL, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(value, 7);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetSystemParameterA(NULL, 0, JET_paramMaxSessions, 16, NULL), JET_errSuccess);
}

static void test_version(void)
{
    uint32_t version = 0;
    CU_ASSERT_EQUAL(JetGetVersion(0, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetVersion(JET_sesidNil, &version), JET_errSuccess);
    CU_ASSERT_EQUAL(version >> 28, 10);                   /* Windows 10's engine */
    CU_ASSERT(((version & 0xFFFFFF) >> 8) >= 9900);      /* ManagedEsent's Windows 10 threshold */
}

int main(int argc, char **argv)
{
    g_argv0 = argv[0];
    if (argc == 3 && strcmp(argv[1], "--child-init") == 0)
        return child_init(argv[2]);

    CU_pSuite s = esent_test_suite("modes", NULL, NULL);
    esent_test_add(s, "legacy_single_instance_mode", test_legacy_single_instance_mode);
    esent_test_add(s, "legacy_init_returns_handle", test_legacy_init_returns_handle);
    esent_test_add(s, "legacy_apis_need_one_instance_mode", test_legacy_apis_need_one_instance_mode);
    esent_test_add(s, "enable_multi_instance", test_enable_multi_instance);
    s = esent_test_suite("create", NULL, NULL);
    esent_test_add(s, "create_null_pointer", test_create_null_pointer);
    esent_test_add(s, "instance_names_unique", test_instance_names_unique);
    esent_test_add(s, "max_instances", test_max_instances);
    esent_test_add(s, "term_created_instance_frees_it", test_term_created_instance_frees_it);
    esent_test_add(s, "global_defaults_cloned_at_creation", test_global_defaults_cloned_at_creation);
    s = esent_test_suite("init_term", NULL, NULL);
    esent_test_add(s, "init_twice", test_init_twice);
    esent_test_add(s, "init_creates_folders_when_asked", test_init_creates_folders_when_asked);
    esent_test_add(s, "init_failure_frees_instance", test_init_failure_frees_instance);
    esent_test_add(s, "init_rstinfo_validated", test_init_rstinfo_validated);
    esent_test_add(s, "path_collisions", test_path_collisions);
    esent_test_add(s, "temp_db_held_against_other_process", test_temp_db_held_against_other_process);
    esent_test_add(s, "term_dirty", test_term_dirty);
    esent_test_add(s, "term_ends_sessions", test_term_ends_sessions);
    esent_test_add(s, "bad_instance_handles", test_bad_instance_handles);
    s = esent_test_suite("stop_service", NULL, NULL);
    esent_test_add(s, "stop_service_instance", test_stop_service_instance);
    esent_test_add(s, "stop_service_instance2", test_stop_service_instance2);
    s = esent_test_suite("info", NULL, NULL);
    esent_test_add(s, "instance_info", test_instance_info);
    esent_test_add(s, "instance_misc_info", test_instance_misc_info);
    esent_test_add(s, "version", test_version);
    return esent_test_run();
}
