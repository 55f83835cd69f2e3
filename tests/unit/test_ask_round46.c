/* test_ask_round46.c — the forty-sixth round, from batches 118–120's
 * first contact, on schemas built inline: "the total ridership at O'Hare"
 * beside monthly_ridership.month_total asks (the rows, or the total each
 * keeps?), as does "how many months of ridership data"; "which physical
 * branch had the highest circulation" is no group by the flag
 * physical_branch (asked); expenditure_categories are named by their
 * category, not their code; "reports with no hunters" of a count column
 * asks whether 0 or none recorded is meant; a name with a comma
 * ("University of California, Berkeley") is one name, not a list. */
#include "ask_fixture.h"

static json_t *city(void)
{
    static const char *const stations[] = {"O'Hare Airport", "Wilson", "Clark/Lake", NULL};
    json_t *t = json_array();
    json_array_append_new(t, table("stations", 147, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("station_name", "text", 0, NULL, stations))));
    json_array_append_new(t, table("monthly_ridership", 39053, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("station_id", "integer", 0, "stations", NULL),
        col("month", "date", 0, NULL, NULL), col("month_total", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("branches", 112, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("branch_name", "text", 0, NULL, NULL),
        col("physical_branch", "boolean", 0, NULL, NULL), col("workstations", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("annual_circulation", 1225, json_pack("[o, o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("branch_id", "integer", 0, "branches", NULL),
        col("year", "integer", 0, NULL, NULL), col("circulation", "integer", 0, NULL, NULL))));
    json_array_append_new(t, table("expenditure_categories", 251, json_pack("[o, o]",
        col("id", "text", 1, NULL, NULL), col("category", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("payments", 52613, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("expenditure_category_id", "text", 0, "expenditure_categories", NULL),
        col("amount_gbp", "numeric", 0, NULL, NULL))));
    static const char *const colleges[] = {"Cornell University", "Weill Medical, Cornell University", "Berkeley",
                                           "University of California, Berkeley", NULL};
    json_array_append_new(t, table("institutions", 6604, json_pack("[o, o]",
        col("id", "integer", 1, NULL, NULL), col("institution_name", "text", 0, NULL, colleges))));
    json_array_append_new(t, table("programmes", 36236, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("institution_id", "integer", 0, "institutions", NULL),
        col("programme", "text", 0, NULL, NULL))));
    json_array_append_new(t, table("harvest_reports", 4596, json_pack("[o, o, o]",
        col("id", "integer", 1, NULL, NULL), col("report_date", "date", 0, NULL, NULL),
        col("hunters", "integer", 0, NULL, NULL))));
    return t;
}

static void test_city(void)
{
    ask_schema_t *s = schema_of(city());
    asks_about(s, "What was the total ridership at O'Hare Airport in 2019?", NULL);
    answers_with(s, "What was the total month total at O'Hare Airport in 2019?", "sum(\"mr\".\"month_total\")");
    asks_about(s, "How many months of ridership data are there?", NULL);
    answers_with(s, "How many months of ridership does Wilson have?", "count(*)");  /* one station's */
    asks_about(s, "Which physical branch had the highest circulation in 2022?", "branch name of branch");
    answers_with(s, "Which branch had the highest circulation in 2022?", "\"b\".\"branch_name\"");
    answers_with(s, "total amount per expenditure category", "\"ec\".\"category\" AS");
    asks_about(s, "How many reports had no hunters at all?", "fewer than 1 hunters");
    answers_with(s, "How many reports had no hunters recorded?", "\"hr\".\"hunters\" IS NULL");
    answers_with(s, "How many reports had fewer than 1 hunters?", "\"hr\".\"hunters\" < 1");
    answers_with(s, "How many programmes does Cornell University have?", "= 'Cornell University'");
    answers_with(s, "How many programmes does exactly Cornell University have?", "= 'Cornell University'");
    answers_with(s, "How many stations are exactly Wilson?", "= 'Wilson'");  /* "exactly" needs no rival */
    ask_schema_free(s);
}

int main(void)
{
    test_city();
    return check_done("test_ask_round46");
}
