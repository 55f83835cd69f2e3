/* org.c — the organization's admin page: its limits with their current
 * usage (set by an instance operator: `datamind org set-limits`), its chat
 * retention period (chat.purge deletes older chats), and deleting the
 * whole organization (typed confirmation of its name; its uploads schema
 * and role go too, and every session of its users ends with it). */
#include "pages/pages.h"
#include "core/log.h"
#include "store/audit.h"
#include "store/orgs.h"
#include "uploads/uploads.h"

#include <stdlib.h>
#include <string.h>

#define RETENTION_MAX_DAYS 36500

static void org_render(req_t *r, form_t *f, int status)
{
    store_org_t o;
    if (store_org_get(r->arena, r->user->org_id, &o) < 0) {
        page_error(r, 503, "Your organization could not be read right now. Try again in a moment.");
        return;
    }
    json_t *ctx = page_ctx(r, "Organization", "admin");
    json_object_set_new(ctx, "org", store_org_json(&o));
    if (f)
        form_into(f, ctx);
    r->status = status;
    page_render(r, "org", ctx);
}

void page_org(req_t *r)
{
    org_render(r, NULL, 200);
}

/* "" or "0": keep chats; else whole days, 1 … RETENTION_MAX_DAYS. -1 bad. */
static int retention_parse(const char *s)
{
    if (!s || !*s)
        return 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < 0 || v > RETENTION_MAX_DAYS)
        return -1;
    return (int)v;
}

void page_org_retention(req_t *r)
{
    form_t f;
    form_open(&f, r);
    const char *raw = form_text(&f, "retention_days", "Chat retention", 0, 10);
    int days = retention_parse(raw);
    if (days < 0)
        form_error(&f, "retention_days", "Give a whole number of days from 1 to 36500, or leave "
                                         "it empty to keep chats.");
    if (!form_ok(&f)) {
        org_render(r, &f, 400);
        return;
    }
    form_close(&f);
    char err[256];
    if (store_org_set_retention(r->arena, r->user->org_id, days, err, sizeof err) < 0) {
        page_error(r, 503, "The retention period could not be saved; try again.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "org.retention", "organization",
                       r->user->org_id, json_pack("{s:i}", "chat_retention_days", days),
                       r->remote_addr);
    page_flash(r, "ok", days ? "Chat retention saved: older chats are deleted within a minute."
                             : "Chats are kept until their owners delete them.");
    http_redirect(r, 303, "/admin/org");
}

void page_org_delete(req_t *r)
{
    form_t f;
    form_open(&f, r);
    const char *name = form_text(&f, "confirm_name", "Organization name", 1, 200);
    if (form_ok(&f) && strcmp(name, r->user->org_name) != 0)
        form_error(&f, "confirm_name", "Type the organization's name exactly as shown.");
    if (!form_ok(&f)) {
        org_render(r, &f, 400);
        return;
    }
    form_close(&f);
    char err[256];
    if (uploads_org_drop(r->arena, r->user->org_id, err, sizeof err) < 0) {
        log_msg(LOG_ERROR, "org delete %s: uploads schema: %s", r->user->org_id, err);
        page_error(r, 503, "The organization's uploaded tables could not be removed, so nothing "
                           "was deleted. Try again in a moment.");
        return;
    }
    int rc = store_org_delete(r->arena, r->user->org_id, name, err, sizeof err);
    if (rc != 0) {
        log_msg(LOG_ERROR, "org delete %s: %s", r->user->org_id, rc < 0 ? err : "name changed");
        page_error(r, rc < 0 ? 503 : 409, "The organization could not be deleted; try again.");
        return;
    }
    /* its audit log went with it: the instance's log keeps the fact */
    log_msg(LOG_WARN, "organization %s (%s) deleted by its admin %s", r->user->org_slug,
            r->user->org_id, r->user->id);
    session_end(r);
    page_flash(r, "ok", "Your organization and all its data are deleted.");
    http_redirect(r, 303, "/login");
}
