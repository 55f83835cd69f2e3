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

#endif
