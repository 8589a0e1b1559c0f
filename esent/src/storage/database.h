/* Attached databases and open-database handles (JetAttachDatabase … JetCloseDatabase, JetCreateDatabase).
 *
 * One process-wide table, guarded by one SRW lock (the database lock, never taken while the engine lock is
 * wanted), lists every database attached by any instance of the process. An entry belongs to one instance and
 * has a dbid unique within it (1..ESENT_DB_PER_INSTANCE; dbid 0 is the temporary database). Keeping the table
 * process-wide makes "attached by another instance of this process" (JET_errDatabaseSharingViolation) and
 * JetGetDatabaseFileInfo's "use the in-memory header of an attached database" one lookup, without walking the
 * instance registry.
 *
 * Invariants (under the database lock):
 *   - a full path (compared exactly, as JetInit compares its paths) appears at most once in the table;
 *   - an entry's file is held open from attach to detach through a page file (storage/pagefile.h): read-only
 *     (GENERIC_READ, FILE_SHARE_READ: other readers may open it, no writer can) or read-write
 *     (GENERIC_READ|GENERIC_WRITE and FILE_SHARE_READ: only opens that share write, such as
 *     JetGetDatabaseFileInfo's, succeed beside it: any other attach of the file is refused). A read-write file
 *     is marked DirtyShutdown on disk from attach until detach (or JetTerm) flushes it and closes it clean;
 *     the header kept in the entry is the one read at attach; the file-info calls read a read-write file's
 *     header back from disk (header writes happen only at attach and detach, under this lock exclusive);
 *   - the header copy kept in the entry passed esent_dbheader_check_attach and has dbstate CleanShutdown;
 *   - opens are counted per session handle; a session that ended without closing its databases is pruned when it
 *     is next looked at (session handles are generation-checked, so an ended session's handle never revives);
 *   - an entry is pending while JetAttachDatabase still checks its indexes (esent_db_attach_pending): its path
 *     and dbid are taken, but nobody can open or detach it (JET_errDatabaseNotFound) and another attach of its
 *     path is refused (JET_errDatabaseSharingViolation) until esent_db_attach_finish publishes or removes it.
 *
 * The file I/O of an attach (open, header read) happens under the database lock: attaches are rare, and this
 * keeps "is it attached?" and "attach it" one step. */
#ifndef ESENT_STORAGE_DATABASE_H
#define ESENT_STORAGE_DATABASE_H

#include "api/api.h"
#include "core/instance.h"
#include "format/dbheader.h"
#include "session/session.h"

typedef struct esent_db esent_db;

/* User databases an instance may attach (JetCreateDatabase: "up to seven databases ... per instance"). */
#define ESENT_DB_PER_INSTANCE 7u

/* What a database's header and file say, copied out under the lock. */
typedef struct esent_db_fileinfo {
    esent_dbheader hdr;
    uint32_t       cb_page;    /* the page size the header declares */
    uint64_t       cb_file;    /* file size in bytes */
} esent_db_fileinfo;

/* Attaches path (any form; resolved to a full path) to inst.
 * grbit: JET_bitDbReadOnly selects a read-only attach; other attach options are accepted and ignored here (the
 * index options are the table layer's: esent_tdb_attach).
 * Errors, in order: JET_errInvalidPath etc. from the path; JET_wrnDatabaseAttached (already attached to inst,
 * nothing changes); JET_errDatabaseSharingViolation (attached by another instance of this process);
 * JET_errTooManyAttachedDatabases; the open's Win32 error (JET_errFileNotFound, JET_errFileAccessDenied when
 * another process holds it); header errors (esent_pagefile_open / esent_dbheader_check_attach with the
 * instance's JET_paramDatabasePageSize: JET_errPageSizeMismatch, JET_errDatabaseCorrupted, ...);
 * JET_errDatabaseDirtyShutdown when dbstate is not CleanShutdown. *pdbid (may be NULL) gets the dbid. */
JET_ERR esent_db_attach(esent_instance *inst, const WCHAR *path, JET_GRBIT grbit, JET_DBID *pdbid);

/* esent_db_attach, with the new entry left pending (see the invariants) and returned in *pdb for the caller to
 * inspect; nothing else sees it until esent_db_attach_finish. JET_wrnDatabaseAttached (the path is already
 * attached to inst, *pdb = NULL) and the errors are esent_db_attach's. The caller must finish it. */
JET_ERR esent_db_attach_pending(esent_instance *inst, const WCHAR *path, JET_GRBIT grbit, esent_db **pdb);
/* Ends a pending attach: keep = 1 publishes the entry; keep = 0 removes it as a detach does (a read-write file
 * is flushed and closed clean), so the failed attach leaves nothing attached. Returns the close's error. */
JET_ERR esent_db_attach_finish(esent_db *db, int keep);

/* Detaches path from inst (NULL: every database of inst). force: close the opens first.
 * JET_errDatabaseNotFound when path is not attached to inst; JET_errDatabaseInUse when a live session has it
 * open (for NULL: nothing is detached then). A read-write database is flushed and closed clean
 * (esent_pagefile_close_clean); the first error doing so is returned, the database is detached anyway. */
JET_ERR esent_db_detach(esent_instance *inst, const WCHAR *path, int force);

/* JetTerm: detaches every database of inst, closing their files. */
void esent_db_term(esent_instance *inst);

/* Opens an attached database in session s. JET_errDatabaseNotFound when not attached to s's instance;
 * JET_errDatabaseLocked when another session has it open exclusively; JET_errDatabaseInUse for an exclusive
 * open while another session has it open; JET_wrnFileOpenReadOnly when it is attached read-only and grbit
 * lacks JET_bitDbReadOnly. */
JET_ERR esent_db_open(esent_session *s, const WCHAR *path, JET_GRBIT grbit, JET_DBID *pdbid);

/* Closes one open of dbid in s. JET_errInvalidDatabaseId when s does not have dbid open. */
JET_ERR esent_db_close(esent_session *s, JET_DBID dbid);

/* For JetGetDatabaseInfo, on a database session s has open as dbid (JET_errInvalidDatabaseId otherwise).
 * now = 0: the header and sizes as read at attach; now = 1: as they are now (a read-write database is read
 * back from the file: DirtyShutdown while attached, its current size; a read-only one is as read at
 * attach). *ppath (may be NULL): the full path, malloc'ed. *pexclusive (may be NULL): 1 when s holds it
 * open with JET_bitDbExclusive. */
JET_ERR esent_db_info(esent_session *s, JET_DBID dbid, int now, esent_db_fileinfo *info, WCHAR **ppath,
                      int *pexclusive);

/* The page of the database root (the tree owning the whole file) and the largest size a database may have,
 * in pages (JetCreateDatabase2's cpgDatabaseSizeMax limit). */
#define ESENT_PGNO_DB_ROOT 1u
#define ESENT_DB_CPG_MOST  0x7FFFFFFEu

/* The next two change or read the database's pages: the caller holds the data lock (table/tdb.h), which
 * makes it the page file's only user. Both refuse dbid ESENT_DBID_TEMP (JET_errInvalidDatabaseId). */
/* JET_DbInfoSpaceOwned / JET_DbInfoSpaceAvailable: the pages the database root owns and those of them it
 * has free (storage/space.h esent_space_info). */
JET_ERR esent_db_space(esent_session *s, JET_DBID dbid, uint32_t *pcpg_owned, uint32_t *pcpg_avail);
/* JetGrowDatabase: the database comes to own at least cpg pages (esent_space_grow_database; nothing
 * changes when it is as large already); *pcpg = its pages afterwards (also on most failures).
 * JET_errPermissionDenied when attached read-only; JET_errOutOfDatabaseSpace above ESENT_DB_CPG_MOST. */
JET_ERR esent_db_grow(esent_session *s, JET_DBID dbid, uint32_t cpg, uint32_t *pcpg);

/* JetSetDatabaseSize on a database file that is not attached: path (full) attached by any instance of this
 * process → JET_errDatabaseInUse; the read-only open's errors (esent_pagefile_open: JET_errFileNotFound,
 * header errors, ...); a header that is not CleanShutdown → JET_errDatabaseDirtyShutdown (the value of
 * JET_errDatabaseInconsistent). When the file has fewer than cpg pages it is opened read-write (any page
 * size), grown as JetGrowDatabase grows an attached one (JET_errOutOfDatabaseSpace above
 * ESENT_DB_CPG_MOST) and closed clean. *pcpg = the file's pages afterwards. */
JET_ERR esent_db_set_size(const WCHAR *path, uint32_t cpg, uint32_t *pcpg);

/* For JetGetDatabaseFileInfo: when path is attached by any instance of this process, its header and size
 * as they are now (as esent_db_info with now = 1: a read-write database reads DirtyShutdown), else the
 * header read from the file (share read+write, read-only), elected as the engine does.
 * Errors: the open's Win32 error; JET_errFileIOBeyondEOF (shorter than a header); no valid header copy →
 * esent_dbheader_unreadable_error; a file type that is not a database → JET_errFileInvalidType. */
JET_ERR esent_db_file_info(const WCHAR *path, esent_db_fileinfo *info);

/* Writes a new database file at path (a full path) for JetCreateDatabase: the image of esent_dbimage_build
 * with the instance's page size, no user tables. overwrite: replace an existing file (CREATE_ALWAYS), else
 * JET_errDatabaseDuplicate when it exists. The data pages are written and flushed before the two header pages,
 * which are flushed in turn: a crash leaves either no valid header or the whole file. */
JET_ERR esent_db_create_file(esent_instance *inst, const WCHAR *path, int overwrite);

/* 1 when path (full) is attached by any instance of this process. */
int esent_db_is_attached(const WCHAR *path);

/* ---- For the table layer (table/tdb.h) ---- */
/* The instance's temporary database (temporary tables): created on first use, deleted at JetTerm. */
#define ESENT_DBID_TEMP 0u
struct esent_tdb;
struct esent_pagefile;
/* The attached database session s has open as dbid (ESENT_DBID_TEMP: the instance's temporary database,
 * created and attached on first use). JET_errInvalidDatabaseId otherwise. The entry
 * stays valid while s keeps dbid open (a database open in a session cannot be detached). */
JET_ERR esent_db_lookup_open(esent_session *s, JET_DBID dbid, esent_db **pdb);
struct esent_pagefile *esent_db_pagefile(const esent_db *db);
int esent_db_read_only(const esent_db *db);
/* 1 for the instance's temporary database (its changes are not transactional). */
int esent_db_is_temp(const esent_db *db);
/* The table layer's state of the database (NULL until set); freed with esent_tdb_free at detach. */
struct esent_tdb *esent_db_tdb(const esent_db *db);
void esent_db_set_tdb(esent_db *db, struct esent_tdb *tdb);

#endif
