/* result.c — a query result as template data: the table (a page of rows,
 * numbers right-aligned, NULL marked) and the chart (SVG from chart/). */
#include "pages/pages.h"
#include "chart/chart.h"
#include "core/log.h"
#include "core/mem.h"
#include "jobs/jobs.h"
#include "query/query.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


const char *page_count_words(req_t *r, const json_t *n, const char *one, const char *many)
{
    long long v;
    if (json_is_integer(n))
        v = (long long)json_integer_value(n);
    else if (json_is_string(n) && *json_string_value(n) &&
             strspn(json_string_value(n), "0123456789") == strlen(json_string_value(n)))
        v = atoll(json_string_value(n));
    else
        return "";
    char s[32];
    buf_count_text(s, sizeof s, (size_t)(v < 0 ? 0 : v));
    return arena_printf(r->arena, "%s %s", s, v == 1 ? one : many);
}

static int is_numeric_type(const char *t)
{
    return t && (strcmp(t, "integer") == 0 || strcmp(t, "number") == 0);
}

/* A table cell shows at most this much of a value (the column is 28
 * characters wide; exports carry the whole value). */
#define CELL_SHOW 1000

/* A text cell: a long one shows its start and "…" (and the cut mark of a
 * value the byte cap cut). */
static json_t *cell_text(const json_t *v, int num)
{
    return json_pack("{s:o, s:b, s:b}", "v", query_value_clip(v, CELL_SHOW), "num", num, "cut",
                     query_value_is_cut(v));
}

/* A long decimal (an average: "123.4567890123456789") for a screen: two
 * decimals, or four significant digits below 1; the whole value stays in
 * the cell's title and in exports. 0 when s is shown as it is. */
static int round_decimal(const char *s, char *out, size_t outlen)
{
    const char *dot = strchr(s, '.');
    size_t n = strlen(s);
    if (!dot || strspn(s, "-0123456789.") != n || n - (size_t)(dot - s) - 1 <= 4)
        return 0;
    double d = strtod(s, NULL), a = fabs(d);
    int dec = a >= 1 || a == 0 ? 2 : (int)fmin(12, 3 - floor(log10(a)));
    snprintf(out, outlen, "%.*f", dec, d);
    return 1;
}

static json_t *cell(const json_t *v, int num)
{
    char tmp[64];
    if (json_is_null(v))
        return json_pack("{s:s, s:b}", "v", "NULL", "null", 1);
    if (json_is_string(v) && num && round_decimal(json_string_value(v), tmp, sizeof tmp))
        return json_pack("{s:s, s:O, s:b}", "v", tmp, "full", v, "num", 1);
    if (json_is_string(v))
        return cell_text(v, num);
    if (json_is_integer(v))
        snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v)) {
        char full[64];
        snprintf(full, sizeof full, "%.15g", json_real_value(v));
        if (round_decimal(full, tmp, sizeof tmp))
            return json_pack("{s:s, s:s, s:b}", "v", tmp, "full", full, "num", num);
        snprintf(tmp, sizeof tmp, "%s", full);
    }
    else if (json_is_boolean(v))
        snprintf(tmp, sizeof tmp, "%s", json_is_true(v) ? "true" : "false");
    else
        snprintf(tmp, sizeof tmp, "…");
    return json_pack("{s:s, s:b}", "v", tmp, "num", num);
}

json_t *result_table(const json_t *result, size_t offset, size_t limit)
{
    const json_t *cols = json_object_get(result, "columns");
    const json_t *rows = json_object_get(result, "rows");
    size_t ncols = json_array_size(cols), nrows = json_array_size(rows);
    char *num = xcalloc(ncols ? ncols : 1, 1);
    json_t *jc = json_array(), *jr = json_array();
    for (size_t c = 0; c < ncols; c++) {
        const json_t *col = json_array_get(cols, c);
        num[c] = (char)is_numeric_type(json_string_value(json_object_get(col, "type")));
        json_array_append_new(jc, json_pack("{s:O, s:b}", "name", json_object_get(col, "name"),
                                            "num", num[c]));
    }
    for (size_t r = offset; r < nrows && r < offset + limit; r++) {
        json_t *cells = json_array();
        const json_t *row = json_array_get(rows, r);
        for (size_t c = 0; c < ncols; c++)
            json_array_append_new(cells, cell(json_array_get(row, c), num[c]));
        json_array_append_new(jr, json_pack("{s:o}", "cells", cells));
    }
    free(num);
    return json_pack("{s:o, s:o, s:I, s:I, s:I}", "columns", jc, "rows", jr, "total",
                     (json_int_t)nrows, "first", (json_int_t)(nrows ? offset + 1 : 0), "last",
                     (json_int_t)(offset + json_array_size(jr)));
}

/* The chart at three widths for a page, each shown by a container query
 * (static/app.css) in a figure about as wide, so its text keeps one size
 * on a phone and on a full-width widget: {html} beside the one {svg} that
 * files and the .svg route use. */
static void add_widths(const json_t *result, chart_config_t *cfg, json_t *out)
{
    static const int widths[] = {360, 600, 960};
    int keep = cfg->width;
    buf_t html = {0};
    for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
        buf_t svg = {0};
        char err[256];
        cfg->width = widths[i];
        if (chart_render_svg(result, cfg, &svg, err, sizeof err) == 0)
            buf_printf(&html, "<div class=\"cw cw-%d\">%s</div>", widths[i], buf_str(&svg));
        buf_free(&svg);
    }
    cfg->width = keep;
    json_object_set_new(out, "html", json_string(buf_str(&html)));
    buf_free(&html);
}

json_t *result_chart(const json_t *result, const char *kind, const char *title)
{
    return result_chart_kind_drill(result, kind, title, NULL);
}

json_t *result_chart_kind_drill(const json_t *result, const char *kind, const char *title,
                                const char *drill)
{
    chart_config_t cfg = {0};
    char err[256];
    chart_kind_t k;
    buf_t svg = {0};
    json_t *out = NULL;
    chart_recommend(result, &cfg);
    if (kind && *kind && strcmp(kind, "auto") != 0 && chart_kind_parse(kind, &k) == 0 &&
        k != cfg.kind) {
        /* the user's pick with the recommended columns; when those do not
         * fit that kind, say so rather than draw nothing */
        cfg.kind = k;
    }
    if (title && !cfg.title)
        cfg.title = xstrdup(title); /* chart_config_free frees it */
    if (chart_render_svg(result, &cfg, &svg, err, sizeof err) == 0) {
        out = json_pack("{s:s, s:s}", "svg", buf_str(&svg), "kind", chart_kind_name(cfg.kind));
        cfg.drill = drill ? xstrdup(drill) : NULL; /* the page's charts link, the file's not */
        if (!cfg.width)
            add_widths(result, &cfg, out);
    } else
        out = json_pack("{s:s, s:s}", "error", err, "kind", chart_kind_name(cfg.kind));
    buf_free(&svg);
    chart_config_free(&cfg);
    return out;
}

json_t *result_chart_kinds(const char *selected)
{
    static const char *const kinds[] = {"auto", "bar", "hbar", "line", "area", "pie",
                                        "scatter", "kpi", "table"};
    json_t *arr = json_array();
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        json_array_append_new(arr, json_pack("{s:s, s:b}", "value", kinds[i], "selected",
                                             selected ? strcmp(selected, kinds[i]) == 0 : i == 0));
    return arr;
}

json_t *result_chart_config(const json_t *result, const json_t *config)
{
    return chart_config_for(result, config);
}

json_t *result_chart_from(const json_t *result, const json_t *config)
{
    return result_chart_drill(result, config, NULL);
}

void result_table_sort_links(req_t *r, json_t *table, const char *base, const char *keep,
                             const char *sort, int desc)
{
    size_t i;
    json_t *col;
    json_array_foreach(json_object_get(table, "columns"), i, col) {
        const char *name = json_string_value(json_object_get(col, "name"));
        if (!name)
            continue;
        int now = sort && strcmp(sort, name) == 0;
        buf_t b = {0};
        buf_printf(&b, "%s%c%s%ssort=", base, strchr(base, '?') ? '&' : '?', keep && *keep ? keep : "",
                   keep && *keep ? "&" : "");
        http_url_encode(&b, name);
        buf_puts(&b, now && !desc ? "&dir=desc" : "&dir=asc");
        json_object_set_new(col, "href", json_string(arena_strdup(r->arena, buf_str(&b))));
        buf_free(&b);
        if (now)
            json_object_set_new(col, desc ? "sorted_desc" : "sorted_asc", json_true());
    }
}

json_t *result_chart_drill(const json_t *result, const json_t *config, const char *drill)
{
    chart_config_t cfg = {0};
    char err[256];
    buf_t svg = {0};
    json_t *out;
    json_t *m = result_chart_config(result, config);
    if (!m || chart_config_from_json(m, &cfg, err, sizeof err) < 0) {
        json_decref(m);
        chart_config_free(&cfg);
        return result_chart(result, NULL, NULL);
    }
    json_decref(m);
    if (chart_render_svg(result, &cfg, &svg, err, sizeof err) == 0) {
        out = json_pack("{s:s, s:s}", "svg", buf_str(&svg), "kind", chart_kind_name(cfg.kind));
        cfg.drill = drill ? xstrdup(drill) : NULL; /* the page's charts link, the file's not */
        if (!cfg.width)
            add_widths(result, &cfg, out);
    } else
        out = json_pack("{s:s, s:s}", "error", err, "kind", chart_kind_name(cfg.kind));
    buf_free(&svg);
    chart_config_free(&cfg);
    return out;
}

json_t *result_view(req_t *r, const json_t *result, int page, int page_rows, const char *chart)
{
    long total = (long)json_array_size(json_object_get(result, "rows"));
    long pages = total ? (total + page_rows - 1) / page_rows : 1;
    if (page < 1 || page > pages)
        page = 1;
    json_t *res = json_pack("{s:o, s:o, s:O?, s:O?, s:O?, s:O?}",
                            "table", result_table(result, (size_t)(page - 1) * (size_t)page_rows,
                                                  (size_t)page_rows),
                            "chart", result_chart(result, chart, NULL),
                            "row_count", json_object_get(result, "row_count"),
                            "truncated", json_object_get(result, "truncated"),
                            "ms", json_object_get(result, "ms"),
                            "cached", json_object_get(result, "cached"));
    /* the row cap is the badge; the byte caps need their sentence */
    int by_bytes = query_result_by_bytes(result);
    const char *note = query_result_note(r->arena, result);
    json_object_set_new(res, "by_bytes", json_boolean(by_bytes));
    if (note && (by_bytes || json_integer_value(json_object_get(result, "cells_cut")) > 0))
        json_object_set_new(res, "note", json_string(note));
    json_object_set_new(res, "page", json_integer(page));
    json_object_set_new(res, "pages", json_integer(pages));
    json_object_set_new(res, "paged", json_boolean(pages > 1));
    if (page > 1)
        json_object_set_new(res, "prev_page", json_integer(page - 1));
    if (page < pages)
        json_object_set_new(res, "next_page", json_integer(page + 1));
    json_object_set_new(res, "rows_words", json_string(page_count_words(
        r, json_object_get(result, "row_count"), "row", "rows")));
    return res;
}

/* The outcome of a query job that is not there: still coming, or lost. */
const json_t *result_job_outcome(req_t *r, const char *id, const char **why)
{
    const json_t *outcome = jobs_outcome_wait(r->arena, id, 0);
    if (outcome)
        return outcome;
    const char *error = NULL;
    jobs_where_t w = jobs_find(r->arena, id, &error);
    if (w == JOBS_DEAD)
        *why = arena_printf(r->arena, "The query stopped: %s. Run it again.",
                            error ? error : "no reason given");
    else if (w == JOBS_GONE && !(outcome = jobs_outcome_wait(r->arena, id, 0)))
        *why = "The query stopped without a result (its worker may have restarted). Run it again.";
    return outcome;
}
