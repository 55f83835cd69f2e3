/* exports.c — any answer as a file: CSV, Excel or PDF, from a chat answer,
 * an Explore result, a saved query or a dashboard widget, and a whole
 * dashboard as PDF. The page checks who may export what and hands the work
 * to the worker (export.file: the query run again for the full result,
 * the file written, the export audited); it waits DATAMIND_QUERY_WAIT_MS
 * for the file, then follows the job at /exports/<job>: a "preparing your
 * file" page that reloads itself without JavaScript, and with htmx a note
 * that asks again and then sends the browser to the file (a download: the
 * page stays). */
#include "pages/pages.h"
#include "pages/api_internal.h"
#include "core/config.h"
#include "export/export.h"
#include "jobs/jobs.h"
#include "query/query.h"
#include "store/chats.h"
#include "store/queries.h"
#include "store/dashboards.h"
#include "store/widgets.h"
#include "tasks/tasks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *format_param(req_t *r)
{
    const char *fmt = http_param(r, "format");
    if (fmt && (strcmp(fmt, "csv") == 0 || strcmp(fmt, "xlsx") == 0 || strcmp(fmt, "pdf") == 0))
        return fmt;
    return NULL;
}

/* The finished file as the response: an attachment. -1 when its bytes are
 * gone (nothing sent). */
static int send_file(req_t *r, const char *jid, const json_t *outcome)
{
    size_t len = 0;
    const char *bytes = tasks_export_bytes(r->arena, jid, &len);
    if (!bytes)
        return -1;
    const char *note = json_string_value(json_object_get(outcome, "note"));
    if (note)
        http_header(r, "X-DataMind-Note", note);
    http_header(r, "Content-Type", json_string_value(json_object_get(outcome, "type")));
    http_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"",
                json_string_value(json_object_get(outcome, "name"))));
    http_header(r, "Cache-Control", "no-store");
    buf_append(&r->body, bytes, len);
    return 0;
}

/* Where an export stands, as the page answers it. first: the request that
 * started it, or the note's last request (go=1): with htmx, the browser is
 * then sent to the file (a download: the page stays). */
static void export_answer(req_t *r, const char *jid, const json_t *o, const char *why, int first)
{
    const char *url = arena_printf(r->arena, "/exports/%s", jid);
    int ok = o && json_is_true(json_object_get(o, "ok"));
    const char *error = why ? why : o && !ok ? json_string_value(json_object_get(o, "error")) : NULL;
    if (o && !ok && !error)
        error = "The file could not be written.";
    if (error && !r->htmx) {
        int status = why ? 503 : (int)json_integer_value(json_object_get(o, "status"));
        page_error(r, status >= 400 ? status : 500, error);
        return;
    }
    if (ok && !r->htmx) {
        if (send_file(r, jid, o) < 0)
            page_error(r, 404, "That file is no longer here (files are kept for an hour). "
                               "Download it again.");
        return;
    }
    if (ok && first) {
        http_header(r, "HX-Redirect", url);
        http_status(r, 204);
        return;
    }
    if (!ok && !error && r->api) { /* /api/v1: ask again at the job's own URL */
        api_running(r, jid, arena_printf(r->arena, "/api/v1/exports/%s", jid), NULL);
        return;
    }
    if (!ok && !error && first && !r->htmx) { /* POST or link → the page that follows the job */
        http_redirect(r, 303, url);
        return;
    }
    json_t *ctx = page_ctx(r, "Preparing your file", NULL);
    json_object_set_new(ctx, "export", json_pack("{s:s, s:s, s:b, s:s?}", "id", jid, "url", url,
                                                 "ready", ok, "error", error));
    if (!ok && !error) {
        json_object_set_new(ctx, "refresh_nojs", json_string(arena_printf(r->arena, "1;url=%s", url)));
        r->status = 202;
    }
    if (r->htmx) /* a note in the page's #exports (an error too: htmx swaps only a 2xx) */
        page_render_bare(r, "export_wait", ctx, NULL);
    else
        page_render(r, "export_wait", ctx);
}

/* Hand the export to the worker and answer with the file, or the page
 * that follows it. args is stolen. */
static void export_start(req_t *r, json_t *args, const char *fmt)
{
    if (!fmt) {
        json_decref(args);
        page_error(r, 400, "Choose a format: csv, xlsx or pdf.");
        return;
    }
    const char *bom = http_query(r, "bom");
    json_object_set_new(args, "org_id", json_string(r->user->org_id));
    json_object_set_new(args, "user_id", json_string(r->user->id));
    json_object_set_new(args, "ip", r->remote_addr ? json_string(r->remote_addr) : json_null());
    json_object_set_new(args, "format", json_string(fmt));
    json_object_set_new(args, "bom", json_boolean(bom && strcmp(bom, "1") == 0));
    char jid[33], err[256];
    if (tasks_export_submit(r->arena, args, jid, err, sizeof err) < 0) {
        page_error(r, 503, "The file cannot be prepared right now (the job queue is not "
                           "reachable). Try again in a moment.");
        return;
    }
    const char *why = NULL;
    const json_t *o = page_job_outcome(r, jid, cfg->query_wait_ms, "The file", &why);
    export_answer(r, jid, o, why, 1);
}

/* GET /exports/{id}: the file when it is ready, else the page (or, with
 * htmx, the note) that follows it. */
void page_export_job(req_t *r)
{
    const char *jid = http_route_param(r, "id");
    if (!tasks_export_job(r->arena, r->user->org_id, r->user->id, jid)) {
        page_error(r, 404, "That file is no longer here (files are kept for an hour). "
                           "Download it again.");
        return;
    }
    const char *go = http_query(r, "go");
    const char *why = NULL;
    const json_t *o = page_job_outcome(r, jid, 0, "The file", &why);
    export_answer(r, jid, o, why, go && strcmp(go, "1") == 0);
}

/* GET /settings/data: everything the signed-in user owns as one JSON
 * file, written by the worker (tasks/mydata.c) and sent like any export. */
void page_export_mydata(req_t *r)
{
    json_t *args = json_pack("{s:b, s:s, s:s}", "mydata", 1, "rtype", "user", "rid", r->user->id);
    export_start(r, args, "json");
}

/* The export job's args. decl: the SQL's {{name}} declarations (query.h),
 * values: the values given now (a dashboard's filters); either may be NULL.
 * The job binds them as the page would. */
static json_t *query_args(const char *conn, const char *sql, const json_t *decl,
                          const json_t *values, const export_meta_t *m, const char *rtype,
                          const char *rid)
{
    return json_pack("{s:s?, s:s, s:{s:s?, s:s?, s:s?, s:s?, s:O?}, s:s, s:s?, s:O?, s:O?}",
                     "connection_id", conn, "sql", sql, "meta", "title", m->title, "question",
                     m->question, "insight", m->insight, "source", m->source, "chart_config",
                     m->chart_config, "rtype", rtype, "rid", rid, "params", decl, "values",
                     values);
}

static void export_query(req_t *r, const char *conn, const char *sql, const json_t *decl,
                         const json_t *values, const export_meta_t *m, const char *rtype,
                         const char *rid)
{
    json_t *args = query_args(conn, sql, decl, values, m, rtype, rid);
    if (!args) {
        page_error(r, 400, "This answer cannot be exported (its text is not valid).");
        return;
    }
    export_start(r, args, format_param(r));
}

void page_export_sql(req_t *r, const char *conn, const char *sql, const json_t *decl,
                     const export_meta_t *m, const char *rtype, const char *rid)
{
    export_query(r, conn, sql, decl, NULL, m, rtype, rid);
}

void page_export_message(req_t *r)
{
    store_message_t msg;
    if (store_message_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &msg) < 0 ||
        !msg.sql_text) {
        page_error(r, 404, "There is no such answer to download.");
        return;
    }
    const char *q = msg.question;
    export_meta_t m = {.title = q ? q : "Answer", .question = q, .insight = msg.content,
                       .source = "DataMind chat", .chart_config = msg.chart_config};
    export_query(r, msg.connection_id, msg.sql_text, NULL, NULL, &m, "chat_message", msg.id);
}

void page_export_explore(req_t *r)
{
    const char *sql = http_param(r, "sql");
    export_meta_t m = {.title = "Explore result", .source = "DataMind Explore"};
    if (!sql || !*sql) {
        page_error(r, 400, "There is no query to export.");
        return;
    }
    json_t *decl = params_read(r, sql, NULL); /* the {{name}} values the result was run with */
    arena_defer_json(r->arena, decl);
    export_query(r, http_param(r, "connection_id"), sql, decl, NULL, &m, "connection",
                 http_param(r, "connection_id"));
}

void page_export_query(req_t *r)
{
    store_query_t q;
    if (store_query_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &q) < 0) {
        page_error(r, 404, "There is no such saved query.");
        return;
    }
    export_meta_t m = {.title = q.name, .insight = q.description, .source = "DataMind saved query"};
    /* its defaults, or the ?p_name= values of the link */
    json_t *decl = params_read(r, q.sql_text, query_params_decl(r->arena, q.params));
    arena_defer_json(r->arena, decl);
    export_query(r, q.connection_id, q.sql_text, decl, NULL, &m, "saved_query", q.id);
}

void page_export_widget(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    store_widget_t w;
    int found = store_widget_get(r->arena, r->user->org_id, d->id, http_route_param(r, "wid"), &w) == 0;
    if (!found || !*w.sql_text) {
        page_error(r, 404, "There is no such widget with a query on this dashboard.");
    } else {
        export_meta_t m = {.title = w.title,
                           .source = arena_printf(r->arena, "Dashboard %s",
                                                  d->title),
                           .chart_config = w.chart_config};
        /* what the card shows: the dashboard's filters of its link */
        dash_filter_t f;
        dashboard_filter_read(r, &f);
        const char *sql = w.sql_text;
        if (dashboard_filter_active(&f) && w.date_column && *w.date_column)
            sql = query_wrap_date_range(r->arena, query_conn_dialect(r->arena, r->user->org_id,
                                        w.connection_id), sql, w.date_column, f.range, f.from, f.to);
        json_t *values = dashboard_widget_values(r, &f, &w);
        arena_defer_json(r->arena, values);
        export_query(r, w.connection_id, sql, query_params_decl(r->arena, w.params), values, &m,
                     "widget", w.id);
    }
}

/* The whole dashboard as one PDF: every widget's current result, under the
 * dashboard's filters when the page had them (the date range; the values
 * of its parameter filters and {{start}}/{{end}}, given to every widget:
 * each takes those of its names). */
void page_export_dashboard(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    dash_filter_t f;
    dashboard_filter_read(r, &f);
    int active = dashboard_filter_active(&f);
    json_t *values = dashboard_filter_values(r, &f);
    arena_defer_json(r->arena, values);
    json_t *args = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s, s:s, s:O?}", "dashboard_id", d->id,
                             "title", d->title, "range", active ? f.range : NULL, "from",
                             active ? f.from : NULL, "to", active ? f.to : NULL, "rtype",
                             "dashboard", "rid", d->id, "values", values);
    if (!args) {
        page_error(r, 400, "This dashboard cannot be exported (its title is not valid text).");
        return;
    }
    export_start(r, args, "pdf");
}
