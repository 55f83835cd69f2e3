/* pie.c — a donut with the total in the hole and a legend of shares.
 *
 * Slices run clockwise from twelve o'clock, biggest first. More than seven
 * parts keep the six biggest and fold the rest into a grey "Other": past
 * that, nobody can compare the slivers. Negative parts have no place in a
 * whole, so they are an error rather than a silently wrong picture. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"
#include "core/mem.h"

#define MAX_SLICES 7
#define PI 3.14159265358979323846

typedef struct slice {
    const char *label;
    double v;
    int other;
    size_t i; /* position in the frame, the tie-break */
} slice_t;

static int cmp_slice(const void *a, const void *b)
{
    const slice_t *p = a, *q = b;
    if (p->v != q->v)
        return p->v > q->v ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;  /* frame order, not heap addresses */
}

static int pie_check(const chart_config_t *cfg, const chart_frame_t *f, char *err, size_t n)
{
    if (cfg->series || cfg->ny != 1)
        return snprintf(err, n, "a pie chart needs one category column and one numeric "
                                "column, with no series"), -1;
    for (size_t i = 0; i < f->nx; i++) {
        double v = chart_frame_get(f, i, 0);
        if (v < 0) {
            char s[CHART_NUMLEN];
            chart_format_full(v, s, sizeof s);
            snprintf(err, n, "a pie chart cannot show negative values (%s is %s for %s); "
                             "use a bar chart", cfg->y[0], s, f->xl[i]);
            return -1;
        }
    }
    return 0;
}

/* Sorted slices, the tail folded into Other; returns the count. */
static size_t pie_slices(const chart_frame_t *f, slice_t *sl, double *total, size_t *grouped)
{
    size_t n = 0;
    *total = 0;
    for (size_t i = 0; i < f->nx; i++) {
        double v = chart_frame_get(f, i, 0);
        if (isnan(v))
            continue;
        sl[n++] = (slice_t){f->xl[i], v, 0, i};
        *total += v;
    }
    qsort(sl, n, sizeof *sl, cmp_slice);
    *grouped = 0;
    if (n > MAX_SLICES) {
        double rest = 0;
        for (size_t i = MAX_SLICES - 1; i < n; i++)
            rest += sl[i].v;
        sl[MAX_SLICES - 1] = (slice_t){"Other", rest, 1, n};
        *grouped = n - MAX_SLICES + 1;
        n = MAX_SLICES;
    }
    return n;
}

static void arc_point(buf_t *b, double cx, double cy, double r, double a)
{
    svg_num(b, cx + r * sin(a));
    buf_putc(b, ' ');
    svg_num(b, cy - r * cos(a));
}

static void pie_arc(buf_t *b, double cx, double cy, double R, double r, double a0, double a1)
{
    if (a1 - a0 >= 2 * PI - 1e-9) {  /* a whole ring: two halves, one arc cannot close */
        pie_arc(b, cx, cy, R, r, a0, a0 + PI);
        pie_arc(b, cx, cy, R, r, a0 + PI, a1);
        return;
    }
    int large = a1 - a0 > PI;
    buf_puts(b, "M");
    arc_point(b, cx, cy, R, a0);
    buf_puts(b, "A");
    svg_num(b, R);
    buf_putc(b, ' ');
    svg_num(b, R);
    buf_printf(b, " 0 %d 1 ", large);
    arc_point(b, cx, cy, R, a1);
    buf_puts(b, "L");
    arc_point(b, cx, cy, r, a1);
    buf_puts(b, "A");
    svg_num(b, r);
    buf_putc(b, ' ');
    svg_num(b, r);
    buf_printf(b, " 0 %d 0 ", large);
    arc_point(b, cx, cy, r, a0);
    buf_putc(b, 'Z');
}

static void pie_legend(buf_t *b, const chart_frame_t *f, const slice_t *sl, size_t n,
                       double total, double x, double y, double w)
{
    char v[CHART_NUMLEN], line[CHART_NUMLEN * 2];
    buf_puts(b, "<g class=\"legend\" fill=\"#3d4450\">");
    for (size_t i = 0; i < n; i++) {
        double ly = y + (double)i * 26;
        buf_puts(b, "<rect x=\"");
        svg_num(b, x);
        buf_puts(b, "\" y=\"");
        svg_num(b, ly - 10);
        buf_puts(b, "\" width=\"12\" height=\"12\" rx=\"3\"");
        svg_attr_color(b, "mk", i, sl[i].other, 0);
        buf_puts(b, "/>");
        chart_format_value(f, sl[i].v, 1, v, sizeof v);
        snprintf(line, sizeof line, "%s \xc2\xb7 %.0f%%", v, total > 0 ? sl[i].v / total * 100 : 0);
        double vw = svg_text_width(line, CHART_FONT);
        svg_label(b, x + 20, ly, "start", NULL, sl[i].label, w - 20 - vw - 12);
        buf_puts(b, "<g class=\"num\" fill=\"#6b7280\">");
        svg_label(b, x + w, ly, "end", NULL, line, vw + 4);
        buf_puts(b, "</g>");
    }
    buf_puts(b, "</g>");
}

static void pie_draw(buf_t *b, const chart_config_t *cfg, const chart_frame_t *f,
                     const slice_t *sl, size_t n, double total, double w, double h)
{
    double top = svg_heading(b, cfg, w);
    double R = fmin((h - top - 20) / 2, w * 0.22), r = R * 0.62;
    double cx = 16 + R + 8, cy = top + (h - top) / 2, a = 0;
    char v[CHART_NUMLEN], full[CHART_NUMLEN];
    buf_puts(b, "<g class=\"marks\">");
    if (total <= 0) {
        buf_puts(b, "<path class=\"sl so\" fill=\"#e3e6ea\" d=\"");
        pie_arc(b, cx, cy, R, r, 0, 2 * PI);
        buf_puts(b, "\"/>");
    }
    for (size_t i = 0; i < n && total > 0; i++) {
        double a1 = a + sl[i].v / total * 2 * PI;
        int link = sl[i].other ? 0 : svg_drill_open(b, cfg, f, sl[i].i);
        buf_puts(b, "<path d=\"");
        pie_arc(b, cx, cy, R, r, a, i + 1 == n ? 2 * PI : a1);
        buf_puts(b, "\" stroke=\"#ffffff\" stroke-width=\"1.5\"");
        svg_attr_color(b, "sl", i, sl[i].other, 0);
        chart_format_full(sl[i].v, full, sizeof full);
        buf_puts(b, "><title>");
        svg_text_put(b, sl[i].label);
        buf_printf(b, ": %s (%.1f%%)</title></path>", full, sl[i].v / total * 100);
        svg_drill_close(b, link);
        a = a1;
    }
    buf_puts(b, "</g><g class=\"total\" text-anchor=\"middle\">");
    chart_format_value(f, total, 1, v, sizeof v);
    buf_puts(b, "<text class=\"big\" x=\"");
    svg_num(b, cx);
    buf_puts(b, "\" y=\"");
    svg_num(b, cy + 4);
    buf_printf(b, "\" font-size=\"%d\" font-weight=\"700\" fill=\"#1f2328\">", R > 70 ? 24 : 18);
    svg_text_put(b, v);
    buf_puts(b, "</text><g fill=\"#6b7280\" font-size=\"11\">");
    svg_label(b, cx, cy + 22, "middle", NULL, "Total", r * 2 - 8);
    buf_puts(b, "</g></g>");
    double lx = cx + R + 32;
    pie_legend(b, f, sl, n, total, lx, cy - ((double)n - 1) * 13 + 4, fmin(w - lx - 16, 340));
}

int chart_pie_render(const json_t *r, const chart_config_t *cfg, buf_t *b, char *err, size_t n)
{
    chart_frame_t f;
    double w, h, total;
    if (chart_frame_build(r, cfg, FRAME_CATEGORY, &f, err, n) < 0)
        return -1;
    if (pie_check(cfg, &f, err, n) < 0) {
        chart_frame_free(&f);
        return -1;
    }
    chart_size(cfg, &w, &h);
    slice_t *sl = xmalloc((f.nx ? f.nx : 1) * sizeof *sl);
    size_t grouped, ns = pie_slices(&f, sl, &total, &grouped);
    buf_t d = {0};
    char v[CHART_NUMLEN];
    chart_format_value(&f, total, 1, v, sizeof v);
    buf_printf(&d, "Donut chart of %s by %s, total %s", cfg->y[0], cfg->x, v);
    if (ns && total > 0) {
        chart_format_value(&f, sl[0].v, 1, v, sizeof v);
        buf_printf(&d, "; largest: %s %s (%.0f%%)", sl[0].label, v, sl[0].v / total * 100);
    }
    if (grouped)
        buf_printf(&d, "; %zu smaller parts grouped as Other", grouped);
    chart_desc_notes(&d, &f);
    if (ns == 0) {
        svg_empty(b, cfg, "pie", "No data to show");
    } else {
        svg_begin(b, cfg, "pie", w, h, buf_str(&d));
        pie_draw(b, cfg, &f, sl, ns, total, w, h);
        svg_end(b);
    }
    buf_free(&d);
    free(sl);
    chart_frame_free(&f);
    return 0;
}
