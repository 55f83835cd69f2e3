/* filters.c — what else narrows the rows: the table a verb names
 * ("rented" → rental), flag columns ("active airlines"), the order of a
 * list compared on one column, and values counted each ("airports in
 * Norway and Sweden"). Values are filters_values.c, comparisons and counts
 * per entity filters_cmp.c; existence ("never rented") is exists.c. */
#include "ask/internal.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A word without its verb or noun ending and final e: "rated", "rates",
 * "rating" → "rat"; "directed", "direction" → "direct". Its length. */
static int root_of(const char *w, char *out, size_t cap)
{
    static const char *const ends[] = {"ings", "ing", "ions", "ion", "ments", "ment", "als", "al",
                                       "ed", "es", "s", NULL};
    size_t n = strlen(w);
    for (int k = 0; ends[k]; k++) {
        size_t e = strlen(ends[k]);
        if (n > e + 2 && !strcmp(w + n - e, ends[k])) {
            n -= e;
            break;
        }
    }
    if (n > 3 && w[n - 1] == 'e')
        n--;
    if (n + 1 > cap)
        return 0;
    memcpy(out, w, n);
    out[n] = 0;
    return (int)n;
}

/* The table a verb names by its stem: "rented" → rental, "ordered" →
 * orders (four letters in common at least, and only one such table). */
int filters_verb_table(const ask_schema_t *s, const char *low)
{
    /* Latin verbs whose noun changes its ending: "admitted" → admission,
     * "subscribed" → subscription, "received" → reception */
    static const char *const latin[][2] = {{"mitted", "mission"}, {"mits", "mission"},
        {"mit", "mission"}, {"scribed", "scription"}, {"ceived", "ception"}};
    char noun[64];
    size_t n = strlen(low);
    for (size_t k = 0; k < sizeof latin / sizeof *latin; k++) {
        size_t e = strlen(latin[k][0]);
        if (n > e + 1 && n - e + strlen(latin[k][1]) < sizeof noun && !strcmp(low + n - e, latin[k][0])) {
            snprintf(noun, sizeof noun, "%.*s%s", (int)(n - e), low, latin[k][1]);
            low = noun, n = strlen(noun);
            break;
        }
    }
    int found = -1, rank = 99;  /* one word before more, public before other schemas */
    for (int t = 0; t < s->ntables && n >= 5; t++) {
        const char *w = s->tables[t].nw ? s->tables[t].w[0] : "";
        size_t k = 0;
        while (k < n && w[k] && w[k] == low[k])
            k++;
        char rv[64], rt[64];  /* "rated"/"rating", "directed"/"direction": one root */
        int same_root = root_of(low, rv, sizeof rv) >= 3 && root_of(w, rt, sizeof rt) >= 3 &&
                        !strcmp(rv, rt);
        if ((k < 4 || k + 3 < n) && !same_root)  /* "rented"/"rental", "ordered"/"order" */
            continue;
        size_t wn = strlen(w);  /* "reviewed": reviews before reviewers, the doers (not before */
        int agent = wn == n && n > 4 && !strcmp(w + wn - 2, "er") && !strcmp(low + n - 2, "ed") &&  /* sponsorsteam) */
                    !strncmp(w, low, wn - 2);
        int r = ((s->tables[t].nw > 1) * 2 + !!strcmp(s->tables[t].schema, "public")) * 2 + agent;
        if (r < rank)
            found = t, rank = r;
        else if (r == rank)
            found = -2;  /* two equally good: not a guess we make */
    }
    return found >= 0 ? found : -1;
}

/* A flag column (lexicon_flag_yes): f gets its "yes" values as sampled
 * ("Y", "y"); 0 when it is no flag. */
static int flag_filter(const ask_col_t *c, ask_filter_t *f)
{
    const char *yes[ASK_MAX_VALUES];
    int n = lexicon_flag_yes(c, yes, ASK_MAX_VALUES);
    for (int k = 0; k < n && f->nvals < ASK_MAX_VALUES; k++)
        f->vals[f->nvals++] = xstrdup(yes[k]);
    return n > 0;
}

/* "active airlines", "available products": a flag column named as an
 * adjective of the listed or counted table keeps the rows where it is set;
 * said negated ("inactive airlines") the rows where it is not. */
void filters_apply_flags(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.t, any = p->q.kind == Q_LIST || p->q.m.kind == M_COUNT;
    for (int i = 0; i < p->nm && base >= 0 && p->q.nf < ASK_MAX_FILTERS; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_COLUMN || m->role != R_NONE || m->nalt || m->t != base)
            continue;
        if (!any && !filters_flag_before_table(s, p, m))
            continue;  /* "average speed of legendary pokemon": the flag before the rows' noun */
        if (p->q.kind == Q_LIST && roles_their(tk, p, m))
            continue;  /* "… and which of them are official": shown, not a filter */
        const ask_col_t *c = &s->tables[m->t].cols[m->c];
        int neg = m->len == 1 && c->nw && strcmp(tk->t[m->pos].stem, c->w[c->nw - 1]) &&
                  strstr(tk->t[m->pos].stem, c->w[c->nw - 1]);  /* "inactive" of active */
        ask_filter_t f = {.col = {m->t, m->c}, .op = neg ? OP_NOT_IN : OP_IN, .pos = m->pos};
        if (!flag_filter(c, &f))
            continue;
        m->role = R_FILTER;
        p->q.f[p->q.nf++] = f;
    }
}

/* "how many passengers survived": the table named with a flag column of
 * its own counts its rows where the flag is set. 1 when (t, c) is a flag
 * and its filter was added. */
int filters_add_flag(const ask_schema_t *s, ask_parse_t *p, int t, int c, int pos)
{
    ask_filter_t f = {.col = {t, c}, .op = OP_IN, .pos = pos};
    if (p->q.nf >= ASK_MAX_FILTERS || !flag_filter(&s->tables[t].cols[c], &f))
        return 0;
    p->q.f[p->q.nf++] = f;
    return 1;
}

/* 1 when m names a flag column of the table named right after it ("active
 * airlines"): the table is what to count, the flag a filter. */
int filters_flag_before_table(const ask_schema_t *s, const ask_parse_t *p, const ask_mention_t *m)
{
    ask_filter_t f = {0};
    if (m->kind != PH_COLUMN || m->nalt || !flag_filter(&s->tables[m->t].cols[m->c], &f))
        return 0;
    for (int k = 0; k < f.nvals; k++)
        free(f.vals[k]);
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].t == m->t && p->m[i].pos == m->pos + m->len)
            return 1;
    return 0;
}

/* "airports higher than 13000 ft, highest first": a list with an order and
 * nothing else to order by is ordered by the one column it was compared on. */
void filters_order_by_cmp(ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    if (q->kind != Q_LIST || !q->order || q->m.c >= 0)
        return;
    int found = -1;
    for (int i = 0; i < q->nf; i++)
        if (q->f[i].op >= OP_GT && q->f[i].op <= OP_BETWEEN && q->f[i].col.t == q->table)
            found = found == -1 ? i : -2;
    if (found >= 0)
        q->m = (ask_measure_t){M_NONE, q->table, q->f[found].col.c, -1, 0};
}

/* Values named with "and" in a plain count or total are counted each
 * ("number of airports in Norway, Sweden and Denmark": three counts, whose
 * sum the insight gives); "or", "combined", "together", "altogether" and
 * "in total" ask for one number over them. */

/* 1 when an average over several values asks for each: the preposition
 * said again before a later value ("for men and for women", "the price of
 * Longan and of Broom"), or every value the column holds named (one
 * average over all of them would be the plain average: nobody names them
 * for that). With no aggregate word at all ("what is the price of Longan
 * and Broom") a level is each one's too. */
static int each_said(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                     const ask_filter_t *f)
{
    const ask_col_t *col = &s->tables[f->col.t].cols[f->col.c];
    if (col->n_distinct >= 2 && col->nsamples == (int)col->n_distinct && f->nvals == col->nsamples)
        return 1;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->role != R_FILTER || m->t != f->col.t || m->c != f->col.c || m->pos < 3)
            continue;
        const char *pre = tk->t[m->pos - 1].low;
        if (words_at(tk, m->pos - 2, "and") && words_in(pre, (const char *const[]){"for", "in",
                                                                                    "of", "among", NULL}))
            return 1;
    }
    return 0;
}

static int listed_each(const ask_schema_t *s, ask_toks_t *tk, const ask_parse_t *p,
                       const ask_filter_t *f)
{
    static const char *const one[] = {"or", "either", "combined", "together", "altogether", NULL},
                      *const vs[] = {"vs", "versus", "compared", "against", NULL};
    int and = 0, compared = 0;
    for (int i = 0; i < tk->n; i++)
        compared |= !tk->t[i].used && words_in(tk->t[i].low, vs);
    /* an average of each is only asked with a comparison word: "average
     * salary in Finance and Biology" may be one average over both */
    int additive = p->q.m.kind == M_COUNT || p->q.m.kind == M_COUNT_DISTINCT || p->q.m.kind == M_SUM;
    if (p->q.kind != Q_AGG || p->q.order || p->q.limit > 0 || p->q.having ||
        p->q.share != SHARE_NONE ||
        (!additive && !((compared || !p->agg_cue || each_said(s, tk, p, f)) &&
                        p->q.m.kind != M_METRIC)) ||
        p->q.grain > 0 || p->q.ndims >= ASK_MAX_DIMS)
        return 0;
    for (int i = 0; i < tk->n; i++) {
        int total = words_at(tk, i, "in") && words_at(tk, i + 1, "total");
        if (words_in(tk->t[i].low, one) || total) {
            tk->t[i].used = 1;  /* the word is placed: it asked for one number */
            tk->t[i + total].used = 1;
            return 0;
        }
        and += words_at(tk, i, "and");
        if (!tk->t[i].used && words_in(tk->t[i].low, vs)) {
            and++, tk->t[i].used = 1;  /* "airports in Argentina compared with Chile": each */
            if (i + 1 < tk->n && words_in(tk->t[i + 1].low, (const char *const[]){"with", "to", NULL}))
                tk->t[i + 1].used = 1;
        }
    }
    return and > 0;
}

/* "how many are owners and how many disponents": a count asked for each of
 * several values is a count per value — the values' column grouped, not
 * one total over them. Several counts otherwise: not one answer. */
/* "how many bookings were made in total?", "units ordered altogether":
 * one count or sum over every row already is the total — the words at the
 * end say nothing more. Not with a grouping (a grand total beside it?). */
static void total_said(ask_toks_t *tk, const ask_parse_t *p)
{
    int n = tk->n;
    if (p->q.kind != Q_AGG || p->q.ndims || p->q.grain || p->q.share || p->q.order || n < 3 ||
        (p->q.m.kind != M_COUNT && p->q.m.kind != M_COUNT_DISTINCT && p->q.m.kind != M_SUM))
        return;
    if (words_at(tk, n - 2, "in") && words_at(tk, n - 1, "total"))
        tk->t[n - 2].used = tk->t[n - 1].used = 1;
    else if (words_in(tk->t[n - 1].low, (const char *const[]){"altogether", "combined", NULL}))
        tk->t[n - 1].used = 1;
}

void filters_split_counts(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    int asks = 0, split = -1;
    total_said(tk, p);
    for (int i = 0; i + 1 < tk->n; i++)
        asks += words_at(tk, i, "how") && words_at(tk, i + 1, "many");
    for (int i = 0; i < p->q.nf; i++)
        if (p->q.f[i].op == OP_IN && p->q.f[i].nvals > 1)
            split = split == -1 ? i : -2;
    if (asks < 2) {  /* "airports in Norway, Sweden and Denmark": each one's count */
        if (split >= 0 && listed_each(s, tk, p, &p->q.f[split]))
            p->q.dims[p->q.ndims++] = p->q.f[split].col;
        return;
    }
    if (split < 0 && p->q.date.from2[0])  /* "… in 2010 and how many in 2018": periods.c's */
        return;
    if (split < 0 || p->q.ndims >= ASK_MAX_DIMS || p->q.kind != Q_AGG)
        return roles_set_ambiguous(p, AMB_MEASURE, NULL);
    p->q.dims[p->q.ndims++] = p->q.f[split].col;
}

/* The table a verb names said in any tense: "rented", and "rent" as "did
 * not rent" says it (a word of four letters is read as its -ed). */
int filters_verb_table_any(const ask_schema_t *s, const char *low)
{
    char ed[16];
    int t = filters_verb_table(s, low);
    if (t < 0 && strlen(low) == 4 && snprintf(ed, sizeof ed, "%sed", low) < (int)sizeof ed)
        t = filters_verb_table(s, ed);
    return t;
}
