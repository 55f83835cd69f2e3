/* mysql_dialect.c — how the planner and query/'s writers write MySQL /
 * MariaDB SQL (engine_mysql_dialect).
 *
 * Choices:
 * - names in backticks; strings in '…' with ' doubled and \ doubled (the
 *   session keeps backslash escapes on: mysql_connect.c's sql_mode);
 * - date_trunc returns a DATE: DATE(x), x minus WEEKDAY(x) days (weeks start
 *   on Monday, as PostgreSQL's), MAKEDATE(YEAR(x), 1) plus whole months for
 *   month, quarter and year;
 * - day of week is WEEKDAY(x) + 1 (ISO: 1 = Monday);
 * - "case aside" is LOWER(x) LIKE LOWER(p), not the column's collation: a
 *   _bin or _cs collation would otherwise match case;
 * - NULLs last is `x IS NULL, x [DESC]` (MySQL sorts NULL first ascending);
 * - FILTER (WHERE c) is agg(CASE WHEN c THEN x END); count(*) FILTER is
 *   COUNT(CASE WHEN c THEN 1 END);
 * - no median (MariaDB's MEDIAN is a window function only), no GROUPING
 *   SETS (WITH ROLLUP is not the same), no FULL OUTER JOIN. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "engine/internal.h"

void engine_mysql_quote_ident(buf_t *b, const char *name)
{
    buf_putc(b, '`');
    for (const char *p = name; *p; p++) {
        if (*p == '`')
            buf_putc(b, '`');
        buf_putc(b, *p);
    }
    buf_putc(b, '`');
}

void engine_mysql_quote_literal(buf_t *b, const char *s)
{
    buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'' || *p == '\\')
            buf_putc(b, *p);
        buf_putc(b, *p);
    }
    buf_putc(b, '\'');
}

static void date_trunc(buf_t *b, engine_grain_t g, const char *e)
{
    switch (g) {
    case ENGINE_DAY:
        buf_printf(b, "DATE(%s)", e);
        break;
    case ENGINE_WEEK:
        buf_printf(b, "DATE_SUB(DATE(%s), INTERVAL WEEKDAY(%s) DAY)", e, e);
        break;
    case ENGINE_MONTH:
        buf_printf(b, "(MAKEDATE(YEAR(%s), 1) + INTERVAL (MONTH(%s) - 1) MONTH)", e, e);
        break;
    case ENGINE_QUARTER:
        buf_printf(b, "(MAKEDATE(YEAR(%s), 1) + INTERVAL ((QUARTER(%s) - 1) * 3) MONTH)", e, e);
        break;
    case ENGINE_YEAR:
        buf_printf(b, "MAKEDATE(YEAR(%s), 1)", e);
        break;
    }
}

static void date_part(buf_t *b, const char *part, const char *e)
{
    if (!strcmp(part, "dow"))
        buf_printf(b, "(WEEKDAY(%s) + 1)", e);
    else if (!strcmp(part, "month"))
        buf_printf(b, "MONTH(%s)", e);
    else if (!strcmp(part, "day"))
        buf_printf(b, "DAYOFMONTH(%s)", e);
    else if (!strcmp(part, "quarter"))
        buf_printf(b, "QUARTER(%s)", e);
    else
        buf_printf(b, "YEAR(%s)", e);
}

/* A unit MySQL's INTERVAL knows, upper-case; DAY for anything else. */
static const char *interval_unit(const char *unit)
{
    static const char *const units[] = {"DAY", "WEEK", "MONTH", "QUARTER", "YEAR", "HOUR",
                                        "MINUTE", "SECOND"};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (!strcasecmp(unit, units[i]))
            return units[i];
    return "DAY";
}

static void date_add(buf_t *b, const char *e, char sign, int n, const char *unit)
{
    buf_printf(b, "%s(%s, INTERVAL %d %s)", sign == '-' ? "DATE_SUB" : "DATE_ADD", e, n,
               interval_unit(unit));
}

static void days_between(buf_t *b, const char *a, const char *bexpr)
{
    buf_printf(b, "DATEDIFF(%s, %s)", bexpr, a);
}

static void days_elapsed(buf_t *b, const char *a, const char *bexpr)
{
    buf_printf(b, "TIMESTAMPDIFF(SECOND, %s, %s) / 86400", a, bexpr);
}

static void ilike(buf_t *b, const char *e, const char *pattern)
{
    buf_printf(b, "LOWER(%s) LIKE LOWER(%s)", e, pattern);
}

static void order_nulls_last(buf_t *b, const char *e, int desc)
{
    buf_printf(b, "%s IS NULL, %s%s", e, e, desc ? " DESC" : "");
}

static void cast(buf_t *b, const char *e, const char *type)
{
    const char *to = !strcmp(type, "integer") ? "SIGNED"
                     : !strcmp(type, "float") ? "DOUBLE"
                     : !strcmp(type, "date")  ? "DATE"
                                              : "CHAR";
    buf_printf(b, "CAST(%s AS %s)", e, to);
}

static void agg_if(buf_t *b, const char *agg, const char *e, const char *cond)
{
    if (!e)
        buf_printf(b, "COUNT(CASE WHEN %s THEN 1 END)", cond);
    else
        buf_printf(b, "%s(CASE WHEN %s THEN %s END)", agg, cond, e);
}

static void number_in_text(buf_t *b, const char *e)
{
    buf_printf(b, "CAST(NULLIF(REGEXP_REPLACE(%s, '[^0-9.]', ''), '') AS DECIMAL(38, 6))", e);
}

const engine_dialect_t engine_mysql_dialect = {
    .quote_ident = engine_mysql_quote_ident,
    .quote_literal = engine_mysql_quote_literal,
    .date_trunc = date_trunc,
    .date_part = date_part,
    .now = "NOW()",
    .today = "CURDATE()",
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
    .has_full_join = 0,
    .number_in_text = number_in_text,
};
