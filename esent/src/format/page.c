#include "format/page.h"
#include "format/bytes.h"

#include "format/checksum.h"

#include <string.h>


static int is_large(uint32_t cb_page)
{
    return cb_page > ESENT_PAGE_SMALL_MAX;
}
static uint32_t header_size(uint32_t cb_page)
{
    return is_large(cb_page) ? ESENT_PGHDR2_SIZE : ESENT_PGHDR_SIZE;
}
/* Offset and size masks of a tag: 13 bits on small pages, 15 on large ones. */
static uint32_t tag_mask(uint32_t cb_page)
{
    return is_large(cb_page) ? 0x7FFFu : 0x1FFFu;
}
/* Byte offset of tag itag's 4 bytes; the caller guarantees 4*(itag+1) <= cb_page. */
static uint32_t tag_offset(uint32_t cb_page, uint32_t itag)
{
    return cb_page - ESENT_TAG_SIZE * (itag + 1);
}

/* ---- header ------------------------------------------------------------------------------- */

uint64_t esent_page_dbtime(const uint8_t *page) { return esent_rd64(page + 8); }
void esent_page_set_dbtime(uint8_t *page, uint64_t dbtime) { esent_wr64(page + 8, dbtime); }
uint32_t esent_page_flags(const uint8_t *page) { return esent_rd32(page + 36); }

JET_ERR esent_pghdr_decode(const uint8_t *page, uint32_t cb_page, esent_pghdr *out)
{
    if (!esent_checksum_page_size_ok(cb_page))
        return JET_errInvalidParameter;
    memset(out, 0, sizeof(*out));
    out->checksum = esent_rd64(page);
    out->dbtime_dirtied = esent_rd64(page + 8);
    out->pgno_prev = esent_rd32(page + 16);
    out->pgno_next = esent_rd32(page + 20);
    out->objid_fdp = esent_rd32(page + 24);
    out->cb_free = esent_rd16(page + 28);
    out->cb_uncommitted_free = esent_rd16(page + 30);
    out->ib_mic_free = esent_rd16(page + 32);
    out->itag_state = esent_rd16(page + 34);
    out->flags = esent_rd32(page + 36);
    if (is_large(cb_page)) {
        for (uint32_t i = 0; i < 3; i++)
            out->rg_checksum[i] = esent_rd64(page + 40 + 8 * i);
        out->pgno = esent_rd32(page + 64);
        memcpy(out->reserved, page + 68, sizeof(out->reserved));
    }
    return JET_errSuccess;
}

void esent_pghdr_encode(const esent_pghdr *h, uint8_t *page, uint32_t cb_page)
{
    if (!esent_checksum_page_size_ok(cb_page))
        return;
    esent_wr64(page, h->checksum);
    esent_wr64(page + 8, h->dbtime_dirtied);
    esent_wr32(page + 16, h->pgno_prev);
    esent_wr32(page + 20, h->pgno_next);
    esent_wr32(page + 24, h->objid_fdp);
    esent_wr16(page + 28, h->cb_free);
    esent_wr16(page + 30, h->cb_uncommitted_free);
    esent_wr16(page + 32, h->ib_mic_free);
    esent_wr16(page + 34, h->itag_state);
    esent_wr32(page + 36, h->flags);
    if (is_large(cb_page)) {
        for (uint32_t i = 0; i < 3; i++)
            esent_wr64(page + 40 + 8 * i, h->rg_checksum[i]);
        esent_wr32(page + 64, h->pgno);
        memcpy(page + 68, h->reserved, sizeof(h->reserved));
    }
}

/* ---- reading ------------------------------------------------------------------------------ */

JET_ERR esent_page_view_init(esent_page_view *v, const uint8_t *page, uint32_t cb_page)
{
    /* Every B-tree page visit starts here: the header is decoded straight into the view (the fields
     * esent_pghdr_decode sets, the large-page ones zero on small pages), with no intermediate copy. */
    if (!esent_checksum_page_size_ok(cb_page)) {
        memset(v, 0, sizeof(*v));
        return JET_errInvalidParameter;
    }
    esent_pghdr *h = &v->hdr;
    h->checksum = esent_rd64(page);
    h->dbtime_dirtied = esent_rd64(page + 8);
    h->pgno_prev = esent_rd32(page + 16);
    h->pgno_next = esent_rd32(page + 20);
    h->objid_fdp = esent_rd32(page + 24);
    h->cb_free = esent_rd16(page + 28);
    h->cb_uncommitted_free = esent_rd16(page + 30);
    h->ib_mic_free = esent_rd16(page + 32);
    h->itag_state = esent_rd16(page + 34);
    h->flags = esent_rd32(page + 36);
    v->large = (uint32_t)is_large(cb_page);
    if (v->large) {
        for (uint32_t i = 0; i < 3; i++)
            h->rg_checksum[i] = esent_rd64(page + 40 + 8 * i);
        h->pgno = esent_rd32(page + 64);
        memcpy(h->reserved, page + 68, sizeof(h->reserved));
    } else {
        h->rg_checksum[0] = h->rg_checksum[1] = h->rg_checksum[2] = 0;
        h->pgno = 0;
        memset(h->reserved, 0, sizeof(h->reserved));
    }
    v->page = page;
    v->cb_page = cb_page;
    v->cb_header = header_size(cb_page);
    v->ctag = h->itag_state & ESENT_ITAG_MAX;
    uint32_t reserved = (h->itag_state >> 12) & 7u;
    v->ctag_reserved = reserved == 0 ? 1u : reserved;
    v->cb_data_max = 0;
    /* Header and tag array must not overlap: cb_header + 4*ctag <= cb_page (ctag <= 4095, no overflow). */
    if (v->cb_header + ESENT_TAG_SIZE * v->ctag > cb_page)
        return JET_errDatabaseCorrupted;
    v->cb_data_max = cb_page - v->cb_header - ESENT_TAG_SIZE * v->ctag;
    if (h->ib_mic_free > v->cb_data_max || h->cb_free > v->cb_data_max || h->cb_uncommitted_free > h->cb_free)
        return JET_errDatabaseCorrupted;
    return JET_errSuccess;
}

JET_ERR esent_page_tag(const esent_page_view *v, uint32_t itag, const uint8_t **node_bytes, uint32_t *cb,
                       uint32_t *fflags)
{
    if (itag >= v->ctag)
        return JET_errDatabaseCorrupted;
    const uint8_t *ptag = v->page + tag_offset(v->cb_page, itag);
    uint32_t mask = tag_mask(v->cb_page);
    uint32_t cb_raw = esent_rd16(ptag), ib_raw = esent_rd16(ptag + 2);
    uint32_t cbT = cb_raw & mask, ibT = ib_raw & mask;
    /* A non-empty tag lies in the used data area [0, ibMicFree), itself within [0, cb_data_max). An
     * empty one only needs a position in the data area: the engine leaves stale offsets in empty
     * tags (e.g. tag 0 of pages flagged fPageEmpty, whose ibMicFree is 0). */
    if (cbT == 0) {
        if (ibT > v->cb_data_max)
            return JET_errDatabaseCorrupted;
    } else if (ibT > v->hdr.ib_mic_free || cbT > v->hdr.ib_mic_free - ibT) {
        return JET_errDatabaseCorrupted;
    }
    const uint8_t *pb = v->page + v->cb_header + ibT;
    uint32_t flags = 0;
    if (!v->large)
        flags = ib_raw >> 13;
    else if (itag > 0 && cbT >= 2)
        flags = pb[1] >> 5;
    *node_bytes = pb;
    *cb = cbT;
    *fflags = flags;
    return JET_errSuccess;
}

JET_ERR esent_page_any_node_flag(const esent_page_view *v, uint32_t fflags, int *pany)
{
    const uint32_t mask = tag_mask(v->cb_page), ib_mic_free = v->hdr.ib_mic_free;
    *pany = 0;
    for (uint32_t itag = 1; itag < v->ctag; itag++) {
        const uint8_t *ptag = v->page + tag_offset(v->cb_page, itag);
        uint32_t cb = esent_rd16(ptag) & mask, ib_raw = esent_rd16(ptag + 2), ib = ib_raw & mask;
        if (cb == 0 ? ib > v->cb_data_max : (ib > ib_mic_free || cb > ib_mic_free - ib))
            return JET_errDatabaseCorrupted;
        uint32_t flags = !v->large ? ib_raw >> 13 : cb >= 2 ? (uint32_t)(v->page[v->cb_header + ib + 1] >> 5) : 0u;
        if (flags & fflags)
            *pany = 1;
    }
    return JET_errSuccess;
}

JET_ERR esent_node_key(const esent_node *n, uint8_t *buf, uint32_t cb_buf, uint32_t *cb_key)
{
    uint32_t cb = n->cb_prefix + n->cb_suffix;  /* each <= 0x1FFF: no overflow */
    *cb_key = cb;
    if (cb > cb_buf)
        return JET_errBufferTooSmall;
    if (n->cb_prefix)
        memcpy(buf, n->prefix, n->cb_prefix);
    if (n->cb_suffix)
        memcpy(buf + n->cb_prefix, n->suffix, n->cb_suffix);
    return JET_errSuccess;
}

uint32_t esent_node_size(uint32_t cb_prefix, uint32_t cb_suffix, uint32_t cb_data)
{
    return (cb_prefix ? 4u : 2u) + cb_suffix + cb_data;
}

JET_ERR esent_node_encode(uint32_t cb_prefix, const uint8_t *suffix, uint32_t cb_suffix, const uint8_t *data,
                          uint32_t cb_data, uint8_t *out, uint32_t cb_out, uint32_t *cb_written)
{
    if (cb_prefix > ESENT_ND_CB_KEY_MASK || cb_suffix > ESENT_ND_CB_KEY_MASK || cb_data > 0xFFFFu)
        return JET_errInvalidParameter;
    uint32_t cb = esent_node_size(cb_prefix, cb_suffix, cb_data);
    if (cb > cb_out)
        return JET_errBufferTooSmall;
    uint32_t ib = 0;
    if (cb_prefix) {
        esent_wr16(out, cb_prefix);
        ib = 2;
    }
    esent_wr16(out + ib, cb_suffix);
    ib += 2;
    if (cb_suffix)
        memcpy(out + ib, suffix, cb_suffix);
    ib += cb_suffix;
    if (cb_data)
        memcpy(out + ib, data, cb_data);
    *cb_written = cb;
    return JET_errSuccess;
}

/* ---- external header, split buffer -------------------------------------------------------- */

static void sph_decode(const uint8_t *p, esent_space_header *sph)
{
    sph->cpg_primary = esent_rd32(p);
    sph->pgno_parent = esent_rd32(p + 4);
    sph->flags = esent_rd32(p + 8);
    sph->avail_or_oe = esent_rd32(p + 12);
}

JET_ERR esent_ext_header_decode(const uint8_t *p, uint32_t cb, esent_ext_header *out)
{
    memset(out, 0, sizeof(*out));
    if (cb == ESENT_SPH_SIZE) {
        out->fields = ESENT_EXTHDR_SPACE_HEADER;
        sph_decode(p, &out->sph);
        return JET_errSuccess;
    }
    if (cb == 0)
        return JET_errDatabaseCorrupted;
    uint32_t fields = p[0];
    uint32_t need = 1 + ((fields & ESENT_EXTHDR_SPACE_HEADER) ? ESENT_SPH_SIZE : 0) +
                    ((fields & ESENT_EXTHDR_AUTOINC) ? 8u : 0);
    uint32_t unknown = fields & ~(uint32_t)(ESENT_EXTHDR_SPACE_HEADER | ESENT_EXTHDR_AUTOINC);
    if (cb < need || (unknown == 0 && cb != need))
        return JET_errDatabaseCorrupted;
    out->extended = 1;
    out->fields = fields;
    uint32_t ib = 1;
    if (fields & ESENT_EXTHDR_SPACE_HEADER) {
        sph_decode(p + ib, &out->sph);
        ib += ESENT_SPH_SIZE;
    }
    if (fields & ESENT_EXTHDR_AUTOINC)
        out->autoinc_max = esent_rd64(p + ib);
    return JET_errSuccess;
}

void esent_space_header_encode(const esent_space_header *sph, uint8_t out[ESENT_SPH_SIZE])
{
    esent_wr32(out, sph->cpg_primary);
    esent_wr32(out + 4, sph->pgno_parent);
    esent_wr32(out + 8, sph->flags);
    esent_wr32(out + 12, sph->avail_or_oe);
}

JET_ERR esent_split_buffer_decode(const uint8_t *p, uint32_t cb, esent_split_buffer *out)
{
    memset(out, 0, sizeof(*out));
    if (cb == 0)
        return JET_errSuccess;
    if (cb != ESENT_SPLIT_BUFFER_SIZE)
        return JET_errDatabaseCorrupted;
    for (uint32_t i = 0; i < 2; i++) {
        out->pgno_last[i] = esent_rd32(p + 8 * i);
        out->cpg[i] = (int32_t)esent_rd32(p + 8 * i + 4);
    }
    return JET_errSuccess;
}

void esent_split_buffer_encode(const esent_split_buffer *sb, uint8_t out[ESENT_SPLIT_BUFFER_SIZE])
{
    for (uint32_t i = 0; i < 2; i++) {
        esent_wr32(out + 8 * i, sb->pgno_last[i]);
        esent_wr32(out + 8 * i + 4, (uint32_t)sb->cpg[i]);
    }
}

/* ---- writing ------------------------------------------------------------------------------ */

/* Stores ctag / ibMicFree and recomputes cbFree for a compact page (no gaps in the data area). */
static void set_layout(uint8_t *page, uint32_t cb_page, uint32_t ctag, uint32_t ib_mic_free)
{
    uint32_t cb_free = cb_page - header_size(cb_page) - ib_mic_free - ESENT_TAG_SIZE * ctag;
    esent_wr16(page + 28, cb_free);
    esent_wr16(page + 32, ib_mic_free);
    esent_wr16(page + 34, ctag);  /* ctagReserved = 0 (legacy), bit 15 = 0 */
}

JET_ERR esent_page_init(uint8_t *page, uint32_t cb_page, const esent_pghdr *h)
{
    if (!esent_checksum_page_size_ok(cb_page) || h == NULL)
        return JET_errInvalidParameter;
    memset(page, 0, cb_page);
    esent_pghdr hdr;
    memset(&hdr, 0, sizeof(hdr));
    hdr.dbtime_dirtied = h->dbtime_dirtied;
    hdr.pgno_prev = h->pgno_prev;
    hdr.pgno_next = h->pgno_next;
    hdr.objid_fdp = h->objid_fdp;
    hdr.flags = h->flags;
    hdr.pgno = h->pgno;
    memcpy(hdr.reserved, h->reserved, sizeof(hdr.reserved));
    esent_pghdr_encode(&hdr, page, cb_page);
    /* tag 0 = { cb 0, ib 0 }: already zero */
    set_layout(page, cb_page, 1, 0);
    return JET_errSuccess;
}

uint32_t esent_page_cb_free(const uint8_t *page, uint32_t cb_page)
{
    esent_page_view v;
    if (esent_page_view_init(&v, page, cb_page) < 0)
        return 0;
    return v.cb_data_max - v.hdr.ib_mic_free;
}

JET_ERR esent_page_set_tag0(uint8_t *page, uint32_t cb_page, const uint8_t *bytes, uint32_t cb)
{
    esent_page_view v;
    if (esent_page_view_init(&v, page, cb_page) < 0 || v.ctag == 0 || (cb > 0 && bytes == NULL))
        return JET_errInvalidParameter;
    const uint8_t *p0;
    uint32_t cb0, f0;
    if (esent_page_tag(&v, 0, &p0, &cb0, &f0) < 0)
        return JET_errInvalidParameter;
    uint8_t *ptag = page + tag_offset(cb_page, 0);
    if (v.ctag > 1) {
        /* Same-size overwrite in place (p0 was validated to lie inside the data area). */
        if (cb != cb0)
            return JET_errInvalidParameter;
        if (cb)
            memmove(page + (size_t)(p0 - page), bytes, cb);
        return JET_errSuccess;
    }
    if (cb > v.cb_data_max)
        return JET_errBufferTooSmall;
    if (cb)
        memmove(page + v.cb_header, bytes, cb);
    esent_wr16(ptag, cb);
    esent_wr16(ptag + 2, 0);
    set_layout(page, cb_page, 1, cb);
    return JET_errSuccess;
}

JET_ERR esent_page_append_node(uint8_t *page, uint32_t cb_page, const uint8_t *node, uint32_t cb, uint32_t fflags,
                               uint32_t *itag)
{
    esent_page_view v;
    if (esent_page_view_init(&v, page, cb_page) < 0 || v.ctag == 0 || node == NULL || cb < 2 || fflags > 7u)
        return JET_errInvalidParameter;
    if (v.large && (node[1] >> 5) != 0)
        return JET_errInvalidParameter;
    if (v.ctag >= ESENT_ITAG_MAX)
        return JET_errBufferTooSmall;
    uint32_t ib = v.hdr.ib_mic_free;
    /* The node and one more tag must fit between ibMicFree and the tag array. */
    if (cb > v.cb_data_max - ib || ESENT_TAG_SIZE > v.cb_data_max - ib - cb)
        return JET_errBufferTooSmall;
    uint8_t *pb = page + v.cb_header + ib;
    memmove(pb, node, cb);
    uint8_t *ptag = page + tag_offset(cb_page, v.ctag);
    esent_wr16(ptag, cb);
    if (v.large) {
        esent_wr16(ptag + 2, ib);
        pb[1] = (uint8_t)((pb[1] & 0x1Fu) | (fflags << 5));
    } else {
        esent_wr16(ptag + 2, ib | (fflags << 13));
    }
    if (itag != NULL)
        *itag = v.ctag;
    set_layout(page, cb_page, v.ctag + 1, ib + cb);
    return JET_errSuccess;
}

JET_ERR esent_page_append_entries(uint8_t *page, uint32_t cb_page, const esent_page_entry *e, uint32_t n)
{
    esent_page_view v;
    if (esent_page_view_init(&v, page, cb_page) < 0 || v.ctag == 0)
        return JET_errInvalidParameter;
    uint32_t ctag = v.ctag, ib = v.hdr.ib_mic_free;
    JET_ERR err = JET_errSuccess;
    for (uint32_t i = 0; i < n; i++) {
        if ((e[i].key == NULL && e[i].cb_key) || (e[i].data == NULL && e[i].cb_data) ||
            e[i].cb_key > ESENT_ND_CB_KEY_MASK || e[i].cb_data > 0xFFFFu) {
            err = JET_errInvalidParameter;   /* esent_node_encode's limits: the cbSuffix field has 13 bits */
            break;
        }
        uint32_t cb = esent_node_size(0, e[i].cb_key, e[i].cb_data);
        /* room between the header and a tag array of ctag tags; ib <= room (ibMicFree was checked, and
         * every append below keeps a tag's room free) */
        uint32_t room = cb_page - v.cb_header - ESENT_TAG_SIZE * ctag;
        if (ctag >= ESENT_ITAG_MAX || cb > room - ib || ESENT_TAG_SIZE > room - ib - cb) {
            err = JET_errBufferTooSmall;
            break;
        }
        /* cbSuffix <= 0x1FFF: the top 3 bits of the first u16 (large pages: the node flags) are 0 */
        uint8_t *pb = page + v.cb_header + ib;
        esent_wr16(pb, e[i].cb_key);
        if (e[i].cb_key)
            memcpy(pb + 2, e[i].key, e[i].cb_key);
        if (e[i].cb_data)
            memcpy(pb + 2 + e[i].cb_key, e[i].data, e[i].cb_data);
        uint8_t *ptag = page + tag_offset(cb_page, ctag);
        esent_wr16(ptag, cb);
        esent_wr16(ptag + 2, ib);
        ib += cb;
        ctag++;
    }
    set_layout(page, cb_page, ctag, ib);
    return err;
}

/* ---- modifying in place ------------------------------------------------------------------- */

/* Writes tag itag: size cb at offset ib, node flags fflags (small pages: in the tag). */
static void put_tag(uint8_t *page, uint32_t cb_page, uint32_t itag, uint32_t cb, uint32_t ib, uint32_t fflags)
{
    uint8_t *ptag = page + tag_offset(cb_page, itag);
    esent_wr16(ptag, cb);
    esent_wr16(ptag + 2, is_large(cb_page) ? ib : ib | (fflags << 13));
}

/* Offset (relative to the header end), size and small-page flag bits of tag itag, unchecked. */
static void get_tag(const uint8_t *page, uint32_t cb_page, uint32_t itag, uint32_t *ib, uint32_t *cb,
                    uint32_t *flag_bits)
{
    const uint8_t *ptag = page + tag_offset(cb_page, itag);
    uint32_t ib_raw = esent_rd16(ptag + 2);
    *cb = esent_rd16(ptag) & tag_mask(cb_page);
    *ib = ib_raw & tag_mask(cb_page);
    *flag_bits = is_large(cb_page) ? 0 : ib_raw >> 13;
}

/* Checks every tag of the page is valid, so that later raw accesses stay inside the data area. */
static JET_ERR check_tags(const esent_page_view *v)
{
    for (uint32_t i = 0; i < v->ctag; i++) {
        const uint8_t *pb;
        uint32_t cb, f;
        if (esent_page_tag(v, i, &pb, &cb, &f) < 0)
            return JET_errDatabaseCorrupted;
    }
    return JET_errSuccess;
}

/* Recomputes cbFree, ibMicFree and itagState from ctag tags; cbUncommittedFree = 0. */
static void relayout(uint8_t *page, uint32_t cb_page, uint32_t ctag)
{
    uint32_t used = 0, end = 0;
    for (uint32_t i = 0; i < ctag; i++) {
        uint32_t ib, cb, f;
        get_tag(page, cb_page, i, &ib, &cb, &f);
        used += cb;
        if (cb && ib + cb > end)
            end = ib + cb;
    }
    esent_wr16(page + 28, cb_page - header_size(cb_page) - ESENT_TAG_SIZE * ctag - used);
    esent_wr16(page + 30, 0);
    esent_wr16(page + 32, end);
    esent_wr16(page + 34, ctag);
}

/* Slides every non-empty tag's bytes down to the start of the data area, in offset order, so that the
 * free bytes all follow ibMicFree. Tags keep their itag; empty tags get offset 0. */
static void compact(uint8_t *page, uint32_t cb_page, uint32_t ctag)
{
    uint16_t order[ESENT_ITAG_MAX + 1];
    uint32_t n = 0, at = 0;
    uint8_t *data = page + header_size(cb_page);

    for (uint32_t i = 0; i < ctag; i++) {
        uint32_t ib, cb, f;
        get_tag(page, cb_page, i, &ib, &cb, &f);
        if (cb == 0) {
            put_tag(page, cb_page, i, 0, 0, f);
            continue;
        }
        /* insertion sort by offset: pages hold at most a few hundred nodes */
        uint32_t j = n++;
        while (j > 0) {
            uint32_t ibp, cbp, fp;
            get_tag(page, cb_page, order[j - 1], &ibp, &cbp, &fp);
            if (ibp <= ib)
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = (uint16_t)i;
    }
    for (uint32_t k = 0; k < n; k++) {
        uint32_t ib, cb, f;
        get_tag(page, cb_page, order[k], &ib, &cb, &f);
        if (ib != at)
            memmove(data + at, data + ib, cb);
        put_tag(page, cb_page, order[k], cb, at, f);
        at += cb;
    }
    relayout(page, cb_page, ctag);
}

/* Reserves cb contiguous bytes for a tag of a page that will have ctag tags (the header's itagState still
 * counts the tags before the change); returns their offset. The caller checked cbFree suffices. */
static uint32_t reserve(uint8_t *page, uint32_t cb_page, uint32_t ctag_now, uint32_t ctag_after, uint32_t cb)
{
    uint32_t room = cb_page - header_size(cb_page) - ESENT_TAG_SIZE * ctag_after;
    uint32_t ib = esent_rd16(page + 32);
    if (ib + cb > room) {
        compact(page, cb_page, ctag_now);
        ib = esent_rd16(page + 32);
    }
    return ib;
}

/* Copies node bytes to offset ib and, on large pages, puts the node flags in its first u16. */
static void place(uint8_t *page, uint32_t cb_page, uint32_t ib, const uint8_t *node, uint32_t cb, uint32_t fflags)
{
    uint8_t *pb = page + header_size(cb_page) + ib;
    memmove(pb, node, cb);
    if (is_large(cb_page))
        pb[1] = (uint8_t)((pb[1] & 0x1Fu) | (fflags << 5));
}

/* Validates the page and the arguments of an operation on node itag: 1 <= itag < ctag + itag_end_extra;
 * node (when not NULL) as esent_page_append_node wants it. */
static JET_ERR node_op_begin(esent_page_view *v, const uint8_t *page, uint32_t cb_page, uint32_t itag,
                             uint32_t itag_end_extra, const uint8_t *node, uint32_t cb, uint32_t fflags)
{
    if (esent_page_view_init(v, page, cb_page) < 0 || v->ctag == 0 || check_tags(v) < 0)
        return JET_errDatabaseCorrupted;
    if (itag == 0 || itag >= v->ctag + itag_end_extra)
        return JET_errInvalidParameter;
    if (node != NULL && (cb < 2 || fflags > 7u || (v->large && (node[1] >> 5) != 0)))
        return JET_errInvalidParameter;
    return JET_errSuccess;
}

/* Bytes the tags use, tag 0 included. */
static uint32_t used_bytes(const uint8_t *page, uint32_t cb_page, uint32_t ctag)
{
    uint32_t used = 0;
    for (uint32_t i = 0; i < ctag; i++) {
        uint32_t ib, cb, f;
        get_tag(page, cb_page, i, &ib, &cb, &f);
        used += cb;
    }
    return used;
}

/* Checks every tag as esent_page_tag does (so that later raw accesses stay inside the data area) and sums
 * their sizes, in one pass. */
static JET_ERR check_tags_used(const esent_page_view *v, uint32_t *pused)
{
    const uint32_t mask = tag_mask(v->cb_page), ib_mic_free = v->hdr.ib_mic_free;
    uint32_t used = 0;
    for (uint32_t i = 0; i < v->ctag; i++) {
        const uint8_t *ptag = v->page + tag_offset(v->cb_page, i);
        uint32_t cb = esent_rd16(ptag) & mask, ib = esent_rd16(ptag + 2) & mask;
        if (cb == 0 ? ib > v->cb_data_max : (ib > ib_mic_free || cb > ib_mic_free - ib))
            return JET_errDatabaseCorrupted;
        used += cb;
    }
    *pused = used;
    return JET_errSuccess;
}

JET_ERR esent_page_cb_used(const esent_page_view *v, uint32_t *pused)
{
    return check_tags_used(v, pused);
}

JET_ERR esent_page_insert_node(uint8_t *page, uint32_t cb_page, uint32_t itag, const uint8_t *node, uint32_t cb,
                               uint32_t fflags)
{
    esent_page_view v;
    uint32_t used;
    if (node == NULL)
        return JET_errInvalidParameter;
    /* node_op_begin, with the tags' total size taken in the same pass as their check */
    if (esent_page_view_init(&v, page, cb_page) < 0 || v.ctag == 0 || check_tags_used(&v, &used) < 0)
        return JET_errDatabaseCorrupted;
    if (itag == 0 || itag >= v.ctag + 1)
        return JET_errInvalidParameter;
    if (cb < 2 || fflags > 7u || (v.large && (node[1] >> 5) != 0))
        return JET_errInvalidParameter;
    if (v.ctag >= ESENT_ITAG_MAX)
        return JET_errBufferTooSmall;
    if (used + cb + ESENT_TAG_SIZE > v.cb_data_max)
        return JET_errBufferTooSmall;
    uint32_t ib = reserve(page, cb_page, v.ctag, v.ctag + 1, cb);
    place(page, cb_page, ib, node, cb, fflags);
    /* Tags itag..ctag-1 move one slot down in memory (one itag up). */
    uint8_t *lo = page + tag_offset(cb_page, v.ctag);
    memmove(lo, lo + ESENT_TAG_SIZE, ESENT_TAG_SIZE * (v.ctag - itag));
    put_tag(page, cb_page, itag, cb, ib, fflags);
    /* relayout(ctag + 1), computed: the sizes grew by cb; the new node ends the used area (it went to
     * ibMicFree, which every other tag ends at or below, compacted or not). */
    uint32_t ctag = v.ctag + 1;
    esent_wr16(page + 28, cb_page - header_size(cb_page) - ESENT_TAG_SIZE * ctag - (used + cb));
    esent_wr16(page + 30, 0);
    esent_wr16(page + 32, ib + cb);
    esent_wr16(page + 34, ctag);
    return JET_errSuccess;
}

JET_ERR esent_page_replace_node(uint8_t *page, uint32_t cb_page, uint32_t itag, const uint8_t *node, uint32_t cb,
                                uint32_t fflags)
{
    esent_page_view v;
    JET_ERR err = node == NULL ? JET_errInvalidParameter : node_op_begin(&v, page, cb_page, itag, 0, node, cb, fflags);
    if (err < 0)
        return err;
    uint32_t ib_old, cb_old, f_old;
    get_tag(page, cb_page, itag, &ib_old, &cb_old, &f_old);
    if (cb <= cb_old) {
        place(page, cb_page, ib_old, node, cb, fflags);
        put_tag(page, cb_page, itag, cb, ib_old, fflags);
        relayout(page, cb_page, v.ctag);
        return JET_errSuccess;
    }
    uint32_t used = used_bytes(page, cb_page, v.ctag) - cb_old;
    if (used + cb > v.cb_data_max)
        return JET_errBufferTooSmall;
    /* The old bytes become free first, so that a compaction reclaims them. */
    put_tag(page, cb_page, itag, 0, 0, 0);
    relayout(page, cb_page, v.ctag);
    uint32_t ib = reserve(page, cb_page, v.ctag, v.ctag, cb);
    place(page, cb_page, ib, node, cb, fflags);
    put_tag(page, cb_page, itag, cb, ib, fflags);
    relayout(page, cb_page, v.ctag);
    return JET_errSuccess;
}

JET_ERR esent_page_delete_node(uint8_t *page, uint32_t cb_page, uint32_t itag)
{
    esent_page_view v;
    JET_ERR err = node_op_begin(&v, page, cb_page, itag, 0, NULL, 0, 0);
    if (err < 0)
        return err;
    /* Tags itag+1..ctag-1 move one slot up in memory (one itag down). */
    uint8_t *lo = page + tag_offset(cb_page, v.ctag - 1);
    memmove(lo + ESENT_TAG_SIZE, lo, ESENT_TAG_SIZE * (v.ctag - 1 - itag));
    memset(lo, 0, ESENT_TAG_SIZE);
    relayout(page, cb_page, v.ctag - 1);
    return JET_errSuccess;
}

JET_ERR esent_ext_header_set_space(uint8_t *p, uint32_t cb, const esent_space_header *sph)
{
    esent_ext_header h;
    if (esent_ext_header_decode(p, cb, &h) < 0 || !(h.fields & ESENT_EXTHDR_SPACE_HEADER))
        return JET_errDatabaseCorrupted;
    esent_space_header_encode(sph, p + (h.extended ? 1u : 0u));
    return JET_errSuccess;
}
