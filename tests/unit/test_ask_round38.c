/* test_ask_round38.c — the thirty-eighth round, on schemas built inline:
 * "how many hours did volunteers work" adds up hours_worked, "worked more
 * than 95 hours" compares it ("inclusive" after a BETWEEN adds nothing);
 * "deliveries from Perth to Darwin" takes the origin for "from" and the
 * destination for "to"; "went from", "marked Delayed" add nothing; "the
 * dates of the 5 most recent deliveries" lists them newest first, a value
 * of their own kept as a filter; "what percentage of belugas are alive" is
 * a share, not a count; "living animals" is no "living in"; "Kasatka as
 * their mother" is the mother; "the animal's name" is no pet called
 * 'Name'; "involved a road traffic collision" is that flag alone; "which
 * sites" groups by each site where two share a beach name; "died on a
 * Monday" is dated by status_date; "a score of 100 in 2020" dates the
 * yearly reports; "average number of floors" is their average, "built
 * after 2010" year_built; "dog licences" are species 'Dog'; "(on) which
 * day had the most" ranks days; "the average number of deliveries per
 * day" averages the daily counts; "were made in 2024" adds nothing; "Give
 * name and floors" shows the listed rows' columns; "the reason for a
 * delay" is delay_reason, "because of the weather" its value, "the delay
 * in minutes" delay_minutes said once; "how many tickets were sold" of
 * ticket_sales adds up its quantity; "in ward 3" is ward 3; "show the
 * addresses and values of …" lists the rows; "Picasso in the title"
 * contains it; "distinct titles" counts them once; "when" is never a
 * typo; "by potholes filled" is no grouping by day; "resolution time in
 * hours" is resolution_hours said once; "still in Issued status" is
 * the status; "across all permits" is all of them; "admissions in 2022"
 * is admissions_2022, and "the most admissions" asks which year. */
#include "ask_fixture.h"

static const char *const cities[] = {"Perth", "Darwin", "Hobart", NULL};
static const char *const statuses[] = {"Delayed", "On Time", NULL};
static const char *const reasons[] = {"Weather", "Traffic", NULL};
static const char *const tickets[] = {"Student", "Adult", "Senior Citizen", NULL};
static const char *const species[] = {"Beluga", "Bottlenose", NULL};
static const char *const states[] = {"Alive", "Died", "Released", NULL};
static const char *const mothers[] = {"Kasatka", "Corky", NULL};
static const char *const pets[] = {"Name", "Luna", "Charlie", NULL};
static const char *const kinds[] = {"Dog", "Cat", "Pig", NULL};
static const char *const yesno[] = {"yes", "no", NULL};
static const char *const beaches[] = {"Willard Beach", "East End Beach", NULL};

static json_t *work(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("volunteers", 800, json_pack("[o, o, o]",
        col("volunteer_id", "text", 1, NULL, NULL), col("city", "text", 0, NULL, cities),
        col("hours_worked", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("deliveries", 9000, json_pack("[o, o, o, o, o, o, o]",
        col("delivery_id", "text", 1, NULL, NULL), col("delivery_date", "date", 0, NULL, NULL),
        col("origin", "text", 0, NULL, cities), col("destination", "text", 0, NULL, cities),
        col("status", "text", 0, NULL, statuses), col("delay_reason", "text", 0, NULL, reasons),
        col("delay_minutes", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("ticket_sales", 9000, json_pack("[o, o, o, o]",
        col("sale_id", "integer", 1, NULL, NULL), col("ticket_type", "text", 0, NULL, tickets),
        col("quantity", "integer", 0, NULL, NULL), col("price", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_work(void)
{
    ask_schema_t *s = schema_of(work());
    answers_with(s, "how many hours did all volunteers work in total?", "sum(\"v\".\"hours_worked\")");
    answers_with(s, "how many hours did volunteers in Perth work?", "\"v\".\"city\" = 'Perth'");
    answers_with(s, "how many volunteers worked fewer than 5 hours?", "\"v\".\"hours_worked\" < 5");
    answers_with(s, "how many volunteers worked between 40 and 60 hours, inclusive?", "BETWEEN 40 AND 60");
    answers_with(s, "how many deliveries went from Perth to Darwin?",
                 "\"d\".\"origin\" = 'Perth' AND \"d\".\"destination\" = 'Darwin'");
    answers_with(s, "how many deliveries to Hobart?", "\"d\".\"destination\" = 'Hobart'");
    answers_with(s, "how many deliveries were marked Delayed?", "\"d\".\"status\" = 'Delayed'");
    answers_with(s, "what were the dates of the 5 most recent deliveries marked Delayed?",
                 "ORDER BY \"d\".\"delivery_date\" DESC NULLS LAST LIMIT 5");
    answers_with(s, "on which day were there the most deliveries?", "date_trunc('day', \"d\".\"delivery_date\")");
    answers_with(s, "what is the average number of deliveries per day?",
                 "SELECT avg(\"x\".\"deliveries\") AS \"deliveries_per_day\" FROM (SELECT date_trunc('day'");
    answers_with(s, "on average, how many deliveries were there per month in 2024?", "AS \"deliveries_per_month\"");
    answers_with(s, "how many deliveries were made in 2024?", "\"d\".\"delivery_date\" >= DATE '2024-01-01'");
    answers_with(s, "what is the most common reason for a delay?", "\"d\".\"delay_reason\" AS");
    answers_with(s, "how many deliveries were delayed because of the weather?", "\"d\".\"delay_reason\" = 'Weather'");
    answers_with(s, "what is the average delay in minutes of the deliveries marked Delayed?",
                 "avg(\"d\".\"delay_minutes\")");
    answers_with(s, "how many Student tickets were sold?", "sum(\"ts\".\"quantity\")");
    answers_with(s, "how many tickets were sold per ticket type?", "sum(\"ts\".\"quantity\")");
    ask_schema_free(s);
}

static json_t *zoo(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("animals", 2800, json_pack("[o, o, o, o, o, o, o]",
        col("animal_id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, mothers),
        col("species", "text", 0, NULL, species), col("mother", "text", 0, NULL, mothers),
        col("acquired_on", "date", 0, NULL, NULL), col("status", "text", 0, NULL, states),
        col("status_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("licences", 50000, json_pack("[o, o, o, o]",
        col("license_id", "integer", 1, NULL, NULL), col("issue_date", "date", 0, NULL, NULL),
        col("animal_name", "text", 0, NULL, pets), col("species", "text", 0, NULL, kinds))));
    json_array_append_new(t, table("incidents", 1000, json_pack("[o, o, o]",
        col("incident_id", "integer", 1, NULL, NULL), col("road_traffic_collision", "text", 0, NULL, yesno),
        col("victims_involved", "text", 0, NULL, yesno))));
    return t;
}

static void test_zoo(void)
{
    ask_schema_t *s = schema_of(zoo());
    answers_with(s, "what percentage of belugas are alive?", "FILTER (WHERE \"a\".\"status\" = 'Alive')");
    asks_about(s, "how many living animals are male?", "living");
    answers_with(s, "how many animals have Kasatka as their mother?", "\"a\".\"mother\" = 'Kasatka'");
    asks_about(s, "when was the oldest licence issued, and what is the animal's name?", NULL);
    answers_with(s, "how many incidents involved a road traffic collision?",
                 "WHERE \"i\".\"road_traffic_collision\" = 'yes'");
    answers_with(s, "how many animals died on a Monday?", "extract(isodow FROM \"a\".\"status_date\")");
    answers_with(s, "how many animals were acquired in 2010?", "\"a\".\"acquired_on\" >= DATE '2010-01-01'");
    answers_with(s, "how many dog licences are there?", "\"l\".\"species\" = 'Dog'");
    ask_schema_free(s);
}

static const char *const towns[] = {"Wien", "Paris", "Metz", NULL};
static const char *const permit_states[] = {"Issued", "Final", NULL};

static json_t *city(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("permits", 5000, json_pack("[o, o, o, o, o, o]",
        col("permit_id", "integer", 1, NULL, NULL), col("address", "text", 0, NULL, NULL),
        col("ward", "integer", 0, NULL, NULL), col("construction_value", "numeric", 0, NULL, NULL),
        col("applied_on", "date", 0, NULL, NULL), col("status", "text", 0, NULL, permit_states))));
    json_array_append_new(t, table("exhibitions", 1300, json_pack("[o, o, o, o]",
        col("exhibition_id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("city", "text", 0, NULL, towns), col("opens_on", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("streets", 4900, json_pack("[o, o]",
        col("street_id", "integer", 1, NULL, NULL), col("street_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("potholes", 7500, json_pack("[o, o, o]",
        col("pothole_id", "integer", 1, NULL, NULL), col("street_id", "integer", 0, "streets", NULL),
        col("filled_at", "timestamp", 0, NULL, NULL))));
    json_array_append_new(t, table("cinemas", 300, json_pack("[o, o, o, o]",
        col("cinema_id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("admissions_2021", "integer", 0, NULL, NULL), col("admissions_2022", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("incidents", 900, json_pack("[o, o, o]",
        col("incident_id", "integer", 1, NULL, NULL), col("resolution_hours", "numeric", 0, NULL, NULL),
        col("assignment_delay_hours", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_city(void)
{
    ask_schema_t *s = schema_of(city());
    answers_with(s, "how many permits are there in ward 3?", "\"p\".\"ward\" BETWEEN 3 AND 3");
    answers_with(s, "show the addresses and construction values of the permits in ward 2.", "SELECT \"p\".*");
    answers_with(s, "which exhibitions have Picasso in the title?", "\"e\".\"title\" LIKE '%Picasso%'");
    answers_with(s, "how many distinct titles are there?", "count(DISTINCT \"e\".\"title\")");
    asks_about(s, "when did the Olga Picasso exhibition open?", NULL);  /* "when" is no typo of 'Wien' */
    asks_about(s, "what are the top 5 streets by potholes filled?", NULL);  /* not by the day filled */
    answers_with(s, "average resolution time in hours", "avg(\"i\".\"resolution_hours\")");
    answers_with(s, "how many permits are still in Issued status?", "\"p\".\"status\" = 'Issued'");
    answers_with(s, "which cinema had the most admissions in 2022?", "ORDER BY \"c\".\"admissions_2022\" DESC");
    answers_with(s, "total admissions in 2021", "sum(\"c\".\"admissions_2021\")");
    asks_about(s, "which cinema had the most admissions?", "admissions");
    answers_with(s, "what is the average construction value across all permits?",
                 "SELECT avg(\"p\".\"construction_value\") AS \"avg_construction_value\" FROM \"public\".\"permits\" AS \"p\"");
    ask_schema_free(s);
}

static json_t *places(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("sites", 9, json_pack("[o, o]",
        col("id", "text", 1, NULL, NULL), col("beach_name", "text", 0, NULL, beaches))));
    json_array_append_new(t, table("samples", 1900, json_pack("[o, o, o]",
        col("sample_id", "integer", 1, NULL, NULL), col("site_code", "text", 0, "sites", NULL),
        col("sample_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("buildings", 3700, json_pack("[o, o, o, o]",
        col("building_id", "integer", 1, NULL, NULL), col("building_name", "text", 0, NULL, NULL),
        col("year_built", "integer", 0, NULL, NULL), col("floors", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("energy_reports", 17000, json_pack("[o, o, o, o]",
        col("report_id", "integer", 1, NULL, NULL), col("building_id", "integer", 0, "buildings", NULL),
        col("data_year", "integer", 0, NULL, NULL), col("energy_star_score", "integer", 0, NULL, NULL))));
    return t;
}

static void test_places(void)
{
    ask_schema_t *s = schema_of(places());
    answers_with(s, "which sites have more than 100 samples?", "GROUP BY 1, 2 HAVING count(*) > 100");
    answers_with(s, "how many buildings had an energy star score of 100 in 2020?", "\"er\".\"data_year\" >= 2020");
    answers_with(s, "what is the average number of floors?", "avg(\"b\".\"floors\")");
    answers_with(s, "which buildings have more than 45 floors? Give name and floors.", "WHERE \"b\".\"floors\" > 45");
    answers_with(s, "list the buildings with more than 45 floors, with their name and floors.", "\"b\".\"floors\" > 45");
    answers_with(s, "what is the average number of floors of buildings built after 2010?",
                 "\"b\".\"year_built\" >= 2011");
    ask_schema_free(s);
}

int main(void)
{
    test_work();
    test_zoo();
    test_places();
    test_city();
    return check_done("test_ask_round38");
}
