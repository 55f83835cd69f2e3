/* links.c — public read-only links to a dashboard: made and revoked from
 * the dashboard's page (analysts and admins who may change it), and the
 * page a link opens without signing in, /public/d/{token}, with its
 * widgets' SVGs under it. The token is 32 random bytes (base64url, 43
 * characters) shown once when made; only its BLAKE2b hash is stored.
 * The public page is a page of its own (public_dashboard.mustache, no
 * layout): no navigation, no forms, no CSRF token, no user's name, nothing
 * of the app but the one dashboard the link names. */
#include "pages/pages.h"
#include "core/config.h"
#include "store/audit.h"
#include "store/dashboards.h"
#include "store/links.h"
#include "store/widgets.h"
#include "tasks/tasks.h"
#include "tmpl/tmpl.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define LINK_TOKEN_BYTES 32
#define LINK_TOKEN_LEN 43 /* base64url of 32 bytes, no padding */
#define LINK_B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING
#define PUBLIC_ROWS 50

/* The hash of a token from a URL: 0, or -1 when it is not exactly a token
 * DataMind makes (length, alphabet, trailing bits). */
static int token_hash(const char *token, unsigned char out[STORE_LINK_HASH_BYTES])
{
    unsigned char raw[LINK_TOKEN_BYTES];
    size_t len = 0;
    if (!token || strlen(token) != LINK_TOKEN_LEN ||
        sodium_base642bin(raw, sizeof raw, token, LINK_TOKEN_LEN, NULL, &len, NULL, LINK_B64) != 0 ||
        len != LINK_TOKEN_BYTES)
        return -1;
    crypto_generichash(out, STORE_LINK_HASH_BYTES, raw, sizeof raw, NULL, 0);
    sodium_memzero(raw, sizeof raw);
    return 0;
}

/* POST /dashboards/{id}/links — a new link; its address is shown on the
 * answer to this POST, once (only its hash is kept). */
void page_link_create(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    if (!dashboard_can_edit(r, d)) {
        page_error(r, 403, "Only analysts and admins who may change this dashboard share it.");
        return;
    }
    int days;
    const char *label;
    if (store_link_expiry(http_param(r, "expires"), &days, &label) < 0) {
        page_flash(r, "error", "Pick how long the link works: 1 day, 7 days, 30 days or never.");
        http_redirect(r, 303, arena_printf(r->arena, "/dashboards/%s/sharing#share", d->id));
        return;
    }
    unsigned char raw[LINK_TOKEN_BYTES], hash[STORE_LINK_HASH_BYTES];
    char token[LINK_TOKEN_LEN + 2], *id = NULL;
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(token, sizeof token, raw, sizeof raw, LINK_B64);
    crypto_generichash(hash, sizeof hash, raw, sizeof raw, NULL, 0);
    sodium_memzero(raw, sizeof raw);
    if (store_link_create(r->arena, r->user->org_id, d->id, r->user->id, hash, days,
                          &id) < 0) {
        page_error(r, 500, "The link could not be made. Try again in a moment.");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "dashboard.link_create", "dashboard",
                       d->id, json_pack("{s:s, s:s}", "link", id, "expires", label),
                       r->remote_addr);
    json_t *ctx = page_ctx(r, arena_printf(r->arena, "Public link to %s", d->title), "dashboards");
    json_object_set_new(ctx, "dashboard", store_dash_json(d));
    json_object_set_new(ctx, "url", json_string(arena_printf(r->arena, "%s/public/d/%s",
                                                             cfg->base_url, token)));
    json_object_set_new(ctx, "expires", json_string(label));
    json_object_set_new(ctx, "never", json_boolean(days == 0));
    sodium_memzero(token, sizeof token);
    http_header(r, "Cache-Control", "no-store");
    page_render(r, "link_created", ctx);
}

/* POST /dashboards/{id}/links/{lid}/revoke — the link stops working now. */
void page_link_revoke(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    if (!dashboard_can_edit(r, d)) {
        page_error(r, 403, "Only analysts and admins who may change this dashboard revoke its links.");
        return;
    }
    const char *lid = http_route_param(r, "lid");
    if (store_link_revoke(r->arena, r->user->org_id, d->id, lid, r->user->id) < 0) {
        page_error(r, 404, "There is no such live link on this dashboard (revoked already?).");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, "dashboard.link_revoke", "dashboard",
                       d->id, json_pack("{s:s}", "link", lid), r->remote_addr);
    page_flash(r, "ok", "Link revoked: it no longer opens the dashboard.");
    http_redirect(r, 303, arena_printf(r->arena, "/dashboards/%s/sharing#share", d->id));
}

/* --- the public side ------------------------------------------------------ */

/* A public answer carries nothing of a session the visitor may have. */
static void public_begin(req_t *r)
{
    r->user = NULL;
    r->csrf = NULL;
    http_header(r, "Cache-Control", "no-store");
    http_header(r, "Referrer-Policy", "no-referrer");
    http_header(r, "X-Robots-Tag", "noindex, nofollow");
}

static void public_gone(req_t *r, int status, const char *message)
{
    buf_reset(&r->body);
    r->status = status;
    json_t *ctx = json_pack("{s:i, s:s, s:b}", "status", status, "message", message, "gone", status == 410);
    page_render_bare(r, "public_gone", ctx, "text/html; charset=utf-8");
}

/* The live link of the route's {token} and its dashboard with widgets,
 * or the gone page and -1. */
static int public_load(req_t *r, store_link_t *l, store_dash_t *d, store_widget_t **rows, size_t *n)
{
    unsigned char hash[STORE_LINK_HASH_BYTES];
    enum store_link_state st = token_hash(http_route_param(r, "token"), hash) < 0
                                   ? STORE_LINK_NONE : store_link_resolve(r->arena, hash, l);
    if (st == STORE_LINK_DBERR) {
        public_gone(r, 503, PAGE_DB_DOWN);
        return -1;
    }
    if (st == STORE_LINK_GONE) {
        public_gone(r, 410, "This link has expired or was revoked. Ask whoever shared it for a new one.");
        return -1;
    }
    if (st != STORE_LINK_LIVE || store_dash_view(r->arena, l->org_id, l->created_by_id,
                                                 l->dashboard_id, d, rows, n) < 0) {
        public_gone(r, 404, "There is no dashboard at this link. Check that you copied all of it.");
        return -1;
    }
    return 0;
}

static json_t *public_card(req_t *r, const char *org_id, const char *token, const store_widget_t *w)
{
    json_t *card = json_pack("{s:s, s:s, s:o}", "id", w->id, "title", w->title, "refreshed",
                             w->refreshed ? json_string(w->refreshed) : json_null());
    json_object_set_new(card, arena_printf(r->arena, "size_%s", w->size), json_true());
    json_object_set_new(card, "size", json_string(w->size));
    if (strcmp(w->kind, "text") == 0) {
        char *html = tmpl_markdown(w->body_markdown);
        json_object_set_new(card, "html", json_string(html));
        free(html);
        return card;
    }
    tasks_fragment_t fr;
    if (tasks_widget_has_fragment(w)) {
        if (tasks_widget_fragment(r->arena, org_id, w, &fr) == 0) {
            const char *html = tasks_fragment_undrilled(r->arena, fr.html);
            json_object_set_new(card, "fragment", json_stringn_nocheck(html, strlen(html)));
            if (fr.svg)
                json_object_set_new(card, "svg", json_string(arena_printf(
                    r->arena, "/public/d/%s/widgets/%s.svg", token, w->id)));
            return card;
        }
    } else {
        json_t *result = store_widget_result(r->arena, w);
        if (result) {
            json_object_set_new(card, "table", result_table(result, 0, PUBLIC_ROWS));
            return card;
        }
    }
    json_object_set_new(card, "error", json_string("No result yet."));
    return card;
}

/* GET /public/d/{token} — the dashboard as its last results drew it. */
void page_public_dashboard(req_t *r)
{
    public_begin(r);
    store_link_t l;
    store_dash_t d;
    store_widget_t *rows;
    size_t n;
    if (public_load(r, &l, &d, &rows, &n) < 0)
        return;
    const char *token = http_route_param(r, "token");
    json_t *cards = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(cards, public_card(r, l.org_id, token, &rows[i]));
    json_t *ctx = json_pack("{s:s, s:s, s:o, s:b, s:o}", "title", d.title, "description",
                            d.description, "widgets", cards, "empty", n == 0, "expires",
                            l.expires ? json_string(l.expires) : json_null());
    page_render_bare(r, "public_dashboard", ctx, "text/html; charset=utf-8");
}

/* GET /public/d/{token}/widgets/{wid}.svg — one chart of that dashboard. */
void page_public_widget_svg(req_t *r)
{
    public_begin(r);
    store_link_t l;
    store_dash_t d;
    store_widget_t *rows, w;
    size_t n;
    if (public_load(r, &l, &d, &rows, &n) < 0)
        return;
    tasks_fragment_t fr;
    if (store_widget_get(r->arena, l.org_id, d.id, http_route_param(r, "wid"), &w) < 0 ||
        !tasks_widget_has_fragment(&w) || tasks_widget_fragment(r->arena, l.org_id, &w, &fr) < 0 ||
        !fr.svg) {
        public_gone(r, 404, "This dashboard has no such chart.");
        return;
    }
    http_header(r, "Content-Type", "image/svg+xml; charset=utf-8");
    buf_puts(&r->body, tasks_fragment_undrilled(r->arena, fr.svg));
}
