/* The engine version JetGetVersion reports. Layout (what ManagedEsent decodes): major version in bits
 * 28-31, minor in 24-27, build number in 8-23, build revision in 0-7. We report Windows 10's ESENT
 * (10.0, build 19041), so clients enable the Windows 10 API level; features this engine does not
 * have yet answer JET_errFeatureNotAvailable (docs/api-status.md). */
#ifndef ESENT_CORE_VERSION_H
#define ESENT_CORE_VERSION_H

#define ESENT_VERSION_MAJOR    10u
#define ESENT_VERSION_MINOR    0u
#define ESENT_VERSION_BUILD    19041u
#define ESENT_VERSION_REVISION 1u

#define ESENT_VERSION_WORD ((ESENT_VERSION_MAJOR << 28) | (ESENT_VERSION_MINOR << 24) | \
                            (ESENT_VERSION_BUILD << 8) | ESENT_VERSION_REVISION)

#endif
