/* widget.c — a dashboard widget's chart as a fragment rendered once, when
 * its result is written, and stored with a render key: the HTML a card
 * shows (the chart at three widths, or the reason it cannot be drawn) and
 * the one SVG the .svg route and files use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/internal.h"
#include "core/mem.h"

/* The recommendation for this result with the config's choices on top: a
 * config may name only a type ("as a pie chart") and still draw. */
static json_t *merged_config(const json_t *result, const json_t *config)
{
    chart_config_t rec = {0};
    chart_recommend(result, &rec);
    json_t *m = chart_config_to_json(&rec);
    chart_config_free(&rec);
    const char *keys[] = {"type", "x", "y", "series", "title", "stacked"};
    for (size_t i = 0; config && i < sizeof keys / sizeof keys[0]; i++) {
        json_t *v = json_object_get(config, keys[i]);
        if (v && !json_is_null(v) && !(json_is_string(v) && !*json_string_value(v)))
            json_object_set(m, keys[i], v);
    }
    return m;
}

json_t *chart_config_for(const json_t *result, const json_t *config)
{
    chart_config_t cfg = {0};
    char err[256];
    json_t *m = merged_config(result, config);
    int rc = chart_config_from_json(m, &cfg, err, sizeof err);
    json_decref(m);
    json_t *out = NULL;
    if (rc == 0 && chart_fill_columns(result, &cfg) == 0)
        out = chart_config_to_json(&cfg);
    chart_config_free(&cfg);
    return out;
}

/* The chart at three widths, each shown by a container query
 * (static/app.css) in a figure about as wide, so its text keeps one size
 * on a phone and on a full-width widget. */
static void put_widths(const json_t *result, chart_config_t *cfg, buf_t *html)
{
    static const int widths[] = {360, 600, 960};
    int keep = cfg->width;
    for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
        char err[256];
        size_t mark = html->len;
        cfg->width = widths[i];
        buf_printf(html, "<div class=\"cw cw-%d\">", widths[i]);
        if (chart_render_svg(result, cfg, html, err, sizeof err) == 0)
            buf_puts(html, "</div>");
        else
            buf_truncate(html, mark);
    }
    cfg->width = keep;
}

int chart_widget_render(const json_t *result, const json_t *config, buf_t *html, buf_t *svg)
{
    chart_config_t cfg = {0};
    char err[256];
    json_t *m = chart_config_for(result, config);
    if (!m || chart_config_from_json(m, &cfg, err, sizeof err) < 0) {
        chart_config_free(&cfg); /* the recommended chart, as a chat answer draws it */
        chart_recommend(result, &cfg);
    }
    json_decref(m);
    int rc = chart_render_svg(result, &cfg, svg, err, sizeof err);
    const char *drill = json_string_value(json_object_get(config, "drill"));
    if (rc == 0) {
        buf_puts(html, "<figure class=\"chart\">");
        if (!cfg.width) {
            cfg.drill = drill ? xstrdup(drill) : NULL; /* the card's charts link, the file's not */
            put_widths(result, &cfg, html);
        } else {
            buf_append(html, buf_str(svg), svg->len);
        }
        buf_puts(html, "</figure>");
    } else {
        buf_puts(html, "<p class=\"muted\">");
        buf_put_html(html, err, strlen(err));
        buf_puts(html, "</p>");
    }
    chart_config_free(&cfg);
    return rc;
}
