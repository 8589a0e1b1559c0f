/* fuzz_table: libFuzzer target over opening a database file and reading every table through the public API.
 *
 * The input is a database file image. It is written to a file in a private temporary folder and attached
 * read-only (JetAttachDatabase, JetOpenDatabase); the catalog table MSysObjects is walked for the tables
 * (rows of Type 1), and every table is opened and walked row by row (JetMove), each row read whole with
 * JetEnumerateColumns (every value of every column, long values complete, through a realloc callback) and
 * each catalog row also column by column with JetRetrieveColumn. Then everything is closed and detached.
 * Any return code is fine; a crash, a sanitizer report, a leak or a hang is a finding.
 *
 * One instance for the whole process (JetInit in LLVMFuzzerInitialize): its page size is fixed then, by
 * ESENT_FUZZ_PAGE_SIZE (default 4096); images of another page size exercise the attach checks only.
 * Bounds (so that a huge but valid input does not look like a hang): 64 tables, 4096 rows per table,
 * 1 MiB per value. Built without libFuzzer (-DFUZZ_TABLE_STANDALONE) it is a program that runs each file
 * named on its command line once: the regression test over fuzz/regressions/.
 *
 * A mutated page almost never keeps a valid checksum, and the engine rejects such a page before parsing it.
 * So that mutations reach the B-tree, catalog, record and long-value code, the harness stamps valid
 * checksums on both header copies and on every non-zero page before writing the file (with the engine's own
 * format/checksum.h, the only internal header used), unless the image's last byte has its top bit set:
 * those inputs keep their checksums as they are and exercise the verification paths. */
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L   /* mkdtemp */
#endif
#include <esent.h>

#include "format/checksum.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FUZZ_TABLES_MAX 64
#define FUZZ_ROWS_MAX 4096
#define FUZZ_VALUE_MAX (1u << 20)

static JET_INSTANCE g_inst;
static int g_ready;
static char g_dir[512];
static char g_db[600];
static volatile uint32_t g_sink;
static int g_stats;                 /* ESENT_FUZZ_STATS=1: print what each input reached */
static uint32_t g_st_tables, g_st_rows, g_st_values;
static JET_ERR g_st_attach;

static void touch(const void *pv, uint32_t cb)
{
    const uint8_t *p = pv;
    uint32_t x = 0;
    for (uint32_t i = 0; i < cb; i++)
        x += p[i];
    g_sink += x;
}

static void cleanup(void)
{
    if (g_ready) {
        JetTerm2(g_inst, JET_bitTermAbrupt);
        g_ready = 0;
    }
    DIR *d = opendir(g_dir);
    if (d != NULL) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char path[1024];
            snprintf(path, sizeof path, "%s/%s", g_dir, e->d_name);
            remove(path);
        }
        closedir(d);
    }
    rmdir(g_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(g_dir, sizeof g_dir, "%s/fuzz_table.XXXXXX", tmp != NULL && *tmp ? tmp : "/tmp");
    if (mkdtemp(g_dir) == NULL) {
        perror("fuzz_table: mkdtemp");
        abort();
    }
    snprintf(g_db, sizeof g_db, "%s/input.edb", g_dir);
    char sys[600];
    snprintf(sys, sizeof sys, "%s/", g_dir);
    const char *ps = getenv("ESENT_FUZZ_PAGE_SIZE");
    uint32_t page_size = ps != NULL ? (uint32_t)strtoul(ps, NULL, 0) : 4096;
    if (JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, page_size, NULL) < 0 ||
        JetCreateInstanceA(&g_inst, "fuzz_table") < 0 ||
        JetSetSystemParameterA(&g_inst, 0, JET_paramSystemPath, 0, sys) < 0 ||
        JetSetSystemParameterA(&g_inst, 0, JET_paramLogFilePath, 0, sys) < 0 ||
        JetSetSystemParameterA(&g_inst, 0, JET_paramTempPath, 0, sys) < 0) {
        fprintf(stderr, "fuzz_table: cannot set up the instance\n");
        abort();
    }
    (void)JetSetSystemParameterA(&g_inst, 0, JET_paramRecovery, 0, "Off");
    (void)JetSetSystemParameterA(&g_inst, 0, JET_paramMaxTemporaryTables, 0, NULL);
    /* The seeds are databases written on Windows: every Unicode text index of them was built with another sort
     * version than this platform's, and a read-only attach with index checking on refuses them
     * (JET_errSecondaryIndexCorrupted, docs/sortkeys.md). The tables are read in primary-index order, so
     * checking is off, ESENT's documented choice for a reader (an out-of-date index may miss rows). */
    if (JetSetSystemParameterA(&g_inst, 0, JET_paramEnableIndexChecking, JET_IndexCheckingOff, NULL) < 0) {
        fprintf(stderr, "fuzz_table: cannot turn index checking off\n");
        abort();
    }
    if (JetInit(&g_inst) < 0) {
        fprintf(stderr, "fuzz_table: JetInit failed\n");
        abort();
    }
    g_ready = 1;
    const char *st = getenv("ESENT_FUZZ_STATS");
    g_stats = st != NULL && *st != 0 && *st != '0';
    atexit(cleanup);
    return 0;
}

static uint32_t rd32(const uint8_t *p) { return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* Valid checksums on the header copies and the pages of a (mutable) image; see the comment at the top. */
static void stamp_checksums(uint8_t *img, size_t size)
{
    uint32_t cb_page = size >= 240 ? rd32(img + 236) : 0;
    if (cb_page < 4096 || !esent_checksum_page_size_ok(cb_page))
        cb_page = 4096;
    size_t cpages = size / cb_page;
    for (size_t i = 0; i < cpages; i++) {
        uint8_t *pg = img + i * cb_page;
        if (i < 2) {
            esent_header_checksum_stamp(pg, cb_page);
            continue;
        }
        int zero = 1;
        for (uint32_t k = 0; k < cb_page && zero; k++)
            zero = pg[k] == 0;
        if (zero)
            continue;
        if (rd32(pg + ESENT_PAGE_FLAGS_OFFSET) & ESENT_PAGE_NEW_CHECKSUM_FLAG || cb_page > ESENT_PAGE_SMALL_MAX)
            esent_page_checksum_stamp(pg, cb_page, (uint32_t)(i - 1));
        else
            esent_page_checksum_stamp_old(pg, cb_page, (uint32_t)(i - 1));
    }
}

static int write_input(const uint8_t *data, size_t size)
{
    uint8_t *img = malloc(size ? size : 1);
    if (img == NULL)
        return 0;
    memcpy(img, data, size);
    if (size > 0 && !(img[size - 1] & 0x80))
        stamp_checksums(img, size);
    FILE *f = fopen(g_db, "wb");
    int ok = f != NULL && fwrite(img, 1, size, f) == size;
    if (f != NULL && fclose(f) != 0)
        ok = 0;
    free(img);
    return ok;
}

/* ---- JetEnumerateColumns with a realloc callback ---- */

static void *JET_API fuzz_realloc(void *ctx, void *pv, uint32_t cb)
{
    (void)ctx;
    if (cb == 0) {
        free(pv);
        return NULL;
    }
    return realloc(pv, cb);
}

static void enum_free(JET_ENUMCOLUMN *rg, uint32_t c)
{
    if (rg == NULL)
        return;
    for (uint32_t i = 0; i < c; i++) {
        if (rg[i].err == JET_wrnColumnSingleValue) {
            fuzz_realloc(NULL, rg[i].pvData, 0);
            continue;
        }
        for (uint32_t j = 0; j < rg[i].cEnumColumnValue; j++)
            fuzz_realloc(NULL, rg[i].rgEnumColumnValue[j].pvData, 0);
        fuzz_realloc(NULL, rg[i].rgEnumColumnValue, 0);
    }
    fuzz_realloc(NULL, rg, 0);
}

static void read_row(JET_SESID sesid, JET_TABLEID tid, JET_GRBIT grbit)
{
    JET_ENUMCOLUMN *rg = NULL;
    uint32_t c = 0;
    JET_ERR err = JetEnumerateColumns(sesid, tid, 0, NULL, &c, &rg, fuzz_realloc, NULL, FUZZ_VALUE_MAX, grbit);
    if (err >= 0 && rg != NULL) {
        g_st_values += c;
        for (uint32_t i = 0; i < c; i++) {
            if (rg[i].err == JET_wrnColumnSingleValue) {
                touch(rg[i].pvData, rg[i].cbData);
                continue;
            }
            for (uint32_t j = 0; j < rg[i].cEnumColumnValue; j++) {
                const JET_ENUMCOLUMNVALUE *v = &rg[i].rgEnumColumnValue[j];
                if (v->err >= 0 && v->pvData != NULL)
                    touch(v->pvData, v->cbData);
            }
        }
    }
    enum_free(rg, c);
}

/* ---- the catalog ---- */

typedef struct name {
    char s[256];
} name;

static uint32_t read_catalog(JET_SESID sesid, JET_DBID dbid, name *names)
{
    JET_TABLEID tid = 0;
    if (JetOpenTableA(sesid, dbid, "MSysObjects", NULL, 0, JET_bitTableReadOnly, &tid) < 0)
        return 0;
    uint32_t n = 0, rows = 0;
    uint8_t buf[512];
    for (JET_ERR err = JetMove(sesid, tid, JET_MoveFirst, 0); err >= 0 && rows < 65536;
         err = JetMove(sesid, tid, JET_MoveNext, 0), rows++) {
        /* Every fixed catalog column one by one, with a buffer that may be too small. */
        for (JET_COLUMNID col = 1; col <= 13; col++) {
            uint32_t cb = 0;
            if (JetRetrieveColumn(sesid, tid, col, buf, 3, &cb, 0, NULL) >= 0)
                touch(buf, cb < 3 ? cb : 3);
        }
        int16_t type = 0;
        uint32_t cb = 0;
        if (JetRetrieveColumn(sesid, tid, 2, &type, sizeof type, &cb, 0, NULL) != JET_errSuccess || cb != 2)
            continue;
        memset(buf, 0, sizeof buf);
        err = JetRetrieveColumn(sesid, tid, 128, buf, sizeof buf - 1, &cb, 0, NULL);
        if (type != 1 || err != JET_errSuccess || cb == 0 || cb > 255 || n == FUZZ_TABLES_MAX)
            continue;
        memcpy(names[n].s, buf, cb);
        names[n].s[cb] = 0;
        n++;
        read_row(sesid, tid, 0);
    }
    JetCloseTable(sesid, tid);
    return n;
}

static void read_table(JET_SESID sesid, JET_DBID dbid, const char *table)
{
    JET_TABLEID tid = 0;
    if (JetOpenTableA(sesid, dbid, table, NULL, 0, JET_bitTableReadOnly, &tid) < 0)
        return;
    uint32_t rows = 0;
    for (JET_ERR err = JetMove(sesid, tid, JET_MoveFirst, 0); err >= 0 && rows < FUZZ_ROWS_MAX;
         err = JetMove(sesid, tid, JET_MoveNext, 0), rows++) {
        /* Every other row with the defaults, the others with what the record holds. */
        g_st_rows++;
        read_row(sesid, tid, rows % 2 ? JET_bitEnumerateIgnoreDefault : 0);
    }
    /* And backwards a little. */
    uint32_t back = 0;
    for (JET_ERR err = JetMove(sesid, tid, JET_MoveLast, 0); err >= 0 && back < 16;
         err = JetMove(sesid, tid, JET_MovePrevious, 0), back++)
        read_row(sesid, tid, 0);
    JetCloseTable(sesid, tid);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_ready || !write_input(data, size))
        return 0;
    JET_SESID sesid = 0;
    if (JetBeginSessionA(g_inst, &sesid, "", "") < 0)
        return 0;
    g_st_tables = g_st_rows = g_st_values = 0;
    g_st_attach = JetAttachDatabaseA(sesid, g_db, JET_bitDbReadOnly);
    if (g_st_attach >= 0) {
        JET_DBID dbid = 0;
        if (JetOpenDatabaseA(sesid, g_db, NULL, &dbid, JET_bitDbReadOnly) >= 0) {
            static name names[FUZZ_TABLES_MAX];
            uint32_t n = read_catalog(sesid, dbid, names);
            g_st_tables = n;
            for (uint32_t i = 0; i < n; i++)
                read_table(sesid, dbid, names[i].s);
            JetCloseDatabase(sesid, dbid, 0);
        }
        JetDetachDatabaseA(sesid, g_db);
    }
    JetEndSession(sesid, 0);
    if (g_stats)
        fprintf(stderr, "fuzz_table: %zu bytes: attach %ld, %u tables, %u rows, %u columns read\n", size,
                (long)g_st_attach, g_st_tables, g_st_rows, g_st_values);
    return 0;
}

#ifdef FUZZ_TABLE_STANDALONE
/* Without libFuzzer: runs every file given (the regression test over fuzz/regressions/). */
int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    int n = 0;
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            perror(argv[i]);
            return 1;
        }
        fseek(f, 0, SEEK_END);
        long cb = ftell(f);
        fseek(f, 0, SEEK_SET);
        uint8_t *buf = malloc(cb > 0 ? (size_t)cb : 1);
        if (buf == NULL || fread(buf, 1, (size_t)cb, f) != (size_t)cb) {
            fprintf(stderr, "%s: cannot read\n", argv[i]);
            return 1;
        }
        fclose(f);
        LLVMFuzzerTestOneInput(buf, (size_t)cb);
        free(buf);
        n++;
    }
    printf("fuzz_table: %d input(s) replayed, no crash\n", n);
    return 0;
}
#endif
