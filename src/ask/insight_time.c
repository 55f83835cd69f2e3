/* insight_time.c — periods of a time series: parse, detect the grain, label.
 *
 * Dates are days since 1970-01-01 as a double (the fraction is the time of
 * day). The grain comes from the spacing of the periods rather than their
 * alignment: monthly data bucketed on the 15th is still monthly. The trend
 * facts (first, last, peak) are computed here too; insight.c words them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ask/insight.h"
#include "core/civil.h"
#include "core/mem.h"

static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int insight_time_parse(const char *s, double *days)
{
    double seconds;
    if (!s || civil_parse(s, &seconds) < 0)
        return -1;
    *days = seconds / 86400.0;
    return 0;
}

/* One period: a time of day means hours, a day other than the 1st means
 * days; otherwise months (one date could as well be a year, but a month is
 * the safer label: "Jan 2024" does not claim a whole year). */
static insight_grain_t grain_of_one(double t)
{
    int y, m, d;
    if (t != floor(t))
        return INSIGHT_HOUR;
    civil_date((long)t, &y, &m, &d);
    return d != 1 ? INSIGHT_DAY : INSIGHT_MONTH;
}

insight_grain_t insight_time_grain(const double *days, size_t n)
{
    double gap = INFINITY;
    for (size_t i = 1; i < n; i++)
        if (days[i] - days[i - 1] > 0 && days[i] - days[i - 1] < gap)
            gap = days[i] - days[i - 1];
    if (!isfinite(gap))
        return n ? grain_of_one(days[0]) : INSIGHT_DAY;
    if (gap < 0.99)
        return INSIGHT_HOUR;
    if (gap < 6.5)
        return INSIGHT_DAY;
    if (gap < 27.5)
        return INSIGHT_WEEK;
    if (gap < 88)
        return INSIGHT_MONTH;
    return gap < 364 ? INSIGHT_QUARTER : INSIGHT_YEAR;
}

void insight_time_label(double days, insight_grain_t g, char *out, size_t outlen)
{
    int y, m, d;
    double whole = floor(days);
    civil_date((long)whole, &y, &m, &d);
    const char *mn = month_names[m - 1];
    int minutes = (int)lround((days - whole) * 1440);
    switch (g) {
    case INSIGHT_YEAR: snprintf(out, outlen, "%d", y); break;
    case INSIGHT_QUARTER: snprintf(out, outlen, "Q%d %d", (m - 1) / 3 + 1, y); break;
    case INSIGHT_MONTH: snprintf(out, outlen, "%s %d", mn, y); break;
    case INSIGHT_WEEK: snprintf(out, outlen, "week of %d %s %d", d, mn, y); break;
    case INSIGHT_DAY: snprintf(out, outlen, "%d %s %d", d, mn, y); break;
    default:
        snprintf(out, outlen, "%d %s %d %02d:%02d", d, mn, y, minutes / 60 % 24, minutes % 60);
    }
}

static const char *time_noun(insight_grain_t g, int plural)
{
    static const char *const nouns[][2] = {{"hour", "hours"},     {"day", "days"},
                                           {"week", "weeks"},     {"month", "months"},
                                           {"quarter", "quarters"}, {"year", "years"}};
    return nouns[g <= INSIGHT_YEAR ? g : INSIGHT_DAY][plural ? 1 : 0];
}

static int point_cmp(const void *a, const void *b)
{
    double x = ((const insight_point_t *)a)->t, y = ((const insight_point_t *)b)->t;
    return (x > y) - (x < y);
}

typedef struct trend {
    size_t n;      /* distinct periods */
    insight_grain_t grain;
    double total;
    insight_point_t first, last, peak;
    int merged;    /* some periods had several rows */
} trend_t;

/* Sort, sum the points of one period, and find first, last and peak. */
static void trend_facts(insight_point_t *pts, size_t n, trend_t *tr)
{
    memset(tr, 0, sizeof *tr);
    qsort(pts, n, sizeof *pts, point_cmp);
    size_t k = 0, peak = 0;
    for (size_t i = 1; i < n; i++) {
        if (pts[i].t == pts[k].t) {
            pts[k].v += pts[i].v;
            tr->merged = 1;
        } else {
            pts[++k] = pts[i];
        }
    }
    tr->n = n ? k + 1 : 0;
    double *days = xmalloc((tr->n ? tr->n : 1) * sizeof *days);
    for (size_t i = 0; i < tr->n; i++) {
        days[i] = pts[i].t;
        tr->total += pts[i].v;
        peak = pts[i].v > pts[peak].v ? i : peak;
    }
    tr->grain = insight_time_grain(days, tr->n);
    free(days);
    if (n) {
        tr->first = pts[0], tr->last = pts[k], tr->peak = pts[peak];
    }
}

/* "0.8M in Jan 2024", in the unit of the biggest figure of the sentence. */
static void put_at(buf_t *b, const insight_measure_t *m, const trend_t *tr, insight_point_t p)
{
    char v[INSIGHT_NUMLEN], when[64];
    double ref = fmax(fabs(tr->peak.v), fmax(fabs(tr->first.v), fabs(tr->last.v)));
    insight_format_like(m, p.v, ref, v, sizeof v);
    insight_time_label(p.t, tr->grain, when, sizeof when);
    buf_printf(b, "%s in %s", v, when);
}

/* The periods from the first point to the last, both counted: 12 for
 * Jan … Dec 2024; more than the points when some are missing (2010 and
 * 2018: 9 years, 2 points). */
static size_t units_spanned(const trend_t *tr)
{
    int y0, m0, d0, y1, m1, d1;
    double a = floor(tr->first.t), z = floor(tr->last.t);
    civil_date((long)a, &y0, &m0, &d0);
    civil_date((long)z, &y1, &m1, &d1);
    switch (tr->grain) {
    case INSIGHT_YEAR: return (size_t)(y1 - y0 + 1);
    case INSIGHT_QUARTER: return (size_t)((y1 * 12 + m1 - 1) / 3 - (y0 * 12 + m0 - 1) / 3 + 1);
    case INSIGHT_MONTH: return (size_t)(y1 * 12 + m1 - (y0 * 12 + m0) + 1);
    case INSIGHT_WEEK: return (size_t)((z - a) / 7 + 1);
    case INSIGHT_DAY: return (size_t)(z - a + 1);
    default: return (size_t)((tr->last.t - tr->first.t) * 24 + 1.5);
    }
}

/* "grew 50% over 12 months, from 0.8M in Jan 2024 to 1.2M in Dec 2024";
 * "fell 34%, from 32 in 2010 to 21 in 2018" (not over 2 years) */
static void put_change(buf_t *text, buf_t *summary, const insight_measure_t *m, const trend_t *tr)
{
    double change = tr->last.v - tr->first.v;
    int flat = tr->first.v != 0 ? fabs(change) / fabs(tr->first.v) < 0.01 : tr->last.v == 0;
    char pct[INSIGHT_NUMLEN];
    insight_format_pct(tr->first.v > 0 ? fabs(change) / tr->first.v * 100 : 0, pct, sizeof pct);
    if (flat)
        buf_puts(text, " was flat");
    else
        buf_printf(text, " %s", change > 0 ? "grew" : "fell");
    if (!flat && tr->first.v > 0)
        buf_printf(text, " %s", pct);
    if (units_spanned(tr) == tr->n)
        buf_printf(text, " over %zu %s", tr->n, time_noun(tr->grain, 1));
    buf_printf(text, ", %s ", flat ? "at" : "from");
    put_at(text, m, tr, tr->first);
    buf_puts(text, flat ? " and " : " to ");
    put_at(text, m, tr, tr->last);
    if (!flat && tr->first.v > 0)
        buf_printf(summary, ", %s%s", change > 0 ? "+" : "\xe2\x88\x92", pct);
}

static int insight_time_write_whole(const insight_measure_t *m, const trend_t *trp, buf_t *text,
                                    buf_t *summary);

/* Does the period starting at t (grain g) hold the present moment? Its
 * figure is then partial: this month so far is not a month. */
static int period_open(double t, insight_grain_t g)
{
    double now = (double)time(NULL) / 86400.0, end;
    int y, mo, d;
    civil_date((long)floor(t), &y, &mo, &d);
    switch (g) {
    case INSIGHT_YEAR: end = (double)civil_days(y + 1, 1, 1); break;
    case INSIGHT_QUARTER: {
        int q = (mo - 1) / 3 * 3 + 3; /* months into the year where the quarter ends */
        end = (double)civil_days(y + q / 12, q % 12 + 1, 1);
        break;
    }
    case INSIGHT_MONTH: end = (double)civil_days(y + mo / 12, mo % 12 + 1, 1); break;
    case INSIGHT_WEEK: end = t + 7; break;
    case INSIGHT_DAY: end = floor(t) + 1; break;
    default: end = t + 1.0 / 24;
    }
    return t <= now && now < end;
}

int insight_time_write(const insight_measure_t *m, insight_point_t *pts, size_t n, buf_t *text,
                       buf_t *summary)
{
    trend_t tr;
    char when[64];
    trend_facts(pts, n, &tr);
    if (tr.merged && !m->additive)
        return -1;
    /* the current period is not over: the trend is told over the whole
     * periods, and the partial one is named as such (not "fell 93%") */
    if (tr.n >= 3 && period_open(tr.last.t, tr.grain)) {
        insight_point_t open = tr.last;
        double total = tr.total;
        insight_grain_t grain = tr.grain;
        trend_facts(pts, tr.n - 1, &tr);
        tr.total = total;
        tr.grain = grain;
        int rc = insight_time_write_whole(m, &tr, text, summary);
        char so_far[INSIGHT_NUMLEN];
        insight_format_value(m, open.v, so_far, sizeof so_far);
        insight_time_label(open.t, grain, when, sizeof when);
        buf_printf(text, " %s is not over yet: %s so far.", when, so_far);
        buf_printf(summary, ", %s so far %s (partial)", when, so_far);
        return rc;
    }
    return insight_time_write_whole(m, &tr, text, summary);
}

/* The trend over whole periods: tr already holds its facts. */
static int insight_time_write_whole(const insight_measure_t *m, const trend_t *trp, buf_t *text,
                                    buf_t *summary)
{
    trend_t tr = *trp;
    char v[INSIGHT_NUMLEN], when[64];
    insight_time_label(tr.peak.t, tr.grain, when, sizeof when);
    insight_format_value(m, tr.peak.v, v, sizeof v);
    if (tr.n == 0) {
        buf_printf(text, "No period had a value for %s.", m->label);
        buf_puts(summary, "no values");
        return 0;
    }
    insight_put_cap(text, m->label);
    if (tr.n == 1) {
        buf_printf(text, " was %s in %s.", v, when);
        buf_printf(summary, "%s %s", when, v);
        return 0;
    }
    buf_printf(summary, "peak %s %s", when, v);
    put_change(text, summary, m, &tr);
    if (tr.peak.t == tr.last.t && tr.last.v > tr.first.v)
        buf_puts(text, ", the peak.");
    else
        buf_printf(text, "; the peak was %s in %s.", v, when);
    if (m->additive) {
        insight_format_value(m, tr.total, v, sizeof v);
        if (strncasecmp(m->label, "total", 5))
            buf_printf(text, " Total %s: %s.", m->label, v);
        else
            buf_printf(text, " %c%s: %s.", 'T', m->label + 1, v);
        buf_printf(summary, ", total %s", v);
    }
    return 0;
}
