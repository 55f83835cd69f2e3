/* presence.c — filters said as having or lacking something: "customers
 * with no email", "suppliers that have a homepage", "employees who don't
 * have a region" (NULL tests) and "products out of stock" / "in stock" (a
 * stock column at zero or above it). */
#include "ask/internal.h"

#include <string.h>

/* How many words before k+1 deny the "have" after them: "not", "never"
 * (1), "don't" (2: split as "don" "t"); 0 when none. */
static int denies(const ask_toks_t *tk, int k)
{
    static const char *const neg[] = {"not", "never", "dont", "doesnt", "didnt", NULL};
    static const char *const aux[] = {"don", "doesn", "didn", NULL};
    if (k < 0 || k >= tk->n)
        return 0;
    if (words_in(tk->t[k].low, neg))
        return 1;
    return !strcmp(tk->t[k].low, "t") && k > 0 && words_in(tk->t[k - 1].low, aux) ? 2 : 0;
}

void filters_use_stated(ask_toks_t *tk, int k)
{
    static const char *const stated[] = {"listed", "given", "recorded", "specified", "provided",
        "entered", "known", "set", "stated", "filled", "anything", "anyone", "anybody", "yet", NULL};
    if (k >= 0 && k < tk->n && !tk->t[k].used && words_in(tk->t[k].low, stated))
        tk->t[k].used = 1;
}

/* "customers with no email" / "without a city" / "with an email" / "that
 * have a homepage" / "who don't have a fax": a column named after such a
 * word is tested for NULL. A number is not ("with a price over 20" is a
 * comparison). */
/* "which countries have no subdivisions" where subdivision is a column of
 * subcountry (which points at country): the related rows lacking, not a
 * related row whose column is empty — a table named before the column
 * that the column's table points at, many to one. 1 when so (it asks).
 * A table of one row per parent (its key is the link: links.movie_id) is
 * the parent's own columns: "movies with no TMDb id" tests the column. */
static int lacks_related(const ask_schema_t *s, const ask_parse_t *p, const ask_mention_t *m)
{
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *o = &p->m[i];
        if (o->kind != PH_TABLE || o->pos >= m->pos || o->t == m->t)
            continue;
        for (int k = 0; k < s->nedges; k++)
            if (s->edges[k].from_t == m->t && s->edges[k].to_t == o->t &&
                s->tables[m->t].pk != s->edges[k].from_c)
                return 1;
    }
    return 0;
}

/* The one date column of t a past verb names (returned → return_date), or -1. */
static int verb_date_col(const ask_table_t *t, const char *verb)
{
    int c = -1;
    for (int k = 0; k < t->ncols; k++)
        if (lexicon_col_is_time(&t->cols[k]) && !t->cols[k].never_null && lexicon_verb_names_col(verb, &t->cols[k]))
            c = c == -1 ? k : -2;
    return c;
}

/* "rentals that have not been returned", "rentals never returned",
 * "rentals not returned yet": a past verb no column took, naming one date
 * of the rows (return_date, sometimes empty), denied right after their
 * noun or a "that", and nothing said after it ("not released in the UK"
 * is about where) — the rows where it is empty (or set, undenied after
 * "that"). */
static void verb_dates_unnamed(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const aux[] = {"were", "was", "been", "have", "has", "had", "got", "get", "are", "is",
        NULL};
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.t;
    for (int i = 1; i < tk->n && base >= 0 && p->q.nf < ASK_MAX_FILTERS; i++) {
        size_t n = strlen(tk->t[i].low);
        int c = tk->t[i].used || n < 5 || strcmp(tk->t[i].low + n - 2, "ed") ? -1
              : verb_date_col(&s->tables[base], tk->t[i].low);
        if (c < 0)
            continue;
        int k = i - 1, neg = 0;
        while (k > 0 && (words_in(tk->t[k].low, aux) || denies(tk, k)))
            neg |= denies(tk, k) > 0, k--;
        int after_rows = 0;  /* "rentals never returned": the rows' noun right before */
        for (int j = 0; j < p->nm; j++)
            after_rows |= p->m[j].kind == PH_TABLE && p->m[j].t == base && p->m[j].pos + p->m[j].len == k + 1;
        int end = i + 1 + words_at(tk, i + 1, "yet");  /* "not released in the UK" is about the UK */
        if (!(words_in(tk->t[k].low, (const char *const[]){"that", "which", NULL}) || (after_rows && neg)) ||
            (end < tk->n && !words_in(tk->t[end].low, (const char *const[]){"?", ".", ",", "and", NULL})))
            continue;
        for (int u = after_rows ? k + 1 : k; u <= i; u++)  /* "that have not been returned" */
            tk->t[u].used = 1;
        filters_use_stated(tk, i + 1);
        p->q.f[p->q.nf++] = (ask_filter_t){.col = {base, c}, .op = neg ? OP_NULL : OP_NOT_NULL, .pos = i};
    }
}

/* "bags that sold", "orders which were shipped", "listings that never
 * sold": the verb of a date column of the rows (date_sold), said in a
 * clause about them — the rows where it happened (the date is set), or
 * did not. */
static void verb_dates(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const rel[] = {"that", "which", "who", NULL},
        *const aux[] = {"were", "was", "been", "have", "has", "had", "got", "get", NULL},
        *const nouns[] = {"date", "time", "day", "timestamp", NULL};
    for (int i = 0; i < p->nm && p->q.nf < ASK_MAX_FILTERS; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_COLUMN || m->role != R_NONE || m->nalt || m->len != 1 ||
            !lexicon_col_is_time(&s->tables[m->t].cols[m->c]) || words_in(tk->t[m->pos].low, nouns))
            continue;
        int k = m->pos - 1, neg = 0;
        while (k > 0 && (words_in(tk->t[k].low, aux) || denies(tk, k)))
            neg |= denies(tk, k) > 0, k--;
        if (k < 0 || !words_in(tk->t[k].low, rel))
            continue;
        m->role = R_FILTER;
        for (int u = k; u < m->pos; u++)
            tk->t[u].used = 1;
        p->q.f[p->q.nf++] = (ask_filter_t){.col = {m->t, m->c}, .op = neg ? OP_NULL : OP_NOT_NULL,
                                           .pos = m->pos};
    }
    verb_dates_unnamed(s, tk, p);
}

/* 1 when m is a whole-number column said as a plural noun ("hunters" of
 * harvest_reports.hunters): a count each row keeps, whose "no" may be 0 —
 * or an amount of money ("no overtime pay": 0.00, or none recorded) */
static int said_count(const ask_schema_t *s, const ask_toks_t *tk, const ask_mention_t *m)
{
    const ask_col_t *c = &s->tables[m->t].cols[m->c];
    const ask_tok_t *w = &tk->t[m->pos + m->len - 1];
    if (!c->pk && c->fk_table < 0 && lexicon_col_is_numeric(c) && (lexicon_col_is_money(c) ||
        lexicon_col_has_word(c, (const char *const[]){"pay", "payment", "cost", "income", "wage", "bonus",
                                                      "overtime", "commission", NULL})))
        return 1;
    return c->kind == CK_INT && !c->pk && c->fk_table < 0 && !lexicon_col_is_year(c) &&
           !lexicon_col_is_time(c) && strcmp(w->low, w->stem) != 0;
}

void filters_apply_nulls(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    verb_dates(s, tk, p);
    static const char *const none[] = {"no", "without", "missing", NULL};
    for (int i = 0; i < p->nm && p->q.nf < ASK_MAX_FILTERS; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_COLUMN || m->role != R_NONE || m->nalt || m->pos < 1)
            continue;
        int k = m->pos - 1;
        if (k > 0 && (words_at(tk, k, "a") || words_at(tk, k, "an") || words_at(tk, k, "their") ||
                      words_at(tk, k, "its")))
            k--;
        static const char *const stated_w[] = {"recorded", "known", "listed", "given", "stated", "registered",
            "reported", "entered", NULL};
        int stated = m->pos + m->len < tk->n && words_in(tk->t[m->pos + m->len].low, stated_w);
        if (k > 1 && words_in(tk->t[k].low, stated_w) && words_in(tk->t[k - 1].low, none))
            k--, stated = 1;  /* "no recorded mass": the mass */
        int numeric = lexicon_col_is_numeric(&s->tables[m->t].cols[m->c]);
        /* "beers that list their hops", "which include a photo": have */
        int states = k > 1 && words_in(tk->t[k].low, (const char *const[]){"list", "lists", "include",
                         "includes", "mention", "mentions", "give", "gives", "state", "states", NULL}) &&
                     words_in(tk->t[k - 1].low, (const char *const[]){"that", "which", "who", NULL});
        int have = (words_at(tk, k, "have") || words_at(tk, k, "has") || states) && k > 0;
        int is_none = words_in(tk->t[k].low, none) || (have && denies(tk, k - 1));
        if (!is_none && !((words_at(tk, k, "with") || have) && !numeric))
            continue;
        if (!is_none && !have && roles_their(tk, p, m))
            continue;  /* "articles with title and date": shown, not tested */
        if (have)
            k -= denies(tk, k - 1);
        if (is_none && s->tables[m->t].cols[m->c].never_null) {  /* "no genre listed" where every */
            roles_set_ambiguous(p, AMB_NEVER_NULL, m);  /* movie has one: a value says "none" */
            p->amb[0] = (ask_colref_t){m->t, m->c}, p->namb = 1;
            continue;
        }
        if (is_none && said_count(s, tk, m) && !stated) {  /* "reports with no hunters" of a */
            roles_set_ambiguous(p, AMB_ZERO, m);                /* count: 0, or none recorded? */
            p->amb[0] = (ask_colref_t){m->t, m->c}, p->namb = 1;
            continue;
        }
        if (is_none && lacks_related(s, p, m)) {
            snprintf(p->unknown_word, sizeof p->unknown_word, "no %s", s->tables[m->t].cols[m->c].name);
            roles_set_ambiguous(p, AMB_UNSUPPORTED, NULL);
            continue;
        }
        m->role = R_FILTER;
        for (int u = k; u < m->pos; u++)
            tk->t[u].used = 1;
        if (filters_add_flag(s, p, m->t, m->c, m->pos))  /* "wrecks that have a photo on file": */
            p->q.f[p->q.nf - 1].op = is_none ? OP_NOT_IN : OP_IN;  /* a flag set, not one known */
        else
            p->q.f[p->q.nf++] = (ask_filter_t){.col = {m->t, m->c}, .op = is_none ? OP_NULL : OP_NOT_NULL,
                                               .pos = m->pos};
        filters_use_stated(tk, m->pos + m->len);  /* "no director listed" */
    }
}

/* "products that are out of stock": the stock column at zero or below;
 * "in stock": above zero. Only a numeric column whose name says stock or
 * inventory; runs before the measure is chosen, so the column is not summed. */
/* The one quantity column of a stock table (stocks.quantity), or -1. */
static int stock_quantity(const ask_table_t *t)
{
    int found = -1;
    for (int c = 0; c < t->ncols; c++)
        if (lexicon_col_is_qty(&t->cols[c]))
            found = found == -1 ? c : -2;
    return found;
}

/* "products out of stock at Santa Cruz Bikes" where the stock is a table
 * (stocks: store × product × quantity): its quantity at zero or below, in
 * the rows the other filters pick. */
static void stock_table(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, ask_mention_t *m)
{
    static const char *const stock[] = {"stock", "inventory", NULL};
    const ask_table_t *t = &s->tables[m->t];
    int out = m->pos >= 2 && words_at(tk, m->pos - 1, "of") && words_at(tk, m->pos - 2, "out");
    int in = words_at(tk, m->pos - 1, "in");
    int qty = stock_quantity(t), named = 0;
    for (int k = 0; k < t->nw; k++)
        named |= words_in(t->w[k], stock);
    if (!(out || in) || !named || qty < 0 || m->len != 1 || p->q.nf >= ASK_MAX_FILTERS)
        return;
    m->role = R_FILTER;
    for (int u = m->pos - (out ? 2 : 1); u < m->pos + m->len; u++)
        tk->t[u].used = 1;
    p->q.f[p->q.nf++] = (ask_filter_t){.col = {m->t, qty}, .op = out ? OP_LE : OP_GT,
                                       .num = {0, 0}, .pos = m->pos};
}

/* Words a count of stock is said in: "10 units in stock". */
const char *const filters_unit_words[] = {"unit", "units", "item", "items", "piece", "pieces", NULL};

void filters_apply_stock(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const stock[] = {"stock", "inventory", NULL};
    for (int i = 0; i < p->nm && p->q.nf < ASK_MAX_FILTERS; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_TABLE && m->role == R_NONE) {
            stock_table(s, tk, p, m);
            continue;
        }
        if (m->kind != PH_COLUMN || m->role != R_NONE || m->nalt || m->pos < 1)
            continue;
        const ask_col_t *c = &s->tables[m->t].cols[m->c];
        int out = m->pos >= 2 && words_at(tk, m->pos - 1, "of") && words_at(tk, m->pos - 2, "out");
        int in = words_at(tk, m->pos - 1, "in");
        if (!(out || in) || !lexicon_col_is_numeric(c) || !lexicon_col_has_word(c, stock) ||
            m->pos + m->len != tk->n || !words_in(tk->t[m->pos + m->len - 1].low, stock))
            continue;
        int k = m->pos - 2 - (m->pos >= 3 && words_in(tk->t[m->pos - 2].low, filters_unit_words));
        if (in && k >= 0 && tk->t[k].isnum)  /* "fewer than 10 units in stock": a comparison */
            continue;
        m->role = R_FILTER;
        for (int u = m->pos - (out ? 2 : 1); u < m->pos + m->len; u++)
            tk->t[u].used = 1;
        p->q.f[p->q.nf++] = (ask_filter_t){.col = {m->t, m->c}, .op = out ? OP_LE : OP_GT,
                                           .num = {0, 0}, .pos = m->pos};
    }
}
