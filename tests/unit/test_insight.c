/* test_insight.c — the written answer: exact sentences for the key shapes. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ask/insight.h"
#include "chat/chat.h"
#include "check.h"

#define MINUS "\xe2\x88\x92"

static const insight_context_t none = {0};

/* Run insight_write on a JSON literal; out must be freed by the caller. */
static void run(const char *json, const insight_context_t *ctx, insight_t *out)
{
    json_error_t e;
    json_t *r = json_loads(json, 0, &e);
    CHECK(r != NULL);
    CHECK_INT(insight_write(r, ctx, out), 0);
    json_decref(r);
    if (!out->text)
        out->text = strdup("");
}

static const char *chart_type(const insight_t *in)
{
    return json_string_value(json_object_get(in->chart, "type"));
}

static void test_kpi(void)
{
    const char *f[] = {"in 2024"};
    insight_context_t ctx = {.understood = "orders in 2024", .measure = "orders", .filters = f,
                             .nfilters = 1};
    insight_t in;
    run("{\"columns\":[{\"name\":\"orders\",\"type\":\"integer\"}],\"rows\":[[12345]],"
        "\"row_count\":1,\"truncated\":false}", &ctx, &in);
    CHECK_STR(in.text, "There were 12,345 orders in 2024.");
    CHECK_STR(in.summary, "orders in 2024: 12,345");
    CHECK_STR(chart_type(&in), "kpi");
    insight_free(&in);

    const char *g[] = {"country is Germany", "in 2024"};
    ctx = (insight_context_t){.measure = "revenue", .filters = g, .nfilters = 2};
    run("{\"columns\":[{\"name\":\"revenue\",\"type\":\"number\"}],\"rows\":[[\"4812345.67\"]]}",
        &ctx, &in);
    CHECK_STR(in.text, "Revenue was 4.8M in 2024 where country is Germany.");
    CHECK_STR(in.summary, "revenue: 4.8M");
    insight_free(&in);

    run("{\"columns\":[{\"name\":\"avg_amount\",\"type\":\"number\"},"
        "{\"name\":\"refund_rate\",\"type\":\"number\"}],\"rows\":[[87.456, 0.125]]}", &none, &in);
    CHECK_STR(in.text, "Average amount was 87.46. Also: refund rate 12.5%.");
    insight_free(&in);
}

static const char *categories =
    "{\"columns\":[{\"name\":\"category\",\"type\":\"text\"},{\"name\":\"revenue\",\"type\":\"number\"}],"
    "\"rows\":[[\"Electronics\",4800000],[\"Home\",3100000],[\"Toys\",2500000],"
    "[\"Garden\",2000000],[\"Sports\",2900000],[\"Books\",200000]],\"row_count\":6}";

static void test_category(void)
{
    insight_context_t ctx = {.understood = "revenue by category", .measure = "revenue",
                             .dimension = "category"};
    insight_t in;
    run(categories, &ctx, &in);
    CHECK_STR(in.text, "Electronics led with 4.8M, 31% of the total; Books was lowest at 0.2M. "
                       "6 categories, 15.5M in total.");
    CHECK_STR(in.summary, "revenue by category: Electronics led with 4.8M (31%), total 15.5M");
    CHECK_STR(chart_type(&in), "bar");
    insight_free(&in);

    /* "accounts opened in each quarter of 1993": quarters 1–4, categories */
    ctx = (insight_context_t){.understood = "accounts by quarter", .measure = "accounts", .dimension = "quarter"};
    run("{\"columns\":[{\"name\":\"quarter\",\"type\":\"integer\"},{\"name\":\"accounts\","
        "\"type\":\"integer\"}],\"rows\":[[1,298],[2,256],[3,304],[4,142]]}", &ctx, &in);
    CHECK(strstr(in.text, "Q3 led with 304") != NULL);
    CHECK(strstr(in.text, "Q4 was lowest at 142") != NULL);
    insight_free(&in);
}

static void test_ranking(void)
{
    insight_context_t ctx = {.understood = "top 5 customers by number of orders",
                             .measure = "number of orders", .dimension = "customer",
                             .ranking = 1};
    insight_t in;
    run("{\"columns\":[{\"name\":\"customer\",\"type\":\"text\"},{\"name\":\"orders\",\"type\":\"integer\"}],"
        "\"rows\":[[\"Rocket \xf0\x9f\x9a\x80 Labs Inc.\",112],[\"Acme\",98],[\"Globex\",75],"
        "[\"Initech\",60],[\"Umbrella\",41]]}", &ctx, &in);
    CHECK_STR(in.text, "Top 5 customers by number of orders: Rocket \xf0\x9f\x9a\x80 Labs Inc. "
                       "leads with 112, ahead of Acme with 98.");
    CHECK_STR(in.summary, "top 5 customers by number of orders: Rocket \xf0\x9f\x9a\x80 Labs Inc. 112");
    insight_free(&in);

    ctx = (insight_context_t){.measure = "revenue", .dimension = "country", .ranking = 1,
                              .bottom = 1};
    run("{\"columns\":[{\"name\":\"country\",\"type\":\"text\"},{\"name\":\"revenue\",\"type\":\"number\"}],"
        "\"rows\":[[\"Malta\",1200],[\"Cyprus\",1500],[\"Iceland\",2100]]}", &ctx, &in);
    CHECK_STR(in.text, "Bottom 3 countries by revenue: Malta is lowest with 1,200, then Cyprus with 1,500.");
    insight_free(&in);

    /* "which coffee got the lowest rating": the two kept with their tie */
    ctx = (insight_context_t){.measure = "rating", .dimension = "coffee", .ranking = 1, .bottom = 1};
    run("{\"columns\":[{\"name\":\"coffee\",\"type\":\"text\"},{\"name\":\"rating\",\"type\":\"integer\"}],"
        "\"rows\":[[\"Pike Place\",84],[\"House Blend\",84]]}", &ctx, &in);
    CHECK_STR(in.text, "Bottom 2 coffees by rating: Pike Place and House Blend tie with 84.");
    insight_free(&in);
}

/* A span of days ("days between the first and the last order"): said as
 * days, per group with no total and no shares. */
static void test_spans(void)
{
    insight_context_t ctx = {.measure = "days from the first to the last order date", .spans = 1};
    insight_t in;
    run("{\"columns\":[{\"name\":\"days\",\"type\":\"integer\"}],\"rows\":[[89]]}", &ctx, &in);
    CHECK_STR(in.text, "There were 89 days from the first to the last order date.");
    insight_free(&in);
    ctx = (insight_context_t){.measure = "days from the first to the last inspection date",
                              .dimension = "business", .spans = 1};
    run("{\"columns\":[{\"name\":\"business\",\"type\":\"text\"},{\"name\":\"days\",\"type\":\"integer\"}],"
        "\"rows\":[[\"Hardee's\",339],[\"Taco Bell\",300],[\"Rose Manor\",160]]}", &ctx, &in);
    CHECK_STR(in.text, "Hardee's led with 339; Rose Manor was lowest at 160. 3 businesses.");
    insight_free(&in);
}

/* One date alone: its label and the date, "lowest" read as "earliest". */
static void test_one_date(void)
{
    insight_context_t ctx = {.measure = "lowest ordered_at"};
    insight_t in;
    run("{\"columns\":[{\"name\":\"min_ordered_at\",\"type\":\"timestamp\"}],"
        "\"rows\":[[\"2023-12-06 00:26:20+00\"]]}", &ctx, &in);
    CHECK_STR(in.text, "The earliest ordered at was 2023-12-06 00:26:20+00.");
    insight_free(&in);
}

static const char *monthly =
    "{\"columns\":[{\"name\":\"month\",\"type\":\"timestamp\"},{\"name\":\"revenue\",\"type\":\"number\"}],"
    "\"rows\":[[\"2024-01-01 00:00:00+00\",800000],[\"2024-02-01 00:00:00+00\",750000],"
    "[\"2024-03-01 00:00:00+00\",820000],[\"2024-04-01 00:00:00+00\",900000],"
    "[\"2024-05-01 00:00:00+00\",870000],[\"2024-06-01 00:00:00+00\",950000],"
    "[\"2024-07-01 00:00:00+00\",1000000],[\"2024-08-01 00:00:00+00\",980000],"
    "[\"2024-09-01 00:00:00+00\",1050000],[\"2024-10-01 00:00:00+00\",1100000],"
    "[\"2024-12-01 00:00:00+00\",1200000],[\"2024-11-01 00:00:00+00\",1300000]]}";

static void test_time_series(void)
{
    insight_context_t ctx = {.understood = "revenue by month in 2024", .measure = "revenue",
                             .dimension = "month"};
    insight_t in;
    run(monthly, &ctx, &in);
    CHECK_STR(in.text, "Revenue grew 50% over 12 months, from 0.8M in Jan 2024 to 1.2M in Dec 2024; "
                       "the peak was 1.3M in Nov 2024. Total revenue: 11.7M.");
    CHECK_STR(in.summary, "revenue by month in 2024: peak Nov 2024 1.3M, +50%, total 11.7M");
    CHECK_STR(chart_type(&in), "line");
    insight_free(&in);

    run("{\"columns\":[{\"name\":\"quarter\",\"type\":\"date\"},{\"name\":\"orders\",\"type\":\"integer\"}],"
        "\"rows\":[[\"2024-01-01\",400],[\"2024-04-01\",380],[\"2024-07-01\",300],[\"2024-10-01\",200]]}",
        &none, &in);
    CHECK_STR(in.text, "Orders fell 50% over 4 quarters, from 400 in Q1 2024 to 200 in Q4 2024; "
                       "the peak was 400 in Q1 2024. Total orders: 1,280.");
    insight_free(&in);

    run("{\"columns\":[{\"name\":\"year\",\"type\":\"date\"},{\"name\":\"signups\",\"type\":\"integer\"}],"
        "\"rows\":[[\"2022-01-01\",100],[\"2023-01-01\",130],[\"2024-01-01\",180]]}", &none, &in);
    CHECK_STR(in.text, "Signups grew 80% over 3 years, from 100 in 2022 to 180 in 2024, the peak. "
                       "Total signups: 410.");
    insight_free(&in);

    /* "by year" is the year itself (2022, not 2022-01-01): still a trend, on a time axis */
    run("{\"columns\":[{\"name\":\"year\",\"type\":\"integer\"},{\"name\":\"signups\",\"type\":\"integer\"}],"
        "\"rows\":[[2022,100],[2023,130],[2024,180]]}", &none, &in);
    CHECK_STR(in.text, "Signups grew 80% over 3 years, from 100 in 2022 to 180 in 2024, the peak. "
                       "Total signups: 410.");
    CHECK_STR(chart_type(&in), "line");
    insight_free(&in);
    /* two years apart ("born in 2010 and how many in 2018"): no "over 2 years" */
    run("{\"columns\":[{\"name\":\"year\",\"type\":\"integer\"},{\"name\":\"animals\",\"type\":\"integer\"}],"
        "\"rows\":[[2010,32],[2018,21]]}", &none, &in);
    CHECK_STR(in.text, "Animals fell 34%, from 32 in 2010 to 21 in 2018; the peak was 32 in 2010. "
                       "Total animals: 53.");
    insight_free(&in);
    /* a column named year that holds no years is a number */
    run("{\"columns\":[{\"name\":\"year\",\"type\":\"integer\"},{\"name\":\"signups\",\"type\":\"integer\"}],"
        "\"rows\":[[1,100],[2,130],[3,180]]}", &none, &in);
    CHECK(strstr(in.text, "2022") == NULL && strstr(in.text, "years") == NULL);
    insight_free(&in);

    run("{\"columns\":[{\"name\":\"day\",\"type\":\"text\"},{\"name\":\"visits\",\"type\":\"integer\"}],"
        "\"rows\":[[\"2024-03-04\",50],[\"2024-03-05\",70],[\"2024-03-06\",50.2]]}", &none, &in);
    CHECK_STR(in.text, "Visits was flat over 3 days, at 50 in 4 Mar 2024 and 50.2 in 6 Mar 2024; "
                       "the peak was 70 in 5 Mar 2024. Total visits: 170.2.");
    insight_free(&in);
}

/* issue 15: this month so far was compared with whole months ("fell 93%") */
static void test_partial_current_period(void)
{
    static const char *const mn[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    int y[3], m[3];  /* two months ago, last month, this month (1-12) */
    for (int i = 0; i < 3; i++) {
        int k = tm.tm_year + 1900 + 0, mo = tm.tm_mon - 2 + i;
        k += mo < 0 ? -1 : 0;
        mo = (mo + 12) % 12;
        y[i] = k;
        m[i] = mo + 1;
    }
    char json[512], want[256];
    snprintf(json, sizeof json,
             "{\"columns\":[{\"name\":\"month\",\"type\":\"date\"},{\"name\":\"orders\",\"type\":\"integer\"}],"
             "\"rows\":[[\"%d-%02d-01\",100],[\"%d-%02d-01\",200],[\"%d-%02d-01\",10]]}",
             y[0], m[0], y[1], m[1], y[2], m[2]);
    insight_t in;
    run(json, &none, &in);
    snprintf(want, sizeof want, "Orders grew 100%% over 2 months, from 100 in %s %d to 200 in %s %d, the "
             "peak. Total orders: 310. %s %d is not over yet: 10 so far.", mn[m[0] - 1], y[0],
             mn[m[1] - 1], y[1], mn[m[2] - 1], y[2]);
    CHECK_STR(in.text, want);
    CHECK(strstr(in.summary, "(partial)") != NULL);
    insight_free(&in);
}

static void test_periods(void)
{
    double d[3];
    char l[64];
    CHECK_INT(insight_time_parse("2024-03-05", &d[0]), 0);
    CHECK_INT(insight_time_parse("2024-03-05T14:30:00Z", &d[1]), 0);
    CHECK_INT(insight_time_parse("2024-03-05 14:30", &d[2]), 0);
    CHECK_INT(insight_time_parse("2024-13-05", &d[0]), -1);
    CHECK_INT(insight_time_parse("March", &d[0]), -1);
    CHECK_INT(insight_time_parse("2024-03-05 junk", &d[0]), -1);
    insight_time_label(d[1], INSIGHT_HOUR, l, sizeof l);
    CHECK_STR(l, "5 Mar 2024 14:30");
    insight_time_label(d[1], INSIGHT_WEEK, l, sizeof l);
    CHECK_STR(l, "week of 5 Mar 2024");
    double weeks[] = {0, 7, 21}, months[] = {0, 31, 90}, one[] = {19783};  /* 2024-03-01 */
    CHECK_INT(insight_time_grain(weeks, 3), INSIGHT_WEEK);
    CHECK_INT(insight_time_grain(months, 3), INSIGHT_MONTH);
    CHECK_INT(insight_time_grain(one, 1), INSIGHT_MONTH);
}

static void test_correlation(void)
{
    insight_t in;
    run("{\"columns\":[{\"name\":\"order_value\",\"type\":\"number\"},{\"name\":\"discount\",\"type\":\"number\"}],"
        "\"rows\":[[10,1],[20,2.5],[30,2.9],[40,4.2],[50,4.8]]}", &none, &in);
    CHECK_STR(in.text, "Order value and discount move together (r = 0.99) across 5 rows.");
    CHECK_STR(chart_type(&in), "scatter");
    insight_free(&in);

    run("{\"columns\":[{\"name\":\"price\",\"type\":\"number\"},{\"name\":\"units\",\"type\":\"integer\"}],"
        "\"rows\":[[1,90],[2,70],[3,72],[4,40]]}", &none, &in);
    CHECK_STR(in.text, "Price and units move in opposite directions (r = " MINUS "0.92) across 4 rows.");
    insight_free(&in);
}

static void test_listing_and_empty(void)
{
    insight_context_t ctx = {.understood = "customers"};
    insight_t in;
    run("{\"columns\":[{\"name\":\"id\",\"type\":\"integer\"},{\"name\":\"name\",\"type\":\"text\"},"
        "{\"name\":\"balance\",\"type\":\"number\"}],\"rows\":[[1,\"a\",3],[2,\"b\",4]],\"row_count\":20}",
        &ctx, &in);
    CHECK_STR(in.text, "Showing 20 rows of customers.");
    CHECK_STR(in.summary, "customers: 20 rows");
    insight_free(&in);

    run("{\"columns\":[{\"name\":\"id\",\"type\":\"integer\"},{\"name\":\"email\",\"type\":\"text\"}],"
        "\"rows\":[[1,\"x@y\"]],\"row_count\":10000,\"truncated\":true}", &ctx, &in);
    CHECK_STR(in.text, "Showing the first 10,000 rows of customers.");
    insight_free(&in);

    const char *f[] = {"country is Germany", "in 2024"};
    ctx = (insight_context_t){.understood = "orders", .filters = f, .nfilters = 2};
    run("{\"columns\":[{\"name\":\"orders\",\"type\":\"integer\"}],\"rows\":[]}", &ctx, &in);
    CHECK_STR(in.text, "No rows matched: country is Germany, in 2024.");
    CHECK_STR(in.summary, "orders: no rows matched");
    CHECK_STR(chart_type(&in), "table");
    insight_free(&in);

    run("{\"columns\":[],\"rows\":[]}", NULL, &in);
    CHECK_STR(in.text, "No rows matched the question.");
    CHECK_STR(in.summary, "result: no rows matched");
    insight_free(&in);
}

static void test_nulls_negatives_truncated(void)
{
    insight_context_t ctx = {.measure = "profit", .dimension = "region"};
    insight_t in;
    run("{\"columns\":[{\"name\":\"region\",\"type\":\"text\"},{\"name\":\"profit\",\"type\":\"number\"}],"
        "\"rows\":[[\"EMEA\",1200],[\"APAC\",-300],[\"LATAM\",null],[\"NA\",800]],"
        "\"row_count\":10000,\"truncated\":true}", &ctx, &in);
    CHECK_STR(in.text, "EMEA led with 1,200; APAC was lowest at " MINUS "300. 3 regions, 1,700 in total. "
                       "1 of 4 rows had no profit and were left out. "
                       "This is based on the first 10,000 rows.");
    insight_free(&in);

    ctx = (insight_context_t){.dimension = "channel"};
    run("{\"columns\":[{\"name\":\"channel\",\"type\":\"text\"},{\"name\":\"conversion_rate\",\"type\":\"number\"}],"
        "\"rows\":[[\"email\",0.125],[\"ads\",0.031],[\"seo\",0.08]]}", &ctx, &in);
    CHECK_STR(in.text, "email led with 12.5%; ads was lowest at 3.1%. 3 channels.");
    insight_free(&in);

    run("{\"columns\":[{\"name\":\"region\",\"type\":\"text\"},{\"name\":\"revenue\",\"type\":\"number\"}],"
        "\"rows\":[[\"EMEA\",null],[\"APAC\",null]]}", &none, &in);
    CHECK_STR(in.text, "None of the 2 rows had a value for revenue.");
    insight_free(&in);
}

static void test_edges(void)
{
    insight_t in;
    json_t *bad = json_string("x");
    CHECK_INT(insight_write(bad, NULL, &in), -1);
    CHECK(in.text == NULL && in.summary == NULL && in.chart == NULL);
    json_decref(bad);

    char understood[400];
    memset(understood, 'a', sizeof understood - 1);
    understood[sizeof understood - 1] = '\0';
    insight_context_t ctx = {.understood = understood};
    run("{\"columns\":[{\"name\":\"n\",\"type\":\"integer\"}],\"rows\":[[5]]}", &ctx, &in);
    CHECK(strlen(in.summary) <= 200);
    CHECK(strchr(in.summary, '\n') == NULL);
    insight_free(&in);

    run("{\"columns\":[{\"name\":\"tag\",\"type\":\"text\"},{\"name\":\"hits\",\"type\":\"integer\"}],"
        "\"rows\":[[\"line\\nbreak\",3],[\"b\",3]]}", &none, &in);
    CHECK_STR(in.text, "All 2 tags had the same hits: 3.");
    insight_free(&in);
    insight_free(NULL);
}

/* chat_explain words a plan's filters with their operator: "over 100" is
 * not "is 100" (the chat said "where unit_price is 100.0" for "a unit price
 * over 100"). */
static const char *explained(arena_t *a, const char *filter)
{
    char plan[512];
    snprintf(plan, sizeof plan, "{\"measure\":{\"agg\":\"count\",\"table\":\"products\"},"
             "\"filters\":[%s]}", filter);
    ask_plan_result_t p = {0};
    p.plan = json_loads(plan, 0, NULL);
    CHECK(p.plan != NULL);
    json_t *r = json_loads("{\"columns\":[{\"name\":\"count\",\"type\":\"integer\"}],"
                           "\"rows\":[[43]],\"row_count\":1,\"truncated\":false}", 0, NULL);
    insight_t in;
    chat_explain(a, &p, r, &in);
    const char *out = arena_strdup(a, in.text ? in.text : "");
    insight_free(&in);
    json_decref(r);
    json_decref(p.plan);
    return out;
}

static void test_explain_filters(void)
{
    static const char *const cases[][2] = {
        {"\"column\":\"unit_price\",\"op\":\">\",\"values\":[100.0]", "unit_price is over 100"},
        {"\"column\":\"unit_price\",\"op\":\"<=\",\"values\":[9.5]", "unit_price is at most 9.5"},
        {"\"column\":\"unit_price\",\"op\":\"between\",\"values\":[10,20]",
         "unit_price is between 10 and 20"},
        {"\"column\":\"category\",\"op\":\"in\",\"values\":[\"Toys\",\"Garden\"]",
         "category is Toys or Garden"},
        {"\"column\":\"category\",\"op\":\"not_in\",\"values\":[\"Toys\"]", "category is not Toys"},
        {"\"column\":\"sku\",\"op\":\"starts_with\",\"values\":[\"AB\"]", "sku starts with AB"},
        {"\"column\":\"sku\",\"op\":\"is_null\",\"values\":[]", "sku is empty"},
    };
    arena_t *a = arena_new();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char filter[256], want[128];
        snprintf(filter, sizeof filter, "{\"table\":\"products\",%s}", cases[i][0]);
        snprintf(want, sizeof want, "There were 43 products where %s.", cases[i][1]);
        CHECK_STR(explained(a, filter), want);
    }
    arena_free(a);
}

int main(void)
{
    test_kpi();
    test_category();
    test_ranking();
    test_spans();
    test_one_date();
    test_time_series();
    test_partial_current_period();
    test_periods();
    test_correlation();
    test_listing_and_empty();
    test_nulls_negatives_truncated();
    test_edges();
    test_explain_filters();
    return check_done("test_insight");
}
