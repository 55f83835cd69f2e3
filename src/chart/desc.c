/* desc.c — the sentences every renderer puts in <desc>, and the "+N more"
 * note. Uses data.c, format.c and svg.c; none of them uses it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"
#include "core/mem.h"

void chart_desc_measures(buf_t *d, const chart_config_t *c)
{
    for (size_t i = 0; i < c->ny; i++)
        buf_printf(d, "%s%s", i == 0 ? "" : i + 1 == c->ny ? " and " : ", ", c->y[i]);
}

void chart_desc_extremes(buf_t *d, const chart_frame_t *f)
{
    size_t hi = 0, lo = 0, have = 0;
    double th = 0, tl = 0;
    for (size_t i = 0; i < f->nx; i++) {
        double t = 0;
        int any = 0;
        for (size_t s = 0; s < f->ns; s++)
            if (!isnan(chart_frame_get(f, i, s)))
                t += chart_frame_get(f, i, s), any = 1;
        if (!any)
            continue;
        if (!have || t > th)
            hi = i, th = t;
        if (!have || t < tl)
            lo = i, tl = t;
        have = 1;
    }
    if (!have)
        return;
    char v[CHART_NUMLEN];
    chart_format_value(f, th, 1, v, sizeof v);
    buf_printf(d, "; highest: %s %s", f->xl[hi], v);
    if (lo != hi) {
        chart_format_value(f, tl, 1, v, sizeof v);
        buf_printf(d, "; lowest: %s %s", f->xl[lo], v);
    }
}

void chart_desc_notes(buf_t *d, const chart_frame_t *f)
{
    char n[CHART_NUMLEN];
    if (f->nulls) {
        chart_format_full((double)f->nulls, n, sizeof n);
        buf_printf(d, "; %s %s with empty values skipped", n, f->nulls == 1 ? "row" : "rows");
    }
    if (f->more) {
        chart_format_full((double)f->more, n, sizeof n);
        buf_printf(d, "; %s more not shown", n);
    }
    if (f->more_series) {
        chart_format_full((double)f->more_series, n, sizeof n);
        buf_printf(d, "; %s smaller series not shown", n);
    }
}

void chart_note_more(buf_t *b, const chart_frame_t *f, double x, double y)
{
    char n[CHART_NUMLEN], text[CHART_NUMLEN * 2];
    if (!f->more && !f->more_series)
        return;
    chart_format_full((double)(f->more ? f->more : f->more_series), n, sizeof n);
    snprintf(text, sizeof text, "+%s more%s", n,
             f->more ? (f->xtype == CT_TEXT ? "" : " earlier") : " series");
    svg_note(b, x, y, text);
}
