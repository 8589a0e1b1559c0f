/* Records, cursors and transactions: JetOpenTable/JetCloseTable/JetDupCursor, JetPrepareUpdate,
 * JetSetColumn, JetUpdate, JetDelete, JetRetrieveColumn, JetMove, JetMakeKey, JetSeek,
 * JetSetIndexRange, JetSetCurrentIndex, bookmarks, JetRetrieveKey, JetIndexRecordCount,
 * JetEscrowUpdate, JetBeginTransaction/JetCommitTransaction/JetRollback, long values.
 * Public API only: these tests could run against the real esent.dll. */
#include <esent.h>
#include "api_fixture.h"
#include "cu_runner.h"
#include "test_util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK(x) CU_ASSERT_EQUAL_FATAL((x), JET_errSuccess)

typedef struct env {
    JET_INSTANCE inst;
    JET_SESID sesid;
    JET_DBID dbid;
    char db[256];
} env;

static void start(env *e, const char *name)
{
    char sys[256];
    memset(e, 0, sizeof *e);
    snprintf(sys, sizeof sys, "%s_sys/", name);
    snprintf(e->db, sizeof e->db, "%s_sys/%s.edb", name, name);
    OK(JetCreateInstanceA(&e->inst, name));
    OK(JetSetSystemParameterA(&e->inst, 0, JET_paramSystemPath, 0, sys));
    OK(JetSetSystemParameterA(&e->inst, 0, JET_paramLogFilePath, 0, sys));
    OK(JetSetSystemParameterA(&e->inst, 0, JET_paramTempPath, 0, sys));
    OK(JetSetSystemParameterA(&e->inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    OK(JetInit(&e->inst));
    OK(JetBeginSessionA(e->inst, &e->sesid, "", ""));
    OK(JetCreateDatabaseA(e->sesid, e->db, NULL, &e->dbid, JET_bitDbOverwriteExisting));
}

static void stop(env *e)
{
    CU_ASSERT_EQUAL(JetTerm(e->inst), JET_errSuccess);
}

/* Table "t": id LongLong (primary, autoinc-free), name Text (secondary index, non-unique), n Long,
 * blob LongBinary (tagged), tags Long multi-valued (tagged). */
enum { C_ID, C_NAME, C_N, C_BLOB, C_TAGS, C_COUNT };

static void create_table(env *e, JET_TABLEID *ptid, JET_COLUMNID *cols)
{
    JET_COLUMNCREATE_A cc[C_COUNT];
    memset(cc, 0, sizeof cc);
    const char *names[C_COUNT] = { "id", "name", "n", "blob", "tags" };
    JET_COLTYP types[C_COUNT] = { JET_coltypLongLong, JET_coltypText, JET_coltypLong, JET_coltypLongBinary,
                                  JET_coltypLong };
    JET_GRBIT bits[C_COUNT] = { JET_bitColumnFixed | JET_bitColumnNotNULL, 0, JET_bitColumnFixed, JET_bitColumnTagged,
                                JET_bitColumnTagged | JET_bitColumnMultiValued };
    for (int i = 0; i < C_COUNT; i++) {
        cc[i].cbStruct = sizeof cc[i];
        cc[i].szColumnName = (char *)names[i];
        cc[i].coltyp = types[i];
        cc[i].cbMax = types[i] == JET_coltypText ? 100 : 0;
        cc[i].grbit = bits[i];
        cc[i].cp = types[i] == JET_coltypText ? 1252 : 0;
    }
    static char k_pk[] = "+id\0";
    static char k_name[] = "+name\0";
    static char k_tags[] = "+tags\0";
    JET_INDEXCREATE_A ic[3] = { api_index_a("primary", k_pk, sizeof k_pk, JET_bitIndexPrimary),
                                api_index_a("byname", k_name, sizeof k_name, 0),
                                api_index_a("bytag", k_tags, sizeof k_tags, JET_bitIndexIgnoreAnyNull) };
    JET_TABLECREATE_A tc = api_table_a("t", cc, C_COUNT, ic, 3);
    OK(JetCreateTableColumnIndexA(e->sesid, e->dbid, &tc));
    for (int i = 0; i < C_COUNT; i++)
        cols[i] = cc[i].columnid;
    *ptid = tc.tableid;
}

static JET_ERR insert_row(env *e, JET_TABLEID tid, const JET_COLUMNID *cols, int64_t id, const char *name, int32_t n)
{
    JET_ERR err = JetPrepareUpdate(e->sesid, tid, JET_prepInsert);
    if (err < 0)
        return err;
    if ((err = JetSetColumn(e->sesid, tid, cols[C_ID], &id, sizeof id, 0, NULL)) < 0)
        return err;
    if (name != NULL && (err = JetSetColumn(e->sesid, tid, cols[C_NAME], name, (uint32_t)strlen(name), 0, NULL)) < 0)
        return err;
    if ((err = JetSetColumn(e->sesid, tid, cols[C_N], &n, sizeof n, 0, NULL)) < 0)
        return err;
    return JetUpdate(e->sesid, tid, NULL, 0, NULL);
}

static int64_t current_id(env *e, JET_TABLEID tid, const JET_COLUMNID *cols)
{
    int64_t id = -1;
    uint32_t cb = 0;
    CU_ASSERT_EQUAL(JetRetrieveColumn(e->sesid, tid, cols[C_ID], &id, sizeof id, &cb, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, sizeof id);
    return id;
}

static JET_ERR seek_id(env *e, JET_TABLEID tid, int64_t id, JET_GRBIT grbit)
{
    JET_ERR err = JetMakeKey(e->sesid, tid, &id, sizeof id, JET_bitNewKey);
    return err < 0 ? err : JetSeek(e->sesid, tid, grbit);
}

static int count_rows(env *e, JET_TABLEID tid)
{
    int n = 0;
    JET_ERR err = JetMove(e->sesid, tid, JET_MoveFirst, 0);
    while (err == JET_errSuccess) {
        n++;
        err = JetMove(e->sesid, tid, JET_MoveNext, 0);
    }
    CU_ASSERT_EQUAL(err, JET_errNoCurrentRecord);
    return n;
}

static void test_insert_seek_move(void)
{
    env e;
    JET_TABLEID tid;
    JET_COLUMNID cols[C_COUNT];
    start(&e, "tbl_basic");
    create_table(&e, &tid, cols);
    /* 2000 rows inserted out of order. */
    for (int i = 0; i < 2000; i++) {
        int64_t id = (int64_t)((i * 7919) % 2000) - 1000;   /* negative keys sort before positive ones */
        char name[32];
        snprintf(name, sizeof name, "name%03d", (int)(id % 100 + 100) % 100);
        OK(insert_row(&e, tid, cols, id, name, (int32_t)id * 2));
    }
    CU_ASSERT_EQUAL(insert_row(&e, tid, cols, 5, "dup", 0), JET_errKeyDuplicate);
    OK(JetPrepareUpdate(e.sesid, tid, JET_prepCancel));
    CU_ASSERT_EQUAL(count_rows(&e, tid), 2000);
    /* Primary order ascending. */
    int64_t prev = INT64_MIN;
    JET_ERR err = JetMove(e.sesid, tid, JET_MoveFirst, 0);
    while (err == JET_errSuccess) {
        int64_t id = current_id(&e, tid, cols);
        CU_ASSERT(id > prev);
        prev = id;
        err = JetMove(e.sesid, tid, JET_MoveNext, 0);
    }
    CU_ASSERT_EQUAL(prev, 999);
    CU_ASSERT_EQUAL(JetMove(e.sesid, tid, JET_MovePrevious, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(current_id(&e, tid, cols), 999);
    /* Seeks. */
    OK(seek_id(&e, tid, -1000, JET_bitSeekEQ));
    CU_ASSERT_EQUAL(current_id(&e, tid, cols), -1000);
    int32_t n = 0;
    OK(JetRetrieveColumn(e.sesid, tid, cols[C_N], &n, sizeof n, NULL, 0, NULL));
    CU_ASSERT_EQUAL(n, -2000);
    CU_ASSERT_EQUAL(seek_id(&e, tid, 5000, JET_bitSeekEQ), JET_errRecordNotFound);
    CU_ASSERT_EQUAL(seek_id(&e, tid, 5000, JET_bitSeekLE), JET_wrnSeekNotEqual);
    CU_ASSERT_EQUAL(current_id(&e, tid, cols), 999);
    CU_ASSERT_EQUAL(seek_id(&e, tid, 5000, JET_bitSeekGE), JET_errRecordNotFound);
    CU_ASSERT_EQUAL(seek_id(&e, tid, 10, JET_bitSeekGT), JET_wrnSeekNotEqual);   /* never the key itself */
    CU_ASSERT_EQUAL(current_id(&e, tid, cols), 11);
    CU_ASSERT_EQUAL(seek_id(&e, tid, 10, JET_bitSeekLT), JET_wrnSeekNotEqual);
    CU_ASSERT_EQUAL(current_id(&e, tid, cols), 9);
    CU_ASSERT_EQUAL(JetSeek(e.sesid, tid, 0), JET_errInvalidGrbit);
    /* Index range: 10..19 inclusive. */
    OK(seek_id(&e, tid, 10, JET_bitSeekGE));
    int64_t hi = 19;
    OK(JetMakeKey(e.sesid, tid, &hi, sizeof hi, JET_bitNewKey));
    OK(JetSetIndexRange(e.sesid, tid, JET_bitRangeUpperLimit | JET_bitRangeInclusive));
    int in_range = 1;
    while (JetMove(e.sesid, tid, JET_MoveNext, 0) == JET_errSuccess)
        in_range++;
    CU_ASSERT_EQUAL(in_range, 10);
    /* Secondary index: every name has 20 rows. */
    OK(JetSetCurrentIndexA(e.sesid, tid, "byname"));
    char cur[64];
    OK(JetGetCurrentIndexA(e.sesid, tid, cur, sizeof cur));
    CU_ASSERT_STRING_EQUAL(cur, "byname");
    OK(JetMakeKey(e.sesid, tid, "name042", 7, JET_bitNewKey));
    OK(JetSeek(e.sesid, tid, JET_bitSeekEQ | JET_bitSetIndexRange));
    uint32_t cnt = 0;
    OK(JetIndexRecordCount(e.sesid, tid, &cnt, 0));
    CU_ASSERT_EQUAL(cnt, 20);
    /* Case-insensitive text keys. */
    OK(JetMakeKey(e.sesid, tid, "NAME042", 7, JET_bitNewKey));
    OK(JetSeek(e.sesid, tid, JET_bitSeekEQ));
    CU_ASSERT_EQUAL(JetSetCurrentIndexA(e.sesid, tid, "nosuch"), JET_errIndexNotFound);
    /* Bookmarks. */
    OK(JetSetCurrentIndexA(e.sesid, tid, NULL));
    OK(seek_id(&e, tid, 123, JET_bitSeekEQ));
    uint8_t bm[256];
    uint32_t cb_bm = 0;
    OK(JetGetBookmark(e.sesid, tid, bm, sizeof bm, &cb_bm));
    OK(JetMove(e.sesid, tid, JET_MoveFirst, 0));
    OK(JetGotoBookmark(e.sesid, tid, bm, cb_bm));
    CU_ASSERT_EQUAL(current_id(&e, tid, cols), 123);
    OK(JetCloseTable(e.sesid, tid));
    CU_ASSERT_EQUAL(JetMove(e.sesid, tid, JET_MoveFirst, 0), JET_errInvalidTableId);
    stop(&e);
}

static void test_replace_delete_persist(void)
{
    env e;
    JET_TABLEID tid;
    JET_COLUMNID cols[C_COUNT];
    start(&e, "tbl_persist");
    create_table(&e, &tid, cols);
    for (int64_t id = 1; id <= 300; id++)
        OK(insert_row(&e, tid, cols, id, "x", (int32_t)id));
    /* Replace: n = -id for even ids. */
    OK(JetMove(e.sesid, tid, JET_MoveFirst, 0));
    do {
        int64_t id = current_id(&e, tid, cols);
        if (id % 2 == 0) {
            int32_t n = (int32_t)-id;
            OK(JetPrepareUpdate(e.sesid, tid, JET_prepReplace));
            OK(JetSetColumn(e.sesid, tid, cols[C_N], &n, sizeof n, 0, NULL));
            OK(JetSetColumn(e.sesid, tid, cols[C_NAME], "replaced", 8, 0, NULL));
            OK(JetUpdate(e.sesid, tid, NULL, 0, NULL));
        }
    } while (JetMove(e.sesid, tid, JET_MoveNext, 0) == JET_errSuccess);
    /* The primary key cannot change in a replace. */
    OK(seek_id(&e, tid, 7, JET_bitSeekEQ));
    OK(JetPrepareUpdate(e.sesid, tid, JET_prepReplace));
    int64_t other = 100000;
    OK(JetSetColumn(e.sesid, tid, cols[C_ID], &other, sizeof other, 0, NULL));
    CU_ASSERT_EQUAL(JetUpdate(e.sesid, tid, NULL, 0, NULL), JET_errRecordPrimaryChanged);
    OK(JetPrepareUpdate(e.sesid, tid, JET_prepCancel));
    /* Delete multiples of 3. */
    OK(JetMove(e.sesid, tid, JET_MoveFirst, 0));
    do {
        if (current_id(&e, tid, cols) % 3 == 0) {
            OK(JetDelete(e.sesid, tid));
            int32_t n;
            CU_ASSERT_EQUAL(JetRetrieveColumn(e.sesid, tid, cols[C_N], &n, sizeof n, NULL, 0, NULL),
                            JET_errRecordDeleted);
        }
    } while (JetMove(e.sesid, tid, JET_MoveNext, 0) == JET_errSuccess);
    CU_ASSERT_EQUAL(count_rows(&e, tid), 200);
    /* The secondary index agrees: "replaced" rows are the even non-multiples of 3. */
    OK(JetSetCurrentIndexA(e.sesid, tid, "byname"));
    OK(JetMakeKey(e.sesid, tid, "replaced", 8, JET_bitNewKey));
    OK(JetSeek(e.sesid, tid, JET_bitSeekEQ | JET_bitSetIndexRange));
    uint32_t cnt = 0;
    OK(JetIndexRecordCount(e.sesid, tid, &cnt, 0));
    CU_ASSERT_EQUAL(cnt, 100);
    OK(JetCloseTable(e.sesid, tid));
    /* Detach, attach again: everything is still there. */
    OK(JetCloseDatabase(e.sesid, e.dbid, 0));
    OK(JetDetachDatabaseA(e.sesid, e.db));
    OK(JetAttachDatabaseA(e.sesid, e.db, 0));
    OK(JetOpenDatabaseA(e.sesid, e.db, NULL, &e.dbid, 0));
    OK(JetOpenTableA(e.sesid, e.dbid, "t", NULL, 0, 0, &tid));
    CU_ASSERT_EQUAL(count_rows(&e, tid), 200);
    OK(seek_id(&e, tid, 8, JET_bitSeekEQ));
    int32_t n = 0;
    OK(JetRetrieveColumn(e.sesid, tid, cols[C_N], &n, sizeof n, NULL, 0, NULL));
    CU_ASSERT_EQUAL(n, -8);
    CU_ASSERT_EQUAL(seek_id(&e, tid, 9, JET_bitSeekEQ), JET_errRecordNotFound);
    OK(JetCloseTable(e.sesid, tid));
    stop(&e);
}

static void test_transactions(void)
{
    env e;
    JET_TABLEID tid;
    JET_COLUMNID cols[C_COUNT];
    start(&e, "tbl_trx");
    create_table(&e, &tid, cols);
    CU_ASSERT_EQUAL(JetCommitTransaction(e.sesid, 0), JET_errNotInTransaction);
    CU_ASSERT_EQUAL(JetRollback(e.sesid, 0), JET_errNotInTransaction);
    CU_ASSERT_EQUAL(JetBeginTransaction2(e.sesid, 0x1000), JET_errInvalidGrbit);
    /* Rolled-back inserts vanish, committed ones stay. */
    OK(JetBeginTransaction(e.sesid));
    for (int64_t id = 1; id <= 500; id++)
        OK(insert_row(&e, tid, cols, id, "a", 1));
    OK(JetRollback(e.sesid, 0));
    CU_ASSERT_EQUAL(count_rows(&e, tid), 0);
    OK(JetBeginTransaction(e.sesid));
    for (int64_t id = 1; id <= 500; id++)
        OK(insert_row(&e, tid, cols, id, "a", 1));
    OK(JetCommitTransaction(e.sesid, JET_bitCommitLazyFlush));
    CU_ASSERT_EQUAL(count_rows(&e, tid), 500);
    /* Nesting: the inner rollback undoes only the inner level. */
    OK(JetBeginTransaction(e.sesid));
    OK(seek_id(&e, tid, 1, JET_bitSeekEQ));
    OK(JetDelete(e.sesid, tid));
    OK(JetBeginTransaction(e.sesid));
    OK(seek_id(&e, tid, 2, JET_bitSeekEQ));
    OK(JetDelete(e.sesid, tid));
    OK(JetRollback(e.sesid, 0));
    OK(JetCommitTransaction(e.sesid, 0));
    CU_ASSERT_EQUAL(count_rows(&e, tid), 499);
    CU_ASSERT_EQUAL(seek_id(&e, tid, 1, JET_bitSeekEQ), JET_errRecordNotFound);
    OK(seek_id(&e, tid, 2, JET_bitSeekEQ));
    /* Replace rolled back: the old value and the old index entry return. */
    OK(JetBeginTransaction(e.sesid));
    OK(JetPrepareUpdate(e.sesid, tid, JET_prepReplace));
    OK(JetSetColumn(e.sesid, tid, cols[C_NAME], "zzz", 3, 0, NULL));
    OK(JetUpdate(e.sesid, tid, NULL, 0, NULL));
    OK(JetRollback(e.sesid, 0));
    char name[16] = { 0 };
    uint32_t cb = 0;
    OK(seek_id(&e, tid, 2, JET_bitSeekEQ));
    OK(JetRetrieveColumn(e.sesid, tid, cols[C_NAME], name, sizeof name, &cb, 0, NULL));
    CU_ASSERT_EQUAL(cb, 1);
    CU_ASSERT_EQUAL(name[0], 'a');
    OK(JetSetCurrentIndexA(e.sesid, tid, "byname"));
    OK(JetMakeKey(e.sesid, tid, "zzz", 3, JET_bitNewKey));
    CU_ASSERT_EQUAL(JetSeek(e.sesid, tid, JET_bitSeekEQ), JET_errRecordNotFound);
    OK(JetSetCurrentIndexA(e.sesid, tid, NULL));
    /* Seven levels, not eight; RollbackAll undoes them all. */
    for (int i = 0; i < 7; i++)
        OK(JetBeginTransaction(e.sesid));
    CU_ASSERT_EQUAL(JetBeginTransaction(e.sesid), JET_errTransTooDeep);
    OK(insert_row(&e, tid, cols, 9999, "deep", 1));
    OK(JetRollback(e.sesid, JET_bitRollbackAll));
    CU_ASSERT_EQUAL(JetCommitTransaction(e.sesid, 0), JET_errNotInTransaction);
    CU_ASSERT_EQUAL(seek_id(&e, tid, 9999, JET_bitSeekEQ), JET_errRecordNotFound);
    /* A prepared update is cancelled by the rollback. */
    OK(JetBeginTransaction(e.sesid));
    OK(JetPrepareUpdate(e.sesid, tid, JET_prepInsert));
    OK(JetRollback(e.sesid, 0));
    CU_ASSERT_EQUAL(JetUpdate(e.sesid, tid, NULL, 0, NULL), JET_errUpdateNotPrepared);
    /* A table created inside a rolled-back transaction is gone. */
    OK(JetBeginTransaction(e.sesid));
    JET_TABLEID t2;
    OK(JetCreateTableA(e.sesid, e.dbid, "ephemeral", 0, 80, &t2));
    OK(JetCloseTable(e.sesid, t2));
    OK(JetRollback(e.sesid, 0));
    CU_ASSERT_EQUAL(JetOpenTableA(e.sesid, e.dbid, "ephemeral", NULL, 0, 0, &t2), JET_errObjectNotFound);
    OK(JetCloseTable(e.sesid, tid));
    /* JetEndSession rolls back an open transaction. */
    OK(JetBeginTransaction(e.sesid));
    OK(JetOpenTableA(e.sesid, e.dbid, "t", NULL, 0, 0, &tid));
    OK(insert_row(&e, tid, cols, 77777, "gone", 1));
    OK(JetEndSession(e.sesid, 0));
    OK(JetBeginSessionA(e.inst, &e.sesid, "", ""));
    OK(JetOpenDatabaseA(e.sesid, e.db, NULL, &e.dbid, 0));
    OK(JetOpenTableA(e.sesid, e.dbid, "t", NULL, 0, 0, &tid));
    CU_ASSERT_EQUAL(seek_id(&e, tid, 77777, JET_bitSeekEQ), JET_errRecordNotFound);
    OK(JetCloseTable(e.sesid, tid));
    stop(&e);
}

static void test_long_values_multivalues(void)
{
    env e;
    JET_TABLEID tid;
    JET_COLUMNID cols[C_COUNT];
    start(&e, "tbl_lv");
    create_table(&e, &tid, cols);
    /* A 100 000-byte long value (many chunks), and three values of the multi-valued column. */
    uint32_t cb_big = 100000;
    uint8_t *big = (uint8_t *)malloc(cb_big), *back = (uint8_t *)malloc(cb_big + 16);
    CU_ASSERT_FATAL(big != NULL && back != NULL);
    for (uint32_t i = 0; i < cb_big; i++)
        big[i] = (uint8_t)(i * 31 + (i >> 8));
    int64_t id = 1;
    OK(JetPrepareUpdate(e.sesid, tid, JET_prepInsert));
    OK(JetSetColumn(e.sesid, tid, cols[C_ID], &id, sizeof id, 0, NULL));
    OK(JetSetColumn(e.sesid, tid, cols[C_BLOB], big, cb_big, 0, NULL));
    for (int32_t t = 10; t <= 30; t += 10) {
        JET_SETINFO si = { sizeof si, 0, 0 };
        OK(JetSetColumn(e.sesid, tid, cols[C_TAGS], &t, sizeof t, 0, &si));
    }
    OK(JetUpdate(e.sesid, tid, NULL, 0, NULL));
    OK(seek_id(&e, tid, 1, JET_bitSeekEQ));
    uint32_t cb = 0;
    OK(JetRetrieveColumn(e.sesid, tid, cols[C_BLOB], back, cb_big + 16, &cb, 0, NULL));
    CU_ASSERT_EQUAL(cb, cb_big);
    CU_ASSERT(memcmp(back, big, cb_big) == 0);
    /* ibLongValue: a slice from the middle. */
    JET_RETINFO ri = { sizeof ri, 50000, 1, 0 };
    OK(JetRetrieveColumn(e.sesid, tid, cols[C_BLOB], back, 100, &cb, 0, &ri) == JET_wrnBufferTruncated
           ? JET_errSuccess
           : -1);
    CU_ASSERT(memcmp(back, big + 50000, 100) == 0);
    /* Append to the long value. */
    OK(JetPrepareUpdate(e.sesid, tid, JET_prepReplace));
    OK(JetSetColumn(e.sesid, tid, cols[C_BLOB], "tail", 4, JET_bitSetAppendLV, NULL));
    OK(JetUpdate(e.sesid, tid, NULL, 0, NULL));
    OK(seek_id(&e, tid, 1, JET_bitSeekEQ));
    OK(JetRetrieveColumn(e.sesid, tid, cols[C_BLOB], NULL, 0, &cb, 0, NULL) == JET_wrnBufferTruncated
           ? JET_errSuccess
           : -1);
    CU_ASSERT_EQUAL(cb, cb_big + 4);
    /* Multi-values: count and each value; the multi-valued index has one entry per value. */
    JET_RETINFO cnt = { sizeof cnt, 0, 0, 0 };
    JET_RETRIEVECOLUMN rc;
    memset(&rc, 0, sizeof rc);
    rc.columnid = cols[C_TAGS];
    rc.itagSequence = 0;
    OK(JetRetrieveColumns(e.sesid, tid, &rc, 1));
    CU_ASSERT_EQUAL(rc.itagSequence, 3);
    (void)cnt;
    int32_t v = 0;
    JET_RETINFO r2 = { sizeof r2, 0, 2, 0 };
    OK(JetRetrieveColumn(e.sesid, tid, cols[C_TAGS], &v, sizeof v, NULL, 0, &r2));
    CU_ASSERT_EQUAL(v, 20);
    OK(JetSetCurrentIndexA(e.sesid, tid, "bytag"));
    for (int32_t t = 10; t <= 30; t += 10) {
        OK(JetMakeKey(e.sesid, tid, &t, sizeof t, JET_bitNewKey));
        OK(JetSeek(e.sesid, tid, JET_bitSeekEQ));
        CU_ASSERT_EQUAL(current_id(&e, tid, cols), 1);
    }
    /* Deleting the record releases its long value; the table is empty again. */
    OK(JetSetCurrentIndexA(e.sesid, tid, NULL));
    OK(seek_id(&e, tid, 1, JET_bitSeekEQ));
    OK(JetDelete(e.sesid, tid));
    CU_ASSERT_EQUAL(count_rows(&e, tid), 0);
    OK(JetCloseTable(e.sesid, tid));
    free(big);
    free(back);
    stop(&e);
}

static void test_bad_handles(void)
{
    env e;
    JET_TABLEID tid;
    JET_COLUMNID cols[C_COUNT];
    start(&e, "tbl_bad");
    create_table(&e, &tid, cols);
    CU_ASSERT_EQUAL(JetMove(e.sesid, (JET_TABLEID)0x12345, JET_MoveFirst, 0), JET_errInvalidTableId);
    CU_ASSERT_EQUAL(JetMove(e.sesid, tid, JET_MoveFirst, 0x80), JET_errInvalidGrbit);
    CU_ASSERT_EQUAL(JetMove(e.sesid, tid, JET_MoveFirst, 0), JET_errNoCurrentRecord);
    CU_ASSERT_EQUAL(JetMove(e.sesid, tid, 0, 0), JET_errNoCurrentRecord);
    CU_ASSERT_EQUAL(JetSeek(e.sesid, tid, JET_bitSeekEQ), JET_errKeyNotMade);
    CU_ASSERT_EQUAL(JetUpdate(e.sesid, tid, NULL, 0, NULL), JET_errUpdateNotPrepared);
    CU_ASSERT_EQUAL(JetDelete(e.sesid, tid), JET_errNoCurrentRecord);
    CU_ASSERT_EQUAL(JetPrepareUpdate(e.sesid, tid, 99), JET_errInvalidParameter);
    OK(JetPrepareUpdate(e.sesid, tid, JET_prepInsert));
    CU_ASSERT_EQUAL(JetPrepareUpdate(e.sesid, tid, JET_prepInsert), JET_errAlreadyPrepared);
    CU_ASSERT_EQUAL(JetSetColumn(e.sesid, tid, 9999, "x", 1, 0, NULL), JET_errColumnNotFound);
    int64_t id = 1;
    OK(JetSetColumn(e.sesid, tid, cols[C_ID], &id, sizeof id, 0, NULL));
    OK(JetUpdate(e.sesid, tid, NULL, 0, NULL));
    CU_ASSERT_EQUAL(JetOpenTableA(e.sesid, e.dbid, "nosuch", NULL, 0, 0, &tid), JET_errObjectNotFound);
    /* Another session cannot use this session's cursor. */
    JET_SESID other;
    OK(JetBeginSessionA(e.inst, &other, "", ""));
    OK(JetOpenTableA(e.sesid, e.dbid, "t", NULL, 0, 0, &tid));
    CU_ASSERT_EQUAL(JetMove(other, tid, JET_MoveFirst, 0), JET_errInvalidTableId);
    OK(JetEndSession(other, 0));
    stop(&e);
}

static void test_temp_tables(void)
{
    env e;
    start(&e, "tbl_temp");
    JET_COLUMNDEF defs[2];
    memset(defs, 0, sizeof defs);
    defs[0].cbStruct = sizeof defs[0];
    defs[0].coltyp = JET_coltypLong;
    defs[0].grbit = JET_bitColumnTTKey;
    defs[1].cbStruct = sizeof defs[1];
    defs[1].coltyp = JET_coltypText;
    defs[1].cp = 1252;
    JET_COLUMNID ids[2];
    JET_TABLEID tt;
    CU_ASSERT_EQUAL(JetOpenTempTable(e.sesid, defs, 0, 0, &tt, ids), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetOpenTempTable(e.sesid, defs, 2, 0x40000000, &tt, ids), JET_errInvalidGrbit);
    for (int round = 0; round < 2; round++) {
        JET_GRBIT g = round == 0 ? JET_bitTTIndexed : JET_bitTTIndexed | JET_bitTTUnique;
        OK(JetOpenTempTable(e.sesid, defs, 2, g, &tt, ids));
        static const int32_t keys[5] = { 30, 10, 20, 10, 40 };
        int dup = 0;
        for (int i = 0; i < 5; i++) {
            OK(JetPrepareUpdate(e.sesid, tt, JET_prepInsert));
            OK(JetSetColumn(e.sesid, tt, ids[0], &keys[i], sizeof keys[i], 0, NULL));
            OK(JetSetColumn(e.sesid, tt, ids[1], "v", 1, 0, NULL));
            JET_ERR err = JetUpdate(e.sesid, tt, NULL, 0, NULL);
            if (err == JET_errKeyDuplicate) {
                dup++;
                OK(JetPrepareUpdate(e.sesid, tt, JET_prepCancel));
            } else {
                OK(err);
            }
        }
        /* Unique: the second 10 is refused; otherwise both are kept. Records come back in key order. */
        CU_ASSERT_EQUAL(dup, round == 0 ? 0 : 1);
        int32_t prev = -1, n = 0;
        JET_ERR err = JetMove(e.sesid, tt, JET_MoveFirst, 0);
        while (err == JET_errSuccess) {
            int32_t k = 0;
            OK(JetRetrieveColumn(e.sesid, tt, ids[0], &k, sizeof k, NULL, 0, NULL));
            CU_ASSERT(k >= prev);
            prev = k;
            n++;
            err = JetMove(e.sesid, tt, JET_MoveNext, 0);
        }
        CU_ASSERT_EQUAL(n, round == 0 ? 5 : 4);
        int32_t k20 = 20;
        OK(JetMakeKey(e.sesid, tt, &k20, sizeof k20, JET_bitNewKey));
        CU_ASSERT(JetSeek(e.sesid, tt, JET_bitSeekEQ) >= 0);
        OK(JetCloseTable(e.sesid, tt));
        CU_ASSERT_EQUAL(JetMove(e.sesid, tt, JET_MoveFirst, 0), JET_errInvalidTableId);
    }
    stop(&e);
}

/* Escrow, auto-increment, a unique secondary index (its violation undoes the whole update), JetDupCursor,
 * secondary bookmarks, JetRetrieveKey, positions, JetGetLock. */
static void test_escrow_autoinc_unique(void)
{
    env e;
    start(&e, "tbl_escrow");
    JET_TABLEID tid;
    OK(JetCreateTableA(e.sesid, e.dbid, "acct", 0, 80, &tid));
    JET_COLUMNDEF cd;
    JET_COLUMNID c_id, c_bal, c_code;
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    cd.grbit = JET_bitColumnAutoincrement | JET_bitColumnFixed;
    OK(JetAddColumnA(e.sesid, tid, "id", &cd, NULL, 0, &c_id));
    int32_t zero = 0;
    cd.grbit = JET_bitColumnEscrowUpdate | JET_bitColumnFixed;
    OK(JetAddColumnA(e.sesid, tid, "bal", &cd, &zero, sizeof zero, &c_bal));
    cd.coltyp = JET_coltypText;
    cd.cp = 1252;
    cd.cbMax = 16;
    cd.grbit = 0;
    OK(JetAddColumnA(e.sesid, tid, "code", &cd, NULL, 0, &c_code));
    static char k_id[] = "+id\0", k_code[] = "+code\0";
    OK(JetCreateIndexA(e.sesid, tid, "pk", JET_bitIndexPrimary, k_id, sizeof k_id, 80));
    OK(JetCreateIndexA(e.sesid, tid, "bycode", JET_bitIndexUnique, k_code, sizeof k_code, 80));
    const char *codes[3] = { "aa", "bb", "cc" };
    for (int i = 0; i < 3; i++) {
        OK(JetPrepareUpdate(e.sesid, tid, JET_prepInsert));
        int32_t id = 0;
        uint32_t cb = 0;
        OK(JetRetrieveColumn(e.sesid, tid, c_id, &id, sizeof id, &cb, JET_bitRetrieveCopy, NULL));
        CU_ASSERT_EQUAL(id, i + 1);     /* auto-increment values start at 1 */
        OK(JetSetColumn(e.sesid, tid, c_code, codes[i], 2, 0, NULL));
        OK(JetUpdate(e.sesid, tid, NULL, 0, NULL));
    }
    /* A duplicate code fails at JetUpdate with JET_errKeyDuplicate and leaves no record behind. */
    OK(JetPrepareUpdate(e.sesid, tid, JET_prepInsert));
    OK(JetSetColumn(e.sesid, tid, c_code, "bb", 2, 0, NULL));
    CU_ASSERT_EQUAL(JetUpdate(e.sesid, tid, NULL, 0, NULL), JET_errKeyDuplicate);
    OK(JetPrepareUpdate(e.sesid, tid, JET_prepCancel));
    CU_ASSERT_EQUAL(count_rows(&e, tid), 3);
    /* Escrow: +5, +5, -3 on record 2 gives 7; the old value comes back each time. */
    int32_t id2 = 2;
    OK(JetMakeKey(e.sesid, tid, &id2, sizeof id2, JET_bitNewKey));
    OK(JetSeek(e.sesid, tid, JET_bitSeekEQ));
    int32_t deltas[3] = { 5, 5, -3 }, old = -1, expect_old = 0;
    for (int i = 0; i < 3; i++) {
        uint32_t cb_old = 0;
        OK(JetEscrowUpdate(e.sesid, tid, c_bal, &deltas[i], sizeof deltas[i], &old, sizeof old, &cb_old, 0));
        CU_ASSERT_EQUAL(old, expect_old);
        expect_old += deltas[i];
    }
    int32_t bal = 0;
    OK(JetRetrieveColumn(e.sesid, tid, c_bal, &bal, sizeof bal, NULL, 0, NULL));
    CU_ASSERT_EQUAL(bal, 7);
    CU_ASSERT_EQUAL(JetEscrowUpdate(e.sesid, tid, c_code, &deltas[0], sizeof deltas[0], NULL, 0, NULL, 0),
                    JET_errInvalidOperation);
    /* JetGetLock needs a transaction. */
    CU_ASSERT_EQUAL(JetGetLock(e.sesid, tid, JET_bitWriteLock), JET_errNotInTransaction);
    OK(JetBeginTransaction(e.sesid));
    OK(JetGetLock(e.sesid, tid, JET_bitWriteLock));
    CU_ASSERT_EQUAL(JetGetLock(e.sesid, tid, 0), JET_errInvalidGrbit);
    OK(JetCommitTransaction(e.sesid, 0));
    /* Secondary bookmarks and keys. */
    OK(JetSetCurrentIndexA(e.sesid, tid, "bycode"));
    OK(JetMakeKey(e.sesid, tid, "cc", 2, JET_bitNewKey));
    OK(JetSeek(e.sesid, tid, JET_bitSeekEQ));
    uint8_t sk[64], pk[64], key[64];
    uint32_t cb_sk = 0, cb_pk = 0, cb_key = 0;
    OK(JetGetSecondaryIndexBookmark(e.sesid, tid, sk, sizeof sk, &cb_sk, pk, sizeof pk, &cb_pk, 0));
    OK(JetRetrieveKey(e.sesid, tid, key, sizeof key, &cb_key, 0));
    CU_ASSERT_EQUAL(cb_key, cb_sk);
    CU_ASSERT(memcmp(key, sk, cb_sk) == 0);
    CU_ASSERT_EQUAL(JetRetrieveKey(e.sesid, tid, key, 1, &cb_key, 0), JET_wrnBufferTruncated);
    OK(JetMove(e.sesid, tid, JET_MoveFirst, 0));
    OK(JetGotoSecondaryIndexBookmark(e.sesid, tid, sk, cb_sk, pk, cb_pk, 0));
    int32_t id = 0;
    OK(JetRetrieveColumn(e.sesid, tid, c_id, &id, sizeof id, NULL, 0, NULL));
    CU_ASSERT_EQUAL(id, 3);
    /* A duplicate cursor starts on the primary index and moves on its own. */
    JET_TABLEID dup;
    OK(JetDupCursor(e.sesid, tid, &dup, 0));
    char idx[JET_cbNameMost + 1];
    OK(JetGetCurrentIndexA(e.sesid, dup, idx, sizeof idx));
    CU_ASSERT_STRING_EQUAL(idx, "pk");
    OK(JetMove(e.sesid, dup, JET_MoveLast, 0));
    OK(JetRetrieveColumn(e.sesid, dup, c_id, &id, sizeof id, NULL, 0, NULL));
    CU_ASSERT_EQUAL(id, 3);
    /* Positions: the middle record is one third in; JetGotoPosition lands on a record. */
    OK(JetMove(e.sesid, dup, JET_MoveFirst, 0));
    OK(JetMove(e.sesid, dup, JET_MoveNext, 0));
    JET_RECPOS rp;
    OK(JetGetRecordPosition(e.sesid, dup, &rp, sizeof rp));
    CU_ASSERT_EQUAL(rp.centriesLT, 1);
    CU_ASSERT_EQUAL(rp.centriesTotal, 3);
    CU_ASSERT_EQUAL(JetGetRecordPosition(e.sesid, dup, &rp, sizeof rp - 1), JET_errInvalidParameter);
    rp.centriesLT = 2;
    rp.centriesTotal = 3;
    OK(JetGotoPosition(e.sesid, dup, &rp));
    OK(JetRetrieveColumn(e.sesid, dup, c_id, &id, sizeof id, NULL, 0, NULL));
    CU_ASSERT_EQUAL(id, 3);
    OK(JetCloseTable(e.sesid, dup));
    OK(JetCloseTable(e.sesid, tid));
    stop(&e);
}

/* Child process: writes a committed row to a database attached read-write and exits without JetTerm,
 * as a crash would. Exit code 0 when the row was committed. */
static int child_crash(void)
{
    JET_INSTANCE inst = 0;
    JET_SESID sesid = 0;
    JET_DBID dbid = 0;
    JET_TABLEID tid = 0;
    JET_COLUMNID col = 0;
    JET_COLUMNDEF cd;
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    int32_t v = 42;
    if (JetCreateInstanceA(&inst, "crashchild") < 0 ||
        JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, "tbl_crash_child/") < 0 ||
        JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, "tbl_crash_child/") < 0 ||
        JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, "tbl_crash_child/") < 0 ||
        JetSetSystemParameterA(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL) < 0 || JetInit(&inst) < 0 ||
        JetBeginSessionA(inst, &sesid, "", "") < 0 ||
        JetAttachDatabaseA(sesid, "tbl_crash_sys/crash.edb", 0) < 0 ||
        JetOpenDatabaseA(sesid, "tbl_crash_sys/crash.edb", NULL, &dbid, 0) < 0 ||
        JetOpenTableA(sesid, dbid, "t", NULL, 0, 0, &tid) < 0 || JetGetTableColumnInfoA(sesid, tid, "v", &cd,
                                                                                          sizeof cd, JET_ColInfo) < 0)
        return 1;
    col = cd.columnid;
    if (JetBeginTransaction(sesid) < 0 || JetPrepareUpdate(sesid, tid, JET_prepInsert) < 0 ||
        JetSetColumn(sesid, tid, col, &v, sizeof v, 0, NULL) < 0 || JetUpdate(sesid, tid, NULL, 0, NULL) < 0 ||
        JetCommitTransaction(sesid, 0) < 0)
        return 2;
    return 0;   /* no JetTerm: the process ends with the database still attached */
}

/* A process that ends with a database attached read-write leaves it marked dirty: with no transaction log
 * (recovery off), ESENT refuses it with JET_errDatabaseDirtyShutdown, and so does this engine. A clean
 * detach before the end leaves a database that attaches again with its rows. */
static const char *g_argv0;
static void test_crash_leaves_dirty(void)
{
    env e;
    start(&e, "tbl_crash");
    JET_TABLEID tid;
    JET_COLUMNDEF cd;
    JET_COLUMNID col;
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    OK(JetCreateDatabaseA(e.sesid, "tbl_crash_sys/crash.edb", NULL, &e.dbid, JET_bitDbOverwriteExisting));
    OK(JetCreateTableA(e.sesid, e.dbid, "t", 0, 80, &tid));
    OK(JetAddColumnA(e.sesid, tid, "v", &cd, NULL, 0, &col));
    OK(JetCloseTable(e.sesid, tid));
    OK(JetCloseDatabase(e.sesid, e.dbid, 0));
    OK(JetDetachDatabaseA(e.sesid, "tbl_crash_sys/crash.edb"));
    CU_ASSERT_EQUAL(test_run_self(g_argv0, "--child-crash"), 0);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(e.sesid, "tbl_crash_sys/crash.edb", 0), JET_errDatabaseDirtyShutdown);
    CU_ASSERT_EQUAL(JetAttachDatabaseA(e.sesid, "tbl_crash_sys/crash.edb", JET_bitDbReadOnly),
                    JET_errDatabaseDirtyShutdown);
    JET_DBINFOMISC misc;
    OK(JetGetDatabaseFileInfoA("tbl_crash_sys/crash.edb", &misc, sizeof misc, JET_DbInfoMisc));
    CU_ASSERT_EQUAL(misc.dbstate, JET_dbstateDirtyShutdown);
    stop(&e);
}

/* A forced detach closes the cursors open on the database: their handles then answer
 * JET_errInvalidTableId (and nothing they pointed to is used after it is freed). */
static void test_force_detach_closes_cursors(void)
{
    env e;
    JET_TABLEID tid, dup;
    JET_COLUMNID cols[C_COUNT];
    start(&e, "tbl_forcedetach");
    create_table(&e, &tid, cols);
    for (int64_t id = 1; id <= 50; id++)
        OK(insert_row(&e, tid, cols, id, "x", 1));
    OK(JetMove(e.sesid, tid, JET_MoveFirst, 0));
    OK(JetDupCursor(e.sesid, tid, &dup, 0));
    OK(JetPrepareUpdate(e.sesid, dup, JET_prepInsert));
    CU_ASSERT_EQUAL(JetDetachDatabase2A(e.sesid, e.db, 0), JET_errDatabaseInUse);
    OK(JetDetachDatabase2A(e.sesid, e.db, JET_bitForceDetach));
    CU_ASSERT_EQUAL(JetMove(e.sesid, tid, JET_MoveNext, 0), JET_errInvalidTableId);
    CU_ASSERT_EQUAL(JetUpdate(e.sesid, dup, NULL, 0, NULL), JET_errInvalidTableId);
    CU_ASSERT_EQUAL(JetCloseTable(e.sesid, tid), JET_errInvalidTableId);
    CU_ASSERT_EQUAL(JetCloseTable(e.sesid, dup), JET_errInvalidTableId);
    /* The database was closed clean and keeps its rows. */
    OK(JetAttachDatabaseA(e.sesid, e.db, JET_bitDbReadOnly));
    OK(JetOpenDatabaseA(e.sesid, e.db, NULL, &e.dbid, JET_bitDbReadOnly));
    OK(JetOpenTableA(e.sesid, e.dbid, "t", NULL, 0, JET_bitTableReadOnly, &tid));
    CU_ASSERT_EQUAL(count_rows(&e, tid), 50);
    OK(JetCloseTable(e.sesid, tid));
    stop(&e);
}

/* The name column of the current record as a string ("" when NULL), and JetRetrieveColumn's result. */
static JET_ERR get_name(env *e, JET_TABLEID tid, const JET_COLUMNID *cols, JET_GRBIT grbit, char *out, uint32_t cb_out)
{
    uint32_t cb = 0;
    JET_ERR err = JetRetrieveColumn(e->sesid, tid, cols[C_NAME], out, cb_out - 1, &cb, grbit, NULL);
    out[err >= 0 && cb < cb_out ? cb : 0] = '\0';
    return err;
}

static int32_t get_n(env *e, JET_TABLEID tid, const JET_COLUMNID *cols)
{
    int32_t n = -1;
    CU_ASSERT_EQUAL(JetRetrieveColumn(e->sesid, tid, cols[C_N], &n, sizeof n, NULL, 0, NULL), JET_errSuccess);
    return n;
}

/* Bytes of the current record (cbData + cbOverhead: exact for a record without long values). */
static uint64_t record_bytes(env *e, JET_TABLEID tid)
{
    JET_RECSIZE rs;
    memset(&rs, 0, sizeof rs);
    CU_ASSERT_EQUAL(JetGetRecordSize(e->sesid, tid, &rs, 0), JET_errSuccess);
    return rs.cbData + rs.cbOverhead;
}

/* Sets name to n letters (and, when tag is not NULL, the first value of tags) in the record tid is on. */
static void replace_name(env *e, JET_TABLEID tid, const JET_COLUMNID *cols, uint32_t n, const int32_t *tag)
{
    char text[128];
    memset(text, 'q', sizeof text);
    OK(JetPrepareUpdate(e->sesid, tid, JET_prepReplace));
    OK(JetSetColumn(e->sesid, tid, cols[C_NAME], text, n, n == 0 ? JET_bitSetZeroLength : 0, NULL));
    if (tag != NULL)
        OK(JetSetColumn(e->sesid, tid, cols[C_TAGS], tag, sizeof *tag, 0, NULL));
    OK(JetUpdate(e->sesid, tid, NULL, 0, NULL));
}

/* Two records of the same size, the second with a tagged value: a parse kept from the first, taken for
 * the second (same buffer, same size), hides the tagged value. Reached by a move, and by a replace
 * through another cursor that keeps the size. */
static void check_same_size_records(env *e, JET_TABLEID a, JET_TABLEID b, const JET_COLUMNID *cols)
{
    int32_t tag = 77, got = 0;
    OK(insert_row(e, a, cols, 1001, "", 1));
    OK(insert_row(e, a, cols, 1002, "", 2));
    OK(seek_id(e, a, 1002, JET_bitSeekEQ));
    replace_name(e, a, cols, 2, &tag);
    uint64_t with_tag = record_bytes(e, a);
    OK(seek_id(e, a, 1001, JET_bitSeekEQ));
    replace_name(e, a, cols, 2, NULL);
    uint64_t without = record_bytes(e, a);
    CU_ASSERT_FATAL(with_tag > without && with_tag - without < 100);
    uint32_t n = 2 + (uint32_t)(with_tag - without);
    replace_name(e, a, cols, n, NULL);
    CU_ASSERT_EQUAL(record_bytes(e, a), with_tag);
    /* a move onto the other record */
    CU_ASSERT_EQUAL(get_n(e, a, cols), 1);
    CU_ASSERT_EQUAL(JetRetrieveColumn(e->sesid, a, cols[C_TAGS], &got, sizeof got, NULL, 0, NULL), JET_wrnColumnNull);
    OK(JetMove(e->sesid, a, JET_MoveNext, 0));
    CU_ASSERT_EQUAL(get_n(e, a, cols), 2);
    OK(JetRetrieveColumn(e->sesid, a, cols[C_TAGS], &got, sizeof got, NULL, 0, NULL));
    CU_ASSERT_EQUAL(got, 77);
    /* the record under a replaced through b, same size */
    OK(JetMove(e->sesid, a, JET_MovePrevious, 0));
    CU_ASSERT_EQUAL(get_n(e, a, cols), 1);
    CU_ASSERT_EQUAL(JetRetrieveColumn(e->sesid, a, cols[C_TAGS], &got, sizeof got, NULL, 0, NULL), JET_wrnColumnNull);
    OK(seek_id(e, b, 1001, JET_bitSeekEQ));
    replace_name(e, b, cols, 2, &tag);
    CU_ASSERT_EQUAL(record_bytes(e, b), with_tag);
    got = 0;
    OK(JetRetrieveColumn(e->sesid, a, cols[C_TAGS], &got, sizeof got, NULL, 0, NULL));
    CU_ASSERT_EQUAL(got, 77);
    char name[16];
    OK(get_name(e, a, cols, 0, name, sizeof name));
    CU_ASSERT_STRING_EQUAL(name, "qq");
}

/* JetRetrieveColumn keeps the parse of the current record between calls: every change of the record seen
 * through the same cursor, another cursor, a prepared update, a rollback, a move or a schema change must
 * be seen by the next retrieval (a stale parse would read the old layout's offsets: values are resized so
 * that the variable column moves). */
static void test_retrieve_sees_changes(void)
{
    env e;
    JET_TABLEID a, b;
    JET_COLUMNID cols[C_COUNT];
    char name[128];
    start(&e, "tbl_retrieve");
    create_table(&e, &a, cols);
    for (int64_t id = 1; id <= 300; id++) {
        snprintf(name, sizeof name, "row%lld", (long long)id);
        OK(insert_row(&e, a, cols, id, name, (int32_t)id * 10));
    }
    OK(JetDupCursor(e.sesid, a, &b, 0));
    check_same_size_records(&e, a, b, cols);

    /* A move within a leaf: a fresh record each time. */
    OK(seek_id(&e, a, 7, JET_bitSeekEQ));
    OK(get_name(&e, a, cols, 0, name, sizeof name));
    CU_ASSERT_STRING_EQUAL(name, "row7");
    OK(JetMove(e.sesid, a, JET_MoveNext, 0));
    OK(get_name(&e, a, cols, 0, name, sizeof name));
    CU_ASSERT_STRING_EQUAL(name, "row8");
    CU_ASSERT_EQUAL(get_n(&e, a, cols), 80);

    /* A prepared replace: the copy buffer has the new value, the record the old one until JetUpdate. */
    OK(JetPrepareUpdate(e.sesid, a, JET_prepReplace));
    const char *longer = "row eight, now much longer than before";
    int32_t n = 8008;
    OK(JetSetColumn(e.sesid, a, cols[C_NAME], longer, (uint32_t)strlen(longer), 0, NULL));
    OK(JetSetColumn(e.sesid, a, cols[C_N], &n, sizeof n, 0, NULL));
    OK(get_name(&e, a, cols, JET_bitRetrieveCopy, name, sizeof name));
    CU_ASSERT_STRING_EQUAL(name, longer);
    OK(get_name(&e, a, cols, 0, name, sizeof name));
    CU_ASSERT_STRING_EQUAL(name, "row8");
    CU_ASSERT_EQUAL(get_n(&e, a, cols), 80);
    OK(seek_id(&e, b, 8, JET_bitSeekEQ));
    OK(get_name(&e, b, cols, 0, name, sizeof name));   /* b keeps a parse of the old record */
    CU_ASSERT_STRING_EQUAL(name, "row8");
    OK(JetUpdate(e.sesid, a, NULL, 0, NULL));
    OK(get_name(&e, a, cols, 0, name, sizeof name));
    CU_ASSERT_STRING_EQUAL(name, longer);
    CU_ASSERT_EQUAL(get_n(&e, a, cols), 8008);
    OK(get_name(&e, b, cols, 0, name, sizeof name));   /* changed under b */
    CU_ASSERT_STRING_EQUAL(name, longer);
    CU_ASSERT_EQUAL(get_n(&e, b, cols), 8008);

    /* Changed through b, seen by a; then shorter again, and NULL. */
    OK(JetPrepareUpdate(e.sesid, b, JET_prepReplace));
    OK(JetSetColumn(e.sesid, b, cols[C_NAME], "r8", 2, 0, NULL));
    OK(JetUpdate(e.sesid, b, NULL, 0, NULL));
    OK(get_name(&e, a, cols, 0, name, sizeof name));
    CU_ASSERT_STRING_EQUAL(name, "r8");
    OK(JetPrepareUpdate(e.sesid, b, JET_prepReplace));
    OK(JetSetColumn(e.sesid, b, cols[C_NAME], NULL, 0, 0, NULL));
    OK(JetUpdate(e.sesid, b, NULL, 0, NULL));
    CU_ASSERT_EQUAL(get_name(&e, a, cols, 0, name, sizeof name), JET_wrnColumnNull);
    CU_ASSERT_EQUAL(get_n(&e, a, cols), 8008);

    /* A change rolled back. */
    OK(JetBeginTransaction(e.sesid));
    OK(JetPrepareUpdate(e.sesid, b, JET_prepReplace));
    OK(JetSetColumn(e.sesid, b, cols[C_NAME], "in a transaction", 16, 0, NULL));
    OK(JetUpdate(e.sesid, b, NULL, 0, NULL));
    OK(get_name(&e, a, cols, 0, name, sizeof name));
    CU_ASSERT_STRING_EQUAL(name, "in a transaction");
    OK(JetRollback(e.sesid, 0));
    CU_ASSERT_EQUAL(get_name(&e, a, cols, 0, name, sizeof name), JET_wrnColumnNull);
    CU_ASSERT_EQUAL(get_n(&e, a, cols), 8008);

    /* Deleted through b: a's record is gone. */
    OK(JetDelete(e.sesid, b));
    CU_ASSERT_EQUAL(get_name(&e, a, cols, 0, name, sizeof name), JET_errRecordDeleted);
    OK(JetMove(e.sesid, a, JET_MoveNext, 0));
    OK(get_name(&e, a, cols, 0, name, sizeof name));
    CU_ASSERT_STRING_EQUAL(name, "row9");

    /* Through a secondary index (the record comes from the primary tree by bookmark). */
    OK(JetSetCurrentIndexA(e.sesid, a, "byname"));
    OK(JetMakeKey(e.sesid, a, "row200", 6, JET_bitNewKey));
    OK(JetSeek(e.sesid, a, JET_bitSeekEQ));
    CU_ASSERT_EQUAL(get_n(&e, a, cols), 2000);
    OK(seek_id(&e, b, 200, JET_bitSeekEQ));
    OK(JetPrepareUpdate(e.sesid, b, JET_prepReplace));
    n = -200;
    OK(JetSetColumn(e.sesid, b, cols[C_N], &n, sizeof n, 0, NULL));
    OK(JetUpdate(e.sesid, b, NULL, 0, NULL));
    CU_ASSERT_EQUAL(get_n(&e, a, cols), -200);
    OK(get_name(&e, a, cols, 0, name, sizeof name));
    CU_ASSERT_STRING_EQUAL(name, "row200");

    /* A column added: the table's definition is rebuilt under the kept parse. */
    OK(JetSetCurrentIndexA(e.sesid, a, NULL));
    OK(seek_id(&e, a, 100, JET_bitSeekEQ));
    CU_ASSERT_EQUAL(get_n(&e, a, cols), 1000);
    JET_COLUMNDEF def;
    memset(&def, 0, sizeof def);
    def.cbStruct = sizeof def;
    def.coltyp = JET_coltypLong;
    def.grbit = JET_bitColumnFixed;
    JET_COLUMNID added;
    int32_t dflt = 42;
    OK(JetAddColumnA(e.sesid, b, "added", &def, &dflt, sizeof dflt, &added));
    CU_ASSERT_EQUAL(get_n(&e, a, cols), 1000);
    int32_t got = 0;
    OK(JetRetrieveColumn(e.sesid, a, added, &got, sizeof got, NULL, 0, NULL));
    CU_ASSERT_EQUAL(got, 42);
    OK(get_name(&e, a, cols, 0, name, sizeof name));
    CU_ASSERT_STRING_EQUAL(name, "row100");

    /* The same values through the general path (a JET_RETINFO) and JetRetrieveColumns. */
    JET_RETINFO ri;
    memset(&ri, 0, sizeof ri);
    ri.cbStruct = sizeof ri;
    ri.itagSequence = 1;
    uint32_t cb = 0;
    OK(JetRetrieveColumn(e.sesid, a, cols[C_NAME], name, sizeof name, &cb, 0, &ri));
    CU_ASSERT_EQUAL(cb, 6);
    CU_ASSERT_EQUAL(JetRetrieveColumn(e.sesid, a, cols[C_NAME], name, 3, &cb, 0, NULL), JET_wrnBufferTruncated);
    CU_ASSERT_EQUAL(cb, 6);
    CU_ASSERT_EQUAL(memcmp(name, "row", 3), 0);
    CU_ASSERT_EQUAL(JetRetrieveColumn(e.sesid, a, cols[C_NAME], NULL, 0, &cb, 0, NULL), JET_wrnBufferTruncated);
    CU_ASSERT_EQUAL(cb, 6);
    CU_ASSERT_EQUAL(JetRetrieveColumn(e.sesid, a, 0x7FFF, name, sizeof name, &cb, 0, NULL), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(JetRetrieveColumn(e.sesid, a, 0x7F, name, sizeof name, &cb, 0, NULL), JET_errColumnNotFound);
    CU_ASSERT_EQUAL(JetRetrieveColumn(e.sesid, a, 0x7FFF0001, name, sizeof name, &cb, 0, NULL), JET_errBadColumnId);

    OK(JetCloseTable(e.sesid, b));
    OK(JetCloseTable(e.sesid, a));
    stop(&e);
}

int main(int argc, char **argv)
{
    g_argv0 = argv[0];
    if (argc == 2 && strcmp(argv[1], "--child-crash") == 0)
        return child_crash();
    CU_pSuite s = esent_test_suite("table", NULL, NULL);
    esent_test_add(s, "insert_seek_move", test_insert_seek_move);
    esent_test_add(s, "replace_delete_persist", test_replace_delete_persist);
    esent_test_add(s, "transactions", test_transactions);
    esent_test_add(s, "long_values_multivalues", test_long_values_multivalues);
    esent_test_add(s, "bad_handles", test_bad_handles);
    esent_test_add(s, "temp_tables", test_temp_tables);
    esent_test_add(s, "escrow_autoinc_unique", test_escrow_autoinc_unique);
    esent_test_add(s, "crash_leaves_dirty", test_crash_leaves_dirty);
    esent_test_add(s, "force_detach_closes_cursors", test_force_detach_closes_cursors);
    esent_test_add(s, "retrieve_sees_changes", test_retrieve_sees_changes);
    return esent_test_run();
}
