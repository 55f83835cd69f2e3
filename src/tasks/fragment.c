/* fragment.c — a widget's chart drawn when its result is written (a
 * refresh here or in a page, a pin, an edit) and stored with its render
 * key, so a dashboard view only copies it. Shared by the worker's
 * widget.refresh and the widget pages. */
#include "tasks/tasks.h"
#include "chart/chart.h"
#include "core/buf.h"
#include "core/metrics.h"
#include "store/widgets.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

int tasks_widget_has_fragment(const store_widget_t *w)
{
    return strcmp(w->kind, "chart") == 0 || strcmp(w->kind, "kpi") == 0;
}

json_t *tasks_widget_draw_config(const store_widget_t *w)
{
    json_t *conf = json_deep_copy(w->chart_config);
    if (!json_is_object(conf)) {
        json_decref(conf);
        conf = json_object();
    }
    if (strcmp(w->kind, "kpi") == 0 || strcmp(w->kind, "table") == 0)
        json_object_set_new(conf, "type", json_string(w->kind));
    if (!json_object_get(conf, "type"))
        return (json_decref(conf), NULL);
    return conf;
}

void tasks_render_key(const char *kind, const char *size, const json_t *config,
                      const char *source, char out[TASKS_KEYLEN])
{
    crypto_generichash_state st;
    unsigned char h[16];
    char *conf = config ? json_dumps(config, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    const char *parts[] = {CHART_RENDER_VERSION, kind ? kind : "", size ? size : "",
                           conf ? conf : "null", source ? source : ""};
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) /* NUL-separated */
        crypto_generichash_update(&st, (const unsigned char *)parts[i], strlen(parts[i]) + 1);
    crypto_generichash_final(&st, h, sizeof h);
    sodium_bin2hex(out, TASKS_KEYLEN, h, sizeof h);
    free(conf);
}

const char *tasks_widget_key(arena_t *a, const store_widget_t *w, const char *source)
{
    char key[TASKS_KEYLEN];
    /* the widget's own ids too: its drill-down links name them (a copied
     * dashboard's widgets draw their own) */
    tasks_render_key(w->kind, w->size, w->chart_config,
                     arena_printf(a, "%s\n%s/%s", source, w->dashboard_id ? w->dashboard_id : "",
                                  w->id ? w->id : ""), key);
    return arena_strdup(a, key);
}

int tasks_widget_draw(arena_t *a, const char *org_id, const store_widget_t *w,
                      const json_t *result, const char *result_hash, tasks_fragment_t *out)
{
    out->key = result_hash ? tasks_widget_key(a, w, result_hash) : NULL;
    if (out->key && w->render_key && w->fragment_html && strcmp(out->key, w->render_key) == 0) {
        out->html = w->fragment_html; /* the same data and settings: as drawn */
        out->svg = w->fragment_svg;
        return 0;
    }
    buf_t html = {0}, svg = {0};
    json_t *conf = tasks_widget_draw_config(w);
    if (!conf) /* the recommended chart */
        conf = json_object();
    /* drill-down: the card's bars, slices and points link to the widget's
     * rows page, filtered by their value */
    buf_t drill = {0};
    buf_printf(&drill, "/dashboards/%s/widgets/%s/rows?", w->dashboard_id, w->id);
    json_object_set_new(conf, "drill", json_string(buf_str(&drill)));
    buf_free(&drill);
    int rc = chart_widget_render(result, conf, &html, &svg);
    json_decref(conf);
    metrics_count("widget_render");
    out->html = arena_strndup(a, buf_str(&html), html.len);
    out->svg = rc == 0 ? arena_strndup(a, buf_str(&svg), svg.len) : NULL;
    buf_free(&html);
    buf_free(&svg);
    if (result_hash)
        store_widget_set_fragment(a, org_id, w->id, out->key, out->html, out->svg);
    return 0;
}

int tasks_widget_fragment(arena_t *a, const char *org_id, const store_widget_t *w,
                          tasks_fragment_t *out)
{
    if (!w->result_hash)
        return -1;
    const char *key = tasks_widget_key(a, w, w->result_hash);
    if (w->render_key && w->fragment_html && strcmp(key, w->render_key) == 0) {
        out->key = w->render_key;
        out->html = w->fragment_html;
        out->svg = w->fragment_svg;
        return 0;
    }
    const json_t *result = store_widget_result(a, w);
    if (!result)
        return -1;
    return tasks_widget_draw(a, org_id, w, result, w->result_hash, out);
}

/* The drill links are svg_drill_open's `<a class="drill" href="…">` and
 * the `</a>` that closes each; they wrap shapes, never another link. */
const char *tasks_fragment_undrilled(arena_t *a, const char *html)
{
    static const char open[] = "<a class=\"drill\" ";
    buf_t b = {0};
    int pending = 0;
    for (const char *p = html; *p;) {
        const char *gt;
        if (!strncmp(p, open, sizeof open - 1) && (gt = strchr(p, '>'))) {
            p = gt + 1, pending++;
        } else if (pending && !strncmp(p, "</a>", 4)) {
            p += 4, pending--;
        } else {
            buf_putc(&b, *p++);
        }
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}
