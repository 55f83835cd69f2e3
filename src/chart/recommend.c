/* recommend.c — the chart a person would pick for a result.
 *
 * Rules, first match wins:
 *   no rows                                  -> table
 *   one row, one number                      -> kpi
 *   a date column and measures               -> line (a text column, if the
 *                                               only other one, splits series)
 *   a category, one measure, 2-6 positive parts
 *     that look like a whole (shares, counts, or summing to 1 or 100) -> pie
 *   a category and measures                  -> bar; hbar when labels are
 *                                               long or rows are a ranking
 *   two categories, one measure              -> stacked bar, series = 2nd
 *   two measures (>= 3 rows; with a category
 *     only past 15 rows)                     -> scatter
 *   anything else                            -> table
 * Columns named id or *_id are keys, not measures. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chart/internal.h"
#include "core/mem.h"

#define MAX_Y 4

typedef struct cols {
    size_t time[8], num[8], text[8];
    size_t nt, nn, nx;
    const json_t *result, *rows;
} cols_t;

static const char *col_name(const cols_t *c, size_t i)
{
    const json_t *col = json_array_get(json_object_get(c->result, "columns"), i);
    const char *s = json_string_value(json_object_get(col, "name"));
    return s ? s : "";
}

static int is_key(const char *name)
{
    size_t n = strlen(name);
    return strcasecmp(name, "id") == 0 || (n > 3 && strcasecmp(name + n - 3, "_id") == 0);
}

static void classify(cols_t *c)
{
    size_t n = json_array_size(json_object_get(c->result, "columns"));
    for (size_t i = 0; i < n; i++) {
        int k = chart_col_class(c->result, i);
        if (k == CT_TIME && c->nt < 8)
            c->time[c->nt++] = i;
        else if (k == CT_NUM && !is_key(col_name(c, i)) && c->nn < 8)
            c->num[c->nn++] = i;
        else if ((k == CT_TEXT || k == CT_BOOL || k == CT_NUM) && c->nx < 8)
            c->text[c->nx++] = i;
    }
}

static double num_at(const cols_t *c, size_t row, size_t col)
{
    double v;
    return chart_value_number(json_array_get(json_array_get(c->rows, row), col), &v) == 0 ? v : NAN;
}

static size_t distinct_small(const cols_t *c, size_t col, size_t limit)
{
    const char *seen[16];
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(c->rows) && n <= limit; i++) {
        const char *s = json_string_value(json_array_get(json_array_get(c->rows, i), col));
        size_t k = 0;
        for (; s && k < n && strcmp(seen[k], s); k++) {}
        if (s && k == n && n < 16)
            seen[n++] = s;
    }
    return n;
}

static int looks_like_whole(const cols_t *c, size_t col)
{
    static const char *const hints[] = {"share", "pct", "percent", "count", "num_", "users",
                                        "customers", "orders"};
    size_t nr = json_array_size(c->rows);
    double sum = 0;
    if (nr < 2 || nr > 6)
        return 0;
    for (size_t i = 0; i < nr; i++) {
        double v = num_at(c, i, col);
        if (!(v > 0))
            return 0;
        sum += v;
    }
    if (fabs(sum - 1) < 0.011 || fabs(sum - 100) < 1.1)
        return 1;
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
        if (strstr(col_name(c, col), hints[i]))
            return 1;
    return 0;
}

static int is_ranking(const cols_t *c, size_t label, size_t col)
{
    size_t nr = json_array_size(c->rows);
    size_t longest = 0;
    for (size_t i = 0; i < nr; i++) {
        const char *s = json_string_value(json_array_get(json_array_get(c->rows, i), label));
        longest = s && strlen(s) > longest ? strlen(s) : longest;
    }
    if (longest > 14 || nr > 15)
        return 1;
    if (nr < 5)
        return 0;
    for (size_t i = 1; i < nr; i++)
        if (!(num_at(c, i, col) <= num_at(c, i - 1, col)))
            return 0;
    return 1;
}

static void set(chart_config_t *cfg, const cols_t *c, chart_kind_t k, const size_t *x,
                const size_t *series)
{
    cfg->kind = k;
    cfg->x = x ? xstrdup(col_name(c, *x)) : NULL;
    cfg->series = series ? xstrdup(col_name(c, *series)) : NULL;
    size_t ny = k == CHART_KPI || k == CHART_PIE || k == CHART_SCATTER || series ? 1 :
                c->nn > MAX_Y ? MAX_Y : c->nn;
    cfg->y = xmalloc((ny ? ny : 1) * sizeof *cfg->y);
    for (size_t i = 0; i < ny; i++)
        cfg->y[cfg->ny++] = xstrdup(col_name(c, c->num[i + (k == CHART_SCATTER)]));
}

int chart_recommend(const json_t *result, chart_config_t *cfg)
{
    cols_t c = {.result = result, .rows = json_object_get(result, "rows")};
    memset(cfg, 0, sizeof *cfg);
    cfg->kind = CHART_TABLE;
    if (!json_is_array(json_object_get(result, "columns")) || !json_is_array(c.rows))
        return -1;
    classify(&c);
    size_t nr = json_array_size(c.rows);
    if (nr == 0 || c.nn == 0)
        return 0;
    if (nr == 1 && c.nn == 1)
        set(cfg, &c, CHART_KPI, NULL, NULL);
    else if (nr == 1)
        return 0;  /* one row of several numbers ("the second most expensive product"): its table */
    else if (c.nt >= 1)
        set(cfg, &c, CHART_LINE, &c.time[0],
            c.nn == 1 && c.nx == 1 && distinct_small(&c, c.text[0], 8) <= 8 ? &c.text[0] : NULL);
    else if (c.nx == 1 && c.nn == 1 && looks_like_whole(&c, c.num[0]) &&
             !chart_col_is_quarter(result, c.text[0]))  /* quarters in a row: bars, not a whole */
        set(cfg, &c, CHART_PIE, &c.text[0], NULL);
    else if (c.nx == 1 && !(c.nn == 2 && nr > 15))
        set(cfg, &c, is_ranking(&c, c.text[0], c.num[0]) ? CHART_HBAR : CHART_BAR, &c.text[0],
            NULL);
    else if (c.nx == 2 && c.nn == 1 && distinct_small(&c, c.text[1], 8) <= 8) {
        set(cfg, &c, CHART_BAR, &c.text[0], &c.text[1]);
        cfg->stacked = 1;
    } else if (c.nn >= 2 && nr >= 3)
        set(cfg, &c, CHART_SCATTER, &c.num[0],
            c.nx == 1 && distinct_small(&c, c.text[0], 8) <= 8 ? &c.text[0] : NULL);
    return 0;
}

/* Columns for a kind the caller already chose, whatever the row count: a
 * dashboard filter can leave one row (or none) of a monthly bar chart, and
 * it must still draw as that bar chart, not lose its x column. Only what cfg
 * lacks is filled: x (a date, else a category, a measure for scatter) and y
 * (the measures). */
int chart_fill_columns(const json_t *result, chart_config_t *cfg)
{
    cols_t c = {.result = result, .rows = json_object_get(result, "rows")};
    if (!json_is_array(json_object_get(result, "columns")))
        return -1;
    classify(&c);
    int needs_x = cfg->kind != CHART_KPI && cfg->kind != CHART_TABLE;
    const size_t *x = NULL;
    if (cfg->kind == CHART_SCATTER)
        x = c.nn ? &c.num[0] : NULL;
    else
        x = c.nt ? &c.time[0] : c.nx ? &c.text[0] : NULL;
    if (needs_x && !cfg->x && x)
        cfg->x = xstrdup(col_name(&c, *x));
    if (cfg->ny == 0 && cfg->kind != CHART_TABLE) {
        size_t first = cfg->kind == CHART_SCATTER && c.nn > 1 ? 1 : 0;
        size_t ny = cfg->kind == CHART_KPI || cfg->kind == CHART_PIE || cfg->kind == CHART_SCATTER
                        ? 1 : c.nn > MAX_Y ? MAX_Y : c.nn;
        if (c.nn > first) {
            free(cfg->y);
            cfg->y = xmalloc(ny * sizeof *cfg->y);
            for (size_t i = 0; i < ny && first + i < c.nn; i++)
                cfg->y[cfg->ny++] = xstrdup(col_name(&c, c.num[first + i]));
        }
    }
    return 0;
}
