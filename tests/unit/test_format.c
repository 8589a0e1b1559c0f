/* Page checksums, database header and page format (esent/src/format/checksum.c, dbheader.c, page.c):
 * known answers, round trips for every page size, malformed and hostile input, and every page of
 * every uncompressed database of the corpus (ese-format.md §1, §2). */
#include "cu_runner.h"
#include "test_util.h"

#include "format/checksum.h"
#include "format/dbheader.h"
#include "format/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const uint32_t k_sizes[] = { 2048, 4096, 8192, 16384, 32768 };
#define NSIZES (sizeof k_sizes / sizeof k_sizes[0])

static uint8_t g_page[32768], g_page2[32768], g_hdr[65536];

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static uint64_t rd64(const uint8_t *p)
{
    return (uint64_t)rd32(p) | ((uint64_t)rd32(p + 4) << 32);
}
static void wr16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static void wr32(uint8_t *p, uint32_t v)
{
    wr16(p, v);
    wr16(p + 2, v >> 16);
}

/* Deterministic xorshift32. */
static uint32_t g_rng = 0x12345678u;
static uint32_t rnd(void)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 17;
    g_rng ^= g_rng << 5;
    return g_rng;
}
static void fill_random(uint8_t *p, uint32_t cb)
{
    for (uint32_t i = 0; i < cb; i++)
        p[i] = (uint8_t)rnd();
}

/* ================================================================== checksums */

/* The XE checksum restated bit by bit (not the engine's row/column algorithm): the ECC is the XOR,
 * over every set bit b of the block, of ((~b & 0xFFFF) << 16) | b, cut to the block size; the
 * XOR part is the unseeded XOR of the dwords, then ^ pgno. */
static uint64_t ref_xe(const uint8_t *blk, uint32_t cb, uint32_t pgno, int header_block)
{
    uint32_t ecc = 0, x = 0;
    for (uint32_t i = 0; i < cb; i++) {
        uint8_t byte = (header_block && i < 8) ? 0 : blk[i];
        for (uint32_t t = 0; t < 8; t++) {
            if (byte & (1u << t)) {
                uint32_t b = 8 * i + t;
                ecc ^= ((~b & 0xFFFFu) << 16) | (b & 0xFFFFu);
            }
        }
        x ^= (uint32_t)byte << (8 * (i % 4));
    }
    ecc &= (uint32_t)(cb << 19) - 1u;
    return ((uint64_t)ecc << 32) | (x ^ pgno);
}

static void test_known_answers(void)
{
    uint8_t *b = g_page;
    /* XOR32: a header page holding only the magic sums to 0; adding the version gives the version. */
    memset(b, 0, 4096);
    wr32(b + 4, 0x89ABCDEFu);
    CU_ASSERT_EQUAL(esent_checksum_xor32(b, 4096), 0u);
    wr32(b + 8, 0x620);
    CU_ASSERT_EQUAL(esent_checksum_xor32(b, 4096), 0x620u);
    wr32(b, 0xFFFFFFFFu);  /* dword 0 is excluded */
    CU_ASSERT_EQUAL(esent_checksum_xor32(b, 4096), 0x620u);

    /* XE of a zero block is just pgno; one bit at byte 8 (bit index 64) of a header block. */
    memset(b, 0, 8192);
    CU_ASSERT_EQUAL(esent_checksum_xe_block(b, 4096, 1, 1), 1u);
    b[8] = 1;
    CU_ASSERT_EQUAL(esent_checksum_xe_block(b, 4096, 1, 1), 0x7FBF004000000000ull);
    CU_ASSERT_EQUAL(esent_checksum_xe_block(b, 8192, 1, 1), 0xFFBF004000000000ull);
    CU_ASSERT_EQUAL(esent_checksum_xe_block(b, 2048, 1, 1), 0x3FBF004000000000ull);
    /* In a header block the first 8 bytes do not count; in another block they do. */
    b[8] = 0;
    b[0] = 0x80;
    CU_ASSERT_EQUAL(esent_checksum_xe_block(b, 4096, 7, 1), 7u);
    CU_ASSERT_EQUAL(esent_checksum_xe_block(b, 4096, 7, 0), ((uint64_t)(0x7FF80007u) << 32) | (0x80u ^ 7u));

    /* Random blocks of every size against the bit-by-bit restatement. */
    for (uint32_t cb = 1024; cb <= 8192; cb *= 2) {
        for (int round = 0; round < 4; round++) {
            fill_random(b, cb);
            uint32_t pgno = rnd();
            CU_ASSERT_EQUAL(esent_checksum_xe_block(b, cb, pgno, round & 1), ref_xe(b, cb, pgno, round & 1));
        }
    }
}

/* A plausible page of cb bytes: random content, header fields random. */
static void random_page(uint8_t *p, uint32_t cb)
{
    fill_random(p, cb);
}

static void flip(uint8_t *p, uint32_t bit)
{
    p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
}

static void test_stamp_verify_every_size(void)
{
    for (size_t s = 0; s < NSIZES; s++) {
        uint32_t cb = k_sizes[s];
        for (int round = 0; round < 3; round++) {
            uint32_t pgno = 1 + rnd() % 100000u;
            random_page(g_page, cb);
            esent_page_checksum_stamp(g_page, cb, pgno);
            CU_ASSERT(rd32(g_page + ESENT_PAGE_FLAGS_OFFSET) & ESENT_PAGE_NEW_CHECKSUM_FLAG);
            CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, cb, pgno), JET_errSuccess);
            CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, cb, pgno + 1), JET_errReadVerifyFailure);
            CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, cb, pgno ^ 0x80000000u), JET_errReadVerifyFailure);
            /* the stored slots equal the bit-by-bit restatement */
            if (cb <= ESENT_PAGE_SMALL_MAX) {
                CU_ASSERT_EQUAL(rd64(g_page), ref_xe(g_page, cb, pgno, 1));
            } else {
                uint32_t cbb = cb / 4;
                CU_ASSERT_EQUAL(rd32(g_page + ESENT_PAGE_PGNO_OFFSET), pgno);
                CU_ASSERT_EQUAL(rd64(g_page), ref_xe(g_page, cbb, pgno, 1));
                for (uint32_t i = 1; i < 4; i++)
                    CU_ASSERT_EQUAL(rd64(g_page + 40 + 8 * (i - 1)), ref_xe(g_page + i * cbb, cbb, pgno, 0));
            }
            /* any single bit flipped: every bit of a 4 KiB page, a spread of bits otherwise (all of the
             * first 128 bytes: checksums, flags, pgno) */
            uint32_t nbits = cb * 8;
            uint32_t stride = cb == 4096 ? 1 : 61;
            unsigned missed = 0;
            for (uint32_t bit = 0; bit < nbits; bit += (bit < 1024 ? 1 : stride)) {
                flip(g_page, bit);
                if (esent_page_checksum_verify(g_page, cb, pgno) != JET_errReadVerifyFailure)
                    missed++;
                flip(g_page, bit);
            }
            CU_ASSERT_EQUAL(missed, 0);
            CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, cb, pgno), JET_errSuccess);
        }
        /* all-zero page: not initialised, whatever pgno */
        memset(g_page, 0, cb);
        CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, cb, 1), JET_errPageNotInitialized);
        CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, cb, 0), JET_errPageNotInitialized);
        g_page[cb - 1] = 1;
        CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, cb, 1), JET_errReadVerifyFailure);
    }
    /* unsupported sizes */
    CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, 1024, 1), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, 12288, 1), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, 65536, 1), JET_errInvalidParameter);
    CU_ASSERT(!esent_checksum_page_size_ok(0));
}

static void test_old_format(void)
{
    for (size_t s = 0; s < NSIZES; s++) {
        uint32_t cb = k_sizes[s];
        random_page(g_page, cb);
        wr32(g_page + ESENT_PAGE_FLAGS_OFFSET, rd32(g_page + ESENT_PAGE_FLAGS_OFFSET) & ~ESENT_PAGE_NEW_CHECKSUM_FLAG);
        if (cb > ESENT_PAGE_SMALL_MAX)
            memset(g_page + ESENT_PAGE_RGCHECKSUM_OFFSET, 0, 24);  /* the engine compares all four slots */
        esent_page_checksum_stamp_old(g_page, cb, 77);
        CU_ASSERT_EQUAL(rd32(g_page + 4), 77u);
        CU_ASSERT_EQUAL(rd32(g_page), esent_checksum_xor32(g_page, cb));
        CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, cb, 77), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, cb, 78), JET_errReadVerifyFailure);
        unsigned missed = 0;
        for (uint32_t bit = 0; bit < cb * 8; bit += 13) {
            flip(g_page, bit);
            if (esent_page_checksum_verify(g_page, cb, 77) != JET_errReadVerifyFailure)
                missed++;
            flip(g_page, bit);
        }
        CU_ASSERT_EQUAL(missed, 0);
        if (cb > ESENT_PAGE_SMALL_MAX) {
            g_page[ESENT_PAGE_RGCHECKSUM_OFFSET + 3] = 1;  /* non-zero slot: mismatch */
            esent_page_checksum_stamp_old(g_page, cb, 77);
            CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, cb, 77), JET_errReadVerifyFailure);
        }
    }
}

static void test_header_checksum(void)
{
    for (size_t s = 0; s < NSIZES; s++) {
        uint32_t cb = k_sizes[s];
        random_page(g_page, cb);
        esent_header_checksum_stamp(g_page, cb);
        CU_ASSERT_EQUAL(esent_header_checksum_verify(g_page, cb), JET_errSuccess);
        unsigned missed = 0;
        for (uint32_t bit = 0; bit < cb * 8; bit += 7) {
            flip(g_page, bit);
            if (esent_header_checksum_verify(g_page, cb) != JET_errReadVerifyFailure)
                missed++;
            flip(g_page, bit);
        }
        CU_ASSERT_EQUAL(missed, 0);
    }
    memset(g_page, 0, 4096);
    CU_ASSERT_EQUAL(esent_header_checksum_verify(g_page, 4096), JET_errReadVerifyFailure);
    CU_ASSERT_EQUAL(esent_header_checksum_verify(g_page, 4), JET_errReadVerifyFailure);
}

/* ================================================================== database header */

static void sample_header(esent_dbheader *h, uint32_t cb_page)
{
    memset(h, 0, sizeof(*h));
    h->magic = ESENT_DBHDR_MAGIC;
    h->version = ESENT_DBHDR_VERSION;
    h->dae_update_major = 0x14;
    h->create_version = ESENT_DBHDR_VERSION;
    h->create_update = 0x14;
    h->dbtime_dirtied = 0x0123456789ABCDEFull;
    h->sign_db.ulRandom = 0xCAFEBABEu;
    h->sign_db.logtimeCreate.bSeconds = 5;
    h->sign_db.logtimeCreate.bMonth = 8;
    h->sign_db.logtimeCreate.bYear = 122;
    h->sign_db.logtimeCreate.bFiller1 = 0x3;
    h->dbstate = JET_dbstateCleanShutdown;
    h->lgpos_consistent.ib = 0x10;
    h->lgpos_consistent.isec = 0x20;
    h->lgpos_consistent.lGeneration = 0x30;
    h->lgpos_detach = h->lgpos_consistent;
    h->dbid = 1;
    h->bkinfo_full_prev.genLow = 3;
    h->bkinfo_full_prev.genHigh = 9;
    h->db_flags = ESENT_DBFLAG_ESENT_ATTACHED;
    h->objid_last = 42;
    h->major_version = 10;
    h->build_number = 19041;
    h->cb_page_size = cb_page;
    h->gen_min_required = -1;
    h->ecc_fix_fail.count = 2;
    h->ecc_fix_fail.count_old = 1;
    h->sort_version = 0xFFFFFFFFFFFFFFFFull;
    memcpy(h->sign_flush_map_hdr_flush.szComputerName, "HOST", 4);
    h->lgpos_last_resize.lGeneration = 7;
    h->filetype = JET_filetypeDatabase;
}

static void test_header_layout(void)
{
    /* Every byte of the 748 belongs to exactly one field: a pattern decodes and re-encodes to itself. */
    uint8_t pat[ESENT_DBHDR_SIZE + 4];
    for (uint32_t i = 0; i < sizeof pat; i++)
        pat[i] = (uint8_t)(i * 7 + 3);
    esent_dbheader h;
    CU_ASSERT_EQUAL(esent_dbheader_decode(pat, ESENT_DBHDR_SIZE, &h), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_dbheader_encode_all(&h, g_page, 4096), JET_errSuccess);
    CU_ASSERT_EQUAL(memcmp(g_page + 4, pat + 4, ESENT_DBHDR_SIZE - 4), 0);
    for (uint32_t i = ESENT_DBHDR_SIZE; i < 4096; i++) {
        if (g_page[i] != 0) {
            CU_FAIL("byte after the header not zero");
            break;
        }
    }
    CU_ASSERT_EQUAL(esent_header_checksum_verify(g_page, 4096), JET_errSuccess);
    /* the strict encoder refuses fields at >= 672 */
    CU_ASSERT_EQUAL(esent_dbheader_encode(&h, g_page2, 4096), JET_errInvalidParameter);

    /* offsets of the fields that matter to readers */
    sample_header(&h, 4096);
    CU_ASSERT_EQUAL(esent_dbheader_encode(&h, g_page, 4096), JET_errSuccess);
    static const uint8_t magic[4] = { 0xEF, 0xCD, 0xAB, 0x89 };
    CU_ASSERT_EQUAL(memcmp(g_page + 4, magic, 4), 0);
    CU_ASSERT_EQUAL(rd32(g_page + 8), 0x620u);
    CU_ASSERT_EQUAL(rd64(g_page + 16), 0x0123456789ABCDEFull);
    CU_ASSERT_EQUAL(rd32(g_page + 24), 0xCAFEBABEu);
    CU_ASSERT_EQUAL(g_page[28], 5);
    CU_ASSERT_EQUAL(g_page[32], 8);
    CU_ASSERT_EQUAL(g_page[34], 0x3);
    CU_ASSERT_EQUAL(rd32(g_page + 52), 3u);
    CU_ASSERT_EQUAL(rd32(g_page + 56), 0x00200010u);
    CU_ASSERT_EQUAL(rd32(g_page + 60), 0x30u);
    CU_ASSERT_EQUAL(rd32(g_page + 96), 0x00200010u);
    CU_ASSERT_EQUAL(rd32(g_page + 104), 1u);
    CU_ASSERT_EQUAL(rd32(g_page + 136 + 16), 3u);
    CU_ASSERT_EQUAL(rd32(g_page + 136 + 20), 9u);
    CU_ASSERT_EQUAL(rd32(g_page + 208), 0x01000000u);
    CU_ASSERT_EQUAL(rd32(g_page + 212), 42u);
    CU_ASSERT_EQUAL(rd32(g_page + 224), 19041u);
    CU_ASSERT_EQUAL(rd32(g_page + 232), 0x14u);
    CU_ASSERT_EQUAL(rd32(g_page + 236), 4096u);
    CU_ASSERT_EQUAL(rd32(g_page + 296), 0xFFFFFFFFu);
    CU_ASSERT_EQUAL(rd32(g_page + 384), 2u);
    CU_ASSERT_EQUAL(rd32(g_page + 396), 1u);
    CU_ASSERT_EQUAL(rd64(g_page + 508), 0xFFFFFFFFFFFFFFFFull);
    CU_ASSERT_EQUAL(memcmp(g_page + 612 + 12, "HOST", 4), 0);
    CU_ASSERT_EQUAL(rd32(g_page + 660), 7u);
    CU_ASSERT_EQUAL(g_page[667], 1);  /* le_filetype, unaligned */
    CU_ASSERT_EQUAL(g_page[666], 0);
    CU_ASSERT_EQUAL(g_page[668] | g_page[669] | g_page[670], 0);
    /* libesedb's 668-byte checksum agrees with the whole-page one */
    CU_ASSERT_EQUAL(esent_checksum_xor32(g_page, 668), rd32(g_page));
    CU_ASSERT_EQUAL(esent_checksum_xor32(g_page, 4096), rd32(g_page));

    esent_dbheader d;
    CU_ASSERT_EQUAL(esent_dbheader_decode(g_page, 4096, &d), JET_errSuccess);
    CU_ASSERT_EQUAL(d.filetype, (uint32_t)JET_filetypeDatabase);
    CU_ASSERT_EQUAL(d.gen_min_required, -1);
    CU_ASSERT_EQUAL(d.sign_db.logtimeCreate.bMonth, 8);
    CU_ASSERT_EQUAL(d.sign_db.logtimeCreate.fTimeIsUTC, 1);
    CU_ASSERT_EQUAL(d.lgpos_consistent.isec, 0x20);
    CU_ASSERT_EQUAL(esent_dbheader_page_size(&d), 4096u);
    d.cb_page_size = 0;
    CU_ASSERT_EQUAL(esent_dbheader_page_size(&d), 4096u);
    /* a field past 671 makes the strict encoder refuse, the full one accept */
    h.logtime_gen_max_required.bDay = 1;
    memset(g_page2, 0x5A, 4096);
    CU_ASSERT_EQUAL(esent_dbheader_encode(&h, g_page2, 4096), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(g_page2[0], 0x5A);  /* untouched */
    CU_ASSERT_EQUAL(esent_dbheader_encode_all(&h, g_page2, 4096), JET_errSuccess);
    CU_ASSERT_EQUAL(g_page2[672 + 3], 1);
    CU_ASSERT_EQUAL(esent_dbheader_encode(&h, g_page2, 700), JET_errInvalidParameter);
}

static void test_header_round_trip_every_size(void)
{
    for (size_t s = 0; s < NSIZES; s++) {
        uint32_t cb = k_sizes[s];
        esent_dbheader h, d;
        sample_header(&h, cb);
        memset(g_hdr, 0xEE, sizeof g_hdr);
        CU_ASSERT_EQUAL_FATAL(esent_dbheader_encode(&h, g_hdr, cb), JET_errSuccess);
        memcpy(g_hdr + cb, g_hdr, cb);  /* shadow */
        CU_ASSERT(esent_dbheader_copy_valid(g_hdr, cb));
        CU_ASSERT(!esent_dbheader_copy_valid(g_hdr, cb == 32768 ? 16384 : cb * 2));
        esent_dbhdr_status st = ESENT_DBHDR_PRIMARY_BAD;
        CU_ASSERT_EQUAL(esent_dbheader_read_pair(g_hdr, g_hdr + cb, cb, &d, &st), JET_errSuccess);
        CU_ASSERT_EQUAL(st, ESENT_DBHDR_OK);
        /* decoded == original: compare through the encoder (structs may have padding) */
        CU_ASSERT_EQUAL(esent_dbheader_encode(&d, g_page, cb), JET_errSuccess);
        CU_ASSERT_EQUAL(memcmp(g_page, g_hdr, cb), 0);
        /* page-size detection from the start of the file, with more file after the shadow */
        uint32_t cb_found = 0;
        CU_ASSERT_EQUAL(esent_dbheader_read_file_start(g_hdr, sizeof g_hdr, 0, &d, &cb_found, &st), JET_errSuccess);
        CU_ASSERT_EQUAL(cb_found, cb);
        CU_ASSERT_EQUAL(st, ESENT_DBHDR_OK);
        CU_ASSERT_EQUAL(esent_dbheader_check_attach(&d, cb), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_dbheader_check_attach(&d, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_dbheader_check_attach(&d, cb == 4096 ? 8192 : 4096), JET_errPageSizeMismatch);
        CU_ASSERT_EQUAL(esent_dbheader_check_file_type(&d), JET_errSuccess);
        /* restricted to another size: nothing found */
        CU_ASSERT_EQUAL(esent_dbheader_read_file_start(g_hdr, sizeof g_hdr, cb == 4096 ? 8192 : 4096, &d, &cb_found,
                                                       NULL),
                        JET_errReadVerifyFailure);
        /* only the primary is present in the buffer: found, shadow reported bad */
        CU_ASSERT_EQUAL(esent_dbheader_read_file_start(g_hdr, cb, 0, &d, &cb_found, &st), JET_errSuccess);
        CU_ASSERT_EQUAL(st, ESENT_DBHDR_SECONDARY_BAD);
        CU_ASSERT_EQUAL(esent_dbheader_read_file_start(g_hdr, cb - 1, 0, &d, &cb_found, &st), JET_errReadVerifyFailure);
    }
}

static void test_header_shadow_election(void)
{
    const uint32_t cb = 8192;
    esent_dbheader h, d;
    esent_dbhdr_status st;
    sample_header(&h, cb);
    CU_ASSERT_EQUAL_FATAL(esent_dbheader_encode(&h, g_hdr, cb), JET_errSuccess);
    memcpy(g_hdr + cb, g_hdr, cb);

    /* primary damaged: the shadow is used */
    g_hdr[100] ^= 0x10;
    CU_ASSERT_EQUAL(esent_dbheader_read_pair(g_hdr, g_hdr + cb, cb, &d, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(st, ESENT_DBHDR_PRIMARY_BAD);
    CU_ASSERT_EQUAL(d.dbid, 1u);
    uint32_t cb_found = 0;
    CU_ASSERT_EQUAL(esent_dbheader_read_file_start(g_hdr, 2 * cb, 0, &d, &cb_found, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(st, ESENT_DBHDR_PRIMARY_BAD);
    CU_ASSERT_EQUAL(cb_found, cb);
    /* both damaged */
    g_hdr[cb + 200] ^= 0x01;
    CU_ASSERT_EQUAL(esent_dbheader_read_pair(g_hdr, g_hdr + cb, cb, &d, &st), JET_errReadVerifyFailure);
    CU_ASSERT_EQUAL(esent_dbheader_read_file_start(g_hdr, 2 * cb, 0, &d, &cb_found, &st), JET_errReadVerifyFailure);
    /* primary fine, shadow damaged or absent */
    g_hdr[100] ^= 0x10;
    CU_ASSERT_EQUAL(esent_dbheader_read_pair(g_hdr, g_hdr + cb, cb, &d, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(st, ESENT_DBHDR_SECONDARY_BAD);
    CU_ASSERT_EQUAL(esent_dbheader_read_pair(g_hdr, NULL, cb, &d, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(st, ESENT_DBHDR_SECONDARY_BAD);
    /* both valid but different: the primary wins, the shadow is reported bad */
    esent_dbheader h2 = h;
    h2.dbid = 2;
    CU_ASSERT_EQUAL_FATAL(esent_dbheader_encode(&h2, g_hdr + cb, cb), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_dbheader_read_pair(g_hdr, g_hdr + cb, cb, &d, &st), JET_errSuccess);
    CU_ASSERT_EQUAL(st, ESENT_DBHDR_SECONDARY_BAD);
    CU_ASSERT_EQUAL(d.dbid, 1u);
    /* both copies valid at different page sizes (8 KiB primary, 4 KiB shadow at offset 4096 is
     * impossible to be valid at the same time: the primary covers it); a 4 KiB-only shadow: */
    CU_ASSERT_EQUAL(esent_dbheader_read_pair(NULL, NULL, cb, &d, &st), JET_errReadVerifyFailure);
    CU_ASSERT_EQUAL(esent_dbheader_read_pair(g_hdr, g_hdr + cb, 512, &d, &st), JET_errReadVerifyFailure);
}

static void test_header_bad_fields(void)
{
    const uint32_t cb = 4096;
    esent_dbheader h, d;
    sample_header(&h, cb);

    /* short buffers */
    CU_ASSERT_EQUAL(esent_dbheader_decode(g_page, ESENT_DBHDR_SIZE - 1, &d), JET_errReadVerifyFailure);
    CU_ASSERT_EQUAL(esent_dbheader_decode(NULL, 4096, &d), JET_errReadVerifyFailure);
    CU_ASSERT_EQUAL(esent_dbheader_read_pair(g_page, g_page, 700, &d, NULL), JET_errReadVerifyFailure);
    CU_ASSERT_EQUAL(esent_dbheader_read_file_start(g_page, 100, 0, &d, NULL, NULL), JET_errReadVerifyFailure);

    /* page-size field that is not the page size, or not a page size at all: the copy is invalid */
    static const uint32_t bad_sizes[] = { 8192, 12345, 1024, 65536, 0xFFFFFFFFu };
    for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++) {
        esent_dbheader b = h;
        b.cb_page_size = bad_sizes[i];
        CU_ASSERT_EQUAL_FATAL(esent_dbheader_encode(&b, g_hdr, cb), JET_errSuccess);
        memcpy(g_hdr + cb, g_hdr, cb);
        CU_ASSERT(!esent_dbheader_copy_valid(g_hdr, cb));
        CU_ASSERT_EQUAL(esent_dbheader_read_pair(g_hdr, g_hdr + cb, cb, &d, NULL), JET_errReadVerifyFailure);
        CU_ASSERT_EQUAL(esent_dbheader_read_file_start(g_hdr, 2 * cb, 0, &d, NULL, NULL), JET_errReadVerifyFailure);
        /* an attach then reports the version error (the magic is there) */
        CU_ASSERT_EQUAL(esent_dbheader_unreadable_error(g_hdr, cb), JET_errInvalidDatabaseVersion);
    }
    /* page-size field 0 means 4096 */
    esent_dbheader z = h;
    z.cb_page_size = 0;
    CU_ASSERT_EQUAL_FATAL(esent_dbheader_encode(&z, g_hdr, cb), JET_errSuccess);
    CU_ASSERT(esent_dbheader_copy_valid(g_hdr, 4096));
    CU_ASSERT_EQUAL_FATAL(esent_dbheader_encode(&z, g_hdr, 8192), JET_errSuccess);
    CU_ASSERT(!esent_dbheader_copy_valid(g_hdr, 8192));

    /* bad magic: the checksum is still fine, the attach check refuses */
    esent_dbheader m = h;
    m.magic = 0x12345678u;
    CU_ASSERT_EQUAL_FATAL(esent_dbheader_encode(&m, g_hdr, cb), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_dbheader_read_pair(g_hdr, NULL, cb, &d, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_dbheader_check_attach(&d, cb), JET_errInvalidDatabaseVersion);
    CU_ASSERT_EQUAL(esent_dbheader_unreadable_error(g_hdr, cb), JET_errDatabaseCorrupted);
    /* old version */
    m = h;
    m.version = 0x500;
    CU_ASSERT_EQUAL(esent_dbheader_check_attach(&m, cb), JET_errInvalidDatabaseVersion);
    CU_ASSERT_EQUAL_FATAL(esent_dbheader_encode(&m, g_hdr, cb), JET_errSuccess);
    g_hdr[2000] ^= 1;
    CU_ASSERT_EQUAL(esent_dbheader_unreadable_error(g_hdr, cb), JET_errDatabase500Format);
    CU_ASSERT_EQUAL(esent_dbheader_unreadable_error(g_hdr, 8), JET_errDatabaseCorrupted);
    CU_ASSERT_EQUAL(esent_dbheader_unreadable_error(NULL, 0), JET_errDatabaseCorrupted);
    /* attrib and file type */
    m = h;
    m.attrib = 1;
    CU_ASSERT_EQUAL(esent_dbheader_check_attach(&m, cb), JET_errDatabaseCorrupted);
    CU_ASSERT_EQUAL(esent_dbheader_check_file_type(&m), JET_errSuccess);
    static const uint32_t types[] = { 0, 1, 2, 3, 4, 5, 6, 7, 11, 0x01000000u };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        m = h;
        m.filetype = types[i];
        int ok = types[i] == JET_filetypeUnknown || types[i] == JET_filetypeDatabase ||
                 types[i] == JET_filetypeTempDatabase;
        CU_ASSERT_EQUAL(esent_dbheader_check_attach(&m, cb), ok ? JET_errSuccess : JET_errDatabaseCorrupted);
        CU_ASSERT_EQUAL(esent_dbheader_check_file_type(&m), ok ? JET_errSuccess : JET_errFileInvalidType);
        /* the unaligned field survives the round trip */
        CU_ASSERT_EQUAL_FATAL(esent_dbheader_encode(&m, g_hdr, cb), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_dbheader_decode(g_hdr, cb, &d), JET_errSuccess);
        CU_ASSERT_EQUAL(d.filetype, types[i]);
    }
    /* large pages need update-major 0x11 */
    m = h;
    m.cb_page_size = 16384;
    m.dae_update_major = 0x10;
    CU_ASSERT_EQUAL(esent_dbheader_check_attach(&m, 16384), JET_errInvalidDatabaseVersion);
    m.dae_update_major = 0x11;
    CU_ASSERT_EQUAL(esent_dbheader_check_attach(&m, 16384), JET_errSuccess);
    m.cb_page_size = 8192;
    m.dae_update_major = 0x9;
    CU_ASSERT_EQUAL(esent_dbheader_check_attach(&m, 8192), JET_errSuccess);

    /* garbage and zeros are never a header */
    memset(g_hdr, 0, 2 * 32768);
    CU_ASSERT_EQUAL(esent_dbheader_read_file_start(g_hdr, 2 * 32768, 0, &d, NULL, NULL), JET_errReadVerifyFailure);
    unsigned found = 0;
    for (int i = 0; i < 200; i++) {
        fill_random(g_hdr, 2 * 32768);
        if (esent_dbheader_read_file_start(g_hdr, 2 * 32768, 0, &d, NULL, NULL) != JET_errReadVerifyFailure)
            found++;
    }
    CU_ASSERT_EQUAL(found, 0);
}

/* ================================================================== pages */

/* Walks a page: view, every tag, every node and key, tag 0 of roots. Returns the first error. */
typedef struct walk_stats {
    unsigned pages, tags, nodes, compressed, ext_headers, split_buffers;
} walk_stats;

static JET_ERR walk_page(const uint8_t *page, uint32_t cb, walk_stats *st)
{
    esent_page_view v;
    JET_ERR err = esent_page_view_init(&v, page, cb);
    if (err < 0)
        return err;
    for (uint32_t i = 0; i < v.ctag; i++) {
        const uint8_t *p;
        uint32_t cbT, fl;
        err = esent_page_tag(&v, i, &p, &cbT, &fl);
        if (err < 0)
            return err;
        /* bounds: the bytes lie between the header and the tag array */
        if (cbT > 0 && (p < page + v.cb_header || p + cbT > page + cb - 4 * v.ctag))
            return -9999;
        if (i == 0 && (v.hdr.flags & ESENT_PAGE_ROOT) && v.ctag > 0) {
            if (v.hdr.flags & ESENT_PAGE_SPACE_TREE) {
                esent_split_buffer sb;
                err = esent_split_buffer_decode(p, cbT, &sb);
                st->split_buffers++;
            } else {
                esent_ext_header x;
                err = esent_ext_header_decode(p, cbT, &x);
                st->ext_headers++;
            }
            if (err < 0)
                return err;
        }
        st->tags++;
    }
    for (uint32_t i = 1; i < v.ctag; i++) {
        esent_node n;
        err = esent_page_node(&v, i, &n);
        if (err < 0)
            return err;
        uint8_t key[2 * 0x2000];
        uint32_t cbk;
        err = esent_node_key(&n, key, sizeof key, &cbk);
        if (err < 0)
            return err;
        st->nodes++;
        if (n.flags & ESENT_ND_COMPRESSED)
            st->compressed++;
    }
    st->pages++;
    return JET_errSuccess;
}

/* Builds a non-root leaf page with a 3-byte prefix in tag 0 and nodes with and without it. */
static void build_leaf(uint8_t *page, uint32_t cb, uint32_t *nnodes)
{
    esent_pghdr h;
    memset(&h, 0, sizeof h);
    h.dbtime_dirtied = 0x1234;
    h.pgno_prev = 10;
    h.pgno_next = 12;
    h.objid_fdp = 8;
    h.flags = ESENT_PAGE_LEAF | ESENT_PAGE_NEW_RECORD_FORMAT;
    h.pgno = 11;
    CU_ASSERT_EQUAL_FATAL(esent_page_init(page, cb, &h), JET_errSuccess);
    static const uint8_t prefix[3] = { 0x7F, 0x80, 0x00 };
    CU_ASSERT_EQUAL_FATAL(esent_page_set_tag0(page, cb, prefix, 3), JET_errSuccess);
    uint32_t n = 0;
    for (uint32_t i = 0; i < 40; i++) {
        uint8_t suffix[4] = { 0x00, (uint8_t)i, 0xAB, 0xCD };
        uint8_t data[64];
        memset(data, (int)i, sizeof data);
        uint8_t node[128];
        uint32_t cbn = 0, cb_prefix = (i % 2) ? 3 : 0;
        CU_ASSERT_EQUAL_FATAL(esent_node_encode(cb_prefix, suffix, 1 + i % 4, data, i, node, sizeof node, &cbn),
                              JET_errSuccess);
        CU_ASSERT_EQUAL(cbn, esent_node_size(cb_prefix, 1 + i % 4, i));
        uint32_t itag = 0;
        JET_ERR err = esent_page_append_node(page, cb, node, cbn, cb_prefix ? ESENT_ND_COMPRESSED : 0, &itag);
        if (err == JET_errBufferTooSmall)
            break;
        CU_ASSERT_EQUAL_FATAL(err, JET_errSuccess);
        CU_ASSERT_EQUAL(itag, i + 1);
        n++;
    }
    *nnodes = n;
}

static void test_page_build_and_read(void)
{
    for (size_t s = 0; s < NSIZES; s++) {
        uint32_t cb = k_sizes[s];
        uint32_t hdr = cb > 8192 ? ESENT_PGHDR2_SIZE : ESENT_PGHDR_SIZE;
        uint32_t n = 0;
        build_leaf(g_page, cb, &n);
        CU_ASSERT_EQUAL(n, 40u);
        esent_page_checksum_stamp(g_page, cb, 11);
        CU_ASSERT_EQUAL(esent_page_checksum_verify(g_page, cb, 11), JET_errSuccess);

        esent_page_view v;
        CU_ASSERT_EQUAL_FATAL(esent_page_view_init(&v, g_page, cb), JET_errSuccess);
        CU_ASSERT_EQUAL(v.cb_header, hdr);
        CU_ASSERT_EQUAL(v.ctag, 41u);
        CU_ASSERT_EQUAL(v.ctag_reserved, 1u);
        CU_ASSERT_EQUAL(v.hdr.itag_state, 41u);
        CU_ASSERT_EQUAL(v.hdr.pgno_prev, 10u);
        CU_ASSERT_EQUAL(v.hdr.objid_fdp, 8u);
        CU_ASSERT_EQUAL(v.hdr.pgno, cb > 8192 ? 11u : 0u);
        CU_ASSERT(v.hdr.flags & ESENT_PAGE_NEW_CHECKSUM);
        /* cbFree = cbPage − header − Σ tag sizes − 4·ctag; ibMicFree = Σ tag sizes (compact page) */
        uint32_t sum = 0;
        for (uint32_t i = 0; i < v.ctag; i++) {
            const uint8_t *p;
            uint32_t cbT, fl;
            CU_ASSERT_EQUAL_FATAL(esent_page_tag(&v, i, &p, &cbT, &fl), JET_errSuccess);
            CU_ASSERT_EQUAL(fl, (i > 0 && i % 2 == 0) ? ESENT_ND_COMPRESSED : 0u);
            sum += cbT;
        }
        CU_ASSERT_EQUAL(v.hdr.ib_mic_free, sum);
        CU_ASSERT_EQUAL(v.hdr.cb_free, cb - hdr - sum - 4 * v.ctag);
        CU_ASSERT_EQUAL(esent_page_cb_free(g_page, cb), v.hdr.cb_free);
        /* keys and data */
        for (uint32_t i = 1; i < v.ctag; i++) {
            esent_node nd;
            CU_ASSERT_EQUAL_FATAL(esent_page_node(&v, i, &nd), JET_errSuccess);
            uint32_t k = i - 1;
            uint8_t key[16], want[16];
            uint32_t cbk = 0, cbw = 0;
            if (k % 2) {
                want[cbw++] = 0x7F;
                want[cbw++] = 0x80;
                want[cbw++] = 0x00;
            }
            const uint8_t suffix[4] = { 0x00, (uint8_t)k, 0xAB, 0xCD };
            memcpy(want + cbw, suffix, 1 + k % 4);
            cbw += 1 + k % 4;
            CU_ASSERT_EQUAL(esent_node_key(&nd, key, sizeof key, &cbk), JET_errSuccess);
            CU_ASSERT_EQUAL(cbk, cbw);
            CU_ASSERT_EQUAL(memcmp(key, want, cbw), 0);
            CU_ASSERT_EQUAL(nd.cb_data, k);
            CU_ASSERT(nd.cb_data == 0 || nd.data[0] == (uint8_t)k);
            if (cbw > 1) {
                CU_ASSERT_EQUAL(esent_node_key(&nd, key, cbw - 1, &cbk), JET_errBufferTooSmall);
            }
            CU_ASSERT_EQUAL(cbk, cbw);
        }
        /* large pages keep the node flags in the node's first u16, small pages in the tag */
        const uint8_t *p2;
        uint32_t cb2, f2;
        CU_ASSERT_EQUAL(esent_page_tag(&v, 2, &p2, &cb2, &f2), JET_errSuccess);
        if (cb > 8192) {
            CU_ASSERT_EQUAL(p2[1] >> 5, ESENT_ND_COMPRESSED);
        } else {
            CU_ASSERT_EQUAL(rd32(g_page + cb - 12) >> 29, ESENT_ND_COMPRESSED);
        }
        walk_stats ws;
        memset(&ws, 0, sizeof ws);
        CU_ASSERT_EQUAL(walk_page(g_page, cb, &ws), JET_errSuccess);
        CU_ASSERT_EQUAL(ws.compressed, 20u);

        /* filling the page up: BufferTooSmall exactly when node + tag exceed the free space */
        uint8_t big[40000];
        memset(big, 0, sizeof big);
        uint32_t room = esent_page_cb_free(g_page, cb);
        CU_ASSERT_EQUAL(esent_page_append_node(g_page, cb, big, room - 3, 0, NULL), JET_errBufferTooSmall);
        CU_ASSERT_EQUAL(esent_page_append_node(g_page, cb, big, room - 4, 0, NULL), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_page_cb_free(g_page, cb), 0u);
        CU_ASSERT_EQUAL(esent_page_append_node(g_page, cb, big, 2, 0, NULL), JET_errBufferTooSmall);
        CU_ASSERT_EQUAL(esent_page_view_init(&v, g_page, cb), JET_errSuccess);
        CU_ASSERT_EQUAL(v.hdr.cb_free, 0);
        CU_ASSERT_EQUAL(v.hdr.ib_mic_free, v.cb_data_max);
        /* tag 0 can only be rewritten in place now */
        static const uint8_t other[3] = { 1, 2, 3 };
        CU_ASSERT_EQUAL(esent_page_set_tag0(g_page, cb, other, 3), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_page_set_tag0(g_page, cb, other, 2), JET_errInvalidParameter);
        memset(&ws, 0, sizeof ws);
        CU_ASSERT_EQUAL(walk_page(g_page, cb, &ws), JET_errSuccess);
    }
}

static void test_page_root_and_space(void)
{
    for (size_t s = 0; s < NSIZES; s++) {
        uint32_t cb = k_sizes[s];
        esent_pghdr h;
        memset(&h, 0, sizeof h);
        h.dbtime_dirtied = 5;
        h.objid_fdp = 2;
        h.flags = ESENT_PAGE_ROOT | ESENT_PAGE_LEAF | ESENT_PAGE_NEW_RECORD_FORMAT;
        CU_ASSERT_EQUAL_FATAL(esent_page_init(g_page, cb, &h), JET_errSuccess);
        esent_space_header sph = { 20, 1, ESENT_SPH_MULTIPLE_EXTENT, 5 };
        uint8_t raw[ESENT_SPH_SIZE];
        esent_space_header_encode(&sph, raw);
        CU_ASSERT_EQUAL(esent_page_set_tag0(g_page, cb, raw, sizeof raw), JET_errSuccess);
        esent_page_view v;
        CU_ASSERT_EQUAL_FATAL(esent_page_view_init(&v, g_page, cb), JET_errSuccess);
        const uint8_t *p;
        uint32_t cbT, fl;
        CU_ASSERT_EQUAL(esent_page_tag(&v, 0, &p, &cbT, &fl), JET_errSuccess);
        esent_ext_header x;
        CU_ASSERT_EQUAL(esent_ext_header_decode(p, cbT, &x), JET_errSuccess);
        CU_ASSERT_EQUAL(x.extended, 0u);
        CU_ASSERT_EQUAL(x.sph.cpg_primary, 20u);
        CU_ASSERT_EQUAL(x.sph.pgno_parent, 1u);
        CU_ASSERT_EQUAL(x.sph.flags, ESENT_SPH_MULTIPLE_EXTENT);
        CU_ASSERT_EQUAL(x.sph.avail_or_oe, 5u);
        /* a compressed node on a root page is corrupt (tag 0 is no prefix there) */
        uint8_t node[8] = { 2, 0, 1, 0, 0x42, 0, 0, 0 };
        CU_ASSERT_EQUAL(esent_page_append_node(g_page, cb, node, 8, ESENT_ND_COMPRESSED, NULL), JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(esent_page_view_init(&v, g_page, cb), JET_errSuccess);
        esent_node nd;
        CU_ASSERT_EQUAL(esent_page_node(&v, 1, &nd), JET_errDatabaseCorrupted);
    }
    /* the 25-byte extended form of the LIBDOC example: fields 3, cpg 10, parent 1, single, avail 0x1fc,
     * autoinc 30 */
    static const uint8_t ext25[25] = { 0x03, 0x0a, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0xfc, 0x01, 0, 0,
                                       0x1e, 0, 0, 0, 0, 0, 0, 0 };
    esent_ext_header x;
    CU_ASSERT_EQUAL(esent_ext_header_decode(ext25, 25, &x), JET_errSuccess);
    CU_ASSERT_EQUAL(x.extended, 1u);
    CU_ASSERT_EQUAL(x.fields, 3u);
    CU_ASSERT_EQUAL(x.sph.cpg_primary, 10u);
    CU_ASSERT_EQUAL(x.sph.pgno_parent, 1u);
    CU_ASSERT_EQUAL(x.sph.flags, 0u);
    CU_ASSERT_EQUAL(x.sph.avail_or_oe, 0x1FCu);
    CU_ASSERT_EQUAL(x.autoinc_max, 30u);
    CU_ASSERT_EQUAL(esent_ext_header_decode(ext25, 24, &x), JET_errDatabaseCorrupted);
    CU_ASSERT_EQUAL(esent_ext_header_decode(ext25, 0, &x), JET_errDatabaseCorrupted);
    uint8_t ext26[26];
    memcpy(ext26, ext25, 25);
    ext26[25] = 0;
    CU_ASSERT_EQUAL(esent_ext_header_decode(ext26, 26, &x), JET_errDatabaseCorrupted);
    ext26[0] = 0x07;  /* an unknown later field may follow */
    CU_ASSERT_EQUAL(esent_ext_header_decode(ext26, 26, &x), JET_errSuccess);
    CU_ASSERT_EQUAL(x.autoinc_max, 30u);
    static const uint8_t only_autoinc[9] = { 0x02, 9, 0, 0, 0, 0, 0, 0, 0 };
    CU_ASSERT_EQUAL(esent_ext_header_decode(only_autoinc, 9, &x), JET_errSuccess);
    CU_ASSERT_EQUAL(x.autoinc_max, 9u);
    CU_ASSERT_EQUAL(x.fields & ESENT_EXTHDR_SPACE_HEADER, 0u);
    CU_ASSERT_EQUAL(esent_ext_header_decode(only_autoinc, 8, &x), JET_errDatabaseCorrupted);

    /* split buffer */
    esent_split_buffer sb = { { 30, 40 }, { 2, -1 } }, sb2;
    uint8_t raw[ESENT_SPLIT_BUFFER_SIZE];
    esent_split_buffer_encode(&sb, raw);
    CU_ASSERT_EQUAL(esent_split_buffer_decode(raw, 16, &sb2), JET_errSuccess);
    CU_ASSERT_EQUAL(sb2.pgno_last[1], 40u);
    CU_ASSERT_EQUAL(sb2.cpg[1], -1);
    CU_ASSERT_EQUAL(esent_split_buffer_decode(raw, 0, &sb2), JET_errSuccess);
    CU_ASSERT_EQUAL(sb2.pgno_last[0], 0u);
    CU_ASSERT_EQUAL(esent_split_buffer_decode(raw, 15, &sb2), JET_errDatabaseCorrupted);
    CU_ASSERT_EQUAL(esent_split_buffer_decode(raw, 17, &sb2), JET_errDatabaseCorrupted);
}

/* Offset of tag i's 4 bytes. */
static uint8_t *tagp(uint8_t *page, uint32_t cb, uint32_t i)
{
    return page + cb - 4 * (i + 1);
}

static void test_page_hostile(void)
{
    for (size_t s = 0; s < NSIZES; s++) {
        uint32_t cb = k_sizes[s];
        uint32_t hdr = cb > 8192 ? 80 : 40;
        uint32_t mask = cb > 8192 ? 0x7FFF : 0x1FFF;
        uint32_t n;
        esent_page_view v;
        esent_node nd;
        const uint8_t *p;
        uint32_t cbT, fl;
        build_leaf(g_page2, cb, &n);

        /* tag count larger than the page can hold (32 KiB: 4095 tags fit, but cbFree no longer does) */
        memcpy(g_page, g_page2, cb);
        uint32_t too_many = (cb - hdr) / 4 + 1;
        wr16(g_page + 34, too_many > 0xFFF ? 0xFFF : too_many);
        CU_ASSERT_EQUAL(esent_page_view_init(&v, g_page, cb), JET_errDatabaseCorrupted);
        wr16(g_page + 34, 0x7000 | (too_many > 0xFFF ? 0xFFF : too_many));  /* ctagReserved bits ignored */
        CU_ASSERT_EQUAL(esent_page_view_init(&v, g_page, cb), JET_errDatabaseCorrupted);
        memcpy(g_page, g_page2, cb);
        wr16(g_page + 34, 0x3000 | 41);
        CU_ASSERT_EQUAL(esent_page_view_init(&v, g_page, cb), JET_errSuccess);
        CU_ASSERT_EQUAL(v.ctag, 41u);
        CU_ASSERT_EQUAL(v.ctag_reserved, 3u);
        /* ibMicFree / cbFree / cbUncommittedFree beyond the data area */
        memcpy(g_page, g_page2, cb);
        CU_ASSERT_EQUAL_FATAL(esent_page_view_init(&v, g_page, cb), JET_errSuccess);
        wr16(g_page + 32, v.cb_data_max + 1);
        CU_ASSERT_EQUAL(esent_page_view_init(&v, g_page, cb), JET_errDatabaseCorrupted);
        memcpy(g_page, g_page2, cb);
        wr16(g_page + 28, 0xFFFF);
        CU_ASSERT_EQUAL(esent_page_view_init(&v, g_page, cb), JET_errDatabaseCorrupted);
        memcpy(g_page, g_page2, cb);
        wr16(g_page + 30, (uint32_t)(g_page[28] | (g_page[29] << 8)) + 1u);
        CU_ASSERT_EQUAL(esent_page_view_init(&v, g_page, cb), JET_errDatabaseCorrupted);

        /* oversized tag offset and size */
        memcpy(g_page, g_page2, cb);
        wr16(tagp(g_page, cb, 3) + 2, mask);
        CU_ASSERT_EQUAL_FATAL(esent_page_view_init(&v, g_page, cb), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_page_tag(&v, 3, &p, &cbT, &fl), JET_errDatabaseCorrupted);
        CU_ASSERT_EQUAL(esent_page_node(&v, 3, &nd), JET_errDatabaseCorrupted);
        memcpy(g_page, g_page2, cb);
        wr16(tagp(g_page, cb, 3), mask);
        CU_ASSERT_EQUAL_FATAL(esent_page_view_init(&v, g_page, cb), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_page_tag(&v, 3, &p, &cbT, &fl), JET_errDatabaseCorrupted);
        /* a node ending just past ibMicFree */
        memcpy(g_page, g_page2, cb);
        CU_ASSERT_EQUAL_FATAL(esent_page_view_init(&v, g_page, cb), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_page_tag(&v, n, &p, &cbT, &fl), JET_errSuccess);
        wr16(tagp(g_page, cb, n), cbT + 1);
        CU_ASSERT_EQUAL(esent_page_tag(&v, n, &p, &cbT, &fl), JET_errDatabaseCorrupted);
        /* an empty tag with a stale offset is fine inside the data area, not beyond */
        memcpy(g_page, g_page2, cb);
        wr16(tagp(g_page, cb, 0), 0);
        wr16(tagp(g_page, cb, 0) + 2, 100);
        CU_ASSERT_EQUAL(esent_page_tag(&v, 0, &p, &cbT, &fl), JET_errSuccess);
        CU_ASSERT_EQUAL(cbT, 0u);
        wr16(tagp(g_page, cb, 0) + 2, v.cb_data_max + 1);
        CU_ASSERT_EQUAL(esent_page_tag(&v, 0, &p, &cbT, &fl), JET_errDatabaseCorrupted);
        /* itag beyond ctag; tag 0 is no node */
        memcpy(g_page, g_page2, cb);
        CU_ASSERT_EQUAL(esent_page_tag(&v, v.ctag, &p, &cbT, &fl), JET_errDatabaseCorrupted);
        CU_ASSERT_EQUAL(esent_page_tag(&v, 0xFFFFFFFFu, &p, &cbT, &fl), JET_errDatabaseCorrupted);
        CU_ASSERT_EQUAL(esent_page_node(&v, v.ctag, &nd), JET_errDatabaseCorrupted);
        CU_ASSERT_EQUAL(esent_page_node(&v, 0, &nd), JET_errInvalidParameter);

        /* node cbSuffix beyond the tag (tag 1: uncompressed, 1-byte suffix, no data) */
        memcpy(g_page, g_page2, cb);
        CU_ASSERT_EQUAL(esent_page_tag(&v, 1, &p, &cbT, &fl), JET_errSuccess);
        uint8_t *pn = g_page + (p - g_page);
        wr16(pn, cbT - 1);
        CU_ASSERT_EQUAL(esent_page_node(&v, 1, &nd), JET_errDatabaseCorrupted);
        wr16(pn, cbT - 2);
        CU_ASSERT_EQUAL(esent_page_node(&v, 1, &nd), JET_errSuccess);
        CU_ASSERT_EQUAL(nd.cb_data, 0u);
        wr16(pn, 0x1FFF);
        CU_ASSERT_EQUAL(esent_page_node(&v, 1, &nd), JET_errDatabaseCorrupted);
        /* node shorter than its size fields */
        memcpy(g_page, g_page2, cb);
        wr16(tagp(g_page, cb, 1), 1);
        CU_ASSERT_EQUAL(esent_page_node(&v, 1, &nd), JET_errDatabaseCorrupted);
        wr16(tagp(g_page, cb, 1), 0);
        CU_ASSERT_EQUAL(esent_page_node(&v, 1, &nd), JET_errDatabaseCorrupted);
        /* compressed node (tag 2): prefix larger than tag 0 (3 bytes), then 2 bytes total */
        memcpy(g_page, g_page2, cb);
        CU_ASSERT_EQUAL(esent_page_tag(&v, 2, &p, &cbT, &fl), JET_errSuccess);
        CU_ASSERT_EQUAL(fl, ESENT_ND_COMPRESSED);
        pn = g_page + (p - g_page);
        uint8_t save0 = pn[0];
        pn[0] = 4;
        CU_ASSERT_EQUAL(esent_page_node(&v, 2, &nd), JET_errDatabaseCorrupted);
        pn[0] = 3;
        CU_ASSERT_EQUAL(esent_page_node(&v, 2, &nd), JET_errSuccess);
        CU_ASSERT_EQUAL(nd.cb_prefix, 3u);
        pn[0] = save0;
        wr16(tagp(g_page, cb, 2), 3);  /* cbPrefix fits, cbSuffix field cut */
        CU_ASSERT_EQUAL(esent_page_node(&v, 2, &nd), JET_errDatabaseCorrupted);
        wr16(tagp(g_page, cb, 2), 1);
        CU_ASSERT_EQUAL(esent_page_node(&v, 2, &nd), JET_errDatabaseCorrupted);
        /* tag 0 itself corrupt: compressed nodes fail, plain ones still decode */
        memcpy(g_page, g_page2, cb);
        wr16(tagp(g_page, cb, 0), mask);
        CU_ASSERT_EQUAL(esent_page_node(&v, 2, &nd), JET_errDatabaseCorrupted);
        CU_ASSERT_EQUAL(esent_page_node(&v, 1, &nd), JET_errSuccess);

        /* unsupported sizes and writer misuse */
        CU_ASSERT_EQUAL(esent_page_view_init(&v, g_page2, 1000), JET_errInvalidParameter);
        CU_ASSERT_EQUAL(esent_page_view_init(&v, g_page2, 12288), JET_errInvalidParameter);
        esent_pghdr ph;
        memset(&ph, 0, sizeof ph);
        CU_ASSERT_EQUAL(esent_pghdr_decode(g_page2, 3000, &ph), JET_errInvalidParameter);
        CU_ASSERT_EQUAL(esent_page_init(g_page, 3000, &ph), JET_errInvalidParameter);
        CU_ASSERT_EQUAL(esent_page_append_node(g_page2, cb, (const uint8_t *)"x", 1, 0, NULL), JET_errInvalidParameter);
        CU_ASSERT_EQUAL(esent_page_append_node(g_page2, cb, (const uint8_t *)"xy", 2, 8, NULL), JET_errInvalidParameter);
        uint8_t node[8];
        uint32_t cbn;
        CU_ASSERT_EQUAL(esent_node_encode(0x2000, NULL, 0, NULL, 0, node, 8, &cbn), JET_errInvalidParameter);
        CU_ASSERT_EQUAL(esent_node_encode(0, (const uint8_t *)"abcdefgh", 8, NULL, 0, node, 8, &cbn),
                        JET_errBufferTooSmall);
        if (cb > 8192) {
            static const uint8_t flagged[2] = { 0x01, 0x20 };  /* top bits of the first u16 already used */
            CU_ASSERT_EQUAL(esent_page_append_node(g_page2, cb, flagged, 2, 0, NULL), JET_errInvalidParameter);
        }
    }
}

/* Random corruption of valid pages, and random pages: every accessor returns success or
 * JET_errDatabaseCorrupted and never reads outside the page (ASan). */
static void test_page_fuzz(void)
{
    unsigned errors = 0, ok = 0, other = 0;
    for (size_t s = 0; s < NSIZES; s++) {
        uint32_t cb = k_sizes[s];
        uint32_t n;
        build_leaf(g_page2, cb, &n);
        for (int round = 0; round < 1500; round++) {
            memcpy(g_page, g_page2, cb);
            int nmut = 1 + (int)(rnd() % 8);
            for (int m = 0; m < nmut; m++) {
                uint32_t where = rnd() % 4;
                uint32_t ib;
                if (where == 0)
                    ib = 28 + rnd() % 12;            /* cbFree .. fFlags */
                else if (where == 1)
                    ib = cb - 1 - rnd() % (4 * 42);  /* tag array */
                else
                    ib = rnd() % cb;
                g_page[ib] = (uint8_t)rnd();
            }
            if (round % 10 == 0)
                random_page(g_page, cb);
            walk_stats ws;
            memset(&ws, 0, sizeof ws);
            JET_ERR err = walk_page(g_page, cb, &ws);
            if (err == JET_errSuccess)
                ok++;
            else if (err == JET_errDatabaseCorrupted)
                errors++;
            else
                other++;
        }
    }
    printf("\n    fuzz: %u pages walked, %u corrupt, %u other errors\n", ok, errors, other);
    CU_ASSERT_EQUAL(other, 0);
    CU_ASSERT(ok > 0 && errors > 0);
}

/* ================================================================== corpus */

static FILE *open_corpus(const char *rel)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", ESENT_CORPUS_DIR, rel);
    return test_fopen_host(path, "rb");
}

/* Whole file into memory (the largest corpus database is 12 MiB). */
static uint8_t *read_corpus_file(const char *rel, size_t *cb)
{
    FILE *f = open_corpus(rel);
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf != NULL) {
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    *cb = n;
    return buf;
}

typedef struct dbfile {
    const uint8_t *buf;
    size_t cb;
    uint32_t cb_page;
    uint32_t cpg;        /* data pages in the file: pgno 1..cpg */
} dbfile;

static const uint8_t *db_page(const dbfile *db, uint32_t pgno)
{
    if (pgno == 0 || pgno > db->cpg)
        return NULL;
    return db->buf + (size_t)(pgno + 1) * db->cb_page;
}

/* Marks the extents of a space tree (leaf nodes: key = pgnoLast big-endian, possibly after a 1-byte
 * pool prefix; data = i32 page count) in map[pgno] with bit `mark`. Deleted nodes do not count. */
static int walk_space_tree(const dbfile *db, uint32_t pgno, uint8_t *map, uint8_t mark, int depth)
{
    const uint8_t *page = db_page(db, pgno);
    esent_page_view v;
    if (page == NULL || depth > 8 || esent_page_view_init(&v, page, db->cb_page) < 0)
        return 0;
    for (uint32_t i = 1; i < v.ctag; i++) {
        esent_node n;
        if (esent_page_node(&v, i, &n) < 0)
            return 0;
        if (n.flags & ESENT_ND_DELETED)
            continue;
        if (!(v.hdr.flags & ESENT_PAGE_LEAF)) {
            if (n.cb_data < 4 || !walk_space_tree(db, rd32(n.data), map, mark, depth + 1))
                return 0;
            continue;
        }
        uint8_t key[16];
        uint32_t cbk;
        if (esent_node_key(&n, key, sizeof key, &cbk) < 0 || cbk < 4 || n.cb_data < 4)
            return 0;
        uint32_t last = ((uint32_t)key[cbk - 4] << 24) | ((uint32_t)key[cbk - 3] << 16) |
                        ((uint32_t)key[cbk - 2] << 8) | key[cbk - 1];
        int32_t cpg = (int32_t)rd32(n.data);
        for (int64_t p = (int64_t)last - cpg + 1; p <= (int64_t)last; p++) {
            if (p >= 1 && p <= (int64_t)db->cpg)
                map[p] |= mark;
        }
    }
    return 1;
}

#define MAP_OWNED 1u
#define MAP_AVAIL 2u

/* Database-level space: owned (root OE tree) and available (root AE tree = OE + 1) pages. */
static int space_map(const dbfile *db, uint8_t *map)
{
    const uint8_t *root = db_page(db, 1);
    esent_page_view v;
    const uint8_t *p;
    uint32_t cb, fl;
    esent_ext_header x;
    if (root == NULL || esent_page_view_init(&v, root, db->cb_page) < 0 || esent_page_tag(&v, 0, &p, &cb, &fl) < 0 ||
        esent_ext_header_decode(p, cb, &x) < 0 || !(x.sph.flags & ESENT_SPH_MULTIPLE_EXTENT))
        return 0;
    return walk_space_tree(db, x.sph.avail_or_oe, map, MAP_OWNED, 0) &&
           walk_space_tree(db, x.sph.avail_or_oe + 1, map, MAP_AVAIL, 0);
}

typedef struct page_counts {
    unsigned verified, zero, unowned, free_stale, unstamped, failed;
} page_counts;

static uint32_t state_from_notes(const char *notes)
{
    if (strstr(notes, "state=CleanShutdown"))
        return JET_dbstateCleanShutdown;
    if (strstr(notes, "state=DirtyShutdown"))
        return JET_dbstateDirtyShutdown;
    if (strstr(notes, "state=JustCreated"))
        return JET_dbstateJustCreated;
    return 0;
}

/* Checks one database file; returns 1 when it was read. */
static int check_database(const char *rel, uint32_t cb_page_listed, uint32_t state_listed, page_counts *total,
                          walk_stats *ws)
{
    size_t cb = 0;
    uint8_t *buf = read_corpus_file(rel, &cb);
    if (buf == NULL) {
        printf("\n    %s: cannot read", rel);
        CU_FAIL("corpus file listed in MANIFEST.tsv cannot be read");
        return 0;
    }
    /* header: both copies valid, identical, page size detected as listed */
    esent_dbheader h, h1;
    esent_dbhdr_status st = ESENT_DBHDR_PRIMARY_BAD;
    uint32_t cb_page = 0;
    JET_ERR err = esent_dbheader_read_file_start(buf, cb > 65536 ? 65536 : (uint32_t)cb, 0, &h, &cb_page, &st);
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    if (err < 0) {
        printf("\n    %s: header error %d", rel, (int)err);
        free(buf);
        return 1;
    }
    CU_ASSERT_EQUAL(st, ESENT_DBHDR_OK);
    CU_ASSERT_EQUAL(cb_page, cb_page_listed);
    CU_ASSERT_EQUAL(esent_dbheader_page_size(&h), cb_page);
    CU_ASSERT(esent_dbheader_copy_valid(buf, cb_page) && esent_dbheader_copy_valid(buf + cb_page, cb_page));
    CU_ASSERT_EQUAL(esent_dbheader_decode(buf + cb_page, cb_page, &h1), JET_errSuccess);
    CU_ASSERT_EQUAL(h1.dbstate, h.dbstate);
    CU_ASSERT_EQUAL(h.dbstate, state_listed);
    CU_ASSERT_EQUAL(h.magic, ESENT_DBHDR_MAGIC);
    CU_ASSERT_EQUAL(h.filetype, (uint32_t)JET_filetypeDatabase);
    CU_ASSERT_EQUAL(esent_dbheader_check_attach(&h, cb_page), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_dbheader_check_file_type(&h), JET_errSuccess);
    /* libesedb's 668-byte checksum agrees, and re-encoding gives the same page, byte for byte */
    CU_ASSERT_EQUAL(esent_checksum_xor32(buf, 668), h.checksum);
    CU_ASSERT_EQUAL(esent_dbheader_encode(&h, g_page, cb_page), JET_errSuccess);
    CU_ASSERT_EQUAL(memcmp(g_page, buf, cb_page), 0);

    /* pages */
    dbfile db = { buf, cb, cb_page, (uint32_t)(cb / cb_page) - 2 };
    CU_ASSERT_EQUAL(cb % cb_page, 0);
    uint8_t *map = calloc((size_t)db.cpg + 1, 1);
    int have_map = map != NULL && space_map(&db, map);
    CU_ASSERT(have_map);
    page_counts c;
    memset(&c, 0, sizeof c);
    for (uint32_t pgno = 1; pgno <= db.cpg; pgno++) {
        const uint8_t *page = db_page(&db, pgno);
        err = esent_page_checksum_verify(page, cb_page, pgno);
        int in_use = have_map && (map[pgno] & MAP_OWNED) && !(map[pgno] & MAP_AVAIL);
        if (err == JET_errSuccess) {
            c.verified++;
            JET_ERR werr = walk_page(page, cb_page, ws);
            if (werr != JET_errSuccess) {
                printf("\n    %s: page %u verified but does not parse (%d)", rel, pgno, (int)werr);
                CU_FAIL("verified page does not parse");
            }
        } else if (err == JET_errPageNotInitialized) {
            c.zero++;
        } else if (have_map && !(map[pgno] & MAP_OWNED)) {
            c.unowned++;  /* past the database's owned extents: not a database page */
        } else if (!in_use) {
            c.free_stale++;  /* in the root's available extents: never read by the engine */
        } else if (h.dbstate == JET_dbstateJustCreated && rd64(page) == 0) {
            /* a database whose creation never finished (the NTDS temp database): its pages carry
             * no checksum; they must still parse */
            c.unstamped++;
            JET_ERR werr = walk_page(page, cb_page, ws);
            if (werr != JET_errSuccess) {
                printf("\n    %s: unstamped page %u does not parse (%d)", rel, pgno, (int)werr);
                CU_FAIL("unstamped page does not parse");
            }
        } else {
            c.failed++;
            if (c.failed <= 3)
                printf("\n    %s: page %u: checksum error %d", rel, pgno, (int)err);
        }
    }
    CU_ASSERT_EQUAL(c.failed, 0);
    printf("\n    %-100s %5u KiB pages %6u: verified %6u zero %6u unowned %3u free-stale %3u unstamped %3u failed %u",
           rel, cb_page / 1024, db.cpg, c.verified, c.zero, c.unowned, c.free_stale, c.unstamped, c.failed);
    total->verified += c.verified;
    total->zero += c.zero;
    total->unowned += c.unowned;
    total->free_stale += c.free_stale;
    total->unstamped += c.unstamped;
    total->failed += c.failed;
    free(map);
    free(buf);
    return 1;
}

/* Splits a MANIFEST.tsv line in place into up to n tab-separated columns. */
static size_t split_tabs(char *line, char **cols, size_t n)
{
    size_t k = 0;
    char *p = line;
    while (k < n) {
        cols[k++] = p;
        char *t = strchr(p, '\t');
        if (t == NULL)
            break;
        *t = '\0';
        p = t + 1;
    }
    char *nl = strpbrk(cols[k - 1], "\r\n");
    if (nl != NULL)
        *nl = '\0';
    return k;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void test_corpus_databases(void)
{
    FILE *mf = open_corpus("MANIFEST.tsv");
    if (mf == NULL) {
        printf("\n    corpus not found (%s), skipped", ESENT_CORPUS_DIR);
        return;
    }
    static char line[16384];
    page_counts total;
    memset(&total, 0, sizeof total);
    walk_stats ws;
    memset(&ws, 0, sizeof ws);
    unsigned files = 0, skipped = 0;
    int first = 1;
    size_t c_file = 0, c_kind = 7, c_page = 8, c_notes = 9;
    while (fgets(line, sizeof line, mf) != NULL) {
        char *cols[16];
        size_t n = split_tabs(line, cols, 16);
        if (first) {  /* header row: find the columns by name */
            first = 0;
            for (size_t i = 0; i < n; i++) {
                if (strcmp(cols[i], "file") == 0) c_file = i;
                if (strcmp(cols[i], "kind") == 0) c_kind = i;
                if (strcmp(cols[i], "page_size") == 0) c_page = i;
                if (strcmp(cols[i], "notes") == 0) c_notes = i;
            }
            continue;
        }
        if (n <= c_notes || strcmp(cols[c_kind], "database") != 0)
            continue;
        const char *rel = cols[c_file];
        if (ends_with(rel, ".gz") || ends_with(rel, ".7z")) {
            printf("\n    skipped (compressed archive): %s", rel);
            skipped++;
            continue;
        }
        uint32_t state = state_from_notes(cols[c_notes]);
        CU_ASSERT(state != 0);
        files += (unsigned)check_database(rel, (uint32_t)strtoul(cols[c_page], NULL, 10), state, &total, &ws);
    }
    fclose(mf);
    printf("\n    corpus: %u database files checked, %u skipped; pages verified %u, zero %u, unowned %u, "
           "free-stale %u, unstamped %u, failed %u; %u pages parsed: %u tags, %u nodes (%u prefix-compressed), "
           "%u external headers, %u split buffers\n",
           files, skipped, total.verified, total.zero, total.unowned, total.free_stale, total.unstamped, total.failed,
           ws.pages, ws.tags, ws.nodes, ws.compressed, ws.ext_headers, ws.split_buffers);
    CU_ASSERT(files >= 20);
    CU_ASSERT(total.verified > 1000);
    CU_ASSERT_EQUAL(total.failed, 0);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite c = esent_test_suite("checksum", NULL, NULL);
    esent_test_add(c, "known answers: XOR32, XE blocks against a bit-by-bit restatement", test_known_answers);
    esent_test_add(c, "stamp/verify every page size, every bit flip, wrong pgno, zero page", test_stamp_verify_every_size);
    esent_test_add(c, "old format (XOR + pgno)", test_old_format);
    esent_test_add(c, "header XOR checksum", test_header_checksum);
    CU_pSuite h = esent_test_suite("database header", NULL, NULL);
    esent_test_add(h, "748-byte layout, field offsets, 672-byte interop rule", test_header_layout);
    esent_test_add(h, "round trip and page-size detection, every page size", test_header_round_trip_every_size);
    esent_test_add(h, "shadow copy election", test_header_shadow_election);
    esent_test_add(h, "short, garbage and invalid headers", test_header_bad_fields);
    CU_pSuite p = esent_test_suite("page", NULL, NULL);
    esent_test_add(p, "build and read back, every page size", test_page_build_and_read);
    esent_test_add(p, "root pages: external header, split buffer", test_page_root_and_space);
    esent_test_add(p, "hostile offsets, sizes and counts", test_page_hostile);
    esent_test_add(p, "random corruption", test_page_fuzz);
    CU_pSuite k = esent_test_suite("corpus", NULL, NULL);
    esent_test_add(k, "every database: headers, every page's checksum and structure", test_corpus_databases);
    return esent_test_run();
}
