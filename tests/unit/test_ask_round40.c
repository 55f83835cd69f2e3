/* test_ask_round40.c — the fortieth round, on schemas built inline:
 * temperature_f answers to "temperature" (a unit tail after temp words
 * only); "average number of events per session" averages the count per
 * value of events.session_id; "average number of pit stops per race in
 * 2023" averages over the races of 2023 that have any (dated by the
 * race, pit stops having no date); "average revenue per day", "average
 * daily revenue" and "average revenue per order" average the revenue of
 * each period or order — "average temperature per month" stays a grouped
 * average; "average total pnl per trader" averages each trader's sum
 * (over those with any), "share of the total pnl" adds it up, "no
 * recorded mass" is a missing mass; constituency_number is no count of
 * constituencies; "downloads" of monthly_downloads are added up (HAVING
 * too), download_month groups by month; a grouping by year leaves the
 * undated rows out; a count of the one species a unique name names asks;
 * "German" is no slip of 'Germany'; "the 5 largest … of 2019" keeps 5;
 * "on how many days" counts
 * the days; "never taught a section" is no section of theirs ("never
 * won a match" asks); started_on is also "start (date)"; "when was the
 * first pothole filled" is the earliest filled_at; "paid by cheque" beside
 * paid_amount is how; a name said after "the same last name as" is no
 * second value of the comparison (it crashed the writer); file_number is
 * also "file" (beside reference_file: asked); "total billed" adds up the
 * bills' total_amount; a question after a per-entity average is no edit
 * of it. */
#include "ask_fixture.h"

static json_t *races(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("races", 1100, json_pack("[o, o, o]",
        col("race_id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("race_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("pit_stops", 9000, json_pack("[o, o, o, o]",
        col("stop_id", "integer", 1, NULL, NULL), col("race_id", "integer", 0, "races", NULL), col("stop", "integer", 0, NULL, NULL),
        col("duration", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("events", 5000, json_pack("[o, o, o]",
        col("session_id", "text", 0, NULL, NULL), col("ts", "timestamp", 0, NULL, NULL),
        col("event_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("weather_readings", 700, json_pack("[o, o, o]",
        col("reading_id", "integer", 1, NULL, NULL), col("reading_date", "date", 0, NULL, NULL),
        col("temperature_f", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_races(void)
{
    ask_schema_t *s = schema_of(races());
    answers_with(s, "average number of events per session",
                 "SELECT avg(\"x\".\"events\") AS \"events_per_session_id\" FROM (SELECT \"e\".\"session_id\"");
    answers_with(s, "average number of pit stops per race", "LEFT JOIN \"public\".\"pit_stops\"");
    answers_with(s, "average number of pit stops per race in 2023",
                 "AS \"pit_stops_per_races_with_any\" FROM (SELECT \"r\".\"race_id\" AS \"race_id\", count(*)");
    answers_with(s, "average number of pit stops per race in 2023", "\"r\".\"race_date\" >= DATE '2023-01-01'");
    answers_with(s, "average temperature per month", "avg(\"wr\".\"temperature_f\")");
    answers_with(s, "average temperature per month", "GROUP BY 1 ORDER BY 1");
    asks_about(s, "average stop per race", NULL);  /* a column, no count of rows */
    ask_schema_free(s);
}

static json_t *sales(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customers", 90, json_pack("[o, o]",
        col("customer_id", "integer", 1, NULL, NULL), col("customer_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("orders", 830, json_pack("[o, o, o]",
        col("order_id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customers", NULL),
        col("order_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("order_lines", 2150, json_pack("[o, o, o, o]",
        col("line_id", "integer", 1, NULL, NULL), col("order_id", "integer", 0, "orders", NULL),
        col("quantity", "integer", 0, NULL, NULL), col("unit_price", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_sales(void)
{
    ask_schema_t *s = schema_of(sales());
    answers_with(s, "what is the average revenue per day?",
                 "SELECT avg(\"x\".\"revenue\") AS \"revenue_per_day\" FROM (SELECT date_trunc('day'");
    answers_with(s, "average daily revenue in 2024", "AS \"revenue_per_day\"");
    answers_with(s, "average daily revenue in 2024", "\"o\".\"order_date\" >= DATE '2024-01-01'");
    answers_with(s, "average monthly revenue", "AS \"revenue_per_month\"");
    answers_with(s, "what is the average revenue per order?",
                 "AS \"revenue_per_orders\" FROM (SELECT \"o\".\"order_id\" AS \"order\", sum(");
    answers_with(s, "average revenue per customer", "AS \"revenue_per_customers\"");
    asks_about(s, "average revenue", NULL);  /* per what? */
    /* a question of its own after a per-order average is no edit of it */
    ask_plan_result_t r1, r2;
    char err[256];
    CHECK_INT(ask_plan(s, "what is the average revenue per order?", NULL, &r1, err, sizeof err), 0);
    CHECK(r1.plan != NULL);
    CHECK_INT(ask_plan(s, "when was the first order placed?", r1.plan, &r2, err, sizeof err), 0);
    CHECK(r2.sql && strstr(r2.sql, "SELECT min(\"o\".\"order_date\")") && !strstr(r2.sql, "avg("));
    ask_plan_result_free(&r1);
    ask_plan_result_free(&r2);
    ask_schema_free(s);
}

static const char *const desks[] = {"Rates", "Equities", "Credit", NULL};

static json_t *trades(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("traders", 40, json_pack("[o, o]",
        col("trader_id", "integer", 1, NULL, NULL), col("trader_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("trades", 4000, json_pack("[o, o, o, o, o]",
        col("trade_id", "integer", 1, NULL, NULL), col("trader_id", "integer", 0, "traders", NULL),
        col("desk", "text", 0, NULL, desks), col("pnl", "numeric", 0, NULL, NULL),
        col("mass_g", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_trades(void)
{
    ask_schema_t *s = schema_of(trades());
    answers_with(s, "what's the average total pnl per trader?",
                 "SELECT avg(\"x\".\"total_pnl\") AS \"total_pnl_per_trader_id\" FROM (SELECT \"t\".\"trader_id\"");
    answers_with(s, "what is the average of the total pnl per desk?", "GROUP BY 1");
    answers_with(s, "on average, what is the total pnl per trader?", "sum(\"t\".\"pnl\") AS \"total_pnl\"");
    answers_with(s, "average total pnl per trader, counting only traders with trades", "avg(\"x\".\"total_pnl\")");
    asks_about(s, "average total pnl per trader with more than 5 trades", NULL);  /* a condition, not "any" */
    answers_with(s, "what share of the total pnl came from the Rates desk?", "sum(\"t\".\"pnl\") FILTER (WHERE");
    answers_with(s, "how many trades have no recorded mass?", "\"t\".\"mass_g\" IS NULL");
    ask_schema_free(s);
}

static const char *const counties[] = {"Riverside", "Fresno", "Kern", NULL};
static const char *const species_names[] = {"Mongoose lemur", "Ring-tailed lemur", "Aye-aye", NULL};
static const char *const shelves[] = {"Germany", "Poetry", "Science", NULL};
static const char *const trucks[] = {"DP1", "DP2", NULL};

static json_t *places(void)
{
    json_t *t = json_array(), *sp = col("common_name", "text", 0, NULL, species_names),
           *filled = col("filled_at", "timestamp", 0, NULL, NULL);
    json_object_set_new(filled, "nullable", json_false());
    json_object_set_new(sp, "n_distinct", json_real(-1));
    json_array_append_new(t, table("districts", 75, json_pack("[o, o]",
        col("district_id", "integer", 1, NULL, NULL), col("district_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("constituencies", 205, json_pack("[o, o, o, o, o]",
        col("constituency_id", "integer", 1, NULL, NULL), col("constituency_name", "text", 0, NULL, NULL),
        col("district_id", "integer", 0, "districts", NULL), col("constituency_number", "integer", 0, NULL, NULL),
        col("registered_voters", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("candidates", 2238, json_pack("[o, o, o]",
        col("candidate_id", "integer", 1, NULL, NULL), col("candidate_name", "text", 0, NULL, NULL),
        col("constituency_id", "integer", 0, "constituencies", NULL))));
    json_array_append_new(t, table("packages", 3000, json_pack("[o, o]",
        col("package_id", "integer", 1, NULL, NULL), col("package_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("monthly_downloads", 45000, json_pack("[o, o, o]",
        col("package_id", "integer", 0, "packages", NULL), col("download_month", "date", 0, NULL, NULL),
        col("downloads", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("species", 27, json_pack("[o, o]",
        col("species_id", "integer", 1, NULL, NULL), sp)));
    json_array_append_new(t, table("animals", 3700, json_pack("[o, o, o]",
        col("animal_id", "integer", 1, NULL, NULL), col("species_id", "integer", 0, "species", NULL),
        col("birth_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("counties", 60, json_pack("[o, o]",
        col("county_id", "integer", 1, NULL, NULL), col("county_name", "text", 0, NULL, counties))));
    json_array_append_new(t, table("fires", 1883, json_pack("[o, o, o, o, o]",
        col("fire_id", "integer", 1, NULL, NULL), col("county_id", "integer", 0, "counties", NULL),
        col("started_on", "date", 0, NULL, NULL), col("acres", "numeric", 0, NULL, NULL),
        col("bookshelf", "text", 0, NULL, shelves))));
    json_array_append_new(t, table("potholes", 20000, json_pack("[o, o, o]",
        col("pothole_id", "integer", 1, NULL, NULL), col("truck", "text", 0, NULL, trucks), filled)));
    return t;
}

static void test_places(void)
{
    ask_schema_t *s = schema_of(places());
    answers_with(s, "which districts have more than 4 constituencies?", "HAVING count(*) > 4");
    answers_with(s, "on average, how many candidates ran per constituency?", "AS \"candidates_per_constituencies\"");
    answers_with(s, "how many packages have more than 10,000 downloads in total?",
                 "HAVING sum(\"md\".\"downloads\") > 10000");
    answers_with(s, "downloads by download month", "date_trunc('month', \"md\".\"download_month\")");
    answers_with(s, "how many fires started each year?", "WHERE \"f\".\"started_on\" IS NOT NULL GROUP BY 1");
    answers_with(s, "how many mongoose lemurs are there?", "FROM \"public\".\"animals\"");  /* not 1 species */
    answers_with(s, "how many animals are mongoose lemurs?", "= 'Mongoose lemur'");
    asks_about(s, "how many fires were on the German shelf?", "German");  /* no slip of 'Germany' */
    answers_with(s, "top 5 fires by acres in 2019, largest first", "LIMIT 5");
    answers_with(s, "on how many days did truck DP1 fill potholes?",
                 "count(DISTINCT date_trunc('day', \"p\".\"filled_at\")::date)");
    asks_about(s, "on how many days did truck DP1 fill more than 20 potholes?", NULL);  /* per day, or per row? */
    answers_with(s, "when was the first pothole filled?", "SELECT min(\"p\".\"filled_at\")");
    answers_with(s, "when was the last pothole filled?", "max(\"p\".\"filled_at\")");
    answers_with(s, "when was the earliest fire?", "min(\"f\".\"started_on\")");
    ask_schema_free(s);
}

static json_t *school(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("instructors", 50, json_pack("[o, o]",
        col("instructor_id", "integer", 1, NULL, NULL), col("instructor_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("sections", 400, json_pack("[o, o, o]",
        col("section_id", "integer", 1, NULL, NULL), col("instructor_id", "integer", 0, "instructors", NULL),
        col("started_on", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("teams", 30, json_pack("[o, o]",
        col("team_id", "integer", 1, NULL, NULL), col("team_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("matches", 900, json_pack("[o, o, o]",
        col("match_id", "integer", 1, NULL, NULL), col("team_id", "integer", 0, "teams", NULL),
        col("goals", "integer", 0, NULL, NULL))));
    return t;
}

static void test_school(void)
{
    ask_schema_t *s = schema_of(school());
    answers_with(s, "which instructors have never taught a section?", "WHERE NOT EXISTS (SELECT 1 FROM \"public\".\"sections\"");
    answers_with(s, "how many instructors have never taken a section?", "NOT EXISTS");
    asks_about(s, "which teams have never won a match?", "never");  /* which matches: won ones */
    answers_with(s, "list the sections with their start dates", "FROM \"public\".\"sections\"");
    answers_with(s, "on which day of the week did the most sections start?", "extract(isodow FROM \"s\".\"started_on\")");
    ask_schema_free(s);
}

static const char *const firsts[] = {"Costa", "Lindsay", "Mary", NULL};
static const char *const lasts[] = {"Alennikov", "Smith", "Jones", NULL};
static const char *const methods[] = {"Cash", "Cheque", "Card", NULL};

static json_t *shop(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customers", 2000, json_pack("[o, o, o]",
        col("customer_id", "integer", 1, NULL, NULL), col("first_name", "text", 0, NULL, firsts),
        col("last_name", "text", 0, NULL, lasts))));
    json_array_append_new(t, table("bills", 700, json_pack("[o, o, o, o]",
        col("bill_id", "integer", 1, NULL, NULL), col("billing_month", "date", 0, NULL, NULL),
        col("total_amount", "numeric", 0, NULL, NULL), col("extra_charges", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("purchases", 9000, json_pack("[o, o, o, o, o]",
        col("purchase_id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customers", NULL),
        col("payment_method", "text", 0, NULL, methods), col("paid_amount", "numeric", 0, NULL, NULL),
        col("purchased_on", "date", 0, NULL, NULL))));
    return t;
}

static json_t *permits(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("permits", 5000, json_pack("[o, o, o, o]",
        col("permit_id", "integer", 1, NULL, NULL), col("file_number", "text", 0, NULL, NULL),
        col("reference_file", "text", 0, NULL, NULL), col("construction_value", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_permits(void)
{
    ask_schema_t *s = schema_of(permits());
    asks_about(s, "which permit files have more than 3 permits?", NULL);  /* file_number or reference_file */
    answers_with(s, "how many permits does each file number have?", "\"p\".\"file_number\"");
    ask_schema_free(s);
}

static void test_shop(void)
{
    ask_schema_t *s = schema_of(shop());
    /* a second name said after "the same last name as" once joined the
     * comparison's own filter, and its writer read a column that was none */
    answers_with(s, "show the customers with the same last name as Costa Alennikov", "\"c\".\"last_name\" IN (SELECT");
    answers_with(s, "total billed in November 2023", "SELECT sum(\"b\".\"total_amount\")");
    answers_with(s, "how many purchases were paid by cheque?", "WHERE \"p\".\"payment_method\" = 'Cheque'");
    asks_about(s, "how many purchases does each purchase file have?", NULL);  /* no such column */
    answers_with(s, "what percentage of purchases were paid in cash?", "FILTER (WHERE \"p\".\"payment_method\" = 'Cash')");
    ask_schema_free(s);
}

int main(void)
{
    test_shop();
    test_permits();
    test_school();
    test_places();
    test_trades();
    test_races();
    test_sales();
    return check_done("test_ask_round40");
}
