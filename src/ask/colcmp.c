/* colcmp.c — one column of a row against another of the same row:
 * "orders shipped after the required date", "products whose units in
 * stock are below the reorder level", "products with an MSRP over their
 * buy price" (OP_GT_COL / OP_LT_COL; ref[0] the other column).
 *
 * Both columns are said, of the table listed or counted, and of one kind:
 * two dates, two sums of money, or two whole-number counts — a length
 * against a number of days is no comparison anyone means. The second
 * column ends the clause: "over the buy price of 50" is a number's. */
#include "ask/internal.h"

#include <string.h>

static const struct cue {
    const char *w[2];
    int op;
} cues[] = {
    {{"after", NULL}, OP_GT_COL},      {{"later", "than"}, OP_GT_COL},   {{"above", NULL}, OP_GT_COL},
    {{"over", NULL}, OP_GT_COL},       {{"more", "than"}, OP_GT_COL},    {{"greater", "than"}, OP_GT_COL},
    {{"higher", "than"}, OP_GT_COL},   {{"exceeds", NULL}, OP_GT_COL},   {{"exceed", NULL}, OP_GT_COL},
    {{"exceeded", NULL}, OP_GT_COL},   {{"exceeding", NULL}, OP_GT_COL}, {{"beyond", NULL}, OP_GT_COL},
    {{"before", NULL}, OP_LT_COL},     {{"earlier", "than"}, OP_LT_COL}, {{"below", NULL}, OP_LT_COL},
    {{"under", NULL}, OP_LT_COL},      {{"less", "than"}, OP_LT_COL},    {{"lower", "than"}, OP_LT_COL},
};

/* The op of the cue at i and its length in *n, or 0. */
static int cue_at(const ask_toks_t *tk, int i, int *n)
{
    for (size_t k = 0; k < sizeof cues / sizeof *cues; k++) {
        *n = cues[k].w[1] ? 2 : 1;
        if (!tk->t[i].used && words_at(tk, i, cues[k].w[0]) && (!cues[k].w[1] || words_at(tk, i + 1, cues[k].w[1])))
            return cues[k].op;
    }
    return 0;
}

/* The unread column mention starting (or ending, end=1) at token k, or NULL. */
static ask_mention_t *column_at(ask_parse_t *p, int k, int end)
{
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_COLUMN && !m->nalt && m->role == R_NONE && (end ? m->pos + m->len : m->pos) == k)
            return m;
    }
    return NULL;
}

/* 1 when a and b are of one kind: dates, money, or counts. */
static int comparable(const ask_col_t *a, const ask_col_t *b)
{
    int da = a->kind == CK_DATE || a->kind == CK_TS, db = b->kind == CK_DATE || b->kind == CK_TS;
    if (da || db)
        return da && db;
    if (a->pk || b->pk || a->fk_table >= 0 || b->fk_table >= 0 || lexicon_col_is_year(a) || lexicon_col_is_year(b))
        return 0;
    static const char *const dear[] = {"cost", "budget", "msrp", "charge", NULL};  /* money said otherwise */
    int ma = lexicon_col_is_money(a) || (lexicon_col_is_numeric(a) && lexicon_col_has_word(a, dear)),
        mb = lexicon_col_is_money(b) || (lexicon_col_is_numeric(b) && lexicon_col_has_word(b, dear));
    if (ma || mb)
        return ma && mb;
    return a->kind == CK_INT && b->kind == CK_INT;
}

/* 1 when table t is named by a mention of its own. */
static int table_named(const ask_parse_t *p, int t)
{
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && !p->m[i].nalt && p->m[i].t == t)
            return 1;
    return 0;
}

void colcmp_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const be[] = {"is", "are", "was", "were", "be", "been", NULL};
    static const char *const the[] = {"the", "their", "its", "his", "her", NULL};
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.kind == M_COUNT && !p->q.ndims ? p->q.m.t : -1;
    for (int i = 1, n; i < tk->n && p->q.nf < ASK_MAX_FILTERS; i++) {
        int op = cue_at(tk, i, &n), a0 = i, b0 = i + n;
        while (a0 > 0 && words_in(tk->t[a0 - 1].low, be))
            a0--;
        while (b0 < tk->n && words_in(tk->t[b0].low, the))
            b0++;
        ask_mention_t *a = op ? column_at(p, a0, 1) : NULL, *b = a ? column_at(p, b0, 0) : NULL;
        int after = b ? b->pos + b->len : 0;
        if (b && base < 0 && !p->measure_set && p->q.m.t < 0 && table_named(p, a->t))
            base = a->t;  /* "orders shipped after …": the orders, listed later */
        if (!b || a == b || a->t != base || b->t != base ||
            (after < tk->n && (tk->t[after].isnum || words_in(tk->t[after].low, (const char *const[]){"of",
                                                                                          NULL}))) ||
            !comparable(&s->tables[base].cols[a->c], &s->tables[base].cols[b->c]))
            continue;
        p->q.f[p->q.nf++] = (ask_filter_t){.col = {base, a->c}, .op = op, .pos = a->pos, .ref = {b->c, -1},
                                           .cond = FILTER_WHERE};
        a->role = b->role = R_CMP;
        for (int k = a0; k < b0; k++)
            if (k < a->pos || k >= a->pos + a->len)
                tk->t[k].used = 1;
    }
}
