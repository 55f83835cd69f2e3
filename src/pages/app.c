/* app.c — the request pipeline: route, check the role, run the handler.
 *
 * Everything that must hold for every request is here, in one place:
 * malformed input is a 400, an unknown path a 404, a route above the
 * user's role a 403, an oversized body a 413 — before any handler runs. */
#include "pages/pages.h"
#include "pages/api_internal.h"
#include "auth/auth.h"
#include "core/config.h"
#include "core/log.h"
#include "query/query.h"
#include "store/db.h"
#include "store/kv.h"
#include "store/throttle.h"
#include "tmpl/tmpl.h"

#include <stdio.h>
#include <string.h>

int app_load(char *err, size_t errlen)
{
    if (auth_keys_init(cfg->secret_key, cfg->secret_key_old, err, errlen) < 0)
        return -1;
    char path[4096];
    snprintf(path, sizeof path, "%s/common-passwords.txt", cfg->data_dir);
    password_list_free();
    if (password_list_load(path, err, errlen) < 0)
        return -1;
    tmpl_set_t *set = tmpl_set_new();
    if (tmpl_set_load_dir(set, cfg->templates_dir, err, errlen) < 0) {
        tmpl_set_free(set);
        return -1;
    }
    static const char *const required[] = {"layout", "error"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!tmpl_set_has(set, required[i])) {
            snprintf(err, errlen, "%s/%s.mustache is missing", cfg->templates_dir, required[i]);
            tmpl_set_free(set);
            return -1;
        }
    tmpl_set_free(app_templates);
    app_templates = set;
    page_cache_stamp();
    return 0;
}

void app_unload(void)
{
    password_list_free();
    auth_keys_wipe();
    tmpl_set_free(app_templates);
    app_templates = NULL;
}

int app_worker_init(void)
{
    /* Connect early so the first request does not pay for it; failures are
     * retried on use, so a worker starts even while PostgreSQL is down. */
    db_conn();
    kv_conn();
    return 0;
}

void app_worker_done(void)
{
    query_pool_close();
    db_close();
    kv_close();
}

static void route_refused(req_t *r, int code)
{
    if (code == 405) {
        page_error(r, 405, "This address does not accept that kind of request.");
        return;
    }
    page_error(r, 404, "There is nothing at this address. Check the link, or start again "
                       "from the navigation.");
}

/* Signed-out visitors are sent to sign in (and brought back after). */
static void need_signin(req_t *r)
{
    if (!http_is_get(r)) {
        page_error(r, 403, "Your session has ended. Sign in again and repeat the action.");
        return;
    }
    buf_t loc = {0};
    buf_puts(&loc, "/login?next=");
    http_url_encode(&loc, r->path);
    http_redirect(r, 303, buf_str(&loc));
    buf_free(&loc);
}

/* Per user and per address; the address gets four times the room (an
 * office behind one NAT). A friendly 429 says when to try again. */
static int rate_limited(req_t *r, const char *what)
{
    long per_min = !strcmp(what, "questions") ? cfg->rate_questions
                 : !strcmp(what, "queries")   ? cfg->rate_queries
                 : !strcmp(what, "exports")   ? cfg->rate_exports
                 : !strcmp(what, "checks")    ? cfg->rate_checks
                 : !strcmp(what, "public views") ? cfg->rate_public
                 : !strcmp(what, "report sends") ? cfg->rate_checks /* like "check now" */
                                              : cfg->rate_uploads;
    long wait = r->user ? ratelimit_hit(r->arena, what, r->user->id, per_min) : 0;
    if (!wait)
        wait = ratelimit_hit(r->arena, what, arena_printf(r->arena, "ip:%s", r->remote_addr), per_min * 4);
    if (!wait)
        return 0;
    http_header(r, "Retry-After", arena_printf(r->arena, "%ld", wait));
    page_error(r, 429, arena_printf(r->arena, "That is more %s than DataMind allows in a minute "
                                    "(%ld). Try again in %ld second%s.", what, per_min, wait,
                                    wait == 1 ? "" : "s"));
    return 1;
}

void app_handle(req_t *r)
{
    if (r->body_error) {
        page_error(r, 400, "The address contains characters that are not allowed "
                           "(invalid encoding or a NUL byte).");
        return;
    }
    r->api = api_path(r->path); /* errors in JSON from here on */
    const route_t *rt;
    int code = router_match(app_routes, app_nroutes, r, &rt);
    if (code) {
        route_refused(r, code);
        return;
    }
    r->route_name = rt->name;
    r->route_index = (int)(rt - app_routes);
    if (rt->fn == page_dashboard && page_dashboard_again(r)) {
        page_cache_finish(r); /* a repeat view: the session checked with the page's versions */
        return;
    }
    if (r->api) /* a bearer token, never the session cookie */
        api_attach(r);
    else if (rt->fn != page_healthz && rt->fn != page_metrics)
        session_attach(r);
    if (rt->min_role > ROLE_NONE && !r->user) {
        if (r->store_down) /* not signed out: we could not tell */
            page_error(r, 503, PAGE_DB_DOWN);
        else if (r->api)
            page_error(r, 401, "This needs a valid API token: Authorization: Bearer dm_… (make "
                               "one in Settings). It may have expired or been revoked.");
        else
            need_signin(r);
        return;
    }
    if (r->user && r->user->role < rt->min_role) {
        page_error(r, 403, "Your role does not allow this page. Ask an admin of your "
                           "organization if you need it.");
        page_cache_finish(r); /* signed in: private, no-cache */
        return;
    }
    if ((http_is_post(r) || r->api) && http_read_body(r) < 0) {
        if (r->body_error == 413)
            page_error(r, 413, "What you sent is larger than this server accepts.");
        else
            page_error(r, 400, "The form could not be read (malformed or not UTF-8 text).");
        return;
    }
    if (rt->limit && rate_limited(r, rt->limit))
        return;
    if (http_is_post(r) && !r->api && !session_csrf_ok(r)) {
        page_error(r, 403, "This form has expired or did not come from DataMind. Go back, "
                           "reload the page and submit it again.");
        return;
    }
    rt->fn(r);
    db_tx_abandoned(rt->name);
    page_cache_finish(r);
}
