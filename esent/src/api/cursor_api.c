/* Cursors and navigation: JetOpenTable, JetCloseTable, JetDupCursor, JetMove, JetMakeKey, JetSeek,
 * JetSetIndexRange, JetSetCurrentIndex(2,3,4), JetGetCurrentIndex, bookmarks, JetRetrieveKey,
 * positions and JetIndexRecordCount. The engine side is table/cursor.h and table/nav.h. */
#include "api/api.h"

#include <string.h>

#include "table/cursor.h"
#include "table/nav.h"
#include "table/ttable.h"
#include "table/update.h"
#include "util/wstr.h"

#define OPEN_GRBITS (JET_bitTableDenyWrite | JET_bitTableDenyRead | JET_bitTableReadOnly | JET_bitTableUpdatable | \
                     JET_bitTablePermitDDL | JET_bitTableNoCache | JET_bitTablePreread | JET_bitTableOpportuneRead | \
                     JET_bitTableSequential | JET_bitTableClassMask)

JET_ERR JET_API JetOpenTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName, const void *pvParameters,
                              uint32_t cbParameters, JET_GRBIT grbit, JET_TABLEID *ptableid)
{
    (void)pvParameters;   /* obsolete */
    (void)cbParameters;
    if (ptableid == NULL)
        return JET_errInvalidParameter;
    *ptableid = JET_tableidNil;
    if (szTableName == NULL)
        return JET_errInvalidParameter;
    if (grbit & ~(JET_GRBIT)OPEN_GRBITS)
        return JET_errInvalidGrbit;
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    esent_data_lock();
    err = esent_cursor_open(s, dbid, (const WCHAR *)szTableName, grbit, ptableid);
    esent_data_unlock();
    esent_session_leave(s);
    return err;
}

JET_ERR JET_API JetOpenTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName, const void *pvParameters,
                              uint32_t cbParameters, JET_GRBIT grbit, JET_TABLEID *ptableid)
{
    WCHAR *w = NULL;
    if (ptableid != NULL)
        *ptableid = JET_tableidNil;
    if (szTableName == NULL || ptableid == NULL)
        return JET_errInvalidParameter;
    JET_ERR err = esent_a_to_w((const char *)szTableName, &w);
    if (err < 0)
        return err;
    err = JetOpenTableW(sesid, dbid, (JET_PCWSTR)w, pvParameters, cbParameters, grbit, ptableid);
    esent_wfree(w);
    return err;
}

JET_ERR JET_API JetCloseTable(JET_SESID sesid, JET_TABLEID tableid)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err == JET_errObjectNotFound) {
        /* The table went away under the cursor (a rolled-back creation): closing it still works. */
        err = esent_session_enter(sesid, &s);
        if (err < 0)
            return err;
        esent_data_lock();
        err = esent_cursor_close_handle(s, tableid);
        esent_data_unlock();
        esent_session_leave(s);
        return err;
    }
    if (err < 0)
        return err;
    err = esent_ttable_close(c);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetDupCursor(JET_SESID sesid, JET_TABLEID tableid, JET_TABLEID *ptableid, JET_GRBIT grbit)
{
    if (ptableid == NULL)
        return JET_errInvalidParameter;
    *ptableid = JET_tableidNil;
    if (grbit != 0)
        return JET_errInvalidGrbit;
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_cursor_dup(c, grbit, ptableid);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetMove(JET_SESID sesid, JET_TABLEID tableid, int32_t cRow, JET_GRBIT grbit)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_move(c, cRow, grbit);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetMakeKey(JET_SESID sesid, JET_TABLEID tableid, const void *pvData, uint32_t cbData, JET_GRBIT grbit)
{
    esent_session *s;
    esent_cursor *c;
    if (pvData == NULL && cbData != 0)
        return JET_errInvalidParameter;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_make_key(c, pvData, cbData, grbit);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetSeek(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_seek(c, grbit);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetSetIndexRange(JET_SESID sesid, JET_TABLEID tableidSrc, JET_GRBIT grbit)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableidSrc, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_set_range(c, grbit);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetSetCurrentIndex4W(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName,
                                     JET_INDEXID *pindexid, JET_GRBIT grbit, uint32_t itagSequence)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_set_index(c, (const WCHAR *)szIndexName, pindexid, grbit, itagSequence);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetSetCurrentIndex4A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName,
                                     JET_INDEXID *pindexid, JET_GRBIT grbit, uint32_t itagSequence)
{
    WCHAR *w = NULL;
    if (szIndexName != NULL) {
        JET_ERR err = esent_a_to_w((const char *)szIndexName, &w);
        if (err < 0)
            return err;
    }
    JET_ERR err = JetSetCurrentIndex4W(sesid, tableid, (JET_PCWSTR)w, pindexid, grbit, itagSequence);
    esent_wfree(w);
    return err;
}

JET_ERR JET_API JetSetCurrentIndexW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName)
{
    return JetSetCurrentIndex4W(sesid, tableid, szIndexName, NULL, JET_bitMoveFirst, 1);
}
JET_ERR JET_API JetSetCurrentIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName)
{
    return JetSetCurrentIndex4A(sesid, tableid, szIndexName, NULL, JET_bitMoveFirst, 1);
}
JET_ERR JET_API JetSetCurrentIndex2W(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName, JET_GRBIT grbit)
{
    return JetSetCurrentIndex4W(sesid, tableid, szIndexName, NULL, grbit, 1);
}
JET_ERR JET_API JetSetCurrentIndex2A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName, JET_GRBIT grbit)
{
    return JetSetCurrentIndex4A(sesid, tableid, szIndexName, NULL, grbit, 1);
}
JET_ERR JET_API JetSetCurrentIndex3W(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName, JET_GRBIT grbit,
                                     uint32_t itagSequence)
{
    return JetSetCurrentIndex4W(sesid, tableid, szIndexName, NULL, grbit, itagSequence);
}
JET_ERR JET_API JetSetCurrentIndex3A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName, JET_GRBIT grbit,
                                     uint32_t itagSequence)
{
    return JetSetCurrentIndex4A(sesid, tableid, szIndexName, NULL, grbit, itagSequence);
}

JET_ERR JET_API JetGetCurrentIndexW(JET_SESID sesid, JET_TABLEID tableid, JET_PWSTR szIndexName, uint32_t cbIndexName)
{
    esent_session *s;
    esent_cursor *c;
    if (szIndexName == NULL || cbIndexName < sizeof(WCHAR))
        return JET_errBufferTooSmall;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    const WCHAR *name = esent_nav_index_name(c);
    size_t cch = esent_wlen(name), room = cbIndexName / sizeof(WCHAR);
    if (cch + 1 > room) {
        memcpy(szIndexName, name, (room - 1) * sizeof(WCHAR));
        ((WCHAR *)szIndexName)[room - 1] = 0;
        err = JET_wrnBufferTruncated;
    } else {
        memcpy(szIndexName, name, (cch + 1) * sizeof(WCHAR));
    }
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetGetCurrentIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PSTR szIndexName, uint32_t cbIndexName)
{
    WCHAR w[JET_cbNameMost + 1];
    if (szIndexName == NULL || cbIndexName == 0)
        return JET_errBufferTooSmall;
    JET_ERR err = JetGetCurrentIndexW(sesid, tableid, (JET_PWSTR)w, sizeof w);
    if (err < 0)
        return err;
    char a[4 * (JET_cbNameMost + 1)];
    JET_ERR e2 = esent_w_to_a(w, a, sizeof a);
    if (e2 < 0)
        return e2;
    size_t cb = strlen(a);
    if (cb + 1 > cbIndexName) {
        memcpy(szIndexName, a, cbIndexName - 1);
        szIndexName[cbIndexName - 1] = 0;
        return JET_wrnBufferTruncated;
    }
    memcpy(szIndexName, a, cb + 1);
    return err;
}

JET_ERR JET_API JetGetBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark, uint32_t cbMax,
                               uint32_t *pcbActual)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_get_bookmark(c, pvBookmark, cbMax, pcbActual);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetGotoBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark, uint32_t cbBookmark)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_goto_bookmark(c, pvBookmark, cbBookmark);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetGetSecondaryIndexBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvSecondaryKey,
                                             uint32_t cbSecondaryKeyMax, uint32_t *pcbSecondaryKeyActual,
                                             void *pvPrimaryBookmark, uint32_t cbPrimaryBookmarkMax,
                                             uint32_t *pcbPrimaryBookmarkActual, const JET_GRBIT grbit)
{
    if (grbit != 0)
        return JET_errInvalidGrbit;
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_get_secondary_bookmark(c, pvSecondaryKey, cbSecondaryKeyMax, pcbSecondaryKeyActual,
                                           pvPrimaryBookmark, cbPrimaryBookmarkMax, pcbPrimaryBookmarkActual);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetGotoSecondaryIndexBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvSecondaryKey,
                                              uint32_t cbSecondaryKey, void *pvPrimaryBookmark,
                                              uint32_t cbPrimaryBookmark, const JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)JET_bitBookmarkPermitVirtualCurrency)
        return JET_errInvalidGrbit;
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_goto_secondary_bookmark(c, pvSecondaryKey, cbSecondaryKey, pvPrimaryBookmark, cbPrimaryBookmark);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetRetrieveKey(JET_SESID sesid, JET_TABLEID tableid, void *pvKey, uint32_t cbMax, uint32_t *pcbActual,
                               JET_GRBIT grbit)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_retrieve_key(c, pvKey, cbMax, pcbActual, grbit);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetGetRecordPosition(JET_SESID sesid, JET_TABLEID tableid, JET_RECPOS *precpos, uint32_t cbRecpos)
{
    if (precpos == NULL || cbRecpos < sizeof(JET_RECPOS))
        return JET_errInvalidParameter;
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_get_position(c, precpos);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetGotoPosition(JET_SESID sesid, JET_TABLEID tableid, JET_RECPOS *precpos)
{
    if (precpos == NULL)
        return JET_errInvalidParameter;
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_goto_position(c, precpos);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetIndexRecordCount(JET_SESID sesid, JET_TABLEID tableid, uint32_t *pcrec, uint32_t crecMax)
{
    if (pcrec == NULL)
        return JET_errInvalidParameter;
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_nav_index_count(c, pcrec, crecMax);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetIndexRecordCount2(JET_SESID sesid, JET_TABLEID tableid, uint64_t *pcrec, uint64_t crecMax)
{
    if (pcrec == NULL)
        return JET_errInvalidParameter;
    uint32_t n = 0;
    JET_ERR err = JetIndexRecordCount(sesid, tableid, &n, crecMax > UINT32_MAX ? 0u : (uint32_t)crecMax);
    if (err >= 0)
        *pcrec = n;
    return err;
}

/* JetComputeStats: the engine keeps no statistics that need refreshing (counts are computed when asked,
 * JetGetTableInfo / JetIndexRecordCount), so a valid cursor is all it checks. */
JET_ERR JET_API JetComputeStats(JET_SESID sesid, JET_TABLEID tableid)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    esent_cursor_leave(s);
    return JET_errSuccess;
}
