/* test_ask_round41.c — the forty-first round, on schemas built inline:
 * two periods side by side (periods.c) — "in 2010 and how many in 2018",
 * "March 2021 vs March 2022", "December 2018 compared with January 2019",
 * "Q4 2025 with Q1 2026", "the first half of 2017 compared with the first
 * half of 2016", two years of a column of years — are one row each, in
 * the question's order, grouped by the grain that tells them apart; rows
 * in one period and not the other, a list, a ranking or a share over two
 * periods still ask; "on a Saturday or a Sunday" is the weekend, "on a
 * Monday or a Sunday" asks; "the 3 most recent concerts? Show title and
 * date", "the 5 most recent draws with their date and bonus number": the
 * rows by their own date, the columns said after them shown, not ranked
 * by (with a start_time beside an end_time, by it too); "how many days did
 * each tournament last", "how many days did Dias live": each row's own
 * days, by its key and name; "Planet Labs" is no slip of 'Laos'; "top 5
 * songs" is no mention of the band 'Songs'; a share's condition on a
 * joined table keeps the rows that have none in the whole (LEFT JOIN);
 * jackpot_winners.winner_count is added up for "jackpot winners". */
#include "ask_fixture.h"

static json_t *zoo(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("animals", 3000, json_pack("[o, o, o, o]",
        col("animal_id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL),
        col("species", "text", 0, NULL, NULL), col("birth_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("customers", 500, json_pack("[o, o]",
        col("customer_id", "integer", 1, NULL, NULL), col("name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("orders", 9000, json_pack("[o, o, o, o]",
        col("order_id", "integer", 1, NULL, NULL), col("customer_id", "integer", 0, "customers", NULL),
        col("order_date", "date", 0, NULL, NULL), col("amount", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("landings", 800, json_pack("[o, o, o]",
        col("landing_id", "integer", 1, NULL, NULL), col("year", "integer", 0, NULL, NULL),
        col("landed_value", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_periods(void)
{
    ask_schema_t *s = schema_of(zoo());
    answers_with(s, "How many animals were born in 2010 and how many in 2018?",
                 "WHERE ((\"a\".\"birth_date\" >= DATE '2010-01-01' AND \"a\".\"birth_date\" < DATE '2011-01-01') "
                 "OR (\"a\".\"birth_date\" >= DATE '2018-01-01' AND \"a\".\"birth_date\" < DATE '2019-01-01'))");
    answers_with(s, "How many animals were born in 2010 and how many in 2018?", "GROUP BY 1 ORDER BY 1 LIMIT");
    /* the same month of two years: by year; two months in a row: by month */
    answers_with(s, "compare the number of orders in March 2021 and March 2022",
                 "SELECT extract(year FROM \"o\".\"order_date\")::int AS \"year\"");
    answers_with(s, "orders in December 2018 compared with January 2019",
                 "SELECT date_trunc('month', \"o\".\"order_date\")::date AS \"month\"");
    answers_with(s, "compare the number of orders in Q4 2025 with Q1 2026",
                 "date_trunc('quarter', \"o\".\"order_date\")::date AS \"quarter\"");
    /* the question's order: the later first */
    answers_with(s, "orders in the first half of 2017 compared with the first half of 2016",
                 "< DATE '2016-07-01')) GROUP BY 1 ORDER BY 1 DESC");
    answers_with(s, "total amount in 2023 vs 2021", "SELECT extract(year FROM \"o\".\"order_date\")::int");
    /* a column of years holds each year */
    answers_with(s, "what was the total landed value in 2013 and in 2020?",
                 "((\"l\".\"year\" >= 2013 AND \"l\".\"year\" < 2014) OR (\"l\".\"year\" >= 2020 AND \"l\".\"year\" < 2021))");
    /* rows of one and the other, a list, a ranking: not two totals */
    asks_about(s, "how many customers ordered in 2022 but not in 2025?", NULL);
    asks_about(s, "how many customers ordered in both 2022 and 2025?", NULL);
    asks_about(s, "list the orders placed in 2021 and in 2022", NULL);
    asks_about(s, "which customer spent the most in 2021 vs 2022", NULL);
    asks_about(s, "orders in March 2021 and April 2021 by customer", NULL);
    /* overlapping periods are no pair */
    asks_about(s, "how many orders in 2021 and in March 2021", NULL);
    ask_schema_free(s);
}

static json_t *permits(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("permits", 4000, json_pack("[o, o, o]",
        col("permit_id", "integer", 1, NULL, NULL), col("application_date", "date", 0, NULL, NULL),
        col("fee", "numeric", 0, NULL, NULL))));
    return t;
}

static void test_weekdays(void)
{
    ask_schema_t *s = schema_of(permits());
    answers_with(s, "how many permits were applied for on a Saturday or a Sunday?", "BETWEEN 6 AND 7");
    answers_with(s, "how many permits on a Thursday or Friday?", "BETWEEN 4 AND 5");
    asks_about(s, "how many permits on a Monday or a Sunday?", "two periods");
    asks_about(s, "how many permits on a Monday and a Friday?", "two periods");
    ask_schema_free(s);
}

static json_t *concerts(void)
{
    static const char *const titles[] = {"Nopi: The Cookbook", "Messiah", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("concerts", 900, json_pack("[o, o, o, o, o]",
        col("concert_id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, titles),
        col("concert_date", "date", 0, NULL, NULL), col("tickets_sold", "integer", 0, NULL, NULL),
        col("last_sale_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("draws", 1100, json_pack("[o, o, o]",
        col("draw_no", "integer", 1, NULL, NULL), col("draw_date", "date", 0, NULL, NULL),
        col("bonus_number", "integer", 0, NULL, NULL))));
    return t;
}

static void test_recent(void)
{
    ask_schema_t *s = schema_of(concerts());
    answers_with(s, "What were the 3 most recent concerts? Show title and date.",
                 "ORDER BY \"c\".\"concert_date\" DESC NULLS LAST LIMIT 3");
    answers_with(s, "the 5 most recent draws with their date and bonus number",
                 "SELECT \"d\".* FROM \"public\".\"draws\" AS \"d\" ORDER BY \"d\".\"draw_date\" DESC NULLS LAST LIMIT 5");
    answers_with(s, "the 5 most recent draws: bonus number and date", "ORDER BY \"d\".\"draw_date\" DESC");
    /* a value keeps its own colon */
    answers_with(s, "how many Nopi: The Cookbook concerts were there?", "= 'Nopi: The Cookbook'");
    /* a column said before the rows is what they are ranked by */
    answers_with(s, "the 5 highest bonus number draws", "ORDER BY \"d\".\"bonus_number\" DESC");
    ask_schema_free(s);
}

static json_t *spans(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("tournaments", 30, json_pack("[o, o, o, o]",
        col("tournament_id", "integer", 1, NULL, NULL), col("tournament_name", "text", 0, NULL, NULL),
        col("start_date", "date", 0, NULL, NULL), col("end_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("surveys", 900, json_pack("[o, o, o, o]",
        col("survey_id", "integer", 1, NULL, NULL), col("survey_date", "date", 0, NULL, NULL),
        col("start_time", "time without time zone", 0, NULL, NULL),
        col("end_time", "time without time zone", 0, NULL, NULL))));
    return t;
}

static void test_spans(void)
{
    ask_schema_t *s = schema_of(spans());
    answers_with(s, "how many days did each tournament last?",
                 "SELECT \"t\".\"tournament_id\" AS \"tournament_id\", \"t\".\"tournament_name\" AS \"tournament\", "
                 "max((\"t\".\"end_date\")::date - (\"t\".\"start_date\")::date)");
    answers_with(s, "what was the average tournament length in days?", "SELECT avg(");
    /* whose days is not said: asked, as before */
    asks_about(s, "how many days between the start and the end of the tournaments?", NULL);
    answers_with(s, "the 3 most recent surveys", "ORDER BY \"s\".\"survey_date\" DESC NULLS LAST, \"s\".\"start_time\" DESC");
    ask_schema_free(s);
}

static json_t *names(void)
{
    static const char *const ops[] = {"Planet", "SpaceX", "Iridium", NULL};
    static const char *const countries[] = {"Laos", "USA", "Japan", NULL};
    static const char *const artists[] = {"Songs", "Radiohead", "Muse", NULL};
    static const char *const types[] = {"Federal court of appeals", "State supreme court", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("operators", 450, json_pack("[o, o, o]",
        col("operator_id", "integer", 1, NULL, NULL), col("operator_name", "text", 0, NULL, ops),
        col("country", "text", 0, NULL, countries))));
    json_array_append_new(t, table("satellites", 1700, json_pack("[o, o, o]",
        col("satellite_id", "integer", 1, NULL, NULL), col("satellite_name", "text", 0, NULL, NULL),
        col("operator_id", "integer", 0, "operators", NULL))));
    json_array_append_new(t, table("artists", 5000, json_pack("[o, o]",
        col("artist_id", "integer", 1, NULL, NULL), col("artist_name", "text", 0, NULL, artists))));
    json_array_append_new(t, table("tracks", 16000, json_pack("[o, o, o]",
        col("track_id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, NULL),
        col("artist_id", "integer", 0, "artists", NULL))));
    json_array_append_new(t, table("plays", 130000, json_pack("[o, o, o]",
        col("play_id", "integer", 1, NULL, NULL), col("track_id", "integer", 0, "tracks", NULL),
        col("played_at", "timestamp", 0, NULL, NULL))));
    json_array_append_new(t, table("courts", 100, json_pack("[o, o, o]",
        col("court_id", "integer", 1, NULL, NULL), col("court_name", "text", 0, NULL, NULL),
        col("court_type", "text", 0, NULL, types))));
    json_array_append_new(t, table("cases", 9000, json_pack("[o, o, o]",
        col("case_id", "integer", 1, NULL, NULL), col("source_court_id", "integer", 0, "courts", NULL),
        col("date_decided", "date", 0, NULL, NULL))));
    static const char *const kinds[] = {"Bags", "Shoes", NULL};
    static const char *const cities[] = {"San Francisco", "Oakland", NULL};
    json_array_append_new(t, table("categories", 8, json_pack("[o, o]",
        col("category_id", "integer", 1, NULL, NULL), col("category_name", "text", 0, NULL, kinds))));
    json_array_append_new(t, table("listings", 3000, json_pack("[o, o, o, o]",
        col("listing_id", "integer", 1, NULL, NULL), col("category_id", "integer", 0, "categories", NULL),
        col("city", "text", 0, NULL, cities), col("listed_on", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("draws", 769, json_pack("[o, o]",
        col("draw_id", "integer", 1, NULL, NULL), col("draw_date", "date", 0, NULL, NULL))));
    json_array_append_new(t, table("jackpot_winners", 57, json_pack("[o, o, o]",
        col("winner_id", "integer", 1, NULL, NULL), col("draw_id", "integer", 0, "draws", NULL),
        col("winner_count", "integer", 0, NULL, NULL))));
    return t;
}

static void test_names(void)
{
    ask_schema_t *s = schema_of(names());
    refuses_sql(s, "What share of all satellites does Planet Labs operate?", "'Laos'");
    refuses_sql(s, "What are the top 5 songs by number of plays?", "'Songs'");
    answers_with(s, "how many plays did Songs get?", "= 'Songs'");
    answers_with(s, "how many bags listings are there?", "= 'Bags'");  /* one of a few categories */
    answers_with(s, "how many listings are in San Fransisco?", "= 'San Francisco'");  /* one name */
    asks_about(s, "how many more listings were there in 2024 than in 2023?", NULL);  /* the difference */
    answers_with(s, "What percentage of cases came from a federal court of appeals?",
                 "LEFT JOIN \"public\".\"courts\"");
    answers_with(s, "Which draw had the most jackpot winners?", "sum(\"jw\".\"winner_count\")");
    ask_schema_free(s);
}

int main(void)
{
    test_spans();
    test_names();
    test_recent();
    test_periods();
    test_weekdays();
    return check_done("test_ask_round41");
}
