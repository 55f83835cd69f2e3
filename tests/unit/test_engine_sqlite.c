/* test_engine_sqlite.c — the SQLite engine's policy (validate) and dialect.
 * The dialect's SQL is run on an in-memory SQLite here, so each piece is
 * checked for what it computes, not only for how it is spelled. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/sqlite_internal.h"

/* ---- validate ---------------------------------------------------------------- */

static void ok(const char *sql, int nparams, const char *stmt, const char *norm)
{
    sqlsafe_check_t c;
    char err[256] = "";
    int rc = engine_sqlite.validate(sql, strlen(sql), nparams, NULL, 0, &c, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc != 0) {
        fprintf(stderr, "  [%s]: %s\n", sql, err);
        return;
    }
    if (stmt)
        CHECK_STR(c.statement, stmt);
    if (norm)
        CHECK_STR(c.normalized, norm);
    CHECK(c.fingerprint && strlen(c.fingerprint) == 16);
    sqlsafe_check_free(&c);
}

static void rejected(const char *sql, int nparams, const char *words)
{
    sqlsafe_check_t c;
    char err[256] = "";
    int rc = engine_sqlite.validate(sql, strlen(sql), nparams, NULL, 0, &c, err, sizeof err);
    CHECK_INT(rc, -1);
    if (!strstr(err, words))
        fprintf(stderr, "FAIL [%s]: [%s] lacks [%s]\n", sql, err, words);
    CHECK(strstr(err, words));
    CHECK(c.statement == NULL);
}

static void test_validate(void)
{
    ok("SELECT 1", 0, "SELECT 1", "SELECT ?");
    ok("  -- why\n select a, 'x' from t where b = 42.5; ", 0,
       "select a, 'x' from t where b = 42.5", "select a, ? from t where b = ?");
    ok("WITH x AS (SELECT 1 AS a) SELECT a FROM x;;", 0, NULL, NULL);
    ok("VALUES (1, 2), (3, 4)", 0, NULL, NULL);
    ok("select \"a;b\", [c d], `e` from t /* ; */", 0, NULL, NULL);
    ok("SELECT x'00ff', 1e5, 0x1F", 0, NULL, "SELECT ?, ?, ?");
    ok("SELECT * FROM t WHERE a = $1 AND b = $2 OR c = $1", 2, NULL, NULL);
    ok("SELECT replace(name, 'a', 'b') FROM t", 0, NULL, NULL);
    ok("SELECT 1 -- a comment at the end", 0, "SELECT 1", NULL);
    ok("SELECT ';' AS semi", 0, "SELECT ';' AS semi", NULL);

    rejected("SELECT 1; SELECT 2", 0, "only one statement");
    rejected("SELECT 1; DROP TABLE t", 0, "only one statement");
    rejected("", 0, "no statement");
    rejected(" ; -- nothing", 0, "no statement");
    rejected("DELETE FROM t", 0, "not DELETE");
    rejected("PRAGMA writable_schema = 1", 0, "not PRAGMA");
    rejected("ATTACH 'x.db' AS x", 0, "not ATTACH");
    rejected("WITH x AS (SELECT 1) DELETE FROM t", 0, "writes (DELETE)");
    rejected("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", 0, "writes (INSERT)");
    rejected("WITH x AS (SELECT 1) REPLACE INTO t SELECT * FROM x", 0, "REPLACE INTO");
    rejected("SELECT 'open", 0, "not closed");
    rejected("SELECT \"open", 0, "not closed");
    rejected("SELECT (1", 0, "not closed");
    rejected("SELECT 1)", 0, "missing");
    rejected("SELECT 1 FROM t WHERE a IN (1, 2", 0, "parentheses");
    rejected("SELECT ?", 0, "parameter ?");
    rejected("SELECT ?1", 1, "parameter ?1");
    rejected("SELECT :name", 0, "parameter :name");
    rejected("SELECT @name", 0, "parameter @name");
    rejected("SELECT $name", 0, "parameter $name");
    rejected("SELECT $3", 2, "parameter $3");
    rejected("SELECT $01", 2, "parameter $01");
    char *big = malloc(SQLSAFE_MAX_BYTES + 20);
    memset(big, ' ', SQLSAFE_MAX_BYTES + 19);
    memcpy(big, "SELECT 1", 8);
    big[SQLSAFE_MAX_BYTES + 19] = '\0';
    rejected(big, 0, "longer than");
    free(big);
    sqlsafe_check_t c;
    char err[128];
    CHECK_INT(engine_sqlite.validate("SELECT 1\0; x", 12, 0, NULL, 0, &c, err, sizeof err), -1);

    /* the same query spelled differently has one fingerprint */
    sqlsafe_check_t a, b;
    CHECK_INT(engine_sqlite.validate("select a from t where b = 1", 27, 0, NULL, 0, &a, err, sizeof err), 0);
    CHECK_INT(engine_sqlite.validate("SELECT a  FROM t WHERE b = 2", 28, 0, NULL, 0, &b, err, sizeof err), 0);
    CHECK_STR(a.fingerprint, b.fingerprint);
    sqlsafe_check_free(&a);
    sqlsafe_check_free(&b);
}

static void test_functions(void)
{
    CHECK(engine_sqlite_function_allowed("count"));
    CHECK(engine_sqlite_function_allowed("STRFTIME"));
    CHECK(engine_sqlite_function_allowed("json_extract"));
    CHECK(!engine_sqlite_function_allowed("load_extension"));
    CHECK(!engine_sqlite_function_allowed("fts3_tokenizer"));
    CHECK(!engine_sqlite_function_allowed("zeroblob"));
    CHECK(!engine_sqlite_function_allowed("sqlite_compileoption_get"));
    CHECK(!engine_sqlite_function_allowed(NULL));
    for (size_t i = 1; engine_sqlite_function_at(i); i++)
        CHECK(strcmp(engine_sqlite_function_at(i - 1), engine_sqlite_function_at(i)) < 0);
}

/* ---- the dialect, run on SQLite ------------------------------------------------ */

static sqlite3 *mem;

/* The one value of SELECT <expr>, as text ("NULL" for NULL). */
static char *eval(const char *expr)
{
    static char out[256];
    sqlite3_stmt *st = NULL;
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT %s", expr);
    snprintf(out, sizeof out, "(error)");
    if (sqlite3_prepare_v2(mem, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "  cannot run [%s]: %s\n", sql, sqlite3_errmsg(mem));
        return out;
    }
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        snprintf(out, sizeof out, "%s", v ? (const char *)v : "NULL");
    }
    sqlite3_finalize(st);
    return out;
}

static const engine_dialect_t *d = &engine_sqlite_dialect;

static void check_trunc(engine_grain_t g, const char *day, const char *want)
{
    buf_t b = {0};
    char lit[64];
    snprintf(lit, sizeof lit, "'%s'", day);
    d->date_trunc(&b, g, lit);
    CHECK_STR(eval(buf_str(&b)), want);
    buf_free(&b);
}

static void check_part(const char *part, const char *day, const char *want)
{
    buf_t b = {0};
    char lit[64];
    snprintf(lit, sizeof lit, "'%s'", day);
    d->date_part(&b, part, lit);
    CHECK_STR(eval(buf_str(&b)), want);
    buf_free(&b);
}

static void test_dialect(void)
{
    buf_t b = {0};
    d->quote_ident(&b, "we\"ird name");
    CHECK_STR(buf_str(&b), "\"we\"\"ird name\"");
    buf_reset(&b);
    d->quote_literal(&b, "it's");
    CHECK_STR(buf_str(&b), "'it''s'");
    CHECK_STR(eval(buf_str(&b)), "it's");

    check_trunc(ENGINE_DAY, "2024-05-17 13:45:00", "2024-05-17");
    check_trunc(ENGINE_WEEK, "2024-05-17", "2024-05-13");  /* a Friday: Monday 13th */
    check_trunc(ENGINE_WEEK, "2024-05-13", "2024-05-13");  /* a Monday stays */
    check_trunc(ENGINE_WEEK, "2024-05-19", "2024-05-13");  /* a Sunday goes back */
    check_trunc(ENGINE_MONTH, "2024-05-17", "2024-05-01");
    check_trunc(ENGINE_QUARTER, "2024-05-17", "2024-04-01");
    check_trunc(ENGINE_QUARTER, "2024-01-31", "2024-01-01");
    check_trunc(ENGINE_QUARTER, "2024-12-01 08:00", "2024-10-01");
    check_trunc(ENGINE_YEAR, "2024-05-17", "2024-01-01");

    check_part("year", "2024-05-17", "2024");
    check_part("month", "2024-05-17", "5");
    check_part("quarter", "2024-05-17", "2");
    check_part("quarter", "2024-12-31", "4");
    check_part("day", "2024-05-07", "7");
    check_part("dow", "2024-05-13", "1");  /* Monday */
    check_part("dow", "2024-05-19", "7");  /* Sunday */

    buf_reset(&b);
    d->date_add(&b, "'2024-01-31'", '+', 1, "month");
    CHECK_STR(eval(buf_str(&b)), "2024-03-02"); /* SQLite normalizes Feb 31st forward */
    buf_reset(&b);
    d->date_add(&b, "'2024-03-10'", '-', 30, "day");
    CHECK_STR(eval(buf_str(&b)), "2024-02-09");
    buf_reset(&b);
    d->date_add(&b, "'2024-03-10'", '-', 2, "year");
    CHECK_STR(eval(buf_str(&b)), "2022-03-10");
    buf_reset(&b);
    d->days_between(&b, "'2024-03-01'", "'2024-03-31 23:00'");
    CHECK_STR(eval(buf_str(&b)), "30");
    buf_reset(&b);
    d->ilike(&b, "'Widget Pro'", "'widget%'");
    CHECK_STR(eval(buf_str(&b)), "1");
    buf_reset(&b);
    d->ilike(&b, "'50%'", "'50\\%'"); /* the planner's \ escapes */
    CHECK_STR(eval(buf_str(&b)), "1");
    buf_reset(&b);
    d->ilike(&b, "'500'", "'50\\%'");
    CHECK_STR(eval(buf_str(&b)), "0");
    buf_reset(&b);
    d->order_nulls_last(&b, "x", 1);
    CHECK_STR(buf_str(&b), "x DESC NULLS LAST");
    CHECK_STR(eval("group_concat(coalesce(x, 'n'), ',') FROM (SELECT column1 AS x FROM"
                   " (VALUES (2), (NULL), (1)) ORDER BY x ASC NULLS LAST)"), "1,2,n");
    buf_reset(&b);
    d->cast(&b, "'12'", "integer");
    CHECK_STR(buf_str(&b), "CAST('12' AS INTEGER)");
    buf_reset(&b);
    d->cast(&b, "'2024-05-17 10:00'", "date");
    CHECK_STR(eval(buf_str(&b)), "2024-05-17");
    buf_reset(&b);
    d->cast(&b, "'1.5'", "float");
    CHECK_STR(eval(buf_str(&b)), "1.5");
    buf_reset(&b);
    d->agg_if(&b, "count", NULL, "x > 1");
    CHECK_STR(buf_str(&b), "count(*) FILTER (WHERE x > 1)");
    buf_reset(&b);
    d->agg_if(&b, "sum", "x", "x > 1");
    buf_t q = {0};
    buf_printf(&q, "%s FROM (SELECT column1 AS x FROM (VALUES (1), (2), (3)))", buf_str(&b));
    CHECK_STR(eval(buf_str(&q)), "5");
    buf_free(&q);
    CHECK_STR(eval(d->today), eval("date('now')"));
    CHECK(strlen(eval(d->now)) == 19);
    CHECK_INT(d->has_median, 0);
    CHECK_INT(d->has_grouping_sets, 0);
    CHECK_INT(d->has_full_join, 1);
    CHECK_STR(eval("count(*) FROM (SELECT 1 AS a) x FULL OUTER JOIN (SELECT 2 AS a) y ON x.a = y.a"), "2");
    buf_free(&b);
}

static void test_engine_table(void)
{
    CHECK_INT(engine_sqlite.kind, ENGINE_SQLITE);
    CHECK_STR(engine_sqlite.name, "sqlite");
    CHECK_STR(engine_sqlite.label, "SQLite");
    CHECK_INT(engine_sqlite.default_port, 0);
    CHECK(engine_sqlite.dialect == &engine_sqlite_dialect);
    CHECK(engine_sqlite.explain == NULL);
}

static void test_decl_kinds(void)
{
    CHECK_STR(engine_sqlite_decl_kind("INTEGER"), "integer");
    CHECK_STR(engine_sqlite_decl_kind("bigint"), "integer");
    CHECK_STR(engine_sqlite_decl_kind("NUMERIC(10,2)"), "number");
    CHECK_STR(engine_sqlite_decl_kind("double precision"), "number");
    CHECK_STR(engine_sqlite_decl_kind("VARCHAR(40)"), "text");
    CHECK_STR(engine_sqlite_decl_kind("DATE"), "date");
    CHECK_STR(engine_sqlite_decl_kind("DATETIME"), "timestamp");
    CHECK_STR(engine_sqlite_decl_kind("timestamp with time zone"), "timestamp");
    CHECK_STR(engine_sqlite_decl_kind("BOOLEAN"), "boolean");
    CHECK_STR(engine_sqlite_decl_kind("blob"), "text");
    CHECK(engine_sqlite_decl_kind("") == NULL);
    CHECK(engine_sqlite_decl_kind(NULL) == NULL);
}

int main(void)
{
    test_validate();
    test_functions();
    test_engine_table();
    test_decl_kinds();
    if (sqlite3_open(":memory:", &mem) != SQLITE_OK)
        return 1;
    test_dialect();
    sqlite3_close(mem);
    return check_done("test_engine_sqlite");
}
