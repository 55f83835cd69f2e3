/* axis.c — gridlines, tick labels and category labels.
 *
 * Gridlines are one path each (small SVGs), light and behind the marks;
 * the zero line is darker so negative bars read as negative. Category
 * labels stay horizontal while they fit (cut with an ellipsis when the band
 * still holds ten letters), then turn 40 degrees, then show one in every k; the full text of a cut label is in its <title>. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"

#define GRID_COLOR "#e3e6ea"
#define AXIS_COLOR "#6b7280"
#define ZERO_COLOR "#8b929c"
#define ROT_MAX 96.0  /* longest rotated label, in px */

static void tick_label(const chart_ticks_t *t, const chart_frame_t *f, double v, int percent,
                       char *out, size_t outlen)
{
    double maxabs = 0;
    for (size_t i = 0; i < t->n; i++)
        maxabs = fmax(maxabs, fabs(t->v[i]));
    chart_format_tick(v, t->step, maxabs, percent, f && f->fraction, out, outlen);
}

double axis_y_width(const chart_ticks_t *t, const chart_frame_t *f)
{
    double w = 0;
    for (size_t i = 0; i < t->n; i++) {
        char s[CHART_NUMLEN];
        tick_label(t, f, t->v[i], f && f->percent, s, sizeof s);
        w = fmax(w, svg_text_width(s, CHART_FONT));
    }
    return w + 10;
}

static void zero_line(buf_t *b, double x0, double y0, double x1, double y1)
{
    buf_printf(b, "<path class=\"zero\" stroke=\"%s\" d=\"M", ZERO_COLOR);
    svg_num(b, x0);
    buf_putc(b, ' ');
    svg_num(b, y0);
    buf_putc(b, 'L');
    svg_num(b, x1);
    buf_putc(b, ' ');
    svg_num(b, y1);
    buf_puts(b, "\"/>");
}

void axis_y_linear(buf_t *b, const chart_box_t *p, const chart_scale_t *ys,
                   const chart_ticks_t *t, const chart_frame_t *f)
{
    buf_printf(b, "<path class=\"grid\" stroke=\"%s\" d=\"", GRID_COLOR);
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i] == 0)
            continue;
        buf_putc(b, 'M');
        svg_num(b, p->x);
        buf_putc(b, ' ');
        svg_num(b, chart_scale_map(ys, t->v[i]));
        buf_putc(b, 'H');
        svg_num(b, p->x + p->w);
    }
    buf_printf(b, "\"/><g class=\"axis\" fill=\"%s\" text-anchor=\"end\">", AXIS_COLOR);
    for (size_t i = 0; i < t->n; i++) {
        char s[CHART_NUMLEN];
        tick_label(t, f, t->v[i], f && f->percent, s, sizeof s);
        buf_puts(b, "<text x=\"");
        svg_num(b, p->x - 8);
        buf_puts(b, "\" y=\"");
        svg_num(b, chart_scale_map(ys, t->v[i]) + 4);
        buf_puts(b, "\">");
        svg_text_put(b, s);
        buf_puts(b, "</text>");
    }
    buf_puts(b, "</g>");
    if (ys->d0 <= 0 && ys->d1 >= 0 && t->n)
        zero_line(b, p->x, chart_scale_map(ys, 0), p->x + p->w, chart_scale_map(ys, 0));
}

void axis_x_linear(buf_t *b, const chart_box_t *p, const chart_scale_t *xs,
                   const chart_ticks_t *t, const chart_frame_t *f, int percent)
{
    buf_printf(b, "<path class=\"grid\" stroke=\"%s\" d=\"", GRID_COLOR);
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i] == 0)
            continue;
        buf_putc(b, 'M');
        svg_num(b, chart_scale_map(xs, t->v[i]));
        buf_putc(b, ' ');
        svg_num(b, p->y);
        buf_putc(b, 'V');
        svg_num(b, p->y + p->h);
    }
    buf_printf(b, "\"/><g class=\"axis\" fill=\"%s\" text-anchor=\"middle\">", AXIS_COLOR);
    double last = -1e9;
    for (size_t i = 0; i < t->n; i++) {
        char s[CHART_NUMLEN];
        tick_label(t, f, t->v[i], percent, s, sizeof s);
        double x = chart_scale_map(xs, t->v[i]), w = svg_text_width(s, CHART_FONT);
        if (x - w / 2 < last + 6)
            continue;  /* thin rather than overlap */
        last = x + w / 2;
        buf_puts(b, "<text x=\"");
        svg_num(b, x);
        buf_puts(b, "\" y=\"");
        svg_num(b, p->y + p->h + 18);
        buf_puts(b, "\">");
        svg_text_put(b, s);
        buf_puts(b, "</text>");
    }
    buf_puts(b, "</g>");
    if (xs->d0 <= 0 && xs->d1 >= 0 && t->n)
        zero_line(b, chart_scale_map(xs, 0), p->y, chart_scale_map(xs, 0), p->y + p->h);
}

/* 0: horizontal, 1: rotated; *every: show one label in every. */
static int band_layout(char **labels, size_t n, double band, double *maxw, size_t *every)
{
    *maxw = 0;
    for (size_t i = 0; i < n; i++)
        *maxw = fmax(*maxw, svg_text_width(labels[i], CHART_FONT));
    *every = 1;
    if (*maxw <= band - 6 || band - 6 >= 64)  /* fits, or fits cut to ~10 letters */
        return 0;
    *every = band >= 15 ? 1 : (size_t)ceil(15 / band);
    return 1;
}

double axis_x_band_height(char **labels, size_t n, double band)
{
    double maxw;
    size_t every;
    if (!band_layout(labels, n, band, &maxw, &every))
        return 26;
    return fmin(maxw, ROT_MAX) * 0.643 + 24;  /* sin 40 */
}

void axis_x_band(buf_t *b, const chart_box_t *p, char **labels, size_t n)
{
    double band = p->w / (double)(n ? n : 1), maxw;
    size_t every;
    int rot = band_layout(labels, n, band, &maxw, &every);
    double y = p->y + p->h + 18;
    buf_printf(b, "<g class=\"axis\" fill=\"%s\" text-anchor=\"%s\">", AXIS_COLOR,
               rot ? "end" : "middle");
    for (size_t i = 0; i < n; i += every) {
        double x = p->x + ((double)i + 0.5) * band;
        char *shown = svg_text_fit(labels[i], rot ? ROT_MAX : band * (double)every - 6,
                                   CHART_FONT);
        buf_puts(b, "<text");
        if (rot) {
            buf_puts(b, " transform=\"translate(");
            svg_num(b, x + 3);
            buf_putc(b, ' ');
            svg_num(b, y - 6);
            buf_puts(b, ") rotate(-40)\"");
        } else {
            buf_puts(b, " x=\"");
            svg_num(b, x);
            buf_puts(b, "\" y=\"");
            svg_num(b, y);
            buf_putc(b, '"');
        }
        buf_putc(b, '>');
        svg_text_put(b, shown);
        if (strcmp(shown, labels[i]) != 0) {
            buf_puts(b, "<title>");
            svg_text_put(b, labels[i]);
            buf_puts(b, "</title>");
        }
        buf_puts(b, "</text>");
        free(shown);
    }
    buf_puts(b, "</g>");
}

/* Full labels ("Mar 2024") when they fit; otherwise short ones with the
 * year (or the day) only where it changes. */
static void time_label(const chart_ticks_t *t, size_t i, int shortform, char *out, size_t len)
{
    int g = t->grain;
    if (!shortform || g == G_YEAR || g == G_QUARTER) {
        chart_format_time(t->v[i], g == G_WEEK ? G_DAY : g, g <= G_HOUR ? 1 : 0, out, len);
        return;
    }
    int y, mo, d, h, mi, s, py, pmo, pd;
    chart_time_civil(t->v[i], &y, &mo, &d, &h, &mi, &s);
    if (i > 0)
        chart_time_civil(t->v[i - 1], &py, &pmo, &pd, &h, &mi, &s);
    int fresh = i == 0 || (g >= G_DAY ? py != y : pd != d);
    if (g <= G_HOUR)
        chart_format_time(t->v[i], fresh ? G_DAY : g, 1, out, len);
    else
        chart_format_time(t->v[i], g == G_WEEK ? G_DAY : g, !fresh, out, len);
}

void axis_x_time(buf_t *b, const chart_box_t *p, const chart_scale_t *xs,
                 const chart_ticks_t *t)
{
    char s[CHART_NUMLEN];
    double spacing = p->w / (double)(t->n > 1 ? t->n - 1 : 1), maxw = 0;
    for (size_t i = 0; i < t->n; i++) {
        time_label(t, i, 0, s, sizeof s);
        maxw = fmax(maxw, svg_text_width(s, CHART_FONT));
    }
    int shortform = maxw > spacing - 10;
    buf_printf(b, "<g class=\"axis\" fill=\"%s\" text-anchor=\"middle\">", AXIS_COLOR);
    double last = -1e9;
    for (size_t i = 0; i < t->n; i++) {
        time_label(t, i, shortform, s, sizeof s);
        double x = chart_scale_map(xs, t->v[i]), w = svg_text_width(s, CHART_FONT);
        if (x - w / 2 < last + 8)
            continue;
        const char *anchor = "middle";
        if (x + w / 2 > p->x + p->w + 14)
            anchor = "end", x = fmin(x, p->x + p->w + 14), last = x;
        else
            last = x + w / 2;
        buf_puts(b, "<text x=\"");
        svg_num(b, x);
        buf_puts(b, "\" y=\"");
        svg_num(b, p->y + p->h + 18);
        buf_putc(b, '"');
        if (strcmp(anchor, "middle"))
            buf_puts(b, " text-anchor=\"end\"");
        buf_putc(b, '>');
        svg_text_put(b, s);
        buf_puts(b, "</text>");
    }
    buf_puts(b, "</g>");
}
