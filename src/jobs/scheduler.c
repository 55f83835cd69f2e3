/* scheduler.c — the scheduler process: leader lock, delayed jobs, reaper,
 * periodic work.
 *
 * Every scheduler (one per `datamind worker`, on any number of hosts) moves
 * due delayed jobs and reaps dead runners: both are single Lua scripts, so
 * two schedulers doing them at once cannot double or drop a job. Only the
 * holder of the leader lock enqueues periodic work, and the periodic
 * enqueue functions use a dedupe key per slot, so even two leaders (a
 * lease that lapsed during a pause) enqueue each slot once.
 *
 * The loop ticks every 250 ms so a 1-second slot is never skipped by
 * drift; the reaper runs once a second. Slots missed while no scheduler
 * ran are not caught up (cron semantics): the next slot runs. */
#include "jobs/internal.h"
#include "core/config.h"
#include "core/log.h"
#include "core/mem.h"
#include "store/kv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TICK_S 0.25
#define REAP_EVERY_S 1.0
#define LEADER_TTL_S 10
#define LEADER_RENEW_S 3.0
#define DUE_BATCH "500"

typedef struct sched {
    const jobs_opts_t *o;
    char me[300];         /* host:pid, the leader lock's value */
    double lease_until;   /* monotonic time our lease surely lasts; 0 = not leader */
    double last_renew;
    long *last_slot;      /* per periodic entry; -1 = none yet */
} sched_t;

/* Acquire, or extend if (and only if) we hold it: 1 extended, 2 acquired,
 * 0 someone else holds it. */
static const char LEAD_LUA[] =
    "local v = redis.call('GET', KEYS[1])\n"
    "if v == ARGV[1] then redis.call('EXPIRE', KEYS[1], ARGV[2]) return 1 end\n"
    "if v then return 0 end\n"
    "redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])\n"
    "return 2\n";

static const char RELEASE_LUA[] =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end\n"
    "return 0\n";

/* Due delayed jobs back onto their queues (queue named in the job). Keys
 * of the queues are built here from the prefix: fine on one Redis (or
 * Sentinel), not on Cluster. */
static const char DUE_LUA[] =
    "local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])\n"
    "for _, job in ipairs(due) do\n"
    "  local ok, j = pcall(cjson.decode, job)\n"
    "  local q = (ok and type(j) == 'table' and type(j.queue) == 'string') and j.queue or 'default'\n"
    "  redis.call('LPUSH', ARGV[2] .. 'q:' .. q, job)\n"
    "  redis.call('ZREM', KEYS[1], job)\n"
    "end\n"
    "return #due\n";

/* A runner whose heartbeat is gone: its in-flight jobs go back to the
 * front of their queues. A job whose runners keep dying under it (a
 * handler that crashes the process) counts each death as an attempt and
 * is dead-lettered at max_attempts, instead of killing runners forever. */
static const char REAP_LUA[] =
    "if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end\n"
    "local n = 0\n"
    "while true do\n"
    "  local job = redis.call('RPOP', KEYS[2])\n"
    "  if not job then break end\n"
    "  local ok, j = pcall(cjson.decode, job)\n"
    "  if not ok or type(j) ~= 'table' then j = {} end\n"
    "  local id = tostring(j.id or '')\n"
    "  local died = redis.call('HINCRBY', KEYS[4], id, 1)\n"
    "  if (tonumber(j.attempt) or 0) + died >= (tonumber(j.max_attempts) or 1) then\n"
    "    local rec = string.sub(job, 1, -2) .. ',\"error\":\"its runner died while running it ('\n"
    "      .. died .. ' times)\",\"failed_at\":' .. ARGV[3] .. '}'\n"
    "    redis.call('HSET', KEYS[5], id, rec)\n"
    "    redis.call('ZADD', KEYS[6], ARGV[3], id)\n"
    "    redis.call('HDEL', KEYS[4], id)\n"
    "  else\n"
    "    local q = type(j.queue) == 'string' and j.queue or 'default'\n"
    "    redis.call('RPUSH', ARGV[2] .. 'q:' .. q, job)\n"
    "  end\n"
    "  n = n + 1\n"
    "end\n"
    "redis.call('SREM', KEYS[3], ARGV[1])\n"
    "return n\n";

int jobs_move_due(arena_t *a)
{
    const char *keys[] = {jobs_key2(a, "delayed", NULL)};
    const char *args[] = {arena_printf(a, "%lld", jobs_now_ms()), cfg->redis_prefix, DUE_BATCH};
    redisReply *r = jobs_eval(a, DUE_LUA, 1, keys, 3, args);
    return r && r->type == REDIS_REPLY_INTEGER ? (int)r->integer : -1;
}

static int reap_one(arena_t *a, const char *id)
{
    const char *keys[] = {jobs_key2(a, "hb:", id),         jobs_key2(a, "proc:", id),
                          jobs_key2(a, "runners", NULL),   jobs_key2(a, "reaps", NULL),
                          jobs_key2(a, "dead", NULL),      jobs_key2(a, "dead:idx", NULL)};
    const char *args[] = {id, cfg->redis_prefix, arena_printf(a, "%lld", jobs_now_ms())};
    redisReply *r = jobs_eval(a, REAP_LUA, 6, keys, 3, args);
    if (!r || r->type != REDIS_REPLY_INTEGER)
        return -1;
    if (r->integer >= 0)
        log_msg(r->integer ? LOG_WARN : LOG_INFO,
                "jobs: runner %s is gone (no heartbeat); %lld in-flight job(s) returned", id,
                r->integer);
    return r->integer > 0 ? (int)r->integer : 0;
}

int jobs_reap(arena_t *a)
{
    redisReply *r = kv_cmd(a, "SMEMBERS %s", jobs_key2(a, "runners", NULL));
    if (!r || r->type != REDIS_REPLY_ARRAY)
        return -1;
    int n = 0;
    for (size_t i = 0; i < r->elements; i++) {
        int k = reap_one(a, r->element[i]->str);
        if (k < 0)
            return -1;
        n += k;
    }
    return n;
}

static void sched_lead(sched_t *s, arena_t *a)
{
    double t0 = jobs_mono_s();
    int leader = s->lease_until > t0;
    if (leader && t0 - s->last_renew < LEADER_RENEW_S)
        return;
    const char *keys[] = {jobs_key2(a, "leader", NULL)};
    const char *args[] = {s->me, arena_printf(a, "%d", LEADER_TTL_S)};
    redisReply *r = jobs_eval(a, LEAD_LUA, 1, keys, 2, args);
    if (!r || r->type != REDIS_REPLY_INTEGER)
        return; /* Redis down: a held lease just runs out on its own */
    if (r->integer == 0) {
        if (leader)
            log_msg(LOG_WARN, "jobs: scheduler %s lost the leader lock", s->me);
        s->lease_until = 0;
        return;
    }
    if (!leader)
        log_msg(LOG_INFO, "jobs: scheduler %s is the leader", s->me);
    /* Measured from before the command, one second short: never longer
     * than Redis keeps the key. */
    s->lease_until = t0 + LEADER_TTL_S - 1;
    s->last_renew = t0;
}

static void sched_periodic(sched_t *s, arena_t *a)
{
    long long now = jobs_now_ms() / 1000;
    for (size_t i = 0; i < s->o->nperiodic; i++) {
        const jobs_periodic_t *p = &s->o->periodic[i];
        if (p->every_s <= 0 || !p->enqueue)
            continue;
        long slot = (long)(now / p->every_s);
        if (slot == s->last_slot[i] || s->lease_until <= jobs_mono_s())
            continue;
        char err[512] = "";
        if (p->enqueue(a, slot, err, sizeof err) < 0) {
            log_msg(LOG_WARN, "jobs: periodic %s slot %ld not enqueued, retrying: %s", p->name,
                    slot, err);
            continue;
        }
        s->last_slot[i] = slot;
    }
}

static void sched_release(sched_t *s, arena_t *a)
{
    if (s->lease_until <= jobs_mono_s())
        return;
    const char *keys[] = {jobs_key2(a, "leader", NULL)};
    const char *args[] = {s->me};
    jobs_eval(a, RELEASE_LUA, 1, keys, 1, args); /* the next leader needn't wait 10 s */
}

int jobs_scheduler_main(const jobs_opts_t *o)
{
    sched_t s = {.o = o};
    char host[256] = "localhost";
    gethostname(host, sizeof host - 1);
    snprintf(s.me, sizeof s.me, "%s:%d", host, (int)getpid());
    s.last_slot = xcalloc(o->nperiodic + 1, sizeof *s.last_slot);
    for (size_t i = 0; i < o->nperiodic; i++)
        s.last_slot[i] = -1;
    arena_t *a = arena_new();
    double last_reap = 0;
    log_msg(LOG_INFO, "jobs: scheduler %s started", s.me);
    while (!jobs_stop) {
        double t0 = jobs_mono_s();
        arena_reset(a);
        sched_lead(&s, a);
        jobs_move_due(a);
        if (t0 - last_reap >= REAP_EVERY_S) {
            jobs_reap(a);
            last_reap = t0;
        }
        if (s.lease_until > jobs_mono_s())
            sched_periodic(&s, a);
        jobs_sleep_s(TICK_S - (jobs_mono_s() - t0));
    }
    arena_reset(a);
    sched_release(&s, a);
    arena_free(a);
    free(s.last_slot);
    log_msg(LOG_INFO, "jobs: scheduler %s stopped", s.me);
    return 0;
}
