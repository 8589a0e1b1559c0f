#include "api/api.h"

#include "table/cursor.h"
#include "table/tdb.h"
#include "table/trx.h"
#include "table/tsession.h"

void esent_table_session_end(esent_session *s)
{
    esent_data_lock();
    if (esent_trx_level(s) > 0)
        (void)esent_trx_rollback(s, 1);
    esent_cursor_close_session(s, 0, 1);
    esent_trx_session_end(s);
    esent_data_unlock();
}

void esent_table_database_closed(esent_session *s, JET_DBID dbid)
{
    esent_data_lock();
    esent_cursor_close_session(s, dbid, 0);
    esent_data_unlock();
}
