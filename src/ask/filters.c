/* filters.c — what narrows the rows: values found in the question (with the
 * column they belong to), numeric and text comparisons, counts per entity
 * ("with more than 5 routes") and flag columns ("active"); existence
 * ("never rented", "without any route") is exists.c. */
#include "ask/internal.h"
#include "core/mem.h"

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
    if (!m->nalt || base < 0)
        return;
    int keep[5] = {0}, n = m->nalt < 4 ? m->nalt + 1 : 5, path[8], tables = 0;
    for (int k = 0; k < n; k++)  /* a value in a table and in views built on it: the table */
        tables += !s->tables[roles_reading(m, k).t].is_view;
    for (int k = 0; k < n; k++) {
        int t = roles_reading(m, k).t;
        keep[k] = (t == base || paths_find(s, base, t, path, 8) >= 0) &&
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
    for (int k = 0; k < n; k++)
        keep[k] = roles_reading(m, k).val && !strcasecmp(roles_reading(m, k).val, buf_str(&typed));
    buf_free(&typed);
    roles_keep_readings(m, keep);
}

/* "the city of London": a column named right next to the value picks the
 * reading in that column. */
static void value_named_column(const ask_parse_t *p, ask_mention_t *m)
{
    for (int i = 0; i < p->nm && m->nalt; i++) {
        const ask_mention_t *c = &p->m[i];
        int gap = c->pos + c->len == m->pos ? 0 : c->pos + c->len + 1 == m->pos ? 1 : -1;
        if (c->kind != PH_COLUMN || c->role != R_NONE || (gap < 0 && c->pos != m->pos + m->len))
            continue;
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
    const ask_col_t *c = &s->tables[m->t].cols[m->c];
    int k = m->pos - 1, by = -1, after = m->pos + m->len;
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

/* The name a table calls its rows by: its label when the column is a
 * name or title ("name", "title", "set_name"), not "ship_name". */
static int col_is_own_name(const ask_schema_t *s, int t, int c)
{
    const ask_table_t *tb = &s->tables[t];
    const ask_col_t *col = &tb->cols[c];
    if (c != tb->label)
        return 0;
    if (col->nw == 1)
        return !strcmp(col->w[0], "name") || !strcmp(col->w[0], "title");
    return tb->nw && !strcmp(col->w[0], tb->w[tb->nw - 1]);
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
        int keys = 0, a = p->m[i].t;
        if (p->m[i].kind != PH_TABLE)
            continue;
        for (int e = 0; e < s->nedges; e++)
            keys += s->edges[e].from_t == a && s->edges[e].to_t == t;
        if (keys >= 2)
            return 1;
    }
    return 0;
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

void filters_apply_values(ask_toks_t *tk, const ask_schema_t *s, ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_VALUE || m->role != R_NONE)
            continue;
        if (value_directed(s, tk, p, m)) {
            roles_set_ambiguous(p, AMB_COLUMN, m);
            m->role = R_FILTER;
            continue;
        }
        int named = value_table_named(tk, p, m);
        if (named >= 0)
            roles_resolve_alt(p, m, named);
        value_named_column(p, m);  /* "whose first name is JOHNNY" */
        int two = m->nalt ? value_two_names(s, tk, p, m, p->q.kind == Q_LIST ? p->q.table : p->q.m.t) : -1;
        if (two >= 0)
            roles_resolve_alt(p, m, two);
        else if (two == -2)
            roles_set_ambiguous(p, AMB_COLUMN, m);
        value_table_beside(tk, p, m);
        roles_resolve_alt(p, m, p->q.kind == Q_LIST ? p->q.table : p->q.m.t);
        value_scalar_first(s, m);
        value_as_typed(tk, m);
        roles_resolve_alt(p, m, p->q.kind == Q_LIST ? p->q.table : p->q.m.t);
        value_reachable(s, m, p->q.kind == Q_LIST ? p->q.table : p->q.m.t);
        value_same_domain(s, m);
        value_named_column(p, m);
        value_label_first(s, m);
        if (m->nalt)  /* the same words are values of unrelated columns */
            roles_set_ambiguous(p, AMB_COLUMN, m);
        m->role = R_FILTER;
        int neg = 0;
        for (int k = m->pos - 1; k >= 0 && k >= m->pos - 2; k--)
            if (words_in(tk->t[k].low, (const char *const[]){"not", "excluding", "except",
                    "without", "exclude", "other", NULL}))
                neg = 1, tk->t[k].used = 1;
        ask_filter_t *f = NULL;
        for (int k = 0; k < p->q.nf; k++)
            if (p->q.f[k].col.t == m->t && p->q.f[k].col.c == m->c &&
                (p->q.f[k].op == OP_NOT_IN) == neg)
                f = &p->q.f[k];
        if (!f && p->q.nf < ASK_MAX_FILTERS) {
            f = &p->q.f[p->q.nf++];
            *f = (ask_filter_t){.col = {m->t, m->c}, .op = neg ? OP_NOT_IN : OP_IN, .pos = m->pos};
        }
        int dup = 0;  /* "owners (type OWNER)": one value, said twice */
        for (int k = 0; f && m->val && k < f->nvals; k++)
            dup |= !strcmp(f->vals[k], m->val);
        if (f && !dup && f->nvals < ASK_MAX_VALUES && m->val)
            f->vals[f->nvals++] = xstrdup(m->val);
        claim_value_column(s, p, m);
        value_verb(s, tk, m);
    }
}

/* The column a comparison is about: a numeric column named just before or
 * after it, else the one money column of the question's table. */
static void apply_text_cmp(const ask_schema_t *s, ask_parse_t *p, const ask_cmp_t *c)
{
    ask_mention_t *best = NULL;
    for (int i = 0; i < p->nm; i++) {  /* the text column named last before it */
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_COLUMN && m->role == R_NONE && m->pos < c->pos && m->pos >= c->pos - 4)
            best = m;
    }
    if (best) {
        roles_resolve_alt(p, best, p->subject >= 0 ? p->subject : p->q.kind == Q_LIST ? p->q.table : p->q.m.t);
        best->role = R_CMP;
        if (best->nalt)
            return roles_set_ambiguous(p, AMB_COLUMN, best);
    }
    if (!best || lexicon_col_is_numeric(&s->tables[best->t].cols[best->c]))
        return roles_set_ambiguous(p, AMB_COMPARE, NULL);
    if (p->q.nf < ASK_MAX_FILTERS)
        p->q.f[p->q.nf++] = (ask_filter_t){.col = {best->t, best->c}, .op = c->op, .nvals = 1,
                                           .vals = {xstrdup(c->text)}, .pos = c->pos};
}

/* Group by ent, count cnt's rows, keep the groups the comparison holds for. */
static int having_set(const ask_schema_t *s, ask_parse_t *p, const ask_cmp_t *c,
                      ask_mention_t *ent, ask_mention_t *cnt)
{
    if (p->measure_set || p->q.ndims > (ent->role == R_DIM ? ASK_MAX_DIMS : 0))
        return 0;
    if (ent->role != R_DIM)
        roles_make_dim(s, p, ent);
    cnt->role = R_MEASURE;
    p->measure_set = 1;
    p->q.m = (ask_measure_t){M_COUNT, cnt->t, -1, -1};
    p->q.having = c->op;
    p->q.hnum[0] = c->a, p->q.hnum[1] = c->b;
    return 1;
}

/* "airlines with more than 500 routes", "actors who have been in more than
 * 40 films": the entity named before, grouped, counting the rows of the
 * table named right after the number that reach it many-to-one. */

/* "ordered more than 10 times": the token after the comparison's number
 * is "times", else -1. */
static int times_after(const ask_toks_t *tk, const ask_cmp_t *c)
{
    for (int k = c->pos + 1; k < tk->n && k <= c->pos + 4; k++)
        if (tk->t[k - 1].isnum && words_at(tk, k, "times"))
            return k;
    return -1;
}

/* The table counted by a "more than N": the table named right after the
 * number; for "N times", the table the verb before it names ("customers
 * who placed orders more than 5 times", "who rented more than 40 times":
 * a mention made for the verb). NULL when none. */
static ask_mention_t *having_counted(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p,
                                     const ask_cmp_t *c)
{
    ask_mention_t *verb = NULL;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_TABLE && m->role == R_NONE && m->pos > c->pos && m->pos <= c->pos + 5)
            return m;
        if (m->kind == PH_TABLE && m->role == R_NONE && m->pos < c->pos && i > 0)
            verb = m;
    }
    int times = times_after(tk, c), v = c->pos - 1;
    if (times < 0 || !p->nm)
        return NULL;
    if (!verb && v > 0 && !tk->t[v].used && p->nm < ASK_MAX_MENTIONS) {
        int t = filters_verb_table(s, tk->t[v].low);
        if (t < 0)
            return NULL;
        verb = &p->m[p->nm++];
        *verb = (ask_mention_t){.kind = PH_TABLE, .t = t, .c = -1, .v = -1, .pos = v, .len = 1};
        tk->t[v].used = 1;
    }
    if (verb)
        tk->t[times].used = 1;
    return verb;
}

/* 1 when column c already holds a count of t's rows: num_o_ratings in
 * rating ("movies with more than 500000 ratings": that number, or rows?) */
static int counts_of(const ask_col_t *c, const ask_table_t *t)
{
    if (!lexicon_col_is_numeric(c) || !t->nw ||
        !lexicon_col_has_word(c, (const char *const[]){"num", "number", "count", "no", "nb", "n", NULL}))
        return 0;
    return lexicon_col_has_word(c, (const char *const[]){t->w[t->nw - 1], NULL});
}

/* "which reviewer has rated more than one movie": the verb before the
 * number names the table the count goes through (rating links reviewer
 * and movie) — it is placed by the count. */
static void having_verb(const ask_schema_t *s, ask_toks_t *tk, const ask_cmp_t *c, int ent, int cnt)
{
    int v = c->pos - 1;
    if (v < 0 || tk->t[v].used)
        return;
    int vt = filters_verb_table(s, tk->t[v].low), to_ent = 0, to_cnt = 0;
    for (int k = 0; vt >= 0 && k < s->nedges; k++)
        if (s->edges[k].from_t == vt)
            to_ent |= s->edges[k].to_t == ent, to_cnt |= s->edges[k].to_t == cnt;
    if (vt >= 0 && (vt == cnt || vt == ent || (to_ent && to_cnt)))
        tk->t[v].used = 1;
}

static int apply_having(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, const ask_cmp_t *c)
{
    ask_mention_t *ent = NULL, *cnt = having_counted(s, tk, p, c);
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        /* the entity: a table, or a text column named like one ("cities" =
         * airports.city, "last names shared by more than 3 actors"); not
         * the counted table named by a verb ("customers who placed more
         * than 5 orders": "placed" is an order) */
        int entity = m->kind == PH_TABLE || (m->kind == PH_COLUMN &&
                     !lexicon_col_is_numeric(&s->tables[m->t].cols[m->c]));
        if (cnt && m->kind == PH_TABLE && m->t == cnt->t && m != &p->m[0])
            entity = 0;
        if (entity && m->pos < c->pos && (m->role == R_NONE || m->role == R_DIM))
            ent = m;
    }
    if (ent && cnt && ent->kind == PH_COLUMN)
        roles_resolve_alt(p, ent, cnt->t);
    if (ent && cnt && ent->kind == PH_COLUMN && !ent->nalt && ent->t == cnt->t)  /* grouped in the counted table */
        return having_set(s, p, c, ent, cnt);
    if (ent && ent->kind == PH_COLUMN)
        return 0;
    int path[6], len = ent && cnt && ent->t != cnt->t ? paths_find(s, cnt->t, ent->t, path, 6) : -1;
    if (len < 1 || p->measure_set || p->q.ndims > (ent && ent->role == R_DIM ? ASK_MAX_DIMS : 0))
        return 0;
    /* each counted row belongs to one entity (every hop many-to-one), or the
     * two meet in a link table (film ← film_actor → actor) — never through a
     * table both merely point at (client → district ← account) */
    int link = len == 2 && path[0] < 0 && path[1] > 0;
    for (int k = 0; k < len && !link; k++)
        if (path[k] < 0)
            return 0;
    for (int k = 0; k < s->tables[cnt->t].ncols; k++)  /* "more than 5 items": lines or units? */
        if (lexicon_col_is_qty(&s->tables[cnt->t].cols[k]) || counts_of(&s->tables[cnt->t].cols[k],
                                                                          &s->tables[cnt->t])) {
            roles_set_ambiguous(p, AMB_MEASURE, NULL);
            return 1;
        }
    if (!having_set(s, p, c, ent, cnt))
        return 0;
    having_verb(s, tk, c, ent->t, cnt->t);
    for (int i = 0; i < p->nm; i++)  /* the verb that named the counted table too */
        if (p->m[i].kind == PH_TABLE && p->m[i].t == cnt->t && p->m[i].role == R_NONE)
            p->m[i].role = R_MEASURE;
    return 1;
}

/* The one numeric column with a hinted word ("older than" → age) in the
 * tables the question names (the measured one first); the words are tried
 * in their order ("longer than": length before duration); {-1,-1} when
 * none or several. */
static ask_colref_t hinted_column(const ask_schema_t *s, const ask_parse_t *p,
                                  const char *const *hint)
{
    for (int h = 0; hint[h]; h++) {
        ask_colref_t col = {-1, -1}, plain = {-1, -1};
        int n = 0, nplain = 0;
        for (int i = -1; i < p->nm && !n; i++) {
            int t = i < 0 ? p->q.m.t : p->m[i].kind == PH_TABLE ? p->m[i].t : -1;
            for (int k = 0; t >= 0 && k < s->tables[t].ncols; k++) {
                const ask_col_t *cc = &s->tables[t].cols[k];
                if (!lexicon_col_is_numeric(cc) || !lexicon_col_has_word(cc, (const char *const[]){hint[h], NULL}))
                    continue;
                n++, col = (ask_colref_t){t, k};
                if (cc->nw == 1)  /* "age" itself beside "age_wiki" */
                    nplain++, plain = col;
            }
        }
        if (n)
            return n == 1 ? col : nplain == 1 ? plain : (ask_colref_t){-1, -1};
    }
    return (ask_colref_t){-1, -1};
}

void filters_apply_cmp(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, const ask_cmp_t *c)
{
    if (c->op >= OP_CONTAINS)
        return apply_text_cmp(s, p, c);
    if (apply_having(s, tk, p, c))
        return;
    for (int i = 0; i < p->nm; i++)  /* "shared by more than one country": a count of */
        if (p->m[i].kind == PH_TABLE && c->num_at && p->m[i].pos == c->num_at + 1)
            return roles_set_ambiguous(p, AMB_COMPARE, NULL);  /* rows not placed: ask */
    ask_mention_t *best = NULL;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        /* "older than 60 who survived": the adjective names the column, not
         * one named after the number */
        if (c->hint && m->kind == PH_COLUMN && !m->nalt && m->pos > c->pos &&
            !lexicon_col_has_word(&s->tables[m->t].cols[m->c], c->hint))
            continue;
        if (m->kind == PH_COLUMN && (m->role == R_NONE || m->role == R_CMP) &&
            m->pos >= c->pos - 5 && m->pos <= c->pos + 5 &&
            (!best || (m->pos < c->pos && best->pos > c->pos) || (m->pos < c->pos && m->pos > best->pos)))
            best = m;
    }
    ask_colref_t col = {-1, -1};
    if (best) {
        roles_resolve_alt(p, best, p->subject >= 0 ? p->subject : p->q.m.t);
        best->role = R_CMP;
        if (best->nalt)
            return roles_set_ambiguous(p, AMB_COLUMN, best);
        col = (ask_colref_t){best->t, best->c};
    } else if (c->hint) {
        col = hinted_column(s, p, c->hint);
    } else {
        int t = p->q.m.t;
        for (int i = 0; i < p->nm && t < 0; i++)
            if (p->m[i].kind == PH_TABLE)
                t = p->m[i].t;
        for (int k = 0; t >= 0 && k < s->tables[t].ncols; k++)
            if (lexicon_col_is_money(&s->tables[t].cols[k]) && col.t < 0)
                col = (ask_colref_t){t, k};
    }
    if (col.t < 0 || !lexicon_col_is_numeric(&s->tables[col.t].cols[col.c]))
        return roles_set_ambiguous(p, AMB_COMPARE, NULL);
    if (p->q.nf < ASK_MAX_FILTERS)
        p->q.f[p->q.nf++] = (ask_filter_t){.col = col, .op = c->op, .num = {c->a, c->b}, .pos = c->pos};
}

/* A word without its verb or noun ending and final e: "rated", "rates",
 * "rating" → "rat"; "directed", "direction" → "direct". Its length. */
static int root_of(const char *w, char *out, size_t cap)
{
    static const char *const ends[] = {"ings", "ing", "ions", "ion", "ments", "ment", "als", "al",
                                       "ed", "es", "s", NULL};
    size_t n = strlen(w);
    for (int k = 0; ends[k]; k++) {
        size_t e = strlen(ends[k]);
        if (n > e + 2 && !strcmp(w + n - e, ends[k])) {
            n -= e;
            break;
        }
    }
    if (n > 3 && w[n - 1] == 'e')
        n--;
    if (n + 1 > cap)
        return 0;
    memcpy(out, w, n);
    out[n] = 0;
    return (int)n;
}

/* The table a verb names by its stem: "rented" → rental, "ordered" →
 * orders (four letters in common at least, and only one such table). */
int filters_verb_table(const ask_schema_t *s, const char *low)
{
    /* Latin verbs whose noun changes its ending: "admitted" → admission,
     * "subscribed" → subscription, "received" → reception */
    static const char *const latin[][2] = {{"mitted", "mission"}, {"mits", "mission"},
        {"mit", "mission"}, {"scribed", "scription"}, {"ceived", "ception"}};
    char noun[64];
    size_t n = strlen(low);
    for (size_t k = 0; k < sizeof latin / sizeof *latin; k++) {
        size_t e = strlen(latin[k][0]);
        if (n > e + 1 && n - e + strlen(latin[k][1]) < sizeof noun && !strcmp(low + n - e, latin[k][0])) {
            snprintf(noun, sizeof noun, "%.*s%s", (int)(n - e), low, latin[k][1]);
            low = noun, n = strlen(noun);
            break;
        }
    }
    int found = -1, rank = 99;  /* one word before more, public before other schemas */
    for (int t = 0; t < s->ntables && n >= 5; t++) {
        const char *w = s->tables[t].nw ? s->tables[t].w[0] : "";
        size_t k = 0;
        while (k < n && w[k] && w[k] == low[k])
            k++;
        char rv[64], rt[64];  /* "rated"/"rating", "directed"/"direction": one root */
        int same_root = root_of(low, rv, sizeof rv) >= 3 && root_of(w, rt, sizeof rt) >= 3 &&
                        !strcmp(rv, rt);
        if ((k < 4 || k + 3 < n) && !same_root)  /* "rented"/"rental", "ordered"/"order" */
            continue;
        int r = (s->tables[t].nw > 1) * 2 + !!strcmp(s->tables[t].schema, "public");
        if (r < rank)
            found = t, rank = r;
        else if (r == rank)
            found = -2;  /* two equally good: not a guess we make */
    }
    return found >= 0 ? found : -1;
}

/* A flag column (lexicon_flag_yes): f gets its "yes" values as sampled
 * ("Y", "y"); 0 when it is no flag. */
static int flag_filter(const ask_col_t *c, ask_filter_t *f)
{
    const char *yes[ASK_MAX_VALUES];
    int n = lexicon_flag_yes(c, yes, ASK_MAX_VALUES);
    for (int k = 0; k < n && f->nvals < ASK_MAX_VALUES; k++)
        f->vals[f->nvals++] = xstrdup(yes[k]);
    return n > 0;
}

/* "active airlines", "available products": a flag column named as an
 * adjective of the listed or counted table keeps the rows where it is set;
 * said negated ("inactive airlines") the rows where it is not. */
void filters_apply_flags(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.kind == M_COUNT ? p->q.m.t : -1;
    for (int i = 0; i < p->nm && base >= 0 && p->q.nf < ASK_MAX_FILTERS; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_COLUMN || m->role != R_NONE || m->nalt || m->t != base)
            continue;
        const ask_col_t *c = &s->tables[m->t].cols[m->c];
        int neg = m->len == 1 && c->nw && strcmp(tk->t[m->pos].stem, c->w[c->nw - 1]) &&
                  strstr(tk->t[m->pos].stem, c->w[c->nw - 1]);  /* "inactive" of active */
        ask_filter_t f = {.col = {m->t, m->c}, .op = neg ? OP_NOT_IN : OP_IN, .pos = m->pos};
        if (!flag_filter(c, &f))
            continue;
        m->role = R_FILTER;
        p->q.f[p->q.nf++] = f;
    }
}

/* "how many passengers survived": the table named with a flag column of
 * its own counts its rows where the flag is set. 1 when (t, c) is a flag
 * and its filter was added. */
int filters_add_flag(const ask_schema_t *s, ask_parse_t *p, int t, int c, int pos)
{
    ask_filter_t f = {.col = {t, c}, .op = OP_IN, .pos = pos};
    if (p->q.nf >= ASK_MAX_FILTERS || !flag_filter(&s->tables[t].cols[c], &f))
        return 0;
    p->q.f[p->q.nf++] = f;
    return 1;
}

/* 1 when m names a flag column of the table named right after it ("active
 * airlines"): the table is what to count, the flag a filter. */
int filters_flag_before_table(const ask_schema_t *s, const ask_parse_t *p, const ask_mention_t *m)
{
    ask_filter_t f = {0};
    if (m->kind != PH_COLUMN || m->nalt || !flag_filter(&s->tables[m->t].cols[m->c], &f))
        return 0;
    for (int k = 0; k < f.nvals; k++)
        free(f.vals[k]);
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].t == m->t && p->m[i].pos == m->pos + m->len)
            return 1;
    return 0;
}

/* "airports higher than 13000 ft, highest first": a list with an order and
 * nothing else to order by is ordered by the one column it was compared on. */
void filters_order_by_cmp(ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    if (q->kind != Q_LIST || !q->order || q->m.c >= 0)
        return;
    int found = -1;
    for (int i = 0; i < q->nf; i++)
        if (q->f[i].op >= OP_GT && q->f[i].op <= OP_BETWEEN && q->f[i].col.t == q->table)
            found = found == -1 ? i : -2;
    if (found >= 0)
        q->m = (ask_measure_t){M_NONE, q->table, q->f[found].col.c, -1};
}

/* Values named with "and" in a plain count or total are counted each
 * ("number of airports in Norway, Sweden and Denmark": three counts, whose
 * sum the insight gives); "or", "combined", "together", "altogether" and
 * "in total" ask for one number over them. */
static int listed_each(ask_toks_t *tk, const ask_parse_t *p)
{
    static const char *const one[] = {"or", "either", "combined", "together", "altogether", NULL},
                      *const vs[] = {"vs", "versus", "compared", "against", NULL};
    int and = 0, compared = 0;
    for (int i = 0; i < tk->n; i++)
        compared |= !tk->t[i].used && words_in(tk->t[i].low, vs);
    /* an average of each is only asked with a comparison word: "average
     * salary in Finance and Biology" may be one average over both */
    int additive = p->q.m.kind == M_COUNT || p->q.m.kind == M_COUNT_DISTINCT || p->q.m.kind == M_SUM;
    if (p->q.kind != Q_AGG || p->q.order || p->q.limit > 0 || p->q.having ||
        p->q.share != SHARE_NONE || (!additive && !(compared && p->q.m.kind != M_METRIC)) ||
        p->q.grain > 0 || p->q.ndims >= ASK_MAX_DIMS)
        return 0;
    for (int i = 0; i < tk->n; i++) {
        int total = words_at(tk, i, "in") && words_at(tk, i + 1, "total");
        if (words_in(tk->t[i].low, one) || total) {
            tk->t[i].used = 1;  /* the word is placed: it asked for one number */
            tk->t[i + total].used = 1;
            return 0;
        }
        and += words_at(tk, i, "and");
        if (!tk->t[i].used && words_in(tk->t[i].low, vs)) {
            and++, tk->t[i].used = 1;  /* "airports in Argentina compared with Chile": each */
            if (i + 1 < tk->n && words_in(tk->t[i + 1].low, (const char *const[]){"with", "to", NULL}))
                tk->t[i + 1].used = 1;
        }
    }
    return and > 0;
}

/* "how many are owners and how many disponents": a count asked for each of
 * several values is a count per value — the values' column grouped, not
 * one total over them. Several counts otherwise: not one answer. */
void filters_split_counts(ask_toks_t *tk, ask_parse_t *p)
{
    int asks = 0, split = -1;
    for (int i = 0; i + 1 < tk->n; i++)
        asks += words_at(tk, i, "how") && words_at(tk, i + 1, "many");
    for (int i = 0; i < p->q.nf; i++)
        if (p->q.f[i].op == OP_IN && p->q.f[i].nvals > 1)
            split = split == -1 ? i : -2;
    if (asks < 2) {  /* "airports in Norway, Sweden and Denmark": each one's count */
        if (split >= 0 && listed_each(tk, p))
            p->q.dims[p->q.ndims++] = p->q.f[split].col;
        return;
    }
    if (split < 0 || p->q.ndims >= ASK_MAX_DIMS || p->q.kind != Q_AGG)
        return roles_set_ambiguous(p, AMB_MEASURE, NULL);
    p->q.dims[p->q.ndims++] = p->q.f[split].col;
}
