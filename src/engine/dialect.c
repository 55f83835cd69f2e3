/* dialect.c — the optional members of engine_dialect_t (engine.h),
 * composed from the required ones when a dialect leaves them out: a date
 * constant, a period relative to today, a concatenation. */
#include "engine/engine.h"

void engine_date_literal(const engine_dialect_t *d, buf_t *b, const char *ymd)
{
    if (d->date_literal)
        return d->date_literal(b, ymd);
    buf_t lit = {0};
    d->quote_literal(&lit, ymd);
    d->cast(b, buf_str(&lit), "date");
    buf_free(&lit);
}

/* expr + n grains, in the units every dialect's date_add knows */
static void add_grains(const engine_dialect_t *d, buf_t *b, const char *expr, char sign,
                       engine_grain_t unit, int n)
{
    static const char *const units[] = {"day", "day", "month", "month", "year"};
    static const int per[] = {1, 7, 1, 3, 1};
    d->date_add(b, expr, sign, n * per[unit], units[unit]);
}

void engine_relative_period(const engine_dialect_t *d, buf_t *b, const char *expr,
                             engine_period_t kind, engine_grain_t unit, int n)
{
    if (d->relative_period)
        return d->relative_period(b, expr, kind, unit, n);
    buf_t from = {0}, to = {0}, start = {0};
    if (kind == ENGINE_THIS || kind == ENGINE_PREVIOUS)
        d->date_trunc(&start, unit, d->today);
    switch (kind) {
    case ENGINE_TODAY:
        buf_puts(&from, d->today);
        add_grains(d, &to, d->today, '+', ENGINE_DAY, 1);
        break;
    case ENGINE_YESTERDAY:
        add_grains(d, &from, d->today, '-', ENGINE_DAY, 1);
        buf_puts(&to, d->today);
        break;
    case ENGINE_THIS:
        buf_puts(&from, buf_str(&start));
        add_grains(d, &to, buf_str(&start), '+', unit, 1);
        break;
    case ENGINE_PREVIOUS:
        add_grains(d, &from, buf_str(&start), '-', unit, 1);
        buf_puts(&to, buf_str(&start));
        break;
    case ENGINE_LAST_N:
        add_grains(d, &from, d->today, '-', unit, n);
        break;
    }
    engine_date_cmp(d, b, expr, ">=", buf_str(&from));
    if (to.len) {
        buf_puts(b, " AND ");
        engine_date_cmp(d, b, expr, "<", buf_str(&to));
    }
    buf_free(&from);
    buf_free(&to);
    buf_free(&start);
}

void engine_concat(const engine_dialect_t *d, buf_t *b, const char *const *parts, int n)
{
    if (d->concat)
        return d->concat(b, parts, n);
    for (int i = 0; i < n; i++)
        buf_printf(b, "%s%s", i ? " || " : "", parts[i]);
}

void engine_date_cmp(const engine_dialect_t *d, buf_t *b, const char *lhs, const char *op,
                     const char *rhs)
{
    if (!d->as_time) {
        buf_printf(b, "%s %s %s", lhs, op, rhs);
        return;
    }
    d->as_time(b, lhs);
    buf_printf(b, " %s ", op);
    d->as_time(b, rhs);
}
