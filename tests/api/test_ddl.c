/* DDL and schema information: JetCreateTable*, JetCreateTableColumnIndex..4, JetAddColumn,
 * JetDeleteColumn(2), JetRenameColumn, JetSetColumnDefaultValue, JetCreateIndex..4, JetDeleteIndex,
 * JetDeleteTable, JetRenameTable, JetGetTableInfo, JetGetTableColumnInfo, JetGetColumnInfo,
 * JetGetTableIndexInfo, JetGetIndexInfo, JetGetObjectInfo (their list levels: temporary tables walked with
 * JetMove / JetRetrieveColumn). Public API only.
 *
 * Every test starts its own instance in the scratch folder, creates its database, and terminates the
 * instance at the end. Error codes are those ESENT returns for each argument (docs/behaviour.md, DDL). */
#include <esent.h>
#include "cu_runner.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W(s) ((JET_PCWSTR)u##s)

typedef struct env {
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
} env;

static int start(env *e, const char *name)
{
    char sys[256], log[256], db[256];
    snprintf(sys, sizeof sys, "%s_sys/", name);
    snprintf(log, sizeof log, "%s_sys/logs/", name);
    snprintf(db, sizeof db, "%s.edb", name);
    remove(db);
    JET_ERR err = JetCreateInstanceA(&e->inst, name);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(&e->inst, 0, JET_paramSystemPath, 0, sys);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(&e->inst, 0, JET_paramLogFilePath, 0, log);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(&e->inst, 0, JET_paramTempPath, 0, sys);
    if (err == JET_errSuccess)
        err = JetSetSystemParameterA(&e->inst, 0, JET_paramCreatePathIfNotExist, 1, NULL);
    if (err == JET_errSuccess)
        err = JetInit(&e->inst);
    if (err == JET_errSuccess)
        err = JetBeginSessionA(e->inst, &e->ses, "", "");
    if (err == JET_errSuccess)
        err = JetCreateDatabaseA(e->ses, db, NULL, &e->dbid, 0);
    if (err != JET_errSuccess)
        printf("  start(%s): %d\n", name, (int)err);
    return err == JET_errSuccess;
}

static void stop(env *e)
{
    CU_ASSERT_EQUAL(JetTerm(e->inst), JET_errSuccess);
}

static JET_COLUMNDEF coldef(JET_COLTYP coltyp, uint32_t cbMax, JET_GRBIT grbit, uint16_t cp)
{
    JET_COLUMNDEF d;
    memset(&d, 0, sizeof d);
    d.cbStruct = sizeof d;
    d.coltyp = coltyp;
    d.cbMax = cbMax;
    d.grbit = grbit;
    d.cp = cp;
    return d;
}

static JET_ERR add(env *e, JET_TABLEID t, const char *name, JET_COLTYP coltyp, uint32_t cbMax, JET_GRBIT grbit,
                   JET_COLUMNID *pid)
{
    JET_COLUMNDEF d = coldef(coltyp, cbMax, grbit, 0);
    return JetAddColumnA(e->ses, t, name, &d, NULL, 0, pid);
}

static int table_exists(env *e, const char *name)
{
    JET_OBJECTINFO oi;
    return JetGetObjectInfoA(e->ses, e->dbid, JET_objtypTable, NULL, name, &oi, sizeof oi, JET_ObjInfo) ==
           JET_errSuccess;
}

/* ---- JetCreateTable ---- */

static void test_create_table(void)
{
    env e;
    JET_TABLEID t;
    char long_name[80];
    CU_ASSERT_FATAL(start(&e, "ct"));
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, "Alpha", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    CU_ASSERT(table_exists(&e, "Alpha"));
    CU_ASSERT(table_exists(&e, "ALPHA"));   /* names compare ASCII case-insensitively */
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, "alpha", 0, 0, &t), JET_errTableDuplicate);
    CU_ASSERT_EQUAL(JetCreateTableW(e.ses, e.dbid, W("Beta"), 4, 100, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    /* Trailing spaces are dropped: "Beta  " is Beta. */
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, "Beta  ", 0, 0, &t), JET_errTableDuplicate);

    static const char *const bad[] = { "", " lead", "a!b", "a.b", "a[b", "a]b", "tab\tname", "   " };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, bad[i], 0, 0, &t), JET_errInvalidName);
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, NULL, 0, 0, &t), JET_errInvalidName);
    memset(long_name, 'x', 65);
    long_name[65] = 0;
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, long_name, 0, 0, &t), JET_errInvalidName);
    long_name[64] = 0;   /* exactly JET_cbNameMost */
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, long_name, 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, "d19", 0, 19, &t), JET_errDensityInvalid);
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, "d101", 0, 101, &t), JET_errDensityInvalid);
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, "d20", 0, 20, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, "nul", 0, 0, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid + 5, "x", 0, 0, &t), JET_errInvalidDatabaseId);
    CU_ASSERT(!table_exists(&e, "d19"));
    stop(&e);
}

/* ---- JetAddColumn ---- */

static void check_coldef(env *e, JET_TABLEID t, const char *name, JET_COLUMNID id, JET_COLTYP coltyp, uint32_t cbMax,
                         uint16_t cp, JET_GRBIT grbit_has)
{
    JET_COLUMNDEF d;
    memset(&d, 0xCC, sizeof d);
    CU_ASSERT_EQUAL_FATAL(JetGetTableColumnInfoA(e->ses, t, name, &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(d.cbStruct, sizeof d);
    CU_ASSERT_EQUAL(d.columnid, id);
    CU_ASSERT_EQUAL(d.coltyp, coltyp);
    CU_ASSERT_EQUAL(d.cbMax, cbMax);
    CU_ASSERT_EQUAL(d.cp, cp);
    CU_ASSERT_EQUAL(d.grbit & grbit_has, grbit_has);
}

static void test_add_column(void)
{
    env e;
    JET_TABLEID t;
    JET_COLUMNID id = 0;
    CU_ASSERT_FATAL(start(&e, "ac"));
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "T", 0, 0, &t), JET_errSuccess);

    /* Placement: fixed-size types fixed (1..), Text/Binary variable (128..), long types tagged (256..). */
    CU_ASSERT_EQUAL(add(&e, t, "l", JET_coltypLong, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 1u);
    CU_ASSERT_EQUAL(add(&e, t, "txt", JET_coltypText, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 128u);
    CU_ASSERT_EQUAL(add(&e, t, "lv", JET_coltypLongBinary, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 256u);
    CU_ASSERT_EQUAL(add(&e, t, "g", JET_coltypGUID, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 2u);
    CU_ASSERT_EQUAL(add(&e, t, "bin", JET_coltypBinary, 10, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 129u);
    CU_ASSERT_EQUAL(add(&e, t, "fbin", JET_coltypBinary, 10, JET_bitColumnFixed, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 3u);
    CU_ASSERT_EQUAL(add(&e, t, "tl", JET_coltypLong, 0, JET_bitColumnTagged, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 257u);
    CU_ASSERT_EQUAL(add(&e, t, "mv", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, &id),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(id, 258u);
    check_coldef(&e, t, "l", 1, JET_coltypLong, 4, 0, JET_bitColumnFixed);
    check_coldef(&e, t, "txt", 128, JET_coltypText, 255, 1252, 0);
    check_coldef(&e, t, "lv", 256, JET_coltypLongBinary, 0, 0, JET_bitColumnTagged);
    check_coldef(&e, t, "g", 2, JET_coltypGUID, 16, 0, JET_bitColumnFixed);
    check_coldef(&e, t, "fbin", 3, JET_coltypBinary, 10, 0, JET_bitColumnFixed);
    check_coldef(&e, t, "mv", 258, JET_coltypText, 255, 1252, JET_bitColumnTagged | JET_bitColumnMultiValued);

    /* Unicode text, NOT NULL, cbMax cut to 255 with a warning. */
    JET_COLUMNDEF d = coldef(JET_coltypText, 300, JET_bitColumnNotNULL, 1200);
    CU_ASSERT_EQUAL(JetAddColumnW(e.ses, t, W("utext"), &d, NULL, 0, &id), JET_wrnColumnMaxTruncated);
    check_coldef(&e, t, "utext", 130, JET_coltypText, 255, 1200, JET_bitColumnNotNULL);

    /* Errors, each with the argument that triggers it. */
    CU_ASSERT_EQUAL(add(&e, t, "l", JET_coltypLong, 0, 0, &id), JET_errColumnDuplicate);
    CU_ASSERT_EQUAL(add(&e, t, "L", JET_coltypShort, 0, 0, &id), JET_errColumnDuplicate);
    CU_ASSERT_EQUAL(add(&e, t, "a.b", JET_coltypLong, 0, 0, &id), JET_errInvalidName);
    CU_ASSERT_EQUAL(add(&e, t, "nil", JET_coltypNil, 0, 0, &id), JET_errInvalidColumnType);
    CU_ASSERT_EQUAL(add(&e, t, "slv", 13, 0, 0, &id), JET_errInvalidColumnType);
    CU_ASSERT_EQUAL(add(&e, t, "big", 19, 0, 0, &id), JET_errInvalidColumnType);
    d = coldef(JET_coltypText, 0, 0, 437);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "cp", &d, NULL, 0, &id), JET_errInvalidCodePage);
    CU_ASSERT_EQUAL(add(&e, t, "mvf", JET_coltypLong, 0, JET_bitColumnMultiValued, &id),
                    JET_errMultiValuedColumnMustBeTagged);
    CU_ASSERT_EQUAL(add(&e, t, "ft", JET_coltypLong, 0, JET_bitColumnFixed | JET_bitColumnTagged, &id),
                    JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(add(&e, t, "flv", JET_coltypLongText, 0, JET_bitColumnFixed, &id), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(add(&e, t, "vt", JET_coltypText, 0, JET_bitColumnVersion, &id), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(add(&e, t, "at", JET_coltypText, 0, JET_bitColumnAutoincrement, &id), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(add(&e, t, "vtag", JET_coltypLong, 0, JET_bitColumnVersion | JET_bitColumnTagged, &id),
                    JET_errCannotBeTagged);
    CU_ASSERT_EQUAL(add(&e, t, "va", JET_coltypLong, 0, JET_bitColumnVersion | JET_bitColumnAutoincrement, &id),
                    JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(add(&e, t, "auto", JET_coltypLong, 0, JET_bitColumnAutoincrement, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "auto2", JET_coltypCurrency, 0, JET_bitColumnAutoincrement, &id),
                    JET_errColumnRedundant);
    CU_ASSERT_EQUAL(add(&e, t, "ver", JET_coltypLong, 0, JET_bitColumnVersion, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "ver2", JET_coltypLong, 0, JET_bitColumnVersion, &id), JET_errColumnRedundant);
    CU_ASSERT_EQUAL(add(&e, t, "esc", JET_coltypLong, 0, JET_bitColumnEscrowUpdate, &id), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(add(&e, t, "fin", JET_coltypLong, 0, JET_bitColumnFinalize, &id), JET_errInvalidGrbit);
    int32_t zero = 0;
    d = coldef(JET_coltypLong, 0, JET_bitColumnEscrowUpdate, 0);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "esc", &d, &zero, sizeof zero, &id), JET_errSuccess);
    d = coldef(JET_coltypShort, 0, JET_bitColumnEscrowUpdate, 0);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "esc2", &d, &zero, 2, &id), JET_errInvalidGrbit);
    d = coldef(JET_coltypLong, 0, JET_bitColumnEscrowUpdate | JET_bitColumnTagged, 0);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "esc3", &d, &zero, sizeof zero, &id), JET_errCannotBeTagged);
    d = coldef(JET_coltypText, 4, 0, 0);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "dtb", &d, "too long", 8, &id), JET_errDefaultValueTooBig);
    d = coldef(JET_coltypLong, 0, 0, 0);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "dsz", &d, &zero, 2, &id), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "dok", &d, &zero, sizeof zero, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "cmp", JET_coltypLong, 0, JET_bitColumnCompressed, &id),
                    JET_errColumnCannotBeCompressed);
    d = coldef(JET_coltypLong, 0, 0, 0);
    d.cbStruct = sizeof d - 1;
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "cbs", &d, NULL, 0, &id), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "nul", NULL, NULL, 0, &id), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);

    /* Auto-increment and escrow need the table held exclusively (opened with DenyRead). */
    CU_ASSERT_EQUAL_FATAL(JetOpenTableA(e.ses, e.dbid, "T", NULL, 0, 0, &t), JET_errSuccess);
    d = coldef(JET_coltypLong, 0, JET_bitColumnEscrowUpdate, 0);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "esc4", &d, &zero, sizeof zero, &id), JET_errExclusiveTableLockRequired);
    CU_ASSERT_EQUAL(add(&e, t, "late", JET_coltypLong, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "x", &d, NULL, 0, &id), JET_errInvalidTableId);

    /* Too many columns of one class: 127 fixed. */
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "Wide", 0, 0, &t), JET_errSuccess);
    JET_ERR err = JET_errSuccess;
    int n;
    for (n = 0; n < 200 && err == JET_errSuccess; n++) {
        char name[16];
        snprintf(name, sizeof name, "c%d", n);
        err = add(&e, t, name, JET_coltypUnsignedByte, 0, 0, &id);
    }
    CU_ASSERT_EQUAL(err, JET_errTooManyColumns);
    CU_ASSERT_EQUAL(n, 128);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    stop(&e);
}

/* ---- JetCreateTableColumnIndex* ---- */

static void fill_columns(JET_COLUMNCREATE_A *cc, size_t n)
{
    static const struct { const char *name; JET_COLTYP coltyp; JET_GRBIT grbit; uint32_t cp; } k[] = {
        { "id", JET_coltypLong, 0, 0 },
        { "name", JET_coltypText, 0, 1200 },
        { "data", JET_coltypLongBinary, 0, 0 },
        { "when", JET_coltypDateTime, 0, 0 },
        { "tags", JET_coltypText, JET_bitColumnTagged | JET_bitColumnMultiValued, 1252 },
    };
    for (size_t i = 0; i < n; i++) {
        memset(&cc[i], 0, sizeof cc[i]);
        cc[i].cbStruct = sizeof cc[i];
        cc[i].szColumnName = (char *)k[i].name;
        cc[i].coltyp = k[i].coltyp;
        cc[i].grbit = k[i].grbit;
        cc[i].cp = k[i].cp;
        cc[i].err = 12345;
    }
}

static void index_a(JET_INDEXCREATE_A *ic, const char *name, const char *key, uint32_t cbKey, JET_GRBIT grbit)
{
    memset(ic, 0, sizeof *ic);
    ic->cbStruct = sizeof *ic;
    ic->szIndexName = (char *)name;
    ic->szKey = (char *)key;
    ic->cbKey = cbKey;
    ic->grbit = grbit;
    ic->err = 12345;
}

static void test_create_table_column_index(void)
{
    env e;
    JET_COLUMNCREATE_A cc[5];
    JET_INDEXCREATE_A ic[3];
    JET_TABLECREATE_A tc;
    CU_ASSERT_FATAL(start(&e, "tci"));
    fill_columns(cc, 5);
    index_a(&ic[0], "primary", "+id\0", 5, JET_bitIndexPrimary);
    index_a(&ic[1], "byname", "+name\0-when\0", 13, 0);
    index_a(&ic[2], "bytag", "+tags\0", 7, JET_bitIndexIgnoreAnyNull);
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = "People";
    tc.rgcolumncreate = cc;
    tc.cColumns = 5;
    tc.rgindexcreate = ic;
    tc.cIndexes = 3;
    CU_ASSERT_EQUAL_FATAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errSuccess);
    CU_ASSERT_EQUAL(tc.cCreated, 9u);
    CU_ASSERT_NOT_EQUAL(tc.tableid, JET_tableidNil);
    CU_ASSERT_EQUAL(cc[0].columnid, 1u);
    CU_ASSERT_EQUAL(cc[1].columnid, 128u);
    CU_ASSERT_EQUAL(cc[2].columnid, 256u);
    CU_ASSERT_EQUAL(cc[3].columnid, 2u);
    CU_ASSERT_EQUAL(cc[4].columnid, 257u);
    for (int i = 0; i < 5; i++)
        CU_ASSERT_EQUAL(cc[i].err, JET_errSuccess);
    for (int i = 0; i < 3; i++)
        CU_ASSERT_EQUAL(ic[i].err, JET_errSuccess);
    uint32_t count = 0;
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, tc.tableid, NULL, &count, sizeof count, JET_IdxInfoCount),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(count, 3u);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, tc.tableid), JET_errSuccess);

    /* An index on a missing column: ColumnNotFound in its err, nothing created. */
    tc.szTableName = "Broken";
    index_a(&ic[1], "bad", "+nope\0", 7, 0);
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(ic[1].err, JET_errColumnNotFound);
    CU_ASSERT_EQUAL(tc.tableid, JET_tableidNil);
    CU_ASSERT(!table_exists(&e, "Broken"));
    /* Two primary indexes. */
    index_a(&ic[1], "primary2", "+name\0", 7, JET_bitIndexPrimary);
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errIndexHasPrimary);
    CU_ASSERT_EQUAL(ic[1].err, JET_errIndexHasPrimary);
    /* Key descriptions. */
    static const struct { const char *key; uint32_t cb; JET_ERR err; } keys[] = {
        { "id\0", 4, JET_errIndexInvalidDef },          /* no + or - */
        { "+id", 3, JET_errIndexInvalidDef },           /* no terminators */
        { "+id\0", 4, JET_errIndexInvalidDef },         /* one terminator */
        { "+id\0", 0, JET_errInvalidParameter },        /* empty */
        { "+id\0\0junk", 9, JET_errIndexInvalidDef },   /* something after the terminators */
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        index_a(&ic[1], "k", keys[i].key, keys[i].cb, 0);
        CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), keys[i].err);
    }
    index_a(&ic[1], "mvp", "+tags\0", 7, 0);
    index_a(&ic[0], "primary", "+tags\0", 7, JET_bitIndexPrimary);   /* multi-valued primary key */
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errIndexInvalidDef);
    index_a(&ic[0], "primary", "+id\0", 5, JET_bitIndexPrimary | JET_bitIndexIgnoreNull);
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errInvalidGrbit);
    index_a(&ic[0], "primary", "+id\0", 5, JET_bitIndexPrimary);
    ic[0].cbStruct = 3;
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errInvalidCreateIndex);
    ic[0].cbStruct = sizeof ic[0];
    cc[1].cbStruct = 7;
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errInvalidParameter);
    cc[1].cbStruct = sizeof cc[1];
    cc[3].szColumnName = "id";   /* two columns named id */
    tc.cIndexes = 0;
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errColumnDuplicate);
    CU_ASSERT_EQUAL(cc[3].err, JET_errColumnDuplicate);
    CU_ASSERT(!table_exists(&e, "Broken"));
    tc.cbStruct = sizeof tc + 1;
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, NULL), JET_errInvalidParameter);
    /* Template tables are not built. */
    fill_columns(cc, 5);
    tc.cbStruct = sizeof tc;
    tc.grbit = JET_bitTableCreateTemplateTable;
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errFeatureNotAvailable);
    tc.grbit = JET_bitTableCreateTemplateTable | JET_bitTableCreateNoFixedVarColumnsInDerivedTables;
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errInvalidGrbit);
    tc.grbit = JET_bitTableCreateNoFixedVarColumnsInDerivedTables;
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errInvalidGrbit);
    tc.grbit = JET_bitTableCreateTemplateTable;
    tc.szTemplateTableName = "People";
    CU_ASSERT_EQUAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errCannotNestDDL);
    stop(&e);
}

static void test_create_table_versions(void)
{
    env e;
    CU_ASSERT_FATAL(start(&e, "tcv"));
    JET_COLUMNCREATE_W cw[2];
    memset(cw, 0, sizeof cw);
    cw[0].cbStruct = cw[1].cbStruct = sizeof cw[0];
    cw[0].szColumnName = (WCHAR *)W("k");
    cw[0].coltyp = JET_coltypLongLong;
    cw[1].szColumnName = (WCHAR *)W("v");
    cw[1].coltyp = JET_coltypLongText;
    cw[1].cp = 1200;
    static const WCHAR key[] = { '+', 'k', 0, 0 };

    JET_INDEXCREATE_W i1;
    memset(&i1, 0, sizeof i1);
    i1.cbStruct = sizeof i1;
    i1.szIndexName = (WCHAR *)W("pk");
    i1.szKey = (WCHAR *)key;
    i1.cbKey = sizeof key;
    i1.grbit = JET_bitIndexPrimary;
    JET_TABLECREATE2_W t2;
    memset(&t2, 0, sizeof t2);
    t2.cbStruct = sizeof t2;
    t2.szTableName = (WCHAR *)W("V2");
    t2.rgcolumncreate = cw;
    t2.cColumns = 2;
    t2.rgindexcreate = &i1;
    t2.cIndexes = 1;
    CU_ASSERT_EQUAL(JetCreateTableColumnIndex2W(e.ses, e.dbid, &t2), JET_errSuccess);
    CU_ASSERT_EQUAL(t2.cCreated, 4u);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t2.tableid), JET_errSuccess);
    t2.szTableName = (WCHAR *)W("V2cb");
    t2.szCallback = (WCHAR *)W("dll!fn");
    t2.cbtyp = JET_cbtypBeforeInsert;
    CU_ASSERT_EQUAL(JetCreateTableColumnIndex2W(e.ses, e.dbid, &t2), JET_errFeatureNotAvailable);

    JET_INDEXCREATE2_W i2;
    JET_SPACEHINTS sh;
    memset(&i2, 0, sizeof i2);
    memset(&sh, 0, sizeof sh);
    sh.cbStruct = sizeof sh;
    i2.cbStruct = sizeof i2;
    i2.szIndexName = (WCHAR *)W("pk");
    i2.szKey = (WCHAR *)key;
    i2.cbKey = sizeof key;
    i2.grbit = JET_bitIndexPrimary | JET_bitIndexKeyMost;
    i2.cbKeyMost = 500;
    JET_TABLECREATE3_W t3;
    memset(&t3, 0, sizeof t3);
    t3.cbStruct = sizeof t3;
    t3.szTableName = (WCHAR *)W("V3");
    t3.rgcolumncreate = cw;
    t3.cColumns = 2;
    t3.rgindexcreate = &i2;
    t3.cIndexes = 1;
    CU_ASSERT_EQUAL(JetCreateTableColumnIndex3W(e.ses, e.dbid, &t3), JET_errSuccess);
    uint16_t key_most = 0;
    CU_ASSERT_EQUAL(JetGetTableIndexInfoW(e.ses, t3.tableid, W("pk"), &key_most, sizeof key_most, JET_IdxInfoKeyMost),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(key_most, 500);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t3.tableid), JET_errSuccess);
    t3.szTableName = (WCHAR *)W("V3seq");
    t3.pSeqSpacehints = &sh;   /* with a primary index: refused */
    CU_ASSERT_EQUAL(JetCreateTableColumnIndex3W(e.ses, e.dbid, &t3), JET_errSpaceHintsInvalid);

    JET_UNICODEINDEX2 ui = { (WCHAR *)W("en-US"), 0 };
    JET_INDEXCREATE3_A i3;
    memset(&i3, 0, sizeof i3);
    i3.cbStruct = sizeof i3;
    i3.szIndexName = "pk";
    i3.szKey = "+k\0";
    i3.cbKey = 4;
    i3.grbit = JET_bitIndexPrimary;
    JET_COLUMNCREATE_A ca[1];
    memset(ca, 0, sizeof ca);
    ca[0].cbStruct = sizeof ca[0];
    ca[0].szColumnName = "k";
    ca[0].coltyp = JET_coltypText;
    ca[0].cp = 1200;
    JET_TABLECREATE4_A t4;
    memset(&t4, 0, sizeof t4);
    t4.cbStruct = sizeof t4;
    t4.szTableName = "V4";
    t4.rgcolumncreate = ca;
    t4.cColumns = 1;
    t4.rgindexcreate = &i3;
    t4.cIndexes = 1;
    i3.pidxunicode = &ui;   /* a locale without JET_bitIndexUnicode */
    CU_ASSERT_EQUAL(JetCreateTableColumnIndex4A(e.ses, e.dbid, &t4), JET_errInvalidParameter);
    i3.grbit |= JET_bitIndexUnicode;
    CU_ASSERT_EQUAL(JetCreateTableColumnIndex4A(e.ses, e.dbid, &t4), JET_errSuccess);
    WCHAR locale[32];
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t4.tableid, "pk", locale, sizeof locale, JET_IdxInfoLocaleName),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(locale[0], 'e');
    CU_ASSERT_EQUAL(locale[2], '-');
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t4.tableid), JET_errSuccess);
    stop(&e);
}

/* ---- JetCreateIndex* ---- */

static void test_create_index(void)
{
    env e;
    JET_TABLEID t;
    JET_COLUMNID id;
    CU_ASSERT_FATAL(start(&e, "ci"));
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "T", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "a", JET_coltypLong, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "b", JET_coltypText, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "mv", JET_coltypLong, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, &id),
                    JET_errSuccess);
    int32_t zero = 0;
    JET_COLUMNDEF d = coldef(JET_coltypLong, 0, JET_bitColumnEscrowUpdate, 0);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "esc", &d, &zero, sizeof zero, &id), JET_errSuccess);

    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "ia", 0, "+a\0", 4, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "IA", 0, "-b\0", 4, 0), JET_errIndexDuplicate);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "ib", JET_bitIndexUnique, "-b\0+a\0", 7, 90), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "id", 0, "+a\0", 4, 19), JET_errDensityInvalid);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "ie", 0, "+esc\0", 6, 0), JET_errCannotIndex);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "if", 0, "+zz\0", 5, 0), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "i.g", 0, "+a\0", 4, 0), JET_errInvalidName);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "ih", JET_bitIndexEmpty, "+a\0", 4, 0), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "imv", 0, "+mv\0", 5, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "pk", JET_bitIndexPrimary, "+mv\0", 5, 0), JET_errIndexInvalidDef);
    CU_ASSERT_EQUAL(JetCreateIndexW(e.ses, t, W("pk"), JET_bitIndexPrimary, W("+a\0"), 8, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "pk2", JET_bitIndexPrimary, "+b\0", 4, 0), JET_errIndexHasPrimary);
    /* 17 key columns. */
    char many[128];
    size_t n = 0;
    for (int i = 0; i < 17; i++) {
        memcpy(many + n, "+a", 3);
        n += 3;
    }
    many[n++] = 0;
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "many", 0, many, (uint32_t)n, 0), JET_errIndexInvalidDef);

    /* JetCreateIndex2..4: unicode, key size, conditional columns, err fields. */
    JET_INDEXCREATE_A ic[2];
    index_a(&ic[0], "u1", "+b\0", 4, JET_bitIndexUnicode);   /* JET_bitIndexUnicode without pidxunicode */
    CU_ASSERT_EQUAL(JetCreateIndex2A(e.ses, t, ic, 1), JET_errIndexInvalidDef);
    CU_ASSERT_EQUAL(ic[0].err, JET_errIndexInvalidDef);
    JET_UNICODEINDEX u = { 0x0409, 0 };
    ic[0].pidxunicode = &u;
    index_a(&ic[1], "u2", "+a\0", 4, JET_bitIndexKeyMost);
    ic[1].cbKeyMost = 254;
    CU_ASSERT_EQUAL(JetCreateIndex2A(e.ses, t, ic, 2), JET_errIndexInvalidDef);
    CU_ASSERT_EQUAL(ic[0].err, JET_errSuccess);   /* the first one stays */
    CU_ASSERT_EQUAL(ic[1].err, JET_errIndexInvalidDef);
    u.dwMapFlags = 0x40000000;
    index_a(&ic[0], "u3", "+b\0", 4, JET_bitIndexUnicode);
    ic[0].pidxunicode = &u;
    CU_ASSERT_EQUAL(JetCreateIndex2A(e.ses, t, ic, 1), JET_errInvalidLCMapStringFlags);

    JET_CONDITIONALCOLUMN_A cond = { sizeof cond, "b", JET_bitIndexColumnMustBeNonNull };
    JET_INDEXCREATE2_A i2;
    memset(&i2, 0, sizeof i2);
    i2.cbStruct = sizeof i2;
    i2.szIndexName = "sparse";
    i2.szKey = "+a\0";
    i2.cbKey = 4;
    i2.grbit = JET_bitIndexKeyMost;
    i2.cbKeyMost = 1000;
    i2.cbVarSegMac = 100;
    i2.rgconditionalcolumn = &cond;
    i2.cConditionalColumn = 1;
    CU_ASSERT_EQUAL(JetCreateIndex3A(e.ses, t, &i2, 1), JET_errSuccess);
    uint16_t u16 = 0;
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "sparse", &u16, sizeof u16, JET_IdxInfoVarSegMac),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(u16, 100);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "sparse", &u16, sizeof u16, JET_IdxInfoKeyMost), JET_errSuccess);
    CU_ASSERT_EQUAL(u16, 1000);
    cond.grbit = 0;
    i2.szIndexName = "sparse2";
    CU_ASSERT_EQUAL(JetCreateIndex3A(e.ses, t, &i2, 1), JET_errInvalidGrbit);
    cond.grbit = JET_bitIndexColumnMustBeNull;
    cond.szColumnName = "none";
    CU_ASSERT_EQUAL(JetCreateIndex3A(e.ses, t, &i2, 1), JET_errColumnNotFound);
    i2.cbVarSegMac = 2000;
    CU_ASSERT_EQUAL(JetCreateIndex3A(e.ses, t, &i2, 1), JET_errIndexInvalidDef);

    JET_UNICODEINDEX2 u2 = { (WCHAR *)W("de-DE"), 0 };
    JET_INDEXCREATE3_W i3;
    static const WCHAR kb[] = { '+', 'b', 0, 0 };
    memset(&i3, 0, sizeof i3);
    i3.cbStruct = sizeof i3;
    i3.szIndexName = (WCHAR *)W("de");
    i3.szKey = (WCHAR *)kb;
    i3.cbKey = sizeof kb;
    i3.grbit = JET_bitIndexUnicode;
    CU_ASSERT_EQUAL(JetCreateIndex4W(e.ses, t, &i3, 1), JET_errInvalidParameter);   /* bit without locale */
    i3.pidxunicode = &u2;
    CU_ASSERT_EQUAL(JetCreateIndex4W(e.ses, t, &i3, 1), JET_errSuccess);
    i3.cbStruct = sizeof i3 - 8;
    CU_ASSERT_EQUAL(JetCreateIndex4W(e.ses, t, &i3, 1), JET_errInvalidCreateIndex);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    stop(&e);
}

/* ---- index population ---- */

static JET_ERR insert_row(env *e, JET_TABLEID t, JET_COLUMNID ca, int32_t a, JET_COLUMNID cb, const char *b)
{
    JET_ERR err = JetPrepareUpdate(e->ses, t, JET_prepInsert);
    if (err == JET_errSuccess)
        err = JetSetColumn(e->ses, t, ca, &a, sizeof a, 0, NULL);
    if (err == JET_errSuccess && b != NULL)
        err = JetSetColumn(e->ses, t, cb, b, (uint32_t)strlen(b), 0, NULL);
    if (err == JET_errSuccess)
        err = JetUpdate(e->ses, t, NULL, 0, NULL);
    return err;
}

static void test_index_population(void)
{
    env e;
    JET_TABLEID t;
    JET_COLUMNID ca, cb;
    CU_ASSERT_FATAL(start(&e, "ip"));
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "T", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "a", JET_coltypLong, 0, 0, &ca), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "b", JET_coltypText, 0, 0, &cb), JET_errSuccess);
    JET_ERR err = insert_row(&e, t, ca, 3, cb, "three");
    if (err == JET_errFeatureNotAvailable) {
        printf("  (record updates not built: population skipped)\n");
        CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
        stop(&e);
        return;
    }
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    CU_ASSERT_EQUAL(insert_row(&e, t, ca, 1, cb, "one"), JET_errSuccess);
    CU_ASSERT_EQUAL(insert_row(&e, t, ca, 2, cb, "one"), JET_errSuccess);
    CU_ASSERT_EQUAL(insert_row(&e, t, ca, 4, cb, NULL), JET_errSuccess);
    /* A primary index needs an empty table; a unique index over equal values fails whole. */
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "pk", JET_bitIndexPrimary, "+a\0", 4, 0), JET_errTableNotEmpty);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "ub", JET_bitIndexUnique, "+b\0", 4, 0), JET_errKeyDuplicate);
    CU_ASSERT_EQUAL(JetSetCurrentIndexA(e.ses, t, "ub"), JET_errIndexNotFound);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "ia", 0, "-a\0", 4, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "ib", JET_bitIndexIgnoreNull, "+b\0", 4, 0), JET_errSuccess);
    /* ia holds the four records in descending order of a; ib skips the record whose b is NULL. */
    CU_ASSERT_EQUAL_FATAL(JetSetCurrentIndexA(e.ses, t, "ia"), JET_errSuccess);
    int32_t expect = 4, got = 0;
    uint32_t cb_actual;
    for (err = JetMove(e.ses, t, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(e.ses, t, JET_MoveNext, 0)) {
        CU_ASSERT_EQUAL(JetRetrieveColumn(e.ses, t, ca, &got, sizeof got, &cb_actual, 0, NULL), JET_errSuccess);
        CU_ASSERT_EQUAL(got, expect);
        expect--;
    }
    CU_ASSERT_EQUAL(expect, 0);
    CU_ASSERT_EQUAL_FATAL(JetSetCurrentIndexA(e.ses, t, "ib"), JET_errSuccess);
    int rows = 0;
    for (err = JetMove(e.ses, t, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(e.ses, t, JET_MoveNext, 0))
        rows++;
    CU_ASSERT_EQUAL(rows, 3);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    stop(&e);
}

/* ---- schema information ---- */

static void test_table_info(void)
{
    env e;
    JET_TABLEID t;
    CU_ASSERT_FATAL(start(&e, "ti"));
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "Info", 7, 60, &t), JET_errSuccess);
    JET_OBJECTINFO oi;
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, &oi, sizeof oi, JET_TblInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(oi.cbStruct, sizeof oi);
    CU_ASSERT_EQUAL(oi.objtyp, JET_objtypTable);
    CU_ASSERT(oi.grbit & JET_bitTableInfoBookmark);
    CU_ASSERT(oi.grbit & JET_bitTableInfoUpdatable);
    CU_ASSERT_EQUAL(oi.flags, 0u);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, &oi, sizeof oi - 1, JET_TblInfo), JET_errBufferTooSmall);
    char name[65];
    WCHAR wname[65];
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, name, sizeof name, JET_TblInfoName), JET_errSuccess);
    CU_ASSERT_STRING_EQUAL(name, "Info");
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, name, 4, JET_TblInfoName), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetTableInfoW(e.ses, t, wname, sizeof wname, JET_TblInfoName), JET_errSuccess);
    CU_ASSERT_EQUAL(wname[0], 'I');
    CU_ASSERT_EQUAL(wname[4], 0);
    CU_ASSERT_EQUAL(JetGetTableInfoW(e.ses, t, wname, 9, JET_TblInfoName), JET_errBufferTooSmall);
    JET_DBID dbid = 0;
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, &dbid, sizeof dbid, JET_TblInfoDbid), JET_errSuccess);
    CU_ASSERT_EQUAL(dbid, e.dbid);
    JET_DBID dbids[3] = { 0xFFFF, 0xFFFF, 0xFFFF };   /* two filled (the docs), the third untouched */
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, dbids, 2 * sizeof(JET_DBID), JET_TblInfoDbid), JET_errSuccess);
    CU_ASSERT_EQUAL(dbids[0], e.dbid);
    CU_ASSERT_EQUAL(dbids[1], e.dbid);
    CU_ASSERT_EQUAL(dbids[2], 0xFFFF);
    uint32_t alloc[2] = { 0, 0 };
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, alloc, sizeof alloc, JET_TblInfoSpaceAlloc), JET_errSuccess);
    CU_ASSERT_EQUAL(alloc[0], 7u);
    CU_ASSERT_EQUAL(alloc[1], 60u);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, alloc, 4, JET_TblInfoSpaceAlloc), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, name, sizeof name, JET_TblInfoTemplateTableName), JET_errSuccess);
    CU_ASSERT_STRING_EQUAL(name, "");
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, name, sizeof name, 999), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, NULL, sizeof name, JET_TblInfoName), JET_errInvalidParameter);

    CU_ASSERT_EQUAL(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, "Info", &oi, sizeof oi, JET_ObjInfo),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(oi.objtyp, JET_objtypTable);
    CU_ASSERT_EQUAL(JetGetObjectInfoW(e.ses, e.dbid, JET_objtypTable, NULL, W("info"), &oi, sizeof oi,
                                      JET_ObjInfoNoStats), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, "None", &oi, sizeof oi, JET_ObjInfo),
                    JET_errObjectNotFound);
    CU_ASSERT_EQUAL(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, "Info", &oi, 8, JET_ObjInfo),
                    JET_errBufferTooSmall);
    JET_OBJECTLIST ol;   /* the list levels: suite ddllist */
    CU_ASSERT_EQUAL(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol, JET_ObjInfoList),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, ol.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, "Info", &oi, sizeof oi,
                                      JET_ObjInfoListACM), JET_errInvalidParameter);
    /* The catalog describes itself: MSysObjects is a system table. */
    CU_ASSERT_EQUAL(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, "MSysObjects", &oi, sizeof oi,
                                      JET_ObjInfo), JET_errSuccess);
    CU_ASSERT(oi.flags & JET_bitObjectSystem);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    stop(&e);
}

static void test_column_info(void)
{
    env e;
    JET_TABLEID t;
    JET_COLUMNID id, idtxt;
    CU_ASSERT_FATAL(start(&e, "cinfo"));
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "C", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "num", JET_coltypLong, 0, JET_bitColumnNotNULL, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "txt", JET_coltypText, 40, 0, &idtxt), JET_errSuccess);
    JET_COLUMNDEF d;
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "num", &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(d.columnid, id);
    CU_ASSERT(d.grbit & JET_bitColumnNotNULL);
    CU_ASSERT(d.grbit & JET_bitColumnFixed);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoW(e.ses, t, W("TXT"), &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(d.columnid, idtxt);
    CU_ASSERT_EQUAL(d.cbMax, 40u);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, (const char *)&idtxt, &d, sizeof d, JET_ColInfoByColid),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(d.coltyp, JET_coltypText);
    JET_COLUMNID none = 999;
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, (const char *)&none, &d, sizeof d, JET_ColInfoByColid),
                    JET_errColumnNotFound);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "nope", &d, sizeof d, JET_ColInfo), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "num", &d, sizeof d - 1, JET_ColInfo), JET_errBufferTooSmall);
    JET_COLUMNBASE_A ba;
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "txt", &ba, sizeof ba, JET_ColInfoBase), JET_errSuccess);
    CU_ASSERT_EQUAL(ba.cbStruct, sizeof ba);
    CU_ASSERT_STRING_EQUAL(ba.szBaseTableName, "C");
    CU_ASSERT_STRING_EQUAL(ba.szBaseColumnName, "txt");
    JET_COLUMNBASE_W bw;
    CU_ASSERT_EQUAL(JetGetColumnInfoW(e.ses, e.dbid, W("C"), (JET_PCWSTR)&id, &bw, sizeof bw, JET_ColInfoBaseByColid),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(bw.szBaseColumnName[0], 'n');
    CU_ASSERT_EQUAL(JetGetColumnInfoA(e.ses, e.dbid, "C", "num", &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(d.columnid, id);
    CU_ASSERT_EQUAL(JetGetColumnInfoA(e.ses, e.dbid, "None", "num", &d, sizeof d, JET_ColInfo), JET_errObjectNotFound);
    JET_COLUMNLIST cl;   /* the list levels: suite ddllist */
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoList), JET_errSuccess);
    CU_ASSERT_EQUAL(cl.cRecord, 2u);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, cl.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetColumnInfoA(e.ses, e.dbid, "C", NULL, &cl, sizeof cl, JET_ColInfoListSortColumnid),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, cl.tableid), JET_errSuccess);
    /* The option bits are ignored by the single-column levels, as ESENT does. */
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "num", &d, sizeof d, JET_ColInfo | JET_ColInfoGrbitMinimalInfo),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(d.columnid, id);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "num", &d, sizeof d, JET_ColInfoSysTabCursor),
                    JET_errFeatureNotAvailable);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "num", &d, sizeof d, 99), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    stop(&e);
}

static void test_index_info(void)
{
    env e;
    JET_TABLEID t;
    JET_COLUMNID id;
    CU_ASSERT_FATAL(start(&e, "iinfo"));
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "I", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "a", JET_coltypLong, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "b", JET_coltypText, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "pk", JET_bitIndexPrimary, "+a\0", 4, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "ib", JET_bitIndexIgnoreNull, "-b\0+a\0", 7, 70), JET_errSuccess);
    uint32_t u32 = 0;
    uint16_t u16 = 0;
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, NULL, &u32, sizeof u32, JET_IdxInfoCount), JET_errSuccess);
    CU_ASSERT_EQUAL(u32, 2u);
    CU_ASSERT_EQUAL(JetGetIndexInfoA(e.ses, e.dbid, "I", NULL, &u32, 2, JET_IdxInfoCount), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "ib", &u32, sizeof u32, JET_IdxInfoSpaceAlloc), JET_errSuccess);
    CU_ASSERT_EQUAL(u32, 70u);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "ib", &u16, sizeof u16, JET_IdxInfoKeyMost), JET_errSuccess);
    CU_ASSERT_EQUAL(u16, 255);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "ib", &u16, 1, JET_IdxInfoKeyMost), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "ib", &u32, sizeof u32, JET_IdxInfoLCID), JET_errSuccess);
    CU_ASSERT_EQUAL(u32, 0x0409u);
    JET_INDEXID iid;
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "ib", &iid, sizeof iid, JET_IdxInfoIndexId), JET_errSuccess);
    CU_ASSERT_EQUAL(iid.cbStruct, sizeof iid);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "ib", &iid, sizeof iid - 1, JET_IdxInfoIndexId),
                    JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "nope", &u16, sizeof u16, JET_IdxInfoKeyMost),
                    JET_errIndexNotFound);
    JET_INDEXLIST il;   /* the list levels: suite ddllist */
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, NULL, &il, sizeof il, JET_IdxInfoList), JET_errSuccess);
    CU_ASSERT_EQUAL(il.cRecord, 3u);   /* one row per key segment: pk 1, ib 2 */
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, il.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetIndexInfoW(e.ses, e.dbid, W("I"), NULL, &il, sizeof il, JET_IdxInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, il.tableid), JET_errSuccess);

    /* JET_IdxInfoCreateIndex*: the definition back, strings in the same buffer. */
    union { JET_INDEXCREATE_A a; uint8_t b[1024]; } buf;
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "ib", &buf, sizeof buf, JET_IdxInfoCreateIndex), JET_errSuccess);
    CU_ASSERT_EQUAL(buf.a.cbStruct, sizeof(JET_INDEXCREATE_A));
    CU_ASSERT_STRING_EQUAL(buf.a.szIndexName, "ib");
    CU_ASSERT_EQUAL(buf.a.cbKey, 7u);
    CU_ASSERT_EQUAL(memcmp(buf.a.szKey, "-b\0+a\0", 7), 0);
    CU_ASSERT_EQUAL(buf.a.grbit & JET_bitIndexIgnoreNull, JET_bitIndexIgnoreNull);
    CU_ASSERT_EQUAL(buf.a.ulDensity, 70u);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "ib", &buf, sizeof(JET_INDEXCREATE_A) + 4,
                                          JET_IdxInfoCreateIndex), JET_errBufferTooSmall);
    union { JET_INDEXCREATE3_W w; uint8_t b[2048]; } buf3;
    CU_ASSERT_EQUAL(JetGetTableIndexInfoW(e.ses, t, W("pk"), &buf3, sizeof buf3, JET_IdxInfoCreateIndex3),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(buf3.w.cbStruct, sizeof(JET_INDEXCREATE3_W));
    CU_ASSERT_EQUAL(buf3.w.grbit & JET_bitIndexPrimary, JET_bitIndexPrimary);
    CU_ASSERT_EQUAL(buf3.w.cbKey, 8u);
    CU_ASSERT_EQUAL(buf3.w.szKey[1], 'a');
    CU_ASSERT_PTR_NOT_NULL(buf3.w.pSpacehints);
    /* The definition creates an equal index under another name. */
    buf3.w.szIndexName = (WCHAR *)W("pk_copy");
    buf3.w.grbit &= ~(JET_GRBIT)JET_bitIndexPrimary;
    CU_ASSERT_EQUAL(JetCreateIndex4W(e.ses, t, &buf3.w, 1), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    stop(&e);
}

/* ---- JetGetTableInfo: the space levels ---- */

#define SPACE_NONE 0xA5A5A5A5u   /* what a buffer holds where nothing may be written */
#define SPACE_CPAIRS 64u         /* extent pairs room in check_space's usage buffer */

/* A one-ULONG space level (JET_TblInfoSpaceOwned / JET_TblInfoSpaceAvailable); SPACE_NONE on failure. */
static uint32_t space_u32(env *e, JET_TABLEID t, uint32_t level)
{
    uint32_t v = SPACE_NONE;
    JET_ERR err = JetGetTableInfoA(e->ses, t, &v, sizeof v, level);
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    return err == JET_errSuccess ? v : SPACE_NONE;
}

typedef struct space {
    uint32_t owned, avail;   /* JET_TblInfoSpaceOwned / JET_TblInfoSpaceAvailable */
    uint32_t u[2 + 2 * SPACE_CPAIRS];   /* JET_TblInfoSpaceUsage with room for SPACE_CPAIRS extents */
    uint32_t cext;           /* extents listed before the (0, 0) pair */
} space;

/* Reads the three levels and checks that they agree: the usage array's owned count is SpaceOwned, its free
 * count (the table's own) at most SpaceAvailable (which adds its indexes' and LV tree's) and equal to it when
 * `alone` (no secondary index, no LV tree); the extent list is ascending, disjoint, ends with a (0, 0) pair
 * and adds up to the owned count; nothing is free that is not owned. */
static void check_space(env *e, JET_TABLEID t, int alone, space *sp)
{
    memset(sp, 0, sizeof *sp);
    memset(sp->u, 0xA5, sizeof sp->u);
    sp->owned = space_u32(e, t, JET_TblInfoSpaceOwned);
    sp->avail = space_u32(e, t, JET_TblInfoSpaceAvailable);
    CU_ASSERT_EQUAL_FATAL(JetGetTableInfoA(e->ses, t, sp->u, sizeof sp->u, JET_TblInfoSpaceUsage), JET_errSuccess);
    CU_ASSERT(sp->owned >= 1 && sp->owned != SPACE_NONE);
    CU_ASSERT(sp->avail < sp->owned);   /* the table's root page is always in use */
    CU_ASSERT_EQUAL(sp->u[0], sp->owned);
    CU_ASSERT(sp->u[1] <= sp->avail);
    if (alone)
        CU_ASSERT_EQUAL(sp->u[1], sp->avail);
    uint64_t sum = 0;
    uint32_t next = 1;   /* the lowest page the next extent may start at */
    uint32_t n;
    for (n = 0; n < SPACE_CPAIRS && sp->u[2 + 2 * n] != 0; n++) {
        const uint32_t last = sp->u[2 + 2 * n], cpg = sp->u[3 + 2 * n];
        CU_ASSERT(cpg >= 1 && cpg <= last);
        CU_ASSERT(cpg > last || last - cpg + 1 >= next);   /* after the previous extent */
        next = last + 1;
        sum += cpg;
    }
    sp->cext = n;
    CU_ASSERT(n >= 1);
    CU_ASSERT_FATAL(n < SPACE_CPAIRS);
    CU_ASSERT_EQUAL(sp->u[3 + 2 * n], 0u);   /* the whole terminating pair is zero */
    CU_ASSERT_EQUAL(sum, sp->owned);
}

static void test_table_space(void)
{
    env e;
    JET_TABLEID t, t2;
    JET_COLUMNID ca, cb;
    space sp;
    CU_ASSERT_FATAL(start(&e, "tspace"));
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "Sp", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "a", JET_coltypLong, 0, 0, &ca), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "b", JET_coltypText, 0, 0, &cb), JET_errSuccess);
    check_space(&e, t, 1, &sp);
    CU_ASSERT(sp.owned <= 1000u);   /* a fresh table owns a few pages, not the database */
    uint32_t w = SPACE_NONE;
    CU_ASSERT_EQUAL(JetGetTableInfoW(e.ses, t, &w, sizeof w, JET_TblInfoSpaceOwned), JET_errSuccess);
    CU_ASSERT_EQUAL(w, sp.owned);
    /* A larger buffer is fine for the one-ULONG levels; only the first ULONG is written. */
    uint32_t two[2] = { SPACE_NONE, SPACE_NONE };
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, two, sizeof two, JET_TblInfoSpaceAvailable), JET_errSuccess);
    CU_ASSERT_EQUAL(two[0], sp.avail);
    CU_ASSERT_EQUAL(two[1], SPACE_NONE);
    /* The table owns part of the database. */
    uint32_t db_owned = 0;
    CU_ASSERT_EQUAL(JetGetDatabaseInfoA(e.ses, e.dbid, &db_owned, sizeof db_owned, JET_DbInfoSpaceOwned),
                    JET_errSuccess);
    CU_ASSERT(sp.owned < db_owned);

    /* SpaceUsage by buffer size: 8 bytes give the two counts; the list takes whole 8-byte pairs only. */
    uint32_t u[6];
    memset(u, 0xA5, sizeof u);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, 8, JET_TblInfoSpaceUsage), JET_errSuccess);
    CU_ASSERT(u[0] == sp.u[0] && u[1] == sp.u[1]);
    CU_ASSERT_EQUAL(u[2], SPACE_NONE);
    memset(u, 0xA5, sizeof u);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, 12, JET_TblInfoSpaceUsage), JET_errSuccess);
    CU_ASSERT(u[0] == sp.u[0] && u[1] == sp.u[1]);
    CU_ASSERT_EQUAL(u[2], SPACE_NONE);
    memset(u, 0xA5, sizeof u);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, 16, JET_TblInfoSpaceUsage), JET_errSuccess);
    CU_ASSERT(u[2] == sp.u[2] && u[3] == sp.u[3]);   /* the first extent */
    CU_ASSERT_EQUAL(u[4], SPACE_NONE);
    /* Room for more extents than there are: the pair after the last one is (0, 0). */
    memset(u, 0xA5, sizeof u);
    if (sp.cext == 1) {
        CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, 24, JET_TblInfoSpaceUsage), JET_errSuccess);
        CU_ASSERT(u[4] == 0 && u[5] == 0);
    }

    /* Short buffers: JET_errBufferTooSmall, nothing written. */
    memset(u, 0xA5, sizeof u);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, 3, JET_TblInfoSpaceOwned), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, 0, JET_TblInfoSpaceOwned), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetTableInfoW(e.ses, t, u, 3, JET_TblInfoSpaceAvailable), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, 7, JET_TblInfoSpaceUsage), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, 4, JET_TblInfoSpaceUsage), JET_errBufferTooSmall);
    CU_ASSERT(u[0] == SPACE_NONE && u[1] == SPACE_NONE);
    /* No buffer, no table. */
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, NULL, 4, JET_TblInfoSpaceOwned), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, NULL, 4, JET_TblInfoSpaceAvailable), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, NULL, 8, JET_TblInfoSpaceUsage), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, JET_tableidNil, u, 4, JET_TblInfoSpaceOwned), JET_errInvalidTableId);
    CU_ASSERT_EQUAL(JetOpenTableA(e.ses, e.dbid, "Sp", NULL, 0, 0, &t2), JET_errSuccess);
    CU_ASSERT_EQUAL(space_u32(&e, t2, JET_TblInfoSpaceOwned), sp.owned);   /* any cursor on the table */
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t2), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t2, u, 4, JET_TblInfoSpaceAvailable), JET_errInvalidTableId);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t2, u, 8, JET_TblInfoSpaceUsage), JET_errInvalidTableId);

    /* The deprecated levels, as documented: JET_errFeatureNotAvailable, JET_errQueryNotSupported for Rvt;
     * MostMany is the table's name. */
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, sizeof u, JET_TblInfoOLC), JET_errFeatureNotAvailable);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, sizeof u, JET_TblInfoResetOLC), JET_errFeatureNotAvailable);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, NULL, 0, JET_TblInfoResetOLC), JET_errFeatureNotAvailable);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, sizeof u, JET_TblInfoDumpTable), JET_errFeatureNotAvailable);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, u, sizeof u, JET_TblInfoRvt), JET_errQueryNotSupported);
    char name[JET_cbNameMost + 1];
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, t, name, sizeof name, JET_TblInfoMostMany), JET_errSuccess);
    CU_ASSERT_STRING_EQUAL(name, "Sp");
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    stop(&e);
}

/* How the counts move: rows make the table own more; a secondary index and a long-value tree take their
 * pages from the table's; deleting rows or an index never gives pages back to the database. */
static void test_table_space_growth(void)
{
    env e;
    JET_TABLEID t;
    JET_COLUMNID ca, cb, cblob;
    space s0, s1, s2, s3, s4;
    char text[201];
    memset(text, 'x', 200);
    text[200] = 0;
    CU_ASSERT_FATAL(start(&e, "tspaceg"));
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "G", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "a", JET_coltypLong, 0, 0, &ca), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "b", JET_coltypText, 0, 0, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "blob", JET_coltypLongBinary, 0, 0, &cblob), JET_errSuccess);
    check_space(&e, t, 1, &s0);

    /* Rows until the table owns more (200-byte rows: a few hundred fill pages). */
    int32_t rows = 0;
    JET_ERR err = JET_errSuccess;
    while (err == JET_errSuccess && rows < 20000 && space_u32(&e, t, JET_TblInfoSpaceOwned) == s0.owned) {
        for (int i = 0; i < 50 && err == JET_errSuccess; i++, rows++) {
            text[0] = (char)('a' + rows % 26);
            err = insert_row(&e, t, ca, rows, cb, text);
        }
    }
    CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
    check_space(&e, t, 1, &s1);
    CU_ASSERT(s1.owned > s0.owned);
    /* A few hundred more rows. */
    for (int i = 0; i < 400 && err == JET_errSuccess; i++, rows++) {
        text[0] = (char)('a' + rows % 26);
        err = insert_row(&e, t, ca, rows, cb, text);
    }
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    check_space(&e, t, 1, &s1);

    /* A secondary index: its pages come out of the table's (the table's own free pages shrink, or it grows);
     * the index's free pages count in SpaceAvailable only. */
    CU_ASSERT_EQUAL_FATAL(JetCreateIndexA(e.ses, t, "ib", 0, "+b\0+a\0", 7, 0), JET_errSuccess);
    check_space(&e, t, 0, &s2);
    CU_ASSERT(s2.owned >= s1.owned);
    CU_ASSERT(s2.u[1] < s1.u[1] || s2.owned > s1.owned);
    CU_ASSERT(s2.avail > s2.u[1]);   /* the index, grown by whole extents, has free pages of its own */

    /* Deleting every row: the table keeps what it owns; pages that empty become free. */
    int deleted = 0;
    for (err = JetMove(e.ses, t, JET_MoveFirst, 0); err == JET_errSuccess; err = JetMove(e.ses, t, JET_MoveNext, 0)) {
        CU_ASSERT_EQUAL_FATAL(JetDelete(e.ses, t), JET_errSuccess);
        deleted++;
    }
    CU_ASSERT_EQUAL(err, JET_errNoCurrentRecord);
    CU_ASSERT_EQUAL(deleted, rows);
    check_space(&e, t, 0, &s3);
    CU_ASSERT_EQUAL(s3.owned, s2.owned);
    CU_ASSERT(s3.avail > s2.avail);

    /* Deleting the index gives its pages back to the table, not to the database. */
    CU_ASSERT_EQUAL_FATAL(JetDeleteIndexA(e.ses, t, "ib"), JET_errSuccess);
    check_space(&e, t, 1, &s4);
    CU_ASSERT_EQUAL(s4.owned, s3.owned);
    CU_ASSERT(s4.u[1] > s3.u[1]);
    CU_ASSERT(s4.avail > s3.avail);   /* the index's root (at least) was in use */

    /* A long value makes the long-value tree, whose pages also come from the table's. */
    static uint8_t big[64 * 1024];
    memset(big, 0x5A, sizeof big);
    int32_t one = 1;
    CU_ASSERT_EQUAL(JetPrepareUpdate(e.ses, t, JET_prepInsert), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetColumn(e.ses, t, ca, &one, sizeof one, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetColumn(e.ses, t, cblob, big, sizeof big, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(JetUpdate(e.ses, t, NULL, 0, NULL), JET_errSuccess);
    check_space(&e, t, 0, &s1);
    CU_ASSERT(s1.owned >= s4.owned);
    CU_ASSERT(s1.owned - s1.avail >= s4.owned - s4.avail + (uint32_t)(sizeof big / 8192));   /* in use: 64 KiB more */
    CU_ASSERT(s1.avail > s1.u[1]);   /* the long-value tree has free pages of its own */
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    stop(&e);
}

/* A temporary table answers as a table does (it is one, in the temporary database). */
static void test_table_space_temp(void)
{
    env e;
    space sp;
    CU_ASSERT_FATAL(start(&e, "tspacet"));
    JET_COLUMNDEF td[2] = { coldef(JET_coltypLong, 0, JET_bitColumnTTKey, 0), coldef(JET_coltypText, 0, 0, 1252) };
    JET_COLUMNID tids[2];
    JET_TABLEID tt;
    CU_ASSERT_EQUAL_FATAL(JetOpenTempTable(e.ses, td, 2, JET_bitTTIndexed | JET_bitTTUnique, &tt, tids),
                          JET_errSuccess);
    check_space(&e, tt, 1, &sp);
    uint32_t u[2];
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, tt, u, 7, JET_TblInfoSpaceUsage), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, tt), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetTableInfoA(e.ses, tt, u, 4, JET_TblInfoSpaceOwned), JET_errInvalidTableId);
    stop(&e);
}

/* ---- delete / rename / default ---- */

static void test_delete_rename(void)
{
    env e;
    JET_TABLEID t, t2;
    JET_COLUMNID ca, cb, cc;
    CU_ASSERT_FATAL(start(&e, "dr"));
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "T", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "a", JET_coltypLong, 0, 0, &ca), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "b", JET_coltypText, 0, 0, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "c", JET_coltypShort, 0, 0, &cc), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "pk", JET_bitIndexPrimary, "+a\0", 4, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "ib", 0, "+b\0", 4, 0), JET_errSuccess);

    CU_ASSERT_EQUAL(JetDeleteIndexA(e.ses, t, "pk"), JET_errIndexMustStay);
    CU_ASSERT_EQUAL(JetDeleteIndexA(e.ses, t, "nope"), JET_errIndexNotFound);
    CU_ASSERT_EQUAL(JetDeleteColumnA(e.ses, t, "b"), JET_errColumnInUse);
    CU_ASSERT_EQUAL(JetDeleteIndexW(e.ses, t, W("IB")), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDeleteColumnA(e.ses, t, "b"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDeleteColumnA(e.ses, t, "b"), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(JetDeleteColumn2A(e.ses, t, "c", 0x100), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetDeleteColumn2W(e.ses, t, W("c"), JET_bitDeleteColumnIgnoreTemplateColumns), JET_errSuccess);
    JET_COLUMNDEF d;
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, (const char *)&cb, &d, sizeof d, JET_ColInfoByColid),
                    JET_errColumnNotFound);
    /* Deleted fids are not reused; the name is free again. */
    JET_COLUMNID nb;
    CU_ASSERT_EQUAL(add(&e, t, "b", JET_coltypText, 0, 0, &nb), JET_errSuccess);
    CU_ASSERT_EQUAL(nb, cb + 1);
    CU_ASSERT_EQUAL(add(&e, t, "c", JET_coltypShort, 0, 0, &nb), JET_errSuccess);
    CU_ASSERT_EQUAL(nb, cc + 1);

    CU_ASSERT_EQUAL(JetRenameColumnA(e.ses, t, "b", "bee", 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "bee", &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(JetRenameColumnA(e.ses, t, "b", "x", 0), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(JetRenameColumnA(e.ses, t, "bee", "a", 0), JET_errColumnDuplicate);
    CU_ASSERT_EQUAL(JetRenameColumnA(e.ses, t, "bee", "b!", 0), JET_errInvalidName);
    CU_ASSERT_EQUAL(JetRenameColumnA(e.ses, t, "bee", "bb", 1), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetRenameColumnW(e.ses, t, W("bee"), W("BEE"), 0), JET_errSuccess);

    /* Default values. */
    int16_t sv = 7;
    CU_ASSERT_EQUAL(JetSetColumnDefaultValueA(e.ses, e.dbid, "T", "c", &sv, sizeof sv, 0), JET_errTableInUse);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetColumnDefaultValueA(e.ses, e.dbid, "T", "c", &sv, sizeof sv, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetColumnDefaultValueA(e.ses, e.dbid, "T", "c", NULL, 0, 0), JET_errNullInvalid);
    CU_ASSERT_EQUAL(JetSetColumnDefaultValueA(e.ses, e.dbid, "T", "a", &sv, sizeof sv, 0), JET_errColumnInUse);
    CU_ASSERT_EQUAL(JetSetColumnDefaultValueA(e.ses, e.dbid, "T", "zz", &sv, sizeof sv, 0), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(JetSetColumnDefaultValueA(e.ses, e.dbid, "Q", "c", &sv, sizeof sv, 0), JET_errObjectNotFound);
    CU_ASSERT_EQUAL(JetSetColumnDefaultValueA(e.ses, e.dbid, "T", "c", &sv, 1, 0), JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(JetSetColumnDefaultValueW(e.ses, e.dbid, W("T"), W("BEE"), "hi", 2, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, JET_tableidNil, "c", &d, sizeof d, JET_ColInfo),
                    JET_errInvalidTableId);

    /* Tables. */
    CU_ASSERT_EQUAL_FATAL(JetOpenTableA(e.ses, e.dbid, "T", NULL, 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetRenameTableA(e.ses, e.dbid, "T", "T2"), JET_errTableInUse);
    CU_ASSERT_EQUAL(JetDeleteTableA(e.ses, e.dbid, "T"), JET_errTableInUse);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "Other", 0, 0, &t2), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t2), JET_errSuccess);
    CU_ASSERT_EQUAL(JetRenameTableA(e.ses, e.dbid, "T", "other"), JET_errTableDuplicate);
    CU_ASSERT_EQUAL(JetRenameTableA(e.ses, e.dbid, "Nope", "N2"), JET_errObjectNotFound);
    CU_ASSERT_EQUAL(JetRenameTableA(e.ses, e.dbid, "T", "x.y"), JET_errInvalidName);
    CU_ASSERT_EQUAL(JetRenameTableW(e.ses, e.dbid, W("T"), W("Renamed")), JET_errSuccess);
    CU_ASSERT(!table_exists(&e, "T"));
    CU_ASSERT(table_exists(&e, "Renamed"));
    CU_ASSERT_EQUAL(JetGetColumnInfoA(e.ses, e.dbid, "Renamed", "BEE", &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(JetRenameTableA(e.ses, e.dbid, "MSysObjects", "Mine"), JET_errCannotDeleteSystemTable);
    CU_ASSERT_EQUAL(JetDeleteTableA(e.ses, e.dbid, "MSysObjects"), JET_errCannotDeleteSystemTable);
    CU_ASSERT_EQUAL(JetDeleteTableW(e.ses, e.dbid, W("renamed")), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDeleteTableA(e.ses, e.dbid, "Renamed"), JET_errObjectNotFound);
    CU_ASSERT_EQUAL(JetDeleteTableA(e.ses, e.dbid, ""), JET_errInvalidName);
    CU_ASSERT(!table_exists(&e, "Renamed"));
    CU_ASSERT_EQUAL(JetOpenTableA(e.ses, e.dbid, "Renamed", NULL, 0, 0, &t), JET_errObjectNotFound);
    /* Its name can be used again. */
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, "Renamed", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    stop(&e);
}

/* ---- transactions ---- */

static void test_rollback(void)
{
    env e;
    JET_TABLEID t;
    JET_COLUMNID id;
    CU_ASSERT_FATAL(start(&e, "rb"));
    JET_ERR err = JetBeginTransaction(e.ses);
    if (err == JET_errFeatureNotAvailable) {
        printf("  (JetBeginTransaction not built: skipped)\n");
        stop(&e);
        return;
    }
    CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, "Gone", 0, 0, &t), JET_errSuccess);
    CU_ASSERT(table_exists(&e, "Gone"));
    CU_ASSERT_EQUAL(JetRollback(e.ses, 0), JET_errSuccess);
    CU_ASSERT(!table_exists(&e, "Gone"));
    err = JetCloseTable(e.ses, t);   /* the cursor of a rolled-back table: closed, or already gone */
    CU_ASSERT(err == JET_errSuccess || err == JET_errInvalidTableId);

    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "Kept", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "a", JET_coltypLong, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginTransaction(e.ses), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "b", JET_coltypLong, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "ia", 0, "+a\0", 4, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetRenameColumnA(e.ses, t, "a", "aa", 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetRollback(e.ses, 0), JET_errSuccess);
    JET_COLUMNDEF d;
    uint32_t count = 9;
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "b", &d, sizeof d, JET_ColInfo), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "a", &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, NULL, &count, sizeof count, JET_IdxInfoCount), JET_errSuccess);
    CU_ASSERT_EQUAL(count, 0u);
    /* A committed level keeps its DDL. */
    CU_ASSERT_EQUAL(JetBeginTransaction(e.ses), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "c", JET_coltypLong, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCommitTransaction(e.ses, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "c", &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    /* JetDeleteTable rolled back: the table and its columns are back. */
    CU_ASSERT_EQUAL(JetBeginTransaction(e.ses), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDeleteTableA(e.ses, e.dbid, "Kept"), JET_errSuccess);
    CU_ASSERT(!table_exists(&e, "Kept"));
    CU_ASSERT_EQUAL(JetRollback(e.ses, 0), JET_errSuccess);
    CU_ASSERT(table_exists(&e, "Kept"));
    CU_ASSERT_EQUAL(JetGetColumnInfoA(e.ses, e.dbid, "Kept", "c", &d, sizeof d, JET_ColInfo), JET_errSuccess);
    stop(&e);
}

/* ---- persistence and read-only databases ---- */

static void test_persist(void)
{
    env e;
    JET_TABLEID t;
    JET_COLUMNID id;
    CU_ASSERT_FATAL(start(&e, "pe"));
    JET_COLUMNCREATE_A cc[5];
    JET_INDEXCREATE_A ic[2];
    JET_TABLECREATE_A tc;
    fill_columns(cc, 5);
    index_a(&ic[0], "primary", "+id\0", 5, JET_bitIndexPrimary);
    index_a(&ic[1], "byname", "+name\0-when\0", 13, JET_bitIndexUnique);
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = "Saved";
    tc.rgcolumncreate = cc;
    tc.cColumns = 5;
    tc.rgindexcreate = ic;
    tc.cIndexes = 2;
    CU_ASSERT_EQUAL_FATAL(JetCreateTableColumnIndexA(e.ses, e.dbid, &tc), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, tc.tableid, "extra", JET_coltypIEEEDouble, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, tc.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseDatabase(e.ses, e.dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(e.ses, "pe.edb"), JET_errSuccess);

    CU_ASSERT_EQUAL_FATAL(JetAttachDatabaseA(e.ses, "pe.edb", 0), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetOpenDatabaseA(e.ses, "pe.edb", NULL, &e.dbid, 0), JET_errSuccess);
    JET_COLUMNDEF d;
    CU_ASSERT_EQUAL(JetGetColumnInfoA(e.ses, e.dbid, "Saved", "extra", &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(d.columnid, id);
    CU_ASSERT_EQUAL(d.coltyp, JET_coltypIEEEDouble);
    CU_ASSERT_EQUAL(JetGetColumnInfoA(e.ses, e.dbid, "Saved", "name", &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(d.cp, 1200);
    uint32_t count = 0;
    CU_ASSERT_EQUAL(JetGetIndexInfoA(e.ses, e.dbid, "Saved", NULL, &count, sizeof count, JET_IdxInfoCount),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(count, 2u);
    CU_ASSERT_EQUAL(JetCloseDatabase(e.ses, e.dbid, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDetachDatabaseA(e.ses, "pe.edb"), JET_errSuccess);

    /* Read-only: every DDL call is JET_errPermissionDenied; information still answers. */
    CU_ASSERT_EQUAL_FATAL(JetAttachDatabaseA(e.ses, "pe.edb", JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetOpenDatabaseA(e.ses, "pe.edb", NULL, &e.dbid, JET_bitDbReadOnly), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateTableA(e.ses, e.dbid, "New", 0, 0, &t), JET_errPermissionDenied);
    CU_ASSERT_EQUAL(JetDeleteTableA(e.ses, e.dbid, "Saved"), JET_errPermissionDenied);
    CU_ASSERT_EQUAL(JetRenameTableA(e.ses, e.dbid, "Saved", "S2"), JET_errPermissionDenied);
    CU_ASSERT_EQUAL_FATAL(JetOpenTableA(e.ses, e.dbid, "Saved", NULL, 0, JET_bitTableReadOnly, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "more", JET_coltypLong, 0, 0, &id), JET_errPermissionDenied);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "ix", 0, "+extra\0", 8, 0), JET_errPermissionDenied);
    CU_ASSERT_EQUAL(JetDeleteColumnA(e.ses, t, "extra"), JET_errPermissionDenied);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "extra", &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    stop(&e);
}

/* ---- the list levels: temporary tables walked with JetMove / JetRetrieveColumn ---- */

/* A fixed-size value of the current row: exactly cb bytes (ManagedEsent's readers insist on it). */
static uint32_t ret_fixed(env *e, JET_TABLEID t, JET_COLUMNID c, uint32_t cb)
{
    uint8_t buf[8];
    uint32_t got = 0, v = 0;
    memset(buf, 0, sizeof buf);
    CU_ASSERT_EQUAL(JetRetrieveColumn(e->ses, t, c, buf, sizeof buf, &got, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(got, cb);
    if (cb == 2) {
        uint16_t u;
        memcpy(&u, buf, 2);
        v = u;
    } else {
        memcpy(&v, buf, 4);
    }
    return v;
}

static uint32_t ret_long(env *e, JET_TABLEID t, JET_COLUMNID c)
{
    return ret_fixed(e, t, c, 4);
}

static uint32_t ret_short(env *e, JET_TABLEID t, JET_COLUMNID c)
{
    return ret_fixed(e, t, c, 2);
}

static int ret_is_null(env *e, JET_TABLEID t, JET_COLUMNID c)
{
    uint8_t buf[8];
    uint32_t got = 99;
    return JetRetrieveColumn(e->ses, t, c, buf, sizeof buf, &got, 0, NULL) == JET_wrnColumnNull && got == 0;
}

/* A Text value of an A list: bytes, no terminator in the value; returned NUL-terminated. */
static void ret_text_a(env *e, JET_TABLEID t, JET_COLUMNID c, char *out, size_t cb)
{
    uint32_t got = 0;
    out[0] = 0;
    CU_ASSERT_EQUAL(JetRetrieveColumn(e->ses, t, c, out, (uint32_t)cb - 1, &got, 0, NULL), JET_errSuccess);
    CU_ASSERT(got > 0 && got < cb);
    out[got < cb ? got : cb - 1] = 0;
    CU_ASSERT_EQUAL(strlen(out), got);
}

/* A Text value of a W list: UTF-16, no terminator; returned terminated, *pcch its length. */
static void ret_text_w(env *e, JET_TABLEID t, JET_COLUMNID c, WCHAR *out, size_t cch, size_t *pcch)
{
    uint32_t got = 0;
    out[0] = 0;
    CU_ASSERT_EQUAL(JetRetrieveColumn(e->ses, t, c, out, (uint32_t)((cch - 1) * sizeof(WCHAR)), &got, 0, NULL),
                    JET_errSuccess);
    CU_ASSERT(got % 2 == 0 && got > 0 && got / 2 < cch);
    size_t n = got / 2 < cch ? got / 2 : cch - 1;
    out[n] = 0;
    *pcch = n;
}

/* UTF-16 (WCHAR) equals ASCII. */
static int w_is(const WCHAR *w, const char *a)
{
    size_t i = 0;
    for (; a[i] != 0; i++)
        if (w[i] != (WCHAR)(unsigned char)a[i])
            return 0;
    return w[i] == 0;
}

static void w_to_ascii(const WCHAR *w, char *out, size_t cb)
{
    size_t i = 0;
    for (; w[i] != 0 && i + 1 < cb; i++)
        out[i] = w[i] < 0x80 ? (char)w[i] : '?';
    out[i] = 0;
}

static int ascii_icmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = (*a >= 'a' && *a <= 'z') ? *a - 32 : *a, y = (*b >= 'a' && *b <= 'z') ? *b - 32 : *b;
        if (x != y || x == 0)
            return x - y;
    }
}

/* The table the column-list tests describe: fixed 1..3 (4 deleted), variable 128..129, tagged 256..257. */
static const struct {
    const char *name;
    JET_COLUMNID id;
} k_listcols[] = {   /* in name order (case-insensitive) */
    { "ai", 2 }, { "alpha", 128 }, { "Beta", 129 }, { "blob", 256 }, { "dt", 3 }, { "id", 1 }, { "mv", 257 },
};
#define N_LISTCOLS (sizeof k_listcols / sizeof k_listcols[0])

static void make_list_table(env *e, JET_TABLEID *pt)
{
    JET_COLUMNID id;
    double when = 1.5;
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e->ses, e->dbid, "L", 0, 0, pt), JET_errSuccess);
    JET_COLUMNDEF d = coldef(JET_coltypLong, 0, JET_bitColumnNotNULL, 0);
    CU_ASSERT_EQUAL(JetAddColumnA(e->ses, *pt, "id", &d, NULL, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 1u);
    /* Auto-increment needs the table held exclusively: the creating cursor has it. */
    CU_ASSERT_EQUAL(add(e, *pt, "ai", JET_coltypLong, 0, JET_bitColumnAutoincrement, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 2u);
    d = coldef(JET_coltypDateTime, 0, 0, 0);
    CU_ASSERT_EQUAL(JetAddColumnA(e->ses, *pt, "dt", &d, &when, sizeof when, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 3u);
    CU_ASSERT_EQUAL(add(e, *pt, "gone", JET_coltypShort, 0, 0, &id), JET_errSuccess);
    d = coldef(JET_coltypText, 40, 0, 1252);
    CU_ASSERT_EQUAL(JetAddColumnA(e->ses, *pt, "alpha", &d, "hi", 2, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 128u);
    d = coldef(JET_coltypText, 0, 0, 1200);
    CU_ASSERT_EQUAL(JetAddColumnA(e->ses, *pt, "Beta", &d, NULL, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(add(e, *pt, "blob", JET_coltypLongBinary, 0, 0, &id), JET_errSuccess);
    CU_ASSERT_EQUAL(add(e, *pt, "mv", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, &id),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(id, 257u);
    CU_ASSERT_EQUAL(JetDeleteColumnA(e->ses, *pt, "gone"), JET_errSuccess);
}

/* Checks the current row of a (non-minimal) column list against JET_ColInfo for the same column. */
static void check_column_row(env *e, JET_TABLEID t, const JET_COLUMNLIST *cl, const char *name, int ansi,
                             int updatable)
{
    JET_COLUMNDEF d;
    CU_ASSERT_EQUAL_FATAL(JetGetColumnInfoA(e->ses, e->dbid, "L", name, &d, sizeof d, JET_ColInfo), JET_errSuccess);
    CU_ASSERT_EQUAL(ret_long(e, t, cl->columnidcolumnid), d.columnid);
    CU_ASSERT_EQUAL(ret_long(e, t, cl->columnidcoltyp), d.coltyp);
    CU_ASSERT_EQUAL(ret_short(e, t, cl->columnidCountry), d.wCountry);
    CU_ASSERT_EQUAL(ret_short(e, t, cl->columnidLangid), d.langid);
    CU_ASSERT_EQUAL(ret_short(e, t, cl->columnidCp), d.cp);
    CU_ASSERT_EQUAL(ret_short(e, t, cl->columnidCollate), 0u);
    CU_ASSERT_EQUAL(ret_long(e, t, cl->columnidcbMax), d.cbMax);
    uint32_t grbit = ret_long(e, t, cl->columnidgrbit);
    CU_ASSERT_EQUAL(grbit & ~(uint32_t)JET_bitColumnUpdatable, d.grbit & ~(uint32_t)JET_bitColumnUpdatable);
    CU_ASSERT_EQUAL((grbit & JET_bitColumnUpdatable) != 0, updatable);
    /* Defaults: "alpha" "hi", "dt" 1.5; no other column has one. */
    uint8_t def[16];
    uint32_t got = 0;
    JET_ERR err = JetRetrieveColumn(e->ses, t, cl->columnidDefault, def, sizeof def, &got, 0, NULL);
    if (strcmp(name, "alpha") == 0) {
        CU_ASSERT(err == JET_errSuccess && got == 2 && memcmp(def, "hi", 2) == 0);
    } else if (strcmp(name, "dt") == 0) {
        double when = 0;
        CU_ASSERT(err == JET_errSuccess && got == sizeof when);
        memcpy(&when, def, sizeof when);
        CU_ASSERT(when == 1.5);
    } else {
        CU_ASSERT_EQUAL(err, JET_wrnColumnNull);
    }
    /* The base names; the definition name is the column name. */
    CU_ASSERT_EQUAL(cl->columnidDefinitionName, cl->columnidcolumnname);
    if (ansi) {
        char s[80];
        ret_text_a(e, t, cl->columnidBaseTableName, s, sizeof s);
        CU_ASSERT_STRING_EQUAL(s, "L");
        ret_text_a(e, t, cl->columnidBaseColumnName, s, sizeof s);
        CU_ASSERT_STRING_EQUAL(s, name);
    } else {
        WCHAR w[80];
        size_t n;
        ret_text_w(e, t, cl->columnidBaseTableName, w, 80, &n);
        CU_ASSERT(w_is(w, "L"));
        ret_text_w(e, t, cl->columnidBaseColumnName, w, 80, &n);
        CU_ASSERT(w_is(w, name));
    }
}

/* The name of the current row of a column list, as ASCII. */
static void row_name(env *e, JET_TABLEID t, JET_COLUMNID c, int ansi, char *out, size_t cb)
{
    if (ansi) {
        ret_text_a(e, t, c, out, cb);
    } else {
        WCHAR w[80];
        size_t n;
        ret_text_w(e, t, c, w, 80, &n);
        w_to_ascii(w, out, cb);
    }
}

static void test_column_list(void)
{
    env e;
    JET_TABLEID t;
    CU_ASSERT_FATAL(start(&e, "clist"));
    make_list_table(&e, &t);

    for (int ansi = 1; ansi >= 0; ansi--) {
        /* JetGetTableColumnInfo through a cursor that can write: every column reports Updatable. */
        JET_COLUMNLIST cl;
        memset(&cl, 0xCC, sizeof cl);
        JET_ERR err = ansi ? JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoList)
                           : JetGetTableColumnInfoW(e.ses, t, W(""), &cl, sizeof cl, JET_ColInfoList);
        CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
        CU_ASSERT_EQUAL(cl.cbStruct, sizeof cl);
        CU_ASSERT_EQUAL(cl.cRecord, N_LISTCOLS);
        CU_ASSERT_NOT_EQUAL(cl.tableid, JET_tableidNil);
        /* Positioned on the first row already; rows by name; PresentationOrder not set. */
        for (size_t i = 0; i < N_LISTCOLS; i++) {
            char name[80];
            if (i > 0)
                CU_ASSERT_EQUAL(JetMove(e.ses, cl.tableid, JET_MoveNext, 0), JET_errSuccess);
            row_name(&e, cl.tableid, cl.columnidcolumnname, ansi, name, sizeof name);
            CU_ASSERT_STRING_EQUAL(name, k_listcols[i].name);
            CU_ASSERT(ret_is_null(&e, cl.tableid, cl.columnidPresentationOrder));
            CU_ASSERT_EQUAL(ret_long(&e, cl.tableid, cl.columnidcolumnid), k_listcols[i].id);
            check_column_row(&e, cl.tableid, &cl, k_listcols[i].name, ansi, 1);
        }
        CU_ASSERT_EQUAL(JetMove(e.ses, cl.tableid, JET_MoveNext, 0), JET_errNoCurrentRecord);
        CU_ASSERT_EQUAL(JetMove(e.ses, cl.tableid, JET_MoveFirst, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(JetCloseTable(e.ses, cl.tableid), JET_errSuccess);
        CU_ASSERT_EQUAL(JetMove(e.ses, cl.tableid, JET_MoveFirst, 0), JET_errInvalidTableId);
        CU_ASSERT_EQUAL(JetCloseTable(e.ses, cl.tableid), JET_errInvalidTableId);

        /* JetGetColumnInfo names the table: no cursor, so no Updatable. Sorted by columnid. */
        err = ansi ? JetGetColumnInfoA(e.ses, e.dbid, "L", NULL, &cl, sizeof cl, JET_ColInfoListSortColumnid)
                   : JetGetColumnInfoW(e.ses, e.dbid, W("l"), NULL, &cl, sizeof cl, JET_ColInfoListSortColumnid);
        CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
        CU_ASSERT_EQUAL(cl.cRecord, N_LISTCOLS);
        JET_COLUMNID prev = 0;
        uint32_t n = 0;
        for (err = JET_errSuccess; err == JET_errSuccess; err = JetMove(e.ses, cl.tableid, JET_MoveNext, 0), n++) {
            char name[80];
            JET_COLUMNID id = ret_long(&e, cl.tableid, cl.columnidcolumnid);
            CU_ASSERT(id > prev);
            prev = id;
            CU_ASSERT_EQUAL(ret_long(&e, cl.tableid, cl.columnidPresentationOrder), id);
            row_name(&e, cl.tableid, cl.columnidcolumnname, ansi, name, sizeof name);
            check_column_row(&e, cl.tableid, &cl, name, ansi, 0);
        }
        CU_ASSERT_EQUAL(err, JET_errNoCurrentRecord);
        CU_ASSERT_EQUAL(n, N_LISTCOLS);
        CU_ASSERT_EQUAL(JetCloseTable(e.ses, cl.tableid), JET_errSuccess);

        /* The same through the option bit; with MinimalInfo only the name and the columnid. */
        err = ansi ? JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl,
                                            JET_ColInfoList | JET_ColInfoGrbitSortByColumnid | JET_ColInfoGrbitMinimalInfo)
                   : JetGetTableColumnInfoW(e.ses, t, NULL, &cl, sizeof cl,
                                            JET_ColInfoList | JET_ColInfoGrbitSortByColumnid | JET_ColInfoGrbitMinimalInfo);
        CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
        CU_ASSERT_EQUAL(cl.cRecord, N_LISTCOLS);
        CU_ASSERT_EQUAL(ret_long(&e, cl.tableid, cl.columnidcolumnid), 1u);
        CU_ASSERT_EQUAL(ret_long(&e, cl.tableid, cl.columnidPresentationOrder), 1u);
        char name[80];
        row_name(&e, cl.tableid, cl.columnidcolumnname, ansi, name, sizeof name);
        CU_ASSERT_STRING_EQUAL(name, "id");
        CU_ASSERT(ret_is_null(&e, cl.tableid, cl.columnidcoltyp));
        CU_ASSERT(ret_is_null(&e, cl.tableid, cl.columnidgrbit));
        CU_ASSERT(ret_is_null(&e, cl.tableid, cl.columnidBaseColumnName));
        CU_ASSERT_EQUAL(JetCloseTable(e.ses, cl.tableid), JET_errSuccess);

        /* Compact: in columnid order, PresentationOrder not set. */
        err = ansi ? JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoListCompact)
                   : JetGetTableColumnInfoW(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoListCompact);
        CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
        prev = 0;
        n = 0;
        for (err = JET_errSuccess; err == JET_errSuccess; err = JetMove(e.ses, cl.tableid, JET_MoveNext, 0), n++) {
            JET_COLUMNID id = ret_long(&e, cl.tableid, cl.columnidcolumnid);
            CU_ASSERT(id > prev);
            prev = id;
            CU_ASSERT(ret_is_null(&e, cl.tableid, cl.columnidPresentationOrder));
            row_name(&e, cl.tableid, cl.columnidcolumnname, ansi, name, sizeof name);
            check_column_row(&e, cl.tableid, &cl, name, ansi, 1);
        }
        CU_ASSERT_EQUAL(n, N_LISTCOLS);
        CU_ASSERT_EQUAL(JetCloseTable(e.ses, cl.tableid), JET_errSuccess);
    }

    /* Arguments. */
    JET_COLUMNLIST cl;
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl - 1, JET_ColInfoList), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetColumnInfoW(e.ses, e.dbid, W("L"), NULL, &cl, 8, JET_ColInfoListCompact),
                    JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, NULL, NULL, sizeof cl, JET_ColInfoList), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, "a.b", &cl, sizeof cl, JET_ColInfoList), JET_errInvalidName);
    CU_ASSERT_EQUAL(JetGetColumnInfoA(e.ses, e.dbid, "None", NULL, &cl, sizeof cl, JET_ColInfoList),
                    JET_errObjectNotFound);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl, 2), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);

    /* A vs W names: the A list has the ANSI code page's bytes (as JET_COLUMNBASE_A), the W list UTF-16. */
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "N", 0, 0, &t), JET_errSuccess);
    JET_COLUMNDEF d = coldef(JET_coltypLong, 0, 0, 0);
    JET_COLUMNID id;
    static const WCHAR k_cafe[] = { 'C', 'a', 'f', 0xE9, 0 };
    CU_ASSERT_EQUAL(JetAddColumnW(e.ses, t, k_cafe, &d, NULL, 0, &id), JET_errSuccess);
    JET_COLUMNBASE_A base;
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(e.ses, t, (const char *)&id, &base, sizeof base, JET_ColInfoBaseByColid),
                    JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoList), JET_errSuccess);
    char a[80];
    ret_text_a(&e, cl.tableid, cl.columnidcolumnname, a, sizeof a);
    CU_ASSERT_STRING_EQUAL(a, base.szBaseColumnName);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, cl.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetGetTableColumnInfoW(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoList), JET_errSuccess);
    WCHAR w[80];
    size_t n;
    ret_text_w(&e, cl.tableid, cl.columnidcolumnname, w, 80, &n);
    CU_ASSERT(n == 4 && memcmp(w, k_cafe, 4 * sizeof(WCHAR)) == 0);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, cl.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);

    /* A table without columns: an empty list, not positioned. */
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "Empty", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetGetTableColumnInfoA(e.ses, t, NULL, &cl, sizeof cl, JET_ColInfoList), JET_errSuccess);
    CU_ASSERT_EQUAL(cl.cRecord, 0u);
    CU_ASSERT_EQUAL(JetMove(e.ses, cl.tableid, JET_MoveFirst, 0), JET_errNoCurrentRecord);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, cl.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);

    /* The list of a temporary table (a table of the temporary database, which the list joins). */
    JET_COLUMNDEF td[2] = { coldef(JET_coltypLong, 0, JET_bitColumnTTKey, 0), coldef(JET_coltypText, 0, 0, 1252) };
    JET_COLUMNID tids[2];
    JET_TABLEID tt;
    CU_ASSERT_EQUAL_FATAL(JetOpenTempTable(e.ses, td, 2, JET_bitTTIndexed | JET_bitTTUnique, &tt, tids),
                          JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetGetTableColumnInfoA(e.ses, tt, NULL, &cl, sizeof cl, JET_ColInfoListSortColumnid),
                          JET_errSuccess);
    CU_ASSERT_EQUAL(cl.cRecord, 2u);
    CU_ASSERT_EQUAL(ret_long(&e, cl.tableid, cl.columnidcolumnid), tids[0]);
    CU_ASSERT_EQUAL(JetMove(e.ses, cl.tableid, JET_MoveNext, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(ret_long(&e, cl.tableid, cl.columnidcolumnid), tids[1]);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, cl.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, tt), JET_errSuccess);
    stop(&e);
}

static void test_index_list(void)
{
    env e;
    JET_TABLEID t;
    JET_COLUMNID ca, cb, cc;
    CU_ASSERT_FATAL(start(&e, "ilist"));
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "I", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(add(&e, t, "a", JET_coltypLong, 0, 0, &ca), JET_errSuccess);
    JET_COLUMNDEF d = coldef(JET_coltypText, 0, 0, 1252);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "b", &d, NULL, 0, &cb), JET_errSuccess);
    d = coldef(JET_coltypText, 0, 0, 1200);
    CU_ASSERT_EQUAL(JetAddColumnA(e.ses, t, "Cee", &d, NULL, 0, &cc), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "pk", JET_bitIndexPrimary, "+a\0", 4, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "Ib", JET_bitIndexIgnoreNull, "-b\0+a\0", 7, 70), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCreateIndexA(e.ses, t, "uc", JET_bitIndexUnique, "+Cee\0", 6, 0), JET_errSuccess);

    /* Rows: one per key segment, by index name then segment: Ib(b, a), pk(a), uc(Cee). */
    static const struct {
        const char *index, *column;
        uint32_t ccol, icol;
        int desc;
    } k_rows[] = {
        { "Ib", "b", 2, 0, 1 }, { "Ib", "a", 2, 1, 0 }, { "pk", "a", 1, 0, 0 }, { "uc", "Cee", 1, 0, 0 },
    };
    for (int ansi = 1; ansi >= 0; ansi--) {
        JET_INDEXLIST il;
        memset(&il, 0xCC, sizeof il);
        JET_ERR err = ansi ? JetGetTableIndexInfoA(e.ses, t, NULL, &il, sizeof il, JET_IdxInfoList)
                           : JetGetIndexInfoW(e.ses, e.dbid, W("I"), W(""), &il, sizeof il, JET_IdxInfo);
        CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
        CU_ASSERT_EQUAL(il.cbStruct, sizeof il);
        CU_ASSERT_EQUAL(il.cRecord, 4u);
        for (size_t i = 0; i < 4; i++) {
            char iname[80], cname[80];
            if (i > 0)
                CU_ASSERT_EQUAL(JetMove(e.ses, il.tableid, JET_MoveNext, 0), JET_errSuccess);
            row_name(&e, il.tableid, il.columnidindexname, ansi, iname, sizeof iname);
            row_name(&e, il.tableid, il.columnidcolumnname, ansi, cname, sizeof cname);
            CU_ASSERT_STRING_EQUAL(iname, k_rows[i].index);
            CU_ASSERT_STRING_EQUAL(cname, k_rows[i].column);
            /* The index: its options as JET_IdxInfoCreateIndex reports them; no statistics kept. */
            union { JET_INDEXCREATE_A a; uint8_t b[1024]; } ic;
            CU_ASSERT_EQUAL_FATAL(JetGetTableIndexInfoA(e.ses, t, iname, &ic, sizeof ic, JET_IdxInfoCreateIndex),
                                  JET_errSuccess);
            CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidgrbitIndex), ic.a.grbit);
            CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidcKey), 0u);
            CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidcEntry), 0u);
            CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidcPage), 0u);
            CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidcColumn), k_rows[i].ccol);
            CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidiColumn), k_rows[i].icol);
            uint32_t lcid = 0;
            CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, iname, &lcid, sizeof lcid, JET_IdxInfoLCID), JET_errSuccess);
            CU_ASSERT_EQUAL(ret_short(&e, il.tableid, il.columnidLangid), lcid & 0xFFFFu);
            uint32_t map = ret_long(&e, il.tableid, il.columnidLCMapFlags);
            if (ic.a.grbit & JET_bitIndexUnicode)
                CU_ASSERT_EQUAL(map, ic.a.pidxunicode->dwMapFlags);
            CU_ASSERT_EQUAL(ret_short(&e, il.tableid, il.columnidCountry), 1u);
            CU_ASSERT_EQUAL(ret_short(&e, il.tableid, il.columnidCollate), 0u);
            /* The segment's column, as JET_ColInfo describes it. */
            JET_COLUMNDEF cd;
            CU_ASSERT_EQUAL_FATAL(JetGetTableColumnInfoA(e.ses, t, cname, &cd, sizeof cd, JET_ColInfo), JET_errSuccess);
            CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidcolumnid), cd.columnid);
            CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidcoltyp), cd.coltyp);
            CU_ASSERT_EQUAL(ret_short(&e, il.tableid, il.columnidCp), cd.cp);
            CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidgrbitColumn),
                            k_rows[i].desc ? (uint32_t)JET_bitKeyDescending : (uint32_t)JET_bitKeyAscending);
        }
        CU_ASSERT_EQUAL(JetMove(e.ses, il.tableid, JET_MoveNext, 0), JET_errNoCurrentRecord);

        /* Walked as ManagedEsent does: at an index's first row, cColumn rows follow, the last one moved onto. */
        uint32_t nindexes = 0;
        err = JetMove(e.ses, il.tableid, JET_MoveFirst, 0);
        while (err == JET_errSuccess) {
            uint32_t ncol = ret_long(&e, il.tableid, il.columnidcColumn);
            CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidiColumn), 0u);
            for (uint32_t k = 1; k < ncol; k++) {
                CU_ASSERT_EQUAL(JetMove(e.ses, il.tableid, JET_MoveNext, 0), JET_errSuccess);
                CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidiColumn), k);
            }
            nindexes++;
            err = JetMove(e.ses, il.tableid, JET_MoveNext, 0);
        }
        CU_ASSERT_EQUAL(err, JET_errNoCurrentRecord);
        CU_ASSERT_EQUAL(nindexes, 3u);
        CU_ASSERT_EQUAL(JetCloseTable(e.ses, il.tableid), JET_errSuccess);

        /* One named index. */
        err = ansi ? JetGetIndexInfoA(e.ses, e.dbid, "I", "ib", &il, sizeof il, JET_IdxInfoList)
                   : JetGetTableIndexInfoW(e.ses, t, W("IB"), &il, sizeof il, JET_IdxInfo);
        CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
        CU_ASSERT_EQUAL(il.cRecord, 2u);
        CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidcolumnid), cb);
        CU_ASSERT_EQUAL(JetMove(e.ses, il.tableid, JET_MoveNext, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(ret_long(&e, il.tableid, il.columnidcolumnid), ca);
        CU_ASSERT_EQUAL(JetMove(e.ses, il.tableid, JET_MoveNext, 0), JET_errNoCurrentRecord);
        CU_ASSERT_EQUAL(JetCloseTable(e.ses, il.tableid), JET_errSuccess);
    }
    (void)cc;

    /* A structure one member short (before columnidLCMapFlags) is filled as far as it goes. */
    JET_INDEXLIST il;
    memset(&il, 0xCC, sizeof il);
    CU_ASSERT_EQUAL_FATAL(JetGetTableIndexInfoA(e.ses, t, NULL, &il, sizeof il - 4, JET_IdxInfoList), JET_errSuccess);
    CU_ASSERT_EQUAL(il.cbStruct, sizeof il - 4);
    CU_ASSERT_EQUAL(il.cRecord, 4u);
    CU_ASSERT_EQUAL(il.columnidLCMapFlags, 0xCCCCCCCCu);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, il.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, NULL, &il, sizeof il - 5, JET_IdxInfoList), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, NULL, NULL, sizeof il, JET_IdxInfoList), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "nope", &il, sizeof il, JET_IdxInfoList), JET_errIndexNotFound);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, NULL, &il, sizeof il, JET_IdxInfoOLC), JET_errFeatureNotAvailable);
    CU_ASSERT_EQUAL(JetGetTableIndexInfoA(e.ses, t, "a.b", &il, sizeof il, JET_IdxInfoList), JET_errInvalidName);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);

    /* A table without indexes: an empty list. */
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "Seq", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetGetTableIndexInfoW(e.ses, t, NULL, &il, sizeof il, JET_IdxInfoList), JET_errSuccess);
    CU_ASSERT_EQUAL(il.cRecord, 0u);
    CU_ASSERT_EQUAL(JetMove(e.ses, il.tableid, JET_MoveFirst, 0), JET_errNoCurrentRecord);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, il.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    stop(&e);
}

static void test_object_list(void)
{
    env e;
    JET_TABLEID t;
    CU_ASSERT_FATAL(start(&e, "olist"));
    static const char *const k_user[] = { "alpha", "Mid", "Zeta" };   /* in name order */
    for (size_t i = 0; i < 3; i++) {
        CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, k_user[2 - i], 0, 0, &t), JET_errSuccess);
        CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    }
    CU_ASSERT_EQUAL_FATAL(JetCreateTableA(e.ses, e.dbid, "Dropped", 0, 0, &t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetDeleteTableA(e.ses, e.dbid, "Dropped"), JET_errSuccess);

    for (int pass = 0; pass < 4; pass++) {
        int ansi = pass < 2;
        uint32_t level = (pass & 1) ? JET_ObjInfoList : JET_ObjInfoListNoStats;
        JET_OBJECTLIST ol;
        memset(&ol, 0xCC, sizeof ol);
        JET_ERR err = ansi ? JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol, level)
                           : JetGetObjectInfoW(e.ses, e.dbid, JET_objtypNil, W("Tables"), NULL, &ol, sizeof ol, level);
        CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
        CU_ASSERT_EQUAL(ol.cbStruct, sizeof ol);
        char prev[80] = "";
        uint32_t n = 0, nuser = 0, nsystem = 0;
        for (err = JET_errSuccess; err == JET_errSuccess; err = JetMove(e.ses, ol.tableid, JET_MoveNext, 0), n++) {
            char name[80], container[80];
            row_name(&e, ol.tableid, ol.columnidobjectname, ansi, name, sizeof name);
            row_name(&e, ol.tableid, ol.columnidcontainername, ansi, container, sizeof container);
            CU_ASSERT_STRING_EQUAL(container, "Tables");
            CU_ASSERT(ascii_icmp(prev, name) < 0);   /* sorted by name */
            strcpy(prev, name);
            CU_ASSERT_EQUAL(ret_long(&e, ol.tableid, ol.columnidobjtyp), (uint32_t)JET_objtypTable);
            uint32_t grbit = ret_long(&e, ol.tableid, ol.columnidgrbit);
            CU_ASSERT_EQUAL(grbit, (uint32_t)(JET_bitTableInfoBookmark | JET_bitTableInfoRollback |
                                              JET_bitTableInfoUpdatable));
            CU_ASSERT_EQUAL(ret_long(&e, ol.tableid, ol.columnidcRecord), 0u);
            CU_ASSERT_EQUAL(ret_long(&e, ol.tableid, ol.columnidcPage), 0u);
            CU_ASSERT(ret_is_null(&e, ol.tableid, ol.columniddtCreate));
            /* The flags are JET_ObjInfo's; system tables have JET_bitObjectSystem (ManagedEsent's
             * table-name enumerator skips those). */
            uint32_t flags = ret_long(&e, ol.tableid, ol.columnidflags);
            JET_OBJECTINFO oi;
            CU_ASSERT_EQUAL(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, name, &oi, sizeof oi, JET_ObjInfo),
                            JET_errSuccess);
            CU_ASSERT_EQUAL(flags, oi.flags);
            if (flags & JET_bitObjectSystem) {
                CU_ASSERT(strncmp(name, "MSys", 4) == 0);
                nsystem++;
            } else {
                CU_ASSERT_FATAL(nuser < 3);
                CU_ASSERT_STRING_EQUAL(name, k_user[nuser]);
                nuser++;
            }
        }
        CU_ASSERT_EQUAL(err, JET_errNoCurrentRecord);
        CU_ASSERT_EQUAL(n, ol.cRecord);
        CU_ASSERT_EQUAL(nuser, 3u);
        CU_ASSERT(nsystem >= 1);   /* MSysObjects at least */
        CU_ASSERT_EQUAL(JetCloseTable(e.ses, ol.tableid), JET_errSuccess);
    }

    /* Arguments. Another object type lists nothing; another container finds nothing. */
    JET_OBJECTLIST ol;
    CU_ASSERT_EQUAL_FATAL(JetGetObjectInfoA(e.ses, e.dbid, (JET_OBJTYP)2, NULL, NULL, &ol, sizeof ol,
                                            JET_ObjInfoListNoStats), JET_errSuccess);
    CU_ASSERT_EQUAL(ol.cRecord, 0u);
    CU_ASSERT_EQUAL(JetMove(e.ses, ol.tableid, JET_MoveFirst, 0), JET_errNoCurrentRecord);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, ol.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, "tables", "", &ol, sizeof ol,
                                      JET_ObjInfoListNoStats), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCloseTable(e.ses, ol.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, "Other", NULL, &ol, sizeof ol,
                                      JET_ObjInfoListNoStats), JET_errObjectNotFound);
    CU_ASSERT_EQUAL(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol - 1,
                                      JET_ObjInfoList), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(JetGetObjectInfoW(e.ses, e.dbid, JET_objtypTable, NULL, NULL, NULL, sizeof ol,
                                      JET_ObjInfoList), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetGetObjectInfoA(e.ses, e.dbid + 7, JET_objtypTable, NULL, NULL, &ol, sizeof ol,
                                      JET_ObjInfoList), JET_errInvalidDatabaseId);

    /* A list left open is the session's: JetEndSession closes (deletes) it. */
    CU_ASSERT_EQUAL_FATAL(JetGetObjectInfoA(e.ses, e.dbid, JET_objtypTable, NULL, NULL, &ol, sizeof ol,
                                            JET_ObjInfoListNoStats), JET_errSuccess);
    CU_ASSERT_EQUAL(JetEndSession(e.ses, 0), JET_errSuccess);
    stop(&e);
}

int main(void)
{
    CU_pSuite s = esent_test_suite("ddl", NULL, NULL);
    esent_test_add(s, "create_table", test_create_table);
    esent_test_add(s, "add_column", test_add_column);
    esent_test_add(s, "create_table_column_index", test_create_table_column_index);
    esent_test_add(s, "create_table_versions", test_create_table_versions);
    esent_test_add(s, "create_index", test_create_index);
    esent_test_add(s, "index_population", test_index_population);
    esent_test_add(s, "delete_rename", test_delete_rename);
    esent_test_add(s, "rollback", test_rollback);
    esent_test_add(s, "persist", test_persist);
    s = esent_test_suite("ddlinfo", NULL, NULL);
    esent_test_add(s, "table_info", test_table_info);
    esent_test_add(s, "column_info", test_column_info);
    esent_test_add(s, "index_info", test_index_info);
    esent_test_add(s, "table_space", test_table_space);
    esent_test_add(s, "table_space_growth", test_table_space_growth);
    esent_test_add(s, "table_space_temp", test_table_space_temp);
    s = esent_test_suite("ddllist", NULL, NULL);
    esent_test_add(s, "column_list", test_column_list);
    esent_test_add(s, "index_list", test_index_list);
    esent_test_add(s, "object_list", test_object_list);
    return esent_test_run();
}
