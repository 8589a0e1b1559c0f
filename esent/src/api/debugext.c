/* The debugger-extension entry points of esent.dll (WinDbg's "!ese" commands). They are exported so
 * the export table matches Windows', but there is no debugger extension: the HRESULT entry points
 * answer E_NOTIMPL and the void ones do nothing. Listed as "not yet" in docs/api-status.md. */
#include "api/api.h"

#define ESENT_E_NOTIMPL ((int32_t)0x80004001)

#define ESENT_NOT_BUILT_HRESULT(name, params) \
    ESENT_EXPORT int32_t JET_API name params; \
    ESENT_EXPORT int32_t JET_API name params { return ESENT_E_NOTIMPL; }
#define ESENT_NOT_BUILT_VOID(name, params) \
    ESENT_EXPORT void JET_API name params; \
    ESENT_EXPORT void JET_API name params { }

#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif

ESENT_NOT_BUILT_HRESULT(DebugExtensionInitialize, (uint32_t *version, uint32_t *flags))
ESENT_NOT_BUILT_VOID(DebugExtensionNotify, (uint32_t notify, uint64_t argument))
ESENT_NOT_BUILT_VOID(DebugExtensionUninitialize, (void))
ESENT_NOT_BUILT_HRESULT(ese, (void *client, const char *args))
ESENT_NOT_BUILT_HRESULT(esent, (void *client, const char *args))
