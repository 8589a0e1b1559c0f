/* The current time as a JET_LOGTIME (ese-format.md §1.2): UTC, milliseconds included. */
#ifndef ESENT_UTIL_LOGTIME_H
#define ESENT_UTIL_LOGTIME_H

#include "api/api.h"

JET_LOGTIME esent_logtime_now(void);

#endif
