/* drill.c — drill-down and sorting. A chart's bar, slice or point, and a
 * result table's column headers, link here: the same query filtered by
 * that value (a {{parameter}} of its own, bound like the query's other
 * {{name}} parameters, never pasted in) and sorted by any column, run
 * through the validated read-only path; and "the rows behind this number"
 * where the query lets them be derived (sqlsafe_rows_behind), or the reason
 * it does not. The query's own {{name}} parameters take the values the
 * page it came from gave them (a dashboard's filters, Explore's p_<name>),
 * else their declared defaults. For a dashboard widget, a chat answer and
 * an Explore result. */
#include "pages/pages.h"
#include "core/config.h"
#include "jobs/jobs.h"
#include "query/query.h"
#include "tasks/tasks.h"
#include "store/chats.h"
#include "store/dashboards.h"
#include "store/widgets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRILL_ROWS 500

typedef struct drill_src {
    const char *title;    /* the widget's title, the question */
    const char *back, *back_label;
    const char *base;     /* this page's path */
    const char *conn_id, *sql;
    const char *source;   /* for the audit: "widget", "chat" */
    int kpi;              /* one number: offer the rows behind it */
    const json_t *decl;   /* its declared {{name}} parameters (query.h), may be NULL */
    json_t *given;        /* the values its page gave them: {name: value}, arena-owned, may be NULL */
} drill_src_t;

static const char *opt_query(req_t *r, const char *name)
{
    const char *v = http_query(r, name);
    return v && *v ? v : NULL;
}

/* The query string that keeps the drill-down's value (and "behind"). */
static const char *keep_qs(req_t *r, const char *col, const char *v, int behind)
{
    buf_t b = {0};
    if (col) {
        buf_puts(&b, "col=");
        http_url_encode(&b, col);
        buf_puts(&b, "&v=");
        http_url_encode(&b, v);
    }
    if (behind)
        buf_printf(&b, "%sbehind=1", b.len ? "&" : "");
    const char *s = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

/* The name of the {{parameter}} the drilled value is bound to: one the
 * query does not use itself ("drill", else "drill2", …). */
static const char *drill_param(req_t *r, const char *sql)
{
    json_t *fields = query_params_fields(sql, NULL, NULL);
    const char *name = "drill";
    for (int k = 2;; k++) {
        int used = 0;
        size_t i;
        json_t *f;
        json_array_foreach(fields, i, f)
            used |= strcmp(json_string_value(json_object_get(f, "name")), name) == 0;
        if (!used)
            break;
        name = arena_printf(r->arena, "drill%d", k);
    }
    json_decref(fields);
    return name;
}

/* The SQL to run, or NULL with ctx's "cannot" set (the rows behind it
 * cannot be derived safely). */
static const char *drill_sql(req_t *r, const drill_src_t *s, const char *col, const char *param,
                             int behind, const char *sort, int desc, json_t *ctx)
{
    if (!behind)
        return query_wrap_drill(r->arena, s->sql, col, param, sort, desc);
    char why[256];
    const char *sql = query_rows_behind(r->arena, s->sql, col, param, why, sizeof why);
    if (!sql) {
        json_object_set_new(ctx, "cannot", json_string(why));
        return NULL;
    }
    return query_wrap_drill(r->arena, sql, NULL, NULL, sort, desc);
}

/* The declarations the job binds with (query.h): decl with the values
 * given now as their values, and a text one for a value without a
 * declaration ({{start}} of a date range, the drilled value). Arena-owned. */
static const json_t *run_decl(req_t *r, const json_t *decl, const json_t *values)
{
    json_t *out = json_is_array(decl) ? json_deep_copy(decl) : json_array();
    arena_defer_json(r->arena, out);
    const char *name;
    json_t *v;
    json_object_foreach((json_t *)values, name, v) {
        json_t *d = NULL, *e;
        size_t i;
        json_array_foreach(out, i, e)
            if (json_is_string(json_object_get(e, "name")) &&
                strcmp(json_string_value(json_object_get(e, "name")), name) == 0)
                d = e;
        if (!d) {
            d = json_pack("{s:s, s:s}", "name", name, "type", "text");
            json_array_append_new(out, d);
        }
        json_object_set(d, "value", v);
    }
    return out;
}

/* This page's URL following job jid (the query string as asked, its old
 * job= dropped). */
static const char *follow_url(req_t *r, const char *jid)
{
    const char *uri = http_env(r, "REQUEST_URI");
    const char *q = uri ? strchr(uri, '?') : NULL;
    buf_t b = {0};
    buf_append(&b, uri ? uri : "/", q ? (size_t)(q - uri) : strlen(uri ? uri : "/"));
    buf_printf(&b, "?job=%s", jid);
    for (const char *p = q ? q + 1 : NULL; p && *p;) {
        const char *amp = strchr(p, '&');
        size_t n = amp ? (size_t)(amp - p) : strlen(p);
        if (n && strncmp(p, "job=", 4) != 0) {
            buf_putc(&b, '&');
            buf_append(&b, p, n);
        }
        p = amp ? amp + 1 : NULL;
    }
    const char *out = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

/* The job ?job= names when it is this user's run of this very query
 * (connection, SQL and values): else NULL, and a new one is asked for. */
static const char *same_job(req_t *r, const drill_src_t *s, const char *sql, const json_t *decl)
{
    const char *job = opt_query(r, "job");
    if (!job)
        return NULL;
    json_t *q = tasks_query_job(r->arena, r->user->org_id, r->user->id, job);
    const char *qsql = json_string_value(json_object_get(q, "sql"));
    const char *qconn = json_string_value(json_object_get(q, "connection_id"));
    int same = qsql && qconn && strcmp(qsql, sql) == 0 && strcmp(qconn, s->conn_id) == 0 &&
               json_equal(json_object_get(q, "params"), decl);
    json_decref(q);
    return same ? job : NULL;
}

/* The query's result, run by the worker as a query.run job (issue 19:
 * never in the web worker): the job ?job= follows, or a new one, waited
 * for DATAMIND_QUERY_WAIT_MS. NULL when there is none yet — ctx follows
 * the job (202; the page asks again) — or with ctx's error set. */
static const json_t *drill_outcome(req_t *r, const drill_src_t *s, const char *sql,
                                   const json_t *decl, json_t *ctx)
{
    char jid[33], err[256];
    const char *job = same_job(r, s, sql, decl);
    if (job) {
        snprintf(jid, sizeof jid, "%s", job);
    } else {
        tasks_query_t q = {.org_id = r->user->org_id, .user_id = r->user->id,
                           .ip = r->remote_addr, .connection_id = s->conn_id, .sql = sql,
                           .params = decl, .source = s->source, .max_rows = DRILL_ROWS};
        if (tasks_query_submit(r->arena, &q, jid, err, sizeof err) < 0) {
            json_object_set_new(ctx, "error", json_string("DataMind cannot run this query right "
                                "now (its job queue is not reachable). Try again in a moment."));
            return NULL;
        }
    }
    tasks_query_seen(r->arena, jid);
    const char *why = NULL;
    const json_t *o = page_job_outcome(r, jid, job ? 0 : cfg->query_wait_ms, "The query", &why);
    if (why) {
        json_object_set_new(ctx, "error", json_string(why));
        return NULL;
    }
    if (!o) {
        const char *url = follow_url(r, jid), *error = NULL;
        json_object_set_new(ctx, "job", json_pack("{s:s, s:s}", "url", url, "state",
                                                  jobs_find(r->arena, jid, &error) == JOBS_RUNNING
                                                      ? "Running the query…"
                                                      : "Waiting for a free runner…"));
        json_object_set_new(ctx, "refresh_nojs", json_string(arena_printf(r->arena, "1;url=%s", url)));
        r->status = 202;
        return NULL;
    }
    if (!json_is_true(json_object_get(o, "ok"))) {
        const char *e = json_string_value(json_object_get(o, "error"));
        json_object_set_new(ctx, "error", json_string(e ? e : "The query failed."));
        return NULL;
    }
    return json_object_get(o, "result");
}

static void drill_render(req_t *r, const drill_src_t *s)
{
    const char *col = opt_query(r, "col"), *v = http_query(r, "v"), *sort = opt_query(r, "sort");
    const char *dir = http_query(r, "dir"), *b = http_query(r, "behind");
    int desc = dir && strcmp(dir, "desc") == 0, behind = b && strcmp(b, "1") == 0;
    if (col && (!v || !*v)) {
        page_error(r, 400, "A drill-down names a column (col) and its value (v): add the value "
                           "(an empty value cannot be drilled into).");
        return;
    }
    json_t *ctx = page_ctx(r, s->title, strcmp(s->source, "widget") == 0 ? "dashboards" : s->source);
    json_object_set_new(ctx, "heading", json_string(s->title));
    json_object_set_new(ctx, "back", json_pack("{s:s, s:s}", "href", s->back, "label", s->back_label));
    if (col)
        json_object_set_new(ctx, "filter", json_pack("{s:s, s:s}", "col", col, "v", v));
    json_object_set_new(ctx, "behind", json_boolean(behind));
    if (!behind && (col || s->kpi))
        json_object_set_new(ctx, "behind_href", json_string(arena_printf(
            r->arena, "%s%c%s", s->base, strchr(s->base, '?') ? '&' : '?', keep_qs(r, col, v, 1))));
    if (behind || col)
        json_object_set_new(ctx, "all_href", json_string(s->base));
    const char *param = col ? drill_param(r, s->sql) : NULL;
    const char *sql = drill_sql(r, s, col, param, behind, sort, desc, ctx);
    if (sql) {
        json_t *values = s->given ? json_deep_copy(s->given) : json_object();
        arena_defer_json(r->arena, values);
        if (param)
            json_object_set_new(values, param, json_string(v));
        json_object_set_new(ctx, "sql", json_string(sql));
        const json_t *result = drill_outcome(r, s, sql, run_decl(r, s->decl, values), ctx);
        if (result) {
            json_t *table = result_table(result, 0, DRILL_ROWS);
            result_table_sort_links(r, table, s->base, keep_qs(r, col, v, behind), sort, desc);
            json_object_set_new(table, "total_words", json_string(page_count_words(
                r, json_object_get(table, "total"), "row", "rows")));
            json_object_set_new(table, "truncated", json_incref(json_object_get(result, "truncated")));
            json_object_set_new(ctx, "table", table);
        }
    }
    page_render(r, "rows", ctx);
}

/* GET /dashboards/{id}/widgets/{wid}/rows — the widget's query, under the
 * dashboard's date filter when the link carries one. */
void page_widget_rows(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    store_widget_t w;
    if (store_widget_get(r->arena, r->user->org_id, d->id, http_route_param(r, "wid"), &w) < 0 ||
        strcmp(w.kind, "text") == 0) {
        page_error(r, 404, "There is no such chart, table or KPI on this dashboard.");
        return;
    }
    if (!w.connection_id) {
        page_error(r, 404, "The connection of this widget was deleted: edit it or remove it.");
        return;
    }
    dash_filter_t f;
    dashboard_filter_read(r, &f);
    const char *sql = dashboard_filter_active(&f) && w.date_column
        ? query_wrap_date_range(r->arena, w.sql_text, w.date_column, f.range, f.from, f.to)
        : w.sql_text;
    const char *qs = dashboard_filter_qs(r, &f);
    drill_src_t s = {.title = w.title, .back = arena_printf(r->arena, "/dashboards/%s%s%s", d->id,
                                                            *qs ? "?" : "", qs),
                     .back_label = d->title,
                     .base = arena_printf(r->arena, "/dashboards/%s/widgets/%s/rows%s%s", d->id,
                                          w.id, *qs ? "?" : "", qs), /* sorting keeps the filters */
                     .conn_id = w.connection_id, .sql = sql, .source = "widget",
                     .kpi = strcmp(w.kind, "kpi") == 0,
                     .decl = query_params_decl(r->arena, w.params),
                     .given = dashboard_widget_values(r, &f, &w)};
    if (s.given)
        arena_defer_json(r->arena, s.given);
    drill_render(r, &s);
}

/* GET /chat/messages/{id}/rows — a chat answer's query. */
void page_message_rows(req_t *r)
{
    store_message_t m;
    if (store_message_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &m) < 0 ||
        !m.sql_text || !m.connection_id) {
        page_error(r, 404, "There is no such answer.");
        return;
    }
    const char *ctype = json_string_value(json_object_get(m.chart_config, "type"));
    drill_src_t s = {.title = m.question && *m.question ? m.question : "Answer",
                     .back = arena_printf(r->arena, "/chat/%s", m.session_id), .back_label = "the chat",
                     .base = arena_printf(r->arena, "/chat/messages/%s/rows", m.id),
                     .conn_id = m.connection_id, .sql = m.sql_text, .source = "chat",
                     .kpi = ctype && strcmp(ctype, "kpi") == 0};
    drill_render(r, &s);
}

/* GET /explore/rows?connection_id=…&sql=… — an Explore result's query
 * (analysts run any SQL there anyway; it is validated like a run). */
void page_explore_rows(req_t *r)
{
    const char *conn = opt_query(r, "connection_id"), *sql = opt_query(r, "sql");
    if (!conn || !sql) {
        page_error(r, 400, "Drilling into an Explore result needs its connection_id and sql.");
        return;
    }
    buf_t b = {0}, back = {0};
    buf_puts(&b, "/explore/rows?connection_id=");
    http_url_encode(&b, conn);
    buf_puts(&b, "&sql=");
    http_url_encode(&b, sql);
    buf_puts(&back, "/explore?connection=");
    http_url_encode(&back, conn);
    buf_puts(&back, "&sql=");
    http_url_encode(&back, sql);
    drill_src_t s = {.title = "Explore result", .back = arena_strdup(r->arena, buf_str(&back)),
                     .back_label = "Explore", .base = arena_strdup(r->arena, buf_str(&b)),
                     .conn_id = conn, .sql = sql, .source = "explore",
                     .given = params_given(r, sql)};
    arena_defer_json(r->arena, s.given);
    buf_free(&b);
    buf_free(&back);
    drill_render(r, &s);
}
