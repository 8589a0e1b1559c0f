/* Randomized multi-threaded transaction stress (issue 5): STRESS_THREADS threads, each with its own session
 * (begun on that thread) on one instance and one database, run random transactions against a table of
 * accounts whose balances sum to a constant:
 *   - transfer: read two accounts, replace both (JET_prepReplace or JET_prepReplaceNoLock); on
 *     JET_errWriteConflict roll back and count the conflict;
 *   - insert a row of its own (balance 0) and commit it, or delete it again in the same transaction;
 *   - delete one of its own committed rows in a later transaction;
 *   - read-only snapshot: scan every row (primary index, or the secondary index on the balance), check the
 *     sum is the constant and that exactly its own committed rows are visible, scan again in the same
 *     transaction and check nothing changed (repeatable reads);
 *   - a deliberate rollback after a transfer, an insert and a delete.
 * Each thread records which of its inserts and deletes were committed and which rolled back; at the end
 * every committed row must be present, every deleted or rolled-back one absent, and the sum must hold.
 *
 * Two threaded rounds: "spread" (64 accounts, few conflicts) and "hot" (3 accounts, most transfers conflict).
 * A third test, "interleaved", runs the same kinds of transactions from 4 sessions on one thread, one step
 * (a few API calls) at a time in a seeded order, with scans advancing a few rows per step: the schedule is
 * identical on every run, so a failure there reproduces exactly (the first one is printed with its step).
 *
 * Reproducible: a fixed seed per thread. Bounded: STRESS_ITERS transactions per thread and at most
 * STRESS_SECONDS of wall time per threaded round, IL_STEPS steps for the interleaved test (compile-time
 * constants; the environment variables ESENT_TRX_STRESS_ITERS (at most STRESS_ITERS),
 * ESENT_TRX_STRESS_SECONDS and ESENT_TRX_STRESS_STEPS override them), so that it stays within ~10-20 s
 * under ThreadSanitizer. Public API only. */
#include <esent.h>
#include "api_fixture.h"
#include "cu_runner.h"
#include "test_util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef STRESS_THREADS
#define STRESS_THREADS 4
#endif
#ifndef STRESS_ITERS
#define STRESS_ITERS 3000          /* transactions per thread and round */
#endif
#ifndef STRESS_SECONDS
#define STRESS_SECONDS 6           /* wall-clock cap per threaded round (two rounds) */
#endif

#define START_BALANCE 1000
#define MAX_OWN       (STRESS_ITERS + 16)   /* own rows a thread can insert in a round (at most one each) */
#define OWN_BASE      1000000
#define OWN_STRIDE    1000000               /* thread t's rows: OWN_BASE + t * OWN_STRIDE + seq */
#define PAD           64
#define MAX_UNEXPECTED 50                   /* a thread stops after this many unexpected answers */

enum { OWN_UNUSED, OWN_PRESENT, OWN_DELETED, OWN_DELETED_SAME_TRX, OWN_ROLLED_BACK };

typedef struct round_cfg {
    const char *name;
    int accounts;
    long iters;
    long seconds;
} round_cfg;

typedef struct worker {
    int idx;
    const round_cfg *cfg;
    JET_INSTANCE inst;
    const char *db_path;
    time_t deadline;
    uint32_t rng;
    JET_SESID s;
    JET_DBID db;
    JET_TABLEID t;
    JET_COLUMNID c_id, c_bal, c_pad;
    unsigned char *own;      /* OWN_* per sequence number */
    int next_seq;
    int present;             /* rows of this thread committed and not deleted */
    /* counts */
    long txns, commits, conflicts, rollbacks, transfers, inserts, deletes, scans;
    long bad_sum, bad_own, bad_repeat, bad_after_rollback;
    long bad_secondary;      /* of the bad scans (sum, own rows, repeat), those on index "bybal" */
    long unexpected;
    JET_ERR first_err;
    char first_where[48];
} worker;

static uint32_t rnd(worker *w)
{
    uint32_t x = w->rng;   /* xorshift32 */
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    w->rng = x;
    return x;
}

static long env_long(const char *name, long dflt)
{
    const char *v = getenv(name);
    if (v == NULL || *v == '\0')
        return dflt;
    long n = strtol(v, NULL, 10);
    return n > 0 ? n : dflt;
}

static void unexpected(worker *w, const char *where, JET_ERR err)
{
    if (w->unexpected++ == 0) {
        w->first_err = err;
        snprintf(w->first_where, sizeof w->first_where, "%s", where);
    }
}

static int32_t own_id(int thread, int seq)
{
    return OWN_BASE + thread * OWN_STRIDE + seq;
}

static JET_ERR seek(worker *w, int32_t id)
{
    JET_ERR err = JetMakeKey(w->s, w->t, &id, sizeof id, JET_bitNewKey);
    return err < 0 ? err : JetSeek(w->s, w->t, JET_bitSeekEQ);
}

static JET_ERR read_bal(worker *w, int32_t id, int32_t *bal)
{
    JET_ERR err = seek(w, id);
    if (err < 0)
        return err;
    return JetRetrieveColumn(w->s, w->t, w->c_bal, bal, sizeof *bal, NULL, 0, NULL);
}

static JET_ERR write_bal(worker *w, int32_t id, int32_t bal, uint32_t prep)
{
    JET_ERR err = seek(w, id);
    if (err < 0)
        return err;
    err = JetPrepareUpdate(w->s, w->t, prep);
    if (err < 0)
        return err;
    err = JetSetColumn(w->s, w->t, w->c_bal, &bal, sizeof bal, 0, NULL);
    if (err >= 0)
        err = JetUpdate(w->s, w->t, NULL, 0, NULL);
    if (err < 0)
        (void)JetPrepareUpdate(w->s, w->t, JET_prepCancel);
    return err;
}

static JET_ERR insert_own(worker *w, int seq)
{
    int32_t id = own_id(w->idx, seq), bal = 0;
    uint8_t pad[PAD];
    for (int i = 0; i < PAD; i++)
        pad[i] = (uint8_t)(id + i);
    JET_ERR err = JetPrepareUpdate(w->s, w->t, JET_prepInsert);
    if (err < 0)
        return err;
    err = JetSetColumn(w->s, w->t, w->c_id, &id, sizeof id, 0, NULL);
    if (err >= 0)
        err = JetSetColumn(w->s, w->t, w->c_bal, &bal, sizeof bal, 0, NULL);
    if (err >= 0)
        err = JetSetColumn(w->s, w->t, w->c_pad, pad, sizeof pad, 0, NULL);
    if (err >= 0)
        err = JetUpdate(w->s, w->t, NULL, 0, NULL);
    if (err < 0)
        (void)JetPrepareUpdate(w->s, w->t, JET_prepCancel);
    return err;
}

static JET_ERR delete_row(worker *w, int32_t id)
{
    JET_ERR err = seek(w, id);
    return err < 0 ? err : JetDelete(w->s, w->t);
}

/* Ends the current transaction after an error: a write conflict is expected and counted, anything else is
 * not. Returns 0. */
static int abort_trx(worker *w, const char *where, JET_ERR err)
{
    if (err == JET_errWriteConflict)
        w->conflicts++;
    else
        unexpected(w, where, err);
    JET_ERR r = JetRollback(w->s, JET_bitRollbackAll);
    if (r < 0)
        unexpected(w, "JetRollback after an error", r);
    return 0;
}

static int commit(worker *w, const char *where)
{
    JET_ERR err = JetCommitTransaction(w->s, JET_bitCommitLazyFlush);
    if (err < 0) {
        unexpected(w, where, err);
        (void)JetRollback(w->s, JET_bitRollbackAll);
        return 0;
    }
    w->commits++;
    return 1;
}

/* A random own sequence number in state PRESENT, or -1. */
static int pick_present(worker *w)
{
    if (w->present == 0)
        return -1;
    int k = (int)(rnd(w) % (uint32_t)w->present);
    for (int seq = 0; seq < w->next_seq; seq++) {
        if (w->own[seq] == OWN_PRESENT && k-- == 0)
            return seq;
    }
    return -1;
}

static void op_transfer(worker *w)
{
    const int n = w->cfg->accounts;
    int32_t a = (int32_t)(rnd(w) % (uint32_t)n);
    int32_t b = (int32_t)((a + 1 + (int32_t)(rnd(w) % (uint32_t)(n - 1))) % n);
    int32_t amount = (int32_t)(1 + rnd(w) % 50), va = 0, vb = 0;
    uint32_t prep = (rnd(w) % 4 == 0) ? JET_prepReplaceNoLock : JET_prepReplace;
    JET_ERR err = JetBeginTransaction(w->s);
    if (err < 0) {
        unexpected(w, "transfer: JetBeginTransaction", err);
        return;
    }
    if ((err = read_bal(w, a, &va)) < 0 || (err = read_bal(w, b, &vb)) < 0) {
        abort_trx(w, "transfer: read", err);
        return;
    }
    if ((err = write_bal(w, a, va - amount, prep)) < 0 || (err = write_bal(w, b, vb + amount, prep)) < 0) {
        abort_trx(w, "transfer: write", err);
        return;
    }
    if (commit(w, "transfer: commit"))
        w->transfers++;
}

static void op_insert(worker *w)
{
    if (w->next_seq >= MAX_OWN)
        return;
    int seq = w->next_seq++;
    int same_trx_delete = rnd(w) % 3 == 0;
    JET_ERR err = JetBeginTransaction(w->s);
    if (err < 0) {
        unexpected(w, "insert: JetBeginTransaction", err);
        w->own[seq] = OWN_ROLLED_BACK;
        return;
    }
    w->own[seq] = OWN_ROLLED_BACK;   /* until the commit */
    if ((err = insert_own(w, seq)) < 0) {
        abort_trx(w, "insert", err);
        return;
    }
    if (same_trx_delete && (err = delete_row(w, own_id(w->idx, seq))) < 0) {
        abort_trx(w, "insert: delete in the same transaction", err);
        return;
    }
    if (commit(w, "insert: commit")) {
        w->inserts++;
        if (same_trx_delete) {
            w->own[seq] = OWN_DELETED_SAME_TRX;
            w->deletes++;
        } else {
            w->own[seq] = OWN_PRESENT;
            w->present++;
        }
    }
}

static void op_delete(worker *w)
{
    int seq = pick_present(w);
    if (seq < 0) {
        op_insert(w);
        return;
    }
    JET_ERR err = JetBeginTransaction(w->s);
    if (err < 0) {
        unexpected(w, "delete: JetBeginTransaction", err);
        return;
    }
    if ((err = delete_row(w, own_id(w->idx, seq))) < 0) {
        abort_trx(w, "delete", err);   /* nobody else touches own rows: any error is unexpected */
        return;
    }
    if (commit(w, "delete: commit")) {
        w->own[seq] = OWN_DELETED;
        w->present--;
        w->deletes++;
    }
}

/* One full scan: rows and balance sum; own_visible counts this thread's rows and own_bad those that should
 * not be visible. Returns the rows, or -1 after an unexpected error. */
static long scan_all(worker *w, int64_t *sum, int *own_visible, int *own_bad)
{
    long rows = 0;
    int64_t total = 0;
    int vis = 0, bad = 0;
    JET_ERR err = JetMove(w->s, w->t, JET_MoveFirst, 0);
    while (err == JET_errSuccess) {
        int32_t id = 0, bal = 0;
        err = JetRetrieveColumn(w->s, w->t, w->c_id, &id, sizeof id, NULL, 0, NULL);
        if (err >= 0)
            err = JetRetrieveColumn(w->s, w->t, w->c_bal, &bal, sizeof bal, NULL, 0, NULL);
        if (err < 0)
            break;
        total += bal;
        rows++;
        int32_t mine = id - own_id(w->idx, 0);
        if (mine >= 0 && mine < OWN_STRIDE) {
            vis++;
            if (mine >= w->next_seq || w->own[mine] != OWN_PRESENT)
                bad++;
        }
        err = JetMove(w->s, w->t, JET_MoveNext, 0);
    }
    if (err != JET_errNoCurrentRecord) {
        unexpected(w, "scan", err);
        return -1;
    }
    *sum = total;
    *own_visible = vis;
    *own_bad = bad;
    return rows;
}

static void op_scan(worker *w)
{
    const char *index = (rnd(w) % 2) ? "bybal" : NULL;
    JET_ERR err = JetBeginTransaction(w->s);
    if (err < 0) {
        unexpected(w, "scan: JetBeginTransaction", err);
        return;
    }
    if ((err = JetSetCurrentIndexA(w->s, w->t, index)) < 0) {
        abort_trx(w, "scan: JetSetCurrentIndex", err);
        return;
    }
    int64_t sum1 = 0, sum2 = 0;
    int vis1 = 0, vis2 = 0, bad1 = 0, bad2 = 0;
    long rows1 = scan_all(w, &sum1, &vis1, &bad1);
    long rows2 = rows1 < 0 ? -1 : scan_all(w, &sum2, &vis2, &bad2);
    if (rows1 >= 0 && rows2 >= 0) {
        const int64_t expect = (int64_t)w->cfg->accounts * START_BALANCE;
        int bad = 0;
        if (sum1 != expect || sum2 != expect) {
            w->bad_sum++;
            bad = 1;
        }
        if (vis1 != w->present || bad1 != 0 || bad2 != 0) {
            w->bad_own++;
            bad = 1;
        }
        if (rows1 != rows2 || sum1 != sum2 || vis1 != vis2) {
            w->bad_repeat++;
            bad = 1;
        }
        if (bad && index != NULL)
            w->bad_secondary++;
    }
    (void)JetSetCurrentIndexA(w->s, w->t, NULL);
    if (commit(w, "scan: commit"))
        w->scans++;
}

/* Changes of every kind, then JetRollback: none of them may remain. */
static void op_rollback(worker *w)
{
    const int n = w->cfg->accounts;
    int32_t a = (int32_t)(rnd(w) % (uint32_t)n);
    int32_t b = (a + 1) % n;
    int del_seq = pick_present(w);
    int ins_seq = w->next_seq < MAX_OWN ? w->next_seq++ : -1;
    JET_ERR err = JetBeginTransaction(w->s);
    if (err < 0) {
        unexpected(w, "rollback: JetBeginTransaction", err);
        return;
    }
    int32_t va = 0, vb = 0;
    if ((err = read_bal(w, a, &va)) >= 0 && (err = read_bal(w, b, &vb)) >= 0 &&
        (err = write_bal(w, a, va - 7, JET_prepReplace)) >= 0)
        err = write_bal(w, b, vb + 7, JET_prepReplace);
    if (err < 0 && err != JET_errWriteConflict)
        unexpected(w, "rollback: transfer", err);
    if (ins_seq >= 0) {
        w->own[ins_seq] = OWN_ROLLED_BACK;
        if ((err = insert_own(w, ins_seq)) < 0)
            unexpected(w, "rollback: insert", err);
    }
    if (del_seq >= 0 && (err = delete_row(w, own_id(w->idx, del_seq))) < 0)
        unexpected(w, "rollback: delete", err);
    err = JetRollback(w->s, 0);
    if (err < 0) {
        unexpected(w, "rollback: JetRollback", err);
        (void)JetRollback(w->s, JET_bitRollbackAll);
        return;
    }
    w->rollbacks++;
    /* Outside any transaction: the insert is gone, the deleted row is back. */
    if (ins_seq >= 0 && seek(w, own_id(w->idx, ins_seq)) != JET_errRecordNotFound)
        w->bad_after_rollback++;
    if (del_seq >= 0 && seek(w, own_id(w->idx, del_seq)) != JET_errSuccess)
        w->bad_after_rollback++;
}

static int worker_main(void *p)
{
    worker *w = p;
    JET_ERR err = JetBeginSessionA(w->inst, &w->s, "", "");
    if (err >= 0)
        err = JetOpenDatabaseA(w->s, w->db_path, NULL, &w->db, 0);
    if (err >= 0)
        err = JetOpenTableA(w->s, w->db, "acct", NULL, 0, 0, &w->t);
    if (err < 0) {
        unexpected(w, "session setup", err);
        return 1;
    }
    for (long i = 0; i < w->cfg->iters && w->unexpected < MAX_UNEXPECTED; i++) {
        if ((i & 31) == 0 && time(NULL) >= w->deadline)
            break;
        uint32_t r = rnd(w) % 100;
        w->txns++;
        if (r < 40)
            op_transfer(w);
        else if (r < 55)
            op_insert(w);
        else if (r < 65)
            op_delete(w);
        else if (r < 85)
            op_scan(w);
        else
            op_rollback(w);
    }
    (void)JetRollback(w->s, JET_bitRollbackAll);   /* nothing should be open; harmless if not */
    (void)JetCloseTable(w->s, w->t);
    (void)JetEndSession(w->s, 0);
    return 0;
}

typedef struct db_env {
    JET_INSTANCE inst;
    JET_SESID s;
    JET_DBID db;
    JET_TABLEID t;
    JET_COLUMNID c_id, c_bal, c_pad;
    char dir[128], path[256];
} db_env;

/* An instance, a database and the table acct: id Long (primary), bal Long (index "bybal"), pad Binary, with
 * `accounts` rows of START_BALANCE committed; e->s keeps the database open and e->t a cursor on acct. */
static void setup_db(db_env *e, const char *name, int accounts)
{
    memset(e, 0, sizeof *e);
    snprintf(e->dir, sizeof e->dir, "%s_sys/", name);
    snprintf(e->path, sizeof e->path, "%s_sys/%s.edb", name, name);
    CU_ASSERT_EQUAL_FATAL(JetCreateInstanceA(&e->inst, name), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetSetSystemParameterA(&e->inst, 0, JET_paramSystemPath, 0, e->dir), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetSetSystemParameterA(&e->inst, 0, JET_paramLogFilePath, 0, e->dir), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetSetSystemParameterA(&e->inst, 0, JET_paramTempPath, 0, e->dir), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetSetSystemParameterA(&e->inst, 0, JET_paramCreatePathIfNotExist, 1, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetInit(&e->inst), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(e->inst, &e->s, "", ""), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetCreateDatabaseA(e->s, e->path, NULL, &e->db, JET_bitDbOverwriteExisting), JET_errSuccess);
    /* acct: id Long (primary), bal Long (index "bybal"), pad Binary. */
    JET_COLUMNCREATE_A cc[3];
    memset(cc, 0, sizeof cc);
    static const char *const names[3] = { "id", "bal", "pad" };
    static const JET_COLTYP types[3] = { JET_coltypLong, JET_coltypLong, JET_coltypBinary };
    for (int i = 0; i < 3; i++) {
        cc[i].cbStruct = sizeof cc[i];
        cc[i].szColumnName = (char *)names[i];
        cc[i].coltyp = types[i];
        cc[i].cbMax = types[i] == JET_coltypBinary ? 255 : 0;
        cc[i].grbit = i == 0 ? JET_bitColumnFixed | JET_bitColumnNotNULL : i == 1 ? JET_bitColumnFixed : 0;
    }
    static char k_pk[] = "+id\0", k_bal[] = "+bal\0";
    JET_INDEXCREATE_A ic[2] = { api_index_a("primary", k_pk, sizeof k_pk, JET_bitIndexPrimary),
                                api_index_a("bybal", k_bal, sizeof k_bal, 0) };
    JET_TABLECREATE_A tc = api_table_a("acct", cc, 3, ic, 2);
    CU_ASSERT_EQUAL_FATAL(JetCreateTableColumnIndexA(e->s, e->db, &tc), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetCloseTable(e->s, tc.tableid), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetOpenTableA(e->s, e->db, "acct", NULL, 0, 0, &e->t), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(JetBeginTransaction(e->s), JET_errSuccess);
    for (int32_t id = 0; id < accounts; id++) {
        int32_t bal = START_BALANCE;
        CU_ASSERT_EQUAL_FATAL(JetPrepareUpdate(e->s, e->t, JET_prepInsert), JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(JetSetColumn(e->s, e->t, cc[0].columnid, &id, sizeof id, 0, NULL), JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(JetSetColumn(e->s, e->t, cc[1].columnid, &bal, sizeof bal, 0, NULL), JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(JetUpdate(e->s, e->t, NULL, 0, NULL), JET_errSuccess);
    }
    CU_ASSERT_EQUAL_FATAL(JetCommitTransaction(e->s, 0), JET_errSuccess);
    e->c_id = cc[0].columnid;
    e->c_bal = cc[1].columnid;
    e->c_pad = cc[2].columnid;
}

static void run_round(const round_cfg *cfg)
{
    db_env e;
    setup_db(&e, cfg->name, cfg->accounts);
    JET_INSTANCE inst = e.inst;
    JET_SESID s = e.s;
    JET_TABLEID t = e.t;
    const char *path = e.path;
    JET_COLUMNID cc_id = e.c_id, cc_bal = e.c_bal, cc_pad = e.c_pad;
    static worker workers[STRESS_THREADS];
    test_thread *threads[STRESS_THREADS];
    const time_t deadline = time(NULL) + cfg->seconds;
    for (int i = 0; i < STRESS_THREADS; i++) {
        worker *w = &workers[i];
        memset(w, 0, sizeof *w);
        w->idx = i;
        w->cfg = cfg;
        w->inst = inst;
        w->db_path = path;
        w->deadline = deadline;
        w->rng = 0x9E3779B9u * (uint32_t)(i + 1) ^ (uint32_t)cfg->accounts;   /* fixed seed per thread */
        if (w->rng == 0)
            w->rng = 1;
        w->c_id = cc_id;
        w->c_bal = cc_bal;
        w->c_pad = cc_pad;
        w->own = calloc(MAX_OWN, 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(w->own);
    }
    for (int i = 0; i < STRESS_THREADS; i++) {
        threads[i] = test_thread_start(worker_main, &workers[i]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(threads[i]);
    }
    for (int i = 0; i < STRESS_THREADS; i++)
        test_thread_join(threads[i]);

    /* Final state, read by the main session outside any transaction. */
    long present_total = 0, missing = 0, resurrected = 0;
    for (int i = 0; i < STRESS_THREADS; i++) {
        worker *w = &workers[i];
        for (int seq = 0; seq < w->next_seq; seq++) {
            int32_t id = own_id(i, seq);
            JET_ERR err = JetMakeKey(s, t, &id, sizeof id, JET_bitNewKey);
            if (err >= 0)
                err = JetSeek(s, t, JET_bitSeekEQ);
            if (w->own[seq] == OWN_PRESENT) {
                present_total++;
                if (err != JET_errSuccess)
                    missing++;
            } else if (err != JET_errRecordNotFound) {
                resurrected++;   /* deleted, or rolled back, yet there */
            }
        }
    }
    long rows = 0;
    int64_t sum = 0;
    JET_ERR err = JetMove(s, t, JET_MoveFirst, 0);
    while (err == JET_errSuccess) {
        int32_t bal = 0;
        if (JetRetrieveColumn(s, t, cc_bal, &bal, sizeof bal, NULL, 0, NULL) != JET_errSuccess)
            break;
        sum += bal;
        rows++;
        err = JetMove(s, t, JET_MoveNext, 0);
    }
    CU_ASSERT_EQUAL(err, JET_errNoCurrentRecord);

    long txns = 0, commits = 0, conflicts = 0, rollbacks = 0, transfers = 0, inserts = 0, deletes = 0, scans = 0;
    long bad_sum = 0, bad_own = 0, bad_repeat = 0, bad_after_rollback = 0, unexpected_total = 0;
    printf("\n  round %s: %d accounts, %d threads\n", cfg->name, cfg->accounts, STRESS_THREADS);
    for (int i = 0; i < STRESS_THREADS; i++) {
        worker *w = &workers[i];
        printf("    thread %d: %ld transactions, %ld commits (%ld transfers, %ld inserts, %ld deletes, %ld scans), "
               "%ld conflicts, %ld deliberate rollbacks; inconsistent: sum %ld, own rows %ld, repeat %ld, "
               "after rollback %ld (bad scans on the secondary index: %ld); unexpected %ld",
               i, w->txns, w->commits, w->transfers, w->inserts, w->deletes, w->scans, w->conflicts, w->rollbacks,
               w->bad_sum, w->bad_own, w->bad_repeat, w->bad_after_rollback, w->bad_secondary, w->unexpected);
        if (w->unexpected != 0)
            printf(" (first: %s -> %d)", w->first_where, (int)w->first_err);
        printf("\n");
        txns += w->txns;
        commits += w->commits;
        conflicts += w->conflicts;
        rollbacks += w->rollbacks;
        transfers += w->transfers;
        inserts += w->inserts;
        deletes += w->deletes;
        scans += w->scans;
        bad_sum += w->bad_sum;
        bad_own += w->bad_own;
        bad_repeat += w->bad_repeat;
        bad_after_rollback += w->bad_after_rollback;
        unexpected_total += w->unexpected;
        free(w->own);
        w->own = NULL;
    }
    printf("    total: %ld transactions, %ld commits, %ld write conflicts, %ld deliberate rollbacks; "
           "final: %ld rows, sum %lld (expected %ld rows, sum %lld); %ld committed rows missing, "
           "%ld deleted/rolled-back rows present\n",
           txns, commits, conflicts, rollbacks, rows, (long long)sum, (long)cfg->accounts + present_total,
           (long long)cfg->accounts * START_BALANCE, missing, resurrected);
    fflush(stdout);

    CU_ASSERT_EQUAL(unexpected_total, 0);
    CU_ASSERT_EQUAL(bad_sum, 0);               /* every snapshot sums to the constant */
    CU_ASSERT_EQUAL(bad_own, 0);               /* and shows exactly the thread's own committed rows */
    CU_ASSERT_EQUAL(bad_repeat, 0);            /* twice the same within one transaction */
    CU_ASSERT_EQUAL(bad_after_rollback, 0);
    CU_ASSERT_EQUAL(missing, 0);
    CU_ASSERT_EQUAL(resurrected, 0);
    CU_ASSERT_EQUAL(sum, (int64_t)cfg->accounts * START_BALANCE);
    CU_ASSERT_EQUAL(rows, cfg->accounts + present_total);
    CU_ASSERT(transfers > 0 && inserts > 0 && deletes > 0 && scans > 0 && rollbacks > 0);   /* all kinds ran */
    CU_ASSERT(commits > 0);
    CU_ASSERT_EQUAL(JetCloseTable(s, t), JET_errSuccess);
    CU_ASSERT_EQUAL(JetTerm(inst), JET_errSuccess);
}

/* ---- one thread, interleaved sessions: a reproducible schedule ---- */

#ifndef IL_STEPS
#define IL_STEPS 20000
#endif
#define IL_SESSIONS 4
#define IL_ACCOUNTS 3

enum { IL_TRANSFER_COMMIT, IL_TRANSFER_ROLLBACK, IL_INSERT, IL_DELETE, IL_READ };

typedef struct il_ses {
    worker w;
    int state, kind, scans_left;
    int32_t a, b, amount, va, vb;
    uint32_t prep;
    int seq;
    const char *index;
    long rows1;              /* the first complete scan of the read transaction */
    int64_t sum1;
    int vis1;
    int scan_no;             /* scans completed */
    long rows;               /* the scan in progress, a few rows per step */
    int64_t sum;
    int vis, bad;
} il_ses;

/* Reads the row under x's cursor into the scan in progress. */
static JET_ERR il_take_row(il_ses *x)
{
    worker *w = &x->w;
    int32_t id = 0, bal = 0;
    JET_ERR err = JetRetrieveColumn(w->s, w->t, w->c_id, &id, sizeof id, NULL, 0, NULL);
    if (err >= 0)
        err = JetRetrieveColumn(w->s, w->t, w->c_bal, &bal, sizeof bal, NULL, 0, NULL);
    if (err < 0)
        return err;
    x->rows++;
    x->sum += bal;
    int32_t mine = id - own_id(w->idx, 0);
    if (mine >= 0 && mine < OWN_STRIDE) {
        x->vis++;
        if (mine >= w->next_seq || w->own[mine] != OWN_PRESENT)
            x->bad++;
    }
    return JET_errSuccess;
}

static long g_il_steps = IL_STEPS;

/* One step of session x's current transaction. Returns 0, or 1 when a read was inconsistent (details in
 * *what). */
static int il_step(il_ses *x, const round_cfg *cfg, char *what, size_t cb_what)
{
    worker *w = &x->w;
    JET_ERR err = JET_errSuccess;
    if (x->state == 0) {
        uint32_t r = rnd(w) % 100;
        x->kind = r < 30 ? IL_TRANSFER_COMMIT : r < 45 ? IL_TRANSFER_ROLLBACK : r < 55 ? IL_INSERT
                : r < 65 ? IL_DELETE : IL_READ;
        if (x->kind == IL_DELETE && (x->seq = pick_present(w)) < 0)
            x->kind = IL_INSERT;
        if ((err = JetBeginTransaction(w->s)) < 0) {
            unexpected(w, "interleaved: JetBeginTransaction", err);
            return 0;
        }
        w->txns++;
        x->state = 1;
        return 0;
    }
    switch (x->kind) {
    case IL_TRANSFER_COMMIT:
    case IL_TRANSFER_ROLLBACK:
        /* 1: read both; 2, 3: write each; IL_TRANSFER_ROLLBACK: 4: insert an own row, 5: delete an own
         * committed row; last: commit or roll back everything. */
        if (x->state == 1) {
            x->a = (int32_t)(rnd(w) % IL_ACCOUNTS);
            x->b = (x->a + 1 + (int32_t)(rnd(w) % (IL_ACCOUNTS - 1))) % IL_ACCOUNTS;
            x->amount = (int32_t)(1 + rnd(w) % 50);
            x->prep = (rnd(w) % 4 == 0) ? JET_prepReplaceNoLock : JET_prepReplace;
            if ((err = read_bal(w, x->a, &x->va)) < 0 || (err = read_bal(w, x->b, &x->vb)) < 0) {
                x->state = 0;
                return abort_trx(w, "interleaved: read", err);
            }
            x->state = 2;
        } else if (x->state == 2 || x->state == 3) {
            int32_t id = x->state == 2 ? x->a : x->b;
            int32_t v = x->state == 2 ? x->va - x->amount : x->vb + x->amount;
            if ((err = write_bal(w, id, v, x->prep)) < 0) {
                x->state = 0;
                return abort_trx(w, "interleaved: write", err);
            }
            x->state = x->state == 2 ? 3 : x->kind == IL_TRANSFER_ROLLBACK ? 4 : 6;
        } else if (x->state == 4) {
            if (w->next_seq < MAX_OWN) {
                int seq = w->next_seq++;
                w->own[seq] = OWN_ROLLED_BACK;
                if ((err = insert_own(w, seq)) < 0)
                    unexpected(w, "interleaved: insert before a rollback", err);
            }
            x->state = 5;
        } else if (x->state == 5) {
            int seq = pick_present(w);
            if (seq >= 0 && (err = delete_row(w, own_id(w->idx, seq))) < 0)
                unexpected(w, "interleaved: delete before a rollback", err);
            x->state = 6;
        } else {
            x->state = 0;
            if (x->kind == IL_TRANSFER_ROLLBACK) {
                if ((err = JetRollback(w->s, 0)) < 0)
                    unexpected(w, "interleaved: JetRollback", err);
                else
                    w->rollbacks++;
            } else if (commit(w, "interleaved: transfer commit")) {
                w->transfers++;
            }
        }
        return 0;
    case IL_INSERT:
    case IL_DELETE:
        /* IL_INSERT: 1: insert; 2: one in three delete it again; 3: commit. IL_DELETE: 1: delete; 3: commit. */
        if (x->state == 1) {
            if (x->kind == IL_INSERT) {
                if (w->next_seq >= MAX_OWN) {
                    x->state = 3;
                    return 0;
                }
                x->seq = w->next_seq++;
                w->own[x->seq] = OWN_ROLLED_BACK;
                x->amount = rnd(w) % 3 == 0;   /* delete in the same transaction */
                err = insert_own(w, x->seq);
                x->state = 2;
            } else {
                err = delete_row(w, own_id(w->idx, x->seq));
                x->state = 3;
            }
            if (err < 0) {
                x->state = 0;
                return abort_trx(w, "interleaved: insert/delete", err);
            }
        } else if (x->state == 2) {
            if (x->amount && (err = delete_row(w, own_id(w->idx, x->seq))) < 0) {
                x->state = 0;
                return abort_trx(w, "interleaved: delete in the same transaction", err);
            }
            x->state = 3;
        } else {
            x->state = 0;
            if (commit(w, "interleaved: insert/delete commit")) {
                if (x->kind == IL_INSERT && x->seq < w->next_seq && w->own[x->seq] == OWN_ROLLED_BACK) {
                    w->inserts++;
                    if (x->amount) {
                        w->own[x->seq] = OWN_DELETED_SAME_TRX;
                    } else {
                        w->own[x->seq] = OWN_PRESENT;
                        w->present++;
                    }
                } else if (x->kind == IL_DELETE) {
                    w->own[x->seq] = OWN_DELETED;
                    w->present--;
                    w->deletes++;
                }
            }
        }
        return 0;
    default: {   /* IL_READ: 2..5 scans, each advancing 1..3 rows per step, between the others' steps */
        if (x->state == 1) {
            x->index = (rnd(w) % 2) ? "bybal" : NULL;
            x->scans_left = 2 + (int)(rnd(w) % 4);
            x->scan_no = 0;
            if ((err = JetSetCurrentIndexA(w->s, w->t, x->index)) < 0) {
                x->state = 0;
                return abort_trx(w, "interleaved: JetSetCurrentIndex", err);
            }
            x->state = 2;
        }
        if (x->state == 2) {   /* a scan starts */
            x->rows = 0;
            x->sum = 0;
            x->vis = x->bad = 0;
            err = JetMove(w->s, w->t, JET_MoveFirst, 0);
            if (err == JET_errSuccess)
                err = il_take_row(x);
            x->state = 3;
        } else {
            int n = 1 + (int)(rnd(w) % 3);
            err = JET_errSuccess;
            for (int k = 0; k < n && err == JET_errSuccess; k++) {
                err = JetMove(w->s, w->t, JET_MoveNext, 0);
                if (err == JET_errSuccess)
                    err = il_take_row(x);
            }
        }
        if (err == JET_errSuccess)
            return 0;   /* more rows to come */
        if (err != JET_errNoCurrentRecord) {
            x->state = 0;
            return abort_trx(w, "interleaved: scan", err);
        }
        /* A scan is complete. */
        int inconsistent = 0;
        const char *on = x->index ? x->index : "primary";
        if (x->scan_no++ == 0) {
            x->rows1 = x->rows;
            x->sum1 = x->sum;
            x->vis1 = x->vis;
            if (x->sum != (int64_t)cfg->accounts * START_BALANCE || x->bad != 0 || x->vis != w->present) {
                snprintf(what, cb_what, "scan on %s: %ld rows, sum %lld, own rows %d (%d not committed, expected "
                         "%d)", on, x->rows, (long long)x->sum, x->vis, x->bad, w->present);
                w->bad_sum++;
                inconsistent = 1;
            }
        } else if (x->rows != x->rows1 || x->sum != x->sum1 || x->vis != x->vis1) {
            snprintf(what, cb_what, "repeated scan on %s: %ld rows, sum %lld, own rows %d; first scan %ld rows, "
                     "sum %lld, own rows %d", on, x->rows, (long long)x->sum, x->vis, x->rows1, (long long)x->sum1,
                     x->vis1);
            w->bad_repeat++;
            inconsistent = 1;
        }
        if (--x->scans_left <= 0 || inconsistent) {
            (void)JetSetCurrentIndexA(w->s, w->t, NULL);
            x->state = 0;
            if (commit(w, "interleaved: read commit"))
                w->scans++;
        } else {
            x->state = 2;
        }
        return inconsistent;
    }
    }
}

/* IL_SESSIONS sessions on the main thread, each running one transaction at a time, advanced one step at a
 * time in a random (seeded) order over IL_ACCOUNTS accounts: readers' snapshots span many of the others'
 * commits, rollbacks and write conflicts. The same schedule every run, so a failure reproduces exactly; the
 * first inconsistency is printed with its step number. */
static void test_interleaved(void)
{
    static const round_cfg cfg = { "trxstress_il", IL_ACCOUNTS, IL_STEPS, 0 };
    db_env e;
    setup_db(&e, cfg.name, IL_ACCOUNTS);
    static il_ses xs[IL_SESSIONS];
    uint32_t sched = 0x2545F491u;
    for (int i = 0; i < IL_SESSIONS; i++) {
        il_ses *x = &xs[i];
        memset(x, 0, sizeof *x);
        x->w.idx = i;
        x->w.cfg = &cfg;
        x->w.rng = 0x9E3779B9u * (uint32_t)(i + 11);
        x->w.c_id = e.c_id;
        x->w.c_bal = e.c_bal;
        x->w.c_pad = e.c_pad;
        x->w.own = calloc(MAX_OWN, 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(x->w.own);
        CU_ASSERT_EQUAL_FATAL(JetBeginSessionA(e.inst, &x->w.s, "", ""), JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(JetOpenDatabaseA(x->w.s, e.path, NULL, &x->w.db, 0), JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(JetOpenTableA(x->w.s, x->w.db, "acct", NULL, 0, 0, &x->w.t), JET_errSuccess);
    }
    long bad = 0, bad_secondary = 0, unexpected_total = 0;
    char first[256] = "";
    long first_step = -1;
    for (long step = 0; step < g_il_steps; step++) {
        sched ^= sched << 13;
        sched ^= sched >> 17;
        sched ^= sched << 5;
        il_ses *x = &xs[sched % IL_SESSIONS];
        if (x->w.unexpected >= MAX_UNEXPECTED)
            continue;
        char what[200];
        if (il_step(x, &cfg, what, sizeof what)) {
            if (x->index != NULL)
                bad_secondary++;
            if (bad++ == 0) {
                first_step = step;
                snprintf(first, sizeof first, "session %d: %s", x->w.idx, what);
            }
        }
    }
    long commits = 0, conflicts = 0, rollbacks = 0, scans = 0;
    for (int i = 0; i < IL_SESSIONS; i++) {
        worker *w = &xs[i].w;
        (void)JetRollback(w->s, JET_bitRollbackAll);   /* transactions still open at the last step */
        commits += w->commits;
        conflicts += w->conflicts;
        rollbacks += w->rollbacks;
        scans += w->scans;
        unexpected_total += w->unexpected;
        if (w->unexpected != 0)
            printf("\n    session %d: %ld unexpected (first: %s -> %d)", i, w->unexpected, w->first_where,
                   (int)w->first_err);
    }
    /* Final state: the sum, and each session's own rows (an insert or delete still open at the end was
     * rolled back just now). */
    long missing = 0, resurrected = 0, present_total = 0;
    for (int i = 0; i < IL_SESSIONS; i++) {
        worker *w = &xs[i].w;
        for (int seq = 0; seq < w->next_seq; seq++) {
            int32_t id = own_id(i, seq);
            JET_ERR err = JetMakeKey(e.s, e.t, &id, sizeof id, JET_bitNewKey);
            if (err >= 0)
                err = JetSeek(e.s, e.t, JET_bitSeekEQ);
            if (w->own[seq] == OWN_PRESENT) {
                present_total++;
                missing += err != JET_errSuccess;
            } else {
                resurrected += err != JET_errRecordNotFound;
            }
        }
    }
    int64_t sum = 0;
    long rows = 0;
    JET_ERR err = JetMove(e.s, e.t, JET_MoveFirst, 0);
    while (err == JET_errSuccess) {
        int32_t bal = 0;
        if (JetRetrieveColumn(e.s, e.t, e.c_bal, &bal, sizeof bal, NULL, 0, NULL) != JET_errSuccess)
            break;
        sum += bal;
        rows++;
        err = JetMove(e.s, e.t, JET_MoveNext, 0);
    }
    printf("\n  interleaved: %ld steps, %ld commits, %ld write conflicts, %ld rollbacks, %ld read transactions; "
           "%ld inconsistent reads (%ld on the secondary index); final %ld rows, sum %lld\n",
           g_il_steps, commits, conflicts, rollbacks, scans, bad, bad_secondary, rows, (long long)sum);
    if (bad)
        printf("    step %ld, %s\n", first_step, first);
    fflush(stdout);
    CU_ASSERT_EQUAL(err, JET_errNoCurrentRecord);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(unexpected_total, 0);
    CU_ASSERT_EQUAL(missing, 0);
    CU_ASSERT_EQUAL(resurrected, 0);
    CU_ASSERT_EQUAL(sum, (int64_t)IL_ACCOUNTS * START_BALANCE);
    CU_ASSERT_EQUAL(rows, IL_ACCOUNTS + present_total);
    CU_ASSERT(commits > 0 && conflicts > 0 && scans > 0);
    for (int i = 0; i < IL_SESSIONS; i++) {
        free(xs[i].w.own);
        xs[i].w.own = NULL;
    }
    CU_ASSERT_EQUAL(JetTerm(e.inst), JET_errSuccess);
}

static round_cfg g_spread = { "trxstress_spread", 64, STRESS_ITERS, STRESS_SECONDS };
static round_cfg g_hot = { "trxstress_hot", 3, STRESS_ITERS, STRESS_SECONDS };

/* 64 accounts: conflicts are rare, snapshots see many concurrent commits. */
static void test_spread(void)
{
    run_round(&g_spread);
}

/* 3 accounts: most transfers conflict. */
static void test_hot(void)
{
    run_round(&g_hot);
}

int main(void)
{
    long iters = env_long("ESENT_TRX_STRESS_ITERS", STRESS_ITERS);
    long seconds = env_long("ESENT_TRX_STRESS_SECONDS", STRESS_SECONDS);
    if (iters > STRESS_ITERS) {
        printf("ESENT_TRX_STRESS_ITERS above the compiled maximum %d: using %d\n", STRESS_ITERS, STRESS_ITERS);
        iters = STRESS_ITERS;   /* MAX_OWN is sized for STRESS_ITERS */
    }
    g_spread.iters = g_hot.iters = iters;
    g_spread.seconds = g_hot.seconds = seconds;
    g_il_steps = env_long("ESENT_TRX_STRESS_STEPS", IL_STEPS);
    CU_pSuite s = esent_test_suite("trx_stress", NULL, NULL);
    esent_test_add(s, "spread", test_spread);
    esent_test_add(s, "hot", test_hot);
    esent_test_add(s, "interleaved", test_interleaved);
    return esent_test_run();
}
