/* JetInit and JetTerm for one instance (spec/ese-api.md §1.6, §1.7). */
#ifndef ESENT_CORE_LIFECYCLE_H
#define ESENT_CORE_LIFECYCLE_H

#include "core/instance.h"

/* Brings an instance the caller moved from CREATED to INITIALIZING (under the engine lock, so no
 * other JetInit or JetTerm touches it meanwhile) to RUNNING: resolves the system, log and temporary-database paths,
 * refuses paths another running instance uses (-1083/-1084/-1085), makes sure the folders exist
 * (created when JET_paramCreatePathIfNotExist, else -1023), and opens the temporary database with
 * no sharing, so another process using the same temporary path is refused. Takes and releases the
 * engine lock itself; on failure nothing is held and the caller frees the instance. */
JET_ERR esent_inst_init(esent_instance *inst, JET_GRBIT grbit);

/* Terminates an instance the caller moved from RUNNING to TERMINATING (under the engine lock): closes its API gate, waits for calls inside it, ends its sessions,
 * releases its files. Returns JET_errDirtyShutdown for JET_bitTermDirty. The caller frees it. */
JET_ERR esent_inst_term(esent_instance *inst, JET_GRBIT grbit);

#endif
