/* test_ask_parts.c — batches 64 to 66 at first contact, on schemas built
 * inline: "harvests per month" dates them by harvest_date, not the
 * planting date beside it; "farmers who never harvested coffee" looks for
 * the coffee in the harvests' products, not the farmer's own primary crop;
 * "districts that never harvested" asks (none of theirs, or some with
 * none?); "how many pets" of patients.pet_name, a table others point at,
 * asks (its rows, or its names?); "what share of all installs" sums the
 * installs; "the percentage of late departures per year" asks (of all late
 * departures, or of the trains scheduled?); "how many items" of an
 * items(authority, item_type, items) table adds its items up; "rating"
 * beside content_rating is the rating; "by day of the week" groups by the
 * day's name, Monday first; "how many trains were cancelled" of
 * scheduled_trains and cancelled_trains is the one whose other word is
 * said, added up ("in total" says no more); "harvests over 10,000 kg"
 * compares quantity_kg, the one number named in kilograms. */
#include "ask_fixture.h"

static const char *const crops[] = {"Coffee", "Maize", "Beans", NULL};
static const char *const districts[] = {"Kabale", "Soroti", "Iganga", NULL};

static json_t *farms(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("farmers", 1000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("first_name", "text", 0, NULL, NULL),
        col("district", "text", 0, NULL, districts), col("primary_crop", "text", 0, NULL, crops))));
    json_array_append_new(t, table("products", 30, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("product_name", "text", 0, NULL, crops))));
    json_array_append_new(t, table("harvests", 4000, json_pack("[o, o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("farmer_id", "integer", 0, "farmers", NULL),
        col("product_id", "integer", 0, "products", NULL), col("planting_date", "date", 0, NULL, NULL),
        col("harvest_date", "date", 0, NULL, NULL), col("quantity_kg", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_harvests(void)
{
    ask_schema_t *s = schema_of(farms());
    answers_with(s, "number of harvests per month", "date_trunc('month', \"h\".\"harvest_date\")");
    answers_with(s, "farmers who never harvested coffee", "NOT EXISTS");
    answers_with(s, "farmers who never harvested coffee", "\"product_name\" = 'Coffee')");
    answers_with(s, "farmers whose primary crop is coffee", "\"primary_crop\" = 'Coffee'");
    asks_about(s, "which districts have never harvested any coffee?", "district");
    answers_with(s, "how many harvests were over 10,000 kg?", "WHERE \"h\".\"quantity_kg\" > 10000");
    ask_schema_free(s);
}

static const char *const pet_names[] = {"Bella", "Max", "Luna", NULL};
static const char *const pet_types[] = {"Dog", "Cat", "Rabbit", NULL};

static json_t *pets(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("owners", 100, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("owner_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("patients", 200, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("pet_name", "text", 0, NULL, pet_names),
        col("pet_type", "text", 0, NULL, pet_types), col("age_years", "numeric", 0, NULL, NULL),
        col("owner_id", "integer", 0, "owners", NULL))));
    json_array_append_new(t, table("visits", 900, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("patient_id", "integer", 0, "patients", NULL),
        col("visit_date", "date", 0, NULL, NULL))));
    return t;
}

static void test_pets(void)
{
    ask_schema_t *s = schema_of(pets());
    asks_about(s, "how many pets are older than 10 years?", "measure");
    answers_with(s, "how many patients are there?", "SELECT count(*)");
    ask_schema_free(s);
}

static const char *const categories[] = {"GAME", "TOOLS", "FINANCE", NULL};
static const char *const content[] = {"Everyone", "Teen", "Mature 17+", NULL};

static json_t *apps(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("apps", 9000, json_pack("[o, o, o, o, o, o, o, o]",
        col("app_id", "integer", 1, NULL, NULL), col("app", "text", 0, NULL, NULL),
        col("category", "text", 0, NULL, categories), col("rating", "numeric", 0, NULL, NULL),
        col("content_rating", "text", 0, NULL, content), col("installs", "integer", 0, NULL, NULL),
        col("reviews", "integer", 0, NULL, NULL), col("last_updated", "date", 0, NULL, NULL))));
    return t;
}

static void test_apps(void)
{
    ask_schema_t *s = schema_of(apps());
    answers_with(s, "what share of all installs do GAME apps have?",
                 "100.0 * sum(\"a\".\"installs\") FILTER (WHERE \"a\".\"category\" = 'GAME')");
    answers_with(s, "what percentage of reviews are for GAME apps?", "NULLIF(sum(\"a\".\"reviews\"), 0)");
    answers_with(s, "average rating per category", "avg(\"a\".\"rating\")");
    answers_with(s, "apps by content rating", "\"a\".\"content_rating\" AS");
    ask_schema_free(s);
}

static json_t *stats(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("monthly_stats", 9000, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("month", "date", 0, NULL, NULL),
        col("scheduled_trains", "integer", 0, NULL, NULL), col("cancelled_trains", "integer", 0, NULL, NULL),
        col("late_departures", "integer", 0, NULL, NULL))));
    return t;
}

static void test_part_of_a_total(void)
{
    ask_schema_t *s = schema_of(stats());
    asks_about(s, "percentage of late departures per year, from highest to lowest", "measure");
    asks_about(s, "share of cancelled trains per year", "measure");
    answers_with(s, "total scheduled trains per year", "sum(\"ms\".\"scheduled_trains\")");
    answers_with(s, "how many trains were scheduled in total in 2019?", "SELECT sum(\"ms\".\"scheduled_trains\")");
    answers_with(s, "how many trains were cancelled?", "SELECT sum(\"ms\".\"cancelled_trains\")");
    ask_schema_free(s);
}

static const char *const authorities[] = {"Bristol", "Dorset", "Poole", NULL};

static json_t *stock(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("items", 300, json_pack("[o, o, o]",
        col("authority", "text", 0, NULL, authorities), col("item_type", "text", 0, NULL, NULL),
        col("items", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("orders", 9000, json_pack("[o, o, o]",
        col("order_id", "integer", 1, NULL, NULL), col("order_date", "date", 0, NULL, NULL),
        col("amount", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_items_and_weekdays(void)
{
    ask_schema_t *s = schema_of(stock());
    answers_with(s, "how many items does Bristol have in total?", "SELECT sum(\"i\".\"items\")");
    answers_with(s, "number of orders by day of the week", "WHEN 1 THEN 'Monday'");
    answers_with(s, "number of orders by day of the week", "ORDER BY min(extract(isodow FROM");
    answers_with(s, "which day of the week has the most orders?", "FETCH FIRST 1 ROWS WITH TIES");
    answers_with(s, "orders per weekday", "WHEN 7 THEN 'Sunday' END AS \"weekday\"");
    answers_with(s, "how many orders were placed on weekdays?", "BETWEEN 1 AND 5");
    ask_schema_free(s);
}

static const char *const school_types[] = {"District", "Charter", NULL};
static const char *const request_kinds[] = {"Graffiti", "Sewer Issues", NULL};

static json_t *town(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("schools", 15, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("school_name", "text", 0, NULL, NULL),
        col("type", "text", 0, NULL, school_types))));
    json_array_append_new(t, table("requests", 9000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("created_at", "timestamp without time zone", 0, NULL, NULL),
        col("closed_at", "timestamp without time zone", 0, NULL, NULL),
        col("category", "text", 0, NULL, request_kinds))));
    json_array_append_new(t, table("menu_items", 32, json_pack("[o, o, o]",
        col("menu_item_id", "integer", 1, NULL, NULL), col("item_name", "text", 0, NULL, NULL),
        col("price", "numeric", 0, NULL, NULL))));
    return t;
}

/* Batches 67 to 69: "in the district" of a school type asks; the average
 * days between two timestamps keep their fraction, over the rows that have
 * an end; "the most expensive item" ranks the items by price. */
static void test_batches_67_to_69(void)
{
    ask_schema_t *s = schema_of(town());
    asks_about(s, "how many schools are in the district?", "the district");
    answers_with(s, "how many District schools are there?", "\"type\" = 'District'");
    answers_with(s, "on average, how many days does it take to close a request?",
                 "avg(extract(epoch FROM (\"r\".\"closed_at\") - (\"r\".\"created_at\")) / 86400)");
    answers_with(s, "average days to close a request for each category", "\"closed_at\" IS NOT NULL");
    answers_with(s, "what is the most expensive item on the menu?", "ORDER BY \"mi\".\"price\" DESC");
    ask_schema_free(s);
}

static const char *const foods[] = {"Rice", "Soup", "Bread", NULL};

static json_t *donations(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("food_listings", 1000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("food_name", "text", 0, NULL, foods),
        col("listed_on", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("claims", 3000, json_pack("[o, o, o]",
        col("claim_id", "integer", 1, NULL, NULL), col("food_id", "integer", 0, "food_listings", NULL),
        col("claimed_at", "timestamp without time zone", 0, NULL, NULL))));
    return t;
}

/* The thirty-fifth round: "food listings with more than one claim" groups
 * each listing (its key beside a name most listings share); "2023 compared
 * with 2022" gives 2023 first; "how many days between the first and the
 * last claim" is the days from the earliest date to the latest, and asks
 * when the first and the last are of two tables. */
static void test_round_35(void)
{
    ask_schema_t *s = schema_of(donations());
    answers_with(s, "food listings that got more than one claim", "\"fl\".\"id\" AS");
    answers_with(s, "claims per food name", "GROUP BY 1 ORDER BY");
    answers_with(s, "how many claims were made in 2023 compared with 2022?", "GROUP BY 1 ORDER BY 1 DESC");
    answers_with(s, "how many claims were made in 2022 vs 2023?", "GROUP BY 1 ORDER BY 1 LIMIT");
    answers_with(s, "how many days are there between the first and the last claim?",
                 "SELECT (max(\"c\".\"claimed_at\"))::date - (min(\"c\".\"claimed_at\"))::date AS \"days\"");
    answers_with(s, "how many days passed between the earliest and the most recent listing?",
                 "(max(\"fl\".\"listed_on\"))::date - (min(");
    asks_about(s, "how many days between the first listing and the last claim?", "first");
    ask_schema_free(s);
}

static const char *const sides[] = {"BUY", "SELL", NULL};
static const char *const regions[] = {"Europe", "South America", NULL};
static const char *const factors[] = {"Weather Conditions", "Speeding", NULL};
static const char *const weathers[] = {"Clear", "Rain", NULL};
static const char *const roads[] = {"Main St", "Elm St", NULL};

static json_t *trades(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("members", 5000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("region", "text", 0, NULL, regions))));
    json_array_append_new(t, table("transactions", 20000, json_pack("[o, o, o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("member_id", "integer", 0, "members", NULL),
        col("side", "text", 0, NULL, sides), col("quantity", "numeric", 0, NULL, NULL),
        col("traded_at", "date", 0, NULL, NULL), col("distance_km", "numeric", 0, NULL, NULL),
        col("duration_min", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("crashes", 470, json_pack("[o, o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("crash_date", "date", 0, NULL, NULL),
        col("environment_factor", "text", 0, NULL, factors), col("weather", "text", 0, NULL, weathers),
        col("roadway", "text", 0, NULL, roads), col("intersecting_roadway", "text", 0, NULL, roads))));
    json_array_append_new(t, table("players", 151, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("rating", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("crash_vehicles", 618, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("crash_id", "integer", 0, "crashes", NULL),
        col("model_year", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("bookings", 1400, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("start", "timestamp without time zone", 0, NULL, NULL),
        col("charge", "numeric", 0, NULL, NULL))));
    return t;
}

/* The thirty-fifth round, from batches 70 to 72 at first contact: "bought"
 * is the BUY side of a trade; "monthly charges" of dated bookings group by
 * month; "longer than 20 km" compares the distance in km; a "how many"
 * said last counts; "which year had the most crashes" is the crash date's
 * year, not a vehicle's model year, and "vehicles per year" asks which;
 * "crashes by weather condition" asks (the value, or the weather column?);
 * "roadways" is roadway, not intersecting_roadway; "rated between" compares
 * the rating; "happened" and "are recorded" say no more than that the rows
 * are there; a trade is a transaction. */
static void test_batches_70_to_72(void)
{
    ask_schema_t *s = schema_of(trades());
    answers_with(s, "total quantity bought by members in South America", "\"side\" = 'BUY'");
    answers_with(s, "total quantity sold by members in Europe", "\"side\" = 'SELL'");
    answers_with(s, "monthly charges in 2014", "date_trunc('month', \"b\".\"start\")");
    answers_with(s, "how many transactions were longer than 20 km?", "\"distance_km\" > 20");
    answers_with(s, "transactions longer than 20 km: how many?", "SELECT count(*)");
    answers_with(s, "which year had the most crashes?", "extract(year FROM \"c\".\"crash_date\")");
    asks_about(s, "number of crash vehicles per year", "model_year");
    asks_about(s, "crashes by weather condition", "weather");
    answers_with(s, "crashes by weather", "GROUP BY 1");
    answers_with(s, "which roadways had more than 9 crashes?", "HAVING count(*) > 9");
    answers_with(s, "how many players are rated between 1800 and 2000?", "\"rating\" BETWEEN 1800 AND 2000");
    answers_with(s, "how many crashes happened in the rain?", "\"weather\" = 'Rain'");
    answers_with(s, "how many crashes are recorded?", "SELECT count(*) AS \"crashes\" FROM");
    answers_with(s, "how many trades had a quantity above 4.5?", "\"quantity\" > 4.5");
    ask_schema_free(s);
}

static json_t *port(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("vessel_calls", 116, json_pack("[o, o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("vessel_name", "text", 0, NULL, NULL),
        col("anchorage_dt", "timestamp without time zone", 0, NULL, NULL),
        col("berthing_date", "timestamp without time zone", 0, NULL, NULL),
        col("reg_dt", "timestamp without time zone", 0, NULL, NULL),
        col("cargo_tonnage", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("sample_points", 61, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("suburb", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("daily_visits", 62, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("visit_date", "date", 0, NULL, NULL),
        col("visits", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("invoices", 500, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("invoice_date", "date", 0, NULL, NULL),
        col("due_date", "date", 0, NULL, NULL))));
    return t;
}

/* Batches 73 to 75 at first contact: "calls registered in March" date the
 * calls by reg_dt (the verb cut short), "berthings per month" by
 * berthing_date, but "invoices due in July" by due_date (the table's own
 * noun names no date); "how many sample points are there" counts a table named
 * sample_points (no preview of its rows); "in total" after a grouping by
 * weekday is no filler. */
static void test_batches_73_to_75(void)
{
    ask_schema_t *s = schema_of(port());
    answers_with(s, "how many calls were registered in March 2025?", "\"reg_dt\" >= DATE '2025-03-01'");
    answers_with(s, "number of berthings per month in 2025", "date_trunc('month', \"vc\".\"berthing_date\")");
    answers_with(s, "how many sample points are there?", "SELECT count(*)");
    answers_with(s, "invoices due in July 2019", "\"due_date\" >= DATE '2019-07-01'");
    answers_with(s, "how many invoices in July 2019?", "\"invoice_date\" >= DATE '2019-07-01'");
    asks_about(s, "which day of the week had the most visits in total?", "total");
    ask_schema_free(s);
}

int main(void)
{
    test_harvests();
    test_pets();
    test_apps();
    test_part_of_a_total();
    test_items_and_weekdays();
    test_batches_67_to_69();
    test_round_35();
    test_batches_70_to_72();
    test_batches_73_to_75();
    return check_done("test_ask_parts");
}
