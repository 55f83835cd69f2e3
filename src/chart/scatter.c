/* scatter.c — two measures against each other, one dot per row.
 *
 * Neither axis is forced to zero: a scatter is about the relation, not the
 * size. Dots are half transparent so clusters show their density. Past
 * MAX_DOTS rows every k-th row is drawn (deterministically) and the desc
 * says so; the series colour, if any, comes from a third column. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"
#include "core/mem.h"

#define MAX_DOTS 5000

typedef struct pt {
    double x, y;
    size_t s;         /* series, CHART_NCOLORS = "other" */
    size_t row;
} pt_t;

typedef struct scatter {
    pt_t *p;
    size_t n, nulls;
    char *names[CHART_NCOLORS + 1];
    size_t ns;
    double x0, x1, y0, y1;
} scatter_t;

static size_t series_of(scatter_t *sc, const json_t *v)
{
    char tmp[CHART_NUMLEN];
    const char *s = json_string_value(v);
    if (!s) {
        if (json_is_number(v))
            snprintf(tmp, sizeof tmp, "%.15g", json_number_value(v));
        else
            snprintf(tmp, sizeof tmp, "%s", json_is_true(v) ? "true" : "false");
        s = tmp;
    }
    for (size_t i = 0; i < sc->ns; i++)
        if (strcmp(sc->names[i], s) == 0)
            return i;
    if (sc->ns == CHART_NCOLORS)
        return CHART_NCOLORS;
    sc->names[sc->ns] = xstrdup(s);
    return sc->ns++;
}

static int scatter_collect(const json_t *r, const chart_config_t *cfg, scatter_t *sc, char *err,
                           size_t n)
{
    size_t xi, yi, si = 0;
    if (!cfg->x || cfg->ny != 1)
        return snprintf(err, n, "a scatter plot needs two numeric columns, x and y"), -1;
    if (chart_col_find(r, cfg->x, &xi, err, n) < 0 || chart_col_find(r, cfg->y[0], &yi, err, n) < 0 ||
        (cfg->series && chart_col_find(r, cfg->series, &si, err, n) < 0))
        return -1;
    const char *bad = chart_col_class(r, xi) != CT_NUM ? cfg->x :
                      chart_col_class(r, yi) != CT_NUM ? cfg->y[0] : NULL;
    if (bad)
        return snprintf(err, n, "a scatter plot needs two numeric columns; %s is not numeric",
                        bad), -1;
    const json_t *rows = json_object_get(r, "rows");
    sc->p = xmalloc((json_array_size(rows) + 1) * sizeof *sc->p);
    for (size_t i = 0; i < json_array_size(rows); i++) {
        const json_t *row = json_array_get(rows, i), *sv = json_array_get(row, si);
        pt_t p = {0, 0, 0, i};
        if (chart_value_number(json_array_get(row, xi), &p.x) < 0 ||
            chart_value_number(json_array_get(row, yi), &p.y) < 0 ||
            (cfg->series && (!sv || json_is_null(sv)))) {
            sc->nulls++;
            continue;
        }
        p.s = cfg->series ? series_of(sc, sv) : 0;
        sc->x0 = sc->n ? fmin(sc->x0, p.x) : p.x;
        sc->x1 = sc->n ? fmax(sc->x1, p.x) : p.x;
        sc->y0 = sc->n ? fmin(sc->y0, p.y) : p.y;
        sc->y1 = sc->n ? fmax(sc->y1, p.y) : p.y;
        sc->p[sc->n++] = p;
    }
    return 0;
}

static void scatter_dots(buf_t *b, const chart_config_t *cfg, const scatter_t *sc,
                         const chart_scale_t *xs, const chart_scale_t *ys)
{
    size_t every = sc->n > MAX_DOTS ? (sc->n + MAX_DOTS - 1) / MAX_DOTS : 1;
    char fx[CHART_NUMLEN], fy[CHART_NUMLEN];
    buf_puts(b, "<g class=\"marks\" fill-opacity=\"0.72\">");
    for (size_t i = 0; i < sc->n; i += every) {
        const pt_t *p = &sc->p[i];
        buf_puts(b, "<circle cx=\"");
        svg_num(b, chart_scale_map(xs, p->x));
        buf_puts(b, "\" cy=\"");
        svg_num(b, chart_scale_map(ys, p->y));
        buf_printf(b, "\" r=\"%s\"", sc->n > 500 ? "2.5" : "4");
        svg_attr_color(b, "mk", p->s, p->s == CHART_NCOLORS, 0);
        if (sc->n <= 1000) {  /* tooltips cost bytes; past this nobody hovers dot by dot */
            chart_format_full(p->x, fx, sizeof fx);
            chart_format_full(p->y, fy, sizeof fy);
            buf_puts(b, "><title>");
            if (cfg->series) {
                svg_text_put(b, p->s < sc->ns ? sc->names[p->s] : "Other");
                buf_puts(b, ": ");
            }
            svg_text_put(b, cfg->x);
            buf_printf(b, " %s, ", fx);
            svg_text_put(b, cfg->y[0]);
            buf_printf(b, " %s</title></circle>", fy);
        } else {
            buf_puts(b, "/>");
        }
    }
    buf_puts(b, "</g>");
}

static void scatter_draw(buf_t *b, const chart_config_t *cfg, scatter_t *sc, double w, double h)
{
    double top = svg_heading(b, cfg, w);
    if (sc->ns > 1)
        top += svg_legend(b, 16, top + 10, w - 32, sc->names, sc->ns, 0);
    chart_ticks_t yt, xt;
    double y0 = sc->y0, y1 = sc->y1, x0 = sc->x0, x1 = sc->x1;
    chart_ticks_linear(&y0, &y1, h < 260 ? 4 : 6, &yt);
    chart_box_t p = {16 + axis_y_width(&yt, NULL), top + 26, 0, 0};
    p.w = w - p.x - 20;
    p.h = h - p.y - 44;
    chart_ticks_linear(&x0, &x1, (size_t)fmax(2, p.w / 90), &xt);
    chart_scale_t xs = {x0, x1, p.x, p.x + p.w}, ys = {y0, y1, p.y + p.h, p.y};
    axis_y_linear(b, &p, &ys, &yt, NULL);
    axis_x_linear(b, &p, &xs, &xt, NULL, 0);
    buf_puts(b, "<g class=\"axis atitle\" fill=\"#4b5260\" font-weight=\"600\">");
    svg_label(b, p.x - 8 - axis_y_width(&yt, NULL) + 10, p.y - 12, "start", NULL, cfg->y[0], w / 2);
    svg_label(b, p.x + p.w, h - 8, "end", NULL, cfg->x, w / 2);
    buf_puts(b, "</g>");
    scatter_dots(b, cfg, sc, &xs, &ys);
}

int chart_scatter_render(const json_t *r, const chart_config_t *cfg, buf_t *b, char *err, size_t n)
{
    scatter_t sc = {0};
    double w, h;
    int rc = -1;
    if (scatter_collect(r, cfg, &sc, err, n) < 0)
        goto out;
    chart_size(cfg, &w, &h);
    buf_t d = {0};
    buf_printf(&d, "Scatter plot of %s against %s, %zu points", cfg->y[0], cfg->x, sc.n);
    if (cfg->series)
        buf_printf(&d, " coloured by %s", cfg->series);
    if (sc.n > MAX_DOTS)
        buf_printf(&d, "; every %zuth point drawn", (sc.n + MAX_DOTS - 1) / MAX_DOTS);
    if (sc.nulls)
        buf_printf(&d, "; %zu %s with empty values skipped", sc.nulls, sc.nulls == 1 ? "row" : "rows");
    if (sc.n == 0) {
        svg_empty(b, cfg, "scatter", "No data to show");
    } else {
        svg_begin(b, cfg, "scatter", w, h, buf_str(&d));
        scatter_draw(b, cfg, &sc, w, h);
        svg_end(b);
    }
    buf_free(&d);
    rc = 0;
out:
    for (size_t i = 0; i < sc.ns; i++)
        free(sc.names[i]);
    free(sc.p);
    return rc;
}
