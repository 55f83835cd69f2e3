/* queue.c — putting jobs on the queue and job progress. See jobs.h for the
 * key layout; the helpers every file of src/jobs/ shares are in base.c. */
#include "jobs/internal.h"
#include "core/config.h"
#include "core/log.h"
#include "store/kv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEDUPE_TTL_S "172800"   /* 2 days: longer than any slot is re-tried */
#define PROGRESS_TTL_S "86400"
#define NAME_MAX_LEN 64

/* Queue names become key names and type names show on the admin page:
 * keep both short and plain. */
static int jobs_name_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > NAME_MAX_LEN)
        return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

/* The push, the queue's registration and the dedupe claim happen together
 * or not at all: a claimed slot always has its job. Each job also rings the
 * doorbell (KEYS[4], a short list) that idle runners of a fair queue block
 * on, so one wakes at once (runner.c). */
static const char ENQUEUE_LUA[] =
    "if KEYS[3] ~= '' then\n"
    "  if not redis.call('SET', KEYS[3], ARGV[3], 'NX', 'EX', ARGV[4]) then\n"
    "    return redis.call('GET', KEYS[3]) or ''\n"
    "  end\n"
    "end\n"
    "redis.call('LPUSH', KEYS[1], ARGV[1])\n"
    "redis.call('SADD', KEYS[2], ARGV[2])\n"
    "redis.call('LPUSH', KEYS[4], '1')\n"
    "redis.call('LTRIM', KEYS[4], 0, 63)\n"
    "return 1\n";

static char *jobs_build(arena_t *a, const char *queue, const char *type, json_t *args,
                        int max_attempts, const char *dedupe, const char *id)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:o, s:i, s:i, s:I, s:s?}", "id", id, "type", type,
                          "queue", queue, "args", args ? args : json_object(), "attempt", 0,
                          "max_attempts", max_attempts < 1 ? 1 : max_attempts, "enqueued_at",
                          (json_int_t)jobs_now_ms(), "dedupe", dedupe);
    if (!j)
        return NULL;
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    char *out = s ? arena_strdup(a, s) : NULL;
    free(s);
    return out;
}

int jobs_enqueue(arena_t *a, const char *queue, const char *type, json_t *args,
                 int max_attempts, const char *dedupe_key, char *job_id_out, char *err,
                 size_t errlen)
{
    char id[JOBS_ID_LEN + 1];
    if (job_id_out)
        job_id_out[0] = '\0';
    if (!jobs_name_ok(queue) || !jobs_name_ok(type)) {
        json_decref(args);
        snprintf(err, errlen, "bad queue or job type name");
        return -1;
    }
    jobs_random_hex(id, JOBS_ID_LEN / 2);
    char *job = jobs_build(a, queue, type, args, max_attempts, dedupe_key, id);
    if (!job) {
        snprintf(err, errlen, "job arguments cannot be encoded as JSON");
        return -1;
    }
    const char *keys[4] = {jobs_key2(a, "q:", queue), jobs_key2(a, "queues", NULL),
                           dedupe_key ? jobs_key2(a, "dedupe:", dedupe_key) : "",
                           jobs_key2(a, "wake", NULL)};
    const char *argv[4] = {job, queue, id, DEDUPE_TTL_S};
    redisReply *r = jobs_eval(a, ENQUEUE_LUA, 4, keys, 4, argv);
    if (!r) {
        snprintf(err, errlen, "the job queue (Redis) is not reachable; try again shortly");
        return -1;
    }
    if (r->type == REDIS_REPLY_STRING) { /* dedupe key taken: its holder's id */
        if (job_id_out)
            snprintf(job_id_out, JOBS_ID_LEN + 1, "%s", r->str);
        return 1;
    }
    if (job_id_out)
        memcpy(job_id_out, id, sizeof id);
    return 0;
}

void jobs_dedupe_release(arena_t *a, const char *dedupe_key)
{
    if (dedupe_key && *dedupe_key && !kv_cmd(a, "DEL %s", jobs_key2(a, "dedupe:", dedupe_key)))
        log_msg(LOG_WARN, "jobs: dedupe key %s not released (Redis down)", dedupe_key);
}

void jobs_progress(arena_t *a, const char *job_id, const char *state, int pct,
                   const char *message)
{
    if (!job_id || !*job_id)
        return;
    const char *key = jobs_key2(a, "job:", job_id);
    const char *argv[] = {"HSET", key, "state", state ? state : "", "pct",
                          arena_printf(a, "%d", pct < 0 ? 0 : pct > 100 ? 100 : pct),
                          "message", message ? message : "", "updated",
                          arena_printf(a, "%lld", jobs_now_ms())};
    size_t lens[10];
    for (int i = 0; i < 10; i++)
        lens[i] = strlen(argv[i]);
    redisReply *r = kv_cmdv(a, 10, argv, lens);
    if (r)
        r = kv_cmd(a, "EXPIRE %s %s", key, PROGRESS_TTL_S);
    if (!r)
        log_msg(LOG_WARN, "jobs: progress of %s not recorded (Redis down)", job_id);
    jobs_runner_touch(a);
}

static void jobs_decref(void *p)
{
    json_decref(p);
}

json_t *jobs_progress_get(arena_t *a, const char *job_id)
{
    if (!job_id || !*job_id)
        return NULL;
    redisReply *r = kv_cmd(a, "HGETALL %s", jobs_key2(a, "job:", job_id));
    if (!r || r->type != REDIS_REPLY_ARRAY || r->elements == 0)
        return NULL;
    json_t *o = json_object();
    arena_defer(a, jobs_decref, o);
    for (size_t i = 0; i + 1 < r->elements; i += 2) {
        const char *k = r->element[i]->str, *v = r->element[i + 1]->str;
        if (strcmp(k, "pct") == 0 || strcmp(k, "updated") == 0)
            json_object_set_new(o, k, json_integer(strtoll(v, NULL, 10)));
        else
            json_object_set_new(o, k, json_string(v));
    }
    return o;
}
