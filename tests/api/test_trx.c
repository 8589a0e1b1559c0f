/* Transactions across sessions (issue 5): snapshot isolation, invisibility of uncommitted changes, write
 * conflicts (JetPrepareUpdate, JetDelete, JetGetLock), unique-key violations between concurrent inserts,
 * long values read from an older snapshot, nested transactions seen from another session, escrow updates
 * from several sessions, the version store limit (JET_paramMaxVerPages) and its cleanup, JetTerm with
 * transactions open (spec/ese-api.md §1.7), and a session carrying a transaction from thread to thread
 * (JetSetSessionContext).
 *
 * Every rule is checked with two or more sessions of one instance, each with its own JetOpenDatabase of
 * the same database and its own cursor. Public API only: these tests are written from ESENT's documented
 * behaviour and should pass against the real esent.dll. The sources for the expected results:
 *   - JetBeginTransaction (remarks): snapshot isolation; a second writer of a record fails at once with
 *     JET_errWriteConflict; versions are kept from the start of the oldest transaction; a session is bound
 *     to its thread for the length of a transaction unless JetSetSessionContext is used.
 *   - JetPrepareUpdate: JET_prepReplace takes a lock; JET_prepReplaceNoLock does not, and JetUpdate may
 *     then fail with JET_errWriteConflict; a failed JetUpdate leaves the cursor prepared.
 *   - JetGetLock: read locks are compatible with other sessions' read locks, not with their write locks;
 *     write locks are compatible with no other session's lock; JET_errNotInTransaction outside one.
 *   - JetEscrowUpdate: concurrent updates of the same record without conflicts; pvOld receives the value
 *     as stored in the database ("versioning is ignored"); JET_bitEscrowNoRollback survives a rollback.
 *     JET_COLUMNDEF: an escrow column is JET_coltypLong, has a default value (cbDefault > 0), is created
 *     while the table is empty, and is not tagged, version or auto-increment.
 *   - JET_paramMaxVerPages (Resource Parameters): valid range 1 - 2147483647, in version store pages; when
 *     the version store is exhausted updates fail with JET_errVersionStoreOutOfMemory, and the oldest
 *     outstanding transaction must end to release it.
 *   - spec/ese-api.md §1.7: JetTerm (= JetTerm2 with JET_bitTermAbrupt) and JET_bitTermComplete return
 *     JET_errTooManyActiveUsers while a transaction is active and do not terminate the instance. */
#include <esent.h>
#include "api_fixture.h"
#include "cu_runner.h"
#include "test_util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OK(x) CU_ASSERT_EQUAL_FATAL((x), JET_errSuccess)

/* ---- fixture: one instance, one database, NSES sessions each with its own database handle and cursor ---- */

#define NSES_MAX 6

enum { C_ID, C_NAME, C_N, C_CODE, C_BLOB, C_BAL, C_COUNT };

typedef struct ses {
    JET_SESID s;
    JET_DBID db;
    JET_TABLEID t;
} ses;

typedef struct fx {
    JET_INSTANCE inst;
    char dir[128];
    char db[256];
    int n;
    ses ss[NSES_MAX];
    JET_COLUMNID c[C_COUNT];
} fx;

/* Table "t": id Long (primary), name Text (index "byname"), n Long, code Text (unique index "bycode",
 * nulls not indexed), blob LongBinary (tagged), bal Long escrow column (fixed, default 0). Created by
 * session 0 outside any transaction; the cursor JetCreateTableColumnIndex returns is closed (it may be
 * exclusive) and every session opens its own. */
static void create_table(fx *f)
{
    JET_COLUMNCREATE_A cc[C_COUNT];
    memset(cc, 0, sizeof cc);
    static const char *const names[C_COUNT] = { "id", "name", "n", "code", "blob", "bal" };
    static const JET_COLTYP types[C_COUNT] = { JET_coltypLong, JET_coltypText, JET_coltypLong,
                                              JET_coltypText, JET_coltypLongBinary, JET_coltypLong };
    static const JET_GRBIT bits[C_COUNT] = { JET_bitColumnFixed | JET_bitColumnNotNULL, 0, JET_bitColumnFixed, 0,
                                             JET_bitColumnTagged, JET_bitColumnFixed | JET_bitColumnEscrowUpdate };
    static int32_t zero = 0;
    for (int i = 0; i < C_COUNT; i++) {
        cc[i].cbStruct = sizeof cc[i];
        cc[i].szColumnName = (char *)names[i];
        cc[i].coltyp = types[i];
        cc[i].cbMax = types[i] == JET_coltypText ? 64 : 0;
        cc[i].grbit = bits[i];
        cc[i].cp = types[i] == JET_coltypText ? 1252 : 0;
    }
    cc[C_BAL].pvDefault = &zero;   /* an escrow column needs a default value */
    cc[C_BAL].cbDefault = sizeof zero;
    static char k_pk[] = "+id\0";
    static char k_name[] = "+name\0";
    static char k_code[] = "+code\0";
    JET_INDEXCREATE_A ic[3] = {
        api_index_a("primary", k_pk, sizeof k_pk, JET_bitIndexPrimary),
        api_index_a("byname", k_name, sizeof k_name, JET_bitIndexIgnoreAnyNull),
        api_index_a("bycode", k_code, sizeof k_code, JET_bitIndexUnique | JET_bitIndexIgnoreAnyNull),
    };
    JET_TABLECREATE_A tc = api_table_a("t", cc, C_COUNT, ic, 3);
    OK(JetCreateTableColumnIndexA(f->ss[0].s, f->ss[0].db, &tc));
    for (int i = 0; i < C_COUNT; i++)
        f->c[i] = cc[i].columnid;
    OK(JetCloseTable(f->ss[0].s, tc.tableid));
}

/* max_ver_pages: 0 keeps the default. */
static void fx_start(fx *f, const char *name, int nses, unsigned long max_ver_pages)
{
    memset(f, 0, sizeof *f);
    f->n = nses;
    snprintf(f->dir, sizeof f->dir, "%s_sys/", name);
    snprintf(f->db, sizeof f->db, "%s_sys/%s.edb", name, name);
    OK(JetCreateInstanceA(&f->inst, name));
    OK(JetSetSystemParameterA(&f->inst, 0, JET_paramSystemPath, 0, f->dir));
    OK(JetSetSystemParameterA(&f->inst, 0, JET_paramLogFilePath, 0, f->dir));
    OK(JetSetSystemParameterA(&f->inst, 0, JET_paramTempPath, 0, f->dir));
    OK(JetSetSystemParameterA(&f->inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    if (max_ver_pages != 0)
        OK(JetSetSystemParameterA(&f->inst, 0, JET_paramMaxVerPages, max_ver_pages, NULL));
    OK(JetInit(&f->inst));
    for (int i = 0; i < nses; i++)
        OK(JetBeginSessionA(f->inst, &f->ss[i].s, "", ""));
    OK(JetCreateDatabaseA(f->ss[0].s, f->db, NULL, &f->ss[0].db, JET_bitDbOverwriteExisting));
    create_table(f);
    for (int i = 1; i < nses; i++)   /* the same database, opened by each of the other sessions */
        OK(JetOpenDatabaseA(f->ss[i].s, f->db, NULL, &f->ss[i].db, 0));
    for (int i = 0; i < nses; i++)
        OK(JetOpenTableA(f->ss[i].s, f->ss[i].db, "t", NULL, 0, 0, &f->ss[i].t));
}

/* Ends whatever a failed test left open, then terminates; a test checks its own transaction state before. */
static void fx_stop(fx *f)
{
    for (int i = 0; i < f->n; i++)
        (void)JetRollback(f->ss[i].s, JET_bitRollbackAll);
    CU_ASSERT_EQUAL(JetTerm(f->inst), JET_errSuccess);
}

/* ---- record helpers: session i's cursor, which stays on the primary index ---- */

static JET_ERR seek_id(fx *f, int i, int32_t id)
{
    ses *x = &f->ss[i];
    JET_ERR err = JetMakeKey(x->s, x->t, &id, sizeof id, JET_bitNewKey);
    return err < 0 ? err : JetSeek(x->s, x->t, JET_bitSeekEQ);
}

/* 1 when session i sees record id, 0 when it does not, -1 on any other answer. */
static int has_id(fx *f, int i, int32_t id)
{
    JET_ERR err = seek_id(f, i, id);
    return err == JET_errSuccess ? 1 : err == JET_errRecordNotFound ? 0 : -1;
}

/* An insert; on failure after the prepare, the update is cancelled (the error is returned). */
static JET_ERR insert_row(fx *f, int i, int32_t id, const char *name, int32_t n, const char *code)
{
    ses *x = &f->ss[i];
    JET_ERR err = JetPrepareUpdate(x->s, x->t, JET_prepInsert);
    if (err < 0)
        return err;
    err = JetSetColumn(x->s, x->t, f->c[C_ID], &id, sizeof id, 0, NULL);
    if (err >= 0 && name != NULL)
        err = JetSetColumn(x->s, x->t, f->c[C_NAME], name, (uint32_t)strlen(name), 0, NULL);
    if (err >= 0)
        err = JetSetColumn(x->s, x->t, f->c[C_N], &n, sizeof n, 0, NULL);
    if (err >= 0 && code != NULL)
        err = JetSetColumn(x->s, x->t, f->c[C_CODE], code, (uint32_t)strlen(code), 0, NULL);
    if (err >= 0)
        err = JetUpdate(x->s, x->t, NULL, 0, NULL);
    if (err < 0)
        (void)JetPrepareUpdate(x->s, x->t, JET_prepCancel);
    return err;
}

/* Seek id, prepare with prep, set one column, update; a failure of the prepare is returned as is, a later
 * failure cancels the update. */
static JET_ERR replace_col(fx *f, int i, int32_t id, uint32_t prep, JET_COLUMNID col, const void *pv,
                           uint32_t cb)
{
    ses *x = &f->ss[i];
    JET_ERR err = seek_id(f, i, id);
    if (err < 0)
        return err;
    err = JetPrepareUpdate(x->s, x->t, prep);
    if (err < 0)
        return err;
    err = JetSetColumn(x->s, x->t, col, pv, cb, 0, NULL);
    if (err >= 0)
        err = JetUpdate(x->s, x->t, NULL, 0, NULL);
    if (err < 0)
        (void)JetPrepareUpdate(x->s, x->t, JET_prepCancel);
    return err;
}

static JET_ERR set_n(fx *f, int i, int32_t id, int32_t n)
{
    return replace_col(f, i, id, JET_prepReplace, f->c[C_N], &n, sizeof n);
}

static JET_ERR set_name(fx *f, int i, int32_t id, const char *name)
{
    return replace_col(f, i, id, JET_prepReplace, f->c[C_NAME], name, (uint32_t)strlen(name));
}

static JET_ERR delete_id(fx *f, int i, int32_t id)
{
    JET_ERR err = seek_id(f, i, id);
    return err < 0 ? err : JetDelete(f->ss[i].s, f->ss[i].t);
}

/* n of record id as session i sees it; INT32_MIN when the record cannot be read. */
static int32_t get_n(fx *f, int i, int32_t id)
{
    int32_t n = INT32_MIN;
    uint32_t cb = 0;
    if (seek_id(f, i, id) != JET_errSuccess)
        return INT32_MIN;
    if (JetRetrieveColumn(f->ss[i].s, f->ss[i].t, f->c[C_N], &n, sizeof n, &cb, 0, NULL) != JET_errSuccess ||
        cb != sizeof n)
        return INT32_MIN;
    return n;
}

/* Rows session i sees in a full JetMove scan of the primary index; -1 when the scan ends on an error
 * other than JET_errNoCurrentRecord. sum receives the total of n. */
static int scan(fx *f, int i, int64_t *sum)
{
    ses *x = &f->ss[i];
    int rows = 0;
    int64_t total = 0;
    JET_ERR err = JetMove(x->s, x->t, JET_MoveFirst, 0);
    while (err == JET_errSuccess) {
        int32_t n = 0;
        uint32_t cb = 0;
        if (JetRetrieveColumn(x->s, x->t, f->c[C_N], &n, sizeof n, &cb, 0, NULL) != JET_errSuccess)
            return -1;
        total += n;
        rows++;
        err = JetMove(x->s, x->t, JET_MoveNext, 0);
    }
    if (sum != NULL)
        *sum = total;
    return err == JET_errNoCurrentRecord ? rows : -1;
}

static int count_rows(fx *f, int i)
{
    return scan(f, i, NULL);
}

/* 1 when session i finds name in index "byname" (JetSeek EQ), 0 when not, -1 otherwise. The cursor
 * goes back to the primary index. */
static int has_name(fx *f, int i, const char *name)
{
    ses *x = &f->ss[i];
    int r = -1;
    if (JetSetCurrentIndexA(x->s, x->t, "byname") != JET_errSuccess)
        return -1;
    if (JetMakeKey(x->s, x->t, name, (uint32_t)strlen(name), JET_bitNewKey) == JET_errSuccess) {
        JET_ERR err = JetSeek(x->s, x->t, JET_bitSeekEQ);
        r = err == JET_errSuccess ? 1 : err == JET_errRecordNotFound ? 0 : -1;
    }
    if (JetSetCurrentIndexA(x->s, x->t, NULL) != JET_errSuccess)
        return -1;
    return r;
}

/* Rows 1..count: name "n<id>" (row 3: "alpha"), n = id * 10. Committed by session 0. */
static void populate(fx *f, int count)
{
    OK(JetBeginTransaction(f->ss[0].s));
    for (int32_t id = 1; id <= count; id++) {
        char name[16];
        snprintf(name, sizeof name, "n%d", (int)id);
        OK(insert_row(f, 0, id, id == 3 ? "alpha" : name, id * 10, NULL));
    }
    OK(JetCommitTransaction(f->ss[0].s, 0));
}

/* ---- snapshot isolation ---- */

/* The state before session 1's changes, as session i must see it (rows 1..10 from populate). */
static void expect_old_state(fx *f, int i)
{
    int64_t sum = 0;
    CU_ASSERT_EQUAL(scan(f, i, &sum), 10);
    CU_ASSERT_EQUAL(sum, 550);
    CU_ASSERT_EQUAL(get_n(f, i, 5), 50);
    CU_ASSERT_EQUAL(has_id(f, i, 7), 1);
    CU_ASSERT_EQUAL(has_id(f, i, 11), 0);
    CU_ASSERT_EQUAL(has_id(f, i, 12), 0);
    CU_ASSERT_EQUAL(has_name(f, i, "alpha"), 1);
    CU_ASSERT_EQUAL(has_name(f, i, "omega"), 0);
}

/* After: 11 and 12 inserted, 5.n = 555, 3 renamed alpha -> omega, 7 deleted. */
static void expect_new_state(fx *f, int i)
{
    int64_t sum = 0;
    CU_ASSERT_EQUAL(scan(f, i, &sum), 11);
    CU_ASSERT_EQUAL(sum, 550 - 50 + 555 - 70 + 110 + 120);
    CU_ASSERT_EQUAL(get_n(f, i, 5), 555);
    CU_ASSERT_EQUAL(has_id(f, i, 7), 0);
    CU_ASSERT_EQUAL(has_id(f, i, 11), 1);
    CU_ASSERT_EQUAL(has_id(f, i, 12), 1);
    CU_ASSERT_EQUAL(has_name(f, i, "alpha"), 0);
    CU_ASSERT_EQUAL(has_name(f, i, "omega"), 1);
}

static void apply_changes(fx *f, int i)
{
    CU_ASSERT_EQUAL(insert_row(f, i, 11, "n11", 110, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(insert_row(f, i, 12, "n12", 120, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(set_n(f, i, 5, 555), JET_errSuccess);
    CU_ASSERT_EQUAL(set_name(f, i, 3, "omega"), JET_errSuccess);
    CU_ASSERT_EQUAL(delete_id(f, i, 7), JET_errSuccess);
}

/* S0 reads in a transaction; S1 inserts, replaces, renames (secondary key) and deletes, and commits; S0 keeps
 * seeing the state as of its JetBeginTransaction until it commits; a new transaction and reads outside any
 * transaction see the new state. */
static void test_snapshot(void)
{
    fx f;
    fx_start(&f, "trx_snap", 3, 0);
    populate(&f, 10);
    OK(JetBeginTransaction(f.ss[0].s));
    expect_old_state(&f, 0);
    /* S0's cursor rests on record 7, which S1 deletes. */
    CU_ASSERT_EQUAL(seek_id(&f, 0, 7), JET_errSuccess);

    OK(JetBeginTransaction(f.ss[1].s));
    apply_changes(&f, 1);
    OK(JetCommitTransaction(f.ss[1].s, 0));

    /* S0 is still on record 7 and can read it and move on from it. */
    int32_t id = 0, n = 0;
    CU_ASSERT_EQUAL(JetRetrieveColumn(f.ss[0].s, f.ss[0].t, f.c[C_ID], &id, sizeof id, NULL, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 7);
    CU_ASSERT_EQUAL(JetRetrieveColumn(f.ss[0].s, f.ss[0].t, f.c[C_N], &n, sizeof n, NULL, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(n, 70);
    CU_ASSERT_EQUAL(JetMove(f.ss[0].s, f.ss[0].t, JET_MoveNext, 0), JET_errSuccess);
    id = 0;
    CU_ASSERT_EQUAL(JetRetrieveColumn(f.ss[0].s, f.ss[0].t, f.c[C_ID], &id, sizeof id, NULL, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 8);
    expect_old_state(&f, 0);               /* primary seeks, values, scan count, secondary index */

    /* Outside any transaction and in a new one, S1 sees its committed changes; so does a third session. */
    expect_new_state(&f, 1);
    OK(JetBeginTransaction(f.ss[1].s));
    expect_new_state(&f, 1);
    OK(JetCommitTransaction(f.ss[1].s, 0));
    expect_new_state(&f, 2);

    expect_old_state(&f, 0);               /* still, however long S0's transaction lasts */
    OK(JetCommitTransaction(f.ss[0].s, 0));
    expect_new_state(&f, 0);               /* outside a transaction */
    OK(JetBeginTransaction(f.ss[0].s));
    expect_new_state(&f, 0);               /* and in a new one */
    OK(JetCommitTransaction(f.ss[0].s, 0));
    fx_stop(&f);
}

/* A snapshot taken by a read-only transaction while another session's changes are uncommitted: the later
 * commit stays invisible to it (the snapshot is the begin time, not the first read). */
static void test_snapshot_begins_at_begin(void)
{
    fx f;
    fx_start(&f, "trx_snapbegin", 2, 0);
    populate(&f, 10);
    OK(JetBeginTransaction(f.ss[1].s));
    apply_changes(&f, 1);
    OK(JetBeginTransaction(f.ss[0].s));    /* begins while S1's changes are uncommitted */
    OK(JetCommitTransaction(f.ss[1].s, 0));
    expect_old_state(&f, 0);               /* first read after S1's commit */
    OK(JetCommitTransaction(f.ss[0].s, 0));
    expect_new_state(&f, 0);
    fx_stop(&f);
}

/* Ids in the order of index "byname" as session i sees them (at most max); the count, or -1 on an error
 * other than the end. The cursor goes back to the primary index. */
static int scan_byname(fx *f, int i, int32_t *ids, int max)
{
    ses *x = &f->ss[i];
    int count = 0;
    if (JetSetCurrentIndexA(x->s, x->t, "byname") != JET_errSuccess)
        return -1;
    JET_ERR err = JetMove(x->s, x->t, JET_MoveFirst, 0);
    while (err == JET_errSuccess && count < max) {
        int32_t id = 0;
        if (JetRetrieveColumn(x->s, x->t, f->c[C_ID], &id, sizeof id, NULL, 0, NULL) != JET_errSuccess)
            break;
        ids[count++] = id;
        err = JetMove(x->s, x->t, JET_MoveNext, 0);
    }
    if (JetSetCurrentIndexA(x->s, x->t, NULL) != JET_errSuccess || err != JET_errNoCurrentRecord)
        return -1;
    return count;
}

/* Rows 1..10 named k01..k10. */
static void populate_k(fx *f)
{
    OK(JetBeginTransaction(f->ss[0].s));
    for (int32_t id = 1; id <= 10; id++) {
        char name[8];
        snprintf(name, sizeof name, "k%02d", (int)id);
        OK(insert_row(f, 0, id, name, id * 10, NULL));
    }
    OK(JetCommitTransaction(f->ss[0].s, 0));
}

/* A snapshot walks a secondary index while another session moves entries across the cursor's position
 * (renames before and after it, a rename of the current entry, an insert and a delete) and commits: the walk
 * sees the index as of its JetBeginTransaction, forwards and backwards; a new transaction sees the new order. */
static void test_snapshot_secondary_walk(void)
{
    fx f;
    fx_start(&f, "trx_snapwalk", 2, 0);
    populate_k(&f);
    ses *s0 = &f.ss[0];
    OK(JetBeginTransaction(s0->s));
    OK(JetSetCurrentIndexA(s0->s, s0->t, "byname"));
    OK(JetMakeKey(s0->s, s0->t, "k05", 3, JET_bitNewKey));
    CU_ASSERT_EQUAL(JetSeek(s0->s, s0->t, JET_bitSeekEQ), JET_errSuccess);

    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(set_name(&f, 1, 2, "k99"), JET_errSuccess);     /* from before the cursor to the end */
    CU_ASSERT_EQUAL(set_name(&f, 1, 8, "k00"), JET_errSuccess);     /* from after the cursor to the start */
    CU_ASSERT_EQUAL(set_name(&f, 1, 5, "k075"), JET_errSuccess);    /* the current entry, moved ahead */
    CU_ASSERT_EQUAL(insert_row(&f, 1, 11, "k06", 110, NULL), JET_errSuccess);   /* a duplicate name */
    CU_ASSERT_EQUAL(delete_id(&f, 1, 9), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[1].s, 0));

    /* Forwards from k05, then backwards from the end to the start. */
    int32_t id = 0;
    CU_ASSERT_EQUAL(JetRetrieveColumn(s0->s, s0->t, f.c[C_ID], &id, sizeof id, NULL, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(id, 5);
    int32_t expect = 6;
    JET_ERR err;
    while ((err = JetMove(s0->s, s0->t, JET_MoveNext, 0)) == JET_errSuccess) {
        id = 0;
        CU_ASSERT_EQUAL(JetRetrieveColumn(s0->s, s0->t, f.c[C_ID], &id, sizeof id, NULL, 0, NULL), JET_errSuccess);
        CU_ASSERT_EQUAL(id, expect);
        expect++;
    }
    CU_ASSERT_EQUAL(err, JET_errNoCurrentRecord);
    CU_ASSERT_EQUAL(expect, 11);
    OK(JetMove(s0->s, s0->t, JET_MoveLast, 0));
    expect = 10;
    do {
        id = 0;
        CU_ASSERT_EQUAL(JetRetrieveColumn(s0->s, s0->t, f.c[C_ID], &id, sizeof id, NULL, 0, NULL), JET_errSuccess);
        CU_ASSERT_EQUAL(id, expect);
        expect--;
    } while (JetMove(s0->s, s0->t, JET_MovePrevious, 0) == JET_errSuccess);
    CU_ASSERT_EQUAL(expect, 0);
    OK(JetSetCurrentIndexA(s0->s, s0->t, NULL));
    int32_t ids[32];
    CU_ASSERT_EQUAL(scan_byname(&f, 0, ids, 32), 10);
    for (int k = 0; k < 10; k++)
        CU_ASSERT_EQUAL(ids[k], k + 1);
    OK(JetCommitTransaction(s0->s, 0));

    /* The new order: k00(8) k01(1) k03(3) k04(4) k06(6) k06(11) k07(7) k075(5) k10(10) k99(2). */
    static const int32_t after[] = { 8, 1, 3, 4, 6, 11, 7, 5, 10, 2 };
    for (int i = 0; i < 2; i++) {
        CU_ASSERT_EQUAL(scan_byname(&f, i, ids, 32), 10);
        for (int k = 0; k < 10; k++)
            CU_ASSERT_EQUAL(ids[k], after[k]);
    }
    fx_stop(&f);
}

/* Many short committed transactions change the indexed column while a snapshot walks the secondary index
 * back and forth: every walk of the snapshot sees the same entries. */
static void test_snapshot_secondary_churn(void)
{
    fx f;
    fx_start(&f, "trx_snapchurn", 2, 0);
    populate_k(&f);
    int32_t before[32], now[32];
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL_FATAL(scan_byname(&f, 0, before, 32), 10);
    for (int round = 0; round < 200; round++) {
        char name[8];
        int32_t id = 1 + round % 10;
        snprintf(name, sizeof name, "k%02d", (round * 37) % 100);
        OK(JetBeginTransaction(f.ss[1].s));
        CU_ASSERT_EQUAL(set_name(&f, 1, id, name), JET_errSuccess);
        OK(JetCommitTransaction(f.ss[1].s, JET_bitCommitLazyFlush));
        if (round % 20 == 0) {
            CU_ASSERT_EQUAL(scan_byname(&f, 0, now, 32), 10);
            CU_ASSERT(memcmp(before, now, sizeof(int32_t) * 10) == 0);
        }
    }
    CU_ASSERT_EQUAL(scan_byname(&f, 0, now, 32), 10);
    CU_ASSERT(memcmp(before, now, sizeof(int32_t) * 10) == 0);
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(scan_byname(&f, 0, now, 32), 10);
    fx_stop(&f);
}

static int same_ids(const int32_t *got, int n, const int32_t *expect, int n_expect)
{
    return n == n_expect && memcmp(got, expect, sizeof(int32_t) * (size_t)n) == 0;
}

static void print_ids(const char *label, const int32_t *ids, int n)
{
    printf("  %s:", label);
    for (int k = 0; k < n; k++)
        printf(" %d", (int)ids[k]);
    printf("\n");
}

/* A secondary key that goes away and comes back (A -> B -> A, by two committed transactions, or within one,
 * or undone by a rollback), seen from snapshots taken before, between and after: each sees every record
 * exactly once, under the key it had at the snapshot's begin. */
static void test_snapshot_secondary_key_returns(void)
{
    fx f;
    fx_start(&f, "trx_snapaba", 4, 0);
    populate_k(&f);
    int32_t ids[32];
    int n;
    static const int32_t orig[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
    static const int32_t moved[] = { 2, 3, 4, 5, 6, 7, 8, 9, 10, 1 };   /* 1 renamed k01 -> k50 */
    /* A -> B -> A in one transaction with no other transaction open. */
    OK(JetBeginTransaction(f.ss[3].s));
    CU_ASSERT_EQUAL(set_name(&f, 3, 5, "k80"), JET_errSuccess);
    CU_ASSERT_EQUAL(set_name(&f, 3, 5, "k05"), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[3].s, 0));
    n = scan_byname(&f, 2, ids, 32);
    if (!same_ids(ids, n, orig, 10))
        print_ids("A->B->A in one transaction, nothing else open", ids, n);
    CU_ASSERT(same_ids(ids, n, orig, 10));
    /* S0: a snapshot before both changes. */
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(scan_byname(&f, 0, ids, 32), 10);
    OK(JetBeginTransaction(f.ss[3].s));
    CU_ASSERT_EQUAL(set_name(&f, 3, 1, "k50"), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[3].s, 0));
    /* S1: a snapshot between the two changes. */
    OK(JetBeginTransaction(f.ss[1].s));
    n = scan_byname(&f, 1, ids, 32);
    CU_ASSERT(same_ids(ids, n, moved, 10));
    OK(JetBeginTransaction(f.ss[3].s));
    CU_ASSERT_EQUAL(set_name(&f, 3, 1, "k01"), JET_errSuccess);   /* back to the original key */
    OK(JetCommitTransaction(f.ss[3].s, 0));
    n = scan_byname(&f, 0, ids, 32);
    if (!same_ids(ids, n, orig, 10))
        print_ids("A->B->A, snapshot before both", ids, n);
    CU_ASSERT(same_ids(ids, n, orig, 10));
    n = scan_byname(&f, 1, ids, 32);
    if (!same_ids(ids, n, moved, 10))
        print_ids("A->B->A, snapshot between", ids, n);
    CU_ASSERT(same_ids(ids, n, moved, 10));
    n = scan_byname(&f, 2, ids, 32);   /* outside a transaction: the latest */
    CU_ASSERT(same_ids(ids, n, orig, 10));
    OK(JetCommitTransaction(f.ss[0].s, 0));
    OK(JetCommitTransaction(f.ss[1].s, 0));

    /* A -> B -> A inside one transaction, committed; and A -> B rolled back. */
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(scan_byname(&f, 0, ids, 32), 10);
    OK(JetBeginTransaction(f.ss[3].s));
    CU_ASSERT_EQUAL(set_name(&f, 3, 4, "k60"), JET_errSuccess);
    CU_ASSERT_EQUAL(set_name(&f, 3, 4, "k04"), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[3].s, 0));
    OK(JetBeginTransaction(f.ss[3].s));
    CU_ASSERT_EQUAL(set_name(&f, 3, 6, "k70"), JET_errSuccess);
    n = scan_byname(&f, 0, ids, 32);
    if (!same_ids(ids, n, orig, 10))
        print_ids("A->B uncommitted, snapshot before", ids, n);
    CU_ASSERT(same_ids(ids, n, orig, 10));
    OK(JetRollback(f.ss[3].s, 0));
    n = scan_byname(&f, 0, ids, 32);
    if (!same_ids(ids, n, orig, 10))
        print_ids("A->B->A in one transaction / A->B rolled back, snapshot before", ids, n);
    CU_ASSERT(same_ids(ids, n, orig, 10));
    OK(JetCommitTransaction(f.ss[0].s, 0));
    for (int i = 0; i < 4; i++) {
        n = scan_byname(&f, i, ids, 32);
        if (!same_ids(ids, n, orig, 10))
            print_ids("after every transaction ended", ids, n);
        CU_ASSERT(same_ids(ids, n, orig, 10));
    }
    fx_stop(&f);
}

/* ---- uncommitted changes ---- */

/* S1's uncommitted insert, replace, rename and delete are invisible to S0 (in and outside a transaction) and
 * visible to S1; after S1's JetRollback nobody sees any of it. */
static void test_uncommitted_invisible(void)
{
    fx f;
    fx_start(&f, "trx_uncommitted", 3, 0);
    populate(&f, 10);
    OK(JetBeginTransaction(f.ss[2].s));    /* a transaction older than S1's changes */
    OK(JetBeginTransaction(f.ss[1].s));
    apply_changes(&f, 1);
    expect_new_state(&f, 1);               /* its own changes */
    expect_old_state(&f, 0);               /* outside a transaction */
    OK(JetBeginTransaction(f.ss[0].s));
    expect_old_state(&f, 0);               /* in a transaction begun after the changes */
    OK(JetCommitTransaction(f.ss[0].s, 0));
    expect_old_state(&f, 2);
    CU_ASSERT_EQUAL(JetRollback(f.ss[1].s, 0), JET_errSuccess);
    expect_old_state(&f, 1);
    expect_old_state(&f, 0);
    expect_old_state(&f, 2);
    OK(JetCommitTransaction(f.ss[2].s, 0));
    expect_old_state(&f, 2);
    /* The rollback released S1's locks: S0 may now change those records. */
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(set_n(&f, 0, 5, 5000), JET_errSuccess);
    CU_ASSERT_EQUAL(delete_id(&f, 0, 7), JET_errSuccess);
    CU_ASSERT_EQUAL(insert_row(&f, 0, 11, "n11", 1, NULL), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(get_n(&f, 1, 5), 5000);
    CU_ASSERT_EQUAL(has_id(&f, 1, 7), 0);
    CU_ASSERT_EQUAL(has_id(&f, 1, 11), 1);
    fx_stop(&f);
}

/* ---- write conflicts ---- */

static JET_ERR prepare_replace(fx *f, int i, int32_t id, uint32_t prep)
{
    JET_ERR err = seek_id(f, i, id);
    return err < 0 ? err : JetPrepareUpdate(f->ss[i].s, f->ss[i].t, prep);
}

static JET_ERR lock_id(fx *f, int i, int32_t id, JET_GRBIT grbit)
{
    JET_ERR err = seek_id(f, i, id);
    return err < 0 ? err : JetGetLock(f->ss[i].s, f->ss[i].t, grbit);
}

/* The three ways to claim record id for writing all answer JET_errWriteConflict to session i, which still
 * sees the record. */
static void expect_conflicts(fx *f, int i, int32_t id)
{
    CU_ASSERT_EQUAL(has_id(f, i, id), 1);
    CU_ASSERT_EQUAL(prepare_replace(f, i, id, JET_prepReplace), JET_errWriteConflict);
    (void)JetPrepareUpdate(f->ss[i].s, f->ss[i].t, JET_prepCancel);   /* only if the prepare wrongly worked */
    CU_ASSERT_EQUAL(delete_id(f, i, id), JET_errWriteConflict);
    CU_ASSERT_EQUAL(lock_id(f, i, id, JET_bitWriteLock), JET_errWriteConflict);
}

/* JetPrepareUpdate(JET_prepReplace), JetDelete and JetGetLock on a record another session changed and has
 * not committed: JET_errWriteConflict; the same after that session commits, for a transaction begun before
 * the commit; a transaction begun after the commit succeeds. Record-level: other records are free. */
static void test_write_conflict_replace_delete_lock(void)
{
    fx f;
    fx_start(&f, "trx_conflict", 2, 0);
    populate(&f, 10);
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(set_n(&f, 1, 5, 1), JET_errSuccess);
    OK(JetBeginTransaction(f.ss[0].s));
    expect_conflicts(&f, 0, 5);
    /* A read lock is incompatible with another session's write lock too. */
    CU_ASSERT_EQUAL(lock_id(&f, 0, 5, JET_bitReadLock), JET_errWriteConflict);
    CU_ASSERT_EQUAL(get_n(&f, 0, 5), 50);                      /* reading is never blocked */
    CU_ASSERT_EQUAL(set_n(&f, 0, 6, 66), JET_errSuccess);     /* other records are not locked */
    /* The conflicting holder committed: S0's snapshot predates it, so still a conflict. */
    OK(JetCommitTransaction(f.ss[1].s, 0));
    expect_conflicts(&f, 0, 5);
    CU_ASSERT_EQUAL(get_n(&f, 0, 5), 50);
    CU_ASSERT_EQUAL(JetRollback(f.ss[0].s, 0), JET_errSuccess);
    /* A transaction begun after the commit may change the record. */
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(get_n(&f, 0, 5), 1);
    CU_ASSERT_EQUAL(lock_id(&f, 0, 5, JET_bitWriteLock), JET_errSuccess);
    CU_ASSERT_EQUAL(set_n(&f, 0, 5, 2), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(get_n(&f, 1, 5), 2);
    CU_ASSERT_EQUAL(get_n(&f, 1, 6), 60);                      /* S0's change to 6 was rolled back */

    /* An uncommitted delete locks the record too; S0 still sees it. */
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(delete_id(&f, 1, 9), JET_errSuccess);
    OK(JetBeginTransaction(f.ss[0].s));
    expect_conflicts(&f, 0, 9);
    OK(JetRollback(f.ss[1].s, 0));
    OK(JetRollback(f.ss[0].s, 0));
    /* An uncommitted JetGetLock(write) locks without changing anything. */
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(lock_id(&f, 1, 4, JET_bitWriteLock), JET_errSuccess);
    OK(JetBeginTransaction(f.ss[0].s));
    expect_conflicts(&f, 0, 4);
    OK(JetCommitTransaction(f.ss[1].s, 0));
    OK(JetRollback(f.ss[0].s, 0));
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(set_n(&f, 0, 4, 44), JET_errSuccess);     /* a transaction begun after the commit */
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(get_n(&f, 1, 4), 44);
    fx_stop(&f);
}

/* Outside a transaction, updates wrapped by the engine: a record another session changed and has not
 * committed cannot be replaced or deleted either. */
static void test_write_conflict_outside_transaction(void)
{
    fx f;
    fx_start(&f, "trx_conflict0", 2, 0);
    populate(&f, 10);
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(set_n(&f, 1, 5, 1), JET_errSuccess);
    /* The conflict may show at the prepare or at JetUpdate (each call is its own transaction). */
    CU_ASSERT_EQUAL(set_n(&f, 0, 5, 2), JET_errWriteConflict);
    CU_ASSERT_EQUAL(delete_id(&f, 0, 5), JET_errWriteConflict);
    CU_ASSERT_EQUAL(get_n(&f, 0, 5), 50);
    OK(JetCommitTransaction(f.ss[1].s, 0));
    CU_ASSERT_EQUAL(set_n(&f, 0, 5, 7), JET_errSuccess);   /* after the commit: a fresh implicit transaction */
    CU_ASSERT_EQUAL(get_n(&f, 1, 5), 7);
    fx_stop(&f);
}

/* JET_prepReplaceNoLock takes no lock: the prepare succeeds, the conflict shows at JetUpdate. */
static void test_write_conflict_replace_nolock(void)
{
    fx f;
    fx_start(&f, "trx_nolock", 2, 0);
    populate(&f, 10);
    ses *s0 = &f.ss[0];
    int32_t v = 12345;
    /* The other session's change is already there (uncommitted). */
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(set_n(&f, 1, 5, 1), JET_errSuccess);
    OK(JetBeginTransaction(s0->s));
    CU_ASSERT_EQUAL(prepare_replace(&f, 0, 5, JET_prepReplaceNoLock), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetColumn(s0->s, s0->t, f.c[C_N], &v, sizeof v, 0, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(JetUpdate(s0->s, s0->t, NULL, 0, NULL), JET_errWriteConflict);
    CU_ASSERT_EQUAL(JetPrepareUpdate(s0->s, s0->t, JET_prepCancel), JET_errSuccess);   /* still prepared */
    OK(JetRollback(s0->s, 0));
    OK(JetCommitTransaction(f.ss[1].s, 0));
    /* The other session changes and commits the record after the prepare: the prepare held no lock. */
    OK(JetBeginTransaction(s0->s));
    CU_ASSERT_EQUAL(prepare_replace(&f, 0, 4, JET_prepReplaceNoLock), JET_errSuccess);
    CU_ASSERT_EQUAL(JetSetColumn(s0->s, s0->t, f.c[C_N], &v, sizeof v, 0, NULL), JET_errSuccess);
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(set_n(&f, 1, 4, 4000), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[1].s, 0));
    CU_ASSERT_EQUAL(JetUpdate(s0->s, s0->t, NULL, 0, NULL), JET_errWriteConflict);
    CU_ASSERT_EQUAL(JetPrepareUpdate(s0->s, s0->t, JET_prepCancel), JET_errSuccess);
    OK(JetRollback(s0->s, 0));
    CU_ASSERT_EQUAL(get_n(&f, 0, 4), 4000);
    CU_ASSERT_EQUAL(get_n(&f, 0, 5), 1);
    /* Without competition JET_prepReplaceNoLock updates normally. */
    OK(JetBeginTransaction(s0->s));
    CU_ASSERT_EQUAL(replace_col(&f, 0, 6, JET_prepReplaceNoLock, f.c[C_N], &v, sizeof v), JET_errSuccess);
    OK(JetCommitTransaction(s0->s, 0));
    CU_ASSERT_EQUAL(get_n(&f, 1, 6), 12345);
    fx_stop(&f);
}

/* JetGetLock(JET_bitReadLock): two sessions' read locks coexist; a read lock makes the other session's
 * replace, delete and write lock fail with JET_errWriteConflict; outside a transaction
 * JET_errNotInTransaction. */
static void test_read_write_locks(void)
{
    fx f;
    fx_start(&f, "trx_locks", 2, 0);
    populate(&f, 10);
    CU_ASSERT_EQUAL(lock_id(&f, 0, 8, JET_bitReadLock), JET_errNotInTransaction);
    CU_ASSERT_EQUAL(lock_id(&f, 0, 8, JET_bitWriteLock), JET_errNotInTransaction);
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(lock_id(&f, 0, 8, JET_bitReadLock), JET_errSuccess);
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(lock_id(&f, 1, 8, JET_bitReadLock), JET_errSuccess);        /* read locks coexist */
    CU_ASSERT_EQUAL(prepare_replace(&f, 1, 8, JET_prepReplace), JET_errWriteConflict);
    (void)JetPrepareUpdate(f.ss[1].s, f.ss[1].t, JET_prepCancel);
    CU_ASSERT_EQUAL(delete_id(&f, 1, 8), JET_errWriteConflict);
    CU_ASSERT_EQUAL(lock_id(&f, 1, 8, JET_bitWriteLock), JET_errWriteConflict);
    CU_ASSERT_EQUAL(lock_id(&f, 0, 8, JET_bitWriteLock), JET_errWriteConflict);  /* S1 reads it too */
    CU_ASSERT_EQUAL(get_n(&f, 1, 8), 80);
    OK(JetRollback(f.ss[1].s, 0));
    /* Only S0's own read lock is left: its write lock is compatible with it. */
    CU_ASSERT_EQUAL(lock_id(&f, 0, 8, JET_bitWriteLock), JET_errSuccess);
    CU_ASSERT_EQUAL(set_n(&f, 0, 8, 88), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[0].s, 0));
    /* Locks end with the transaction. */
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(get_n(&f, 1, 8), 88);
    CU_ASSERT_EQUAL(set_n(&f, 1, 8, 89), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[1].s, 0));
    /* A read lock held by S0 alone does not stop S0 from changing the record. */
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(lock_id(&f, 0, 2, JET_bitReadLock), JET_errSuccess);
    CU_ASSERT_EQUAL(set_n(&f, 0, 2, 22), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(get_n(&f, 1, 2), 22);
    CU_ASSERT_EQUAL(lock_id(&f, 1, 2, JET_bitReadLock), JET_errNotInTransaction);
    fx_stop(&f);
}

/* ---- unique keys between concurrent inserts ---- */

static JET_ERR prepare_insert(fx *f, int i, int32_t id, const char *code)
{
    ses *x = &f->ss[i];
    int32_t n = id;
    JET_ERR err = JetPrepareUpdate(x->s, x->t, JET_prepInsert);
    if (err >= 0)
        err = JetSetColumn(x->s, x->t, f->c[C_ID], &id, sizeof id, 0, NULL);
    if (err >= 0)
        err = JetSetColumn(x->s, x->t, f->c[C_N], &n, sizeof n, 0, NULL);
    if (err >= 0 && code != NULL)
        err = JetSetColumn(x->s, x->t, f->c[C_CODE], code, (uint32_t)strlen(code), 0, NULL);
    return err;
}

/* S0 inserts key K and has not committed; S1 inserting K gets JET_errKeyDuplicate at JetUpdate (the entry is
 * there, if invisible to S1). A failed JetUpdate leaves the cursor prepared: after S0's rollback S1's retry
 * of the same JetUpdate succeeds. After a commit the duplicate stays a duplicate. Same for a unique
 * secondary index. */
static void test_unique_concurrent_inserts(void)
{
    fx f;
    fx_start(&f, "trx_unique", 2, 0);
    populate(&f, 10);
    ses *s1 = &f.ss[1];
    /* Primary key, the first inserter rolls back. */
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(insert_row(&f, 0, 50, "x", 1, NULL), JET_errSuccess);
    OK(JetBeginTransaction(s1->s));
    CU_ASSERT_EQUAL(has_id(&f, 1, 50), 0);
    CU_ASSERT_EQUAL(prepare_insert(&f, 1, 50, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(JetUpdate(s1->s, s1->t, NULL, 0, NULL), JET_errKeyDuplicate);
    OK(JetRollback(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(JetUpdate(s1->s, s1->t, NULL, 0, NULL), JET_errSuccess);
    OK(JetCommitTransaction(s1->s, 0));
    CU_ASSERT_EQUAL(get_n(&f, 0, 50), 50);     /* S1's row, not S0's */
    /* Primary key, the first inserter commits: still a duplicate for the second. */
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(insert_row(&f, 0, 60, "x", 1, NULL), JET_errSuccess);
    OK(JetBeginTransaction(s1->s));
    CU_ASSERT_EQUAL(prepare_insert(&f, 1, 60, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(JetUpdate(s1->s, s1->t, NULL, 0, NULL), JET_errKeyDuplicate);
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(JetUpdate(s1->s, s1->t, NULL, 0, NULL), JET_errKeyDuplicate);
    CU_ASSERT_EQUAL(JetPrepareUpdate(s1->s, s1->t, JET_prepCancel), JET_errSuccess);
    OK(JetRollback(s1->s, 0));
    CU_ASSERT_EQUAL(get_n(&f, 1, 60), 1);
    /* Unique secondary index "bycode". */
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(insert_row(&f, 0, 70, "x", 1, "K1"), JET_errSuccess);
    OK(JetBeginTransaction(s1->s));
    CU_ASSERT_EQUAL(prepare_insert(&f, 1, 71, "K1"), JET_errSuccess);
    CU_ASSERT_EQUAL(JetUpdate(s1->s, s1->t, NULL, 0, NULL), JET_errKeyDuplicate);
    OK(JetRollback(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(JetUpdate(s1->s, s1->t, NULL, 0, NULL), JET_errSuccess);
    OK(JetCommitTransaction(s1->s, 0));
    CU_ASSERT_EQUAL(has_id(&f, 0, 70), 0);
    CU_ASSERT_EQUAL(has_id(&f, 0, 71), 1);
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(insert_row(&f, 0, 72, "x", 1, "K1"), JET_errKeyDuplicate);   /* committed: a duplicate */
    CU_ASSERT_EQUAL(insert_row(&f, 0, 72, "x", 1, "K2"), JET_errSuccess);
    /* A replace that moves a record to a key another session inserted, uncommitted, is a duplicate too. */
    OK(JetBeginTransaction(s1->s));
    CU_ASSERT_EQUAL(replace_col(&f, 1, 71, JET_prepReplace, f.c[C_CODE], "K2", 2), JET_errKeyDuplicate);
    OK(JetRollback(s1->s, 0));
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(count_rows(&f, 0), 10 + 4);   /* 50, 60, 71, 72 */
    CU_ASSERT_EQUAL(count_rows(&f, 1), 10 + 4);
    fx_stop(&f);
}

/* ---- long values ---- */

#define LV_SIZE 20000u

static void fill(uint8_t *p, uint32_t cb, uint32_t seed)
{
    for (uint32_t i = 0; i < cb; i++)
        p[i] = (uint8_t)(seed * 131u + i * 7u + (i >> 9));
}

static JET_ERR set_blob(fx *f, int i, int32_t id, const uint8_t *data, uint32_t cb)
{
    return replace_col(f, i, id, JET_prepReplace, f->c[C_BLOB], data, cb);
}

/* 1 when session i reads exactly expect (cb bytes) from record id's blob, whole and in three slices
 * (ibLongValue 0, 5000, the last 10 bytes); 0 otherwise. */
static int blob_is(fx *f, int i, int32_t id, const uint8_t *expect, uint32_t cb)
{
    ses *x = &f->ss[i];
    static uint8_t buf[LV_SIZE * 2];
    uint32_t actual = 0;
    if (seek_id(f, i, id) != JET_errSuccess)
        return 0;
    if (JetRetrieveColumn(x->s, x->t, f->c[C_BLOB], buf, sizeof buf, &actual, 0, NULL) != JET_errSuccess ||
        actual != cb || memcmp(buf, expect, cb) != 0)
        return 0;
    JET_RETINFO ri = { sizeof ri, 5000, 1, 0 };
    if (JetRetrieveColumn(x->s, x->t, f->c[C_BLOB], buf, 100, &actual, 0, &ri) != JET_wrnBufferTruncated ||
        actual != cb - 5000 || memcmp(buf, expect + 5000, 100) != 0)
        return 0;
    ri.ibLongValue = cb - 10;
    if (JetRetrieveColumn(x->s, x->t, f->c[C_BLOB], buf, 100, &actual, 0, &ri) != JET_errSuccess || actual != 10 ||
        memcmp(buf, expect + cb - 10, 10) != 0)
        return 0;
    return 1;
}

/* S1 rewrites a 20 000-byte long value (whole, then 100 bytes in place with JET_bitSetOverwriteLV) without
 * committing: S0 reads the old bytes, also at offsets. After S1's rollback both read the old value; after a
 * committed rewrite S0's older transaction still reads the old value until it ends. */
static void test_long_values(void)
{
    fx f;
    fx_start(&f, "trx_lv", 2, 0);
    populate(&f, 3);
    static uint8_t a[LV_SIZE], b[LV_SIZE + 5000], c[100];
    fill(a, sizeof a, 1);
    fill(b, sizeof b, 2);
    fill(c, sizeof c, 3);
    OK(JetBeginTransaction(f.ss[0].s));
    OK(set_blob(&f, 0, 2, a, LV_SIZE));
    OK(JetCommitTransaction(f.ss[0].s, 0));

    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT(blob_is(&f, 0, 2, a, LV_SIZE));
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(set_blob(&f, 1, 2, b, LV_SIZE), JET_errSuccess);
    CU_ASSERT(blob_is(&f, 1, 2, b, LV_SIZE));
    /* 100 bytes overwritten in place at offset 10 000. */
    ses *s1 = &f.ss[1];
    CU_ASSERT_EQUAL(seek_id(&f, 1, 2), JET_errSuccess);
    CU_ASSERT_EQUAL(JetPrepareUpdate(s1->s, s1->t, JET_prepReplace), JET_errSuccess);
    JET_SETINFO si = { sizeof si, 10000, 1 };
    CU_ASSERT_EQUAL(JetSetColumn(s1->s, s1->t, f.c[C_BLOB], c, sizeof c, JET_bitSetOverwriteLV, &si), JET_errSuccess);
    CU_ASSERT_EQUAL(JetUpdate(s1->s, s1->t, NULL, 0, NULL), JET_errSuccess);
    static uint8_t bc[LV_SIZE];
    memcpy(bc, b, LV_SIZE);
    memcpy(bc + 10000, c, sizeof c);
    CU_ASSERT(blob_is(&f, 1, 2, bc, LV_SIZE));
    CU_ASSERT(blob_is(&f, 0, 2, a, LV_SIZE));   /* S0's transaction */
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT(blob_is(&f, 0, 2, a, LV_SIZE));   /* outside a transaction */
    OK(JetRollback(s1->s, 0));
    CU_ASSERT(blob_is(&f, 1, 2, a, LV_SIZE));
    CU_ASSERT(blob_is(&f, 0, 2, a, LV_SIZE));

    /* A committed rewrite (a longer value), read from a transaction begun before it. */
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT(blob_is(&f, 0, 2, a, LV_SIZE));
    OK(JetBeginTransaction(s1->s));
    CU_ASSERT_EQUAL(set_blob(&f, 1, 2, b, sizeof b), JET_errSuccess);
    OK(JetCommitTransaction(s1->s, 0));
    CU_ASSERT(blob_is(&f, 1, 2, b, sizeof b));
    CU_ASSERT(blob_is(&f, 0, 2, a, LV_SIZE));
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT(blob_is(&f, 0, 2, b, sizeof b));
    /* A committed delete of the record with the long value, read from an older transaction. */
    OK(JetBeginTransaction(f.ss[0].s));
    OK(JetBeginTransaction(s1->s));
    CU_ASSERT_EQUAL(delete_id(&f, 1, 2), JET_errSuccess);
    OK(JetCommitTransaction(s1->s, 0));
    CU_ASSERT(blob_is(&f, 0, 2, b, sizeof b));
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(has_id(&f, 0, 2), 0);
    fx_stop(&f);
}

/* ---- nesting ---- */

/* S0 nests three levels; the inner rollback undoes only the innermost level; S1 sees nothing of S0's work
 * until S0's outermost commit (and a transaction of S1 begun before that commit not even then); a record
 * locked only by a rolled-back level is free again, one locked by a committed inner level is not. */
static void test_nesting_two_sessions(void)
{
    fx f;
    fx_start(&f, "trx_nest", 2, 0);
    populate(&f, 10);
    OK(JetBeginTransaction(f.ss[0].s));                                    /* level 1 */
    CU_ASSERT_EQUAL(insert_row(&f, 0, 101, "l1", 1, NULL), JET_errSuccess);
    OK(JetBeginTransaction(f.ss[0].s));                                    /* level 2 */
    CU_ASSERT_EQUAL(insert_row(&f, 0, 102, "l2", 2, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(set_n(&f, 0, 1, -1), JET_errSuccess);
    OK(JetBeginTransaction(f.ss[0].s));                                    /* level 3 */
    CU_ASSERT_EQUAL(insert_row(&f, 0, 103, "l3", 3, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(delete_id(&f, 0, 2), JET_errSuccess);
    CU_ASSERT_EQUAL(count_rows(&f, 0), 10 + 3 - 1);
    CU_ASSERT_EQUAL(has_id(&f, 1, 101), 0);
    CU_ASSERT_EQUAL(has_id(&f, 1, 103), 0);
    CU_ASSERT_EQUAL(has_id(&f, 1, 2), 1);
    CU_ASSERT_EQUAL(get_n(&f, 1, 1), 10);
    CU_ASSERT_EQUAL(count_rows(&f, 1), 10);

    OK(JetRollback(f.ss[0].s, 0));                                         /* back to level 2 */
    CU_ASSERT_EQUAL(has_id(&f, 0, 103), 0);
    CU_ASSERT_EQUAL(has_id(&f, 0, 2), 1);
    CU_ASSERT_EQUAL(has_id(&f, 0, 101), 1);
    CU_ASSERT_EQUAL(has_id(&f, 0, 102), 1);
    CU_ASSERT_EQUAL(get_n(&f, 0, 1), -1);
    CU_ASSERT_EQUAL(count_rows(&f, 1), 10);
    /* Record 2 was locked only by the rolled-back level: S1 may change it. */
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(set_n(&f, 1, 2, 222), JET_errSuccess);
    OK(JetRollback(f.ss[1].s, 0));

    OK(JetCommitTransaction(f.ss[0].s, 0));                                /* level 2 into level 1 */
    CU_ASSERT_EQUAL(has_id(&f, 1, 101), 0);
    CU_ASSERT_EQUAL(has_id(&f, 1, 102), 0);
    CU_ASSERT_EQUAL(get_n(&f, 1, 1), 10);
    /* Record 1, changed at the committed inner level, stays locked until the outermost commit. */
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(set_n(&f, 1, 1, 111), JET_errWriteConflict);
    CU_ASSERT_EQUAL(has_id(&f, 1, 102), 0);

    OK(JetCommitTransaction(f.ss[0].s, 0));                                /* outermost */
    CU_ASSERT_EQUAL(has_id(&f, 1, 102), 0);     /* S1's transaction began before the commit */
    CU_ASSERT_EQUAL(get_n(&f, 1, 1), 10);
    CU_ASSERT_EQUAL(count_rows(&f, 1), 10);
    OK(JetCommitTransaction(f.ss[1].s, 0));
    CU_ASSERT_EQUAL(has_id(&f, 1, 101), 1);
    CU_ASSERT_EQUAL(has_id(&f, 1, 102), 1);
    CU_ASSERT_EQUAL(has_id(&f, 1, 103), 0);
    CU_ASSERT_EQUAL(has_id(&f, 1, 2), 1);
    CU_ASSERT_EQUAL(get_n(&f, 1, 1), -1);
    CU_ASSERT_EQUAL(get_n(&f, 1, 2), 20);
    CU_ASSERT_EQUAL(count_rows(&f, 1), 12);

    /* JET_bitRollbackAll undoes every level; nothing was ever visible to S1. */
    for (int level = 1; level <= 3; level++) {
        OK(JetBeginTransaction(f.ss[0].s));
        CU_ASSERT_EQUAL(insert_row(&f, 0, 200 + level, "all", level, NULL), JET_errSuccess);
    }
    CU_ASSERT_EQUAL(set_n(&f, 0, 3, 333), JET_errSuccess);
    CU_ASSERT_EQUAL(has_id(&f, 1, 201), 0);
    CU_ASSERT_EQUAL(get_n(&f, 1, 3), 30);
    CU_ASSERT_EQUAL(JetRollback(f.ss[0].s, JET_bitRollbackAll), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCommitTransaction(f.ss[0].s, 0), JET_errNotInTransaction);
    for (int i = 0; i < 2; i++) {
        CU_ASSERT_EQUAL(has_id(&f, i, 201), 0);
        CU_ASSERT_EQUAL(has_id(&f, i, 202), 0);
        CU_ASSERT_EQUAL(has_id(&f, i, 203), 0);
        CU_ASSERT_EQUAL(get_n(&f, i, 3), 30);
        CU_ASSERT_EQUAL(count_rows(&f, i), 12);
    }
    /* Everything S0 locked is free again. */
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(set_n(&f, 1, 3, 31), JET_errSuccess);
    CU_ASSERT_EQUAL(insert_row(&f, 1, 201, "s1", 1, NULL), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[1].s, 0));
    CU_ASSERT_EQUAL(get_n(&f, 0, 3), 31);
    fx_stop(&f);
}

/* ---- escrow ---- */

#define ESCROW_SESSIONS 4

static JET_ERR escrow(fx *f, int i, int32_t id, int32_t delta, int32_t *old, JET_GRBIT grbit)
{
    ses *x = &f->ss[i];
    uint32_t cb_old = 0;
    JET_ERR err = seek_id(f, i, id);
    if (err < 0)
        return err;
    *old = INT32_MIN;
    err = JetEscrowUpdate(x->s, x->t, f->c[C_BAL], &delta, sizeof delta, old, sizeof *old, &cb_old, grbit);
    if (err >= 0 && cb_old != sizeof *old)
        return -1;   /* not an ESENT error: reported as a mismatch */
    return err;
}

static int32_t get_bal(fx *f, int i, int32_t id)
{
    int32_t v = INT32_MIN;
    if (seek_id(f, i, id) != JET_errSuccess ||
        JetRetrieveColumn(f->ss[i].s, f->ss[i].t, f->c[C_BAL], &v, sizeof v, NULL, 0, NULL) != JET_errSuccess)
        return INT32_MIN;
    return v;
}

/* Four sessions, each in its own transaction, JetEscrowUpdate the same record: no conflicts; pvOld is the
 * stored value including the others' uncommitted deltas (versioning ignored); after all commit the sum is
 * right; one session's rollback removes only its delta; JET_bitEscrowNoRollback deltas survive a rollback. */
static void test_escrow_concurrent(void)
{
    fx f;
    fx_start(&f, "trx_escrow", ESCROW_SESSIONS + 1, 0);
    populate(&f, 3);
    CU_ASSERT_EQUAL(get_bal(&f, 0, 2), 0);    /* the default */
    int32_t old = 0;
    /* Round 1: +1, +2, +3, +4, all committed. */
    for (int i = 0; i < ESCROW_SESSIONS; i++)
        OK(JetBeginTransaction(f.ss[i].s));
    int32_t expect_old = 0;
    for (int i = 0; i < ESCROW_SESSIONS; i++) {
        CU_ASSERT_EQUAL(escrow(&f, i, 2, i + 1, &old, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(old, expect_old);
        expect_old += i + 1;
    }
    /* A second delta from each, in the other order: still no conflict. */
    for (int i = ESCROW_SESSIONS - 1; i >= 0; i--) {
        CU_ASSERT_EQUAL(escrow(&f, i, 2, 100, &old, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(old, expect_old);
        expect_old += 100;
    }
    for (int i = 0; i < ESCROW_SESSIONS; i++)
        CU_ASSERT_EQUAL(JetCommitTransaction(f.ss[i].s, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(get_bal(&f, ESCROW_SESSIONS, 2), 410);
    OK(JetBeginTransaction(f.ss[ESCROW_SESSIONS].s));
    CU_ASSERT_EQUAL(get_bal(&f, ESCROW_SESSIONS, 2), 410);
    OK(JetCommitTransaction(f.ss[ESCROW_SESSIONS].s, 0));
    CU_ASSERT_EQUAL(get_bal(&f, 0, 1), 0);    /* other records untouched */
    CU_ASSERT_EQUAL(get_bal(&f, 0, 3), 0);

    /* Round 2: +10, +20, +30, +40; the session adding 20 rolls back. */
    for (int i = 0; i < ESCROW_SESSIONS; i++) {
        OK(JetBeginTransaction(f.ss[i].s));
        CU_ASSERT_EQUAL(escrow(&f, i, 2, 10 * (i + 1), &old, 0), JET_errSuccess);
    }
    CU_ASSERT_EQUAL(old, 410 + 10 + 20 + 30);   /* the last one saw the three uncommitted deltas before it */
    for (int i = 0; i < ESCROW_SESSIONS; i++) {
        JET_ERR err = i == 1 ? JetRollback(f.ss[i].s, 0) : JetCommitTransaction(f.ss[i].s, 0);
        CU_ASSERT_EQUAL(err, JET_errSuccess);
    }
    CU_ASSERT_EQUAL(get_bal(&f, ESCROW_SESSIONS, 2), 410 + 10 + 30 + 40);

    /* Round 3: JET_bitEscrowNoRollback survives the rollback, the ordinary delta does not. */
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(escrow(&f, 0, 2, 5, &old, JET_bitEscrowNoRollback), JET_errSuccess);
    CU_ASSERT_EQUAL(escrow(&f, 0, 2, 7, &old, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(old, 490 + 5);
    CU_ASSERT_EQUAL(JetRollback(f.ss[0].s, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(get_bal(&f, ESCROW_SESSIONS, 2), 490 + 5);
    CU_ASSERT_EQUAL(get_bal(&f, 0, 2), 490 + 5);
    fx_stop(&f);
}

/* ---- version store ---- */

/* JET_paramMaxVerPages: in version store pages, valid range 1 - 2147483647 (Resource Parameters; spec
 * Appendix A); 0 is refused. */
static void test_max_ver_pages_range(void)
{
    JET_INSTANCE inst = 0;
    JET_API_PTR v = 0;
    OK(JetCreateInstanceA(&inst, "trx_verparam"));
    CU_ASSERT_EQUAL(JetSetSystemParameterA(&inst, 0, JET_paramMaxVerPages, 0, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(JetSetSystemParameterA(&inst, 0, JET_paramMaxVerPages, 1, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(JetGetSystemParameterA(inst, 0, JET_paramMaxVerPages, &v, NULL, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(v, 1);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);   /* never initialized: freed */
}

#define VS_MIN_PAGES     1        /* the smallest JET_paramMaxVerPages */
#define VS_SMALL_PAGES   4
#define VS_PAD           400u
#define VS_INSERT_CAP    50000    /* rows; far more than VS_MIN_PAGES version pages can describe */
#define VS_RUN           20000    /* small committed transactions */

static JET_ERR insert_padded(fx *f, int i, int32_t id, uint32_t seed)
{
    static uint8_t pad[VS_PAD];
    ses *x = &f->ss[i];
    fill(pad, sizeof pad, seed);
    JET_ERR err = JetPrepareUpdate(x->s, x->t, JET_prepInsert);
    if (err < 0)
        return err;
    err = JetSetColumn(x->s, x->t, f->c[C_ID], &id, sizeof id, 0, NULL);
    if (err >= 0)
        err = JetSetColumn(x->s, x->t, f->c[C_N], &id, sizeof id, 0, NULL);
    if (err >= 0)
        err = JetSetColumn(x->s, x->t, f->c[C_BLOB], pad, sizeof pad, 0, NULL);
    if (err >= 0)
        err = JetUpdate(x->s, x->t, NULL, 0, NULL);
    if (err < 0)
        (void)JetPrepareUpdate(x->s, x->t, JET_prepCancel);
    return err;
}

/* One transaction inserting rows of a few hundred bytes under the smallest version store: it ends with
 * JET_errVersionStoreOutOfMemory; JetRollback then succeeds and leaves the table as before; a later small
 * transaction works. */
static void test_version_store_out_of_memory(void)
{
    fx f;
    fx_start(&f, "trx_vsoom", 2, VS_MIN_PAGES);
    for (int32_t id = 1; id <= 20; id++) {
        OK(JetBeginTransaction(f.ss[0].s));
        OK(insert_padded(&f, 0, id, (uint32_t)id));
        OK(JetCommitTransaction(f.ss[0].s, JET_bitCommitLazyFlush));
    }
    OK(JetBeginTransaction(f.ss[0].s));
    JET_ERR err = JET_errSuccess;
    int inserted = 0;
    while (inserted < VS_INSERT_CAP && (err = insert_padded(&f, 0, 1000 + inserted, (uint32_t)inserted)) == JET_errSuccess)
        inserted++;
    printf("  %d rows inserted before %d\n", inserted, (int)err);
    CU_ASSERT_EQUAL(err, JET_errVersionStoreOutOfMemory);
    CU_ASSERT(inserted > 0);
    CU_ASSERT_EQUAL(JetRollback(f.ss[0].s, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCommitTransaction(f.ss[0].s, 0), JET_errNotInTransaction);
    CU_ASSERT_EQUAL(count_rows(&f, 0), 20);
    CU_ASSERT_EQUAL(count_rows(&f, 1), 20);
    CU_ASSERT_EQUAL(has_id(&f, 0, 1000), 0);
    CU_ASSERT_EQUAL(get_n(&f, 1, 20), 20);
    /* A small transaction, from either session, works again. */
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(insert_padded(&f, 1, 999, 9), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCommitTransaction(f.ss[1].s, 0), JET_errSuccess);
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(set_n(&f, 0, 5, 55), JET_errSuccess);
    CU_ASSERT_EQUAL(JetCommitTransaction(f.ss[0].s, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(count_rows(&f, 1), 21);
    CU_ASSERT_EQUAL(get_n(&f, 1, 5), 55);
    fx_stop(&f);
}

static unsigned long space_available(fx *f, int i)
{
    unsigned long pages = 0;
    CU_ASSERT_EQUAL(JetGetTableInfo(f->ss[i].s, f->ss[i].t, &pages, sizeof pages, JET_TblInfoSpaceAvailable),
                    JET_errSuccess);
    return pages;
}

/* Waits (up to about 20 s) until the table's free pages exceed floor; returns them. */
static unsigned long wait_space_above(fx *f, int i, unsigned long floor)
{
    unsigned long pages = space_available(f, i);
    for (int tries = 0; tries < 400 && pages <= floor; tries++) {
        test_sleep_ms(50);
        pages = space_available(f, i);
    }
    return pages;
}

/* Versions no snapshot needs go without anybody's help: a transaction deletes every row of a table (the
 * rows stay in the tree while a snapshot may read them); while another session's older transaction is
 * open, it still reads them and no page comes free; once that one ends, the version store's cleanup removes
 * the rows and their emptied pages come back to the table, with no further call but the space query. */
static void test_version_store_background_cleanup(void)
{
    fx f;
    fx_start(&f, "trx_vsclean", 2, 0);
    for (int32_t batch = 0; batch < 10; batch++) {
        OK(JetBeginTransaction(f.ss[0].s));
        for (int32_t id = batch * 300 + 1; id <= batch * 300 + 300; id++)
            OK(insert_row(&f, 0, id, "a fairly long name to fill the pages up", id, NULL));
        OK(JetCommitTransaction(f.ss[0].s, 0));
    }
    CU_ASSERT_EQUAL_FATAL(count_rows(&f, 0), 3000);
    const unsigned long before = space_available(&f, 0);
    OK(JetBeginTransaction(f.ss[1].s));   /* an older snapshot */
    CU_ASSERT_EQUAL(count_rows(&f, 1), 3000);
    OK(JetBeginTransaction(f.ss[0].s));
    for (int32_t id = 1; id <= 3000; id++)
        CU_ASSERT_EQUAL(delete_id(&f, 0, id), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(count_rows(&f, 0), 0);
    test_sleep_ms(200);
    CU_ASSERT_EQUAL(space_available(&f, 0), before);   /* the snapshot still reads every row */
    CU_ASSERT_EQUAL(count_rows(&f, 1), 3000);
    OK(JetCommitTransaction(f.ss[1].s, 0));
    const unsigned long after = wait_space_above(&f, 0, before);
    printf("  free pages of the table: %lu before the delete, %lu after the cleanup\n", before, after);
    CU_ASSERT(after > before);
    CU_ASSERT_EQUAL(count_rows(&f, 1), 0);
    fx_stop(&f);
}

/* One committed transaction: replace record 1's pad (and n); every tenth also inserts a row. */
static JET_ERR small_transaction(fx *f, int i, int k)
{
    static uint8_t pad[VS_PAD];
    ses *x = &f->ss[i];
    fill(pad, sizeof pad, (uint32_t)k);
    JET_ERR err = JetBeginTransaction(x->s);
    if (err < 0)
        return err;
    err = seek_id(f, i, 1);
    if (err >= 0)
        err = JetPrepareUpdate(x->s, x->t, JET_prepReplace);
    if (err >= 0)
        err = JetSetColumn(x->s, x->t, f->c[C_BLOB], pad, sizeof pad, 0, NULL);
    if (err >= 0)
        err = JetSetColumn(x->s, x->t, f->c[C_N], &k, sizeof k, 0, NULL);
    if (err >= 0)
        err = JetUpdate(x->s, x->t, NULL, 0, NULL);
    if (err >= 0 && k % 10 == 0)
        err = insert_padded(f, i, 100 + k, (uint32_t)k);
    if (err >= 0)
        return JetCommitTransaction(x->s, JET_bitCommitLazyFlush);
    (void)JetRollback(x->s, 0);
    return err;
}

/* 20 000 small committed transactions under a small version store never run out of it: versions nobody can
 * see any more are cleaned up. */
static void test_version_store_cleanup_keeps_up(void)
{
    fx f;
    fx_start(&f, "trx_vsrun", 2, VS_SMALL_PAGES);
    OK(JetBeginTransaction(f.ss[0].s));
    OK(insert_padded(&f, 0, 1, 1));
    OK(JetCommitTransaction(f.ss[0].s, 0));
    JET_ERR err = JET_errSuccess;
    int k = 0;
    for (k = 1; k <= VS_RUN && err >= 0; k++)
        err = small_transaction(&f, k % 2, k);   /* alternating between the two sessions */
    if (err < 0)
        printf("  transaction %d failed with %d\n", k - 1, (int)err);
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    CU_ASSERT_EQUAL(get_n(&f, 0, 1), VS_RUN);
    CU_ASSERT_EQUAL(count_rows(&f, 1), 1 + VS_RUN / 10);
    fx_stop(&f);
}

/* A transaction left open pins every version made since it began: a long run of small transactions by
 * another session then exhausts the small version store (JET_errVersionStoreOutOfMemory); once the old
 * transaction ends, the same transactions work again. */
static void test_version_store_pinned_by_old_transaction(void)
{
    fx f;
    fx_start(&f, "trx_vspin", 2, VS_MIN_PAGES);
    OK(JetBeginTransaction(f.ss[0].s));
    OK(insert_padded(&f, 0, 1, 1));
    OK(JetCommitTransaction(f.ss[0].s, 0));
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(get_n(&f, 1, 1), 1);     /* S1's snapshot */
    JET_ERR err = JET_errSuccess;
    int k;
    for (k = 2; k <= VS_RUN && err >= 0; k++)
        err = small_transaction(&f, 0, k);
    printf("  %d small transactions before %d\n", k - 3, (int)err);
    CU_ASSERT_EQUAL(err, JET_errVersionStoreOutOfMemory);
    CU_ASSERT_EQUAL(get_n(&f, 1, 1), 1);     /* the snapshot is intact */
    CU_ASSERT_EQUAL(count_rows(&f, 1), 1);
    OK(JetCommitTransaction(f.ss[1].s, 0));
    err = JET_errSuccess;
    for (int j = 0; j < 1000 && err >= 0; j++)
        err = small_transaction(&f, 0, VS_RUN + 1 + j);
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    CU_ASSERT_EQUAL(get_n(&f, 1, 1), VS_RUN + 1000);
    fx_stop(&f);
}

/* ---- JetTerm ---- */

/* spec §1.7: while a session has a transaction open, JetTerm and JetTerm2(JET_bitTermComplete) return
 * JET_errTooManyActiveUsers and the instance keeps working; once every transaction has ended JetTerm
 * succeeds. The rolled-back work is absent and the committed work present afterwards. */
static void test_term_with_open_transaction(void)
{
    fx f;
    fx_start(&f, "trx_term", 2, 0);
    populate(&f, 3);
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(insert_row(&f, 0, 10, "open", 1, NULL), JET_errSuccess);
    JET_ERR err = JetTerm(f.inst);
    CU_ASSERT_EQUAL(err, JET_errTooManyActiveUsers);
    if (err >= 0) {
        CU_FAIL("JetTerm terminated the instance with a transaction open");
        return;   /* the instance is gone: nothing below could run */
    }
    err = JetTerm2(f.inst, JET_bitTermComplete);
    CU_ASSERT_EQUAL(err, JET_errTooManyActiveUsers);
    if (err >= 0) {
        CU_FAIL("JetTerm2(JET_bitTermComplete) terminated the instance with a transaction open");
        return;
    }
    /* The instance still works: the open transaction sees its insert, the other session does not and can
     * commit work of its own; new sessions can begin. */
    CU_ASSERT_EQUAL(has_id(&f, 0, 10), 1);
    CU_ASSERT_EQUAL(has_id(&f, 1, 10), 0);
    OK(JetBeginTransaction(f.ss[1].s));
    CU_ASSERT_EQUAL(insert_row(&f, 1, 11, "committed", 1, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(f.inst), JET_errTooManyActiveUsers);   /* two open now */
    OK(JetCommitTransaction(f.ss[1].s, 0));
    JET_SESID extra = 0;
    CU_ASSERT_EQUAL(JetBeginSessionA(f.inst, &extra, "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL(JetEndSession(extra, 0), JET_errSuccess);
    /* One still open. */
    CU_ASSERT_EQUAL(JetTerm(f.inst), JET_errTooManyActiveUsers);
    CU_ASSERT_EQUAL(JetRollback(f.ss[0].s, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(f.inst), JET_errSuccess);
    CU_ASSERT_EQUAL(JetBeginSessionA(f.inst, &extra, "", ""), JET_errInvalidInstance);

    /* A new instance over the same folder: 11 committed, 10 rolled back. */
    JET_INSTANCE inst = 0;
    JET_SESID s = 0;
    JET_DBID db = 0;
    JET_TABLEID t = 0;
    OK(JetCreateInstanceA(&inst, "trx_term2"));
    OK(JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, f.dir));
    OK(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, f.dir));
    OK(JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, f.dir));
    OK(JetInit(&inst));
    OK(JetBeginSessionA(inst, &s, "", ""));
    OK(JetAttachDatabaseA(s, f.db, 0));
    OK(JetOpenDatabaseA(s, f.db, NULL, &db, 0));
    OK(JetOpenTableA(s, db, "t", NULL, 0, 0, &t));
    int32_t id = 11;
    OK(JetMakeKey(s, t, &id, sizeof id, JET_bitNewKey));
    CU_ASSERT_EQUAL(JetSeek(s, t, JET_bitSeekEQ), JET_errSuccess);
    id = 10;
    OK(JetMakeKey(s, t, &id, sizeof id, JET_bitNewKey));
    CU_ASSERT_EQUAL(JetSeek(s, t, JET_bitSeekEQ), JET_errRecordNotFound);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

/* ---- sessions across threads ---- */

#define CTX_A ((JET_API_PTR)0x5150)

typedef struct hop {
    fx *f;
    int32_t insert_id;   /* inserted on the thread, in a nested level that is committed */
    int32_t sees_id;     /* must be visible on the thread (the transaction's own earlier insert) */
    int end;             /* 0: leave the transaction open, 1: commit, 2: roll back */
    JET_ERR set, seek, nest, insert, unnest, end_err, reset;
} hop;

static int hop_thread(void *p)
{
    hop *h = p;
    fx *f = h->f;
    h->set = JetSetSessionContext(f->ss[0].s, CTX_A);
    h->seek = seek_id(f, 0, h->sees_id);
    h->nest = JetBeginTransaction(f->ss[0].s);   /* the context makes this thread the transaction's owner */
    h->insert = insert_row(f, 0, h->insert_id, "thread", 1, NULL);
    h->unnest = JetCommitTransaction(f->ss[0].s, 0);
    h->end_err = h->end == 1 ? JetCommitTransaction(f->ss[0].s, 0)
               : h->end == 2 ? JetRollback(f->ss[0].s, 0)
                             : JET_errSuccess;
    h->reset = JetResetSessionContext(f->ss[0].s);
    return 0;
}

static void run_hop(hop *h)
{
    test_thread *t = test_thread_start(hop_thread, h);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    test_thread_join(t);
    CU_ASSERT_EQUAL(h->set, JET_errSuccess);
    CU_ASSERT_EQUAL(h->seek, JET_errSuccess);
    CU_ASSERT_EQUAL(h->nest, JET_errSuccess);
    CU_ASSERT_EQUAL(h->insert, JET_errSuccess);
    CU_ASSERT_EQUAL(h->unnest, JET_errSuccess);
    CU_ASSERT_EQUAL(h->end_err, JET_errSuccess);
    CU_ASSERT_EQUAL(h->reset, JET_errSuccess);
}

/* A transaction begun on the main thread under a session context moves to other threads (JetSetSessionContext
 * / JetResetSessionContext around each stretch of calls) and ends there; its changes are its own until the
 * commit and gone after a rollback. */
static void test_session_moves_between_threads(void)
{
    fx f;
    fx_start(&f, "trx_threads", 2, 0);
    populate(&f, 3);
    /* Commit on the second of two threads. */
    OK(JetSetSessionContext(f.ss[0].s, CTX_A));
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(insert_row(&f, 0, 10, "main", 1, NULL), JET_errSuccess);
    OK(JetResetSessionContext(f.ss[0].s));
    CU_ASSERT_EQUAL(has_id(&f, 1, 10), 0);
    hop h1 = { &f, 11, 10, 0, 0, 0, 0, 0, 0, 0, 0 };
    run_hop(&h1);
    CU_ASSERT_EQUAL(has_id(&f, 1, 11), 0);       /* still uncommitted */
    hop h2 = { &f, 12, 11, 1, 0, 0, 0, 0, 0, 0, 0 };
    run_hop(&h2);
    CU_ASSERT_EQUAL(has_id(&f, 1, 10), 1);
    CU_ASSERT_EQUAL(has_id(&f, 1, 11), 1);
    CU_ASSERT_EQUAL(has_id(&f, 1, 12), 1);
    /* Roll back on another thread. */
    OK(JetSetSessionContext(f.ss[0].s, CTX_A));
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(insert_row(&f, 0, 20, "main", 1, NULL), JET_errSuccess);
    OK(JetResetSessionContext(f.ss[0].s));
    hop h3 = { &f, 21, 20, 2, 0, 0, 0, 0, 0, 0, 0 };
    run_hop(&h3);
    for (int i = 0; i < 2; i++) {
        CU_ASSERT_EQUAL(has_id(&f, i, 20), 0);
        CU_ASSERT_EQUAL(has_id(&f, i, 21), 0);
        CU_ASSERT_EQUAL(count_rows(&f, i), 6);
    }
    /* Back on the main thread without a context and without a transaction: usable as before. */
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(insert_row(&f, 0, 30, "main", 1, NULL), JET_errSuccess);
    OK(JetCommitTransaction(f.ss[0].s, 0));
    CU_ASSERT_EQUAL(has_id(&f, 1, 30), 1);
    fx_stop(&f);
}

typedef struct foreign { fx *f; JET_ERR begin; } foreign;

static int foreign_thread(void *p)
{
    foreign *a = p;
    a->begin = JetBeginTransaction(a->f->ss[0].s);
    if (a->begin >= 0)
        (void)JetCommitTransaction(a->f->ss[0].s, 0);   /* only if it wrongly nested */
    return 0;
}

/* Without a session context, a session is bound to the thread that began its transaction until the
 * transaction ends (JetBeginTransaction and JetSetSessionContext remarks): a nested JetBeginTransaction from
 * another thread meanwhile fails with JET_errSessionSharingViolation and leaves the level unchanged; the
 * owning thread carries on. Outside a transaction any thread may use the session. */
static void test_session_sharing_violation(void)
{
    fx f;
    fx_start(&f, "trx_sharing", 2, 0);
    populate(&f, 3);
    OK(JetBeginTransaction(f.ss[0].s));
    CU_ASSERT_EQUAL(insert_row(&f, 0, 10, "main", 1, NULL), JET_errSuccess);
    foreign a = { &f, 0 };
    test_thread *t = test_thread_start(foreign_thread, &a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    test_thread_join(t);
    CU_ASSERT_EQUAL(a.begin, JET_errSessionSharingViolation);
    CU_ASSERT_EQUAL(has_id(&f, 0, 10), 1);
    CU_ASSERT_EQUAL(has_id(&f, 1, 10), 0);
    CU_ASSERT_EQUAL(JetCommitTransaction(f.ss[0].s, 0), JET_errSuccess);   /* level 1 -> 0: committed */
    CU_ASSERT_EQUAL(has_id(&f, 1, 10), 1);
    CU_ASSERT_EQUAL(JetCommitTransaction(f.ss[0].s, 0), JET_errNotInTransaction);
    /* Outside a transaction another thread may use it (and begin one of its own there). */
    t = test_thread_start(foreign_thread, &a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    test_thread_join(t);
    CU_ASSERT_EQUAL(a.begin, JET_errSuccess);
    CU_ASSERT_EQUAL(JetCommitTransaction(f.ss[0].s, 0), JET_errNotInTransaction);   /* the thread ended it */
    fx_stop(&f);
}

int main(void)
{
    /* Each test uses an instance of its own; a test aborted by a fatal assertion leaves its instance behind. */
    (void)JetSetSystemParameterA(NULL, 0, JET_paramMaxInstances, 64, NULL);
    CU_pSuite s = esent_test_suite("trx_isolation", NULL, NULL);
    esent_test_add(s, "snapshot", test_snapshot);
    esent_test_add(s, "snapshot_begins_at_begin", test_snapshot_begins_at_begin);
    esent_test_add(s, "snapshot_secondary_walk", test_snapshot_secondary_walk);
    esent_test_add(s, "snapshot_secondary_churn", test_snapshot_secondary_churn);
    esent_test_add(s, "snapshot_secondary_key_returns", test_snapshot_secondary_key_returns);
    esent_test_add(s, "uncommitted_invisible", test_uncommitted_invisible);
    s = esent_test_suite("trx_conflicts", NULL, NULL);
    esent_test_add(s, "replace_delete_lock", test_write_conflict_replace_delete_lock);
    esent_test_add(s, "outside_transaction", test_write_conflict_outside_transaction);
    esent_test_add(s, "replace_nolock", test_write_conflict_replace_nolock);
    esent_test_add(s, "read_write_locks", test_read_write_locks);
    esent_test_add(s, "unique_concurrent_inserts", test_unique_concurrent_inserts);
    s = esent_test_suite("trx_data", NULL, NULL);
    esent_test_add(s, "long_values", test_long_values);
    esent_test_add(s, "nesting_two_sessions", test_nesting_two_sessions);
    esent_test_add(s, "escrow_concurrent", test_escrow_concurrent);
    s = esent_test_suite("trx_version_store", NULL, NULL);
    esent_test_add(s, "max_ver_pages_range", test_max_ver_pages_range);
    esent_test_add(s, "out_of_memory_then_rollback", test_version_store_out_of_memory);
    esent_test_add(s, "cleanup_keeps_up", test_version_store_cleanup_keeps_up);
    esent_test_add(s, "pinned_by_old_transaction", test_version_store_pinned_by_old_transaction);
    esent_test_add(s, "background_cleanup", test_version_store_background_cleanup);
    s = esent_test_suite("trx_lifecycle", NULL, NULL);
    esent_test_add(s, "term_with_open_transaction", test_term_with_open_transaction);
    esent_test_add(s, "session_moves_between_threads", test_session_moves_between_threads);
    esent_test_add(s, "session_sharing_violation", test_session_sharing_violation);
    return esent_test_run();
}
