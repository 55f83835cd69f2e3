/* alerts.c — alerts: list, create (from SQL, a saved query or a chat
 * answer), the alert page (state, history with the threshold, events),
 * edit, on/off, mute, check now, delete. */
#include "pages/pages.h"
#include "query/query.h"
#include "store/alerts.h"
#include "store/chats.h"
#include "store/connections.h"
#include "store/queries.h"
#include "store/audit.h"
#include "tasks/tasks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const conditions[][2] = {
    {"above", "is above"}, {"below", "is below"}, {"change_pct", "changes by more than (%)"},
    {"anomaly", "is unusual (k standard deviations)"}, {"rows", "returns rows / no rows"}};

static json_t *condition_options(const char *current)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < 5; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", conditions[i][0], "label",
                                             conditions[i][1], "selected",
                                             current && strcmp(current, conditions[i][0]) == 0));
    return arr;
}

static json_t *form_ctx(req_t *r, const char *title, json_t *values)
{
    json_t *ctx = page_ctx(r, title, "alerts");
    store_conn_t *rows;
    size_t n;
    store_conn_list(r->arena, r->user->org_id, &rows, &n);
    const char *sel = json_string_value(json_object_get(values, "connection_id"));
    json_object_set_new(ctx, "connections", store_conn_list_json(rows, n, sel));
    json_object_set_new(ctx, "conditions", condition_options(json_string_value(json_object_get(values, "condition"))));
    /* the SQL's {{name}} parameters: the values every check runs with */
    const char *sql = json_string_value(json_object_get(values, "sql_text"));
    if (!sql)
        sql = json_string_value(json_object_get(values, "sql"));
    json_t *decl = json_is_array(json_object_get(values, "params"))
                       ? json_incref(json_object_get(values, "params"))
                       : params_read(r, sql ? sql : "", NULL);
    json_t *view = params_view(r, sql, decl, NULL, sel);
    json_decref(decl);
    json_object_set_new(ctx, "has_params", json_boolean(json_array_size(view) > 0));
    json_object_set_new(ctx, "params_edit", json_true());
    json_object_set_new(ctx, "params", view);
    json_object_set_new(ctx, "a", values);
    return ctx;
}

void page_alerts(req_t *r)
{
    json_t *ctx = page_ctx(r, "Alerts", "alerts");
    store_alert_t *rows;
    size_t n;
    store_alert_list(r->arena, r->user->org_id, &rows, &n);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *al = store_alert_json(&rows[i]);
        json_object_set_new(al, arena_printf(r->arena, "state_%s", rows[i].state), json_true());
        json_array_append_new(list, al);
    }
    json_object_set_new(ctx, "empty", json_boolean(n == 0));
    json_object_set_new(ctx, "alerts", list);
    page_render(r, "alerts", ctx);
}

/* GET /alerts/new[?message=…|?query=…]: the form, filled from a chat
 * answer or a saved query when given. */
void page_alert_new(req_t *r)
{
    json_t *v = json_pack("{s:s, s:i, s:s}", "condition", "above", "interval_minutes", 60, "name", "");
    store_message_t m;
    store_query_t q;
    if (store_message_get(r->arena, r->user->org_id, r->user->id, http_query(r, "message"), &m) == 0) {
        json_object_set_new(v, "sql_text", m.sql_text ? json_string(m.sql_text) : json_null());
        json_object_set_new(v, "connection_id", m.connection_id ? json_string(m.connection_id) : json_null());
        json_object_set_new(v, "name", m.question ? json_string(m.question) : json_null());
    } else if (store_query_get(r->arena, r->user->org_id, r->user->id, http_query(r, "query"), &q) == 0) {
        json_object_set_new(v, "sql_text", json_string(q.sql_text));
        json_object_set_new(v, "connection_id", q.connection_id ? json_string(q.connection_id) : json_null());
        json_object_set_new(v, "name", json_string(q.name));
        /* its parameters, with the defaults or the ?p_name= values of the link */
        json_t *base = json_loads(q.params ? q.params : "[]", 0, NULL);
        json_object_set_new(v, "params", params_read(r, q.sql_text, base));
        json_decref(base);
    }
    page_render(r, "alert_form", form_ctx(r, "New alert", v));
}

static double num(const char *s, int *ok)
{
    char *end;
    double d = s && *s ? strtod(s, &end) : 0;
    *ok = s && *s && !*end && isfinite(d);
    return d;
}

/* Read and check the form; errors go into f. */
static void read_alert(req_t *r, form_t *f, store_alert_fields_t *af)
{
    int ok;
    af->name = form_text(f, "name", "Name", 1, 200);
    af->connection_id = form_text(f, "connection_id", "Connection", 1, 36);
    af->sql = form_text(f, "sql", "SQL", 1, 100000);
    af->condition = form_text(f, "condition", "Condition", 1, 20);
    af->threshold = num(form_text(f, "threshold", "Threshold", 0, 40), &af->has_threshold);
    af->anomaly_k = num(form_text(f, "anomaly_k", "k", 0, 20), &ok);
    af->anomaly_n = atoi(form_text(f, "anomaly_n", "N", 0, 5));
    af->rows_expect = form_text(f, "rows_expect", "Rows", 0, 4);
    const char *iv = form_text(f, "interval_minutes", "Interval", 1, 6);
    af->interval_minutes = atoi(iv);
    af->webhook_url = form_text(f, "webhook_url", "Webhook", 0, 2000);
    af->email_to = form_text(f, "email_to", "E-mail", 0, 254);
    int known = 0;
    for (size_t i = 0; i < 5; i++)
        known |= strcmp(af->condition, conditions[i][0]) == 0;
    if (!known)
        form_error(f, "condition", "Choose a condition.");
    if (af->interval_minutes < 1 || af->interval_minutes > 1440 || strspn(iv, "0123456789") != strlen(iv))
        form_error(f, "interval_minutes", "Check every 1 to 1,440 minutes.");
    if ((!strcmp(af->condition, "above") || !strcmp(af->condition, "below") ||
         !strcmp(af->condition, "change_pct")) && !af->has_threshold)
        form_error(f, "threshold", "This condition needs a threshold number.");
    if (!strcmp(af->condition, "anomaly") && (af->anomaly_n < 5 || af->anomaly_n > 1000 || !ok || af->anomaly_k <= 0))
        form_error(f, "anomaly_k", "An anomaly needs k > 0 and N from 5 to 1,000.");
    if (!strcmp(af->condition, "rows") && strcmp(af->rows_expect, "any") && strcmp(af->rows_expect, "none"))
        form_error(f, "rows_expect", "Choose “any rows” or “no rows”.");
    json_t *ch = json_pack("[s]", "in_app");
    char why[300];
    if (*af->webhook_url) {
        if (tasks_webhook_allowed(af->webhook_url, why, sizeof why) < 0)
            form_error(f, "webhook_url", why);
        json_array_append_new(ch, json_string("webhook"));
    }
    if (*af->email_to) {
        if (!strchr(af->email_to, '@') || strpbrk(af->email_to, " ,;<>\r\n"))
            form_error(f, "email_to", "Enter one e-mail address.");
        json_array_append_new(ch, json_string("email"));
    }
    af->channels = ch;
    arena_defer_json(r->arena, ch);
    /* the parameters' values are stored with the alert: each must be there
     * and of its type, or no check could run */
    json_t *decl = params_read(r, af->sql ? af->sql : "", NULL);
    char *text = json_dumps(decl, JSON_COMPACT);
    af->params = text ? arena_strdup(r->arena, text) : "[]";
    free(text);
    query_bound_t pb;
    if (af->sql && *af->sql && query_params_bind(r->arena, af->sql, decl, NULL, &pb, why, sizeof why) < 0)
        form_error(f, "sql", arena_printf(r->arena, "Check the parameters: %s.", why));
    json_decref(decl);
}

int page_alert_save(req_t *r, form_t *f, const char *id, const char **aid)
{
    store_alert_fields_t af = {0};
    read_alert(r, f, &af);
    char err[256], *nid = NULL;
    if (form_ok(f)) {
        int rc = id ? store_alert_update(r->arena, r->user->org_id, id, &af)
                    : store_alert_create(r->arena, r->user->org_id, r->user->id, &af, &nid, err,
                                         sizeof err);
        if (rc < 0)
            form_error(f, "connection_id", "Pick one of your organization's connections.");
    }
    if (!form_ok(f))
        return -1;
    *aid = id ? id : nid;
    store_audit_record(r->arena, r->user->org_id, r->user->id, id ? "alert.update" : "alert.create", "alert",
                 *aid, json_pack("{s:s, s:s}", "name", af.name, "condition", af.condition), r->remote_addr);
    return 0;
}

static void save(req_t *r, const char *id)
{
    form_t f;
    const char *aid = NULL;
    form_open(&f, r);
    if (page_alert_save(r, &f, id, &aid) < 0) {
        json_t *ctx = form_ctx(r, id ? "Edit alert" : "New alert", json_incref(f.values));
        if (id)
            json_object_set_new(json_object_get(ctx, "a"), "id", json_string(id));
        form_into(&f, ctx);
        r->status = 400;
        page_render(r, "alert_form", ctx);
        return;
    }
    form_close(&f);
    page_flash(r, "ok", id ? "Alert saved." : "Alert created. It is checked on its interval; “Check now” runs it at once.");
    http_redirect(r, 303, arena_printf(r->arena, "/alerts/%s", aid));
}

void page_alert_create(req_t *r)
{
    save(r, NULL);
}

/* The alert (in the request's arena), or a 404 page and NULL. */
static store_alert_t *load(req_t *r)
{
    store_alert_t *al = arena_alloc(r->arena, sizeof *al);
    if (store_alert_get(r->arena, r->user->org_id, http_route_param(r, "id"), al) == 0)
        return al;
    page_error(r, 404, "There is no such alert in your organization.");
    return NULL;
}

void page_alert_update(req_t *r)
{
    store_alert_t *al = load(r);
    if (al) {
        save(r, al->id);
    }
}

/* The value history as a result the chart module draws: value and, when
 * the condition has one, the threshold as a second line. */
static json_t *history_result(const store_alert_t *al, const store_alert_value_t *values, size_t n)
{
    int draw_th = al->has_threshold && (!strcmp(al->condition, "above") || !strcmp(al->condition, "below"));
    json_t *cols = json_pack("[{s:s, s:s}, {s:s, s:s}]", "name", "checked", "type", "timestamp",
                             "name", "value", "type", "number");
    if (draw_th)
        json_array_append_new(cols, json_pack("{s:s, s:s}", "name", "threshold", "type", "number"));
    json_t *rows = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!values[i].has_value)
            continue;
        json_t *row = json_pack("[s, f]", values[i].checked, values[i].value);
        if (draw_th)
            json_array_append_new(row, json_real(al->threshold));
        json_array_append_new(rows, row);
    }
    return json_pack("{s:o, s:o}", "columns", cols, "rows", rows);
}

void page_alert(req_t *r)
{
    store_alert_t *al = load(r);
    if (!al)
        return;
    json_t *ctx = page_ctx(r, al->name, "alerts");
    size_t nv, ne;
    store_alert_value_t *values = store_alert_values(r->arena, r->user->org_id, al->id, 200, &nv);
    json_t *hist = history_result(al, values, nv);
    if (json_array_size(json_object_get(hist, "rows")) >= 2) {
        json_t *cfg = json_pack("{s:s, s:s, s:[s]}", "type", "line", "x", "checked", "y", "value");
        if (json_array_size(json_object_get(hist, "columns")) == 3)
            json_array_append_new(json_object_get(cfg, "y"), json_string("threshold"));
        json_object_set_new(ctx, "chart", result_chart_from(hist, cfg));
        json_decref(cfg);
    }
    json_decref(hist);
    store_alert_event_t *ev = store_alert_events(r->arena, r->user->org_id, al->id, 50, &ne);
    json_t *events = json_array();
    for (size_t i = 0; i < ne; i++) {
        json_t *e = store_alert_event_json(&ev[i]);
        json_object_set_new(e, arena_printf(r->arena, "k_%s", ev[i].kind), json_true());
        json_array_append_new(events, e);
    }
    json_object_set_new(ctx, "events", events);
    json_object_set_new(ctx, "values_count", json_integer((json_int_t)nv));
    json_t *a = store_alert_json(al);
    json_object_set_new(a, arena_printf(r->arena, "state_%s", al->state), json_true());
    json_object_set_new(ctx, "a", a);
    page_render(r, "alert", ctx);
}

void page_alert_edit(req_t *r)
{
    store_alert_t *al = load(r);
    if (!al)
        return;
    json_t *ctx = form_ctx(r, "Edit alert", store_alert_json(al));
    page_render(r, "alert_form", ctx);
}

static void done(req_t *r, const store_alert_t *al, const char *action, const char *flash)
{
    store_audit_record(r->arena, r->user->org_id, r->user->id, action, "alert", al->id, NULL, r->remote_addr);
    page_flash(r, "ok", flash);
    http_redirect(r, 303, arena_printf(r->arena, "/alerts/%s", al->id));
}

void page_alert_toggle(req_t *r)
{
    store_alert_t *al = load(r);
    if (!al)
        return;
    int on = !al->is_active;
    store_alert_set_active(r->arena, r->user->org_id, al->id, on);
    done(r, al, on ? "alert.enable" : "alert.disable", on ? "Alert turned on." : "Alert turned off.");
}

void page_alert_mute(req_t *r)
{
    store_alert_t *al = load(r);
    if (!al)
        return;
    const char *m = http_param(r, "minutes");
    int minutes = m ? atoi(m) : 0;
    if (minutes < 0 || minutes > 60 * 24 * 30)
        minutes = 0;
    store_alert_mute(r->arena, r->user->org_id, al->id, minutes);
    done(r, al, "alert.mute", minutes ? "Muted: it is still checked, but nobody is told." : "Unmuted.");
}

void page_alert_check(req_t *r)
{
    store_alert_t *al = load(r);
    if (!al)
        return;
    char err[256], jid[33];
    int rc = tasks_enqueue_alert_check(r->arena, r->user->org_id, al->id, jid, err, sizeof err);
    if (rc < 0) {
        page_error(r, 503, "The job queue is unavailable right now. Try again in a minute.");
        return;
    }
    done(r, al, "alert.check_now", rc == 1 ? "A check of this alert is already waiting: its "
                                             "result appears here in a few seconds."
                                           : "Checking now: the result appears here in a few seconds.");
}

void page_alert_delete(req_t *r)
{
    store_alert_t *al = load(r);
    if (!al)
        return;
    store_alert_delete(r->arena, r->user->org_id, al->id);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "alert.delete", "alert", al->id,
                 json_pack("{s:s}", "name", al->name), r->remote_addr);
    page_flash(r, "ok", "Alert deleted.");
    http_redirect(r, 303, "/alerts");
}
