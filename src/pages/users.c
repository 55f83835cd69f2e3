/* users.c — user administration for admins: list, add (with a one-time
 * password shown once, or one the admin sets), change role,
 * deactivate and reactivate. */
#include "pages/pages.h"
#include "auth/auth.h"
#include "core/config.h"
#include "store/accounts.h"
#include "store/audit.h"

#include <stdio.h>
#include <string.h>

static int valid_role(const char *role)
{
    return role && (strcmp(role, "admin") == 0 || strcmp(role, "analyst") == 0 ||
                    strcmp(role, "viewer") == 0);
}

static void users_render(req_t *r, form_t *f, int status, const char *onetime, const char *who)
{
    json_t *ctx = page_ctx(r, "Users", "admin");
    store_account_t *rows;
    size_t n;
    store_account_list(r->arena, r->user->org_id, &rows, &n);
    json_t *users = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *u = store_account_json(&rows[i]);
        json_object_set_new(u, arena_printf(r->arena, "is_%s", rows[i].role), json_true());
        json_object_set_new(u, "is_me", json_boolean(strcmp(rows[i].user_id, r->user->id) == 0));
        json_array_append_new(users, u);
    }
    json_object_set_new(ctx, "users", users);
    if (onetime) {
        json_object_set_new(ctx, "onetime", json_string(onetime));
        json_object_set_new(ctx, "onetime_email", json_string(who));
    }
    if (f)
        form_into(f, ctx);
    r->status = status;
    page_render(r, "users", ctx);
}

void page_users(req_t *r)
{
    users_render(r, NULL, 200, NULL, NULL);
}

void page_users_add(req_t *r)
{
    form_t f;
    form_open(&f, r);
    const char *name = form_text(&f, "full_name", "Name", 1, 200);
    const char *email = form_email(&f, "email");
    const char *role = form_text(&f, "role", "Role", 1, 20);
    const char *pw = http_param(r, "password");
    char onetime[AUTH_ONETIME_PASSWORD_LEN + 1], why[200];
    if (!valid_role(role))
        form_error(&f, "role", "Choose admin, analyst or viewer.");
    if (pw && *pw && password_check_policy(pw, why, sizeof why) < 0)
        form_error(&f, "password", why);
    if (!form_ok(&f)) {
        users_render(r, &f, 400, NULL, NULL);
        return;
    }
    int generated = !pw || !*pw;
    if (generated) {
        auth_onetime_password(onetime);
        pw = onetime;
    }
    char hash[crypto_pwhash_STRBYTES], err[256];
    char *uid = NULL;
    const char *field = NULL;
    if (password_hash(pw, (unsigned long long)cfg->pwhash_opslimit,
                      (size_t)cfg->pwhash_memlimit_mb << 20, hash, err, sizeof err) < 0 ||
        store_account_add(r->arena, r->user->org_id, email, name, role, hash, &uid, &field, err,
                    sizeof err) < 0) {
        if (field)
            form_error(&f, "email", "Someone in your organization already uses this email.");
        else if (strcmp(err, "limit") == 0)
            form_error(&f, "email", "Your organization has reached its user limit. Deactivate "
                                    "someone or ask for a higher limit.");
        else
            form_error(&f, "email", "The user could not be added; try again.");
        users_render(r, &f, field ? 409 : 400, NULL, NULL);
        return;
    }
    form_close(&f);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "user.create", "user", uid,
                 json_pack("{s:s, s:s}", "email", email, "role", role), r->remote_addr);
    if (generated) { /* shown once, on this response only: never stored in clear */
        users_render(r, NULL, 201, onetime, email);
        return;
    }
    page_flash(r, "ok", "User added.");
    http_redirect(r, 303, "/admin/users");
}

static void change_done(req_t *r, int rc, const char *err, const char *action, const char *uid,
                        json_t *details, const char *flash)
{
    if (rc == 404) {
        json_decref(details);
        page_error(r, 404, "There is no such user in your organization.");
        return;
    }
    if (rc != 0) {
        json_decref(details);
        page_flash(r, "error", err);
        http_redirect(r, 303, "/admin/users");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, action, "user", uid, details,
                 r->remote_addr);
    page_flash(r, "ok", flash);
    http_redirect(r, 303, "/admin/users");
}

void page_users_role(req_t *r)
{
    const char *uid = http_route_param(r, "id");
    const char *role = http_param(r, "role");
    char err[256] = "";
    if (!valid_role(role)) {
        page_error(r, 400, "Choose admin, analyst or viewer.");
        return;
    }
    int rc = store_account_set_role(r->arena, r->user->org_id, uid, role, err, sizeof err);
    change_done(r, rc, err, "user.role_change", uid, json_pack("{s:s}", "role", role),
                "Role changed.");
}

void page_users_active(req_t *r)
{
    const char *uid = http_route_param(r, "id");
    const char *v = http_param(r, "active");
    int active = v && strcmp(v, "1") == 0;
    char err[256] = "";
    int rc = store_account_set_active(r->arena, r->user->org_id, uid, active, err, sizeof err);
    change_done(r, rc, err, active ? "user.reactivate" : "user.deactivate", uid, NULL,
                active ? "User reactivated." : "User deactivated; their sessions have ended.");
}
