/* The one header every engine source includes first: the public API (with default visibility, so
 * the linker's version script decides what libesent.so exports) and the Win32 surface (winapi/). */
#ifndef ESENT_API_API_H
#define ESENT_API_API_H

#include "winapi.h"

#if defined(__GNUC__) && !defined(_WIN32)
#pragma GCC visibility push(default)
#endif
#include <esent.h>
#if defined(__GNUC__) && !defined(_WIN32)
#pragma GCC visibility pop
#endif

#include <stddef.h>
#include <stdint.h>

/* An export whose behaviour is not built yet: the real signature, and JET_errFeatureNotAvailable.
 * Every such export is listed by tools/api_status.py in docs/api-status.md. */
#define ESENT_NOT_BUILT(name, params) \
    JET_ERR JET_API name params { return JET_errFeatureNotAvailable; }

/* For the few exports esent.h does not declare (debugger-extension entry points). */
#if defined(__GNUC__) && !defined(_WIN32)
#define ESENT_EXPORT __attribute__((visibility("default")))
#else
#define ESENT_EXPORT
#endif

/* Evaluates expr (a JET_ERR); on an error (< 0) stores it in err and jumps to label. */
#define ESENT_CALL(err, expr, label) \
    do { (err) = (expr); if ((err) < 0) goto label; } while (0)

#endif
