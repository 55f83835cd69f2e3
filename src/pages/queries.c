/* queries.c — saved queries: save from Explore, list and search by name or
 * tag, open in Explore, edit, delete; shared with the organization or
 * private. A query's page shows its last run's result (table and chart),
 * and "Run again" runs it through the job runners as Explore does. */
#include "pages/pages.h"
#include "core/config.h"
#include "jobs/jobs.h"
#include "query/query.h"
#include "store/connections.h"
#include "store/queries.h"
#include "store/audit.h"
#include "tasks/tasks.h"

#include <stdlib.h>
#include <string.h>

#define PAGE_ROWS 100

void page_queries(req_t *r)
{
    const char *q = http_query(r, "q");
    json_t *ctx = page_ctx(r, "Saved queries", "explore");
    store_query_t *list;
    size_t n;
    store_query_list(r->arena, r->user->org_id, r->user->id, q, &list, &n);
    json_object_set_new(ctx, "empty", json_boolean(n == 0));
    json_object_set_new(ctx, "queries", store_query_list_json(list, n));
    json_object_set_new(ctx, "q", json_string(q ? q : ""));
    page_render(r, "queries", ctx);
}

static void read_fields(form_t *f, store_query_fields_t *s)
{
    s->name = form_text(f, "name", "Name", 1, 200);
    s->description = form_text(f, "description", "Description", 0, 2000);
    s->sql = form_text(f, "sql", "SQL", 1, 100000);
    s->tags_csv = form_text(f, "tags", "Tags", 0, 500);
    s->connection_id = form_text(f, "connection_id", "Connection", 0, 36);
    const char *shared = http_param(f->r, "shared");
    s->shared = shared && strcmp(shared, "1") == 0;
    /* the {{name}} parameters' types and defaults (the Parameters section) */
    s->params = params_text(f->r, s->sql ? s->sql : "", NULL);
}

/* Saved from Explore's result: that run (the user's own job, of this very
 * SQL on this connection) becomes the query's last result. */
static void keep_explore_result(req_t *r, const char *id, const store_query_fields_t *s)
{
    const char *job = http_param(r, "job");
    json_t *q = job && *job ? tasks_query_job(r->arena, r->user->org_id, r->user->id, job) : NULL;
    if (!q)
        return;
    const char *sql = json_string_value(json_object_get(q, "sql"));
    const char *conn = json_string_value(json_object_get(q, "connection_id"));
    /* and its {{name}} values are the query's defaults now */
    const json_t *ran = json_object_get(q, "params");
    const json_t *decl = query_params_decl(r->arena, s->params);
    int same = sql && conn && strcmp(sql, s->sql) == 0 && s->connection_id &&
               strcmp(conn, s->connection_id) == 0 &&
               query_params_same(r->arena, sql, ran, decl);
    const json_t *outcome = same ? jobs_outcome_wait(r->arena, job, 0) : NULL;
    if (outcome && json_is_true(json_object_get(outcome, "ok")))
        store_query_set_result(r->arena, r->user->org_id, id, sql, conn, s->params,
                               json_object_get(outcome, "result"),
                               (long long)json_integer_value(json_object_get(outcome, "ran_at")),
                               NULL);
    json_decref(q);
}

void page_queries_create(req_t *r)
{
    form_t f;
    store_query_fields_t s;
    char err[256], *id = NULL;
    form_open(&f, r);
    read_fields(&f, &s);
    if (!form_ok(&f)) {
        json_t *errors = f.errors;
        const char *first = json_object_iter_key(json_object_iter(errors));
        page_flash(r, "error", json_string_value(json_object_get(errors, first)));
        form_close(&f);
        http_redirect(r, 303, "/explore");
        return;
    }
    form_close(&f);
    if (store_query_create(r->arena, r->user->org_id, r->user->id, &s, &id, err, sizeof err) < 0) {
        page_error(r, 500, "The query could not be saved. Try again.");
        return;
    }
    keep_explore_result(r, id, &s);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "query.save", "saved_query", id,
                 json_pack("{s:s, s:b}", "name", s.name, "shared", s.shared), r->remote_addr);
    page_flash(r, "ok", "Query saved.");
    http_redirect(r, 303, arena_printf(r->arena, "/queries/%s", id));
}

/* A "Run again" still running: the page follows it (htmx asks again every
 * second; without JavaScript the page reloads itself). */
static void add_follow(req_t *r, json_t *ctx, const store_query_t *q, const char *job)
{
    json_t *args = job && *job ? tasks_query_job(r->arena, r->user->org_id, r->user->id, job) : NULL;
    const char *of = json_string_value(json_object_get(args, "saved_query_id"));
    int ours = of && strcmp(of, q->id) == 0;
    json_decref(args);
    if (!ours)
        return;
    tasks_query_seen(r->arena, job);
    const char *why = NULL;
    if (result_job_outcome(r, job, &why))
        return; /* done: the worker stored it, the page shows it */
    if (why) {
        json_object_set_new(ctx, "run_error", json_string(why));
        return;
    }
    const char *url = arena_printf(r->arena, "/queries/%s?job=%s", q->id, job);
    json_object_set_new(ctx, "job", json_pack("{s:s}", "url", url));
    json_object_set_new(ctx, "refresh_nojs", json_string(arena_printf(r->arena, "1;url=%s", url)));
}

/* The last run: its result (a page of the table, the chart) and when it
 * ran, the latest failure, or a run that is still going. */
static void add_last_run(req_t *r, json_t *ctx, const store_query_t *q)
{
    add_follow(r, ctx, q, http_query(r, "job"));
    if (json_object_get(ctx, "job"))
        return;
    const json_t *result = store_query_result(r->arena, r->user->org_id, q->id);
    if (!result)
        return;
    const char *page = http_query(r, "page");
    json_t *view = result_view(r, result, page ? atoi(page) : 1, PAGE_ROWS, NULL);
    json_object_set_new(view, "ran", json_string(q->last_run ? q->last_run : ""));
    json_object_set_new(ctx, "result", view);
}

void page_query(req_t *r)
{
    store_query_t q;
    if (store_query_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &q) < 0) {
        page_error(r, 404, "There is no such saved query (or it is someone's private one).");
        return;
    }
    json_t *ctx = page_ctx(r, q.name, "explore");
    int can_edit = q.mine || r->user->role >= ROLE_ADMIN;
    json_object_set_new(ctx, "can_edit", json_boolean(can_edit));
    json_object_set_new(ctx, "query", store_query_json(&q));
    /* its parameters: the edit form's types and defaults, and a form whose
     * GET to Explore is a shareable link to the result with these values */
    json_t *given = params_given(r, q.sql_text);
    json_t *view = params_view(r, q.sql_text, query_params_decl(r->arena, q.params), given,
                               q.connection_id);
    json_decref(given);
    json_object_set_new(ctx, "has_params", json_boolean(json_array_size(view) > 0));
    json_object_set_new(ctx, "params_edit", json_true());
    json_object_set_new(ctx, "params", view);
    add_last_run(r, ctx, &q);
    if (can_edit) {
        store_conn_t *conns;
        size_t nconns;
        store_conn_list(r->arena, r->user->org_id, &conns, &nconns);
        json_object_set_new(ctx, "connections", store_conn_list_json(conns, nconns, q.connection_id));
        page_editor_schema(r, ctx, q.connection_id ? q.connection_id : nconns ? conns[0].id : NULL);
    }
    if (r->user->role >= ROLE_ANALYST) {
        const char *unused;
        json_object_set_new(ctx, "reports", reports_view(r, NULL, q.id, &unused));
    }
    page_render(r, "query", ctx);
}

/* POST /queries/{id}/run: "Run again", a job as Explore's; the worker
 * stores the result on the query. Back to its page, which shows the
 * result, or follows the job while it runs. */
void page_query_run(req_t *r)
{
    store_query_t q;
    char err[512], jid[33];
    if (store_query_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &q) < 0) {
        page_error(r, 404, "There is no such saved query (or it is someone's private one).");
        return;
    }
    if (!q.connection_id) {
        page_error(r, 422, "This query has no connection (it was deleted): pick one in its Edit "
                           "form, then run it.");
        return;
    }
    /* with its parameters' defaults: each needs one (the page's "Run in
     * Explore" form takes other values) */
    const json_t *decl = query_params_decl(r->arena, q.params);
    query_bound_t pb;
    if (query_params_bind(r->arena, q.sql_text, decl, NULL, &pb, err, sizeof err) < 0) {
        page_error(r, 422, arena_printf(r->arena, "This query cannot run with its defaults: %s "
                                        "(set it in the Edit form, or use Run in Explore).", err));
        return;
    }
    tasks_query_t t = {.org_id = r->user->org_id, .user_id = r->user->id, .ip = r->remote_addr,
                       .connection_id = q.connection_id, .sql = q.sql_text,
                       .params = json_array_size(decl) ? decl : NULL, .refresh = 1,
                       .saved_query_id = q.id};
    if (tasks_query_submit(r->arena, &t, jid, err, sizeof err) < 0) {
        page_error(r, 503, err);
        return;
    }
    const char *page = arena_printf(r->arena, "/queries/%s", q.id);
    if (!jobs_outcome_wait(r->arena, jid, cfg->query_wait_ms))
        page = arena_printf(r->arena, "/queries/%s?job=%s", q.id, jid);
    http_redirect(r, 303, page);
}

static void change_done(req_t *r, int rc, const char *action, const char *id, const char *ok,
                        const char *next)
{
    if (rc == 404 || rc == 403) {
        page_error(r, rc, rc == 404 ? "There is no such saved query."
                                    : "Only its author or an admin can change this query.");
        return;
    }
    if (rc != 0) {
        page_error(r, 500, "The change could not be saved. Try again.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, action, "saved_query", id, NULL,
                 r->remote_addr);
    page_flash(r, "ok", ok);
    http_redirect(r, 303, next);
}

void page_query_update(req_t *r)
{
    const char *id = http_route_param(r, "id");
    form_t f;
    store_query_fields_t s;
    form_open(&f, r);
    read_fields(&f, &s);
    int valid = form_ok(&f);
    form_close(&f);
    if (!valid) {
        page_error(r, 400, "A saved query needs a name and its SQL.");
        return;
    }
    int rc = store_query_update(r->arena, r->user->org_id, r->user->id, r->user->role >= ROLE_ADMIN, id, &s);
    change_done(r, rc, "query.update", id, "Query updated.", arena_printf(r->arena, "/queries/%s", id));
}

void page_query_delete(req_t *r)
{
    const char *id = http_route_param(r, "id");
    int rc = store_query_delete(r->arena, r->user->org_id, r->user->id, r->user->role >= ROLE_ADMIN, id);
    change_done(r, rc, "query.delete", id, "Query deleted.", "/queries");
}
