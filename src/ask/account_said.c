/* account_said.c — words that only restate what the plan already holds,
 * so account.c does not count them as words not understood: "paid by
 * credit card" (the value filtered on), "in the catalogue" (the whole
 * database), "how many hours did volunteers work" (the measure's own
 * verb), "how many reviews have been posted" (the rows' own date),
 * "which inspector handled the most" (who did the rows' work). */
#include "ask/internal.h"

#include <string.h>

/* 1 when token i is "paid" right before how: "paid by credit card",
 * "paid in cash", "paid with a wallet" — a value the plan filters on. */
static int paid_by_value(const ask_toks_t *tk, const ask_parse_t *p, int i)
{
    if (!words_in(tk->t[i].low, (const char *const[]){"paid", "pay", "pays", NULL}) ||
        !words_in(i + 1 < tk->n ? tk->t[i + 1].low : "", (const char *const[]){"by", "in", "with",
            "through", "via", "using", NULL}))
        return 0;
    int at = i + 2 + (words_at(tk, i + 2, "a") || words_at(tk, i + 2, "an") || words_at(tk, i + 2, "the"));
    for (int m = 0; m < p->nm; m++)
        if (p->m[m].kind == PH_VALUE && p->m[m].pos == at && p->m[m].role == R_FILTER)
            return 1;
    return 0;
}

/* 1 when token i is "catalogue" in "how many books are in the catalogue",
 * "… on the salary list", "in the data": the whole database, said as a
 * container no table is named after (an unknown word only). */
static int container(const ask_toks_t *tk, int i)
{
    static const char *const whole[] = {"catalogue", "catalog", "collection", "log", "list",
        "dataset", "data", "register", "registry", NULL};
    int k = i - 1 - (i >= 2 && !words_is_stop(tk->t[i - 1].low) && !tk->t[i - 1].isnum);  /* "salary list" */
    return words_in(tk->t[i].low, whole) && k >= 1 && words_at(tk, k, "the") &&
           words_in(tk->t[k - 1].low, (const char *const[]){"in", "on", "from", NULL});
}

/* "how many hours did volunteers work": the measure hours_worked's own
 * verb, after "did" / "do" / "does" */
static int measure_verb(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int i)
{
    const ask_measure_t *m = &p->q.m;
    if (m->t < 0 || m->c < 0 || s->tables[m->t].cols[m->c].nw < 2)
        return 0;
    const ask_col_t *col = &s->tables[m->t].cols[m->c];
    const char *last = col->w[col->nw - 1];
    size_t n = strlen(tk->t[i].low);
    int aux = 0;
    for (int k = 0; k < i; k++)
        aux |= words_in(tk->t[k].low, (const char *const[]){"did", "do", "does", NULL});
    return aux && n >= 3 && !strncmp(last, tk->t[i].low, n) &&
           (!strcmp(last + n, "ed") || !strcmp(last + n, "d"));
}

/* "complaints inspector 3308 handled", "which inspector handled the
 * most": a verb of work done, right after the column of the counted rows
 * that names who did it (filtered on or grouped by; a doer's noun:
 * inspector, officer, assignee, agent) — the rows are that person's. */
static int names_agent(const ask_col_t *c)
{
    static const char *const ends[] = {"or", "er", "ist", "ee", "ant", "ent", NULL};
    size_t n = c->nw ? strlen(c->w[0]) : 0;
    for (int k = 0; n > 4 && ends[k]; k++)
        if (!strcmp(c->w[0] + n - strlen(ends[k]), ends[k]))
            return !lexicon_col_is_time(c);
    return 0;
}

static int agent_verb(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int i)
{
    static const char *const done[] = {"handled", "handle", "handles", "processed", "process",
        "inspected", "inspect", "reviewed", "review", "treated", "treat", "answered", "answer", NULL};
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.t;
    if (!words_in(tk->t[i].low, done) || base < 0)
        return 0;
    for (int k = 0; k < p->nm; k++) {
        const ask_mention_t *m = &p->m[k];
        int end = m->pos + m->len, gap = i - end;
        if (m->kind == PH_COLUMN && m->t == base && (m->role == R_FILTER || m->role == R_DIM) &&
            gap >= 0 && gap <= 1 && (!gap || tk->t[end].isnum) && names_agent(&s->tables[m->t].cols[m->c]))
            return 1;
    }
    return 0;
}

/* 1 when m comes right after a mention of table t ("potholes filled"). */
static int after_table(const ask_parse_t *p, const ask_mention_t *m, int t)
{
    for (int k = 0; k < p->nm; k++)
        if (p->m[k].kind == PH_TABLE && p->m[k].t == t && p->m[k].pos + p->m[k].len == m->pos)
            return 1;
    return 0;
}

/* "how many potholes did truck DP1 fill" beside potholes.filled_at (never
 * empty): the verb of the counted rows' own date, after "did" — it says
 * what they are, no condition (or, with a period, the date it is on). */
static int own_date_verb(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int i)
{
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.t, aux = 0;
    const char *w = tk->t[i].low;
    size_t n = strlen(w);
    for (int k = 0; k < i; k++)
        aux |= words_in(tk->t[k].low, (const char *const[]){"did", "do", "does", NULL});
    if (!aux || base < 0 || n < 3)
        return 0;
    int dated = p->q.date.kind || p->q.grain;  /* "fill in June 2016": by that date */
    for (int c = 0; c < s->tables[base].ncols; c++) {
        const ask_col_t *col = &s->tables[base].cols[c];
        if (!lexicon_col_is_time(col) || !col->never_null || !col->nw || strncmp(col->w[0], w, n) ||
            (dated && c != s->tables[base].time))
            continue;
        const char *rest = col->w[0] + n;
        if (!strcmp(rest, "ed") || !strcmp(rest, "d") || (rest[0] == w[n - 1] && !strcmp(rest + 1, "ed")))
            return 1;
    }
    return 0;
}

/* "top 5 highest paid employees by annual salary": "paid" after the order
 * word, where the rows are ranked by an amount of money — it says that. */
static int paid_ranked(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int i)
{
    const ask_q_t *q = &p->q;
    if (!words_at(tk, i, "paid") || i < 1 || !grammar_order_of(tk->t[i - 1].low) || q->m.t < 0 || q->m.c < 0)
        return 0;
    const ask_col_t *c = &s->tables[q->m.t].cols[q->m.c];
    return lexicon_col_is_money(c) ||
           lexicon_col_has_word(c, (const char *const[]){"pay", "wage", "salary", "compensation", NULL});
}

int account_said_word(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p, int i)
{
    return paid_by_value(tk, p, i) || container(tk, i) || measure_verb(s, tk, p, i) ||
           agent_verb(s, tk, p, i) || own_date_verb(s, tk, p, i) || paid_ranked(s, tk, p, i);
}

/* "how many reviews have been posted" beside reviews.posted_at (never
 * empty) and no period: the rows' own date said as a verb only says they
 * exist */
int account_said_column(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                        const ask_mention_t *m)
{
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.t;
    size_t n = strlen(tk->t[m->pos].low);
    if (m->kind == PH_COLUMN && m->len == 1 && !m->nalt && m->t == base && own_date_verb(s, tk, p, m->pos))
        return 1;  /* "did truck DP1 fill" where "fill" names filled_at */
    if (m->kind == PH_COLUMN && m->len == 1 && m->role == R_NONE && paid_by_value(tk, p, m->pos))
        return 1;  /* "paid by cheque" beside a paid_amount: how, not how much */
    return m->kind == PH_COLUMN && m->len == 1 && !m->nalt && m->t == base && !p->q.date.kind && !p->q.grain &&
           lexicon_col_is_time(&s->tables[m->t].cols[m->c]) && s->tables[m->t].cols[m->c].never_null &&
           n > 4 && !strcmp(tk->t[m->pos].low + n - 2, "ed") &&  /* never "shipped" of a shipped_at left empty */
           m->pos > 0 && (words_in(tk->t[m->pos - 1].low, (const char *const[]){"were", "was", "been", "are", "is", NULL}) ||
                          after_table(p, m, base));  /* "streets with more than 100 potholes filled" */
}
