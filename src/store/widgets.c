/* widgets.c — a dashboard's widgets, their order and their last result. */
#include "store/widgets.h"
#include "store/store_row.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The row's shape, once: the SELECT list and the fill, by column index. */
static const char *const widget_cols =
    "SELECT " STORE_WIDGET_COLS
    " FROM widgets w LEFT JOIN connections c ON c.id = w.connection_id"
    " WHERE w.org_id = $1 AND w.dashboard_id = $2";

/* A size's width in grid columns (small 4, medium 6, large 8, full 12):
 * a new widget's (the editor's size goes through store_widget_place). */
#define GRID_W_OF(p) "CASE " p " WHEN 'small' THEN 4 WHEN 'large' THEN 8 WHEN 'full' THEN 12 ELSE 6 END"

static void row_from_result(arena_t *a, const PGresult *res, int i, store_widget_t *w)
{
    store_widget_fill(a, res, i, 0, w);
}

void store_widget_fill(arena_t *a, const PGresult *res, int i, int c0, store_widget_t *w)
{
    /* columns c0 … c0 + STORE_WIDGET_NCOLS - 1, in STORE_WIDGET_COLS's order */
#define C(k) (c0 + (k))
    w->id = arena_strdup(a, db_get(res, i, C(0)));
    w->dashboard_id = arena_strdup(a, db_get(res, i, C(1)));
    w->title = arena_strdup(a, db_get(res, i, C(2)));
    w->kind = arena_strdup(a, db_get(res, i, C(3)));
    w->sql_text = arena_strdup(a, db_get(res, i, C(4)));
    w->body_markdown = arena_strdup(a, db_get(res, i, C(5)));
    w->chart_config = store_row_json(a, res, i, C(6));
    w->size = arena_strdup(a, db_get(res, i, C(7)));
    w->position = atoi(db_get(res, i, C(8)));
    w->date_column = store_row_opt(a, res, i, C(9));
    w->connection_id = store_row_opt(a, res, i, C(10));
    w->connection = arena_strdup(a, db_get(res, i, C(11)));
    w->result_text = store_row_opt(a, res, i, C(12)); /* parsed when needed */
    w->refreshed = store_row_opt(a, res, i, C(13));
    w->age_s = db_is_null(res, i, C(14)) ? -1 : atoll(db_get(res, i, C(14)));
    w->last_error = store_row_opt(a, res, i, C(15));
    w->version = arena_strdup(a, db_get(res, i, C(16)));
    w->result_hash = store_row_opt(a, res, i, C(17));
    w->render_key = store_row_opt(a, res, i, C(18));
    w->fragment_html = store_row_opt(a, res, i, C(19));
    w->fragment_svg = store_row_opt(a, res, i, C(20));
    w->params = store_row_opt(a, res, i, C(21));
    w->placed = !db_is_null(res, i, C(22)) && !db_is_null(res, i, C(23));
    w->gx = w->placed ? atoi(db_get(res, i, C(22))) : 0;
    w->gy = w->placed ? atoi(db_get(res, i, C(23))) : 0;
    w->gw = atoi(db_get(res, i, C(24)));
    w->gh = atoi(db_get(res, i, C(25)));
#undef C
}

json_t *store_widget_result(arena_t *a, const store_widget_t *w)
{
    if (!w->result_text)
        return NULL;
    json_t *v = json_loads(w->result_text, 0, NULL);
    if (!json_is_object(v)) {
        json_decref(v);
        return NULL;
    }
    arena_defer_json(a, v);
    return v;
}

int store_widget_list(arena_t *a, const char *org_id, const char *dash_id, store_widget_t **rows,
                      size_t *n)
{
    char err[256];
    const char *p[2] = {org_id, dash_id};
    PGresult *res = db_exec(a, arena_printf(a, "%s ORDER BY w.position, w.created_at", widget_cols),
                            2, p, err, sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    *rows = arena_alloc(a, (*n + 1) * sizeof **rows);
    for (size_t i = 0; i < *n; i++)
        row_from_result(a, res, (int)i, &(*rows)[i]);
    return res ? 0 : -1;
}

int store_widget_get(arena_t *a, const char *org_id, const char *dash_id, const char *id,
                     store_widget_t *out)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, dash_id, id};
    PGresult *res = db_exec(a, arena_printf(a, "%s AND w.id = $3", widget_cols), 3, p, err,
                            sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    row_from_result(a, res, 0, out);
    return 0;
}

json_t *store_widget_json(const store_widget_t *w)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:s?, s:s?, s:i}",
                          "id", w->id, "dashboard_id", w->dashboard_id, "title", w->title, "kind",
                          w->kind, "sql_text", w->sql_text, "body_markdown", w->body_markdown,
                          "size", w->size, "date_column", w->date_column, "connection_id",
                          w->connection_id, "connection", w->connection, "refreshed", w->refreshed,
                          "last_error", w->last_error, "position", w->position);
    json_object_set_new(o, "age_s", w->age_s < 0 ? json_null() : json_integer(w->age_s));
    json_object_set_new(o, "grid", json_pack("{s:i, s:i, s:i, s:i}", "x", w->gx, "y", w->gy,
                                             "w", w->gw, "h", w->gh));
    json_t *params = w->params ? json_loads(w->params, 0, NULL) : NULL;
    json_object_set_new(o, "params", json_is_array(params) ? params
                                     : (json_decref(params), json_array()));
    json_object_set_new(o, "chart_config", w->chart_config ? json_deep_copy(w->chart_config)
                                                           : json_null());
    return o;
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

int store_widget_add(arena_t *a, const char *org_id, const char *dash_id,
                     const store_widget_fields_t *f, char **id, char *err, size_t errlen)
{
    const char *p[12] = {org_id, dash_id, f->title, f->kind, f->sql ? f->sql : "",
                         f->markdown ? f->markdown : "", dump(a, f->chart_config),
                         f->size ? f->size : "medium", f->date_column,
                         f->connection_id && db_is_uuid(f->connection_id) ? f->connection_id : NULL,
                         dump(a, f->last_result), f->params};
    PGresult *res = db_exec(
        a,
        "INSERT INTO widgets (org_id, dashboard_id, title, kind, sql_text, body_markdown,"
        " chart_config, size, position, date_column, connection_id, last_result, last_refreshed_at,"
        " result_hash, params, grid_w, grid_h)"
        " SELECT $1, d.id, $3, $4, $5, $6, coalesce($7::jsonb, '{}'), $8,"
        " coalesce((SELECT max(position) + 1 FROM widgets WHERE dashboard_id = d.id), 0), $9,"
        " (SELECT id FROM connections WHERE org_id = $1 AND id = $10::uuid), $11::jsonb,"
        " CASE WHEN $11::jsonb IS NULL THEN NULL ELSE now() END,"
        " md5(jsonb_build_array($11::jsonb -> 'columns', $11::jsonb -> 'rows')::text),"
        " coalesce($12::jsonb, '[]'), " GRID_W_OF("$8")
        ", CASE $4 WHEN 'kpi' THEN 3 WHEN 'text' THEN 4 ELSE 6 END"
        " FROM dashboards d WHERE d.org_id = $1 AND d.id = $2 RETURNING id",
        12, p, err, errlen);
    if (!res || PQntuples(res) != 1)
        return -1;
    *id = arena_strdup(a, db_get(res, 0, 0));
    /* its place: the first free cell after the last widget (as a grid
     * flows); the widget is there even if this fails (the page lays out
     * an unplaced one the same way) */
    store_widget_lay_out(a, org_id, dash_id);
    return 0;
}

int store_widget_update(arena_t *a, const char *org_id, const char *dash_id, const char *id,
                        const store_widget_fields_t *f)
{
    char err[256];
    const char *p[12] = {org_id, dash_id, id, f->title, f->kind, f->sql ? f->sql : "",
                         f->markdown ? f->markdown : "", dump(a, f->chart_config),
                         f->size ? f->size : "medium", f->date_column, f->connection_id,
                         f->params};
    if (f->connection_id && !db_is_uuid(f->connection_id))
        return -1;
    /* a new connection must be one of this organization's; a changed SQL,
     * connection or parameter default drops the stored result (it answered
     * another query) */
    PGresult *res = db_exec(
        a,
        "WITH c AS (SELECT coalesce((SELECT id FROM connections WHERE org_id = $1 AND id = $11::uuid),"
        "   (SELECT connection_id FROM widgets WHERE org_id = $1 AND id = $3)) AS id)"
        " UPDATE widgets SET title = $4, kind = $5, sql_text = $6, body_markdown = $7,"
        " chart_config = coalesce($8::jsonb, '{}'), size = $9, date_column = $10,"
        " last_result = CASE WHEN sql_text = $6 AND connection_id IS NOT DISTINCT FROM c.id"
        "   AND params = coalesce($12::jsonb, '[]')"
        "   THEN last_result END,"
        " last_refreshed_at = CASE WHEN sql_text = $6 AND connection_id IS NOT DISTINCT FROM c.id"
        "   AND params = coalesce($12::jsonb, '[]')"
        "   THEN last_refreshed_at END,"
        " result_hash = CASE WHEN sql_text = $6 AND connection_id IS NOT DISTINCT FROM c.id"
        "   AND params = coalesce($12::jsonb, '[]')"
        "   THEN result_hash END,"
        " connection_id = c.id, params = coalesce($12::jsonb, '[]'),"
        " updated_at = now() FROM c WHERE org_id = $1 AND dashboard_id = $2 AND widgets.id = $3"
        " AND ($11::uuid IS NULL OR EXISTS (SELECT 1 FROM connections WHERE org_id = $1 AND id = $11::uuid))",
        12, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

int store_widget_delete(arena_t *a, const char *org_id, const char *dash_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, dash_id, id};
    PGresult *res = db_exec(a, "DELETE FROM widgets WHERE org_id = $1 AND dashboard_id = $2 AND id = $3",
                            3, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

const char *store_widget_set_result(arena_t *a, const char *org_id, const char *id,
                                    const json_t *result, const char *error)
{
    char err[256];
    const char *p[4] = {org_id, id, dump(a, result), error};
    PGresult *res = db_exec(a,
            "UPDATE widgets SET last_result = coalesce($3::jsonb, last_result), last_error = $4,"
            " result_hash = CASE WHEN $3::jsonb IS NULL THEN result_hash"
            "   ELSE md5(jsonb_build_array($3::jsonb -> 'columns', $3::jsonb -> 'rows')::text) END,"
            " last_refreshed_at = now() WHERE org_id = $1 AND id = $2 RETURNING result_hash",
            4, p, err, sizeof err);
    return res && PQntuples(res) == 1 ? store_row_opt(a, res, 0, 0) : NULL;
}

void store_widget_set_fragment(arena_t *a, const char *org_id, const char *id,
                               const char *render_key, const char *html, const char *svg)
{
    char err[256];
    const char *p[5] = {org_id, id, render_key, html, svg};
    db_exec(a, "UPDATE widgets SET render_key = $3, fragment_html = $4, fragment_svg = $5"
               " WHERE org_id = $1 AND id = $2", 5, p, err, sizeof err);
}
