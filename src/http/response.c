/* response.c — status, headers, redirects, cookies. */
#include "http/http.h"

#include <stdio.h>
#include <string.h>

void http_status(req_t *r, int status)
{
    r->status = status;
}

void http_header(req_t *r, const char *name, const char *value)
{
    buf_puts(&r->headers, name);
    buf_puts(&r->headers, ": ");
    for (const char *p = value; *p; p++)
        if (*p != '\r' && *p != '\n')
            buf_putc(&r->headers, *p);
    buf_puts(&r->headers, "\r\n");
}

void http_redirect(req_t *r, int status, const char *location)
{
    http_status(r, status);
    http_header(r, "Location", location);
    /* htmx follows a 303 itself, but a boosted form must replace the page. */
    if (r->htmx)
        http_header(r, "HX-Location", location);
}

void http_set_cookie(req_t *r, const char *name, const char *value, long max_age, int http_only)
{
    char line[1024];
    int secure = strncmp(name, "__Host-", 7) == 0;
    snprintf(line, sizeof line, "%s=%s; Path=/; SameSite=Lax%s%s", name, value,
             http_only ? "; HttpOnly" : "", secure ? "; Secure" : "");
    if (max_age >= 0) {
        size_t n = strlen(line);
        snprintf(line + n, sizeof line - n, "; Max-Age=%ld", max_age);
    }
    http_header(r, "Set-Cookie", line);
}

int http_is_get(const req_t *r)
{
    return strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
}

int http_is_post(const req_t *r)
{
    return strcmp(r->method, "POST") == 0;
}

int http_safe_local_path(const char *p)
{
    if (!p || p[0] != '/' || p[1] == '/' || p[1] == '\\')
        return 0;
    for (const char *c = p; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == '\\')
            return 0;
    return 1;
}

/* The opaque-tag of an entity-tag at s ("x" or W/"x"): *len bytes at the
 * returned pointer, quotes included; NULL when s does not start with one. */
static const char *etag_opaque(const char *s, size_t *len)
{
    if (s[0] == 'W' && s[1] == '/')
        s += 2;
    if (*s != '"')
        return NULL;
    const char *end = strchr(s + 1, '"');
    if (!end)
        return NULL;
    *len = (size_t)(end - s) + 1;
    return s;
}

int http_etag_match(const char *if_none_match, const char *etag)
{
    size_t want_len, len;
    const char *want = etag ? etag_opaque(etag, &want_len) : NULL;
    const char *p = if_none_match;
    if (!want || !p)
        return 0;
    for (;;) {
        p += strspn(p, " \t,");
        if (!*p)
            return 0;
        if (*p == '*')
            return 1;
        const char *tag = etag_opaque(p, &len);
        if (!tag)
            return 0;
        if (len == want_len && memcmp(tag, want, len) == 0)
            return 1;
        p = tag + len;
    }
}
