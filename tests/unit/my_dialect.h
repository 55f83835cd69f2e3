/* my_dialect.h — a test-only engine dialect that writes MySQL-style SQL
 * (backticks, DATE_FORMAT, CASE instead of FILTER, `x IS NULL, x DESC` for
 * NULLS LAST, CONCAT, no median), leaving engine.h's optional members out
 * so the composed forms are used. Header-only, like check.h: each test
 * program includes it once. The real MySQL dialect is the mysql engine's. */
#ifndef DM_MY_DIALECT_H
#define DM_MY_DIALECT_H

#include "engine/engine.h"

#include <string.h>

static void my_ident(buf_t *b, const char *name)
{
    buf_putc(b, '`');
    for (const char *p = name; *p; p++) {
        if (*p == '`')
            buf_putc(b, '`');
        buf_putc(b, *p);
    }
    buf_putc(b, '`');
}

static void my_literal(buf_t *b, const char *s)
{
    buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'' || *p == '\\')
            buf_putc(b, *p);
        buf_putc(b, *p);
    }
    buf_putc(b, '\'');
}

static void my_date_trunc(buf_t *b, engine_grain_t g, const char *expr)
{
    switch (g) {
    case ENGINE_DAY: buf_printf(b, "DATE(%s)", expr); break;
    case ENGINE_WEEK: buf_printf(b, "DATE_SUB(DATE(%s), INTERVAL WEEKDAY(%s) DAY)", expr, expr); break;
    case ENGINE_MONTH: buf_printf(b, "CAST(DATE_FORMAT(%s, '%%Y-%%m-01') AS DATE)", expr); break;
    case ENGINE_QUARTER:
        buf_printf(b, "MAKEDATE(YEAR(%s), 1) + INTERVAL QUARTER(%s) - 1 QUARTER", expr, expr);
        break;
    case ENGINE_YEAR: buf_printf(b, "CAST(DATE_FORMAT(%s, '%%Y-01-01') AS DATE)", expr); break;
    }
}

static void my_date_part(buf_t *b, const char *part, const char *expr)
{
    if (!strcmp(part, "dow"))
        buf_printf(b, "(WEEKDAY(%s) + 1)", expr);
    else
        buf_printf(b, "%s(%s)", !strcmp(part, "year") ? "YEAR" : !strcmp(part, "month") ? "MONTH"
                                                                                       : "DAYOFMONTH", expr);
}

static void my_date_add(buf_t *b, const char *expr, char sign, int n, const char *unit)
{
    char u[16];
    size_t k = 0;
    for (; unit[k] && k < sizeof u - 1; k++)
        u[k] = (char)(unit[k] - ('a' - 'A'));
    u[k] = '\0';
    buf_printf(b, "%s(%s, INTERVAL %d %s)", sign == '-' ? "DATE_SUB" : "DATE_ADD", expr, n, u);
}

static void my_days_between(buf_t *b, const char *a, const char *bexpr)
{
    buf_printf(b, "DATEDIFF(%s, %s)", bexpr, a);
}

static void my_days_elapsed(buf_t *b, const char *a, const char *bexpr)
{
    buf_printf(b, "TIMESTAMPDIFF(SECOND, %s, %s) / 86400", a, bexpr);
}

static void my_ilike(buf_t *b, const char *expr, const char *pattern_literal)
{
    buf_printf(b, "LOWER(%s) LIKE LOWER(%s)", expr, pattern_literal);
}

static void my_order_nulls_last(buf_t *b, const char *expr, int desc)
{
    buf_printf(b, "%s IS NULL, %s %s", expr, expr, desc ? "DESC" : "ASC");
}

static void my_cast(buf_t *b, const char *expr, const char *type)
{
    buf_printf(b, "CAST(%s AS %s)", expr, !strcmp(type, "integer") ? "SIGNED"
                                          : !strcmp(type, "float") ? "DOUBLE"
                                          : !strcmp(type, "date") ? "DATE" : "CHAR");
}

/* agg(CASE WHEN cond THEN expr END); DISTINCT stays outside the CASE */
static void my_agg_if(buf_t *b, const char *agg, const char *expr, const char *cond)
{
    int distinct = expr && !strncmp(expr, "DISTINCT ", 9);
    buf_printf(b, "%s(%sCASE WHEN %s THEN %s END)", agg, distinct ? "DISTINCT " : "", cond,
               expr ? expr + (distinct ? 9 : 0) : "1");
}

static void my_concat(buf_t *b, const char *const *parts, int n)
{
    buf_puts(b, "CONCAT(");
    for (int i = 0; i < n; i++)
        buf_printf(b, "%s%s", i ? ", " : "", parts[i]);
    buf_putc(b, ')');
}

/* the optional members left out (composed by the planner), no median */
static const engine_dialect_t my_dialect = {
    .quote_ident = my_ident,
    .quote_literal = my_literal,
    .date_trunc = my_date_trunc,
    .date_part = my_date_part,
    .now = "NOW()",
    .today = "CURRENT_DATE",
    .date_add = my_date_add,
    .days_between = my_days_between,
    .days_elapsed = my_days_elapsed,
    .ilike = my_ilike,
    .order_nulls_last = my_order_nulls_last,
    .cast = my_cast,
    .agg_if = my_agg_if,
    .concat = my_concat,
};

#endif
