/* chart_bench.c — render time and SVG size of three charts: a 100,000-point
 * line (down-sampled to 1,000 by LTTB), a 1,000-bar chart (top N shown) and
 * a typical 12-month line. Prints the median of many runs. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "chart/chart.h"

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static json_t *make(const char *xtype, size_t n, int kind)
{
    json_t *r = json_pack("{s:[{s:s,s:s},{s:s,s:s}],s:[]}", "columns", "name", "x", "type", xtype,
                          "name", "y", "type", "number", "rows");
    json_t *rows = json_object_get(r, "rows");
    char d[16];
    for (size_t i = 0; i < n; i++) {
        double y = 1e6 + 4e5 * sin((double)i / 700) + (double)((i * 7919) % 1000) * 90;
        if (kind == 0)
            json_array_append_new(rows, json_pack("[I,f]", (json_int_t)i, y));
        else if (kind == 1) {
            snprintf(d, sizeof d, "item %zu", i);
            json_array_append_new(rows, json_pack("[s,f]", d, y));
        } else {
            snprintf(d, sizeof d, "2024-%02zu-01", i + 1);
            json_array_append_new(rows, json_pack("[s,f]", d, y));
        }
    }
    return r;
}

static void run(const char *name, json_t *r, chart_kind_t kind, int runs)
{
    char *y[] = {"y"}, err[256];
    chart_config_t cfg = {.kind = kind, .x = "x", .y = y, .ny = 1, .title = "Benchmark"};
    double *t = malloc((size_t)runs * sizeof *t);
    size_t size = 0;
    for (int i = 0; i < runs; i++) {
        buf_t out = {0};
        double t0 = now_us();
        if (chart_render_svg(r, &cfg, &out, err, sizeof err) < 0) {
            fprintf(stderr, "%s: %s\n", name, err);
            exit(1);
        }
        t[i] = now_us() - t0;
        size = out.len;
        buf_free(&out);
    }
    qsort(t, (size_t)runs, sizeof *t, cmp);
    printf("%-34s median %9.1f us   p90 %9.1f us   %7zu bytes\n", name, t[runs / 2],
           t[runs * 9 / 10], size);
    free(t);
}

int main(void)
{
    json_t *big = make("integer", 100000, 0), *bars = make("text", 1000, 1),
           *year = make("date", 12, 2);
    run("line, 100,000 points (LTTB 1,000)", big, CHART_LINE, 51);
    run("bar, 1,000 categories (top N)", bars, CHART_BAR, 201);
    run("line, 12 months", year, CHART_LINE, 5001);
    json_decref(big);
    json_decref(bars);
    json_decref(year);
    return 0;
}
