/* clickhouse.c — the ClickHouse engine (engine_clickhouse): connect,
 * close, cancel, and the table of operations.
 *
 * ClickHouse is spoken over its HTTP interface with libcurl; there is no
 * session to keep, so a "connection" is what every request needs: the
 * address admitted once (the host resolved once, each address checked
 * against DATAMIND_CONNECT_ALLOW, the first that answers pinned), the
 * credentials, the database, https when sslmode is require (not verified)
 * or verify-full (verified), and which settings the user's profile lets a
 * request carry (clickhouse_http.c). connect proves it with SELECT 1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/mem.h"
#include "core/net.h"
#include "engine/internal.h"

#define CH_DEFAULT_PORT 8123

static void url_base(engine_ch_conn_t *c, const engine_target_t *t, int port, int https)
{
    const char *h = t->host;
    int v6 = strchr(h, ':') != NULL && h[0] != '[';
    snprintf(c->base, sizeof c->base, "%s://%s%s%s:%d/", https ? "https" : "http", v6 ? "[" : "",
             h, v6 ? "]" : "", port);
}

static void pin(engine_ch_conn_t *c, const char *ip, int port)
{
    int v6 = strchr(ip, ':') != NULL;
    snprintf(c->resolve, sizeof c->resolve, "::%s%s%s:%d", v6 ? "[" : "", ip, v6 ? "]" : "", port);
}

/* SELECT 1 with the settings the mode sends; a profile that fixes them
 * answers 164 (READONLY): step down to what it accepts. */
static int prove(engine_ch_conn_t *c, char *err, size_t errlen)
{
    engine_run_t limits = {.timeout_ms = 10000, .max_rows = 10};
    for (c->mode = ENGINE_CH_SETTINGS;;) {
        buf_t out = {0};
        engine_ch_request_t rq = {.sql = "SELECT 1", .run = &limits, .body = &out};
        int rc = engine_ch_request(c, &rq, err, errlen);
        buf_free(&out);
        if (rc == 0)
            return 0;
        if (rq.code != 164 || c->mode == ENGINE_CH_RO1)
            return -1;
        if (c->mode == ENGINE_CH_SETTINGS && strstr(err, "'readonly'"))
            c->mode = ENGINE_CH_RO2;      /* the profile says readonly=2 */
        else
            c->mode = ENGINE_CH_RO1;      /* the profile fixes every setting */
    }
}

static void conn_free(engine_ch_conn_t *c)
{
    if (!c)
        return;
    free(c->user);
    if (c->password)
        sodium_memzero(c->password, strlen(c->password));
    free(c->password);
    free(c->database);
    free(c);
}

static engine_conn_t *ch_connect(const engine_target_t *t, const char *allow, int timeout_s,
                                 char *err, size_t errlen)
{
    if (!t->host || !*t->host) {
        snprintf(err, errlen, "a ClickHouse connection needs a host");
        return NULL;
    }
    net_addrs_t ok;
    char why[512];
    if (net_resolve_checked(t->host, allow, "DATAMIND_CONNECT_ALLOW", &ok, why, sizeof why) < 0 ||
        ok.n == 0) {
        snprintf(err, errlen, "%s", why);
        return NULL;
    }
    int port = t->port > 0 ? t->port : CH_DEFAULT_PORT;
    int https = t->sslmode && (!strcmp(t->sslmode, "require") || !strcmp(t->sslmode, "verify-full"));
    engine_ch_conn_t *c = xcalloc(1, sizeof *c);
    c->user = xstrdup(t->user && *t->user ? t->user : "default");
    c->password = xstrdup(t->password ? t->password : "");
    c->database = xstrdup(t->dbname ? t->dbname : "");
    c->verify = https && !strcmp(t->sslmode, "verify-full");
    c->connect_timeout_s = timeout_s > 0 ? timeout_s : 10;
    url_base(c, t, port, https);
    for (int i = 0; i < ok.n; i++) {
        pin(c, ok.ip[i], port);
        c->lost = 0;
        if (prove(c, err, errlen) == 0)
            return (engine_conn_t *)c;
        if (!c->lost)
            break; /* the server answered: its answer is the reason */
    }
    conn_free(c);
    return NULL;
}

static void ch_close(engine_conn_t *c)
{
    conn_free((engine_ch_conn_t *)c);
}

/* no session to go stale: reusable unless the server stopped answering */
static int ch_idle_ok(engine_conn_t *c)
{
    return c && !((engine_ch_conn_t *)c)->lost;
}

static engine_cancel_t *ch_cancel_get(engine_conn_t *c)
{
    return (engine_cancel_t *)c; /* the connection itself: its query_id and flag */
}

/* From another thread: stop reading, then KILL QUERY by the running id. */
static int ch_cancel(engine_cancel_t *k, char *err, size_t errlen)
{
    engine_ch_conn_t *c = (engine_ch_conn_t *)k;
    char qid[40];
    memcpy(qid, c->query_id, sizeof qid);
    qid[39] = '\0';
    c->cancelled = 1;
    return engine_ch_kill(c, qid, err, errlen);
}

static void ch_cancel_free(engine_cancel_t *k)
{
    (void)k; /* owned by the connection */
}

const engine_t engine_clickhouse = {
    .kind = ENGINE_CLICKHOUSE,
    .name = "clickhouse",
    .label = "ClickHouse",
    .default_port = CH_DEFAULT_PORT,
    .dialect = &engine_clickhouse_dialect,
    .connect = ch_connect,
    .close = ch_close,
    .idle_ok = ch_idle_ok,
    .validate = engine_clickhouse_validate,
    .execute = engine_clickhouse_execute,
    .cancel_get = ch_cancel_get,
    .cancel = ch_cancel,
    .cancel_free = ch_cancel_free,
    .probe = engine_clickhouse_probe,
    .discover = engine_clickhouse_discover,
    .lookup_values = engine_clickhouse_lookup_values,
    .explain = NULL, /* 18.16 has no EXPLAIN */
};
