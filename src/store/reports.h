/* reports.h — scheduled reports (reports.c): a dashboard's PDF or a saved
 * query's CSV e-mailed daily or weekly to a list of addresses, and one
 * delivery row per run so that a job delivered twice sends once.
 *
 * Tenancy: every function but the worker's store_report_due takes the
 * organization and puts it in its WHERE clause; creating one selects the
 * dashboard or query inside the organization. Rows live in the caller's
 * arena. */
#ifndef DM_STORE_REPORTS_H
#define DM_STORE_REPORTS_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

#define STORE_REPORT_MAX_RCPT 20

typedef struct store_report {
    const char *id, *org_id;
    const char *created_by_id;     /* NULL when the creator was deleted */
    const char *creator;           /* full name, "" when gone */
    const char *dashboard_id, *query_id; /* exactly one is set */
    const char *target;            /* the dashboard's title or the query's name */
    const char **rcpt;             /* the addresses, n_rcpt of them */
    size_t n_rcpt;
    const char *frequency;         /* "daily" or "weekly" */
    int weekday;                   /* 0 = Sunday … 6; -1 for daily */
    int hour;                      /* 0-23, UTC */
    const char *next_run;          /* UTC "YYYY-MM-DD HH24:MI" */
    const char *last_sent;         /* UTC, NULL = never */
    const char *last_error, *last_error_at; /* NULL = none since the last success */
} store_report_t;

typedef struct store_report_new {
    const char *dashboard_id, *query_id; /* one of them */
    const char *const *rcpt;
    size_t n_rcpt;
    const char *frequency;
    int weekday, hour;
} store_report_new_t;

/* 0 with *id, or -1 (logged) when the dashboard or query is not the
 * organization's or the database failed. */
int store_report_create(arena_t *a, const char *org_id, const char *user_id,
                        const store_report_new_t *n, char **id);
/* The schedules of one dashboard or one query (the other NULL), oldest
 * first. 0, or -1 (n 0). */
int store_report_list(arena_t *a, const char *org_id, const char *dashboard_id,
                      const char *query_id, store_report_t **rows, size_t *n);
int store_report_get(arena_t *a, const char *org_id, const char *id, store_report_t *out);
int store_report_delete(arena_t *a, const char *org_id, const char *id);

/* For the scheduler: schedules of every organization whose next run has
 * come (at most 500): id, org_id and slot (the run's minute, unix minutes). */
typedef struct store_report_due {
    const char *id, *org_id;
    long long slot;
} store_report_due_t;
int store_report_due(arena_t *a, store_report_due_t **rows, size_t *n);
/* Move the schedule past the run of `slot` (nothing when it moved already). */
int store_report_advance(arena_t *a, const char *org_id, const char *id, long long slot);

/* The run of (schedule, slot) is starting: 0 = send it, 1 = it was sent
 * already or the schedule is gone (send nothing), -1 = the database failed. */
int store_report_begin(arena_t *a, const char *org_id, const char *id, long long slot);
/* The run was sent / failed with error: the delivery row and the
 * schedule's status in one statement. */
int store_report_sent(arena_t *a, const char *org_id, const char *id, long long slot);
int store_report_failed(arena_t *a, const char *org_id, const char *id, long long slot,
                        const char *error);

/* The form's choices: {weekdays:[{value,label}], hours:[{value,label}]}
 * (Monday first; hours as "07:00 UTC"). New reference. */
json_t *store_report_choices_json(void);

/* For templates: {id, target, recipients ("a, b"), frequency, when
 * ("daily at 07:00 UTC"), next_run, last_sent, last_error, last_error_at,
 * creator}. New reference. */
json_t *store_report_list_json(const store_report_t *rows, size_t n);

#endif
