/* filter.c — a dashboard's date range applied to a widget's query by
 * wrapping it as a sub-query. The wrapped SQL is built only from a quoted
 * identifier and literals this file checked (ISO dates, fixed intervals),
 * written in the connection's dialect, and goes through the validator like
 * any other. */
#include "query/internal.h"
#include "core/buf.h"
#include "sqlsafe/sqlsafe.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int iso_date(const char *s)
{
    if (!s || strlen(s) != 10)
        return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

/* The WHERE condition for a range name; NULL when unknown or incomplete. */
static const char *range_condition(const engine_dialect_t *d, const char *range,
                                   const char *from, const char *to, buf_t *cond,
                                   const char *col_sql)
{
    buf_t bound = {0}, day = {0};
    if (strcmp(range, "7d") == 0 || strcmp(range, "30d") == 0 || strcmp(range, "90d") == 0) {
        d->date_add(&bound, d->now, '-', atoi(range), "day");
        engine_date_cmp(d, cond, col_sql, ">=", buf_str(&bound));
    } else if (strcmp(range, "year") == 0) {
        d->date_trunc(&bound, ENGINE_YEAR, d->today);
        engine_date_cmp(d, cond, col_sql, ">=", buf_str(&bound));
    } else if (strcmp(range, "custom") == 0 && (iso_date(from) || iso_date(to))) {
        if (iso_date(from)) {
            engine_date_literal(d, &bound, from);
            engine_date_cmp(d, cond, col_sql, ">=", buf_str(&bound));
        }
        if (iso_date(from) && iso_date(to))
            buf_puts(cond, " AND ");
        if (iso_date(to)) {  /* the whole last day */
            engine_date_literal(d, &day, to);
            buf_reset(&bound);
            d->date_add(&bound, buf_str(&day), '+', 1, "day");
            engine_date_cmp(d, cond, col_sql, "<", buf_str(&bound));
        }
    }
    buf_free(&bound);
    buf_free(&day);
    return cond->len ? buf_str(cond) : NULL;
}

const char *query_wrap_date_range(arena_t *a, const struct engine_dialect *dialect,
                                  const char *sql, const char *column, const char *range,
                                  const char *from, const char *to)
{
    if (!column || !*column || !range || !*range || strcmp(range, "all") == 0)
        return sql;
    const engine_dialect_t *d = query_dialect(dialect);
    buf_t col = {0}, cond = {0}, out = {0};
    buf_puts(&col, "dm_filtered.");
    d->quote_ident(&col, column);
    const char *where = range_condition(d, range, from, to, &cond, buf_str(&col));
    const char *res = sql;
    if (where) {
        /* strip a trailing ';' so the sub-query stays one statement */
        size_t n = strlen(sql);
        while (n && (isspace((unsigned char)sql[n - 1]) || sql[n - 1] == ';'))
            n--;
        buf_puts(&out, "SELECT * FROM (\n");
        buf_append(&out, sql, n);
        buf_printf(&out, "\n) AS dm_filtered WHERE %s", where);
        res = arena_strdup(a, buf_str(&out));
    }
    buf_free(&col);
    buf_free(&cond);
    buf_free(&out);
    return res;
}

const char *query_wrap_drill(arena_t *a, const struct engine_dialect *dialect, const char *sql,
                             const char *col, const char *param, const char *sort, int desc)
{
    if ((!col || !*col) && (!sort || !*sort))
        return sql;
    const engine_dialect_t *d = query_dialect(dialect);
    size_t n = strlen(sql); /* a trailing ';' would end the sub-query */
    while (n && (isspace((unsigned char)sql[n - 1]) || sql[n - 1] == ';'))
        n--;
    buf_t out = {0};
    buf_puts(&out, "SELECT * FROM (\n");
    buf_append(&out, sql, n);
    buf_puts(&out, "\n) AS dm_drill");
    if (col && *col) {
        buf_puts(&out, " WHERE dm_drill.");
        d->quote_ident(&out, col);
        buf_printf(&out, " = {{%s}}", param);
    }
    if (sort && *sort) {
        buf_t by = {0};
        buf_puts(&by, "dm_drill.");
        d->quote_ident(&by, sort);
        buf_puts(&out, " ORDER BY ");
        d->order_nulls_last(&out, buf_str(&by), desc);
        buf_free(&by);
    }
    const char *res = arena_strdup(a, buf_str(&out));
    buf_free(&out);
    return res;
}

const char *query_rows_behind(arena_t *a, const char *sql, const char *col, const char *param,
                              char *err, size_t errlen)
{
    char *derived = NULL;
    if (sqlsafe_rows_behind(sql, col, param, &derived, err, errlen) < 0)
        return NULL;
    const char *out = arena_strdup(a, derived);
    free(derived);
    return out;
}
