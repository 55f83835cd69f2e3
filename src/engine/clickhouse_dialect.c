/* clickhouse_dialect.c — how the planner writes SQL that ClickHouse 18.16
 * runs (engine_clickhouse_dialect): `names`, 'strings' with \ escapes,
 * toStartOfMonth-style grains, addDays/subtractMonths, dateDiff,
 * lower() LIKE lower() (18.16 has no ILIKE), sumIf/countIf for a filtered
 * aggregate, median(); no GROUPING SETS in 18.16; FULL JOIN yes. Each
 * spelling was run on 18.16 (tests/integration/test_clickhouse_db.c). */
#include <string.h>

#include "engine/internal.h"

static void quote_with(buf_t *b, const char *s, char q)
{
    buf_putc(b, q);
    for (; *s; s++) {
        if (*s == q || *s == '\\')
            buf_putc(b, '\\');
        buf_putc(b, *s);
    }
    buf_putc(b, q);
}

static void ch_quote_ident(buf_t *b, const char *name) { quote_with(b, name, '`'); }

static void ch_quote_literal(buf_t *b, const char *s) { quote_with(b, s, '\''); }

static void ch_date_trunc(buf_t *b, engine_grain_t g, const char *expr)
{
    static const char *const fn[] = {
        [ENGINE_DAY] = "toDate", [ENGINE_WEEK] = "toMonday", [ENGINE_MONTH] = "toStartOfMonth",
        [ENGINE_QUARTER] = "toStartOfQuarter", [ENGINE_YEAR] = "toStartOfYear"};
    buf_printf(b, "%s(%s)", fn[g], expr);
}

static void ch_date_part(buf_t *b, const char *part, const char *expr)
{
    const char *fn = !strcmp(part, "year")      ? "toYear"
                     : !strcmp(part, "quarter") ? "toQuarter"
                     : !strcmp(part, "month")   ? "toMonth"
                     : !strcmp(part, "dow")     ? "toDayOfWeek" /* 1 = Monday, as ISO */
                                                : "toDayOfMonth";
    buf_printf(b, "%s(%s)", fn, expr);
}

static void ch_date_add(buf_t *b, const char *expr, char sign, int n, const char *unit)
{
    const char *u = !strcmp(unit, "month")  ? "Months"
                    : !strcmp(unit, "year") ? "Years"
                    : !strcmp(unit, "week") ? "Weeks"
                    : !strcmp(unit, "hour") ? "Hours"
                                            : "Days";
    if (n < 0) {
        n = -n;
        sign = sign == '-' ? '+' : '-';
    }
    buf_printf(b, "%s%s(%s, %d)", sign == '-' ? "subtract" : "add", u, expr, n);
}

static void ch_days_between(buf_t *b, const char *a, const char *bexpr)
{
    buf_printf(b, "dateDiff('day', %s, %s)", a, bexpr);
}

static void ch_days_elapsed(buf_t *b, const char *a, const char *bexpr)
{
    buf_printf(b, "dateDiff('second', %s, %s) / 86400", a, bexpr);
}

static void ch_ilike(buf_t *b, const char *expr, const char *pattern_literal)
{
    buf_printf(b, "lower(%s) LIKE lower(%s)", expr, pattern_literal);
}

static void ch_order_nulls_last(buf_t *b, const char *expr, int desc)
{
    buf_printf(b, "%s %s NULLS LAST", expr, desc ? "DESC" : "ASC");
}

static void ch_cast(buf_t *b, const char *expr, const char *type)
{
    const char *t = !strcmp(type, "integer") ? "Int64"
                    : !strcmp(type, "float") ? "Float64"
                    : !strcmp(type, "date")  ? "Date"
                                             : "String";
    buf_printf(b, "CAST(%s AS %s)", expr, t);
}

/* sum(x) FILTER (WHERE c) is sumIf(x, c); count(x) counts x not NULL;
 * count(DISTINCT x) is uniqExactIf (0 for none: 18.16's count(DISTINCT
 * of only NULLs) is NULL) */
static void ch_agg_if(buf_t *b, const char *agg, const char *expr, const char *cond)
{
    if (!expr)
        buf_printf(b, "countIf(%s)", cond);
    else if (!strcmp(agg, "count") && !strncmp(expr, "DISTINCT ", 9))
        buf_printf(b, "uniqExactIf(%s, %s)", expr + 9, cond);
    else if (!strcmp(agg, "count"))
        buf_printf(b, "countIf(isNotNull(%s) AND (%s))", expr, cond);
    else
        buf_printf(b, "%sIf(%s, %s)", agg, expr, cond);
}

/* median() refuses a Decimal in 18.16 ("Illegal type Decimal(10, 2) of
 * argument for aggregate function quantile"): as a Float64 */
static void ch_median(buf_t *b, const char *expr) { buf_printf(b, "median(toFloat64(%s))", expr); }
/* avg() of a Decimal keeps its scale in 18.16 (0.0474… came back 0.04) */
static void ch_avg(buf_t *b, const char *expr) { buf_printf(b, "avg(toFloat64(%s))", expr); }

/* 18.16 compares a DateTime with a Date by their raw numbers (seconds
 * against days): both sides of a date comparison become DateTime. */
static void ch_as_time(buf_t *b, const char *expr)
{
    buf_printf(b, "toDateTime(%s)", expr);
}

const engine_dialect_t engine_clickhouse_dialect = {
    .quote_ident = ch_quote_ident,
    .quote_literal = ch_quote_literal,
    .date_trunc = ch_date_trunc,
    .date_part = ch_date_part,
    .now = "now()",
    .today = "today()",
    .date_add = ch_date_add,
    .days_between = ch_days_between,
    .days_elapsed = ch_days_elapsed,
    .ilike = ch_ilike,
    .order_nulls_last = ch_order_nulls_last,
    .cast = ch_cast,
    .agg_if = ch_agg_if,
    .has_median = 1,
    .median = ch_median,
    .has_grouping_sets = 0,
    .has_full_join = 1,
    .float_apart = 1,
    .no_positions = 1,
    .as_time = ch_as_time,
    .avg = ch_avg,
    .max_joins = 1,  /* "Support for more than one JOIN in query is not implemented": nested */
    .no_exists = 1,  /* "Syntax error … EXISTS (SELECT 1 …": key IN (SELECT …) */
    .left_join_defaults = 1,  /* a customer with no orders counted 1, not 0 */
};
