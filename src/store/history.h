/* history.h — query history: one row per Explore run of a user (SQL,
 * connection, parameters, when, how long, rows, status, error, and the
 * planner's estimate it was checked against), written by the job runner
 * when the run ends. A user lists and opens only their own runs; another
 * user's, or another organization's, is as if it did not exist (admins see
 * everyone's runs in the audit log). Kept DATAMIND_HISTORY_DAYS days. */
#ifndef DM_STORE_HISTORY_H
#define DM_STORE_HISTORY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

/* How a run ended (the status column). */
#define STORE_RUN_OK "ok"
#define STORE_RUN_ERROR "error"
#define STORE_RUN_CANCELLED "cancelled"
#define STORE_RUN_REJECTED "rejected"
#define STORE_RUN_NEEDS_CONFIRMATION "needs_confirmation"

/* The planner's estimate of a run (EXPLAIN without ANALYZE). */
typedef struct store_run_estimate {
    bool known;               /* false: none was made (or it failed) */
    double rows, cost;        /* the top plan node's Plan Rows and Total Cost */
    const char *seq_scans;    /* JSON text [{"relation", "rows"}], or NULL */
} store_run_estimate_t;

/* A run to record. */
typedef struct store_run_new {
    const char *org_id, *user_id, *connection_id, *job_id, *sql;
    const char *params;       /* JSON text of the {{name}} declarations, NULL = [] */
    const char *status;       /* STORE_RUN_* */
    const char *error;        /* NULL when it worked */
    long long started_ms;     /* Unix milliseconds */
    long duration_ms;
    long long rows;           /* < 0: none (it failed) */
    bool cached;
    store_run_estimate_t est;
} store_run_new_t;

/* A recorded run, as its owner sees it (strings in the caller's arena). */
typedef struct store_run {
    const char *id, *connection_id; /* connection_id NULL when it was deleted */
    const char *connection;         /* its name when the run was recorded */
    const char *sql, *params, *status, *error; /* error NULL when none */
    const char *started;            /* "YYYY-MM-DD HH24:MI:SS" (UTC) */
    long duration_ms;
    long long rows;                 /* -1: none */
    bool cached;
    store_run_estimate_t est;
} store_run_t;

/* Record r once per job_id (a re-delivered job adds nothing): 0, or -1
 * with err when the database failed. The connection is kept only when it
 * is org_id's own. */
int store_history_record(arena_t *a, const store_run_new_t *r, char *err, size_t errlen);
/* The user's runs, newest first, page (1-based) of per_page; search (may be
 * NULL or "") matches a piece of the SQL text, case-insensitively. *more
 * is 1 when an older page exists. 0, or -1 (rows NULL, n 0) when the
 * database failed. */
int store_history_list(arena_t *a, const char *org_id, const char *user_id, const char *search,
                       int page, int per_page, store_run_t **rows, size_t *n, int *more);
/* 0, or -1 when the user has no such run. */
int store_history_get(arena_t *a, const char *org_id, const char *user_id, const char *id,
                      store_run_t *out);
/* For templates: the fields by name ("estimate" null when none). New reference. */
json_t *store_history_json(const store_run_t *r);
/* Delete up to batch runs older than days days (every organization's):
 * how many, or -1 when the database failed. */
long store_history_purge(arena_t *a, int days, int batch);

#endif
