/* ESE key normalization. Each rule names the engine routine it follows (ENG = microsoft/
 * Extensible-Storage-Engine, dev/ese/src/ese/fldnorm.cxx unless another file is named); see
 * key.h for the format and ../shared/spec/ese-format.md §3.5. */
#include "format/key.h"
#include "format/bytes.h"

#include <string.h>

/* ---- Helpers ------------------------------------------------------------------------------------ */

static int is_text(JET_COLTYP t)
{
    return t == JET_coltypText || t == JET_coltypLongText;
}

static int is_binary(JET_COLTYP t)
{
    return t == JET_coltypBinary || t == JET_coltypLongBinary;
}

/* Size of a fixed-size column type, 0 for Text/Binary and unknown types. */
static uint32_t coltyp_size(JET_COLTYP t)
{
    switch (t) {
    case JET_coltypBit:
    case JET_coltypUnsignedByte:
        return 1;
    case JET_coltypShort:
    case JET_coltypUnsignedShort:
        return 2;
    case JET_coltypLong:
    case JET_coltypUnsignedLong:
    case JET_coltypIEEESingle:
        return 4;
    case JET_coltypLongLong:
    case JET_coltypUnsignedLongLong:
    case JET_coltypCurrency:
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime:
        return 8;
    case JET_coltypGUID:
        return 16;
    default:
        return 0;
    }
}

static uint32_t min_u32(uint32_t a, uint32_t b)
{
    return a < b ? a : b;
}

/* Values passed to the engine are in machine order; on every target we build they are little-endian,
 * which is also the record order, so both kinds of caller read the same bytes. */


/* The engine's cbVarSegMac as the normalisers see it: "not set" (0, or equal to cbKeyMost) becomes
 * cbKeyMost + 1 (ErrRECIIRetrieveKey / ErrFLDNormalizeSegment). */
static uint32_t var_seg_mac_eff(const esent_key_index *idx)
{
    uint32_t v = idx->cb_var_seg_mac;
    if (v == 0 || v >= idx->cb_key_most)
        return idx->cb_key_most + 1;
    return v;
}

/* pidb->CbVarSegMac() itself: cbKeyMost when not set. */
static uint32_t var_seg_mac_raw(const esent_key_index *idx)
{
    uint32_t v = idx->cb_var_seg_mac;
    if (v == 0 || v > idx->cb_key_most)
        return idx->cb_key_most;
    return v;
}

static const esent_text_sortkey *sortkey_of(const esent_key_index *idx)
{
    return idx->sortkey != NULL ? idx->sortkey : &esent_text_sortkey_default_provider;
}

static int index_valid(const esent_key_index *idx)
{
    return idx != NULL && idx->cb_key_most >= 1 && idx->cb_key_most <= ESENT_KEY_MOST_MOST
        && idx->ccol >= 1 && idx->ccol <= JET_ccolKeyMost && idx->cols != NULL;
}

/* ---- Ordinal sort key (explicit fallback only) ----------------------------------------------------- */

JET_ERR esent_text_sortkey_ordinal(void *ctx, const WCHAR *locale, uint32_t lcmap_flags,
                                   const uint8_t *src, size_t cb,
                                   uint8_t *out, size_t cb_out, size_t *pcb_key)
{
    (void)ctx;
    (void)locale;
    (void)lcmap_flags;
    size_t n = 0;
    for (size_t i = 0; i + 2 <= cb; i += 2) {
        unsigned u = (unsigned)src[i] | ((unsigned)src[i + 1] << 8);
        if (u == 0)
            break;
        if (u >= 'a' && u <= 'z')
            u -= 'a' - 'A';
        if (n < cb_out)
            out[n] = (uint8_t)(u >> 8);
        n++;
        if (n < cb_out)
            out[n] = (uint8_t)u;
        n++;
    }
    /* terminator, as the engine's LCMAP_UPPERCASE keys (ENG _os/norm.cxx ErrNORMMapString) */
    for (int k = 0; k < 2; k++) {
        if (n < cb_out)
            out[n] = 0;
        n++;
    }
    *pcb_key = n;
    return JET_errSuccess;
}

const esent_text_sortkey esent_text_sortkey_ordinal_provider = {
    esent_text_sortkey_ordinal, NULL, NULL, 0, ESENT_SORTKEY_FORMAT_ORDINAL,
    ESENT_SORTKEY_VERSION_ORDINAL,
};

/* ---- Segment normalisers ------------------------------------------------------------------------ */

/* Single-byte text (ENG _osu/normu.cxx ErrUtilNormText): the bytes up to the first NUL, a..z
 * upper-cased, then a 00 terminator, in at most cb_left bytes. When the text does not fit, the last
 * byte is the next source byte minus 0x20 (the engine's unconditional "toupper") instead of the
 * terminator, and the result is "too big". Returns 1 when too big. */
static int norm_text_ascii(const uint8_t *text, uint32_t cb_text, uint32_t cb_left,
                           uint8_t *out, uint32_t *pcb)
{
    uint32_t lim, n = 0;
    if (cb_left == 0) {
        *pcb = 0;
        return 0;
    }
    lim = cb_left > cb_text ? cb_text : cb_left - 1;
    while (n < lim && text[n] != 0) {
        uint8_t c = text[n];
        out[n] = (c >= 'a' && c <= 'z') ? (uint8_t)(c - ('a' - 'A')) : c;
        n++;
    }
    out[n] = 0;
    if (cb_left <= cb_text && n == lim && text[lim] != 0) {
        out[lim] = (uint8_t)(text[lim] - ('a' - 'A'));
        *pcb = lim + 1;
        return 1;
    }
    *pcb = n + 1;
    return 0;
}

/* Text segment (ErrFLDNormalizeTextSegment). The data gets min(cb_avail, cbVarSegMac) - 1 bytes.
 * With cbKeyMost 255 (legacy indexes) only the first 255 bytes (256 for Unicode, in whole
 * characters) are normalized. A cut is not reported when the index's VarSegMac asked for it. */
static JET_ERR norm_text(const esent_key_index *idx, const esent_key_column *col,
                         const uint8_t *pb, uint32_t cb, uint8_t *seg, uint32_t cb_avail,
                         uint32_t *pcb_seg, int *pf_truncated)
{
    const uint32_t cb_key_most = idx->cb_key_most;
    const uint32_t vsm = var_seg_mac_eff(idx);
    const uint32_t cb_t = min_u32(cb_avail, vsm) - 1;
    uint32_t cb_norm = 0;
    int too_big;

    if (col->cp == ESENT_CP_UNICODE) {
        const esent_text_sortkey *sk = sortkey_of(idx);
        esent_text_sortkey_fn fn = sk->fn != NULL ? sk->fn : esent_text_sortkey_default_provider.fn;
        uint32_t cb_field = cb & ~(uint32_t)1;
        size_t cb_key = 0;
        if (cb_key_most == ESENT_KEY_MOST_OLD)
            cb_field = min_u32(cb_field, ((cb_key_most + 1) / 2) * 2);
        JET_ERR err = fn(sk->ctx, sk->locale, sk->lcmap_flags, pb, cb_field, seg + 1, cb_t, &cb_key);
        if (err < 0)
            return err;
        too_big = cb_key > cb_t;
        cb_norm = too_big ? cb_t : (uint32_t)cb_key;
    } else {
        uint32_t cb_field = cb;
        if (cb_key_most == ESENT_KEY_MOST_OLD)
            cb_field = min_u32(cb_field, cb_key_most);
        too_big = norm_text_ascii(pb, cb_field, cb_t, seg + 1, &cb_norm);
    }

    /* truncated on purpose (VarSegMac reached): not a key truncation */
    if (too_big && vsm <= cb_key_most && cb_norm >= vsm - 1)
        too_big = 0;

    seg[0] = ESENT_KEY_PREFIX_DATA;
    *pcb_seg = cb_norm + 1;
    *pf_truncated = too_big;
    return JET_errSuccess;
}

/* Binary segment (FLDNormalizeBinarySegment). */
static void norm_binary(const esent_key_index *idx, int fixed, const uint8_t *pb, uint32_t cb,
                        uint8_t *seg, uint32_t cb_avail, uint32_t *pcb_seg, int *pf_truncated,
                        uint32_t *pib_delim)
{
    const uint32_t cb_key_most = idx->cb_key_most;
    const uint32_t vsm = var_seg_mac_eff(idx);
    uint64_t cb_seg;

    seg[0] = ESENT_KEY_PREFIX_DATA;
    if (fixed) {
        /* fixed columns: the raw bytes, cut to VarSegMac, then to the key space */
        cb_seg = (uint64_t)cb + 1;
        if (vsm < cb_key_most && cb_seg > vsm)
            cb_seg = vsm;
        if (cb_seg > cb_avail) {
            cb_seg = cb_avail;
            *pf_truncated = 1;
        }
        memcpy(seg + 1, pb, (size_t)cb_seg - 1);
        *pcb_seg = (uint32_t)cb_seg;
        return;
    }

    /* variable: 8-byte chunks, each followed by a marker byte */
    int whole = 1;      /* the entire value went into the segment */
    uint64_t chunks = ((uint64_t)cb + ESENT_KEY_BINARY_CHUNK - 1) / ESENT_KEY_BINARY_CHUNK;
    cb_seg = chunks * ESENT_KEY_BINARY_CHUNK_NORM + 1;
    if (vsm < cb_key_most && cb_seg > vsm) {
        cb_seg = vsm;
        whole = 0;
    }
    if (cb_seg > cb_avail) {
        cb_seg = cb_avail;
        whole = 0;
        *pf_truncated = 1;
    }

    uint32_t seg_left = (uint32_t)cb_seg - 1;
    uint32_t field_left = cb;
    uint8_t *out = seg + 1;
    const uint8_t *next = pb;
    while (seg_left >= ESENT_KEY_BINARY_CHUNK_NORM) {
        if (field_left <= ESENT_KEY_BINARY_CHUNK) {
            /* last chunk: data, zero padding, then its length 1..8. The engine writes 9 for a
             * complete last chunk of a column it did not normalize entirely; since a cut segment is
             * shorter than the whole value's, the loop never reaches the last chunk then, and that
             * branch is kept only to mirror FLDNormalizeBinarySegment. */
            memcpy(out, next, field_left);
            out += field_left;
            if (pib_delim != NULL)
                *pib_delim = (uint32_t)(out - seg);
            if (field_left == ESENT_KEY_BINARY_CHUNK) {
                *out++ = whole ? ESENT_KEY_BINARY_CHUNK : ESENT_KEY_BINARY_CHUNK_NORM;
            } else {
                memset(out, 0, ESENT_KEY_BINARY_CHUNK - field_left);
                out += ESENT_KEY_BINARY_CHUNK - field_left;
                *out++ = (uint8_t)field_left;
            }
            field_left = 0;
        } else {
            memcpy(out, next, ESENT_KEY_BINARY_CHUNK);
            next += ESENT_KEY_BINARY_CHUNK;
            out += ESENT_KEY_BINARY_CHUNK;
            *out++ = ESENT_KEY_BINARY_CHUNK_NORM;
            field_left -= ESENT_KEY_BINARY_CHUNK;
        }
        seg_left -= ESENT_KEY_BINARY_CHUNK_NORM;
    }
    if (seg_left > 0) {
        /* a partial chunk fills the rest of the key space: raw bytes, no marker */
        if (field_left >= seg_left) {
            memcpy(out, next, seg_left);
        } else {
            if (pib_delim != NULL)
                *pib_delim = (uint32_t)(out + field_left - seg);
            memcpy(out, next, field_left);
            memset(out + field_left, 0, seg_left - field_left);
        }
    }
    *pcb_seg = (uint32_t)cb_seg;
}

/* Fixed-size types (FLDNormalizeFixedSegment); seg needs 17 bytes. Returns the segment size. */
static uint32_t norm_fixed(JET_COLTYP coltyp, const uint8_t *pb, int dotnet_guid, uint8_t *seg)
{
    static const uint8_t guid_legacy[16] = { 10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3 };
    static const uint8_t guid_dotnet[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
    uint64_t v;

    seg[0] = ESENT_KEY_PREFIX_DATA;
    switch (coltyp) {
    case JET_coltypBit:
        seg[1] = pb[0] == 0 ? 0x00 : 0xFF;
        return 2;
    case JET_coltypUnsignedByte:
        seg[1] = pb[0];
        return 2;
    case JET_coltypShort:
        esent_wrbe(seg + 1, esent_rdle(pb, 2) ^ 0x8000u, 2);
        return 3;
    case JET_coltypUnsignedShort:
        esent_wrbe(seg + 1, esent_rdle(pb, 2), 2);
        return 3;
    case JET_coltypLong:
        esent_wrbe(seg + 1, esent_rdle(pb, 4) ^ 0x80000000u, 4);
        return 5;
    case JET_coltypUnsignedLong:
        esent_wrbe(seg + 1, esent_rdle(pb, 4), 4);
        return 5;
    case JET_coltypLongLong:
    case JET_coltypCurrency:
        esent_wrbe(seg + 1, esent_rdle(pb, 8) ^ UINT64_C(0x8000000000000000), 8);
        return 9;
    case JET_coltypUnsignedLongLong:
        esent_wrbe(seg + 1, esent_rdle(pb, 8), 8);
        return 9;
    case JET_coltypIEEESingle:
        v = esent_rdle(pb, 4);
        v = (v & 0x80000000u) ? (~v & 0xFFFFFFFFu) : (v ^ 0x80000000u);
        esent_wrbe(seg + 1, v, 4);
        return 5;
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime:
        v = esent_rdle(pb, 8);
        v = (v & UINT64_C(0x8000000000000000)) ? ~v : (v ^ UINT64_C(0x8000000000000000));
        esent_wrbe(seg + 1, v, 8);
        return 9;
    case JET_coltypGUID: {
        const uint8_t *order = dotnet_guid ? guid_dotnet : guid_legacy;
        for (int i = 0; i < 16; i++)
            seg[1 + i] = pb[order[i]];
        return 17;
    }
    default:
        return 0;
    }
}

/* NULL and zero-length values (FLDNormalizeNullSegment): fixed-size types always take the NULL
 * prefix; Text/Binary take 0x40 when zero-length. */
static uint8_t null_prefix(const esent_key_index *idx, JET_COLTYP coltyp, int zero_length)
{
    if (zero_length && (is_text(coltyp) || is_binary(coltyp)))
        return ESENT_KEY_PREFIX_ZERO_LENGTH;
    return (idx->flags & ESENT_KEYIDX_SORT_NULLS_HIGH) ? ESENT_KEY_PREFIX_NULL_HIGH
                                                       : ESENT_KEY_PREFIX_NULL;
}

JET_ERR esent_key_normalize_segment(const esent_key_index *idx, const esent_key_column *col,
                                    const void *pv, uint32_t cb, int zero_length,
                                    uint8_t *seg, uint32_t cb_avail, uint32_t *pcb_seg,
                                    unsigned *pfseg, uint32_t *pib_binary_delim)
{
    const uint8_t *pb = pv;
    uint32_t cb_seg = 0;
    int truncated = 0;

    if (pib_binary_delim != NULL)
        *pib_binary_delim = 0;
    if (pfseg != NULL)
        *pfseg = 0;
    if (idx == NULL || col == NULL || seg == NULL || pcb_seg == NULL || cb_avail == 0
        || idx->cb_key_most == 0 || idx->cb_key_most > ESENT_KEY_MOST_MOST)
        return JET_errInvalidParameter;

    if (pb == NULL || cb == 0) {
        seg[0] = null_prefix(idx, col->coltyp, zero_length);
        cb_seg = 1;
    } else if (is_text(col->coltyp)) {
        JET_ERR err = norm_text(idx, col, pb, cb, seg, cb_avail, &cb_seg, &truncated);
        if (err < 0)
            return err;
    } else if (is_binary(col->coltyp)) {
        norm_binary(idx, col->fixed, pb, cb, seg, cb_avail, &cb_seg, &truncated, pib_binary_delim);
    } else {
        uint8_t tmp[17];
        uint32_t size = coltyp_size(col->coltyp);
        if (size == 0)
            return JET_errInvalidColumnType;
        /* the engine only asserts the size; a value of another size is refused here */
        if (cb != size)
            return JET_errInvalidBufferSize;
        cb_seg = norm_fixed(col->coltyp, pb, (idx->flags & ESENT_KEYIDX_DOTNET_GUID) != 0, tmp);
        if (cb_seg > cb_avail) {
            cb_seg = cb_avail;
            truncated = 1;
        }
        memcpy(seg, tmp, cb_seg);
    }

    /* descending: the whole segment complemented, after any cut (ErrRECIIRetrieveKey,
     * ErrFLDNormalizeSegment) */
    if (col->descending) {
        for (uint32_t i = 0; i < cb_seg; i++)
            seg[i] ^= 0xFF;
    }
    *pcb_seg = cb_seg;
    if (pfseg != NULL && truncated)
        *pfseg |= ESENT_KEYSEG_TRUNCATED;
    return JET_errSuccess;
}

/* ---- Record keys ------------------------------------------------------------------------------- */

/* ErrRECIRetrieveKey / ErrRECIIRetrieveKey. The engine reads at most cbDataMost bytes of each value
 * (cbKeyMost to start with) and, unless cbKeyMost is 255, starts again with twice as much when a value
 * filled the read exactly but its segment came out short of every limit. */
JET_ERR esent_key_make_record_key(const esent_key_index *idx, const esent_key_value *vals,
                                  uint8_t *key, uint32_t *pcb_key, unsigned *pstate)
{
    if (!index_valid(idx) || vals == NULL || key == NULL || pcb_key == NULL)
        return JET_errInvalidParameter;

    const uint32_t cb_key_most = idx->cb_key_most;
    const int disallow = (idx->flags & ESENT_KEYIDX_DISALLOW_TRUNCATION) != 0;
    uint32_t cb_data_most = cb_key_most;
    uint8_t seg[ESENT_KEY_LIMIT_MOST_MOST];

    for (;;) {
        uint32_t cb_avail = cb_key_most, cb_key = 0;
        int all_nulls = 1, null_first = 0, null_seg = 0, key_truncated = 0, need_more = 0;

        for (uint32_t i = 0; i < idx->ccol; i++) {
            const esent_key_column *col = &idx->cols[i];
            const esent_key_value *v = &vals[i];

            if (cb_avail == 0) {
                /* no room left: the key counts as truncated even if this column is NULL */
                key_truncated = 1;
                if (disallow)
                    return JET_errKeyTruncated;
                if (v->is_null) {
                    if (i == 0)
                        null_first = 1;
                    null_seg = 1;
                }
                continue;
            }

            uint32_t cb_field = v->is_null ? 0 : v->cb;
            if (cb_field > cb_data_most)
                cb_field = cb_data_most;
            const void *pv = v->is_null ? NULL : v->pv;
            uint32_t cb_seg = 0;
            unsigned fseg = 0;

            if (pv == NULL || cb_field == 0) {
                if (v->is_null) {
                    if (i == 0)
                        null_first = 1;
                    null_seg = 1;
                } else {
                    all_nulls = 0;
                }
            } else {
                all_nulls = 0;
            }
            JET_ERR err = esent_key_normalize_segment(idx, col, pv, cb_field, !v->is_null, seg,
                                                      cb_avail, &cb_seg, &fseg, NULL);
            if (err < 0)
                return err;

            if (cb_field == cb_data_most && cb_seg < cb_key_most && cb_seg < cb_avail
                && cb_seg < var_seg_mac_raw(idx) && cb_key_most != ESENT_KEY_MOST_OLD)
                need_more = 1;

            if (!key_truncated) {
                if (fseg & ESENT_KEYSEG_TRUNCATED) {
                    key_truncated = 1;
                    if (disallow)
                        return JET_errKeyTruncated;
                }
                memcpy(key + cb_key, seg, cb_seg);
                cb_key += cb_seg;
                cb_avail -= cb_seg;
            }
        }

        if (need_more && cb_data_most < UINT32_MAX / 2) {
            cb_data_most *= 2;
            continue;
        }
        *pcb_key = cb_key;
        if (pstate != NULL) {
            *pstate = (all_nulls ? ESENT_KEY_NULL_ALL : 0) | (null_first ? ESENT_KEY_NULL_FIRST : 0)
                    | (null_seg ? ESENT_KEY_NULL_SEG : 0) | (key_truncated ? ESENT_KEY_TRUNCATED : 0);
        }
        return JET_errSuccess;
    }
}

/* ENG recupd.cxx / fldmod: an entry is left out when (NullKey && !AllowAllNulls) ||
 * (NullFirstSeg && !AllowFirstNull) || (NullSeg && !AllowSomeNulls), the strongest state only. */
int esent_key_state_indexed(unsigned state, int allow_all_nulls, int allow_first_null,
                            int allow_some_nulls)
{
    if (state & ESENT_KEY_NULL_ALL)
        return allow_all_nulls != 0;
    if (state & ESENT_KEY_NULL_FIRST)
        return allow_first_null != 0;
    if (state & ESENT_KEY_NULL_SEG)
        return allow_some_nulls != 0;
    return 1;
}

/* ---- Search keys -------------------------------------------------------------------------------- */

JET_ERR esent_keybuild_init(esent_keybuild *kb, uint32_t cb_key_most)
{
    if (kb == NULL || cb_key_most == 0 || cb_key_most > ESENT_KEY_MOST_MOST)
        return JET_errInvalidParameter;
    /* Every field but the key bytes: only key[0, cb) is ever read, and cb is 0 (JetMakeKey calls this for
     * every new key, so it stays cheap). */
    kb->cb_key_most = cb_key_most;
    kb->cb = 0;
    kb->cseg = 0;
    kb->prepared = 0;
    kb->limit = 0;
    kb->too_big = 0;
    return JET_errSuccess;
}

/* KSReset plus an empty key */
static void keybuild_reset(esent_keybuild *kb)
{
    kb->cb = 0;
    kb->cseg = 0;
    kb->prepared = 0;
    kb->limit = 0;
    kb->too_big = 0;
}

/* FLDISetFullColumnLimit: an end limit fills the rest of the key, and one byte more, with 0xFF. */
static void limit_full(uint8_t *seg, uint32_t *pcb, uint32_t cb_with_suffix, int sentinel)
{
    if (sentinel && *pcb < cb_with_suffix) {
        memset(seg + *pcb, ESENT_KEY_SENTINEL, cb_with_suffix - *pcb);
        *pcb = cb_with_suffix;
    }
}

/* FLDISetPartialColumnLimitOnTextColumn: keep the characters, drop what ends them (the single-byte
 * terminator; the 00 00 of ordinal keys; an LCMAP key from its first 01 byte on), and for an end limit
 * fill to cbAvail + 1 with 0xFF. */
static void limit_partial_text(const esent_key_index *idx, const esent_key_column *col,
                               uint8_t *seg, uint32_t *pcb, uint32_t cb_with_suffix, int sentinel)
{
    const uint32_t ib_suffix = cb_with_suffix - 1;
    const uint8_t mask = col->descending ? 0xFF : 0x00;
    uint32_t cb = *pcb, ib;

    if (cb < 2) {
        limit_full(seg, pcb, cb_with_suffix, sentinel);
        return;
    }
    if (col->cp == ESENT_CP_UNICODE && sortkey_of(idx)->format == ESENT_SORTKEY_FORMAT_LCMAP) {
        /* the engine scans to ib_suffix; bytes past the segment are not ours to read */
        const uint8_t delim = (uint8_t)(0x01 ^ mask);
        uint32_t end = min_u32(cb, ib_suffix);
        for (ib = 1; ib < end && seg[ib] != delim; ib++)
            ;
    } else if (col->cp == ESENT_CP_UNICODE) {
        /* ordinal keys: whole code units then 00 00 */
        ib = cb;
        if (cb >= 3 && (cb - 1) % 2 == 0 && seg[cb - 1] == mask && seg[cb - 2] == mask)
            ib = cb - 2;
    } else {
        ib = cb;
        if (seg[cb - 1] == mask)
            ib--;
    }
    ib = min_u32(ib, ib_suffix);
    if (sentinel) {
        memset(seg + ib, ESENT_KEY_SENTINEL, ib_suffix - ib + 1);
        *pcb = cb_with_suffix;
    } else {
        *pcb = ib;
    }
}

/* FLDITrySetPartialColumnLimitOnBinaryColumn */
static void limit_partial_binary(uint8_t *seg, uint32_t *pcb, uint32_t cb_with_suffix,
                                 uint32_t ib_delim, int sentinel)
{
    if (ib_delim == 0 || ib_delim >= *pcb) {
        limit_full(seg, pcb, cb_with_suffix, sentinel);
    } else if (sentinel) {
        uint32_t cb = min_u32(*pcb + 1, cb_with_suffix);
        memset(seg + ib_delim, ESENT_KEY_SENTINEL, cb - ib_delim);
        *pcb = cb;
    } else {
        *pcb = ib_delim;
    }
}

/* The limit switch at the end of ErrFLDNormalizeSegment. */
int esent_keybuild_limit(uint8_t *seg, uint32_t *pcb_seg, uint32_t cb_avail,
                         const esent_key_index *idx, const esent_key_column *col,
                         uint32_t ib_binary_delim, JET_GRBIT grbit)
{
    const uint32_t cb_with_suffix = cb_avail + 1;
    const int text = is_text(col->coltyp);

    switch (grbit & JET_maskLimitOptions) {
    case JET_bitFullColumnStartLimit:
    case JET_bitFullColumnEndLimit:
        limit_full(seg, pcb_seg, cb_with_suffix, (grbit & JET_bitFullColumnEndLimit) != 0);
        return 1;
    case JET_bitPartialColumnStartLimit:
    case JET_bitPartialColumnEndLimit: {
        const int end = (grbit & JET_bitPartialColumnEndLimit) != 0;
        if (text)
            limit_partial_text(idx, col, seg, pcb_seg, cb_with_suffix, end);
        else
            limit_partial_binary(seg, pcb_seg, cb_with_suffix, ib_binary_delim, end);
        return 1;
    }
    case 0:
        if ((grbit & JET_bitSubStrLimit) && text) {
            limit_partial_text(idx, col, seg, pcb_seg, cb_with_suffix, 1);
            return 1;
        }
        if (grbit & JET_bitStrLimit) {
            limit_partial_binary(seg, pcb_seg, cb_with_suffix, ib_binary_delim, 1);
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

/* ErrIsamMakeKey (after the cursor's index is known). */
JET_ERR esent_keybuild_add_segment(esent_keybuild *kb, const esent_key_index *idx,
                                   const void *pv, uint32_t cb, JET_GRBIT grbit)
{
    if (kb == NULL || kb->cb_key_most == 0 || kb->cb_key_most > ESENT_KEY_MOST_MOST)
        return JET_errInvalidParameter;
    const uint32_t cb_key_most = kb->cb_key_most;

    if (grbit & JET_bitNormalizedKey) {
        /* a key from JetRetrieveKey, loaded as is; longer than cbKeyMost makes it a limit */
        const uint32_t cb_limit_most = cb_key_most + 1;
        if (cb > cb_limit_most && cb > ESENT_KEY_MOST_OLD)
            return JET_errInvalidParameter;
        if (cb > cb_limit_most)
            cb = cb_limit_most;
        if (cb > 0 && pv == NULL)
            return JET_errInvalidParameter;
        keybuild_reset(kb);
        kb->cseg = 1;
        if (cb > 0)
            memcpy(kb->key, pv, cb);
        kb->cb = cb;
        kb->prepared = 1;
        kb->limit = cb > cb_key_most;
        return JET_errSuccess;
    }

    if (idx == NULL)
        return JET_errNoCurrentIndex;
    if (!index_valid(idx) || idx->cb_key_most != cb_key_most)
        return JET_errInvalidParameter;

    if (grbit & JET_bitNewKey)
        keybuild_reset(kb);
    else if (kb->limit)
        return JET_errKeyIsMade;
    else if (!kb->prepared)
        return JET_errKeyNotMade;

    /* RECINormalisePlaceholder: a new key on a primary index with a placeholder column starts with
     * that column's constant segment (7F 00, complemented when descending). */
    if (!kb->prepared && (idx->flags & ESENT_KEYIDX_PLACEHOLDER)
        && !(grbit & JET_bitKeyOverridePrimaryIndexPlaceholder)) {
        const uint8_t mask = idx->cols[0].descending ? 0xFF : 0x00;
        kb->key[0] = (uint8_t)(ESENT_KEY_PREFIX_DATA ^ mask);
        kb->key[1] = mask;
        kb->cb = 2;
        kb->cseg = 1;
    }

    if (kb->cseg >= idx->ccol)
        return JET_errKeyIsMade;
    const esent_key_column *col = &idx->cols[kb->cseg];

    const uint8_t *data = pv;
    uint32_t cb_data = cb;
    uint8_t padded[JET_cbColumnMost];
    if (cb_key_most == ESENT_KEY_MOST_OLD && cb_data > ESENT_KEY_MOST_OLD)
        cb_data = ESENT_KEY_MOST_OLD;

    if (col->fixed) {
        uint32_t cb_max = col->cb_fixed != 0 ? col->cb_fixed : coltyp_size(col->coltyp);
        if (cb > 0 && cb != cb_max) {
            /* a shorter value of a fixed Text column is padded as the record pads it
             * (RECTextColumnPadding: spaces; for Unicode the bytes of L' ' by offset parity) */
            if (col->coltyp == JET_coltypText && cb < cb_max && cb < sizeof(padded)
                && cb_max <= sizeof(padded) && data != NULL) {
                memcpy(padded, data, cb);
                for (uint32_t i = cb; i < cb_max; i++)
                    padded[i] = col->cp == ESENT_CP_UNICODE ? ((i % 2) == 0 ? 0x20 : 0x00) : 0x20;
                data = padded;
                cb_data = cb_max;
            } else {
                return JET_errInvalidBufferSize;
            }
        }
    }

    switch (grbit & JET_maskLimitOptions) {
    case JET_bitPartialColumnStartLimit:
    case JET_bitPartialColumnEndLimit:
        if (!is_text(col->coltyp) && (col->fixed || !is_binary(col->coltyp)))
            return JET_errInvalidGrbit;
        break;
    case 0:
    case JET_bitFullColumnStartLimit:
    case JET_bitFullColumnEndLimit:
        break;
    default:
        return JET_errInvalidGrbit;
    }

    uint8_t seg[ESENT_KEY_LIMIT_MOST_MOST];
    uint32_t cb_seg = 0;
    if (!kb->too_big && kb->cb < cb_key_most) {
        const uint32_t cb_avail = cb_key_most - kb->cb;
        const int zero_length = (grbit & JET_bitKeyDataZeroLength) != 0;
        uint32_t ib_delim = 0;
        unsigned fseg = 0;

        /* ErrFLDNormalizeSegment: zero-length only exists for variable Text/Binary */
        if ((data == NULL || cb_data == 0) && zero_length
            && (col->fixed || !(is_text(col->coltyp) || is_binary(col->coltyp))))
            return JET_errInvalidBufferSize;

        JET_ERR err = esent_key_normalize_segment(idx, col, data, cb_data, zero_length, seg, cb_avail,
                                                  &cb_seg, &fseg, &ib_delim);
        if (err < 0)
            return err;
        if (fseg & ESENT_KEYSEG_TRUNCATED)
            kb->too_big = 1;
        if (esent_keybuild_limit(seg, &cb_seg, cb_avail, idx, col, ib_delim, grbit))
            kb->limit = 1;
    }

    kb->cseg++;
    if (kb->cb + cb_seg > cb_key_most + 1)
        cb_seg = cb_key_most + 1 - kb->cb;
    memcpy(kb->key + kb->cb, seg, cb_seg);
    kb->cb += cb_seg;
    kb->prepared = 1;
    return JET_errSuccess;
}

/* ---- Fixed keys ---------------------------------------------------------------------------------- */

/* ENG recupd.cxx (sequential index): the DBK big-endian. */
void esent_key_sequential(uint32_t dbk, uint8_t out[ESENT_KEY_SEQUENTIAL_SIZE])
{
    esent_wrbe(out, dbk, 4);
}

uint32_t esent_key_sequential_dbk(const uint8_t key[ESENT_KEY_SEQUENTIAL_SIZE])
{
    return ((uint32_t)key[0] << 24) | ((uint32_t)key[1] << 16) | ((uint32_t)key[2] << 8) | key[3];
}

/* ENG _cat.cxx Id index: +ObjidTable (Long) +Type (Short) +Id (Long). */
void esent_key_catalog(uint32_t objid_table, uint16_t type, uint32_t id,
                       uint8_t out[ESENT_KEY_CATALOG_SIZE])
{
    out[0] = ESENT_KEY_PREFIX_DATA;
    esent_wrbe(out + 1, objid_table ^ 0x80000000u, 4);
    out[5] = ESENT_KEY_PREFIX_DATA;
    esent_wrbe(out + 6, (uint16_t)(type ^ 0x8000u), 2);
    out[8] = ESENT_KEY_PREFIX_DATA;
    esent_wrbe(out + 9, id ^ 0x80000000u, 4);
}

/* ENG _cat.cxx Name index: +ObjidTable +Type +Name (Text, cp 1252). */
void esent_key_catalog_name(uint32_t objid_table, uint16_t type, const char *name, uint32_t cb_name,
                            uint8_t *out, uint32_t *pcb_out)
{
    static const esent_key_column cols[3] = {
        { JET_coltypLong, 0, 1, 0, 0 },
        { JET_coltypShort, 0, 1, 0, 0 },
        { JET_coltypText, 1252, 0, 0, 0 },
    };
    const esent_key_index idx = { ESENT_KEY_MOST_OLD, 0, 0, NULL, 3, cols };
    uint8_t objid_le[4], type_le[2];
    objid_le[0] = (uint8_t)objid_table;
    objid_le[1] = (uint8_t)(objid_table >> 8);
    objid_le[2] = (uint8_t)(objid_table >> 16);
    objid_le[3] = (uint8_t)(objid_table >> 24);
    type_le[0] = (uint8_t)type;
    type_le[1] = (uint8_t)(type >> 8);
    esent_key_value vals[3] = {
        { objid_le, 4, 0 },
        { type_le, 2, 0 },
        { name, cb_name, name == NULL },
    };
    if (esent_key_make_record_key(&idx, vals, out, pcb_out, NULL) < 0)
        *pcb_out = 0;
}

void esent_key_catalog_root(uint8_t root_flag, const char *name, uint32_t cb_name, uint8_t *out, uint32_t *pcb_out)
{
    static const esent_key_column cols[2] = { { JET_coltypBit, 0, 1, 0, 1 }, { JET_coltypText, 1252, 0, 0, 0 } };
    const esent_key_index idx = { ESENT_KEY_MOST_OLD, 0, 0, NULL, 2, cols };
    const esent_key_value vals[2] = { { &root_flag, 1, 0 }, { name, cb_name, name == NULL } };
    if (esent_key_make_record_key(&idx, vals, out, pcb_out, NULL) < 0)
        *pcb_out = 0;
}

int esent_key_compare(const uint8_t *a, uint32_t cb_a, const uint8_t *b, uint32_t cb_b)
{
    uint32_t n = min_u32(cb_a, cb_b);
    int c = n > 0 ? memcmp(a, b, n) : 0;
    if (c != 0)
        return c;
    return cb_a < cb_b ? -1 : cb_a > cb_b ? 1 : 0;
}
