/* Databases: JetGetDatabaseFileInfo, JetAttachDatabase(2), JetDetachDatabase(2), JetOpenDatabase,
 * JetCloseDatabase, JetCreateDatabase(2), JetGetDatabaseInfo. Public API only.
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

static JET_ERR start(JET_INSTANCE *inst, const char *name, JET_SESID *sesid)
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

static void attach_corpus_with_page_size(uint32_t cb_page, int *attached, int *refused_dirty, int *mismatched)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    CU_ASSERT_EQUAL_FATAL(set_page_size(cb_page), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(start(&inst, "corpus", &ses), JET_errSuccess);
    for (int i = 0; i < g_cdbs; i++) {
        const corpus_db *d = &g_dbs[i];
        char path[64];
        snprintf(path, sizeof path, "at_%02d.edb", i);
        CU_ASSERT_FATAL(copy_corpus(d, path));
        JET_ERR err = JetAttachDatabase2A(ses, path, 0, JET_bitDbReadOnly);
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
    int attached = 0, dirty = 0, mismatched = 0;
    static const uint32_t sizes[] = { 4096, 8192, 16384, 32768 };
    for (int i = 0; i < 4; i++)
        attach_corpus_with_page_size(sizes[i], &attached, &dirty, &mismatched);
    CU_ASSERT_EQUAL(attached + dirty, g_cdbs);
    CU_ASSERT_EQUAL(mismatched, 3 * g_cdbs);
    printf("  attached %d clean, refused %d not clean (-550), %d page-size mismatches (-1213)\n", attached, dirty,
           mismatched);
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

    /* Read-write attach of a clean database holds the file against other processes. */
    CU_ASSERT_EQUAL(JetAttachDatabase2A(ses, "clean.edb", 0, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetOpenDatabaseA(ses, "clean.edb", NULL, &dbid, 0), JET_errSuccess);
    JET_DBINFOMISC misc;
    CU_ASSERT_EQUAL(JetGetDatabaseFileInfoA("clean.edb", &misc, sizeof misc, JET_DbInfoMisc), JET_errSuccess);
    CU_ASSERT_EQUAL(misc.dbstate, JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL(test_run_self(g_argv0, "--child-attach clean.edb"), 1);
    /* JetTerm detaches everything (opens included) and releases the file. */
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
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
    return esent_test_run();
}
