/* guards_lists.c — doubts about what a list shows, asked back rather than
 * answered with the wrong rows' columns. */
#include "ask/internal.h"

#include <stdio.h>

/* "the second largest country": a rank is only written for a list of rows
 * ordered by one of their columns; "the airport with the second most
 * routes" (a count per group) is not yet — asked, naming the word. */
void guards_nth_list(const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (!q->nth || (q->kind == Q_LIST && q->listed.t < 0 && q->m.c >= 0 && q->order))
        return;
    roles_set_ambiguous(p, AMB_UNSUPPORTED, NULL);
    if (p->nth_at > 0 && p->nth_at <= tk->n)
        snprintf(p->unknown_word, sizeof p->unknown_word, "%s", tk->t[p->nth_at - 1].raw);
    p->unknown++;
}

/* The one key of table from pointing at table to, or -1 (none, or several). */
static int one_key(const ask_schema_t *s, int from, int to)
{
    int c = -1;
    for (int k = 0; k < s->tables[from].ncols; k++)
        if (s->tables[from].cols[k].fk_table == to)
            c = c == -1 ? k : -2;
    return c >= 0 ? c : -1;
}

/* "In which country is Marrakech?": a filter on a table linked to the
 * base both ways — the country's capital key, the city's key to its
 * country — would be read through the base's own key (the capital), the
 * way joins go when nothing says otherwise. When that key points at the
 * bigger table (one capital among many cities: a role, not where the row
 * belongs), and the question does not name it ("… as its capital"), asked
 * which link is meant. */
void guards_linked_both_ways(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    int base = q->kind == Q_LIST ? q->table : q->m.t;
    if (base < 0 || p->ambiguous)
        return;
    for (int i = 0; i < q->nf; i++) {
        int b = q->f[i].col.t, there = b != base ? one_key(s, base, b) : -1;
        int back = there >= 0 ? one_key(s, b, base) : -1;
        if (back < 0 || s->tables[base].rows >= s->tables[b].rows)
            continue;  /* "cities in Japan": the city's key to its country, the way it belongs */
        for (int k = 0; k < p->nm; k++)
            if (p->m[k].kind == PH_COLUMN && p->m[k].t == base && p->m[k].c == there)
                return;  /* "which country has Canberra as its capital" */
        roles_set_ambiguous(p, AMB_ROUTES, NULL);
        p->amb[0] = (ask_colref_t){base, there}, p->amb[1] = (ask_colref_t){b, back}, p->namb = 2;
        return;
    }
}

/* "What is the capital of Australia and what is its population?", "the
 * capitals of the Western European countries and their populations": "its"
 * after a key column (country.capital → city) may mean the thing the key
 * names. When that table has a column of the same name (city.population
 * beside country.population), the list of countries would show the
 * country's: asked which one is meant. */
void guards_its_key_target(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    if (p->q.kind != Q_LIST || p->q.table < 0 || p->ambiguous)
        return;
    const ask_mention_t *key = NULL;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind != PH_COLUMN || m->t != p->q.table)
            continue;
        const ask_col_t *c = &s->tables[m->t].cols[m->c];
        int to = key ? s->tables[key->t].cols[key->c].fk_table : -1;
        int other = to >= 0 && to != m->t ? lexicon_find_column(s, to, c->name) : -1;
        if (other >= 0 && m->pos > 0 && (words_at(tk, m->pos - 1, "its") || words_at(tk, m->pos - 1, "their"))) {
            roles_set_ambiguous(p, AMB_COLUMN, NULL);
            p->amb[0] = (ask_colref_t){m->t, m->c};
            p->amb[1] = (ask_colref_t){to, other};
            p->namb = 2;
            return;
        }
        key = c->fk_table >= 0 ? m : NULL;
    }
}

/* "How many different designers have a game in the top 100?" read as the
 * 100 games with the most designers: a question that opens "how many"
 * wants a number, and a top N grouped by a table nothing says to group by
 * (no "per", "each", "by", "for every") ranks what the question did not
 * ask to rank — asked, naming "top". */
void guards_count_in_top(const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const cue[] = {"per", "each", "by", "every", "which", "what", NULL};
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || !q->limit || !q->ndims || p->ambiguous || !words_at(tk, 0, "how") ||
        !words_at(tk, 1, "many"))
        return;
    for (int i = 2; i < tk->n; i++)
        if (words_in(tk->t[i].low, cue))
            return;
    roles_set_ambiguous(p, AMB_UNSUPPORTED, NULL);
    snprintf(p->unknown_word, sizeof p->unknown_word, "how many … top %d", q->limit);
    p->unknown++;
}
