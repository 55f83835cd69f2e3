/* test_ask_round42.c — the forty-second round, on schemas built inline:
 * the database's name gives the words every row is about ("measles cases"
 * in measles_surveillance, "avalanche incidents", "COVID studies" — no
 * filter on a value that spells them, nothing left over); a table named
 * on the way ("the county and its state") is never reached down to all its
 * children when the base points at the row itself; "releases" are dated by
 * released_on; "across countries" is all of them, no grouping; "which
 * states had a tornado in every year" and "the best bridges" ask; "the
 * most studies first posted" is the top one, not a sort order; "the top
 * charge" names top_charge; rows counted where each day has one, or where
 * the table's noun is a number it keeps ("vaccine coverage"), ask. */
#include "ask_fixture.h"

static json_t *trials(void)
{
    static const char *const acronyms[] = {"COVID", "RECOVERY", "SOLIDARITY", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("studies", 3584, json_pack("[o, o, o, o, o]",
        col("nct_id", "text", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("acronym", "text", 0, NULL, acronyms), col("first_posted", "date", 0, NULL, NULL),
        col("enrollment", "integer", 0, NULL, NULL))));
    return t;
}

static json_t *cases(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("countries", 194, json_pack("[o, o]",
        col("iso_code", "text", 1, NULL, NULL), col("country_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("monthly_cases", 21000, json_pack("[o, o, o]",
        col("iso_code", "text", 0, "countries", NULL), col("month", "date", 0, NULL, NULL),
        col("cases", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("vaccine_coverage", 4400, json_pack("[o, o, o]",
        col("iso_code", "text", 0, "countries", NULL), col("year", "integer", 0, NULL, NULL),
        col("mcv1_coverage", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_domain(void)
{
    ask_schema_t *s = schema_named(trials(), "covid_trials_2020");
    answers_with(s, "How many COVID studies are there?", "SELECT count(*) AS \"studies\" FROM \"public\".\"studies\" AS \"s\"");
    refuses_sql(s, "How many COVID studies are there?", "'COVID'");
    ask_schema_free(s);
    s = schema_of(trials());  /* no name: the acronym it spells */
    answers_with(s, "How many COVID studies are there?", "= 'COVID'");
    ask_schema_free(s);
    s = schema_named(cases(), "measles_surveillance");
    answers_with(s, "How many measles cases were there in 2019?", "sum(\"mc\".\"cases\")");
    ask_schema_free(s);
    s = schema_of(cases());
    asks_about(s, "How many measles cases were there in 2019?", "measles");
    ask_schema_free(s);
}

static json_t *tornadoes(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("states", 51, json_pack("[o, o]",
        col("state_fips", "integer", 1, NULL, NULL), col("state_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("counties", 3142, json_pack("[o, o, o]",
        col("county_id", "integer", 1, NULL, NULL), col("state_fips", "integer", 0, "states", NULL),
        col("county_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("tornadoes", 15683, json_pack("[o, o, o, o, o]",
        col("tornado_id", "integer", 1, NULL, NULL), col("started_at", "timestamp", 0, NULL, NULL),
        col("state_fips", "integer", 0, "states", NULL), col("county_id", "integer", 0, "counties", NULL),
        col("injuries", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("bridges", 2780, json_pack("[o, o, o]",
        col("bridge_id", "integer", 1, NULL, NULL), col("state_fips", "integer", 0, "states", NULL),
        col("current_bci", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("stays", 12000, json_pack("[o, o, o]",
        col("stay_id", "integer", 1, NULL, NULL), col("admitted_at", "timestamp", 0, NULL, NULL),
        col("released_on", "date", 0, NULL, NULL))));
    return t;
}

static void test_rounds(void)
{
    ask_schema_t *s = schema_of(tornadoes());
    /* tornadoes → counties by its own key, never states → every county */
    refuses_sql(s, "Which county had the most tornadoes? Give the county and its state.",
                   "\"c\".\"state_fips\" = \"s\".\"state_fips\"");
    answers_with(s, "How many releases were there in April 2026?", "\"s\".\"released_on\" >= DATE '2026-04-01'");
    asks_about(s, "Which states had at least one tornado in every year from 2008 to 2020?", NULL);
    asks_about(s, "Which state has the best bridges?", NULL);
    asks_about(s, "Which state has the worst bridges?", NULL);
    ask_schema_free(s);
    s = schema_of(cases());
    answers_with(s, "What was the average MCV1 coverage across countries in 2022?",
                 "SELECT avg(\"vc\".\"mcv1_coverage\") AS \"avg_mcv1_coverage\" FROM \"public\".\"vaccine_coverage\" AS \"vc\" WHERE");
    ask_schema_free(s);
    s = schema_of(trials());
    answers_with(s, "On which day of the week were the most studies first posted?",
                 "ORDER BY 2 DESC NULLS LAST FETCH FIRST 1 ROWS WITH TIES");
    answers_with(s, "list the studies by enrollment, largest first", "ORDER BY \"s\".\"enrollment\" DESC");
    ask_schema_free(s);
}

static json_t *custody(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("charges", 254, json_pack("[o, o]",
        col("charge_code", "text", 1, NULL, NULL), col("article_title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("stays", 12000, json_pack("[o, o, o]",
        col("stay_id", "integer", 1, NULL, NULL), col("top_charge", "text", 0, "charges", NULL),
        col("admitted_at", "timestamp", 0, NULL, NULL))));
    json_array_append_new(t, table("daily_population", 91, json_pack("[o, o]",
        col("list_date", "date", 1, NULL, NULL), col("people_in_custody", "integer", 0, NULL, NULL))));
    return t;
}

static void test_counted(void)
{
    ask_schema_t *s = schema_of(custody());
    /* "top charge" is the column's name, not a top 10 */
    refuses_sql(s, "How many stays had Homicide as the top charge?", "LIMIT 10");
    /* one row a day: a count per day is 1 every day */
    asks_about(s, "On which day was the daily population at its highest?", NULL);
    ask_schema_free(s);
    s = schema_of(cases());
    asks_about(s, "What was the vaccine coverage each year since 2015?", NULL);  /* mcv1_coverage, not rows */
    ask_schema_free(s);
}

int main(void)
{
    test_domain();
    test_rounds();
    test_counted();
    return check_done("test_ask_round42");
}
