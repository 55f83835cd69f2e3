/* line.c — lines and areas over a time or numeric x.
 *
 * Points are sorted by x (dates out of order are fine), duplicates summed.
 * A series longer than LTTB_MAX points is down-sampled with LTTB, so a
 * 100,000-point line costs a few kilobytes and still shows its spikes.
 * Areas stack when there are series. Short series get dots with tooltips. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"
#include "core/mem.h"

#define LTTB_MAX 1000
#define DOTS_MAX 40

typedef struct line_ctx {
    buf_t *b;
    const chart_frame_t *f;
    const chart_config_t *cfg; /* its drill-down links */
    chart_scale_t xs, ys;
    double *base;         /* stacked areas: running total per x, else NULL */
    int area;
    size_t *idx;          /* scratch: kept indexes */
    double *px, *py;      /* scratch: one series' points */
} line_ctx_t;

static void y_domain(const chart_frame_t *f, int stacked, int area, double *lo, double *hi)
{
    int any = 0;
    *lo = *hi = 0;
    for (size_t i = 0; i < f->nx; i++) {
        double acc = 0;
        for (size_t s = 0; s < f->ns; s++) {
            double v = chart_frame_get(f, i, s);
            if (isnan(v))
                continue;
            acc = stacked ? acc + v : v;
            *lo = any ? fmin(*lo, acc) : acc;
            *hi = any ? fmax(*hi, acc) : acc;
            any = 1;
        }
    }
    if (area) {
        *lo = fmin(*lo, 0);
        *hi = fmax(*hi, 0);
    }
}

static void line_desc(buf_t *d, const chart_config_t *cfg, const chart_frame_t *f, int area)
{
    buf_printf(d, "%s chart of ", area ? (f->ns > 1 ? "Stacked area" : "Area") : "Line");
    chart_desc_measures(d, cfg);
    buf_printf(d, " by %s", cfg->x);
    if (f->nx > 1)
        buf_printf(d, ", %s to %s", f->xl[0], f->xl[f->nx - 1]);
    if (f->ns > 1) {
        buf_printf(d, "; %zu series: ", f->ns);
        for (size_t s = 0; s < f->ns; s++)
            buf_printf(d, "%s%s", s ? ", " : "", f->sl[s]);
    } else {
        chart_desc_extremes(d, f);
        char v[CHART_NUMLEN];
        if (f->nx > 1 && !isnan(chart_frame_get(f, f->nx - 1, 0))) {
            chart_format_value(f, chart_frame_get(f, f->nx - 1, 0), 1, v, sizeof v);
            buf_printf(d, "; latest: %s", v);
        }
    }
    if (f->nx > LTTB_MAX)
        buf_printf(d, "; %zu points drawn as %d", f->nx, LTTB_MAX);
    chart_desc_notes(d, f);
}

static void put_xy(buf_t *b, double x, double y)
{
    svg_num(b, x);
    buf_putc(b, ' ');
    svg_num(b, y);
}

/* Points of series s (stacked on base) into px/py; returns how many are kept. */
static size_t series_points(line_ctx_t *c, size_t s, size_t *at)
{
    size_t n = 0;
    for (size_t i = 0; i < c->f->nx; i++) {
        double v = chart_frame_get(c->f, i, s);
        if (isnan(v) && !c->base)
            continue;
        if (isnan(v))
            v = 0;
        c->px[n] = c->f->xv[i];
        c->py[n] = c->base ? c->base[i] + v : v;
        at[n++] = i;
    }
    return n;
}

static void draw_dots(line_ctx_t *c, size_t s, const size_t *at, size_t n)
{
    char full[CHART_NUMLEN];
    buf_puts(c->b, "<g class=\"dots\">");
    for (size_t k = 0; k < n; k++) {
        int link = svg_drill_open(c->b, c->cfg, c->f, at[k]);
        buf_puts(c->b, "<circle cx=\"");
        svg_num(c->b, chart_scale_map(&c->xs, c->px[k]));
        buf_puts(c->b, "\" cy=\"");
        svg_num(c->b, chart_scale_map(&c->ys, c->py[k]));
        buf_puts(c->b, "\" r=\"3.5\"");
        svg_attr_color(c->b, "mk", s, 0, 0);
        buf_puts(c->b, "><title>");
        svg_text_put(c->b, c->f->xl[at[k]]);
        if (c->f->ns > 1) {
            buf_puts(c->b, " \xc2\xb7 ");
            svg_text_put(c->b, c->f->sl[s]);
        }
        chart_format_value(c->f, chart_frame_get(c->f, at[k], s), 0, full, sizeof full);
        buf_puts(c->b, ": ");
        svg_text_put(c->b, full);
        buf_puts(c->b, "</title></circle>");
        svg_drill_close(c->b, link);
    }
    buf_puts(c->b, "</g>");
}

static void draw_series(line_ctx_t *c, size_t s, size_t *at)
{
    size_t n = series_points(c, s, at), m = n;
    if (n == 0)
        return;
    if (n > LTTB_MAX) {
        m = chart_lttb(c->px, c->py, n, LTTB_MAX, c->idx);
        for (size_t k = 0; k < m; k++) {  /* compact in place: idx is ascending */
            c->px[k] = c->px[c->idx[k]];
            c->py[k] = c->py[c->idx[k]];
            at[k] = at[c->idx[k]];
        }
    }
    buf_puts(c->b, "<g class=\"series\">");
    if (c->area && m > 1) {
        buf_puts(c->b, "<path d=\"M");
        for (size_t k = 0; k < m; k++) {
            buf_putc(c->b, k ? 'L' : ' ');
            put_xy(c->b, chart_scale_map(&c->xs, c->px[k]), chart_scale_map(&c->ys, c->py[k]));
        }
        for (size_t k = m; k-- > 0;) {
            double base = c->base ? c->base[at[k]] : 0;
            buf_putc(c->b, 'L');
            put_xy(c->b, chart_scale_map(&c->xs, c->px[k]), chart_scale_map(&c->ys, base));
        }
        buf_printf(c->b, "Z\" fill-opacity=\"%s\"", c->base ? "0.78" : "0.22");
        svg_attr_color(c->b, "ar", s, 0, 0);
        buf_puts(c->b, "/>");
    }
    if (m > 1) {
        buf_puts(c->b, "<path d=\"M");
        for (size_t k = 0; k < m; k++) {
            buf_putc(c->b, k ? 'L' : ' ');
            put_xy(c->b, chart_scale_map(&c->xs, c->px[k]), chart_scale_map(&c->ys, c->py[k]));
        }
        buf_printf(c->b, "\" stroke-width=\"%s\" stroke-linejoin=\"round\" "
                         "stroke-linecap=\"round\"", m > 200 ? "1.5" : "2.25");
        svg_attr_color(c->b, "ln", s, 0, 1);
        buf_puts(c->b, "/>");
    }
    if (m <= DOTS_MAX && !(c->area && c->base))
        draw_dots(c, s, at, m);
    buf_puts(c->b, "</g>");
    for (size_t i = 0; c->base && i < c->f->nx; i++)
        if (!isnan(chart_frame_get(c->f, i, s)))
            c->base[i] += chart_frame_get(c->f, i, s);
}

/* x axis: calendar ticks for time, 1-2-5 ticks for numbers. */
static void x_axis(line_ctx_t *c, const chart_box_t *p)
{
    chart_ticks_t t;
    double lo = c->xs.d0, hi = c->xs.d1;
    if (c->f->xtype == CT_TIME) {
        chart_ticks_time_at_least(lo, hi, (size_t)fmax(2, p->w / 80), c->f->grain, &t);
        /* ticks every third month are labelled by month ("Jan 2025, Apr,
         * Jul") for monthly data, and by quarter only for quarterly data */
        if (t.grain == G_MONTH && c->f->grain >= G_QUARTER && t.step > 2629746 * 2)
            t.grain = G_QUARTER;
        axis_x_time(c->b, p, &c->xs, &t);
    } else {
        chart_ticks_linear(&lo, &hi, (size_t)fmax(2, p->w / 80), &t);
        size_t k = 0;  /* keep the ticks inside the data's range */
        for (size_t i = 0; i < t.n; i++)
            if (t.v[i] >= c->xs.d0 - 1e-9 * fabs(hi - lo) && t.v[i] <= c->xs.d1 + 1e-9 * fabs(hi - lo))
                t.v[k++] = t.v[i];
        t.n = k;
        axis_x_linear(c->b, p, &c->xs, &t, NULL, 0);
    }
}

static void line_plot(line_ctx_t *c, const chart_config_t *cfg, double w, double h)
{
    const chart_frame_t *f = c->f;
    buf_t *b = c->b;
    double top = svg_heading(b, cfg, w), lo, hi;
    top += svg_legend(b, 16, top + 10, w - 32, f->sl, f->ns, 0);
    chart_ticks_t t;
    y_domain(f, c->base != NULL, c->area, &lo, &hi);
    chart_ticks_linear(&lo, &hi, h < 260 ? 4 : 6, &t);
    chart_box_t p = {16 + axis_y_width(&t, f), top + 10, 0, 0};
    p.w = w - p.x - 24;
    p.h = h - p.y - 30;
    double x0 = f->xv[0], x1 = f->xv[f->nx - 1];
    if (x1 == x0) {
        double pad = f->xtype == CT_TIME ? 86400 : fmax(1, fabs(x0) * 0.1);
        x0 -= pad;
        x1 += pad;
    }
    c->xs = (chart_scale_t){x0, x1, p.x, p.x + p.w};
    c->ys = (chart_scale_t){lo, hi, p.y + p.h, p.y};
    axis_y_linear(b, &p, &c->ys, &t, f);
    size_t *at = xmalloc(f->nx * sizeof *at);
    buf_puts(b, "<g class=\"marks\">");
    for (size_t s = 0; s < f->ns; s++)
        draw_series(c, s, at);
    buf_puts(b, "</g>");
    free(at);
    x_axis(c, &p);
}

int chart_line_render(const json_t *r, const chart_config_t *cfg, buf_t *b, char *err, size_t n)
{
    chart_frame_t f;
    double w, h;
    int area = cfg->kind == CHART_AREA;
    const char *kind = area ? "area" : "line";
    if (chart_frame_build(r, cfg, FRAME_ORDERED, &f, err, n) < 0)
        return -1;
    chart_size(cfg, &w, &h);
    buf_t d = {0};
    line_desc(&d, cfg, &f, area);
    if (f.nx == 0) {
        svg_empty(b, cfg, kind, "No data to show");
    } else {
        line_ctx_t c = {b, &f, cfg, {0, 0, 0, 0}, {0, 0, 0, 0}, NULL, area, NULL, NULL, NULL};
        if (area && f.ns > 1)
            c.base = xcalloc(f.nx, sizeof *c.base);
        c.idx = xmalloc(f.nx * sizeof *c.idx);
        c.px = xmalloc(f.nx * sizeof *c.px);
        c.py = xmalloc(f.nx * sizeof *c.py);
        svg_begin(b, cfg, kind, w, h, buf_str(&d));
        line_plot(&c, cfg, w, h);
        svg_end(b);
        free(c.base);
        free(c.idx);
        free(c.px);
        free(c.py);
    }
    buf_free(&d);
    chart_frame_free(&f);
    return 0;
}
