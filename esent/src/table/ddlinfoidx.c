/* Index information: JetGetTableIndexInfo / JetGetIndexInfo (the list levels: table/ddlinfolist.c). */
#include "api/api.h"

#include <string.h>

#include "table/ddlinfo.h"
#include "table/ddlint.h"
#include "util/sortkey.h"
#include "util/wstr.h"

#define IDB_NO_NULL_SEG      0x0010u
#define IDB_LOCALE_SET       0x0040u
#define IDB_SORT_NULLS_HIGH  0x0800u
#define IDB_DISALLOW_TRUNC   0x4000u
#define IDB_NESTED_TABLE     0x8000u
#define IDXFLAG_DOTNET_GUID  0x0002u
#define KEY_CCH_MOST         (JET_ccolKeyMost * (JET_cbNameMost + 2) + 1)

/* From its IDBFLAG/IDXFLAG. */
JET_GRBIT ddlinfo_index_grbit(const esent_schema_index *x)
{
    uint32_t idb = x->flags & 0xFFFFu, idxflag = x->flags >> 16;
    JET_GRBIT g = 0;
    if (idb & ESENT_IDB_PRIMARY)
        g |= JET_bitIndexPrimary;
    else if (idb & ESENT_IDB_UNIQUE)
        g |= JET_bitIndexUnique;
    if (idb & IDB_NO_NULL_SEG)
        g |= JET_bitIndexDisallowNull;
    else if (!(idb & ESENT_IDB_ALLOW_SOME_NULLS))
        g |= JET_bitIndexIgnoreAnyNull;
    else if (!(idb & ESENT_IDB_ALLOW_FIRST_NULL))
        g |= JET_bitIndexIgnoreFirstNull;
    else if (!(idb & ESENT_IDB_ALLOW_ALL_NULLS))
        g |= JET_bitIndexIgnoreNull;
    g |= ((idb & IDB_SORT_NULLS_HIGH) ? JET_bitIndexSortNullsHigh : 0) |
         ((idb & IDB_LOCALE_SET) ? JET_bitIndexUnicode : 0) |
         ((idb & ESENT_IDB_CROSS_PRODUCT) ? JET_bitIndexCrossProduct : 0) |
         ((idb & IDB_NESTED_TABLE) ? JET_bitIndexNestedTable : 0) |
         ((idb & IDB_DISALLOW_TRUNC) ? JET_bitIndexDisallowTruncation : 0) |
         ((idxflag & IDXFLAG_DOTNET_GUID) ? JET_bitIndexDotNetGuid : 0) |
         (x->cb_key_most != ESENT_KEY_MOST_OLD ? JET_bitIndexKeyMost : 0);
    return g;
}

uint32_t ddlinfo_index_lcid(const esent_schema_index *x)
{
    uint32_t lcid = 0;
    if (x->locale_name == NULL || esent_sortkey_lcid_of_locale(x->locale_name, &lcid) < 0)
        return x->lcid;
    return lcid;
}

/* ---- JET_IdxInfoCreateIndex* ---- */

/* The caller's buffer, carved front to back; `need` keeps counting past the end. */
typedef struct outbuf {
    uint8_t *base;
    uint32_t cb, need;
} outbuf;

static void *ob_take(outbuf *o, uint32_t n)
{
    uint32_t at = (o->need + 7u) & ~7u;   /* pointer alignment for every piece */
    o->need = at + n;
    return o->need <= o->cb ? o->base + at : NULL;
}

/* A string placed in the buffer for an A or W caller; *pp its address (NULL once the buffer is full). */
static JET_ERR ob_string(outbuf *o, const WCHAR *w, int ansi, void **pp)
{
    uint32_t n = ansi ? (uint32_t)esent_w_to_a_size(w) : (uint32_t)((esent_wlen(w) + 1u) * sizeof(WCHAR));
    *pp = ob_take(o, n);
    return *pp == NULL ? JET_errSuccess : ddlinfo_put_string(w, ansi, *pp, n);
}

/* The key description "+a\0-b\0\0" in the buffer; *pcb its size (bytes; W: 2 per unit). */
static JET_ERR ob_key(outbuf *o, const esent_schema_table *t, const esent_schema_index *x, int ansi, void **pp,
                      uint32_t *pcb)
{
    WCHAR key[KEY_CCH_MOST];
    uint32_t n = 0;
    uint8_t *a = NULL;
    for (int pass = 0; pass < 2; pass++) {   /* pass 0 sizes, pass 1 writes (A: segment by segment) */
        uint32_t cb = 0;
        n = 0;
        for (uint32_t k = 0; k < x->csegs; k++) {
            const esent_schema_column *c = esent_schema_column_by_id(t, x->segs[k].fid);
            const WCHAR *name = c != NULL ? c->name : NULL;
            WCHAR seg[JET_cbNameMost + 3];
            size_t len = name != NULL ? esent_wlen(name) : 0;
            seg[0] = (x->segs[k].flags & ESENT_IDXSEG_DESCENDING) ? '-' : '+';
            if (len > JET_cbNameMost)
                len = JET_cbNameMost;
            if (len)
                memcpy(seg + 1, name, len * sizeof(WCHAR));
            seg[len + 1] = 0;
            uint32_t cb_seg = ansi ? (uint32_t)esent_w_to_a_size(seg) : (uint32_t)((len + 2) * sizeof(WCHAR));
            if (pass == 1 && a != NULL) {
                JET_ERR err = ddlinfo_put_string(seg, ansi, a + cb, cb_seg);
                if (err < 0)
                    return err;
            }
            memcpy(key + n, seg, (len + 2) * sizeof(WCHAR));
            n += (uint32_t)len + 2;
            cb += cb_seg;
        }
        cb += ansi ? 1u : (uint32_t)sizeof(WCHAR);
        if (pass == 0) {
            a = (uint8_t *)ob_take(o, cb);
            *pcb = cb;
            *pp = a;
            if (a == NULL)
                return JET_errSuccess;
        } else if (ansi) {
            a[cb - 1] = 0;
        } else {
            key[n] = 0;
            memcpy(a, key, cb);
        }
    }
    return JET_errSuccess;
}

/* Writes a JET_INDEXCREATE (version 1), JET_INDEXCREATE2 (2) or JET_INDEXCREATE3 (3), A or W, with
 * everything it points to placed after it in the same buffer. */
static JET_ERR put_create_index(esent_tdb *tdb, const esent_schema_table *t, const esent_schema_index *x, int version,
                                int ansi, void *pv, uint32_t cb)
{
    uint32_t cb_struct = version == 3 ? (uint32_t)sizeof(JET_INDEXCREATE3_W)
                         : version == 2 ? (uint32_t)sizeof(JET_INDEXCREATE2_W) : (uint32_t)sizeof(JET_INDEXCREATE_W);
    outbuf o = { (uint8_t *)pv, cb, 0 };
    esent_cat_idxseg cond[JET_ccolKeyMost];
    uint32_t ccond = 0;
    JET_ERR err = ddl_index_conditional(tdb, t, x, cond, &ccond);
    if (err < 0)
        return err;
    void *at = ob_take(&o, cb_struct), *name = NULL, *key = NULL, *locale = NULL;
    uint32_t cb_key = 0;
    JET_GRBIT g = ddlinfo_index_grbit(x);
    ESENT_CALL(err, ob_string(&o, x->name, ansi, &name), out);
    ESENT_CALL(err, ob_key(&o, t, x, ansi, &key, &cb_key), out);
    JET_UNICODEINDEX *ui = NULL;
    JET_UNICODEINDEX2 *ui2 = NULL;
    if (version == 3 && (g & JET_bitIndexUnicode)) {
        static const WCHAR k_empty[1] = { 0 };
        ui2 = (JET_UNICODEINDEX2 *)ob_take(&o, sizeof *ui2);
        ESENT_CALL(err, ob_string(&o, x->locale_name != NULL ? x->locale_name : k_empty, 0, &locale), out);
    } else if (g & JET_bitIndexUnicode) {
        ui = (JET_UNICODEINDEX *)ob_take(&o, sizeof *ui);
    }
    JET_CONDITIONALCOLUMN_W *cc = ccond ? (JET_CONDITIONALCOLUMN_W *)ob_take(&o, ccond * sizeof *cc) : NULL;
    for (uint32_t k = 0; k < ccond; k++) {
        const esent_schema_column *c = esent_schema_column_by_id(t, cond[k].fid);
        static const WCHAR k_unknown[1] = { 0 };
        void *cname = NULL;
        ESENT_CALL(err, ob_string(&o, c != NULL ? c->name : k_unknown, ansi, &cname), out);
        if (cc != NULL) {
            cc[k].cbStruct = sizeof cc[k];
            cc[k].szColumnName = (WCHAR *)cname;
            cc[k].grbit = (cond[k].flags & ESENT_IDXSEG_MUST_BE_NULL) ? JET_bitIndexColumnMustBeNull
                                                                       : JET_bitIndexColumnMustBeNonNull;
        }
    }
    JET_SPACEHINTS *sh = version >= 2 ? (JET_SPACEHINTS *)ob_take(&o, sizeof *sh) : NULL;
    if (o.need > o.cb)
        return JET_errBufferTooSmall;

    /* The _A and _W structures differ only in their string pointers' types. */
    JET_INDEXCREATE3_W ic3;
    JET_INDEXCREATE2_W ic2;
    memset(&ic3, 0, sizeof ic3);
    memset(&ic2, 0, sizeof ic2);
    ic2.cbStruct = cb_struct;
    ic2.szIndexName = (WCHAR *)name;
    ic2.szKey = (WCHAR *)key;
    ic2.cbKey = cb_key;
    ic2.grbit = g;
    ic2.ulDensity = x->density;
    ic2.cbVarSegMac = x->var_seg_mac ? x->var_seg_mac : x->cb_key_most;
    ic2.rgconditionalcolumn = cc;
    ic2.cConditionalColumn = ccond;
    ic2.cbKeyMost = x->cb_key_most;
    if (ui != NULL) {
        ui->lcid = ddlinfo_index_lcid(x);
        ui->dwMapFlags = x->lcmap_flags;
        ic2.pidxunicode = ui;
    } else {
        ic2.lcid = ddlinfo_index_lcid(x);
    }
    if (sh != NULL) {
        memset(sh, 0, sizeof *sh);
        sh->cbStruct = sizeof *sh;
        sh->ulInitialDensity = x->density;
        ic2.pSpacehints = sh;
    }
    if (version == 3) {
        ic3.cbStruct = cb_struct;
        ic3.szIndexName = ic2.szIndexName, ic3.szKey = ic2.szKey, ic3.cbKey = ic2.cbKey, ic3.grbit = ic2.grbit;
        ic3.ulDensity = ic2.ulDensity, ic3.cbVarSegMac = ic2.cbVarSegMac, ic3.cbKeyMost = ic2.cbKeyMost;
        ic3.rgconditionalcolumn = cc, ic3.cConditionalColumn = ccond, ic3.pSpacehints = sh;
        if (ui2 != NULL) {
            ui2->szLocaleName = (WCHAR *)locale;
            ui2->dwMapFlags = x->lcmap_flags;
            ic3.pidxunicode = ui2;
        }
        memcpy(at, &ic3, cb_struct);
    } else {
        memcpy(at, &ic2, cb_struct);
    }
out:
    return err;
}

/* ---- JetGetTableIndexInfo / JetGetIndexInfo ---- */

static JET_ERR put_u16(uint32_t v, void *pv, uint32_t cb)
{
    uint16_t u = (uint16_t)v;
    if (cb < sizeof u)
        return JET_errBufferTooSmall;
    memcpy(pv, &u, sizeof u);
    return JET_errSuccess;
}

static JET_ERR put_u32(uint32_t v, void *pv, uint32_t cb)
{
    if (cb < sizeof v)
        return JET_errBufferTooSmall;
    memcpy(pv, &v, sizeof v);
    return JET_errSuccess;
}

/* The index a single-index level is about: the named one, or the primary index when no name is given. */
static JET_ERR find_index(const esent_schema_table *t, const WCHAR *name, const esent_schema_index **px)
{
    char bytes[JET_cbNameMost + 1];
    if (name == NULL || name[0] == 0) {
        *px = t->primary;
    } else {
        JET_ERR err = esent_ddl_name(name, bytes);
        if (err < 0)
            return err;
        *px = esent_ddl_find_index(t, name);
    }
    return *px == NULL ? JET_errIndexNotFound : JET_errSuccess;
}

JET_ERR esent_ddlinfo_index(esent_session *s, JET_TABLEID tableid, JET_DBID dbid, const WCHAR *table,
                            const WCHAR *index, void *pv, uint32_t cb, uint32_t level, int ansi)
{
    const esent_schema_table *t;
    const esent_schema_index *x;
    esent_cursor *c;
    esent_tdb *tdb;
    JET_ERR err = ddlinfo_resolve(s, tableid, dbid, table, &tdb, &t, &c);
    if (err < 0)
        return err;
    switch (level) {
    case JET_IdxInfo:
    case JET_IdxInfoList: {
        /* A JET_INDEXLIST without its last member (columnidLCMapFlags, added later) is accepted. */
        if (pv == NULL)
            return JET_errInvalidParameter;
        if (cb < sizeof(JET_INDEXLIST) - sizeof(JET_COLUMNID))
            return JET_errBufferTooSmall;
        x = NULL;
        if (index != NULL && index[0] != 0) {   /* one index; none named: every index */
            char bytes[JET_cbNameMost + 1];
            ESENT_CALL(err, esent_ddl_name(index, bytes), out);
            if ((x = esent_ddl_find_index(t, index)) == NULL)
                return JET_errIndexNotFound;
        }
        return ddlinfo_index_list(s, t, x, pv, cb, ansi);
    }
    case JET_IdxInfoSysTabCursor:   /* obsolete levels ESENT no longer answers */
    case JET_IdxInfoOLC:
    case JET_IdxInfoResetOLC:
        return JET_errFeatureNotAvailable;
    case JET_IdxInfoCount:
    case JET_IdxInfoSpaceAlloc:
    case JET_IdxInfoLCID:
    case JET_IdxInfoVarSegMac:
    case JET_IdxInfoIndexId:
    case JET_IdxInfoKeyMost:
    case JET_IdxInfoCreateIndex:
    case JET_IdxInfoCreateIndex2:
    case JET_IdxInfoCreateIndex3:
    case JET_IdxInfoLocaleName:
        break;
    default:
        return JET_errInvalidParameter;
    }
    if (pv == NULL)
        return JET_errInvalidParameter;
    if (level == JET_IdxInfoCount)
        return put_u32(t->cindexes, pv, cb);
    ESENT_CALL(err, find_index(t, index, &x), out);
    switch (level) {
    case JET_IdxInfoSpaceAlloc:
        return put_u32(x->density, pv, cb);
    case JET_IdxInfoLCID:   /* an LCID; a 2-byte buffer gets the LANGID of old callers */
        return cb >= sizeof(uint32_t) ? put_u32(ddlinfo_index_lcid(x), pv, cb) : put_u16(ddlinfo_index_lcid(x), pv, cb);
    case JET_IdxInfoVarSegMac:
        return put_u16(x->var_seg_mac ? x->var_seg_mac : x->cb_key_most, pv, cb);
    case JET_IdxInfoKeyMost:
        return put_u16(x->cb_key_most, pv, cb);
    case JET_IdxInfoIndexId: {
        /* rgbIndexId: a pointer-sized slot (0), the index objid, its pgnoFDP (table/ddlinfo.h). */
        JET_INDEXID id;
        if (cb < sizeof id)
            return JET_errBufferTooSmall;
        memset(&id, 0, sizeof id);
        id.cbStruct = sizeof id;
        memcpy(id.rgbIndexId + sizeof(JET_API_PTR), &x->objid, 4);
        memcpy(id.rgbIndexId + sizeof(JET_API_PTR) + 4, &x->pgno_fdp, 4);
        memcpy(pv, &id, sizeof id);
        return JET_errSuccess;
    }
    case JET_IdxInfoLocaleName: {   /* always UTF-16, for A callers too */
        static const WCHAR k_empty[1] = { 0 };
        return ddlinfo_put_string(x->locale_name != NULL ? x->locale_name : k_empty, 0, pv, cb);
    }
    case JET_IdxInfoCreateIndex:
        return put_create_index(tdb, t, x, 1, ansi, pv, cb);
    case JET_IdxInfoCreateIndex2:
        return put_create_index(tdb, t, x, 2, ansi, pv, cb);
    default:
        return put_create_index(tdb, t, x, 3, ansi, pv, cb);
    }
out:
    return err;
}
