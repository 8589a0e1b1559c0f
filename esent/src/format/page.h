/* Database pages (ese-format.md §2.1-2.5, §2.7): the one module that knows a page's bytes — page
 * header, tag array, nodes and key-prefix compression, the external header of root pages (tag 0)
 * and the split buffer of space-tree roots. Pure functions over caller buffers; no I/O, no allocation.
 * Checksums are in format/checksum.h.
 *
 * Layout of a page of cbPage bytes (little-endian):
 *   [0, cbHeader)                    PGHDR (40 bytes) or, on large pages (cbPage > 8192), PGHDR2 (80)
 *   [cbHeader, cbHeader + ibMicFree) data area: node bytes, grows upward
 *   ...                              free space
 *   [cbPage - 4*ctag, cbPage)        tag array, grows downward: tag i = the 4 bytes at cbPage - 4*(i+1),
 *                                    u16 cb then u16 ib, ib relative to the end of the header.
 * Small pages: size = cb & 0x1FFF, offset = ib & 0x1FFF, node flags = ib >> 13. Large pages:
 * size = cb & 0x7FFF, offset = ib & 0x7FFF, node flags = the top 3 bits of the node's first u16
 * (every tag but tag 0).
 *
 * Reading: esent_page_view_init validates the header against the page size; from then on every
 * accessor checks each offset and length it reads from the page against the page bounds, and any
 * violation is JET_errDatabaseCorrupted — never a read outside the page. Pointers handed out point
 * into the caller's page bytes.
 *
 * Writing: esent_page_init + esent_page_set_tag0 + esent_page_append_node build a compact page
 * (nodes packed in itag order, no gaps), keeping cbFree, ibMicFree and itagState consistent:
 *   ibMicFree = Σ tag sizes, cbFree = cbPage - cbHeader - ibMicFree - 4*ctag, ctagReserved = 0.
 * The checksum is left to esent_page_checksum_stamp, after the last change. */
#ifndef ESENT_FORMAT_PAGE_H
#define ESENT_FORMAT_PAGE_H

#include "api/api.h"

#define ESENT_PGHDR_SIZE        40u
#define ESENT_PGHDR2_SIZE       80u
#define ESENT_TAG_SIZE          4u
#define ESENT_ITAG_MAX          0x0FFFu  /* itagMicFree has 12 bits */

/* Page flags (PGHDR.fFlags), §2.3. */
#define ESENT_PAGE_ROOT              0x00000001u
#define ESENT_PAGE_LEAF              0x00000002u
#define ESENT_PAGE_PARENT_OF_LEAF    0x00000004u
#define ESENT_PAGE_EMPTY             0x00000008u
#define ESENT_PAGE_REPAIR            0x00000010u
#define ESENT_PAGE_PRIMARY           0x00000000u
#define ESENT_PAGE_SPACE_TREE        0x00000020u
#define ESENT_PAGE_INDEX             0x00000040u
#define ESENT_PAGE_LONG_VALUE        0x00000080u
#define ESENT_PAGE_NON_UNIQUE_KEYS   0x00000400u
#define ESENT_PAGE_NEW_RECORD_FORMAT 0x00000800u
#define ESENT_PAGE_NEW_CHECKSUM      0x00002000u
#define ESENT_PAGE_SCRUBBED          0x00004000u
#define ESENT_PAGE_FLUSH_TYPE_MASK   0x00018000u  /* 2-bit flush state, << 15 */
#define ESENT_PAGE_PRE_INIT          0x00020000u
#define ESENT_PAGE_FDP_DELETE        0x00040000u

/* Node (tag) flags, §2.4. */
#define ESENT_ND_VERSION     0x1u
#define ESENT_ND_DELETED     0x2u
#define ESENT_ND_COMPRESSED  0x4u  /* the key starts with cbPrefix bytes of tag 0 */

#define ESENT_ND_CB_KEY_MASK 0x1FFFu  /* cbPrefix / cbSuffix field mask */

/* Decoded page header; the PGHDR2 fields are zero on small pages. */
typedef struct esent_pghdr {
    uint64_t checksum;            /* offset 0 */
    uint64_t dbtime_dirtied;      /* 8 */
    uint32_t pgno_prev;           /* 16: left sibling (leaf level), 0 = none */
    uint32_t pgno_next;           /* 20: right sibling */
    uint32_t objid_fdp;           /* 24: B-tree the page belongs to */
    uint16_t cb_free;             /* 28: free bytes, fragmented space included */
    uint16_t cb_uncommitted_free; /* 30 */
    uint16_t ib_mic_free;         /* 32: end of the used data area, relative to the end of the header */
    uint16_t itag_state;          /* 34: bits 0-11 ctag (tag 0 included), 12-14 ctagReserved (0 = 1) */
    uint32_t flags;               /* 36: ESENT_PAGE_* */
    uint64_t rg_checksum[3];      /* 40, 48, 56: large pages, checksums of blocks 1..3 */
    uint32_t pgno;                /* 64: large pages, this page's number */
    uint8_t  reserved[12];        /* 68 */
} esent_pghdr;

/* dbtimeDirtied of a page (offset 8), read and written without decoding the rest of the header. */
uint64_t esent_page_dbtime(const uint8_t *page);
void esent_page_set_dbtime(uint8_t *page, uint64_t dbtime);
/* fFlags of a page (offset 36), read without decoding the rest of the header. */
uint32_t esent_page_flags(const uint8_t *page);

/* Decodes the header of a page of cb_page bytes (a supported size, format/checksum.h).
 * JET_errInvalidParameter when cb_page is unsupported. No consistency checks. */
JET_ERR esent_pghdr_decode(const uint8_t *page, uint32_t cb_page, esent_pghdr *out);
/* Writes every header field (the PGHDR2 ones only on large pages). Leaves the rest of the page as is. */
void esent_pghdr_encode(const esent_pghdr *h, uint8_t *page, uint32_t cb_page);

/* A validated, read-only view of one page. */
typedef struct esent_page_view {
    const uint8_t *page;
    uint32_t cb_page;
    uint32_t cb_header;      /* 40 or 80 */
    uint32_t large;          /* cb_page > 8192 */
    uint32_t ctag;           /* tags in use, tag 0 included */
    uint32_t ctag_reserved;  /* bits 12-14 of itagState, 0 read as 1 (legacy) */
    uint32_t cb_data_max;    /* bytes between header and tag array: cb_page - cb_header - 4*ctag */
    esent_pghdr hdr;
} esent_page_view;

/* Initialises the view. JET_errInvalidParameter when cb_page is unsupported; JET_errDatabaseCorrupted
 * when the tag array does not fit in the page, or ibMicFree, cbFree or cbUncommittedFree exceed the room
 * between header and tag array (cbUncommittedFree must also be <= cbFree). */
JET_ERR esent_page_view_init(esent_page_view *v, const uint8_t *page, uint32_t cb_page);

/* Memory hints (no effect on any result): start loading the cache line at p, which may be any address. */
#if defined(__GNUC__)
#define ESENT_PREFETCH(p) __builtin_prefetch(p)
#else
#define ESENT_PREFETCH(p) ((void)(p))
#endif

/* Probing a page's nodes, the inner loop of every B-tree search: the view's fields a probe reads, as scalars
 * computed once per page (esent_page_probe_of), which a search loop keeps in registers. */
typedef struct esent_page_probe {
    const uint8_t *tags;      /* page + cb_page: tag i is the 4 bytes at tags - 4*(i+1) */
    const uint8_t *data;      /* page + cb_header: the data area */
    uint32_t mask;            /* a tag's size and offset bits: 0x1FFF on small pages, 0x7FFF on large ones */
    uint32_t ib_mic_free;     /* the used data area is [0, ibMicFree), ibMicFree <= cb_data_max */
    uint32_t cb_data_max;
    uint32_t ctag;
    uint32_t large;
} esent_page_probe;

static inline esent_page_probe esent_page_probe_of(const esent_page_view *v)
{
    esent_page_probe p;
    p.tags = v->page + v->cb_page;
    p.data = v->page + v->cb_header;
    p.mask = v->large ? 0x7FFFu : 0x1FFFu;
    p.ib_mic_free = v->hdr.ib_mic_free;
    p.cb_data_max = v->cb_data_max;
    p.ctag = v->ctag;
    p.large = v->large;
    return p;
}

/* Where node itag's bytes start, for ESENT_PREFETCH only: an address inside the page whatever the tag holds
 * (an offset out of the data area, or itag >= ctag, gives the data area's start). Nothing
 * is read through it; esent_page_node is the checked accessor. Reads only tag itag, inside the tag array. */
static inline const uint8_t *esent_page_probe_hint(const esent_page_probe *p, uint32_t itag)
{
    if (itag >= p->ctag)
        return p->data;
    const uint8_t *ptag = p->tags - ESENT_TAG_SIZE * (itag + 1u);
    uint32_t ib = (uint32_t)(ptag[2] | (ptag[3] << 8)) & p->mask;
    return p->data + (ib < p->cb_data_max ? ib : 0u);
}
static inline const uint8_t *esent_page_node_hint(const esent_page_view *v, uint32_t itag)
{
    const esent_page_probe p = esent_page_probe_of(v);
    return esent_page_probe_hint(&p, itag);
}

/* Tag itag (0 <= itag < ctag): its bytes in the page, size and node flags (ESENT_ND_*; 0 for tag 0
 * of a large page, and for a large-page tag shorter than 2 bytes). JET_errDatabaseCorrupted when
 * itag >= ctag or the bytes are not within the data area (after the header, before the tag array,
 * and below ibMicFree; an empty tag only needs its offset inside the data area). */
JET_ERR esent_page_tag(const esent_page_view *v, uint32_t itag, const uint8_t **node_bytes, uint32_t *cb,
                       uint32_t *fflags);

/* A decoded node (tags 1..ctag-1), §2.5:
 *   [if ESENT_ND_COMPRESSED: u16 cbPrefix] u16 cbSuffix, suffix bytes, data bytes (rest of the tag)
 *   key = the first cbPrefix bytes of tag 0, then the suffix. */
typedef struct esent_node {
    uint32_t flags;           /* ESENT_ND_* */
    const uint8_t *prefix;    /* in tag 0; NULL when cb_prefix is 0 */
    uint32_t cb_prefix;
    const uint8_t *suffix;
    uint32_t cb_suffix;
    const uint8_t *data;
    uint32_t cb_data;
} esent_node;

/* The node accessors below are inline: they are the inner loop of every B-tree search. Every offset and
 * length read from the page is checked against the view before anything is read through it, exactly as
 * esent_page_tag checks. They are built from two steps, each the one implementation of its checks: */

/* Step 1, the tag of node itag (1 <= itag < ctag, the caller checked): *ppb and *pcb = its bytes, which lie in
 * the used data area [0, ibMicFree) and hold at least the cbSuffix field (cb >= 2); *pflags = its node flags.
 * JET_errDatabaseCorrupted otherwise. */
static inline JET_ERR esent_page_node_bytes(const esent_page_probe *p, uint32_t itag, const uint8_t **ppb,
                                            uint32_t *pcb, uint32_t *pflags)
{
    /* the tag array lies within the page (esent_page_view_init) */
    const uint8_t *ptag = p->tags - ESENT_TAG_SIZE * (itag + 1u);
    const uint32_t ib_raw = (uint32_t)(ptag[2] | (ptag[3] << 8));
    const uint32_t cb = (uint32_t)(ptag[0] | (ptag[1] << 8)) & p->mask, ib = ib_raw & p->mask;
    if (cb < 2u || ib > p->ib_mic_free || cb > p->ib_mic_free - ib)
        return JET_errDatabaseCorrupted;
    const uint8_t *pb = p->data + ib;
    *ppb = pb;
    *pcb = cb;
    *pflags = p->large ? (uint32_t)(pb[1] >> 5) : ib_raw >> 13;
    return JET_errSuccess;
}

/* Step 2, the suffix of a node of cb bytes at pb whose cbSuffix field starts at offset at (at + 2 <= cb
 * checked here): *pcb_suffix bytes from *psuffix, within the node. JET_errDatabaseCorrupted otherwise. */
static inline JET_ERR esent_page_node_suffix(const uint8_t *pb, uint32_t cb, uint32_t at, const uint8_t **psuffix,
                                              uint32_t *pcb_suffix)
{
    if (cb - at < 2u)
        return JET_errDatabaseCorrupted;
    const uint32_t cb_suffix = (uint32_t)(pb[at] | (pb[at + 1] << 8)) & ESENT_ND_CB_KEY_MASK;
    if (cb_suffix > cb - at - 2u)
        return JET_errDatabaseCorrupted;
    *psuffix = pb + at + 2u;
    *pcb_suffix = cb_suffix;
    return JET_errSuccess;
}

/* Decodes node itag (>= 1; 0 is JET_errInvalidParameter). JET_errDatabaseCorrupted when the tag is bad
 * (esent_page_tag), shorter than its size fields, cbSuffix runs past the tag, the node is compressed on a
 * root page (tag 0 is the external header there) or cbPrefix exceeds the size of tag 0. */
static inline JET_ERR esent_page_node(const esent_page_view *v, uint32_t itag, esent_node *out)
{
    const esent_page_probe p = esent_page_probe_of(v);
    const uint8_t *pb;
    uint32_t cb, flags, at = 0;
    if (itag == 0)
        return JET_errInvalidParameter;
    if (itag >= v->ctag || esent_page_node_bytes(&p, itag, &pb, &cb, &flags) != JET_errSuccess)
        return JET_errDatabaseCorrupted;
    out->flags = flags;
    out->prefix = NULL;
    out->cb_prefix = 0;
    if (flags & ESENT_ND_COMPRESSED) {
        if (v->hdr.flags & ESENT_PAGE_ROOT)
            return JET_errDatabaseCorrupted;
        /* tag 0, checked as esent_page_tag checks it */
        const uint8_t *ptag0 = p.tags - ESENT_TAG_SIZE;
        const uint32_t cb0 = (uint32_t)(ptag0[0] | (ptag0[1] << 8)) & p.mask;
        const uint32_t ib0 = (uint32_t)(ptag0[2] | (ptag0[3] << 8)) & p.mask;
        if (cb0 == 0 ? ib0 > v->cb_data_max : (ib0 > v->hdr.ib_mic_free || cb0 > v->hdr.ib_mic_free - ib0))
            return JET_errDatabaseCorrupted;
        out->cb_prefix = (uint32_t)(pb[0] | (pb[1] << 8)) & ESENT_ND_CB_KEY_MASK;
        if (out->cb_prefix > cb0)
            return JET_errDatabaseCorrupted;
        out->prefix = out->cb_prefix ? p.data + ib0 : NULL;
        at = 2;
    }
    if (esent_page_node_suffix(pb, cb, at, &out->suffix, &out->cb_suffix) != JET_errSuccess)
        return JET_errDatabaseCorrupted;
    out->data = out->suffix + out->cb_suffix;
    out->cb_data = cb - at - 2u - out->cb_suffix;
    return JET_errSuccess;
}

/* The key of node itag (1 <= itag < ctag, the caller checked) for a search probe, without decoding the rest:
 * 1 when the node is not compressed (every node this engine writes), its key being *pcb_key bytes from *pkey;
 * 0 when it is compressed (its key starts in tag 0: decode it with esent_page_node); JET_errDatabaseCorrupted
 * where esent_page_node would be (the same checks, of the bytes read). */
static inline JET_ERR esent_page_node_key(const esent_page_probe *p, uint32_t itag, const uint8_t **pkey,
                                          uint32_t *pcb_key)
{
    const uint8_t *pb;
    uint32_t cb, flags;
    if (esent_page_node_bytes(p, itag, &pb, &cb, &flags) != JET_errSuccess)
        return JET_errDatabaseCorrupted;
    if (flags & ESENT_ND_COMPRESSED)
        return 0;
    return esent_page_node_suffix(pb, cb, 0, pkey, pcb_key) == JET_errSuccess ? 1 : JET_errDatabaseCorrupted;
}

/* *pused = the sum of every tag's size (tag 0 included), each tag checked as esent_page_tag checks it
 * (JET_errDatabaseCorrupted). What esent_page_insert_node counts as used: a node of cb bytes goes in when
 * used + cb + 4 <= cb_data_max. */
JET_ERR esent_page_cb_used(const esent_page_view *v, uint32_t *pused);

/* *pany = some node (tags 1..ctag-1) carries a node flag of fflags. Every tag is checked as esent_page_tag
 * checks it (JET_errDatabaseCorrupted for the first bad one); one pass, no node decoded. */
JET_ERR esent_page_any_node_flag(const esent_page_view *v, uint32_t fflags, int *pany);

/* Full key of a node into buf (cb_buf bytes); *cb_key = its length (always set).
 * JET_errBufferTooSmall when it does not fit (buf untouched). */
JET_ERR esent_node_key(const esent_node *n, uint8_t *buf, uint32_t cb_buf, uint32_t *cb_key);

/* Bytes a node with these parts takes: 2 (+2 when cb_prefix > 0) + cb_suffix + cb_data. */
uint32_t esent_node_size(uint32_t cb_prefix, uint32_t cb_suffix, uint32_t cb_data);
/* Encodes a node into out (cb_out bytes): cb_prefix > 0 writes the cbPrefix field (the caller then
 * passes ESENT_ND_COMPRESSED to esent_page_append_node). JET_errInvalidParameter when cb_prefix or
 * cb_suffix exceed 0x1FFF, JET_errBufferTooSmall when out is too small. */
JET_ERR esent_node_encode(uint32_t cb_prefix, const uint8_t *suffix, uint32_t cb_suffix, const uint8_t *data,
                          uint32_t cb_data, uint8_t *out, uint32_t cb_out, uint32_t *cb_written);

/* SPACE_HEADER (16 bytes), §2.7. */
#define ESENT_SPH_SIZE           16u
#define ESENT_SPH_MULTIPLE_EXTENT 0x01u
#define ESENT_SPH_NON_UNIQUE      0x02u
#define ESENT_SPH_V2              0x04u
typedef struct esent_space_header {
    uint32_t cpg_primary;   /* v1: pages in the primary extent; v2: last allocation size */
    uint32_t pgno_parent;   /* FDP of the parent tree (0 for the database root) */
    uint32_t flags;         /* ESENT_SPH_* (byte 0; the other bytes kept as read) */
    uint32_t avail_or_oe;   /* single extent: rgbitAvail; multiple extent: pgnoOE (AE = pgnoOE + 1) */
} esent_space_header;

/* External header of a root page (its tag 0): the legacy form is a bare SPACE_HEADER (16 bytes); the
 * extended form is a field bitmap byte followed by the fields it names, in bit order:
 * 0x01 SPACE_HEADER (16), 0x02 u64 maximum auto-increment value (8). */
#define ESENT_EXTHDR_SPACE_HEADER 0x01u
#define ESENT_EXTHDR_AUTOINC      0x02u
typedef struct esent_ext_header {
    uint32_t extended;       /* 0: legacy 16-byte form */
    uint32_t fields;         /* ESENT_EXTHDR_* present (legacy: SPACE_HEADER); unknown bits kept */
    esent_space_header sph;  /* zero when absent */
    uint64_t autoinc_max;    /* zero when absent */
} esent_ext_header;

/* JET_errDatabaseCorrupted when the bytes are too short for the fields the bitmap names, or have extra
 * bytes while the bitmap names only known fields (unknown later fields may follow the known ones). */
JET_ERR esent_ext_header_decode(const uint8_t *p, uint32_t cb, esent_ext_header *out);
/* Legacy 16-byte form (what writers use). */
void esent_space_header_encode(const esent_space_header *sph, uint8_t out[ESENT_SPH_SIZE]);

/* SPLIT_BUFFER (tag 0 of a space-tree root), 16 bytes: two { u32 pgnoLast, i32 cpg } extents. */
#define ESENT_SPLIT_BUFFER_SIZE 16u
typedef struct esent_split_buffer {
    uint32_t pgno_last[2];
    int32_t cpg[2];
} esent_split_buffer;
/* cb == 0 decodes as all zero (no split buffer); otherwise cb must be 16, else JET_errDatabaseCorrupted. */
JET_ERR esent_split_buffer_decode(const uint8_t *p, uint32_t cb, esent_split_buffer *out);
void esent_split_buffer_encode(const esent_split_buffer *sb, uint8_t out[ESENT_SPLIT_BUFFER_SIZE]);

/* Writer: zero-fills the page, writes h's dbtime, siblings, objid and flags (and, on large pages, pgno)
 * and makes tag 0 an empty tag: ctag = 1, ibMicFree = 0, cbFree = cbPage - cbHeader - 4. The fields
 * checksum, cb_free, cb_uncommitted_free, ib_mic_free, itag_state, rg_checksum of h are ignored.
 * JET_errInvalidParameter when cb_page is unsupported. */
JET_ERR esent_page_init(uint8_t *page, uint32_t cb_page, const esent_pghdr *h);
/* Sets the bytes of tag 0. While the page has no other tag (ctag == 1) they become the whole data
 * area (any size that fits); afterwards only a same-size overwrite in place is allowed.
 * JET_errInvalidParameter otherwise, JET_errBufferTooSmall when they do not fit. */
JET_ERR esent_page_set_tag0(uint8_t *page, uint32_t cb_page, const uint8_t *bytes, uint32_t cb);
/* Appends a node as tag ctag (returned in *itag when itag != NULL) with node flags fflags (ESENT_ND_*).
 * cb >= 2 (every node starts with a u16 size field). On large pages the flags go to the top 3 bits of
 * the node's first u16 (whose own top 3 bits must be 0). JET_errInvalidParameter on a bad argument,
 * JET_errBufferTooSmall when the node plus its tag do not fit in the free space or ctag would exceed
 * ESENT_ITAG_MAX. */
JET_ERR esent_page_append_node(uint8_t *page, uint32_t cb_page, const uint8_t *node, uint32_t cb, uint32_t fflags,
                               uint32_t *itag);
/* An entry to append: a node without key-prefix compression and without node flags. */
typedef struct esent_page_entry {
    const uint8_t *key;
    uint32_t cb_key;
    const uint8_t *data;
    uint32_t cb_data;
} esent_page_entry;
/* Appends the entries in order, as esent_page_append_node would with each one encoded by
 * esent_node_encode(0, key, cb_key, data, cb_data) and fflags 0, in one pass over the page. Errors as those
 * two (JET_errInvalidParameter for a key or data too long, JET_errBufferTooSmall when an entry does not fit);
 * the entries before the failing one stay appended. */
JET_ERR esent_page_append_entries(uint8_t *page, uint32_t cb_page, const esent_page_entry *e, uint32_t n);
/* Free space a further node may use, its 4-byte tag included (0 when none). */
uint32_t esent_page_cb_free(const uint8_t *page, uint32_t cb_page);

/* Modifying a page in place (the B-tree writer). The page must pass esent_page_view_init and all its tags
 * must be valid (esent_page_tag), else JET_errDatabaseCorrupted with the page untouched.
 * After each call the layout fields are recomputed from the tags:
 *   cbFree = cbPage - cbHeader - 4*ctag - Σ tag sizes (holes left by deletes included),
 *   ibMicFree = the highest end of a tag's bytes, cbUncommittedFree = 0 (there is no version store:
 *   space held for a rollback is free), ctagReserved = 0.
 * Node bytes keep their node flags (small pages: the tag's top 3 bits; large pages: the node's first u16).
 * When the free bytes suffice but not contiguously after ibMicFree, the data area is compacted first (the
 * nodes slide down in offset order; itags do not change). */
/* Inserts a node as tag itag (1 <= itag <= ctag); tags itag.. move up by one. cb >= 2; fflags as
 * esent_page_append_node. JET_errBufferTooSmall when cbFree < cb + 4 or ctag would exceed ESENT_ITAG_MAX. */
JET_ERR esent_page_insert_node(uint8_t *page, uint32_t cb_page, uint32_t itag, const uint8_t *node, uint32_t cb,
                               uint32_t fflags);
/* Gives node itag (>= 1) new bytes and flags. JET_errBufferTooSmall when cbFree + its old size < cb. */
JET_ERR esent_page_replace_node(uint8_t *page, uint32_t cb_page, uint32_t itag, const uint8_t *node, uint32_t cb,
                                uint32_t fflags);
/* Removes node itag (>= 1); tags above it move down by one. */
JET_ERR esent_page_delete_node(uint8_t *page, uint32_t cb_page, uint32_t itag);

/* Rewrites the SPACE_HEADER inside an external header of cb bytes (either form), in place, keeping every
 * other field. JET_errDatabaseCorrupted when the bytes are not an external header holding one. */
JET_ERR esent_ext_header_set_space(uint8_t *p, uint32_t cb, const esent_space_header *sph);

#endif
