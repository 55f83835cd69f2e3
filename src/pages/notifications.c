/* notifications.c — the bell and the notifications page. */
#include "pages/pages.h"
#include "store/notifications.h"
#include "live/live.h"

void page_notifications(req_t *r)
{
    json_t *ctx = page_ctx(r, "Notifications", "notifications");
    store_notif_t *rows;
    size_t n;
    store_notif_list(r->arena, r->user->org_id, r->user->id, &rows, &n);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, store_notif_json(&rows[i]));
    json_object_set_new(ctx, "empty", json_boolean(n == 0));
    json_object_set_new(ctx, "items", list);
    page_render(r, "notifications", ctx);
}

/* The bell's badge alone, for htmx polling every 30 s (when it is not pushed). */
void page_notifications_count(req_t *r)
{
    json_t *ctx = json_object();
    if (r->user->unread > 0) /* counted by the session's statement */
        json_object_set_new(ctx, "unread", json_integer(r->user->unread));
    http_header(r, "Cache-Control", "no-store");
    page_render_bare(r, "partials/bell_count", ctx, NULL);
}

/* The user's other open pages see the new count (live updates on). */
static void push_bell(req_t *r)
{
    if (live_enabled())
        live_publish_bell(r->arena, r->user->org_id, r->user->id,
                          store_notif_unread(r->arena, r->user->org_id, r->user->id));
}

void page_notifications_read_all(req_t *r)
{
    store_notif_read_all(r->arena, r->user->org_id, r->user->id);
    push_bell(r);
    http_redirect(r, 303, "/notifications");
}

void page_notification_read(req_t *r)
{
    const char *id = http_route_param(r, "id");
    if (store_notif_read(r->arena, r->user->org_id, r->user->id, id) < 0) {
        page_error(r, 404, "There is no such notification.");
        return;
    }
    push_bell(r);
    const char *next = http_param(r, "next");
    http_redirect(r, 303, next && http_safe_local_path(next) ? next : "/notifications");
}
