#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "format/key.h"
#include "storage/btree.h"
#include "table/catwrite.h"
#include "table/trx.h"
#include "util/wstr.h"

/* The catalog's trees (ese-format.md §3.2); the indexes are looked up in the schema, as a database may
 * lack them (then they are not maintained). */
typedef struct cat_trees {
    uint32_t name_objid, name_pgno;
    uint32_t root_objid, root_pgno;
} cat_trees;

static void trees_of(const esent_tdb *tdb, cat_trees *ct)
{
    memset(ct, 0, sizeof *ct);
    const esent_schema *sc = tdb->schema;
    for (uint32_t i = 0; i < sc->ctables; i++) {
        const esent_schema_table *t = &sc->tables[i];
        if (t->objid != ESENT_CAT_OBJID_MSO)
            continue;
        for (uint32_t k = 0; k < t->cindexes; k++) {
            const esent_schema_index *x = &t->indexes[k];
            static const WCHAR k_name[] = { 'N', 'a', 'm', 'e', 0 };
            static const WCHAR k_root[] = { 'R', 'o', 'o', 't', 'O', 'b', 'j', 'e', 'c', 't', 's', 0 };
            if (esent_wicmp(x->name, k_name) == 0) {
                ct->name_objid = x->objid;
                ct->name_pgno = x->pgno_fdp;
            } else if (esent_wicmp(x->name, k_root) == 0) {
                ct->root_objid = x->objid;
                ct->root_pgno = x->pgno_fdp;
            }
        }
    }
}

/* The row's Name bytes as a C string (names are at most JET_cbNameMost bytes). */
static void name_of(const esent_cat_row *row, char *out, size_t cch)
{
    esent_cat_name(row, out, cch);
}

static JET_ERR layout_of(const esent_tdb *tdb, esent_rec_layout *layout, esent_rec_column *cols)
{
    return esent_cat_layout(layout, cols, esent_pagefile_page_size(tdb->pf));
}

JET_ERR esent_catw_insert(esent_session *s, esent_tdb *tdb, const esent_cat_row *row)
{
    esent_rec_column cols[64];
    esent_rec_layout layout;
    cat_trees ct;
    uint32_t cb_page = esent_pagefile_page_size(tdb->pf);
    uint8_t pk[ESENT_KEY_CATALOG_SIZE], nk[ESENT_KEY_MOST_OLD], rk[ESENT_KEY_MOST_OLD];
    uint32_t cb_nk = 0, cb_rk = 0;
    char name[JET_cbNameMost + 2];
    size_t cb_rec;
    JET_ERR err = layout_of(tdb, &layout, cols);
    if (err < 0)
        return err;
    uint8_t *rec = (uint8_t *)malloc(cb_page);
    if (rec == NULL)
        return JET_errOutOfMemory;
    err = esent_cat_encode(row, &layout, rec, cb_page, &cb_rec);
    if (err < 0)
        goto done;
    trees_of(tdb, &ct);
    name_of(row, name, sizeof name);
    esent_key_catalog(row->objidTable, row->type, row->id, pk);
    esent_key_catalog_name(row->objidTable, row->type, name, (uint32_t)strlen(name), nk, &cb_nk);
    if (row->fixedPresent & ESENT_CAT_PRESENT(ESENT_CAT_FID_ROOT_FLAG))
        esent_key_catalog_root(row->rootFlag, name, (uint32_t)strlen(name), rk, &cb_rk);
    /* Indexes first: a duplicate name fails before the row is stored. */
    if (ct.name_pgno != 0 && cb_nk != 0)
        ESENT_CALL(err, esent_trx_cat_insert(s, tdb->db, ct.name_objid, ct.name_pgno, nk, cb_nk, pk, sizeof pk), done);
    if (ct.root_pgno != 0 && cb_rk != 0)
        ESENT_CALL(err, esent_trx_cat_insert(s, tdb->db, ct.root_objid, ct.root_pgno, rk, cb_rk, pk, sizeof pk), done);
    ESENT_CALL(err, esent_trx_cat_insert(s, tdb->db, ESENT_CAT_OBJID_MSO, ESENT_CAT_PGNO_MSO, pk, sizeof pk, rec,
                                     (uint32_t)cb_rec), done);
    ESENT_CALL(err, esent_trx_cat_insert(s, tdb->db, ESENT_CAT_OBJID_MSO_SHADOW, ESENT_CAT_PGNO_MSO_SHADOW, pk,
                                     sizeof pk, rec, (uint32_t)cb_rec), done);
done:
    free(rec);
    return err;
}

JET_ERR esent_catw_read(esent_tdb *tdb, uint32_t objid_table, uint16_t type, uint32_t id, uint8_t *rec,
                        uint32_t cb_rec, uint32_t *pcb)
{
    uint8_t pk[ESENT_KEY_CATALOG_SIZE];
    esent_btree_cursor c;
    int exact = 0;
    esent_key_catalog(objid_table, type, id, pk);
    JET_ERR err = esent_btree_open(&c, tdb->pf, ESENT_CAT_OBJID_MSO, ESENT_CAT_PGNO_MSO);
    if (err < 0)
        return err;
    err = esent_btree_seek(&c, pk, sizeof pk, &exact);
    if (err >= 0 && !exact)
        err = JET_errRecordNotFound;
    if (err >= 0) {
        const uint8_t *data;
        uint32_t cb;
        err = esent_btree_current(&c, NULL, NULL, &data, &cb);
        if (err >= 0 && cb > cb_rec)
            err = JET_errDatabaseCorrupted;
        if (err >= 0) {
            memcpy(rec, data, cb);
            *pcb = cb;
        }
    }
    esent_btree_close(&c);
    return err;
}

JET_ERR esent_catw_delete(esent_session *s, esent_tdb *tdb, uint32_t objid_table, uint16_t type, uint32_t id)
{
    esent_rec_column cols[64];
    esent_rec_layout layout;
    esent_cat_row row;
    cat_trees ct;
    uint32_t cb_page = esent_pagefile_page_size(tdb->pf), cb_rec = 0;
    uint8_t pk[ESENT_KEY_CATALOG_SIZE], nk[ESENT_KEY_MOST_OLD], rk[ESENT_KEY_MOST_OLD];
    uint32_t cb_nk = 0, cb_rk = 0;
    char name[JET_cbNameMost + 2];
    JET_ERR err = layout_of(tdb, &layout, cols);
    if (err < 0)
        return err;
    uint8_t *rec = (uint8_t *)malloc(cb_page);
    if (rec == NULL)
        return JET_errOutOfMemory;
    ESENT_CALL(err, esent_catw_read(tdb, objid_table, type, id, rec, cb_page, &cb_rec), done);
    ESENT_CALL(err, esent_cat_decode(rec, cb_rec, &layout, &row), done);
    trees_of(tdb, &ct);
    name_of(&row, name, sizeof name);
    esent_key_catalog(objid_table, type, id, pk);
    esent_key_catalog_name(objid_table, type, name, (uint32_t)strlen(name), nk, &cb_nk);
    if (row.fixedPresent & ESENT_CAT_PRESENT(ESENT_CAT_FID_ROOT_FLAG))
        esent_key_catalog_root(row.rootFlag, name, (uint32_t)strlen(name), rk, &cb_rk);
    if (ct.name_pgno != 0 && cb_nk != 0) {
        err = esent_trx_cat_delete(s, tdb->db, ct.name_objid, ct.name_pgno, nk, cb_nk, pk, sizeof pk);
        if (err < 0 && err != JET_errRecordNotFound)
            goto done;
    }
    if (ct.root_pgno != 0 && cb_rk != 0) {
        err = esent_trx_cat_delete(s, tdb->db, ct.root_objid, ct.root_pgno, rk, cb_rk, pk, sizeof pk);
        if (err < 0 && err != JET_errRecordNotFound)
            goto done;
    }
    err = esent_trx_cat_delete(s, tdb->db, ESENT_CAT_OBJID_MSO_SHADOW, ESENT_CAT_PGNO_MSO_SHADOW, pk, sizeof pk, rec,
                           cb_rec);
    if (err < 0 && err != JET_errRecordNotFound)
        goto done;
    err = esent_trx_cat_delete(s, tdb->db, ESENT_CAT_OBJID_MSO, ESENT_CAT_PGNO_MSO, pk, sizeof pk, rec, cb_rec);
done:
    free(rec);
    return err;
}
