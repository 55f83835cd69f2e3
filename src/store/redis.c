/* redis.c — the Redis connection of this process. See kv.h.
 *
 * DATAMIND_REDIS_URL is redis://HOST:PORT[/DB] or unix:/PATH[?db=N]. A
 * failed command drops the connection; the next call reconnects, at most
 * once a second, so a Redis outage costs a fast error, not a hang. */
#include "store/kv.h"
#include "core/config.h"
#include "core/log.h"
#include "core/metrics.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static redisContext *ctx;
static time_t last_attempt;

static redisContext *kv_open(void)
{
    const char *url = cfg->redis_url;
    struct timeval tv = {1, 0};
    char host[256] = "127.0.0.1";
    int port = 6379, db = 0;
    redisContext *c;
    if (strncmp(url, "unix:", 5) == 0) {
        const char *path = url + 5;
        while (path[0] == '/' && path[1] == '/')
            path++;
        char p[512];
        snprintf(p, sizeof p, "%.*s", (int)strcspn(path, "?"), path);
        const char *q = strstr(path, "?db=");
        db = q ? atoi(q + 4) : 0;
        c = redisConnectUnixWithTimeout(p, tv);
    } else {
        const char *h = strncmp(url, "redis://", 8) == 0 ? url + 8 : url;
        size_t hl = strcspn(h, ":/");
        if (hl > 0 && hl < sizeof host)
            snprintf(host, sizeof host, "%.*s", (int)hl, h);
        if (h[hl] == ':')
            port = atoi(h + hl + 1);
        const char *slash = strchr(h, '/');
        db = slash ? atoi(slash + 1) : 0;
        c = redisConnectWithTimeout(host, port, tv);
    }
    if (!c || c->err) {
        log_msg(LOG_ERROR, "redis unreachable at %s: %s", url, c ? c->errstr : "no memory");
        metrics_count("redis_error");
        redisFree(c);
        return NULL;
    }
    struct timeval op = {2, 0};
    redisSetTimeout(c, op);
    if (db) {
        redisReply *r = redisCommand(c, "SELECT %d", db);
        freeReplyObject(r);
    }
    return c;
}

redisContext *kv_conn(void)
{
    if (ctx && !ctx->err)
        return ctx;
    if (ctx) {
        redisFree(ctx);
        ctx = NULL;
    }
    time_t now = time(NULL);
    if (now == last_attempt)
        return NULL;
    last_attempt = now;
    ctx = kv_open();
    return ctx;
}

void kv_close(void)
{
    redisFree(ctx);
    ctx = NULL;
}

static void free_reply(void *p)
{
    freeReplyObject(p);
}

static redisReply *kv_finish(arena_t *a, redisReply *r)
{
    if (!r) {
        log_msg(LOG_ERROR, "redis command failed: %s", ctx ? ctx->errstr : "no connection");
        metrics_count("redis_error");
        kv_close();
        return NULL;
    }
    if (a)
        arena_defer(a, free_reply, r);
    return r;
}

/* A connection that was fine before may have died with a Redis restart:
 * the first command finds out. Reopen once at once and retry, so one
 * stale connection per worker does not turn into a failed request. */
redisReply *kv_cmd(arena_t *a, const char *fmt, ...)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        int had = ctx != NULL;
        redisContext *c = attempt ? (ctx = kv_open()) : kv_conn();
        if (!c)
            return NULL;
        va_list ap;
        va_start(ap, fmt);
        redisReply *r = redisvCommand(c, fmt, ap);
        va_end(ap);
        if (r || !had)
            return kv_finish(a, r);
        kv_close();
    }
    return NULL;
}

redisReply *kv_cmdv(arena_t *a, int argc, const char **argv, const size_t *argvlen)
{
    redisContext *c = kv_conn();
    if (!c)
        return NULL;
    return kv_finish(a, redisCommandArgv(c, argc, argv, argvlen));
}

int kv_ping(void)
{
    redisReply *r = kv_cmd(NULL, "PING");
    int ok = r && r->type == REDIS_REPLY_STATUS;
    freeReplyObject(r);
    return ok ? 0 : -1;
}

const char *kv_key(arena_t *a, const char *suffix)
{
    return arena_printf(a, "%s%s", cfg->redis_prefix, suffix);
}
