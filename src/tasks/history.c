/* history.c — an Explore run in the user's query history, recorded by the
 * job that ran it when it ends (ok, failed, cancelled, rejected, or stopped
 * for the cost warning) with the planner's estimate; and the retention:
 * history.purge, every minute, deletes runs older than
 * DATAMIND_HISTORY_DAYS days a batch at a time (an index on started_at
 * makes a slot with nothing to delete one cheap probe). */
#include "tasks/tasks_internal.h"
#include "core/config.h"
#include "core/log.h"
#include "store/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define PURGE_BATCH 10000

long long tasks_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The estimate's scans as JSON text, in the arena. */
static const char *scans_text(arena_t *a, const query_estimate_t *e)
{
    json_t *scans = query_estimate_scans_json(e);
    char *s = json_dumps(scans, JSON_COMPACT);
    json_decref(scans);
    const char *out = s ? arena_strdup(a, s) : NULL;
    free(s);
    return out;
}

void tasks_history_record(arena_t *a, const tasks_run_t *r, const char *status,
                          const json_t *result, const char *error)
{
    char *params = r->params ? json_dumps(r->params, JSON_COMPACT) : NULL;
    const json_t *rows = json_object_get(result, "row_count");
    store_run_new_t n = {.org_id = r->org, .user_id = r->user, .connection_id = r->conn,
                         .job_id = r->job_id, .sql = r->sql, .params = params, .status = status,
                         .error = error, .started_ms = r->started_ms,
                         .duration_ms = (long)(tasks_now_ms() - r->started_ms),
                         .rows = json_is_integer(rows) ? (long long)json_integer_value(rows) : -1,
                         .cached = json_is_true(json_object_get(result, "cached"))};
    if (r->has_est)
        n.est = (store_run_estimate_t){true, r->est.rows, r->est.cost, scans_text(a, &r->est)};
    char err[256];
    if (store_history_record(a, &n, err, sizeof err) < 0)
        log_msg(LOG_WARN, "tasks: the run of query job %s is missing from its history: %s",
                r->job_id, err);
    free(params);
}

int task_history_purge(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    (void)job;
    long n = store_history_purge(a, cfg->history_days, PURGE_BATCH);
    if (n < 0) {
        snprintf(err, errlen, "the app database is unreachable");
        return -1;
    }
    if (n > 0)
        log_msg(LOG_INFO, "tasks: deleted %ld query history runs older than %d days", n,
                cfg->history_days);
    return 0;
}

int periodic_history_purge(arena_t *a, long slot, char *err, size_t errlen)
{
    return jobs_enqueue(a, "default", "history.purge", NULL, 1,
                        arena_printf(a, "history.purge:%ld", slot), NULL, err, errlen) < 0 ? -1 : 0;
}
