/* row.h — typed rows out of a store query. Private to src/store/ (the
 * entity headers do not include it): each entity has one row_from_result()
 * that fills its struct by column index with the store_row_* readers below
 * (strings copied into the caller's arena), and runs its SELECT through
 * store_rows_fetch / store_row_fetch. */
#ifndef DM_STORE_ROWS_H
#define DM_STORE_ROWS_H

#include <jansson.h>
#include <libpq-fe.h>
#include <stddef.h>
#include <stdlib.h>

#include "core/arena.h"

/* Fill the row at out from row i of res. */
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
static inline const char *store_row_text(arena_t *a, const PGresult *res, int row, int col)
{
    return arena_strdup(a, PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col));
}

/* The column's text in arena a; NULL for SQL NULL. */
static inline const char *store_row_opt(arena_t *a, const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? NULL : arena_strdup(a, PQgetvalue(res, row, col));
}

/* A boolean column: 1 for true, 0 for false or NULL. */
static inline int store_row_bool(const PGresult *res, int row, int col)
{
    return !PQgetisnull(res, row, col) && PQgetvalue(res, row, col)[0] == 't';
}

/* A number column: *has = 0 (and 0) for NULL. */
static inline long long store_row_ll(const PGresult *res, int row, int col, int *has)
{
    *has = !PQgetisnull(res, row, col);
    return *has ? strtoll(PQgetvalue(res, row, col), NULL, 10) : 0;
}

static inline double store_row_double(const PGresult *res, int row, int col, int *has)
{
    *has = !PQgetisnull(res, row, col);
    return *has ? strtod(PQgetvalue(res, row, col), NULL) : 0.0;
}

/* A JSON column (selected as text), parsed and owned by the arena; NULL
 * for SQL NULL (or text that is not JSON). */
static inline json_t *store_row_json(arena_t *a, const PGresult *res, int row, int col)
{
    if (PQgetisnull(res, row, col))
        return NULL;
    json_t *v = json_loads(PQgetvalue(res, row, col), JSON_DECODE_ANY, NULL);
    if (v)
        arena_defer_json(a, v);
    return v;
}

#endif
