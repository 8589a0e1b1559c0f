/* JetEnumerateColumns: every column (or a list of columns and values) of a record or update buffer,
 * returned in memory from the caller's realloc-compatible callback. */
#include "table/recint.h"

#include <stdint.h>
#include <string.h>

#define ENUM_KNOWN (JET_bitEnumerateCopy | JET_bitEnumerateIgnoreDefault | JET_bitEnumeratePresenceOnly \
                    | JET_bitEnumerateTaggedOnly | JET_bitEnumerateCompressOutput \
                    | JET_bitEnumerateIgnoreUserDefinedDefault | JET_bitEnumerateInRecordOnly)

typedef struct enumctx {
    const rsrc *s;
    JET_PFNREALLOC pfn;
    void *ctx;
    uint32_t cbDataMost;          /* cap on separated long values */
    JET_GRBIT grbit;
} enumctx;

/* cb is 64-bit so that count * size cannot wrap; the callback takes 32 bits. */
static void *ealloc(const enumctx *e, uint64_t cb)
{
    if (cb == 0 || cb > UINT32_MAX)
        return NULL;
    return e->pfn(e->ctx, NULL, (uint32_t)cb);
}

static void efree(const enumctx *e, void *p)
{
    if (p != NULL)
        (void)e->pfn(e->ctx, p, 0);
}

static void free_column(const enumctx *e, JET_ENUMCOLUMN *ec)
{
    if (ec->err == JET_wrnColumnSingleValue) {
        efree(e, ec->pvData);
        return;
    }
    for (uint32_t j = 0; j < ec->cEnumColumnValue && ec->rgEnumColumnValue != NULL; j++)
        efree(e, ec->rgEnumColumnValue[j].pvData);
    efree(e, ec->rgEnumColumnValue);
}

/* Value itag of column ci (1 <= itag <= number of values): status and bytes. */
static JET_ERR enum_value(const enumctx *e, uint32_t ci, int def, uint32_t itag, JET_ENUMCOLUMNVALUE *ev)
{
    const esent_coldef *cd = &e->s->td->cols[ci];
    esent_rec_value val;
    uint32_t take, actual;
    JET_ERR err;
    memset(ev, 0, sizeof *ev);
    ev->itagSequence = itag;
    if (e->grbit & JET_bitEnumeratePresenceOnly) {
        ev->err = JET_wrnColumnPresent;
        return JET_errSuccess;
    }
    recx_effective_inst(e->s, ci, def, itag, &val);
    if (val.flags & ESENT_RECV_SEPARATED) {
        if (e->grbit & JET_bitEnumerateInRecordOnly) {
            ev->err = JET_wrnColumnNotInRecord;
            return JET_errSuccess;
        }
        err = recx_size(e->s, &val, &take);
        if (err < 0)
            return err;
        if (take > e->cbDataMost) {
            take = e->cbDataMost;
            ev->err = JET_wrnColumnTruncated;
        }
    } else if ((err = recx_size(e->s, &val, &take)) < 0) {
        return err;
    }
    if (take > 0) {
        ev->pvData = ealloc(e, take);
        if (ev->pvData == NULL)
            return JET_errOutOfMemory;
    }
    err = recx_copy(e->s, cd, &val, 0, ev->pvData, take, &actual);
    if (err < 0) {
        efree(e, ev->pvData);
        ev->pvData = NULL;
        return err;
    }
    ev->cbData = take;
    return JET_errSuccess;
}

/* Allocates ec's value array of c entries (zeroed). */
static JET_ERR alloc_values(const enumctx *e, JET_ENUMCOLUMN *ec, uint32_t c)
{
    if (c == 0)
        return JET_errSuccess;
    ec->rgEnumColumnValue = ealloc(e, (uint64_t)c * sizeof(JET_ENUMCOLUMNVALUE));
    if (ec->rgEnumColumnValue == NULL)
        return JET_errOutOfMemory;
    memset(ec->rgEnumColumnValue, 0, (size_t)c * sizeof(JET_ENUMCOLUMNVALUE));
    return JET_errSuccess;
}

/* One column. req: the caller's JET_ENUMCOLUMNID, NULL when enumerating every column. */
static JET_ERR enum_column(const enumctx *e, uint32_t ci, const JET_ENUMCOLUMNID *req, JET_ENUMCOLUMN *ec)
{
    const esent_coldef *cd = &e->s->td->cols[ci];
    uint32_t n;
    int def;
    JET_ERR err;
    ec->columnid = cd->columnid;
    recx_effective(e->s, ci, 0, &n, &def);
    if (def && (e->grbit & JET_bitEnumerateIgnoreDefault)) {
        ec->err = JET_wrnColumnDefault;
        return JET_errSuccess;
    }
    if (req != NULL && req->ctagSequence > 0) {
        err = alloc_values(e, ec, req->ctagSequence);
        if (err < 0)
            return err;
        ec->cEnumColumnValue = req->ctagSequence;
        for (uint32_t j = 0; j < req->ctagSequence; j++) {
            JET_ENUMCOLUMNVALUE *ev = &ec->rgEnumColumnValue[j];
            uint32_t itag = req->rgtagSequence[j];
            ev->itagSequence = itag;
            if (itag == 0)
                ev->err = JET_wrnColumnSkipped;
            else if (itag > n)
                ev->err = JET_wrnColumnNull;
            else if ((err = enum_value(e, ci, def, itag, ev)) < 0)
                return err;
        }
        return JET_errSuccess;
    }
    if (n == 0) {
        ec->err = JET_wrnColumnNull;
        return JET_errSuccess;
    }
    if (e->grbit & JET_bitEnumeratePresenceOnly) {
        ec->err = JET_wrnColumnPresent;
        return JET_errSuccess;
    }
    if (n == 1 && (e->grbit & JET_bitEnumerateCompressOutput)) {
        JET_ENUMCOLUMNVALUE ev;
        err = enum_value(e, ci, def, 1, &ev);
        if (err < 0)
            return err;
        if (ev.err == JET_errSuccess) {
            ec->err = JET_wrnColumnSingleValue;
            ec->cbData = ev.cbData;
            ec->pvData = ev.pvData;
            return JET_errSuccess;
        }
        /* a truncated or not-in-record value keeps its own status: the array form */
        err = alloc_values(e, ec, 1);
        if (err < 0) {
            efree(e, ev.pvData);
            return err;
        }
        ec->cEnumColumnValue = 1;
        ec->rgEnumColumnValue[0] = ev;
        return JET_errSuccess;
    }
    err = alloc_values(e, ec, n);
    if (err < 0)
        return err;
    ec->cEnumColumnValue = n;
    for (uint32_t j = 0; j < n; j++)
        if ((err = enum_value(e, ci, def, j + 1, &ec->rgEnumColumnValue[j])) < 0)
            return err;
    return JET_errSuccess;
}

/* Whether "every column" enumeration lists column ci. */
static int listed(const enumctx *e, uint32_t ci)
{
    const esent_coldef *cd = &e->s->td->cols[ci];
    uint32_t n, st = recx_state(e->s, ci, &n);
    int tagged = recx_is_tagged(cd);
    if ((e->grbit & JET_bitEnumerateTaggedOnly) && !tagged)
        return 0;
    if (e->grbit & JET_bitEnumerateIgnoreDefault)
        return st == RB_VALUES;   /* only values of the record's own, never a NULL */
    if (!tagged)
        return 1;
    return st != RB_ABSENT || recx_has_default(cd);
}

JET_ERR esent_enumerate_columns(const esent_recview *v, uint32_t cEnumColumnId, const JET_ENUMCOLUMNID *rgEnumColumnId,
                                uint32_t *pcEnumColumn, JET_ENUMCOLUMN **prgEnumColumn, JET_PFNREALLOC pfnRealloc,
                                void *pvReallocContext, uint32_t cbDataMost, JET_GRBIT grbit)
{
    enumctx e = { NULL, pfnRealloc, pvReallocContext, cbDataMost, grbit };
    JET_ERR err, first = JET_errSuccess;
    rsrc s;
    if (pcEnumColumn != NULL)
        *pcEnumColumn = 0;
    if (prgEnumColumn != NULL)
        *prgEnumColumn = NULL;
    if (pcEnumColumn == NULL || prgEnumColumn == NULL || pfnRealloc == NULL)
        return JET_errInvalidParameter;
    if ((grbit & ~(JET_GRBIT)ENUM_KNOWN) || ((grbit & JET_bitEnumerateTaggedOnly) && cEnumColumnId > 0))
        return JET_errInvalidGrbit;
    if (cEnumColumnId > 0 && rgEnumColumnId == NULL)
        return JET_errInvalidParameter;
    for (uint32_t i = 0; i < cEnumColumnId; i++)
        if (rgEnumColumnId[i].ctagSequence > 0 && rgEnumColumnId[i].rgtagSequence == NULL)
            return JET_errInvalidParameter;
    err = recx_open(v, (grbit & JET_bitEnumerateCopy) != 0, &s);
    if (err < 0)
        return err;
    e.s = &s;

    uint32_t count = cEnumColumnId;
    if (count == 0)
        for (uint32_t k = 0; k < s.td->ccols; k++)
            count += (uint32_t)listed(&e, s.td->order[k]);
    if (count == 0)
        return JET_errSuccess;
    JET_ENUMCOLUMN *out = ealloc(&e, (uint64_t)count * sizeof *out);
    if (out == NULL)
        return JET_errOutOfMemory;
    memset(out, 0, (size_t)count * sizeof *out);

    uint32_t done = 0, k = 0;
    for (; done < count; done++) {
        JET_ENUMCOLUMN *ec = &out[done];
        const JET_ENUMCOLUMNID *req = NULL;
        uint32_t ci;
        if (cEnumColumnId > 0) {
            req = &rgEnumColumnId[done];
            if (req->columnid == 0) {
                ec->err = JET_wrnColumnSkipped;
                continue;
            }
            int32_t found = recx_find(s.td, req->columnid, &err);
            if (found < 0) {
                ec->columnid = req->columnid;
                ec->err = err;
                if (first == JET_errSuccess)
                    first = err;
                continue;
            }
            ci = (uint32_t)found;
        } else {
            while (!listed(&e, s.td->order[k]))
                k++;
            ci = s.td->order[k++];
        }
        err = enum_column(&e, ci, req, ec);
        if (err < 0) {
            for (uint32_t j = 0; j <= done; j++)
                free_column(&e, &out[j]);
            efree(&e, out);
            return err;
        }
    }
    *pcEnumColumn = count;
    *prgEnumColumn = out;
    return first;
}
