/* test_ask_trust.c — the planner never answers with something it did not
 * understand: a value mention keeps its own value when it moves to another
 * column, a word it could not place makes it ask instead of being dropped,
 * and catalog questions are answered from the discovered schema with SQL the
 * validator accepts. Schemas are built inline, shaped unlike the demo shop.
 *
 *   test_ask_trust [top_srcdir]   (for the shop fixture; default .) */
#include "ask_fixture.h"
#include "core/mem.h"
#include "sqlsafe/sqlsafe.h"

#include <stdlib.h>
#include <string.h>

/* A restaurant guide: the same city names sampled in two tables, at other
 * positions, and fewer samples in the one the question is about. */
static ask_schema_t *guide_schema(void)
{
    static const char *const rcity[] = {"New York", NULL};
    static const char *const gcity[] = {"Boston", "Los Angeles", "New York", NULL};
    static const char *const food[] = {"italian", "thai", "mexican", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("geographic", 300, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("city_name", "text", 0, NULL, gcity),
        col("region", "text", 0, NULL, (const char *const[]){"west", "east", NULL}))));
    json_array_append_new(t, table("restaurant", 2000, json_pack("[o, o, o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("food_type", "text", 0, NULL, food), col("city_name", "text", 0, NULL, rcity),
        col("rating", "numeric", 0, NULL, NULL), col("geographic_id", "integer", 0, "geographic", NULL),
        col("is_open", "text", 0, NULL, (const char *const[]){"Y", "N", "y", NULL}))));
    return schema_of(t);
}

static char *plan_sql(ask_schema_t *s, const char *q, ask_plan_result_t *r)
{
    char err[256];
    if (ask_plan(s, q, NULL, r, err, sizeof err) < 0)
        return NULL;
    return r->sql;
}

/* The value asked about is the value filtered on, or the planner asks. */
static void test_value_stays(ask_schema_t *s)
{
    static const char *const qs[] = {"restaurants in Los Angeles", "how many restaurants in Los Angeles",
        "restaurants in Boston", "how many restaurants are in New York", NULL};
    static const char *const want[] = {"Los Angeles", "Los Angeles", "Boston", "New York"};
    for (int i = 0; qs[i]; i++) {
        ask_plan_result_t r;
        const char *sql = plan_sql(s, qs[i], &r);
        for (const char *const *other = (const char *const[]){"New York", "Los Angeles", "Boston", NULL};
             sql && *other; other++)
            if (strcmp(*other, want[i]) && strstr(sql, *other)) {
                fprintf(stderr, "swapped value: %s\n  sql: %s\n", qs[i], sql);
                CHECK(0);
            }
        CHECK(!sql || strstr(sql, want[i]) != NULL);
        ask_plan_result_free(&r);
    }
}

/* A word the planner cannot place is never dropped: it asks, naming it. */
static void test_no_silent_drop(ask_schema_t *s)
{
    asks_about(s, "how many restaurants are in Chicago", "Chicago");        /* unknown value */
    asks_about(s, "how many restaurants serve vegan food", NULL);           /* verb + value */
    asks_about(s, "restaurants with a rating more than 4 times", "times");  /* pattern not done */
    asks_about(s, "how many restaurants each", "each");                      /* grouping cue alone */
    asks_about(s, "show 7 restaurants named like pizza", NULL);              /* a number nothing used */
    asks_about(s, "restaurants since", "since");                              /* a period cue alone */
    asks_about(s, "average rating of restaurants before", "before");
    asks_about(s, "highest and lowest rated restaurants", NULL);             /* two directions */
    /* a column named but given no role in a total */
    asks_about(s, "total rating of restaurants food type", NULL);
    /* still answered: every word placed */
    answers_with(s, "how many restaurants per region", "GROUP BY 1");
    answers_with(s, "average rating by food type", "avg(");
    answers_with(s, "restaurants with a rating above 4", "> 4");
    answers_with(s, "how many thai restaurants", "'thai'");
    answers_with(s, "how many open restaurants", "\"is_open\" IN ('Y', 'y')");  /* a flag, as sampled */
    answers_with(s, "open restaurants", "\"is_open\" IN ('Y', 'y')");
}

/* A typo is read as its one nearest word, and the reading is said; a word
 * near two is not guessed. */
static void test_typos(ask_schema_t *s)
{
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, "how many restuarants per regoin", NULL, &r, err, sizeof err), 0);
    CHECK(r.sql && strstr(r.sql, "GROUP BY 1"));
    CHECK(r.understood && strstr(r.understood, "read \"restuarants\" as \"restaurant\""));
    CHECK(r.understood && strstr(r.understood, "read \"regoin\" as \"region\""));
    ask_plan_result_free(&r);
    answers_with(s, "restaurants in Bostn", "'Boston'");
    asks_about(s, "restaurants in Doston", "Doston");  /* a slip keeps the first letter */
    answers_with(s, "restaurants with a rating over 4 million", "> 4000000");
    asks_about(s, "how many restaurants in Xyzzy", "Xyzzy");
}

/* "what percentage of X are Y": 100 × the count where Y holds / all X;
 * what is said before X is the population, after it the condition. */
static void test_shares(ask_schema_t *s)
{
    answers_with(s, "what percentage of restaurants are thai",
                 "100.0 * count(*) FILTER (WHERE \"r\".\"food_type\" = 'thai') / NULLIF(count(*), 0)");
    answers_with(s, "share of thai restaurants in each region", "FILTER (WHERE \"r\".\"food_type\"");
    answers_with(s, "what percentage of thai restaurants are open", "WHERE \"r\".\"food_type\" = 'thai'");
    answers_with(s, "what percentage of thai restaurants are open", "FILTER (WHERE \"r\".\"is_open\"");
    answers_with(s, "percentage of restaurants per region", "/ NULLIF(sum(count(*)) OVER (), 0)");
    answers_with(s, "what percent of restaurants have a rating over 4", "FILTER (WHERE \"r\".\"rating\" > 4)");
    asks_about(s, "what percentage of restaurants", NULL);  /* of which? */
    /* counts per value of a column: "food types with more than 3 restaurants" */
    answers_with(s, "food types with more than 3 restaurants", "GROUP BY 1 HAVING count(*) > 3");
    answers_with(s, "food types with exactly 2 restaurants", "HAVING count(*) BETWEEN 2 AND 2");
    answers_with(s, "food types shared by at least 2 restaurants", "HAVING count(*) >= 2");
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, "what percentage of restaurants are thai", NULL, &r, err, sizeof err), 0);
    CHECK(r.understood && strstr(r.understood, "percentage of"));
    ask_plan_result_free(&r);
}

/* Words it could not place are offered for a lookup in the data: runs of
 * them and their parts, longest first; never function words or numbers. */
static void test_lookups(ask_schema_t *s)
{
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, "how many restaurants does Mama Rosa own in 2024", NULL, &r, err, sizeof err), 0);
    CHECK(!r.sql && json_array_size(r.lookups) >= 3);
    CHECK_STR(json_string_value(json_array_get(r.lookups, 0)), "Mama Rosa own");
    CHECK_STR(json_string_value(json_array_get(r.lookups, 1)), "Mama Rosa");
    for (size_t i = 0; i < json_array_size(r.lookups); i++) {
        const char *l = json_string_value(json_array_get(r.lookups, i));
        CHECK(l && !strstr(l, "does") && !strstr(l, "2024") && !strstr(l, "restaurants"));
    }
    CHECK(json_array_size(r.lookups) <= ASK_MAX_LOOKUP_PHRASES);
    ask_plan_result_free(&r);
    CHECK_INT(ask_plan(s, "how many thai restaurants", NULL, &r, err, sizeof err), 0);
    CHECK(r.sql && !r.lookups);  /* sure: nothing to look up */
    ask_plan_result_free(&r);
}

/* "from the best … to the lowest" sorts by the first word's direction. */
static void test_order_words(ask_schema_t *s)
{
    answers_with(s, "restaurants from the best rating to the lowest", "DESC");
    answers_with(s, "restaurants from the lowest rating to the highest", "ASC");
}

/* Catalog answers come from the discovered schema and pass the validator. */
static void test_catalog(ask_schema_t *s)
{
    static const char *const qs[] = {"What tables are there?", "describe restaurant",
        "what columns does geographic have", "show 5 rows of restaurant", "how many rows in geographic", NULL};
    for (int i = 0; qs[i]; i++) {
        ask_plan_result_t r;
        const char *sql = plan_sql(s, qs[i], &r);
        char err[512];
        sqlsafe_check_t c;
        int ok = sql && sqlsafe_validate(sql, strlen(sql), NULL, 0, &c, err, sizeof err) == 0;
        if (!ok)
            fprintf(stderr, "catalog: %s\n  sql: %s\n  %s\n", qs[i], sql ? sql : "(none)", sql ? err : "");
        CHECK(ok);
        if (ok)
            sqlsafe_check_free(&c);
        CHECK(!sql || (!strstr(sql, "pg_catalog") && !strstr(sql, "information_schema")));
        ask_plan_result_free(&r);
    }
    answers_with(s, "What tables are there?", "'restaurant'");
    ask_plan_result_t r;
    char err[128];
    CHECK_INT(ask_plan(s, "describe restaurant", NULL, &r, err, sizeof err), 0);
    CHECK(r.chart && !strcmp(r.chart, "table"));  /* read as a table, not a scatter of numbers */
    ask_plan_result_free(&r);
    answers_with(s, "describe restaurant", "'references geographic'");
    answers_with(s, "describe restaurant", "'e.g. italian, thai, mexican'");
}

/* "what was our best month ever?" after "revenue by month" ranks those
 * months — it does not repeat the previous answer. */
static void test_best_period_followup(const char *top)
{
    json_error_t je;
    char err[256], path[4096];
    snprintf(path, sizeof path, "%s/tests/unit/ask_fixtures/shop_schema.json", top);
    json_t *sj = json_load_file(path, 0, &je);
    ask_schema_t *shop = sj ? ask_schema_new(sj, NULL, err, sizeof err) : NULL;
    CHECK(shop != NULL);
    if (!shop) {
        json_decref(sj);
        return;
    }
    ask_plan_result_t first, next;
    CHECK_INT(ask_plan(shop, "revenue by month", NULL, &first, err, sizeof err), 0);
    CHECK_INT(ask_plan(shop, "what was our best month ever?", first.plan, &next, err, sizeof err), 0);
    CHECK(next.sql && strstr(next.sql, "date_trunc('month'") && strstr(next.sql, "DESC NULLS LAST, 1 LIMIT 1"));
    CHECK(next.sql && first.sql && strcmp(next.sql, first.sql) != 0);
    ask_plan_result_free(&first);
    ask_plan_result_free(&next);
    /* alone, with nothing to rank by, it asks */
    asks_about(shop, "what was our best month ever?", NULL);
    ask_schema_free(shop);
    json_decref(sj);
}

/* A metric may refer to another table by name ("net revenue of orders that
 * were not cancelled"): that table is joined many-to-one, and the SQL
 * passes the validator. */
static void test_metric_tables(const char *top)
{
    json_error_t je;
    char err[256], path[4096];
    snprintf(path, sizeof path, "%s/tests/unit/ask_fixtures/shop_schema.json", top);
    json_t *sj = json_load_file(path, 0, &je);
    json_t *voc = json_loads("[{\"term\":\"revenue\",\"kind\":\"metric\",\"table\":\"order_items\","
        "\"expression\":\"sum(order_items.quantity * order_items.unit_price * (1 - order_items.discount)) "
        "FILTER (WHERE orders.status NOT IN ('cancelled', 'returned'))\"}]", 0, NULL);
    ask_schema_t *shop = sj ? ask_schema_new(sj, voc, err, sizeof err) : NULL;
    CHECK(shop != NULL);
    if (shop) {
        static const char *const qs[] = {"revenue by category", "total revenue", "revenue per month in 2025", NULL};
        for (int i = 0; qs[i]; i++) {
            ask_plan_result_t r;
            const char *sql = plan_sql(shop, qs[i], &r);
            sqlsafe_check_t c;
            int ok = sql && strstr(sql, "JOIN \"public\".\"orders\" AS \"orders\"") &&
                     strstr(sql, "(1 - order_items.discount)") &&
                     sqlsafe_validate(sql, strlen(sql), NULL, 0, &c, err, sizeof err) == 0;
            if (!ok)
                fprintf(stderr, "metric: %s\n  sql: %s\n", qs[i], sql ? sql : "(none)");
            CHECK(ok);
            if (ok)
                sqlsafe_check_free(&c);
            ask_plan_result_free(&r);
        }
        ask_schema_free(shop);
    }
    json_decref(sj);
    json_decref(voc);
}

/* Table markers ("tbl_") and abbreviations ("amt", "dt") are read as words. */
static void test_name_shapes(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("tbl_customer", 500, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("cust_name", "text", 0, NULL, NULL),
        col("home_city", "text", 0, NULL, (const char *const[]){"Oslo", "Bergen", NULL}))));
    json_array_append_new(t, table("tbl_invoice", 9000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("tbl_customer_id", "integer", 0, "tbl_customer", NULL),
        col("invoice_dt", "date", 0, NULL, NULL), col("total_amt", "numeric(12,2)", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "how many invoices are there", "FROM \"public\".\"tbl_invoice\"");
    answers_with(s, "total amount by month", "date_trunc('month', \"i\".\"invoice_dt\")");
    answers_with(s, "total amount by month", "sum(\"i\".\"total_amt\")");
    asks_about(s, "total invoices per month", NULL);        /* how many, or how much? */
    asks_about(s, "average monthly amount", NULL);          /* an adjective of the amount */
    answers_with(s, "how many invoices from customers in Oslo", "'Oslo'");
    ask_schema_free(s);
}

/* A film-rental shape: a second "rental" in another schema, a rental with
 * only a bookkeeping stamp, adjectives that name their column. */
static void test_rental_shapes(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customer", 600, json_pack("[o, o, o, o]",
        col("customer_id", "integer", 1, NULL, NULL), col("first_name", "text", 0, NULL, NULL),
        col("last_name", "text", 0, NULL, NULL), col("create_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("film", 1000, json_pack("[o, o, o, o]",
        col("film_id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("rental_duration", "smallint", 0, NULL, NULL), col("length", "smallint", 0, NULL, NULL))));
    json_array_append_new(t, table("rental", 16000, json_pack("[o, o, o]",
        col("rental_id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customer", NULL),
        col("last_update", "timestamp with time zone", 0, NULL, NULL))));
    json_t *legacy = table("rental", 16000, json_pack("[o, o]", col("rental_id", "integer", 1, NULL, NULL),
        col("rental_date", "timestamp", 0, NULL, NULL)));
    json_object_set_new(legacy, "schema", json_string("legacy"));
    json_array_append_new(t, legacy);
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "how many rentals", "FROM \"public\".\"rental\"");
    asks_about(s, "rentals per month", NULL);           /* not by last_update, nor by sign-up */
    asks_about(s, "the 10 most recent rentals", NULL);
    answers_with(s, "What are the 5 longest films?", "ORDER BY \"f\".\"length\" DESC NULLS LAST LIMIT 5");
    answers_with(s, "number of rentals per customer", "GROUP BY 1, 2");  /* first + last name */
    answers_with(s, "customers who never rented", "NOT EXISTS (SELECT 1 FROM \"public\".\"rental\" AS \"xr\" "
                 "WHERE \"xr\".\"customer_id\" = \"c\".\"customer_id\")");
    answers_with(s, "how many customers without a rental", "NOT EXISTS");
    answers_with(s, "customers with a rental", " WHERE EXISTS (");
    asks_about(s, "number of rentals per age group", NULL);  /* "group" is a word, not noise */
    ask_schema_free(s);
}

/* A filter reached one-to-many (a film's categories) becomes a semi-join
 * on the base's key, so an average counts each film once; the same value
 * in a view no key reaches is not a second reading. */
static void test_semijoin(void)
{
    static const char *const cats[] = {"Sports", "Comedy", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("film", 1000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("length", "smallint", 0, NULL, NULL))));
    json_array_append_new(t, table("category", 16, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, cats))));
    json_array_append_new(t, table("film_category", 1000, json_pack("[o, o]",
        col("film_id", "integer", 0, "film", NULL), col("category_id", "integer", 0, "category", NULL))));
    json_t *view = table("film_list", 1000, json_pack("[o, o]", col("title", "text", 0, NULL, NULL),
        col("category", "text", 0, NULL, cats)));
    json_object_set_new(view, "type", json_string("view"));
    json_array_append_new(t, view);
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "average length of Sports films",
                 "FROM \"public\".\"film\" AS \"f\" WHERE \"f\".\"id\" IN (SELECT \"f\".\"id\" FROM");
    answers_with(s, "average length of Sports films", "\"c\".\"name\" = 'Sports')");
    answers_with(s, "total length of Comedy films", "sum(\"f\".\"length\")");
    asks_about(s, "what percentage of films are Sports films", NULL);  /* repeated rows: not written */
    ask_schema_free(s);
}

/* Two routes of the same length (payment → staff → store, payment →
 * customer → store): the planner asks which, naming both, unless the
 * question names the table to go through. */
static void test_two_routes(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("store", 2, json_pack("[o]", col("id", "integer", 1, NULL, NULL))));
    json_array_append_new(t, table("staff", 10, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("store_id", "integer", 0, "store", NULL))));
    json_array_append_new(t, table("customer", 600, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("store_id", "integer", 0, "store", NULL))));
    json_array_append_new(t, table("payment", 16000, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("staff_id", "integer", 0, "staff", NULL),
        col("customer_id", "integer", 0, "customer", NULL), col("amount", "numeric", 0, NULL, NULL),
        col("payment_date", "timestamp", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    asks_about(s, "total amount by store", "through staff or through customer");
    answers_with(s, "total amount by store of the staff", "JOIN \"public\".\"staff\"");
    answers_with(s, "total amount by customer", "GROUP BY");  /* one route: no question */
    ask_schema_free(s);
}

/* A comparison's own words name its column: "older than" (age), "over
 * 1000 ft" (altitude), "5 million inhabitants" (population), "dollars"
 * (the money column); "highest first" orders by the compared column. */
static void test_cmp_hints(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("client", 5000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("age", "integer", 0, NULL, NULL), col("balance", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("town", 300, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("population", "integer", 0, NULL, NULL), col("altitude", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "clients older than 80", "\"age\" > 80");
    answers_with(s, "how many clients are younger than 30 years", "\"age\" < 30");
    answers_with(s, "towns with more than 2 million inhabitants", "\"population\" > 2000000");
    answers_with(s, "towns higher than 1000 ft, highest first", ".\"altitude\" DESC NULLS LAST");
    answers_with(s, "clients with a balance over 100 dollars", "\"balance\" > 100");
    ask_schema_free(s);
}

/* Short table names: "orde" keyed by order_id answers to "orders", a
 * word that begins with a table's whole name ("dispositions" for disp) is
 * read as it and said; a link table with two keys to the same table is
 * never guessed through; two "how many" over values count per value. */
static void test_short_names(void)
{
    static const char *const types[] = {"OWNER", "DISPONENT", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("orde", 6000, json_pack("[o, o]",
        col("order_id", "integer", 1, NULL, NULL), col("amount", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("disp", 5000, json_pack("[o, o]",
        col("disp_id", "integer", 1, NULL, NULL), col("type", "text", 0, NULL, types))));
    json_array_append_new(t, table("course", 200, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("prereq", 100, json_pack("[o, o]",
        col("course_id", "integer", 0, "course", NULL), col("prereq_id", "integer", 0, "course", NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "average order amount", "avg(\"o\".\"amount\") AS \"avg_amount\" FROM \"public\".\"orde\"");
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, "how many dispositions are there", NULL, &r, err, sizeof err), 0);
    CHECK(r.sql && strstr(r.sql, "FROM \"public\".\"disp\""));
    CHECK(r.understood && strstr(r.understood, "read \"dispositions\" as \"disp\""));
    ask_plan_result_free(&r);
    answers_with(s, "How many dispositions are owners and how many disponents?", "GROUP BY 1");
    asks_about(s, "how many courses have no prereq", "more than one key");  /* never WHERE false */
    ask_schema_free(s);
}

/* "how many X does each Y have": Y's with none are counted as 0 when X's
 * rows belong to Y (one key) or meet it in a link table; a far lookup is
 * joined as usual. */
static void test_zeros(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("country", 100, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("city", 4000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("country_id", "integer", 0, "country", NULL))));
    json_array_append_new(t, table("shop", 9000, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("city_id", "integer", 0, "city", NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "how many cities does each country have",
                 "FROM \"public\".\"country\" AS \"c\" LEFT JOIN \"public\".\"city\"");
    answers_with(s, "how many cities does each country have", "count(DISTINCT \"c2\".\"id\")");
    answers_with(s, "number of shops per country", " JOIN \"public\".\"country\"");  /* inner: far */
    answers_with(s, "number of cities per country", "count(*)");  /* "per": what is there */
    ask_schema_free(s);
}

/* Everyday lookups: "the population of Canada" is the country's (Canada
 * is a country's name, and its name rather than its local name), "the GNP
 * of Japan" is Japan's row, "the smallest loan" ranks by the one amount,
 * "films rated R" reads the verb as the column's own word. */
static void test_lookups_of_rows(void)
{
    static const char *const names[] = {"Canada", "Japan", NULL};
    static const char *const ratings[] = {"R", "PG", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("country", 200, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, names),
        col("localname", "text", 0, NULL, names), col("population", "integer", 0, NULL, NULL),
        col("gnp", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("city", 4000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("population", "integer", 0, NULL, NULL), col("country_id", "integer", 0, "country", NULL))));
    json_array_append_new(t, table("loan", 700, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("amount", "numeric", 0, NULL, NULL),
        col("duration", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("film", 1000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("rating", "text", 0, NULL, ratings))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "What is the population of Canada?", "FROM \"public\".\"country\" AS \"c\" WHERE \"c\".\"name\" = 'Canada'");
    answers_with(s, "what is the GNP of Japan", "SELECT \"c\".* FROM \"public\".\"country\" AS \"c\" WHERE \"c\".\"name\" = 'Japan'");
    answers_with(s, "what is the smallest loan", "ORDER BY \"l\".\"amount\" ASC LIMIT 1");
    answers_with(s, "how many films are rated R?", "WHERE \"f\".\"rating\" = 'R'");
    asks_about(s, "how many films are berated R?", "berated");  /* not the column's word */
    ask_schema_free(s);
    /* a table without dates, with a year column: whole years only */
    t = json_array();
    json_array_append_new(t, table("section", 300, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("semester", "text", 0, NULL, NULL),
        col("year", "numeric(4,0)", 0, NULL, NULL))));
    if (!(s = schema_of(t)))
        return;
    answers_with(s, "how many sections were there in 2005", "\"year\" >= 2005 AND \"s\".\"year\" < 2006");
    answers_with(s, "number of sections per year", "SELECT \"s\".\"year\" AS \"year\", count(*)");
    asks_about(s, "sections in March 2005", "holds years only");
    asks_about(s, "number of sections per month", "holds years only");
    ask_schema_free(s);
}

/* Values as typed: "WILLIAMS" is the last name, not the first name WILLIAM
 * it folds to; a value in a table and in a view on it is the table's; "the
 * city of London" is the city, not an airport named London; an all-caps
 * column ("IATA") is one word, and "IATA code" that column. */
static void test_values_as_typed(void)
{
    static const char *const first[] = {"GROUCHO", "WILLIAM", NULL};
    static const char *const last[] = {"WILLIAMS", "MARX", NULL};
    static const char *const places[] = {"London", "Paris", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("actor", 200, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("first_name", "text", 0, NULL, first),
        col("last_name", "text", 0, NULL, last))));
    json_t *v = table("actor_info", 200, json_pack("[o, o]", col("first_name", "text", 0, NULL, first),
        col("last_name", "text", 0, NULL, last)));
    json_object_set_new(v, "type", json_string("view"));
    json_array_append_new(t, v);
    json_array_append_new(t, table("airports", 7000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, places),
        col("city", "text", 0, NULL, places), col("IATA", "text", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "how many actors named GROUCHO WILLIAMS", "\"last_name\" = 'WILLIAMS'");
    answers_with(s, "how many actors named GROUCHO WILLIAMS", "FROM \"public\".\"actor\" AS");
    answers_with(s, "airports in the city of London", "\"city\" = 'London'");
    answers_with(s, "airports in the city of London and their IATA codes", "\"city\" = 'London'");
    answers_with(s, "how many airports without an IATA code", "\"IATA\" IS NULL");
    /* "tables" are the base tables, the views are named apart; "views" lists both */
    ask_plan_result_t r;
    const char *sql = plan_sql(s, "what tables are there?", &r);
    CHECK(sql && strstr(sql, "'actor'") && !strstr(sql, "actor_info"));
    CHECK(r.understood && strstr(r.understood, "not the 1 view"));
    ask_plan_result_free(&r);
    answers_with(s, "what views are there?", "('actor_info', 'public', 'view'");
    answers_with(s, "list the tables and views", "('actor', 'public', 'table'");
    ask_schema_free(s);
}

/* Everyday words read as meant: a verb in lower case is not a person's
 * name ("held" is not the student Held); "and their salaries" lists the
 * rows; "the lowest paid" sorts up; "A-" is a grade, not "A". */
static void test_everyday_words(void)
{
    static const char *const names[] = {"Held", "Shankar", NULL};
    static const char *const buildings[] = {"Taylor", "Watson", NULL};
    static const char *const grades[] = {"A", "A-", "B+", NULL};
    static const char *const depts[] = {"Statistics", "Physics", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("student", 2000, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, names))));
    json_array_append_new(t, table("section", 100, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("building", "text", 0, NULL, buildings))));
    json_array_append_new(t, table("takes", 30000, json_pack("[o, o, o]",
        col("student_id", "integer", 0, "student", NULL), col("grade", "text", 0, NULL, grades),
        col("taken_on", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("instructor", 50, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("dept_name", "text", 0, NULL, depts), col("salary", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "how many sections were held in the Taylor building", "WHERE \"s\".\"building\" = 'Taylor'");
    answers_with(s, "instructors in Statistics and their salaries", "SELECT \"i\".* FROM");
    answers_with(s, "the 5 lowest paid instructors", "\"salary\" ASC LIMIT 5");
    answers_with(s, "number of A- grades", "WHERE \"t\".\"grade\" = 'A-'");
    answers_with(s, "number of sections in Taylor and Watson", "IN ('Taylor', 'Watson')");  /* both */
    answers_with(s, "number of sections in Taylor or Watson", "IN ('Taylor', 'Watson')");
    answers_with(s, "list the buildings", "SELECT DISTINCT \"s\".\"building\" AS \"building\"");  /* each once */
    ask_schema_free(s);
}

/* Shapes met first on a trading database (bench dev7): revenue net of a
 * discount held as a fraction (a whole-number discount asks), "out of
 * stock" / "in stock", "that have a website" / "don't have", "how many
 * units" (a sum), and orders that sort rather than pick ("from the most
 * expensive to the cheapest", "highest first" keep every row). */
static void test_inventory_words(void)
{
    static const char *const parts[] = {"Widget", "Sprocket", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("part", 500, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, parts),
        col("stock", "integer", 0, NULL, NULL), col("list_price", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("vendor", 40, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("website", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("shipment_line", 9000, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("part_id", "integer", 0, "part", NULL),
        col("quantity", "integer", 0, NULL, NULL), col("unit_price", "real", 0, NULL, NULL),
        col("discount", "real", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "total revenue", "\"quantity\" * \"si\".\"unit_price\" * (1 - \"si\".\"discount\"))");
    answers_with(s, "parts that are out of stock", "WHERE \"p\".\"stock\" <= 0");
    answers_with(s, "parts in stock", "WHERE \"p\".\"stock\" > 0");
    answers_with(s, "vendors that have a website", "\"website\" <> ''");
    answers_with(s, "vendors that don't have a website", "OR \"v\".\"website\" = '')");
    answers_with(s, "vendors that don't have a website", "\"website\" IS NULL");
    answers_with(s, "vendors who do not have a website", "\"website\" IS NULL");
    answers_with(s, "how many units of Widget", "sum(\"si\".\"quantity\")");
    answers_with(s, "all the parts from the most expensive to the cheapest", "\"list_price\" DESC NULLS LAST LIMIT 100");
    answers_with(s, "parts with a list price over 10, highest first", "DESC NULLS LAST LIMIT 100");
    ask_schema_free(s);
    /* a discount in whole numbers: 10 (%) or 10 (dollars)? */
    t = json_array();
    json_array_append_new(t, table("sale", 9000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("quantity", "integer", 0, NULL, NULL),
        col("unit_price", "numeric", 0, NULL, NULL), col("discount", "integer", 0, NULL, NULL))));
    s = schema_of(t);
    if (!s)
        return;
    asks_about(s, "total revenue", NULL);
    ask_schema_free(s);
}

/* Every option offered when asking back is a question the planner answers. */
static void options_answer(ask_schema_t *s, const char *q)
{
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, q, NULL, &r, err, sizeof err), 0);
    json_t *opts = json_object_get(r.clarify, "options"), *o;
    size_t i;
    CHECK(json_array_size(opts) > 0);
    json_array_foreach(opts, i, o) {
        ask_plan_result_t r2;
        const char *oq = json_string_value(json_object_get(o, "question"));
        CHECK_INT(ask_plan(s, oq, NULL, &r2, err, sizeof err), 0);
        if (!r2.sql)
            fprintf(stderr, "option not answerable: %s (for: %s)\n", oq, q);
        CHECK(r2.sql != NULL);
        ask_plan_result_free(&r2);
    }
    ask_plan_result_free(&r);
}

static void test_options_answerable(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customers", 120, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("credit_limit", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("payments", 270, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customers", NULL),
        col("amount", "numeric", 0, NULL, NULL), col("paid_on", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "top 5 customers by total payments", "sum(\"p\".\"amount\")");  /* the money paid */
    answers_with(s, "total payments received in 2004", "sum(\"p\".\"amount\")");
    options_answer(s, "which sales reps have no customers?");
    options_answer(s, "customers who have placed more than 5 zorblax");
    answers_with(s, "top 5 customers by total amount of payments", "sum(\"p\".\"amount\")");
    ask_schema_free(s);
}

/* From dev9's first contact: a text key is its own label (productLine),
 * so is a year key (seasons.year); a link or a paragraph never is; a
 * column whose cells hold lists matches an item, and is not grouped by. */
static void test_first_contact_dev9(void)
{
    static const char *const countries[] = {"Japan", "United States", "United States, Japan",
        "India, Japan", "France", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("productlines", 7, json_pack("[o, o]",
        col("productLine", "text", 1, NULL, NULL), col("textDescription", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("products", 110, json_pack("[o, o, o]",
        col("productCode", "text", 1, NULL, NULL), col("productLine", "text", 0, "productlines", NULL),
        col("buyPrice", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("seasons", 75, json_pack("[o, o]",
        col("year", "integer", 1, NULL, NULL), col("url", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("races", 1100, json_pack("[o, o, o]",
        col("raceId", "integer", 1, NULL, NULL), col("year", "integer", 0, "seasons", NULL),
        col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("shows", 8800, json_pack("[o, o, o]",
        col("show_id", "text", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("country", "text", 0, NULL, countries))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "which product line has the most products", "\"productLine\", count(*)");
    answers_with(s, "which year had the most races", "\"year\", count(*)");
    answers_with(s, "how many shows are from Japan", "', ' || \"s\".\"country\" || ', ' LIKE '%, Japan, %'");
    asks_about(s, "number of shows per country", "lists");
    ask_schema_free(s);
    /* a value said as the noun counts or lists its table's rows; "movies" is
     * not "movy"; a verb names the date it applies to */
    static const char *const kinds[] = {"Movie", "TV Show", NULL};
    t = json_array();
    json_array_append_new(t, table("titles", 8800, json_pack("[o, o, o, o, o]",
        col("show_id", "text", 1, NULL, NULL), col("type", "text", 0, NULL, kinds),
        col("name", "text", 0, NULL, NULL), col("release_year", "integer", 0, NULL, NULL),
        col("date_added", "date", 0, NULL, NULL))));
    s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "how many movies are there", "count(*) AS \"titles\" FROM \"public\".\"titles\" AS \"t\" WHERE \"t\".\"type\" = 'Movie'");
    answers_with(s, "list the TV shows", "WHERE \"t\".\"type\" = 'TV Show'");
    answers_with(s, "how many movies were released in 2020", "\"t\".\"release_year\" >= 2020 AND \"t\".\"release_year\" < 2021");
    answers_with(s, "how many titles were added in 2020", "\"t\".\"date_added\" >= DATE '2020-01-01'");
    ask_schema_free(s);
}

/* More from dev7: "and their X" is shown, not ranked by; "average X per
 * <its own table>" is over the rows; "taken by staff in the UK" filters by
 * the staff's country (the table named beside the value), without grouping;
 * a ranking of groups leaves out the NULL group; the largest row inside
 * each group is each group's top row (each.c), a ranking of totals inside
 * each group asks. */
static void test_trading_words(void)
{
    static const char *const countries[] = {"UK", "Germany", NULL};
    static const char *const cities[] = {"Leeds", "Bonn", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("staff", 30, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("country", "text", 0, NULL, countries))));
    json_array_append_new(t, table("deal", 5000, json_pack("[o, o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("staff_id", "integer", 0, "staff", NULL),
        col("amount", "numeric", 0, NULL, NULL), col("duration", "integer", 0, NULL, NULL),
        col("ship_country", "text", 0, NULL, countries), col("city", "text", 0, NULL, cities))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "the 5 biggest deals and their durations", "ORDER BY \"d\".\"amount\" DESC NULLS LAST LIMIT 5");
    answers_with(s, "average amount per deal", "SELECT avg(\"d\".\"amount\") AS \"avg_amount\" FROM \"public\".\"deal\" AS \"d\"");
    answers_with(s, "how many deals were signed by staff in the UK",
                 "count(*) AS \"deal\" FROM \"public\".\"deal\" AS \"d\" JOIN \"public\".\"staff\" AS \"s\" ON \"d\".\"staff_id\" = \"s\".\"id\" WHERE \"s\".\"country\" = 'UK'");
    answers_with(s, "which city has the most deals", "WHERE \"d\".\"city\" IS NOT NULL GROUP BY 1");
    /* values named with "and": each one's count; "or" / "combined": one number */
    answers_with(s, "number of deals in Leeds and Bonn", "SELECT \"d\".\"city\" AS \"city\", count(*)");
    answers_with(s, "number of deals in Leeds or Bonn", "SELECT count(*) AS \"deal\" FROM");
    answers_with(s, "number of deals in Leeds and Bonn combined", "SELECT count(*) AS \"deal\" FROM");
    answers_with(s, "the largest deal in each city", "PARTITION BY \"d\".\"city\" ORDER BY \"d\".\"amount\" DESC");
    ask_schema_free(s);
    t = json_array();
    json_array_append_new(t, table("staff", 30, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("city", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("deal", 5000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("staff_id", "integer", 0, "staff", NULL),
        col("amount", "numeric", 0, NULL, NULL))));
    s = schema_of(t);
    answers_with(s, "the largest deal in each city", "PARTITION BY \"s\".\"city\"");  /* its staff's */
    asks_about(s, "the top 3 staff by total amount in each city", "each");
    asks_about(s, "the staff member with the most deals in each city", NULL);
    answers_with(s, "total amount by city", "GROUP BY");
    answers_with(s, "number of deals in each city", "GROUP BY");
    ask_schema_free(s);
    /* a key to its own table: the row named, or the rows that point to it? */
    static const char *const names[] = {"Ada", "Grace", NULL};
    t = json_array();
    json_array_append_new(t, table("person", 300, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, names),
        col("manager", "integer", 0, "person", NULL))));
    s = schema_of(t);
    if (!s)
        return;
    asks_about(s, "people whose manager is Ada", "manager");
    ask_schema_free(s);
    /* two keys between the tables: "have" follows the one pointing at the entity */
    t = json_array();
    json_array_append_new(t, table("team", 30, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, names),
        col("lead", "integer", 0, "member", NULL))));
    json_array_append_new(t, table("member", 900, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("team_id", "integer", 0, "team", NULL))));
    s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "how many members does each team have",
                 "LEFT JOIN \"public\".\"member\" AS \"m\" ON \"m\".\"team_id\" = \"t\".\"id\"");
    ask_schema_free(s);
}

/* Never a grouping dropped in silence: a key column whose table has no
 * name groups by itself ("per building" of section → classroom), a table
 * with no name column asks; "how much" is not a count; "the population of
 * the city" asks which city. */
static void test_no_silent_group(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("room", 30, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("capacity", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("section", 100, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("building", "integer", 0, "room", NULL))));
    json_array_append_new(t, table("city", 4000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("population", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "number of sections per building", "GROUP BY 1");  /* never dropped */
    asks_about(s, "how much do sections cost per building", NULL);
    asks_about(s, "what's the population of the city", "Which city?");
    answers_with(s, "what's the population of the cities", "sum(\"c\".\"population\")");
    ask_schema_free(s);
}

/* A list names what it shows: "countries and their capitals" shows the
 * capital's name; a link table's rows (pairs of keys) are not an answer;
 * "number of X" counts the table X, not a column named on the way; a
 * "monthly payment" is an amount, not a grouping by month. */
static void test_list_words(void)
{
    static const char *const st[] = {"A", "B", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("city", 4000, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("country", 200, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("capital", "integer", 0, "city", NULL))));
    json_array_append_new(t, table("twinning", 300, json_pack("[o, o]",
        col("city_id", "integer", 0, "city", NULL), col("twin_id", "integer", 0, "country", NULL))));
    json_array_append_new(t, table("loan", 700, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("status", "text", 0, NULL, st),
        col("payments", "numeric", 0, NULL, NULL), col("granted", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "countries and their capitals", "LEFT JOIN \"public\".\"city\"");
    answers_with(s, "countries and their capitals", "AS \"capital_name\"");
    asks_about(s, "show the twinnings", "only links other tables");
    asks_about(s, "show me the cities", "has 4000 rows");  /* every row of a big table: which? */
    answers_with(s, "show me the countries", "FROM \"public\".\"country\"");  /* 200 rows */
    answers_with(s, "number of status A loans per year", "count(*) AS \"loan\"");
    answers_with(s, "number of status A loans per year", "SELECT extract(year FROM \"l\".\"granted\")::int AS \"year\"");
    answers_with(s, "loans with a monthly payment above 9000", "WHERE \"l\".\"payments\" > 9000");
    ask_schema_free(s);
}

/* A key of two columns joins on both; two keys to the same column (from,
 * to) are two roles, so the planner asks instead of picking one. */
static void test_keys(void)
{
    const char *js =
        "{\"tables\": ["
        "{\"schema\":\"public\",\"name\":\"section\",\"type\":\"table\",\"row_estimate\":100,\"columns\":["
        " {\"name\":\"course_id\",\"type\":\"text\",\"pk\":true,\"fk\":null,\"samples\":[]},"
        " {\"name\":\"sec_id\",\"type\":\"text\",\"pk\":true,\"fk\":null,\"samples\":[]}]},"
        "{\"schema\":\"public\",\"name\":\"teacher\",\"type\":\"table\",\"row_estimate\":50,\"columns\":["
        " {\"name\":\"id\",\"type\":\"integer\",\"pk\":true,\"fk\":null,\"samples\":[]},"
        " {\"name\":\"name\",\"type\":\"text\",\"pk\":false,\"fk\":null,\"samples\":[]}]},"
        "{\"schema\":\"public\",\"name\":\"teaches\",\"type\":\"table\",\"row_estimate\":300,\"columns\":["
        " {\"name\":\"teacher_id\",\"type\":\"integer\",\"pk\":false,\"fk\":{\"schema\":\"public\",\"table\":\"teacher\",\"column\":\"id\"},\"samples\":[]},"
        " {\"name\":\"course_id\",\"type\":\"text\",\"pk\":false,\"fk\":{\"schema\":\"public\",\"table\":\"section\",\"column\":\"course_id\"},\"samples\":[]},"
        " {\"name\":\"sec_id\",\"type\":\"text\",\"pk\":false,\"fk\":{\"schema\":\"public\",\"table\":\"section\",\"column\":\"sec_id\"},\"samples\":[]}]},"
        "{\"schema\":\"public\",\"name\":\"airport\",\"type\":\"table\",\"row_estimate\":700,\"columns\":["
        " {\"name\":\"id\",\"type\":\"integer\",\"pk\":true,\"fk\":null,\"samples\":[]},"
        " {\"name\":\"city\",\"type\":\"text\",\"pk\":false,\"fk\":null,\"samples\":[\"Oslo\",\"Rome\"]}]},"
        "{\"schema\":\"public\",\"name\":\"route\",\"type\":\"table\",\"row_estimate\":9000,\"columns\":["
        " {\"name\":\"id\",\"type\":\"integer\",\"pk\":true,\"fk\":null,\"samples\":[]},"
        " {\"name\":\"from_airport\",\"type\":\"integer\",\"pk\":false,\"fk\":{\"schema\":\"public\",\"table\":\"airport\",\"column\":\"id\"},\"samples\":[]},"
        " {\"name\":\"to_airport\",\"type\":\"integer\",\"pk\":false,\"fk\":{\"schema\":\"public\",\"table\":\"airport\",\"column\":\"id\"},\"samples\":[]}]}"
        "]}";
    json_t *d = json_loads(js, 0, NULL);
    char err[256];
    ask_schema_t *s = d ? ask_schema_new(d, NULL, err, sizeof err) : NULL;
    json_decref(d);
    CHECK(s != NULL);
    if (!s)
        return;
    answers_with(s, "number of sections per teacher", "\"course_id\" AND ");
    answers_with(s, "number of sections per teacher", "\"sec_id\" = ");
    answers_with(s, "how many routes from Oslo", "\"from_airport\" = ");  /* ends.c: the route's start */
    asks_about(s, "how many routes for Oslo", NULL);
    answers_with(s, "teachers with more than 3 sections", "HAVING count(");
    /* a sum over rows a join repeats, rows that merely share a parent: ask */
    asks_about(s, "average monthly teachers", NULL);
    answers_with(s, "teachers with more than 3 sections", ") > 3");
    ask_schema_free(s);
}

/* From dev10's first contact: a 0/1 column named like a verb is a flag
 * ("how many passengers survived"); an adjective's column is the one it
 * names, never one said after the number ("older than 60 who survived");
 * "pclass" beside "class" makes "class" ask; a value that is the name of
 * rows of two tables reads as the group before a plural noun ("the Harry
 * Potter sets" are the theme's), the row after "named", and asks elsewhere;
 * "from 2023" is 2023; "sold" with no sales asks; "each part category"
 * keeps the categories with no elements through a chain of parents. */
static json_t *flag_col(const char *name, const char *type, double n_distinct)
{
    json_t *c = col(name, type, 0, NULL, (const char *const[]){"0", "1", NULL});
    json_object_set_new(c, "n_distinct", json_real(n_distinct));
    return c;
}

static void test_first_contact_dev10(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("passenger", 1309, json_pack("[o, o, o, o, o, o, o, o, o, o]",
        col("boarded", "text", 0, NULL, (const char *const[]){"Belfast", "Southampton", NULL}),
        col("passengerid", "integer", 1, NULL, NULL), flag_col("survived", "double precision", 2),
        col("pclass", "integer", 0, NULL, NULL), col("class", "integer", 0, NULL, NULL),
        col("name", "text", 0, NULL, NULL), col("age", "double precision", 0, NULL, NULL),
        col("age_wiki", "double precision", 0, NULL, NULL), col("fare", "double precision", 0, NULL, NULL),
        flag_col("parch", "integer", 7))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "how many passengers survived", "count(*) AS \"passenger\" FROM \"public\".\"passenger\" AS \"p\" WHERE \"p\".\"survived\" = '1'");
    answers_with(s, "how many survived", "WHERE \"p\".\"survived\" = '1'");
    answers_with(s, "how many passengers boarded in Belfast", "count(*) AS \"passenger\" FROM \"public\".\"passenger\" AS \"p\" WHERE \"p\".\"boarded\" = 'Belfast'");
    answers_with(s, "passengers older than 60 who survived", "\"p\".\"age\" > 60 AND \"p\".\"survived\" = '1'");
    answers_with(s, "list the passengers who survived", "WHERE \"p\".\"survived\" = '1'");
    asks_about(s, "average fare per class", NULL);
    /* 0/1 sampled, 7 values: no flag filter — and its different numbers
     * are not counted either (a plain number column): asked */
    asks_about(s, "how many passengers parch", NULL);
    ask_schema_free(s);

    static const char *const theme_names[] = {"Harry Potter", "Star Wars", NULL};
    static const char *const set_names[] = {"Harry Potter", "Millennium Falcon", NULL};
    t = json_array();
    json_array_append_new(t, table("themes", 450, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, theme_names))));
    json_array_append_new(t, table("sets", 21000, json_pack("[o, o, o, o]",
        col("set_num", "text", 1, NULL, NULL), col("name", "text", 0, NULL, set_names),
        col("year", "integer", 0, NULL, NULL), col("theme_id", "integer", 0, "themes", NULL))));
    json_array_append_new(t, table("part_categories", 66, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("parts", 50000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("part_cat_id", "integer", 0, "part_categories", NULL))));
    json_array_append_new(t, table("elements", 90000, json_pack("[o, o]",
        col("element_id", "integer", 1, NULL, NULL), col("part_id", "integer", 0, "parts", NULL))));
    s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "list the Harry Potter sets from 2023", "\"t\".\"name\" = 'Harry Potter'");
    answers_with(s, "list the Harry Potter sets from 2023", "\"s\".\"year\" >= 2023 AND \"s\".\"year\" < 2024");
    answers_with(s, "sets from 2023 onwards", "\"s\".\"year\" >= 2023 ORDER BY");
    answers_with(s, "list the sets named Harry Potter", "WHERE \"s\".\"name\" = 'Harry Potter'");
    answers_with(s, "list the sets in the Harry Potter theme", "\"t\".\"name\" = 'Harry Potter'");
    asks_about(s, "list sets with Harry Potter", NULL);
    options_answer(s, "list sets with Harry Potter");
    asks_about(s, "how many sets were sold in 2020", "sold");
    answers_with(s, "how many elements does each part category have",
                 "FROM \"public\".\"part_categories\" AS \"pc\" LEFT JOIN \"public\".\"parts\"");
    ask_schema_free(s);
}

int main(int argc, char **argv)
{
    const char *top = argc > 1 ? argv[1] : ".";
    ask_schema_t *guide = guide_schema();
    CHECK(guide != NULL);
    if (!guide)
        return check_done("test_ask_trust");
    test_value_stays(guide);
    test_no_silent_drop(guide);
    test_order_words(guide);
    test_typos(guide);
    test_shares(guide);
    test_lookups(guide);
    test_catalog(guide);
    test_best_period_followup(top);
    test_metric_tables(top);
    test_name_shapes();
    test_rental_shapes();
    test_keys();
    test_semijoin();
    test_two_routes();
    test_cmp_hints();
    test_short_names();
    test_zeros();
    test_list_words();
    test_lookups_of_rows();
    test_values_as_typed();
    test_everyday_words();
    test_no_silent_group();
    test_inventory_words();
    test_trading_words();
    test_first_contact_dev9();
    test_options_answerable();
    test_first_contact_dev10();
    ask_schema_free(guide);
    return check_done("test_ask_trust");
}
