/* test_ask_round56.c — the fifty-sixth round, on schemas built inline:
 * "who was hired most recently"; a US state said by name of a column of
 * codes (never of Brazil's codes); an order's date is when it was placed,
 * not its estimated delivery, and "delivered" of two delivery dates asks
 * unless a word says which; "annual salary" of current_annual_salary is no
 * "by year"; "overtime pay in 2016" of overtime_pay_2016 is no period, and
 * "no overtime pay" asks (0 or none recorded); a column that is itself an
 * average compared for rows of another table asks, said alone it is
 * averaged; "in the top 100" is the one rank column up to 100, and without
 * one "how many … in the top 100" asks; "50 million" stays one
 * number when a country adjective is read again; "units sold" is the
 * quantity of the sales lines; "movies" of a film table; "loans never
 * returned" of a return_date sometimes empty (not "not released in the
 * UK"); "average speed of legendary pokemon" (a flag before the rows'
 * noun); "of generation 2"; one row named is not averaged ("the average
 * salary in Kladno"); a comparison after a related table's noun asks;
 * "postmile" stays postmile's beside postmile_value. */
#include "ask_fixture.h"

#include <stdlib.h>

static void test_hired_most_recently(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("employees", 107, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("last_name", "text", 0, NULL, NULL), col("hire_date", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "who was hired most recently", "ORDER BY \"e\".\"hire_date\" DESC");
    answers_with(s, "which employee was hired most recently", "ORDER BY \"e\".\"hire_date\" DESC");
    answers_with(s, "who was hired first", "ORDER BY \"e\".\"hire_date\" ASC");
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, "which employee was hired first", NULL, &r, err, sizeof err), 0);
    CHECK(r.understood && strstr(r.understood, "earliest hire_date"));
    ask_plan_result_free(&r);
    ask_schema_free(s);
}

static ask_schema_t *customers_in(const char *const *states)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customers", 1445, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("last_name", "text", 0, NULL, NULL), col("city", "text", 0, NULL, NULL),
        col("state", "text", 0, NULL, states))));
    return schema_of(t);
}

static void test_states(void)
{
    ask_schema_t *s = customers_in((const char *const[]){"NY", "CA", "TX", "FL", "WA", "OR", "NV", "AZ", "NM",
        "CO", "UT", "ID", "MT", "WY", "ND", "SD", "NE", "KS", "OK", "PA", NULL});
    answers_with(s, "How many customers do we have in Texas?", "\"c\".\"state\" = 'TX'");
    answers_with(s, "customers in North Dakota", "\"c\".\"state\" = 'ND'");
    answers_with(s, "customers in TX", "\"c\".\"state\" = 'TX'");
    ask_schema_free(s);
    /* Brazil's states: 'PA' is Pará, 'SP' beside it no US state */
    s = customers_in((const char *const[]){"SP", "RJ", "MG", "RS", "PR", "SC", "BA", "DF", "GO", "ES", "PE",
        "CE", "PA", "MT", "MA", "MS", "PB", "RN", "AL", "PI", NULL});
    refuses_sql(s, "customers in Pennsylvania", "'PA'");
    ask_schema_free(s);
}

static ask_schema_t *olist(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("orders", 8135, json_pack("[o, o, o, o, o, o, o]",
        col("id", "text", 1, NULL, NULL),
        col("order_status", "text", 0, NULL, (const char *const[]){"delivered", "shipped", "canceled", NULL}),
        col("order_purchase_timestamp", "timestamp without time zone", 0, NULL, NULL),
        col("order_approved_at", "timestamp without time zone", 0, NULL, NULL),
        col("order_delivered_carrier_date", "timestamp without time zone", 0, NULL, NULL),
        col("order_delivered_customer_date", "timestamp without time zone", 0, NULL, NULL),
        col("order_estimated_delivery_date", "timestamp without time zone", 0, NULL, NULL))));
    return schema_of(t);
}

static void test_order_dates(void)
{
    ask_schema_t *s = olist();
    answers_with(s, "How many orders were placed in March 2018?",
                 "\"o\".\"order_purchase_timestamp\" >= DATE '2018-03-01'");
    answers_with(s, "orders per day of the week", "\"o\".\"order_purchase_timestamp\"");
    answers_with(s, "how many orders were delivered to the customer in december 2017",
                 "\"o\".\"order_delivered_customer_date\" >= DATE '2017-12-01'");
    asks_about(s, "how many orders were delivered in december 2017", "order_delivered_carrier_date");
    answers_with(s, "how many orders were ordered in 2018", "\"o\".\"order_purchase_timestamp\"");
    ask_schema_free(s);
}

static ask_schema_t *payroll(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("departments", 37, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("department_name", "text", 0, NULL, (const char *const[]){"Fire and Rescue Services", "Police", NULL}))));
    json_array_append_new(t, table("employees", 9228, json_pack("[o, o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("department_id", "integer", 0, "departments", NULL),
        col("date_first_hired", "date", 0, NULL, NULL), col("current_annual_salary", "numeric", 0, NULL, NULL),
        col("gross_pay_2016", "numeric", 0, NULL, NULL), col("overtime_pay_2016", "numeric", 0, NULL, NULL))));
    return schema_of(t);
}

static void test_payroll(void)
{
    ask_schema_t *s = payroll();
    answers_with(s, "What's the average annual salary in Fire and Rescue Services?",
                 "avg(\"e\".\"current_annual_salary\")");
    refuses_sql(s, "What's the average annual salary in Fire and Rescue Services?", "extract(year");
    answers_with(s, "total overtime pay in 2016 by department", "sum(\"e\".\"overtime_pay_2016\")");
    refuses_sql(s, "total overtime pay in 2016 by department", "date_first_hired");
    answers_with(s, "total 2016 gross pay", "sum(\"e\".\"gross_pay_2016\")");
    refuses_sql(s, "total 2016 gross pay", "date_first_hired");
    asks_about(s, "How many employees received no overtime pay in 2016?", "could be 0 or none recorded");
    answers_with(s, "employees hired in 2016", "\"e\".\"date_first_hired\" >= DATE '2016-01-01'");
    ask_schema_free(s);
}

static ask_schema_t *games(const char *rank)
{
    json_t *t = json_array();
    json_array_append_new(t, table("games", 2016, json_pack("[o, o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("title", "text", 0, NULL, NULL), col(rank, "integer", 0, NULL, NULL),
        col("average_rating", "numeric", 0, NULL, NULL), col("year_published", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("categories", 18, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("category_name", "text", 0, NULL, (const char *const[]){"Wargame", "Fantasy", NULL}))));
    json_array_append_new(t, table("designers", 19, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("designer_name", "text", 0, NULL, (const char *const[]){"Reiner Knizia", "Uwe Rosenberg", NULL}))));
    json_array_append_new(t, table("game_categories", 5000, json_pack("[o, o]",
        col("game_id", "integer", 0, "games", NULL), col("category_id", "integer", 0, "categories", NULL))));
    json_array_append_new(t, table("game_designers", 3000, json_pack("[o, o]",
        col("game_id", "integer", 0, "games", NULL), col("designer_id", "integer", 0, "designers", NULL))));
    return schema_of(t);
}

static void test_averages_and_top(void)
{
    ask_schema_t *s = games("bgg_rank");
    asks_about(s, "Which categories have an average rating above 7.7?", "averaged over");
    answers_with(s, "games with an average rating above 8.5", "\"average_rating\" > 8.5");
    answers_with(s, "average rating of Wargame games", "avg(\"m\".\"average_rating\")");
    answers_with(s, "Average rating of Uwe Rosenberg's games", "avg(\"m\".\"average_rating\")");
    answers_with(s, "Which games did Reiner Knizia design?", "\"d\".\"designer_name\" = 'Reiner Knizia'");
    /* "in the top 100" of the one rank column: a condition */
    answers_with(s, "How many different designers have a game in the top 100?",
                 "count(DISTINCT \"d\".\"id\")");
    answers_with(s, "How many different designers have a game in the top 100?", "\"m\".\"bgg_rank\" <= 100");
    answers_with(s, "How many games in the top 200 were published before 1990?", "\"m\".\"bgg_rank\" <= 200");
    ask_schema_free(s);
    s = games("num_owners");  /* no rank: the 100 games with the most designers is not what was asked */
    asks_about(s, "How many different designers have a game in the top 100?", "top 100");
    ask_schema_free(s);
}

static void test_million_read_again(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("country", 239, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL),
        col("continent", "text", 0, NULL, (const char *const[]){"Europe", "Asia", "Africa", NULL}),
        col("population", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("city", 4079, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL), col("country_id", "integer", 0, "country", NULL),
        col("population", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    /* the million after the city's noun: the city's population, or the country's? */
    asks_about(s, "European countries without a single city of over a million people", "comparison");
    answers_with(s, "European countries with more than 50 million people", "\"c\".\"population\" > 50000000");
    answers_with(s, "Asian countries with more than 100 million inhabitants", "\"c\".\"continent\" = 'Asia'");
    ask_schema_free(s);
}

static void test_units_sold_and_movies(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("brands", 9, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("brand_name", "text", 0, NULL, (const char *const[]){"Trek", "Surly", NULL}))));
    json_array_append_new(t, table("products", 321, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("product_name", "text", 0, NULL, NULL), col("brand_id", "integer", 0, "brands", NULL),
        col("list_price", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("stocks", 939, json_pack("[o, o]", col("product_id", "integer", 0, "products", NULL),
        col("quantity", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("order_items", 4722, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("product_id", "integer", 0, "products", NULL),
        col("quantity", "integer", 0, NULL, NULL), col("list_price", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "top 3 brands by units sold", "sum(\"oi\".\"quantity\")");
    answers_with(s, "how many units were sold", "sum(\"oi\".\"quantity\")");
    asks_about(s, "total quantity by brand", NULL);  /* in stock, or sold? */
    ask_schema_free(s);
    t = json_array();
    json_array_append_new(t, table("film", 1000, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("title", "text", 0, NULL, NULL), col("rating", "text", 0, NULL, (const char *const[]){"PG", "R", NULL}))));
    json_array_append_new(t, table("family_films", 50, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("film_id", "integer", 0, "film", NULL))));
    s = schema_of(t);
    answers_with(s, "how many movies are rated PG", "FROM \"public\".\"film\"");
    ask_schema_free(s);
}

static void test_not_returned(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("loans", 900, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("member_name", "text", 0, NULL, NULL), col("loan_date", "date", 0, NULL, NULL),
        col("return_date", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "loans that have not been returned", "\"l\".\"return_date\" IS NULL");
    answers_with(s, "how many loans were never returned", "\"l\".\"return_date\" IS NULL");
    answers_with(s, "loans not returned yet", "\"l\".\"return_date\" IS NULL");
    answers_with(s, "how many loans that were returned", "\"l\".\"return_date\" IS NOT NULL");
    ask_schema_free(s);
    t = json_array();  /* a verb with more said after it is about that, not an empty date */
    json_array_append_new(t, table("movies", 28, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("title", "text", 0, NULL, NULL), col("release_date", "date", 0, NULL, NULL),
        col("release_country", "text", 0, NULL, (const char *const[]){"UK", "USA", NULL}))));
    s = schema_of(t);
    refuses_sql(s, "which movies were not released in the UK?", "IS NULL");
    ask_schema_free(s);
}

static void test_name_kept_by_its_column(void)
{
    json_t *t = json_array();  /* "postmile" is postmile's, not postmile_value's too */
    json_array_append_new(t, table("count_locations", 7000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("postmile", "text", 0, NULL, NULL),
        col("postmile_value", "numeric", 0, NULL, NULL),
        col("postmile_prefix", "text", 0, NULL, (const char *const[]){"R", "L", NULL}))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "How many count locations have a postmile with the prefix R?",
                 "\"cl\".\"postmile_prefix\" = 'R'");
    ask_schema_free(s);
    t = json_array();  /* with no freight column, "freight" is freight_value's */
    json_array_append_new(t, table("order_items", 9000, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("price", "numeric", 0, NULL, NULL), col("freight_value", "numeric", 0, NULL, NULL))));
    s = schema_of(t);
    answers_with(s, "total freight", "sum(\"oi\".\"freight_value\")");
    ask_schema_free(s);
}

static void test_average_named_row(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("district", 77, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("district_name", "text", 0, NULL, (const char *const[]){"Kladno", "Praha", NULL}),
        col("average_salary", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);  /* one district named: its own figure, not an average of it */
    refuses_sql(s, "What is the average salary in the Kladno district?", "avg(");
    answers_with(s, "average salary of districts", "avg(\"d\".\"average_salary\")");
    ask_schema_free(s);
}

static void test_flag_of_average(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("pokemon", 801, json_pack("[o, o, o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("name", "text", 0, NULL, NULL), col("speed", "integer", 0, NULL, NULL),
        col("is_legendary", "boolean", 0, NULL, NULL), col("generation", "integer", 0, NULL, NULL),
        col("height_m", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "average speed of legendary pokemon", "\"p\".\"is_legendary\"");
    answers_with(s, "how many legendary pokemon are there", "\"p\".\"is_legendary\"");
    answers_with(s, "Who's the tallest pokemon of generation 2?", "\"p\".\"generation\" BETWEEN 2 AND 2");
    ask_schema_free(s);
}

int main(void)
{
    test_hired_most_recently();
    test_states();
    test_order_dates();
    test_payroll();
    test_averages_and_top();
    test_million_read_again();
    test_units_sold_and_movies();
    test_not_returned();
    test_flag_of_average();
    test_average_named_row();
    test_name_kept_by_its_column();
    return check_done("test_ask_round56");
}
