/* Byte-order access for the on-disk formats: every multi-byte field of a database file is
 * little-endian, keys are big-endian. Assembled byte by byte, so any alignment is fine (some header
 * fields sit at odd offsets). The one implementation used by every format module. */
#ifndef ESENT_FORMAT_BYTES_H
#define ESENT_FORMAT_BYTES_H

#include <stdint.h>

static inline uint16_t esent_rd16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static inline uint32_t esent_rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static inline uint64_t esent_rd64(const uint8_t *p) { return (uint64_t)esent_rd32(p) | ((uint64_t)esent_rd32(p + 4) << 32); }

static inline void esent_wr16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static inline void esent_wr32(uint8_t *p, uint32_t v) { esent_wr16(p, v); esent_wr16(p + 2, v >> 16); }
static inline void esent_wr64(uint8_t *p, uint64_t v) { esent_wr32(p, (uint32_t)v); esent_wr32(p + 4, (uint32_t)(v >> 32)); }

static inline uint32_t esent_rd32be(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}
static inline void esent_wr32be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

/* n-byte little-endian (n ≤ 8) and big-endian values. */
static inline uint64_t esent_rdle(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;)
        v = (v << 8) | p[i];
    return v;
}
static inline void esent_wrle(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++, v >>= 8)
        p[i] = (uint8_t)v;
}
static inline void esent_wrbe(uint8_t *p, uint64_t v, unsigned n)
{
    for (unsigned i = n; i-- > 0; v >>= 8)
        p[i] = (uint8_t)v;
}

#endif
