/* sqlite_dialect.c — the SQL the planner writes for SQLite (3.39 or later).
 *
 * SQLite has no date type: dates are ISO text ('2024-03-01', '2024-03-01
 * 13:05:00') and the date functions read and write that text. So:
 * - truncation: date(x, 'start of month') / 'start of year'; a week starts
 *   on Monday, date(x, '-6 days', 'weekday 1'); a quarter goes back
 *   (month - 1) % 3 months from the start of the month;
 * - parts: CAST(strftime('%Y' / '%m' / '%d', x) AS INTEGER); the ISO day
 *   of the week (1 = Monday) from strftime('%w') (0 = Sunday), since '%u'
 *   came only in 3.46;
 * - arithmetic: date(x, '+N days'), whole days between two dates as the
 *   difference of their julianday()s, truncated (with the fraction between
 *   two timestamps, for an average);
 * - now / today: datetime('now') and date('now') — UTC, as SQLite keeps
 *   them.
 * LIKE in SQLite is case-insensitive for ASCII letters only ('é' does not
 * match 'É'), so the case-insensitive match is plain LIKE, with '\' as the
 * escape the planner's patterns use. NULLS LAST and FILTER (WHERE …) are
 * SQLite's since 3.30, FULL OUTER JOIN since 3.39; there is no median and
 * no GROUPING SETS. */
#include <string.h>

#include "engine/internal.h"

static void quote_literal(buf_t *b, const char *s)
{
    buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            buf_putc(b, '\'');
        buf_putc(b, *p);
    }
    buf_putc(b, '\'');
}

static void date_trunc(buf_t *b, engine_grain_t g, const char *expr)
{
    switch (g) {
    case ENGINE_DAY:
        buf_printf(b, "date(%s)", expr);
        break;
    case ENGINE_WEEK:
        buf_printf(b, "date(%s, '-6 days', 'weekday 1')", expr);
        break;
    case ENGINE_MONTH:
        buf_printf(b, "date(%s, 'start of month')", expr);
        break;
    case ENGINE_QUARTER:
        buf_printf(b,
                   "date(%s, 'start of month', '-' || ((CAST(strftime('%%m', %s) AS INTEGER) - 1) %% 3)"
                   " || ' months')",
                   expr, expr);
        break;
    case ENGINE_YEAR:
        buf_printf(b, "date(%s, 'start of year')", expr);
        break;
    }
}

static void date_part(buf_t *b, const char *part, const char *expr)
{
    if (!strcmp(part, "dow")) {
        buf_printf(b, "((CAST(strftime('%%w', %s) AS INTEGER) + 6) %% 7 + 1)", expr);
        return;
    }
    if (!strcmp(part, "quarter")) {
        buf_printf(b, "((CAST(strftime('%%m', %s) AS INTEGER) + 2) / 3)", expr);
        return;
    }
    const char *f = !strcmp(part, "year") ? "%Y" : !strcmp(part, "month") ? "%m" : "%d";
    buf_printf(b, "CAST(strftime('%s', %s) AS INTEGER)", f, expr);
}

static void date_add(buf_t *b, const char *expr, char sign, int n, const char *unit)
{
    const char *u = !strcmp(unit, "month") ? "months" : !strcmp(unit, "year") ? "years" : "days";
    buf_printf(b, "date(%s, '%c%d %s')", expr, sign == '-' ? '-' : '+', n, u);
}

static void days_between(buf_t *b, const char *a, const char *bexpr)
{
    buf_printf(b, "CAST(julianday(date(%s)) - julianday(date(%s)) AS INTEGER)", bexpr, a);
}

static void days_elapsed(buf_t *b, const char *a, const char *bexpr)
{
    buf_printf(b, "(julianday(%s) - julianday(%s))", bexpr, a);
}

static void ilike(buf_t *b, const char *expr, const char *pattern_literal)
{
    buf_printf(b, "%s LIKE %s ESCAPE '\\'", expr, pattern_literal);
}

static void order_nulls_last(buf_t *b, const char *expr, int desc)
{
    buf_printf(b, "%s %s NULLS LAST", expr, desc ? "DESC" : "ASC");
}

static void cast(buf_t *b, const char *expr, const char *type)
{
    if (!strcmp(type, "date")) {
        buf_printf(b, "date(%s)", expr);
        return;
    }
    const char *t = !strcmp(type, "integer") ? "INTEGER" : !strcmp(type, "float") ? "REAL" : "TEXT";
    buf_printf(b, "CAST(%s AS %s)", expr, t);
}

static void agg_if(buf_t *b, const char *agg, const char *expr, const char *cond)
{
    buf_printf(b, "%s(%s) FILTER (WHERE %s)", agg, expr ? expr : "*", cond);
}

const engine_dialect_t engine_sqlite_dialect = {
    .quote_ident = sqlsafe_quote_ident, /* "x", each '"' doubled: SQLite reads it so too */
    .quote_literal = quote_literal,
    .date_trunc = date_trunc,
    .date_part = date_part,
    .now = "datetime('now')",
    .today = "date('now')",
    .date_add = date_add,
    .days_between = days_between,
    .days_elapsed = days_elapsed,
    .ilike = ilike,
    .order_nulls_last = order_nulls_last,
    .cast = cast,
    .agg_if = agg_if,
    .has_median = 0,
    .median = NULL,
    .has_grouping_sets = 0,
    .has_full_join = 1,
};
