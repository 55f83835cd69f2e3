/* account.c — every content word of a question must be accounted for by
 * the plan. A word no rule consumed, a column or table the plan does not
 * use, a verb that links things the plan does not link plainly: each makes
 * the planner unsure, and the first is named when it asks back. A wrong
 * answer is worse than a question. */
#include "ask/internal.h"
#include "core/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Every content word must be accounted for: a word no rule consumed (a
 * value that is not among the samples, a cue like "each" or "more than"
 * whose pattern did not complete, a number nothing used) means the plan
 * would answer something else than was asked. The first such word is named
 * in the clarification. */
/* Verbs that say how two things the question names are linked ("routes
 * operated by Aer Lingus", "films actor X appears in", "airlines based in
 * Canada"). They are placed only when the link is not a choice: the plan
 * joins exactly two tables, directly or through one link table, along the
 * only path between them — or, for where-verbs, filters one table on a value. */
static const char *const link_verbs[] = {"appear", "appears", "appeared", "operate", "operates",
    "operated", "serve", "serves", "served", "belong", "belongs", "belonged", "work", "works",
    "worked", "live", "lives", "lived", "own", "owns", "owned", "play", "plays", "played",
    "star", "stars", "starred", "write", "writes", "wrote", "written", "publish", "published",
    "teach", "teaches", "taught", "attend", "attends", "attended", "enroll", "enrolled",
    "speak", "speaks", "spoken", "offer", "offers", "offered", "run", "runs", "ran", "held",
    "hold", "holds", "host", "hosts", "hosted", "issued", "signed", "assigned", "act", "acted", "place", "placed", "make",
    "made", "buy", "buys", "bought", "purchase", "purchased", "take", "takes", "took", "taken",
    "rent", "rents", "rented", "fly", "flies", "flew", "flown", "earn", "earns", "earned", "pay",
    "pays", "paid", "receive", "received", NULL};
int account_is_verb(const char *low)
{
    return words_in(low, link_verbs);
}

static const char *const where_verbs[] = {"based", "located", "situated", "headquartered",
    "registered", "found", "held", "hosted", "live", "lives", "living", "reside", "resides",
    "residing", NULL};

static int link_is_plain(const ask_schema_t *s, const ask_q_t *q)
{
    int base = q->kind == Q_LIST ? q->table : q->m.t, other = -1;
    for (int i = 0; i < q->nf; i++) {
        int ft = q->f[i].col.t, fk = s->tables[ft].cols[q->f[i].col.c].fk_table;
        if (ft == base && fk >= 0)  /* course.dept_name names a department */
            ft = fk;
        if (ft != base)
            other = other < 0 || other == ft ? ft : -2;
    }
    for (int i = 0; i < q->ndims; i++)
        if (q->dims[i].t != base)
            other = other < 0 || other == q->dims[i].t ? q->dims[i].t : -2;
    int path[4];
    int len = base >= 0 && other >= 0 ? paths_find(s, base, other, path, 4) : -1;
    if (len < 1 || len > 2)
        return 0;
    /* one edge, or one link table: no second way between them */
    int edges = paths_edges(s, base, other) + paths_edges(s, other, base);
    return len == 1 ? edges == 1 : edges == 0;
}

/* 1 when w is a word of the name of the table the plan is about ("on
 * Netflix" of netflix_shows, "in the legacy store" of legacy_store_orders). */
static int names_base(const ask_schema_t *s, const ask_q_t *q, const char *w)
{
    int base = q->kind == Q_LIST ? q->table : q->m.t;
    for (int k = 0; base >= 0 && k < s->tables[base].nw; k++)
        if (!strcmp(s->tables[base].w[k], w))
            return 1;
    return 0;
}

/* 1 when token i is "member(s)" right after a table the plan uses ("staff
 * member", "crew members"): a word for one of its rows, nothing more. */
static int member_of_table(const ask_toks_t *tk, const ask_parse_t *p, int i)
{
    if (i == 0 || !words_in(tk->t[i].low, (const char *const[]){"member", "members", NULL}))
        return 0;
    for (int m = 0; m < p->nm; m++)
        if (p->m[m].kind == PH_TABLE && p->m[m].pos + p->m[m].len == i && p->m[m].role != R_NONE)
            return 1;
    return 0;
}

/* 1 when token i is "their date" of listed rows with one date column:
 * shown among the row's columns. */
static int own_date_shown(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int i)
{
    const ask_q_t *q = &p->q;
    if (q->kind != Q_LIST || q->table < 0 || i < 1 || !words_in(tk->t[i].low, (const char *const[]){
            "date", "dates", NULL}))
        return 0;  /* "what is the date of the 2015 chart": the date itself, not rows */
    if (!words_in(tk->t[i - 1].low, (const char *const[]){"their", "its", NULL}) &&
        !(words_at(tk, i - 1, "the") && words_at(tk, i - 2, "with")))
        return 0;
    int dates = 0;
    for (int c = 0; c < s->tables[q->table].ncols; c++)
        dates += lexicon_col_is_time(&s->tables[q->table].cols[c]);
    return dates == 1;
}

static int table_in_plan(const ask_schema_t *s, const ask_q_t *q, int t);

/* 1 when verb w names a dated table of events the plan does not use:
 * "which actor's films were rented the most" over film_actor — the
 * rentals, not the link ("enrolled" of the enrollments joined is). */
static int verb_names_other(const ask_schema_t *s, const ask_q_t *q, const char *w)
{
    int t = filters_verb_table(s, w);
    return t >= 0 && t != q->m.t && t != q->table && t != q->rel && s->tables[t].time >= 0 &&
           !table_in_plan(s, q, t);
}

static void count_unknown(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    int plain = link_is_plain(s, &p->q);
    /* "in which buildings are the most sections held": a place asked for */
    int where = p->q.nf || (p->q.ndims && (words_at(tk, 0, "where") ||
                ((words_at(tk, 0, "in") || words_at(tk, 0, "at")) && words_at(tk, 1, "which"))));
    for (int i = 0; i < tk->n; i++) {
        const ask_tok_t *t = &tk->t[i];
        /* "out of stock", "out of Germany": a stop word that carries meaning */
        int out_of = !t->used && !strcmp(t->low, "out") && words_at(tk, i + 1, "of");
        if (!out_of && (t->used || words_is_stop_at(tk, i) || names_base(s, &p->q, t->stem)))
            continue;
        if ((plain && words_in(t->low, link_verbs) && !verb_names_other(s, &p->q, t->low)) ||
            (where && words_in(t->low, where_verbs) &&
                (!words_in(t->low, (const char *const[]){"live", "lives", "living", NULL}) ||
                 words_at(tk, i + 1, "in") || words_at(tk, i + 1, "at") || words_at(tk, i + 1, "near"))))
            continue;  /* "living in Cork", not "living animals" */
        if (member_of_table(tk, p, i))  /* "each staff member": the staff */
            continue;
        if (own_date_shown(s, tk, p, i))  /* "trainings with their date": its one date */
            continue;
        if (account_said_word(s, tk, p, i))
            continue;
        if (p->q.kind == Q_LIST && p->q.table >= 0 && s->tables[p->q.table].label >= 0 && i > 0 &&
            words_in(t->low, (const char *const[]){"name", "names", "title", "titles", NULL}) &&
            words_in(tk->t[i - 1].low, (const char *const[]){"their", "its", "give", NULL}))
            continue;  /* "with their name": the listed rows' label, shown */
        if (!p->unknown++)
            snprintf(p->unknown_word, sizeof p->unknown_word, "%s", t->raw);
        if (words_in(t->low, (const char *const[]){"never", "not", "vs", "versus", "compare",
                "compared", "why", "growth", "grow", "change", "percent", "percentage", "share",
                "ratio", "rate", "difference", "forecast", "predict", "without", NULL}))
            p->ambiguous = p->ambiguous ? p->ambiguous : AMB_UNSUPPORTED;
        else if (i > 0 && words_in(tk->t[i - 1].low, (const char *const[]){"by", "per", "each", NULL}))
            p->ambiguous = p->ambiguous ? p->ambiguous : AMB_GROUP;
    }
}

/* A column the question names must show up in the plan: as the measure, a
 * group, a filter, the time axis — or, in a list, be one of the listed
 * table's columns. Otherwise it counts as a word not understood. */
static void unplaced(ask_parse_t *p, const char *what)
{
    if (!p->unknown++)
        snprintf(p->unknown_word, sizeof p->unknown_word, "%s", what);
}

/* 1 when table t takes part in the plan: its base, or a table a measure,
 * group, filter or the time axis needs, or one on the join path there. */
static int table_in_plan(const ask_schema_t *s, const ask_q_t *q, int t)
{
    int base = q->kind == Q_LIST ? q->table : q->m.t;
    int need[2 + ASK_MAX_DIMS + ASK_MAX_FILTERS], n = 0, path[8];
    need[n++] = base;
    if (q->time.t >= 0 && (q->grain || q->date.kind))
        need[n++] = q->time.t;
    for (int i = 0; i < q->ndims; i++)
        need[n++] = q->dims[i].t;
    for (int i = 0; i < q->nf; i++)
        need[n++] = q->f[i].col.t;
    if (q->rel == t)
        return 1;
    if (q->rel >= 0 && !paths_fans_out(s, q->rel, t))  /* "customers who rented a film": */
        return 1;                                      /* the rental's film, in the EXISTS */
    for (int i = 0; i < n; i++) {
        if (need[i] == t)
            return 1;
        int len = base >= 0 && need[i] >= 0 ? paths_find(s, base, need[i], path, 8) : -1;
        for (int k = 0; k < len; k++) {
            const ask_edge_t *e = &s->edges[path[k] > 0 ? path[k] - 1 : -path[k] - 1];
            if (e->from_t == t || e->to_t == t)
                return 1;
        }
    }
    /* a named table the joins pass through ("revenue from customers in
     * Germany"): the base reaches it many-to-one and it reaches a need */
    int hop[8], len = base >= 0 ? paths_find(s, base, t, hop, 8) : -1;
    for (int k = 0; k < len; k++)
        if (hop[k] < 0)
            return 0;
    for (int i = 1; len >= 0 && i < n; i++)
        if (need[i] >= 0 && paths_find(s, t, need[i], path, 8) >= 0)
            return 1;
    return 0;
}

/* 1 when the typo reader took a verb for its doer: "manage(s)" read as
 * "manager" (typos.c). Shown as a list's column that says nothing of who
 * manages what — unless the column is a key shown by its row's name ("who
 * manages the Scranton branch": mgr_id, by the manager's name). */
static int doer_read(const ask_tok_t *t)
{
    size_t n = strlen(t->low);
    return n >= 5 && t->low[n - 1] == 'r' && strcasecmp(t->raw, t->low) &&
           (!strncasecmp(t->raw, t->low, n - 1) || !strncasecmp(t->raw, t->low, n - 2)) &&
           strlen(t->raw) < n + 2;
}

static int shown_key(const ask_q_t *q, const ask_mention_t *m)
{
    for (int i = 0; i < q->nshow; i++)
        if (q->show[i].t == m->t && q->show[i].c == m->c)
            return 1;
    return 0;
}

static void count_unplaced(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++) {  /* "accounts with a loan": loan must take part */
        const ask_mention_t *m = &p->m[i];
        int k = words_skip(tk, m->pos - 1, -1, words_all_of);  /* "across (all / the) countries" */
        if (m->kind == PH_TABLE && m->role == R_NONE && !table_in_plan(s, &p->q, m->t) &&
            !words_at(tk, k, "across"))
            unplaced(p, s->tables[m->t].name);
    }
    /* "how many sets were sold in 2020": a count of sets says nothing of
     * sales; "units sold", "quantity sold" are a sales line's own measure */
    const ask_measure_t *mm = &p->q.m;
    int sales = mm->c >= 0 && mm->t >= 0 && (lexicon_col_is_qty(&s->tables[mm->t].cols[mm->c]) ||
                                            lexicon_col_is_money(&s->tables[mm->t].cols[mm->c]));
    int sold = mm->c < 0 && mm->t >= 0 && mm->kind == M_COUNT && revenue_row_is_sale(s, mm->t);
    for (int i = 0; i < p->nm && !sales; i++)
        if (p->m[i].kind == -1 && p->m[i].role == R_NONE && p->m[i].pos < tk->n &&
            !(sold && p->m[i].v == 1))  /* "how many tickets were sold": the tickets */
            unplaced(p, tk->t[p->m[i].pos].raw);
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int colish = m->kind == PH_COLUMN || (m->kind == PH_VOCAB && !s->vocab[m->v].is_metric);
        if (!colish || m->role != R_NONE || (m->t == p->q.time.t && m->c == p->q.time.c))
            continue;
        if (account_said_column(s, tk, p, m))  /* "how many reviews have been posted": all of them */
            continue;
        if (p->q.kind == Q_LIST && m->t == p->q.table && !m->nalt &&
            (!doer_read(&tk->t[m->pos]) || shown_key(&p->q, m)))
            continue;  /* a column of the listed rows: shown */
        roles_not_understood(tk, p, m->pos, m->pos + m->len);
    }
}

/* "top 3 films in every category" where each.c did not read a ranking
 * inside each group — the order would rank the groups instead. Asks,
 * naming the order word. */
static void per_group_rank(const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const each[] = {"each", "every", "per", NULL};
    if (!p->order_at || p->order_only || !p->q.order || p->q.each ||
        !(p->q.ndims || p->q.grain || each_grouping_said(tk, p)))
        return;  /* each.c read it; or no grouping is said after "each" */
    for (int i = p->order_at; i < tk->n; i++)
        if (words_in(tk->t[i].low, each)) {
            if (!p->unknown++)
                snprintf(p->unknown_word, sizeof p->unknown_word, "%s %s", p->order_word, tk->t[i].raw);
            p->ambiguous = p->ambiguous ? p->ambiguous : AMB_UNSUPPORTED;
            return;
        }
}

/* "which salesmen have sold to customers in London", "which songs were on
 * the chart every year": the rows a "which" asks for must be what the
 * answer shows — a total, or counts per year, is no list of salesmen. */
static void which_one_shown(const ask_toks_t *tk, ask_parse_t *p, int at)
{
    const ask_q_t *q = &p->q;
    const ask_mention_t *m = NULL;
    for (int i = 0; i < p->nm && !m; i++)
        if (p->m[i].kind == PH_TABLE && (p->m[i].pos == at + 1 ||
                                         (p->m[i].pos == at + 2 && tk->t[at + 1].isnum)))
            m = &p->m[i];
    if (!m)
        return;
    int shown = q->kind == Q_LIST ? q->table == m->t : 0;
    for (int i = 0; i < q->ndims; i++)
        shown |= q->dims[i].t == m->t;
    if (shown)
        return;
    if (!p->unknown++)
        snprintf(p->unknown_word, sizeof p->unknown_word, "%s %s", tk->t[at].raw, tk->t[m->pos].raw);
    p->ambiguous = p->ambiguous ? p->ambiguous : AMB_UNSUPPORTED;
}

static void which_shown(const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (!tk->n || q->kind == Q_CATALOG)
        return;
    /* "which student …, and on which module?": each "which" table shown */
    for (int w = 1; w + 1 < tk->n; w++)
        if (words_at(tk, w, "which"))
            which_one_shown(tk, p, w);
    if (words_in(tk->t[0].low, (const char *const[]){"which", "what", NULL}))
        which_one_shown(tk, p, 0);
}

/* "what was in order CMD001": the order's contents, whose kind the
 * question does not name (its dishes? its lines?) — not the order's own
 * row, which is all a list of orders could show. */
static void contents_unnamed(const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const buy[] = {"order", "buy", "purchase", "get", "rent", "book", NULL};
    if (tk->n < 4 || p->q.kind != Q_LIST || !words_at(tk, 0, "what"))
        return;
    /* "what did Priya Singh order": the things, not her orders' rows */
    int did = words_in(tk->t[1].low, (const char *const[]){"did", "does", "do", NULL}) &&
              words_in(tk->t[tk->n - 1].low, buy);
    if (!did && (!words_in(tk->t[1].low, (const char *const[]){"is", "was", "are", "were", NULL}) ||
                 !words_in(tk->t[2].low, (const char *const[]){"in", "inside", NULL})))
        return;
    roles_not_understood(tk, p, did ? tk->n - 1 : 0, did ? tk->n : 3);
    p->ambiguous = p->ambiguous ? p->ambiguous : AMB_UNSUPPORTED;
}

/* "who paid with PayPal and how much?", "who holds the SecureHome
 * policy?", "the biggest claim and whose was it?": people asked for —
 * answered with one total, or with rows that have no name of their own
 * (policy_holder rows, a claim row), the question is not answered. */
static void who_shown(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    int who = -1;
    for (int i = 0; i < tk->n && who < 0; i++)
        if (words_in(tk->t[i].low, (const char *const[]){"who", "whose", "whom", NULL}) &&
            (i == 0 || words_at(tk, i - 1, "and") || words_at(tk, i - 1, "with")))
            who = i;
    if (who < 0 || p->q.ndims)
        return;
    const ask_table_t *t = p->q.kind == Q_LIST && p->q.table >= 0
                               ? &s->tables[lexicon_named_by(s, p->q.table)] : NULL;
    int named = t && t->label >= 0 && t->cols[t->label].kind == CK_TEXT && (who == 0 || t->label2 >= 0);
    if (named || (p->q.kind != Q_AGG && p->q.kind != Q_LIST))
        return;
    roles_not_understood(tk, p, who, who + 1);
    p->ambiguous = p->ambiguous ? p->ambiguous : AMB_UNSUPPORTED;
}

/* "which passenger made the largest payment", "the most expensive room",
 * "the highest balance": a size word before the counted table's noun
 * speaks of one row's size (its amount), not of how many rows there are —
 * counting payments per passenger answers another question. */
static void size_not_count(const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const sizes[] = {"largest", "biggest", "smallest", "greatest", "highest",
        "lowest", "expensive", "cheapest", "priciest", "costliest", NULL};
    int at = -1;
    for (int i = 0; i < tk->n && at < 0; i++)
        if (words_in(tk->t[i].low, sizes))
            at = i;
    if (at < 0 || p->q.kind != Q_AGG || p->q.m.kind != M_COUNT || !p->q.ndims)
        return;
    for (int i = 0; i < p->nm; i++)  /* "the 5 smallest account balances": a word between */
        if (p->m[i].kind == PH_TABLE && p->m[i].t == p->q.m.t && p->m[i].pos > at &&
            p->m[i].pos <= at + 2) {
            roles_not_understood(tk, p, at, at + 2);
            p->ambiguous = p->ambiguous ? p->ambiguous : AMB_MEASURE;
            return;
        }
}

/* "which client received the most in donations": "most in" speaks of an
 * amount, not of how many donations — a count answers another question. */
static void most_in_not_count(const ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i + 1 < tk->n; i++)
        if (words_in(tk->t[i].low, (const char *const[]){"most", "least", NULL}) &&
            words_at(tk, i + 1, "in") && p->q.m.kind == M_COUNT && !p->ambiguous) {
            roles_not_understood(tk, p, i, i + 2);
            p->ambiguous = AMB_MEASURE;
            return;
        }
}

/* "applications for Fall and for Winter": the value said again with its
 * preposition compares the two (a count of each?) — a list of both is one
 * reading of two. Asked. */
static void list_each_said(const ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i < p->nm && p->q.kind == Q_LIST && !p->ambiguous; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind == PH_VALUE && m->role == R_FILTER && m->pos >= 2 &&
            words_at(tk, m->pos - 2, "and") &&
            words_in(tk->t[m->pos - 1].low, (const char *const[]){"for", "of", NULL})) {
            roles_not_understood(tk, p, m->pos - 2, m->pos + m->len);
            p->ambiguous = AMB_MEASURE;
        }
    }
}

/* "what percentage of batches had some downtime": the share of batches
 * with downtime rows, not each batch's share of the downtime rows — a
 * share per group of the very rows the percentage is "of" is asked. */
static void share_of_grouped(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->share != SHARE_TOTAL || !q->ndims || q->dims[0].t == q->m.t)
        return;
    for (int i = 0; i + 2 < tk->n; i++) {
        if (!share_cue(tk, i))
            continue;
        for (int k = 0; k < p->nm; k++) {
            const ask_mention_t *m = &p->m[k];
            int e = m->kind == PH_COLUMN && s->tables[m->t].cols[m->c].fk_table >= 0
                        ? s->tables[m->t].cols[m->c].fk_table : m->t;  /* "batches": Batch → the batch */
            if ((m->kind == PH_TABLE || m->kind == PH_COLUMN) && m->pos == i + 2 && e == q->dims[0].t) {
                roles_not_understood(tk, p, i, i + 3);
                p->ambiguous = p->ambiguous ? p->ambiguous : AMB_MEASURE;
                return;
            }
        }
    }
}

/* "what salary do the drivers earn": each one's salary (a level), not
 * their sum — an implicit total answering "what X do …" asks. */
static void what_x_do(const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (tk->n < 4 || !words_at(tk, 0, "what") || q->kind != Q_AGG || q->m.kind != M_SUM ||
        p->agg_cue || q->ndims || q->grain)
        return;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int k = m->pos + m->len;
        if (m->pos == 1 && m->kind == PH_COLUMN && m->t == q->m.t && m->c == q->m.c &&
            k < tk->n && words_in(tk->t[k].low, (const char *const[]){"do", "does", "did", NULL})) {
            roles_not_understood(tk, p, 0, k);
            p->ambiguous = p->ambiguous ? p->ambiguous : AMB_MEASURE;
            return;
        }
    }
}

/* "how many members are in each team" read as the rows of teams counted
 * per its own name, which no two rows share: every count is 1 — the
 * grouping meant is another. */
static void count_per_own_name(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || q->m.kind != M_COUNT || q->ndims != 1 || q->dims[0].t != q->m.t ||
        q->nf || q->grain)
        return;
    const ask_table_t *t = &s->tables[q->m.t];
    const ask_col_t *c = &t->cols[q->dims[0].c];
    int key = q->dims[0].c == t->pk;  /* a one-column key: a part of a composite one repeats */
    if (!(q->dims[0].c == t->label || key) || !(key || c->n_distinct == -1) || p->ambiguous)
        return;
    p->ambiguous = AMB_GROUP;
    snprintf(p->unknown_word, sizeof p->unknown_word, "%s", t->name);
}

/* "revenue per sale", "sales per seller" where seller was read as a sale:
 * the table after "per" / "by" / "each" is the one measured, so no
 * grouping came of it — the words were dropped. Asked, naming them. */
static void group_dropped(const ask_toks_t *tk, ask_parse_t *p)
{
    if (p->q.kind != Q_AGG || p->q.ndims || p->q.grain || p->q.m.t < 0 || p->q.m.kind == M_AVG)
        return;  /* "average freight per order": the average over the orders */
    for (int i = 0; i + 1 < tk->n; i++) {
        if (!words_in(tk->t[i].low, (const char *const[]){"per", "by", "each", "every", NULL}))
            continue;
        int k = words_in(tk->t[i + 1].low, (const char *const[]){"the", "each", "every", NULL})
                    ? i + 2 : i + 1;
        for (int m = 0; m < p->nm; m++)
            if (p->m[m].pos == k && ((p->m[m].kind == PH_TABLE && p->m[m].t == p->q.m.t) ||
                                     p->m[m].kind == -1)) {  /* -1: a sales word, the facts */
                if (!p->unknown++)
                    snprintf(p->unknown_word, sizeof p->unknown_word, "%s %s", tk->t[i].raw,
                             tk->t[k].raw);
                p->ambiguous = p->ambiguous ? p->ambiguous : AMB_GROUP;
                return;
            }
    }
}

/* "list the snakes and lizards" where Snake and Lizard are only names in
 * a table of names (types: id, name) and no table was said: listing those
 * rows echoes the words back — the rows meant are another table's (pets
 * of those types). Asked. */
static void list_echoes_values(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->kind != Q_LIST || q->table < 0 || !q->nf || p->ambiguous || q->rel >= 0)
        return;
    const ask_table_t *t = &s->tables[q->table];
    for (int c = 0; c < t->ncols; c++)
        if (c != t->pk && c != t->label && t->cols[c].fk_table < 0)
            return;
    for (int i = 0; i < q->nf; i++)
        if (q->f[i].col.t != q->table || q->f[i].col.c != t->label || q->f[i].op != OP_IN)
            return;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind != PH_VALUE && p->m[i].t == q->table)
            return;
    p->ambiguous = AMB_ECHO;
    p->amb[0] = (ask_colref_t){q->table, t->label}, p->namb = 1;
}

/* "which post has the most comments, and who wrote it?", "which rooms have
 * a microscope, and how many?": a second question about the first one's
 * answer — one SQL answers one of them. Asked, naming the second. */
static void second_question(const ask_toks_t *tk, ask_parse_t *p)
{
    if (p->q.kind == Q_LIST)  /* "the 2 most recent appointments and what they were for": */
        return;               /* the rows' own columns say it */
    static const char *const wh[] = {"who", "when", "where", "what", "which", "how", NULL},
                      *const back[] = {"it", "them", "they", "those", "that", "one", NULL};
    for (int i = 1; i + 1 < tk->n; i++) {
        if (!words_at(tk, i, "and") || !words_in(tk->t[i + 1].low, wh))
            continue;
        int refers = i + 2 < tk->n && words_in(tk->t[i + 2].low, (const char *const[]){"many", "much",
                                                                                      NULL}) && i + 3 == tk->n;
        for (int k = i + 2; k < tk->n && k <= i + 4 && !refers; k++)
            refers = words_in(tk->t[k].low, back);
        if (refers) {
            roles_not_understood(tk, p, i, tk->n);
            return;
        }
    }
}

/* "how many" left unread beside a list of rows: a count was asked, and no
 * rule placed it ("trips longer than 20 km, and how many of them?"). */
static void count_left(const ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; p->q.kind == Q_LIST && i + 1 < tk->n; i++)
        if (!tk->t[i].used && !tk->t[i + 1].used && words_at(tk, i, "how") && words_at(tk, i + 1, "many")) {
            unplaced(p, "how many");
            return;
        }
}

void account_words(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    count_unknown(s, tk, p);
    count_unplaced(s, tk, p);
    per_group_rank(tk, p);
    which_shown(tk, p);
    who_shown(s, tk, p);
    contents_unnamed(tk, p);
    size_not_count(tk, p);
    most_in_not_count(tk, p);
    list_each_said(tk, p);
    share_of_grouped(s, tk, p);
    what_x_do(tk, p);
    count_per_own_name(s, p);
    group_dropped(tk, p);
    lookups_value_runs_on(s, tk, p);
    list_echoes_values(s, p);
    second_question(tk, p);
    count_left(tk, p);
}
