/* periods.c — two periods side by side.
 *
 * "How many animals were born in 2010 and how many in 2018?", "compare the
 * number of orders in March 2021 and March 2022", "admissions in December
 * 2018 compared with January 2019": one answer per period, a row each, in
 * the order the question says them. The plan keeps one date with a second
 * period beside it (ask_date_t.from2/to2: the WHERE is either period) and
 * groups by the grain that tells the two apart:
 *
 *   both whole years                              year
 *   the same month or quarter of two years        year  (March 2021, March 2022)
 *   both whole months, quarters or days           that  (Dec 2018, Jan 2019)
 *   anything else (halves, Jan–Oct)               the coarsest grain holding each
 *                                                 period in one unit, apart
 *
 * Only said as a comparison ("vs", "compared", "than", "compare …") or as
 * two answers ("in 2013 and in 2020", "… and how many in 2018"); a question
 * with "not", "both", "but", "already" … ("landed in 2013 but not in 2020",
 * "inspected in both 2015 and 2016") is about rows in one and the other, not
 * two totals, and still asks, as does any plan other than a plain measure
 * (a list, a share, a ranking, a count per entity). */
#include "ask/internal.h"

#include <stdio.h>
#include <string.h>

/* Months since year 0 of "YYYY-MM-DD"'s month; *day its day. */
static int month_index(const char *ymd, int *day)
{
    int y = 0, m = 0, d = 0;
    if (sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return -1;
    *day = d;
    return y * 12 + m - 1;
}

/* The grain a period is one whole unit of (G_YEAR, G_QUARTER, G_MONTH,
 * G_DAY), or 0 (a half, "January to October"). */
static int unit_of(const char *from, const char *to)
{
    int fd, td, f = month_index(from, &fd), t = month_index(to, &td);
    if (f < 0 || t < 0)
        return 0;
    if (fd == 1 && td == 1) {
        if (t - f == 12 && f % 12 == 0)
            return G_YEAR;
        if (t - f == 3 && f % 3 == 0)
            return G_QUARTER;
        if (t - f == 1)
            return G_MONTH;
    }
    return (t == f && td == fd + 1) || (t == f + 1 && td == 1 && fd >= 28) ? G_DAY : 0;
}

/* The unit of grain g (year, quarter, month) [from, to) lies in, or -1
 * when it spans two. */
static int one_unit(int g, const char *from, const char *to)
{
    int fd, td, f = month_index(from, &fd), last = month_index(to, &td);
    last -= td == 1;  /* to is exclusive: "2018-11-01" ends in October */
    int div = g == G_YEAR ? 12 : g == G_QUARTER ? 3 : 1;
    return f < 0 || last < f || f / div != last / div ? -1 : f / div;
}

int periods_within_year(const ask_date_t *d)
{
    return d->kind && d->from[0] && d->to[0] && !d->from2[0] && one_unit(G_YEAR, d->from, d->to) >= 0;
}

static int pair_grain(const ask_date_t *a, const ask_date_t *b)
{
    int ua = unit_of(a->from, a->to), ub = unit_of(b->from, b->to), d;
    if (ua && ua == ub) {
        int same_part = month_index(a->from, &d) % 12 == month_index(b->from, &d) % 12;
        return (ua == G_MONTH || ua == G_QUARTER) && same_part ? G_YEAR : ua;
    }
    static const int grains[] = {G_YEAR, G_QUARTER, G_MONTH};
    for (int k = 0; k < 3; k++) {
        int x = one_unit(grains[k], a->from, a->to), y = one_unit(grains[k], b->from, b->to);
        if (x >= 0 && y >= 0 && x != y)
            return grains[k];
    }
    return 0;
}

static const char *const totals[] = {"counts", "numbers", "totals", "figures", NULL};
static const char *const more[] = {"more", "fewer", "less", NULL};

/* 1 at "both counts": the two totals asked for, not rows in both periods */
static int both_totals_at(const ask_toks_t *tk, int i)
{
    return words_at(tk, i, "both") && i + 1 < tk->n && words_in(tk->t[i + 1].low, totals);
}

/* Words that make two periods a question about rows in one and the other,
 * or about one number: "how much more revenue in June than in May", "the
 * change from 2019 to 2020" — the difference, not two totals. */
static int rows_compared(const ask_toks_t *tk)
{
    static const char *const not_two[] = {"not", "never", "both", "neither", "either", "but",
        "already", "also", "still", "again", "same", "each", "every", "per", "by", "monthly",
        "weekly", "daily", "yearly", "quarterly", "without", NULL};
    static const char *const difference[] = {"difference", "change", "changed", "increase", "increased",
        "decrease", "decreased", "growth", "grew", "grow", "rise", "rose", "fell", "drop", "dropped", NULL};
    for (int i = 0; i < tk->n; i++)
        if ((words_in(tk->t[i].low, not_two) && !both_totals_at(tk, i)) || words_in(tk->t[i].low, difference) ||
            (words_in(tk->t[i].low, (const char *const[]){"much", "many", NULL}) && i + 1 < tk->n &&
             words_in(tk->t[i + 1].low, more)))
            return 1;
    return 0;
}

/* "… Give both counts.", "were there more adoptions in 2015 or in 2016":
 * said by the comparison, used ("more than 5" is no such word) */
static void use_both_totals(ask_toks_t *tk)
{
    for (int i = 0; i < tk->n; i++)
        if (words_in(tk->t[i].low, more) && !(words_at(tk, i + 1, "than") && i + 2 < tk->n && tk->t[i + 2].isnum))
            tk->t[i].used = 1;
    for (int i = 0; i + 1 < tk->n; i++)
        if (both_totals_at(tk, i)) {
            tk->t[i].used = tk->t[i + 1].used = 1;
            if (i > 0 && words_in(tk->t[i - 1].low, (const char *const[]){"give", "show", NULL}))
                tk->t[i - 1].used = 1;
        }
}

/* "vs", "compared (with)", "than", "compare": marked used; 1 when said. */
static int comparison_said(ask_toks_t *tk, int bi)
{
    static const char *const cmp[] = {"vs", "versus", "compared", "comparing", "compare",
                                      "against", "than", NULL};
    int said = 0;
    for (int i = 0; i < tk->n; i++)
        if (!tk->t[i].used && words_in(tk->t[i].low, cmp)) {
            tk->t[i].used = said = 1;
            if (i + 1 < tk->n && words_in(tk->t[i + 1].low, (const char *const[]){"with", "to", NULL}))
                tk->t[i + 1].used = 1;
        }
    if (said && bi > 0 && !tk->t[bi - 1].used &&  /* "compare … in 2021 with 2022" */
        words_in(tk->t[bi - 1].low, (const char *const[]){"with", "to", "and", NULL}))
        tk->t[bi - 1].used = 1;
    return said;
}

/* Between the periods only "and (how many) (in)" or "or": two answers asked. */
static int two_answers(ask_toks_t *tk, int ai, int bi)
{
    static const char *const glue[] = {"and", "or", "how", "many", "much", "times", "in", "for",
                                       "during", "the", "then", NULL};
    int joined = 0;
    for (int i = ai + 1; i < bi; i++) {
        if (tk->t[i].used)
            continue;
        if (!words_in(tk->t[i].low, glue))
            return 0;
        joined |= words_in(tk->t[i].low, (const char *const[]){"and", "or", NULL});
    }
    for (int i = ai + 1; joined && i < bi; i++)
        tk->t[i].used = 1;
    return joined;
}

int periods_pair(ask_toks_t *tk, ask_date_t *a, int ai, const ask_date_t *b, int bi)
{
    if (a->kind != D_RANGE || b->kind != D_RANGE || a->from2[0] || !a->from[0] || !a->to[0] ||
        !b->from[0] || !b->to[0] || (strcmp(a->to, b->from) > 0 && strcmp(b->to, a->from) > 0) ||
        rows_compared(tk))
        return 0;
    int g = pair_grain(a, b);
    if (!g || (!comparison_said(tk, bi) && !two_answers(tk, ai, bi)))
        return 0;
    use_both_totals(tk);
    memcpy(a->from2, b->from, sizeof a->from2);
    memcpy(a->to2, b->to, sizeof a->to2);
    a->later_first = strcmp(b->from, a->from) < 0;
    return g;
}

/* One period by its name: "in 2021", "in Q1 2021", "in March 2021", "in
 * the first half of 2021", "on 2021-03-05", else "from … to before …". */
static void put_period(buf_t *b, const char *from, const char *to)
{
    static const char *const names[] = {"January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December"};
    int fd, td, m = month_index(from, &fd), t = month_index(to, &td);
    switch (unit_of(from, to)) {
    case G_YEAR: buf_printf(b, "in %.4s", from); return;
    case G_QUARTER: buf_printf(b, "in Q%d %.4s", m % 12 / 3 + 1, from); return;
    case G_MONTH: buf_printf(b, "in %s %.4s", names[m % 12], from); return;
    case G_DAY: buf_printf(b, "on %s", from); return;
    default: break;
    }
    if (fd == 1 && td == 1 && t - m == 6 && m % 6 == 0)
        buf_printf(b, "in the %s half of %.4s", m % 12 ? "second" : "first", from);
    else
        buf_printf(b, "from %s to before %s", from, to);
}

void periods_describe(buf_t *b, const ask_date_t *d)
{
    put_period(b, d->from, d->to);
    buf_puts(b, " and ");
    put_period(b, d->from2, d->to2);
}

/* "list the orders placed in 1996 and in 1998": rows asked for, no "how
 * many" or "total" — not the count per year the grouping would make of it. */
static int rows_asked(const ask_toks_t *tk, const ask_parse_t *p)
{
    static const char *const lists[] = {"list", "show", "which", "display", "give", "return",
                                        "find", "get", "name", NULL};
    return !p->agg_cue && tk->n &&
           (words_in(tk->t[0].low, lists) || (words_at(tk, 0, "what") && tk->n > 1 &&
                                               words_in(tk->t[1].low, (const char *const[]){"are", "were", NULL})));
}

/* Two totals side by side, nothing else: a list, a share, a ranking or a
 * count per entity over two periods asks. */
void periods_check(const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->date.from2[0] && (q->kind != Q_AGG || q->share || q->per || q->having || q->order ||
                             q->limit > 0 || q->rel >= 0 || q->rel_time || !q->grain || rows_asked(tk, p)))
        p->ambiguous = p->ambiguous ? p->ambiguous : AMB_DATES;
}
