/* kpi.c — one big number, its label, the change against a previous value
 * and, when the result has a time column, a sparkline of the history.
 *
 * With an x column the rows are a history: the latest value is the number
 * and the one before it the comparison. The delta carries both an arrow and
 * a colour, so it reads without colour vision and in a black-and-white PDF. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"
#include "core/mem.h"

#define UP "\xe2\x96\xb2"
#define DOWN "\xe2\x96\xbc"

typedef struct kpi {
    chart_frame_t f;      /* history (only with an x column) */
    double value, previous;
    int has_value, has_previous;
    size_t nulls;
} kpi_t;

static int kpi_collect(const json_t *r, const chart_config_t *cfg, kpi_t *k, char *err, size_t n)
{
    size_t yi;
    if (cfg->ny < 1)
        return snprintf(err, n, "a kpi needs one numeric column"), -1;
    if (chart_col_find(r, cfg->y[0], &yi, err, n) < 0)
        return -1;
    if (chart_col_class(r, yi) != CT_NUM)
        return snprintf(err, n, "a kpi needs one numeric column; %s is not numeric", cfg->y[0]), -1;
    if (cfg->x) {
        if (chart_frame_build(r, cfg, FRAME_ORDERED, &k->f, err, n) < 0)
            return -1;
        for (size_t i = k->f.nx; i-- > 0;) {
            double v = chart_frame_get(&k->f, i, 0);
            if (isnan(v))
                continue;
            if (!k->has_value)
                k->value = v, k->has_value = 1;
            else if (!k->has_previous)
                k->previous = v, k->has_previous = 1;
        }
        k->nulls = k->f.nulls;
    } else {
        const json_t *rows = json_object_get(r, "rows");
        for (size_t i = 0; i < json_array_size(rows) && !k->has_value; i++) {
            if (chart_value_number(json_array_get(json_array_get(rows, i), yi), &k->value) == 0)
                k->has_value = 1;
            else
                k->nulls++;
        }
    }
    if (!cfg->x) {  /* no frame built: read the percent hint here */
        k->f.percent = strstr(cfg->y[0], "pct") || strstr(cfg->y[0], "percent") ||
                       strstr(cfg->y[0], "%") || strstr(cfg->y[0], "share");
        k->f.fraction = fabs(k->value) <= 1;
    }
    if (cfg->has_previous) {
        k->previous = cfg->previous;
        k->has_previous = 1;
    }
    return 0;
}

/* "▲ 12.5% vs 4.3M" into out; returns +1 up, -1 down, 0 flat. */
static int kpi_delta(const kpi_t *k, char *out, size_t outlen)
{
    char prev[CHART_NUMLEN], pct[CHART_NUMLEN];
    double diff = k->value - k->previous;
    chart_format_value(&k->f, k->previous, 1, prev, sizeof prev);
    if (diff == 0) {
        snprintf(out, outlen, "no change vs %s", prev);
        return 0;
    }
    if (k->f.percent) {  /* a change of a rate is told in points */
        chart_format_value(&k->f, fabs(diff), 1, pct, sizeof pct);
        snprintf(pct + strlen(pct) - 1, sizeof pct - strlen(pct) + 1, " pts");
    } else if (k->previous != 0) {
        double p = fabs(diff / k->previous) * 100;
        snprintf(pct, sizeof pct, p >= 100 || p == round(p) ? "%.0f%%" : "%.1f%%", p);
    } else {
        chart_format_number(fabs(diff), pct, sizeof pct);
    }
    snprintf(out, outlen, "%s %s vs %s", diff > 0 ? UP : DOWN, pct, prev);
    return diff > 0 ? 1 : -1;
}

static void kpi_spark(buf_t *b, const chart_frame_t *f, const chart_box_t *p)
{
    double lo = INFINITY, hi = -INFINITY;
    size_t n = 0;
    for (size_t i = 0; i < f->nx; i++)
        if (!isnan(chart_frame_get(f, i, 0)))
            lo = fmin(lo, chart_frame_get(f, i, 0)), hi = fmax(hi, chart_frame_get(f, i, 0)), n++;
    if (n < 2)
        return;
    size_t step = f->nx > 300 ? f->nx / 300 : 1;  /* a sparkline needs no more */
    chart_scale_t xs = {f->xv[0], f->xv[f->nx - 1], p->x, p->x + p->w};
    chart_scale_t ys = {lo, hi, p->y + p->h, p->y};
    buf_puts(b, "<path d=\"");
    char cmd = 'M';
    for (size_t i = 0; i < f->nx;) {
        double v = chart_frame_get(f, i, 0);
        if (!isnan(v)) {
            buf_putc(b, cmd);
            svg_num(b, chart_scale_map(&xs, f->xv[i]));
            buf_putc(b, ' ');
            svg_num(b, chart_scale_map(&ys, v));
            cmd = 'L';
        }
        size_t next = i + step;
        i = next >= f->nx && i + 1 < f->nx ? f->nx - 1 : next;  /* always end on the latest */
    }
    buf_puts(b, "\" stroke-width=\"2\" stroke-linejoin=\"round\"");
    svg_attr_color(b, "ln spark", 0, 0, 1);
    buf_puts(b, "/>");
}

static void kpi_draw(buf_t *b, const chart_config_t *cfg, const kpi_t *k, double w, double h)
{
    char big[CHART_NUMLEN], full[CHART_NUMLEN], delta[CHART_NUMLEN * 3];
    const char *label = cfg->title && *cfg->title ? cfg->title : cfg->y[0];
    int spark = cfg->x && k->f.nx > 1;
    double size = fmin(64, fmin(h * 0.3, w / 6));
    buf_puts(b, "<g class=\"lbl\" fill=\"#4b5260\" font-size=\"15\" font-weight=\"600\">");
    svg_label(b, 20, 32, "start", NULL, label, w - 40);
    buf_puts(b, "</g>");
    if (k->f.percent)
        chart_format_value(&k->f, k->value, 1, big, sizeof big);
    else
        chart_format_headline(k->value, big, sizeof big);
    chart_format_value(&k->f, k->value, 0, full, sizeof full);
    double y = 40 + size;
    buf_puts(b, "<text class=\"big\" x=\"20\" y=\"");
    svg_num(b, y);
    buf_printf(b, "\" font-size=\"%.0f\" font-weight=\"700\" fill=\"#1f2328\">", size);
    svg_text_put(b, big);
    buf_puts(b, "<title>");
    svg_text_put(b, full);
    buf_puts(b, "</title></text>");
    if (k->has_previous) {
        int dir = kpi_delta(k, delta, sizeof delta);
        buf_printf(b, "<g class=\"delta %s\" fill=\"%s\" font-size=\"15\" font-weight=\"600\">",
                   dir > 0 ? "up" : dir < 0 ? "down" : "flat",
                   dir > 0 ? "#1a7f37" : dir < 0 ? "#c9302c" : "#6b7280");
        svg_label(b, 20, y + 30, "start", NULL, delta, w - 40);
        buf_puts(b, "</g>");
    }
    if (spark) {
        chart_box_t p = {20, y + (k->has_previous ? 50 : 24), w - 40, 0};
        p.h = fmax(20, h - p.y - 16);
        kpi_spark(b, &k->f, &p);
    }
}

int chart_kpi_render(const json_t *r, const chart_config_t *cfg, buf_t *b, char *err, size_t n)
{
    kpi_t k = {0};
    double w, h;
    int rc = -1;
    if (kpi_collect(r, cfg, &k, err, n) < 0)
        goto out;
    chart_size(cfg, &w, &h);
    if (!cfg->height)
        h = cfg->x ? 240 : 180;
    buf_t d = {0};
    char v[CHART_NUMLEN], delta[CHART_NUMLEN * 3];
    chart_format_full(k.value, v, sizeof v);
    buf_printf(&d, "%s: %s", cfg->title && *cfg->title ? cfg->title : cfg->y[0],
               k.has_value ? v : "no value");
    if (k.has_value && k.has_previous) {
        int dir = kpi_delta(&k, delta, sizeof delta);
        buf_printf(&d, ", %s%s", dir > 0 ? "up " : dir < 0 ? "down " : "",
                   dir ? delta + 4 : delta);  /* the arrow is 3 bytes and a space */
    }
    if (k.nulls)
        buf_printf(&d, "; %zu %s with empty values skipped", k.nulls, k.nulls == 1 ? "row" : "rows");
    if (!k.has_value) {
        svg_empty(b, cfg, "kpi", "No value to show");
    } else {
        svg_begin(b, cfg, "kpi", w, h, buf_str(&d));
        kpi_draw(b, cfg, &k, w, h);
        svg_end(b);
    }
    buf_free(&d);
    rc = 0;
out:
    chart_frame_free(&k.f);
    return rc;
}
