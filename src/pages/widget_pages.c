/* widget_pages.c — the widget routes: add, fragment, SVG, edit, move,
 * refresh, delete, and pinning a chat answer to a dashboard. */
#include "pages/pages.h"
#include "query/query.h"
#include "store/chats.h"
#include "store/queries.h"
#include "store/widgets.h"
#include "store/connections.h"
#include "store/audit.h"
#include "store/dashboards.h"
#include "tasks/tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds[] = {"chart", "table", "kpi", "text"};
static const char *const sizes[] = {"small", "medium", "large", "full"};

/* The width in grid columns a size names (as a new widget gets it). */
static int size_columns(const char *size)
{
    static const int cols[] = {4, 6, 8, 12};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(size, sizes[i]) == 0)
            return cols[i];
    return 6;
}

static int one_of(const char *v, const char *const *list, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(v, list[i]) == 0)
            return 1;
    return 0;
}

/* Load the dashboard and check the caller may change it; NULL after an
 * error page. */
static const store_dash_t *editable(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (d && !dashboard_can_edit(r, d)) {
        page_error(r, 403, "Only analysts and admins change dashboards.");
        return NULL;
    }
    return d;
}

static const char *dash_url(req_t *r, const store_dash_t *d)
{
    return arena_printf(r->arena, "/dashboards/%s", d->id);
}

void page_widget_add(req_t *r)
{
    const store_dash_t *d = editable(r);
    if (!d)
        return;
    const char *did = d->id;
    const char *source = http_param(r, "source");
    store_widget_fields_t wf = {.size = "medium"};
    char err[256], *wid = NULL;
    form_t f;
    form_open(&f, r);
    wf.title = form_text(&f, "title", "Title", 0, 200);
    if (source && strcmp(source, "query") == 0) {
        store_query_t q;
        if (store_query_get(r->arena, r->user->org_id, r->user->id, http_param(r, "query_id"), &q) < 0)
            form_error(&f, "query_id", "Pick one of your saved queries.");
        else {
            wf.sql = q.sql_text;
            wf.connection_id = q.connection_id;
            wf.params = q.params; /* its parameters' types and defaults */
            if (!*wf.title)
                wf.title = q.name;
        }
        wf.kind = "chart";
    } else if (source && strcmp(source, "text") == 0) {
        wf.kind = "text";
        wf.markdown = form_text(&f, "markdown", "Text", 1, 20000);
        if (!*wf.title)
            wf.title = "Notes";
    } else {
        wf.kind = form_text(&f, "kind", "Kind", 0, 10);
        wf.kind = one_of(wf.kind, kinds, 3) ? wf.kind : "chart";
        wf.sql = form_text(&f, "sql", "SQL", 1, 100000);
        wf.connection_id = form_text(&f, "connection_id", "Connection", 1, 36);
        wf.params = params_text(r, wf.sql, NULL);
    }
    if (!*wf.title)
        form_error(&f, "title", "Give the widget a title.");
    int ok = form_ok(&f);
    const char *why = ok ? NULL : json_string_value(json_object_iter_value(json_object_iter(f.errors)));
    if (ok && store_widget_add(r->arena, r->user->org_id, did, &wf, &wid, err, sizeof err) < 0) {
        ok = 0;
        why = "The widget could not be added.";
    }
    if (!ok)
        page_flash(r, "error", why);
    else
        store_audit_record(r->arena, r->user->org_id, r->user->id, "widget.create", "widget", wid,
                     json_pack("{s:s, s:s}", "dashboard", did, "kind", wf.kind), r->remote_addr);
    form_close(&f);
    http_redirect(r, 303, dash_url(r, d));
}

/* The route's widget of dashboard d, in the request's arena, or a 404
 * page and NULL. */
static const store_widget_t *load_widget(req_t *r, const store_dash_t *d)
{
    store_widget_t *w = arena_alloc(r->arena, sizeof *w);
    if (store_widget_get(r->arena, r->user->org_id, d->id, http_route_param(r, "wid"), w) < 0) {
        page_error(r, 404, "There is no such widget on this dashboard.");
        return NULL;
    }
    return w;
}

/* GET …/widgets/{wid}: the card alone, run now — htmx loads stale ones so. */
void page_widget(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    const store_widget_t *w = load_widget(r, d);
    if (w) {
        dash_filter_t f;
        dashboard_filter_read(r, &f);
        json_t *card = widget_view_job(r, w, &f, (long)d->refresh_minutes * 60, http_query(r, "job"));
        json_object_set_new(card, "can_edit", json_boolean(dashboard_can_edit(r, d)));
        json_object_set_new(card, "qs", json_string(dashboard_filter_qs(r, &f)));
        json_t *ctx = page_ctx(r, "Widget", "dashboards");
        json_object_set_new(ctx, "dashboard", store_dash_json(d));
        json_object_set_new(ctx, "widgets", json_pack("[o]", card));
        page_render_bare(r, "widget_cards", ctx, NULL);
    }
}

/* GET …/widgets/{wid}.svg — the chart alone, for embedding (same sign-in).
 * Its ETag is the stored fragment's render key: a repeat request with it
 * (weak or strong) is a 304 without drawing anything. */
void page_widget_svg(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    const store_widget_t *w = load_widget(r, d);
    if (!w)
        return;
    if (tasks_widget_has_fragment(w) && widget_stale(w, 0)) {
        json_decref(widget_view(r, w, NULL, 1, 0)); /* runs and stores it */
        w = load_widget(r, d);
        if (!w)
            return;
    }
    tasks_fragment_t fr;
    if (!tasks_widget_has_fragment(w) || tasks_widget_fragment(r->arena, r->user->org_id, w, &fr) < 0 ||
        !fr.svg) {
        page_error(r, 404, "This widget has no chart to show (a text or table widget, or its query failed).");
        return;
    }
    const char *etag = arena_printf(r->arena, "\"%s\"", fr.key);
    http_header(r, "ETag", etag);
    http_header(r, "Cache-Control", "private, max-age=60");
    if (http_etag_match(http_header_in(r, "If-None-Match"), etag)) {
        http_status(r, 304);
        return;
    }
    http_header(r, "Content-Type", "image/svg+xml; charset=utf-8");
    buf_puts(&r->body, fr.svg);
}

/* After a result or the settings changed: the widget's fragment drawn now
 * and stored, so the next view only copies it. */
static void redraw(req_t *r, const store_dash_t *d, const char *wid)
{
    store_widget_t w;
    tasks_fragment_t fr;
    if (store_widget_get(r->arena, r->user->org_id, d->id, wid, &w) == 0 &&
        tasks_widget_has_fragment(&w))
        tasks_widget_fragment(r->arena, r->user->org_id, &w, &fr);
}

/* The chart settings of the edit form (a POST, or the GET of a preview);
 * NULL for "auto". */
static json_t *config_from_form(req_t *r)
{
    const char *type = http_param(r, "type"), *x = http_param(r, "x"), *y = http_param(r, "y");
    const char *series = http_param(r, "series");
    if (!type || !*type || strcmp(type, "auto") == 0)
        return NULL;
    json_t *cfg = json_pack("{s:s}", "type", type);
    if (x && *x)
        json_object_set_new(cfg, "x", json_string(x));
    if (y && *y)
        json_object_set_new(cfg, "y", json_pack("[s]", y));
    if (series && *series)
        json_object_set_new(cfg, "series", json_string(series));
    return cfg;
}

/* The result's columns for the editor's pickers, each marked when it is
 * the saved x, y or filter date column. */
static json_t *column_options(const json_t *result, const json_t *conf, const char *datecol)
{
    const char *x = json_string_value(json_object_get(conf, "x"));
    const json_t *y = json_object_get(conf, "y");
    const char *y0 = json_is_array(y) ? json_string_value(json_array_get(y, 0)) : json_string_value(y);
    json_t *cols = json_array();
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(result, "columns"), i, c) {
        const char *name = json_string_value(json_object_get(c, "name"));
        if (!name)
            continue;
        json_array_append_new(cols, json_pack("{s:s, s:b, s:b, s:b}", "name", name,
                                              "x", x && strcmp(x, name) == 0,
                                              "y", y0 && strcmp(y0, name) == 0,
                                              "date", datecol && strcmp(datecol, name) == 0));
    }
    return cols;
}

void page_widget_edit(req_t *r)
{
    const store_dash_t *d = editable(r);
    if (!d)
        return;
    const store_widget_t *saved = load_widget(r, d);
    if (!saved) {
        return;
    }
    /* a preview: the form's values applied without saving */
    store_widget_t pw = *saved, *w = &pw;
    const char *type = http_query(r, "type"), *kind = http_query(r, "kind");
    const char *datecol = http_query(r, "date_column");
    if (kind && one_of(kind, kinds, 4))
        w->kind = kind;
    if (datecol)
        w->date_column = *datecol ? datecol : NULL;
    if (type && *type) { /* "auto": no config, the recommended chart */
        w->chart_config = config_from_form(r);
        arena_defer_json(r->arena, w->chart_config);
    }
    const json_t *conf = w->chart_config;
    const char *ctype = json_string_value(json_object_get(conf, "type"));
    json_t *cols = column_options(store_widget_result(r->arena, w), conf, w->date_column);
    const char *wconn = w->connection_id;
    store_conn_t *crows;
    size_t ncrows;
    store_conn_list(r->arena, r->user->org_id, &crows, &ncrows);
    json_t *conns = store_conn_list_json(crows, ncrows, wconn);
    int preview = (type && *type) || (kind && strcmp(kind, saved->kind) != 0);
    json_t *card = widget_view(r, w, NULL, 1 | WIDGET_FULL | (preview ? WIDGET_PREVIEW : 0), 0);
    json_object_set_new(card, arena_printf(r->arena, "kind_%s", w->kind), json_true());
    json_t *ctx = page_ctx(r, "Edit widget", "dashboards");
    json_object_set_new(ctx, "columns", cols);
    json_object_set_new(ctx, "connections", conns);
    json_object_set_new(ctx, "no_connection", json_boolean(!wconn));
    json_object_set_new(ctx, "chart_kinds", result_chart_kinds(ctype ? ctype : "auto"));
    json_object_set_new(ctx, "widget", card);
    json_object_set_new(ctx, "dashboard", store_dash_json(d));
    /* its {{name}} parameters: a type and a default each */
    json_t *view = params_view(r, w->sql_text, query_params_decl(r->arena, w->params), NULL, wconn);
    json_object_set_new(ctx, "has_params", json_boolean(json_array_size(view) > 0));
    json_object_set_new(ctx, "params_edit", json_true());
    json_object_set_new(ctx, "params", view);
    page_editor_schema(r, ctx, wconn ? wconn : ncrows ? crows[0].id : NULL);
    page_render(r, "widget_edit", ctx);
}

void page_widget_update(req_t *r)
{
    const store_dash_t *d = editable(r);
    if (!d)
        return;
    const store_widget_t *w = load_widget(r, d);
    if (!w) {
        return;
    }
    form_t f;
    form_open(&f, r);
    store_widget_fields_t wf = {0};
    wf.title = form_text(&f, "title", "Title", 1, 200);
    wf.kind = form_text(&f, "kind", "Kind", 1, 10);
    wf.size = form_text(&f, "size", "Size", 1, 10);
    wf.date_column = form_text(&f, "date_column", "Date column", 0, 200);
    wf.sql = http_param(r, "sql") ? form_text(&f, "sql", "SQL", 0, 100000)
                                  : w->sql_text;
    wf.markdown = http_param(r, "markdown") ? form_text(&f, "markdown", "Text", 0, 20000)
                                            : w->body_markdown;
    if (!*wf.date_column)
        wf.date_column = NULL;
    wf.params = params_text(r, wf.sql ? wf.sql : "", query_params_decl(r->arena, w->params));
    const char *conn = http_param(r, "connection_id");
    wf.connection_id = conn && *conn ? conn : NULL;
    json_t *cfg = config_from_form(r);
    wf.chart_config = cfg;
    int ok = form_ok(&f) && one_of(wf.kind, kinds, 4) && one_of(wf.size, sizes, 4);
    const char *wid = w->id;
    if (!ok || store_widget_update(r->arena, r->user->org_id, d->id, wid, &wf) < 0)
        page_flash(r, "error", "Check the widget's title, kind, size and connection.");
    else {
        store_audit_record(r->arena, r->user->org_id, r->user->id, "widget.update", "widget", wid,
                     json_pack("{s:s, s:s}", "kind", wf.kind, "size", wf.size), r->remote_addr);
        if (strcmp(wf.size, w->size) != 0) /* the size picked is a width on the grid */
            store_widget_place(r->arena, r->user->org_id, d->id, wid, w->gx, w->gy,
                               size_columns(wf.size), w->gh, NULL, NULL);
        redraw(r, d, wid);
        page_flash(r, "ok", "Widget saved.");
    }
    form_close(&f);
    json_decref(cfg);
    http_redirect(r, 303, dash_url(r, d));
}

static void widget_action(req_t *r, const char *action)
{
    const store_dash_t *d = editable(r);
    if (!d)
        return;
    const char *did = d->id;
    const char *wid = http_route_param(r, "wid");
    int rc = -1;
    if (strcmp(action, "widget.delete") == 0)
        rc = store_widget_delete(r->arena, r->user->org_id, did, wid);
    else {
        const char *dir = http_param(r, "direction");
        rc = store_widget_move(r->arena, r->user->org_id, did, wid, dir && strcmp(dir, "up") == 0 ? -1 : 1);
    }
    if (rc < 0) {
        page_error(r, 404, "There is no such widget on this dashboard.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, action, "widget", wid,
                 json_pack("{s:s}", "dashboard", did), r->remote_addr);
    http_redirect(r, 303, dash_url(r, d));
}

void page_widget_move(req_t *r)
{
    widget_action(r, "widget.move");
}

/* A grid coordinate from the form: digits only, at most 999. */
static int grid_param(req_t *r, const char *name, int *out)
{
    const char *v = http_param(r, name);
    size_t len = v ? strlen(v) : 0;
    if (len < 1 || len > 3 || strspn(v, "0123456789") != len)
        return -1;
    *out = atoi(v);
    return 0;
}

/* POST …/widgets/{wid}/place (x, y, w, h): the grid's drag, resize and
 * arrow keys. Answers a script (Accept: application/json) with every
 * widget's place after the others settled; a form with the dashboard. */
void page_widget_place(req_t *r)
{
    const store_dash_t *d = editable(r);
    if (!d || !load_widget(r, d)) /* a widget of another dashboard is a 404, whatever the form */
        return;
    int x, y, w, h;
    if (grid_param(r, "x", &x) < 0 || grid_param(r, "y", &y) < 0 || grid_param(r, "w", &w) < 0 ||
        grid_param(r, "h", &h) < 0) {
        page_error(r, 400, "A place on the grid needs x, y, w and h as whole numbers (0 to 999).");
        return;
    }
    const char *wid = http_route_param(r, "wid");
    store_widget_cell_t *cells;
    size_t n;
    if (store_widget_place(r->arena, r->user->org_id, d->id, wid, x, y, w, h, &cells, &n) < 0) {
        page_error(r, 404, "There is no such widget on this dashboard.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "widget.place", "widget", wid,
                       json_pack("{s:s, s:i, s:i, s:i, s:i}", "dashboard", d->id, "x", x, "y", y,
                                 "w", w, "h", h), r->remote_addr);
    const char *accept = http_header_in(r, "Accept");
    if (!accept || !strstr(accept, "application/json")) {
        http_redirect(r, 303, dash_url(r, d));
        return;
    }
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, json_pack("{s:s, s:i, s:i, s:i, s:i}", "id", cells[i].id, "x",
                                              cells[i].x, "y", cells[i].y, "w", cells[i].w, "h",
                                              cells[i].h));
    json_t *o = json_pack("{s:o}", "widgets", list);
    char *text = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    http_header(r, "Content-Type", "application/json");
    http_header(r, "Cache-Control", "no-store");
    buf_puts(&r->body, text ? text : "{}");
    free(text);
}

void page_widget_delete(req_t *r)
{
    widget_action(r, "widget.delete");
}

/* Refresh one widget, or (no wid) every widget of the dashboard: their
 * queries run in the worker; the page waits DATAMIND_QUERY_WAIT_MS for
 * them, then shows the dashboard with the ones still running marked
 * refreshing (?jobs=), following their jobs. */
void page_widget_refresh(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    const char *wid = http_route_param(r, "wid");
    const char *follow = widgets_refresh_dashboard(r, d, wid);
    if (!follow) {
        page_error(r, 404, "There is no such widget on this dashboard.");
        return;
    }
    if (*follow) {
        page_flash(r, "ok", wid ? "Refreshing: the widget updates when its query is done."
                                : "Refreshing: each widget updates when its query is done.");
        http_redirect(r, 303, follow);
        return;
    }
    page_flash(r, "ok", wid ? "Widget refreshed." : "Dashboard refreshed.");
    http_redirect(r, 303, dash_url(r, d));
}

/* "Pin to dashboard" on a chat answer: to a dashboard, or a new one. */
void page_pin(req_t *r)
{
    store_message_t m;
    if (store_message_get(r->arena, r->user->org_id, r->user->id, http_param(r, "message_id"), &m) < 0 ||
        !m.sql_text) {
        page_error(r, 404, "There is no such answer to pin.");
        return;
    }
    const char *did = http_param(r, "dashboard_id");
    const char *new_title = http_param(r, "new_title");
    char *created = NULL, err[256];
    if (new_title && *new_title) {
        if (store_dash_create(r->arena, r->user->org_id, r->user->id, new_title, "", 0, &created) < 0) {
            page_error(r, 400, "A new dashboard needs a title of at most 200 characters.");
            return;
        }
        did = created;
    }
    store_dash_t dash, *d = did && store_dash_get(r->arena, r->user->org_id, r->user->id, did,
                                                  &dash) == 0 ? &dash : NULL;
    if (!d || !dashboard_can_edit(r, d)) {
        page_error(r, d ? 403 : 404, d ? "You cannot change that dashboard." : "Pick a dashboard, or name a new one.");
        return;
    }
    const char *q = m.question;
    store_widget_fields_t wf = {
        .title = q && *q ? arena_strndup(r->arena, q, strlen(q) > 200 ? 200 : strlen(q)) : "Answer",
        .kind = "chart", .sql = m.sql_text, .connection_id = m.connection_id,
        .chart_config = m.chart_config, .last_result = m.result_preview, .size = "medium"};
    const char *ctype = json_string_value(json_object_get(m.chart_config, "type")); /* free-form JSON */
    if (ctype && (strcmp(ctype, "kpi") == 0 || strcmp(ctype, "table") == 0))
        wf.kind = ctype;
    char *wid = NULL;
    if (store_widget_add(r->arena, r->user->org_id, d->id, &wf,
                   &wid, err, sizeof err) < 0) {
        page_error(r, 500, "The answer could not be pinned. Try again.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "widget.create", "widget", wid,
                 json_pack("{s:s, s:s}", "dashboard", d->id, "from", "chat"),
                 r->remote_addr);
    redraw(r, d, wid);
    page_flash(r, "ok", "Pinned to the dashboard.");
    http_redirect(r, 303, dash_url(r, d));
}
