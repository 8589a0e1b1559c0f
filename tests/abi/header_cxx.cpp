// esent.h must compile as C++ (-std=c++11 -pedantic -Werror) with C linkage for every function.
#include <esent.h>

extern "C" int esent_header_cxx_ok(void);

extern "C" int esent_header_cxx_ok(void)
{
    JET_GRBIT bits = JET_bitIndexUnique | JET_bitIndexPrimary;  // grbits OR together without casts in C++
    JET_ERR (JET_API *begin)(JET_SESID, JET_GRBIT) = JetBeginTransaction2;
    return bits == 0x3 && begin != nullptr && sizeof(JET_INDEXID) == (sizeof(void *) == 8 ? 20 : 16);
}
