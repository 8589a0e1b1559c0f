/* Records: JetPrepareUpdate, JetSetColumn(s), JetUpdate(2), JetDelete, JetEscrowUpdate, JetGetLock,
 * JetRetrieveColumn(s), JetEnumerateColumns, JetGetRecordSize(2). The engine side is table/update.h
 * (trees, indexes, long values) and table/recedit.h (column semantics). */
#include "api/api.h"

#include <string.h>

#include "table/cursor.h"
#include "table/update.h"

JET_ERR JET_API JetPrepareUpdate(JET_SESID sesid, JET_TABLEID tableid, uint32_t prep)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_update_prepare(c, prep);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetSetColumn(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid, const void *pvData,
                             uint32_t cbData, JET_GRBIT grbit, JET_SETINFO *psetinfo)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_update_set_column(c, columnid, pvData, cbData, grbit, psetinfo);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetSetColumns(JET_SESID sesid, JET_TABLEID tableid, JET_SETCOLUMN *psetcolumn, uint32_t csetcolumn)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_update_set_columns(c, psetcolumn, csetcolumn);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetUpdate2(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark, uint32_t cbBookmark,
                           uint32_t *pcbActual, const JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)JET_bitUpdateCheckESE97Compatibility)
        return JET_errInvalidGrbit;
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_update_commit(c, pvBookmark, cbBookmark, pcbActual);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetUpdate(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark, uint32_t cbBookmark,
                          uint32_t *pcbActual)
{
    return JetUpdate2(sesid, tableid, pvBookmark, cbBookmark, pcbActual, 0);
}

JET_ERR JET_API JetDelete(JET_SESID sesid, JET_TABLEID tableid)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_update_delete(c);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetEscrowUpdate(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid, void *pv, uint32_t cbMax,
                                void *pvOld, uint32_t cbOldMax, uint32_t *pcbOldActual, JET_GRBIT grbit)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_update_escrow(c, columnid, pv, cbMax, pvOld, cbOldMax, pcbOldActual, grbit);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetGetLock(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
    esent_session *s;
    esent_cursor *c;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_update_get_lock(c, grbit);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetRetrieveColumn(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid, void *pvData,
                                  uint32_t cbData, uint32_t *pcbActual, JET_GRBIT grbit, JET_RETINFO *pretinfo)
{
    esent_session *s;
    esent_cursor *c;
    esent_recview v;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    int copy = (grbit & JET_bitRetrieveCopy) && c->rb != NULL;
    err = esent_update_view(c, !copy, &v);
    if (err >= 0) {
        esent_recident id;   /* the record is parsed once, however many of its columns are read */
        esent_cursor_keep_parse(c, &v, &id);
        err = esent_retrieve_column_kept(&v, &id, columnid, pvData, cbData, pcbActual, grbit, pretinfo);
    }
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetRetrieveColumns(JET_SESID sesid, JET_TABLEID tableid, JET_RETRIEVECOLUMN *pretrievecolumn,
                                   uint32_t cretrievecolumn)
{
    esent_session *s;
    esent_cursor *c;
    esent_recview v;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    err = esent_update_view(c, 0, &v);
    if (err >= 0)
        err = esent_retrieve_columns(&v, pretrievecolumn, cretrievecolumn);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetEnumerateColumns(JET_SESID sesid, JET_TABLEID tableid, uint32_t cEnumColumnId,
                                    JET_ENUMCOLUMNID *rgEnumColumnId, uint32_t *pcEnumColumn,
                                    JET_ENUMCOLUMN **prgEnumColumn, JET_PFNREALLOC pfnRealloc, void *pvReallocContext,
                                    uint32_t cbDataMost, JET_GRBIT grbit)
{
    esent_session *s;
    esent_cursor *c;
    esent_recview v;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    int copy = (grbit & JET_bitEnumerateCopy) && c->rb != NULL;
    err = esent_update_view(c, !copy, &v);
    if (err >= 0)
        err = esent_enumerate_columns(&v, cEnumColumnId, rgEnumColumnId, pcEnumColumn, prgEnumColumn, pfnRealloc,
                                      pvReallocContext, cbDataMost, grbit);
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetGetRecordSize2(JET_SESID sesid, JET_TABLEID tableid, JET_RECSIZE2 *precsize, const JET_GRBIT grbit)
{
    esent_session *s;
    esent_cursor *c;
    esent_recview v;
    JET_ERR err = esent_cursor_enter(sesid, tableid, &s, &c);
    if (err < 0)
        return err;
    int copy = (grbit & JET_bitRecordSizeInCopyBuffer) != 0;
    err = esent_update_view(c, !copy, &v);
    if (err >= 0)
        err = esent_get_record_size(&v, precsize, grbit);
    if (err >= 0 && !copy && !(grbit & JET_bitRecordSizeRunningTotal))
        precsize->cbOverhead += c->cb_bookmark;     /* the record's key (JetGetRecordSize docs) */
    esent_cursor_leave(s);
    return err;
}

JET_ERR JET_API JetGetRecordSize(JET_SESID sesid, JET_TABLEID tableid, JET_RECSIZE *precsize, const JET_GRBIT grbit)
{
    if (precsize == NULL)
        return JET_errInvalidParameter;
    JET_RECSIZE2 r2;
    memset(&r2, 0, sizeof r2);
    if (grbit & JET_bitRecordSizeRunningTotal)
        memcpy(&r2, precsize, sizeof *precsize);
    JET_ERR err = JetGetRecordSize2(sesid, tableid, &r2, grbit);
    if (err >= 0)
        memcpy(precsize, &r2, sizeof *precsize);
    return err;
}
