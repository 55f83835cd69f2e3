/* test_ask_events.c — batch 21's first contact, on schemas built inline:
 * books counted through the issues that name them ("how many books were
 * issued": the books, or the issues? asked), a list's column said with
 * "their" beside the listed one ("sizes with their price": rows), the most
 * recent of a day by its time too, "fewer than 10 units in stock" (the
 * stock, not the order lines' quantity), and a verb read as a typo of a
 * column the list does not use ("manage" as manager_id: asked). */
#include "ask_fixture.h"

static ask_schema_t *library(void)
{
    static const char *const names[] = {"Laura Martinez", "Emily Davis", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("employees", 11, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("emp_name", "text", 0, NULL, names),
        col("branch_id", "integer", 0, "branch", NULL))));
    json_array_append_new(t, table("branch", 5, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("manager_id", "text", 0, NULL, NULL),
        col("branch_address", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("books", 35, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("book_title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("issued_status", 35, json_pack("[o, o, o, o, o]",
        col("issued_id", "text", 1, NULL, NULL), col("issued_book_name", "text", 0, NULL, NULL),
        col("issued_date", "date", 0, NULL, NULL), col("issued_book_id", "integer", 0, "books", NULL),
        col("issued_emp_id", "integer", 0, "employees", NULL))));
    return schema_of(t);
}

static void test_counted_through_events(void)
{
    ask_schema_t *s = library();
    asks_about(s, "how many books were issued on a weekend?", NULL);
    asks_about(s, "how many books did Emily Davis issue?", NULL);
    asks_about(s, "how many books has each employee issued?", NULL);
    answers_with(s, "how many issues were made on a weekend", "count(*)");
    /* the counted rows' own events, said as theirs: each one once (and in
     * test_ask_words: "how many accounts have a loan") */
    answers_with(s, "how many employees have an issued status",
                 "FROM \"public\".\"employees\" AS \"e\" WHERE EXISTS (SELECT 1 FROM \"public\".\"issued_status\"");
    /* "manage" read as manager_id, a column the list does not use: asked */
    asks_about(s, "which branches does Laura Martinez manage?", "manage");
    ask_schema_free(s);
}

static void test_shown_beside_listed(void)
{
    static const char *const kinds[] = {"The Hawaiian Pizza", "The Greek Pizza", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("pizza_types", 32, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, kinds))));
    json_array_append_new(t, table("pizzas", 96, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("pizza_type_id", "integer", 0, "pizza_types", NULL),
        col("size", "text", 0, NULL, (const char *const[]){"S", "M", "L", NULL}),
        col("price", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("orders", 21000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("date", "date", 0, NULL, NULL),
        col("time", "time without time zone", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "list The Hawaiian Pizza's sizes", "SELECT DISTINCT \"p\".\"size\"");
    answers_with(s, "list The Hawaiian Pizza's sizes with their price", "SELECT \"p\".*");
    answers_with(s, "show the 5 most recent orders",
                 "ORDER BY \"o\".\"date\" DESC NULLS LAST, \"o\".\"time\" DESC NULLS LAST LIMIT 5");
    ask_schema_free(s);
}

static void test_units_in_stock(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("products", 700, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("product_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("inventory", 700, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("product_id", "integer", 0, "products", NULL),
        col("stock", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("order_items", 20000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("product_id", "integer", 0, "products", NULL),
        col("quantity", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "which products have fewer than 10 units in stock?", "\"i\".\"stock\" < 10");
    answers_with(s, "which products have fewer than 10 in stock?", "\"i\".\"stock\" < 10");
    answers_with(s, "which products are in stock", "\"i\".\"stock\" > 0");
    ask_schema_free(s);
}

int main(void)
{
    test_counted_through_events();
    test_shown_beside_listed();
    test_units_in_stock();
    return check_done("test_ask_events");
}
