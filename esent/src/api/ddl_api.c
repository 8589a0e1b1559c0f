/* DDL: JetCreateTable, JetCreateTableColumnIndex..4, JetDeleteTable, JetRenameTable, JetAddColumn,
 * JetDeleteColumn(2), JetRenameColumn, JetSetColumnDefaultValue, JetCreateIndex..4, JetDeleteIndex.
 * The engine side is table/ddl.h: every version of the public structures is turned into its
 * descriptions here (A strings converted to UTF-16), and the out fields copied back.
 *
 * The _A and _W versions of each structure differ only in the types of their string pointers, so one
 * converter reads both through the _W layout and converts the strings when `ansi` is set. */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "table/ddl.h"
#include "table/tdb.h"
#include "util/wstr.h"

/* ---- entering the engine ---- */

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

/* ---- strings of one call: every converted string is owned by the arena ---- */

typedef struct arena {
    void **p;
    uint32_t n;
    JET_ERR err;        /* the first allocation failure */
} arena;

static void *arena_keep(arena *a, void *p)
{
    if (p == NULL) {
        a->err = JET_errOutOfMemory;
        return NULL;
    }
    void **n = (void **)realloc(a->p, (a->n + 1u) * sizeof *n);
    if (n == NULL) {
        free(p);
        a->err = JET_errOutOfMemory;
        return NULL;
    }
    a->p = n;
    a->p[a->n++] = p;
    return p;
}

static void arena_free(arena *a)
{
    for (uint32_t i = 0; i < a->n; i++)
        free(a->p[i]);
    free(a->p);
}

/* A string of the caller: W as is, A converted (NULL stays NULL). */
static const WCHAR *str(arena *a, const void *s, int ansi)
{
    if (!ansi || s == NULL)
        return (const WCHAR *)s;
    WCHAR *w = NULL;
    if (esent_a_to_w((const char *)s, &w) < 0) {
        a->err = JET_errOutOfMemory;
        return NULL;
    }
    return (const WCHAR *)arena_keep(a, w);
}

/* A key description of cb bytes: W = cb / 2 units as is; A converted run by run between its NUL bytes,
 * which are kept one for one (so missing terminators stay missing). *pcch = units. */
static const WCHAR *key_str(arena *a, const void *k, uint32_t cb, int ansi, uint32_t *pcch)
{
    *pcch = 0;
    if (k == NULL)
        return NULL;
    if (!ansi) {
        *pcch = cb / (uint32_t)sizeof(WCHAR);
        return (const WCHAR *)k;
    }
    const char *s = (const char *)k;
    WCHAR *out = (WCHAR *)arena_keep(a, malloc(((size_t)cb + 1u) * sizeof(WCHAR)));
    if (out == NULL)
        return NULL;
    uint32_t n = 0;
    for (uint32_t i = 0; i < cb;) {
        uint32_t j = i;
        while (j < cb && s[j] != 0)
            j++;
        if (j > i) {
            char *run = (char *)malloc((size_t)(j - i) + 1u);
            WCHAR *w = NULL;
            if (run == NULL) {
                a->err = JET_errOutOfMemory;
                return NULL;
            }
            memcpy(run, s + i, j - i);
            run[j - i] = 0;
            JET_ERR err = esent_a_to_w(run, &w);
            free(run);
            if (err < 0) {
                a->err = err;
                return NULL;
            }
            size_t len = esent_wlen(w);   /* UTF-16 is never longer than the bytes it came from */
            memcpy(out + n, w, len * sizeof(WCHAR));
            n += (uint32_t)len;
            esent_wfree(w);
        }
        if (j < cb)
            out[n++] = 0;
        i = j + 1;
    }
    *pcch = n;
    return out;
}

/* ---- JET_COLUMNCREATE / JET_INDEXCREATE* ---- */

static JET_ERR from_columns(arena *a, JET_COLUMNCREATE_W *cc, uint32_t n, int ansi, esent_ddl_column *out)
{
    for (uint32_t i = 0; i < n; i++) {
        if (cc[i].cbStruct != sizeof(JET_COLUMNCREATE_W))
            return JET_errInvalidParameter;
        memset(&out[i], 0, sizeof out[i]);
        out[i].name = str(a, cc[i].szColumnName, ansi);
        out[i].coltyp = cc[i].coltyp;
        out[i].cb_max = cc[i].cbMax;
        out[i].grbit = cc[i].grbit;
        out[i].pv_default = cc[i].pvDefault;
        out[i].cb_default = cc[i].cbDefault;
        out[i].cp = cc[i].cp;
    }
    return a->err;
}

/* Index structure versions: 1 JET_INDEXCREATE, 2 JET_INDEXCREATE2, 3 JET_INDEXCREATE3. */
static uint32_t index_size(int version)
{
    return version == 3 ? (uint32_t)sizeof(JET_INDEXCREATE3_W)
           : version == 2 ? (uint32_t)sizeof(JET_INDEXCREATE2_W) : (uint32_t)sizeof(JET_INDEXCREATE_W);
}

static JET_ERR from_condcols(arena *a, const JET_CONDITIONALCOLUMN_W *cc, uint32_t n, int ansi, esent_ddl_index *x)
{
    if (n == 0 || cc == NULL)
        return JET_errSuccess;
    esent_ddl_condcol *out = (esent_ddl_condcol *)arena_keep(a, calloc(n, sizeof *out));
    if (out == NULL)
        return a->err;
    for (uint32_t i = 0; i < n; i++) {
        out[i].struct_ok = cc[i].cbStruct == sizeof cc[i];
        out[i].name = out[i].struct_ok ? str(a, cc[i].szColumnName, ansi) : NULL;
        out[i].grbit = cc[i].grbit;
    }
    x->cond = out;
    x->ccond = n;
    return a->err;
}

static JET_ERR from_space_hints(const JET_SPACEHINTS *sh, esent_ddl_index *x)
{
    if (sh == NULL)
        return JET_errSuccess;
    if (sh->cbStruct != sizeof *sh)
        return JET_errSpaceHintsInvalid;
    if (sh->ulInitialDensity != 0)
        x->density = sh->ulInitialDensity;
    return JET_errSuccess;
}

/* One index structure (version 1..3, A or W). JET_errInvalidCreateIndex for a wrong cbStruct;
 * JET_errInvalidParameter when a JET_INDEXCREATE3's pidxunicode and JET_bitIndexUnicode disagree. */
static JET_ERR from_index(arena *a, const void *p, int version, int ansi, esent_ddl_index *x)
{
    const JET_INDEXCREATE2_W *ic = (const JET_INDEXCREATE2_W *)p;
    const JET_INDEXCREATE3_W *ic3 = (const JET_INDEXCREATE3_W *)p;
    uint32_t cb_full = index_size(version);
    int old_v1 = version == 1 && ic->cbStruct == offsetof(JET_INDEXCREATE_W, cbKeyMost);
    if (ic->cbStruct != cb_full && !old_v1)
        return JET_errInvalidCreateIndex;
    memset(x, 0, sizeof *x);
    x->name = str(a, ic->szIndexName, ansi);
    x->key = key_str(a, ic->szKey, ic->cbKey, ansi, &x->cch_key);
    x->grbit = ic->grbit;
    x->density = ic->ulDensity;
    if (version == 3) {
        if ((ic3->pidxunicode != NULL) != ((ic->grbit & JET_bitIndexUnicode) != 0))
            return JET_errInvalidParameter;
        if (ic3->pidxunicode != NULL) {
            x->have_unicode = 1;
            x->locale_name = ic3->pidxunicode->szLocaleName;
            x->lcmap_flags = ic3->pidxunicode->dwMapFlags;
        }
    } else if (ic->grbit & JET_bitIndexUnicode) {
        if (ic->pidxunicode != NULL) {
            x->have_unicode = 1;
            x->lcid = ic->pidxunicode->lcid;
            x->lcmap_flags = ic->pidxunicode->dwMapFlags;
        }
    } else {
        x->lcid = ic->lcid;
    }
    if (ic->grbit & JET_bitIndexTupleLimits)
        x->have_tuple_limits = ic->ptuplelimits != NULL;
    else
        x->cb_var_seg_mac = ic->cbVarSegMac;
    x->have_key_most = !old_v1;
    x->cb_key_most = old_v1 ? 0 : ic->cbKeyMost;
    JET_ERR err = from_condcols(a, ic->rgconditionalcolumn, ic->cConditionalColumn, ansi, x);
    if (err >= 0 && version >= 2)
        err = from_space_hints(version == 3 ? ic3->pSpacehints : ic->pSpacehints, x);
    return err < 0 ? err : a->err;
}

static JET_ERR from_indexes(arena *a, const void *p, uint32_t n, int version, int ansi, esent_ddl_index *out)
{
    const uint8_t *b = (const uint8_t *)p;
    for (uint32_t i = 0; i < n; i++) {
        JET_ERR err = from_index(a, b + (size_t)i * index_size(version), version, ansi, &out[i]);
        if (err < 0)
            return err;
    }
    return JET_errSuccess;
}

static void index_errs_back(void *p, uint32_t n, int version, const esent_ddl_index *x)
{
    uint8_t *b = (uint8_t *)p;
    for (uint32_t i = 0; i < n; i++) {
        JET_ERR *perr = version == 3 ? &((JET_INDEXCREATE3_W *)(void *)(b + (size_t)i * index_size(3)))->err
                                     : &((JET_INDEXCREATE2_W *)(void *)(b + (size_t)i * index_size(version)))->err;
        *perr = x[i].err;
    }
}

/* ---- JetCreateTable / JetCreateTableColumnIndex* ---- */

/* Table structure versions 1..4: JET_TABLECREATE..JET_TABLECREATE4 (the index structures they carry
 * are JET_INDEXCREATE for 1 and 2, JET_INDEXCREATE2 for 3, JET_INDEXCREATE3 for 4). */
static uint32_t table_size(int version)
{
    switch (version) {
    case 1: return (uint32_t)sizeof(JET_TABLECREATE_W);
    case 2: return (uint32_t)sizeof(JET_TABLECREATE2_W);
    case 3: return (uint32_t)sizeof(JET_TABLECREATE3_W);
    default: return (uint32_t)sizeof(JET_TABLECREATE4_W);
    }
}

static JET_ERR create_table(JET_SESID sesid, JET_DBID dbid, void *p, int version, int ansi)
{
    const JET_TABLECREATE_W *t1 = (const JET_TABLECREATE_W *)p;
    const JET_TABLECREATE2_W *t2 = (const JET_TABLECREATE2_W *)p;
    const JET_TABLECREATE4_W *t4 = (const JET_TABLECREATE4_W *)p;   /* 3 and 4 share their layout */
    int index_version = version <= 2 ? 1 : version == 3 ? 2 : 3;
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    arena a = { 0 };
    esent_ddl_table def;
    JET_TABLEID tableid = JET_tableidNil;
    memset(&def, 0, sizeof def);
    if (p == NULL || t1->cbStruct != table_size(version)) {
        err = JET_errInvalidParameter;
        goto done;
    }
    def.name = str(&a, t1->szTableName, ansi);
    def.template_name = str(&a, t1->szTemplateTableName, ansi);
    def.pages = t1->ulPages;
    def.density = t1->ulDensity;
    def.ccols = t1->cColumns;
    def.cidxs = t1->cIndexes;
    def.grbit = version == 1 ? t1->grbit : version == 2 ? t2->grbit : t4->grbit;
    if (version >= 2) {
        def.callback = str(&a, t2->szCallback, ansi);
        def.cbtyp = t2->cbtyp;
    }
    if (version >= 3) {
        const JET_SPACEHINTS *seq = t4->pSeqSpacehints, *lv = t4->pLVSpacehints;
        err = (seq != NULL && seq->cbStruct != sizeof *seq) || (lv != NULL && lv->cbStruct != sizeof *lv)
                  ? JET_errSpaceHintsInvalid
                  : JET_errSuccess;
        if (err < 0)
            goto done;
    }
    if (def.ccols > 0 && t1->rgcolumncreate != NULL) {
        def.cols = (esent_ddl_column *)arena_keep(&a, calloc(def.ccols, sizeof *def.cols));
        ESENT_CALL(err, a.err, done);
        ESENT_CALL(err, from_columns(&a, t1->rgcolumncreate, def.ccols, ansi, def.cols), done);
    }
    if (def.cidxs > 0 && t1->rgindexcreate != NULL) {
        def.idxs = (esent_ddl_index *)arena_keep(&a, calloc(def.cidxs, sizeof *def.idxs));
        ESENT_CALL(err, a.err, done);
        ESENT_CALL(err, from_indexes(&a, t1->rgindexcreate, def.cidxs, index_version, ansi, def.idxs), done);
        for (uint32_t i = 0; version >= 3 && t4->pSeqSpacehints != NULL && i < def.cidxs; i++)
            if (def.idxs[i].grbit & JET_bitIndexPrimary)
                ESENT_CALL(err, JET_errSpaceHintsInvalid, done);
    }
    err = esent_ddl_create_table(s, dbid, &def, &tableid);
    for (uint32_t i = 0; def.cols != NULL && i < def.ccols; i++) {
        t1->rgcolumncreate[i].columnid = def.cols[i].columnid;
        t1->rgcolumncreate[i].err = def.cols[i].err;
    }
    if (def.idxs != NULL)
        index_errs_back(t1->rgindexcreate, def.cidxs, index_version, def.idxs);
done:
    if (p != NULL && t1->cbStruct == table_size(version)) {
        JET_TABLECREATE_W *o1 = (JET_TABLECREATE_W *)p;
        JET_TABLECREATE2_W *o2 = (JET_TABLECREATE2_W *)p;
        JET_TABLECREATE4_W *o4 = (JET_TABLECREATE4_W *)p;
        if (version == 1)
            o1->tableid = tableid, o1->cCreated = def.created;
        else if (version == 2)
            o2->tableid = tableid, o2->cCreated = def.created;
        else
            o4->tableid = tableid, o4->cCreated = def.created;
    }
    arena_free(&a);
    return leave(s, err);
}

#define CREATE_TABLE_CI(name, type, version, ansi) \
    JET_ERR JET_API name(JET_SESID sesid, JET_DBID dbid, type *ptablecreate) \
    { return create_table(sesid, dbid, ptablecreate, version, ansi); }

CREATE_TABLE_CI(JetCreateTableColumnIndexA, JET_TABLECREATE_A, 1, 1)
CREATE_TABLE_CI(JetCreateTableColumnIndexW, JET_TABLECREATE_W, 1, 0)
CREATE_TABLE_CI(JetCreateTableColumnIndex2A, JET_TABLECREATE2_A, 2, 1)
CREATE_TABLE_CI(JetCreateTableColumnIndex2W, JET_TABLECREATE2_W, 2, 0)
CREATE_TABLE_CI(JetCreateTableColumnIndex3A, JET_TABLECREATE3_A, 3, 1)
CREATE_TABLE_CI(JetCreateTableColumnIndex3W, JET_TABLECREATE3_W, 3, 0)
CREATE_TABLE_CI(JetCreateTableColumnIndex4A, JET_TABLECREATE4_A, 4, 1)
CREATE_TABLE_CI(JetCreateTableColumnIndex4W, JET_TABLECREATE4_W, 4, 0)

static JET_ERR create_table_simple(JET_SESID sesid, JET_DBID dbid, const void *name, uint32_t lPages,
                                   uint32_t lDensity, JET_TABLEID *ptableid, int ansi)
{
    JET_TABLECREATE_W tc;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (WCHAR *)(uintptr_t)name;
    tc.ulPages = lPages;
    tc.ulDensity = lDensity;
    if (ptableid == NULL) {
        esent_session *s;
        JET_ERR err = esent_session_enter(sesid, &s);
        if (err >= 0)
            esent_session_leave(s);
        return err < 0 ? err : JET_errInvalidParameter;
    }
    JET_ERR err = create_table(sesid, dbid, &tc, 1, ansi);
    *ptableid = tc.tableid;
    return err;
}

JET_ERR JET_API JetCreateTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName, uint32_t lPages,
                                uint32_t lDensity, JET_TABLEID *ptableid)
{
    return create_table_simple(sesid, dbid, szTableName, lPages, lDensity, ptableid, 1);
}

JET_ERR JET_API JetCreateTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName, uint32_t lPages,
                                uint32_t lDensity, JET_TABLEID *ptableid)
{
    return create_table_simple(sesid, dbid, szTableName, lPages, lDensity, ptableid, 0);
}

/* ---- JetDeleteTable / JetRenameTable ---- */

static JET_ERR delete_table(JET_SESID sesid, JET_DBID dbid, const void *name, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    arena a = { 0 };
    const WCHAR *w = str(&a, name, ansi);
    err = a.err < 0 ? a.err : esent_ddl_delete_table(s, dbid, w);
    arena_free(&a);
    return leave(s, err);
}

JET_ERR JET_API JetDeleteTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName)
{
    return delete_table(sesid, dbid, szTableName, 1);
}

JET_ERR JET_API JetDeleteTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName)
{
    return delete_table(sesid, dbid, szTableName, 0);
}

static JET_ERR rename_table(JET_SESID sesid, JET_DBID dbid, const void *name, const void *name_new, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    arena a = { 0 };
    const WCHAR *w = str(&a, name, ansi), *wn = str(&a, name_new, ansi);
    err = a.err < 0 ? a.err : esent_ddl_rename_table(s, dbid, w, wn);
    arena_free(&a);
    return leave(s, err);
}

JET_ERR JET_API JetRenameTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szName, JET_PCSTR szNameNew)
{
    return rename_table(sesid, dbid, szName, szNameNew, 1);
}

JET_ERR JET_API JetRenameTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szName, JET_PCWSTR szNameNew)
{
    return rename_table(sesid, dbid, szName, szNameNew, 0);
}

/* ---- columns ---- */

static JET_ERR add_column(JET_SESID sesid, JET_TABLEID tableid, const void *name, const JET_COLUMNDEF *def,
                          const void *pv_default, uint32_t cb_default, JET_COLUMNID *pcolumnid, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    arena a = { 0 };
    esent_ddl_column col;
    memset(&col, 0, sizeof col);
    if (def == NULL || def->cbStruct < sizeof *def) {
        err = JET_errInvalidParameter;
    } else {
        col.name = str(&a, name, ansi);
        col.coltyp = def->coltyp;
        col.cb_max = def->cbMax;
        col.grbit = def->grbit;
        col.cp = def->cp;
        col.pv_default = pv_default;
        col.cb_default = cb_default;
        err = a.err < 0 ? a.err : esent_ddl_add_column(s, tableid, &col);
        if (err >= 0 && pcolumnid != NULL)
            *pcolumnid = col.columnid;
    }
    arena_free(&a);
    return leave(s, err);
}

JET_ERR JET_API JetAddColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName,
                              const JET_COLUMNDEF *pcolumndef, const void *pvDefault, uint32_t cbDefault,
                              JET_COLUMNID *pcolumnid)
{
    return add_column(sesid, tableid, szColumnName, pcolumndef, pvDefault, cbDefault, pcolumnid, 1);
}

JET_ERR JET_API JetAddColumnW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szColumnName,
                              const JET_COLUMNDEF *pcolumndef, const void *pvDefault, uint32_t cbDefault,
                              JET_COLUMNID *pcolumnid)
{
    return add_column(sesid, tableid, szColumnName, pcolumndef, pvDefault, cbDefault, pcolumnid, 0);
}

static JET_ERR delete_column(JET_SESID sesid, JET_TABLEID tableid, const void *name, JET_GRBIT grbit, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    arena a = { 0 };
    const WCHAR *w = str(&a, name, ansi);
    err = a.err < 0 ? a.err : esent_ddl_delete_column(s, tableid, w, grbit);
    arena_free(&a);
    return leave(s, err);
}

JET_ERR JET_API JetDeleteColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName)
{
    return delete_column(sesid, tableid, szColumnName, 0, 1);
}

JET_ERR JET_API JetDeleteColumnW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szColumnName)
{
    return delete_column(sesid, tableid, szColumnName, 0, 0);
}

JET_ERR JET_API JetDeleteColumn2A(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName, const JET_GRBIT grbit)
{
    return delete_column(sesid, tableid, szColumnName, grbit, 1);
}

JET_ERR JET_API JetDeleteColumn2W(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szColumnName,
                                  const JET_GRBIT grbit)
{
    return delete_column(sesid, tableid, szColumnName, grbit, 0);
}

static JET_ERR rename_column(JET_SESID sesid, JET_TABLEID tableid, const void *name, const void *name_new,
                             JET_GRBIT grbit, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    arena a = { 0 };
    const WCHAR *w = str(&a, name, ansi), *wn = str(&a, name_new, ansi);
    err = a.err < 0 ? a.err : esent_ddl_rename_column(s, tableid, w, wn, grbit);
    arena_free(&a);
    return leave(s, err);
}

JET_ERR JET_API JetRenameColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szName, JET_PCSTR szNameNew,
                                 JET_GRBIT grbit)
{
    return rename_column(sesid, tableid, szName, szNameNew, grbit, 1);
}

JET_ERR JET_API JetRenameColumnW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szName, JET_PCWSTR szNameNew,
                                 JET_GRBIT grbit)
{
    return rename_column(sesid, tableid, szName, szNameNew, grbit, 0);
}

static JET_ERR set_default(JET_SESID sesid, JET_DBID dbid, const void *table, const void *column, const void *pv,
                           uint32_t cb, JET_GRBIT grbit, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    arena a = { 0 };
    const WCHAR *wt = str(&a, table, ansi), *wc = str(&a, column, ansi);
    err = a.err < 0 ? a.err : esent_ddl_set_default(s, dbid, wt, wc, pv, cb, grbit);
    arena_free(&a);
    return leave(s, err);
}

JET_ERR JET_API JetSetColumnDefaultValueA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                                          JET_PCSTR szColumnName, const void *pvData, const uint32_t cbData,
                                          const JET_GRBIT grbit)
{
    return set_default(sesid, dbid, szTableName, szColumnName, pvData, cbData, grbit, 1);
}

JET_ERR JET_API JetSetColumnDefaultValueW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName,
                                          JET_PCWSTR szColumnName, const void *pvData, const uint32_t cbData,
                                          const JET_GRBIT grbit)
{
    return set_default(sesid, dbid, szTableName, szColumnName, pvData, cbData, grbit, 0);
}

/* ---- indexes ---- */

static JET_ERR create_indexes(JET_SESID sesid, JET_TABLEID tableid, void *p, uint32_t n, int version, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    arena a = { 0 };
    esent_ddl_index *x = NULL;
    if (p == NULL && n > 0) {
        err = JET_errInvalidParameter;
        goto done;
    }
    x = n ? (esent_ddl_index *)arena_keep(&a, calloc(n, sizeof *x)) : NULL;
    ESENT_CALL(err, a.err, done);
    ESENT_CALL(err, from_indexes(&a, p, n, version, ansi, x), done);
    err = esent_ddl_create_indexes(s, tableid, x, n);
    index_errs_back(p, n, version, x);
done:
    arena_free(&a);
    return leave(s, err);
}

JET_ERR JET_API JetCreateIndex2A(JET_SESID sesid, JET_TABLEID tableid, JET_INDEXCREATE_A *pindexcreate,
                                 uint32_t cIndexCreate)
{
    return create_indexes(sesid, tableid, pindexcreate, cIndexCreate, 1, 1);
}

JET_ERR JET_API JetCreateIndex2W(JET_SESID sesid, JET_TABLEID tableid, JET_INDEXCREATE_W *pindexcreate,
                                 uint32_t cIndexCreate)
{
    return create_indexes(sesid, tableid, pindexcreate, cIndexCreate, 1, 0);
}

JET_ERR JET_API JetCreateIndex3A(JET_SESID sesid, JET_TABLEID tableid, JET_INDEXCREATE2_A *pindexcreate,
                                 uint32_t cIndexCreate)
{
    return create_indexes(sesid, tableid, pindexcreate, cIndexCreate, 2, 1);
}

JET_ERR JET_API JetCreateIndex3W(JET_SESID sesid, JET_TABLEID tableid, JET_INDEXCREATE2_W *pindexcreate,
                                 uint32_t cIndexCreate)
{
    return create_indexes(sesid, tableid, pindexcreate, cIndexCreate, 2, 0);
}

JET_ERR JET_API JetCreateIndex4A(JET_SESID sesid, JET_TABLEID tableid, JET_INDEXCREATE3_A *pindexcreate,
                                 uint32_t cIndexCreate)
{
    return create_indexes(sesid, tableid, pindexcreate, cIndexCreate, 3, 1);
}

JET_ERR JET_API JetCreateIndex4W(JET_SESID sesid, JET_TABLEID tableid, JET_INDEXCREATE3_W *pindexcreate,
                                 uint32_t cIndexCreate)
{
    return create_indexes(sesid, tableid, pindexcreate, cIndexCreate, 3, 0);
}

/* JetCreateIndex: cbKey counts the key's bytes (W: 2 per unit), both terminators included. */
static JET_ERR create_index_simple(JET_SESID sesid, JET_TABLEID tableid, const void *name, JET_GRBIT grbit,
                                   const void *key, uint32_t cbKey, uint32_t lDensity, int ansi)
{
    JET_INDEXCREATE_W ic;
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = (WCHAR *)(uintptr_t)name;
    ic.szKey = (WCHAR *)(uintptr_t)key;
    ic.cbKey = cbKey;
    ic.grbit = grbit;
    ic.ulDensity = lDensity;
    return create_indexes(sesid, tableid, &ic, 1, 1, ansi);
}

JET_ERR JET_API JetCreateIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName, JET_GRBIT grbit,
                                const char *szKey, uint32_t cbKey, uint32_t lDensity)
{
    return create_index_simple(sesid, tableid, szIndexName, grbit, szKey, cbKey, lDensity, 1);
}

JET_ERR JET_API JetCreateIndexW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName, JET_GRBIT grbit,
                                const WCHAR *szKey, uint32_t cbKey, uint32_t lDensity)
{
    return create_index_simple(sesid, tableid, szIndexName, grbit, szKey, cbKey, lDensity, 0);
}

static JET_ERR delete_index(JET_SESID sesid, JET_TABLEID tableid, const void *name, int ansi)
{
    esent_session *s;
    JET_ERR err = enter(sesid, &s);
    if (err < 0)
        return err;
    arena a = { 0 };
    const WCHAR *w = str(&a, name, ansi);
    err = a.err < 0 ? a.err : esent_ddl_delete_index(s, tableid, w);
    arena_free(&a);
    return leave(s, err);
}

JET_ERR JET_API JetDeleteIndexA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szIndexName)
{
    return delete_index(sesid, tableid, szIndexName, 1);
}

JET_ERR JET_API JetDeleteIndexW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szIndexName)
{
    return delete_index(sesid, tableid, szIndexName, 0);
}
