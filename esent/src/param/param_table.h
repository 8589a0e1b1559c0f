/* The definition of every system parameter (ids 0..220): what kind of value it holds, where it
 * lives, when it may change, its legal range and its defaults. The rules that act on these
 * definitions are in param.c; this file is data only (spec/ese-api.md Appendix A, checked against
 * the engine's sysparamtable.g.cxx and jetapi.cxx). */
#ifndef ESENT_PARAM_PARAM_TABLE_H
#define ESENT_PARAM_PARAM_TABLE_H

#include "api/api.h"
#include "param/param.h"

/* Ids esent.h does not name (names from spec/ese-api.md Appendix A). */
#define ESENT_PARAM_TRANSACTION_LEVEL          38u    /* JET_paramTransactionLevel */
#define ESENT_PARAM_RECOVERY_CURRENT_LOGFILE   79u    /* JET_paramRecoveryCurrentLogfile */
#define ESENT_PARAM_DBA_PAGE_AVAIL_THRESHOLD   121u   /* JET_paramDBAPageAvailThreshold */
#define ESENT_PARAM_DBA_K1                     122u   /* JET_paramDBAK1 */
#define ESENT_PARAM_DBA_K2                     123u   /* JET_paramDBAK2 */
#define ESENT_PARAM_ENGINE_FORMAT_VERSION      194u   /* JET_paramEngineFormatVersion */
#define ESENT_PARAM_RECORD_SIZE_MOST           213u   /* JET_paramRecordSizeMost */

/* How a parameter's value is stored, validated and returned. */
typedef enum esent_param_type {
    ESENT_PT_ILLEGAL = 0,    /* unused id: every get and (unless ignored as advanced) every set is -1003 */
    ESENT_PT_INTEGER,        /* num; range lo..hi */
    ESENT_PT_BOOLEAN,        /* num, stored as 0/1; the range applies to the value passed in */
    ESENT_PT_GRBIT,          /* num; range lo..hi */
    ESENT_PT_BLOCKSIZE,      /* num; range lo..hi and a power of two */
    ESENT_PT_POINTER,        /* num (an address the engine keeps, never dereferences here) */
    ESENT_PT_STRING,         /* str; lo..hi is the length range in characters */
    ESENT_PT_PATH,           /* str, a file path (stored as given) */
    ESENT_PT_FOLDER,         /* str, a folder path (stored as given) */
    ESENT_PT_USERDEFINED,    /* get/set entirely custom (param.c) */
} esent_param_type;

/* esent_param_def.flags */
#define ESENT_PF_GLOBAL    0x01u   /* one process-wide value: always the global table */
#define ESENT_PF_ADVANCED  0x02u   /* sets are ignored (success) while JET_paramEnableAdvanced is 0 */
#define ESENT_PF_MODE_LOCK 0x04u   /* may not change once the engine run mode is set */
#define ESENT_PF_INIT_LOCK 0x08u   /* may not change on an instance once its JetInit started */
#define ESENT_PF_READONLY  0x10u   /* every set is -1003 */
#define ESENT_PF_IGNORED   0x20u   /* defined, but the engine never reads it */
#define ESENT_PF_CUSTOM    0x40u   /* get and/or set have rules of their own (a case in param.c) */

typedef struct esent_param_def {
    const char  *name;       /* "JET_paramSystemPath"; NULL for an unused id */
    uint8_t      type;       /* esent_param_type */
    uint8_t      flags;      /* ESENT_PF_* */
    JET_API_PTR  lo, hi;     /* legal values, or legal string lengths in characters */
    JET_API_PTR  def;        /* default of the JET_configDefault configuration */
    JET_API_PTR  small;      /* default of the legacy "small" configuration (JET_configLowMemory) */
    const WCHAR *sdef;       /* default of a string, path or folder parameter; else NULL */
} esent_param_def;

extern const esent_param_def esent_param_table[ESENT_PARAM_COUNT];

/* A configuration set (JET_paramConfiguration bit other than JET_configDefault/LowMemory): values
 * applied on top of the defaults, some converted to database pages first. */
typedef enum esent_config_unit {
    ESENT_CU_NONE = 0,
    ESENT_CU_BYTES_TO_PAGES,        /* value / page size */
    ESENT_CU_PCT_CACHE_MAX_TO_PAGES /* value % of JET_paramCacheSizeMax */
} esent_config_unit;

typedef struct esent_config_override {
    uint32_t    id;
    JET_API_PTR value;
    uint8_t     unit;               /* esent_config_unit */
} esent_config_override;

typedef struct esent_config_set {
    const esent_config_override *items;
    size_t                       count;
} esent_config_set;

/* The override set of one JET_config* bit, or an empty set for bits that only change internal
 * behaviour (LowPower, UnthrottledMemory, HighConcurrencyScaling). */
esent_config_set esent_config_overrides(uint32_t config_bit);

/* Engine format versions this engine can write (JET_paramEngineFormatVersion). */
#define ESENT_EFV_USE_ENGINE_DEFAULT   0x40000001u   /* JET_efvUseEngineDefault */
#define ESENT_EFV_USE_PERSISTED_FORMAT 0x40000002u   /* JET_efvUsePersistedFormat */
#define ESENT_EFV_ALLOW_HIGHER         0x41000000u   /* JET_efvAllowHigherPersistedFormat (combinable) */
#define ESENT_EFV_SIGNAL_BIT           0x40000000u   /* marks the special values above */
#define ESENT_EFV_MIN                  7060u          /* JET_efvExtHdrRootFieldAutoIncStorageStagedToDebug */
#define ESENT_EFV_MAX                  8020u          /* JET_efvWindows10Rtm: database format 0x620.0x14 */
/* 1 when efv is one of the versions of this engine's format table. */
int esent_efv_known(uint32_t efv);

#endif
