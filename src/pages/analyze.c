/* analyze.c — "Pivot / Describe" on any result: a saved query, a dashboard
 * widget, a chat answer or an Explore result. The source SQL is rebuilt
 * here from the stored object (never taken from the client, except
 * Explore's, which analysts may run anyway), wrapped by query/ (pivot.c,
 * describe.c) with names from the result's own columns, and run by the
 * worker as query.run jobs through the validated read-only path: first
 * `LIMIT 1` for the columns and their types, then the pivot's GROUPING SETS
 * or the describe statement. The database computes every figure; this file
 * only lays them out. ?format=csv|xlsx|pdf exports the pivot. */
#include "pages/pages.h"
#include "chart/chart.h"
#include "export/export.h"
#include "query/query.h"
#include "tasks/tasks.h"
#include "store/chats.h"
#include "store/queries.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static const char *opt_query(req_t *r, const char *name)
{
    const char *v = http_query(r, name);
    return v && *v ? v : NULL;
}

/* A job of sql for this source, followed under ?key=. */
static const json_t *analyze_run(req_t *r, const page_source_t *s, const char *sql,
                                 long max_rows, const char *key, json_t *ctx)
{
    tasks_query_t q = {.org_id = r->user->org_id, .user_id = r->user->id, .ip = r->remote_addr,
                       .connection_id = s->conn_id, .sql = sql,
                       .params = params_run_decl(r, s->decl, s->given),
                       .source = s->source, .max_rows = max_rows};
    return page_query_outcome(r, &q, key, "The query", ctx);
}

/* The result's columns ([{name, type, dbtype}]): the query run with LIMIT 1. */
static const json_t *analyze_columns(req_t *r, const page_source_t *s, json_t *ctx)
{
    const json_t *res = analyze_run(r, s, query_columns_sql(r->arena, s->sql), 1, "cjob", ctx);
    return res ? json_object_get(res, "columns") : NULL;
}

/* A value as the page shows it: numbers rounded for a screen (two decimals,
 * four significant digits below 1), NULL as "". */
static const char *show_num(req_t *r, double d)
{
    if (isnan(d))
        return "";
    double a = fabs(d);
    if (a >= 1e15 || (a == floor(a) && a < 1e15))
        return arena_printf(r->arena, "%.15g", d);
    int dec = a >= 1 || a == 0 ? 2 : (int)fmin(12, 3 - floor(log10(a)));
    return arena_printf(r->arena, "%.*f", dec, d);
}

static const char *show_value(req_t *r, const json_t *v)
{
    if (json_is_integer(v))
        return arena_printf(r->arena, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v))
        return show_num(r, json_real_value(v));
    if (json_is_string(v)) {
        const char *s = json_string_value(v), *dot = strchr(s, '.');
        if (dot && strspn(s, "-0123456789.") == strlen(s) && strlen(dot + 1) > 4)
            return show_num(r, strtod(s, NULL));
        return s;
    }
    if (json_is_boolean(v))
        return json_is_true(v) ? "true" : "false";
    return "";
}

static const char *count_words(req_t *r, long long n, const char *one, const char *many)
{
    json_t *v = json_integer((json_int_t)n);
    const char *out = page_count_words(r, v, one, many);
    json_decref(v);
    return out;
}

static const char *show_key(req_t *r, const json_t *v)
{
    return json_is_null(v) || !v ? "(empty)" : show_value(r, v);
}

/* ---- the pivot ---------------------------------------------------------- */

static void pivot_read(req_t *r, query_pivot_t *p)
{
    p->rows = opt_query(r, "rows");
    p->cols = opt_query(r, "cols");
    p->agg = opt_query(r, "agg");
    p->val = opt_query(r, "val");
    if (!p->agg)
        p->agg = "count";
}

/* The form's choices: every column of the result, the chosen one selected. */
static json_t *pivot_choices(const json_t *columns, const char *chosen, int numeric_only)
{
    json_t *out = json_array();
    size_t i;
    const json_t *c;
    json_array_foreach(columns, i, c) {
        const char *name = json_string_value(json_object_get(c, "name"));
        const char *type = json_string_value(json_object_get(c, "type"));
        if (!name || (numeric_only && !query_type_numeric(type)))
            continue;
        json_array_append_new(out, json_pack("{s:s, s:b}", "name", name, "selected",
                                             chosen && strcmp(chosen, name) == 0));
    }
    return out;
}

static json_t *pivot_form(const json_t *columns, const query_pivot_t *p)
{
    json_t *aggs = json_array();
    static const char *const names[] = {"count", "sum", "avg", "min", "max"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        json_array_append_new(aggs, json_pack("{s:s, s:b}", "name", names[i], "selected",
                                              strcmp(p->agg, names[i]) == 0));
    return json_pack("{s:o, s:o, s:o, s:o}", "rows", pivot_choices(columns, p->rows, 0), "cols",
                     pivot_choices(columns, p->cols, 0), "vals",
                     pivot_choices(columns, p->val, 0), "aggs", aggs);
}

static json_t *pivot_cells(req_t *r, const json_t **v, size_t n, size_t stride)
{
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(out, json_pack("{s:s}", "v", show_value(r, v[i * stride])));
    return out;
}

static json_t *pivot_view(req_t *r, const query_pivot_t *p, const query_pivot_grid_t *g)
{
    size_t w = g->ncols ? g->ncols : 1;
    json_t *heads = json_array(), *rows = json_array();
    for (size_t c = 0; c < g->ncols; c++)
        json_array_append_new(heads, json_pack("{s:s}", "v", show_key(r, g->col_keys[c])));
    for (size_t i = 0; i < g->nrows; i++)
        json_array_append_new(rows, json_pack("{s:s, s:o, s:s}", "key", show_key(r, g->row_keys[i]),
                                              "cells", pivot_cells(r, g->cells + i * w, w, 1),
                                              "total", show_value(r, g->row_totals[i])));
    const char *what = p->val ? arena_printf(r->arena, "%s of %s", p->agg, p->val) : "count";
    return json_pack("{s:s, s:s?, s:s, s:o, s:o, s:o, s:s, s:b, s:s}", "row_name", p->rows,
                     "col_name", p->cols, "what", what, "heads", heads, "rows", rows, "totals",
                     pivot_cells(r, g->col_totals, g->ncols, 1), "grand", show_value(r, g->grand),
                     "has_cols", g->ncols > 0, "rows_words",
                     count_words(r, (long long)g->nrows, "row", "rows"));
}

/* The current choices as a query string (export links keep them). */
static const char *pivot_qs(req_t *r, const query_pivot_t *p)
{
    buf_t b = {0};
    buf_puts(&b, "view=pivot&rows=");
    http_url_encode(&b, p->rows);
    buf_puts(&b, "&cols=");
    http_url_encode(&b, p->cols ? p->cols : "");
    buf_printf(&b, "&agg=%s&val=", p->agg);
    http_url_encode(&b, p->val ? p->val : "");
    const char *out = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

static void analyze_pivot(req_t *r, const page_source_t *s, const json_t *columns, json_t *ctx)
{
    query_pivot_t p;
    pivot_read(r, &p);
    json_object_set_new(ctx, "pivot_form", pivot_form(columns, &p));
    if (!p.rows)
        return;
    char err[512];
    const char *sql = query_pivot_sql(r->arena, query_conn_dialect(r->arena, r->user->org_id, s->conn_id),
                                          s->sql, columns, &p, err, sizeof err);
    if (!sql) {
        json_object_set_new(ctx, "choice_error", json_string(err));
        return;
    }
    json_object_set_new(ctx, "sql", json_string(sql));
    const json_t *res = analyze_run(r, s, sql, QUERY_PIVOT_JOB_ROWS, "job", ctx);
    query_pivot_grid_t g;
    if (!res)
        return;
    if (query_pivot_grid(r->arena, res, p.cols != NULL, &g, err, sizeof err) < 0) {
        json_object_set_new(ctx, "choice_error", json_string(err));
        return;
    }
    json_t *view = pivot_view(r, &p, &g);
    const char *qs = pivot_qs(r, &p);
    char sep = strchr(s->base, '?') ? '&' : '?';
    json_object_set_new(view, "csv", json_string(arena_printf(r->arena, "%s%c%s&format=csv",
                                                              s->base, sep, qs)));
    json_object_set_new(view, "xlsx", json_string(arena_printf(r->arena, "%s%c%s&format=xlsx",
                                                               s->base, sep, qs)));
    json_object_set_new(ctx, "pivot", view);
}

/* ?format=: the pivot as a file, by the export job. */
static void analyze_export(req_t *r, const page_source_t *s, const json_t *columns)
{
    query_pivot_t p;
    pivot_read(r, &p);
    char err[512];
    const char *sql = query_pivot_sql(r->arena, query_conn_dialect(r->arena, r->user->org_id, s->conn_id),
                                          s->sql, columns, &p, err, sizeof err);
    if (!sql) {
        page_error(r, 400, err);
        return;
    }
    export_meta_t m = {.title = arena_printf(r->arena, "Pivot of %s", s->title),
                       .source = "DataMind pivot", .sql = sql};
    /* the audit's resource, as the other exports name it */
    const char *rtype = strcmp(s->source, "chat") == 0 ? "chat_message"
                      : strcmp(s->source, "explore") == 0 ? "connection" : s->source;
    page_export_sql(r, s->conn_id, sql, params_run_decl(r, s->decl, s->given), &m, rtype,
                    s->rid ? s->rid : s->conn_id);
}

/* ---- describe ----------------------------------------------------------- */

static const char *show_count(req_t *r, long long n)
{
    char s[32];
    buf_count_text(s, sizeof s, (size_t)(n < 0 ? 0 : n));
    return arena_strdup(r->arena, s);
}

static json_t *describe_top_view(req_t *r, const query_describe_col_t *c)
{
    json_t *out = json_array();
    for (int k = 0; k < c->ntop; k++)
        if (c->top_v[k])
            json_array_append_new(out, json_pack("{s:s, s:s}", "v", c->top_v[k], "n",
                                                 show_count(r, c->top_n[k])));
    return out;
}

static json_t *describe_col_view(req_t *r, const query_describe_col_t *c)
{
    long long nulls = c->rows - c->nonnull;
    json_t *o = json_pack("{s:s, s:s, s:b, s:s, s:s, s:s, s:s, s:s?, s:s?}", "name", c->name,
                          "type", c->type ? c->type : "text", "numeric", !isnan(c->mean),
                          "rows", show_count(r, c->rows), "nulls", show_count(r, nulls),
                          "null_pct", c->rows ? show_num(r, 100.0 * (double)nulls / (double)c->rows)
                                              : "0",
                          "distinct", show_count(r, c->distinct), "min", c->min, "max", c->max);
    if (!isnan(c->mean)) {
        json_object_set_new(o, "mean", json_string(show_num(r, c->mean)));
        json_object_set_new(o, "p25", json_string(show_num(r, c->p25)));
        json_object_set_new(o, "p50", json_string(show_num(r, c->p50)));
        json_object_set_new(o, "p75", json_string(show_num(r, c->p75)));
        json_object_set_new(o, "sd", json_string(show_num(r, c->sd)));
    }
    if (c->has_hist) {
        buf_t svg = {0};
        chart_spark_histogram(&svg, c->hist, QUERY_DESCRIBE_BINS, c->hist_lo, c->hist_hi);
        json_object_set_new(o, "hist_svg", json_string(buf_str(&svg)));
        buf_free(&svg);
    }
    json_object_set_new(o, "top", describe_top_view(r, c));
    return o;
}

/* The class of a correlation's cell: its strength, for the colour. */
static const char *corr_class(double v)
{
    double a = fabs(v);
    if (isnan(v))
        return "corr-none";
    if (a >= 0.7)
        return v > 0 ? "corr-pos-strong" : "corr-neg-strong";
    if (a >= 0.3)
        return v > 0 ? "corr-pos" : "corr-neg";
    return "corr-weak";
}

static json_t *describe_corr_view(req_t *r, const query_describe_t *d)
{
    json_t *heads = json_array(), *rows = json_array();
    for (size_t i = 0; i < d->ncols; i++) {
        if (!d->cols[i].in_corr)
            continue;
        json_array_append_new(heads, json_pack("{s:s}", "v", d->cols[i].name));
        json_t *cells = json_array();
        for (size_t j = 0; j < d->ncols; j++) {
            double v = d->corr[i * d->ncols + j];
            if (d->cols[j].in_corr)
                json_array_append_new(cells, json_pack("{s:s, s:s}", "v", isnan(v) ? "" :
                                                       arena_printf(r->arena, "%.3f", v),
                                                       "cls", corr_class(v)));
        }
        json_array_append_new(rows, json_pack("{s:s, s:o}", "name", d->cols[i].name, "cells",
                                              cells));
    }
    if (!json_array_size(heads)) {
        json_decref(heads);
        json_decref(rows);
        return NULL;
    }
    return json_pack("{s:o, s:o}", "heads", heads, "rows", rows);
}

static void analyze_describe(req_t *r, const page_source_t *s, const json_t *columns, json_t *ctx)
{
    char err[512];
    const char *sql = query_describe_sql(r->arena, query_conn_dialect(r->arena, r->user->org_id, s->conn_id),
                                             s->sql, columns, err, sizeof err);
    if (!sql) {
        json_object_set_new(ctx, "choice_error", json_string(err));
        return;
    }
    json_object_set_new(ctx, "sql", json_string(sql));
    const json_t *res = analyze_run(r, s, sql, 0, "job", ctx);
    if (!res)
        return;
    query_describe_t d;
    query_describe_read(r->arena, columns, res, &d);
    json_t *cols = json_array();
    for (size_t i = 0; i < d.ncols; i++)
        json_array_append_new(cols, describe_col_view(r, &d.cols[i]));
    json_t *corr = describe_corr_view(r, &d);
    json_object_set_new(ctx, "describe", json_pack("{s:o, s:o*, s:s}", "cols", cols, "corr",
                                                   corr, "rows_words", d.ncols ?
                                                   count_words(r, d.cols[0].rows, "row", "rows")
                                                   : ""));
}

/* ---- the page ----------------------------------------------------------- */

/* The GET forms' action (base's path) and hidden fields (its query
 * string: Explore's SQL, a dashboard's filters). */
static void analyze_form_target(req_t *r, const char *base, json_t *ctx)
{
    const char *q = strchr(base, '?');
    json_t *hidden = json_array();
    json_object_set_new(ctx, "action", json_string(q ? arena_strndup(r->arena, base,
                                                                     (size_t)(q - base)) : base));
    for (const char *p = q ? q + 1 : NULL; p && *p;) {
        const char *amp = strchr(p, '&'), *eq = strchr(p, '=');
        size_t n = amp ? (size_t)(amp - p) : strlen(p);
        if (eq && eq < p + n) {
            char *k = arena_strndup(r->arena, p, (size_t)(eq - p));
            char *v = arena_strndup(r->arena, eq + 1, n - (size_t)(eq - p) - 1);
            k[http_url_decode(k, strlen(k), 1)] = 0;
            v[http_url_decode(v, strlen(v), 1)] = 0;
            json_array_append_new(hidden, json_pack("{s:s, s:s}", "name", k, "value", v));
        }
        p = amp ? amp + 1 : NULL;
    }
    json_object_set_new(ctx, "hidden", hidden);
}

static void analyze_render(req_t *r, const page_source_t *s)
{
    const char *view = opt_query(r, "view");
    int describe = view && strcmp(view, "describe") == 0;
    const char *fmt = opt_query(r, "format");
    json_t *ctx = page_ctx(r, s->title, strcmp(s->source, "widget") == 0 ? "dashboards"
                                        : strcmp(s->source, "saved_query") == 0 ? "queries"
                                                                                : s->source);
    json_object_set_new(ctx, "heading", json_string(s->title));
    json_object_set_new(ctx, "back", json_pack("{s:s, s:s}", "href", s->back, "label", s->back_label));
    char sep = strchr(s->base, '?') ? '&' : '?';
    analyze_form_target(r, s->base, ctx);
    json_object_set_new(ctx, "pivot_href", json_string(arena_printf(r->arena, "%s%cview=pivot",
                                                                    s->base, sep)));
    json_object_set_new(ctx, "describe_href", json_string(arena_printf(
        r->arena, "%s%cview=describe", s->base, sep)));
    json_object_set_new(ctx, describe ? "is_describe" : "is_pivot", json_true());
    const json_t *columns = analyze_columns(r, s, ctx);
    if (columns && fmt && !describe) {
        json_decref(ctx);
        analyze_export(r, s, columns);
        return;
    }
    if (columns && describe)
        analyze_describe(r, s, columns, ctx);
    else if (columns)
        analyze_pivot(r, s, columns, ctx);
    page_render(r, "analyze", ctx);
}

/* GET /queries/{id}/analyze — a saved query (its {{name}} defaults, or the
 * link's ?p_name= values). */
void page_query_analyze(req_t *r)
{
    store_query_t q;
    if (store_query_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &q) < 0) {
        page_error(r, 404, "There is no such saved query.");
        return;
    }
    if (!q.connection_id) {
        page_error(r, 404, "The connection of this query was deleted: choose another one.");
        return;
    }
    json_t *decl = params_read(r, q.sql_text, query_params_decl(r->arena, q.params));
    arena_defer_json(r->arena, decl);
    json_t *given = params_given(r, q.sql_text); /* kept on the page's links */
    arena_defer_json(r->arena, given);
    const char *qs = params_given_qs(r, given);
    page_source_t s = {.title = q.name, .back = arena_printf(r->arena, "/queries/%s", q.id),
                       .back_label = q.name,
                       .base = arena_printf(r->arena, "/queries/%s/analyze%s%s", q.id,
                                            *qs ? "?" : "", *qs ? qs + 1 : ""),
                       .conn_id = q.connection_id, .sql = q.sql_text, .source = "saved_query",
                       .rid = q.id, .decl = decl};
    analyze_render(r, &s);
}

/* GET /dashboards/{id}/widgets/{wid}/analyze */
void page_widget_analyze(req_t *r)
{
    page_source_t s;
    if (page_source_widget(r, "analyze", &s) == 0)
        analyze_render(r, &s);
}

/* GET /chat/messages/{id}/analyze */
void page_message_analyze(req_t *r)
{
    page_source_t s;
    if (page_source_message(r, "analyze", &s) == 0)
        analyze_render(r, &s);
}

/* GET /explore/analyze?connection_id=…&sql=… */
void page_explore_analyze(req_t *r)
{
    page_source_t s;
    if (page_source_explore(r, "analyze", &s) == 0)
        analyze_render(r, &s);
}
