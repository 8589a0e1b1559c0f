/* Compiled with -std=c99 -pedantic -Werror (see CMakeLists.txt): esent.h must be strict C99, and the
 * legacy unsuffixed names must map to the A entry points when UNICODE is not defined. */
#include <esent.h>

int esent_header_c99_ok(void);

int esent_header_c99_ok(void)
{
    JET_ERR (JET_API *create)(JET_INSTANCE *, JET_PCSTR) = JetCreateInstance;
    JET_ERR (JET_API *create_a)(JET_INSTANCE *, JET_PCSTR) = JetCreateInstanceA;
    JET_COLUMNDEF coldef;
    JET_ENUMCOLUMN enumcol;
    JET_LOGTIME logtime;
    coldef.cbStruct = sizeof(coldef);
    enumcol.rgEnumColumnValue = 0;    /* anonymous union member, as in the SDK */
    logtime.bMillisecondsLow = 0;     /* anonymous bitfield struct, as in the SDK */
    (void)logtime;
    return create == create_a && coldef.cbStruct == 28 && enumcol.rgEnumColumnValue == 0;
}
