/* api_alerts.c — alerts through the API: list, get, their events, create,
 * change (PATCH: the fields given over the alert's own), delete, check now.
 * A new or changed alert is checked by the alerts page's own rules
 * (page_alert_save: conditions, thresholds, the webhook allow-list, the
 * parameters' values), fed the JSON body as its form fields. */
#include "pages/pages.h"
#include "pages/api_internal.h"
#include "store/alerts.h"
#include "store/audit.h"
#include "tasks/tasks.h"

#include <stdio.h>
#include <string.h>

/* The body's members an alert reads, as its form names them. */
static const char *const fields[] = {"name", "connection_id", "sql", "condition", "threshold",
                                     "anomaly_k", "anomaly_n", "rows_expect", "interval_minutes",
                                     "webhook_url", "email_to", NULL};

static void add(req_t *r, const char *name, const char *value)
{
    kv_add(r->arena, &r->form, name, strlen(name), value, strlen(value));
}

/* body's fields (and "params": {name: value} as p_<name>) into r's form.
 * -1 with a 422 answered for a value that is not a scalar. */
static int body_into_form(req_t *r, const json_t *body)
{
    if (api_body_into_form(r, body, fields) < 0)
        return -1;
    const json_t *params = json_object_get(body, "params"), *v;
    const char *k;
    if (params && !json_is_object(params)) {
        api_error(r, 422, NULL, "\"params\" must be an object of {{name}}: value.");
        return -1;
    }
    json_object_foreach((json_t *)params, k, v) {
        const char *t = api_text_of(r, v);
        if (t)
            add(r, arena_printf(r->arena, "p_%s", k), t);
    }
    return 0;
}

/* The alert's own values for the fields the body left out (PATCH). */
static void alert_into_form(req_t *r, const store_alert_t *al)
{
    json_t *o = store_alert_json(al);
    for (size_t i = 0; fields[i]; i++) {
        const char *key = strcmp(fields[i], "sql") == 0 ? "sql_text" : fields[i];
        const char *t = api_text_of(r, json_object_get(o, key));
        if (t && !kv_get(&r->form, fields[i]))
            add(r, fields[i], t);
    }
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(o, "params"), i, p) {
        const char *name = json_string_value(json_object_get(p, "name"));
        const char *t = api_text_of(r, json_object_get(p, "value"));
        if (name && t && !kv_get(&r->form, arena_printf(r->arena, "p_%s", name)))
            add(r, arena_printf(r->arena, "p_%s", name), t);
    }
    json_decref(o);
}

void api_alerts(req_t *r)
{
    store_alert_t *rows;
    size_t n;
    if (store_alert_list(r->arena, r->user->org_id, &rows, &n) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, store_alert_json(&rows[i]));
    api_reply_page(r, items);
}

static int load(req_t *r, store_alert_t *al)
{
    if (store_alert_get(r->arena, r->user->org_id, http_route_param(r, "id"), al) == 0)
        return 0;
    api_error(r, 404, NULL, "There is no such alert in your organization.");
    return -1;
}

void api_alert(req_t *r)
{
    store_alert_t al;
    if (load(r, &al) == 0)
        api_reply(r, 200, store_alert_json(&al));
}

/* GET /api/v1/alerts/{id}/events: its last 200 events, newest first. */
void api_alert_events(req_t *r)
{
    store_alert_t al;
    size_t n;
    if (load(r, &al) < 0)
        return;
    store_alert_event_t *ev = store_alert_events(r->arena, r->user->org_id, al.id, 200, &n);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, store_alert_event_json(&ev[i]));
    api_reply_page(r, items);
}

/* Save through the page's rules; the alert (201/200) or 422 with every
 * field's error. */
static void save(req_t *r, const char *id)
{
    form_t f;
    const char *aid = NULL;
    form_open(&f, r);
    if (page_alert_save(r, &f, id, &aid) < 0) {
        const char *first = json_string_value(json_object_iter_value(json_object_iter(f.errors)));
        json_t *err = json_pack("{s:s, s:s, s:O}", "code", "invalid", "message",
                                first ? first : "Check the alert's fields.", "fields", f.errors);
        form_close(&f);
        api_reply(r, 422, json_pack("{s:o}", "error", err));
        return;
    }
    form_close(&f);
    store_alert_t al;
    if (store_alert_get(r->arena, r->user->org_id, aid, &al) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    if (!id)
        http_header(r, "Location", arena_printf(r->arena, "/api/v1/alerts/%s", aid));
    api_reply(r, id ? 200 : 201, store_alert_json(&al));
}

void api_alert_create(req_t *r)
{
    json_t *body = api_body(r);
    if (body && body_into_form(r, body) == 0)
        save(r, NULL);
}

void api_alert_update(req_t *r)
{
    json_t *body = api_body(r);
    store_alert_t al;
    if (!body || load(r, &al) < 0 || body_into_form(r, body) < 0)
        return;
    alert_into_form(r, &al);
    save(r, al.id);
}

void api_alert_delete(req_t *r)
{
    store_alert_t al;
    if (load(r, &al) < 0)
        return;
    if (store_alert_delete(r->arena, r->user->org_id, al.id) < 0) {
        api_error(r, 503, NULL, "The alert could not be deleted. Try again.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "alert.delete", "alert", al.id,
                       json_pack("{s:s, s:s}", "name", al.name, "via", "api"), r->remote_addr);
    api_reply(r, 200, json_pack("{s:s, s:b}", "id", al.id, "deleted", 1));
}

/* POST /api/v1/alerts/{id}/check: a check now, by the worker; its value
 * and events appear on the alert (GET it, or its events) in seconds. */
void api_alert_check(req_t *r)
{
    store_alert_t al;
    char err[256], jid[33];
    if (load(r, &al) < 0)
        return;
    int rc = tasks_enqueue_alert_check(r->arena, r->user->org_id, al.id, jid, err, sizeof err);
    if (rc < 0) {
        api_error(r, 503, NULL, "The job queue is unavailable right now. Try again in a minute.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "alert.check_now", "alert", al.id,
                       json_pack("{s:s}", "via", "api"), r->remote_addr);
    api_reply(r, 202, json_pack("{s:s, s:s, s:b}", "id", al.id, "job_id", jid, "already_waiting",
                                rc == 1));
}
