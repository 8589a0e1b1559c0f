#include "format/dbheader.h"
#include "format/bytes.h"

#include "format/checksum.h"

#include <stddef.h>
#include <string.h>


/* ---- field table: one row per DBFILEHDR field, in file order, contiguous from 0 to 748 ---- */

enum kind { K_U32, K_U64, K_LGPOS, K_LOGTIME, K_SIGN, K_BKINFO, K_COUNTER, K_BYTES };

typedef struct field {
    uint16_t ib;     /* offset in the file */
    uint16_t off;    /* offsetof in esent_dbheader */
    uint8_t kind;
    uint8_t cb;      /* size in the file (= size of the struct member) */
} field;

#define F(ib, member, kind, cb) { ib, (uint16_t)offsetof(esent_dbheader, member), kind, cb }
#define U32(ib, m)  F(ib, m, K_U32, 4)
#define U64(ib, m)  F(ib, m, K_U64, 8)
#define LGP(ib, m)  F(ib, m, K_LGPOS, 8)
#define LGT(ib, m)  F(ib, m, K_LOGTIME, 8)
#define SIG(ib, m)  F(ib, m, K_SIGN, 28)
#define BKI(ib, m)  F(ib, m, K_BKINFO, 24)
#define CTR(ib, m)  F(ib, m, K_COUNTER, 16)

static const field k_fields[] = {
    U32(0, checksum), U32(4, magic), U32(8, version), U32(12, attrib), U64(16, dbtime_dirtied),
    SIG(24, sign_db), U32(52, dbstate), LGP(56, lgpos_consistent), LGT(64, logtime_consistent),
    LGT(72, logtime_attach), LGP(80, lgpos_attach), LGT(88, logtime_detach), LGP(96, lgpos_detach),
    U32(104, dbid), SIG(108, sign_log), BKI(136, bkinfo_full_prev), BKI(160, bkinfo_inc_prev),
    BKI(184, bkinfo_full_cur), U32(208, db_flags), U32(212, objid_last), U32(216, major_version),
    U32(220, minor_version), U32(224, build_number), U32(228, sp_number), U32(232, dae_update_major),
    U32(236, cb_page_size), U32(240, repair_count), LGT(244, logtime_repair),
    F(252, reserved_sign_slv, K_BYTES, 28), U64(280, dbtime_last_scrub), LGT(288, logtime_scrub),
    U32(296, gen_min_required), U32(300, gen_max_required), U32(304, cpg_upgrade_55_format),
    U32(308, cpg_upgrade_free_pages), U32(312, cpg_upgrade_space_map_pages), BKI(316, bkinfo_snapshot_cur),
    U32(340, create_version), U32(344, create_update), LGT(348, logtime_gen_max_create),
    U32(356, bkinfo_type_full_prev), U32(360, bkinfo_type_inc_prev), U32(364, repair_count_old),
    CTR(368, ecc_fix_success), CTR(384, ecc_fix_fail), CTR(400, bad_checksum), U32(416, gen_max_committed),
    BKI(420, bkinfo_copy_prev), BKI(444, bkinfo_diff_prev), U32(468, bkinfo_type_copy_prev),
    U32(472, bkinfo_type_diff_prev), CTR(476, incremental_reseed), CTR(492, page_patch),
    U64(508, sort_version), LGT(516, logtime_dbscan_prev), LGT(524, logtime_dbscan_start),
    U32(532, pgno_dbscan_highest_continuous), U32(536, gen_recovering), U32(540, extend_count),
    LGT(544, logtime_last_extend), U32(552, shrink_count), LGT(556, logtime_last_shrink),
    LGT(564, logtime_last_reattach), LGP(572, lgpos_last_reattach), U32(580, trim_count),
    SIG(584, sign_db_hdr_flush), SIG(612, sign_flush_map_hdr_flush), U32(640, gen_min_consistent),
    U32(644, dae_update_minor), U32(648, efv_max_bin_attach_diagnostic), U32(652, pgno_dbscan_highest),
    LGP(656, lgpos_last_resize), F(664, reserved, K_BYTES, 3), U32(667, filetype),
    F(671, reserved2, K_BYTES, 1),
    /* ---- ESENT_DBHDR_INTEROP_END (672): writers leave what follows zero ---- */
    LGT(672, logtime_gen_max_required), U32(680, gen_pre_redo_min_consistent),
    U32(684, gen_pre_redo_min_required), SIG(688, sign_rbs_hdr_flush), U32(716, revert_count),
    LGT(720, logtime_revert_from), LGT(728, logtime_revert_to), U32(736, revert_page_count),
    LGP(740, lgpos_commit_before_revert),
};
#define CFIELDS (sizeof(k_fields) / sizeof(k_fields[0]))

/* The packed JET_ types must be their file size for the table's cb to describe the struct too. */
_Static_assert(sizeof(JET_LGPOS) == 8, "JET_LGPOS");
_Static_assert(sizeof(JET_LOGTIME) == 8, "JET_LOGTIME");
_Static_assert(sizeof(JET_SIGNATURE) == 28, "JET_SIGNATURE");
_Static_assert(sizeof(JET_BKINFO) == 24, "JET_BKINFO");
_Static_assert(sizeof(esent_dbhdr_counter) == 16, "esent_dbhdr_counter");

/* ---- sub-structures ----------------------------------------------------------------------- */

static void lgpos_rd(const uint8_t *p, JET_LGPOS *l)
{
    l->ib = (uint16_t)(p[0] | (p[1] << 8));
    l->isec = (uint16_t)(p[2] | (p[3] << 8));
    l->lGeneration = (int32_t)esent_rd32(p + 4);
}
static void lgpos_wr(uint8_t *p, const JET_LGPOS *l)
{
    esent_wr32(p, (uint32_t)l->ib | ((uint32_t)l->isec << 16));
    esent_wr32(p + 4, (uint32_t)l->lGeneration);
}
/* LOGTIME is 8 single bytes (bit fields inside bytes 6 and 7): copied as is. */
static void sign_rd(const uint8_t *p, JET_SIGNATURE *s)
{
    s->ulRandom = esent_rd32(p);
    memcpy(&s->logtimeCreate, p + 4, 8);
    memcpy(s->szComputerName, p + 12, 16);
}
static void sign_wr(uint8_t *p, const JET_SIGNATURE *s)
{
    esent_wr32(p, s->ulRandom);
    memcpy(p + 4, &s->logtimeCreate, 8);
    memcpy(p + 12, s->szComputerName, 16);
}
static void bkinfo_rd(const uint8_t *p, JET_BKINFO *b)
{
    lgpos_rd(p, &b->lgposMark);
    memcpy(&b->logtimeMark, p + 8, 8);
    b->genLow = esent_rd32(p + 16);
    b->genHigh = esent_rd32(p + 20);
}
static void bkinfo_wr(uint8_t *p, const JET_BKINFO *b)
{
    lgpos_wr(p, &b->lgposMark);
    memcpy(p + 8, &b->logtimeMark, 8);
    esent_wr32(p + 16, b->genLow);
    esent_wr32(p + 20, b->genHigh);
}

static void field_rd(const field *f, const uint8_t *buf, esent_dbheader *h)
{
    const uint8_t *p = buf + f->ib;
    uint8_t *m = (uint8_t *)h + f->off;
    uint32_t v32;
    uint64_t v64;
    switch (f->kind) {
    case K_U32:  /* uint32_t or int32_t member: same representation */
        v32 = esent_rd32(p);
        memcpy(m, &v32, 4);
        break;
    case K_U64:
        v64 = (uint64_t)esent_rd32(p) | ((uint64_t)esent_rd32(p + 4) << 32);
        memcpy(m, &v64, 8);
        break;
    case K_LGPOS:
        lgpos_rd(p, (JET_LGPOS *)(void *)m);
        break;
    case K_SIGN:
        sign_rd(p, (JET_SIGNATURE *)(void *)m);
        break;
    case K_BKINFO:
        bkinfo_rd(p, (JET_BKINFO *)(void *)m);
        break;
    case K_COUNTER: {
        esent_dbhdr_counter *c = (esent_dbhdr_counter *)(void *)m;
        c->count = esent_rd32(p);
        memcpy(&c->logtime, p + 4, 8);
        c->count_old = esent_rd32(p + 12);
        break;
    }
    default:  /* K_LOGTIME, K_BYTES */
        memcpy(m, p, f->cb);
        break;
    }
}

static void field_wr(const field *f, const esent_dbheader *h, uint8_t *buf)
{
    uint8_t *p = buf + f->ib;
    const uint8_t *m = (const uint8_t *)h + f->off;
    uint32_t v32;
    uint64_t v64;
    switch (f->kind) {
    case K_U32:
        memcpy(&v32, m, 4);
        esent_wr32(p, v32);
        break;
    case K_U64:
        memcpy(&v64, m, 8);
        esent_wr32(p, (uint32_t)v64);
        esent_wr32(p + 4, (uint32_t)(v64 >> 32));
        break;
    case K_LGPOS:
        lgpos_wr(p, (const JET_LGPOS *)(const void *)m);
        break;
    case K_SIGN:
        sign_wr(p, (const JET_SIGNATURE *)(const void *)m);
        break;
    case K_BKINFO:
        bkinfo_wr(p, (const JET_BKINFO *)(const void *)m);
        break;
    case K_COUNTER: {
        const esent_dbhdr_counter *c = (const esent_dbhdr_counter *)(const void *)m;
        esent_wr32(p, c->count);
        memcpy(p + 4, &c->logtime, 8);
        esent_wr32(p + 12, c->count_old);
        break;
    }
    default:
        memcpy(p, m, f->cb);
        break;
    }
}

/* ---- decode / encode ---------------------------------------------------------------------- */

uint32_t esent_dbheader_page_size(const esent_dbheader *h)
{
    return h->cb_page_size == 0 ? ESENT_DBHDR_CB_PAGE_DEFAULT : h->cb_page_size;
}

JET_ERR esent_dbheader_decode(const uint8_t *buf, uint32_t cb, esent_dbheader *out)
{
    if (buf == NULL || cb < ESENT_DBHDR_SIZE)
        return JET_errReadVerifyFailure;
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < CFIELDS; i++)
        field_rd(&k_fields[i], buf, out);
    return JET_errSuccess;
}

static JET_ERR encode(const esent_dbheader *h, uint8_t *page, uint32_t cb_page, int all)
{
    if (h == NULL || page == NULL || cb_page < ESENT_DBHDR_SIZE || cb_page % 4 != 0)
        return JET_errInvalidParameter;
    if (!all) {
        /* Every member's bytes are its file bytes' image (no padding): zero member ⇔ zero bytes. */
        for (size_t i = 0; i < CFIELDS; i++) {
            const field *f = &k_fields[i];
            if (f->ib < ESENT_DBHDR_INTEROP_END)
                continue;
            const uint8_t *m = (const uint8_t *)h + f->off;
            for (uint32_t j = 0; j < f->cb; j++) {
                if (m[j] != 0)
                    return JET_errInvalidParameter;
            }
        }
    }
    memset(page, 0, cb_page);
    for (size_t i = 0; i < CFIELDS; i++)
        field_wr(&k_fields[i], h, page);
    esent_header_checksum_stamp(page, cb_page);
    return JET_errSuccess;
}

JET_ERR esent_dbheader_encode(const esent_dbheader *h, uint8_t *page, uint32_t cb_page)
{
    return encode(h, page, cb_page, 0);
}

JET_ERR esent_dbheader_encode_all(const esent_dbheader *h, uint8_t *page, uint32_t cb_page)
{
    return encode(h, page, cb_page, 1);
}

/* ---- reading the shadowed header ---------------------------------------------------------- */

int esent_dbheader_copy_valid(const uint8_t *page, uint32_t cb_page)
{
    if (page == NULL || cb_page < ESENT_DBHDR_SIZE || cb_page % 4 != 0)
        return 0;
    if (esent_header_checksum_verify(page, cb_page) < 0)
        return 0;
    uint32_t cb_declared = esent_rd32(page + ESENT_DBHDR_PAGE_SIZE_OFFSET);
    if (cb_declared == 0)
        cb_declared = ESENT_DBHDR_CB_PAGE_DEFAULT;
    return cb_declared == cb_page;
}

/* Election between a primary (valid when cb0 != 0) and a shadow (valid when cb1 != 0). */
static JET_ERR elect(const uint8_t *p0, uint32_t cb0, const uint8_t *p1, uint32_t cb1, esent_dbheader *out,
                     uint32_t *cb_page, esent_dbhdr_status *status)
{
    esent_dbhdr_status st;
    const uint8_t *p;
    uint32_t cb;
    if (cb0 == 0 && cb1 == 0)
        return JET_errReadVerifyFailure;
    if (cb0 != 0) {
        p = p0;
        cb = cb0;
        st = (cb1 == cb0 && memcmp(p0, p1, cb0) == 0) ? ESENT_DBHDR_OK : ESENT_DBHDR_SECONDARY_BAD;
    } else {
        p = p1;
        cb = cb1;
        st = ESENT_DBHDR_PRIMARY_BAD;
    }
    JET_ERR err = esent_dbheader_decode(p, cb, out);
    if (err < 0)
        return err;
    if (cb_page != NULL)
        *cb_page = cb;
    if (status != NULL)
        *status = st;
    return JET_errSuccess;
}

JET_ERR esent_dbheader_read_pair(const uint8_t *page0, const uint8_t *page1, uint32_t cb_page, esent_dbheader *out,
                                 esent_dbhdr_status *status)
{
    uint32_t cb0 = esent_dbheader_copy_valid(page0, cb_page) ? cb_page : 0;
    uint32_t cb1 = esent_dbheader_copy_valid(page1, cb_page) ? cb_page : 0;
    return elect(page0, cb0, page1, cb1, out, NULL, status);
}

JET_ERR esent_dbheader_read_file_start(const uint8_t *buf, uint32_t cb, uint32_t cb_page_only, esent_dbheader *out,
                                       uint32_t *cb_page, esent_dbhdr_status *status)
{
    uint32_t cb0 = 0, cb1 = 0;
    if (buf == NULL)
        return JET_errReadVerifyFailure;
    for (uint32_t cand = ESENT_DBHDR_PAGE_MIN; cand <= ESENT_DBHDR_PAGE_MAX; cand *= 2) {
        if (cb_page_only != 0 && cand != cb_page_only)
            continue;
        /* A copy can only be valid for the size its page-size field names, so at most one size
         * matches per copy. */
        if (cb >= cand && esent_dbheader_copy_valid(buf, cand))
            cb0 = cand;
        if (cb / 2 >= cand && esent_dbheader_copy_valid(buf + cand, cand))
            cb1 = cand;
    }
    return elect(buf, cb0, cb1 ? buf + cb1 : NULL, cb1, out, cb_page, status);
}

/* ---- semantic checks ---------------------------------------------------------------------- */

static int filetype_is_database(uint32_t filetype)
{
    return filetype == JET_filetypeUnknown || filetype == JET_filetypeDatabase ||
           filetype == JET_filetypeTempDatabase;
}

JET_ERR esent_dbheader_check_attach(const esent_dbheader *h, uint32_t cb_page_instance)
{
    if (h->magic != ESENT_DBHDR_MAGIC || h->version < ESENT_DBHDR_VERSION)
        return JET_errInvalidDatabaseVersion;
    uint32_t cb_page = esent_dbheader_page_size(h);
    if (cb_page_instance != 0 && cb_page != cb_page_instance)
        return JET_errPageSizeMismatch;
    if (cb_page > ESENT_PAGE_SMALL_MAX && h->version == ESENT_DBHDR_VERSION &&
        h->dae_update_major < ESENT_DBHDR_UPDATE_LARGE_PAGES)
        return JET_errInvalidDatabaseVersion;
    if (h->attrib != ESENT_DBHDR_ATTRIB_DB || !filetype_is_database(h->filetype))
        return JET_errDatabaseCorrupted;
    return JET_errSuccess;
}

JET_ERR esent_dbheader_check_file_type(const esent_dbheader *h)
{
    return filetype_is_database(h->filetype) ? JET_errSuccess : JET_errFileInvalidType;
}

JET_ERR esent_dbheader_unreadable_error(const uint8_t *page0, uint32_t cb)
{
    if (page0 == NULL || cb < 12 || esent_rd32(page0 + 4) != ESENT_DBHDR_MAGIC)
        return JET_errDatabaseCorrupted;
    return esent_rd32(page0 + 8) == 0x500u ? JET_errDatabase500Format : JET_errInvalidDatabaseVersion;
}
