/* side.c — "bought" and "sold" as the side of a trade: where a table of
 * the question has a column holding both a buying and a selling value
 * (side: BUY / SELL, type: Purchase / Sale), the verb is that value — a
 * filter — not a link to another table nor a word to drop ("LTC bought by
 * members in South America": side = 'BUY', and "by members" says whose). */
#include "ask/internal.h"
#include "core/mem.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const buy_verbs[] = {"bought", "buy", "buys", "buying", "purchased",
    "purchase", "purchases", "purchasing", NULL};
static const char *const sell_verbs[] = {"sold", "sell", "sells", "selling", NULL};
static const char *const buy_values[] = {"buy", "bought", "purchase", NULL};
static const char *const sell_values[] = {"sell", "sold", "sale", NULL};

/* The sampled value of col that is one of list, or NULL. */
static const char *sample_in(const ask_col_t *col, const char *const *list)
{
    for (int k = 0; k < col->nsamples; k++)
        for (int j = 0; list[j]; j++)
            if (col->samples[k] && !strcasecmp(col->samples[k], list[j]))
                return col->samples[k];
    return NULL;
}

/* 1 when the question names table t (a table, a column or a value of it). */
static int table_said(const ask_parse_t *p, int t)
{
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].t == t && p->m[i].kind != -1)
            return 1;
    return 0;
}

/* The one column of the question's tables holding both sides, with the
 * value of the side wanted (buy: 1): 0 with *t, *c, *val; -1. */
static int side_column(const ask_schema_t *s, const ask_parse_t *p, int buy, int *t, int *c,
                       const char **val)
{
    int n = 0;
    for (int k = 0; k < s->ntables; k++)
        for (int j = 0; table_said(p, k) && j < s->tables[k].ncols; j++) {
            const ask_col_t *col = &s->tables[k].cols[j];
            const char *b = col->kind == CK_TEXT ? sample_in(col, buy_values) : NULL;
            const char *v = b ? sample_in(col, sell_values) : NULL;
            if (v)
                *t = k, *c = j, *val = buy ? b : v, n++;
        }
    return n == 1 ? 0 : -1;
}

void side_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i < tk->n && p->q.nf < ASK_MAX_FILTERS; i++) {
        int buy = words_in(tk->t[i].low, buy_verbs), t, c;
        const char *val;
        if ((!buy && !words_in(tk->t[i].low, sell_verbs)) || side_column(s, p, buy, &t, &c, &val) < 0)
            continue;
        ask_filter_t f = {.col = {t, c}, .op = OP_IN, .nvals = 1, .pos = i};
        f.vals[0] = xstrdup(val);
        p->q.f[p->q.nf++] = f;
        tk->t[i].used = 1;
        if (i + 1 < tk->n && words_at(tk, i + 1, "by"))
            tk->t[i + 1].used = 1;  /* "sold by members in …": whose, not a grouping */
        for (int k = 0; k < p->nm; k++)  /* the verb read as a table ("bought": orders) is the side */
            if (p->m[k].pos == i && p->m[k].len == 1 && p->m[k].kind == PH_TABLE)
                p->m[k].role = R_FILTER;
        return;
    }
}
