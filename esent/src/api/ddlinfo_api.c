/* Schema information: JetGetTableInfo, JetGetTableColumnInfo, JetGetColumnInfo, JetGetTableIndexInfo,
 * JetGetIndexInfo, JetGetObjectInfo (A and W). The engine side is table/ddlinfo*.c; the list levels
 * return temporary tables whose name columns are in the caller's form (A: the ANSI code page, W: UTF-16). */
#include "api/api.h"

#include "table/ddl.h"
#include "table/tdb.h"
#include "util/wstr.h"

#define COLINFO_LEVEL_MASK 0x0FFFFFFFu   /* the level; the high bits are JET_ColInfoGrbit* options */

static JET_ERR enter(JET_SESID sesid, esent_session **ps)
{
    JET_ERR err = esent_session_enter(sesid, ps);
    if (err >= 0)
        esent_data_lock();
    return err;
}

static JET_ERR leave(esent_session *s, JET_ERR err)
{
    esent_data_unlock();
    esent_session_leave(s);
    return err;
}

/* An A name converted for the engine (NULL stays NULL); *pw is freed with esent_wfree. */
static JET_ERR name_w(const void *name, int ansi, WCHAR **pw, const WCHAR **pout)
{
    *pw = NULL;
    if (!ansi || name == NULL) {
        *pout = (const WCHAR *)name;
        return JET_errSuccess;
    }
    JET_ERR err = esent_a_to_w((const char *)name, pw);
    *pout = *pw;
    return err;
}

/* ---- JetGetTableInfo ---- */

static JET_ERR table_info(JET_SESID sesid, JET_TABLEID tableid, void *pv, uint32_t cb, uint32_t level, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    return leave(s, esent_ddlinfo_table(s, tableid, pv, cb, level, ansi));
}

JET_ERR JET_API JetGetTableInfoA(JET_SESID sesid, JET_TABLEID tableid, void *pvResult, uint32_t cbMax,
                                 uint32_t InfoLevel)
{
    return table_info(sesid, tableid, pvResult, cbMax, InfoLevel, 1);
}

JET_ERR JET_API JetGetTableInfoW(JET_SESID sesid, JET_TABLEID tableid, void *pvResult, uint32_t cbMax,
                                 uint32_t InfoLevel)
{
    return table_info(sesid, tableid, pvResult, cbMax, InfoLevel, 0);
}

/* ---- columns ---- */

static int by_colid(uint32_t level)
{
    uint32_t base = level & COLINFO_LEVEL_MASK;
    return base == JET_ColInfoByColid || base == JET_ColInfoBaseByColid;
}

static JET_ERR column_info(JET_SESID sesid, JET_TABLEID tableid, JET_DBID dbid, const void *table, const void *column,
                          void *pv, uint32_t cb, uint32_t level, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    WCHAR *wt = NULL, *wc = NULL;
    const WCHAR *t = NULL, *c = NULL;
    err = name_w(table, ansi, &wt, &t);
    if (err >= 0 && !by_colid(level))
        err = name_w(column, ansi, &wc, &c);
    if (err >= 0)
        err = esent_ddlinfo_column(s, tableid, dbid, t, by_colid(level) ? column : (const void *)c, pv, cb, level,
                                   ansi);
    esent_wfree(wt);
    esent_wfree(wc);
    return leave(s, err);
}

JET_ERR JET_API JetGetTableColumnInfoA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName, void *pvResult,
                                       uint32_t cbMax, uint32_t InfoLevel)
{
    if (tableid == 0)
        tableid = JET_tableidNil;   /* 0 selects JetGetColumnInfo's path in the engine */
    return column_info(sesid, tableid, 0, NULL, szColumnName, pvResult, cbMax, InfoLevel, 1);
}

JET_ERR JET_API JetGetTableColumnInfoW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szColumnName,
                                       void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    if (tableid == 0)
        tableid = JET_tableidNil;
    return column_info(sesid, tableid, 0, NULL, szColumnName, pvResult, cbMax, InfoLevel, 0);
}

JET_ERR JET_API JetGetColumnInfoA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName, JET_PCSTR pColumnNameOrId,
                                  void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    return column_info(sesid, 0, dbid, szTableName, pColumnNameOrId, pvResult, cbMax, InfoLevel, 1);
}

JET_ERR JET_API JetGetColumnInfoW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName,
                                  JET_PCWSTR pwColumnNameOrId, void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    return column_info(sesid, 0, dbid, szTableName, pwColumnNameOrId, pvResult, cbMax, InfoLevel, 0);
}

/* ---- indexes ---- */

static JET_ERR index_info(JET_SESID sesid, JET_TABLEID tableid, JET_DBID dbid, const void *table, const void *index,
                         void *pv, uint32_t cb, uint32_t level, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    WCHAR *wt = NULL, *wi = NULL;
    const WCHAR *t = NULL, *i = NULL;
    err = name_w(table, ansi, &wt, &t);
    if (err >= 0)
        err = name_w(index, ansi, &wi, &i);
    if (err >= 0)
        err = esent_ddlinfo_index(s, tableid, dbid, t, i, pv, cb, level, ansi);
    esent_wfree(wt);
    esent_wfree(wi);
    return leave(s, err);
}

JET_ERR JET_API JetGetTableIndexInfoA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName, void *pvResult,
                                      uint32_t cbResult, uint32_t InfoLevel)
{
    if (tableid == 0)
        tableid = JET_tableidNil;
    return index_info(sesid, tableid, 0, NULL, szIndexName, pvResult, cbResult, InfoLevel, 1);
}

JET_ERR JET_API JetGetTableIndexInfoW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName, void *pvResult,
                                      uint32_t cbResult, uint32_t InfoLevel)
{
    if (tableid == 0)
        tableid = JET_tableidNil;
    return index_info(sesid, tableid, 0, NULL, szIndexName, pvResult, cbResult, InfoLevel, 0);
}

JET_ERR JET_API JetGetIndexInfoA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName, JET_PCSTR szIndexName,
                                 void *pvResult, uint32_t cbResult, uint32_t InfoLevel)
{
    return index_info(sesid, 0, dbid, szTableName, szIndexName, pvResult, cbResult, InfoLevel, 1);
}

JET_ERR JET_API JetGetIndexInfoW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName, JET_PCWSTR szIndexName,
                                 void *pvResult, uint32_t cbResult, uint32_t InfoLevel)
{
    return index_info(sesid, 0, dbid, szTableName, szIndexName, pvResult, cbResult, InfoLevel, 0);
}

/* ---- JetGetObjectInfo ---- */

static JET_ERR object_info(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp, const void *container,
                           const void *object, void *pv, uint32_t cb, uint32_t level, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    WCHAR *wc = NULL, *wo = NULL;
    const WCHAR *c = NULL, *o = NULL;
    err = name_w(container, ansi, &wc, &c);
    if (err >= 0)
        err = name_w(object, ansi, &wo, &o);
    if (err >= 0)
        err = esent_ddlinfo_object2(s, dbid, objtyp, c, o, pv, cb, level, ansi);
    esent_wfree(wc);
    esent_wfree(wo);
    return leave(s, err);
}

JET_ERR JET_API JetGetObjectInfoA(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp, JET_PCSTR szContainerName,
                                  JET_PCSTR szObjectName, void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    return object_info(sesid, dbid, objtyp, szContainerName, szObjectName, pvResult, cbMax, InfoLevel, 1);
}

JET_ERR JET_API JetGetObjectInfoW(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp, JET_PCWSTR szContainerName,
                                  JET_PCWSTR szObjectName, void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    return object_info(sesid, dbid, objtyp, szContainerName, szObjectName, pvResult, cbMax, InfoLevel, 0);
}
