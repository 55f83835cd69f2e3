/* span.c — the days from one date of a row to another: "average number of
 * days between order date and shipped date", "on average how many days
 * does it take to ship an order", "the average project length in days",
 * "the longest stay". The measure is an aggregate of days_between(start,
 * end) over the rows (ask_measure_t.since holds the start column + 1).
 *
 * The two dates are the two date columns the question names, or the one
 * pair of the table it names whose names say a start and an end
 * (project_start and proj_completion, admission_date and discharge_date);
 * two ends or two starts ask. An aggregate word must say which number of
 * the rows' days is meant (average, longest, shortest, total): "how many
 * days between order and shipping" alone may be each order's, so it is
 * left to ask. Days only — "in hours" is left unread, and asks.
 *
 * "On how many days did …": the distinct days of the rows, counted. */
#include "ask/internal.h"

#include <string.h>

static const char *const starts[] = {"start", "begin", "open", "admiss", "admit", "enrol",
    "enroll", "issu", "order", "creat", "signup", "book", "referr", "hire", "engag", "join",
    "regist", "submit", "invoic", "bill", "depart", "pickup", "checkin", "birth", "born", NULL};
static const char *const ends[] = {"end", "finish", "complet", "close", "discharg", "return",
    "due", "ship", "deliveri", "deliv", "expir", "expiri", "until", "renew", "resolv",
    "resolut", "cancel", "dropoff", "checkout", "paid", "arriv", "sold", "death", "died", NULL};

static const struct { const char *word; int agg; } aggs[] = {
    {"average", M_AVG}, {"avg", M_AVG}, {"mean", M_AVG}, {"typical", M_AVG},
    {"longest", M_MAX}, {"maximum", M_MAX}, {"max", M_MAX},
    {"shortest", M_MIN}, {"minimum", M_MIN}, {"min", M_MIN}, {"total", M_SUM},
};

/* 1 when a word of col begins with one of the stems in list. */
static int col_begins(const ask_col_t *col, const char *const *list)
{
    for (int i = 0; i < col->nw; i++)
        for (int k = 0; list[k]; k++)
            if (!strncmp(col->w[i], list[k], strlen(list[k])))
                return 1;
    return 0;
}

/* -1 a start, 1 an end, 0 neither or both. */
static int side_of(const ask_col_t *col)
{
    int st = col_begins(col, starts), en = col_begins(col, ends);
    return st == en ? 0 : en ? 1 : -1;
}

/* Table t's one start and one end date columns: 0 with *from, *to; -1. */
static int pair_of(const ask_table_t *t, int *from, int *to)
{
    int nf = 0, nt = 0;
    for (int c = 0; c < t->ncols; c++) {
        const ask_col_t *col = &t->cols[c];
        if (col->pk || col->fk_table >= 0 || !lexicon_col_is_time(col))
            continue;
        int side = side_of(col);
        if (side < 0)
            *from = c, nf++;
        else if (side > 0)
            *to = c, nt++;
    }
    return nf == 1 && nt == 1 ? 0 : -1;
}

/* The aggregate a word of the question says, and its token; M_NONE. */
static int agg_said(const ask_toks_t *tk, int *at)
{
    for (int i = 0; i < tk->n; i++)
        for (size_t k = 0; k < sizeof aggs / sizeof *aggs; k++)
            if (!tk->t[i].used && !strcmp(tk->t[i].low, aggs[k].word)) {
                *at = i;
                return aggs[k].agg;
            }
    return M_NONE;
}

/* The token of the span's words ("days", "long", "length", "duration",
 * "stay"), or -1; *days when "days" is said. A unit other than days, -2.
 * "average number of rentals per day" is a count per day: no span. */
static int span_word(const ask_toks_t *tk, int *days)
{
    static const char *const other[] = {"hours", "hour", "minutes", "minute", "seconds", "weeks",
        "months", "years", NULL};
    int at = -1;
    *days = 0;
    for (int i = 0; i < tk->n; i++) {
        const char *w = tk->t[i].low;
        if (tk->t[i].used)
            continue;
        if (words_in(w, other))
            return -2;
        if (!strcmp(w, "days") && !(i > 0 && words_in(tk->t[i - 1].low, (const char *const[]){
                "per", "by", "each", "every", "which", "what", NULL})))
            *days = 1, at = at < 0 ? i : at;  /* not "per day", "by days", "which days" */
        else if (at < 0 && ((!strcmp(w, "long") && i > 0 && words_at(tk, i - 1, "how")) ||
                            words_in(w, (const char *const[]){"length", "duration", "stay", NULL})))
            at = i;
    }
    return at;
}

/* The two date columns named, of one table: 0 with *t, *from, *to. */
static int dates_named(const ask_schema_t *s, const ask_parse_t *p, int *t, int *from, int *to)
{
    const ask_mention_t *d[2];
    int n = 0;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind == PH_COLUMN && !m->nalt && lexicon_col_is_time(&s->tables[m->t].cols[m->c]))
            n < 2 ? (void)(d[n] = m) : (void)0, n++;
    }
    if (n != 2 || d[0]->t != d[1]->t || d[0]->c == d[1]->c)
        return -1;
    *t = d[0]->t, *from = d[0]->c, *to = d[1]->c;  /* "between A and B": B - A */
    if (side_of(&s->tables[*t].cols[*from]) > 0 && side_of(&s->tables[*t].cols[*to]) < 0)
        *from = d[1]->c, *to = d[0]->c;  /* "between shipping and ordering" */
    return 0;
}

/* The one date column named with a side ("close_date") and the one date
 * of its table on the other side: 0 with *t, *from, *to. */
static int date_named(const ask_schema_t *s, const ask_parse_t *p, int *t, int *from, int *to)
{
    const ask_mention_t *d = NULL;
    int n = 0;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_COLUMN && !p->m[i].nalt &&
            lexicon_col_is_time(&s->tables[p->m[i].t].cols[p->m[i].c]))
            d = &p->m[i], n++;
    int f, e;
    if (n != 1 || pair_of(&s->tables[d->t], &f, &e) < 0 || (d->c != f && d->c != e))
        return -1;
    *t = d->t, *from = f, *to = e;
    return 0;
}

/* The one table named whose dates pair up — or, when the question names
 * no table nor column, the one table of the schema whose dates do ("the
 * average length of stay"): 0 with *t, *from, *to. */
static int table_named(const ask_schema_t *s, const ask_parse_t *p, int *t, int *from, int *to)
{
    int n = 0, named = 0;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int f, e;
        named |= m->kind == PH_TABLE || m->kind == PH_COLUMN;
        if (m->kind == PH_TABLE && !m->nalt && pair_of(&s->tables[m->t], &f, &e) == 0 &&
            (!n || *t != m->t))
            *t = m->t, *from = f, *to = e, n++;
    }
    for (int k = 0, f, e; !named && k < s->ntables; k++)
        if (pair_of(&s->tables[k], &f, &e) == 0)
            *t = k, *from = f, *to = e, n++;
    return n == 1 ? 0 : -1;
}

/* The words said for the span, used — from three tokens before the first
 * of its words to two after the last: "how long", "number of days",
 * "between … and", "does it take to <verb>" (a verb of its dates: "ship"
 * of shipped_date), "in days". */
static void span_use(const ask_table_t *tb, int from, int to, ask_toks_t *tk, int lo, int hi)
{
    static const char *const glue[] = {"how", "long", "number", "of", "days", "day", "between",
        "and", "from", "to", "it", "take", "takes", "took", "does", "did", "do", "last", "lasted",
        "run", "ran", "length", "duration", "stay", "in", "on", "is", "was", "are", "were",
        "valid", "open", "live", "lived", "a", "an", "the", NULL};
    for (int i = lo - 3 < 0 ? 0 : lo - 3; i < tk->n && i <= hi + 2; i++) {
        const char *v[] = {tk->t[i].stem, NULL};
        if (tk->t[i].used)
            continue;
        if (words_in(tk->t[i].low, glue) ||
            (i > 0 && words_at(tk, i - 1, "to") && strlen(v[0]) >= 3 &&
             (col_begins(&tb->cols[from], v) || col_begins(&tb->cols[to], v))))
            tk->t[i].used = 1;
    }
    for (int i = 0; i < tk->n; i++)  /* "… of stay in days": the unit, wherever said */
        if (!tk->t[i].used && words_in(tk->t[i].low, (const char *const[]){"days", "day", NULL})) {
            tk->t[i].used = 1;
            if (i > 0 && words_at(tk, i - 1, "in"))
                tk->t[i - 1].used = 1;
        }
}

static void span_first_last(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p);

/* "on how many (different) days did truck DP1 fill potholes", "on how
 * many days were generation readings taken": the days with any row of
 * the one table named, counted by its own date (count of the distinct
 * days). A number in the question ("more than 10,000 steps") may be a
 * row's or a day's total: not read here, so it asks. */
static int days_counted(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    int k = words_in(tk->t[0].low, (const char *const[]){"on", "in", NULL}), on = k;
    if (!words_at(tk, k, "how") || !words_at(tk, k + 1, "many"))
        return 0;
    int different = k + 2 < tk->n && words_in(tk->t[k + 2].low,
                                              (const char *const[]){"different", "distinct", "separate", NULL});
    if (!on && !different)  /* "how many days did the longest grant run": a length */
        return 0;
    k += 2 + different;
    if (k + 1 >= tk->n || strcmp(tk->t[k].low, "days") || tk->t[k].used ||
        !words_in(tk->t[k + 1].low, (const char *const[]){"did", "were", "was", "had", "has", "have", NULL}))
        return 0;
    int t = -1, n = 0, tt, tc;
    for (int i = 0; i < tk->n; i++)
        if (!tk->t[i].used && tk->t[i].isnum)
            return 0;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && !p->m[i].nalt && p->m[i].t != t)
            t = p->m[i].t, n++;
    if (n != 1)
        return 0;
    if (s->tables[t].time >= 0)  /* the table's own date: rental_date, not return_date */
        tt = t, tc = s->tables[t].time;
    else if (lexicon_time_for(s, t, &tt, &tc) < 0 || tt != t)
        return 0;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].t == t)
            p->m[i].role = R_MEASURE;
    for (int i = 0; i <= k; i++)
        tk->t[i].used = 1;
    p->q.m = (ask_measure_t){M_COUNT_DISTINCT, t, tc, -1, 0};
    p->q.time = (ask_colref_t){t, tc};
    p->measure_set = p->agg_cue = 1;
    p->subject = p->subject < 0 ? t : p->subject;
    return 1;
}

/* "how many days did each tournament last", "how many days did Dias
 * live": each row's own days, said by "each" / "every" / "per" right
 * before the table or by a name of one of its rows; 1 when so ("each"
 * used). Without either, whose days are meant is not said: asked. */
static int each_row(const ask_schema_t *s, ask_toks_t *tk, const ask_parse_t *p, int t)
{
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int k = m->pos - 1;
        if (m->kind == PH_VALUE && m->t == t && m->c == s->tables[t].label && !m->nalt)
            return 1;
        if (m->kind == PH_TABLE && m->t == t && k >= 0 && !tk->t[k].used &&
            words_in(tk->t[k].low, (const char *const[]){"each", "every", "per", NULL}))
            return tk->t[k].used = 1;
    }
    return 0;
}

/* Each row's days, by its key and its name (two flights of one airline
 * stay two), longest first. */
static void plan_each_row(const ask_schema_t *s, ask_parse_t *p, int t, int from, int to)
{
    const ask_table_t *tb = &s->tables[t];
    p->q.m = (ask_measure_t){M_MAX, t, to, -1, from + 1};
    p->q.dims[0] = (ask_colref_t){t, tb->pk};
    p->q.ndims = 1;
    if (tb->label >= 0 && tb->label != tb->pk)
        p->q.dims[p->q.ndims++] = (ask_colref_t){t, tb->label};
}

void span_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    if (p->first_last[0]) {  /* "between the first and the last call" */
        span_first_last(s, tk, p);
        return;
    }
    if (!p->measure_set && days_counted(s, tk, p))
        return;
    int days, at = span_word(tk, &days), agg_at = -1, agg = agg_said(tk, &agg_at);
    int t = -1, from = -1, to = -1;
    if (at < 0 || p->measure_set)
        return;
    if (dates_named(s, p, &t, &from, &to) < 0 && date_named(s, p, &t, &from, &to) < 0 &&
        table_named(s, p, &t, &from, &to) < 0)
        return;
    int row = agg == M_NONE;
    if (row && (p->q.ndims || s->tables[t].pk < 0 || !each_row(s, tk, p, t)))
        return;
    int lo = agg_at >= 0 && agg_at < at ? agg_at : at, hi = agg_at > at ? agg_at : at;
    if (agg_at >= 0)
        tk->t[agg_at].used = 1;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].t == t && (p->m[i].kind == PH_TABLE ||
                               (p->m[i].kind == PH_COLUMN && (p->m[i].c == from || p->m[i].c == to)))) {
            p->m[i].role = R_MEASURE;  /* the table too: "the average project length" is no group */
            lo = p->m[i].pos < lo ? p->m[i].pos : lo;
            hi = p->m[i].pos + p->m[i].len - 1 > hi ? p->m[i].pos + p->m[i].len - 1 : hi;
        } else if (row && p->m[i].t == t && p->m[i].kind == PH_VALUE)  /* "did Dias live" */
            hi = p->m[i].pos + p->m[i].len - 1 > hi ? p->m[i].pos + p->m[i].len - 1 : hi;
    span_use(&s->tables[t], from, to, tk, lo, hi);
    p->q.m = (ask_measure_t){agg, t, to, -1, from + 1};
    if (row)
        plan_each_row(s, p, t, from, to);
    p->measure_set = p->agg_cue = 1;
    if (p->q.nf < ASK_MAX_FILTERS)  /* the rows that have an end: no group of open ones */
        p->q.f[p->q.nf++] = (ask_filter_t){.col = {t, to}, .op = OP_NOT_NULL};
    p->subject = p->subject < 0 ? t : p->subject;
}

/* "How many days are there between the first and the last inspection",
 * "… passed between the oldest and the newest update": the days from the
 * earliest date to the latest (M_DAYS_SPANNED, days_between(min, max)).
 * Read before dates, so "the last month in the data" is no period. */
static const char *const firsts[] = {"first", "earliest", "oldest", NULL};
static const char *const lasts[] = {"last", "latest", "newest", "final", NULL};
static const char *const said[] = {"how", "many", "number", "of", "are", "is", "there", "have",
    "has", "passed", "lie", "elapsed", "went", "gone", "by", "does", "do", "did", "span", NULL};
static const char *const tail[] = {"in", "on", "the", "data", "dataset", "record", "records",
    "table", "log", NULL};

/* The token of "last" ("most recent": of "recent") at or after i, with
 * "the" before it skipped; -1. */
static int last_at(const ask_toks_t *tk, int i)
{
    i += i < tk->n && words_at(tk, i, "the");
    if (i < tk->n && words_in(tk->t[i].low, lasts))
        return i;
    return i + 1 < tk->n && words_at(tk, i, "most") && words_at(tk, i + 1, "recent") ? i + 1 : -1;
}

void span_scan_first_last(ask_toks_t *tk, ask_parse_t *p)
{
    int days = -1, f = -1, l = -1, b = -1;
    for (int i = 0; i < tk->n && days < 0; i++)
        if (!strcmp(tk->t[i].low, "days") && !(i > 0 && words_in(tk->t[i - 1].low,
                (const char *const[]){"per", "by", "each", "every", "which", "what", NULL})))
            days = i;
    for (int i = days + 1; days >= 0 && i + 1 < tk->n && f < 0; i++)
        if (words_in(tk->t[i].low, (const char *const[]){"between", "from", NULL})) {
            f = i + 1 + words_at(tk, i + 1, "the");
            f = f < tk->n && words_in(tk->t[f].low, firsts) ? f : -1;
            b = i;
        }
    for (int i = f + 1; f >= 0 && i < tk->n && i <= f + 4 && l < 0; i++)
        if (words_in(tk->t[i].low, (const char *const[]){"and", "to", NULL}))
            l = last_at(tk, i + 1);
    if (l < 0)
        return;
    for (int i = days > 1 ? days - 2 : 0; i < f; i++)  /* "how many days are there between the" */
        if (i == days || i >= b || words_in(tk->t[i].low, said))
            tk->t[i].used = 1;
    for (int i = f; i <= l; i++)
        if (i == f || i >= l - 2 || words_in(tk->t[i].low, (const char *const[]){"and", "to", NULL}))
            tk->t[i].used = 1;  /* "first", "and the last" ("and the most recent") */
    for (int i = l + 2; i < tk->n && words_in(tk->t[i].low, tail); i++)
        tk->t[i].used = 1;  /* "… inspection in the data", "… visit on record" */
    p->first_last[0] = f + 1, p->first_last[1] = l + 1;
}

/* The dates the range runs over: the one date column named, else the date
 * of the table named beside "first" or "last" ("the first and the last
 * call"): 0 with *t, *c; -1. */
static int first_last_col(const ask_schema_t *s, ask_parse_t *p, int *t, int *c)
{
    int n = 0, f = p->first_last[0] - 1, l = p->first_last[1] - 1, tt;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_COLUMN && !p->m[i].nalt &&
            lexicon_col_is_time(&s->tables[p->m[i].t].cols[p->m[i].c]))
            *t = p->m[i].t, *c = p->m[i].c, n++;
    if (n)
        return n == 1 ? 0 : -1;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind == PH_TABLE && !m->nalt && ((m->pos > f && m->pos < l) || (m->pos > l && m->pos <= l + 2)))
            *t = m->t, n++;
    }
    return n == 1 && lexicon_time_for(s, *t, &tt, c) == 0 && tt == *t ? 0 : -1;
}

static void span_first_last(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    int t, c;
    if (p->measure_set || first_last_col(s, p, &t, &c) < 0) {
        roles_not_understood(tk, p, p->first_last[0] - 1, p->first_last[0]);  /* asks: "first" */
        return;
    }
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].t == t && (p->m[i].kind == PH_TABLE || (p->m[i].kind == PH_COLUMN && p->m[i].c == c)))
            p->m[i].role = R_MEASURE;  /* the calls are measured, not grouped */
    p->q.m = (ask_measure_t){M_DAYS_SPANNED, t, c, -1, 0};
    p->measure_set = p->agg_cue = 1;
    p->subject = p->subject < 0 ? t : p->subject;
}
