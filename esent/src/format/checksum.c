#include "format/checksum.h"
#include "format/bytes.h"

#include <string.h>


/* 1 when an odd number of bits of v are set. */
static uint32_t parity32(uint32_t v)
{
    v ^= v >> 16;
    v ^= v >> 8;
    v ^= v >> 4;
    v ^= v >> 2;
    v ^= v >> 1;
    return v & 1u;
}

int esent_checksum_page_size_ok(uint32_t cb_page)
{
    return cb_page == 2048u || cb_page == 4096u || cb_page == 8192u || cb_page == 16384u || cb_page == 32768u;
}

uint32_t esent_checksum_xor32(const uint8_t *buf, uint32_t cb)
{
    uint32_t x = ESENT_CHECKSUM_SEED;
    for (uint32_t ib = 4; ib + 4 <= cb; ib += 4)
        x ^= esent_rd32(buf + ib);
    return x;
}

uint64_t esent_checksum_xe_block(const uint8_t *block, uint32_t cb, uint32_t pgno, int header_block)
{
    uint32_t c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    uint32_t p = 0;
    /* Row r (16 bytes) contributes idx = (~r << 7) in the high half, (r << 7) in the low half. */
    uint32_t idx = 0xFF800000u;
    for (uint32_t ib = 0; ib + 16 <= cb; ib += 16) {
        uint32_t d0 = esent_rd32(block + ib), d1 = esent_rd32(block + ib + 4);
        uint32_t d2 = esent_rd32(block + ib + 8), d3 = esent_rd32(block + ib + 12);
        if (header_block && ib == 0)
            d0 = d1 = 0;
        c0 ^= d0;
        c1 ^= d1;
        c2 ^= d2;
        c3 ^= d3;
        if (parity32(d0 ^ d1 ^ d2 ^ d3))
            p ^= idx;
        idx += 0xFF800080u;
    }
    if (parity32(c0 ^ c1))
        p |= 0x00400000u;
    if (parity32(c2 ^ c3))
        p |= 0x00000040u;
    uint32_t r0 = c0 ^ c2, r1 = c1 ^ c3;
    if (parity32(r0))
        p |= 0x00200000u;
    if (parity32(r1))
        p |= 0x00000020u;
    uint32_t x = r0 ^ r1;  /* XOR of every dword of the block, unseeded */
    uint32_t q = 0, idx2 = 0xFFFF0000u;
    for (unsigned bit = 0; bit < 32; bit++) {
        if ((x >> bit) & 1u)
            q ^= idx2;
        idx2 += 0xFFFF0001u;
    }
    uint32_t mask = (uint32_t)(cb << 19) - 1u;  /* 4 KiB: 0x7FFFFFFF; 8 KiB: 0xFFFFFFFF (wraps) */
    uint32_t ecc = (p & 0xFFE0FFE0u & mask) | (q & 0x001F001Fu);
    return ((uint64_t)ecc << 32) | (uint64_t)(x ^ pgno);
}

JET_ERR esent_header_checksum_verify(const uint8_t *page, uint32_t cb)
{
    if (cb < 8)
        return JET_errReadVerifyFailure;
    return esent_rd32(page) == esent_checksum_xor32(page, cb) ? JET_errSuccess : JET_errReadVerifyFailure;
}

void esent_header_checksum_stamp(uint8_t *page, uint32_t cb)
{
    if (cb >= 8)
        esent_wr32(page, esent_checksum_xor32(page, cb));
}

static int page_new_format(const uint8_t *page)
{
    return (esent_rd32(page + ESENT_PAGE_FLAGS_OFFSET) & ESENT_PAGE_NEW_CHECKSUM_FLAG) != 0;
}

/* Computes the four slots of a page whose size is already validated. */
static void compute_slots(const uint8_t *page, uint32_t cb_page, uint32_t pgno, uint64_t computed[4])
{
    memset(computed, 0, 4 * sizeof(uint64_t));
    if (!page_new_format(page)) {
        computed[0] = ((uint64_t)pgno << 32) | esent_checksum_xor32(page, cb_page);
        return;
    }
    if (cb_page <= ESENT_PAGE_SMALL_MAX) {
        computed[0] = esent_checksum_xe_block(page, cb_page, pgno, 1);
        return;
    }
    uint32_t cb_block = cb_page / 4;  /* 16 KiB: 4 KiB blocks; 32 KiB: 8 KiB blocks */
    for (uint32_t i = 1; i < 4; i++)
        computed[i] = esent_checksum_xe_block(page + i * cb_block, cb_block, pgno, 0);
    computed[0] = esent_checksum_xe_block(page, cb_block, pgno, 1);
}

int esent_page_checksum_compute(const uint8_t *page, uint32_t cb_page, uint32_t pgno, esent_page_checksums *out)
{
    if (!esent_checksum_page_size_ok(cb_page))
        return 0;
    memset(out, 0, sizeof(*out));
    out->stored[0] = esent_rd64(page);
    if (cb_page > ESENT_PAGE_SMALL_MAX) {
        for (uint32_t i = 0; i < 3; i++)
            out->stored[i + 1] = esent_rd64(page + ESENT_PAGE_RGCHECKSUM_OFFSET + 8 * i);
    }
    compute_slots(page, cb_page, pgno, out->computed);
    return 1;
}

static int all_zero(const uint8_t *p, uint32_t cb)
{
    for (uint32_t i = 0; i < cb; i++) {
        if (p[i] != 0)
            return 0;
    }
    return 1;
}

JET_ERR esent_page_checksum_verify(const uint8_t *page, uint32_t cb_page, uint32_t pgno)
{
    esent_page_checksums c;
    if (!esent_page_checksum_compute(page, cb_page, pgno, &c))
        return JET_errInvalidParameter;
    if (memcmp(c.stored, c.computed, sizeof(c.stored)) == 0)
        return JET_errSuccess;
    return all_zero(page, cb_page) ? JET_errPageNotInitialized : JET_errReadVerifyFailure;
}

void esent_page_checksum_stamp(uint8_t *page, uint32_t cb_page, uint32_t pgno)
{
    if (!esent_checksum_page_size_ok(cb_page))
        return;
    uint8_t *pflags = page + ESENT_PAGE_FLAGS_OFFSET;
    esent_wr32(pflags, esent_rd32(pflags) | ESENT_PAGE_NEW_CHECKSUM_FLAG);
    uint64_t computed[4];
    if (cb_page > ESENT_PAGE_SMALL_MAX) {
        /* pgno and rgChecksum live in block 0: write them before block 0 is summed. */
        esent_wr32(page + ESENT_PAGE_PGNO_OFFSET, pgno);
        compute_slots(page, cb_page, pgno, computed);
        for (uint32_t i = 0; i < 3; i++)
            esent_wr64(page + ESENT_PAGE_RGCHECKSUM_OFFSET + 8 * i, computed[i + 1]);
    }
    compute_slots(page, cb_page, pgno, computed);
    esent_wr64(page, computed[0]);
}

void esent_page_checksum_stamp_old(uint8_t *page, uint32_t cb_page, uint32_t pgno)
{
    if (!esent_checksum_page_size_ok(cb_page))
        return;
    esent_wr32(page + 4, pgno);
    esent_wr32(page, esent_checksum_xor32(page, cb_page));
}
