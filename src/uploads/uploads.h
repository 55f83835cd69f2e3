/* uploads.h — CSV and Excel files become tables a minute later; a SQLite
 * file becomes a connection.
 *
 * Uploaded files are loaded into the uploads database (DATAMIND_UPLOADS_URL,
 * default a `datamind_uploads` database next to the app database), one
 * schema per organization, readable only by that organization's own
 * read-only role — which is what its "Uploads" connection signs in as, so
 * chat, Explore and dashboards query uploads like any other database. */
#ifndef DM_UPLOADS_H
#define DM_UPLOADS_H

#include <jansson.h>
#include <libpq-fe.h>

#include "core/arena.h"

/* `datamind migrate`: create the uploads database when missing. */
int uploads_db_ensure(char *err, size_t errlen);
/* An owner's connection to the uploads database. PQfinish it. */
PGconn *uploads_db_connect(char *err, size_t errlen);

/* Where uploaded files wait for their job (under DATAMIND_TMPDIR). */
const char *uploads_spool_dir(arena_t *a);

/* The job upload.ingest: args {upload_id, org_id, user_id, path, filename,
 * mode: new|replace|append, target (table name for replace/append),
 * skip_bad_lines}. Loads every table of the file in one transaction,
 * makes sure the org's schema, role and "Uploads" connection exist, and
 * reads the new schema. Idempotent by upload id (a load committed by an
 * earlier attempt is found by its tables' marker comments, not repeated).
 * Acked only once the outcome is in the upload's row, and only then is the
 * spooled file deleted: a server failure (either database unreachable)
 * fails the job, so it is retried and dead-lettered after the last attempt;
 * a bad file is recorded as failed with the reason and not retried. */
int uploads_task_ingest(arena_t *a, const json_t *job, char *err, size_t errlen);

/* The job upload.sweep (enqueued every minute by uploads_periodic_sweep):
 * close the uploads still queued or running whose job is dead-lettered,
 * lost, or running far too long — failed, with the reason — and delete
 * their spooled files. */
int uploads_task_sweep(arena_t *a, const json_t *job, char *err, size_t errlen);
int uploads_periodic_sweep(arena_t *a, long slot, char *err, size_t errlen);

/* 1 when filename names a SQLite database (.sqlite, .sqlite3, .db): such a
 * file becomes a connection of its own (kind sqlite, uploads/sqlite.c), not
 * tables in the uploads database; upload.ingest hands it there. */
int uploads_sqlite_name(const char *filename);

/* An uploaded SQLite file deleted (sqlite_drop.c): its connection conn_id
 * and DataMind's copy of the file removed. 0 done; 1 refused because saved
 * queries, dashboards or alerts use the connection (*refusal says which,
 * in words; nothing removed); -1 with err. */
int uploads_sqlite_drop(arena_t *a, const char *org_id, const char *user_id,
                        const char *upload_id, const char *conn_id, const char **refusal,
                        char *err, size_t errlen);

/* Drop the organization's schema (every uploaded table) and its role:
 * the organization is being deleted. 0, or -1 with err (nothing dropped). */
int uploads_org_drop(arena_t *a, const char *org_id, char *err, size_t errlen);

/* Drop an upload's table (delete). */
int uploads_drop_table(arena_t *a, const char *org_id, const char *table, char *err,
                       size_t errlen);

#endif
