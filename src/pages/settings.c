/* settings.c — the signed-in user's own account: name, password, theme,
 * sessions (sign out one, or everywhere). */
#include "pages/pages.h"
#include "auth/auth.h"
#include "core/config.h"
#include "store/accounts.h"
#include "store/sessions.h"
#include "store/audit.h"

#include <string.h>

static const char *const themes[][2] = {
    {"system", "Match your system"}, {"light", "Light"}, {"dark", "Dark"}};

/* [{value, label, checked}] for the theme radios. New reference. */
static json_t *theme_choices(const char *current)
{
    json_t *list = json_array();
    for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++) {
        int checked = strcmp(current ? current : "system", themes[i][0]) == 0;
        json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "value", themes[i][0], "label",
                                              themes[i][1], "checked", checked));
    }
    return list;
}

static void settings_render(req_t *r, form_t *f, int status)
{
    json_t *ctx = page_ctx(r, "Settings", "settings");
    json_object_set_new(ctx, "name", json_string(r->user->name));
    json_object_set_new(ctx, "email", json_string(r->user->email));
    json_object_set_new(ctx, "org", json_string(r->user->org_name));
    json_object_set_new(ctx, "theme_choices", theme_choices(r->user->theme));
    store_session_t *rows;
    size_t n;
    store_session_list(r->arena, r->user->org_id, r->user->id, r->user->sid, &rows, &n);
    json_t *sessions = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(sessions, store_session_json(&rows[i]));
    json_object_set_new(ctx, "sessions", sessions);
    if (f)
        form_into(f, ctx);
    r->status = status;
    page_render(r, "settings", ctx);
}

void page_settings(req_t *r)
{
    settings_render(r, NULL, 200);
}

static void change_name(req_t *r)
{
    form_t f;
    form_open(&f, r);
    const char *name = form_text(&f, "full_name", "Name", 1, 200);
    if (!form_ok(&f)) {
        settings_render(r, &f, 400);
        return;
    }
    form_close(&f);
    store_account_set_name(r->arena, r->user->org_id, r->user->id, name);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "user.update", "user", r->user->id,
                 json_pack("{s:s}", "field", "full_name"), r->remote_addr);
    page_flash(r, "ok", "Your name is saved.");
    http_redirect(r, 303, "/settings");
}

static int theme_known(const char *t)
{
    for (size_t i = 0; t && i < sizeof themes / sizeof themes[0]; i++)
        if (strcmp(t, themes[i][0]) == 0)
            return 1;
    return 0;
}

static void change_theme(req_t *r)
{
    const char *theme = http_param(r, "theme");
    if (!theme_known(theme)) {
        page_error(r, 400, "Choose a theme: match your system, light or dark.");
        return;
    }
    if (store_account_set_theme(r->arena, r->user->org_id, r->user->id, theme) < 0) {
        page_error(r, 500, "Your theme could not be saved; try again.");
        return;
    }
    page_flash(r, "ok", "Your theme is saved.");
    http_redirect(r, 303, "/settings");
}

static void change_password(req_t *r)
{
    form_t f;
    form_open(&f, r);
    const char *cur = form_password(&f, "current_password", "Current password");
    const char *pw = form_password(&f, "new_password", "New password");
    store_account_t me;
    char why[200];
    if (*cur && (store_account_get(r->arena, r->user->org_id, r->user->id, &me) < 0 ||
                 !password_verify(me.password_hash, cur)))
        form_error(&f, "current_password", "That is not your current password.");
    if (*pw && password_check_policy(pw, why, sizeof why) < 0)
        form_error(&f, "new_password", why);
    char hash[crypto_pwhash_STRBYTES];
    if (form_ok(&f) && password_hash(pw, (unsigned long long)cfg->pwhash_opslimit,
                                     (size_t)cfg->pwhash_memlimit_mb << 20, hash, why,
                                     sizeof why) < 0)
        form_error(&f, "new_password", "The password could not be saved; try again.");
    if (!form_ok(&f)) {
        settings_render(r, &f, 400);
        return;
    }
    form_close(&f);
    store_account_set_password(r->arena, r->user->org_id, r->user->id, hash);
    store_session_delete_user(r->arena, r->user->org_id, r->user->id, r->user->sid);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "user.password_change", "user",
                 r->user->id, NULL, r->remote_addr);
    page_flash(r, "ok", "Password changed. Your other sessions were signed out.");
    http_redirect(r, 303, "/settings");
}

static void sign_out_everywhere(req_t *r)
{
    store_session_delete_user(r->arena, r->user->org_id, r->user->id, NULL);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "auth.logout_all", "user", r->user->id,
                 NULL, r->remote_addr);
    session_end(r);
    page_flash(r, "ok", "You are signed out on every device.");
    http_redirect(r, 303, "/login");
}

static void revoke_one(req_t *r)
{
    const char *sid = http_param(r, "session");
    if (store_session_delete_hex(r->arena, r->user->org_id, r->user->id, sid) < 0) {
        page_error(r, 404, "That session does not exist (it may have ended already).");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "auth.session_revoke", "session", sid,
                 NULL, r->remote_addr);
    page_flash(r, "ok", "That session is signed out.");
    http_redirect(r, 303, "/settings");
}

void page_settings_submit(req_t *r)
{
    const char *action = http_param(r, "action");
    action = action ? action : "";
    if (strcmp(action, "name") == 0)
        change_name(r);
    else if (strcmp(action, "theme") == 0)
        change_theme(r);
    else if (strcmp(action, "password") == 0)
        change_password(r);
    else if (strcmp(action, "signout_all") == 0)
        sign_out_everywhere(r);
    else if (strcmp(action, "revoke") == 0)
        revoke_one(r);
    else
        page_error(r, 400, "Unknown settings action.");
}
