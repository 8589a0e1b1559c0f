/* Transactions: JetBeginTransaction(2,3), JetCommitTransaction(2), JetRollback. The engine side is
 * table/trx.h (one session at a time: an undo log of tree operations). */
#include "api/api.h"

#include <string.h>

#include "table/cursor.h"
#include "table/tdb.h"
#include "table/trx.h"

#define COMMIT_GRBITS (JET_bitCommitLazyFlush | JET_bitWaitLastLevel0Commit | JET_bitWaitAllLevel0Commit)

static JET_ERR begin(JET_SESID sesid, JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)JET_bitTransactionReadOnly)
        return JET_errInvalidGrbit;
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    esent_data_lock();
    err = esent_trx_begin(s, 0);
    esent_data_unlock();
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetBeginTransaction(JET_SESID sesid) { return begin(sesid, 0); }
JET_ERR JET_API JetBeginTransaction2(JET_SESID sesid, JET_GRBIT grbit) { return begin(sesid, grbit); }
JET_ERR JET_API JetBeginTransaction3(JET_SESID sesid, int64_t trxid, JET_GRBIT grbit)
{
    (void)trxid;   /* a caller-chosen id for tracing; the engine does not use it */
    return begin(sesid, grbit);
}

/* Durability: with no transaction log yet, a commit is durable when the database is detached or the
 * instance terminated (docs/behaviour.md); lazy and non-lazy commits behave alike. */
static JET_ERR commit(JET_SESID sesid, JET_GRBIT grbit, JET_COMMIT_ID *pcommit_id)
{
    if (grbit & ~(JET_GRBIT)COMMIT_GRBITS)
        return JET_errInvalidGrbit;
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    esent_data_lock();
    if (esent_trx_level(s) == 0)
        /* JET_bitWaitLastLevel0Commit alone only waits for earlier commits: legal outside a transaction. */
        err = grbit == JET_bitWaitLastLevel0Commit || grbit == JET_bitWaitAllLevel0Commit ? JET_errSuccess
                                                                                          : JET_errNotInTransaction;
    else
        err = esent_trx_commit(s);
    esent_data_unlock();
    if (err >= 0 && pcommit_id != NULL)
        memset(pcommit_id, 0, sizeof *pcommit_id);
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetCommitTransaction(JET_SESID sesid, JET_GRBIT grbit) { return commit(sesid, grbit, NULL); }
JET_ERR JET_API JetCommitTransaction2(JET_SESID sesid, JET_GRBIT grbit, uint32_t cmsecDurableCommit,
                                      JET_COMMIT_ID *pCommitId)
{
    (void)cmsecDurableCommit;
    return commit(sesid, grbit, pCommitId);
}

JET_ERR JET_API JetRollback(JET_SESID sesid, JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)JET_bitRollbackAll)
        return JET_errInvalidGrbit;
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    esent_data_lock();
    if (esent_trx_level(s) == 0) {
        err = JET_errNotInTransaction;
    } else {
        esent_cursor_cancel_updates(s);   /* updates prepared in the transaction are cancelled */
        err = esent_trx_rollback(s, (grbit & JET_bitRollbackAll) != 0);
    }
    esent_data_unlock();
    esent_session_leave(s);
    return err;
}
