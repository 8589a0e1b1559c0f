/* Unicode index sort keys through LCMapStringEx (see sortkey.h and docs/sortkeys.md). The rules for
 * flags, locales and versions follow the engine's _os/norm.cxx (ErrNORMCheckLCMapFlags,
 * ErrNORMCheckLocaleName, ErrNORMGetSortVersion, FNORMNLSVersionEquals, ErrNORMMapString). */
#include "util/sortkey.h"

#include <stdlib.h>
#include <string.h>

#define TEXT_STACK      256     /* WCHARs of text converted on the stack */
#define KEY_STACK       512     /* WCHARs (1 KiB) of key made on the stack */
#define TEXT_MOST       ((size_t)0x3FFFFFFF)

const esent_text_sortkey esent_text_sortkey_default_provider = {
    esent_text_sortkey_lcmap, NULL, ESENT_SORTKEY_LOCALE_DEFAULT, ESENT_SORTKEY_LCMAP_DEFAULT,
    ESENT_SORTKEY_FORMAT_LCMAP, 0,
};

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n] != 0)
        n++;
    return n;
}

/* The JET error for a failed LCMapStringEx (ErrNORMMapString); the locale and the flags are checked
 * when an index is defined, so those two only come from a provider used without that check. */
static JET_ERR err_of_nls(DWORD e)
{
    switch (e) {
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return JET_errOutOfMemory;
    case ERROR_INVALID_PARAMETER:
        return JET_errInvalidLanguageId;
    case ERROR_INVALID_FLAGS:
        return JET_errInvalidLCMapStringFlags;
    default:
        return JET_errUnicodeTranslationFail;
    }
}

/* ESENT's upper-case keys: the text mapped with LCMAP_UPPERCASE, as big-endian code units, then
 * a 00 00 terminator. */
static JET_ERR upper_key(const WCHAR *locale, const WCHAR *text, size_t cch, int empty,
                         uint8_t *out, size_t cb_out, size_t *pcb_key)
{
    WCHAR stack[KEY_STACK];
    WCHAR *up = stack;
    int n = 0;
    if (!empty) {
        if (cch > KEY_STACK) {
            up = malloc(cch * sizeof(WCHAR));
            if (up == NULL)
                return JET_errOutOfMemory;
        }
        n = LCMapStringEx(locale, LCMAP_UPPERCASE, text, (int)cch, up, (int)cch, NULL, NULL, 0);
        if (n <= 0) {
            JET_ERR err = err_of_nls(GetLastError());
            if (up != stack)
                free(up);
            return err;
        }
    }
    size_t k = 0;
    for (int i = 0; i < n; i++, k += 2) {
        if (k < cb_out)
            out[k] = (uint8_t)(up[i] >> 8);
        if (k + 1 < cb_out)
            out[k + 1] = (uint8_t)up[i];
    }
    for (int i = 0; i < 2; i++, k++) {
        if (k < cb_out)
            out[k] = 0;
    }
    *pcb_key = k;
    if (up != stack)
        free(up);
    return JET_errSuccess;
}

JET_ERR esent_text_sortkey_lcmap(void *ctx, const WCHAR *locale, uint32_t lcmap_flags,
                                 const uint8_t *src, size_t cb,
                                 uint8_t *out, size_t cb_out, size_t *pcb_key)
{
    WCHAR text_stack[TEXT_STACK], key_stack[KEY_STACK];
    WCHAR *text = text_stack;
    uint8_t *key = (uint8_t *)key_stack;
    void *key_heap = NULL;
    size_t cch = cb / 2;
    JET_ERR err = JET_errSuccess;
    (void)ctx;

    if ((src == NULL && cch > 0) || pcb_key == NULL || (out == NULL && cb_out > 0))
        return JET_errInvalidParameter;
    if (cch > TEXT_MOST)
        return JET_errInvalidParameter;
    const int empty = cch == 0;
    if (cch > TEXT_STACK) {
        text = malloc(cch * sizeof(WCHAR));
        if (text == NULL)
            return JET_errOutOfMemory;
    }
    /* UTF-16LE bytes at any alignment */
    for (size_t i = 0; i < cch; i++)
        text[i] = (WCHAR)(src[2 * i] | (src[2 * i + 1] << 8));
    if (empty) {
        /* LCMapStringEx takes no empty string: a lone NUL, which is unsortable, has its key */
        text[0] = 0;
        cch = 1;
    }

    if (lcmap_flags == LCMAP_UPPERCASE) {
        err = upper_key(locale, text, cch, empty, out, cb_out, pcb_key);
        goto done;
    }

    int n = LCMapStringEx(locale, lcmap_flags, text, (int)cch, key_stack, (int)sizeof key_stack,
                          NULL, NULL, 0);
    if (n <= 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER) {
        int need = LCMapStringEx(locale, lcmap_flags, text, (int)cch, NULL, 0, NULL, NULL, 0);
        if (need > 0) {
            key_heap = malloc((size_t)need);
            if (key_heap == NULL) {
                err = JET_errOutOfMemory;
                goto done;
            }
            key = key_heap;
            n = LCMapStringEx(locale, lcmap_flags, text, (int)cch, (LPWSTR)key_heap, need, NULL,
                              NULL, 0);
        }
    }
    if (n <= 0) {
        err = err_of_nls(GetLastError());
        goto done;
    }
    if (cb_out > 0)
        memcpy(out, key, (size_t)n < cb_out ? (size_t)n : cb_out);
    *pcb_key = (size_t)n;

done:
    if (text != text_stack)
        free(text);
    free(key_heap);
    return err;
}

JET_ERR esent_sortkey_check_flags(uint32_t lcmap_flags, int allow_uppercase, uint32_t *pflags)
{
    uint32_t f = lcmap_flags;
    if (f == LCMAP_UPPERCASE) {
        if (!allow_uppercase)
            return JET_errInvalidLCMapStringFlags;
    } else {
        f |= LCMAP_SORTKEY;
        if ((f & ~(uint32_t)(LCMAP_SORTKEY | ESENT_SORTKEY_LCMAP_VALID)) != 0)
            return JET_errInvalidLCMapStringFlags;
    }
    if (pflags != NULL)
        *pflags = f;
    return JET_errSuccess;
}

JET_ERR esent_sortkey_locale_of_lcid(uint32_t lcid, WCHAR *name, size_t cch)
{
    WCHAR buf[LOCALE_NAME_MAX_LENGTH];
    if (name == NULL || cch == 0)
        return JET_errBufferTooSmall;
    if (lcid == 0) {
        static const WCHAR def[] = ESENT_SORTKEY_LOCALE_DEFAULT;
        memcpy(buf, def, sizeof def);
    } else if (LCIDToLocaleName((LCID)lcid, buf, LOCALE_NAME_MAX_LENGTH, 0) == 0) {
        return JET_errInvalidLanguageId;
    }
    size_t n = wlen(buf);
    if (n + 1 > cch)
        return JET_errBufferTooSmall;
    memcpy(name, buf, (n + 1) * sizeof(WCHAR));
    return JET_errSuccess;
}

JET_ERR esent_sortkey_lcid_of_locale(const WCHAR *name, uint32_t *plcid)
{
    if (plcid == NULL)
        return JET_errInvalidParameter;
    *plcid = 0;
    if (name == NULL || !IsValidLocaleName(name))
        return JET_errInvalidLanguageId;
    LCID lcid = LocaleNameToLCID(name, 0);
    if (lcid == 0)
        return JET_errInvalidLanguageId;
    *plcid = lcid;
    return JET_errSuccess;
}

static void put_le(uint8_t *p, uint64_t v, int n)
{
    for (int i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

JET_ERR esent_sortkey_version(const WCHAR *locale, uint64_t *pversion,
                              uint8_t sort_id[ESENT_SORTKEY_SORTID_SIZE])
{
    NLSVERSIONINFOEX v;
    if (pversion == NULL)
        return JET_errInvalidParameter;
    *pversion = 0;
    if (locale == NULL || wlen(locale) >= LOCALE_NAME_MAX_LENGTH)
        return JET_errInvalidLanguageId;
    memset(&v, 0, sizeof v);
    v.dwNLSVersionInfoSize = sizeof v;
    if (!GetNLSVersionEx(COMPARE_STRING, locale, &v)) {
        switch (GetLastError()) {
        case ERROR_NOT_ENOUGH_MEMORY:
        case ERROR_OUTOFMEMORY:
            return JET_errOutOfMemory;
        case ERROR_INSUFFICIENT_BUFFER:
        case ERROR_INVALID_FLAGS:
            return JET_errUnicodeLanguageValidationFailure;
        default:
            return JET_errInvalidLanguageId;
        }
    }
    *pversion = ((uint64_t)v.dwNLSVersion << 32) | v.dwDefinedVersion;
    if (sort_id != NULL) {
        put_le(sort_id, v.guidCustomVersion.Data1, 4);
        put_le(sort_id + 4, v.guidCustomVersion.Data2, 2);
        put_le(sort_id + 6, v.guidCustomVersion.Data3, 2);
        memcpy(sort_id + 8, v.guidCustomVersion.Data4, 8);
    }
    return JET_errSuccess;
}

/* FNORMNLSVersionEquals: equal, or NLS versions Windows declared interchangeable. */
static int versions_equal(uint64_t a, uint64_t b)
{
    static const uint32_t compatible[][2] = {
        { 0x00060102u, 0x00060101u },
        { 0x0006020Eu, 0x0006020Du },
        { 0x0006020Fu, 0x0006020Eu },
        { 0x0006020Fu, 0x0006020Du },
    };
    if (a == b)
        return 1;
    uint32_t na = (uint32_t)(a >> 32), nb = (uint32_t)(b >> 32);
    uint32_t hi = na > nb ? na : nb, lo = na > nb ? nb : na;
    for (size_t i = 0; i < sizeof compatible / sizeof compatible[0]; i++) {
        if (hi == compatible[i][0] && lo == compatible[i][1])
            return 1;
    }
    return 0;
}

int esent_sortkey_is_current(const WCHAR *locale, uint64_t stored_version,
                             const uint8_t *stored_sort_id)
{
    uint64_t current;
    uint8_t current_id[ESENT_SORTKEY_SORTID_SIZE];
    static const uint8_t zero[ESENT_SORTKEY_SORTID_SIZE];
    if (stored_version == 0 || stored_version == ESENT_SORTKEY_VERSION_ORDINAL)
        return 0;
    if (esent_sortkey_version(locale, &current, current_id) < 0)
        return 0;
    if (!versions_equal(stored_version, current))
        return 0;
    if (stored_sort_id != NULL && memcmp(stored_sort_id, zero, sizeof zero) != 0
        && memcmp(stored_sort_id, current_id, sizeof current_id) != 0)
        return 0;
    return 1;
}

JET_ERR esent_index_sortkey_init(esent_index_sortkey *isk, const WCHAR *locale_name, uint32_t lcid,
                                 uint32_t lcmap_flags)
{
    JET_ERR err;
    uint32_t flags;
    if (isk == NULL)
        return JET_errInvalidParameter;
    memset(isk, 0, sizeof *isk);
    if (locale_name != NULL) {
        size_t n = wlen(locale_name);
        if (n >= LOCALE_NAME_MAX_LENGTH)
            return JET_errInvalidLanguageId;
        memcpy(isk->locale, locale_name, (n + 1) * sizeof(WCHAR));
    } else {
        ESENT_CALL(err, esent_sortkey_locale_of_lcid(lcid, isk->locale, LOCALE_NAME_MAX_LENGTH), out);
    }
    ESENT_CALL(err, esent_sortkey_version(isk->locale, &isk->sk.version, isk->sort_id), out);
    ESENT_CALL(err, esent_sortkey_check_flags(lcmap_flags, 1, &flags), out);
    if (esent_sortkey_lcid_of_locale(isk->locale, &isk->lcid) < 0)
        isk->lcid = LOCALE_CUSTOM_UNSPECIFIED;
    isk->sk.fn = esent_text_sortkey_lcmap;
    isk->sk.ctx = NULL;
    isk->sk.locale = isk->locale;
    isk->sk.lcmap_flags = flags;
    isk->sk.format = flags == LCMAP_UPPERCASE ? ESENT_SORTKEY_FORMAT_ORDINAL
                                              : ESENT_SORTKEY_FORMAT_LCMAP;
    return JET_errSuccess;
out:
    memset(isk, 0, sizeof *isk);
    return err;
}

void esent_index_sortkey_catalog(const esent_index_sortkey *isk,
                                 uint8_t version[ESENT_SORTKEY_VERSION_SIZE],
                                 uint8_t sort_id[ESENT_SORTKEY_SORTID_SIZE])
{
    put_le(version, isk->sk.version, ESENT_SORTKEY_VERSION_SIZE);
    memcpy(sort_id, isk->sort_id, ESENT_SORTKEY_SORTID_SIZE);
}
