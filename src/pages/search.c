/* search.c — GET /search?q=: the organization's dashboards, saved queries,
 * connections, the user's chats and DataMind's own pages whose names hold
 * every word typed. Without JavaScript it is a page with a form; the
 * command palette (static/palette.js, Ctrl/Cmd+K) asks for the same
 * address as a fragment (HX-Request) and shows the list it gets. */
#include "pages/pages.h"
#include "store/search.h"

#include <string.h>
#include <strings.h>

#define SEARCH_MAX_LEN 200 /* bytes of the search kept */
#define SEARCH_HITS 20     /* store rows with a search */
#define SEARCH_RECENT 8    /* store rows for an empty search */

/* The pages the palette jumps to, with the least role that may open
 * them (as routes.c says). */
static const struct {
    const char *title, *href;
    role_t role;
} search_pages[] = {
    {"Chat", "/chat", ROLE_VIEWER},
    {"Dashboards", "/dashboards", ROLE_VIEWER},
    {"Explore", "/explore", ROLE_ANALYST},
    {"Saved queries", "/queries", ROLE_VIEWER},
    {"Connections", "/connections", ROLE_VIEWER},
    {"New connection", "/connections/new", ROLE_ANALYST},
    {"Uploads", "/uploads", ROLE_VIEWER},
    {"Alerts", "/alerts", ROLE_VIEWER},
    {"New alert", "/alerts/new", ROLE_ANALYST},
    {"Notifications", "/notifications", ROLE_VIEWER},
    {"Settings", "/settings", ROLE_VIEWER},
    {"Audit log", "/audit", ROLE_ADMIN},
    {"Users", "/admin/users", ROLE_ADMIN},
    {"Jobs", "/admin/jobs", ROLE_ADMIN},
};

static const struct {
    const char *kind, *label, *prefix;
} search_kinds[] = {
    {"dashboard", "Dashboard", "/dashboards/"},
    {"query", "Saved query", "/queries/"},
    {"connection", "Connection", "/connections/"},
    {"chat", "Chat", "/chat/"},
};

/* Every blank-separated word of q appears in title, ignoring case. */
static int search_words_in(req_t *r, const char *title, const char *q)
{
    char *words = arena_strdup(r->arena, q), *save = NULL;
    for (char *w = strtok_r(words, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
        if (!strcasestr(title, w))
            return 0;
    return 1;
}

static json_t *search_item(const char *label, const char *title, const char *detail,
                           const char *href)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "kind", label, "title", title, "detail", detail,
                     "href", href);
}

static void search_add_pages(req_t *r, const char *q, json_t *out)
{
    for (size_t i = 0; i < sizeof search_pages / sizeof search_pages[0]; i++)
        if (r->user->role >= search_pages[i].role && search_words_in(r, search_pages[i].title, q))
            json_array_append_new(out, search_item("Page", search_pages[i].title, "",
                                                   search_pages[i].href));
}

static void search_add_hits(req_t *r, const char *q, json_t *out)
{
    store_search_hit_t *hits;
    size_t n;
    if (store_search_run(r->arena, r->user->org_id, r->user->id, q,
                         *q ? SEARCH_HITS : SEARCH_RECENT, &hits, &n) < 0)
        return;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < sizeof search_kinds / sizeof search_kinds[0]; k++)
            if (strcmp(hits[i].kind, search_kinds[k].kind) == 0)
                json_array_append_new(
                    out, search_item(search_kinds[k].label, hits[i].title, hits[i].detail,
                                     arena_printf(r->arena, "%s%s", search_kinds[k].prefix,
                                                  hits[i].id)));
}

/* The search as typed, cut to SEARCH_MAX_LEN bytes; "" when absent or not
 * UTF-8. */
static const char *search_query(req_t *r)
{
    const char *q = http_query(r, "q");
    if (!q || !http_valid_utf8(q, strlen(q)))
        return "";
    size_t len = strlen(q);
    if (len > SEARCH_MAX_LEN) { /* back to a character's first byte */
        len = SEARCH_MAX_LEN;
        while (len > 0 && ((unsigned char)q[len] & 0xC0) == 0x80)
            len--;
    }
    return arena_strndup(r->arena, q, len);
}

void page_search(req_t *r)
{
    const char *q = search_query(r);
    json_t *ctx = page_ctx(r, "Search", "search");
    json_t *results = json_array();
    search_add_pages(r, q, results);
    search_add_hits(r, q, results);
    json_object_set_new(ctx, "q", json_string(q));
    json_object_set_new(ctx, "searched", json_boolean(*q != '\0'));
    json_object_set_new(ctx, "results", results);
    page_render(r, r->htmx ? "partials/search_results" : "search", ctx);
}
