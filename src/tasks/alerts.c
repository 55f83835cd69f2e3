/* alerts.c — alert.check: run an alert's query for one slot, record the
 * value exactly once, and queue the deliveries of what it triggered. */
#include "tasks/tasks_internal.h"
#include "core/config.h"
#include "core/log.h"
#include "live/live.h"
#include "query/query.h"
#include "store/alerts.h"
#include "store/notifications.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#define CHECK_NOW_KEY "alert.check:now:"

/* The first row's first column as a number, or an error in words. */
static void read_value(arena_t *a, const json_t *res, store_alert_outcome_t *o)
{
    const json_t *rows = json_object_get(res, "rows");
    o->rows = (long)json_array_size(rows);
    const json_t *v = json_array_get(json_array_get(rows, 0), 0);
    char *end = NULL;
    if (!v && query_result_by_bytes(res)) {
        o->error = "the query's first row is larger than DATAMIND_MAX_RESULT_BYTES, so there "
                   "is no value to check";
    } else if (!v) {
        o->error = "the query returned no rows, so there is no value to check";
    } else if (query_value_is_cut(v)) {
        o->error = "the first column of the first row is a value longer than "
                   "DATAMIND_MAX_CELL_BYTES, not a number";
    } else if (json_is_number(v)) {
        o->value = json_number_value(v);
        o->has_value = 1;
    } else if (json_is_string(v) && (o->value = strtod(json_string_value(v), &end), end && !*end) &&
               *json_string_value(v)) {
        o->has_value = 1;
    } else {
        char *s = json_dumps(v, JSON_ENCODE_ANY);
        o->error = arena_printf(a, "the first column of the first row is not a number: %.200s",
                                s ? s : "?");
        free(s);
    }
}

static void queue_deliveries(arena_t *a, const char *org_id, const store_alert_t *alert,
                             const store_alert_event_t *events, size_t n)
{
    char err[256];
    for (size_t i = 0; i < n; i++) {
        const char *eid = events[i].id;
        for (size_t j = 0; j < alert->n_channels; j++) {
            const char *c = alert->channels[j];
            if (strcmp(c, "in_app") == 0) /* in-app is written with the event */
                continue;
            jobs_enqueue(a, "default", "notify.deliver",
                         json_pack("{s:s, s:s, s:s, s:s}", "org_id", org_id, "alert_id",
                                   alert->id, "event_id", eid, "channel", c),
                         5, arena_printf(a, "notify:%s:%s", eid, c), NULL, err, sizeof err);
        }
    }
}

int task_alert_check(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *id = json_string_value(json_object_get(args, "alert_id"));
    long long slot = json_integer_value(json_object_get(args, "slot"));
    const char *dedupe = json_string_value(json_object_get(job, "dedupe"));
    if (dedupe && strncmp(dedupe, CHECK_NOW_KEY, strlen(CHECK_NOW_KEY)) == 0)
        jobs_dedupe_release(a, dedupe); /* running now: another click may wait again */
    store_alert_t alert;
    if (!org || !id || store_alert_get(a, org, id, &alert) < 0)
        return 0; /* deleted meanwhile */
    store_alert_outcome_t o = {0};
    const char *conn = alert.connection_id;
    const char *sql = alert.sql_text;
    query_opts_t qo = {.refresh = 1, .max_rows = 1000, .source = "alert",
                       .param_decl = query_params_decl(a, alert.params)}; /* its stored values */
    query_outcome_t out;
    char why[1024];
    if (conn)
        jobs_busy_for(a, cfg->query_timeout_ms / 1000 + 30); /* a user's query: up to its timeout */
    if (!conn)
        o.error = "its connection was deleted";
    else if (query_run(a, org, NULL, NULL, conn, sql, &qo, &out, why, sizeof why) < 0)
        o.error = arena_strdup(a, why);
    else {
        read_value(a, out.result, &o);
        json_decref(out.result);
    }
    store_alert_event_t *events = NULL;
    size_t n_events = 0;
    int rc = store_alert_record_check(a, org, id, slot, &o, &events, &n_events, err, errlen);
    if (rc >= 0)
        queue_deliveries(a, org, &alert, events, n_events);
    /* the events' in-app notifications went to the alert's owner: push the
     * owner's new unread count to their bell */
    if (rc >= 0 && n_events > 0 && alert.created_by_id && live_enabled())
        live_publish_bell(a, org, alert.created_by_id,
                          store_notif_unread(a, org, alert.created_by_id));
    return rc < 0 ? -1 : 0;
}

static long long now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* Every minute: each due alert gets one check for its current slot. */
int periodic_alert_check(arena_t *a, long slot_min, char *err, size_t errlen)
{
    size_t n;
    store_alert_due_t *due = store_alert_due(a, &n);
    long long now_s = now_ms() / 1000;
    (void)slot_min;
    for (size_t i = 0; i < n; i++) {
        const char *org = due[i].org_id;
        const char *id = due[i].id;
        /* The slot is the current minute: store_alert_due already spaces
         * the checks by the alert's interval. (The untyped store handed
         * interval_minutes over as text, which read as 0, so the slot has
         * always been the minute; the typed row keeps that behaviour.) */
        long long slot = now_s / 60;
        jobs_enqueue(a, "default", "alert.check",
                     json_pack("{s:s, s:s, s:I}", "org_id", org, "alert_id", id, "slot", (json_int_t)slot),
                     3, arena_printf(a, "alert.check:%s:%lld", id, slot), NULL, err, errlen);
    }
    return 0;
}

int tasks_enqueue_alert_check(arena_t *a, const char *org_id, const char *alert_id, char *job_id,
                              char *err, size_t errlen)
{
    /* "check now": a slot of its own (milliseconds), apart from the periodic
     * ones; one waiting per alert (task_alert_check frees the key) */
    long long slot = now_ms();
    return jobs_enqueue(a, "default", "alert.check",
                        json_pack("{s:s, s:s, s:I}", "org_id", org_id, "alert_id", alert_id, "slot",
                                  (json_int_t)slot),
                        3, arena_printf(a, CHECK_NOW_KEY "%s", alert_id), job_id, err, errlen);
}
