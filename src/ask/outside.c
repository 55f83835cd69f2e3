/* outside.c — a period the data does not reach.
 *
 * Discovery reads what each date column covers (engine/ranges.c: its first
 * and last day). A question whose period lies wholly outside that span
 * ("orders in 2024" of orders from 1996 to 1998, "sales last month" of a
 * sample that stops in 2018) would be answered with an empty table or a
 * zero — true, and useless, and read as "nothing happened". Instead the
 * planner says what the data covers and asks. A period partly inside is
 * answered (the SQL is the same), and "what I understood" says where the
 * data stops: a partial year is not read as a whole one.
 *
 * Relative periods ("last month", "in the last 3 weeks") are measured from
 * today, as the SQL will be when it runs: the span checked starts at the
 * earliest day such a period can start (a whole unit more than it names)
 * and is open at the end, so a borderline case is answered, never asked. */
#include "ask/internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Days one unit of a grain spans at most. */
static int grain_days(int g)
{
    switch (g) {
    case G_DAY: return 1;
    case G_WEEK: return 7;
    case G_MONTH: return 31;
    case G_QUARTER: return 92;
    default: return 366;
    }
}

/* Today minus days, as YYYY-MM-DD. */
static void day_before_today(int days, char out[11])
{
    time_t t = time(NULL) - (time_t)days * 86400;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* The period's [from, to) as days; "" for an open end. 0 when it has none. */
static int period_span(const ask_date_t *d, char from[11], char to[11])
{
    from[0] = to[0] = 0;
    switch (d->kind) {
    case D_RANGE: snprintf(from, 11, "%s", d->from), snprintf(to, 11, "%s", d->to); return 1;
    case D_SINCE: snprintf(from, 11, "%s", d->from); return 1;
    case D_BEFORE: snprintf(to, 11, "%s", d->to); return 1;
    case D_TODAY: day_before_today(1, from); return 1;
    case D_YESTERDAY: day_before_today(2, from); return 1;
    case D_THIS: day_before_today(grain_days(d->unit) + 1, from); return 1;
    case D_PREV: day_before_today(2 * grain_days(d->unit) + 1, from); return 1;
    case D_LAST_N: day_before_today((d->n + 1) * grain_days(d->unit) + 1, from); return 1;
    default: return 0;
    }
}

void outside_check(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    char from[11], to[11];
    if (p->ambiguous || p->unknown || !q->date.kind || q->time.t < 0 || q->time.c < 0 ||
        (q->rel_time && q->rel_not))  /* "not rented in 2030": every customer, truly */
        return;
    const ask_col_t *c = &s->tables[q->time.t].cols[q->time.c];
    if (!c->lo[0] || !period_span(&q->date, from, to))
        return;
    int out = (from[0] && strcmp(c->hi, from) < 0) || (to[0] && strcmp(c->lo, to) >= 0);
    if (q->date.from2[0])  /* either of two periods (periods.c): its row would be missing */
        out |= strcmp(c->hi, q->date.from2) < 0 || strcmp(c->lo, q->date.to2) >= 0;
    if (out)
        roles_set_ambiguous(p, AMB_OUTSIDE, NULL), p->amb[0] = q->time, p->namb = 1;
}

void outside_describe_partial(const ask_schema_t *s, const ask_q_t *q, buf_t *b)
{
    char from[11], to[11];
    if (q->time.t < 0 || q->time.c < 0 || q->date.kind != D_RANGE ||
        !period_span(&q->date, from, to))
        return;
    const ask_col_t *c = &s->tables[q->time.t].cols[q->time.c];
    if (!c->lo[0] || lexicon_col_is_year(c))  /* a year column holds whole years */
        return;
    if (strcmp(c->hi, from) >= 0 && strcmp(c->hi, to) < 0)
        buf_printf(b, " (the data ends %s)", c->hi);
    else if (strcmp(c->lo, from) > 0 && strcmp(c->lo, to) < 0)
        buf_printf(b, " (the data starts %s)", c->lo);
}

const char *outside_why(const ask_schema_t *s, const ask_parse_t *p, char *tmp, size_t n)
{
    const ask_table_t *t = &s->tables[p->amb[0].t];
    const ask_col_t *c = &t->cols[p->amb[0].c];
    buf_t b = {0};
    if (lexicon_col_is_year(c))
        buf_printf(&b, "%.40s.%.40s holds years from %.4s to %.4s", t->name, c->name, c->lo, c->hi);
    else
        buf_printf(&b, "%.40s.%.40s holds dates from %s to %s", t->name, c->name, c->lo, c->hi);
    buf_puts(&b, ": there is nothing ");
    ask_date_t one = p->q.date;  /* of two periods, the one the data misses */
    const ask_date_t *d = &one;
    if (one.from2[0]) {
        int first_out = strcmp(c->hi, one.from) < 0 || strcmp(c->lo, one.to) >= 0;
        int second_out = strcmp(c->hi, one.from2) < 0 || strcmp(c->lo, one.to2) >= 0;
        if (!first_out || !second_out) {
            if (!first_out)
                memcpy(one.from, one.from2, sizeof one.from), memcpy(one.to, one.to2, sizeof one.to);
            one.from2[0] = one.to2[0] = 0;
        }
    }
    if (dates_one_year(d))
        buf_printf(&b, "in %.4s", d->from);  /* "in 2024", not "from 2024-01-01 to before …" */
    else
        dates_describe(&b, d);
    buf_puts(&b, ". Ask about a period the data covers.");
    snprintf(tmp, n, "%s", buf_str(&b));
    buf_free(&b);
    return tmp;
}
