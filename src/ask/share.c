/* share.c — percentages and shares: "what percentage of loans have status
 * A", "share of codeshare routes per airline", "percentage of students in
 * each department". The measure is what follows "percentage of"; the
 * filters said after it are the condition (100 × measure where it holds /
 * measure), those said before it the population; with no condition and a
 * grouping, each group's share of the total. */
#include "ask/internal.h"

#include <string.h>

int share_cue(const ask_toks_t *tk, int i)
{
    static const char *const words[] = {"percentage", "percent", "share", "proportion",
                                        "fraction", "%", NULL};
    return words_in(tk->t[i].low, words) && words_at(tk, i + 1, "of") ? 2 : 0;
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

void share_split(const ask_toks_t *tk, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    if (!q->share)
        return;
    int after = 0, verb = share_verb(tk, p), past = 0;
    for (int i = 0; i < q->nf; i++)
        after += q->f[i].pos > p->share_pos, past += q->f[i].pos > verb;
    int from = past && past < after ? verb : p->share_pos;  /* "of the slots at Lot D are reserved" */
    for (int i = 0; i < q->nf; i++)  /* "codeshare routes per airline": all of them */
        q->f[i].cond = !after || q->f[i].pos > from;
    q->rel_cond = q->rel >= 0;  /* "percentage of films with no actor" */
    if (q->nf || q->rel >= 0)
        return;
    if (q->ndims || q->grain)
        q->share = SHARE_TOTAL;
    else  /* "percentage of loans": of which? */
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}
