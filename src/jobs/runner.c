/* runner.c — one job runner process: take a job, run it, settle it.
 *
 * The job is moved (BLMOVE, atomic in Redis) from q:<queue> into
 * proc:<me> before it runs, so at every instant it is in exactly one list
 * in Redis — never only in this process's memory. It leaves proc:<me> in
 * the same Lua script that records its outcome (ack, retry, or dead), so a
 * crash at any point either leaves it in proc:<me> (the reaper re-queues
 * it: at-least-once) or has fully settled it.
 *
 * Several queues: BLMOVE takes one source list, and BLMPOP (which takes
 * several) cannot move into a processing list, so it is not reliable.
 * With more than one queue the runner first sweeps all of them with
 * non-blocking LMOVE, starting at a rotating index (round-robin, no queue
 * starves), and only when all are empty blocks on one of them for 0.5 s,
 * a different one each time: a job on any queue waits at most ~0.5 s for
 * an idle runner. With one queue it simply blocks on it for 2 s.
 *
 * The fair queue (jobs_opts_t.fair_queue) is taken by a Lua script that
 * picks the job (FAIR_LUA); a runner alternates between it and the other
 * queues. The script cannot block: an idle runner blocks (0.25 s at most)
 * on the doorbell every jobs_enqueue rings, and sweeps again when it rings,
 * so a question or an Explore query is taken at once, not at the next
 * poll. Jobs pushed without the bell (retries, the scheduler's due jobs,
 * the reaper's returns) wait at most those 0.25 s. */
#include "jobs/internal.h"
#include "core/config.h"
#include "core/log.h"
#include "store/db.h"
#include "store/counters.h"
#include "store/kv.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BACKOFF_MIN_S 0.5
#define BACKOFF_MAX_S 5.0
#define RETRY_BASE_MS 1000LL
#define RETRY_MAX_MS (5 * 60 * 1000LL)
#define TOUCH_EVERY_S 2.0   /* jobs_progress renews the heartbeat at most this often */
#define FAIR_SCAN "1000"    /* the fair queue's oldest jobs looked at per take */

typedef struct runner {
    const jobs_opts_t *o;
    const char *id;
    const char *const *queues;
    size_t nqueues, rr;
    int fair_turn;       /* with a fair queue: which side is tried first */
    double last_hb;
    const char *job_id, *job_type; /* the running job, NULL between jobs */
    long long job_started;
} runner_t;

/* The runner of this process (one per process), so that jobs_progress,
 * called deep inside a handler, can renew our heartbeat. NULL elsewhere. */
static runner_t *self;

static const char DEFAULT_QUEUE[] = "default";

static const char HB_LUA[] =
    "redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])\n"
    "redis.call('SADD', KEYS[2], ARGV[3])\n"
    "return 1\n";

static const char ACK_LUA[] =
    "local n = redis.call('LREM', KEYS[1], 1, ARGV[1])\n"
    "redis.call('HDEL', KEYS[3], ARGV[3])\n"
    "redis.call('LPUSH', KEYS[2], ARGV[2])\n"
    "redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[4]) - 1)\n"
    "return n\n";

/* ARGV[3] = due ms → retry through `delayed`; '' → dead letter. If the job
 * is no longer in proc:<me>, the reaper gave it to someone else after our
 * heartbeat lapsed: that copy carries on, this outcome is only history. */
static const char FAIL_LUA[] =
    "local n = redis.call('LREM', KEYS[1], 1, ARGV[1])\n"
    "if n == 1 then\n"
    "  if ARGV[3] ~= '' then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])\n"
    "  else\n"
    "    redis.call('HSET', KEYS[3], ARGV[4], ARGV[2])\n"
    "    redis.call('ZADD', KEYS[4], ARGV[5], ARGV[4])\n"
    "    redis.call('HDEL', KEYS[6], ARGV[4])\n"
    "  end\n"
    "end\n"
    "redis.call('LPUSH', KEYS[5], ARGV[6])\n"
    "redis.call('LTRIM', KEYS[5], 0, tonumber(ARGV[7]) - 1)\n"
    "return n\n";

/* The fair queue: count what each organization is running now (the jobs
 * of this queue in the runners' proc lists — no counter to drift when a
 * runner dies), then walk the queue from its oldest end and take the
 * oldest job of the organization running the fewest, below the cap. */
static const char FAIR_LUA[] =
    "local running = {}\n"
    "local function org_of(job)\n"
    "  local ok, j = pcall(cjson.decode, job)\n"
    "  if ok and type(j) == 'table' and type(j.args) == 'table' and type(j.args.org_id) == 'string' then\n"
    "    return j.args.org_id, j.queue\n"
    "  end\n"
    "  return '', ok and type(j) == 'table' and j.queue or nil\n"
    "end\n"
    "for _, r in ipairs(redis.call('SMEMBERS', KEYS[3])) do\n"
    "  for _, job in ipairs(redis.call('LRANGE', ARGV[1] .. 'proc:' .. r, 0, -1)) do\n"
    "    local org, q = org_of(job)\n"
    "    if q == ARGV[2] then running[org] = (running[org] or 0) + 1 end\n"
    "  end\n"
    "end\n"
    "local cap = tonumber(ARGV[3])\n"
    "local jobs = redis.call('LRANGE', KEYS[1], -tonumber(ARGV[4]), -1)\n"
    "local seen, best, best_run = {}, nil, nil\n"
    "for i = #jobs, 1, -1 do\n"
    "  local org = org_of(jobs[i])\n"
    "  if not seen[org] then\n"
    "    seen[org] = true\n"
    "    local n = running[org] or 0\n"
    "    if n < cap and (best_run == nil or n < best_run) then best, best_run = jobs[i], n end\n"
    "    if best_run == 0 then break end\n"
    "  end\n"
    "end\n"
    "if not best then return false end\n"
    "redis.call('LREM', KEYS[1], -1, best)\n"
    "redis.call('LPUSH', KEYS[2], best)\n"
    "return best\n";

/* A clean exit with nothing in flight says goodbye at once; otherwise the
 * heartbeat lapses and the reaper returns what is left. */
static const char LEAVE_LUA[] =
    "if redis.call('LLEN', KEYS[1]) > 0 then return 0 end\n"
    "redis.call('DEL', KEYS[2])\n"
    "redis.call('SREM', KEYS[3], ARGV[1])\n"
    "return 1\n";

static void runner_nap(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

static double backoff_next(double b)
{
    b = b > 0 ? b * 2 : BACKOFF_MIN_S;
    return b > BACKOFF_MAX_S ? BACKOFF_MAX_S : b;
}

static int runner_heartbeat_for(runner_t *r, arena_t *a, int ttl_s)
{
    json_t *v = json_pack("{s:s?, s:s?, s:I, s:i}", "job", r->job_id, "type", r->job_type,
                          "started", (json_int_t)r->job_started, "pid", (int)getpid());
    char *s = json_dumps(v, JSON_COMPACT);
    json_decref(v);
    const char *keys[] = {jobs_key2(a, "hb:", r->id), jobs_key2(a, "runners", NULL)};
    const char *args[] = {arena_strdup(a, s), arena_printf(a, "%d", ttl_s), r->id};
    free(s);
    if (!jobs_eval(a, HB_LUA, 2, keys, 3, args))
        return -1;
    r->last_hb = jobs_mono_s();
    return 0;
}

static int runner_heartbeat(runner_t *r, arena_t *a)
{
    return runner_heartbeat_for(r, a, JOBS_HB_TTL_S);
}

void jobs_busy_for(arena_t *a, int seconds)
{
    if (self && seconds > 0)
        runner_heartbeat_for(self, a, JOBS_HB_TTL_S + seconds);
}

void jobs_runner_touch(arena_t *a)
{
    if (self && jobs_mono_s() - self->last_hb >= TOUCH_EVERY_S)
        runner_heartbeat(self, a);
}

/* 1: a job of the fair queue moved into proc:<me>; 0: none; -1: Redis down. */
static int runner_fetch_fair(runner_t *r, arena_t *a, const char **raw)
{
    const jobs_opts_t *o = r->o;
    const char *keys[] = {jobs_key2(a, "q:", o->fair_queue), jobs_key2(a, "proc:", r->id),
                          jobs_key2(a, "runners", NULL)};
    const char *args[] = {cfg->redis_prefix, o->fair_queue,
                          arena_printf(a, "%d", o->fair_cap < 1 ? 1 : o->fair_cap), FAIR_SCAN};
    redisReply *rep = jobs_eval(a, FAIR_LUA, 3, keys, 4, args);
    if (!rep)
        return -1;
    if (rep->type != REDIS_REPLY_STRING)
        return 0;
    *raw = rep->str;
    return 1;
}

/* 1: a job moved into proc:<me>, its text in *raw; 0: none; -1: Redis down.
 * With a fair queue, turns alternate between it and the other queues, and
 * the block is short so that neither waits long for an idle runner. */
static int runner_fetch(runner_t *r, arena_t *a, const char **raw)
{
    const char *proc = jobs_key2(a, "proc:", r->id);
    size_t n = r->nqueues;
    int fair = r->o->fair_queue != NULL, got;
    r->fair_turn = !r->fair_turn;
    if (fair && r->fair_turn && (got = runner_fetch_fair(r, a, raw)) != 0)
        return got;
    for (size_t i = 0; (n > 1 || fair) && i < n; i++) {
        const char *q = jobs_key2(a, "q:", r->queues[(r->rr + i) % n]);
        redisReply *rep = kv_cmd(a, "LMOVE %s %s RIGHT LEFT", q, proc);
        if (!rep || rep->type == REDIS_REPLY_ERROR)
            return -1;
        if (rep->type == REDIS_REPLY_STRING) {
            r->rr = (r->rr + i + 1) % n;
            *raw = rep->str;
            return 1;
        }
    }
    if (fair && !r->fair_turn && (got = runner_fetch_fair(r, a, raw)) != 0)
        return got;
    redisContext *c = kv_conn();
    if (!c)
        return -1;
    /* The block must end before the socket's read timeout does. */
    struct timeval tv = {5, 0};
    redisSetTimeout(c, tv);
    if (fair) { /* the fair queue cannot be blocked on: its doorbell is (queue.c) */
        redisReply *rep = kv_cmd(a, "BLPOP %s 0.25", jobs_key2(a, "wake", NULL));
        return !rep || rep->type == REDIS_REPLY_ERROR ? -1 : 0; /* rung: sweep again */
    }
    const char *argv[] = {"BLMOVE", jobs_key2(a, "q:", r->queues[r->rr % n]), proc, "RIGHT",
                          "LEFT", fair ? "0.25" : n > 1 ? "0.5" : "2"};
    size_t lens[6];
    for (int i = 0; i < 6; i++)
        lens[i] = strlen(argv[i]);
    r->rr = (r->rr + 1) % n;
    redisReply *rep = kv_cmdv(a, 6, argv, lens);
    if (!rep || rep->type == REDIS_REPLY_ERROR)
        return -1;
    if (rep->type != REDIS_REPLY_STRING)
        return 0;
    *raw = rep->str;
    return 1;
}

static const jobs_task_t *runner_task(const jobs_opts_t *o, const char *type)
{
    for (size_t i = 0; type && i < o->ntasks; i++)
        if (strcmp(o->tasks[i].type, type) == 0)
            return &o->tasks[i];
    return NULL;
}

static const char *json_text(arena_t *a, json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    const char *out = arena_strdup(a, s ? s : "{}");
    free(s);
    return out;
}

static const char *runner_summary(runner_t *r, arena_t *a, const json_t *job, const char *err,
                                  double secs)
{
    json_t *s = json_pack("{s:O?, s:O?, s:O?, s:b, s:s?, s:O?, s:s, s:i, s:I, s:O?}", "id",
                          json_object_get(job, "id"), "type", json_object_get(job, "type"),
                          "queue", json_object_get(job, "queue"), "ok", err == NULL, "error",
                          err, "attempt", json_object_get(job, "attempt"), "runner", r->id,
                          "ms", (int)(secs * 1000), "finished_at", (json_int_t)jobs_now_ms(),
                          "org", json_object_get(json_object_get(job, "args"), "org_id"));
    return json_text(a, s);
}

/* Run a settling script until Redis takes it. The handler's effects are
 * done; losing the outcome would run them again, so we never give up (a
 * stop waits; the master's SIGKILL leaves the job to the reaper). */
static void runner_settle(runner_t *r, arena_t *a, const char *script, int nkeys,
                          const char *const *keys, int nargs, const char *const *args)
{
    double wait = 0;
    redisReply *rep;
    while (!(rep = jobs_eval(a, script, nkeys, keys, nargs, args))) {
        wait = backoff_next(wait);
        log_msg(LOG_WARN, "jobs: runner %s cannot record job %s (Redis down); retry in %.1fs",
                r->id, r->job_id ? r->job_id : "?", wait);
        runner_nap(wait);
    }
    if (rep->type == REDIS_REPLY_INTEGER && rep->integer == 0)
        log_msg(LOG_WARN, "jobs: job %s was re-queued by the reaper while it ran here",
                r->job_id ? r->job_id : "?");
}

static void runner_ack(runner_t *r, arena_t *a, const char *raw, const json_t *job, double secs)
{
    const char *keys[] = {jobs_key2(a, "proc:", r->id), jobs_key2(a, "recent", NULL),
                          jobs_key2(a, "reaps", NULL)};
    const char *args[] = {raw, runner_summary(r, a, job, NULL, secs), r->job_id,
                          arena_printf(a, "%d", JOBS_RECENT_MAX)};
    runner_settle(r, a, ACK_LUA, 3, keys, 4, args);
}

/* 1 s, 2 s, 4 s … after the 1st, 2nd, 3rd failure, capped, ±20 % so a
 * burst of failures does not come back as a burst. */
static long long retry_delay_ms(int failures)
{
    long long d = RETRY_BASE_MS;
    for (int i = 1; i < failures && d < RETRY_MAX_MS; i++)
        d *= 2;
    if (d > RETRY_MAX_MS)
        d = RETRY_MAX_MS;
    return (long long)((double)d * (0.8 + 0.4 * jobs_random_unit()));
}

static void runner_fail(runner_t *r, arena_t *a, const char *raw, json_t *job, const char *err,
                        double secs)
{
    const char *summary = runner_summary(r, a, job, err, secs);
    store_counter_add(a, "datamind_job_failures_total", "task", r->job_type, 1);
    int failures = (int)json_integer_value(json_object_get(job, "attempt")) + 1;
    int max = (int)json_integer_value(json_object_get(job, "max_attempts"));
    long long now = jobs_now_ms();
    json_t *next = json_deep_copy(job);
    json_object_set_new(next, "attempt", json_integer(failures));
    json_object_set_new(next, "last_error", json_string(err));
    const char *due = "";
    if (failures < max) {
        due = arena_printf(a, "%lld", now + retry_delay_ms(failures));
        log_msg(LOG_WARN, "jobs: %s %s failed (attempt %d of %d), retrying: %s", r->job_type,
                r->job_id, failures, max, err);
    } else {
        json_object_set_new(next, "error", json_string(err));
        json_object_set_new(next, "failed_at", json_integer(now));
        log_msg(LOG_ERROR, "jobs: %s %s failed %d times, dead-lettered: %s", r->job_type,
                r->job_id, failures, err);
    }
    const char *keys[] = {jobs_key2(a, "proc:", r->id), jobs_key2(a, "delayed", NULL),
                          jobs_key2(a, "dead", NULL),     jobs_key2(a, "dead:idx", NULL),
                          jobs_key2(a, "recent", NULL),   jobs_key2(a, "reaps", NULL)};
    const char *args[] = {raw, json_text(a, next), due, r->job_id, arena_printf(a, "%lld", now),
                          summary, arena_printf(a, "%d", JOBS_RECENT_MAX)};
    runner_settle(r, a, FAIL_LUA, 6, keys, 7, args);
}

static void runner_decref(void *p)
{
    json_decref(p);
}

/* Run the handler with SIGTERM/SIGINT held back: a stop lands after it. */
static int runner_call(const jobs_task_t *t, arena_t *a, json_t *job, char *err, size_t n)
{
    sigset_t hold, old;
    sigemptyset(&hold);
    sigaddset(&hold, SIGTERM);
    sigaddset(&hold, SIGINT);
    sigprocmask(SIG_BLOCK, &hold, &old);
    int rc = t->fn(a, job, err, n);
    db_tx_abandoned(t->type);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (rc < 0 && !err[0])
        snprintf(err, n, "failed without saying why");
    return rc;
}

static void runner_execute(runner_t *r, arena_t *a, const char *raw)
{
    char err[1024] = "";
    json_t *job = json_loads(raw, 0, NULL);
    int bad = !job || !json_is_object(job);
    if (bad) { /* not ours: keep it for a human, as a dead letter */
        json_decref(job);
        job = json_pack("{s:s, s:s, s:s, s:i, s:i}", "id", arena_printf(a, "bad%lld", jobs_now_ms()),
                        "type", "invalid", "raw", raw, "attempt", 0, "max_attempts", 1);
        snprintf(err, sizeof err, "the job is not a JSON object");
    }
    arena_defer(a, runner_decref, job);
    r->job_id = json_string_value(json_object_get(job, "id"));
    r->job_type = json_string_value(json_object_get(job, "type"));
    r->job_started = jobs_now_ms();
    runner_heartbeat(r, a); /* a fresh 15 s for the job, and its start for the admin page */
    const jobs_task_t *t = runner_task(r->o, r->job_type);
    double t0 = jobs_mono_s();
    int rc = -1;
    if (t && !bad)
        rc = runner_call(t, a, job, err, sizeof err);
    else if (!bad)
        snprintf(err, sizeof err, "no handler for job type \"%s\" in this worker",
                 r->job_type ? r->job_type : "");
    double secs = jobs_mono_s() - t0;
    if (rc == 0)
        runner_ack(r, a, raw, job, secs);
    else
        runner_fail(r, a, raw, job, err, secs);
    r->job_id = r->job_type = NULL;
    r->job_started = 0;
}

static void runner_leave(runner_t *r, arena_t *a)
{
    const char *keys[] = {jobs_key2(a, "proc:", r->id), jobs_key2(a, "hb:", r->id),
                          jobs_key2(a, "runners", NULL)};
    const char *args[] = {r->id};
    jobs_eval(a, LEAVE_LUA, 3, keys, 1, args);
}

int jobs_runner_main(const jobs_opts_t *o, const char *runner_id)
{
    static const char *const fallback[] = {DEFAULT_QUEUE};
    runner_t r = {.o = o, .id = runner_id, .queues = o->queues ? o->queues : fallback,
                  .nqueues = o->queues && o->nqueues ? o->nqueues : 1};
    arena_t *a = arena_new();
    double backoff = 0;
    self = &r;
    log_msg(LOG_INFO, "jobs: runner %s started", r.id);
    while (!jobs_stop) {
        arena_reset(a);
        if (jobs_mono_s() - r.last_hb >= JOBS_HB_EVERY_S)
            runner_heartbeat(&r, a);
        const char *raw = NULL;
        int got = runner_fetch(&r, a, &raw);
        if (got < 0) {
            backoff = backoff_next(backoff);
            jobs_sleep_s(backoff);
            continue;
        }
        backoff = 0;
        if (got)
            runner_execute(&r, a, raw);
    }
    arena_reset(a);
    runner_leave(&r, a);
    arena_free(a);
    self = NULL;
    log_msg(LOG_INFO, "jobs: runner %s stopped", r.id);
    return 0;
}
