/* login.c — the front door: home redirect and the sign-in form. */
#include "pages/pages.h"

void page_home(req_t *r)
{
    http_redirect(r, 303, r->user ? "/chat" : "/login");
}

void page_login_form(req_t *r)
{
    if (r->user) {
        http_redirect(r, 303, "/chat");
        return;
    }
    json_t *ctx = page_ctx(r, "Sign in", "login");
    const char *next = http_query(r, "next");
    if (next && http_safe_local_path(next))
        json_object_set_new(ctx, "next", json_string(next));
    page_render(r, "login", ctx);
}
