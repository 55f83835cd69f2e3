/* test_ask_round54.c — the fifty-fourth round, on schemas built inline:
 * "rentals by MARY SMITH" reads both names in the one table that has both
 * (the customer), not MARY as an actor and SMITH as a customer, and a
 * capital name read as a value right before one left over is looked up
 * too; "the biggest airport" is no altitude; a course is labelled by its
 * title, not by the department name it holds as a key; "students per
 * instructor" through their department is asked, not joined up and down;
 * "departing routes", "routes from Heathrow", "routes arriving at" join by
 * the source's or the destination's key; a verb naming a table the
 * subject has many of ("students advised by Wieland", "customers who
 * rented ACADEMY DINOSAUR") is an EXISTS with the value inside; "cities
 * over 5 million" are by population; "countries with more than 10
 * languages" count the rows of countrylanguage; "average number of cities
 * per country in Europe" and "a European country" filter the countries;
 * "the largest city on each continent" is the top row of each group. */
#include "ask_fixture.h"

static ask_schema_t *rentals(const char *const *first, const char *const *last)
{
    json_t *t = json_array();
    json_array_append_new(t, table("actor", 200, json_pack("[o, o, o]", col("actor_id", "integer", 1, NULL, NULL),
        col("first_name", "text", 0, NULL, (const char *const[]){"MARY", "PENELOPE", NULL}),
        col("last_name", "text", 0, NULL, (const char *const[]){"KEITEL", "GUINESS", NULL}))));
    json_array_append_new(t, table("film", 1000, json_pack("[o, o]", col("film_id", "integer", 1, NULL, NULL),
        col("title", "text", 0, NULL, (const char *const[]){"ACADEMY DINOSAUR", "ACE GOLDFINGER", NULL}))));
    json_array_append_new(t, table("film_actor", 5000, json_pack("[o, o]", col("actor_id", "integer", 0, "actor", NULL),
        col("film_id", "integer", 0, "film", NULL))));
    json_array_append_new(t, table("customer", 600, json_pack("[o, o, o]", col("customer_id", "integer", 1, NULL, NULL),
        col("first_name", "text", 0, NULL, first), col("last_name", "text", 0, NULL, last))));
    json_array_append_new(t, table("rental", 16000, json_pack("[o, o, o, o]", col("rental_id", "integer", 1, NULL, NULL),
        col("film_id", "integer", 0, "film", NULL), col("customer_id", "integer", 0, "customer", NULL),
        col("rental_date", "timestamp", 0, NULL, NULL))));
    return schema_of(t);
}

static void test_full_name(void)
{
    ask_schema_t *s = rentals((const char *const[]){"MARY", "PATRICIA", NULL},
                              (const char *const[]){"SMITH", "JOHNSON", NULL});
    answers_with(s, "number of rentals of films by MARY SMITH", "\"c\".\"first_name\" = 'MARY'");
    refuses_sql(s, "number of rentals of films by MARY SMITH", "\"actor\"");
    answers_with(s, "number of rentals by MARY SMITH", "\"c\".\"last_name\" = 'SMITH'");
    answers_with(s, "films by MARY KEITEL", "\"a\".\"last_name\" = 'KEITEL'");
    ask_schema_free(s);
    /* MARY sampled only among the actors, SMITH nowhere: both looked up */
    s = rentals((const char *const[]){"PATRICIA", NULL}, (const char *const[]){"JOHNSON", NULL});
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, "number of rentals of films by MARY SMITH", NULL, &r, err, sizeof err), 0);
    int mary = 0, smith = 0;
    for (size_t i = 0; i < json_array_size(r.lookups); i++) {
        mary |= !strcmp(json_string_value(json_array_get(r.lookups, i)), "MARY");
        smith |= !strcmp(json_string_value(json_array_get(r.lookups, i)), "SMITH");
    }
    CHECK(!r.sql && mary && smith);
    ask_plan_result_free(&r);
    ask_schema_free(s);
}

static void test_verb_relation(void)
{
    ask_schema_t *s = rentals((const char *const[]){"MARY", NULL}, (const char *const[]){"SMITH", NULL});
    answers_with(s, "Which customers rented ACADEMY DINOSAUR?", "WHERE EXISTS (SELECT 1 FROM \"public\".\"rental\"");
    answers_with(s, "Which customers rented ACADEMY DINOSAUR?", "'ACADEMY DINOSAUR')");
    answers_with(s, "How many different films has MARY SMITH rented?", "EXISTS");
    refuses_sql(s, "Which customers never rented ACADEMY DINOSAUR?", "WHERE EXISTS");
    ask_schema_free(s);
    json_t *t = json_array();
    json_array_append_new(t, table("student", 2000, json_pack("[o, o]", col("id", "text", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"Zhang", "Shankar", NULL}))));
    json_array_append_new(t, table("instructor", 50, json_pack("[o, o]", col("id", "text", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"Wieland", "Mird", NULL}))));
    json_array_append_new(t, table("advisor", 2000, json_pack("[o, o]", col("s_id", "text", 1, "student", NULL),
        col("i_id", "text", 0, "instructor", NULL))));
    s = schema_of(t);
    answers_with(s, "Which students does Wieland advise?", "\"name\" = 'Wieland')");
    answers_with(s, "how many students does Wieland advise", "count(*)");
    answers_with(s, "students advised by Wieland", "EXISTS (SELECT 1 FROM \"public\".\"advisor\"");
    answers_with(s, "Which instructor advises the most students?", "count(*) AS \"advisor\"");
    answers_with(s, "Which instructor advises the most students?", "WITH TIES");
    answers_with(s, "Which 4 instructors advise the most students?", "LIMIT 4");
    ask_schema_free(s);
    t = json_array();  /* "teach" read as the teaches table, "taught" as "teach" */
    json_array_append_new(t, table("instructor", 50, json_pack("[o, o]", col("id", "text", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"Wieland", "Mird", NULL}))));
    json_array_append_new(t, table("course", 200, json_pack("[o, o]", col("id", "text", 1, NULL, NULL),
        col("title", "text", 0, NULL, (const char *const[]){"Image Processing", NULL}))));
    json_array_append_new(t, table("teaches", 400, json_pack("[o, o, o]", col("instructor_id", "text", 1, "instructor", NULL),
        col("course_id", "text", 1, "course", NULL), col("year", "integer", 0, NULL, NULL))));
    s = schema_of(t);
    answers_with(s, "which courses did Wieland teach", "EXISTS (SELECT 1 FROM \"public\".\"teaches\"");
    answers_with(s, "how many courses has Wieland taught", "'Wieland')");
    ask_schema_free(s);
}

static void test_biggest_and_labels(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("airports", 7000, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"Heathrow", "Gatwick", NULL}),
        col("country", "text", 0, NULL, (const char *const[]){"Germany", "Iceland", NULL}),
        col("altitude", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("routes", 60000, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("source_id", "integer", 0, "airports", NULL), col("destination_id", "integer", 0, "airports", NULL),
        col("stops", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "Which airports are the biggest?", NULL);
    answers_with(s, "the highest airport", "\"altitude\" DESC");
    answers_with(s, "top 5 airports by number of departing routes", "\"source_id\" = \"a\".\"id\"");
    answers_with(s, "Which 5 airports in Germany have the most outgoing routes?", "\"source_id\" = \"a\".\"id\"");
    answers_with(s, "top 10 airports by number of incoming routes", "\"destination_id\" = \"a\".\"id\"");
    answers_with(s, "number of routes from Heathrow", "\"source_id\" = \"a\".\"id\"");
    answers_with(s, "how many routes arrive at Heathrow", "\"destination_id\" = \"a\".\"id\"");
    asks_about(s, "top 5 airports by number of routes", NULL);
    ask_plan_result_t r, r2;  /* the key survives the plan's JSON: a follow-up keeps it */
    char err[256];
    CHECK_INT(ask_plan(s, "top 5 airports by number of departing routes", NULL, &r, err, sizeof err), 0);
    CHECK(json_object_get(r.plan, "end") != NULL);
    CHECK_INT(ask_plan(s, "now only Germany", r.plan, &r2, err, sizeof err), 0);
    CHECK(r2.sql && strstr(r2.sql, "\"source_id\" = \"a\".\"id\"") && strstr(r2.sql, "'Germany'"));
    ask_plan_result_free(&r);
    ask_plan_result_free(&r2);
    ask_schema_free(s);
    t = json_array();
    json_array_append_new(t, table("department", 20, json_pack("[o, o]", col("id", "text", 1, NULL, NULL),
        col("building", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("course", 200, json_pack("[o, o, o]", col("course_id", "text", 1, NULL, NULL),
        col("title", "text", 0, NULL, NULL), col("dept_name", "text", 0, "department", NULL))));
    json_array_append_new(t, table("section", 100, json_pack("[o, o]", col("sec_id", "text", 1, NULL, NULL),
        col("course_id", "text", 0, "course", NULL))));
    json_array_append_new(t, table("student", 2000, json_pack("[o, o, o]", col("id", "text", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL), col("dept_name", "text", 0, "department", NULL))));
    json_array_append_new(t, table("instructor", 50, json_pack("[o, o, o]", col("id", "text", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL), col("dept_name", "text", 0, "department", NULL))));
    s = schema_of(t);
    answers_with(s, "Which course has been offered in the most sections?", "\"c\".\"title\" AS \"course\"");
    asks_about(s, "For the departments that have instructors, how many students are there per instructor?",
               "no join path");
    ask_schema_free(s);
}

static void test_population_and_languages(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("country", 239, json_pack("[o, o, o, o, o]", col("id", "text", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"Germany", "Peru", NULL}),
        col("continent", "text", 0, NULL, (const char *const[]){"Europe", "Asia", NULL}),
        col("population", "integer", 0, NULL, NULL), col("surfacearea", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("city", 4000, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL), col("countrycode", "text", 0, "country", NULL),
        col("population", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("countrylanguage", 984, json_pack("[o, o, o]",
        col("countrycode", "text", 1, "country", NULL),
        col("language", "text", 1, NULL, (const char *const[]){"English", "Spanish", NULL}),
        col("isofficial", "boolean", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "cities over 5 million", "\"population\" > 5000000");
    answers_with(s, "german cities over 500k", "\"population\" > 500000");
    answers_with(s, "countrys in europe with more than 50 milion people", "\"population\" > 50000000");
    asks_about(s, "countries over 1000000", "number");
    answers_with(s, "Which countries have more than 10 languages?", "HAVING count(*) > 10");
    answers_with(s, "countries with more than 3 official languages", "\"isofficial\"");
    answers_with(s, "countries with more than 3 official languages", "HAVING count(*) > 3");
    answers_with(s, "how many languages does Germany have", "count(*) AS \"countrylanguage\"");
    /* the average of a count per country, of the countries a value filters */
    answers_with(s, "average number of cities per country in Europe", "WHERE \"c\".\"continent\" = 'Europe' GROUP BY");
    answers_with(s, "On average how many cities does a European country have", "'Europe'");
    answers_with(s, "on average how many languages does a european country have", "avg(");
    answers_with(s, "European countries", "\"continent\" = 'Europe'");
    /* "the largest cities": by population, where no area is held; a
     * country has one (surfacearea): asked */
    answers_with(s, "5 largest cities in Germany", "ORDER BY \"c\".\"population\" DESC NULLS LAST LIMIT 5");
    asks_about(s, "the largest country", NULL);
    /* the top row of each group, not one list nor one number per group */
    answers_with(s, "What's the largest city on each continent?",
                 "rank() OVER (PARTITION BY \"c2\".\"continent\" ORDER BY \"c\".\"population\" DESC)");
    answers_with(s, "the biggest city of each country in Europe", "PARTITION BY \"c2\".\"id\"");
    answers_with(s, "the biggest city of each country in Europe", "\"dm__rank\" <= 1");
    ask_plan_result_t r, r2;  /* the plan's JSON keeps it: a follow-up edits it */
    char err[256];
    CHECK_INT(ask_plan(s, "What's the largest city on each continent?", NULL, &r, err, sizeof err), 0);
    CHECK(json_is_true(json_object_get(r.plan, "each")));
    CHECK_INT(ask_plan(s, "now only Germany", r.plan, &r2, err, sizeof err), 0);
    CHECK(r2.sql && strstr(r2.sql, "rank() OVER") && strstr(r2.sql, "'Germany'"));
    ask_plan_result_free(&r);
    ask_plan_result_free(&r2);
    ask_schema_free(s);
}

int main(void)
{
    test_population_and_languages();
    test_full_name();
    test_verb_relation();
    test_biggest_and_labels();
    return check_done("test_ask_round54");
}
