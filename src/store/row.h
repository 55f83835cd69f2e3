/* row.h — typed rows out of a store query. Private to src/store/: each
 * entity has one row_from_result() that fills its struct by column index
 * with the row_* readers below (strings copied into the caller's arena, SQL
 * NULL staying NULL; a number or flag that is NULL reads as 0 / false), and
 * runs its SELECT through store_rows_fetch / store_row_fetch. */
#ifndef DM_STORE_ROW_H
#define DM_STORE_ROW_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdlib.h>

#include <jansson.h>
#include <stddef.h>

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

static inline const char *row_text(arena_t *a, const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? NULL : arena_strdup(a, PQgetvalue(res, row, col));
}

/* "" instead of NULL, for a column that is NOT NULL or coalesced */
static inline const char *row_text0(arena_t *a, const PGresult *res, int row, int col)
{
    return arena_strdup(a, PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col));
}

static inline bool row_bool(const PGresult *res, int row, int col)
{
    return !PQgetisnull(res, row, col) && PQgetvalue(res, row, col)[0] == 't';
}

static inline long long row_ll(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? 0 : strtoll(PQgetvalue(res, row, col), NULL, 10);
}

static inline double row_double(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? 0 : strtod(PQgetvalue(res, row, col), NULL);
}

#endif
