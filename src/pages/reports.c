/* reports.c — scheduled reports from the pages: schedule a dashboard's PDF
 * (on its page) or a saved query's CSV (on its page) daily or weekly to a
 * list of addresses, "Send now", delete. The worker sends them
 * (tasks/reports.c); the cards on the two pages show each schedule's last
 * delivery, last error and next run. */
#include "pages/pages.h"
#include "store/audit.h"
#include "store/dashboards.h"
#include "store/queries.h"
#include "store/reports.h"
#include "tasks/tasks.h"

#include <stdlib.h>
#include <string.h>

/* An address DataMind sends to: ASCII, one @, a dotted domain of letters,
 * digits and hyphens, nothing that could end a header or a command. */
static int address_ok(const char *s)
{
    size_t len = strlen(s);
    const char *at = strchr(s, '@');
    if (len < 3 || len > 254 || !at || at == s || at - s > 64 || strchr(at + 1, '@'))
        return 0;
    for (const char *p = s; p < at; p++)
        if (!(('a' <= *p && *p <= 'z') || ('A' <= *p && *p <= 'Z') || ('0' <= *p && *p <= '9') ||
              strchr(".!#$%&'*+/=?^_`{|}~-", *p)))
            return 0;
    const char *d = at + 1;
    if (!*d || *d == '.' || *d == '-' || d[strlen(d) - 1] == '.' || d[strlen(d) - 1] == '-' ||
        !strchr(d, '.') || strstr(d, ".."))
        return 0;
    for (const char *p = d; *p; p++)
        if (!(('a' <= *p && *p <= 'z') || ('A' <= *p && *p <= 'Z') || ('0' <= *p && *p <= '9') ||
              *p == '.' || *p == '-'))
            return 0;
    return 1;
}

/* The form into n: 0, or -1 with *why (what to fix). */
static int read_form(req_t *r, store_report_new_t *n, const char **why)
{
    const char *list = http_param(r, "recipients"), *freq = http_param(r, "frequency");
    const char *wd = http_param(r, "weekday"), *hr = http_param(r, "hour");
    const char **rcpt = arena_alloc(r->arena, (STORE_REPORT_MAX_RCPT + 1) * sizeof *rcpt);
    size_t k = 0;
    char *copy = arena_strdup(r->arena, list ? list : ""), *save = NULL;
    for (char *t = strtok_r(copy, ", ;\t\r\n", &save); t; t = strtok_r(NULL, ", ;\t\r\n", &save)) {
        if (!address_ok(t)) {
            *why = arena_printf(r->arena, "\"%.80s\" is not an e-mail address DataMind can send to "
                                "(like name@example.com).", t);
            return -1;
        }
        int dup = 0;
        for (size_t i = 0; i < k; i++)
            dup |= strcasecmp(rcpt[i], t) == 0;
        if (dup)
            continue;
        if (k == STORE_REPORT_MAX_RCPT) {
            *why = "At most 20 addresses per schedule.";
            return -1;
        }
        rcpt[k++] = t;
    }
    if (k == 0) {
        *why = "Enter at least one e-mail address to send the report to.";
        return -1;
    }
    char *end = NULL;
    long h = hr && *hr ? strtol(hr, &end, 10) : -1, w = -1;
    if (h < 0 || h > 23 || (end && *end)) {
        *why = "Pick the hour (UTC) to send it at.";
        return -1;
    }
    int weekly = freq && strcmp(freq, "weekly") == 0;
    if (!weekly && !(freq && strcmp(freq, "daily") == 0)) {
        *why = "Pick daily or weekly.";
        return -1;
    }
    if (weekly) {
        end = NULL;
        w = wd && *wd ? strtol(wd, &end, 10) : -1;
        if (w < 0 || w > 6 || (end && *end)) {
            *why = "Pick the day of the week for a weekly report.";
            return -1;
        }
    }
    n->rcpt = rcpt;
    n->n_rcpt = k;
    n->frequency = weekly ? "weekly" : "daily";
    n->weekday = (int)w;
    n->hour = (int)h;
    return 0;
}

static void create(req_t *r, store_report_new_t *n, const char *back)
{
    const char *why = NULL;
    char *id = NULL;
    if (read_form(r, n, &why) < 0) {
        page_flash(r, "error", why);
    } else if (store_report_create(r->arena, r->user->org_id, r->user->id, n, &id) < 0) {
        page_flash(r, "error", "The schedule could not be saved. Try again.");
    } else {
        store_audit_record(r->arena, r->user->org_id, r->user->id, "report.create", "report", id,
                           json_pack("{s:s?, s:s?, s:s, s:i, s:i, s:i}", "dashboard", n->dashboard_id,
                                     "query", n->query_id, "frequency", n->frequency, "weekday",
                                     n->weekday, "hour", n->hour, "recipients", (int)n->n_rcpt),
                           r->remote_addr);
        page_flash(r, "ok", "Report scheduled.");
    }
    http_redirect(r, 303, arena_printf(r->arena, "%s#reports", back));
}

/* POST /dashboards/{id}/reports — its PDF by e-mail. */
void page_report_create_dashboard(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    if (!dashboard_can_edit(r, d)) {
        page_error(r, 403, "Only analysts and admins who may change this dashboard schedule it.");
        return;
    }
    store_report_new_t n = {.dashboard_id = d->id};
    create(r, &n, arena_printf(r->arena, "/dashboards/%s", d->id));
}

/* POST /queries/{id}/reports — its CSV by e-mail. */
void page_report_create_query(req_t *r)
{
    store_query_t q;
    if (store_query_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &q) < 0) {
        page_error(r, 404, "There is no such saved query (or it is someone's private one).");
        return;
    }
    store_report_new_t n = {.query_id = q.id};
    create(r, &n, arena_printf(r->arena, "/queries/%s", q.id));
}

/* The route's schedule when the user sees what it sends (its dashboard or
 * query), with the page to go back to; or a 404 page and -1. */
static int load(req_t *r, store_report_t *s, const char **back)
{
    store_dash_t d;
    store_query_t q;
    const char *org = r->user->org_id, *uid = r->user->id;
    if (store_report_get(r->arena, org, http_route_param(r, "id"), s) < 0 ||
        (s->dashboard_id ? store_dash_get(r->arena, org, uid, s->dashboard_id, &d)
                         : store_query_get(r->arena, org, uid, s->query_id, &q)) < 0) {
        page_error(r, 404, "There is no such scheduled report.");
        return -1;
    }
    *back = s->dashboard_id ? arena_printf(r->arena, "/dashboards/%s#reports", s->dashboard_id)
                            : arena_printf(r->arena, "/queries/%s#reports", s->query_id);
    return 0;
}

/* POST /reports/{id}/send — a run of its own, now. */
void page_report_send(req_t *r)
{
    store_report_t s;
    const char *back;
    if (load(r, &s, &back) < 0)
        return;
    char job[33], err[256];
    int rc = tasks_enqueue_report_send(r->arena, r->user->org_id, s.id, job, err, sizeof err);
    if (rc < 0)
        page_flash(r, "error", "The report could not be queued (the job queue is down). Try again.");
    else {
        if (rc == 0)
            store_audit_record(r->arena, r->user->org_id, r->user->id, "report.send_now", "report", s.id,
                               NULL, r->remote_addr);
        page_flash(r, "ok", rc == 1 ? "This report is already waiting to be sent."
                                    : "Sending now: its status below changes when it is sent.");
    }
    http_redirect(r, 303, back);
}

/* POST /reports/{id}/delete */
void page_report_delete(req_t *r)
{
    store_report_t s;
    const char *back;
    if (load(r, &s, &back) < 0)
        return;
    if (store_report_delete(r->arena, r->user->org_id, s.id) < 0) {
        page_error(r, 404, "There is no such scheduled report.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "report.delete", "report", s.id,
                       json_pack("{s:s}", "target", s.target), r->remote_addr);
    page_flash(r, "ok", "Scheduled report deleted.");
    http_redirect(r, 303, back);
}
