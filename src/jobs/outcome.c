/* outcome.c — a job's outcome for whoever waits on it (a web page): the
 * runner stores it under out:<id> and pushes a token on outq:<id>; the
 * page blocks on that token for a short time, or polls out:<id> later.
 * Both keys live an hour: long enough for a page that follows the job. */
#include "jobs/internal.h"
#include "core/log.h"
#include "store/kv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OUTCOME_TTL_S "3600"
#define KV_OP_TIMEOUT_S 2 /* what store/redis.c sets on its connection */

static const char PUT_LUA[] =
    "redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])\n"
    "redis.call('DEL', KEYS[2])\n"
    "redis.call('LPUSH', KEYS[2], '1')\n"
    "redis.call('EXPIRE', KEYS[2], ARGV[2])\n"
    "return 1\n";

int jobs_outcome_put(arena_t *a, const char *job_id, const json_t *outcome)
{
    char *s = json_dumps(outcome, JSON_COMPACT);
    if (!s)
        return -1;
    const char *keys[] = {jobs_key2(a, "out:", job_id), jobs_key2(a, "outq:", job_id)};
    const char *args[] = {arena_strdup(a, s), OUTCOME_TTL_S};
    free(s);
    if (!jobs_eval(a, PUT_LUA, 2, keys, 2, args)) {
        log_msg(LOG_WARN, "jobs: outcome of %s not stored (Redis down)", job_id);
        return -1;
    }
    return 0;
}

static void outcome_decref(void *p)
{
    json_decref(p);
}

/* Block on outq:<id> up to wait_ms; the socket's read timeout must outlast
 * the block, and goes back to the usual one after. */
static void outcome_block(arena_t *a, const char *job_id, int wait_ms)
{
    redisContext *c = kv_conn();
    if (!c)
        return;
    struct timeval tv = {wait_ms / 1000 + KV_OP_TIMEOUT_S + 1, 0};
    redisSetTimeout(c, tv);
    kv_cmd(a, "BLPOP %s %.3f", jobs_key2(a, "outq:", job_id), (double)wait_ms / 1000.0);
    if ((c = kv_conn()) != NULL) {
        struct timeval op = {KV_OP_TIMEOUT_S, 0};
        redisSetTimeout(c, op);
    }
}

json_t *jobs_outcome_wait(arena_t *a, const char *job_id, int wait_ms)
{
    if (!job_id || !*job_id)
        return NULL;
    if (wait_ms > 0)
        outcome_block(a, job_id, wait_ms);
    redisReply *r = kv_cmd(a, "GET %s", jobs_key2(a, "out:", job_id));
    if (!r || r->type != REDIS_REPLY_STRING)
        return NULL;
    json_t *o = json_loadb(r->str, r->len, 0, NULL);
    if (o)
        arena_defer(a, outcome_decref, o);
    return o;
}
