/* dashboards.c — dashboards: personal or shared with the organization. */
#include "store/dashboards.h"
#include "store/db.h"
#include "store/sessions.h"
#include "store/widgets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VISIBLE "d.org_id = $1 AND (d.is_shared OR d.created_by_id = $2)"

/* The row's shape, once: the SELECT list and the fill, by column index. */
static const char *const dash_cols =
    "SELECT d.id, d.title, d.description, d.is_shared, d.created_by_id = $2 AS mine,"
    " coalesce(u.full_name, '') AS owner, d.refresh_minutes,"
    " (SELECT count(*) FROM widgets w WHERE w.dashboard_id = d.id) AS widgets,"
    " (SELECT to_char(max(w.last_refreshed_at), 'YYYY-MM-DD HH24:MI') FROM widgets w"
    "  WHERE w.dashboard_id = d.id) AS refreshed"
    " FROM dashboards d LEFT JOIN users u ON u.id = d.created_by_id WHERE " VISIBLE;

static void row_from_result(arena_t *a, const PGresult *res, int i, store_dash_t *d)
{
    memset(d, 0, sizeof *d);
    d->id = arena_strdup(a, db_get(res, i, 0));
    d->title = arena_strdup(a, db_get(res, i, 1));
    d->description = arena_strdup(a, db_get(res, i, 2));
    d->is_shared = db_get(res, i, 3)[0] == 't';
    d->mine = db_get(res, i, 4)[0] == 't';
    d->owner = arena_strdup(a, db_get(res, i, 5));
    d->refresh_minutes = atoi(db_get(res, i, 6));
    d->widgets = atoll(db_get(res, i, 7));
    d->refreshed = db_is_null(res, i, 8) ? NULL : arena_strdup(a, db_get(res, i, 8));
}

int store_dash_list(arena_t *a, const char *org_id, const char *user_id, store_dash_t **rows,
                    size_t *n)
{
    char err[256];
    const char *p[2] = {org_id, user_id};
    PGresult *res = db_exec(a, arena_printf(a, "%s ORDER BY d.updated_at DESC", dash_cols), 2, p,
                            err, sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    *rows = arena_alloc(a, (*n + 1) * sizeof **rows);
    for (size_t i = 0; i < *n; i++)
        row_from_result(a, res, (int)i, &(*rows)[i]);
    return res ? 0 : -1;
}

int store_dash_get(arena_t *a, const char *org_id, const char *user_id, const char *id,
                   store_dash_t *out)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, user_id, id};
    PGresult *res = db_exec(a, arena_printf(a, "%s AND d.id = $3", dash_cols), 3, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    row_from_result(a, res, 0, out);
    return 0;
}

/* The dashboard page's one statement: the dashboard and its widgets (a row
 * per widget, the dashboard's columns on each; one row of NULL widget
 * columns when it has none). */
static db_stmt_t q_view = {
    "dash_view",
    "SELECT d.id, d.title, d.description, d.is_shared, d.created_by_id = $2,"
    " coalesce(u.full_name, ''), d.refresh_minutes, d.xmin::text, " STORE_WIDGET_COLS_NO_SVG
    " FROM dashboards d LEFT JOIN users u ON u.id = d.created_by_id"
    " LEFT JOIN (widgets w LEFT JOIN connections c ON c.id = w.connection_id)"
    "  ON w.dashboard_id = d.id AND w.org_id = d.org_id"
    " WHERE " VISIBLE " AND d.id = $3 ORDER BY w.position, w.created_at", 0};
#define VIEW_W0 8 /* the first widget column */

int store_dash_view(arena_t *a, const char *org_id, const char *user_id, const char *id,
                    store_dash_t *out, store_widget_t **rows, size_t *n)
{
    char err[256];
    *n = 0;
    *rows = arena_alloc(a, sizeof **rows);
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, user_id, id};
    PGresult *res = db_exec_prepared(a, &q_view, 3, p, err, sizeof err);
    int nr = res ? PQntuples(res) : 0;
    if (nr < 1)
        return -1;
    memset(out, 0, sizeof *out);
    out->id = arena_strdup(a, db_get(res, 0, 0));
    out->title = arena_strdup(a, db_get(res, 0, 1));
    out->description = arena_strdup(a, db_get(res, 0, 2));
    out->is_shared = db_get(res, 0, 3)[0] == 't';
    out->mine = db_get(res, 0, 4)[0] == 't';
    out->owner = arena_strdup(a, db_get(res, 0, 5));
    out->refresh_minutes = atoi(db_get(res, 0, 6));
    out->version = arena_strdup(a, db_get(res, 0, 7));
    if (db_is_null(res, 0, VIEW_W0))
        return 0; /* no widgets */
    *n = (size_t)nr;
    *rows = arena_alloc(a, *n * sizeof **rows);
    for (int i = 0; i < nr; i++) {
        store_widget_fill(a, res, i, VIEW_W0, &(*rows)[i]);
        const char *r = (*rows)[i].refreshed; /* "YYYY-MM-DD HH:MI" sorts as time */
        if (r && (!out->refreshed || strcmp(r, out->refreshed) > 0))
            out->refreshed = r;
    }
    out->widgets = nr;
    return 0;
}

/* What a repeat view checks before copying the page it rendered last time,
 * in one statement with the session check: the session as store_session_load
 * gives it, then the dashboard's and its widgets' versions and the few
 * columns that decide how the page looks besides (store_dash_head_session).
 * No large column. */
static db_stmt_t q_head = {
    "dash_head",
    "SELECT se.*, d.id, d.is_shared, d.created_by_id = se.uid, coalesce(du.full_name, ''),"
    " d.refresh_minutes, d.xmin::text, w.id, w.kind, coalesce(c.name, ''),"
    " w.last_result IS NOT NULL, extract(epoch FROM now() - w.last_refreshed_at)::bigint,"
    " w.xmin::text"
    " FROM (SELECT " STORE_SESSION_COLS STORE_SESSION_FROM " WHERE " STORE_SESSION_WHERE
    ") AS se (uid, oid, slug, oname, email, full_name, role, touch, unread)"
    " JOIN dashboards d ON d.org_id = se.oid AND (d.is_shared OR d.created_by_id = se.uid)"
    "  AND d.id = $3"
    " LEFT JOIN users du ON du.id = d.created_by_id"
    " LEFT JOIN (widgets w LEFT JOIN connections c ON c.id = w.connection_id)"
    "  ON w.dashboard_id = d.id AND w.org_id = d.org_id"
    " ORDER BY w.position, w.created_at", 0};

int store_dash_head_session(arena_t *a, const unsigned char sid[16], int idle_hours,
                            const char *id, store_session_auth_t *sess, store_dash_t *out,
                            store_widget_t **rows, size_t *n)
{
    char err[256], hours[16];
    *n = 0;
    *rows = arena_alloc(a, sizeof **rows);
    if (!db_is_uuid(id))
        return -1;
    snprintf(hours, sizeof hours, "%d", idle_hours);
    const char *p[3] = {db_bytea_param(a, sid, 16), hours, id};
    PGresult *res = db_exec_prepared(a, &q_head, 3, p, err, sizeof err);
    int nr = res ? PQntuples(res) : 0;
    if (nr < 1)
        return -1;
    store_session_fill(a, res, 0, sess);
    const int c0 = STORE_SESSION_NCOLS;
    memset(out, 0, sizeof *out);
    out->id = arena_strdup(a, db_get(res, 0, c0));
    out->is_shared = db_get(res, 0, c0 + 1)[0] == 't';
    out->mine = db_get(res, 0, c0 + 2)[0] == 't';
    out->owner = arena_strdup(a, db_get(res, 0, c0 + 3));
    out->refresh_minutes = atoi(db_get(res, 0, c0 + 4));
    out->version = arena_strdup(a, db_get(res, 0, c0 + 5));
    if (db_is_null(res, 0, c0 + 6))
        return 0; /* no widgets */
    *n = (size_t)nr;
    *rows = arena_alloc(a, *n * sizeof **rows);
    for (int i = 0; i < nr; i++) {
        store_widget_t *w = &(*rows)[i];
        memset(w, 0, sizeof *w);
        w->id = arena_strdup(a, db_get(res, i, c0 + 6));
        w->kind = arena_strdup(a, db_get(res, i, c0 + 7));
        w->connection = arena_strdup(a, db_get(res, i, c0 + 8));
        w->result_text = db_get(res, i, c0 + 9)[0] == 't' ? "" : NULL; /* there is one; not read */
        w->age_s = db_is_null(res, i, c0 + 10) ? -1 : atoll(db_get(res, i, c0 + 10));
        w->version = arena_strdup(a, db_get(res, i, c0 + 11));
    }
    out->widgets = nr;
    return 0;
}

int store_dash_create(arena_t *a, const char *org_id, const char *user_id, const char *title,
                      const char *description, int shared, char **id)
{
    char err[256];
    const char *p[5] = {org_id, user_id, title, description ? description : "",
                        shared ? "true" : "false"};
    PGresult *res = db_exec(a,
                            "INSERT INTO dashboards (org_id, created_by_id, title, description, is_shared)"
                            " VALUES ($1, $2, $3, $4, $5::boolean) RETURNING id",
                            5, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    *id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

int store_dash_update(arena_t *a, const char *org_id, const char *id, const char *title,
                      const char *description, int shared, int refresh_minutes)
{
    char err[256], mins[16];
    snprintf(mins, sizeof mins, "%d", refresh_minutes);
    const char *p[6] = {org_id, id, title, description ? description : "",
                        shared ? "true" : "false", mins};
    PGresult *res = db_exec(a,
                            "UPDATE dashboards SET title = $3, description = $4, is_shared = $5::boolean,"
                            " refresh_minutes = $6::int, updated_at = now() WHERE org_id = $1 AND id = $2",
                            6, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

int store_dash_duplicate(arena_t *a, const char *org_id, const char *user_id, const char *id,
                         char **new_id, char *err, size_t errlen)
{
    const char *p[3] = {org_id, user_id, id};
    /* one statement: the copy and its widgets together, or nothing */
    PGresult *res = db_exec(
        a,
        "WITH d AS (INSERT INTO dashboards (org_id, created_by_id, title, description, is_shared,"
        "  refresh_minutes)"
        "  SELECT org_id, $2, left('Copy of ' || title, 200), description, false, refresh_minutes"
        "  FROM dashboards WHERE org_id = $1 AND id = $3 RETURNING id),"
        " w AS (INSERT INTO widgets (org_id, dashboard_id, connection_id, title, kind, sql_text,"
        "  body_markdown, chart_config, size, position, date_column, last_result, last_refreshed_at,"
        "  result_hash, render_key, fragment_html, fragment_svg, params, grid_x, grid_y, grid_w,"
        "  grid_h)"
        "  SELECT w.org_id, d.id, w.connection_id, w.title, w.kind, w.sql_text, w.body_markdown,"
        "  w.chart_config, w.size, w.position, w.date_column, w.last_result, w.last_refreshed_at,"
        "  w.result_hash, w.render_key, w.fragment_html, w.fragment_svg, w.params, w.grid_x,"
        "  w.grid_y, w.grid_w, w.grid_h"
        "  FROM widgets w, d WHERE w.org_id = $1 AND w.dashboard_id = $3)"
        " SELECT id FROM d",
        3, p, err, errlen);
    if (!res || PQntuples(res) != 1)
        return -1;
    *new_id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

int store_dash_delete(arena_t *a, const char *org_id, const char *id)
{
    char err[256];
    const char *p[2] = {org_id, id};
    PGresult *res = db_exec(a, "DELETE FROM dashboards WHERE org_id = $1 AND id = $2", 2, p, err,
                            sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

int store_dash_due_refresh(arena_t *a, store_dash_t **rows, size_t *n)
{
    char err[256];
    PGresult *res = db_exec(
        a,
        "SELECT d.org_id, d.id, d.refresh_minutes FROM dashboards d"
        " WHERE d.refresh_minutes > 0 AND EXISTS (SELECT 1 FROM widgets w WHERE w.dashboard_id = d.id"
        "  AND w.kind <> 'text' AND (w.last_refreshed_at IS NULL OR"
        "  w.last_refreshed_at < now() - make_interval(mins => d.refresh_minutes)))",
        0, NULL, err, sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    *rows = arena_alloc(a, (*n + 1) * sizeof **rows);
    for (size_t i = 0; i < *n; i++) {
        store_dash_t *d = &(*rows)[i];
        d->org_id = arena_strdup(a, db_get(res, (int)i, 0));
        d->id = arena_strdup(a, db_get(res, (int)i, 1));
        d->refresh_minutes = atoi(db_get(res, (int)i, 2));
    }
    return res ? 0 : -1;
}

json_t *store_dash_json(const store_dash_t *d)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s?, s:b, s:b, s:i, s:I}", "id", d->id, "title",
                     d->title, "description", d->description ? d->description : "", "owner",
                     d->owner ? d->owner : "", "refreshed", d->refreshed, "is_shared", d->is_shared,
                     "mine", d->mine, "refresh_minutes", d->refresh_minutes, "widgets",
                     (json_int_t)d->widgets);
}

json_t *store_dash_list_json(const store_dash_t *rows, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, store_dash_json(&rows[i]));
    return arr;
}
