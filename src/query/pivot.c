/* pivot.c — a result as a pivot table: the query as a sub-query grouped by
 * a row column (and a column column) with one aggregate from a fixed list,
 * the row, column and grand totals from GROUPING SETS, all computed by the
 * database; and the grouped result read back into a grid. Names come from
 * the result's own columns only and are quoted; the wrapped SQL goes
 * through the validator like any other. */
#include "query/internal.h"
#include "core/buf.h"
#include "sqlsafe/sqlsafe.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const aggs[] = {"count", "sum", "avg", "min", "max"};

int query_pivot_agg_ok(const char *agg)
{
    for (size_t i = 0; agg && i < sizeof aggs / sizeof *aggs; i++)
        if (strcmp(agg, aggs[i]) == 0)
            return 1;
    return 0;
}

const char *query_column_type(const json_t *columns, const char *name)
{
    size_t i;
    const json_t *c;
    const char *found = NULL;
    if (!name || !*name)
        return NULL;
    json_array_foreach(columns, i, c) {
        const char *n = json_string_value(json_object_get(c, "name"));
        if (n && strcmp(n, name) == 0) {
            if (found)
                return "";
            found = json_string_value(json_object_get(c, "type"));
            found = found ? found : "text";
        }
    }
    return found;
}

int query_type_numeric(const char *type)
{
    return type && (strcmp(type, "integer") == 0 || strcmp(type, "number") == 0);
}

/* The query without a trailing ';' (it would end the sub-query), as its
 * length. */
size_t query_sql_body(const char *sql)
{
    size_t n = strlen(sql);
    while (n && (isspace((unsigned char)sql[n - 1]) || sql[n - 1] == ';'))
        n--;
    return n;
}

const char *query_columns_sql(arena_t *a, const char *sql)
{
    return arena_printf(a, "SELECT * FROM (\n%.*s\n) AS src LIMIT 1", (int)query_sql_body(sql), sql);
}

/* A column of the result by name, or -1 with err saying what to choose. */
static int pivot_check_column(const json_t *columns, const char *what, const char *name,
                              char *err, size_t errlen)
{
    const char *t = query_column_type(columns, name);
    if (!t)
        snprintf(err, errlen, "The result has no column \"%s\" for the %s: choose one of its "
                 "columns.", name, what);
    else if (!*t)
        snprintf(err, errlen, "The result has two columns named \"%s\": give one another name "
                 "(AS) in the query.", name);
    return t && *t ? 0 : -1;
}

static int pivot_check(const json_t *columns, const query_pivot_t *p, char *err, size_t errlen)
{
    if (!p->rows || !*p->rows) {
        snprintf(err, errlen, "Choose the column whose values become the rows.");
        return -1;
    }
    if (!query_pivot_agg_ok(p->agg)) {
        snprintf(err, errlen, "Choose an aggregate: count, sum, avg, min or max.");
        return -1;
    }
    if (pivot_check_column(columns, "rows", p->rows, err, errlen) < 0 ||
        (p->cols && *p->cols && pivot_check_column(columns, "columns", p->cols, err, errlen) < 0))
        return -1;
    if (p->cols && *p->cols && strcmp(p->rows, p->cols) == 0) {
        snprintf(err, errlen, "Choose two different columns for the rows and the columns.");
        return -1;
    }
    int need = strcmp(p->agg, "count") != 0;
    if (!p->val || !*p->val) {
        if (need)
            snprintf(err, errlen, "Choose the column to %s.", p->agg);
        return need ? -1 : 0;
    }
    if (pivot_check_column(columns, "values", p->val, err, errlen) < 0)
        return -1;
    if ((strcmp(p->agg, "sum") == 0 || strcmp(p->agg, "avg") == 0) &&
        !query_type_numeric(query_column_type(columns, p->val))) {
        snprintf(err, errlen, "\"%s\" is not a number: %s needs a numeric column (count, min "
                 "and max take any).", p->val, p->agg);
        return -1;
    }
    return 0;
}

static void put_src_col(buf_t *b, const char *name)
{
    buf_puts(b, "src.");
    sqlsafe_quote_ident(b, name);
}

/* The aggregate and its name: count(*) AS "count", sum(src."v") AS "sum of v". */
static void pivot_put_agg(buf_t *b, const query_pivot_t *p)
{
    int star = !p->val || !*p->val;
    buf_printf(b, "%s(", p->agg);
    if (star)
        buf_putc(b, '*');
    else
        put_src_col(b, p->val);
    buf_puts(b, ") AS ");
    buf_t alias = {0};
    buf_puts(&alias, p->agg);
    if (!star)
        buf_printf(&alias, " of %s", p->val);
    sqlsafe_quote_ident(b, buf_str(&alias));
    buf_free(&alias);
}

const char *query_pivot_sql(arena_t *a, const struct engine_dialect *d, const char *sql,
                            const json_t *columns, const query_pivot_t *p, char *err,
                            size_t errlen)
{
    if (pivot_check(columns, p, err, errlen) < 0)
        return NULL;
    if (!query_dialect(d)->has_grouping_sets) /* MySQL, SQLite, ClickHouse */
        return query_pivot_union_sql(a, query_dialect(d), sql, query_sql_body(sql), p);
    int cols = p->cols && *p->cols;
    buf_t keys = {0}, b = {0};
    put_src_col(&keys, p->rows);
    if (cols) {
        buf_puts(&keys, ", ");
        put_src_col(&keys, p->cols);
    }
    buf_printf(&b, "SELECT %s, ", buf_str(&keys));
    pivot_put_agg(&b, p);
    buf_printf(&b, ",\n  CASE GROUPING(%s) %s END AS \"total\"\nFROM (\n", buf_str(&keys),
               cols ? "WHEN 0 THEN '' WHEN 1 THEN 'row total' WHEN 2 THEN 'column total' "
                      "ELSE 'grand total'"
                    : "WHEN 0 THEN '' ELSE 'grand total'");
    buf_append(&b, sql, query_sql_body(sql));
    buf_puts(&b, "\n) AS src\nGROUP BY GROUPING SETS (");
    if (cols) {
        buf_printf(&b, "(%s), (", buf_str(&keys));
        put_src_col(&b, p->rows);
        buf_puts(&b, "), (");
        put_src_col(&b, p->cols);
        buf_puts(&b, "), ())");
    } else {
        buf_printf(&b, "(%s), ())", buf_str(&keys));
    }
    buf_printf(&b, "\nORDER BY GROUPING(%s), ", buf_str(&keys));
    put_src_col(&b, p->rows);
    buf_puts(&b, " NULLS LAST");
    if (cols) {
        buf_puts(&b, ", ");
        put_src_col(&b, p->cols);
        buf_puts(&b, " NULLS LAST");
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&keys);
    buf_free(&b);
    return out;
}
