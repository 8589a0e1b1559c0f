/* The write path of the storage layer (esent/src/storage): buffer cache, page file states, space
 * allocation, B-tree inserts/replaces/deletes, tree lifetime, cursors over changing trees.
 *
 * Every check of a written file goes through an independent checker (check_db below): page checksums of
 * the whole file read raw, page layouts, B-tree shapes (order, separators, sibling links, flags), and the
 * space of every tree (OE = AE + split buffers + pages in use + children's extents, all disjoint; AE
 * coalesced). Reference models (sorted arrays) say what every tree must hold.
 *
 * Run with --bench [n [page size [cache pages]]] for throughput numbers (n rows, default 1,000,000, of an
 * 8-byte key and 100 bytes of data; 4 KiB pages; the default cache). */
#ifndef _WIN32
#define _POSIX_C_SOURCE 200809L   /* popen, pclose */
#endif
#include "api/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cu_runner.h"
#include "format/bytes.h"
#include "format/catalog.h"
#include "format/checksum.h"
#include "format/dbheader.h"
#include "format/key.h"
#include "format/page.h"
#include "format/record.h"
#include "storage/btint.h"
#include "storage/btree.h"
#include "storage/dbimage.h"
#include "storage/pagefile.h"
#include "storage/schema.h"
#include "storage/space.h"

static const uint32_t k_sizes[] = { 4096, 8192, 16384, 32768 };
#define NSIZES (sizeof k_sizes / sizeof k_sizes[0])

/* ================================================================== helpers */

static uint64_t splitmix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static uint64_t g_rng = 12345;
static uint64_t rnd(void)
{
    g_rng = splitmix(g_rng);
    return g_rng;
}

static void to_w(const char *s, WCHAR *w, size_t cch)
{
    size_t i;
    for (i = 0; i + 1 < cch && s[i]; i++)
        w[i] = (WCHAR)(unsigned char)s[i];
    w[i] = 0;
}

static JET_ERR open_rw(const char *path, uint32_t cb_page_instance, esent_pagefile **ppf)
{
    WCHAR w[512];
    to_w(path, w, 512);
    return esent_pagefile_open_rw(w, cb_page_instance, ppf);
}

static JET_ERR open_ro(const char *path, esent_pagefile **ppf)
{
    WCHAR w[512];
    to_w(path, w, 512);
    return esent_pagefile_open(w, 0, ppf);
}

static esent_dbimage_options image_opts(uint32_t cb_page)
{
    esent_dbimage_options o;
    memset(&o, 0, sizeof o);
    o.cb_page = cb_page;
    o.sign_db_random = 0x01020304u;
    o.sign_log_random = 0x05060708u;
    o.logtime_create.bDay = 1;
    o.logtime_create.bMonth = 1;
    o.logtime_create.bYear = 124;
    return o;
}

/* Writes a new database file made by dbimage. */
static int write_image(const char *path, const esent_dbimage_options *o)
{
    uint8_t *img = NULL;
    size_t cb = 0;
    if (esent_dbimage_build(o, &img, &cb) != JET_errSuccess)
        return 0;
    FILE *f = fopen(path, "wb");
    int ok = f != NULL && fwrite(img, 1, cb, f) == cb;
    if (f)
        ok &= fclose(f) == 0;
    free(img);
    return ok;
}

static int new_db(const char *path, uint32_t cb_page)
{
    esent_dbimage_options o = image_opts(cb_page);
    return write_image(path, &o);
}

/* The header of a file as the engine elects it, read raw (the file may be open for writing). */
static esent_dbheader file_header(const char *path)
{
    static uint8_t buf[2 * 32768];
    esent_dbheader h;
    uint32_t cb_page;
    memset(&h, 0, sizeof h);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return h;
    size_t cb = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (esent_dbheader_read_file_start(buf, (uint32_t)cb, 0, &h, &cb_page, NULL) != JET_errSuccess)
        memset(&h, 0, sizeof h);
    return h;
}

/* ================================================================== the checker */

/* A bit per page of the file. */
typedef struct pageset {
    uint8_t *bits;
    uint32_t cpg;
} pageset;

static void ps_init(pageset *s, uint32_t cpg)
{
    s->cpg = cpg;
    s->bits = (uint8_t *)calloc(cpg / 8 + 2, 1);
}
static void ps_free(pageset *s) { free(s->bits); }
static int ps_has(const pageset *s, uint32_t p) { return p >= 1 && p <= s->cpg && (s->bits[p / 8] >> (p % 8)) & 1; }
/* Adds page p; 0 when it was there already or is outside the file. */
static int ps_add(pageset *s, uint32_t p)
{
    if (p < 1 || p > s->cpg || ps_has(s, p))
        return 0;
    s->bits[p / 8] |= (uint8_t)(1u << (p % 8));
    return 1;
}

typedef struct checker {
    const char *path;
    esent_pagefile *pf;
    uint32_t cb_page, cpg;
    uint8_t *page;
    uint32_t errors;
    char first[256];
} checker;

#define CHK_FAIL(k, ...)                                                   \
    do {                                                                  \
        if ((k)->errors++ == 0)                                           \
            snprintf((k)->first, sizeof (k)->first, __VA_ARGS__);         \
    } while (0)

/* Reads page p into k->page with the checksum verified. */
static int chk_read(checker *k, uint32_t p)
{
    JET_ERR err = esent_pagefile_read(k->pf, p, k->page);
    if (err != JET_errSuccess) {
        CHK_FAIL(k, "page %u: read %d", p, (int)err);
        return 0;
    }
    return 1;
}

/* The layout fields of a page agree with its tags. */
static void chk_layout(checker *k, uint32_t p, const esent_page_view *v)
{
    uint32_t used = 0, end = 0;
    for (uint32_t i = 0; i < v->ctag; i++) {
        const uint8_t *pb;
        uint32_t cb, f;
        if (esent_page_tag(v, i, &pb, &cb, &f) != JET_errSuccess) {
            CHK_FAIL(k, "page %u: tag %u", p, i);
            return;
        }
        used += cb;
        uint32_t ib = (uint32_t)(pb - v->page) - v->cb_header;
        if (cb && ib + cb > end)
            end = ib + cb;
    }
    if (v->hdr.cb_free != v->cb_data_max - used || v->hdr.ib_mic_free != end || v->hdr.cb_uncommitted_free != 0 ||
        (v->hdr.itag_state >> 12) != 0)
        CHK_FAIL(k, "page %u: cbFree %u (want %u) ibMicFree %u (want %u)", p, v->hdr.cb_free, v->cb_data_max - used,
                 v->hdr.ib_mic_free, end);
    if ((v->hdr.flags & (ESENT_PAGE_NEW_RECORD_FORMAT | ESENT_PAGE_NEW_CHECKSUM)) !=
        (ESENT_PAGE_NEW_RECORD_FORMAT | ESENT_PAGE_NEW_CHECKSUM))
        CHK_FAIL(k, "page %u: flags 0x%x", p, v->hdr.flags);
}

/* Walks every page of the B+tree at root (a data tree, or a space tree), marking them in used; checks order
 * within pages, separators against child ranges, levels, links; returns the entries in *pentries. */
static void chk_tree(checker *k, uint32_t objid, uint32_t root, int space, pageset *used, uint64_t *pentries)
{
    /* Iterative depth-first walk carrying each child's key range [lo, hi) as separators. */
    typedef struct item {
        uint32_t pgno, level;
        int expect_leaf;    /* -1 any (the root), 0 internal, 1 leaf: what the parent's flags say */
        uint8_t *lo, *hi;   /* NULL: unbounded */
        uint32_t clo, chi;
    } item;
    item *stack = (item *)malloc(sizeof(item) * 4096);
    uint32_t sp = 0, nonunique = 0, leaf_level = UINT32_MAX, prev_leaf = 0;
    uint8_t *last = (uint8_t *)malloc(2 * k->cb_page), *cur = (uint8_t *)malloc(2 * k->cb_page);
    uint32_t clast = 0, have_last = 0, nbounds = 0, cap_bounds = 0;
    uint8_t **bounds = NULL;   /* every separator copy, freed at the end */
    *pentries = 0;
    stack[sp++] = (item){ root, 0, -1, NULL, NULL, 0, 0 };
    while (sp > 0 && k->errors == 0) {
        item it = stack[--sp];
        esent_page_view v;
        if (!chk_read(k, it.pgno) || esent_page_view_init(&v, k->page, k->cb_page) != JET_errSuccess) {
            CHK_FAIL(k, "tree %u: page %u unreadable", root, it.pgno);
            break;
        }
        if (!ps_add(used, it.pgno))
            CHK_FAIL(k, "tree %u: page %u reached twice or used twice", root, it.pgno);
        chk_layout(k, it.pgno, &v);
        uint32_t fl = v.hdr.flags;
        if (v.hdr.objid_fdp != objid || ((fl & ESENT_PAGE_ROOT) != 0) != (it.pgno == root) ||
            ((fl & ESENT_PAGE_SPACE_TREE) != 0) != (space != 0) || (fl & ESENT_PAGE_EMPTY))
            CHK_FAIL(k, "tree %u: page %u objid %u flags 0x%x", root, it.pgno, v.hdr.objid_fdp, fl);
        if (it.pgno == root)
            nonunique = !space && (fl & ESENT_PAGE_NON_UNIQUE_KEYS);
        if (it.expect_leaf >= 0 && it.expect_leaf != ((fl & ESENT_PAGE_LEAF) != 0))
            CHK_FAIL(k, "tree %u: page %u leaf flag disagrees with its parent's parent-of-leaf flag", root, it.pgno);
        if (v.hdr.dbtime_dirtied == 0 || v.hdr.dbtime_dirtied > esent_pagefile_dbtime(k->pf))
            CHK_FAIL(k, "page %u: dbtime %llu above the header's", it.pgno, (unsigned long long)v.hdr.dbtime_dirtied);
        if (fl & ESENT_PAGE_LEAF) {
            if (leaf_level == UINT32_MAX)
                leaf_level = it.level;
            if (leaf_level != it.level)
                CHK_FAIL(k, "tree %u: leaves at levels %u and %u", root, leaf_level, it.level);
            if (v.hdr.pgno_prev != prev_leaf)
                CHK_FAIL(k, "tree %u: leaf %u prev %u, want %u", root, it.pgno, v.hdr.pgno_prev, prev_leaf);
            if (prev_leaf != 0 && v.ctag == 1)
                CHK_FAIL(k, "tree %u: empty non-root leaf %u", root, it.pgno);
            prev_leaf = it.pgno;
            for (uint32_t i = 1; i < v.ctag && k->errors == 0; i++) {
                esent_node n;
                uint32_t ck;
                if (esent_page_node(&v, i, &n) != JET_errSuccess || (n.flags & ESENT_ND_DELETED)) {
                    CHK_FAIL(k, "page %u node %u", it.pgno, i);
                    break;
                }
                esent_node_key(&n, cur, 2 * k->cb_page, &ck);
                uint32_t ce = ck;
                if (nonunique) {
                    memcpy(cur + ck, n.data, n.cb_data);
                    ce += n.cb_data;
                }
                /* unique: keys strictly increase; non-unique: key‖data does */
                if (have_last && esent_key_compare(last, clast, cur, ce) >= 0)
                    CHK_FAIL(k, "tree %u: page %u node %u out of order", root, it.pgno, i);
                if ((it.lo && esent_key_compare(cur, ce, it.lo, it.clo) < 0) ||
                    (it.hi && esent_key_compare(cur, ce, it.hi, it.chi) >= 0))
                    CHK_FAIL(k, "tree %u: page %u node %u outside its separators", root, it.pgno, i);
                memcpy(last, cur, ce);
                clast = ce;
                have_last = 1;
                (*pentries)++;
            }
            continue;
        }
        if (v.hdr.pgno_prev || v.hdr.pgno_next || v.ctag < 2)
            CHK_FAIL(k, "tree %u: internal page %u links %u/%u, %u tags", root, it.pgno, v.hdr.pgno_prev,
                     v.hdr.pgno_next, v.ctag);
        /* children pushed right to left so that leaves come in order */
        for (uint32_t i = v.ctag - 1; i >= 1 && k->errors == 0; i--) {
            esent_node n;
            if (esent_page_node(&v, i, &n) != JET_errSuccess || n.cb_data != 4) {
                CHK_FAIL(k, "page %u internal node %u", it.pgno, i);
                break;
            }
            item c = { esent_rd32(n.data), it.level + 1, (fl & ESENT_PAGE_PARENT_OF_LEAF) != 0, it.lo, it.hi, it.clo,
                       it.chi };
            if (nbounds + 2 > cap_bounds) {
                cap_bounds = cap_bounds ? 2 * cap_bounds : 256;
                bounds = (uint8_t **)realloc(bounds, cap_bounds * sizeof *bounds);
            }
            if (i + 1 < v.ctag) {
                uint32_t ck;
                c.hi = bounds[nbounds++] = (uint8_t *)malloc(n.cb_prefix + n.cb_suffix + 1);
                esent_node_key(&n, c.hi, n.cb_prefix + n.cb_suffix, &ck);
                c.chi = ck;
                if (it.lo && esent_key_compare(c.hi, c.chi, it.lo, it.clo) < 0)
                    CHK_FAIL(k, "page %u: separator below the page's range", it.pgno);
                if (it.hi && esent_key_compare(c.hi, c.chi, it.hi, it.chi) > 0)
                    CHK_FAIL(k, "page %u: separator above the page's range", it.pgno);
            } else if (n.cb_prefix + n.cb_suffix != 0) {
                CHK_FAIL(k, "page %u: last node has a key", it.pgno);
            }
            if (i > 1) {
                esent_node np;
                uint32_t ck;
                esent_page_node(&v, i - 1, &np);
                c.lo = bounds[nbounds++] = (uint8_t *)malloc(np.cb_prefix + np.cb_suffix + 1);
                esent_node_key(&np, c.lo, np.cb_prefix + np.cb_suffix, &ck);
                c.clo = ck;
            }
            if (sp < 4096)
                stack[sp++] = c;
        }
    }
    if (prev_leaf != 0) {
        /* the last leaf ends the chain */
        esent_page_view v;
        if (chk_read(k, prev_leaf) && esent_page_view_init(&v, k->page, k->cb_page) == JET_errSuccess &&
            v.hdr.pgno_next != 0)
            CHK_FAIL(k, "tree %u: last leaf %u has next %u", root, prev_leaf, v.hdr.pgno_next);
    }
    for (uint32_t i = 0; i < nbounds; i++)
        free(bounds[i]);
    free(bounds);
    free(stack);
    free(last);
    free(cur);
}

/* A space tree's extents as a page set (must not overlap); also checks AE coalescing when oe is given. */
static void chk_extents(checker *k, uint32_t objid, uint32_t root, pageset *out, uint32_t *pcount)
{
    esent_btree_cursor c;
    *pcount = 0;
    if (bt_cursor_open_space(&c, k->pf, objid, root) != JET_errSuccess) {
        CHK_FAIL(k, "space tree %u: open", root);
        return;
    }
    JET_ERR err;
    for (err = esent_btree_move_first(&c); err == JET_errSuccess; err = esent_btree_move_next(&c)) {
        const uint8_t *kk, *d;
        uint32_t ck, cd;
        esent_btree_current(&c, &kk, &ck, &d, &cd);
        if (ck != 4 || cd != 4) {
            CHK_FAIL(k, "space tree %u: node of %u/%u bytes", root, ck, cd);
            continue;
        }
        uint32_t last = esent_rd32be(kk), cpg = esent_rd32(d);
        if (cpg == 0 || cpg > last)
            CHK_FAIL(k, "space tree %u: extent %u/%u", root, last, cpg);
        for (uint32_t p = last - cpg + 1; p <= last && k->errors == 0; p++)
            if (!ps_add(out, p))
                CHK_FAIL(k, "space tree %u: page %u twice or outside the file", root, p);
        (*pcount)++;
    }
    if (err != JET_errRecordNotFound && err != JET_errNoCurrentRecord)
        CHK_FAIL(k, "space tree %u: walk %d", root, (int)err);
    esent_btree_close(&c);
}

/* A tree known to the checker: its FDP and the FDPs of the trees it owns. */
typedef struct known_tree {
    uint32_t fdp;
    uint32_t parent;
} known_tree;

/* Checks the space of tree fdp: owned = available + split buffers + used + children's owned, disjointly.
 * Adds what it owns to owned_out. extra: pages the test allocated (esent_space_alloc_page) and holds. */
static void chk_space(checker *k, uint32_t fdp, const known_tree *trees, uint32_t ntrees, const pageset *extra,
                      pageset *owned_out)
{
    pageset owned, avail, used;
    esent_page_view v;
    esent_ext_header eh;
    const uint8_t *t0;
    uint32_t cb0, f, objid, count, cae = 0;
    uint64_t entries;
    ps_init(&owned, k->cpg);
    ps_init(&avail, k->cpg);
    ps_init(&used, k->cpg);
    if (!chk_read(k, fdp) || esent_page_view_init(&v, k->page, k->cb_page) != JET_errSuccess ||
        esent_page_tag(&v, 0, &t0, &cb0, &f) != JET_errSuccess || esent_ext_header_decode(t0, cb0, &eh) != 0) {
        CHK_FAIL(k, "tree %u: no external header", fdp);
        goto done;
    }
    objid = v.hdr.objid_fdp;
    esent_space_header sph = eh.sph;
    if (sph.flags & ESENT_SPH_MULTIPLE_EXTENT) {
        uint32_t roots[2] = { sph.avail_or_oe, sph.avail_or_oe + 1 };
        chk_extents(k, objid, roots[0], &owned, &count);
        chk_extents(k, objid, roots[1], &avail, &cae);
        for (int i = 0; i < 2; i++) {
            esent_split_buffer sb;
            chk_tree(k, objid, roots[i], 1, &used, &entries);
            if (!chk_read(k, roots[i]) || esent_page_view_init(&v, k->page, k->cb_page) != JET_errSuccess ||
                esent_page_tag(&v, 0, &t0, &cb0, &f) != JET_errSuccess ||
                esent_split_buffer_decode(t0, cb0, &sb) != JET_errSuccess) {
                CHK_FAIL(k, "tree %u: split buffer of %u", fdp, roots[i]);
                continue;
            }
            for (int j = 0; j < 2; j++)
                for (int32_t n = 0; n < sb.cpg[j]; n++)
                    if (!ps_add(&used, sb.pgno_last[j] - (uint32_t)n))
                        CHK_FAIL(k, "tree %u: split buffer page %u used twice", fdp, sb.pgno_last[j] - (uint32_t)n);
        }
        /* coalescing: no free page whose neighbour is free too but in another AE node of the same OE extent
         * (checked coarsely: AE extents never touch each other inside one owned run) */
        esent_btree_cursor c;
        if (bt_cursor_open_space(&c, k->pf, objid, roots[1]) == JET_errSuccess) {
            uint32_t prev_last = 0;
            for (JET_ERR e = esent_btree_move_first(&c); e == JET_errSuccess; e = esent_btree_move_next(&c)) {
                const uint8_t *kk, *d;
                uint32_t ck, cd;
                esent_btree_current(&c, &kk, &ck, &d, &cd);
                uint32_t last = esent_rd32be(kk), first = last - esent_rd32(d) + 1;
                if (prev_last && prev_last + 1 == first) {
                    /* touching extents must belong to different OE extents */
                    esent_btree_cursor o;
                    uint8_t key[4];
                    int exact;
                    esent_wr32be(key, prev_last);
                    if (bt_cursor_open_space(&o, k->pf, objid, roots[0]) == JET_errSuccess) {
                        if (esent_btree_seek(&o, key, 4, &exact) == JET_errSuccess && !exact)
                            CHK_FAIL(k, "tree %u: AE extents ending %u and %u not coalesced", fdp, prev_last, last);
                        esent_btree_close(&o);
                    }
                }
                prev_last = last;
            }
            esent_btree_close(&c);
        }
    } else {
        uint32_t nbits = sph.cpg_primary > 1 ? sph.cpg_primary - 1 : 0;
        for (uint32_t p = fdp; p < fdp + sph.cpg_primary; p++)
            ps_add(&owned, p);
        for (uint32_t i = 0; i < nbits && i < 32; i++)
            if (sph.avail_or_oe & (1u << i))
                ps_add(&avail, fdp + 1 + i);
    }
    if (fdp != 1)
        chk_tree(k, objid, fdp, 0, &used, &entries);
    else
        ps_add(&used, 1);   /* the database root holds no entries */
    pageset children;
    ps_init(&children, k->cpg);
    for (uint32_t i = 0; i < ntrees; i++) {
        if (trees[i].parent != fdp)
            continue;
        pageset child;
        ps_init(&child, k->cpg);
        chk_space(k, trees[i].fdp, trees, ntrees, extra, &child);
        for (uint32_t p = 1; p <= k->cpg; p++)
            if (ps_has(&child, p) && (!ps_add(&used, p) || !ps_add(&children, p)))
                CHK_FAIL(k, "tree %u: page %u of child %u also used here", fdp, p, trees[i].fdp);
        ps_free(&child);
    }
    /* pages the test holds count as used by the innermost tree owning them */
    if (extra)
        for (uint32_t p = 1; p <= k->cpg; p++)
            if (ps_has(extra, p) && ps_has(&owned, p) && !ps_has(&children, p) && !ps_add(&used, p))
                CHK_FAIL(k, "tree %u: page %u held by the test is in use", fdp, p);
    ps_free(&children);
    for (uint32_t p = 1; p <= k->cpg && k->errors == 0; p++) {
        int o = ps_has(&owned, p), a = ps_has(&avail, p), u = ps_has(&used, p);
        if ((a && u) || (o != (a || u)))
            CHK_FAIL(k, "tree %u: page %u owned %d available %d used %d", fdp, p, o, a, u);
    }
    if (fdp == 1)
        for (uint32_t p = 1; p <= k->cpg; p++)
            if (!ps_has(&owned, p))
                CHK_FAIL(k, "database root does not own page %u", p);
    for (uint32_t p = 1; p <= k->cpg; p++)
        if (ps_has(&owned, p))
            ps_add(owned_out, p);
done:
    ps_free(&owned);
    ps_free(&avail);
    ps_free(&used);
}

/* The raw file: every page's checksum verifies (or the page is all zero) — what the page file wrote. */
static void chk_checksums(checker *k)
{
    FILE *f = fopen(k->path, "rb");
    uint8_t *pg = (uint8_t *)malloc(k->cb_page);
    uint32_t zero = 0;
    if (f == NULL || pg == NULL) {
        CHK_FAIL(k, "cannot read %s", k->path);
        free(pg);
        if (f)
            fclose(f);
        return;
    }
    for (uint32_t p = 0; fread(pg, 1, k->cb_page, f) == k->cb_page; p++) {
        if (p < 2) {
            if (esent_header_checksum_verify(pg, k->cb_page) != JET_errSuccess)
                CHK_FAIL(k, "header copy %u: checksum", p);
            continue;
        }
        JET_ERR err = esent_page_checksum_verify(pg, k->cb_page, p - 1);
        if (err == JET_errPageNotInitialized)
            zero++;
        else if (err != JET_errSuccess)
            CHK_FAIL(k, "page %u: checksum %d", p - 1, (int)err);
    }
    fclose(f);
    free(pg);
}

/* The whole database: checksums of the file as written, then the space of every tree from the root down,
 * the catalog's trees (from the schema) and the extra trees. open: the page file when the test holds it
 * open for writing (flushed first), else NULL: the file is opened read-only. */
static int check_db(const char *path, esent_pagefile *open, const known_tree *extra_trees, uint32_t nextra,
                    const pageset *extra_pages, int print)
{
    checker k;
    memset(&k, 0, sizeof k);
    k.path = path;
    k.pf = open;
    if (open == NULL && open_ro(path, &k.pf) != JET_errSuccess) {
        printf("\n    check: cannot open %s", path);
        return 0;
    }
    k.cb_page = esent_pagefile_page_size(k.pf);
    k.cpg = esent_pagefile_page_count(k.pf);
    k.page = (uint8_t *)malloc(k.cb_page);
    chk_checksums(&k);
    /* the catalog: MSysObjects (with its two indexes), its shadow, the user tables */
    known_tree trees[64];
    uint32_t n = 0;
    trees[n++] = (known_tree){ ESENT_CAT_PGNO_MSO, 1 };
    trees[n++] = (known_tree){ 7, ESENT_CAT_PGNO_MSO };
    trees[n++] = (known_tree){ 10, ESENT_CAT_PGNO_MSO };
    trees[n++] = (known_tree){ ESENT_CAT_PGNO_MSO_SHADOW, 1 };
    esent_schema *s = NULL;
    if (esent_schema_load(k.pf, &s) == JET_errSuccess) {
        for (uint32_t i = 0; i < s->ctables && n < 48; i++)
            if (s->tables[i].objid > ESENT_CAT_OBJID_MSO_SHADOW)
                trees[n++] = (known_tree){ s->tables[i].pgno_fdp, 1 };
        esent_schema_free(s);
    } else {
        CHK_FAIL(&k, "schema does not load");
    }
    for (uint32_t i = 0; i < nextra && n < 64; i++)
        trees[n++] = extra_trees[i];
    pageset all;
    ps_init(&all, k.cpg);
    chk_space(&k, 1, trees, n, extra_pages, &all);
    ps_free(&all);
    if (k.errors && print)
        printf("\n    check %s: %u errors, first: %s", path, k.errors, k.first);
    free(k.page);
    if (open == NULL)
        esent_pagefile_close(k.pf);
    return k.errors == 0;
}

/* ================================================================== reference model */

/* Entry i of a model: key = 8 bytes (big-endian of a distinct 64-bit value), data = cb bytes from
 * (key, version). */
typedef struct mentry {
    uint8_t key[8];
    uint32_t cb;
    uint32_t version;
    int present;
} mentry;

static void make_data(const mentry *e, uint8_t *out)
{
    uint64_t s = splitmix(esent_rdle(e->key, 8) ^ ((uint64_t)e->version << 40));
    for (uint32_t i = 0; i < e->cb; i++) {
        if ((i & 7) == 0)
            s = splitmix(s);
        out[i] = (uint8_t)(s >> (8 * (i & 7)));
    }
}

/* The model index of a key made by esent_wrbe(key, i, 8) with i < 2^32. */
static uint32_t key_index(const uint8_t *k) { return esent_rd32be(k + 4); }

static int mentry_cmp(const void *a, const void *b)
{
    return memcmp(((const mentry *)a)->key, ((const mentry *)b)->key, 8);
}

/* Walks the tree and compares it with the present entries of the sorted model. */
static int verify_model(esent_pagefile *pf, uint32_t objid, uint32_t fdp, const mentry *m, uint32_t n)
{
    esent_btree_cursor c;
    uint8_t *want = (uint8_t *)malloc(esent_pagefile_page_size(pf));
    uint32_t i = 0, bad = 0;
    JET_ERR err;
    if (esent_btree_open(&c, pf, objid, fdp) != JET_errSuccess)
        return 0;
    for (err = esent_btree_move_first(&c); err == JET_errSuccess; err = esent_btree_move_next(&c)) {
        const uint8_t *k, *d;
        uint32_t ck, cd;
        while (i < n && !m[i].present)
            i++;
        if (i == n || esent_btree_current(&c, &k, &ck, &d, &cd) != JET_errSuccess) {
            bad++;
            break;
        }
        make_data(&m[i], want);
        if (ck != 8 || memcmp(k, m[i].key, 8) != 0 || cd != m[i].cb || memcmp(d, want, cd) != 0) {
            if (bad++ == 0)
                printf("\n    model: entry %u differs (cb %u/%u)", i, cd, m[i].cb);
        }
        i++;
    }
    while (i < n && !m[i].present)
        i++;
    if (i != n)
        bad++;
    if (err != JET_errNoCurrentRecord && err != JET_errRecordNotFound)
        bad++;
    /* seeks to a sample of present and absent keys */
    for (uint32_t j = 0; j < n && bad == 0; j += 7) {
        int exact = 0;
        err = esent_btree_seek(&c, m[j].key, 8, &exact);
        if (m[j].present ? (err != JET_errSuccess || !exact) : (err == JET_errSuccess && exact))
            bad++;
    }
    esent_btree_close(&c);
    free(want);
    return bad == 0;
}

/* ================================================================== page primitives (format/page.h) */

/* Node i of a test page: key "k%03u", data of i % 37 bytes of value i. */
static uint32_t test_node(uint32_t i, uint32_t grow, uint8_t *out)
{
    char key[8];
    uint8_t data[200];
    uint32_t cb = 0;
    snprintf(key, sizeof key, "k%03u", i);
    memset(data, (int)i, sizeof data);
    esent_node_encode(0, (const uint8_t *)key, 4, data, i % 37 + grow, out, 256, &cb);
    return cb;
}

static void test_page_ops(void)
{
    for (uint32_t s = 0; s < NSIZES; s++) {
        uint32_t cb_page = k_sizes[s], bad = 0;
        uint8_t *page = (uint8_t *)calloc(1, cb_page), node[256];
        esent_pghdr h;
        memset(&h, 0, sizeof h);
        h.dbtime_dirtied = 5;
        h.objid_fdp = 9;
        h.flags = ESENT_PAGE_LEAF | ESENT_PAGE_NEW_RECORD_FORMAT | ESENT_PAGE_NEW_CHECKSUM;
        CU_ASSERT_EQUAL_FATAL(esent_page_init(page, cb_page, &h), JET_errSuccess);
        /* 60 nodes appended, every 4th flagged deleted, every 7th versioned */
        uint32_t n = 60;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t cb = test_node(i, 0, node);
            uint32_t f = (i % 4 == 0 ? ESENT_ND_DELETED : 0) | (i % 7 == 0 ? ESENT_ND_VERSION : 0);
            CU_ASSERT_EQUAL(esent_page_insert_node(page, cb_page, i + 1, node, cb, f), JET_errSuccess);
        }
        /* delete the odd ones (holes), insert one in the middle, grow every 3rd (compaction) */
        for (uint32_t i = n; i-- > 0;)
            if (i % 2)
                CU_ASSERT_EQUAL(esent_page_delete_node(page, cb_page, i + 1), JET_errSuccess);
        uint32_t cb = test_node(500, 0, node);
        CU_ASSERT_EQUAL(esent_page_insert_node(page, cb_page, 5, node, cb, 0), JET_errSuccess);
        esent_page_view v;
        CU_ASSERT_EQUAL_FATAL(esent_page_view_init(&v, page, cb_page), JET_errSuccess);
        CU_ASSERT_EQUAL(v.ctag, 1 + n / 2 + 1);
        for (uint32_t itag = 1; itag < v.ctag; itag++) {
            uint32_t i = itag < 5 ? 2 * (itag - 1) : itag == 5 ? 500 : 2 * (itag - 2);
            if (itag % 3 == 0 && i != 500) {
                cb = test_node(i, 150, node);
                uint32_t f = (i % 4 == 0 ? ESENT_ND_DELETED : 0) | (i % 7 == 0 ? ESENT_ND_VERSION : 0);
                CU_ASSERT_EQUAL(esent_page_replace_node(page, cb_page, itag, node, cb, f), JET_errSuccess);
            }
        }
        /* every node as expected, flags kept; layout fields exact */
        CU_ASSERT_EQUAL_FATAL(esent_page_view_init(&v, page, cb_page), JET_errSuccess);
        for (uint32_t itag = 1; itag < v.ctag; itag++) {
            uint32_t i = itag < 5 ? 2 * (itag - 1) : itag == 5 ? 500 : 2 * (itag - 2);
            esent_node nd;
            uint32_t want_f = i == 500 ? 0 : (i % 4 == 0 ? ESENT_ND_DELETED : 0) | (i % 7 == 0 ? ESENT_ND_VERSION : 0);
            uint32_t want_cb = i % 37 + (itag % 3 == 0 && i != 500 ? 150 : 0);
            if (esent_page_node(&v, itag, &nd) != JET_errSuccess || nd.flags != want_f || nd.cb_data != want_cb ||
                (want_cb && nd.data[0] != (uint8_t)i))
                bad++;
        }
        CU_ASSERT_EQUAL(bad, 0);
        checker k;
        memset(&k, 0, sizeof k);
        chk_layout(&k, 1, &v);
        CU_ASSERT_EQUAL(k.errors, 0);
        if (k.errors)
            printf("\n    %u: %s", cb_page, k.first);
        /* limits: a node that does not fit, bad itags, a corrupt tag */
        uint32_t room = esent_page_cb_free(page, cb_page);
        CU_ASSERT_EQUAL(esent_page_insert_node(page, cb_page, v.ctag + 1, node, 4, 0), JET_errInvalidParameter);
        CU_ASSERT_EQUAL(esent_page_delete_node(page, cb_page, 0), JET_errInvalidParameter);
        CU_ASSERT_EQUAL(esent_page_delete_node(page, cb_page, v.ctag), JET_errInvalidParameter);
        uint8_t *big = (uint8_t *)calloc(1, cb_page);
        CU_ASSERT_EQUAL(esent_page_insert_node(page, cb_page, 1, big, v.hdr.cb_free - 3, 0), JET_errBufferTooSmall);
        CU_ASSERT_EQUAL(esent_page_insert_node(page, cb_page, 1, big, v.hdr.cb_free - 4, 0), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_page_cb_free(page, cb_page), 0);
        CU_ASSERT(room > 0);
        page[cb_page - 4 * 3] = 0xFF, page[cb_page - 4 * 3 + 1] = 0x7F;   /* tag 2: a huge size */
        CU_ASSERT_EQUAL(esent_page_delete_node(page, cb_page, 1), JET_errDatabaseCorrupted);
        free(big);
        free(page);
    }
}

/* ================================================================== page file, header states, cache */

static void test_pagefile_states(void)
{
    const char *path = "states.edb";
    esent_pagefile *pf = NULL, *pf2 = NULL;
    uint32_t fdp = 0;
    CU_ASSERT_FATAL(new_db(path, 4096));
    CU_ASSERT_EQUAL(file_header(path).dbstate, JET_dbstateCleanShutdown);

    /* Open read-write: the file says DirtyShutdown while open. */
    CU_ASSERT_EQUAL_FATAL(open_rw(path, 4096, &pf), JET_errSuccess);
    CU_ASSERT(esent_pagefile_writable(pf));
    CU_ASSERT_EQUAL(esent_pagefile_header(pf)->dbstate, JET_dbstateCleanShutdown);   /* as read at open */
    CU_ASSERT_EQUAL(file_header(path).dbstate, JET_dbstateDirtyShutdown);
    CU_ASSERT_EQUAL(open_rw(path, 4096, &pf2), JET_errFileAccessDenied);   /* held for writing */
    CU_ASSERT_PTR_NULL(pf2);
    uint64_t dbtime0 = esent_pagefile_dbtime(pf);
    uint32_t objid = esent_pagefile_new_objid(pf);
    CU_ASSERT_EQUAL(objid, esent_pagefile_header(pf)->objid_last + 1);
    CU_ASSERT_EQUAL(esent_tree_create(pf, 1, objid, ESENT_TREE_PRIMARY, 0, &fdp), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, (const uint8_t *)"k1", 2, (const uint8_t *)"v1", 2),
                    JET_errSuccess);
    CU_ASSERT(esent_pagefile_dbtime(pf) > dbtime0);
    /* flush: the header carries the new dbtime and objidLast, still DirtyShutdown */
    CU_ASSERT_EQUAL(esent_pagefile_flush(pf), JET_errSuccess);
    esent_dbheader h = file_header(path);
    CU_ASSERT_EQUAL(h.dbstate, JET_dbstateDirtyShutdown);
    CU_ASSERT_EQUAL(h.dbtime_dirtied, esent_pagefile_dbtime(pf));
    CU_ASSERT_EQUAL(h.objid_last, objid);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);

    /* Closed clean: CleanShutdown, detach fields, the tree is there. */
    h = file_header(path);
    CU_ASSERT_EQUAL(h.dbstate, JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL(h.gen_min_required, 0);
    CU_ASSERT_EQUAL(h.gen_max_required, 0);
    CU_ASSERT(h.logtime_detach.bYear >= 120 && h.logtime_attach.bYear >= 120);
    CU_ASSERT(memcmp(&h.lgpos_detach, &h.lgpos_consistent, sizeof h.lgpos_detach) == 0);
    CU_ASSERT_EQUAL(h.objid_last, objid);
    known_tree t = { fdp, 1 };
    CU_ASSERT(check_db(path, NULL, &t, 1, NULL, 1));

    /* A "crash": closed without close_clean. Changes since the open are lost; the file reads
     * DirtyShutdown and a read-write open refuses it (nothing written then). */
    CU_ASSERT_EQUAL_FATAL(open_rw(path, 4096, &pf), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, (const uint8_t *)"k2", 2, (const uint8_t *)"v2", 2),
                    JET_errSuccess);
    esent_pagefile_close(pf);
    CU_ASSERT_EQUAL(file_header(path).dbstate, JET_dbstateDirtyShutdown);
    FILE *f = fopen(path, "rb");
    uint8_t before[4096], after[4096];
    CU_ASSERT_FATAL(f != NULL && fread(before, 1, sizeof before, f) == sizeof before);
    fclose(f);
    CU_ASSERT_EQUAL(open_rw(path, 4096, &pf), JET_errDatabaseDirtyShutdown);
    CU_ASSERT_PTR_NULL(pf);
    f = fopen(path, "rb");
    CU_ASSERT_FATAL(f != NULL && fread(after, 1, sizeof after, f) == sizeof after);
    fclose(f);
    CU_ASSERT(memcmp(before, after, sizeof before) == 0);
    /* a read-only open still works (attach would refuse the state) */
    CU_ASSERT_EQUAL(open_ro(path, &pf), JET_errSuccess);
    esent_pagefile_close(pf);

    /* Page-size mismatch and missing files fail before anything is written. */
    CU_ASSERT_FATAL(new_db("states8k.edb", 8192));
    CU_ASSERT_EQUAL(open_rw("states8k.edb", 4096, &pf), JET_errPageSizeMismatch);
    CU_ASSERT_EQUAL(file_header("states8k.edb").dbstate, JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL(open_rw("states8k.edb", 0, &pf), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    CU_ASSERT_EQUAL(open_rw("no_such.edb", 0, &pf), JET_errFileNotFound);

    /* Read-only page files refuse every write. */
    CU_ASSERT_EQUAL_FATAL(open_ro("states8k.edb", &pf), JET_errSuccess);
    esent_bf *bf;
    CU_ASSERT_EQUAL(esent_bf_new(pf, 3, &bf), JET_errPermissionDenied);
    CU_ASSERT_EQUAL(esent_btree_insert(pf, 2, 4, (const uint8_t *)"x", 1, NULL, 0), JET_errPermissionDenied);
    CU_ASSERT_EQUAL(esent_btree_delete(pf, 2, 4, (const uint8_t *)"x", 1, NULL, 0), JET_errPermissionDenied);
    CU_ASSERT_EQUAL(esent_tree_create(pf, 1, 99, 0, 0, &fdp), JET_errPermissionDenied);
    CU_ASSERT_EQUAL(esent_space_alloc_page(pf, 1, &fdp), JET_errPermissionDenied);
    CU_ASSERT_EQUAL(esent_pagefile_flush(pf), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    remove(path);
    remove("states8k.edb");
}

/* A cache much smaller than the tree: dirty pages are written when evicted and read back verified. */
static void test_cache_eviction(void)
{
    const char *path = "cache.edb";
    esent_pagefile *pf = NULL;
    uint32_t fdp = 0, objid;
    const uint32_t n = 20000;
    mentry *m = (mentry *)calloc(n, sizeof *m);
    uint8_t data[200];
    CU_ASSERT_FATAL(m != NULL && new_db(path, 4096));
    CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_pagefile_set_cache_pages(pf, 3), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_pagefile_set_cache_pages(pf, ESENT_CACHE_PAGES_MIN), JET_errSuccess);
    objid = esent_pagefile_new_objid(pf);
    CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, 1, objid, ESENT_TREE_PRIMARY, 8, &fdp), JET_errSuccess);
    for (uint32_t i = 0; i < n; i++) {
        esent_wrbe(m[i].key, splitmix(i), 8);
        m[i].cb = (uint32_t)(rnd() % 150);
        m[i].present = 1;
        make_data(&m[i], data);
        JET_ERR err = esent_btree_insert(pf, objid, fdp, m[i].key, 8, data, m[i].cb);
        if (err != JET_errSuccess) {
            CU_FAIL("insert");
            printf("\n    insert %u: %d", i, (int)err);
            break;
        }
    }
    qsort(m, n, sizeof *m, mentry_cmp);
    CU_ASSERT(verify_model(pf, objid, fdp, m, n));
    /* The writer's mark "no node flagged deleted" (esent_bf.no_deleted) belongs to the bytes a buffer holds:
     * a buffer read again from the file, or changed, no longer has it. Every page marked in a first pass is
     * read again in the second (the cache holds 16 pages), and one is changed. */
    uint32_t cpg = esent_pagefile_page_count(pf), kept = 0, last = 0;
    CU_ASSERT_FATAL(cpg > 4 * ESENT_CACHE_PAGES_MIN);
    for (uint32_t pass = 0; pass < 2; pass++)
        for (uint32_t pgno = 1; pgno <= cpg; pgno++) {
            esent_bf *bf = NULL;
            JET_ERR err = esent_bf_get(pf, pgno, &bf);
            if (err == JET_errPageNotInitialized)
                continue;   /* a page of the file no tree uses yet */
            if (err != JET_errSuccess) {
                CU_FAIL("esent_bf_get");
                break;
            }
            kept += pass == 1 && bf->no_deleted;
            bf->no_deleted = 1;
            last = pgno;
            esent_bf_release(pf, bf);
        }
    CU_ASSERT_EQUAL(kept, 0);
    esent_bf *bf = NULL;
    CU_ASSERT_EQUAL_FATAL(esent_bf_get(pf, last, &bf), JET_errSuccess);
    bf->no_deleted = 1;
    esent_bf_release(pf, bf);
    CU_ASSERT_EQUAL_FATAL(esent_bf_get(pf, last, &bf), JET_errSuccess);
    CU_ASSERT_EQUAL(bf->no_deleted, 1);   /* still cached: the mark stays */
    esent_bf_dirty(pf, bf);
    CU_ASSERT_EQUAL(bf->no_deleted, 0);
    esent_bf_release(pf, bf);
    CU_ASSERT(verify_model(pf, objid, fdp, m, n));
    CU_ASSERT_EQUAL(esent_pagefile_set_cache_pages(pf, 64), JET_errSuccess);
    CU_ASSERT(verify_model(pf, objid, fdp, m, n));
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    known_tree t = { fdp, 1 };
    CU_ASSERT(check_db(path, NULL, &t, 1, NULL, 1));
    CU_ASSERT_EQUAL_FATAL(open_ro(path, &pf), JET_errSuccess);
    CU_ASSERT(verify_model(pf, objid, fdp, m, n));
    esent_pagefile_close(pf);
    free(m);
    remove(path);
}

/* ================================================================== unique trees at every page size */

/* 100,000 random keys, small entries and a few near the maximum; verify, delete half in random order,
 * verify, replace the rest with grown data, verify; close clean; reopen read-only and verify again. */
static void unique_tree_round(uint32_t cb_page, uint32_t n)
{
    char path[64];
    esent_pagefile *pf = NULL;
    uint32_t fdp = 0, objid, emax = esent_btree_cb_entry_max(cb_page), nbig = 0;
    mentry *m = (mentry *)calloc(n, sizeof *m);
    uint32_t *order = (uint32_t *)malloc(n * sizeof *order);
    uint8_t *data = (uint8_t *)malloc(cb_page);
    JET_ERR err = JET_errSuccess;
    clock_t t0 = clock();

    snprintf(path, sizeof path, "unique_%u.edb", cb_page);
    CU_ASSERT_FATAL(m != NULL && order != NULL && data != NULL && new_db(path, cb_page));
    CU_ASSERT_EQUAL_FATAL(open_rw(path, cb_page, &pf), JET_errSuccess);
    objid = esent_pagefile_new_objid(pf);
    CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, 1, objid, ESENT_TREE_PRIMARY, 0, &fdp), JET_errSuccess);
    for (uint32_t i = 0; i < n; i++) {
        esent_wrbe(m[i].key, splitmix(i + 1000u * cb_page), 8);
        /* one entry in 1000 is as large as an entry may be */
        m[i].cb = rnd() % 1000 == 0 ? (nbig++, emax - 8) : (uint32_t)(rnd() % 120);
        m[i].present = 1;
        make_data(&m[i], data);
        if ((err = esent_btree_insert(pf, objid, fdp, m[i].key, 8, data, m[i].cb)) != JET_errSuccess)
            break;
    }
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    if (err != JET_errSuccess)
        printf("\n    %u: insert: %d", cb_page, (int)err);
    /* duplicates are refused */
    make_data(&m[5], data);
    CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, m[5].key, 8, data, 1), JET_errKeyDuplicate);
    qsort(m, n, sizeof *m, mentry_cmp);
    CU_ASSERT(verify_model(pf, objid, fdp, m, n));
    uint64_t count = 0;
    CU_ASSERT_EQUAL(esent_btree_count(pf, objid, fdp, &count), JET_errSuccess);
    CU_ASSERT_EQUAL(count, n);
    uint32_t cpg_full = esent_pagefile_page_count(pf);

    /* delete half in random order */
    for (uint32_t i = 0; i < n; i++)
        order[i] = i;
    for (uint32_t i = n - 1; i > 0; i--) {
        uint32_t j = (uint32_t)(rnd() % (i + 1)), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (uint32_t i = 0; i < n / 2 && err == JET_errSuccess; i++) {
        mentry *e = &m[order[i]];
        err = esent_btree_delete(pf, objid, fdp, e->key, 8, NULL, 0);
        e->present = 0;
    }
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_delete(pf, objid, fdp, m[order[0]].key, 8, NULL, 0), JET_errRecordNotFound);
    CU_ASSERT(verify_model(pf, objid, fdp, m, n));

    /* replace the rest with grown data (splits again) */
    for (uint32_t i = 0; i < n && err == JET_errSuccess; i++) {
        if (!m[i].present)
            continue;
        m[i].cb = m[i].cb + 60 > emax - 8 ? emax - 8 : m[i].cb + 60;
        m[i].version++;
        make_data(&m[i], data);
        err = esent_btree_replace(pf, objid, fdp, m[i].key, 8, data, m[i].cb);
    }
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_replace(pf, objid, fdp, m[order[0]].key, 8, data, 3), JET_errRecordNotFound);
    CU_ASSERT(verify_model(pf, objid, fdp, m, n));
    uint32_t cpg_end = esent_pagefile_page_count(pf);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;

    known_tree t = { fdp, 1 };
    CU_ASSERT(check_db(path, NULL, &t, 1, NULL, 1));
    CU_ASSERT_EQUAL(file_header(path).dbstate, JET_dbstateCleanShutdown);
    CU_ASSERT_EQUAL_FATAL(open_ro(path, &pf), JET_errSuccess);
    CU_ASSERT(verify_model(pf, objid, fdp, m, n));
    esent_pagefile_close(pf);
    printf("\n    %5u B pages: %u entries (%u of %u bytes), file %u pages after inserts, %u at the end; %.2f s",
           cb_page, n, nbig, emax, cpg_full, cpg_end, secs);
    free(m);
    free(order);
    free(data);
    remove(path);
}

static void test_unique_trees(void)
{
    for (uint32_t s = 0; s < NSIZES; s++)
        unique_tree_round(k_sizes[s], 100000);
    printf("\n");
}

/* ================================================================== non-unique trees */

/* An index: keys from a small domain (many duplicates), data = an 8-byte bookmark. */
typedef struct ientry {
    uint8_t key[10];
    uint8_t bm[8];
    int present;
} ientry;

static int ientry_cmp(const void *a, const void *b)
{
    const ientry *x = (const ientry *)a, *y = (const ientry *)b;
    int c = memcmp(x->key, y->key, sizeof x->key);
    return c ? c : memcmp(x->bm, y->bm, sizeof x->bm);
}

static void nonunique_round(uint32_t cb_page, uint32_t n)
{
    char path[64];
    esent_pagefile *pf = NULL;
    esent_btree_cursor c;
    uint32_t fdp = 0, objid, bad = 0;
    ientry *m = (ientry *)calloc(n, sizeof *m);
    JET_ERR err = JET_errSuccess;

    snprintf(path, sizeof path, "index_%u.edb", cb_page);
    CU_ASSERT_FATAL(m != NULL && new_db(path, cb_page));
    CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
    objid = esent_pagefile_new_objid(pf);
    /* the index belongs to a table */
    uint32_t table = 0, tobjid = objid;
    CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, 1, tobjid, ESENT_TREE_PRIMARY, 16, &table), JET_errSuccess);
    objid = esent_pagefile_new_objid(pf);
    CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, table, objid, ESENT_TREE_INDEX, 0, &fdp), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_is_unique(pf, fdp), 0);
    CU_ASSERT_EQUAL(esent_btree_is_unique(pf, table), 1);
    for (uint32_t i = 0; i < n && err == JET_errSuccess; i++) {
        /* a normalized-looking key: 7F, 8 bytes of a value from 2000, 00 — no key is a prefix of another */
        m[i].key[0] = 0x7F;
        esent_wrbe(m[i].key + 1, splitmix(rnd() % 2000) & ~0xFFull, 8);
        m[i].key[9] = 0;
        esent_wrbe(m[i].bm, splitmix(i * 7u + cb_page), 8);
        m[i].present = 1;
        err = esent_btree_insert(pf, objid, fdp, m[i].key, 10, m[i].bm, 8);
    }
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    /* same key, same data: duplicate; same key, other data: fine */
    CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, m[3].key, 10, m[3].bm, 8), JET_errKeyDuplicate);
    CU_ASSERT_EQUAL(esent_btree_replace(pf, objid, fdp, m[3].key, 10, m[3].bm, 8), JET_errInvalidParameter);
    qsort(m, n, sizeof *m, ientry_cmp);
    /* delete a random half by key and data */
    for (uint32_t i = 0; i < n && err == JET_errSuccess; i++) {
        if (rnd() % 2)
            continue;
        uint8_t other[8];
        memcpy(other, m[i].bm, 8);
        other[7] ^= 1;
        if (esent_btree_delete(pf, objid, fdp, m[i].key, 10, other, 8) != JET_errRecordNotFound)
            bad++;
        err = esent_btree_delete(pf, objid, fdp, m[i].key, 10, m[i].bm, 8);
        m[i].present = 0;
    }
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    CU_ASSERT_EQUAL(bad, 0);
    /* walk: (key, data) in order */
    CU_ASSERT_EQUAL_FATAL(esent_btree_open(&c, pf, objid, fdp), JET_errSuccess);
    uint32_t i = 0;
    for (err = esent_btree_move_first(&c); err == JET_errSuccess; err = esent_btree_move_next(&c), i++) {
        const uint8_t *k, *d;
        uint32_t ck, cd;
        while (i < n && !m[i].present)
            i++;
        if (i == n || esent_btree_current(&c, &k, &ck, &d, &cd) != JET_errSuccess || ck != 10 || cd != 8 ||
            memcmp(k, m[i].key, 10) || memcmp(d, m[i].bm, 8)) {
            bad++;
            break;
        }
    }
    while (i < n && !m[i].present)
        i++;
    CU_ASSERT_EQUAL(i, n);
    CU_ASSERT_EQUAL(bad, 0);
    /* seek by key: the first entry of that key; seek_entry: that very entry */
    for (uint32_t j = 0; j < n; j += 13) {
        int exact = 0;
        const uint8_t *k, *d;
        uint32_t ck, cd, first = j;
        while (first > 0 && memcmp(m[first - 1].key, m[j].key, 10) == 0)
            first--;
        while (first < n && !m[first].present)
            first++;
        err = esent_btree_seek(&c, m[j].key, 10, &exact);
        if (err == JET_errSuccess)
            esent_btree_current(&c, &k, &ck, &d, &cd);
        if (first < n && memcmp(m[first].key, m[j].key, 10) == 0) {
            if (err != JET_errSuccess || !exact || memcmp(d, m[first].bm, 8))
                bad++;
        } else if (err == JET_errSuccess && exact) {
            bad++;
        }
        err = esent_btree_seek_entry(&c, m[j].key, 10, m[j].bm, 8, &exact);
        if (m[j].present && (err != JET_errSuccess || !exact))
            bad++;
        if (!m[j].present && err == JET_errSuccess && exact)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    esent_btree_close(&c);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    known_tree t[2] = { { table, 1 }, { fdp, 0 } };
    t[1].parent = table;
    CU_ASSERT(check_db(path, NULL, t, 2, NULL, 1));
    free(m);
    remove(path);
}

static void test_nonunique_trees(void)
{
    nonunique_round(4096, 100000);
    nonunique_round(8192, 30000);
    nonunique_round(16384, 30000);
    nonunique_round(32768, 30000);
}

/* One key for every entry: separators must carry data, seeks by key‖data find each entry. */
static void test_nonunique_one_key(void)
{
    const char *path = "onekey.edb";
    esent_pagefile *pf = NULL;
    esent_btree_cursor c;
    uint32_t fdp = 0, objid, bad = 0;
    const uint32_t n = 20000;
    const uint8_t key[3] = { 0x7F, 0x42, 0x00 };
    uint8_t bm[8];
    CU_ASSERT_FATAL(new_db(path, 4096));
    CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
    objid = esent_pagefile_new_objid(pf);
    CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, 1, objid, ESENT_TREE_INDEX, 0, &fdp), JET_errSuccess);
    for (uint32_t i = 0; i < n; i++) {
        esent_wrbe(bm, splitmix(i), 8);
        if (esent_btree_insert(pf, objid, fdp, key, 3, bm, 8) != JET_errSuccess)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL_FATAL(esent_btree_open(&c, pf, objid, fdp), JET_errSuccess);
    for (uint32_t i = 0; i < n; i += 3) {
        int exact = 0;
        const uint8_t *d;
        uint32_t cd;
        esent_wrbe(bm, splitmix(i), 8);
        if (esent_btree_seek_entry(&c, key, 3, bm, 8, &exact) != JET_errSuccess || !exact ||
            esent_btree_current(&c, NULL, NULL, &d, &cd) != JET_errSuccess || cd != 8 || memcmp(d, bm, 8) != 0)
            bad++;
        if (esent_btree_delete(pf, objid, fdp, key, 3, bm, 8) != JET_errSuccess)
            bad++;
        if (esent_btree_current(&c, NULL, NULL, NULL, NULL) != JET_errRecordDeleted)
            bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    uint64_t count = 0;
    CU_ASSERT_EQUAL(esent_btree_count(pf, objid, fdp, &count), JET_errSuccess);
    CU_ASSERT_EQUAL(count, n - (n + 2) / 3);
    int exact = 0;
    CU_ASSERT_EQUAL(esent_btree_seek(&c, key, 3, &exact), JET_errSuccess);
    CU_ASSERT(exact);
    esent_btree_close(&c);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    known_tree t = { fdp, 1 };
    CU_ASSERT(check_db(path, NULL, &t, 1, NULL, 1));
    remove(path);
}

/* Random inserts, deletes and replaces (sizes up to the largest entry) against a model, a cursor wandering
 * through the tree meanwhile; the tree, the model and the file's structure agree at every checkpoint. */
static void random_ops_round(uint32_t cb_page, uint32_t nops)
{
    char path[64];
    esent_pagefile *pf = NULL;
    esent_btree_cursor c;
    const uint32_t domain = 20000;
    uint32_t fdp = 0, objid, bad = 0, emax = esent_btree_cb_entry_max(cb_page) - 8;   /* data of a largest entry */
    mentry *m = (mentry *)calloc(domain, sizeof *m);
    uint8_t *data = (uint8_t *)malloc(cb_page);
    snprintf(path, sizeof path, "random_%u.edb", cb_page);
    CU_ASSERT_FATAL(m != NULL && data != NULL && new_db(path, cb_page));
    CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(esent_pagefile_set_cache_pages(pf, 64), JET_errSuccess);
    objid = esent_pagefile_new_objid(pf);
    CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, 1, objid, ESENT_TREE_PRIMARY, 0, &fdp), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(esent_btree_open(&c, pf, objid, fdp), JET_errSuccess);
    for (uint32_t i = 0; i < domain; i++)
        esent_wrbe(m[i].key, i, 8);   /* model index = key order */
    for (uint32_t op = 0; op < nops && bad == 0; op++) {
        mentry *e = &m[rnd() % domain];
        uint32_t r = (uint32_t)(rnd() % 100);
        uint32_t cb = r < 2 ? emax - (uint32_t)(rnd() % 50) : (uint32_t)(rnd() % 200);
        JET_ERR err, want;
        if (r % 3 == 0) {
            want = e->present ? JET_errSuccess : JET_errRecordNotFound;
            err = esent_btree_delete(pf, objid, fdp, e->key, 8, NULL, 0);
            e->present = 0;
        } else if (r % 3 == 1) {
            want = e->present ? JET_errKeyDuplicate : JET_errSuccess;
            if (!e->present)
                e->cb = cb, e->version++;
            make_data(e, data);
            err = esent_btree_insert(pf, objid, fdp, e->key, 8, data, e->cb);
            e->present = 1;
        } else {
            want = e->present ? JET_errSuccess : JET_errRecordNotFound;
            if (e->present)
                e->cb = cb, e->version++;
            make_data(e, data);
            err = esent_btree_replace(pf, objid, fdp, e->key, 8, data, e->cb);
        }
        if (err != want && bad++ == 0)
            printf("\n    op %u: %d, want %d", op, (int)err, (int)want);
        /* the wandering cursor: next (or first), and its entry is the model's */
        err = esent_btree_move_next(&c);
        if (err == JET_errNoCurrentRecord)
            err = esent_btree_move_first(&c);
        if (err == JET_errSuccess) {
            const uint8_t *k, *d;
            uint32_t ck, cd;
            if (esent_btree_current(&c, &k, &ck, &d, &cd) != JET_errSuccess || ck != 8) {
                bad++;
            } else {
                const mentry *x = &m[key_index(k) % domain];
                make_data(x, data);
                if (!x->present || cd != x->cb || memcmp(d, data, cd) != 0)
                    bad++;
            }
        }
        if ((op + 1) % (nops / 4) == 0) {
            CU_ASSERT(verify_model(pf, objid, fdp, m, domain));
            CU_ASSERT_EQUAL(esent_pagefile_flush(pf), JET_errSuccess);
            known_tree t = { fdp, 1 };
            CU_ASSERT(check_db(path, pf, &t, 1, NULL, 1));
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    esent_btree_close(&c);
    uint32_t cpg = esent_pagefile_page_count(pf);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    printf("\n    %5u B pages: %u random operations on %u keys, file %u pages", cb_page, nops, domain, cpg);
    free(m);
    free(data);
    remove(path);
}

static void test_random_ops(void)
{
    random_ops_round(4096, 200000);
    random_ops_round(32768, 60000);
    printf("\n");
}

/* ================================================================== limits */

static void test_entry_limits(void)
{
    for (uint32_t s = 0; s < NSIZES; s++) {
        uint32_t cb_page = k_sizes[s], emax = esent_btree_cb_entry_max(cb_page), kmax = esent_btree_cb_key_max(cb_page);
        char path[64];
        esent_pagefile *pf = NULL;
        uint32_t fdp = 0, idx = 0, objid, n = 300;
        uint8_t *buf = (uint8_t *)calloc(1, cb_page), key[8];
        JET_ERR err = JET_errSuccess;
        snprintf(path, sizeof path, "limits_%u.edb", cb_page);
        CU_ASSERT_FATAL(buf != NULL && new_db(path, cb_page));
        CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
        objid = esent_pagefile_new_objid(pf);
        CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, 1, objid, ESENT_TREE_LONG_VALUE, 0, &fdp), JET_errSuccess);
        /* maximum entries mixed with small ones, in random order: 3-way splits */
        for (uint32_t i = 0; i < n && err == JET_errSuccess; i++) {
            esent_wrbe(key, splitmix(i), 8);
            memset(buf, (int)i, cb_page);
            err = esent_btree_insert(pf, objid, fdp, key, 8, buf, i % 3 ? emax - 8 : i % 50);
        }
        CU_ASSERT_EQUAL(err, JET_errSuccess);
        uint64_t count = 0;
        CU_ASSERT_EQUAL(esent_btree_count(pf, objid, fdp, &count), JET_errSuccess);
        CU_ASSERT_EQUAL(count, n);
        esent_wrbe(key, 1, 8);
        CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, key, 8, buf, emax - 7), JET_errRecordTooBig);
        CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, buf, kmax + 1, buf, 0), JET_errKeyTooBig);
        CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, buf, kmax, buf, 0), JET_errSuccess);
        /* a key of the largest size in every entry of a tree: internal pages still hold >= 3 children */
        uint32_t iobjid = esent_pagefile_new_objid(pf);
        CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, 1, iobjid, ESENT_TREE_INDEX, 0, &idx), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_btree_insert(pf, iobjid, idx, buf, 4, buf, kmax + 1), JET_errKeyTooBig);
        for (uint32_t i = 0; i < 200 && err == JET_errSuccess; i++) {
            memset(buf, 0x41, cb_page);
            esent_wrbe(buf + kmax - 8, splitmix(i), 8);   /* long common prefixes: full-size separators */
            err = esent_btree_insert(pf, iobjid, idx, buf, kmax, buf, kmax);
        }
        CU_ASSERT_EQUAL(err, JET_errSuccess);
        CU_ASSERT_EQUAL(esent_btree_count(pf, iobjid, idx, &count), JET_errSuccess);
        CU_ASSERT_EQUAL(count, 200);
        CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
        known_tree t[2] = { { fdp, 1 }, { idx, 1 } };
        CU_ASSERT(check_db(path, NULL, t, 2, NULL, 1));
        printf("\n    %5u B pages: entries up to %u bytes, keys up to %u", cb_page, emax, kmax);
        free(buf);
        remove(path);
    }
    printf("\n");
    CU_ASSERT_EQUAL(esent_btree_cb_entry_max(4096), 4046);
    CU_ASSERT_EQUAL(esent_btree_cb_key_max(4096), 1000);
    CU_ASSERT_EQUAL(esent_btree_cb_key_max(8192), 2000);
}

/* ================================================================== cursors over a changing tree */

static void key_of(uint32_t i, uint8_t key[4]) { esent_wr32be(key, i); }

static uint32_t cur_key(esent_btree_cursor *c)
{
    const uint8_t *k;
    uint32_t ck;
    if (esent_btree_current(c, &k, &ck, NULL, NULL) != JET_errSuccess || ck != 4)
        return UINT32_MAX;
    return esent_rd32be(k);
}

static void test_cursor_stability(void)
{
    const char *path = "cursor.edb";
    esent_pagefile *pf = NULL;
    esent_btree_cursor c, c2;
    uint32_t fdp = 0, objid, bad = 0;
    uint8_t key[4], data[300];
    CU_ASSERT_FATAL(new_db(path, 4096));
    CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
    objid = esent_pagefile_new_objid(pf);
    CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, 1, objid, ESENT_TREE_PRIMARY, 0, &fdp), JET_errSuccess);
    memset(data, 0x5A, sizeof data);
    /* even keys 0..1998 */
    for (uint32_t i = 0; i < 2000; i += 2) {
        key_of(i, key);
        CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, key, 4, data, 100), JET_errSuccess);
    }
    CU_ASSERT_EQUAL_FATAL(esent_btree_open(&c, pf, objid, fdp), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(esent_btree_open(&c2, pf, objid, fdp), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_current(&c, NULL, NULL, NULL, NULL), JET_errNoCurrentRecord);

    /* The current entry deleted by the tree functions: current says so, next/prev land around it. */
    key_of(1000, key);
    CU_ASSERT_EQUAL(esent_btree_seek(&c, key, 4, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_delete(pf, objid, fdp, key, 4, NULL, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_current(&c, NULL, NULL, NULL, NULL), JET_errRecordDeleted);
    CU_ASSERT_EQUAL(esent_btree_move_next(&c), JET_errSuccess);
    CU_ASSERT_EQUAL(cur_key(&c), 1002);
    key_of(1002, key);
    CU_ASSERT_EQUAL(esent_btree_delete(pf, objid, fdp, key, 4, NULL, 0), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_move_prev(&c), JET_errSuccess);
    CU_ASSERT_EQUAL(cur_key(&c), 998);

    /* Another cursor replaces the entry: current shows the new data. */
    key_of(998, key);
    CU_ASSERT_EQUAL(esent_btree_seek(&c2, key, 4, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_replace(pf, objid, fdp, key, 4, data, 7), JET_errSuccess);
    const uint8_t *d;
    uint32_t cd = 0;
    CU_ASSERT_EQUAL(esent_btree_current(&c, NULL, NULL, &d, &cd), JET_errSuccess);
    CU_ASSERT_EQUAL(cd, 7);

    /* Splits around the cursor (odd keys inserted everywhere, the page of 998 splits many times):
     * walking on gives every entry once, in order. */
    for (uint32_t i = 1; i < 2000; i += 2) {
        key_of(i, key);
        CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, key, 4, data, 250), JET_errSuccess);
    }
    CU_ASSERT_EQUAL(cur_key(&c), 998);
    uint32_t expect = 999;
    JET_ERR err;
    for (err = esent_btree_move_next(&c); err == JET_errSuccess; err = esent_btree_move_next(&c)) {
        if (expect == 1000 || expect == 1002)
            expect++;
        if (cur_key(&c) != expect++)
            bad++;
    }
    CU_ASSERT_EQUAL(err, JET_errNoCurrentRecord);
    CU_ASSERT_EQUAL(expect, 2000);
    CU_ASSERT_EQUAL(bad, 0);

    /* Delete while walking: each entry the cursor is on, forward; the walk sees every entry once. */
    uint32_t seen = 0;
    for (err = esent_btree_move_first(&c); err == JET_errSuccess; err = esent_btree_move_next(&c)) {
        uint32_t k = cur_key(&c);
        if (k % 3 == 0) {
            key_of(k, key);
            if (esent_btree_delete(pf, objid, fdp, key, 4, NULL, 0) != JET_errSuccess)
                bad++;
            if (esent_btree_current(&c, NULL, NULL, NULL, NULL) != JET_errRecordDeleted)
                bad++;
        }
        seen++;
    }
    CU_ASSERT_EQUAL(seen, 1998);
    CU_ASSERT_EQUAL(bad, 0);
    /* backward, deleting everything: the tree empties, leaves are freed, the root stays */
    for (err = esent_btree_move_last(&c); err == JET_errSuccess; err = esent_btree_move_prev(&c)) {
        uint32_t k = cur_key(&c);
        key_of(k, key);
        if (esent_btree_delete(pf, objid, fdp, key, 4, NULL, 0) != JET_errSuccess)
            bad++;
        /* the other cursor, on a deleted entry of a freed page, still moves sanely */
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(esent_btree_move_first(&c), JET_errRecordNotFound);
    CU_ASSERT_EQUAL(esent_btree_move_next(&c2), JET_errNoCurrentRecord);
    uint64_t count = 1;
    CU_ASSERT_EQUAL(esent_btree_count(pf, objid, fdp, &count), JET_errSuccess);
    CU_ASSERT_EQUAL(count, 0);
    esent_btree_close(&c);
    esent_btree_close(&c2);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    known_tree t = { fdp, 1 };
    CU_ASSERT(check_db(path, NULL, &t, 1, NULL, 1));
    remove(path);
}

/* ================================================================== positions */

static void test_positions(void)
{
    const char *path = "position.edb";
    esent_pagefile *pf = NULL;
    esent_btree_cursor c;
    uint32_t fdp = 0, objid, lt, total, worst = 0;
    const uint32_t n = 10000;
    uint8_t key[4], data[40];
    CU_ASSERT_FATAL(new_db(path, 4096));
    CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
    objid = esent_pagefile_new_objid(pf);
    CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, 1, objid, ESENT_TREE_PRIMARY, 0, &fdp), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(esent_btree_open(&c, pf, objid, fdp), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_goto_fraction(&c, 1, 2), JET_errRecordNotFound);
    CU_ASSERT_EQUAL(esent_btree_goto_fraction(&c, 3, 2), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_btree_goto_fraction(&c, 0, 0), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_btree_get_position(&c, &lt, &total), JET_errNoCurrentRecord);
    memset(data, 1, sizeof data);
    /* one page first: exact positions */
    for (uint32_t i = 0; i < 20; i++) {
        key_of(i, key);
        CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, key, 4, data, sizeof data), JET_errSuccess);
    }
    key_of(7, key);
    CU_ASSERT_EQUAL(esent_btree_seek(&c, key, 4, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_btree_get_position(&c, &lt, &total), JET_errSuccess);
    CU_ASSERT(lt == 7 && total == 20);
    CU_ASSERT_EQUAL(esent_btree_goto_fraction(&c, 7, 20), JET_errSuccess);
    CU_ASSERT_EQUAL(cur_key(&c), 7);
    for (uint32_t i = 20; i < n; i++) {
        key_of(i, key);
        CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, key, 4, data, sizeof data), JET_errSuccess);
    }
    CU_ASSERT_EQUAL(esent_btree_goto_fraction(&c, 0, 100), JET_errSuccess);
    CU_ASSERT_EQUAL(cur_key(&c), 0);
    CU_ASSERT_EQUAL(esent_btree_goto_fraction(&c, 100, 100), JET_errSuccess);
    CU_ASSERT_EQUAL(cur_key(&c), n - 1);
    for (uint32_t pct = 0; pct <= 100; pct += 5) {
        CU_ASSERT_EQUAL(esent_btree_goto_fraction(&c, pct, 100), JET_errSuccess);
        uint32_t k = cur_key(&c), want = pct * (n - 1) / 100, diff = k > want ? k - want : want - k;
        if (diff > worst)
            worst = diff;
        CU_ASSERT_EQUAL(esent_btree_get_position(&c, &lt, &total), JET_errSuccess);
        /* the position read back is about where the cursor went */
        double f = (double)lt / (double)total, g = (double)pct / 100.0;
        CU_ASSERT(f > g - 0.05 && f < g + 0.05);
    }
    CU_ASSERT(worst < n / 20);
    printf("\n    goto_fraction: at most %u entries away (of %u)\n", worst, n);
    esent_btree_close(&c);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    remove(path);
}

/* ================================================================== tree lifetime and space */

/* Destroying a tree gives its pages back: a second tree of the same size does not grow the file. */
static void test_destroy_reuse(void)
{
    const char *path = "destroy.edb";
    esent_pagefile *pf = NULL;
    uint32_t fdp = 0, idx = 0, lv = 0, objid, cpg_after_first = 0;
    uint8_t key[8], data[200];
    CU_ASSERT_FATAL(new_db(path, 8192));
    CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
    memset(data, 7, sizeof data);
    for (int round = 0; round < 3; round++) {
        objid = esent_pagefile_new_objid(pf);
        CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, 1, objid, ESENT_TREE_PRIMARY, 20, &fdp), JET_errSuccess);
        uint32_t oidx = esent_pagefile_new_objid(pf), olv = esent_pagefile_new_objid(pf);
        CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, fdp, oidx, ESENT_TREE_INDEX | ESENT_TREE_UNIQUE, 0, &idx),
                              JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, fdp, olv, ESENT_TREE_LONG_VALUE, 0, &lv), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_btree_is_unique(pf, idx), 1);
        for (uint32_t i = 0; i < 20000; i++) {
            esent_wrbe(key, splitmix(i), 8);
            CU_ASSERT_EQUAL(esent_btree_insert(pf, objid, fdp, key, 8, data, sizeof data), JET_errSuccess);
            CU_ASSERT_EQUAL(esent_btree_insert(pf, oidx, idx, key, 8, data, 8), JET_errSuccess);
            if (i % 10 == 0)
                CU_ASSERT_EQUAL(esent_btree_insert(pf, olv, lv, key, 8, data, sizeof data), JET_errSuccess);
        }
        CU_ASSERT_EQUAL(esent_pagefile_flush(pf), JET_errSuccess);
        known_tree t[3] = { { fdp, 1 }, { idx, 0 }, { lv, 0 } };
        t[1].parent = t[2].parent = fdp;
        CU_ASSERT(check_db(path, pf, t, 3, NULL, 1));
        if (round == 0)
            cpg_after_first = esent_pagefile_page_count(pf);
        else
            CU_ASSERT_EQUAL(esent_pagefile_page_count(pf), cpg_after_first);
        /* an index alone goes back to its table; then the table (with its LV tree) to the root */
        CU_ASSERT_EQUAL(esent_tree_destroy(pf, 1, idx), JET_errInvalidParameter);   /* not its parent */
        CU_ASSERT_EQUAL(esent_tree_destroy(pf, fdp, idx), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_pagefile_flush(pf), JET_errSuccess);
        known_tree t2[2] = { { fdp, 1 }, { lv, 0 } };
        t2[1].parent = fdp;
        CU_ASSERT(check_db(path, pf, t2, 2, NULL, 1));
        CU_ASSERT_EQUAL(esent_tree_destroy(pf, 1, fdp), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_pagefile_flush(pf), JET_errSuccess);
        CU_ASSERT(check_db(path, pf, NULL, 0, NULL, 1));
    }
    CU_ASSERT_EQUAL(esent_tree_destroy(pf, 0, 1), JET_errInvalidParameter);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    printf("\n    3 rounds of a table + index + LV tree (20,000 rows): file stays at %u pages\n", cpg_after_first);
    remove(path);
}

/* Space trees that split, coalescing, a single-extent tree growing out of its bitmap, misuse. */
static void test_space(void)
{
    const char *path = "space.edb";
    esent_pagefile *pf = NULL;
    uint32_t fdp = 0, objid, first = 0;
    const uint32_t n = 3000;
    uint32_t *pages = (uint32_t *)malloc(n * sizeof *pages);
    CU_ASSERT_FATAL(pages != NULL && new_db(path, 4096));
    CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
    objid = esent_pagefile_new_objid(pf);
    CU_ASSERT_EQUAL_FATAL(esent_tree_create(pf, 1, objid, ESENT_TREE_PRIMARY, 0, &fdp), JET_errSuccess);
    JET_ERR err = JET_errSuccess;
    for (uint32_t i = 0; i < n && err == JET_errSuccess; i++)
        err = esent_space_alloc_page(pf, fdp, &pages[i]);
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    /* every other page back: ~1500 AE extents, several AE pages */
    for (uint32_t i = 0; i < n && err == JET_errSuccess; i += 2)
        err = esent_space_free_page(pf, fdp, pages[i]);
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    CU_ASSERT_EQUAL(esent_space_free_page(pf, fdp, pages[0]), JET_errSPAvailExtCorrupted);   /* twice */
    CU_ASSERT_EQUAL(esent_space_free_page(pf, fdp, 2), JET_errSPOwnExtCorrupted);   /* the root's OE */
    CU_ASSERT_EQUAL(esent_pagefile_flush(pf), JET_errSuccess);
    pageset held;
    ps_init(&held, esent_pagefile_page_count(pf));
    for (uint32_t i = 1; i < n; i += 2)
        ps_add(&held, pages[i]);
    known_tree t = { fdp, 1 };
    CU_ASSERT(check_db(path, pf, &t, 1, &held, 1));
    ps_free(&held);
    esent_btree_cursor c;
    uint64_t nae = 0, nae_after = 0;
    esent_page_view v;
    uint8_t *pg = (uint8_t *)malloc(4096);
    esent_ext_header eh;
    const uint8_t *t0;
    uint32_t cb0, f;
    CU_ASSERT_FATAL(esent_pagefile_read(pf, fdp, pg) == JET_errSuccess && esent_page_view_init(&v, pg, 4096) == 0 &&
                    esent_page_tag(&v, 0, &t0, &cb0, &f) == 0 && esent_ext_header_decode(t0, cb0, &eh) == 0);
    uint32_t ae = eh.sph.avail_or_oe + 1;
    CU_ASSERT_EQUAL(bt_cursor_open_space(&c, pf, objid, ae), JET_errSuccess);
    for (err = esent_btree_move_first(&c); err == JET_errSuccess; err = esent_btree_move_next(&c))
        nae++;
    esent_btree_close(&c);
    CU_ASSERT_EQUAL(esent_pagefile_read(pf, ae, pg), JET_errSuccess);
    CU_ASSERT_EQUAL(esent_page_view_init(&v, pg, 4096), JET_errSuccess);
    CU_ASSERT(!(v.hdr.flags & ESENT_PAGE_LEAF));   /* the AE split */
    /* the rest back: extents coalesce again */
    for (uint32_t i = 1; i < n; i += 2)
        CU_ASSERT_EQUAL(esent_space_free_page(pf, fdp, pages[i]), JET_errSuccess);
    CU_ASSERT_EQUAL(bt_cursor_open_space(&c, pf, objid, ae), JET_errSuccess);
    for (err = esent_btree_move_first(&c); err == JET_errSuccess; err = esent_btree_move_next(&c))
        nae_after++;
    esent_btree_close(&c);
    CU_ASSERT(nae > 1000 && nae_after < 20);
    CU_ASSERT_EQUAL(esent_pagefile_flush(pf), JET_errSuccess);
    CU_ASSERT(check_db(path, pf, &t, 1, NULL, 1));
    printf("\n    %u pages allocated; every other one freed: %llu AE extents; all freed: %llu", n,
           (unsigned long long)nae, (unsigned long long)nae_after);

    /* A single-extent tree (as dbimage writes user tables): pages from its bitmap, then converted. */
    CU_ASSERT_EQUAL_FATAL(esent_space_alloc_extent(pf, 1, 8, &first), JET_errSuccess);
    uint32_t sobjid = esent_pagefile_new_objid(pf);
    esent_bf *bf;
    uint8_t sph_bytes[ESENT_SPH_SIZE];
    const esent_space_header sph = { 8, 1, 0, 0x7Fu };   /* pages first+1..first+7 free */
    esent_space_header_encode(&sph, sph_bytes);
    CU_ASSERT_EQUAL_FATAL(esent_bf_new(pf, first, &bf), JET_errSuccess);
    esent_bf_dirty(pf, bf);
    CU_ASSERT_EQUAL(bt_page_format(bf->page, 4096, first, sobjid, ESENT_PAGE_ROOT | ESENT_PAGE_LEAF, 0, 0, sph_bytes,
                                   sizeof sph_bytes, NULL, 0),
                    JET_errSuccess);
    esent_bf_release(pf, bf);
    uint8_t key[8], data[100];
    memset(data, 3, sizeof data);
    for (uint32_t i = 0; i < 150; i++) {   /* ~5 pages: stays in the bitmap */
        esent_wrbe(key, splitmix(i), 8);
        CU_ASSERT_EQUAL(esent_btree_insert(pf, sobjid, first, key, 8, data, sizeof data), JET_errSuccess);
    }
    CU_ASSERT_EQUAL(esent_pagefile_flush(pf), JET_errSuccess);
    known_tree ts[2] = { { fdp, 1 }, { first, 1 } };
    CU_ASSERT(check_db(path, pf, ts, 2, NULL, 1));
    CU_ASSERT_EQUAL(esent_pagefile_read(pf, first, pg), JET_errSuccess);
    CU_ASSERT(esent_page_view_init(&v, pg, 4096) == 0 && esent_page_tag(&v, 0, &t0, &cb0, &f) == 0 &&
              esent_ext_header_decode(t0, cb0, &eh) == 0);
    CU_ASSERT_EQUAL(eh.sph.flags & ESENT_SPH_MULTIPLE_EXTENT, 0);
    CU_ASSERT(eh.sph.avail_or_oe != 0x7Fu);
    for (uint32_t i = 150; i < 3000; i++) {   /* more than 8 pages: converted to multiple extent */
        esent_wrbe(key, splitmix(i), 8);
        CU_ASSERT_EQUAL(esent_btree_insert(pf, sobjid, first, key, 8, data, sizeof data), JET_errSuccess);
    }
    CU_ASSERT_EQUAL(esent_pagefile_read(pf, first, pg), JET_errSuccess);
    CU_ASSERT(esent_page_view_init(&v, pg, 4096) == 0 && esent_page_tag(&v, 0, &t0, &cb0, &f) == 0 &&
              esent_ext_header_decode(t0, cb0, &eh) == 0);
    CU_ASSERT_EQUAL(eh.sph.flags & ESENT_SPH_MULTIPLE_EXTENT, ESENT_SPH_MULTIPLE_EXTENT);
    uint64_t count = 0;
    CU_ASSERT_EQUAL(esent_btree_count(pf, sobjid, first, &count), JET_errSuccess);
    CU_ASSERT_EQUAL(count, 3000);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    CU_ASSERT(check_db(path, NULL, ts, 2, NULL, 1));
    printf("\n");
    free(pg);
    free(pages);
    remove(path);
}

/* A table dbimage wrote (single extent, records in it) takes inserted rows; the catalog still reads. */
static void test_dbimage_table(void)
{
    static const esent_dbimage_column cols[] = {
        { "Id", JET_coltypLong, 0, ESENT_DBIMAGE_FIXED, 0 },
        { "Name", JET_coltypText, 0, ESENT_DBIMAGE_VARIABLE, 1252 },
    };
    static const uint8_t id1[4] = { 1, 0, 0, 0 };
    static const esent_dbimage_value rows[2] = { { id1, 4 }, { "first", 5 } };
    const esent_dbimage_table tab = { "T", cols, 2, rows, 1 };
    esent_dbimage_options o = image_opts(4096);
    o.tables = &tab;
    o.ctables = 1;
    const char *path = "imgtable.edb";
    CU_ASSERT_FATAL(write_image(path, &o));
    esent_pagefile *pf = NULL;
    esent_schema *s = NULL;
    CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
    CU_ASSERT_EQUAL_FATAL(esent_schema_load(pf, &s), JET_errSuccess);
    const esent_schema_table *t = &s->tables[s->ctables - 1];
    uint8_t key[4], rec[64];
    for (uint32_t i = 2; i <= 5000; i++) {
        esent_wr32be(key, i);
        memset(rec, (int)i, sizeof rec);
        CU_ASSERT_EQUAL(esent_btree_insert(pf, t->objid, t->pgno_fdp, key, 4, rec, sizeof rec), JET_errSuccess);
    }
    uint64_t count = 0;
    CU_ASSERT_EQUAL(esent_btree_count(pf, t->objid, t->pgno_fdp, &count), JET_errSuccess);
    CU_ASSERT_EQUAL(count, 5000);
    esent_schema_free(s);
    CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
    CU_ASSERT(check_db(path, NULL, NULL, 0, NULL, 1));
    remove(path);
}

/* ================================================================== files Windows wrote */

static int copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    static uint8_t buf[1 << 16];
    size_t n;
    int ok = in != NULL && out != NULL;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out)
        ok &= fclose(out) == 0;
    return ok;
}

/* Every visible entry of a tree, copied: key‖data with the key size. */
typedef struct snap {
    uint8_t **e;
    uint32_t *ck, *cd;
    uint32_t n, cap;
} snap;

static JET_ERR snap_take(esent_pagefile *pf, uint32_t objid, uint32_t fdp, snap *s)
{
    esent_btree_cursor c;
    JET_ERR err = esent_btree_open(&c, pf, objid, fdp);
    memset(s, 0, sizeof *s);
    if (err != JET_errSuccess)
        return err;
    for (err = esent_btree_move_first(&c); err == JET_errSuccess; err = esent_btree_move_next(&c)) {
        const uint8_t *k, *d;
        uint32_t ck, cd;
        esent_btree_current(&c, &k, &ck, &d, &cd);
        if (s->n == s->cap) {
            s->cap = s->cap ? 2 * s->cap : 64;
            s->e = (uint8_t **)realloc(s->e, s->cap * sizeof *s->e);
            s->ck = (uint32_t *)realloc(s->ck, s->cap * sizeof *s->ck);
            s->cd = (uint32_t *)realloc(s->cd, s->cap * sizeof *s->cd);
        }
        s->e[s->n] = (uint8_t *)malloc(ck + cd + 2);
        memcpy(s->e[s->n], k, ck);
        memcpy(s->e[s->n] + ck, d, cd);
        s->ck[s->n] = ck;
        s->cd[s->n] = cd;
        s->n++;
    }
    esent_btree_close(&c);
    return err == JET_errRecordNotFound || err == JET_errNoCurrentRecord ? JET_errSuccess : err;
}

static void snap_free(snap *s)
{
    for (uint32_t i = 0; i < s->n; i++)
        free(s->e[i]);
    free(s->e);
    free(s->ck);
    free(s->cd);
}

static int snap_same(const snap *a, const snap *b)
{
    if (a->n != b->n)
        return 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (a->ck[i] != b->ck[i] || a->cd[i] != b->cd[i] || memcmp(a->e[i], b->e[i], a->ck[i] + a->cd[i]) != 0)
            return 0;
    return 1;
}

/* Inserts entries next to existing ones (unique trees: key + one byte; non-unique: the same key with data
 * + one byte), checks the count, deletes them again, deletes and re-inserts every 5th original entry, and
 * checks the tree holds exactly what it held. */
static uint32_t churn_tree(esent_pagefile *pf, uint32_t objid, uint32_t fdp, uint32_t *pinserted)
{
    snap before, after;
    uint32_t bad = 0, ins = 0;
    int unique = esent_btree_is_unique(pf, fdp);
    uint8_t *buf = (uint8_t *)malloc(2 * esent_pagefile_page_size(pf) + 2);
    if (snap_take(pf, objid, fdp, &before) != JET_errSuccess) {
        free(buf);
        return 1;
    }
    uint32_t step = before.n / 300 + 1;
    uint8_t *done = (uint8_t *)calloc(before.n + 1, 1);
    for (uint32_t i = 0; i < before.n; i += step) {
        uint32_t ck = before.ck[i], cd = before.cd[i];
        memcpy(buf, before.e[i], ck + cd);
        JET_ERR err;
        if (unique) {
            memmove(buf + ck + 1, buf + ck, cd);
            buf[ck] = 0x01;
            err = esent_btree_insert(pf, objid, fdp, buf, ck + 1, buf + ck + 1, cd);
        } else {
            buf[ck + cd] = 0x01;
            err = esent_btree_insert(pf, objid, fdp, buf, ck, buf + ck, cd + 1);
        }
        if (err == JET_errSuccess)
            done[i] = 1, ins++;
        else if (err != JET_errKeyDuplicate && err != JET_errKeyTooBig && err != JET_errRecordTooBig && bad++ == 0)
            printf("\n      tree %u: insert %d", fdp, (int)err);
    }
    uint64_t count = 0;
    if (esent_btree_count(pf, objid, fdp, &count) != JET_errSuccess || count != before.n + ins)
        bad++;
    for (uint32_t i = 0; i < before.n; i++) {
        if (!done[i])
            continue;
        uint32_t ck = before.ck[i], cd = before.cd[i];
        memcpy(buf, before.e[i], ck + cd);
        JET_ERR err;
        if (unique) {
            memmove(buf + ck + 1, buf + ck, cd);
            buf[ck] = 0x01;
            err = esent_btree_delete(pf, objid, fdp, buf, ck + 1, NULL, 0);
        } else {
            buf[ck + cd] = 0x01;
            err = esent_btree_delete(pf, objid, fdp, buf, ck, buf + ck, cd + 1);
        }
        if (err != JET_errSuccess && bad++ == 0)
            printf("\n      tree %u: delete %d", fdp, (int)err);
    }
    for (uint32_t i = 0; i < before.n; i += 5)
        if (esent_btree_delete(pf, objid, fdp, before.e[i], before.ck[i], before.e[i] + before.ck[i], before.cd[i]) !=
            JET_errSuccess)
            bad++;
    for (uint32_t i = 0; i < before.n; i += 5)
        if (esent_btree_insert(pf, objid, fdp, before.e[i], before.ck[i], before.e[i] + before.ck[i], before.cd[i]) !=
            JET_errSuccess)
            bad++;
    if (snap_take(pf, objid, fdp, &after) != JET_errSuccess || !snap_same(&before, &after))
        bad++;
    snap_free(&before);
    snap_free(&after);
    free(done);
    free(buf);
    *pinserted += ins;
    return bad;
}

static void test_windows_files(void)
{
    static const char *files[] = {
        "Velocidex_go-ese/testdata/SRUM/SRUDB.dat",
        "log2timeline_plaso/test_data/Catalog1.edb",
        "MichaelGrafnetter_DSInternals/TestData/Initial.zip.d/Initial/ntds.dit",
        "strozfriedberg_ese_parser/lib/testdata/decompress_test.edb",
    };
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char src[1024], path[64];
        snprintf(src, sizeof src, "%s/%s", ESENT_CORPUS_DIR, files[f]);
        snprintf(path, sizeof path, "windows_%u.edb", (unsigned)f);
        if (!copy_file(src, path)) {
            printf("\n    %s: absent, skipped", files[f]);
            continue;
        }
        esent_pagefile *pf = NULL;
        esent_schema *s = NULL;
        uint32_t bad = 0, trees = 0, inserted = 0;
        CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
        uint64_t dbtime0 = esent_pagefile_dbtime(pf);
        CU_ASSERT_EQUAL_FATAL(esent_schema_load(pf, &s), JET_errSuccess);
        /* snapshots of every tree, to compare after the file is closed and opened again */
        uint32_t most = 0, nt = 0;
        for (uint32_t i = 0; i < s->ctables; i++)
            most += 2 + s->tables[i].cindexes;
        snap *snaps = (snap *)calloc(most, sizeof *snaps);
        uint32_t *objids = (uint32_t *)calloc(most, sizeof *objids), *fdps = (uint32_t *)calloc(most, sizeof *fdps);
        for (uint32_t i = 0; i < s->ctables; i++) {
            const esent_schema_table *t = &s->tables[i];
            objids[nt] = t->objid, fdps[nt++] = t->pgno_fdp;
            for (uint32_t j = 0; j < t->cindexes; j++)
                if (t->indexes[j].pgno_fdp != t->pgno_fdp)
                    objids[nt] = t->indexes[j].objid, fdps[nt++] = t->indexes[j].pgno_fdp;
            if (t->lv_pgno_fdp)
                objids[nt] = t->lv_objid, fdps[nt++] = t->lv_pgno_fdp;
        }
        for (uint32_t i = 0; i < nt; i++) {
            if (objids[i] <= ESENT_CAT_OBJID_MSO_SHADOW + 2)
                continue;   /* the catalog and its indexes: left as they are */
            uint32_t b = churn_tree(pf, objids[i], fdps[i], &inserted);
            if (b)
                printf("\n      %s tree objid %u pgno %u: %u problems", files[f], objids[i], fdps[i], b);
            bad += b;
            trees++;
        }
        for (uint32_t i = 0; i < nt; i++)
            if (snap_take(pf, objids[i], fdps[i], &snaps[i]) != JET_errSuccess)
                bad++;
        esent_schema_free(s);
        CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
        /* read back: same content; every page written since the open verifies */
        CU_ASSERT_EQUAL_FATAL(open_ro(path, &pf), JET_errSuccess);
        CU_ASSERT_EQUAL(esent_pagefile_header(pf)->dbstate, JET_dbstateCleanShutdown);
        for (uint32_t i = 0; i < nt; i++) {
            snap again;
            if (snap_take(pf, objids[i], fdps[i], &again) != JET_errSuccess || !snap_same(&snaps[i], &again))
                bad++;
            snap_free(&again);
            snap_free(&snaps[i]);
        }
        uint32_t cb_page = esent_pagefile_page_size(pf), written = 0;
        uint8_t *pg = (uint8_t *)malloc(cb_page);
        FILE *fp = fopen(path, "rb");
        for (uint32_t p = 0; fp && fread(pg, 1, cb_page, fp) == cb_page; p++) {
            if (p < 2 || esent_page_dbtime(pg) <= dbtime0)
                continue;
            written++;
            if (esent_page_checksum_verify(pg, cb_page, p - 1) != JET_errSuccess)
                bad++;
        }
        if (fp)
            fclose(fp);
        free(pg);
        esent_pagefile_close(pf);
        CU_ASSERT_EQUAL(bad, 0);
        printf("\n    %-60.60s %u trees churned (%u entries in and out), %u pages written, %u problems", files[f],
               trees, inserted, written, bad);
        free(snaps);
        free(objids);
        free(fdps);
        remove(path);
    }
    printf("\n");
}

/* ================================================================== a third-party reader */

#ifndef _WIN32
static int run_capture(const char *cmd, char *out, size_t cbout)
{
    FILE *p = popen(cmd, "r");
    if (p == NULL)
        return -1;
    size_t n = fread(out, 1, cbout - 1, p);
    out[n] = 0;
    return pclose(p);
}

/* A sequential table from dbimage, 10,000 rows inserted with DBK keys and records from format/record.h:
 * Debian's esedbexport (libesedb) exports exactly those rows. */
static void test_esedbexport(void)
{
    static char out[4 << 20];
    if (run_capture("command -v esedbexport 2>/dev/null", out, sizeof out) != 0 || out[0] == 0) {
        printf("\n    esedbexport not installed (Debian package libesedb-utils): check skipped\n");
        return;
    }
    static const esent_dbimage_column cols[] = {
        { "Id", JET_coltypLong, 0, ESENT_DBIMAGE_FIXED, 0 },
        { "Name", JET_coltypText, 0, ESENT_DBIMAGE_VARIABLE, 1252 },
        { "Note", JET_coltypLongText, 0, ESENT_DBIMAGE_TAGGED, 1252 },
    };
    const esent_dbimage_table tab = { "Rows", cols, 3, NULL, 0 };
    /* the layout dbimage gives those columns: fids 1, 128, 256 */
    static const esent_rec_column rc[3] = {
        { 1, JET_coltypLong, 4, 0 }, { 128, JET_coltypText, 255, 0 }, { 256, JET_coltypLongText, 0, 0 },
    };
    for (uint32_t s = 0; s < NSIZES; s++) {
        uint32_t cb_page = k_sizes[s], n = 10000, bad = 0;
        char path[64], cmd[512];
        esent_dbimage_options o = image_opts(cb_page);
        o.tables = &tab;
        o.ctables = 1;
        snprintf(path, sizeof path, "export_%u.edb", cb_page);
        CU_ASSERT_FATAL(write_image(path, &o));
        esent_pagefile *pf = NULL;
        esent_schema *sc = NULL;
        esent_rec_layout layout;
        CU_ASSERT_EQUAL_FATAL(esent_rec_layout_init(&layout, rc, 3, cb_page), JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(open_rw(path, 0, &pf), JET_errSuccess);
        CU_ASSERT_EQUAL_FATAL(esent_schema_load(pf, &sc), JET_errSuccess);
        const esent_schema_table *t = &sc->tables[sc->ctables - 1];
        for (uint32_t i = 1; i <= n; i++) {
            uint8_t key[4], id[4], rec[512];
            char name[32], note[64];
            size_t cb = 0;
            esent_wr32be(key, i);
            esent_wr32(id, i * 3);
            snprintf(name, sizeof name, "name%05u", i);
            snprintf(note, sizeof note, "note %u of %u", i, n);
            esent_rec_field f[3] = {
                { 1, 0, id, 4, 0 },
                { 128, 0, name, (uint32_t)strlen(name), 0 },
                { 256, i % 4 == 0 ? ESENT_RECV_NULL : 0, note, (uint32_t)strlen(note), 0 },
            };
            if (esent_rec_encode(&layout, f, i % 4 == 0 ? 2 : 3, rec, sizeof rec, &cb) != JET_errSuccess ||
                esent_btree_insert(pf, t->objid, t->pgno_fdp, key, 4, rec, (uint32_t)cb) != JET_errSuccess)
                bad++;
        }
        CU_ASSERT_EQUAL(bad, 0);
        esent_schema_free(sc);
        CU_ASSERT_EQUAL(esent_pagefile_close_clean(pf), JET_errSuccess);
        CU_ASSERT(check_db(path, NULL, NULL, 0, NULL, 1));
        snprintf(cmd, sizeof cmd, "rm -rf exp_%u.export && esedbexport -t exp_%u %s >/dev/null 2>&1 && cat exp_%u.export/Rows.*",
                 cb_page, cb_page, path, cb_page);
        int rc_exit = run_capture(cmd, out, sizeof out);
        CU_ASSERT_EQUAL(rc_exit, 0);
        /* header line, then one line per row in key order */
        char *line = out, want[160];
        uint32_t row = 0;
        bad = 0;
        while (*line) {
            char *nl = strchr(line, '\n');
            if (nl)
                *nl = 0;
            if (row == 0) {
                if (strcmp(line, "Id\tName\tNote") != 0)
                    bad++;
            } else {
                if (row % 4 == 0)
                    snprintf(want, sizeof want, "%u\tname%05u\t", row * 3, row);
                else
                    snprintf(want, sizeof want, "%u\tname%05u\tnote %u of %u", row * 3, row, row, n);
                if (strcmp(line, want) != 0 && bad++ == 0)
                    printf("\n    line %u: '%s', want '%s'", row, line, want);
            }
            row++;
            if (!nl)
                break;
            line = nl + 1;
        }
        CU_ASSERT_EQUAL(row, n + 1);
        CU_ASSERT_EQUAL(bad, 0);
        printf("\n    %5u B pages: esedbexport lists %u rows, %u differ", cb_page, row ? row - 1 : 0, bad);
        snprintf(cmd, sizeof cmd, "rm -rf exp_%u.export", cb_page);
        (void)run_capture(cmd, out, sizeof out);
        remove(path);
    }
    printf("\n");
}
#endif

/* ================================================================== throughput (--bench) */

static double now_s(void)
{
    LARGE_INTEGER c, f;
    QueryPerformanceCounter(&c);
    QueryPerformanceFrequency(&f);
    return (double)c.QuadPart / (double)f.QuadPart;
}

static int bench(uint32_t n, uint32_t cb_page, uint32_t cache_pages)
{
    const char *path = "bench.edb";
    esent_pagefile *pf = NULL;
    uint32_t fdp = 0, objid;
    uint8_t key[8], data[100];
    esent_btree_cursor c;
    memset(data, 0x33, sizeof data);
    for (int sequential = 1; sequential >= 0; sequential--) {
        if (!new_db(path, cb_page) || open_rw(path, 0, &pf) != JET_errSuccess ||
            (cache_pages && esent_pagefile_set_cache_pages(pf, cache_pages) != JET_errSuccess))
            return 1;
        objid = esent_pagefile_new_objid(pf);
        if (esent_tree_create(pf, 1, objid, ESENT_TREE_PRIMARY, 0, &fdp) != JET_errSuccess)
            return 1;
        double t0 = now_s();
        for (uint32_t i = 0; i < n; i++) {
            esent_wrbe(key, sequential ? i : splitmix(i), 8);
            if (esent_btree_insert(pf, objid, fdp, key, 8, data, sizeof data) != JET_errSuccess)
                return 1;
        }
        double t1 = now_s();
        if (esent_pagefile_flush(pf) != JET_errSuccess)
            return 1;
        double t2 = now_s();
        if (esent_btree_open(&c, pf, objid, fdp) != JET_errSuccess)
            return 1;
        for (uint32_t i = 0; i < n; i++) {
            int exact = 0;
            esent_wrbe(key, sequential ? splitmix(i) % n : splitmix(splitmix(i) % n), 8);
            if (esent_btree_seek(&c, key, 8, &exact) != JET_errSuccess || !exact)
                return 1;
        }
        double t3 = now_s();
        uint64_t count = 0;
        JET_ERR err;
        for (err = esent_btree_move_first(&c); err == JET_errSuccess; err = esent_btree_move_next(&c))
            count++;
        double t4 = now_s();
        esent_btree_close(&c);
        uint32_t cpg = esent_pagefile_page_count(pf);
        if (esent_pagefile_close_clean(pf) != JET_errSuccess || count != n)
            return 1;
        printf("%s keys, %u B pages, cache %u pages: %u inserts %.0f/s (+ flush %.2f s), %u random seeks %.0f/s, "
               "scan %.0f entries/s, file %.1f MiB\n",
               sequential ? "sequential" : "random", cb_page, cache_pages ? cache_pages : ESENT_CACHE_PAGES_DEFAULT, n,
               n / (t1 - t0), t2 - t1, n, n / (t3 - t2), n / (t4 - t3), (double)cpg * cb_page / 1048576.0);
    }
    remove(path);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--bench") == 0) {
        uint32_t n = argc >= 3 ? (uint32_t)strtoul(argv[2], NULL, 10) : 1000000u;
        uint32_t cb_page = argc >= 4 ? (uint32_t)strtoul(argv[3], NULL, 10) : 4096u;
        uint32_t cache_pages = argc >= 5 ? (uint32_t)strtoul(argv[4], NULL, 10) : 0u;
        return bench(n, cb_page, cache_pages);
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite p = esent_test_suite("page file", NULL, NULL);
    esent_test_add(p, "page primitives: insert, replace, delete, compaction, node flags, limits", test_page_ops);
    esent_test_add(p, "header states: DirtyShutdown while open, clean close, crash, refusals", test_pagefile_states);
    esent_test_add(p, "a 16-page cache under 20,000 inserts: eviction writes, reads back", test_cache_eviction);
    CU_pSuite b = esent_test_suite("btree writes", NULL, NULL);
    esent_test_add(b, "unique trees, 100,000 random keys, 4/8/16/32 KiB: insert, delete half, grow", test_unique_trees);
    esent_test_add(b, "non-unique trees: duplicates, key+data deletes, seeks", test_nonunique_trees);
    esent_test_add(b, "non-unique tree of one key: separators with data", test_nonunique_one_key);
    esent_test_add(b, "random inserts/deletes/replaces against a model, a cursor wandering", test_random_ops);
    esent_test_add(b, "largest entries and keys", test_entry_limits);
    esent_test_add(b, "cursors across deletes, replaces and splits", test_cursor_stability);
    esent_test_add(b, "positions: get_position, goto_fraction", test_positions);
    CU_pSuite s = esent_test_suite("space", NULL, NULL);
    esent_test_add(s, "destroyed trees give their pages back", test_destroy_reuse);
    esent_test_add(s, "space trees split and coalesce; single-extent trees convert; misuse", test_space);
    esent_test_add(s, "a table written by dbimage grows", test_dbimage_table);
    esent_test_add(b, "files Windows wrote: entries in and out of every table, index and LV tree", test_windows_files);
#ifndef _WIN32
    CU_pSuite r = esent_test_suite("readers", NULL, NULL);
    esent_test_add(r, "esedbexport reads 10,000 inserted rows (4/8/16/32 KiB)", test_esedbexport);
#endif
    return esent_test_run();
}
