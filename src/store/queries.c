/* queries.c — saved queries: shared with the organization or private. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VISIBLE "q.org_id = $1 AND (q.is_shared OR q.created_by_id = $2)"

json_t *saved_list(arena_t *a, const char *org_id, const char *user_id, const char *search)
{
    char err[256];
    const char *p[3] = {org_id, user_id, search && *search ? search : NULL};
    PGresult *res = db_exec(
        a,
        "SELECT q.id, q.name, q.description, array_to_string(q.tags, ', ') AS tags, q.is_shared,"
        " coalesce(c.name, '') AS connection, coalesce(u.full_name, '') AS author,"
        " to_char(q.updated_at, 'YYYY-MM-DD') AS updated"
        " FROM saved_queries q LEFT JOIN connections c ON c.id = q.connection_id"
        " LEFT JOIN users u ON u.id = q.created_by_id"
        " WHERE " VISIBLE
        " AND ($3::text IS NULL OR q.name ILIKE '%' || $3 || '%' OR lower($3) = ANY(q.tags))"
        " ORDER BY q.updated_at DESC LIMIT 500",
        3, p, err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}

json_t *saved_get(arena_t *a, const char *org_id, const char *user_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return NULL;
    const char *p[3] = {org_id, user_id, id};
    PGresult *res = db_exec(
        a,
        "SELECT q.id, q.name, q.description, q.sql_text, array_to_string(q.tags, ', ') AS tags,"
        " q.is_shared, q.connection_id, coalesce(c.name, '') AS connection,"
        " q.created_by_id = $2 AS mine, coalesce(u.full_name, '') AS author"
        " FROM saved_queries q LEFT JOIN connections c ON c.id = q.connection_id"
        " LEFT JOIN users u ON u.id = q.created_by_id"
        " WHERE " VISIBLE " AND q.id = $3",
        3, p, err, sizeof err);
    return res && PQntuples(res) == 1 ? db_row_json(res, 0) : NULL;
}

int saved_create(arena_t *a, const char *org_id, const char *user_id, const saved_fields_t *f,
                 char **id, char *err, size_t errlen)
{
    const char *p[8] = {org_id, user_id, f->name, f->description, f->sql, f->tags_csv,
                        f->shared ? "true" : "false",
                        f->connection_id && db_is_uuid(f->connection_id) ? f->connection_id : NULL};
    /* the connection must be the organization's own, or none */
    PGresult *res = db_exec(
        a,
        "INSERT INTO saved_queries (org_id, created_by_id, name, description, sql_text, tags,"
        " is_shared, connection_id)"
        " SELECT $1, $2, $3, $4, $5,"
        " coalesce(array(SELECT DISTINCT lower(btrim(t)) FROM unnest(string_to_array($6, ',')) t"
        "                WHERE btrim(t) <> ''), '{}'), $7::boolean,"
        " (SELECT id FROM connections WHERE org_id = $1 AND id = $8::uuid)"
        " RETURNING id",
        8, p, err, errlen);
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
    json_t *q = saved_get(a, org_id, user_id, id);
    if (!q)
        return 404;
    int mine = json_is_true(json_object_get(q, "mine"));
    json_decref(q);
    return mine || is_admin ? 0 : 403;
}

int saved_update(arena_t *a, const char *org_id, const char *user_id, int is_admin,
                 const char *id, const saved_fields_t *f)
{
    char err[256];
    int rc = may_change(a, org_id, user_id, is_admin, id);
    if (rc)
        return rc;
    const char *p[8] = {org_id, id, f->name, f->description, f->sql, f->tags_csv,
                        f->shared ? "true" : "false",
                        f->connection_id && db_is_uuid(f->connection_id) ? f->connection_id : NULL};
    return db_exec(a,
                   "UPDATE saved_queries SET name = $3, description = $4, sql_text = $5,"
                   " tags = coalesce(array(SELECT DISTINCT lower(btrim(t)) FROM"
                   "   unnest(string_to_array($6, ',')) t WHERE btrim(t) <> ''), '{}'),"
                   " is_shared = $7::boolean,"
                   " connection_id = (SELECT id FROM connections WHERE org_id = $1 AND id = $8::uuid),"
                   " updated_at = now() WHERE org_id = $1 AND id = $2",
                   8, p, err, sizeof err)
               ? 0
               : -1;
}

int saved_delete(arena_t *a, const char *org_id, const char *user_id, int is_admin,
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
