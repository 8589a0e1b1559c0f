/* Databases: JetGetDatabaseFileInfo, JetAttachDatabase(2), JetDetachDatabase(2), JetOpenDatabase,
 * JetCloseDatabase, JetCreateDatabase(2), JetGetDatabaseInfo (every level), JetGrowDatabase,
 * JetSetDatabaseSize, and ESENT's rules for indexes over Unicode text built with another sort order
 * (JET_paramEnableIndexChecking, JET_bitDbDeleteCorruptIndexes, JET_bitDbDeleteUnicodeIndexes: docs/sortkeys.md).
 * Public API only.
 *
 * Every Unicode text index of a database written on Windows was built with Windows' sort version, which is never
 * the one in use on Linux (ICU): such a database is refused by an attach with index checking on. The tests that
 * only read Windows' files turn checking off (JET_IndexCheckingOff), as a reader may.
 *
 * The real Windows files of ../shared/corpus (listed in its MANIFEST.tsv with their state and page size) are
 * copied into the scratch folder before use: the corpus is only ever opened for reading. Fields of the header
 * are checked against an independent decode of the raw bytes (offsets of ese-format.md §1). Tests skip (pass
 * with a message) when the corpus is absent. Every test leaves no instance behind, so the global
 * JET_paramDatabasePageSize can be changed between tests. */
#include <esent.h>
#include "cu_runner.h"
#include "test_util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *g_argv0;

/* ---- corpus ---- */

typedef struct corpus_db {
    char rel[512];        /* path under the corpus folder */
    uint32_t cb_page;
    int clean;            /* MANIFEST state CleanShutdown */
    char state[32];
} corpus_db;

static char g_corpus[1024];
static corpus_db g_dbs[64];
static int g_cdbs;

static void corpus_locate(void)
{
    const char *file = __FILE__;
    const char *tail = strstr(file, "tests/api/test_database.c");
    if (tail == NULL)
        tail = strstr(file, "tests\\api\\test_database.c");
    if (tail == NULL)
        return;
    snprintf(g_corpus, sizeof g_corpus, "%.*s../shared/corpus", (int)(tail - file), file);
}

static void corpus_load(void)
{
    char path[1200];
    corpus_locate();
    snprintf(path, sizeof path, "%s/MANIFEST.tsv", g_corpus);
    FILE *f = test_fopen_host(path, "rb");
    if (f == NULL)
        return;
    char line[8192];
    while (fgets(line, sizeof line, f) != NULL && g_cdbs < (int)(sizeof g_dbs / sizeof g_dbs[0])) {
        char *col[10] = { 0 };
        int n = 0;
        char *p = line;
        while (n < 10) {
            col[n++] = p;
            char *tab = strchr(p, '\t');
            if (tab == NULL)
                break;
            *tab = 0;
            p = tab + 1;
        }
        if (n < 10 || strcmp(col[7], "database") != 0)
            continue;
        size_t len = strlen(col[0]);
        if (len > 3 && strcmp(col[0] + len - 3, ".gz") == 0)
            continue;   /* compressed: not a database file as stored */
        const char *st = strstr(col[9], "state=");
        if (st == NULL)
            continue;
        corpus_db *d = &g_dbs[g_cdbs++];
        snprintf(d->rel, sizeof d->rel, "%s", col[0]);
        d->cb_page = (uint32_t)strtoul(col[8], NULL, 10);
        sscanf(st + 6, "%31[A-Za-z]", d->state);
        d->clean = strcmp(d->state, "CleanShutdown") == 0;
    }
    fclose(f);
}

/* Copies a corpus file into the scratch folder (C stdio; the corpus is opened read-only). */
static int copy_corpus(const corpus_db *d, const char *dst)
{
    char src[1600];
    snprintf(src, sizeof src, "%s/%s", g_corpus, d->rel);
    FILE *in = test_fopen_host(src, "rb");
    if (in == NULL)
        return 0;
    FILE *out = fopen(dst, "wb");
    if (out == NULL) {
        fclose(in);
        return 0;
    }
    char buf[65536];
    size_t n;
    int ok = 1;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
        if (fwrite(buf, 1, n, out) != n)
            ok = 0;
    }
    fclose(in);
    if (fclose(out) != 0)
        ok = 0;
    return ok;
}

static int have_corpus(void)
{
    if (g_cdbs == 0) {
        printf("  (corpus absent: skipped)\n");
        return 0;
    }
    return 1;
}

/* The first corpus database with this state and page size, or NULL. */
static const corpus_db *find_db(int clean, uint32_t cb_page)
{
    for (int i = 0; i < g_cdbs; i++) {
        if (g_dbs[i].clean == clean && g_dbs[i].cb_page == cb_page && (clean || strcmp(g_dbs[i].state, "DirtyShutdown") == 0))
            return &g_dbs[i];
    }
    return NULL;
}

/* ---- raw header (independent decode) ---- */

typedef struct raw_hdr {
    uint32_t version, dbstate, update_major, cb_page_field, filetype;
    uint8_t sign_db[28], sign_log[28];
    long size;
} raw_hdr;

static uint32_t le32(const uint8_t *p) { return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static int read_raw(const char *path, raw_hdr *r)
{
    uint8_t b[748];
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    int ok = fread(b, 1, sizeof b, f) == sizeof b;
    fseek(f, 0, SEEK_END);
    r->size = ftell(f);
    fclose(f);
    if (!ok)
        return 0;
    r->version = le32(b + 8);
    memcpy(r->sign_db, b + 24, 28);
    r->dbstate = le32(b + 52);
    memcpy(r->sign_log, b + 108, 28);
    r->update_major = le32(b + 232);
    r->cb_page_field = le32(b + 236);
    r->filetype = le32(b + 667);
    return 1;
}

static int write_bytes(const char *path, const void *pv, size_t cb)
{
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return 0;
    int ok = fwrite(pv, 1, cb, f) == cb;
    return fclose(f) == 0 && ok;
}

/* ---- instances ---- */

static JET_ERR set_page_size(uint32_t cb)
{
    return JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, cb, NULL);
}

/* A started instance with JET_paramEnableIndexChecking set to index_checking before JetInit (-1: left as it is). */
static JET_ERR start_checking(JET_INSTANCE *inst, const char *name, JET_SESID *sesid, int index_checking);

static JET_ERR start(JET_INSTANCE *inst, const char *name, JET_SESID *sesid)
{
    return start_checking(inst, name, sesid, -1);
}

static JET_ERR start_checking(JET_INSTANCE *inst, const char *name, JET_SESID *sesid, int index_checking)
{
    char sys[256], log[256];
    snprintf(sys, sizeof sys, "%s_sys/", name);
    snprintf(log, sizeof log, "%s_sys/logs/", name);
    JET_ERR err = JetCreateInstanceA(inst, name);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(inst, 0, JET_paramSystemPath, 0, sys);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(inst, 0, JET_paramLogFilePath, 0, log);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(inst, 0, JET_paramTempPath, 0, sys);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(inst, 0, JET_paramCreatePathIfNotExist, 1, NULL);
    if (err == JET_errSuccess && index_checking >= 0)
        err = JetSetSystemParameterA(inst, 0, JET_paramEnableIndexChecking, (JET_API_PTR)index_checking, NULL);
    if (err == JET_errSuccess)
        err = JetInit(inst);
    if (err == JET_errSuccess && sesid != NULL)
        err = JetBeginSessionA(*inst, sesid, "", "");
    return err;
}

/* ---- JetGetDatabaseFileInfo ---- */

static const uint32_t k_misc_sizes[] = { sizeof(JET_DBINFOMISC), sizeof(JET_DBINFOMISC2), sizeof(JET_DBINFOMISC3),
                                         sizeof(JET_DBINFOMISC4), sizeof(JET_DBINFOMISC5), sizeof(JET_DBINFOMISC6),
                                         sizeof(JET_DBINFOMISC7) };

static void test_struct_sizes(void)
{
    static const uint32_t expect[] = { 216, 296, 300, 348, 380, 400, 416 };
    for (int i = 0; i < 7; i++)
        CU_ASSERT_EQUAL(k_misc_sizes[i], expect[i]);
}

static void test_file_info_corpus(void)
{
    if (!have_corpus())
        return;
    int dirty_seen = 0;
    for (int i = 0; i < g_cdbs; i++) {
        const corpus_db *d = &g_dbs[i];
        char path[64];
        snprintf(path, sizeof path, "fi_%02d.edb", i);
        CU_ASSERT_FATAL(copy_corpus(d, path));
        raw_hdr raw;
        CU_ASSERT_FATAL(read_raw(path, &raw));

        JET_DBINFOMISC7 full;
        memset(&full, 0xCC, sizeof full);
        CU_ASSERT_EQUAL_FATAL(JetGetDatabaseFileInfoA(path, &full, sizeof full, JET_DbInfoMisc), JET_errSuccess);
        CU_ASSERT_EQUAL(full.ulVersion, raw.version);
        CU_ASSERT_EQUAL(full.ulUpdate, raw.update_major);
        CU_ASSERT_EQUAL(full.dbstate, raw.dbstate);
        CU_ASSERT_EQUAL(full.cbPageSize, raw.cb_page_field);
        CU_ASSERT_EQUAL(memcmp(&full.signDb, raw.sign_db, 28), 0);
        CU_ASSERT_EQUAL(memcmp(&full.signLog, raw.sign_log, 28), 0);
        CU_ASSERT_EQUAL(full.fUpgradeDb, 0);
        if (d->clean)
            CU_ASSERT_EQUAL(full.dbstate, JET_dbstateCleanShutdown);
        if (strcmp(d->state, "DirtyShutdown") == 0) {
            CU_ASSERT_EQUAL(full.dbstate, JET_dbstateDirtyShutdown);
            dirty_seen++;
        }
        /* Every older version is a prefix of the newest; the W form agrees. */
        for (int v = 0; v < 7; v++) {
            uint8_t buf[sizeof(JET_DBINFOMISC7)];
            memset(buf, 0xCC, sizeof buf);
            CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA(path, buf, k_misc_sizes[v], JET_DbInfoMisc), JET_errSuccess);
            CU_ASSERT_EQUAL(memcmp(buf, &full, k_misc_sizes[v]), 0);
            if (k_misc_sizes[v] < sizeof buf)
                CU_ASSERT_EQUAL(buf[k_misc_sizes[v]], 0xCC);   /* nothing written past cbMax */
        }
        WCHAR wpath[64];
        for (size_t k = 0; k <= strlen(path); k++)
            wpath[k] = (WCHAR)path[k];
        JET_DBINFOMISC wm;
        CU_ASSERT_EQUAL(JetGetDatabaseFileInfoW(wpath, &wm, sizeof wm, JET_DbInfoMisc), JET_errSuccess);
        CU_ASSERT_EQUAL(memcmp(&wm, &full, sizeof wm), 0);

        uint32_t cb_page = 0, filetype = 99;
        CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA(path, &cb_page, sizeof cb_page, JET_DbInfoPageSize), JET_errSuccess);
        CU_ASSERT_EQUAL(cb_page, d->cb_page);
        CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA(path, &filetype, sizeof filetype, JET_DbInfoFileType), JET_errSuccess);
        CU_ASSERT_EQUAL(filetype, raw.filetype);
        uint64_t cb_file = 0;
        CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA(path, &cb_file, sizeof cb_file, JET_DbInfoFilesize), JET_errSuccess);
        CU_ASSERT_EQUAL(cb_file, (uint64_t)raw.size);
        JET_DBINFOUPGRADE up;
        memset(&up, 0, sizeof up);
        up.cbStruct = sizeof up;
        CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA(path, &up, sizeof up, JET_DbInfoUpgrade), JET_errSuccess);
        CU_ASSERT_EQUAL(((uint64_t)up.cbFilesizeHigh << 32 | up.cbFilesizeLow), (uint64_t)raw.size);
        remove(path);
    }
    CU_ASSERT(dirty_seen > 0);
    printf("  %d corpus databases, %d dirty\n", g_cdbs, dirty_seen);
}

static void test_file_info_errors(void)
{
    JET_DBINFOMISC7 m;
    uint32_t u = 0;
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("missing.edb", &m, sizeof(JET_DBINFOMISC), JET_DbInfoMisc), JET_errFileNotFound);
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("missing.edb", NULL, sizeof(JET_DBINFOMISC), JET_DbInfoMisc), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA(NULL, &m, sizeof(JET_DBINFOMISC), JET_DbInfoMisc), JET_errDatabaseInvalidPath);
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("", &m, sizeof(JET_DBINFOMISC), JET_DbInfoMisc), JET_errDatabaseInvalidPath);
    /* The exact-size rule comes before the file is looked at. */
    static const uint32_t bad[] = { 0, 4, 215, 217, 295, 297, 301, 347, 349, 379, 381, 399, 401, 415, 417, 1000 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("missing.edb", &m, bad[i], JET_DbInfoMisc), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("missing.edb", &u, 3, JET_DbInfoPageSize), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("missing.edb", &u, 4, JET_DbInfoFilesize), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("missing.edb", &m, sizeof m, 9999), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("missing.edb", &m, sizeof m, JET_DbInfoFilename), JET_errInvalidParameter);

    /* Not a database: garbage → no valid header copy → JET_errDatabaseCorrupted. */
    static uint8_t junk[65536];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (uint8_t)(i * 7 + 3);
    CU_ASSERT_FATAL(write_bytes("junk.bin", junk, sizeof junk));
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("junk.bin", &m, sizeof(JET_DBINFOMISC), JET_DbInfoMisc), JET_errDatabaseCorrupted);
    CU_ASSERT_FATAL(write_bytes("tiny.bin", junk, 100));
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("tiny.bin", &m, sizeof(JET_DBINFOMISC), JET_DbInfoMisc), JET_errFileIOBeyondEOF);
    remove("junk.bin");
    remove("tiny.bin");

    /* A valid header whose file type is Log: JET_errFileInvalidType (the XOR checksum is patched to match). */
    if (!have_corpus())
        return;
    const corpus_db *d = find_db(1, 4096);
    CU_ASSERT_FATAL(d != NULL);
    CU_ASSERT_FATAL(copy_corpus(d, "ftype.edb"));
    FILE *f = fopen("ftype.edb", "r+b");
    CU_ASSERT_FATAL(f != NULL);
    for (long page = 0; page < 2; page++) {
        uint8_t b[8192];
        fseek(f, page * 4096L, SEEK_SET);
        CU_ASSERT_FATAL(fread(b, 1, 4096, f) == 4096);
        uint32_t old_word = le32(b + 664);
        b[667] = JET_filetypeLog;
        uint32_t new_word = le32(b + 664);
        uint32_t ck = le32(b) ^ old_word ^ new_word;
        b[0] = (uint8_t)ck; b[1] = (uint8_t)(ck >> 8); b[2] = (uint8_t)(ck >> 16); b[3] = (uint8_t)(ck >> 24);
        fseek(f, page * 4096L, SEEK_SET);
        CU_ASSERT_FATAL(fwrite(b, 1, 4096, f) == 4096);
    }
    fclose(f);
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("ftype.edb", &m, sizeof(JET_DBINFOMISC), JET_DbInfoMisc), JET_errFileInvalidType);
    remove("ftype.edb");
}

/* ---- attach / open over the whole corpus ---- */

/* Index checking is on: a clean database whose Unicode text indexes are out of date here is refused (nothing
 * stays attached) and attaches once checking is turned off (JET_paramEnableIndexChecking may change at any
 * time); *stale counts those. */
static void attach_corpus_with_page_size(uint32_t cb_page, int *attached, int *refused_dirty, int *mismatched,
                                         int *stale)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    CU_ASSERT_EQUAL_FATAL(set_page_size(cb_page), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(start_checking(&inst, "corpus", &ses, JET_IndexCheckingOn), JET_errSuccess);
    for (int i = 0; i < g_cdbs; i++) {
        const corpus_db *d = &g_dbs[i];
        char path[64];
        snprintf(path, sizeof path, "at_%02d.edb", i);
        CU_ASSERT_FATAL(copy_corpus(d, path));
        JET_ERR err = JetAttachDatabase2A(ses, path, 0, JET_bitDbReadOnly);
        if (d->clean && d->cb_page == cb_page &&
            (err == JET_errSecondaryIndexCorrupted || err == JET_errPrimaryIndexCorrupted)) {
            JET_DBID dbid = JET_dbidNil;
            CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, path, NULL, &dbid, JET_bitDbReadOnly), JET_errDatabaseNotFound);
            CU_ASSERT_EQUAL(JetSetSystemParameterA(&inst, 0, JET_paramEnableIndexChecking, JET_IndexCheckingOff, NULL),
                            JET_errSuccess);
            err = JetAttachDatabase2A(ses, path, 0, JET_bitDbReadOnly);
            CU_ASSERT_EQUAL(JetSetSystemParameterA(&inst, 0, JET_paramEnableIndexChecking, JET_IndexCheckingOn, NULL),
                            JET_errSuccess);
            (*stale)++;
        }
        if (d->cb_page != cb_page) {
            CU_ASSERT_EQUAL(err, JET_errPageSizeMismatch);
            (*mismatched)++;
        } else if (d->clean) {
            CU_ASSERT_EQUAL(err, JET_errSuccess);
            if (err != JET_errSuccess)
                printf("  %s: %d\n", d->rel, (int)err);
            JET_DBID dbid = JET_dbidNil;
            CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, path, NULL, &dbid, JET_bitDbReadOnly), JET_errSuccess);
            uint32_t ps = 0;
            CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, &ps, sizeof ps, JET_DbInfoPageSize), JET_errSuccess);
            CU_ASSERT_EQUAL(ps, cb_page);
            CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
            CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, path), JET_errSuccess);
            (*attached)++;
        } else {
            CU_ASSERT_EQUAL(err, JET_errDatabaseDirtyShutdown);
            if (err != JET_errDatabaseDirtyShutdown)
                printf("  %s (%s): %d\n", d->rel, d->state, (int)err);
            (*refused_dirty)++;
        }
        remove(path);
    }
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    CU_ASSERT_EQUAL(set_page_size(4096), JET_errSuccess);
}

static void test_attach_corpus(void)
{
    if (!have_corpus())
        return;
    int attached = 0, dirty = 0, mismatched = 0, stale = 0;
    static const uint32_t sizes[] = { 4096, 8192, 16384, 32768 };
    for (int i = 0; i < 4; i++)
        attach_corpus_with_page_size(sizes[i], &attached, &dirty, &mismatched, &stale);
    CU_ASSERT_EQUAL(attached + dirty, g_cdbs);
    CU_ASSERT_EQUAL(mismatched, 3 * g_cdbs);
    printf("  attached %d clean (%d of them only with index checking off: out-of-date Unicode indexes), refused %d "
           "not clean (-550), %d page-size mismatches (-1213)\n", attached, stale, dirty, mismatched);
}

/* ---- attach / detach / open / close rules ---- */

static int child_attach(const char *path)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    if (start(&inst, "child", &ses) != JET_errSuccess)
        return 3;
    JET_ERR err = JetAttachDatabaseA(ses, path, JET_bitDbReadOnly);
    JetTerm(inst);
    printf("  child attach: %d\n", (int)err);
    return err == JET_errSuccess ? 0 : err == JET_errFileAccessDenied ? 1 : 2;
}

static void test_attach_rules(void)
{
    if (!have_corpus())
        return;
    const corpus_db *clean = find_db(1, 4096), *dirty = find_db(0, 4096), *big = find_db(1, 8192);
    CU_ASSERT_FATAL(clean != NULL && dirty != NULL && big != NULL);
    CU_ASSERT_FATAL(copy_corpus(clean, "clean.edb") && copy_corpus(dirty, "dirty.edb") && copy_corpus(big, "big.edb"));

    JET_INSTANCE inst, inst2;
    JET_SESID ses, ses2, other;
    CU_ASSERT_EQUAL_FATAL(start(&inst, "rules", &ses), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(inst, &ses2, "", ""), JET_errSuccess);

    /* Arguments. */
    CU_ASSERT_EQUAL(JetAttachDatabaseA((JET_SESID)0xDEAD, "clean.edb", JET_bitDbReadOnly), JET_errInvalidSesid);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, NULL, JET_bitDbReadOnly), JET_errDatabaseInvalidPath);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "", JET_bitDbReadOnly), JET_errDatabaseInvalidPath);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "clean.edb", 0x80000000u), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "clean.edb", JET_bitDbExclusive), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "missing.edb", JET_bitDbReadOnly), JET_errFileNotFound);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "dirty.edb", JET_bitDbReadOnly), JET_errDatabaseDirtyShutdown);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "dirty.edb", 0), JET_errDatabaseDirtyShutdown);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "big.edb", JET_bitDbReadOnly), JET_errPageSizeMismatch);

    /* Not attached yet. */
    JET_DBID dbid = JET_dbidNil, dbid2 = JET_dbidNil;
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "clean.edb", NULL, &dbid, 0), JET_errDatabaseNotFound);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "clean.edb"), JET_errDatabaseNotFound);

    /* Attach; twice is a warning. */
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "clean.edb", JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses2, "clean.edb", JET_bitDbReadOnly), JET_wrnDatabaseAttached);
    CU_ASSERT_EQUAL(JetAttachDatabaseW(ses, u"clean.edb", JET_bitDbReadOnly), JET_wrnDatabaseAttached);

    /* Another instance of this process: sharing violation. */
    CU_ASSERT_EQUAL_FATAL(start(&inst2, "rules2", &other), JET_errSuccess);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(other, "clean.edb", JET_bitDbReadOnly), JET_errDatabaseSharingViolation);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(other, "clean.edb", NULL, &dbid, 0), JET_errDatabaseNotFound);
    CU_ASSERT_EQUAL(JetTerm(inst2), JET_errSuccess);

    /* Open: arguments, per-session handles. */
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "clean.edb", NULL, NULL, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, NULL, NULL, &dbid, 0), JET_errDatabaseInvalidPath);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "clean.edb", NULL, &dbid, 0x100), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "clean.edb", NULL, &dbid, 0), JET_wrnFileOpenReadOnly);  /* attached read-only */
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "clean.edb", NULL, &dbid, JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses2, dbid, 0), JET_errInvalidDatabaseId);   /* ses2 has not opened it */
    CU_ASSERT_EQUAL(JetOpenDatabaseW(ses2, u"clean.edb", NULL, &dbid2, JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(dbid, dbid2);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, 999, 0), JET_errInvalidDatabaseId);
    CU_ASSERT_EQUAL(JetCloseDatabase((JET_SESID)0xDEAD, dbid, 0), JET_errInvalidSesid);

    /* Detach while open. */
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "clean.edb"), JET_errDatabaseInUse);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, NULL), JET_errDatabaseInUse);
    CU_ASSERT_EQUAL(JetDetachDatabase2A(ses, "clean.edb", 0x100), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errInvalidDatabaseId);   /* closed already */
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "clean.edb"), JET_errDatabaseInUse);  /* ses2 still has it */

    /* Exclusive opens. */
    JET_DBID dbid3;
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "clean.edb", NULL, &dbid3, JET_bitDbReadOnly | JET_bitDbExclusive), JET_errDatabaseInUse);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses2, dbid2, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "clean.edb", NULL, &dbid3, JET_bitDbReadOnly | JET_bitDbExclusive), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses2, "clean.edb", NULL, &dbid2, JET_bitDbReadOnly), JET_errDatabaseLocked);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid3, 0), JET_errSuccess);

    /* An ended session's opens do not keep the database in use. */
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses2, "clean.edb", NULL, &dbid2, JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(JetEndSession(ses2, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "clean.edb"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "clean.edb"), JET_errDatabaseNotFound);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, NULL), JET_errSuccess);   /* nothing attached: nothing to do */

    /* Read-write attach of a clean database holds the file against other processes. While attached
     * read-write the header says DirtyShutdown, and the file-info call reports it as it is. */
    CU_ASSERT_EQUAL(JetAttachDatabase2A(ses, "clean.edb", 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "clean.edb", NULL, &dbid, 0), JET_errSuccess);
    JET_DBINFOMISC misc, misc_online;
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("clean.edb", &misc, sizeof misc, JET_DbInfoMisc), JET_errSuccess);
    CU_ASSERT_EQUAL(misc.dbstate, JET_dbstateDirtyShutdown);
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, &misc_online, sizeof misc_online, JET_DbInfoMisc), JET_errSuccess);
    CU_ASSERT_EQUAL(memcmp(&misc, &misc_online, sizeof misc), 0);
    CU_ASSERT_EQUAL(test_run_self(g_argv0, "--child-attach clean.edb"), 1);
    /* JetTerm detaches everything (opens included) and releases the file. */
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("clean.edb", &misc, sizeof misc, JET_DbInfoMisc), JET_errSuccess);
    CU_ASSERT_EQUAL(misc.dbstate, JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL(test_run_self(g_argv0, "--child-attach clean.edb"), 0);

    remove("clean.edb");
    remove("dirty.edb");
    remove("big.edb");
}

/* ---- create ---- */

static void check_created(const char *path, uint32_t cb_page)
{
    JET_DBINFOMISC7 m;
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA(path, &m, sizeof m, JET_DbInfoMisc), JET_errSuccess);
    CU_ASSERT_EQUAL(m.dbstate, JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL(m.cbPageSize, cb_page);
    CU_ASSERT_EQUAL(m.ulVersion, 0x620);
    CU_ASSERT(m.signDb.ulRandom != 0);
    CU_ASSERT(m.signDb.logtimeCreate.bYear >= 120);   /* 2020 or later */
    uint32_t ps = 0;
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA(path, &ps, sizeof ps, JET_DbInfoPageSize), JET_errSuccess);
    CU_ASSERT_EQUAL(ps, cb_page);
#ifndef _WIN32
    if (system("command -v esedbinfo >/dev/null 2>&1") == 0) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "esedbinfo '%s' >/dev/null 2>&1", path);
        CU_ASSERT_EQUAL(system(cmd), 0);
    }
#endif
}

static void create_with_page_size(uint32_t cb_page)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid = JET_dbidNil, dbid2;
    remove("new.edb");
    CU_ASSERT_EQUAL_FATAL(set_page_size(cb_page), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(start(&inst, "create", &ses), JET_errSuccess);

    CU_ASSERT_EQUAL(JetCreateDatabaseA(ses, "new.edb", NULL, NULL, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetCreateDatabaseA(ses, NULL, NULL, &dbid, 0), JET_errDatabaseInvalidPath);
    CU_ASSERT_EQUAL(JetCreateDatabaseA(ses, "new.edb", NULL, &dbid, JET_bitDbReadOnly), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetCreateDatabase2A(ses, "new.edb", 0x7FFFFFFFu, &dbid, 0), JET_errDatabaseInvalidPages);
    CU_ASSERT_EQUAL(JetCreateDatabaseA(ses, "no_such_folder/new.edb", NULL, &dbid, 0), JET_errDatabaseInvalidPath);
    CU_ASSERT_EQUAL(JetCreateDatabaseA((JET_SESID)0xDEAD, "new.edb", NULL, &dbid, 0), JET_errInvalidSesid);
    CU_ASSERT(!test_file_exists("new.edb"));

    CU_ASSERT_EQUAL_FATAL(JetCreateDatabaseA(ses, "new.edb", NULL, &dbid, 0), JET_errSuccess);
    CU_ASSERT(dbid != JET_dbidNil);
    CU_ASSERT_EQUAL(JetCreateDatabaseA(ses, "new.edb", NULL, &dbid2, JET_bitDbOverwriteExisting), JET_errDatabaseDuplicate);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "new.edb", 0), JET_wrnDatabaseAttached);

    /* JetGetDatabaseInfo on the open database. */
    char name[1024];
    WCHAR wname[1024];
    uint32_t ps = 0, cpg = 0;
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, name, sizeof name, JET_DbInfoFilename), JET_errSuccess);
    CU_ASSERT(strstr(name, "new.edb") != NULL);
    CU_ASSERT_EQUAL(JetGetDatabaseInfoW(ses, dbid, wname, sizeof wname, JET_DbInfoFilename), JET_errSuccess);
    size_t k = 0;
    while (name[k] != 0 && wname[k] == (WCHAR)(unsigned char)name[k])
        k++;
    CU_ASSERT(name[k] == 0 && wname[k] == 0);   /* the same (ASCII) path */
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, name, 3, JET_DbInfoFilename), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetDatabaseInfoW(ses, dbid, wname, 4, JET_DbInfoFilename), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, &ps, sizeof ps, JET_DbInfoPageSize), JET_errSuccess);
    CU_ASSERT_EQUAL(ps, cb_page);
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, &ps, 2, JET_DbInfoPageSize), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, &cpg, sizeof cpg, JET_DbInfoFilesize), JET_errSuccess);
    CU_ASSERT(cpg >= 28);
    JET_DBINFOMISC4 m4;
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, &m4, sizeof m4, JET_DbInfoMisc), JET_errSuccess);
    CU_ASSERT_EQUAL(m4.cbPageSize, cb_page);
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, &m4, sizeof m4 - 1, JET_DbInfoMisc), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, &m4, sizeof m4, 9999), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, NULL, sizeof m4, JET_DbInfoMisc), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid + 3, &ps, sizeof ps, JET_DbInfoPageSize), JET_errInvalidDatabaseId);

    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "new.edb"), JET_errSuccess);
    check_created("new.edb", cb_page);

    /* An existing file: refused without the overwrite bit, replaced with it. */
    CU_ASSERT_EQUAL(JetCreateDatabaseA(ses, "new.edb", NULL, &dbid, 0), JET_errDatabaseDuplicate);
    CU_ASSERT_EQUAL(JetCreateDatabase2W(ses, u"new.edb", 0, &dbid, JET_bitDbOverwriteExisting), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabase2W(ses, NULL, 0), JET_errSuccess);

    /* Re-attach read-only and open. */
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "new.edb", JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "new.edb", NULL, &dbid, JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    check_created("new.edb", cb_page);
    CU_ASSERT_EQUAL(set_page_size(4096), JET_errSuccess);
    remove("new.edb");
}

static void test_create(void)
{
    create_with_page_size(4096);
    create_with_page_size(8192);
    create_with_page_size(32768);
}

static void test_too_many(void)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
    char name[32];
    CU_ASSERT_EQUAL_FATAL(start(&inst, "many", &ses), JET_errSuccess);
    for (int i = 0; i < 7; i++) {
        snprintf(name, sizeof name, "many%d.edb", i);
        remove(name);
        CU_ASSERT_EQUAL(JetCreateDatabaseA(ses, name, NULL, &dbid, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(dbid, (JET_DBID)(i + 1));
    }
    CU_ASSERT_EQUAL(JetCreateDatabaseA(ses, "many7.edb", NULL, &dbid, 0), JET_errTooManyAttachedDatabases);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    for (int i = 0; i < 8; i++) {
        snprintf(name, sizeof name, "many%d.edb", i);
        remove(name);
    }
}

/* ---- rows, for the growth tests ---- */

/* Table "t": id Long (primary index), data Binary (up to 255 bytes). */
static void create_table(JET_SESID ses, JET_DBID dbid, JET_COLUMNID *col_id, JET_COLUMNID *col_data)
{
    JET_TABLEID tid;
    JET_COLUMNDEF cd;
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(ses, dbid, "t", 0, 100, &tid), JET_errSuccess);
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    CU_ASSERT_EQUAL_FATAL(JetAddColumnA(ses, tid, "id", &cd, NULL, 0, col_id), JET_errSuccess);
    cd.coltyp = JET_coltypBinary;
    cd.cbMax = 255;
    CU_ASSERT_EQUAL_FATAL(JetAddColumnA(ses, tid, "data", &cd, NULL, 0, col_data), JET_errSuccess);
    static const char key[] = "+id\0";
    CU_ASSERT_EQUAL_FATAL(JetCreateIndexA(ses, tid, "primary", JET_bitIndexPrimary, key, sizeof key, 100), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
}

static void row_data(int32_t id, uint8_t *data)
{
    for (int i = 0; i < 200; i++)
        data[i] = (uint8_t)(id * 31 + i);
}

/* Inserts ids [first, first + n) into "t", in one transaction. */
static void insert_rows(JET_SESID ses, JET_DBID dbid, int32_t first, int32_t n)
{
    JET_TABLEID tid;
    JET_COLUMNDEF cd;
    JET_COLUMNID col_id, col_data;
    uint8_t data[200];
    CU_ASSERT_EQUAL_FATAL(JetOpenTableA(ses, dbid, "t", NULL, 0, 0, &tid), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetGetTableColumnInfoA(ses, tid, "id", &cd, sizeof cd, JET_ColInfo), JET_errSuccess);
    col_id = cd.columnid;
    CU_ASSERT_EQUAL_FATAL(JetGetTableColumnInfoA(ses, tid, "data", &cd, sizeof cd, JET_ColInfo), JET_errSuccess);
    col_data = cd.columnid;
    CU_ASSERT_EQUAL(JetBeginTransaction(ses), JET_errSuccess);
    for (int32_t id = first; id < first + n; id++) {
        row_data(id, data);
        JET_ERR err = JetPrepareUpdate(ses, tid, JET_prepInsert);
        if (err >= 0)
            err = JetSetColumn(ses, tid, col_id, &id, sizeof id, 0, NULL);
        if (err >= 0)
            err = JetSetColumn(ses, tid, col_data, data, sizeof data, 0, NULL);
        if (err >= 0)
            err = JetUpdate(ses, tid, NULL, 0, NULL);
        CU_ASSERT_EQUAL(err, JET_errSuccess);
        if (err < 0)
            break;
    }
    CU_ASSERT_EQUAL(JetCommitTransaction(ses, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
}

/* Reads every row of "t" back: ids 0..n-1 in order, each with its data. Returns the count. */
static int32_t check_rows(JET_SESID ses, JET_DBID dbid)
{
    JET_TABLEID tid;
    JET_COLUMNDEF cd;
    JET_COLUMNID col_id, col_data;
    int32_t n = 0;
    CU_ASSERT_EQUAL_FATAL(JetOpenTableA(ses, dbid, "t", NULL, 0, JET_bitTableReadOnly, &tid), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetGetTableColumnInfoA(ses, tid, "id", &cd, sizeof cd, JET_ColInfo), JET_errSuccess);
    col_id = cd.columnid;
    CU_ASSERT_EQUAL_FATAL(JetGetTableColumnInfoA(ses, tid, "data", &cd, sizeof cd, JET_ColInfo), JET_errSuccess);
    col_data = cd.columnid;
    for (JET_ERR err = JetMove(ses, tid, JET_MoveFirst, 0); err == JET_errSuccess;
         err = JetMove(ses, tid, JET_MoveNext, 0)) {
        int32_t id = -1;
        uint8_t data[256], want[200];
        uint32_t cb = 0;
        CU_ASSERT_EQUAL(JetRetrieveColumn(ses, tid, col_id, &id, sizeof id, &cb, 0, NULL), JET_errSuccess);
        CU_ASSERT_EQUAL(id, n);
        CU_ASSERT_EQUAL(JetRetrieveColumn(ses, tid, col_data, data, sizeof data, &cb, 0, NULL), JET_errSuccess);
        row_data(id, want);
        CU_ASSERT(cb == sizeof want && memcmp(data, want, sizeof want) == 0);
        n++;
    }
    CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
    return n;
}

static uint32_t db_u32(JET_SESID ses, JET_DBID dbid, uint32_t level)
{
    uint32_t v = 0xDEADBEEFu;
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses, dbid, &v, sizeof v, level), JET_errSuccess);
    return v;
}

/* Logical pages of a database file (the two header pages excluded), from JetGetDatabaseFileInfo. */
static uint32_t file_pages(const char *path, uint32_t cb_page)
{
    uint64_t cb = 0;
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA(path, &cb, sizeof cb, JET_DbInfoFilesize), JET_errSuccess);
    CU_ASSERT_EQUAL(cb % cb_page, 0);
    return (uint32_t)(cb / cb_page) - 2u;
}

static uint32_t file_dbstate(const char *path)
{
    JET_DBINFOMISC m;
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA(path, &m, sizeof m, JET_DbInfoMisc), JET_errSuccess);
    return m.dbstate;
}

static void esedbinfo_ok(const char *path)
{
#ifndef _WIN32
    if (system("command -v esedbinfo >/dev/null 2>&1") == 0) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "esedbinfo '%s' >/dev/null 2>&1", path);
        CU_ASSERT_EQUAL(system(cmd), 0);
    }
#else
    (void)path;
#endif
}

/* ---- JetGrowDatabase ---- */

static void test_grow(void)
{
    JET_INSTANCE inst;
    JET_SESID ses, ses2;
    JET_DBID dbid, dbid_ro;
    JET_COLUMNID col_id, col_data;
    uint32_t real = 0;
    remove("grow.edb");
    CU_ASSERT_EQUAL_FATAL(start(&inst, "grow", &ses), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetCreateDatabaseA(ses, "grow.edb", NULL, &dbid, 0), JET_errSuccess);
    create_table(ses, dbid, &col_id, &col_data);

    /* The database root owns the whole file, part of it free. */
    const uint32_t f0 = db_u32(ses, dbid, JET_DbInfoFilesize), o0 = db_u32(ses, dbid, JET_DbInfoSpaceOwned),
                   a0 = db_u32(ses, dbid, JET_DbInfoSpaceAvailable);
    CU_ASSERT(f0 >= 28);
    CU_ASSERT_EQUAL(o0, f0);
    CU_ASSERT(a0 < o0);
    CU_ASSERT_EQUAL(file_pages("grow.edb", 4096), f0);

    /* Only growing: a size at or below the current one changes nothing and reports the size. */
    CU_ASSERT_EQUAL(JetGrowDatabase(ses, dbid, f0 - 1, &real), JET_errSuccess);
    CU_ASSERT_EQUAL(real, f0);
    CU_ASSERT_EQUAL(JetGrowDatabase(ses, dbid, 0, &real), JET_errSuccess);
    CU_ASSERT_EQUAL(real, f0);
    CU_ASSERT_EQUAL(JetGrowDatabase(ses, dbid, f0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoSpaceAvailable), a0);

    /* cpg is the size wanted, not an increment. */
    const uint32_t want = f0 + 1000;
    CU_ASSERT_EQUAL(JetGrowDatabase(ses, dbid, want, &real), JET_errSuccess);
    CU_ASSERT(real >= want);
    uint32_t f1 = db_u32(ses, dbid, JET_DbInfoFilesize), a1 = db_u32(ses, dbid, JET_DbInfoSpaceAvailable);
    CU_ASSERT_EQUAL(f1, real);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoSpaceOwned), real);
    CU_ASSERT_EQUAL(file_pages("grow.edb", 4096), real);
    /* The new pages are free, but for a few held for the space trees' split buffers. */
    CU_ASSERT(a1 <= a0 + (real - f0));
    CU_ASSERT(a1 + 8 >= a0 + (real - f0));
    printf("  grew %u -> %u pages (asked %u); free %u -> %u\n", f0, real, want, a0, a1);

    /* One page more. */
    CU_ASSERT_EQUAL(JetGrowDatabase(ses, dbid, f1 + 1, &real), JET_errSuccess);
    CU_ASSERT(real >= f1 + 1);
    f1 = real;
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoFilesize), f1);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoSpaceOwned), f1);
    a1 = db_u32(ses, dbid, JET_DbInfoSpaceAvailable);

    /* Rows go into the grown space: the file does not grow again. */
    insert_rows(ses, dbid, 0, 2000);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoFilesize), f1);
    CU_ASSERT(db_u32(ses, dbid, JET_DbInfoSpaceAvailable) < a1);
    CU_ASSERT_EQUAL(check_rows(ses, dbid), 2000);

    /* Errors. */
    CU_ASSERT_EQUAL(JetGrowDatabase((JET_SESID)0xDEAD, dbid, f1 + 10, &real), JET_errInvalidSesid);
    CU_ASSERT_EQUAL(JetGrowDatabase(ses, dbid + 3, f1 + 10, &real), JET_errInvalidDatabaseId);
    CU_ASSERT_EQUAL(JetGrowDatabase(ses, 0, f1 + 10, &real), JET_errInvalidDatabaseId);
    CU_ASSERT_EQUAL(JetGrowDatabase(ses, dbid, 0x80000000u, &real), JET_errOutOfDatabaseSpace);
    CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(inst, &ses2, "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGrowDatabase(ses2, dbid, f1 + 10, &real), JET_errInvalidDatabaseId);   /* not open in ses2 */
    CU_ASSERT_EQUAL(JetEndSession(ses2, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoFilesize), f1);

    /* Detached: clean, the size kept, the rows there; read-only it cannot grow. */
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "grow.edb"), JET_errSuccess);
    CU_ASSERT_EQUAL(file_dbstate("grow.edb"), JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL(file_pages("grow.edb", 4096), f1);
    esedbinfo_ok("grow.edb");
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "grow.edb", JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "grow.edb", NULL, &dbid_ro, JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(db_u32(ses, dbid_ro, JET_DbInfoFilesize), f1);
    CU_ASSERT_EQUAL(db_u32(ses, dbid_ro, JET_DbInfoSpaceOwned), f1);
    CU_ASSERT_EQUAL(JetGrowDatabase(ses, dbid_ro, f1 + 10, &real), JET_errPermissionDenied);
    CU_ASSERT_EQUAL(check_rows(ses, dbid_ro), 2000);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid_ro, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "grow.edb"), JET_errSuccess);
    CU_ASSERT_EQUAL(file_pages("grow.edb", 4096), f1);

    /* Read-write again: more rows than the free space holds, so the file grows on its own past it. */
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "grow.edb", 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "grow.edb", NULL, &dbid, 0), JET_errSuccess);
    insert_rows(ses, dbid, 2000, 23000);
    uint32_t f2 = db_u32(ses, dbid, JET_DbInfoFilesize);
    CU_ASSERT(f2 > f1);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoSpaceOwned), f2);
    CU_ASSERT_EQUAL(JetGrowDatabase(ses, dbid, f2 + 300, &real), JET_errSuccess);
    CU_ASSERT(real >= f2 + 300);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoSpaceOwned), real);
    /* Many one-page growths: each is an extent of its own in the root's OE and AE, whose trees split. */
    const uint32_t free_before = db_u32(ses, dbid, JET_DbInfoSpaceAvailable), start_cpg = real;
    for (int i = 0; i < 700; i++) {
        uint32_t r = 0;
        JET_ERR err = JetGrowDatabase(ses, dbid, real + 1, &r);
        CU_ASSERT_EQUAL(err, JET_errSuccess);
        if (err < 0 || r < real + 1)
            break;
        real = r;
    }
    CU_ASSERT(real >= start_cpg + 700);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoFilesize), real);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoSpaceOwned), real);
    const uint32_t free_after = db_u32(ses, dbid, JET_DbInfoSpaceAvailable);
    CU_ASSERT(free_after <= free_before + (real - start_cpg));
    CU_ASSERT(free_after + 32 >= free_before + (real - start_cpg));   /* a few pages for the splits */
    printf("  700 one-page growths: %u -> %u pages, free %u -> %u\n", start_cpg, real, free_before, free_after);
    CU_ASSERT_EQUAL(check_rows(ses, dbid), 25000);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    CU_ASSERT_EQUAL(file_dbstate("grow.edb"), JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL(file_pages("grow.edb", 4096), real);
    esedbinfo_ok("grow.edb");

    /* And it reopens with everything in place. */
    CU_ASSERT_EQUAL_FATAL(start(&inst, "grow", &ses), JET_errSuccess);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "grow.edb", JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "grow.edb", NULL, &dbid, JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(check_rows(ses, dbid), 25000);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoSpaceOwned), real);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    remove("grow.edb");
}

/* ---- JetGetDatabaseInfo, every level ---- */

static void info_levels(JET_SESID ses, JET_DBID dbid, int wide)
{
    uint8_t buf[1024];
    JET_ERR (JET_API *get)(JET_SESID, JET_DBID, void *, uint32_t, uint32_t) =
        wide ? JetGetDatabaseInfoW : JetGetDatabaseInfoA;

    /* Filename: the full path, with its terminator. */
    memset(buf, 0xCC, sizeof buf);
    CU_ASSERT_EQUAL(get(ses, dbid, buf, sizeof buf, JET_DbInfoFilename), JET_errSuccess);
    size_t cb_name = 0;
    if (wide) {
        const WCHAR *w = (const WCHAR *)buf;
        while (w[cb_name / 2] != 0)
            cb_name += 2;
        cb_name += 2;
        CU_ASSERT(cb_name > 16 && w[cb_name / 2 - 2] == 'b');   /* ...levels.edb */
    } else {
        cb_name = strlen((const char *)buf) + 1;
        CU_ASSERT(strstr((const char *)buf, "levels.edb") != NULL);
    }
    CU_ASSERT_EQUAL(get(ses, dbid, buf, (uint32_t)cb_name, JET_DbInfoFilename), JET_errSuccess);
    CU_ASSERT_EQUAL(get(ses, dbid, buf, (uint32_t)cb_name - 1, JET_DbInfoFilename), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(get(ses, dbid, buf, 0, JET_DbInfoFilename), JET_errBufferTooSmall);

    /* Connect: deprecated, the empty string. */
    const uint32_t cb_nul = wide ? 2u : 1u;
    memset(buf, 0xCC, sizeof buf);
    CU_ASSERT_EQUAL(get(ses, dbid, buf, cb_nul, JET_DbInfoConnect), JET_errSuccess);
    CU_ASSERT(buf[0] == 0 && buf[cb_nul - 1] == 0 && buf[cb_nul] == 0xCC);
    CU_ASSERT_EQUAL(get(ses, dbid, buf, cb_nul - 1, JET_DbInfoConnect), JET_errBufferTooSmall);

    /* The 4-byte levels: fewer bytes is JET_errBufferTooSmall, more is fine and only 4 are written. */
    static const uint32_t levels[] = { JET_DbInfoCountry, JET_DbInfoLCID, JET_DbInfoCp, JET_DbInfoCollate,
                                       JET_DbInfoOptions, JET_DbInfoTransactions, JET_DbInfoVersion,
                                       JET_DbInfoFilesize, JET_DbInfoSpaceOwned, JET_DbInfoSpaceAvailable,
                                       JET_DbInfoPageSize };
    uint32_t v[sizeof levels / sizeof levels[0]];
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        memset(buf, 0xCC, sizeof buf);
        CU_ASSERT_EQUAL(get(ses, dbid, buf, 8, levels[i]), JET_errSuccess);
        CU_ASSERT(buf[4] == 0xCC && buf[7] == 0xCC);
        memcpy(&v[i], buf, 4);
        CU_ASSERT_EQUAL(get(ses, dbid, buf, 4, levels[i]), JET_errSuccess);
        CU_ASSERT_EQUAL(memcmp(buf, &v[i], 4), 0);
        CU_ASSERT_EQUAL(get(ses, dbid, buf, 3, levels[i]), JET_errBufferTooSmall);
        CU_ASSERT_EQUAL(get(ses, dbid, buf, 0, levels[i]), JET_errBufferTooSmall);
    }
    CU_ASSERT_EQUAL(v[0], 1u);          /* Country */
    CU_ASSERT_EQUAL(v[1], 0x409u);      /* LCID */
    CU_ASSERT_EQUAL(v[2], 1252u);       /* Cp */
    CU_ASSERT_EQUAL(v[3], 0u);          /* Collate */
    CU_ASSERT_EQUAL(v[4], 0u);          /* Options: not exclusive */
    CU_ASSERT_EQUAL(v[5], 7u);          /* Transactions */
    CU_ASSERT_EQUAL(v[6], 0x620u);      /* Version */
    CU_ASSERT(v[7] >= 28);              /* Filesize */
    CU_ASSERT_EQUAL(v[8], v[7]);        /* SpaceOwned: the root owns the whole file */
    CU_ASSERT(v[9] < v[8]);             /* SpaceAvailable */
    CU_ASSERT_EQUAL(v[10], 4096u);      /* PageSize */

    /* Misc: exactly one of the structure sizes; the header as it is now (attached read-write). */
    for (int i = 0; i < 7; i++) {
        memset(buf, 0xCC, sizeof buf);
        CU_ASSERT_EQUAL(get(ses, dbid, buf, k_misc_sizes[i], JET_DbInfoMisc), JET_errSuccess);
        CU_ASSERT_EQUAL(buf[k_misc_sizes[i]], 0xCC);
        CU_ASSERT_EQUAL(get(ses, dbid, buf, k_misc_sizes[i] - 1, JET_DbInfoMisc), JET_errInvalidBufferSize);
        CU_ASSERT_EQUAL(get(ses, dbid, buf, k_misc_sizes[i] + 1, JET_DbInfoMisc), JET_errInvalidBufferSize);
    }
    JET_DBINFOMISC7 m, fm;
    CU_ASSERT_EQUAL(get(ses, dbid, &m, sizeof m, JET_DbInfoMisc), JET_errSuccess);
    CU_ASSERT_EQUAL(m.dbstate, JET_dbstateDirtyShutdown);
    CU_ASSERT_EQUAL(m.cbPageSize, 4096u);
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("levels.edb", &fm, sizeof fm, JET_DbInfoMisc), JET_errSuccess);
    CU_ASSERT_EQUAL(memcmp(&m, &fm, sizeof m), 0);

    /* Isam: not supported. JetGetDatabaseFileInfo's own levels and unknown ones: not this function's. */
    CU_ASSERT_EQUAL(get(ses, dbid, buf, sizeof buf, JET_DbInfoIsam), JET_errFeatureNotAvailable);
    static const uint32_t others[] = { JET_DbInfoUpgrade, JET_DbInfoDBInUse, 16, 18, JET_DbInfoFileType, 20,
                                       JET_DbInfoFilesizeOnDisk, 22, 9999 };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        CU_ASSERT_EQUAL(get(ses, dbid, buf, sizeof buf, others[i]), JET_errInvalidParameter);

    /* Arguments: session and database first, then the buffer. */
    CU_ASSERT_EQUAL(get(ses, dbid, NULL, sizeof buf, JET_DbInfoPageSize), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(get((JET_SESID)0xDEAD, dbid, buf, sizeof buf, JET_DbInfoPageSize), JET_errInvalidSesid);
    CU_ASSERT_EQUAL(get(ses, dbid + 3, buf, sizeof buf, JET_DbInfoPageSize), JET_errInvalidDatabaseId);
    CU_ASSERT_EQUAL(get(ses, dbid + 3, buf, 0, JET_DbInfoPageSize), JET_errInvalidDatabaseId);
    CU_ASSERT_EQUAL(get(ses, 0, buf, sizeof buf, JET_DbInfoPageSize), JET_errInvalidDatabaseId);
    CU_ASSERT_EQUAL(get(ses, JET_dbidNil, buf, sizeof buf, JET_DbInfoFilename), JET_errInvalidDatabaseId);
}

static void test_info_levels(void)
{
    JET_INSTANCE inst;
    JET_SESID ses, ses2;
    JET_DBID dbid, dbid2;
    remove("levels.edb");
    CU_ASSERT_EQUAL_FATAL(start(&inst, "levels", &ses), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetCreateDatabaseA(ses, "levels.edb", NULL, &dbid, 0), JET_errSuccess);
    info_levels(ses, dbid, 0);
    info_levels(ses, dbid, 1);

    /* Transactions: that many levels nest, one more is too deep. */
    const uint32_t levels = db_u32(ses, dbid, JET_DbInfoTransactions);
    for (uint32_t i = 0; i < levels; i++)
        CU_ASSERT_EQUAL(JetBeginTransaction(ses), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginTransaction(ses), JET_errTransTooDeep);
    CU_ASSERT_EQUAL(JetRollback(ses, JET_bitRollbackAll), JET_errSuccess);

    /* A database open in another session only: not this session's dbid. */
    CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(inst, &ses2, "", ""), JET_errSuccess);
    uint32_t u;
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(ses2, dbid, &u, sizeof u, JET_DbInfoPageSize), JET_errInvalidDatabaseId);

    /* Options: JET_bitDbExclusive for the session holding an exclusive open. */
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "levels.edb", NULL, &dbid, JET_bitDbExclusive), JET_errSuccess);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoOptions), (uint32_t)JET_bitDbExclusive);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "levels.edb", NULL, &dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses2, "levels.edb", NULL, &dbid2, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoOptions), 0u);
    CU_ASSERT_EQUAL(db_u32(ses2, dbid2, JET_DbInfoOptions), 0u);
    CU_ASSERT_EQUAL(JetEndSession(ses2, 0), JET_errSuccess);

    /* Read-only: the header as read (CleanShutdown), the same sizes. */
    const uint32_t cpg = db_u32(ses, dbid, JET_DbInfoFilesize);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "levels.edb"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "levels.edb", JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "levels.edb", NULL, &dbid, JET_bitDbReadOnly), JET_errSuccess);
    JET_DBINFOMISC m;
    CU_ASSERT_EQUAL(JetGetDatabaseInfoW(ses, dbid, &m, sizeof m, JET_DbInfoMisc), JET_errSuccess);
    CU_ASSERT_EQUAL(m.dbstate, JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL(file_dbstate("levels.edb"), JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoFilesize), cpg);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoSpaceOwned), cpg);
    CU_ASSERT(db_u32(ses, dbid, JET_DbInfoSpaceAvailable) < cpg);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    remove("levels.edb");
}

/* Space levels of Windows' files (read-only attach): the root owns the file. */
static void test_info_corpus(void)
{
    if (!have_corpus())
        return;
    static const uint32_t sizes[] = { 4096, 8192, 16384, 32768 };
    int n = 0;
    for (int p = 0; p < 4; p++) {
        JET_INSTANCE inst;
        JET_SESID ses;
        CU_ASSERT_EQUAL_FATAL(set_page_size(sizes[p]), JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(start_checking(&inst, "icorpus", &ses, JET_IndexCheckingOff), JET_errSuccess);
        for (int i = 0; i < g_cdbs; i++) {
            const corpus_db *d = &g_dbs[i];
            if (!d->clean || d->cb_page != sizes[p])
                continue;
            char path[64];
            JET_DBID dbid;
            snprintf(path, sizeof path, "ic_%02d.edb", i);
            CU_ASSERT_FATAL(copy_corpus(d, path));
            CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, path, JET_bitDbReadOnly), JET_errSuccess);
            CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, path, NULL, &dbid, JET_bitDbReadOnly), JET_errSuccess);
            const uint32_t cpg = db_u32(ses, dbid, JET_DbInfoFilesize), owned = db_u32(ses, dbid, JET_DbInfoSpaceOwned),
                           avail = db_u32(ses, dbid, JET_DbInfoSpaceAvailable);
            CU_ASSERT_EQUAL(cpg, file_pages(path, d->cb_page));
            CU_ASSERT(owned > 0 && owned <= cpg);
            CU_ASSERT(avail < owned);
            if (owned == 0 || owned > cpg || avail >= owned)
                printf("  %s: %u pages, owned %u, available %u\n", d->rel, cpg, owned, avail);
            CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
            CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, path), JET_errSuccess);
            remove(path);
            n++;
        }
        CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    }
    CU_ASSERT_EQUAL(set_page_size(4096), JET_errSuccess);
    printf("  %d clean corpus databases\n", n);
}

/* ---- JetSetDatabaseSize ---- */

static int copy_file(const char *src, const char *dst)
{
    FILE *in = fopen(src, "rb");
    if (in == NULL)
        return 0;
    FILE *out = fopen(dst, "wb");
    if (out == NULL) {
        fclose(in);
        return 0;
    }
    char buf[65536];
    size_t n;
    int ok = 1;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ok &= fwrite(buf, 1, n, out) == n;
    fclose(in);
    return (fclose(out) == 0) & ok;
}

static void test_set_size(void)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
    JET_COLUMNID col_id, col_data;
    uint32_t real = 0;
    remove("ss.edb");
    remove("ss_copy.edb");
    CU_ASSERT_EQUAL_FATAL(start(&inst, "setsize", &ses), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetCreateDatabaseA(ses, "ss.edb", NULL, &dbid, 0), JET_errSuccess);
    create_table(ses, dbid, &col_id, &col_data);
    insert_rows(ses, dbid, 0, 100);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ss.edb"), JET_errSuccess);
    CU_ASSERT_FATAL(copy_file("ss.edb", "ss_copy.edb"));
    const uint32_t f0 = file_pages("ss_copy.edb", 4096);
    CU_ASSERT(f0 >= 256);   /* the table made the file grow by the root's smallest growth */

    /* Arguments. */
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA((JET_SESID)0xDEAD, "ss_copy.edb", 300, &real), JET_errInvalidSesid);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, NULL, 300, &real), JET_errDatabaseInvalidPath);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "", 300, &real), JET_errDatabaseInvalidPath);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeW(ses, u"", 300, &real), JET_errDatabaseInvalidPath);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "ss_copy.edb", 255, &real), JET_errInvalidParameter);   /* < 256 */
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "ss_copy.edb", 0, &real), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "missing.edb", 300, &real), JET_errFileNotFound);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "ss_copy.edb", 0x80000000u, &real), JET_errOutOfDatabaseSpace);
    CU_ASSERT_EQUAL(file_pages("ss_copy.edb", 4096), f0);
    CU_ASSERT_EQUAL(file_dbstate("ss_copy.edb"), JET_dbstateCleanShutdown);

    /* At or below the file's size: ignored (the file is not even opened for writing), the size reported. */
    JET_DBINFOMISC7 before, after;
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("ss_copy.edb", &before, sizeof before, JET_DbInfoMisc), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "ss_copy.edb", 256, &real), JET_errSuccess);
    CU_ASSERT_EQUAL(real, f0);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "ss_copy.edb", f0, &real), JET_errSuccess);
    CU_ASSERT_EQUAL(real, f0);
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("ss_copy.edb", &after, sizeof after, JET_DbInfoMisc), JET_errSuccess);
    CU_ASSERT_EQUAL(memcmp(&before, &after, sizeof before), 0);

    /* Grows the file to the size asked, and leaves it clean. */
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "ss_copy.edb", f0 + 1, &real), JET_errSuccess);
    CU_ASSERT(real >= f0 + 1);
    CU_ASSERT_EQUAL(file_pages("ss_copy.edb", 4096), real);
    CU_ASSERT_EQUAL(file_dbstate("ss_copy.edb"), JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeW(ses, u"ss_copy.edb", f0 + 600, &real), JET_errSuccess);
    CU_ASSERT(real >= f0 + 600);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeW(ses, u"ss_copy.edb", f0 + 601, NULL), JET_errSuccess);
    const uint32_t f2 = file_pages("ss_copy.edb", 4096);
    CU_ASSERT(f2 >= f0 + 601);
    CU_ASSERT_EQUAL(file_dbstate("ss_copy.edb"), JET_dbstateCleanShutdown);
    esedbinfo_ok("ss_copy.edb");

    /* Attached: in use. */
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ss.edb", JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "ss.edb", 1000, &real), JET_errDatabaseInUse);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ss.edb"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ss.edb", 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "ss.edb", 1000, &real), JET_errDatabaseInUse);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ss.edb"), JET_errSuccess);

    /* The grown copy attaches with the root owning all of it, and takes rows in the new space. */
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ss_copy.edb", 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "ss_copy.edb", NULL, &dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoFilesize), f2);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoSpaceOwned), f2);
    CU_ASSERT(db_u32(ses, dbid, JET_DbInfoSpaceAvailable) + 16 >= f2 - f0);
    insert_rows(ses, dbid, 100, 1500);
    CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoFilesize), f2);
    CU_ASSERT_EQUAL(check_rows(ses, dbid), 1600);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    CU_ASSERT_EQUAL(file_dbstate("ss_copy.edb"), JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL(file_pages("ss_copy.edb", 4096), f2);
    esedbinfo_ok("ss_copy.edb");
    remove("ss.edb");
    remove("ss_copy.edb");

    if (!have_corpus())
        return;
    /* Windows' files: a dirty one is refused; clean ones of any page size grow and still attach. */
    const corpus_db *dirty = find_db(0, 4096);
    CU_ASSERT_FATAL(dirty != NULL);
    CU_ASSERT_FATAL(copy_corpus(dirty, "ss_dirty.edb"));
    CU_ASSERT_EQUAL_FATAL(start(&inst, "setsize", &ses), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "ss_dirty.edb", 5000, &real), JET_errDatabaseInconsistent);
    remove("ss_dirty.edb");
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    static const uint32_t sizes[] = { 4096, 8192, 16384, 32768 };
    for (int p = 0; p < 4; p++) {
        const corpus_db *d = find_db(1, sizes[p]);
        if (d == NULL)
            continue;
        CU_ASSERT_FATAL(copy_corpus(d, "ss_win.edb"));
        const uint32_t c0 = file_pages("ss_win.edb", sizes[p]);
        CU_ASSERT_EQUAL_FATAL(set_page_size(4096), JET_errSuccess);   /* the file's own page size is used */
        CU_ASSERT_EQUAL_FATAL(start(&inst, "setsize", &ses), JET_errSuccess);
        CU_ASSERT_EQUAL(JetSetDatabaseSizeA(ses, "ss_win.edb", c0 + 500, &real), JET_errSuccess);
        CU_ASSERT(real >= c0 + 500);
        CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
        CU_ASSERT_EQUAL(file_pages("ss_win.edb", sizes[p]), real);
        CU_ASSERT_EQUAL(file_dbstate("ss_win.edb"), JET_dbstateCleanShutdown);
        CU_ASSERT_EQUAL_FATAL(set_page_size(sizes[p]), JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(start_checking(&inst, "setsize", &ses, JET_IndexCheckingOff), JET_errSuccess);
        CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ss_win.edb", JET_bitDbReadOnly), JET_errSuccess);
        CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "ss_win.edb", NULL, &dbid, JET_bitDbReadOnly), JET_errSuccess);
        CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoFilesize), real);
        CU_ASSERT_EQUAL(db_u32(ses, dbid, JET_DbInfoSpaceOwned), real);
        CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
        printf("  %s (%u-byte pages): %u -> %u pages\n", d->rel, sizes[p], c0, real);
        remove("ss_win.edb");
    }
    CU_ASSERT_EQUAL(set_page_size(4096), JET_errSuccess);
}

/* ---- indexes over Unicode text built with another sort order ---- */

/* fox-it's index.edb (Windows 8, en-US, sort version 6.2.15): table "index" has 19 indexes, a primary IxId
 * over a Long column and two secondary indexes over Unicode text, IxUnicode (Text cp 1200) and IxLongUnicode
 * (LongText cp 1200). fox-it's Current.mdb (Windows Server 2019, UAL): CLIENTS and DNS have secondary
 * indexes over Unicode text, ROLE_ACCESS and VIRTUALMACHINES none. */
#define IX_TABLE "index"
#define IX_COUNT 19

static const corpus_db *find_rel(const char *suffix)
{
    size_t n = strlen(suffix);
    for (int i = 0; i < g_cdbs; i++) {
        size_t len = strlen(g_dbs[i].rel);
        if (len >= n && strcmp(g_dbs[i].rel + len - n, suffix) == 0)
            return &g_dbs[i];
    }
    return NULL;
}

/* The indexes of the cursor's table (JetGetTableIndexInfo, JET_IdxInfoList: one row per key column): how
 * many, and whether name is one of them. */
static int index_count(JET_SESID ses, JET_TABLEID tid, const char *name, int *has)
{
    JET_INDEXLIST il;
    int n = 0;
    *has = 0;
    CU_ASSERT_EQUAL_FATAL(JetGetTableIndexInfoA(ses, tid, NULL, &il, sizeof il, JET_IdxInfoList), JET_errSuccess);
    for (JET_ERR err = JetMove(ses, il.tableid, JET_MoveFirst, 0); err == JET_errSuccess;
         err = JetMove(ses, il.tableid, JET_MoveNext, 0)) {
        uint32_t icol = 1, cb = 0;
        char iname[JET_cbNameMost + 1] = { 0 };
        CU_ASSERT_EQUAL(JetRetrieveColumn(ses, il.tableid, il.columnidiColumn, &icol, sizeof icol, &cb, 0, NULL),
                        JET_errSuccess);
        CU_ASSERT(JetRetrieveColumn(ses, il.tableid, il.columnidindexname, iname, JET_cbNameMost, &cb, 0, NULL) >= 0);
        if (icol != 0)
            continue;
        n++;
        if (strcmp(iname, name) == 0)
            *has = 1;
    }
    CU_ASSERT_EQUAL(JetCloseTable(ses, il.tableid), JET_errSuccess);
    return n;
}

/* Rows reached walking the cursor's current index. */
static int walk(JET_SESID ses, JET_TABLEID tid)
{
    int n = 0;
    JET_ERR err = JetMove(ses, tid, JET_MoveFirst, 0);
    for (; err == JET_errSuccess; err = JetMove(ses, tid, JET_MoveNext, 0))
        n++;
    return n;
}

/* Opens the database and table "index" of index.edb (grbit for the table); *pn = its indexes, *phas = whether
 * IxUnicode is one, returns the rows. Closes everything again. */
static int ix_table(JET_SESID ses, const char *path, int read_only, int *pn, int *phas)
{
    JET_DBID dbid;
    JET_TABLEID tid;
    CU_ASSERT_EQUAL_FATAL(JetOpenDatabaseA(ses, path, NULL, &dbid, read_only ? JET_bitDbReadOnly : 0), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetOpenTableA(ses, dbid, IX_TABLE, NULL, 0, read_only ? JET_bitTableReadOnly : 0, &tid),
                          JET_errSuccess);
    *pn = index_count(ses, tid, "IxUnicode", phas);
    const int rows = walk(ses, tid);
    CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    return rows;
}

static const corpus_db *ix_db(void)
{
    const corpus_db *d = find_rel("fox-it_dissect.esedb/tests/_data/index.edb");
    if (d == NULL)
        printf("  (index.edb absent from the corpus: skipped)\n");
    return d;
}

/* Read-only: out-of-date secondary indexes fail the attach with checking on (nothing can be deleted, whatever
 * the grbit), and nothing stays attached; with checking off the database attaches and reads. */
static void test_stale_read_only(void)
{
    const corpus_db *d = have_corpus() ? ix_db() : NULL;
    if (d == NULL)
        return;
    JET_INSTANCE inst;
    JET_SESID ses;
    CU_ASSERT_FATAL(copy_corpus(d, "ix_ro.edb"));
    CU_ASSERT_EQUAL_FATAL(start_checking(&inst, "ixro", &ses, JET_IndexCheckingOn), JET_errSuccess);
    JET_API_PTR v = 0;
    CU_ASSERT_EQUAL(JetGetSystemParameterA(inst, JET_sesidNil, JET_paramEnableIndexChecking, &v, NULL, 0),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(v, (JET_API_PTR)JET_IndexCheckingOn);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ix_ro.edb", JET_bitDbReadOnly), JET_errSecondaryIndexCorrupted);
    CU_ASSERT_EQUAL(JetAttachDatabaseW(ses, u"ix_ro.edb", JET_bitDbReadOnly | JET_bitDbDeleteCorruptIndexes),
                    JET_errSecondaryIndexCorrupted);
    CU_ASSERT_EQUAL(JetAttachDatabase2A(ses, "ix_ro.edb", 0, JET_bitDbReadOnly | JET_bitDbDeleteUnicodeIndexes),
                    JET_errSecondaryIndexCorrupted);
    JET_DBID dbid = JET_dbidNil;
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "ix_ro.edb", NULL, &dbid, JET_bitDbReadOnly), JET_errDatabaseNotFound);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ix_ro.edb"), JET_errDatabaseNotFound);

    /* Off: attached and readable, by the primary index and by the out-of-date one. */
    CU_ASSERT_EQUAL(JetSetSystemParameterA(&inst, 0, JET_paramEnableIndexChecking, JET_IndexCheckingOff, NULL),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ix_ro.edb", JET_bitDbReadOnly | JET_bitDbDeleteUnicodeIndexes),
                    JET_errSuccess);
    int n = 0, has = 0;
    const int rows = ix_table(ses, "ix_ro.edb", 1, &n, &has);
    CU_ASSERT(rows > 0);
    CU_ASSERT_EQUAL(n, IX_COUNT);   /* a read-only attach deletes nothing */
    CU_ASSERT(has);
    CU_ASSERT_EQUAL_FATAL(JetOpenDatabaseA(ses, "ix_ro.edb", NULL, &dbid, JET_bitDbReadOnly), JET_errSuccess);
    JET_TABLEID tid;
    CU_ASSERT_EQUAL_FATAL(JetOpenTableA(ses, dbid, IX_TABLE, NULL, 0, JET_bitTableReadOnly, &tid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetCurrentIndexA(ses, tid, "IxUnicode"), JET_errSuccess);
    CU_ASSERT(walk(ses, tid) > 0);
    CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ix_ro.edb"), JET_errSuccess);
    printf("  index.edb: %d rows, %d indexes, read with index checking off\n", rows, n);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    remove("ix_ro.edb");
}

/* Read-write with checking on: refused (the file left clean and detached) until JET_bitDbDeleteCorruptIndexes
 * deletes the two out-of-date indexes; the application recreates one, which then records this platform's sort
 * version: the next attach finds nothing to do. */
static void test_stale_delete_corrupt(void)
{
    const corpus_db *d = have_corpus() ? ix_db() : NULL;
    if (d == NULL)
        return;
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
    JET_TABLEID tid;
    int n = 0, has = 0;
    CU_ASSERT_FATAL(copy_corpus(d, "ix_rw.edb"));
    CU_ASSERT_EQUAL_FATAL(start_checking(&inst, "ixrw", &ses, JET_IndexCheckingOn), JET_errSuccess);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ix_rw.edb", 0), JET_errSecondaryIndexCorrupted);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "ix_rw.edb", NULL, &dbid, 0), JET_errDatabaseNotFound);
    CU_ASSERT_EQUAL(file_dbstate("ix_rw.edb"), JET_dbstateCleanShutdown);

    /* Not inside a transaction. */
    CU_ASSERT_EQUAL(JetBeginTransaction(ses), JET_errSuccess);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ix_rw.edb", JET_bitDbDeleteCorruptIndexes), JET_errInTransaction);
    CU_ASSERT_EQUAL(JetRollback(ses, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "ix_rw.edb", NULL, &dbid, 0), JET_errDatabaseNotFound);

    CU_ASSERT_EQUAL(JetAttachDatabase2W(ses, u"ix_rw.edb", 0, JET_bitDbDeleteCorruptIndexes),
                    JET_wrnCorruptIndexDeleted);
    const int rows = ix_table(ses, "ix_rw.edb", 0, &n, &has);
    CU_ASSERT_EQUAL(n, IX_COUNT - 2);
    CU_ASSERT(!has);
    CU_ASSERT_EQUAL_FATAL(JetOpenDatabaseA(ses, "ix_rw.edb", NULL, &dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetOpenTableA(ses, dbid, IX_TABLE, NULL, 0, 0, &tid), JET_errSuccess);
    uint32_t lcid = 0;
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(ses, tid, "IxUnicode", &lcid, sizeof lcid, JET_IdxInfoLCID),
                    JET_errIndexNotFound);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(ses, tid, "IxLongUnicode", &lcid, sizeof lcid, JET_IdxInfoLCID),
                    JET_errIndexNotFound);
    CU_ASSERT_EQUAL(JetSetCurrentIndexA(ses, tid, "IxUnicode"), JET_errIndexNotFound);
    /* The other indexes are intact: each still reaches every row. */
    static const char *const others[] = { "IxASCII", "IxLong", "IxBinary", "IxGUID" };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        CU_ASSERT_EQUAL(JetSetCurrentIndexA(ses, tid, others[i]), JET_errSuccess);
        CU_ASSERT_EQUAL(walk(ses, tid), rows);
    }
    /* Recreated: built with this platform's sort order. */
    CU_ASSERT_EQUAL(JetCreateIndexA(ses, tid, "IxUnicode", 0, "+Unicode\0", 10, 80), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetCurrentIndexA(ses, tid, "IxUnicode"), JET_errSuccess);
    CU_ASSERT_EQUAL(walk(ses, tid), rows);
    CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ix_rw.edb"), JET_errSuccess);

    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ix_rw.edb", JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ix_rw.edb"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ix_rw.edb", JET_bitDbDeleteCorruptIndexes), JET_errSuccess);
    CU_ASSERT_EQUAL(ix_table(ses, "ix_rw.edb", 0, &n, &has), rows);
    CU_ASSERT_EQUAL(n, IX_COUNT - 1);
    CU_ASSERT(has);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ix_rw.edb"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    printf("  index.edb: 2 out-of-date indexes deleted, IxUnicode recreated over %d rows\n", rows);
    remove("ix_rw.edb");
}

/* JET_bitDbDeleteUnicodeIndexes (read-write) deletes every index over Unicode text, whatever checking is set
 * to, current ones too. */
static void test_stale_delete_unicode(void)
{
    const corpus_db *d = have_corpus() ? ix_db() : NULL;
    if (d == NULL)
        return;
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
    JET_TABLEID tid;
    int n = 0, has = 0;
    CU_ASSERT_FATAL(copy_corpus(d, "ix_uni.edb"));
    CU_ASSERT_EQUAL_FATAL(start_checking(&inst, "ixuni", &ses, JET_IndexCheckingOff), JET_errSuccess);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ix_uni.edb", JET_bitDbDeleteUnicodeIndexes), JET_wrnCorruptIndexDeleted);
    const int rows = ix_table(ses, "ix_uni.edb", 0, &n, &has);
    CU_ASSERT_EQUAL(n, IX_COUNT - 2);
    CU_ASSERT(!has);
    CU_ASSERT_EQUAL_FATAL(JetOpenDatabaseA(ses, "ix_uni.edb", NULL, &dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetOpenTableA(ses, dbid, IX_TABLE, NULL, 0, 0, &tid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(ses, tid, "IxUnicode", 0, "+Unicode\0", 10, 80), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ix_uni.edb"), JET_errSuccess);
    /* Checking off, no option: the current index stays. With the option: it goes too. */
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ix_uni.edb", 0), JET_errSuccess);
    CU_ASSERT_EQUAL(ix_table(ses, "ix_uni.edb", 0, &n, &has), rows);
    CU_ASSERT_EQUAL(n, IX_COUNT - 1);
    CU_ASSERT(has);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ix_uni.edb"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ix_uni.edb", JET_bitDbDeleteUnicodeIndexes), JET_wrnCorruptIndexDeleted);
    CU_ASSERT_EQUAL(ix_table(ses, "ix_uni.edb", 0, &n, &has), rows);
    CU_ASSERT_EQUAL(n, IX_COUNT - 2);
    CU_ASSERT(!has);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ix_uni.edb"), JET_errSuccess);
    /* Nothing left over Unicode text: the option has nothing to do. */
    CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "ix_uni.edb", JET_bitDbDeleteUnicodeIndexes), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "ix_uni.edb"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    remove("ix_uni.edb");
}

/* JET_IndexCheckingDeferToOpenTable: the attach succeeds; JetOpenTable refuses a table with an out-of-date
 * index (a read-only cursor opens, with a warning), other tables open. */
static void test_stale_defer(void)
{
    const corpus_db *d = have_corpus() ? find_rel("fox-it_dissect.esedb/tests/_data/Current.mdb") : NULL;
    if (d == NULL) {
        if (have_corpus())
            printf("  (Current.mdb absent from the corpus: skipped)\n");
        return;
    }
    static const char *const grbits_name[] = { "read-only", "read-write" };
    for (int rw = 0; rw < 2; rw++) {
        JET_INSTANCE inst;
        JET_SESID ses;
        JET_DBID dbid;
        JET_TABLEID tid;
        CU_ASSERT_FATAL(copy_corpus(d, "defer.mdb"));
        CU_ASSERT_EQUAL_FATAL(start_checking(&inst, "defer", &ses, JET_IndexCheckingDeferToOpenTable), JET_errSuccess);
        const JET_GRBIT ro = rw ? 0 : JET_bitDbReadOnly;
        CU_ASSERT_EQUAL(JetAttachDatabaseA(ses, "defer.mdb", ro), JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(JetOpenDatabaseA(ses, "defer.mdb", NULL, &dbid, ro), JET_errSuccess);
        CU_ASSERT_EQUAL(JetOpenTableA(ses, dbid, "CLIENTS", NULL, 0, 0, &tid), JET_errSecondaryIndexCorrupted);
        CU_ASSERT_EQUAL(tid, JET_tableidNil);
        CU_ASSERT_EQUAL(JetOpenTableA(ses, dbid, "DNS", NULL, 0, JET_bitTableUpdatable, &tid),
                        JET_errSecondaryIndexCorrupted);
        CU_ASSERT_EQUAL(JetOpenTableA(ses, dbid, "ROLE_ACCESS", NULL, 0, 0, &tid), JET_errSuccess);
        CU_ASSERT(walk(ses, tid) > 0);
        CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
        CU_ASSERT_EQUAL(JetOpenTableA(ses, dbid, "VIRTUALMACHINES", NULL, 0, 0, &tid), JET_errSuccess);
        CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
        CU_ASSERT_EQUAL(JetOpenTableA(ses, dbid, "MSysObjects", NULL, 0, 0, &tid), JET_errSuccess);
        CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
        /* Read-only cursor: opened, with the warning. */
        CU_ASSERT_EQUAL(JetOpenTableA(ses, dbid, "CLIENTS", NULL, 0, JET_bitTableReadOnly, &tid),
                        JET_wrnSecondaryIndexOutOfDate);
        CU_ASSERT(walk(ses, tid) > 0);
        CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
        /* Checking off for this instance from now on: the table opens. */
        CU_ASSERT_EQUAL(JetSetSystemParameterA(&inst, 0, JET_paramEnableIndexChecking, JET_IndexCheckingOff, NULL),
                        JET_errSuccess);
        CU_ASSERT_EQUAL(JetOpenTableA(ses, dbid, "CLIENTS", NULL, 0, 0, &tid), JET_errSuccess);
        CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
        CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "defer.mdb"), JET_errSuccess);
        CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
        remove("defer.mdb");
        printf("  Current.mdb attached %s, CLIENTS and DNS refused at JetOpenTable\n", grbits_name[rw]);
    }
}

/* A database this engine writes: its Unicode indexes record the sort version in use, so no setting or option
 * finds anything out of date (JET_bitDbDeleteUnicodeIndexes aside, which deletes them by definition). */
static void test_own_indexes(void)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
    JET_TABLEID tid;
    JET_COLUMNID cid;
    remove("own.edb");
    CU_ASSERT_EQUAL_FATAL(start_checking(&inst, "own", &ses, JET_IndexCheckingOn), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetCreateDatabaseA(ses, "own.edb", NULL, &dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(ses, dbid, "t", 0, 100, &tid), JET_errSuccess);
    JET_COLUMNDEF cd = { sizeof cd, 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnAutoincrement };
    CU_ASSERT_EQUAL(JetAddColumnA(ses, tid, "id", &cd, NULL, 0, &cid), JET_errSuccess);
    JET_COLUMNDEF cdt = { sizeof cdt, 0, JET_coltypText, 0, 0, 1200, 0, 0, 0 };
    CU_ASSERT_EQUAL(JetAddColumnA(ses, tid, "name", &cdt, NULL, 0, &cid), JET_errSuccess);
    JET_COLUMNDEF cdl = { sizeof cdl, 0, JET_coltypLongText, 0, 0, 1200, 0, 0, 0 };
    JET_COLUMNID cid_long;
    CU_ASSERT_EQUAL(JetAddColumnA(ses, tid, "note", &cdl, NULL, 0, &cid_long), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(ses, tid, "pk", JET_bitIndexPrimary, "+name\0", 7, 100), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(ses, tid, "by_id", 0, "+id\0", 5, 100), JET_errSuccess);
    JET_UNICODEINDEX2 ui = { (WCHAR *)u"de-DE", 0x00000401u };   /* LCMAP_SORTKEY | NORM_IGNORECASE */
    JET_INDEXCREATE3_W ic;
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = (WCHAR *)u"by_note_de";
    ic.szKey = (WCHAR *)u"+note\0";
    ic.cbKey = 7 * sizeof(WCHAR);
    ic.grbit = JET_bitIndexUnicode;
    ic.ulDensity = 90;
    ic.pidxunicode = &ui;
    CU_ASSERT_EQUAL(JetCreateIndex4W(ses, tid, &ic, 1), JET_errSuccess);
    static const WCHAR *const names[] = { (const WCHAR *)u"Zo\u00EB", (const WCHAR *)u"alpha",
                                          (const WCHAR *)u"\u00C9mile" };
    for (int i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL(JetPrepareUpdate(ses, tid, JET_prepInsert), JET_errSuccess);
        size_t len = 0;
        while (names[i][len])
            len++;
        CU_ASSERT_EQUAL(JetSetColumn(ses, tid, cid, names[i], (uint32_t)(len * sizeof(WCHAR)), 0, NULL),
                        JET_errSuccess);
        CU_ASSERT_EQUAL(JetSetColumn(ses, tid, cid_long, names[i], (uint32_t)(len * sizeof(WCHAR)), 0, NULL),
                        JET_errSuccess);
        CU_ASSERT_EQUAL(JetUpdate(ses, tid, NULL, 0, NULL), JET_errSuccess);
    }
    CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "own.edb"), JET_errSuccess);
    static const JET_GRBIT grbits[] = { JET_bitDbReadOnly, 0, JET_bitDbDeleteCorruptIndexes,
                                        JET_bitDbReadOnly | JET_bitDbDeleteUnicodeIndexes };
    static const int modes[] = { JET_IndexCheckingOn, JET_IndexCheckingDeferToOpenTable, JET_IndexCheckingOff };
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        CU_ASSERT_EQUAL(JetSetSystemParameterA(&inst, 0, JET_paramEnableIndexChecking, (JET_API_PTR)modes[m], NULL),
                        JET_errSuccess);
        for (size_t g = 0; g < sizeof grbits / sizeof grbits[0]; g++) {
            JET_ERR err = JetAttachDatabaseA(ses, "own.edb", grbits[g]);
            CU_ASSERT_EQUAL(err, JET_errSuccess);
            if (err < 0)
                continue;
            const JET_GRBIT ro = grbits[g] & JET_bitDbReadOnly;
            CU_ASSERT_EQUAL_FATAL(JetOpenDatabaseA(ses, "own.edb", NULL, &dbid, ro), JET_errSuccess);
            CU_ASSERT_EQUAL(JetOpenTableA(ses, dbid, "t", NULL, 0, 0, &tid), JET_errSuccess);
            int n = 0, has = 0;
            CU_ASSERT_EQUAL(index_count(ses, tid, "by_note_de", &has), 3);
            CU_ASSERT(has);
            CU_ASSERT_EQUAL(JetSetCurrentIndexA(ses, tid, "by_note_de"), JET_errSuccess);
            n = walk(ses, tid);
            CU_ASSERT_EQUAL(n, 3);
            CU_ASSERT_EQUAL(JetCloseTable(ses, tid), JET_errSuccess);
            CU_ASSERT_EQUAL(JetCloseDatabase(ses, dbid, 0), JET_errSuccess);
            CU_ASSERT_EQUAL(JetDetachDatabaseA(ses, "own.edb"), JET_errSuccess);
        }
    }
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
    remove("own.edb");
}

int main(int argc, char **argv)
{
    g_argv0 = argv[0];
    if (argc == 3 && strcmp(argv[1], "--child-attach") == 0)
        return child_attach(argv[2]);
    corpus_load();

    CU_pSuite s = esent_test_suite("file_info", NULL, NULL);
    esent_test_add(s, "struct_sizes", test_struct_sizes);
    esent_test_add(s, "corpus", test_file_info_corpus);
    esent_test_add(s, "errors", test_file_info_errors);
    s = esent_test_suite("attach", NULL, NULL);
    esent_test_add(s, "corpus", test_attach_corpus);
    esent_test_add(s, "rules", test_attach_rules);
    s = esent_test_suite("create", NULL, NULL);
    esent_test_add(s, "create", test_create);
    esent_test_add(s, "too_many", test_too_many);
    s = esent_test_suite("size", NULL, NULL);
    esent_test_add(s, "info_levels", test_info_levels);
    esent_test_add(s, "info_corpus", test_info_corpus);
    esent_test_add(s, "grow", test_grow);
    esent_test_add(s, "set_size", test_set_size);
    s = esent_test_suite("index_checking", NULL, NULL);
    esent_test_add(s, "read_only", test_stale_read_only);
    esent_test_add(s, "delete_corrupt", test_stale_delete_corrupt);
    esent_test_add(s, "delete_unicode", test_stale_delete_unicode);
    esent_test_add(s, "defer_to_open_table", test_stale_defer);
    esent_test_add(s, "own_indexes", test_own_indexes);
    return esent_test_run();
}
