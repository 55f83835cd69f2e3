/* dates.c — date phrases ("last month", "in March 2024", "Q3 2024", "since
 * 2024-03-01", "last 30 days") to a structured range, and that range to SQL.
 * Relative ranges stay relative in the SQL (the dialect's today and date_trunc)
 * so a saved question keeps meaning "last month" tomorrow; only literal
 * calendar dates are computed here. */
#include "ask/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const months[] = {"january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december"};

static int month_of(const char *low)
{
    for (int m = 0; m < 12; m++)
        if (!strcmp(low, months[m]) || (strlen(low) == 3 && !strncmp(low, months[m], 3) &&
                                        strcmp(low, "may") != 0) ||
            (!strcmp(low, "sept") && m == 8))
            return m + 1;
    return strcmp(low, "may") == 0 ? 5 : 0;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

static void ymd(char out[11], int y, int m, int d)
{
    while (m > 12)
        m -= 12, y++;
    unsigned yy = (unsigned)y % 10000u, mm = (unsigned)m % 13u, dd = (unsigned)d % 32u;
    snprintf(out, 11, "%04u-%02u-%02u", yy, mm, dd);
}

static int is_year(const ask_tok_t *t)
{
    return t->isnum && t->num >= 1900 && t->num <= 2100 && t->num == (int)t->num &&
           strlen(t->low) == 4;
}

/* "first quarter of 1998", "second half of 1993", "last quarter of 2024":
 * which part (1-based; 0 when none) and its length in months (*len). */
static int part_of_year(const ask_toks_t *tk, int i, int *len)
{
    static const char *const nth[][3] = {{"first", "1st", NULL}, {"second", "2nd", NULL},
                                         {"third", "3rd", NULL}, {"fourth", "4th", NULL}};
    if (i + 3 >= tk->n || !words_at(tk, i + 2, "of") || !is_year(&tk->t[i + 3]))
        return 0;
    int quarter = words_at(tk, i + 1, "quarter"), half = words_at(tk, i + 1, "half");
    if (!quarter && !half)
        return 0;
    *len = quarter ? 3 : 6;
    if (words_at(tk, i, "last"))
        return quarter ? 4 : 2;
    for (int k = 0; k < (quarter ? 4 : 2); k++)
        if (words_in(tk->t[i].low, nth[k]))
            return k + 1;
    return 0;
}

/* A calendar period at tk[i]: ISO date, "March 2024", "Q3 2024" or a year.
 * Fills [from, to); returns tokens used or 0. */
static int period_at(const ask_toks_t *tk, int i, char from[11], char to[11])
{
    if (i >= tk->n)
        return 0;
    const ask_tok_t *t = &tk->t[i];
    int y, m, d;
    char tail;
    if (sscanf(t->low, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 &&
        d >= 1 && d <= days_in(y, m)) {
        ymd(from, y, m, d);
        if (d == days_in(y, m))
            ymd(to, y, m + 1, 1);
        else
            ymd(to, y, m, d + 1);
        return 1;
    }
    if (t->low[0] == 'q' && t->low[1] >= '1' && t->low[1] <= '4' && !t->low[2] &&
        i + 1 < tk->n && is_year(&tk->t[i + 1])) {
        int q = t->low[1] - '0';
        y = (int)tk->t[i + 1].num;
        ymd(from, y, 3 * q - 2, 1);
        ymd(to, y, 3 * q + 1, 1);
        return 2;
    }
    int part = part_of_year(tk, i, &m);  /* "the first quarter of 1998": m months from part */
    if (part) {
        y = (int)tk->t[i + 3].num;
        ymd(from, y, (part - 1) * m + 1, 1);
        ymd(to, y, part * m + 1, 1);
        return 4;
    }
    if ((m = month_of(t->low)) && i + 1 < tk->n && is_year(&tk->t[i + 1])) {
        y = (int)tk->t[i + 1].num;
        ymd(from, y, m, 1);
        ymd(to, y, m + 1, 1);
        return 2;
    }
    if (is_year(t)) {
        ymd(from, (int)t->num, 1, 1);
        ymd(to, (int)t->num + 1, 1, 1);
        return 1;
    }
    return 0;
}

static int mark(ask_toks_t *tk, int i, int n)
{
    for (int k = 0; k < n; k++)
        tk->t[i + k].used = 1;
    return n;
}

/* this/last/past/previous [N] unit(s) */
static int relative_at(ask_toks_t *tk, int i, ask_date_t *d)
{
    const ask_cue_t *r = grammar_cue_at(grammar_relative_cues, tk, i);
    int this = r && r->kind == D_THIS, last = r && !this, len;
    if (!r || i + 1 >= tk->n || part_of_year(tk, i, &len))  /* "the last quarter of 2016" */
        return 0;
    int j = i + 1, n = 0;
    if (last && tk->t[j].isnum && tk->t[j].num >= 1 && tk->t[j].num <= 1000 &&
        j + 1 < tk->n) {
        n = (int)tk->t[j].num;
        j++;
    }
    int unit = grammar_grain_parse(tk->t[j].stem);
    if (!unit || unit == G_DOW)  /* "last 3 weekdays": no period of its own */
        return 0;
    if (this)
        *d = (ask_date_t){.kind = D_THIS, .unit = unit};
    else if (n || r->kind == D_LAST_N)
        *d = (ask_date_t){.kind = D_LAST_N, .unit = unit, .n = n ? n : 1};
    else
        *d = (ask_date_t){.kind = D_PREV, .unit = unit};
    return mark(tk, i, j + 1 - i);
}

static int bounded_at(ask_toks_t *tk, int i, ask_date_t *d)
{
    const char *w = tk->t[i].low;
    char f1[11], t1[11], f2[11], t2[11];
    int k;
    if ((!strcmp(w, "between") || !strcmp(w, "from")) && (k = period_at(tk, i + 1, f1, t1))) {
        int j = i + 1 + k;
        if (j < tk->n && (!strcmp(tk->t[j].low, "and") || !strcmp(tk->t[j].low, "to") ||
                          !strcmp(tk->t[j].low, "until") || !strcmp(tk->t[j].low, "through"))) {
            int k2 = period_at(tk, j + 1, f2, t2);
            if (k2) {
                *d = (ask_date_t){.kind = D_RANGE};
                memcpy(d->from, f1, 11);
                memcpy(d->to, t2, 11);
                return mark(tk, i, j + 1 + k2 - i);
            }
        }
        /* "sets from 2023" are 2023's; "from 2023 on(wards)" starts then */
        if (!strcmp(w, "from")) {
            int on = j < tk->n && words_in(tk->t[j].low, (const char *const[]){"on", "onward",
                                                                               "onwards", NULL});
            *d = (ask_date_t){.kind = on ? D_SINCE : D_RANGE};
            memcpy(d->from, f1, 11);
            memcpy(d->to, on ? f1 : t1, 11);
            return mark(tk, i, j + on - i);
        }
    }
    const ask_cue_t *r = grammar_cue_at(grammar_bound_cues, tk, i);
    if (r && (k = period_at(tk, i + 1, f1, t1))) {
        *d = (ask_date_t){.kind = r->kind};
        /* "after 2023" starts when 2023 ends; "since 2023" when it starts */
        memcpy(d->from, !strcmp(w, "after") ? t1 : f1, 11);
        memcpy(d->to, f1, 11);
        return mark(tk, i, k + 1);
    }
    return 0;
}

/* "the 1990s", "the 90s", "in the 80s": ten years. Two digits only from
 * 30 to 90 (the 20s: 1920s or 2020s? not said). */
static int decade_at(ask_toks_t *tk, int i, ask_date_t *d)
{
    int k = i, y = 0, n = 0;
    if (words_in(tk->t[k].low, (const char *const[]){"in", "during", "from", NULL}))
        k++;
    if (k < tk->n && words_at(tk, k, "the"))
        k++;
    if (k >= tk->n)
        return 0;
    const char *w = tk->t[k].low;
    if (sscanf(w, "%d%n", &y, &n) != 1 || strcmp(w + n, "s") || y % 10)
        return 0;
    if (n == 2 && y >= 30 && y <= 90)
        y += 1900;
    else if (n != 4 || y < 1800 || y > 2090)
        return 0;
    *d = (ask_date_t){.kind = D_RANGE};
    ymd(d->from, y, 1, 1);
    ymd(d->to, y + 10, 1, 1);
    return mark(tk, i, k - i + 1);
}

int dates_one_year(const ask_date_t *d)
{
    return d->kind == D_RANGE && !d->from2[0] && !strcmp(d->from + 4, "-01-01") && !strcmp(d->to + 4, "-01-01") &&
           atoi(d->to) == atoi(d->from) + 1;
}

int dates_parse(ask_toks_t *tk, int i, ask_date_t *d)
{
    const char *w = tk->t[i].low;
    int k;
    if (tk->t[i].used)
        return 0;
    const ask_cue_t *r = grammar_cue_at(grammar_day_cues, tk, i);
    if (r && (!(r->flags & CUE_THREE) || words_at(tk, i + 2, "date"))) {
        *d = (ask_date_t){.kind = r->kind, .unit = r->kind == D_THIS ? G_YEAR : G_NONE};
        return mark(tk, i, r->flags & CUE_THREE ? 3 : 1);
    }
    if ((k = relative_at(tk, i, d)) || (k = bounded_at(tk, i, d)) || (k = decade_at(tk, i, d)))
        return k;
    int skip = (!strcmp(w, "in") || !strcmp(w, "during") || !strcmp(w, "for") ||
                !strcmp(w, "of")) ? 1 : 0;
    char f[11], t[11];
    if ((k = period_at(tk, i + skip, f, t))) {
        /* a bare number is a year only if it looks like one in context */
        if (!skip && k == 1 && !strchr(tk->t[i].low, '-') && i > 0 &&
            tk->t[i - 1].isnum)
            return 0;
        *d = (ask_date_t){.kind = D_RANGE};
        memcpy(d->from, f, 11);
        memcpy(d->to, t, 11);
        return mark(tk, i, k + skip);
    }
    return 0;
}

/* col >= from AND col < to, each bound a date constant or left out */
static void put_bounds(const engine_dialect_t *dl, buf_t *b, const char *col, const char *from,
                       const char *to)
{
    buf_t lit = {0};
    if (from) {
        engine_date_literal(dl, &lit, from);
        engine_date_cmp(dl, b, col, ">=", buf_str(&lit));
    }
    if (to) {
        buf_reset(&lit);
        engine_date_literal(dl, &lit, to);
        buf_puts(b, from ? " AND " : "");
        engine_date_cmp(dl, b, col, "<", buf_str(&lit));
    }
    buf_free(&lit);
}

void dates_sql(const engine_dialect_t *dl, buf_t *b, const ask_date_t *d, const char *col)
{
    engine_grain_t u = dialect_grain(d->unit);
    switch (d->kind) {
    case D_TODAY:
        return engine_relative_period(dl, b, col, ENGINE_TODAY, u, 1);
    case D_YESTERDAY:
        return engine_relative_period(dl, b, col, ENGINE_YESTERDAY, u, 1);
    case D_THIS:
        return engine_relative_period(dl, b, col, ENGINE_THIS, u, 1);
    case D_PREV:
        return engine_relative_period(dl, b, col, ENGINE_PREVIOUS, u, 1);
    case D_LAST_N:
        return engine_relative_period(dl, b, col, ENGINE_LAST_N, u, d->n);
    case D_RANGE:
        if (!d->from2[0])
            return put_bounds(dl, b, col, d->from, d->to);
        buf_puts(b, "((");  /* two periods side by side (periods.c) */
        put_bounds(dl, b, col, d->from, d->to);
        buf_puts(b, ") OR (");
        put_bounds(dl, b, col, d->from2, d->to2);
        buf_puts(b, "))");
        return;
    case D_SINCE:
        return put_bounds(dl, b, col, d->from, NULL);
    case D_BEFORE:
        return put_bounds(dl, b, col, NULL, d->to);
    default:
        buf_puts(b, "TRUE");
    }
}

/* The whole year a bound "YYYY-01-01" names, or -1 when it is not one. */
static int whole_year(const char *ymd)
{
    return strlen(ymd) == 10 && !strcmp(ymd + 4, "-01-01") ? atoi(ymd) : -1;
}

int dates_sql_year(const engine_dialect_t *dl, buf_t *b, const ask_date_t *d, const char *col)
{
    int from = whole_year(d->from), to = whole_year(d->to);
    if (d->from2[0]) {  /* two periods: two whole years, each its own */
        int from2 = whole_year(d->from2), to2 = whole_year(d->to2);
        if (d->kind != D_RANGE || from < 0 || to < 0 || from2 < 0 || to2 < 0)
            return -1;
        buf_printf(b, "((%s >= %d AND %s < %d) OR (%s >= %d AND %s < %d))", col, from, col, to, col,
                   from2, col, to2);
    } else if ((d->kind == D_THIS || d->kind == D_PREV) && d->unit == G_YEAR) {
        buf_printf(b, "%s = ", col);
        dl->date_part(b, "year", dl->now);
        buf_puts(b, d->kind == D_PREV ? " - 1" : "");
    } else if (d->kind == D_RANGE && from > 0 && to > 0)
        buf_printf(b, "%s >= %d AND %s < %d", col, from, col, to);
    else if (d->kind == D_SINCE && from > 0)
        buf_printf(b, "%s >= %d", col, from);
    else if (d->kind == D_BEFORE && to > 0)
        buf_printf(b, "%s < %d", col, to);
    else
        return -1;
    return 0;
}

void dates_describe(buf_t *b, const ask_date_t *d)
{
    const char *u = grammar_grain_name(d->unit);
    switch (d->kind) {
    case D_TODAY: buf_puts(b, "today"); break;
    case D_YESTERDAY: buf_puts(b, "yesterday"); break;
    case D_THIS: buf_printf(b, "this %s", u); break;
    case D_PREV: buf_printf(b, "last %s", u); break;
    case D_LAST_N: buf_printf(b, "in the last %d %s%s", d->n, u, d->n == 1 ? "" : "s"); break;
    case D_RANGE:
        if (d->from2[0])
            periods_describe(b, d);  /* "in March 2021 and March 2022" */
        else
            buf_printf(b, "from %s to before %s", d->from, d->to);
        break;
    case D_SINCE: buf_printf(b, "since %s", d->from); break;
    case D_BEFORE: buf_printf(b, "before %s", d->to); break;
    default: break;
    }
}
