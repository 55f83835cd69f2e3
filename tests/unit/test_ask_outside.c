/* test_ask_outside.c — a period outside the dates a column holds: the
 * planner says what the data covers and asks, rather than answer with an
 * empty table ("orders in 2024" of orders from 1996 to 1998); a period
 * partly inside (answered, saying where the data stops), a column whose span is unknown, and "customers who have
 * not ordered in 2024" (every customer, truly) are answered. */
#include "ask_fixture.h"

static ask_schema_t *shop(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("customer", 800, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("orders", 9000, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customer", NULL),
        col("amount", "numeric", 0, NULL, NULL),
        col_dated("order_date", "date", "1996-07-04", "1998-05-06"))));
    json_array_append_new(t, table("tournaments", 30, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("host_country", "text", 0, NULL, NULL),
        col_dated("year", "integer", "1930-01-01", "2022-12-31"))));
    json_array_append_new(t, table("visits", 900, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("visited_on", "date", 0, NULL, NULL))));
    /* a span written wrongly is no span */
    json_array_append_new(t, table("payments", 900, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col_dated("paid_on", "date", "07/04/1996", "1998-05-06"))));
    return schema_of(t);
}

static void test_outside_asks(ask_schema_t *s)
{
    asks_about(s, "how many orders in 2024", "holds dates from 1996-07-04 to 1998-05-06");
    asks_about(s, "how many orders in 2024", "nothing in 2024");
    asks_about(s, "total amount of orders last month", "nothing last month");
    asks_about(s, "orders in the last 3 weeks", "in the last 3 weeks");
    asks_about(s, "how many orders since 1999", "since 1999-01-01");
    asks_about(s, "how many orders before 1990", "before 1990-01-01");
    asks_about(s, "how many tournaments were held in 2030", "holds years from 1930 to 2022");
}

static void test_inside_answers(ask_schema_t *s)
{
    answers_with(s, "how many orders in 1997", "'1997-01-01'");
    answers_with(s, "how many orders since 1998", "'1998-01-01'");      /* partly inside */
    answers_with(s, "how many orders before 1997", "'1997-01-01'");
    answers_with(s, "how many orders in May 1998", "'1998-05-01'");    /* the last month, partly */
    answers_with(s, "how many tournaments were held in 1998", "1998");
    answers_with(s, "how many visits in 2024", "'2024-01-01'");       /* span unknown */
    answers_with(s, "how many payments in 2024", "'2024-01-01'");     /* span unreadable */
}

/* answered, and "what I understood" holds frag */
static void understood_has(ask_schema_t *s, const char *q, const char *frag)
{
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, q, NULL, &r, err, sizeof err), 0);
    int ok = r.sql && r.understood && strstr(r.understood, frag);
    if (!ok)
        fprintf(stderr, "should understand \"%s\": %s\n  got: %s\n", frag, q,
                r.understood ? r.understood : "(nothing)");
    CHECK(ok);
    ask_plan_result_free(&r);
}

/* a period partly outside is answered and says where the data stops */
static void test_partial_said(ask_schema_t *s)
{
    understood_has(s, "how many orders in 1998", "(the data ends 1998-05-06)");
    understood_has(s, "orders by month in 1996", "(the data starts 1996-07-04)");
    understood_has(s, "how many orders in 1997", "to before 1998-01-01");
    ask_plan_result_t r;
    char err[256];
    CHECK_INT(ask_plan(s, "how many orders in 1997", NULL, &r, err, sizeof err), 0);
    CHECK(r.understood && !strstr(r.understood, "the data"));
    ask_plan_result_free(&r);
}

static void test_negated_answers(ask_schema_t *s)
{
    /* every customer has no order in 2024: a true list, not a question */
    answers_with(s, "customers who have not ordered in 2024", "NOT EXISTS");
}

int main(void)
{
    ask_schema_t *s = shop();
    test_outside_asks(s);
    test_inside_answers(s);
    test_negated_answers(s);
    test_partial_said(s);
    ask_schema_free(s);
    return check_done("test_ask_outside");
}
