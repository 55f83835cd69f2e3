/* readings.c — which of a column mention's readings the question means,
 * from the schema and the question's own words: a table's column over a
 * view's copy, the column named by the one word over its longer
 * neighbours, the reading whose other word is said elsewhere, the one the
 * verb before a value names ("born in Sweden"), a period table's rows
 * ("how many weeks" of weekly_grosses). */
#include "ask/internal.h"

#include <stdio.h>
#include <string.h>

/* A column word read in several columns: a table's column over a view's
 * copy of it (emp_details_view.salary beside employees.salary,
 * family_films.rental_rate beside film.rental_rate), as for values; a
 * column named by the one word over its longer neighbours of the same
 * table (roadway over intersecting_roadway, rating over content_rating,
 * fine_amount over open_fine: the noun and its amount over a kind of it) —
 * not over a coarser kind of it (zone beside service_zone, four kinds of
 * 260 zones: "zones" may be either, asked). */
/* 1 when the word said before a column word ("maximum") names the bound
 * a column's first word is ("max" of max_salary). */
static int same_bound(const char *said, const char *w)
{
    static const char *const bounds[][3] = {{"min", "minimum", NULL}, {"max", "maximum", NULL},
                                            {"avg", "average", "mean"}};
    for (size_t k = 0; k < sizeof bounds / sizeof *bounds; k++) {
        int a = 0, b = 0;
        for (int j = 0; j < 3 && bounds[k][j]; j++)
            a |= !strcmp(said, bounds[k][j]), b |= !strcmp(w, bounds[k][j]);
        if (a && b)
            return 1;
    }
    return 0;
}

void readings_prefer(const ask_schema_t *s, ask_mention_t *x, const char *before)
{
    if (x->kind != PH_COLUMN || !x->nalt)
        return;
    ask_reading_t r[5];
    int n = 0;
    r[n++] = (ask_reading_t){x->t, x->c, x->val};
    for (int k = 0; k < x->nalt; k++)
        r[n++] = x->alt[k];
    static const char *const per[] = {"per", "by", "each", "every", NULL};
    for (int k = 0; k < n && words_in(before, per); k++) {  /* "per product line": the key */
        const ask_table_t *kt = &s->tables[r[k].t];  /* productlines.productLine, which */
        int all = kt->pk == r[k].c && kt->label == r[k].c;  /* products.productLine only points at */
        for (int e = 0; e < n && all; e++) {
            const ask_col_t *c = &s->tables[r[e].t].cols[r[e].c];
            all = e == k || (c->fk_table == r[k].t && c->fk_col == r[k].c);
        }
        if (all) {
            x->t = r[k].t, x->c = r[k].c, x->val = r[k].val, x->nalt = 0;
            return;
        }
    }
    int keep[5], nk = 0;
    for (int k = 0; k < n; k++) {
        const ask_table_t *t = &s->tables[r[k].t];
        const ask_col_t *c = &t->cols[r[k].c];
        int whole = 0;  /* "rating": apps.rating (a number), not apps.content_rating, a kind of rating */
        for (int e = 0; e < n && x->len == 1 && c->nw > 1; e++) {
            const ask_col_t *w = &s->tables[r[e].t].cols[r[e].c];
            whole |= r[e].t == r[k].t && w->nw == 1 && !strcmp(w->w[0], c->w[c->nw - 1]) &&
                     ((lexicon_col_is_numeric(w) && !lexicon_col_is_numeric(c)) ||
                      (w->kind == CK_TEXT && c->kind == CK_TEXT &&  /* roadway, not intersecting_roadway */
                       lexicon_col_distinct(t, w) <= 2 * lexicon_col_distinct(t, c)));
        }
        static const char *const after[] = {"in", "per", "since", NULL};
        for (int e = 0; e < n && x->len == 1 && c->nw >= 3; e++) {  /* "milk": total_milk_kg, not days_in_milk */
            const ask_col_t *w = &s->tables[r[e].t].cols[r[e].c];
            whole |= e != k && words_in(c->w[c->nw - 2], after) && (w->nw < 2 || !words_in(w->w[w->nw - 2], after));
        }
        for (int e = 0; e < n && x->len == 1 && c->nw == 2; e++) {  /* "fine": fine_amount, not open_fine */
            const ask_col_t *w = &s->tables[r[e].t].cols[r[e].c];
            whole |= r[e].t == r[k].t && w->nw == 2 && !strcmp(w->w[0], c->w[1]) &&
                     words_in(w->w[1], (const char *const[]){"amount", "value", NULL}) &&
                     lexicon_col_is_numeric(w) && lexicon_col_is_numeric(c);
        }
        static const char *const stat[] = {"min", "max", "minimum", "maximum", "avg", "average", "mean", NULL};
        for (int e = 0; e < n && x->len == 1 && c->nw == 2 && !same_bound(before, c->w[0]); e++) {  /* "salary": */
            const ask_col_t *w = &s->tables[r[e].t].cols[r[e].c];  /* employees.salary, not jobs.min_salary */
            whole |= w->nw == 1 && !strcmp(w->w[0], c->w[1]) && words_in(c->w[0], stat) &&
                     lexicon_col_is_numeric(w) && lexicon_col_is_numeric(c);
        }
        nk += keep[k] = !t->is_view && !whole;
    }
    if (nk == 0 || nk == n)
        return;
    int j = 0;
    for (int k = 0; k < n; k++)
        if (keep[k])
            r[j++] = r[k];
    n = j;
    x->t = r[0].t, x->c = r[0].c, x->val = r[0].val;
    x->nalt = n - 1;
    for (int k = 1; k < n; k++)
        x->alt[k - 1] = r[k];
}

/* 1 when token x is inside a mention ("providers" of each type: the
 * table named, no qualifier of food_listings.provider_type; "the same
 * service zone": a column named, no qualifier of "zones"). */
static int in_mention(const ask_parse_t *p, int x)
{
    for (int i = 0; i < p->nm; i++)
        if (x >= p->m[i].pos && x < p->m[i].pos + p->m[i].len)
            return 1;
    return 0;
}

/* The free token that says column c's word other than m's own (4 letters
 * or more), or -1. */
static int other_word_said(const ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *m,
                           const ask_col_t *c)
{
    for (int w = 0; w < c->nw; w++)
        for (int x = 0; x < tk->n; x++)
            if (strlen(c->w[w]) >= 4 && !in_mention(p, x) && !strcmp(tk->t[x].stem, c->w[w]) &&
                strcmp(tk->t[m->pos].stem, c->w[w]))
                return x;
    return -1;
}

/* "laureates born in Sweden" of birth_country, death_country and an
 * organization's country: the one reading whose column the verb right
 * before the value names ("born" ~ birth, "died" ~ death) — and the verb
 * placed by it. */
static void verb_before_value(const ask_schema_t *s, ask_toks_t *tk, ask_mention_t *m)
{
    int v = m->pos - 1;
    v -= v >= 1 && words_at(tk, v, "the");
    v -= v >= 1 && words_in(tk->t[v].low, (const char *const[]){"in", "at", "on", "from", NULL});
    if (v < 0 || tk->t[v].used)
        return;
    int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5, said = 0;
    for (int k = 0; k < n; k++) {
        ask_reading_t r = roles_reading(m, k);
        if (lexicon_verb_names_col(tk->t[v].low, &s->tables[r.t].cols[r.c]))
            keep[k] = 1, said++;
    }
    if (said != 1)
        return;
    roles_keep_readings(m, keep);
    tk->t[v].used = 1;
}

/* "how many weeks had a gross over 2 million" of weekly_grosses(week_id,
 * week_date, …): a table whose rows are periods, its periods counted — its
 * rows, not one of its columns. ("Which month had the most" groups.) */
static void period_rows(const ask_schema_t *s, const ask_toks_t *tk, ask_mention_t *m)
{
    static const char *const per[][2] = {{"week", "weekly"}, {"month", "monthly"}, {"day", "daily"},
        {"year", "yearly"}, {"hour", "hourly"}, {"quarter", "quarterly"}};
    int counted = m->pos >= 2 && (words_at(tk, m->pos - 1, "many") ||  /* "how many weeks", "number of weeks" */
                                  (words_at(tk, m->pos - 1, "of") && words_at(tk, m->pos - 2, "number")));
    if (m->kind != PH_COLUMN || m->len != 1 || !counted)
        return;
    const ask_table_t *t = &s->tables[m->t];
    for (int k = 0; k < m->nalt; k++)
        if (m->alt[k].t != m->t)
            return;
    for (size_t k = 0; k < sizeof per / sizeof *per; k++)
        if (!strcmp(tk->t[m->pos].stem, per[k][0]) && t->nw >= 2 && !strcmp(t->w[0], per[k][1])) {
            m->kind = PH_TABLE, m->c = -1, m->nalt = 0;
            return;
        }
}

/* "admissions in 2022" of admissions_2021 and admissions_2022: the year
 * said names the column, and no period is left to date the rows; so too
 * "overtime pay in 2016" of the one overtime_pay_2016. */
static void year_column(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m)
{
    char year[5] = "";
    if (m->kind != PH_COLUMN)
        return;
    if (dates_one_year(&p->q.date))
        snprintf(year, sizeof year, "%.4s", p->q.date.from);
    if (!m->nalt) {
        const ask_col_t *c = &s->tables[m->t].cols[m->c];
        if (year[0] && c->nw >= 2 && !strcmp(c->w[c->nw - 1], year))
            p->q.date = (ask_date_t){0};
        return;
    }
    int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5, said = 0, years = 0;
    for (int k = 0; k < n; k++) {
        const ask_col_t *c = &s->tables[roles_reading(m, k).t].cols[roles_reading(m, k).c];
        said += keep[k] = c->nw >= 2 && !strcmp(c->w[c->nw - 1], year);
        years += c->nw >= 2 && strlen(c->w[c->nw - 1]) == 4 && strspn(c->w[c->nw - 1], "0123456789") == 4;
    }
    if (said != 1 && years == n)  /* "the most admissions": of 2021 or 2022? */
        return roles_set_ambiguous(p, AMB_COLUMN, m);
    if (said != 1)
        return;
    roles_keep_readings(m, keep);
    p->q.date = (ask_date_t){0};
}

/* The free tokens that say a word of table t other than m's own (4
 * letters or more), marked in said[] (tk->n of them); how many. */
static int table_words_said(const ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *m,
                            const ask_table_t *t, unsigned char *said)
{
    int n = 0;
    for (int x = 0; x < tk->n; x++) {
        said[x] = 0;
        for (int w = 0; w < t->nw && !said[x]; w++)
            said[x] = strlen(t->w[w]) >= 4 && !in_mention(p, x) && !tk->t[x].used &&
                      !strcmp(tk->t[x].stem, t->w[w]) && strcmp(tk->t[m->pos].stem, t->w[w]);
        n += said[x];
    }
    return n;
}

/* "top 5 artists by total global streams" of global_chart_entries.streams
 * and country_number_ones.streams: the reading whose table's other word
 * the question says ("global"), when only one table's is said. */
static void table_qualified(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, ask_mention_t *m)
{
    int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5, tables = 0, at = -1;
    unsigned char said[128];  /* a question of more words is left as it is */
    if (tk->n > 128)
        return;
    for (int k = 0; k < n; k++) {
        int t = roles_reading(m, k).t, seen = 0;
        for (int j = 0; j < k; j++)
            seen |= roles_reading(m, j).t == t;
        if (!seen && table_words_said(tk, p, m, &s->tables[t], said))
            tables++, at = k;
    }
    if (tables != 1)
        return;
    int t = roles_reading(m, at).t;
    for (int k = 0; k < n; k++)
        keep[k] = roles_reading(m, k).t == t;
    roles_keep_readings(m, keep);
    table_words_said(tk, p, m, &s->tables[t], said);
    for (int x = 0; x < tk->n; x++)
        tk->t[x].used |= said[x];
}

/* "top 3 brands by units sold" of stocks.quantity and order_items.quantity:
 * a quantity sold (ordered, bought) is the one of the table sales are
 * lines of — quantity beside a price (lexicon_revenue_cols) — when one is. */
static void sold_quantity(const ask_schema_t *s, const ask_toks_t *tk, ask_mention_t *m)
{
    static const char *const sold[] = {"sold", "ordered", "purchased", "bought", NULL};
    int e = m->pos + m->len;
    while (e < tk->n && e < m->pos + m->len + 2 && words_in(tk->t[e].low, (const char *const[]){"were", "was",
                                                                                   "been", "have", "has", NULL}))
        e++;
    if (e >= tk->n || !words_in(tk->t[e].low, sold))
        return;
    int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5, kept = 0, qty, price;
    for (int k = 0; k < n; k++) {
        ask_reading_t r = roles_reading(m, k);
        kept += keep[k] = lexicon_revenue_cols(s, r.t, &qty, &price) == 0 && qty == r.c;
    }
    if (kept == 1)
        roles_keep_readings(m, keep);
}

/* "how many trains were cancelled" of scheduled_trains and
 * cancelled_trains: the reading whose other word the question says
 * elsewhere ("cancelled"), when only one does and all are one table's. */
void readings_qualified(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_VALUE)
            verb_before_value(s, tk, m);
        period_rows(s, tk, m);
        year_column(s, p, m);
        if (m->kind != PH_COLUMN || !m->nalt)
            continue;
        sold_quantity(s, tk, m);
        if (!m->nalt)
            continue;
        int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5, said = 0, at = -1, one = 1;
        for (int k = 1; k < n; k++)  /* columns of one table; which table is asked */
            one &= roles_reading(m, k).t == m->t;
        if (!one) {
            table_qualified(s, tk, p, m);
            continue;
        }
        for (int k = 0; k < n && one; k++) {
            int x = other_word_said(tk, p, m, &s->tables[roles_reading(m, k).t].cols[roles_reading(m, k).c]);
            if (x >= 0)
                keep[k] = 1, said++, at = tk->t[x].used ? -1 : x;
        }
        if (said != 1)
            continue;
        roles_keep_readings(m, keep);
        if (at >= 0)
            tk->t[at].used = 1;
    }
}
