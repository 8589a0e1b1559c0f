/* esent_write: writes a database through the public ESENT API for tests/interop/yardstick.py, and prints
 * what it wrote in esent_dump's canonical text form (tools/esent_dump/dump_format.h).
 *
 *   esent_write [--page-size N] [--rows N] DB.edb > written.txt
 *
 * One instance per process: JET_paramDatabasePageSize is set before JetInit. The database holds
 *   - "alltypes": a column of every type Bit..GUID and UnsignedShort in each form the engine allows
 *     (fixed, variable, tagged), long values of one to several chunks (up to 60 000 bytes, some written in
 *     pieces with JET_bitSetAppendLV), multi-valued columns (several long-value instances among them),
 *     NULLs and zero-length values; a primary index and two secondary ones (text + descending long, and a
 *     multi-valued column); N rows (default 10 240), inserted in an order other than the primary key's;
 *   - "sequential": a table without a primary index (rows in insertion order), 50 rows.
 * Every value derives from the row number and the column. The program detaches and calls JetTerm, so the
 * file is left cleanly shut down; then it prints both tables, rows in primary-key order.
 * Exit status 0, or 1 with the failing call on stderr. Public API only. */
#include <esent.h>

#include "dump_format.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VALUES_MAX 8       /* values of a multi-valued column per row */
#define LV_BIG 60000

typedef enum { FORM_FIXED, FORM_VAR, FORM_TAGGED, FORM_MULTI } form;

typedef struct coldef {
    const char *name;
    JET_COLTYP coltyp;
    form form;
    uint32_t cb_max;        /* fixed Binary/Text: the size; variable: the maximum; 0: the default */
    uint32_t cp;            /* text columns */
    JET_COLUMNID columnid;  /* assigned by the engine */
} coldef;

static coldef g_cols[] = {
    { "id", JET_coltypLong, FORM_FIXED, 0, 0, 0 },
    { "f_bit", JET_coltypBit, FORM_FIXED, 0, 0, 0 },
    { "f_ubyte", JET_coltypUnsignedByte, FORM_FIXED, 0, 0, 0 },
    { "f_short", JET_coltypShort, FORM_FIXED, 0, 0, 0 },
    { "f_long", JET_coltypLong, FORM_FIXED, 0, 0, 0 },
    { "f_currency", JET_coltypCurrency, FORM_FIXED, 0, 0, 0 },
    { "f_single", JET_coltypIEEESingle, FORM_FIXED, 0, 0, 0 },
    { "f_double", JET_coltypIEEEDouble, FORM_FIXED, 0, 0, 0 },
    { "f_datetime", JET_coltypDateTime, FORM_FIXED, 0, 0, 0 },
    { "f_ulong", JET_coltypUnsignedLong, FORM_FIXED, 0, 0, 0 },
    { "f_longlong", JET_coltypLongLong, FORM_FIXED, 0, 0, 0 },
    { "f_guid", JET_coltypGUID, FORM_FIXED, 0, 0, 0 },
    { "f_ushort", JET_coltypUnsignedShort, FORM_FIXED, 0, 0, 0 },
    { "f_binary", JET_coltypBinary, FORM_FIXED, 12, 0, 0 },
    { "f_text", JET_coltypText, FORM_FIXED, 10, 1252, 0 },
    { "v_binary", JET_coltypBinary, FORM_VAR, 255, 0, 0 },
    { "v_text", JET_coltypText, FORM_VAR, 255, 1252, 0 },
    { "v_utext", JET_coltypText, FORM_VAR, 255, 1200, 0 },
    { "t_bit", JET_coltypBit, FORM_TAGGED, 0, 0, 0 },
    { "t_ubyte", JET_coltypUnsignedByte, FORM_TAGGED, 0, 0, 0 },
    { "t_short", JET_coltypShort, FORM_TAGGED, 0, 0, 0 },
    { "t_long", JET_coltypLong, FORM_TAGGED, 0, 0, 0 },
    { "t_currency", JET_coltypCurrency, FORM_TAGGED, 0, 0, 0 },
    { "t_single", JET_coltypIEEESingle, FORM_TAGGED, 0, 0, 0 },
    { "t_double", JET_coltypIEEEDouble, FORM_TAGGED, 0, 0, 0 },
    { "t_datetime", JET_coltypDateTime, FORM_TAGGED, 0, 0, 0 },
    { "t_ulong", JET_coltypUnsignedLong, FORM_TAGGED, 0, 0, 0 },
    { "t_longlong", JET_coltypLongLong, FORM_TAGGED, 0, 0, 0 },
    { "t_guid", JET_coltypGUID, FORM_TAGGED, 0, 0, 0 },
    { "t_ushort", JET_coltypUnsignedShort, FORM_TAGGED, 0, 0, 0 },
    { "t_binary", JET_coltypBinary, FORM_TAGGED, 255, 0, 0 },
    { "t_text", JET_coltypText, FORM_TAGGED, 255, 1252, 0 },
    { "l_binary", JET_coltypLongBinary, FORM_TAGGED, 0, 0, 0 },
    { "l_text", JET_coltypLongText, FORM_TAGGED, 0, 1252, 0 },
    { "l_utext", JET_coltypLongText, FORM_TAGGED, 0, 1200, 0 },
    { "m_long", JET_coltypLong, FORM_MULTI, 0, 0, 0 },
    { "m_text", JET_coltypText, FORM_MULTI, 255, 1252, 0 },
    { "m_utext", JET_coltypText, FORM_MULTI, 255, 1200, 0 },
    { "m_binary", JET_coltypLongBinary, FORM_MULTI, 0, 0, 0 },
    { "m_guid", JET_coltypGUID, FORM_MULTI, 0, 0, 0 },
};
enum { NCOLS = sizeof g_cols / sizeof g_cols[0] };

static coldef g_seq_cols[] = {
    { "n", JET_coltypLong, FORM_FIXED, 0, 0, 0 },
    { "s", JET_coltypText, FORM_VAR, 255, 1252, 0 },
    { "b", JET_coltypLongBinary, FORM_TAGGED, 0, 0, 0 },
};
enum { NSEQ = sizeof g_seq_cols / sizeof g_seq_cols[0], SEQ_ROWS = 50 };

static JET_SESID g_sesid;

static void check(const char *what, JET_ERR err)
{
    if (err >= 0)
        return;
    char text[512] = "";
    JET_API_PTR code = (JET_API_PTR)(intptr_t)err;
    JetGetSystemParameterA(0, 0, JET_paramErrorToString, &code, text, sizeof text);
    fprintf(stderr, "esent_write: %s: %ld (%s)\n", what, (long)err, text);
    exit(1);
}

/* ---- deterministic values ---- */

static uint64_t mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static uint64_t h(uint32_t r, uint32_t col, uint32_t salt)
{
    return mix((uint64_t)r << 24 ^ (uint64_t)col << 8 ^ salt);
}

typedef struct value {
    uint8_t *p;
    uint32_t cb;
} value;

typedef struct values {
    value v[VALUES_MAX];
    uint32_t n;
    int zero_length;   /* v[0] is a deliberate zero-length value (JET_bitSetZeroLength) */
} values;

static uint8_t *g_arena;
static size_t g_arena_used, g_arena_cap;

static uint8_t *take(uint32_t cb)
{
    if (g_arena_used + cb > g_arena_cap) {
        fprintf(stderr, "esent_write: value arena exhausted\n");
        exit(1);
    }
    uint8_t *p = g_arena + g_arena_used;
    g_arena_used += cb;
    return p;
}

static void put_le(uint8_t *p, uint64_t v, uint32_t cb)
{
    for (uint32_t i = 0; i < cb; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* cp1252 text: printable ASCII with now and then an accented letter, a tab or a newline (never NUL nor a
 * byte cp1252 leaves undefined). */
static void text1252(uint8_t *p, uint32_t cb, uint64_t seed)
{
    static const uint8_t extra[] = { 0xE9, 0xFC, 0xC7, 0x80, 0xA3, '\t', '\n', '\\', ';' };
    for (uint32_t i = 0; i < cb; i++) {
        uint64_t x = mix(seed + i);
        p[i] = x % 23 == 0 ? extra[(x >> 8) % sizeof extra] : (uint8_t)(' ' + 1 + (x >> 16) % 94);
    }
}

/* UTF-16LE text of cb/2 code units: ASCII, Latin-1, CJK, and now and then a surrogate pair. */
static void text1200(uint8_t *p, uint32_t cb, uint64_t seed)
{
    uint32_t n = cb / 2;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t x = mix(seed + i);
        uint32_t u;
        if (x % 37 == 0 && i + 1 < n) {
            uint32_t cp = 0x1F300 + (uint32_t)(x >> 20) % 0x300;
            put_le(p + 2 * i, 0xD800 + ((cp - 0x10000) >> 10), 2);
            put_le(p + 2 * i + 2, 0xDC00 + ((cp - 0x10000) & 0x3FF), 2);
            i++;
            continue;
        }
        switch (x % 7) {
        case 0: u = 0xC0 + (uint32_t)(x >> 12) % 0x40; break;
        case 1: u = 0x4E00 + (uint32_t)(x >> 12) % 0x1000; break;
        default: u = 'a' + (uint32_t)(x >> 12) % 26; break;
        }
        put_le(p + 2 * i, u, 2);
    }
}

static uint32_t fixed_size(JET_COLTYP t)
{
    switch (t) {
    case JET_coltypBit: case JET_coltypUnsignedByte: return 1;
    case JET_coltypShort: case JET_coltypUnsignedShort: return 2;
    case JET_coltypLong: case JET_coltypUnsignedLong: case JET_coltypIEEESingle: return 4;
    case JET_coltypGUID: return 16;
    default: return 8;
    }
}

/* One value of a fixed-size type. */
static void scalar(const coldef *c, uint64_t x, value *v)
{
    v->cb = fixed_size(c->coltyp);
    v->p = take(v->cb);
    switch (c->coltyp) {
    case JET_coltypBit:
        v->p[0] = x & 1 ? 0xFF : 0x00;
        break;
    case JET_coltypIEEESingle: {
        float f = (float)((int32_t)(x % 2000001) - 1000000) / 64.0f;
        if (x % 97 == 0)
            f = -0.0f;
        memcpy(v->p, &f, 4);
        break;
    }
    case JET_coltypIEEEDouble: {
        double d = (double)(int64_t)(x >> 11) / 1048576.0 * ((x & 1) ? -1 : 1);
        memcpy(v->p, &d, 8);
        break;
    }
    case JET_coltypDateTime: {
        double d = 36000.0 + (double)(x % 40000000) / 1000.0;   /* 1998..2108, in OLE days */
        memcpy(v->p, &d, 8);
        break;
    }
    case JET_coltypGUID:
        put_le(v->p, x, 8);
        put_le(v->p + 8, mix(x), 8);
        break;
    default:
        put_le(v->p, x, v->cb);
        break;
    }
}

/* The values column c holds in row r (r counts from 0; key = the row's primary key). */
static void row_values(const coldef *c, uint32_t ci, uint32_t r, uint32_t key, values *out)
{
    memset(out, 0, sizeof *out);
    uint64_t x = h(r, ci, 1);
    if (strcmp(c->name, "id") == 0 || strcmp(c->name, "n") == 0) {
        out->n = 1;
        out->v[0].cb = 4;
        out->v[0].p = take(4);
        put_le(out->v[0].p, key, 4);
        return;
    }
    /* About one value in eleven is NULL. */
    if (x % 11 == 0)
        return;
    uint64_t y = h(r, ci, 2);
    switch (c->form) {
    case FORM_FIXED:
    case FORM_TAGGED:
        out->n = 1;
        if (c->coltyp == JET_coltypBinary || c->coltyp == JET_coltypText || c->coltyp == JET_coltypLongBinary ||
            c->coltyp == JET_coltypLongText) {
            uint32_t cb;
            if (c->form == FORM_FIXED) {
                cb = c->cb_max;
            } else if (c->coltyp == JET_coltypLongBinary || c->coltyp == JET_coltypLongText) {
                /* Long values: intrinsic, one chunk, or several chunks. */
                if (r % 500 == 7)
                    cb = LV_BIG;
                else if (r % 250 == 3)
                    cb = 20000;
                else if (r % 10 == 1)
                    cb = 1500 + (uint32_t)(y % 3000);
                else
                    cb = (uint32_t)(y % 300);
                if (c->cp == 1200)
                    cb &= ~1u;
            } else {
                cb = (uint32_t)(y % (c->cp == 1200 ? 120 : 200));
                if (c->cp == 1200)
                    cb &= ~1u;
            }
            if (cb == 0 && y % 2 == 0)
                cb = 1 + (c->cp == 1200);
            out->v[0].cb = cb;
            out->v[0].p = take(cb);
            if (c->coltyp == JET_coltypText || c->coltyp == JET_coltypLongText) {
                if (c->cp == 1200)
                    text1200(out->v[0].p, cb, y);
                else
                    text1252(out->v[0].p, cb, y);
            } else {
                for (uint32_t i = 0; i < cb; i++)
                    out->v[0].p[i] = (uint8_t)mix(y + i / 8) ^ (uint8_t)i;
            }
            out->zero_length = cb == 0;
        } else {
            scalar(c, y, &out->v[0]);
        }
        break;
    case FORM_VAR: {
        uint32_t cb = (uint32_t)(y % (c->cp == 1200 ? 160 : 240));
        if (c->cp == 1200)
            cb &= ~1u;
        out->n = 1;
        out->v[0].cb = cb;
        out->v[0].p = take(cb);
        if (c->coltyp == JET_coltypText) {
            if (c->cp == 1200)
                text1200(out->v[0].p, cb, y);
            else
                text1252(out->v[0].p, cb, y);
        } else {
            for (uint32_t i = 0; i < cb; i++)
                out->v[0].p[i] = (uint8_t)mix(y ^ i);
        }
        out->zero_length = cb == 0;
        break;
    }
    case FORM_MULTI: {
        uint32_t n = 1 + (uint32_t)(y % 5);
        for (uint32_t i = 0; i < n && i < VALUES_MAX; i++) {
            uint64_t z = h(r, ci, 10 + i);
            value *v = &out->v[out->n++];
            if (c->coltyp == JET_coltypText) {
                /* Short, distinct and never containing "; " (esedbexport joins the values with it). */
                char buf[64];
                int len;
                if (c->cp == 1200) {
                    len = 2 * (3 + (int)(z % 20));
                    v->p = take((uint32_t)len);
                    text1200(v->p, (uint32_t)len, z);
                    v->cb = (uint32_t)len;
                    continue;
                }
                len = snprintf(buf, sizeof buf, "mv%lu.%u-%08lx", (unsigned long)r, i, (unsigned long)(z & 0xFFFFFFF));
                v->cb = (uint32_t)len;
                v->p = take(v->cb);
                memcpy(v->p, buf, v->cb);
            } else if (c->coltyp == JET_coltypLongBinary) {
                uint32_t cb = r % 100 == 9 ? 2500 + 500 * i : 1 + (uint32_t)(z % 200);
                v->cb = cb;
                v->p = take(cb);
                for (uint32_t k = 0; k < cb; k++)
                    v->p[k] = (uint8_t)mix(z + k / 4);
            } else {
                scalar(c, z, v);
            }
        }
        break;
    }
    }
}

/* ---- writing ---- */

static void set_values(JET_TABLEID tid, const coldef *c, const values *vs)
{
    for (uint32_t i = 0; i < vs->n; i++) {
        const value *v = &vs->v[i];
        JET_SETINFO si;
        memset(&si, 0, sizeof si);
        si.cbStruct = sizeof si;
        si.itagSequence = c->form == FORM_MULTI ? 0 : 1;   /* 0: add a new value */
        JET_GRBIT grbit = vs->zero_length && v->cb == 0 ? JET_bitSetZeroLength : 0;
        if (v->cb > 8000 && c->coltyp == JET_coltypLongBinary && c->form != FORM_MULTI) {
            /* A big long value in pieces: the first set, then JET_bitSetAppendLV. */
            uint32_t off = 0;
            while (off < v->cb) {
                uint32_t n = v->cb - off < 7000 ? v->cb - off : 7000;
                check("JetSetColumn (long value piece)",
                      JetSetColumn(g_sesid, tid, c->columnid, v->p + off, n, off ? JET_bitSetAppendLV : 0, NULL));
                off += n;
            }
            continue;
        }
        check(c->name, JetSetColumn(g_sesid, tid, c->columnid, v->p, v->cb, grbit, &si));
    }
}

static void create_columns(coldef *cols, uint32_t n, JET_COLUMNCREATE_A *cc)
{
    memset(cc, 0, n * sizeof *cc);
    for (uint32_t i = 0; i < n; i++) {
        cc[i].cbStruct = sizeof cc[i];
        cc[i].szColumnName = (char *)cols[i].name;
        cc[i].coltyp = cols[i].coltyp;
        cc[i].cbMax = cols[i].cb_max;
        cc[i].cp = (unsigned short)cols[i].cp;
        switch (cols[i].form) {
        case FORM_FIXED: cc[i].grbit = JET_bitColumnFixed; break;
        case FORM_VAR: cc[i].grbit = 0; break;
        case FORM_TAGGED: cc[i].grbit = JET_bitColumnTagged; break;
        case FORM_MULTI: cc[i].grbit = JET_bitColumnTagged | JET_bitColumnMultiValued; break;
        }
        if (strcmp(cols[i].name, "id") == 0)
            cc[i].grbit |= JET_bitColumnNotNULL;
    }
}

static int cmp_col(const void *a, const void *b)
{
    const coldef *x = *(const coldef *const *)a, *y = *(const coldef *const *)b;
    return x->columnid < y->columnid ? -1 : x->columnid > y->columnid;
}

/* Prints a table: columns by id, then the rows (row_of[i] = the row number of the i-th row in primary
 * order). */
static void print_table(const char *name, coldef *cols, uint32_t ncols, const uint32_t *row_of, const uint32_t *key_of,
                        uint32_t nrows)
{
    coldef *sorted[NCOLS];
    for (uint32_t i = 0; i < ncols; i++)
        sorted[i] = &cols[i];
    qsort(sorted, ncols, sizeof sorted[0], cmp_col);
    dumpfmt_table(stdout, name, strlen(name));
    for (uint32_t i = 0; i < ncols; i++) {
        const coldef *c = sorted[i];
        uint32_t cp = c->coltyp == JET_coltypText || c->coltyp == JET_coltypLongText ? c->cp : 0;
        dumpfmt_column(stdout, c->columnid, c->coltyp, cp, c->name, strlen(c->name));
    }
    for (uint32_t i = 0; i < nrows; i++) {
        uint32_t r = row_of[i];
        dumpfmt_row(stdout, i + 1);
        for (uint32_t k = 0; k < ncols; k++) {
            const coldef *c = sorted[k];
            values vs;
            g_arena_used = 0;
            row_values(c, (uint32_t)(c - cols), r, key_of[r], &vs);
            if (vs.n == 0)
                continue;
            printf("value\t%lu", (unsigned long)c->columnid);
            for (uint32_t j = 0; j < vs.n; j++) {
                putchar('\t');
                dumpfmt_value(stdout, c->coltyp, c->cp, vs.v[j].p, vs.v[j].cb);
            }
            putchar('\n');
        }
    }
    dumpfmt_rows(stdout, nrows);
}

static void insert_rows(JET_TABLEID tid, coldef *cols, uint32_t ncols, const uint32_t *key_of, uint32_t nrows)
{
    for (uint32_t r = 0; r < nrows; r++) {
        if (r % 100 == 0)
            check("JetBeginTransaction", JetBeginTransaction(g_sesid));
        check("JetPrepareUpdate", JetPrepareUpdate(g_sesid, tid, JET_prepInsert));
        for (uint32_t ci = 0; ci < ncols; ci++) {
            values vs;
            g_arena_used = 0;
            row_values(&cols[ci], ci, r, key_of[r], &vs);
            set_values(tid, &cols[ci], &vs);
        }
        check("JetUpdate", JetUpdate(g_sesid, tid, NULL, 0, NULL));
        if (r % 100 == 99 || r + 1 == nrows)
            check("JetCommitTransaction", JetCommitTransaction(g_sesid, JET_bitCommitLazyFlush));
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: esent_write [--page-size N] [--rows N] DB.edb\n");
    exit(1);
}

int main(int argc, char **argv)
{
    uint32_t page_size = 8192, nrows = 10240;
    const char *db = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--page-size") == 0 && i + 1 < argc)
            page_size = (uint32_t)strtoul(argv[++i], NULL, 0);
        else if (strcmp(argv[i], "--rows") == 0 && i + 1 < argc)
            nrows = (uint32_t)strtoul(argv[++i], NULL, 0);
        else if (argv[i][0] == '-' || db != NULL)
            usage();
        else
            db = argv[i];
    }
    if (db == NULL || nrows == 0 || nrows > 1000000)
        usage();
    g_arena_cap = 4 * LV_BIG + 65536;
    g_arena = malloc(g_arena_cap);
    /* Primary keys: a permutation of 0..nrows-1 (7919 is prime), so that inserts arrive out of key order. */
    uint32_t mult = nrows % 7919 == 0 ? 7907 : 7919;
    uint32_t *key_of = malloc(nrows * sizeof *key_of), *row_of = malloc(nrows * sizeof *row_of);
    uint32_t seq_rows[SEQ_ROWS], seq_keys[SEQ_ROWS];
    if (g_arena == NULL || key_of == NULL || row_of == NULL) {
        fprintf(stderr, "esent_write: out of memory\n");
        return 1;
    }
    for (uint32_t r = 0; r < nrows; r++) {
        key_of[r] = (uint32_t)(((uint64_t)r * mult + 13) % nrows);
        row_of[key_of[r]] = r;
    }
    for (uint32_t r = 0; r < SEQ_ROWS; r++) {
        seq_rows[r] = r;
        seq_keys[r] = 1000 - r;
    }

    char sys[1100];
    snprintf(sys, sizeof sys, "%s.sys/", db);
    check("JetSetSystemParameter(DatabasePageSize)",
          JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, page_size, NULL));
    JET_INSTANCE inst = 0;
    check("JetCreateInstance", JetCreateInstanceA(&inst, "esent_write"));
    check("SystemPath", JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, sys));
    check("LogFilePath", JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, sys));
    check("TempPath", JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, sys));
    check("CreatePathIfNotExist", JetSetSystemParameterA(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    (void)JetSetSystemParameterA(&inst, 0, JET_paramCircularLog, 1, NULL);
    check("JetInit", JetInit(&inst));
    check("JetBeginSession", JetBeginSessionA(inst, &g_sesid, "", ""));
    JET_DBID dbid = 0;
    check("JetCreateDatabase", JetCreateDatabaseA(g_sesid, db, NULL, &dbid, JET_bitDbOverwriteExisting));

    /* alltypes: three indexes. */
    JET_COLUMNCREATE_A cc[NCOLS];
    create_columns(g_cols, NCOLS, cc);
    static char k_primary[] = "+id\0";
    static char k_text[] = "+v_text\0-f_long\0";
    static char k_multi[] = "+m_long\0";
    JET_INDEXCREATE_A ic[3];
    memset(ic, 0, sizeof ic);
    const char *inames[3] = { "primary", "by_text", "by_multi" };
    char *keys[3] = { k_primary, k_text, k_multi };
    uint32_t cbkeys[3] = { sizeof k_primary, sizeof k_text, sizeof k_multi };
    for (int i = 0; i < 3; i++) {
        ic[i].cbStruct = sizeof ic[i];
        ic[i].szIndexName = (char *)inames[i];
        ic[i].szKey = keys[i];
        ic[i].cbKey = cbkeys[i];
        ic[i].ulDensity = 90;
    }
    ic[0].grbit = JET_bitIndexPrimary | JET_bitIndexUnique;
    JET_TABLECREATE_A tc;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)"alltypes";
    tc.ulDensity = 90;
    tc.rgcolumncreate = cc;
    tc.cColumns = NCOLS;
    tc.rgindexcreate = ic;
    tc.cIndexes = 3;
    check("JetCreateTableColumnIndex(alltypes)", JetCreateTableColumnIndexA(g_sesid, dbid, &tc));
    for (uint32_t i = 0; i < NCOLS; i++) {
        check(g_cols[i].name, cc[i].err);
        g_cols[i].columnid = cc[i].columnid;
    }
    for (int i = 0; i < 3; i++)
        check(inames[i], ic[i].err);
    insert_rows(tc.tableid, g_cols, NCOLS, key_of, nrows);
    check("JetCloseTable", JetCloseTable(g_sesid, tc.tableid));

    /* sequential: no primary index. */
    JET_COLUMNCREATE_A sc[NSEQ];
    create_columns(g_seq_cols, NSEQ, sc);
    JET_TABLECREATE_A ts;
    memset(&ts, 0, sizeof ts);
    ts.cbStruct = sizeof ts;
    ts.szTableName = (char *)"sequential";
    ts.ulDensity = 100;
    ts.rgcolumncreate = sc;
    ts.cColumns = NSEQ;
    check("JetCreateTableColumnIndex(sequential)", JetCreateTableColumnIndexA(g_sesid, dbid, &ts));
    for (uint32_t i = 0; i < NSEQ; i++) {
        check(g_seq_cols[i].name, sc[i].err);
        g_seq_cols[i].columnid = sc[i].columnid;
    }
    insert_rows(ts.tableid, g_seq_cols, NSEQ, seq_keys, SEQ_ROWS);
    check("JetCloseTable", JetCloseTable(g_sesid, ts.tableid));

    check("JetCloseDatabase", JetCloseDatabase(g_sesid, dbid, 0));
    check("JetDetachDatabase", JetDetachDatabaseA(g_sesid, db));
    check("JetEndSession", JetEndSession(g_sesid, 0));
    check("JetTerm", JetTerm(inst));

    /* What was written, tables by name. */
    print_table("alltypes", g_cols, NCOLS, row_of, key_of, nrows);
    print_table("sequential", g_seq_cols, NSEQ, seq_rows, seq_keys, SEQ_ROWS);
    fflush(stdout);
    free(key_of);
    free(row_of);
    free(g_arena);
    return ferror(stdout) ? 1 : 0;
}
