/* test_ask_related.c — questions about rows that have (or have not) related
 * rows, on schemas built inline: a period dates the related rows inside the
 * EXISTS, a filter on the related rows under a negation is asked back (it
 * would be written outside the NOT EXISTS), "more than N times" counts the
 * table its verb names, a unit after a number is no value, and a value
 * whose last word names another table lists that table; a value sampled
 * only in a view, when that view joins nothing, is looked up in the tables. */
#include "ask_fixture.h"

static ask_schema_t *shop(void)
{
    static const char *const countries[] = {"Germany", "France", NULL};
    static const char *const facilities[] = {"Squash Court", "Tennis Court 1", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("customers", 900, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("country", "text", 0, NULL, countries))));
    json_array_append_new(t, table("orders", 8000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customers", NULL),
        col("order_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("products", 70, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("order_lines", 20000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("order_id", "integer", 0, "orders", NULL),
        col("product_id", "integer", 0, "products", NULL), col("price", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("facilities", 9, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, facilities))));
    json_array_append_new(t, table("bookings", 4000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customers", NULL),
        col("facility_id", "integer", 0, "facilities", NULL))));
    return schema_of(t);
}

static void test_dated_exists(ask_schema_t *s)
{
    /* the period is the orders', not a customer's */
    answers_with(s, "customers who have not ordered in 2023",
                 "NOT EXISTS (SELECT 1 FROM \"public\".\"orders\" AS \"sub0\" WHERE \"sub0\".\"customer_id\" = "
                 "\"c\".\"id\" AND \"sub0\".\"order_date\" >= DATE '2023-01-01' AND \"sub0\".\"order_date\" < "
                 "DATE '2024-01-01')");
    answers_with(s, "how many customers have no orders since 2024",
                 "AND \"sub0\".\"order_date\" >= DATE '2024-01-01')");
    /* through the order lines, dated by their order */
    answers_with(s, "products never ordered in 2023",
                 "FROM \"public\".\"order_lines\" AS \"sub0\", \"public\".\"orders\" AS \"sub1\" WHERE "
                 "\"sub0\".\"product_id\" = \"p\".\"id\" AND \"sub0\".\"order_id\" = \"sub1\".\"id\" AND "
                 "\"sub1\".\"order_date\" >= DATE '2023-01-01'");
    /* bookings have no date: asked, never the customer's other date */
    asks_about(s, "customers who have not booked in 2023", NULL);
}

static void test_negated_filter_beyond(ask_schema_t *s)
{
    /* the court is the bookings', inside the NOT EXISTS: asked, not
     * written as "booked the court AND booked nothing" */
    asks_about(s, "customers who have never booked the squash court", "never");
    /* the country is the customer's own: answered */
    answers_with(s, "customers in Germany with no orders",
                 "WHERE \"c\".\"country\" = 'Germany' AND NOT EXISTS");
}

static void test_times(ask_schema_t *s)
{
    answers_with(s, "customers who ordered more than 10 times", "HAVING count(*) > 10");
    answers_with(s, "customers who ordered more than 10 times", "FROM \"public\".\"orders\"");
    answers_with(s, "customers who placed more than 5 orders", "HAVING count(*) > 5");
}

static void test_units_and_nouns(void)
{
    static const char *const symbols[] = {"K", "Na", "Li", NULL};
    static const char *const subjects[] = {"Children's Books", "Horror", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("elements", 118, json_pack("[o, o, o, o]",
        col("number", "integer", 1, NULL, NULL), col("element", "text", 0, NULL, NULL),
        col("symbol", "text", 0, NULL, symbols), col("boiling_point", "double precision", 0, NULL, NULL))));
    json_array_append_new(t, table("subjects", 16, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("subject", "text", 0, NULL, subjects))));
    json_array_append_new(t, table("books", 400, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("subject_id", "integer", 0, "subjects", NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    /* K is the unit, not potassium's symbol */
    answers_with(s, "elements with a boiling point between 1000 and 2000 K",
                 "WHERE \"e\".\"boiling_point\" BETWEEN 1000 AND 2000 ORDER BY");
    answers_with(s, "which element has the symbol K", "\"e\".\"symbol\" = 'K'");
    /* the subject's last word names the books: books are listed */
    answers_with(s, "show me the children's books", "SELECT \"b\".* FROM \"public\".\"books\"");
    answers_with(s, "how many children's books are there", "WHERE \"s\".\"subject\" = 'Children''s Books'");
    ask_schema_free(s);
}

static void test_value_only_in_a_view(void)
{
    static const char *const titles[] = {"ACADEMY DINOSAUR", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("film", 1000, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("actor", 200, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("film_actor", 5000, json_pack("[o, o]",
        col("film_id", "integer", 0, "film", NULL), col("actor_id", "integer", 0, "actor", NULL))));
    json_t *view = table("family_films", 100, json_pack("[o]", col("title", "text", 0, NULL, titles)));
    json_object_set_new(view, "type", json_string("view"));
    json_array_append_new(t, view);
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, "actors in ACADEMY DINOSAUR", NULL, &r, err, sizeof err), 0);
    CHECK(r.sql == NULL);
    CHECK_STR(json_string_value(json_array_get(r.lookups, 0)), "ACADEMY DINOSAUR");
    ask_plan_result_free(&r);
    ask_schema_free(s);
}

int main(void)
{
    ask_schema_t *s = shop();
    if (s) {
        test_dated_exists(s);
        test_negated_filter_beyond(s);
        test_times(s);
        ask_schema_free(s);
    }
    test_units_and_nouns();
    test_value_only_in_a_view();
    return check_done("test_ask_related");
}
