/* auth.c — sign in, sign out, register. */
#include "pages/pages.h"
#include "auth/auth.h"
#include "core/config.h"
#include "core/log.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/throttle.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define GENERIC_LOGIN_ERROR "Wrong email or password."

static unsigned long long pw_ops(void)
{
    return (unsigned long long)cfg->pwhash_opslimit;
}

static size_t pw_mem(void)
{
    return (size_t)cfg->pwhash_memlimit_mb * 1024 * 1024;
}

/* Where to go after signing in: a same-site path the user was heading to. */
static const char *after_login(req_t *r)
{
    const char *next = http_param(r, "next");
    return next && http_safe_local_path(next) ? next : "/";
}

static void login_again(req_t *r, int status, const char *error, const char *email, int ask_org)
{
    json_t *ctx = page_ctx(r, "Sign in", "login");
    json_object_set_new(ctx, "error", json_string(error));
    json_object_set_new(ctx, "email", json_string(email ? email : ""));
    const char *next = http_param(r, "next");
    if (next && http_safe_local_path(next))
        json_object_set_new(ctx, "next", json_string(next));
    if (ask_org) {
        json_object_set_new(ctx, "ask_org", json_true());
        json_object_set_new(ctx, "org", json_string(""));
    }
    json_object_set_new(ctx, "registration_open", json_boolean(strcmp(cfg->registration, "open") == 0));
    r->status = status;
    page_render(r, "login", ctx);
}

/* Verify against every account with this email (and org, if given); the
 * password picks the account. Unknown emails cost a dummy verify. */
static int login_match(req_t *r, const char *email, const char *org, const char *pw,
                       store_account_t **out, size_t *matches)
{
    char err[256];
    size_t n = 0;
    store_account_t *accts = store_account_find_by_email(r->arena, email, org, &n, err, sizeof err);
    *matches = 0;
    if (!accts)
        return -1;
    if (n == 0)
        password_dummy_verify(pw, pw_ops(), pw_mem());
    for (size_t i = 0; i < n; i++) {
        if (accts[i].is_active && password_verify(accts[i].password_hash, pw)) {
            if ((*matches)++ == 0)
                *out = &accts[i];
        }
    }
    if (*matches == 0 && n > 0)
        store_audit_record(r->arena, accts[0].org_id, accts[0].user_id, "auth.login_failed", "user",
                     accts[0].user_id, json_pack("{s:s}", "email", email), r->remote_addr);
    return 0;
}

static void rehash_if_needed(req_t *r, const store_account_t *a, const char *pw)
{
    if (!password_needs_rehash(a->password_hash, pw_ops(), pw_mem()))
        return;
    char hash[crypto_pwhash_STRBYTES], err[128];
    if (password_hash(pw, pw_ops(), pw_mem(), hash, err, sizeof err) == 0)
        store_account_set_password(r->arena, a->org_id, a->user_id, hash);
}

void page_login_submit(req_t *r)
{
    form_t f;
    form_open(&f, r);
    const char *email = form_email(&f, "email");
    const char *org = form_text(&f, "org", "Organization", 0, 63);
    const char *pw = form_password(&f, "password", "Password");
    int valid = form_ok(&f);
    form_close(&f);
    if (!valid) {
        login_again(r, 400, "Enter your email and password.", email, 0);
        return;
    }
    long wait_ip = throttle_wait(r->arena, "ip", r->remote_addr);
    long wait_acct = throttle_wait(r->arena, "acct", email);
    long wait = wait_ip > wait_acct ? wait_ip : wait_acct;
    if (wait > 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "Too many failed sign-ins. Try again in %ld second%s.", wait,
                 wait == 1 ? "" : "s");
        http_header(r, "Retry-After", arena_printf(r->arena, "%ld", wait));
        login_again(r, 429, msg, email, 0);
        return;
    }
    store_account_t *acct = NULL;
    size_t matches = 0;
    if (login_match(r, email, org, pw, &acct, &matches) < 0) {
        page_error(r, 503, "Sign-in is unavailable right now. Try again in a minute.");
        return;
    }
    if (matches > 1) {
        login_again(r, 200, "This email belongs to several organizations: enter which one.",
                    email, 1);
        return;
    }
    if (matches == 0) {
        /* An address may be a whole office behind NAT: it gets more room. */
        throttle_failure(r->arena, "ip", r->remote_addr, 30);
        throttle_failure(r->arena, "acct", email, 5);
        if (!org || !*org) /* unknown email: no org to file it under */
            log_msg(LOG_INFO, "failed sign-in for an unknown or inactive account");
        login_again(r, 401, GENERIC_LOGIN_ERROR, email, 0);
        return;
    }
    rehash_if_needed(r, acct, pw);
    if (session_begin(r, acct) < 0) {
        page_error(r, 503, "Sign-in is unavailable right now. Try again in a minute.");
        return;
    }
    throttle_reset(r->arena, "acct", email);
    store_account_record_login(r->arena, acct->org_id, acct->user_id);
    store_audit_record(r->arena, acct->org_id, acct->user_id, "auth.login", "user", acct->user_id, NULL,
                 r->remote_addr);
    http_redirect(r, 303, after_login(r));
}

void page_logout(req_t *r)
{
    store_audit_record(r->arena, r->user->org_id, r->user->id, "auth.logout", "user", r->user->id, NULL,
                 r->remote_addr);
    session_end(r);
    page_flash(r, "ok", "You are signed out.");
    http_redirect(r, 303, "/login");
}

static int registration_open(req_t *r)
{
    if (strcmp(cfg->registration, "open") == 0)
        return 1;
    page_error(r, 403, "Registration is closed on this server. Ask an admin of your "
                       "organization to add you.");
    return 0;
}

static void register_render(req_t *r, form_t *f, int status)
{
    json_t *ctx = page_ctx(r, "Create your organization", "register");
    if (f)
        form_into(f, ctx);
    r->status = status;
    page_render(r, "register", ctx);
}

void page_register_form(req_t *r)
{
    if (r->user) {
        http_redirect(r, 303, "/");
        return;
    }
    if (registration_open(r))
        register_render(r, NULL, 200);
}

static void check_slug(form_t *f, const char *slug)
{
    if (!*slug || json_object_get(f->errors, "org_slug"))
        return;
    size_t n = strlen(slug);
    int ok = n >= 2 && n <= 63 && strspn(slug, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
    if (!ok)
        form_error(f, "org_slug", "Use 2 to 63 lowercase letters, digits or dashes, like acme-corp.");
}

void page_register_submit(req_t *r)
{
    if (!registration_open(r))
        return;
    form_t f;
    form_open(&f, r);
    const char *org_name = form_text(&f, "org_name", "Organization name", 1, 200);
    const char *slug = form_text(&f, "org_slug", "Short name", 1, 63);
    const char *name = form_text(&f, "full_name", "Your name", 1, 200);
    const char *email = form_email(&f, "email");
    const char *pw = form_password(&f, "password", "Password");
    char why[200];
    check_slug(&f, slug);
    if (*pw && password_check_policy(pw, why, sizeof why) < 0)
        form_error(&f, "password", why);
    if (!form_ok(&f)) {
        register_render(r, &f, 400);
        return;
    }
    char hash[crypto_pwhash_STRBYTES], err[512];
    store_account_t acct;
    const char *field = NULL;
    if (password_hash(pw, pw_ops(), pw_mem(), hash, err, sizeof err) < 0 ||
        store_account_register(r->arena, org_name, slug, name, email, hash, &acct, &field, err,
                         sizeof err) < 0) {
        if (field && strcmp(field, "org_slug") == 0)
            form_error(&f, "org_slug", "This short name is taken; choose another.");
        else
            form_error(&f, "org_name", "The organization could not be created. Try again.");
        register_render(r, &f, field ? 409 : 500);
        return;
    }
    form_close(&f);
    store_audit_record(r->arena, acct.org_id, acct.user_id, "org.create", "organization", acct.org_id,
                 json_pack("{s:s, s:s}", "name", org_name, "slug", slug), r->remote_addr);
    store_audit_record(r->arena, acct.org_id, acct.user_id, "user.create", "user", acct.user_id,
                 json_pack("{s:s, s:s}", "email", email, "role", "admin"), r->remote_addr);
    if (session_begin(r, &acct) < 0) {
        page_flash(r, "ok", "Your organization is ready: sign in.");
        http_redirect(r, 303, "/login");
        return;
    }
    store_audit_record(r->arena, acct.org_id, acct.user_id, "auth.login", "user", acct.user_id, NULL,
                 r->remote_addr);
    page_flash(r, "ok", "Welcome to DataMind. Your organization is ready.");
    http_redirect(r, 303, "/");
}
