/* request.c — reading a request: params, query, cookies, body. */
#include "http/http.h"
#include "core/config.h"

#include <ctype.h>
#include <limits.h>
#include <fcgiapp.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *http_env(const req_t *r, const char *name)
{
    return kv_get(&r->params, name);
}

/* "User-Agent" → HTTP_USER_AGENT */
const char *http_header_in(const req_t *r, const char *name)
{
    char key[128] = "HTTP_";
    size_t i = 5;
    for (const char *p = name; *p && i < sizeof key - 1; p++)
        key[i++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    key[i] = '\0';
    return http_env(r, key);
}

const char *http_query(const req_t *r, const char *name)
{
    return kv_get(&r->query, name);
}

const char *http_param(req_t *r, const char *name)
{
    /* a POST's form; also the fields a PATCH's JSON body gave (the API) */
    if ((http_is_post(r) || r->body_read) && http_read_body(r) == 0) {
        const char *v = kv_get(&r->form, name);
        if (v)
            return v;
    }
    return kv_get(&r->query, name);
}

const char *http_cookie(const req_t *r, const char *name)
{
    return kv_get(&r->cookies, name);
}

const char *http_route_param(const req_t *r, const char *name)
{
    return kv_get(&r->route, name);
}

const http_file_t *http_file(req_t *r, const char *field)
{
    if (http_read_body(r) < 0)
        return NULL;
    for (size_t i = 0; i < r->nfiles; i++)
        if (strcmp(r->files[i].field, field) == 0)
            return &r->files[i];
    return NULL;
}

static long fcgi_reader(void *ctx, char *buf, size_t n)
{
    return FCGX_GetStr(buf, n < INT_MAX ? (int)n : INT_MAX, (FCGX_Stream *)ctx);
}

/* The body, up to DATAMIND_BODY_MAX_KB, into *body: 0, or -1 (413). */
static int read_all(req_t *r, buf_t *body)
{
    size_t max = (size_t)cfg->body_max_kb * 1024;
    if (r->content_length > (long)max) {
        r->body_error = 413;
        return -1;
    }
    char chunk[8192];
    long got;
    while ((got = fcgi_reader(r->stream, chunk, sizeof chunk)) > 0) {
        buf_append(body, chunk, (size_t)got);
        if (body->len > max) {
            r->body_error = 413;
            return -1;
        }
    }
    return 0;
}

/* application/json: kept as sent for the API, which parses it. */
static int read_json(req_t *r)
{
    buf_t body = {0};
    int rc = read_all(r, &body);
    if (rc == 0) {
        r->raw = arena_strndup(r->arena, buf_str(&body), body.len);
        r->raw_len = body.len;
    }
    buf_free(&body);
    return rc;
}

static int read_urlencoded(req_t *r)
{
    size_t max = (size_t)cfg->body_max_kb * 1024;
    if (r->content_length > (long)max) {
        r->body_error = 413;
        return -1;
    }
    buf_t body = {0};
    char chunk[8192];
    long got;
    while ((got = fcgi_reader(r->stream, chunk, sizeof chunk)) > 0) {
        buf_append(&body, chunk, (size_t)got);
        if (body.len > max) {
            buf_free(&body);
            r->body_error = 413;
            return -1;
        }
    }
    char err[128];
    int rc = http_parse_urlencoded(r->arena, buf_str(&body), body.len, &r->form, err, sizeof err);
    buf_free(&body);
    if (rc < 0)
        r->body_error = 400;
    return rc;
}

static int read_multipart(req_t *r)
{
    multipart_limits_t lim = {
        .max_total = (size_t)cfg->upload_max_mb * 1024 * 1024,
        .max_field = (size_t)cfg->body_max_kb * 1024,
        .memory_file = (size_t)cfg->multipart_memory_kb * 1024,
        .tmpdir = cfg->tmpdir,
    };
    if (r->content_length > (long)lim.max_total) {
        r->body_error = 413;
        return -1;
    }
    char err[256];
    int status = 0;
    if (http_parse_multipart(r->arena, r->content_type, fcgi_reader, r->stream, &lim, &r->form,
                             &r->files, &r->nfiles, &status, err, sizeof err) < 0) {
        r->body_error = status ? status : 400;
        return -1;
    }
    return 0;
}

int http_read_body(req_t *r)
{
    if (r->body_read)
        return r->body_error ? -1 : 0;
    r->body_read = 1;
    int with_body = http_is_post(r) || strcmp(r->method, "PUT") == 0 || strcmp(r->method, "PATCH") == 0;
    if (!r->stream || !with_body)
        return 0;
    const char *ct = r->content_type ? r->content_type : "";
    if (strncasecmp(ct, "application/json", 16) == 0)
        return read_json(r);
    if (!http_is_post(r))
        return 0;
    if (strncasecmp(ct, "multipart/form-data", 19) == 0)
        return read_multipart(r);
    return read_urlencoded(r);
}
