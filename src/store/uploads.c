/* uploads.c — the record of each uploaded file and the table it became. */
#include "store/uploads.h"
#include "store/store_row.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The row's shape, once: the SELECT list and the fill, by column index. */
static const char *const upload_cols =
    "SELECT u.id, u.org_id, u.original_filename, u.table_name, u.size_bytes, u.row_count,"
    " u.column_count, u.status, u.error_message, coalesce(x.full_name, ''),"
    " to_char(u.created_at, 'YYYY-MM-DD HH24:MI'), u.details->>'job_id', u.details::text,"
    " u.connection_id, u.updated_at::text, extract(epoch FROM now() - u.updated_at)::bigint"
    " FROM uploads u LEFT JOIN users x ON x.id = u.user_id";

static void row_from_result(arena_t *a, const PGresult *res, int i, store_upload_t *u)
{
    u->id = arena_strdup(a, db_get(res, i, 0));
    u->org_id = arena_strdup(a, db_get(res, i, 1));
    u->original_filename = arena_strdup(a, db_get(res, i, 2));
    u->table_name = arena_strdup(a, db_get(res, i, 3));
    u->size_bytes = atoll(db_get(res, i, 4));
    u->row_count = db_is_null(res, i, 5) ? -1 : atoll(db_get(res, i, 5));
    u->column_count = db_is_null(res, i, 6) ? -1 : atoi(db_get(res, i, 6));
    u->status = arena_strdup(a, db_get(res, i, 7));
    u->error_message = store_row_opt(a, res, i, 8);
    u->author = arena_strdup(a, db_get(res, i, 9));
    u->created = arena_strdup(a, db_get(res, i, 10));
    u->job_id = store_row_opt(a, res, i, 11);
    u->details = store_row_json(a, res, i, 12);
    if (!u->details) {
        u->details = json_object();
        arena_defer_json(a, u->details);
    }
    u->connection_id = store_row_opt(a, res, i, 13);
    u->seen = arena_strdup(a, db_get(res, i, 14));
    u->age_s = atoll(db_get(res, i, 15));
}

/* Rows of res into an arena array; 0, or -1 when res is NULL. */
static int rows_from_result(arena_t *a, const PGresult *res, store_upload_t **rows, size_t *n)
{
    *n = res ? (size_t)PQntuples(res) : 0;
    *rows = arena_alloc(a, (*n + 1) * sizeof **rows);
    for (size_t i = 0; i < *n; i++)
        row_from_result(a, res, (int)i, &(*rows)[i]);
    return res ? 0 : -1;
}

int store_upload_list(arena_t *a, const char *org_id, store_upload_t **rows, size_t *n)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(
        a, arena_printf(a, "%s WHERE u.org_id = $1 ORDER BY u.created_at DESC LIMIT 500", upload_cols),
        1, p, err, sizeof err);
    return rows_from_result(a, res, rows, n);
}

int store_upload_get(arena_t *a, const char *org_id, const char *id, store_upload_t *out)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(a, arena_printf(a, "%s WHERE u.org_id = $1 AND u.id = $2", upload_cols),
                            2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    row_from_result(a, res, 0, out);
    return 0;
}

json_t *store_upload_json(const store_upload_t *u)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s?, s:s, s:s, s:s?, s:s?}", "id", u->id,
                          "original_filename", u->original_filename, "table_name", u->table_name,
                          "size_bytes", (json_int_t)u->size_bytes, "status", u->status,
                          "error_message", u->error_message, "author", u->author, "created",
                          u->created, "job_id", u->job_id, "connection_id", u->connection_id);
    json_object_set_new(o, "row_count", u->row_count < 0 ? json_null() : json_integer(u->row_count));
    json_object_set_new(o, "column_count",
                        u->column_count < 0 ? json_null() : json_integer(u->column_count));
    json_object_set_new(o, "details", u->details ? json_deep_copy(u->details) : json_object());
    return o;
}

int store_upload_create(arena_t *a, const char *org_id, const char *user_id, const char *filename,
                  long long size, const char *table_name, const json_t *details, char **id)
{
    char err[256], sz[32];
    snprintf(sz, sizeof sz, "%lld", size);
    char *d = json_dumps(details ? details : json_object(), JSON_COMPACT);
    const char *p[6] = {org_id, user_id, filename, sz, table_name, d};
    PGresult *res = db_exec(a,
                            "INSERT INTO uploads (org_id, user_id, original_filename, size_bytes,"
                            " table_name, details) VALUES ($1, $2, $3, $4::bigint, $5, $6::jsonb)"
                            " RETURNING id",
                            6, p, err, sizeof err);
    free(d);
    if (!res || PQntuples(res) != 1)
        return -1;
    *id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

int store_upload_set_status(arena_t *a, const char *org_id, const char *id, const char *status,
                      const char *error, long long rows, int columns, const char *table_name,
                      const json_t *details)
{
    char err[256], r[32], c[16];
    snprintf(r, sizeof r, "%lld", rows);
    snprintf(c, sizeof c, "%d", columns);
    char *d = details ? json_dumps(details, JSON_COMPACT) : NULL;
    const char *p[8] = {org_id, id, status, error, rows >= 0 ? r : NULL, columns >= 0 ? c : NULL,
                        table_name, d};
    PGresult *res = db_exec(
        a,
        "UPDATE uploads SET status = $3, error_message = $4,"
        " row_count = coalesce($5::bigint, row_count), column_count = coalesce($6::int, column_count),"
        " table_name = coalesce($7, table_name),"
        " details = CASE WHEN $8::jsonb IS NULL THEN details ELSE details || $8::jsonb END,"
        " updated_at = now() WHERE org_id = $1 AND id = $2",
        8, p, err, sizeof err);
    free(d);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

int store_upload_set_job(arena_t *a, const char *org_id, const char *id, const char *job_id)
{
    char err[256];
    const char *p[3] = {org_id, id, job_id};
    PGresult *res = db_exec(a,
                            "UPDATE uploads SET details = details || jsonb_build_object('job_id', $3::text)"
                            " WHERE org_id = $1 AND id = $2",
                            3, p, err, sizeof err);
    return res ? 0 : -1;
}

int store_upload_delete(arena_t *a, const char *org_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(a, "DELETE FROM uploads WHERE org_id = $1 AND id = $2", 2, p, err,
                            sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

const char *store_upload_connection(arena_t *a, const char *org_id)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(a,
                            "SELECT id FROM connections WHERE org_id = $1 AND kind = 'uploads'"
                            " ORDER BY created_at LIMIT 1",
                            1, p, err, sizeof err);
    return res && PQntuples(res) == 1 ? arena_strdup(a, db_get(res, 0, 0)) : NULL;
}

int store_upload_set_connection(arena_t *a, const char *org_id, const char *id, const char *conn_id)
{
    char err[256];
    const char *p[3] = {org_id, id, conn_id};
    return db_exec(a, "UPDATE uploads SET connection_id = $3 WHERE org_id = $1 AND id = $2", 3, p,
                   err, sizeof err)
               ? 0
               : -1;
}

int store_upload_unsettled(arena_t *a, store_upload_t **rows, size_t *n)
{
    char err[256];
    PGresult *res = db_exec(a,
                            arena_printf(a, "%s WHERE u.status IN ('queued', 'running')"
                                            " ORDER BY u.updated_at DESC LIMIT 1000", upload_cols),
                            0, NULL, err, sizeof err);
    return rows_from_result(a, res, rows, n);
}

int store_upload_close(arena_t *a, const char *org_id, const char *id, const char *seen,
                 const char *reason)
{
    char err[256];
    const char *p[4] = {org_id, id, seen, reason};
    PGresult *res = db_exec(a,
                            "UPDATE uploads SET status = 'failed', error_message = $4,"
                            " details = details || '{\"server_error\": true}', updated_at = now()"
                            " WHERE org_id = $1 AND id = $2 AND status IN ('queued', 'running')"
                            " AND updated_at = $3::timestamptz",
                            4, p, err, sizeof err);
    return res ? atoi(PQcmdTuples(res)) : -1;
}
