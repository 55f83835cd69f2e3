/* test_pivot.c — the pivot's and describe's SQL (query/pivot.c,
 * describe.c): names from the result's columns only, quoted; aggregates
 * from the fixed list; the wrapped SQL accepted by the validator; the
 * grouped result read back into a grid and the statistics into their
 * struct; the histogram's SVG. */
#include "check.h"
#include "chart/chart.h"
#include "core/arena.h"
#include "query/query.h"
#include "sqlsafe/sqlsafe.h"

#include <math.h>

static json_t *cols(void)
{
    return json_loads("[{\"name\":\"region\",\"type\":\"text\",\"dbtype\":\"text\"},"
                      "{\"name\":\"month\",\"type\":\"date\",\"dbtype\":\"date\"},"
                      "{\"name\":\"revenue\",\"type\":\"number\",\"dbtype\":\"numeric\"},"
                      "{\"name\":\"qty\",\"type\":\"integer\",\"dbtype\":\"int4\"},"
                      "{\"name\":\"we\\\"ird\",\"type\":\"text\",\"dbtype\":\"text\"}]", 0, NULL);
}

static int validates(const char *sql)
{
    sqlsafe_check_t c;
    char err[256];
    int ok = sqlsafe_validate(sql, strlen(sql), NULL, 0, &c, err, sizeof err) == 0;
    if (ok)
        sqlsafe_check_free(&c);
    else
        fprintf(stderr, "rejected: %s\n%s\n", err, sql);
    return ok;
}

static void test_pivot_sql(arena_t *a, const json_t *c)
{
    char err[256];
    query_pivot_t p = {.rows = "region", .cols = "month", .agg = "sum", .val = "revenue"};
    const char *sql = query_pivot_sql(a, NULL, "SELECT * FROM sales -- note\n ; ", c, &p, err, sizeof err);
    CHECK_STR(sql,
              "SELECT src.\"region\", src.\"month\", sum(src.\"revenue\") AS \"sum of revenue\",\n"
              "  CASE GROUPING(src.\"region\", src.\"month\") WHEN 0 THEN '' WHEN 1 THEN 'row total' "
              "WHEN 2 THEN 'column total' ELSE 'grand total' END AS \"total\"\nFROM (\n"
              "SELECT * FROM sales -- note\n) AS src\nGROUP BY GROUPING SETS ((src.\"region\", "
              "src.\"month\"), (src.\"region\"), (src.\"month\"), ())\nORDER BY GROUPING(src.\"region\", "
              "src.\"month\"), src.\"region\" NULLS LAST, src.\"month\" NULLS LAST");
    CHECK(sql && validates(sql));
    query_pivot_t q = {.rows = "we\"ird", .agg = "count"};
    sql = query_pivot_sql(a, NULL, "SELECT 1", c, &q, err, sizeof err);
    CHECK(sql && strstr(sql, "src.\"we\"\"ird\", count(*) AS \"count\""));
    CHECK(sql && strstr(sql, "GROUPING SETS ((src.\"we\"\"ird\"), ())"));
    CHECK(sql && validates(sql));
    q = (query_pivot_t){.rows = "month", .agg = "max", .val = "region"}; /* max of text is fine */
    CHECK(query_pivot_sql(a, NULL, "SELECT 1", c, &q, err, sizeof err) != NULL);
}

static void test_pivot_refusals(arena_t *a, const json_t *c)
{
    char err[256];
    struct { query_pivot_t p; const char *says; } bad[] = {
        {{.rows = NULL, .agg = "count"}, "rows"},
        {{.rows = "nope", .agg = "count"}, "no column \"nope\""},
        {{.rows = "region\" FROM x; --", .agg = "count"}, "no column"},
        {{.rows = "region", .agg = "median", .val = "qty"}, "Choose an aggregate"},
        {{.rows = "region", .agg = "count(*)); --"}, "Choose an aggregate"},
        {{.rows = "region", .agg = "sum", .val = "region"}, "not a number"},
        {{.rows = "region", .agg = "avg"}, "Choose the column to avg"},
        {{.rows = "region", .cols = "region", .agg = "count"}, "two different"},
        {{.rows = "region", .cols = "zz", .agg = "count"}, "no column \"zz\""},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err[0] = 0;
        CHECK(query_pivot_sql(a, NULL, "SELECT 1", c, &bad[i].p, err, sizeof err) == NULL);
        CHECK(strstr(err, bad[i].says) != NULL);
    }
    json_t *dup = json_loads("[{\"name\":\"a\",\"type\":\"text\"},{\"name\":\"a\",\"type\":\"text\"}]",
                             0, NULL);
    query_pivot_t p = {.rows = "a", .agg = "count"};
    CHECK(query_pivot_sql(a, NULL, "SELECT 1", dup, &p, err, sizeof err) == NULL);
    CHECK(strstr(err, "two columns named \"a\"") != NULL);
    json_decref(dup);
}

static void test_pivot_grid(arena_t *a)
{
    char err[256];
    json_t *res = json_loads("{\"rows\":["
        "[\"EU\",\"Jan\",1,\"\"],[\"EU\",\"Feb\",2,\"\"],[\"US\",\"Feb\",5,\"\"],[null,\"Jan\",7,\"\"],"
        "[\"EU\",null,3,\"row total\"],[\"US\",null,5,\"row total\"],[null,null,7,\"row total\"],"
        "[null,\"Feb\",7,\"column total\"],[null,\"Jan\",8,\"column total\"],"
        "[null,null,15,\"grand total\"]], \"truncated\":false}", 0, NULL);
    query_pivot_grid_t g;
    CHECK_INT(query_pivot_grid(a, res, 1, &g, err, sizeof err), 0);
    CHECK_INT(g.nrows, 3);
    CHECK_INT(g.ncols, 2);
    CHECK_STR(json_string_value(g.row_keys[1]), "US");
    CHECK(json_is_null(g.row_keys[2])); /* a NULL key is a row of its own, not a total */
    CHECK_STR(json_string_value(g.col_keys[0]), "Feb");
    CHECK_INT(json_integer_value(g.cells[0 * 2 + 1]), 1); /* EU × Jan */
    CHECK(g.cells[1 * 2 + 1] == NULL);                    /* US × Jan: no row */
    CHECK_INT(json_integer_value(g.cells[2 * 2 + 1]), 7); /* NULL × Jan */
    CHECK_INT(json_integer_value(g.row_totals[0]), 3);
    CHECK_INT(json_integer_value(g.col_totals[1]), 8);
    CHECK_INT(json_integer_value(g.grand), 15);
    json_object_set_new(res, "truncated", json_true());
    CHECK_INT(query_pivot_grid(a, res, 1, &g, err, sizeof err), -1);
    CHECK(strstr(err, "more groups") != NULL);
    json_decref(res);
    json_t *wide = json_pack("{s:[], s:b}", "rows", "truncated", 0);
    for (int i = 0; i <= QUERY_PIVOT_MAX_COLS; i++)
        json_array_append_new(json_object_get(wide, "rows"),
                              json_pack("[n, i, i, s]", i, 1, "column total"));
    CHECK_INT(query_pivot_grid(a, wide, 1, &g, err, sizeof err), -1);
    CHECK(strstr(err, "at most") != NULL);
    json_decref(wide);
}

static void test_describe_sql(arena_t *a, const json_t *c)
{
    char err[256];
    const char *sql = query_describe_sql(a, NULL, "WITH t AS (SELECT 1) SELECT * FROM t;", c, err, sizeof err);
    CHECK(sql && strncmp(sql, "WITH src AS MATERIALIZED (\nWITH t AS (SELECT 1) SELECT * FROM t\n)",
                         63) == 0);
    CHECK(sql && validates(sql));
    CHECK(sql && strstr(sql, "percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY "
                             "src.\"revenue\"::float8) AS q2"));
    CHECK(sql && strstr(sql, "width_bucket(src.\"qty\"::float8, st.lo3, st.hi3, 10)"));
    CHECK(sql && strstr(sql, "corr(src.\"revenue\"::float8, src.\"qty\"::float8) AS r0"));
    CHECK(sql && strstr(sql, "(VALUES (2, 3, st.r0))"));
    CHECK(sql && strstr(sql, "count(DISTINCT src.\"we\"\"ird\"::text COLLATE \"C\")"));
    CHECK(sql && strstr(sql, "(st.q2[2])::float8 AS f3"));
    CHECK(sql && strstr(sql, "min(src.\"month\")")); /* dates keep their order */
    CHECK(sql && !strstr(sql, "avg(src.\"month\""));
    json_t *many = json_array();
    for (int i = 0; i <= QUERY_DESCRIBE_MAX_COLS; i++)
        json_array_append_new(many, json_pack("{s:s, s:s}", "name", arena_printf(a, "c%d", i),
                                              "type", "integer"));
    CHECK(query_describe_sql(a, NULL, "SELECT 1", many, err, sizeof err) == NULL);
    CHECK(strstr(err, "at most") != NULL);
    json_decref(many);
}

static void test_describe_read(arena_t *a, const json_t *c)
{
    json_t *res = json_loads("{\"rows\":["
        "[\"col\",2,null,10,9,4,\"1.5\",\"99\",40.5,10,20,30,5.5],"
        "[\"col\",0,null,10,10,3,\"EU\",\"US\",null,null,null,null,null],"
        "[\"top\",0,1,6,null,null,\"EU\",null,null,null,null,null,null],"
        "[\"top\",0,2,4,null,null,\"US\",null,null,null,null,null,null],"
        "[\"hist\",2,1,3,null,null,null,null,1.5,99,null,null,null],"
        "[\"hist\",2,10,6,null,null,null,null,1.5,99,null,null,null],"
        "[\"corr\",2,3,null,null,null,null,null,-0.25,null,null,null,null]]}", 0, NULL);
    query_describe_t d;
    query_describe_read(a, c, res, &d);
    CHECK_INT(d.ncols, 5);
    CHECK_STR(d.cols[2].name, "revenue");
    CHECK_INT(d.cols[2].rows - d.cols[2].nonnull, 1);
    CHECK_INT(d.cols[2].distinct, 4);
    CHECK_STR(d.cols[2].max, "99");
    CHECK(d.cols[2].p50 == 20 && d.cols[2].sd == 5.5);
    CHECK(isnan(d.cols[0].mean));
    CHECK_INT(d.cols[0].ntop, 2);
    CHECK_STR(d.cols[0].top_v[1], "US");
    CHECK(d.cols[2].has_hist && d.cols[2].hist[9] == 6 && d.cols[2].hist[4] == 0);
    CHECK(d.corr[2 * 5 + 3] == -0.25 && d.corr[3 * 5 + 2] == -0.25 && d.corr[3 * 5 + 3] == 1);
    CHECK(d.cols[3].in_corr && !d.cols[0].in_corr);
    json_decref(res);
}

static void test_spark(void)
{
    buf_t b = {0};
    long long h[4] = {0, 5, 10, 1};
    chart_spark_histogram(&b, h, 4, 0, 100);
    const char *s = buf_str(&b);
    int rects = 0;
    for (const char *p = s; (p = strstr(p, "<rect class=\"spark-bar\"")); p++)
        rects++;
    CHECK_INT(rects, 4);
    CHECK(strstr(s, "style=") == NULL);
    CHECK(strstr(s, "<title>50 to 75: 10</title>") != NULL);
    CHECK(strstr(s, "height=\"32\"><title>50") != NULL); /* the fullest bin fills the height */
    buf_free(&b);
}

int main(void)
{
    arena_t *a = arena_new();
    json_t *c = cols();
    test_pivot_sql(a, c);
    test_pivot_refusals(a, c);
    test_pivot_grid(a);
    test_describe_sql(a, c);
    test_describe_read(a, c);
    test_spark();
    json_decref(c);
    arena_free(a);
    return check_done("test_pivot");
}
