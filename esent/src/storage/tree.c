/* Tree lifetime (btree.h esent_tree_create / esent_tree_destroy): a new tree's first extent and pages, and
 * giving everything a tree owns back to its parent. */
#include "storage/btint.h"

#include <string.h>

#include "storage/space.h"

#define CPG_TREE_MIN 3u   /* root, OE, AE (cpgMultipleExtentMin) */

JET_ERR esent_tree_create(esent_pagefile *pf, uint32_t pgno_fdp_parent, uint32_t objid, uint32_t kind,
                          uint32_t cpg_initial, uint32_t *ppgno_fdp)
{
    uint32_t base = kind & 0xFFu, flags, sph_flags = ESENT_SPH_MULTIPLE_EXTENT, fdp = 0;
    uint8_t sph_bytes[ESENT_SPH_SIZE];
    esent_bf *bf;
    JET_ERR err;

    if (ppgno_fdp != NULL)
        *ppgno_fdp = 0;
    if (pf == NULL || ppgno_fdp == NULL || pgno_fdp_parent == 0 || objid == 0 ||
        (kind & ~(0xFFu | ESENT_TREE_UNIQUE)) != 0 || base > ESENT_TREE_LONG_VALUE)
        return JET_errInvalidParameter;
    if (!esent_pagefile_writable(pf))
        return JET_errPermissionDenied;
    flags = base == ESENT_TREE_INDEX ? ESENT_PAGE_INDEX : base == ESENT_TREE_LONG_VALUE ? ESENT_PAGE_LONG_VALUE : 0;
    if (base == ESENT_TREE_INDEX && !(kind & ESENT_TREE_UNIQUE)) {
        flags |= ESENT_PAGE_NON_UNIQUE_KEYS;
        sph_flags |= ESENT_SPH_NON_UNIQUE;
    }
    uint32_t cpg = cpg_initial > CPG_TREE_MIN ? cpg_initial : CPG_TREE_MIN;
    if ((err = esent_space_alloc_extent(pf, pgno_fdp_parent, cpg, &fdp)) < 0)
        return err;
    const esent_space_header sph = { cpg, pgno_fdp_parent, sph_flags, fdp + 1 };
    esent_space_header_encode(&sph, sph_bytes);
    if ((err = esent_bf_new(pf, fdp, &bf)) < 0)
        return err;
    esent_bf_dirty(pf, bf);
    err = bt_page_format(bf->page, esent_pagefile_page_size(pf), fdp, objid, ESENT_PAGE_ROOT | ESENT_PAGE_LEAF | flags,
                         0, 0, sph_bytes, sizeof sph_bytes, NULL, 0);
    esent_bf_release(pf, bf);
    if (err >= 0)
        err = esent_space_format(pf, objid, flags, fdp, cpg);
    if (err >= 0)
        *ppgno_fdp = fdp;
    return err;
}

JET_ERR esent_tree_destroy(esent_pagefile *pf, uint32_t pgno_fdp_parent, uint32_t pgno_fdp)
{
    if (pf == NULL || pgno_fdp_parent == 0 || pgno_fdp == 0)
        return JET_errInvalidParameter;
    return esent_space_release_tree(pf, pgno_fdp, pgno_fdp_parent);
}
