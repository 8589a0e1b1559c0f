/* Compressed column values (ese-format.md §5.3, §6): the one module that knows their bytes. Pure
 * functions over caller buffers: no I/O, no allocation. Every length is checked before it is used;
 * malformed input gives JET_errDecompressionFailed and never a read or write outside the buffers.
 *
 * A compressed value (an intrinsic long value whose TAGFLD header has fCompressed, only the first
 * instance of a multi-value; or an LV chunk whose stored size is smaller than its uncompressed size)
 * starts with one byte: bits 3-7 the scheme, bits 0-2 scheme-specific.
 *
 *   1  7-bit ASCII    byte, then the bytes' low 7 bits packed LSB-first into a bit stream; bits 0-2 of
 *                     the first byte = (bits used in the last byte) - 1. Decodes to one byte per 7 bits.
 *   2  7-bit Unicode  the same stream; each 7-bit value is a UTF-16LE code unit (high byte 0).
 *   3  XPRESS         byte, u16 LE uncompressed size, then a [MS-XCA] §2.3/2.4 "Plain LZ77" stream.
 *   4  scrub          LV data overwritten by database maintenance: nothing to recover.
 *   5  Xpress9, 6 Xpress10: not supported here (JET_errFeatureNotAvailable).
 *   7  LZ4            byte, u16 LE uncompressed size, then one LZ4 block (lz4 "Block format"
 *                     description: sequences of token, literals, u16 offset, match length).
 *
 * Verified on the Windows-made corpus (schemes 1, 2, 3): dissect.esedb's binary/multi/text.edb and
 * ese_parser's decompress_test{,2}.edb and test.edb decode to the values their tests expect. No corpus
 * file holds an LZ4 value; that layout comes from a third-party description of ESE's formats (the LZ4
 * block itself from the public LZ4 block format description). */
#ifndef ESENT_FORMAT_COMPRESS_H
#define ESENT_FORMAT_COMPRESS_H

#include "api/api.h"

#define ESENT_COMPRESS_NONE          0u
#define ESENT_COMPRESS_7BIT_ASCII    1u
#define ESENT_COMPRESS_7BIT_UNICODE  2u
#define ESENT_COMPRESS_XPRESS        3u
#define ESENT_COMPRESS_SCRUB         4u
#define ESENT_COMPRESS_XPRESS9       5u
#define ESENT_COMPRESS_XPRESS10      6u
#define ESENT_COMPRESS_LZ4           7u

#define ESENT_COMPRESS_XPRESS_HEADER 3u   /* scheme byte + u16 uncompressed size (also LZ4's header) */

/* The scheme of a compressed value (first byte >> 3); ESENT_COMPRESS_NONE when cb is 0. */
uint32_t esent_compress_scheme(const uint8_t *pb, size_t cb);

/* Uncompressed size of a compressed value, from its header (7-bit: from its length).
 * JET_errDecompressionFailed for a malformed header, unknown scheme (0, 8-31) or a 7-bit stream whose
 * bit count is not a whole number of 7-bit values; JET_errFeatureNotAvailable for schemes 4, 5, 6. */
JET_ERR esent_decompress_size(const uint8_t *pb, size_t cb, uint32_t *pcbUncompressed);

/* Decodes a whole compressed value into out. cbOut must hold the uncompressed size (see
 * esent_decompress_size; JET_errInvalidBufferSize otherwise); *pcbActual = that size. Errors as
 * esent_decompress_size, and JET_errDecompressionFailed for any malformed data. out may be partly
 * written on failure. */
JET_ERR esent_decompress(const uint8_t *pb, size_t cb, uint8_t *out, size_t cbOut, uint32_t *pcbActual);

/* The decoders, on the data after the header. Each returns JET_errDecompressionFailed unless the
 * input decodes to exactly cbOut bytes. */

/* 7-bit stream: cbIn bytes of which the last holds cbitsLast (1..8) bits; unicode: 2 bytes a value. */
JET_ERR esent_decode_7bit(const uint8_t *in, size_t cbIn, unsigned cbitsLast, int unicode, uint8_t *out,
                          size_t cbOut);
/* [MS-XCA] Plain LZ77 (§2.4.4): 32-bit LE flag words read MSB first, 0 = literal byte, 1 = match
 * (u16: offset - 1 in bits 3-15, length - 3 in bits 0-2, extended by a shared half byte, a byte, a u16
 * and a u32). Ends on a match flag with no input left, or when out is full and no input is left. */
JET_ERR esent_decode_xpress(const uint8_t *in, size_t cbIn, uint8_t *out, size_t cbOut);
/* LZ4 block: ends after the literals of a sequence that uses the last input byte. */
JET_ERR esent_decode_lz4(const uint8_t *in, size_t cbIn, uint8_t *out, size_t cbOut);

#endif
