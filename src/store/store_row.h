/* store_row.h — small helpers the store's row_from_result functions share:
 * a column's text copied into the caller's arena, and back out as JSON;
 * and (store_row.c) running a SELECT into an arena array of typed rows
 * through an entity's row_from_result, and a list of rows back out as JSON.
 * Internal to src/store/ (the entity headers do not include it). */
#ifndef DM_STORE_ROW_H
#define DM_STORE_ROW_H

#include <jansson.h>
#include <libpq-fe.h>
#include <stddef.h>
#include <stdlib.h>

#include "core/arena.h"

/* Fill the row at out from row i of res (an entity's row_from_result). */
typedef void store_row_fill_fn(arena_t *a, const PGresult *res, int i, void *out);

/* Run sql ($n params) and fill an arena array of *n rows of size bytes
 * each (never NULL, even for no rows), or NULL (n 0) when the database
 * failed. */
void *store_rows_fetch(arena_t *a, const char *sql, int nparams, const char *const *params,
                       size_t size, store_row_fill_fn *fill, size_t *n);
/* Exactly one row into out: 0, or -1 when there is none (or the database
 * failed). */
int store_row_fetch(arena_t *a, const char *sql, int nparams, const char *const *params,
                    store_row_fill_fn *fill, void *out);
/* A JSON array of one(row) for each of n rows of size bytes. */
json_t *store_rows_json(const void *rows, size_t n, size_t size, json_t *(*one)(const void *));

/* The column's text in arena a; "" for SQL NULL. */
static inline const char *store_row_text(arena_t *a, const PGresult *r, int row, int col)
{
    return arena_strdup(a, PQgetisnull(r, row, col) ? "" : PQgetvalue(r, row, col));
}

/* The column's text in arena a; NULL for SQL NULL. */
static inline const char *store_row_opt(arena_t *a, const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : arena_strdup(a, PQgetvalue(r, row, col));
}

/* A boolean column: 1 for true, 0 for false or NULL. */
static inline int store_row_bool(const PGresult *r, int row, int col)
{
    return !PQgetisnull(r, row, col) && PQgetvalue(r, row, col)[0] == 't';
}

/* A float8 column: *has = 0 (and 0.0) for NULL. */
static inline double store_row_double(const PGresult *r, int row, int col, int *has)
{
    *has = !PQgetisnull(r, row, col);
    return *has ? strtod(PQgetvalue(r, row, col), NULL) : 0.0;
}

/* A bigint column: *has = 0 (and 0) for NULL. */
static inline long long store_row_ll(const PGresult *r, int row, int col, int *has)
{
    *has = !PQgetisnull(r, row, col);
    return *has ? strtoll(PQgetvalue(r, row, col), NULL, 10) : 0;
}

/* A JSON column (selected as text), parsed and owned by the arena; NULL
 * for SQL NULL (or text that is not JSON). */
static inline json_t *store_row_json(arena_t *a, const PGresult *r, int row, int col)
{
    if (PQgetisnull(r, row, col))
        return NULL;
    json_t *v = json_loads(PQgetvalue(r, row, col), JSON_DECODE_ANY, NULL);
    if (v)
        arena_defer_json(a, v);
    return v;
}

/* A column holding a JSON array of names (jsonb or to_json(text[])) as
 * strings in arena a, NULL-terminated; *n of them (non-strings skipped). */
static inline const char **store_row_names(arena_t *a, const char *json_text, size_t *n)
{
    json_t *arr = json_loads(json_text, 0, NULL);
    size_t len = json_array_size(arr);
    const char **out = arena_alloc(a, (len + 1) * sizeof *out);
    *n = 0;
    for (size_t i = 0; i < len; i++) {
        const char *s = json_string_value(json_array_get(arr, i));
        if (s)
            out[(*n)++] = arena_strdup(a, s);
    }
    json_decref(arr);
    return out;
}

/* A string, or JSON null for a NULL pointer (or text that is not UTF-8),
 * as db_row_json gave it. */
static inline json_t *store_json_text(const char *s)
{
    json_t *v = s ? json_string(s) : NULL;
    return v ? v : json_null();
}

/* A number that may be absent: JSON null when !has. */
static inline json_t *store_json_real(double d, int has)
{
    return has ? json_real(d) : json_null();
}

#endif
