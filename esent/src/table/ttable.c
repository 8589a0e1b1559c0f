#include "api/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "param/param.h"
#include "table/cursor.h"
#include "table/ddl.h"
#include "table/trx.h"
#include "table/ttable.h"
#include "util/wstr.h"

#define TT_GRBITS (JET_bitTTIndexed | JET_bitTTUnique | JET_bitTTUpdatable | JET_bitTTScrollable | \
                   JET_bitTTSortNullsHigh | JET_bitTTForceMaterialization | JET_bitTTForwardOnly | \
                   JET_bitTTIntrinsicLVsOnly | JET_bitTTDotNetGuid)
#define TT_COLUMN_GRBITS_PRIVATE (JET_bitColumnTTKey | JET_bitColumnTTDescending)

static volatile LONG g_ttable_serial;

static void wname(WCHAR *out, size_t cch, const char *ascii)
{
    size_t i = 0;
    for (; ascii[i] != 0 && i + 1 < cch; i++)
        out[i] = (WCHAR)(unsigned char)ascii[i];
    out[i] = 0;
}

JET_ERR esent_ttable_open(esent_session *s, esent_ttable *tt)
{
    tt->tableid = JET_tableidNil;
    if (tt->cols == NULL || tt->ccols == 0 || tt->ccols > JET_ccolMost)
        return JET_errInvalidParameter;
    if (tt->grbit & ~(JET_GRBIT)TT_GRBITS)
        return JET_errInvalidGrbit;
    if (esent_param_num(s->inst, JET_paramMaxTemporaryTables) == 0)
        return JET_errTooManyOpenTables;
    uint32_t nkey = 0;
    for (uint32_t i = 0; i < tt->ccols; i++) {
        if (tt->cols[i].cbStruct != sizeof(JET_COLUMNDEF))
            return JET_errInvalidParameter;
        if (tt->cols[i].grbit & JET_bitColumnTTKey)
            nkey++;
    }
    int unique = (tt->grbit & JET_bitTTUnique) != 0;
    int seq = nkey > 0 && !unique;     /* hidden column that keeps equal keys apart */
    if (nkey + (uint32_t)seq > JET_ccolKeyMost)
        return JET_errInvalidParameter;

    /* Names: columns c0, c1, ...; the key description "+c3\0-c1\0...\0". */
    uint32_t ncols = tt->ccols + (uint32_t)seq;
    esent_ddl_column *cols = (esent_ddl_column *)calloc(ncols, sizeof *cols);
    WCHAR (*names)[16] = (WCHAR (*)[16])calloc(ncols, sizeof *names);
    WCHAR *key = (WCHAR *)calloc((size_t)(nkey + 1) * 18u + 2u, sizeof(WCHAR));
    JET_ERR err = cols == NULL || names == NULL || key == NULL ? JET_errOutOfMemory : JET_errSuccess;
    uint32_t cch_key = 0;
    for (uint32_t i = 0; err >= 0 && i < ncols; i++) {
        char n[16];
        if (i < tt->ccols)
            snprintf(n, sizeof n, "c%u", (unsigned)i);
        else
            snprintf(n, sizeof n, "seq");
        wname(names[i], 16, n);
        cols[i].name = names[i];
        if (i < tt->ccols) {
            const JET_COLUMNDEF *d = &tt->cols[i];
            cols[i].coltyp = d->coltyp;
            cols[i].cb_max = d->cbMax;
            cols[i].grbit = d->grbit & ~(JET_GRBIT)TT_COLUMN_GRBITS_PRIVATE;
            cols[i].cp = d->cp;
        } else {
            cols[i].coltyp = JET_coltypLong;
            cols[i].grbit = JET_bitColumnFixed | JET_bitColumnAutoincrement;
        }
    }
    /* Key segments in the order the columns were given. */
    for (uint32_t i = 0; err >= 0 && i < ncols; i++) {
        int is_key = i < tt->ccols ? (tt->cols[i].grbit & JET_bitColumnTTKey) != 0 : 1;
        if (!is_key)
            continue;
        key[cch_key++] = (i < tt->ccols && (tt->cols[i].grbit & JET_bitColumnTTDescending)) ? '-' : '+';
        for (const WCHAR *p = names[i]; *p; p++)
            key[cch_key++] = *p;
        key[cch_key++] = 0;
    }
    key[cch_key++] = 0;
    esent_ddl_index idx;
    memset(&idx, 0, sizeof idx);
    static const WCHAR k_pk[] = { 'k', 'e', 'y', 0 };
    idx.name = k_pk;
    idx.key = key;
    idx.cch_key = cch_key;
    idx.grbit = JET_bitIndexPrimary | (unique ? JET_bitIndexUnique : 0) |
                ((tt->grbit & JET_bitTTSortNullsHigh) ? JET_bitIndexSortNullsHigh : 0) |
                ((tt->grbit & JET_bitTTDotNetGuid) ? JET_bitIndexDotNetGuid : 0);
    idx.lcid = tt->lcid;
    idx.locale_name = tt->locale_name;
    idx.lcmap_flags = tt->lcmap_flags;
    idx.have_unicode = tt->locale_name != NULL || tt->lcmap_flags != 0;
    idx.have_key_most = tt->cb_key_most != 0;
    idx.cb_key_most = tt->cb_key_most;
    idx.cb_var_seg_mac = tt->cb_var_seg_mac;

    char tname[32];
    WCHAR wtname[32];
    snprintf(tname, sizeof tname, "TT%08lX", (unsigned long)InterlockedIncrement(&g_ttable_serial));
    wname(wtname, 32, tname);
    esent_ddl_table def;
    memset(&def, 0, sizeof def);
    def.name = wtname;
    def.pages = 1;
    def.density = 80;
    def.cols = cols;
    def.ccols = ncols;
    def.idxs = nkey > 0 ? &idx : NULL;
    def.cidxs = nkey > 0 ? 1u : 0u;
    JET_TABLEID tid = JET_tableidNil;
    if (err >= 0)   /* not logged (table/trx.h): a rollback does not remove a temporary table */
        err = esent_ddl_create_table(s, ESENT_DBID_TEMP, &def, &tid);
    if (err >= 0) {
        esent_cursor *c;
        if (esent_cursor_get(s, tid, &c) >= 0)
            c->temp = 1;
        for (uint32_t i = 0; tt->columnids != NULL && i < tt->ccols; i++)
            tt->columnids[i] = cols[i].columnid;
        tt->tableid = tid;
    }
    free(cols);
    free(names);
    free(key);
    return err;
}

JET_ERR esent_ttable_close(esent_cursor *c)
{
    if (!c->temp)
        return esent_cursor_close(c);
    esent_session *s = c->s;
    WCHAR *name = c->t != NULL ? esent_wdup(c->t->name) : NULL;
    JET_ERR err = esent_cursor_close(c);
    if (name != NULL) {
        JET_ERR e = esent_ddl_delete_table(s, ESENT_DBID_TEMP, name);
        if (e < 0 && e != JET_errObjectNotFound && err >= 0)
            err = e;
        esent_wfree(name);
    }
    return err;
}
