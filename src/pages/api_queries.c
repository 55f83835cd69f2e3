/* api_queries.c — SQL through the API: POST /api/v1/queries/run (a query
 * on a connection, run by the worker as Explore's Run is) and its job
 * (GET /api/v1/queries/jobs/{id}); saved queries: list, get, create,
 * update, delete, refresh (the page's "Run again"). A run waits up to
 * DATAMIND_QUERY_WAIT_MS, then answers 202 with the job's status URL. */
#include "pages/pages.h"
#include "pages/api_internal.h"
#include "core/config.h"
#include "jobs/jobs.h"
#include "query/query.h"
#include "store/audit.h"
#include "store/connections.h"
#include "store/queries.h"
#include "tasks/tasks.h"

#include <stdlib.h>
#include <string.h>

/* The outcome of query job jid as the API gives it: 200 and the result,
 * 422 and why it failed, or 202 while it runs. */
static void reply_query_job(req_t *r, const char *jid, int wait_ms)
{
    tasks_query_seen(r->arena, jid);
    const char *why = NULL;
    const json_t *o = page_job_outcome(r, jid, wait_ms, "The query", &why);
    if (why) {
        api_error(r, 422, "query_failed", why);
        return;
    }
    if (!o) {
        api_running(r, jid, arena_printf(r->arena, "/api/v1/queries/jobs/%s", jid), NULL);
        return;
    }
    if (!json_is_true(json_object_get(o, "ok"))) {
        const char *e = json_string_value(json_object_get(o, "error"));
        api_error(r, 422, "query_failed", e ? e : "The query failed.");
        return;
    }
    json_t *res = json_deep_copy(json_object_get(o, "result"));
    if (!json_is_object(res)) {
        json_decref(res);
        res = json_object();
    }
    json_object_set_new(res, "status", json_string("done"));
    json_object_set_new(res, "job_id", json_string(jid));
    api_reply(r, 200, res);
}

/* {"name": "value"} given with a run → {{name}} declarations with those
 * values (as text). NULL when none; -1 with a 422 answered. */
static int run_params(req_t *r, const json_t *body, json_t **decl)
{
    const json_t *given = json_object_get(body, "params");
    *decl = NULL;
    if (!given || json_is_null(given))
        return 0;
    if (!json_is_object(given)) {
        api_error(r, 422, NULL, "\"params\" must be an object of {{name}}: value.");
        return -1;
    }
    json_t *out = json_array();
    arena_defer_json(r->arena, out);
    const char *k;
    const json_t *v;
    json_object_foreach((json_t *)given, k, v) {
        if (!json_is_string(v)) {
            api_error(r, 422, NULL, arena_printf(r->arena, "params.%s must be a string.", k));
            return -1;
        }
        json_array_append_new(out, json_pack("{s:s, s:s, s:O}", "name", k, "type", "text",
                                             "value", v));
    }
    *decl = out;
    return 0;
}

void api_query_run(req_t *r)
{
    json_t *body = api_body(r), *decl;
    const char *conn, *sql;
    if (!body || api_str(r, body, "connection_id", 36, &conn) < 0 ||
        api_str(r, body, "sql", 100000, &sql) < 0 || run_params(r, body, &decl) < 0)
        return;
    if (!conn || !sql || !*sql) {
        api_error(r, 422, NULL, "\"connection_id\" and \"sql\" are required.");
        return;
    }
    store_conn_t c;
    if (store_conn_get(r->arena, r->user->org_id, conn, &c) < 0) {
        api_error(r, 404, NULL, "There is no such connection in your organization.");
        return;
    }
    char jid[33], err[256];
    tasks_query_t t = {.org_id = r->user->org_id, .user_id = r->user->id, .ip = r->remote_addr,
                       .connection_id = c.id, .sql = sql, .params = decl, .source = "api",
                       .refresh = json_is_true(json_object_get(body, "refresh")), .history = 1};
    if (tasks_query_submit(r->arena, &t, jid, err, sizeof err) < 0) {
        api_error(r, 503, NULL, "DataMind cannot run this query right now (its job queue is not "
                                "reachable). Try again in a moment.");
        return;
    }
    reply_query_job(r, jid, cfg->query_wait_ms);
}

void api_query_job(req_t *r)
{
    const char *jid = http_route_param(r, "id");
    json_t *q = tasks_query_job(r->arena, r->user->org_id, r->user->id, jid);
    int ours = json_object_get(q, "sql") != NULL;
    json_decref(q);
    if (!ours) {
        api_error(r, 404, NULL, "There is no such query run (job ids are kept for an hour).");
        return;
    }
    reply_query_job(r, jid, 0);
}

/* --- saved queries ------------------------------------------------------ */

void api_queries(req_t *r)
{
    store_query_t *rows;
    size_t n;
    if (store_query_list(r->arena, r->user->org_id, r->user->id, http_query(r, "q"), &rows, &n) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    api_reply_page(r, store_query_list_json(rows, n));
}

static int load(req_t *r, store_query_t *q)
{
    if (store_query_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), q) == 0)
        return 0;
    api_error(r, 404, NULL, "There is no such saved query (or it is someone's private one).");
    return -1;
}

void api_query(req_t *r)
{
    store_query_t q;
    if (load(r, &q) < 0)
        return;
    json_t *o = store_query_json(&q);
    const json_t *res = store_query_result(r->arena, r->user->org_id, q.id);
    json_object_set_new(o, "last_result", res ? json_deep_copy(res) : json_null());
    api_reply(r, 200, o);
}

/* The fields of body over base (NULL: a new query): -1 with a 422
 * answered when one is of the wrong type, missing or not a connection of
 * the organization. */
static int read_fields(req_t *r, const json_t *body, const store_query_t *base,
                       store_query_fields_t *f)
{
    const char *name, *desc, *sql, *tags, *conn;
    if (api_str(r, body, "name", 200, &name) < 0 || api_str(r, body, "description", 2000, &desc) < 0 ||
        api_str(r, body, "sql", 100000, &sql) < 0 || api_str(r, body, "tags", 500, &tags) < 0 ||
        api_str(r, body, "connection_id", 36, &conn) < 0)
        return -1;
    const json_t *shared = json_object_get(body, "shared");
    if (shared && !json_is_boolean(shared)) {
        api_error(r, 422, NULL, "\"shared\" must be true or false.");
        return -1;
    }
    f->name = name ? name : base ? base->name : NULL;
    f->description = desc ? desc : base ? base->description : "";
    f->sql = sql ? sql : base ? base->sql_text : NULL;
    f->tags_csv = tags ? tags : base ? base->tags : "";
    f->connection_id = conn ? conn : base ? base->connection_id : NULL;
    f->shared = shared ? json_is_true(shared) : base ? base->is_shared : 0;
    f->params = base && !sql ? base->params : NULL;
    json_t *decl;
    if (run_params(r, body, &decl) < 0)
        return -1;
    if (decl) { /* {"name": "default"}: the {{name}} parameters' defaults */
        char *text = json_dumps(decl, JSON_COMPACT);
        f->params = text ? arena_strdup(r->arena, text) : NULL;
        free(text);
    }
    if (!f->name || !*f->name || !f->sql || !*f->sql) {
        api_error(r, 422, NULL, "A saved query needs a \"name\" and its \"sql\".");
        return -1;
    }
    store_conn_t c;
    if (conn && store_conn_get(r->arena, r->user->org_id, conn, &c) < 0) {
        api_error(r, 422, NULL, "\"connection_id\" is not a connection of your organization.");
        return -1;
    }
    return 0;
}

static void audit(req_t *r, const char *action, const char *id)
{
    store_audit_record(r->arena, r->user->org_id, r->user->id, action, "saved_query", id,
                       json_pack("{s:s}", "via", "api"), r->remote_addr);
}

void api_query_create(req_t *r)
{
    json_t *body = api_body(r);
    store_query_fields_t f;
    char err[256], *id = NULL;
    if (!body || read_fields(r, body, NULL, &f) < 0)
        return;
    if (store_query_create(r->arena, r->user->org_id, r->user->id, &f, &id, err, sizeof err) < 0) {
        api_error(r, 503, NULL, "The query could not be saved. Try again.");
        return;
    }
    audit(r, "query.save", id);
    store_query_t q;
    if (store_query_get(r->arena, r->user->org_id, r->user->id, id, &q) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    http_header(r, "Location", arena_printf(r->arena, "/api/v1/queries/%s", id));
    api_reply(r, 201, store_query_json(&q));
}

static int change_refused(req_t *r, int rc)
{
    if (rc == 404 || rc == 403 || rc != 0)
        api_error(r, rc == 404 ? 404 : rc == 403 ? 403 : 503,
                  NULL, rc == 404 ? "There is no such saved query."
                      : rc == 403 ? "Only its author or an admin can change this query."
                                  : "The change could not be saved. Try again.");
    return rc != 0;
}

void api_query_update(req_t *r)
{
    json_t *body = api_body(r);
    store_query_t q;
    store_query_fields_t f;
    if (!body || load(r, &q) < 0 || read_fields(r, body, &q, &f) < 0)
        return;
    int rc = store_query_update(r->arena, r->user->org_id, r->user->id,
                                r->user->role >= ROLE_ADMIN, q.id, &f);
    if (change_refused(r, rc))
        return;
    audit(r, "query.update", q.id);
    store_query_get(r->arena, r->user->org_id, r->user->id, q.id, &q);
    api_reply(r, 200, store_query_json(&q));
}

void api_query_delete(req_t *r)
{
    store_query_t q;
    if (load(r, &q) < 0)
        return;
    int rc = store_query_delete(r->arena, r->user->org_id, r->user->id,
                                r->user->role >= ROLE_ADMIN, q.id);
    if (change_refused(r, rc))
        return;
    audit(r, "query.delete", q.id);
    api_reply(r, 200, json_pack("{s:s, s:b}", "id", q.id, "deleted", 1));
}

/* POST /api/v1/queries/{id}/refresh: run it again with its parameters'
 * defaults; the worker stores the result on the query. */
void api_query_refresh(req_t *r)
{
    store_query_t q;
    char err[512], jid[33];
    if (load(r, &q) < 0)
        return;
    if (!q.connection_id) {
        api_error(r, 409, NULL, "This query has no connection (it was deleted): set one "
                                "(PATCH connection_id), then refresh it.");
        return;
    }
    const json_t *decl = query_params_decl(r->arena, q.params);
    query_bound_t pb;
    if (query_params_bind(r->arena, q.sql_text, decl, NULL, &pb, err, sizeof err) < 0) {
        api_error(r, 422, NULL, arena_printf(r->arena, "This query cannot run with its defaults: "
                                             "%s.", err));
        return;
    }
    tasks_query_t t = {.org_id = r->user->org_id, .user_id = r->user->id, .ip = r->remote_addr,
                       .connection_id = q.connection_id, .sql = q.sql_text,
                       .params = json_array_size(decl) ? decl : NULL, .refresh = 1,
                       .saved_query_id = q.id, .source = "api"};
    if (tasks_query_submit(r->arena, &t, jid, err, sizeof err) < 0) {
        api_error(r, 503, NULL, err);
        return;
    }
    reply_query_job(r, jid, cfg->query_wait_ms);
}
