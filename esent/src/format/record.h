/* Data records (ese-format.md §5) and long-value tree keys/roots (§6): the one module that knows
 * their bytes. Pure functions over caller buffers: no I/O, no pages, no allocation.
 *
 * Record layout (little-endian):
 *   u8 fidFixedLast | u8 fidVarLast | u16 ibEndOfFixedData
 *   fixed data of fids 1..fidFixedLast | fixed NULL bitmap (bit fid-1 set = NULL; unused bits 1)
 *   u16 var end offsets for fids 128..fidVarLast (bit 15 = NULL) | var data
 *   tagged area: TAGFLD[] {u16 fid, u16 ib} sorted, then the tagged values, to the end of the record.
 *
 * A decoded record (esent_rec) is fully validated by esent_rec_parse: once it succeeds, every
 * accessor only reads inside the record, and malformed input yields JET_errDatabaseCorrupted
 * instead of any out-of-bounds read. Values point into the caller's record bytes (zero-copy).
 * NULL and zero-length differ everywhere: a NULL value has ESENT_RECV_NULL, a zero-length one not. */
#ifndef ESENT_FORMAT_RECORD_H
#define ESENT_FORMAT_RECORD_H

#include "api/api.h"
#include "format/bytes.h"

#include <string.h>

/* Column id (fid) classes, §5.1. Template columns carry bit 31 in a JET_COLUMNID, never in a record. */
#define ESENT_FID_FIXED_FIRST   1u
#define ESENT_FID_FIXED_MOST    127u
#define ESENT_FID_VAR_FIRST     128u
#define ESENT_FID_VAR_MOST      255u
#define ESENT_FID_TAGGED_FIRST  256u
#define ESENT_FID_TAGGED_MOST   0xFFFEu

#define ESENT_REC_HEADER_SIZE   4u
#define ESENT_REC_SMALL_PAGE_MAX 8192u  /* cbPage <= this: "small page" record formats */

/* FIELDFLAG bits stored in the catalog's Flags for column rows (ENG tdb.hxx:175-189). */
#define ESENT_FFIELD_NOT_NULL          0x0001u
#define ESENT_FFIELD_VERSION           0x0002u
#define ESENT_FFIELD_AUTOINCREMENT     0x0004u
#define ESENT_FFIELD_MULTIVALUED       0x0008u
#define ESENT_FFIELD_DEFAULT           0x0010u
#define ESENT_FFIELD_ESCROW_UPDATE     0x0020u
#define ESENT_FFIELD_FINALIZE          0x0040u
#define ESENT_FFIELD_USER_DEFINED_DEFAULT 0x0080u
#define ESENT_FFIELD_TEMPLATE_COLUMN_ESE98 0x0100u
#define ESENT_FFIELD_DELETE_ON_ZERO    0x0200u
#define ESENT_FFIELD_PRIMARY_INDEX_PLACEHOLDER 0x0800u
#define ESENT_FFIELD_COMPRESSED        0x1000u
#define ESENT_FFIELD_ENCRYPTED         0x2000u

/* Value flags, both decoded (esent_rec_value.flags) and given to the encoder (esent_rec_field.flags). */
#define ESENT_RECV_NULL        0x01u  /* NULL; for a tagged column: an explicit NULL entry (overrides a default) */
#define ESENT_RECV_SEPARATED   0x02u  /* value is a LID (esent_rec_value.lid); the data is in the LV tree */
#define ESENT_RECV_COMPRESSED  0x04u  /* intrinsic bytes are compressed (§5.3); only itagSequence 1 of an MV */
#define ESENT_RECV_ENCRYPTED   0x08u
#define ESENT_RECV_LONGVALUE   0x10u  /* tagged: the column is LongText/LongBinary (TAGFLD_HEADER fLongValue) */
#define ESENT_RECV_DERIVED     0x20u  /* tagged: TAGFLD fDerived (template column in a derived table) */

/* TAGFLD_HEADER bits (ENG tagfld.hxx:46-53). */
#define ESENT_TAGHDR_LONG_VALUE 0x01u
#define ESENT_TAGHDR_COMPRESSED 0x02u
#define ESENT_TAGHDR_SEPARATED  0x04u
#define ESENT_TAGHDR_MULTI      0x08u
#define ESENT_TAGHDR_TWO        0x10u
#define ESENT_TAGHDR_NULL       0x20u
#define ESENT_TAGHDR_ENCRYPTED  0x40u

/* One column of a table, as the catalog describes it. */
typedef struct esent_rec_column {
    uint32_t columnid;  /* fid in the low 16 bits; bit 31 (template) is ignored */
    uint32_t coltyp;    /* JET_coltyp* */
    uint32_t cbMax;     /* fixed columns: bytes in the record (0 = the coltyp's natural size) */
    uint32_t ffield;    /* ESENT_FFIELD_* */
} esent_rec_column;

/* What the record code needs to know about a table. Fixed fids are contiguous 1..fidFixedLast. */
typedef struct esent_rec_layout {
    uint8_t  fidFixedLast;      /* 0 when the table has no fixed column */
    uint8_t  fidVarLast;        /* 127 when it has no variable column */
    uint16_t fidTaggedLast;     /* 255 when it has no tagged column */
    uint8_t  fLargePage;        /* cbPage > 8192: TAGFLD format of large pages */
    uint16_t ibFixed[ESENT_FID_FIXED_MOST + 2]; /* ibFixed[f] = record offset of fixed fid f; [last+1] = end */
    const esent_rec_column *columns;  /* sorted by fid; kept by reference */
    size_t ccolumns;
} esent_rec_layout;

/* Natural size of a fixed-size coltyp; 0 for Text/Binary/Long* (caller gives cbMax) and unknown types. */
uint32_t esent_coltyp_fixed_size(uint32_t coltyp);
/* 1 for LongText/LongBinary (values carry fLongValue). */
int esent_coltyp_is_long(uint32_t coltyp);

/* Builds a layout from columns sorted by fid (kept by reference). JET_errInvalidParameter when ids
 * are unsorted/duplicated/out of range, a fixed fid is missing below the highest one, a fixed
 * column has no size, or the fixed area would exceed the u16 offset range. */
JET_ERR esent_rec_layout_init(esent_rec_layout *layout, const esent_rec_column *columns, size_t ccolumns,
                              uint32_t cbPage);
/* The column with this fid, or NULL. */
const esent_rec_column *esent_rec_layout_find(const esent_rec_layout *layout, uint32_t fid);

/* ---- decoding ---- */

/* A validated record: offsets of its parts, all inside [0, cb). */
typedef struct esent_rec {
    const uint8_t *pb;
    size_t   cb;
    const esent_rec_layout *layout;
    uint32_t fidFixedLast;   /* as stored in the record (may be below the table's) */
    uint32_t fidVarLast;
    size_t   ibNullBitmap;   /* start of the fixed NULL bitmap */
    size_t   ibVarOffsets;   /* = ibEndOfFixedData */
    size_t   ibVarData;
    size_t   ibTagged;       /* start of the TAGFLD array; == cb when there are no tagged columns */
    uint32_t ctagfld;
} esent_rec;

/* One value. pb/cb: the bytes (for a separated value: the LID bytes, 4 or 8); lid is set for separated values. */
typedef struct esent_rec_value {
    const uint8_t *pb;
    uint32_t cb;
    uint32_t flags;          /* ESENT_RECV_* */
    uint64_t lid;
} esent_rec_value;

/* One tagged column present in the record (TAGFLD). */
typedef struct esent_rec_tagged {
    uint32_t fid;
    uint32_t flags;          /* ESENT_RECV_DERIVED, ESENT_RECV_NULL (explicit NULL), ESENT_RECV_LONGVALUE */
    uint32_t cvalues;        /* number of instances (0 for an explicit NULL) */
    uint8_t  fHasHeader;     /* the entry starts with a TAGFLD_HEADER byte (extended info) */
    uint8_t  header;         /* that byte, 0 when absent */
    const uint8_t *pb;       /* the entry's bytes (header included) */
    uint32_t cb;
} esent_rec_tagged;

/* Validates the whole record against the layout. JET_errDatabaseCorrupted for any malformed or
 * inconsistent byte; never reads outside [pb, pb+cb). rec->pb points at the caller's bytes.
 * Strict on the fixed area: fidFixedLast must be a fixed column of the layout and ibEndOfFixedData
 * must equal the layout's end of that column plus the NULL bitmap. */
JET_ERR esent_rec_parse(const uint8_t *pb, size_t cb, const esent_rec_layout *layout, esent_rec *rec);

/* Variable-column offset entries (§5.2): end offset of the value, and the NULL bit. */
#define ESENT_REC_VAROFF_NULL 0x8000u
#define ESENT_REC_VAROFF_MASK 0x7FFFu

/* Fixed (1..127) or variable (128..255) column. Returns 1 and fills *val when the column is stored
 * in the record (possibly NULL, see flags), 0 when the record stops before it (the column is NULL or
 * takes the table default — the caller decides). JET_errBadColumnId for a fid of another class. *val is
 * zeroed first whatever the result.
 * Inline: every JetRetrieveColumn of such a column comes here. rec was validated by esent_rec_parse,
 * so every offset read stays inside it. */
static inline int esent_rec_get_fixed(const esent_rec *rec, uint32_t fid, esent_rec_value *val)
{
    memset(val, 0, sizeof *val);
    if (fid < ESENT_FID_FIXED_FIRST || fid > ESENT_FID_FIXED_MOST)
        return JET_errBadColumnId;
    if (fid > rec->fidFixedLast)
        return 0;
    const esent_rec_layout *l = rec->layout;
    uint32_t ib = l->ibFixed[fid], ibNext = l->ibFixed[fid + 1];
    val->pb = rec->pb + ib;
    val->cb = ibNext - ib;
    if (rec->pb[rec->ibNullBitmap + (fid - 1) / 8] & (1u << ((fid - 1) % 8)))
        val->flags = ESENT_RECV_NULL, val->cb = 0;
    return 1;
}

static inline int esent_rec_get_var(const esent_rec *rec, uint32_t fid, esent_rec_value *val)
{
    memset(val, 0, sizeof *val);
    if (fid < ESENT_FID_VAR_FIRST || fid > ESENT_FID_VAR_MOST)
        return JET_errBadColumnId;
    if (fid > rec->fidVarLast)
        return 0;
    uint32_t k = fid - ESENT_FID_VAR_FIRST;
    const uint8_t *offs = rec->pb + rec->ibVarOffsets;
    uint16_t raw = esent_rd16(offs + 2 * k);
    uint32_t start = k ? (uint32_t)(esent_rd16(offs + 2 * (k - 1)) & ESENT_REC_VAROFF_MASK) : 0u;
    val->pb = rec->pb + rec->ibVarData + start;
    if (raw & ESENT_REC_VAROFF_NULL)
        val->flags = ESENT_RECV_NULL;
    else
        val->cb = (raw & ESENT_REC_VAROFF_MASK) - start;
    return 1;
}

/* i-th TAGFLD (0 <= i < ctagfld), in record order. */
void esent_rec_tagged_at(const esent_rec *rec, uint32_t i, esent_rec_tagged *out);
/* Index of the TAGFLD for (fid, derived), or -1. */
int esent_rec_find_tagged(const esent_rec *rec, uint32_t fid, int derived);
/* Instance itagSequence (1-based) of a tagged entry. 0 when it does not exist. */
int esent_rec_tagged_value(const esent_rec_tagged *tag, uint32_t itagSequence, esent_rec_value *val);

/* ---- encoding ---- */

/* One value to store. Fixed/variable columns: at most one entry each (ESENT_RECV_NULL = as absent).
 * Tagged columns: the instances in itagSequence order (entries with the same fid keep their
 * relative order); a lone ESENT_RECV_NULL entry writes an explicit NULL TAGFLD. Separated values
 * give lid (4 bytes written for a LID32, 8 for a LID64 — bit 63 set). */
typedef struct esent_rec_field {
    uint32_t fid;
    uint32_t flags;          /* ESENT_RECV_* */
    const void *pv;
    uint32_t cb;
    uint64_t lid;
} esent_rec_field;

/* Builds the record the engine would write: fixed columns up to the highest non-NULL one (NULL
 * ones zero-filled, bitmap bit set), variable offsets up to the highest non-NULL one, tagged
 * columns sorted (derived first, then by fid) with single/TWOVALUES/MULTIVALUES forms.
 * *pcbActual = the record size. JET_errRecordTooBig when it exceeds cbOut or a format offset limit;
 * JET_errInvalidParameter / JET_errBadColumnId for inconsistent input (unknown fixed fid, wrong
 * fixed size, duplicate fixed/var entry, invalid LID, compressed instance other than the first). */
JET_ERR esent_rec_encode(const esent_rec_layout *layout, const esent_rec_field *fields, size_t cfields,
                         uint8_t *out, size_t cbOut, size_t *pcbActual);

/* ---- long values (§6) ---- */

#define ESENT_LID32_MAX   0x7FFFFFFFull
#define ESENT_LID64_FLAG  0x8000000000000000ull
#define ESENT_LID64_MAX   0x80FFFFFFFFFFFFFFull

/* LID32: 1..0x7FFFFFFF; LID64: bit 63 set, 0x8000000000000001..0x80FFFFFFFFFFFFFF. */
int esent_lid_valid(uint64_t lid);
/* Bytes of this LID in a record and in an LV root key: 4 or 8. */
uint32_t esent_lid_size(uint64_t lid);
/* LID from a record's separated value (4 bytes: bit 31 clear; 8 bytes: bit 63 set). JET_errDatabaseCorrupted otherwise. */
JET_ERR esent_lid_decode(const uint8_t *pb, size_t cb, uint64_t *lid);
/* Writes the LID little-endian (record form); returns its size. out holds 8 bytes. */
uint32_t esent_lid_encode(uint64_t lid, uint8_t *out);

/* LV tree keys (big-endian): root = LID (4 or 8 bytes), chunk = LID ++ u32 offset (8 or 12 bytes).
 * out holds 12 bytes; the key size is returned. */
uint32_t esent_lv_root_key(uint64_t lid, uint8_t *out);
uint32_t esent_lv_chunk_key(uint64_t lid, uint32_t ibOffset, uint8_t *out);
/* Decodes an LV tree key: 4 = LID32 root, 8 = LID64 root (bit 63) or LID32 chunk, 12 = LID64 chunk.
 * *fRoot = 1 for a root key (then *ibOffset = 0). JET_errLVCorrupted for any other shape. */
JET_ERR esent_lv_key_decode(const uint8_t *pb, size_t cb, uint64_t *lid, int *fRoot, uint32_t *ibOffset);

/* LVROOT {u32 ulReference, u32 ulSize} (8 bytes), or LVROOT2 with a flags byte (9 bytes, only for encrypted LVs). */
typedef struct esent_lvroot {
    uint32_t ulReference;
    uint32_t ulSize;
    int      fHasFlags;   /* LVROOT2 */
    uint8_t  bFlags;      /* 0x01 encrypted */
} esent_lvroot;
#define ESENT_LVROOT_SIZE  8u
#define ESENT_LVROOT2_SIZE 9u
#define ESENT_LVROOT_FENCRYPTED 0x01u

JET_ERR esent_lvroot_decode(const uint8_t *pb, size_t cb, esent_lvroot *root);  /* JET_errLVCorrupted on a bad size */
uint32_t esent_lvroot_encode(const esent_lvroot *root, uint8_t *out);          /* out holds 9 bytes; returns 8 or 9 */
/* Default LV chunk size for a page size (§6): 4014 (4 KiB), 8110 (8 KiB), 4050 (16 KiB), 8150 (32 KiB); 0 otherwise. */
uint32_t esent_lv_chunk_size(uint32_t cbPage);

#endif
