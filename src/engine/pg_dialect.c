/* pg_dialect.c — engine_pg_dialect: how PostgreSQL is written. The planner
 * (ask/) and query/'s SQL writers write through it; every form here is the
 * one they wrote before engines were pluggable, so PostgreSQL's SQL did not
 * change a byte. */
#include "engine/internal.h"
#include "sqlsafe/sqlsafe.h"

#include <string.h>

static const char *const pg_grains[] = {"day", "week", "month", "quarter", "year"};

static void pg_quote_literal(buf_t *b, const char *s)
{
    buf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '\'')
            buf_putc(b, '\'');
        buf_putc(b, *p);
    }
    buf_putc(b, '\'');
}

static void pg_date_trunc(buf_t *b, engine_grain_t g, const char *expr)
{
    buf_printf(b, "date_trunc('%s', %s)::date", pg_grains[g], expr);
}

static void pg_date_part(buf_t *b, const char *part, const char *expr)
{
    buf_printf(b, "extract(%s FROM %s)::int", strcmp(part, "dow") ? part : "isodow", expr);
}

/* interval '1 month', interval '3 months' */
static void pg_interval(buf_t *b, int n, const char *unit)
{
    buf_printf(b, "interval '%d %s%s'", n, unit, n == 1 ? "" : "s");
}

static void pg_date_add(buf_t *b, const char *expr, char sign, int n, const char *unit)
{
    buf_printf(b, "%s %c ", expr, sign);
    pg_interval(b, n, unit);
}

static void pg_days_between(buf_t *b, const char *a, const char *bexpr)
{
    buf_printf(b, "(%s)::date - (%s)::date", bexpr, a);
}

static void pg_days_elapsed(buf_t *b, const char *a, const char *bexpr)
{
    buf_printf(b, "extract(epoch FROM (%s) - (%s)) / 86400", bexpr, a);
}

static void pg_ilike(buf_t *b, const char *expr, const char *pattern_literal)
{
    buf_printf(b, "%s ILIKE %s", expr, pattern_literal);
}

/* ASC already puts NULLs last in PostgreSQL */
static void pg_order_nulls_last(buf_t *b, const char *expr, int desc)
{
    buf_printf(b, "%s %s", expr, desc ? "DESC NULLS LAST" : "ASC");
}

static void pg_cast(buf_t *b, const char *expr, const char *type)
{
    buf_printf(b, "CAST(%s AS %s)", expr, !strcmp(type, "float") ? "double precision" : type);
}

static void pg_agg_if(buf_t *b, const char *agg, const char *expr, const char *cond)
{
    buf_printf(b, "%s(%s) FILTER (WHERE %s)", agg, expr ? expr : "*", cond);
}

static void pg_median(buf_t *b, const char *expr)
{
    buf_printf(b, "percentile_cont(0.5) WITHIN GROUP (ORDER BY %s)", expr);
}

static void pg_date_literal(buf_t *b, const char *ymd)
{
    buf_printf(b, "DATE '%s'", ymd);
}

/* "quarter" is no interval unit: 3 months */
static void pg_grain_interval(buf_t *b, engine_grain_t unit, int n)
{
    if (unit == ENGINE_QUARTER)
        pg_interval(b, 3 * n, "month");
    else
        pg_interval(b, n, pg_grains[unit]);
}

static void pg_relative_period(buf_t *b, const char *expr, engine_period_t kind,
                               engine_grain_t unit, int n)
{
    const char *u = pg_grains[unit];
    switch (kind) {
    case ENGINE_TODAY:
        buf_printf(b, "%s >= current_date AND %s < current_date + 1", expr, expr);
        break;
    case ENGINE_YESTERDAY:
        buf_printf(b, "%s >= current_date - 1 AND %s < current_date", expr, expr);
        break;
    case ENGINE_THIS:
        buf_printf(b, "%s >= date_trunc('%s', now()) AND %s < date_trunc('%s', now()) + ",
                   expr, u, expr, u);
        pg_grain_interval(b, unit, 1);
        break;
    case ENGINE_PREVIOUS:
        buf_printf(b, "%s >= date_trunc('%s', now()) - ", expr, u);
        pg_grain_interval(b, unit, 1);
        buf_printf(b, " AND %s < date_trunc('%s', now())", expr, u);
        break;
    case ENGINE_LAST_N:
        buf_printf(b, "%s >= current_date - ", expr);
        pg_grain_interval(b, unit, n);
        break;
    }
}

static void pg_number_in_text(buf_t *b, const char *expr)
{
    buf_printf(b, "NULLIF(regexp_replace(%s, '[^0-9.]', '', 'g'), '')::numeric", expr);
}

const engine_dialect_t engine_pg_dialect = {
    .quote_ident = sqlsafe_quote_ident,
    .quote_literal = pg_quote_literal,
    .date_trunc = pg_date_trunc,
    .date_part = pg_date_part,
    .now = "now()",
    .today = "current_date",
    .date_add = pg_date_add,
    .days_between = pg_days_between,
    .days_elapsed = pg_days_elapsed,
    .ilike = pg_ilike,
    .order_nulls_last = pg_order_nulls_last,
    .cast = pg_cast,
    .agg_if = pg_agg_if,
    .has_median = 1,
    .median = pg_median,
    .has_grouping_sets = 1,
    .has_full_join = 1,
    .has_limit_ties = 1,
    .date_literal = pg_date_literal,
    .relative_period = pg_relative_period,
    .concat = NULL,  /* the standard || */
    .has_values_list = 1,
    .number_in_text = pg_number_in_text,
};
