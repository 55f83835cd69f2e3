/* revenue.c — what "revenue" (sales, turnover, income) measures in a
 * schema never seen: a line's own amount or quantity x unit price in the
 * table of sold lines the question names (or the largest), else the one
 * revenue-ish money column; two equally good readings are asked. */
#include "ask/internal.h"

#include <string.h>

/* The fact table for "revenue": quantity x price, else a revenue-ish column. */
/* "total ticket revenue" where no column says revenue: the one money
 * column of the one table named whose rows are each a sale (a ticket's
 * price) — never a product's price, which sells many times. */
static ask_measure_t sale_named(const ask_schema_t *s, const ask_parse_t *p)
{
    ask_measure_t m = {M_NONE, -1, -1, -1, 0};
    int n = 0;
    for (int t = 0; t < s->ntables; t++)
        if (roles_table_named(p, t) && revenue_row_is_sale(s, t))
            m = (ask_measure_t){M_SUM, t, roles_money_col(s, t), -1, 0}, n++;
    return n == 1 ? m : (ask_measure_t){M_NONE, -1, -1, -1, 0};
}

/* 1 when the word "revenue" is said — "ticket sales" may be a count. */
static int revenue_said(const ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == -1 && p->m[i].v == 0)
            return 1;
    return 0;
}

/* 1 when the question names a table with money of its own that t's rows
 * do not belong to: "instructors earning more than 100000" — the
 * instructors' salary, not the one revenue-ish column elsewhere (a
 * student's tot_cred, reached through the department). */
static int other_money_named(const ask_schema_t *s, const ask_parse_t *p, int t)
{
    for (int k = 0; k < s->ntables; k++)
        if (k != t && roles_table_named(p, k) && roles_money_col(s, k) >= 0 && paths_fans_out(s, t, k))
            return 1;
    return 0;
}

/* 1 when c is what a person earns, not what the business takes in:
 * sales.annual_income (the buyer's), household_income, applicant_income —
 * "income" folds to revenue, these never are. */
static int personal_income(const ask_col_t *c)
{
    static const char *const whose[] = {"annual", "household", "personal", "family", "median", "monthly",
        "yearly", "customer", "applicant", "borrower", "buyer", "person", "parent", "individual", NULL};
    return strcasestr(c->name, "income") && lexicon_col_has_word(c, whose);
}

void revenue_set_measure(const ask_schema_t *s, ask_parse_t *p)
{
    int best = -1, q, pr;
    for (int t = 0; t < s->ntables; t++)
        if (lexicon_revenue_cols(s, t, &q, &pr) == 0 &&
            (best < 0 || roles_table_named(p, t) > roles_table_named(p, best) ||
             (roles_table_named(p, t) == roles_table_named(p, best) && s->tables[t].rows > s->tables[best].rows)))
            best = t;
    if (best >= 0 && lexicon_revenue_cols(s, best, &q, &pr) == 0 && q >= 0 &&
        lexicon_discount_col(&s->tables[best]) == -2) {
        roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* a discount in whole numbers: % or amount? */
        return;
    }
    if (best >= 0) {
        p->q.m = (ask_measure_t){M_REVENUE, best, -1, -1, 0};
        return;
    }
    /* else a revenue-ish money column — only when exactly one fits (or one
     * in a table the question names, or the one in a dated table of events
     * — payments, not a view summing them nor a film's projection): two
     * candidates are a question */
    static const char *const money[] = {"revenue", "sale", "amount", "total", NULL};
    int found = 0, named = 0, tables = 0;
    ask_measure_t pick = {M_NONE, -1, -1, -1, 0}, pick_named = pick, pick_table = pick;
    for (int t = 0; t < s->ntables; t++)
        for (int c = 0; c < s->tables[t].ncols; c++) {
            const ask_col_t *col = &s->tables[t].cols[c];
            int hit = 0;
            for (int k = 0; lexicon_col_is_money(col) && !personal_income(col) && k < col->nw; k++)
                hit |= words_in(col->w[k], money);
            if (!hit)
                continue;
            found++, pick = (ask_measure_t){M_SUM, t, c, -1, 0};
            if (roles_table_named(p, t))
                named++, pick_named = pick;
            if (!s->tables[t].is_view && s->tables[t].time >= 0)
                tables++, pick_table = pick;
        }
    if (named == 1)
        p->q.m = pick_named;
    else if (found == 1 && !other_money_named(s, p, pick.t))
        p->q.m = pick;
    else if (tables == 1 && !named)
        p->q.m = pick_table;
    else if (!found && revenue_said(p) && (pick = sale_named(s, p)).t >= 0)
        p->q.m = pick;
    else
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* 1 when each row of t is one sale: priced and dated (a ticket), and no
 * other table sells it (a sale, an order) or holds a quantity of it
 * (products sold in order lines). */
int revenue_row_is_sale(const ask_schema_t *s, int t)
{
    if (s->tables[t].time < 0 || roles_money_col(s, t) < 0)
        return 0;
    static const char *const sales[] = {"sale", "sold", "order", "purchas", "transact", NULL};
    for (int e = 0; e < s->nedges; e++) {
        const ask_table_t *from = &s->tables[s->edges[e].from_t];
        for (int k = 0; s->edges[e].to_t == t && k < from->nw; k++)
            if (words_in(from->w[k], sales))  /* properties sold through `sale` */
                return 0;
        for (int c = 0; s->edges[e].to_t == t && c < from->ncols; c++)
            if (lexicon_col_is_qty(&from->cols[c]))
                return 0;
    }
    return 1;
}

/* "payments", "donations", "transactions": a table whose rows are each a
 * sum of money paid, named so, with one amount of money on the row — that
 * column (what "total payments" adds up), or -1. */
int revenue_paid_column(const ask_schema_t *s, int t)
{
    static const char *const paid[] = {"payment", "donation", "transaction", "contribution",
        "deposit", "withdrawal", "transfer", NULL};
    const ask_table_t *tb = &s->tables[t];
    if (!tb->nw || !words_in(tb->w[tb->nw - 1], paid))
        return -1;
    int money = -1;
    for (int c = 0; c < tb->ncols; c++)
        if (!tb->cols[c].pk && tb->cols[c].fk_table < 0 && lexicon_col_is_money(&tb->cols[c]))
            money = money == -1 ? c : -2;
    return money >= 0 ? money : -1;
}
