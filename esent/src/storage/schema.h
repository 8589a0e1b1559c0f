/* Schema: the catalog (MSysObjects, ese-format.md §4) loaded into memory as table definitions.
 * Read once, with the B-tree cursor over the catalog tree (objid 2, pgnoFDP 4) and format/catalog.h
 * for the rows. Names are converted from the catalog's ANSI bytes (Windows-1252) to UTF-16.
 *
 * Invariants of a loaded schema:
 *   - tables appear in catalog key order (by table objid); within a table, columns by column id and
 *     indexes by index objid — the catalog's own key order (ObjidTable, Type, Id);
 *   - every column, index and LV row belongs to a table row that precedes it in the catalog
 *     (otherwise the load fails with JET_errCatalogCorrupted);
 *   - every string is NUL-terminated and owned by the schema; esent_schema_free releases everything. */
#ifndef ESENT_STORAGE_SCHEMA_H
#define ESENT_STORAGE_SCHEMA_H

#include "api/api.h"
#include "format/catalog.h"
#include "format/key.h"
#include "storage/pagefile.h"

typedef struct esent_schema_column {
    WCHAR *name;
    uint32_t columnid;      /* fid (1..127 fixed, 128..255 variable, 256+ tagged) */
    uint32_t coltyp;        /* JET_coltyp* */
    uint32_t cbMax;         /* SpaceUsage: fixed size, or maximum length (0 = unlimited) */
    uint32_t flags;         /* FIELDFLAG (ESENT_FFIELD_*), not JET_bitColumn* */
    uint32_t codepage;      /* text columns: 1252 or 1200; else 0 */
    uint8_t *default_value; /* DefaultValue (intrinsic), malloc'ed; NULL when none */
    uint32_t cb_default;
} esent_schema_column;

typedef struct esent_schema_index {
    WCHAR *name;
    uint32_t objid;         /* = the table's objid for the primary index */
    uint32_t pgno_fdp;      /* = the table's pgnoFDP for the primary index */
    uint32_t flags;         /* low u16 IDBFLAG, high u16 IDXFLAG, as stored */
    uint32_t lcid;          /* PagesOrLocale */
    uint32_t lcmap_flags;
    uint32_t cb_key_most;   /* KeyMost, 255 when not stored */
    uint32_t csegs;
    esent_cat_idxseg *segs; /* csegs entries */
    uint8_t conditional;    /* ConditionalColumns present: a sparse index */
    uint8_t tuple;          /* TupleLimits present: a tuple index */
    uint32_t density;
    uint32_t var_seg_mac;   /* VarSegMac, 0 when not stored */
    uint64_t sort_version;  /* Version, 0 when not stored */
    uint8_t sort_id[16];    /* SortID (a GUID in Windows' layout) when has_sort_id */
    uint8_t has_sort_id;
    WCHAR *locale_name;     /* LocaleName, NULL when not stored */
    /* Derived at load: what key making needs (format/key.h). */
    esent_key_column *keycols;  /* csegs entries */
    esent_key_index key;
    struct esent_index_sortkey *sortkey;  /* Unicode text key columns: the index's sort-key set-up
                                             (util/sortkey.h), malloc'ed; NULL otherwise */
    uint8_t unicode;        /* a key column is Unicode text (cp 1200 Text or LongText) */
    uint8_t sort_current;   /* 0 only for a Unicode index built with another sort order than the one in use
                               now (esent_sortkey_is_current), or whose locale or flags this platform cannot
                               set up: an out-of-date index (docs/sortkeys.md); 1 otherwise */
    uint8_t key_ok;         /* every segment names a known column of a keyable type */
} esent_schema_index;

#define ESENT_IDB_UNIQUE           0x0001u
#define ESENT_IDB_ALLOW_ALL_NULLS  0x0002u
#define ESENT_IDB_ALLOW_FIRST_NULL 0x0004u
#define ESENT_IDB_ALLOW_SOME_NULLS 0x0008u
#define ESENT_IDB_PRIMARY          0x0020u
#define ESENT_IDB_MULTIVALUED      0x0080u
#define ESENT_IDB_CROSS_PRODUCT    0x2000u

typedef struct esent_schema_table {
    WCHAR *name;
    WCHAR *template_name;   /* derived tables; NULL otherwise */
    uint32_t objid;
    uint32_t pgno_fdp;
    uint32_t flags;         /* table grbit / JET_bitObject* */
    uint32_t pages;         /* initial pages */
    uint32_t density;
    esent_schema_column *columns;
    uint32_t ccolumns;
    esent_schema_index *indexes;
    uint32_t cindexes;
    uint32_t lv_objid;      /* 0 when the table has no LV tree */
    uint32_t lv_pgno_fdp;
    /* Derived at load: the record layout (format/record.h) of the table's columns. */
    esent_rec_column *reccols;  /* ccolumns entries, by fid */
    esent_rec_layout layout;
    uint8_t layout_ok;      /* 0 when the columns do not form a valid layout (the table cannot be read) */
    esent_schema_index *primary;  /* the primary index, or NULL for a sequential table */
} esent_schema_table;

typedef struct esent_schema {
    esent_schema_table *tables;
    uint32_t ctables;
} esent_schema;

/* Loads the catalog of an open page file. Errors: those of the B-tree walk (JET_errDatabaseCorrupted,
 * JET_errReadVerifyFailure, ...), JET_errCatalogCorrupted for rows that do not fit together or a
 * malformed catalog row (esent_cat_decode's errors), JET_errOutOfMemory. *ps is NULL on failure. */
JET_ERR esent_schema_load(esent_pagefile *pf, esent_schema **ps);
void esent_schema_free(esent_schema *s);

/* Table by name, ASCII letters compared case-insensitively (as ESENT does); NULL when absent. */
const esent_schema_table *esent_schema_find_table(const esent_schema *s, const WCHAR *name);
/* Index of a table by name, same comparison; NULL when absent. */
const esent_schema_index *esent_schema_find_index(const esent_schema_table *t, const WCHAR *name);
/* The out-of-date indexes of t (sort_current == 0): returns how many of its secondary indexes are;
 * *pprimary (may be NULL) = 1 when its primary index is. */
uint32_t esent_schema_stale_indexes(const esent_schema_table *t, int *pprimary);
/* Column of a table by name (same comparison) or by column id; NULL when absent. */
const esent_schema_column *esent_schema_find_column(const esent_schema_table *t, const WCHAR *name);
const esent_schema_column *esent_schema_column_by_id(const esent_schema_table *t, uint32_t columnid);

#endif
