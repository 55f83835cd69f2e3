/* test_http.c — the request parsers and the router: malformed input must
 * give a clear error or a sane value, never a crash. */
#include "check.h"
#include "mem_reader.h"
#include "core/arena.h"
#include "http/http.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static arena_t *A;

static kvlist_t parse_q(const char *s, int *rc)
{
    kvlist_t l = {0};
    char err[128];
    *rc = http_parse_urlencoded(A, s, strlen(s), &l, err, sizeof err);
    return l;
}

static void test_urlencoded(void)
{
    int rc;
    kvlist_t l = parse_q("a=1&b=hello+world&c=%41%42&d=&e", &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(kv_get(&l, "a"), "1");
    CHECK_STR(kv_get(&l, "b"), "hello world");
    CHECK_STR(kv_get(&l, "c"), "AB");
    CHECK_STR(kv_get(&l, "d"), "");
    CHECK_STR(kv_get(&l, "e"), "");
    CHECK(kv_get(&l, "zz") == NULL);

    /* malformed percent-encoding is kept literally */
    l = parse_q("x=%zz&y=%4&z=100%", &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(kv_get(&l, "x"), "%zz");
    CHECK_STR(kv_get(&l, "y"), "%4");
    CHECK_STR(kv_get(&l, "z"), "100%");

    /* duplicate keys: the first wins, all are kept */
    l = parse_q("k=first&k=second", &rc);
    CHECK_STR(kv_get(&l, "k"), "first");
    CHECK_INT(l.n, 2);

    /* NUL bytes and invalid UTF-8 are refused */
    parse_q("a=x%00y", &rc);
    CHECK_INT(rc, -1);
    parse_q("a=%C3%28", &rc);
    CHECK_INT(rc, -1);
    parse_q("a=%FF", &rc);
    CHECK_INT(rc, -1);
    l = parse_q("name=%E2%9C%93+ok&emoji=%F0%9F%98%80", &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(kv_get(&l, "name"), "\xE2\x9C\x93 ok");

    /* empty input and separators only */
    l = parse_q("", &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(l.n, 0);
    l = parse_q("&&;&=x", &rc);
    CHECK_INT(rc, 0);
    CHECK_INT(l.n, 0);
}

static void test_utf8(void)
{
    CHECK(http_valid_utf8("plain", 5));
    CHECK(http_valid_utf8("\xC3\xA9", 2));
    CHECK(!http_valid_utf8("\xC0\xAF", 2));         /* overlong */
    CHECK(!http_valid_utf8("\xED\xA0\x80", 3));     /* surrogate */
    CHECK(!http_valid_utf8("\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
    CHECK(!http_valid_utf8("\xE2\x82", 2));         /* truncated */
}

static void test_cookies(void)
{
    kvlist_t l = {0};
    http_parse_cookies(A, "a=1; b = 2 ;c=\"quoted value\";;  ;d=;=nokey;noval; e=x=y", &l);
    CHECK_STR(kv_get(&l, "a"), "1");
    CHECK_STR(kv_get(&l, "b"), "2");
    CHECK_STR(kv_get(&l, "c"), "quoted value");
    CHECK_STR(kv_get(&l, "d"), "");
    CHECK_STR(kv_get(&l, "e"), "x=y");
    CHECK(kv_get(&l, "noval") == NULL);
    CHECK(kv_get(&l, "") == NULL);
    kvlist_t m = {0};
    http_parse_cookies(A, "dup=one; dup=two", &m);
    CHECK_STR(kv_get(&m, "dup"), "one");
    kvlist_t n = {0};
    http_parse_cookies(A, NULL, &n);
    http_parse_cookies(A, "", &n);
    http_parse_cookies(A, "\t s = v \t", &n);
    CHECK_STR(kv_get(&n, "s"), "v");
}


static int run_mp(const char *ct, const char *body, size_t len, size_t step, size_t mem_file,
                  kvlist_t *form, http_file_t **files, size_t *nfiles, int *status)
{
    mem_reader_t m = {body, len, 0, step};
    multipart_limits_t lim = {.max_total = 1 << 20, .max_field = 4096,
                              .memory_file = mem_file, .tmpdir = "/tmp"};
    char err[256];
    *status = 0;
    *nfiles = 0;
    return http_parse_multipart(A, ct, mem_read, &m, &lim, form, files, nfiles, status, err,
                                sizeof err);
}

static const char MP_BODY[] =
    "preamble to ignore\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
    "Sales \"Q3\" --XyZ-ish\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"data.csv\"\r\n"
    "Content-Type: text/csv\r\n\r\n"
    "region,revenue\r\nEMEA,4800000\r\nx--XyZ\r\n"
    "\r\n--XyZ--\r\n"
    "epilogue";

static void test_multipart(void)
{
    size_t steps[] = {1, 3, 7, 64, 100000};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        kvlist_t form = {0};
        http_file_t *files = NULL;
        size_t nfiles;
        int status;
        int rc = run_mp("multipart/form-data; boundary=XyZ", MP_BODY, sizeof MP_BODY - 1,
                        steps[i], 1 << 20, &form, &files, &nfiles, &status);
        CHECK_INT(rc, 0);
        CHECK_STR(kv_get(&form, "title"), "Sales \"Q3\" --XyZ-ish");
        CHECK_INT(nfiles, 1);
        if (nfiles == 1) {
            CHECK_STR(files[0].filename, "data.csv");
            CHECK_STR(files[0].content_type, "text/csv");
            CHECK_STR(files[0].data, "region,revenue\r\nEMEA,4800000\r\nx--XyZ\r\n");
        }
    }
    /* spill to a temp file past the memory threshold */
    kvlist_t form = {0};
    http_file_t *files = NULL;
    size_t nfiles;
    int status;
    int rc = run_mp("multipart/form-data; boundary=\"XyZ\"", MP_BODY, sizeof MP_BODY - 1, 5, 8,
                    &form, &files, &nfiles, &status);
    CHECK_INT(rc, 0);
    CHECK_INT(nfiles, 1);
    if (nfiles == 1) {
        CHECK(files[0].path != NULL);
        CHECK(files[0].data == NULL);
        CHECK_INT(files[0].size, 38);
        CHECK(files[0].path && access(files[0].path, F_OK) == 0);
    }
    const char *spilled = nfiles == 1 ? files[0].path : NULL;
    arena_reset(A); /* the request ends: its temp files go */
    CHECK(spilled && access(spilled, F_OK) != 0);

    /* missing boundary */
    rc = run_mp("multipart/form-data", MP_BODY, sizeof MP_BODY - 1, 100, 1 << 20, &form, &files,
                &nfiles, &status);
    CHECK_INT(rc, -1);
    CHECK_INT(status, 400);
    /* truncated body */
    rc = run_mp("multipart/form-data; boundary=XyZ", MP_BODY, 120, 100, 1 << 20, &form, &files,
                &nfiles, &status);
    CHECK_INT(rc, -1);
    CHECK_INT(status, 400);
    /* a part without a name */
    const char *noname = "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n";
    rc = run_mp("multipart/form-data; boundary=b", noname, strlen(noname), 100, 1 << 20, &form,
                &files, &nfiles, &status);
    CHECK_INT(rc, -1);
    /* an oversized field is a 413 */
    buf_t big = {0};
    buf_puts(&big, "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n");
    for (int i = 0; i < 5000; i++)
        buf_putc(&big, 'x');
    buf_puts(&big, "\r\n--b--\r\n");
    rc = run_mp("multipart/form-data; boundary=b", big.data, big.len, 4096, 1 << 20, &form, &files,
                &nfiles, &status);
    CHECK_INT(rc, -1);
    CHECK_INT(status, 413);
    buf_free(&big);
    /* an empty body */
    rc = run_mp("multipart/form-data; boundary=b", "", 0, 100, 1 << 20, &form, &files, &nfiles,
                &status);
    CHECK_INT(rc, -1);
    /* an empty file input is skipped */
    const char *empty = "--b\r\nContent-Disposition: form-data; name=\"up\"; filename=\"\"\r\n"
                        "Content-Type: application/octet-stream\r\n\r\n\r\n--b--\r\n";
    rc = run_mp("multipart/form-data; boundary=b", empty, strlen(empty), 100, 1 << 20, &form,
                &files, &nfiles, &status);
    CHECK_INT(rc, 0);
    CHECK_INT(nfiles, 0);
}

static void noop(req_t *r)
{
    (void)r;
}

static void test_router(void)
{
    static const route_t table[] = {
        {"GET", "/", ROLE_NONE, noop, "home", NULL},
        {"GET", "/dashboards/{id}", ROLE_VIEWER, noop, "dash", NULL},
        {"POST", "/dashboards/{id}/widgets", ROLE_ANALYST, noop, "add", NULL},
        {"GET", "/dashboards/{id}/widgets/{wid}.svg", ROLE_VIEWER, noop, "svg", NULL},
        {"GET|POST", "/login", ROLE_NONE, noop, "login", NULL},
    };
    size_t n = sizeof table / sizeof table[0];
    req_t r = {.arena = A};
    const route_t *out;
    r.method = "GET", r.path = "/";
    CHECK_INT(router_match(table, n, &r, &out), 0);
    r.path = "/dashboards/abc";
    CHECK_INT(router_match(table, n, &r, &out), 0);
    CHECK_STR(out->name, "dash");
    CHECK_STR(http_route_param(&r, "id"), "abc");
    r.path = "/dashboards/abc/widgets/w1.svg";
    CHECK_INT(router_match(table, n, &r, &out), 0);
    CHECK_STR(out->name, "svg");
    CHECK_STR(http_route_param(&r, "wid"), "w1");
    r.path = "/dashboards/abc/widgets/.svg";
    CHECK_INT(router_match(table, n, &r, &out), 404);
    r.path = "/dashboards/abc/widgets";
    CHECK_INT(router_match(table, n, &r, &out), 405);
    r.method = "POST";
    CHECK_INT(router_match(table, n, &r, &out), 0);
    r.method = "HEAD", r.path = "/login";
    CHECK_INT(router_match(table, n, &r, &out), 0);
    r.path = "/dashboards/";
    CHECK_INT(router_match(table, n, &r, &out), 404);
    r.path = "/dashboards";
    CHECK_INT(router_match(table, n, &r, &out), 404);
    r.path = "/nope/deeper/still";
    CHECK_INT(router_match(table, n, &r, &out), 404);
    r.path = "";
    CHECK_INT(router_match(table, n, &r, &out), 404);
}

static void test_safe_path(void)
{
    CHECK(http_safe_local_path("/chat"));
    CHECK(http_safe_local_path("/dashboards/1?x=2"));
    CHECK(!http_safe_local_path("//evil.example"));
    CHECK(!http_safe_local_path("/\\evil.example"));
    CHECK(!http_safe_local_path("https://evil.example"));
    CHECK(!http_safe_local_path("javascript:alert(1)"));
    CHECK(!http_safe_local_path("/a\r\nSet-Cookie: x"));
    CHECK(!http_safe_local_path(""));
    CHECK(!http_safe_local_path(NULL));
}

static void test_encode(void)
{
    buf_t b = {0};
    http_url_encode(&b, "a b/é&=");
    CHECK_STR(buf_str(&b), "a%20b%2F%C3%A9%26%3D");
    char s[] = "a%20b%2F%C3%A9%26%3D";
    http_url_decode(s, strlen(s), 0);
    CHECK_STR(s, "a b/é&=");
    buf_free(&b);
}

/* The connection form's database URL (http/dburl.c). */
static void test_db_url(void)
{
    http_db_url_t u;
    CHECK_INT(http_parse_db_url(A, "postgresql://shop%40x:p%3Aw%40d@db.local:6543/shop%20db?sslmode=require&x=1", &u), 0);
    CHECK_STR(u.user, "shop@x");
    CHECK_STR(u.password, "p:w@d");
    CHECK_STR(u.host, "db.local");
    CHECK_INT(u.port, 6543);
    CHECK_STR(u.dbname, "shop db");
    CHECK_STR(u.sslmode, "require");
    CHECK_INT(http_parse_db_url(A, "postgres://[::1]/d", &u), 0);
    CHECK_STR(u.host, "::1");
    CHECK_INT(u.port, 5432);
    CHECK(u.user == NULL && u.password == NULL && u.sslmode == NULL);
    CHECK_INT(http_parse_db_url(A, "postgresql://h", &u), 0);
    CHECK_STR(u.host, "h");
    CHECK(u.dbname == NULL);
    CHECK_STR(u.kind, "postgresql");
    /* every engine's scheme, with its default port */
    CHECK_INT(http_parse_db_url(A, "mysql://reader:pw@db.local/shop", &u), 0);
    CHECK_STR(u.kind, "mysql");
    CHECK_INT(u.port, 3306);
    CHECK_STR(u.user, "reader");
    CHECK_STR(u.password, "pw");
    CHECK_STR(u.dbname, "shop");
    CHECK_INT(http_parse_db_url(A, "mariadb://h:3307/d", &u), 0);
    CHECK_STR(u.kind, "mysql");
    CHECK_INT(u.port, 3307);
    CHECK_INT(http_parse_db_url(A, "clickhouse://default@ch.local/analytics?sslmode=require", &u), 0);
    CHECK_STR(u.kind, "clickhouse");
    CHECK_INT(u.port, 8123);
    CHECK_STR(u.host, "ch.local");
    CHECK_STR(u.sslmode, "require");
    CHECK_INT(http_parse_db_url(A, "sqlite:///srv/data/shop%20v2.db", &u), 0);
    CHECK_STR(u.kind, "sqlite");
    CHECK_STR(u.dbname, "/srv/data/shop v2.db");
    CHECK(u.host == NULL && u.user == NULL);
    CHECK_INT(u.port, 0);
    CHECK_INT(http_db_default_port("mysql"), 3306);
    CHECK_INT(http_db_default_port("clickhouse"), 8123);
    CHECK_INT(http_db_default_port("postgresql"), 5432);
    CHECK_INT(http_db_default_port("sqlite"), 0);
    /* bad input */
    CHECK_INT(http_parse_db_url(A, "oracle://h/d", &u), -1);       /* no such engine */
    CHECK(u.kind == NULL);
    CHECK_INT(http_parse_db_url(A, "sqlite://relative/file.db", &u), -1); /* a host, not a path */
    CHECK_INT(http_parse_db_url(A, "sqlite:relative.db", &u), -1);
    CHECK_INT(http_parse_db_url(A, "sqlite:///srv/../etc/passwd", &u), -1);
    CHECK_INT(http_parse_db_url(A, "sqlite:///srv/a%00b.db", &u), -1);
    CHECK_INT(http_parse_db_url(A, "sqlite:///srv/a.db?mode=rw", &u), -1);
    CHECK_INT(http_parse_db_url(A, "mysql://h:33x6/d", &u), -1);
    CHECK_INT(http_parse_db_url(A, "clickhouse://", &u), -1);
    CHECK_INT(http_parse_db_url(A, "", &u), -1);
    /* a libpq conninfo string (datamind ask --db) */
    CHECK_INT(http_parse_conninfo(A, " host=/run/pg port = 5433 dbname='my \\'db' user=me password=p\\ w ", &u), 0);
    CHECK_STR(u.kind, "postgresql");
    CHECK_STR(u.host, "/run/pg");
    CHECK_INT(u.port, 5433);
    CHECK_STR(u.dbname, "my 'db");
    CHECK_STR(u.user, "me");
    CHECK_STR(u.password, "p w");
    CHECK_INT(http_parse_conninfo(A, "dbname=shop", &u), 0);
    CHECK(u.host == NULL && u.port == 0);
    CHECK_INT(http_parse_conninfo(A, "", &u), 0);
    CHECK_INT(http_parse_conninfo(A, "hostaddr=1.2.3.4", &u), -1); /* not taken */
    CHECK_INT(http_parse_conninfo(A, "dbname='open", &u), -1);
    CHECK_INT(http_parse_conninfo(A, "dbname", &u), -1);
    CHECK_INT(http_parse_conninfo(A, "port=0", &u), -1);
    CHECK_INT(http_parse_db_url(A, "postgresql://h:0/d", &u), -1); /* no such port */
    CHECK_INT(http_parse_db_url(A, "postgresql://h:70000/d", &u), -1);
    CHECK_INT(http_parse_db_url(A, "postgresql://u@/d", &u), -1);  /* no host */
    CHECK_INT(http_parse_db_url(A, "postgresql://[::1/d", &u), -1);
}

/* If-None-Match by the weak comparison (RFC 9110 8.8.3.2, 13.1.2). */
static void test_etag_match(void)
{
    const char *e = "\"0123abcd\"";
    CHECK(http_etag_match("\"0123abcd\"", e));
    CHECK(http_etag_match("W/\"0123abcd\"", e));            /* nginx gzip weakened it */
    CHECK(http_etag_match("\"0123abcd\"", "W/\"0123abcd\"")); /* either side weak */
    CHECK(http_etag_match("W/\"0123abcd\"", "W/\"0123abcd\""));
    CHECK(http_etag_match("\"a\", W/\"0123abcd\"", e));      /* a list */
    CHECK(http_etag_match("\"a\",\"b\" ,\t\"0123abcd\"", e));
    CHECK(http_etag_match("\"a,b\", \"0123abcd\"", e));      /* a comma inside a tag */
    CHECK(http_etag_match("*", e));
    CHECK(http_etag_match("  *  ", e));
    CHECK(!http_etag_match("\"0123abcde\"", e));
    CHECK(!http_etag_match("\"0123abc\"", e));
    CHECK(!http_etag_match("W/\"other\", \"x\"", e));
    CHECK(!http_etag_match("0123abcd", e));                   /* not quoted */
    CHECK(!http_etag_match("w/\"0123abcd\"", e));             /* W is case-sensitive */
    CHECK(!http_etag_match("\"0123abcd", e));                  /* unterminated */
    CHECK(!http_etag_match("bad, \"0123abcd\"", e));         /* malformed: stops there */
    CHECK(!http_etag_match("", e));
    CHECK(!http_etag_match(NULL, e));
    CHECK(!http_etag_match("*", NULL));
    CHECK(!http_etag_match("\"a,b\"", "\"a\""));
}

int main(void)
{
    A = arena_new();
    test_urlencoded();
    test_utf8();
    test_cookies();
    test_multipart();
    test_router();
    test_safe_path();
    test_encode();
    test_db_url();
    test_etag_match();
    arena_free(A);
    return check_done("test_http");
}
