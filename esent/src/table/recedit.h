/* Column values of a record: the semantics behind JetSetColumn(s), JetRetrieveColumn(s),
 * JetEnumerateColumns, JetGetRecordSize(2), JetEscrowUpdate's arithmetic and the auto-increment and
 * version columns, as pure functions over record bytes (format/record.h encodes and decodes them).
 * No B-tree, no cursor, no transaction: the caller (the cursor layer) owns those.
 *
 * Objects:
 *   esent_tabledef  a table's columns, and the record layout built from them;
 *   esent_recbuf    the update buffer ("copy buffer") of JetPrepareUpdate: decoded, editable values;
 *   esent_recview   where a retrieval reads: the current record's bytes and/or the update buffer;
 *   esent_lvstore   the long-value tree, through callbacks (separated LongText/LongBinary values).
 *
 * Value model (what a retrieval sees):
 *   - fixed (fid 1..127) and variable (128..255) columns hold NULL or one value; a column the record
 *     stops before takes the column's default value, or NULL when it has none;
 *   - tagged columns (256..) hold 0..n instances, itagSequence 1..n; a column absent from the record
 *     takes its default (one instance); an explicit-NULL entry overrides the default. Every tagged
 *     column may hold several instances (JET_SETINFO docs: JET_bitColumnMultiValued only changes
 *     indexing). Setting NULL on an instance deletes it, later instances move down by one;
 *   - LongText/LongBinary columns are tagged; a value stays in the record up to cb_lv_intrinsic_max
 *     bytes (1023) while the record fits, otherwise it is separated into the LV store and the record
 *     keeps its LID. JetSetColumn bursts the largest intrinsic long values (> 5 bytes) to the store
 *     when a record would exceed cb_record_max, and fails with JET_errRecordTooBig only when that is
 *     not enough (JetSetColumn docs, Remarks);
 *   - a column's default value exists when cb_default > 0 (ESENT never has a NULL or zero-length
 *     default). User-defined defaults (callback-computed) are not values here: such columns read as
 *     NULL when absent; the cursor layer calls the callback if it supports them.
 *
 * Every function validates its arguments and never reads outside the buffers it is given: record
 * bytes are validated by esent_rec_parse (JET_errDatabaseCorrupted), LV store errors are returned
 * as the store reports them. Compression is not performed (JET_bitSetCompressed is accepted and
 * stores the value uncompressed); an intrinsic value that a real ESENT stored compressed (7-bit,
 * XPRESS or LZ4, format/compress.h) reads uncompressed everywhere (sizes included) and is kept as
 * stored until it is changed; Xpress9/Xpress10/scrubbed data gives JET_errFeatureNotAvailable, damaged
 * data JET_errDecompressionFailed; an encrypted value gives JET_errColumnNoEncryptionKey. */
#ifndef ESENT_TABLE_RECEDIT_H
#define ESENT_TABLE_RECEDIT_H

#include "api/api.h"
#include "format/record.h"

/* ---- table definition -------------------------------------------------------------------------- */

#define ESENT_COLUMNID_TEMPLATE      0x80000000u  /* JET_COLUMNID bit of a template-table column */
#define ESENT_LV_INTRINSIC_MOST      1023u        /* cbLVIntrinsicMost: default cb_lv_intrinsic_max */
#define ESENT_LV_FORCE_INTRINSIC_MOST 1024u       /* JET_bitSetIntrinsicLV refuses more (JetSetColumn docs) */
#define ESENT_LV_SEPARATE_MIN        5u           /* JET_bitSetSeparateLV ignores values of <= 4 bytes;
                                                     bursting only moves values of more than 5 bytes */
#define ESENT_RECORD_PAGE_OVERHEAD   82u          /* default cb_record_max = cb_page - this (8110 at 8 KiB) */

/* JetRetrieveColumn option the docs list ("for internal use only") but this esent.h does not declare. */
#ifndef JET_bitRetrieveLongId
#define JET_bitRetrieveLongId        0x00000040u
#endif

/* One column, as the catalog describes it (field names as in storage/schema.h). */
typedef struct esent_coldef {
    JET_COLUMNID columnid;        /* fid in bits 0-15; ESENT_COLUMNID_TEMPLATE for a template column */
    JET_COLTYP coltyp;            /* JET_coltypBit .. JET_coltypUnsignedLongLong (not Nil, not SLV) */
    uint32_t cbMax;               /* fixed columns: bytes in the record (0 = the coltyp's size; Text/
                                     Binary need 1..255); other columns: longest value, 0 = no limit
                                     but the type's (255 for Text/Binary, 0x7FFFFFFF for long values) */
    uint32_t ffield;              /* ESENT_FFIELD_* (record.h) */
    uint32_t codepage;            /* Text/LongText: 1200 = UTF-16LE, else single-byte */
    const uint8_t *default_value; /* kept by reference; NULL when cb_default is 0 */
    uint32_t cb_default;          /* 0 = no default; fixed columns and fixed-size types: exactly the
                                     column's size */
} esent_coldef;

typedef struct esent_tabledef {
    const esent_coldef *cols;     /* by reference, sorted by fid, fids unique */
    uint32_t ccols;
    uint32_t cb_page;
    uint32_t cb_record_max;       /* largest record in bytes; init: cb_page - 82 (caller may lower) */
    uint32_t cb_lv_intrinsic_max; /* long values up to this many bytes stay in the record; init: 1023 */
    esent_rec_layout layout;      /* built from cols */
    esent_rec_column *rec_cols;   /* owned: the layout's column array */
    uint32_t *order;              /* owned: indexes into cols in ascending JET_COLUMNID order */
    int32_t iautoinc;             /* index of the auto-increment column, -1 when none */
    int32_t iversion;             /* index of the version column, -1 when none */
    uint8_t ci_by_fid[ESENT_FID_VAR_MOST + 1]; /* fixed and variable columns: 1 + index in cols of fid, 0 when
                                     none (cols is sorted by fid, so such an index is below 255) */
} esent_tabledef;

/* Validates the columns and builds the layout. Errors: JET_errInvalidParameter (NULL pointers,
 * unsorted/duplicate fids, columnid bits 16-30 set, page size other than 2/4/8/16/32 KiB, a fixed
 * column without a size or with a size other than its type's, a long-value column that is not tagged,
 * a default whose size does not fit the column, version/auto-increment/escrow on a column of another
 * type or class), JET_errInvalidColumnType (Nil, SLV or unknown coltyp),
 * JET_errMultiValuedColumnMustBeTagged (multi-valued fixed/variable column), JET_errColumnRedundant
 * (a second auto-increment or version column), JET_errDefaultValueTooBig (default longer than cbMax),
 * JET_errOutOfMemory. On failure nothing needs to be cleaned up. */
JET_ERR esent_tabledef_init(esent_tabledef *td, const esent_coldef *cols, uint32_t ccols, uint32_t cb_page);
void esent_tabledef_cleanup(esent_tabledef *td);

/* ---- long-value store -------------------------------------------------------------------------- */

/* The LV tree of the table, implemented by the storage layer (tests: in memory). Every LV has a
 * reference count: each record (or update buffer) that holds its LID holds one reference. LV sizes
 * are at most JET_cbLVColumnMost. Every callback returns JET_errSuccess or an error (< 0), and
 * JET_errLVCorrupted for a LID it does not know. A callback that fails must leave the LV unchanged. */
typedef struct esent_lvstore {
    void *ctx;
    int lid64;                    /* 1: create/copy return LID64s (8 bytes in the record), 0: LID32s */
    /* Copies min(cb, size - ib) bytes from offset ib (none when ib >= size) into pv (may be NULL when
     * cb is 0); *pcb_read = bytes copied, *pcb_total = the LV's size. */
    JET_ERR (*read)(void *ctx, uint64_t lid, uint32_t ib, void *pv, uint32_t cb, uint32_t *pcb_read,
                    uint32_t *pcb_total);
    /* A new LV holding cb bytes (pv may be NULL when cb is 0), reference count 1. */
    JET_ERR (*create)(void *ctx, const void *pv, uint32_t cb, uint64_t *plid);
    /* A new LV with the same bytes as lid, reference count 1 (copy-on-write of a shared LV). */
    JET_ERR (*copy)(void *ctx, uint64_t lid, uint64_t *plid);
    /* Writes cb bytes at ib (ib <= size); the size becomes max(size, ib + cb). */
    JET_ERR (*write)(void *ctx, uint64_t lid, uint32_t ib, const void *pv, uint32_t cb);
    /* Truncates, or extends with zero bytes, to cb bytes. */
    JET_ERR (*set_size)(void *ctx, uint64_t lid, uint32_t cb);
    JET_ERR (*addref)(void *ctx, uint64_t lid);
    /* Drops one reference; the LV is deleted when none is left. */
    JET_ERR (*release)(void *ctx, uint64_t lid);
} esent_lvstore;

/* ---- update buffer ----------------------------------------------------------------------------- */

/* Buffer for a JetEscrowUpdate (not a JetPrepareUpdate kind): the current record, no version bump,
 * only esent_recbuf_escrow_add is meant to change it. */
#define ESENT_PREP_ESCROW 0x45534300u

typedef struct esent_recbuf esent_recbuf;

/* Starts an update of kind prep (JetPrepareUpdate):
 *   JET_prepInsert        rec is ignored; every column starts at its default (fixed and variable
 *                         defaults are stored in the record, tagged ones apply while the column is
 *                         absent); the version column starts at 0;
 *   JET_prepReplace, JET_prepReplaceNoLock   the current record rec; the version column is set to
 *                         the next value (NULL counts as 0, wraps at 2^32);
 *   JET_prepInsertCopy, JET_prepInsertCopyDeleteOriginal, JET_prepInsertCopyReplaceOriginal
 *                         a new record copied from rec (separated LVs are shared, not copied);
 *   ESENT_PREP_ESCROW     see above.
 * The auto-increment column is not set here (esent_recbuf_set_autoinc). Fixed and variable columns
 * that rec stops before take their defaults into the buffer. Separated LVs of rec stay referenced by
 * rec; the buffer copies them on first change (copy-on-write).
 * Errors: JET_errInvalidParameter (NULL td/pbuf, unknown prep), JET_errNoCurrentRecord (rec NULL for
 * a kind that needs it), JET_errDatabaseCorrupted (rec malformed), JET_errOutOfMemory. */
JET_ERR esent_recbuf_create(const esent_tabledef *td, const esent_lvstore *lv, uint32_t prep,
                            const uint8_t *rec, size_t cb_rec, esent_recbuf **pbuf);

/* JetPrepareUpdate(JET_prepCancel) or the end of a finished update: releases the LVs the buffer
 * created and still owns (none after esent_recbuf_finish), frees the buffer. NULL is a no-op. */
void esent_recbuf_free(esent_recbuf *buf);

/* JetSetColumn. pv NULL or cb 0 sets NULL, unless JET_bitSetZeroLength (zero-length value; NULL for
 * a fixed column). psetinfo NULL = itagSequence 1, ibLongValue 0. On failure nothing changed (except
 * that an LV store failure in the middle of changing an LV the buffer itself created may leave that
 * LV partly changed: the caller's transaction rollback covers it). The long-value options, ibLongValue
 * and the unique options have no effect on columns they do not apply to.
 *   JET_errInvalidGrbit        unknown bit; JET_bitSetUnique(Normalized)MultiValues with Append/
 *                              Overwrite/SizeLV (JetSetColumn docs)
 *   JET_errInvalidParameter    psetinfo->cbStruct < sizeof(JET_SETINFO)
 *   JET_errBadColumnId         columnid 0, bits 16-30 set, or fid 0xFFFF
 *   JET_errColumnNotFound      no such column in the table
 *   JET_errBadItagSequence     itagSequence > 1 on a fixed or variable column
 *   JET_errInvalidColumnType   auto-increment column; version column outside an insert; escrow
 *                              column outside an insert (JetSetColumn docs)
 *   JET_errColumnNotUpdatable  long-value column during JET_prepInsertCopyDeleteOriginal
 *   JET_errInvalidBufferSize   a value of a fixed-size type (Bit..GUID, UnsignedShort/LongLong) whose
 *                              size is not the type's
 *   JET_wrnColumnMaxTruncated  a variable or tagged Text/Binary value longer than cbMax (255 when
 *                              cbMax is 0): the first cbMax bytes are stored (JetSetColumn docs)
 *   JET_errColumnTooBig        a fixed Text/Binary value longer than the column, a long value longer
 *                              than cbMax or JET_cbLVColumnMost, more than 1024 bytes with
 *                              JET_bitSetIntrinsicLV
 *   JET_errColumnNoChunk       ibLongValue past the end of the long value (Overwrite/plain set)
 *   JET_errNullInvalid         NULL on a NOT NULL column
 *   JET_errMultiValuedDuplicate / JET_errMultiValuedDuplicateAfterTruncation   with the unique options
 *   JET_errRecordTooBig        the record cannot fit cb_record_max even with long values separated
 *   LV store errors, JET_errOutOfMemory.
 * Long values (LongText/LongBinary): no option = the value becomes the data written at ibLongValue
 * (the old bytes before it kept); JET_bitSetAppendLV appends; JET_bitSetOverwriteLV writes at
 * ibLongValue keeping the rest (extending when it runs past the end); JET_bitSetSizeLV alone sets the
 * size to cb (pv ignored; extends with zeros; 0 = NULL unless JET_bitSetZeroLength), with data it
 * makes ibLongValue + cb the size. JET_bitSetSeparateLV stores the value in the LV store (values over
 * 4 bytes), JET_bitSetIntrinsicLV in the record. JET_bitSetRevertToDefaultValue removes every instance
 * of a tagged column (the default applies again) and gives a fixed/variable column its default.
 * Fixed Text/Binary columns are padded to their size (Binary with 0, Text with spaces: 0x20, or
 * U+0020 for cp 1200); a Bit is stored as 0xFF when non-zero. */
JET_ERR esent_recbuf_set_column(esent_recbuf *buf, JET_COLUMNID columnid, const void *pv, uint32_t cb,
                                JET_GRBIT grbit, const JET_SETINFO *psetinfo);

/* JetSetColumns: each element as esent_recbuf_set_column, its result (warnings too) in err. Stops at
 * the first error and returns it (earlier elements stay set), else JET_errSuccess;
 * JET_errInvalidParameter for rg NULL with c > 0. */
JET_ERR esent_recbuf_set_columns(esent_recbuf *buf, JET_SETCOLUMN *rg, uint32_t c);

/* Stores the auto-increment value the caller allocated (JetPrepareUpdate(JET_prepInsert*)): 4 bytes
 * for a Long column (value truncated to 32 bits), 8 for Currency. JET_errColumnNotFound when the table
 * has none, JET_errInvalidOperation for a replace or escrow buffer. */
JET_ERR esent_recbuf_set_autoinc(esent_recbuf *buf, uint64_t value);

/* JetEscrowUpdate's arithmetic on the buffer's value of an escrow column: value += delta (two's
 * complement, wrapping). pvDelta/cbDelta: the addend, exactly the column's size (4 for Long, 8 for
 * LongLong). pvOld/cbOldMax (0, or at least the column's size) receives the value before the update;
 * *pcbOldActual its size. The value before is the stored one, the default when the column is absent,
 * 0 when NULL. Errors: JET_errInvalidOperation (not an escrow column), JET_errInvalidBufferSize
 * (cbDelta or cbOldMax wrong), JET_errInvalidParameter, JET_errBadColumnId, JET_errColumnNotFound.
 * The caller deletes the record / calls the finalize callback when the new value is 0. */
JET_ERR esent_recbuf_escrow_add(esent_recbuf *buf, JET_COLUMNID columnid, const void *pvDelta, uint32_t cbDelta,
                                void *pvOld, uint32_t cbOldMax, uint32_t *pcbOldActual);

/* JetUpdate's column checks: JET_errNullInvalid when a NOT NULL column is NULL (no value and no
 * default). */
JET_ERR esent_recbuf_check_update(const esent_recbuf *buf);

/* The record bytes of the buffer. *pcb = its size (also when it does not fit). JET_errRecordTooBig
 * when larger than cb_out or than the table's cb_record_max. */
JET_ERR esent_recbuf_encode(const esent_recbuf *buf, uint8_t *out, size_t cb_out, size_t *pcb);

/* After the caller has written the encoded record (insert or replace) successfully: hands the
 * buffer's LV references to the new record. Replace (and InsertCopyDeleteOriginal/ReplaceOriginal,
 * escrow) releases the LVs the old record held that the new one no longer holds; InsertCopy adds a
 * reference to the shared LVs the new record keeps. After it, esent_recbuf_free releases nothing.
 * Returns the store's error (references already changed stay changed); a second call does nothing. */
JET_ERR esent_recbuf_finish(esent_recbuf *buf);

/* ---- retrieval --------------------------------------------------------------------------------- */

typedef struct esent_recview {
    const esent_tabledef *td;
    const esent_lvstore *lv;      /* may be NULL: separated values then fail with JET_errLVCorrupted */
    const uint8_t *rec;           /* the cursor's current record, or NULL */
    size_t cb_rec;
    const esent_recbuf *copy;     /* the prepared update, or NULL */
} esent_recview;

/* The parse of a stored record kept between retrievals (esent_retrieve_column_kept). Valid only for the
 * exact (pb, cb, td, serial, gen) it was made for; pb NULL: holds nothing. Zero-initialised is empty. */
typedef struct esent_recparse {
    const uint8_t *pb;
    size_t cb;
    const esent_tabledef *td;
    uint64_t serial, gen;
    esent_rec rec;
} esent_recparse;

/* Forgets a kept parse. Needed when the tabledef it was made with is rebuilt in place (same address,
 * other layout); a change of the record is caught by its identity (esent_recident) without this. */
static inline void esent_recparse_reset(esent_recparse *p)
{
    p->pb = NULL;
}

/* Where to keep the parse of a view's record, and that record's identity (serial, gen; never both 0).
 * The caller guarantees that the bytes at v->rec are the same whenever (v->rec, v->cb_rec, serial, gen)
 * are, e.g. a B-tree cursor's copy of its entry (storage/btree.h: serial, copy_gen), and resets keep
 * when v->td is rebuilt. */
typedef struct esent_recident {
    esent_recparse *keep;
    uint64_t serial, gen;
} esent_recident;

/* JetRetrieveColumn. The source is v->copy with JET_bitRetrieveCopy when an update is prepared, else
 * v->rec (JET_errNoCurrentRecord when absent). *pcbActual (pcbActual may be NULL) is always set: the
 * value's size (long values: from ibLongValue on), 0 for NULL. pv NULL retrieves nothing (size only).
 *   JET_wrnBufferTruncated     cb smaller than the value; the first cb bytes are copied
 *   JET_wrnColumnNull          the value is NULL (or itagSequence > number of values)
 *   JET_errInvalidGrbit        unknown bit, FromIndex with FromPrimaryBookmark, Tuple without FromIndex
 *   JET_errInvalidParameter    pretinfo->cbStruct < sizeof(JET_RETINFO)
 *   JET_errBadItagSequence     itagSequence 0 (JetRetrieveColumn docs)
 *   JET_errInvalidBufferSize   an escrow column's value with a buffer smaller than the value (docs)
 *   JET_errBadColumnId, JET_errColumnNotFound, JET_errDatabaseCorrupted, LV store errors.
 * columnid 0 treats every tagged column present in the record as one column: itagSequence n is the
 * n-th value in ascending columnid order; pretinfo->columnidNextTagged receives its column (0 when
 * there is none), and with JET_bitRetrieveTag pretinfo->itagSequence its sequence in that column.
 * JET_bitRetrieveIgnoreDefault: a tagged column absent from the record is NULL instead of its default.
 * JET_bitRetrieveNull is accepted (a NULL instance inside a multi-value cannot be stored: setting NULL
 * deletes the instance). JET_bitRetrieveLongId returns a separated value's LID as 8 bytes
 * (little-endian), and JET_wrnColumnNotInRecord (cbActual 0) for a value stored in the record.
 * JET_bitRetrieveFromIndex / FromPrimaryBookmark: the caller tries the index entry first; when it
 * calls here (the value cannot be taken from the key) the record is read, as the docs describe for
 * values the key cannot restore. */
JET_ERR esent_retrieve_column(const esent_recview *v, JET_COLUMNID columnid, void *pv, uint32_t cb,
                              uint32_t *pcbActual, JET_GRBIT grbit, JET_RETINFO *pretinfo);
/* The same, parsing v->rec only when id->keep does not already hold its parse (and keeping the new one
 * there). id NULL: esent_retrieve_column. */
JET_ERR esent_retrieve_column_kept(const esent_recview *v, const esent_recident *id, JET_COLUMNID columnid,
                                   void *pv, uint32_t cb, uint32_t *pcbActual, JET_GRBIT grbit,
                                   JET_RETINFO *pretinfo);

/* JetRetrieveColumns: each element as esent_retrieve_column (err, cbActual, columnidNextTagged set),
 * except that itagSequence 0 returns the number of values of the column in itagSequence (cbActual 0).
 * Returns the first error (< 0) and stops, else JET_wrnBufferTruncated if any value was truncated,
 * else JET_errSuccess; JET_wrnColumnNull only in the element. JET_errInvalidParameter for rg NULL with
 * c > 0. */
JET_ERR esent_retrieve_columns(const esent_recview *v, JET_RETRIEVECOLUMN *rg, uint32_t c);

/* JetEnumerateColumns. Memory comes from pfnRealloc(pvReallocContext, NULL, cb) and is freed with
 * pfnRealloc(ctx, p, 0): the JET_ENUMCOLUMN array, each column's JET_ENUMCOLUMNVALUE array and each
 * value's bytes are separate blocks (pvData NULL for 0 bytes).
 *   cEnumColumnId 0: every column in columnid order (with JET_bitEnumerateTaggedOnly only tagged ones):
 *     fixed/variable columns (NULL ones with JET_wrnColumnNull), tagged columns present in the record
 *     and tagged columns with a default. JET_bitEnumerateIgnoreDefault leaves out every column
 *     without a non-NULL value of its own in the record.
 *   otherwise: one output per rgEnumColumnId element, in order; columnid 0 gives JET_wrnColumnSkipped;
 *     an invalid column gives JET_errBadColumnId / JET_errColumnNotFound in its err, and the first
 *     such error is returned with the rest of the output valid; a value that is the default with
 *     JET_bitEnumerateIgnoreDefault gives JET_wrnColumnDefault. ctagSequence > 0 selects values:
 *     itagSequence 0 gives JET_wrnColumnSkipped, one past the end JET_wrnColumnNull.
 * Column status: JET_wrnColumnNull (no value), JET_wrnColumnPresent (JET_bitEnumeratePresenceOnly),
 * JET_wrnColumnSingleValue (JET_bitEnumerateCompressOutput and exactly one value: cbData/pvData in the
 * JET_ENUMCOLUMN itself). Value status: JET_wrnColumnTruncated (a separated long value cut at
 * cbDataMost), JET_wrnColumnNotInRecord (JET_bitEnumerateInRecordOnly and a separated value),
 * JET_wrnColumnPresent (PresenceOnly). JET_bitEnumerateCopy reads the update buffer.
 * Errors: JET_errInvalidParameter (pcEnumColumn, prgEnumColumn or pfnRealloc NULL, rg arrays NULL
 * with counts), JET_errInvalidGrbit (unknown bit, TaggedOnly with a column list), JET_errOutOfMemory
 * (pfnRealloc returned NULL); on them *pcEnumColumn = 0, *prgEnumColumn = NULL and every block
 * allocated is freed. */
JET_ERR esent_enumerate_columns(const esent_recview *v, uint32_t cEnumColumnId, const JET_ENUMCOLUMNID *rgEnumColumnId,
                                uint32_t *pcEnumColumn, JET_ENUMCOLUMN **prgEnumColumn, JET_PFNREALLOC pfnRealloc,
                                void *pvReallocContext, uint32_t cbDataMost, JET_GRBIT grbit);

/* JetGetRecordSize(2) over the physical record (JET_bitRecordSizeInCopyBuffer: the encoded update
 * buffer, JET_errUpdateNotPrepared without one; otherwise v->rec, JET_errNoCurrentRecord without).
 * cbData: bytes of the values stored in the record (separated values count as their LID, in
 * cbOverhead); cbOverhead: the record's other bytes — the caller adds the key size (JetGetRecordSize
 * docs: "includes the record's key size"); cNonTaggedColumns: non-NULL fixed/variable columns;
 * cTaggedColumns: tagged columns with values; cMultiValues: values beyond the first of each column;
 * cLongValues / cbLongValueData: separated LVs and their sizes (from the store);
 * cbLongValueOverhead: per LV its root key + LVROOT (12 bytes) and 8-byte chunk keys (chunk size of
 * the page). cbData counts compressed intrinsic values uncompressed. JET_RECSIZE2: cCompressedColumns
 * counts compressed intrinsic values; cbDataCompressed counts them as stored (cbOverhead is the record's
 * size less the stored values); cbLongValueDataCompressed equals cbLongValueData (the store reports
 * only uncompressed sizes).
 * JET_bitRecordSizeLocal leaves separated LVs out (not counted, store not read);
 * JET_bitRecordSizeRunningTotal adds to *precsize instead of zeroing it. JET_RECSIZE is the first
 * eight fields. Errors: JET_errInvalidParameter (precsize NULL), JET_errInvalidGrbit. */
JET_ERR esent_get_record_size(const esent_recview *v, JET_RECSIZE2 *precsize, JET_GRBIT grbit);

/* ---- values for index keys --------------------------------------------------------------------- */

typedef struct esent_colvalue {
    const uint8_t *pb;            /* intrinsic bytes (valid while the source is unchanged) */
    uint32_t cb;
    uint64_t lid;                 /* separated long value: its LID (pb/cb not set), else 0 */
    uint8_t separated;
    uint8_t is_default;           /* the value is the column's default */
    uint8_t compressed;           /* pb/cb are compressed bytes as stored (format/compress.h decodes them) */
} esent_colvalue;

/* Number of values of a column as a retrieval sees it (defaults included unless
 * JET_bitRetrieveIgnoreDefault), read from the buffer with JET_bitRetrieveCopy and v->copy, else from
 * v->rec. */
JET_ERR esent_recview_count(const esent_recview *v, JET_COLUMNID columnid, JET_GRBIT grbit, uint32_t *pcount);

/* Value itagSequence (1-based) of a column: JET_errSuccess and *out, or JET_wrnColumnNull (out zeroed)
 * when it is NULL or past the last value. Iterating itag = 1..count visits every instance. Errors as
 * esent_retrieve_column. A compressed intrinsic value is returned as stored, with out->compressed set
 * (its first byte names the scheme). */
JET_ERR esent_recview_value(const esent_recview *v, JET_COLUMNID columnid, uint32_t itag, JET_GRBIT grbit,
                            esent_colvalue *out);

#endif
