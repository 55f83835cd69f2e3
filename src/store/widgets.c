/* widgets.c — a dashboard's widgets, their order and their last result. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIDGET_COLS                                                                           \
    "w.id, w.dashboard_id, w.title, w.kind, w.sql_text, w.body_markdown,"                     \
    " w.chart_config::text AS chart_config, w.size, w.position, w.date_column,"              \
    " w.connection_id, coalesce(c.name, '') AS connection, w.last_result::text AS last_result," \
    " to_char(w.last_refreshed_at, 'YYYY-MM-DD HH24:MI') AS refreshed,"                       \
    " extract(epoch FROM now() - w.last_refreshed_at)::bigint AS age_s, w.last_error"

static void parse_json(json_t *row)
{
    static const char *const keys[] = {"chart_config", "last_result"};
    for (size_t i = 0; i < 2; i++) {
        const char *s = json_string_value(json_object_get(row, keys[i]));
        if (s)
            json_object_set_new(row, keys[i], json_loads(s, 0, NULL));
    }
}

json_t *widget_list(arena_t *a, const char *org_id, const char *dash_id)
{
    char err[256];
    const char *p[2] = {org_id, dash_id};
    PGresult *res = db_exec(a,
                            "SELECT " WIDGET_COLS " FROM widgets w LEFT JOIN connections c ON c.id = w.connection_id"
                            " WHERE w.org_id = $1 AND w.dashboard_id = $2 ORDER BY w.position, w.created_at",
                            2, p, err, sizeof err);
    json_t *rows = res ? db_rows_json(res) : json_array();
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) parse_json(row);
    return rows;
}

json_t *widget_get(arena_t *a, const char *org_id, const char *dash_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return NULL;
    const char *p[3] = {org_id, dash_id, id};
    PGresult *res = db_exec(a,
                            "SELECT " WIDGET_COLS " FROM widgets w LEFT JOIN connections c ON c.id = w.connection_id"
                            " WHERE w.org_id = $1 AND w.dashboard_id = $2 AND w.id = $3",
                            3, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return NULL;
    json_t *row = db_row_json(res, 0);
    parse_json(row);
    return row;
}

static const char *dump(arena_t *a, const json_t *v)
{
    if (!v)
        return NULL;
    char *s = json_dumps(v, JSON_COMPACT);
    const char *out = arena_strdup(a, s);
    free(s);
    return out;
}

int widget_add(arena_t *a, const char *org_id, const char *dash_id, const widget_fields_t *f,
               char **id, char *err, size_t errlen)
{
    const char *p[11] = {org_id, dash_id, f->title, f->kind, f->sql ? f->sql : "",
                         f->markdown ? f->markdown : "", dump(a, f->chart_config),
                         f->size ? f->size : "medium", f->date_column,
                         f->connection_id && db_is_uuid(f->connection_id) ? f->connection_id : NULL,
                         dump(a, f->last_result)};
    PGresult *res = db_exec(
        a,
        "INSERT INTO widgets (org_id, dashboard_id, title, kind, sql_text, body_markdown,"
        " chart_config, size, position, date_column, connection_id, last_result, last_refreshed_at)"
        " SELECT $1, d.id, $3, $4, $5, $6, coalesce($7::jsonb, '{}'), $8,"
        " coalesce((SELECT max(position) + 1 FROM widgets WHERE dashboard_id = d.id), 0), $9,"
        " (SELECT id FROM connections WHERE org_id = $1 AND id = $10::uuid), $11::jsonb,"
        " CASE WHEN $11::jsonb IS NULL THEN NULL ELSE now() END"
        " FROM dashboards d WHERE d.org_id = $1 AND d.id = $2 RETURNING id",
        11, p, err, errlen);
    if (!res || PQntuples(res) != 1)
        return -1;
    *id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

int widget_update(arena_t *a, const char *org_id, const char *dash_id, const char *id,
                  const widget_fields_t *f)
{
    char err[256];
    const char *p[11] = {org_id, dash_id, id, f->title, f->kind, f->sql ? f->sql : "",
                         f->markdown ? f->markdown : "", dump(a, f->chart_config),
                         f->size ? f->size : "medium", f->date_column, f->connection_id};
    if (f->connection_id && !db_is_uuid(f->connection_id))
        return -1;
    /* a new connection must be one of this organization's; a changed SQL
     * or connection drops the stored result (it answered another query) */
    PGresult *res = db_exec(
        a,
        "WITH c AS (SELECT coalesce((SELECT id FROM connections WHERE org_id = $1 AND id = $11::uuid),"
        "   (SELECT connection_id FROM widgets WHERE org_id = $1 AND id = $3)) AS id)"
        " UPDATE widgets SET title = $4, kind = $5, sql_text = $6, body_markdown = $7,"
        " chart_config = coalesce($8::jsonb, '{}'), size = $9, date_column = $10,"
        " last_result = CASE WHEN sql_text = $6 AND connection_id IS NOT DISTINCT FROM c.id"
        "   THEN last_result END,"
        " last_refreshed_at = CASE WHEN sql_text = $6 AND connection_id IS NOT DISTINCT FROM c.id"
        "   THEN last_refreshed_at END,"
        " connection_id = c.id,"
        " updated_at = now() FROM c WHERE org_id = $1 AND dashboard_id = $2 AND widgets.id = $3"
        " AND ($11::uuid IS NULL OR EXISTS (SELECT 1 FROM connections WHERE org_id = $1 AND id = $11::uuid))",
        11, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

int widget_move(arena_t *a, const char *org_id, const char *dash_id, const char *id, int delta)
{
    char err[256];
    if (!db_is_uuid(id) || db_begin(err, sizeof err) < 0)
        return -1;
    const char *p[4] = {org_id, dash_id, id, delta < 0 ? "-1" : "1"};
    /* renumber 0..n-1 under a lock, then swap with the neighbour: two
     * people moving widgets at once leave a consistent order (last wins) */
    PGresult *lock = db_exec(a, "SELECT 1 FROM dashboards WHERE org_id = $1 AND id = $2 FOR UPDATE",
                             2, p, err, sizeof err);
    PGresult *mine = lock ? db_exec(a, "SELECT 1 FROM widgets WHERE org_id = $1 AND dashboard_id = $2"
                                       " AND id = $3", 3, p, err, sizeof err) : NULL;
    if (!mine || PQntuples(mine) != 1) { /* not a widget of this dashboard */
        db_rollback();
        return -1;
    }
    PGresult *ren = db_exec(a,
        "UPDATE widgets w SET position = o.rn FROM (SELECT id, row_number() OVER"
        " (ORDER BY position, created_at) - 1 AS rn FROM widgets WHERE org_id = $1 AND dashboard_id = $2) o"
        " WHERE w.id = o.id", 2, p, err, sizeof err);
    PGresult *swap = ren ? db_exec(a,
        "WITH me AS (SELECT id, position FROM widgets WHERE org_id = $1 AND dashboard_id = $2 AND id = $3),"
        " other AS (SELECT w.id, w.position FROM widgets w, me WHERE w.org_id = $1"
        "  AND w.dashboard_id = $2 AND w.position = me.position + $4::int)"
        " UPDATE widgets w SET position = CASE WHEN w.id = me.id THEN other.position ELSE me.position END"
        " FROM me, other WHERE w.id IN (me.id, other.id)", 4, p, err, sizeof err) : NULL;
    if (!swap) {
        db_rollback();
        return -1;
    }
    return db_commit(err, sizeof err);
}

int widget_delete(arena_t *a, const char *org_id, const char *dash_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, dash_id, id};
    PGresult *res = db_exec(a, "DELETE FROM widgets WHERE org_id = $1 AND dashboard_id = $2 AND id = $3",
                            3, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

void widget_set_result(arena_t *a, const char *org_id, const char *id, const json_t *result,
                       const char *error)
{
    char err[256];
    const char *p[4] = {org_id, id, dump(a, result), error};
    db_exec(a,
            "UPDATE widgets SET last_result = coalesce($3::jsonb, last_result), last_error = $4,"
            " last_refreshed_at = now() WHERE org_id = $1 AND id = $2",
            4, p, err, sizeof err);
}
