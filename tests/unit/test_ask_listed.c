/* test_ask_listed.c — batches 55 to 57 at first contact, on schemas built
 * inline: revenue of lines with a gross and a final amount is the final
 * one (what was paid); "how many Fiat 500s did we make" of shift rows
 * that hold units made asks (the rows, or the units?); "items" of
 * orders.item_name are the items (each once, grouped, counted distinct),
 * not the orders; "the instruments with their asset class" lists each
 * pair once; "the instruments we trade" lists the instruments, though
 * the verb names the trades; "the breakdown of final results" counts
 * each result; "an average click rate over 0.28" compares the average
 * (asked when nothing is grouped), never an age; "cost per training day"
 * of a duration in days is a rate, asked, not a group per length; "what
 * share of the slots at Lot D are reserved" takes Lot D's slots as the
 * whole and the reserved as the part; "the no-show rate by booking
 * source, in percent" is each source's share of reservations with that
 * status, "the attrition rate" the share where the flag is set. Batches
 * 58 to 60: "what columns are in the special classes table" describes
 * specialclasses; "what is the highest score of any wine" ranks by the
 * score, never counts each score; "days" are no name for fact_meal_day;
 * "Sierra Foothills appellations" where the words are an appellation and
 * an area (and the wine's appellation) asks; "which month had the most
 * inspections" counts them per month, highest first, one month; "maps
 * never played in any match" are those no matches.map_played points at.
 * Batches 61 to 63: "a fee between 10 and 20 million" scales both ends;
 * "written by doctors of each hospital" is grouped by the hospital only. */
#include "ask_fixture.h"

static const char *const items[] = {"Chicken Wrap", "Cold Coffee", "Classic Veg Burger", NULL};
static const char *const categories[] = {"Burger", "Wrap", "Beverage", NULL};

static json_t *cafe(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customers", 500, json_pack("[o, o]",
        col("customer_id", "integer", 1, NULL, NULL), col("customer_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("orders", 5000, json_pack("[o, o, o, o, o, o, o, o, o, o]",
        col("order_id", "integer", 1, NULL, NULL),
        col("customer_id", "integer", 0, "customers", NULL),
        col("order_date", "date", 0, NULL, NULL), col("item_name", "text", 0, NULL, items),
        col("category", "text", 0, NULL, categories),
        col("quantity", "integer", 0, NULL, NULL), col("unit_price", "integer", 0, NULL, NULL),
        col("gross_amount", "integer", 0, NULL, NULL), col("discount", "integer", 0, NULL, NULL),
        col("final_amount", "integer", 0, NULL, NULL))));
    return t;
}

static void test_amount_paid(void)
{
    ask_schema_t *s = schema_of(cafe());
    answers_with(s, "monthly revenue", "sum(\"o\".\"final_amount\") AS \"revenue\"");
    answers_with(s, "which customer spent the most?", "sum(\"o\".\"final_amount\")");
    answers_with(s, "share of revenue from burgers, in percent",
                 "100.0 * sum(\"o\".\"final_amount\") FILTER (WHERE \"o\".\"category\" = 'Burger')");
    ask_schema_free(s);
}

static void test_items_of_orders(void)
{
    ask_schema_t *s = schema_of(cafe());
    answers_with(s, "top 3 items by quantity sold", "GROUP BY 1 ORDER BY 2 DESC");
    answers_with(s, "top 3 items by quantity sold", "sum(\"o\".\"quantity\")");
    answers_with(s, "how many items are there", "count(DISTINCT \"o\".\"item_name\")");
    answers_with(s, "list the items", "SELECT DISTINCT \"o\".\"item_name\"");
    answers_with(s, "how many orders are there", "SELECT count(*)");
    ask_schema_free(s);
}

static void test_value_with_units(void)
{
    static const char *const models[] = {"Fiat_500", "Peugeot_208", "Citroen_C3", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("production_metrics", 960, json_pack("[o, o, o, o]",
        col("date", "date", 0, NULL, NULL), col("vehicle_model", "text", 0, NULL, models),
        col("shift_name", "text", 0, NULL, NULL), col("actual_units", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "how many Fiat 500s did we make in total?", NULL);
    answers_with(s, "total actual units of Fiat_500", "sum(\"pm\".\"actual_units\")");
    ask_schema_free(s);
    t = json_array();  /* rows that are the cars: counted */
    json_array_append_new(t, table("cars", 300, json_pack("[o, o, o]",
        col("car_id", "integer", 1, NULL, NULL), col("make", "text", 0, NULL, models),
        col("price", "numeric", 0, NULL, NULL))));
    s = schema_of(t);
    answers_with(s, "how many Fiat 500s are there?", "count(*)");
    ask_schema_free(s);
}

static void test_pairs_listed(void)
{
    static const char *const classes[] = {"Crypto", "Forex", "Equity", NULL};
    static const char *const instruments[] = {"BTCUSDT", "EURUSD", "NIFTY", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("trades", 1000, json_pack("[o, o, o, o, o]",
        col("trade_id", "integer", 1, NULL, NULL), col("trade_date", "date", 0, NULL, NULL),
        col("instrument", "text", 0, NULL, instruments), col("asset_class", "text", 0, NULL, classes),
        col("pnl", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "list the instruments with their asset class",
                 "SELECT DISTINCT \"t\".\"instrument\" AS \"instrument\", \"t\".\"asset_class\"");
    answers_with(s, "list the instruments we trade with their asset class", "SELECT DISTINCT");
    answers_with(s, "list the instruments we trade", "SELECT DISTINCT \"t\".\"instrument\"");
    answers_with(s, "list the instruments with their pnl", "SELECT \"t\".*");
    ask_schema_free(s);
}

static void test_breakdowns_and_rates(void)
{
    static const char *const results[] = {"Pass", "Fail", "Distinction", NULL};
    static const char *const segments[] = {"VIP", "New Customer", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("student_info", 12000, json_pack("[o, o, o]",
        col("id_student", "integer", 1, NULL, NULL), col("final_result", "text", 0, NULL, results),
        col("studied_credits", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("email_campaigns", 3000, json_pack("[o, o, o, o]",
        col("campaign_id", "integer", 0, NULL, NULL), col("click_rate", "numeric", 0, NULL, NULL),
        col("age", "integer", 0, NULL, NULL), col("segment", "text", 0, NULL, segments))));
    json_array_append_new(t, table("training", 400, json_pack("[o, o, o]",
        col("training_id", "integer", 1, NULL, NULL), col("training_cost", "numeric", 0, NULL, NULL),
        col("training_duration_days", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("loans", 600, json_pack("[o, o, o]",
        col("loan_id", "integer", 1, NULL, NULL), col("amount", "numeric", 0, NULL, NULL),
        col("duration", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "What's the breakdown of final results?", "GROUP BY 1");
    answers_with(s, "distribution of final results", "count(*)");
    answers_with(s, "final result breakdown", "GROUP BY 1");
    answers_with(s, "list the final results", "SELECT DISTINCT");
    asks_about(s, "campaigns with an average click rate over 0.28", NULL);
    asks_about(s, "list the campaigns with an average click rate over 0.28, with that click rate", NULL);
    answers_with(s, "average click rate by segment", "GROUP BY 1");
    asks_about(s, "average cost per training day", NULL);
    answers_with(s, "total loan amount per duration", "GROUP BY 1");
    ask_schema_free(s);
}

static void test_share_of_filtered(void)
{
    static const char *const lots[] = {"Lot A", "Lot D", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("parkinglots", 5, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, lots))));
    json_array_append_new(t, table("parkingslots", 200, json_pack("[o, o, o]",
        col("slot_id", "integer", 1, NULL, NULL), col("lot_id", "integer", 0, "parkinglots", NULL),
        col("is_reserved", "boolean", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "what share of the slots at Lot D are reserved?",
                 "FILTER (WHERE \"p\".\"is_reserved\" = 'true') / NULLIF(count(*), 0) AS \"percent\" FROM");
    answers_with(s, "what share of the slots at Lot D are reserved?", "WHERE \"p2\".\"name\" = 'Lot D'");
    answers_with(s, "what percentage of slots are reserved?", "FILTER (WHERE \"p\".\"is_reserved\"");
    ask_schema_free(s);
}

static void test_rates(void)
{
    static const char *const status[] = {"completed", "no_show", "cancelled", NULL};
    static const char *const sources[] = {"phone", "app", "walk_in", NULL};
    static const char *const yes_no[] = {"Yes", "No", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("reservations", 1200, json_pack("[o, o, o]",
        col("reservation_id", "integer", 1, NULL, NULL), col("status", "text", 0, NULL, status),
        col("booking_source", "text", 0, NULL, sources))));
    json_array_append_new(t, table("employees", 1400, json_pack("[o, o, o]",
        col("employee_id", "integer", 1, NULL, NULL), col("attrition", "text", 0, NULL, yes_no),
        col("department", "text", 0, NULL, sources))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "no-show rate by booking source, in percent",
                 "100.0 * count(*) FILTER (WHERE \"r\".\"status\" = 'no_show') / NULLIF(count(*), 0)");
    answers_with(s, "no-show rate by booking source, in percent", "GROUP BY 1");
    answers_with(s, "what is the no-show rate?", "FILTER (WHERE \"r\".\"status\" = 'no_show')");
    answers_with(s, "attrition rate per department", "FILTER (WHERE \"e\".\"attrition\" = 'Yes')");
    ask_schema_free(s);
}

static void test_not_taken_for_lists(void)
{
    static const char *const fields[] = {"Life Sciences", "Medical", "Other", NULL};
    static const char *const roles[] = {"Sales Executive", "Research Scientist", NULL};
    static const char *const yes_no[] = {"Yes", "No", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("employee_attrition", 1470, json_pack("[o, o, o, o, o]",
        col("EmployeeNumber", "integer", 1, NULL, NULL), col("Attrition", "text", 0, NULL, yes_no),
        col("EducationField", "text", 0, NULL, fields), col("JobRole", "text", 0, NULL, roles),
        col("TotalWorkingYears", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "how many other employees have the same job role as employee number 1?",
                 "AND NOT (\"ea\".\"EmployeeNumber\" = '1')");
    asks_about(s, "what does the employee attrition table hold?", NULL);
    ask_schema_free(s);
}

static void test_batches_58_to_60(void)
{
    static const char *const areas[] = {"Sierra Foothills", "North Coast", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("specialclasses", 10, json_pack("[o, o]",
        col("classid", "integer", 1, NULL, NULL), col("classname", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("specialclassbookings", 35, json_pack("[o, o]",
        col("bookingid", "integer", 1, NULL, NULL), col("classid", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("appellations", 57, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("Appelation", "text", 0, NULL, areas),
        col("County", "text", 0, NULL, NULL), col("Area", "text", 0, NULL, areas))));
    json_array_append_new(t, table("wine", 500, json_pack("[o, o, o, o]",
        col("No", "integer", 1, NULL, NULL), col("Appelation", "text", 0, NULL, areas),
        col("appellation_id", "integer", 0, "appellations", NULL), col("Score", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("maps", 12, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("map_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("matches", 728, json_pack("[o, o, o]",
        col("match_id", "integer", 1, NULL, NULL), col("map_played", "integer", 0, "maps", NULL),
        col("result", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("fact_meal_day", 7000, json_pack("[o, o, o]",
        col("school_code", "integer", 0, NULL, NULL), col("date", "date", 0, NULL, NULL),
        col("served_total", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "what columns are in the special classes table?", "'classname'");
    answers_with(s, "what is the highest score of any wine?", "ORDER BY \"w\".\"Score\" DESC");
    answers_with(s, "what is the most common score?", "count(*)");
    asks_about(s, "the 5 most recent days in the data", NULL);
    asks_about(s, "how many wines per county of Sierra Foothills appellations?", NULL);
    answers_with(s, "which month had the most meal days?", "date_trunc('month'");
    answers_with(s, "which maps have never been played in any match?",
                 "WHERE NOT EXISTS (SELECT 1 FROM \"public\".\"matches\" AS \"xm\" WHERE \"xm\".\"map_played\" = \"m\".\"id\")");
    answers_with(s, "which month had the most meal days?", "ORDER BY 2 DESC NULLS LAST FETCH FIRST 1 ROWS WITH TIES");
    answers_with(s, "which year had the highest average served total?", "avg(\"md\".\"served_total\")");
    ask_schema_free(s);
}

static void test_batches_61_to_63(void)
{
    static const char *const hospitals[] = {"AIIMS", "Apollo", "Fortis", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("transfers", 9444, json_pack("[o, o, o]",
        col("transfer_id", "integer", 1, NULL, NULL), col("player_name", "text", 0, NULL, NULL),
        col("fee", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("doctors", 1000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("doctor_name", "text", 0, NULL, NULL),
        col("hospital_name", "text", 0, NULL, hospitals))));
    json_array_append_new(t, table("prescriptions", 1000, json_pack("[o, o, o]",
        col("prescription_id", "integer", 1, NULL, NULL), col("doctor_id", "integer", 0, "doctors", NULL),
        col("prescribed_date", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "how many transfers have a fee between 10 and 20 million euros?",
                 "BETWEEN 10000000 AND 20000000");
    answers_with(s, "how many prescriptions were written by doctors of each hospital?",
                 "SELECT \"d\".\"hospital_name\" AS \"hospital_name\", count(*)");
    answers_with(s, "how many prescriptions were written by doctors of each hospital?", "GROUP BY 1 ORDER");
    ask_schema_free(s);
}

int main(void)
{
    test_amount_paid();
    test_items_of_orders();
    test_value_with_units();
    test_pairs_listed();
    test_breakdowns_and_rates();
    test_share_of_filtered();
    test_rates();
    test_not_taken_for_lists();
    test_batches_58_to_60();
    test_batches_61_to_63();
    return check_done("test_ask_listed");
}
