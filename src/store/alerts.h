/* alerts.h — alerts: a query checked on a schedule, its value history,
 * its events, and recording one check exactly once (alerts.c,
 * alert_checks.c).
 *
 * An alert belongs to an organization; every function takes the caller's
 * org id and filters on it (any member reads, analysts change; the pages
 * check the role). store_alert_due and the check recorder are for the
 * worker (tasks/alerts.c, tasks/notify.c). Rows and their strings live in
 * the caller's arena. */
#ifndef DM_STORE_ALERTS_H
#define DM_STORE_ALERTS_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_alert {
    const char *id, *name;
    const char *connection_id; /* NULL when its connection was deleted */
    const char *connection;    /* the connection's name, "" when deleted */
    const char *sql_text, *condition;
    const char *rows_expect;   /* "any" | "none" | NULL */
    const char *webhook_url, *email_to; /* NULL when not set */
    const char *state;         /* "ok" | "triggered" | "error" */
    const char *muted_until, *last_checked; /* "YYYY-MM-DD HH24:MI", NULL when never */
    const char *created_by_id; /* NULL when its creator was deleted */
    const char *owner;         /* the creator's name, "" when deleted */
    double threshold, anomaly_k, last_value;
    int has_threshold, has_last_value;
    int anomaly_n, interval_minutes, consecutive_errors;
    int is_active, muted;
    const char **channels;     /* "in_app", "webhook", "email" */
    size_t n_channels;
    const char *params;        /* its {{name}} parameters with the values checks use
                                  (query.h), a JSON array */
} store_alert_t;

typedef struct store_alert_value {
    const char *checked;       /* "YYYY-MM-DD HH24:MI:SS" */
    double value;
    int has_value;
    const char *error;         /* NULL when the check worked */
} store_alert_value_t;

typedef struct store_alert_event {
    const char *id, *kind;     /* triggered, resolved, error, disabled, delivery_failed */
    double value;
    int has_value;
    const char *message, *at;  /* at: "YYYY-MM-DD HH24:MI" */
} store_alert_event_t;

/* An alert due for a check (the scheduler). */
typedef struct store_alert_due {
    const char *org_id, *id;
    int interval_minutes;
} store_alert_due_t;

typedef struct store_alert_fields {
    const char *name, *connection_id, *sql, *condition, *rows_expect, *webhook_url, *email_to;
    double threshold, anomaly_k;
    int has_threshold, anomaly_n, interval_minutes;
    const json_t *channels; /* ["in_app", "webhook", "email"] */
    const char *params;     /* JSON array of {{name}} declarations and values; NULL = [] */
} store_alert_fields_t;

/* For templates: the row as an object with the column names as keys
 * (NULL columns as null). New references. */
json_t *store_alert_json(const store_alert_t *al);
json_t *store_alert_event_json(const store_alert_event_t *e);

/* The organization's alerts by name: 0, or -1 when the database failed
 * (*rows NULL, *n 0). */
int store_alert_list(arena_t *a, const char *org_id, store_alert_t **rows, size_t *n);
/* 0, or -1 when there is no such alert in this organization. */
int store_alert_get(arena_t *a, const char *org_id, const char *id, store_alert_t *out);
int store_alert_create(arena_t *a, const char *org_id, const char *user_id,
                       const store_alert_fields_t *f, char **id, char *err, size_t errlen);
int store_alert_update(arena_t *a, const char *org_id, const char *id,
                       const store_alert_fields_t *f);
int store_alert_set_active(arena_t *a, const char *org_id, const char *id, int active);
int store_alert_mute(arena_t *a, const char *org_id, const char *id, int minutes);
int store_alert_delete(arena_t *a, const char *org_id, const char *id);
/* The last limit values, oldest first; the last limit events, newest
 * first. *n = 0 when there are none or the database failed. */
store_alert_value_t *store_alert_values(arena_t *a, const char *org_id, const char *id, int limit,
                                        size_t *n);
store_alert_event_t *store_alert_events(arena_t *a, const char *org_id, const char *id, int limit,
                                        size_t *n);
/* One event: 0, or -1 when there is no such event in this organization. */
int store_alert_event_get(arena_t *a, const char *org_id, const char *event_id,
                          store_alert_event_t *out);
/* Alerts of every organization due for a check (the scheduler). */
store_alert_due_t *store_alert_due(arena_t *a, size_t *n);

/* One check, exactly once per (alert, slot), in one transaction: record the
 * value (or error), move the state on a transition, write the events and
 * the in-app notifications. *events / *n_events get this slot's events to
 * deliver (id and kind only; also when the slot was recorded before:
 * deliveries are deduplicated by the queue). 1 = this slot was already
 * recorded. */
typedef struct store_alert_outcome {
    int has_value;
    double value;
    long rows;
    const char *error;
} store_alert_outcome_t;
int store_alert_record_check(arena_t *a, const char *org_id, const char *alert_id, long long slot,
                             const store_alert_outcome_t *o, store_alert_event_t **events,
                             size_t *n_events, char *err, size_t errlen);
void store_alert_record_delivery_failure(arena_t *a, const char *org_id, const char *alert_id,
                                         const char *event_id, const char *message);

#endif
