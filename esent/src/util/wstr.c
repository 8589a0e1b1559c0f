#include "util/wstr.h"

#include <stdlib.h>
#include <string.h>

size_t esent_wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n] != 0)
        n++;
    return n;
}

WCHAR *esent_wdup(const WCHAR *s)
{
    if (s == NULL)
        return NULL;
    size_t bytes = (esent_wlen(s) + 1) * sizeof(WCHAR);
    WCHAR *copy = malloc(bytes);
    if (copy != NULL)
        memcpy(copy, s, bytes);
    return copy;
}

int esent_wcmp(const WCHAR *a, const WCHAR *b)
{
    while (*a != 0 && *a == *b) {
        a++;
        b++;
    }
    return (int)*a - (int)*b;
}

static WCHAR fold_ascii(WCHAR c)
{
    return (c >= 'A' && c <= 'Z') ? (WCHAR)(c - 'A' + 'a') : c;
}

int esent_wicmp(const WCHAR *a, const WCHAR *b)
{
    while (*a != 0 && fold_ascii(*a) == fold_ascii(*b)) {
        a++;
        b++;
    }
    return (int)fold_ascii(*a) - (int)fold_ascii(*b);
}

void esent_wfrom_ascii(WCHAR *out, size_t cch, const char *ascii)
{
    if (cch == 0)
        return;
    size_t i = 0;
    for (; i + 1 < cch && ascii[i] != 0; i++)
        out[i] = (WCHAR)(unsigned char)ascii[i];
    out[i] = 0;
}

JET_ERR esent_a_to_w(const char *in, WCHAR **out)
{
    *out = NULL;
    if (in == NULL)
        return JET_errSuccess;
    int cch = MultiByteToWideChar(CP_ACP, 0, in, -1, NULL, 0);
    if (cch <= 0)
        return JET_errInvalidParameter;
    WCHAR *w = malloc((size_t)cch * sizeof(WCHAR));
    if (w == NULL)
        return JET_errOutOfMemory;
    if (MultiByteToWideChar(CP_ACP, 0, in, -1, (LPWSTR)w, cch) != cch) {
        free(w);
        return JET_errInvalidParameter;
    }
    *out = w;
    return JET_errSuccess;
}

void esent_wfree(WCHAR *s)
{
    free(s);
}

size_t esent_w_to_a_size(const WCHAR *in)
{
    int cb = WideCharToMultiByte(CP_ACP, 0, (LPCWSTR)in, -1, NULL, 0, NULL, NULL);
    return cb > 0 ? (size_t)cb : 1;
}

JET_ERR esent_w_to_a(const WCHAR *in, char *out, size_t cbOut)
{
    size_t need = esent_w_to_a_size(in);
    if (cbOut == 0)
        return JET_errBufferTooSmall;
    if (need > cbOut) {
        out[0] = 0;
        return JET_errBufferTooSmall;
    }
    if (WideCharToMultiByte(CP_ACP, 0, (LPCWSTR)in, -1, out, (int)cbOut, NULL, NULL) <= 0)
        return JET_errInvalidParameter;
    return JET_errSuccess;
}
