#include "core/lifecycle.h"
#include "table/tdb.h"
#include "table/tsession.h"
#include "table/ver.h"

#include "core/engine.h"
#include "session/session.h"
#include "storage/database.h"
#include "util/oserr.h"
#include "util/path.h"
#include "util/wstr.h"

#include <stdlib.h>

static const WCHAR k_temp_db_name[] = { 't', 'm', 'p', '.', 'e', 'd', 'b', 0 };

typedef struct inst_paths {
    WCHAR *system_path, *log_path, *temp_db_path;
} inst_paths;

static void release_paths(inst_paths *p)
{
    free(p->system_path);
    free(p->log_path);
    free(p->temp_db_path);
    p->system_path = p->log_path = p->temp_db_path = NULL;
}

/* Full paths from the instance's parameters. TempPath is relative to SystemPath, and a TempPath
 * ending with a separator names a folder that gets tmp.edb. */
static JET_ERR resolve_paths(const esent_instance *inst, inst_paths *p)
{
    JET_ERR err;
    ESENT_CALL(err, esent_path_full(esent_param_str(inst, JET_paramSystemPath), NULL, 1, &p->system_path), fail);
    ESENT_CALL(err, esent_path_full(esent_param_str(inst, JET_paramLogFilePath), NULL, 1, &p->log_path), fail);
    const WCHAR *temp = esent_param_str(inst, JET_paramTempPath);
    if (esent_path_is_folder_syntax(temp)) {
        WCHAR *folder = NULL;
        ESENT_CALL(err, esent_path_full(temp, p->system_path, 1, &folder), fail);
        err = esent_path_join(folder, k_temp_db_name, &p->temp_db_path);
        free(folder);
        if (err < 0)
            goto fail;
    } else {
        ESENT_CALL(err, esent_path_full(temp, p->system_path, 0, &p->temp_db_path), fail);
    }
    return JET_errSuccess;
fail:
    release_paths(p);
    return err;
}

/* Engine lock held. */
static JET_ERR check_collisions(const esent_instance *inst, const inst_paths *p)
{
    for (esent_instance *it = esent_inst_first(); it != NULL; it = esent_inst_next(it)) {
        if (it == inst || it->system_path == NULL)
            continue;   /* only initializing and running instances hold paths */
        if (esent_wcmp(it->system_path, p->system_path) == 0)
            return JET_errSystemPathInUse;
        if (esent_wcmp(it->log_path, p->log_path) == 0)
            return JET_errLogFilePathInUse;
        if (esent_wcmp(it->temp_db_path, p->temp_db_path) == 0)
            return JET_errTempPathInUse;
    }
    return JET_errSuccess;
}

static JET_ERR open_temp_db(esent_instance *inst)
{
    if (esent_param_num(inst, JET_paramMaxTemporaryTables) == 0)
        return JET_errSuccess;
    HANDLE h = CreateFileW((LPCWSTR)inst->temp_db_path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL | FILE_FLAG_DELETE_ON_CLOSE, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return esent_err_from_win32(GetLastError());
    inst->temp_db = h;
    return JET_errSuccess;
}

/* Engine lock held: moves the paths into the instance (or back out of it). */
static void take_paths(esent_instance *inst, inst_paths *p)
{
    inst->system_path = p->system_path;
    inst->log_path = p->log_path;
    inst->temp_db_path = p->temp_db_path;
    p->system_path = p->log_path = p->temp_db_path = NULL;
}

static void give_back_paths(esent_instance *inst, inst_paths *p)
{
    p->system_path = inst->system_path;
    p->log_path = inst->log_path;
    p->temp_db_path = inst->temp_db_path;
    inst->system_path = inst->log_path = inst->temp_db_path = NULL;
}

JET_ERR esent_inst_init(esent_instance *inst, JET_GRBIT grbit)
{
    (void)grbit;   /* recovery options: there is no log to replay yet */
    inst_paths paths = { 0 };
    /* Under the engine lock: parameter strings are only stable there. */
    esent_engine_lock();
    JET_ERR err = resolve_paths(inst, &paths);
    if (err == JET_errSuccess)
        err = check_collisions(inst, &paths);
    if (err == JET_errSuccess)
        take_paths(inst, &paths);
    esent_engine_unlock();
    if (err < 0) {
        release_paths(&paths);
        return err;
    }

    int create = esent_param_num(inst, JET_paramCreatePathIfNotExist) != 0;
    WCHAR *temp_folder = NULL;
    ESENT_CALL(err, esent_path_ensure_folder(inst->system_path, create), fail);
    ESENT_CALL(err, esent_path_ensure_folder(inst->log_path, create), fail);
    ESENT_CALL(err, esent_path_folder_of(inst->temp_db_path, &temp_folder), fail);
    err = esent_path_ensure_folder(temp_folder, create);
    free(temp_folder);
    if (err < 0)
        goto fail;
    ESENT_CALL(err, open_temp_db(inst), fail);

    esent_engine_lock();
    esent_inst_set_state(inst, ESENT_INST_RUNNING);
    esent_engine_unlock();
    return JET_errSuccess;

fail:
    esent_engine_lock();
    give_back_paths(inst, &paths);
    esent_engine_unlock();
    release_paths(&paths);
    return err;
}

JET_ERR esent_inst_term(esent_instance *inst, JET_GRBIT grbit)
{
    esent_inst_close_gate(inst);

    /* Spec §1.7: a session with a transaction open refuses a clean or abrupt term (-1059), and the
     * instance goes on; only JET_bitTermDirty ends it anyway (the transactions roll back). */
    if (!(grbit & JET_bitTermDirty)) {
        int active = 0;
        AcquireSRWLockShared(&inst->sessions_lock);
        for (esent_session *s = inst->sessions; s != NULL && !active; s = s->next)
            active = s->trx_level > 0;
        ReleaseSRWLockShared(&inst->sessions_lock);
        if (active) {
            esent_inst_open_gate(inst);
            return JET_errTooManyActiveUsers;
        }
    }

    while (inst->sessions != NULL) {
        esent_table_session_end(inst->sessions);
        esent_session_end(inst->sessions);
    }
    esent_data_lock();     /* detaching frees the table layer's state (table/tdb.h) */
    esent_db_term(inst);   /* detaches every database and releases its file */
    esent_ver_inst_gone(inst);
    struct esent_ver_cleaner *cleaner = esent_ver_cleaner_retire();
    esent_data_unlock();
    esent_ver_cleaner_join(cleaner);   /* the version store's thread, when nothing is left for it */
    if (inst->temp_db != INVALID_HANDLE_VALUE) {
        CloseHandle(inst->temp_db);   /* FILE_FLAG_DELETE_ON_CLOSE removes it */
        inst->temp_db = INVALID_HANDLE_VALUE;
    }
    inst_paths paths = { 0 };
    esent_engine_lock();
    give_back_paths(inst, &paths);
    esent_engine_unlock();
    release_paths(&paths);
    return (grbit & JET_bitTermDirty) ? JET_errDirtyShutdown : JET_errSuccess;
}
