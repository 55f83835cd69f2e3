/* insight.c — the written answer: lead with the answer, in numbers.
 *
 * The result's shape picks the story, in the order chart_recommend uses:
 *   no rows                        -> "No rows matched: <filters>."
 *   row-level data, or no measure  -> "Showing 20 rows of customers."
 *   a date column and a measure    -> trend: first vs last, change %, peak
 *   one row, no label              -> KPI: "There were 12,345 orders in 2024."
 *   one date alone                 -> "The earliest ordered at was 2023-12-06."
 *   two measures (no label, or
 *     more than 15 rows)           -> Pearson r: "X and Y move together"
 *   a label and a measure          -> leader with share, lowest, how many
 *                                     (rankings: "Top 5 … : X leads with 112")
 * Columns named id or *_id are keys, not measures: their presence (with no
 * measure label from the planner) marks row-level data. NULL measures are
 * skipped, and mentioned when they are 10% of the rows or more.
 *
 * This file reads the result JSON; the trend (insight_time.c) and category
 * (insight_category.c) stories see plain arrays, insight_format.c prints. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ask/insight.h"
#include "chart/chart.h"
#include "core/buf.h"
#include "core/mem.h"

#define LABELMAX 80   /* bytes of a data label quoted in the text */
#define SUMMARYMAX 200
#define MAXCOLS 8

typedef struct shape {
    const json_t *result, *rows;
    insight_context_t ctx;
    size_t nrows;     /* rows in the JSON */
    size_t returned;  /* row_count, when it says more */
    int truncated;
    size_t time[MAXCOLS], num[MAXCOLS], cat[MAXCOLS];
    size_t nt, nn, nc, ncols;
    int keys;
    insight_measure_t m; /* the first measure */
    size_t nulls;     /* rows skipped for a NULL first measure */
    buf_t text, summary;
} shape_t;

/* ---- values and labels --------------------------------------------------- */

static const char *col_field(const shape_t *s, size_t i, const char *field)
{
    const json_t *col = json_array_get(json_object_get(s->result, "columns"), i);
    const char *v = json_string_value(json_object_get(col, field));
    return v ? v : "";
}

static const json_t *cell(const shape_t *s, size_t row, size_t col)
{
    return json_array_get(json_array_get(s->rows, row), col);
}

/* A JSON number or a numeric string; -1 for NULL and anything else. */
static int value_number(const json_t *v, double *out)
{
    char *end;
    if (json_is_number(v)) {
        *out = json_number_value(v);
    } else if (json_is_string(v) && *json_string_value(v) &&
               !strchr(" \t\n", *json_string_value(v))) {
        *out = strtod(json_string_value(v), &end);
        if (*end)
            return -1;
    } else {
        return -1;
    }
    return isfinite(*out) ? 0 : -1;
}

static void put_value_label(buf_t *b, const json_t *v)
{
    if (json_is_string(v))
        insight_put_clipped(b, json_string_value(v), LABELMAX);
    else if (json_is_integer(v))
        buf_printf(b, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        buf_printf(b, "%.15g", json_real_value(v));
    else if (json_is_boolean(v))
        buf_puts(b, json_is_true(v) ? "true" : "false");
    else
        buf_puts(b, "(none)");
}

/* The row's label: its category columns joined with " / ". */
static void put_row_label(buf_t *b, const shape_t *s, size_t row)
{
    for (size_t i = 0; i < s->nc; i++) {
        if (i)
            buf_puts(b, " / ");
        const json_t *v = cell(s, row, s->cat[i]);
        if (json_is_integer(v) && !strcasecmp(col_field(s, s->cat[i], "name"), "quarter"))
            buf_puts(b, "Q");  /* "Q3 led with 304" */
        put_value_label(b, v);
    }
}

static void fmt_count(size_t n, char *out, size_t outlen)
{
    insight_format_grouped((double)n, 0, out, outlen);
}

/* ---- columns ------------------------------------------------------------- */

static int is_key(const char *name)
{
    size_t n = strlen(name);
    return !strcasecmp(name, "id") || (n > 3 && !strcasecmp(name + n - 3, "_id"));
}

/* A word of the name (split on anything but letters and digits) says
 * percent: conversion_rate, margin_pct, "Share %". Not "generated". */
static int is_percent_name(const char *name)
{
    static const char *const words[] = {"pct", "percent", "percentage", "share", "rate"};
    if (strchr(name, '%'))
        return 1;
    for (const char *p = name; *p;) {
        size_t n = 0;
        while (p[n] && ((p[n] | 32) >= 'a' && (p[n] | 32) <= 'z'))
            n++;
        for (size_t i = 0; n && i < sizeof words / sizeof words[0]; i++)
            if (strlen(words[i]) == n && !strncasecmp(p, words[i], n))
                return 1;
        p += n ? n : 1;
    }
    return 0;
}

/* A cell as a time: a date or timestamp text, or a whole year (a "year"
 * column, 1000–9999) as its first day. 0, or -1 when it is neither. */
static int cell_time(const json_t *v, double *days)
{
    if (json_is_integer(v) && json_integer_value(v) >= 1000 && json_integer_value(v) <= 9999) {
        char ymd[16];
        snprintf(ymd, sizeof ymd, "%04d-01-01", (int)json_integer_value(v));
        return insight_time_parse(ymd, days);
    }
    return insight_time_parse(json_string_value(v), days);
}

/* A "year" column of whole years counts as time. */
static int year_is_time(const shape_t *s, size_t col, const char *name)
{
    size_t years = 0;
    double t;
    if (strcasecmp(name, "year"))
        return 0;
    for (size_t r = 0; r < s->nrows; r++) {
        const json_t *v = cell(s, r, col);
        if (json_is_null(v))
            continue;
        if (!json_is_integer(v) || cell_time(v, &t) < 0)
            return 0;
        years++;
    }
    return years > 0;
}

/* A "quarter" column of whole numbers 1–4 ("each quarter of 2020"): a
 * category, not a quantity. */
static int quarter_numbers(const shape_t *s, size_t col, const char *name)
{
    if (strcasecmp(name, "quarter"))
        return 0;
    for (size_t r = 0; r < s->nrows; r++) {
        const json_t *v = cell(s, r, col);
        if (!json_is_null(v) && (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 4))
            return 0;
    }
    return 1;
}

/* A text column whose every non-NULL value is a date counts as time. */
static int text_is_time(const shape_t *s, size_t col)
{
    size_t dates = 0;
    double t;
    for (size_t r = 0; r < s->nrows; r++) {
        const json_t *v = cell(s, r, col);
        if (json_is_null(v))
            continue;
        if (insight_time_parse(json_string_value(v), &t) < 0)
            return 0;
        dates++;
    }
    return dates > 0;
}

static void shape_classify(shape_t *s)
{
    for (size_t i = 0; i < s->ncols; i++) {
        const char *type = col_field(s, i, "type"), *name = col_field(s, i, "name");
        int num = (!strcmp(type, "integer") || !strcmp(type, "number")) && !quarter_numbers(s, i, name);
        int time = !strcmp(type, "date") || !strcmp(type, "timestamp") ||
                   (!strcmp(type, "text") && text_is_time(s, i)) ||
                   (num && year_is_time(s, i, name));
        s->keys |= is_key(name);
        if (time && s->nt < MAXCOLS)
            s->time[s->nt++] = i;
        else if (num && !is_key(name) && s->nn < MAXCOLS)
            s->num[s->nn++] = i;
        else if (!time && s->nc < MAXCOLS)
            s->cat[s->nc++] = i;
    }
}

/* "avg_order_value" -> "average order value". */
static void humanize(const char *name, char *out, size_t outlen)
{
    static const char *const abbr[][2] = {
        {"avg ", "average "}, {"min ", "minimum "}, {"max ", "maximum "}, {"num ", "number of "}};
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%s", name);
    for (char *p = tmp; *p; p++)
        *p = *p == '_' ? ' ' : *p;
    for (size_t i = 0; i < sizeof abbr / sizeof abbr[0]; i++)
        if (!strncasecmp(tmp, abbr[i][0], strlen(abbr[i][0]))) {
            snprintf(out, outlen, "%s%s", abbr[i][1], tmp + strlen(abbr[i][0]));
            return;
        }
    snprintf(out, outlen, "%s", tmp);
}

static void measure_init(const shape_t *s, size_t col, const char *label, insight_measure_t *m)
{
    static const char *const avg[] = {"average", "mean", "median", "minimum", "maximum"};
    const char *name = col_field(s, col, "name");
    double v;
    memset(m, 0, sizeof *m);
    m->col = col;
    humanize(label && *label ? label : name, m->label, sizeof m->label);
    m->percent = is_percent_name(name);
    m->fraction = m->percent;
    m->integral = 1;
    for (size_t r = 0; r < s->nrows; r++)
        if (value_number(cell(s, r, col), &v) == 0) {
            m->integral &= v == round(v);
            m->fraction &= fabs(v) <= 1;
        }
    m->additive = !m->percent && !(label && s->ctx.spans);
    for (size_t i = 0; i < sizeof avg / sizeof avg[0]; i++)
        if (!strncasecmp(m->label, avg[i], strlen(avg[i])))
            m->additive = 0;
}

/* ---- sentence parts ------------------------------------------------------ */

/* Filters as a sentence tail: time phrases as they are ("in 2024"), the
 * rest after "where" ("where country is Germany"). */
static void put_filters(buf_t *b, const insight_context_t *ctx)
{
    static const char *const lead[] = {"in ", "on ", "since ", "before ", "after ", "during ",
                                       "between ", "from ", "until ", "last ", "this ", "over ",
                                       "for ", "with ", "without "};
    int where = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < ctx->nfilters; i++) {
            const char *f = ctx->filters[i];
            int phrase = 0;
            for (size_t k = 0; f && k < sizeof lead / sizeof lead[0]; k++)
                phrase |= !strncasecmp(f, lead[k], strlen(lead[k]));
            if (!f || !*f || phrase != (pass == 0))
                continue;
            buf_puts(b, pass == 0 ? " " : where++ ? " and " : " where ");
            insight_put_clipped(b, f, LABELMAX * 2);
        }
}

static void summary_start(shape_t *s)
{
    const char *head = s->ctx.understood ? s->ctx.understood : s->ctx.measure;
    insight_put_clipped(&s->summary, head && *head ? head : "result", SUMMARYMAX);
    buf_puts(&s->summary, ": ");
}

/* Trailing sentences: NULLs left out (when many) and a cut-off result. */
static void put_notes(shape_t *s)
{
    char a[INSIGHT_NUMLEN], b[INSIGHT_NUMLEN];
    if (s->nulls && s->nulls * 10 >= s->nrows) {
        fmt_count(s->nulls, a, sizeof a);
        fmt_count(s->nrows, b, sizeof b);
        buf_printf(&s->text, " %s of %s rows had no %s and were left out.", a, b, s->m.label);
    }
    if (s->truncated) {
        fmt_count(s->returned, a, sizeof a);
        buf_printf(&s->text, " This is based on the first %s rows.", a);
    }
}

/* ---- the stories --------------------------------------------------------- */

static void write_empty(shape_t *s)
{
    int any = 0;
    for (size_t i = 0; i < s->ctx.nfilters; i++)
        if (s->ctx.filters[i] && *s->ctx.filters[i]) {
            buf_puts(&s->text, any++ ? ", " : "No rows matched: ");
            insight_put_clipped(&s->text, s->ctx.filters[i], LABELMAX * 2);
        }
    buf_puts(&s->text, any ? "." : "No rows matched the question.");
    summary_start(s);
    buf_puts(&s->summary, "no rows matched");
}

static void write_listing(shape_t *s)
{
    char n[INSIGHT_NUMLEN];
    size_t rows = s->returned;
    fmt_count(rows, n, sizeof n);
    buf_printf(&s->text, "Showing %s%s row%s", s->truncated ? "the first " : "", n,
               rows == 1 ? "" : "s");
    if (s->ctx.understood && *s->ctx.understood) {
        buf_puts(&s->text, " of ");
        insight_put_clipped(&s->text, s->ctx.understood, SUMMARYMAX);
    }
    buf_putc(&s->text, '.');
    summary_start(s);
    buf_printf(&s->summary, "%s%s row%s", s->truncated ? "first " : "", n, rows == 1 ? "" : "s");
}

/* Counts read as "There were 12,345 orders": a whole-number sum labelled
 * "number of …" or with a plural noun ("orders"). */
static const char *count_noun(const insight_measure_t *m)
{
    size_t n = strlen(m->label);
    if (!m->integral || !m->additive)
        return NULL;
    if (!strncasecmp(m->label, "number of ", 10))
        return m->label + 10;
    if (n > 2 && m->label[n - 1] == 's' && m->label[n - 2] != 's' && !strchr(m->label, ' ') &&
        strcasecmp(m->label, "sales"))
        return m->label;
    return NULL;
}

static void write_kpi(shape_t *s)
{
    char v[INSIGHT_NUMLEN];
    double x;
    const char *noun = s->ctx.spans ? s->m.label : count_noun(&s->m);  /* "89 days from the first …" */
    summary_start(s);
    if (value_number(cell(s, 0, s->m.col), &x) < 0) {
        buf_printf(&s->text, "There is no value for %s", s->m.label);
        put_filters(&s->text, &s->ctx);
        buf_putc(&s->text, '.');
        buf_puts(&s->summary, "no value");
        return;
    }
    insight_format_value(&s->m, x, v, sizeof v);
    if (noun)
        buf_printf(&s->text, "There %s %s %s", x == 1 ? "was" : "were", v, noun);
    else {
        insight_put_cap(&s->text, s->m.label);
        buf_printf(&s->text, " was %s", v);
    }
    put_filters(&s->text, &s->ctx);
    buf_putc(&s->text, '.');
    buf_puts(&s->summary, v);
    for (size_t i = 1; i < s->nn; i++) {
        insight_measure_t o;
        measure_init(s, s->num[i], NULL, &o);
        if (value_number(cell(s, 0, o.col), &x) < 0)
            continue;
        insight_format_value(&o, x, v, sizeof v);
        buf_printf(&s->text, "%s%s %s", i == 1 ? " Also: " : ", ", o.label, v);
        buf_printf(&s->summary, ", %s %s", o.label, v);
    }
    if (s->nn > 1)
        buf_putc(&s->text, '.');
}

static double row_value(const shape_t *s, size_t row)
{
    double v;
    return value_number(cell(s, row, s->m.col), &v) == 0 ? v : NAN;
}

/* Rows as labelled values for insight_category.c. */
static void write_category(shape_t *s)
{
    char dim[128];
    insight_item_t *items = xcalloc(s->nrows, sizeof *items);
    for (size_t r = 0; r < s->nrows; r++) {
        buf_t b = {0};
        put_row_label(&b, s, r);
        items[r].label = buf_detach(&b);
        items[r].v = row_value(s, r);
        s->nulls += isnan(items[r].v);
    }
    humanize(s->ctx.dimension ? s->ctx.dimension : col_field(s, s->cat[0], "name"), dim,
             sizeof dim);
    insight_list_t l = {.m = &s->m, .dimension = dim, .items = items, .n = s->nrows,
                        .ranking = s->ctx.ranking, .bottom = s->ctx.bottom};
    summary_start(s);
    if (insight_category_write(&l, &s->text, &s->summary) == 0)
        s->nulls = 0;  /* said already */
    for (size_t r = 0; r < s->nrows; r++)
        free(items[r].label);
    free(items);
}

/* "Revenue and discount move together (r = 0.82) across 40 rows." */
static void write_correlation(shape_t *s)
{
    static const struct { double above; const char *words; } scale[] = {
        {0.7, "move together"}, {0.3, "tend to move together"}, {-0.3, "show no clear relation"},
        {-0.7, "tend to move in opposite directions"}, {-2, "move in opposite directions"}};
    insight_measure_t y;
    double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0, a, b;
    size_t n = 0;
    char r[INSIGHT_NUMLEN], rows[INSIGHT_NUMLEN];
    measure_init(s, s->num[1], NULL, &y);
    for (int pass = 0; pass < 2; pass++)  /* means, then deviations */
        for (size_t i = 0; i < s->nrows; i++) {
            if (value_number(cell(s, i, s->m.col), &a) < 0 ||
                value_number(cell(s, i, y.col), &b) < 0) {
                s->nulls += pass == 0;
                continue;
            }
            if (pass == 0) {
                n++, mx += a, my += b;
                continue;
            }
            a -= mx / n, b -= my / n;
            sxy += a * b, sxx += a * a, syy += b * b;
        }
    summary_start(s);
    insight_put_cap(&s->text, s->m.label);
    buf_printf(&s->text, " and %s ", y.label);
    if (n < 3 || !(sxx > 0) || !(syy > 0)) {
        buf_puts(&s->text, n < 3 ? "have too few rows with both values to compare."
                                 : "cannot be compared: one of them does not vary.");
        buf_puts(&s->summary, "no correlation");
        return;
    }
    double rr = fmax(-1, fmin(1, sxy / sqrt(sxx * syy)));
    size_t k = 0;
    while (rr < scale[k].above)
        k++;
    snprintf(r, sizeof r, "%s%.2f", rr <= -0.005 ? "\xe2\x88\x92" : "", fabs(rr));
    fmt_count(n, rows, sizeof rows);
    buf_printf(&s->text, "%s (r = %s) across %s rows.", scale[k].words, r, rows);
    buf_printf(&s->summary, "%s vs %s, r = %s", s->m.label, y.label, r);
}

/* A trend over the first time column, or -1 to fall back to a listing. */
static int write_trend(shape_t *s)
{
    insight_point_t *pts = xmalloc((s->nrows ? s->nrows : 1) * sizeof *pts);
    size_t n = 0;
    for (size_t i = 0; i < s->nrows; i++) {
        const json_t *t = cell(s, i, s->time[0]);
        double v = row_value(s, i);
        if (isnan(v))
            s->nulls++;
        else if (cell_time(t, &pts[n].t) == 0)
            pts[n++].v = v;
    }
    size_t mark = s->summary.len;
    summary_start(s);
    int rc = insight_time_write(&s->m, pts, n, &s->text, &s->summary);
    free(pts);
    if (rc < 0) {
        buf_truncate(&s->summary, mark);
        s->nulls = 0;
    }
    return rc;
}

/* Data from a row-level query (keys, many labels, no measure) or a bare
 * column of numbers is listed, not summed: "Showing 20 rows of customers." */
static int is_listing(const shape_t *s)
{
    return s->nn == 0 || s->nc >= 3 || (!s->ctx.measure && (s->keys || s->ncols > 3)) ||
           (s->nc == 0 && s->nt == 0 && s->nrows > 1 && (s->nn < 2 || s->nrows < 3));
}

/* One date and nothing else ("the earliest order date"): said as the
 * measure's value — "The earliest ordered at was 2023-12-06 00:26:20+00." */
static void write_date_kpi(shape_t *s)
{
    static const char *const when[][2] = {{"lowest ", "earliest "}, {"highest ", "latest "}};
    const char *label = s->ctx.measure && *s->ctx.measure ? s->ctx.measure : col_field(s, s->time[0], "name");
    const json_t *v = cell(s, 0, s->time[0]);
    char said[LABELMAX + 16];
    snprintf(said, sizeof said, "%s", label ? label : "date");
    for (size_t i = 0; i < sizeof when / sizeof *when; i++)
        if (!strncmp(said, when[i][0], strlen(when[i][0])))
            snprintf(said, sizeof said, "%s%s", when[i][1], label + strlen(when[i][0]));
    char h[LABELMAX + 16];
    humanize(said, h, sizeof h);
    summary_start(s);
    if (!json_is_string(v)) {
        buf_printf(&s->text, "There is no value for %s", h);
        put_filters(&s->text, &s->ctx);
        buf_putc(&s->text, '.');
        buf_puts(&s->summary, "no value");
        return;
    }
    buf_printf(&s->text, "The %s was ", h);
    insight_put_clipped(&s->text, json_string_value(v), LABELMAX);
    put_filters(&s->text, &s->ctx);
    buf_putc(&s->text, '.');
    insight_put_clipped(&s->summary, json_string_value(v), LABELMAX);
}

static void shape_write(shape_t *s)
{
    if (s->nrows == 0) {
        write_empty(s);
        return;
    }
    if (s->nrows == 1 && s->ncols == 1 && s->nt == 1) {
        write_date_kpi(s);
        return;
    }
    if (is_listing(s) || (s->nt > 0 && write_trend(s) < 0)) {
        write_listing(s);
        return;
    }
    if (s->nt == 0 && s->nc == 0 && s->nrows == 1)
        write_kpi(s);
    else if (s->nt == 0 && s->nn >= 2 && s->nrows >= 3 && (s->nc == 0 || s->nrows > 15))
        write_correlation(s);
    else if (s->nt == 0)
        write_category(s);
    put_notes(s);
}

/* A finished line: one line, at most max bytes. */
static char *detach_line(buf_t *b, size_t max)
{
    buf_t out = {0};
    insight_put_clipped(&out, buf_str(b), max);
    buf_free(b);
    return buf_detach(&out);
}

int insight_write(const json_t *result, const insight_context_t *ctx, insight_t *out)
{
    shape_t s = {.result = result, .rows = json_object_get(result, "rows")};
    const json_t *cols = json_object_get(result, "columns");
    chart_config_t cfg;
    memset(out, 0, sizeof *out);
    if (!json_is_array(cols) || !json_is_array(s.rows) || chart_recommend(result, &cfg) < 0)
        return -1;
    if (ctx)
        s.ctx = *ctx;
    s.nrows = json_array_size(s.rows);
    s.ncols = json_array_size(cols);
    json_int_t rc = json_integer_value(json_object_get(result, "row_count"));
    s.returned = rc > 0 && (size_t)rc > s.nrows ? (size_t)rc : s.nrows;
    s.truncated = json_is_true(json_object_get(result, "truncated"));
    shape_classify(&s);
    if (s.nn)
        measure_init(&s, s.num[0], s.ctx.measure, &s.m);
    shape_write(&s);
    out->text = detach_line(&s.text, 4096);
    out->summary = detach_line(&s.summary, SUMMARYMAX);
    out->chart = chart_config_to_json(&cfg);
    chart_config_free(&cfg);
    return 0;
}

void insight_free(insight_t *i)
{
    if (!i)
        return;
    free(i->text);
    free(i->summary);
    json_decref(i->chart);
    memset(i, 0, sizeof *i);
}
