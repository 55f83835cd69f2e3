/* test_ask_links.c — the seventeenth round, on schemas built inline: a
 * declared key NULL on every row links nothing ("books not returned"
 * through a return table whose book column was never filled: asked), a
 * value that is a customer's name and also the ship_name copied onto the
 * orders (asked, not read as the copy), names written in one word
 * ("productname" is the products' name, "imageurl" is no name), dishes
 * counted through a link table that holds their quantity (asked), and
 * "what was in order X" (its contents are not named: asked); then the
 * eighteenth: "years of experience", "cost less than", "games played
 * each month", a schema word never read as a slip for a value, two
 * comparisons of one column that no row meets (asked), and a bare number
 * compared with the one money column only. */
#include "ask_fixture.h"

static json_t *null_col(json_t *c)
{
    json_object_set_new(c, "null_frac", json_real(1.0));
    return c;
}

static void test_key_never_filled(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("books", 35, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("book_title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("return_status", 18, json_pack("[o, o, o]",
        col("return_id", "text", 1, NULL, NULL), col("return_date", "date", 0, NULL, NULL),
        null_col(col("return_book_id", "integer", 0, "books", NULL)))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "which books have not been returned yet?", NULL);
    ask_schema_free(s);
    t = json_array();  /* the same key, filled: an anti-join through it */
    json_array_append_new(t, table("books", 35, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("book_title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("return_status", 18, json_pack("[o, o, o]",
        col("return_id", "text", 1, NULL, NULL), col("return_date", "date", 0, NULL, NULL),
        col("return_book_id", "integer", 0, "books", NULL))));
    s = schema_of(t);
    answers_with(s, "which books have never been returned?", "NOT EXISTS");
    ask_schema_free(s);
}

static void test_name_copied_on_child(void)
{
    static const char *const firms[] = {"Alfreds Futterkiste", "Ana Trujillo", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("customers", 91, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("company_name", "text", 0, NULL, firms))));
    json_array_append_new(t, table("orders", 830, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customers", NULL),
        col("order_date", "date", 0, NULL, NULL), col("ship_name", "text", 0, NULL, firms))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "how many orders did Alfreds Futterkiste make", "Alfreds Futterkiste");
    answers_with(s, "how many orders have the ship name Alfreds Futterkiste",
                 "\"o\".\"ship_name\" = 'Alfreds Futterkiste'");
    answers_with(s, "how many customers are named Ana Trujillo", "\"c\".\"company_name\" = 'Ana Trujillo'");
    ask_schema_free(s);
}

static void test_glued_names(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("products", 85, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("productname", "text", 0, NULL, NULL),
        col("imageurl", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("reviews", 2000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("product_id", "integer", 0, "products", NULL),
        col("rating", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    CHECK_INT(s->tables[0].label, 1);  /* productname, not imageurl */
    answers_with(s, "which product has the most reviews?", "\"p\".\"productname\" AS");
    ask_schema_free(s);
}

static void test_quantity_in_link(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("orders", 3, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("order_reference", "text", 0, NULL,
            (const char *const[]){"CMD001", "CMD002", NULL}))));
    json_array_append_new(t, table("dishes", 3, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("dish_name", "text", 0, NULL,
            (const char *const[]){"Hotdog", "Omelette", NULL}))));
    json_array_append_new(t, table("order_dish", 4, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("dish_id", "integer", 0, "dishes", NULL),
        col("order_id", "integer", 0, "orders", NULL),
        col("ordered_dish_quantity", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "how many dishes were in each order?", NULL);
    answers_with(s, "how many different dishes were in each order?", "count(DISTINCT");
    asks_about(s, "what was in order CMD001?", "what was in");
    ask_schema_free(s);
}

static void test_comparison_words(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("doctors", 10, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("doctor_name", "text", 0, NULL, NULL),
        col("years_experience", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("products", 85, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("productname", "text", 0, NULL,
            (const char *const[]){"Socks", "Tablet", NULL}),
        col("price", "numeric", 0, NULL, NULL), col("stockquantity", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("games", 1153, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("date", "date", 0, NULL, NULL),
        col("home_score", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "which doctors have more than 25 years of experience?",
                 "\"d\".\"years_experience\" > 25");
    answers_with(s, "how many products cost between 100 and 200?", "\"p\".\"price\" BETWEEN 100 AND 200");
    answers_with(s, "products over 100", "\"p\".\"price\" > 100");
    /* "stock" is a word of stockquantity, not a slip for 'Socks'; and price
     * > 800 with price < 100 is no question anyone asked */
    asks_about(s, "which products have more than 800 in stock and cost less than 100?", NULL);
    asks_about(s, "products with more than 800 in warehouses", NULL);
    answers_with(s, "how many games were played each month?", "date_trunc('month'");
    ask_schema_free(s);
    t = json_array();  /* two money columns: a bare number is neither */
    json_array_append_new(t, table("products", 85, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("product_name", "text", 0, NULL, NULL),
        col("price", "numeric", 0, NULL, NULL), col("list_price", "numeric", 0, NULL, NULL))));
    s = schema_of(t);
    asks_about(s, "products over 100", NULL);
    ask_schema_free(s);
}

int main(void)
{
    test_key_never_filled();
    test_name_copied_on_child();
    test_glued_names();
    test_quantity_in_link();
    test_comparison_words();
    return check_done("test_ask_links");
}
