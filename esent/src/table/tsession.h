/* What the table layer does when a session ends or closes a database. */
#ifndef ESENT_TABLE_TSESSION_H
#define ESENT_TABLE_TSESSION_H

#include "api/api.h"
#include "session/session.h"

/* JetEndSession / JetTerm: rolls back the session's open transactions and closes its cursors. Takes the
 * data lock itself. */
void esent_table_session_end(esent_session *s);
/* JetCloseDatabase: closes the session's cursors on that database (as ESENT does). */
void esent_table_database_closed(esent_session *s, JET_DBID dbid);

#endif
