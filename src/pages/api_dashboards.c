/* api_dashboards.c — dashboards through the API: list, get (with its
 * widgets), create, update, delete, refresh (every widget's query run by
 * the worker, waited for DATAMIND_QUERY_WAIT_MS in all, as the page's
 * Refresh). Who may change one is the pages' rule (dashboard_can_edit);
 * the widgets are api_widgets.c's. */
#include "pages/pages.h"
#include "pages/api_internal.h"
#include "store/audit.h"
#include "store/dashboards.h"
#include "store/widgets.h"

#include <string.h>

/* A widget as the API gives it: its fields and its last result. */
json_t *api_widget_json(req_t *r, const store_widget_t *w)
{
    json_t *o = store_widget_json(w);
    const json_t *res = store_widget_result(r->arena, w);
    json_object_set_new(o, "result", res ? json_deep_copy(res) : json_null());
    json_object_set_new(o, "svg_url", json_string(arena_printf(
        r->arena, "/api/v1/dashboards/%s/widgets/%s.svg", w->dashboard_id, w->id)));
    return o;
}

void api_dashboards(req_t *r)
{
    store_dash_t *rows;
    size_t n;
    if (store_dash_list(r->arena, r->user->org_id, r->user->id, &rows, &n) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    api_reply_page(r, store_dash_list_json(rows, n));
}

/* The dashboard with its widgets. New reference. */
static json_t *dashboard_json(req_t *r, const store_dash_t *d)
{
    json_t *o = store_dash_json(d);
    store_widget_t *rows;
    size_t n;
    store_widget_list(r->arena, r->user->org_id, d->id, &rows, &n);
    json_t *ws = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(ws, api_widget_json(r, &rows[i]));
    json_object_set_new(o, "widget_list", ws);
    json_object_set_new(o, "can_edit", json_boolean(dashboard_can_edit(r, d)));
    return o;
}

void api_dashboard(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (d)
        api_reply(r, 200, dashboard_json(r, d));
}

/* title, description, shared and refresh_minutes of body over d (NULL:
 * a new dashboard). -1 with a 422 answered. */
typedef struct dash_fields {
    const char *title, *description;
    int shared, refresh_minutes;
} dash_fields_t;

static int read_fields(req_t *r, const json_t *body, const store_dash_t *d, dash_fields_t *f)
{
    const char *title, *desc;
    if (api_str(r, body, "title", 200, &title) < 0 || api_str(r, body, "description", 2000, &desc) < 0)
        return -1;
    const json_t *shared = json_object_get(body, "shared");
    const json_t *mins = json_object_get(body, "refresh_minutes");
    f->title = title ? title : d ? d->title : NULL;
    f->description = desc ? desc : d && d->description ? d->description : "";
    f->shared = shared ? json_is_true(shared) : d ? d->is_shared : 0;
    f->refresh_minutes = mins ? (int)json_integer_value(mins) : d ? d->refresh_minutes : 0;
    int m = f->refresh_minutes;
    if ((shared && !json_is_boolean(shared)) || (mins && !json_is_integer(mins)) ||
        !(m == 0 || m == 1 || m == 5 || m == 15 || m == 60) || !f->title || !*f->title) {
        api_error(r, 422, NULL, "A dashboard needs a \"title\" (at most 200 characters); "
                                "\"shared\" is true or false; \"refresh_minutes\" is 0 (off), "
                                "1, 5, 15 or 60.");
        return -1;
    }
    return 0;
}

static void audit(req_t *r, const char *action, const char *id, const char *title)
{
    store_audit_record(r->arena, r->user->org_id, r->user->id, action, "dashboard", id,
                       json_pack("{s:s, s:s}", "title", title, "via", "api"), r->remote_addr);
}

void api_dashboard_create(req_t *r)
{
    json_t *body = api_body(r);
    dash_fields_t f;
    char *id = NULL;
    if (!body || read_fields(r, body, NULL, &f) < 0)
        return;
    store_dash_t d;
    if (store_dash_create(r->arena, r->user->org_id, r->user->id, f.title, f.description,
                          f.shared, &id) < 0 ||
        (f.refresh_minutes && store_dash_update(r->arena, r->user->org_id, id, f.title,
                                                f.description, f.shared, f.refresh_minutes) < 0) ||
        store_dash_get(r->arena, r->user->org_id, r->user->id, id, &d) < 0) {
        api_error(r, 503, NULL, "The dashboard could not be created. Try again.");
        return;
    }
    audit(r, "dashboard.create", id, f.title);
    http_header(r, "Location", arena_printf(r->arena, "/api/v1/dashboards/%s", id));
    api_reply(r, 201, dashboard_json(r, &d));
}

/* The route's dashboard when the caller may change it; NULL with the
 * error answered (404, 403). */
const store_dash_t *api_dashboard_editable(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (d && !dashboard_can_edit(r, d)) {
        api_error(r, 403, NULL, "Only analysts and admins change this dashboard (a private one: "
                                "only its owner or an admin).");
        return NULL;
    }
    return d;
}

void api_dashboard_update(req_t *r)
{
    json_t *body = api_body(r);
    const store_dash_t *d;
    dash_fields_t f;
    if (!body || !(d = api_dashboard_editable(r)) || read_fields(r, body, d, &f) < 0)
        return;
    store_dash_t now;
    if (store_dash_update(r->arena, r->user->org_id, d->id, f.title, f.description, f.shared,
                          f.refresh_minutes) < 0 ||
        store_dash_get(r->arena, r->user->org_id, r->user->id, d->id, &now) < 0) {
        api_error(r, 503, NULL, "The dashboard could not be saved. Try again.");
        return;
    }
    audit(r, f.shared != d->is_shared ? "dashboard.share" : "dashboard.update", d->id, f.title);
    api_reply(r, 200, dashboard_json(r, &now));
}

void api_dashboard_delete(req_t *r)
{
    const store_dash_t *d = api_dashboard_editable(r);
    if (!d)
        return;
    if (store_dash_delete(r->arena, r->user->org_id, d->id) < 0) {
        api_error(r, 503, NULL, "The dashboard could not be deleted. Try again.");
        return;
    }
    audit(r, "dashboard.delete", d->id, d->title);
    api_reply(r, 200, json_pack("{s:s, s:b}", "id", d->id, "deleted", 1));
}

/* POST /api/v1/dashboards/{id}/refresh and …/widgets/{wid}/refresh: the
 * queries run by the worker; 200 with the widgets when they are done in
 * time, 202 with the ones still running named (GET the dashboard again). */
void api_dashboard_refresh(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    const char *follow = widgets_refresh_dashboard(r, d, http_route_param(r, "wid"));
    if (!follow) {
        api_error(r, 404, NULL, "There is no such widget on this dashboard.");
        return;
    }
    int running = *follow != '\0';
    json_t *o = dashboard_json(r, d);
    json_object_set_new(o, "status", json_string(running ? "running" : "done"));
    if (running)
        http_header(r, "Location", arena_printf(r->arena, "/api/v1/dashboards/%s", d->id));
    api_reply(r, running ? 202 : 200, o);
}
