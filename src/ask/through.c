/* through.c — counting an entity through the rows of its events:
 * "customers who ordered last month" counts the customers that have such
 * an order (an EXISTS, whose period is the orders' date) — not the
 * orders' distinct customer keys, some of which may name no customer
 * where the key is not enforced; and through a link table
 * that holds how many of it there are ("dishes in each order" where the
 * order's lines hold a quantity: the different dishes, or the servings?
 * asked). */
#include "ask/internal.h"

#include <ctype.h>
#include <string.h>

/* 1 when a negation ("no", "never", "without", "not") is said in the three
 * words before token pos: "accounts that have no loan", "never had a loan". */
static int denied_before(const ask_toks_t *tk, int pos)
{
    for (int k = pos - 1; k >= 0 && k >= pos - 3; k--)
        if (words_in(tk->t[k].low, (const char *const[]){"no", "never", "without", "not", NULL}))
            return 1;
    return 0;
}

/* 1 when the counted rows do what the events' verb says — "customers
 * (who) ordered", "accounts that have a loan" — or the question names no
 * counted table before it; 0 when they undergo it, said in the passive or
 * with another doer between: "how many books were issued", "how many
 * books did Emily issue", "books has each employee issued" — the
 * different books, or the issues (a book issued twice)? The user's to say. */
static int counted_is_subject(const ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *ev)
{
    static const char *const aux[] = {"were", "was", "been", "being", "is", "are", "did", "does",
                                      "do", "get", "got", NULL};
    const ask_mention_t *c = NULL;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].t == p->q.m.t && p->m[i].pos < ev->pos)
            c = &p->m[i];
    for (int k = c ? c->pos + c->len : ev->pos; k < ev->pos; k++)
        if (words_in(tk->t[k].low, aux) || (!tk->t[k].isnum && !words_is_stop(tk->t[k].low) &&
                                            !words_in(tk->t[k].low, (const char *const[]){"no",
                                                "ever", "already", NULL})))
            return 0;
    return 1;
}

/* "customers who ordered last month": count the customers with an order
 * (EXISTS; the period goes inside, about the orders) — unless the table
 * is denied ("how many accounts have no loan": an anti-join,
 * filters_apply_exists), or the counted rows point at it too
 * (employee.branch_id beside branch.mgr_id: the branch is theirs). Rows
 * that undergo the events' verb ask, grouped or not (counted_is_subject). */
/* The one key column of table t pointing at table to, with none back: 1. */
static int one_key_to(const ask_schema_t *s, int t, int to)
{
    int keys = 0, back = 0;
    for (int e = 0; e < s->nedges; e++) {
        keys += s->edges[e].from_t == t && s->edges[e].to_t == to;
        back |= s->edges[e].from_t == to && s->edges[e].to_t == t;
    }
    return keys == 1 && !back;
}

/* "how many customers rented something in February 2006": the verb right
 * after the counted rows ("who", "have" between) names a dated table of
 * theirs (filters_verb_table: "rented" the rental) — the customers with
 * such a rental, the period inside. */
static void verb_counted(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const glue[] = {"who", "that", "which", "have", "has", "had", "ever", NULL};
    ask_q_t *q = &p->q;
    if (q->m.kind != M_COUNT || q->ndims || q->rel >= 0 || p->ambiguous)
        return;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *c = &p->m[i];
        if (c->kind != PH_TABLE || c->t != q->m.t)
            continue;
        int k = c->pos + c->len, t, tt, tc;
        while (k < tk->n && words_in(tk->t[k].low, glue))
            k++;
        size_t n = k < tk->n ? strlen(tk->t[k].low) : 0;
        if (n < 5 || tk->t[k].used || strcmp(tk->t[k].low + n - 2, "ed") ||
            (t = filters_verb_table(s, tk->t[k].low)) < 0 || t == q->m.t ||
            lexicon_time_for(s, t, &tt, &tc) < 0 || !one_key_to(s, t, q->m.t))
            return;
        tk->t[k].used = 1;
        q->rel = t, q->rel_not = 0;
        return;
    }
}

void through_count(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    if ((p->q.m.kind != M_COUNT && p->q.m.kind != M_COUNT_DISTINCT) || p->q.grain)
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
        int keys = 0, back = 0;  /* one key column: a key of several is not one count */
        for (int e = 0; e < s->nedges; e++) {
            if (s->edges[e].from_t == t && s->edges[e].to_t == p->q.m.t)
                keys++;
            back |= s->edges[e].from_t == p->q.m.t && s->edges[e].to_t == t;
        }
        if (back)  /* "employees in the Stamford branch": the employees' branch, not */
            continue;  /* the branch's manager (branch.mgr_id) */
        if (keys == 1 && !counted_is_subject(tk, p, m)) {
            roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* "books issued": the books, or the issues? */
            return;
        }
        if (keys == 1 && p->q.m.kind == M_COUNT && !p->q.ndims && p->q.rel < 0) {
            p->q.rel = t, p->q.rel_not = 0;  /* the accounts with a loan, not the loans' */
            return;  /* account keys: a key may name no account (bank.loan) */
        }
    }
    verb_counted(s, tk, p);
}

/* 1 when word w is one of table t's ("dish" and "dishes"). */
static int word_names_table(const char *w, const ask_table_t *t)
{
    for (int b = 0; b < t->nw; b++)
        if (!strcmp(w, t->w[b]))
            return 1;
    return 0;
}

/* 1 when a quantity column of link table l counts x's rows, y being the
 * other side. The word before the quantity says whose it is
 * ("ordered_dish_quantity": the dishes'), else the link's last word
 * ("order_items": the items'), else the side with no date of its own
 * (order_details.quantity counts products, not the dated orders). */
static int link_counts(const ask_schema_t *s, int l, int x, int y)
{
    const ask_table_t *lt = &s->tables[l], *xt = &s->tables[x], *yt = &s->tables[y];
    for (int c = 0; c < lt->ncols; c++) {
        const ask_col_t *q = &lt->cols[c];
        if (!lexicon_col_is_qty(q) || q->pk || q->fk_table >= 0)
            continue;
        const char *before = q->nw >= 2 ? q->w[q->nw - 2] : "", *last = lt->w[lt->nw - 1];
        if (word_names_table(before, xt) != word_names_table(before, yt))
            return word_names_table(before, xt);
        if (word_names_table(last, xt) != word_names_table(last, yt))
            return word_names_table(last, xt);
        return xt->time < 0;
    }
    return 0;
}

/* 1 when a word of c is a count word run into w: "numrooms" (num + room),
 * "roomcount". */
static int glued_count(const ask_col_t *c, const char *w, const char *const *counts)
{
    size_t n = strlen(w);
    for (int k = 0; k < c->nw; k++)
        for (int i = 0; counts[i]; i++) {
            size_t m = strlen(counts[i]);
            const char *cw = c->w[k];
            if (strlen(cw) < m + n)
                continue;
            if ((!strncmp(cw, counts[i], m) && !strncmp(cw + m, w, n)) ||
                (!strncmp(cw, w, n) && !strcmp(cw + n, counts[i])))
                return 1;
            const char *at = m >= 4 ? strstr(cw, w) : NULL;  /* projectvolunteersneeded */
            if (at && (!strcmp(at + n, counts[i]) || (at[n] == 's' && !strcmp(at + n + 1, counts[i]))))
                return 1;
        }
    return 0;
}

/* 1 when link table l points at both x and y. */
static int links(const ask_schema_t *s, int l, int x, int y)
{
    int to_x = 0, to_y = 0;
    for (int e = 0; e < s->nedges; e++)
        if (s->edges[e].from_t == l)
            to_x |= s->edges[e].to_t == x, to_y |= s->edges[e].to_t == y;
    return to_x && to_y;
}

/* "how many dishes were in each order" where order_dish holds how many of
 * each dish: the different dishes (2), or the dishes served (3)? Counting
 * x's rows per (or for) a y through a link table with a quantity of x
 * asks, unless the question says "different" or names the link table. */
void through_quantity(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    int x = p->q.m.t;
    if ((p->q.m.kind != M_COUNT && p->q.m.kind != M_COUNT_DISTINCT) || x < 0 || p->ambiguous ||
        (p->q.m.c >= 0 && !s->tables[x].cols[p->q.m.c].pk))
        return;
    for (int k = 0; k < tk->n; k++)
        if (words_in(tk->t[k].low, (const char *const[]){"different", "distinct", "unique", NULL}))
            return;
    int ys[ASK_MAX_DIMS + ASK_MAX_FILTERS], ny = 0;
    for (int k = 0; k < p->q.ndims; k++)
        ys[ny++] = p->q.dims[k].t;
    for (int k = 0; k < p->q.nf; k++)
        ys[ny++] = p->q.f[k].col.t;
    for (int k = 0; k < ny; k++)
        for (int l = 0; l < s->ntables && ys[k] != x; l++)
            if (l != x && l != ys[k] && !roles_table_named(p, l) && links(s, l, x, ys[k]) &&
                link_counts(s, l, x, ys[k])) {
                roles_set_ambiguous(p, AMB_MEASURE, NULL);
                return;
            }
}

/* 1 when table e has a number column stating how many of counted's rows
 * it has (numrooms, backers_count, volunteers_needed). */
static int states_count_of(const ask_table_t *e, const ask_table_t *c)
{
    static const char *const counts[] = {"num", "number", "count", "total", "no", "n", "needed",
        "required", NULL};
    for (int k = 0; k < e->ncols; k++) {
        const ask_col_t *col = &e->cols[k];
        if (!lexicon_col_is_numeric(col) || col->pk || col->fk_table >= 0 ||
            lexicon_col_is_money(col))  /* payment_total is an amount, not a count */
            continue;
        for (int w = 0; w < c->nw; w++)
            if ((lexicon_col_has_word(col, counts) &&
                 lexicon_col_has_word(col, (const char *const[]){c->w[w], NULL})) ||
                glued_count(col, c->w[w], counts))
                return 1;
    }
    return 0;
}

/* "which hotels have more than 500 rooms", "top 5 hotels by number of
 * rooms" where hotels hold numrooms beside the rooms table: the rows
 * counted, or the number each hotel states? They differ (a hotel of 1252
 * rooms lists 24). Counting a table's rows per an entity that has a number
 * column named for them asks — the entity grouped by, one the counted rows
 * point at on the way ("backers per category" past campaign.backers_count),
 * or the rows said to have none ("campaigns with no backers"). */
void through_stated_count(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    int base = q->kind == Q_LIST ? q->table : q->m.t;
    if (q->rel >= 0 && base >= 0 && !p->ambiguous && states_count_of(&s->tables[base], &s->tables[q->rel]))
        return roles_set_ambiguous(p, AMB_MEASURE, NULL);
    if (q->kind != Q_AGG || q->m.kind != M_COUNT || !q->ndims || q->m.t < 0 ||
        q->dims[0].t == q->m.t || p->ambiguous)
        return;
    for (int i = 0; i < p->nm; i++)  /* "more than 15 rooms in the rooms table": the rows */
        if (p->m[i].kind == PH_TABLE && p->m[i].t == q->m.t &&
            words_at(tk, p->m[i].pos + p->m[i].len, "table"))
            return;
    const ask_table_t *c = &s->tables[q->m.t];
    int stated = states_count_of(&s->tables[q->dims[0].t], c);
    for (int e = 0; e < s->nedges && !stated; e++)
        stated = s->edges[e].from_t == q->m.t && s->edges[e].to_t != q->m.t &&
                 states_count_of(&s->tables[s->edges[e].to_t], c);
    if (stated)
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* "how many items does each batch have" where each batch points at its one
 * item: a count of the rows each grouped row points at is 1 (or 0) for
 * every group — the question means something else (the batch's quantity?).
 * Asked, never answered with a column of ones. Only when the group is the
 * row itself (its key or its name) and the tables join one way only. */
void through_one_owner(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || (q->m.kind != M_COUNT && q->m.kind != M_COUNT_DISTINCT) ||
        q->m.c >= 0 || q->m.t < 0 || !q->ndims || p->ambiguous)
        return;
    for (int d = 0; d < q->ndims; d++) {
        const ask_table_t *g = &s->tables[q->dims[d].t];
        if (q->dims[d].t == q->m.t ||
            (q->dims[d].c != g->pk && q->dims[d].c != g->label && q->dims[d].c != g->label2))
            return;
    }
    if (paths_edges(s, q->dims[0].t, q->m.t) && !paths_edges(s, q->m.t, q->dims[0].t))
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* "how many omelettes were ordered": the value is the thing counted — its
 * servings, or the orders holding it? A count of another table's rows
 * (the orders, named by the verb) answers neither for sure. Asked, unless
 * a table named right after the value, or in its last word, says what is
 * counted ("how many Comedy films", "how many Children's Books"). In the
 * counted table itself the rows are the value's only when they hold no
 * quantity of it (shift rows with units made). */
void through_value_counted(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || (q->m.kind != M_COUNT && q->m.kind != M_COUNT_DISTINCT) ||
        q->m.t < 0 || p->ambiguous || tk->n < 3 || !words_at(tk, 0, "how") || !words_at(tk, 1, "many"))
        return;
    const ask_mention_t *v = NULL;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].pos == 2 && p->m[i].kind == PH_VALUE)
            v = &p->m[i];
    const ask_table_t *ct = q->m.t >= 0 ? &s->tables[q->m.t] : NULL;
    if (!v || (ct->nw && !strcmp(tk->t[v->pos + v->len - 1].stem, ct->w[ct->nw - 1])))
        return;  /* "how many children's books": the value says it is books */
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].pos == v->pos + v->len &&
            (p->m[i].kind == PH_TABLE || (p->m[i].kind == PH_COLUMN && v->t == q->m.t)))
            return;
    const char *said = tk->t[v->pos].raw;  /* a name said as one ("Fiat 500s"), not "other" */
    int named = isupper((unsigned char)said[0]) || isdigit((unsigned char)said[0]);
    if (v->t == q->m.t) {
        for (int c = 0; c < ct->ncols && named; c++)
            if (lexicon_col_is_qty(&ct->cols[c]))
                roles_set_ambiguous(p, AMB_MEASURE, NULL);
        return;
    }
    if (!paths_edges(s, q->m.t, v->t))  /* "how many helicopters": crafts of that type */
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}
