/* assemble_time.c — which date a question's period, grain or weekday
 * applies to: a date column named, the one a verb names ("released in
 * 2020"), the related rows' ("customers who have not rented in 2006"), the
 * year grouped by, else the table's own date (or its parent's: order items
 * dated by their order) — and when a year column stands beside that date,
 * a whole year asks which. */
#include "ask/internal.h"

#include <string.h>

/* 1 when token i names date column c of t: a verb of it ("released",
 * "shipped"), a word its name starts with ("independent" ~ indepyear); on
 * the second pass (nouns) a word that is its first ("berthings" of
 * berthing_date) — never the table's own noun ("invoices" of invoice_date:
 * "invoices due in July" are dated by due_date). */
static int names_date(const ask_table_t *t, const ask_toks_t *tk, int i, int c, int nouns)
{
    const ask_col_t *col = &t->cols[c];
    if (!lexicon_col_is_time(col) && !lexicon_col_is_year(col))
        return 0;
    for (int k = 0; nouns && k < t->nw; k++)
        if (!strcmp(tk->t[i].stem, t->w[k]))
            return 0;
    if (nouns) {  /* "releases" of released_on, "returns" of returned_date: the noun's past */
        size_t n = strlen(tk->t[i].stem);
        return col->nw > 1 && (!strcmp(tk->t[i].stem, col->w[0]) ||
                               (n >= 4 && !strncmp(tk->t[i].stem, col->w[0], n) &&
                                (!strcmp(col->w[0] + n, "d") || !strcmp(col->w[0] + n, "ed"))));
    }
    return lexicon_verb_names_col(tk->t[i].low, col) ||
           (!tk->t[i].used && col->nw && strlen(tk->t[i].low) >= 6 && !strncmp(col->w[0], tk->t[i].low, 5));
}

/* "orders delivered to the customer in December": of the dates the verb
 * names (delivered_carrier_date, delivered_customer_date), the one another
 * word of the question names too; *n how many are left (the last kept). */
static int verb_narrowed(const ask_table_t *t, ask_toks_t *tk, int i, int *n)
{
    int found = -1, kept = 0, last = -1, said = -1;
    for (int c = 0; c < t->ncols; c++) {
        if (!names_date(t, tk, i, c, 0))
            continue;
        last = c;
        for (int k = 0; k < tk->n; k++)
            if (k != i && !words_is_stop_at(tk, k) && !tk->t[k].isnum &&
                lexicon_col_has_word(&t->cols[c], (const char *const[]){tk->t[k].stem, NULL}) &&
                !words_in(tk->t[k].stem, (const char *const[]){"date", "time", "day", NULL})) {
                int own = 0;  /* not the table's noun ("order" of every order_* date) */
                for (int w = 0; w < t->nw; w++)
                    own |= !strcmp(t->w[w], tk->t[k].stem);
                if (!own) {
                    found = c, kept++, said = k;
                    break;
                }
            }
    }
    if (kept == 1)
        return tk->t[said].used = 1, *n = 1, found;
    return last;
}

/* 1 when the verb is the table's own noun: "ordered" of orders dates the
 * order itself, whichever order_* column the verb also names */
static int verb_is_own(const ask_table_t *t, const ask_toks_t *tk, int i)
{
    for (int w = 0; w < t->nw; w++)
        if (!strncmp(tk->t[i].stem, t->w[w], strlen(t->w[w])))
            return 1;
    return 0;
}

/* 1 when the dates the verb names are one event kept twice: delivered_date
 * and delivered_datetime, year_lost and date_lost — the same words but
 * those that only say how the time is written. */
static int verb_one_event(const ask_table_t *t, const ask_toks_t *tk, int i)
{
    static const char *const how[] = {"date", "datetime", "time", "timestamp", "ts", "dt", "at", "on",
        "day", "year", "yr", NULL};
    const ask_col_t *first = NULL;
    for (int c = 0; c < t->ncols; c++) {
        const ask_col_t *col = &t->cols[c];
        if (!names_date(t, tk, i, c, 0))
            continue;
        if (!first) {
            first = col;
            continue;
        }
        int a = 0, b = 0;  /* the two names' other words, in order */
        for (;;) {
            while (a < first->nw && words_in(first->w[a], how))
                a++;
            while (b < col->nw && words_in(col->w[b], how))
                b++;
            if (a == first->nw || b == col->nw || strcmp(first->w[a], col->w[b]))
                break;
            a++, b++;
        }
        if (a != first->nw || b != col->nw)
            return 0;
    }
    return first != NULL;
}

/* A date the verb names other than c (for the question asked back). */
static int verb_second(const ask_table_t *t, const ask_toks_t *tk, int i, int c)
{
    for (int k = 0; k < t->ncols; k++)
        if (k != c && names_date(t, tk, i, k, 0))
            return k;
    return c;
}

/* "titles released in 2020", "orders shipped in May", "countries
 * independent since 1990", "berthings per month": the word names which date
 * of the table the period applies to. One column only; verbs first. */
static int time_by_verb(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, int base)
{
    const ask_table_t *t = &s->tables[base];
    for (int nouns = 0; nouns < 2; nouns++)
        for (int i = 0; i < tk->n; i++) {  /* "added" may be used already: the row's own time */
            int found = -1, n = 0;
            for (int c = 0; c < t->ncols; c++)
                if (names_date(t, tk, i, c, nouns))
                    found = c, n++;
            if (n >= 2 && !nouns)
                found = verb_narrowed(t, tk, i, &n);
            if (n == 1) {
                p->q.time = (ask_colref_t){base, found};
                tk->t[i].used = 1;
                return 1;
            }
            /* "orders delivered in December": to the carrier, or to the customer? */
            if (n >= 2 && !nouns && !verb_is_own(t, tk, i) && !verb_one_event(t, tk, i)) {
                p->amb[0] = (ask_colref_t){base, found};
                p->amb[1] = (ask_colref_t){base, verb_second(t, tk, i, found)};
                p->namb = 2;
                p->ambiguous = p->ambiguous ? p->ambiguous : AMB_TWO_TIMES;
                return 1;
            }
        }
    return 0;
}

/* "accounts opened in the first quarter of 1993 (that) never got a loan":
 * a past verb right after the base's noun, then "in" (or "since", …),
 * dates the base's own rows — when the base is dated itself and the verb
 * does not name the related rows ("customers rented in 2006"). */
static int own_verb_dates(const ask_schema_t *s, const ask_toks_t *tk, const ask_mention_t *m, int rel)
{
    int k = m->pos + m->len, tt, tc;
    size_t n = k < tk->n ? strlen(tk->t[k].low) : 0;
    return n > 4 && !strcmp(tk->t[k].low + n - 2, "ed") &&
           words_in(k + 1 < tk->n ? tk->t[k + 1].low : "", (const char *const[]){"in", "during", "before",
                    "after", "since", "between", "on", NULL}) &&
           filters_verb_table(s, tk->t[k].low) != rel && lexicon_time_for(s, m->t, &tt, &tc) == 0 && tt == m->t;
}

/* "customers who have not rented in 2006": with an EXISTS, a period says
 * when the related rows happened (the rentals' date, inside the EXISTS),
 * not when the base rows did. 1 when that settled the time column. */
static int time_in_exists(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    if (q->rel < 0 || q->rel_cond || !q->date.kind)
        return 0;
    for (int i = 0; i < p->nm; i++) {  /* "2019 finishers with no 5K split": the finishers' year */
        const ask_mention_t *m = &p->m[i];
        if (m->kind == PH_TABLE && m->t == (q->kind == Q_LIST ? q->table : q->m.t) && m->pos > 0 &&
            tk->t[m->pos - 1].isnum && dates_one_year(&q->date))
            return 0;
        if (m->kind == PH_TABLE && m->t == (q->kind == Q_LIST ? q->table : q->m.t) &&
            own_verb_dates(s, tk, m, q->rel))
            return 0;
    }
    if (q->grain || lexicon_time_for(s, q->rel, &q->time.t, &q->time.c) < 0) {
        roles_set_ambiguous(p, AMB_TIME, NULL);  /* per month of what? dated how? */
        return 1;
    }
    q->rel_time = 1;
    return 1;
}

/* launch_year beside launch_date: the same words but the last, "year" for
 * "date" — the date's own year, kept beside it (and where the date is
 * not), not another time. */
static int year_of_date(const ask_col_t *date, const ask_col_t *year)
{
    if (date->nw < 2 || date->nw != year->nw || strcmp(year->w[year->nw - 1], "year") ||
        !words_in(date->w[date->nw - 1], (const char *const[]){"date", "dt", "day", "time", NULL}))
        return 0;
    for (int k = 0; k + 1 < date->nw; k++)
        if (strcmp(date->w[k], year->w[k]))
            return 0;
    return 1;
}

/* "movies from 1997" where a movie has mov_year and mov_dt_rel: a whole
 * year, or years, could be either — they differ (a film of 1997 released
 * in 1998). Asks which, naming both. */
static void year_beside_date(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    const ask_table_t *t = &s->tables[q->time.t];
    int pt, pc;  /* "hit-and-run vehicles per year": the model year, or the crash's date? */
    if (lexicon_col_is_year(&t->cols[q->time.c]) && lexicon_parent_time(s, q->time.t, &pt, &pc) == 0 &&
        lexicon_col_is_time(&s->tables[pt].cols[pc])) {
        p->amb[0] = q->time, p->amb[1] = (ask_colref_t){pt, pc}, p->namb = 2;
        p->ambiguous = p->ambiguous ? p->ambiguous : AMB_TWO_TIMES;
        return;
    }
    int whole = q->grain == G_YEAR || (q->date.kind == D_RANGE && !q->grain &&
                !strcmp(q->date.from + 4, "-01-01") && !strcmp(q->date.to + 4, "-01-01"));
    if (!whole || !lexicon_col_is_time(&t->cols[q->time.c]))
        return;
    for (int c = 0; c < t->ncols; c++)  /* launch_year: whole years by it, kept when the date is not */
        if (lexicon_col_is_year(&t->cols[c]) && !t->cols[c].pk && year_of_date(&t->cols[q->time.c], &t->cols[c])) {
            p->q.time.c = c;
            return;
        }
    for (int c = 0; c < t->ncols; c++)
        if (lexicon_col_is_year(&t->cols[c]) && !t->cols[c].pk) {
            p->amb[0] = q->time, p->amb[1] = (ask_colref_t){q->time.t, c}, p->namb = 2;
            p->ambiguous = p->ambiguous ? p->ambiguous : AMB_TWO_TIMES;
            return;
        }
}

/* "forms submitted on a Monday" where a form has a deadline_date and a
 * warning_date: a date that is planned, not when the row happened, is no
 * default — asked, naming the two. */
static void planned_date(const ask_schema_t *s, ask_parse_t *p)
{
    static const char *const planned[] = {"deadline", "due", "expiry", "expiration", "expire",
        "warning", "reminder", NULL};
    const ask_table_t *t = &s->tables[p->q.time.t];
    if (!lexicon_col_has_word(&t->cols[p->q.time.c], planned))
        return;
    for (int c = 0; c < t->ncols; c++)
        if (c != p->q.time.c && lexicon_col_is_time(&t->cols[c])) {
            p->amb[0] = p->q.time, p->amb[1] = (ask_colref_t){p->q.time.t, c}, p->namb = 2;
            p->ambiguous = p->ambiguous ? p->ambiguous : AMB_TWO_TIMES;
            return;
        }
}

/* "tickets sold for the 2024 festival": a year said right before another
 * table's noun dates that table's rows, not the counted ones' — by its own
 * date, else asked. 1 when it decided. */
static int year_names_table(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, int base)
{
    for (int i = 0; i < p->nm && dates_one_year(&p->q.date); i++) {
        const ask_mention_t *m = &p->m[i];
        int k = m->pos - 1, tt = -1, tc = -1;
        if (m->kind != PH_TABLE || m->t == base || k < 0 || !tk->t[k].isnum ||
            tk->t[k].num < 1000 || tk->t[k].num > 2999)
            continue;
        if (lexicon_time_for(s, m->t, &tt, &tc) == 0 && tt == m->t)
            p->q.time = (ask_colref_t){tt, tc};
        else
            roles_set_ambiguous(p, AMB_TIME, NULL);
        return 1;
    }
    return 0;
}

/* "animals that died on a Monday" where died is status 'Died' beside a
 * status_date: a state said as a verb is dated by the state's own date. */
static int time_of_state(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, int base)
{
    const ask_table_t *t = &s->tables[base];
    for (int i = 0; i < p->q.nf; i++) {
        const ask_filter_t *f = &p->q.f[i];
        const ask_col_t *fc = &t->cols[f->col.c];
        size_t n = f->pos >= 0 && f->pos < tk->n ? strlen(tk->t[f->pos].low) : 0;
        if (f->col.t != base || f->op != OP_IN || fc->nw != 1 || n < 4 ||
            strcmp(tk->t[f->pos].raw, tk->t[f->pos].low) || strcmp(tk->t[f->pos].low + n - 2, "ed"))
            continue;
        for (int c = 0; c < t->ncols; c++)
            if (t->cols[c].nw == 2 && !strcmp(t->cols[c].w[0], fc->w[0]) && lexicon_col_is_time(&t->cols[c])) {
                p->q.time = (ask_colref_t){base, c};
                return 1;
            }
    }
    return 0;
}

/* "buildings that had an ENERGY STAR score of 100 in 2020": the period
 * goes with the rows the filter keeps — the building's yearly reports
 * (data_year), not the building's own year_built. One child table of the
 * base, filtered, with a date of its own. */
static int time_of_child_filtered(const ask_schema_t *s, ask_parse_t *p, int base)
{
    int child = -1, tt, tc, fk = 0;
    for (int i = 0; i < p->q.nf; i++)
        if (p->q.f[i].col.t != base)
            child = child == -1 || child == p->q.f[i].col.t ? p->q.f[i].col.t : -2;
    for (int e = 0; child >= 0 && e < s->nedges; e++) {
        fk += s->edges[e].from_t == child && s->edges[e].to_t == base;
        if (s->edges[e].from_t == base && s->edges[e].to_t == child)
            return 0;  /* "expeditions to Lhotse in 2019": the peak is the expedition's parent, its
                        * first_ascent_expedition_id no reason to date the expeditions by the peak */
    }
    if (fk != 1 || lexicon_time_for(s, child, &tt, &tc) < 0 || tt != child)
        return 0;
    p->q.time = (ask_colref_t){tt, tc};
    return 1;
}

/* "NIPS papers by year, oldest first", "reviews per year, in order": a
 * series by a period runs from its first period already — the words say
 * the order it has. Not "newest first" (the other way round). */
static void series_in_order(const ask_schema_t *s, ask_toks_t *tk, const ask_parse_t *p)
{
    int n = tk->n;
    while (n > 0 && !strcmp(tk->t[n - 1].low, "?"))
        n--;
    int by_year = p->q.ndims == 1 && p->q.dims[0].t >= 0 && p->q.dims[0].c >= 0 &&  /* papers.year */
                  lexicon_col_is_year(&s->tables[p->q.dims[0].t].cols[p->q.dims[0].c]);
    int counted = 0;  /* "paper counts by year": a series; "countries by year of independence": a list? */
    for (int k = 0; k < n; k++)
        counted |= words_in(tk->t[k].low, (const char *const[]){"count", "counts", "number", "many", "total",
                                                                "sum", "average", "per", NULL});
    if (!(p->q.grain || by_year) || !counted || p->q.grain == G_DOW || p->q.order || n < 2 || tk->t[n - 2].used ||
        (tk->t[n - 1].used && !words_at(tk, n - 1, "first")))
        return;
    if ((words_at(tk, n - 1, "first") && words_in(tk->t[n - 2].low, (const char *const[]){"oldest", "earliest",
                                                                                             NULL})) ||
        (words_at(tk, n - 1, "order") && words_in(tk->t[n - 2].low, (const char *const[]){"in", NULL})) ||
        (words_at(tk, n - 1, "order") && words_at(tk, n - 2, "chronological") && words_at(tk, n - 3, "in")))
        for (int k = n - 2 - words_at(tk, n - 2, "chronological"); k < n; k++)
            tk->t[k].used = 1;
}

void assemble_pick_time(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    series_in_order(s, tk, p);
    if ((!p->q.grain && !p->q.date.kind && !p->dow_from) || p->q.time.t >= 0)
        return;
    if (time_in_exists(s, tk, p))
        return;
    int base0 = p->q.kind == Q_LIST ? p->q.table : p->q.m.t;
    if (base0 < 0 && p->q.nf > 0)  /* "how many TV shows were released": the value's table */
        base0 = p->q.f[0].col.t;
    if (year_names_table(s, tk, p, base0))
        return;
    if (base0 >= 0 && (time_by_verb(s, tk, p, base0) || time_of_state(s, tk, p, base0)))
        return;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind == PH_COLUMN && m->role == R_NONE && !m->nalt &&
            lexicon_col_is_time(&s->tables[m->t].cols[m->c])) {
            p->q.time = (ask_colref_t){m->t, m->c};
            return;
        }
    }
    /* "titles per release year since 2015": the period is about the year
     * the question groups by, not the table's other date */
    for (int i = 0; i < p->nm && p->q.date.kind && p->q.ndims == 1; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind == PH_COLUMN && m->role == R_DIM && !m->nalt && m->t == p->q.dims[0].t &&
            m->c == p->q.dims[0].c && lexicon_col_is_year(&s->tables[m->t].cols[m->c])) {
            p->q.time = (ask_colref_t){m->t, m->c};
            return;
        }
    }
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.t;
    if (base >= 0 && time_of_child_filtered(s, p, base))
        return;
    int found = base >= 0 ? lexicon_time_for(s, base, &p->q.time.t, &p->q.time.c) : -1;
    if (found < 0 && base >= 0 && p->measure_set)
        roles_set_ambiguous(p, AMB_TIME, NULL);
    else if (found >= 0 && p->q.time.t >= 0)
        year_beside_date(s, p), planned_date(s, p);
}
