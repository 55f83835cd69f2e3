/* pages.h — the web application: routes, handlers, page rendering.
 *
 * Handlers parse input, call the domain modules, and render a template;
 * they hold no SQL and build no HTML. This header is what main.c and the
 * page files share. */
#ifndef DM_PAGES_H
#define DM_PAGES_H

#include <jansson.h>

#include "http/http.h"

/* --- the application (app.c) ------------------------------------------- */
/* Load templates (and anything else read once) in the master. Called again
 * on SIGHUP; on failure the previous state is kept. */
int app_load(char *err, size_t errlen);
void app_unload(void);
int app_worker_init(void);
void app_worker_done(void);
void app_handle(req_t *r);
extern const route_t app_routes[];
extern const size_t app_nroutes;

/* --- rendering (view.c) ------------------------------------------------ */
/* Common context for a page: user, csrf, nav, flash. New reference. */
json_t *page_ctx(req_t *r, const char *title, const char *section);
/* Render template `name` with ctx (stolen) inside the layout — or alone
 * for an htmx fragment request — into r->body with r->status (200 if 0). */
void page_render(req_t *r, const char *name, json_t *ctx);
/* Render a template without the layout (fragments, SVG, CSV). */
void page_render_bare(req_t *r, const char *name, json_t *ctx, const char *content_type);
/* The error page for status, with what went wrong and what to do. */
void page_error(req_t *r, int status, const char *message);
/* A one-shot message shown on the next page (after a redirect). */
void page_flash(req_t *r, const char *kind, const char *message);

/* --- handlers ------------------------------------------------------------ */
void page_home(req_t *r);
void page_login_form(req_t *r);
void page_healthz(req_t *r);
void page_metrics(req_t *r);

#endif
