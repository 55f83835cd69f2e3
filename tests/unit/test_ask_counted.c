/* test_ask_counted.c — batches 46 to 48 at first contact, on schemas built
 * inline: "the largest batches" ranks by the batch's one quantity when it
 * has no money column; a count of the one row each group points at (the
 * item of a batch) asks; a flag named is_beta_feature is never "the
 * feature"; "never opened a ticket" is the rows without tickets; "how many
 * customers have more than 2 reviews" counts the customers the count
 * keeps (with none as 0 when the range holds 0); "in total" after a count
 * is the count; a row's own name in the plural ("names") is grouped by;
 * a table glued in one word ("labrooms") answers to the words its key
 * spells ("lab rooms", "rooms"), never to a split no column spells
 * ("settings"); "how many omelettes were ordered" (a value counted
 * through another table's rows) asks; "how many sales" of a table named
 * sales counts its rows; "tickets sold" are the tickets when each is
 * priced and dated, and their revenue their prices; "by reason" groups by reason_code; "over 50" and
 * "the oldest" of people with an age and no money are their age; rows of
 * keys only that are dated and pointed at (screenings) are listed, not
 * asked about as pairs of ids; the days from a row's start to its end
 * ("average days between order date and shipped date", "the average
 * project length in days") are a measure, kept by a follow-up, and asked
 * back when the dates do not pair or the unit is not days; "in the same
 * city as Adam Wayne" is the rows whose city is his, he left out (kept by
 * a follow-up; a count of them without "other" asks: him too?), and "who works in the same office as Hazel Tarbert" lists
 * her table's rows; "how many helicopters" counts the crafts of that
 * kind; "…, and who wrote it?" (a second question) asks; a forename
 * beside a surname is a first and a last name; an item of a list column
 * is also found after a bare comma ("Gujarat,India"); "spend per month"
 * of a table named spend with a spend_amount sums it; a Line_Total beside
 * a quantity is the line's own amount; "how many entries are …" counts. */
#include "ask_fixture.h"

static void test_sizes_and_owners(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("inventory_items", 5, json_pack("[o, o]",
        col("item_id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("inventory_batches", 5, json_pack("[o, o, o]",
        col("batch_id", "integer", 1, NULL, NULL),
        col("item_id", "integer", 0, "inventory_items", NULL),
        col("quantity", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "the 3 largest batches", "ORDER BY \"b\".\"quantity\" DESC");
    answers_with(s, "the 3 largest batches with their item", "ORDER BY \"b\".\"quantity\" DESC");
    asks_about(s, "how many items does each batch have", NULL);
    ask_schema_free(s);
}

static void test_flags_are_no_names(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("feature_usage", 2000, json_pack("[o, o, o, o]",
        col("usage_id", "integer", 1, NULL, NULL), col("feature_name", "text", 0, NULL, NULL),
        col("usage_count", "integer", 0, NULL, NULL),
        col("is_beta_feature", "boolean", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "which feature has the highest total usage count?", NULL);
    asks_about(s, "total usage count of each beta feature", NULL);
    ask_schema_free(s);
}

static json_t *shop(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customers", 300, json_pack("[o, o]",
        col("customer_id", "integer", 1, NULL, NULL), col("names", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("customer_reviews", 500, json_pack("[o, o, o]",
        col("review_id", "integer", 1, NULL, NULL),
        col("customer_id", "integer", 0, "customers", NULL),
        col("rating", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("support_tickets", 400, json_pack("[o, o, o]",
        col("ticket_id", "integer", 1, NULL, NULL),
        col("customer_id", "integer", 0, "customers", NULL),
        col("submitted_at", "timestamp", 0, NULL, NULL))));
    return t;
}

static void test_counts_of_the_kept(void)
{
    ask_schema_t *s = schema_of(shop());
    answers_with(s, "how many customers have more than 2 reviews?",
                 "SELECT count(*) AS \"customers\" FROM (SELECT");
    answers_with(s, "how many customers wrote more than 2 reviews?", "HAVING count(*) > 2");
    answers_with(s, "how many customers have fewer than 2 reviews?", "LEFT JOIN");
    answers_with(s, "customers with more than one review", "HAVING count(*) > 1");
    answers_with(s, "which customers have never opened a support ticket?", "NOT EXISTS");
    answers_with(s, "customers who did not submit a ticket", "NOT EXISTS");
    answers_with(s, "how many reviews are there in total?", "SELECT count(*) AS");
    asks_about(s, "how many reviews per customer in total?", "total");
    ask_schema_free(s);
}

static void test_glued_names(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("labzones", 5, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("labrooms", 20, json_pack("[o, o, o]",
        col("lab_room_id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("lab_zone_id", "integer", 0, "labzones", NULL))));
    json_array_append_new(t, table("equipmenttypes", 12, json_pack("[o, o]",
        col("equipment_id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("settings", 3, json_pack("[o, o]",
        col("set_id", "integer", 1, NULL, NULL), col("value", "text", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "how many lab rooms are there?", "FROM \"public\".\"labrooms\"");
    answers_with(s, "how many rooms are there?", "count(*) AS \"labrooms\"");
    answers_with(s, "list the equipment types", "FROM \"public\".\"equipmenttypes\"");
    asks_about(s, "how many tings are there?", "tings");
    ask_schema_free(s);
}

static void test_values_counted(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("dishes", 30, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL),
        col("dish_name", "text", 0, NULL, (const char *const[]){"Omelette", "Pancakes", NULL}))));
    json_array_append_new(t, table("orders", 300, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("order_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("order_dish", 900, json_pack("[o, o, o]",
        col("order_id", "integer", 1, "orders", NULL), col("dish_id", "integer", 1, "dishes", NULL),
        col("ordered_dish_quantity", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "how many omelettes were ordered?", NULL);
    asks_about(s, "how many omelettes were ordered in total?", NULL);
    answers_with(s, "how many orders had an omelette?", "count(DISTINCT");
    ask_schema_free(s);
}

static void test_sales_and_ages(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("sales", 1000, json_pack("[o, o, o, o]",
        col("sale_id", "integer", 1, NULL, NULL), col("dates", "date", 0, NULL, NULL),
        col("quantity", "integer", 0, NULL, NULL), col("sale_amount", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("tickets", 800, json_pack("[o, o, o]",
        col("ticket_id", "integer", 1, NULL, NULL), col("purchase_date", "date", 0, NULL, NULL),
        col("price", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("churn_events", 500, json_pack("[o, o]",
        col("event_id", "integer", 1, NULL, NULL), col("reason_code", "text", 0, NULL,
            (const char *const[]){"pricing", "support", NULL}))));
    json_array_append_new(t, table("teacher", 40, json_pack("[o, o, o]",
        col("teacher_id", "integer", 1, NULL, NULL), col("age", "integer", 0, NULL, NULL),
        col("teacher_name", "text", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "how many sales did we make?", "count(*) AS \"sales\"");
    answers_with(s, "how many tickets were sold?", "count(*) AS \"tickets\"");
    answers_with(s, "total ticket revenue", "sum(\"t\".\"price\")");
    asks_about(s, "ticket sales in 2022 compared with 2023", NULL);  /* a count, or revenue? */
    answers_with(s, "churn events by reason", "GROUP BY 1");
    answers_with(s, "teachers over 50", "\"age\" > 50");
    answers_with(s, "who is the oldest teacher?", "ORDER BY \"t\".\"age\" DESC");
    answers_with(s, "the 3 youngest teachers", "ORDER BY \"t\".\"age\" ASC");
    asks_about(s, "tickets over 500 tickets", NULL);
    ask_schema_free(s);
}

static void test_dated_links(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("films", 20, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("rooms", 4, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("screenings", 200, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("film_id", "integer", 0, "films", NULL),
        col("room_id", "integer", 0, "rooms", NULL), col("start_time", "timestamp", 0, NULL, NULL))));
    json_array_append_new(t, table("bookings", 400, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("screening_id", "integer", 0, "screenings", NULL))));
    json_array_append_new(t, table("film_room", 30, json_pack("[o, o]",
        col("film_id", "integer", 1, "films", NULL), col("room_id", "integer", 1, "rooms", NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "what were the 3 most recent screenings?", "ORDER BY \"s\".\"start_time\" DESC");
    answers_with(s, "which screenings had no bookings at all?", "NOT EXISTS");
    asks_about(s, "list the film rooms", NULL);
    ask_schema_free(s);
    t = json_array();  /* users reached two ways: the enrolment's, or its course's instructor */
    json_array_append_new(t, table("users", 50, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("role", "text", 0, NULL, (const char *const[]){"Student", "Instructor", NULL}))));
    json_array_append_new(t, table("courses", 10, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("instructor_id", "integer", 0, "users", NULL))));
    json_array_append_new(t, table("enrollments", 90, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("user_id", "integer", 0, "users", NULL),
        col("course_id", "integer", 0, "courses", NULL), col("date_enrolled", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("progress", 300, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("enrollment_id", "integer", 0, "enrollments", NULL))));
    s = schema_of(t);
    asks_about(s, "the 3 most recent enrollments with the student and the course", NULL);
    answers_with(s, "the 3 most recent enrollments", "ORDER BY \"e\".\"date_enrolled\" DESC");
    ask_schema_free(s);
}

static void test_spans(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("orders", 800, json_pack("[o, o, o, o]",
        col("order_id", "integer", 1, NULL, NULL), col("order_date", "date", 0, NULL, NULL),
        col("shipped_date", "date", 0, NULL, NULL),
        col("region", "text", 0, NULL, (const char *const[]){"North", "South", NULL}))));
    json_array_append_new(t, table("projects", 30, json_pack("[o, o, o, o]",
        col("project_id", "integer", 1, NULL, NULL), col("project_name", "text", 0, NULL, NULL),
        col("project_start", "date", 0, NULL, NULL), col("proj_completion", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("bills", 300, json_pack("[o, o, o, o]",
        col("bill_id", "integer", 1, NULL, NULL), col("bill_date", "date", 0, NULL, NULL),
        col("due_date", "date", 0, NULL, NULL), col("paid_date", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "average number of days between order date and shipped date",
                 "avg((\"o\".\"shipped_date\")::date - (\"o\".\"order_date\")::date)");
    answers_with(s, "on average how many days does it take to ship an order?", "AS \"avg_days\"");
    answers_with(s, "what is the average project length in days?",
                 "avg((\"p\".\"proj_completion\")::date - (\"p\".\"project_start\")::date) AS");
    answers_with(s, "longest project in days", "max(");
    answers_with(s, "average days between bill date and due date", "\"due_date\")::date - (\"b\".\"bill_date\")");
    asks_about(s, "how many days between order date and shipped date", NULL);  /* each order's? */
    asks_about(s, "average bill length in days", NULL);  /* due or paid: two ends */
    asks_about(s, "average project length in hours", NULL);
    answers_with(s, "average number of orders per day", "AS \"orders_per_day\" FROM (SELECT date_trunc('day'");  /* no span */
    ask_plan_result_t r = {0}, r2 = {0};
    char err[128];
    CHECK_INT(ask_plan(s, "average number of days between order date and shipped date", NULL, &r,
                       err, sizeof err), 0);
    CHECK(r.plan != NULL);
    CHECK_INT(ask_plan(s, "by region", r.plan, &r2, err, sizeof err), 0);
    CHECK(r2.sql && strstr(r2.sql, "\"shipped_date\")::date - (\"o\".\"order_date\")::date") &&
          strstr(r2.sql, "\"region\""));
    ask_plan_result_free(&r);
    ask_plan_result_free(&r2);
    ask_schema_free(s);
}

static void test_same_as(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("offices", 5, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("city", "text", 0, NULL, (const char *const[]){"Leeds", NULL}))));
    json_array_append_new(t, table("employees", 40, json_pack("[o, o, o, o, o]",
        col("employee_id", "integer", 1, NULL, NULL),
        col("first_name", "text", 0, NULL, (const char *const[]){"Hazel", "Adam", NULL}),
        col("last_name", "text", 0, NULL, (const char *const[]){"Tarbert", "Wayne", NULL}),
        col("city", "text", 0, NULL, (const char *const[]){"Leeds", "York", NULL}),
        col("office_id", "integer", 0, "offices", NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "which employees live in the same city as Adam Wayne?",
                 "\"e\".\"city\" IN (SELECT \"r\".\"city\" FROM \"public\".\"employees\" AS \"r\" "
                 "WHERE \"r\".\"first_name\" = 'Adam' AND \"r\".\"last_name\" = 'Wayne') AND NOT "
                 "(\"e\".\"first_name\" = 'Adam' AND \"e\".\"last_name\" = 'Wayne')");
    answers_with(s, "who works in the same office as Hazel Tarbert?", "\"e\".\"office_id\" IN (SELECT");
    answers_with(s, "how many other employees live in the same city as Adam Wayne?", "SELECT count(*)");
    asks_about(s, "how many employees live in the same city as Adam Wayne?", NULL);  /* him too? */
    asks_about(s, "which employees live in the same city as Leeds?", NULL);  /* no row named */
    ask_plan_result_t r = {0}, r2 = {0};
    char err[128];
    CHECK_INT(ask_plan(s, "which employees live in the same city as Adam Wayne?", NULL, &r, err,
                       sizeof err), 0);
    CHECK(r.plan != NULL);
    CHECK_INT(ask_plan(s, "how many", r.plan, &r2, err, sizeof err), 0);
    CHECK(r2.sql && strstr(r2.sql, "AND NOT (") && strstr(r2.sql, "IN (SELECT"));  /* JSON kept it */
    ask_plan_result_free(&r);
    ask_plan_result_free(&r2);
    ask_schema_free(s);
}

static void test_kinds_and_names(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("craft_type", 3, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL),
        col("type", "text", 0, NULL, (const char *const[]){"Helicopter", "Boat", NULL}))));
    json_array_append_new(t, table("craft", 6, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("type_id", "integer", 0, "craft_type", NULL),
        col("capacity", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("users", 40, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("forename", "text", 0, NULL, NULL),
        col("surname", "text", 0, NULL, NULL),
        col("location", "text", 0, NULL, (const char *const[]){"Pune, India", "Leeds, UK", "India",
                                                             "Mumbai, India", NULL}))));
    json_array_append_new(t, table("posts", 90, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("user_id", "integer", 0, "users", NULL),
        col("content", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("comments", 300, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("post_id", "integer", 0, "posts", NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "how many helicopters do we have?", "count(*) AS \"craft\"");
    asks_about(s, "which post has the most comments, and who wrote it?", "and who wrote it");
    answers_with(s, "how many posts has each user made?", "\"u\".\"surname\" AS");
    ask_schema_free(s);
}

static void test_masses_and_lines(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("campaigns", 40, json_pack("[o, o]",
        col("campaign_id", "integer", 1, NULL, NULL), col("campaign_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("daily_campaign_spend", 3600, json_pack("[o, o, o]",
        col("campaign_id", "integer", 0, "campaigns", NULL), col("spend_date", "date", 0, NULL, NULL),
        col("spend_amount", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("ticket_lines", 1100, json_pack("[o, o, o]",
        col("line_id", "integer", 1, NULL, NULL), col("Qty", "integer", 0, NULL, NULL),
        col("Line_Total", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("timesheets", 700, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("task_name", "text", 0, NULL, NULL),
        col("hours", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "spend per month", "sum(\"dcr\".\"spend_amount\")");
    answers_with(s, "top 5 campaigns by spend", "sum(\"dcr\".\"spend_amount\")");
    answers_with(s, "total revenue", "sum(\"ti\".\"Line_Total\") AS \"revenue\"");
    answers_with(s, "how many entries are between 2 and 4 hours?", "SELECT count(*)");
    ask_schema_free(s);
}

int main(void)
{
    test_sizes_and_owners();
    test_flags_are_no_names();
    test_counts_of_the_kept();
    test_glued_names();
    test_values_counted();
    test_sales_and_ages();
    test_dated_links();
    test_spans();
    test_same_as();
    test_kinds_and_names();
    test_masses_and_lines();
    return check_done("test_ask_counted");
}
