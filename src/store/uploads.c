/* uploads.c — the record of each uploaded file and the table it became. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *upload_list(arena_t *a, const char *org_id)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(
        a,
        "SELECT u.id, u.original_filename, u.table_name, u.size_bytes, u.row_count, u.column_count,"
        " u.status, u.error_message, coalesce(x.full_name, '') AS author,"
        " to_char(u.created_at, 'YYYY-MM-DD HH24:MI') AS created, u.details->>'job_id' AS job_id"
        " FROM uploads u LEFT JOIN users x ON x.id = u.user_id"
        " WHERE u.org_id = $1 ORDER BY u.created_at DESC LIMIT 500",
        1, p, err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}

json_t *upload_get(arena_t *a, const char *org_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return NULL;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(
        a,
        "SELECT u.id, u.original_filename, u.table_name, u.size_bytes, u.row_count, u.column_count,"
        " u.status, u.error_message, u.details::text AS details, u.connection_id,"
        " to_char(u.created_at, 'YYYY-MM-DD HH24:MI') AS created"
        " FROM uploads u WHERE u.org_id = $1 AND u.id = $2",
        2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return NULL;
    json_t *row = db_row_json(res, 0);
    const char *d = json_string_value(json_object_get(row, "details"));
    json_object_set_new(row, "details", d ? json_loads(d, 0, NULL) : json_object());
    return row;
}

int upload_create(arena_t *a, const char *org_id, const char *user_id, const char *filename,
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

int upload_set_status(arena_t *a, const char *org_id, const char *id, const char *status,
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

int upload_set_job(arena_t *a, const char *org_id, const char *id, const char *job_id)
{
    char err[256];
    const char *p[3] = {org_id, id, job_id};
    PGresult *res = db_exec(a,
                            "UPDATE uploads SET details = details || jsonb_build_object('job_id', $3::text)"
                            " WHERE org_id = $1 AND id = $2",
                            3, p, err, sizeof err);
    return res ? 0 : -1;
}

int upload_delete(arena_t *a, const char *org_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(a, "DELETE FROM uploads WHERE org_id = $1 AND id = $2", 2, p, err,
                            sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

const char *upload_connection(arena_t *a, const char *org_id)
{
    char err[256];
    const char *p[1] = {org_id};
    PGresult *res = db_exec(a,
                            "SELECT id FROM connections WHERE org_id = $1 AND kind = 'uploads'"
                            " ORDER BY created_at LIMIT 1",
                            1, p, err, sizeof err);
    return res && PQntuples(res) == 1 ? arena_strdup(a, db_get(res, 0, 0)) : NULL;
}

int upload_set_connection(arena_t *a, const char *org_id, const char *id, const char *conn_id)
{
    char err[256];
    const char *p[3] = {org_id, id, conn_id};
    return db_exec(a, "UPDATE uploads SET connection_id = $3 WHERE org_id = $1 AND id = $2", 3, p,
                   err, sizeof err)
               ? 0
               : -1;
}

json_t *upload_unsettled(arena_t *a)
{
    char err[256];
    PGresult *res = db_exec(a,
                            "SELECT id, org_id, status, details->>'job_id' AS job_id, updated_at::text AS seen,"
                            " extract(epoch FROM now() - updated_at)::bigint AS age_s"
                            " FROM uploads WHERE status IN ('queued', 'running')"
                            " ORDER BY updated_at DESC LIMIT 1000",
                            0, NULL, err, sizeof err);
    return res ? db_rows_json(res) : NULL;
}

int upload_close(arena_t *a, const char *org_id, const char *id, const char *seen,
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
