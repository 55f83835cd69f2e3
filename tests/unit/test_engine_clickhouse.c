/* test_engine_clickhouse.c — the ClickHouse engine's pure parts: the SQL
 * policy (a hostile corpus and the BI queries that must pass), parameters
 * as literals (hostile values), the dialect, and the streaming reader of
 * TabSeparatedWithNamesAndTypes (escapes, \N, cut cells, split feeds, the
 * server's error line). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine/internal.h"

/* ---- policy ------------------------------------------------------------------ */

static const char *const extra[] = {"myUdf"};

static void accepts(const char *sql, int nparams)
{
    sqlsafe_check_t out;
    char err[300];
    int rc = engine_clickhouse_validate(sql, strlen(sql), nparams, extra, 1, &out, err, sizeof err);
    check_one(rc == 0, __FILE__, __LINE__, sql, rc ? err : "ok", "ok");
    sqlsafe_check_free(&out);
}

static void rejects(const char *sql, const char *why)
{
    sqlsafe_check_t out;
    char err[300] = "";
    int rc = engine_clickhouse_validate(sql, strlen(sql), 2, extra, 1, &out, err, sizeof err);
    check_one(rc < 0 && strstr(err, why), __FILE__, __LINE__, sql, rc ? err : "accepted", why);
    if (rc == 0)
        sqlsafe_check_free(&out);
}

static void test_policy_passes(void)
{
    accepts("SELECT 1", 0);
    accepts("select count() from orders;", 0);
    accepts("SELECT toStartOfMonth(created_at) AS m, sum(total), countIf(status = 'paid'),\n"
            "  avgIf(total, status = 'paid'), uniqExact(customer_id)\n"
            "FROM shop.orders WHERE created_at >= toDate('2024-01-01')\n"
            "GROUP BY m ORDER BY m DESC NULLS LAST LIMIT 100", 0);
    accepts("WITH (SELECT max(id) FROM t) AS top SELECT id FROM t WHERE id > top - 10", 0);
    accepts("SELECT c.name, sumIf(o.total, o.total > $1) FROM customers AS c "
            "ANY LEFT JOIN orders AS o ON o.customer_id = c.id WHERE c.country IN ($2) GROUP BY c.name", 2);
    accepts("SELECT * FROM (SELECT id, multiIf(x < 1, 'a', x < 2, 'b', 'c') AS k FROM t) WHERE k != 'a'", 0);
    accepts("SELECT quantile(0.9)(price), median(price), round(avg(price), 2) FROM products", 0);
    accepts("SELECT `format`, t.settings, \"into\" FROM t", 0);
    accepts("SELECT 'INSERT INTO x FORMAT CSV SETTINGS readonly=0; file(''x'')' AS s", 0);
    accepts("SELECT dummy FROM system.one", 0);
    accepts("SELECT myUdf(x) FROM t -- a comment with FORMAT and ; inside", 0);
    accepts("SELECT lower(name) LIKE lower('%ab%') FROM t /* SETTINGS */", 0);
    accepts("(SELECT 1) UNION ALL (SELECT 2)", 0);
    accepts("SELECT arrayJoin([1, 2]) AS x, if(x > 1, 'y', 'n')", 0);
}

static void test_policy_refuses(void)
{
    rejects("", "empty");
    rejects("INSERT INTO t VALUES (1)", "only SELECT");
    rejects("ALTER TABLE t DELETE WHERE 1", "only SELECT");
    rejects("SELECT 1; SELECT 2", "one statement");
    rejects("SELECT 1; DROP TABLE t", "one statement");
    rejects("SELECT * FROM t INTO OUTFILE '/tmp/x'", "OUTFILE");
    rejects("SELECT * FROM (SELECT * FROM t INTO OUTFILE 'x')", "OUTFILE");
    rejects("SELECT * FROM t FORMAT CSV", "FORMAT");
    rejects("SELECT * FROM t format JSON", "FORMAT");
    rejects("SELECT * FROM t /* x */ FoRmAt/**/Native", "FORMAT");
    rejects("SELECT * FROM t SETTINGS readonly = 0", "SETTINGS");
    rejects("SELECT * FROM t settings max_result_rows=0", "SETTINGS");
    rejects("SELECT * FROM (SELECT 1 SETTINGS max_execution_time = 0)", "SETTINGS");
    rejects("SELECT * FROM file('/etc/passwd', 'TSV', 'a String')", "file reaches outside");
    rejects("SELECT * FROM url('http://x/', CSV, 'a String')", "url reaches outside");
    rejects("SELECT * FROM URL ('http://x/', CSV, 'a String')", "reaches outside");
    rejects("SELECT * FROM remote('h:9000', db.t)", "reaches outside");
    rejects("SELECT * FROM remoteSecure('h', db.t)", "reaches outside");
    rejects("SELECT * FROM cluster('c', db, t)", "reaches outside");
    rejects("SELECT * FROM mysql('h:3306', 'db', 't', 'u', 'p')", "reaches outside");
    rejects("SELECT * FROM postgresql('h', 'db', 't', 'u', 'p')", "reaches outside");
    rejects("SELECT * FROM jdbc('x', 't')", "reaches outside");
    rejects("SELECT * FROM odbc('x', 't')", "reaches outside");
    rejects("SELECT * FROM hdfs('hdfs://x', 'TSV', 'a String')", "reaches outside");
    rejects("SELECT * FROM s3('http://x', 'CSV', 'a String')", "reaches outside");
    rejects("SELECT * FROM executable('x', 'TSV', 'a String')", "reaches outside");
    rejects("SELECT * FROM dictionary('d')", "reaches outside");
    rejects("SELECT dictGetString('d', 'a', toUInt64(1))", "reaches outside");
    rejects("SELECT * FROM input('a String')", "reaches outside");
    rejects("SELECT * FROM merge(currentDatabase(), '^t')", "reaches outside");
    rejects("SELECT sleepEachRow(3) FROM t", "reaches outside");
    rejects("SELECT `file`('/etc/passwd', 'TSV', 'a String')", "reaches outside");
    rejects("SELECT id FROM t WHERE id IN (SELECT x FROM file('x', 'TSV', 'x UInt8'))", "reaches outside");
    rejects("SELECT * FROM t WHERE 1 = (SELECT 1 FROM remote('h', system.one))", "reaches outside");
    rejects("SELECT myudf2(x) FROM t", "not allowed");
    rejects("SELECT hostName()", "not allowed");
    rejects("SELECT * FROM system.processes", "system.processes");
    rejects("SELECT * FROM SYSTEM.users", "system.users");
    rejects("SELECT * FROM `system`.`settings`", "system.settings");
    rejects("SELECT * FROM \"system\" . \"query_log\"", "system.query_log");
    rejects("SELECT * FROM (SELECT * FROM system.parts)", "system.parts");
    rejects("SELECT * FROM `sys\\x74em`.processes", "backslash");
    rejects("SELECT $3", "$3 is not a parameter");
    rejects("SELECT $0", "not a parameter");
    rejects("SELECT 'a", "not closed");
    rejects("SELECT `a", "not closed");
    rejects("SELECT 1 /* unclosed", "not closed");
    rejects("KILL QUERY WHERE 1", "only SELECT");
    rejects("SELECT 1 FROM t WHERE x IN (SELECT 1) ; SET readonly = 0", "one statement");
    rejects("SHOW TABLES", "only SELECT");
    rejects("SYSTEM SHUTDOWN", "only SELECT");
}

/* ---- parameters -------------------------------------------------------------- */

static void binds(const char *sql, int n, const char *const *v, const char *const *t,
                  const char *want)
{
    char *out = NULL, err[200];
    int rc = engine_clickhouse_bind(sql, n, v, t, &out, err, sizeof err);
    check_one(rc == 0, __FILE__, __LINE__, sql, rc ? err : "ok", "ok");
    if (rc == 0)
        check_str(out, want, __FILE__, __LINE__, sql);
    free(out);
}

static void bind_fails(const char *sql, const char *v, const char *t, const char *why)
{
    char *out = NULL, err[200] = "";
    const char *vs[] = {v}, *ts[] = {t};
    int rc = engine_clickhouse_bind(sql, 1, vs, ts, &out, err, sizeof err);
    check_one(rc < 0 && strstr(err, why), __FILE__, __LINE__, v, rc ? err : out, why);
    free(out);
}

static void test_params(void)
{
    const char *v1[] = {"it's \\' OR 1=1 --", "42"};
    const char *t1[] = {"text", "number"};
    binds("SELECT * FROM t WHERE name = $1 AND n > $2", 2, v1, t1,
          "SELECT * FROM t WHERE name = 'it\\'s \\\\\\' OR 1=1 --' AND n > (42)");
    const char *v2[] = {"-5"};
    const char *t2[] = {"number"};
    binds("SELECT x-$1 FROM t", 1, v2, t2, "SELECT x-(-5) FROM t");
    const char *v3[] = {"2024-02-29"};
    const char *t3[] = {"date"};
    binds("SELECT $1, '$1', `$1` -- $1\n", 1, v3, t3, "SELECT toDate('2024-02-29'), '$1', `$1` -- $1\n");
    const char *v4[] = {NULL, "a,b"};
    const char *t4[] = {"text", "list"};
    binds("SELECT $1, $2, $1", 2, v4, t4, "SELECT NULL, 'a,b', NULL");
    const char *v5[] = {"x"};
    binds("SELECT $1", 1, v5, NULL, "SELECT 'x'");
    const char *v6[] = {"1e3", "0.5"};
    const char *t6[] = {"number", "number"};
    binds("SELECT $2 + $1", 2, v6, t6, "SELECT (0.5) + (1e3)");
    bind_fails("SELECT $1", "1; DROP TABLE t", "number", "not a number");
    bind_fails("SELECT $1", "1 OR 1", "number", "not a number");
    bind_fails("SELECT $1", "0x10", "number", "not a number");
    bind_fails("SELECT $1", "nan", "number", "not a number");
    bind_fails("SELECT $1", "", "number", "not a number");
    bind_fails("SELECT $1", "2023-02-29", "date", "not a date");
    bind_fails("SELECT $1", "2024-01-01') OR ('1", "date", "not a date");
    bind_fails("SELECT $1", "2024-13-01", "date", "not a date");
    bind_fails("SELECT $2", "x", "text", "$2 has no value");
}

/* ---- dialect ----------------------------------------------------------------- */

static void test_dialect(void)
{
    const engine_dialect_t *d = &engine_clickhouse_dialect;
    buf_t b = {0};
#define W(call, want) do { buf_reset(&b); call; CHECK_STR(buf_str(&b), want); } while (0)
    W(d->quote_ident(&b, "a`b\\c"), "`a\\`b\\\\c`");
    W(d->quote_literal(&b, "it's \\"), "'it\\'s \\\\'");
    W(d->date_trunc(&b, ENGINE_MONTH, "`d`"), "toStartOfMonth(`d`)");
    W(d->date_trunc(&b, ENGINE_QUARTER, "`d`"), "toStartOfQuarter(`d`)");
    W(d->date_trunc(&b, ENGINE_YEAR, "`d`"), "toStartOfYear(`d`)");
    W(d->date_trunc(&b, ENGINE_WEEK, "`d`"), "toMonday(`d`)");
    W(d->date_trunc(&b, ENGINE_DAY, "`d`"), "toDate(`d`)");
    W(d->date_part(&b, "year", "x"), "toYear(x)");
    W(d->date_part(&b, "month", "x"), "toMonth(x)");
    W(d->date_part(&b, "quarter", "x"), "toQuarter(x)");
    W(d->date_part(&b, "dow", "x"), "toDayOfWeek(x)");
    W(d->date_part(&b, "day", "x"), "toDayOfMonth(x)");
    W(d->date_add(&b, "today()", '-', 3, "month"), "subtractMonths(today(), 3)");
    W(d->date_add(&b, "x", '+', 7, "day"), "addDays(x, 7)");
    W(d->date_add(&b, "x", '+', -1, "year"), "subtractYears(x, 1)");
    W(d->days_between(&b, "a", "b"), "dateDiff('day', a, b)");
    W(d->ilike(&b, "`n`", "'%ab%'"), "lower(`n`) LIKE lower('%ab%')");
    W(d->order_nulls_last(&b, "x", 1), "x DESC NULLS LAST");
    W(d->order_nulls_last(&b, "x", 0), "x ASC NULLS LAST");
    W(d->cast(&b, "x", "integer"), "CAST(x AS Int64)");
    W(d->cast(&b, "x", "float"), "CAST(x AS Float64)");
    W(d->cast(&b, "x", "date"), "CAST(x AS Date)");
    W(d->cast(&b, "x", "text"), "CAST(x AS String)");
    W(d->agg_if(&b, "sum", "t", "s = 'paid'"), "sumIf(t, s = 'paid')");
    W(d->agg_if(&b, "count", NULL, "s = 'paid'"), "countIf(s = 'paid')");
    W(d->agg_if(&b, "avg", "t", "c"), "avgIf(t, c)");
    W(d->agg_if(&b, "count", "DISTINCT t", "c"), "uniqExactIf(t, c)");  /* 0 for none, not NULL */
    W(d->median(&b, "x"), "median(toFloat64(x))");  /* 18.16: no median of a Decimal */
    W(d->avg(&b, "x"), "avg(toFloat64(x))");        /* 18.16: a Decimal's average keeps its scale */
    W(d->as_time(&b, "x"), "toDateTime(x)");         /* 18.16: Date vs DateTime compared as numbers */
    CHECK_INT(d->no_positions, 1);
    CHECK_INT(d->max_joins, 1);
    CHECK_INT(d->no_exists, 1);
    CHECK_INT(d->left_join_defaults, 1);
#undef W
    CHECK_STR(d->now, "now()");
    CHECK_STR(d->today, "today()");
    CHECK(d->has_median == 1 && d->has_grouping_sets == 0 && d->has_full_join == 1);
    buf_free(&b);
}

/* ---- TSV stream -------------------------------------------------------------- */

typedef struct seen {
    buf_t log;
    int stop_after;
} seen_t;

static int seen_header(void *ctx, int n, char **names, char **types)
{
    seen_t *s = ctx;
    for (int i = 0; i < n; i++)
        buf_printf(&s->log, "%s%s:%s", i ? "," : "H ", names[i], types[i]);
    buf_putc(&s->log, '|');
    return 0;
}

static int seen_row(void *ctx, int n, const engine_ch_cell_t *c)
{
    seen_t *s = ctx;
    for (int i = 0; i < n; i++) {
        buf_puts(&s->log, i ? "," : "R ");
        if (!c[i].s)
            buf_puts(&s->log, "NULL");
        else
            buf_printf(&s->log, "[%.*s]%zu", (int)c[i].n, c[i].s, c[i].full);
    }
    buf_putc(&s->log, '|');
    return --s->stop_after == 0;
}

/* feed text in pieces of `step` bytes; the log of what was seen */
static char *tsv_read(const char *text, size_t step, size_t max_cell, int stop_after, int *rc)
{
    engine_ch_tsv_t p;
    seen_t s = {.stop_after = stop_after};
    engine_ch_tsv_init(&p, max_cell);
    p.header = seen_header;
    p.row = seen_row;
    p.ctx = &s;
    size_t n = strlen(text);
    *rc = 0;
    for (size_t i = 0; i < n && *rc == 0; i += step)
        *rc = engine_ch_tsv_feed(&p, text + i, i + step < n ? step : n - i);
    if (*rc == 0)
        *rc = engine_ch_tsv_finish(&p);
    if (*rc == -2)
        buf_printf(&s.log, "E %s", engine_ch_tsv_error(&p));
    engine_ch_tsv_free(&p);
    return buf_detach(&s.log);
}

static void test_tsv(void)
{
    const char *reply = "id\ts\tn\n"
                        "UInt32\tString\tNullable(Float64)\n"
                        "1\ta\\tb\\\\c\\nd\t\\N\n"
                        "2\t\t2.5\n"
                        "3\t\\\\N\t\\N\n";
    const char *want = "H id:UInt32,s:String,n:Nullable(Float64)|"
                       "R [1]1,[a\tb\\c\nd]7,NULL|R [2]1,[]0,[2.5]3|R [3]1,[\\N]2,NULL|";
    int rc;
    for (size_t step = 1; step <= 7; step += 3) {
        char *got = tsv_read(reply, step, 100, 0, &rc);
        CHECK_INT(rc, 0);
        CHECK_STR(got, want);
        free(got);
    }
    /* cut cells: 3 bytes kept, full size counted */
    char *got = tsv_read("s\nString\nabcdef\nab\n", 2, 3, 0, &rc);
    CHECK_STR(got, "H s:String|R [abc]6|R [ab]2|");
    free(got);
    /* a callback's stop ends the feed with its value */
    got = tsv_read("x\nUInt8\n1\n2\n3\n", 1, 10, 2, &rc);
    CHECK_INT(rc, 1);
    CHECK_STR(got, "H x:UInt8|R [1]1|R [2]1|");
    free(got);
    /* the server's error after rows had gone out */
    got = tsv_read("a\tb\nUInt64\tString\n1\tx\nCode: 159, e.displayText() = DB::Exception: "
                   "Timeout exceeded, e.what() = DB::Exception\n", 5, 100, 0, &rc);
    CHECK_INT(rc, -2);
    CHECK(strstr(got, "R [1]1,[x]1|E Code: 159") != NULL);
    free(got);
    got = tsv_read("a\nString\nCode: 241, e.displayText() = DB::Exception: Memory limit\n", 3,
                   100, 0, &rc);
    CHECK_INT(rc, -2);
    free(got);
    /* a reply cut inside a row */
    got = tsv_read("a\nString\nabc", 4, 100, 0, &rc);
    CHECK_INT(rc, -1);
    free(got);
    /* the error before any header line */
    got = tsv_read("Code: 60, e.displayText() = DB::Exception: Table x doesn't exist, e.what() = DB::Exception\n",
                   8, 100, 0, &rc);
    CHECK_INT(rc, -2);
    free(got);
    char err[200];
    CHECK_INT(engine_ch_error_text("Code: 60, e.displayText() = DB::Exception: Table default.x "
                                   "doesn't exist., e.what() = DB::Exception\n", 98, err, sizeof err), 60);
    CHECK_STR(err, "Table default.x doesn't exist.");
    CHECK_STR(engine_clickhouse_type_kind("Nullable(UInt8)"), "integer");
    CHECK_STR(engine_clickhouse_type_kind("LowCardinality(Nullable(String))"), "text");
    CHECK_STR(engine_clickhouse_type_kind("Decimal(10, 2)"), "number");
    CHECK_STR(engine_clickhouse_type_kind("Float32"), "number");
    CHECK_STR(engine_clickhouse_type_kind("Date"), "date");
    CHECK_STR(engine_clickhouse_type_kind("DateTime('UTC')"), "timestamp");
    CHECK_STR(engine_clickhouse_type_kind("Array(Int32)"), "text");
}

int main(void)
{
    test_policy_passes();
    test_policy_refuses();
    test_params();
    test_dialect();
    test_tsv();
    return check_done("test_engine_clickhouse");
}
