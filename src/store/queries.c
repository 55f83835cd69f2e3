/* queries.c — saved queries: shared with the organization or private. */
#include "store/queries.h"
#include "store/store_row.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VISIBLE "q.org_id = $1 AND (q.is_shared OR q.created_by_id = $2)"

/* One query as the user sees it: the columns row_from_result reads, in its
 * order ($2 is the user). */
#define QUERY_COLS                                                                          \
    "q.id, q.name, q.description, q.sql_text, array_to_string(q.tags, ', '), q.is_shared,"  \
    " q.connection_id, coalesce(c.name, ''), q.created_by_id = $2,"                         \
    " coalesce(u.full_name, ''), to_char(q.updated_at, 'YYYY-MM-DD'),"                      \
    " to_char(q.last_run_at, 'YYYY-MM-DD HH24:MI'), q.last_error,"                           \
    " to_char(q.last_error_at, 'YYYY-MM-DD HH24:MI'), q.params::text"                        \
    " FROM saved_queries q LEFT JOIN connections c ON c.id = q.connection_id"               \
    " LEFT JOIN users u ON u.id = q.created_by_id"

static void row_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_query_t *q = out;
    q->id = store_row_text(a, res, i, 0);
    q->name = store_row_text(a, res, i, 1);
    q->description = store_row_text(a, res, i, 2);
    q->sql_text = store_row_text(a, res, i, 3);
    q->tags = store_row_text(a, res, i, 4);
    q->is_shared = store_row_bool(res, i, 5);
    q->connection_id = store_row_opt(a, res, i, 6);
    q->connection = store_row_text(a, res, i, 7);
    q->mine = store_row_bool(res, i, 8);
    q->author = store_row_text(a, res, i, 9);
    q->updated = store_row_text(a, res, i, 10);
    q->last_run = store_row_opt(a, res, i, 11);
    q->last_error = store_row_opt(a, res, i, 12);
    q->last_error_at = store_row_opt(a, res, i, 13);
    q->params = store_row_text(a, res, i, 14);
}

int store_query_list(arena_t *a, const char *org_id, const char *user_id, const char *search,
                     store_query_t **rows, size_t *n)
{
    const char *p[3] = {org_id, user_id, search && *search ? search : NULL};
    *rows = store_rows_fetch(
        a,
        "SELECT " QUERY_COLS " WHERE " VISIBLE
        " AND ($3::text IS NULL OR q.name ILIKE '%' || $3 || '%' OR lower($3) = ANY(q.tags))"
        " ORDER BY q.updated_at DESC LIMIT 500",
        3, p, sizeof **rows, row_from_result, n);
    return *rows ? 0 : -1;
}

int store_query_get(arena_t *a, const char *org_id, const char *user_id, const char *id,
                    store_query_t *out)
{
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, user_id, id};
    return store_row_fetch(a, "SELECT " QUERY_COLS " WHERE " VISIBLE " AND q.id = $3", 3, p,
                           row_from_result, out);
}

json_t *store_query_json(const store_query_t *q)
{
    json_t *params = q->params ? json_loads(q->params, 0, NULL) : NULL;
    return json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:b, s:s?, s:s, s:b, s:s, s:s, s:s?, s:s?, s:s?, s:o}", "id",
        q->id, "name", q->name, "description", q->description, "sql_text", q->sql_text, "tags",
        q->tags, "is_shared", q->is_shared, "connection_id", q->connection_id, "connection",
        q->connection, "mine", q->mine, "author", q->author, "updated", q->updated, "last_run",
        q->last_run, "last_error", q->last_error, "last_error_at", q->last_error_at, "params",
        json_is_array(params) ? params : (json_decref(params), json_array()));
}

static json_t *any_json(const void *q)
{
    return store_query_json(q);
}

json_t *store_query_list_json(const store_query_t *rows, size_t n)
{
    return store_rows_json(rows, n, sizeof *rows, any_json);
}

int store_query_create(arena_t *a, const char *org_id, const char *user_id,
                       const store_query_fields_t *f, char **id, char *err, size_t errlen)
{
    const char *p[9] = {org_id, user_id, f->name, f->description, f->sql, f->tags_csv,
                        f->shared ? "true" : "false",
                        f->connection_id && db_is_uuid(f->connection_id) ? f->connection_id : NULL,
                        f->params};
    /* the connection must be the organization's own, or none */
    PGresult *res = db_exec(
        a,
        "INSERT INTO saved_queries (org_id, created_by_id, name, description, sql_text, tags,"
        " is_shared, connection_id, params)"
        " SELECT $1, $2, $3, $4, $5,"
        " coalesce(array(SELECT DISTINCT lower(btrim(t)) FROM unnest(string_to_array($6, ',')) t"
        "                WHERE btrim(t) <> ''), '{}'), $7::boolean,"
        " (SELECT id FROM connections WHERE org_id = $1 AND id = $8::uuid),"
        " coalesce($9::jsonb, '[]')"
        " RETURNING id",
        9, p, err, errlen);
    if (!res || PQntuples(res) != 1)
        return -1;
    *id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

/* 0 when the caller may change it, 404 when it is not visible, 403 when
 * it is visible but someone else's. */
static int may_change(arena_t *a, const char *org_id, const char *user_id, int is_admin,
                      const char *id)
{
    store_query_t q;
    if (store_query_get(a, org_id, user_id, id, &q) < 0)
        return 404;
    return q.mine || is_admin ? 0 : 403;
}

int store_query_update(arena_t *a, const char *org_id, const char *user_id, int is_admin,
                       const char *id, const store_query_fields_t *f)
{
    char err[256];
    int rc = may_change(a, org_id, user_id, is_admin, id);
    if (rc)
        return rc;
    const char *p[9] = {org_id, id, f->name, f->description, f->sql, f->tags_csv,
                        f->shared ? "true" : "false",
                        f->connection_id && db_is_uuid(f->connection_id) ? f->connection_id : NULL,
                        f->params};
    /* the last result stays only while it is the result of this SQL on
     * this connection with these parameter defaults */
    return db_exec(a,
                   "UPDATE saved_queries q SET name = $3, description = $4, sql_text = $5,"
                   " tags = coalesce(array(SELECT DISTINCT lower(btrim(t)) FROM"
                   "   unnest(string_to_array($6, ',')) t WHERE btrim(t) <> ''), '{}'),"
                   " is_shared = $7::boolean, connection_id = n.conn,"
                   " params = coalesce($9::jsonb, '[]'),"
                   " last_result = CASE WHEN n.same THEN q.last_result END,"
                   " last_run_at = CASE WHEN n.same THEN q.last_run_at END,"
                   " last_error = CASE WHEN n.same THEN q.last_error END,"
                   " last_error_at = CASE WHEN n.same THEN q.last_error_at END,"
                   " updated_at = now()"
                   " FROM (SELECT c.conn, (o.sql_text = $5 AND o.connection_id IS NOT DISTINCT FROM c.conn"
                   "                       AND o.params = coalesce($9::jsonb, '[]')) AS same"
                   "       FROM saved_queries o,"
                   "       LATERAL (SELECT (SELECT id FROM connections WHERE org_id = $1 AND id = $8::uuid) AS conn) c"
                   "       WHERE o.org_id = $1 AND o.id = $2) n"
                   " WHERE q.org_id = $1 AND q.id = $2",
                   9, p, err, sizeof err)
               ? 0
               : -1;
}

int store_query_delete(arena_t *a, const char *org_id, const char *user_id, int is_admin,
                       const char *id)
{
    char err[256];
    int rc = may_change(a, org_id, user_id, is_admin, id);
    if (rc)
        return rc;
    const char *p[2] = {org_id, id};
    return db_exec(a, "DELETE FROM saved_queries WHERE org_id = $1 AND id = $2", 2, p, err,
                   sizeof err)
               ? 0
               : -1;
}

json_t *store_query_result(arena_t *a, const char *org_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return NULL;
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(a, "SELECT last_result::text FROM saved_queries"
                               " WHERE org_id = $1 AND id = $2 AND last_result IS NOT NULL",
                            2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return NULL;
    json_t *v = json_loads(db_get(res, 0, 0), 0, NULL);
    if (!json_is_object(v)) {
        json_decref(v);
        return NULL;
    }
    arena_defer_json(a, v);
    return v;
}

int store_query_set_result(arena_t *a, const char *org_id, const char *id, const char *sql,
                           const char *connection_id, const char *params, const json_t *result,
                           long long ran_at, const char *error)
{
    char err[256], at[32];
    if (!db_is_uuid(id) || !db_is_uuid(connection_id) || (!result && !error))
        return -1;
    snprintf(at, sizeof at, "%lld", ran_at);
    char *text = result ? json_dumps(result, JSON_COMPACT) : NULL;
    const char *p[8] = {org_id, id, sql, connection_id, text, ran_at > 0 ? at : NULL, error,
                        params};
    /* only while the query still is this SQL on this connection with these
     * parameters: a run that an edit overtook is not its result */
    PGresult *res = db_exec(
        a,
        "UPDATE saved_queries SET"
        " last_result = coalesce($5::jsonb, last_result),"
        " last_run_at = CASE WHEN $5::jsonb IS NULL THEN last_run_at"
        "   ELSE coalesce(to_timestamp($6::double precision), now()) END,"
        " last_error = $7, last_error_at = CASE WHEN $7::text IS NULL THEN NULL ELSE now() END"
        " WHERE org_id = $1 AND id = $2 AND sql_text = $3 AND connection_id = $4::uuid"
        " AND params = coalesce($8::jsonb, '[]')",
        8, p, err, sizeof err);
    free(text);
    if (!res)
        return -1;
    return atoi(PQcmdTuples(res)) == 1 ? 0 : 1;
}
