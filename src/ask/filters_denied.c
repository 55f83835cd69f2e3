/* filters_denied.c — whether a value is denied: "not Statistics",
 * "excluding China", and a value joined to a denied one ("not in
 * Statistics or Physics": neither). filters_values.c makes the filter
 * NOT IN when so. */
#include "ask/internal.h"

#include <string.h>

/* 1 when value m follows, joined by "or" / "and" / "nor" / commas alone,
 * another value of its column that a denial already took: "not in
 * Statistics or Physics", "excluding China and India" — neither one. */
static int denied_with_the_one_before(const ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *m)
{
    for (int k = 0; k < p->nm; k++) {
        const ask_mention_t *o = &p->m[k];
        int end = o->pos + o->len, joined = o != m && o->kind == PH_VALUE && o->t == m->t && o->c == m->c &&
                                            end < m->pos;
        for (int i = end; joined && i < m->pos; i++)
            joined = words_in(tk->t[i].low, (const char *const[]){"or", "and", "nor", ",", NULL});
        for (int f = 0; joined && o->val && f < p->q.nf; f++)
            for (int v = 0; p->q.f[f].op == OP_NOT_IN && p->q.f[f].col.t == m->t && p->q.f[f].col.c == m->c &&
                            v < p->q.f[f].nvals; v++)
                if (!strcmp(p->q.f[f].vals[v], o->val))
                    return 1;
    }
    return 0;
}

int filters_value_denied(ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *m)
{
    int neg = 0;
    for (int k = m->pos - 1; k >= 0 && k >= m->pos - 2; k--)
        if (words_in(tk->t[k].low, (const char *const[]){"not", "excluding", "except",
                "without", "exclude", "other", NULL}))
            neg = 1, tk->t[k].used = 1;
    return neg || denied_with_the_one_before(tk, p, m);
}
