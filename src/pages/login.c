/* login.c — the front door: home redirect and the sign-in form. */
#include "pages/pages.h"
#include "core/config.h"

#include <string.h>

void page_home(req_t *r)
{
    if (r->store_down) { /* signed in or not, we cannot tell */
        page_error(r, 503, PAGE_DB_DOWN);
        return;
    }
    http_redirect(r, 303, r->user ? APP_HOME : "/login");
}

void page_login_form(req_t *r)
{
    if (r->user) {
        http_redirect(r, 303, APP_HOME);
        return;
    }
    json_t *ctx = page_ctx(r, "Sign in", "login");
    const char *next = http_query(r, "next");
    if (next && http_safe_local_path(next))
        json_object_set_new(ctx, "next", json_string(next));
    json_object_set_new(ctx, "registration_open",
                        json_boolean(strcmp(cfg->registration, "open") == 0));
    page_render(r, "login", ctx);
}
