/* store_row.c — running a store SELECT into typed rows (see store_row.h). */
#include "store/store_row.h"
#include "store/db.h"

void *store_rows_fetch(arena_t *a, const char *sql, int nparams, const char *const *params,
                       size_t size, store_row_fill_fn *fill, size_t *n)
{
    char err[256];
    *n = 0;
    PGresult *res = db_exec(a, sql, nparams, params, err, sizeof err);
    if (!res)
        return NULL;
    *n = (size_t)PQntuples(res);
    char *rows = arena_alloc(a, (*n + 1) * size);
    for (size_t i = 0; i < *n; i++)
        fill(a, res, (int)i, rows + i * size);
    return rows;
}

int store_row_fetch(arena_t *a, const char *sql, int nparams, const char *const *params,
                    store_row_fill_fn *fill, void *out)
{
    char err[256];
    PGresult *res = db_exec(a, sql, nparams, params, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    fill(a, res, 0, out);
    return 0;
}

json_t *store_rows_json(const void *rows, size_t n, size_t size, json_t *(*one)(const void *))
{
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(out, one((const char *)rows + i * size));
    return out;
}
