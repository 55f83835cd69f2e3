/* api_resources.c — the API's connections and notifications: connections
 * list, get, test (the worker's connection.test, as the page's Test
 * button); notifications list, mark read. A connection's schema is the
 * editor's handler (page_connection_schema_json). */
#include "pages/pages.h"
#include "pages/api_internal.h"
#include "core/config.h"
#include "store/audit.h"
#include "store/connections.h"
#include "store/notifications.h"
#include "tasks/tasks.h"

#include <string.h>

static json_t *conn_json(const store_conn_t *c)
{
    json_t *o = store_conn_json(c, NULL);
    json_object_del(o, "selected");
    return o;
}

void api_connections(req_t *r)
{
    store_conn_t *rows;
    size_t n;
    if (store_conn_list(r->arena, r->user->org_id, &rows, &n) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, conn_json(&rows[i]));
    api_reply_page(r, items);
}

static int load_conn(req_t *r, store_conn_t *c)
{
    if (store_conn_get(r->arena, r->user->org_id, http_route_param(r, "id"), c) == 0)
        return 0;
    api_error(r, 404, NULL, "There is no such connection in your organization.");
    return -1;
}

/* POST /api/v1/connections: {name, url} (postgresql://, mysql://,
 * sqlite:///path, clickhouse://) or the form's fields one by one; the
 * page's rules (an admin's), its schema read in the background. */
void api_connection_create(req_t *r)
{
    static const char *const fields[] = {"name", "url", "kind", "host", "port", "database", "user",
                                         "password", "sslmode", "llm_sharing", NULL};
    json_t *body = api_body(r);
    if (!body || api_body_into_form(r, body, fields) < 0)
        return;
    form_t f;
    char *id = NULL;
    form_open(&f, r);
    if (page_connection_save_new(r, &f, &id) < 0) {
        const char *first = json_string_value(json_object_iter_value(json_object_iter(f.errors)));
        json_t *err = json_pack("{s:s, s:s, s:O}", "code", "invalid", "message",
                                first ? first : "Check the connection's fields.", "fields", f.errors);
        form_close(&f);
        api_reply(r, 422, json_pack("{s:o}", "error", err));
        return;
    }
    form_close(&f);
    char why[256], jid[33];
    store_conn_t c;
    if (store_conn_get(r->arena, r->user->org_id, id, &c) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    json_t *out = conn_json(&c);
    /* its schema is read by a job, as the page's is; GET …/schema shows it */
    int queued = tasks_enqueue_schema_refresh(r->arena, r->user->org_id, id, jid, why, sizeof why) == 0;
    json_object_set_new(out, "schema_job", queued ? json_string(jid) : json_null());
    http_header(r, "Location", arena_printf(r->arena, "/api/v1/connections/%s", id));
    api_reply(r, 201, out);
}

void api_connection(req_t *r)
{
    store_conn_t c;
    if (load_conn(r, &c) == 0)
        api_reply(r, 200, conn_json(&c));
}

/* The outcome of test job jid: 200 {"status": "ok"|"failed", …}, or 202
 * while the worker tries. */
static void reply_test(req_t *r, const store_conn_t *c, const char *jid, int wait_ms)
{
    const char *why = NULL;
    const json_t *o = page_job_outcome(r, jid, wait_ms, "The test", &why);
    if (!o && !why) {
        api_running(r, jid, arena_printf(r->arena, "/api/v1/connections/%s/test?job=%s", c->id, jid),
                    NULL);
        return;
    }
    int ok = o && json_is_true(json_object_get(o, "ok"));
    const char *e = why ? why : json_string_value(json_object_get(o, "error"));
    json_t *info = json_object_get(o, "info");
    api_reply(r, 200, json_pack("{s:s, s:s, s:O?, s:s?}", "status", ok ? "ok" : "failed",
                                "job_id", jid, "info", ok ? info : NULL, "error", ok ? NULL : e));
}

/* POST /api/v1/connections/{id}/test: connect and run a probe (audited by
 * the worker). */
void api_connection_test(req_t *r)
{
    store_conn_t c;
    char jid[33], err[256];
    if (load_conn(r, &c) < 0)
        return;
    if (tasks_connection_test_submit(r->arena, r->user->org_id, r->user->id, r->remote_addr, c.id,
                                     jid, err, sizeof err) < 0) {
        api_error(r, 503, NULL, "The connection cannot be tested right now (the job queue is not "
                                "reachable). Try again in a moment.");
        return;
    }
    reply_test(r, &c, jid, cfg->query_wait_ms);
}

/* GET /api/v1/connections/{id}/test?job=: that test's outcome. */
void api_connection_test_job(req_t *r)
{
    store_conn_t c;
    const char *jid = http_query(r, "job");
    if (load_conn(r, &c) < 0)
        return;
    if (!jid || !tasks_connection_test_job(r->arena, r->user->org_id, r->user->id, c.id, jid)) {
        api_error(r, 404, NULL, "There is no such test of this connection (?job= is the job_id "
                                "its POST gave; kept for an hour).");
        return;
    }
    reply_test(r, &c, jid, 0);
}

/* --- notifications ------------------------------------------------------ */

void api_notifications(req_t *r)
{
    store_notif_t *rows;
    size_t n;
    if (store_notif_list(r->arena, r->user->org_id, r->user->id, &rows, &n) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, store_notif_json(&rows[i]));
    json_t *page = api_page(r, items);
    if (page) {
        json_object_set_new(page, "unread", json_integer(store_notif_unread(
            r->arena, r->user->org_id, r->user->id)));
        api_reply(r, 200, page);
    }
}

/* POST /api/v1/notifications/read-all */
void api_notifications_read_all(req_t *r)
{
    if (store_notif_read_all(r->arena, r->user->org_id, r->user->id) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    api_reply(r, 200, json_pack("{s:I}", "unread", (json_int_t)store_notif_unread(
        r->arena, r->user->org_id, r->user->id)));
}

/* POST /api/v1/notifications/{id}/read */
void api_notification_read(req_t *r)
{
    const char *id = http_route_param(r, "id");
    if (store_notif_read(r->arena, r->user->org_id, r->user->id, id) < 0) {
        api_error(r, 404, NULL, "There is no such notification of yours.");
        return;
    }
    api_reply(r, 200, json_pack("{s:s, s:b}", "id", id, "read", 1));
}
