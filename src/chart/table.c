/* table.c — the fallback: the first rows of the result as an SVG table, so
 * that a standalone .svg URL works for any widget. Pages render their own
 * HTML tables; this is for images, e-mails and PDFs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"
#include "core/mem.h"

#define MAX_ROWS 12
#define MAX_COLS 6
#define ROW_H 26.0

/* A cell as text; numbers with separators, NULL as an em dash. Caller frees. */
static char *cell_text(const json_t *v, int cls)
{
    char tmp[CHART_NUMLEN];
    double d;
    if (!v || json_is_null(v))
        return xstrdup("\xe2\x80\x94");
    if (cls == CT_NUM && chart_value_number(v, &d) == 0) {
        chart_format_full(d, tmp, sizeof tmp);
        return xstrdup(tmp);
    }
    if (json_is_string(v))
        return xstrdup(json_string_value(v));
    if (json_is_boolean(v))
        return xstrdup(json_is_true(v) ? "true" : "false");
    if (json_is_number(v)) {
        snprintf(tmp, sizeof tmp, "%.15g", json_number_value(v));
        return xstrdup(tmp);
    }
    return xstrdup("\xe2\x80\xa6");  /* nested JSON: not for a chart */
}

/* Column widths from the header and the shown cells, scaled to fit. */
static void col_widths(const json_t *r, size_t nc, size_t nr, const int *cls, double avail,
                       double *cw)
{
    const json_t *cols = json_object_get(r, "columns"), *rows = json_object_get(r, "rows");
    double sum = 0;
    for (size_t c = 0; c < nc; c++) {
        const char *name = json_string_value(json_object_get(json_array_get(cols, c), "name"));
        cw[c] = svg_text_width(name ? name : "", CHART_FONT) + 8;
        for (size_t i = 0; i < nr; i++) {
            char *t = cell_text(json_array_get(json_array_get(rows, i), c), cls[c]);
            cw[c] = fmax(cw[c], svg_text_width(t, CHART_FONT));
            free(t);
        }
        cw[c] = fmin(fmax(cw[c], 40), 260) + 20;
        sum += cw[c];
    }
    for (size_t c = 0; c < nc && sum > avail; c++)
        cw[c] *= avail / sum;
}

static void table_row(buf_t *b, const json_t *row, size_t nc, const int *cls, const double *cw,
                      double y, int header, const json_t *cols)
{
    double x = 16;
    for (size_t c = 0; c < nc; c++) {
        const char *name = json_string_value(json_object_get(json_array_get(cols, c), "name"));
        char *t = header ? xstrdup(name ? name : "") : cell_text(json_array_get(row, c), cls[c]);
        int right = cls[c] == CT_NUM;
        svg_label(b, right ? x + cw[c] - 10 : x + 10, y, right ? "end" : "start", NULL, t,
                  cw[c] - 20);
        free(t);
        x += cw[c];
    }
}

int chart_table_render(const json_t *r, const chart_config_t *cfg, buf_t *b, char *err, size_t n)
{
    (void)err;
    (void)n;
    const json_t *cols = json_object_get(r, "columns"), *rows = json_object_get(r, "rows");
    size_t nc = json_array_size(cols), total = json_array_size(rows), nr = total;
    double w, h, cw[MAX_COLS];
    int cls[MAX_COLS];
    nc = nc > MAX_COLS ? MAX_COLS : nc;
    nr = nr > MAX_ROWS ? MAX_ROWS : nr;
    for (size_t c = 0; c < nc; c++) {
        const char *name = json_string_value(json_object_get(json_array_get(cols, c), "name"));
        size_t len = name ? strlen(name) : 0;
        cls[c] = chart_col_class(r, c);
        if (cls[c] == CT_NUM && len >= 2 && (!strcmp(name, "id") || !strcmp(name + len - 3 + (len < 3), "_id")))
            cls[c] = CT_BOOL;  /* keys print as they are: 1001, not 1,001 */
    }
    chart_size(cfg, &w, &h);
    buf_t d = {0};
    buf_printf(&d, "Table of %zu %s and %zu %s", total, total == 1 ? "row" : "rows",
               json_array_size(cols), json_array_size(cols) == 1 ? "column" : "columns");
    if (nr < total)
        buf_printf(&d, "; first %zu rows shown", nr);
    if (nc == 0) {
        svg_empty(b, cfg, "table", "No data to show");
        buf_free(&d);
        return 0;
    }
    double top = cfg->title && *cfg->title ? 42 : 12;
    h = top + ROW_H * (double)(nr + 1) + (nr < total || nc < json_array_size(cols) ? 28 : 10);
    svg_begin(b, cfg, "table", w, h, buf_str(&d));
    svg_heading(b, cfg, w);
    col_widths(r, nc, nr, cls, w - 32, cw);
    buf_puts(b, "<g class=\"stripe\" fill=\"#f3f4f6\">");
    for (size_t i = 1; i < nr; i += 2) {
        buf_puts(b, "<rect x=\"16\" y=\"");
        svg_num(b, top + ROW_H * (double)(i + 1));
        buf_puts(b, "\" width=\"");
        svg_num(b, w - 32);
        buf_printf(b, "\" height=\"%.0f\"/>", ROW_H);
    }
    buf_puts(b, "</g><g class=\"th\" fill=\"#1f2328\" font-weight=\"600\">");
    table_row(b, NULL, nc, cls, cw, top + 17, 1, cols);
    buf_printf(b, "</g><path class=\"zero\" stroke=\"#8b929c\" d=\"M16 ");
    svg_num(b, top + ROW_H);
    buf_puts(b, "H");
    svg_num(b, w - 16);
    buf_puts(b, "\"/><g class=\"td\" fill=\"#3d4450\">");
    for (size_t i = 0; i < nr; i++)
        table_row(b, json_array_get(rows, i), nc, cls, cw, top + ROW_H * (double)(i + 1) + 17, 0,
                  cols);
    buf_puts(b, "</g>");
    if (nr < total || nc < json_array_size(cols)) {
        char more[CHART_NUMLEN * 2], num[CHART_NUMLEN];
        chart_format_full((double)total, num, sizeof num);
        snprintf(more, sizeof more, "%zu of %s rows, %zu of %zu columns", nr, num, nc,
                 json_array_size(cols));
        svg_note(b, w - 16, h - 8, more);
    }
    svg_end(b);
    buf_free(&d);
    return 0;
}
