/* MultiByteToWideChar / WideCharToMultiByte with CP_UTF8 (and CP_ACP on ASCII only: Wine's
 * ANSI code page is not UTF-8). */
#include "port_test.h"

#include <string.h>

static int wmem_eq(const WCHAR *a, const WCHAR *b, int n)
{
    return memcmp(a, b, (size_t)n * sizeof(WCHAR)) == 0;
}

static void test_ascii_round_trip(void)
{
    WCHAR w[16];
    char a[16];
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, 0, "hello", -1, w, 16), 6); /* with the NUL */
    CU_ASSERT_TRUE(tw_eq(w, u"hello"));
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, 0, w, -1, a, 16, NULL, NULL), 6);
    CU_ASSERT_STRING_EQUAL(a, "hello");
}

static void test_explicit_length_has_no_terminator(void)
{
    WCHAR w[8];
    char a[8];
    memset(w, 0x77, sizeof w);
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, 0, "abcdef", 3, w, 8), 3);
    CU_ASSERT_TRUE(wmem_eq(w, u"abc", 3));
    CU_ASSERT_EQUAL(w[3], 0x7777); /* untouched */
    memset(a, 'z', sizeof a);
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, 0, u"xyz", 2, a, 8, NULL, NULL), 2);
    CU_ASSERT_EQUAL(memcmp(a, "xyz", 3), 0); /* "xy", then the untouched 'z' */
}

static void test_bmp(void)
{
    /* U+00E9 U+20AC */
    const char utf8[] = "\xC3\xA9\xE2\x82\xAC";
    WCHAR w[8];
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, 0, utf8, -1, w, 8), 3);
    CU_ASSERT_EQUAL(w[0], 0x00E9);
    CU_ASSERT_EQUAL(w[1], 0x20AC);
    CU_ASSERT_EQUAL(w[2], 0);
    char a[8];
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, 0, w, -1, a, 8, NULL, NULL), 6);
    CU_ASSERT_STRING_EQUAL(a, utf8);
}

static void test_non_bmp_surrogate_pairs(void)
{
    const char utf8[] = "\xF0\x9F\x98\x80"; /* U+1F600 */
    WCHAR w[4];
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, 0, utf8, 4, w, 4), 2);
    CU_ASSERT_EQUAL(w[0], 0xD83D);
    CU_ASSERT_EQUAL(w[1], 0xDE00);
    char a[8];
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, 0, w, 2, a, 8, NULL, NULL), 4);
    CU_ASSERT_EQUAL(memcmp(a, utf8, 4), 0);
}

static void test_size_queries(void)
{
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, 0, "\xC3\xA9z\xF0\x9F\x98\x80", -1, NULL, 0), 5);
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, 0, u"\u00e9z\U0001F600", -1, NULL, 0, NULL, NULL), 8);
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, 0, u"abc", 3, NULL, 0, NULL, NULL), 3);
}

static void test_insufficient_buffer(void)
{
    WCHAR w[3];
    char a[3];
    SetLastError(0);
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, 0, "hello", -1, w, 3), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    SetLastError(0);
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, 0, u"hello", -1, a, 3, NULL, NULL), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
    SetLastError(0); /* a 2-byte character that does not fit */
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, 0, u"ab\u00e9", 3, a, 3, NULL, NULL), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INSUFFICIENT_BUFFER);
}

static void test_invalid_utf8_replaced(void)
{
    WCHAR w[8];
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, 0, "a\xFF" "b", 3, w, 8), 3);
    CU_ASSERT_EQUAL(w[0], 'a');
    CU_ASSERT_EQUAL(w[1], 0xFFFD);
    CU_ASSERT_EQUAL(w[2], 'b');
    /* A truncated sequence followed by ASCII. */
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, 0, "\xE2\x82" "c", 3, w, 8), 2);
    CU_ASSERT_EQUAL(w[0], 0xFFFD);
    CU_ASSERT_EQUAL(w[1], 'c');
}

static void test_invalid_utf8_strict(void)
{
    WCHAR w[8];
    SetLastError(0);
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "a\xFF" "b", 3, w, 8), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_NO_UNICODE_TRANSLATION);
    SetLastError(0); /* an encoded surrogate is not UTF-8 */
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "\xED\xA0\x80", 3, w, 8), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_NO_UNICODE_TRANSLATION);
    SetLastError(0); /* overlong encoding of '/' */
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, "\xC0\xAF", 2, NULL, 0), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_NO_UNICODE_TRANSLATION);
}

static void test_lone_surrogate(void)
{
    const WCHAR lone[] = {'a', 0xD800, 'b'};
    char a[8];
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, 0, lone, 3, a, 8, NULL, NULL), 5);
    CU_ASSERT_EQUAL(memcmp(a, "a\xEF\xBF\xBD" "b", 5), 0); /* U+FFFD */
    SetLastError(0);
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, lone, 3, a, 8, NULL, NULL), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_NO_UNICODE_TRANSLATION);
    const WCHAR low_first[] = {0xDC00, 0xD800};
    SetLastError(0);
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, low_first, 2, NULL, 0, NULL, NULL), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_NO_UNICODE_TRANSLATION);
}

static void test_acp_ascii(void)
{
    WCHAR w[16];
    char a[16];
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_ACP, 0, "Edb.log", -1, w, 16), 8);
    CU_ASSERT_TRUE(tw_eq(w, u"Edb.log"));
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_ACP, 0, w, -1, a, 16, NULL, NULL), 8);
    CU_ASSERT_STRING_EQUAL(a, "Edb.log");
}

static void test_parameter_errors(void)
{
    WCHAR w[4];
    char a[4];
    SetLastError(0);
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, 0, "abc", 0, w, 4), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    CU_ASSERT_EQUAL(MultiByteToWideChar(CP_UTF8, 0, NULL, 3, w, 4), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    CU_ASSERT_EQUAL(WideCharToMultiByte(CP_UTF8, 0, u"abc", 0, a, 4, NULL, NULL), 0);
    CU_ASSERT_EQUAL(GetLastError(), ERROR_INVALID_PARAMETER);
    /* With CP_UTF8, lpDefaultChar and lpUsedDefaultChar must be NULL (Microsoft's documentation:
     * ERROR_INVALID_PARAMETER); Wine 8 ignores them and converts. */
    BOOL used = FALSE;
    SetLastError(0);
    int r = WideCharToMultiByte(CP_UTF8, 0, u"abc", 3, a, 4, NULL, &used);
    CU_ASSERT_TRUE(tw_is((DWORD)r, 0, 3));
    CU_ASSERT_TRUE(tw_is(GetLastError(), ERROR_INVALID_PARAMETER, ERROR_SUCCESS));
}

void port_register_unicode_tests(void)
{
    CU_pSuite s = esent_test_suite("unicode", NULL, NULL);
    esent_test_add(s, "ASCII round trip, -1 counts the NUL", test_ascii_round_trip);
    esent_test_add(s, "explicit length adds no terminator", test_explicit_length_has_no_terminator);
    esent_test_add(s, "BMP characters", test_bmp);
    esent_test_add(s, "non-BMP characters use surrogate pairs", test_non_bmp_surrogate_pairs);
    esent_test_add(s, "size queries with no output buffer", test_size_queries);
    esent_test_add(s, "ERROR_INSUFFICIENT_BUFFER", test_insufficient_buffer);
    esent_test_add(s, "invalid UTF-8 becomes U+FFFD", test_invalid_utf8_replaced);
    esent_test_add(s, "MB_ERR_INVALID_CHARS: ERROR_NO_UNICODE_TRANSLATION", test_invalid_utf8_strict);
    esent_test_add(s, "lone surrogate: U+FFFD or WC_ERR_INVALID_CHARS error", test_lone_surrogate);
    esent_test_add(s, "CP_ACP with ASCII", test_acp_ascii);
    esent_test_add(s, "parameter errors", test_parameter_errors);
}
