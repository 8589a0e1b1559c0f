/* LCMapStringEx (LCMAP_SORTKEY and case mapping), GetNLSVersionEx, LocaleNameToLCID,
 * LCIDToLocaleName, IsValidLocaleName.
 *
 * Sort keys differ byte for byte between Windows, Wine and the port (ICU): the tests check only
 * what all of them promise — the order and equalities the flags define, the key's shape (memcmp
 * order, a 01 byte after the primary weights, one 00 at the end), sizes and errors. */
#include "port_test.h"

#include <string.h>

#define KEY_MAX 512
#define SORTKEY_DEFAULT (LCMAP_SORTKEY | NORM_IGNORECASE | NORM_IGNOREKANATYPE | NORM_IGNOREWIDTH)

typedef struct key {
    int cb;
    BYTE b[KEY_MAX];
} key;

/* The sort key of s (NUL-terminated, cch -1) in locale loc; cb 0 on failure. */
static key sk(const WCHAR *loc, DWORD flags, const WCHAR *s)
{
    key k;
    memset(&k, 0, sizeof k);
    k.cb = LCMapStringEx(loc, flags, s, -1, (LPWSTR)k.b, KEY_MAX, NULL, NULL, 0);
    return k;
}

static int key_cmp(const key *a, const key *b)
{
    int n = a->cb < b->cb ? a->cb : b->cb;
    int c = memcmp(a->b, b->b, (size_t)n);
    return c != 0 ? c : a->cb - b->cb;
}

/* <0, 0, >0 as x sorts before, with, after y (both keys must exist). */
static int order(const WCHAR *loc, DWORD flags, const WCHAR *x, const WCHAR *y)
{
    key a = sk(loc, flags, x), b = sk(loc, flags, y);
    CU_ASSERT_TRUE(a.cb > 0 && b.cb > 0);
    int c = key_cmp(&a, &b);
    return c < 0 ? -1 : c > 0;
}

/* Bytes before the first 01: the primary weights. */
static int primary_len(const key *k)
{
    const BYTE *p = memchr(k->b, 0x01, (size_t)k->cb);
    return p == NULL ? -1 : (int)(p - k->b);
}

static void test_ignore_case(void)
{
    CU_ASSERT_EQUAL(order(u"en-US", LCMAP_SORTKEY | NORM_IGNORECASE, u"apple", u"APPLE"), 0);
    CU_ASSERT_EQUAL(order(u"en-US", LCMAP_SORTKEY | NORM_IGNORECASE, u"ApPlE", u"aPpLe"), 0);
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT, u"apple", u"APPLE"), 0);
    CU_ASSERT_EQUAL(order(u"en-US", LINGUISTIC_IGNORECASE | LCMAP_SORTKEY, u"apple", u"APPLE"), 0);
    /* without the flag, case is the last difference: lower case first */
    CU_ASSERT_EQUAL(order(u"en-US", LCMAP_SORTKEY, u"apple", u"APPLE"), -1);
    CU_ASSERT_EQUAL(order(u"en-US", LCMAP_SORTKEY, u"APPLE", u"apples"), -1);
}

static void test_alphabetical(void)
{
    static const DWORD flags[] = { LCMAP_SORTKEY, SORTKEY_DEFAULT, LCMAP_SORTKEY | NORM_IGNORECASE };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        CU_ASSERT_EQUAL(order(u"en-US", flags[i], u"a", u"B"), -1);
        CU_ASSERT_EQUAL(order(u"en-US", flags[i], u"B", u"c"), -1);
        CU_ASSERT_EQUAL(order(u"en-US", flags[i], u"a", u"c"), -1);
        CU_ASSERT_EQUAL(order(u"en-US", flags[i], u"apple", u"Apples"), -1);
        CU_ASSERT_EQUAL(order(u"en-US", flags[i], u"Zebra", u"\u00e9clair"), 1);  /* é with the e's */
        CU_ASSERT_EQUAL(order(u"en-US", flags[i], u"9", u"a"), -1);               /* digits first */
        CU_ASSERT_EQUAL(order(u"en-US", flags[i], u"", u"a"), -1);
    }
}

static void test_nonspace(void)
{
    const WCHAR *resume_acc = u"r\u00e9sum\u00e9";
    CU_ASSERT_EQUAL(order(u"en-US", LCMAP_SORTKEY | NORM_IGNORENONSPACE, resume_acc, u"resume"), 0);
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT | NORM_IGNORENONSPACE, resume_acc, u"RESUME"), 0);
    CU_ASSERT_EQUAL(order(u"en-US", LCMAP_SORTKEY, resume_acc, u"resume"), 1);
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT, resume_acc, u"resume"), 1);
    /* a diacritic weighs less than a letter */
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT, resume_acc, u"resumes"), -1);
    /* precomposed and decomposed forms are the same text */
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT, u"\u00e9", u"e\u0301"), 0);
}

static void test_digits_as_numbers(void)
{
    CU_ASSERT_EQUAL(order(u"en-US", LCMAP_SORTKEY | SORT_DIGITSASNUMBERS, u"2", u"10"), -1);
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT | SORT_DIGITSASNUMBERS, u"file9", u"file10"), -1);
    CU_ASSERT_EQUAL(order(u"en-US", LCMAP_SORTKEY, u"2", u"10"), 1);
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT, u"file9", u"file10"), 1);
}

static void test_symbols(void)
{
    CU_ASSERT_EQUAL(order(u"en-US", LCMAP_SORTKEY | NORM_IGNORESYMBOLS, u"a b", u"ab"), 0);
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT | NORM_IGNORESYMBOLS, u"a.b!", u"AB"), 0);
    CU_ASSERT_NOT_EQUAL(order(u"en-US", LCMAP_SORTKEY, u"a b", u"ab"), 0);
    /* word sort (the default): hyphen and apostrophe weigh after everything else */
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT, u"coop", u"co-op"), -1);
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT, u"co-op", u"cop"), -1);
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT, u"cant", u"can't"), -1);
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT, u"can't", u"canto"), -1);
    /* string sort: a hyphen is a symbol, before every letter */
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT | SORT_STRINGSORT, u"co-op", u"coop"), -1);
    CU_ASSERT_EQUAL(order(u"en-US", SORTKEY_DEFAULT | SORT_STRINGSORT, u"co-op", u"co"), 1);
}

static void test_locale_order(void)
{
    /* Swedish sorts ö after z, German with o */
    CU_ASSERT_EQUAL(order(u"sv-SE", SORTKEY_DEFAULT, u"\u00f6l", u"zon"), 1);
    CU_ASSERT_EQUAL(order(u"de-DE", SORTKEY_DEFAULT, u"\u00f6l", u"zon"), -1);
    CU_ASSERT_EQUAL(order(u"", SORTKEY_DEFAULT, u"\u00f6l", u"zon"), -1);   /* invariant */
    /* NULL is the user default locale */
    key a = sk(NULL, SORTKEY_DEFAULT, u"abc"), b = sk(u"en-US", SORTKEY_DEFAULT, u"abc");
    CU_ASSERT_TRUE(a.cb > 0 && key_cmp(&a, &b) == 0);
}

static void test_key_shape(void)
{
    static const WCHAR *const words[] = { u"a", u"apple", u"APPLE", u"r\u00e9sum\u00e9", u"co-op",
                                          u"\u65e5\u672c", u"x y", u"10", u"\U0001F600" };
    static const DWORD flags[] = { LCMAP_SORTKEY, SORTKEY_DEFAULT,
                                   SORTKEY_DEFAULT | NORM_IGNORENONSPACE | NORM_IGNORESYMBOLS,
                                   LCMAP_SORTKEY | SORT_STRINGSORT | SORT_DIGITSASNUMBERS };
    for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
        for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
            key k = sk(u"en-US", flags[f], words[w]);
            CU_ASSERT_TRUE_FATAL(k.cb >= 2);
            CU_ASSERT_EQUAL(k.b[k.cb - 1], 0x00);                         /* ends with 00 */
            CU_ASSERT_PTR_NULL(memchr(k.b, 0x00, (size_t)k.cb - 1));        /* and only there */
            CU_ASSERT_TRUE(primary_len(&k) >= 0);                          /* a 01 follows the primaries */
        }
    }
    /* the primary weights of a prefix are a prefix of the primary weights */
    key p = sk(u"en-US", SORTKEY_DEFAULT, u"app"), k = sk(u"en-US", SORTKEY_DEFAULT, u"Apple");
    int n = primary_len(&p);
    CU_ASSERT_TRUE(n > 0 && n < primary_len(&k));
    CU_ASSERT_EQUAL(memcmp(p.b, k.b, (size_t)n), 0);
}

static void test_source_length(void)
{
    BYTE a[KEY_MAX], b[KEY_MAX], c[KEY_MAX];
    int na = LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"apple", -1, (LPWSTR)a, KEY_MAX, NULL, NULL, 0);
    int nb = LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"apple", 5, (LPWSTR)b, KEY_MAX, NULL, NULL, 0);
    /* the terminating NUL counted in cchSrc is unsortable: same key */
    int nc = LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"apple", 6, (LPWSTR)c, KEY_MAX, NULL, NULL, 0);
    CU_ASSERT_TRUE(na > 0);
    CU_ASSERT_EQUAL(na, nb);
    CU_ASSERT_EQUAL(na, nc);
    CU_ASSERT_EQUAL(memcmp(a, b, (size_t)na), 0);
    CU_ASSERT_EQUAL(memcmp(a, c, (size_t)na), 0);
    /* only the given characters count */
    key app = sk(u"en-US", SORTKEY_DEFAULT, u"app");
    nb = LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"apple", 3, (LPWSTR)b, KEY_MAX, NULL, NULL, 0);
    CU_ASSERT_EQUAL(nb, app.cb);
    CU_ASSERT_EQUAL(memcmp(b, app.b, (size_t)nb), 0);
    /* a string of only a NUL has a key: the empty one, before everything */
    nb = LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"", 1, (LPWSTR)b, KEY_MAX, NULL, NULL, 0);
    CU_ASSERT_TRUE(nb >= 2);
    CU_ASSERT_EQUAL(b[nb - 1], 0);
    CU_ASSERT_TRUE(memcmp(b, a, (size_t)(nb < na ? nb : na)) < 0);
}

static void test_sizes(void)
{
    BYTE buf[KEY_MAX];
    int need = LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"apple", -1, NULL, 0, NULL, NULL, 0);
    CU_ASSERT_TRUE(need >= 6);
    memset(buf, 0xEE, sizeof buf);
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"apple", -1, (LPWSTR)buf, need, NULL,
                                  NULL, 0), need);
    CU_ASSERT_EQUAL(buf[need - 1], 0x00);
    CU_ASSERT_EQUAL(buf[need], 0xEE);                       /* nothing written past the key */

    SetLastError(0);
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"apple", -1, (LPWSTR)buf, need - 1,
                                  NULL, NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    SetLastError(0);
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"apple", -1, (LPWSTR)buf, 4, NULL,
                                  NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    SetLastError(0);                                        /* NULL with a size: "too small" */
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"apple", -1, NULL, 10, NULL, NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
}

static void test_parameter_errors(void)
{
    BYTE buf[KEY_MAX];
    SetLastError(0);
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"abc", 0, (LPWSTR)buf, KEY_MAX, NULL,
                                  NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", SORTKEY_DEFAULT, NULL, 3, (LPWSTR)buf, KEY_MAX, NULL,
                                  NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"abc", -1, (LPWSTR)buf, -1, NULL,
                                  NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);                                        /* unknown locale */
    CU_ASSERT_EQUAL(LCMapStringEx(u"xx-YY", SORTKEY_DEFAULT, u"abc", -1, (LPWSTR)buf, KEY_MAX, NULL,
                                  NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
}

static void test_flag_errors(void)
{
    BYTE buf[KEY_MAX];
    SetLastError(0);                                        /* no mapping at all */
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", 0, u"abc", -1, (LPWSTR)buf, KEY_MAX, NULL, NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_FLAGS);
    SetLastError(0);                                        /* a sort-key flag without LCMAP_SORTKEY */
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", NORM_IGNORECASE | NORM_IGNOREWIDTH, u"abc", -1,
                                  (LPWSTR)buf, KEY_MAX, NULL, NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_FLAGS);
    SetLastError(0);
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", SORT_DIGITSASNUMBERS, u"abc", -1, (LPWSTR)buf, KEY_MAX,
                                  NULL, NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_FLAGS);
    /* A case mapping and a sort key at once, or an unknown bit with LCMAP_SORTKEY: Microsoft's
     * documentation says ERROR_INVALID_FLAGS; Wine 8 ignores the extra bits and makes the key. */
    static const DWORD bad[] = { LCMAP_SORTKEY | LCMAP_UPPERCASE, LCMAP_SORTKEY | LCMAP_LOWERCASE,
                                 LCMAP_SORTKEY | 0x40000000 };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        SetLastError(0);
        int r = LCMapStringEx(u"en-US", bad[i], u"abc", -1, (LPWSTR)buf, KEY_MAX, NULL, NULL, 0);
        CU_ASSERT_TRUE(tw_is(r == 0, 1, 0));
        CU_ASSERT_TRUE(tw_is(GetLastError(), ERROR_INVALID_FLAGS, ERROR_SUCCESS));
    }
}

static void test_case_mapping(void)
{
    WCHAR out[16];
    memset(out, 0x77, sizeof out);
    /* -1: the terminator is mapped and counted */
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", LCMAP_UPPERCASE, u"abc\u00e9\u00df", -1, out, 16, NULL,
                                  NULL, 0), 6);
    CU_ASSERT_TRUE(tw_eq(out, u"ABC\u00c9\u00df"));         /* simple mapping: ß stays */
    memset(out, 0x77, sizeof out);
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", LCMAP_LOWERCASE, u"ABC\u00c9I", 5, out, 16, NULL, NULL, 0), 5);
    CU_ASSERT_EQUAL(memcmp(out, u"abc\u00e9i", 5 * sizeof(WCHAR)), 0);
    CU_ASSERT_EQUAL(out[5], 0x7777);                         /* no terminator added */
    /* Turkish i only with linguistic casing */
    CU_ASSERT_EQUAL(LCMapStringEx(u"tr-TR", LCMAP_UPPERCASE, u"i", 1, out, 16, NULL, NULL, 0), 1);
    CU_ASSERT_EQUAL(out[0], 'I');
    CU_ASSERT_EQUAL(LCMapStringEx(u"tr-TR", LCMAP_UPPERCASE | LCMAP_LINGUISTIC_CASING, u"i", 1, out,
                                  16, NULL, NULL, 0), 1);
    CU_ASSERT_EQUAL(out[0], 0x0130);
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", LCMAP_UPPERCASE | LCMAP_LINGUISTIC_CASING, u"i", 1, out,
                                  16, NULL, NULL, 0), 1);
    CU_ASSERT_EQUAL(out[0], 'I');
    /* sizes: in characters */
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", LCMAP_UPPERCASE, u"abc", 3, NULL, 0, NULL, NULL, 0), 3);
    SetLastError(0);
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", LCMAP_UPPERCASE, u"abc", 3, out, 2, NULL, NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
}

static void test_nls_version(void)
{
    NLSVERSIONINFOEX v, w;
    memset(&v, 0, sizeof v);
    v.dwNLSVersionInfoSize = sizeof v;
    CU_ASSERT_EQUAL(sizeof v, 32);
    CU_ASSERT_TRUE_FATAL(GetNLSVersionEx(COMPARE_STRING, u"en-US", &v));
    CU_ASSERT_NOT_EQUAL(v.dwNLSVersion, 0);
    CU_ASSERT_EQUAL(v.dwNLSVersionInfoSize, sizeof v);
    /* the same answer every time */
    memset(&w, 0, sizeof w);
    w.dwNLSVersionInfoSize = sizeof w;
    CU_ASSERT_TRUE(GetNLSVersionEx(COMPARE_STRING, u"en-US", &w));
    CU_ASSERT_EQUAL(memcmp(&v, &w, sizeof v), 0);
    /* the 12-byte NLSVERSIONINFO of Windows Vista/7 gets the first two versions only */
    memset(&w, 0xCC, sizeof w);
    w.dwNLSVersionInfoSize = 12;
    CU_ASSERT_TRUE(GetNLSVersionEx(COMPARE_STRING, u"en-US", &w));
    CU_ASSERT_EQUAL(w.dwNLSVersion, v.dwNLSVersion);
    CU_ASSERT_EQUAL(w.dwDefinedVersion, v.dwDefinedVersion);
    CU_ASSERT_EQUAL(w.dwEffectiveId, 0xCCCCCCCC);
    /* other sizes */
    static const DWORD bad_sizes[] = { 0, 8, 16, 28 };
    for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++) {
        w.dwNLSVersionInfoSize = bad_sizes[i];
        SetLastError(0);
        CU_ASSERT_FALSE(GetNLSVersionEx(COMPARE_STRING, u"en-US", &w));
        CU_ASSERT_EQUAL(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    }
#if !defined(_WIN32)
    /* Microsoft's documentation: ERROR_INSUFFICIENT_BUFFER for NULL (Wine 8 crashes) */
    SetLastError(0);
    CU_ASSERT_FALSE(GetNLSVersionEx(COMPARE_STRING, u"en-US", NULL));
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
#endif
    /* The function must be COMPARE_STRING, the locale valid: Microsoft documents
     * ERROR_INVALID_FLAGS and ERROR_INVALID_PARAMETER; Wine 8 fails without setting an error. */
    w.dwNLSVersionInfoSize = sizeof w;
    SetLastError(0);
    CU_ASSERT_FALSE(GetNLSVersionEx(2, u"en-US", &w));
    CU_ASSERT_TRUE(tw_is(GetLastError(), ERROR_INVALID_FLAGS, ERROR_SUCCESS));
    SetLastError(0);
    CU_ASSERT_FALSE(GetNLSVersionEx(COMPARE_STRING, u"xx-YY", &w));
    CU_ASSERT_TRUE(tw_is(GetLastError(), ERROR_INVALID_PARAMETER, ERROR_SUCCESS));
    /* the invariant and the default locale */
    CU_ASSERT_TRUE(GetNLSVersionEx(COMPARE_STRING, LOCALE_NAME_INVARIANT, &w));
    CU_ASSERT_TRUE(GetNLSVersionEx(COMPARE_STRING, LOCALE_NAME_USER_DEFAULT, &w));

    /* a key made for the current version, named explicitly */
    BYTE a[KEY_MAX];
    key b = sk(u"en-US", SORTKEY_DEFAULT, u"apple");
    CU_ASSERT_EQUAL(LCMapStringEx(u"en-US", SORTKEY_DEFAULT, u"apple", -1, (LPWSTR)a, KEY_MAX,
                                  (LPNLSVERSIONINFO)&v, NULL, 0), b.cb);
    CU_ASSERT_EQUAL(memcmp(a, b.b, (size_t)b.cb), 0);
}

static void check_lcid(const WCHAR *name, LCID lcid)
{
    WCHAR buf[LOCALE_NAME_MAX_LENGTH];
    CU_ASSERT_EQUAL(LocaleNameToLCID(name, 0), lcid);
    CU_ASSERT_EQUAL(LCIDToLocaleName(lcid, buf, LOCALE_NAME_MAX_LENGTH, 0), (int)tw_len(name) + 1);
    CU_ASSERT_TRUE(tw_eq(buf, name));
    CU_ASSERT_TRUE(IsValidLocaleName(name));
}

static void test_lcid_round_trips(void)
{
    check_lcid(u"en-US", 0x0409);
    check_lcid(u"fr-FR", 0x040C);
    check_lcid(u"de-DE", 0x0407);
    check_lcid(u"ja-JP", 0x0411);
    check_lcid(u"zh-CN", 0x0804);
    check_lcid(u"zh-TW", 0x0404);
    check_lcid(u"tr-TR", 0x041F);
    check_lcid(u"de-DE_phoneb", 0x10407);                 /* an alternate sort */
    check_lcid(u"es-ES_tradnl", 0x040A);
    check_lcid(u"", LOCALE_INVARIANT);                    /* LOCALE_NAME_INVARIANT */
}

static void test_lcid_special(void)
{
    WCHAR buf[LOCALE_NAME_MAX_LENGTH];
    static const LCID defaults[] = { LOCALE_USER_DEFAULT, LOCALE_SYSTEM_DEFAULT, LOCALE_NEUTRAL };
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        CU_ASSERT_EQUAL(LCIDToLocaleName(defaults[i], buf, LOCALE_NAME_MAX_LENGTH, 0), 6);
        CU_ASSERT_TRUE(tw_eq(buf, u"en-US"));
    }
    CU_ASSERT_EQUAL(LocaleNameToLCID(LOCALE_NAME_USER_DEFAULT, 0), 0x0409);
    /* names ignore case */
    CU_ASSERT_EQUAL(LocaleNameToLCID(u"EN-us", 0), 0x0409);
    /* neutral locales: the specific one unless neutral names are allowed */
    CU_ASSERT_EQUAL(LocaleNameToLCID(u"en", 0), 0x0409);
    CU_ASSERT_EQUAL(LocaleNameToLCID(u"en", LOCALE_ALLOW_NEUTRAL_NAMES), 0x0009);
    CU_ASSERT_EQUAL(LCIDToLocaleName(0x0009, buf, LOCALE_NAME_MAX_LENGTH, 0), 6);
    CU_ASSERT_TRUE(tw_eq(buf, u"en-US"));
    CU_ASSERT_EQUAL(LCIDToLocaleName(0x0009, buf, LOCALE_NAME_MAX_LENGTH, LOCALE_ALLOW_NEUTRAL_NAMES), 3);
    CU_ASSERT_TRUE(tw_eq(buf, u"en"));
    /* a locale without an LCID of its own */
    CU_ASSERT_EQUAL(LocaleNameToLCID(u"en-DE", 0), LOCALE_CUSTOM_UNSPECIFIED);
    /* sizes */
    CU_ASSERT_EQUAL(LCIDToLocaleName(0x0409, NULL, 0, 0), 6);
    SetLastError(0);
    CU_ASSERT_EQUAL(LCIDToLocaleName(0x0409, buf, 5, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
}

static void test_invalid_locales(void)
{
    WCHAR buf[LOCALE_NAME_MAX_LENGTH];
    static const WCHAR *const bad[] = { u"xx-YY", u"en-us-", u"iv", u"x-IV", u"en US" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        SetLastError(0);
        CU_ASSERT_EQUAL(LocaleNameToLCID(bad[i], 0), 0);
        CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
        CU_ASSERT_FALSE(IsValidLocaleName(bad[i]));
    }
    CU_ASSERT_FALSE(IsValidLocaleName(NULL));
    CU_ASSERT_TRUE(IsValidLocaleName(LOCALE_NAME_INVARIANT));
    CU_ASSERT_TRUE(IsValidLocaleName(u"sv-SE"));
    SetLastError(0);
    CU_ASSERT_EQUAL(LCIDToLocaleName(0x12345, buf, LOCALE_NAME_MAX_LENGTH, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
}

/* Several threads making keys in several locales at once get the keys one thread gets. */
#define NLS_THREADS 4
static const WCHAR *const thread_locales[] = { u"en-US", u"de-DE", u"sv-SE", u"ja-JP", u"tr-TR", u"" };
static key thread_expected[6];

static DWORD WINAPI key_thread(LPVOID arg)
{
    DWORD bad = 0;
    int seed = (int)(ULONG_PTR)arg;
    for (int i = 0; i < 300; i++) {
        int l = (i + seed) % 6;
        key k = sk(thread_locales[l], SORTKEY_DEFAULT | ((l & 1) ? SORT_DIGITSASNUMBERS : 0),
                   u"Stra\u00dfe-10 \u00f6l");
        if (key_cmp(&k, &thread_expected[l]) != 0)
            bad++;
    }
    return bad;
}

static void test_threads(void)
{
    HANDLE t[NLS_THREADS];
    for (int l = 0; l < 6; l++) {
        thread_expected[l] = sk(thread_locales[l], SORTKEY_DEFAULT | ((l & 1) ? SORT_DIGITSASNUMBERS : 0),
                                u"Stra\u00dfe-10 \u00f6l");
        CU_ASSERT_TRUE(thread_expected[l].cb > 0);
    }
    for (int i = 0; i < NLS_THREADS; i++)
        t[i] = tt_start(key_thread, (LPVOID)(ULONG_PTR)i);
    for (int i = 0; i < NLS_THREADS; i++)
        CU_ASSERT_EQUAL(tt_join(t[i]), 0);
}

void port_register_nls_tests(void)
{
    CU_pSuite s = esent_test_suite("nls", NULL, NULL);
    esent_test_add(s, "NORM_IGNORECASE: apple == APPLE", test_ignore_case);
    esent_test_add(s, "a < B < c", test_alphabetical);
    esent_test_add(s, "NORM_IGNORENONSPACE: résumé == resume", test_nonspace);
    esent_test_add(s, "SORT_DIGITSASNUMBERS: 2 < 10", test_digits_as_numbers);
    esent_test_add(s, "NORM_IGNORESYMBOLS, word sort, SORT_STRINGSORT", test_symbols);
    esent_test_add(s, "locale order: sv-SE, de-DE, invariant, default", test_locale_order);
    esent_test_add(s, "key shape: 00 at the end only, 01 after the primaries", test_key_shape);
    esent_test_add(s, "source length: -1, explicit, counted NUL", test_source_length);
    esent_test_add(s, "size query, ERROR_INSUFFICIENT_BUFFER", test_sizes);
    esent_test_add(s, "ERROR_INVALID_PARAMETER", test_parameter_errors);
    esent_test_add(s, "ERROR_INVALID_FLAGS", test_flag_errors);
    esent_test_add(s, "LCMAP_UPPERCASE / LCMAP_LOWERCASE", test_case_mapping);
    esent_test_add(s, "GetNLSVersionEx", test_nls_version);
    esent_test_add(s, "LCID round trips", test_lcid_round_trips);
    esent_test_add(s, "default, neutral and custom locales", test_lcid_special);
    esent_test_add(s, "invalid locales and LCIDs", test_invalid_locales);
    esent_test_add(s, "keys from several threads", test_threads);
}
