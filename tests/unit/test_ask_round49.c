/* test_ask_round49.c — the forty-ninth round, on schemas built inline:
 * "customers per store city" groups by the store's city (store → address
 * → city), and a table the question names that the answer never reaches
 * ("… each store have? Show the store's city.") asks; "UK airlines"
 * where 'UK' is an airline code and a column keeps countries by name
 * asks which; "instructors earning more than 100000" is not a sum of
 * students' credits; "the salary of Wieland" shows Wieland's rows, not
 * one sum; "routes run by active airlines" is no grouping by the flag. */
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

int main(void)
{
    test_store_city();
    test_short_country();
    test_earning();
    return check_done("test_ask_round49");
}
