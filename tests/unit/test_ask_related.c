/* test_ask_related.c — questions about rows that have (or have not) related
 * rows, on schemas built inline: a period and the conditions on the related
 * rows go inside the EXISTS ("never booked the squash court", "never been in
 * a Comedy film", "never received an A+"), "without a department" is the
 * base's own key when it is named so, "more than N times" counts the table
 * its verb names, a unit after a number is no value, a value whose last word
 * names another table lists that table, and a value sampled only in a view
 * that joins nothing is looked up in the tables. */
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
                 "NOT EXISTS (SELECT 1 FROM \"public\".\"orders\" AS \"xo\" WHERE \"xo\".\"customer_id\" = "
                 "\"c\".\"id\" AND \"xo\".\"order_date\" >= DATE '2023-01-01' AND \"xo\".\"order_date\" < "
                 "DATE '2024-01-01')");
    answers_with(s, "how many customers have no orders since 2024",
                 "AND \"xo\".\"order_date\" >= DATE '2024-01-01')");
    /* through the order lines, dated by their order */
    answers_with(s, "products never ordered in 2023",
                 "FROM \"public\".\"orders\" AS \"xo\" JOIN \"public\".\"order_lines\" AS \"xoi\" ON "
                 "\"xoi\".\"order_id\" = \"xo\".\"id\" WHERE \"xoi\".\"product_id\" = \"p\".\"id\" AND "
                 "\"xo\".\"order_date\" >= DATE '2023-01-01'");
    /* bookings have no date: asked, never the customer's other date */
    asks_about(s, "customers who have not booked in 2023", NULL);
}

static void test_negated_filter_beyond(ask_schema_t *s)
{
    /* the court is the bookings', inside the NOT EXISTS — never written
     * beside it as "booked the court AND booked nothing" */
    answers_with(s, "customers who have never booked the squash court",
                 "WHERE NOT EXISTS (SELECT 1 FROM \"public\".\"bookings\" AS \"xb\" JOIN "
                 "\"public\".\"facilities\" AS \"xf\" ON \"xb\".\"facility_id\" = \"xf\".\"id\" WHERE "
                 "\"xb\".\"customer_id\" = \"c\".\"id\" AND \"xf\".\"name\" = 'Squash Court')");
    /* the country is the customer's own: answered */
    answers_with(s, "customers in Germany with no orders",
                 "WHERE \"c\".\"country\" = 'Germany' AND NOT EXISTS");
}

/* The plan keeps a condition on the related rows through JSON (a chat's
 * follow-up edits the stored plan). */
static void test_related_rows_plan(ask_schema_t *s)
{
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, "customers who have never booked the squash court", NULL, &r, err, sizeof err), 0);
    const json_t *f = json_array_get(json_object_get(r.plan, "filters"), 0);
    CHECK(json_is_true(json_object_get(f, "on_related_rows")));
    CHECK(r.understood && strstr(r.understood, "with no bookings whose facility is Squash Court"));
    ask_plan_result_t again;
    CHECK_INT(ask_plan(s, "only those in Germany", r.plan, &again, err, sizeof err), 0);
    CHECK(again.sql && strstr(again.sql, "\"xf\".\"name\" = 'Squash Court')"));
    CHECK(again.sql && strstr(again.sql, "\"c\".\"country\" = 'Germany'"));
    ask_plan_result_free(&again);
    ask_plan_result_free(&r);
}

/* "never <verb> <value>": the value's rows are the related ones; "not
 * <verb> to any <table>" says how, which is not known: asked. "without a
 * <table>" when the base has its own key named after it: that key empty. */
static void test_never_shapes(void)
{
    static const char *const grades[] = {"A+", "B", NULL};
    static const char *const cats[] = {"Comedy", "Drama", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("student", 2000, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("takes", 30000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("student_id", "integer", 0, "student", NULL),
        col("grade", "text", 0, NULL, grades))));
    json_array_append_new(t, table("film", 1000, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("actor", 200, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("film_actor", 5000, json_pack("[o, o]",
        col("film_id", "integer", 0, "film", NULL), col("actor_id", "integer", 0, "actor", NULL))));
    json_array_append_new(t, table("category", 16, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, cats))));
    json_array_append_new(t, table("film_category", 1000, json_pack("[o, o]",
        col("film_id", "integer", 0, "film", NULL), col("category_id", "integer", 0, "category", NULL))));
    json_array_append_new(t, table("department", 27, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("manager_id", "integer", 0, "employee", NULL))));
    json_array_append_new(t, table("employee", 107, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("department_id", "integer", 0, "department", NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "students who have never received an A+",
                 "NOT EXISTS (SELECT 1 FROM \"public\".\"takes\" AS \"xt\" WHERE \"xt\".\"student_id\" = "
                 "\"s\".\"id\" AND \"xt\".\"grade\" = 'A+')");
    answers_with(s, "actors who have never been in a Comedy film",
                 "JOIN \"public\".\"category\" AS \"xc\" ON \"xfc\".\"category_id\" = \"xc\".\"id\" WHERE "
                 "\"xfa\".\"actor_id\" = \"a\".\"id\" AND \"xc\".\"name\" = 'Comedy')");
    answers_with(s, "employees without a department", "WHERE \"e\".\"department_id\" IS NULL");
    answers_with(s, "departments with no employees",
                 "NOT EXISTS (SELECT 1 FROM \"public\".\"employee\" AS \"xe\" WHERE \"xe\".\"department_id\"");
    asks_about(s, "employees that are not assigned to any department", NULL);
    ask_schema_free(s);
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

/* A ranking table of one row per country (Neon's happiness index, dev12):
 * the name column "country_or_region" answers to "country"; of two numbers
 * named, a superlative ranks by the one after it; "shared by more than one
 * country" is a count the plan cannot place; an average per country, one
 * row each, means something else. */
static void test_one_row_per_entity(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("2019", 156, json_pack("[o, o, o, o, o]",
        col("overall_rank", "integer", 1, NULL, NULL), col("country_or_region", "character varying(255)", 0, NULL, NULL),
        col("score", "numeric(5,2)", 0, NULL, NULL), col("social_support", "numeric(10,2)", 0, NULL, NULL),
        col("freedom_to_make_life_choices", "numeric(10,2)", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "which countries score above 7?", "WHERE \"t\".\"score\" > 7");
    answers_with(s, "which country scores lowest on freedom to make life choices",
                 "ORDER BY \"t\".\"freedom_to_make_life_choices\" ASC");
    asks_about(s, "which scores are shared by more than one country?", NULL);
    asks_about(s, "average social support of the top 20 countries", NULL);
    ask_schema_free(s);
}

int main(void)
{
    test_one_row_per_entity();
    ask_schema_t *s = shop();
    if (s) {
        test_dated_exists(s);
        test_negated_filter_beyond(s);
        test_times(s);
        test_related_rows_plan(s);
        ask_schema_free(s);
    }
    test_units_and_nouns();
    test_value_only_in_a_view();
    test_never_shapes();
    return check_done("test_ask_related");
}
