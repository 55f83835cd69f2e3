/* test_ask_round39.c — the thirty-ninth round, on schemas built inline:
 * "solo races" where the column holds 'solo' and 'Solo' asks which ("in
 * any case": both, "exactly solo": that one);
 * "races held in Japan" takes 'Myoko, Japan' too (not in a list column);
 * "numbers drawn more than 175 times" is no comparison of the number
 * column (asked); "complaints filed in 2015" are dated by their own date,
 * "complaints were filed" adds nothing; "inspector 3308 handled" and
 * "which inspector handled the most" name who did the rows' work;
 * weight_g answers to "weight"; "how many issues" of text_harvests.issues
 * adds the counts kept (not "with their number of issues", nor "have had
 * an issue");
 * "publishers with more than 100 books" counts the titles (books have
 * names; units_sold is no second reading); "sale price" is sale_price,
 * not revenue; "average total claim" is total_claim_amount's; "boro" is
 * a borough; "the longest average delay" is the highest of delay_minutes;
 * "how many potholes did truck DP1 fill" of a never-empty filled_at and
 * "more than 100 potholes filled" say what the rows are; "which segments"
 * where 4,952 segments share 886 segment_names asks which a segment is;
 * "Central Park" beside 'Central  Park' asks too; "each supplier we have bought
 * from" counts those we have (no zeros); sales_count is no price; "which
 * coffee got the lowest rating" keeps the coffees tied with it ("what is
 * the lowest rating" asks a value: one row). */
#include "ask_fixture.h"

static const char *const kinds[] = {"solo", "Solo", "team", "relay", NULL};
static const char *const countries[] = {"Japan", "Myoko, Japan", "United States", "FL, United States",
    "France", "Spain", "Italy", "Germany", "Canada", "Mexico", "Brazil", "Chile", "Peru", "Kenya", "Nepal",
    "India", "China", "Korea", "Norway", "Sweden", "Poland", "Greece", "Egypt", "Morocco", "Ireland", NULL};
static const char *const types[] = {"Noise complaint", "Air pollution", NULL};
static const char *const inspectors[] = {"3308", "10937", "2210", NULL};
static const char *const vegs[] = {"tomatoes", "zucchini", "beans", NULL};

static json_t *races(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("races", 1200, json_pack("[o, o, o, o, o]",
        col("race_id", "integer", 1, NULL, NULL), col("race_name", "text", 0, NULL, NULL),
        col("race_date", "date", 0, NULL, NULL), col("participation", "text", 0, NULL, kinds),
        col("country", "text", 0, NULL, countries))));
    json_array_append_new(t, table("draws", 1100, json_pack("[o, o]",
        col("draw_no", "integer", 1, NULL, NULL), col("draw_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("draw_numbers", 7000, json_pack("[o, o, o]",
        col("draw_no", "integer", 0, "draws", NULL), col("position", "integer", 0, NULL, NULL),
        col("number", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("songs", 300, json_pack("[o, o, o]",
        col("song_id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("times_played", "integer", 0, NULL, NULL))));
    return t;
}

static void test_races(void)
{
    ask_schema_t *s = schema_of(races());
    asks_about(s, "how many races were solo races?", "written more than one way");
    answers_with(s, "how many races were solo in any case?", "\"r\".\"participation\" IN ('solo', 'Solo')");
    answers_with(s, "how many races were exactly solo races?", "\"r\".\"participation\" = 'solo'");
    answers_with(s, "how many races were held in Japan?", "\"r\".\"country\" IN ('Japan', 'Myoko, Japan')");
    answers_with(s, "how many races were held in France?", "\"r\".\"country\" = 'France'");
    asks_about(s, "which numbers have been drawn more than 175 times?", NULL);
    ask_schema_free(s);
}

static json_t *city(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("complaint_types", 5, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("type_name", "text", 0, NULL, types))));
    json_array_append_new(t, table("complaints", 4000, json_pack("[o, o, o, o, o]",
        col("complaint_id", "integer", 1, NULL, NULL), col("type_id", "integer", 0, "complaint_types", NULL),
        col("inspector_id", "text", 0, NULL, inspectors), col("complaint_date", "date", 0, NULL, NULL),
        col("address", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("varieties", 60, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("vegetable", "text", 0, NULL, vegs))));
    json_array_append_new(t, table("harvests", 900, json_pack("[o, o, o, o]",
        col("harvest_id", "integer", 1, NULL, NULL), col("variety_id", "integer", 0, "varieties", NULL),
        col("harvested_on", "date", 0, NULL, NULL), col("weight_g", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("journals", 400, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("text_harvests", 420, json_pack("[o, o, o]",
        col("harvest_id", "integer", 1, NULL, NULL), col("journal_id", "integer", 0, "journals", NULL),
        col("issues", "integer", 0, NULL, NULL))));
    return t;
}

static json_t *books(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("publishers", 300, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("publisher_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("books", 1070, json_pack("[o, o, o, o, o, o]",
        col("book_id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("publisher_id", "integer", 0, "publishers", NULL), col("genre", "text", 0, NULL, vegs),
        col("units_sold", "integer", 0, NULL, NULL), col("sale_price", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("incidents", 5000, json_pack("[o, o, o, o]",
        col("incident_id", "integer", 1, NULL, NULL), col("reason", "text", 0, NULL, vegs),
        col("boro", "text", 0, NULL, NULL), col("delay_minutes", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("claims", 1000, json_pack("[o, o, o]",
        col("claim_id", "integer", 1, NULL, NULL), col("severity", "text", 0, NULL, vegs),
        col("total_claim_amount", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_books(void)
{
    ask_schema_t *s = schema_of(books());
    answers_with(s, "which publishers have more than 100 books?", "HAVING count(*) > 100");
    answers_with(s, "what is the average sale price by genre?", "avg(\"b\".\"sale_price\")");
    answers_with(s, "which severity has the highest average total claim?", "avg(\"c\".\"total_claim_amount\")");
    answers_with(s, "how many incidents have no borough recorded?", "\"i\".\"boro\" IS NULL");
    answers_with(s, "which reason has the longest average delay?",
                 "avg(\"i\".\"delay_minutes\") AS \"avg_delay_minutes\" FROM \"public\".\"incidents\" AS \"i\" WHERE "
                 "\"i\".\"reason\" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC");
    answers_with(s, "which reason has the shortest average delay?", "ORDER BY 2 ASC");
    ask_schema_free(s);
}

static const char *const trucks[] = {"DP1", "DP2", "Kent", NULL};

static json_t *potholes(void)
{
    json_t *t = json_array(), *filled = col("filled_at", "date", 0, NULL, NULL);
    json_object_set_new(filled, "nullable", json_false());
    json_t *segment = col("segment_name", "text", 0, NULL, NULL);  /* 886 names, 4,952 segments */
    json_object_set_new(segment, "n_distinct", json_real(886));
    json_array_append_new(t, table("segments", 4952, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), segment)));
    json_array_append_new(t, table("ratings", 9000, json_pack("[o, o, o]",
        col("rating_id", "integer", 1, NULL, NULL), col("segment_id", "integer", 0, "segments", NULL),
        col("overall", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("streets", 4000, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("street_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("potholes", 20000, json_pack("[o, o, o, o]",
        col("pothole_id", "integer", 1, NULL, NULL), col("street_id", "integer", 0, "streets", NULL),
        col("truck", "text", 0, NULL, trucks), filled)));
    return t;
}

static void test_potholes(void)
{
    ask_schema_t *s = schema_of(potholes());
    answers_with(s, "how many potholes did truck DP1 fill?", "WHERE \"p\".\"truck\" = 'DP1'");
    answers_with(s, "how many potholes did truck DP2 fill in June 2016?", "\"p\".\"filled_at\" >= DATE '2016-06-01'");
    answers_with(s, "which streets had more than 100 potholes filled?", "HAVING count(*) > 100");
    asks_about(s, "how many potholes did truck DP1 repair?", "repair");
    asks_about(s, "which truck kept the most potholes?", "kept");  /* no typo of a value */
    asks_about(s, "which segments have more than 3 ratings?", "886 different segment_name values");
    answers_with(s, "number of ratings by segment name", "GROUP BY 1");
    ask_schema_free(s);
}

static const char *const parks[] = {"Central Park", "Central  Park", "Prospect Park", NULL};

static json_t *shop(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("parks", 200, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("park_name", "text", 0, NULL, parks))));
    json_array_append_new(t, table("responses", 900, json_pack("[o, o]",
        col("response_id", "integer", 1, NULL, NULL), col("park_id", "integer", 0, "parks", NULL))));
    json_array_append_new(t, table("suppliers", 50, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("supplier_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("purchases", 300, json_pack("[o, o, o]",
        col("purchase_id", "integer", 1, NULL, NULL), col("supplier_id", "integer", 0, "suppliers", NULL),
        col("purchased_on", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("ticket_counts", 32000, json_pack("[o, o, o]",
        col("interval_start", "timestamp", 0, NULL, NULL), col("redemption_count", "integer", 0, NULL, NULL),
        col("sales_count", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("coffees", 2000, json_pack("[o, o, o]",
        col("coffee_id", "integer", 1, NULL, NULL), col("coffee_name", "text", 0, NULL, NULL),
        col("rating", "integer", 0, NULL, NULL))));
    return t;
}

static void test_shop(void)
{
    ask_schema_t *s = schema_of(shop());
    asks_about(s, "how many responses were in Central Park?", "written more than one way");
    answers_with(s, "how many responses were in Central Park in any spelling?", "IN ('Central Park', 'Central  Park')");
    answers_with(s, "for each supplier we have bought from, how many purchases were made?",
                 "FROM \"public\".\"purchases\" AS \"p\" JOIN \"public\".\"suppliers\"");
    answers_with(s, "how many purchases does each supplier have?", "LEFT JOIN \"public\".\"purchases\"");
    asks_about(s, "tickets sold by day of the week in 2024", NULL);  /* two counts make no revenue */
    answers_with(s, "which coffee got the lowest rating?", "ORDER BY \"c\".\"rating\" ASC FETCH FIRST 1 ROWS WITH TIES");
    answers_with(s, "the 3 coffees with the lowest rating", "ASC LIMIT 3");
    answers_with(s, "what is the lowest rating of a coffee?", "ASC LIMIT 1");  /* a value: one */
    answers_with(s, "which supplier has the most purchases?", "ORDER BY 2 DESC NULLS LAST FETCH FIRST 1 ROWS WITH TIES");
    ask_schema_free(s);
}

static void test_city(void)
{
    ask_schema_t *s = schema_of(city());
    answers_with(s, "how many complaints were filed in 2015?", "\"c\".\"complaint_date\" >= DATE '2015-01-01'");
    answers_with(s, "how many noise complaints were filed?", "= 'Noise complaint'");
    answers_with(s, "how many complaints has inspector 3308 handled?", "\"c\".\"inspector_id\" = '3308'");
    answers_with(s, "which inspector handled the most complaints?", "GROUP BY 1 ORDER BY 2 DESC");
    asks_about(s, "which address handled the most complaints?", NULL);
    answers_with(s, "total harvest weight per year", "sum(\"h\".\"weight_g\")");
    answers_with(s, "how many issues are there in total?", "sum(\"th\".\"issues\")");
    asks_about(s, "list the journals with their number of issues", NULL);  /* each row's own */
    asks_about(s, "which journals have had an issue?", NULL);  /* no count of them summed */
    ask_schema_free(s);
}

int main(void)
{
    test_races();
    test_city();
    test_books();
    test_potholes();
    test_shop();
    return check_done("test_ask_round39");
}
