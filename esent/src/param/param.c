/* System parameters: storage, JetSetSystemParameter / JetGetSystemParameter rules,
 * JET_paramConfiguration and the JetEnableMultiInstance comparison (spec/ese-api.md §1.9, §1.10,
 * Appendix A; behaviour follows the engine's jetapi.cxx where the documentation is silent).
 *
 * Storage. Every table (the global one and one per instance) holds a value for every id. A global
 * parameter is only ever read from and written to the global table; a per-instance parameter lives
 * in the instance's table, and its global entry is the default cloned into instances created later.
 * A string entry whose str is NULL holds the table default (esent_param_table[id].sdef), so filling
 * or resetting a table never allocates.
 *
 * Set order (engine ErrSetSystemParameter / CJetParam::ValidateSet):
 *   id out of range → -1003; advanced parameter while JET_paramEnableAdvanced is 0 → ignored
 *   (success); read-only → -1003; then, for the standard types: a numeric value equal to the current
 *   one → success whatever the timing; mode lock → -1030; instance init lock → -1030; range → -1003.
 *   Strings are never "equal": the engine compares the caller's pointer with its own copy, so a
 *   string parameter is always timing-checked.
 *
 * All functions run with the engine lock held (core/engine.h). */
#include "api/api.h"

#include "param/param.h"
#include "param/param_table.h"

#include "core/engine.h"
#include "core/instance.h"
#include "err/errtext.h"
#include "util/wstr.h"

#include <stdlib.h>
#include <string.h>

/* Commit grbits JET_paramCommitDefault accepts: LazyFlush, WaitLastLevel0Commit,
 * WaitAllLevel0Commit, ForceNewLog and the private CommitRedoCallback (0x20). */
#define COMMIT_DEFAULT_MASK 0x3Bu

/* JET_paramEnableShrinkDatabase: Off, On, Realtime and the private Periodically (0x8000). */
#define SHRINK_ON           0x1u
#define SHRINK_VALID_MASK   (0x1u | 0x2u | 0x8000u)

/* JET_paramUnicodeIndexDefault: the engine default (en-US, LCMAP_SORTKEY | NORM_IGNORECASE |
 * NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH) and the LCMapString flags the engine accepts. */
#define UNICODE_LCID_DEFAULT   0x0409u
#define UNICODE_FLAGS_DEFAULT  0x00030401u
#define UNICODE_FLAGS_VALID    (0x00000400u | 0x00000800u | 0x00000001u | 0x00000002u | 0x00000004u | \
                                0x00000010u | 0x00000020u | 0x00010000u | 0x00020000u | 0x08000000u | \
                                0x00001000u | 0x00000200u)

/* Legacy configuration value 0 stands for this set of configurations (jetapi.cxx SetConfiguration). */
#define CONFIG_LEGACY_SMALL_SET (JET_configDefault | JET_configLowDiskFootprint | JET_configLowMemory | \
                                 JET_configRemoveQuotas)

static esent_params g_global;
static int          g_global_ready;

static const esent_param_def *def_of(uint32_t id)
{
    return &esent_param_table[id];
}

static int is_string_type(const esent_param_def *d)
{
    return d->type == ESENT_PT_STRING || d->type == ESENT_PT_PATH || d->type == ESENT_PT_FOLDER;
}

static void fill_defaults(esent_params *p)
{
    for (uint32_t id = 0; id < ESENT_PARAM_COUNT; id++) {
        p->v[id].num = def_of(id)->def;
        p->v[id].str = NULL;
        p->v[id].set = 0;
    }
}

esent_params *esent_params_global(void)
{
    if (!g_global_ready) {
        fill_defaults(&g_global);
        g_global_ready = 1;
    }
    return &g_global;
}

void esent_params_release(esent_params *p)
{
    for (uint32_t id = 0; id < ESENT_PARAM_COUNT; id++) {
        free(p->v[id].str);
        p->v[id].str = NULL;
    }
}

JET_ERR esent_params_clone(const esent_params *from, esent_params *to)
{
    for (uint32_t id = 0; id < ESENT_PARAM_COUNT; id++) {
        to->v[id] = from->v[id];
        to->v[id].str = NULL;
    }
    for (uint32_t id = 0; id < ESENT_PARAM_COUNT; id++) {
        if (from->v[id].str == NULL)
            continue;
        to->v[id].str = esent_wdup(from->v[id].str);
        if (to->v[id].str == NULL) {
            esent_params_release(to);
            memset(to, 0, sizeof *to);
            return JET_errOutOfMemory;
        }
    }
    return JET_errSuccess;
}

/* The table holding id for inst (NULL: the global table). */
static esent_params *table_for(const esent_instance *inst, uint32_t id)
{
    if (inst == NULL || (def_of(id)->flags & ESENT_PF_GLOBAL))
        return esent_params_global();
    return (esent_params *)&inst->params;
}

static const WCHAR *string_value(const esent_params *p, uint32_t id)
{
    return p->v[id].str != NULL ? p->v[id].str : def_of(id)->sdef;
}

static JET_API_PTR page_size(void)
{
    return esent_params_global()->v[JET_paramDatabasePageSize].num;
}

/* Values the engine derives from the database page size (jetapi.cxx InitVariablesWithPageSize,
 * GetKeyMostMost, GetRecordSizeMost; cpage.hxx). Pages of 4 and 8 KiB have a 40-byte header, 16 and
 * 32 KiB pages an 80-byte one; one 4-byte tag is reserved on every page. */
static JET_API_PTR key_most(JET_API_PTR cb_page)
{
    return cb_page <= 4096 ? 1000 : 2000;   /* JET_cbKeyMost4KBytePage / JET_cbKeyMost8KBytePage and up */
}

static JET_API_PTR lv_chunk_size_most(JET_API_PTR cb_page)
{
    if (cb_page == 32768)
        return 8150;
    if (cb_page == 16384)
        return 4050;
    return cb_page - 82;   /* LVChunkOverheadCommon (42) + the 40-byte small-page header */
}

static JET_API_PTR record_size_most(JET_API_PTR cb_page)
{
    JET_API_PTR header = cb_page <= 8192 ? 40 : 80;
    return cb_page - header - 4;   /* CPAGE::CbPageDataMaxNoInsert */
}

/* The numeric value a get returns, for parameters whose value is computed rather than stored. */
static JET_API_PTR numeric_value(const esent_params *p, uint32_t id)
{
    switch (id) {
    case JET_paramKeyMost:          return key_most(page_size());
    case JET_paramLVChunkSizeMost:  return lv_chunk_size_most(page_size());
    case ESENT_PARAM_RECORD_SIZE_MOST:   return record_size_most(page_size());
    case JET_paramCacheSize:        return 0;   /* no database cache is allocated in this engine */
    case ESENT_PARAM_ENGINE_FORMAT_VERSION:
        return p->v[id].num == ESENT_EFV_USE_ENGINE_DEFAULT ? ESENT_EFV_MAX : p->v[id].num;
    default:                        return p->v[id].num;
    }
}

JET_API_PTR esent_param_num(const struct esent_instance *inst, uint32_t id)
{
    if (id >= ESENT_PARAM_COUNT)
        return 0;
    return numeric_value(table_for(inst, id), id);
}

const WCHAR *esent_param_str(const struct esent_instance *inst, uint32_t id)
{
    if (id >= ESENT_PARAM_COUNT || !is_string_type(def_of(id)))
        return NULL;
    return string_value(table_for(inst, id), id);
}

int esent_param_is_string(uint32_t id)
{
    if (id >= ESENT_PARAM_COUNT)
        return 0;
    return is_string_type(def_of(id)) || id == JET_paramErrorToString;
}

/* ---- timing and validation ---- */

/* -1030 when the parameter may no longer change in this state (CJetParam::Reset / ValidateSet). An
 * instance counts as initialized from the moment its JetInit starts. */
static JET_ERR check_timing(const esent_param_def *d, const esent_instance *inst)
{
    if ((d->flags & ESENT_PF_MODE_LOCK) && esent_runmode_get() != ESENT_RUNMODE_NONE)
        return JET_errAlreadyInitialized;
    if ((d->flags & ESENT_PF_INIT_LOCK) && inst != NULL && esent_inst_state_get(inst) != ESENT_INST_CREATED)
        return JET_errAlreadyInitialized;
    return JET_errSuccess;
}

/* CJetParam::ValidateSet for a numeric value. A value equal to the current one is accepted whatever
 * the timing and range. */
static JET_ERR validate_num(const esent_param_def *d, const esent_instance *inst, JET_API_PTR current,
                            JET_API_PTR value)
{
    if (value == current)
        return JET_errSuccess;
    JET_ERR err = check_timing(d, inst);
    if (err < 0)
        return err;
    if (value < d->lo || value > d->hi)
        return JET_errInvalidParameter;
    return JET_errSuccess;
}

static JET_ERR validate_string(const esent_param_def *d, const esent_instance *inst, const WCHAR *sz)
{
    JET_ERR err = check_timing(d, inst);
    if (err < 0)
        return err;
    size_t cch = sz != NULL ? esent_wlen(sz) : 0;
    if (cch < d->lo || cch > d->hi)
        return JET_errInvalidParameter;
    return JET_errSuccess;
}

static int is_power_of_two(JET_API_PTR n)
{
    return n != 0 && (n & (n - 1)) == 0;
}

/* Replaces a string value with a copy of sz (NULL stores ""). */
static JET_ERR store_string(esent_param_value *v, const WCHAR *sz)
{
    static const WCHAR empty[] = { 0 };
    WCHAR *copy = esent_wdup(sz != NULL ? sz : empty);
    if (copy == NULL)
        return JET_errOutOfMemory;
    free(v->str);
    v->str = copy;
    v->set = 1;
    return JET_errSuccess;
}

/* Set of a standard parameter (CJetParam::SetInteger/SetBoolean/SetGrbit/SetBlockSize/SetPointer/
 * SetString/SetPath/SetFolder). Paths and folders are stored as given: resolving them (relative to
 * the current folder, TempPath relative to SystemPath) is done by JetInit. */
static JET_ERR set_standard(const esent_param_def *d, const esent_instance *inst, esent_param_value *v,
                            JET_API_PTR lParam, const WCHAR *sz)
{
    JET_ERR err;
    switch (d->type) {
    case ESENT_PT_INTEGER:
    case ESENT_PT_GRBIT:
    case ESENT_PT_POINTER:
    case ESENT_PT_BOOLEAN:
    case ESENT_PT_BLOCKSIZE:
        err = validate_num(d, inst, v->num, lParam);
        if (err < 0)
            return err;
        if (d->type == ESENT_PT_BLOCKSIZE && !is_power_of_two(lParam))
            return JET_errInvalidParameter;
        v->num = d->type == ESENT_PT_BOOLEAN ? (lParam != 0) : lParam;
        v->set = 1;
        return JET_errSuccess;
    case ESENT_PT_STRING:
    case ESENT_PT_PATH:
    case ESENT_PT_FOLDER:
        err = validate_string(d, inst, sz);
        if (err < 0)
            return err;
        return store_string(v, sz);
    default:
        return JET_errInvalidParameter;   /* unused id (CJetParam::IllegalSet) */
    }
}

/* ---- JET_paramUnicodeIndexDefault ----
 * The engine keeps a locale name and LCMapString flags. This engine has no locale database: it
 * stores the LCID and flags given (as the text "llllllll:ffffffff" in str; NULL = default) and
 * returns them unchanged. Flags outside the set the engine accepts are rejected (-1003); the LCID
 * is not validated. */
static void unicode_value(const esent_param_value *v, JET_UNICODEINDEX *out)
{
    out->lcid = UNICODE_LCID_DEFAULT;
    out->dwMapFlags = UNICODE_FLAGS_DEFAULT;
    if (v->str == NULL)
        return;
    uint32_t parts[2] = { 0, 0 };
    int part = 0;
    for (const WCHAR *c = v->str; *c != 0 && part < 2; c++) {
        if (*c == ':') {
            part++;
            continue;
        }
        uint32_t digit = (*c <= '9') ? (uint32_t)(*c - '0') : (uint32_t)(*c - 'a' + 10);
        parts[part] = (parts[part] << 4) | digit;
    }
    out->lcid = parts[0];
    out->dwMapFlags = parts[1];
}

static JET_ERR set_unicode_index_default(esent_param_value *v, JET_API_PTR lParam)
{
    const JET_UNICODEINDEX *ui = (const JET_UNICODEINDEX *)lParam;
    if (ui == NULL) {
        free(v->str);
        v->str = NULL;
        return JET_errSuccess;
    }
    if (ui->dwMapFlags & ~UNICODE_FLAGS_VALID)
        return JET_errInvalidParameter;
    static const char hex[] = "0123456789abcdef";
    WCHAR text[18];
    for (int i = 0; i < 8; i++) {
        text[i] = (WCHAR)hex[(ui->lcid >> (28 - 4 * i)) & 0xF];
        text[9 + i] = (WCHAR)hex[(ui->dwMapFlags >> (28 - 4 * i)) & 0xF];
    }
    text[8] = ':';
    text[17] = 0;
    WCHAR *copy = esent_wdup(text);
    if (copy == NULL)
        return JET_errOutOfMemory;
    free(v->str);
    v->str = copy;
    return JET_errSuccess;
}

/* ---- JET_paramEngineFormatVersion (jetapi.cxx ErrSetEngineFormatVersionParameter) ---- */
static JET_ERR validate_efv(JET_API_PTR value)
{
    if (value < ESENT_EFV_MIN)
        return JET_errEngineFormatVersionNoLongerSupportedTooLow;
    int allow_higher = (value & ESENT_EFV_ALLOW_HIGHER) == ESENT_EFV_ALLOW_HIGHER;
    JET_API_PTR bare = allow_higher ? (value & ~(JET_API_PTR)ESENT_EFV_ALLOW_HIGHER) : value;
    if (bare > ESENT_EFV_MAX && value != ESENT_EFV_USE_PERSISTED_FORMAT && value != ESENT_EFV_USE_ENGINE_DEFAULT)
        return JET_errEngineFormatVersionNotYetImplementedTooHigh;
    if ((value & ESENT_EFV_SIGNAL_BIT) && bare < 5)
        return JET_errInvalidParameter;   /* AllowHigher combined with a special value */
    if (value == ESENT_EFV_USE_PERSISTED_FORMAT || value == ESENT_EFV_USE_ENGINE_DEFAULT)
        return JET_errSuccess;
    if (!esent_efv_known((uint32_t)bare))
        return bare < ESENT_EFV_MAX ? JET_errEngineFormatVersionNoLongerSupportedTooLow
                                    : JET_errEngineFormatVersionNotYetImplementedTooHigh;
    return JET_errSuccess;
}

/* ---- JET_paramConfiguration (jetapi.cxx SetConfiguration / CJetParam::Reset) ---- */

/* The configuration bits in effect for a stored JET_paramConfiguration value. */
static uint32_t config_in_effect(JET_API_PTR stored)
{
    return stored == 0 ? CONFIG_LEGACY_SMALL_SET : (uint32_t)stored;
}

/* CJetParam::Reset: back to value (numbers) or the default string, "not set"; skipped (silently)
 * when the parameter may no longer change. */
static void reset_one(const esent_instance *inst, esent_params *p, uint32_t id, JET_API_PTR value)
{
    const esent_param_def *d = def_of(id);
    if (check_timing(d, inst) < 0)
        return;
    esent_param_value *v = &p->v[id];
    free(v->str);
    v->str = NULL;
    /* A global set of JET_paramCachedClosedTables is ignored by the engine, and so is its reset. */
    if (!(id == JET_paramCachedClosedTables && inst == NULL))
        v->num = value;
    v->set = 0;
}

/* The table a configuration change writes id to; NULL when an instance change must skip a global
 * parameter. */
static esent_params *config_target(const esent_instance *inst, uint32_t id)
{
    if (inst != NULL && (def_of(id)->flags & ESENT_PF_GLOBAL))
        return NULL;
    return table_for(inst, id);
}

static void apply_config_set(const esent_instance *inst, uint32_t bit)
{
    esent_config_set set = esent_config_overrides(bit);
    JET_API_PTR cb_page = page_size();
    for (size_t i = 0; i < set.count; i++) {
        const esent_config_override *o = &set.items[i];
        esent_params *target = config_target(inst, o->id);
        if (target == NULL)
            continue;
        JET_API_PTR value = o->value;
        if (o->unit == ESENT_CU_BYTES_TO_PAGES) {
            value /= cb_page;
        } else if (o->unit == ESENT_CU_PCT_CACHE_MAX_TO_PAGES) {
            JET_API_PTR cache_max = esent_params_global()->v[JET_paramCacheSizeMax].num;
            value = cache_max * value / 100;
            JET_API_PTR floor = o->id == JET_paramStartFlushThreshold ? 1 : 2;
            if (cache_max <= 100 && value < floor)
                value = floor;
        }
        if (o->id == JET_paramLogFileSize && cb_page == 32768 && value == 64)
            value = 128;   /* 64 KiB logs do not work with 32 KiB pages */
        reset_one(inst, target, o->id, value);
    }
}

static JET_ERR set_configuration(const esent_instance *inst, esent_params *p, JET_API_PTR lParam)
{
    if (inst == NULL && esent_runmode_get() != ESENT_RUNMODE_NONE)
        return JET_errAlreadyInitialized;
    if (inst != NULL && esent_inst_state_get(inst) != ESENT_INST_CREATED)
        return JET_errAlreadyInitialized;
    const esent_param_def *d = def_of(JET_paramConfiguration);
    if (lParam < d->lo || lParam > d->hi)
        return JET_errInvalidParameter;

    uint32_t value = (uint32_t)lParam;
    uint32_t apply, stored;
    if (value == 0) {                        /* legacy "small" configuration */
        apply = CONFIG_LEGACY_SMALL_SET;
        stored = 0;
    } else if (value == JET_configDefault) {
        apply = JET_configDefault;
        stored = JET_configDefault;
    } else {                                 /* cumulative unless the default bit starts over */
        apply = value;
        stored = (value & JET_configDefault) ? JET_configDefault
                                             : config_in_effect(p->v[JET_paramConfiguration].num);
        stored |= value & ~(uint32_t)JET_configDefault;
    }
    int legacy_small = stored == 0;
    p->v[JET_paramConfiguration].num = stored;
    p->v[JET_paramConfiguration].set = 1;

    /* The default bit (or legacy 0) resets every parameter of the table to its column. */
    if ((apply & JET_configDefault) || legacy_small) {
        for (uint32_t id = 0; id < ESENT_PARAM_COUNT; id++) {
            esent_params *target = config_target(inst, id);
            if (id == JET_paramConfiguration || target == NULL)
                continue;
            reset_one(inst, target, id, legacy_small ? def_of(id)->small : def_of(id)->def);
        }
    }
    if ((apply & JET_configLowDiskFootprint) && !legacy_small)
        apply_config_set(inst, JET_configLowDiskFootprint);
    if (apply & JET_configMediumDiskFootprint)
        apply_config_set(inst, JET_configMediumDiskFootprint);
    /* Low memory: every parameter whose small default differs takes it. */
    if ((apply & JET_configLowMemory) && !legacy_small) {
        for (uint32_t id = 0; id < ESENT_PARAM_COUNT; id++) {
            esent_params *target = config_target(inst, id);
            if (id == JET_paramConfiguration || target == NULL || def_of(id)->small == def_of(id)->def)
                continue;
            reset_one(inst, target, id, def_of(id)->small);
        }
    }
    if (apply & JET_configDynamicMediumMemory)
        apply_config_set(inst, JET_configDynamicMediumMemory);
    if (apply & JET_configSSDProfileIO)
        apply_config_set(inst, JET_configSSDProfileIO);
    if (apply & JET_configRemoveQuotas)
        apply_config_set(inst, JET_configRemoveQuotas);
    if (apply & JET_configRunSilent)
        apply_config_set(inst, JET_configRunSilent);
    /* LowPower, UnthrottledMemory and HighConcurrencyScaling change no parameter. */
    return JET_errSuccess;
}

/* ---- set ---- */

JET_ERR esent_param_set(struct esent_instance *inst, uint32_t id, JET_API_PTR lParam, const WCHAR *sz)
{
    if (id >= ESENT_PARAM_COUNT)
        return JET_errInvalidParameter;
    const esent_param_def *d = def_of(id);
    esent_params *p = table_for(inst, id);
    const esent_params *adv_table = (inst == NULL || (d->flags & ESENT_PF_GLOBAL)) ? esent_params_global()
                                                                                   : &inst->params;
    if ((d->flags & ESENT_PF_ADVANCED) && adv_table->v[JET_paramEnableAdvanced].num == 0)
        return JET_errSuccess;   /* advanced parameters are ignored */
    if (d->flags & ESENT_PF_READONLY)
        return JET_errInvalidParameter;

    esent_param_value *v = &p->v[id];
    JET_ERR err;
    switch (id) {
    case JET_paramCommitDefault:
        /* Accepted any time; the value is not range-checked beyond the grbit mask. */
        if ((uint32_t)lParam & ~COMMIT_DEFAULT_MASK)
            return JET_errInvalidParameter;
        v->num = (uint32_t)lParam;
        return JET_errSuccess;
    case JET_paramCacheSize:
        /* A request to resize the database cache; there is no cache to resize. */
        return JET_errSuccess;
    case JET_paramUnicodeIndexDefault:
        return set_unicode_index_default(v, lParam);
    case ESENT_PARAM_DBA_PAGE_AVAIL_THRESHOLD:
    case ESENT_PARAM_DBA_K1:
    case ESENT_PARAM_DBA_K2:
        return JET_errSuccess;   /* CJetParam::IgnoreSet */
    case JET_paramCachedClosedTables:
        if (inst == NULL)
            return JET_errSuccess;   /* the engine ignores a global set */
        break;
    case JET_paramConfiguration:
        return set_configuration(inst, p, lParam);
    case JET_paramEnableShrinkDatabase:
        if (((uint32_t)lParam & ~SHRINK_VALID_MASK) ||
            (!((uint32_t)lParam & SHRINK_ON) && (uint32_t)lParam != 0))
            return JET_errInvalidGrbit;
        break;
    case ESENT_PARAM_ENGINE_FORMAT_VERSION:
        err = validate_efv(lParam);
        if (err < 0)
            return err;
        break;
    case JET_paramConfigStoreSpec:
        if (sz == NULL) {
            free(v->str);
            v->str = NULL;
            v->set = 1;
            return JET_errSuccess;
        }
        /* The registry configuration store is not read: the value is kept, nothing is loaded. */
        break;
    default:
        break;
    }
    return set_standard(d, inst, v, lParam, sz);
}

/* ---- get ---- */

/* Copies src into a caller buffer of cb bytes; too small → truncated, terminated, -1038. */
static JET_ERR copy_out(WCHAR *dst, uint32_t cb, const WCHAR *src)
{
    size_t cch = cb / sizeof(WCHAR);
    size_t len = esent_wlen(src);
    if (len + 1 <= cch) {
        memcpy(dst, src, (len + 1) * sizeof(WCHAR));
        return JET_errSuccess;
    }
    if (cch > 0) {
        memcpy(dst, src, (cch - 1) * sizeof(WCHAR));
        dst[cch - 1] = 0;
    }
    return JET_errBufferTooSmall;
}

static JET_ERR get_error_to_string(const JET_API_PTR *plParam, WCHAR *sz, uint32_t cbMax)
{
    if (plParam == NULL || sz == NULL || cbMax < 1)
        return JET_errInvalidParameter;
    /* *plParam holds a JET_ERR: the engine reads only its first 4 bytes. */
    int32_t code;
    memcpy(&code, plParam, sizeof code);
    const esent_errtext *e = esent_errtext_find(code);
    const char *name = e != NULL ? e->name : "Unknown Error";
    const char *text = e != NULL ? e->description : "Unknown Error";
    size_t cch = strlen(name) + 2 + strlen(text) + 1;
    WCHAR *out = malloc(cch * sizeof(WCHAR));
    if (out == NULL)
        return JET_errOutOfMemory;
    size_t n = 0;
    for (const char *c = name; *c != 0; c++)
        out[n++] = (WCHAR)(unsigned char)*c;
    out[n++] = ',';
    out[n++] = ' ';
    for (const char *c = text; *c != 0; c++)
        out[n++] = (WCHAR)(unsigned char)*c;
    out[n] = 0;
    JET_ERR err = copy_out(sz, cbMax, out);
    free(out);
    return err;
}

JET_ERR esent_param_get(const struct esent_instance *inst, uint32_t id, JET_API_PTR *plParam, WCHAR *sz,
                        uint32_t cbMax)
{
    if (id >= ESENT_PARAM_COUNT)
        return JET_errInvalidParameter;
    const esent_param_def *d = def_of(id);
    const esent_params *p = table_for(inst, id);

    switch (id) {
    case JET_paramErrorToString:
        return get_error_to_string(plParam, sz, cbMax);
    case ESENT_PARAM_TRANSACTION_LEVEL:
        /* The level of the calling session; a get is never given a session here. */
        return JET_errInvalidParameter;
    case ESENT_PARAM_RECOVERY_CURRENT_LOGFILE:
        /* The generation being replayed; there is no transaction log to replay. */
        return JET_errInvalidParameter;
    case ESENT_PARAM_DBA_PAGE_AVAIL_THRESHOLD:
    case ESENT_PARAM_DBA_K1:
    case ESENT_PARAM_DBA_K2:
        return JET_errSuccess;   /* CJetParam::IgnoreGet: nothing is written */
    case JET_paramCommitDefault: {
        /* Returned as a 4-byte JET_GRBIT into *plParam (the engine's contract). */
        if (plParam == NULL)
            return JET_errInvalidParameter;
        uint32_t grbit = (uint32_t)p->v[id].num;
        memcpy(plParam, &grbit, sizeof grbit);
        return JET_errSuccess;
    }
    case JET_paramUnicodeIndexDefault: {
        /* plParam points at a JET_UNICODEINDEX of cbMax bytes. */
        if (plParam == NULL)
            return JET_errInvalidParameter;
        if (cbMax < sizeof(JET_UNICODEINDEX))
            return JET_errBufferTooSmall;
        JET_UNICODEINDEX ui;
        unicode_value(&p->v[id], &ui);
        memcpy(plParam, &ui, sizeof ui);
        return JET_errSuccess;
    }
    default:
        break;
    }

    if (d->type == ESENT_PT_ILLEGAL)
        return JET_errInvalidParameter;
    if (is_string_type(d)) {
        if (sz == NULL || cbMax < 1)
            return JET_errInvalidParameter;
        return copy_out(sz, cbMax, string_value(p, id));
    }
    if (plParam == NULL)
        return JET_errInvalidParameter;
    *plParam = numeric_value(p, id);
    return JET_errSuccess;
}

/* ---- JetEnableMultiInstance in multi-instance mode (jetapi.cxx JetEnableMultiInstanceEx) ---- */

static int matches_global(const esent_params *g, uint32_t id, const JET_SETSYSPARAM_W *e)
{
    const esent_param_def *d = def_of(id);
    switch (d->type) {
    case ESENT_PT_INTEGER:
    case ESENT_PT_BOOLEAN:
    case ESENT_PT_GRBIT:
    case ESENT_PT_BLOCKSIZE: {
        JET_API_PTR value = g->v[id].num;
        if (id == JET_paramConfiguration)
            value &= ~(JET_API_PTR)JET_configDefault;
        return value == e->lParam;
    }
    case ESENT_PT_STRING:
    case ESENT_PT_PATH:
    case ESENT_PT_FOLDER: {
        static const WCHAR empty[] = { 0 };
        return esent_wcmp(string_value(g, id), e->sz != NULL ? (const WCHAR *)e->sz : empty) == 0;
    }
    case ESENT_PT_POINTER:
    case ESENT_PT_USERDEFINED:
        return g->v[id].num == e->lParam;
    default:
        return 0;
    }
}

JET_ERR esent_params_compare_multi(JET_SETSYSPARAM_W *rg, uint32_t count, uint32_t *pcmatched)
{
    const esent_params *g = esent_params_global();
    uint8_t requested[ESENT_PARAM_COUNT];
    memset(requested, 0, sizeof requested);
    *pcmatched = 0;

    for (uint32_t i = 0; i < count; i++) {
        uint32_t id = rg[i].paramid;
        if (id >= ESENT_PARAM_COUNT)
            return JET_errInvalidParameter;
        const esent_param_def *d = def_of(id);
        int locked_global = (d->flags & ESENT_PF_GLOBAL) && (d->flags & ESENT_PF_MODE_LOCK);
        /* A process-wide, mode-locked parameter the first component did not set cannot be agreed on. */
        if ((locked_global && !g->v[id].set) || !matches_global(g, id, &rg[i])) {
            rg[i].err = JET_errSystemParameterConflict;
            return JET_errSystemParameterConflict;
        }
        requested[id] = 1;
        rg[i].err = JET_errSuccess;
        (*pcmatched)++;
    }
    /* Every mode-locked global parameter set earlier must be part of this call as well. */
    for (uint32_t id = 0; id < ESENT_PARAM_COUNT; id++) {
        const esent_param_def *d = def_of(id);
        if ((d->flags & ESENT_PF_GLOBAL) && (d->flags & ESENT_PF_MODE_LOCK) && g->v[id].set && !requested[id])
            return JET_errSystemParameterConflict;
    }
    return JET_errSystemParamsAlreadySet;
}
