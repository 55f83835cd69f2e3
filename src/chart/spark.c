/* spark.c — a histogram as a small inline SVG for a table cell ("describe
 * this result"): one bar per bin, heights relative to the fullest bin, a
 * <title> per bar with its range and count for hover and screen readers.
 * Classes, no inline styles: the page's CSS colours it. */
#include "chart/chart.h"
#include "chart/internal.h"

#include <stdio.h>

#define SPARK_W 120.0
#define SPARK_H 32.0

static void spark_bar(buf_t *b, size_t i, size_t n, long long c, long long top, double lo,
                      double step)
{
    double w = SPARK_W / (double)n, h = top ? SPARK_H * (double)c / (double)top : 0;
    if (c > 0 && h < 1)
        h = 1; /* a non-empty bin stays visible */
    char a[CHART_NUMLEN], z[CHART_NUMLEN];
    chart_format_number(lo + step * (double)i, a, sizeof a);
    chart_format_number(lo + step * (double)(i + 1), z, sizeof z);
    buf_puts(b, "<rect class=\"spark-bar\" x=\"");
    svg_num(b, w * (double)i + 0.5);
    buf_puts(b, "\" y=\"");
    svg_num(b, SPARK_H - h);
    buf_puts(b, "\" width=\"");
    svg_num(b, w - 1);
    buf_puts(b, "\" height=\"");
    svg_num(b, h);
    buf_printf(b, "\"><title>%s to %s: %lld</title></rect>", a, z, c);
}

void chart_spark_histogram(buf_t *b, const long long *counts, size_t n, double lo, double hi)
{
    long long top = 0;
    for (size_t i = 0; i < n; i++)
        top = counts[i] > top ? counts[i] : top;
    buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" viewBox=\"0 0 ");
    svg_num(b, SPARK_W);
    buf_putc(b, ' ');
    svg_num(b, SPARK_H);
    buf_puts(b, "\" width=\"120\" height=\"32\" role=\"img\"><title>Histogram</title>"
                "<line class=\"spark-base\" x1=\"0\" x2=\"120\" y1=\"31.5\" y2=\"31.5\" "
                "stroke=\"currentColor\"/>");
    double step = n ? (hi - lo) / (double)n : 0;
    for (size_t i = 0; i < n; i++)
        spark_bar(b, i, n, counts[i], top, lo, step);
    buf_puts(b, "</svg>");
}
