/* each.c — "the largest city on each continent", "the highest paid
 * instructor in each department", "for each country, its highest
 * airport": the rows of a table ranked within each group — the top row
 * of every group (ties kept), not one list and not one number per group.
 * Read when the question's one grouping was said with "each", "every" or
 * "per", and each ranked row belongs to one group (the group is the row's
 * own column or a table it points at). sqleach.c writes it. */
#include "ask/internal.h"

static const char *const each_words[] = {"each", "every", "per", NULL};

/* 1 when "each" comes right before position pos, values between ("in each
 * South American country", "for each country,") */
static int each_before(const ask_toks_t *tk, const ask_parse_t *p, int pos)
{
    for (int k = pos - 1; k >= 0 && k >= pos - 4; k--) {
        if (words_in(tk->t[k].low, each_words))
            return 1;
        int value = 0;
        for (int i = 0; i < p->nm && !value; i++)
            value = p->m[i].kind == PH_VALUE && k >= p->m[i].pos && k < p->m[i].pos + p->m[i].len;
        if (!value && k < pos - 1)
            return 0;
    }
    return 0;
}

/* The mention a grouping is said by, after "each": a grouping made of it,
 * or a table not placed yet ("the biggest city in each country of
 * Oceania"); NULL when none. */
static const ask_mention_t *each_mention(const ask_toks_t *tk, const ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if ((m->role == R_DIM || (m->role == R_NONE && m->kind == PH_TABLE && !m->nalt)) && each_before(tk, p, m->pos))
            return m;
    }
    return NULL;
}

int each_grouping_said(const ask_toks_t *tk, const ask_parse_t *p)
{
    return each_mention(tk, p) != NULL;
}

/* each ranked row of t belongs to one group g */
static int each_fits(const ask_schema_t *s, ask_colref_t g, int t)
{
    if (g.t == t)
        return g.c != s->tables[t].label && g.c != s->tables[t].pk;
    return paths_belongs_to(s, t, g.t);
}

/* The grouping the ranked rows of t fall in (*g), said after "each": one
 * the plan groups by — beside the rows' own name, said as the ranked noun
 * — or a table named there, by its name. 1 when there is one. */
int each_group(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int t, ask_colref_t *g)
{
    const ask_mention_t *m = each_mention(tk, p);
    if (!m || (s->tables[t].label < 0 && s->tables[t].pk < 0) || p->q.grain || (p->q.kind == Q_AGG && p->q.m.kind != M_NONE) || p->q.ndims > 2)
        return 0;
    for (int i = 0; i < p->q.ndims; i++) {
        const ask_colref_t d = p->q.dims[i];
        int own = d.t == t && (d.c == s->tables[t].label || d.c == s->tables[t].pk);
        if (!own && m->role == R_DIM &&
            (d.t == m->t || (m->kind == PH_COLUMN && m->c >= 0 && s->tables[m->t].cols[m->c].fk_table == d.t)))
            return each_fits(s, *g = d, t);
        if (!own)
            return 0;  /* a grouping of something else */
    }
    if (m->role != R_NONE || m->kind != PH_TABLE || m->t == t)
        return 0;
    const ask_table_t *gt = &s->tables[m->t];
    *g = (ask_colref_t){m->t, gt->label >= 0 ? gt->label : gt->pk};
    return g->c >= 0 && each_fits(s, *g, t);
}
