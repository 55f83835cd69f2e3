/* session.c — who is asking: the session cookie, sign-in and sign-out, and
 * the CSRF check every POST passes before its handler runs. */
#include "pages/pages.h"
#include "auth/auth.h"
#include "core/config.h"
#include "core/log.h"
#include "store/sessions.h"
#include "store/accounts.h"
#include "store/kv.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Under https the cookies get the __Host- prefix (Secure, Path=/, no
 * Domain): when the public URL is https, or when nginx says this request
 * came over TLS (fastcgi_param HTTPS $https, datamind-fastcgi.conf; a TLS
 * proxy in front of nginx sets `fastcgi_param HTTPS on` there instead). */
static int request_is_https(req_t *r)
{
    const char *https = http_env(r, "HTTPS");
    return strncasecmp(cfg->base_url, "https://", 8) == 0 ||
           (https && strcasecmp(https, "on") == 0);
}

static const char *cookie_name(req_t *r, const char *base)
{
    return request_is_https(r) ? (strcmp(base, "dm_session") == 0 ? "__Host-dm_session"
                                                                   : "__Host-dm_pre")
                               : base;
}

role_t session_role_parse(const char *role)
{
    if (strcmp(role, "admin") == 0)
        return ROLE_ADMIN;
    if (strcmp(role, "analyst") == 0)
        return ROLE_ANALYST;
    return ROLE_VIEWER;
}

static http_user_t *user_from(req_t *r, const store_account_t *acct, const unsigned char sid[16])
{
    http_user_t *u = arena_alloc(r->arena, sizeof *u);
    u->id = arena_strdup(r->arena, acct->user_id);
    u->org_id = arena_strdup(r->arena, acct->org_id);
    u->org_slug = arena_strdup(r->arena, acct->org_slug);
    u->org_name = arena_strdup(r->arena, acct->org_name);
    u->email = arena_strdup(r->arena, acct->email);
    u->name = arena_strdup(r->arena, acct->full_name);
    u->role = session_role_parse(acct->role);
    memcpy(u->sid, sid, 16);
    return u;
}

static void set_csrf(req_t *r, const unsigned char *binding, size_t len)
{
    char *tok = arena_alloc(r->arena, CSRF_TOKEN_LEN + 1);
    csrf_token(binding, len, tok);
    r->csrf = tok;
}

/* Signed-out visitors get a random pre-session value to bind their token. */
static void presession(req_t *r)
{
    const char *name = cookie_name(r, "dm_pre");
    const char *pre = http_cookie(r, name);
    if (!pre || strlen(pre) != CSRF_PRESESSION_LEN) {
        char *fresh = arena_alloc(r->arena, CSRF_PRESESSION_LEN + 1);
        csrf_presession_new(fresh);
        http_set_cookie(r, name, fresh, -1, 1);
        kv_add(r->arena, &r->cookies, name, strlen(name), fresh, strlen(fresh)); /* this request too */
        pre = fresh;
    }
    set_csrf(r, (const unsigned char *)pre, strlen(pre));
}

int session_cookie_sid(req_t *r, unsigned char sid[16])
{
    const char *c = http_cookie(r, cookie_name(r, "dm_session"));
    return c && session_cookie_decode(c, sid) == 0 ? 0 : -1;
}

void session_attach_loaded(req_t *r, const unsigned char sid[16], const store_session_auth_t *row)
{
    if (row->needs_touch)
        store_session_touch(r->arena, sid);
    r->user = user_from(r, &row->acct, sid);
    r->user->unread = row->unread;
    r->user->theme = row->theme;
    log_set_user(r->user->id);
    set_csrf(r, sid, 16);
}

void session_attach(req_t *r)
{
    unsigned char sid[16];
    store_session_auth_t row;
    int rc = session_cookie_sid(r, sid) == 0
                 ? store_session_load(r->arena, sid, cfg->session_idle_hours, &row) : -1;
    if (rc == -2)
        r->store_down = 1;
    if (rc == 0) {
        session_attach_loaded(r, sid, &row);
        return;
    }
    presession(r);
}

/* The Origin header, when sent, must be this site. */
static int origin_ok(req_t *r)
{
    const char *origin = http_header_in(r, "Origin");
    if (!origin || !*origin)
        return 1;
    const char *host = http_header_in(r, "Host");
    const char *https = http_env(r, "HTTPS");
    if (host) {
        char mine[512];
        snprintf(mine, sizeof mine, "%s://%s", https && *https ? "https" : "http", host);
        if (strcasecmp(origin, mine) == 0)
            return 1;
    }
    size_t n = strlen(origin);
    return n > 8 && strstr(origin, "://") && strncasecmp(cfg->base_url, origin, n) == 0 &&
           (cfg->base_url[n] == '\0' || cfg->base_url[n] == '/');
}

int session_csrf_ok(req_t *r)
{
    if (!origin_ok(r))
        return 0;
    const char *tok = kv_get(&r->form, "_csrf");
    if (!tok)
        tok = http_header_in(r, "X-CSRF-Token");
    if (r->user)
        return csrf_verify(r->user->sid, 16, tok);
    const char *pre = http_cookie(r, cookie_name(r, "dm_pre"));
    return pre && csrf_verify((const unsigned char *)pre, strlen(pre), tok);
}

int session_begin(req_t *r, const store_account_t *acct)
{
    unsigned char sid[16];
    session_id_new(sid);
    if (store_session_create(r->arena, acct, sid, r->remote_addr, r->user_agent,
                             cfg->session_max_days) < 0)
        return -1;
    char cookie[SESSION_COOKIE_LEN + 1];
    session_cookie_encode(sid, cookie);
    http_set_cookie(r, cookie_name(r, "dm_session"), cookie, (long)cfg->session_max_days * 86400, 1);
    r->user = user_from(r, acct, sid);
    set_csrf(r, sid, 16);
    return 0;
}

void session_end(req_t *r)
{
    if (r->user)
        store_session_delete(r->arena, r->user->sid);
    http_set_cookie(r, cookie_name(r, "dm_session"), "", 0, 1);
}
