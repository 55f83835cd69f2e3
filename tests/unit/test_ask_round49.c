/* test_ask_round49.c — the forty-ninth round, on schemas built inline:
 * "customers per store city" groups by the store's city (store → address
 * → city), and a table the question names that the answer never reaches
 * ("… each store have? Show the store's city.") asks; "UK airlines"
 * where 'UK' is an airline code and a column keeps countries by name
 * asks which; "instructors earning more than 100000" is not a sum of
 * students' credits; "the salary of Wieland" shows Wieland's rows, not
 * one sum; "routes run by active airlines" is no grouping by the flag; a
 * PostgreSQL range of times (rental_period tsrange) is dated by its start;
 * "how many customers rented something in February 2006" counts the
 * customers with a rental then (the verb names the rentals); "airports in
 * London" is the city; "accounts opened in 1993 never got a loan" dates
 * the accounts; a count per airline of routes with no key keeps 0s; a
 * list of rentals shows each one's start; "users who never commented",
 * where comments name their user by username and reach users only
 * through posts, is not written; "what share of all payments (by
 * amount)" is a share of the amount; "which actor's films were rented the
 * most" asks about "rented" (the rentals are no part of film_actor). */
#include "ask_fixture.h"

static json_t *stores(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("city", 600, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("city", "text", 0, NULL, (const char *const[]){"Lethbridge", "Woodridge", NULL}))));
    json_array_append_new(t, table("address", 600, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("address", "text", 0, NULL, NULL), col("city_id", "integer", 0, "city", NULL))));
    json_array_append_new(t, table("store", 2, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("address_id", "integer", 0, "address", NULL))));
    json_array_append_new(t, table("customer", 599, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("first_name", "text", 0, NULL, NULL), col("store_id", "integer", 0, "store", NULL),
        col("address_id", "integer", 0, "address", NULL))));
    return t;
}

static void test_store_city(void)
{
    ask_schema_t *s = schema_of(stores());
    answers_with(s, "number of customers per store city", "AS \"city\"");
    answers_with(s, "number of customers per store city", "JOIN \"public\".\"store\"");
    asks_about(s, "How many customers does each store have? Show the store's city.", "city");
    ask_schema_free(s);
}

static json_t *airlines(int with_country)
{
    json_t *t = json_array(), *cols = json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL), col("iata", "text", 0, NULL, (const char *const[]){"UK", "BA", "LH", NULL}),
        col("active", "text", 0, NULL, (const char *const[]){"Y", "N", NULL}));
    if (with_country)
        json_array_append_new(cols, col("country", "text", 0, NULL,
                                        (const char *const[]){"United Kingdom", "Germany", NULL}));
    json_array_append_new(t, table("airlines", 6000, cols));
    json_array_append_new(t, table("routes", 67000, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("airline_id", "integer", 0, "airlines", NULL), col("stops", "integer", 0, NULL, NULL))));
    return t;
}

static void test_short_country(void)
{
    ask_schema_t *s = schema_of(airlines(1));
    asks_about(s, "how many UK airlines are there", "UK");
    refuses_sql(s, "how many routes are run by active airlines", "GROUP BY");
    ask_schema_free(s);
    s = schema_of(airlines(0));  /* no country kept by name: the code it is */
    answers_with(s, "how many UK airlines are there", "= 'UK'");
    ask_schema_free(s);
}

static void test_earning(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("department", 20, json_pack("[o, o]", col("id", "text", 1, NULL, NULL),
        col("building", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("instructor", 50, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"Wieland", "Bondi", NULL}),
        col("dept_id", "text", 0, "department", NULL), col("salary", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("student", 2000, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL), col("dept_id", "text", 0, "department", NULL),
        col("tot_cred", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    refuses_sql(s, "instructors earning more than 100000 and their departments", "tot_cred");
    answers_with(s, "what is the salary of Wieland", "\"name\" = 'Wieland'");
    refuses_sql(s, "what is the salary of Wieland", "sum(");
    answers_with(s, "what is the total salary of Wieland", "sum(\"i\".\"salary\")");
    ask_schema_free(s);
}

/* pagila's rental_period: a tsrange whose start is when the film was rented */
static void test_range(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customer", 599, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("first_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("film", 1000, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("rental", 16000, json_pack("[o, o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("customer_id", "integer", 0, "customer", NULL), col("film_id", "integer", 0, "film", NULL),
        col("rental_period", "tsrange", 0, NULL, NULL), col("fee", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    /* the customers with a rental then, the verb naming the rentals */
    static const char *const with_rental = "FROM \"public\".\"customer\" AS \"c\" WHERE EXISTS (SELECT 1 "
                                           "FROM \"public\".\"rental\" AS \"xr\"";
    answers_with(s, "How many different customers rented something in February 2006?", with_rental);
    answers_with(s, "how many customers rented a film in July 2005", with_rental);
    answers_with(s, "how many customers rented anything in 2005", "lower(\"xr\".\"rental_period\") >= DATE '2005-01-01'");
    answers_with(s, "rentals per month", "date_trunc('month', lower(\"r\".\"rental_period\"))");
    answers_with(s, "how many rentals in July 2005", "lower(\"r\".\"rental_period\") >= DATE '2005-07-01'");
    asks_about(s, "how many rentals were returned in August 2005", "returned");
    answers_with(s, "show the 5 most recent rentals", "lower(\"r\".\"rental_period\") AS \"rental_period_start\"");
    ask_schema_free(s);
}

/* "airports in London": the city, not the airport named London; routes
 * with no key of their own counted per airline, none kept as 0 */
static void test_airports(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("airports", 7000, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, (const char *const[]){"London", "Heathrow", "Gatwick", NULL}),
        col("city", "text", 0, NULL, (const char *const[]){"London", "Paris", NULL}))));
    json_array_append_new(t, table("airlines", 6000, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL), col("country", "text", 0, NULL, (const char *const[]){"Ireland", NULL}))));
    json_array_append_new(t, table("routes", 67000, json_pack("[o, o]", col("airline_id", "integer", 0, "airlines", NULL),
        col("stops", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "airports in london", "\"city\" = 'London'");
    answers_with(s, "for each airline based in Ireland, how many routes does it fly",
                 "count(\"r\".\"airline_id\") AS \"routes\" FROM \"public\".\"airlines\" AS \"a\" LEFT JOIN");
    ask_schema_free(s);
}

/* "accounts opened in … never got a loan": the accounts' own date */
static void test_opened(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("account", 4500, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("loan", 680, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("account_id", "integer", 0, "account", NULL), col("date", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "How many accounts opened in the first quarter of 1993 never got a loan?",
                 "WHERE \"xl\".\"account_id\" = \"a\".\"id\") AND \"a\".\"date\" >= DATE '1993-01-01'");
    answers_with(s, "How many accounts never got a loan in 1993?", "AND \"xl\".\"date\" >= DATE '1993-01-01'");
    ask_schema_free(s);
}

/* comments name their commenter by username, and reach users by a key only
 * through posts (the post's author): "never commented" is not theirs to say */
static void test_own_doer(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("users", 50, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("username", "text", 0, NULL, NULL), col("forename", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("posts", 500, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("user_id", "integer", 0, "users", NULL), col("body", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("comments", 900, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("username", "text", 0, NULL, NULL), col("postid", "integer", 0, "posts", NULL))));
    ask_schema_t *s = schema_of(t);
    refuses_sql(s, "which users have never commented on anything?", "NOT EXISTS");
    answers_with(s, "which users have never posted anything?", "NOT EXISTS (SELECT 1 FROM \"public\".\"posts\"");
    ask_schema_free(s);
}

/* "share of all payments (by amount)" sums the amount; "which actor's films
 * were rented the most" names the rentals, which the link does not hold */
static void test_by_amount(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customer", 599, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("first_name", "text", 0, NULL, NULL), col("country", "text", 0, NULL, (const char *const[]){"India", "Chile", NULL}))));
    json_array_append_new(t, table("payment", 16000, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("customer_id", "integer", 0, "customer", NULL), col("amount", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("actor", 200, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("film", 1000, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("film_actor", 5000, json_pack("[o, o]", col("actor_id", "integer", 0, "actor", NULL),
        col("film_id", "integer", 0, "film", NULL))));
    json_array_append_new(t, table("rental", 16000, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("film_id", "integer", 0, "film", NULL), col("customer_id", "integer", 0, "customer", NULL),
        col("rental_date", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "What share of all payments (by amount) came from customers living in India?",
                 "100.0 * sum(\"p\".\"amount\") FILTER (WHERE");
    asks_about(s, "Which actor's films were rented the most?", "rented");
    ask_schema_free(s);
}

int main(void)
{
    test_by_amount();
    test_own_doer();
    test_airports();
    test_opened();
    test_range();
    test_store_city();
    test_short_country();
    test_earning();
    return check_done("test_ask_round49");
}
