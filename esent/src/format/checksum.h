/* Page and header checksums (ese-format.md §1.4, §2.6): the one module that knows how ESE checksums
 * a page. Pure functions over caller buffers; no I/O, no allocation.
 *
 * Three algorithms, all over little-endian u32 "dwords" of the buffer:
 *  - XOR32 (database header pages, and the "old" page format): 0x89ABCDEF ^ dwords 1..cb/4-1.
 *    Dword 0 (the stored checksum) is excluded; no page number is mixed in for headers.
 *  - Old page format (fPageNewChecksumFormat clear): u32[0] = XOR32 of the page, u32[1] = pgno
 *    (dword 1 is itself inside the XOR).
 *  - New "XE" format: per block a u64 = (ECC << 32) | (XOR of the block's dwords ^ pgno), unseeded.
 *    Small pages (cbPage <= 8192) are one block, stored at offset 0. Large pages (16/32 KiB) are four
 *    blocks of cbPage/4 bytes: blocks 1..3 go to rgChecksum[0..2] (offsets 40, 48, 56) first, then
 *    block 0 (which contains those three values and pgno at 64) goes to offset 0. In the block that
 *    holds the page header, the first 8 bytes (the checksum slot) count as zero.
 * Which format a page uses is decided by its fPageNewChecksumFormat flag (bit 13 of the u32 at 36),
 * for small and large pages alike, exactly as the engine does.
 *
 * "pgno" is the logical page number: the page at file offset (pgno + 1) * cbPage. */
#ifndef ESENT_FORMAT_CHECKSUM_H
#define ESENT_FORMAT_CHECKSUM_H

#include "api/api.h"

#define ESENT_CHECKSUM_SEED          0x89ABCDEFu  /* XOR32 seed (= the header magic) */
#define ESENT_PAGE_FLAGS_OFFSET      36u          /* u32 fFlags in PGHDR */
#define ESENT_PAGE_NEW_CHECKSUM_FLAG 0x2000u      /* fPageNewChecksumFormat */
#define ESENT_PAGE_SMALL_MAX         8192u        /* cbPage <= this: small page (40-byte header) */
#define ESENT_PAGE_PGNO_OFFSET       64u          /* large pages: u32 pgno of the page itself */
#define ESENT_PAGE_RGCHECKSUM_OFFSET 40u          /* large pages: u64 rgChecksum[3] */

/* Page sizes this module handles: 2, 4, 8, 16 or 32 KiB (2 KiB is what pre-Windows 10 engines could
 * still create; the engine's header detection still considers it). */
int esent_checksum_page_size_ok(uint32_t cb_page);

/* 0x89ABCDEF ^ XOR of dwords 1..cb/4-1 (cb a multiple of 4, >= 4). */
uint32_t esent_checksum_xor32(const uint8_t *buf, uint32_t cb);

/* XE checksum of one block of cb bytes (a power of two, 1 KiB..8 KiB): (ECC << 32) | (XOR ^ pgno).
 * header_block != 0: the block's first 8 bytes are treated as zero. */
uint64_t esent_checksum_xe_block(const uint8_t *block, uint32_t cb, uint32_t pgno, int header_block);

/* Database header page (physical page 0 or 1, cb = cbPage bytes): XOR32 compared with the u32 at 0.
 * JET_errSuccess or JET_errReadVerifyFailure. */
JET_ERR esent_header_checksum_verify(const uint8_t *page, uint32_t cb);
/* Stores XOR32 of the page in its first 4 bytes. */
void esent_header_checksum_stamp(uint8_t *page, uint32_t cb);

/* The checksum a database page carries (read from its bytes) and the one its contents give, as four
 * u64 slots: [0] the checksum at offset 0, [1..3] rgChecksum[0..2] (large pages; zero on small ones). */
typedef struct esent_page_checksums {
    uint64_t stored[4];
    uint64_t computed[4];
} esent_page_checksums;

/* Fills *out for the page (cb_page bytes, logical number pgno). Returns 0 when cb_page is not a
 * supported size (out untouched), else 1. */
int esent_page_checksum_compute(const uint8_t *page, uint32_t cb_page, uint32_t pgno, esent_page_checksums *out);

/* Verifies a database page read from logical page pgno:
 *   JET_errSuccess             stored == computed in every slot;
 *   JET_errPageNotInitialized  the checksum does not match and every byte of the page is zero;
 *   JET_errReadVerifyFailure   any other mismatch (no single-bit correction is attempted);
 *   JET_errInvalidParameter    cb_page is not a supported size. */
JET_ERR esent_page_checksum_verify(const uint8_t *page, uint32_t cb_page, uint32_t pgno);

/* Stamps a database page with the new (XE) format, as the engine writes every page: sets
 * fPageNewChecksumFormat, on large pages writes pgno at offset 64 and rgChecksum[0..2], then the
 * checksum at offset 0. No-op when cb_page is not a supported size. */
void esent_page_checksum_stamp(uint8_t *page, uint32_t cb_page, uint32_t pgno);

/* Stamps a page with the old format (flag left as found; for tests and pre-0x620,0xB files):
 * u32[1] = pgno, u32[0] = XOR32 of the page. On large pages rgChecksum[0..2] must be zero for the
 * page to verify (the engine compares all four slots). */
void esent_page_checksum_stamp_old(uint8_t *page, uint32_t cb_page, uint32_t pgno);

#endif
