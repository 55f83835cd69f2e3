/* test_sqlite_db.c — the SQLite engine against real SQLite files.
 *
 * No server: makes a scratch DATAMIND_SQLITE_DIR under $TMPDIR with a
 * database written here (read-write, through sqlite3 itself), then checks
 * engine_sqlite's operations on it: connect (and its refusals), probe,
 * execute (types, parameters, row/byte caps, cut cells, the timeout, an
 * interrupt from another thread), the authorizer (each hostile statement
 * refused, the file unchanged after), discover and lookup_values. Runs in
 * make check and make check-db alike. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "core/config.h"
#include "engine/sqlite_internal.h"

static char dir[256], outside[256];
static config_t conf;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int make_db(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    char *msg = NULL;
    int rc = sqlite3_open(path, &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "setup failed: %s\n", msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    sqlite3_close(db);
    return rc == SQLITE_OK ? 0 : -1;
}

static const char shop_sql[] =
    "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country VARCHAR(40),"
    " email TEXT UNIQUE, vip BOOLEAN);"
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers,"
    " total NUMERIC(10,2), ordered_on DATE, shipped_at TIMESTAMP, note TEXT, data BLOB);"
    "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;"
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)"
    " INSERT INTO customers SELECT i, 'Person ' || i, CASE i % 3 WHEN 0 THEN 'Germany'"
    " WHEN 1 THEN 'France' ELSE 'Japan' END, 'p' || i || '@example.com', i % 2 FROM n;"
    "INSERT INTO orders VALUES (1, 1, 120.5, '2024-03-01', '2024-03-02 10:00:00', 'first', x'00ff'),"
    " (2, 2, 80, '2024-03-05', NULL, NULL, NULL), (3, 1, 300.25, '2024-04-10', NULL, 'third', NULL),"
    " (4, 3, 10, '2024-05-01', NULL, NULL, NULL), (5, 4, 55.5, '2024-05-02', NULL, NULL, NULL);";

static engine_conn_t *open_db(const char *name, char *err, size_t n)
{
    engine_target_t t = {.kind = ENGINE_SQLITE, .dbname = name};
    return engine_sqlite.connect(&t, NULL, 5, err, n);
}

static void test_connect_refusals(void)
{
    char err[512], path[600];
    engine_conn_t *c;

    snprintf(path, sizeof path, "%s/elsewhere.db", outside);
    CHECK(!(c = open_db(path, err, sizeof err)));
    CHECK(strstr(err, "not under the SQLite directory"));
    snprintf(path, sizeof path, "%s/link.db", dir); /* a symlink inside, pointing out */
    CHECK(!(c = open_db(path, err, sizeof err)));
    CHECK(strstr(err, "not under the SQLite directory"));
    snprintf(path, sizeof path, "%s/../%s", dir, strrchr(outside, '/') + 1);
    CHECK(!(c = open_db(path, err, sizeof err))); /* .. out of it */
    snprintf(path, sizeof path, "%s/missing.db", dir);
    CHECK(!(c = open_db(path, err, sizeof err)));
    CHECK(strstr(err, "does not exist"));
    snprintf(path, sizeof path, "%s/sub", dir);
    CHECK(!(c = open_db(path, err, sizeof err)));
    CHECK(strstr(err, "not a database file"));
    CHECK(!(c = open_db(dir, err, sizeof err)));
    CHECK(!(c = open_db(":memory:", err, sizeof err)));
    CHECK(strstr(err, ":memory:"));
    CHECK(!(c = open_db("", err, sizeof err)));
    snprintf(path, sizeof path, "file:%s/shop.db?mode=rwc", dir);
    CHECK(!(c = open_db(path, err, sizeof err)));
    CHECK(strstr(err, "URI"));
    snprintf(path, sizeof path, "%s/notes.db", dir); /* a file that is not a database */
    CHECK(!(c = open_db(path, err, sizeof err)));
    CHECK(strstr(err, "not a SQLite database"));
    /* a relative name is the directory's */
    CHECK((c = open_db("shop.db", err, sizeof err)) != NULL);
    engine_sqlite.close(c);
}

static void test_probe(engine_conn_t *c)
{
    json_t *info = NULL;
    char err[256];
    CHECK_INT(engine_sqlite.probe(c, &info, err, sizeof err), 0);
    CHECK_STR(json_string_value(json_object_get(info, "server_version")), sqlite3_libversion());
    CHECK_STR(json_string_value(json_object_get(info, "current_user")), "shop.db");
    CHECK(json_is_false(json_object_get(info, "can_write")));
    CHECK_INT(json_integer_value(json_object_get(info, "table_count")), 3);
    CHECK_STR(json_string_value(json_object_get(info, "read_only_sql")), "");
    json_decref(info);
}

static json_t *run(engine_conn_t *c, const char *sql, const engine_run_t *o, char *err, size_t n)
{
    json_t *res = NULL;
    int pos = 0;
    engine_run_t def = {0};
    if (engine_sqlite.execute(c, sql, o ? o : &def, &res, &pos, err, n) < 0)
        return NULL;
    return res;
}

static const char *col_type(json_t *res, size_t j)
{
    return json_string_value(json_object_get(json_array_get(json_object_get(res, "columns"), j), "type"));
}

static json_t *cell(json_t *res, size_t i, size_t j)
{
    return json_array_get(json_array_get(json_object_get(res, "rows"), i), j);
}

static void test_execute_types(engine_conn_t *c)
{
    char err[512];
    json_t *r = run(c, "SELECT o.id, o.total, o.ordered_on, o.shipped_at, o.note, o.data, cu.vip,"
                       " 1 + 1 AS two, 1.5 AS half, 'x' AS ex, NULL AS nada"
                       " FROM orders o JOIN customers cu ON cu.id = o.customer_id"
                       " ORDER BY o.id", NULL, err, sizeof err);
    CHECK(r != NULL);
    if (!r) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    const char *want[] = {"integer", "number", "date", "timestamp", "text", "text", "boolean",
                          "integer", "number", "text", "text"};
    for (size_t j = 0; j < 11; j++)
        CHECK_STR(col_type(r, j), want[j]);
    CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(r, "columns"), 1),
                                                "dbtype")), "NUMERIC(10,2)");
    CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(r, "columns"), 7),
                                                "dbtype")), "INTEGER");
    CHECK_INT(json_integer_value(json_object_get(r, "row_count")), 5);
    CHECK_INT(json_integer_value(cell(r, 0, 0)), 1);
    CHECK(json_is_real(cell(r, 0, 1)) && json_real_value(cell(r, 0, 1)) == 120.5);
    CHECK_INT(json_integer_value(cell(r, 1, 1)), 80);  /* NUMERIC keeps 80 an integer */
    CHECK_STR(json_string_value(cell(r, 0, 2)), "2024-03-01");
    CHECK_STR(json_string_value(cell(r, 0, 3)), "2024-03-02 10:00:00");
    CHECK(json_is_null(cell(r, 1, 3)));
    CHECK_STR(json_string_value(cell(r, 0, 5)), "\\x00ff");
    CHECK(json_is_true(cell(r, 0, 6)));   /* customer 1: vip 1 */
    CHECK(json_is_false(cell(r, 1, 6)));
    CHECK_INT(json_integer_value(cell(r, 0, 7)), 2);
    CHECK(json_is_false(json_object_get(r, "truncated")));
    CHECK(json_is_null(json_object_get(r, "truncated_by")));
    json_decref(r);
}

/* What a BI query writes runs: the authorizer's list is not too short. */
static void test_execute_everyday_sql(engine_conn_t *c)
{
    static const char *const ok[] = {
        "SELECT 1; -- the end",
        "SELECT id, row_number() OVER (ORDER BY total DESC), lag(total) OVER (ORDER BY id),"
        " sum(total) OVER (PARTITION BY customer_id) FROM orders",
        "SELECT strftime('%Y-%m', ordered_on), date(ordered_on, 'start of month'),"
        " julianday('now') - julianday(ordered_on), iif(total > 100, 'big', 'small'),"
        " coalesce(note, '-'), upper(substr(note, 1, 2)), round(avg(total), 2)"
        " FROM orders GROUP BY 1, 2, 3, 4, 5, 6",
        "SELECT '{\"a\": {\"b\": 2}}' ->> '$.a.b', json_extract('[1,2]', '$[1]')",
        "SELECT count(*) FILTER (WHERE total > 50), group_concat(DISTINCT country) FROM customers"
        " c LEFT JOIN orders o ON o.customer_id = c.id WHERE c.name LIKE 'person 1%'"
        " AND c.email GLOB '*@example.com' AND c.id BETWEEN 1 AND 300"
        " AND c.id IN (SELECT customer_id FROM orders) OR c.id NOT IN (1, 2)",
        "SELECT a.id FROM (SELECT id FROM orders) a FULL OUTER JOIN (SELECT 3 AS id) b ON a.id = b.id"
        " ORDER BY a.id DESC NULLS LAST",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)"
        " SELECT CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END, CAST(i AS REAL) / 3 FROM n",
        "SELECT * FROM big_orders",
        "VALUES (1, 'a'), (2, 'b')",
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char err[512] = "";
        json_t *r = run(c, ok[i], NULL, err, sizeof err);
        CHECK(r != NULL);
        if (!r)
            fprintf(stderr, "  [%s]: %s\n", ok[i], err);
        json_decref(r);
    }
}

static void test_execute_params(engine_conn_t *c)
{
    char err[512];
    const char *vals[] = {"100", "first", "2024-04-01", "1.5"};
    const char *types[] = {"number", "text", "date", "number"};
    engine_run_t o = {.nparams = 4, .param_values = vals, .param_types = types};
    json_t *r = run(c, "SELECT count(*), sum(note = $2), min(ordered_on >= $3), $4 * 2 FROM orders"
                       " WHERE total > $1", &o, err, sizeof err);
    CHECK(r != NULL);
    if (r) {
        CHECK_INT(json_integer_value(cell(r, 0, 0)), 2);
        CHECK_INT(json_integer_value(cell(r, 0, 1)), 1);
        CHECK_INT(json_integer_value(cell(r, 0, 2)), 0);
        CHECK(json_real_value(cell(r, 0, 3)) == 3.0);
    }
    json_decref(r);
    const char *nul[] = {NULL};
    engine_run_t o1 = {.nparams = 1, .param_values = nul};
    r = run(c, "SELECT $1 IS NULL", &o1, err, sizeof err);
    CHECK(r && json_integer_value(cell(r, 0, 0)) == 1);
    json_decref(r);
    /* every other spelling of a parameter, or a $k past n, is refused */
    CHECK(!run(c, "SELECT ?", &o1, err, sizeof err));
    CHECK(strstr(err, "{{name}}"));
    CHECK(!run(c, "SELECT :x", &o1, err, sizeof err));
    CHECK(!run(c, "SELECT $2", &o1, err, sizeof err));
    CHECK(!run(c, "SELECT ?1", &o1, err, sizeof err));
}

static void test_execute_caps(engine_conn_t *c)
{
    char err[512];
    engine_run_t o = {.max_rows = 2};
    json_t *r = run(c, "SELECT id FROM customers ORDER BY id", &o, err, sizeof err);
    CHECK(r && json_integer_value(json_object_get(r, "row_count")) == 2);
    CHECK(r && json_is_true(json_object_get(r, "truncated")));
    CHECK_STR(r ? json_string_value(json_object_get(r, "truncated_by")) : NULL, "rows");
    json_decref(r);
    o = (engine_run_t){.max_rows = 5};
    r = run(c, "SELECT id FROM orders", &o, err, sizeof err); /* exactly the cap: not truncated */
    CHECK(r && json_is_false(json_object_get(r, "truncated")));
    json_decref(r);
    /* 400 names of 8-10 bytes: 100 bytes hold about ten rows */
    o = (engine_run_t){.max_rows = 1000, .max_result_bytes = 100};
    r = run(c, "SELECT name FROM customers ORDER BY id", &o, err, sizeof err);
    CHECK(r && json_integer_value(json_object_get(r, "row_count")) < 15);
    CHECK(r && json_integer_value(json_object_get(r, "result_bytes")) <= 100);
    CHECK_STR(r ? json_string_value(json_object_get(r, "truncated_by")) : NULL, "bytes");
    json_decref(r);
    /* a long value is cut, on a UTF-8 boundary, and marked */
    o = (engine_run_t){.max_cell_bytes = 10};
    r = run(c, "SELECT 'ab' || replace(printf('%.20c', '-'), '-', 'é') AS long, 'short'", &o, err,
            sizeof err);
    CHECK(r != NULL);
    if (r) {
        const char *v = json_string_value(cell(r, 0, 0));
        CHECK(v && !strncmp(v, "abéééé" SQLSAFE_CUT_MARK "42 bytes, first 10 shown]", 60));
        CHECK_STR(json_string_value(cell(r, 0, 1)), "short");
        CHECK_INT(json_integer_value(json_object_get(r, "cells_cut")), 1);
    }
    json_decref(r);
}

static const char endless[] =
    "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) SELECT count(*) FROM r";

static void test_execute_timeout(engine_conn_t *c)
{
    char err[512];
    engine_run_t o = {.timeout_ms = 300};
    double t0 = now_s();
    CHECK(!run(c, endless, &o, err, sizeof err));
    CHECK_STR(err, "the query ran longer than 0.3 s and was cancelled");
    CHECK(now_s() - t0 < 3.0);
    CHECK(engine_sqlite.idle_ok(c));
    json_t *r = run(c, "SELECT 1", NULL, err, sizeof err); /* usable after */
    CHECK(r != NULL);
    json_decref(r);
}

typedef struct canceller {
    engine_cancel_t *k;
    int rc;
} canceller_t;

static void *cancel_later(void *ud)
{
    canceller_t *cn = ud;
    char err[128];
    usleep(200 * 1000);
    cn->rc = engine_sqlite.cancel(cn->k, err, sizeof err);
    return NULL;
}

static void test_execute_interrupt(engine_conn_t *c)
{
    char err[512];
    canceller_t cn = {.k = engine_sqlite.cancel_get(c), .rc = -1};
    pthread_t th;
    engine_run_t o = {.timeout_ms = 20000};
    double t0 = now_s();
    CHECK(cn.k != NULL);
    pthread_create(&th, NULL, cancel_later, &cn);
    CHECK(!run(c, endless, &o, err, sizeof err));
    pthread_join(th, NULL);
    CHECK_INT(cn.rc, 0);
    CHECK_STR(err, "the query was cancelled");
    CHECK(now_s() - t0 < 5.0);
    json_t *r = run(c, "SELECT 1", NULL, err, sizeof err);
    CHECK(r != NULL);
    json_decref(r);
    engine_sqlite.cancel_free(cn.k);
}

/* A cancel handle outliving its connection does nothing. */
static void test_cancel_after_close(void)
{
    char err[256];
    engine_conn_t *c = open_db("shop.db", err, sizeof err);
    engine_cancel_t *k = c ? engine_sqlite.cancel_get(c) : NULL;
    CHECK(k != NULL);
    engine_sqlite.close(c);
    CHECK_INT(engine_sqlite.cancel(k, err, sizeof err), -1);
    engine_sqlite.cancel_free(k);
}

static void refused(engine_conn_t *c, const char *sql, const char *words)
{
    char err[512] = "";
    json_t *r = run(c, sql, NULL, err, sizeof err);
    CHECK(r == NULL);
    if (!strstr(err, words))
        fprintf(stderr, "FAIL refusal of [%s]: [%s] lacks [%s]\n", sql, err, words);
    CHECK(strstr(err, words));
    json_decref(r);
}

static void test_authorizer(engine_conn_t *c)
{
    char err[512], attach[600];
    snprintf(attach, sizeof attach, "ATTACH '%s/other.db' AS o", dir);
    refused(c, attach, "ATTACH");
    refused(c, "DETACH main", "DETACH");
    refused(c, "PRAGMA writable_schema = 1", "PRAGMA writable_schema");
    refused(c, "PRAGMA table_info(orders)", "PRAGMA table_info");
    refused(c, "SELECT * FROM pragma_table_info('orders')", "not allowed");
    refused(c, "SELECT sql FROM sqlite_schema", "reading sqlite_");
    refused(c, "SELECT load_extension('/tmp/evil.so')", "function load_extension");
    refused(c, "SELECT randomblob(1000000000)", "function randomblob");
    refused(c, "SELECT sqlite_compileoption_used('THREADSAFE')", "function sqlite_compileoption_used");
    refused(c, "WITH x AS (SELECT 1) DELETE FROM orders", "DELETE on orders");
    refused(c, "WITH x AS (SELECT 1) INSERT INTO orders (id) SELECT 99 FROM x", "INSERT on orders");
    refused(c, "UPDATE orders SET total = 0", "UPDATE on orders");
    refused(c, "CREATE TABLE t (x)", "changing the schema");
    refused(c, "DROP TABLE orders", "changing the schema");
    refused(c, "BEGIN", "transaction control");
    refused(c, "SAVEPOINT a", "SAVEPOINT");
    refused(c, "VACUUM", "read-only");
    refused(c, "UPDATE sqlite_master SET sql = ''", "may not be modified");
    refused(c, "SELECT length(replace(printf('%.*c', 100000000, 'x'), 'x', 'xx'))", "too big");
    refused(c, "SELECT 1; SELECT 2", "only one statement");
    refused(c, "SELECT 1; DELETE FROM orders", "only one statement");
    /* an extra function an admin allowed for this connection runs */
    const char *extra[] = {"randomblob"};
    engine_run_t o = {.extra_functions = extra, .n_extra_functions = 1};
    json_t *r = run(c, "SELECT length(randomblob(4))", &o, err, sizeof err);
    CHECK(r && json_integer_value(cell(r, 0, 0)) == 4);
    json_decref(r);
    /* a table-valued function that is not a pragma is fine */
    r = run(c, "SELECT count(*) FROM json_each('[1, 2, 3]')", NULL, err, sizeof err);
    CHECK(r && json_integer_value(cell(r, 0, 0)) == 3);
    if (!r)
        fprintf(stderr, "  json_each: %s\n", err);
    json_decref(r);
    /* the file is as it was */
    r = run(c, "SELECT count(*), sum(total) FROM orders", NULL, err, sizeof err);
    CHECK(r && json_integer_value(cell(r, 0, 0)) == 5);
    json_decref(r);
}

/* Each wall holds without the ones in front of it: with the authorizer
 * off, sqlite3_stmt_readonly refuses a write; with that skipped too, the
 * read-only open does. The file is writable by this process all along. */
static void test_walls(void)
{
    char err[512], path[600];
    engine_conn_t *ec = open_db("shop.db", err, sizeof err);
    engine_sqlite_conn_t *c = (engine_sqlite_conn_t *)ec;
    snprintf(path, sizeof path, "%s/shop.db", dir);
    CHECK(c && access(path, W_OK) == 0);
    if (!c)
        return;
    sqlite3_set_authorizer(c->db, NULL, NULL);
    json_t *r = run(ec, "DELETE FROM orders", NULL, err, sizeof err);
    CHECK(r == NULL);
    CHECK(strstr(err, "only a read-only SELECT"));
    CHECK(sqlite3_exec(c->db, "DELETE FROM orders", NULL, NULL, NULL) == SQLITE_READONLY);
    CHECK(sqlite3_exec(c->db, "CREATE TABLE t (x)", NULL, NULL, NULL) == SQLITE_READONLY);
    char *msg = NULL;
    int rc = sqlite3_exec(c->db, "SELECT load_extension('/nonexistent')", NULL, NULL, &msg);
    CHECK(rc != SQLITE_OK && msg && strstr(msg, "not authorized"));
    sqlite3_free(msg);
    int attach = sqlite3_exec(c->db, "ATTACH ':memory:' AS m", NULL, NULL, NULL);
    CHECK(attach != SQLITE_OK);
    engine_sqlite.close(ec);
    ec = open_db("shop.db", err, sizeof err);
    r = ec ? run(ec, "SELECT count(*) FROM orders", NULL, err, sizeof err) : NULL;
    CHECK(r && json_integer_value(cell(r, 0, 0)) == 5);
    json_decref(r);
    engine_sqlite.close(ec);
}

static json_t *table_named(json_t *schema, const char *name)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(schema, "tables"), i, t)
        if (!strcmp(json_string_value(json_object_get(t, "name")), name))
            return t;
    return NULL;
}

static json_t *column_named(json_t *t, const char *name)
{
    size_t i;
    json_t *col;
    json_array_foreach(json_object_get(t, "columns"), i, col)
        if (!strcmp(json_string_value(json_object_get(col, "name")), name))
            return col;
    return NULL;
}

static void test_discover(engine_conn_t *c, json_t **out)
{
    char err[512];
    sqlsafe_discover_opts_t o = {.sample_values = 10, .sample_timeout_ms = 1000};
    json_t *s = NULL;
    CHECK_INT(engine_sqlite.discover(c, &o, &s, err, sizeof err), 0);
    if (!s)
        fprintf(stderr, "  discover: %s\n", err);
    *out = s;
    if (!s)
        return;
    json_t *tables = json_object_get(s, "tables");
    CHECK_INT(json_array_size(tables), 3);
    CHECK_STR(json_string_value(json_object_get(json_array_get(tables, 0), "name")), "big_orders");
    CHECK_STR(json_string_value(json_object_get(json_array_get(tables, 1), "name")), "customers");
    json_t *bo = table_named(s, "big_orders"), *cu = table_named(s, "customers"),
           *od = table_named(s, "orders");
    CHECK_STR(json_string_value(json_object_get(bo, "type")), "view");
    CHECK_STR(json_string_value(json_object_get(cu, "schema")), "main");
    CHECK_INT(json_integer_value(json_object_get(cu, "row_estimate")), 400);
    CHECK_INT(json_integer_value(json_object_get(bo, "row_estimate")), 2);
    json_t *id = column_named(cu, "id"), *country = column_named(cu, "country"),
           *email = column_named(cu, "email"), *fk = column_named(od, "customer_id");
    CHECK(json_is_true(json_object_get(id, "pk")));
    CHECK(json_is_false(json_object_get(id, "nullable")));
    CHECK_STR(json_string_value(json_object_get(id, "type")), "integer");
    CHECK_INT(json_integer_value(json_object_get(id, "ordinal")), 1);
    CHECK_STR(json_string_value(json_object_get(country, "type")), "varchar(40)");
    CHECK_INT(json_array_size(json_object_get(country, "samples")), 3);
    CHECK(json_real_value(json_object_get(country, "n_distinct")) == 3.0);
    CHECK(json_real_value(json_object_get(email, "n_distinct")) == -1.0);
    CHECK_INT(json_array_size(json_object_get(column_named(cu, "name"), "samples")), 0);
    CHECK_INT(json_array_size(json_object_get(column_named(cu, "vip"), "samples")), 0);
    CHECK_STR(json_string_value(json_object_get(json_object_get(fk, "fk"), "table")), "customers");
    CHECK_STR(json_string_value(json_object_get(json_object_get(fk, "fk"), "column")), "id");
    CHECK(json_is_null(json_object_get(column_named(od, "note"), "fk")));
    CHECK(json_is_array(json_object_get(column_named(od, "note"), "samples")));
    CHECK(json_object_get(column_named(od, "note"), "null_frac") != NULL);
    /* the span of the dates (ranges.c): a DATE and a TIMESTAMP column */
    engine_discover_ranges(&engine_sqlite, c, s);
    CHECK_STR(json_string_value(json_object_get(column_named(od, "ordered_on"), "min")), "2024-03-01");
    CHECK_STR(json_string_value(json_object_get(column_named(od, "ordered_on"), "max")), "2024-05-02");
    CHECK_STR(json_string_value(json_object_get(column_named(od, "shipped_at"), "max")), "2024-03-02");
    CHECK(json_object_get(column_named(od, "total"), "min") == NULL);
}

static void test_lookup(engine_conn_t *c, json_t *schema)
{
    char err[256];
    const char *phrases[] = {"person 7", "nobody"};
    int n = engine_sqlite.lookup_values(c, schema, phrases, 2, err, sizeof err);
    CHECK_INT(n, 1);
    json_t *samples = json_object_get(column_named(table_named(schema, "customers"), "name"),
                                      "samples");
    CHECK_STR(json_string_value(json_array_get(samples, 0)), "Person 7");
}

static int setup(void)
{
    char path[600];
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(dir, sizeof dir, "%s/dm_test_sqlite_%d", tmp, (int)getpid());
    snprintf(outside, sizeof outside, "%s/dm_test_sqlite_out_%d", tmp, (int)getpid());
    if (mkdir(dir, 0700) < 0 || mkdir(outside, 0700) < 0)
        return -1;
    snprintf(path, sizeof path, "%s/sub", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/shop.db", dir);
    if (make_db(path, shop_sql) < 0)
        return -1;
    snprintf(path, sizeof path, "%s/other.db", dir);
    if (make_db(path, "CREATE TABLE secret (x)") < 0)
        return -1;
    snprintf(path, sizeof path, "%s/elsewhere.db", outside);
    if (make_db(path, "CREATE TABLE secret (x)") < 0)
        return -1;
    char link[600];
    snprintf(link, sizeof link, "%s/link.db", dir);
    if (symlink(path, link) < 0)
        return -1;
    snprintf(path, sizeof path, "%s/notes.db", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs("not a database, only words, long enough to not be empty........................", f);
    fclose(f);
    conf.sqlite_dir = dir;
    cfg = &conf;
    return 0;
}

static void teardown(void)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", dir, outside);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

int main(void)
{
    char err[512];
    json_t *schema = NULL;
    if (setup() < 0) {
        fprintf(stderr, "test_sqlite_db: setup failed\n");
        teardown();
        return 1;
    }
    test_connect_refusals();
    engine_conn_t *c = open_db("shop.db", err, sizeof err);
    CHECK(c != NULL);
    if (c) {
        test_probe(c);
        test_execute_types(c);
        test_execute_everyday_sql(c);
        test_execute_params(c);
        test_execute_caps(c);
        test_execute_timeout(c);
        test_execute_interrupt(c);
        test_authorizer(c);
        test_discover(c, &schema);
        if (schema)
            test_lookup(c, schema);
        json_decref(schema);
        engine_sqlite.close(c);
    } else {
        fprintf(stderr, "connect: %s\n", err);
    }
    test_cancel_after_close();
    test_walls();
    teardown();
    return check_done("test_sqlite_db");
}
