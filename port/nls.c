/* National language support on ICU: LCMapStringEx (sort keys and case mapping), GetNLSVersionEx,
 * LocaleNameToLCID, LCIDToLocaleName and IsValidLocaleName.
 *
 * Locale names. A Windows locale name is a BCP 47 tag ("en-US", "sr-Latn-RS", the neutral "en"),
 * optionally followed by "_" and an alternate sort ("de-DE_phoneb"). uloc_forLanguageTag turns
 * the tag into an ICU locale id ("en_US"); the sort becomes a collation keyword
 * ("de_DE@collation=phonebook"). A name is valid when ICU has locale data for it (the id, with
 * likely subtags added, is one of ICU's available locales) and, with a sort, when ICU offers that
 * collation for the locale. "" is the invariant locale (ICU's root collation). LCIDs come from
 * ICU's table of Windows LCIDs (uloc_getLCID / uloc_getLocaleForLCID), accepted only when the
 * mapping goes both ways; Windows drops the script of specific Chinese locales ("zh-TW"), keeps
 * it elsewhere ("uz-Latn-UZ").
 *
 * Sort keys. ICU sort keys already have Windows' shape: primary weights, then the other levels,
 * each level after a 01 byte, a 00 byte at the end and nowhere else. The flags map as follows:
 *   strength     TERTIARY; SECONDARY when NORM_IGNORECASE, NORM_IGNOREKANATYPE and NORM_IGNOREWIDTH
 *                are all given (every tertiary difference ignored, as NORM_IGNORECASE does on
 *                Windows); PRIMARY when, on top of that, NORM_IGNORENONSPACE is given
 *   case         ignored by folding the text (u_strFoldCase; Turkic dotted/dotless i only with
 *                NORM_LINGUISTIC_CASING), so the other tertiary differences can stay
 *   width, kana  ignored while the tertiary level is kept by mapping the text: full-width and
 *                half-width forms to their normal forms (NFKC restricted to U+3000, U+FF01..FFEE),
 *                hiragana to katakana
 *   diacritics   NORM_IGNORENONSPACE (with the tertiary level kept) and LINGUISTIC_IGNOREDIACRITIC
 *                remove the nonspacing marks of the text's NFD
 *   symbols      NORM_IGNORESYMBOLS: alternate handling "shifted", spaces through currency symbols
 *                variable (ignored at every level the key holds)
 *   digits       SORT_DIGITSASNUMBERS: numeric collation
 *   word sort    without SORT_STRINGSORT, as on Windows, hyphen-minus and apostrophe do not weigh
 *                with the letters: they are removed, and their positions appended after one more
 *                01 byte, so "coop" < "co-op" < "cop"
 * A key whose ICU form has no 01 byte (primary strength) gets one after its primary weights, so
 * "the characters end at the first 01 byte" holds for every key. LCMAP_BYTEREV swaps each pair of
 * bytes, as Windows does.
 *
 * ICU objects are made once and cached: resolved locale names and configured collators (used
 * concurrently for const operations only, which ICU allows). NLS_SORT_REVISION is part of the
 * sort version GetNLSVersionEx reports: it must change whenever this file's keys change. */
#include "port_internal.h"

#include <unicode/ucol.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/uversion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NLS_SORT_REVISION 1

#define SORTKEY_FLAGS                                                                              \
    (LCMAP_SORTKEY | LCMAP_BYTEREV | NORM_IGNORECASE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS |  \
     LINGUISTIC_IGNORECASE | LINGUISTIC_IGNOREDIACRITIC | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH | \
     NORM_LINGUISTIC_CASING | SORT_STRINGSORT | SORT_DIGITSASNUMBERS)
#define CASEMAP_FLAGS (LCMAP_LOWERCASE | LCMAP_UPPERCASE | LCMAP_LINGUISTIC_CASING | LCMAP_BYTEREV)
/* valid on Windows as string mappings, not provided here */
#define UNSUPPORTED_MAP_FLAGS                                                                      \
    (LCMAP_HIRAGANA | LCMAP_KATAKANA | LCMAP_HALFWIDTH | LCMAP_FULLWIDTH |                          \
     LCMAP_SIMPLIFIED_CHINESE | LCMAP_TRADITIONAL_CHINESE | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS)

#define NLS_LEGACY_VERSIONINFO_SIZE 12  /* dwNLSVersionInfoSize of the pre-Windows 8 NLSVERSIONINFO */

/* ---- locale names ------------------------------------------------------------------------------ */

struct nls_locale {
    int invariant;
    char lang[ULOC_LANG_CAPACITY];
    char script[ULOC_SCRIPT_CAPACITY];
    char region[ULOC_COUNTRY_CAPACITY];
    const char *sort_win;   /* Windows sort name ("phoneb") or NULL */
    const char *sort_icu;   /* ICU collation keyword value ("phonebook") or NULL */
};

static const struct {
    const char *win;
    const char *icu;
} sort_names[] = {
    { "phoneb", "phonebook" }, { "tradnl", "traditional" }, { "stroke", "stroke" },
    { "radstr", "unihan" },    { "pronun", "zhuyin" },
};

static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* ICU id of loc: "lang[_Script][_REGION][@collation=x]", "root" for the invariant locale. */
static void icu_id(const struct nls_locale *loc, int with_sort, char *out, size_t cap)
{
    if (loc->invariant) {
        copy_str(out, cap, "root");
        return;
    }
    char tmp[ULOC_FULLNAME_CAPACITY];
    size_t n = 0;
    tmp[0] = '\0';
    n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%s", loc->lang);
    if (loc->script[0] != '\0' && n < sizeof tmp)
        n += (size_t)snprintf(tmp + n, sizeof tmp - n, "_%s", loc->script);
    if (loc->region[0] != '\0' && n < sizeof tmp)
        n += (size_t)snprintf(tmp + n, sizeof tmp - n, "_%s", loc->region);
    if (with_sort && loc->sort_icu != NULL && n < sizeof tmp)
        snprintf(tmp + n, sizeof tmp - n, "@collation=%s", loc->sort_icu);
    copy_str(out, cap, tmp);
}

/* The Windows name of loc ("en-US", "de-DE_phoneb", "" for the invariant locale) in ASCII. */
static void windows_name(const struct nls_locale *loc, char *out, size_t cap)
{
    if (loc->invariant) {
        out[0] = '\0';
        return;
    }
    size_t n = (size_t)snprintf(out, cap, "%s", loc->lang);
    if (loc->script[0] != '\0' && n < cap)
        n += (size_t)snprintf(out + n, cap - n, "-%s", loc->script);
    if (loc->region[0] != '\0' && n < cap)
        n += (size_t)snprintf(out + n, cap - n, "-%s", loc->region);
    if (loc->sort_win != NULL && n < cap)
        snprintf(out + n, cap - n, "_%s", loc->sort_win);
}

/* Fills lang/script/region from an ICU id. FALSE when the id has a variant or other keywords. */
static int split_icu_id(const char *id, struct nls_locale *loc)
{
    UErrorCode err = U_ZERO_ERROR;
    char variant[ULOC_FULLNAME_CAPACITY];
    uloc_getLanguage(id, loc->lang, sizeof loc->lang, &err);
    uloc_getScript(id, loc->script, sizeof loc->script, &err);
    uloc_getCountry(id, loc->region, sizeof loc->region, &err);
    uloc_getVariant(id, variant, sizeof variant, &err);
    if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING || variant[0] != '\0')
        return 0;
    return loc->lang[0] != '\0' && strcmp(loc->lang, "und") != 0 && strcmp(loc->lang, "root") != 0;
}

/* ICU's available locales, likely subtags added, sorted: the locales a name may denote. */
static char (*available)[ULOC_FULLNAME_CAPACITY];
static size_t navailable;
static pthread_once_t available_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void maximize(const char *id, char *out, size_t cap)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = uloc_addLikelySubtags(id, out, (int32_t)cap, &err);
    if (U_FAILURE(err) || n >= (int32_t)cap)
        copy_str(out, cap, id);
}

static void available_init(void)
{
    int32_t count = uloc_countAvailable();
    if (count <= 0)
        return;
    available = calloc((size_t)count, sizeof *available);
    if (available == NULL)
        return;
    for (int32_t i = 0; i < count; i++) {
        const char *id = uloc_getAvailable(i);
        if (id != NULL)
            maximize(id, available[navailable++], sizeof available[0]);
    }
    qsort(available, navailable, sizeof available[0], cmp_str);
}

static int is_available(const struct nls_locale *loc)
{
    char id[ULOC_FULLNAME_CAPACITY], max[ULOC_FULLNAME_CAPACITY];
    pthread_once(&available_once, available_init);
    icu_id(loc, 0, id, sizeof id);
    maximize(id, max, sizeof max);
    return available != NULL
        && bsearch(max, available, navailable, sizeof available[0], cmp_str) != NULL;
}

/* Whether ICU offers collation `value` for the locale. */
static int has_collation(const struct nls_locale *loc, const char *value)
{
    char id[ULOC_FULLNAME_CAPACITY];
    UErrorCode err = U_ZERO_ERROR;
    icu_id(loc, 0, id, sizeof id);
    UEnumeration *e = ucol_getKeywordValuesForLocale("collation", id, 0, &err);
    if (U_FAILURE(err) || e == NULL)
        return 0;
    int found = 0;
    const char *v;
    while (!found && (v = uenum_next(e, NULL, &err)) != NULL && U_SUCCESS(err))
        found = strcmp(v, value) == 0;
    uenum_close(e);
    return found;
}

/* Parses a Windows locale name (not NULL, not a default-locale name). FALSE if it is not valid. */
static int parse_name(LPCWSTR name, struct nls_locale *loc)
{
    char ascii[LOCALE_NAME_MAX_LENGTH + 1];
    size_t n = 0;
    memset(loc, 0, sizeof *loc);
    for (; name[n] != 0; n++) {
        WCHAR c = name[n];
        if (n + 1 >= sizeof ascii)
            return 0;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
              || c == '_'))
            return 0;
        ascii[n] = (char)c;
    }
    ascii[n] = '\0';
    if (n == 0) {
        loc->invariant = 1;
        return 1;
    }

    char *sort = strchr(ascii, '_');
    if (sort != NULL) {
        *sort++ = '\0';
        for (size_t i = 0; i < sizeof sort_names / sizeof sort_names[0]; i++) {
            if (strcmp(sort, sort_names[i].win) == 0) {
                loc->sort_win = sort_names[i].win;
                loc->sort_icu = sort_names[i].icu;
            }
        }
        if (loc->sort_win == NULL)
            return 0;
    }

    char id[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    UErrorCode err = U_ZERO_ERROR;
    uloc_forLanguageTag(ascii, id, sizeof id, &parsed, &err);
    if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING || parsed != (int32_t)strlen(ascii)
        || strchr(id, '@') != NULL || !split_icu_id(id, loc))
        return 0;
    if (!is_available(loc))
        return 0;
    return loc->sort_icu == NULL || has_collation(loc, loc->sort_icu);
}

/* The default locale of every default-locale name and LCID: en-US. */
static void default_locale(struct nls_locale *loc)
{
    memset(loc, 0, sizeof *loc);
    copy_str(loc->lang, sizeof loc->lang, "en");
    copy_str(loc->region, sizeof loc->region, "US");
}

/* A neutral locale ("en", "zh-Hans") made specific ("en-US", "zh-CN"); others unchanged. */
static void make_specific(struct nls_locale *loc)
{
    if (loc->invariant || loc->region[0] != '\0')
        return;
    char id[ULOC_FULLNAME_CAPACITY], max[ULOC_FULLNAME_CAPACITY];
    struct nls_locale m;
    icu_id(loc, 0, id, sizeof id);
    maximize(id, max, sizeof max);
    memset(&m, 0, sizeof m);
    if (!split_icu_id(max, &m) || m.region[0] == '\0')
        return;
    copy_str(loc->region, sizeof loc->region, m.region);
    if (strcmp(loc->lang, "zh") == 0)
        loc->script[0] = '\0';
}

/* Resolved names, so LCMapStringEx does not parse its locale name on every call. */
#define NAME_CACHE_SIZE 16
static struct {
    WCHAR name[LOCALE_NAME_MAX_LENGTH];
    int valid;
    struct nls_locale loc;
} name_cache[NAME_CACHE_SIZE];
static int name_cache_used, name_cache_next;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t wlen_max(LPCWSTR s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n] != 0)
        n++;
    return n;
}

/* A locale name as LCMapStringEx and GetNLSVersionEx take it: NULL and LOCALE_NAME_SYSTEM_DEFAULT
 * are the default locale. FALSE if the name is not valid. */
static int resolve_name(LPCWSTR name, int allow_default_names, struct nls_locale *loc)
{
    static const WCHAR sys_default[] = LOCALE_NAME_SYSTEM_DEFAULT;
    if (name == NULL) {
        default_locale(loc);
        return 1;
    }
    size_t n = wlen_max(name, LOCALE_NAME_MAX_LENGTH);
    if (n >= LOCALE_NAME_MAX_LENGTH)
        return 0;
    if (allow_default_names && n == sizeof sys_default / sizeof sys_default[0] - 1
        && memcmp(name, sys_default, n * sizeof(WCHAR)) == 0) {
        default_locale(loc);
        return 1;
    }

    int valid = -1;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < name_cache_used; i++) {
        if (memcmp(name_cache[i].name, name, (n + 1) * sizeof(WCHAR)) == 0) {
            valid = name_cache[i].valid;
            *loc = name_cache[i].loc;
            break;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    if (valid >= 0)
        return valid;

    valid = parse_name(name, loc);
    pthread_mutex_lock(&cache_lock);
    int slot = name_cache_used < NAME_CACHE_SIZE ? name_cache_used++ : name_cache_next;
    name_cache_next = (slot + 1) % NAME_CACHE_SIZE;
    memcpy(name_cache[slot].name, name, (n + 1) * sizeof(WCHAR));
    name_cache[slot].valid = valid;
    name_cache[slot].loc = *loc;
    pthread_mutex_unlock(&cache_lock);
    return valid;
}

/* The LCID of a valid locale: its Windows LCID when ICU's table maps both ways,
 * LOCALE_CUSTOM_UNSPECIFIED otherwise. */
static LCID lcid_of(const struct nls_locale *loc)
{
    if (loc->invariant)
        return LOCALE_INVARIANT;
    char id[ULOC_FULLNAME_CAPACITY], back[ULOC_FULLNAME_CAPACITY];
    char max1[ULOC_FULLNAME_CAPACITY], max2[ULOC_FULLNAME_CAPACITY];
    char kw1[32] = "", kw2[32] = "";
    UErrorCode err = U_ZERO_ERROR;
    icu_id(loc, 1, id, sizeof id);
    uint32_t lcid = uloc_getLCID(id);
    if (lcid == 0)
        return LOCALE_CUSTOM_UNSPECIFIED;
    uloc_getLocaleForLCID(lcid, back, sizeof back, &err);
    if (U_FAILURE(err))
        return LOCALE_CUSTOM_UNSPECIFIED;
    uloc_getKeywordValue(id, "collation", kw1, sizeof kw1, &err);
    uloc_getKeywordValue(back, "collation", kw2, sizeof kw2, &err);
    struct nls_locale b;
    memset(&b, 0, sizeof b);
    if (U_FAILURE(err) || strcmp(kw1, kw2) != 0 || !split_icu_id(back, &b))
        return LOCALE_CUSTOM_UNSPECIFIED;
    icu_id(loc, 0, id, sizeof id);
    icu_id(&b, 0, back, sizeof back);
    maximize(id, max1, sizeof max1);
    maximize(back, max2, sizeof max2);
    return strcmp(max1, max2) == 0 ? (LCID)lcid : LOCALE_CUSTOM_UNSPECIFIED;
}

/* The locale of an LCID. FALSE if there is none. */
static int locale_of_lcid(LCID lcid, struct nls_locale *loc)
{
    memset(loc, 0, sizeof *loc);
    if (lcid == LOCALE_INVARIANT) {
        loc->invariant = 1;
        return 1;
    }
    if (lcid == LOCALE_NEUTRAL || lcid == LOCALE_USER_DEFAULT || lcid == LOCALE_SYSTEM_DEFAULT) {
        default_locale(loc);
        return 1;
    }
    if ((lcid & 0xFFF00000u) != 0)
        return 0;
    char id[ULOC_FULLNAME_CAPACITY], kw[32] = "";
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = uloc_getLocaleForLCID(lcid, id, sizeof id, &err);
    if (U_FAILURE(err) || n <= 0 || n >= (int32_t)sizeof id || uloc_getLCID(id) != lcid)
        return 0;
    uloc_getKeywordValue(id, "collation", kw, sizeof kw, &err);
    if (U_FAILURE(err))
        return 0;
    if (kw[0] != '\0') {
        for (size_t i = 0; i < sizeof sort_names / sizeof sort_names[0]; i++) {
            if (strcmp(kw, sort_names[i].icu) == 0) {
                loc->sort_win = sort_names[i].win;
                loc->sort_icu = sort_names[i].icu;
            }
        }
        if (loc->sort_icu == NULL)
            return 0;
    }
    if (!split_icu_id(id, loc))
        return 0;
    if (strcmp(loc->lang, "zh") == 0 && loc->region[0] != '\0')
        loc->script[0] = '\0';
    return 1;
}

static int put_name(const struct nls_locale *loc, LPWSTR out, int cch)
{
    char ascii[LOCALE_NAME_MAX_LENGTH];
    windows_name(loc, ascii, sizeof ascii);
    int need = (int)strlen(ascii) + 1;
    if (cch == 0)
        return need;
    if (out == NULL || cch < need) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    for (int i = 0; i < need; i++)
        out[i] = (WCHAR)(unsigned char)ascii[i];
    return need;
}

LCID WINAPI LocaleNameToLCID(LPCWSTR lpName, DWORD dwFlags)
{
    struct nls_locale loc;
    if ((dwFlags & ~(DWORD)LOCALE_ALLOW_NEUTRAL_NAMES) != 0) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (!resolve_name(lpName, 0, &loc)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!(dwFlags & LOCALE_ALLOW_NEUTRAL_NAMES))
        make_specific(&loc);
    return lcid_of(&loc);
}

int WINAPI LCIDToLocaleName(LCID Locale, LPWSTR lpName, int cchName, DWORD dwFlags)
{
    struct nls_locale loc;
    if ((dwFlags & ~(DWORD)LOCALE_ALLOW_NEUTRAL_NAMES) != 0) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (cchName < 0 || (lpName == NULL && cchName > 0)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!locale_of_lcid(Locale, &loc)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (!(dwFlags & LOCALE_ALLOW_NEUTRAL_NAMES))
        make_specific(&loc);
    return put_name(&loc, lpName, cchName);
}

BOOL WINAPI IsValidLocaleName(LPCWSTR lpLocaleName)
{
    struct nls_locale loc;
    return lpLocaleName != NULL && resolve_name(lpLocaleName, 0, &loc);
}

/* ---- collators ----------------------------------------------------------------------------------- */

#define COLL_STRENGTH_MASK  0x3u    /* 0 primary, 1 secondary, 2 tertiary */
#define COLL_SHIFTED        0x4u
#define COLL_NUMERIC        0x8u

#define COLL_CACHE_SIZE 32
static struct {
    char id[ULOC_FULLNAME_CAPACITY];
    unsigned attrs;
    UCollator *coll;
} coll_cache[COLL_CACHE_SIZE];
static int coll_cache_used;

static UCollator *open_collator(const char *id, unsigned attrs)
{
    static const UColAttributeValue strengths[] = { UCOL_PRIMARY, UCOL_SECONDARY, UCOL_TERTIARY };
    UErrorCode err = U_ZERO_ERROR;
    UCollator *c = ucol_open(id, &err);
    if (U_FAILURE(err))
        return NULL;
    ucol_setAttribute(c, UCOL_NORMALIZATION_MODE, UCOL_ON, &err);
    ucol_setAttribute(c, UCOL_STRENGTH, strengths[attrs & COLL_STRENGTH_MASK], &err);
    ucol_setAttribute(c, UCOL_ALTERNATE_HANDLING,
                      (attrs & COLL_SHIFTED) ? UCOL_SHIFTED : UCOL_NON_IGNORABLE, &err);
    if (attrs & COLL_SHIFTED)
        ucol_setMaxVariable(c, UCOL_REORDER_CODE_CURRENCY, &err);
    ucol_setAttribute(c, UCOL_NUMERIC_COLLATION, (attrs & COLL_NUMERIC) ? UCOL_ON : UCOL_OFF, &err);
    if (U_FAILURE(err)) {
        ucol_close(c);
        return NULL;
    }
    return c;
}

/* The collator for locale id with attrs. *temporary is set when the cache is full: the caller
 * closes the collator after use. NULL when ICU cannot make it (out of memory). */
static const UCollator *get_collator(const char *id, unsigned attrs, UCollator **temporary)
{
    *temporary = NULL;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < coll_cache_used; i++) {
        if (coll_cache[i].attrs == attrs && strcmp(coll_cache[i].id, id) == 0) {
            UCollator *c = coll_cache[i].coll;
            pthread_mutex_unlock(&cache_lock);
            return c;
        }
    }
    pthread_mutex_unlock(&cache_lock);

    UCollator *c = open_collator(id, attrs);
    if (c == NULL)
        return NULL;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < coll_cache_used; i++) {     /* another thread may have made it meanwhile */
        if (coll_cache[i].attrs == attrs && strcmp(coll_cache[i].id, id) == 0) {
            UCollator *cached = coll_cache[i].coll;
            pthread_mutex_unlock(&cache_lock);
            ucol_close(c);
            return cached;
        }
    }
    if (coll_cache_used < COLL_CACHE_SIZE) {
        copy_str(coll_cache[coll_cache_used].id, sizeof coll_cache[0].id, id);
        coll_cache[coll_cache_used].attrs = attrs;
        coll_cache[coll_cache_used].coll = c;
        coll_cache_used++;
    } else {
        *temporary = c;
    }
    pthread_mutex_unlock(&cache_lock);
    return c;
}

/* ---- text mappings before collation ------------------------------------------------------------ */

/* A first buffer size for n units growing by mul (+ add), kept within int32_t. */
static int32_t first_cap(int32_t n, int32_t mul, int32_t add)
{
    int64_t cap = (int64_t)n * mul + add;
    return cap > INT32_MAX ? INT32_MAX : (int32_t)cap;
}

/* A growable UTF-16 string on the heap. */
struct ubuf {
    UChar *p;
    int32_t n;
};

static int is_turkic(const struct nls_locale *loc)
{
    return strcmp(loc->lang, "tr") == 0 || strcmp(loc->lang, "az") == 0;
}

static pthread_once_t width_once = PTHREAD_ONCE_INIT;
static const UNormalizer2 *width_norm; /* NFKC on the ideographic space and U+FF01..U+FFEE only */

static void width_init(void)
{
    static const UChar pattern[] = u"[\\u3000\\uFF01-\\uFFEE]";
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&err);
    USet *set = uset_openPattern(pattern, -1, &err);
    if (U_FAILURE(err))
        return;
    uset_freeze(set);
    width_norm = unorm2_openFiltered(nfkc, set, &err); /* keeps using set: never closed */
    if (U_FAILURE(err))
        width_norm = NULL;
}

/* Replaces s with norm(s). FALSE when out of memory or ICU fails. */
static int apply_normalizer(const UNormalizer2 *norm, struct ubuf *s)
{
    int32_t cap = first_cap(s->n, 3, 16);
    for (int attempt = 0; attempt < 3; attempt++) {
        UErrorCode err = U_ZERO_ERROR;
        UChar *d = malloc((size_t)cap * sizeof(UChar));
        if (d == NULL)
            return 0;
        int32_t r = unorm2_normalize(norm, s->p, s->n, d, cap, &err);
        if (err == U_BUFFER_OVERFLOW_ERROR) {
            free(d);
            cap = r + 1;
            continue;
        }
        if (U_FAILURE(err)) {
            free(d);
            return 0;
        }
        free(s->p);
        s->p = d;
        s->n = r;
        return 1;
    }
    return 0;
}

static int apply_fold_case(struct ubuf *s, uint32_t options)
{
    int32_t cap = first_cap(s->n, 3, 16);
    for (int attempt = 0; attempt < 3; attempt++) {
        UErrorCode err = U_ZERO_ERROR;
        UChar *d = malloc((size_t)cap * sizeof(UChar));
        if (d == NULL)
            return 0;
        int32_t r = u_strFoldCase(d, cap, s->p, s->n, options, &err);
        if (err == U_BUFFER_OVERFLOW_ERROR) {
            free(d);
            cap = r + 1;
            continue;
        }
        if (U_FAILURE(err)) {
            free(d);
            return 0;
        }
        free(s->p);
        s->p = d;
        s->n = r;
        return 1;
    }
    return 0;
}

/* Removes the nonspacing marks of s's canonical decomposition. */
static int strip_marks(struct ubuf *s)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    if (U_FAILURE(err) || !apply_normalizer(nfd, s))
        return 0;
    int32_t i = 0, o = 0;
    while (i < s->n) {
        int32_t start = i;
        UChar32 c;
        U16_NEXT(s->p, i, s->n, c);
        if (u_charType(c) == U_NON_SPACING_MARK)
            continue;
        while (start < i)
            s->p[o++] = s->p[start++];
    }
    s->n = o;
    return 1;
}

static void kana_to_katakana(struct ubuf *s)
{
    for (int32_t i = 0; i < s->n; i++) {
        UChar c = s->p[i];
        if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E)
            s->p[i] = (UChar)(c + 0x60);
    }
}

/* ---- sort keys ------------------------------------------------------------------------------------ */

/* Word sort: the characters that weigh only after every other level. */
static int word_sort_char(UChar c)
{
    return c == 0x002D || c == 0x0027;
}

/* Appends the word-sort weight of the character at position pos: three position bytes and one
 * for the character, all in 02..FE. */
static void put_special(uint8_t *out, size_t pos, UChar c)
{
    const size_t base = 253;
    if (pos >= base * base * base)
        pos = base * base * base - 1;
    out[0] = (uint8_t)(2 + pos / (base * base));
    out[1] = (uint8_t)(2 + pos / base % base);
    out[2] = (uint8_t)(2 + pos % base);
    out[3] = c == 0x0027 ? 2 : 3;
}

/* Builds the sort key of src[0..cch) into a new heap buffer (*pkey, *pcb). FALSE with the last
 * error set on failure. */
static int make_sortkey(const struct nls_locale *loc, DWORD flags, LPCWSTR src, int cch,
                        uint8_t **pkey, size_t *pcb)
{
    const int ignore_case = (flags & (NORM_IGNORECASE | LINGUISTIC_IGNORECASE)) != 0;
    const int drop_tertiary = (flags & NORM_IGNORECASE) && (flags & NORM_IGNOREKANATYPE)
                              && (flags & NORM_IGNOREWIDTH);
    const int drop_secondary = (flags & NORM_IGNORENONSPACE) != 0;
    const int strip = (flags & LINGUISTIC_IGNOREDIACRITIC) || (drop_secondary && !drop_tertiary);
    const int word_sort = !(flags & (SORT_STRINGSORT | NORM_IGNORESYMBOLS));
    unsigned attrs = drop_tertiary ? (drop_secondary ? 0u : 1u) : 2u;
    if (flags & NORM_IGNORESYMBOLS)
        attrs |= COLL_SHIFTED;
    if (flags & SORT_DIGITSASNUMBERS)
        attrs |= COLL_NUMERIC;

    struct ubuf s = { NULL, 0 };
    uint8_t *special = NULL, *key = NULL, *out = NULL;
    size_t nspecial = 0;
    UCollator *temporary = NULL;
    int ok = 0;

    s.p = malloc(((size_t)cch + 1) * sizeof(UChar));
    if (word_sort)
        special = malloc((size_t)cch * 4 + 1);
    if (s.p == NULL || (word_sort && special == NULL))
        goto oom;
    for (int i = 0; i < cch; i++) {
        if (word_sort && word_sort_char(src[i])) {
            put_special(special + nspecial, (size_t)i, src[i]);
            nspecial += 4;
        } else {
            s.p[s.n++] = src[i];
        }
    }
    if (strip && !strip_marks(&s))
        goto oom;
    if ((flags & NORM_IGNOREWIDTH) && !drop_tertiary) {
        pthread_once(&width_once, width_init);
        if (width_norm == NULL || !apply_normalizer(width_norm, &s))
            goto oom;
    }
    if ((flags & NORM_IGNOREKANATYPE) && !drop_tertiary)
        kana_to_katakana(&s);
    if (ignore_case) {
        uint32_t opt = (is_turkic(loc) && (flags & NORM_LINGUISTIC_CASING))
                           ? U_FOLD_CASE_EXCLUDE_SPECIAL_I : U_FOLD_CASE_DEFAULT;
        if (!apply_fold_case(&s, opt))
            goto oom;
    }

    char id[ULOC_FULLNAME_CAPACITY];
    icu_id(loc, 1, id, sizeof id);
    const UCollator *coll = get_collator(id, attrs, &temporary);
    if (coll == NULL)
        goto oom;
    int32_t cap = first_cap(s.n, 4, 32), cb = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
        key = malloc((size_t)cap);
        if (key == NULL)
            goto oom;
        cb = ucol_getSortKey(coll, s.p, s.n, key, cap);
        if (cb > 0 && cb <= cap)
            break;
        free(key);
        key = NULL;
        if (cb <= 0)
            goto oom;
        cap = cb;
    }
    if (key == NULL)
        goto oom;

    /* ICU key without its 00, a 01 when it has none, the word-sort section, then 00 */
    size_t n = (size_t)cb - 1;
    out = malloc(n + 2 + nspecial + 1);
    if (out == NULL)
        goto oom;
    memcpy(out, key, n);
    if (memchr(key, 0x01, n) == NULL)
        out[n++] = 0x01;
    if (nspecial > 0) {
        out[n++] = 0x01;
        memcpy(out + n, special, nspecial);
        n += nspecial;
    }
    out[n++] = 0x00;
    if (flags & LCMAP_BYTEREV) {
        for (size_t i = 0; i + 1 < n; i += 2) {
            uint8_t t = out[i];
            out[i] = out[i + 1];
            out[i + 1] = t;
        }
    }
    *pkey = out;
    *pcb = n;
    out = NULL;
    ok = 1;
    goto done;
oom:
    SetLastError(ERROR_NOT_ENOUGH_MEMORY);
done:
    if (temporary != NULL)
        ucol_close(temporary);
    free(s.p);
    free(special);
    free(key);
    free(out);
    return ok;
}

/* ---- current sort version ------------------------------------------------------------------------ */

static DWORD pack_version(const UVersionInfo v)
{
    return ((DWORD)v[0] << 24) | ((DWORD)v[1] << 16) | ((DWORD)v[2] << 8) | (DWORD)v[3];
}

/* 64-bit FNV-1a, continuing from h. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

/* The version GetNLSVersionEx reports for loc. FALSE (out of memory) if ICU cannot open it. */
static int sort_version(const struct nls_locale *loc, NLSVERSIONINFOEX *v)
{
    char id[ULOC_FULLNAME_CAPACITY], text[320];
    char icu[U_MAX_VERSION_STRING_LENGTH], uca[U_MAX_VERSION_STRING_LENGTH],
        coll_v[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo vi;
    UErrorCode err = U_ZERO_ERROR;
    UCollator *temporary;

    icu_id(loc, 1, id, sizeof id);
    const UCollator *coll = get_collator(id, 2u, &temporary);
    if (coll == NULL)
        return 0;
    ucol_getVersion(coll, vi);
    v->dwNLSVersion = pack_version(vi);
    u_versionToString(vi, coll_v);
    ucol_getUCAVersion(coll, vi);
    u_versionToString(vi, uca);
    const char *actual = ucol_getLocaleByType(coll, ULOC_ACTUAL_LOCALE, &err);
    u_getVersion(vi);
    u_versionToString(vi, icu);
    snprintf(text, sizeof text, "ICU %s UCA %s collator %s locale %s revision %d", icu, uca, coll_v,
             U_SUCCESS(err) && actual != NULL ? actual : "", NLS_SORT_REVISION);
    if (temporary != NULL)
        ucol_close(temporary);

    u_getUnicodeVersion(vi);
    v->dwDefinedVersion = (pack_version(vi) & 0xFFFFFF00u) | (NLS_SORT_REVISION & 0xFF);
    v->dwEffectiveId = lcid_of(loc);

    /* guidCustomVersion: a name-based GUID (RFC 9562 version 8) of the versions above */
    uint64_t h1 = fnv1a(UINT64_C(0xcbf29ce484222325), text);
    uint64_t h2 = fnv1a(h1 ^ UINT64_C(0x9e3779b97f4a7c15), text);
    v->guidCustomVersion.Data1 = (DWORD)(h1 >> 32);
    v->guidCustomVersion.Data2 = (WORD)(h1 >> 16);
    v->guidCustomVersion.Data3 = (WORD)(((h1 & 0x0FFF)) | 0x8000);
    for (int i = 0; i < 8; i++)
        v->guidCustomVersion.Data4[i] = (BYTE)(h2 >> (56 - 8 * i));
    v->guidCustomVersion.Data4[0] = (BYTE)((v->guidCustomVersion.Data4[0] & 0x3F) | 0x80);
    return 1;
}

BOOL WINAPI GetNLSVersionEx(NLS_FUNCTION function, LPCWSTR lpLocaleName,
                            LPNLSVERSIONINFOEX lpVersionInformation)
{
    struct nls_locale loc;
    NLSVERSIONINFOEX v;
    if (function != COMPARE_STRING) {
        SetLastError(ERROR_INVALID_FLAGS);
        return FALSE;
    }
    if (lpVersionInformation == NULL
        || (lpVersionInformation->dwNLSVersionInfoSize != sizeof(NLSVERSIONINFOEX)
            && lpVersionInformation->dwNLSVersionInfoSize != NLS_LEGACY_VERSIONINFO_SIZE)) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    if (!resolve_name(lpLocaleName, 1, &loc)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    memset(&v, 0, sizeof v);
    if (!sort_version(&loc, &v)) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    lpVersionInformation->dwNLSVersion = v.dwNLSVersion;
    lpVersionInformation->dwDefinedVersion = v.dwDefinedVersion;
    if (lpVersionInformation->dwNLSVersionInfoSize == sizeof(NLSVERSIONINFOEX)) {
        lpVersionInformation->dwEffectiveId = v.dwEffectiveId;
        lpVersionInformation->guidCustomVersion = v.guidCustomVersion;
    }
    return TRUE;
}

/* ---- LCMapStringEx ------------------------------------------------------------------------------- */

/* Simple (length-keeping) case mapping; Turkic dotted/dotless i with LCMAP_LINGUISTIC_CASING. */
static UChar32 map_case(UChar32 c, int upper, int turkic)
{
    if (turkic && upper && c == 'i')
        return 0x0130;
    if (turkic && !upper && c == 'I')
        return 0x0131;
    return upper ? u_toupper(c) : u_tolower(c);
}

static int lcmap_string(const struct nls_locale *loc, DWORD flags, LPCWSTR src, int cch,
                        LPWSTR dst, int cch_dest)
{
    const int casing = (flags & (LCMAP_LOWERCASE | LCMAP_UPPERCASE)) != 0;
    const int upper = (flags & LCMAP_UPPERCASE) != 0;
    const int turkic = is_turkic(loc) && (flags & LCMAP_LINGUISTIC_CASING);
    UChar *out = malloc(((size_t)cch * 2 + 1) * sizeof(UChar));
    int32_t i = 0, n = 0;
    if (out == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    while (i < cch) {
        UChar32 c;
        U16_NEXT(src, i, cch, c);
        if (casing && !U_IS_SURROGATE(c))
            c = map_case(c, upper, turkic);
        U16_APPEND_UNSAFE(out, n, c);
    }
    if (flags & LCMAP_BYTEREV) {
        for (int32_t k = 0; k < n; k++)
            out[k] = (UChar)((out[k] >> 8) | (out[k] << 8));
    }
    int ret = n;
    if (cch_dest != 0) {
        if (dst == NULL || n > cch_dest) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            ret = 0;
        } else {
            memcpy(dst, out, (size_t)n * sizeof(WCHAR));
        }
    }
    free(out);
    return ret;
}

int WINAPI LCMapStringEx(LPCWSTR lpLocaleName, DWORD dwMapFlags, LPCWSTR lpSrcStr, int cchSrc,
                         LPWSTR lpDestStr, int cchDest, LPNLSVERSIONINFO lpVersionInformation,
                         LPVOID lpReserved, LPARAM sortHandle)
{
    struct nls_locale loc;
    const int sortkey = (dwMapFlags & LCMAP_SORTKEY) != 0;

    if (lpSrcStr == NULL || cchSrc == 0 || cchDest < 0 || lpReserved != NULL || sortHandle != 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (sortkey) {
        if ((dwMapFlags & ~(DWORD)SORTKEY_FLAGS) != 0) {
            SetLastError(ERROR_INVALID_FLAGS);
            return 0;
        }
    } else {
        DWORD casing = dwMapFlags & (LCMAP_LOWERCASE | LCMAP_UPPERCASE);
        if (dwMapFlags == 0 || (dwMapFlags & ~(DWORD)(CASEMAP_FLAGS | UNSUPPORTED_MAP_FLAGS)) != 0
            || ((dwMapFlags & LCMAP_LINGUISTIC_CASING) && casing == 0)) {
            SetLastError(ERROR_INVALID_FLAGS);
            return 0;
        }
        if ((dwMapFlags & UNSUPPORTED_MAP_FLAGS) || casing == LCMAP_TITLECASE) {
            SetLastError(ERROR_NOT_SUPPORTED);
            return 0;
        }
    }
    if (!resolve_name(lpLocaleName, 1, &loc)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (lpVersionInformation != NULL) {
        /* only the current sort version exists here */
        NLSVERSIONINFOEX v;
        DWORD size = lpVersionInformation->dwNLSVersionInfoSize;
        memset(&v, 0, sizeof v);
        if ((size != sizeof(NLSVERSIONINFO) && size != NLS_LEGACY_VERSIONINFO_SIZE)
            || !sort_version(&loc, &v) || lpVersionInformation->dwNLSVersion != v.dwNLSVersion) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return 0;
        }
    }

    int cch = cchSrc;
    if (cch < 0) {
        size_t n = 0;
        while (lpSrcStr[n] != 0)
            n++;
        if (n >= 0x7FFFFFFF) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return 0;
        }
        cch = (int)n + (sortkey ? 0 : 1); /* a mapped string keeps its terminator */
    }

    if (!sortkey)
        return lcmap_string(&loc, dwMapFlags, lpSrcStr, cch, lpDestStr, cchDest);

    uint8_t *key;
    size_t cb;
    if (!make_sortkey(&loc, dwMapFlags, lpSrcStr, cch, &key, &cb))
        return 0;
    int ret = (int)cb;
    if (cchDest != 0) {
        if (lpDestStr == NULL || cb > (size_t)cchDest) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            ret = 0;
        } else {
            memcpy(lpDestStr, key, cb);
        }
    }
    free(key);
    return ret;
}
