/* The engine's table of error and warning codes: for each JET_err / JET_wrn value its symbolic
 * name, its description text and its error category (JET_ERRCAT).
 *
 * It backs JET_paramErrorToString, whose output is "<name>, <description>" (and
 * "Unknown Error, Unknown Error" when esent_errtext_find returns NULL), and JetGetErrorInfoW,
 * which reports the category and its chain of parent categories.
 *
 * A few codes are known to the engine's category table but have no text in its string table
 * (internal codes such as errDiskTilt, -4006). Their entries carry name and description
 * "Unknown Error", exactly what ErrorToString prints for them, together with their category.
 */
#ifndef ESENT_ERR_ERRTEXT_H
#define ESENT_ERR_ERRTEXT_H
#include <stdint.h>
#include <stddef.h>

typedef struct esent_errtext {
    int32_t     err;          /* JET_err* (negative) or JET_wrn* (positive) value */
    const char *name;         /* "JET_errInvalidParameter" */
    const char *description;  /* "Invalid API parameter" */
    uint32_t    category;     /* JET_errcat* value of the most specific category */
} esent_errtext;

/* The entry for err, or NULL when the engine knows no such code. Entries are sorted by err; lookup is a binary search. */
const esent_errtext *esent_errtext_find(int32_t err);
/* Number of entries and the i-th entry (for tests and tools). */
size_t esent_errtext_count(void);
const esent_errtext *esent_errtext_at(size_t i);
/* Writes the parent chain of category c into out, root first (out[0] is JET_errcatError, the last
 * one written is c itself), as JetGetErrorInfoW lays out rgCategoricalHierarchy, and returns how
 * many were written (at most cmax). JET_errcatUnknown yields the single element
 * JET_errcatUnknown; a value >= JET_errcatMax yields 0 (the engine rejects it). */
size_t esent_errcat_hierarchy(uint32_t category, uint32_t *out, size_t cmax);
#endif
