/* lexicon.c — the schema as words: tables, columns, sampled values and the
 * connection's vocabulary, indexed by their stems (schema_load.c reads the
 * schema and its foreign-key graph first). */
#include "ask/internal.h"
#include "core/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ building */

static void add_phrase(ask_schema_t *s, int *cap, char **w, int nw, int kind, int t,
                       int c, int v, int exact)
{
    if (nw <= 0) {
        free(w);
        return;
    }
    if (s->nph == *cap) {
        *cap = *cap ? *cap * 2 : 256;
        s->ph = xrealloc(s->ph, (size_t)*cap * sizeof *s->ph);
    }
    s->ph[s->nph++] = (ask_phrase_t){w, nw, kind, t, c, v, exact};
}

static char **dup_words(char **w, int n)
{
    char **r = xmalloc((size_t)(n ? n : 1) * sizeof *r);
    for (int i = 0; i < n; i++)
        r[i] = xstrdup(w[i]);
    return r;
}

/* A gender column's codes said as words: 'F' is "female", "women"; 'male'
 * is also "men". Only in a column named gender or sex. */
static void index_gender(ask_schema_t *s, int *cap, int t, int c, int v)
{
    static const char *const words[][4] = {
        {"m", "male", "man", NULL}, {"male", "man", NULL},
        {"f", "female", "woman", NULL}, {"female", "woman", NULL},
    };
    const ask_col_t *col = &s->tables[t].cols[c];
    if (!lexicon_col_has_word(col, (const char *const[]){"gender", "sex", NULL}))
        return;
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        if (strcasecmp(col->samples[v], words[k][0]))
            continue;
        for (int a = 1; a < 4 && words[k][a]; a++) {
            char **w = xmalloc(sizeof *w);
            w[0] = words_stem(words[k][a]);
            add_phrase(s, cap, w, 1, PH_VALUE, t, c, v, 0);
        }
    }
}

/* Value v of t.c said as the words of text ("united states"). */
static void add_said(ask_schema_t *s, int *cap, const char *text, int t, int c, int v, int exact)
{
    ask_toks_t tk;
    char err[8];
    if (words_split(text, &tk, err, sizeof err) < 0)
        return;
    char **w = xmalloc((size_t)tk.n * sizeof *w);
    for (int i = 0; i < tk.n; i++)
        w[i] = xstrdup(tk.t[i].stem);
    add_phrase(s, cap, w, tk.n, PH_VALUE, t, c, v, exact);
    words_free(&tk);
}

/* A country column's name for the United States or Kingdom said another
 * way: 'USA' is also "US" and "United States", 'United Kingdom' also "UK".
 * Only in a column named country (or nation), or the name of a table of
 * countries. */
static void index_country_alias(ask_schema_t *s, int *cap, int t, int c, int v)
{
    static const char *const names[][5] = {
        {"usa", "us", "united states", NULL}, {"united states", "us", "usa", NULL},
        {"united states of america", "us", "usa", "united states", NULL}, {"us", "usa", "united states", NULL},
        {"uk", "united kingdom", NULL}, {"united kingdom", "uk", NULL},
    };
    const ask_col_t *col = &s->tables[t].cols[c];
    const ask_table_t *tb = &s->tables[t];  /* countries.name too */
    int named = tb->nw && !strcmp(tb->w[tb->nw - 1], "country") && col->nw && !strcmp(col->w[col->nw - 1], "name");
    if ((!lexicon_col_has_word(col, (const char *const[]){"country", NULL}) && !named) || col->pk)
        return;
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        if (strcasecmp(col->samples[v], names[k][0]))
            continue;
        for (int a = 1; a < 5 && names[k][a]; a++)  /* "us" is a pronoun too ("paid us the
                                                     * most"): "US", or "the us" */
            add_said(s, cap, names[k][a], t, c, v, !strcmp(names[k][a], "us") ? 2 : 0);
    }
}

/* A US state's code for its name and its name for its code (states.c):
 * "customers in Texas" of customers.state 'TX'; a code only in capitals. */
static void index_state_alias(ask_schema_t *s, int *cap, int t, int c, int v)
{
    int code = 0;
    const char *other = states_other_name(&s->tables[t], &s->tables[t].cols[c], v, &code);
    if (other)
        add_said(s, cap, other, t, c, v, code);
}

static int head_may_stand_alone(const char *w);

static void index_value(ask_schema_t *s, int *cap, int t, int c, int v)
{
    const char *val = s->tables[t].cols[c].samples[v];
    ask_toks_t tk;
    char err[8];
    if (strlen(val) > 80 || words_split(val, &tk, err, sizeof err) < 0)
        return;
    int words = 0;  /* a value of lower-case function words only ("in", "the") is never
                     * read as one; a code in capitals ("A") is — nor a lower-case code
                     * that is a word of the question's grammar (Norway's 'no': "with no
                     * number ones") */
    static const char *const grammar[] = {"no", "not", "none", "nor", "all", "any", "each", "every",
        "some", "more", "less", "most", "least", "per", "top", "only", "than", "over", "under", NULL};
    for (int i = 0; i < tk.n; i++)
        words += (!words_is_stop(tk.t[i].low) && !(tk.n == 1 && words_in(tk.t[i].raw, grammar))) ||
                 strcmp(tk.t[i].raw, tk.t[i].low);
    if (tk.n > 0 && tk.n <= 6 && words) {
        char **w = xmalloc((size_t)tk.n * sizeof *w);
        for (int i = 0; i < tk.n; i++)
            w[i] = xstrdup(tk.t[i].stem);
        /* a short code ("IN", "DE", "ca") is matched as typed; a short word
         * written as one ("Dog", "Cat") is read in lower case too */
        const ask_col_t *col = &s->tables[t].cols[c];  /* a kind ("Dog" of species), not a name ("Sam") */
        int word = strlen(val) == 3 && isupper((unsigned char)val[0]) && islower((unsigned char)val[1]) &&
                   islower((unsigned char)val[2]) && !words_is_stop(tk.t[0].low) && head_may_stand_alone(tk.t[0].low) &&
                   col->n_distinct > 0 && col->n_distinct <= 30 && c != s->tables[t].label &&
                   !lexicon_col_has_word(col, (const char *const[]){"name", "title", NULL});
        /* the band "Songs" among 5,000 artist names: "top 5 songs" is no
         * mention of it — a name that is a plural noun, among many names,
         * is matched as written ('Bags' of a few categories is not) */
        int plural_name = tk.n == 1 && isupper((unsigned char)val[0]) && strcmp(tk.t[0].low, tk.t[0].stem) &&
                          (c == s->tables[t].label || lexicon_col_has_word(col, (const char *const[]){"name",
                                                                            "title", NULL})) &&
                          (col->n_distinct < 0 ? s->tables[t].rows > 200 : col->n_distinct > 200);
        /* a remark ("Trackway" among 845 different occurrences.comments)
         * is free text, not a kind: "the trackway family" is no mention of
         * it — matched as written only. Nine notes ('Emergency', 'Routine')
         * on 600 visits are kinds. */
        int remark = lexicon_col_has_word(col, (const char *const[]){"comment", "note", "remark", "memo",
                                                                      NULL}) &&
                     5 * lexicon_col_distinct(&s->tables[t], col) >= s->tables[t].rows;
        add_phrase(s, cap, w, tk.n, PH_VALUE, t, c, v, (strlen(val) <= 3 && !word) || plural_name || remark);
    }
    words_free(&tk);
    index_gender(s, cap, t, c, v);
    index_country_alias(s, cap, t, c, v);
    index_state_alias(s, cap, t, c, v);
}

/* A head noun may stand alone for its table or column ("unit_price" for
 * "price") unless people use it as a function word: "customer_list" is not
 * what "list the films" means, nor "birth_number" what "number of" does. */
static int head_may_stand_alone(const char *w)
{
    static const char *const cue[] = {"number", "count", "total", "sum", "average", "avg", "mean",
        "min", "max", "minimum", "maximum", "most", "least", "top", "first", "last", "per", "by",
        "each", "all", "no", NULL};
    return !words_is_stop(w) && !words_in(w, cue);
}

/* "pclass" beside "class", "sdate" beside "date": a one-letter prefix on
 * another column's name of the same table is a variant of it, so the word
 * fits both columns and the planner asks which. */
static void index_prefixed(ask_schema_t *s, int *cap, int t, int c)
{
    const ask_table_t *tb = &s->tables[t];
    const ask_col_t *col = &tb->cols[c];
    if (col->nw != 1 || strlen(col->w[0]) < 4)
        return;
    for (int d = 0; d < tb->ncols; d++)
        if (d != c && tb->cols[d].nw == 1 && !strcmp(col->w[0] + 1, tb->cols[d].w[0])) {
            add_phrase(s, cap, dup_words(tb->cols[d].w, 1), 1, PH_COLUMN, t, c, -1, 0);
            return;
        }
}

/* "hours_worked", "units_sold", "minutes_played": an amount of something
 * done, named by its noun alone ("how many hours") */
static int is_done_amount(const ask_col_t *col)
{
    static const char *const irregular[] = {"sold", "spent", "driven", "flown", "run", "won", "lost",
        "paid", "given", "taken", "made", "built", "done", "ridden", "written", "read", "held", NULL};
    if (col->nw != 2 || col->kind == CK_TEXT || !lexicon_col_is_numeric(col) || lexicon_col_is_money(col) ||
        !head_may_stand_alone(col->w[0]) || words_in(col->w[0], (const char *const[]){"amount", "value", NULL}))
        return 0;  /* amount_paid: "paid" says it */
    size_t n = strlen(col->w[1]);
    return words_in(col->w[1], irregular) || (n >= 5 && !strcmp(col->w[1] + n - 2, "ed"));
}

/* 1 when the head of t.c ("file" of file_number) names nothing else: no
 * table ("flight" beside flights), no other column of t beginning with it
 * ("application" of application_date, application_status), no value of
 * any column ("insurance" beside the payment method 'Insurance'). */
static int number_head_free(const ask_schema_t *s, int t, int c)
{
    const char *w = s->tables[t].cols[c].w[0];
    for (int k = 0; k < s->ntables; k++) {
        const ask_table_t *tb = &s->tables[k];
        if (tb->nw && !strcmp(tb->w[tb->nw - 1], w))
            return 0;
        for (int j = 0; j < tb->ncols; j++) {
            if (k == t && j != c && tb->cols[j].nw && !strcmp(tb->cols[j].w[0], w))
                return 0;
            for (int v = 0; v < tb->cols[j].nsamples; v++)
                if (!strcasecmp(tb->cols[j].samples[v], w))
                    return 0;
        }
    }
    return 1;
}

/* 1 when another column of table t is named by the first n words of column
 * c: "postmile" is postmile's, not also postmile_value's. */
static int named_by_others(const ask_schema_t *s, int t, int c, int n)
{
    const ask_table_t *tb = &s->tables[t];
    for (int d = 0; d < tb->ncols; d++) {
        int same = d != c && tb->cols[d].nw == n;
        for (int k = 0; same && k < n; k++)
            same = !strcmp(tb->cols[d].w[k], tb->cols[c].w[k]);
        if (same)
            return 1;
    }
    return 0;
}

static void index_column(ask_schema_t *s, int *cap, int t, int c)
{
    const ask_col_t *col = &s->tables[t].cols[c];
    add_phrase(s, cap, dup_words(col->w, col->nw), col->nw, PH_COLUMN, t, c, -1, 0);
    index_prefixed(s, cap, t, c);
    int n = col->nw;  /* "ordered_at" also as "order", "reason_code" "reason", "distance_km" "distance" */
    static const char *const tail[] = {"at", "on", "id", "date", NULL}, *const units[] = {"km", "kg", "eur",
        "usd", "gbp", "inr", "min", "mins", "sec", "secs", "hrs", "hr", "pct", "lbs", "mi", "cm", "kwh",
        "minute", "second", "hour", "g", "lb", "oz", "ml", "mm", "gal", "ft", "ms", "kw", "mw", "mwh", "deg",
        "mph", "kph", "kmh", NULL};
    int unit = n > 1 && col->kind != CK_TEXT && (words_in(col->w[n - 1], units) ||
                       ((!strcmp(col->w[n - 1], "amount") || !strcmp(col->w[n - 1], "value")) &&  /* freight_value */
                        (n > 2 || head_may_stand_alone(col->w[0]))) ||  /* fine_amount,
                                                                            * total_claim_amount */
                       is_done_amount(col) ||
                       (words_in(col->w[n - 1], (const char *const[]){"c", "f", NULL}) &&  /* temperature_f */
                        words_in(col->w[n - 2], (const char *const[]){"temp", "temperature", NULL})));
    int year = n > 1 && strlen(col->w[n - 1]) == 4 && strspn(col->w[n - 1], "0123456789") == 4 &&
               atoi(col->w[n - 1]) >= 1900 && atoi(col->w[n - 1]) <= 2100;  /* admissions_2022: "admissions" */
    int number = n == 2 && col->kind == CK_TEXT && !strcmp(col->w[1], "number") &&
                 number_head_free(s, t, c);  /* file_number: "file" */
    if (n > 1 && (words_in(col->w[n - 1], tail) || unit || year || number ||
                  (!strcmp(col->w[n - 1], "code") && col->kind == CK_TEXT)) && !named_by_others(s, t, c, n - 1))
        add_phrase(s, cap, dup_words(col->w, n - 1), n - 1, PH_COLUMN, t, c, -1, 0);
    size_t vn = n == 2 ? strlen(col->w[0]) : 0;  /* started_on also "start (date)", created_at "create" */
    for (int k = 0; vn > 5 && k < 4 && lexicon_col_is_time(col) && words_in(col->w[1], tail) &&
                    !strcmp(col->w[0] + vn - 2, "ed"); k++) {
        int nw = 1 + k / 2;  /* "start", then "start date" */
        char **w = xmalloc((size_t)nw * sizeof *w);
        w[0] = xstrdup(col->w[0]);
        w[0][vn - 2 + k % 2] = '\0';  /* "start", "starte"; "creat", "create" */
        if (nw == 2)
            w[1] = xstrdup("date");
        add_phrase(s, cap, w, nw, PH_COLUMN, t, c, -1, 0);
    }
    /* "stadiums.country_name" also as "country" — not a name of its own
     * table's rows ("product_name" is the product), nor "first_name" */
    if (n == 2 && !strcmp(col->w[1], "name") && head_may_stand_alone(col->w[0])) {
        int own = 0;
        for (int k = 0; k < s->tables[t].nw; k++)
            own |= !strcmp(s->tables[t].w[k], col->w[0]);
        if (!own)
            add_phrase(s, cap, dup_words(col->w, 1), 1, PH_COLUMN, t, c, -1, 0);
    }
    /* "cust_first_name" (cust_fname) also as "first name": a prefix that
     * abbreviates the table's name is no part of what the column is */
    const ask_table_t *tb = &s->tables[t];
    if (n >= 3 && tb->nw && strlen(col->w[0]) >= 2 && strlen(col->w[0]) <= strlen(tb->w[0]) &&
        !strncmp(tb->w[0], col->w[0], strlen(col->w[0])))
        add_phrase(s, cap, dup_words(col->w + 1, n - 1), n - 1, PH_COLUMN, t, c, -1, 0);
    /* "surfacearea", "lifeexpectancy" run together: their last word alone
     * ("area"), when it is a measure's noun */
    static const char *const tails[] = {"area", "population", "expectancy", "price", "amount",
        "salary", "weight", "height", "length", "score", "budget", "revenue", NULL};
    for (int k = 0; n == 1 && tails[k]; k++) {
        size_t a = strlen(col->w[0]), b = strlen(tails[k]);
        if (a >= b + 3 && !strcmp(col->w[0] + a - b, tails[k])) {
            char **w = xmalloc(sizeof *w);
            w[0] = xstrdup(tails[k]);
            add_phrase(s, cap, w, 1, PH_COLUMN, t, c, -1, 0);
        }
    }
    for (int k = 1; k < n - 1; k++)  /* "country_or_region" answers to "country" and to "region" */
        if (!strcmp(col->w[k], "or") || !strcmp(col->w[k], "and")) {
            add_phrase(s, cap, dup_words(col->w, k), k, PH_COLUMN, t, c, -1, 0);
            add_phrase(s, cap, dup_words(col->w + k + 1, n - k - 1), n - k - 1, PH_COLUMN, t, c, -1, 0);
            break;
        }
    /* "salesRepEmployeeNumber" → employees.employeeNumber also answers to
     * "sales rep": the role, the words before its target key's own */
    if (col->fk_table >= 0 && col->fk_col >= 0) {
        const ask_col_t *key = &s->tables[col->fk_table].cols[col->fk_col];
        int same = key->nw >= 1 && n > key->nw;
        for (int k = 0; same && k < key->nw; k++)
            same = !strcmp(col->w[n - key->nw + k], key->w[k]);
        if (same && key->nw >= 2 && strcmp(key->w[key->nw - 1], "id"))  /* "site id": "launch site" already */
            add_phrase(s, cap, dup_words(col->w, n - key->nw), n - key->nw, PH_COLUMN, t, c, -1, 0);
    }
    /* "quantityOrdered", "quantity_sold" also answer to "quantity" ("units") */
    if (n == 2 && !strcmp(col->w[0], "quantity") && lexicon_col_is_numeric(col))
        add_phrase(s, cap, dup_words(col->w, 1), 1, PH_COLUMN, t, c, -1, 0);
    /* "unit_price" also answers to "price": the head noun alone */
    static const char *const weak[] = {"id", "at", "on", "name", "date", "code", "by", NULL};
    int is_weak = 0;
    for (int k = 0; n > 1 && weak[k]; k++)
        is_weak |= !strcmp(col->w[n - 1], weak[k]);
    /* "is_beta_feature" is whether a feature is a beta one: never "the feature" */
    int is_flag = n > 2 && (!strcmp(col->w[0], "is") || !strcmp(col->w[0], "has"));
    /* total_milk_kg: "kg", and "milk"; gross_pay_2016: "pay", not "2016" */
    for (int h = n - 1; h >= n - 1 - ((unit || year) && n > 2); h--)
        if (n > 1 && !is_flag && !is_weak && head_may_stand_alone(col->w[h]) && !(year && h == n - 1) &&
            !(h == 1 && is_done_amount(col)))  /* "worked" alone: a verb */
            add_phrase(s, cap, dup_words(col->w + h, 1), 1, PH_COLUMN, t, c, -1, 0);
    if (lexicon_col_is_flag(col))  /* a flag ("active": boolean, or Y/N) said negated: "inactive" */
        for (int k = 0; k < 3; k++) {
            char neg[64];
            snprintf(neg, sizeof neg, "%s%s", (const char *const[]){"in", "un", "non"}[k], col->w[n - 1]);
            char **w = xmalloc(sizeof *w);
            w[0] = words_stem(neg);
            add_phrase(s, cap, w, 1, PH_COLUMN, t, c, -1, 0);
        }
    /* "isofficial", "hasdiscount" written in one word: also "official", "discount" */
    const char *w0 = n == 1 ? col->w[0] : "";
    size_t pre = !strncmp(w0, "is", 2) ? 2 : !strncmp(w0, "has", 3) ? 3 : 0;
    char **rest = NULL;
    int nr = pre && strlen(w0) >= pre + 4 ? words_ident(w0 + pre, &rest) : 0;
    if (nr == 1 && head_may_stand_alone(rest[0]))
        add_phrase(s, cap, rest, 1, PH_COLUMN, t, c, -1, 0);
    else if (rest) {
        for (int k = 0; k < nr; k++)
            free(rest[k]);
        free(rest);
    }
    if (col->kind == CK_TEXT || col->kind == CK_OTHER)
        for (int v = 0; v < col->nsamples; v++)
            index_value(s, cap, t, c, v);
}

static int cmp_phrase(const void *a, const void *b)
{
    const ask_phrase_t *x = a, *y = b;
    int r = strcmp(x->w[0], y->w[0]);
    return r ? r : y->nw - x->nw;
}

/* A table's head noun may name it alone unless it is another table's name,
 * or a unit of time: "the 5 most recent days" are days, not the rows of
 * fact_meal_day. */
static int head_is_free(const ask_schema_t *s, const char *w)
{
    if (words_in(w, (const char *const[]){"day", "date", "week", "month", "quarter", "year", "hour",
                                          "time", "period", NULL}))
        return 0;
    for (int t = 0; t < s->ntables; t++)
        if (s->tables[t].nw == 1 && !strcmp(s->tables[t].w[0], w))
            return 0;
    return 1;
}

/* "labrooms" also as the words its columns spell ("lab rooms", glued.c)
 * and its head alone ("rooms") — unless another table's name or head is
 * that word, or another glued name's head ("experimenttypes" beside
 * "equipmenttypes": "types" is neither). */
static void index_glued(ask_schema_t *s, int *cap, int t)
{
    char **w = NULL;
    int shared, n = glued_words(s, t, &w, &shared);
    if (n < 2)
        return;
    if (!shared && head_is_free(s, w[n - 1]) && head_may_stand_alone(w[n - 1]))
        add_phrase(s, cap, dup_words(w + n - 1, 1), 1, PH_TABLE, t, -1, -1, 0);
    add_phrase(s, cap, w, n, PH_TABLE, t, -1, -1, 0);
}

/* The entity a table's key names, when the table's own name does not say
 * it: "orde" keyed by order_id is the orders, "transac" by trans_id. */
static void index_key_name(ask_schema_t *s, int *cap, int t)
{
    const ask_table_t *tb = &s->tables[t];
    const ask_col_t *pk = tb->pk >= 0 ? &tb->cols[tb->pk] : NULL;
    if (!pk || pk->nw != 2 || strcmp(pk->w[1], "id") || !strcmp(pk->w[0], tb->w[tb->nw - 1]) ||
        !head_is_free(s, pk->w[0]) || !head_may_stand_alone(pk->w[0]) || strlen(pk->w[0]) < 3)
        return;
    for (int u = 0; u < s->ntables; u++)  /* another table's name, or its key's: not ours */
        if (u != t && ((s->tables[u].nw && !strcmp(s->tables[u].w[s->tables[u].nw - 1], pk->w[0])) ||
                       (s->tables[u].pk >= 0 && s->tables[u].cols[s->tables[u].pk].nw == 2 &&
                        !strcmp(s->tables[u].cols[s->tables[u].pk].w[0], pk->w[0]))))
            return;
    add_phrase(s, cap, dup_words(pk->w, 1), 1, PH_TABLE, t, -1, -1, 0);
}

/* 1 when no phrase indexed so far holds word w. */
static int word_unused(const ask_schema_t *s, const char *w)
{
    for (int i = 0; i < s->nph; i++)  /* a title in a view ("… Movie") is no use of it */
        for (int k = 0; k < s->ph[i].nw && !(s->ph[i].kind == PH_VALUE && s->tables[s->ph[i].table].is_view); k++)
            if (!strcmp(s->ph[i].w[k], w))
                return 0;
    return 1;
}

/* "songs" of a table of tracks, "staff" or "workers" of one of employees
 * (and "employees" of staff): the noun people use for its rows, when no
 * table, column or sampled value of the schema holds that word (the band
 * 'Songs' keeps it). */
static void index_table_alias(ask_schema_t *s, int *cap)
{
    static const char *const alias[][2] = {{"track", "song"}, {"employee", "staff"}, {"employee", "worker"},
        {"employee", "personnel"}, {"employee", "person"}, {"staff", "employee"}, {"film", "movie"},
        {"movie", "film"}};
    int nt = s->ntables;
    for (size_t k = 0; k < sizeof alias / sizeof *alias; k++) {
        int t = -1, alone = -1;  /* film beside family_films: the table of the word alone */
        for (int u = 0; u < nt; u++)
            if (s->tables[u].nw && !strcmp(s->tables[u].w[s->tables[u].nw - 1], alias[k][0]) && !s->tables[u].is_view) {
                t = t == -1 ? u : -2;
                alone = s->tables[u].nw > 1 ? alone : alone == -1 ? u : -2;
            }
        t = t == -2 && alone >= 0 ? alone : t;
        if (t >= 0 && word_unused(s, alias[k][1])) {
            char **w = xmalloc(sizeof *w);
            w[0] = xstrdup(alias[k][1]);
            add_phrase(s, cap, w, 1, PH_TABLE, t, -1, -1, 0);
        }
    }
}

void lexicon_build_index(ask_schema_t *s)
{
    int cap = 0;
    for (int t = 0; t < s->ntables; t++) {
        ask_table_t *tb = &s->tables[t];
        add_phrase(s, &cap, dup_words(tb->w, tb->nw), tb->nw, PH_TABLE, t, -1, -1, 0);
        index_glued(s, &cap, t);
        index_key_name(s, &cap, t);
        if (tb->nw > 1 && head_is_free(s, tb->w[tb->nw - 1]) &&  /* "PurchaseOrders": "orders" */
            head_may_stand_alone(tb->w[tb->nw - 1]))
            add_phrase(s, &cap, dup_words(tb->w + tb->nw - 1, 1), 1, PH_TABLE, t, -1, -1, 0);
        if (tb->nw == 2 && !strcmp(tb->w[1], "sale") && head_is_free(s, tb->w[0]) &&  /* ticket_sales: */
            head_may_stand_alone(tb->w[0]))                                          /* "tickets" sold */
            add_phrase(s, &cap, dup_words(tb->w, 1), 1, PH_TABLE, t, -1, -1, 0);
        for (int c = 0; c < tb->ncols; c++)
            index_column(s, &cap, t, c);
    }
    index_table_alias(s, &cap);
    for (int v = 0; v < s->nvocab; v++)
        add_phrase(s, &cap, dup_words(s->vocab[v].w, s->vocab[v].nw), s->vocab[v].nw,
                   PH_VOCAB, s->vocab[v].table, s->vocab[v].column, v, 0);
    if (s->nph)
        qsort(s->ph, (size_t)s->nph, sizeof *s->ph, cmp_phrase);
}

/* 1 when the code val reads as typed, bar the blanks a fixed-width column
 * pads it with ('A ' of takes.grade for "an A") */
static int as_typed(const char *typed, const char *val)
{
    size_t n = strlen(typed);
    if (strncmp(typed, val, n))
        return 0;
    while (val[n] == ' ')
        n++;
    return val[n] == '\0';
}

int lexicon_match(const ask_schema_t *s, const ask_toks_t *tk, int i,
                  const ask_phrase_t **out, int max)
{
    int lo = 0, hi = s->nph, n = 0;
    const char *key = tk->t[i].stem;
    while (lo < hi) {  /* first phrase whose first word >= key */
        int mid = (lo + hi) / 2;
        if (strcmp(s->ph[mid].w[0], key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int p = lo; p < s->nph && n < max && !strcmp(s->ph[p].w[0], key); p++) {
        const ask_phrase_t *ph = &s->ph[p];
        if (i + ph->nw > tk->n)
            continue;
        int ok = 1;
        for (int k = 1; k < ph->nw && ok; k++)
            ok = !strcmp(ph->w[k], tk->t[i + k].stem) && !tk->t[i + k].used &&
                 (ph->kind == PH_VALUE || !tk->t[i + k - 1].ends);  /* 'Nopi: The Cookbook' has its own */
        const char *val = ok && ph->exact_case == 1 ? lexicon_phrase_value(s, ph) : NULL;
        if (ok && ph->exact_case == 1)
            ok = val && as_typed(tk->t[i].raw, val);
        else if (ok && ph->exact_case == 2)  /* an alias said in capitals, or after "the" */
            ok = !strcmp(tk->t[i].raw, "US") || (i > 0 && !strcmp(tk->t[i - 1].low, "the"));
        if (ok)
            out[n++] = ph;
    }
    return n;
}

/* name lower-cased without separators: "LifeExpectancy" -> "lifeexpectancy" */
static int squashed_equal(const char *name, const char *sq)
{
    for (; *name; name++) {
        if (!isalnum((unsigned char)*name))
            continue;
        if (tolower((unsigned char)*name) != *sq++)
            return 0;
    }
    return *sq == 0;
}

int lexicon_match_squashed(const ask_schema_t *s, const ask_toks_t *tk, int i, int *table,
                           int *column)
{
    char sq[128];
    for (int len = 3; len >= 2; len--) {
        if (i + len > tk->n)
            continue;
        sq[0] = 0;
        for (int k = i; k < i + len; k++)
            if (strlen(sq) + strlen(tk->t[k].low) < sizeof sq)
                strcat(sq, tk->t[k].low);
        for (int t = 0; t < s->ntables; t++) {
            *table = t;
            *column = -1;
            if (squashed_equal(s->tables[t].name, sq))
                return len;
            for (int c = 0; c < s->tables[t].ncols; c++)
                if (squashed_equal(s->tables[t].cols[c].name, sq))
                    return *column = c, len;
        }
    }
    return 0;
}

int lexicon_match_of(const ask_schema_t *s, const ask_toks_t *tk, int i, int *table, int *column)
{
    /* "date of birth" (date_birth); "the reason for a delay" (delay_reason) */
    int of = words_at(tk, i + 1, "of"), art = !of && words_at(tk, i + 1, "for") &&
             (words_at(tk, i + 2, "a") || words_at(tk, i + 2, "the")), y = i + 2 + art;
    if (y >= tk->n || (!of && !words_at(tk, i + 1, "for")) || tk->t[y].used)
        return 0;
    int n = 0;
    for (int t = 0; t < s->ntables; t++)
        for (int c = 0; c < s->tables[t].ncols; c++) {
            const ask_col_t *col = &s->tables[t].cols[c];
            if (col->nw == 2 && !strcmp(col->w[!of], tk->t[i].stem) && !strcmp(col->w[of], tk->t[y].stem))
                n++, *table = t, *column = c;
        }
    return n == 1 ? y + 1 - i : 0;
}

const char *lexicon_phrase_value(const ask_schema_t *s, const ask_phrase_t *ph)
{
    if (ph->kind != PH_VALUE)
        return NULL;
    const ask_col_t *c = &s->tables[ph->table].cols[ph->column];
    return ph->value >= 0 && ph->value < c->nsamples ? c->samples[ph->value] : NULL;
}
