/* Temporary tables: JetOpenTempTable(2,3), JetOpenTemporaryTable(2). The engine side is table/ttable.h. */
#include "api/api.h"

#include <string.h>

#include "table/tdb.h"
#include "table/ttable.h"

static JET_ERR open_tt(JET_SESID sesid, esent_ttable *tt)
{
    esent_session *s;
    JET_ERR err = esent_session_enter(sesid, &s);
    if (err < 0)
        return err;
    esent_data_lock();
    err = esent_ttable_open(s, tt);
    esent_data_unlock();
    esent_session_leave(s);
    return err;
}

static JET_ERR open_legacy(JET_SESID sesid, const JET_COLUMNDEF *prgcolumndef, uint32_t ccolumn, uint32_t lcid,
                           const JET_UNICODEINDEX *pidx, JET_GRBIT grbit, JET_TABLEID *ptableid, JET_COLUMNID *prgcolumnid)
{
    if (ptableid == NULL)
        return JET_errInvalidParameter;
    *ptableid = JET_tableidNil;
    esent_ttable tt;
    memset(&tt, 0, sizeof tt);
    tt.cols = prgcolumndef;
    tt.ccols = ccolumn;
    tt.grbit = grbit;
    tt.lcid = pidx != NULL ? pidx->lcid : lcid;
    tt.lcmap_flags = pidx != NULL ? pidx->dwMapFlags : 0;
    tt.columnids = prgcolumnid;
    JET_ERR err = open_tt(sesid, &tt);
    *ptableid = tt.tableid;
    return err;
}

JET_ERR JET_API JetOpenTempTable(JET_SESID sesid, const JET_COLUMNDEF *prgcolumndef, uint32_t ccolumn, JET_GRBIT grbit,
                                 JET_TABLEID *ptableid, JET_COLUMNID *prgcolumnid)
{
    return open_legacy(sesid, prgcolumndef, ccolumn, 0, NULL, grbit, ptableid, prgcolumnid);
}

JET_ERR JET_API JetOpenTempTable2(JET_SESID sesid, const JET_COLUMNDEF *prgcolumndef, uint32_t ccolumn, uint32_t lcid,
                                  JET_GRBIT grbit, JET_TABLEID *ptableid, JET_COLUMNID *prgcolumnid)
{
    return open_legacy(sesid, prgcolumndef, ccolumn, lcid, NULL, grbit, ptableid, prgcolumnid);
}

JET_ERR JET_API JetOpenTempTable3(JET_SESID sesid, const JET_COLUMNDEF *prgcolumndef, uint32_t ccolumn,
                                  JET_UNICODEINDEX *pidxunicode, JET_GRBIT grbit, JET_TABLEID *ptableid,
                                  JET_COLUMNID *prgcolumnid)
{
    return open_legacy(sesid, prgcolumndef, ccolumn, 0, pidxunicode, grbit, ptableid, prgcolumnid);
}

JET_ERR JET_API JetOpenTemporaryTable(JET_SESID sesid, JET_OPENTEMPORARYTABLE *popentemporarytable)
{
    if (popentemporarytable == NULL || popentemporarytable->cbStruct != sizeof *popentemporarytable)
        return JET_errInvalidParameter;
    JET_OPENTEMPORARYTABLE *o = popentemporarytable;
    esent_ttable tt;
    memset(&tt, 0, sizeof tt);
    tt.cols = o->prgcolumndef;
    tt.ccols = o->ccolumn;
    tt.grbit = o->grbit;
    tt.lcid = o->pidxunicode != NULL ? o->pidxunicode->lcid : 0;
    tt.lcmap_flags = o->pidxunicode != NULL ? o->pidxunicode->dwMapFlags : 0;
    tt.cb_key_most = o->cbKeyMost;
    tt.cb_var_seg_mac = o->cbVarSegMac;
    tt.columnids = o->prgcolumnid;
    JET_ERR err = open_tt(sesid, &tt);
    o->tableid = tt.tableid;
    return err;
}

JET_ERR JET_API JetOpenTemporaryTable2(JET_SESID sesid, JET_OPENTEMPORARYTABLE2 *popentemporarytable)
{
    if (popentemporarytable == NULL || popentemporarytable->cbStruct != sizeof *popentemporarytable)
        return JET_errInvalidParameter;
    JET_OPENTEMPORARYTABLE2 *o = popentemporarytable;
    esent_ttable tt;
    memset(&tt, 0, sizeof tt);
    tt.cols = o->prgcolumndef;
    tt.ccols = o->ccolumn;
    tt.grbit = o->grbit;
    tt.locale_name = o->pidxunicode != NULL ? (const WCHAR *)o->pidxunicode->szLocaleName : NULL;
    tt.lcmap_flags = o->pidxunicode != NULL ? o->pidxunicode->dwMapFlags : 0;
    tt.cb_key_most = o->cbKeyMost;
    tt.cb_var_seg_mac = o->cbVarSegMac;
    tt.columnids = o->prgcolumnid;
    JET_ERR err = open_tt(sesid, &tt);
    o->tableid = tt.tableid;
    return err;
}
