/* revenue.c — what "revenue" (sales, turnover, income) measures in a
 * schema never seen: a line's own amount or quantity x unit price in the
 * table of sold lines the question names (or the largest), else the one
 * revenue-ish money column; two equally good readings are asked. */
#include "ask/internal.h"

/* The fact table for "revenue": quantity x price, else a revenue-ish column. */
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
        p->q.m = (ask_measure_t){M_REVENUE, best, -1, -1};
        return;
    }
    /* else a revenue-ish money column — only when exactly one fits (or one
     * in a table the question names, or the one in a dated table of events
     * — payments, not a view summing them nor a film's projection): two
     * candidates are a question */
    static const char *const money[] = {"revenue", "sale", "amount", "total", NULL};
    int found = 0, named = 0, tables = 0;
    ask_measure_t pick = {M_NONE, -1, -1, -1}, pick_named = pick, pick_table = pick;
    for (int t = 0; t < s->ntables; t++)
        for (int c = 0; c < s->tables[t].ncols; c++) {
            const ask_col_t *col = &s->tables[t].cols[c];
            int hit = 0;
            for (int k = 0; lexicon_col_is_money(col) && k < col->nw; k++)
                hit |= words_in(col->w[k], money);
            if (!hit)
                continue;
            found++, pick = (ask_measure_t){M_SUM, t, c, -1};
            if (roles_table_named(p, t))
                named++, pick_named = pick;
            if (!s->tables[t].is_view && s->tables[t].time >= 0)
                tables++, pick_table = pick;
        }
    if (named == 1)
        p->q.m = pick_named;
    else if (found == 1)
        p->q.m = pick;
    else if (tables == 1 && !named)
        p->q.m = pick_table;
    else
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}
