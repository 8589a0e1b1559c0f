/* Tables created through the API, read by libesedb (esedbinfo, esedbexport): every column type this
 * reader knows, in each column class (fixed, variable, tagged, multi-valued), indexes, a column added
 * later and one deleted, must be listed with their exact identifiers, names and types.
 * Skips (passing, with a message) when the tools are not installed. */
#define _POSIX_C_SOURCE 200809L   /* popen */
#include <esent.h>
#include "cu_runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB "interop_ddl.edb"

typedef struct col {
    const char *name;
    JET_COLTYP coltyp;
    JET_GRBIT grbit;
    uint32_t cp;
    uint32_t fid;           /* expected column identifier */
    const char *type;       /* esedbinfo's name for the type */
} col;

static const col k_cols[] = {
    { "Bit", JET_coltypBit, 0, 0, 1, "Boolean" },
    { "UByte", JET_coltypUnsignedByte, 0, 0, 2, "Integer 8-bit unsigned" },
    { "Short", JET_coltypShort, 0, 0, 3, "Integer 16-bit signed" },
    { "Long", JET_coltypLong, 0, 0, 4, "Integer 32-bit signed" },
    { "Currency", JET_coltypCurrency, 0, 0, 5, "Currency (64-bit)" },
    { "Single", JET_coltypIEEESingle, 0, 0, 6, "Floating point single precision (32-bit)" },
    { "Double", JET_coltypIEEEDouble, 0, 0, 7, "Floating point double precision (64-bit)" },
    { "When", JET_coltypDateTime, 0, 0, 8, "Date and time" },
    { "Binary", JET_coltypBinary, 0, 0, 128, "Binary data" },
    { "Text", JET_coltypText, 0, 1252, 129, "Text" },
    { "UText", JET_coltypText, 0, 1200, 130, "Text" },
    { "LongBinary", JET_coltypLongBinary, 0, 0, 256, "Large binary data" },
    { "LongText", JET_coltypLongText, 0, 1200, 257, "Large text" },
    { "ULong", JET_coltypUnsignedLong, 0, 0, 9, "Integer 32-bit unsigned" },
    { "LongLong", JET_coltypLongLong, 0, 0, 10, "Integer 64-bit signed" },
    { "Guid", JET_coltypGUID, 0, 0, 11, "GUID" },
    { "UShort", JET_coltypUnsignedShort, 0, 0, 12, "Integer 16-bit unsigned" },
    { "FixedText", JET_coltypText, JET_bitColumnFixed, 1252, 13, "Text" },
    { "TaggedLong", JET_coltypLong, JET_bitColumnTagged, 0, 258, "Integer 32-bit signed" },
    { "Multi", JET_coltypText, JET_bitColumnTagged | JET_bitColumnMultiValued, 1200, 259, "Text" },
};
#define CCOLS (sizeof k_cols / sizeof k_cols[0])

static int make_db(void)
{
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
    JET_COLUMNCREATE_A cc[CCOLS];
    JET_INDEXCREATE_A ic[2];
    JET_TABLECREATE_A tc;
    JET_COLUMNDEF d;
    JET_COLUMNID id;
    remove(DB);
    memset(cc, 0, sizeof cc);
    for (size_t i = 0; i < CCOLS; i++) {
        cc[i].cbStruct = sizeof cc[i];
        cc[i].szColumnName = (char *)k_cols[i].name;
        cc[i].coltyp = k_cols[i].coltyp;
        cc[i].grbit = k_cols[i].grbit;
        cc[i].cp = k_cols[i].cp;
        cc[i].cbMax = k_cols[i].grbit & JET_bitColumnFixed ? 16 : 0;
    }
    memset(ic, 0, sizeof ic);
    ic[0].cbStruct = ic[1].cbStruct = sizeof ic[0];
    ic[0].szIndexName = "Primary";
    ic[0].szKey = "+Long\0";
    ic[0].cbKey = 7;
    ic[0].grbit = JET_bitIndexPrimary;
    ic[1].szIndexName = "ByText";
    ic[1].szKey = "+Text\0-When\0";
    ic[1].cbKey = 13;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = "AllTypes";
    tc.rgcolumncreate = cc;
    tc.cColumns = CCOLS;
    tc.rgindexcreate = ic;
    tc.cIndexes = 2;
    JET_ERR err = JetCreateInstanceA(&inst, "interop");
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, "interop_sys/");
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, "interop_sys/");
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL);
    if (err == JET_errSuccess)
        err = JetInit(&inst);
    if (err == JET_errSuccess)
        err = JetBeginSessionA(inst, &ses, "", "");
    if (err == JET_errSuccess)
        err = JetCreateDatabaseA(ses, DB, NULL, &dbid, 0);
    if (err == JET_errSuccess)
        err = JetCreateTableColumnIndexA(ses, dbid, &tc);
    /* A column added later continues its class; a deleted one keeps its identifier. */
    memset(&d, 0, sizeof d);
    d.cbStruct = sizeof d;
    d.coltyp = JET_coltypLong;
    if (err == JET_errSuccess)
        err = JetAddColumnA(ses, tc.tableid, "Gone", &d, NULL, 0, &id);
    if (err == JET_errSuccess)
        err = JetAddColumnA(ses, tc.tableid, "Added", &d, NULL, 0, &id);
    if (err == JET_errSuccess)
        err = JetDeleteColumnA(ses, tc.tableid, "Gone");
    if (err == JET_errSuccess)
        err = JetCloseTable(ses, tc.tableid);
    if (err == JET_errSuccess)
        err = JetCreateTableA(ses, dbid, "Empty", 0, 0, &tc.tableid);
    if (err == JET_errSuccess)
        err = JetCloseTable(ses, tc.tableid);
    JET_ERR err_term = JetTerm(inst);
    if (err != JET_errSuccess || err_term != JET_errSuccess)
        printf("  make_db: %d, JetTerm %d\n", (int)err, (int)err_term);
    return err == JET_errSuccess && err_term == JET_errSuccess;
}

/* The whole output of a shell command; NULL when it cannot run. *pstatus = its exit status. */
static char *run(const char *cmd, int *pstatus)
{
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *out = (char *)malloc(cap);
    for (size_t r; out != NULL && (r = fread(out + n, 1, cap - n - 1, p)) > 0;) {
        n += r;
        if (cap - n < 2) {
            char *m = (char *)realloc(out, cap * 2);
            if (m == NULL) {
                free(out);
                out = NULL;
                break;
            }
            out = m;
            cap *= 2;
        }
    }
    int st = pclose(p);
    *pstatus = st;
    if (out != NULL)
        out[n] = 0;
    return out;
}

static int have(const char *tool)
{
    char cmd[128];
    int st = 0;
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1 && echo yes", tool);
    char *o = run(cmd, &st);
    int yes = o != NULL && strncmp(o, "yes", 3) == 0;
    free(o);
    if (!yes)
        printf("  (%s not installed: skipped)\n", tool);
    return yes;
}

static void test_esedbinfo(void)
{
    if (!have("esedbinfo"))
        return;
    CU_ASSERT_FATAL(make_db());
    int st = 0;
    char *out = run("esedbinfo " DB " 2>&1", &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_EQUAL(st, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "AllTypes"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Empty"));
    for (size_t i = 0; i < CCOLS; i++) {
        char line[160];
        snprintf(line, sizeof line, "\t%u\t%s\t%s\n", (unsigned)k_cols[i].fid, k_cols[i].name, k_cols[i].type);
        if (strstr(out, line) == NULL)
            printf("  missing: %s", line);
        CU_ASSERT_PTR_NOT_NULL(strstr(out, line));
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\t15\tAdded\tInteger 32-bit signed\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "\t14\t!del14\t"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Primary"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "ByText"));
    if (st != 0)
        printf("%s\n", out);
    free(out);
}

static void test_esedbexport(void)
{
    if (!have("esedbexport"))
        return;
    CU_ASSERT_FATAL(make_db());
    int st = 0;
    char *out = run("rm -rf interop_export interop_export.export && "
                    "esedbexport -m tables -t interop_export " DB " 2>&1", &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_EQUAL(st, 0);
    if (st != 0)
        printf("%s\n", out);
    free(out);
    out = run("ls interop_export.export", &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "AllTypes"));
    free(out);
}

int main(void)
{
    CU_pSuite s = esent_test_suite("interop_ddl", NULL, NULL);
    esent_test_add(s, "esedbinfo", test_esedbinfo);
    esent_test_add(s, "esedbexport", test_esedbexport);
    return esent_test_run();
}
