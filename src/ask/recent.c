/* recent.c — "dates of the 5 most recent claims", "open times of the 3
 * most recent trades": the N most recent (or oldest) rows by the date
 * column named, a list ordered by it — not a grouping by day. "The 3 most
 * recent dates on which vulnerabilities were added" lists the dates, each
 * once. "The 5 most recent subscription start dates", where a date
 * repeats, may be either: asked (AMB_RECENT). Any table named must be the
 * date column's. */
#include "ask/internal.h"

#include <string.h>

static const char *const dates[] = {"date", "dates", "day", "days", NULL};

/* 1 when token i is a word for dates ("dates", "day") */
static int dates_at(const ask_toks_t *tk, int i)
{
    return i >= 0 && i < tk->n && words_in(tk->t[i].low, dates);
}

/* The token of N in "N most recent" / "N latest" / "N oldest": its index,
 * *most 1 when "most" is said, *order 1 newest first, -1 oldest; -1 none. */
static int count_at(const ask_toks_t *tk, int *most, int *order)
{
    for (int i = 0; i + 1 < tk->n; i++) {
        *most = words_at(tk, i + 1, "most");
        const char *w = i + 1 + *most < tk->n ? tk->t[i + 1 + *most].low : "";
        int later = (*most && !strcmp(w, "recent")) || words_in(w, (const char *const[]){"latest", "newest", NULL});
        *order = later ? 1 : words_in(w, (const char *const[]){"oldest", "earliest", NULL}) ? -1 : 0;
        if (*order && tk->t[i].isnum && tk->t[i].num >= 1 && tk->t[i].num <= 1000)
            return i;
    }
    return -1;
}

/* "the dates of the 5 most recent …": the token of "dates" before N, or -1 */
static int dates_of_at(const ask_toks_t *tk, int at)
{
    int of = at - 1 - words_at(tk, at - 1, "the");
    return words_at(tk, of, "of") && dates_at(tk, of - 1) && !tk->t[of - 1].used ? of - 1 : -1;
}

typedef struct said {
    ask_mention_t *col, *tab;  /* the one date column, the one table */
    ask_mention_t *again[2];   /* the same column or table said twice */
    ask_mention_t *val[4];     /* values of one reading each ("marked Delayed") */
    int nval;
} said_t;

/* The mentions, when they are only a date column and its table (each said
 * once or twice), and values: 1, else 0. */
static int only_dates(const ask_schema_t *s, ask_parse_t *p, said_t *d)
{
    *d = (said_t){0};
    for (int k = 0; k < p->nm; k++) {
        ask_mention_t *m = &p->m[k];
        int dated = m->kind == PH_COLUMN && !m->nalt && lexicon_col_is_time(&s->tables[m->t].cols[m->c]);
        if (dated && d->col && d->col->t == m->t && d->col->c == m->c)
            d->again[0] = m;  /* "application dates of the 3 most recent applications" */
        else if (m->kind == PH_TABLE && d->tab && d->tab->t == m->t)
            d->again[1] = m;  /* "shipment dates of the 3 most recent shipments" */
        else if (dated && !d->col)
            d->col = m;
        else if (m->kind == PH_TABLE && !d->tab)
            d->tab = m;
        else if (m->kind == PH_VALUE && !m->nalt && d->nval < 4)
            d->val[d->nval++] = m;
        else
            return 0;
    }
    return 1;
}

/* "the 3 most recent dates on which orders were placed", "transit dates
 * of …", "the dates of the 5 most recent deliveries": the table's own
 * date, read as a column said where the table is */
static int own_date(const ask_schema_t *s, const ask_toks_t *tk, const said_t *d, int at,
                    ask_mention_t *own)
{
    int tt, tc, after = at + 2 + words_at(tk, at + 1, "most");
    if (d->col || !d->tab || d->tab->role != R_NONE || lexicon_time_for(s, d->tab->t, &tt, &tc) < 0 ||
        tt != d->tab->t || !lexicon_col_is_time(&s->tables[tt].cols[tc]) ||
        !(dates_at(tk, after) || dates_at(tk, d->tab->pos + d->tab->len) || dates_of_at(tk, at) >= 0))
        return 0;
    *own = (ask_mention_t){.kind = PH_COLUMN, .t = tt, .c = tc, .pos = d->tab->pos, .len = d->tab->len};
    return 1;
}

/* "…, newest first": the same way, said again */
static void use_first(ask_toks_t *tk, int order)
{
    for (int i = 0; i + 1 < tk->n; i++)
        if (!tk->t[i].used && words_at(tk, i + 1, "first") && words_in(tk->t[i].low, order > 0 ?
                (const char *const[]){"newest", "latest", "recent", NULL} : (const char *const[]){"oldest",
                "earliest", NULL}))
            tk->t[i].used = tk->t[i + 1].used = 1;
}

static void make_list(ask_parse_t *p, const said_t *d, ask_mention_t *col, int order, int limit, int distinct)
{
    col->role = R_MEASURE;
    ask_mention_t *also[] = {d->tab, d->again[0], d->again[1]};
    for (int k = 0; k < 3; k++)
        if (also[k])
            also[k]->role = R_MEASURE;
    p->q.kind = Q_LIST;
    p->q.table = p->subject = col->t;
    p->q.m = (ask_measure_t){M_NONE, col->t, col->c, -1, 0};
    p->q.order = order;
    p->q.limit = limit;
    if (distinct)
        p->q.listed = (ask_colref_t){col->t, col->c};
    p->q.grain = 0;
    p->order_only = 0;
}

void recent_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    int most, order, at = count_at(tk, &most, &order);
    said_t d;
    if (at < 0 || p->measure_set || p->q.nf || !only_dates(s, p, &d))
        return;
    int after = at + 2 + most;
    ask_mention_t own, *col = own_date(s, tk, &d, at, &own) ? &own : d.col;
    if (!col || col->role != R_NONE || (d.tab && (d.tab->t != col->t || d.tab->role != R_NONE)))
        return;
    for (int k = 0; k < d.nval; k++)  /* "… at Masters Madrid", an event's: not these rows' own */
        if (d.val[k]->t != col->t)
            return;
    parse_use(tk, at, 2 + most);
    if (dates_at(tk, col->pos + col->len) && !tk->t[col->pos + col->len].used)
        tk->t[col->pos + col->len].used = 1;  /* "debut dates", "shipment dates" */
    /* "the 3 most recent dates": dates, each once — not "dates of the 3
     * most recent claims" (the claims); "the 3 most recent order dates" may
     * be either where a date repeats: asked */
    int distinct = dates_at(tk, after) && !tk->t[after].used;
    int of = col == &own ? dates_of_at(tk, at) : -1;
    int compound = of < 0 && (col->pos == after || (d.tab && d.tab->pos == after &&
                                                    dates_at(tk, d.tab->pos + d.tab->len)));
    if (of >= 0)
        tk->t[of].used = 1;
    if (distinct) {
        tk->t[after].used = 1;
    } else if (compound && s->tables[col->t].cols[col->c].n_distinct != -1) {
        p->q.limit = (int)tk->t[at].num, p->subject = col->t;
        return roles_set_ambiguous(p, AMB_RECENT, NULL);
    }
    use_first(tk, order);
    make_list(p, &d, col, order, (int)tk->t[at].num, distinct);
}
