/* test_mysql_db.c — the MySQL / MariaDB engine (engine_mysql) against a
 * real MariaDB: the one scripts/devstack starts for the test stack.
 *
 *   DATAMIND_TEST_MYSQL=/path/to/mysql.sock   root, no password, over the socket
 *   DATAMIND_TEST_MYSQL_PORT=N                the same server on 127.0.0.1:N
 *
 * Creates database dm_t_<pid> and users dm_ro_<pid> (SELECT) and
 * dm_rw_<pid> (ALL on the database), runs the engine's operations over TCP
 * as they would, then drops them all. Skips (exit 77) when the variables
 * are not set or the server is not running. */
#include <mysql.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "check.h"
#include "engine/internal.h"

static const engine_t *E = &engine_mysql;
static MYSQL *admin;
static char db[64], ro[64], rw[64];
static int port;
static const char *PW = "pw-Secret-1234";

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

__attribute__((format(printf, 1, 2))) static int sql(const char *fmt, ...)
{
    char q[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(q, sizeof q, fmt, ap);
    va_end(ap);
    int ok = mysql_query(admin, q) == 0;
    if (ok)
        mysql_free_result(mysql_store_result(admin));
    else
        fprintf(stderr, "setup SQL failed: %s\n  %s\n", q, mysql_error(admin));
    CHECK(ok);
    return ok ? 0 : -1;
}

static long long scalar(const char *q)
{
    long long v = -1;
    if (mysql_query(admin, q) == 0) {
        MYSQL_RES *r = mysql_store_result(admin);
        MYSQL_ROW row = r ? mysql_fetch_row(r) : NULL;
        if (row && row[0])
            v = atoll(row[0]);
        mysql_free_result(r);
    }
    return v;
}

static engine_target_t target(const char *user, const char *pw)
{
    return (engine_target_t){.kind = ENGINE_MYSQL, .host = "127.0.0.1", .port = port,
                             .dbname = db, .user = user, .password = pw, .sslmode = "disable"};
}

static engine_conn_t *open_as(const char *user)
{
    char err[300];
    engine_target_t t = target(user, PW);
    engine_conn_t *c = E->connect(&t, "127.0.0.1/32", 5, err, sizeof err);
    if (!c)
        fprintf(stderr, "connect as %s: %s\n", user, err);
    CHECK(c != NULL);
    return c;
}

/* ---- setup ---------------------------------------------------------------- */

static int setup(void)
{
    pid_t pid = getpid();
    snprintf(db, sizeof db, "dm_t_%d", (int)pid);
    snprintf(ro, sizeof ro, "dm_ro_%d", (int)pid);
    snprintf(rw, sizeof rw, "dm_rw_%d", (int)pid);
    if (sql("CREATE DATABASE %s CHARACTER SET utf8mb4", db) < 0 ||
        sql("CREATE USER '%s'@'127.0.0.1' IDENTIFIED BY '%s'", ro, PW) < 0 ||
        sql("CREATE USER '%s'@'127.0.0.1' IDENTIFIED BY '%s'", rw, PW) < 0 ||
        sql("GRANT SELECT ON %s.* TO '%s'@'127.0.0.1'", db, ro) < 0 ||
        sql("GRANT ALL ON %s.* TO '%s'@'127.0.0.1'", db, rw) < 0 ||
        sql("GRANT FILE ON *.* TO '%s'@'127.0.0.1'", rw) < 0 ||
        sql("CREATE TABLE %s.regions (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)"
            " COMMENT 'Sales regions'", db) < 0 ||
        sql("CREATE TABLE %s.orders (id INT PRIMARY KEY, region_id INT,"
            " status VARCHAR(20) NOT NULL COMMENT 'shipped or pending', paid BOOLEAN,"
            " total DECIMAL(10,2), wide DECIMAL(30,2), ratio DOUBLE, big BIGINT,"
            " day DATE, at DATETIME, note TEXT,"
            " FOREIGN KEY (region_id) REFERENCES regions (id))", db) < 0 ||
        sql("CREATE VIEW %s.shipped AS SELECT id, total FROM %s.orders WHERE status = 'shipped'",
            db, db) < 0 ||
        sql("CREATE FUNCTION %s.sneaky() RETURNS INT MODIFIES SQL DATA"
            " BEGIN INSERT INTO regions VALUES (99, 'sneaky'); RETURN 1; END", db) < 0 ||
        sql("INSERT INTO %s.regions VALUES (1, 'EMEA'), (2, 'APAC'), (3, 'Lufthansa Land')", db) < 0 ||
        sql("INSERT INTO %s.orders VALUES"
            " (1, 1, 'shipped', TRUE, 12.50, 1234567890123456789.12, 0.25, 9007199254740993,"
            "  '2024-02-29', '2024-02-29 13:14:15', 'it''s'),"
            " (2, 2, 'pending', FALSE, 3.00, 1.00, -1.5, -7, '2023-01-01', '2023-01-01 00:00:00', NULL),"
            " (3, 1, 'shipped', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'x')", db) < 0)
        return -1;
    return 0;
}

static void teardown(void)
{
    mysql_query(admin, "SET @dummy = 0");
    char q[256];
    snprintf(q, sizeof q, "DROP DATABASE IF EXISTS %s", db);
    mysql_query(admin, q);
    snprintf(q, sizeof q, "DROP USER IF EXISTS '%s'@'127.0.0.1', '%s'@'127.0.0.1'", ro, rw);
    mysql_query(admin, q);
}

/* ---- connect ---------------------------------------------------------------- */

static void refused(engine_target_t t, const char *allow, const char *want, int line)
{
    char err[400];
    engine_conn_t *c = E->connect(&t, allow, 3, err, sizeof err);
    check_one(c == NULL && strstr(err, want) != NULL, __FILE__, line, want, c ? "(connected)" : err,
              want);
    check_one(strstr(err, PW) == NULL, __FILE__, line, "no password in the error", NULL, NULL);
    if (c)
        E->close(c);
}

static void test_connect(void)
{
    refused(target(ro, PW), "10.0.0.0/8", "is not in DATAMIND_CONNECT_ALLOW", __LINE__);
    refused(target(ro, "wrong-password"), "127.0.0.1/32", "wrong user name or password", __LINE__);
    refused(target("nobody_here", PW), "127.0.0.1/32", "wrong user name or password", __LINE__);
    engine_target_t t = target(rw, PW);
    t.dbname = "no_such_db_here";
    refused(t, "127.0.0.1/32", "may not use the database", __LINE__); /* no rights on it */
    t.dbname = "mysql";
    refused(t, "127.0.0.1/32", "is the server's own", __LINE__);
    t = target(ro, PW);
    t.port = 1; /* nothing listens */
    refused(t, "127.0.0.1/32", "connection refused", __LINE__);
    t = target(ro, PW);
    t.host = "/tmp/some.sock";
    refused(t, "127.0.0.1/32", "is not in DATAMIND_CONNECT_ALLOW", __LINE__);
    t = target(ro, PW);
    t.sslmode = "require"; /* the test server has no TLS */
    refused(t, "127.0.0.1/32", "the server does not support TLS", __LINE__);
    t.sslmode = "verify-full";
    refused(t, "127.0.0.1/32", "the server does not support TLS", __LINE__);
    t.sslmode = "prefer"; /* TLS when offered: this server offers none */
    char err0[300];
    engine_conn_t *pc = E->connect(&t, "127.0.0.1/32", 5, err0, sizeof err0);
    CHECK(pc != NULL);
    if (pc)
        E->close(pc);
    t.sslmode = "sometimes";
    refused(t, "127.0.0.1/32", "SSL mode must be", __LINE__);

    engine_conn_t *c = open_as(ro);
    if (!c)
        return;
    CHECK(E->idle_ok(c));
    json_t *res = NULL;
    char err[300];
    int pos;
    /* the session: read-only, "…" is a string, backslash escapes on */
    int rc = E->execute(c, "SELECT @@SESSION.tx_read_only, \"a\", 'b\\'c',"
                            " @@SESSION.sql_mode LIKE '%ANSI_QUOTES%', @@character_set_client",
                        NULL, &res, &pos, err, sizeof err);
    if (rc)
        fprintf(stderr, "session: %s\n", err);
    CHECK_INT(rc, 0);
    if (res) {
        json_t *row = json_array_get(json_object_get(res, "rows"), 0);
        CHECK_INT(json_integer_value(json_array_get(row, 0)), 1);
        CHECK_STR(json_string_value(json_array_get(row, 1)), "a");
        CHECK_STR(json_string_value(json_array_get(row, 2)), "b'c");
        CHECK_INT(json_integer_value(json_array_get(row, 3)), 0);
        CHECK_STR(json_string_value(json_array_get(row, 4)), "utf8mb4");
    }
    json_decref(res);
    E->close(c);
}

/* ---- execute ---------------------------------------------------------------- */

static json_t *run(engine_conn_t *c, const char *q, const engine_run_t *o, char *err, size_t n)
{
    json_t *res = NULL;
    int pos;
    if (E->execute(c, q, o, &res, &pos, err, n) < 0)
        return NULL;
    return res;
}

static void test_types(engine_conn_t *c)
{
    char err[300];
    json_t *res = run(c, "SELECT id, paid, total, wide, ratio, big, day, at, note, status"
                         " FROM orders ORDER BY id", NULL, err, sizeof err);
    CHECK(res != NULL);
    if (!res) {
        fprintf(stderr, "types: %s\n", err);
        return;
    }
    const char *types[] = {"integer", "boolean", "number", "number", "number", "integer",
                           "date", "timestamp", "text", "text"};
    json_t *cols = json_object_get(res, "columns");
    CHECK_INT(json_array_size(cols), 10);
    for (size_t j = 0; j < 10; j++)
        CHECK_STR(json_string_value(json_object_get(json_array_get(cols, j), "type")), types[j]);
    CHECK_STR(json_string_value(json_object_get(json_array_get(cols, 2), "dbtype")), "DECIMAL");
    CHECK_STR(json_string_value(json_object_get(json_array_get(cols, 0), "name")), "id");
    json_t *r0 = json_array_get(json_object_get(res, "rows"), 0);
    json_t *r1 = json_array_get(json_object_get(res, "rows"), 1);
    json_t *r2 = json_array_get(json_object_get(res, "rows"), 2);
    CHECK(json_is_integer(json_array_get(r0, 0)) && json_integer_value(json_array_get(r0, 0)) == 1);
    CHECK(json_is_true(json_array_get(r0, 1)));
    CHECK(json_is_false(json_array_get(r1, 1)));
    CHECK(json_is_real(json_array_get(r0, 2)) && json_real_value(json_array_get(r0, 2)) == 12.5);
    /* 21 significant digits: kept exact, as text */
    CHECK_STR(json_string_value(json_array_get(r0, 3)), "1234567890123456789.12");
    CHECK(json_is_real(json_array_get(r0, 4)) && json_real_value(json_array_get(r0, 4)) == 0.25);
    CHECK_INT(json_integer_value(json_array_get(r0, 5)), 9007199254740993LL);
    CHECK_STR(json_string_value(json_array_get(r0, 6)), "2024-02-29");
    CHECK_STR(json_string_value(json_array_get(r0, 7)), "2024-02-29 13:14:15");
    CHECK_STR(json_string_value(json_array_get(r0, 8)), "it's");
    CHECK(json_is_null(json_array_get(r1, 8)));
    CHECK(json_is_null(json_array_get(r2, 1)) && json_is_null(json_array_get(r2, 2)));
    CHECK_INT(json_integer_value(json_object_get(res, "row_count")), 3);
    CHECK(json_is_false(json_object_get(res, "truncated")));
    CHECK(json_is_null(json_object_get(res, "truncated_by")));
    json_decref(res);

    /* a server error reads as the server says it, with the place */
    json_t *bad = NULL;
    int pos = 0;
    CHECK_INT(E->execute(c, "SELECT id FROM orders WHERE nosuch = 1", NULL, &bad, &pos, err,
                         sizeof err), -1);
    CHECK(strstr(err, "nosuch") != NULL);
    CHECK_INT(E->execute(c, "SELECT id FROM orders WHERE WHERE", NULL, &bad, &pos, err,
                         sizeof err), -1);
    CHECK(strstr(err, "syntax") != NULL);
    CHECK_INT(pos, 29);
    CHECK(E->idle_ok(c));
}

static void test_params(engine_conn_t *c)
{
    char err[300];
    const char *vals[] = {"shipped", "1", NULL};
    const char *types[] = {"text", "number", "text"};
    engine_run_t o = {.nparams = 3, .param_values = vals, .param_types = types};
    json_t *res = run(c, "SELECT id, $1 AS s FROM orders WHERE status = $1 AND region_id = $2"
                         " AND ($3 IS NULL OR note = $3) AND note <> '$1' ORDER BY id",
                      &o, err, sizeof err);
    CHECK(res != NULL);
    if (!res) {
        fprintf(stderr, "params: %s\n", err);
        return;
    }
    CHECK_INT(json_integer_value(json_object_get(res, "row_count")), 2);
    json_t *r0 = json_array_get(json_object_get(res, "rows"), 0);
    CHECK_INT(json_integer_value(json_array_get(r0, 0)), 1);
    CHECK_STR(json_string_value(json_array_get(r0, 1)), "shipped");
    json_decref(res);
    /* a value is a value, never SQL */
    const char *evil[] = {"x' OR '1'='1"};
    engine_run_t o2 = {.nparams = 1, .param_values = evil};
    res = run(c, "SELECT COUNT(*) FROM orders WHERE status = $1", &o2, err, sizeof err);
    CHECK(res && json_integer_value(json_array_get(
                     json_array_get(json_object_get(res, "rows"), 0), 0)) == 0);
    json_decref(res);
    /* a bare ? in the SQL is not a parameter */
    int pos;
    CHECK_INT(E->execute(c, "SELECT ? FROM orders", NULL, &res, &pos, err, sizeof err), -1);
    CHECK(strstr(err, "not a parameter") != NULL);
}

static void test_caps(engine_conn_t *c)
{
    char err[300];
    /* ten million rows, ten kept: the server stops producing (KILL QUERY) */
    engine_run_t o = {.max_rows = 10};
    double t0 = now_s();
    json_t *res = run(c, "SELECT seq, REPEAT('x', 50) FROM seq_1_to_10000000", &o, err, sizeof err);
    double took = now_s() - t0;
    CHECK(res != NULL);
    if (!res)
        fprintf(stderr, "caps: %s\n", err);
    CHECK(took < 3.0);
    CHECK_INT(json_integer_value(json_object_get(res, "row_count")), 10);
    CHECK(json_is_true(json_object_get(res, "truncated")));
    CHECK_STR(json_string_value(json_object_get(res, "truncated_by")), "rows");
    json_decref(res);
    CHECK(E->idle_ok(c));

    /* a cap one row short of the end: the KILL QUERY may reach the server
     * after the result has ended; the next statements must not feel it */
    for (int i = 0; i < 5; i++) {
        engine_run_t o2 = {.max_rows = 2};
        res = run(c, "SELECT id FROM orders", &o2, err, sizeof err);
        CHECK(res && json_is_true(json_object_get(res, "truncated")));
        json_decref(res);
        res = run(c, "SELECT COUNT(*) FROM orders", NULL, err, sizeof err);
        CHECK(res != NULL);
        if (!res)
            fprintf(stderr, "after a late KILL QUERY: %s\n", err);
        json_decref(res);
    }

    /* bytes: 100 bytes a row, 1000 allowed */
    engine_run_t ob = {.max_result_bytes = 1000};
    res = run(c, "SELECT REPEAT('y', 100) FROM seq_1_to_100000", &ob, err, sizeof err);
    CHECK(res && json_integer_value(json_object_get(res, "row_count")) == 10);
    CHECK_STR(json_string_value(json_object_get(res, "truncated_by")), "bytes");
    CHECK(json_integer_value(json_object_get(res, "result_bytes")) == 1000);
    json_decref(res);

    /* a value past max_cell_bytes is cut at a UTF-8 boundary and marked */
    engine_run_t oc = {.max_cell_bytes = 101};
    res = run(c, "SELECT REPEAT('\xc3\xa9', 5000), 'short'", &oc, err, sizeof err);
    CHECK(res != NULL);
    if (res) {
        json_t *r0 = json_array_get(json_object_get(res, "rows"), 0);
        const char *v = json_string_value(json_array_get(r0, 0));
        CHECK(v && strncmp(v, "\xc3\xa9", 2) == 0);
        CHECK(v && strstr(v, SQLSAFE_CUT_MARK "10000 bytes, first 100 shown]") != NULL);
        CHECK_STR(json_string_value(json_array_get(r0, 1)), "short");
        CHECK_INT(json_integer_value(json_object_get(res, "cells_cut")), 1);
    }
    json_decref(res);
    /* a value between the bound buffer and the cap comes whole */
    res = run(c, "SELECT REPEAT('z', 10000)", NULL, err, sizeof err);
    CHECK(res && strlen(json_string_value(json_array_get(
                     json_array_get(json_object_get(res, "rows"), 0), 0))) == 10000);
    json_decref(res);
}

/* What engine_mysql_dialect writes runs on the server and means what the
 * planner expects: 2024-05-15 is a Wednesday in the second quarter. */
static void test_dialect(engine_conn_t *c)
{
    const engine_dialect_t *d = E->dialect;
    const char *x = "CAST('2024-05-15 13:14:15' AS DATETIME)";
    buf_t b = {0};
    buf_puts(&b, "SELECT ");
    for (engine_grain_t g = ENGINE_DAY; g <= ENGINE_YEAR; g++) {
        d->date_trunc(&b, g, x);
        buf_puts(&b, ", ");
    }
    d->date_part(&b, "dow", x);
    buf_puts(&b, ", ");
    d->date_add(&b, x, '+', 1, "month");
    buf_puts(&b, ", ");
    d->days_between(&b, "DATE('2024-05-01')", x);
    buf_puts(&b, ", ");
    d->ilike(&b, "'Lufthansa'", "'%HANSA'");
    buf_puts(&b, ", ");
    d->cast(&b, "'42'", "integer");
    buf_puts(&b, ", ");
    d->agg_if(&b, "SUM", "id", "status = 'shipped'");
    buf_puts(&b, ", ");
    d->agg_if(&b, "COUNT", NULL, "status = 'shipped'");
    buf_puts(&b, ", ");
    d->quote_literal(&b, "it's a \\ back");
    buf_printf(&b, ", %s > '2020-01-01', %s <= %s FROM ", d->now, d->today, d->now);
    d->quote_ident(&b, "orders");
    buf_puts(&b, " ORDER BY ");
    d->order_nulls_last(&b, "MIN(paid)", 1);
    char err[300];
    json_t *res = run(c, buf_str(&b), NULL, err, sizeof err);
    CHECK(res != NULL);
    if (!res) {
        fprintf(stderr, "dialect: %s\n  %s\n", err, buf_str(&b));
        buf_free(&b);
        return;
    }
    json_t *row = json_array_get(json_object_get(res, "rows"), 0);
    const char *want[] = {"2024-05-15", "2024-05-13", "2024-05-01", "2024-04-01", "2024-01-01"};
    for (int i = 0; i < 5; i++) {
        CHECK_STR(json_string_value(json_array_get(row, i)), want[i]);
        CHECK_STR(json_string_value(json_object_get(
                      json_array_get(json_object_get(res, "columns"), i), "type")), "date");
    }
    CHECK_INT(json_integer_value(json_array_get(row, 5)), 3);
    CHECK_STR(json_string_value(json_array_get(row, 6)), "2024-06-15 13:14:15");
    CHECK_INT(json_integer_value(json_array_get(row, 7)), 14);
    CHECK_INT(json_integer_value(json_array_get(row, 8)), 1);
    CHECK_INT(json_integer_value(json_array_get(row, 9)), 42);
    CHECK(json_number_value(json_array_get(row, 10)) == 4);  /* ids 1 + 3 */
    CHECK_INT(json_integer_value(json_array_get(row, 11)), 2);
    CHECK_STR(json_string_value(json_array_get(row, 12)), "it's a \\ back");
    CHECK_INT(json_integer_value(json_array_get(row, 13)), 1);
    CHECK_INT(json_integer_value(json_array_get(row, 14)), 1);
    json_decref(res);
    buf_free(&b);
}

static void test_timeout(engine_conn_t *c)
{
    char err[300];
    engine_run_t o = {.timeout_ms = 500};
    double t0 = now_s();
    json_t *res = run(c, "SELECT COUNT(*) FROM seq_1_to_100000 a, seq_1_to_100000 b", &o, err,
                      sizeof err);
    CHECK(res == NULL);
    CHECK_STR(err, "the query ran longer than 0.5 s and was cancelled");
    CHECK(now_s() - t0 < 3.0);
    CHECK(E->idle_ok(c));
    res = run(c, "SELECT 1", NULL, err, sizeof err);
    CHECK(res != NULL);
    json_decref(res);
}

typedef struct canceller {
    engine_cancel_t *k;
    int rc;
} canceller_t;

static void *cancel_later(void *arg)
{
    canceller_t *cl = arg;
    char err[300];
    usleep(400 * 1000);
    cl->rc = E->cancel(cl->k, err, sizeof err);
    return NULL;
}

static void test_cancel(engine_conn_t *c)
{
    char err[300];
    canceller_t cl = {.k = E->cancel_get(c), .rc = -1};
    pthread_t th;
    pthread_create(&th, NULL, cancel_later, &cl);
    double t0 = now_s();
    json_t *res = run(c, "SELECT COUNT(*) FROM seq_1_to_100000 a, seq_1_to_100000 b", NULL, err,
                      sizeof err);
    double took = now_s() - t0;
    pthread_join(th, NULL);
    E->cancel_free(cl.k);
    CHECK_INT(cl.rc, 0);
    CHECK(res == NULL);
    CHECK_STR(err, "the query was cancelled");
    CHECK(took < 3.0);
    CHECK(E->idle_ok(c));
    res = run(c, "SELECT 2", NULL, err, sizeof err);
    CHECK(res != NULL);
    json_decref(res);
}

/* A user who can write, the policy bypassed: the server refuses. */
static void test_read_only(void)
{
    engine_conn_t *c = open_as(rw);
    if (!c)
        return;
    const char *writes[] = {
        "INSERT INTO orders (id, status) VALUES (99, 'x')",
        "UPDATE orders SET status = 'x'",
        "DELETE FROM orders",
        "CREATE TABLE sneaky (a INT)",
        "DROP TABLE regions",
        "SELECT * FROM orders INTO OUTFILE '/tmp/dm_mysql_outfile'",
        "CREATE TEMPORARY TABLE tmp_t (a INT)",
        "SELECT sneaky()", /* an INSERT inside a function the policy would refuse */
    };
    char err[300];
    for (size_t i = 0; i < sizeof writes / sizeof *writes; i++) {
        json_t *res = NULL;
        int pos;
        int rc = E->execute(c, writes[i], NULL, &res, &pos, err, sizeof err);
        check_one(rc == -1, __FILE__, __LINE__, writes[i], rc ? err : "(ran)", "refused");
        /* the server's READ ONLY refuses the writes; INTO never reaches it */
        check_one(strstr(err, strstr(writes[i], "INTO OUTFILE") ? "INTO is not allowed"
                                                                 : "READ ONLY transaction") != NULL,
                  __FILE__, __LINE__, writes[i], err, "READ ONLY / INTO");
        json_decref(res);
    }
    char q[256];
    snprintf(q, sizeof q, "SELECT COUNT(*) FROM %s.orders WHERE status <> 'x'", db);
    CHECK_INT(scalar(q), 3);
    snprintf(q, sizeof q, "SELECT COUNT(*) FROM %s.regions", db);
    CHECK_INT(scalar(q), 3);
    snprintf(q, sizeof q, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '%s'", db);
    CHECK_INT(scalar(q), 3);
    CHECK(access("/tmp/dm_mysql_outfile", F_OK) != 0);
    /* the policy refuses them before that */
    sqlsafe_check_t out;
    for (size_t i = 0; i < sizeof writes / sizeof *writes; i++)
        CHECK_INT(E->validate(writes[i], strlen(writes[i]), 0, NULL, 0, &out, err, sizeof err), -1);
    E->close(c);
}

static void test_probe(void)
{
    const char *users[] = {rw, ro};
    for (int i = 0; i < 2; i++) {
        engine_conn_t *c = open_as(users[i]);
        if (!c)
            continue;
        json_t *info = NULL;
        char err[300];
        CHECK_INT(E->probe(c, &info, err, sizeof err), 0);
        CHECK(json_is_true(json_object_get(info, "can_write")) == (i == 0));
        CHECK(json_is_false(json_object_get(info, "superuser")));
        CHECK_INT(json_integer_value(json_object_get(info, "table_count")), 3);
        const char *v = json_string_value(json_object_get(info, "server_version"));
        CHECK(v && strstr(v, "MariaDB") != NULL);
        const char *u = json_string_value(json_object_get(info, "current_user"));
        CHECK(u && strncmp(u, users[i], strlen(users[i])) == 0);
        const char *s = json_string_value(json_object_get(info, "read_only_sql"));
        char want[128];
        snprintf(want, sizeof want, "GRANT SELECT, SHOW VIEW ON `%s`.* TO", db);
        CHECK(s && strstr(s, want) && strstr(s, "CREATE USER 'datamind_reader'@'%' IDENTIFIED BY '"));
        json_decref(info);
        E->close(c);
    }
}

static json_t *find(json_t *arr, const char *name)
{
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x)
        if (!strcmp(json_string_value(json_object_get(x, "name")), name))
            return x;
    return NULL;
}

static void test_discover(void)
{
    engine_conn_t *c = open_as(ro);
    if (!c)
        return;
    json_t *schema = NULL;
    char err[300];
    sqlsafe_discover_opts_t o = {.sample_values = 10, .exact_count_below = 1000000};
    CHECK_INT(E->discover(c, &o, &schema, err, sizeof err), 0);
    json_t *tables = json_object_get(schema, "tables");
    CHECK_INT(json_array_size(tables), 3);
    CHECK_STR(json_string_value(json_object_get(json_array_get(tables, 0), "name")), "orders");
    json_t *orders = find(tables, "orders"), *regions = find(tables, "regions");
    json_t *view = find(tables, "shipped");
    CHECK(orders && regions && view);
    if (!orders || !regions || !view)
        goto out;
    CHECK_STR(json_string_value(json_object_get(orders, "schema")), db);
    CHECK_STR(json_string_value(json_object_get(orders, "type")), "table");
    CHECK_STR(json_string_value(json_object_get(view, "type")), "view");
    CHECK_INT(json_integer_value(json_object_get(orders, "row_estimate")), 3);
    CHECK_STR(json_string_value(json_object_get(regions, "comment")), "Sales regions");
    json_t *cols = json_object_get(orders, "columns");
    CHECK_INT(json_array_size(cols), 11);
    json_t *id = find(cols, "id"), *fk = find(cols, "region_id"), *st = find(cols, "status");
    json_t *total = find(cols, "total");
    CHECK(json_is_true(json_object_get(id, "pk")) && json_is_null(json_object_get(id, "fk")));
    CHECK_INT(json_integer_value(json_object_get(id, "ordinal")), 1);
    CHECK(json_is_false(json_object_get(id, "nullable")));
    CHECK_STR(json_string_value(json_object_get(json_object_get(fk, "fk"), "table")), "regions");
    CHECK_STR(json_string_value(json_object_get(json_object_get(fk, "fk"), "column")), "id");
    CHECK_STR(json_string_value(json_object_get(json_object_get(fk, "fk"), "schema")), db);
    CHECK_STR(json_string_value(json_object_get(st, "type")), "varchar(20)");
    CHECK_STR(json_string_value(json_object_get(st, "comment")), "shipped or pending");
    CHECK_STR(json_string_value(json_object_get(total, "type")), "decimal(10,2)");
    CHECK(json_is_null(json_object_get(st, "null_frac")) && json_is_null(json_object_get(st, "n_distinct")));
    json_t *samples = json_object_get(st, "samples");
    CHECK_INT(json_array_size(samples), 2);
    CHECK_STR(json_string_value(json_array_get(samples, 0)), "shipped");
    /* the span of the dates (ranges.c): DATE and DATETIME, NULLs aside */
    engine_discover_ranges(E, c, schema);
    CHECK_STR(json_string_value(json_object_get(find(cols, "day"), "min")), "2023-01-01");
    CHECK_STR(json_string_value(json_object_get(find(cols, "day"), "max")), "2024-02-29");
    CHECK_STR(json_string_value(json_object_get(find(cols, "at"), "max")), "2024-02-29");
    CHECK(json_object_get(total, "min") == NULL);

    /* lookup: a value the samples do not hold, found whole, case aside */
    json_t *name = find(json_object_get(regions, "columns"), "name");
    json_array_clear(json_object_get(name, "samples"));
    const char *phrases[] = {"lufthansa land", "nowhere"};
    CHECK_INT(E->lookup_values(c, schema, phrases, 2, err, sizeof err), 1);
    CHECK_STR(json_string_value(json_array_get(json_object_get(name, "samples"), 0)),
              "Lufthansa Land");
out:
    json_decref(schema);
    E->close(c);
}

/* The demo shop copied from the stack's PostgreSQL (scripts/demo-shop-to-mysql,
 * run here when the integration runner's stack is up: DM_ROOT and DM_VAR),
 * read as shop_reader: discovery's shape, and one BI answer equal to
 * PostgreSQL's. */
static void test_shop(void)
{
    const char *root = getenv("DM_ROOT"), *var = getenv("DM_VAR");
    const char *pg = getenv("DATAMIND_TEST_DB");
    if (!root || !var || !pg) {
        printf("test_mysql_db: the shop part needs the integration stack (DM_ROOT, DM_VAR)\n");
        return;
    }
    char cmd[1024], pwfile[512], pw[128] = "";
    snprintf(cmd, sizeof cmd, "'%s/scripts/demo-shop-to-mysql' >/dev/null", root);
    CHECK_INT(system(cmd), 0);
    snprintf(pwfile, sizeof pwfile, "%s/demo-secrets/shop_reader_mysql", var);
    FILE *f = fopen(pwfile, "r");
    CHECK(f != NULL);
    if (!f || !fgets(pw, sizeof pw, f)) {
        if (f)
            fclose(f);
        return;
    }
    fclose(f);
    pw[strcspn(pw, "\n")] = '\0';
    char err[300];
    engine_target_t t = {.kind = ENGINE_MYSQL, .host = "localhost", .port = port,
                         .dbname = "shop", .user = "shop_reader", .password = pw};
    engine_conn_t *c = E->connect(&t, "127.0.0.1/32", 5, err, sizeof err);
    CHECK(c != NULL);
    if (!c) {
        fprintf(stderr, "shop: %s\n", err);
        return;
    }
    json_t *schema = NULL, *info = NULL;
    sqlsafe_discover_opts_t o = {.sample_values = 10, .exact_count_below = 1000000};
    double t0 = now_s();
    CHECK_INT(E->discover(c, &o, &schema, err, sizeof err), 0);
    printf("test_mysql_db: discovered the shop in %.2f s\n", now_s() - t0);
    json_t *tables = json_object_get(schema, "tables");
    CHECK_INT(json_array_size(tables), 7);
    json_t *orders = find(tables, "orders");
    json_t *cols = json_object_get(orders, "columns");
    json_t *cust = find(cols, "customer_id"), *status = find(cols, "status");
    CHECK_STR(json_string_value(json_object_get(json_object_get(cust, "fk"), "table")), "customers");
    CHECK_STR(json_string_value(json_object_get(orders, "comment")),
              "Customer orders (one row per order); revenue is in order_items");
    CHECK_INT(json_array_size(json_object_get(status, "samples")), 5);
    CHECK_INT(json_integer_value(json_object_get(orders, "row_estimate")), 100000);
    CHECK_INT(E->probe(c, &info, err, sizeof err), 0);
    CHECK(json_is_false(json_object_get(info, "can_write")));
    CHECK_INT(json_integer_value(json_object_get(info, "table_count")), 7);

    /* the same answer as PostgreSQL's, through validate and execute */
    const char *q = "SELECT ROUND(SUM(quantity * unit_price * (1 - discount)), 2) FROM order_items";
    sqlsafe_check_t chk;
    CHECK_INT(E->validate(q, strlen(q), 0, NULL, 0, &chk, err, sizeof err), 0);
    json_t *res = run(c, chk.statement ? chk.statement : q, NULL, err, sizeof err);
    sqlsafe_check_free(&chk);
    PGconn *p = PQconnectdb(pg);
    PGresult *r = PQexec(p, "SELECT 1 FROM pg_database WHERE datname = 'shop'");
    int have = PQntuples(r) == 1;
    PQclear(r);
    PQfinish(p);
    if (have && res) {
        char conn[600];
        snprintf(conn, sizeof conn, "%s dbname=shop", pg);
        p = PQconnectdb(conn);
        r = PQexec(p, "SELECT round(sum(quantity * unit_price * (1 - discount)), 2) FROM order_items");
        double want = PQntuples(r) == 1 ? atof(PQgetvalue(r, 0, 0)) : -1;
        double got = json_real_value(json_array_get(json_array_get(json_object_get(res, "rows"), 0), 0));
        CHECK(want > 0 && got == want);
        PQclear(r);
        PQfinish(p);
    }
    json_decref(res);
    json_decref(info);
    json_decref(schema);
    E->close(c);
}

int main(void)
{
    const char *sock = getenv("DATAMIND_TEST_MYSQL");
    const char *p = getenv("DATAMIND_TEST_MYSQL_PORT");
    if (!sock || !*sock || !p || !*p || access(sock, F_OK) != 0) {
        printf("test_mysql_db: skipped: no MariaDB (DATAMIND_TEST_MYSQL names no socket: is "
               "mariadb-server installed? scripts/bootstrap)\n");
        return CHECK_SKIP;
    }
    port = atoi(p);
    admin = mysql_init(NULL);
    if (!mysql_real_connect(admin, "localhost", "root", NULL, NULL, 0, sock, 0)) {
        printf("test_mysql_db: cannot connect to %s as root: %s\n", sock, mysql_error(admin));
        return 1;
    }
    if (setup() == 0) {
        test_connect();
        engine_conn_t *c = open_as(ro);
        if (c) {
            test_types(c);
            test_params(c);
            test_caps(c);
            test_dialect(c);
            test_timeout(c);
            test_cancel(c);
            E->close(c);
        }
        test_read_only();
        test_probe();
        test_discover();
        test_shop();
    }
    teardown();
    mysql_close(admin);
    return check_done("test_mysql_db");
}
