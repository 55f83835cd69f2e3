/* test_sqlsafe.c — the SQL validator: cases from the issue, bypass attempts,
 * and two corpora.
 *
 * usage: test_sqlsafe [HOSTILE.sql [GOOD.sql]]
 * (defaults tests/security/sqlsafe_hostile.sql, tests/unit/sqlsafe_good.sql).
 * Every entry of HOSTILE must be rejected, every entry of GOOD accepted.
 * SQLSAFE_VERBOSE=1 prints each corpus verdict. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pg_query.h>

#include "check.h"
#include "core/buf.h"
#include "core/mem.h"
#include "sqlsafe/sqlsafe.h"

#define SEP "-- ---"

static int verbose;

/* Validate sql; returns rc, err filled. */
static int run(const char *sql, size_t len, const char *const *extra, size_t n_extra,
               char *err, size_t errlen, sqlsafe_check_t *out)
{
    int rc = sqlsafe_validate(sql, len, extra, n_extra, out, err, errlen);
    if (rc < 0) {
        CHECK(out->normalized == NULL && out->fingerprint == NULL && out->statement == NULL);
        CHECK(err[0] != '\0');
    }
    return rc;
}

static void accepts(const char *sql)
{
    sqlsafe_check_t c;
    char err[256];
    int rc = run(sql, strlen(sql), NULL, 0, err, sizeof err, &c);

    check_one(rc == 0, __FILE__, __LINE__, sql, rc ? err : "ok", "ok");
    if (rc == 0) {
        CHECK(c.normalized && c.fingerprint && c.statement);
        CHECK(strlen(c.fingerprint) == 16);
    }
    sqlsafe_check_free(&c);
}

/* Rejected, and err contains want. */
static void rejects(const char *sql, const char *want)
{
    sqlsafe_check_t c;
    char err[256];
    int rc = run(sql, strlen(sql), NULL, 0, err, sizeof err, &c);

    check_one(rc == -1 && strstr(err, want) != NULL, __FILE__, __LINE__, sql,
              rc ? err : "(accepted)", want);
    sqlsafe_check_free(&c);
}

/* Rejected with exactly this reason. */
static void rejects_exactly(const char *sql, const char *want)
{
    sqlsafe_check_t c;
    char err[256];
    int rc = run(sql, strlen(sql), NULL, 0, err, sizeof err, &c);

    CHECK_INT(rc, -1);
    CHECK_STR(err, want);
    sqlsafe_check_free(&c);
}

static void test_issue_rejects(void)
{
    rejects_exactly("DELETE FROM t", "is a DELETE statement; only SELECT is allowed");
    rejects_exactly("SELECT 1; DROP TABLE t",
                    "has 2 statements (SELECT; DROP TABLE); only one is allowed");
    rejects_exactly("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
                    "contains a DELETE statement; only SELECT is allowed, in WITH and "
                    "sub-queries too");
    rejects_exactly("SELECT * INTO t2 FROM t", "uses SELECT INTO, which creates a table");
    rejects_exactly("SELECT * FROM t FOR UPDATE",
                    "uses FOR UPDATE, which locks rows; locking clauses are not allowed");
    rejects_exactly("SELECT pg_sleep(10)",
                    "calls pg_sleep, which is not on the allowed function list");
    rejects_exactly("SELECT \"PG_CATALOG\".\"pg_sleep\"(1)",
                    "calls \"PG_CATALOG\".pg_sleep, which is not on the allowed function list");
    rejects("SELECT pg_catalog.pg_sleep(1)", "calls pg_catalog.pg_sleep, which is not");
    rejects("SELECT PG_CATALOG.PG_SLEEP(1)", "calls pg_catalog.pg_sleep, which is not");
    rejects("SELECT pg_read_file('/etc/passwd')", "calls pg_read_file, which is not");
    rejects("SELECT lo_import('/etc/passwd')", "calls lo_import, which is not");
    rejects("SELECT set_config('x','y',false)", "calls set_config, which is not");
    rejects_exactly("SELECT U&\"\\0070g_sleep\"(1)",
                    "calls pg_sleep, which is not on the allowed function list");
    rejects_exactly("SELECT query FROM pg_stat_activity",
                    "reads pg_stat_activity; system relations (pg_*) are off limits");
    rejects_exactly("SELECT 1; COMMIT; DELETE FROM t",
                    "has 3 statements (SELECT; COMMIT; DELETE); only one is allowed");
    rejects_exactly("SET TRANSACTION READ WRITE; UPDATE t SET x=1",
                    "has 2 statements (SET; UPDATE); only one is allowed");
    rejects_exactly("SELECT query_to_xml('delete from t', true, true, '')",
                    "calls query_to_xml, which is not on the allowed function list");
    rejects_exactly("COPY (SELECT 1) TO PROGRAM 'id'",
                    "is a COPY statement; only SELECT is allowed");
    rejects_exactly("EXPLAIN ANALYZE DELETE FROM t",
                    "is an EXPLAIN statement; only SELECT is allowed");
    rejects_exactly("SET ROLE postgres", "is a SET statement; only SELECT is allowed");
    rejects_exactly("BEGIN", "is a BEGIN statement; only SELECT is allowed");
    rejects_exactly("", "empty query");
}

static void test_raw_input(void)
{
    sqlsafe_check_t c;
    char err[256];
    size_t big = 1024 * 1024;
    char *mb = xmalloc(big);

    memset(mb, ' ', big);
    memcpy(mb, "SELECT 1", 8);
    CHECK_INT(run(mb, big, NULL, 0, err, sizeof err, &c), -1);
    CHECK_STR(err, "query is 1048576 bytes long; the limit is 102400");
    free(mb);

    CHECK_INT(run("SELECT 1\0; DROP TABLE t", 23, NULL, 0, err, sizeof err, &c), -1);
    CHECK_STR(err, "contains a NUL byte at offset 8");
    CHECK_INT(run("SELECT '\xff'", 10, NULL, 0, err, sizeof err, &c), -1);
    CHECK_STR(err, "is not valid UTF-8 (at byte offset 8)");
    rejects("SELECT '\xc0\xaf'", "is not valid UTF-8");       /* overlong '/' */
    rejects("SELECT '\xed\xa0\x80'", "is not valid UTF-8");   /* surrogate */
    rejects("SELECT '\xf4\x90\x80\x80'", "is not valid UTF-8"); /* > U+10FFFF */
    rejects("SELECT 'caf\xc3", "is not valid UTF-8");          /* truncated */
    accepts("SELECT 'café ☕ 𝄞' AS s");
    CHECK_INT(run(NULL, 0, NULL, 0, err, sizeof err, &c), -1);
    CHECK_STR(err, "empty query");
    rejects_exactly("   \n\t ", "empty query");
    rejects_exactly("-- just a comment", "empty query");
    rejects_exactly("/* only */ ; ;", "empty query");
    rejects_exactly("SELECT 1 /* never closed", "has an unterminated /* comment");
    rejects_exactly("SELECT 'never closed", "has an unterminated string literal");
    rejects_exactly("SELECT $$never closed", "has an unterminated dollar-quoted string");
    rejects_exactly("SELEC 1", "syntax error at or near \"SELEC\" (at character 1)");
    rejects("  /* é */ SELECT FROM WHERE", "(at character 23)");
}

static void test_nesting(void)
{
    buf_t b = {0};

    buf_puts(&b, "SELECT ");
    for (int i = 0; i < 10000; i++)
        buf_putc(&b, '(');
    buf_putc(&b, '1');
    for (int i = 0; i < 10000; i++)
        buf_putc(&b, ')');
    rejects_exactly(buf_str(&b), "nests brackets 10000 deep; the limit is 100");

    buf_reset(&b);
    buf_puts(&b, "SELECT ");
    for (int i = 0; i < 100; i++)
        buf_puts(&b, "abs(");
    buf_putc(&b, '1');
    for (int i = 0; i < 100; i++)
        buf_putc(&b, ')');
    accepts(buf_str(&b));                       /* exactly at the limit */

    buf_reset(&b);                              /* parentheses in strings don't count */
    buf_puts(&b, "SELECT '");
    for (int i = 0; i < 500; i++)
        buf_putc(&b, '(');
    buf_puts(&b, "' AS s -- ((((((((((((");
    accepts(buf_str(&b));

    buf_reset(&b);                              /* a chain nests without brackets */
    buf_puts(&b, "SELECT 1");
    for (int i = 0; i < 30000; i++)
        buf_puts(&b, "+1");
    rejects(buf_str(&b), "is nested too deeply");

    buf_reset(&b);
    buf_puts(&b, "SELECT 1");
    for (int i = 0; i < 5000; i++)
        buf_puts(&b, " UNION SELECT 1");
    rejects(buf_str(&b), "is nested too deeply");

    buf_reset(&b);
    buf_puts(&b, "SELECT ");
    for (int i = 0; i < 20000; i++)
        buf_puts(&b, "NOT ");
    buf_puts(&b, "true");
    rejects(buf_str(&b), "memory exhausted");  /* bison's own stack limit */
    buf_free(&b);
}

static void test_statements(void)
{
    rejects_exactly("SELECT 1;\n-- DROP comment\nDROP TABLE t",
                    "has 2 statements (SELECT; DROP TABLE); only one is allowed");
    rejects_exactly("SELECT 1; -- \nDROP TABLE t",
                    "has 2 statements (SELECT; DROP TABLE); only one is allowed");
    rejects("SELECT 1 /* ; */ ; DELETE FROM t", "has 2 statements (SELECT; DELETE)");
    rejects_exactly("COMMIT", "is a COMMIT statement; only SELECT is allowed");
    rejects_exactly("START TRANSACTION READ WRITE",
                    "is a START TRANSACTION statement; only SELECT is allowed");
    rejects_exactly("RESET ALL", "is a RESET statement; only SELECT is allowed");
    rejects_exactly("INSERT INTO t VALUES (1)", "is an INSERT statement; only SELECT is allowed");
    rejects_exactly("UPDATE t SET x = 1", "is an UPDATE statement; only SELECT is allowed");
    rejects_exactly("DROP TABLE t", "is a DROP TABLE statement; only SELECT is allowed");
    rejects("DROP VIEW v", "is a DROP VIEW statement");
    rejects("CALL p()", "is a CALL statement");
    rejects("DO $$ BEGIN END $$", "is a DO statement");
    rejects("LISTEN ch", "is a LISTEN statement");
    rejects("NOTIFY ch", "is a NOTIFY statement");
    rejects("LOCK TABLE t", "is a LOCK statement");
    rejects("PREPARE p AS SELECT 1", "is a PREPARE statement");
    rejects("EXECUTE p", "is an EXECUTE statement");
    rejects("DECLARE c CURSOR FOR SELECT 1", "is a DECLARE CURSOR statement");
    rejects("CREATE TABLE t2 AS SELECT 1", "is a CREATE TABLE AS statement");
    rejects("MERGE INTO t USING u ON true WHEN MATCHED THEN DELETE", "is a MERGE statement");
    rejects("SHOW ALL", "is a SHOW statement");
    rejects("ALTER SYSTEM SET fsync = off", "is an ALTER SYSTEM statement");
    rejects("WITH u AS (UPDATE t SET x = 1 RETURNING *) SELECT * FROM u",
            "contains an UPDATE statement");
    rejects("SELECT * FROM (WITH i AS (INSERT INTO t VALUES (1) RETURNING *) "
            "SELECT * FROM i) s", "contains an INSERT statement");
    rejects("SELECT * INTO TEMP t2 FROM t", "uses SELECT INTO");
    rejects("SELECT * FROM t FOR SHARE", "uses FOR SHARE, which locks rows");
    rejects("SELECT * FROM t FOR NO KEY UPDATE", "uses FOR NO KEY UPDATE,");
    rejects("SELECT * FROM t FOR KEY SHARE SKIP LOCKED", "uses FOR KEY SHARE,");
    rejects("SELECT * FROM (SELECT * FROM t FOR UPDATE) s", "uses FOR UPDATE");
    rejects("WITH l AS (SELECT * FROM t FOR UPDATE) SELECT * FROM l", "uses FOR UPDATE");
    rejects("SELECT 1 UNION (SELECT 1 FROM t FOR UPDATE)", "uses FOR UPDATE");
    rejects_exactly("SELECT * FROM t WHERE x = $1",
                    "uses the parameter $1, which nothing supplies");
}

static void test_functions_rejected(void)
{
    rejects_exactly("SELECT public.lower('x')",
                    "calls public.lower; only pg_catalog may qualify a function name");
    rejects("SELECT public.pg_sleep(1)", "calls public.pg_sleep, which is not");
    rejects("SELECT \"pg_catalog\".pg_read_file('x')", "calls pg_catalog.pg_read_file");
    rejects("SELECT U&\"\\0070g_catalog\".U&\"pg_\\0073leep\"(1)",
            "calls pg_catalog.pg_sleep, which is not");
    rejects("SELECT \"Lower\"('x')", "calls \"Lower\", which is not");
    rejects("SELECT db.pg_catalog.lower('x')", "calls db.pg_catalog.lower; only pg_catalog");
    rejects("SELECT x FROM t ORDER BY pg_sleep(1)", "calls pg_sleep");
    rejects("SELECT x FROM t GROUP BY x HAVING pg_sleep(1) IS NULL", "calls pg_sleep");
    rejects("SELECT sum(x) FILTER (WHERE pg_sleep(1) IS NULL) FROM t", "calls pg_sleep");
    rejects("SELECT row_number() OVER (PARTITION BY pg_sleep(1)) FROM t", "calls pg_sleep");
    rejects("SELECT * FROM t, LATERAL pg_sleep(1)", "calls pg_sleep");
    rejects("SELECT * FROM (VALUES (pg_sleep(1))) v(x)", "calls pg_sleep");
    rejects("SELECT * FROM ROWS FROM (generate_series(1,2), pg_sleep(1)) r", "calls pg_sleep");
    rejects("SELECT coalesce(NULL, pg_sleep(1))", "calls pg_sleep");
    rejects("SELECT greatest(1, nullif(2, pg_sleep(1)::int))", "calls pg_sleep");
    rejects("SELECT 1 LIMIT (SELECT pg_sleep(1))::int", "calls pg_sleep");
    rejects("SELECT ARRAY(SELECT pg_sleep(1))", "calls pg_sleep");
    rejects("SELECT ROW(pg_sleep(1))", "calls pg_sleep");
    rejects("SELECT x COLLATE \"C\" FROM t WHERE x IN (SELECT pg_sleep(1)::text)",
            "calls pg_sleep");
    rejects("SELECT * FROM xmltable('/r' PASSING CAST(pg_read_file('x') AS xml) COLUMNS a int)",
            "calls pg_read_file");
    rejects("SELECT table_to_xml('t', true, true, '')", "calls table_to_xml");
    rejects("SELECT cursor_to_xml('c', 1, true, true, '')", "calls cursor_to_xml");
    rejects("SELECT database_to_xml(true, true, '')", "calls database_to_xml");
    rejects("SELECT query_to_xmlschema('select 1', true, true, '')", "calls query_to_xmlschema");
    rejects("SELECT pg_advisory_lock(1)", "calls pg_advisory_lock");
    rejects("SELECT pg_notify('c', 'x')", "calls pg_notify");
    rejects("SELECT dblink('h', 'select 1')", "calls dblink");
    rejects("SELECT lo_export(1, '/tmp/x')", "calls lo_export");
    rejects("SELECT nextval('s')", "calls nextval");
    rejects("SELECT txid_current()", "calls txid_current");
    rejects("SELECT pg_current_xact_id()", "calls pg_current_xact_id");
    rejects("SELECT current_setting('data_directory')", "calls current_setting");
    rejects("SELECT setseed(0.5)", "calls setseed");
    rejects("SELECT my_udf(1)", "calls my_udf, which is not");
    rejects("SELECT to_regclass('pg_authid')", "calls to_regclass");
}

static void test_relations_types_operators(void)
{
    rejects_exactly("TABLE pg_authid", "reads pg_authid; system relations (pg_*) are off limits");
    rejects("SELECT * FROM ONLY pg_class", "reads pg_class;");
    rejects_exactly("SELECT * FROM pg_catalog.pg_proc",
                    "reads pg_catalog.pg_proc; relations in pg_catalog are off limits");
    rejects_exactly("SELECT * FROM information_schema.tables",
                    "reads information_schema.tables; relations in information_schema are "
                    "off limits");
    rejects("SELECT * FROM \"INFORMATION_SCHEMA\".columns", "relations in INFORMATION_SCHEMA");
    rejects("SELECT * FROM pg_toast.pg_toast_1259", "relations in pg_toast");
    rejects("SELECT * FROM pg_temp_3.x", "relations in pg_temp_3");
    rejects("SELECT * FROM public.pg_foo", "reads public.pg_foo;");
    rejects("SELECT * FROM t JOIN pg_roles ON true", "reads pg_roles;");
    rejects("SELECT (SELECT rolpassword FROM pg_authid LIMIT 1)", "reads pg_authid;");
    rejects("SELECT * FROM LATERAL (SELECT * FROM pg_settings) s", "reads pg_settings;");
    rejects("SELECT * FROM t TABLESAMPLE bernoulli(1) JOIN pg_user u ON true", "reads pg_user;");
    rejects_exactly("SELECT 'x'::regclass",
                    "casts to regclass, which looks names up in the system catalogs");
    rejects("SELECT 1259::pg_catalog.regclass::text", "casts to regclass");
    rejects("SELECT CAST('pg_sleep' AS regproc)", "casts to regproc");
    rejects("SELECT regtype 'int4'", "casts to regtype");
    rejects("SELECT '{x}'::regrole[]", "casts to regrole");
    rejects_exactly("SELECT a OPERATOR(public.+) b FROM t",
                    "uses operator public.+; only pg_catalog may qualify an operator");
    rejects("SELECT * FROM t ORDER BY a USING OPERATOR(public.<)", "uses operator public.<");
    rejects("SELECT 1 WHERE 1 OPERATOR(evil.=) ANY (SELECT 1)", "uses operator evil.=");
    rejects_exactly("SELECT * FROM t TABLESAMPLE system_rows(10)",
                    "uses TABLESAMPLE system_rows; only SYSTEM and BERNOULLI are allowed");
    accepts("SELECT a OPERATOR(pg_catalog.+) b FROM t");
    accepts("SELECT * FROM t TABLESAMPLE SYSTEM (5) REPEATABLE (42)");
    accepts("SELECT 'x'::text, 1::bigint, '2024-01-01'::date, '{1,2}'::int[], NULL::\"region\"");
}

static void test_accepts(void)
{
    accepts("SELECT 1;");
    accepts("SELECT 1 ;; ");
    accepts("(SELECT 1)");
    accepts("SELECT 'DROP TABLE t; DELETE FROM t' AS s");
    accepts("SELECT $$ ; DROP TABLE t $$, $a$ $$ ; $a$, E'\\' ; DELETE', U&'\\0041'");
    accepts("SELECT 1 -- ; DROP TABLE t");
    accepts("/* x; /* nested; */ DROP */ SELECT 1");
    accepts("WITH a AS (SELECT 1 AS x), b AS MATERIALIZED (SELECT x FROM a) SELECT * FROM b");
    accepts("SELECT sum(x) OVER (PARTITION BY g ORDER BY t ROWS 3 PRECEDING) FROM t");
    accepts("SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.id = t.id) s");
    accepts("SELECT x::int, CAST(y AS numeric(10,2)), z::timestamptz FROM t");
    accepts("SELECT * FROM generate_series(1, 10) g");
    accepts("SELECT current_user, session_user, current_date, current_timestamp, "
            "localtime, current_schema, current_catalog, version()");
    accepts("SELECT xmlelement(name foo, xmlattributes(1 AS a)), xmlparse(document '<a/>'), "
            "xmlserialize(content '<a/>'::xml AS text), xpath('/a', '<a/>'::xml)");
    accepts("SELECT extract(year FROM now()), trim(both 'x' FROM s), overlay(s PLACING 'y' "
            "FROM 1), s LIKE 'a#%' ESCAPE '#', s SIMILAR TO 'a%', now() AT TIME ZONE 'UTC', "
            "normalize(s), s IS NORMALIZED FROM t");
    accepts("SELECT pg_catalog.lower('X'), pg_catalog.count(*) FROM t");
    accepts("SELECT random() FROM t");
    accepts("SELECT grouping(a), count(*) FROM t GROUP BY ROLLUP (a)");
    accepts("SELECT * FROM catalog_items");     /* not pg_* */
    accepts("SELECT t.pg_x FROM t");            /* a column, not a relation */
}

static void test_extra_functions(void)
{
    const char *extra[] = {"pg_sleep", "public.my_udf", "dblink"};
    sqlsafe_check_t c;
    char err[256];
    const char *sql;

    sql = "SELECT pg_sleep(1), pg_catalog.pg_sleep(2), public.my_udf(3), dblink('a', 'b')";
    CHECK_INT(run(sql, strlen(sql), extra, 3, err, sizeof err, &c), 0);
    sqlsafe_check_free(&c);
    sql = "SELECT my_udf(1)";       /* only the qualified form was allowed */
    CHECK_INT(run(sql, strlen(sql), extra, 3, err, sizeof err, &c), -1);
    CHECK_STR(err, "calls my_udf, which is not on the allowed function list");
    sql = "SELECT evil.pg_sleep(1)";
    CHECK_INT(run(sql, strlen(sql), extra, 3, err, sizeof err, &c), -1);
    CHECK_STR(err, "calls evil.pg_sleep; only pg_catalog may qualify a function name");
    sql = "SELECT pg_read_file('x')";
    CHECK_INT(run(sql, strlen(sql), extra, 3, err, sizeof err, &c), -1);
    CHECK_INT(run(sql, strlen(sql), NULL, 5, err, sizeof err, &c), -1);
}

static void test_output(void)
{
    sqlsafe_check_t a, b;
    char err[256];
    const char *s1 = "  -- why\n  SELECT name FROM t WHERE id = 42 ; ; -- bye\n";
    const char *s2 = "select name from t where id = 7";

    CHECK_INT(run(s1, strlen(s1), NULL, 0, err, sizeof err, &a), 0);
    CHECK_STR(a.statement, "SELECT name FROM t WHERE id = 42");
    CHECK_STR(a.normalized, "SELECT name FROM t WHERE id = $1");
    CHECK_INT(run(s2, strlen(s2), NULL, 0, err, sizeof err, &b), 0);
    CHECK_STR(a.fingerprint, b.fingerprint);    /* same shape, other constant */
    sqlsafe_check_free(&a);
    sqlsafe_check_free(&b);
    sqlsafe_check_free(&b);                     /* idempotent */
    sqlsafe_check_free(NULL);

    CHECK_INT(sqlsafe_validate("DELETE FROM t", 13, NULL, 0, &a, err, 8), -1);
    CHECK_STR(err, "is a DE");                  /* truncated, still terminated */
    CHECK_INT(sqlsafe_validate("DELETE FROM t", 13, NULL, 0, &a, NULL, 0), -1);
}

static void test_allow_list(void)
{
    static const char *const yes[] = {
        "count", "sum", "avg", "min", "max", "stddev", "variance", "percentile_cont",
        "percentile_disc", "mode", "string_agg", "array_agg", "json_agg", "jsonb_agg",
        "bool_and", "bool_or", "every", "row_number", "rank", "dense_rank", "ntile", "lag",
        "lead", "first_value", "last_value", "nth_value", "percent_rank", "cume_dist", "abs",
        "ceil", "floor", "round", "trunc", "sqrt", "power", "exp", "ln", "log", "mod", "sign",
        "random", "lower", "upper", "initcap", "length", "char_length", "substr", "substring",
        "position", "strpos", "replace", "btrim", "ltrim", "rtrim", "lpad", "rpad", "left",
        "right", "concat", "concat_ws", "split_part", "regexp_replace", "regexp_match",
        "regexp_matches", "format", "to_char", "to_date", "to_timestamp", "to_number",
        "date_trunc", "date_part", "extract", "age", "now", "make_date", "make_timestamp",
        "make_interval", "generate_series", "unnest", "jsonb_build_object", "jsonb_set",
        "json_extract_path_text", "array_length", "array_to_string", "lower_inf", "md5",
        "timezone", "like_escape", "similar_to_escape", "version", "xpath",
    };
    static const char *const no[] = {
        "pg_sleep", "pg_read_file", "lo_import", "set_config", "current_setting",
        "query_to_xml", "table_to_xml", "nextval", "dblink", "pg_advisory_lock",
        "txid_current", "COUNT", "Count", "", "zzz", "aaa",
    };
    const char *prev = "";
    size_t i;

    for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
        check_one(sqlsafe_function_allowed(yes[i]), __FILE__, __LINE__, yes[i], "no", "yes");
    for (i = 0; i < sizeof no / sizeof no[0]; i++)
        check_one(!sqlsafe_function_allowed(no[i]), __FILE__, __LINE__, no[i], "yes", "no");
    CHECK(!sqlsafe_function_allowed(NULL));
    for (i = 0; sqlsafe_function_at(i); i++) {   /* sorted, so bsearch finds them all */
        const char *name = sqlsafe_function_at(i);
        check_one(strcmp(prev, name) < 0, __FILE__, __LINE__, name, prev, "sorted");
        check_one(sqlsafe_function_allowed(name), __FILE__, __LINE__, name, "no", "yes");
        CHECK(strncmp(name, "pg_", 3) != 0);
        prev = name;
    }
    CHECK(i > 250);
}

/* ---- corpora ----------------------------------------------------------- */

/* 1 if the chunk has a line that is neither blank nor a -- comment. */
static int has_sql(const char *s)
{
    while (*s) {
        s += strspn(s, " \t\r");
        if (*s != '\n' && *s != '\0' && strncmp(s, "--", 2) != 0)
            return 1;
        s = strchr(s, '\n');
        if (!s)
            break;
        s++;
    }
    return 0;
}

/* Calls fn on each entry; returns the number of entries, -1 if unreadable. */
static int corpus_each(const char *path, void (*fn)(const char *sql, int n))
{
    FILE *f = fopen(path, "r");
    buf_t entry = {0};
    char line[4096];
    int n = 0;

    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    for (int eof = 0; !eof;) {
        eof = fgets(line, sizeof line, f) == NULL;
        if (eof || strcmp(line, SEP "\n") == 0 || strcmp(line, SEP) == 0) {
            if (has_sql(buf_str(&entry)))
                fn(buf_str(&entry), ++n);
            buf_reset(&entry);
        } else {
            buf_puts(&entry, line);
        }
    }
    fclose(f);
    buf_free(&entry);
    return n;
}

static void hostile_one(const char *sql, int n)
{
    sqlsafe_check_t c;
    char err[256];
    int rc = run(sql, strlen(sql), NULL, 0, err, sizeof err, &c);

    if (verbose)
        printf("hostile #%d: %s\n", n, rc ? err : "ACCEPTED");
    check_one(rc == -1 && strcmp(err, "empty query") != 0, __FILE__, __LINE__, sql,
              rc ? err : "(accepted)", "rejected");
    sqlsafe_check_free(&c);
}

static void good_one(const char *sql, int n)
{
    sqlsafe_check_t c;
    char err[256];
    int rc = run(sql, strlen(sql), NULL, 0, err, sizeof err, &c);

    if (verbose)
        printf("good #%d: %s\n", n, rc ? err : "ok");
    check_one(rc == 0, __FILE__, __LINE__, sql, rc ? err : "ok", "ok");
    sqlsafe_check_free(&c);
}

/* The relname PostgreSQL's parser reads from "SELECT * FROM <ident>", or
 * NULL when it does not parse. */
static char *parsed_relname(const char *ident)
{
    buf_t sql = {0};
    buf_printf(&sql, "SELECT * FROM %s", ident);
    PgQueryParseResult r = pg_query_parse(buf_str(&sql));
    char *out = NULL;
    if (!r.error) {
        json_t *j = json_loads(r.parse_tree, 0, NULL);
        json_t *from = json_object_get(json_object_get(json_object_get(
            json_array_get(json_object_get(j, "stmts"), 0), "stmt"), "SelectStmt"), "fromClause");
        const char *name = json_string_value(json_object_get(
            json_object_get(json_array_get(from, 0), "RangeVar"), "relname"));
        out = name ? xstrdup(name) : NULL;
        json_decref(j);
    }
    pg_query_free_parse_result(r);
    buf_free(&sql);
    return out;
}

/* One name through both quoters: the exact text, and the parser reads the
 * same name back from each. */
static void ident_case(const char *name, const char *always, const char *shown)
{
    buf_t q = {0}, s = {0};
    sqlsafe_quote_ident(&q, name);
    sqlsafe_show_ident(&s, name);
    CHECK_STR(buf_str(&q), always);
    CHECK_STR(buf_str(&s), shown);
    if (*name) {
        char *back_q = parsed_relname(buf_str(&q)), *back_s = parsed_relname(buf_str(&s));
        CHECK_STR(back_q, name);
        CHECK_STR(back_s, name);
        free(back_q);
        free(back_s);
    }
    buf_free(&q);
    buf_free(&s);
}

static void test_quote_ident(void)
{
    ident_case("customers", "\"customers\"", "customers");            /* plain: bare */
    ident_case("_x1", "\"_x1\"", "_x1");
    ident_case("order_lines2", "\"order_lines2\"", "order_lines2");
    ident_case("name", "\"name\"", "name");                            /* unreserved keywords */
    ident_case("year", "\"year\"", "year");
    ident_case("data", "\"data\"", "data");
    ident_case("Source airport", "\"Source airport\"", "\"Source airport\"");
    ident_case("OrderLines", "\"OrderLines\"", "\"OrderLines\"");      /* upper case */
    ident_case("PG_CATALOG", "\"PG_CATALOG\"", "\"PG_CATALOG\"");
    ident_case("1st", "\"1st\"", "\"1st\"");                           /* digit first */
    ident_case("a$b", "\"a$b\"", "\"a$b\"");                           /* as quote_ident() */
    ident_case("a\"b", "\"a\"\"b\"", "\"a\"\"b\"");                    /* embedded quotes */
    ident_case("\"", "\"\"\"\"", "\"\"\"\"");
    ident_case("\"\"x\"", "\"\"\"\"\"x\"\"\"", "\"\"\"\"\"x\"\"\"");
    ident_case("x\"; DROP TABLE t; --", "\"x\"\"; DROP TABLE t; --\"",
               "\"x\"\"; DROP TABLE t; --\"");
    ident_case("a.b", "\"a.b\"", "\"a.b\"");                           /* not a qualified name */
    ident_case("tab\there\nnl", "\"tab\there\nnl\"", "\"tab\there\nnl\"");
    ident_case("café", "\"café\"", "\"café\"");                        /* UTF-8 */
    ident_case("日付", "\"日付\"", "\"日付\"");
    ident_case("\x01\x7f", "\"\x01\x7f\"", "\"\x01\x7f\"");            /* any byte but NUL */
    /* reserved, column-name and type/function-name keywords: always quoted */
    ident_case("select", "\"select\"", "\"select\"");
    ident_case("user", "\"user\"", "\"user\"");
    ident_case("order", "\"order\"", "\"order\"");
    ident_case("all", "\"all\"", "\"all\"");                           /* first in the table */
    ident_case("xmltable", "\"xmltable\"", "\"xmltable\"");            /* last */
    ident_case("int", "\"int\"", "\"int\"");
    ident_case("between", "\"between\"", "\"between\"");
    ident_case("left", "\"left\"", "\"left\"");
    ident_case("current_user", "\"current_user\"", "\"current_user\"");
    ident_case("selects", "\"selects\"", "selects");                   /* not a keyword */
    ident_case("", "\"\"", "\"\"");                                    /* empty: quoted, refused by PG */
    CHECK(parsed_relname("user") == NULL);                              /* why "user" is quoted */
    CHECK(parsed_relname("\"\"") == NULL);

    /* the validator's messages show names through it */
    rejects_exactly("SELECT * FROM pg_catalog.\"user\"",
                    "reads pg_catalog.\"user\"; relations in pg_catalog are off limits");
    rejects_exactly("SELECT * FROM \"Pg_x\".\"a$b\"",
                    "reads \"Pg_x\".\"a$b\"; relations in Pg_x are off limits");

    arena_t *a = arena_new();
    CHECK_STR(sqlsafe_ident(a, "My \"Table\""), "\"My \"\"Table\"\"\"");
    arena_free(a);
}

/* $n a caller binds pass (sqlsafe_validate_params, the one mechanism the
 * drill-down's value shares with {{name}} parameters); others do not. */
static void test_bound_params(void)
{
    sqlsafe_check_t c;
    char err[256];
    const char *q = "SELECT * FROM (SELECT 1 AS a) AS t WHERE t.a = $1";
    CHECK(sqlsafe_validate(q, strlen(q), NULL, 0, &c, err, sizeof err) < 0);
    CHECK(strstr(err, "$1") != NULL);
    CHECK(sqlsafe_validate_params(q, strlen(q), 1, NULL, 0, &c, err, sizeof err) == 0);
    sqlsafe_check_free(&c);
    const char *q2 = "SELECT $1, $2";
    CHECK(sqlsafe_validate_params(q2, strlen(q2), 1, NULL, 0, &c, err, sizeof err) < 0);
    CHECK(strstr(err, "$2") != NULL);
}

static void behind_is(const char *sql, const char *col, const char *want)
{
    char *out = NULL, err[256] = "";
    int rc = sqlsafe_rows_behind(sql, col, "drill", &out, err, sizeof err);
    CHECK(rc == 0);
    if (rc == 0)
        CHECK_STR(out, want);
    else
        printf("  (rows behind %s: %s)\n", sql, err);
    free(out);
}

static void behind_refused(const char *sql, const char *col, const char *why)
{
    char *out = NULL, err[256] = "";
    CHECK(sqlsafe_rows_behind(sql, col, "drill", &out, err, sizeof err) < 0);
    CHECK(out == NULL);
    if (!strstr(err, why))
        printf("  (rows behind %s: \"%s\", wanted \"%s\")\n", sql, err, why);
    CHECK(strstr(err, why) != NULL);
}

/* "The rows behind this number": derived for the plain aggregate shapes,
 * the value always the {{drill}} parameter; refused, with the reason, for anything else. */
static void test_rows_behind(void)
{
    behind_is("SELECT c.name AS category, sum(oi.quantity * oi.unit_price) AS revenue"
              " FROM order_items oi JOIN products p ON p.id = oi.product_id"
              " JOIN categories c ON c.id = p.category_id"
              " WHERE o.status <> 'cancelled' GROUP BY c.name ORDER BY revenue DESC LIMIT 10",
              "category",
              "SELECT * FROM order_items oi JOIN products p ON p.id = oi.product_id"
              " JOIN categories c ON c.id = p.category_id WHERE (o.status <> 'cancelled')"
              " AND (c.name) = {{drill}}");
    behind_is("select channel, count(*) from orders group by 1", "channel",
              "SELECT * FROM orders WHERE (channel) = {{drill}}");
    behind_is("SELECT date_trunc('month', ordered_at)::date AS month, count(*) AS n FROM orders"
              " WHERE ordered_at IS DISTINCT FROM NULL GROUP BY month;", "month",
              "SELECT * FROM orders WHERE (ordered_at IS DISTINCT FROM NULL)"
              " AND (date_trunc('month', ordered_at)::date) = {{drill}}");
    /* keywords inside brackets, strings and comments do not count */
    behind_is("SELECT \"Region\", count(*) FROM sales /* where group by */"
              " WHERE note <> 'from where group by' AND extract(year FROM d) = 2024"
              " GROUP BY \"Region\"", "Region",
              "SELECT * FROM sales WHERE (note <> 'from where group by' AND extract(year FROM d) = 2024)"
              " AND (\"Region\") = {{drill}}");
    /* a KPI: the rows its one number came from */
    behind_is("SELECT count(*) AS orders FROM orders WHERE channel = 'web'", NULL,
              "SELECT * FROM orders WHERE (channel = 'web')");
    /* the query's own {{name}} parameters stay as they are */
    behind_is("SELECT region, sum(amount) FROM sales WHERE day >= {{start}} AND kind = {{ kind }}"
              " GROUP BY region", "region",
              "SELECT * FROM sales WHERE (day >= {{start}} AND kind = {{ kind }}) AND (region) = {{drill}}");
    behind_refused("SELECT a, count(*) FROM x WHERE b = {{oops GROUP BY a", "a", "{{");
    behind_refused("WITH t AS (SELECT * FROM orders) SELECT channel, count(*) FROM t GROUP BY 1",
                   "channel", "WITH");
    behind_refused("SELECT a, count(*) FROM x GROUP BY a UNION SELECT b, 1 FROM y", "a", "UNION");
    behind_refused("SELECT DISTINCT a FROM x", NULL, "DISTINCT");
    behind_refused("SELECT a, b FROM x", "a", "no GROUP BY");
    behind_refused("SELECT count(*) FROM x GROUP BY a", NULL, "GROUP BY");
    behind_refused("SELECT upper(a), count(*) FROM x GROUP BY upper(a)", "upper",
                   "not a plain item");
    behind_refused("SELECT a AS k, b AS j, count(*) FROM x GROUP BY b", "k", "GROUP BY does not list");
    behind_refused("SELECT 1", NULL, "reads no table");
    behind_refused("SELECT a FROM (x", NULL, "could not be read");
}

int main(int argc, char **argv)
{
    const char *hostile = argc > 1 ? argv[1] : "tests/security/sqlsafe_hostile.sql";
    const char *good = argc > 2 ? argv[2] : "tests/unit/sqlsafe_good.sql";
    const char *v = getenv("SQLSAFE_VERBOSE");

    verbose = v && *v && strcmp(v, "0") != 0;
    test_issue_rejects();
    test_raw_input();
    test_nesting();
    test_statements();
    test_functions_rejected();
    test_relations_types_operators();
    test_accepts();
    test_extra_functions();
    test_output();
    test_allow_list();
    test_quote_ident();
    test_bound_params();
    test_rows_behind();

    int nh = corpus_each(hostile, hostile_one);
    int ng = corpus_each(good, good_one);
    CHECK(nh >= 60);
    CHECK(ng >= 30);
    printf("corpora: %d hostile rejected, %d good accepted (of those loaded)\n", nh, ng);

    pg_query_exit();   /* libpg_query's per-thread memory context (safe: we parsed) */
    return check_done("test_sqlsafe");
}
