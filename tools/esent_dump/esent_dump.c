/* esent_dump: prints every table of a database, every row and every column value, in the canonical text
 * form of dump_format.h, reading the file only through the public ESENT API.
 *
 *   esent_dump [--page-size N] [--enumerate] [--table NAME [--index INDEX]] [--index-checking off|on|defer]
 *              [--attach-only] [--work DIR] DB.edb
 *
 * The database is attached read-only. Its tables and columns come from the catalog table MSysObjects
 * (JetOpenTable, JetMove, JetRetrieveColumn): rows of Type 1 are tables (Id = objid, Name), rows of Type 2
 * their columns (ObjidTable, Id = column id, ColtypOrPgnoFDP = column type, PagesOrLocale = code page,
 * Name). Each table is then opened and walked in the order of its primary index; each column is read with
 * JetRetrieveColumn (every itagSequence of tagged columns), or with --enumerate through JetEnumerateColumns
 * instead, which must give the same text.
 *
 * --index walks one index of the table instead and prints, per entry, its normalized key (JetRetrieveKey) and
 * the bookmark of its row (JetGetBookmark), both in hex: "index NAME", then "entry KEY BOOKMARK" lines, then
 * "entries COUNT".
 *
 * --index-checking sets JET_paramEnableIndexChecking; the default is JET_IndexCheckingOff. A database written on
 * another platform (or before a sort-order change) has Unicode text indexes built with another sort version
 * than the one in use here; ESENT refuses to attach it with checking on (JET_errSecondaryIndexCorrupted), and
 * a read-only attach cannot delete them (docs/sortkeys.md). Turning checking off is ESENT's documented,
 * user-settable choice: such an index may miss rows, which does not matter here since tables are walked in
 * primary-index order (only --index reads a secondary index, and prints the entries it holds). --attach-only
 * attaches the database and detaches it again, printing nothing: exit 0 when the attach succeeds (the
 * yardstick uses it with --index-checking on to find the corpus databases with out-of-date indexes).
 *
 * --page-size sets JET_paramDatabasePageSize before JetInit (default: the page size the file's header
 * gives, through JetGetDatabaseFileInfo). --work is the folder for the instance's system, log and temporary
 * files (default: a new folder under $TMPDIR or /tmp, removed at exit when empty).
 *
 * Exit status: 0 when everything was read; 2 when the engine refused to attach the database (the message
 * names the error, e.g. -550 JET_errDatabaseDirtyShutdown); 3 when some table or value could not be read
 * (the output says where); 1 for other failures and usage errors. */
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L   /* mkdtemp */
#endif
#include <esent.h>

#include "dump_format.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef _WIN32
#include <dirent.h>
#include <unistd.h>
#endif

/* Catalog column ids (ese-format.md §4.1). */
enum {
    CAT_OBJID_TABLE = 1,
    CAT_TYPE = 2,
    CAT_ID = 3,
    CAT_COLTYP_OR_PGNO = 4,
    CAT_PAGES_OR_LOCALE = 7,
    CAT_NAME = 128,
};
enum { SYSOBJ_TABLE = 1, SYSOBJ_COLUMN = 2 };

typedef struct column {
    uint32_t id, coltyp, cp;
    char *name;
    size_t cb_name;
} column;

typedef struct table {
    uint32_t objid;
    char *name;
    size_t cb_name;
    column *cols;
    size_t ccols, cap;
} table;

typedef struct buffer {
    uint8_t *p;
    uint32_t cap;
} buffer;

static JET_SESID g_sesid;
static JET_DBID g_dbid;
static int g_status;   /* exit status for read errors */
static FILE *g_out;

static void *xrealloc(void *p, size_t cb)
{
    void *q = realloc(p, cb == 0 ? 1 : cb);
    if (q == NULL) {
        fprintf(stderr, "esent_dump: out of memory\n");
        exit(1);
    }
    return q;
}

static const char *err_text(JET_ERR err, char *text, size_t cb)
{
    JET_API_PTR code = (JET_API_PTR)(intptr_t)err;
    text[0] = 0;
    if (JetGetSystemParameterA(0, 0, JET_paramErrorToString, &code, text, (uint32_t)cb) < 0 || text[0] == 0)
        snprintf(text, cb, "error %ld", (long)err);
    return text;
}

static void fail(const char *what, JET_ERR err)
{
    char text[512];
    fprintf(stderr, "esent_dump: %s: %ld (%s)\n", what, (long)err, err_text(err, text, sizeof text));
}

/* One value of a column into b: JetRetrieveColumn, growing the buffer on JET_wrnBufferTruncated. */
static JET_ERR retrieve(JET_TABLEID tid, JET_COLUMNID colid, uint32_t itag, JET_GRBIT grbit, buffer *b,
                        uint32_t *pcb)
{
    for (int attempt = 0;; attempt++) {
        JET_RETINFO ri;
        memset(&ri, 0, sizeof ri);
        ri.cbStruct = sizeof ri;
        ri.itagSequence = itag;
        uint32_t cb = 0;
        JET_ERR err = JetRetrieveColumn(g_sesid, tid, colid, b->p, b->cap, &cb, grbit, &ri);
        if (err == JET_wrnBufferTruncated && cb > b->cap && attempt < 4) {
            b->p = xrealloc(b->p, cb);
            b->cap = cb;
            continue;
        }
        *pcb = cb > b->cap ? b->cap : cb;
        return err;
    }
}

static int32_t rd32(const uint8_t *p) { return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24); }

/* A fixed catalog column of the current MSysObjects row as an integer (cb 2 or 4); -1 when NULL. */
static int64_t cat_int(JET_TABLEID tid, JET_COLUMNID colid, buffer *b)
{
    uint32_t cb = 0;
    JET_ERR err = retrieve(tid, colid, 1, 0, b, &cb);
    if (err != JET_errSuccess)
        return -1;
    if (cb == 4)
        return rd32(b->p);
    if (cb == 2)
        return (int16_t)(uint16_t)(b->p[0] | b->p[1] << 8);
    if (cb == 1)
        return b->p[0];
    return -1;
}

static int cmp_table(const void *a, const void *b)
{
    const table *x = a, *y = b;
    size_t n = x->cb_name < y->cb_name ? x->cb_name : y->cb_name;
    int c = memcmp(x->name, y->name, n);
    if (c != 0)
        return c;
    return x->cb_name < y->cb_name ? -1 : x->cb_name > y->cb_name;
}

static int cmp_column(const void *a, const void *b)
{
    const column *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* The tables and their columns, from MSysObjects. Returns the count; *ptables is malloc'ed. */
static size_t read_catalog(table **ptables)
{
    JET_TABLEID tid = 0;
    JET_ERR err = JetOpenTableA(g_sesid, g_dbid, "MSysObjects", NULL, 0, JET_bitTableReadOnly, &tid);
    if (err < 0) {
        fail("JetOpenTable(MSysObjects)", err);
        exit(1);
    }
    buffer b = { xrealloc(NULL, 4096), 4096 };
    table *tables = NULL;
    size_t ctables = 0;
    /* Column rows follow their table's row in the primary (ObjidTable, Type, Id) order, but nothing here
     * relies on it: columns are attached to their table by objid after the walk. */
    typedef struct { uint32_t objid; column c; } pending;
    pending *cols = NULL;
    size_t ccols = 0;
    for (err = JetMove(g_sesid, tid, JET_MoveFirst, 0); err >= 0; err = JetMove(g_sesid, tid, JET_MoveNext, 0)) {
        int64_t type = cat_int(tid, CAT_TYPE, &b);
        if (type != SYSOBJ_TABLE && type != SYSOBJ_COLUMN)
            continue;
        int64_t objid = cat_int(tid, CAT_OBJID_TABLE, &b);
        int64_t id = cat_int(tid, CAT_ID, &b);
        int64_t coltyp = cat_int(tid, CAT_COLTYP_OR_PGNO, &b);
        int64_t cp = cat_int(tid, CAT_PAGES_OR_LOCALE, &b);
        uint32_t cb = 0;
        JET_ERR e = retrieve(tid, CAT_NAME, 1, 0, &b, &cb);
        if (e < 0 || objid < 0 || id < 0) {
            fail("reading a MSysObjects row", e < 0 ? e : JET_errCatalogCorrupted);
            g_status = 3;
            continue;
        }
        char *name = xrealloc(NULL, (size_t)cb + 1);
        memcpy(name, b.p, e == JET_errSuccess ? cb : 0);
        size_t cb_name = e == JET_errSuccess ? cb : 0;
        name[cb_name] = 0;
        if (type == SYSOBJ_TABLE) {
            tables = xrealloc(tables, (ctables + 1) * sizeof *tables);
            table *t = &tables[ctables++];
            memset(t, 0, sizeof *t);
            t->objid = (uint32_t)objid;
            t->name = name;
            t->cb_name = cb_name;
        } else {
            cols = xrealloc(cols, (ccols + 1) * sizeof *cols);
            pending *p = &cols[ccols++];
            p->objid = (uint32_t)objid;
            p->c.id = (uint32_t)id;
            p->c.coltyp = (uint32_t)coltyp;
            p->c.cp = (coltyp == JET_coltypText || coltyp == JET_coltypLongText) && cp > 0 ? (uint32_t)cp : 0;
            p->c.name = name;
            p->c.cb_name = cb_name;
        }
    }
    if (err != JET_errNoCurrentRecord) {
        fail("JetMove(MSysObjects)", err);
        g_status = 3;
    }
    JetCloseTable(g_sesid, tid);
    for (size_t i = 0; i < ccols; i++) {
        table *t = NULL;
        for (size_t j = 0; j < ctables && t == NULL; j++) {
            if (tables[j].objid == cols[i].objid)
                t = &tables[j];
        }
        if (t == NULL) {
            free(cols[i].c.name);
            continue;
        }
        if (t->ccols == t->cap) {
            t->cap = t->cap ? 2 * t->cap : 16;
            t->cols = xrealloc(t->cols, t->cap * sizeof *t->cols);
        }
        t->cols[t->ccols++] = cols[i].c;
    }
    free(cols);
    free(b.p);
    for (size_t j = 0; j < ctables; j++)
        qsort(tables[j].cols, tables[j].ccols, sizeof *tables[j].cols, cmp_column);
    qsort(tables, ctables, sizeof *tables, cmp_table);
    *ptables = tables;
    return ctables;
}

/* ---- rows through JetRetrieveColumn ---- */

static void row_retrieve(JET_TABLEID tid, const table *t, buffer *b)
{
    for (size_t i = 0; i < t->ccols; i++) {
        const column *c = &t->cols[i];
        int tagged = c->id >= 256;
        uint32_t cb = 0;
        JET_ERR err = retrieve(tid, c->id, 1, JET_bitRetrieveIgnoreDefault, b, &cb);
        if (err == JET_wrnColumnNull) {
            /* Not in the record: a default value, if the column has one. */
            err = retrieve(tid, c->id, 1, 0, b, &cb);
            if (err == JET_errSuccess) {
                fprintf(g_out, "default\t%lu\t", (unsigned long)c->id);
                dumpfmt_value(g_out, c->coltyp, c->cp, b->p, cb);
                putc('\n', g_out);
            } else if (err != JET_wrnColumnNull) {
                fprintf(g_out, "error\t%lu\t%ld\n", (unsigned long)c->id, (long)err);
                g_status = 3;
            }
            continue;
        }
        if (err != JET_errSuccess) {
            fprintf(g_out, "error\t%lu\t%ld\n", (unsigned long)c->id, (long)err);
            g_status = 3;
            continue;
        }
        fprintf(g_out, "value\t%lu\t", (unsigned long)c->id);
        dumpfmt_value(g_out, c->coltyp, c->cp, b->p, cb);
        /* Further values of a tagged (possibly multi-valued) column. */
        for (uint32_t itag = 2; tagged; itag++) {
            err = retrieve(tid, c->id, itag, 0, b, &cb);
            if (err == JET_wrnColumnNull)
                break;
            if (err != JET_errSuccess || itag > 1000000) {
                fprintf(g_out, "\nerror\t%lu\t%ld", (unsigned long)c->id, (long)err);
                g_status = 3;
                break;
            }
            putc('\t', g_out);
            dumpfmt_value(g_out, c->coltyp, c->cp, b->p, cb);
        }
        putc('\n', g_out);
    }
}

/* ---- rows through JetEnumerateColumns ---- */

static void *JET_API enum_realloc(void *ctx, void *pv, uint32_t cb)
{
    (void)ctx;
    if (cb == 0) {
        free(pv);
        return NULL;
    }
    return realloc(pv, cb);
}

static void enum_free(JET_ENUMCOLUMN *rg, uint32_t c)
{
    for (uint32_t i = 0; i < c; i++) {
        if (rg[i].err == JET_wrnColumnSingleValue) {
            enum_realloc(NULL, rg[i].pvData, 0);
            continue;
        }
        for (uint32_t j = 0; j < rg[i].cEnumColumnValue; j++)
            enum_realloc(NULL, rg[i].rgEnumColumnValue[j].pvData, 0);
        enum_realloc(NULL, rg[i].rgEnumColumnValue, 0);
    }
    enum_realloc(NULL, rg, 0);
}

static const column *find_column(const table *t, JET_COLUMNID id)
{
    for (size_t i = 0; i < t->ccols; i++) {
        if (t->cols[i].id == id)
            return &t->cols[i];
    }
    return NULL;
}

static int cmp_enum(const void *a, const void *b)
{
    const JET_ENUMCOLUMN *x = a, *y = b;
    return x->columnid < y->columnid ? -1 : x->columnid > y->columnid;
}

static int cmp_enumvalue(const void *a, const void *b)
{
    const JET_ENUMCOLUMNVALUE *x = a, *y = b;
    return x->itagSequence < y->itagSequence ? -1 : x->itagSequence > y->itagSequence;
}

static JET_ERR enumerate(JET_TABLEID tid, JET_GRBIT grbit, JET_ENUMCOLUMN **prg, uint32_t *pc)
{
    *prg = NULL;
    *pc = 0;
    JET_ERR err = JetEnumerateColumns(g_sesid, tid, 0, NULL, pc, prg, enum_realloc, NULL, 0x7FFFFFFF, grbit);
    if (err < 0)
        return err;
    qsort(*prg, *pc, sizeof **prg, cmp_enum);
    for (uint32_t i = 0; i < *pc; i++) {
        if ((*prg)[i].err != JET_wrnColumnSingleValue && (*prg)[i].cEnumColumnValue > 1)
            qsort((*prg)[i].rgEnumColumnValue, (*prg)[i].cEnumColumnValue, sizeof *(*prg)[i].rgEnumColumnValue,
                  cmp_enumvalue);
    }
    return err;
}

/* Prints a column of an enumeration; returns 0 when it has no value. */
static int print_enum(const table *t, const JET_ENUMCOLUMN *ec, const char *tag)
{
    const column *c = find_column(t, ec->columnid);
    uint32_t coltyp = c ? c->coltyp : JET_coltypBinary, cp = c ? c->cp : 0;
    if (ec->err == JET_wrnColumnSingleValue) {
        fprintf(g_out, "%s\t%lu\t", tag, (unsigned long)ec->columnid);
        dumpfmt_value(g_out, coltyp, cp, ec->pvData, ec->cbData);
        putc('\n', g_out);
        return 1;
    }
    if (ec->err == JET_wrnColumnNull)
        return 0;
    if (ec->err < 0) {
        fprintf(g_out, "error\t%lu\t%ld\n", (unsigned long)ec->columnid, (long)ec->err);
        g_status = 3;
        return 1;
    }
    int any = 0;
    for (uint32_t j = 0; j < ec->cEnumColumnValue; j++) {
        const JET_ENUMCOLUMNVALUE *v = &ec->rgEnumColumnValue[j];
        if (v->err == JET_wrnColumnNull)
            continue;
        if (v->err != JET_errSuccess) {
            fprintf(g_out, "%serror\t%lu\t%ld", any ? "\n" : "", (unsigned long)ec->columnid, (long)v->err);
            g_status = 3;
            continue;
        }
        if (!any)
            fprintf(g_out, "%s\t%lu", tag, (unsigned long)ec->columnid);
        putc('\t', g_out);
        dumpfmt_value(g_out, coltyp, cp, v->pvData, v->cbData);
        any = 1;
    }
    if (any)
        putc('\n', g_out);
    return any;
}

static void row_enumerate(JET_TABLEID tid, const table *t)
{
    JET_ENUMCOLUMN *in_record = NULL, *with_defaults = NULL;
    uint32_t c_in = 0, c_all = 0;
    JET_ERR err = enumerate(tid, JET_bitEnumerateIgnoreDefault, &in_record, &c_in);
    JET_ERR err2 = err < 0 ? err : enumerate(tid, 0, &with_defaults, &c_all);
    if (err < 0 || err2 < 0) {
        fprintf(g_out, "error\t0\t%ld\n", (long)(err < 0 ? err : err2));
        g_status = 3;
    } else {
        /* Both lists are sorted by column id: print in id order, "default" for what only the second has. */
        uint32_t i = 0, j = 0;
        while (i < c_in || j < c_all) {
            JET_COLUMNID a = i < c_in ? in_record[i].columnid : UINT32_MAX;
            JET_COLUMNID d = j < c_all ? with_defaults[j].columnid : UINT32_MAX;
            if (a <= d) {
                print_enum(t, &in_record[i++], "value");
                if (a == d)
                    j++;
            } else {
                print_enum(t, &with_defaults[j++], "default");
            }
        }
    }
    if (in_record != NULL)
        enum_free(in_record, c_in);
    if (with_defaults != NULL)
        enum_free(with_defaults, c_all);
}

/* ---- one index: its keys and the rows' bookmarks ---- */

static void hexline(const uint8_t *p, uint32_t cb)
{
    for (uint32_t i = 0; i < cb; i++)
        fprintf(g_out, "%02x", p[i]);
}

static void dump_index(const table *t, const char *index)
{
    dumpfmt_table(g_out, t->name, t->cb_name);
    fprintf(g_out, "index\t");
    dumpfmt_name(g_out, index, strlen(index));
    putc('\n', g_out);
    JET_TABLEID tid = 0;
    JET_ERR err = JetOpenTableA(g_sesid, g_dbid, t->name, NULL, 0, JET_bitTableReadOnly, &tid);
    if (err >= 0)
        err = JetSetCurrentIndexA(g_sesid, tid, index);
    if (err < 0) {
        fprintf(g_out, "error\tindex\t%ld\n", (long)err);
        fail("opening the index", err);
        g_status = 3;
        if (tid != 0)
            JetCloseTable(g_sesid, tid);
        return;
    }
    uint64_t n = 0;
    uint8_t key[JET_cbKeyMostMost], bm[JET_cbBookmarkMostMost];
    for (err = JetMove(g_sesid, tid, JET_MoveFirst, 0); err >= 0; err = JetMove(g_sesid, tid, JET_MoveNext, 0)) {
        uint32_t cb_key = 0, cb_bm = 0;
        JET_ERR e1 = JetRetrieveKey(g_sesid, tid, key, sizeof key, &cb_key, 0);
        JET_ERR e2 = JetGetBookmark(g_sesid, tid, bm, sizeof bm, &cb_bm);
        if (e1 < 0 || e2 < 0) {
            fprintf(g_out, "error\tentry\t%ld\n", (long)(e1 < 0 ? e1 : e2));
            g_status = 3;
            continue;
        }
        fputs("entry\t", g_out);
        hexline(key, cb_key > sizeof key ? sizeof key : cb_key);
        putc('\t', g_out);
        hexline(bm, cb_bm > sizeof bm ? sizeof bm : cb_bm);
        putc('\n', g_out);
        n++;
    }
    if (err != JET_errNoCurrentRecord) {
        fprintf(g_out, "error\tmove\t%ld\n", (long)err);
        fail("JetMove", err);
        g_status = 3;
    }
    fprintf(g_out, "entries\t%llu\n", (unsigned long long)n);
    JetCloseTable(g_sesid, tid);
}

/* ---- tables ---- */

static void dump_table(const table *t, int use_enumerate, buffer *b)
{
    dumpfmt_table(g_out, t->name, t->cb_name);
    for (size_t i = 0; i < t->ccols; i++)
        dumpfmt_column(g_out, t->cols[i].id, t->cols[i].coltyp, t->cols[i].cp, t->cols[i].name, t->cols[i].cb_name);
    JET_TABLEID tid = 0;
    JET_ERR err = JetOpenTableA(g_sesid, g_dbid, t->name, NULL, 0, JET_bitTableReadOnly, &tid);
    if (err < 0) {
        fprintf(g_out, "error\topen\t%ld\n", (long)err);
        fail("JetOpenTable", err);
        g_status = 3;
        return;
    }
    uint64_t n = 0;
    for (err = JetMove(g_sesid, tid, JET_MoveFirst, 0); err >= 0; err = JetMove(g_sesid, tid, JET_MoveNext, 0)) {
        dumpfmt_row(g_out, ++n);
        if (use_enumerate)
            row_enumerate(tid, t);
        else
            row_retrieve(tid, t, b);
    }
    if (err != JET_errNoCurrentRecord) {
        fprintf(g_out, "error\tmove\t%ld\n", (long)err);
        fail("JetMove", err);
        g_status = 3;
    }
    dumpfmt_rows(g_out, n);
    JetCloseTable(g_sesid, tid);
}

/* ---- the instance's folder ---- */

static char g_work[1024];
static int g_work_made;

static void make_work_dir(const char *given)
{
    if (given != NULL) {
        snprintf(g_work, sizeof g_work, "%s/", given);
        return;
    }
#ifdef _WIN32
    const char *tmp = getenv("TEMP");
    snprintf(g_work, sizeof g_work, "%s\\esent_dump.%u\\", tmp ? tmp : ".", (unsigned)rand());
#else
    const char *tmp = getenv("TMPDIR");
    char tmpl[900];
    snprintf(tmpl, sizeof tmpl, "%s/esent_dump.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(tmpl) == NULL) {
        perror("esent_dump: mkdtemp");
        exit(1);
    }
    snprintf(g_work, sizeof g_work, "%s/", tmpl);
    g_work_made = 1;
#endif
}

static void remove_work_dir(void)
{
#ifndef _WIN32
    if (!g_work_made)
        return;
    /* The folder is ours: remove the files the instance left in it (checkpoint, logs), then the folder. */
    DIR *d = opendir(g_work);
    if (d != NULL) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char path[2048];
            snprintf(path, sizeof path, "%s%s", g_work, e->d_name);
            remove(path);
        }
        closedir(d);
    }
    rmdir(g_work);
#endif
}

static void usage(void)
{
    fprintf(stderr, "usage: esent_dump [--page-size N] [--enumerate] [--table NAME [--index INDEX]] "
                    "[--index-checking off|on|defer] [--attach-only] [--work DIR] DB.edb\n");
    exit(1);
}

int main(int argc, char **argv)
{
    uint32_t page_size = 0;
    int use_enumerate = 0, attach_only = 0;
    JET_API_PTR index_checking = JET_IndexCheckingOff;
    const char *only = NULL, *work = NULL, *db = NULL, *index = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--page-size") == 0 && i + 1 < argc)
            page_size = (uint32_t)strtoul(argv[++i], NULL, 0);
        else if (strcmp(argv[i], "--enumerate") == 0)
            use_enumerate = 1;
        else if (strcmp(argv[i], "--table") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (strcmp(argv[i], "--index") == 0 && i + 1 < argc)
            index = argv[++i];
        else if (strcmp(argv[i], "--work") == 0 && i + 1 < argc)
            work = argv[++i];
        else if (strcmp(argv[i], "--attach-only") == 0)
            attach_only = 1;
        else if (strcmp(argv[i], "--index-checking") == 0 && i + 1 < argc) {
            const char *v = argv[++i];
            if (strcmp(v, "off") == 0)
                index_checking = JET_IndexCheckingOff;
            else if (strcmp(v, "on") == 0)
                index_checking = JET_IndexCheckingOn;
            else if (strcmp(v, "defer") == 0)
                index_checking = JET_IndexCheckingDeferToOpenTable;
            else
                usage();
        }
        else if (argv[i][0] == '-' || db != NULL)
            usage();
        else
            db = argv[i];
    }
    if (db == NULL || (index != NULL && only == NULL))
        usage();
    g_out = stdout;

    if (page_size == 0) {
        uint32_t cb = 0;
        JET_ERR err = JetGetDatabaseFileInfoA(db, &cb, sizeof cb, JET_DbInfoPageSize);
        page_size = err >= 0 && cb != 0 ? cb : 0;
    }
    if (page_size != 0) {
        JET_ERR err = JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, page_size, NULL);
        if (err < 0) {
            fail("JetSetSystemParameter(DatabasePageSize)", err);
            return 1;
        }
    }

    make_work_dir(work);
    JET_INSTANCE inst = 0;
    JET_ERR err = JetCreateInstanceA(&inst, "esent_dump");
    if (err >= 0) err = JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, g_work);
    if (err >= 0) err = JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, g_work);
    if (err >= 0) err = JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, g_work);
    if (err >= 0) err = JetSetSystemParameterA(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL);
    if (err >= 0) err = JetSetSystemParameterA(&inst, 0, JET_paramEnableIndexChecking, index_checking, NULL);
    if (err < 0) {
        fail("setting up the instance", err);
        return 1;
    }
    /* No recovery (nothing is written) and no temporary database: best effort, the engine may not know them. */
    (void)JetSetSystemParameterA(&inst, 0, JET_paramRecovery, 0, "Off");
    (void)JetSetSystemParameterA(&inst, 0, JET_paramMaxTemporaryTables, 0, NULL);
    err = JetInit(&inst);
    if (err < 0) {
        fail("JetInit", err);
        remove_work_dir();
        return 1;
    }
    int status = 0;
    err = JetBeginSessionA(inst, &g_sesid, "", "");
    if (err < 0) {
        fail("JetBeginSession", err);
        status = 1;
        goto term;
    }
    err = JetAttachDatabaseA(g_sesid, db, JET_bitDbReadOnly);
    if (err < 0) {
        char text[512];
        fprintf(stderr, "esent_dump: JetAttachDatabase(%s): %ld (%s)\n", db, (long)err, err_text(err, text, sizeof text));
        status = 2;
        goto end_session;
    }
    if (attach_only)
        goto detach;
    err = JetOpenDatabaseA(g_sesid, db, NULL, &g_dbid, JET_bitDbReadOnly);
    if (err < 0) {
        fail("JetOpenDatabase", err);
        status = 1;
        goto detach;
    }

    table *tables = NULL;
    size_t ctables = read_catalog(&tables);
    buffer b = { xrealloc(NULL, 65536), 65536 };
    for (size_t i = 0; i < ctables; i++) {
        if (only != NULL && strcmp(only, tables[i].name) != 0)
            ;
        else if (index != NULL)
            dump_index(&tables[i], index);
        else
            dump_table(&tables[i], use_enumerate, &b);
        for (size_t j = 0; j < tables[i].ccols; j++)
            free(tables[i].cols[j].name);
        free(tables[i].cols);
        free(tables[i].name);
    }
    free(tables);
    free(b.p);
    fflush(g_out);
    if (ferror(g_out)) {
        fprintf(stderr, "esent_dump: write error\n");
        g_status = 1;
    }
    status = g_status;
    JetCloseDatabase(g_sesid, g_dbid, 0);
detach:
    err = JetDetachDatabaseA(g_sesid, db);
    if (err < 0 && status == 0) {
        fail("JetDetachDatabase", err);
        status = 1;
    }
end_session:
    JetEndSession(g_sesid, 0);
term:
    err = JetTerm(inst);
    if (err < 0 && status == 0) {
        fail("JetTerm", err);
        status = 1;
    }
    remove_work_dir();
    return status;
}
