/* dburl.c — a database URL into the connection form's fields (http.h):
 *
 *   postgresql://user:pass@host:port/db?sslmode=require   (also postgres://)
 *   mysql://user:pass@host:3306/db                         (also mariadb://)
 *   clickhouse://user:pass@host:8123/db?sslmode=require
 *   sqlite:///abs/path/file.db                             (no host, no user)
 *
 * and a libpq conninfo string ("host=/run/pg dbname=shop user=me") for
 * `datamind ask --db`. Percent-escapes are decoded; nothing here is ever
 * pasted into a conninfo string (the fields go to the engine one each). */
#include "http/http.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct scheme {
    const char *prefix, *kind;
    int port;
} scheme_t;

static const scheme_t schemes[] = {
    {"postgresql://", "postgresql", 5432}, {"postgres://", "postgresql", 5432},
    {"mysql://", "mysql", 3306},           {"mariadb://", "mysql", 3306},
    {"clickhouse://", "clickhouse", 8123}, {"sqlite://", "sqlite", 0},
};

int http_db_default_port(const char *kind)
{
    for (size_t i = 0; kind && i < sizeof schemes / sizeof schemes[0]; i++)
        if (strcmp(schemes[i].kind, kind) == 0)
            return schemes[i].port;
    return 5432;
}

static char *dup_decoded(arena_t *a, const char *s, size_t n)
{
    char *d = arena_strndup(a, s, n);
    http_url_decode(d, n, 0);
    return d;
}

/* sqlite:///abs/path: an absolute path (no NUL, no "..", no host, no query). */
static int sqlite_path(arena_t *a, const char *p, http_db_url_t *out)
{
    if (*p != '/' || p[1] == '/' || strchr(p, '?') || strchr(p, '#'))
        return -1;
    char *d = arena_strdup(a, p);
    size_t n = http_url_decode(d, strlen(d), 0);
    if (strlen(d) != n || strstr(d, "/../") || (n >= 3 && strcmp(d + n - 3, "/..") == 0))
        return -1;
    out->dbname = d;
    return 0;
}

/* [user[:password]@]host[:port][/db][?sslmode=…] */
static int server_url(arena_t *a, const char *p, http_db_url_t *out)
{
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
    if (pcolon) {
        char *end;
        long port = strtol(pcolon + 1, &end, 10);
        if (end == pcolon + 1 || end != hend || port <= 0 || port > 65535)
            return -1;
        out->port = (int)port;
    }
    if (slash)
        out->dbname = dup_decoded(a, slash + 1, strcspn(slash + 1, "?"));
    const char *q = strchr(hend, '?');
    const char *ssl = q ? strstr(q, "sslmode=") : NULL;
    if (ssl)
        out->sslmode = dup_decoded(a, ssl + 8, strcspn(ssl + 8, "&"));
    return *out->host ? 0 : -1;
}

int http_parse_db_url(arena_t *a, const char *url, http_db_url_t *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t n = strlen(schemes[i].prefix);
        if (strncasecmp(url, schemes[i].prefix, n) != 0)
            continue;
        out->kind = schemes[i].kind;
        out->port = schemes[i].port;
        int rc = out->port ? server_url(a, url + n, out) : sqlite_path(a, url + n, out);
        if (rc < 0)
            memset(out, 0, sizeof *out);
        return rc;
    }
    return -1;
}

/* ---- libpq conninfo: key = value pairs, values bare or '…' with \' \\ ---- */

static const char *conninfo_value(arena_t *a, const char **p)
{
    const char *s = *p;
    char *v = arena_alloc(a, strlen(s) + 1), *o = v;
    if (*s == '\'') {
        for (s++; *s && *s != '\''; s++) {
            if (*s == '\\' && s[1])
                s++;
            *o++ = *s;
        }
        if (*s != '\'')
            return NULL; /* unterminated */
        s++;
    } else {
        for (; *s && !isspace((unsigned char)*s); s++) {
            if (*s == '\\' && s[1])
                s++;
            *o++ = *s;
        }
    }
    *o = '\0';
    *p = s;
    return v;
}

static int conninfo_set(http_db_url_t *out, const char *key, size_t klen, const char *v)
{
#define KEY(k) (klen == strlen(k) && strncmp(key, k, klen) == 0)
    if (KEY("host"))
        out->host = (char *)v;
    else if (KEY("port"))
        return (out->port = atoi(v)) > 0 && out->port <= 65535 ? 0 : -1;
    else if (KEY("dbname"))
        out->dbname = (char *)v;
    else if (KEY("user"))
        out->user = (char *)v;
    else if (KEY("password"))
        out->password = (char *)v;
    else if (KEY("sslmode"))
        out->sslmode = (char *)v;
    else if (!KEY("connect_timeout") && !KEY("application_name"))
        return -1; /* hostaddr, service, options…: not taken */
    return 0;
#undef KEY
}

int http_parse_conninfo(arena_t *a, const char *s, http_db_url_t *out)
{
    memset(out, 0, sizeof *out);
    out->kind = "postgresql";
    for (;;) {
        while (isspace((unsigned char)*s))
            s++;
        if (!*s)
            return 0;
        const char *key = s;
        while (*s && *s != '=' && !isspace((unsigned char)*s))
            s++;
        size_t klen = (size_t)(s - key);
        while (isspace((unsigned char)*s))
            s++;
        if (!klen || *s++ != '=')
            return -1;
        while (isspace((unsigned char)*s))
            s++;
        const char *v = conninfo_value(a, &s);
        if (!v || conninfo_set(out, key, klen, v) < 0)
            return -1;
    }
}
