/* test_ask_round51.c — the fifty-first round, on schemas built inline:
 * "in which 3 buildings are the most sections held" is the top 3 (not
 * sec_id 3) and "held" says where they are; "the callsigns of Lufthansa
 * and Aer Lingus" shows each callsign beside its airline's name; bare
 * "payments" in one period compared with another asks whether it is how
 * many or how much (orders in two periods are counted); a text column
 * of numbers with signs around them ("? 12,541") is read as the number,
 * compared, ranked and shown beside the row; a code column of digits
 * alone stays text; "the shortest films" are every film of the shortest
 * length; a list shows the name of what each key points at when that
 * thing has a name of its own and one key points there ("the 10 largest
 * cities": the country's name), not when two keys do (a movement's
 * warehouse and its counterparty's); "instructors paid between 80,000 and
 * 100,000" is no ranking ("paid" takes its way from "best", "lowest");
 * a denial reaches every value joined to the denied one ("not in
 * Statistics or Physics", "excluding China, Japan and India": NOT IN all);
 * "for each region, the average number of accounts per district" is not
 * written as the average over every district. */
#include "ask_fixture.h"

static void test_which_three(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("section", 100, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("sec_id", "text", 0, NULL, (const char *const[]){"1", "2", "3", NULL}),
        col("building", "text", 0, NULL, (const char *const[]){"Taylor", "Saucon", "Painter", NULL}),
        col("semester", "text", 0, NULL, (const char *const[]){"Fall", "Spring", NULL}))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "In which 3 buildings are the most sections held?", "LIMIT 3");
    refuses_sql(s, "In which 3 buildings are the most sections held?", "'3'");
    answers_with(s, "in which buildings are the most sections held?", "GROUP BY 1");
    ask_schema_free(s);
}

static void test_callsigns(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("airlines", 6000, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"Lufthansa", "Aer Lingus", "Ryanair", NULL}),
        col("callsign", "text", 0, NULL, (const char *const[]){"LUFTHANSA", "SHAMROCK", NULL}))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "What are the callsigns of Lufthansa and Aer Lingus?", "\"a\".\"name\" AS \"name\"");
    refuses_sql(s, "What is the callsign of Lufthansa?", "AS \"name\"");
    ask_schema_free(s);
}

static void test_payments_compared(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("payment", 16000, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("amount", "numeric", 0, NULL, NULL), col("payment_date", "timestamp", 0, NULL, NULL))));
    json_array_append_new(t, table("orders", 16000, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("cost", "numeric", 0, NULL, NULL), col("order_date", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "payments in March 2007 compared with April 2007", "measure");
    answers_with(s, "number of payments in March 2007 compared with April 2007", "count(*)");
    answers_with(s, "orders in March 2007 compared with April 2007", "count(*)");
    ask_schema_free(s);
}

static void test_numbers_in_text(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("district", 77, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"Praha", "Blansko", "Brno", NULL}),
        col("Average Salary", "text", 0, NULL, (const char *const[]){"? 12,541", "? 8,240", "? 9,897", NULL}),
        col("code", "text", 0, NULL, (const char *const[]){"101", "102", "103", NULL}))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "Which districts have an average salary above 10000?",
                 "NULLIF(regexp_replace(\"d\".\"Average Salary\", '[^0-9.]', '', 'g'), '')::numeric > 10000");
    answers_with(s, "Which 5 districts have the highest average salary?", "AS \"Average Salary_number\"");
    refuses_sql(s, "districts with a code above 101", "regexp_replace");
    ask_schema_free(s);
}

static void test_shortest_films(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("film", 1000, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("title", "text", 0, NULL, NULL), col("length", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "what are the shortest films", "FETCH FIRST 1 ROWS WITH TIES");
    answers_with(s, "what are the 5 shortest films", "LIMIT 5");
    ask_schema_free(s);
}

static void test_key_names(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("country", 239, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"India", "Japan", NULL}))));
    json_array_append_new(t, table("city", 4079, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL), col("country_id", "integer", 0, "country", NULL),
        col("population", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("warehouses", 9, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("movements", 900, json_pack("[o, o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("moved_at", "timestamp", 0, NULL, NULL), col("quantity_kg", "integer", 0, NULL, NULL),
        col("warehouse_id", "integer", 0, "warehouses", NULL),
        col("counterparty_id", "integer", 0, "warehouses", NULL))));
    json_array_append_new(t, table("instructor", 50, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL), col("salary", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "the 10 largest cities by population", "AS \"country_id_name\"");
    answers_with(s, "the 5 most recent movements", "SELECT \"m\".* FROM");
    refuses_sql(s, "instructors paid between 80,000 and 100,000", "ORDER BY \"i\".\"salary\"");
    answers_with(s, "the 3 best paid instructors", "ORDER BY \"i\".\"salary\" DESC NULLS LAST LIMIT 3");
    ask_schema_free(s);
}

static void test_denied_lists(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("country", 239, json_pack("[o, o, o, o]", col("code", "text", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"China", "India", "Japan", "Nepal", NULL}),
        col("continent", "text", 0, NULL, (const char *const[]){"Asia", "Europe", NULL}),
        col("population", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("instructor", 50, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL),
        col("dept_name", "text", 0, NULL, (const char *const[]){"Statistics", "Physics", "Biology", NULL}),
        col("salary", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "instructors who aren't in Statistics or Physics", "NOT IN ('Statistics', 'Physics')");
    answers_with(s, "What is the total population of Asia excluding China and India?", "NOT IN ('China', 'India')");
    answers_with(s, "countries in Asia except China, Japan and India", "NOT IN ('China', 'Japan', 'India')");
    answers_with(s, "instructors in Statistics or Physics", "IN ('Statistics', 'Physics')");
    refuses_sql(s, "instructors in Statistics or Physics", "NOT IN");
    ask_schema_free(s);
}

static void test_per_entity_by_group(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("district", 77, json_pack("[o, o, o]", col("district_id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"Praha", "Blansko", NULL}),
        col("region", "text", 0, NULL, (const char *const[]){"Prague", "south Moravia", NULL}))));
    json_array_append_new(t, table("account", 4500, json_pack("[o, o, o]", col("account_id", "integer", 1, NULL, NULL),
        col("district_id", "integer", 0, "district", NULL), col("frequency", "text", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    refuses_sql(s, "For each region, what is the average number of accounts per district?", "avg(");
    answers_with(s, "average number of accounts per district", "avg(");
    ask_schema_free(s);
}

int main(void)
{
    test_denied_lists();
    test_per_entity_by_group();
    test_key_names();
    test_numbers_in_text();
    test_shortest_films();
    test_which_three();
    test_callsigns();
    test_payments_compared();
    return check_done("test_ask_round51");
}
