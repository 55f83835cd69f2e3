/* test_ask_nest.c — a question over more tables than the dialect joins in
 * one SELECT (ClickHouse 18.16: max_joins 1) is written as left-deep
 * sub-queries, one JOIN each (sqlshape_nest.c): the SQL of a 3- and a
 * 4-table question in full under PostgreSQL's dialect with max_joins 1 and
 * 2; every SELECT of the shop's questions (inner joins, LEFT JOINs kept
 * for zeros, the semi-join, an EXISTS, HAVING) holds at most max_joins
 * JOINs and reads the nest through "nK"."alias__column" only; a key of
 * two columns joins on both inside the nest; a metric
 * whose definition names its tables is declined in words; without EXISTS
 * (no_exists) the related rows are an IN list; where a missing LEFT JOINed
 * row reads defaults (left_join_defaults) its rows that are there are
 * marked and counted; max_joins 0
 * writes what it always wrote. (The rows are compared on a real
 * ClickHouse 18.16 by tests/integration/test_engines_same.py.)
 *
 *   test_ask_nest [fixtures dir]   (default tests/unit/ask_fixtures)
 *   DM_SHOW_SQL=1 prints each statement. */
#include "ask/ask.h"
#include "ask/internal.h"
#include "check.h"
#include "core/mem.h"

#include <stdlib.h>
#include <string.h>

static char *plan_sql(const ask_schema_t *s, const char *q, char *why, size_t whylen)
{
    ask_plan_result_t r;
    char err[256];
    if (ask_plan(s, q, NULL, &r, err, sizeof err) < 0) {
        snprintf(why, whylen, "%s", err);
        return NULL;
    }
    char *sql = r.sql ? xstrdup(r.sql) : NULL;
    const char *msg = json_string_value(json_object_get(r.clarify, "message"));
    snprintf(why, whylen, "%s", msg ? msg : "");
    ask_plan_result_free(&r);
    if (getenv("DM_SHOW_SQL"))
        printf("%s\n  %s\n", q, sql ? sql : why);
    return sql;
}

/* The most JOINs one SELECT of sql has: each parenthesised group is its
 * own SELECT (or an IN / EXISTS list), the JOINs at its own depth counted. */
static int most_joins_per_select(const char *sql)
{
    int depth = 0, most = 0, count[64] = {0};
    for (const char *p = sql; *p; p++) {
        if (*p == '(' && depth < 63)
            count[++depth] = 0;
        else if (*p == ')' && depth > 0)
            depth--;
        else if (!strncmp(p, " JOIN ", 6) && ++count[depth] > most)
            most = count[depth];
    }
    return most;
}

static const char revenue_by_category[] =
    "SELECT \"c\".\"name\" AS \"category\", sum(\"n1\".\"oi__quantity\" * \"n1\".\"oi__unit_price\" "
    "* (1 - \"n1\".\"oi__discount\")) AS \"revenue\" FROM (SELECT \"oi\".\"id\" AS \"oi__id\", "
    "\"oi\".\"order_id\" AS \"oi__order_id\", \"oi\".\"product_id\" AS \"oi__product_id\", "
    "\"oi\".\"quantity\" AS \"oi__quantity\", \"oi\".\"unit_price\" AS \"oi__unit_price\", "
    "\"oi\".\"discount\" AS \"oi__discount\", \"p\".\"id\" AS \"p__id\", \"p\".\"name\" AS "
    "\"p__name\", \"p\".\"category_id\" AS \"p__category_id\", \"p\".\"unit_price\" AS "
    "\"p__unit_price\", \"p\".\"cost\" AS \"p__cost\", \"p\".\"launched_at\" AS \"p__launched_at\" "
    "FROM \"public\".\"order_items\" AS \"oi\" JOIN \"public\".\"products\" AS \"p\" ON "
    "\"oi\".\"product_id\" = \"p\".\"id\") AS \"n1\" JOIN \"public\".\"categories\" AS \"c\" ON "
    "\"n1\".\"p__category_id\" = \"c\".\"id\" GROUP BY 1 ORDER BY 2 DESC NULLS LAST, 1 LIMIT 1000";

static const char germany_customers[] =
    "SELECT sum(\"n2\".\"oi__quantity\" * \"n2\".\"oi__unit_price\" * (1 - \"n2\".\"oi__discount\")) "
    "AS \"revenue\" FROM (SELECT \"n1\".\"oi__id\" AS \"oi__id\", \"n1\".\"oi__order_id\" AS "
    "\"oi__order_id\", \"n1\".\"oi__product_id\" AS \"oi__product_id\", \"n1\".\"oi__quantity\" AS "
    "\"oi__quantity\", \"n1\".\"oi__unit_price\" AS \"oi__unit_price\", \"n1\".\"oi__discount\" AS "
    "\"oi__discount\", \"n1\".\"o__id\" AS \"o__id\", \"n1\".\"o__customer_id\" AS \"o__customer_id\", "
    "\"n1\".\"o__ordered_at\" AS \"o__ordered_at\", \"n1\".\"o__status\" AS \"o__status\", "
    "\"n1\".\"o__channel\" AS \"o__channel\", \"n1\".\"o__shipping_country_id\" AS "
    "\"o__shipping_country_id\", \"c\".\"id\" AS \"c__id\", \"c\".\"name\" AS \"c__name\", "
    "\"c\".\"email\" AS \"c__email\", \"c\".\"country_id\" AS \"c__country_id\", \"c\".\"city\" AS "
    "\"c__city\", \"c\".\"segment\" AS \"c__segment\", \"c\".\"created_at\" AS \"c__created_at\" "
    "FROM (SELECT \"oi\".\"id\" AS \"oi__id\", \"oi\".\"order_id\" AS \"oi__order_id\", "
    "\"oi\".\"product_id\" AS \"oi__product_id\", \"oi\".\"quantity\" AS \"oi__quantity\", "
    "\"oi\".\"unit_price\" AS \"oi__unit_price\", \"oi\".\"discount\" AS \"oi__discount\", "
    "\"o\".\"id\" AS \"o__id\", \"o\".\"customer_id\" AS \"o__customer_id\", \"o\".\"ordered_at\" AS "
    "\"o__ordered_at\", \"o\".\"status\" AS \"o__status\", \"o\".\"channel\" AS \"o__channel\", "
    "\"o\".\"shipping_country_id\" AS \"o__shipping_country_id\" FROM \"public\".\"order_items\" AS "
    "\"oi\" JOIN \"public\".\"orders\" AS \"o\" ON \"oi\".\"order_id\" = \"o\".\"id\") AS \"n1\" "
    "JOIN \"public\".\"customers\" AS \"c\" ON \"n1\".\"o__customer_id\" = \"c\".\"id\") AS \"n2\" "
    "JOIN \"public\".\"countries\" AS \"c2\" ON \"n2\".\"c__country_id\" = \"c2\".\"id\" WHERE "
    "\"c2\".\"name\" = 'Germany'";

static void check_sql(const ask_schema_t *s, const char *q, const char *want)
{
    char why[512];
    char *got = plan_sql(s, q, why, sizeof why);
    CHECK(got && !strcmp(got, want));
    if (!got || strcmp(got, want))
        fprintf(stderr, "%s\n  got:  %s\n  want: %s\n", q, got ? got : why, want);
    free(got);
}

/* the 3- and the 4-table question, whole */
static void test_full_sql(const ask_schema_t *one)
{
    check_sql(one, "revenue by category", revenue_by_category);
    check_sql(one, "revenue from customers in Germany", germany_customers);
}

/* max_joins 2: the 4 tables are one sub-query of two joins and one join */
static void test_two_joins(const ask_schema_t *two)
{
    char why[512];
    char *m = plan_sql(two, "revenue from customers in Germany", why, sizeof why);
    CHECK(m && most_joins_per_select(m) == 2);
    CHECK(m && strstr(m, "\"oi\" JOIN \"public\".\"orders\" AS \"o\" ON \"oi\".\"order_id\" = "
                         "\"o\".\"id\" JOIN \"public\".\"customers\" AS \"c\" ON \"o\".\"customer_id\" "
                         "= \"c\".\"id\") AS \"n1\" JOIN \"public\".\"countries\" AS \"c2\" ON "
                         "\"n1\".\"c__country_id\" = \"c2\".\"id\" WHERE \"c2\".\"name\" = 'Germany'"));
    CHECK(m && !strstr(m, "\"n2\""));
    free(m);
    m = plan_sql(two, "revenue by category", why, sizeof why);  /* fits: as always */
    CHECK(m && !strstr(m, "__") && most_joins_per_select(m) == 2);
    free(m);
}

static const char *const questions[] = {
    "revenue by category",                                  /* 3 tables, GROUP BY */
    "revenue per quarter for Electronics",                  /* 4 tables, a period */
    "revenue by region and channel",                        /* 4 tables, two groupings */
    "top ten customers by revenue",                         /* ORDER BY, LIMIT, IS NOT NULL */
    "regions with more than 20000 orders",                  /* HAVING */
    "how many orders does each region have",                /* LEFT JOINs: zeros kept */
    "average unit price of products ordered by Enterprise customers",  /* the semi-join */
    "count of distinct customers by category",              /* 5 tables, a distinct count */
    "products never ordered by customers in Germany",       /* an EXISTS of 3 tables */
    "list orders from customers in Germany",                /* a list */
    NULL,
};

/* every SELECT one JOIN at most; the nest read as "nK"."alias__column" */
static void test_one_join_each(const ask_schema_t *one, const ask_schema_t *pg)
{
    for (int i = 0; questions[i]; i++) {
        char why[512];
        char *m = plan_sql(one, questions[i], why, sizeof why);
        char *p = plan_sql(pg, questions[i], why, sizeof why);
        if (!m)
            fprintf(stderr, "no SQL for: %s (%s)\n", questions[i], why);
        CHECK(m && p);
        CHECK(m && most_joins_per_select(m) <= 1);
        CHECK(m && p && most_joins_per_select(p) > 1 && strstr(m, "__") && !strstr(p, "__"));
        free(m);
        free(p);
    }
    char why[512];  /* the zeros' LEFT JOINs stay LEFT, inside the nest and out */
    char *m = plan_sql(one, "how many orders does each region have", why, sizeof why);
    CHECK(m && strstr(m, "\"r\" LEFT JOIN \"public\".\"countries\"") &&
          strstr(m, "AS \"n1\" LEFT JOIN \"public\".\"orders\" AS \"o\" ON "
                    "\"o\".\"shipping_country_id\" = \"n1\".\"c__id\""));
    free(m);
    m = plan_sql(one, "products never ordered by customers in Germany", why, sizeof why);
    CHECK(m && strstr(m, "AS \"xn1\" JOIN \"public\".\"countries\" AS \"xc\""));
    free(m);
    m = plan_sql(one, "list orders from customers in Germany", why, sizeof why);
    CHECK(m && !strstr(m, ".*") && strstr(m, "SELECT \"n1\".\"o__id\" AS \"id\", "));
    free(m);
}

static ask_schema_t *schema_with(const json_t *sj, const json_t *vocab, const engine_dialect_t *d)
{
    char err[256];
    ask_schema_opts_t o = {.dialect = d};
    ask_schema_t *s = ask_schema_new_with(sj, vocab, &o, err, sizeof err);
    CHECK(s != NULL);
    return s;
}

/* no EXISTS (ClickHouse 18.16): key [NOT] IN the related rows' keys, their
 * own joins nested too */
static void test_no_exists(const json_t *sj)
{
    engine_dialect_t d = engine_pg_dialect;
    d.max_joins = 1;
    d.no_exists = 1;
    char why[512];
    ask_schema_t *s = schema_with(sj, NULL, &d);
    char *m = s ? plan_sql(s, "customers who never ordered", why, sizeof why) : NULL;
    CHECK(m && strstr(m, " WHERE \"c\".\"id\" NOT IN (SELECT \"xo\".\"customer_id\" FROM "
                         "\"public\".\"orders\" AS \"xo\" WHERE \"xo\".\"customer_id\" IS NOT NULL)"));
    free(m);
    m = s ? plan_sql(s, "products never ordered by customers in Germany", why, sizeof why) : NULL;
    CHECK(m && !strstr(m, "EXISTS") && most_joins_per_select(m) <= 1 &&
          strstr(m, "WHERE \"n2\".\"p__id\" NOT IN (SELECT \"xn1\".\"xoi__product_id\" FROM (SELECT ") &&
          strstr(m, "AS \"xn1\" JOIN \"public\".\"countries\" AS \"xc\" ON \"xn1\".\"xo__shipping_country_id\" "
                    "= \"xc\".\"id\" WHERE \"xn1\".\"xoi__product_id\" IS NOT NULL AND \"xc\".\"name\" = 'Germany')"));
    free(m);
    ask_schema_free(s);
}

/* a LEFT JOINed row that is not there reads defaults (ClickHouse 18.16):
 * each LEFT JOINed table marked, the marker carried through the nest, and
 * only the rows that are there counted */
static void test_left_join_defaults(const json_t *sj)
{
    engine_dialect_t d = engine_pg_dialect;
    d.max_joins = 1;
    d.left_join_defaults = 1;
    char why[512];
    ask_schema_t *s = schema_with(sj, NULL, &d);
    char *m = s ? plan_sql(s, "how many orders does each region have", why, sizeof why) : NULL;
    CHECK(m && strstr(m, "SELECT \"n1\".\"r__name\" AS \"region\", count(DISTINCT \"o\".\"id\") "
                         "FILTER (WHERE \"o\".\"dm__hit\" = 1) AS \"orders\" FROM (SELECT "));
    CHECK(m && strstr(m, ", \"c\".\"dm__hit\" AS \"c__dm__hit\" FROM \"public\".\"regions\" AS \"r\" "
                         "LEFT JOIN (SELECT *, 1 AS \"dm__hit\" FROM \"public\".\"countries\") AS \"c\" ON "));
    CHECK(m && strstr(m, ") AS \"n1\" LEFT JOIN (SELECT *, 1 AS \"dm__hit\" FROM \"public\".\"orders\") "
                         "AS \"o\" ON \"o\".\"shipping_country_id\" = \"n1\".\"c__id\""));
    free(m);
    ask_schema_free(s);
}

/* a metric's definition names tables, which the nest renames: declined */
static void test_metric_declined(const json_t *sj)
{
    json_t *v = json_pack("[{s:s, s:s, s:s, s:s, s:s}]", "term", "net sales", "kind", "metric",
                          "table", "order_items", "description", "sales net of discounts",
                          "expression", "sum(order_items.quantity * order_items.unit_price)");
    engine_dialect_t d = engine_pg_dialect;
    d.max_joins = 1;
    char why[512];
    ask_schema_t *s = schema_with(sj, v, &d);
    char *m = s ? plan_sql(s, "net sales by region", why, sizeof why) : NULL;
    CHECK(m == NULL && strstr(why, "runs at most 1 join in one query"));
    if (m || !strstr(why, "at most 1 join"))
        fprintf(stderr, "metric: %s\n", m ? m : why);
    free(m);
    ask_schema_free(s);
    json_decref(v);
}

/* a key of two columns (teaches → section by course_id and sec_id) joins
 * on both inside the nest, read back through it */
static void test_composite_key(void)
{
    const char *js =
        "{\"tables\": ["
        "{\"schema\":\"public\",\"name\":\"building\",\"type\":\"table\",\"row_estimate\":10,\"columns\":["
        " {\"name\":\"id\",\"type\":\"integer\",\"pk\":true,\"fk\":null,\"samples\":[]},"
        " {\"name\":\"name\",\"type\":\"text\",\"pk\":false,\"fk\":null,\"samples\":[\"Watson\",\"Taylor\"]}]},"
        "{\"schema\":\"public\",\"name\":\"section\",\"type\":\"table\",\"row_estimate\":100,\"columns\":["
        " {\"name\":\"course_id\",\"type\":\"text\",\"pk\":true,\"fk\":null,\"samples\":[]},"
        " {\"name\":\"sec_id\",\"type\":\"text\",\"pk\":true,\"fk\":null,\"samples\":[]},"
        " {\"name\":\"building_id\",\"type\":\"integer\",\"pk\":false,\"fk\":{\"schema\":\"public\",\"table\":\"building\",\"column\":\"id\"},\"samples\":[]}]},"
        "{\"schema\":\"public\",\"name\":\"teacher\",\"type\":\"table\",\"row_estimate\":50,\"columns\":["
        " {\"name\":\"id\",\"type\":\"integer\",\"pk\":true,\"fk\":null,\"samples\":[]},"
        " {\"name\":\"name\",\"type\":\"text\",\"pk\":false,\"fk\":null,\"samples\":[]}]},"
        "{\"schema\":\"public\",\"name\":\"teaches\",\"type\":\"table\",\"row_estimate\":300,\"columns\":["
        " {\"name\":\"teacher_id\",\"type\":\"integer\",\"pk\":false,\"fk\":{\"schema\":\"public\",\"table\":\"teacher\",\"column\":\"id\"},\"samples\":[]},"
        " {\"name\":\"course_id\",\"type\":\"text\",\"pk\":false,\"fk\":{\"schema\":\"public\",\"table\":\"section\",\"column\":\"course_id\"},\"samples\":[]},"
        " {\"name\":\"sec_id\",\"type\":\"text\",\"pk\":false,\"fk\":{\"schema\":\"public\",\"table\":\"section\",\"column\":\"sec_id\"},\"samples\":[]}]}"
        "]}";
    json_t *sj = json_loads(js, 0, NULL);
    engine_dialect_t d = engine_pg_dialect;
    d.max_joins = 1;
    char why[512];
    ask_schema_t *s = sj ? schema_with(sj, NULL, &d) : NULL;
    char *m = s ? plan_sql(s, "number of teachers per building", why, sizeof why) : NULL;
    CHECK(m && most_joins_per_select(m) == 1 &&
          strstr(m, "JOIN \"public\".\"section\" AS \"s\" ON \"n1\".\"t2__course_id\" = "
                    "\"s\".\"course_id\" AND \"n1\".\"t2__sec_id\" = \"s\".\"sec_id\") AS \"n2\" "
                    "JOIN \"public\".\"building\" AS \"b\" ON \"n2\".\"s__building_id\" = \"b\".\"id\""));
    free(m);
    /* a list fanning out: the outer query reads the base itself, the IN the nest */
    static const char head[] = "SELECT \"t\".* FROM \"public\".\"teacher\" AS \"t\" WHERE "
                               "\"t\".\"id\" IN (SELECT \"n2\".\"t__id\" FROM (SELECT ";
    m = s ? plan_sql(s, "teachers in the Watson building", why, sizeof why) : NULL;
    CHECK(m && most_joins_per_select(m) == 1 && !strncmp(m, head, strlen(head)) &&
          strstr(m, "WHERE \"b\".\"name\" = 'Watson') ORDER BY \"t\".\"id\" LIMIT 100"));
    free(m);
    ask_schema_free(s);
    json_decref(sj);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/unit/ask_fixtures";
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/shop_schema.json", dir);
    json_t *sj = json_load_file(path, 0, NULL);
    if (!sj) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    engine_dialect_t d1 = engine_pg_dialect, d2 = engine_pg_dialect;
    d1.max_joins = 1;
    d2.max_joins = 2;
    ask_schema_opts_t o1 = {.dialect = &d1}, o2 = {.dialect = &d2};
    ask_schema_t *one = ask_schema_new_with(sj, NULL, &o1, err, sizeof err);
    ask_schema_t *two = ask_schema_new_with(sj, NULL, &o2, err, sizeof err);
    ask_schema_t *pg = ask_schema_new(sj, NULL, err, sizeof err);
    CHECK(one && two && pg);
    if (one && two && pg) {
        test_full_sql(one);
        test_two_joins(two);
        test_one_join_each(one, pg);
        test_metric_declined(sj);
        test_no_exists(sj);
        test_composite_key();
        test_left_join_defaults(sj);
    }
    ask_schema_free(one);
    ask_schema_free(two);
    ask_schema_free(pg);
    json_decref(sj);
    return check_done("test_ask_nest");
}
