/* Internals shared by the rec*.c files of table/: the update buffer's decoded form and the one
 * accessor that reads values from either a stored record or an update buffer. Not for other modules. */
#ifndef ESENT_TABLE_RECINT_H
#define ESENT_TABLE_RECINT_H

#include "table/recedit.h"

/* Column states, both in a buffer and as read from a record. */
#define RB_ABSENT  0u   /* not in the record: the default applies (fixed/variable in a buffer: NULL) */
#define RB_NULL    1u   /* NULL (tagged: explicit NULL entry, overrides the default) */
#define RB_VALUES  2u   /* 1 (fixed/variable) or n >= 1 (tagged) instances */

/* One value instance in a buffer. Intrinsic: pb/cb (pb owned, NULL when cb is 0). Separated:
 * flags has ESENT_RECV_SEPARATED and lid is set; owned = the buffer created the LV (holds its only
 * reference), otherwise the LV belongs to the record the buffer was made from. */
typedef struct rb_inst {
    uint8_t *pb;
    uint32_t cb;
    uint32_t flags;               /* ESENT_RECV_SEPARATED / COMPRESSED / ENCRYPTED */
    uint64_t lid;
    uint8_t owned;
    uint8_t burst;                /* being separated by the record-fitting pass */
    uint8_t force_intrinsic;      /* JET_bitSetIntrinsicLV: never burst */
} rb_inst;

typedef struct rb_col {
    uint32_t state;               /* RB_* */
    uint32_t n, cap;              /* instances (n is 1 for a fixed/variable value) */
    rb_inst *inst;
} rb_col;

struct esent_recbuf {
    const esent_tabledef *td;
    const esent_lvstore *lv;
    uint32_t prep;
    uint8_t finished;             /* esent_recbuf_finish done: no LV belongs to the buffer any more */
    rb_col *cols;                 /* td->ccols entries, same order as td->cols (in the buffer's allocation) */
    uint64_t *orig_lids;          /* separated LIDs of the record the buffer was made from */
    uint32_t c_orig_lids;
    uint8_t *scratch;             /* cb_scratch bytes: records encoded to measure them (NULL until then) */
    uint32_t cb_scratch;          /* td->cb_record_max when the buffer was made */
};

/* ---- recedit.c ---- */

int recx_is_tagged(const esent_coldef *c);
int recx_is_long(const esent_coldef *c);
int recx_has_default(const esent_coldef *c);
/* Index in td->cols of columnid, or -1 with *perr = JET_errBadColumnId / JET_errColumnNotFound. */
int32_t recx_find(const esent_tabledef *td, JET_COLUMNID columnid, JET_ERR *perr);
/* Index of the column with this fid (template bit ignored), or -1. */
int32_t recx_find_fid(const esent_tabledef *td, uint32_t fid);
/* Bytes of the encoded buffer into buf->scratch (size in *pcb). JET_errRecordTooBig past cb_record_max
 * (or past the scratch size, should the caller have raised cb_record_max after creating the buffer).
 * trial: instances marked burst count as separated. */
JET_ERR recx_measure(esent_recbuf *buf, int trial, size_t *pcb);
/* Makes the buffer's record fit cb_record_max, separating intrinsic long values (largest first).
 * Nothing changes on failure. */
JET_ERR recx_fit(esent_recbuf *buf);
/* Frees an instance's bytes and, when the buffer owns its LV, releases it. */
void recx_inst_drop(const esent_recbuf *buf, rb_inst *in);
/* Grows c's instance array to hold at least n instances. */
JET_ERR recx_reserve(rb_col *c, uint32_t n);

/* ---- recretrieve.c: reading values ---- */

/* A source of values: a parsed stored record, or an update buffer. */
typedef struct rsrc {
    const esent_tabledef *td;
    const esent_lvstore *lv;
    const esent_recbuf *buf;      /* non-NULL: read the buffer */
    esent_rec rec;                /* otherwise: the parsed record */
} rsrc;

/* Opens v's record (copy = 0) or buffer (copy = 1, falling back to the record when v->copy is NULL).
 * JET_errNoCurrentRecord when there is neither, JET_errDatabaseCorrupted for a bad record. */
JET_ERR recx_open(const esent_recview *v, int copy, rsrc *s);
/* Physical state of column ci (RB_*), *pn its number of instances (0 unless RB_VALUES). */
uint32_t recx_state(const rsrc *s, uint32_t ci, uint32_t *pn);
/* Instance itag (1 <= itag <= n) of column ci as stored (ESENT_RECV_* flags, lid). */
void recx_inst(const rsrc *s, uint32_t ci, uint32_t itag, esent_rec_value *val);
/* State with the default applied: *pn values, *pdef = 1 when that is the default value. */
void recx_effective(const rsrc *s, uint32_t ci, int ignore_default, uint32_t *pn, int *pdef);
/* Value itag of the effective state (default or instance). */
void recx_effective_inst(const rsrc *s, uint32_t ci, int from_default, uint32_t itag, esent_rec_value *val);
/* Copies a value from offset ib (long values only; other values ignore ib) into pv/cb.
 * *pcb_actual = bytes available from ib. JET_wrnBufferTruncated when cb is smaller. */
JET_ERR recx_copy(const rsrc *s, const esent_coldef *c, const esent_rec_value *val, uint32_t ib, void *pv,
                  uint32_t cb, uint32_t *pcb_actual);
/* Full size of a value (LV store asked for separated ones, compressed ones uncompressed). */
JET_ERR recx_size(const rsrc *s, const esent_rec_value *val, uint32_t *pcb);
/* An intrinsic value stored as (pb, cb, ESENT_RECV_* flags), uncompressed: the one place record values
 * are decompressed (format/compress.h). On success *ppb, *pcb are pb, cb themselves, or the decoded
 * bytes in *ptmp (malloc'ed, the caller frees; NULL when nothing was allocated). JET_errColumnNoEncryptionKey for an
 * encrypted value, the decoder's errors (JET_errDecompressionFailed, JET_errFeatureNotAvailable for
 * Xpress9/Xpress10/scrubbed data), JET_errOutOfMemory. */
JET_ERR recx_intrinsic(const uint8_t *pb, uint32_t cb, uint32_t flags, uint8_t **ptmp, const uint8_t **ppb,
                       uint32_t *pcb);
/* Its size once uncompressed (cb for a plain or encrypted value), from the compressed header. */
JET_ERR recx_intrinsic_size(const uint8_t *pb, uint32_t cb, uint32_t flags, uint32_t *pcb);

#endif
