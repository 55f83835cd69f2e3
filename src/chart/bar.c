/* bar.c — vertical and horizontal bars, single, grouped or stacked.
 *
 * Bars always start at zero (the domain includes it) so lengths compare
 * honestly; negatives hang below a darker zero line. Too many categories
 * keep the top N by value (text) or the latest N (dates) with a "+N more"
 * note. A handful of single-series bars get their values written on them,
 * which is what people look for first. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"

#define MAX_HBAR 30

typedef struct bar_ctx {
    buf_t *b;
    const chart_frame_t *f;
    const chart_config_t *cfg; /* its drill-down links */
    chart_scale_t vs;     /* value -> pixel */
    int stacked, horizontal;
} bar_ctx_t;

static void value_domain(const chart_frame_t *f, int stacked, double *lo, double *hi)
{
    *lo = *hi = 0;
    for (size_t i = 0; i < f->nx; i++) {
        double pos = 0, neg = 0;
        for (size_t s = 0; s < f->ns; s++) {
            double v = chart_frame_get(f, i, s);
            if (isnan(v))
                continue;
            if (stacked)
                *(v > 0 ? &pos : &neg) += v;
            *lo = fmin(*lo, v);
            *hi = fmax(*hi, v);
        }
        *lo = fmin(*lo, neg);
        *hi = fmax(*hi, pos);
    }
}

static void bar_desc(buf_t *d, const chart_config_t *cfg, const chart_frame_t *f, int stacked)
{
    const char *what = f->ns > 1 ? (stacked ? "Stacked bar" : "Grouped bar") : "Bar";
    buf_printf(d, "%s chart of ", what);
    chart_desc_measures(d, cfg);
    buf_printf(d, " by %s", cfg->x);
    if (cfg->series)
        buf_printf(d, " and %s", cfg->series);
    chart_desc_extremes(d, f);
    chart_desc_notes(d, f);
}

/* One bar from value a to b across [c0, c0 + thick], with its tooltip. */
static void bar_rect(const bar_ctx_t *c, size_t i, size_t s, double a, double b2, double c0,
                     double thick, double v)
{
    double p = chart_scale_map(&c->vs, a), q = chart_scale_map(&c->vs, b2);
    double lo = fmin(p, q), len = fmax(fabs(q - p), v != 0 ? 0.5 : 0);
    char full[CHART_NUMLEN];
    int link = svg_drill_open(c->b, c->cfg, c->f, i);
    buf_puts(c->b, "<rect x=\"");
    svg_num(c->b, c->horizontal ? lo : c0);
    buf_puts(c->b, "\" y=\"");
    svg_num(c->b, c->horizontal ? c0 : lo);
    buf_puts(c->b, "\" width=\"");
    svg_num(c->b, c->horizontal ? len : thick);
    buf_puts(c->b, "\" height=\"");
    svg_num(c->b, c->horizontal ? thick : len);
    buf_putc(c->b, '"');
    svg_attr_color(c->b, "mk", s, 0, 0);
    buf_puts(c->b, "><title>");
    svg_text_put(c->b, c->f->xl[i]);
    if (c->f->ns > 1) {
        buf_puts(c->b, " \xc2\xb7 ");
        svg_text_put(c->b, c->f->sl[s]);
    }
    chart_format_value(c->f, v, 0, full, sizeof full);
    buf_puts(c->b, ": ");
    svg_text_put(c->b, full);
    buf_puts(c->b, "</title></rect>");
    svg_drill_close(c->b, link);
}

/* The bars of category i inside [c0, c0 + band]. */
static void bar_group(const bar_ctx_t *c, size_t i, double c0, double band)
{
    const chart_frame_t *f = c->f;
    double pad = band * (f->nx > 40 ? 0.12 : 0.2), inner = fmin(band - 2 * pad, 90 * (double)f->ns);
    double start = c0 + (band - inner) / 2, pos = 0, neg = 0;
    double thick = c->stacked ? inner : inner / (double)f->ns;
    for (size_t s = 0; s < f->ns; s++) {
        double v = chart_frame_get(f, i, s);
        if (isnan(v))
            continue;
        if (c->stacked) {
            double *acc = v >= 0 ? &pos : &neg;
            bar_rect(c, i, s, *acc, *acc + v, start, thick, v);
            *acc += v;
        } else {
            double gap = f->ns > 1 && thick > 6 ? 1 : 0;
            bar_rect(c, i, s, 0, v, start + thick * (double)s + gap / 2, thick - gap, v);
        }
    }
}

/* Values written at the bar ends when there is room for every one. */
static void bar_values(const bar_ctx_t *c, const chart_box_t *p, double band)
{
    const chart_frame_t *f = c->f;
    char s[CHART_NUMLEN];
    if (f->ns != 1 || f->nx > 24)
        return;
    for (size_t i = 0; i < f->nx && !c->horizontal; i++) {
        chart_format_value(f, chart_frame_get(f, i, 0), 1, s, sizeof s);
        if (svg_text_width(s, 11) > band - 2)
            return;
    }
    buf_puts(c->b, "<g class=\"val\" fill=\"#3d4450\" font-size=\"11\">");
    for (size_t i = 0; i < f->nx; i++) {
        double v = chart_frame_get(f, i, 0);
        if (isnan(v))
            continue;
        chart_format_value(f, v, 1, s, sizeof s);
        double end = chart_scale_map(&c->vs, v), mid = (double)i * band + band / 2;
        if (c->horizontal)
            svg_label(c->b, v < 0 ? chart_scale_map(&c->vs, 0) + 5 : end + 5, p->y + mid + 4,
                      "start", NULL, s, 80);
        else
            svg_label(c->b, p->x + mid, v < 0 ? end + 14 : end - 5, "middle", NULL, s, band);
    }
    buf_puts(c->b, "</g>");
}

int chart_bar_render(const json_t *r, const chart_config_t *cfg, buf_t *b, char *err, size_t n)
{
    chart_frame_t f;
    double w, h, lo, hi;
    if (chart_frame_build(r, cfg, FRAME_CATEGORY, &f, err, n) < 0)
        return -1;
    chart_size(cfg, &w, &h);
    int stacked = cfg->stacked && f.ns > 1;
    size_t maxn = (size_t)((w - 90) / (f.ns > 1 && !stacked ? 4.0 * (double)f.ns + 4 : 7));
    if (f.xtype == CT_TEXT)
        chart_frame_top(&f, maxn);
    else
        chart_frame_tail(&f, maxn);
    buf_t d = {0};
    bar_desc(&d, cfg, &f, stacked);
    if (f.nx == 0) {
        svg_empty(b, cfg, "bar", "No data to show");
        goto out;
    }
    svg_begin(b, cfg, "bar", w, h, buf_str(&d));
    double top = svg_heading(b, cfg, w);
    top += svg_legend(b, 16, top + 10, w - 32, f.sl, f.ns, 0);
    chart_ticks_t t;
    value_domain(&f, stacked, &lo, &hi);
    chart_ticks_linear(&lo, &hi, h < 260 ? 4 : 6, &t);
    chart_box_t p = {16 + axis_y_width(&t, &f), top + 10, 0, 0};
    p.w = w - p.x - 16;
    double band = p.w / (double)f.nx;
    p.h = h - p.y - axis_x_band_height(f.xl, f.nx, band) - (f.more ? 16 : 0);
    bar_ctx_t c = {b, &f, cfg, {lo, hi, p.y + p.h, p.y}, stacked, 0};
    axis_y_linear(b, &p, &c.vs, &t, &f);
    buf_puts(b, "<g class=\"marks\">");
    for (size_t i = 0; i < f.nx; i++)
        bar_group(&c, i, p.x + (double)i * band, band);
    buf_puts(b, "</g>");
    bar_values(&c, &p, band);
    axis_x_band(b, &p, f.xl, f.nx);
    chart_note_more(b, &f, w - 16, h - 6);
    svg_end(b);
out:
    buf_free(&d);
    chart_frame_free(&f);
    return 0;
}

static double max_value_width(const chart_frame_t *f)
{
    double m = 0;
    char s[CHART_NUMLEN];
    for (size_t i = 0; i < f->nx && f->ns == 1; i++) {
        chart_format_value(f, chart_frame_get(f, i, 0), 1, s, sizeof s);
        m = fmax(m, svg_text_width(s, 11));
    }
    return m;
}

static void hbar_labels(buf_t *b, const chart_frame_t *f, const chart_box_t *p, double row)
{
    buf_puts(b, "<g class=\"axis cat\" fill=\"#3d4450\" text-anchor=\"end\">");
    for (size_t i = 0; i < f->nx; i++)
        svg_label(b, p->x - 8, p->y + ((double)i + 0.5) * row + 4, "end", NULL, f->xl[i],
                  p->x - 24);
    buf_puts(b, "</g>");
}

int chart_hbar_render(const json_t *r, const chart_config_t *cfg, buf_t *b, char *err, size_t n)
{
    chart_frame_t f;
    double w, h, lo, hi;
    if (chart_frame_build(r, cfg, FRAME_CATEGORY, &f, err, n) < 0)
        return -1;
    chart_size(cfg, &w, &h);
    int stacked = cfg->stacked && f.ns > 1;
    if (f.xtype == CT_TEXT)
        chart_frame_top(&f, MAX_HBAR);
    else
        chart_frame_tail(&f, MAX_HBAR);
    buf_t d = {0};
    bar_desc(&d, cfg, &f, stacked);
    if (f.nx == 0) {
        svg_empty(b, cfg, "hbar", "No data to show");
        goto out;
    }
    double top = cfg->title && *cfg->title ? 42 : 12, legend = f.ns > 1 ? 24 : 0;
    double bottom = 30 + (f.more ? 16 : 0);
    double row = fmax(18, fmin(f.ns > 1 && !stacked ? 14.0 * (double)f.ns + 8 : 40,
                               (h - top - legend - bottom - 10) / (double)f.nx));
    h = top + legend + 10 + row * (double)f.nx + bottom;
    svg_begin(b, cfg, "hbar", w, h, buf_str(&d));
    svg_heading(b, cfg, w);
    top += svg_legend(b, 16, top + 10, w - 32, f.sl, f.ns, 0);
    double labw = 0;
    for (size_t i = 0; i < f.nx; i++)
        labw = fmax(labw, svg_text_width(f.xl[i], CHART_FONT));
    chart_box_t p = {16 + fmin(labw, w * 0.32) + 10, top + 10, 0, row * (double)f.nx};
    p.w = w - p.x - 16 - max_value_width(&f) - 6;
    chart_ticks_t t;
    value_domain(&f, stacked, &lo, &hi);
    chart_ticks_linear(&lo, &hi, (size_t)fmax(2, p.w / 90), &t);
    bar_ctx_t c = {b, &f, cfg, {lo, hi, p.x, p.x + p.w}, stacked, 1};
    axis_x_linear(b, &p, &c.vs, &t, &f, f.percent);
    buf_puts(b, "<g class=\"marks\">");
    for (size_t i = 0; i < f.nx; i++)
        bar_group(&c, i, p.y + (double)i * row, row);
    buf_puts(b, "</g>");
    bar_values(&c, &p, row);
    hbar_labels(b, &f, &p, row);
    chart_note_more(b, &f, w - 16, h - 6);
    svg_end(b);
out:
    buf_free(&d);
    chart_frame_free(&f);
    return 0;
}
