/* through.c — counting an entity through the rows of its events:
 * "customers who ordered last month" counts the distinct customer keys of
 * the orders, whose date the period applies to. */
#include "ask/internal.h"

/* 1 when a negation ("no", "never", "without", "not") is said in the three
 * words before token pos: "accounts that have no loan", "never had a loan". */
static int denied_before(const ask_toks_t *tk, int pos)
{
    for (int k = pos - 1; k >= 0 && k >= pos - 3; k--)
        if (words_in(tk->t[k].low, (const char *const[]){"no", "never", "without", "not", NULL}))
            return 1;
    return 0;
}

/* "customers who ordered last month": count the distinct customer keys of
 * the orders table (whose date the period applies to), not customers —
 * unless the table is denied ("how many accounts have no loan": an
 * anti-join, filters_apply_exists), or the counted rows point at it too
 * (employee.branch_id beside branch.mgr_id: the branch is theirs). */
void through_count(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    if (p->q.m.kind != M_COUNT || p->q.ndims || p->q.grain)
        return;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int t = m->t, q, pr, tt, tc;
        if (m->kind == PH_TABLE && denied_before(tk, m->pos))
            continue;
        if (m->kind == -1 && m->role == R_NONE)  /* "products sold": the sales facts */
            for (int k = 0; k < s->ntables; k++)
                if (lexicon_revenue_cols(s, k, &q, &pr) == 0)
                    t = k;
        if ((m->kind != PH_TABLE && m->kind != -1) || m->role != R_NONE || t < 0 ||
            t == p->q.m.t || lexicon_time_for(s, t, &tt, &tc) < 0)
            continue;
        int key = -1, keys = 0, back = 0;  /* one key column: a key of several is not one count */
        for (int e = 0; e < s->nedges; e++) {
            if (s->edges[e].from_t == t && s->edges[e].to_t == p->q.m.t)
                key = e, keys++;
            back |= s->edges[e].from_t == p->q.m.t && s->edges[e].to_t == t;
        }
        if (back)  /* "employees in the Stamford branch": the employees' branch, not */
            continue;  /* the branch's manager (branch.mgr_id) */
        if (keys == 1) {
            p->q.m = (ask_measure_t){M_COUNT_DISTINCT, t, s->edges[key].from_c, -1};
            p->subject = t;
            return;
        }
    }
}
