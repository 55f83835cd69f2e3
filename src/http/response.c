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
