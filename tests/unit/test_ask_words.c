/* test_ask_words.c — words a new database's users say that the planner
 * once asked back about, though every reading was clear: each case is a
 * general rule (not a table's or a question's name), on a schema built
 * inline and shaped unlike the demo shop, with what it must still ask.
 * Issue 18, first contact with dev9's databases.
 *
 *   test_ask_words */
#include "ask_fixture.h"

#include <stdio.h>
#include <string.h>

/* A racing league: a driver has a car number, races are held at circuits,
 * a result links a driver to a race. */
static ask_schema_t *league_schema(void)
{
    static const char *const nat[] = {"British", "German", "Brazilian", NULL};
    static const char *const country[] = {"Italy", "Monaco", "Japan", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("circuit", 80, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("country", "text", 0, NULL, country))));
    json_array_append_new(t, table("race", 1100, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("date", "date", 0, NULL, NULL), col("circuit_id", "integer", 0, "circuit", NULL))));
    json_array_append_new(t, table("driver", 860, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("surname", "text", 0, NULL, NULL),
        col("number", "integer", 0, NULL, NULL), col("nationality", "text", 0, NULL, nat),
        col("dob", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("result", 26000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("race_id", "integer", 0, "race", NULL),
        col("driver_id", "integer", 0, "driver", NULL),
        col("position_text", "text", 0, NULL, (const char *const[]){"1", "5", "R", NULL}))));
    return schema_of(t);
}

/* "number of X" is the count cue even where a column is named "number";
 * the column itself is still reached by its own words. */
static void test_number_of(ask_schema_t *s)
{
    answers_with(s, "number of drivers per nationality", "count(*)");
    answers_with(s, "number of races by country", "GROUP BY 1");
    answers_with(s, "how many races per circuit", "count(");
    asks_about(s, "number of", NULL);
}

/* A flat catalogue of one table, its rows known by their titles. */
static ask_schema_t *catalogue_schema(void)
{
    static const char *const kind[] = {"Film", "Series", NULL};
    static const char *const who[] = {"Ann Lee", "Bo Chan", NULL};
    static const char *const titles[] = {"Narcos", "Dark", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("stream_programme", 9000, json_pack("[o, o, o, o, o, o, o]",
        col("programme_id", "text", 1, NULL, NULL), col("title", "text", 0, NULL, titles),
        col("director", "text", 0, NULL, who), col("kind", "text", 0, NULL, kind),
        col("release_year", "integer", 0, NULL, NULL), col("rating", "numeric", 0, NULL, NULL),
        col("date_added", "date", 0, NULL, NULL))));
    return schema_of(t);
}

/* "directors with more than 10 programmes": a row with no director is
 * not a director (as in "which director has the most programmes"). */
static void test_having_no_null(ask_schema_t *s)
{
    answers_with(s, "directors with more than 10 programmes", "HAVING count(*) > 10");
    answers_with(s, "directors with more than 10 programmes", "\"director\" IS NOT NULL");
    answers_with(s, "which director has the most programmes", "\"director\" IS NOT NULL");
}

/* "the most titles": the table's label said in the plural stands for its
 * rows when the table is not named. */
static void test_label_plurals(ask_schema_t *s)
{
    answers_with(s, "which director has the most titles", "count(*)");
    answers_with(s, "which release year has the most titles", "GROUP BY 1");
    answers_with(s, "what percentage of titles are Series", "FILTER (WHERE");
    answers_with(s, "directors with more than 10 titles", "HAVING count(*) > 10");
    answers_with(s, "directors with more than 10 titles", "\"director\" IS NOT NULL");
    asks_about(s, "which director has the most ratings", NULL);  /* not its label: which measure? */
}

/* "titles directed by Ann Lee": the verb before "by" and a value is the
 * value's column's own word (directed ~ director), so it is placed; a verb
 * that is not ("written") still makes the planner ask. */
static void test_verb_by(ask_schema_t *s)
{
    answers_with(s, "titles directed by Ann Lee", "\"director\" = 'Ann Lee'");
    asks_about(s, "titles written by Ann Lee", "written");
}

/* "Series directed by Bo Chan": a value said as the question's first noun
 * is the rows that hold it, listed, as "list the Series" already was. */
static void test_value_noun_first(ask_schema_t *s)
{
    answers_with(s, "Series directed by Bo Chan", "\"kind\" = 'Series' AND");
    answers_with(s, "Films with a rating over 8", "\"rating\" > 8");
    asks_about(s, "Films with more than 3 awards", NULL);  /* more than 3 of what? */
}

/* A column in a table and in a view built on it (a view of employees
 * with their department's name): the table's, as for values. */
static void test_view_copy(void)
{
    static const char *const jobs[] = {"Programmer", "Accountant", NULL};
    static const char *const names[] = {"Garcia", "Abel", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("department", 30, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("employee", 400, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("last_name", "text", 0, NULL, names),
        col("job_title", "text", 0, NULL, jobs), col("salary", "numeric", 0, NULL, NULL),
        col("department_id", "integer", 0, "department", NULL))));
    json_t *v = table("staff_view", 400, json_pack("[o, o, o]",
        col("last_name", "text", 0, NULL, names), col("job_title", "text", 0, NULL, jobs),
        col("department_name", "text", 0, NULL, NULL)));
    json_object_set_new(v, "type", json_string("view"));
    json_array_append_new(t, v);
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "number of employees per job title", "\"e\".\"job_title\"");
    answers_with(s, "what is Garcia's job title", "FROM \"public\".\"employee\"");
    ask_schema_free(s);
}

/* "races held in 2023": "held" with a period says the period is the row's
 * own date, as "placed" or "signed up" do; a table with no date still asks. */
static void test_held_in(ask_schema_t *s)
{
    answers_with(s, "how many races were held in 2023", "\"date\" >= DATE '2023-01-01'");
    answers_with(s, "races held in June 2019", "\"date\" < DATE '2019-07-01'");
    asks_about(s, "how many drivers were held in 2023", NULL);
}

/* "races hosted": a verb linking two tables along their one link is
 * placed, as "operated by" is; where no plain link exists, it asks. */
static void test_hosted(ask_schema_t *s)
{
    answers_with(s, "top 5 circuits by number of races hosted", "count(*) AS \"race\"");
    answers_with(s, "which circuits hosted more than 10 races", "HAVING count(*) > 10");
    asks_about(s, "top 5 circuits by number of drivers hosted", NULL);
}

/* "how many accounts have no loan": a count of the rows with no related
 * row (NOT EXISTS), as the list "accounts with no loan" was — not the
 * count of the loans' distinct account keys that "have a loan" is. */
static void test_count_none(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("account", 4500, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("opened", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("loan", 700, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("account_id", "integer", 0, "account", NULL),
        col("granted", "date", 0, NULL, NULL), col("amount", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "how many accounts have no loan", "count(*) AS \"account\" FROM");
    answers_with(s, "how many accounts have no loan", "WHERE NOT EXISTS (SELECT 1 FROM \"public\".\"loan\"");
    answers_with(s, "how many accounts have never had a loan", "WHERE NOT EXISTS");
    answers_with(s, "how many accounts have a loan",  /* the accounts: bank's loans name missing ones */
                 "FROM \"public\".\"account\" AS \"a\" WHERE EXISTS (SELECT 1 FROM \"public\".\"loan\"");
    ask_schema_free(s);
}

/* "when was Narcos added", "what year was Dark released": the date
 * column the words or the verb name, of the rows the value names — those
 * rows, which show it; a verb that names no date still asks. */
static void test_when_asked(ask_schema_t *s)
{
    answers_with(s, "when was Narcos added", "WHERE \"sp\".\"title\" = 'Narcos'");
    answers_with(s, "what year was Dark released", "SELECT \"sp\".* FROM");
    answers_with(s, "what year was Dark released", "WHERE \"sp\".\"title\" = 'Dark'");
    asks_about(s, "when was Narcos watched", "when");
}

/* "when was Narcos added to Stream": a word of the name of the table the
 * plan is about is placed; any other word still asks. */
static void test_table_name_word(ask_schema_t *s)
{
    answers_with(s, "when was Narcos added to Stream", "WHERE \"sp\".\"title\" = 'Narcos'");
    answers_with(s, "how many Series on Stream", "count(*)");
    asks_about(s, "how many Series on Hulu", "Hulu");
}

/* "who directed Narcos", "what is Dark rated": the one column the verb
 * names, of the rows the value names; a verb naming none still asks. */
static void test_who_verb(ask_schema_t *s)
{
    answers_with(s, "who directed Narcos", "WHERE \"sp\".\"title\" = 'Narcos'");
    answers_with(s, "what is Dark rated", "WHERE \"sp\".\"title\" = 'Dark'");
    asks_about(s, "who watched Narcos", "watched");
}

/* The words looked up among the values discovery did not sample: a
 * capital "The" inside the question starts the name after it ("The
 * Irishman" is a whole cell; "Irishman" is not), never alone. */
static void test_lookup_the(ask_schema_t *s)
{
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, "who directed The Irishman", NULL, &r, err, sizeof err), 0);
    int found = 0, alone = 0;
    for (size_t i = 0; i < json_array_size(r.lookups); i++) {
        const char *w = json_string_value(json_array_get(r.lookups, i));
        found |= w && !strcmp(w, "The Irishman");
        alone |= w && !strcmp(w, "The");
    }
    CHECK(!r.sql && found && !alone);
    ask_plan_result_free(&r);
}

/* Age words rank by when the thing came to be: the table's one date, or
 * among several the birth / release one ("the oldest titles" by
 * release_year, not date_added; "the 5 youngest drivers" by dob, latest
 * first); two dates neither of which says so: ask. A value said as the
 * noun ("the 5 oldest Films") ranks the rows that hold it. */
static void test_age_words(ask_schema_t *cat, ask_schema_t *league)
{
    answers_with(cat, "the 5 oldest titles", "ORDER BY \"sp\".\"release_year\" ASC LIMIT 5");
    answers_with(cat, "the 5 oldest Films", "WHERE \"sp\".\"kind\" = 'Film' ORDER BY \"sp\".\"release_year\" ASC LIMIT 5");
    answers_with(league, "the youngest driver", "ORDER BY \"d\".\"dob\" DESC NULLS LAST FETCH FIRST 1 ROWS WITH TIES");
    json_t *t = json_array();
    json_array_append_new(t, table("shipment", 5000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("shipped_on", "date", 0, NULL, NULL),
        col("delivered_on", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    asks_about(s, "the 5 oldest shipments", NULL);
    ask_schema_free(s);
}

/* "the 5 youngest drivers": a number before a superlative is how many
 * rows, not a value of a text column that holds "5". */
static void test_number_superlative(ask_schema_t *league)
{
    answers_with(league, "the 5 youngest drivers", "ORDER BY \"d\".\"dob\" DESC NULLS LAST LIMIT 5");
    answers_with(league, "how many results with position text 5", "= '5'");
}

/* A word that fits several columns is asked back naming the word as typed
 * and the columns it may be. */
static void test_column_named(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("driver_standing", 30000, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("wins", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("team_standing", 12000, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("wins", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    asks_about(s, "total Wins", "\"Wins\" fits more than one column: ");
    asks_about(s, "total Wins", "win of driver standing or win of team standing.");
    ask_schema_free(s);
}

/* "no director listed", "no loans recorded": the participle after what
 * is lacking says nothing more; another word there still asks. */
static void test_none_listed(ask_schema_t *cat)
{
    answers_with(cat, "how many titles have no director listed", "\"director\" IS NULL");
    asks_about(cat, "how many titles have no director hired", "hired");
    json_t *t = json_array();
    json_array_append_new(t, table("account", 4500, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("opened", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("loan", 700, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("account_id", "integer", 0, "account", NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "accounts with no loans recorded", "WHERE NOT EXISTS");
    ask_schema_free(s);
}

/* "number of Films per release year": the value said right after the
 * count cue is what is counted, not the column named further on. */
static void test_count_value_noun(ask_schema_t *cat)
{
    answers_with(cat, "number of Films per release year", "WHERE \"sp\".\"kind\" = 'Film' GROUP BY 1");
    answers_with(cat, "number of Films per release year", "count(*)");
}

/* "titles per release year since 2015": the period is about the year the
 * question groups by, not the table's other date (date_added). */
static void test_period_of_group(ask_schema_t *cat)
{
    answers_with(cat, "number of titles per release year since 2015", "\"release_year\" >= 2015");
    answers_with(cat, "number of titles added since 2015", "\"date_added\" >= DATE '2015-01-01'");
}

/* "loans granted in 1996", "number of loans granted each year",
 * "sections offered in 2009": the verb says the period or the grain is
 * the row's own date; a verb that says nothing of the kind still asks. */
static void test_event_verbs(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("loan", 700, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("date", "date", 0, NULL, NULL),
        col("amount", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "loans granted in 1996", "\"date\" >= DATE '1996-01-01'");
    answers_with(s, "number of loans granted each year", "extract(year FROM \"l\".\"date\")");
    answers_with(s, "how many loans were issued in March 1997", "\"date\" < DATE '1997-04-01'");
    asks_about(s, "loans eaten in 1996", "eaten");
    ask_schema_free(s);
}

/* A flag written in one word ("isofficial", as in MySQL samples) answers
 * to its adjective: "official languages of Canada". */
static void test_is_flag(void)
{
    static const char *const names[] = {"Canada", "Belgium", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("nation", 240, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, names))));
    json_array_append_new(t, table("tongue", 980, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("nation_id", "integer", 0, "nation", NULL),
        col("language", "text", 0, NULL, (const char *const[]){"English", "French", NULL}),
        col("isofficial", "boolean", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "official languages of Canada", "\"isofficial\" = 'true'");
    answers_with(s, "official languages of Canada", "\"name\" = 'Canada'");
    asks_about(s, "semiofficial languages of Canada", "semiofficial");
    ask_schema_free(s);
}

/* A flag said negated ("inactive", "unavailable") keeps the rows where it
 * is not set; said plainly, where it is. */
static void test_negated_flag(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("carrier", 6000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("active", "text", 0, NULL, (const char *const[]){"Y", "N", "n", NULL}))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "how many carriers are inactive", "\"active\" <> 'Y'");
    answers_with(s, "inactive carriers", "\"active\" <> 'Y'");
    answers_with(s, "how many carriers are active", "\"active\" = 'Y'");
    asks_about(s, "how many carriers are proactive", "proactive");
    ask_schema_free(s);
}

/* "countries that became independent after 1990": a word the name of a
 * year column starts with (indepyear, written in one word) says the
 * period is about that year, not the table's other date. */
static void test_period_word_prefix(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("state", 240, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("joinedon", "date", 0, NULL, NULL), col("indepyear", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "states that became independent after 1990", "\"indepyear\" >= 1991");
    answers_with(s, "how many states became independent in 1960", "\"indepyear\" < 1961");
    asks_about(s, "states that became famous after 1990", "famous");
    ask_schema_free(s);
}

/* A rental shop's films, their categories, and a view of the films fit
 * for families (by rating). */
static ask_schema_t *shop_schema(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("film", 1000, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("length", "integer", 0, NULL, NULL), col("rental_duration", "integer", 0, NULL, NULL),
        col("rating", "text", 0, NULL, (const char *const[]){"G", "PG", "R", NULL}))));
    json_array_append_new(t, table("category", 16, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"Family", "Horror", NULL}))));
    json_array_append_new(t, table("film_category", 1000, json_pack("[o, o]",
        col("film_id", "integer", 0, "film", NULL), col("category_id", "integer", 0, "category", NULL))));
    json_t *v = table("family_films", 600, json_pack("[o, o, o]",
        col("title", "text", 0, NULL, NULL), col("length", "integer", 0, NULL, NULL),
        col("rating", "text", 0, NULL, (const char *const[]){"G", "PG", NULL})));
    json_object_set_new(v, "type", json_string("view"));
    json_array_append_new(t, v);
    return schema_of(t);
}

/* "Family films": a view's name that also reads as a value and a table
 * (category Family, film) is the value and the table. */
static void test_view_name_yields(ask_schema_t *s)
{
    answers_with(s, "how many Family films are there", "\"name\" = 'Family'");
    answers_with(s, "how many Horror films are there", "\"name\" = 'Horror'");
}

/* "longer than 150 minutes", "shorter than 60": a length, before a
 * duration when the table has both; a length in hours still asks (the
 * column's unit is not known). */
static void test_longer_than(ask_schema_t *s)
{
    answers_with(s, "films longer than 150 minutes", "\"length\" > 150");
    answers_with(s, "films shorter than 60", "\"length\" < 60");
    asks_about(s, "films longer than 2 hours", "hours");
}

/* "R rated films": a verb in -ed right after a value that is its column's
 * own word (rated ~ rating) is placed, as before it ("films rated R"). */
static void test_value_then_verb(ask_schema_t *s)
{
    answers_with(s, "number of R rated films", "\"rating\" = 'R'");
    answers_with(s, "G rated films shorter than 60 minutes", "\"rating\" = 'G'");
    asks_about(s, "R banned films", "banned");
}

/* "the largest single payment": "single" after a superlative says one
 * row, as the superlative does; elsewhere it still asks. */
static void test_single_after_superlative(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("payment", 3000, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("amount", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "what was the largest single payment", "ORDER BY \"p\".\"amount\" DESC NULLS LAST LIMIT 1");
    asks_about(s, "how many single payments", "single");
    ask_schema_free(s);
}

/* A table's name column named as a noun ("the element with the most
 * isotopes" on periodic_table.Element) is the table's rows; a name or
 * title column asked for ("the job titles with their max salary") is not.
 * "densest", "lightest": adjectives that name their column. */
static void test_label_as_table(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("periodic_table", 118, json_pack("[o, o, o, o, o]",
        col("AtomicNumber", "integer", 1, NULL, NULL), col("Element", "text", 0, NULL, NULL),
        col("NumberOfIsotopes", "integer", 0, NULL, NULL), col("Density", "double precision", 0, NULL, NULL),
        col("AtomicMass", "double precision", 0, NULL, NULL))));
    json_array_append_new(t, table("jobs", 19, json_pack("[o, o, o, o]",
        col("job_id", "text", 1, NULL, NULL), col("job_title", "text", 0, NULL, NULL),
        col("min_salary", "integer", 0, NULL, NULL), col("max_salary", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("products", 77, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("unit_price", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("passenger", 1309, json_pack("[o, o, o]",
        col("passengerid", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("fare", "double precision", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    /* "cheapest": by the table's one money column; of two, asked */
    answers_with(s, "what is our cheapest product", "ORDER BY \"p\".\"unit_price\" ASC LIMIT 1");
    asks_about(s, "what is our cheapest job", NULL);
    /* only a column named: its table's rows ranked by it */
    answers_with(s, "the 10 highest fares",
                 "FROM \"public\".\"passenger\" AS \"p\" ORDER BY \"p\".\"fare\" DESC NULLS LAST LIMIT 10");
    answers_with(s, "the element with the most isotopes",
                 "FROM \"public\".\"periodic_table\" AS \"pt\" ORDER BY \"pt\".\"NumberOfIsotopes\" DESC NULLS LAST FETCH FIRST 1 ROWS WITH TIES");
    asks_about(s, "show the job titles with their min and max salary", NULL);
    /* adjectives that name the column they rank by */
    answers_with(s, "the 5 densest elements", "ORDER BY \"pt\".\"Density\" DESC NULLS LAST LIMIT 5");
    answers_with(s, "the lightest element", "ORDER BY \"pt\".\"AtomicMass\" ASC FETCH FIRST 1 ROWS WITH TIES");
    ask_schema_free(s);
}

/* "the first quarter of 1998", "the last quarter of 2016" (not the quarter
 * before today), "the first half of 1993"; two periods are asked, never
 * the last one kept in silence. */
static void test_parts_of_year(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("orders", 830, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("order_date", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    if (!s)
        return;
    answers_with(s, "how many orders did we get in the first quarter of 1998",
                 "\"o\".\"order_date\" >= DATE '1998-01-01' AND \"o\".\"order_date\" < DATE '1998-04-01'");
    answers_with(s, "orders in the last quarter of 2016",
                 "\"o\".\"order_date\" >= DATE '2016-10-01' AND \"o\".\"order_date\" < DATE '2017-01-01'");
    answers_with(s, "orders in the second half of 1993",
                 "\"o\".\"order_date\" >= DATE '1993-07-01' AND \"o\".\"order_date\" < DATE '1994-01-01'");
    answers_with(s, "how many orders in 1996 and in 1998", "GROUP BY 1 ORDER BY 1");
    asks_about(s, "list the orders placed in 1996 and in 1998", NULL);  /* a list */
    asks_about(s, "how many customers ordered in both 1996 and 1998", "two periods");
    ask_schema_free(s);
}

int main(void)
{
    ask_schema_t *league = league_schema();
    if (!league)
        return check_done("test_ask_words");
    test_number_of(league);
    test_held_in(league);
    test_hosted(league);
    test_view_copy();
    test_count_none();
    test_column_named();
    test_event_verbs();
    test_is_flag();
    test_negated_flag();
    test_period_word_prefix();
    test_single_after_superlative();
    test_label_as_table();
    test_parts_of_year();
    ask_schema_t *shop = shop_schema();
    if (shop) {
        test_view_name_yields(shop);
        test_longer_than(shop);
        test_value_then_verb(shop);
        ask_schema_free(shop);
    }
    ask_schema_t *cat = catalogue_schema();
    if (!cat)
        return check_done("test_ask_words");
    test_having_no_null(cat);
    test_label_plurals(cat);
    test_verb_by(cat);
    test_value_noun_first(cat);
    test_when_asked(cat);
    test_table_name_word(cat);
    test_who_verb(cat);
    test_lookup_the(cat);
    test_age_words(cat, league);
    test_number_superlative(league);
    test_none_listed(cat);
    test_count_value_noun(cat);
    test_period_of_group(cat);
    ask_schema_free(cat);
    ask_schema_free(league);
    return check_done("test_ask_words");
}
