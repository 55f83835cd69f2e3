/* test_ask_grammar.c — the planner's grammar tables (src/ask/grammar.h):
 * every kind has one stored name that reads back as itself, and a cue table
 * gives the longer reading when two rows start with the same word. */
#include "ask/internal.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

/* Every name of a table is set, distinct, and found at its own index. */
static void check_names(const char *const *names, int n, int first_may_be_empty)
{
    for (int i = 0; i < n; i++) {
        CHECK(names[i] != NULL);
        if (!names[i])
            continue;
        CHECK(first_may_be_empty && i == 0 ? 1 : names[i][0] != '\0');
        CHECK_INT(grammar_find(names, n, names[i]), i);
    }
    CHECK_INT(grammar_find(names, n, "no such kind"), -1);
    CHECK_INT(grammar_find(names, n, NULL), -1);
}

static void test_names(void)
{
    check_names(grammar_measure_names, M_COUNT_, 0);
    check_names(grammar_grain_names, G_COUNT_, 1);
    check_names(grammar_op_names, OP_COUNT_, 0);
    check_names(grammar_date_names, D_COUNT_, 0);
    check_names(grammar_query_names, Q_COUNT_, 0);
    check_names(grammar_catalog_names, CAT_COUNT_, 0);
    check_names(grammar_share_names, SHARE_COUNT_, 0);
    /* names the stored plans of earlier versions used: they must not change */
    CHECK_STR(grammar_measure_names[M_COUNT_DISTINCT], "count_distinct");
    CHECK_STR(grammar_op_names[OP_NOT_IN], "not_in");
    CHECK_STR(grammar_date_names[D_PREV], "last");
    CHECK_STR(grammar_query_names[Q_AGG], "aggregate");
    CHECK_STR(grammar_grain_name(G_MONTH), "month");
    CHECK_STR(grammar_grain_name(G_NONE), "");
    CHECK_STR(grammar_grain_name(G_COUNT_), "");
    CHECK_INT(grammar_grain_parse("quarter"), G_QUARTER);
    CHECK_INT(grammar_grain_parse("fortnight"), G_NONE);
    CHECK_STR(grammar_grain_adjectives[G_WEEK], "weekly");
    CHECK_STR(grammar_measure_sql[M_AVG], "avg");
}

/* The row the words at position i of text say, or NULL. */
static const ask_cue_t *cue(const ask_cue_t *rows, const char *text, int i)
{
    ask_toks_t tk;
    char err[128];
    if (words_split(text, &tk, err, sizeof err) < 0)
        return NULL;
    const ask_cue_t *r = grammar_cue_at(rows, &tk, i);
    words_free(&tk);
    return r;
}

static void test_cues(void)
{
    const ask_cue_t *r = cue(grammar_measure_cues, "how many films", 0);
    CHECK(r && r->kind == M_COUNT && r->next);           /* two words */
    r = cue(grammar_measure_cues, "number of films", 0);
    CHECK(r && r->kind == M_COUNT && r->next);
    r = cue(grammar_measure_cues, "film number", 1);
    CHECK(r && r->kind == M_COUNT && !r->next);          /* one word */
    CHECK(cue(grammar_measure_cues, "how old", 0) == NULL);
    r = cue(grammar_cmp_cues, "no more than 5", 1);
    CHECK(r && r->kind == OP_GT && (r->flags & CUE_NEGATABLE));
    r = cue(grammar_cmp_cues, "at most 5", 0);
    CHECK(r && r->kind == OP_LE);
    r = cue(grammar_cmp_cues, "older than 80", 0);
    CHECK(r && (r->flags & CUE_AGE));
    CHECK(cue(grammar_cmp_cues, "at home", 0) == NULL);
    CHECK(cue(grammar_cmp_cues, "5", 9) == NULL);        /* past the end */
    r = cue(grammar_text_cues, "names starting with A", 1);
    CHECK(r && r->kind == OP_STARTS);
    CHECK(cue(grammar_text_cues, "the start", 1) == NULL); /* "start" needs "with" */
    r = cue(grammar_relative_cues, "past 3 months", 0);
    CHECK(r && r->kind == D_LAST_N);
    r = cue(grammar_day_cues, "year to date", 0);
    CHECK(r && r->kind == D_THIS && (r->flags & CUE_THREE));
    CHECK_INT(grammar_order_of("cheapest"), -1);
    CHECK_INT(grammar_order_of("busiest"), 1);
    CHECK_INT(grammar_order_of("films"), 0);
    r = cue(grammar_chart_cues, "a line chart", 1);
    CHECK(r && !strcmp(grammar_chart_names[r->kind], "line") && (r->flags & CUE_WANTS_CHART));
    /* every table ends, and no one-word row hides a two-word row after it */
    const ask_cue_t *const tables[] = {grammar_measure_cues, grammar_cmp_cues, grammar_text_cues,
        grammar_relative_cues, grammar_bound_cues, grammar_day_cues, grammar_order_cues,
        grammar_chart_cues};
    for (size_t t = 0; t < sizeof tables / sizeof *tables; t++)
        for (const ask_cue_t *a = tables[t]; a->word; a++)
            for (const ask_cue_t *b = a + 1; !a->next && b->word; b++)
                CHECK(strcmp(a->word, b->word) != 0 || !b->next);
}

/* Column kinds from each engine's type names (lexicon.c col_kind). */
static void test_type_kinds(void)
{
    static const struct { const char *type; int kind; } cases[] = {
        /* PostgreSQL */
        {"integer", CK_INT}, {"bigint", CK_INT}, {"numeric(10,2)", CK_NUM},
        {"double precision", CK_NUM}, {"timestamp with time zone", CK_TS},
        {"timestamptz", CK_TS}, {"date", CK_DATE}, {"character varying(255)", CK_TEXT},
        {"text", CK_TEXT}, {"boolean", CK_BOOL}, {"interval", CK_OTHER}, {"jsonb", CK_OTHER},
        {"mpaa_rating", CK_OTHER}, {"point", CK_OTHER}, {"daterange", CK_DATE} /* by its start: lower() */,
        {"tsrange", CK_TS}, {"tstzrange", CK_TS},
        {"text[]", CK_OTHER}, {"year", CK_OTHER}, /* pagila's domain: as before */
        /* MySQL / MariaDB */
        {"int(11)", CK_INT}, {"int(10) unsigned", CK_INT}, {"tinyint(1)", CK_BOOL},
        {"tinyint(4)", CK_INT}, {"tinyint(10)", CK_INT}, {"decimal(10,2)", CK_NUM},
        {"datetime", CK_TS}, {"varchar(50)", CK_TEXT}, {"enum('a','b')", CK_TEXT},
        {"mediumtext", CK_TEXT}, {"year(4)", CK_OTHER},
        /* SQLite declared types */
        {"INTEGER", CK_INT}, {"UNSIGNED BIG INT", CK_INT}, {"VARCHAR(20)", CK_TEXT},
        {"NVARCHAR(120)", CK_TEXT}, {"REAL", CK_NUM}, {"NUMERIC(10,5)", CK_NUM},
        {"DATETIME", CK_TS}, {"BLOB", CK_OTHER}, {"", CK_OTHER},
        /* ClickHouse */
        {"Int32", CK_INT}, {"UInt8", CK_INT}, {"Float64", CK_NUM}, {"Decimal(18, 2)", CK_NUM},
        {"String", CK_TEXT}, {"FixedString(2)", CK_TEXT}, {"Nullable(String)", CK_TEXT},
        {"LowCardinality(Nullable(String))", CK_TEXT}, {"DateTime", CK_TS},
        {"DateTime64(3)", CK_TS}, {"DateTime('UTC')", CK_TS}, {"Date", CK_DATE},
        {"Enum8('a' = 1, 'b' = 2)", CK_TEXT}, {"Array(String)", CK_OTHER},
    };
    json_t *cols = json_array();
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        json_array_append_new(cols, json_pack("{s:s, s:s, s:[]}", "name",
                                              (char[]){(char)('a' + i % 26), (char)('a' + i / 26), 0},
                                              "type", cases[i].type, "samples"));
    json_t *d = json_pack("{s:[{s:s, s:s, s:s, s:o}]}", "tables", "schema", "main", "name", "t",
                          "type", "table", "columns", cols);
    char err[128];
    ask_schema_t *s = ask_schema_new(d, NULL, err, sizeof err);
    CHECK(s != NULL);
    for (size_t i = 0; s && i < sizeof cases / sizeof *cases; i++)
        check_int(s->tables[0].cols[i].kind, cases[i].kind, __FILE__, __LINE__, cases[i].type);
    if (s)
        ask_schema_free(s);
    json_decref(d);
}

int main(void)
{
    test_type_kinds();
    test_names();
    test_cues();
    return check_done("test_ask_grammar");
}
