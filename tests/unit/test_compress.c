/* Compressed values (esent/src/format/compress.c): hand-made vectors for every scheme, values taken
 * from Windows-made databases of the corpus, round trips through small reference encoders written here
 * from the format descriptions ([MS-XCA] §2.3 for XPRESS, the LZ4 block format), truncated and hostile
 * input, and random bytes through every decoder (run under ASan/UBSan by the sanitizer build). */
#include "cu_runner.h"

#include "format/compress.h"

#include <esent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ helpers */

static uint32_t g_rng = 0x12345678u;

static uint32_t rnd(void)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 17;
    g_rng ^= g_rng << 5;
    return g_rng;
}

/* Decodes a whole value into an exactly sized heap buffer (so that ASan sees any overrun); *pout
 * receives it (the caller frees), NULL on error. */
static JET_ERR decode(const uint8_t *pb, size_t cb, uint8_t **pout, uint32_t *pcb)
{
    uint32_t size = 0, got = 0;
    *pout = NULL;
    *pcb = 0;
    JET_ERR err = esent_decompress_size(pb, cb, &size);
    if (err < 0)
        return err;
    uint8_t *out = malloc(size ? size : 1u);
    if (out == NULL)
        return JET_errOutOfMemory;
    err = esent_decompress(pb, cb, out, size, &got);
    if (err < 0) {
        free(out);
        return err;
    }
    *pout = out;
    *pcb = got;
    return err;
}

/* 1 when the value decodes to exactly (exp, cbExp). */
static int decodes_to(const void *pb, size_t cb, const void *exp, size_t cbExp)
{
    uint8_t *out;
    uint32_t got;
    if (decode(pb, cb, &out, &got) < 0)
        return 0;
    int same = got == cbExp && memcmp(out, exp, cbExp) == 0;
    free(out);
    return same;
}

static JET_ERR decode_err(const void *pb, size_t cb)
{
    uint8_t *out;
    uint32_t got;
    JET_ERR err = decode(pb, cb, &out, &got);
    free(out);
    return err;
}

/* ------------------------------------------------------------------ reference encoders (test only) */

/* 7-bit: header byte (scheme << 3 | bits used in the last byte - 1), values packed LSB first.
 * unicode: the input is UTF-16LE code units below 0x80. Returns the size. */
static size_t enc_7bit(const uint8_t *in, size_t n, int unicode, uint8_t *out)
{
    size_t op = 1, count = unicode ? n / 2 : n;
    uint32_t acc = 0;
    unsigned have = 0;
    for (size_t i = 0; i < count; i++) {
        acc |= (uint32_t)(in[unicode ? 2 * i : i] & 0x7F) << have;
        have += 7;
        while (have >= 8) {
            out[op++] = (uint8_t)acc;
            acc >>= 8;
            have -= 8;
        }
    }
    unsigned last = 8;
    if (have > 0) {
        out[op++] = (uint8_t)acc;
        last = have;
    }
    out[0] = (uint8_t)(((unicode ? ESENT_COMPRESS_7BIT_UNICODE : ESENT_COMPRESS_7BIT_ASCII) << 3) | (last - 1));
    return op;
}

/* [MS-XCA] §2.3 plain LZ77, greedy, matches searched up to `window` bytes back. Output: the stream
 * without ESE's header. Returns its size. */
static size_t enc_xpress(const uint8_t *in, size_t n, size_t window, uint8_t *out)
{
    size_t op = 4, flagpos = 0, halfpos = 0, ip = 0;
    uint32_t flags = 0;
    unsigned nflags = 0;
    int have_half = 0;
    while (ip < n) {
        size_t best = 0, bestoff = 0;
        for (size_t off = 1; off <= window && off <= ip && off <= 8192; off++) {
            size_t l = 0;
            while (ip + l < n && in[ip + l] == in[ip + l - off])
                l++;
            if (l > best) {
                best = l;
                bestoff = off;
            }
        }
        if (best < 3) {
            out[op++] = in[ip++];
            flags <<= 1;
        } else {
            size_t len = best - 3;
            uint32_t sym = (uint32_t)((bestoff - 1) << 3);
            if (len < 7) {
                sym |= (uint32_t)len;
                out[op++] = (uint8_t)sym;
                out[op++] = (uint8_t)(sym >> 8);
            } else {
                sym |= 7;
                out[op++] = (uint8_t)sym;
                out[op++] = (uint8_t)(sym >> 8);
                len -= 7;
                uint8_t nib = (uint8_t)(len < 15 ? len : 15);
                if (!have_half) {
                    halfpos = op;
                    out[op++] = nib;
                    have_half = 1;
                } else {
                    out[halfpos] |= (uint8_t)(nib << 4);
                    have_half = 0;
                }
                if (len >= 15) {
                    len -= 15;
                    if (len < 255) {
                        out[op++] = (uint8_t)len;
                    } else {
                        out[op++] = 255;
                        len += 15 + 7;
                        if (len < 65536) {
                            out[op++] = (uint8_t)len;
                            out[op++] = (uint8_t)(len >> 8);
                        } else {
                            out[op++] = 0;
                            out[op++] = 0;
                            for (int k = 0; k < 4; k++)
                                out[op++] = (uint8_t)(len >> (8 * k));
                        }
                    }
                }
            }
            ip += best;
            flags = (flags << 1) | 1u;
        }
        if (++nflags == 32) {
            for (int k = 0; k < 4; k++)
                out[flagpos + k] = (uint8_t)(flags >> (8 * k));
            flags = 0;
            nflags = 0;
            flagpos = op;
            op += 4;
        }
    }
    /* the remaining flag bits are 1: the decoder stops at a match flag with no input left */
    uint32_t last = nflags == 0 ? 0xFFFFFFFFu : (flags << (32 - nflags)) | ((1u << (32 - nflags)) - 1u);
    for (int k = 0; k < 4; k++)
        out[flagpos + k] = (uint8_t)(last >> (8 * k));
    return op;
}

static size_t lz4_len(uint8_t *out, size_t op, size_t len)
{
    while (len >= 255) {
        out[op++] = 255;
        len -= 255;
    }
    out[op++] = (uint8_t)len;
    return op;
}

/* LZ4 block, greedy, offsets up to `window`; the last sequence is literals only. */
static size_t enc_lz4(const uint8_t *in, size_t n, size_t window, uint8_t *out)
{
    size_t op = 0, ip = 0, anchor = 0;
    while (ip < n) {
        size_t best = 0, bestoff = 0;
        for (size_t off = 1; off <= window && off <= ip && off <= 65535; off++) {
            size_t l = 0;
            while (ip + l < n && in[ip + l] == in[ip + l - off])
                l++;
            if (l > best) {
                best = l;
                bestoff = off;
            }
        }
        if (best < 4) {
            ip++;
            continue;
        }
        size_t lit = ip - anchor, ml = best - 4;
        size_t tok = op++;
        out[tok] = (uint8_t)(((lit < 15 ? lit : 15) << 4) | (ml < 15 ? ml : 15));
        if (lit >= 15)
            op = lz4_len(out, op, lit - 15);
        memcpy(out + op, in + anchor, lit);
        op += lit;
        out[op++] = (uint8_t)bestoff;
        out[op++] = (uint8_t)(bestoff >> 8);
        if (ml >= 15)
            op = lz4_len(out, op, ml - 15);
        ip += best;
        anchor = ip;
    }
    size_t lit = n - anchor;
    out[op++] = (uint8_t)((lit < 15 ? lit : 15) << 4);
    if (lit >= 15)
        op = lz4_len(out, op, lit - 15);
    memcpy(out + op, in + anchor, lit);
    return op + lit;
}

/* ESE value with the 3-byte XPRESS/LZ4 header in front of a stream. */
static size_t with_header(uint32_t scheme, size_t cbPlain, const uint8_t *stream, size_t cb, uint8_t *out)
{
    out[0] = (uint8_t)(scheme << 3);
    out[1] = (uint8_t)cbPlain;
    out[2] = (uint8_t)(cbPlain >> 8);
    memmove(out + 3, stream, cb);
    return cb + 3;
}

/* ------------------------------------------------------------------ schemes and sizes */

static void test_scheme_and_size(void)
{
    uint32_t cb = 99;
    CU_ASSERT_EQUAL(esent_compress_scheme(NULL, 0), ESENT_COMPRESS_NONE);
    CU_ASSERT_EQUAL(esent_compress_scheme((const uint8_t *)"\x18", 1), ESENT_COMPRESS_XPRESS);
    CU_ASSERT_EQUAL(esent_compress_scheme((const uint8_t *)"\x3f", 1), ESENT_COMPRESS_LZ4);
    CU_ASSERT_EQUAL(esent_decompress_size((const uint8_t *)"\x18\x09\x04", 3, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 1033);
    CU_ASSERT_EQUAL(esent_decompress_size((const uint8_t *)"\x38\xff\xff", 3, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 65535);
    /* "hello", 7-bit: 35 bits, 3 of them in the last byte */
    CU_ASSERT_EQUAL(esent_decompress_size((const uint8_t *)"\x0a\xe8\x32\x9b\xfd\x06", 6, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 5);
    CU_ASSERT_EQUAL(esent_decompress_size((const uint8_t *)"\x12\xe8\x32\x9b\xfd\x06", 6, &cb), JET_errSuccess);
    CU_ASSERT_EQUAL(cb, 10);
    /* malformed headers */
    CU_ASSERT_EQUAL(esent_decompress_size(NULL, 0, &cb), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(cb, 0);
    CU_ASSERT_EQUAL(esent_decompress_size((const uint8_t *)"\x18\x09", 2, &cb), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decompress_size((const uint8_t *)"\x38", 1, &cb), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decompress_size((const uint8_t *)"\x08", 1, &cb), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decompress_size((const uint8_t *)"\x08zz", 3, &cb), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decompress_size((const uint8_t *)"\x00\x01\x02", 3, &cb), JET_errDecompressionFailed);
    for (unsigned s = 8; s < 32; s++) {
        uint8_t v[4] = { (uint8_t)(s << 3), 1, 0, 0 };
        CU_ASSERT_EQUAL(esent_decompress_size(v, sizeof v, &cb), JET_errDecompressionFailed);
    }
    /* scrubbed, Xpress9, Xpress10: not decoded here */
    uint8_t v4[8] = { 0x20, 0x4c, 0x4c, 0x4c }, v5[8] = { 0x28, 1, 2, 3, 4, 5 }, v6[16] = { 0x30, 5, 0 };
    CU_ASSERT_EQUAL(esent_decompress_size(v4, sizeof v4, &cb), JET_errFeatureNotAvailable);
    CU_ASSERT_EQUAL(esent_decompress_size(v5, sizeof v5, &cb), JET_errFeatureNotAvailable);
    CU_ASSERT_EQUAL(esent_decompress_size(v6, sizeof v6, &cb), JET_errFeatureNotAvailable);
    uint8_t out[8];
    CU_ASSERT_EQUAL(esent_decompress(v6, sizeof v6, out, sizeof out, &cb), JET_errFeatureNotAvailable);
    CU_ASSERT_EQUAL(esent_decompress_size((const uint8_t *)"\x18\0\0", 3, NULL), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_decompress((const uint8_t *)"\x18\0\0", 3, out, 8, NULL), JET_errInvalidParameter);
    /* the buffer must hold the whole value */
    CU_ASSERT_EQUAL(esent_decompress((const uint8_t *)"\x0a\xe8\x32\x9b\xfd\x06", 6, out, 4, &cb),
                    JET_errInvalidBufferSize);
    CU_ASSERT_EQUAL(cb, 0);
    CU_ASSERT_EQUAL(esent_decompress((const uint8_t *)"\x0a\xe8\x32\x9b\xfd\x06", 6, NULL, 0, &cb),
                    JET_errInvalidBufferSize);
}

/* ------------------------------------------------------------------ 7-bit */

static void test_7bit(void)
{
    CU_ASSERT(decodes_to("\x0a\xe8\x32\x9b\xfd\x06", 6, "hello", 5));
    CU_ASSERT(decodes_to("\x12\xe8\x32\x9b\xfd\x06", 6, "h\0e\0l\0l\0o\0", 10));
    /* 8 values fill 7 bytes: the last byte uses all 8 bits (low bits 7) */
    uint8_t v[16];
    size_t cb = enc_7bit((const uint8_t *)"abcdefgh", 8, 0, v);
    CU_ASSERT_EQUAL(cb, 8);
    CU_ASSERT_EQUAL(v[0], 0x0f);
    CU_ASSERT(decodes_to(v, cb, "abcdefgh", 8));
    /* one value: one byte, 7 bits */
    CU_ASSERT(decodes_to("\x0e\x41", 2, "A", 1));
    CU_ASSERT(decodes_to("\x16\x41", 2, "A\0", 2));
    /* the high bit of a 7-bit value is never set, whatever the unused bits of the last byte hold */
    CU_ASSERT(decodes_to("\x0e\xc1", 2, "A", 1));
    /* Windows-made values (ese_parser decompress_test.edb, fids 257 and 256 of row 1) */
    static const uint8_t ascii[] = { 0x0e, 0xd2, 0xf2, 0xf8, 0x2d, 0x27, 0x83, 0x40, 0x20,
                                     0x10, 0x08, 0x04, 0x02, 0x81, 0x40, 0x30 };
    uint8_t uni[sizeof ascii];
    memcpy(uni, ascii, sizeof ascii);
    uni[0] = 0x16;
    CU_ASSERT(decodes_to(ascii, sizeof ascii, "Record          0", 17));
    CU_ASSERT(decodes_to(uni, sizeof uni, "R\0e\0c\0o\0r\0d\0 \0 \0 \0 \0 \0 \0 \0 \0 \0 \0" "0\0", 34));
    /* bit counts that are not whole values */
    CU_ASSERT_EQUAL(decode_err("\x08\x41", 2), JET_errDecompressionFailed);    /* 1 bit */
    CU_ASSERT_EQUAL(decode_err("\x0f\x41", 2), JET_errDecompressionFailed);    /* 8 bits */
    CU_ASSERT_EQUAL(decode_err("\x0c\x41\x41", 3), JET_errDecompressionFailed); /* 13 bits */
    CU_ASSERT(decodes_to("\x0d\xc1\x20", 3, "AA", 2));                       /* 14 bits: 2 values */
    /* the raw decoder checks its own arguments */
    uint8_t out[4];
    CU_ASSERT_EQUAL(esent_decode_7bit((const uint8_t *)"\x41", 1, 7, 0, out, 2), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_7bit((const uint8_t *)"\x41", 1, 9, 0, out, 1), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_7bit((const uint8_t *)"\x41", 1, 0, 0, out, 1), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_7bit(NULL, 0, 7, 0, out, 0), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_7bit((const uint8_t *)"\x41", 1, 7, 1, out, 2), JET_errSuccess);
    /* round trips of every length up to 300, both forms */
    uint8_t plain[600], enc[700];
    for (size_t n = 1; n <= 300; n++) {
        for (size_t i = 0; i < n; i++) {
            plain[2 * i] = (uint8_t)(rnd() & 0x7F);
            plain[2 * i + 1] = 0;
        }
        cb = enc_7bit(plain, 2 * n, 1, enc);
        CU_ASSERT(decodes_to(enc, cb, plain, 2 * n));
        for (size_t i = 0; i < n; i++)
            plain[i] = plain[2 * i];
        cb = enc_7bit(plain, n, 0, enc);
        CU_ASSERT(decodes_to(enc, cb, plain, n));
        if (n % 7 != 0)   /* dropping the last byte leaves a bit count that is not a whole number of values */
            CU_ASSERT(decode_err(enc, cb - 1) < 0);
    }
}

/* ------------------------------------------------------------------ XPRESS */

static void test_xpress(void)
{
    uint8_t out[400];
    /* literals only; the remaining flag bits are 1 (end marker) */
    CU_ASSERT(decodes_to("\x18\x03\x00\xff\xff\xff\x1f" "abc", 10, "abc", 3));
    /* [MS-XCA] §3.1's plain LZ77 example: "abc" 100 times in 13 bytes (3 literals, one match of
     * offset 3 and length 297: half byte 15, byte 255, u16 294) */
    static const uint8_t ms[] = { 0xff, 0xff, 0xff, 0x1f, 0x61, 0x62, 0x63, 0x17, 0x00, 0x0f, 0xff, 0x26, 0x01 };
    char abc[301];
    for (int i = 0; i < 300; i++)
        abc[i] = "abc"[i % 3];
    CU_ASSERT_EQUAL(esent_decode_xpress(ms, sizeof ms, out, 300), JET_errSuccess);
    CU_ASSERT(memcmp(out, abc, 300) == 0);
    CU_ASSERT_EQUAL(esent_decode_xpress(ms, sizeof ms, out, 299), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_xpress(ms, sizeof ms, out, 301), JET_errDecompressionFailed);
    /* two long matches share one half byte: low nibble 0 (length 10), high nibble 5 (length 15) */
    static const uint8_t half[] = { 0xff, 0xff, 0xff, 0x7f, 'a', 0x07, 0x00, 0x50, 0x07, 0x00 };
    CU_ASSERT_EQUAL(esent_decode_xpress(half, sizeof half, out, 26), JET_errSuccess);
    CU_ASSERT(out[0] == 'a' && out[25] == 'a' && memchr(out, 'b', 26) == NULL);
    /* 32 literals exactly fill a flag word: the output is complete when the input ends */
    uint8_t lit32[36] = { 0, 0, 0, 0 };
    for (int i = 0; i < 32; i++)
        lit32[4 + i] = (uint8_t)('A' + i);
    CU_ASSERT_EQUAL(esent_decode_xpress(lit32, sizeof lit32, out, 32), JET_errSuccess);
    CU_ASSERT_EQUAL(out[31], 'A' + 31);
    CU_ASSERT_EQUAL(esent_decode_xpress(lit32, sizeof lit32, out, 33), JET_errDecompressionFailed);
    /* the u32 length: 'x' then 69 997 + 3 more */
    static const uint8_t big[] = { 0xff, 0xff, 0xff, 0x7f, 'x', 0x07, 0x00, 0x0f, 0xff, 0x00, 0x00,
                                   0x6d, 0x11, 0x01, 0x00 };
    uint8_t *bigout = malloc(70001);
    CU_ASSERT_EQUAL(esent_decode_xpress(big, sizeof big, bigout, 70001), JET_errSuccess);
    CU_ASSERT(bigout[0] == 'x' && bigout[70000] == 'x');
    free(bigout);
    /* Windows-made LV chunks: dissect binary.edb (LID 1) and ese_parser decompress_test2.edb (LID 2) */
    static const uint8_t bin[] = {
        0x18, 0x09, 0x04, 0x00, 0x00, 0x00, 0x00, 't', 'e', 's', 't', ' ', 'l', 'o', 'n', 'g', ' ', 'c', 'o', 'm',
        'p', 'r', 'e', 's', 's', 'e', 'd', ' ', 'b', 'i', 'n', 'a', 'r', 'y', ' ', 'd', 'a', 't', 'a', 0xff, 0xff,
        0xff, 0x3f, ' ', 'a', 0x07, 0x00, 0x0f, 0xff, 0xe4, 0x03 };
    uint8_t exp[2100];
    memcpy(exp, "test long compressed binary data ", 33);
    memset(exp + 33, 'a', 1000);
    CU_ASSERT(decodes_to(bin, sizeof bin, exp, 1033));
    static const uint8_t rec[] = { 0x18, 0x07, 0x08, 0xff, 0xff, 0x7f, 0x01, 'R', 'e', 'c', 'o', 'r', 'd', ' ',
                                   0x07, 0x00, 0x0f, 0xff, 0xfc, 0x07, '0' };
    memcpy(exp, "Record", 6);
    memset(exp + 6, ' ', 2048);
    exp[2054] = '0';
    CU_ASSERT(decodes_to(rec, sizeof rec, exp, 2055));
    /* hostile: a match before the start, a match past the end, lengths below the u16 minimum */
    CU_ASSERT_EQUAL(esent_decode_xpress((const uint8_t *)"\xff\xff\xff\xff\x00\x00", 6, out, 3),
                    JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_xpress((const uint8_t *)"\xff\xff\xff\x7f" "a\x00\x00", 7, out, 3),
                    JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_xpress((const uint8_t *)"\xff\xff\xff\x7f" "a\x07\x00\x0f\xff\x10\x00", 11, out, 100),
                    JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_xpress((const uint8_t *)"\xff\xff\xff\x7f" "a\x07\x00\x0f\xff\x00\x00\x05\x00\x00\x00",
                                        15, out, 100), JET_errDecompressionFailed);
    /* a literal flag with no input, a flag word cut short, stray bytes after the value */
    CU_ASSERT_EQUAL(esent_decode_xpress((const uint8_t *)"\x00\x00\x00\x00" "ab", 6, out, 3), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_xpress((const uint8_t *)"\xff\xff", 2, out, 0), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_xpress((const uint8_t *)"\xff\xff\xff\x1f" "abcd", 8, out, 3), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_xpress(NULL, 0, out, 0), JET_errDecompressionFailed);
    /* ESE's header disagrees with the stream */
    CU_ASSERT_EQUAL(decode_err("\x18\x04\x00\xff\xff\xff\x1f" "abc", 10), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(decode_err("\x18\x02\x00\xff\xff\xff\x1f" "abc", 10), JET_errDecompressionFailed);
    /* every truncation of the Windows values fails */
    for (size_t n = 0; n < sizeof bin; n++)
        CU_ASSERT(decode_err(bin, n) < 0);
    for (size_t n = 0; n < sizeof rec; n++)
        CU_ASSERT(decode_err(rec, n) < 0);
    /* round trips through the reference encoder: random text, runs, long matches, every flag boundary */
    uint8_t *plain = malloc(70000), *enc = malloc(90000);
    for (int t = 0; t < 300; t++) {
        size_t n = t < 100 ? (size_t)t : (size_t)(rnd() % 3000);
        unsigned alpha = 1 + rnd() % 6;
        for (size_t i = 0; i < n; i++)
            plain[i] = (uint8_t)('a' + rnd() % alpha);
        size_t cb = enc_xpress(plain, n, 512, enc + 3);
        cb = with_header(ESENT_COMPRESS_XPRESS, n, enc + 3, cb, enc);
        CU_ASSERT(decodes_to(enc, cb, plain, n));
    }
    memset(plain, 'z', 65535);   /* one match with a u32 length is not needed by ESE's u16 header; a u16 one is */
    size_t cb = enc_xpress(plain, 65535, 4, enc + 3);
    cb = with_header(ESENT_COMPRESS_XPRESS, 65535, enc + 3, cb, enc);
    CU_ASSERT(decodes_to(enc, cb, plain, 65535));
    free(plain);
    free(enc);
}

/* ------------------------------------------------------------------ LZ4 */

static void test_lz4(void)
{
    uint8_t out[400];
    CU_ASSERT(decodes_to("\x38\x03\x00\x30" "abc", 7, "abc", 3));
    /* "abc" + a match of offset 3, length 9, then 5 literals */
    CU_ASSERT(decodes_to("\x38\x11\x00\x35" "abc\x03\x00\x50" "XYZWV", 15, "abcabcabcabcXYZWV", 17));
    /* an empty last sequence */
    CU_ASSERT_EQUAL(esent_decode_lz4((const uint8_t *)"\x35" "abc\x03\x00\x00", 7, out, 12), JET_errSuccess);
    CU_ASSERT(memcmp(out, "abcabcabcabc", 12) == 0);
    /* literal length 300: 15 + 255 + 30 */
    uint8_t lit[310] = { 0xf0, 0xff, 0x1e };
    for (int i = 0; i < 300; i++)
        lit[3 + i] = (uint8_t)i;
    CU_ASSERT_EQUAL(esent_decode_lz4(lit, 303, out, 300), JET_errSuccess);
    CU_ASSERT(out[0] == 0 && out[299] == (uint8_t)299);
    /* match length 4 + 15 + 255 + 10 = 284 at offset 1 */
    CU_ASSERT_EQUAL(esent_decode_lz4((const uint8_t *)"\x1f" "a\x01\x00\xff\x0a\x00", 7, out, 285), JET_errSuccess);
    CU_ASSERT(out[0] == 'a' && out[284] == 'a');
    /* hostile: offset 0, offset before the start, lengths past either buffer, missing pieces */
    CU_ASSERT_EQUAL(esent_decode_lz4((const uint8_t *)"\x10" "a\x00\x00\x00", 5, out, 5), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_lz4((const uint8_t *)"\x10" "a\x02\x00\x00", 5, out, 5), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_lz4((const uint8_t *)"\x10" "a\x01\x00\x00", 5, out, 4), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_lz4((const uint8_t *)"\x50" "abc", 4, out, 5), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_lz4((const uint8_t *)"\xf0\xff", 2, out, 300), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_lz4((const uint8_t *)"\x10" "a\x01", 3, out, 5), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_lz4((const uint8_t *)"\x1f" "a\x01\x00\xff", 5, out, 300), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_lz4((const uint8_t *)"\x10" "a\x01\x00", 4, out, 5), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_lz4(NULL, 0, out, 0), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(esent_decode_lz4((const uint8_t *)"\x30" "abc", 4, out, 2), JET_errDecompressionFailed);
    CU_ASSERT_EQUAL(decode_err("\x38\x04\x00\x30" "abc", 7), JET_errDecompressionFailed);
    /* round trips */
    uint8_t *plain = malloc(70000), *enc = malloc(90000);
    for (int t = 0; t < 300; t++) {
        size_t n = t < 100 ? (size_t)t : (size_t)(rnd() % 3000);
        unsigned alpha = 1 + rnd() % 6;
        for (size_t i = 0; i < n; i++)
            plain[i] = (uint8_t)('a' + rnd() % alpha);
        size_t cb = enc_lz4(plain, n, 512, enc + 3);
        cb = with_header(ESENT_COMPRESS_LZ4, n, enc + 3, cb, enc);
        CU_ASSERT(decodes_to(enc, cb, plain, n));
        for (size_t k = 0; k + 1 < cb && k < 40; k++)   /* cut short anywhere: never success */
            CU_ASSERT(decode_err(enc, cb - 1 - k) < 0);
    }
    memset(plain, 'q', 65535);
    size_t cb = enc_lz4(plain, 65535, 4, enc + 3);
    cb = with_header(ESENT_COMPRESS_LZ4, 65535, enc + 3, cb, enc);
    CU_ASSERT(decodes_to(enc, cb, plain, 65535));
    free(plain);
    free(enc);
}

/* ------------------------------------------------------------------ random input */

/* Random and mutated values through every decoder with exactly sized heap buffers: any result but a
 * crash or an overrun (ASan) is fine; success must report the size the header promised. */
static void test_fuzz(void)
{
    enum { ROUNDS = 60000, MAXIN = 96 };
    uint8_t in[MAXIN];
    unsigned ok = 0;
    static const uint8_t seeds[][16] = {
        { 0x0a, 0xe8, 0x32, 0x9b, 0xfd, 0x06 },
        { 0x18, 0x0a, 0x00, 0xff, 0xff, 0xff, 0x1f, 'a', 'b', 'c', 0x17, 0x00 },
        { 0x38, 0x11, 0x00, 0x35, 'a', 'b', 'c', 0x03, 0x00, 0x50, 'X', 'Y', 'Z', 'W', 'V' },
        { 0x16, 0xd2, 0xf2, 0xf8, 0x2d, 0x27, 0x83, 0x40, 0x20, 0x10, 0x08, 0x04 },
    };
    for (unsigned r = 0; r < ROUNDS; r++) {
        size_t cb;
        if (r % 2 == 0) {
            cb = rnd() % MAXIN;
            for (size_t i = 0; i < cb; i++)
                in[i] = (uint8_t)rnd();
            if (cb > 0 && r % 4 == 0)   /* a known scheme, a size that is not huge */
                in[0] = (uint8_t)((1 + rnd() % 7) << 3 | (rnd() & 7));
            if (cb > 2 && r % 8 == 0)
                in[2] = 0;
        } else {
            const uint8_t *s = seeds[r / 2 % 4];
            cb = 16;
            memcpy(in, s, cb);
            for (unsigned k = 1 + rnd() % 3; k > 0; k--)
                in[rnd() % cb] ^= (uint8_t)(1u << (rnd() % 8));
            cb = 1 + rnd() % cb;
        }
        uint8_t *copy = malloc(cb ? cb : 1);
        memcpy(copy, in, cb);
        uint8_t *out;
        uint32_t got, size;
        JET_ERR err = decode(copy, cb, &out, &got);
        if (err >= 0) {
            ok++;
            CU_ASSERT(esent_decompress_size(copy, cb, &size) >= 0 && size == got);
        } else {
            CU_ASSERT(err == JET_errDecompressionFailed || err == JET_errFeatureNotAvailable || err == JET_errOutOfMemory);
        }
        free(out);
        /* the raw decoders with an arbitrary output size */
        size_t cbOut = rnd() % 300;
        uint8_t *o = malloc(cbOut ? cbOut : 1);
        (void)esent_decode_xpress(copy, cb, o, cbOut);
        (void)esent_decode_lz4(copy, cb, o, cbOut);
        (void)esent_decode_7bit(copy, cb, 1 + rnd() % 8, (int)(rnd() & 1), o, cbOut);
        free(o);
        free(copy);
    }
    printf("\n    %u of %u random values decoded\n", ok, (unsigned)ROUNDS);
}


/* ------------------------------------------------------------------ through the API: a Windows database */

#define API_OK(x) CU_ASSERT_EQUAL_FATAL((x), JET_errSuccess)

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in != NULL ? fopen(to, "wb") : NULL;
    char buf[65536];
    size_t n;
    int ok = in != NULL && out != NULL;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in != NULL)
        fclose(in);
    if (out != NULL && fclose(out) != 0)
        ok = 0;
    return ok;
}

static JET_COLUMNID column_id(JET_SESID s, JET_TABLEID t, const char *name)
{
    JET_COLUMNDEF def;
    memset(&def, 0, sizeof def);
    CU_ASSERT_EQUAL(JetGetTableColumnInfoA(s, t, name, &def, sizeof def, JET_ColInfo), JET_errSuccess);
    return def.columnid;
}

static void *JET_API realloc_cb(void *ctx, void *pv, uint32_t cb)
{
    (void)ctx;
    if (cb == 0) {
        free(pv);
        return NULL;
    }
    return realloc(pv, cb);
}

static void free_enum(JET_ENUMCOLUMN *ec, uint32_t c)
{
    for (uint32_t i = 0; i < c; i++) {
        if (ec[i].err == JET_wrnColumnSingleValue) {
            free(ec[i].pvData);
            continue;
        }
        for (uint32_t j = 0; j < ec[i].cEnumColumnValue; j++)
            free(ec[i].rgEnumColumnValue[j].pvData);
        free(ec[i].rgEnumColumnValue);
    }
    free(ec);
}

/* Reads a whole value (at most cb bytes) from ib; returns its size from ib. */
static uint32_t get(JET_SESID s, JET_TABLEID t, JET_COLUMNID c, uint32_t ib, char *buf, uint32_t cb)
{
    JET_RETINFO ri = { sizeof ri, ib, 1, 0 };
    uint32_t actual = 0;
    JET_ERR err = JetRetrieveColumn(s, t, c, buf, cb, &actual, 0, &ri);
    CU_ASSERT(err == JET_errSuccess || err == JET_wrnBufferTruncated);
    return actual;
}

/* dissect.esedb's text.edb (Windows 8, 4 KiB pages; expected values from its tests): an intrinsic
 * 7-bit value (MaxLongCompressedASCII) and separated XPRESS ones (LongCompressedASCII/Unicode) read
 * uncompressed, sized uncompressed, key an index on their uncompressed bytes, and change (the LV's
 * compressed chunk is rewritten uncompressed; a rollback brings back the bytes as they were). */
static void test_corpus_api(void)
{
    const char *src = ESENT_CORPUS_DIR "/fox-it_dissect.esedb/tests/_data/text.edb";
    const char *db = "compress_text.edb";
    if (!copy_file(src, db)) {
        printf("\n    corpus text.edb not available: skipped\n");
        return;
    }
    char lca[1100], mlca[1000], buf[2400];
    snprintf(lca, sizeof lca, "Long compressed ASCII text %01024d", 0);
    memset(lca + 27, 'a', 1024);
    snprintf(mlca, sizeof mlca, "Max long compressed ASCII text that can be a bit longer %0900d", 0);
    memset(mlca + 56, 'a', 900);
    uint32_t cb_lca = (uint32_t)strlen(lca), cb_mlca = (uint32_t)strlen(mlca);

    JET_INSTANCE inst = 0;
    JET_SESID s;
    JET_DBID dbid;
    JET_TABLEID t;
    API_OK(JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, 4096, NULL));
    API_OK(JetCreateInstanceA(&inst, "compress"));
    API_OK(JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, "compress_sys/"));
    API_OK(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, "compress_sys/"));
    API_OK(JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, "compress_sys/"));
    API_OK(JetSetSystemParameterA(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    API_OK(JetInit(&inst));
    API_OK(JetBeginSessionA(inst, &s, "", ""));
    API_OK(JetAttachDatabaseA(s, db, 0));
    API_OK(JetOpenDatabaseA(s, db, NULL, &dbid, 0));
    API_OK(JetOpenTableA(s, dbid, "text", NULL, 0, 0, &t));
    JET_COLUMNID c_lca = column_id(s, t, "LongCompressedASCII");
    JET_COLUMNID c_lcu = column_id(s, t, "LongCompressedUnicode");
    JET_COLUMNID c_mlca = column_id(s, t, "MaxLongCompressedASCII");
    API_OK(JetMove(s, t, JET_MoveFirst, 0));

    /* reading: whole, sizes, from an offset */
    CU_ASSERT_EQUAL(get(s, t, c_mlca, 0, buf, sizeof buf), cb_mlca);
    CU_ASSERT(memcmp(buf, mlca, cb_mlca) == 0);
    CU_ASSERT_EQUAL(get(s, t, c_mlca, 0, NULL, 0), cb_mlca);
    CU_ASSERT_EQUAL(get(s, t, c_mlca, 50, buf, 10), cb_mlca - 50);
    CU_ASSERT(memcmp(buf, mlca + 50, 10) == 0);
    CU_ASSERT_EQUAL(get(s, t, c_lca, 0, buf, sizeof buf), cb_lca);
    CU_ASSERT(memcmp(buf, lca, cb_lca) == 0);
    CU_ASSERT_EQUAL(get(s, t, c_lca, 1000, buf, sizeof buf), cb_lca - 1000);
    CU_ASSERT(memcmp(buf, lca + 1000, cb_lca - 1000) == 0);
    CU_ASSERT_EQUAL(get(s, t, c_lcu, 0, buf, sizeof buf), 2112u);   /* UTF-16, one surrogate pair */
    CU_ASSERT(memcmp(buf, "L\0o\0n\0g\0 \0c\0", 12) == 0 && buf[2111] == 0 && buf[2110] == 'a');
    JET_RECSIZE2 rs;
    memset(&rs, 0, sizeof rs);
    API_OK(JetGetRecordSize2(s, t, &rs, 0));
    CU_ASSERT_EQUAL(rs.cCompressedColumns, 1);
    CU_ASSERT_EQUAL(rs.cbData - rs.cbDataCompressed, cb_mlca - 838u);   /* stored in 838 bytes */

    /* JetEnumerateColumns reads them uncompressed too */
    JET_ENUMCOLUMNID ids[2] = { { c_mlca, 0, NULL }, { c_lca, 0, NULL } };
    JET_ENUMCOLUMN *ec = NULL;
    uint32_t cec = 0;
    API_OK(JetEnumerateColumns(s, t, 2, ids, &cec, &ec, realloc_cb, NULL, 0x7FFFFFFF, 0));
    CU_ASSERT(cec == 2 && ec[0].cEnumColumnValue == 1 && ec[1].cEnumColumnValue == 1);
    if (cec == 2 && ec[0].cEnumColumnValue == 1 && ec[1].cEnumColumnValue == 1) {
        CU_ASSERT(ec[0].rgEnumColumnValue[0].cbData == cb_mlca &&
                  memcmp(ec[0].rgEnumColumnValue[0].pvData, mlca, cb_mlca) == 0);
        CU_ASSERT(ec[1].rgEnumColumnValue[0].cbData == cb_lca &&
                  memcmp(ec[1].rgEnumColumnValue[0].pvData, lca, cb_lca) == 0);
    }
    free_enum(ec, cec);

    /* indexes over them key on the uncompressed values */
    static char k_mlca[] = "+MaxLongCompressedASCII\0";
    static char k_lca[] = "+LongCompressedASCII\0";
    API_OK(JetCreateIndexA(s, t, "by_mlca", 0, k_mlca, sizeof k_mlca, 80));
    API_OK(JetCreateIndexA(s, t, "by_lca", 0, k_lca, sizeof k_lca, 80));
    API_OK(JetSetCurrentIndexA(s, t, "by_mlca"));
    API_OK(JetMakeKey(s, t, mlca, cb_mlca, JET_bitNewKey));
    CU_ASSERT_EQUAL(JetSeek(s, t, JET_bitSeekEQ), JET_errSuccess);
    API_OK(JetMakeKey(s, t, "Max long compressed ASCII", 25, JET_bitNewKey));
    CU_ASSERT_EQUAL(JetSeek(s, t, JET_bitSeekEQ), JET_errRecordNotFound);
    API_OK(JetSetCurrentIndexA(s, t, "by_lca"));
    API_OK(JetMakeKey(s, t, lca, cb_lca, JET_bitNewKey));
    CU_ASSERT_EQUAL(JetSeek(s, t, JET_bitSeekEQ), JET_errSuccess);

    /* changing the compressed LV: rolled back, then committed */
    API_OK(JetBeginTransaction(s));
    API_OK(JetPrepareUpdate(s, t, JET_prepReplace));
    API_OK(JetSetColumn(s, t, c_lca, "XYZ", 3, JET_bitSetAppendLV, NULL));
    API_OK(JetSetColumn(s, t, c_mlca, "!", 1, JET_bitSetAppendLV, NULL));
    API_OK(JetUpdate(s, t, NULL, 0, NULL));
    CU_ASSERT_EQUAL(get(s, t, c_lca, 0, buf, sizeof buf), cb_lca + 3);
    CU_ASSERT(memcmp(buf, lca, cb_lca) == 0 && memcmp(buf + cb_lca, "XYZ", 3) == 0);
    CU_ASSERT_EQUAL(get(s, t, c_mlca, 0, buf, sizeof buf), cb_mlca + 1);
    CU_ASSERT(memcmp(buf, mlca, cb_mlca) == 0 && buf[cb_mlca] == '!');
    API_OK(JetRollback(s, 0));
    CU_ASSERT_EQUAL(get(s, t, c_lca, 0, buf, sizeof buf), cb_lca);
    CU_ASSERT(memcmp(buf, lca, cb_lca) == 0);
    CU_ASSERT_EQUAL(get(s, t, c_mlca, 0, buf, sizeof buf), cb_mlca);
    memset(&rs, 0, sizeof rs);
    API_OK(JetGetRecordSize2(s, t, &rs, 0));
    CU_ASSERT_EQUAL(rs.cCompressedColumns, 1);
    API_OK(JetBeginTransaction(s));
    API_OK(JetPrepareUpdate(s, t, JET_prepReplace));
    API_OK(JetSetColumn(s, t, c_lca, "XYZ", 3, JET_bitSetAppendLV, NULL));
    API_OK(JetSetColumn(s, t, c_mlca, NULL, 20, JET_bitSetSizeLV, NULL));
    API_OK(JetUpdate(s, t, NULL, 0, NULL));
    API_OK(JetCommitTransaction(s, 0));
    CU_ASSERT_EQUAL(get(s, t, c_lca, 0, buf, sizeof buf), cb_lca + 3);
    CU_ASSERT(memcmp(buf, lca, cb_lca) == 0 && memcmp(buf + cb_lca, "XYZ", 3) == 0);
    CU_ASSERT_EQUAL(get(s, t, c_mlca, 0, buf, sizeof buf), 20u);
    CU_ASSERT(memcmp(buf, mlca, 20) == 0);
    API_OK(JetMakeKey(s, t, lca, cb_lca, JET_bitNewKey));   /* by_lca: the key's first bytes are unchanged */
    CU_ASSERT_EQUAL(JetSeek(s, t, JET_bitSeekGE), JET_errSuccess);

    API_OK(JetCloseTable(s, t));
    API_OK(JetCloseDatabase(s, dbid, 0));
    API_OK(JetDetachDatabaseA(s, db));
    API_OK(JetEndSession(s, 0));
    API_OK(JetTerm(inst));
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = esent_test_suite("compress", NULL, NULL);
    esent_test_add(s, "schemes, sizes and refused schemes", test_scheme_and_size);
    esent_test_add(s, "7-bit ASCII and Unicode", test_7bit);
    esent_test_add(s, "XPRESS (MS-XCA plain LZ77)", test_xpress);
    esent_test_add(s, "LZ4 block", test_lz4);
    esent_test_add(s, "random and mutated input", test_fuzz);
    esent_test_add(s, "a Windows database through the API: read, size, index, change", test_corpus_api);
    return esent_test_run();
}
