/* erase.c — an admin erases a user of their organization: a page that
 * says what will go and what stays, then the erasure itself
 * (store_rights_erase): chats and private items deleted, what they shared
 * handed to the admin, audit rows kept with the person shown as "erased
 * user". An admin cannot erase themselves (another admin can). */
#include "pages/pages.h"
#include "core/log.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/rights.h"

#include <string.h>

/* The user to erase, or NULL with the answer sent (404, or 400 for self). */
static const store_account_t *erase_target(req_t *r, store_account_t *u)
{
    const char *uid = http_route_param(r, "id");
    if (store_account_get(r->arena, r->user->org_id, uid, u) < 0) {
        page_error(r, 404, "There is no such user in your organization.");
        return NULL;
    }
    if (strcmp(u->user_id, r->user->id) == 0) {
        page_error(r, 400, "You cannot erase yourself. Another admin can.");
        return NULL;
    }
    return u;
}

void page_user_erase_form(req_t *r)
{
    store_account_t u;
    if (!erase_target(r, &u))
        return;
    json_t *ctx = page_ctx(r, "Erase user", "admin");
    json_object_set_new(ctx, "target", store_account_json(&u));
    page_render(r, "user_erase", ctx);
}

void page_user_erase(req_t *r)
{
    store_account_t u;
    if (!erase_target(r, &u))
        return;
    store_erasure_t done;
    char err[256] = "";
    int rc = store_rights_erase(r->arena, r->user->org_id, u.user_id, r->user->id, &done, err,
                                sizeof err);
    if (rc == 404) {
        page_error(r, 404, "There is no such user in your organization.");
        return;
    }
    if (rc != 0) {
        log_msg(LOG_ERROR, "erase user %s: %s", u.user_id, err);
        page_error(r, 503, "The user could not be erased; nothing was changed. Try again.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "user.erase", "user", u.user_id,
                       json_pack("{s:I, s:I, s:I, s:I}", "chats", (json_int_t)done.chats,
                                 "private_items", (json_int_t)done.private_items, "handed_over",
                                 (json_int_t)done.handed_over, "audit_rows_anonymized",
                                 (json_int_t)done.audit_rows),
                       r->remote_addr);
    page_flash(r, "ok", "The user is erased. What they shared with the organization is now yours.");
    http_redirect(r, 303, "/admin/users");
}
