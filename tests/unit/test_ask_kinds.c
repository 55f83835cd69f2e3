/* test_ask_kinds.c — batches 33 to 36 at first contact, on schemas built
 * inline: a kind of another table keyed by it (therapist by staffid →
 * staff) is named by that table's name, grouped and listed; "2% of the
 * vote" compares a percent, not a count of votes; "with their dates" is no
 * typo of a player called Dale; "the most in donations" counted asks;
 * rows "made by customers in Huye" are the customers' rows, shown with
 * their names (without the verb, rows or a count per customer: asked); "bags that sold" is the sold ones; the
 * different values of a JSON column are not counted; "for Fall and for
 * Winter" as a list asks; a planned date (a deadline) beside another is
 * no default. */
#include "ask_fixture.h"

static void test_kinds_of(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("staff", 5, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("staffname", "text", 0, NULL, NULL),
        col("position", "text", 0, NULL, (const char *const[]){"Therapist", "Admin", NULL}))));
    json_array_append_new(t, table("therapist", 3, json_pack("[o, o]",
        col("id", "integer", 1, "staff", NULL), col("specialty", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("sessions", 5, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("therapistid", "integer", 0, "therapist", NULL),
        col("sessiondate", "date", 0, NULL, NULL),
        col("status", "text", 0, NULL, (const char *const[]){"Completed", "Scheduled", NULL}))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "list the therapists with their specialty", "\"s\".\"staffname\"");
    answers_with(s, "how many sessions has each therapist had?", "\"s2\".\"staffname\" AS");
    answers_with(s, "therapists with more than one completed session", "HAVING count(*) > 1");
    ask_schema_free(s);
}

static void test_words_said(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("player", 120, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL),
        col("f_name", "text", 0, NULL, (const char *const[]){"Dale", "Chris", NULL}))));
    json_array_append_new(t, table("matches", 15, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("venue", "text", 0, NULL, (const char *const[]){"Mumbai", "Delhi", NULL}),
        col("manofthematch", "integer", 0, "player", NULL))));
    json_array_append_new(t, table("results", 543, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("total_votes", "integer", 0, NULL, NULL),
        col("candidate", "text", 0, NULL, (const char *const[]){"NOTA", "Someone", NULL}))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "which matches are in Mumbai, with their dates?", "dates");
    asks_about(s, "how many results had more than 2% of the votes?", NULL);
    answers_with(s, "how many results had more than 2000 votes?", "> 2000");
    ask_schema_free(s);
}

static void test_rows_said(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customers", 15, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("region", "text", 0, NULL, (const char *const[]){"Huye", "Kigali", NULL}))));
    json_array_append_new(t, table("equipment", 15, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("category", "text", 0, NULL, (const char *const[]){"Lifting", "Utility", NULL}))));
    json_array_append_new(t, table("rentals", 54, json_pack("[o, o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customers", NULL),
        col("equipment_id", "integer", 0, "equipment", NULL), col("rental_date", "date", 0, NULL, NULL),
        col("date_returned", "date", 0, NULL, NULL), col("amount", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("donation", 20, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customers", NULL),
        col("amount", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("forms", 20, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("form_name", "text", 0, NULL, NULL),
        col("deadline_date", "date", 0, NULL, NULL), col("warning_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("faculty", 76, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("fm_name", "text", 0, NULL, NULL),
        col("presetAdmin", "jsonb", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "rentals of Lifting equipment by customers in Huye", NULL);  /* rows or counts? */
    answers_with(s, "rentals of Lifting equipment made by customers in Huye",
                 "\"c\".\"name\" AS \"customer_id_name\"");
    answers_with(s, "rentals that were returned", "\"date_returned\" IS NOT NULL");
    asks_about(s, "which customer received the most in donations?", NULL);
    asks_about(s, "rentals for Huye and for Kigali", NULL);
    asks_about(s, "how many forms were submitted on a Monday?", "warning_date");
    asks_about(s, "how many admins are there?", NULL);
    ask_schema_free(s);
}

/* Batches 37 to 39 at first contact: "not on YouTube" through a link
 * table is NOT EXISTS; "with title and date" shows them (no grouping by
 * day, no test for a title); "total downtime" sums its minutes; a login
 * name or an email is no person's name; "The Daily" is a name, not a
 * grain; the share of the grouped rows themselves asks; a creation stamp
 * beside a year of release is not when an album came out; a lower-case
 * sample "in" is no value. */
static void test_said_of_rows(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("platform", 4, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL),
        col("platform_name", "text", 0, NULL, (const char *const[]){"YouTube", "Spotify", NULL}))));
    json_array_append_new(t, table("podcast", 20, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("platform_to_podcast", 40, json_pack("[o, o]",
        col("podcast_id", "integer", 0, "podcast", NULL), col("platform_id", "integer", 0, "platform", NULL))));
    json_array_append_new(t, table("episode", 100, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("podcast_id", "integer", 0, "podcast", NULL),
        col("title", "text", 0, NULL, NULL), col("release_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("users", 500, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("loginname", "text", 0, NULL, NULL),
        col("firstname", "text", 0, NULL, NULL), col("lastname", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("streams", 200, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("users_id", "integer", 0, "users", NULL),
        col("episode_id", "integer", 0, "episode", NULL))));
    json_array_append_new(t, table("albums", 17, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("albumname", "text", 0, NULL, NULL),
        col("yearofrelease", "integer", 0, NULL, NULL), col("created_at", "timestamp", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "which podcasts are not on YouTube?", "WHERE NOT EXISTS (SELECT 1 FROM");
    asks_about(s, "episodes of podcasts not on YouTube with title and release date", NULL);  /* no "<>" */
    answers_with(s, "users with more than 2 streams", "\"u\".\"firstname\" AS");
    answers_with(s, "the 5 most recent albums", "ORDER BY \"a\".\"yearofrelease\" DESC");
    asks_about(s, "what percentage of podcasts had some streams?", NULL);
    ask_schema_free(s);
    t = json_array();
    json_array_append_new(t, table("operators", 4, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, (const char *const[]){"Dee", "Mac", NULL}))));
    json_array_append_new(t, table("line_downtime", 456, json_pack("[o, o, o]",
        col("batch", "integer", 1, NULL, NULL), col("operator_id", "integer", 0, "operators", NULL),
        col("Downtime(Mins)", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("article", 15, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("date", "date", 0, NULL, NULL),
        col("section", "text", 0, NULL, (const char *const[]){"Fleming", "Other", "in", NULL}))));
    s = schema_of(t);
    answers_with(s, "total downtime for Dee and for Mac", "sum(\"id\".\"Downtime(Mins)\")");
    answers_with(s, "articles in the Fleming section, with title and date", ".* FROM \"public\".\"article\" AS \"p\" WHERE \"p\".\"section\" = 'Fleming' ORDER");
    answers_with(s, "how many articles are in Fleming", "= 'Fleming'");  /* not section = 'in' */
    ask_schema_free(s);
}

/* A column pointing at a column of a two-column key. */
static json_t *col_to(const char *name, const char *table, const char *column)
{
    json_t *c = col(name, "integer", 0, table, NULL);
    json_object_set_new(c, "fk", json_pack("{s:s, s:s, s:s}", "schema", "public", "table", table,
                                           "column", column));
    return c;
}

/* "episodes with no guest" where an episode is keyed by (podcast_id,
 * episode_num): the NOT EXISTS matches both columns, not the podcast alone. */
static void test_two_column_keys(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("guest", 36, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("episode", 100, json_pack("[o, o, o]",
        col("podcast_id", "integer", 1, NULL, NULL), col("episode_num", "integer", 1, NULL, NULL),
        col("title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("episode_to_guest", 50, json_pack("[o, o, o]",
        col_to("podcast_id", "episode", "podcast_id"), col_to("episode_num", "episode", "episode_num"),
        col("guest_id", "integer", 0, "guest", NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "how many episodes have no guest?", "AND \"xetg\".\"episode_num\" = \"e\".\"episode_num\")");
    ask_schema_free(s);
}

/* Batches 40 to 42 at first contact: "3 minutes" of duration_sec is 180;
 * "how many mechanics" beside a mechanic_emp table asks; "what did X
 * order" asks what; "the most expensive plan" is one row; "their monthly
 * price" is shown; "columns of call_records" describes it, its types as
 * the standard names them with their size apart. */
static void test_units_and_words(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("plans", 4, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("plan_name", "character varying(50)", 0, NULL, NULL),
        col("price", "numeric(6,2)", 0, NULL, NULL))));
    json_array_append_new(t, table("customers", 14, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"Priya Singh", "Amit Shah", NULL}),
        col("plan_id", "integer", 0, "plans", NULL))));
    json_array_append_new(t, table("call_records", 10, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customers", NULL),
        col("duration_sec", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("orders", 35, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customers", NULL),
        col("total", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("mechanic_emp", 10, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("emp_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("appointment", 30, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL),
        col("mechanic", "text", 0, NULL, (const char *const[]){"Jacob", "Ivan", NULL}),
        col("customer_id", "integer", 0, "customers", NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "call records longer than 3 minutes", "\"duration_sec\" > 180");
    asks_about(s, "how many mechanics do we have?", NULL);
    asks_about(s, "what did Priya Singh order?", NULL);
    answers_with(s, "most expensive plan and its price", "DESC NULLS LAST FETCH FIRST 1 ROWS WITH TIES");
    answers_with(s, "list the plans with their monthly price", "SELECT \"p\".* FROM");
    answers_with(s, "columns of call_records", "'duration_sec', 'integer', '', ''");
    answers_with(s, "describe plans", "'plan_name', 'character varying', '50', ''");
    ask_schema_free(s);
}

/* Batches 43 to 45 at first contact: a count stated by a row beside the
 * rows counted (backers_count, projectvolunteersneeded) asks, also on the
 * way and for "none at all"; a creation stamp beside a cancellation date
 * is when the order was placed; rows with no name of their own show the
 * name of the one named table they point at, also in a list that fans
 * out; "that list their hops" is a presence test; "what salary do the
 * drivers earn" asks. */
static void test_stated_and_shown(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("category", 9, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("category", "text", 0, NULL, (const char *const[]){"music", "games", NULL}))));
    json_array_append_new(t, table("campaign", 1000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("company_name", "text", 0, NULL, NULL),
        col("category_id", "integer", 0, "category", NULL), col("backers_count", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("backers", 8175, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("cf_id", "integer", 0, "campaign", NULL),
        col("email", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("orders", 15, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("created_at", "timestamp", 0, NULL, NULL),
        col("canceled_at", "timestamp", 0, NULL, NULL), col("order_value", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("participant", 45, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("athlete", 41, json_pack("[o, o, o, o]",
        col("athlete_id", "integer", 1, NULL, NULL), col("age", "integer", 0, NULL, NULL),
        col("sex", "text", 0, NULL, (const char *const[]){"Male", "Female", NULL}),
        col("participant_id", "integer", 0, "participant", NULL))));
    json_array_append_new(t, table("beer", 12, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("beer_name", "text", 0, NULL, NULL),
        col("hops", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("job", 5, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL),
        col("job_type", "text", 0, NULL, (const char *const[]){"driver", "mechanic", NULL}),
        col("salary", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "how many campaigns had no backers at all?", NULL);
    asks_about(s, "total backers per category", NULL);
    answers_with(s, "the 5 most recent orders", "ORDER BY \"o\".\"created_at\" DESC");
    answers_with(s, "male athletes aged between 25 and 30", "\"p\".\"name\" AS \"participant_id_name\"");
    answers_with(s, "beers that list their hops", "\"hops\" <> ''");
    asks_about(s, "what salary do the drivers earn?", NULL);
    ask_schema_free(s);
    t = json_array();
    json_array_append_new(t, table("hospital", 10, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("hospital_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("request", 20, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("hospital_id", "integer", 0, "hospital", NULL),
        col("qty", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("receives", 20, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("req_id", "integer", 0, "request", NULL),
        col("req_status", "text", 0, NULL, (const char *const[]){"pending", "done", NULL}))));
    s = schema_of(t);
    answers_with(s, "pending requests and the hospital that made them",
                 "(SELECT \"ds\".\"hospital_name\" FROM \"public\".\"hospital\" AS \"ds\"");
    ask_schema_free(s);
}

int main(void)
{
    test_kinds_of();
    test_words_said();
    test_rows_said();
    test_said_of_rows();
    test_two_column_keys();
    test_units_and_words();
    test_stated_and_shown();
    return check_done("test_ask_kinds");
}
