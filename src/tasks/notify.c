/* notify.c — notify.deliver: one delivery of one alert event, by webhook
 * (Slack-compatible JSON, through webhook.c, which checks the address again)
 * or e-mail (SMTP through libcurl), retried on its own; the last failure is
 * shown on the alert page. */
#include "tasks/tasks_internal.h"
#include "core/buf.h"
#include "core/config.h"
#include "store/alerts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One alert e-mail: text and HTML alternatives, through mail.c. */
static int send_mail(const char *to, const char *subject, const char *text, const char *html,
                     char *err, size_t errlen)
{
    buf_t m = {0};
    tasks_mail_headers(&m, to, subject);
    buf_printf(&m, "Content-Type: multipart/alternative; boundary=\"dm-alt\"\r\n\r\n"
               "--dm-alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n"
               "--dm-alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n%s\r\n--dm-alt--\r\n",
               text, html);
    const char *rcpt[1] = {to};
    int rc = tasks_mail_send(rcpt, 1, m.data, m.len, err, errlen);
    buf_free(&m);
    return rc;
}

/* The alert page's address for links in messages. */
static const char *alert_link(arena_t *a, const char *alert_id)
{
    return arena_printf(a, "%s/alerts/%s", cfg->base_url, alert_id);
}

/* The event's value as the webhook has always sent it: the number as
 * text (PostgreSQL's form), or null for an event without a value. */
static json_t *event_value(const store_alert_event_t *ev)
{
    if (!ev->has_value)
        return json_null();
    buf_t b = {0};
    buf_put_double(&b, ev->value);
    json_t *v = json_string(buf_str(&b));
    buf_free(&b);
    return v;
}

static void html_escape(buf_t *b, const char *s)
{
    buf_put_html(b, s, strlen(s));
}

int task_notify_deliver(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *aid = json_string_value(json_object_get(args, "alert_id"));
    const char *eid = json_string_value(json_object_get(args, "event_id"));
    const char *channel = json_string_value(json_object_get(args, "channel"));
    store_alert_t alert;
    store_alert_event_t ev;
    if (!org || !aid || !channel || store_alert_get(a, org, aid, &alert) < 0 ||
        store_alert_event_get(a, org, eid, &ev) < 0)
        return 0;
    const char *name = alert.name;
    const char *kind = ev.kind;
    const char *msg = ev.message;
    const char *link = alert_link(a, aid);
    const char *text = arena_printf(a, "[DataMind] %s %s: %s — %s", name, kind, msg, link);
    int rc;
    if (strcmp(channel, "webhook") == 0) {
        const char *url = alert.webhook_url;
        json_t *body = json_pack("{s:s, s:{s:s, s:s, s:s, s:o, s:s, s:s}}", "text", text, "alert",
                                 "id", aid, "name", name, "state", kind, "value",
                                 event_value(&ev), "message", msg, "url", link);
        char *s = json_dumps(body, JSON_COMPACT);
        rc = url ? tasks_webhook_post(url, s, cfg->webhook_allow, err, errlen) : (snprintf(err, errlen, "no webhook URL"), -1);
        free(s);
        json_decref(body);
    } else {
        const char *to = alert.email_to;
        buf_t h = {0};
        buf_puts(&h, "<p><strong>");
        html_escape(&h, name);
        buf_puts(&h, "</strong> ");
        html_escape(&h, kind);
        buf_puts(&h, "</p><p>");
        html_escape(&h, msg);
        buf_printf(&h, "</p><p><a href=\"%s\">Open the alert</a></p>"
                       "<p><img alt=\"value history\" src=\"%s.svg\"></p>", link, link);
        rc = to ? send_mail(to, arena_printf(a, "[DataMind] %s: %s", kind, name), text, buf_str(&h),
                            err, errlen)
                : (snprintf(err, errlen, "no e-mail address"), -1);
        buf_free(&h);
    }
    if (rc < 0)
        store_alert_record_delivery_failure(a, org, aid, eid,
                                            arena_printf(a, "%s delivery: %s", channel, err));
    return rc;
}
