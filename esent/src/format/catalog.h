/* Catalog rows (MSysObjects / MSysObjectsShadow, ese-format.md §4): the catalog's own hard-coded
 * column layout, and the decoding/encoding of its rows through the record module.
 * A decoded row points into the caller's record bytes (zero-copy); it stays valid while they do.
 * The meaning of the shared fixed columns depends on the row type (see esent_cat_row). */
#ifndef ESENT_FORMAT_CATALOG_H
#define ESENT_FORMAT_CATALOG_H

#include "format/record.h"

/* Row types (SYSOBJ, ENG cat.hxx:26-35); the key order Table < Column < Index < LV < Callback matters. */
#define ESENT_CAT_TYPE_TABLE     1u
#define ESENT_CAT_TYPE_COLUMN    2u
#define ESENT_CAT_TYPE_INDEX     3u
#define ESENT_CAT_TYPE_LONGVALUE 4u
#define ESENT_CAT_TYPE_CALLBACK  5u

/* Catalog column ids (ENG cat.hxx:48-130, _cat.cxx:83-168). */
enum {
    ESENT_CAT_FID_OBJID_TABLE = 1, ESENT_CAT_FID_TYPE, ESENT_CAT_FID_ID, ESENT_CAT_FID_COLTYP_OR_PGNOFDP,
    ESENT_CAT_FID_SPACE_USAGE, ESENT_CAT_FID_FLAGS, ESENT_CAT_FID_PAGES_OR_LOCALE, ESENT_CAT_FID_ROOT_FLAG,
    ESENT_CAT_FID_RECORD_OFFSET, ESENT_CAT_FID_LCMAP_FLAGS, ESENT_CAT_FID_KEY_MOST, ESENT_CAT_FID_LV_CHUNK_MAX,
    ESENT_CAT_FID_PGNOFDP_LAST_SET_TIME,
    ESENT_CAT_FID_NAME = 128, ESENT_CAT_FID_STATS, ESENT_CAT_FID_TEMPLATE_TABLE, ESENT_CAT_FID_DEFAULT_VALUE,
    ESENT_CAT_FID_KEY_FLD_IDS, ESENT_CAT_FID_VAR_SEG_MAC, ESENT_CAT_FID_CONDITIONAL_COLUMNS,
    ESENT_CAT_FID_TUPLE_LIMITS, ESENT_CAT_FID_VERSION, ESENT_CAT_FID_SORT_ID,
    ESENT_CAT_FID_CALLBACK_DATA = 256, ESENT_CAT_FID_CALLBACK_DEPENDENCIES, ESENT_CAT_FID_SEPARATE_LV,
    ESENT_CAT_FID_SPACE_HINTS, ESENT_CAT_FID_SPACE_DEFERRED_LV_HINTS, ESENT_CAT_FID_LOCALE_NAME
};
#define ESENT_CAT_FIXED_LAST    13u
#define ESENT_CAT_VAR_LAST      137u
#define ESENT_CAT_TAGGED_LAST   261u

/* Fixed well-known objects (§3.2). */
#define ESENT_CAT_PGNO_MSO        4u
#define ESENT_CAT_PGNO_MSO_SHADOW 24u
#define ESENT_CAT_OBJID_MSO       2u
#define ESENT_CAT_OBJID_MSO_SHADOW 3u

/* One catalog column: name, and its record description (coltyp, size, FIELDFLAG). */
typedef struct esent_cat_coldef {
    const char *name;
    esent_rec_column col;
} esent_cat_coldef;

/* The catalog's own 29 columns, sorted by fid. */
extern const esent_cat_coldef esent_cat_coldefs[];
extern const size_t esent_cat_ccoldefs;

/* Record layout of MSysObjects rows for a database page size. */
JET_ERR esent_cat_layout(esent_rec_layout *layout, esent_rec_column *columns /* esent_cat_ccoldefs entries */,
                         uint32_t cbPage);

/* A variable or tagged catalog value: present (non-NULL) or not; separated = stored in the LV tree. */
typedef struct esent_cat_blob {
    const uint8_t *pb;
    uint32_t cb;
    uint8_t  fPresent;
    uint8_t  fSeparated;     /* then pb/cb are the LID bytes and lid is set */
    uint64_t lid;
} esent_cat_blob;

/* One MSysObjects row. fixedPresent bit (fid-1) = fixed column fid is stored and non-NULL; absent
 * fixed fields read as 0. Field meanings per type (§4.2):
 *   Table:    id = objidTable = table objid; coltypOrPgnoFDP = pgnoFDP; spaceUsage = density;
 *             flags = JET_bitObject* / table grbit; pagesOrLocale = initial pages; rootFlag = 0xFF;
 *             templateTable; lvChunkMax; separateLV, spaceHints, spaceDeferredLVHints.
 *   Column:   id = fid; coltypOrPgnoFDP = JET_coltyp; spaceUsage = cbMax; flags = FIELDFLAG;
 *             pagesOrLocale = codepage; recordOffset (fixed columns); defaultValue; callbackData (user-defined default).
 *   Index:    id = index objid (= table objid for the primary index); coltypOrPgnoFDP = pgnoFDP;
 *             spaceUsage = density; flags = IDBFLAG (low u16) | IDXFLAG << 16; pagesOrLocale = LCID;
 *             lcmapFlags; keyMost; keyFldIDs; varSegMac; conditionalColumns; tupleLimits; version; sortID; localeName.
 *   LongValue: id = LV objid; coltypOrPgnoFDP = pgnoFDP; spaceUsage = density; pagesOrLocale = pages.
 *   Callback: id; coltypOrPgnoFDP = callback type; templateTable = callback name; callbackData. */
typedef struct esent_cat_row {
    uint32_t fixedPresent;
    uint32_t objidTable;
    uint16_t type;
    uint32_t id;
    uint32_t coltypOrPgnoFDP;
    uint32_t spaceUsage;
    uint32_t flags;
    uint32_t pagesOrLocale;
    uint8_t  rootFlag;
    uint16_t recordOffset;
    uint32_t lcmapFlags;
    uint16_t keyMost;
    uint32_t lvChunkMax;
    uint64_t pgnoFDPLastSetTime;
    esent_cat_blob name, stats, templateTable, defaultValue, keyFldIDs, varSegMac, conditionalColumns,
                   tupleLimits, version, sortID;
    esent_cat_blob callbackData, callbackDependencies, separateLV, spaceHints, spaceDeferredLVHints, localeName;
} esent_cat_row;

#define ESENT_CAT_PRESENT(fid) (1u << ((fid) - 1))

/* Decodes one catalog record. JET_errDatabaseCorrupted for a malformed record; JET_errCatalogCorrupted
 * when a NotNULL column (ObjidTable, Type, Id, ColtypOrPgnoFDP, SpaceUsage, Flags, PagesOrLocale,
 * Name) is missing, or a multi-valued entry appears in a catalog column. */
JET_ERR esent_cat_decode(const uint8_t *pb, size_t cb, const esent_rec_layout *layout, esent_cat_row *row);

/* Encodes a row as the engine does: fixed columns up to the highest present one (absent ones NULL),
 * non-NULL variable/tagged blobs; *pcb = record size. Errors as esent_rec_encode. */
JET_ERR esent_cat_encode(const esent_cat_row *row, const esent_rec_layout *layout, uint8_t *out, size_t cbOut,
                         size_t *pcb);

/* Copies the Name (bytes, NUL-terminated, truncated to cchOut-1); returns its stored length. */
size_t esent_cat_name(const esent_cat_row *row, char *out, size_t cchOut);
/* Sets a blob to bytes in memory (fPresent = 1). */
esent_cat_blob esent_cat_blob_of(const void *pv, uint32_t cb);

/* Index key segment (LE_IDXSEG, ENG daedef.hxx:710-790). */
#define ESENT_IDXSEG_TEMPLATE_COLUMN 0x80u
#define ESENT_IDXSEG_DESCENDING      0x40u
#define ESENT_IDXSEG_MUST_BE_NULL    0x20u
#define ESENT_IDXFLAG_EXTENDED_COLUMNS 0x0001u   /* high u16 of an index row's Flags */
typedef struct esent_cat_idxseg {
    uint8_t  flags;
    uint16_t fid;
} esent_cat_idxseg;

/* Decodes KeyFldIDs: 4-byte LE_IDXSEG entries when the row's IDXFLAG has ExtendedColumns, else
 * legacy 2-byte signed fids (negative = descending). JET_errCatalogCorrupted on a bad size or count > cmax. */
JET_ERR esent_cat_key_segments(const esent_cat_row *row, esent_cat_idxseg *segs, uint32_t cmax, uint32_t *pcsegs);
/* Writes csegs 4-byte LE_IDXSEG entries into out (4*csegs bytes). */
void esent_cat_key_segments_encode(const esent_cat_idxseg *segs, uint32_t csegs, uint8_t *out);

/* The record-layout description of a Column row (fid, coltyp, cbMax, FIELDFLAG). */
void esent_cat_row_to_column(const esent_cat_row *row, esent_rec_column *col);

#endif
