/* kv.h — this process's Redis connection (the cache, the job queue's
 * wake-ups, rate limits), opened lazily and reopened after a failure. */
#ifndef DM_STORE_KV_H
#define DM_STORE_KV_H

#include <hiredis/hiredis.h>

#include "core/arena.h"

redisContext *kv_conn(void);
void kv_close(void);
/* A command; reply owned by arena a (NULL a: caller frees). NULL on error
 * (connection dropped for the next call to reopen). */
redisReply *kv_cmd(arena_t *a, const char *fmt, ...);
redisReply *kv_cmdv(arena_t *a, int argc, const char **argv, const size_t *argvlen);
int kv_ping(void);
/* cfg->redis_prefix + suffix, in the arena. */
const char *kv_key(arena_t *a, const char *suffix);

#endif
