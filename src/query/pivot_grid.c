/* pivot_grid.c — the grouped result of query_pivot_sql read back as a
 * grid: the row keys in the database's order (from the row totals), the
 * column keys (from the column totals), each cell, each total. The values
 * are the result's own (borrowed), never added up here. */
#include "query/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The index of key in map (an object: the key's JSON text → index), added
 * at *n when new and add is set; -1 when absent. */
static long grid_index(json_t *map, const json_t *key, size_t *n, int add)
{
    char *k = json_dumps(key, JSON_ENCODE_ANY | JSON_COMPACT);
    if (!k)
        return -1;
    json_t *v = json_object_get(map, k);
    long i = v ? (long)json_integer_value(v) : -1;
    if (!v && add) {
        i = (long)(*n)++;
        json_object_set_new(map, k, json_integer(i));
    }
    free(k);
    return i;
}

static const json_t **grid_cells(arena_t *a, size_t n)
{
    return arena_alloc(a, (n ? n : 1) * sizeof(const json_t *));
}

/* First pass: the keys, from the totals rows (kind "row total" names a
 * row, "column total" a column; without columns, the plain rows name the
 * rows). */
static int grid_keys(const json_t *rows, int has_cols, json_t *rmap, json_t *cmap,
                     query_pivot_grid_t *g, char *err, size_t errlen)
{
    size_t i;
    const json_t *row;
    json_array_foreach(rows, i, row) {
        const char *kind = json_string_value(json_array_get(row, has_cols ? 3 : 2));
        if (!kind)
            continue;
        if (has_cols ? strcmp(kind, "row total") == 0 : !*kind)
            grid_index(rmap, json_array_get(row, 0), &g->nrows, 1);
        else if (has_cols && strcmp(kind, "column total") == 0)
            grid_index(cmap, json_array_get(row, 1), &g->ncols, 1);
    }
    if (g->nrows > QUERY_PIVOT_MAX_ROWS || g->ncols > QUERY_PIVOT_MAX_COLS) {
        snprintf(err, errlen, "The pivot would have %zu rows and %zu columns: at most %d rows "
                 "and %d columns are shown. Choose columns with fewer distinct values, or "
                 "filter the query.", g->nrows, g->ncols, QUERY_PIVOT_MAX_ROWS,
                 QUERY_PIVOT_MAX_COLS);
        return -1;
    }
    return 0;
}

static void grid_alloc(arena_t *a, query_pivot_grid_t *g)
{
    size_t w = g->ncols ? g->ncols : 1;
    g->row_keys = grid_cells(a, g->nrows);
    g->col_keys = grid_cells(a, g->ncols);
    g->cells = grid_cells(a, g->nrows * w);
    g->row_totals = grid_cells(a, g->nrows);
    g->col_totals = grid_cells(a, g->ncols);
}

/* Second pass: every value in its place. */
static void grid_fill(const json_t *rows, int has_cols, json_t *rmap, json_t *cmap,
                      query_pivot_grid_t *g)
{
    size_t i, w = g->ncols ? g->ncols : 1, nr = 0, nc = 0;
    const json_t *row;
    int vi = has_cols ? 2 : 1;
    json_array_foreach(rows, i, row) {
        const char *kind = json_string_value(json_array_get(row, vi + 1));
        const json_t *v = json_array_get(row, vi);
        long r = grid_index(rmap, json_array_get(row, 0), &nr, 0);
        long c = has_cols ? grid_index(cmap, json_array_get(row, 1), &nc, 0) : 0;
        if (!kind)
            continue;
        if (strcmp(kind, "grand total") == 0)
            g->grand = v;
        else if (strcmp(kind, "row total") == 0 && r >= 0)
            g->row_keys[r] = json_array_get(row, 0), g->row_totals[r] = v;
        else if (strcmp(kind, "column total") == 0 && c >= 0)
            g->col_keys[c] = json_array_get(row, 1), g->col_totals[c] = v;
        else if (!*kind && r >= 0 && c >= 0) {
            g->cells[(size_t)r * w + (size_t)c] = v;
            if (!has_cols)
                g->row_keys[r] = json_array_get(row, 0), g->row_totals[r] = v;
        }
    }
}

int query_pivot_grid(arena_t *a, const json_t *result, int has_cols, query_pivot_grid_t *g,
                     char *err, size_t errlen)
{
    memset(g, 0, sizeof *g);
    const json_t *rows = json_object_get(result, "rows");
    if (json_is_true(json_object_get(result, "truncated"))) {
        snprintf(err, errlen, "The pivot has more groups than a result may hold: choose "
                 "columns with fewer distinct values, or filter the query.");
        return -1;
    }
    json_t *rmap = json_object(), *cmap = json_object();
    int rc = grid_keys(rows, has_cols, rmap, cmap, g, err, errlen);
    if (rc == 0) {
        grid_alloc(a, g);
        grid_fill(rows, has_cols, rmap, cmap, g);
    }
    json_decref(rmap);
    json_decref(cmap);
    return rc;
}
