/* test_sqlsafe_db.c — the PostgreSQL engine's data path (engine/pg_*.c,
 * once sqlsafe's) against a real PostgreSQL.
 *
 *   DATAMIND_TEST_DB='host=/path/to/socketdir port=5433 user=postgres dbname=postgres'
 *   (the same server must also listen on TCP 127.0.0.1 at that port, with
 *   password authentication there)
 *
 * Creates database dm_test_sqlsafe_<pid> and roles dm_t_{ro,rw}_<pid>, checks
 * connect / probe / execute / discover for real, then drops them all. Skips
 * (exit 77, automake's code) when DATAMIND_TEST_DB is not set. */
#include <arpa/inet.h>
#include <pthread.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "core/net.h"
#include "engine/pg_internal.h"
#include "sqlsafe/sqlsafe.h"

static char db[64], ro[64], rw[64], sockdir[256], su[64];
static int tcp_port;
static PGconn *admin;    /* superuser, DATAMIND_TEST_DB's database */
static PGconn *sadmin;   /* superuser, the scratch database */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

__attribute__((format(printf, 2, 3)))
static int sql(PGconn *c, const char *fmt, ...)
{
    char q[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(q, sizeof q, fmt, ap);
    va_end(ap);
    PGresult *r = PQexec(c, q);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok)
        fprintf(stderr, "setup SQL failed: %s\n  %s", q, PQerrorMessage(c));
    PQclear(r);
    CHECK(ok);
    return ok ? 0 : -1;
}

static PGconn *super_connect(const char *conninfo, const char *dbname)
{
    const char *keys[] = {"dbname", "dbname", NULL};
    const char *vals[] = {conninfo, dbname, NULL};
    PGconn *c = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(c) != CONNECTION_OK) {
        fprintf(stderr, "cannot connect: %s", PQerrorMessage(c));
        PQfinish(c);
        return NULL;
    }
    return c;
}

static PGconn *tcp(const char *user, const char *pw, const char *dbname, char *err, size_t n)
{
    engine_target_t t = {.host = "127.0.0.1", .port = tcp_port, .dbname = dbname,
                          .user = user, .password = pw, .sslmode = "disable"};
    return engine_pg_connect(&t, NULL, 5, err, n);
}

/* ---- connect ----------------------------------------------------------------- */

static int free_port(int listening, int *fd_out)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    bind(fd, (struct sockaddr *)&a, sizeof a);
    getsockname(fd, (struct sockaddr *)&a, &len);
    if (listening) {
        listen(fd, 8);
        *fd_out = fd;
    } else {
        close(fd);
    }
    return ntohs(a.sin_port);
}

static void expect_refusal(const engine_target_t *t, const char *allow, int timeout,
                           const char *want)
{
    char err[512] = "";
    PGconn *c = engine_pg_connect(t, allow, timeout, err, sizeof err);
    CHECK(c == NULL);
    if (!strstr(err, want))
        fprintf(stderr, "  want \"%s\" in \"%s\"\n", want, err);
    CHECK(strstr(err, want) != NULL);
    if (t->password && *t->password)
        CHECK(strstr(err, t->password) == NULL);
    PQfinish(c);
}

static void test_connect_errors(void)
{
    engine_target_t t = {.host = "127.0.0.1", .port = tcp_port, .dbname = db, .user = ro,
                          .password = "wrong-password", .sslmode = "disable"};
    expect_refusal(&t, NULL, 5, "wrong user name or password");
    t.password = "x' host=evil";
    expect_refusal(&t, NULL, 5, "wrong user name or password");
    t.password = "pw-ro";
    t.dbname = "dm_no_such_db_here";
    expect_refusal(&t, NULL, 5, "the database \"dm_no_such_db_here\" does not exist");
    t.dbname = db;
    t.port = free_port(0, NULL);
    expect_refusal(&t, NULL, 5, "the host could not be reached (connection refused)");
    t.port = tcp_port;
    expect_refusal(&t, "10.0.0.0/8, db.example.com", 5,
                   "127.0.0.1 is not in DATAMIND_CONNECT_ALLOW,"
                   " a setting of the DataMind server (its environment or config file, not a page of the app): whoever runs the server adds it there");
    t.host = "169.254.1.1";
    expect_refusal(&t, "", 5, "link-local");
    t.host = "224.0.0.1";
    expect_refusal(&t, NULL, 5, "multicast");
    t.host = "0.0.0.0";
    expect_refusal(&t, NULL, 5, "unspecified");
    t.host = "no-such-host.invalid";
    expect_refusal(&t, NULL, 5, "the host name could not be resolved");
    t.host = sockdir;
    expect_refusal(&t, NULL, 5, "is not in DATAMIND_CONNECT_ALLOW");
    expect_refusal(&t, "127.0.0.1/32", 5, "is not in DATAMIND_CONNECT_ALLOW");
    t.host = "127.0.0.1";
    t.sslmode = "require";
    expect_refusal(&t, NULL, 5, "the server does not support TLS");
    t.sslmode = "disable";

    int lfd = -1; /* accepts TCP, never answers: libpq's connect_timeout fires */
    t.port = free_port(1, &lfd);
    double t0 = now_s();
    expect_refusal(&t, NULL, 2, "timed out after 2 s");
    CHECK(now_s() - t0 < 5);
    close(lfd);
}

static void test_connect_ok(void)
{
    char err[512] = "";
    engine_target_t t = {.host = sockdir, .port = tcp_port, .dbname = db, .user = su};
    PGconn *c = engine_pg_connect(&t, "10.0.0.0/8, /nope", 5, err, sizeof err);
    CHECK(c == NULL);
    PQfinish(c);
    char allow[400];
    snprintf(allow, sizeof allow, "10.0.0.0/8,%s", sockdir);
    c = engine_pg_connect(&t, allow, 5, err, sizeof err);
    CHECK(c != NULL);
    PQfinish(c);

    /* A listed name admits what it resolves to. */
    t = (engine_target_t){.host = "localhost", .port = tcp_port, .dbname = db, .user = ro,
                           .password = "pw-ro", .sslmode = "prefer"};
    c = engine_pg_connect(&t, "10.0.0.0/8, LOCALHOST", 5, err, sizeof err);
    CHECK(c != NULL);
    if (!c)
        fprintf(stderr, "  localhost: %s\n", err);
    if (c) {
        PGresult *r = PQexec(c, "SELECT current_setting('default_transaction_read_only'),"
                                " current_setting('application_name')");
        CHECK_STR(PQgetvalue(r, 0, 0), "on");
        CHECK_STR(PQgetvalue(r, 0, 1), "datamind");
        PQclear(r);
    }
    PQfinish(c);
}

/* localhost as a stock Debian /etc/hosts answers it: ::1 first. The test
 * server listens on 127.0.0.1 only (tests/stack.sh), as many do. */
static int v6_first(const char *host, net_addrs_t *out, char *err, size_t errlen)
{
    if (strcasecmp(host, "localhost") != 0) {
        snprintf(err, errlen, "the host name could not be resolved");
        return -1;
    }
    snprintf(out->ip[out->n++], NET_IP_LEN, "::1");
    snprintf(out->ip[out->n++], NET_IP_LEN, "127.0.0.1");
    return 0;
}

static void expect_server_addr(PGconn *c, const char *want)
{
    CHECK(c != NULL);
    if (!c)
        return;
    PGresult *r = PQexec(c, "SELECT host(inet_server_addr())");
    CHECK_STR(PQgetvalue(r, 0, 0), want);
    PQclear(r);
}

static void test_connect_every_address(void)
{
    char err[512] = "";
    engine_target_t t = {.host = "localhost", .port = tcp_port, .dbname = db, .user = ro,
                          .password = "pw-ro", .sslmode = "disable"};
    net_resolver_set(v6_first);

    /* every allowed address is tried in order until one answers */
    const char *allows[] = {"10.0.0.0/8, LOCALHOST", "::1/128, 127.0.0.1/32", NULL};
    for (size_t i = 0; i < sizeof allows / sizeof allows[0]; i++) {
        PGconn *c = engine_pg_connect(&t, allows[i], 5, err, sizeof err);
        if (!c)
            fprintf(stderr, "  localhost, ::1 first, allow %s: %s\n", allows[i], err);
        expect_server_addr(c, "127.0.0.1");
        PQfinish(c);
    }

    /* only allowed addresses are tried: ::1 alone does not reach the server */
    PGconn *c = engine_pg_connect(&t, "::1/128", 5, err, sizeof err);
    CHECK(c == NULL);
    CHECK(strstr(err, "127.0.0.1") == NULL);
    PQfinish(c);
    expect_refusal(&t, "10.0.0.0/8", 5, "::1 is not in DATAMIND_CONNECT_ALLOW");

    /* every attempt failed: each address with its own reason */
    t.password = "wrong-password";
    expect_refusal(&t, "LOCALHOST", 5, "; 127.0.0.1: wrong user name or password");
    expect_refusal(&t, "LOCALHOST", 5, "::1: ");
    t.password = "pw-ro";
    /* the same reason for both: said once */
    t.port = free_port(0, NULL);
    expect_refusal(&t, "LOCALHOST", 5,
                   "the host could not be reached (connection refused) (tried ::1, 127.0.0.1)");
    net_resolver_set(NULL);
}

/* ---- probe ------------------------------------------------------------------- */

static void test_probe(PGconn *roc, PGconn *rwc)
{
    char err[512] = "";
    json_t *info = NULL;

    CHECK(engine_pg_probe(sadmin, &info, err, sizeof err) == 0);
    CHECK(json_is_true(json_object_get(info, "can_write")));
    CHECK(json_is_true(json_object_get(info, "superuser")));
    CHECK(strncmp(json_string_value(json_object_get(info, "server_version")), "15", 2) == 0);
    json_decref(info);

    CHECK(engine_pg_probe(roc, &info, err, sizeof err) == 0);
    CHECK(json_is_false(json_object_get(info, "can_write")));
    CHECK(json_is_false(json_object_get(info, "superuser")));
    CHECK_STR(json_string_value(json_object_get(info, "current_user")), ro);
    CHECK(json_integer_value(json_object_get(info, "table_count")) == 10);
    const char *s = json_string_value(json_object_get(info, "read_only_sql"));
    CHECK(s && strstr(s, "CREATE ROLE datamind_reader LOGIN PASSWORD '"));
    CHECK(s && strstr(s, "GRANT SELECT ON ALL TABLES IN SCHEMA \"public\" TO datamind_reader;"));
    CHECK(s && strstr(s, "GRANT USAGE ON SCHEMA \"Odd Schema\" TO datamind_reader;"));
    CHECK(s && strstr(s, "ALTER ROLE datamind_reader SET default_transaction_read_only = on;"));
    json_decref(info);

    CHECK(engine_pg_probe(rwc, &info, err, sizeof err) == 0);
    CHECK(json_is_true(json_object_get(info, "can_write")));
    json_decref(info);
}

/* ---- execute ----------------------------------------------------------------- */

static json_t *cell(json_t *res, size_t row, size_t col)
{
    return json_array_get(json_array_get(json_object_get(res, "rows"), row), col);
}

static const char *coltype(json_t *res, size_t col, const char *key)
{
    return json_string_value(json_object_get(
        json_array_get(json_object_get(res, "columns"), col), key));
}

static void test_execute_types(PGconn *c)
{
    char err[512] = "";
    int pos = -1;
    json_t *res = NULL;
    engine_pg_run_t o = {.timeout_ms = 5000, .max_rows = 100};
    const char *q =
        "SELECT 7::int2 AS a, 42 AS b, 9007199254740993::int8 AS c, 1.25::numeric AS d,"
        " 12345678901234567890.5::numeric AS e, 0.1::float8 AS f, 'NaN'::float8 AS g,"
        " true AS h, DATE '2024-01-02' AS i, TIMESTAMPTZ '2024-01-02 03:04:05+00' AS j,"
        " 'héllo'::text AS k, NULL::int AS l, 'x' AS a, 'NaN'::numeric AS m,"
        " '$1.50'::money AS n, '{1,2}'::int[] AS o";

    CHECK(engine_pg_execute(c, q, &o, &res, &pos, err, sizeof err) == 0);
    if (!res) {
        fprintf(stderr, "  types: %s\n", err);
        return;
    }
    CHECK(json_integer_value(json_object_get(res, "row_count")) == 1);
    CHECK(json_is_false(json_object_get(res, "truncated")));
    CHECK(json_is_integer(json_object_get(res, "ms")));
    CHECK(json_array_size(json_object_get(res, "columns")) == 16);
    CHECK_STR(coltype(res, 0, "type"), "integer");
    CHECK_STR(coltype(res, 0, "dbtype"), "int2");
    CHECK_STR(coltype(res, 3, "type"), "number");
    CHECK_STR(coltype(res, 3, "dbtype"), "numeric");
    CHECK_STR(coltype(res, 7, "type"), "boolean");
    CHECK_STR(coltype(res, 8, "type"), "date");
    CHECK_STR(coltype(res, 9, "type"), "timestamp");
    CHECK_STR(coltype(res, 9, "dbtype"), "timestamptz");
    CHECK_STR(coltype(res, 10, "type"), "text");
    CHECK_STR(coltype(res, 12, "name"), "a"); /* duplicates kept, by position */
    CHECK_STR(coltype(res, 0, "name"), "a");
    CHECK_STR(coltype(res, 14, "type"), "number");
    CHECK_STR(coltype(res, 15, "dbtype"), "_int4");
    CHECK(json_integer_value(cell(res, 0, 0)) == 7);
    CHECK(json_integer_value(cell(res, 0, 1)) == 42);
    CHECK(json_integer_value(cell(res, 0, 2)) == 9007199254740993LL);
    CHECK(json_is_real(cell(res, 0, 3)) && json_real_value(cell(res, 0, 3)) == 1.25);
    CHECK_STR(json_string_value(cell(res, 0, 4)), "12345678901234567890.5");
    CHECK(json_is_real(cell(res, 0, 5)) && json_real_value(cell(res, 0, 5)) == 0.1);
    CHECK_STR(json_string_value(cell(res, 0, 6)), "NaN");
    CHECK(json_is_true(cell(res, 0, 7)));
    CHECK_STR(json_string_value(cell(res, 0, 8)), "2024-01-02");
    const char *ts = json_string_value(cell(res, 0, 9));
    CHECK(ts && strncmp(ts, "2024-01-02", 10) == 0);
    CHECK_STR(json_string_value(cell(res, 0, 10)), "héllo");
    CHECK(json_is_null(cell(res, 0, 11)));
    CHECK_STR(json_string_value(cell(res, 0, 12)), "x");
    CHECK_STR(json_string_value(cell(res, 0, 13)), "NaN");
    CHECK_STR(json_string_value(cell(res, 0, 14)), "$1.50");
    CHECK_STR(json_string_value(cell(res, 0, 15)), "{1,2}");
    CHECK(pos == 0);
    json_decref(res);

    /* Zero rows still describe their columns. */
    CHECK(engine_pg_execute(c, "SELECT 1 AS one WHERE false", &o, &res, &pos, err, sizeof err) == 0);
    CHECK(json_array_size(json_object_get(res, "columns")) == 1);
    CHECK(json_array_size(json_object_get(res, "rows")) == 0);
    json_decref(res);
}

/* Under -fsanitize=address every freed block sits in ASan's quarantine
 * (256 MB by default), so the ~60,000 single-row PGresults drained after
 * the cancel would show up in maxrss as if they were still held. A small
 * quarantine keeps the measurement about this code. Ignored without ASan. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "quarantine_size_mb=4";
}

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void test_execute_cap(PGconn *c)
{
    char err[512] = "";
    int pos;
    json_t *res = NULL;
    engine_pg_run_t o = {.timeout_ms = 30000, .max_rows = 1000};
    long rss0 = maxrss_kb();
    double t0 = now_s();

    CHECK(engine_pg_execute(c, "SELECT g FROM generate_series(1, 10000000) g", &o, &res, &pos,
                          err, sizeof err) == 0);
    double took = now_s() - t0;
    long grew = maxrss_kb() - rss0;
    printf("row cap: 1000 of 10,000,000 rows in %.3f s, maxrss +%ld KB\n", took, grew);
    CHECK(json_integer_value(json_object_get(res, "row_count")) == 1000);
    CHECK(json_array_size(json_object_get(res, "rows")) == 1000);
    CHECK(json_is_true(json_object_get(res, "truncated")));
    CHECK(json_integer_value(cell(res, 999, 0)) == 1000);
    CHECK(took < 5.0);
    CHECK(grew < 100 * 1024);
    CHECK(PQtransactionStatus(c) == PQTRANS_IDLE);
    json_decref(res);

    /* Exactly max_rows rows is not truncated. */
    o.max_rows = 5;
    CHECK(engine_pg_execute(c, "SELECT g FROM generate_series(1, 5) g", &o, &res, &pos, err,
                          sizeof err) == 0);
    CHECK(json_is_false(json_object_get(res, "truncated")));
    CHECK(json_integer_value(json_object_get(res, "row_count")) == 5);
    json_decref(res);
}

/* Bytes are capped while reading: a long value is cut at a UTF-8 boundary
 * and marked; the first row past the result cap stops the query. */
static void test_execute_bytes(PGconn *c)
{
    char err[512] = "";
    int pos;
    json_t *res = NULL;
    engine_pg_run_t o = {.timeout_ms = 30000, .max_rows = 100000, .max_cell_bytes = 1024,
                       .max_result_bytes = 65536};

    /* 'x' + 600 two-byte characters: byte 1024 is inside one, so 1023 stay */
    CHECK(engine_pg_execute(c, "SELECT 'x' || repeat('\xc3\xa9', 600) AS a, NULL::text AS b, 7 AS n",
                          &o, &res, &pos, err, sizeof err) == 0);
    const char *v = json_string_value(cell(res, 0, 0));
    CHECK(v && strncmp(v, "x\xc3\xa9", 3) == 0);
    CHECK(v && strcmp(v + 1023, SQLSAFE_CUT_MARK "1201 bytes, first 1023 shown]") == 0);
    CHECK(json_is_null(cell(res, 0, 1)));
    CHECK(json_integer_value(cell(res, 0, 2)) == 7);
    CHECK(json_integer_value(json_object_get(res, "cells_cut")) == 1);
    CHECK(json_is_false(json_object_get(res, "truncated")));
    CHECK(json_is_null(json_object_get(res, "truncated_by")));
    json_decref(res);

    /* rows of 1000 + len(g) bytes: 65 fit in 65536, the 66th stops it */
    CHECK(engine_pg_execute(c, "SELECT g, repeat('y', 1000) FROM generate_series(1, 100000) g", &o,
                          &res, &pos, err, sizeof err) == 0);
    CHECK(json_array_size(json_object_get(res, "rows")) == 65);
    CHECK(json_integer_value(json_object_get(res, "result_bytes")) == 65000 + 9 + 56 * 2);
    CHECK(json_is_true(json_object_get(res, "truncated")));
    CHECK(strcmp(json_string_value(json_object_get(res, "truncated_by")), "bytes") == 0);
    CHECK(json_integer_value(json_object_get(res, "cells_cut")) == 0);
    CHECK(PQtransactionStatus(c) == PQTRANS_IDLE);
    json_decref(res);

    /* the row cap still says "rows" */
    o.max_rows = 3;
    CHECK(engine_pg_execute(c, "SELECT g FROM generate_series(1, 10) g", &o, &res, &pos, err,
                          sizeof err) == 0);
    CHECK(strcmp(json_string_value(json_object_get(res, "truncated_by")), "rows") == 0);
    json_decref(res);

    /* exactly the result cap is whole; a first row past it keeps nothing */
    o.max_rows = 10;
    o.max_cell_bytes = 65536;
    CHECK(engine_pg_execute(c, "SELECT repeat('y', 65536)", &o, &res, &pos, err, sizeof err) == 0);
    CHECK(json_array_size(json_object_get(res, "rows")) == 1);
    CHECK(json_is_false(json_object_get(res, "truncated")));
    json_decref(res);
    CHECK(engine_pg_execute(c, "SELECT repeat('y', 65536), 'z'", &o, &res, &pos, err, sizeof err) == 0);
    CHECK(json_array_size(json_object_get(res, "rows")) == 0);
    CHECK(strcmp(json_string_value(json_object_get(res, "truncated_by")), "bytes") == 0);
    CHECK(PQtransactionStatus(c) == PQTRANS_IDLE);
    json_decref(res);
}

static void expect_fail(PGconn *c, const char *q, int timeout_ms, const char *want, int want_pos)
{
    char err[512] = "";
    int pos = -1;
    json_t *res = NULL;
    engine_pg_run_t o = {.timeout_ms = timeout_ms, .max_rows = 100};

    CHECK(engine_pg_execute(c, q, &o, &res, &pos, err, sizeof err) == -1);
    CHECK(res == NULL);
    if (!strstr(err, want))
        fprintf(stderr, "  want \"%s\" in \"%s\"\n", want, err);
    CHECK(strstr(err, want) != NULL);
    if (want_pos >= 0)
        CHECK_INT(pos, want_pos);
    if (PQstatus(c) == CONNECTION_OK)
        CHECK(PQtransactionStatus(c) == PQTRANS_IDLE);
}

static void still_usable(PGconn *c)
{
    char err[512] = "";
    int pos;
    json_t *res = NULL;
    engine_pg_run_t o = {.timeout_ms = 5000, .max_rows = 10};
    CHECK(engine_pg_execute(c, "SELECT 1", &o, &res, &pos, err, sizeof err) == 0);
    CHECK(json_integer_value(cell(res, 0, 0)) == 1);
    json_decref(res);
}

static void test_execute_errors(PGconn *roc, PGconn *rwc)
{
    double t0 = now_s();
    expect_fail(roc, "SELECT pg_sleep(5)", 200, "the query ran longer than 0.2 s and was cancelled", 0);
    CHECK(now_s() - t0 < 2.0);
    still_usable(roc);
    /* rw may INSERT into audit_log; the READ ONLY transaction still says no. */
    expect_fail(rwc, "SELECT dm_write()", 5000, "cannot execute INSERT in a read-only transaction", -1);
    still_usable(rwc);
    expect_fail(roc, "SELECT 1 FROM WHERE x", 5000, "syntax error at or near \"WHERE\"", 15);
    expect_fail(roc, "SELECT nope FROM customers", 5000, "column \"nope\" does not exist", 8);
    expect_fail(roc, "SELECT 1; SELECT 2", 5000, "cannot insert multiple commands", -1);
    expect_fail(roc, "SELECT 1/0", 5000, "division by zero", 0);
    still_usable(roc);
    PGresult *r = PQexec(sadmin, "SELECT count(*) FROM audit_log");
    CHECK_STR(PQgetvalue(r, 0, 0), "0");
    PQclear(r);
}

static void test_execute_lost(void)
{
    char err[512] = "", q[128];
    PGconn *c = tcp(ro, "pw-ro", db, err, sizeof err);
    CHECK(c != NULL);
    if (!c)
        return;
    snprintf(q, sizeof q, "SELECT pg_sleep(0.3), pg_terminate_backend(%d)", PQbackendPID(c));
    CHECK(PQsendQuery(admin, q) == 1);
    double t0 = now_s();
    expect_fail(c, "SELECT pg_sleep(10)", 20000, "the connection to the database was lost", 0);
    CHECK(now_s() - t0 < 5.0);
    CHECK(PQstatus(c) == CONNECTION_BAD);
    /* A dead connection stays an error, not a crash. */
    expect_fail(c, "SELECT 1", 1000, "the connection to the database was lost", 0);
    PGresult *r;
    while ((r = PQgetResult(admin)) != NULL)
        PQclear(r);
    PQfinish(c);
}

/* ---- discover ---------------------------------------------------------------- */

static json_t *find_table(json_t *schema, const char *nsp, const char *name)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(schema, "tables"), i, t) {
        if (!strcmp(json_string_value(json_object_get(t, "schema")), nsp) &&
            !strcmp(json_string_value(json_object_get(t, "name")), name))
            return t;
    }
    return NULL;
}

static json_t *find_col(json_t *table, const char *name)
{
    size_t i;
    json_t *col;
    json_array_foreach(json_object_get(table, "columns"), i, col) {
        if (!strcmp(json_string_value(json_object_get(col, "name")), name))
            return col;
    }
    return NULL;
}

static int has_sample(json_t *col, const char *v)
{
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(col, "samples"), i, s) {
        if (!strcmp(json_string_value(s), v))
            return 1;
    }
    return 0;
}

static void test_discover(PGconn *roc)
{
    char err[512] = "";
    json_t *schema = NULL;
    sqlsafe_discover_opts_t o = {.sample_values = 10, .sample_timeout_ms = 2000,
                                 .exact_count_below = 1000};

    double t0 = now_s();
    CHECK(engine_pg_discover(roc, &o, &schema, err, sizeof err) == 0);
    CHECK(now_s() - t0 < 4.0);
    if (!schema) {
        fprintf(stderr, "  discover: %s\n", err);
        return;
    }
    CHECK(PQtransactionStatus(roc) == PQTRANS_IDLE);
    json_t *cust = find_table(schema, "public", "customers");
    json_t *ord = find_table(schema, "public", "orders");
    CHECK(cust && ord);
    if (!cust || !ord)
        goto out;
    CHECK_STR(json_string_value(json_object_get(cust, "type")), "table");
    CHECK(json_integer_value(json_object_get(cust, "row_estimate")) == 2000);
    CHECK(json_is_true(json_object_get(find_col(cust, "id"), "pk")));
    CHECK(json_is_false(json_object_get(find_col(cust, "name"), "pk")));
    CHECK_STR(json_string_value(json_object_get(find_col(cust, "name"), "type")), "text");
    CHECK(json_is_false(json_object_get(find_col(cust, "name"), "nullable")));
    CHECK(json_is_true(json_object_get(find_col(cust, "country"), "nullable")));
    CHECK(json_integer_value(json_object_get(find_col(cust, "country"), "ordinal")) == 3);
    CHECK(json_is_real(json_object_get(find_col(cust, "country"), "n_distinct")));
    CHECK(has_sample(find_col(cust, "country"), "DE") && has_sample(find_col(cust, "country"), "UK"));
    CHECK(json_array_size(json_object_get(find_col(cust, "country"), "samples")) == 5);
    CHECK(json_array_size(json_object_get(find_col(cust, "name"), "samples")) == 0);
    CHECK(json_array_size(json_object_get(find_col(cust, "id"), "samples")) == 0);
    json_t *fk = json_object_get(find_col(ord, "customer_id"), "fk");
    CHECK_STR(json_string_value(json_object_get(fk, "schema")), "public");
    CHECK_STR(json_string_value(json_object_get(fk, "table")), "customers");
    CHECK_STR(json_string_value(json_object_get(fk, "column")), "id");
    CHECK(json_is_null(json_object_get(find_col(ord, "status"), "fk")));
    CHECK(has_sample(find_col(ord, "status"), "shipped")); /* an enum */
    CHECK_STR(json_string_value(json_object_get(find_col(ord, "amount"), "type")),
              "numeric(12,2)");
    /* the database's own comments, where it has them */
    CHECK_STR(json_string_value(json_object_get(cust, "comment")), "People who buy from us");
    CHECK_STR(json_string_value(json_object_get(find_col(ord, "amount"), "comment")),
              "Net of discounts, in euros");
    CHECK(json_object_get(ord, "comment") == NULL);
    CHECK(json_object_get(find_col(ord, "status"), "comment") == NULL);
    json_t *v = find_table(schema, "public", "order_totals");
    CHECK(v && !strcmp(json_string_value(json_object_get(v, "type")), "view"));
    CHECK(v && json_integer_value(json_object_get(v, "row_estimate")) == 2000);
    json_t *mv = find_table(schema, "public", "country_counts");
    CHECK(mv && !strcmp(json_string_value(json_object_get(mv, "type")), "view"));
    json_t *odd = find_table(schema, "Odd Schema", "Odd \"Table\"");
    CHECK(odd != NULL);
    CHECK(odd && has_sample(find_col(odd, "Odd Col"), "a'b"));
    CHECK(find_table(schema, "public", "audit_log") != NULL);
    /* Its count(*) outlives the sample timeout: skipped, not an error. */
    json_t *slow = find_table(schema, "public", "slow_view");
    CHECK(slow && json_is_null(json_object_get(slow, "row_estimate")));
    CHECK(slow && json_array_size(json_object_get(find_col(slow, "z"), "samples")) == 0);
    CHECK(find_table(schema, "pg_catalog", "pg_class") == NULL);
out:
    json_decref(schema);
}

/* Words a plan left over, looked up among unsampled text columns. */
static int lookup(PGconn *c, const json_t *schema, const char *const *phrases, int n,
                  const char *want)
{
    char err[256] = "";
    json_t *copy = json_deep_copy(schema);
    int added = engine_pg_lookup_values(c, copy, phrases, n, err, sizeof err);
    json_t *name = find_col(find_table(copy, "public", "customers"), "name");
    if (added >= 0 && want && !has_sample(name, want))
        added = -2;
    if (added < 0)
        fprintf(stderr, "  lookup: %d %s\n", added, err);
    json_decref(copy);
    CHECK(PQtransactionStatus(c) == PQTRANS_IDLE);
    return added;
}

/* 1 when looking up phrase marks table.col a list. */
static int marks_lists(PGconn *c, const json_t *schema, const char *table, const char *col, const char *phrase)
{
    char err[256] = "";
    json_t *copy = json_deep_copy(schema);
    const char *phrases[] = {phrase};
    int added = engine_pg_lookup_values(c, copy, phrases, 1, err, sizeof err);
    int lists = json_is_true(json_object_get(find_col(find_table(copy, "public", table), col), "lists"));
    if (added < 1)
        fprintf(stderr, "  lookup %s: %d %s\n", phrase, added, err);
    json_decref(copy);
    return added >= 1 ? lists : -1;
}

/* "Potassium, Whole Blood" is Potassium qualified; "Comedy, Drama" lists
 * two genres; "Mumbai, India" is in India. */
static void test_lookup_lists(PGconn *roc)
{
    char err[512] = "";
    json_t *schema = NULL;
    sqlsafe_discover_opts_t o = {.sample_values = 10, .sample_timeout_ms = 2000, .exact_count_below = 1000};
    CHECK(engine_pg_discover(roc, &o, &schema, err, sizeof err) == 0);
    CHECK(marks_lists(roc, schema, "lab_items", "test_name", "Potassium") == 0);
    CHECK(marks_lists(roc, schema, "shows", "genres", "Comedy") == 1);
    CHECK(marks_lists(roc, schema, "shows", "place", "India") == 1);
    /* a name with a comma is one name, whatever else the column holds */
    CHECK(marks_lists(roc, schema, "colleges", "college_name", "Cornell University") == 0);
    json_decref(schema);
}

static void test_lookup_values(PGconn *roc)
{
    char err[512] = "";
    json_t *schema = NULL;
    sqlsafe_discover_opts_t o = {.sample_values = 10, .sample_timeout_ms = 2000,
                                 .exact_count_below = 1000};
    CHECK(engine_pg_discover(roc, &o, &schema, err, sizeof err) == 0);
    json_t *name = find_col(find_table(schema, "public", "customers"), "name");
    CHECK(name && json_array_size(json_object_get(name, "samples")) == 0);
    const char *lower[] = {"customer 18", "Nobody"};  /* a name typed in lower case */
    CHECK(lookup(roc, schema, lower, 2, "Customer 18") == 1);
    const char *caps[] = {"CUSTOMER 19"};  /* capitals the value does not have */
    CHECK(lookup(roc, schema, caps, 1, NULL) == 0);
    const char *part[] = {"Customer"};  /* a whole cell, not a part of one */
    CHECK(lookup(roc, schema, part, 1, NULL) == 0);
    const char *sampled[] = {"DE"};  /* country is sampled in full: not asked again */
    CHECK(lookup(roc, schema, sampled, 1, NULL) == 0);
    const char *hostile[] = {"a\"b\\c'd", "x}", "{y", "Customer 20"};
    CHECK(lookup(roc, schema, hostile, 4, "Customer 20") == 1);
    json_decref(schema);
}

static int wide_create(void)
{
    double t0 = now_s();
    if (sql(sadmin, "CREATE SCHEMA wide") < 0)
        return -1;
    for (int batch = 0; batch < 10; batch++) {
        /* 100 tables of 50 columns (every 5th text) and 3 rows each, per transaction. */
        if (sql(sadmin,
                "DO $$ DECLARE cols text; BEGIN"
                " SELECT string_agg(format('c%%s %%s', i, CASE WHEN i %% 5 = 0 THEN 'text' ELSE 'int' END), ', ')"
                "   INTO cols FROM generate_series(1, 49) i;"
                " FOR t IN %d..%d LOOP"
                "   EXECUTE format('CREATE TABLE wide.t%%s (id int PRIMARY KEY, %%s)', t, cols);"
                "   EXECUTE format('INSERT INTO wide.t%%s (id, c5, c10) VALUES (1, ''x'', ''y''),"
                " (2, ''x'', ''z''), (3, NULL, ''z'')', t);"
                " END LOOP; END $$",
                batch * 100 + 1, batch * 100 + 100) < 0)
            return -1;
    }
    printf("wide schema: 1000 tables x 50 columns created in %.1f s\n", now_s() - t0);
    return 0;
}

static void test_discover_wide(void)
{
    char err[512] = "";
    json_t *schema = NULL;
    sqlsafe_discover_opts_t o = {.sample_values = 10, .sample_timeout_ms = 2000,
                                 .exact_count_below = 1000};

    if (wide_create() < 0)
        return;
    double t0 = now_s();
    CHECK(engine_pg_discover(sadmin, &o, &schema, err, sizeof err) == 0);
    double took = now_s() - t0;
    size_t n = json_array_size(json_object_get(schema, "tables"));
    printf("discover: %zu tables (1000 x 50 columns + the fixtures) in %.2f s\n", n, took);
    CHECK(took < 60.0);
    CHECK(n >= 1000);
    json_t *t = find_table(schema, "wide", "t777");
    CHECK(json_array_size(json_object_get(t, "columns")) == 50);
    CHECK(json_integer_value(json_object_get(t, "row_estimate")) == 3);
    CHECK(has_sample(find_col(t, "c5"), "x") && json_array_size(json_object_get(find_col(t, "c5"), "samples")) == 1);
    CHECK(json_array_size(json_object_get(find_col(t, "c10"), "samples")) == 2);
    CHECK(json_array_size(json_object_get(find_col(t, "c11"), "samples")) == 0);
    CHECK(json_is_true(json_object_get(find_col(t, "id"), "pk")));
    json_decref(schema);
}

/* ---- fixtures ---------------------------------------------------------------- */

static int fixtures(const char *conninfo)
{
    if (sql(admin, "CREATE DATABASE %s", db) < 0 ||
        sql(admin, "CREATE ROLE %s LOGIN PASSWORD 'pw-ro'", ro) < 0 ||
        sql(admin, "CREATE ROLE %s LOGIN PASSWORD 'pw-rw'", rw) < 0)
        return -1;
    if (!(sadmin = super_connect(conninfo, db)))
        return -1;
    const char *setup[] = {
        "CREATE TYPE status AS ENUM ('new', 'paid', 'shipped')",
        "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, country text)",
        "INSERT INTO customers SELECT g, 'Customer ' || g,"
        " (ARRAY['DE','FR','US','UK','IT'])[1 + g % 5] FROM generate_series(1, 2000) g",
        "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id int REFERENCES customers(id),"
        " status status, amount numeric(12,2), placed_at timestamptz)",
        "INSERT INTO orders SELECT g, 1 + g % 2000, (ARRAY['new','paid','shipped'])[1 + g % 3]::status,"
        " g * 1.25, '2024-01-01'::timestamptz + g * interval '1 hour' FROM generate_series(1, 5000) g",
        "COMMENT ON TABLE customers IS 'People who buy from us'",
        "COMMENT ON COLUMN orders.amount IS 'Net of discounts, in euros'",
        "CREATE VIEW order_totals AS SELECT customer_id, sum(amount) AS total FROM orders GROUP BY 1",
        "CREATE MATERIALIZED VIEW country_counts AS SELECT country, count(*) AS n FROM customers GROUP BY 1",
        "CREATE TABLE audit_log (x int)",
        /* lists and names qualified, in tables too big to sample whole: looked up */
        "CREATE TABLE lab_items (id int PRIMARY KEY, test_name text)",
        "INSERT INTO lab_items VALUES (1, 'Potassium'), (2, 'Potassium, Whole Blood'), (3, 'Sodium'),"
        " (4, 'Sodium, Ascites'), (5, 'Glucose'), (6, 'Lipase'), (7, 'Albumin'), (8, 'Amylase'),"
        " (9, 'Calcium'), (10, 'Chloride'), (11, 'Creatinine'), (12, 'Urea')",
        "INSERT INTO lab_items SELECT g, 'Test ' || g FROM generate_series(13, 10100) g",
        "CREATE TABLE shows (id int PRIMARY KEY, genres text, place text)",
        "INSERT INTO shows SELECT g, (ARRAY['Comedy', 'Drama', 'Comedy, Drama', 'Action, Comedy'])[1 + g % 4]"
        " || CASE WHEN g > 8 THEN ' ' || g ELSE '' END,"
        " (ARRAY['India', 'Mumbai, India', 'Delhi, India', 'Pune'])[1 + g % 4] || CASE WHEN g > 8 THEN"
        " ', Town ' || g ELSE '' END FROM generate_series(1, 10100) g",
        "CREATE TABLE colleges (id int PRIMARY KEY, college_name text)",
        "INSERT INTO colleges VALUES (1, 'Cornell University'), (2, 'Weill Medical, Cornell University'),"
        " (3, 'Berkeley'), (4, 'University of California, Berkeley')",
        "INSERT INTO colleges SELECT g, 'College ' || g FROM generate_series(5, 10100) g",
        "CREATE VIEW slow_view AS SELECT g, 'k'::text AS z, pg_sleep(0.5)::text AS p"
        " FROM generate_series(1, 10) g",
        "CREATE FUNCTION dm_write() RETURNS int LANGUAGE sql VOLATILE"
        " AS 'INSERT INTO audit_log VALUES (1) RETURNING x'",
        "CREATE SCHEMA \"Odd Schema\"",
        "CREATE TABLE \"Odd Schema\".\"Odd \"\"Table\"\"\" (\"Odd Col\" varchar(10))",
        "INSERT INTO \"Odd Schema\".\"Odd \"\"Table\"\"\" VALUES ('a''b'), ('c')",
        "ANALYZE",
        NULL,
    };
    for (int i = 0; setup[i]; i++)
        if (sql(sadmin, "%s", setup[i]) < 0)
            return -1;
    if (sql(sadmin, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO %s", ro) < 0 ||
        sql(sadmin, "GRANT USAGE ON SCHEMA \"Odd Schema\" TO %s", ro) < 0 ||
        sql(sadmin, "GRANT SELECT ON ALL TABLES IN SCHEMA \"Odd Schema\" TO %s", ro) < 0 ||
        sql(sadmin, "GRANT SELECT, INSERT ON audit_log TO %s", rw) < 0)
        return -1;
    return 0;
}

static void teardown(void)
{
    PQfinish(sadmin);
    sadmin = NULL;
    sql(admin, "DROP DATABASE IF EXISTS %s WITH (FORCE)", db);
    sql(admin, "DROP ROLE IF EXISTS %s", ro);
    sql(admin, "DROP ROLE IF EXISTS %s", rw);
}

/* host (the socket directory), port and user out of DATAMIND_TEST_DB. */
static int conninfo_read(const char *conninfo)
{
    PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);
    if (!opts)
        return -1;
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (!strcmp(o->keyword, "host") && o->val)
            snprintf(sockdir, sizeof sockdir, "%s", o->val);
        if (!strcmp(o->keyword, "user") && o->val)
            snprintf(su, sizeof su, "%s", o->val);
        if (!strcmp(o->keyword, "port") && o->val)
            tcp_port = atoi(o->val);
    }
    PQconninfoFree(opts);
    return sockdir[0] == '/' && su[0] ? 0 : -1;
}

/* ---- the engine_t (pg_engine.c): what query/, chat/, tasks/ and cli/ use -------- */

typedef struct canceller {
    const engine_t *e;
    engine_cancel_t *k;
    int rc;
} canceller_t;

static void *cancel_later(void *p)
{
    canceller_t *c = p;
    char err[256];
    usleep(300 * 1000);
    c->rc = c->e->cancel(c->k, err, sizeof err);
    return NULL;
}

static void test_engine_ops(void)
{
    char err[512] = "";
    int pos = 0;
    json_t *res = NULL, *plan = NULL;
    const engine_t *e = engine_for_kind("postgresql");
    CHECK(e == &engine_pg && engine_for_kind("uploads") == e && engine_get(ENGINE_POSTGRESQL) == e);
    CHECK(e->validate && e->explain && e->dialect == &engine_pg_dialect);
    engine_target_t t = {.kind = ENGINE_POSTGRESQL, .host = "127.0.0.1", .port = tcp_port,
                         .dbname = db, .user = ro, .password = "pw-ro", .sslmode = "disable"};
    engine_conn_t *c = e->connect(&t, NULL, 5, err, sizeof err);
    CHECK(c != NULL);
    if (!c) {
        fprintf(stderr, "  engine connect: %s\n", err);
        return;
    }
    CHECK(e->idle_ok(c));
    /* discovery with the span of the dates (ranges.c): 5,000 hourly orders
     * from the first hour of 2024; the day of the first as the server's
     * time zone shows it */
    json_t *schema = NULL;
    sqlsafe_discover_opts_t dopt = {.sample_values = 10, .sample_timeout_ms = 2000,
                                    .exact_count_below = 1000};
    CHECK(engine_discover(e, c, &dopt, &schema, err, sizeof err) == 0);
    json_t *ord = schema ? find_table(schema, "public", "orders") : NULL;
    const char *lo = ord ? json_string_value(json_object_get(find_col(ord, "placed_at"), "min")) : NULL;
    const char *hi = ord ? json_string_value(json_object_get(find_col(ord, "placed_at"), "max")) : NULL;
    CHECK(lo && hi && strlen(lo) == 10 && strcmp(lo, "2023-12-31") >= 0 && strcmp(lo, "2024-01-01") <= 0);
    CHECK(hi && !strncmp(hi, "2024-07-2", 9));
    CHECK(ord && json_object_get(find_col(ord, "amount"), "min") == NULL);
    json_decref(schema);
    /* the type words bind as numeric / date / unknown */
    const char *vals[] = {"2.50", "2024-02-29", "x"};
    const char *types[] = {"number", "date", "text"};
    engine_run_t o = {.timeout_ms = 5000, .nparams = 3, .param_values = vals, .param_types = types};
    CHECK(e->execute(c, "SELECT $1 * 2, $2 + 1, $3 || 'y'", &o, &res, &pos, err, sizeof err) == 0);
    json_t *row = json_array_get(json_object_get(res, "rows"), 0);
    CHECK(json_real_value(json_array_get(row, 0)) == 5.0);
    CHECK_STR(json_string_value(json_array_get(row, 1)), "2024-03-01");
    CHECK_STR(json_string_value(json_array_get(row, 2)), "xy");
    CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(res, "columns"), 0),
                                                "dbtype")), "numeric");
    json_decref(res);
    res = NULL;
    /* explain: the plan's top node, nothing run */
    engine_run_t eo = {.timeout_ms = 5000};
    CHECK(e->explain(c, "SELECT * FROM orders", &eo, &plan, err, sizeof err) == 0);
    CHECK(json_is_object(plan) && json_object_get(plan, "Node Type"));
    json_decref(plan);
    /* cancel from another thread while it runs */
    canceller_t k = {.e = e, .k = e->cancel_get(c), .rc = -2};
    pthread_t th;
    CHECK(k.k != NULL);
    engine_run_t so = {.timeout_ms = 20000};
    double t0 = now_s();
    pthread_create(&th, NULL, cancel_later, &k);
    CHECK(e->execute(c, "SELECT pg_sleep(10)", &so, &res, &pos, err, sizeof err) == -1);
    pthread_join(th, NULL);
    CHECK(now_s() - t0 < 5);
    CHECK_INT(k.rc, 0);
    e->cancel_free(k.k);
    CHECK(e->idle_ok(c)); /* the connection is still good */
    e->close(c);
}

int main(void)
{
    const char *conninfo = check_test_db("test_sqlsafe_db");
    char err[512] = "";

    if (!conninfo)
        return CHECK_SKIP;
    tcp_port = 5432; /* libpq's default, unless the conninfo says */
    snprintf(db, sizeof db, "dm_test_sqlsafe_%d", (int)getpid());
    snprintf(ro, sizeof ro, "dm_t_ro_%d", (int)getpid());
    snprintf(rw, sizeof rw, "dm_t_rw_%d", (int)getpid());
    if (conninfo_read(conninfo) < 0 || !(admin = super_connect(conninfo, NULL))) {
        fprintf(stderr, "DATAMIND_TEST_DB needs host=<socket dir> and user=<superuser>\n");
        return 1;
    }
    if (fixtures(conninfo) == 0) {
        PGconn *roc = tcp(ro, "pw-ro", db, err, sizeof err);
        PGconn *rwc = tcp(rw, "pw-rw", db, err, sizeof err);
        CHECK(roc && rwc);
        if (roc && rwc) {
            test_connect_errors();
            test_connect_ok();
            test_connect_every_address();
            test_probe(roc, rwc);
            test_execute_types(roc);
            test_execute_cap(roc);
            test_execute_bytes(roc);
            test_execute_errors(roc, rwc);
            test_execute_lost();
            test_discover(roc);
            test_lookup_values(roc);
            test_lookup_lists(roc);
            test_discover_wide();
            test_engine_ops();
        } else {
            fprintf(stderr, "cannot connect over TCP: %s\n", err);
        }
        PQfinish(roc);
        PQfinish(rwc);
    }
    teardown();
    PQfinish(admin);
    return check_done("test_sqlsafe_db");
}
