/* settings.c — the signed-in user's own account: name, password, theme,
 * sessions (sign out one, or everywhere). */
#include "pages/pages.h"
#include "auth/auth.h"
#include "core/config.h"
#include "store/accounts.h"
#include "store/sessions.h"
#include "store/audit.h"
#include "store/tokens.h"

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

/* The expiry choices of a new API token, in days (0: never). */
static const int token_days[] = {30, 90, 365, 7, 0};

/* The API tokens card: the user's live tokens, the expiry choices and,
 * right after one was made, the token itself (new_token, shown once). */
static json_t *tokens_view(req_t *r, const char *new_token)
{
    store_token_t *rows;
    size_t n;
    store_token_list(r->arena, r->user->org_id, r->user->id, &rows, &n);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, store_token_json(&rows[i]));
    json_t *days = json_array();
    for (size_t i = 0; i < sizeof token_days / sizeof token_days[0]; i++)
        json_array_append_new(days, json_pack("{s:i, s:s}", "value", token_days[i], "label",
            token_days[i] ? arena_printf(r->arena, "in %d days", token_days[i]) : "never"));
    json_t *o = json_pack("{s:o, s:b, s:o}", "list", list, "none", n == 0, "expiry", days);
    if (new_token)
        json_object_set_new(o, "new_token", json_string(new_token));
    return o;
}

static void settings_render_token(req_t *r, form_t *f, int status, const char *new_token)
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
    json_object_set_new(ctx, "tokens", tokens_view(r, new_token));
    if (f)
        form_into(f, ctx);
    r->status = status;
    page_render(r, "settings", ctx);
}

static void settings_render(req_t *r, form_t *f, int status)
{
    settings_render_token(r, f, status, NULL);
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

/* A new API token, shown on the page this once (no redirect: the token
 * is in no URL, no cookie and no log); only its hash is kept. */
static void token_create(req_t *r)
{
    form_t f;
    form_open(&f, r);
    const char *name = form_text(&f, "token_name", "Token name", 1, 100);
    const char *d = http_param(r, "expires_days");
    int days = -1;
    for (size_t i = 0; d && i < sizeof token_days / sizeof token_days[0]; i++)
        if (strcmp(d, arena_printf(r->arena, "%d", token_days[i])) == 0)
            days = token_days[i];
    if (days < 0)
        form_error(&f, "expires_days", "Choose when the token expires.");
    if (!form_ok(&f)) {
        settings_render(r, &f, 400);
        return;
    }
    form_close(&f);
    char token[AUTH_API_TOKEN_LEN + 1], *id = NULL;
    unsigned char hash[AUTH_API_HASH_BYTES];
    auth_api_token_new(token, hash);
    const char *prefix = arena_printf(r->arena, "%.8s…", token);
    if (store_token_create(r->arena, r->user->org_id, r->user->id, name, prefix, hash, days, &id) < 0) {
        page_error(r, 503, "The token could not be made; try again.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "api_token.create", "api_token", id,
                       json_pack("{s:s, s:i}", "name", name, "expires_days", days), r->remote_addr);
    http_header(r, "Cache-Control", "no-store");
    settings_render_token(r, NULL, 200, arena_strdup(r->arena, token));
    sodium_memzero(token, sizeof token);
}

static void token_revoke(req_t *r)
{
    const char *id = http_param(r, "token");
    if (store_token_revoke(r->arena, r->user->org_id, r->user->id, id) < 0) {
        page_error(r, 404, "That token does not exist (it may be revoked already).");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "api_token.revoke", "api_token", id,
                       NULL, r->remote_addr);
    page_flash(r, "ok", "The token is revoked: it no longer works.");
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
    else if (strcmp(action, "token_create") == 0)
        token_create(r);
    else if (strcmp(action, "token_revoke") == 0)
        token_revoke(r);
    else
        page_error(r, 400, "Unknown settings action.");
}
