/* dashboards.c — the list, a dashboard's page (its grid of widgets, date
 * filter, refresh), create, edit, share, duplicate, delete, and pinning a
 * chat answer. Widgets themselves are in widgets.c. */
#include "pages/pages.h"
#include "store/connections.h"
#include "store/queries.h"
#include "store/audit.h"
#include "store/dashboards.h"
#include "store/links.h"
#include "store/sessions.h"
#include "store/widgets.h"
#include "core/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const int refresh_choices[] = {0, 1, 5, 15, 60};

void page_dashboards(req_t *r)
{
    json_t *ctx = page_ctx(r, "Dashboards", "dashboards");
    json_t *list = dashboard_list_view(r);
    json_object_set_new(ctx, "empty", json_boolean(json_array_size(list) == 0));
    json_object_set_new(ctx, "dashboards", list);
    page_render(r, "dashboards", ctx);
}

json_t *dashboard_list_view(req_t *r)
{
    store_dash_t *list;
    size_t n;
    store_dash_list(r->arena, r->user->org_id, r->user->id, &list, &n);
    return store_dash_list_json(list, n);
}

void page_dashboard_create(req_t *r)
{
    form_t f;
    form_open(&f, r);
    const char *title = form_text(&f, "title", "Title", 1, 200);
    const char *desc = form_text(&f, "description", "Description", 0, 2000);
    const char *shared = http_param(r, "shared");
    char *id = NULL;
    if (!form_ok(&f) || store_dash_create(r->arena, r->user->org_id, r->user->id, title, desc,
                                          shared && strcmp(shared, "1") == 0, &id) < 0) {
        form_close(&f);
        page_flash(r, "error", "A dashboard needs a title (at most 200 characters).");
        http_redirect(r, 303, "/dashboards");
        return;
    }
    form_close(&f);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "dashboard.create", "dashboard", id,
                 json_pack("{s:s}", "title", title), r->remote_addr);
    http_redirect(r, 303, arena_printf(r->arena, "/dashboards/%s", id));
}

/* The dashboard, or a 404 page and NULL. The request's arena owns it. */
const store_dash_t *dashboard_load(req_t *r)
{
    store_dash_t *d = arena_alloc(r->arena, sizeof *d);
    if (store_dash_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), d) < 0) {
        page_error(r, 404, "There is no such dashboard (or it is someone's private one).");
        return NULL;
    }
    return d;
}

/* Analysts and admins change shared dashboards and their own; viewers read. */
int dashboard_can_edit(const req_t *r, const store_dash_t *d)
{
    return r->user->role >= ROLE_ANALYST && (d->mine || d->is_shared || r->user->role >= ROLE_ADMIN);
}

static json_t *refresh_options(int current)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < sizeof refresh_choices / sizeof refresh_choices[0]; i++)
        json_array_append_new(arr, json_pack("{s:i, s:s, s:b}", "value", refresh_choices[i],
                                             "label", refresh_choices[i] == 0 ? "off"
                                             : refresh_choices[i] == 1 ? "every minute"
                                             : refresh_choices[i] == 5 ? "every 5 minutes"
                                             : refresh_choices[i] == 15 ? "every 15 minutes"
                                             : "every hour",
                                             "selected", refresh_choices[i] == current));
    return arr;
}

static json_t *range_options(const char *current)
{
    static const char *const names[][2] = {{"all", "All time"}, {"7d", "Last 7 days"},
                                           {"30d", "Last 30 days"}, {"90d", "Last 90 days"},
                                           {"year", "This year"}, {"custom", "Custom"}};
    json_t *arr = json_array();
    for (size_t i = 0; i < 6; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", names[i][0], "label",
                                             names[i][1], "selected",
                                             current ? strcmp(current, names[i][0]) == 0 : i == 0));
    return arr;
}

/* The dashboard's public links for its page (links.c makes and revokes
 * them): {links, expiries, none}; *key gets what the page's ETag adds. */
static json_t *links_view(req_t *r, const store_dash_t *d, const char **key)
{
    store_link_t *rows;
    size_t n;
    store_link_list(r->arena, r->user->org_id, d->id, &rows, &n);
    buf_t k = {0};
    for (size_t i = 0; i < n; i++)
        buf_printf(&k, "|%s/%d/%d", rows[i].id, rows[i].revoked != NULL, rows[i].expired);
    *key = arena_strdup(r->arena, buf_str(&k));
    buf_free(&k);
    return json_pack("{s:o, s:o, s:b}", "links", store_link_list_json(rows, n), "expiries",
                     store_link_expiries_json(), "none", n == 0);
}

/* The ETag key of a dashboard view: its row and its widgets' rows (their
 * versions change with any change), the names joined in, and which
 * widgets are stale (drawn "refreshing…" for the browser to load). NULL
 * when the view depends on more than that: under a filter (the date range
 * or a parameter's value), or when stale widgets are run by this view (no
 * JavaScript), it runs queries. */
static const char *view_key(req_t *r, const store_dash_t *d, const store_widget_t *rows, size_t n,
                            const dash_filter_t *flt, int can_edit)
{
    /* a filtered view (the date range or a parameter's ?p_<name>=), or one
     * following refreshes */
    if (dashboard_filter_active(flt) || flt->params || http_query(r, "jobs"))
        return NULL;
    const char *js = http_cookie(r, "dm_js");
    int runs_stale = !(js && strcmp(js, "1") == 0); /* as widgets_view decides */
    for (size_t i = 0; i < n; i++)
        if (runs_stale && strcmp(rows[i].kind, "text") != 0 &&
            widget_stale(&rows[i], (long)d->refresh_minutes * 60))
            return NULL;
    buf_t k = {0};
    /* runs_stale also says whether the page loads its sharing card itself */
    buf_printf(&k, "%s/%s/%d/%d|%s|%s", d->id, d->version, can_edit, runs_stale, d->owner,
               dashboard_filter_qs(r, flt));
    for (size_t i = 0; i < n; i++)
        buf_printf(&k, "|%s/%s/%d|%s", rows[i].id, rows[i].version,
                   widget_stale(&rows[i], (long)d->refresh_minutes * 60), rows[i].connection);
    const char *key = arena_strdup(r->arena, buf_str(&k));
    buf_free(&k);
    return key;
}

int page_dashboard_again(req_t *r)
{
    unsigned char sid[16];
    store_session_auth_t sess;
    store_dash_t d;
    store_widget_t *rows;
    size_t n;
    if (session_cookie_sid(r, sid) < 0 || !page_store_has(r, sid) ||
        store_dash_head_session(r->arena, sid, cfg->session_idle_hours, http_route_param(r, "id"),
                                &sess, &d, &rows, &n) < 0)
        return 0;
    session_attach_loaded(r, sid, &sess);
    dash_filter_t flt;
    dashboard_filter_read(r, &flt);
    const char *key = view_key(r, &d, rows, n, &flt, dashboard_can_edit(r, &d));
    if (key && page_store_answer(r, key))
        return 1;
    r->user = NULL; /* changed since: the usual way, from the session step on */
    r->csrf = NULL;
    return 0;
}

void page_dashboard(req_t *r)
{
    store_dash_t *d = arena_alloc(r->arena, sizeof *d);
    store_widget_t *rows;
    size_t n;
    if (store_dash_view(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), d, &rows,
                        &n) < 0) {
        page_error(r, 404, "There is no such dashboard (or it is someone's private one).");
        return;
    }
    int can_edit = dashboard_can_edit(r, d);
    dash_filter_t flt;
    dashboard_filter_read(r, &flt);
    /* The public links and scheduled e-mails: loaded by the browser after
     * the page when it runs JavaScript (the warm view stays two
     * statements), drawn in the page when it does not. */
    const char *js = http_cookie(r, "dm_js");
    int lazy = can_edit && js && strcmp(js, "1") == 0;
    const char *key = view_key(r, d, rows, n, &flt, can_edit), *links_key = "", *reports_key = "";
    json_t *share = can_edit && !lazy ? links_view(r, d, &links_key) : NULL;
    json_t *reports = can_edit && !lazy ? reports_view(r, d->id, NULL, &reports_key) : NULL;
    if (key && page_not_modified(r, arena_printf(r->arena, "%s%s%s", key, links_key, reports_key))) {
        json_decref(share);
        json_decref(reports);
        return; /* 304: nothing rendered */
    }
    json_t *ctx = page_ctx(r, d->title, "dashboards");
    json_object_set_new(ctx, "empty", json_boolean(n == 0));
    json_t *cards = widgets_view(r, d, rows, n, &flt, can_edit);
    const char *follow = widgets_follow_url(r, d, cards, &flt);
    if (follow) /* without JavaScript: the page reloads until they are done */
        json_object_set_new(ctx, "refresh_nojs", json_string(arena_printf(r->arena, "1;url=%s", follow)));
    json_object_set_new(ctx, "widgets", cards);
    json_object_set_new(ctx, "can_edit", json_boolean(can_edit));
    if (share)
        json_object_set_new(ctx, "share", share);
    if (reports)
        json_object_set_new(ctx, "reports", reports);
    json_object_set_new(ctx, "sharing_lazy", json_boolean(lazy));
    json_object_set_new(ctx, "refresh_options",
                        refresh_options(d->refresh_minutes));
    json_object_set_new(ctx, "ranges", range_options(flt.range));
    json_object_set_new(ctx, "filter", json_pack("{s:s, s:s, s:s}", "range", flt.range ? flt.range : "all",
                        "from", flt.from ? flt.from : "", "to", flt.to ? flt.to : ""));
    json_object_set_new(ctx, "filter_qs", json_string(dashboard_filter_qs(r, &flt)));
    json_t *dash_params = dashboard_param_inputs(r, &flt, rows, n);
    json_object_set_new(ctx, "has_dash_params", json_boolean(json_array_size(dash_params) > 0));
    json_object_set_new(ctx, "dash_params", dash_params);
    long mins = d->refresh_minutes;
    if (mins > 0)
        json_object_set_new(ctx, "poll", json_string(arena_printf(r->arena, "every %lds", mins * 60)));
    json_object_set_new(ctx, "dashboard", store_dash_json(d));
    page_render(r, "dashboard", ctx);
    if (key && !share && !reports) /* a page with its sharing card drawn in changes without the key */
        page_store_keep(r, key);
}

/* GET /dashboards/{id}/widgets/new — the add-widget forms with the lists
 * they offer (saved queries, connections), loaded only when asked for: a
 * page of its own without JavaScript, a fragment htmx puts in the
 * dashboard's "Add a widget" card with it. */
void page_widget_new(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    if (!dashboard_can_edit(r, d)) {
        page_error(r, 403, "Only analysts and admins change this dashboard.");
        return;
    }
    json_t *ctx = page_ctx(r, arena_printf(r->arena, "Add a widget to %s", d->title), "dashboards");
    store_query_t *saved;
    size_t nsaved;
    store_query_list(r->arena, r->user->org_id, r->user->id, NULL, &saved, &nsaved);
    json_object_set_new(ctx, "saved_queries", store_query_list_json(saved, nsaved));
    store_conn_t *conns;
    size_t nconns;
    store_conn_list(r->arena, r->user->org_id, &conns, &nconns);
    json_object_set_new(ctx, "connections", store_conn_list_json(conns, nconns, NULL));
    json_object_set_new(ctx, "dashboard", store_dash_json(d));
    page_render(r, "widget_new", ctx);
}

void page_dashboard_update(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    const char *id = d->id;
    if (!dashboard_can_edit(r, d)) {
        page_error(r, 403, "Only analysts and admins change dashboards.");
        return;
    }
    form_t f;
    form_open(&f, r);
    const char *title = form_text(&f, "title", "Title", 1, 200);
    const char *desc = form_text(&f, "description", "Description", 0, 2000);
    const char *shared = http_param(r, "shared");
    const char *refresh = http_param(r, "refresh_minutes");
    int mins = refresh ? atoi(refresh) : 0, ok_mins = 0;
    for (size_t i = 0; i < 5; i++)
        ok_mins |= mins == refresh_choices[i];
    int ok = form_ok(&f) && ok_mins;
    form_close(&f);
    int share = shared && strcmp(shared, "1") == 0;
    if (!ok || store_dash_update(r->arena, r->user->org_id, id, title, desc, share, mins) < 0) {
        page_flash(r, "error", "A dashboard needs a title; auto-refresh is off, 1, 5, 15 or 60 minutes.");
    } else {
        store_audit_record(r->arena, r->user->org_id, r->user->id,
                     share != d->is_shared ? "dashboard.share" : "dashboard.update",
                     "dashboard", id, json_pack("{s:s, s:b, s:i}", "title", title, "shared", share,
                                                "refresh_minutes", mins), r->remote_addr);
        page_flash(r, "ok", "Dashboard saved.");
    }
    http_redirect(r, 303, arena_printf(r->arena, "/dashboards/%s", id));
}

void page_dashboard_duplicate(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    char err[256], *nid = NULL;
    const char *id = d->id;
    if (r->user->role < ROLE_ANALYST ||
        store_dash_duplicate(r->arena, r->user->org_id, r->user->id, id, &nid, err, sizeof err) < 0) {
        page_error(r, r->user->role < ROLE_ANALYST ? 403 : 500, "The dashboard could not be copied.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "dashboard.duplicate", "dashboard", nid,
                 json_pack("{s:s}", "from", id), r->remote_addr);
    page_flash(r, "ok", "Copied. The copy is private until you share it.");
    http_redirect(r, 303, arena_printf(r->arena, "/dashboards/%s", nid));
}

void page_dashboard_delete(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    const char *id = d->id;
    const char *confirm = http_param(r, "confirm");
    if (!dashboard_can_edit(r, d)) {
        page_error(r, 403, "Only analysts and admins delete dashboards.");
        return;
    }
    if (!confirm || strcmp(confirm, "yes") != 0) {
        page_flash(r, "error", "Tick the box to confirm the deletion.");
        http_redirect(r, 303, arena_printf(r->arena, "/dashboards/%s", id));
        return;
    }
    store_dash_delete(r->arena, r->user->org_id, id);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "dashboard.delete", "dashboard", id,
                 json_pack("{s:s}", "title", d->title), r->remote_addr);
    page_flash(r, "ok", "Dashboard deleted.");
    http_redirect(r, 303, "/dashboards");
}

/* GET /dashboards/{id}/sharing — the dashboard's public links and scheduled
 * e-mails: a page of its own, or the fragment the dashboard's page loads. */
void page_dashboard_sharing(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    if (!dashboard_can_edit(r, d)) {
        page_error(r, 403, "Only analysts and admins who may change this dashboard share it.");
        return;
    }
    const char *unused;
    json_t *ctx = page_ctx(r, arena_printf(r->arena, "Sharing %s", d->title), "dashboards");
    json_object_set_new(ctx, "share", links_view(r, d, &unused));
    json_object_set_new(ctx, "reports", reports_view(r, d->id, NULL, &unused));
    json_object_set_new(ctx, "dashboard", store_dash_json(d));
    page_render(r, "dashboard_sharing", ctx);
}
