/* admin.c — what /admin/jobs shows and does: queue depths, running jobs,
 * recent outcomes, dead letters (retry / discard), runners, the leader. */
#include "jobs/internal.h"
#include "core/config.h"
#include "core/log.h"
#include "store/kv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEAD_SHOWN 100
#define DELAYED_SCANNED 1000 /* per-queue delayed counts come from the first 1000 */

static void admin_decref(void *p)
{
    json_decref(p);
}

static const char *reply_str(const redisReply *r)
{
    return r && r->type == REDIS_REPLY_STRING ? r->str : NULL;
}

static json_t *admin_queues(arena_t *a)
{
    redisReply *names = kv_cmd(a, "SMEMBERS %s", jobs_key2(a, "queues", NULL));
    redisReply *del = kv_cmd(a, "ZRANGE %s 0 %d", jobs_key2(a, "delayed", NULL),
                             DELAYED_SCANNED - 1);
    if (!names || names->type != REDIS_REPLY_ARRAY || !del || del->type != REDIS_REPLY_ARRAY)
        return NULL;
    json_t *out = json_array();
    for (size_t i = 0; i < names->elements; i++) {
        const char *q = names->element[i]->str;
        redisReply *n = kv_cmd(a, "LLEN %s", jobs_key2(a, "q:", q));
        long delayed = 0;
        for (size_t k = 0; k < del->elements; k++) {
            json_t *j = json_loads(del->element[k]->str, 0, NULL);
            const char *jq = json_string_value(json_object_get(j, "queue"));
            delayed += jq && strcmp(jq, q) == 0;
            json_decref(j);
        }
        json_array_append_new(out, json_pack("{s:s, s:I, s:i}", "name", q, "depth",
                                             (json_int_t)(n ? n->integer : 0), "delayed",
                                             (int)delayed));
    }
    return out;
}

/* For /metrics: each queue's depth (waiting now, and delayed for a
 * retry) and the dead letters, as Prometheus gauges. Nothing when Redis
 * is down. */
void jobs_metrics_render(arena_t *a, buf_t *out)
{
    json_t *queues = admin_queues(a);
    redisReply *dead = kv_cmd(a, "HLEN %s", jobs_key2(a, "dead", NULL));
    if (!queues || !dead || dead->type != REDIS_REPLY_INTEGER) {
        json_decref(queues);
        return;
    }
    buf_puts(out, "# HELP datamind_queue_depth Jobs waiting on each queue (state=ready), or"
                  " waiting for a retry (state=delayed).\n# TYPE datamind_queue_depth gauge\n");
    size_t i;
    json_t *q;
    json_array_foreach(queues, i, q) {
        const char *name = json_string_value(json_object_get(q, "name"));
        if (!name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_.-") != strlen(name))
            continue; /* a queue name is ours, never input: a label as is */
        buf_printf(out, "datamind_queue_depth{queue=\"%s\",state=\"ready\"} %lld\n", name,
                   (long long)json_integer_value(json_object_get(q, "depth")));
        buf_printf(out, "datamind_queue_depth{queue=\"%s\",state=\"delayed\"} %lld\n", name,
                   (long long)json_integer_value(json_object_get(q, "delayed")));
    }
    buf_printf(out, "# HELP datamind_jobs_dead Jobs in the dead-letter list.\n"
                    "# TYPE datamind_jobs_dead gauge\ndatamind_jobs_dead %lld\n",
               (long long)dead->integer);
    json_decref(queues);
}

/* Running jobs are what sits in processing lists; a live runner's
 * heartbeat says when its current job started. */
/* Jobs belong to the organization named in their args (org_id); an
 * organization's admin sees and touches only those. */
static int job_of_org(const json_t *job, const char *org_id)
{
    const char *o = json_string_value(json_object_get(json_object_get(job, "args"), "org_id"));
    if (!o)
        o = json_string_value(json_object_get(job, "org"));
    return !org_id || (o && strcmp(o, org_id) == 0);
}

static void admin_runner(arena_t *a, const char *id, long long now, json_t *running,
                         json_t *runners, const char *org_id)
{
    redisReply *hb = kv_cmd(a, "GET %s", jobs_key2(a, "hb:", id));
    redisReply *proc = kv_cmd(a, "LRANGE %s 0 -1", jobs_key2(a, "proc:", id));
    json_t *beat = reply_str(hb) ? json_loads(hb->str, 0, NULL) : NULL;
    arena_defer(a, admin_decref, beat);
    json_array_append_new(runners, json_pack("{s:s, s:b}", "id", id, "alive", beat != NULL));
    for (size_t i = 0; proc && proc->type == REDIS_REPLY_ARRAY && i < proc->elements; i++) {
        json_t *job = json_loads(proc->element[i]->str, 0, NULL);
        if (!job || !job_of_org(job, org_id)) {
            json_decref(job);
            continue;
        }
        const char *jid = json_string_value(json_object_get(job, "id"));
        const char *bid = json_string_value(json_object_get(beat, "job"));
        long long since = json_integer_value(json_object_get(job, "enqueued_at"));
        if (jid && bid && strcmp(jid, bid) == 0)
            since = json_integer_value(json_object_get(beat, "started"));
        json_array_append_new(running, json_pack("{s:O, s:O, s:s, s:I}", "id",
                                                 json_object_get(job, "id"), "type",
                                                 json_object_get(job, "type"), "runner", id,
                                                 "age_s", (json_int_t)((now - since) / 1000)));
        json_decref(job);
    }
}

static json_t *admin_list(arena_t *a, redisReply *r, const char *org_id)
{
    json_t *out = json_array();
    for (size_t i = 0; r && r->type == REDIS_REPLY_ARRAY && i < r->elements; i++) {
        json_t *j = reply_str(r->element[i]) ? json_loads(r->element[i]->str, 0, NULL) : NULL;
        if (j && job_of_org(j, org_id))
            json_array_append_new(out, j);
        else
            json_decref(j);
    }
    (void)a;
    return out;
}

static json_t *admin_dead(arena_t *a, const char *org_id)
{
    redisReply *ids = kv_cmd(a, "ZREVRANGE %s 0 %d", jobs_key2(a, "dead:idx", NULL),
                             DEAD_SHOWN - 1);
    json_t *out = json_array();
    for (size_t i = 0; ids && ids->type == REDIS_REPLY_ARRAY && i < ids->elements; i++) {
        redisReply *r = kv_cmd(a, "HGET %s %s", jobs_key2(a, "dead", NULL), ids->element[i]->str);
        json_t *j = reply_str(r) ? json_loads(r->str, 0, NULL) : NULL;
        if (!j || !job_of_org(j, org_id)) {
            json_decref(j);
            continue;
        }
        json_array_append_new(out, json_pack("{s:s, s:O?, s:O?, s:O?, s:O?, s:O?}", "id",
                                             ids->element[i]->str, "type",
                                             json_object_get(j, "type"), "queue",
                                             json_object_get(j, "queue"), "error",
                                             json_object_get(j, "error"), "attempts",
                                             json_object_get(j, "attempt"), "failed_at",
                                             json_object_get(j, "failed_at")));
        json_decref(j);
    }
    return out;
}

json_t *jobs_overview(arena_t *a, const char *org_id)
{
    json_t *queues = admin_queues(a);
    if (!queues)
        return NULL;
    json_t *o = json_pack("{s:o, s:[], s:[]}", "queues", queues, "running", "runners");
    arena_defer(a, admin_decref, o);
    long long now = jobs_now_ms();
    redisReply *ids = kv_cmd(a, "SMEMBERS %s", jobs_key2(a, "runners", NULL));
    for (size_t i = 0; ids && ids->type == REDIS_REPLY_ARRAY && i < ids->elements; i++)
        admin_runner(a, ids->element[i]->str, now, json_object_get(o, "running"),
                     json_object_get(o, "runners"), org_id);
    redisReply *recent = kv_cmd(a, "LRANGE %s 0 %d", jobs_key2(a, "recent", NULL),
                                JOBS_RECENT_MAX - 1);
    json_object_set_new(o, "recent", admin_list(a, recent, org_id));
    json_object_set_new(o, "dead", admin_dead(a, org_id));
    redisReply *leader = kv_cmd(a, "GET %s", jobs_key2(a, "leader", NULL));
    json_object_set_new(o, "leader",
                        reply_str(leader) ? json_string(leader->str) : json_null());
    return o;
}

/* Remove the dead record only if it is still there, and re-queue in the
 * same step: two admins clicking "retry" at once queue it once. */
static const char TAKE_DEAD_LUA[] =
    "if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end\n"
    "redis.call('ZREM', KEYS[2], ARGV[1])\n"
    "if #KEYS == 3 then redis.call('LPUSH', KEYS[3], ARGV[2]) end\n"
    "return 1\n";

static int admin_take_dead(arena_t *a, const char *id, const char *queue, const char *job,
                           char *err, size_t errlen)
{
    const char *keys[] = {jobs_key2(a, "dead", NULL), jobs_key2(a, "dead:idx", NULL),
                          queue ? jobs_key2(a, "q:", queue) : NULL};
    const char *args[] = {id, job ? job : ""};
    redisReply *r = jobs_eval(a, TAKE_DEAD_LUA, queue ? 3 : 2, keys, 2, args);
    if (!r) {
        snprintf(err, errlen, "the job queue (Redis) is not reachable; try again shortly");
        return -1;
    }
    if (r->type != REDIS_REPLY_INTEGER || r->integer == 0) {
        snprintf(err, errlen, "no such dead job (already retried or discarded?)");
        return -1;
    }
    return 0;
}

int jobs_dead_retry(arena_t *a, const char *org_id, const char *job_id, char *err,
                    size_t errlen)
{
    if (!job_id || !*job_id) {
        snprintf(err, errlen, "no such dead job");
        return -1;
    }
    redisReply *r = kv_cmd(a, "HGET %s %s", jobs_key2(a, "dead", NULL), job_id);
    if (!r) {
        snprintf(err, errlen, "the job queue (Redis) is not reachable; try again shortly");
        return -1;
    }
    json_t *j = reply_str(r) ? json_loads(r->str, 0, NULL) : NULL;
    const char *queue = json_string_value(json_object_get(j, "queue"));
    if (!j || !queue || !job_of_org(j, org_id)) {
        json_decref(j);
        snprintf(err, errlen, "no such dead job");
        return -1;
    }
    arena_defer(a, admin_decref, j);
    json_t *fresh = json_deep_copy(j);
    json_object_set_new(fresh, "attempt", json_integer(0));
    json_object_del(fresh, "error");
    json_object_del(fresh, "failed_at");
    char *s = json_dumps(fresh, JSON_COMPACT);
    json_decref(fresh);
    const char *job = arena_strdup(a, s);
    free(s);
    if (admin_take_dead(a, job_id, queue, job, err, errlen) < 0)
        return -1;
    log_msg(LOG_INFO, "jobs: dead job %s put back on queue %s", job_id, queue);
    return 0;
}

int jobs_dead_discard(arena_t *a, const char *org_id, const char *job_id, char *err,
                      size_t errlen)
{
    if (!job_id || !*job_id) {
        snprintf(err, errlen, "no such dead job");
        return -1;
    }
    redisReply *r = kv_cmd(a, "HGET %s %s", jobs_key2(a, "dead", NULL), job_id);
    json_t *j = r && reply_str(r) ? json_loads(r->str, 0, NULL) : NULL;
    int mine = j && job_of_org(j, org_id);
    json_decref(j);
    if (!mine) {
        snprintf(err, errlen, "no such dead job");
        return -1;
    }
    if (admin_take_dead(a, job_id, NULL, NULL, err, errlen) < 0)
        return -1;
    log_msg(LOG_INFO, "jobs: dead job %s discarded", job_id);
    return 0;
}

/* Where a job is: dead (with its error), running (in a processing list),
 * waiting (on a queue or delayed for a retry), or nowhere. One script, so
 * a job moving between lists meanwhile is seen in one of them. Job ids
 * are 32 hex characters: a plain substring search finds only that job. */
static const char FIND_LUA[] =
    "local d = redis.call('HGET', KEYS[1], ARGV[2])\n"
    "if d then return {'dead', d} end\n"
    "for _, r in ipairs(redis.call('SMEMBERS', KEYS[2])) do\n"
    "  for _, j in ipairs(redis.call('LRANGE', ARGV[1] .. 'proc:' .. r, 0, -1)) do\n"
    "    if string.find(j, ARGV[2], 1, true) then return {'running', ''} end\n"
    "  end\n"
    "end\n"
    "for _, q in ipairs(redis.call('SMEMBERS', KEYS[3])) do\n"
    "  for _, j in ipairs(redis.call('LRANGE', ARGV[1] .. 'q:' .. q, 0, -1)) do\n"
    "    if string.find(j, ARGV[2], 1, true) then return {'waiting', ''} end\n"
    "  end\n"
    "end\n"
    "for _, j in ipairs(redis.call('ZRANGE', KEYS[4], 0, -1)) do\n"
    "  if string.find(j, ARGV[2], 1, true) then return {'waiting', ''} end\n"
    "end\n"
    "return {'gone', ''}\n";

jobs_where_t jobs_find(arena_t *a, const char *job_id, const char **error)
{
    *error = NULL;
    if (!job_id || strlen(job_id) != JOBS_ID_LEN || strspn(job_id, "0123456789abcdef") != JOBS_ID_LEN)
        return JOBS_GONE;
    const char *keys[] = {jobs_key2(a, "dead", NULL), jobs_key2(a, "runners", NULL),
                          jobs_key2(a, "queues", NULL), jobs_key2(a, "delayed", NULL)};
    const char *args[] = {cfg->redis_prefix, job_id};
    redisReply *r = jobs_eval(a, FIND_LUA, 4, keys, 2, args);
    if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 2 ||
        r->element[0]->type != REDIS_REPLY_STRING)
        return JOBS_UNKNOWN;
    const char *w = r->element[0]->str;
    if (strcmp(w, "dead") == 0) {
        json_t *j = json_loads(r->element[1]->str, 0, NULL);
        const char *e = json_string_value(json_object_get(j, "error"));
        *error = arena_strdup(a, e ? e : "it failed");
        json_decref(j);
        return JOBS_DEAD;
    }
    return strcmp(w, "running") == 0 ? JOBS_RUNNING : strcmp(w, "waiting") == 0 ? JOBS_WAITING
                                                                                 : JOBS_GONE;
}
