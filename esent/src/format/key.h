/* Index keys: ESE's key normalization, as pure functions (no I/O, no engine state).
 *
 * A key is the concatenation of one normalized segment per index column. Keys compare as unsigned
 * byte strings, a proper prefix before the longer key (esent_key_compare). Every rule below follows
 * the engine's fldnorm.cxx (../shared/spec/ese-format.md §3.5); the function each rule comes from is
 * named next to it in key.c.
 *
 * Segment = 1 prefix byte + data:
 *   0x7F data; 0x00 NULL (0xC0 when the index sorts NULLs high); 0x40 zero-length Text/Binary value.
 *   A descending segment is the bitwise complement of the ascending one (prefix included).
 * Data per column type:
 *   Bit                   00 (false) or FF (any non-zero byte)
 *   UnsignedByte          the byte
 *   Short/Long/LongLong/Currency   big-endian, sign bit flipped
 *   UnsignedShort/UnsignedLong/UnsignedLongLong   big-endian
 *   IEEESingle/IEEEDouble/DateTime big-endian; negative (sign bit set): all bits inverted,
 *                                  otherwise the sign bit flipped
 *   GUID                  stored bytes 10..15 8 9 6 7 4 5 0..3; with the index's .NET GUID order
 *                         (JET_bitIndexDotNetGuid) bytes 3 2 1 0 5 4 7 6 8..15
 *   Text (not cp 1200)    bytes up to the first NUL, a..z upper-cased, then a 00 terminator
 *   Text (cp 1200)        the sort key produced by the index's esent_text_sortkey provider
 *   Binary/LongBinary     8-byte chunks, each followed by 09 if more data follows; the last chunk is
 *                         zero-padded to 8 and followed by its length 1..8
 *   fixed Binary column   the raw bytes
 * The whole key holds at most cbKeyMost bytes (255 by default, up to JET_cbKeyMostMost); a search key
 * carrying a limit may hold cbKeyMost + 1. */
#ifndef ESENT_FORMAT_KEY_H
#define ESENT_FORMAT_KEY_H

#include "api/api.h"

#define ESENT_KEY_PREFIX_NULL           0x00
#define ESENT_KEY_PREFIX_ZERO_LENGTH    0x40
#define ESENT_KEY_PREFIX_NULL_HIGH      0xC0
#define ESENT_KEY_PREFIX_DATA           0x7F
#define ESENT_KEY_SENTINEL              0xFF    /* fill byte of limit keys */

#define ESENT_KEY_BINARY_CHUNK          8       /* data bytes per chunk of a variable binary value */
#define ESENT_KEY_BINARY_CHUNK_NORM     9       /* a chunk with its marker byte */

#define ESENT_KEY_MOST_OLD              255     /* JET_cbKeyMost_OLD: the legacy and default cbKeyMost */
#define ESENT_KEY_MOST_MOST             2000    /* JET_cbKeyMostMost */
#define ESENT_KEY_LIMIT_MOST_MOST       (ESENT_KEY_MOST_MOST + 1)  /* a limit key is cbKeyMost + 1 */

#define ESENT_CP_UNICODE                1200

/* JetMakeKey option the SDK header does not declare: skip the primary index placeholder column. */
#ifndef JET_bitKeyOverridePrimaryIndexPlaceholder
#define JET_bitKeyOverridePrimaryIndexPlaceholder 0x00000020
#endif
#ifndef JET_maskLimitOptions
#define JET_maskLimitOptions            0x00000F00
#endif

/* ---- Unicode text sort keys -------------------------------------------------------------------
 * Real ESENT turns cp-1200 text into an LCMapStringEx(LCMAP_SORTKEY) sort key of the index's locale.
 * The normaliser calls a provider for it (util/sortkey.c has the LCMapStringEx one; on Linux
 * LCMapStringEx is ICU's collation, whose keys order like Windows' but are other bytes):
 *
 *   src/cb      the column value as UTF-16LE bytes (cb even, may be 0; not NUL-terminated; any alignment)
 *   out/cb_out  receives the first min(cb_out, length) bytes of the complete sort key (terminator
 *               included); out may be NULL when cb_out is 0
 *   *pcb_key    the length of the complete sort key
 *   returns     JET_errSuccess, or the error to report (JET_errInvalidLanguageId, JET_errOutOfMemory,
 *               JET_errUnicodeTranslationFail, JET_errUnicodeNormalizationNotSupported ...)
 *
 * The format field tells the limit code how to find the end of the "characters" part of a key
 * (JET_bitSubStrLimit, JET_bitPartialColumn*Limit): LCMAP sort keys end their primary weights at the
 * first 01 byte; ordinal keys (and ESENT's LCMAP_UPPERCASE keys, which have the same shape) end with
 * a 00 00 terminator. */
typedef JET_ERR (*esent_text_sortkey_fn)(void *ctx, const WCHAR *locale, uint32_t lcmap_flags,
                                         const uint8_t *src, size_t cb,
                                         uint8_t *out, size_t cb_out, size_t *pcb_key);

typedef enum esent_sortkey_format {
    ESENT_SORTKEY_FORMAT_LCMAP = 0,     /* LCMapStringEx sort key: weights, 01 separators, 00 end */
    ESENT_SORTKEY_FORMAT_ORDINAL = 1    /* UTF-16BE code units, then 00 00 */
} esent_sortkey_format;

typedef struct esent_text_sortkey {
    esent_text_sortkey_fn fn;           /* NULL: the default provider's (LCMapStringEx) */
    void *ctx;
    const WCHAR *locale;                /* the index's locale name (e.g. L"en-US"), may be NULL */
    uint32_t lcmap_flags;               /* the index's LCMapFlags */
    esent_sortkey_format format;
    uint64_t version;                   /* sort version the catalog records for the index */
} esent_text_sortkey;

/* The provider an index uses when it names none: LCMapStringEx with en-US and ESENT's default flags
 * (LCMAP_SORTKEY | NORM_IGNORECASE | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH), format LCMAP. Its
 * version is 0: the sort version is known only at run time (esent_sortkey_version, util/sortkey.h).
 * Defined in util/sortkey.c. */
extern const esent_text_sortkey esent_text_sortkey_default_provider;

/* An explicit fallback that no index gets by default: every UTF-16 code unit up to the first U+0000,
 * with a..z (only) upper-cased, written big-endian, then 00 00. This is an ordinal, C-locale
 * ordering, NOT what Windows produces: Windows will not find rows through such an index. An index
 * built with it records ESENT_SORTKEY_VERSION_ORDINAL as its sort version (catalog column Version),
 * so a later engine — ours with real sort keys, or Windows, whose NLS versions never take this
 * value — sees the index as built with a different sort order and rebuilds it.
 * The value is the bytes "ESENT" 00 00 01 read as a big-endian integer. */
#define ESENT_SORTKEY_VERSION_ORDINAL   UINT64_C(0x4553454E54000001)

JET_ERR esent_text_sortkey_ordinal(void *ctx, const WCHAR *locale, uint32_t lcmap_flags,
                                   const uint8_t *src, size_t cb,
                                   uint8_t *out, size_t cb_out, size_t *pcb_key);

/* esent_text_sortkey_ordinal as a provider, for an index that asks for it explicitly. */
extern const esent_text_sortkey esent_text_sortkey_ordinal_provider;

/* ---- Index description ------------------------------------------------------------------------- */

/* One key column (one IDXSEG and the column it names). */
typedef struct esent_key_column {
    JET_COLTYP coltyp;
    uint16_t cp;            /* Text/LongText code page: 1200 Unicode, anything else single-byte */
    uint8_t fixed;          /* a fixed column (fid 1..127): fixed Binary keys raw, JetMakeKey checks size */
    uint8_t descending;     /* "-" segment */
    uint32_t cb_fixed;      /* fixed columns: the column size (cbMaxLen); 0 = the type's size */
} esent_key_column;

/* esent_key_index.flags */
#define ESENT_KEYIDX_SORT_NULLS_HIGH        0x01    /* JET_bitIndexSortNullsHigh */
#define ESENT_KEYIDX_DOTNET_GUID            0x02    /* JET_bitIndexDotNetGuid */
#define ESENT_KEYIDX_DISALLOW_TRUNCATION    0x04    /* JET_bitIndexDisallowTruncation */
#define ESENT_KEYIDX_PLACEHOLDER            0x08    /* primary index whose first column is the
                                                       placeholder (JET_bitIndexPrimaryPlaceholder) */

typedef struct esent_key_index {
    uint32_t cb_key_most;           /* 255 .. 2000 */
    uint32_t cb_var_seg_mac;        /* the index's VarSegMac; 0 or cb_key_most = not set */
    uint32_t flags;                 /* ESENT_KEYIDX_* */
    const esent_text_sortkey *sortkey;  /* cp-1200 text; NULL = esent_text_sortkey_default_provider */
    uint32_t ccol;                  /* 1 .. JET_ccolKeyMost */
    const esent_key_column *cols;
} esent_key_index;

/* ---- Segments ------------------------------------------------------------------------------------ */

/* esent_key_normalize_segment *pfseg bits */
#define ESENT_KEYSEG_TRUNCATED      0x01    /* the value did not fit in cb_avail: the key is truncated */

/* Normalizes one value for column col of idx into seg (room for cb_avail bytes, cb_avail >= 1):
 * the engine's per-segment normalization, descending complement included, no limit.
 * pv == NULL or cb == 0 is a NULL value, or a zero-length one when zero_length is set (Text/Binary
 * only; other types keep the NULL prefix). Text and Binary values longer than the key are cut where
 * the engine cuts them; fixed types and fixed binary are cut to cb_avail.
 * *pib_binary_delim (may be NULL) receives, for variable Binary values, the offset in seg just past
 * the value's last data byte, or 0 when the value's end is not in the segment (used by partial limits).
 * Errors: JET_errInvalidBufferSize when cb is not the size of a fixed-size type (the engine only
 * asserts this), JET_errInvalidColumnType for Nil/SLV/unknown types, JET_errInvalidParameter for
 * NULL pointers or cb_avail 0, and the Unicode provider's errors. */
JET_ERR esent_key_normalize_segment(const esent_key_index *idx, const esent_key_column *col,
                                    const void *pv, uint32_t cb, int zero_length,
                                    uint8_t *seg, uint32_t cb_avail, uint32_t *pcb_seg,
                                    unsigned *pfseg, uint32_t *pib_binary_delim);

/* ---- Keys of records (index maintenance) ------------------------------------------------------- */

typedef struct esent_key_value {
    const void *pv;
    uint32_t cb;
    uint8_t is_null;        /* column is NULL; otherwise cb == 0 is a zero-length value */
} esent_key_value;

/* esent_key_make_record_key *pstate bits (the engine's wrnFLDNull* results and truncation) */
#define ESENT_KEY_NULL_SEG      0x01    /* some segment is NULL              (wrnFLDNullSeg) */
#define ESENT_KEY_NULL_FIRST    0x02    /* the first segment is NULL         (wrnFLDNullFirstSeg) */
#define ESENT_KEY_NULL_ALL      0x04    /* every segment is NULL             (wrnFLDNullKey) */
#define ESENT_KEY_TRUNCATED     0x08    /* the key was cut at cb_key_most */

/* The key of a record in index idx: vals[i] is the value of idx->cols[i] (for a multi-valued column,
 * the instance being indexed). key needs room for idx->cb_key_most bytes.
 * Returns JET_errKeyTruncated when the key had to be cut and the index disallows truncation,
 * JET_errInvalidParameter for a malformed idx, or a segment error. */
JET_ERR esent_key_make_record_key(const esent_key_index *idx, const esent_key_value *vals,
                                  uint8_t *key, uint32_t *pcb_key, unsigned *pstate);

/* Whether a record whose key has null state `state` gets an entry in an index: the engine leaves it
 * out when every segment is NULL and !allow_all_nulls (JET_bitIndexIgnoreNull), the first is NULL and
 * !allow_first_null (JET_bitIndexIgnoreFirstNull), or any is NULL and !allow_some_nulls
 * (JET_bitIndexIgnoreAnyNull). Only the strongest state counts (all > first > some). */
int esent_key_state_indexed(unsigned state, int allow_all_nulls, int allow_first_null,
                            int allow_some_nulls);

/* ---- Search keys (JetMakeKey / JetSeek / JetSetIndexRange) -------------------------------------- */

typedef struct esent_keybuild {
    uint32_t cb_key_most;   /* of the index the key is made for */
    uint32_t cb;            /* key bytes */
    uint32_t cseg;          /* key columns given so far (cColumnsInSearchKey) */
    uint8_t prepared;       /* a key has been started (JET_bitNewKey / JET_bitNormalizedKey) */
    uint8_t limit;          /* the key carries a limit: no column can follow */
    uint8_t too_big;        /* the key is full: later columns add nothing */
    uint8_t key[ESENT_KEY_LIMIT_MOST_MOST];
} esent_keybuild;

/* Empties kb for an index with cb_key_most (ESENT_KEY_MOST_OLD when the cursor has no index).
 * JET_errInvalidParameter unless 1 <= cb_key_most <= ESENT_KEY_MOST_MOST. */
JET_ERR esent_keybuild_init(esent_keybuild *kb, uint32_t cb_key_most);

/* One JetMakeKey call on the cursor's current index idx (NULL: no current index, where only
 * JET_bitNormalizedKey works). idx->cb_key_most must equal kb->cb_key_most.
 * Errors, as ESENT returns them:
 *   JET_errNoCurrentIndex       idx == NULL without JET_bitNormalizedKey
 *   JET_errInvalidParameter     JET_bitNormalizedKey with more than cbKeyMost+1 (and > 255) bytes
 *   JET_errKeyNotMade           no JET_bitNewKey and no key started
 *   JET_errKeyIsMade            every key column given already, or the key carries a limit
 *   JET_errInvalidBufferSize    a fixed column's value of another size (fixed Text may be shorter:
 *                               it is padded with spaces), a value of a fixed-size type that is not
 *                               that size in a variable/tagged column (the engine does not check
 *                               this), or JET_bitKeyDataZeroLength on a column that cannot be
 *                               zero-length
 *   JET_errInvalidGrbit         a partial-column limit on a column that is neither Text nor variable
 *                               Binary, or more than one limit option
 * A JET_bitNewKey call that fails still discards the previous key. */
JET_ERR esent_keybuild_add_segment(esent_keybuild *kb, const esent_key_index *idx,
                                   const void *pv, uint32_t cb, JET_GRBIT grbit);

/* Applies the limit options of grbit to a just-normalized segment (seg holds *pcb_seg bytes and has
 * room for cb_avail + 1; cb_avail is the key space that was available to the segment):
 *   JET_bitFullColumnStartLimit     nothing appended (only marks the key as a limit)
 *   JET_bitFullColumnEndLimit       0xFF up to cb_avail + 1 bytes
 *   JET_bitPartialColumnStart/EndLimit   Text: the terminator (or, for LCMAP sort keys, everything from
 *                                   the first 01 byte) is dropped, then for End 0xFF up to cb_avail + 1;
 *                                   variable Binary: the chunk padding after the value's last byte is
 *                                   dropped (Start) or replaced by 0xFF plus one more 0xFF (End)
 *   no option, JET_bitSubStrLimit on Text   as PartialColumnEndLimit
 *   no option, JET_bitStrLimit      as PartialColumnEndLimit on Binary (other types: FullColumnEndLimit)
 * ib_binary_delim comes from esent_key_normalize_segment. Returns 1 when the key became a limit key.
 * Invalid combinations are rejected by esent_keybuild_add_segment before this is called. */
int esent_keybuild_limit(uint8_t *seg, uint32_t *pcb_seg, uint32_t cb_avail,
                         const esent_key_index *idx, const esent_key_column *col,
                         uint32_t ib_binary_delim, JET_GRBIT grbit);

/* ---- Fixed keys ---------------------------------------------------------------------------------- */

/* Tables without a primary index ("sequential"): the record key is the 4-byte big-endian DBK. */
#define ESENT_KEY_SEQUENTIAL_SIZE   4
void esent_key_sequential(uint32_t dbk, uint8_t out[ESENT_KEY_SEQUENTIAL_SIZE]);
uint32_t esent_key_sequential_dbk(const uint8_t key[ESENT_KEY_SEQUENTIAL_SIZE]);

/* Catalog primary key (Id index +ObjidTable +Type +Id):
 * 7F BE32(objid ^ 0x80000000) 7F BE16(type ^ 0x8000) 7F BE32(id ^ 0x80000000). */
#define ESENT_KEY_CATALOG_SIZE      13
void esent_key_catalog(uint32_t objid_table, uint16_t type, uint32_t id,
                       uint8_t out[ESENT_KEY_CATALOG_SIZE]);

/* Catalog Name index key (+ObjidTable +Type +Name, Name Text cp 1252, cbKeyMost 255).
 * out needs room for ESENT_KEY_MOST_OLD bytes. */
void esent_key_catalog_name(uint32_t objid_table, uint16_t type, const char *name, uint32_t cb_name,
                            uint8_t *out, uint32_t *pcb_out);

/* Catalog RootObjects index key (+RootFlag +Name; RootFlag Bit, Name Text cp 1252, cbKeyMost 255).
 * Only rows with a RootFlag (tables) are in that index. out needs room for ESENT_KEY_MOST_OLD bytes. */
void esent_key_catalog_root(uint8_t root_flag, const char *name, uint32_t cb_name, uint8_t *out, uint32_t *pcb_out);

/* Key order: memcmp, a proper prefix first. <0, 0, >0. */
int esent_key_compare(const uint8_t *a, uint32_t cb_a, const uint8_t *b, uint32_t cb_b);

#endif
