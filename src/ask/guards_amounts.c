/* guards_amounts.c — guards on what a number counts: a table said in the
 * singular beside a number of its own ("the total tonnage") is that
 * number, not rows to count; a list compared on a count its child rows
 * keep is one row's or all added up; "X per Y in each Z" is a ratio or a
 * list. Each asks (guards.c calls them in their place among the rest). */
#include "ask/internal.h"

#include <string.h>

/* 1 when token k is not the last word of a phrase naming table t alone
 * ("film" of the column "film rating"), or another phrase, or a word for
 * rows, follows it ("transfer records", "timesheet entries") */
static int not_head(const ask_toks_t *tk, const ask_parse_t *p, int k, int t)
{
    static const char *const rows[] = {"record", "records", "entry", "entries", "row", "rows", "data",
        "history", "log", "logs", "list", NULL};
    int head = 0;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->pos == k + 1 || (m->pos <= k && k < m->pos + m->len && (m->kind != PH_TABLE || m->t != t)))
            return 1;
        head |= m->kind == PH_TABLE && m->t == t && m->pos + m->len - 1 == k;
    }
    return !head || (k + 1 < tk->n && words_in(tk->t[k + 1].low, rows));
}

/* "the total tonnage for each year" of dechetterie_tonnage (tonnes), "the
 * annual mass balance of Claridenfirn" of mass_balances, "the Norwegian krone
 * rate" of monthly_rates: a table named in the singular beside a number of
 * its own names a quantity, not rows to count — no word counts them
 * ("how many", "number of"), and "total" or "share" do not. Asked. */
void guards_singular_amount(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const counts[] = {"many", "number", "numbers", "count", "counts", "counted",
        "often", "frequency", "tally", "once", "twice", "times", NULL};
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || (q->m.kind != M_COUNT && q->m.kind != M_COUNT_DISTINCT) || q->m.c >= 0 ||
        q->m.t < 0 || p->ambiguous || !s->tables[q->m.t].nw)
        return;
    const ask_table_t *t = &s->tables[q->m.t];
    int amount = 0, singular = 0;
    for (int c = 0; c < t->ncols && !amount; c++)
        amount = !t->cols[c].pk && t->cols[c].fk_table < 0 && lexicon_col_is_plain_number(&t->cols[c]);
    for (int i = 0; i < tk->n && amount; i++) {
        if (words_in(tk->t[i].low, counts))
            return;
        if (!strcmp(tk->t[i].stem, t->w[t->nw - 1])) {  /* "more than one review", "a deal", */
            size_t n = strlen(tk->t[i].low);               /* "the largest deal", "the most anime" */
            if (words_is_plural(tk->t[i].low) || tk->t[i].low[n ? n - 1 : 0] == 's' || not_head(tk, p, i, q->m.t) ||
                (i > 0 && words_in(tk->t[i - 1].low, (const char *const[]){"a", "an", "one", "each",
                 "every", "per", "largest", "biggest", "smallest", "highest", "lowest", "latest", "last",
                 "first", "most", "more", "least", "fewest", "fewer", NULL})) ||
                (i > 0 && tk->t[i - 1].isnum && (tk->t[i - 1].num < 1800 || tk->t[i - 1].num > 2200)) ||
                (i > 1 && tk->t[i - 2].isnum && tk->t[i - 2].num < 1800))
                return;  /* "film rating", "species", "more than one completed session" */
            singular = 1;
        }
    }
    if (singular)
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* 1 when rows of table from point at table to by a key: its children */
static int points_at(const ask_schema_t *s, int from, int to)
{
    for (int k = 0; k < s->nedges; k++)
        if (s->edges[k].from_t == from && s->edges[k].to_t == to)
            return 1;
    return 0;
}

/* "Which states had more than 9,000 new donors in 2023?" over
 * daily_new_donors.new_donors: one day's row of more than 9,000, or the
 * year's rows added up? A list of an entity compared on a count its child
 * rows keep (a plural noun of whole numbers), with no word for one row
 * ("in a day", "in a single game", "each"), asks which number is meant. */
static void one_row_or_total(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const one[] = {"a", "an", "one", "single", "any", "each", "per", "some", NULL};
    const ask_q_t *q = &p->q;
    if (q->kind != Q_LIST || q->table < 0 || p->ambiguous)
        return;
    for (int i = 0; i < q->nf; i++) {
        const ask_filter_t *f = &q->f[i];
        if (f->op < OP_GT || f->op > OP_BETWEEN || f->col.t == q->table || f->cond != FILTER_WHERE)
            continue;
        const ask_col_t *c = &s->tables[f->col.t].cols[f->col.c];
        size_t n = strlen(c->name);
        if (c->kind != CK_INT || c->pk || c->fk_table >= 0 || lexicon_col_is_year(c) || n < 2 ||
            c->name[n - 1] != 's' || !points_at(s, f->col.t, q->table))
            continue;
        for (int k = f->pos; k < tk->n && k < f->pos + 8; k++)
            if (words_in(tk->t[k].low, one))
                return;  /* "more than 30 points in a game": each row */
        roles_set_ambiguous(p, AMB_COMPARE, NULL);
        p->amb[0] = f->col, p->amb[1] = (ask_colref_t){q->table, -1}, p->namb = 2;
        return;
    }
}

/* "Which categories have an average rating above 7.7?" of games.average_rating
 * (each game's own average): one game's, or the category's games averaged?
 * A column named an average, compared where the rows listed or grouped are
 * another table's, asks. */
static void average_of_rows(const ask_schema_t *s, ask_parse_t *p)
{
    static const char *const average[] = {"average", "avg", "mean", "median", NULL};
    const ask_q_t *q = &p->q;
    int t = q->kind == Q_LIST ? q->table : q->ndims ? q->dims[0].t : -1;
    for (int i = 0; i < q->nf && t >= 0 && !p->ambiguous; i++) {
        const ask_filter_t *f = &q->f[i];
        if (f->op >= OP_GT && f->op <= OP_BETWEEN && f->col.t != t && f->cond == FILTER_WHERE &&
            lexicon_col_has_word(&s->tables[f->col.t].cols[f->col.c], average)) {
            roles_set_ambiguous(p, AMB_COMPARE, NULL);
            p->amb[0] = f->col, p->amb[1] = (ask_colref_t){t, -2}, p->namb = 2;
        }
    }
}

/* "European countries without a single city of over a million people":
 * a comparison said after the related table's noun, on a column of the
 * rows counted or listed that the related table holds too (population of
 * country and of city) — whose number is it? Asked. */
static void compared_after_related(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    int base = q->kind == Q_LIST ? q->table : q->m.t, at = -1;
    if (q->rel < 0 || base < 0 || p->ambiguous)
        return;
    for (int i = 0; i < p->nm && at < 0; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].t == q->rel)
            at = p->m[i].pos;
    for (int i = 0; i < q->nf && at >= 0; i++) {
        const ask_filter_t *f = &q->f[i];
        if (f->op < OP_GT || f->op > OP_BETWEEN || f->col.t != base || f->cond != FILTER_WHERE || f->pos < at ||
            lexicon_find_column(s, q->rel, s->tables[base].cols[f->col.c].name) < 0)
            continue;
        roles_set_ambiguous(p, AMB_COMPARE, NULL);
        return;
    }
}

/* "How many dogs per owner are there in each district?" listed the dogs of
 * each owner and district: "X per Y in each Z" with no "average" is a ratio
 * (dogs over owners, per district) or a list of Ys — asked. A count grouped
 * by two tables, one said after "per" and the other after "each", "every"
 * or "by". */
static void per_within_each(const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || q->m.kind != M_COUNT || q->ndims != 2 || q->dims[0].t == q->dims[1].t ||
        p->ambiguous)
        return;
    int per = 0, each = 0;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int k = m->pos - 1 - (m->pos >= 2 && words_in(tk->t[m->pos - 1].low, (const char *const[]){"the", "a",
                                                                                         "an", NULL}));
        if (m->kind != PH_TABLE || k < 0 || (m->t != q->dims[0].t && m->t != q->dims[1].t))
            continue;
        per |= words_at(tk, k, "per");
        each |= words_in(tk->t[k].low, (const char *const[]){"each", "every", "by", NULL});
    }
    for (int i = 0; i < tk->n; i++)
        if (words_in(tk->t[i].low, (const char *const[]){"average", "avg", "mean", NULL}))
            return;
    if (per && each)
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* "what is King's salary": a row's own amount, the rows named by half a
 * name (the last name, where the table names its rows by first and last
 * name) — two Kings would be added up. Asked, unless a sum is said. */
static void half_named_sum(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const sum[] = {"total", "sum", "combined", "altogether", "together", "all", NULL};
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || q->m.kind != M_SUM || q->m.t < 0 || q->m.c < 0 || q->ndims || p->ambiguous)
        return;
    const ask_table_t *t = &s->tables[q->m.t];
    int first = 0, last = 0;
    for (int i = 0; i < q->nf; i++)
        if (q->f[i].col.t == q->m.t && q->f[i].op == OP_IN && t->label >= 0 && t->label2 >= 0) {
            first |= q->f[i].col.c == t->label;
            last |= q->f[i].col.c == t->label2;
        }
    for (int i = 0; i < tk->n && first != last; i++)
        if (words_in(tk->t[i].low, sum))
            return;
    if (first != last)
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

void guards_row_or_total(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    half_named_sum(s, tk, p);
    one_row_or_total(s, tk, p);
    average_of_rows(s, p);
    compared_after_related(s, p);
    per_within_each(tk, p);
}

/* "payments in March 2007 compared with April 2007": two periods of rows
 * that are each a sum of money paid (payments, donations — not orders,
 * counted as orders), and no word says count or sum — how many payments,
 * or how much was paid? Asked. */
void guards_money_rows_compared(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const counts[] = {"many", "number", "numbers", "count", "counts", "much",
        "amount", "amounts", "total", "totals", "sum", "value", "revenue", NULL};
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || q->m.kind != M_COUNT || q->m.c >= 0 || q->m.t < 0 || p->ambiguous ||
        !q->date.from2[0] || !s->tables[q->m.t].nw)
        return;
    if (revenue_paid_column(s, q->m.t) < 0)  /* one amount of money on the row: the one a sum would add */
        return;
    for (int i = 0; i < tk->n; i++)
        if (words_in(tk->t[i].low, counts))
            return;
    roles_set_ambiguous(p, AMB_MEASURE, NULL);
}
