/* listed.c — a list of one column's values rather than of the rows that
 * hold them: "the districts of the Netherlands" (SELECT DISTINCT
 * district), "the instruments with their asset class" (each pair once),
 * "the breakdown of final results" (each value with its count). */
#include "ask/internal.h"

#include <string.h>

/* The one other text column of m's table said as the listed values' own
 * ("the instruments with their asset class"): listed beside them, each
 * pair once. NULL when none; *rows set when another column is said so
 * ("sizes with their price": rows, not each size once). */
static ask_mention_t *listed_pair(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p,
                                  const ask_mention_t *m, int *rows)
{
    ask_mention_t *pair = NULL;
    *rows = 0;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *o = &p->m[i];
        if (o == m || o->kind != PH_COLUMN || o->role != R_NONE || !roles_their(tk, p, o))
            continue;
        if (!o->nalt && o->t == m->t && o->c != m->c && s->tables[o->t].cols[o->c].kind == CK_TEXT &&
            !s->tables[o->t].cols[o->c].pk && !pair)
            pair = o;
        else
            *rows = 1;
    }
    return *rows ? NULL : pair;
}

/* 1 when the list names one text column in the plural as what it lists
 * ("list the districts of the Netherlands"): its distinct values, not the
 * rows that hold them. Not a key, not a name of each row (the label). */
static int listed_column(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p,
                         const ask_mention_t *m)
{
    const ask_table_t *t = &s->tables[m->t];
    const ask_col_t *c = &t->cols[m->c];
    const ask_tok_t *noun = &tk->t[m->pos + m->len - 1];
    int rows;
    listed_pair(s, tk, p, m, &rows);
    if (rows)
        return 0;
    int other = lexicon_col_names_other(t, m->c, noun->stem);  /* "the items" of orders.item_name */
    return m->role == R_NONE && c->kind == CK_TEXT && !c->pk && c->fk_table < 0 &&
           ((m->c != t->label && m->c != t->label2) || other) && strcmp(noun->low, noun->stem) != 0 &&
           p->q.order == 0 && !p->order_word[0] && !roles_their(tk, p, m);  /* "the most expensive": ranked */
}

/* "(in) which states do we have offices", "what cities are our customers
 * in": a column of the subject's table said right after "which" / "what"
 * is what the question lists, each value once. NULL when not so. */
static ask_mention_t *which_column(const ask_toks_t *tk, ask_parse_t *p)
{
    int w = words_at(tk, 0, "in") ? 1 : 0;
    if (!words_at(tk, w, "which") && !words_at(tk, w, "what"))
        return NULL;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_COLUMN && p->m[i].pos == w + 1 && !p->m[i].nalt &&
            p->m[i].t == p->subject && p->m[i].role == R_NONE)
            return &p->m[i];
    return NULL;
}

/* 1 when the question opens with a list verb and only function words
 * before token pos ("list the", "show me all the"): what it lists is there. */
static int first_listed(const ask_toks_t *tk, int pos)
{
    if (!tk->n || !words_in(tk->t[0].low, (const char *const[]){"list", "show", "give", "display", "return",
                                                               "name", NULL}))
        return 0;
    for (int i = 1; i < pos; i++)
        if (!words_is_stop(tk->t[i].low))
            return 0;
    return 1;
}

void listed_plan(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, ask_mention_t *by_col)
{
    if (!by_col)  /* "in which states do we have offices" */
        by_col = which_column(tk, p);
    if (!by_col && p->nm && p->m[0].kind == PH_COLUMN && !p->m[0].nalt && p->m[0].t == p->subject &&
        p->m[0].role == R_NONE && first_listed(tk, p->m[0].pos))  /* "list the instruments we trade" */
        by_col = &p->m[0];
    if (!by_col || !listed_column(s, tk, p, by_col))
        return;
    p->q.listed = (ask_colref_t){by_col->t, by_col->c}, by_col->role = R_MEASURE;
    p->listed_said = 1;
    int many;
    ask_mention_t *pair = listed_pair(s, tk, p, by_col, &many);
    if (pair)
        p->q.listed_with = (ask_colref_t){pair->t, pair->c}, pair->role = R_MEASURE;
}

void listed_breakdown(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    int at = -1;
    for (int i = 0; i < tk->n && at < 0; i++)
        if (words_in(tk->t[i].low, (const char *const[]){"breakdown", "distribution", NULL}))
            at = i;
    if (q->kind != Q_LIST || at < 0 || q->listed_with.t >= 0 || q->m.c >= 0 || q->nshow)
        return;
    ask_mention_t *one = NULL;  /* "final result breakdown": the one text column said */
    int n = 0;
    for (int i = 0; i < p->nm && q->listed.t < 0; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_COLUMN && !m->nalt && m->role == R_NONE && m->t == q->table &&
            s->tables[m->t].cols[m->c].kind == CK_TEXT && !s->tables[m->t].cols[m->c].pk)
            one = m, n++;
    }
    if (q->listed.t < 0 && n != 1)
        return;
    if (q->listed.t < 0)
        q->listed = (ask_colref_t){one->t, one->c}, one->role = R_MEASURE;
    tk->t[at].used = 1;  /* "breakdown of final results": how many of each */
    q->kind = Q_AGG;
    q->dims[0] = q->listed, q->ndims = 1;
    q->m = (ask_measure_t){M_COUNT, q->table, -1, -1, 0};
    q->listed = (ask_colref_t){-1, -1};
    p->measure_set = 1;
}

/* "the callsigns of Lufthansa and Aer Lingus": a column listed for several
 * values of another column of its table shows which row is which — the
 * names beside the callsigns, each pair once. */
void listed_each_value(ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    if (q->kind != Q_LIST || q->listed.t < 0 || q->listed_with.t >= 0)
        return;
    int one = -1;
    for (int i = 0; i < q->nf; i++)
        if (q->f[i].op == OP_IN && q->f[i].nvals > 1 && q->f[i].cond == FILTER_WHERE)
            one = one == -1 ? i : -2;
    if (one < 0 || q->f[one].col.t != q->table || q->f[one].col.c == q->listed.c)
        return;
    q->listed_with = q->f[one].col;
}

/* "countries in Europe with their number of cities", "airlines in Ireland
 * and their total routes": a number said as each row's own ("their",
 * "its") is one per row of the table named before it — that table is the
 * grouping, not a filter of one total. */
void listed_their_count(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const nums[] = {"number", "count", "total", "numbers", "counts", "totals", NULL};
    if (p->q.kind != Q_AGG || p->q.ndims || p->q.grain || p->q.m.t < 0)
        return;
    int at = -1;
    for (int i = 0; i + 1 < tk->n && at < 0; i++)
        if (words_in(tk->t[i].low, (const char *const[]){"their", "its", NULL}) && words_in(tk->t[i + 1].low, nums))
            at = i;
    for (int i = 0; i < p->nm && at >= 0; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->pos < at && m->kind == PH_TABLE && !m->nalt && m->t != p->q.m.t &&
            (m->role == R_NONE || m->role == R_FILTER)) {
            roles_make_dim(s, p, m);
            return;
        }
    }
}
