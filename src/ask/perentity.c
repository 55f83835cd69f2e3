/* perentity.c — "average number of routes per airline", "on average how
 * many sets does a theme have": the average of a count taken per entity.
 *
 * People mean one of two numbers, and the words do not say which: the
 * average over every airline (one with no routes counts 0), or over the
 * airlines that have any. The answer gives both, named, rather than pick.
 * The per-entity counts are sqlshape.c's "how many X does each Y have"
 * (Y LEFT JOIN X, zeros kept); only that shape is averaged, so a question
 * it cannot write (two keys between X and Y, a far lookup, a filter on X)
 * is declined in words, never answered from a different grouping. */
#include "ask/sqljoin.h"
#include "core/buf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const avg_words[] = {"average", "avg", "mean", NULL};
static const char *const per_words[] = {"per", "each", "every", NULL};
static const char *const article[] = {"a", "an", "each", "every", "the", "one", NULL};
static const char *const aux[] = {"does", "do", "did", "has", "have", "had", NULL};

static ask_mention_t *table_at(ask_parse_t *p, int pos)
{
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].pos == pos && p->m[i].kind == PH_TABLE && p->m[i].role == R_NONE)
            return &p->m[i];
    return NULL;
}

/* "per session" of events.session_id: a column of X's own table that
 * groups its rows — a key, or text — never a measure ("per rating"). */
static ask_mention_t *own_column_at(const ask_schema_t *s, ask_parse_t *p, int pos, int t)
{
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->pos != pos || m->kind != PH_COLUMN || m->role != R_NONE || m->nalt || m->t != t)
            continue;
        const ask_col_t *c = &s->tables[t].cols[m->c];
        size_t n = strlen(c->name);
        int key = n > 3 && !strcmp(c->name + n - 3, "_id");
        return c->fk_table < 0 && m->c != s->tables[t].pk && (key || c->kind == CK_TEXT) &&
                       !lexicon_col_is_time(c) ? m : NULL;
    }
    return NULL;
}

/* the words after "per Y" are a period the question dates ("in 2023"),
 * read already, or none */
static int rest_dated(const ask_toks_t *tk, int k)
{
    for (; k < tk->n; k++)
        if (!tk->t[k].used)
            return 0;
    return 1;
}

/* the words after "per Y" are values (of Y's rows, filtered: "per
 * country in Oceania") and the words that place them */
static int rest_values(const ask_toks_t *tk, const ask_parse_t *p, int k)
{
    static const char *const glue[] = {"in", "of", "from", "the", "for", "with", "located", "based", "on", NULL};
    int values = 0;
    while (k < tk->n) {
        const ask_mention_t *v = NULL;
        for (int i = 0; i < p->nm && !v; i++)
            if (p->m[i].pos == k && p->m[i].kind == PH_VALUE)
                v = &p->m[i];
        if (v)
            k += v->len, values++;
        else if (words_in(tk->t[k].low, glue) || !isalnum((unsigned char)tk->t[k].raw[0]))
            k++;
        else
            return 0;
    }
    return values > 0;
}

/* "a European country", "a South American country": the values said
 * between the article and Y; the index after them */
static int skip_values(const ask_toks_t *tk, const ask_parse_t *p, int k)
{
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].pos == k && p->m[i].kind == PH_VALUE && k + p->m[i].len < tk->n)
            return skip_values(tk, p, k + p->m[i].len);
    return k;
}

static int skip_article(const ask_toks_t *tk, int i)
{
    return i < tk->n && words_in(tk->t[i].low, article) ? i + 1 : i;
}

/* "average [number of] X per|for each Y" from i; 1 with *x, *y, *end */
static int avg_per(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, int i,
                   ask_mention_t **x, ask_mention_t **y, int *end)
{
    if (!words_in(tk->t[i].low, avg_words))
        return 0;
    int k = i + 1;
    if (k + 1 < tk->n && words_in(tk->t[k].low, (const char *const[]){"number", "count", NULL}) &&
        words_at(tk, k + 1, "of"))
        k += 2;
    else
        return 0;  /* "average rental rate per film": a column, sqlgen's */
    if (!(*x = table_at(p, k)))
        return 0;
    k += (*x)->len;
    if (k < tk->n && words_at(tk, k, "for"))
        k++;
    if (k >= tk->n || !words_in(tk->t[k].low, per_words))
        return 0;
    k = skip_article(tk, k + 1);
    if (!(*y = table_at(p, k)) && !(*y = own_column_at(s, p, k, (*x)->t)))
        return 0;
    *end = k + (*y)->len;
    return *end == tk->n || (p->q.date.kind != D_NONE && rest_dated(tk, *end)) || rest_values(tk, p, *end);
}

/* "on average how many X does a Y have", "how many X does a Y have on
 * average"; the words after Y (a verb: "have", "handle", "been in") are
 * the question's own, at most four. */
static int how_many_does(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, int *start, ask_mention_t **x,
                         ask_mention_t **y, int *end)
{
    int on = 0, k = 0;
    if (words_at(tk, 0, "on") && words_at(tk, 1, "average"))
        on = 1, k = 2;
    if (!words_at(tk, k, "how") || !words_at(tk, k + 1, "many"))
        return 0;
    *start = k;
    for (int i = 0; i < p->nm; i++)  /* "how many languages": countrylanguage's rows */
        if (p->m[i].pos == k + 2)
            roles_key_item(s, &p->m[i]);
    if (!(*x = table_at(p, k + 2)))
        return 0;
    k += 2 + (*x)->len;
    int verb = k + 1 < tk->n && !tk->t[k].used && !tk->t[k].isnum && !words_in(tk->t[k].low, aux) &&
               words_in(tk->t[k + 1].low, per_words);
    if (on && k < tk->n && (verb || words_in(tk->t[k].low, per_words))) {
        k += verb;  /* "on average, how many candidates ran per constituency" */
        k = skip_article(tk, k + 1);
        if (!(*y = table_at(p, k)) || k + (*y)->len != tk->n)
            return 0;
        return *end = tk->n, 1;
    }
    if (k >= tk->n || !words_in(tk->t[k].low, aux))
        return 0;
    k = skip_values(tk, p, skip_article(tk, k + 1));
    if (!(*y = table_at(p, k)))
        return 0;
    k += (*y)->len;
    int tail = tk->n;
    if (!on && tk->n >= 2 && words_at(tk, tk->n - 2, "on") && words_at(tk, tk->n - 1, "average"))
        on = 1, tail = tk->n - 2;
    if (!on || tail - k > 4)
        return 0;
    for (int i = k; i < tail; i++)
        if (tk->t[i].used || tk->t[i].isnum)
            return 0;
    *end = tk->n;
    return 1;
}

/* the column mention at pos: a number to add up (no key, no year) */
static ask_mention_t *amount_at(const ask_schema_t *s, ask_parse_t *p, int pos)
{
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->pos == pos && m->kind == PH_COLUMN && m->role == R_NONE && !m->nalt &&
            lexicon_col_is_plain_number(&s->tables[m->t].cols[m->c]))
            return m;
    }
    return NULL;
}

/* "average number of incidents per day", "on average, how many licences
 * were issued per month": a count per period (the grain, said with "per"),
 * averaged over the periods. 1 with *x, the words from *start to *end. */
static int avg_per_period(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, ask_mention_t **x,
                          int *start, int *end)
{
    int tables = 0;  /* "how many visits does a park get in a year": per park too */
    for (int i = 0; i < p->nm; i++)
        tables += p->m[i].kind == PH_TABLE;
    if (!p->q.grain || p->q.grain == G_DOW || p->q.ndims || tables > 1)
        return 0;
    int at = -1, from = 0;
    for (int i = 0; i + 3 < tk->n && at < 0; i++)
        if (!tk->t[i].used && words_in(tk->t[i].low, avg_words) &&
            words_in(tk->t[i + 1].low, (const char *const[]){"number", "count", NULL}) && words_at(tk, i + 2, "of"))
            from = i, at = i + 3;
    int on = words_at(tk, 0, "on") && words_at(tk, 1, "average") ? 2 : 0;
    if (at < 0 && on && words_at(tk, on, "how") && words_at(tk, on + 1, "many"))
        from = 0, at = on + 2;
    /* a count of rows, or a number the rows keep ("new donors" of
     * daily_new_donors.new_donors: each day's added up) */
    if (at < 0 || !((*x = table_at(p, at)) ? tables == 1 : (*x = amount_at(s, p, at)) != NULL))
        return 0;
    return *start = from, *end = at, 1;
}

/* a metric of the connection's vocabulary ("revenue" the analyst defined) */
static int is_metric(const ask_schema_t *s, const ask_mention_t *m)
{
    return m->kind == PH_VOCAB && s->vocab[m->v].is_metric;
}

/* "average revenue per day", "average daily revenue", "average revenue per
 * order": the revenue of each period or entity, averaged. 1 with *r (the
 * word "revenue", or a metric of the vocabulary), *y (the entity, or NULL
 * for the period already read), the words from *start to *end. */
static int avg_revenue(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, ask_mention_t **r,
                       ask_mention_t **y, int *start, int *end)
{
    for (int i = 0; i + 1 < tk->n; i++) {
        if (tk->t[i].used || !words_in(tk->t[i].low, avg_words))
            continue;
        int k = i + 1, g = grammar_find(grammar_grain_adjectives + 1, G_COUNT_ - 1, tk->t[k].low) + 1;
        int adj = g > G_NONE && g != G_DOW && !p->q.grain && !tk->t[k].used;  /* "average daily
                                                                                 * revenue": parse.c left it */
        int grain = adj ? g : p->q.grain;
        *r = NULL;
        for (int m = 0; m < p->nm; m++)  /* "average revenue", "average daily revenue" */
            if (((p->m[m].kind == -1 && p->m[m].v == 0) || is_metric(s, &p->m[m])) && p->m[m].role == R_NONE &&
                (p->m[m].pos == k || (p->m[m].pos == k + 1 && grain && (adj || tk->t[k].used))))
                *r = &p->m[m];
        if (!*r)
            return 0;
        adj = adj && (*r)->pos == k + 1;
        grain = adj ? g : p->q.grain;
        k = (*r)->pos + (*r)->len;
        *y = NULL;
        if (k + 1 < tk->n && words_in(tk->t[k].low, per_words) && !tk->t[k].used &&
            (*y = table_at(p, skip_article(tk, k + 1))))
            k = skip_article(tk, k + 1) + (*y)->len;
        if ((!*y && (!grain || grain == G_DOW || p->q.ndims)) || !rest_dated(tk, k))
            return 0;
        if (adj)
            p->q.grain = g, tk->t[i + 1].used = 1;
        return *start = i, *end = k, 1;
    }
    return 0;
}

/* what may follow "per Y": nothing, a period read already, or the Ys that
 * have any restated ("with a loan", "counting only members who traded",
 * "over the providers that listed something") — no number, no value */
static int rest_with_any(const ask_toks_t *tk, const ask_parse_t *p, int k, const ask_mention_t *x,
                         const ask_mention_t *y)
{
    if (rest_dated(tk, k))
        return 1;
    if (k >= tk->n || !words_in(tk->t[k].low, (const char *const[]){"with", "who", "that", "over",
            "counting", "among", NULL}))
        return 0;
    for (int i = k; i < tk->n; i++)
        if (tk->t[i].isnum)
            return 0;
    for (int i = 0; i < p->nm; i++)  /* only the two tables named again */
        if (p->m[i].pos >= k && (p->m[i].kind != PH_TABLE || p->m[i].nalt ||
                                 (p->m[i].t != x->t && (y->kind != PH_TABLE || p->m[i].t != y->t))))
            return 0;
    return 1;
}

/* "average total pnl per trader", "the average of the total installs per
 * category", "on average, what is the total delivery cost per customer":
 * a column added up per entity (or per a column's value), averaged over
 * those with any. 1 with *x (the column), *y, the words *start … *end. */
static int avg_total(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, ask_mention_t **x,
                     ask_mention_t **y, int *start, int *end)
{
    int on = words_at(tk, 0, "on") && words_at(tk, 1, "average");
    for (int i = 0; i + 3 < tk->n; i++) {
        int k = i;
        if (!on || i < 2) {  /* "average [of the] total", else "on average … total" */
            if (tk->t[i].used || !words_in(tk->t[i].low, avg_words))
                continue;
            k = i + 1;
            if (words_at(tk, k, "of"))
                k += 1 + words_at(tk, k + 1, "the");
        }
        if (!words_at(tk, k, "total") || tk->t[k].used)
            continue;
        k += 1 + words_at(tk, k + 1, "of");
        if (!(*x = amount_at(s, p, k)))
            continue;
        k += (*x)->len;
        size_t n = k < tk->n ? strlen(tk->t[k].low) : 0;  /* "total fee paid per member" */
        if (n > 3 && !tk->t[k].used && (!strcmp(tk->t[k].low + n - 2, "ed") ||
                                        words_in(tk->t[k].low, (const char *const[]){"paid", "sold", "spent", NULL})))
            k++;
        if (k + 1 >= tk->n || !words_in(tk->t[k].low, per_words) || tk->t[k].used)
            return 0;
        k = skip_article(tk, k + 1);
        if (!(*y = table_at(p, k)) && !(*y = own_column_at(s, p, k, (*x)->t)))
            return 0;
        *end = k + (*y)->len;
        if ((*y)->kind == PH_TABLE && (*y)->t == (*x)->t)
            return 0;
        *start = on && i >= 2 ? 0 : i;
        return rest_with_any(tk, p, *end, *x, *y);
    }
    return 0;
}

/* the key of t pointing at table y, or -1: "per trader" of trades.trader_id */
static int key_to(const ask_schema_t *s, int t, int y)
{
    int found = -1;
    for (int c = 0; c < s->tables[t].ncols; c++)
        if (s->tables[t].cols[c].fk_table == y)
            found = found == -1 ? c : -2;
    return found;
}

/* avg_total's plan: the sum of x per y, averaged */
static void plan_avg_total(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, ask_mention_t *x,
                           ask_mention_t *y, int start, int end)
{
    for (int i = start; i < end; i++)
        tk->t[i].used = 1;
    if (start == 0 && words_at(tk, 0, "on"))
        tk->t[0].used = tk->t[1].used = 1;
    for (int i = end; i < tk->n; i++)  /* the restated "with any" */
        tk->t[i].used = 1;
    int kept = 0;  /* the tables named again there: said, not joined again */
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].pos < end)
            p->m[kept++] = p->m[i];
    p->nm = kept;
    x->role = R_MEASURE;
    p->q.m = (ask_measure_t){M_SUM, x->t, x->c, -1, 0};
    p->measure_set = p->agg_cue = 1;
    p->q.per = 1;
    int key = y->kind == PH_TABLE ? key_to(s, x->t, y->t) : -1;
    if (y->kind == PH_TABLE && key < 0) {
        roles_make_dim(s, p, y);
        return;
    }
    y->role = R_DIM;
    p->q.dims[0] = (ask_colref_t){x->t, y->kind == PH_TABLE ? key : y->c};
    p->q.ndims = 1;
}

void perentity_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    ask_mention_t *x = NULL, *y = NULL;
    int start = -1, end = 0;
    for (int i = 0; i < tk->n && start < 0; i++)
        if (!tk->t[i].used && avg_per(s, tk, p, i, &x, &y, &end))
            start = i;
    ask_mention_t *tx = NULL, *ty = NULL;  /* its own: a failed try leaves avg_per's reading */
    int ts = -1, te = 0;
    if (!p->measure_set && avg_total(s, tk, p, &tx, &ty, &ts, &te)) {
        plan_avg_total(s, tk, p, tx, ty, ts, te);
        return;
    }
    if (start < 0 && !p->measure_set && avg_revenue(s, tk, p, &x, &y, &start, &end)) {
        if (is_metric(s, x))
            p->q.m = (ask_measure_t){M_METRIC, x->t, -1, x->v, 0};
        else
            revenue_set_measure(s, p);
        if (p->q.m.kind != M_REVENUE && p->q.m.kind != M_SUM && p->q.m.kind != M_METRIC)
            return;
        for (int i = start; i < end; i++)
            tk->t[i].used = 1;
        x->role = R_MEASURE;
        p->measure_set = p->agg_cue = 1;
        p->q.per = 1;
        if (y)
            roles_make_dim(s, p, y);
        return;
    }
    if (start < 0 && !p->measure_set && avg_per_period(s, tk, p, &x, &start, &end) &&
        (x->kind == PH_COLUMN || nouns_own_count(&s->tables[x->t]) < 0)) {  /* monthly_visits: its */
        for (int i = start; i < end; i++)                                     /* visits, not its rows */
            tk->t[i].used = 1;
        x->role = R_MEASURE;
        p->q.m = x->kind == PH_COLUMN ? (ask_measure_t){M_SUM, x->t, x->c, -1, 0}
                                      : (ask_measure_t){M_COUNT, x->t, -1, -1, 0};
        p->measure_set = p->agg_cue = 1;
        p->q.per = 1;
        return;
    }
    if (start < 0 && !how_many_does(s, tk, p, &start, &x, &y, &end))
        return;
    const ask_table_t *xt = &s->tables[x->t];  /* "tickets" of ticket_sales: its quantity, not its rows */
    if ((x->t == y->t && y->kind == PH_TABLE) || p->measure_set ||
        (xt->nw == 2 && !strcmp(xt->w[1], "sale") && !strcmp(tk->t[x->pos].stem, xt->w[0])))
        return;
    for (int i = start; i < end; i++)
        tk->t[i].used = 1;
    if (start == 2)  /* "on average" before "how many" */
        tk->t[0].used = tk->t[1].used = 1;
    x->role = R_MEASURE;
    int kept = nouns_own_amount(s, tk, p, x->t);  /* "downloads" of monthly_downloads: added up */
    kept = kept == nouns_own_count(xt) ? kept : -1;
    p->q.m = kept >= 0 ? (ask_measure_t){M_SUM, x->t, kept, -1, 0} : (ask_measure_t){M_COUNT, x->t, -1, -1, 0};
    p->measure_set = p->agg_cue = 1;
    p->q.per = 1;
    p->q.zeros = y->kind == PH_TABLE && p->q.date.kind == D_NONE;  /* dated: the Ys with any */
    roles_make_dim(s, p, y);
    int tt, tc;  /* "pit stops per race in 2023": no date of their own, the race's */
    if (p->q.date.kind != D_NONE && y->kind == PH_TABLE && p->q.time.t < 0 &&
        !(lexicon_time_for(s, x->t, &tt, &tc) == 0 && tt == x->t) &&
        lexicon_time_for(s, y->t, &tt, &tc) == 0 && tt == y->t)
        p->q.time = (ask_colref_t){tt, tc};
}


/* SELECT count(*) FROM (the entities whose count passes the having):
 * "how many customers have more than 30 rentals". */
static char *count_kept_sql(const ask_schema_t *s, const ask_q_t *q, char *err, size_t errlen)
{
    ask_q_t in = *q;  /* shallow: the filters are not copied, nor freed */
    int e = q->ndims ? q->dims[0].t : -1;
    in.order = 0;  /* in.per stays: sqlshape_zeros keeps a sum's 0s only for these */
    in.limit = -1;
    in.zeros = e >= 0 && sqlshape_having_holds_zero(q);
    if (e < 0 || s->tables[e].pk < 0 || !q->having || q->grain || q->share) {
        snprintf(err, errlen, "a count of the %s kept by a number of their rows is only "
                 "written for a table with a key", e >= 0 ? s->tables[e].name : "rows");
        return NULL;
    }
    in.dims[0] = (ask_colref_t){e, s->tables[e].pk};  /* one group per entity, by its key */
    in.ndims = 1;
    buf_t inner = {0}, b = {0};
    char *plain = NULL;
    if (in.zeros ? sqlshape_zeros(s, &in, &inner) < 0
                 : !(plain = sqlgen_write(s, &in, err, errlen))) {
        buf_free(&inner);
        if (in.zeros)
            snprintf(err, errlen, "the %s with none of %s count too, and I can only count them "
                     "when each %s row points at one %s", s->tables[e].name,
                     s->tables[q->m.t].name, s->tables[q->m.t].name, s->tables[e].name);
        return NULL;
    }
    buf_puts(&b, "SELECT count(*) AS ");
    dialect_ident(s, &b, s->tables[e].name);
    buf_printf(&b, " FROM (%s) AS ", plain ? plain : buf_str(&inner));
    dialect_ident(s, &b, "x");
    free(plain);
    buf_free(&inner);
    return buf_detach(&b);
}

/* SELECT avg(n) AS "<measure>_per_<what><tail>" FROM (in: the count or
 * sum per group), the groups with any rows: per period ("per day"), per a
 * column's value ("per session"), or per entity when no zeros are kept
 * ("per race in 2023", "revenue per order"). With by (a period's name),
 * one average for each period: "average revenue per order by month" is
 * SELECT month, avg(n) … GROUP BY 1. in is a shallow copy of the plan: its
 * filters are not copied, nor freed. */
static char *avg_of_groups_sql(const ask_schema_t *s, ask_q_t *in, const char *what, const char *tail,
                               const char *by, char *err, size_t errlen)
{
    in->per = in->order = in->zeros = 0;
    in->limit = -1;
    char *inner = sqlgen_write(s, in, err, errlen), *label = plan_measure_label(s, &in->m);
    if (!inner) {
        free(label);
        return NULL;
    }
    buf_t b = {0}, n = {0}, name = {0};
    dialect_ident(s, &n, "x");
    buf_putc(&n, '.');
    dialect_ident(s, &n, label);
    buf_puts(&b, "SELECT ");
    if (by) {
        dialect_ident(s, &b, "x");
        buf_putc(&b, '.');
        dialect_ident(s, &b, by);
        buf_puts(&b, ", ");
    }
    if (s->dialect->avg)
        s->dialect->avg(&b, buf_str(&n));
    else
        buf_printf(&b, "avg(%s)", buf_str(&n));
    buf_printf(&name, "%s_per_%s%s", label, what, tail);
    buf_puts(&b, " AS ");
    dialect_ident(s, &b, buf_str(&name));
    buf_printf(&b, " FROM (%s) AS ", inner);
    dialect_ident(s, &b, "x");
    if (by)
        buf_puts(&b, " GROUP BY 1 ORDER BY 1");
    free(inner);
    free(label);
    buf_free(&n);
    buf_free(&name);
    return buf_detach(&b);
}

char *perentity_sql(const ask_schema_t *s, const ask_q_t *q, char *err, size_t errlen)
{
    if (q->per == 2)
        return count_kept_sql(s, q, err, errlen);
    int added = q->m.kind == M_COUNT || q->m.kind == M_SUM || q->m.kind == M_REVENUE || q->m.kind == M_METRIC;
    ask_q_t in = *q;
    if (!q->ndims && q->grain && q->grain != G_DOW && q->kind == Q_AGG && added)
        return avg_of_groups_sql(s, &in, grammar_grain_names[q->grain], "", NULL, err, errlen);
    if (!q->ndims) {
        snprintf(err, errlen, "an average of a count is written per entity or per period");
        return NULL;
    }
    const ask_colref_t *y = &q->dims[0];
    if (q->ndims == 1 && y->t == q->m.t && y->c != s->tables[y->t].pk && !q->grain &&
        q->kind == Q_AGG && added && !q->having && !q->share) {  /* per session_id, per trader_id */
        if (in.nf < ASK_MAX_FILTERS)  /* a row with no session is in none */
            in.f[in.nf++] = (ask_filter_t){.col = *y, .op = OP_NOT_NULL};
        return avg_of_groups_sql(s, &in, s->tables[y->t].cols[y->c].name, "", NULL, err, errlen);
    }
    int other = 0;  /* "per department, … positions per division": a group of groups; "for each
                     * region, … accounts per district": district.Region, not what names one */
    for (int i = 1; i < q->ndims; i++) {
        const ask_table_t *e = &s->tables[q->dims[0].t];
        other |= q->dims[i].t != q->dims[0].t ||
                 (q->dims[i].c != e->label && q->dims[i].c != e->label2 && q->dims[i].c != e->pk);
    }
    if (!q->zeros && (q->date.kind || q->m.kind != M_COUNT) && !other && s->tables[y->t].pk >= 0 &&
        !q->grain && q->kind == Q_AGG && added && !q->having && !q->share) {
        in.dims[0] = (ask_colref_t){y->t, s->tables[y->t].pk};  /* "per race in 2023": the races */
        in.ndims = 1;                                             /* of 2023 with any pit stops */
        return avg_of_groups_sql(s, &in, s->tables[y->t].name, q->m.kind == M_COUNT ? "_with_any" : "",
                                 NULL, err, errlen);
    }
    if (q->ndims == 1 && q->grain && q->grain != G_DOW && !q->zeros && s->tables[y->t].pk >= 0 &&
        q->m.kind != M_COUNT && q->kind == Q_AGG && added && !q->having && !q->share) {
        in.dims[0] = (ask_colref_t){y->t, s->tables[y->t].pk};  /* "per order by month" */
        return avg_of_groups_sql(s, &in, s->tables[y->t].name, "", grammar_grain_names[q->grain], err,
                                 errlen);
    }
    in.order = 0;  /* in.per stays: sqlshape_zeros keeps a sum's 0s only for an average */
    in.limit = -1;
    if (q->ndims && s->tables[q->dims[0].t].pk >= 0) {  /* one row per entity, by its key */
        in.dims[0] = (ask_colref_t){q->dims[0].t, s->tables[q->dims[0].t].pk};
        in.ndims = 1;
    }
    buf_t inner = {0}, b = {0};
    if (q->kind != Q_AGG || (q->m.kind != M_COUNT && q->m.kind != M_SUM) || !q->ndims || q->grain ||
        q->share || other ||
        q->having || q->date.kind || sqlshape_zeros(s, &in, &inner) < 0) {
        buf_free(&inner);
        snprintf(err, errlen, "an average per %s of %s is only written as the count of %s each %s "
                 "has, with no other condition", s->tables[q->dims[0].t].name,
                 s->tables[q->m.t].name, s->tables[q->m.t].name, s->tables[q->dims[0].t].name);
        return NULL;
    }
    char *label = plan_measure_label(s, &q->m);
    buf_t n = {0}, pos = {0}, name = {0}, all = {0};
    dialect_ident(s, &n, "x");
    buf_putc(&n, '.');
    dialect_ident(s, &n, label);
    buf_printf(&pos, "CASE WHEN %s > 0 THEN %s END", buf_str(&n), buf_str(&n));
    buf_printf(&all, "coalesce(%s, 0)", buf_str(&n));  /* a sum over no rows is NULL: 0 of them */
    buf_puts(&b, "SELECT ");
    for (int k = 0; k < 2; k++) {
        const char *e = k ? buf_str(&pos) : q->m.kind == M_SUM ? buf_str(&all) : buf_str(&n);
        if (s->dialect->avg)
            s->dialect->avg(&b, e);
        else
            buf_printf(&b, "avg(%s)", e);
        buf_reset(&name);
        buf_printf(&name, "%s_per_%s%s", label, s->tables[q->dims[0].t].name, k ? "_with_any" : "");
        buf_puts(&b, " AS ");
        dialect_ident(s, &b, buf_str(&name));
        buf_puts(&b, k ? "" : ", ");
    }
    buf_printf(&b, " FROM (%s) AS ", buf_str(&inner));
    dialect_ident(s, &b, "x");
    free(label);
    buf_free(&n);
    buf_free(&pos);
    buf_free(&all);
    buf_free(&name);
    buf_free(&inner);
    return buf_detach(&b);
}
