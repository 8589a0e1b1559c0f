/* UTF-16 strings (WCHAR, 2-byte code units) and conversions to and from the ANSI code page.
 * The engine works on WCHAR strings only; every A entry point converts with esent_a_to_w and calls
 * the W implementation. The ANSI code page is CP_ACP: UTF-8 on Linux, the process code page on
 * Windows. Invalid input bytes become U+FFFD, as MultiByteToWideChar does without MB_ERR_INVALID_CHARS. */
#ifndef ESENT_UTIL_WSTR_H
#define ESENT_UTIL_WSTR_H

#include "api/api.h"

/* Length in code units, without the terminator. */
size_t esent_wlen(const WCHAR *s);
/* Heap copy (malloc); NULL when s is NULL or memory runs out. */
WCHAR *esent_wdup(const WCHAR *s);
/* Code-unit comparison: exact (<0, 0, >0), and with ASCII letters folded. */
int esent_wcmp(const WCHAR *a, const WCHAR *b);
int esent_wicmp(const WCHAR *a, const WCHAR *b);
/* Copies an ASCII literal into a WCHAR buffer of cch units (always terminated when cch > 0). */
void esent_wfrom_ascii(WCHAR *out, size_t cch, const char *ascii);

/* ANSI → UTF-16 for an A entry point. *out = NULL when in is NULL; otherwise a malloc'ed string the
 * caller frees with esent_wfree. Returns JET_errOutOfMemory on allocation failure. */
JET_ERR esent_a_to_w(const char *in, WCHAR **out);
void esent_wfree(WCHAR *s);

/* UTF-16 → ANSI into a caller buffer of cbOut bytes (terminator included).
 * JET_errBufferTooSmall when it does not fit (the buffer then holds an empty string). */
JET_ERR esent_w_to_a(const WCHAR *in, char *out, size_t cbOut);
/* Bytes esent_w_to_a needs for in, terminator included. */
size_t esent_w_to_a_size(const WCHAR *in);

#endif
