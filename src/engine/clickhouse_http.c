/* clickhouse_http.c — one statement to ClickHouse's HTTP interface.
 *
 * Every request goes to the address admitted at connect (CURLOPT_CONNECT_TO
 * pins it: the host name stays in the URL for TLS, the name is never looked
 * up again), with basic auth, no proxy, no redirects, and carries:
 *   database, query_id (a fresh uuid: cancel kills it by that id),
 *   readonly=1 — the boundary: the server refuses any write, any table
 *     function and any SET while it holds —
 *   and, when the user's profile lets a request set them, max_execution_time,
 *   max_result_rows / max_result_bytes with result_overflow_mode=break.
 * 18.16 refuses a request that sets what the user's profile fixed: a
 * profile with readonly=2 refuses readonly=1 (then readonly=2 is sent, still
 * read-only; the policy refuses table functions), a profile with
 * readonly=1 refuses every setting (then only readonly=1 goes, the
 * profile's limits hold and DataMind's own timeout and caps still apply).
 * connect (clickhouse.c) finds which of the three the server takes. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/mem.h"
#include "engine/internal.h"

#define ERROR_BODY_MAX 4096

void engine_ch_new_query_id(char out[40])
{
    unsigned char r[16];
    randombytes_buf(r, sizeof r);
    r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
    r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
    snprintf(out, 40, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12],
             r[13], r[14], r[15]);
}

int engine_ch_error_text(const char *body, size_t n, char *err, size_t errlen)
{
    const char *code = n > 6 && strncmp(body, "Code: ", 6) == 0 ? body + 6 : NULL;
    const char *msg = NULL, *end = body + n;
    const char *ex = memmem(body, n, "DB::Exception: ", 15);
    if (ex) {
        msg = ex + 15;
        const char *w = memmem(msg, (size_t)(end - msg), ", e.what() = ", 13);
        if (w)
            end = w;
    } else {
        msg = body;
    }
    while (end > msg && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
        end--;
    size_t len = (size_t)(end - msg);
    const char *nl = memchr(msg, '\n', len);
    if (nl)
        len = (size_t)(nl - msg);
    snprintf(err, errlen, "%.*s", (int)(len > 500 ? 500 : len), msg);
    if (!err[0])
        snprintf(err, errlen, "the server gave no reason");
    return code ? atoi(code) : 0;
}

typedef struct xfer {
    engine_ch_conn_t *c;
    engine_ch_request_t *rq;
    CURL *h;
    long status;
    buf_t error;
} xfer_t;

static size_t on_data(char *data, size_t size, size_t n, void *ctx)
{
    xfer_t *x = ctx;
    size_t len = size * n;
    if (x->c->cancelled)
        return 0;
    if (!x->status)
        curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &x->status);
    if (x->status != 200) {
        if (x->error.len < ERROR_BODY_MAX)
            buf_append(&x->error, data, len);
        return len;
    }
    if (x->rq->sink) {
        size_t took = x->rq->sink(data, size, n, x->rq->ctx);
        if (took != len)
            x->rq->stopped = 1;
        return took;
    }
    if (x->rq->body)
        buf_append(x->rq->body, data, len);
    return len;
}

static int on_progress(void *ctx, curl_off_t a, curl_off_t b, curl_off_t c2, curl_off_t d)
{
    (void)a, (void)b, (void)c2, (void)d;
    return ((xfer_t *)ctx)->c->cancelled ? 1 : 0;
}

static void url_param(CURL *h, buf_t *u, const char *key, const char *value)
{
    char *e = curl_easy_escape(h, value, 0);
    buf_printf(u, "%s%s=%s", u->len && buf_str(u)[u->len - 1] != '?' ? "&" : "", key,
               e ? e : "");
    curl_free(e);
}

static void url_limits(CURL *h, buf_t *u, const engine_run_t *run, int timeout_ms)
{
    char v[32];
    snprintf(v, sizeof v, "%d", (timeout_ms + 999) / 1000);
    url_param(h, u, "max_execution_time", v);
    if (!run)
        return;
    /* one row past the cap: the reader sees that there were more */
    snprintf(v, sizeof v, "%ld", (run->max_rows > 0 ? run->max_rows : 1000) + 1);
    url_param(h, u, "max_result_rows", v);
    /* the server counts bytes its own way (whole blocks): a margin over
     * DataMind's cap, which the reader applies exactly */
    size_t mb = run->max_result_bytes ? run->max_result_bytes : 32u << 20;
    snprintf(v, sizeof v, "%zu", mb * 4 + (64u << 20));
    url_param(h, u, "max_result_bytes", v);
    url_param(h, u, "result_overflow_mode", "break");
}

static void build_url(engine_ch_conn_t *c, CURL *h, engine_ch_request_t *rq, int timeout_ms,
                      buf_t *u)
{
    buf_puts(u, c->base);
    buf_putc(u, '?');
    if (c->database && *c->database)
        url_param(h, u, "database", c->database);
    url_param(h, u, "query_id", c->query_id);
    if (!rq->no_readonly)
        url_param(h, u, "readonly", c->mode == ENGINE_CH_RO2 ? "2" : "1");
    if (c->mode != ENGINE_CH_RO1)
        url_limits(h, u, rq->run, timeout_ms);
}

static int request_timeout(const engine_ch_request_t *rq)
{
    int t = rq->timeout_ms ? rq->timeout_ms : rq->run ? rq->run->timeout_ms : 0;
    if (t <= 0)
        t = 30000;
    return t > 86400000 ? 86400000 : t;
}

static void set_options(engine_ch_conn_t *c, CURL *h, xfer_t *x, const char *url,
                        struct curl_slist *pin, const char *body, int timeout_ms)
{
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_CONNECT_TO, pin);
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
    curl_easy_setopt(h, CURLOPT_USERNAME, c->user ? c->user : "default");
    curl_easy_setopt(h, CURLOPT_PASSWORD, c->password ? c->password : "");
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)(c->connect_timeout_s > 0 ? c->connect_timeout_s : 10));
    /* the server's max_execution_time first; DataMind's own a little later */
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)timeout_ms + 1500L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, c->verify ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, c->verify ? 2L : 0L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, x);
}

static int transfer_error(engine_ch_conn_t *c, engine_ch_request_t *rq, CURLcode rc,
                          int timeout_ms, char *err, size_t errlen)
{
    if (rc == CURLE_OPERATION_TIMEDOUT) {
        rq->timed_out = 1;
        char kerr[200];
        engine_ch_kill(c, c->query_id, kerr, sizeof kerr);
        snprintf(err, errlen, "the query ran longer than %d s and was cancelled",
                 (timeout_ms + 999) / 1000);
        return -1;
    }
    if (c->cancelled) {
        snprintf(err, errlen, "the query was cancelled");
        return -1;
    }
    if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_GOT_NOTHING || rc == CURLE_RECV_ERROR ||
        rc == CURLE_SEND_ERROR || rc == CURLE_PARTIAL_FILE) {
        c->lost = 1;
        snprintf(err, errlen, "the connection to the database was lost");
        return -1;
    }
    snprintf(err, errlen, "the database could not be reached: %s", curl_easy_strerror(rc));
    return -1;
}

static int finish(engine_ch_conn_t *c, engine_ch_request_t *rq, xfer_t *x, CURLcode rc,
                  int timeout_ms, char *err, size_t errlen)
{
    if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && rq->stopped && !c->cancelled))
        return transfer_error(c, rq, rc, timeout_ms, err, errlen);
    if (x->status == 0)
        curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &x->status);
    if (x->status == 200)
        return 0;
    if (x->status == 401 || x->status == 403 || x->error.len == 0) {
        if (x->error.len) {
            rq->code = engine_ch_error_text(buf_str(&x->error), x->error.len, err, errlen);
            return -1;
        }
        snprintf(err, errlen, "the server answered HTTP %ld", x->status);
        return -1;
    }
    rq->code = engine_ch_error_text(buf_str(&x->error), x->error.len, err, errlen);
    if (rq->code == 159) { /* TIMEOUT_EXCEEDED */
        rq->timed_out = 1;
        snprintf(err, errlen, "the query ran longer than %d s and was cancelled",
                 (timeout_ms + 999) / 1000);
    }
    return -1;
}

int engine_ch_request(engine_ch_conn_t *c, engine_ch_request_t *rq, char *err, size_t errlen)
{
    CURL *h = curl_easy_init();
    if (!h) {
        snprintf(err, errlen, "could not start an HTTP request");
        return -1;
    }
    int timeout_ms = request_timeout(rq);
    xfer_t x = {.c = c, .rq = rq, .h = h};
    buf_t url = {0}, body = {0};
    engine_ch_new_query_id(c->query_id);
    build_url(c, h, rq, timeout_ms, &url);
    buf_puts(&body, rq->sql);
    if (rq->format)
        buf_printf(&body, "\nFORMAT %s", rq->format);
    struct curl_slist *pin = curl_slist_append(NULL, c->resolve);
    set_options(c, h, &x, buf_str(&url), pin, buf_str(&body), timeout_ms);
    rq->code = rq->timed_out = rq->stopped = 0;
    CURLcode rc = curl_easy_perform(h);
    int out = finish(c, rq, &x, rc, timeout_ms, err, errlen);
    memcpy(rq->last_query_id, c->query_id, sizeof rq->last_query_id);
    c->query_id[0] = '\0';
    curl_slist_free_all(pin);
    curl_easy_cleanup(h);
    buf_free(&url);
    buf_free(&body);
    buf_free(&x.error);
    return out;
}

/* KILL QUERY on a second request (ClickHouse lets a user kill its own
 * queries, readonly or not); SYNC would wait for it to stop: ASYNC. */
int engine_ch_kill(engine_ch_conn_t *c, const char *query_id, char *err, size_t errlen)
{
    if (!query_id || !*query_id)
        return 0;
    engine_ch_conn_t k = *c;   /* same address and user; its own query id */
    k.cancelled = 0;
    buf_t sql = {0};
    buf_printf(&sql, "KILL QUERY WHERE query_id = '%s' ASYNC", query_id); /* a uuid we made */
    buf_t out = {0};
    engine_ch_request_t rq = {.sql = buf_str(&sql), .timeout_ms = 5000, .body = &out};
    int rc = engine_ch_request(&k, &rq, err, errlen);
    buf_free(&sql);
    buf_free(&out);
    return rc;
}

static int rows_header(void *ctx, int ncols, char **names, char **types)
{
    (void)ctx, (void)ncols, (void)names, (void)types;
    return 0;
}

static int rows_row(void *ctx, int ncols, const engine_ch_cell_t *cells)
{
    json_t *row = json_array();
    for (int i = 0; i < ncols; i++)
        json_array_append_new(row, cells[i].s ? json_stringn(cells[i].s, cells[i].n) : json_null());
    json_array_append_new(ctx, row);
    return 0;
}

int engine_ch_query_rows(engine_ch_conn_t *c, const char *sql, int timeout_ms, json_t **rows,
                         char *err, size_t errlen)
{
    buf_t body = {0};
    engine_ch_request_t rq = {.sql = sql, .timeout_ms = timeout_ms,
                              .format = "TabSeparatedWithNamesAndTypes", .body = &body};
    *rows = NULL;
    if (engine_ch_request(c, &rq, err, errlen) < 0) {
        buf_free(&body);
        return -1;
    }
    engine_ch_tsv_t p;
    engine_ch_tsv_init(&p, 1u << 20);
    json_t *out = json_array();
    p.header = rows_header;
    p.row = rows_row;
    p.ctx = out;
    int rc = engine_ch_tsv_feed(&p, body.data ? body.data : "", body.len);
    if (rc == 0)
        rc = engine_ch_tsv_finish(&p);
    if (rc < 0)
        engine_ch_error_text(engine_ch_tsv_error(&p), strlen(engine_ch_tsv_error(&p)), err, errlen);
    engine_ch_tsv_free(&p);
    buf_free(&body);
    if (rc < 0) {
        json_decref(out);
        return -1;
    }
    *rows = out;
    return 0;
}
