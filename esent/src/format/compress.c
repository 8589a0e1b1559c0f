/* Compressed column values: see compress.h. */
#include "format/compress.h"
#include "format/bytes.h"

#define BAD JET_errDecompressionFailed

#define SEVENBIT_HEADER   1u    /* scheme byte only */
#define XPRESS_MIN_MATCH  3u
#define LZ4_MIN_MATCH     4u

uint32_t esent_compress_scheme(const uint8_t *pb, size_t cb)
{
    return (pb != NULL && cb > 0) ? (uint32_t)(pb[0] >> 3) : ESENT_COMPRESS_NONE;
}

/* ------------------------------------------------------------------ 7-bit */

/* Number of 7-bit values in cbIn bytes whose last byte holds cbitsLast bits; 0 when that is not a
 * whole number of values (or cbIn is 0). */
static size_t sevenbit_count(size_t cbIn, unsigned cbitsLast)
{
    if (cbIn == 0 || cbitsLast < 1 || cbitsLast > 8)
        return 0;
    uint64_t bits = (uint64_t)(cbIn - 1) * 8u + cbitsLast;
    return bits % 7u == 0 ? (size_t)(bits / 7u) : 0;
}

JET_ERR esent_decode_7bit(const uint8_t *in, size_t cbIn, unsigned cbitsLast, int unicode, uint8_t *out,
                          size_t cbOut)
{
    size_t n = sevenbit_count(cbIn, cbitsLast);
    if (in == NULL || out == NULL || n == 0 || cbOut != (unicode ? 2 * n : n))
        return BAD;
    uint32_t acc = 0;       /* bits not yet used, LSB first */
    unsigned have = 0;
    size_t ip = 0;
    for (size_t i = 0; i < n; i++) {
        if (have < 7) {
            /* n values need exactly cbIn bytes: ip < cbIn here */
            acc |= (uint32_t)in[ip++] << have;
            have += 8;
        }
        uint8_t v = (uint8_t)(acc & 0x7Fu);
        acc >>= 7;
        have -= 7;
        if (unicode) {
            out[2 * i] = v;
            out[2 * i + 1] = 0;
        } else {
            out[i] = v;
        }
    }
    return JET_errSuccess;
}

/* ------------------------------------------------------------------ XPRESS (MS-XCA plain LZ77) */

JET_ERR esent_decode_xpress(const uint8_t *in, size_t cbIn, uint8_t *out, size_t cbOut)
{
    size_t ip = 0, op = 0, half = 0;     /* half: position of the shared length half byte, 0 = none */
    uint32_t flags = 0;
    unsigned nflags = 0;
    int have_half = 0;
    if (in == NULL || (out == NULL && cbOut > 0))
        return BAD;
    for (;;) {
        if (op == cbOut && ip == cbIn)
            return JET_errSuccess;       /* everything produced, nothing left to read */
        if (nflags == 0) {
            if (cbIn - ip < 4)
                return BAD;
            flags = esent_rd32(in + ip);
            ip += 4;
            nflags = 32;
        }
        nflags--;
        if (!(flags & (1u << nflags))) {
            if (ip >= cbIn || op >= cbOut)
                return BAD;
            out[op++] = in[ip++];
            continue;
        }
        if (ip == cbIn)
            return op == cbOut ? JET_errSuccess : BAD;   /* the end marker: a match flag, no input */
        if (cbIn - ip < 2)
            return BAD;
        uint32_t sym = esent_rd16(in + ip);
        ip += 2;
        size_t offset = (sym >> 3) + 1u;
        uint64_t length = sym & 7u;
        if (length == 7) {
            if (!have_half) {
                if (ip >= cbIn)
                    return BAD;
                length = in[ip] & 0x0Fu;
                half = ip++;
                have_half = 1;
            } else {
                length = in[half] >> 4;
                have_half = 0;
            }
            if (length == 15) {
                if (ip >= cbIn)
                    return BAD;
                length = in[ip++];
                if (length == 255) {
                    if (cbIn - ip < 2)
                        return BAD;
                    length = esent_rd16(in + ip);
                    ip += 2;
                    if (length == 0) {
                        if (cbIn - ip < 4)
                            return BAD;
                        length = esent_rd32(in + ip);
                        ip += 4;
                    }
                    if (length < 15 + 7)
                        return BAD;
                    length -= 15 + 7;
                }
                length += 15;
            }
            length += 7;
        }
        length += XPRESS_MIN_MATCH;
        if (offset > op || length > (uint64_t)(cbOut - op))
            return BAD;
        /* byte by byte: the match may overlap what it writes */
        for (uint64_t k = 0; k < length; k++, op++)
            out[op] = out[op - offset];
    }
}

/* ------------------------------------------------------------------ LZ4 block */

/* A length continued by bytes of 255 (lz4 block format): adds them to *plen. */
static int lz4_more(const uint8_t *in, size_t cbIn, size_t *pip, size_t *plen)
{
    for (;;) {
        if (*pip >= cbIn)
            return 0;
        uint8_t b = in[(*pip)++];
        if (*plen > SIZE_MAX - b)
            return 0;
        *plen += b;
        if (b != 255)
            return 1;
    }
}

JET_ERR esent_decode_lz4(const uint8_t *in, size_t cbIn, uint8_t *out, size_t cbOut)
{
    size_t ip = 0, op = 0;
    if (in == NULL || (out == NULL && cbOut > 0))
        return BAD;
    for (;;) {
        if (ip >= cbIn)
            return BAD;
        uint8_t token = in[ip++];
        size_t lit = token >> 4;
        if (lit == 15 && !lz4_more(in, cbIn, &ip, &lit))
            return BAD;
        if (lit > cbIn - ip || lit > cbOut - op)
            return BAD;
        for (size_t k = 0; k < lit; k++)
            out[op++] = in[ip++];
        if (ip == cbIn)
            return op == cbOut ? JET_errSuccess : BAD;   /* the last sequence: literals only */
        if (cbIn - ip < 2)
            return BAD;
        size_t offset = esent_rd16(in + ip);
        ip += 2;
        size_t length = token & 0x0Fu;
        if (length == 15 && !lz4_more(in, cbIn, &ip, &length))
            return BAD;
        if (length > SIZE_MAX - LZ4_MIN_MATCH)
            return BAD;
        length += LZ4_MIN_MATCH;
        if (offset == 0 || offset > op || length > cbOut - op)
            return BAD;
        for (size_t k = 0; k < length; k++, op++)
            out[op] = out[op - offset];
    }
}

/* ------------------------------------------------------------------ values */

JET_ERR esent_decompress_size(const uint8_t *pb, size_t cb, uint32_t *pcbUncompressed)
{
    if (pcbUncompressed == NULL)
        return JET_errInvalidParameter;
    *pcbUncompressed = 0;
    if (pb == NULL || cb == 0)
        return BAD;
    switch (esent_compress_scheme(pb, cb)) {
    case ESENT_COMPRESS_7BIT_ASCII:
    case ESENT_COMPRESS_7BIT_UNICODE: {
        size_t n = sevenbit_count(cb - SEVENBIT_HEADER, (pb[0] & 7u) + 1u);
        if (n == 0)
            return BAD;
        /* at most 8/7 of a size_t input: the doubled count of any real value fits 32 bits */
        uint64_t size = esent_compress_scheme(pb, cb) == ESENT_COMPRESS_7BIT_UNICODE ? 2u * (uint64_t)n : n;
        if (size > UINT32_MAX)
            return BAD;
        *pcbUncompressed = (uint32_t)size;
        return JET_errSuccess;
    }
    case ESENT_COMPRESS_XPRESS:
    case ESENT_COMPRESS_LZ4:
        if (cb < ESENT_COMPRESS_XPRESS_HEADER)
            return BAD;
        *pcbUncompressed = esent_rd16(pb + 1);
        return JET_errSuccess;
    case ESENT_COMPRESS_SCRUB:
    case ESENT_COMPRESS_XPRESS9:
    case ESENT_COMPRESS_XPRESS10:
        return JET_errFeatureNotAvailable;
    default:
        return BAD;
    }
}

JET_ERR esent_decompress(const uint8_t *pb, size_t cb, uint8_t *out, size_t cbOut, uint32_t *pcbActual)
{
    uint32_t size;
    if (pcbActual == NULL)
        return JET_errInvalidParameter;
    *pcbActual = 0;
    JET_ERR err = esent_decompress_size(pb, cb, &size);
    if (err < 0)
        return err;
    if (cbOut < size || (out == NULL && size > 0))
        return JET_errInvalidBufferSize;
    switch (esent_compress_scheme(pb, cb)) {
    case ESENT_COMPRESS_7BIT_ASCII:
    case ESENT_COMPRESS_7BIT_UNICODE:
        err = esent_decode_7bit(pb + SEVENBIT_HEADER, cb - SEVENBIT_HEADER, (pb[0] & 7u) + 1u,
                                esent_compress_scheme(pb, cb) == ESENT_COMPRESS_7BIT_UNICODE, out, size);
        break;
    case ESENT_COMPRESS_XPRESS:
        err = esent_decode_xpress(pb + ESENT_COMPRESS_XPRESS_HEADER, cb - ESENT_COMPRESS_XPRESS_HEADER, out, size);
        break;
    default:   /* ESENT_COMPRESS_LZ4: esent_decompress_size refused every other scheme */
        err = esent_decode_lz4(pb + ESENT_COMPRESS_XPRESS_HEADER, cb - ESENT_COMPRESS_XPRESS_HEADER, out, size);
        break;
    }
    if (err < 0)
        return err;
    *pcbActual = size;
    return JET_errSuccess;
}
