/* nouns.c — what a noun of the question stands for when it names no
 * table outright: a value said as the noun ("how many movies", "list the
 * documentaries": the rows holding it; "how many helicopters": the rows
 * of that kind), a table named "sales" counted, and a mass noun whose
 * table holds its own amount ("spend per month": summed, not counted). */
#include "ask/internal.h"

#include <stdlib.h>
#include <string.h>

/* "how many movies", "list the documentaries": a value said as the noun
 * of the question stands for the rows of its table that hold it — when
 * the question names no table and all its readings are in one table. */
/* The table a value's last word names, when it is another table than the
 * value's ("the children's books": the subject 'Children's Books' ends in
 * "books", the books table), or -1. */
static int value_ends_in_table(const ask_schema_t *s, const ask_toks_t *tk, const ask_mention_t *v)
{
    if (v->len < 2)
        return -1;
    char *stem = words_stem(tk->t[v->pos + v->len - 1].low);
    int found = -1;
    for (int t = 0; t < s->ntables; t++)
        if (t != v->t && s->tables[t].nw == 1 && !strcmp(s->tables[t].w[0], stem))
            found = found == -1 ? t : -2;
    free(stem);
    return found < 0 ? -1 : found;
}

/* "how many helicopters": 'Helicopter' names a row of craft_type, a table
 * of kinds (its key, its one text column and little else) that one table's rows
 * point at — the crafts of that kind are counted, not the one kind row.
 * Table t itself otherwise. */
static int kind_of(const ask_schema_t *s, int t, int c)
{
    const ask_table_t *tb = &s->tables[t];
    int by = -1, texts = 0;
    for (int k = 0; k < tb->ncols; k++)
        texts += tb->cols[k].kind == CK_TEXT;
    if (tb->ncols > 3 || tb->cols[c].kind != CK_TEXT || texts != 1 || tb->pk < 0)
        return t;
    for (int e = 0; e < s->nedges; e++)
        if (s->edges[e].to_t == t && s->edges[e].from_t != t)
            by = by == -1 || by == s->edges[e].from_t ? s->edges[e].from_t : -2;
    return by >= 0 && !lexicon_is_link(&s->tables[by]) ? by : t;
}

/* The table a value said at pos as the question's noun stands for; with
 * counted, a kind's value counts the rows of that kind (kind_of). */
int nouns_value_table(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int pos,
                      int counted)
{
    const ask_mention_t *v = NULL;
    while (pos < tk->n && words_in(tk->t[pos].low, (const char *const[]){"the", "all", "of", NULL}))
        pos++;
    for (int i = 0; i < p->nm; i++) {
        if (p->m[i].kind == PH_TABLE)
            return -1;
        if (p->m[i].kind == PH_VALUE && p->m[i].pos == pos)
            v = &p->m[i];
    }
    for (int k = 0; v && k < v->nalt; k++)
        if (v->alt[k].t != v->t)
            return -1;
    int named = v ? value_ends_in_table(s, tk, v) : -1;
    return named >= 0 ? named : v && counted ? kind_of(s, v->t, v->c) : v ? v->t : -1;
}

/* The one table named "sales" or "sale" alone, else -1. */
int nouns_sales_table(const ask_schema_t *s)
{
    int found = -1;
    for (int t = 0; t < s->ntables; t++)
        if (s->tables[t].nw == 1 && !strcmp(s->tables[t].w[0], "sale"))
            found = found == -1 ? t : -2;
    return found >= 0 ? found : -1;
}

/* A column that counts the table's own noun, or -1: monthly_visits(park_id,
 * month_start, recreation_visits) has one row per period ("daily",
 * "monthly", …), so its visits are the one whole-number column named by
 * the same noun — "how many visits" sums it; jackpot_winners(draw_id,
 * winner_count) holds that many winners a row — "the most jackpot
 * winners" sums it. */
int nouns_own_count(const ask_table_t *tb)
{
    static const char *const periods[] = {"daily", "weekly", "monthly", "quarterly", "yearly",
        "annual", "hourly", NULL};
    if (!tb->nw)
        return -1;
    int period = tb->nw >= 2 && words_in(tb->w[0], periods), found = -1;
    const char *noun = tb->w[tb->nw - 1];
    for (int c = 0; c < tb->ncols; c++) {
        const ask_col_t *col = &tb->cols[c];
        if (col->kind != CK_INT || col->pk || col->fk_table >= 0 || !col->nw)
            continue;
        if ((period && !strcmp(col->w[col->nw - 1], noun)) ||
            (col->nw == 2 && !strcmp(col->w[0], noun) && !strcmp(col->w[1], "count")))
            found = found == -1 ? c : -2;
    }
    return found >= 0 ? found : -1;
}

/* "spend per month", "top 5 campaigns by spend" of daily_campaign_spend
 * with spend_amount: the table named by its head noun in the singular, a
 * mass of its own amount — summed, not its rows counted (or its own count,
 * above). -1 otherwise. */
int nouns_own_amount(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int t)
{
    const ask_table_t *tb = &s->tables[t];
    int counted = nouns_own_count(tb);
    for (int i = 0; counted >= 0 && i < p->nm; i++)  /* "visits" said, as the table's noun */
        if (p->m[i].kind == PH_TABLE && p->m[i].t == t &&
            !strcmp(tk->t[p->m[i].pos + p->m[i].len - 1].stem, tb->w[tb->nw - 1]))
            return counted;
    int own = lexicon_own_amount_col(tb);
    for (int i = 0; own >= 0 && i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        const ask_tok_t *w = &tk->t[m->pos + m->len - 1];
        if (m->kind == PH_TABLE && m->t == t && tb->nw && !strcmp(w->stem, tb->w[tb->nw - 1]) &&
            !words_is_plural(w->low))
            return own;
    }
    return -1;
}
