/* api_widgets.c — a dashboard's widgets through the API: get, create (a
 * chart, table or KPI from SQL or a saved query, or a Markdown text),
 * update, delete. Its SVG is the page's handler (page_widget_svg, whose
 * errors are JSON on /api/v1) and its refresh api_dashboard_refresh. */
#include "pages/pages.h"
#include "pages/api_internal.h"
#include "store/audit.h"
#include "store/connections.h"
#include "store/queries.h"
#include "store/widgets.h"
#include "tasks/tasks.h"

#include <string.h>

static int one_of(const char *v, const char *const *list)
{
    for (size_t i = 0; v && list[i]; i++)
        if (strcmp(v, list[i]) == 0)
            return 1;
    return 0;
}

static const char *const kinds[] = {"chart", "table", "kpi", "text", NULL};
static const char *const sizes[] = {"small", "medium", "large", "full", NULL};

static int load_widget(req_t *r, const store_dash_t *d, store_widget_t *w)
{
    if (store_widget_get(r->arena, r->user->org_id, d->id, http_route_param(r, "wid"), w) == 0)
        return 0;
    api_error(r, 404, NULL, "There is no such widget on this dashboard.");
    return -1;
}

void api_widget(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    store_widget_t w;
    if (d && load_widget(r, d, &w) == 0)
        api_reply(r, 200, api_widget_json(r, &w));
}

/* "chart": {"type", "x", "y", "series"} as given (validated by chart/ when
 * drawn); null or "auto" for the recommended chart. -1 with a 422. */
static int read_chart(req_t *r, const json_t *body, const json_t **out)
{
    const json_t *c = json_object_get(body, "chart");
    *out = NULL;
    if (!c || json_is_null(c))
        return 0;
    if (!json_is_object(c) || !json_is_string(json_object_get(c, "type"))) {
        api_error(r, 422, NULL, "\"chart\" must be an object with a \"type\" (bar, line, pie, "
                                "scatter, kpi, table…), and optionally \"x\", \"y\", \"series\".");
        return -1;
    }
    *out = c;
    return 0;
}

/* The fields of body over w (NULL: a new widget). -1 with a 422 answered. */
static int read_fields(req_t *r, const json_t *body, const store_widget_t *w,
                       store_widget_fields_t *f)
{
    const char *title, *kind, *sql, *md, *size, *conn, *datecol, *qid;
    if (api_str(r, body, "title", 200, &title) < 0 || api_str(r, body, "kind", 10, &kind) < 0 ||
        api_str(r, body, "sql", 100000, &sql) < 0 || api_str(r, body, "markdown", 20000, &md) < 0 ||
        api_str(r, body, "size", 10, &size) < 0 || api_str(r, body, "connection_id", 36, &conn) < 0 ||
        api_str(r, body, "date_column", 200, &datecol) < 0 ||
        api_str(r, body, "query_id", 36, &qid) < 0 || read_chart(r, body, &f->chart_config) < 0)
        return -1;
    f->title = title ? title : w ? w->title : NULL;
    f->kind = kind ? kind : w ? w->kind : md ? "text" : "chart";
    f->sql = sql ? sql : w ? w->sql_text : NULL;
    f->markdown = md ? md : w ? w->body_markdown : NULL;
    f->size = size ? size : w ? w->size : "medium";
    f->connection_id = conn ? conn : w ? w->connection_id : NULL;
    f->date_column = datecol ? (*datecol ? datecol : NULL) : w ? w->date_column : NULL;
    f->params = w && !sql ? w->params : NULL;
    if (!f->chart_config && w && !json_object_get(body, "chart"))
        f->chart_config = w->chart_config;
    store_query_t q;
    if (qid) { /* from a saved query: its SQL, connection and parameters */
        if (store_query_get(r->arena, r->user->org_id, r->user->id, qid, &q) < 0) {
            api_error(r, 422, NULL, "\"query_id\" is not one of the saved queries you see.");
            return -1;
        }
        f->sql = q.sql_text, f->connection_id = q.connection_id, f->params = q.params;
        f->title = f->title ? f->title : q.name;
    }
    store_conn_t c;
    const char *why = !f->title || !*f->title ? "Give the widget a \"title\"."
        : !one_of(f->kind, kinds) ? "\"kind\" is chart, table, kpi or text."
        : !one_of(f->size, sizes) ? "\"size\" is small, medium, large or full."
        : strcmp(f->kind, "text") == 0 ? (!f->markdown || !*f->markdown ? "A text widget needs its \"markdown\"." : NULL)
        : !f->sql || !*f->sql ? "A chart, table or KPI needs its \"sql\" (or a \"query_id\")."
        : !f->connection_id ? "A chart, table or KPI needs a \"connection_id\"."
        : store_conn_get(r->arena, r->user->org_id, f->connection_id, &c) < 0
            ? "\"connection_id\" is not a connection of your organization." : NULL;
    if (why) {
        api_error(r, 422, NULL, why);
        return -1;
    }
    return 0;
}

static void audit(req_t *r, const char *action, const char *did, const char *wid, const char *kind)
{
    store_audit_record(r->arena, r->user->org_id, r->user->id, action, "widget", wid,
                       json_pack("{s:s, s:s, s:s}", "dashboard", did, "kind", kind, "via", "api"),
                       r->remote_addr);
}

void api_widget_create(req_t *r)
{
    json_t *body = api_body(r);
    const store_dash_t *d;
    store_widget_fields_t f = {0};
    char err[256], *wid = NULL;
    if (!body || !(d = api_dashboard_editable(r)) || read_fields(r, body, NULL, &f) < 0)
        return;
    store_widget_t w;
    if (store_widget_add(r->arena, r->user->org_id, d->id, &f, &wid, err, sizeof err) < 0 ||
        store_widget_get(r->arena, r->user->org_id, d->id, wid, &w) < 0) {
        api_error(r, 503, NULL, "The widget could not be added. Try again.");
        return;
    }
    audit(r, "widget.create", d->id, wid, f.kind);
    http_header(r, "Location", arena_printf(r->arena, "/api/v1/dashboards/%s/widgets/%s", d->id, wid));
    api_reply(r, 201, api_widget_json(r, &w));
}

void api_widget_update(req_t *r)
{
    json_t *body = api_body(r);
    const store_dash_t *d;
    store_widget_t w;
    store_widget_fields_t f = {0};
    if (!body || !(d = api_dashboard_editable(r)) || load_widget(r, d, &w) < 0 ||
        read_fields(r, body, &w, &f) < 0)
        return;
    if (store_widget_update(r->arena, r->user->org_id, d->id, w.id, &f) < 0) {
        api_error(r, 422, NULL, "The widget could not be saved: check its connection.");
        return;
    }
    audit(r, "widget.update", d->id, w.id, f.kind);
    store_widget_t now;
    tasks_fragment_t fr;
    if (store_widget_get(r->arena, r->user->org_id, d->id, w.id, &now) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    if (tasks_widget_has_fragment(&now)) /* drawn now, so a view only copies it */
        tasks_widget_fragment(r->arena, r->user->org_id, &now, &fr);
    api_reply(r, 200, api_widget_json(r, &now));
}

void api_widget_delete(req_t *r)
{
    const store_dash_t *d = api_dashboard_editable(r);
    store_widget_t w;
    if (!d || load_widget(r, d, &w) < 0)
        return;
    if (store_widget_delete(r->arena, r->user->org_id, d->id, w.id) < 0) {
        api_error(r, 404, NULL, "There is no such widget on this dashboard.");
        return;
    }
    audit(r, "widget.delete", d->id, w.id, w.kind);
    api_reply(r, 200, json_pack("{s:s, s:b}", "id", w.id, "deleted", 1));
}
