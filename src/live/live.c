/* live.c — channel ids, who may read them, and publishing to nchan. */
#include "live/live.h"
#include "core/config.h"
#include "core/log.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

int live_enabled(void)
{
    return cfg && cfg->live_url && *cfg->live_url;
}

/* An id part: letters, digits and '-' (UUIDs), 1 to 64 of them. */
static int id_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return 0;
    }
    return 1;
}

const char *live_channel_user(arena_t *a, const char *org_id, const char *user_id)
{
    if (!id_ok(org_id) || !id_ok(user_id))
        return NULL;
    return arena_printf(a, "u.%s.%s", org_id, user_id);
}

const char *live_channel_org(arena_t *a, const char *org_id)
{
    return id_ok(org_id) ? arena_printf(a, "o.%s", org_id) : NULL;
}

const char *live_channel_item(arena_t *a, const char *org_id, const char *user_id,
                              const char *kind, const char *id)
{
    if (!id_ok(org_id) || !id_ok(user_id) || !id_ok(kind) || !id_ok(id))
        return NULL;
    return arena_printf(a, "u.%s.%s.%s.%s", org_id, user_id, kind, id);
}

const char *live_channel_org_item(arena_t *a, const char *org_id, const char *kind, const char *id)
{
    if (!id_ok(org_id) || !id_ok(kind) || !id_ok(id))
        return NULL;
    return arena_printf(a, "o.%s.%s.%s", org_id, kind, id);
}

/* s starts with the part p and then the character end ('\0' or '.'). */
static const char *part(const char *s, const char *p, char end)
{
    size_t n = strlen(p);
    if (strncmp(s, p, n) != 0 || s[n] != end)
        return NULL;
    return s + n + (end ? 1 : 0);
}

/* "<kind>.<id>": two id parts. */
static int kind_and_id(const char *rest)
{
    const char *dot = strchr(rest, '.');
    if (!dot || dot == rest)
        return 0;
    char kind[65];
    size_t kn = (size_t)(dot - rest);
    if (kn >= sizeof kind)
        return 0;
    memcpy(kind, rest, kn);
    kind[kn] = '\0';
    return id_ok(kind) && id_ok(dot + 1);
}

int live_channel_allowed(const char *ch, const char *org_id, const char *user_id)
{
    if (!ch || strlen(ch) > LIVE_CHANNEL_MAX || !id_ok(org_id) || !id_ok(user_id))
        return 0;
    const char *rest, *own;
    if ((rest = part(ch, "o", '.'))) { /* the org's, or one thing of the org's */
        if (part(rest, org_id, '\0'))
            return 1;
        own = part(rest, org_id, '.');
    } else { /* the user's, or one thing of the user's */
        if (!(rest = part(ch, "u", '.')) || !(rest = part(rest, org_id, '.')))
            return 0;
        if (part(rest, user_id, '\0'))
            return 1;
        own = part(rest, user_id, '.');
    }
    return own && kind_and_id(own);
}

static size_t discard(char *p, size_t size, size_t n, void *u)
{
    (void)p;
    (void)u;
    return size * n;
}

int live_publish(const char *channel, const char *event, const char *html, char *err,
                 size_t errlen)
{
    if (!live_enabled())
        return 0;
    if (!channel || !event || !id_ok(event)) {
        snprintf(err, errlen, "live: no channel or a bad event name");
        return -1;
    }
    const char *base = cfg->live_url;
    char url[512], hdr[128];
    CURL *c = curl_easy_init();
    if (!c) {
        snprintf(err, errlen, "live: curl_easy_init failed");
        return -1;
    }
    if (strncmp(base, "unix:", 5) == 0) {
        curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, base + 5);
        snprintf(url, sizeof url, "http://localhost/pub/%s", channel);
    } else {
        snprintf(url, sizeof url, "%s/pub/%s", base, channel);
    }
    snprintf(hdr, sizeof hdr, "X-EventSource-Event: %s", event);
    struct curl_slist *h = curl_slist_append(NULL, hdr);
    h = curl_slist_append(h, "Content-Type: text/html; charset=utf-8");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, html ? html : "");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 1000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 3000L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http");
    CURLcode rc = curl_easy_perform(c);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) {
        snprintf(err, errlen, "live: publishing to %s failed: %s", channel, curl_easy_strerror(rc));
        return -1;
    }
    if (code < 200 || code > 299) {
        snprintf(err, errlen, "live: publishing to %s: nchan answered %ld", channel, code);
        return -1;
    }
    return 0;
}

int live_publish_bell(arena_t *a, const char *org_id, const char *user_id, long unread)
{
    if (!live_enabled() || unread < 0)
        return 0;
    char err[256];
    const char *html = unread > 0 ? arena_printf(a, "<span class=\"bell-count\">%ld</span>", unread) : "";
    if (live_publish(live_channel_user(a, org_id, user_id), "bell", html, err, sizeof err) < 0) {
        log_msg(LOG_WARN, "%s", err);
        return -1;
    }
    return 0;
}

/* text with & < > " escaped, in the arena */
static const char *html_escape(arena_t *a, const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += *p == '&' ? 5 : *p == '<' || *p == '>' ? 4 : *p == '"' ? 6 : 1;
    char *out = arena_alloc(a, n + 1), *o = out;
    for (const char *p = s; *p; p++) {
        const char *r = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '"' ? "&quot;" : NULL;
        if (r) {
            memcpy(o, r, strlen(r));
            o += strlen(r);
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

/* The <progress> and message of templates/upload_status.mustache. */
int live_publish_progress(arena_t *a, const char *channel, int pct, const char *message)
{
    if (!live_enabled())
        return 0;
    char err[256];
    pct = pct < 0 ? 0 : pct > 100 ? 100 : pct;
    const char *html = arena_printf(a, "<progress max=\"100\" value=\"%d\"></progress>\n<p class=\"muted\">%s</p>",
                                    pct, html_escape(a, message ? message : ""));
    if (live_publish(channel, "progress", html, err, sizeof err) < 0) {
        log_msg(LOG_WARN, "%s", err);
        return -1;
    }
    return 0;
}

int live_publish_done(const char *channel, const char *status)
{
    if (!live_enabled())
        return 0;
    char err[256];
    if (live_publish(channel, "done", status ? status : "", err, sizeof err) < 0) {
        log_msg(LOG_WARN, "%s", err);
        return -1;
    }
    return 0;
}

int live_publish_text(arena_t *a, const char *channel, const char *event, const char *text)
{
    if (!live_enabled() || !channel)
        return 0;
    char err[256];
    if (live_publish(channel, event, html_escape(a, text ? text : ""), err, sizeof err) < 0) {
        log_msg(LOG_WARN, "%s", err);
        return -1;
    }
    return 0;
}
