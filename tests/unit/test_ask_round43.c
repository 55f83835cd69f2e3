/* test_ask_round43.c — the forty-third round, on schemas built inline:
 * "the county and its state" groups by the state too (reached through the
 * county), under the column name "state" (not its stem "status"); "have a
 * photo on file" of a boolean is where it is true; a "…season" column of
 * years is a year — filtered as one, never summed ("the best season"
 * asks); "per tournament entry" is per row, asked, not grouped; "the most
 * common genus in the shale" reached through the finds asks whether taxa
 * or finds; "Falls calls" of call_types (the calls' kinds) asks; a remark
 * ("Trackway" of a comments column) is no value of a lower-case word;
 * "steamships that were wrecked" of wrecks asks whether the cause of loss
 * 'Wrecked' or every wreck; appointments happen when scheduled, not when
 * booked; "the lowest rating of all" is the lowest, not a sorted list. */
#include "ask_fixture.h"

/* col() with n_distinct as discovery read it (negative: a fraction of the rows) */
static json_t *distinct(json_t *c, double nd)
{
    json_object_set_new(c, "n_distinct", json_real(nd));
    return c;
}

static json_t *storms(void)
{
    static const char *const cargo[] = {"Oysters", "Coal", "Lumber", NULL};
    static const char *const notes[] = {"Trackway", "Juvenile", NULL};
    static const char *const causes[] = {"Wrecked", "Stranded", "Foundered", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("states", 51, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("state_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("counties", 3142, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("state_id", "integer", 0, "states", NULL),
        col("county_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("tornadoes", 15683, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("started_at", "timestamp", 0, NULL, NULL),
        col("county_id", "integer", 0, "counties", NULL), col("injuries", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("wrecks", 4593, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("ship_name", "text", 0, NULL, NULL),
        col("cause_of_loss", "text", 0, NULL, causes),
        col("cargo", "text", 0, NULL, cargo), col("photo_on_file", "boolean", 0, NULL, NULL))));
    json_array_append_new(t, table("finds", 1128, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("genus", "text", 0, NULL, NULL),
        distinct(col("comments", "text", 0, NULL, notes), -0.75))));
    return t;
}

static void test_shown(void)
{
    ask_schema_t *s = schema_of(storms());
    const char *q = "Which county had the most tornadoes? Give the county and its state.";
    answers_with(s, q, "\"s\".\"state_name\" AS \"state\"");
    answers_with(s, q, "\"c\".\"state_id\" = \"s\".\"id\"");  /* the county's state */
    answers_with(s, "Which county had the most tornadoes? Give the county and the state.",
                 "AS \"state\"");
    answers_with(s, "How many wrecks have a photo on file?", "\"w\".\"photo_on_file\" = 'true'");
    answers_with(s, "How many wrecks have no photo on file?", "\"w\".\"photo_on_file\" <> 'true'");
    refuses_sql(s, "How many wrecks have a photo on file?", "IS NOT NULL");
    answers_with(s, "How many wrecks have a cargo?", "\"w\".\"cargo\" <> ''");  /* text: none is '' too */
    /* 'Wrecked' names every wreck: all of them, or that cause? */
    asks_about(s, "How many wrecks with a photo on file were wrecked?", "names every row of wrecks");
    answers_with(s, "How many wrecks were stranded?", "Stranded");
    /* a remark is matched as written only */
    asks_about(s, "How many finds are trackway finds?", "trackway");
    answers_with(s, "How many finds have the comment Trackway?", "= 'Trackway'");
    ask_schema_free(s);
    json_t *t = storms();  /* nine notes on 600 visits are kinds: 'Emergency' is one */
    json_t *c = json_array_get(json_object_get(json_array_get(t, 4), "columns"), 2);
    json_object_set_new(c, "n_distinct", json_real(9));
    s = schema_of(t);
    answers_with(s, "How many finds are trackway finds?", "= 'Trackway'");
    ask_schema_free(s);
}

static json_t *league(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("teams", 60, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("team_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("team_seasons", 1700, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("team_id", "integer", 0, "teams", NULL),
        col_dated("season", "integer", "1917-01-01", "2017-12-31"), col("points", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("tournaments", 47, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("tournament_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("results", 5687, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("tournament_id", "integer", 0, "tournaments", NULL),
        col("rounds_played", "integer", 0, NULL, NULL))));
    return t;
}

static void test_measured(void)
{
    ask_schema_t *s = schema_of(league());
    answers_with(s, "How many team seasons were there in 1976?", "\"ts\".\"season\" >= 1976");
    asks_about(s, "Which team had the best season?", NULL);
    refuses_sql(s, "Which team had the best season?", "sum(\"ts\".\"season\")");
    answers_with(s, "What were the total points of each team?", "sum(\"ts\".\"points\")");
    asks_about(s, "On average, how many rounds were played per tournament entry?", "tournament entry");
    answers_with(s, "On average, how many rounds were played per tournament?", "GROUP BY");
    ask_schema_free(s);
}

static json_t *dispatch(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("call_types", 599, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("description", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("incidents", 19513, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("call_type_id", "integer", 0, "call_types", NULL),
        col("incident_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("taxa", 325, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL),
        col("genus", "text", 0, NULL, (const char *const[]){"Pteranodon", "Rhamphorhynchus", NULL}))));
    json_array_append_new(t, table("collections", 804, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("formation", "text", 0, NULL,
                                                  (const char *const[]){"Posidonia Shale", "Solnhofen", NULL}))));
    json_array_append_new(t, table("occurrences", 1128, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("taxon_id", "integer", 0, "taxa", NULL),
        col("collection_id", "integer", 0, "collections", NULL))));
    return t;
}

static void test_counted(void)
{
    ask_schema_t *s = schema_of(dispatch());
    asks_about(s, "How many calls were there?", NULL);  /* the kinds, or the incidents? */
    answers_with(s, "How many call types are there?", "count(*)");
    answers_with(s, "How many incidents were there in 2019?", "count(*)");
    asks_about(s, "What is the most common genus in the Posidonia Shale?", NULL);
    answers_with(s, "What is the most common genus?", "GROUP BY");
    ask_schema_free(s);
}

static json_t *visits(void)
{
    static const char *const species[] = {"Beluga", "Orca", NULL};
    static const char *const status[] = {"Alive", "Died", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("appointments", 9000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("booked_at", "timestamp", 0, NULL, NULL),
        col("scheduled_start_at", "timestamp", 0, NULL, NULL),
        col("status", "text", 0, NULL, (const char *const[]){"no_show", "completed", NULL}))));
    json_array_append_new(t, table("animals", 2000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("animal_name", "text", 0, NULL, NULL),
        col("species", "text", 0, NULL, species), col("status", "text", 0, NULL, status))));
    json_array_append_new(t, table("coffees", 2000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("coffee_name", "text", 0, NULL, NULL),
        col("rating", "integer", 0, NULL, NULL))));
    return t;
}

static void test_read(void)
{
    ask_schema_t *s = schema_of(visits());
    /* an appointment is when it is scheduled; "booked in" names the booking */
    answers_with(s, "How many appointments were there in 2025?", "\"a\".\"scheduled_start_at\" >= ");
    answers_with(s, "How many appointments were booked in 2025?", "\"a\".\"booked_at\" >= ");
    answers_with(s, "How many orcas are alive?", "= 'Orca'");
    /* "of all" stresses the superlative: the lowest, ties kept, no sorted list */
    answers_with(s, "Which coffees got the lowest rating of all?", "FETCH FIRST 1 ROWS WITH TIES");
    answers_with(s, "list all coffees, lowest rating first", "ORDER BY \"c\".\"rating\" ASC LIMIT");
    ask_schema_free(s);
}

int main(void)
{
    test_read();
    test_shown();
    test_measured();
    test_counted();
    return check_done("test_ask_round43");
}
