/* jobs.h — background work: a Redis reliable queue and `datamind worker`.
 *
 * Delivery is at-least-once: a job leaves Redis only when a runner acks it,
 * so a runner killed mid-job makes the job run again — with the same "id"
 * and "attempt". Handlers turn that into exactly-once effects by writing
 * their results under a unique key (alert id + slot) in PostgreSQL.
 *
 * A job is a JSON object:
 *   {"id": 32 hex chars, "type": "alert.check", "queue": "default",
 *    "args": {...}, "attempt": failures so far (0 on the first delivery),
 *    "max_attempts": n, "enqueued_at": unix ms, "dedupe": "key" or null}
 *
 * Redis keys (under cfg->redis_prefix): q:<queue> list (LPUSH in, taken
 * from the right; the fair queue's from anywhere, see jobs_opts_t), proc:<runner> list (in flight), hb:<runner> heartbeat,
 * runners set, delayed zset (due ms), dead hash (id → job + "error",
 * "failed_at") with dead:idx zset (id by failed_at), reaps hash (id → times
 * its runner died holding it), recent list (last 50), leader, queues set,
 * dedupe:<key>, job:<id> progress hash. */
#ifndef DM_JOBS_H
#define DM_JOBS_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

/* Enqueue a job on `queue`. args is stolen (NULL = {}). max_attempts < 1
 * counts as 1. dedupe_key NULL, or e.g. "alert.check:<id>:<slot>": the job
 * is enqueued only if SET NX dedupe:<key> succeeds (TTL 2 days), atomically
 * with the push. Returns 0 when enqueued, 1 when the dedupe key was already
 * taken (nothing enqueued; job_id_out gets the id of the job holding it),
 * -1 with err. job_id_out: 33 bytes or NULL. */
int jobs_enqueue(arena_t *a, const char *queue, const char *type, json_t *args,
                 int max_attempts, const char *dedupe_key, char *job_id_out, char *err,
                 size_t errlen);

/* A handler gets the whole job object. 0 = done (acked); -1 = failed, err
 * says why: retried after 1 s, 2 s, 4 s … (≤ 5 min, ±20 % jitter) until
 * max_attempts, then dead-lettered with err. Runs with SIGTERM blocked, so
 * a stop waits for it. A handler that may run longer than 15 s must call
 * jobs_progress now and then: that also renews the runner's heartbeat. */
typedef int (*jobs_handler_fn)(arena_t *a, const json_t *job, char *err, size_t errlen);
typedef struct jobs_task {
    const char *type;
    jobs_handler_fn fn;
} jobs_task_t;

/* Periodic work: the leader calls enqueue once per slot (slot = unix
 * seconds / every_s). enqueue should use a dedupe key naming the slot, so
 * two leaders in a split brain still enqueue it once. -1 = try again next
 * second. */
typedef struct jobs_periodic {
    const char *name;
    int every_s;
    int (*enqueue)(arena_t *a, long slot, char *err, size_t errlen);
} jobs_periodic_t;

typedef struct jobs_opts {
    int runners;                 /* job runner processes (≥ 1) */
    const char *const *queues;   /* taken round-robin; NULL = {"default"} */
    size_t nqueues;
    const jobs_task_t *tasks;
    size_t ntasks;
    const jobs_periodic_t *periodic;
    size_t nperiodic;
    int (*process_init)(void);   /* in each child after fork; -1 = exit, respawned */
    void (*process_done)(void);  /* in each child before it exits; may be NULL */
    const char *pidfile;         /* may be NULL */
    /* The fair queue (e.g. "user": Explore queries, chat answers), or NULL.
     * Its jobs carry args.org_id; a runner takes the oldest job of the
     * organization with the fewest jobs running, skipping those already
     * running fair_cap (≥ 1) jobs, so one organization's burst cannot hold
     * every runner. Runners alternate between it and the other queues. */
    const char *fair_queue;
    int fair_cap;
} jobs_opts_t;

/* The master: forks one scheduler and o->runners runners, respawns any that
 * die (with back-off), and on SIGTERM/SIGINT lets each runner finish its job
 * (SIGKILL after 60 s). Returns the process exit code. */
int jobs_worker_run(const jobs_opts_t *o);

/* Progress of a long job: hash job:<id> {state, pct, message, updated (unix
 * ms)}, TTL 1 day. Never fails the caller (problems are logged). In a
 * runner it also renews the heartbeat. */
void jobs_progress(arena_t *a, const char *job_id, const char *state, int pct,
                   const char *message);
/* Before one call that blocks longer than 15 s and cannot report progress
 * (a user's query, up to DATAMIND_QUERY_TIMEOUT_MS): the runner's heartbeat
 * lasts that many seconds more, so it is not taken for dead. */
void jobs_busy_for(arena_t *a, int seconds);
/* {"state","pct","message","updated"} or NULL if unknown. Owned by the
 * arena (released with it; do not decref). */
json_t *jobs_progress_get(arena_t *a, const char *job_id);

/* For /admin/jobs. All times unix ms except age_s. Owned by the arena;
 * NULL when Redis is down.
 *   {"queues":[{"name","depth","delayed"}],
 *    "running":[{"id","type","runner","age_s"}],
 *    "recent":[{"id","type","queue","ok","error","attempt","runner","ms","finished_at"}],
 *    "dead":[{"id","type","queue","error","attempts","failed_at"}]  (newest 100),
 *    "runners":[{"id","alive"}], "leader": "host:pid" or null} */
json_t *jobs_overview(arena_t *a, const char *org_id); /* org_id NULL = every job */
/* For /metrics: datamind_queue_depth{queue,state} and datamind_jobs_dead
 * in Prometheus text; nothing when Redis is down. */
#include "core/buf.h"
void jobs_metrics_render(arena_t *a, buf_t *out);
/* Put a dead job back on its queue with attempt 0 / drop it. -1 with err
 * ("no such dead job") when it is not (or no longer) dead. */
/* org_id: only a job of that organization (args.org_id); NULL = any. */
int jobs_dead_retry(arena_t *a, const char *org_id, const char *job_id, char *err,
                    size_t errlen);
int jobs_dead_discard(arena_t *a, const char *org_id, const char *job_id, char *err,
                      size_t errlen);

/* Where a job is now, for sweeps that close what a lost job left open:
 * JOBS_DEAD (dead-lettered; *error = its last error, arena-owned),
 * JOBS_RUNNING, JOBS_WAITING (queued, or delayed for a retry), JOBS_GONE
 * (none of those: done, discarded, or never enqueued), JOBS_UNKNOWN when
 * Redis cannot be asked. */
typedef enum { JOBS_UNKNOWN = -1, JOBS_GONE, JOBS_WAITING, JOBS_RUNNING, JOBS_DEAD } jobs_where_t;
jobs_where_t jobs_find(arena_t *a, const char *job_id, const char **error);

/* Free dedupe_key (as jobs_enqueue took it) before its TTL: a handler that
 * allows one *waiting* job per key calls it when it starts. */
void jobs_dedupe_release(arena_t *a, const char *dedupe_key);

/* The outcome of a job someone waits for (a page that ran a query): the
 * handler stores it (TTL 1 hour) and wakes the waiter. 0, or -1 when Redis
 * is down (logged). */
int jobs_outcome_put(arena_t *a, const char *job_id, const json_t *outcome);
/* The stored outcome, waiting up to wait_ms for it (0 = just look). NULL
 * when it is not there (yet). Owned by the arena. */
json_t *jobs_outcome_wait(arena_t *a, const char *job_id, int wait_ms);

#endif
