/* scale.c — mapping data to pixels, and ticks worth reading.
 *
 * Linear ticks step by 1, 2 or 5 times a power of ten (never 2.5 or 3: the
 * eye adds those badly). Time ticks fall on calendar boundaries: whole
 * hours, midnights, Mondays, the 1st of a month, quarter and year starts. */
#include <math.h>

#include "chart/internal.h"

double chart_scale_map(const chart_scale_t *s, double v)
{
    if (s->d1 == s->d0)
        return (s->r0 + s->r1) / 2;
    return s->r0 + (v - s->d0) / (s->d1 - s->d0) * (s->r1 - s->r0);
}

static double nice_step(double span, size_t target)
{
    double raw = span / (double)(target ? target : 1);
    double mag = pow(10, floor(log10(raw)));
    double norm = raw / mag;
    return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

void chart_ticks_linear(double *lo, double *hi, size_t target, chart_ticks_t *t)
{
    double a = *lo, b = *hi;
    double mag = fmax(fabs(a), fabs(b));
    if (!(b - a > mag * 1e-9)) {  /* one value: give it room, keep zero if it was there */
        double pad = mag > 0 ? mag * 0.1 : 1;
        a = a == 0 ? 0 : a - pad;
        b = b == 0 && a < 0 ? 0 : b + pad;
        if (a == 0 && b == 0)
            b = 1;
    }
    double step = nice_step(b - a, target);
    double lo2 = floor(a / step) * step, hi2 = ceil(b / step) * step;
    while ((hi2 - lo2) / step > 12) {  /* a lopsided range: halve the count */
        target = target / 2 > 1 ? target / 2 : 1;  /* every round: the loop must end */
        step = nice_step(hi2 - lo2, target);
        lo2 = floor(a / step) * step;
        hi2 = ceil(b / step) * step;
    }
    t->n = 0;
    t->step = step;
    t->grain = 0;
    size_t n = (size_t)llround((hi2 - lo2) / step) + 1;
    for (size_t i = 0; i < n && i < 64; i++) {
        double v = lo2 + (double)i * step;
        t->v[t->n++] = fabs(v) < step * 1e-9 ? 0 : v;
    }
    *lo = lo2;
    *hi = hi2;
}

static const struct { int grain; int k; double secs; } intervals[] = {
    {G_SEC, 1, 1},           {G_SEC, 5, 5},           {G_SEC, 15, 15},
    {G_SEC, 30, 30},         {G_MIN, 1, 60},          {G_MIN, 5, 300},
    {G_MIN, 15, 900},        {G_MIN, 30, 1800},       {G_HOUR, 1, 3600},
    {G_HOUR, 3, 10800},      {G_HOUR, 6, 21600},      {G_HOUR, 12, 43200},
    {G_DAY, 1, 86400},       {G_DAY, 2, 172800},      {G_WEEK, 1, 604800},
    {G_WEEK, 2, 1209600},    {G_MONTH, 1, 2629746},   {G_MONTH, 3, 7889238},
    {G_MONTH, 6, 15778476},  {G_YEAR, 1, 31556952},   {G_YEAR, 2, 63113904},
    {G_YEAR, 5, 157784760},  {G_YEAR, 10, 315569520}, {G_YEAR, 25, 788923800},
    {G_YEAR, 50, 1577847600}, {G_YEAR, 100, 3155695200}};

static void push(chart_ticks_t *t, double v, double lo, double hi)
{
    if (v >= lo && v <= hi && t->n < 64)
        t->v[t->n++] = v;
}

/* Seconds-based steps; weeks start on Monday (1970-01-05). */
static void ticks_fixed(double lo, double hi, double step, int week, chart_ticks_t *t)
{
    double origin = week ? 4 * 86400.0 : 0;
    for (double v = ceil((lo - origin) / step) * step + origin; v <= hi && t->n < 64; v += step)
        push(t, v, lo, hi);
}

/* Every k months, aligned so k = 3 lands on quarters and 12 on years. */
static void ticks_months(double lo, double hi, int k, chart_ticks_t *t)
{
    int y, mo, d, h, mi, s;
    chart_time_civil(lo, &y, &mo, &d, &h, &mi, &s);
    long m = (long)y * 12 + (mo - 1);
    m -= ((m % k) + k) % k;
    for (; t->n < 64; m += k) {
        double v = chart_time_make((int)(m / 12), (int)(m % 12) + 1, 1);
        if (v > hi)
            break;
        push(t, v, lo, hi);
    }
}

void chart_ticks_time(double lo, double hi, size_t target, chart_ticks_t *t)
{
    chart_ticks_time_at_least(lo, hi, target, G_SEC, t);
}

void chart_ticks_time_at_least(double lo, double hi, size_t target, int data_grain,
                               chart_ticks_t *t)
{
    size_t n = sizeof intervals / sizeof intervals[0], i = 0;
    double min_secs = data_grain == G_YEAR ? 31556952 : data_grain == G_QUARTER ? 7889238
                    : data_grain == G_MONTH ? 2629746 : 0;
    if (target < 1)
        target = 1;
    while (i + 1 < n && ((hi - lo) / intervals[i].secs > (double)target ||
                         intervals[i].secs < min_secs))
        i++;
    t->n = 0;
    t->grain = intervals[i].grain;
    t->step = intervals[i].secs;
    switch (intervals[i].grain) {
    case G_MONTH: ticks_months(lo, hi, intervals[i].k, t); break;
    case G_QUARTER: ticks_months(lo, hi, 3, t); break;
    case G_YEAR: ticks_months(lo, hi, 12 * intervals[i].k, t); break;
    default:
        ticks_fixed(lo, hi, intervals[i].secs, intervals[i].grain == G_WEEK, t);
    }
    if (t->n == 0)  /* a span shorter than any step: label the one instant */
        t->v[t->n++] = lo;
}
