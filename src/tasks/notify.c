/* notify.c — notify.deliver: one delivery of one alert event, by webhook
 * (Slack-compatible JSON, through webhook.c, which checks the address again)
 * or e-mail (SMTP through libcurl), retried on its own; the last failure is
 * shown on the alert page. */
#include "tasks/tasks_internal.h"
#include "core/buf.h"
#include "core/config.h"
#include "store/alerts.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct upload_ctx {
    const char *data;
    size_t len, pos;
} upload_ctx_t;

static size_t mail_read(char *p, size_t s, size_t n, void *u)
{
    upload_ctx_t *m = u;
    size_t k = s * n, left = m->len - m->pos;
    if (k > left)
        k = left;
    memcpy(p, m->data + m->pos, k);
    m->pos += k;
    return k;
}

static int send_mail(const char *to, const char *subject, const char *text, const char *html,
                     char *err, size_t errlen)
{
    if (!*cfg->smtp_url) {
        snprintf(err, errlen, "e-mail is not set up (DATAMIND_SMTP_URL)");
        return -1;
    }
    char date[64];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    buf_t m = {0};
    buf_printf(&m, "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\nMIME-Version: 1.0\r\n"
               "Content-Type: multipart/alternative; boundary=\"dm-alt\"\r\n\r\n"
               "--dm-alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n"
               "--dm-alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n%s\r\n--dm-alt--\r\n",
               date, cfg->smtp_from, to, subject, text, html);
    CURL *c = curl_easy_init();
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    upload_ctx_t u = {m.data, m.len, 0};
    curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, cfg->smtp_from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, mail_read);
    curl_easy_setopt(c, CURLOPT_READDATA, &u);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 15000L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    buf_free(&m);
    if (rc != CURLE_OK) {
        snprintf(err, errlen, "e-mail failed: %s", curl_easy_strerror(rc));
        return -1;
    }
    return 0;
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
