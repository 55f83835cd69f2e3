/* grammar.c — the tables of grammar.h: the stored name of every kind, and
 * the words that cue them. The rules that read a cue (parse.c, dates.c,
 * assemble.c) look it up here; a synonym is one more row. */
#include "ask/internal.h"

#include <string.h>

#define NAME_OF2(e, name) [e] = name,
#define NAME_OF3(e, name, a) [e] = name,
#define NAME_OF4(e, name, a, b) [e] = name,
#define THIRD_OF3(e, name, a) [e] = a,
#define THIRD_OF4(e, name, a, b) [e] = a,
#define FOURTH_OF4(e, name, a, b) [e] = b,

const char *const grammar_measure_names[M_COUNT_] = {ASK_MEASURES(NAME_OF4)};
const char *const grammar_measure_sql[M_COUNT_] = {ASK_MEASURES(THIRD_OF4)};
const char *const grammar_measure_prefix[M_COUNT_] = {ASK_MEASURES(FOURTH_OF4)};
const char *const grammar_grain_names[G_COUNT_] = {ASK_GRAINS(NAME_OF3)};
const char *const grammar_grain_adjectives[G_COUNT_] = {ASK_GRAINS(THIRD_OF3)};
const char *const grammar_op_names[OP_COUNT_] = {ASK_OPS(NAME_OF2)};
const char *const grammar_date_names[D_COUNT_] = {ASK_DATE_KINDS(NAME_OF2)};
const char *const grammar_query_names[Q_COUNT_] = {ASK_QUERY_KINDS(NAME_OF2)};
const char *const grammar_catalog_names[CAT_COUNT_] = {ASK_CATALOG_KINDS(NAME_OF2)};
const char *const grammar_share_names[SHARE_COUNT_] = {ASK_SHARE_KINDS(NAME_OF2)};

const char *grammar_grain_name(int g)
{
    return g > G_NONE && g < G_COUNT_ ? grammar_grain_names[g] : "";
}

int grammar_grain_parse(const char *name)
{
    int g = grammar_find(grammar_grain_names, G_COUNT_, name);
    return g < 0 ? G_NONE : g;
}

int grammar_names_row(int op)
{
    return op == OP_SAME || op == OP_CHILD_OF || op == OP_PARENT_OF;
}

int grammar_find(const char *const *names, int n, const char *v)
{
    for (int i = 0; v && i < n; i++)
        if (names[i] && !strcmp(names[i], v))
            return i;
    return -1;
}

const ask_cue_t grammar_measure_cues[] = {
    {"how", "many", M_COUNT, 0},
    {"number", "of", M_COUNT, 0},
    {"count", "of", M_COUNT, 0},
    {"count", NULL, M_COUNT, 0},
    {"number", NULL, M_COUNT, 0},
    {"#", NULL, M_COUNT, 0},
    {"total", NULL, M_SUM, 0},
    {"sum", NULL, M_SUM, 0},
    {"average", NULL, M_AVG, 0},
    {"avg", NULL, M_AVG, 0},
    {"mean", NULL, M_AVG, 0},
    {"median", NULL, M_MEDIAN, 0},
    {"minimum", NULL, M_MIN, 0},
    {"min", NULL, M_MIN, 0},
    {"maximum", NULL, M_MAX, 0},
    {"max", NULL, M_MAX, 0},
    {NULL, NULL, 0, 0},
};

const ask_cue_t grammar_cmp_cues[] = {
    {"more", "than", OP_GT, CUE_NEGATABLE},
    {"greater", "than", OP_GT, CUE_NEGATABLE},
    {"higher", "than", OP_GT, CUE_NEGATABLE},
    {"larger", "than", OP_GT, CUE_NEGATABLE},
    {"bigger", "than", OP_GT, CUE_NEGATABLE},
    {"less", "than", OP_LT, CUE_NEGATABLE},
    {"fewer", "than", OP_LT, CUE_NEGATABLE},
    {"lower", "than", OP_LT, CUE_NEGATABLE},
    {"smaller", "than", OP_LT, CUE_NEGATABLE},
    {"older", "than", OP_GT, CUE_AGE},
    {"taller", "than", OP_GT, CUE_HEIGHT},
    {"heavier", "than", OP_GT, CUE_WEIGHT},
    {"younger", "than", OP_LT, CUE_AGE},
    {"lighter", "than", OP_LT, CUE_WEIGHT},
    {"longer", "than", OP_GT, CUE_LENGTH},
    {"shorter", "than", OP_LT, CUE_LENGTH},
    {"at", "least", OP_GE, 0},
    {"at", "most", OP_LE, 0},
    {"up", "to", OP_LE, 0},
    {"over", NULL, OP_GT, 0},
    {"above", NULL, OP_GT, 0},
    {"exceeding", NULL, OP_GT, 0},
    {"exceeds", NULL, OP_GT, 0},
    {">", NULL, OP_GT, 0},
    {"under", NULL, OP_LT, 0},
    {"below", NULL, OP_LT, 0},
    {"<", NULL, OP_LT, 0},
    {">=", NULL, OP_GE, 0},
    {"<=", NULL, OP_LE, 0},
    {NULL, NULL, 0, 0},
};

const ask_cue_t grammar_text_cues[] = {
    {"starts", "with", OP_STARTS, 0},
    {"starting", "with", OP_STARTS, 0},
    {"begins", "with", OP_STARTS, 0},
    {"beginning", "with", OP_STARTS, 0},
    {"start", "with", OP_STARTS, 0},
    {"begin", "with", OP_STARTS, 0},
    {"ends", "with", OP_ENDS, 0},
    {"ending", "with", OP_ENDS, 0},
    {"end", "with", OP_ENDS, 0},
    {"contains", NULL, OP_CONTAINS, 0},
    {"containing", NULL, OP_CONTAINS, 0},
    {"contain", NULL, OP_CONTAINS, 0},
    {"including", NULL, OP_CONTAINS, 0},
    {NULL, NULL, 0, 0},
};

const ask_cue_t grammar_relative_cues[] = {
    {"this", NULL, D_THIS, 0},
    {"current", NULL, D_THIS, 0},
    {"last", NULL, D_PREV, 0},
    {"previous", NULL, D_PREV, 0},
    {"prior", NULL, D_PREV, 0},
    {"past", NULL, D_LAST_N, 0},
    {NULL, NULL, 0, 0},
};

const ask_cue_t grammar_bound_cues[] = {
    {"since", NULL, D_SINCE, 0},
    {"after", NULL, D_SINCE, 0},
    {"before", NULL, D_BEFORE, 0},
    {"until", NULL, D_BEFORE, 0},
    {"till", NULL, D_BEFORE, 0},
    {NULL, NULL, 0, 0},
};

const ask_cue_t grammar_day_cues[] = {
    {"year", "to", D_THIS, CUE_THREE},  /* "year to date" */
    {"today", NULL, D_TODAY, 0},
    {"yesterday", NULL, D_YESTERDAY, 0},
    {"ytd", NULL, D_THIS, 0},
    {NULL, NULL, 0, 0},
};

const ask_cue_t grammar_order_cues[] = {
    {"most", NULL, 1, 0},
    {"highest", NULL, 1, 0},
    {"largest", NULL, 1, 0},
    {"biggest", NULL, 1, 0},
    {"greatest", NULL, 1, 0},
    {"best", NULL, 1, 0},
    {"busiest", NULL, 1, 0},
    {"strongest", NULL, 1, 0},
    {"least", NULL, -1, 0},
    {"fewest", NULL, -1, 0},
    {"lowest", NULL, -1, 0},
    {"smallest", NULL, -1, 0},
    {"worst", NULL, -1, 0},
    {"cheapest", NULL, -1, 0},
    {"weakest", NULL, -1, 0},
    {NULL, NULL, 0, 0},
};

const char *const grammar_chart_names[] = {"pie", "bar", "line", "scatter", "area", "table"};

const ask_cue_t grammar_chart_cues[] = {
    {"pie", NULL, 0, 0},
    {"donut", NULL, 0, 0},
    {"doughnut", NULL, 0, 0},
    {"bar", NULL, 1, 0},
    {"bars", NULL, 1, 0},
    {"line", NULL, 2, CUE_WANTS_CHART},
    {"scatter", NULL, 3, CUE_WANTS_CHART},
    {"area", NULL, 4, CUE_WANTS_CHART},
    {NULL, NULL, 0, 0},
};

/* The row of rows that the words at tk[i] say, or NULL. */
const ask_cue_t *grammar_cue_at(const ask_cue_t *rows, const ask_toks_t *tk, int i)
{
    if (i < 0 || i >= tk->n)
        return NULL;
    for (const ask_cue_t *r = rows; r->word; r++)
        if (!strcmp(tk->t[i].low, r->word) && (!r->next || words_at(tk, i + 1, r->next)))
            return r;
    return NULL;
}

/* 1 when w sorts highest first ("most"), -1 lowest first ("cheapest"),
 * 0 when it is no sort word. */
int grammar_order_of(const char *w)
{
    for (const ask_cue_t *r = grammar_order_cues; w && r->word; r++)
        if (!strcmp(w, r->word))
            return r->kind;
    return 0;
}
