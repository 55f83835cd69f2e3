/* internal.h — what the chart/ files share and nobody else sees. */
#ifndef DM_CHART_INTERNAL_H
#define DM_CHART_INTERNAL_H

#include <stddef.h>

#include "chart/chart.h"

/* Column classes after inference (a text column of dates is CT_TIME). */
enum { CT_TEXT, CT_NUM, CT_TIME, CT_BOOL };

/* Time grains, finest first: tick intervals and label formats. */
enum { G_SEC, G_MIN, G_HOUR, G_DAY, G_WEEK, G_MONTH, G_QUARTER, G_YEAR };

#define CHART_NCOLORS 8
#define CHART_FONT 12.0      /* axis text, in viewBox units */
#define CHART_NUMLEN 48      /* room for any formatted number or date */

/* ---- data.c: the result reshaped for drawing ---------------------------- */

/* A grid of x keys by series: v[i * ns + s], NAN where there is no value.
 * Duplicate (x, series) pairs are summed. Owns every array and string. */
typedef struct chart_frame {
    int xtype;            /* CT_* of the x column */
    int grain;            /* CT_TIME: G_* the values sit on (labels, tooltips) */
    size_t nx, ns;
    double *xv;           /* numeric/time x (seconds since 1970, wall clock), NULL for text */
    char **xl;            /* x labels, always set */
    char **xr;            /* x values as the result had them (drill-down), always set */
    char **sl;            /* series names */
    double *v;
    size_t nulls;         /* rows skipped for a NULL or unreadable value */
    size_t more;          /* x keys dropped to fit (top N) */
    size_t more_series;   /* series dropped (beyond the palette) */
    int percent;          /* the measure is a percentage: format with % */
    int fraction;         /* ...stored as 0..1 */
    const char *xname, *yname, *sname;
} chart_frame_t;

enum { FRAME_CATEGORY, FRAME_ORDERED };

int chart_col_find(const json_t *result, const char *name, size_t *idx, char *err, size_t errlen);
int chart_col_class(const json_t *result, size_t idx);
int chart_col_is_quarter(const json_t *result, size_t idx);  /* "quarter": 1–4 of one year */
int chart_value_number(const json_t *v, double *out);
int chart_value_time(const json_t *v, double *out);
/* FRAME_ORDERED requires a numeric or time x and sorts by it; FRAME_CATEGORY
 * keeps first-appearance order for text and sorts numbers and dates. */
int chart_frame_build(const json_t *result, const chart_config_t *cfg, int mode,
                      chart_frame_t *f, char *err, size_t errlen);
/* Keep the n biggest x keys (by total) in their original order. */
void chart_frame_top(chart_frame_t *f, size_t n);
/* Keep the last n x keys (ordered data: the most recent). */
void chart_frame_tail(chart_frame_t *f, size_t n);
void chart_frame_free(chart_frame_t *f);
double chart_frame_get(const chart_frame_t *f, size_t i, size_t s);

/* ---- format.c ----------------------------------------------------------- */

/* Full value with thousands separators: "4,812,345.67", "−2,500". */
void chart_format_full(double v, char *out, size_t outlen);
/* A headline number (a KPI): whole below 100,000 ("4,990", "36,138"),
 * else compact with three significant digits ("4.81M", "123K"), never a
 * rounding a reader would take for another value ("5K" for 4,990). */
void chart_format_headline(double v, char *out, size_t outlen);
/* Value as the frame's measure wants it: compact or percent. */
void chart_format_value(const chart_frame_t *f, double v, int compact, char *out, size_t outlen);
/* Tick labels share one unit and precision, chosen from the step. */
void chart_format_tick(double v, double step, double maxabs, int percent, int fraction,
                       char *out, size_t outlen);
int chart_time_parse(const char *s, double *out);
void chart_time_civil(double t, int *y, int *mo, int *d, int *h, int *mi, int *s);
double chart_time_make(int y, int mo, int d);
/* Label for t at grain g; shortform drops the year where context gives it. */
void chart_format_time(double t, int grain, int shortform, char *out, size_t outlen);
int chart_time_grain(const double *t, size_t n);

/* ---- scale.c ------------------------------------------------------------ */

typedef struct chart_scale {
    double d0, d1, r0, r1;
} chart_scale_t;

typedef struct chart_ticks {
    double v[64];
    size_t n;
    double step;
    int grain;            /* time ticks only */
} chart_ticks_t;

double chart_scale_map(const chart_scale_t *s, double v);
/* Widen [*lo, *hi] to nice 1-2-5 ticks, about `target` of them. */
void chart_ticks_linear(double *lo, double *hi, size_t target, chart_ticks_t *t);
/* Ticks on calendar boundaries inside [lo, hi]. */
void chart_ticks_time(double lo, double hi, size_t target, chart_ticks_t *t);
/* The same, never finer than the grain of the data (G_*): monthly data
 * gets no ticks between its months, whatever room there is. */
void chart_ticks_time_at_least(double lo, double hi, size_t target, int data_grain,
                               chart_ticks_t *t);

/* ---- lttb.c ------------------------------------------------------------- */

/* Pick `threshold` of the n points that keep the line's shape; writes their
 * indexes (ascending) to idx and returns how many. n <= threshold: all. */
size_t chart_lttb(const double *x, const double *y, size_t n, size_t threshold, size_t *idx);

/* ---- svg.c -------------------------------------------------------------- */

typedef struct chart_box {
    double x, y, w, h;
} chart_box_t;

extern const char *const chart_colors[CHART_NCOLORS];

void svg_num(buf_t *b, double v);               /* 12.3, 12, -0.5: one decimal */
int svg_num_format(double v, char *out);       /* the same into out[CHART_NUMLEN]; its length */
void svg_text_put(buf_t *b, const char *s);     /* escaped, control chars and bad UTF-8 cleaned */
double svg_text_width(const char *s, double font);
/* Copy of s cut to fit max_w with "…"; caller frees. */
char *svg_text_fit(const char *s, double max_w, double font);
void svg_begin(buf_t *b, const chart_config_t *cfg, const char *kind, double w, double h,
               const char *desc);
void svg_end(buf_t *b);
/* Visible title; returns the y where the content below may start. */
double svg_heading(buf_t *b, const chart_config_t *cfg, double w);
/* Text element: anchor is "start", "middle" or "end"; full text (if the
 * shown one is cut) goes in a <title>. */
void svg_label(buf_t *b, double x, double y, const char *anchor, const char *cls,
               const char *text, double max_w);
/* Legend of series swatches in rows; returns its height (0 for < 2 names). */
double svg_legend(buf_t *b, double x, double y, double w, char **names, size_t n, int other_last);
/* class="CLS sN" plus the colour as fill (stroke=0) or as stroke with no fill. */
void svg_attr_color(buf_t *b, const char *cls, size_t s, int is_other, int stroke);
/* A whole chart that only says `what` ("No data to show"). */
void svg_empty(buf_t *b, const chart_config_t *cfg, const char *kind, const char *what);
void svg_note(buf_t *b, double x, double y, const char *text);
/* Drill-down: open <a href="{cfg->drill}col=…&amp;v=…"> around the marks
 * of x key i, when cfg asks for links; returns 1 when it opened one, for
 * svg_drill_close. */
int svg_drill_open(buf_t *b, const chart_config_t *cfg, const chart_frame_t *f, size_t i);
void svg_drill_close(buf_t *b, int opened);

/* ---- axes (axis.c) ------------------------------------------------------ */

/* Horizontal gridlines + value labels left of the plot; zero line if inside. */
void axis_y_linear(buf_t *b, const chart_box_t *p, const chart_scale_t *ys,
                   const chart_ticks_t *t, const chart_frame_t *f);
/* Vertical gridlines + value labels under the plot (hbar, scatter x). */
void axis_x_linear(buf_t *b, const chart_box_t *p, const chart_scale_t *xs,
                   const chart_ticks_t *t, const chart_frame_t *f, int percent);
/* Category labels under bands; rotates or thins them when they collide.
 * Returns nothing; axis_x_band_height() says how much room they need. */
double axis_x_band_height(char **labels, size_t n, double band);
void axis_x_band(buf_t *b, const chart_box_t *p, char **labels, size_t n);
void axis_x_time(buf_t *b, const chart_box_t *p, const chart_scale_t *xs,
                 const chart_ticks_t *t);
/* Width the y tick labels need. */
double axis_y_width(const chart_ticks_t *t, const chart_frame_t *f);

/* ---- one renderer per kind --------------------------------------------- */

int chart_bar_render(const json_t *r, const chart_config_t *c, buf_t *b, char *err, size_t n);
int chart_hbar_render(const json_t *r, const chart_config_t *c, buf_t *b, char *err, size_t n);
int chart_line_render(const json_t *r, const chart_config_t *c, buf_t *b, char *err, size_t n);
int chart_pie_render(const json_t *r, const chart_config_t *c, buf_t *b, char *err, size_t n);
int chart_scatter_render(const json_t *r, const chart_config_t *c, buf_t *b, char *err, size_t n);
int chart_kpi_render(const json_t *r, const chart_config_t *c, buf_t *b, char *err, size_t n);
int chart_table_render(const json_t *r, const chart_config_t *c, buf_t *b, char *err, size_t n);

/* ---- config.c and desc.c: shared by the renderers ---------------------- */

/* config.c: the chart's size from the config or the defaults. */
void chart_size(const chart_config_t *c, double *w, double *h);
/* desc.c: */
/* "; highest: EMEA 4.8M; lowest: APAC 1.2M" over the x keys' totals. */
void chart_desc_extremes(buf_t *d, const chart_frame_t *f);
/* "; 3 rows with empty values skipped; 9,990 more not shown". */
void chart_desc_notes(buf_t *d, const chart_frame_t *f);
/* "revenue" or "revenue and cost" or "revenue, cost and tax". */
void chart_desc_measures(buf_t *d, const chart_config_t *c);
/* "+9,990 more" under the plot when keys were dropped. */
void chart_note_more(buf_t *b, const chart_frame_t *f, double x, double y);

#endif
