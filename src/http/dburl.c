/* dburl.c — "postgresql://user:pass@host:port/db?sslmode=require" into the
 * connection form's fields (http.h). Percent-escapes are decoded; nothing
 * here is ever pasted into a conninfo string (the fields go to
 * PQconnectdbParams one keyword each). */
#include "http/http.h"

#include <stdlib.h>
#include <string.h>

static char *dup_decoded(arena_t *a, const char *s, size_t n)
{
    char *d = arena_strndup(a, s, n);
    http_url_decode(d, n, 0);
    return d;
}

int http_parse_db_url(arena_t *a, const char *url, http_db_url_t *out)
{
    memset(out, 0, sizeof *out);
    const char *p;
    if (strncmp(url, "postgresql://", 13) == 0)
        p = url + 13;
    else if (strncmp(url, "postgres://", 11) == 0)
        p = url + 11;
    else
        return -1;
    const char *at = strrchr(p, '@');
    const char *slash = strchr(at ? at : p, '/');
    const char *hostpart = at ? at + 1 : p;
    if (at) { /* user[:password]@ */
        const char *colon = memchr(p, ':', (size_t)(at - p));
        out->user = dup_decoded(a, p, (size_t)((colon ? colon : at) - p));
        if (colon)
            out->password = dup_decoded(a, colon + 1, (size_t)(at - colon - 1));
    }
    const char *hend = slash ? slash : hostpart + strcspn(hostpart, "?");
    const char *pcolon = NULL;
    if (*hostpart == '[') { /* [v6]:port */
        const char *rb = memchr(hostpart, ']', (size_t)(hend - hostpart));
        if (!rb)
            return -1;
        out->host = arena_strndup(a, hostpart + 1, (size_t)(rb - hostpart - 1));
        pcolon = rb[1] == ':' ? rb + 1 : NULL;
    } else {
        pcolon = memchr(hostpart, ':', (size_t)(hend - hostpart));
        out->host = dup_decoded(a, hostpart, (size_t)((pcolon ? pcolon : hend) - hostpart));
    }
    out->port = pcolon ? atoi(pcolon + 1) : 5432;
    if (out->port <= 0 || out->port > 65535)
        return -1;
    if (slash) {
        size_t n = strcspn(slash + 1, "?");
        out->dbname = dup_decoded(a, slash + 1, n);
    }
    const char *q = strchr(hend, '?');
    const char *ssl = q ? strstr(q, "sslmode=") : NULL;
    if (ssl)
        out->sslmode = dup_decoded(a, ssl + 8, strcspn(ssl + 8, "&"));
    return *out->host ? 0 : -1;
}
