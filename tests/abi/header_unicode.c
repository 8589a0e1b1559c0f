/* JET_UNICODE selects the W entry points for the unsuffixed names, as in the SDK. */
#define JET_UNICODE
#include <esent.h>

int esent_header_unicode_ok(void);

int esent_header_unicode_ok(void)
{
    JET_ERR (JET_API *create)(JET_INSTANCE *, JET_PCWSTR) = JetCreateInstance;
    JET_ERR (JET_API *create_w)(JET_INSTANCE *, JET_PCWSTR) = JetCreateInstanceW;
    JET_SETSYSPARAM setsys;           /* maps to JET_SETSYSPARAM_W */
    setsys.sz = 0;
    return create == create_w && setsys.sz == (JET_PCWSTR)0 && sizeof(setsys) == sizeof(JET_SETSYSPARAM_W);
}
