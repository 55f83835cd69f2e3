/* queries.h — saved queries: a named SQL statement on one of the
 * organization's connections, with tags, shared with the organization or
 * private to its author. A user sees the organization's shared queries and
 * their own private ones, never another organization's; only the author or
 * an admin changes or deletes one. Callers: the saved-query pages, Explore
 * (open one), dashboards and alerts (start from one), exports. */
#ifndef DM_STORE_QUERIES_H
#define DM_STORE_QUERIES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_query {
    const char *id, *name, *description, *sql_text;
    const char *tags;          /* "finance, monthly" */
    bool is_shared;
    const char *connection_id; /* NULL when none (or it was deleted) */
    const char *connection;    /* its name, "" when none */
    bool mine;                 /* the asking user wrote it */
    const char *author;        /* full name, "" when the user is gone */
    const char *updated;       /* YYYY-MM-DD */
    /* the last run (store_query_set_result): when its result was read
     * ("YYYY-MM-DD HH24:MI", NULL when none is stored), and why the latest
     * run failed and when (NULL when it worked) */
    const char *last_run, *last_error, *last_error_at;
    const char *params;        /* its {{name}} parameters, a JSON array (query.h) */
} store_query_t;

typedef struct store_query_fields {
    const char *name, *description, *sql, *tags_csv, *connection_id;
    const char *params;        /* JSON array of parameter declarations; NULL = [] */
    int shared;
} store_query_fields_t;

/* Newest first (at most 500); search matches the name or a tag. 0, or -1
 * (rows NULL, n 0) when the database failed. */
int store_query_list(arena_t *a, const char *org_id, const char *user_id, const char *search,
                     store_query_t **rows, size_t *n);
/* 0, or -1 when there is no such query visible to the user. */
int store_query_get(arena_t *a, const char *org_id, const char *user_id, const char *id,
                    store_query_t *out);
/* For templates: the fields by name. New reference. */
json_t *store_query_json(const store_query_t *q);
json_t *store_query_list_json(const store_query_t *rows, size_t n);
int store_query_create(arena_t *a, const char *org_id, const char *user_id,
                       const store_query_fields_t *f, char **id, char *err, size_t errlen);
/* Only the owner or an admin may change or delete: 0, 404 (not visible),
 * 403, or -1 when the database failed. */
int store_query_update(arena_t *a, const char *org_id, const char *user_id, int is_admin,
                       const char *id, const store_query_fields_t *f);
int store_query_delete(arena_t *a, const char *org_id, const char *user_id, int is_admin,
                       const char *id);

/* The last run's result ({"columns", "rows", "row_count", "truncated",
 * "ms", …}, owned by the arena), or NULL when none is stored. */
json_t *store_query_result(arena_t *a, const char *org_id, const char *id);
/* Record a run of the saved query: its result (borrowed; NULL keeps the
 * one stored, for a failed run) read at ran_at (Unix seconds; 0: now),
 * and error (NULL when it worked). Only while the query still is sql on
 * connection_id with the parameter declarations params (JSON text, NULL
 * as []: the run's values are its defaults), so an edit meanwhile drops
 * the run. 0 when stored, 1 when the query changed or is gone, -1 when
 * the database failed. */
int store_query_set_result(arena_t *a, const char *org_id, const char *id, const char *sql,
                           const char *connection_id, const char *params, const json_t *result,
                           long long ran_at, const char *error);

#endif
