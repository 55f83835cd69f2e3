/* http.h — requests, responses, routing and the pre-fork server.
 *
 * A req_t lives for one request; all of its strings come from its arena and
 * die with it. Handlers read input with http_param()/http_cookie()/…, write
 * output with http_status()/http_header()/the body buffer, and return. The
 * worker (worker.c) sends what they wrote after they return; the master
 * (prefork.c) forks and keeps the workers. Files: request.c, response.c,
 * parse.c (query strings, forms, cookies, dburl.c: a database URL),
 * multipart.c, router.c. */
#ifndef DM_HTTP_H
#define DM_HTTP_H

#include <stddef.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/metrics.h"

typedef enum { ROLE_NONE = 0, ROLE_VIEWER, ROLE_ANALYST, ROLE_ADMIN } role_t;

typedef struct kv {
    char *name;
    char *value;
    size_t len; /* of value */
} kv_t;

typedef struct kvlist {
    kv_t *items;
    size_t n, cap;
} kvlist_t;

/* A multipart part that carried a filename. Small ones stay in memory
 * (data); past DATAMIND_MULTIPART_MEMORY_KB they are streamed to a temp file
 * (path), unlinked when the request ends. */
typedef struct http_file {
    char *field, *filename, *content_type;
    char *data;  /* or NULL when spilled */
    char *path;  /* or NULL when in memory */
    size_t size;
} http_file_t;

/* Who is signed in; filled by the auth layer before routing. */
typedef struct http_user {
    char *id, *org_id, *org_slug, *org_name, *email, *name;
    unsigned char sid[16]; /* the session id, binding for the CSRF token */
    role_t role;
    long unread; /* unread notifications when the session was loaded (the bell) */
    const char *theme; /* "system", "light" or "dark"; NULL = "system" */
} http_user_t;

typedef struct req {
    arena_t *arena;
    /* input */
    const char *method, *path, *query_string, *content_type, *request_id;
    const char *remote_addr;  /* the client, X-Forwarded-For resolved */
    const char *user_agent;
    long content_length;
    kvlist_t params;   /* FastCGI params (CGI variables) */
    kvlist_t query;
    kvlist_t form;     /* urlencoded body or multipart fields */
    kvlist_t cookies;
    kvlist_t route;    /* {name} captures of the matched route */
    http_file_t *files;
    size_t nfiles;
    int body_read;     /* the form was parsed (or refused) */
    int body_error;    /* 400 or 413 when the body was refused */
    const char *raw;   /* an application/json body as sent (NUL-terminated), else NULL */
    size_t raw_len;
    const char *route_name;
    int route_index;   /* into the route table, -1 when unmatched (metrics) */
    http_user_t *user; /* NULL when signed out */
    const char *csrf;  /* the token this client's forms must carry */
    int store_down;    /* the session could not be checked: the database is down */
    int htmx;          /* HX-Request: true */
    int api;           /* an /api/v1 request: bearer token, JSON errors, no cookies */
    void *stream;      /* FCGX_Stream* of the body, server-owned */
    /* output */
    int status;
    buf_t headers;     /* "Name: value\r\n" lines */
    buf_t body;
    int sent;          /* http_stream_* took over the output */
} req_t;

/* --- input ------------------------------------------------------------ */
const char *http_env(const req_t *r, const char *name);        /* a FastCGI param */
const char *http_header_in(const req_t *r, const char *name);  /* "User-Agent" → HTTP_USER_AGENT */
const char *http_query(const req_t *r, const char *name);
const char *http_param(req_t *r, const char *name);            /* form, then query */
const char *http_cookie(const req_t *r, const char *name);
const char *http_route_param(const req_t *r, const char *name);
const http_file_t *http_file(req_t *r, const char *field);
/* Read and parse the body once (POST forms and multipart; an
 * application/json body of a POST, PUT or PATCH is kept as it is in
 * r->raw). 0, or -1 with r->body_error set to 400 or 413. http_param()
 * calls it. */
int http_read_body(req_t *r);

/* --- parsers (pure, unit-tested) ------------------------------------------ */
void kv_add(arena_t *a, kvlist_t *l, const char *name, size_t nlen, const char *val, size_t vlen);
const char *kv_get(const kvlist_t *l, const char *name);
/* application/x-www-form-urlencoded (also query strings). -1 with err when a
 * NUL byte or invalid UTF-8 would result. */
int http_parse_urlencoded(arena_t *a, const char *s, size_t len, kvlist_t *out, char *err, size_t errlen);
void http_parse_cookies(arena_t *a, const char *header, kvlist_t *out);
size_t http_url_decode(char *s, size_t len, int plus_is_space);
void http_url_encode(buf_t *out, const char *s); /* unreserved bytes kept, the rest %XX */
/* A database URL split into the connection form's fields (dburl.c):
 * postgresql:// or postgres:// (kind "postgresql", port 5432 by default),
 * mysql:// or mariadb:// ("mysql", 3306), clickhouse:// ("clickhouse",
 * 8123), sqlite:///abs/path/file.db ("sqlite": dbname the path, no host,
 * port 0). Arena strings, percent-decoded, absent parts NULL. -1 when it is
 * not such a URL (another scheme, no host, a bad port, a relative path). */
typedef struct http_db_url {
    const char *kind;
    char *host, *user, *password, *dbname, *sslmode;
    int port;
} http_db_url_t;
int http_parse_db_url(arena_t *a, const char *url, http_db_url_t *out);
/* A libpq conninfo string ("host=/run/pg port=5433 dbname='my db'") into
 * the same fields, kind "postgresql", port 0 when not given: host, port,
 * dbname, user, password and sslmode (connect_timeout and application_name
 * are read and ignored); -1 on any other key or a malformed string. */
int http_parse_conninfo(arena_t *a, const char *s, http_db_url_t *out);
/* The default port of a connection kind: 5432, 3306, 8123; 0 for sqlite. */
int http_db_default_port(const char *kind);
/* multipart/form-data from a reader. boundary from the Content-Type.
 * Returns 0, or -1 with *status (400 or 413) and err. */
typedef long (*http_reader_fn)(void *ctx, char *buf, size_t n);
typedef struct multipart_limits {
    size_t max_total;      /* whole body */
    size_t max_field;      /* a non-file field */
    size_t memory_file;    /* spill a file to disk past this */
    const char *tmpdir;
} multipart_limits_t;
int http_parse_multipart(arena_t *a, const char *content_type, http_reader_fn rd, void *ctx,
                         const multipart_limits_t *lim, kvlist_t *form, http_file_t **files,
                         size_t *nfiles, int *status, char *err, size_t errlen);
int http_valid_utf8(const char *s, size_t len);

/* --- output ----------------------------------------------------------- */
void http_status(req_t *r, int status);
void http_header(req_t *r, const char *name, const char *value); /* CR/LF in value dropped */
void http_redirect(req_t *r, int status, const char *location);  /* 303 after POST */
void http_set_cookie(req_t *r, const char *name, const char *value, long max_age, int http_only);
int http_is_get(const req_t *r);
int http_is_post(const req_t *r);
/* If-None-Match (the header's value, NULL when absent) against the
 * response's etag, by the weak comparison of RFC 9110 8.8.3.2 (used by 13.1.2): 1 when
 * the value is "*" or lists an entity-tag whose opaque-tag equals etag's,
 * a W/ prefix on either side ignored (nginx's gzip turns "x" into W/"x").
 * A malformed list matches nothing from the first bad tag on. */
int http_etag_match(const char *if_none_match, const char *etag);
/* Same-site path check for ?next= redirects: "/x" yes; "//evil", "/\evil", "http:" no. */
int http_safe_local_path(const char *p);

/* --- routing ---------------------------------------------------------- */
typedef void (*http_handler_fn)(req_t *r);
typedef struct route {
    const char *method;   /* "GET", "POST", or "GET|POST" */
    const char *pattern;  /* "/dashboards/{id}/widgets/{wid}.svg" */
    role_t min_role;
    http_handler_fn fn;
    const char *name;     /* for logs and metrics */
    const char *limit;    /* rate-limit class ("questions", …) or NULL */
} route_t;
/* Find the route. 0 = matched (*out set, captures in r->route); 404 = no such
 * path; 405 = the path exists for other methods. */
int router_match(const route_t *table, size_t n, req_t *r, const route_t **out);

/* --- the pre-fork server ------------------------------------------------ */
typedef struct server_hooks {
    /* In each worker after fork: open connections etc. 0 or -1 (worker exits). */
    int (*worker_init)(void);
    void (*worker_done)(void);
    /* Serve one request. */
    void (*handle)(req_t *r);
    /* In the master on SIGHUP: reload config/templates. -1 keeps the old workers. */
    int (*reload)(char *err, size_t errlen);
} server_hooks_t;

typedef struct server_opts {
    const char *listen;  /* unix socket path, or HOST:PORT */
    int workers;
    long max_requests;
    const char *pidfile; /* optional */
} server_opts_t;

/* Run the master until SIGTERM/SIGINT drained everything. Returns exit code. */
int server_run(const server_opts_t *opts, const server_hooks_t *hooks);

#endif
