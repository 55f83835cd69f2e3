/* weekday.c — "orders placed on a Friday", "rentals on weekends",
 * "admissions on weekdays": a day of the week as a filter on the table's
 * date, by ISO number (Monday 1 … Sunday 7, the dialects' date_part "dow"),
 * kept as a range (a weekend is 6–7). */
#include "ask/internal.h"

#include <string.h>

static const struct day {
    const char *word, *plural;
    int from, to;
} days[] = {
    {"monday", "mondays", 1, 1},     {"tuesday", "tuesdays", 2, 2},
    {"wednesday", "wednesdays", 3, 3}, {"thursday", "thursdays", 4, 4},
    {"friday", "fridays", 5, 5},     {"saturday", "saturdays", 6, 6},
    {"sunday", "sundays", 7, 7},     {"weekend", "weekends", 6, 7},
    {"weekday", "weekdays", 1, 5},
};

static const char *const day_names[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};

/* "by day of the week", "on each weekday", "which day of the week": a
 * grouping by the day, not a filter. The words' count from the cue at i
 * (the cue included), or 0. */
int weekday_group_words(const ask_toks_t *tk, int i)
{
    static const char *const cues[] = {"by", "per", "each", "every", "which", "what", NULL};
    int k = i + 1;
    if (tk->t[i].used || !words_in(tk->t[i].low, cues) || k >= tk->n || tk->t[k].used)
        return 0;
    if (words_in(tk->t[k].low, (const char *const[]){"weekday", "weekdays", NULL}))
        return 2;
    if (!words_in(tk->t[k].low, (const char *const[]){"day", "days", NULL}) || !words_at(tk, k + 1, "of"))
        return 0;
    k += 2 + words_at(tk, k + 2, "the");
    return k < tk->n && !strcmp(tk->t[k].low, "week") ? k - i + 1 : 0;
}

/* "on a Friday", "on Fridays", "at the weekend", "during weekdays": the
 * words used, the range in *from..*to. */
/* "on a Saturday or a Sunday": two days side by side, said with "or", as
 * one range; 1 when merged (the words between used). */
static int either_day(ask_toks_t *tk, ask_parse_t *p, int prev, int i, const struct day *d)
{
    int either = 0;
    for (int k = prev + 1; k < i; k++) {
        if (!words_in(tk->t[k].low, (const char *const[]){"or", "a", "an", "on", NULL}))
            return 0;
        either |= !strcmp(tk->t[k].low, "or");
    }
    if (!either || (d->from != p->dow_to + 1 && d->to + 1 != p->dow_from))
        return 0;
    for (int k = prev + 1; k <= i; k++)
        tk->t[k].used = 1;
    p->dow_from = d->from < p->dow_from ? d->from : p->dow_from;
    p->dow_to = d->to > p->dow_to ? d->to : p->dow_to;
    return 1;
}

void weekday_parse(ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0, prev = -1; i < tk->n; i++)
        for (size_t d = 0; d < sizeof days / sizeof *days; d++) {
            if (tk->t[i].used || (strcmp(tk->t[i].low, days[d].word) && strcmp(tk->t[i].low, days[d].plural)))
                continue;
            if (i > 0 && words_in(tk->t[i - 1].low, (const char *const[]){"which", "what", "by", "per",
                    "each", "every", NULL}))
                continue;  /* "on which weekday was it sold", "by weekday": the day asked */
            if (p->dow_from && either_day(tk, p, prev, i, &days[d]))
                continue;
            if (p->dow_from) {  /* two days: not one range */
                p->ambiguous = p->ambiguous ? p->ambiguous : AMB_DATES;
                return;
            }
            p->dow_from = days[d].from, p->dow_to = days[d].to, prev = i;
            tk->t[i].used = 1;
            int k = i - 1;
            if (k >= 0 && words_in(tk->t[k].low, (const char *const[]){"a", "the", NULL}))
                tk->t[k--].used = 1;
            if (k >= 0 && words_in(tk->t[k].low, (const char *const[]){"on", "at", "during", "over", NULL}))
                tk->t[k].used = 1;
        }
}

/* The day as a filter on the question's time column (pick_time found it);
 * a column of years holds no days: asked. */
void weekday_apply(const ask_schema_t *s, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    if (!p->dow_from)
        return;
    if (q->time.t < 0 || lexicon_col_is_year(&s->tables[q->time.t].cols[q->time.c])) {
        roles_set_ambiguous(p, AMB_TIME, NULL);
        return;
    }
    if (q->nf < ASK_MAX_FILTERS)
        q->f[q->nf++] = (ask_filter_t){.col = q->time, .op = OP_WEEKDAY,
                                       .num = {p->dow_from, p->dow_to}};
}

/* "dow BETWEEN 6 AND 7", "dow = 5" over the column written as col */
void weekday_sql(const engine_dialect_t *dl, buf_t *b, const ask_filter_t *f, const char *col)
{
    dl->date_part(b, "dow", col);
    if (f->num[0] == f->num[1])
        buf_printf(b, " = %d", (int)f->num[0]);
    else
        buf_printf(b, " BETWEEN %d AND %d", (int)f->num[0], (int)f->num[1]);
}

/* The day's name for a grouping by the day of the week: CASE on its ISO
 * number, the same in every dialect. */
void weekday_group_sql(const engine_dialect_t *dl, buf_t *b, const char *col)
{
    buf_puts(b, "CASE ");
    dl->date_part(b, "dow", col);
    for (int d = 1; d <= 7; d++)
        buf_printf(b, " WHEN %d THEN '%s'", d, day_names[d]);
    buf_puts(b, " END");
}

/* "on a Friday", "on a weekend", "on a weekday" */
void weekday_describe(buf_t *b, const ask_filter_t *f)
{
    int a = (int)f->num[0], z = (int)f->num[1];
    if (a == 6 && z == 7)
        buf_puts(b, "is on a weekend");
    else if (a == 1 && z == 5)
        buf_puts(b, "is on a weekday");
    else if (a >= 1 && a <= 7 && a == z)
        buf_printf(b, "is on a %s", day_names[a]);
    else
        buf_printf(b, "is on days %d to %d of the week", a, z);
}
