/* worker.c — one pre-forked web worker: accept, build the request, call the
 * app, send the response, reset the arena; repeat.
 *
 * SIGTERM is blocked except while the worker waits in ppoll() for the next
 * connection, so a request that has started always finishes: the signal is
 * noticed between requests, and the worker then drains the listen backlog
 * and exits. */
#include "http/http.h"
#include "http/server_internal.h"
#include "core/config.h"
#include "core/log.h"
#include "core/net.h"

#include <errno.h>
#include <fcgiapp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t worker_stop;

static void on_term(int sig)
{
    (void)sig;
    worker_stop = 1;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The client's address: REMOTE_ADDR, or — only when that is a trusted proxy —
 * the right-most X-Forwarded-For entry that is not itself a trusted proxy. */
static const char *client_addr(req_t *r)
{
    const char *peer = http_env(r, "REMOTE_ADDR");
    const char *xff = http_env(r, "HTTP_X_FORWARDED_FOR");
    if (!peer || !xff || !net_ip_in_list(peer, cfg->trusted_proxies))
        return peer ? peer : "";
    char *list = arena_strdup(r->arena, xff);
    for (;;) {
        char *comma = strrchr(list, ',');
        char *ip = comma ? comma + 1 : list;
        while (*ip == ' ')
            ip++;
        if (!net_ip_in_list(ip, cfg->trusted_proxies) || !comma)
            return ip;
        *comma = '\0';
    }
}

static const char *path_of(req_t *r)
{
    const char *p = http_env(r, "DOCUMENT_URI");
    if (p && *p)
        return p;
    const char *uri = http_env(r, "REQUEST_URI");
    if (!uri || !*uri)
        return "/";
    return arena_strndup(r->arena, uri, strcspn(uri, "?"));
}

static void req_build(req_t *r, FCGX_Request *fr)
{
    for (char **e = fr->envp; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (eq)
            kv_add(r->arena, &r->params, *e, (size_t)(eq - *e), eq + 1, strlen(eq + 1));
    }
    const char *m = http_env(r, "REQUEST_METHOD");
    r->method = m ? m : "GET";
    r->path = path_of(r);
    r->query_string = http_env(r, "QUERY_STRING");
    r->content_type = http_env(r, "CONTENT_TYPE");
    const char *cl = http_env(r, "CONTENT_LENGTH");
    r->content_length = cl && *cl ? atol(cl) : 0;
    r->request_id = http_env(r, "REQUEST_ID");
    r->user_agent = http_header_in(r, "User-Agent");
    r->remote_addr = client_addr(r);
    /* A fragment is wanted only by htmx requests that are not boosted
     * navigation: a boosted link or form swaps in the whole page. */
    const char *hx = http_header_in(r, "HX-Request");
    r->htmx = hx && strcmp(hx, "true") == 0 && !http_header_in(r, "HX-Boosted");
    r->stream = fr->in;
    char err[128];
    if (r->query_string &&
        http_parse_urlencoded(r->arena, r->query_string, strlen(r->query_string), &r->query, err,
                              sizeof err) < 0)
        r->body_error = 400; /* the app shows a 400 page */
    http_parse_cookies(r->arena, http_header_in(r, "Cookie"), &r->cookies);
}

/* libfcgi takes an int length: write a body of any size_t length in
 * chunks (a length cast to int would turn past 2 GiB into a negative). */
#define PUT_CHUNK ((size_t)1 << 20)

static void put_all(FCGX_Stream *out, const char *s, size_t n)
{
    while (n > 0) {
        size_t k = n < PUT_CHUNK ? n : PUT_CHUNK;
        if (FCGX_PutStr(s, (int)k, out) < 0)
            return; /* the client is gone: FCGX_Finish_r cleans up */
        s += k;
        n -= k;
    }
}

static void req_send(req_t *r, FCGX_Request *fr)
{
    if (r->sent)
        return;
    if (!r->status)
        r->status = 200;
    FCGX_FPrintF(fr->out, "Status: %d\r\n", r->status);
    if (!strstr(buf_str(&r->headers), "Content-Type:"))
        FCGX_PutS("Content-Type: text/html; charset=utf-8\r\n", fr->out);
    put_all(fr->out, buf_str(&r->headers), r->headers.len);
    FCGX_PutS("\r\n", fr->out);
    if (strcmp(r->method, "HEAD") != 0 && r->body.len)
        put_all(fr->out, r->body.data, r->body.len);
}

static void req_log(const req_t *r, double secs)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:i, s:f, s:I, s:s}", "msg", "request", "method",
                          r->method, "path", r->path, "route",
                          r->route_name ? r->route_name : "-", "status", r->status, "ms",
                          secs * 1000.0, "bytes", (json_int_t)r->body.len, "ip", r->remote_addr);
    if (r->user)
        json_object_set_new(o, "user", json_string(r->user->id));
    log_json(r->status >= 500 ? LOG_ERROR : LOG_INFO, o);
}

static void serve_one(FCGX_Request *fr, arena_t *arena, const server_hooks_t *hooks)
{
    double t0 = now_s();
    req_t *r = arena_alloc(arena, sizeof *r);
    r->arena = arena;
    r->route_index = -1;
    req_build(r, fr);
    log_set_request(r->request_id);
    hooks->handle(r);
    req_send(r, fr);
    double secs = now_s() - t0;
    req_log(r, secs);
    metrics_observe(r->route_index, r->status, secs);
    buf_free(&r->headers);
    buf_free(&r->body);
    log_set_request(NULL);
}

/* Wait until the listen socket is readable, with SIGTERM let through only
 * here. 1 = readable, 0 = timeout or signal. */
static int wait_readable(int fd, const sigset_t *open_mask)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    struct timespec ts = {.tv_sec = worker_stop ? 0 : 1};
    int n = ppoll(&p, 1, &ts, open_mask);
    return n > 0 && (p.revents & POLLIN);
}

int server_worker_main(int listen_fd, const server_opts_t *opts, const server_hooks_t *hooks)
{
    sigset_t block, open_mask;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, &open_mask);
    sigdelset(&open_mask, SIGTERM);
    sigdelset(&open_mask, SIGINT);
    struct sigaction sa = {.sa_handler = on_term};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGHUP, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);

    if (hooks->worker_init && hooks->worker_init() < 0)
        return 1;
    FCGX_Request fr;
    FCGX_InitRequest(&fr, listen_fd, 0);
    arena_t *arena = arena_new();
    pid_t parent = getppid();
    long served = 0;
    for (;;) {
        int ready = wait_readable(listen_fd, &open_mask);
        if (!ready && (worker_stop || getppid() != parent))
            break; /* nothing queued: a stopping worker may leave */
        if (!ready)
            continue;
        if (FCGX_Accept_r(&fr) < 0)
            continue; /* another worker took it (EAGAIN) */
        serve_one(&fr, arena, hooks);
        FCGX_Finish_r(&fr);
        arena_reset(arena);
        if (opts->max_requests > 0 && ++served >= opts->max_requests)
            break;
    }
    FCGX_Free(&fr, 0);
    arena_free(arena);
    if (hooks->worker_done)
        hooks->worker_done();
    return 0;
}
