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
#include "live/live.h"
#include "tmpl/tmpl.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    /* parameter filters: ?p_<name>=value, for the widgets with {{name}} */
    f->params = NULL;
    for (size_t i = 0; i < r->query.n; i++) {
        const kv_t *q = &r->query.items[i];
        if (strncmp(q->name, "p_", 2) != 0 || !q->name[2] || !q->value || !*q->value)
            continue;
        if (!f->params) {
            f->params = json_object();
            arena_defer_json(r->arena, f->params);
        }
        json_object_set_new(f->params, q->name + 2, json_stringn(q->value, q->len));
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
    const char *name;
    json_t *v;
    json_object_foreach(f->params, name, v) {
        if (!json_is_string(v))
            continue;
        buf_printf(&b, "%sp_", b.len ? "&" : "");
        http_url_encode(&b, name);
        buf_putc(&b, '=');
        http_url_encode(&b, json_string_value(v));
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
static json_t *card_table(req_t *r, const store_widget_t *w, const json_t *result, const char *qs)
{
    json_t *t = result_table(result, 0, WIDGET_ROWS);
    result_table_sort_links(r, t, arena_printf(r->arena, "/dashboards/%s/widgets/%s/rows%s%s",
                                               w->dashboard_id, w->id, qs && *qs ? "?" : "",
                                               qs ? qs : ""), NULL, NULL, 0);
    return t;
}

/* The card shows the chart fragment (copied, not validated again: it is
 * our own UTF-8). */
static void card_fragment(json_t *card, const tasks_fragment_t *fr)
{
    json_object_set_new(card, "fragment", json_stringn_nocheck(fr->html, strlen(fr->html)));
}

/* The date range applies to the widget (it has a date column). */
static int widget_dated(const store_widget_t *w, const dash_filter_t *f)
{
    return dashboard_filter_active(f) && w->date_column && *w->date_column;
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

/* The values the filters give the widget's {{name}} parameters (owned by
 * the arena), or NULL when none applies. */
static const json_t *widget_values(req_t *r, const store_widget_t *w, const dash_filter_t *f)
{
    json_t *v = dashboard_widget_values(r, f, w);
    arena_defer_json(r->arena, v);
    return v;
}

/* A filter applies to the widget: the date range (its date column) or a
 * value of one of its parameters. */
static int widget_filtered(req_t *r, const store_widget_t *w, const dash_filter_t *f)
{
    return widget_dated(w, f) || widget_values(r, w, f);
}

/* A filtered view cached by an earlier run (tasks_widget_filtered_key): a
 * chart's fragment or a table's result into the card. 1 when found. */
static int filtered_hit(req_t *r, const store_widget_t *w, const dash_filter_t *f, json_t *card)
{
    if (cfg->cache_ttl <= 0)
        return 0;
    const char *run_sql = widget_dated(w, f)
                              ? query_wrap_date_range(r->arena, query_conn_dialect(r->arena,
                                                      r->user->org_id, w->connection_id),
                                                      w->sql_text, w->date_column,
                                                      f->range, f->from, f->to)
                              : w->sql_text;
    redisReply *hit = kv_cmd(r->arena, "GET %s",
                             tasks_widget_filtered_key(r->arena, r->user->org_id, w, run_sql,
                                                       widget_values(r, w, f)));
    if (!hit || hit->type != REDIS_REPLY_STRING)
        return 0;
    metrics_count("fragment_cache_hit");
    if (tasks_widget_has_fragment(w)) { /* its drill-down links carry the filter */
        tasks_fragment_t fr = {.html = drill_under_filter(r, w, arena_strndup(r->arena, hit->str,
                                                                              hit->len),
                                                          dashboard_filter_qs(r, f))};
        card_fragment(card, &fr);
        return 1;
    }
    json_t *result = json_loadb(hit->str, hit->len, 0, NULL);
    if (!result)
        return 0;
    json_object_set_new(card, "table", card_table(r, w, result, dashboard_filter_qs(r, f)));
    json_decref(result);
    return 1;
}

/* The widget's query handed to the worker (never run here). 0 with jid. */
static int widget_submit(req_t *r, const store_widget_t *w, const dash_filter_t *f, int refresh,
                         char jid[33])
{
    int dated = widget_dated(w, f);
    tasks_widget_run_t q = {.org_id = r->user->org_id, .user_id = r->user->id,
                            .ip = r->remote_addr, .dashboard_id = w->dashboard_id,
                            .widget_id = w->id, .refresh = refresh,
                            .range = dated ? f->range : NULL, .from = dated ? f->from : NULL,
                            .to = dated ? f->to : NULL, .values = widget_values(r, w, f)};
    char err[256];
    return tasks_widget_submit(r->arena, &q, jid, err, sizeof err);
}

/* A card still waiting for its job: marked refreshing, it asks for itself
 * again when the job's end is pushed (nchan) or every few seconds. */
static void widget_follow(req_t *r, const store_widget_t *w, json_t *card, const dash_filter_t *f,
                          const char *jid)
{
    const char *qs = f ? dashboard_filter_qs(r, f) : "";
    const char *url = arena_printf(r->arena, "/dashboards/%s/widgets/%s?job=%s%s%s", w->dashboard_id,
                                   w->id, jid, *qs ? "&" : "", qs);
    const char *live = live_enabled() ? live_channel_org_item(r->arena, r->user->org_id, "widget", jid)
                                      : NULL;
    json_object_set_new(card, "job", json_pack("{s:s, s:s, s:s?}", "id", jid, "url", url, "live", live));
}

static int widget_content(req_t *r, json_t *card, const store_widget_t *w, int preview);

/* The card of a finished job: the outcome's fragment or result (filtered),
 * or the widget's row read again (its new result and fragment). */
static void widget_done(req_t *r, const store_widget_t *w, json_t *card, const dash_filter_t *f,
                        const json_t *o, int preview)
{
    if (!json_is_true(json_object_get(o, "ok"))) {
        const char *e = json_string_value(json_object_get(o, "error"));
        json_object_set_new(card, "error", json_string(e ? e : "The widget's query failed."));
        return;
    }
    const char *frag = json_string_value(json_object_get(o, "fragment"));
    const json_t *result = json_object_get(o, "result");
    json_object_set_new(card, "refreshed", json_string("just now"));
    if (frag) { /* a filtered view: its drill-down links carry the filter */
        tasks_fragment_t fr = {.html = drill_under_filter(r, w, frag, dashboard_filter_qs(r, f))};
        card_fragment(card, &fr);
        return;
    }
    if (result) {
        json_object_set_new(card, "table", card_table(r, w, result, dashboard_filter_qs(r, f)));
        return;
    }
    store_widget_t fresh, shown;
    if (store_widget_get(r->arena, r->user->org_id, w->dashboard_id, w->id, &fresh) < 0) {
        json_object_set_new(card, "error", json_string("This widget was removed from its dashboard."));
        return;
    }
    shown = preview ? *w : fresh; /* a preview keeps the form's settings, with the new result */
    if (preview) {
        shown.result_text = fresh.result_text;
        shown.result_hash = fresh.result_hash;
        shown.refreshed = fresh.refreshed;
        shown.age_s = fresh.age_s;
    }
    if (widget_content(r, card, &shown, preview) < 0)
        json_object_set_new(card, "error", json_string(fresh.last_error ? fresh.last_error
                                                       : "No result yet: refresh this widget."));
}

/* Run the widget's query in the worker (job: the job already doing it, or
 * NULL to submit one) and wait up to wait_ms: the card filled from its
 * outcome, or following the job. */
static void widget_run(req_t *r, const store_widget_t *w, json_t *card, const dash_filter_t *f,
                       int refresh, int preview, const char *job, int wait_ms)
{
    char jid[33];
    if (job) {
        snprintf(jid, sizeof jid, "%s", job);
    } else if (widget_submit(r, w, f, refresh, jid) < 0) {
        json_object_set_new(card, "error", json_string("DataMind cannot run this widget's query "
                            "right now (its job queue is not reachable). Try again in a moment."));
        return;
    }
    const char *why = NULL;
    const json_t *o = page_job_outcome(r, jid, wait_ms, "The widget's query", &why);
    if (why)
        json_object_set_new(card, "error", json_string(why));
    else if (o)
        widget_done(r, w, card, f, o, preview);
    else
        widget_follow(r, w, card, f, jid);
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
        json_object_set_new(card, "table", card_table(r, w, result, NULL));
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
 * result and mark it for lazy reload when stale, 1 = run stale ones, 2 =
 * run now (runs are jobs of the worker: see widget_run); | WIDGET_PREVIEW:
 * the widget's settings are the edit form's, not saved (nothing drawn is
 * stored); | WIDGET_FULL: every field of the row (the editor), not only
 * the card's. every: the dashboard's auto-refresh in seconds (0 = off).
 * job: a job of this widget the page follows (NULL: none); wait_ms: how
 * long to wait for a run's outcome. */
static json_t *widget_card(req_t *r, const store_widget_t *w, const dash_filter_t *f, int mode,
                           long every, const char *job, int wait_ms)
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
    if (!w->connection_id) {
        json_object_set_new(card, "error", json_string("The connection of this widget was deleted: "
                                                       "edit it or remove it."));
        return card;
    }
    int filtered = widget_filtered(r, w, f);
    json_object_set_new(card, "filtered", json_boolean(filtered));
    if (filtered && mode != 2 && !job && !preview && filtered_hit(r, w, f, card))
        return card;
    int stale = filtered || widget_stale(w, every);
    if (job || mode == 2 || (mode == 1 && stale)) {
        widget_run(r, w, card, f, mode == 2, preview, job, wait_ms);
        if (!json_object_get(card, "job"))
            return card;
    } else if (stale) {
        json_object_set_new(card, "lazy", json_true());
    }
    /* while it runs (or is to be loaded), the stored result; none under a filter */
    int shown = !filtered && widget_content(r, card, w, preview) == 0;
    if (!shown && filtered)
        json_object_set_new(card, "loading", json_true());
    else if (!shown && !stale)
        json_object_set_new(card, "error", json_string("No result yet: refresh this widget."));
    return card;
}

json_t *widget_view(req_t *r, const store_widget_t *w, const dash_filter_t *f, int mode, long every)
{
    return widget_card(r, w, f, mode, every, NULL, cfg->query_wait_ms);
}

json_t *widget_view_job(req_t *r, const store_widget_t *w, const dash_filter_t *f, long every,
                        const char *job)
{
    const char *wid = job ? tasks_widget_job(r->arena, r->user->org_id, job) : NULL;
    if (!wid || strcmp(wid, w->id) != 0)
        job = NULL; /* not this widget's (or gone): as without */
    return widget_card(r, w, f, 1, every, job, job ? 0 : cfg->query_wait_ms);
}

/* The job of this widget among the page's ?jobs= (comma-separated), or NULL. */
static const char *job_of(req_t *r, const char *jobs, const char *wid)
{
    for (const char *p = jobs; p && *p;) {
        size_t n = strcspn(p, ",");
        if (n == 32) {
            const char *jid = arena_strndup(r->arena, p, n);
            const char *owner = tasks_widget_job(r->arena, r->user->org_id, jid);
            if (owner && strcmp(owner, wid) == 0)
                return jid;
        }
        p += n + (p[n] == ',');
    }
    return NULL;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *widgets_follow_url(req_t *r, const store_dash_t *d, const json_t *cards,
                               const dash_filter_t *f)
{
    buf_t b = {0};
    size_t i;
    const json_t *card;
    json_array_foreach(cards, i, card) {
        const char *jid = json_string_value(json_object_get(json_object_get(card, "job"), "id"));
        if (jid)
            buf_printf(&b, "%s%s", b.len ? "," : "", jid);
    }
    const char *qs = dashboard_filter_qs(r, f);
    const char *out = b.len ? arena_printf(r->arena, "/dashboards/%s?%s%sjobs=%s", d->id, qs,
                                           *qs ? "&" : "", buf_str(&b)) : NULL;
    buf_free(&b);
    return out;
}

/* Wait DATAMIND_QUERY_WAIT_MS in all for the cards following a job (ws[i]
 * is cards[i]'s widget): a job done meanwhile fills its card. */
static void cards_wait(req_t *r, json_t *cards, const store_widget_t *const *ws,
                       const dash_filter_t *f, int mode, long every)
{
    long long until = now_ms() + cfg->query_wait_ms;
    for (size_t i = 0; i < json_array_size(cards); i++) {
        const char *jid = json_string_value(json_object_get(json_object_get(
            json_array_get(cards, i), "job"), "id"));
        long long left = until - now_ms();
        if (jid && left > 0)
            json_array_set_new(cards, i, widget_card(r, ws[i], f, mode, every,
                                                     arena_strdup(r->arena, jid), (int)left));
    }
}

json_t *widgets_view(req_t *r, const store_dash_t *d, const store_widget_t *rows, size_t n,
                     const dash_filter_t *f, int can_edit)
{
    /* Browsers with JavaScript load stale widgets themselves (htmx); for
     * the others the worker runs them now, and the page waits for them
     * together, then follows the ones still running (?jobs=). */
    const char *js = http_cookie(r, "dm_js");
    int mode = js && strcmp(js, "1") == 0 ? 0 : 1;
    long every = (long)d->refresh_minutes * 60;
    const char *qs = dashboard_filter_qs(r, f), *jobs = http_query(r, "jobs");
    /* the grid as stored; a widget without a place (or overlapping after
     * an old edit) is laid out here, not written: cards in reading order */
    store_grid_item_t *items = arena_alloc(r->arena, (n + 1) * sizeof *items);
    size_t *order = arena_alloc(r->arena, (n + 1) * sizeof *order);
    for (size_t i = 0; i < n; i++)
        items[i] = (store_grid_item_t){rows[i].gx, rows[i].gy, rows[i].gw, rows[i].gh, rows[i].placed};
    store_grid_settle(items, n, -1);
    store_grid_order(items, n, order);
    json_t *cards = json_array();
    store_widget_t *placed = arena_alloc(r->arena, (n + 1) * sizeof *placed);
    const store_widget_t **ws = arena_alloc(r->arena, (n + 1) * sizeof *ws);
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        placed[k] = rows[i];
        placed[k].gx = items[i].x, placed[k].gy = items[i].y;
        placed[k].gw = items[i].w, placed[k].gh = items[i].h;
        ws[k] = &placed[k];
        json_array_append_new(cards, widget_card(r, &placed[k], f, mode, every,
                                                 job_of(r, jobs, placed[k].id), 0));
    }
    if (mode == 1)
        cards_wait(r, cards, ws, f, mode, every);
    for (size_t k = 0; k < n; k++) {
        json_t *card = json_array_get(cards, k);
        json_object_set_new(card, "can_edit", json_boolean(can_edit));
        json_object_set_new(card, "first", json_boolean(k == 0));
        json_object_set_new(card, "last", json_boolean(k + 1 == n));
        json_object_set_new(card, "qs", json_string(qs));
    }
    return cards;
}

const char *widgets_refresh_dashboard(req_t *r, const store_dash_t *d, const char *wid)
{
    store_widget_t *rows;
    size_t n, found;
    store_widget_list(r->arena, r->user->org_id, d->id, &rows, &n);
    json_t *cards = widgets_refresh(r, rows, n, wid, &found);
    dash_filter_t none = {0};
    const char *follow = wid && !found ? NULL : widgets_follow_url(r, d, cards, &none);
    json_decref(cards);
    if (wid && !found)
        return NULL;
    return follow ? follow : "";
}

json_t *widgets_refresh(req_t *r, const store_widget_t *rows, size_t n, const char *only,
                        size_t *found)
{
    json_t *cards = json_array();
    const store_widget_t **ws = arena_alloc(r->arena, (n + 1) * sizeof *ws);
    *found = 0;
    for (size_t i = 0; i < n; i++) {
        if (only && strcmp(only, rows[i].id) != 0)
            continue;
        (*found)++;
        if (strcmp(rows[i].kind, "text") == 0)
            continue;
        ws[json_array_size(cards)] = &rows[i];
        json_array_append_new(cards, widget_card(r, &rows[i], NULL, 2, 0, NULL, 0));
    }
    cards_wait(r, cards, ws, NULL, 2, 0);
    return cards;
}
