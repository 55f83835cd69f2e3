/* throttle.h — sign-in throttling and per-minute rate limits, kept in Redis. */
#ifndef DM_STORE_THROTTLE_H
#define DM_STORE_THROTTLE_H

#include "core/arena.h"

/* Seconds the caller must wait before another attempt (0 = go ahead, also
 * when Redis is down). */
long throttle_wait(arena_t *a, const char *scope, const char *key);
/* free: failures allowed before delays start. */
void throttle_failure(arena_t *a, const char *scope, const char *key, int free);
void throttle_reset(arena_t *a, const char *scope, const char *key);

/* Fixed one-minute windows: 0 when this call fits under limit per window,
 * else the seconds until the window resets. Redis down: 0 (logged). */
long ratelimit_hit(arena_t *a, const char *what, const char *who, long limit);

#endif
