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
    " coalesce(u.full_name, ''), to_char(q.updated_at, 'YYYY-MM-DD'), q.params::text"        \
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
    q->params = store_row_text(a, res, i, 11);
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
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s?, s:s, s:b, s:s, s:s, s:o}", "id", q->id,
                     "name", q->name, "description", q->description, "sql_text", q->sql_text,
                     "tags", q->tags, "is_shared", q->is_shared, "connection_id",
                     q->connection_id, "connection", q->connection, "mine", q->mine, "author",
                     q->author, "updated", q->updated, "params",
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
    return db_exec(a,
                   "UPDATE saved_queries SET name = $3, description = $4, sql_text = $5,"
                   " tags = coalesce(array(SELECT DISTINCT lower(btrim(t)) FROM"
                   "   unnest(string_to_array($6, ',')) t WHERE btrim(t) <> ''), '{}'),"
                   " is_shared = $7::boolean,"
                   " connection_id = (SELECT id FROM connections WHERE org_id = $1 AND id = $8::uuid),"
                   " params = coalesce($9::jsonb, '[]'),"
                   " updated_at = now() WHERE org_id = $1 AND id = $2",
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
