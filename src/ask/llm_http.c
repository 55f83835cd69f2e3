/* llm_http.c — one chat completion over libcurl, both wire formats, with
 * timeouts and polite retries. See llm.h. */
#include "ask/llm.h"
#include "core/buf.h"
#include "core/mem.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum { PROV_NONE, PROV_ANTHROPIC, PROV_OPENAI, PROV_UNKNOWN };

#define RETRY_AFTER_CAP_MS 60000L  /* a server asking for more is answered "no" */

/* What one HTTP try brought back. */
typedef struct http_resp {
    buf_t body;
    int too_big;          /* body passed LLM_MAX_REPLY_BYTES: transfer aborted */
    long retry_after_ms;  /* -1 when the header was absent or unreadable */
    long status;
} http_resp_t;

static int provider_kind(const char *p)
{
    if (!p || !*p || strcmp(p, "none") == 0)
        return PROV_NONE;
    if (strcmp(p, "anthropic") == 0)
        return PROV_ANTHROPIC;
    if (strcmp(p, "openai") == 0)
        return PROV_OPENAI;
    return PROV_UNKNOWN;
}

int llm_enabled(const llm_config_t *c)
{
    return c && provider_kind(c->provider) != PROV_NONE;
}

long llm_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long llm_call_budget_ms(const llm_config_t *c, long now)
{
    long total = c && c->total_timeout_ms > 0 ? c->total_timeout_ms : LLM_DEFAULT_TOTAL_MS;
    if (c && c->deadline_ms > 0 && c->deadline_ms - now < total)
        total = c->deadline_ms - now;
    return total < LLM_MIN_CALL_MS ? 0 : total;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
    while (nanosleep(&ts, &ts) != 0)
        ;
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
    http_resp_t *r = arg;
    size_t len = size * n;
    if (r->body.len + len > LLM_MAX_REPLY_BYTES) {
        r->too_big = 1;
        return 0;  /* CURLE_WRITE_ERROR ends the transfer */
    }
    buf_append(&r->body, p, len);
    return len;
}

/* Retry-After: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
static long parse_retry_after(const char *v)
{
    char *end;
    long s = strtol(v, &end, 10);
    if (end != v && (*end == '\0' || *end == '\r' || *end == '\n' || *end == ' '))
        return s < 0 ? 0 : (s > RETRY_AFTER_CAP_MS / 1000 ? RETRY_AFTER_CAP_MS : s * 1000);
    time_t when = curl_getdate(v, NULL);
    if (when == (time_t)-1)
        return -1;
    long ms = (long)(when - time(NULL)) * 1000;
    return ms < 0 ? 0 : (ms > RETRY_AFTER_CAP_MS ? RETRY_AFTER_CAP_MS : ms);
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
    http_resp_t *r = arg;
    size_t len = size * n;
    static const char name[] = "retry-after:";
    if (len > sizeof name - 1 && len < 200 && strncasecmp(p, name, sizeof name - 1) == 0) {
        char v[200];
        size_t i = sizeof name - 1;
        while (i < len && (p[i] == ' ' || p[i] == '\t'))
            i++;
        memcpy(v, p + i, len - i);
        v[len - i] = '\0';
        v[strcspn(v, "\r\n")] = '\0';
        r->retry_after_ms = parse_retry_after(v);
    }
    return len;
}

/* {base}/v1/{path}, the base's trailing '/' and "/v1" not doubled. */
static char *build_url(int kind, const char *base)
{
    if (!base || !*base)
        base = kind == PROV_ANTHROPIC ? "https://api.anthropic.com" : "https://api.openai.com";
    size_t n = strlen(base);
    while (n > 0 && base[n - 1] == '/')
        n--;
    buf_t u = {0};
    buf_append(&u, base, n);
    if (!(n >= 3 && strncmp(base + n - 3, "/v1", 3) == 0))
        buf_puts(&u, "/v1");
    buf_puts(&u, kind == PROV_ANTHROPIC ? "/messages" : "/chat/completions");
    return buf_detach(&u);
}

static char *build_body(int kind, const llm_config_t *c, const char *system,
                        const json_t *messages, int max_tokens)
{
    json_t *body = json_object();
    json_t *msgs = json_array();
    json_object_set_new(body, "model", json_string(c->model ? c->model : ""));
    json_object_set_new(body, "max_tokens", json_integer(max_tokens > 0 ? max_tokens : 1024));
    json_object_set_new(body, "temperature", json_integer(0));
    if (kind == PROV_ANTHROPIC && system && *system)
        json_object_set_new(body, "system", json_string(system));
    if (kind == PROV_OPENAI && system && *system)
        json_array_append_new(msgs, json_pack("{s:s,s:s}", "role", "system", "content", system));
    size_t i;
    json_t *m;
    json_array_foreach((json_t *)messages, i, m)
        json_array_append(msgs, m);
    json_object_set_new(body, "messages", msgs);
    char *s = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    return s;
}

static struct curl_slist *build_headers(int kind, const llm_config_t *c)
{
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    buf_t line = {0};
    if (kind == PROV_ANTHROPIC) {
        h = curl_slist_append(h, "anthropic-version: 2023-06-01");
        if (c->api_key && *c->api_key)
            buf_printf(&line, "x-api-key: %s", c->api_key);
    } else if (c->api_key && *c->api_key) {
        buf_printf(&line, "Authorization: Bearer %s", c->api_key);
    }
    if (line.len && !strpbrk(line.data, "\r\n"))  /* a key cannot add headers */
        h = curl_slist_append(h, line.data);
    buf_free(&line);
    h = curl_slist_append(h, "Expect:");  /* no 100-continue round trip */
    return h;
}

static void set_options(CURL *h, const char *url, const char *body,
                        struct curl_slist *hdr, http_resp_t *r)
{
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  /* a redirect is an error */
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(h, CURLOPT_USERAGENT, "DataMind");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
}

static void format_secs(long ms, char *out, size_t n)
{
    if (ms % 1000 == 0)
        snprintf(out, n, "%ld s", ms / 1000);
    else
        snprintf(out, n, "%.1f s", ms / 1000.0);
}

#define DEADLINE_MESSAGE "the LLM did not answer in time: this question's time limit was reached"

/* A transport failure, in words a user can act on. by_deadline: the
 * question's deadline, not the per-call timeout, set the time allowed. */
static void describe_curl(CURLcode rc, const http_resp_t *r, const char *url, long total_ms,
                          int by_deadline, char *err, size_t errlen)
{
    char secs[32];
    format_secs(total_ms, secs, sizeof secs);
    if (rc == CURLE_OPERATION_TIMEDOUT && by_deadline)
        snprintf(err, errlen, DEADLINE_MESSAGE);
    else if (rc == CURLE_OPERATION_TIMEDOUT)
        snprintf(err, errlen, "the LLM did not answer within %s", secs);
    else if (rc == CURLE_WRITE_ERROR && r->too_big)
        snprintf(err, errlen, "the LLM's answer was larger than %d MB",
                 LLM_MAX_REPLY_BYTES / (1024 * 1024));
    else if (rc == CURLE_COULDNT_CONNECT)
        snprintf(err, errlen, "could not connect to the LLM at %s", url);
    else if (rc == CURLE_COULDNT_RESOLVE_HOST)
        snprintf(err, errlen, "could not resolve the LLM's host in %s", url);
    else
        snprintf(err, errlen, "could not reach the LLM: %s", curl_easy_strerror(rc));
}

/* error.message (Anthropic, OpenAI) or error (Ollama) from an error body. */
static void error_detail(const buf_t *body, char *out, size_t n)
{
    out[0] = '\0';
    json_t *j = json_loads(buf_str(body), 0, NULL);
    json_t *e = json_object_get(j, "error");
    const char *msg = json_is_string(e) ? json_string_value(e)
                                        : json_string_value(json_object_get(e, "message"));
    if (msg)
        snprintf(out, n, ": %.200s", msg);
    json_decref(j);
}

/* A final HTTP status, not worth another try. */
static void describe_status(const http_resp_t *r, int tries, char *err, size_t errlen)
{
    char detail[220];
    error_detail(&r->body, detail, sizeof detail);
    long s = r->status;
    if (s == 401 || s == 403)
        snprintf(err, errlen, "the LLM rejected the API key (%ld)", s);
    else if (s == 429)
        snprintf(err, errlen, "the LLM is rate-limited; tried %d time%s", tries,
                 tries == 1 ? "" : "s");
    else if (s >= 500)
        snprintf(err, errlen, "the LLM failed with HTTP %ld; tried %d time%s", s, tries,
                 tries == 1 ? "" : "s");
    else if (s == 404)
        snprintf(err, errlen, "the LLM endpoint or model was not found (404)%s", detail);
    else if (s >= 300 && s < 400)
        snprintf(err, errlen, "the LLM endpoint redirected (%ld); check its base URL", s);
    else
        snprintf(err, errlen, "the LLM refused the request (%ld)%s", s, detail);
}

/* Text and token counts out of a 2xx body. */
static int parse_reply(int kind, const buf_t *body, llm_reply_t *out, char *err, size_t errlen)
{
    json_t *j = json_loads(buf_str(body), 0, NULL);
    if (!json_is_object(j)) {
        json_decref(j);
        snprintf(err, errlen, "the LLM answered with something that is not JSON");
        return -1;
    }
    buf_t text = {0};
    json_t *usage = json_object_get(j, "usage");
    if (kind == PROV_ANTHROPIC) {
        size_t i;
        json_t *blk;
        json_array_foreach(json_object_get(j, "content"), i, blk) {
            const char *t = json_string_value(json_object_get(blk, "text"));
            if (t)
                buf_puts(&text, t);
        }
        out->usage.input_tokens = json_integer_value(json_object_get(usage, "input_tokens"));
        out->usage.output_tokens = json_integer_value(json_object_get(usage, "output_tokens"));
    } else {
        json_t *msg = json_object_get(json_array_get(json_object_get(j, "choices"), 0), "message");
        const char *t = json_string_value(json_object_get(msg, "content"));
        if (t)
            buf_puts(&text, t);
        out->usage.input_tokens = json_integer_value(json_object_get(usage, "prompt_tokens"));
        out->usage.output_tokens = json_integer_value(json_object_get(usage, "completion_tokens"));
    }
    json_decref(j);
    if (text.len == 0) {
        snprintf(err, errlen, "the LLM's answer held no text");
        return -1;
    }
    out->text = buf_detach(&text);
    return 0;
}

static int retryable(long status)
{
    return status == 429 || (status >= 500 && status != 501 && status != 505);
}

/* Try until an answer, a final error, the retry budget or the time
 * allowed (total: the per-call timeout or what the deadline leaves). */
static int post_with_retries(CURL *h, int kind, const llm_config_t *c, long total, const char *url,
                             const char *body, struct curl_slist *hdr, llm_reply_t *out,
                             char *err, size_t errlen)
{
    long conn = c->connect_timeout_ms > 0 ? c->connect_timeout_ms : LLM_DEFAULT_CONNECT_MS;
    int retries = c->max_retries < 0 ? 0 : (c->max_retries ? c->max_retries : LLM_DEFAULT_RETRIES);
    long per_call = c->total_timeout_ms > 0 ? c->total_timeout_ms : LLM_DEFAULT_TOTAL_MS;
    int by_deadline = total < per_call;
    long start = llm_now_ms();
    for (int tries = 1;; tries++) {
        http_resp_t r = { .retry_after_ms = -1 };
        long left = total - (llm_now_ms() - start);
        set_options(h, url, body, hdr, &r);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, left > 1 ? left : 1L);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, conn < left ? conn : (left > 1 ? left : 1L));
        CURLcode rc = curl_easy_perform(h);
        out->usage.attempts++;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
        int done = 1, ret = -1;
        if (rc != CURLE_OK)
            describe_curl(rc, &r, url, total, by_deadline, err, errlen);
        else if (r.status >= 200 && r.status < 300)
            ret = parse_reply(kind, &r.body, out, err, errlen);
        else {
            long wait = r.retry_after_ms >= 0 ? r.retry_after_ms
                                              : 500L << (tries < 8 ? tries - 1 : 7);
            left = total - (llm_now_ms() - start);
            if (retryable(r.status) && tries <= retries && wait < left) {
                sleep_ms(wait);
                done = 0;
            } else {
                describe_status(&r, tries, err, errlen);
            }
        }
        buf_free(&r.body);
        if (done)
            return ret;
    }
}

int llm_complete(const llm_config_t *c, const char *system, const json_t *messages,
                 int max_tokens, llm_reply_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int kind = provider_kind(c ? c->provider : NULL);
    if (kind == PROV_NONE) {
        snprintf(err, errlen, "no LLM is configured");
        return -1;
    }
    if (kind == PROV_UNKNOWN) {
        snprintf(err, errlen, "unknown LLM provider \"%.40s\" (anthropic, openai or none)",
                 c->provider);
        return -1;
    }
    if (!json_is_array(messages)) {
        snprintf(err, errlen, "the LLM request has no messages");
        return -1;
    }
    long budget = llm_call_budget_ms(c, llm_now_ms());
    if (budget == 0) {
        snprintf(err, errlen, DEADLINE_MESSAGE);
        return -1;
    }
    CURL *h = curl_easy_init();
    if (!h) {
        snprintf(err, errlen, "could not start an HTTP client for the LLM");
        return -1;
    }
    long start = llm_now_ms();
    char *url = build_url(kind, c->base_url);
    char *body = build_body(kind, c, system, messages, max_tokens);
    struct curl_slist *hdr = build_headers(kind, c);
    int rc = post_with_retries(h, kind, c, budget, url, body, hdr, out, err, errlen);
    out->usage.ms = llm_now_ms() - start;
    out->usage.calls = rc == 0;
    curl_slist_free_all(hdr);
    free(body);
    free(url);
    curl_easy_cleanup(h);
    return rc;
}

void llm_reply_free(llm_reply_t *r)
{
    if (!r)
        return;
    free(r->text);
    memset(r, 0, sizeof *r);
}
