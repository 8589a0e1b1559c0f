/* Space: which pages each tree owns and which of those are free (ese-format.md §2.7, §3.1-§3.3).
 *
 * Hierarchy. The database root (pgno 1, objid 1, SPACE_HEADER parent 0) owns the whole file; every other
 * tree owns extents it got from its parent (SPACE_HEADER pgnoParent): tables and catalogs from the
 * database root, a table's secondary indexes and LV tree from the table's FDP. Pages a child owns stay
 * inside the parent's owned extents; giving a tree's extents back to its parent therefore also gives
 * back those of the trees it owns.
 *
 * A multiple-extent tree describes its space with two B+trees rooted at pgnoOE and pgnoOE + 1: OE (owned
 * extents) and AE (available extents), one node per extent: key = last pgno, 4 bytes big-endian; data =
 * page count, i32. The pages of both trees carry the owner's objid, ESENT_PAGE_SPACE_TREE and the owner's
 * index / long-value / non-unique flags. AE nodes with 5-byte keys (Windows' pool extents) are left alone.
 * Invariants kept here:
 *   - every AE extent lies inside one OE extent; AE extents never overlap; two AE extents that touch
 *     inside one OE extent are one node (coalesced on free);
 *   - a page of a tree is in exactly one of: its AE, in use by the tree (its own pages, its space trees'
 *     pages, its children's extents), or a split buffer of its OE/AE (below).
 * A single-extent tree (SPACE_HEADER without the multiple-extent flag; dbimage.c's user tables) owns
 * cpgPrimary pages from its FDP on and marks free ones in rgbitAvail (bit i: page FDP + 1 + i, i < 32).
 * It allocates from the bitmap; when the bitmap has no free page left (or a child asks it for an
 * extent), it becomes a multiple-extent tree: a new extent from its parent holds its OE and AE roots,
 * the OE lists the primary extent and the new one, the AE their free pages.
 *
 * Growth. A tree with no available page takes a secondary extent from its parent of
 * max(16, pages owned / 2) pages (at most 64 MiB), so a tree of N pages has O(log N) extents; the
 * database root grows the file by max(request, 256 pages, 10% of the file).
 *
 * Space trees split like any B+tree. A split of an OE/AE cannot take its pages from that same AE (the tree
 * being changed), so, as ESE does, each space-tree root keeps a split buffer in its tag 0 (two runs of
 * reserved pages, owned by the tree and in neither tree): before an insert that may split a space tree of
 * depth d, d + 1 pages are put there, taken from the AE without inserting anything (an extent shrinks in
 * place) or carved from a new extent before that extent is recorded. Emptied space-tree leaves cannot go
 * back to the AE being changed either: they are freed when the outermost space operation ends.
 *
 * Errors: JET_errSPOwnExtCorrupted (freeing a page the tree does not own), JET_errSPAvailExtCorrupted
 * (freeing a page that is already free, or a malformed space tree node), JET_errPermissionDenied
 * (read-only file), the page file's and B-tree's errors (JET_errDiskFull when the file cannot grow). */
#ifndef ESENT_STORAGE_SPACE_H
#define ESENT_STORAGE_SPACE_H

#include "api/api.h"
#include "storage/pagefile.h"

/* A free page owned by the tree at pgno_fdp (taken out of its AE, or its bitmap); the caller formats it.
 * A tree without one first takes a secondary extent from its parent, recursively up to the database
 * root, which grows the file. */
JET_ERR esent_space_alloc_page(esent_pagefile *pf, uint32_t pgno_fdp, uint32_t *ppgno);
/* Gives page pgno back to the AE (or bitmap) of the tree at pgno_fdp, which owns it. */
JET_ERR esent_space_free_page(esent_pagefile *pf, uint32_t pgno_fdp, uint32_t pgno);

/* For tree.c. */
/* cpg contiguous pages for a new tree, from the AE of the tree at pgno_fdp_parent; *ppgno_first = the
 * first. */
JET_ERR esent_space_alloc_extent(esent_pagefile *pf, uint32_t pgno_fdp_parent, uint32_t cpg, uint32_t *ppgno_first);
/* Formats pgno_fdp + 1 and + 2 as the OE and AE roots of a new tree (objid, page kind flags) owning the cpg
 * pages from pgno_fdp: the OE holds that extent, the AE its pages after the first three. */
JET_ERR esent_space_format(esent_pagefile *pf, uint32_t objid, uint32_t kind_flags, uint32_t pgno_fdp, uint32_t cpg);
/* Gives every extent the tree at pgno_fdp owns back to the AE of its parent, which must be the tree at
 * pgno_fdp_parent (else JET_errInvalidParameter; also for the database root, which has none). */
JET_ERR esent_space_release_tree(esent_pagefile *pf, uint32_t pgno_fdp, uint32_t pgno_fdp_parent);

/* For the database (storage/database.c) and JetGetTableInfo's space levels (table/ddlinfo.c). */
/* Pages the tree at pgno_fdp owns (its OE extents, or cpgPrimary) and of those the free ones (its AE
 * extents, or the bitmap's free pages). Windows' pool extents (5-byte keys) are not counted. Reads only:
 * any page file. */
JET_ERR esent_space_info(esent_pagefile *pf, uint32_t pgno_fdp, uint64_t *pcpg_owned, uint64_t *pcpg_avail);
/* The owned extents of the tree at pgno_fdp in page order (its OE; a single-extent tree's one primary extent),
 * the first cext_max of them written to pv as pairs of host-order uint32 (last page, page count), 8 bytes
 * each, with memcpy (pv needs no alignment; NULL when cext_max is 0). *pcext = how many extents it owns (may
 * exceed cext_max). Pool extents are left out, as in esent_space_info. Reads only: any page file. */
JET_ERR esent_space_extents(esent_pagefile *pf, uint32_t pgno_fdp, void *pv, uint32_t cext_max, uint32_t *pcext);
/* JetGrowDatabase / JetSetDatabaseSize: the database root (pgno 1) comes to own pages 1..cpg_total at
 * least. Nothing happens when its OE already reaches cpg_total. Otherwise the file is extended to at least
 * cpg_total pages and the pages after the root's last owned one, up to cpg_total, become one extent in its
 * OE and AE, as the root's own growth records them (pages a tail of the file held unowned are taken in).
 * Refilling the OE/AE split buffers for those inserts may first grow the file by the root's usual growth,
 * so the file can end up larger than cpg_total. JET_errOutOfDatabaseSpace above 0xFFFFFF00 pages,
 * JET_errPermissionDenied (read-only file), JET_errDatabaseCorrupted (page 1 is not a multiple-extent
 * root without a parent), the page file's errors (JET_errDiskFull, ...). */
JET_ERR esent_space_grow_database(esent_pagefile *pf, uint32_t cpg_total);

#endif
