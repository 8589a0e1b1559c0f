/* The initial image of a new database file (ese-format.md §7.4, §7.5): the bytes JetCreateDatabase
 * writes, built in memory from the format layer (the modules of format/) — header and shadow, the database root and
 * its space trees, MSysObjects with its Name and RootObjects indexes, MSysObjectsShadow, and optionally
 * a few small user tables (for interoperability tests). Pure: no I/O; a later writer puts the buffer
 * in the file through winapi.
 *
 * Page map of the image (pgno P is at file offset (P + 1) * cbPage):
 *   1        database root (objid 1), multiple extent, owns pages 1..cpgDb
 *   2, 3     its OE / AE
 *   4        MSysObjects root (objid 2), owns 4..23;  5, 6 its OE / AE
 *   7..9     MSysObjects "Name" index (objid 4) root, OE, AE
 *   10..12   MSysObjects "RootObjects" index (objid 5) root, OE, AE
 *   13..     MSysObjects leaves when the catalog does not fit on its root page; the rest of 13..23 free
 *   24       MSysObjectsShadow root (objid 3); 25, 26 OE / AE; 27.. its leaves; owns max(5, 3 + leaves)
 *   then     each user table (objids 6, 7, ...): root FDP, single extent, then its leaves when its records
 *            do not fit on the root
 *   rest     free (all-zero pages, listed in the database root's AE)
 * Invariants of the result: every used page carries its tree's objid, a non-zero dbtime no greater than
 * the header's, exact sibling links, consistent cbFree/ibMicFree/itagState, flags 0x800|0x2000 and a
 * valid XE checksum; unused pages are all zero; every tree's keys are strictly ascending. */
#ifndef ESENT_STORAGE_DBIMAGE_H
#define ESENT_STORAGE_DBIMAGE_H

#include "api/api.h"

/* Where a user column's values live in the record (its fid class, §5.1). */
typedef enum esent_dbimage_colkind {
    ESENT_DBIMAGE_FIXED = 0,    /* fids 1..127 */
    ESENT_DBIMAGE_VARIABLE = 1, /* fids 128..255 */
    ESENT_DBIMAGE_TAGGED = 2    /* fids 256.. */
} esent_dbimage_colkind;

typedef struct esent_dbimage_column {
    const char *name;           /* ASCII, 1..64 bytes */
    JET_COLTYP coltyp;          /* JET_coltypBit .. JET_coltypUnsignedShort (1..17, not 13 SLV) */
    uint32_t cbMax;             /* fixed: 0 = the type's size (Text/Binary: required); variable: 0 = 255 */
    esent_dbimage_colkind kind; /* fids are given in column order, contiguous within each class */
    uint32_t cp;                /* Text/LongText code page: 0 = 1252; 1252 or 1200 */
} esent_dbimage_column;

/* One column value of one row, already in its record form (little-endian numbers, raw text bytes).
 * pv == NULL: the column is NULL in that row. */
typedef struct esent_dbimage_value {
    const void *pv;
    uint32_t cb;
} esent_dbimage_value;

/* A sequential table (no primary index): row i gets the record key DBK i+1 (4 bytes big-endian). */
typedef struct esent_dbimage_table {
    const char *name;                    /* ASCII, 1..64 bytes, not MSysObjects(Shadow), unique */
    const esent_dbimage_column *columns;
    uint32_t ccolumns;                   /* 0..64 */
    const esent_dbimage_value *rows;     /* crows * ccolumns values, row-major */
    uint32_t crows;
} esent_dbimage_table;

typedef struct esent_dbimage_options {
    uint32_t cb_page;            /* 4096, 8192, 16384 or 32768 */
    uint32_t cpg_db;             /* database pages after the two header pages; 0 = just the pages used */
    uint32_t sign_db_random;     /* signDb.ulRandom */
    uint32_t sign_log_random;    /* signLog.ulRandom */
    JET_LOGTIME logtime_create;  /* creation time of both signatures */
    const esent_dbimage_table *tables;
    uint32_t ctables;            /* 0..16 */
} esent_dbimage_options;

/* Fewest database pages an image without user tables uses (pages 1..28). */
#define ESENT_DBIMAGE_CPG_SYSTEM 28u
/* Largest image accepted (pages after the headers). */
#define ESENT_DBIMAGE_CPG_MOST   0x40000u

/* Builds the image: *out = malloc'ed (2 + cpg) * cb_page bytes, *cb_out its size.
 * Errors (*out = NULL, *cb_out = 0):
 *   JET_errInvalidParameter   NULL pointers, a page size other than 4/8/16/32 KiB, cpg_db above
 *                             ESENT_DBIMAGE_CPG_MOST, a bad table/column description (name, type, size,
 *                             too many, duplicate name), a fixed value of the wrong size
 *   JET_errOutOfDatabaseSpace cpg_db non-zero but smaller than the pages the image needs
 *   JET_errRecordTooBig       a row (or a catalog row) does not fit in a page
 *   JET_errFeatureNotAvailable the content needs what this builder does not do yet: a catalog larger than
 *                             MSysObjects' 11 spare pages, a catalog index larger than one page, a user table
 *                             of more than 32 pages
 *   JET_errOutOfMemory */
JET_ERR esent_dbimage_build(const esent_dbimage_options *opt, uint8_t **out, size_t *cb_out);

#endif
