/* api.c — who is asking an /api/v1 request (the bearer token), and the
 * API's own small routes: who am I (/api/v1/me) and the OpenAPI document.
 * The rest of the pipeline is app.c's, shared with the pages: route, role,
 * body, rate limit — with JSON errors and no CSRF (no cookie is read). */
#include "pages/pages.h"
#include "pages/api_internal.h"
#include "auth/auth.h"
#include "core/config.h"
#include "core/log.h"
#include "store/tokens.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* "Bearer <token>", the scheme in any case (RFC 9110 11.1). */
static const char *bearer_of(req_t *r)
{
    const char *h = http_header_in(r, "Authorization");
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return NULL;
    h += 7;
    while (*h == ' ')
        h++;
    return h;
}

void api_attach(req_t *r)
{
    unsigned char hash[AUTH_API_HASH_BYTES];
    const char *tok = bearer_of(r);
    if (!tok || auth_api_token_hash(tok, hash) < 0)
        return;
    store_token_auth_t row;
    int rc = store_token_load(r->arena, hash, &row);
    if (rc == -2)
        r->store_down = 1;
    if (rc != 0)
        return;
    if (row.needs_touch)
        store_token_touch(r->arena, row.token_id);
    http_user_t *u = arena_alloc(r->arena, sizeof *u);
    u->id = arena_strdup(r->arena, row.acct.user_id);
    u->org_id = arena_strdup(r->arena, row.acct.org_id);
    u->org_slug = arena_strdup(r->arena, row.acct.org_slug);
    u->org_name = arena_strdup(r->arena, row.acct.org_name);
    u->email = arena_strdup(r->arena, row.acct.email);
    u->name = arena_strdup(r->arena, row.acct.full_name);
    u->role = session_role_parse(row.acct.role);
    r->user = u;
    log_set_user(u->id);
}

/* GET /api/v1/me: the token's user, role and organization. */
void api_me(req_t *r)
{
    static const char *const roles[] = {"none", "viewer", "analyst", "admin"};
    api_reply(r, 200, json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s}}", "id", r->user->id,
                                "email", r->user->email, "name", r->user->name, "role",
                                roles[r->user->role], "org", "id", r->user->org_id, "slug",
                                r->user->org_slug, "name", r->user->org_name));
}

/* GET /api/v1/openapi.json: the document kept in the data directory
 * (data/openapi.json, checked against routes.c by the tests). */
void api_openapi(req_t *r)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/openapi.json", cfg->data_dir);
    FILE *f = fopen(path, "rb");
    if (!f) {
        log_msg(LOG_ERROR, "%s: cannot open", path);
        api_error(r, 503, NULL, "The API description is not installed on this server.");
        return;
    }
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&r->body, chunk, got);
    fclose(f);
    r->status = 200;
    http_header(r, "Content-Type", "application/json");
    http_header(r, "Cache-Control", "public, max-age=300");
}
