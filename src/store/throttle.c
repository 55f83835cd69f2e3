/* throttle.c — growing delays after failed attempts (sign-in), in Redis.
 *
 * Each failure bumps a counter kept for an hour; past `free` failures, a
 * lock key blocks further attempts for 2^(n-free) seconds, capped at 15
 * minutes. When Redis is down the check fails open: availability of
 * sign-in matters more than the throttle, and the outage is logged. */
#include "store/kv.h"
#include "store/throttle.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

#define MAX_LOCK_S 900

long throttle_wait(arena_t *a, const char *scope, const char *key)
{
    const char *k = kv_key(a, arena_printf(a, "lock:%s:%s", scope, key));
    redisReply *r = kv_cmd(a, "TTL %s", k);
    if (!r) {
        log_msg(LOG_WARN, "throttle unavailable (redis down): allowing %s attempt", scope);
        return 0;
    }
    return r->type == REDIS_REPLY_INTEGER && r->integer > 0 ? (long)r->integer : 0;
}

void throttle_failure(arena_t *a, const char *scope, const char *key, int free)
{
    const char *ck = kv_key(a, arena_printf(a, "fail:%s:%s", scope, key));
    redisReply *r = kv_cmd(a, "INCR %s", ck);
    if (!r || r->type != REDIS_REPLY_INTEGER)
        return;
    long long n = r->integer;
    kv_cmd(a, "EXPIRE %s 3600", ck);
    if (n <= free)
        return;
    long long secs = n - free >= 10 ? MAX_LOCK_S : 1LL << (n - free);
    if (secs > MAX_LOCK_S)
        secs = MAX_LOCK_S;
    const char *lk = kv_key(a, arena_printf(a, "lock:%s:%s", scope, key));
    kv_cmd(a, "SET %s 1 EX %lld", lk, secs);
}

void throttle_reset(arena_t *a, const char *scope, const char *key)
{
    kv_cmd(a, "DEL %s %s", kv_key(a, arena_printf(a, "fail:%s:%s", scope, key)),
           kv_key(a, arena_printf(a, "lock:%s:%s", scope, key)));
}

long ratelimit_hit(arena_t *a, const char *what, const char *who, long limit)
{
    if (limit <= 0)
        return 0; /* 0 turns the limit off */
    const char *k = kv_key(a, arena_printf(a, "rl:%s:%s", what, who));
    redisReply *r = kv_cmd(a, "INCR %s", k);
    if (!r || r->type != REDIS_REPLY_INTEGER)
        return 0;
    if (r->integer == 1)
        kv_cmd(a, "EXPIRE %s 60", k);
    if (r->integer <= limit)
        return 0;
    redisReply *t = kv_cmd(a, "TTL %s", k);
    long left = t && t->type == REDIS_REPLY_INTEGER ? (long)t->integer : 60;
    if (left < 0) { /* a key without expiry: repair it */
        kv_cmd(a, "EXPIRE %s 60", k);
        left = 60;
    }
    return left > 0 ? left : 1;
}
