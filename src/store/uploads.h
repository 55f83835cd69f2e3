/* uploads.h — the record of each uploaded file (CSV, TSV, Excel) and the
 * table it became in the uploads database: its status while the worker's
 * upload.ingest job loads it (queued, running, done, failed), the counts,
 * and the load's details. Tenancy: an upload belongs to an organization and
 * every function takes org_id; all of the organization's members see its
 * uploads (who may add or delete one is the caller's rule: analysts).
 * store_upload_unsettled is the one exception, for the worker's sweep (every
 * organization). Callers: pages/uploads.c, the worker's tasks in uploads/
 * (task.c loads, sweep.c closes). The files and tables themselves are
 * uploads/' business (uploads_* in uploads/uploads.h); this is only the
 * app-database record. Rows live in the caller's arena. */
#ifndef DM_STORE_UPLOADS_H
#define DM_STORE_UPLOADS_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_upload {
    const char *id, *org_id, *original_filename;
    const char *table_name;    /* its first table ("" until known) */
    const char *status;        /* queued, running, done or failed */
    const char *error_message; /* why it failed; NULL otherwise */
    const char *author;        /* the uploader's full name, "" when gone */
    const char *created;       /* "YYYY-MM-DD HH:MI" */
    const char *job_id;        /* its upload.ingest job; NULL before it has one */
    const char *connection_id; /* the org's Uploads connection, once loaded; NULL before */
    const char *seen;          /* updated_at as text, for store_upload_close */
    long long size_bytes;
    long long row_count;       /* -1 until loaded */
    int column_count;          /* -1 until loaded */
    long long age_s;           /* seconds since it last changed */
    /* Free-form JSON column (borrowed, owned by the arena; {} when empty):
     * what the load wrote — mode, target, job_id, tables [{table, rows,
     * columns, encoding, bad_lines, …}], server_error. */
    json_t *details;
} store_upload_t;

/* The organization's uploads, newest first (at most 500). 0, or -1 when
 * the database failed (*rows and *n then empty). */
int store_upload_list(arena_t *a, const char *org_id, store_upload_t **rows, size_t *n);
/* 0, or -1 when there is no such upload (or the id is not a UUID, or the
 * database failed: db_is_down() tells). */
int store_upload_get(arena_t *a, const char *org_id, const char *id, store_upload_t *out);
int store_upload_create(arena_t *a, const char *org_id, const char *user_id, const char *filename,
                        long long size, const char *table_name, const json_t *details, char **id);
/* status: queued, running, done, failed. rows / columns < 0 and a NULL
 * table_name keep the old; details (borrowed) is merged into the old. */
int store_upload_set_status(arena_t *a, const char *org_id, const char *id, const char *status,
                            const char *error, long long rows, int columns,
                            const char *table_name, const json_t *details);
int store_upload_set_job(arena_t *a, const char *org_id, const char *id, const char *job_id);
int store_upload_delete(arena_t *a, const char *org_id, const char *id);
/* The org's "Uploads" connection id, or NULL. */
const char *store_upload_connection(arena_t *a, const char *org_id);
int store_upload_set_connection(arena_t *a, const char *org_id, const char *id,
                                const char *conn_id);
/* Uploads of every organization still queued or running, most recently
 * changed first (at most 1000). 0, or -1 when the database failed. */
int store_upload_unsettled(arena_t *a, store_upload_t **rows, size_t *n);
/* Mark it failed with reason, only if it is still unsettled and unchanged
 * since it was seen (its job did not write meanwhile): 1 closed, 0 not,
 * -1 when the database failed. */
int store_upload_close(arena_t *a, const char *org_id, const char *id, const char *seen,
                       const char *reason);

/* For templates: every field but org_id, seen and age_s; NULL strings and
 * unknown counts as null; details copied. New reference. */
json_t *store_upload_json(const store_upload_t *u);

#endif
