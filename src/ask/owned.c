/* owned.c — what a question says belongs to one thing: "customers per
 * store city" is the store's city, reached from the store by its keys
 * (store → address → city) — not the city table left unused beside a
 * grouping by store, nor the customers' own city; "the salary of Wieland"
 * is the named row's own number; a table asked to be shown that a count
 * leaves out asks. */
#include "ask/internal.h"

ask_mention_t *owned_group(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m)
{
    if (m->kind != PH_TABLE || m->nalt)
        return m;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *n = &p->m[i];
        if (n->pos != m->pos + m->len || n->kind != PH_TABLE || n->nalt || n->role != R_NONE ||
            n->t == m->t || n->t == p->q.m.t || s->tables[n->t].label < 0 ||
            paths_fans_out(s, m->t, n->t) || paths_count(s, m->t, n->t) != 1)  /* the store's own one */
            continue;
        return n;  /* m stays unplaced: a table the joins pass (q.via) */
    }
    return m;
}

/* 1 when a word asking to see something is said in the four words
 * before token pos: "show the store's city", "and their city". */
static int shown_before(const ask_toks_t *tk, int pos)
{
    static const char *const show[] = {"show", "display", "include", "including", "give", "their",
                                       "its", NULL};
    for (int k = pos - 1; k >= 0 && k >= pos - 4; k--)  /* "show the store 's city" */
        if (words_in(tk->t[k].low, show))
            return 1;
    return 0;
}

void owned_unshown(const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || p->ambiguous)
        return;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int placed = m->kind != PH_TABLE || m->role != R_NONE || m->t == q->m.t || m->t == q->rel ||
                     !shown_before(tk, m->pos);
        for (int d = 0; d < q->ndims && !placed; d++)
            placed = q->dims[d].t == m->t;
        for (int f = 0; f < q->nf && !placed; f++)
            placed = q->f[f].col.t == m->t;
        if (placed)
            continue;
        roles_set_ambiguous(p, AMB_UNSHOWN, NULL);  /* a count by store, the store's city asked */
        p->amb[0] = (ask_colref_t){m->t, -1}, p->namb = 1;
        return;
    }
}

/* 1 when numeric column m is said "of" a value of its own table's name
 * column: "the salary of Wieland", "the population of France". */
int owned_number_of_named(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                          const ask_mention_t *m)
{
    int k = m->pos + m->len;
    if (m->nalt || !lexicon_col_is_numeric(&s->tables[m->t].cols[m->c]) || !words_at(tk, k, "of"))
        return 0;
    k += 1 + words_at(tk, k + 1, "the");
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_VALUE && p->m[i].pos == k && p->m[i].t == m->t &&
            p->m[i].c == s->tables[m->t].label && p->m[i].pos + p->m[i].len == tk->n)
            return 1;
    return 0;
}
