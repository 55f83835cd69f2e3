/* api_json.c — JSON in and out for /api/v1: the error body, the reply, the
 * request's JSON body, a page of a list. A leaf: view.c's page_error calls
 * api_error for an API request, so every refusal of the pipeline (403,
 * 404, 413, 429…) is JSON there. */
#include "pages/api_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int api_path(const char *path)
{
    return path && (strncmp(path, "/api/v1/", 8) == 0 || strcmp(path, "/api/v1") == 0);
}

static const char *status_code(int status)
{
    switch (status) {
    case 400: return "bad_request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 409: return "conflict";
    case 413: return "too_large";
    case 422: return "invalid";
    case 429: return "rate_limited";
    case 503: return "unavailable";
    default: return status >= 500 ? "server_error" : "error";
    }
}

void api_reply(req_t *r, int status, json_t *body)
{
    buf_reset(&r->body);
    r->status = status ? status : 200;
    http_header(r, "Content-Type", "application/json");
    http_header(r, "Cache-Control", "no-store");
    char *text = json_dumps(body, JSON_COMPACT);
    if (text) {
        buf_puts(&r->body, text);
        free(text);
    }
    json_decref(body);
}

void api_error(req_t *r, int status, const char *code, const char *message)
{
    if (status == 401)
        http_header(r, "WWW-Authenticate", "Bearer realm=\"datamind\"");
    json_t *err = json_pack("{s:s, s:s}", "code", code ? code : status_code(status), "message",
                            message ? message : "");
    if (r->request_id)
        json_object_set_new(err, "request_id", json_string(r->request_id));
    api_reply(r, status, json_pack("{s:o}", "error", err));
}

json_t *api_body(req_t *r)
{
    if (!r->raw || !r->raw_len) {
        if (!r->raw && r->content_length > 0) {
            api_error(r, 400, NULL, "Send the body as JSON (Content-Type: application/json).");
            return NULL;
        }
        json_t *empty = json_object();
        arena_defer_json(r->arena, empty);
        return empty;
    }
    json_error_t e;
    json_t *body = json_loadb(r->raw, r->raw_len, 0, &e);
    if (!body) {
        api_error(r, 400, NULL, arena_printf(r->arena, "The body is not valid JSON (line %d: %s).",
                                             e.line, e.text));
        return NULL;
    }
    arena_defer_json(r->arena, body);
    if (!json_is_object(body)) {
        api_error(r, 400, NULL, "The body must be a JSON object.");
        return NULL;
    }
    return body;
}

int api_str(req_t *r, const json_t *body, const char *key, size_t max, const char **out)
{
    const json_t *v = json_object_get(body, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v) || json_string_length(v) > max) {
        api_error(r, 422, NULL, arena_printf(r->arena, "\"%s\" must be a string of at most %zu "
                                             "bytes.", key, max));
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

static int number_param(req_t *r, const char *name, long lo, long hi, long dflt, long *out)
{
    const char *v = http_query(r, name);
    *out = dflt;
    if (!v || !*v)
        return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < lo || n > hi) {
        api_error(r, 400, NULL, arena_printf(r->arena, "?%s= must be a whole number from %ld to "
                                             "%ld.", name, lo, hi));
        return -1;
    }
    *out = n;
    return 0;
}

void api_running(req_t *r, const char *job_id, const char *status_url, json_t *extra)
{
    json_t *o = json_pack("{s:s, s:s, s:s}", "status", "running", "job_id", job_id, "status_url",
                          status_url);
    if (extra)
        json_object_update(o, extra);
    json_decref(extra);
    http_header(r, "Location", status_url);
    http_header(r, "Retry-After", "1");
    api_reply(r, 202, o);
}

void api_reply_page(req_t *r, json_t *items)
{
    json_t *page = api_page(r, items);
    if (page)
        api_reply(r, 200, page);
}

json_t *api_page(req_t *r, json_t *items)
{
    long limit, from;
    size_t n = json_array_size(items);
    if (number_param(r, "limit", 1, 200, 50, &limit) < 0 ||
        number_param(r, "cursor", 0, 1000000, 0, &from) < 0) {
        json_decref(items);
        return NULL;
    }
    json_t *page = json_array();
    for (size_t i = (size_t)from; i < n && i < (size_t)(from + limit); i++)
        json_array_append(page, json_array_get(items, i));
    json_t *next = (size_t)(from + limit) < n
                       ? json_string(arena_printf(r->arena, "%ld", from + limit)) : json_null();
    json_decref(items);
    return json_pack("{s:o, s:o}", "items", page, "next_cursor", next);
}

/* A JSON scalar as a form field's text; NULL for an object or array. */
const char *api_text_of(req_t *r, const json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v))
        return arena_printf(r->arena, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v))
        return arena_printf(r->arena, "%.17g", json_real_value(v));
    if (json_is_boolean(v))
        return json_is_true(v) ? "1" : "0";
    return json_is_null(v) ? "" : NULL;
}

int api_body_into_form(req_t *r, const json_t *body, const char *const *fields)
{
    for (size_t i = 0; fields[i]; i++) {
        const json_t *v = json_object_get(body, fields[i]);
        const char *t = v ? api_text_of(r, v) : NULL;
        if (v && !t) {
            api_error(r, 422, NULL, arena_printf(r->arena, "\"%s\" must be a string or a number.",
                                                 fields[i]));
            return -1;
        }
        if (t)
            kv_add(r->arena, &r->form, fields[i], strlen(fields[i]), t, strlen(t));
    }
    return 0;
}
