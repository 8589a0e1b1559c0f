/* The canonical text form of a database's tables, shared by esent_dump (what the engine reads back) and
 * tests/interop/esent_write (what a program wrote), so that the two can be compared byte for byte and
 * parsed by tests/interop/yardstick.py. One record per line, fields separated by one TAB:
 *
 *   table   NAME                         a table; tables in byte order of their names
 *   column  ID COLTYP CP NAME            its columns, by column id (CP: code page of text columns, else 0)
 *   row     N                            a row (N counts from 1), rows in the order of the primary index
 *   value   ID V1 [V2 ...]               a non-NULL column of that row, its values in itagSequence order
 *   default ID V                         a column the record does not hold, read back as its catalog default
 *   error   ID ERR                       reading the column failed with ERR
 *   rows    COUNT                        end of the table
 *
 * Values, by column type:
 *   Bit, UnsignedByte, Short, Long, Currency, UnsignedLong, LongLong, UnsignedShort, UnsignedLongLong:
 *       decimal (signed types signed);
 *   IEEESingle, IEEEDouble, DateTime: the number as %.17g (singles widened to double, which is exact);
 *       a NaN as "nan:" and the hex of its bits (big-endian, as the value reads);
 *   Binary, LongBinary, GUID: "0x" and the bytes in hex (lower case; "0x" alone is a zero-length value);
 *   Text, LongText in code page 1200: "u:" and the UTF-8 of the UTF-16LE text;
 *   other Text, LongText: "s:" and the bytes;
 *   in "s:" and "u:", '\\' is written "\\\\" and every byte or character below 0x20, 0x7F and (in "s:")
 *   every byte from 0x80 up is written "\\xHH". UTF-16 that is not well formed (odd size, lone surrogate)
 *   is written as "0x" hex instead, as is a fixed-size value whose size is not its type's.
 * Names are written like "s:" text without the prefix. */
#ifndef ESENT_DUMP_FORMAT_H
#define ESENT_DUMP_FORMAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

void dumpfmt_value(FILE *out, uint32_t coltyp, uint32_t cp, const void *pv, size_t cb);
void dumpfmt_name(FILE *out, const void *pv, size_t cb);

void dumpfmt_table(FILE *out, const char *name, size_t cb_name);
void dumpfmt_column(FILE *out, uint32_t id, uint32_t coltyp, uint32_t cp, const char *name, size_t cb_name);
void dumpfmt_row(FILE *out, uint64_t n);
void dumpfmt_rows(FILE *out, uint64_t count);

#endif
