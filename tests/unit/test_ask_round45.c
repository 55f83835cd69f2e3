/* test_ask_round45.c — the forty-fifth round, from batches 115–117's
 * first contact, on schemas built inline: "how many fast quads" of a
 * table of lift kinds counts no kind (asked); "resorts that have only
 * surface lifts" is no filter through the lifts (asked, naming "only");
 * "on average how many lifts does a resort have" of a kept lift_count
 * averages over every resort, none as 0, and over those with any (a
 * listing per resort keeps its inner join);
 * "expeditions to Lhotse in 2019" is not dated by the peak's first
 * ascent; "in which year were there the most expeditions" ranks the
 * years; "expeditions with more than 20 members" beside an expedition's
 * own members column asks which; 'Stratovolcano' beside
 * 'Stratovolcano(es)' and 'Stratovolcano?', 'Fisher-Price' beside 'Fisher
 * Price', are one value spelled several ways (asked). */
#include "ask_fixture.h"

static json_t *slopes(void)
{
    static const char *const kinds[] = {"Fast quad", "Surface lift", "Gondola", "Triple chair", NULL};
    static const char *const states[] = {"Utah", "Colorado", "Vermont", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("states", 35, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("state_name", "text", 0, NULL, states))));
    json_array_append_new(t, table("resorts", 331, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("resort_name", "text", 0, NULL, NULL),
        col("state_id", "integer", 0, "states", NULL))));
    json_array_append_new(t, table("lift_types", 8, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("lift_type_name", "text", 0, NULL, kinds))));
    json_array_append_new(t, table("resort_lifts", 1124, json_pack("[o, o, o]",
        col("resort_id", "integer", 1, "resorts", NULL), col("lift_type_id", "integer", 1, "lift_types", NULL),
        col("lift_count", "integer", 0, NULL, NULL))));
    return t;
}

static void test_lifts(void)
{
    ask_schema_t *s = schema_of(slopes());
    asks_about(s, "How many fast quads are there in Utah altogether?", NULL);
    answers_with(s, "how many lift types are there", "count(*)");
    asks_about(s, "Which resorts have only surface lifts?", "only");
    answers_with(s, "Which resorts have a surface lift?", "= 'Surface lift'");
    answers_with(s, "On average, how many lifts does a resort have?", "avg(coalesce(");
    answers_with(s, "On average, how many lifts does a resort have?", "LEFT JOIN");
    answers_with(s, "how many lifts does each resort have", "sum(\"rl\".\"lift_count\")");
    ask_schema_free(s);
}

static json_t *climbs(void)
{
    static const char *const peaks[] = {"Everest", "Lhotse", "Ama Dablam", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("peaks", 468, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("peak_name", "text", 0, NULL, peaks),
        col("first_ascent_year", "integer", 0, NULL, NULL),
        col("first_ascent_expedition_id", "integer", 0, "expeditions", NULL))));
    json_array_append_new(t, table("expeditions", 10364, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("peak_id", "integer", 0, "peaks", NULL),
        col("year", "integer", 0, NULL, NULL), col("basecamp_date", "date", 0, NULL, NULL),
        col("members", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("members", 76519, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("expedition_id", "integer", 0, "expeditions", NULL),
        col("member_name", "text", 0, NULL, NULL))));
    return t;
}

static void test_expeditions(void)
{
    ask_schema_t *s = schema_of(climbs());
    refuses_sql(s, "how many expeditions to Lhotse in 2019", "first_ascent_year");
    answers_with(s, "in which year were there the most expeditions", "GROUP BY 1");
    answers_with(s, "In what year were the most expeditions?", "count(*)");
    asks_about(s, "Which expeditions had more than 20 members?", NULL);
    asks_about(s, "How many Ama Dablam expeditions had more than 20 members?", NULL);
    ask_schema_free(s);
}

static json_t *volcanoes(void)
{
    static const char *const kinds[] = {"Stratovolcano", "Stratovolcano(es)", "Stratovolcano?", "Shield",
                                        "Caldera", NULL};
    static const char *const firms[] = {"Fisher-Price", "Fisher Price", "Mattel", "Co-op Toys", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("volcanoes", 1200, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("volcano_name", "text", 0, NULL, NULL),
        col("primary_volcano_type", "text", 0, NULL, kinds))));
    json_array_append_new(t, table("recalls", 3153, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("recall_date", "date", 0, NULL, NULL),
        col("firm_name", "text", 0, NULL, firms))));
    return t;
}

/* one value the data writes with a hyphen for a space, or a mark of plural
 * or doubt after it: asked whether all are meant, as other capitals are */
static void test_spellings(void)
{
    ask_schema_t *s = schema_of(volcanoes());
    asks_about(s, "How many stratovolcanoes are there?", "more than one way");
    answers_with(s, "How many Stratovolcano in any case are there?", "'Stratovolcano(es)', 'Stratovolcano?'");
    answers_with(s, "How many volcanoes are exactly Stratovolcano?", "= 'Stratovolcano'");
    answers_with(s, "How many shield volcanoes are there?", "= 'Shield'");
    asks_about(s, "List the Fisher-Price recalls with their dates.", "Fisher");
    answers_with(s, "How many recalls did Mattel have?", "= 'Mattel'");
    ask_schema_free(s);
}

int main(void)
{
    test_spellings();
    test_lifts();
    test_expeditions();
    return check_done("test_ask_round45");
}
