/* cache.c — HTTP caching of signed-in pages: Cache-Control, ETags and the
 * 304s they earn.
 *
 * A page whose content is fully given by its one query (the dashboard)
 * asks page_not_modified with that query's version key before rendering
 * anything: the ETag is a hash of the key, the app generation and
 * everything about the asker the page shows (user, session — its CSRF
 * token —, the bell, htmx or not, JavaScript or not, the address). Every
 * other signed-in GET gets an ETag hashed from the rendered body
 * (page_cache_finish): no rendering is saved, but the bytes are. Both are
 * compared weakly (If-None-Match, RFC 9110 13.1.2), so the tag nginx's gzip
 * turns weak still matches. */
#include "config.h" /* PACKAGE_VERSION */
#include "pages/pages.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* Set when the templates are loaded (app_load, in the master, so every
 * worker shares it): an ETag made before a deploy or reload never matches
 * after it. */
static char generation[64];

void page_cache_stamp(void)
{
    snprintf(generation, sizeof generation, "%s/%lld", PACKAGE_VERSION, (long long)time(NULL));
}

static int has_header(const req_t *r, const char *name)
{
    size_t n = strlen(name);
    const char *h = buf_str(&r->headers);
    for (const char *p = h; p && *p; p = strstr(p, "\r\n"), p = p ? p + 2 : NULL)
        if (strncasecmp(p, name, n) == 0 && p[n] == ':')
            return 1;
    return 0;
}

static void put(crypto_generichash_state *st, const char *s)
{
    s = s ? s : "";
    crypto_generichash_update(st, (const unsigned char *)s, strlen(s) + 1); /* with its NUL */
}

static const char *etag_of(req_t *r, crypto_generichash_state *st)
{
    unsigned char h[16];
    char hex[33];
    crypto_generichash_final(st, h, sizeof h);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return arena_printf(r->arena, "\"%s\"", hex);
}

/* Sets the ETag; 1 (and a 304 with no body) when If-None-Match matches. */
static int answer(req_t *r, const char *etag)
{
    http_header(r, "ETag", etag);
    if (!http_etag_match(http_header_in(r, "If-None-Match"), etag))
        return 0;
    http_status(r, 304);
    buf_reset(&r->body);
    return 1;
}

const char *page_etag(req_t *r, const char *key)
{
    if (!r->user || !http_is_get(r))
        return NULL;
    const char *flash = http_cookie(r, "dm_flash");
    if (flash && *flash) /* the page shows it once and clears it */
        return NULL;
    const http_user_t *u = r->user;
    char nums[64];
    snprintf(nums, sizeof nums, "%d/%ld/%d", (int)u->role, u->unread, r->htmx);
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 16);
    crypto_generichash_update(&st, u->sid, sizeof u->sid);
    const char *parts[] = {generation, u->id, u->org_id, u->org_slug, u->org_name, u->email,
                           u->name, u->theme, nums, http_cookie(r, "dm_js"), r->path,
                           r->query_string, key};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        put(&st, parts[i]);
    return etag_of(r, &st);
}

int page_etag_answer(req_t *r, const char *etag, int weak)
{
    http_header(r, "Cache-Control", "private, no-cache");
    return answer(r, weak ? arena_printf(r->arena, "W/%s", etag) : etag);
}

int page_not_modified(req_t *r, const char *key)
{
    const char *etag = page_etag(r, key);
    return etag ? page_etag_answer(r, etag, 0) : 0;
}

void page_cache_finish(req_t *r)
{
    if (!r->user || !http_is_get(r) || r->sent)
        return;
    if (has_header(r, "Cache-Control")) /* the handler chose (no-store, its own ETag) */
        return;
    http_header(r, "Cache-Control", "private, no-cache");
    if (r->status != 200 || !r->body.len || has_header(r, "ETag") || has_header(r, "Set-Cookie") ||
        has_header(r, "Content-Disposition"))
        return;
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 16);
    put(&st, "body");
    crypto_generichash_update(&st, (const unsigned char *)r->body.data, r->body.len);
    answer(r, etag_of(r, &st));
}
