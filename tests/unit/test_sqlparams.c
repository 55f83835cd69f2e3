/* test_sqlparams.c — {{name}} parameters rewritten to $k (sqlsafe/params.c)
 * and the validator accepting exactly the placeholders the rewrite made. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pg_query.h>

#include "check.h"
#include "core/arena.h"
#include "query/query.h"
#include "sqlsafe/sqlsafe.h"

/* Rewrite sql; want the result and the names, comma-separated. */
static void rewrites(const char *sql, const char *want_sql, const char *want_names)
{
    sqlsafe_params_t p;
    char err[256], names[512] = "";
    int rc = sqlsafe_params_rewrite(sql, strlen(sql), &p, err, sizeof err);
    check_one(rc == 0, __FILE__, __LINE__, sql, rc ? err : "ok", "ok");
    if (rc < 0)
        return;
    for (size_t k = 0; k < p.n; k++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", k ? "," : "",
                 p.names[k]);
    CHECK_STR(p.sql, want_sql);
    CHECK_STR(names, want_names);
    sqlsafe_params_free(&p);
}

static void refuses(const char *sql, const char *want)
{
    sqlsafe_params_t p;
    char err[256];
    int rc = sqlsafe_params_rewrite(sql, strlen(sql), &p, err, sizeof err);
    check_one(rc == -1 && strstr(err, want) != NULL, __FILE__, __LINE__, sql,
              rc ? err : "(accepted)", want);
    CHECK(p.sql == NULL && p.n == 0);
    sqlsafe_params_free(&p);
}

static void test_rewrite(void)
{
    rewrites("SELECT 1", "SELECT 1", "");
    rewrites("SELECT * FROM t WHERE region = {{region}}", "SELECT * FROM t WHERE region = $1",
             "region");
    /* spaces inside the braces, repeated names share one placeholder */
    rewrites("SELECT {{ a }}, {{b}}, {{a}}", "SELECT $1, $2, $1", "a,b");
    /* a word next to the braces is kept apart from the placeholder */
    rewrites("SELECT x{{a}}y", "SELECT x $1 y", "a");
    rewrites("SELECT 1 WHERE d >= {{start}}::date", "SELECT 1 WHERE d >= $1::date", "start");
    /* literals, quoted identifiers, comments, dollar quotes: untouched */
    rewrites("SELECT '{{a}}', {{b}}", "SELECT '{{a}}', $1", "b");
    rewrites("SELECT 'it''s {{a}}' || {{b}}", "SELECT 'it''s {{a}}' || $1", "b");
    rewrites("SELECT E'\\' {{a}}', {{b}}", "SELECT E'\\' {{a}}', $1", "b");
    rewrites("SELECT \"{{a}}\" FROM t", "SELECT \"{{a}}\" FROM t", "");
    rewrites("SELECT 1 -- {{a}}\n, {{b}}", "SELECT 1 -- {{a}}\n, $1", "b");
    rewrites("SELECT /* {{a}} /* nested */ {{c}} */ {{b}}",
             "SELECT /* {{a}} /* nested */ {{c}} */ $1", "b");
    rewrites("SELECT $$ {{a}} $$, $tag$ {{a}} $$ $tag$, {{b}}",
             "SELECT $$ {{a}} $$, $tag$ {{a}} $$ $tag$, $1", "b");
    rewrites("SELECT '{' || {{a}} || '}'", "SELECT '{' || $1 || '}'", "a");
    /* an identifier with a $ in it is not a positional parameter */
    rewrites("SELECT a$1 FROM t", "SELECT a$1 FROM t", "");
}

static void test_refuses(void)
{
    refuses("SELECT {{}}", "not a name");
    refuses("SELECT {{1abc}}", "not a name");
    refuses("SELECT {{a b}}", "not a name");
    refuses("SELECT {{a-b}}", "not a name");
    refuses("SELECT {{a;DROP TABLE t}}", "not a name");
    refuses("SELECT {{a", "without its }}");
    refuses("SELECT 1\nWHERE {{a} = 1", "line 2");
    refuses("SELECT $1", "name a parameter {{name}} instead");
    char longname[200] = "SELECT {{";
    memset(longname + 9, 'a', 80);
    strcpy(longname + 89, "}}");
    refuses(longname, "longer than 63");
    char many[2048] = "SELECT ";
    for (int i = 0; i <= SQLSAFE_MAX_PARAMS; i++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "{{p%d}},", i);
    many[strlen(many) - 1] = '\0';
    refuses(many, "more than 32");
}

/* The validator takes the rewritten SQL: $1..$n, nothing past n. */
static void test_validate(void)
{
    sqlsafe_params_t p;
    sqlsafe_check_t c;
    char err[256];
    const char *sql = "SELECT * FROM orders WHERE region = {{region}} AND total > {{min}}";
    CHECK_INT(sqlsafe_params_rewrite(sql, strlen(sql), &p, err, sizeof err), 0);
    CHECK_INT(sqlsafe_validate_params(p.sql, strlen(p.sql), (int)p.n, NULL, 0, &c, err, sizeof err), 0);
    CHECK_STR(c.statement, "SELECT * FROM orders WHERE region = $1 AND total > $2");
    sqlsafe_check_free(&c);
    CHECK_INT(sqlsafe_validate_params(p.sql, strlen(p.sql), 1, NULL, 0, &c, err, sizeof err), -1);
    CHECK(strstr(err, "$2") != NULL);
    CHECK_INT(sqlsafe_validate(p.sql, strlen(p.sql), NULL, 0, &c, err, sizeof err), -1);
    sqlsafe_params_free(&p);
    /* the rewritten SQL is still checked like any other */
    sql = "SELECT pg_sleep({{s}})";
    CHECK_INT(sqlsafe_params_rewrite(sql, strlen(sql), &p, err, sizeof err), 0);
    CHECK_INT(sqlsafe_validate_params(p.sql, strlen(p.sql), (int)p.n, NULL, 0, &c, err, sizeof err), -1);
    CHECK(strstr(err, "pg_sleep") != NULL);
    sqlsafe_params_free(&p);
}

/* query_params_same: what a saved query's last result may be (the same
 * SQL bound to the same types and values); query_params_decl of stored text. */
static void test_same(void)
{
    arena_t *a = arena_new();
    const char *sql = "SELECT {{tag}}::text, {{n}}";
    json_t *x = json_loads("[{\"name\":\"tag\",\"type\":\"text\",\"value\":\"a\"},"
                           "{\"name\":\"n\",\"type\":\"number\",\"value\":\"2\"}]", 0, NULL);
    /* the same values in another order, with a list's column: the same run */
    json_t *y = json_loads("[{\"name\":\"n\",\"type\":\"number\",\"value\":\"2\"},"
                           "{\"name\":\"tag\",\"type\":\"text\",\"value\":\"a\","
                           "\"column\":\"t.c\"}]", 0, NULL);
    json_t *other = json_loads("[{\"name\":\"tag\",\"type\":\"text\",\"value\":\"b\"},"
                               "{\"name\":\"n\",\"type\":\"number\",\"value\":\"2\"}]", 0, NULL);
    json_t *typed = json_loads("[{\"name\":\"tag\",\"type\":\"text\",\"value\":\"a\"},"
                               "{\"name\":\"n\",\"type\":\"text\",\"value\":\"2\"}]", 0, NULL);
    CHECK_INT(query_params_same(a, sql, x, y), 1);
    CHECK_INT(query_params_same(a, sql, x, other), 0);
    CHECK_INT(query_params_same(a, sql, x, typed), 0);
    CHECK_INT(query_params_same(a, sql, x, NULL), 0);   /* a value missing: never the same */
    CHECK_INT(query_params_same(a, "SELECT 1", NULL, NULL), 1);
    CHECK_INT((int)json_array_size(query_params_decl(a, NULL)), 0);
    CHECK_INT((int)json_array_size(query_params_decl(a, "{\"not\":\"an array\"}")), 0);
    CHECK_INT((int)json_array_size(query_params_decl(a, "[{\"name\":\"x\"}]")), 1);
    json_decref(x);
    json_decref(y);
    json_decref(other);
    json_decref(typed);
    arena_free(a);
}

int main(void)
{
    test_rewrite();
    test_refuses();
    test_validate();
    test_same();
    pg_query_exit();
    return check_done("test_sqlparams");
}
