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
#include "query/query.h"
#include "tasks/tasks.h"
#include "store/chats.h"
#include "store/dashboards.h"
#include "store/widgets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRILL_ROWS 500


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
static const char *drill_sql(req_t *r, const page_source_t *s, const char *col, const char *param,
                             int behind, const char *sort, int desc, json_t *ctx)
{
    const struct engine_dialect *d = query_conn_dialect(r->arena, r->user->org_id, s->conn_id);
    if (!behind)
        return query_wrap_drill(r->arena, d, s->sql, col, param, sort, desc);
    char why[256];
    /* the rows behind a number are derived by PostgreSQL's parser: its SQL only */
    const char *sql = d && d != engine_get(ENGINE_POSTGRESQL)->dialect
        ? (snprintf(why, sizeof why, "the rows behind a number are found for PostgreSQL "
                                     "connections only"), NULL)
        : query_rows_behind(r->arena, s->sql, col, param, why, sizeof why);
    if (!sql) {
        json_object_set_new(ctx, "cannot", json_string(why));
        return NULL;
    }
    return query_wrap_drill(r->arena, d, sql, NULL, NULL, sort, desc);
}

/* The query's result, run by the worker as a query.run job (issue 19:
 * never in the web worker): follow.c's page_query_outcome. */
static const json_t *drill_outcome(req_t *r, const page_source_t *s, const char *sql,
                                   const json_t *decl, json_t *ctx)
{
    tasks_query_t q = {.org_id = r->user->org_id, .user_id = r->user->id,
                       .ip = r->remote_addr, .connection_id = s->conn_id, .sql = sql,
                       .params = decl, .source = s->source, .max_rows = DRILL_ROWS};
    return page_query_outcome(r, &q, "job", "The query", ctx);
}

static void drill_render(req_t *r, const page_source_t *s)
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
        const json_t *result = drill_outcome(r, s, sql, params_run_decl(r, s->decl, values), ctx);
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

/* The widget of /dashboards/{id}/widgets/{wid}/<leaf>: its query under the
 * dashboard's date filter when the link carries one. */
int page_source_widget(req_t *r, const char *leaf, page_source_t *s)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return -1;
    store_widget_t w;
    if (store_widget_get(r->arena, r->user->org_id, d->id, http_route_param(r, "wid"), &w) < 0 ||
        strcmp(w.kind, "text") == 0) {
        page_error(r, 404, "There is no such chart, table or KPI on this dashboard.");
        return -1;
    }
    if (!w.connection_id) {
        page_error(r, 404, "The connection of this widget was deleted: edit it or remove it.");
        return -1;
    }
    dash_filter_t f;
    dashboard_filter_read(r, &f);
    const char *sql = dashboard_filter_active(&f) && w.date_column
        ? query_wrap_date_range(r->arena, query_conn_dialect(r->arena, r->user->org_id, w.connection_id),
                                w.sql_text, w.date_column, f.range, f.from, f.to)
        : w.sql_text;
    const char *qs = dashboard_filter_qs(r, &f);
    *s = (page_source_t){.title = w.title, .back = arena_printf(r->arena, "/dashboards/%s%s%s", d->id,
                                                                *qs ? "?" : "", qs),
                         .back_label = d->title,
                         .base = arena_printf(r->arena, "/dashboards/%s/widgets/%s/%s%s%s", d->id,
                                              w.id, leaf, *qs ? "?" : "", qs), /* keeps the filters */
                         .conn_id = w.connection_id, .sql = sql, .source = "widget", .rid = w.id,
                         .kpi = strcmp(w.kind, "kpi") == 0,
                         .decl = query_params_decl(r->arena, w.params),
                         .given = dashboard_widget_values(r, &f, &w)};
    if (s->given)
        arena_defer_json(r->arena, s->given);
    return 0;
}

/* The chat answer of /chat/messages/{id}/<leaf>. */
int page_source_message(req_t *r, const char *leaf, page_source_t *s)
{
    store_message_t m;
    if (store_message_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &m) < 0 ||
        !m.sql_text || !m.connection_id) {
        page_error(r, 404, "There is no such answer.");
        return -1;
    }
    const char *ctype = json_string_value(json_object_get(m.chart_config, "type"));
    *s = (page_source_t){.title = m.question && *m.question ? m.question : "Answer",
                         .back = arena_printf(r->arena, "/chat/%s", m.session_id),
                         .back_label = "the chat",
                         .base = arena_printf(r->arena, "/chat/messages/%s/%s", m.id, leaf),
                         .conn_id = m.connection_id, .sql = m.sql_text, .source = "chat",
                         .rid = m.id, .kpi = ctype && strcmp(ctype, "kpi") == 0};
    return 0;
}

/* The Explore result of /explore/<leaf>?connection_id=…&sql=… (analysts run
 * any SQL there anyway; it is validated like a run). */
int page_source_explore(req_t *r, const char *leaf, page_source_t *s)
{
    const char *conn = opt_query(r, "connection_id"), *sql = opt_query(r, "sql");
    if (!conn || !sql) {
        page_error(r, 400, "This page of an Explore result needs its connection_id and sql.");
        return -1;
    }
    buf_t b = {0}, back = {0};
    buf_printf(&b, "/explore/%s?connection_id=", leaf);
    http_url_encode(&b, conn);
    buf_puts(&b, "&sql=");
    http_url_encode(&b, sql);
    buf_puts(&back, "/explore?connection=");
    http_url_encode(&back, conn);
    buf_puts(&back, "&sql=");
    http_url_encode(&back, sql);
    json_t *given = params_given(r, sql);
    buf_puts(&b, params_given_qs(r, given)); /* the values it ran with stay on its links */
    *s = (page_source_t){.title = "Explore result", .back = arena_strdup(r->arena, buf_str(&back)),
                         .back_label = "Explore", .base = arena_strdup(r->arena, buf_str(&b)),
                         .conn_id = conn, .sql = sql, .source = "explore",
                         .given = given};
    arena_defer_json(r->arena, s->given);
    buf_free(&b);
    buf_free(&back);
    return 0;
}

/* GET /dashboards/{id}/widgets/{wid}/rows */
void page_widget_rows(req_t *r)
{
    page_source_t s;
    if (page_source_widget(r, "rows", &s) == 0)
        drill_render(r, &s);
}

/* GET /chat/messages/{id}/rows */
void page_message_rows(req_t *r)
{
    page_source_t s;
    if (page_source_message(r, "rows", &s) == 0)
        drill_render(r, &s);
}

/* GET /explore/rows?connection_id=…&sql=… */
void page_explore_rows(req_t *r)
{
    page_source_t s;
    if (page_source_explore(r, "rows", &s) == 0)
        drill_render(r, &s);
}
