/* describe_read.c — the rows of query_describe_sql's statement read back
 * into a query_describe_t: one entry per column of the described result,
 * with its top values, its histogram and the correlations. Reads the
 * database's figures; computes none. */
#include "query/query.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static long long cell_int(const json_t *row, int k)
{
    const json_t *v = json_array_get(row, (size_t)k);
    if (json_is_integer(v))
        return (long long)json_integer_value(v);
    return json_is_string(v) ? atoll(json_string_value(v)) : 0;
}

/* A float8 cell: NAN for NULL (the database sends NaN/Infinity as text). */
static double cell_num(const json_t *row, int k)
{
    const json_t *v = json_array_get(row, (size_t)k);
    if (json_is_number(v))
        return json_number_value(v);
    return json_is_string(v) ? strtod(json_string_value(v), NULL) : NAN;
}

static const char *cell_text(arena_t *a, const json_t *row, int k)
{
    const json_t *v = json_array_get(row, (size_t)k);
    return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
}

static void read_col(arena_t *a, query_describe_col_t *c, const json_t *row)
{
    c->rows = cell_int(row, 3);
    c->nonnull = cell_int(row, 4);
    c->distinct = cell_int(row, 5);
    c->min = cell_text(a, row, 6);
    c->max = cell_text(a, row, 7);
    c->mean = cell_num(row, 8);
    c->p25 = cell_num(row, 9);
    c->p50 = cell_num(row, 10);
    c->p75 = cell_num(row, 11);
    c->sd = cell_num(row, 12);
}

static void read_top(arena_t *a, query_describe_col_t *c, const json_t *row)
{
    long long rk = cell_int(row, 2);
    if (rk < 1 || rk > QUERY_DESCRIBE_TOP)
        return;
    c->top_v[rk - 1] = cell_text(a, row, 6);
    c->top_n[rk - 1] = cell_int(row, 3);
    if (rk > c->ntop)
        c->ntop = (int)rk;
}

static void read_hist(query_describe_col_t *c, const json_t *row)
{
    long long bin = cell_int(row, 2);
    if (bin < 1 || bin > QUERY_DESCRIBE_BINS)
        return;
    c->hist[bin - 1] = cell_int(row, 3);
    c->hist_lo = cell_num(row, 8);
    c->hist_hi = cell_num(row, 9);
    c->has_hist = 1;
}

static void read_corr(query_describe_t *d, const json_t *row)
{
    long long i = cell_int(row, 1), j = cell_int(row, 2);
    if (i < 0 || j < 0 || (size_t)i >= d->ncols || (size_t)j >= d->ncols)
        return;
    d->corr[(size_t)i * d->ncols + (size_t)j] = d->corr[(size_t)j * d->ncols + (size_t)i] =
        cell_num(row, 8);
    d->cols[i].in_corr = d->cols[j].in_corr = 1;
}

static void describe_init(arena_t *a, const json_t *columns, query_describe_t *d)
{
    d->ncols = json_array_size(columns);
    d->cols = arena_alloc(a, (d->ncols ? d->ncols : 1) * sizeof *d->cols);
    d->corr = arena_alloc(a, (d->ncols ? d->ncols * d->ncols : 1) * sizeof *d->corr);
    for (size_t i = 0; i < d->ncols * d->ncols; i++)
        d->corr[i] = i % (d->ncols + 1) == 0 ? 1.0 : NAN;
    for (size_t i = 0; i < d->ncols; i++) {
        const json_t *c = json_array_get(columns, i);
        d->cols[i].name = arena_strdup(a, json_string_value(json_object_get(c, "name")));
        d->cols[i].type = arena_strdup(a, json_string_value(json_object_get(c, "type")));
        d->cols[i].numeric = query_type_numeric(d->cols[i].type);
        d->cols[i].mean = d->cols[i].p25 = d->cols[i].p50 = d->cols[i].p75 = d->cols[i].sd = NAN;
    }
}

void query_describe_read(arena_t *a, const json_t *columns, const json_t *result,
                         query_describe_t *d)
{
    memset(d, 0, sizeof *d);
    describe_init(a, columns, d);
    size_t k;
    const json_t *row;
    json_array_foreach(json_object_get(result, "rows"), k, row) {
        const char *kind = json_string_value(json_array_get(row, 0));
        long long i = cell_int(row, 1);
        if (!kind || i < 0 || (size_t)i >= d->ncols)
            continue;
        if (strcmp(kind, "col") == 0)
            read_col(a, &d->cols[i], row);
        else if (strcmp(kind, "top") == 0)
            read_top(a, &d->cols[i], row);
        else if (strcmp(kind, "hist") == 0)
            read_hist(&d->cols[i], row);
        else if (strcmp(kind, "corr") == 0)
            read_corr(d, row);
    }
}
