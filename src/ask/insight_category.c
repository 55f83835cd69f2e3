/* insight_category.c — the story of a measure by category: the leader with
 * its share of the total and the lowest, or for a top/bottom N the first two.
 * insight.c reads the rows; this file only sees labels and values. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ask/insight.h"

/* How many values, their sum, and the indexes of the highest two and the
 * lowest two (SIZE_MAX for none). The first of equal values wins. */
typedef struct extent {
    size_t n, hi, hi2, lo, lo2;
    double sum;
    int neg;
} extent_t;

static void scan(const insight_list_t *l, extent_t *e)
{
    double hv = -INFINITY, h2 = -INFINITY, lv = INFINITY, l2 = INFINITY;
    *e = (extent_t){.hi = SIZE_MAX, .hi2 = SIZE_MAX, .lo = SIZE_MAX, .lo2 = SIZE_MAX};
    for (size_t r = 0; r < l->n; r++) {
        double v = l->items[r].v;
        if (isnan(v))
            continue;
        e->n++;
        e->sum += v;
        e->neg |= v < 0;
        if (v > hv)
            e->hi2 = e->hi, h2 = hv, e->hi = r, hv = v;
        else if (v > h2)
            e->hi2 = r, h2 = v;
        if (v < lv)
            e->lo2 = e->lo, l2 = lv, e->lo = r, lv = v;
        else if (v < l2)
            e->lo2 = r, l2 = v;
    }
}

/* "6 categories", "1 region", or without n (n == 0) "customer". */
static void put_count(buf_t *b, const insight_list_t *l, size_t n)
{
    char num[INSIGHT_NUMLEN];
    if (n == 0) {
        buf_puts(b, l->dimension);
        return;
    }
    insight_format_grouped((double)n, 0, num, sizeof num);
    buf_printf(b, "%s ", num);
    if (n == 1)
        buf_puts(b, l->dimension);
    else
        insight_put_plural(b, l->dimension);
}

/* "Top 5 customers by number of orders: Rocket Labs leads with 112, ahead
 * of Acme with 98." The planner sorted the rows; the values decide here
 * ("Acme and Globex tie with 98" where the first two are equal). */
static void write_ranking(const insight_list_t *l, const extent_t *e, buf_t *text,
                          buf_t *summary)
{
    size_t best = l->bottom ? e->lo : e->hi, next = l->bottom ? e->lo2 : e->hi2;
    char v[INSIGHT_NUMLEN];
    buf_puts(text, l->bottom ? "Bottom " : "Top ");
    put_count(text, l, l->n > 1 ? l->n : 0);
    buf_printf(text, " by %s: %s", l->m->label, l->items[best].label);
    insight_format_value(l->m, l->items[best].v, v, sizeof v);
    buf_printf(summary, "%s %s", l->items[best].label, v);
    if (next != SIZE_MAX && l->items[next].v == l->items[best].v) {  /* "which … most" kept its ties */
        buf_printf(text, " and %s tie with %s.", l->items[next].label, v);
        return;
    }
    buf_printf(text, l->bottom ? " is lowest with %s" : " leads with %s", v);
    if (next != SIZE_MAX) {
        insight_format_value(l->m, l->items[next].v, v, sizeof v);
        buf_printf(text, "%s%s with %s", l->bottom ? ", then " : ", ahead of ",
                   l->items[next].label, v);
    }
    buf_putc(text, '.');
}

/* "Electronics led with 4.8M, 31% of the total; Books was lowest at 0.2M.
 * 6 categories, 15.5M in total." Shares only for sums of positive parts. */
static void write_spread(const insight_list_t *l, const extent_t *e, buf_t *text,
                         buf_t *summary)
{
    char hi[INSIGHT_NUMLEN], lo[INSIGHT_NUMLEN], share[INSIGHT_NUMLEN], total[INSIGHT_NUMLEN];
    double hv = l->items[e->hi].v, lv = l->items[e->lo].v;
    int shares = l->m->additive && !e->neg && e->sum > 0;
    insight_format_value(l->m, hv, hi, sizeof hi);
    insight_format_like(l->m, lv, hv, lo, sizeof lo);
    insight_format_value(l->m, e->sum, total, sizeof total);
    insight_format_pct(shares ? hv / e->sum * 100 : 0, share, sizeof share);
    buf_printf(text, "%s led with %s", l->items[e->hi].label, hi);
    if (shares)
        buf_printf(text, ", %s of the total", share);
    buf_printf(text, "; %s was lowest at %s. ", l->items[e->lo].label, lo);
    put_count(text, l, e->n);
    if (l->m->additive)
        buf_printf(text, ", %s in total", total);
    buf_putc(text, '.');
    buf_printf(summary, "%s led with %s", l->items[e->hi].label, hi);
    if (shares)
        buf_printf(summary, " (%s)", share);
    if (l->m->additive)
        buf_printf(summary, ", total %s", total);
}

size_t insight_category_write(const insight_list_t *l, buf_t *text, buf_t *summary)
{
    extent_t e;
    char v[INSIGHT_NUMLEN];
    scan(l, &e);
    if (e.n == 0) {
        insight_format_grouped((double)l->n, 0, v, sizeof v);
        buf_printf(text, "None of the %s rows had a value for %s.", v, l->m->label);
        buf_puts(summary, "no values");
    } else if (l->ranking) {
        write_ranking(l, &e, text, summary);
    } else if (e.n > 1 && l->items[e.hi].v > l->items[e.lo].v) {
        write_spread(l, &e, text, summary);
    } else if (e.n == 1) {
        insight_format_value(l->m, l->items[e.hi].v, v, sizeof v);
        buf_printf(text, "Only %s %s, with %s.", l->items[e.hi].label,
                   l->n == 1 ? "matched" : "had a value", v);
        buf_printf(summary, "%s %s", l->items[e.hi].label, v);
    } else {
        insight_format_value(l->m, l->items[e.hi].v, v, sizeof v);
        buf_puts(text, "All ");
        put_count(text, l, e.n);
        buf_printf(text, " had the same %s: %s.", l->m->label, v);
        buf_printf(summary, "all %s", v);
    }
    return e.n;
}
