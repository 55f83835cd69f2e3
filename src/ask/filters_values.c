/* filters_values.c — the values found in a question and the column each
 * belongs to: as typed, the table's over a view's, the column or table
 * named beside them ("the Biology department", "whose salesman is in
 * Paris"), a direction that makes a place a route's end, the verb that
 * names the column ("directed by") — then one IN filter per column. */
#include "ask/internal.h"
#include "core/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A value found in several columns that are one key ("Comp. Sci." in
 * instructor.dept_name, course.dept_name and department.dept_name): the
 * same thing, so filter on the referenced column, which all reach. */
static void value_same_domain(const ask_schema_t *s, ask_mention_t *m)
{
    for (int k = -1; k < m->nalt && m->nalt; k++) {
        int t = k < 0 ? m->t : m->alt[k].t, c = k < 0 ? m->c : m->alt[k].c, all = 1;
        for (int j = -1; j < m->nalt && all; j++) {
            int tj = j < 0 ? m->t : m->alt[j].t, cj = j < 0 ? m->c : m->alt[j].c;
            all = (tj == t && cj == c) ||
                  (s->tables[tj].cols[cj].fk_table == t && s->tables[tj].cols[cj].fk_col == c);
        }
        if (all) {
            if (k >= 0)
                mention_take_alt(m, k);
            m->nalt = 0;
        }
    }
}

/* A value also found on tables the question's table has no join path to
 * (a view's copy of the category names, "Sports" in film_list), or in views
 * beside a table that holds it: those readings are not what it means, when
 * some reading in a table can be joined. */
static void value_reachable(const ask_schema_t *s, ask_mention_t *m, int base)
{
    if (!m->nalt)
        return;
    int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5, path[8], tables = 0;
    for (int k = 0; k < n; k++)  /* a value in a table and in views built on it: the table */
        tables += !s->tables[roles_reading(m, k).t].is_view;
    for (int k = 0; k < n; k++) {  /* no table named ("who reports to Steven King"): any table's */
        int t = roles_reading(m, k).t;
        keep[k] = (base < 0 || t == base || paths_find(s, base, t, path, 8) >= 0) &&
                  (!tables || !s->tables[t].is_view);
    }
    roles_keep_readings(m, keep);
}

/* A value that is a row's own kind ("Movie" in type) before an item of a
 * column of lists ("Movies" among a title's genres): "how many movies". */
static void value_scalar_first(const ask_schema_t *s, ask_mention_t *m)
{
    if (!m->nalt)
        return;
    int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5;
    for (int k = 0; k < n; k++)
        keep[k] = !s->tables[roles_reading(m, k).t].cols[roles_reading(m, k).c].lists;
    roles_keep_readings(m, keep);
}

/* Readings whose value is the words as typed ("WILLIAMS", a last name) over
 * those that only fold to them ("WILLIAM", a first name, singular). */
static void value_as_typed(const ask_toks_t *tk, ask_mention_t *m)
{
    if (!m->nalt)
        return;
    buf_t typed = {0};
    for (int k = m->pos; k < m->pos + m->len && k < tk->n; k++)
        buf_printf(&typed, "%s%s", k > m->pos ? " " : "", tk->t[k].raw);
    int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5;
    for (int k = 0; k < n; k++) {  /* 'A ' of a fixed-width grade is "A" as typed */
        const char *v = roles_reading(m, k).val;
        size_t len = v ? strlen(v) : 0;
        while (len && v[len - 1] == ' ')
            len--;
        keep[k] = v && len == typed.len && !strncasecmp(v, buf_str(&typed), len);
    }
    buf_free(&typed);
    roles_keep_readings(m, keep);
}

/* "the city of London": a column named right next to the value picks the
 * reading in that column. */
static void value_named_column(ask_toks_t *tk, ask_parse_t *p, ask_mention_t *m)
{
    int e = m->pos + m->len;  /* "have Kasatka as their mother" */
    int as = words_at(tk, e, "as") && e + 1 < tk->n &&
             words_in(tk->t[e + 1].low, (const char *const[]){"their", "its", "his", "her", "the", NULL});
    for (int i = 0; i < p->nm && m->nalt; i++) {
        ask_mention_t *c = &p->m[i];
        int gap = c->pos + c->len == m->pos ? 0 : c->pos + c->len + 1 == m->pos ? 1 : -1;
        if (c->kind != PH_COLUMN || c->role != R_NONE ||
            (gap < 0 && c->pos != e && !(as && c->pos == e + 2)))
            continue;
        if (as && c->pos == e + 2)
            c->role = R_FILTER, tk->t[e].used = tk->t[e + 1].used = 1;
        for (int k = -1; k < m->nalt; k++) {
            int t = k < 0 ? m->t : m->alt[k].t, cc = k < 0 ? m->c : m->alt[k].c, same = 0;
            for (int a = -1; a < c->nalt && !same; a++)
                same = (a < 0 ? c->t : c->alt[a].t) == t && (a < 0 ? c->c : c->alt[a].c) == cc;
            if (same) {
                if (k >= 0)
                    mention_take_alt(m, k);
                m->nalt = 0;
                return;
            }
        }
    }
}

/* "customers in New York state" where 'New York' is a city and the states
 * are held as 'NY': the column said right after the value, of the value's
 * table, holds no such value — the words are not understood (the city
 * would be another question). 1 when so. */
static int value_of_other_column(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p,
                                 const ask_mention_t *m)
{
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *c = &p->m[i];
        if (c->kind != PH_COLUMN || c->role != R_NONE || c->nalt || c->pos != m->pos + m->len ||
            s->tables[c->t].cols[c->c].kind != CK_TEXT)
            continue;
        int table = 0, held = 0;
        for (int k = 0; k <= m->nalt && k < 5; k++) {
            ask_reading_t r = roles_reading(m, k);
            table |= r.t == c->t;
            held |= r.t == c->t && r.c == c->c;
        }
        if (!table || held)
            continue;
        roles_not_understood(tk, p, m->pos, c->pos + c->len);
        return 1;
    }
    return 0;
}

/* A value found in a table's name column and in another column of the same
 * table ("Canada" as name and as localname): the name, which is what a
 * question calls a row by. */
static void value_label_first(const ask_schema_t *s, ask_mention_t *m)
{
    int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5;
    for (int k = 0; k < n; k++) {
        if (roles_reading(m, k).t != m->t)
            return;
        keep[k] = roles_reading(m, k).c == s->tables[m->t].label;
    }
    roles_keep_readings(m, keep);
}

/* 1 when the word at k is column c's own word: a common start of 3+
 * letters, 60% of the shorter (rated ~ rating, directed ~ director). */
static int verb_of_column(const ask_col_t *c, const ask_toks_t *tk, int k)
{
    if (k < 0 || k >= tk->n || tk->t[k].used || strlen(tk->t[k].low) < 4)
        return 0;
    const char *v = tk->t[k].low;
    for (int w = 0; w < c->nw; w++) {
        size_t n = 0, lv = strlen(v), lc = strlen(c->w[w]);
        while (v[n] && v[n] == c->w[w][n])
            n++;
        if (n >= 3 && n * 10 >= 6 * (lv < lc ? lv : lc))
            return 1;
    }
    return 0;
}

/* "films rated R", "flights operated as codeshare", "movies directed by
 * Martin Scorsese", "G rated films": the verb before (or, ending in -ed,
 * right after) a value that is its column's own word says nothing more. */
static void value_verb(const ask_schema_t *s, ask_toks_t *tk, const ask_mention_t *m)
{
    static const char *const dwell[] = {"live", "lives", "living", "located", "based", "situated",
        "reside", "resides", "residing", NULL};
    const ask_col_t *c = &s->tables[m->t].cols[m->c];
    int k = m->pos - (words_at(tk, m->pos - 1, "exactly") ? 2 : 1), by = -1, after = m->pos + m->len;
    if (k > 0 && words_in(tk->t[k].low, (const char *const[]){"in", "at", "on", NULL}) &&
        words_in(tk->t[k - 1].low, dwell) && !tk->t[k - 1].used) {
        tk->t[k - 1].used = 1;  /* "customers who live in Texas": where the row is */
        return;
    }
    if (k > 0 && words_in(tk->t[k].low, (const char *const[]){"as", "at", "with", "for", NULL}))
        k--;
    else if (k > 0 && !strcmp(tk->t[k].low, "by"))
        by = k--;
    if (k >= 0 && !tk->t[k].used && filters_verb_table(s, tk->t[k].low) == m->t) {
        tk->t[k].used = 1;  /* "admitted with pneumonia": the admission's diagnosis */
    } else if (verb_of_column(c, tk, k)) {
        tk->t[k].used = 1;
        if (by >= 0)
            tk->t[by].used = 1;
    } else if (after < tk->n && strlen(tk->t[after].low) > 4 &&
               !strcmp(tk->t[after].low + strlen(tk->t[after].low) - 2, "ed") &&
               verb_of_column(c, tk, after)) {
        tk->t[after].used = 1;
    }
}

/* "the web channel", "segment Enterprise": the column named right next to
 * one of its values is part of that filter. */
static void claim_value_column(const ask_schema_t *s, ask_parse_t *p, const ask_mention_t *v)
{
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        int next_to = m->pos == v->pos + v->len || m->pos + m->len == v->pos;
        /* "the Biology department": the table the value's column is, or names */
        if (m->kind == PH_TABLE && m->role == R_NONE && next_to &&
            (m->t == v->t || s->tables[v->t].cols[v->c].fk_table == m->t)) {
            m->role = R_FILTER;
            continue;
        }
        if (m->kind != PH_COLUMN || m->role != R_NONE || !next_to)
            continue;
        int same = m->t == v->t && m->c == v->c;
        for (int k = 0; k < m->nalt && !same; k++)
            same = m->alt[k].t == v->t && m->alt[k].c == v->c;
        if (same) {
            m->t = v->t, m->c = v->c, m->nalt = 0;
            m->role = R_FILTER;
        }
    }
}

/* "orders taken by employees in the UK": a value said right after a table
 * ("employees in", "customers from the") is that table's, when one of its
 * readings is — before the measure's table is preferred. */
static void value_table_beside(const ask_toks_t *tk, ask_parse_t *p, ask_mention_t *m)
{
    static const char *const glue[] = {"in", "from", "of", "the", "at", "based", NULL};
    int k = m->pos - 1;
    while (k >= 0 && k >= m->pos - 3 && words_in(tk->t[k].low, glue))
        k--;
    if (!m->nalt || k == m->pos - 1)
        return;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && !p->m[i].nalt && p->m[i].pos + p->m[i].len - 1 == k) {
            roles_resolve_alt(p, m, p->m[i].t);
            return;
        }
}

/* "districts that never harvested any coffee": a value said after a denied
 * verb that names another table is what those rows hold (the harvest's
 * product), not the base's own copy of the word (the farmer's primary
 * crop) — when exactly one reading is reached from that table without
 * fanning out. */
static void value_after_denied_verb(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p,
                                    ask_mention_t *m, int base)
{
    static const char *const glue[] = {"any", "a", "an", "the", "some", NULL};
    static const char *const neg[] = {"never", "not", "no", NULL};
    int k = m->pos - 1, rel, found = -1, n = 0;
    while (k >= 0 && k >= m->pos - 2 && words_in(tk->t[k].low, glue))
        k--;
    if (!m->nalt || k < 1 || (rel = filters_verb_table(s, tk->t[k].low)) < 0 || rel == base ||
        !(words_in(tk->t[k - 1].low, neg) || (k >= 2 && words_in(tk->t[k - 2].low, neg))))
        return;
    for (int a = 0; a <= m->nalt && a < 5; a++) {
        int t = roles_reading(m, a).t;
        if (t != base && !paths_fans_out(s, rel, t))
            found = t, n++;
    }
    if (n == 1)
        roles_resolve_alt(p, m, found);
}

/* "how many students are in the district?": a kind's value ("District",
 * a school type) typed in lower case after "the" as the question's last
 * word reads as a common noun too — the whole district. 1 when so. */
static int value_as_noun(const ask_schema_t *s, const ask_toks_t *tk, const ask_mention_t *m)
{
    static const char *const kinds[] = {"type", "kind", "category", "class", "segment", "tier", NULL};
    int end = m->pos + m->len;
    while (end < tk->n && !isalnum((unsigned char)tk->t[end].raw[0]))
        end++;
    if (m->len != 1 || m->nalt || !m->val || m->pos < 1 || end != tk->n || !words_at(tk, m->pos - 1, "the") ||
        !islower((unsigned char)tk->t[m->pos].raw[0]) || !isupper((unsigned char)m->val[0]))
        return 0;
    return lexicon_col_has_word(&s->tables[m->t].cols[m->c], kinds);
}

static int col_is_own_name(const ask_schema_t *s, int t, int c)
{
    return lexicon_col_is_own_name(&s->tables[t], c);
}

/* "what products has Alfreds Futterkiste ordered": the value is a
 * customer's name and also an order's ship_name; the orders being named
 * does not make the copy on them the one meant — the two can differ. 1 when
 * the reading kept is not its table's own name nor a column the question
 * names, while another reading was the label of a table the kept one
 * points at (a copy of the parent's name on the child row). */
static int value_name_elsewhere(const ask_schema_t *s, const ask_parse_t *p,
                                const ask_mention_t *orig, const ask_mention_t *m)
{
    if (!orig->nalt || m->nalt || col_is_own_name(s, m->t, m->c))
        return 0;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_COLUMN && p->m[i].t == m->t && p->m[i].c == m->c)
            return 0;
    const ask_col_t *kept = &s->tables[m->t].cols[m->c];
    for (int k = 0; k <= orig->nalt; k++) {
        ask_reading_t r = roles_reading(orig, k);
        if (r.t == m->t || r.c != s->tables[r.t].label || kept->fk_table == r.t)
            continue;  /* student.dept_name is department's own key: one value */
        if (paths_edges(s, m->t, r.t))
            return 1;  /* the order's ship_name beside its customer's name */
    }
    return 0;
}

/* "Harry Potter" is the name of two sets and of a theme. Said before the
 * question's table in the plural ("the Harry Potter sets", "Biology
 * courses") it is the group the rows belong to; in the singular ("the
 * Physics department") the row itself. Anywhere else it says two things
 * and which is not ours to guess. Returns the table to read it in, -1 when
 * it is not such a value, -2 when it must be asked. */
static int value_two_names(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                           const ask_mention_t *m, int base)
{
    int own = 0, other = -1;
    for (int k = 0; k <= m->nalt && k < 5 && base >= 0; k++) {
        ask_reading_t r = roles_reading(m, k);
        if (!col_is_own_name(s, r.t, r.c))
            continue;
        if (r.t == base)
            own = 1;
        else
            other = other == -1 || other == r.t ? r.t : -2;
    }
    if (!own || other == -1)
        return -1;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *b = &p->m[i];
        if (b->kind != PH_TABLE || b->t != base || b->pos != m->pos + m->len)
            continue;
        const ask_tok_t *w = &tk->t[b->pos + b->len - 1];
        int plural = strcmp(w->low, w->stem) != 0;
        return plural ? (other >= 0 ? other : -2) : base;
    }
    return -2;
}

/* "the Harry Potter theme", "the theme Harry Potter": a table named right
 * beside the value, other than the question's own, whose name it is; or
 * "sets named Harry Potter": the question's own. The table, or -1. */
/* 1 when the words from `from` up to the value at `to` only say where or
 * what it is: "(whose salesman) is in (Paris)", "(a customer) based in". */
static int said_of(const ask_toks_t *tk, int from, int to)
{
    static const char *const copula[] = {"is", "are", "was", "were", "in", "from", "at", "based",
        "located", "lives", "live", "living", NULL};
    if (to - from > 3 || to < from)
        return 0;
    for (int k = from; k < to; k++)
        if (!words_in(tk->t[k].low, copula))
            return 0;
    return 1;
}

static int value_table_named(const ask_toks_t *tk, const ask_parse_t *p, const ask_mention_t *m)
{
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.t;
    if (m->pos > 0 && words_in(tk->t[m->pos - 1].low, (const char *const[]){"named", "called",
                                                                          "titled", NULL}))
        return base;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *t = &p->m[i];
        if (t->kind != PH_TABLE || t->t == base ||
            (t->pos != m->pos + m->len && !said_of(tk, t->pos + t->len, m->pos)))
            continue;
        for (int k = 0; k <= m->nalt && k < 5; k++)
            if (roles_reading(m, k).t == t->t)
                return t->t;
    }
    return -1;
}

/* "routes out of Germany", "flights into Spain", "leaving Paris": a place
 * said with a direction is a route's end, not whatever else holds the
 * name (the airline's country) — with readings in several tables, ask. */
/* 1 when a table the question names points at t by two keys or more (a
 * route's source and destination airports): t's rows are its ends. */
static int is_an_end(const ask_schema_t *s, const ask_parse_t *p, int t)
{
    for (int i = 0; i < p->nm; i++) {
        if (p->m[i].kind == PH_TABLE && paths_edges(s, p->m[i].t, t) >= 2)
            return 1;
    }
    return 0;
}

/* "deliveries from Perth to Darwin" where each city is an origin and a
 * destination of the same rows: "from" says the origin's column, "to" the
 * destination's — the other end's reading of that table is dropped. */
static void value_end_said(const ask_schema_t *s, const ask_toks_t *tk, ask_mention_t *m)
{
    static const char *const starts[] = {"origin", "orig", "source", "src", "from", "departure",
        "start", "pickup", "sender", NULL};
    static const char *const ends[] = {"destination", "dest", "to", "arrival", "end", "dropoff",
        "recipient", "target", NULL};
    int from = words_at(tk, m->pos - 1, "from") || words_at(tk, m->pos - 1, "leaving") ||
               words_at(tk, m->pos - 1, "departing");
    int to = words_at(tk, m->pos - 1, "to") || words_at(tk, m->pos - 1, "into") ||
             words_at(tk, m->pos - 1, "arriving");
    int keep[5], n = m->nalt < 4 ? m->nalt + 1 : 5, end[5];
    for (int k = 0; (from || to) && m->nalt && k < n; k++) {
        const ask_col_t *c = &s->tables[roles_reading(m, k).t].cols[roles_reading(m, k).c];
        end[k] = lexicon_col_has_word(c, starts) ? 1 : lexicon_col_has_word(c, ends) ? 2 : 0;
    }
    for (int k = 0; (from || to) && m->nalt && k < n; k++) {
        int said = from ? 1 : 2, pair = 0;  /* the said end's reading of the same table */
        for (int j = 0; j < n; j++)
            pair |= end[j] == said && roles_reading(m, j).t == roles_reading(m, k).t;
        keep[k] = !(pair && end[k] == 3 - said);
    }
    if ((from || to) && m->nalt)
        roles_keep_readings(m, keep);
}

static int value_directed(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p,
                          const ask_mention_t *m)
{
    if (!m->nalt)
        return 0;
    if (words_at(tk, m->pos - 1, "into") || words_at(tk, m->pos - 1, "leaving") ||
        words_at(tk, m->pos - 1, "departing") || words_at(tk, m->pos - 1, "arriving") ||
        (words_at(tk, m->pos - 1, "of") && words_at(tk, m->pos - 2, "out")))
        return 1;
    /* "routes from Germany": from an airport there, or by an airline of it? */
    if (!words_at(tk, m->pos - 1, "from") && !words_at(tk, m->pos - 1, "to"))
        return 0;
    for (int k = 0; k <= m->nalt && k < 5; k++)
        if (is_an_end(s, p, roles_reading(m, k).t))
            return 1;
    return 0;
}

/* The first sampled value of c, other than val, that holds val as a whole
 * word ("Monkstown Cork" for "Cork"), or NULL. A column of lists is read
 * item by item elsewhere; short values and numbers are codes, not words. */
const char *filters_part_of(const ask_col_t *c, const char *val)
{
    size_t n = val ? strlen(val) : 0;
    if (c->kind != CK_TEXT || c->lists || n < 3 || strspn(val, "0123456789.-") == n)
        return NULL;
    for (int k = 0; k < c->nsamples; k++) {
        const char *v = c->samples[k];
        if (!v || !strcasecmp(v, val))
            continue;
        for (const char *h = strcasestr(v, val); h; h = strcasestr(h + 1, val))
            if ((h == v || !isalnum((unsigned char)h[-1])) && !isalnum((unsigned char)h[n]))
                return v;
    }
    return NULL;
}

/* 1 when column c of t holds free text, nearly one value per row (an
 * address, a diagnosis), not the rows' names ("Netherlands" beside
 * "Netherlands Antilles" is a country's name) nor a category ("Republic"
 * beside "Federal Republic"), whose values are said whole. */
static int free_text(const ask_table_t *t, int c)
{
    double nd = t->cols[c].n_distinct, rows = t->rows > 1 ? t->rows : 1;
    double ratio = nd < 0 ? -nd : nd / rows;
    return c != t->label && c != t->label2 && !t->cols[c].pk && ratio >= 0.4;
}

/* "sightings have no shape recorded" where a few of 13,000 summaries read
 * just 'Recorded': one plain word of the question, typed in lower case, equal
 * to a capitalised cell of a column whose cells are nearly all different
 * (prose, not a category) is no filter the user meant — not understood, so
 * asked. */
static int value_in_prose(const ask_schema_t *s, const ask_toks_t *tk, const ask_mention_t *m)
{
    const ask_table_t *t = &s->tables[m->t];
    const ask_col_t *c = &t->cols[m->c];
    double nd = c->n_distinct, rows = t->rows > 1 ? t->rows : 1;
    if (m->len != 1 || !m->val || !free_text(t, m->c) || (nd < 0 ? -nd : nd / rows) < 0.8 || c->lists ||
        lexicon_col_distinct(t, c) < 1000 ||
        (m->pos > 0 && words_at(tk, m->pos - 1, "exactly")))
        return 0;
    const char *typed = tk->t[m->pos].raw;
    for (const char *q = typed; *q; q++)
        if (isupper((unsigned char)*q))
            return 0;
    return strcmp(typed, m->val) != 0;
}

/* "members who live in Cork" where the addresses read "Cork", "Monkstown
 * Cork" and "123 Glen Village, Cork": in free text the value stands alone
 * in some rows and inside others — exactly that, or containing it, is the
 * user's to say. 1 when the planner asks. */
static int value_part_of_others(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p,
                                const ask_mention_t *m)
{
    if (m->nalt || !free_text(&s->tables[m->t], m->c) ||
        !filters_part_of(&s->tables[m->t].cols[m->c], m->val))
        return 0;
    for (int k = m->pos - 1; k >= 0 && k >= m->pos - 2; k--)
        if (words_at(tk, k, "exactly")) {  /* "exactly (in) Cork": the user said which */
            tk->t[k].used = 1;
            return 0;
        }
    roles_set_ambiguous(p, AMB_PART_OF, m);
    return 1;
}


void filters_apply_values(ask_toks_t *tk, const ask_schema_t *s, ask_parse_t *p)
{
    fullname_join(p);
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_VALUE || m->role != R_NONE)
            continue;
        if (m->len == 1 && words_at(tk, m->pos - 1, "how")) {  /* "how old are our users": */
            m->role = R_FILTER;  /* an age asked, not the tag 'old' — not understood */
            if (!p->unknown++)
                snprintf(p->unknown_word, sizeof p->unknown_word, "how %s", tk->t[m->pos].raw);
            continue;
        }
        if (value_of_other_column(s, tk, p, m)) {
            m->role = R_FILTER;
            continue;
        }
        if (value_in_prose(s, tk, m)) {
            m->role = R_FILTER;
            roles_not_understood(tk, p, m->pos, m->pos + 1);
            continue;
        }
        value_end_said(s, tk, m);
        if (value_directed(s, tk, p, m)) {
            roles_set_ambiguous(p, AMB_COLUMN, m);
            m->role = R_FILTER;
            continue;
        }
        ask_mention_t orig = *m;
        int named = value_table_named(tk, p, m);
        if (named >= 0)
            roles_resolve_alt(p, m, named);
        value_named_column(tk, p, m);  /* "whose first name is JOHNNY" */
        int two = m->nalt ? value_two_names(s, tk, p, m, p->q.kind == Q_LIST ? p->q.table : p->q.m.t) : -1;
        if (two >= 0)
            roles_resolve_alt(p, m, two);
        else if (two == -2)
            roles_set_ambiguous(p, AMB_COLUMN, m);
        value_table_beside(tk, p, m);
        value_after_denied_verb(s, tk, p, m, p->q.kind == Q_LIST ? p->q.table : p->q.m.t);
        roles_resolve_alt(p, m, p->q.kind == Q_LIST ? p->q.table : p->q.m.t);
        value_scalar_first(s, m);
        value_as_typed(tk, m);
        roles_resolve_alt(p, m, p->q.kind == Q_LIST ? p->q.table : p->q.m.t);
        value_reachable(s, m, p->q.kind == Q_LIST ? p->q.table : p->q.m.t);
        value_same_domain(s, m);
        value_named_column(tk, p, m);
        places_value_in(s, tk, m);  /* "in London": the city, not the airport so named */
        value_label_first(s, m);
        if (value_name_elsewhere(s, p, &orig, m))
            *m = orig;
        if (named >= 0 && m->t != named)  /* "Sierra Foothills appellations": an area's, or */
            roles_set_ambiguous(p, AMB_COLUMN, &orig);  /* the appellation's? Not the wine's */
        if (m->nalt)  /* the same words are values of unrelated columns */
            roles_set_ambiguous(p, AMB_COLUMN, m);
        if (value_as_noun(s, tk, m)) {
            roles_set_ambiguous(p, AMB_NOUN, NULL);
            p->amb[0] = (ask_colref_t){m->t, m->c}, p->namb = 1;
        }
        value_part_of_others(s, tk, p, m);
        m->role = R_FILTER;
        int neg = filters_value_denied(tk, p, m);
        ask_filter_t *f = NULL;
        for (int k = 0; k < p->q.nf; k++)
            if (p->q.f[k].col.t == m->t && p->q.f[k].col.c == m->c &&  /* not same.c's OP_SAME */
                (p->q.f[k].op == OP_IN || p->q.f[k].op == OP_NOT_IN) && (p->q.f[k].op == OP_NOT_IN) == neg)
                f = &p->q.f[k];
        if (f && p->q.share && (f->pos <= p->share_pos) != (m->pos <= p->share_pos) && !p->ambiguous) {
            p->ambiguous = AMB_UNSUPPORTED;  /* "the district's students … at charter schools": */
            snprintf(p->unknown_word, sizeof p->unknown_word, "share");  /* whole and part, one column */
        }
        if (!f && p->q.nf < ASK_MAX_FILTERS) {
            f = &p->q.f[p->q.nf++];
            *f = (ask_filter_t){.col = {m->t, m->c}, .op = neg ? OP_NOT_IN : OP_IN, .pos = m->pos};
        }
        int dup = 0;  /* "owners (type OWNER)": one value, said twice */
        for (int k = 0; f && m->val && k < f->nvals; k++)
            dup |= !strcmp(f->vals[k], m->val);
        if (f && !dup && f->nvals < ASK_MAX_VALUES && m->val)
            f->vals[f->nvals++] = xstrdup(m->val);
        if (f && m->val)  /* 'Rent' beside 'rent'; places in Japan (not in free text: asked) */
            filters_spell_value(tk, s, p, m, f, !free_text(&s->tables[m->t], m->c));
        claim_value_column(s, p, m);
        value_verb(s, tk, m);
    }
}
