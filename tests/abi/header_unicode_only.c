/* UNICODE alone (defined empty, the Windows convention) leaves the unsuffixed names on the A entry
 * points: the SDK's esent.h keys on JET_UNICODE only, and programs rely on that. */
#define UNICODE
#include <esent.h>

int esent_header_unicode_only_ok(void);

int esent_header_unicode_only_ok(void)
{
    JET_ERR (JET_API *create)(JET_INSTANCE *, JET_PCSTR) = JetCreateInstance;
    return create == JetCreateInstanceA;
}
