/* Unicode index sort keys: the esent_text_sortkey provider that turns cp-1200 key columns into
 * LCMapStringEx(LCMAP_SORTKEY) sort keys of the index's locale, and ESENT's rules for the locale,
 * the LCMapFlags and the sort version of a Unicode index (docs/sortkeys.md).
 *
 * LCMapStringEx is Windows' own on Windows and port/nls.c (ICU) on Linux: both order text by the
 * locale, but the bytes differ, so an index carries the sort version it was built with and an index
 * built under another version must be rebuilt (esent_sortkey_is_current). */
#ifndef ESENT_UTIL_SORTKEY_H
#define ESENT_UTIL_SORTKEY_H

#include "format/key.h"

/* What an index that names nothing uses (ESENT's defaults, JET_paramUnicodeIndexDefault's initial
 * value): en-US, LCMAP_SORTKEY | NORM_IGNORECASE | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH. */
#define ESENT_SORTKEY_LCID_DEFAULT          0x0409u
#define ESENT_SORTKEY_LOCALE_DEFAULT        u"en-US"
#define ESENT_SORTKEY_LCMAP_DEFAULT \
    ((uint32_t)(LCMAP_SORTKEY | NORM_IGNORECASE | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH))

/* The LCMapFlags an index may add to LCMAP_SORTKEY (ESENT's ErrNORMCheckLCMapFlags). */
#define ESENT_SORTKEY_LCMAP_VALID                                                                  \
    ((uint32_t)(LCMAP_BYTEREV | NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS |       \
                LINGUISTIC_IGNORECASE | LINGUISTIC_IGNOREDIACRITIC | SORT_DIGITSASNUMBERS |         \
                NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH | NORM_LINGUISTIC_CASING | SORT_STRINGSORT))

/* Sizes of the catalog columns that record an index's sort order. */
#define ESENT_SORTKEY_VERSION_SIZE          8   /* Version: u64, little-endian */
#define ESENT_SORTKEY_SORTID_SIZE           16  /* SortID: a GUID as Windows lays it out */

/* The provider (an esent_text_sortkey_fn): LCMapStringEx(locale, lcmap_flags) of the UTF-16LE text
 * src/cb (any alignment; an odd last byte is ignored; no text is the key of an empty string).
 * lcmap_flags == LCMAP_UPPERCASE makes ESENT's upper-case keys instead: the mapped text as UTF-16BE
 * code units, then 00 00 (ESENT_SORTKEY_FORMAT_ORDINAL). Errors: JET_errOutOfMemory,
 * JET_errInvalidLanguageId (the locale is unknown), JET_errInvalidLCMapStringFlags,
 * JET_errUnicodeTranslationFail (anything else LCMapStringEx reports). ctx is unused. */
JET_ERR esent_text_sortkey_lcmap(void *ctx, const WCHAR *locale, uint32_t lcmap_flags,
                                 const uint8_t *src, size_t cb,
                                 uint8_t *out, size_t cb_out, size_t *pcb_key);

/* Checks an index's LCMapFlags as ESENT does: LCMAP_SORTKEY is added unless the flags are exactly
 * LCMAP_UPPERCASE, which only allow_uppercase accepts; any flag outside LCMAP_SORTKEY and
 * ESENT_SORTKEY_LCMAP_VALID is JET_errInvalidLCMapStringFlags. *pflags (may be NULL) receives the
 * flags the index records. */
JET_ERR esent_sortkey_check_flags(uint32_t lcmap_flags, int allow_uppercase, uint32_t *pflags);

/* The locale name of a legacy LCID (JET_UNICODEINDEX.lcid, JET_INDEXCREATE.lcid) into name (cch
 * WCHARs, terminator included): JET_errInvalidLanguageId when there is none, JET_errBufferTooSmall.
 * LCID 0 stands for the default locale, en-US. */
JET_ERR esent_sortkey_locale_of_lcid(uint32_t lcid, WCHAR *name, size_t cch);

/* The LCID of a locale name (JET_IdxInfoLCID): JET_errInvalidLanguageId for an unknown locale;
 * a locale without an LCID of its own gives LOCALE_CUSTOM_UNSPECIFIED (0x1000). */
JET_ERR esent_sortkey_lcid_of_locale(const WCHAR *name, uint32_t *plcid);

/* The current sort version of a locale (GetNLSVersionEx(COMPARE_STRING)) as the catalog records
 * it: *pversion = dwNLSVersion << 32 | dwDefinedVersion, sort_id (may be NULL) = guidCustomVersion
 * in its Windows layout. JET_errInvalidLanguageId when the locale is not valid. */
JET_ERR esent_sortkey_version(const WCHAR *locale, uint64_t *pversion,
                              uint8_t sort_id[ESENT_SORTKEY_SORTID_SIZE]);

/* Whether an index of locale whose catalog row records stored_version (its Version column, 0 when
 * absent) and stored_sort_id (its SortID, NULL when absent or all zero) sorts as the locale does
 * now. Versions match when equal or when only their NLS minor versions differ in the pairs Windows
 * declared compatible (6.1.1/6.1.2 and 6.2.13/6.2.14/6.2.15); a recorded SortID must then be equal.
 * An unknown locale, a missing version and ESENT_SORTKEY_VERSION_ORDINAL are never current. */
int esent_sortkey_is_current(const WCHAR *locale, uint64_t stored_version,
                             const uint8_t *stored_sort_id);

/* The sort-key set-up of one Unicode index. isk->sk is what esent_key_index.sortkey points at; its
 * locale points into isk->locale, so an esent_index_sortkey is never copied, only re-initialised. */
typedef struct esent_index_sortkey {
    esent_text_sortkey sk;                          /* fn, locale, lcmap_flags, format, version */
    WCHAR locale[LOCALE_NAME_MAX_LENGTH];           /* the index's locale name, as given */
    uint32_t lcid;                                  /* its LCID (LOCALE_CUSTOM_UNSPECIFIED if none) */
    uint8_t sort_id[ESENT_SORTKEY_SORTID_SIZE];     /* SortID of sk.version */
} esent_index_sortkey;

/* Sets up isk for an index: the locale named by locale_name, else by lcid (0: en-US); lcmap_flags
 * checked by esent_sortkey_check_flags (LCMAP_UPPERCASE allowed); the locale's current sort version
 * recorded. Errors: JET_errInvalidLanguageId (unknown locale or LCID, name too long),
 * JET_errInvalidLCMapStringFlags, JET_errInvalidParameter (isk NULL). */
JET_ERR esent_index_sortkey_init(esent_index_sortkey *isk, const WCHAR *locale_name, uint32_t lcid,
                                 uint32_t lcmap_flags);

/* The Version and SortID column values to record for the index. */
void esent_index_sortkey_catalog(const esent_index_sortkey *isk,
                                 uint8_t version[ESENT_SORTKEY_VERSION_SIZE],
                                 uint8_t sort_id[ESENT_SORTKEY_SORTID_SIZE]);

#endif
