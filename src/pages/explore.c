/* explore.c — the SQL editor: pick a connection, write SQL, run it, see a
 * table (100 rows a page) and a chart; errors point at their position. */
#include "pages/pages.h"
#include "core/config.h"
#include "query/query.h"
#include "store/connections.h"
#include "store/queries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_ROWS 100

static json_t *connection_options(req_t *r, const char *selected, const char **first)
{
    store_conn_t *rows;
    size_t n;
    store_conn_list(r->arena, r->user->org_id, &rows, &n);
    *first = n ? rows[0].id : NULL;
    return store_conn_list_json(rows, n, selected);
}

/* The SQL split around the error position, so the template can mark it. */
static json_t *marked_sql(const char *sql, int pos)
{
    size_t n = strlen(sql), at = pos > 0 ? (size_t)pos - 1 : 0;
    if (pos <= 0 || at >= n)
        return json_null();
    size_t len = 1;
    while (at + len < n && sql[at + len] != ' ' && sql[at + len] != '\n' && len < 40)
        len++;
    return json_pack("{s:s%, s:s%, s:s}", "before", sql, at, "at", sql + at, len, "after",
                     sql + at + len);
}

static void add_result(req_t *r, json_t *ctx, const json_t *result, int page, const char *chart)
{
    long total = (long)json_array_size(json_object_get(result, "rows"));
    long pages = total ? (total + PAGE_ROWS - 1) / PAGE_ROWS : 1;
    if (page < 1 || page > pages)
        page = 1;
    json_t *res = json_pack("{s:o, s:o, s:O, s:O, s:O, s:O}",
                            "table", result_table(result, (size_t)(page - 1) * PAGE_ROWS, PAGE_ROWS),
                            "chart", result_chart(result, chart, NULL),
                            "row_count", json_object_get(result, "row_count"),
                            "truncated", json_object_get(result, "truncated"),
                            "ms", json_object_get(result, "ms"),
                            "cached", json_object_get(result, "cached"));
    /* the row cap is the badge; the byte caps need their sentence */
    int by_bytes = query_result_by_bytes(result);
    const char *note = query_result_note(r->arena, result);
    json_object_set_new(res, "by_bytes", json_boolean(by_bytes));
    if (note && (by_bytes || json_integer_value(json_object_get(result, "cells_cut")) > 0))
        json_object_set_new(res, "note", json_string(note));
    json_object_set_new(res, "page", json_integer(page));
    json_object_set_new(res, "pages", json_integer(pages));
    if (page > 1)
        json_object_set_new(res, "prev_page", json_integer(page - 1));
    if (page < pages)
        json_object_set_new(res, "next_page", json_integer(page + 1));
    json_object_set_new(res, "chart_kinds", result_chart_kinds(chart));
    json_object_set_new(res, "rows_words", json_string(page_count_words(
        r, json_object_get(result, "row_count"), "row", "rows")));
    char cap[32];
    buf_count_text(cap, sizeof cap, (size_t)cfg->export_max_rows);
    json_object_set_new(res, "export_cap", json_string(cap));
    json_object_set_new(res, "show_chart", json_boolean(chart && *chart));
    json_object_set_new(ctx, "result", res);
}

static void render(req_t *r, json_t *ctx)
{
    if (r->htmx) /* the Run button's fragment: just the result */
        page_render_bare(r, "explore_result", ctx, NULL);
    else
        page_render(r, "explore", ctx);
}

static json_t *base_ctx(req_t *r, const char *conn_id, const char *sql)
{
    json_t *ctx = page_ctx(r, "Explore", "explore");
    const char *first;
    json_t *conns = connection_options(r, conn_id, &first);
    json_object_set_new(ctx, "no_connections", json_boolean(json_array_size(conns) == 0));
    json_object_set_new(ctx, "connections", conns);
    json_object_set_new(ctx, "connection_id", json_string(conn_id ? conn_id : first ? first : ""));
    json_object_set_new(ctx, "sql", json_string(sql ? sql : ""));
    return ctx;
}

void page_explore(req_t *r)
{
    const char *sql = http_query(r, "sql");
    const char *qid = http_query(r, "query");
    const char *conn = http_query(r, "connection");
    store_query_t saved;
    int found = qid && store_query_get(r->arena, r->user->org_id, r->user->id, qid, &saved) == 0;
    if (found) {
        sql = saved.sql_text;
        conn = saved.connection_id ? saved.connection_id : conn;
    }
    json_t *ctx = base_ctx(r, conn, sql ? sql : "");
    if (found)
        json_object_set_new(ctx, "saved", store_query_json(&saved));
    page_render(r, "explore", ctx);
}

void page_explore_run(req_t *r)
{
    const char *conn = http_param(r, "connection_id");
    const char *sql = http_param(r, "sql");
    const char *page = http_param(r, "page");
    const char *chart = http_param(r, "chart");
    const char *refresh = http_param(r, "refresh");
    json_t *ctx = base_ctx(r, conn, sql);
    query_opts_t o = {.refresh = refresh && *refresh == '1', .source = "explore"};
    query_outcome_t out;
    char err[1024];
    if (!sql || !*sql) {
        json_object_set_new(ctx, "error", json_pack("{s:s}", "message", "Write a query first."));
    } else if (!conn || !*conn) {
        json_object_set_new(ctx, "error", json_pack("{s:s}", "message", "Pick a connection."));
    } else if (query_run(r->arena, r->user->org_id, r->user->id, r->remote_addr, conn, sql, &o,
                         &out, err, sizeof err) < 0) {
        json_object_set_new(ctx, "error", json_pack("{s:s, s:b, s:o}", "message", err, "rejected",
                                                    out.rejected, "marked", marked_sql(sql, out.err_pos)));
        r->status = 422;
    } else {
        add_result(r, ctx, out.result, page ? atoi(page) : 1, chart);
        json_decref(out.result);
    }
    render(r, ctx);
}
