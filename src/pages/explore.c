/* explore.c — the SQL editor: pick a connection, write SQL, run it, see a
 * table (100 rows a page) and a chart; errors point at their position. */
#include "pages/pages.h"
#include "core/config.h"
#include "jobs/jobs.h"
#include "live/live.h"
#include "query/query.h"
#include "tasks/tasks.h"
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

/* Where an Explore result drills and sorts: /explore/rows with its
 * connection, SQL and parameter values (ctx's, as base_ctx and add_params
 * set them). */
static const char *rows_base(req_t *r, const json_t *ctx)
{
    const char *conn = json_string_value(json_object_get(ctx, "connection_id"));
    const char *sql = json_string_value(json_object_get(ctx, "sql"));
    if (!conn || !*conn || !sql || !*sql)
        return NULL;
    buf_t b = {0};
    buf_puts(&b, "/explore/rows?connection_id=");
    http_url_encode(&b, conn);
    buf_puts(&b, "&sql=");
    http_url_encode(&b, sql);
    size_t i;
    const json_t *p; /* the values its {{name}} parameters ran with */
    json_array_foreach(json_object_get(ctx, "params"), i, p) {
        const char *name = json_string_value(json_object_get(p, "name"));
        const char *v = json_string_value(json_object_get(p, "value"));
        if (!name || !v || !*v)
            continue;
        buf_puts(&b, "&p_");
        http_url_encode(&b, name);
        buf_putc(&b, '=');
        http_url_encode(&b, v);
    }
    const char *s = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

static void add_result(req_t *r, json_t *ctx, const json_t *result, int page, const char *chart)
{
    json_t *res = result_view(r, result, page, PAGE_ROWS, chart);
    const char *rows = rows_base(r, ctx);
    if (rows) { /* its headers sort, its bars, slices and points drill: /explore/rows */
        result_table_sort_links(r, json_object_get(res, "table"), rows, NULL, NULL, 0);
        json_object_set_new(res, "chart", result_chart_kind_drill(result, chart, NULL,
                                                                  arena_printf(r->arena, "%s&", rows)));
        /* Pivot / Describe (analyze.c): the same query string */
        json_object_set_new(res, "analyze_href", json_string(arena_printf(
            r->arena, "/explore/analyze%s", rows + strlen("/explore/rows"))));
    }
    json_object_set_new(res, "chart_kinds", result_chart_kinds(chart));
    json_object_set_new(res, "show_chart", json_boolean(chart && *chart));
    char cap[32];
    buf_count_text(cap, sizeof cap, (size_t)cfg->export_max_rows);
    json_object_set_new(res, "export_cap", json_string(cap));
    json_object_set_new(ctx, "result", res);
}

static void render(req_t *r, json_t *ctx)
{
    if (r->htmx) { /* the Run button's fragment: just the result */
        page_render_bare(r, "explore_result", ctx, NULL);
        return;
    }
    page_editor_schema(r, ctx, json_string_value(json_object_get(ctx, "connection_id")));
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

/* The SQL's {{name}} parameters: their inputs, the hidden copies the
 * result's forms carry, and which are missing. 0, or -1 with the page's
 * error set when a value is missing or not of its type. */
static int add_params(req_t *r, json_t *ctx, const char *sql, const json_t *decl,
                      const char *conn, int check)
{
    json_t *view = params_view(r, sql, decl, NULL, conn);
    json_object_set_new(ctx, "has_params", json_boolean(json_array_size(view) > 0));
    json_object_set_new(ctx, "params_edit", json_true());
    buf_t missing = {0};
    size_t i;
    json_t *f;
    json_array_foreach(view, i, f)
        if (json_is_true(json_object_get(f, "missing")))
            buf_printf(&missing, "%s{{%s}}", missing.len ? ", " : "",
                       json_string_value(json_object_get(f, "name")));
    if (missing.len)
        json_object_set_new(ctx, "params_missing", json_string(buf_str(&missing)));
    buf_free(&missing);
    json_object_set_new(ctx, "params", view);
    if (r->htmx) /* the Run button's fragment brings the inputs too */
        json_object_set_new(ctx, "params_oob", json_true());
    query_bound_t pb;
    char err[512];
    if (!check || !sql || !*sql || query_params_bind(r->arena, sql, decl, NULL, &pb, err, sizeof err) == 0)
        return 0;
    json_object_set_new(ctx, "error", json_pack("{s:s, s:b}", "message", err, "param_error", 1));
    r->status = 422;
    return -1;
}

/* How a run is asked for (run_now's mode). */
enum {
    RUN_RECORD = 1,    /* Explore's Run: into the user's query history, after the cost check */
    RUN_CONFIRMED = 2, /* "Run anyway", or a page or chart of a result already shown */
    RUN_ESTIMATE = 4,  /* "Estimate": the planner's estimate only */
};

static void run_now(req_t *r, json_t *ctx, const char *conn, const char *sql, const json_t *decl,
                    int page, const char *chart, int refresh, int mode);

void page_explore(req_t *r)
{
    const char *sql = http_query(r, "sql");
    const char *qid = http_query(r, "query");
    const char *conn = http_query(r, "connection");
    store_query_t saved;
    const json_t *base = NULL;
    int found = qid && store_query_get(r->arena, r->user->org_id, r->user->id, qid, &saved) == 0;
    if (found) {
        sql = saved.sql_text;
        conn = saved.connection_id ? saved.connection_id : conn;
        base = query_params_decl(r->arena, saved.params);
    }
    json_t *ctx = base_ctx(r, conn, sql ? sql : "");
    if (found)
        json_object_set_new(ctx, "saved", store_query_json(&saved));
    json_t *decl = params_read(r, sql ? sql : "", base);
    arena_defer_json(r->arena, decl);
    /* a link with ?p_name= values (a shared, parameterised result) runs */
    json_t *given = params_given(r, sql ? sql : "");
    const char *run = http_query(r, "run");
    int go = sql && *sql && (json_object_size(given) > 0 || (run && strcmp(run, "1") == 0));
    json_decref(given);
    const char *cid = json_string_value(json_object_get(ctx, "connection_id"));
    if (add_params(r, ctx, sql, decl, cid, go) == 0 && go)
        run_now(r, ctx, cid, sql, decl, 1, NULL, 0, RUN_RECORD);
    render(r, ctx);
}

static void add_error(req_t *r, json_t *ctx, const char *message, const char *sql, int pos,
                      int rejected)
{
    json_object_set_new(ctx, "error", json_pack("{s:s, s:b, s:o}", "message", message, "rejected",
                                                rejected, "marked", marked_sql(sql, pos)));
    r->status = 422;
}

/* The planner's estimate of an outcome that stopped before running: the
 * cost warning with "Run anyway" (confirm), or what "Estimate" asked for. */
static int add_estimate(req_t *r, json_t *ctx, const json_t *outcome)
{
    const json_t *est = json_object_get(outcome, "estimate");
    long warn = (long)json_integer_value(json_object_get(est, "warn_rows"));
    if (json_is_true(json_object_get(outcome, "needs_confirmation"))) {
        json_object_set_new(ctx, "confirm", page_estimate_view(r, est, warn));
        return 1;
    }
    if (!json_is_true(json_object_get(outcome, "estimate_only")) || !json_is_object(est))
        return 0;
    json_t *v = page_estimate_view(r, est, warn);
    json_object_set_new(v, "over", json_boolean(json_is_true(json_object_get(est, "over"))));
    json_object_set_new(ctx, "estimate", v);
    return 1;
}

/* A query job's outcome, shown as a run in this request would show it. */
static void add_outcome(req_t *r, json_t *ctx, const char *job_id, const json_t *outcome,
                        const char *sql, int page, const char *chart)
{
    if (add_estimate(r, ctx, outcome))
        return;
    if (json_is_true(json_object_get(outcome, "ok"))) {
        add_result(r, ctx, json_object_get(outcome, "result"), page, chart);
        /* "Save this query" keeps this result as the saved query's last one */
        json_object_set_new(ctx, "result_job", json_string(job_id));
    } else
        add_error(r, ctx, json_string_value(json_object_get(outcome, "error")), sql,
                  (int)json_integer_value(json_object_get(outcome, "err_pos")),
                  json_is_true(json_object_get(outcome, "rejected")));
}

/* Not done yet: a page that follows the job — htmx asks again every
 * second, and without JavaScript the page reloads itself. */
static void add_follow(req_t *r, json_t *ctx, const char *job_id, int page, const char *chart)
{
    buf_t u = {0};
    buf_printf(&u, "/explore/jobs/%s?page=%d", job_id, page > 0 ? page : 1);
    if (chart && *chart) {
        buf_puts(&u, "&chart=");
        http_url_encode(&u, chart);
    }
    const char *url = arena_strndup(r->arena, u.data ? u.data : "", u.len);
    buf_free(&u);
    const char *live = live_enabled() ? live_channel_item(r->arena, r->user->org_id, r->user->id,
                                                          "query", job_id) : NULL;
    const char *error = NULL;
    const char *state = jobs_find(r->arena, job_id, &error) == JOBS_RUNNING
                            ? "Running the query…" : "Waiting for a free runner…";
    /* with nchan its state is pushed and its end fetches the result */
    json_object_set_new(ctx, "job", json_pack("{s:s, s:s, s:s?, s:s}", "id", job_id, "url", url,
                                              "live", live, "state", state));
    /* without JavaScript only (layout: in <noscript>); with it, htmx polls */
    json_object_set_new(ctx, "refresh_nojs", json_string(arena_printf(r->arena, "1;url=%s", url)));
    r->status = 202;
}

/* Run sql with the parameters decl as a job: its outcome into ctx, or
 * the page that follows it. */
static void run_now(req_t *r, json_t *ctx, const char *conn, const char *sql, const json_t *decl,
                    int page, const char *chart, int refresh, int mode)
{
    char err[256], jid[33];
    int estimate = (mode & RUN_ESTIMATE) != 0;
    tasks_query_t q = {.org_id = r->user->org_id, .user_id = r->user->id, .ip = r->remote_addr,
                       .connection_id = conn, .sql = sql,
                       .params = json_array_size(decl) ? decl : NULL, .refresh = refresh,
                       .history = !estimate && (mode & RUN_RECORD), .check_cost = !estimate,
                       .confirmed = (mode & RUN_CONFIRMED) != 0, .estimate_only = estimate};
    if (tasks_query_submit(r->arena, &q, jid, err, sizeof err) < 0) {
        json_object_set_new(ctx, "error", json_pack("{s:s}", "message", err));
        r->status = 503;
        return;
    }
    const json_t *outcome = jobs_outcome_wait(r->arena, jid, cfg->query_wait_ms);
    if (outcome)
        add_outcome(r, ctx, jid, outcome, sql, page, chart);
    else
        add_follow(r, ctx, jid, page, chart);
}

void page_explore_run(req_t *r)
{
    const char *conn = http_param(r, "connection_id");
    const char *sql = http_param(r, "sql");
    const char *page = http_param(r, "page");
    const char *chart = http_param(r, "chart");
    const char *refresh = http_param(r, "refresh");
    const char *confirm = http_param(r, "confirm");
    const char *estimate = http_param(r, "estimate");
    /* the editor's Run, "Run anyway" and "Run again" are runs of their own;
     * a page or chart of a result shown is the same run again */
    int mode = (page || chart ? 0 : RUN_RECORD) | (confirm && *confirm == '1' ? RUN_CONFIRMED : 0) |
               (estimate && *estimate == '1' ? RUN_ESTIMATE : 0);
    json_t *ctx = base_ctx(r, conn, sql);
    json_t *decl = params_read(r, sql ? sql : "", NULL);
    arena_defer_json(r->arena, decl);
    if (!sql || !*sql) {
        json_object_set_new(ctx, "error", json_pack("{s:s}", "message", "Write a query first."));
    } else if (!conn || !*conn) {
        json_object_set_new(ctx, "error", json_pack("{s:s}", "message", "Pick a connection."));
    } else if (add_params(r, ctx, sql, decl, conn, 1) == 0) {
        run_now(r, ctx, conn, sql, decl, page ? atoi(page) : 1, chart, refresh && *refresh == '1',
                mode);
    }
    render(r, ctx);
}

/* The user's Explore job id (a query: its SQL and connection), or NULL —
 * also for another kind of job (a chat question's). New reference. */
static json_t *explore_job(req_t *r, const char *id)
{
    json_t *q = tasks_query_job(r->arena, r->user->org_id, r->user->id, id);
    if (q && (!json_is_string(json_object_get(q, "sql")) ||
              !json_is_string(json_object_get(q, "connection_id")))) {
        json_decref(q);
        q = NULL;
    }
    return q;
}

void page_explore_job(req_t *r)
{
    const char *id = http_route_param(r, "id");
    const char *page = http_query(r, "page");
    const char *chart = http_query(r, "chart");
    json_t *q = explore_job(r, id);
    if (!q) {
        page_error(r, 404, "That query is no longer here (results are kept for an hour). "
                           "Run it again from Explore.");
        return;
    }
    const char *sql = arena_strdup(r->arena, json_string_value(json_object_get(q, "sql")));
    json_t *ctx = base_ctx(r, json_string_value(json_object_get(q, "connection_id")), sql);
    json_t *decl = json_incref(json_object_get(q, "params"));
    arena_defer_json(r->arena, decl);
    add_params(r, ctx, sql, decl, json_string_value(json_object_get(q, "connection_id")), 0);
    json_decref(q);
    tasks_query_seen(r->arena, id);
    const char *why = NULL;
    const json_t *outcome = result_job_outcome(r, id, &why);
    if (outcome)
        add_outcome(r, ctx, id, outcome, sql, page ? atoi(page) : 1, chart);
    else if (why)
        add_error(r, ctx, why, sql, 0, 0);
    else
        add_follow(r, ctx, id, page ? atoi(page) : 1, chart);
    render(r, ctx);
}

void page_explore_job_cancel(req_t *r)
{
    const char *id = http_route_param(r, "id");
    json_t *q = explore_job(r, id);
    if (!q) {
        page_error(r, 404, "That query is no longer here (results are kept for an hour).");
        return;
    }
    json_decref(q);
    if (tasks_query_cancel(r->arena, id) < 0) {
        page_error(r, 503, "The query cannot be cancelled right now (the job queue is not "
                           "reachable). Try again in a moment.");
        return;
    }
    http_redirect(r, 303, arena_printf(r->arena, "/explore/jobs/%s", id));
}
