/* widgets.c — what a dashboard shows: the date-range filter of its query
 * string, and each widget's card (chart, table, KPI or Markdown text), fresh
 * or from its last result. The routes and forms that add, edit, move,
 * refresh and delete widgets are in widget_pages.c. */
#include "pages/pages.h"
#include "core/config.h"
#include "query/query.h"
#include "store/widgets.h"
#include "core/metrics.h"
#include "store/dashboards.h"
#include "store/grid.h"
#include "store/kv.h"
#include "tasks/tasks.h"
#include "tmpl/tmpl.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIDGET_ROWS 50

static int iso_date(const char *s)
{
    if (!s || strlen(s) != 10)
        return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] - (m == 2 && !leap);
}

static int same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

void dashboard_filter_read(req_t *r, dash_filter_t *f)
{
    const char *range = http_query(r, "range"), *from = http_query(r, "from"), *to = http_query(r, "to");
    from = iso_date(from) ? from : NULL;
    to = iso_date(to) ? to : NULL;
    int typed = !same(from, http_query(r, "shown_from")) || !same(to, http_query(r, "shown_to"));
    static const char *const presets[] = {"7d", "30d", "90d", "year"};
    int preset = 0;
    for (size_t i = 0; range && i < sizeof presets / sizeof presets[0]; i++)
        preset |= strcmp(range, presets[i]) == 0;
    if ((from || to) && (!preset || typed)) {
        f->range = "custom";
        f->from = from;
        f->to = to;
    } else {
        f->range = preset ? range : "all";
        f->from = f->to = NULL;
    }
}

const char *dashboard_filter_qs(req_t *r, const dash_filter_t *f)
{
    buf_t b = {0};
    const char *keys[] = {"range", "from", "to"};
    const char *vals[] = {f->range, f->from, f->to};
    for (size_t i = 0; i < 3; i++) {
        if (!vals[i] || !*vals[i] || (i == 0 && strcmp(vals[i], "all") == 0))
            continue;
        buf_printf(&b, "%s%s=", b.len ? "&" : "", keys[i]);
        http_url_encode(&b, vals[i]);
    }
    const char *s = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return s;
}

int dashboard_filter_active(const dash_filter_t *f)
{
    return f && f->range && *f->range && strcmp(f->range, "all") != 0 &&
           (strcmp(f->range, "custom") != 0 || f->from || f->to);
}

/* A table widget's rows, each column's name a link that sorts them on the
 * widget's rows page (htmx swaps the sorted table into the card). */
static json_t *card_table(req_t *r, const store_widget_t *w, const json_t *result)
{
    json_t *t = result_table(result, 0, WIDGET_ROWS);
    result_table_sort_links(r, t, arena_printf(r->arena, "/dashboards/%s/widgets/%s/rows",
                                               w->dashboard_id, w->id), NULL, NULL, 0);
    return t;
}

/* The card shows the chart fragment (copied, not validated again: it is
 * our own UTF-8). */
static void card_fragment(json_t *card, const tasks_fragment_t *fr)
{
    json_object_set_new(card, "fragment", json_stringn_nocheck(fr->html, strlen(fr->html)));
}

/* Under a date filter a widget's fragment is not stored in the row: it is
 * cached in Redis for the result cache's TTL, keyed by the organization,
 * the connection, the filtered SQL and the render key's other parts. */
static const char *filtered_cache_key(req_t *r, const store_widget_t *w, const char *run_sql)
{
    const char *source = arena_printf(r->arena, "%s\n%s\n%s", r->user->org_id, w->connection_id,
                                      run_sql);
    return kv_key(r->arena, arena_printf(r->arena, "frag:%s", tasks_widget_key(r->arena, w, source)));
}

/* A filtered fragment's drill-down links carry the filter, so the rows
 * page drills into the rows the chart showed: "…/rows?" becomes
 * "…/rows?range=…&amp;" (our own markup, and the widget's own prefix). */
static const char *drill_under_filter(req_t *r, const store_widget_t *w, const char *html,
                                      const char *qs)
{
    buf_t b = {0}, with = {0};
    const char *prefix = arena_printf(r->arena, "/widgets/%s/rows?", w->id);
    size_t plen = strlen(prefix);
    buf_puts(&with, prefix);
    buf_put_html(&with, qs, strlen(qs));
    buf_puts(&with, "&amp;");
    for (const char *p = html, *hit; *p; p = hit + plen) {
        hit = strstr(p, prefix);
        if (!hit) {
            buf_puts(&b, p);
            break;
        }
        buf_append(&b, p, (size_t)(hit - p));
        buf_append(&b, buf_str(&with), with.len);
    }
    const char *out = arena_strndup(r->arena, buf_str(&b), b.len);
    buf_free(&b);
    buf_free(&with);
    return out;
}

/* Run the widget's query now (through the filter when it has a date
 * column); when unfiltered, store the result and the fragment drawn from it
 * (not for a preview: its settings are not saved). Fills the card's content;
 * 0, or -1 with the card's error set. */
static int widget_run(req_t *r, const store_widget_t *w, json_t *card, const dash_filter_t *f,
                      int refresh, int preview)
{
    const char *datecol = w->date_column;
    char err[1024];
    if (!w->connection_id) {
        json_object_set_new(card, "error", json_string("The connection of this widget was deleted: "
                                                       "edit it or remove it."));
        return -1;
    }
    int filtered = dashboard_filter_active(f) && datecol && *datecol;
    int chart = tasks_widget_has_fragment(w);
    const char *run_sql = filtered ? query_wrap_date_range(r->arena, w->sql_text, datecol, f->range,
                                                           f->from, f->to) : w->sql_text;
    const char *ckey = filtered && chart && !preview && cfg->cache_ttl > 0
                           ? filtered_cache_key(r, w, run_sql) : NULL;
    json_object_set_new(card, "filtered", json_boolean(filtered));
    redisReply *hit = ckey && !refresh ? kv_cmd(r->arena, "GET %s", ckey) : NULL;
    if (hit && hit->type == REDIS_REPLY_STRING) {
        metrics_count("fragment_cache_hit");
        tasks_fragment_t fr = {.html = arena_strndup(r->arena, hit->str, hit->len)};
        card_fragment(card, &fr);
        return 0;
    }
    query_opts_t o = {.refresh = refresh, .max_rows = 1000, .source = "widget"};
    query_outcome_t out;
    if (query_run(r->arena, r->user->org_id, r->user->id, r->remote_addr, w->connection_id, run_sql,
                  &o, &out, err, sizeof err) < 0) {
        json_object_set_new(card, "error", json_string(err));
        if (!filtered)
            store_widget_set_result(r->arena, r->user->org_id, w->id, NULL, err);
        return -1;
    }
    arena_defer_json(r->arena, out.result);
    const char *hash = filtered ? NULL
                                : store_widget_set_result(r->arena, r->user->org_id, w->id, out.result, NULL);
    json_object_set_new(card, "refreshed", json_string("just now"));
    if (!chart) {
        json_object_set_new(card, "table", card_table(r, w, out.result));
        return 0;
    }
    tasks_fragment_t fr;
    tasks_widget_draw(r->arena, r->user->org_id, w, out.result, preview ? NULL : hash, &fr);
    if (filtered)
        fr.html = drill_under_filter(r, w, fr.html, dashboard_filter_qs(r, f));
    if (ckey)
        kv_cmd(r->arena, "SET %s %b EX %d", ckey, fr.html, strlen(fr.html), cfg->cache_ttl);
    card_fragment(card, &fr);
    return 0;
}

json_t *widget_draw_config(const store_widget_t *w, const json_t *result)
{
    json_t *conf = tasks_widget_draw_config(w);
    json_t *full = result_chart_config(result, conf);
    json_decref(conf);
    return full;
}

/* The card's content from the stored result: a chart's stored fragment
 * (drawn again only when its render key no longer matches), a table's
 * rows. -1 when there is no result. */
static int widget_content(req_t *r, json_t *card, const store_widget_t *w, int preview)
{
    if (!tasks_widget_has_fragment(w)) {
        const json_t *result = store_widget_result(r->arena, w);
        if (!result)
            return -1;
        json_object_set_new(card, "table", card_table(r, w, result));
        return 0;
    }
    tasks_fragment_t fr;
    if (preview) { /* settings not saved: drawn, not stored */
        const json_t *result = store_widget_result(r->arena, w);
        if (!result)
            return -1;
        tasks_widget_draw(r->arena, r->user->org_id, w, result, NULL, &fr);
    } else if (tasks_widget_fragment(r->arena, r->user->org_id, w, &fr) < 0)
        return -1;
    card_fragment(card, &fr);
    return 0;
}

int widget_stale(const store_widget_t *w, long every)
{
    long long age = w->age_s < 0 ? 999999 : w->age_s;
    return !w->result_text || age > (every > 0 ? every : WIDGET_STALE_AFTER_S);
}

/* What the dashboard's card template reads of the row (widget_cards):
 * less to build and free than store_widget_json, on every view. */
static json_t *card_json(const store_widget_t *w)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(w->id));
    json_object_set_new(o, "dashboard_id", json_string(w->dashboard_id));
    json_object_set_new(o, "title", json_string(w->title));
    json_object_set_new(o, "size", json_string(w->size));
    json_object_set_new(o, "refreshed", w->refreshed ? json_string(w->refreshed) : json_null());
    json_object_set_new(o, "kpi", json_boolean(strcmp(w->kind, "kpi") == 0));
    json_object_set_new(o, "grid", json_pack("{s:i, s:i, s:i, s:i}", "x", w->gx, "y", w->gy,
                                             "w", w->gw, "h", w->gh));
    return o;
}

/* One widget's template data (a new reference). mode: 0 = use the stored
 * result and mark it for lazy reload when stale, 1 = run stale ones now,
 * 2 = run now; | WIDGET_PREVIEW: the widget's settings are the edit form's,
 * not saved (nothing drawn is stored); | WIDGET_FULL: every field of the row
 * (the editor), not only the card's. every: the dashboard's auto-refresh
 * in seconds (0 = off). */
json_t *widget_view(req_t *r, const store_widget_t *w, const dash_filter_t *f, int mode, long every)
{
    int preview = (mode & WIDGET_PREVIEW) != 0;
    json_t *card = mode & WIDGET_FULL ? store_widget_json(w) : card_json(w);
    mode &= ~(WIDGET_PREVIEW | WIDGET_FULL);
    json_object_set_new(card, arena_printf(r->arena, "size_%s", w->size), json_true());
    if (strcmp(w->kind, "text") == 0) {
        char *html = tmpl_markdown(w->body_markdown);
        json_object_set_new(card, "html", json_string(html));
        free(html);
        return card;
    }
    int stale = widget_stale(w, every) || dashboard_filter_active(f);
    int ran = mode == 2 || (mode == 1 && stale), lazy = !ran && stale;
    if (ran && widget_run(r, w, card, f, mode == 2, preview) == 0)
        return card;
    if (lazy)
        json_object_set_new(card, "lazy", json_true());
    if (widget_content(r, card, w, preview) < 0 && !ran && !lazy)
        json_object_set_new(card, "error", json_string("No result yet: refresh this widget."));
    return card;
}
json_t *widgets_view(req_t *r, const store_dash_t *d, const store_widget_t *rows, size_t n,
                     const dash_filter_t *f, int can_edit)
{
    /* Browsers with JavaScript load stale widgets themselves (htmx); the
     * others get them run here, bounded by the query timeout. */
    const char *js = http_cookie(r, "dm_js");
    int mode = js && strcmp(js, "1") == 0 ? 0 : 1;
    long every = (long)d->refresh_minutes * 60;
    const char *qs = dashboard_filter_qs(r, f);
    /* the grid as stored; a widget without a place (or overlapping after
     * an old edit) is laid out here, not written: cards in reading order */
    store_grid_item_t *items = arena_alloc(r->arena, (n + 1) * sizeof *items);
    size_t *order = arena_alloc(r->arena, (n + 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        items[i] = (store_grid_item_t){rows[i].gx, rows[i].gy, rows[i].gw, rows[i].gh, rows[i].placed};
    store_grid_settle(items, n, -1);
    store_grid_order(items, n, order);
    json_t *cards = json_array();
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        store_widget_t w = rows[i];
        w.gx = items[i].x, w.gy = items[i].y, w.gw = items[i].w, w.gh = items[i].h;
        json_t *card = widget_view(r, &w, f, mode, every);
        json_object_set_new(card, "can_edit", json_boolean(can_edit));
        json_object_set_new(card, "first", json_boolean(k == 0));
        json_object_set_new(card, "last", json_boolean(k + 1 == n));
        json_object_set_new(card, "qs", json_string(qs));
        json_array_append_new(cards, card);
    }
    return cards;
}
