/* Database file header, DBFILEHDR (ese-format.md §1): the one module that knows its bytes.
 * Pure functions over caller buffers; no I/O, no allocation.
 *
 * A database file is 2 header pages (physical pages 0 and 1, identical copies: header and shadow)
 * followed by the data pages; each page is cbPage bytes. The header is a 748-byte little-endian
 * structure at the start of a zero-filled page, whose first u32 is an XOR checksum of the whole page
 * (format/checksum.h). Fields are decoded with explicit byte assembly: several are unaligned
 * (le_filetype at 667). Logtimes, signatures, log positions and backup infos use esent.h's packed
 * JET_LOGTIME / JET_SIGNATURE / JET_LGPOS / JET_BKINFO, which match the file byte for byte.
 *
 * Error codes, as the engine returns them (see the functions):
 *   no valid copy (checksum, or page-size field not the page size)  JET_errReadVerifyFailure
 *   valid copy, bad magic or version < 0x620                          JET_errInvalidDatabaseVersion
 *   valid copy, attrib != 0 or file type not a database (attach)      JET_errDatabaseCorrupted
 *   file type not a database (file-info / utility paths)              JET_errFileInvalidType
 *   page-size field valid but not the instance's page size            JET_errPageSizeMismatch */
#ifndef ESENT_FORMAT_DBHEADER_H
#define ESENT_FORMAT_DBHEADER_H

#include "api/api.h"

#define ESENT_DBHDR_SIZE          748u         /* sizeof(DBFILEHDR) */
#define ESENT_DBHDR_INTEROP_END   672u         /* writers leave bytes >= this zero (§1.4 libesedb trap) */
#define ESENT_DBHDR_MAGIC         0x89ABCDEFu
#define ESENT_DBHDR_VERSION       0x620u       /* le_ulVersion of every ESE97+ database */
#define ESENT_DBHDR_UPDATE_LARGE_PAGES 0x11u   /* first update-major valid with 16/32 KiB pages */
#define ESENT_DBHDR_ATTRIB_DB     0u
#define ESENT_DBHDR_PAGE_SIZE_OFFSET 236u      /* le_cbPageSize (0 means 4096) */
#define ESENT_DBHDR_CB_PAGE_DEFAULT 4096u
#define ESENT_DBHDR_PAGE_MIN      2048u        /* smallest page size the header detection tries */
#define ESENT_DBHDR_PAGE_MAX      32768u

/* m_ulDbFlags bits. */
#define ESENT_DBFLAG_SHADOWING_DISABLED 0x00000001u
#define ESENT_DBFLAG_UPGRADE_DB         0x00000002u
#define ESENT_DBFLAG_ESENT_ATTACHED     0x01000000u
#define ESENT_DBFLAG_ESE_ATTACHED       0x02000000u
#define ESENT_DBFLAG_PRIVATE_BUILD      0x04000000u
#define ESENT_DBFLAG_EXT_EXTENT_CACHE   0x08000000u

/* A count, the time of its last change and the previous count (ECC fixes, bad checksums, ...). */
typedef struct esent_dbhdr_counter {
    uint32_t count;
    JET_LOGTIME logtime;
    uint32_t count_old;
} esent_dbhdr_counter;

/* Every field of DBFILEHDR, in file order; the comment is the byte offset. */
typedef struct esent_dbheader {
    uint32_t checksum;                       /* 0 */
    uint32_t magic;                          /* 4 */
    uint32_t version;                        /* 8 */
    uint32_t attrib;                         /* 12 */
    uint64_t dbtime_dirtied;                 /* 16 */
    JET_SIGNATURE sign_db;                   /* 24 */
    uint32_t dbstate;                        /* 52: JET_dbstate* */
    JET_LGPOS lgpos_consistent;              /* 56 */
    JET_LOGTIME logtime_consistent;          /* 64 */
    JET_LOGTIME logtime_attach;              /* 72 */
    JET_LGPOS lgpos_attach;                  /* 80 */
    JET_LOGTIME logtime_detach;              /* 88 */
    JET_LGPOS lgpos_detach;                  /* 96 */
    uint32_t dbid;                           /* 104 */
    JET_SIGNATURE sign_log;                  /* 108 */
    JET_BKINFO bkinfo_full_prev;             /* 136 */
    JET_BKINFO bkinfo_inc_prev;              /* 160 */
    JET_BKINFO bkinfo_full_cur;              /* 184 */
    uint32_t db_flags;                       /* 208: ESENT_DBFLAG_* */
    uint32_t objid_last;                     /* 212 */
    uint32_t major_version;                  /* 216: OS version that built the indexes */
    uint32_t minor_version;                  /* 220 */
    uint32_t build_number;                   /* 224 */
    uint32_t sp_number;                      /* 228 */
    uint32_t dae_update_major;               /* 232: format revision */
    uint32_t cb_page_size;                   /* 236: as stored (0 means 4096) */
    uint32_t repair_count;                   /* 240 */
    JET_LOGTIME logtime_repair;              /* 244 */
    uint8_t reserved_sign_slv[28];           /* 252 */
    uint64_t dbtime_last_scrub;              /* 280 */
    JET_LOGTIME logtime_scrub;               /* 288 */
    int32_t gen_min_required;                /* 296 */
    int32_t gen_max_required;                /* 300 */
    uint32_t cpg_upgrade_55_format;          /* 304 */
    uint32_t cpg_upgrade_free_pages;         /* 308 */
    uint32_t cpg_upgrade_space_map_pages;    /* 312 */
    JET_BKINFO bkinfo_snapshot_cur;          /* 316 */
    uint32_t create_version;                 /* 340 */
    uint32_t create_update;                  /* 344 */
    JET_LOGTIME logtime_gen_max_create;      /* 348 */
    uint32_t bkinfo_type_full_prev;          /* 356 */
    uint32_t bkinfo_type_inc_prev;           /* 360 */
    uint32_t repair_count_old;               /* 364 */
    esent_dbhdr_counter ecc_fix_success;     /* 368 */
    esent_dbhdr_counter ecc_fix_fail;        /* 384 */
    esent_dbhdr_counter bad_checksum;        /* 400 */
    int32_t gen_max_committed;               /* 416 */
    JET_BKINFO bkinfo_copy_prev;             /* 420 */
    JET_BKINFO bkinfo_diff_prev;             /* 444 */
    uint32_t bkinfo_type_copy_prev;          /* 468 */
    uint32_t bkinfo_type_diff_prev;          /* 472 */
    esent_dbhdr_counter incremental_reseed;  /* 476 */
    esent_dbhdr_counter page_patch;          /* 492 */
    uint64_t sort_version;                   /* 508 */
    JET_LOGTIME logtime_dbscan_prev;         /* 516 */
    JET_LOGTIME logtime_dbscan_start;        /* 524 */
    uint32_t pgno_dbscan_highest_continuous; /* 532 */
    int32_t gen_recovering;                  /* 536 */
    uint32_t extend_count;                   /* 540 */
    JET_LOGTIME logtime_last_extend;         /* 544 */
    uint32_t shrink_count;                   /* 552 */
    JET_LOGTIME logtime_last_shrink;         /* 556 */
    JET_LOGTIME logtime_last_reattach;       /* 564 */
    JET_LGPOS lgpos_last_reattach;           /* 572 */
    uint32_t trim_count;                     /* 580 */
    JET_SIGNATURE sign_db_hdr_flush;         /* 584 */
    JET_SIGNATURE sign_flush_map_hdr_flush;  /* 612 */
    int32_t gen_min_consistent;              /* 640 */
    uint32_t dae_update_minor;               /* 644 */
    uint32_t efv_max_bin_attach_diagnostic;  /* 648 */
    uint32_t pgno_dbscan_highest;            /* 652 */
    JET_LGPOS lgpos_last_resize;             /* 656 */
    uint8_t reserved[3];                     /* 664 */
    uint32_t filetype;                       /* 667 (unaligned): JET_filetype* */
    uint8_t reserved2;                       /* 671 */
    JET_LOGTIME logtime_gen_max_required;    /* 672 */
    int32_t gen_pre_redo_min_consistent;     /* 680 */
    int32_t gen_pre_redo_min_required;       /* 684 */
    JET_SIGNATURE sign_rbs_hdr_flush;        /* 688 */
    uint32_t revert_count;                   /* 716 */
    JET_LOGTIME logtime_revert_from;         /* 720 */
    JET_LOGTIME logtime_revert_to;           /* 728 */
    uint32_t revert_page_count;              /* 736 */
    JET_LGPOS lgpos_commit_before_revert;    /* 740 */
} esent_dbheader;

/* Page size a header declares: le_cbPageSize, with 0 read as 4096. */
uint32_t esent_dbheader_page_size(const esent_dbheader *h);

/* Decodes the first 748 bytes of buf (cb >= 748; else JET_errReadVerifyFailure: a truncated header
 * cannot be verified). Decodes only: no checksum or semantic check (see the functions below). */
JET_ERR esent_dbheader_decode(const uint8_t *buf, uint32_t cb, esent_dbheader *out);

/* Writes h into a page of cb_page bytes (>= 748; JET_errInvalidParameter otherwise): zero-fills it,
 * encodes every field up to offset 671 and stamps the XOR checksum (h->checksum is ignored).
 * Fields at offsets >= 672 must be zero, so that libesedb's 668-byte checksum agrees with the engine's
 * whole-page one (§1.4): JET_errInvalidParameter, page untouched, when one is not. */
JET_ERR esent_dbheader_encode(const esent_dbheader *h, uint8_t *page, uint32_t cb_page);
/* Same, writing the fields at offsets >= 672 too (to rewrite the header of a file that has them). */
JET_ERR esent_dbheader_encode_all(const esent_dbheader *h, uint8_t *page, uint32_t cb_page);

/* One header copy of cb_page bytes is valid when its XOR checksum matches and its page-size field
 * (0 = 4096) equals cb_page — the engine's acceptance test for each page-size candidate. */
int esent_dbheader_copy_valid(const uint8_t *page, uint32_t cb_page);

/* Which copies were valid (ShadowedHeaderStatus). */
typedef enum esent_dbhdr_status {
    ESENT_DBHDR_OK = 0,             /* both valid and identical */
    ESENT_DBHDR_PRIMARY_BAD = 1,    /* only the shadow is valid: it was used */
    ESENT_DBHDR_SECONDARY_BAD = 2,  /* the shadow is invalid, or valid but different: the primary was used */
} esent_dbhdr_status;

/* Picks a valid copy from the two header pages of cb_page bytes each (page1 may be NULL when it
 * could not be read), as the engine does: both valid → the primary (status OK if byte-identical,
 * else SECONDARY_BAD); one valid → that one. Decodes it into *out. JET_errReadVerifyFailure when
 * neither copy is valid (or cb_page < 748). status may be NULL. */
JET_ERR esent_dbheader_read_pair(const uint8_t *page0, const uint8_t *page1, uint32_t cb_page, esent_dbheader *out,
                                 esent_dbhdr_status *status);

/* Page-size detection over the first cb bytes of a file (up to 2 * 32 KiB are used): tries 2, 4, 8,
 * 16 and 32 KiB; a copy counts for a size when esent_dbheader_copy_valid holds for it (primary at 0,
 * shadow at that size). The elected copy is then chosen as in esent_dbheader_read_pair, and its size
 * is returned in *cb_page. cb_page_only != 0 restricts the search to that size.
 * JET_errReadVerifyFailure when no copy is valid at any size. status may be NULL. */
JET_ERR esent_dbheader_read_file_start(const uint8_t *buf, uint32_t cb, uint32_t cb_page_only, esent_dbheader *out,
                                       uint32_t *cb_page, esent_dbhdr_status *status);

/* Checks an attach makes on a valid header, in the engine's order: bad magic or version < 0x620 →
 * JET_errInvalidDatabaseVersion; page size ≠ cb_page_instance (when non-zero) → JET_errPageSizeMismatch;
 * 16/32 KiB pages with version 0x620 and update-major < 0x11 → JET_errInvalidDatabaseVersion;
 * attrib ≠ 0 or file type not Unknown(0)/Database/TempDatabase → JET_errDatabaseCorrupted.
 * (The engine checks dbstate between the last two; that belongs to the caller.) */
JET_ERR esent_dbheader_check_attach(const esent_dbheader *h, uint32_t cb_page_instance);

/* Checks of the file-info and utility paths: file type not Unknown(0)/Database/TempDatabase →
 * JET_errFileInvalidType. */
JET_ERR esent_dbheader_check_file_type(const esent_dbheader *h);

/* What an attach reports when esent_dbheader_read_* found no valid copy, from the raw primary page:
 * magic present and version 0x500 → JET_errDatabase500Format; magic present → JET_errInvalidDatabaseVersion;
 * otherwise JET_errDatabaseCorrupted. (The engine's extra probe for JET 2.0/4.0 files is not done.) */
JET_ERR esent_dbheader_unreadable_error(const uint8_t *page0, uint32_t cb);

#endif
