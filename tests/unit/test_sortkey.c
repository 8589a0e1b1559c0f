/* unit_sortkey: Unicode index sort keys (esent/src/util/sortkey.c) through the key normaliser
 * (format/key.c). The keys come from LCMapStringEx: ICU's collation on Linux, Windows' (Wine's) on
 * Windows, so the tests check orders, equalities, cuts and limits, never key bytes (except the
 * upper-case format, which is the same everywhere). */
#include "cu_runner.h"

#include "util/sortkey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SORTKEY_DEFAULT ESENT_SORTKEY_LCMAP_DEFAULT

/* ---- helpers ------------------------------------------------------------------------------------ */

/* UTF-16LE bytes of an ASCII/Latin-1 string written with \x escapes (each char one code unit). */
static uint32_t utf16(const char *s, uint8_t *out)
{
    uint32_t n = 0;
    for (; *s != '\0'; s++) {
        out[n++] = (uint8_t)*s;
        out[n++] = 0;
    }
    return n;
}

static esent_key_column unicode_col(int descending)
{
    esent_key_column c;
    memset(&c, 0, sizeof c);
    c.coltyp = JET_coltypLongText;
    c.cp = ESENT_CP_UNICODE;
    c.descending = (uint8_t)descending;
    return c;
}

static esent_key_index index_of(const esent_key_column *col, uint32_t cb_key_most,
                                const esent_text_sortkey *sk)
{
    esent_key_index idx;
    memset(&idx, 0, sizeof idx);
    idx.cb_key_most = cb_key_most;
    idx.ccol = 1;
    idx.cols = col;
    idx.sortkey = sk;
    return idx;
}

typedef struct rkey {
    uint32_t cb;
    unsigned state;
    uint8_t b[ESENT_KEY_MOST_MOST];
} rkey;

/* The record key of text (Latin-1) in a one-column index. */
static rkey record_key(const esent_key_index *idx, const char *text)
{
    uint8_t v[4096];
    rkey k;
    esent_key_value val;
    memset(&k, 0, sizeof k);
    val.cb = utf16(text, v);
    val.pv = v;
    val.is_null = 0;
    JET_ERR err = esent_key_make_record_key(idx, &val, k.b, &k.cb, &k.state);
    CU_ASSERT_EQUAL(err, JET_errSuccess);
    return k;
}

static int rkey_cmp(const rkey *a, const rkey *b)
{
    int c = esent_key_compare(a->b, a->cb, b->b, b->cb);
    return c < 0 ? -1 : c > 0;
}

static int order(const esent_key_index *idx, const char *x, const char *y)
{
    rkey a = record_key(idx, x), b = record_key(idx, y);
    return rkey_cmp(&a, &b);
}

/* ---- the provider ------------------------------------------------------------------------------- */

static void test_provider_matches_lcmap(void)
{
    uint8_t raw[64], out[256], direct[256];
    size_t cb_key = 0;
    /* any alignment: the text starts at an odd address */
    uint32_t cb = utf16("R\xe9sum\xe9", raw + 1);
    CU_ASSERT_EQUAL(esent_text_sortkey_lcmap(NULL, u"en-US", SORTKEY_DEFAULT, raw + 1, cb, out,
                                             sizeof out, &cb_key), JET_errSuccess);
    WCHAR w[8] = { 'R', 0xe9, 's', 'u', 'm', 0xe9, 0 };
    int n = LCMapStringEx(u"en-US", SORTKEY_DEFAULT, w, 6, (LPWSTR)direct, sizeof direct, NULL, NULL, 0);
    CU_ASSERT_TRUE(n > 0);
    CU_ASSERT_EQUAL(cb_key, (size_t)n);
    CU_ASSERT_EQUAL(memcmp(out, direct, (size_t)n), 0);

    /* a short buffer gets the first bytes and the whole length */
    uint8_t shortbuf[4] = { 0xEE, 0xEE, 0xEE, 0xEE };
    size_t cb_short = 0;
    CU_ASSERT_EQUAL(esent_text_sortkey_lcmap(NULL, u"en-US", SORTKEY_DEFAULT, raw + 1, cb, shortbuf,
                                             3, &cb_short), JET_errSuccess);
    CU_ASSERT_EQUAL(cb_short, (size_t)n);
    CU_ASSERT_EQUAL(memcmp(shortbuf, direct, 3), 0);
    CU_ASSERT_EQUAL(shortbuf[3], 0xEE);
    /* only the length */
    CU_ASSERT_EQUAL(esent_text_sortkey_lcmap(NULL, u"en-US", SORTKEY_DEFAULT, raw + 1, cb, NULL, 0,
                                             &cb_short), JET_errSuccess);
    CU_ASSERT_EQUAL(cb_short, (size_t)n);

    /* an odd last byte is ignored; no text is the key of an empty string, before any other */
    size_t cb_odd = 0, cb_empty = 0;
    uint8_t odd[256], empty[64];
    CU_ASSERT_EQUAL(esent_text_sortkey_lcmap(NULL, u"en-US", SORTKEY_DEFAULT, raw + 1, cb + 1, odd,
                                             sizeof odd, &cb_odd), JET_errSuccess);
    CU_ASSERT_EQUAL(cb_odd, (size_t)n);
    CU_ASSERT_EQUAL(esent_text_sortkey_lcmap(NULL, u"en-US", SORTKEY_DEFAULT, raw, 1, empty,
                                             sizeof empty, &cb_empty), JET_errSuccess);
    CU_ASSERT_TRUE(cb_empty >= 2 && empty[cb_empty - 1] == 0);
    CU_ASSERT_TRUE(esent_key_compare(empty, (uint32_t)cb_empty, out, (uint32_t)cb_key) < 0);

    /* long text goes through the heap */
    static uint8_t big[6000];
    static uint8_t bigkey[20000];
    for (size_t i = 0; i < sizeof big; i += 2) {
        big[i] = (uint8_t)('a' + (i / 2) % 26);
        big[i + 1] = 0;
    }
    size_t cb_big = 0;
    CU_ASSERT_EQUAL(esent_text_sortkey_lcmap(NULL, u"en-US", SORTKEY_DEFAULT, big, sizeof big,
                                             bigkey, sizeof bigkey, &cb_big), JET_errSuccess);
    CU_ASSERT_TRUE(cb_big > 3000 && cb_big <= sizeof bigkey);
    CU_ASSERT_EQUAL(bigkey[cb_big - 1], 0);
    CU_ASSERT_PTR_NULL(memchr(bigkey, 0, cb_big - 1));

    /* errors */
    CU_ASSERT_EQUAL(esent_text_sortkey_lcmap(NULL, u"xx-YY", SORTKEY_DEFAULT, raw + 1, cb, out,
                                             sizeof out, &cb_key), JET_errInvalidLanguageId);
    CU_ASSERT_EQUAL(esent_text_sortkey_lcmap(NULL, u"en-US", SORTKEY_DEFAULT, NULL, 4, out,
                                             sizeof out, &cb_key), JET_errInvalidParameter);
}

static void test_upper_case_keys(void)
{
    esent_index_sortkey isk;
    uint8_t raw[16], seg[64];
    uint32_t n = 0;
    unsigned f = 0;
    CU_ASSERT_EQUAL_FATAL(esent_index_sortkey_init(&isk, u"en-US", 0, LCMAP_UPPERCASE), JET_errSuccess);
    CU_ASSERT_EQUAL(isk.sk.format, ESENT_SORTKEY_FORMAT_ORDINAL);
    CU_ASSERT_EQUAL(isk.sk.lcmap_flags, LCMAP_UPPERCASE);
    esent_key_column c = unicode_col(0);
    esent_key_index idx = index_of(&c, 255, &isk.sk);
    uint32_t cb = utf16("ab\xe9", raw);
    CU_ASSERT_EQUAL(esent_key_normalize_segment(&idx, &c, raw, cb, 0, seg, 255, &n, &f, NULL),
                    JET_errSuccess);
    static const uint8_t want[] = { 0x7f, 0x00, 0x41, 0x00, 0x42, 0x00, 0xc9, 0x00, 0x00 };
    CU_ASSERT_EQUAL(n, sizeof want);
    CU_ASSERT_EQUAL(memcmp(seg, want, sizeof want), 0);
}

/* ---- index set-up ------------------------------------------------------------------------------- */

static void test_check_flags(void)
{
    uint32_t f = 0;
    CU_ASSERT_EQUAL(esent_sortkey_check_flags(0x00030401, 0, &f), JET_errSuccess);
    CU_ASSERT_EQUAL(f, 0x00030401);
    CU_ASSERT_EQUAL(esent_sortkey_check_flags(0x00030001, 0, &f), JET_errSuccess);   /* SORTKEY added */
    CU_ASSERT_EQUAL(f, 0x00030401);
    CU_ASSERT_EQUAL(esent_sortkey_check_flags(0, 0, &f), JET_errSuccess);
    CU_ASSERT_EQUAL(f, LCMAP_SORTKEY);
    CU_ASSERT_EQUAL(esent_sortkey_check_flags(LCMAP_SORTKEY | ESENT_SORTKEY_LCMAP_VALID, 0, &f),
                    JET_errSuccess);
    CU_ASSERT_EQUAL(esent_sortkey_check_flags(LCMAP_SORTKEY | LCMAP_UPPERCASE, 1, &f),
                    JET_errInvalidLCMapStringFlags);
    CU_ASSERT_EQUAL(esent_sortkey_check_flags(LCMAP_SORTKEY | LCMAP_LOWERCASE, 0, &f),
                    JET_errInvalidLCMapStringFlags);
    CU_ASSERT_EQUAL(esent_sortkey_check_flags(0x40000000 | LCMAP_SORTKEY, 0, &f),
                    JET_errInvalidLCMapStringFlags);
    CU_ASSERT_EQUAL(esent_sortkey_check_flags(LCMAP_UPPERCASE, 0, &f), JET_errInvalidLCMapStringFlags);
    CU_ASSERT_EQUAL(esent_sortkey_check_flags(LCMAP_UPPERCASE, 1, &f), JET_errSuccess);
    CU_ASSERT_EQUAL(f, LCMAP_UPPERCASE);
}

static void test_locales_and_lcids(void)
{
    WCHAR name[LOCALE_NAME_MAX_LENGTH];
    uint32_t lcid = 0;
    CU_ASSERT_EQUAL(esent_sortkey_locale_of_lcid(0x0409, name, LOCALE_NAME_MAX_LENGTH), JET_errSuccess);
    CU_ASSERT_EQUAL(memcmp(name, u"en-US", 6 * sizeof(WCHAR)), 0);
    CU_ASSERT_EQUAL(esent_sortkey_locale_of_lcid(0x040C, name, LOCALE_NAME_MAX_LENGTH), JET_errSuccess);
    CU_ASSERT_EQUAL(memcmp(name, u"fr-FR", 6 * sizeof(WCHAR)), 0);
    CU_ASSERT_EQUAL(esent_sortkey_locale_of_lcid(0, name, LOCALE_NAME_MAX_LENGTH), JET_errSuccess);
    CU_ASSERT_EQUAL(memcmp(name, u"en-US", 6 * sizeof(WCHAR)), 0);
    CU_ASSERT_EQUAL(esent_sortkey_locale_of_lcid(0x0409, name, 5), JET_errBufferTooSmall);
    CU_ASSERT_EQUAL(esent_sortkey_locale_of_lcid(0x12345, name, LOCALE_NAME_MAX_LENGTH),
                    JET_errInvalidLanguageId);
    CU_ASSERT_EQUAL(esent_sortkey_lcid_of_locale(u"de-DE", &lcid), JET_errSuccess);
    CU_ASSERT_EQUAL(lcid, 0x0407);
    CU_ASSERT_EQUAL(esent_sortkey_lcid_of_locale(u"xx-YY", &lcid), JET_errInvalidLanguageId);
    CU_ASSERT_EQUAL(esent_sortkey_lcid_of_locale(NULL, &lcid), JET_errInvalidLanguageId);
}

static void test_index_init(void)
{
    esent_index_sortkey isk;
    uint64_t v = 0;
    uint8_t id[ESENT_SORTKEY_SORTID_SIZE], cv[ESENT_SORTKEY_VERSION_SIZE], cid[ESENT_SORTKEY_SORTID_SIZE];

    /* by name */
    CU_ASSERT_EQUAL_FATAL(esent_index_sortkey_init(&isk, u"de-DE", 0, 0x00030001), JET_errSuccess);
    CU_ASSERT_PTR_EQUAL(isk.sk.fn, esent_text_sortkey_lcmap);
    CU_ASSERT_PTR_EQUAL(isk.sk.locale, isk.locale);
    CU_ASSERT_EQUAL(memcmp(isk.locale, u"de-DE", 6 * sizeof(WCHAR)), 0);
    CU_ASSERT_EQUAL(isk.sk.lcmap_flags, 0x00030401);
    CU_ASSERT_EQUAL(isk.sk.format, ESENT_SORTKEY_FORMAT_LCMAP);
    CU_ASSERT_EQUAL(isk.lcid, 0x0407);
    /* the version is the locale's current one, recorded as the catalog stores it */
    CU_ASSERT_EQUAL(esent_sortkey_version(u"de-DE", &v, id), JET_errSuccess);
    CU_ASSERT_NOT_EQUAL(v, 0);
    CU_ASSERT_EQUAL(isk.sk.version, v);
    CU_ASSERT_EQUAL(memcmp(isk.sort_id, id, sizeof id), 0);
    esent_index_sortkey_catalog(&isk, cv, cid);
    for (int i = 0; i < 8; i++)
        CU_ASSERT_EQUAL(cv[i], (uint8_t)(v >> (8 * i)));
    CU_ASSERT_EQUAL(memcmp(cid, id, sizeof id), 0);

    /* by LCID; LCID 0 is en-US */
    CU_ASSERT_EQUAL(esent_index_sortkey_init(&isk, NULL, 0x040C, SORTKEY_DEFAULT), JET_errSuccess);
    CU_ASSERT_EQUAL(memcmp(isk.locale, u"fr-FR", 6 * sizeof(WCHAR)), 0);
    CU_ASSERT_EQUAL(isk.lcid, 0x040C);
    CU_ASSERT_EQUAL(esent_index_sortkey_init(&isk, NULL, 0, SORTKEY_DEFAULT), JET_errSuccess);
    CU_ASSERT_EQUAL(memcmp(isk.locale, u"en-US", 6 * sizeof(WCHAR)), 0);

    /* errors */
    CU_ASSERT_EQUAL(esent_index_sortkey_init(&isk, u"xx-YY", 0, SORTKEY_DEFAULT), JET_errInvalidLanguageId);
    CU_ASSERT_EQUAL(esent_index_sortkey_init(&isk, NULL, 0x12345, SORTKEY_DEFAULT),
                    JET_errInvalidLanguageId);
    CU_ASSERT_EQUAL(esent_index_sortkey_init(&isk, u"en-US", 0, LCMAP_SORTKEY | LCMAP_UPPERCASE),
                    JET_errInvalidLCMapStringFlags);
    CU_ASSERT_EQUAL(esent_index_sortkey_init(&isk, u"en-US", 0, 0x40000000),
                    JET_errInvalidLCMapStringFlags);
    WCHAR longname[100];
    for (int i = 0; i < 99; i++)
        longname[i] = 'a';
    longname[99] = 0;
    CU_ASSERT_EQUAL(esent_index_sortkey_init(&isk, longname, 0, SORTKEY_DEFAULT), JET_errInvalidLanguageId);
    CU_ASSERT_EQUAL(esent_index_sortkey_init(NULL, u"en-US", 0, SORTKEY_DEFAULT), JET_errInvalidParameter);
}

static void test_version_checks(void)
{
    uint64_t v = 0;
    uint8_t id[ESENT_SORTKEY_SORTID_SIZE];
    static const uint8_t zero[ESENT_SORTKEY_SORTID_SIZE];
    CU_ASSERT_EQUAL_FATAL(esent_sortkey_version(u"en-US", &v, id), JET_errSuccess);
    CU_ASSERT_TRUE(esent_sortkey_is_current(u"en-US", v, id));
    CU_ASSERT_TRUE(esent_sortkey_is_current(u"en-US", v, NULL));
    CU_ASSERT_TRUE(esent_sortkey_is_current(u"en-US", v, zero));         /* no SortID recorded */
    /* another version, another SortID, the ordinal placeholder, no version: rebuild */
    CU_ASSERT_FALSE(esent_sortkey_is_current(u"en-US", v + 1, id));
    CU_ASSERT_FALSE(esent_sortkey_is_current(u"en-US", v ^ (UINT64_C(1) << 40), id));
    id[0] ^= 1;
    CU_ASSERT_FALSE(esent_sortkey_is_current(u"en-US", v, id));
    CU_ASSERT_FALSE(esent_sortkey_is_current(u"en-US", ESENT_SORTKEY_VERSION_ORDINAL, NULL));
    CU_ASSERT_FALSE(esent_sortkey_is_current(u"en-US", 0, NULL));
    CU_ASSERT_FALSE(esent_sortkey_is_current(u"xx-YY", v, NULL));
    /* the same answer twice; a locale has one version */
    uint64_t w = 0;
    CU_ASSERT_EQUAL(esent_sortkey_version(u"en-US", &w, NULL), JET_errSuccess);
    CU_ASSERT_EQUAL(v, w);
    CU_ASSERT_EQUAL(esent_sortkey_version(u"xx-YY", &w, NULL), JET_errInvalidLanguageId);
    CU_ASSERT_EQUAL(w, 0);
    CU_ASSERT_EQUAL(esent_sortkey_version(NULL, &w, NULL), JET_errInvalidLanguageId);
}

/* ---- keys of an index --------------------------------------------------------------------------- */

static void test_default_index(void)
{
    /* an index that names no provider gets LCMapStringEx, en-US, ESENT's default flags */
    esent_key_column c = unicode_col(0);
    esent_key_index idx = index_of(&c, 255, NULL);
    CU_ASSERT_EQUAL(order(&idx, "apple", "APPLE"), 0);                 /* case-insensitive */
    CU_ASSERT_EQUAL(order(&idx, "Apple", "aPPLE"), 0);
    CU_ASSERT_EQUAL(order(&idx, "r\xe9sum\xe9", "resume"), 1);         /* diacritics count */
    CU_ASSERT_EQUAL(order(&idx, "a", "B"), -1);
    CU_ASSERT_EQUAL(order(&idx, "B", "c"), -1);
    CU_ASSERT_PTR_EQUAL(esent_text_sortkey_default_provider.fn, esent_text_sortkey_lcmap);
    CU_ASSERT_EQUAL(esent_text_sortkey_default_provider.lcmap_flags, 0x00030401);
    CU_ASSERT_EQUAL(esent_text_sortkey_default_provider.format, ESENT_SORTKEY_FORMAT_LCMAP);

    /* the same keys as an explicit en-US index */
    esent_index_sortkey isk;
    CU_ASSERT_EQUAL_FATAL(esent_index_sortkey_init(&isk, u"en-US", 0, SORTKEY_DEFAULT), JET_errSuccess);
    esent_key_index idx2 = index_of(&c, 255, &isk.sk);
    rkey a = record_key(&idx, "Hello, World"), b = record_key(&idx2, "Hello, World");
    CU_ASSERT_EQUAL(rkey_cmp(&a, &b), 0);
}

static const esent_key_index *sort_idx;

static int cmp_words(const void *x, const void *y)
{
    rkey a = record_key(sort_idx, *(const char *const *)x), b = record_key(sort_idx, *(const char *const *)y);
    return rkey_cmp(&a, &b);
}

static void check_sorted(const esent_key_index *idx, const char *const *want, size_t n)
{
    const char *words[16];
    for (size_t i = 0; i < n; i++)
        words[i] = want[(i * 7 + 3) % n];                     /* shuffled (n is not a multiple of 7) */
    sort_idx = idx;
    qsort(words, n, sizeof words[0], cmp_words);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(words[i], want[i]) != 0)
            fprintf(stderr, "  position %zu: %s, want %s\n", i, words[i], want[i]);
        CU_ASSERT_STRING_EQUAL(words[i], want[i]);
    }
}

static void test_locale_order(void)
{
    esent_key_column c = unicode_col(0);
    esent_index_sortkey isk;

    CU_ASSERT_EQUAL_FATAL(esent_index_sortkey_init(&isk, u"en-US", 0, SORTKEY_DEFAULT), JET_errSuccess);
    esent_key_index idx = index_of(&c, 255, &isk.sk);
    /* English: ö sorts with the o's, the hyphen of co-op weighs only after the letters */
    static const char *const en_sorted[] = { "1", "10", "2", "apple", "Banana", "cherry", "co-op",
                                             "\xe9" "clair", "\xf6l", "Zebra" };
    check_sorted(&idx, en_sorted, 10);

    /* Swedish: ö is a letter after z */
    static const char *const sv_sorted[] = { "apple", "Banana", "Zebra", "\xf6l" };
    CU_ASSERT_EQUAL_FATAL(esent_index_sortkey_init(&isk, u"sv-SE", 0, SORTKEY_DEFAULT), JET_errSuccess);
    idx = index_of(&c, 255, &isk.sk);
    check_sorted(&idx, sv_sorted, 4);

    /* digits as numbers */
    static const char *const num_sorted[] = { "file1", "file2", "file10", "file100" };
    CU_ASSERT_EQUAL_FATAL(esent_index_sortkey_init(&isk, u"en-US", 0,
                                                   SORTKEY_DEFAULT | SORT_DIGITSASNUMBERS), JET_errSuccess);
    idx = index_of(&c, 255, &isk.sk);
    check_sorted(&idx, num_sorted, 4);

    /* descending: the reverse */
    esent_key_column d = unicode_col(1);
    CU_ASSERT_EQUAL_FATAL(esent_index_sortkey_init(&isk, u"en-US", 0, SORTKEY_DEFAULT), JET_errSuccess);
    idx = index_of(&d, 255, &isk.sk);
    static const char *const desc_sorted[] = { "Zebra", "cherry", "Banana", "apple" };
    check_sorted(&idx, desc_sorted, 4);
}

static void test_truncation(void)
{
    /* é weighs at two levels: two or more key bytes per character everywhere */
    char a[400], b[400];
    memset(a, 0xe9, sizeof a - 1);
    a[sizeof a - 1] = '\0';
    memcpy(b, a, sizeof b);
    b[300] = 'b';                                           /* differs only far past the cut */
    esent_key_column c = unicode_col(0);
    esent_index_sortkey isk;
    CU_ASSERT_EQUAL_FATAL(esent_index_sortkey_init(&isk, u"en-US", 0, SORTKEY_DEFAULT), JET_errSuccess);

    esent_key_index idx = index_of(&c, 255, &isk.sk);
    rkey ka = record_key(&idx, a), kb = record_key(&idx, b);
    CU_ASSERT_EQUAL(ka.cb, 255);
    CU_ASSERT_TRUE(ka.state & ESENT_KEY_TRUNCATED);
    CU_ASSERT_EQUAL(rkey_cmp(&ka, &kb), 0);                 /* both cut to the same 255 bytes */

    /* a bigger cbKeyMost keeps them apart */
    idx = index_of(&c, 2000, &isk.sk);
    ka = record_key(&idx, a);
    kb = record_key(&idx, b);
    CU_ASSERT_TRUE(ka.cb > 255 && ka.cb <= 2000);
    CU_ASSERT_EQUAL(rkey_cmp(&ka, &kb), 1);                 /* b < é at position 300 */

    /* an index that disallows truncation refuses the key */
    idx = index_of(&c, 255, &isk.sk);
    idx.flags = ESENT_KEYIDX_DISALLOW_TRUNCATION;
    uint8_t v[1000], k[ESENT_KEY_MOST_MOST];
    uint32_t cbk = 0;
    unsigned st = 0;
    esent_key_value val = { v, utf16(a, v), 0 };
    CU_ASSERT_EQUAL(esent_key_make_record_key(&idx, &val, k, &cbk, &st), JET_errKeyTruncated);
}

/* A JetMakeKey key for text with grbit (a new key). */
static esent_keybuild make_key(const esent_key_index *idx, const char *text, JET_GRBIT grbit)
{
    esent_keybuild kb;
    uint8_t v[512];
    esent_keybuild_init(&kb, idx->cb_key_most);
    uint32_t cb = utf16(text, v);
    CU_ASSERT_EQUAL(esent_keybuild_add_segment(&kb, idx, v, cb, JET_bitNewKey | grbit), JET_errSuccess);
    return kb;
}

static int in_range(const esent_keybuild *lo, const esent_keybuild *hi, const rkey *k)
{
    return esent_key_compare(lo->key, lo->cb, k->b, k->cb) <= 0
        && esent_key_compare(k->b, k->cb, hi->key, hi->cb) <= 0;
}

static void check_prefix_range(const esent_key_index *idx)
{
    static const char *const inside[] = { "app", "APP", "apple", "Apples", "application", "app-store" };
    static const char *const outside[] = { "ap", "apo", "apricot", "banana", "a", "", "aq" };
    esent_keybuild start = make_key(idx, "app", JET_bitPartialColumnStartLimit);
    esent_keybuild end = make_key(idx, "app", JET_bitPartialColumnEndLimit);
    esent_keybuild substr = make_key(idx, "App", JET_bitSubStrLimit);
    CU_ASSERT_TRUE(start.limit && end.limit && substr.limit);
    CU_ASSERT_EQUAL(end.cb, idx->cb_key_most + 1);
    CU_ASSERT_EQUAL(esent_key_compare(end.key, end.cb, substr.key, substr.cb), 0);
    for (size_t i = 0; i < sizeof inside / sizeof inside[0]; i++) {
        rkey k = record_key(idx, inside[i]);
        if (!in_range(&start, &end, &k))
            fprintf(stderr, "  %s should be in the range\n", inside[i]);
        CU_ASSERT_TRUE(in_range(&start, &end, &k));
    }
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        if (outside[i][0] == '\0')
            continue;                                       /* a zero-length value: no text key */
        rkey k = record_key(idx, outside[i]);
        if (in_range(&start, &end, &k))
            fprintf(stderr, "  %s should be out of the range\n", outside[i]);
        CU_ASSERT_FALSE(in_range(&start, &end, &k));
    }
}

static void test_limits(void)
{
    esent_key_column c = unicode_col(0);
    esent_index_sortkey isk;
    CU_ASSERT_EQUAL_FATAL(esent_index_sortkey_init(&isk, u"en-US", 0, SORTKEY_DEFAULT), JET_errSuccess);
    esent_key_index idx = index_of(&c, 255, &isk.sk);
    check_prefix_range(&idx);
    idx = index_of(&c, 1000, &isk.sk);
    check_prefix_range(&idx);
    idx = index_of(&c, 255, NULL);                          /* the default provider */
    check_prefix_range(&idx);

    /* full-column limits bracket exactly the values equal to the key (case-insensitive) */
    idx = index_of(&c, 255, &isk.sk);
    esent_keybuild lo = make_key(&idx, "apple", JET_bitFullColumnStartLimit);
    esent_keybuild hi = make_key(&idx, "apple", JET_bitFullColumnEndLimit);
    rkey k1 = record_key(&idx, "APPLE"), k2 = record_key(&idx, "apples"), k3 = record_key(&idx, "appl");
    CU_ASSERT_TRUE(in_range(&lo, &hi, &k1));
    CU_ASSERT_FALSE(in_range(&lo, &hi, &k2));
    CU_ASSERT_FALSE(in_range(&lo, &hi, &k3));
    /* a plain key equals the record key */
    esent_keybuild eq = make_key(&idx, "APPLE", 0);
    CU_ASSERT_EQUAL(esent_key_compare(eq.key, eq.cb, k1.b, k1.cb), 0);
}

static void test_limits_descending(void)
{
    /* on a descending column the limits bracket the same values: start and end swap ends */
    esent_key_column d = unicode_col(1);
    esent_index_sortkey isk;
    CU_ASSERT_EQUAL_FATAL(esent_index_sortkey_init(&isk, u"en-US", 0, SORTKEY_DEFAULT), JET_errSuccess);
    esent_key_index idx = index_of(&d, 255, &isk.sk);
    esent_keybuild start = make_key(&idx, "app", JET_bitPartialColumnStartLimit);
    esent_keybuild end = make_key(&idx, "app", JET_bitPartialColumnEndLimit);
    static const char *const inside[] = { "app", "Apple", "application" };
    static const char *const outside[] = { "ap", "apricot", "banana", "aardvark" };
    for (size_t i = 0; i < sizeof inside / sizeof inside[0]; i++) {
        rkey k = record_key(&idx, inside[i]);
        CU_ASSERT_TRUE(in_range(&start, &end, &k));
    }
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        rkey k = record_key(&idx, outside[i]);
        CU_ASSERT_FALSE(in_range(&start, &end, &k));
    }
}

static void test_ordinal_fallback(void)
{
    /* still available, explicitly */
    esent_key_column c = unicode_col(0);
    esent_key_index idx = index_of(&c, 255, &esent_text_sortkey_ordinal_provider);
    rkey k = record_key(&idx, "ab");
    static const uint8_t want[] = { 0x7f, 0x00, 0x41, 0x00, 0x42, 0x00, 0x00 };
    CU_ASSERT_EQUAL(k.cb, sizeof want);
    CU_ASSERT_EQUAL(memcmp(k.b, want, sizeof want), 0);
    CU_ASSERT_EQUAL(esent_text_sortkey_ordinal_provider.version, ESENT_SORTKEY_VERSION_ORDINAL);
}

int main(void)
{
    CU_pSuite s = esent_test_suite("sortkey_provider", NULL, NULL);
    esent_test_add(s, "the provider is LCMapStringEx", test_provider_matches_lcmap);
    esent_test_add(s, "LCMAP_UPPERCASE keys", test_upper_case_keys);

    s = esent_test_suite("sortkey_index", NULL, NULL);
    esent_test_add(s, "LCMapFlags checks", test_check_flags);
    esent_test_add(s, "locales and LCIDs", test_locales_and_lcids);
    esent_test_add(s, "an index's set-up and catalog values", test_index_init);
    esent_test_add(s, "sort versions decide rebuilds", test_version_checks);

    s = esent_test_suite("sortkey_keys", NULL, NULL);
    esent_test_add(s, "default: en-US, case-insensitive", test_default_index);
    esent_test_add(s, "keys sort as the locale says", test_locale_order);
    esent_test_add(s, "truncation at cbKeyMost", test_truncation);
    esent_test_add(s, "limit keys find prefixes", test_limits);
    esent_test_add(s, "limit keys on a descending column", test_limits_descending);
    esent_test_add(s, "ordinal keys only when asked for", test_ordinal_fallback);
    return esent_test_run();
}
