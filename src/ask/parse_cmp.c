/* parse_cmp.c — the comparisons a question says, each marking the tokens
 * it consumes: "over 100", "at least 5", "between 10 and 20", "exactly
 * one", "a capture rate of 3", a text test ("contains Express", "with Star
 * Wars in the title") — and what the comparison's own words say it is
 * about: an adjective ("older than 80": age), a unit ("over 20 km"), a
 * price verb ("cost less than 100"). assemble.c's filters place them. */
#include "ask/internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int year_like(const ask_tok_t *t)
{
    return t->isnum && t->num >= 1900 && t->num <= 2100 && strlen(t->low) == 4;
}

/* "contains Express", "starting with AIR", "ends with 'son'": a text test
 * on the column named before it. The text is the next token, as typed. */
/* "movies with Star Wars in the title", "songs with snow in their name",
 * "exhibitions that have Picasso in the title": the words between,
 * contained in the column named after "in the". */
static int scan_words_in_at(ask_toks_t *tk, int i, ask_cmp_t *c)
{
    int with = words_at(tk, i, "with");  /* after "have", one word: "have Picasso in the title" */
    if (!with && !words_in(tk->t[i].low, (const char *const[]){"have", "has", "having", NULL}))
        return 0;
    int k = i + 1;
    while (k < tk->n && k <= i + (with ? 4 : 1) && !tk->t[k].used && !tk->t[k].isnum && !words_at(tk, k, "in"))
        k++;
    /* "countries with no cities in the database": no text, no column */
    if (k == i + 1 || k + 2 >= tk->n || !words_at(tk, k, "in") ||
        !words_in(tk->t[k + 1].low, (const char *const[]){"the", "its", "their", NULL}) ||
        tk->t[k + 2].used || k + 3 != tk->n ||
        words_in(tk->t[i + 1].low, (const char *const[]){"no", "any", "a", "an", "some", "more",
                 "less", "fewer", "at", "over", "under", NULL}) ||
        words_in(tk->t[k + 2].low, (const char *const[]){"database", "data", "system", "table",
                 "world", "list", "catalog", "dataset", NULL}))
        return 0;
    *c = (ask_cmp_t){.op = OP_CONTAINS, .pos = k + 3, .text = tk->t[i + 1].raw};
    for (int w = i + 1; w < k; w++)
        snprintf(c->words + strlen(c->words), sizeof c->words - strlen(c->words), "%s%s",
                 w > i + 1 ? " " : "", tk->t[w].raw);
    parse_use(tk, i, k + 2 - i);  /* the column's word stays, for apply_text_cmp */
    return 1;
}

static int scan_text_cmp_at(ask_toks_t *tk, int i, ask_cmp_t *c)
{
    if (scan_words_in_at(tk, i, c))
        return 1;
    const ask_cue_t *r = grammar_cue_at(grammar_text_cues, tk, i);
    int j = r ? i + (r->next ? 2 : 1) : 0;
    if (!r || j >= tk->n || tk->t[j].used)
        return 0;
    *c = (ask_cmp_t){.op = r->kind, .pos = i, .text = tk->t[j].raw};
    parse_use(tk, i, j + 1 - i);
    return 1;
}

/* What a comparison's own words say it is about: "older than 80" (age),
 * "over 13000 ft" (altitude), "more than 5 million people" (population),
 * "over 180 dollars" (money). */
static const char *const age_cols[] = {"age", NULL};
static const char *const height_cols[] = {"altitude", "elevation", "height", NULL};
static const char *const people_cols[] = {"population", NULL};
static const char *const weight_cols[] = {"weight", NULL};
static const char *const length_cols[] = {"length", "duration", "runtime", NULL};
static const char *const percent_cols[] = {"percent", "percentage", "pct", "rate", "share", "ratio", NULL};

static void cmp_hint_adjective(int flags, ask_cmp_t *c)
{
    if (flags & CUE_AGE)
        c->hint = age_cols;
    else if (flags & CUE_HEIGHT)
        c->hint = height_cols;
    else if (flags & CUE_WEIGHT)
        c->hint = weight_cols;
    else if (flags & CUE_LENGTH)
        c->hint = length_cols;
}

/* The unit after the number at j (past a scale word): marks it used. */
static void cmp_hint_unit(ask_toks_t *tk, int j, ask_cmp_t *c)
{
    int k = j + 1;
    if (k < tk->n && tk->t[k].used && words_in(tk->t[k].low, (const char *const[]){"thousand",
            "million", "millions", "mn", "billion", "billions", "bn", "milion", "millon", "bilion", NULL}))
        k++;
    if (k >= tk->n || tk->t[k].used)
        return;
    const char *w = tk->t[k].low;
    if (words_in(w, (const char *const[]){"dollars", "dollar", "usd", "$", "euros", "euro", "eur",
                 "bucks", NULL}))
        c->money = 1;
    else if (words_in(w, (const char *const[]){"ft", "feet", "foot", "metres", "meters", NULL}))
        c->hint = height_cols;
    else if (words_in(w, (const char *const[]){"percent", "pct", NULL}))
        c->hint = percent_cols;  /* "more than 2% of the vote": a share, not 2 votes */
    else if (words_in(w, (const char *const[]){"people", "inhabitants", "residents", "persons", NULL}))
        c->hint = people_cols;
    else if (words_in(w, (const char *const[]){"years", "yrs", NULL}) && c->hint == age_cols)
        ;
    /* minutes only: a length in hours would need the column's unit */
    else if (words_in(w, (const char *const[]){"minutes", "mins", "min", NULL}) && c->hint == length_cols)
        c->unit = 60;
    else if (words_in(w, (const char *const[]){"seconds", "secs", "sec", NULL}) && c->hint == length_cols)
        c->unit = 1;
    else if (words_in(w, (const char *const[]){"hours", "hrs", "hour", NULL}) && c->hint == length_cols)
        c->unit = 3600;
    else if (words_in(w, (const char *const[]){"km", "kilometres", "kilometers", "miles", "mi", NULL}) &&
             c->hint == length_cols)
        c->hint = NULL;  /* "trips longer than 20 km": a distance (distance_km), not a duration */
    /* a unit that names no column ("boiling point between 1000 and 2000 K"):
     * the number's, never a value (K is potassium's symbol too) */
    else if (!words_in(w, (const char *const[]){"k", "kelvin", "celsius", "fahrenheit", "degrees",
                       "kg", "kilograms", "grams", "km", "kilometres", "kilometers", "miles", "cm",
                       "centimetres", "centimeters", "mm", "lbs", "pounds", "inches", NULL}))
        return;
    tk->t[k].used = 1;
}

/* "products that cost less than 100", "cost between 100 and 200": the verb
 * says the number is a price. Noted, not used: a "cost" column, when there
 * is one, reads it (filters_apply_cmp places it otherwise). */
static void cmp_price_verb(const ask_toks_t *tk, int i, ask_cmp_t *c)
{
    if (i > 0 && !tk->t[i - 1].used &&
        words_in(tk->t[i - 1].low, (const char *const[]){"cost", "costs", "costing", "priced", NULL}))
        c->price_verb = i, c->money = 1;
}

/* "over 100", "at least 5", "less than 20", "between 10 and 20". */
/* "with a capture rate of 3", "films that have a length of 100": a
 * column's value said with "of" after "with/have a" — equal to it. Not "a
 * total of 5", "a maximum of 4": those words are no column. */
static int equal_of(const ask_toks_t *tk, int i)
{
    static const char *const has[] = {"with", "have", "has", "had", "having", NULL},
                      *const not_col[] = {"total", "maximum", "minimum", "max", "min", "average",
        "sum", "number", "count", "lot", "couple", "group", "set", "series", "pack", "minimum", NULL};
    if (i < 1 || !words_at(tk, i, "of") || i + 1 >= tk->n || !tk->t[i + 1].isnum || tk->t[i + 1].used ||
        words_in(tk->t[i - 1].low, not_col))  /* "of 4" opening the question: nothing before it */
        return 0;
    for (int k = i - 2; k >= 1 && k >= i - 4; k--)
        if (words_in(tk->t[k].low, (const char *const[]){"a", "an", NULL}))
            return words_in(tk->t[k - 1].low, has);
    return 0;
}

int parse_scan_cmp(ask_toks_t *tk, int i, ask_cmp_t *c)
{
    if (scan_text_cmp_at(tk, i, c))
        return 1;
    const char *w = tk->t[i].low;
    const ask_cue_t *r = grammar_cue_at(grammar_cmp_cues, tk, i);
    int j = i + 1, op = -1, flags = r ? r->flags : 0;
    if (r) {
        op = r->kind, j = i + (r->next ? 2 : 1);
        if ((flags & CUE_NEGATABLE) && words_at(tk, i - 1, "no"))  /* "no more than" */
            op = op == OP_GT ? OP_LE : OP_GE;
    } else if (!strcmp(w, "exactly") && j < tk->n && tk->t[j].isnum && !tk->t[j].used) {
        *c = (ask_cmp_t){.op = OP_BETWEEN, .pos = i, .a = tk->t[j].num, .b = tk->t[j].num,
                         .num_at = j};  /* "exactly one" */
        parse_use(tk, i, 2);
        return 1;
    } else if (!strcmp(w, "between") && j + 2 < tk->n + 0 && tk->t[j].isnum &&
             words_at(tk, j + 1, "and") && tk->t[j + 2].isnum &&
             !(year_like(&tk->t[j]) && year_like(&tk->t[j + 2]))) {
        *c = (ask_cmp_t){.op = OP_BETWEEN, .pos = i, .a = tk->t[j].num, .b = tk->t[j + 2].num,
                         .num_at = j + 2};
        cmp_hint_unit(tk, j + 2, c);
        cmp_price_verb(tk, i, c);
        parse_use(tk, i, 4);
        for (int k = j + 3; k < tk->n && k <= j + 4; k++)  /* "between 40 and 60 hours, inclusive": so BETWEEN is */
            if (words_at(tk, k, "inclusive"))
                tk->t[k].used = 1;
        return 1;
    }
    if (!r && equal_of(tk, i)) {  /* "species with a capture rate of 3" */
        *c = (ask_cmp_t){.op = OP_BETWEEN, .pos = i, .a = tk->t[j].num, .b = tk->t[j].num, .num_at = j};
        cmp_hint_unit(tk, j, c);
        parse_use(tk, i, 2);
        return 1;
    }
    if (op < 0 || j >= tk->n || !tk->t[j].isnum || tk->t[j].used)
        return 0;
    *c = (ask_cmp_t){.op = op, .pos = i, .a = tk->t[j].num, .num_at = j};
    cmp_price_verb(tk, i, c);
    cmp_hint_adjective(flags, c);
    cmp_hint_unit(tk, j, c);
    parse_use(tk, words_at(tk, i - 1, "no") ? i - 1 : i, j + 1 - i + words_at(tk, i - 1, "no"));
    return 1;
}
