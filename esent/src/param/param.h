/* System parameters (JetSetSystemParameter / JetGetSystemParameter): the table of all 221 ids and
 * the set/get rules of real ESENT (spec/ese-api.md §1.10 and Appendix A).
 *
 * Values live in an esent_params: one global table (per-instance parameters there are the defaults
 * cloned into each new instance) and one per instance. All functions here are called with the engine
 * lock held (core/engine.h), except esent_param_num/esent_param_str on an instance's own table,
 * which other threads only change before that instance's JetInit. */
#ifndef ESENT_PARAM_PARAM_H
#define ESENT_PARAM_PARAM_H

#include "api/api.h"

#define ESENT_PARAM_COUNT 221u   /* ids 0..220; 221 is JET_paramMaxValueInvalid */

struct esent_instance;

typedef struct esent_param_value {
    JET_API_PTR num;        /* integer, boolean, grbit, block size or pointer value */
    WCHAR      *str;        /* string, path and folder values (malloc'ed), else NULL */
    uint8_t     set;        /* 1 once set explicitly (JetEnableMultiInstance compares these) */
} esent_param_value;

typedef struct esent_params {
    esent_param_value v[ESENT_PARAM_COUNT];
} esent_params;

/* The global table, filled with defaults on first use. */
esent_params *esent_params_global(void);
/* Deep copy (for a new instance). JET_errOutOfMemory on failure (to is then empty). */
JET_ERR esent_params_clone(const esent_params *from, esent_params *to);
/* Frees the strings of p. */
void esent_params_release(esent_params *p);

/* The current value of id for inst (NULL: the global table); a global parameter always reads the
 * global table. */
JET_API_PTR esent_param_num(const struct esent_instance *inst, uint32_t id);
const WCHAR *esent_param_str(const struct esent_instance *inst, uint32_t id);

/* 1 when id is a string-valued parameter (returned through szParam by JetGetSystemParameter),
 * including JET_paramErrorToString. */
int esent_param_is_string(uint32_t id);

/* JetSetSystemParameterW after the target is resolved: inst is the addressed instance, or NULL for
 * the global table. Applies scope, timing (-1030), range (-1003), read-only and the equal-value rule. */
JET_ERR esent_param_set(struct esent_instance *inst, uint32_t id, JET_API_PTR lParam, const WCHAR *sz);
/* JetGetSystemParameterW after the target is resolved. cbMax is in bytes; sz may be NULL for
 * non-string parameters. */
JET_ERR esent_param_get(const struct esent_instance *inst, uint32_t id, JET_API_PTR *plParam, WCHAR *sz, uint32_t cbMax);
/* JetEnableMultiInstanceW when multi-instance mode is already on: nothing is set; each entry is
 * compared with the global value (and the explicitly-set mode-locked parameters must agree both
 * ways), each entry's err is written, *pcmatched counts the entries that matched before the first
 * mismatch. Returns JET_errSystemParamsAlreadySet (-1082) when all agree, else
 * JET_errSystemParameterConflict (-1087), or -1003 for an id out of range. */
JET_ERR esent_params_compare_multi(JET_SETSYSPARAM_W *rg, uint32_t count, uint32_t *pcmatched);

#endif
