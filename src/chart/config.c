/* config.c — chart configs (chart.h): kind names, to and from JSON, and the
 * drawing size. A leaf of chart/: every other file may use it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"
#include "core/mem.h"

#define DEFAULT_W 600
#define DEFAULT_H 340

static const char *const kind_names[] = {"bar", "hbar",    "line", "area",
                                         "pie", "scatter", "kpi",  "table"};

const char *chart_kind_name(chart_kind_t k)
{
    return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "table";
}

int chart_kind_parse(const char *s, chart_kind_t *k)
{
    for (size_t i = 0; s && i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (strcmp(s, kind_names[i]) == 0) {
            *k = (chart_kind_t)i;
            return 0;
        }
    if (s && (!strcmp(s, "donut") || !strcmp(s, "number"))) {
        *k = s[0] == 'd' ? CHART_PIE : CHART_KPI;
        return 0;
    }
    return -1;
}

void chart_config_free(chart_config_t *cfg)
{
    for (size_t i = 0; i < cfg->ny; i++)
        free(cfg->y[i]);
    free(cfg->y);
    free(cfg->x);
    free(cfg->series);
    free(cfg->title);
    free(cfg->drill);
    memset(cfg, 0, sizeof *cfg);
}

static char *opt_string(const json_t *obj, const char *key)
{
    const char *s = json_string_value(json_object_get(obj, key));
    return s && *s ? xstrdup(s) : NULL;
}

static int config_y(const json_t *y, chart_config_t *cfg, char *err, size_t errlen)
{
    if (json_is_string(y)) {
        cfg->y = xmalloc(sizeof *cfg->y);
        cfg->y[cfg->ny++] = xstrdup(json_string_value(y));
        return 0;
    }
    if (y && !json_is_array(y) && !json_is_null(y))
        return snprintf(err, errlen, "\"y\" must be a column name or a list of them"), -1;
    cfg->y = xmalloc((json_array_size(y) + 1) * sizeof *cfg->y);
    for (size_t i = 0; i < json_array_size(y); i++) {
        const char *s = json_string_value(json_array_get(y, i));
        if (!s || !*s)
            return snprintf(err, errlen, "\"y\" entry %zu is not a column name", i + 1), -1;
        cfg->y[cfg->ny++] = xstrdup(s);
    }
    return 0;
}

int chart_config_from_json(const json_t *obj, chart_config_t *cfg, char *err, size_t errlen)
{
    memset(cfg, 0, sizeof *cfg);
    if (!json_is_object(obj))
        return snprintf(err, errlen, "the chart config must be a JSON object"), -1;
    const char *type = json_string_value(json_object_get(obj, "type"));
    if (type && chart_kind_parse(type, &cfg->kind) < 0) {
        snprintf(err, errlen, "unknown chart type \"%s\" (use bar, hbar, line, area, pie, "
                              "scatter, kpi or table)", type);
        return -1;
    }
    cfg->x = opt_string(obj, "x");
    cfg->series = opt_string(obj, "series");
    cfg->title = opt_string(obj, "title");
    cfg->stacked = json_is_true(json_object_get(obj, "stacked"));
    const json_t *prev = json_object_get(obj, "previous");
    if (json_is_number(prev)) {
        cfg->previous = json_number_value(prev);
        cfg->has_previous = 1;
    }
    cfg->width = (int)json_integer_value(json_object_get(obj, "width"));
    cfg->height = (int)json_integer_value(json_object_get(obj, "height"));
    if (config_y(json_object_get(obj, "y"), cfg, err, errlen) < 0) {
        chart_config_free(cfg);
        return -1;
    }
    return 0;
}

json_t *chart_config_to_json(const chart_config_t *cfg)
{
    json_t *o = json_object(), *y = json_array();
    json_object_set_new(o, "type", json_string(chart_kind_name(cfg->kind)));
    if (cfg->x)
        json_object_set_new(o, "x", json_string(cfg->x));
    for (size_t i = 0; i < cfg->ny; i++)
        json_array_append_new(y, json_string(cfg->y[i]));
    json_object_set_new(o, "y", y);
    if (cfg->series)
        json_object_set_new(o, "series", json_string(cfg->series));
    if (cfg->title)
        json_object_set_new(o, "title", json_string(cfg->title));
    if (cfg->stacked)
        json_object_set_new(o, "stacked", json_true());
    if (cfg->has_previous)
        json_object_set_new(o, "previous", json_real(cfg->previous));
    if (cfg->width)
        json_object_set_new(o, "width", json_integer(cfg->width));
    if (cfg->height)
        json_object_set_new(o, "height", json_integer(cfg->height));
    return o;
}

void chart_size(const chart_config_t *c, double *w, double *h)
{
    *w = c->width >= 200 && c->width <= 4000 ? c->width : DEFAULT_W;
    *h = c->height >= 120 && c->height <= 4000 ? c->height : DEFAULT_H;
}
