/* insight.h — the written answer to a question: the result in 1–3 plain
 * sentences that lead with the numbers, a one-line summary for the chat
 * history, and the chart a person would pick (chart_recommend).
 *
 * Input is the executor's result, {"columns":[{"name","type"}], "rows":[[..]],
 * "row_count":N, "truncated":bool}, plus what the planner understood. Text is
 * plain UTF-8 (templates escape it); numbers follow chart.h's compact style
 * (4.8M, U+2212 minus) except counts under 100,000, written in full (12,345).
 * Reentrant: no state is kept between calls. */
#ifndef DM_ASK_INSIGHT_H
#define DM_ASK_INSIGHT_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"

typedef struct insight_context {
    const char *understood;     /* "revenue by month in 2024", or NULL */
    const char *measure;        /* label of the first measure ("revenue"), or NULL */
    const char *dimension;      /* "month", "customer", or NULL */
    const char *const *filters; /* human text: "country is Germany", "in 2024" */
    size_t nfilters;
    int ranking;                /* the result is a top/bottom N */
    int spans;                  /* no total, no shares: the measure is a span ("days between the
                                 * first and the last"), or each group's top row ("the largest
                                 * city on each continent": a sum of maxima means nothing) */
    int bottom;                 /* ...and it is the bottom N */
} insight_context_t;

typedef struct insight {
    char *text;    /* 1–3 sentences, plain text */
    char *summary; /* one line, at most 200 bytes, for the history */
    json_t *chart; /* chart config JSON from chart_recommend (new reference) */
} insight_t;

/* Fill out (zeroed first; free with insight_free). ctx may be NULL. Returns
 * -1 only when result is not a {columns, rows} object. */
int insight_write(const json_t *result, const insight_context_t *ctx, insight_t *out);
void insight_free(insight_t *i);

/* ---- shared by insight*.c ------------------------------------------------
 * Not for other modules, though the number formats would serve a KPI tile. */

/* A measure column and how its numbers read. */
typedef struct insight_measure {
    size_t col;
    char label[128]; /* "revenue", "average amount" */
    int percent;     /* named like *pct, *rate, *share: print with % */
    int fraction;    /* ...and stored as 0..1 */
    int integral;    /* every value is whole */
    int additive;    /* a sum or count: totals and shares make sense */
} insight_measure_t;

/* insight_format.c: numbers and text pieces. */
#define INSIGHT_NUMLEN 48 /* room for any formatted number */

/* 12,345 and 87.46 below 100,000, 4.8M above (chart_format_number), 31% for
 * percentages; negatives with U+2212 like chart/. */
void insight_format_value(const insight_measure_t *m, double v, char *out, size_t outlen);
/* v in the unit ref was printed in (0.2M beside 4.8M), when that reads. */
void insight_format_like(const insight_measure_t *m, double v, double ref, char *out,
                         size_t outlen);
/* A percentage figure: 31%, 4.5%. */
void insight_format_pct(double p, char *out, size_t outlen);
/* At most `decimals` decimals, thousands separators: 12,345. */
void insight_format_grouped(double v, int decimals, char *out, size_t outlen);
/* Append s on one line (control characters become spaces), cut at max bytes
 * on a UTF-8 boundary with an ellipsis. */
void insight_put_clipped(buf_t *b, const char *s, size_t max);
/* Append s with its first letter capitalised. */
void insight_put_cap(buf_t *b, const char *s);
/* "country" -> "countries", "month" -> "months"; plurals stay. */
void insight_put_plural(buf_t *b, const char *noun);

/* insight_category.c: a measure by category. */
typedef struct insight_item {
    char *label; /* one line, clipped */
    double v;    /* NAN: no value */
} insight_item_t;

typedef struct insight_list {
    const insight_measure_t *m;
    const char *dimension; /* singular and readable: "category" */
    const insight_item_t *items;
    size_t n;
    int ranking, bottom;   /* as in insight_context_t */
} insight_list_t;

/* Leader with share and lowest, or a ranking's first two; a note when no
 * item has a value. Returns how many items had one. */
size_t insight_category_write(const insight_list_t *l, buf_t *text, buf_t *summary);

/* insight_time.c: periods of a time series. Days since 1970-01-01 (wall
 * clock: a zone offset is dropped, as chart/ does) from "2024-03-05",
 * "2024-03-05 14:00:00+00" or "2024-03-05T14:00Z"; -1 for anything else. */
int insight_time_parse(const char *s, double *days);

typedef enum {
    INSIGHT_HOUR,
    INSIGHT_DAY,
    INSIGHT_WEEK,
    INSIGHT_MONTH,
    INSIGHT_QUARTER,
    INSIGHT_YEAR
} insight_grain_t;

/* The grain of ascending, distinct period starts, from their spacing (the
 * smallest gap, so a missing month stays monthly); one value goes by its
 * alignment. */
insight_grain_t insight_time_grain(const double *days, size_t n);
/* "Mar 2024", "Q3 2024", "2024", "5 Mar 2024", "week of 4 Mar 2024". */
void insight_time_label(double days, insight_grain_t g, char *out, size_t outlen);

typedef struct insight_point {
    double t; /* days */
    double v;
} insight_point_t;

/* The trend story for n points (sorted in place; points of one period are
 * summed): change first to last, the peak, the total. Appends sentences to
 * text and "peak …, total …" to summary. Returns -1, writing nothing, when
 * periods repeat and the measure cannot be summed (an average by region and
 * month). */
int insight_time_write(const insight_measure_t *m, insight_point_t *pts, size_t n, buf_t *text,
                       buf_t *summary);

#endif
