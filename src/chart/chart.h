/* chart.h — server-side SVG charts from a query result.
 *
 * A result is the jansson object the SQL executor produces:
 *   {"columns":[{"name":"region","type":"text"},...], "rows":[["EMEA",4800000],...]}
 * Column types: integer, number, boolean, date, timestamp, text (anything
 * else is text). Numeric values may arrive as strings ("12345.67").
 *
 * Output is one self-contained <svg> element: colours as presentation
 * attributes (so a standalone .svg, an e-mail or a PDF looks right) plus
 * classes that static/chart.css restyles for dark mode and hover. No style=
 * attributes, no script: it is safe under `default-src 'self'`.
 *
 * The same input always gives the same bytes. Numbers are printed with
 * printf, so the process must run in the "C" numeric locale (the default).
 * Nothing here keeps state between calls: every function is reentrant. */
#ifndef DM_CHART_H
#define DM_CHART_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"

typedef enum {
    CHART_BAR,
    CHART_HBAR,
    CHART_LINE,
    CHART_AREA,
    CHART_PIE,
    CHART_SCATTER,
    CHART_KPI,
    CHART_TABLE
} chart_kind_t;

/* A chart config owns every string in it; chart_config_free() releases them
 * and leaves a zeroed struct. A zeroed struct is a valid empty config (a bar
 * chart with nothing chosen). width/height are the viewBox size; 0 means the
 * default 600 x 340. Narrow tiles should ask for a narrow viewBox (e.g. 360)
 * so text stays readable: the SVG scales to its container's width. */
typedef struct chart_config {
    chart_kind_t kind;
    char *x;          /* category / time / x-measure column */
    char **y;         /* measure columns */
    size_t ny;
    char *series;     /* column whose values split the measure into series */
    char *title;      /* visible heading; NULL for none */
    int stacked;      /* bar: stack series instead of grouping them */
    double previous;  /* kpi: value to compare against */
    int has_previous;
    int width, height;
    /* Drill-down: a URL prefix ending in '?' or '&' (NULL: none). Each bar,
     * pie slice and line point is then a link to it plus
     * "col=<x column>&v=<the x value as the result had it>", both
     * percent-encoded: a page showing the rows behind that mark. */
    char *drill;
} chart_config_t;

/* Fill cfg from {type, x, y: [..] | "col", series, title, stacked, previous,
 * width, height}. cfg is zeroed first; on error it is left empty. */
int chart_config_from_json(const json_t *obj, chart_config_t *cfg, char *err, size_t errlen);
/* A new reference the caller owns. */
json_t *chart_config_to_json(const chart_config_t *cfg);
void chart_config_free(chart_config_t *cfg);

/* "bar", "hbar", ... Never NULL. chart_kind_parse() returns -1 for an unknown name. */
const char *chart_kind_name(chart_kind_t k);
int chart_kind_parse(const char *s, chart_kind_t *k);

/* The config a person would pick for this result. Fills cfg (owned by the
 * caller, free with chart_config_free). Returns -1 only when result is not a
 * {columns, rows} object; anything odd gets a table. */
int chart_recommend(const json_t *result, chart_config_t *cfg);

/* For a config whose kind is already chosen (a saved widget), fill in the x
 * and y columns it lacks from the result's column types, whatever the row
 * count. Returns -1 only when result has no columns array. */
int chart_fill_columns(const json_t *result, chart_config_t *cfg);

/* Append the chart's SVG to out. Returns -1 with a sentence in err (and out
 * unchanged) when the config does not fit the data: unknown column, a text
 * column where a number is needed, a pie with negative slices... */
int chart_render_svg(const json_t *result, const chart_config_t *cfg, buf_t *out, char *err,
                     size_t errlen);

/* A saved widget's chart config as drawn for this result: the
 * recommendation with config's choices on top and the missing columns
 * filled. NULL when that does not make a config. New reference. */
json_t *chart_config_for(const json_t *result, const json_t *config);

/* A dashboard widget's chart fragment, rendered when its result is stored
 * (not on every view): html gets what the card shows — <figure
 * class="chart"> with the chart at three widths, or <p class="muted"> with
 * the reason it cannot be drawn (HTML-escaped) — and svg the chart alone at
 * the default size (nothing on failure). config is the widget's (its kind
 * forcing "kpi" or "table"); an unusable one draws the recommended chart.
 * A "drill" string in config is the drill-down prefix (chart_config_t's
 * drill) of the card's charts; the svg has no links.
 * 0, or -1 when the chart cannot be drawn. */
int chart_widget_render(const json_t *result, const json_t *config, buf_t *html, buf_t *svg);

/* Bump when what chart_widget_render writes changes: every stored fragment
 * then no longer matches its render key (tasks_render_key) and is drawn
 * again once. */
#define CHART_RENDER_VERSION "chart-2" /* 2: drill-down links */

/* Compact number for labels: 1.2K, 4.8M, 3.1B, −2.5K (U+2212 minus), 0.25.
 * Writes at most outlen bytes (NUL included); returns the length, or -1
 * when out is too small (24 bytes always suffice). */
int chart_format_number(double v, char *out, size_t outlen);

/* A histogram as a small inline SVG (120×32, class "spark", bars
 * "spark-bar" with a <title> each: their range from lo to hi in n equal
 * bins, and count) appended to b. */
void chart_spark_histogram(buf_t *b, const long long *counts, size_t n, double lo, double hi);

/* `datamind chart render ...`: argv[0] is "render". Reads the result JSON
 * on stdin, writes SVG to stdout, messages to stderr. Returns an exit code
 * (0 ok, 1 bad data, 2 bad usage). */
int chart_cli(int argc, char **argv);

#endif
