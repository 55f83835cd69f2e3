/* share.c — percentages and shares: "what percentage of loans have status
 * A", "share of codeshare routes per airline", "percentage of students in
 * each department". The measure is what follows "percentage of"; the
 * filters said after it are the condition (100 × measure where it holds /
 * measure), those said before it the population; with no condition and a
 * grouping, each group's share of the total. "The no-show rate", "the
 * attrition rate": the share of the rows holding the value (or the flag)
 * said right before "rate". */
#include "ask/internal.h"

#include <string.h>

int share_cue(const ask_toks_t *tk, int i)
{
    static const char *const words[] = {"percentage", "percent", "share", "proportion",
                                        "fraction", "%", NULL};
    return words_in(tk->t[i].low, words) && words_at(tk, i + 1, "of") ? 2 : 0;
}

/* ", in percent", "as a percentage", "in %": the unit a rate is given in */
static void use_percent_words(ask_toks_t *tk)
{
    static const char *const unit[] = {"percent", "percentage", "%", NULL};
    for (int i = 0; i + 1 < tk->n; i++) {
        int a = words_at(tk, i + 1, "a");
        if (tk->t[i].used || !words_in(tk->t[i].low, (const char *const[]){"in", "as", NULL}) ||
            i + 1 + a >= tk->n || !words_in(tk->t[i + 1 + a].low, unit))
            continue;
        for (int k = i - (i > 0 && words_at(tk, i - 1, ",")); k <= i + 1 + a; k++)
            tk->t[k].used = 1;
    }
}

/* The verb after the share's noun phrase: "the slots at Lot D | are
 * reserved" — what is said before it, the population; after it, the
 * condition. The question's end when there is none. */
static int share_verb(const ask_toks_t *tk, const ask_parse_t *p)
{
    static const char *const verbs[] = {"is", "are", "was", "were", "have", "has", "had", NULL};
    for (int i = p->share_pos + 1; i < tk->n; i++)
        if (words_in(tk->t[i].low, verbs))
            return i;
    return tk->n;
}

/* "percentage of late departures per year": a count of the rows that went
 * wrong is a part of some other total (the trains scheduled) as much as of
 * its own grand total — which one is not ours to guess. */
static int part_of_other_total(const ask_schema_t *s, const ask_q_t *q)
{
    static const char *const went_wrong[] = {"late", "cancelled", "canceled", "delayed", "failed",
        "missed", "rejected", "returned", "lost", "damaged", "dropped", "refunded", "defective",
        "abandoned", "declined", "disputed", "delay", "cancel", "fail", "reject", "return", "refund",
        "miss", "lose", "drop", NULL};
    if (q->m.kind != M_SUM || q->m.c < 0)
        return 0;
    const ask_col_t *c = &s->tables[q->m.t].cols[q->m.c];
    return c->nw >= 2 && words_in(c->w[0], went_wrong);
}

void share_split(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    if (!q->share)
        return;
    use_percent_words(tk);  /* "share of revenue from burgers, in percent" */
    int after = 0, verb = share_verb(tk, p), past = 0;
    for (int i = 0; i < q->nf; i++)
        after += q->f[i].pos > p->share_pos, past += q->f[i].pos > verb;
    int from = past && past < after ? verb : p->share_pos;  /* "of the slots at Lot D are reserved" */
    for (int i = 0; i < q->nf; i++)  /* "codeshare routes per airline": all of them */
        q->f[i].cond = p->rate_at ? q->f[i].pos == p->rate_at - 1 : !after || q->f[i].pos > from;
    q->rel_cond = q->rel >= 0;  /* "percentage of films with no actor" */
    if (q->nf || q->rel >= 0)
        return;
    if ((q->ndims || q->grain) && part_of_other_total(s, q))
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
    else if (q->ndims || q->grain)
        q->share = SHARE_TOTAL;
    else  /* "percentage of loans": of which? */
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

void share_rate(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    if (p->measure_set || p->q.share)
        return;
    for (int i = 1; i < tk->n; i++) {
        if (tk->t[i].used || strcmp(tk->t[i].low, "rate"))
            continue;
        for (int k = 0; k < p->nm; k++) {
            ask_mention_t *m = &p->m[k];
            if (m->pos + m->len != i || m->nalt || (m->kind != PH_VALUE &&
                !(m->kind == PH_COLUMN && filters_add_flag(s, p, m->t, m->c, m->pos))))
                continue;
            if (m->kind == PH_COLUMN)  /* "the attrition rate": where the flag is set */
                m->role = R_FILTER;
            p->q.m = (ask_measure_t){M_COUNT, m->t, -1, -1, 0};
            p->measure_set = p->agg_cue = 1;
            p->q.share = SHARE_COND, p->share_pos = m->pos - 1, p->rate_at = m->pos + 1;
            tk->t[i].used = 1;
            return;
        }
    }
}

/* "what share of all payments (by amount) came from India": the share of
 * a money column's sum, not of the rows, and no grouping by the amount.
 * 1 when m is that column (then the measure). */
int share_by_amount(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m)
{
    if (!p->q.share || m->kind != PH_COLUMN || m->nalt || !lexicon_col_is_money(&s->tables[m->t].cols[m->c]))
        return 0;
    m->role = R_MEASURE;
    p->q.m = (ask_measure_t){M_SUM, m->t, m->c, -1, 0};
    return 1;
}
