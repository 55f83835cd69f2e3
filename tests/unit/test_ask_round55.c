/* test_ask_round55.c — the fifty-fifth round, on schemas built inline:
 * a table's key to itself read with its row named ("who reports to
 * Andrew Fuller", "who does Michael Suyama report to", hr's manager_id
 * said "reports directly to"); one column against another of the same row
 * ("orders shipped after the required date"), only between columns of one
 * kind; "salary" is employees.salary, not a job's min_salary; "by hire
 * year"; "the US" for 'USA'; a buyer's annual income is no revenue;
 * "global streams" of the table whose word is said; a table of weeks
 * named by its first day; a text column named like a key beside the
 * declared key to the same table is no second way there; Norway's 'no' is
 * no value of "with no number ones"; "songs" are tracks; "never reviewed"
 * the reviews, not the reviewers. */
#include "ask_fixture.h"

#include <stdlib.h>

static ask_schema_t *staff(const char *key)
{
    json_t *t = json_array();
    json_array_append_new(t, table("employees", 9, json_pack("[o, o, o, o, o, o]",
        col("id", "integer", 1, NULL, NULL),
        col("first_name", "text", 0, NULL, (const char *const[]){"Andrew", "Michael", "Nancy", NULL}),
        col("last_name", "text", 0, NULL, (const char *const[]){"Fuller", "Suyama", "Davolio", NULL}),
        col("salary", "numeric", 0, NULL, NULL), col("hire_date", "date", 0, NULL, NULL),
        col(key, "integer", 0, "employees", NULL))));
    json_array_append_new(t, table("jobs", 19, json_pack("[o, o, o, o]", col("job_id", "text", 1, NULL, NULL),
        col("job_title", "text", 0, NULL, (const char *const[]){"Programmer", "Stock Clerk", NULL}),
        col("min_salary", "integer", 0, NULL, NULL), col("max_salary", "integer", 0, NULL, NULL))));
    return schema_of(t);
}

static void test_reports_to(void)
{
    ask_schema_t *s = staff("reports_to");
    answers_with(s, "employees who report to Andrew Fuller",
                 "\"e\".\"reports_to\" IN (SELECT \"r\".\"id\" FROM \"public\".\"employees\" AS \"r\" "
                 "WHERE \"r\".\"first_name\" = 'Andrew' AND \"r\".\"last_name\" = 'Fuller')");
    answers_with(s, "who does Michael Suyama report to", "\"e\".\"id\" IN (SELECT \"r\".\"reports_to\"");
    answers_with(s, "Who reports to Andrew Fuller?", "\"e\".\"reports_to\" IN (SELECT");
    ask_plan_result_t r, r2;  /* the plan's JSON keeps it: a follow-up edits it */
    char err[256];
    CHECK_INT(ask_plan(s, "employees who report to Andrew Fuller", NULL, &r, err, sizeof err), 0);
    char *plan = r.plan ? json_dumps(r.plan, 0) : NULL;
    CHECK(plan && strstr(plan, "\"points_to\""));
    free(plan);
    CHECK_INT(ask_plan(s, "how many of them", r.plan, &r2, err, sizeof err), 0);
    ask_plan_result_free(&r);
    ask_plan_result_free(&r2);
    /* a period beside it is the rows' own */
    answers_with(s, "employees hired in 2015 who report to Andrew Fuller",
                 "'Fuller') AND \"e\".\"hire_date\" >= DATE '2015-01-01'");
    ask_schema_free(s);
    s = staff("manager_id");  /* hr: the key is named manager, the verb "report to" names it */
    answers_with(s, "Who reports directly to Andrew Fuller?", "\"e\".\"manager_id\" IN (SELECT \"r\".\"id\"");
    answers_with(s, "who does Nancy Davolio report to", "\"e\".\"id\" IN (SELECT \"r\".\"manager_id\"");
    answers_with(s, "how many employees report to Andrew Fuller", "count(*)");
    ask_schema_free(s);
}

static void test_salary_and_hire_year(void)
{
    ask_schema_t *s = staff("manager_id");
    answers_with(s, "average salary", "avg(\"e\".\"salary\")");
    refuses_sql(s, "average salary", "min_salary");
    answers_with(s, "average salary by hire year", "extract(year FROM \"e\".\"hire_date\")");
    /* the bound said: the jobs' column; half a name: two Fullers would be added up */
    refuses_sql(s, "jobs whose maximum salary is above 15000", "\"e\".\"salary\"");
    asks_about(s, "what is Fuller's salary", NULL);
    answers_with(s, "what is Andrew Fuller's salary", "\"e\".\"first_name\" = 'Andrew'");
    answers_with(s, "employees by hire month", "date_trunc('month', \"e\".\"hire_date\")");
    asks_about(s, "average salary per hire day", NULL);  /* a rate over days, or a series? */
    ask_schema_free(s);
}

static void test_column_against_column(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("orders", 830, json_pack("[o, o, o, o, o]", col("order_id", "integer", 1, NULL, NULL),
        col("order_date", "date", 0, NULL, NULL), col("required_date", "date", 0, NULL, NULL),
        col("shipped_date", "date", 0, NULL, NULL), col("freight", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("products", 77, json_pack("[o, o, o, o, o, o]", col("product_id", "integer", 1, NULL, NULL),
        col("product_name", "text", 0, NULL, (const char *const[]){"Chai", "Chang", NULL}),
        col("units_in_stock", "integer", 0, NULL, NULL), col("reorder_level", "integer", 0, NULL, NULL),
        col("unit_price", "numeric", 0, NULL, NULL), col("cost", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "orders shipped after the required date", "\"o\".\"shipped_date\" > \"o\".\"required_date\"");
    answers_with(s, "how many orders were shipped after their required date?", "count(*)");
    answers_with(s, "products with units in stock below reorder level",
                 "\"p\".\"units_in_stock\" < \"p\".\"reorder_level\"");
    answers_with(s, "products with a unit price below their cost", "\"p\".\"unit_price\" < \"p\".\"cost\"");
    /* a number after it: the column's own comparison; other kinds: none */
    refuses_sql(s, "products with units in stock below reorder level of 10", "< \"p\".\"reorder_level\"");
    refuses_sql(s, "products with unit price over units in stock", "> \"p\".\"units_in_stock\"");
    refuses_sql(s, "orders with freight above the required date", "> \"o\".\"required_date\"");
    ask_schema_free(s);
}

static void test_names_said_otherwise(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customers", 20, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("customer_name", "text", 0, NULL, (const char *const[]){"Signal Gift Stores", NULL}),
        col("country", "text", 0, NULL, (const char *const[]){"USA", "France", "Norway", NULL}))));
    json_array_append_new(t, table("sales", 23906, json_pack("[o, o, o, o, o]", col("sale_id", "integer", 1, NULL, NULL),
        col("customer_id", "integer", 0, "customers", NULL), col("sale_date", "date", 0, NULL, NULL),
        col("annual_income", "integer", 0, NULL, NULL), col("price", "integer", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "customers in the US", "\"c\".\"country\" = 'USA'");
    answers_with(s, "how many customers are in the United States", "'USA'");
    refuses_sql(s, "Which customer has paid us the most in total?", "'USA'");  /* "us": a pronoun */
    refuses_sql(s, "total revenue in 2023", "annual_income");
    refuses_sql(s, "Which customer had the highest revenue in 2022?", "annual_income");
    answers_with(s, "average annual income of sales in 2023", "avg(\"s\".\"annual_income\")");
    ask_schema_free(s);
}

static ask_schema_t *charts(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("artists", 20, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("artist_name", "text", 0, NULL, (const char *const[]){"Bad Bunny", "Dua Lipa", NULL}))));
    json_array_append_new(t, table("tracks", 20, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("track_name", "text", 0, NULL, (const char *const[]){"Blinding Lights", "Dance Monkey", NULL}),
        col("artist_id", "integer", 0, "artists", NULL))));
    json_array_append_new(t, table("countries", 20, json_pack("[o, o]", col("id", "text", 1, NULL,
        (const char *const[]){"no", "se", "mx", NULL}),
        col("country_name", "text", 0, NULL, (const char *const[]){"Norway", "Sweden", "Mexico", NULL}))));
    json_array_append_new(t, table("weeks", 40, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("week_start", "date", 0, NULL, NULL), col("week_end", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("global_chart_entries", 8000, json_pack("[o, o, o, o, o]",
        col("week_id", "integer", 0, "weeks", NULL), col("chart_rank", "integer", 0, NULL, NULL),
        col("track_id", "integer", 0, "tracks", NULL), col("spotify_track_id", "text", 0, NULL, NULL),
        col("streams", "bigint", 0, NULL, NULL))));
    json_array_append_new(t, table("country_number_ones", 2384, json_pack("[o, o, o, o]",
        col("country_code", "text", 0, "countries", NULL), col("week_id", "integer", 0, "weeks", NULL),
        col("track_id", "integer", 0, "tracks", NULL), col("streams", "bigint", 0, NULL, NULL))));
    return schema_of(t);
}

static void test_charts(void)
{
    ask_schema_t *s = charts();
    answers_with(s, "top 5 artists by total global streams", "sum(\"gce\".\"streams\")");
    answers_with(s, "top 5 artists by total global streams", "JOIN \"public\".\"tracks\" AS \"t\" ON \"gce\".\"track_id\" = \"t\".\"id\"");
    asks_about(s, "total streams per country", NULL);  /* both tables' streams, neither said */
    answers_with(s, "Which week had the highest total streams on the global chart?", "\"w\".\"week_start\" AS");
    refuses_sql(s, "artists with no number ones", "'no'");
    answers_with(s, "number of songs per artist", "count(*) AS \"tracks\"");
    ask_schema_free(s);
}

static void test_never_reviewed(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("listings", 20, json_pack("[o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("listing_name", "text", 0, NULL, (const char *const[]){"Quiet studio", NULL}),
        col("price", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("reviewers", 20, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("reviewer_name", "text", 0, NULL, (const char *const[]){"Immanuel", NULL}))));
    json_array_append_new(t, table("reviews", 20000, json_pack("[o, o, o, o]", col("review_id", "integer", 1, NULL, NULL),
        col("listing_id", "integer", 0, "listings", NULL), col("reviewer_id", "integer", 0, "reviewers", NULL),
        col("review_date", "date", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "listings never reviewed", "NOT EXISTS (SELECT 1 FROM \"public\".\"reviews\"");
    answers_with(s, "How many listings have never been reviewed?", "NOT EXISTS");
    ask_schema_free(s);
}

static void test_orders_glued(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("productlines", 7, json_pack("[o]", col("id", "text", 1, NULL,
        (const char *const[]){"Classic Cars", "Motorcycles", NULL}))));
    json_array_append_new(t, table("products", 110, json_pack("[o, o, o]", col("id", "text", 1, NULL, NULL),
        col("productName", "text", 0, NULL, NULL), col("productLine", "text", 0, "productlines", NULL))));
    json_array_append_new(t, table("orders", 326, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("orderDate", "date", 0, NULL, NULL), col("requiredDate", "date", 0, NULL, NULL),
        col("shippedDate", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("orderdetails", 2996, json_pack("[o, o, o, o]",
        col("orderNumber", "integer", 1, "orders", NULL), col("productCode", "text", 1, "products", NULL),
        col("quantityOrdered", "integer", 0, NULL, NULL), col("priceEach", "numeric", 0, NULL, NULL))));
    ask_schema_t *s = schema_of(t);
    /* orderdetails are dated by their order: the glued name holds "order" */
    answers_with(s, "monthly revenue in 2004", "date_trunc('month', \"o2\".\"orderDate\")");
    answers_with(s, "which product sold the most units?", "sum(\"o\".\"quantityOrdered\")");
    answers_with(s, "number of orders by month, oldest first", "GROUP BY 1 ORDER BY 1");
    asks_about(s, "number of orders by month, newest first", "newest");
    answers_with(s, "which order was shipped last", "ORDER BY \"o\".\"shippedDate\" DESC NULLS LAST FETCH FIRST 1 ROWS WITH TIES");
    answers_with(s, "the order with the earliest required date", "ORDER BY \"o\".\"requiredDate\" ASC");
    ask_schema_free(s);
}

static void test_people_and_first(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("departments", 27, json_pack("[o, o]", col("id", "integer", 1, NULL, NULL),
        col("department_name", "text", 0, NULL, (const char *const[]){"Shipping", "Sales", NULL}))));
    json_array_append_new(t, table("employees", 107, json_pack("[o, o, o, o]", col("id", "integer", 1, NULL, NULL),
        col("last_name", "text", 0, NULL, NULL), col("hire_date", "date", 0, NULL, NULL),
        col("department_id", "integer", 0, "departments", NULL))));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "How many people work in Shipping?", "\"d\".\"department_name\" = 'Shipping'");
    answers_with(s, "how many staff are in Shipping", "count(*)");
    /* 'Sales', a department, said with its capital: the value, not revenue */
    answers_with(s, "What percentage of our staff is in Sales?", "FILTER (WHERE \"d\".\"department_name\" = 'Sales')");
    answers_with(s, "how many employees in Sales", "\"d\".\"department_name\" = 'Sales'");
    answers_with(s, "Which employee was hired first?", "ORDER BY \"e\".\"hire_date\" ASC FETCH FIRST 1 ROWS WITH TIES");
    answers_with(s, "which employee was hired last", "ORDER BY \"e\".\"hire_date\" DESC");
    asks_about(s, "which employee in Sales was hired first", NULL);  /* a filter beside: left to ask */
    ask_schema_free(s);
}

static void test_role_key(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("employees", 23, json_pack("[o, o, o]", col("employeeNumber", "integer", 1, NULL, NULL),
        col("firstName", "text", 0, NULL, NULL), col("lastName", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("customers", 122, json_pack("[o, o, o]", col("customerNumber", "integer", 1, NULL, NULL),
        col("customerName", "text", 0, NULL, NULL), col("salesRepEmployeeNumber", "integer", 0, NULL, NULL))));
    json_object_set_new(json_array_get(json_object_get(json_array_get(t, 1), "columns"), 2), "fk",
                        json_pack("{s:s, s:s, s:s}", "schema", "public", "table", "employees", "column", "employeeNumber"));
    ask_schema_t *s = schema_of(t);
    answers_with(s, "customers without a sales rep", "\"c\".\"salesRepEmployeeNumber\" IS NULL");
    answers_with(s, "how many customers don't have a sales rep assigned?", "IS NULL");
    answers_with(s, "customers per sales rep", "JOIN \"public\".\"employees\" AS \"e\" ON \"c\".\"salesRepEmployeeNumber\"");
    ask_schema_free(s);
}

int main(void)
{
    test_role_key();
    test_orders_glued();
    test_people_and_first();
    test_reports_to();
    test_salary_and_hire_year();
    test_column_against_column();
    test_names_said_otherwise();
    test_charts();
    test_never_reviewed();
    return check_done("test_ask_round55");
}
