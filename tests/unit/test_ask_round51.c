/* test_ask_round51.c — the fifty-first round, on schemas built inline:
 * "in which 3 buildings are the most sections held" is the top 3 (not
 * sec_id 3) and "held" says where they are; "the callsigns of Lufthansa
 * and Aer Lingus" shows each callsign beside its airline's name; bare
 * "payments" in one period compared with another asks whether it is how
 * many or how much (orders in two periods are counted). */
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

int main(void)
{
    test_which_three();
    test_callsigns();
    test_payments_compared();
    return check_done("test_ask_round51");
}
