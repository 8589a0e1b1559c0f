/* JetGetVersion, JetIdle, JetGetThreadStats, JetConfigureProcessForCrashDump, JetGetErrorInfoW. */
#include "api/api.h"

#include "core/threadstats.h"
#include "core/version.h"
#include "err/errtext.h"
#include "session/session.h"

#include <string.h>

JET_ERR JET_API JetGetVersion(JET_SESID sesid, uint32_t *pwVersion)
{
    (void)sesid;   /* clients call it before any session exists (ManagedEsent does) */
    if (pwVersion == NULL)
        return JET_errInvalidParameter;
    *pwVersion = ESENT_VERSION_WORD;
    return JET_errSuccess;
}

JET_ERR JET_API JetIdle(JET_SESID sesid, JET_GRBIT grbit)
{
    const JET_GRBIT known = JET_bitIdleFlushBuffers | JET_bitIdleCompact | JET_bitIdleStatus;
    if ((grbit & ~known) != 0 || (grbit & JET_bitIdleFlushBuffers))
        return JET_errInvalidGrbit;   /* FlushBuffers is reserved */
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    /* The version store arrives with transactions; until then it is empty: never half full, and
     * cleanup has nothing to do. */
    err = (grbit & JET_bitIdleStatus) ? JET_errSuccess : JET_wrnNoIdleActivity;
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetGetThreadStats(void *pvResult, uint32_t cbMax)
{
    if (pvResult == NULL)
        return JET_errInvalidParameter;
    if (cbMax < sizeof(JET_THREADSTATS))
        return JET_errBufferTooSmall;
    const esent_thread_stats *t = esent_thread_stats_get();
    JET_THREADSTATS2 out;
    memset(&out, 0, sizeof out);
    out.cbStruct = cbMax >= sizeof(JET_THREADSTATS2) ? sizeof(JET_THREADSTATS2) : sizeof(JET_THREADSTATS);
    out.cPageReferenced = t->page_referenced;
    out.cPageRead = t->page_read;
    out.cPagePreread = t->page_preread;
    out.cPageDirtied = t->page_dirtied;
    out.cPageRedirtied = t->page_redirtied;
    out.cLogRecord = t->log_records;
    out.cbLogRecord = t->log_bytes;
    out.cusecPageCacheMiss = t->cache_miss_usec;
    out.cPageCacheMiss = t->cache_misses;
    memcpy(pvResult, &out, out.cbStruct);
    return JET_errSuccess;
}

JET_ERR JET_API JetConfigureProcessForCrashDump(const JET_GRBIT grbit)
{
    /* Windows uses these options to shape Watson crash dumps of the process. There is no Watson
     * here: the options are accepted and have no effect (docs/behaviour.md). */
    (void)grbit;
    return JET_errSuccess;
}

JET_ERR JET_API JetGetErrorInfoW(void *pvContext, void *pvResult, uint32_t cbMax, uint32_t InfoLevel,
                                 JET_GRBIT grbit)
{
    if (pvContext == NULL || pvResult == NULL || grbit != 0 || InfoLevel != JET_ErrorInfoSpecificErr)
        return JET_errInvalidParameter;
    if (cbMax < sizeof(JET_ERRINFOBASIC_W))
        return JET_errInvalidParameter;
    JET_ERR code = *(const JET_ERR *)pvContext;
    const esent_errtext *e = esent_errtext_find(code);
    if (e == NULL)
        return JET_errInvalidParameter;   /* a code the engine does not know */
    JET_ERRINFOBASIC_W *info = pvResult;
    memset(info, 0, sizeof *info);
    info->cbStruct = sizeof(JET_ERRINFOBASIC_W);
    info->errValue = code;
    uint32_t cat = e->category;
    info->errcatMostSpecific = cat;
    uint32_t chain[8];
    size_t n = esent_errcat_hierarchy(cat, chain, 8);
    for (size_t i = 0; i < n; i++)
        info->rgCategoricalHierarchy[i] = (unsigned char)chain[i];
    return JET_errSuccess;
}
