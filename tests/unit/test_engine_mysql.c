/* test_engine_mysql.c — the MySQL / MariaDB policy (engine/mysql_policy.c)
 * against a hostile corpus and ordinary BI queries, and the dialect
 * (engine/mysql_dialect.c). No server: test_mysql_db.c runs the engine. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/buf.h"
#include "engine/internal.h"

static int validate(const char *sql, int nparams, const char *const *extra, size_t n_extra,
                    sqlsafe_check_t *out, char *err, size_t errlen)
{
    return engine_mysql.validate(sql, strlen(sql), nparams, extra, n_extra, out, err, errlen);
}

/* sql is refused, with want in the reason */
static void refused_at(const char *sql, const char *want, int line)
{
    sqlsafe_check_t out;
    char err[300];
    int rc = validate(sql, 0, NULL, 0, &out, err, sizeof err);
    check_one(rc == -1 && strstr(err, want) != NULL, __FILE__, line, sql, rc ? err : "(accepted)",
              want);
    check_one(out.statement == NULL, __FILE__, line, "refused leaves out empty", NULL, NULL);
}
#define REFUSED(sql, want) refused_at((sql), (want), __LINE__)

static void accepted_at(const char *sql, int nparams, int line)
{
    sqlsafe_check_t out;
    char err[300];
    int rc = validate(sql, nparams, NULL, 0, &out, err, sizeof err);
    check_one(rc == 0, __FILE__, line, sql, rc ? err : "ok", "ok");
    if (rc == 0)
        check_one(out.statement && out.normalized && out.fingerprint &&
                      strlen(out.fingerprint) == 32,
                  __FILE__, line, "check filled", NULL, NULL);
    sqlsafe_check_free(&out);
}
#define ACCEPTED(sql) accepted_at((sql), 0, __LINE__)

/* each hostile form in every disguise: case, comments, backticks, inside a
 * sub-query, after a UNION */
static void refused_everywhere(const char *frag, const char *want)
{
    const char *shapes[] = {
        "SELECT %s",
        "select a from t where b in (select %s)",
        "SELECT 1 UNION SELECT %s",
        "SELECT /* c */ %s -- x\n",
        "SELECT x FROM (SELECT %s) AS `s`",
        "WITH c AS (SELECT %s) SELECT * FROM c",
        "(SELECT %s)",
        "SELECT # a hash comment\n\t%s\n",
        "SELECT `a` FROM `t` WHERE `b` = (SELECT %s) ORDER BY `a`",
        "SELECT 1 FROM t UNION ALL (SELECT 2 FROM u WHERE EXISTS (SELECT %s))",
    };
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        char sql[512], low[512];
        const char *at = strstr(shapes[i], "%s");
        snprintf(sql, sizeof sql, "%.*s%s%s", (int)(at - shapes[i]), shapes[i], frag, at + 2);
        refused_at(sql, want, __LINE__);
        size_t n = strlen(sql);
        for (size_t j = 0; j <= n; j++)
            low[j] = sql[j] >= 'A' && sql[j] <= 'Z' ? (char)(sql[j] + 32) : sql[j];
        refused_at(low, want, __LINE__);
    }
}

static void test_statements(void)
{
    REFUSED("SELECT 1; SELECT 2", "only one is allowed");
    REFUSED("SELECT 1; DROP TABLE t", "only one is allowed");
    REFUSED("SELECT 1;;SELECT 2;", "only one is allowed");
    ACCEPTED("SELECT 1;");
    ACCEPTED("SELECT 1 ;; ");
    REFUSED("", "empty query");
    REFUSED(" ; ", "empty query");
    REFUSED("-- only a comment\n", "empty query");
    REFUSED("DELETE FROM t", "is a DELETE statement; only SELECT is allowed");
    REFUSED("update t set a = 1", "is an UPDATE statement");
    REFUSED("INSERT INTO t VALUES (1)", "is an INSERT statement");
    REFUSED("replace into t values (1)", "is a REPLACE statement");
    REFUSED("CREATE TABLE x (a int)", "is a CREATE statement");
    REFUSED("DROP TABLE t", "is a DROP statement");
    REFUSED("SET @a = 1", "is a SET statement");
    REFUSED("set sql_mode = 'ANSI_QUOTES'", "is a SET statement");
    REFUSED("CALL p()", "is a CALL statement");
    REFUSED("DO SLEEP(5)", "is a DO statement");
    REFUSED("HANDLER t OPEN", "is a HANDLER statement");
    REFUSED("LOAD DATA INFILE '/etc/passwd' INTO TABLE t", "is a LOAD statement");
    REFUSED("SHOW GRANTS", "is a SHOW statement");
    REFUSED("KILL 1", "is a KILL statement");
    REFUSED("LOCK TABLES t WRITE", "is a LOCK statement");
    REFUSED("GRANT ALL ON *.* TO x", "is a GRANT statement");
    REFUSED("/* hi */ TRUNCATE t", "is a TRUNCATE statement");
    REFUSED("`select` 1", "only SELECT is allowed");
    REFUSED("'SELECT'", "only SELECT is allowed");
    /* executable comments and hints: the lexer refuses them */
    REFUSED("SELECT /*! SLEEP(5) */ 1", "comments that run as SQL");
    REFUSED("SELECT /*!50000 1 */", "comments that run as SQL");
    REFUSED("SELECT /*M!100000 1 */", "comments that run as SQL");
    REFUSED("SELECT /*+ MAX_EXECUTION_TIME(1) */ 1", "comments that run as SQL");
    REFUSED("SELECT 'unclosed", "not closed");
    REFUSED("SELECT `unclosed", "not closed");
    REFUSED("SELECT 1 /* unclosed", "not closed");
    /* a backslash escapes the quote: '…\'; DROP' is one string, and the
     * words after it are read */
    REFUSED("SELECT 'a\\'' INTO OUTFILE '/tmp/x'", "uses INTO");
    ACCEPTED("SELECT 'it\\'s; DELETE FROM t; INTO OUTFILE' AS s");
    ACCEPTED("SELECT \"INTO OUTFILE; sleep(1)\" AS s");
    ACCEPTED("SELECT 1 # sleep(1); INTO\n");
    char big[SQLSAFE_MAX_BYTES + 32];
    memset(big, ' ', sizeof big);
    memcpy(big, "SELECT 1", 8);
    big[sizeof big - 1] = '\0';
    REFUSED(big, "bytes long");
}

static void test_hostile_everywhere(void)
{
    refused_everywhere("1 INTO OUTFILE '/tmp/x'", "uses INTO");
    refused_everywhere("1 INTO DUMPFILE '/tmp/x'", "uses INTO");
    refused_everywhere("1 INTO @v", "uses INTO");
    refused_everywhere("a FROM t FOR UPDATE", "FOR UPDATE, which locks rows");
    refused_everywhere("a FROM t FOR SHARE", "FOR SHARE, which locks rows");
    refused_everywhere("a FROM t LOCK IN SHARE MODE", "LOCK IN SHARE MODE");
    refused_everywhere("LOAD_FILE('/etc/passwd')", "calls load_file, which is never allowed");
    refused_everywhere("SLEEP(10)", "calls sleep, which is never allowed");
    refused_everywhere("sleep /* x */ (10)", "calls sleep, which is never allowed");
    refused_everywhere("`SLEEP`(10)", "calls sleep, which is never allowed");
    refused_everywhere("BENCHMARK(1000000, MD5('a'))", "calls benchmark");
    refused_everywhere("GET_LOCK('a', 10)", "calls get_lock");
    refused_everywhere("RELEASE_LOCK('a')", "calls release_lock");
    refused_everywhere("IS_FREE_LOCK('a')", "calls is_free_lock");
    refused_everywhere("@x := 1", "uses the variable @x");
    refused_everywhere("@x", "uses the variable @x");
    refused_everywhere("@@version", "uses the variable @@version");
    refused_everywhere("@@global.secure_file_priv", "uses the variable @@global.secure_file_priv");
    refused_everywhere("user FROM mysql.user", "reads mysql.");
    refused_everywhere("* FROM `mysql`.`user`", "reads mysql.");
    refused_everywhere("* FROM MySQL . user", "reads mysql.");
    refused_everywhere("* FROM performance_schema.threads", "reads performance_schema.");
    refused_everywhere("* FROM sys.session", "reads sys.");
    refused_everywhere("* FROM information_schema.tables", "reads information_schema.");
    refused_everywhere("* FROM `information_schema`.tables", "reads information_schema.");
    refused_everywhere("NEXT VALUE FOR s", "reads a sequence");
    refused_everywhere("NEXTVAL(s)", "calls nextval");
    refused_everywhere("1 PROCEDURE ANALYSE()", "uses PROCEDURE");
    refused_everywhere("USER()", "calls user, which is not on the allowed function list");
    refused_everywhere("VERSION()", "calls version, which is not on");
    refused_everywhere("DATABASE()", "calls database, which is not on");
    refused_everywhere("x.f(1)", "calls x.f, which is not on");
    refused_everywhere("`my db`.`f`(1)", "calls my db.f, which is not on");
    refused_everywhere("json_table('[]', '$[*]' COLUMNS (a INT PATH '$')) AS j",
                       "calls json_table");
    refused_everywhere("$1", "uses the parameter $1, which nothing supplies");
}

static void test_extra_functions(void)
{
    sqlsafe_check_t out;
    char err[300];
    const char *extra[] = {"my_fn", "shop.price_of", "sleep"};
    CHECK_INT(validate("SELECT my_fn(a) FROM t", 0, extra, 3, &out, err, sizeof err), 0);
    sqlsafe_check_free(&out);
    CHECK_INT(validate("SELECT MY_FN(a) FROM t", 0, extra, 3, &out, err, sizeof err), 0);
    sqlsafe_check_free(&out);
    CHECK_INT(validate("SELECT shop.price_of(a) FROM t", 0, extra, 3, &out, err, sizeof err), 0);
    sqlsafe_check_free(&out);
    CHECK_INT(validate("SELECT other.price_of(a) FROM t", 0, extra, 3, &out, err, sizeof err), -1);
    /* the deny list wins over the extra list */
    CHECK_INT(validate("SELECT sleep(1)", 0, extra, 3, &out, err, sizeof err), -1);
    CHECK(strstr(err, "never allowed") != NULL);
    CHECK_INT(validate("SELECT my_fn(a) FROM t", 0, NULL, 0, &out, err, sizeof err), -1);
}

static void test_params(void)
{
    accepted_at("SELECT * FROM t WHERE a = $1 AND b > $2 OR c = $1", 2, __LINE__);
    sqlsafe_check_t out;
    char err[300];
    CHECK_INT(validate("SELECT $3", 2, NULL, 0, &out, err, sizeof err), -1);
    CHECK(strstr(err, "$3, which nothing supplies") != NULL);
    CHECK_INT(validate("SELECT '$3'", 0, NULL, 0, &out, err, sizeof err), 0);
    sqlsafe_check_free(&out);

    char *sql;
    int order[8], n;
    CHECK_INT(engine_mysql_params_rewrite("SELECT a FROM t WHERE a = $2 AND b = '$1' AND c = $1"
                                          " OR d = $2 -- $1\n",
                                          &sql, order, 8, &n, err, sizeof err),
              0);
    CHECK_STR(sql, "SELECT a FROM t WHERE a = ? AND b = '$1' AND c = ? OR d = ? -- $1\n");
    CHECK_INT(n, 3);
    CHECK(order[0] == 2 && order[1] == 1 && order[2] == 2);
    free(sql);
    /* the second wall: INTO is refused by execute's rewrite too */
    CHECK_INT(engine_mysql_params_rewrite("SELECT 1 INTO OUTFILE '/tmp/x'", &sql, order, 8, &n,
                                          err, sizeof err), -1);
    CHECK(strstr(err, "INTO is not allowed") != NULL);
    CHECK_INT(engine_mysql_params_rewrite("SELECT 'INTO' AS `into`", &sql, order, 8, &n, err,
                                          sizeof err), 0);
    free(sql);
}

static void test_bi_queries(void)
{
    ACCEPTED("SELECT * FROM orders");
    ACCEPTED("select `o`.`id`, o.total from `orders` as o where o.status = 'shipped' limit 10");
    ACCEPTED("SELECT c.country, COUNT(*) AS n, SUM(o.total) AS revenue, AVG(o.total)"
             " FROM orders o JOIN customers c ON c.id = o.customer_id"
             " WHERE o.ordered_at >= DATE_SUB(CURDATE(), INTERVAL 30 DAY)"
             " GROUP BY c.country HAVING COUNT(*) > 5 ORDER BY revenue DESC LIMIT 20");
    ACCEPTED("SELECT (MAKEDATE(YEAR(ordered_at), 1) + INTERVAL (MONTH(ordered_at) - 1) MONTH) AS m,"
             " SUM(CASE WHEN status = 'refunded' THEN total END) FROM orders GROUP BY 1");
    ACCEPTED("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)"
             " SELECT i FROM n");
    ACCEPTED("WITH a AS (SELECT 1 AS x), b (y) AS (SELECT 2) SELECT * FROM a, b");
    ACCEPTED("SELECT name, RANK() OVER (PARTITION BY category ORDER BY price DESC) FROM products");
    ACCEPTED("SELECT * FROM t1 LEFT JOIN (t2 JOIN t3 ON t2.a = t3.a) ON t1.a = t2.a");
    ACCEPTED("SELECT x FROM t WHERE a IN (1, 2) AND EXISTS (SELECT 1 FROM u WHERE u.a = t.a)");
    ACCEPTED("SELECT CAST(total AS DECIMAL(10,2)), CONVERT(total, DECIMAL(10, 2)),"
             " CAST(x AS CHAR(10)) FROM t");
    ACCEPTED("SELECT IF(a > 1, 'big', 'small'), COALESCE(b, 0), IFNULL(c, ''), NULLIF(d, 0) FROM t");
    ACCEPTED("SELECT DATE_FORMAT(ordered_at, '%Y-%m'), YEAR(d), WEEKDAY(d) + 1, DATEDIFF(a, b),"
             " TIMESTAMPDIFF(DAY, a, b), EXTRACT(YEAR FROM d) FROM t");
    ACCEPTED("SELECT LOWER(name) LIKE LOWER('%abc%'), CONCAT(a, ' ', b), GROUP_CONCAT(DISTINCT a"
             " ORDER BY a SEPARATOR ', ') FROM t");
    ACCEPTED("SELECT a FROM t ORDER BY a IS NULL, a DESC");
    ACCEPTED("(SELECT a FROM t) UNION (SELECT b FROM u) ORDER BY 1");
    ACCEPTED("VALUES (1, 2), (3, 4)");
    ACCEPTED("TABLE orders");
    ACCEPTED("SELECT * FROM t FORCE INDEX (idx) WHERE a = 1");
    ACCEPTED("SELECT a FROM t AS s (x)");
    ACCEPTED("SELECT `into`, `sleep` FROM t");
    ACCEPTED("SELECT sleep FROM t");
    ACCEPTED("SELECT SUBSTRING(a, 1, 3), TRIM(LEADING 'x' FROM a), ROUND(AVG(b), 2) FROM t");
    ACCEPTED("SELECT MATCH (title) AGAINST ('x') FROM t");
    ACCEPTED("SELECT 5--1");
    ACCEPTED("SELECT t.sys_id, s.mysql_flag FROM t JOIN s USING (id)");
}

static void dialect(void (*fn)(buf_t *), const char *want, int line)
{
    buf_t b = {0};
    fn(&b);
    check_str(buf_str(&b), want, __FILE__, line, want);
    buf_free(&b);
}

static const engine_dialect_t *D = &engine_mysql_dialect;
static void d_ident(buf_t *b) { D->quote_ident(b, "we`ird name"); }
static void d_lit(buf_t *b) { D->quote_literal(b, "it's a \\ back"); }
static void d_day(buf_t *b) { D->date_trunc(b, ENGINE_DAY, "`d`"); }
static void d_week(buf_t *b) { D->date_trunc(b, ENGINE_WEEK, "`d`"); }
static void d_month(buf_t *b) { D->date_trunc(b, ENGINE_MONTH, "`d`"); }
static void d_quarter(buf_t *b) { D->date_trunc(b, ENGINE_QUARTER, "`d`"); }
static void d_year(buf_t *b) { D->date_trunc(b, ENGINE_YEAR, "`d`"); }
static void d_dow(buf_t *b) { D->date_part(b, "dow", "`d`"); }
static void d_yearp(buf_t *b) { D->date_part(b, "year", "`d`"); }
static void d_monthp(buf_t *b) { D->date_part(b, "month", "`d`"); }
static void d_quarterp(buf_t *b) { D->date_part(b, "quarter", "`d`"); }
static void d_add(buf_t *b) { D->date_add(b, "CURDATE()", '-', 30, "day"); }
static void d_add2(buf_t *b) { D->date_add(b, "`d`", '+', 1, "month"); }
static void d_days(buf_t *b) { D->days_between(b, "`a`", "`b`"); }
static void d_ilike(buf_t *b) { D->ilike(b, "`n`", "'%x%'"); }
static void d_nulls(buf_t *b) { D->order_nulls_last(b, "`n`", 1); }
static void d_nulls_asc(buf_t *b) { D->order_nulls_last(b, "`n`", 0); }
static void d_cast_i(buf_t *b) { D->cast(b, "`n`", "integer"); }
static void d_cast_f(buf_t *b) { D->cast(b, "`n`", "float"); }
static void d_cast_d(buf_t *b) { D->cast(b, "`n`", "date"); }
static void d_cast_t(buf_t *b) { D->cast(b, "`n`", "text"); }
static void d_aggif(buf_t *b) { D->agg_if(b, "SUM", "`t`", "`s` = 'x'"); }
static void d_countif(buf_t *b) { D->agg_if(b, "COUNT", NULL, "`s` = 'x'"); }

static void test_dialect(void)
{
    dialect(d_ident, "`we``ird name`", __LINE__);
    dialect(d_lit, "'it''s a \\\\ back'", __LINE__);
    dialect(d_day, "DATE(`d`)", __LINE__);
    dialect(d_week, "DATE_SUB(DATE(`d`), INTERVAL WEEKDAY(`d`) DAY)", __LINE__);
    dialect(d_month, "(MAKEDATE(YEAR(`d`), 1) + INTERVAL (MONTH(`d`) - 1) MONTH)", __LINE__);
    dialect(d_quarter, "(MAKEDATE(YEAR(`d`), 1) + INTERVAL ((QUARTER(`d`) - 1) * 3) MONTH)",
            __LINE__);
    dialect(d_year, "MAKEDATE(YEAR(`d`), 1)", __LINE__);
    dialect(d_dow, "(WEEKDAY(`d`) + 1)", __LINE__);
    dialect(d_yearp, "YEAR(`d`)", __LINE__);
    dialect(d_monthp, "MONTH(`d`)", __LINE__);
    dialect(d_quarterp, "QUARTER(`d`)", __LINE__);
    dialect(d_add, "DATE_SUB(CURDATE(), INTERVAL 30 DAY)", __LINE__);
    dialect(d_add2, "DATE_ADD(`d`, INTERVAL 1 MONTH)", __LINE__);
    dialect(d_days, "DATEDIFF(`b`, `a`)", __LINE__);
    dialect(d_ilike, "LOWER(`n`) LIKE LOWER('%x%')", __LINE__);
    dialect(d_nulls, "`n` IS NULL, `n` DESC", __LINE__);
    dialect(d_nulls_asc, "`n` IS NULL, `n`", __LINE__);
    dialect(d_cast_i, "CAST(`n` AS SIGNED)", __LINE__);
    dialect(d_cast_f, "CAST(`n` AS DOUBLE)", __LINE__);
    dialect(d_cast_d, "CAST(`n` AS DATE)", __LINE__);
    dialect(d_cast_t, "CAST(`n` AS CHAR)", __LINE__);
    dialect(d_aggif, "SUM(CASE WHEN `s` = 'x' THEN `t` END)", __LINE__);
    dialect(d_countif, "COUNT(CASE WHEN `s` = 'x' THEN 1 END)", __LINE__);
    CHECK_STR(D->now, "NOW()");
    CHECK_STR(D->today, "CURDATE()");
    CHECK(!D->has_median && !D->has_grouping_sets && !D->has_full_join);
    CHECK(engine_mysql.dialect == D);
    CHECK_STR(engine_mysql.name, "mysql");
    CHECK_INT(engine_mysql.default_port, 3306);

    /* every SQL the dialect writes passes the policy */
    buf_t b = {0};
    buf_puts(&b, "SELECT ");
    D->date_trunc(&b, ENGINE_QUARTER, "`d`");
    buf_puts(&b, ", ");
    D->date_trunc(&b, ENGINE_WEEK, "`d`");
    buf_puts(&b, ", ");
    D->date_part(&b, "dow", "`d`");
    buf_puts(&b, ", ");
    D->date_add(&b, D->today, '-', 7, "day");
    buf_puts(&b, ", ");
    D->days_between(&b, "`a`", D->now);
    buf_puts(&b, ", ");
    D->cast(&b, "`n`", "float");
    buf_puts(&b, ", ");
    D->agg_if(&b, "AVG", "`t`", "`s` = 'x'");
    buf_puts(&b, " FROM `t` WHERE ");
    D->ilike(&b, "`n`", "'%a%'");
    buf_puts(&b, " GROUP BY 1 ORDER BY ");
    D->order_nulls_last(&b, "`n`", 1);
    accepted_at(buf_str(&b), 0, __LINE__);
    buf_free(&b);
}

int main(void)
{
    test_statements();
    test_hostile_everywhere();
    test_extra_functions();
    test_params();
    test_bi_queries();
    test_dialect();
    return check_done("test_engine_mysql");
}
