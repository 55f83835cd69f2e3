/* query.c — query.run: an Explore query, run by a job runner rather than
 * by the web worker that was asked; its outcome goes back to the page
 * through jobs_outcome_put. The page keeps what it needs to follow the job
 * (who asked, the connection, the SQL) under qjob:<id>. A run of a saved
 * query (saved_query_id) also records its result on the query. */
#include "tasks/tasks_internal.h"
#include "core/config.h"
#include "core/log.h"
#include "live/live.h"
#include "query/query.h"
#include "store/kv.h"
#include "store/history.h"
#include "store/queries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QJOB_TTL_S 3600 /* as long as the outcome is kept */
#define QUERY_CANCELLED "You cancelled this query."
#define QUERY_ABANDONED "This query was cancelled: its page was closed, so nobody was waiting " \
                        "for the result (DATAMIND_QUERY_ABANDON_S). Run it again."

static json_t *outcome_of(int rc, const query_outcome_t *out, const char *why)
{
    if (rc == 0) { /* ran_at: when its rows were read (a cached result: when it was cached) */
        const json_t *at = json_object_get(out->result, "read_at");
        return json_pack("{s:b, s:O, s:I}", "ok", 1, "result", out->result, "ran_at",
                         json_is_integer(at) ? json_integer_value(at) : (json_int_t)time(NULL));
    }
    return json_pack("{s:b, s:s, s:i, s:b, s:b}", "ok", 0, "error", why, "err_pos",
                     out->err_pos, "rejected", out->rejected, "param_error", out->param_error);
}

/* A running query's state, pushed to its page (u.<org>.<user>.query.<job>,
 * event "state"), beside the cancel watch. */
typedef struct running {
    arena_t *a;
    const char *channel;
    qwatch_t *w;
} running_t;

static void state(running_t *run, const char *text)
{
    if (run->channel && live_enabled())
        live_publish_text(run->a, run->channel, "state", text);
}

static void on_running(const engine_t *e, engine_conn_t *conn, void *ud)
{
    running_t *run = ud;
    qwatch_running(e, conn, run->w);
    if (conn)
        state(run, "Running the query…");
}

/* Hand the outcome to the page (and say so on its channel). 0, or -1 when
 * it could not be stored: the queue tries again. */
static int outcome_hand(arena_t *a, const char *id, const running_t *run, json_t *outcome,
                        char *err, size_t errlen)
{
    int stored = outcome ? jobs_outcome_put(a, id, outcome) : -1;
    json_decref(outcome);
    if (run->channel && live_enabled()) /* the page fetches the result */
        live_publish_done(run->channel, stored == 0 ? "done" : "failed");
    if (stored < 0) { /* nobody could see it: let the queue try again */
        snprintf(err, errlen, "the query's outcome could not be stored");
        return -1;
    }
    return 0;
}

/* Before the run: the planner's estimate, and whether it stops here (an
 * "Estimate" only, or over DATAMIND_COST_WARN_ROWS and not confirmed) with
 * the outcome that says so in *stop. */
static int estimate_first(arena_t *a, const json_t *args, running_t *run, tasks_run_t *tr,
                          json_t **stop)
{
    int only = json_is_true(json_object_get(args, "estimate_only"));
    int check = json_is_true(json_object_get(args, "check_cost")) &&
                !json_is_true(json_object_get(args, "confirmed"));
    *stop = NULL;
    if (!only && !check && !tr->history)
        return 0;
    char why[512];
    state(run, "Asking the planner for an estimate…");
    tr->has_est = query_estimate(a, tr->org, tr->conn, tr->sql, tr->params, &tr->est, why,
                                 sizeof why) == 0;
    json_t *est = tr->has_est ? query_estimate_json(&tr->est, cfg->cost_warn_rows) : NULL;
    if (only)
        *stop = est ? json_pack("{s:b, s:b, s:O}", "ok", 0, "estimate_only", 1, "estimate", est)
                    : json_pack("{s:b, s:b, s:s}", "ok", 0, "estimate_only", 1, "error", why);
    else if (check && est && query_estimate_over(&tr->est, cfg->cost_warn_rows))
        *stop = json_pack("{s:b, s:b, s:O}", "ok", 0, "needs_confirmation", 1, "estimate", est);
    json_decref(est);
    if (*stop && !only && tr->history)
        tasks_history_record(a, tr, STORE_RUN_NEEDS_CONFIRMATION, NULL, NULL);
    return *stop ? 1 : 0;
}

static const char *run_status(int rc, int stopped, const query_outcome_t *out)
{
    if (rc == 0)
        return STORE_RUN_OK;
    if (stopped)
        return STORE_RUN_CANCELLED;
    return out->rejected ? STORE_RUN_REJECTED : STORE_RUN_ERROR;
}

int task_query_run(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *id = json_string_value(json_object_get(job, "id"));
    tasks_run_t tr = {.job_id = id, .org = json_string_value(json_object_get(args, "org_id")),
                      .user = json_string_value(json_object_get(args, "user_id")),
                      .conn = json_string_value(json_object_get(args, "connection_id")),
                      .sql = json_string_value(json_object_get(args, "sql")),
                      .params = json_object_get(args, "params"),
                      .history = json_is_true(json_object_get(args, "history")),
                      .started_ms = tasks_now_ms()};
    const char *ip = json_string_value(json_object_get(args, "ip"));
    if (!id || !tr.org || !tr.user || !tr.conn || !tr.sql) {
        snprintf(err, errlen, "query.run needs org_id, user_id, connection_id and sql");
        return -1;
    }
    query_outcome_t out = {0};
    char why[1024] = "";
    int stopped = qwatch_check_now(id), rc = -1;
    running_t run = {a, live_channel_item(a, tr.org, tr.user, "query", id), NULL};
    json_t *early = NULL;
    if (!stopped && estimate_first(a, args, &run, &tr, &early))
        return outcome_hand(a, id, &run, early, err, errlen);
    if (!stopped) {
        run.w = qwatch_start(id);
        state(&run, "Connecting to the database…");
        const char *source = json_string_value(json_object_get(args, "source"));
        json_int_t max_rows = json_integer_value(json_object_get(args, "max_rows"));
        query_opts_t o = {.refresh = json_is_true(json_object_get(args, "refresh")),
                          .source = source ? source : "explore", .on_running = on_running,
                          .ud = &run, .param_decl = tr.params,
                          .max_rows = max_rows > 0 ? (long)max_rows : 0};
        jobs_busy_for(a, cfg->query_timeout_ms / 1000 + 30); /* reading a capped result takes a while too */
        long long q0 = tasks_now_ms();
        rc = query_run(a, tr.org, tr.user, ip, tr.conn, tr.sql, &o, &out, why, sizeof why);
        stopped = qwatch_stop(run.w);
        if (rc == 0)
            tasks_pipeline_query(a, out.result, (double)(tasks_now_ms() - q0) / 1e3);
    }
    if (rc < 0 && stopped) /* its own words, not PostgreSQL's "canceling statement…" */
        snprintf(why, sizeof why, "%s", stopped == QWATCH_CANCELLED ? QUERY_CANCELLED : QUERY_ABANDONED);
    const char *saved = json_string_value(json_object_get(args, "saved_query_id"));
    if (saved && !stopped) { /* "Run again" on a saved query's page: its last result */
        char *ptext = tr.params ? json_dumps(tr.params, JSON_COMPACT) : NULL; /* its declared defaults */
        store_query_set_result(a, tr.org, saved, tr.sql, tr.conn, ptext, rc == 0 ? out.result : NULL,
                               time(NULL), rc == 0 ? NULL : why);
        free(ptext);
    }
    if (tr.history)
        tasks_history_record(a, &tr, run_status(rc, stopped, &out), rc == 0 ? out.result : NULL,
                             rc == 0 ? NULL : why);
    json_t *outcome = outcome_of(rc, &out, why);
    json_decref(out.result);
    return outcome_hand(a, id, &run, outcome, err, errlen);
}

int tasks_query_submit(arena_t *a, const tasks_query_t *q, char *job_id, char *err,
                       size_t errlen)
{
    json_t *args = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:b, s:s?, s:O?, s:s?, s:I, s:b, s:b, s:b,"
                             " s:b}", "org_id",
                             q->org_id, "user_id", q->user_id, "ip", q->ip, "connection_id",
                             q->connection_id, "sql", q->sql, "refresh", q->refresh,
                             "saved_query_id", q->saved_query_id, "params", q->params, "source",
                             q->source, "max_rows", (json_int_t)q->max_rows, "history",
                             q->history, "check_cost", q->check_cost, "confirmed", q->confirmed,
                             "estimate_only", q->estimate_only);
    if (!args) {
        snprintf(err, errlen, "the query cannot be sent to the worker (not valid text)");
        return -1;
    }
    char *meta = json_dumps(args, JSON_COMPACT);
    if (jobs_enqueue(a, TASKS_FAIR_QUEUE, "query.run", args, 1, NULL, job_id, err, errlen) < 0) {
        free(meta);
        return -1;
    }
    redisReply *r = meta ? kv_cmd(a, "SET %s %s EX %d", kv_key(a, arena_printf(a, "qjob:%s", job_id)),
                                  meta, QJOB_TTL_S)
                         : NULL;
    free(meta);
    if (!r)
        log_msg(LOG_WARN, "tasks: query job %s cannot be followed (Redis)", job_id);
    tasks_query_seen(a, job_id);
    return 0;
}

void tasks_query_seen(arena_t *a, const char *job_id)
{
    kv_cmd(a, "SET %s %lld EX %d", kv_key(a, arena_printf(a, "qseen:%s", job_id)),
           (long long)time(NULL) * 1000, QJOB_TTL_S);
}

int tasks_query_cancel(arena_t *a, const char *job_id)
{
    return kv_cmd(a, "SET %s 1 EX %d", kv_key(a, arena_printf(a, "qcancel:%s", job_id)), QJOB_TTL_S)
               ? 0 : -1;
}

json_t *tasks_query_job(arena_t *a, const char *org_id, const char *user_id, const char *job_id)
{
    if (!job_id || strlen(job_id) != 32 || strspn(job_id, "0123456789abcdef") != 32)
        return NULL;
    redisReply *r = kv_cmd(a, "GET %s", kv_key(a, arena_printf(a, "qjob:%s", job_id)));
    if (!r || r->type != REDIS_REPLY_STRING)
        return NULL;
    json_t *args = json_loadb(r->str, r->len, 0, NULL);
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *user = json_string_value(json_object_get(args, "user_id"));
    if (!org || !user || strcmp(org, org_id) != 0 || strcmp(user, user_id) != 0) {
        json_decref(args);
        return NULL; /* someone else's: as if it did not exist */
    }
    return args;
}
