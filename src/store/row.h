/* row.h — reading one column of a store result into a typed row field.
 * Private to src/store/: each entity's row_from_result() fills its struct
 * with these, by column index. Strings are copied into the caller's arena
 * (SQL NULL stays NULL); a number or flag that is NULL reads as 0 / false. */
#ifndef DM_STORE_ROW_H
#define DM_STORE_ROW_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/arena.h"

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
