/* router.c — match a path against the route table.
 *
 * Patterns are literal segments and {name} captures; a capture matches one
 * non-empty segment, and may be followed by a literal suffix inside the
 * segment ("{wid}.svg"). The table is small and scanned in order: the first
 * route whose pattern and method match wins. */
#include "http/http.h"

#include <string.h>

/* Match one segment against a pattern segment; add captures. */
static int seg_match(req_t *r, const char *pat, size_t plen, const char *seg, size_t slen)
{
    if (plen == 0 || pat[0] != '{')
        return plen == slen && memcmp(pat, seg, plen) == 0;
    const char *close = memchr(pat, '}', plen);
    if (!close)
        return 0;
    const char *suffix = close + 1;
    size_t sufl = plen - (size_t)(suffix - pat);
    if (slen <= sufl || memcmp(seg + slen - sufl, suffix, sufl) != 0)
        return 0;
    kv_add(r->arena, &r->route, pat + 1, (size_t)(close - pat - 1), seg, slen - sufl);
    return 1;
}

static int path_match(req_t *r, const char *pattern, const char *path)
{
    r->route.n = 0;
    const char *p = pattern, *s = path;
    for (;;) {
        if (*p != '/' || *s != '/')
            return *p == *s; /* both ended */
        p++, s++;
        size_t pl = strcspn(p, "/"), sl = strcspn(s, "/");
        if (!seg_match(r, p, pl, s, sl))
            return 0;
        p += pl, s += sl;
    }
}

static int method_match(const char *allowed, const char *method)
{
    size_t n = strlen(method);
    if (strcmp(method, "HEAD") == 0)
        method = "GET", n = 3;
    for (const char *p = allowed; *p;) {
        size_t len = strcspn(p, "|");
        if (len == n && strncmp(p, method, n) == 0)
            return 1;
        p += len + (p[len] == '|');
    }
    return 0;
}

int router_match(const route_t *table, size_t n, req_t *r, const route_t **out)
{
    int path_seen = 0;
    for (size_t i = 0; i < n; i++) {
        if (!path_match(r, table[i].pattern, r->path))
            continue;
        if (method_match(table[i].method, r->method)) {
            *out = &table[i];
            return 0;
        }
        path_seen = 1;
    }
    r->route.n = 0;
    return path_seen ? 405 : 404;
}
