/* parse.c — the scanning half of the business-question parser: chart and
 * SQL requests, follow-up cues, top/bottom N, comparisons (parse_cmp.c), dates,
 * time grains and schema mentions, each marking the tokens it consumes.
 * assemble.c then gives the mentions roles and builds the plan. */
#include "ask/internal.h"
#include "core/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void scan_chart(ask_toks_t *tk, ask_parse_t *p, int i)
{
    static const char *const chart_words[] = {"chart", "graph", "plot", NULL};
    const ask_cue_t *r = grammar_cue_at(grammar_chart_cues, tk, i);
    const char *kind = NULL;
    if (r && (!(r->flags & CUE_WANTS_CHART) || (i + 1 < tk->n && words_in(tk->t[i + 1].low, chart_words))))
        kind = grammar_chart_names[r->kind];
    else if (!strcmp(tk->t[i].low, "table") && words_at(tk, i - 1, "a") && words_at(tk, i - 2, "as"))
        kind = "table";
    if (!kind)
        return;
    snprintf(p->chart, sizeof p->chart, "%s", kind);
    parse_use(tk, i, 1);
    if (i + 1 < tk->n && words_in(tk->t[i + 1].low, chart_words))
        parse_use(tk, i + 1, 1);
    for (int k = i - 1; k >= 0 && k >= i - 3; k--)  /* "as a", "make it a", "show as" */
        if (words_in(tk->t[k].low, (const char *const[]){"as", "a", "it", "make", "show", "in", "into", "use", NULL}))
            parse_use(tk, k, 1);
}

static void scan_meta(ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const starts[] = {"now", "only", "just", "and", "instead", "same",
        "also", "but", "then", "make", "switch", "change", "break", "split", "by", "per",
        "for", "in", "excluding", "except", "without", "as", "limit", "sort", "exclude",
        "include", "drop", "remove", "add", "plus", "again", "ok", "okay", "nope", NULL};
    for (int i = 0; i < tk->n; i++) {
        const char *w = tk->t[i].low;
        if ((!strcmp(w, "group") || !strcmp(w, "grouped")) && words_at(tk, i + 1, "by"))
            parse_use(tk, i, 1);  /* "grouped by region": the "by" says how */
        scan_chart(tk, p, i);
        if ((!strcmp(w, "sql") || (!strcmp(w, "query") && i > 0)) && !tk->t[i].used) {
            p->show_sql = 1;
            parse_use(tk, i, 1);
            for (int k = i - 1; k >= 0 && k >= i - 3; k--)
                if (words_in(tk->t[k].low, (const char *const[]){"show", "me", "the", "see",
                        "view", "display", "give", "your", "generated", NULL}))
                    parse_use(tk, k, 1);
        }
        if (!strcmp(w, "instead") || !strcmp(w, "again") ||
            ((!strcmp(w, "what") || !strcmp(w, "how")) && words_at(tk, i + 1, "about")))
            p->edit_cue = 1;
        if (!strcmp(w, "only") || !strcmp(w, "just"))
            p->only = 1;
    }
    if (tk->n && words_in(tk->t[0].low, starts))
        p->edit_cue = 1;
    static const char *const sql[] = {"select", "with", "insert", "update", "delete", "drop",
        "truncate", "alter", "create", "grant", "revoke", "copy", "explain", NULL};
    int kw = 0;
    for (int i = 0; i < tk->n; i++)
        kw += words_in(tk->t[i].low, sql) || !strcmp(tk->t[i].low, "from") || !strcmp(tk->t[i].low, "where");
    p->sql_like = tk->n && words_in(tk->t[0].low, sql) && kw >= 2;
}

/* 1 when the words at i name a numeric column ("monthly payment" of a
 * loan: an amount per month, not a grouping by month). */
static int names_amount(const ask_schema_t *s, const ask_toks_t *tk, int i, int own)
{
    const ask_phrase_t *m[16];
    int n = i < tk->n ? lexicon_match(s, tk, i, m, 16) : 0;
    int tt, tc;  /* "monthly charges" of dated bookings: each month's; "a monthly price" (own): its */
    for (int k = 0; k < n; k++)
        if (m[k]->kind == PH_COLUMN && lexicon_col_is_numeric(&s->tables[m[k]->table].cols[m[k]->column]) &&
            (own || lexicon_time_for(s, m[k]->table, &tt, &tc) < 0))
            return 1;
    return 0;
}

/* 1 when the words from i on spell a column's whole name of two words or
 * more ("annual income" for annual_income, "monthly fee"): 1; its last two
 * words or more: 2. */
static int names_column(const ask_schema_t *s, const ask_toks_t *tk, int i)
{
    for (int t = 0; t < s->ntables; t++)
        for (int c = 0; c < s->tables[t].ncols; c++) {
            const ask_col_t *col = &s->tables[t].cols[c];
            for (int from = 0; from + 2 <= col->nw; from++) {  /* or its last words: "annual */
                int k = 0;                                        /* salary" of current_annual_salary */
                while (from + k < col->nw && i + k < tk->n && !strcmp(col->w[from + k], tk->t[i + k].stem))
                    k++;
                if (from + k == col->nw && k >= 2)
                    return from ? 2 : 1;
            }
        }
    return 0;
}

/* 1 when token i begins a phrase naming a column ("month" of a month column) */
/* 1 when the words at i name a column — but a column of years (model_year)
 * is no name for "which year": that is the year of the counted rows' date,
 * chosen with the time (assemble_time.c). */
static int names_other_column(const ask_schema_t *s, const ask_toks_t *tk, int i)
{
    const ask_phrase_t *m[16];
    int n = lexicon_match(s, tk, i, m, 16);
    for (int k = 0; k < n; k++)
        if (m[k]->kind == PH_COLUMN && (s->tables[m[k]->table].cols[m[k]->column].nw == 1 ||
                                        !lexicon_col_is_year(&s->tables[m[k]->table].cols[m[k]->column])))
            return 1;
    return 0;
}

/* 1 when a superlative follows token i: "which month had the most …" */
static int ranked_later(const ask_toks_t *tk, int i)
{
    for (int k = i + 1; k < tk->n; k++)
        if (words_in(tk->t[k].low, (const char *const[]){"most", "fewest", "least", "highest", "lowest",
                                                         "busiest", "quietest", NULL}))
            return 1;
    return 0;
}

/* "average salary by hire year", "orders by order month": a grain said
 * after the one word of a date column — the grain taken (cue and grain
 * word), the column's word left to name the date (assemble_time.c). */
static int by_date_grain(const ask_schema_t *s, ask_toks_t *tk, int i, ask_parse_t *p)
{
    if (i + 2 >= tk->n || tk->t[i + 2].used || !words_at(tk, i, "by"))  /* "cost per training day": */
        return 0;                                                             /* a rate, asked */
    int g = grammar_grain_parse(tk->t[i + 2].stem), timecol = 0;
    if (!g || g == G_NONE || grammar_grain_parse(tk->t[i + 1].stem))
        return 0;
    const ask_phrase_t *m[16];
    int n = lexicon_match(s, tk, i + 1, m, 16);
    for (int k = 0; k < n; k++) {
        if (m[k]->nw != 1)
            return 0;
        timecol |= m[k]->kind == PH_COLUMN && lexicon_col_is_time(&s->tables[m[k]->table].cols[m[k]->column]);
    }
    if (!timecol)
        return 0;
    p->q.grain = g;
    parse_use(tk, i, 1);
    parse_use(tk, i + 2, 1);
    return 1;
}

static int scan_grain_at(const ask_schema_t *s, ask_toks_t *tk, int i, ask_parse_t *p)
{
    const char *w = tk->t[i].low;
    int g;
    int named_col = names_column(s, tk, i);  /* "annual income": the column, not "by year" */
    if (named_col == 2 && (!strcmp(w, "annual") || grammar_find(grammar_grain_adjectives + 1, G_COUNT_ - 1, w) >= 0))
        tk->t[i].used = 1;  /* "annual salary" of current_annual_salary: the column's word */
    if (named_col)
        return 0;
    /* "average monthly payment", "a monthly payment above 9000": an
     * adjective of the amount, not a grouping */
    int of_agg = i > 0 && words_in(tk->t[i - 1].low, (const char *const[]){"average", "avg",
        "mean", "median", "total", "sum", "minimum", "maximum", "min", "max", NULL});
    int own = i > 0 && words_in(tk->t[i - 1].low, (const char *const[]){"a", "an", "their", "its", "whose", NULL});
    int of_amount = of_agg || (grammar_find(grammar_grain_adjectives + 1, G_COUNT_ - 1, w) >= 0 &&
                               names_amount(s, tk, i + 1, own));
    if (of_amount && !of_agg)  /* "a monthly payment above 9000": the amount's own word; */
        tk->t[i].used = 1;     /* "average monthly amount" stays a question */
    /* "The Daily", "Weekly World News": a capital inside the question is a name's */
    int named = i > 0 && isupper((unsigned char)tk->t[i].raw[0]) && !isupper((unsigned char)tk->t[i].raw[1]);
    for (g = G_DAY; g < G_COUNT_ && !of_amount && !named; g++)
        if (!strcmp(w, grammar_grain_adjectives[g]))
            return p->q.grain = g, parse_use(tk, i, 1), 1;
    if (!strcmp(w, "annual") || !strcmp(w, "annually"))
        return p->q.grain = G_YEAR, parse_use(tk, i, 1), 1;
    if ((!strcmp(w, "over") && words_at(tk, i + 1, "time")) || !strcmp(w, "trend") ||
        !strcmp(w, "trends") || !strcmp(w, "timeline") || (!strcmp(w, "time") && words_at(tk, i + 1, "series")))
        return p->q.grain = G_MONTH, parse_use(tk, i, strcmp(w, "over") && strcmp(w, "time") ? 1 : 2), 1;
    /* "our best month ever", "the busiest day": a period named right after a
     * superlative is what is ranked */
    if (i > 0 && tk->t[i - 1].used && words_in(tk->t[i - 1].low, (const char *const[]){"best",
            "worst", "busiest", "biggest", "strongest", "weakest", "highest", "lowest", "top", NULL})) {
        g = grammar_grain_parse(tk->t[i].stem);
        if (g && g != G_NONE)
            return p->q.grain = g, parse_use(tk, i, 1), 1;
    }
    int on = i == 2 && words_in(tk->t[0].low, (const char *const[]){"on", "in", "during", NULL});
    if (i == 1 + on && words_in(tk->t[on].low, (const char *const[]){"which", "what", NULL}) &&
        !names_other_column(s, tk, i) && ranked_later(tk, i)) {  /* "(on) which day had the most inspections" */
        g = grammar_grain_parse(tk->t[i].stem);
        if (g && g != G_NONE)
            return p->q.grain = g, parse_use(tk, i, 1), 1;
    }
    int cue = words_in(w, (const char *const[]){"by", "per", "each", "every", "a", "and", NULL});
    /* "by day of the week"; "which weekday has the most" (the top one: "which"
     * stays for parse_top), not "on which weekday was the biggest sale" */
    int dow = weekday_group_words(tk, i), which = words_in(w, (const char *const[]){"which", "what", NULL});
    if (dow && which && ranked_later(tk, i))
        return p->q.grain = G_DOW, parse_use(tk, i + 1, dow - 1), 1;
    if (dow && !which)
        return p->q.grain = G_DOW, parse_use(tk, i, dow), 1;
    if (!cue || i + 1 >= tk->n || tk->t[i + 1].used)
        return 0;
    if (by_date_grain(s, tk, i, p))  /* "by hire year": the grain, the date left to be read */
        return 1;
    const char *u = tk->t[i + 1].stem;
    g = grammar_grain_parse(u);
    if (!strcmp(u, "date") && strcmp(w, "and"))  /* "by date"; "with title and date" shows it */
        g = G_DAY;
    if (!g)
        return 0;
    p->q.grain = g;
    parse_use(tk, i, 2);
    return 1;
}

/* "customers who signed up this year", "users registered in 2024", "races
 * held in 2023", "loans granted each year", "games played each month",
 * "reviews posted on a weekend": with a period, a time grain or a weekday,
 * these verbs say it applies to when the row was created or took place —
 * the table's own time column, which is what the plan uses. */
static void scan_event_verbs(ask_toks_t *tk)
{
    static const char *const verbs[] = {"signed", "joined", "registered", "created", "added",
        "opened", "signup", "signups", "received", "placed", "made", "submitted", "booked",
        "recorded", "logged", "held", "granted", "issued", "approved", "offered", "became",
        "played", "posted", "written", "filed", "lodged", "reported", NULL};
    for (int i = 0; i < tk->n; i++) {  /* "issues" read as "issued" is a table's word, no verb */
        if (!tk->t[i].used && words_in(tk->t[i].low, verbs) && !strcasecmp(tk->t[i].raw, tk->t[i].low))
            parse_use(tk, i, words_at(tk, i + 1, "up") ? 2 : 1);
        if (!tk->t[i].used && words_in(tk->t[i].low, (const char *const[]){"came", "come", NULL}) &&
            words_at(tk, i + 1, "out") && !tk->t[i + 1].used)  /* "games that came out in 2020" */
            parse_use(tk, i, 2);
    }
}

static int kind_rank(int kind)
{
    return kind == PH_VOCAB ? 3 : kind == PH_TABLE ? 2 : kind == PH_COLUMN ? 1 : 0;
}

static void add_mention(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p,
                        const ask_phrase_t *const *m, int n, int pos)
{
    if (p->nm == ASK_MAX_MENTIONS)
        return;
    int best = 0;
    for (int k = 1; k < n; k++)
        if (m[k]->nw > m[best]->nw ||
            (m[k]->nw == m[best]->nw && kind_rank(m[k]->kind) > kind_rank(m[best]->kind)))
            best = k;
    ask_mention_t *x = &p->m[p->nm++];
    *x = (ask_mention_t){.kind = m[best]->kind, .t = m[best]->table, .c = m[best]->column,
                         .v = m[best]->kind == PH_VOCAB ? m[best]->value : -1,
                         .val = lexicon_phrase_value(s, m[best]), .pos = pos, .len = m[best]->nw,
                         .role = R_NONE};
    for (int k = 0; k < n && x->nalt < 4; k++)
        if (k != best && m[k]->nw == m[best]->nw && m[k]->kind == m[best]->kind &&
            (m[k]->table != x->t || m[k]->column != x->c))
            x->alt[x->nalt++] = (ask_reading_t){m[k]->table, m[k]->column,
                                                lexicon_phrase_value(s, m[k])};
    readings_prefer(s, x, pos > 0 ? tk->t[pos - 1].low : "");
}

/* "customers with home store 3": a number right after a column or table
 * the question names is that one's (a store's number), not a text '3'
 * sampled in another table (a staff member's location). 1 when every
 * reading of the number is a value elsewhere: it is left unread. */
static int number_named_before(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                               int i, const ask_phrase_t **m, int n)
{
    if (!tk->t[i].isnum || !n || !p->nm)
        return 0;
    const ask_mention_t *b = &p->m[p->nm - 1];
    if (b->pos + b->len != i || (b->kind != PH_TABLE && b->kind != PH_COLUMN))
        return 0;
    for (int k = 0; k < n; k++)
        if (m[k]->kind != PH_VALUE || m[k]->table == b->t ||
            (b->kind == PH_COLUMN && s->tables[b->t].cols[b->c].fk_table == m[k]->table))
            return 0;
    return 1;
}

/* "Family films": a view's name (family_films) that also reads as a value
 * and a table (category "Family", film) is the value and the table — a
 * view yields to the tables it is built on, as its values do. Drops the
 * view's phrases from m: the count left. */
static int view_yields(const ask_schema_t *s, const ask_toks_t *tk, int i, const ask_phrase_t **m, int n)
{
    if (n < 2 || m[0]->kind != PH_TABLE || m[0]->nw < 2 || !s->tables[m[0]->table].is_view)
        return n;
    const ask_phrase_t *rest[32];
    int split = 0;
    for (int k = 1; k < n && !split; k++) {
        int len = m[k]->nw;
        if (m[k]->kind != PH_VALUE || len >= m[0]->nw || i + len >= tk->n)
            continue;
        int nr = lexicon_match(s, tk, i + len, rest, 32);
        for (int r = 0; r < nr && !split; r++)
            split = rest[r]->kind == PH_TABLE && rest[r]->nw == m[0]->nw - len &&
                    !s->tables[rest[r]->table].is_view;
    }
    if (!split)
        return n;
    int j = 0, longest = m[0]->nw;
    for (int k = 0; k < n; k++)
        if (m[k]->nw < longest)
            m[j++] = m[k];
    return j;
}

/* 1 when a table or column the phrase is holds the word as typed, not only
 * its synonym: the table `income` for "incomes", not revenue in general. */
static int names_literally(const ask_schema_t *s, const ask_phrase_t *ph, const char *low)
{
    char w[64];
    snprintf(w, sizeof w, "%s", low);
    size_t n = strlen(w);
    if (n > 3 && w[n - 1] == 's')
        w[n - 1] = 0;
    if (!strcmp(w, "revenue") || !strcmp(w, "sale") || strlen(w) < 4 ||
        (ph->kind != PH_TABLE && ph->kind != PH_COLUMN))
        return 0;
    const ask_table_t *tb = &s->tables[ph->table];
    return strcasestr(ph->kind == PH_TABLE ? tb->name : tb->cols[ph->column].name, w) != NULL;
}

/* "the animal's name" where one pet is called 'Name': a value said in
 * lower case that is its own column's head noun is that column's word,
 * not the value */
static int own_column_word(const ask_schema_t *s, const ask_toks_t *tk, int i, const ask_phrase_t **m, int n)
{
    if (n == 0 || m[0]->kind != PH_VALUE || m[0]->nw != 1 || strcmp(tk->t[i].raw, tk->t[i].low))
        return 0;
    const ask_col_t *c = &s->tables[m[0]->table].cols[m[0]->column];
    return c->nw > 1 && !strcmp(c->w[c->nw - 1], tk->t[i].stem);  /* its head noun: not "ballast" */
}

/* "incidents that involved a road traffic collision" beside a flag
 * victims_involved: the flag's verb with an object of its own links the
 * rows to that object — it does not say the flag */
static int flag_verb_with_object(const ask_schema_t *s, const ask_toks_t *tk, int i, const ask_phrase_t **m,
                                 int n)
{
    if (n == 0 || m[0]->kind != PH_COLUMN || m[0]->nw != 1 || i + 1 >= tk->n ||
        !words_in(tk->t[i + 1].low, (const char *const[]){"a", "an", "any", NULL}))
        return 0;
    const ask_col_t *c = &s->tables[m[0]->table].cols[m[0]->column];
    size_t len = strlen(tk->t[i].low);
    return c->nw >= 2 && lexicon_col_is_flag(c) && !strcmp(c->w[c->nw - 1], tk->t[i].low) && len > 4 &&
           !strcmp(tk->t[i].low + len - 2, "ed");
}

/* "list the sales made on a saturday" where a table `sales` holds them:
 * its rows, not the revenue of another table's lines ("list" before them,
 * "made" after) */
static int sales_as_rows(const ask_schema_t *s, const ask_toks_t *tk, int i)
{
    if (strcmp(tk->t[i].low, "sales") || nouns_sales_table(s) < 0)
        return 0;
    int k = i - 1 - (i >= 2 && words_in(tk->t[i - 1].low, (const char *const[]){"the", "all", NULL}));
    return words_at(tk, k, "list") || words_at(tk, i + 1, "made");
}

/* "What percentage of our staff is in Sales?": a capital word inside a
 * sentence that is a sampled value as typed ('Sales', a department) is that
 * value, not revenue — unless most words are capitalised (a title). The
 * value phrases of m kept; their count. */
static int capital_value(const ask_schema_t *s, const ask_toks_t *tk, int i, const ask_phrase_t **m, int n)
{
    int caps = 0, words = 0, j = 0;
    for (int k = 1; k < tk->n; k++)
        if (isalpha((unsigned char)tk->t[k].raw[0]))
            words++, caps += isupper((unsigned char)tk->t[k].raw[0]) != 0;
    if (i == 0 || !isupper((unsigned char)tk->t[i].raw[0]) || isupper((unsigned char)tk->t[i].raw[1]) ||
        2 * caps > words)
        return 0;
    for (int k = 0; k < n; k++) {
        const char *v = m[k]->kind == PH_VALUE && m[k]->nw == 1 ? lexicon_phrase_value(s, m[k]) : NULL;
        if (v && !strcmp(v, tk->t[i].raw))
            m[j++] = m[k];
    }
    return j;
}

static void scan_mentions(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    const ask_phrase_t *m[32];
    for (int i = 0; i < tk->n; i++) {
        /* "Return the …" opening a question is no return_date; other function
         * words may still begin a name ("time of day", "entry date") */
        if (tk->t[i].used || (words_is_stop_at(tk, i) && !words_is_stop(tk->t[i].low)))
            continue;
        const char *st = tk->t[i].stem;
        if (!strcmp(st, "revenue") || !strcmp(st, "sale") || !strcmp(st, "gmv")) {
            int n = lexicon_match(s, tk, i, m, 32);  /* a vocabulary term wins */
            int vals = capital_value(s, tk, i, m, n);
            if (vals) {
                add_mention(s, tk, p, m, vals, i);
                parse_use(tk, i, 1);
                continue;
            }
            int named = n && (names_literally(s, m[0], tk->t[i].low) ||  /* "sale price": sale_price */
                              (m[0]->nw >= 2 && (m[0]->kind == PH_COLUMN || m[0]->kind == PH_TABLE)));
            if ((!n || m[0]->kind != PH_VOCAB) && !named && !sales_as_rows(s, tk, i)) {
                int weak = !strcmp(tk->t[i].low, "sold") || !strcmp(tk->t[i].low, "selling") ? 1
                         : strcmp(st, "sale") ? 0 : 2;
                if (p->nm < ASK_MAX_MENTIONS)  /* v = 1: a verb ("sold"), not a measure;
                                                * 2: "sales" (a count of them, or their revenue) */
                    p->m[p->nm++] = (ask_mention_t){.kind = -1, .t = -1, .c = -1, .v = weak,
                                                    .pos = i, .len = 1, .role = R_NONE};
                parse_use(tk, i, 1);
                continue;
            }
        }
        int n = lexicon_match(s, tk, i, m, 32), t, c, len;
        /* "number of races" counts races even where a column is named
         * "number": a two-word measure cue is never a one-word name */
        const ask_cue_t *cue = grammar_cue_at(grammar_measure_cues, tk, i);
        if (cue && cue->next && (!n || (m[0]->nw == 1 && m[0]->kind != PH_TABLE)))
            continue;
        /* "the 5 youngest drivers": a number before a superlative counts rows */
        size_t nl = i + 1 < tk->n ? strlen(tk->t[i + 1].low) : 0;
        if (tk->t[i].isnum && nl > 4 && !strcmp(tk->t[i + 1].low + nl - 3, "est") &&
            (!n || m[0]->nw == 1))
            continue;
        /* "the reason for a delay": delay_reason, said whole, over "reason" alone */
        int whole = n > 0 && m[0]->nw == 1 && m[0]->kind == PH_COLUMN &&
                    (len = lexicon_match_of(s, tk, i, &t, &c)) > 0 && t == m[0]->table && c == m[0]->column;
        if ((whole || (n == 0 && ((len = lexicon_match_squashed(s, tk, i, &t, &c)) > 0 ||
                                  (len = lexicon_match_of(s, tk, i, &t, &c)) > 0))) && p->nm < ASK_MAX_MENTIONS) {
            p->m[p->nm++] = (ask_mention_t){.kind = c < 0 ? PH_TABLE : PH_COLUMN, .t = t, .c = c,
                                            .v = -1, .pos = i, .len = len, .role = R_NONE};
            parse_use(tk, i, len);
            i += len - 1;
            continue;
        }
        /* "sections held in …": a verb typed in lower case is not the name "Held" */
        if (n > 0 && m[0]->kind == PH_VALUE && m[0]->nw == 1 && account_is_verb(tk->t[i].low) &&
            !strcmp(tk->t[i].raw, tk->t[i].low))
            n = 0;
        if (number_named_before(s, tk, p, i, m, n) || own_column_word(s, tk, i, m, n))
            n = 0;
        if (flag_verb_with_object(s, tk, i, m, n)) {
            parse_use(tk, i, 1);
            continue;
        }
        n = view_yields(s, tk, i, m, n);
        if (n == 0)
            continue;
        add_mention(s, tk, p, m, n, i);
        parse_use(tk, i, p->m[p->nm - 1].len);
        i += p->m[p->nm - 1].len - 1;
    }
}

/* "the IATA code", "their ISO codes": a column named by its code is that
 * column — "code" says what kind of value it holds. */
static void code_words(ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++) {
        int k = p->m[i].pos + p->m[i].len;
        if (p->m[i].kind == PH_COLUMN && k < tk->n && !tk->t[k].used &&
            words_in(tk->t[k].low, (const char *const[]){"code", "codes", NULL}))
            tk->t[k].used = 1;
    }
}


/* "which country has the most titles", "directors with more than 10
 * titles": a table's label column said in the plural, where the table is
 * not named, stands for the table's rows (each row is one title). */
static void label_plurals(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_COLUMN || m->nalt || m->len != 1 || m->c != s->tables[m->t].label ||
            s->tables[m->t].cols[m->c].kind != CK_TEXT || !strcmp(tk->t[m->pos].low, tk->t[m->pos].stem))
            continue;
        if (lexicon_col_names_other(&s->tables[m->t], m->c, tk->t[m->pos].stem) ||
            words_in(m->pos > 0 ? tk->t[m->pos - 1].low : "", (const char *const[]){"distinct", "different",
                     "unique", NULL}))
            continue;  /* "items" of orders.item_name: each item, not each order; "distinct titles" */
        int named = 0;
        for (int k = 0; k < p->nm; k++)
            named |= p->m[k].kind == PH_TABLE && p->m[k].t == m->t;
        if (!named)
            m->kind = PH_TABLE, m->c = -1;
    }
}

int parse_question(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, ask_cmp_t cmps[4])
{
    int nc = 0;
    memset(p, 0, sizeof *p);
    plan_init(&p->q);
    p->subject = -1;
    p->level = (ask_colref_t){-1, -1};
    p->nameless_group = -1;
    scan_meta(tk, p);
    ranking_duration_words(s, tk);
    span_scan_first_last(tk, p);
    parse_scan_top(s, tk, p);
    for (int i = 0; i < tk->n; i++)
        if (!tk->t[i].used && nc < 4 && parse_scan_cmp(tk, i, &cmps[nc]))
            nc++;
    for (int i = 0, first = -1, g; i < tk->n; i++) {
        ask_date_t d;
        if (!tk->t[i].used && dates_parse(tk, i, &d)) {
            if (p->q.date.kind && !p->q.grain && (g = periods_pair(tk, &p->q.date, first, &d, i))) {
                p->q.grain = g;  /* "born in 2010 and how many in 2018": each year's */
                continue;
            }
            first = first < 0 ? i : first;
            if (p->q.date.kind && !p->ambiguous)  /* "in 1996 and in 1998": not one period */
                p->ambiguous = AMB_DATES;
            p->q.date = d;
            /* "over the last 30 days", "during 2024", "within this year" */
            int k = i > 0 && words_at(tk, i - 1, "the") ? i - 1 : i;
            if (k > 0 && !tk->t[k - 1].used && words_in(tk->t[k - 1].low, (const char *const[]){
                    "over", "during", "within", "for", "in", NULL}))
                parse_use(tk, k - 1, i - k + 1);
        }
    }
    weekday_parse(tk, p);
    for (int i = 0; i < tk->n; i++)
        if (!tk->t[i].used)
            scan_grain_at(s, tk, i, p);
    if (p->q.date.kind || p->q.grain || p->dow_from)  /* "loans granted in 1996", "… each year" */
        scan_event_verbs(tk);
    parse_scan_happened(tk);
    domain_scan(s, tk);
    scan_mentions(s, tk, p);
    pairs_merge(s, tk, p);
    code_words(tk, p);
    label_plurals(s, tk, p);
    readings_qualified(s, tk, p);
    return nc;
}

void parse_free(ask_parse_t *p)
{
    plan_clear(&p->q);
}
