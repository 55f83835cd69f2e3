/* test_ask_round36.c — the thirty-sixth round, on schemas built inline:
 * "top 10 games by BGG rank" takes rank 1 first and "the highest rank"
 * asks; a period on a year_published column filters it; "launches between
 * 1990 and 1999" take launch_year, the date's own year kept beside
 * launch_date; "how many visits" of monthly_visits adds up its
 * recreation_visits; "per category" of awards(year, category), a part of a
 * key of two columns, groups by the category itself; "per department, the
 * average number of positions per division" asks instead of dropping the
 * department; "born in Sweden" is the birth country; "a capture rate of 3"
 * is equal to 3; "still pending", "came in", "paid by card" add nothing;
 * "the earliest order date" is its minimum; "who published Ark Nova" and
 * "what does levitate do" ask; "per supplier code" groups by the code,
 * "per supplier" by the supplier's name; "2019 finishers with no 5K
 * split" dates the finishers, not their splits; "in the catalogue" and
 * "were done" add nothing; "how many weeks" of weekly_grosses counts its
 * rows; "dates of the 3 most recent shipments" lists them newest first,
 * "the 3 most recent dates" lists dates, each once; "fine" is fine_amount
 * (not open_fine), "milk" total_milk_kg (not days_in_milk), a service is
 * named by its description when it has nothing else. */
#include "ask_fixture.h"

static const char *const titles[] = {"Ark Nova", "Brass: Birmingham", "Gloomhaven", NULL};
static const char *const statuses[] = {"Pending", "Shipped", "Cancelled", NULL};
static const char *const methods[] = {"Credit Card", "Cash", "Wallet", NULL};
static const char *const countries[] = {"Sweden", "Germany", "France", NULL};
static const char *const cats[] = {"Physics", "Chemistry", "Peace", NULL};

static json_t *games(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("games", 2000, json_pack("[o, o, o, o, o]",
        col("game_id", "integer", 1, NULL, NULL), col("title", "text", 0, NULL, titles),
        col("year_published", "integer", 0, NULL, NULL), col("bgg_rank", "integer", 0, NULL, NULL),
        col("average_rating", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("launches", 5000, json_pack("[o, o, o, o]",
        col("launch_id", "integer", 1, NULL, NULL), col("mission", "text", 0, NULL, NULL),
        col("launch_date", "date", 0, NULL, NULL), col("launch_year", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("parks", 60, json_pack("[o, o]",
        col("park_id", "integer", 1, NULL, NULL), col("park_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("monthly_visits", 1200, json_pack("[o, o, o]",
        col("park_id", "integer", 0, "parks", NULL), col("month_start", "date", 0, NULL, NULL),
        col("recreation_visits", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("weekly_grosses", 31000, json_pack("[o, o, o]",
        col("week_id", "integer", 1, NULL, NULL), col("week_date", "date", 0, NULL, NULL),
        col("gross", "integer", 0, NULL, NULL))));
    return t;
}

static void test_games(void)
{
    ask_schema_t *s = schema_of(games());
    answers_with(s, "top 10 games by BGG rank", "ORDER BY \"m\".\"bgg_rank\" ASC");
    asks_about(s, "the 5 games with the highest bgg rank", "counts down");
    answers_with(s, "how many games were published between 2000 and 2009?", "\"year_published\" >= 2000");
    answers_with(s, "number of games published each year since 2015", "count(*)");
    answers_with(s, "how many launches were there between 1990 and 1999?", "\"launch_year\" >= 1990");
    answers_with(s, "how many launches in March 2010?", "\"launch_date\" >= DATE '2010-03-01'");
    answers_with(s, "how many visits did the parks get in 2018?", "sum(\"mv\".\"recreation_visits\")");
    answers_with(s, "total visits for each year", "sum(\"mv\".\"recreation_visits\")");
    asks_about(s, "who published Ark Nova?", "published");
    answers_with(s, "how many weeks are there?", "SELECT count(*) AS \"weekly_grosses\"");
    ask_schema_free(s);
}

static json_t *prizes(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("laureates", 1000, json_pack("[o, o, o, o]",
        col("laureate_id", "integer", 1, NULL, NULL), col("full_name", "text", 0, NULL, NULL),
        col("birth_country", "text", 0, NULL, countries), col("death_country", "text", 0, NULL, countries))));
    json_array_append_new(t, table("prizes", 600, json_pack("[o, o, o]",
        col("year", "integer", 0, NULL, NULL), col("category", "text", 0, NULL, cats),
        col("prize", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("awards", 1000, json_pack("[o, o, o, o]",
        col("award_id", "integer", 1, NULL, NULL), col("year", "integer", 0, NULL, NULL),
        col("category", "text", 0, "prizes", cats), col("laureate_id", "integer", 0, "laureates", NULL))));
    json_array_append_new(t, table("departments", 40, json_pack("[o, o]",
        col("department_id", "integer", 1, NULL, NULL), col("department_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("divisions", 280, json_pack("[o, o, o]",
        col("division_id", "integer", 1, NULL, NULL), col("division_name", "text", 0, NULL, NULL),
        col("department_id", "integer", 0, "departments", NULL))));
    json_array_append_new(t, table("positions", 7000, json_pack("[o, o, o]",
        col("position_id", "integer", 1, NULL, NULL), col("division_id", "integer", 0, "divisions", NULL),
        col("capture_rate", "integer", 0, NULL, NULL))));
    return t;
}

static void test_prizes(void)
{
    ask_schema_t *s = schema_of(prizes());
    answers_with(s, "number of awards per category", "GROUP BY 1");
    answers_with(s, "number of awards per category", "\"a\".\"category\" AS");
    answers_with(s, "how many laureates were born in Sweden?", "\"birth_country\" = 'Sweden'");
    asks_about(s, "Per department, what is the average number of positions per division?", "safely");
    answers_with(s, "how many positions have a capture rate of 3?", "BETWEEN 3 AND 3");
    asks_about(s, "positions with a total of 3", "total");
    ask_schema_free(s);
}

static json_t *shop(void)
{
    json_t *t = json_array();
    json_array_append_new(t, table("orders", 5000, json_pack("[o, o, o, o]",
        col("order_id", "integer", 1, NULL, NULL), col("order_date", "date", 0, NULL, NULL),
        col("status", "text", 0, NULL, statuses), col("payment_method", "text", 0, NULL, methods))));
    json_array_append_new(t, table("suppliers", 12, json_pack("[o, o]",
        col("id", "text", 1, NULL, NULL), col("supplier_name", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("deliveries", 800, json_pack("[o, o, o, o]",
        col("delivery_id", "integer", 1, NULL, NULL), col("supplier_code", "text", 0, "suppliers", (const char *const[]){"PH1", "UN2", NULL}),
        col("date_received", "date", 0, NULL, NULL), col("quantity_received", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("finishers", 9000, json_pack("[o, o, o]",
        col("finisher_id", "integer", 1, NULL, NULL), col("race_year", "integer", 0, NULL, NULL),
        col("country", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("splits", 90000, json_pack("[o, o, o]",
        col("split_id", "integer", 1, NULL, NULL), col("finisher_id", "integer", 0, "finishers", NULL),
        col("checkpoint", "text", 0, NULL, (const char *const[]){"5K", "10K", "Half", NULL}))));
    json_array_append_new(t, table("shipments", 900, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("shipped_at", "timestamp without time zone", 0, NULL, NULL),
        col("amount", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("abilities", 300, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("identifier", "text", 0, NULL,
                                                (const char *const[]){"levitate", "overgrow", NULL}))));
    json_array_append_new(t, table("citations", 3600, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("fine_amount", "numeric", 0, NULL, NULL),
        col("open_fine", "numeric", 0, NULL, NULL))));
    json_array_append_new(t, table("lactations", 9500, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("lactation_number", "integer", 0, NULL, NULL),
        col("total_milk_kg", "integer", 0, NULL, NULL), col("days_in_milk", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("services", 4, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("description", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("requests", 17000, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("service_id", "integer", 0, "services", NULL),
        col("time_taken", "integer", 0, NULL, NULL))));
    return t;
}

static void test_shop(void)
{
    ask_schema_t *s = schema_of(shop());
    answers_with(s, "how many orders are still pending?", "\"status\" = 'Pending'");
    answers_with(s, "how many orders came in on a Sunday?", "isodow");
    answers_with(s, "how many orders were paid by credit card?", "\"payment_method\" = 'Credit Card'");
    answers_with(s, "what is the earliest order date?", "min(\"o\".\"order_date\")");
    answers_with(s, "the most recent order date", "max(\"o\".\"order_date\")");
    answers_with(s, "what is the earliest shipment date?", "min(\"s\".\"shipped_at\")");
    answers_with(s, "what is the average fine per citation?", "avg(\"c\".\"fine_amount\")");
    answers_with(s, "average milk per lactation number", "avg(\"l\".\"total_milk_kg\")");
    answers_with(s, "average time taken per service", "\"s\".\"description\" AS");
    answers_with(s, "shipment dates of the 3 most recent shipments", "ORDER BY \"s\".\"shipped_at\" DESC NULLS LAST LIMIT 3");
    answers_with(s, "the 3 most recent dates on which orders were placed", "SELECT DISTINCT \"o\".\"order_date\"");
    answers_with(s, "the 3 most recent dates on which orders were placed", "ORDER BY 1 DESC NULLS LAST LIMIT 3");
    asks_about(s, "what does the ability levitate do?", "do");
    answers_with(s, "number of deliveries per supplier code", "\"d\".\"supplier_code\" AS");
    answers_with(s, "total quantity received per supplier", "\"supplier_name\"");
    answers_with(s, "how many 2019 finishers have no 5K split recorded?", "') AND \"f\".\"race_year\" >= 2019");
    answers_with(s, "how many orders are in the catalogue?", "SELECT count(*)");
    answers_with(s, "how many orders were done in 2024?", "\"order_date\" >= DATE '2024-01-01'");
    ask_schema_free(s);
}

int main(void)
{
    test_games();
    test_prizes();
    test_shop();
    return check_done("test_ask_round36");
}
