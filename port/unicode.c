/* UTF-8 ⇄ UTF-16 conversion: MultiByteToWideChar/WideCharToMultiByte (CP_UTF8, and CP_ACP,
 * which is UTF-8 on this platform) and the converters the file functions use for names.
 *
 * Invalid UTF-8 is replaced the way Unicode recommends ("maximal subpart"): each maximal prefix
 * of a valid sequence, or each byte that cannot start one, becomes one U+FFFD. Overlong forms,
 * encoded surrogates and values above U+10FFFF are invalid. A lone surrogate in UTF-16 becomes
 * U+FFFD. File names use WTF-8 instead, so that every UTF-16 name survives the round trip:
 * lone surrogates travel as their 3-byte encoding. */
#include "port_internal.h"

#include <stdlib.h>
#include <string.h>

#define REPLACEMENT_CHAR 0xFFFD

size_t port_wcslen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n] != 0)
        n++;
    return n;
}

/* Appends one code unit; returns 0 when dst is full. */
static int put16(WCHAR *dst, size_t cap, size_t *n, WCHAR unit)
{
    if (dst != NULL) {
        if (*n >= cap)
            return 0;
        dst[*n] = unit;
    }
    (*n)++;
    return 1;
}

/* Decodes the sequence at s[0..len) (len >= 1, s[0] >= 0x80). Returns its length in bytes and
 * stores the code point in *cp, or returns the length of the maximal invalid subpart (>= 1)
 * and stores -1. With surrogates, ED A0..BF xx decodes to the surrogate (WTF-8). */
static size_t decode8(const unsigned char *s, size_t len, int surrogates, long *cp)
{
    unsigned char b = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    long value;
    if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
        value = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        value = b & 0x0F;
        if (b == 0xE0)
            lo = 0xA0; /* no overlong forms */
        else if (b == 0xED && !surrogates)
            hi = 0x9F; /* no surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        value = b & 0x07;
        if (b == 0xF0)
            lo = 0x90;
        else if (b == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        *cp = -1;
        return 1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= len || s[i] < lo || s[i] > hi) {
            *cp = -1;
            return i;
        }
        value = (value << 6) | (s[i] & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = value;
    return i;
}

ptrdiff_t port_utf8_to_utf16(const char *src, size_t len, WCHAR *dst, size_t cap,
                             enum port_utf_mode mode)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        long cp;
        if (s[i] < 0x80) {
            cp = s[i];
            i++;
        } else {
            i += decode8(s + i, len - i, mode == PORT_UTF_WTF8, &cp);
            if (cp < 0) {
                if (mode == PORT_UTF_STRICT)
                    return PORT_UTF_INVALID;
                cp = REPLACEMENT_CHAR;
            }
        }
        int ok;
        if (cp >= 0x10000)
            ok = put16(dst, cap, &n, (WCHAR)(0xD800 + ((cp - 0x10000) >> 10))) &&
                 put16(dst, cap, &n, (WCHAR)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
        else
            ok = put16(dst, cap, &n, (WCHAR)cp);
        if (!ok)
            return PORT_UTF_OVERFLOW;
    }
    return (ptrdiff_t)n;
}

/* Appends len bytes; returns 0 when dst is full. */
static int put8(char *dst, size_t cap, size_t *n, const char *bytes, size_t len)
{
    if (dst != NULL) {
        if (*n > cap || cap - *n < len)
            return 0;
        memcpy(dst + *n, bytes, len);
    }
    *n += len;
    return 1;
}

/* Encodes cp (<= 0x10FFFF) as UTF-8 into out; returns the byte count. */
static size_t encode8(long cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

ptrdiff_t port_utf16_to_utf8(const WCHAR *src, size_t len, char *dst, size_t cap,
                             enum port_utf_mode mode, const char *replacement, int *replaced)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        long cp = src[i++];
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            if (cp <= 0xDBFF && i < len && src[i] >= 0xDC00 && src[i] <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (src[i++] - 0xDC00);
            } else if (mode == PORT_UTF_STRICT) {
                return PORT_UTF_INVALID;
            } else if (mode == PORT_UTF_REPLACE) {
                if (replaced != NULL)
                    *replaced = 1;
                if (replacement != NULL) {
                    if (!put8(dst, cap, &n, replacement, strlen(replacement)))
                        return PORT_UTF_OVERFLOW;
                    continue;
                }
                cp = REPLACEMENT_CHAR;
            } /* PORT_UTF_WTF8: the surrogate is encoded as is */
        }
        char bytes[4];
        if (!put8(dst, cap, &n, bytes, encode8(cp, bytes)))
            return PORT_UTF_OVERFLOW;
    }
    return (ptrdiff_t)n;
}

WCHAR *port_utf16_dup(const char *utf8)
{
    size_t len = strlen(utf8);
    ptrdiff_t n = port_utf8_to_utf16(utf8, len, NULL, 0, PORT_UTF_WTF8);
    WCHAR *w = malloc(((size_t)n + 1) * sizeof *w);
    if (w == NULL) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    port_utf8_to_utf16(utf8, len, w, (size_t)n, PORT_UTF_WTF8);
    w[n] = 0;
    return w;
}

static int known_code_page(UINT code_page)
{
    return code_page == CP_ACP || code_page == CP_UTF8;
}

int WINAPI MultiByteToWideChar(UINT CodePage, DWORD dwFlags, LPCCH lpMultiByteStr,
                               int cbMultiByte, LPWSTR lpWideCharStr, int cchWideChar)
{
    if (!known_code_page(CodePage) || lpMultiByteStr == NULL || cbMultiByte == 0 ||
        cbMultiByte < -1 || cchWideChar < 0 || (cchWideChar > 0 && lpWideCharStr == NULL)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD allowed = MB_ERR_INVALID_CHARS | (CodePage == CP_ACP ? MB_PRECOMPOSED : 0);
    if (dwFlags & ~allowed) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    size_t len = cbMultiByte == -1 ? strlen(lpMultiByteStr) + 1 : (size_t)cbMultiByte;
    ptrdiff_t n = port_utf8_to_utf16(lpMultiByteStr, len, cchWideChar ? lpWideCharStr : NULL,
                                     (size_t)cchWideChar,
                                     (dwFlags & MB_ERR_INVALID_CHARS) ? PORT_UTF_STRICT
                                                                      : PORT_UTF_REPLACE);
    if (n == PORT_UTF_INVALID) {
        SetLastError(ERROR_NO_UNICODE_TRANSLATION);
        return 0;
    }
    if (n == PORT_UTF_OVERFLOW) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return (int)n;
}

int WINAPI WideCharToMultiByte(UINT CodePage, DWORD dwFlags, LPCWCH lpWideCharStr,
                               int cchWideChar, LPSTR lpMultiByteStr, int cbMultiByte,
                               LPCCH lpDefaultChar, LPBOOL lpUsedDefaultChar)
{
    /* UTF-8 has no default character: CP_UTF8 requires both to be NULL (CP_ACP accepts them). */
    if (!known_code_page(CodePage) || lpWideCharStr == NULL || cchWideChar == 0 ||
        cchWideChar < -1 || cbMultiByte < 0 || (cbMultiByte > 0 && lpMultiByteStr == NULL) ||
        (CodePage == CP_UTF8 && (lpDefaultChar != NULL || lpUsedDefaultChar != NULL))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    DWORD allowed = WC_ERR_INVALID_CHARS | (CodePage == CP_ACP ? WC_NO_BEST_FIT_CHARS : 0);
    if (dwFlags & ~allowed) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    size_t len = cchWideChar == -1 ? port_wcslen(lpWideCharStr) + 1 : (size_t)cchWideChar;
    int replaced = 0;
    ptrdiff_t n = port_utf16_to_utf8(lpWideCharStr, len, cbMultiByte ? lpMultiByteStr : NULL,
                                     (size_t)cbMultiByte,
                                     (dwFlags & WC_ERR_INVALID_CHARS) ? PORT_UTF_STRICT
                                                                      : PORT_UTF_REPLACE,
                                     lpDefaultChar, &replaced);
    if (n == PORT_UTF_INVALID) {
        SetLastError(ERROR_NO_UNICODE_TRANSLATION);
        return 0;
    }
    if (n == PORT_UTF_OVERFLOW) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    if (lpUsedDefaultChar != NULL)
        *lpUsedDefaultChar = replaced;
    return (int)n;
}
