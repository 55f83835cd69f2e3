/* view.c — rendering pages through the templates: layout, fragments,
 * error pages and flash messages. */
#include "pages/pages.h"
#include "pages/api_internal.h"
#include "core/log.h"
#include "live/live.h"
#include "store/db.h"
#include "tmpl/tmpl.h"

#include <stdio.h>
#include <string.h>

/* The loaded templates: filled by app_load (app.c), read here and by chat.c
 * (its prompts). */
tmpl_set_t *app_templates;

static const char *const status_titles[][2] = {
    {"400", "Bad request"},       {"403", "Forbidden"},
    {"404", "Page not found"},    {"405", "Method not allowed"},
    {"413", "Too large"},         {"429", "Slow down"},
    {"500", "Something broke"},   {"503", "Temporarily unavailable"},
    {"507", "Out of space"},
};

static const char *status_title(int status)
{
    char code[8];
    snprintf(code, sizeof code, "%d", status);
    for (size_t i = 0; i < sizeof status_titles / sizeof status_titles[0]; i++)
        if (strcmp(status_titles[i][0], code) == 0)
            return status_titles[i][1];
    return "Error";
}

static json_t *user_json(const http_user_t *u)
{
    if (!u)
        return json_null();
    return json_pack("{s:s, s:s, s:s, s:s, s:b, s:b}", "id", u->id, "name", u->name, "email",
                     u->email, "org_name", u->org_name, "is_admin", u->role >= ROLE_ADMIN,
                     "is_analyst", u->role >= ROLE_ANALYST);
}

/* Read and clear the flash cookie: "kind:message" url-encoded. */
static json_t *take_flash(req_t *r)
{
    const char *raw = http_cookie(r, "dm_flash");
    if (!raw || !*raw)
        return json_null();
    char *s = arena_strdup(r->arena, raw);
    http_url_decode(s, strlen(s), 0);
    http_set_cookie(r, "dm_flash", "", 0, 1);
    char *colon = strchr(s, ':');
    if (!colon || !http_valid_utf8(s, strlen(s)))
        return json_null();
    *colon = '\0';
    const char *kind = strcmp(s, "error") == 0 ? "error" : "ok";
    return json_pack("{s:s, s:s}", "kind", kind, "message", colon + 1);
}

json_t *page_ctx(req_t *r, const char *title, const char *section)
{
    json_t *ctx = json_pack("{s:s, s:o, s:o}", "title", title, "user", user_json(r->user),
                            "flash", take_flash(r));
    if (section) {
        char key[64];
        snprintf(key, sizeof key, "nav_%s", section);
        json_object_set_new(ctx, key, json_true());
    }
    if (r->csrf)
        json_object_set_new(ctx, "csrf", json_string(r->csrf));
    /* <html data-theme>: the user's choice; "system" lets the CSS follow
     * prefers-color-scheme */
    json_object_set_new(ctx, "theme", json_string(r->user && r->user->theme ? r->user->theme
                                                                            : "system"));
    if (r->user && !r->htmx) { /* the bell in the navigation, counted with the session */
        if (r->user->unread > 0)
            json_object_set_new(ctx, "unread", json_integer(r->user->unread));
        /* pushed by nchan instead of polled, when live updates are on */
        const char *ch = live_enabled() ? live_channel_user(r->arena, r->user->org_id, r->user->id) : NULL;
        if (ch)
            json_object_set_new(ctx, "live_bell", json_string(ch));
    }
    return ctx;
}

static int render_into(req_t *r, const char *name, json_t *ctx, buf_t *out)
{
    char err[512];
    if (tmpl_set_render(app_templates, name, ctx, out, err, sizeof err) == 0)
        return 0;
    log_msg(LOG_ERROR, "template %s: %s", name, err);
    return -1;
}

static void render_failed(req_t *r)
{
    buf_reset(&r->body);
    r->status = 500;
    buf_puts(&r->body, "<!doctype html><title>Error</title><p>This page could not be shown. "
                       "The problem was logged.</p>");
}

/* The page's template renders inside the layout's {{>*content_template}},
 * straight into the response body: no page-sized string in between. */
void page_render(req_t *r, const char *name, json_t *ctx)
{
    if (!r->status)
        r->status = 200;
    if (!r->htmx) /* a fragment request gets no layout */
        json_object_set_new(ctx, "content_template", json_string(name));
    if (!tmpl_set_has(app_templates, name)) {
        log_msg(LOG_ERROR, "template %s: no such template", name);
        render_failed(r);
    } else if (render_into(r, r->htmx ? name : "layout", ctx, &r->body) < 0)
        render_failed(r);
    json_decref(ctx);
}

void page_render_bare(req_t *r, const char *name, json_t *ctx, const char *content_type)
{
    if (!r->status)
        r->status = 200;
    if (content_type)
        http_header(r, "Content-Type", content_type);
    if (render_into(r, name, ctx, &r->body) < 0)
        render_failed(r);
    json_decref(ctx);
}

void page_error(req_t *r, int status, const char *message)
{
    if (status == 404 && db_is_down()) { /* we could not look, not "there is none" */
        status = 503;
        message = PAGE_DB_DOWN;
    }
    if (r->api) { /* /api/v1: {"error": {"code", "message"}} */
        api_error(r, status, NULL, message);
        return;
    }
    buf_reset(&r->body);
    r->status = status;
    json_t *ctx = page_ctx(r, status_title(status), NULL);
    json_object_set_new(ctx, "status", json_integer(status));
    json_object_set_new(ctx, "message", json_string(message));
    json_object_set_new(ctx, "request_id", json_string(r->request_id ? r->request_id : ""));
    int htmx = r->htmx;
    r->htmx = 0; /* an error replaces the page, even for a fragment request */
    page_render(r, "error", ctx);
    r->htmx = htmx;
}

void page_flash(req_t *r, const char *kind, const char *message)
{
    buf_t v = {0};
    buf_puts(&v, kind);
    buf_putc(&v, ':');
    buf_puts(&v, message);
    buf_t enc = {0};
    http_url_encode(&enc, buf_str(&v));
    http_set_cookie(r, "dm_flash", buf_str(&enc), 60, 1);
    buf_free(&v);
    buf_free(&enc);
}
