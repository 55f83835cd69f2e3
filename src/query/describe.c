/* describe.c — "describe this result" as one statement the database
 * computes: the query materialized once as a CTE (src), one scan of it for
 * every column's aggregates and the correlations (st), then per column its
 * count, non-null count, distinct count, min and max; for numbers the mean,
 * quartiles (percentile_cont), standard deviation and a width_bucket
 * histogram; for text the most frequent values; and corr() between the
 * numeric columns. Every branch has the same thirteen typed columns (kind,
 * i, j, n, m, d, t1, t2, f1..f5): describe_read.c reads them back. Column
 * names are the result's own, quoted. PostgreSQL's own SQL (MATERIALIZED,
 * percentile_cont, width_bucket, ::casts): written for PostgreSQL only. */
#include "query/internal.h"
#include "engine/engine.h"
#include "core/buf.h"
#include "sqlsafe/sqlsafe.h"

#include <stdio.h>
#include <string.h>

enum { SLOTS = 13 };
static const char *const slot_types[SLOTS] = {"text", "int", "int", "bigint", "bigint", "bigint",
                                              "text", "text", "float8", "float8", "float8",
                                              "float8", "float8"};
static const char *const slot_names[SLOTS] = {"kind", "i", "j", "n", "m", "d", "t1", "t2",
                                              "f1", "f2", "f3", "f4", "f5"};

/* One branch: SELECT e0::text AS kind, … (NULL where e[k] is NULL), then
 * tail (FROM …). */
static void describe_branch(buf_t *b, const char *const e[SLOTS], const char *tail)
{
    buf_puts(b, b->len ? "\nUNION ALL\nSELECT " : "SELECT ");
    for (int k = 0; k < SLOTS; k++)
        buf_printf(b, "%s(%s)::%s AS %s", k ? ", " : "", e[k] ? e[k] : "NULL", slot_types[k],
                   slot_names[k]);
    buf_printf(b, " %s", tail);
}

/* What a column is for the statistics: numbers (float8), ordered values
 * kept as they are (dates, timestamps), or text (anything else, as text:
 * booleans, JSON, arrays compare as their text). */
typedef enum { DESC_NUM, DESC_ORDERED, DESC_TEXT } desc_kind_t;

static desc_kind_t describe_kind(const json_t *col)
{
    const char *t = json_string_value(json_object_get(col, "type"));
    /* the engine's own type name ("pgtype" in results cached before engine/) */
    const json_t *db = json_object_get(col, "dbtype");
    const char *dbt = json_string_value(db ? db : json_object_get(col, "pgtype"));
    if (query_type_numeric(t) && !(dbt && strcmp(dbt, "money") == 0))
        return DESC_NUM;
    if (t && (strcmp(t, "date") == 0 || strcmp(t, "timestamp") == 0))
        return DESC_ORDERED;
    return DESC_TEXT;
}

/* The column as the statistics read it: src."x"::float8, src."x", src."x"::text. */
static const char *describe_expr(arena_t *a, const char *name, desc_kind_t k)
{
    buf_t b = {0};
    buf_puts(&b, "src.");
    sqlsafe_quote_ident(&b, name);
    buf_puts(&b, k == DESC_NUM ? "::float8" : k == DESC_TEXT ? "::text" : "");
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* Column i's aggregates in the one scan of st: m<i> (non-null), d<i>
 * (distinct: text compared bytewise, which counts the same for a
 * deterministic collation and sorts far faster), lo<i>, hi<i>; for numbers
 * mean<i>, q<i> (the quartiles, one sort) and sd<i>. */
static void describe_stats(buf_t *st, int i, const char *x, desc_kind_t k)
{
    buf_printf(st, ", count(%s) AS m%d, count(DISTINCT %s%s) AS d%d, min(%s) AS lo%d, "
               "max(%s) AS hi%d", x, i, x, k == DESC_TEXT ? " COLLATE \"C\"" : "", i, x, i, x, i);
    if (k == DESC_NUM)
        buf_printf(st, ", avg(%s) AS mean%d, percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN "
                   "GROUP (ORDER BY %s) AS q%d, stddev_samp(%s) AS sd%d", x, i, x, i, x, i);
}

static void describe_column(arena_t *a, buf_t *b, int i, desc_kind_t k)
{
    const char *e[SLOTS] = {"'col'", arena_printf(a, "%d", i), NULL, "st.n",
                            arena_printf(a, "st.m%d", i), arena_printf(a, "st.d%d", i),
                            arena_printf(a, "st.lo%d", i), arena_printf(a, "st.hi%d", i)};
    if (k == DESC_NUM) {
        e[8] = arena_printf(a, "st.mean%d", i);
        for (int q = 0; q < 3; q++)
            e[9 + q] = arena_printf(a, "st.q%d[%d]", i, q + 1);
        e[12] = arena_printf(a, "st.sd%d", i);
    }
    describe_branch(b, e, "FROM st");
}

static void describe_top(arena_t *a, buf_t *b, int i, const char *x)
{
    const char *e[SLOTS] = {"'top'", arena_printf(a, "%d", i), "t.rk", "t.n", NULL, NULL, "t.v"};
    describe_branch(b, e, arena_printf(a, "FROM (SELECT %s AS v, count(*) AS n, row_number() "
                                       "OVER (ORDER BY count(*) DESC, %s) AS rk FROM src WHERE "
                                       "%s IS NOT NULL GROUP BY %s) AS t WHERE t.rk <= %d",
                                       x, x, x, x, QUERY_DESCRIBE_TOP));
}

/* Equal-width bins between the column's min and max from st (one bin when
 * they are equal or not finite: width_bucket refuses both). */
static void describe_hist(arena_t *a, buf_t *b, int i, const char *x)
{
    const char *e[SLOTS] = {"'hist'", arena_printf(a, "%d", i), "h.bin", "count(*)",
                            NULL, NULL, NULL, NULL, "h.lo", "h.hi"};
    describe_branch(b, e, arena_printf(a,
        "FROM (SELECT CASE WHEN st.hi%d > st.lo%d AND st.hi%d < 'Infinity'::float8 AND st.lo%d > "
        "'-Infinity'::float8 THEN least(width_bucket(%s, st.lo%d, st.hi%d, %d), %d) ELSE 1 END "
        "AS bin, st.lo%d AS lo, st.hi%d AS hi FROM src, st WHERE %s IS NOT NULL) AS h "
        "GROUP BY h.bin, h.lo, h.hi", i, i, i, i, x, i, i, QUERY_DESCRIBE_BINS,
        QUERY_DESCRIBE_BINS, i, i, x));
}

/* corr() of every pair of the first QUERY_DESCRIBE_MAX_CORR numeric
 * columns: r<k> in st's scan, unpivoted by a VALUES list. */
static void describe_corr(buf_t *st, buf_t *b, const int *num, const char *const *x, int n)
{
    if (n < 2)
        return;
    buf_t vals = {0};
    for (int p = 0, k = 0; p < n; p++)
        for (int q = p + 1; q < n; q++, k++) {
            buf_printf(st, ", corr(%s, %s) AS r%d", x[p], x[q], k);
            buf_printf(&vals, "%s(%d, %d, st.r%d)", k ? ", " : "", num[p], num[q], k);
        }
    const char *e[SLOTS] = {"'corr'", "v.i", "v.j", NULL, NULL, NULL, NULL, NULL, "v.r"};
    buf_t tail = {0};
    buf_printf(&tail, "FROM st CROSS JOIN LATERAL (VALUES %s) AS v(i, j, r)", buf_str(&vals));
    describe_branch(b, e, buf_str(&tail));
    buf_free(&vals);
    buf_free(&tail);
}

static int describe_check(const json_t *columns, char *err, size_t errlen)
{
    size_t n = json_array_size(columns), i;
    if (n == 0 || n > QUERY_DESCRIBE_MAX_COLS) {
        snprintf(err, errlen, n ? "The result has %zu columns: at most %d can be described. "
                 "Select fewer columns in the query." : "The result has no columns to describe.",
                 n, QUERY_DESCRIBE_MAX_COLS);
        return -1;
    }
    const json_t *c;
    json_array_foreach(columns, i, c) {
        const char *name = json_string_value(json_object_get(c, "name"));
        const char *t = query_column_type(columns, name);
        if (!t || !*t) {
            snprintf(err, errlen, "The result has two columns named \"%s\": give one another "
                     "name (AS) in the query.", name ? name : "");
            return -1;
        }
    }
    return 0;
}

const char *query_describe_sql(arena_t *a, const struct engine_dialect *d, const char *sql,
                               const json_t *columns, char *err, size_t errlen)
{
    if (query_dialect(d) != &engine_pg_dialect) {
        snprintf(err, errlen, "Describing a result (quartiles, histograms, correlations) is "
                 "available on PostgreSQL only for now.");
        return NULL;
    }
    if (describe_check(columns, err, errlen) < 0)
        return NULL;
    buf_t st = {0}, body = {0};
    int num[QUERY_DESCRIBE_MAX_CORR], nnum = 0;
    const char *numx[QUERY_DESCRIBE_MAX_CORR];
    size_t i;
    const json_t *c;
    json_array_foreach(columns, i, c) {
        desc_kind_t k = describe_kind(c);
        const char *x = describe_expr(a, json_string_value(json_object_get(c, "name")), k);
        describe_stats(&st, (int)i, x, k);
        describe_column(a, &body, (int)i, k);
        if (k == DESC_TEXT)
            describe_top(a, &body, (int)i, x);
        if (k == DESC_NUM) {
            describe_hist(a, &body, (int)i, x);
            if (nnum < QUERY_DESCRIBE_MAX_CORR)
                num[nnum] = (int)i, numx[nnum++] = x;
        }
    }
    describe_corr(&st, &body, num, numx, nnum);
    buf_t b = {0};
    buf_puts(&b, "WITH src AS MATERIALIZED (\n");
    buf_append(&b, sql, query_sql_body(sql));
    buf_printf(&b, "\n),\nst AS (SELECT count(*) AS n%s FROM src)\n%s", buf_str(&st),
               buf_str(&body));
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&st);
    buf_free(&body);
    buf_free(&b);
    return out;
}
