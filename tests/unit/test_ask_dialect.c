/* test_ask_dialect.c — the planner writes any engine's SQL: the demo
 * shop's questions planned through a test-only MySQL-style dialect (backticks,
 * DATE_FORMAT, CASE instead of FILTER, `x IS NULL, x DESC` for NULLS LAST,
 * no median) come out with no PostgreSQL-only construct left, and a median
 * is declined in plain words; the same questions through engine_pg_dialect
 * are the SQL the planner writes by default (NULL dialect), byte for byte.
 *
 *   test_ask_dialect [fixtures dir]   (default tests/unit/ask_fixtures)
 *   DM_SHOW_SQL=1 prints each statement. */
#include "ask/ask.h"
#include "ask/internal.h"
#include "engine/internal.h"
#include "check.h"
#include "my_dialect.h"
#include "core/mem.h"

#include <stdlib.h>
#include <string.h>

/* ---- the checks ----------------------------------------------------------- */

static const char *const questions[] = {
    "orders last month",
    "how many orders this year",
    "how many orders in Q3 2024",
    "how many orders in 2024",
    "how many orders in the last 30 days",
    "how many orders in the last 2 quarters",
    "how many orders last quarter",
    "how many orders last week",
    "how many orders since 2024-03-01",
    "how many orders before 2024",
    "how many orders yesterday",
    "how many orders today",
    "orders this week by day",
    "revenue year to date",
    "How many orders per month?",
    "orders by week",
    "revenue by quarter",
    "revenue by year",
    "Top 10 products by revenue",
    "top ten customers by revenue",
    "which customer has the most orders",
    "revenue by category",
    "how many customers in Germany and France",
    "products priced between 10 and 20",
    "customers in Ireland",
    "orders by status",
    "revenue by region and channel",
    "number of orders by category",
    "number of distinct customers who ordered last month",
    "how many orders were not completed",
    "how many customers have no email",
    "revenue from customers in Germany",
    "lowest priced product",
    "the 5 most expensive products",
    "orders by channel",
    "what percentage of orders are completed",
    "products whose name contains chair",
    "customers whose name starts with a",
    "what tables are there",
    "describe the orders table",
    "show 7 rows of customers",
    "how many rows in order_items",
    "what does the segment column contain",
    "customers in the same city as Aditya Almeida",
    "how many other customers are in the same segment as Aditya Anderson",
    "how many days are there between the first and the last order?",
    "how many orders in 2024 compared with 2023",
    NULL,
};

/* PostgreSQL-only constructs; NULL-terminated */
static const char *const pg_only[] = {"\"", "::", "ILIKE", "date_trunc", "FILTER", "interval '",
                                      "NULLS LAST", "percentile_cont", "now()", "current_date",
                                      "DATE '", "||", "(VALUES", NULL};

static char *plan_sql(const ask_schema_t *s, const char *q, char *why, size_t whylen)
{
    ask_plan_result_t r;
    char err[256];
    if (ask_plan(s, q, NULL, &r, err, sizeof err) < 0)
        return NULL;
    char *sql = r.sql ? xstrdup(r.sql) : NULL;
    const char *msg = json_string_value(json_object_get(r.clarify, "message"));
    snprintf(why, whylen, "%s", msg ? msg : "");
    ask_plan_result_free(&r);
    return sql;
}

static void test_no_pg_left(const ask_schema_t *my, const ask_schema_t *pg, const ask_schema_t *dflt)
{
    int show = getenv("DM_SHOW_SQL") != NULL;
    for (int i = 0; questions[i]; i++) {
        char why[512];
        char *m = plan_sql(my, questions[i], why, sizeof why);
        char *p = plan_sql(pg, questions[i], why, sizeof why);
        char *d = plan_sql(dflt, questions[i], why, sizeof why);
        if (show)
            printf("%s\n  pg: %s\n  my: %s\n", questions[i], p ? p : why, m ? m : why);
        if (!m || !p || !d)
            fprintf(stderr, "no SQL for: %s (%s)\n", questions[i], why);
        CHECK(m && p && d);
        CHECK(p && d && !strcmp(p, d));  /* engine_pg_dialect is the default, byte for byte */
        for (int k = 0; m && pg_only[k]; k++)
            if (strstr(m, pg_only[k])) {
                fprintf(stderr, "PostgreSQL's %s left in: %s\n  %s\n", pg_only[k], questions[i], m);
                CHECK(0);
            }
        CHECK(m && strchr(m, '`'));
        free(m);
        free(p);
        free(d);
    }
}

/* no median on this engine: said plainly, no SQL */
static void test_no_median(const ask_schema_t *my, const ask_schema_t *pg)
{
    char why[512];
    char *m = plan_sql(my, "median unit price of products", why, sizeof why);
    CHECK(m == NULL);
    if (m || !strstr(why, "median is not available on this database"))
        fprintf(stderr, "median: %s\n", m ? m : why);
    CHECK(strstr(why, "median is not available on this database") != NULL);
    free(m);
    char *p = plan_sql(pg, "median unit price of products", why, sizeof why);
    CHECK(p && strstr(p, "percentile_cont(0.5) WITHIN GROUP"));
    free(p);
}

/* the forms themselves: a value's quote, a list's items, a constant table */
static void test_forms(const ask_schema_t *my)
{
    buf_t b = {0};
    dialect_literal(my, &b, "O'Brien \\");
    CHECK_STR(buf_str(&b), "'O''Brien \\\\'");
    buf_free(&b);
    char why[512];
    char *m = plan_sql(my, "what tables are there", why, sizeof why);
    CHECK(m && strstr(m, "UNION ALL SELECT") && strstr(m, "AS `row_estimate`"));
    free(m);
    m = plan_sql(my, "how many orders in 2024", why, sizeof why);
    CHECK(m && strstr(m, ">= CAST('2024-01-01' AS DATE) AND"));
    free(m);
    m = plan_sql(my, "how many orders last quarter", why, sizeof why);
    CHECK(m && strstr(m, "DATE_SUB(MAKEDATE(YEAR(CURRENT_DATE), 1)"));
    CHECK(m && strstr(m, "INTERVAL 3 MONTH)"));
    free(m);
}

/* a column of comma-separated lists: an item matched inside CONCAT, not || */
static void test_list_items(void)
{
    json_t *d = json_pack("{s:[{s:s, s:s, s:s, s:i, s:[{s:s, s:s, s:b, s:n, s:f, s:[]},"
                          "{s:s, s:s, s:b, s:n, s:f, s:[]}, {s:s, s:s, s:b, s:n, s:f,"
                          " s:[s, s, s, s, s]}]}]}",
                          "tables", "schema", "public", "name", "shows", "type", "table",
                          "row_estimate", 8800, "columns",
                          "name", "show_id", "type", "text", "pk", 1, "fk", "n_distinct", -1.0,
                          "samples",
                          "name", "title", "type", "text", "pk", 0, "fk", "n_distinct", -1.0,
                          "samples",
                          "name", "country", "type", "text", "pk", 0, "fk", "n_distinct", 20.0,
                          "samples", "Japan", "United States", "United States, Japan",
                          "India, Japan", "France");
    char err[256], why[512];
    ask_schema_opts_t mo = {.dialect = &my_dialect};
    ask_schema_t *s = d ? ask_schema_new_with(d, NULL, &mo, err, sizeof err) : NULL;
    CHECK(s != NULL);
    char *m = s ? plan_sql(s, "how many shows are from Japan", why, sizeof why) : NULL;
    CHECK(m && strstr(m, "CONCAT(', ', `s`.`country`, ', ') LIKE '%, Japan, %'") && !strstr(m, "||"));
    if (!m || !strstr(m, "CONCAT("))
        fprintf(stderr, "list items: %s\n", m ? m : why);
    free(m);
    ask_schema_free(s);
    json_decref(d);
}

static json_t *load(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    json_t *j = json_load_file(path, 0, NULL);
    if (!j)
        fprintf(stderr, "cannot read %s\n", path);
    return j;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/unit/ask_fixtures";
    char err[256];
    json_t *sj = load(dir, "shop_schema.json");
    if (!sj)
        return 1;
    ask_schema_opts_t mo = {.dialect = &my_dialect}, po = {.dialect = &engine_pg_dialect};
    ask_schema_t *my = ask_schema_new_with(sj, NULL, &mo, err, sizeof err);
    ask_schema_t *pg = ask_schema_new_with(sj, NULL, &po, err, sizeof err);
    ask_schema_t *dflt = ask_schema_new(sj, NULL, err, sizeof err);
    CHECK(my && pg && dflt);
    if (my && pg && dflt) {
        test_no_pg_left(my, pg, dflt);
        test_no_median(my, pg);
        test_forms(my);
        test_list_items();
    }
    ask_schema_free(my);
    ask_schema_free(pg);
    ask_schema_free(dflt);
    json_decref(sj);
    return check_done("test_ask_dialect");
}
