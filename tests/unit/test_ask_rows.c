/* test_ask_rows.c — what a question asks to see, on schemas built inline:
 * "the 5 customers with the highest credit limit" (five rows, not office
 * 5), "the 10 most common diagnoses" (rows counted per value), "which
 * salesmen sold to London" (the salesmen, or ask), "average number of films
 * per actor" (both averages), a year column beside a date (ask which), a
 * column that already counts ("500000 ratings"), coded genders said as
 * words, the table a value is said of ("whose salesman is in Paris"),
 * "annual income" as the column, a table named like a synonym ("incomes"),
 * "admitted" as admissions, and "out of Germany" (a direction: ask). */
#include "ask_fixture.h"

static ask_schema_t *sales(void)
{
    static const char *const cities[] = {"Paris", "London", "Rome", NULL};
    static const char *const codes[] = {"1", "2", "3", "4", "5", NULL};
    static const char *const genders[] = {"M", "F", NULL};
    static const char *const diagnoses[] = {"Pneumonia", "Asthma", "Flu", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("offices", 7, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("office_code", "text", 0, NULL, codes))));
    json_array_append_new(t, table("salesman", 6, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("city", "text", 0, NULL, cities), col("office_id", "integer", 0, "offices", NULL))));
    json_array_append_new(t, table("customer", 800, json_pack("[o, o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("cust_fname", "text", 0, NULL, NULL),
        col("cust_lname", "text", 0, NULL, NULL), col("city", "text", 0, NULL, cities),
        col("credit_limit", "numeric", 0, NULL, NULL), col("salesman_id", "integer", 0, "salesman", NULL))));
    json_array_append_new(t, table("orders", 9000, json_pack("[o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customer", NULL),
        col("purch_amt", "numeric", 0, NULL, NULL), col("ord_date", "date", 0, NULL, NULL),
        col("fiscal_year", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("patients", 500, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("gender", "text", 0, NULL, genders))));
    json_array_append_new(t, table("admissions", 500, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("patient_id", "integer", 0, "patients", NULL),
        col("diagnosis", "text", 0, NULL, diagnoses))));
    json_array_append_new(t, table("movies", 30, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("rating", 30, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("movie_id", "integer", 0, "movies", NULL),
        col("num_o_ratings", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("income", 900, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("annual_income", "integer", 0, NULL, NULL))));
    return schema_of(t);
}

static void test_how_many_rows(ask_schema_t *s)
{
    answers_with(s, "the 5 customers with the highest credit limit",
                 "ORDER BY \"c\".\"credit_limit\" DESC NULLS LAST LIMIT 5");
    answers_with(s, "which 3 customers have the highest credit limit", "LIMIT 3");
    answers_with(s, "which customer has the highest credit limit", "FETCH FIRST 1 ROWS WITH TIES");
    /* "spent": money paid, the revenue of each customer */
    answers_with(s, "which customer has spent the most?", "sum(\"o\".\"purch_amt\")");
}

static void test_most_common(ask_schema_t *s)
{
    answers_with(s, "what are the 10 most common diagnoses?",
                 "GROUP BY 1 ORDER BY 2 DESC NULLS LAST, 1 LIMIT 10");
    answers_with(s, "the most common diagnosis", "LIMIT 1");
    answers_with(s, "the least common diagnosis", "ORDER BY 2 ASC, 1 LIMIT 1");
    asks_about(s, "the most common city", "city");  /* a customer's or a salesman's */
}

static void test_which_is_shown(ask_schema_t *s)
{
    asks_about(s, "which salesman has sold to customers in London", "which salesman");
    answers_with(s, "which salesman has the most customers", "count(*) AS \"customer\"");
}

static void test_per_entity_average(ask_schema_t *s)
{
    answers_with(s, "average number of orders per customer",
                 "avg(CASE WHEN \"x\".\"orders\" > 0 THEN \"x\".\"orders\" END)");
    answers_with(s, "on average how many orders does a customer have", "LEFT JOIN");
    answers_with(s, "how many orders does a customer place on average", ") AS \"x\"");
}

static void test_year_beside_date(ask_schema_t *s)
{
    asks_about(s, "how many orders in 2023", "fiscal_year");
    answers_with(s, "how many orders in March 2023", "\"o\".\"ord_date\" >= DATE '2023-03-01'");
}

static void test_weekdays(ask_schema_t *s)
{
    answers_with(s, "how many orders were placed on a Friday?",
                 "WHERE extract(isodow FROM \"o\".\"ord_date\")::int = 5");
    answers_with(s, "orders on weekends", "::int BETWEEN 6 AND 7");
    answers_with(s, "total purch amt on weekdays in March 2023", "BETWEEN 1 AND 5");
    asks_about(s, "how many admissions on a Monday", NULL);  /* no date to read it from */
    asks_about(s, "orders on Mondays and Fridays", NULL);
}

static void test_when_first(ask_schema_t *s)
{
    answers_with(s, "when was the first order placed?", "SELECT min(\"o\".\"ord_date\")");
    answers_with(s, "when was the most recent order from a customer in London",
                 "SELECT max(\"o\".\"ord_date\")");
    answers_with(s, "what was the date of the latest order", "max(");
    asks_about(s, "when was the first patient", NULL);  /* patients have no date */
    asks_about(s, "orders in the 90s", "fiscal_year");  /* a decade is whole years */
}

static void test_a_column_counts(ask_schema_t *s)
{
    asks_about(s, "which movies have more than 500000 ratings", NULL);
}

static void test_words_for_values(ask_schema_t *s)
{
    answers_with(s, "how many female patients", "\"p\".\"gender\" = 'F'");
    answers_with(s, "customers with a credit limit over 100 pounds", "\"c\".\"credit_limit\" > 100");
    answers_with(s, "how many women are patients", "= 'F'");
    answers_with(s, "number of male and female patients", "GROUP BY 1");
    answers_with(s, "customers whose salesman is in Paris", "\"s\".\"city\" = 'Paris'");
    answers_with(s, "number of patients admitted with pneumonia compared with asthma", "GROUP BY 1");
    answers_with(s, "average credit limit of customers in Paris vs London",
                 "\"c\".\"city\" AS \"city\", avg(");
    answers_with(s, "how many patients were admitted with pneumonia", "count(DISTINCT \"p\".\"id\")");
    answers_with(s, "how many patients have never been admitted", "NOT EXISTS");
}

static void test_names_as_written(ask_schema_t *s)
{
    answers_with(s, "average annual income", "avg(\"r\".\"annual_income\")");
    answers_with(s, "the 3 highest incomes", "ORDER BY \"r\".\"annual_income\" DESC NULLS LAST LIMIT 3");
    /* cust_fname / cust_lname: a customer is both names */
    answers_with(s, "customers with more than 5 orders", "\"c\".\"cust_lname\" AS \"cust_lname\"");
    answers_with(s, "list the customers with their first and last names", "SELECT \"c\".*");
}

/* Batch 15's first contact: a catalog row count that dropped the rest of
 * the question, a count of related rows read as a value, an average "for
 * men and for women" read as one, "no X" of a related table's column, a
 * column of names counted as its different names. */
static void test_tenth_round(void)
{
    static const char *const genders[] = {"M", "F", NULL};
    json_t *t = json_array(), *gender = col("gender", "text", 0, NULL, genders);
    json_object_set_new(gender, "n_distinct", json_real(2));
    json_array_append_new(t, table("employee", 290, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("job_title", "text", 0, NULL, NULL), gender,
        col("sick_leave_hours", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("employee_pay_history", 316, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("employee_id", "integer", 0, "employee", NULL),
        col("rate", "numeric", 0, NULL, NULL))));
    json_t *color = col("color", "text", 0, NULL, NULL), *size = col("size", "text", 0, NULL, NULL);
    json_object_set_new(color, "nullable", json_false());      /* declared NOT NULL */
    json_object_set_new(size, "null_frac", json_real(0));      /* none in the statistics */
    json_array_append_new(t, table("product", 504, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL), color, size)));
    json_array_append_new(t, table("product_inventory", 1069, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("product_id", "integer", 0, "product", NULL),
        col("quantity", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("country", 242, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("subcountry", 3995, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("country_id", "integer", 0, "country", NULL),
        col("subdivision", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("region", 999, json_pack("[o, o, o, o]",  /* no key of its own */
        col("country_id", "integer", 0, "country", NULL), col("region_code", "text", 0, NULL, NULL),
        col("capital", "text", 0, NULL, NULL), col("district", "text", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "how many products have no inventory records?", "NOT EXISTS");  /* not the row count */
    answers_with(s, "how many records are in the product table", "SELECT count(*) AS \"rows\"");
    asks_about(s, "how many employees have had more than one pay rate?", NULL);
    answers_with(s, "employees with a sick leave hours of more than 40", "> 40");
    answers_with(s, "average sick leave hours for men and for women", "GROUP BY 1");
    answers_with(s, "average sick leave hours of men and women", "GROUP BY 1");  /* every value */
    answers_with(s, "which countries have no subdivisions?", "NOT EXISTS");  /* the related rows lacking */
    answers_with(s, "subcountries with no subdivision", "IS NULL");  /* its own column */
    asks_about(s, "which countries have no capital", NULL);
    /* "no color" of a column never empty: a value must stand for none */
    asks_about(s, "how many products have no color", "never empty");
    asks_about(s, "products with no size", "never empty");
    answers_with(s, "products with no name", "IS NULL");
    /* a column of names counted: its rows, or its different names? */
    asks_about(s, "how many districts are there", "measure");  /* never sampled: many */
    answers_with(s, "how many different districts are there", "count(DISTINCT");  /* a region's capital: no row, or none given? */
    ask_schema_free(s);
}

/* Batch 16's first contact: two link tables between the same two tables
 * (order lines and notes on them) are two ways, not one; an empty comment
 * is no comment. */
static void test_eleventh_round(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("products", 10, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("orders", 10, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("comments", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("order_items", 18, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("order_id", "integer", 0, "orders", NULL),
        col("product_id", "integer", 0, "products", NULL), col("quantity", "integer", 0, NULL, NULL))));
    ask_schema_t *one = schema_of(json_deep_copy(t));
    answers_with(one, "products that have never been ordered", "NOT EXISTS");
    answers_with(one, "orders that have a comment", "\"o\".\"comments\" <> ''");
    answers_with(one, "orders with no comments", "(\"o\".\"comments\" IS NULL OR \"o\".\"comments\" = '')");
    ask_schema_free(one);
    json_array_append_new(t, table("order_item_notes", 2, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("order_id", "integer", 0, "orders", NULL),
        col("product_id", "integer", 0, "products", NULL), col("note", "text", 0, NULL, NULL))));
    ask_schema_t *two = schema_of(t);
    asks_about(two, "products that have never been ordered", "linked in more than one way");
    ask_schema_free(two);
}

/* Batch 17's first contact: a branch both holds employees and points at
 * its manager; a manager shown by both names; "each seller" (a role, by a
 * key column) is the sellers only; a value said with a column of its table
 * that does not hold it. */
static void test_twelfth_round(void)
{
    static const char *const branches[] = {"Scranton", "Stamford", NULL};
    static const char *const cities[] = {"New York", "Boston", NULL};
    static const char *const states[] = {"NY", "MA", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("employee", 9, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("first_name", "text", 0, NULL, NULL),
        col("last_name", "text", 0, NULL, NULL), col("branch_id", "integer", 0, "branch", NULL))));
    json_array_append_new(t, table("branch", 3, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("branch_name", "text", 0, NULL, branches),
        col("mgr_id", "integer", 0, "employee", NULL), col("mgr_start_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("customers", 96, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("city", "text", 0, NULL, cities), col("state", "text", 0, NULL, states))));
    json_array_append_new(t, table("items", 105, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("seller_id", "integer", 0, "customers", NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "how many employees are in the Stamford branch?",
                 "JOIN \"public\".\"branch\" AS \"b\" ON \"e\".\"branch_id\" = \"b\".\"id\"");
    answers_with(s, "who manages the Scranton branch?", "\"e\".\"last_name\" AS \"mgr_id_last_name\"");
    answers_with(s, "how many items does each seller have?", "FROM \"public\".\"items\" AS \"i\" JOIN");
    answers_with(s, "how many items does each customer have?", "LEFT JOIN");  /* every customer */
    asks_about(s, "list the customers in New York state", "New York state");
    answers_with(s, "list the customers in New York", "\"c\".\"city\" = 'New York'");
    ask_schema_free(s);
}

/* Batch 18's first contact: "from most to least expensive" (had read the
 * last word: ascending), "value" and "same" were function words (the stock
 * value summed the stock; "the same office as" listed the office), "the
 * price of A and of B" one average over both. */
static void test_thirteenth_round(void)
{
    static const char *const names[] = {"Longan", "Broom", "Foam Plate", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("products", 10, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, names),
        col("quantity_in_stock", "integer", 0, NULL, NULL), col("unit_price", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("offices", 10, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("city", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("employees", 20, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("first_name", "text", 0, NULL, NULL),
        col("last_name", "text", 0, NULL, NULL), col("office_id", "integer", 0, "offices", NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "list the products from most to least expensive", "\"unit_price\" DESC");
    answers_with(s, "list the products from least to most expensive", "\"unit_price\" ASC");
    answers_with(s, "list the products from the most expensive to the cheapest", "\"unit_price\" DESC");
    asks_about(s, "show the stock value of each product", "value");
    asks_about(s, "what is the total value of the products", NULL);  /* not the count */
    asks_about(s, "which employees work in the same office as Longan", NULL);
    answers_with(s, "what is the price of Longan and of Broom?", "GROUP BY 1");
    answers_with(s, "what is the price of Longan and Broom?", "GROUP BY 1");
    answers_with(s, "average price of Longan and Broom", "IN ('Longan', 'Broom')");
    ask_schema_free(s);
}

/* "members who live in Cork" where addresses read "Cork", "Monkstown
 * Cork" and "1 Main St, Cork": exactly, or containing? Asked, with both
 * questions offered; "exactly Cork" and "containing Cork" are answered. A
 * value no other value holds ("Dublin"), a list column's item, and a short
 * code are answered as before, and so are a category ("Black" beside
 * "Silver/Black") and a row's name ("Tofu" beside "Longlife Tofu"). */
static void test_part_of_others(void)
{
    static const char *const addresses[] = {"Cork", "Monkstown Cork", "1 Main St, Cork", "Dublin",
        "Corkagh Park", NULL};
    static const char *const codes[] = {"NY", "NYC", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("members", 9, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("address", "text", 0, NULL, addresses), col("region", "text", 0, NULL, codes))));
    static const char *const colors[] = {"Black", "Silver/Black", "Red", NULL};
    static const char *const names[] = {"Tofu", "Longlife Tofu", NULL};
    json_array_append_new(t, table("products", 900, json_pack("[o, o, o]",  /* 20 values of 900 */
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, names),
        col("color", "text", 0, NULL, colors))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "how many black products", "\"color\" = 'Black'");  /* a category */
    answers_with(s, "show the products named Tofu", "\"name\" = 'Tofu'");  /* a row's name */
    asks_about(s, "which members live in Cork?", "containing Cork");
    asks_about(s, "how many members are from Cork", "Monkstown Cork");
    answers_with(s, "which members live in exactly Cork?", "\"address\" = 'Cork'");
    answers_with(s, "members whose address contains Cork", "LIKE '%Cork%'");
    answers_with(s, "which members live in Dublin?", "\"address\" = 'Dublin'");
    answers_with(s, "how many members in region NY", "= 'NY'");
    ask_plan_result_t r;
    char err[128];
    CHECK(ask_plan(s, "which members live in Cork?", NULL, &r, err, sizeof err) == 0 && r.clarify);
    const char *o1 = json_string_value(json_object_get(json_array_get(json_object_get(r.clarify, "options"), 0), "question"));
    const char *o2 = json_string_value(json_object_get(json_array_get(json_object_get(r.clarify, "options"), 1), "question"));
    CHECK(o1 && !strcmp(o1, "which members live in exactly Cork"));
    CHECK(o2 && !strcmp(o2, "which members live in address containing Cork"));
    ask_plan_result_free(&r);
    ask_schema_free(s);
}

/* Batch 20's first contact: "born in the 1960s" read "born" as a typo of
 * the name Borg; "how many hours are worked" counted the distinct hours;
 * "the rooms in Toronto with their hotel" showed the hotel's key only. */
static void test_batch20(void)
{
    static const char *const lnames[] = {"Borg", "Wong", "Smith", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("employee", 8, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("lname", "text", 0, NULL, lnames),
        col("bdate", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("project", 3, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL),
        col("pname", "text", 0, NULL, (const char *const[]){"ProductX", "ProductY", NULL}))));
    json_array_append_new(t, table("works_on", 16, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("essn", "integer", 0, "employee", NULL),
        col("pno", "integer", 0, "project", NULL), col("hours", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("hotel", 6, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("city", "text", 0, NULL, (const char *const[]){"Toronto", "London", NULL}))));
    json_array_append_new(t, table("room", 20, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("hotel_id", "integer", 0, "hotel", NULL),
        col("price", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "how many employees were born in the 1960s?", "\"bdate\" >= DATE '1960-01-01'");
    answers_with(s, "how many employees named Brog", "'Borg'");  /* a slip is still read */
    asks_about(s, "how many employees were born in Ohio", "born");  /* a verb, no 'Borg' */
    answers_with(s, "how many hours on ProductX and on ProductY?", "sum(\"wo\".\"hours\")");
    answers_with(s, "list the rooms with their hotel", "\"h\".\"name\" AS \"hotel_id_name\"");
    answers_with(s, "list the rooms in Toronto with their hotel", "\"h\".\"name\" AS \"hotel_id_name\"");
    ask_schema_free(s);
}

/* "in which states do we have offices" listed every office (the word
 * "states" taken as shown among their columns): each state once. */
static void test_which_column(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("offices", 10, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("address", "text", 0, NULL, NULL),
        col("city", "text", 0, NULL, NULL), col("state", "text", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "in which states do we have offices?", "SELECT DISTINCT \"o\".\"state\"");
    answers_with(s, "which cities do we have offices in", "SELECT DISTINCT \"o\".\"city\"");
    answers_with(s, "which offices are there", "SELECT \"o\".*");
    ask_schema_free(s);
}

/* Batch 19's first contact: "how many different nodes" on customer_nodes
 * (a row per customer and node) counted its rows — the nodes are its
 * node_id; "customers who made more than 10 deposits" compared the amount
 * with 10 ("deposits" a value of txn_type); "orders" that fits two tables
 * said it was about schemas — of two, one pointing at the other, the one
 * pointed at is the order; with a third, unrelated, it asks, naming them. */
static void test_batch19(void)
{
    static const char *const types[] = {"deposit", "purchase", "withdrawal", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("customer_nodes", 3500, json_pack("[o, o, o, o]",
        col("customer_id", "integer", 0, NULL, NULL), col("region_id", "integer", 0, NULL, NULL),
        col("node_id", "integer", 0, NULL, NULL), col("start_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("customer_transactions", 5868, json_pack("[o, o, o, o]",
        col("customer_id", "integer", 0, NULL, NULL), col("txn_date", "date", 0, NULL, NULL),
        col("txn_type", "text", 0, NULL, types), col("txn_amount", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("customer_orders", 14, json_pack("[o, o]",
        col("order_id", "integer", 0, "runner_orders", NULL), col("pizza_id", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("runner_orders", 10, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("distance", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("branch_supplier", 8, json_pack("[o, o, o]",
        col("branch_id", "integer", 0, NULL, NULL), col("supplier_name", "text", 0, NULL, NULL),
        col("supply_type", "text", 0, NULL, (const char *const[]){"Paper", "Writing Utensils", NULL}))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "how many different nodes are there?", "count(DISTINCT \"cn\".\"node_id\")");
    answers_with(s, "how many different suppliers per supply type", "count(DISTINCT \"bs\".\"supplier_name\")");
    answers_with(s, "which suppliers supply paper?", "SELECT DISTINCT \"bs\".\"supplier_name\"");
    asks_about(s, "how many nodes are there?", NULL);  /* allocations, or nodes? */
    answers_with(s, "how many customer nodes are there", "count(*)");
    asks_about(s, "how many customers made more than 10 deposits?", NULL);
    answers_with(s, "how many deposits over 500", "\"txn_amount\" > 500");
    /* customer_orders' rows point at runner_orders': the order is the row pointed at */
    answers_with(s, "how many orders are there", "FROM \"public\".\"runner_orders\"");
    ask_schema_free(s);
    t = json_array();
    json_array_append_new(t, table("store_orders", 14, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("total", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("web_orders", 14, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("total", "numeric", 0, NULL, NULL))));
    s = schema_of(t);
    asks_about(s, "how many orders are there", "store_orders or web_orders");
    ask_schema_free(s);
}

/* Between the thirteenth and fourteenth rounds: "return" was a function
 * word anywhere, so "how many orders had a return" counted every order.
 * It is one only where it opens the question ("Return the …"). */
static void test_fourteenth_round(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("orders", 900, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("order_date", "date", 0, NULL, NULL),
        col("amount", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("rentals", 90, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("rental_date", "date", 0, NULL, NULL),
        col("return_date", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "how many orders had a return", "return");
    asks_about(s, "how many orders were placed and which had a return?", NULL);
    answers_with(s, "Return the orders with an amount above 50", "\"amount\" > 50");
    answers_with(s, "please return the orders with an amount above 50", "\"amount\" > 50");
    answers_with(s, "can you return the number of orders", "count(*)");
    answers_with(s, "return the number of rentals", "FROM \"public\".\"rentals\"");
    ask_schema_free(s);
    test_part_of_others();
    test_batch19();
    test_which_column();
    test_batch20();
}

static void test_verbs_and_lists(void)
{
    static const char *const titles[] = {"Titanic", "Vertigo", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("movies", 30, json_pack("[o, o, o, o]",
        col("mov_id", "integer", 1, NULL, NULL), col("mov_title", "text", 0, NULL, titles),
        col("mov_time", "integer", 0, NULL, NULL), col("mov_dt_rel", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("reviewer", 20, json_pack("[o, o, o]",
        col("rev_id", "integer", 1, NULL, NULL), col("rev_name", "text", 0, NULL, NULL),
        col("rev_city", "text", 0, NULL, NULL))));
    json_t *r = table("rating", 40, json_pack("[o, o, o]",
        col("rev_id", "integer", 0, NULL, NULL), col("mov_id", "integer", 0, NULL, NULL),
        col("rev_stars", "numeric", 0, NULL, NULL)));
    json_t *rc = json_object_get(r, "columns");  /* keys named rev_id / mov_id, not id */
    json_object_set_new(json_array_get(rc, 0), "fk", json_pack("{s:s, s:s, s:s}", "schema", "public",
                        "table", "reviewer", "column", "rev_id"));
    json_object_set_new(json_array_get(rc, 1), "fk", json_pack("{s:s, s:s, s:s}", "schema", "public",
                        "table", "movies", "column", "mov_id"));
    json_array_append_new(t, r);
    ask_schema_t *s = schema_of(t);
    /* "haven't": have not; "rated": the rating table */
    answers_with(s, "which reviewers haven't rated anything?", "WHERE NOT EXISTS (SELECT 1 FROM \"public\".\"rating\"");
    answers_with(s, "which movies have never been rated?", "NOT EXISTS");
    /* "how many times": the rows of the verb's table */
    answers_with(s, "how many times was Titanic rated", "SELECT count(*) AS \"rating\"");
    answers_with(s, "movies from the 90s", "\"m\".\"mov_dt_rel\" >= DATE '1990-01-01' AND \"m\".\"mov_dt_rel\" < DATE '2000-01-01'");
    answers_with(s, "how many movies in the 1980s", "< DATE '1990-01-01'");
    asks_about(s, "movies from the 20s", NULL);  /* 1920s or 2020s */
    answers_with(s, "how many movies in 1997 vs 1996", "GROUP BY 1 ORDER BY 1");
    answers_with(s, "movies in 1997 compared with 1996", "< DATE '1998-01-01'");
    /* years apart: each its own, 1997 left out (periods.c) */
    answers_with(s, "how many movies in 1998 vs 1996", "< DATE '1999-01-01') OR (\"m\".\"mov_dt_rel\" >= DATE '1996-01-01'");
    answers_with(s, "which reviewer has rated more than one movie", "HAVING count(DISTINCT");
    /* "with their city and …": shown, each row's own */
    answers_with(s, "list the reviewers with their name and city", "SELECT \"r\".* FROM");
    answers_with(s, "list the movies with their title and time", "FROM \"public\".\"movies\"");
    ask_schema_free(s);
}

static void test_run_together(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("country", 239, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("surfacearea", "numeric", 0, NULL, NULL), col("lifeexpectancy", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("staff", 2, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("first_name", "text", 0, NULL, NULL),
        col("last_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("payment", 16000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("staff_id", "integer", 0, "staff", NULL),
        col("amount", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "What are the 5 largest countries by area?", "ORDER BY \"c\".\"surfacearea\" DESC");
    answers_with(s, "average life expectancy", "avg(\"c\".\"lifeexpectancy\")");
    answers_with(s, "how many payments did each staff member take", "GROUP BY 1, 2");
    ask_schema_free(s);
}

static void test_ninth_round(void)
{
    static const char *const stores[] = {"Santa Cruz Bikes", "Baldwin Bikes", NULL};
    static const char *const genres[] = {"Comedy", "Drama", "Comedy|Drama", "Drama|Romance",
                                         "Comedy|Romance", NULL};
    static const char *const tags[] = {"old", "funny", NULL};
    static const char *const cities[] = {"Toronto", "Paris", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("stores", 3, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("store_name", "text", 0, NULL, stores),
        col("city", "text", 0, NULL, cities))));
    json_array_append_new(t, table("products", 321, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("product_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("stocks", 939, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("store_id", "integer", 0, "stores", NULL),
        col("product_id", "integer", 0, "products", NULL), col("quantity", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("movies", 9742, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("genres", "text", 0, NULL, genres), col("keywords", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("tags", 3683, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("movie_id", "integer", 0, "movies", NULL),
        col("tag", "text", 0, NULL, tags))));
    json_array_append_new(t, table("stadiums", 230, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("stadium_name", "text", 0, NULL, NULL),
        col("country_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("goals", 3637, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("minute", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "which products are out of stock at Santa Cruz Bikes",
                 "WHERE \"s\".\"quantity\" <= 0 AND \"s2\".\"store_name\" = 'Santa Cruz Bikes'");
    asks_about(s, "products out of the Santa Cruz Bikes store", "out");  /* "out of" is never dropped */
    answers_with(s, "movies with Star Wars in the title", "\"m\".\"title\" LIKE '%Star Wars%'");
    answers_with(s, "how many Comedy movies", "'|' || \"m\".\"genres\" || '|' LIKE '%|Comedy|%'");
    asks_about(s, "how many movies are there in each genre", NULL);  /* items of lists: not grouped */
    asks_about(s, "how old are the movies", "how old");
    answers_with(s, "how many stadiums are there in each country", "GROUP BY 1");
    asks_about(s, "how many goalkeepers are there", "goalkeepers");
    asks_about(s, "how many movies per keyword", "plural");  /* keywords: never sampled */
    answers_with(s, "how many stores are located in Toronto", "\"s\".\"city\" = 'Toronto'");
    ask_schema_free(s);
}

static void test_directed(void)
{
    static const char *const countries[] = {"Germany", "Spain", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("airlines", 600, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("country", "text", 0, NULL, countries))));
    json_array_append_new(t, table("airports", 7000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("country", "text", 0, NULL, countries))));
    json_array_append_new(t, table("routes", 60000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("airline_id", "integer", 0, "airlines", NULL),
        col("source_id", "integer", 0, "airports", NULL), col("dest_id", "integer", 0, "airports", NULL))));
    ask_schema_t *s = schema_of(t);
    asks_about(s, "the 3 airlines with the most routes out of Germany", "Germany");
    asks_about(s, "which airline has the most routes from Germany", "Germany");
    answers_with(s, "airlines from Germany", "\"a\".\"country\" = 'Germany'");
    answers_with(s, "the 3 airlines with the most routes", "LIMIT 3");
    ask_schema_free(s);
}

int main(void)
{
    ask_schema_t *s = sales();
    test_how_many_rows(s);
    test_most_common(s);
    test_which_is_shown(s);
    test_per_entity_average(s);
    test_year_beside_date(s);
    test_a_column_counts(s);
    test_weekdays(s);
    test_when_first(s);
    test_words_for_values(s);
    test_names_as_written(s);
    ask_schema_free(s);
    test_directed();
    test_run_together();
    test_ninth_round();
    test_tenth_round();
    test_eleventh_round();
    test_twelfth_round();
    test_thirteenth_round();
    test_fourteenth_round();
    test_verbs_and_lists();
    return check_done("test_ask_rows");
}
