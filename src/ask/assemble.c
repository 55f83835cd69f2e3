/* assemble.c — the second half of the parser: give each schema mention a
 * role (measure, dimension, filter, comparison column) from the cue words
 * around it, fill the plan, and note what stayed unclear. It never guesses
 * between equally good readings: those become p->ambiguous. */
#include "ask/internal.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int table_named(const ask_parse_t *p, int t)
{
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].t == t)
            return 1;
    return 0;
}

/* Keep the reading whose table is prefer (or a table the question names). */
static void resolve_alt(ask_parse_t *p, ask_mention_t *m, int prefer)
{
    for (int pass = 0; pass < 2 && m->nalt; pass++) {
        int hits = 0, pick = -1;
        for (int k = -1; k < m->nalt; k++) {
            int t = k < 0 ? m->t : m->alt[k].t;
            if (pass == 0 ? t == prefer : table_named(p, t))
                hits++, pick = k;
        }
        if (hits == 1) {
            if (pick >= 0)
                mention_take_alt(m, pick);
            m->nalt = 0;
        }
    }
}

static void set_ambiguous(ask_parse_t *p, int why, const ask_mention_t *m)
{
    if (p->ambiguous)
        return;
    p->ambiguous = why;
    p->namb = 0;
    if (!m)
        return;
    p->amb[p->namb++] = (ask_colref_t){m->t, m->c};
    for (int k = 0; k < m->nalt && p->namb < 4; k++)
        p->amb[p->namb++] = (ask_colref_t){m->alt[k].t, m->alt[k].c};
}

/* The fact table for "revenue": quantity x price, else a revenue-ish column. */
static void revenue_measure(const ask_schema_t *s, ask_parse_t *p)
{
    int best = -1, q, pr;
    for (int t = 0; t < s->ntables; t++)
        if (lexicon_revenue_cols(s, t, &q, &pr) == 0 &&
            (best < 0 || table_named(p, t) > table_named(p, best) ||
             (table_named(p, t) == table_named(p, best) && s->tables[t].rows > s->tables[best].rows)))
            best = t;
    if (best >= 0) {
        p->q.m = (ask_measure_t){M_REVENUE, best, -1, -1};
        return;
    }
    /* else a revenue-ish money column — only when exactly one fits (or one
     * in a table the question names): two candidates are a question */
    static const char *const money[] = {"revenue", "sale", "amount", "total", NULL};
    int found = 0, named = 0;
    ask_measure_t pick = {M_NONE, -1, -1, -1}, pick_named = pick;
    for (int t = 0; t < s->ntables; t++)
        for (int c = 0; c < s->tables[t].ncols; c++) {
            const ask_col_t *col = &s->tables[t].cols[c];
            int hit = 0;
            for (int k = 0; lexicon_col_is_money(col) && k < col->nw; k++)
                hit |= words_in(col->w[k], money);
            if (!hit)
                continue;
            found++, pick = (ask_measure_t){M_SUM, t, c, -1};
            if (table_named(p, t))
                named++, pick_named = pick;
        }
    if (named == 1)
        p->q.m = pick_named;
    else if (found == 1)
        p->q.m = pick;
    else
        set_ambiguous(p, AMB_MEASURE, NULL);
}

static int agg_cue(const ask_toks_t *tk, int i, int *len, int *distinct)
{
    const char *w = tk->t[i].low;
    *len = 1;
    *distinct = words_at(tk, i + 1, "distinct") || words_at(tk, i + 1, "unique") || words_at(tk, i + 1, "different");
    if ((!strcmp(w, "how") && words_at(tk, i + 1, "many")) || ((!strcmp(w, "number") ||
        !strcmp(w, "count")) && words_at(tk, i + 1, "of"))) {
        *len = 2;
        *distinct = words_at(tk, i + 2, "distinct") || words_at(tk, i + 2, "unique") || words_at(tk, i + 2, "different");
        return M_COUNT;
    }
    if (!strcmp(w, "count") || !strcmp(w, "number") || !strcmp(w, "#"))
        return M_COUNT;
    if (!strcmp(w, "total") || !strcmp(w, "sum"))
        return M_SUM;
    if (words_in(w, (const char *const[]){"average", "avg", "mean", NULL}))
        return M_AVG;
    if (!strcmp(w, "median"))
        return M_MEDIAN;
    if (!strcmp(w, "minimum") || !strcmp(w, "min"))
        return M_MIN;
    if (!strcmp(w, "maximum") || !strcmp(w, "max"))
        return M_MAX;
    return M_NONE;
}

/* The one money column of table t, or -1 (none, or several). */
static int only_money_col(const ask_schema_t *s, int t)
{
    int found = -1;
    for (int c = 0; c < s->tables[t].ncols; c++)
        if (lexicon_col_is_money(&s->tables[t].cols[c]) && !s->tables[t].cols[c].pk)
            found = found < 0 ? c : -2;
    return found >= 0 ? found : -1;
}

/* Apply aggregate `agg` (from a cue word) to mention m. */
static void measure_from(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m, int agg,
                         int distinct, const char *word)
{
    m->role = R_MEASURE;
    p->measure_set = 1;
    if (m->kind == -1) {
        if (agg == M_SUM || agg == M_NONE || !strcmp(word, "total"))
            revenue_measure(s, p);
        else
            set_ambiguous(p, AMB_MEASURE, NULL);
    } else if (m->kind == PH_VOCAB && s->vocab[m->v].is_metric) {
        p->q.m = (ask_measure_t){M_METRIC, m->t, -1, m->v};
    } else if (m->kind == PH_TABLE) {
        int money = !strcmp(word, "sum") ? only_money_col(s, m->t) : -1;
        if (agg == M_COUNT || (agg == M_SUM && strcmp(word, "sum")))
            p->q.m = (ask_measure_t){M_COUNT, m->t, -1, -1};
        else if (money >= 0)  /* "sum of loans": of their one amount */
            p->q.m = (ask_measure_t){M_SUM, m->t, money, -1};
        else
            set_ambiguous(p, AMB_MEASURE, NULL);
    } else if (m->nalt) {
        set_ambiguous(p, AMB_COLUMN, m);
    } else {
        const ask_col_t *c = &s->tables[m->t].cols[m->c];
        if (agg == M_COUNT)
            p->q.m = (ask_measure_t){c->pk && !distinct ? M_COUNT : M_COUNT_DISTINCT, m->t, m->c, -1};
        else if (agg == M_NONE && lexicon_col_is_numeric(c) && !lexicon_col_is_additive(c))
            set_ambiguous(p, AMB_MEASURE, NULL);  /* "the balance of each account": sum? latest? */
        else if (lexicon_col_is_numeric(c) || ((agg == M_MIN || agg == M_MAX) && c->kind != CK_BOOL))
            p->q.m = (ask_measure_t){agg == M_NONE ? M_SUM : agg, m->t, m->c, -1};
        else
            set_ambiguous(p, AMB_MEASURE, NULL);
    }
}

static ask_mention_t *next_mention(ask_parse_t *p, int pos, int within, int values)
{
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].pos >= pos && p->m[i].pos <= pos + within && p->m[i].role == R_NONE &&
            (values || p->m[i].kind != PH_VALUE))
            return &p->m[i];
    return NULL;
}

static int flag_before_table(const ask_schema_t *s, const ask_parse_t *p, const ask_mention_t *m);

static void apply_agg_cues(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i < tk->n; i++) {
        int len, distinct, agg = tk->t[i].used ? M_NONE : agg_cue(tk, i, &len, &distinct);
        if (!agg)
            continue;
        ask_mention_t *m = next_mention(p, i + len, 5, 0);
        if (m && flag_before_table(s, p, m))  /* "how many active airlines" */
            m = next_mention(p, m->pos + m->len, 1, 0);
        if (!m && agg == M_COUNT && i > 0)  /* "customer count" */
            for (int k = 0; k < p->nm && !m; k++)
                if (p->m[k].pos + p->m[k].len == i && p->m[k].kind == PH_TABLE)
                    m = &p->m[k];
        if (!m || p->measure_set)
            continue;
        resolve_alt(p, m, -1);
        measure_from(s, p, m, agg, distinct, tk->t[i].low);
        p->agg_cue = 1;
        for (int k = i; k < i + len + distinct; k++)
            tk->t[k].used = 1;
    }
}

static void make_dim(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m)
{
    m->role = R_DIM;
    if (m->nalt)
        resolve_alt(p, m, p->q.m.t);
    if (m->nalt) {
        set_ambiguous(p, AMB_COLUMN, m);
        return;
    }
    const ask_col_t *c = m->c >= 0 ? &s->tables[m->t].cols[m->c] : NULL;
    if (c && lexicon_col_is_time(c)) {
        p->q.time = (ask_colref_t){m->t, m->c};
        if (!p->q.grain)
            p->q.grain = G_DAY;
        return;
    }
    if (p->q.ndims == ASK_MAX_DIMS)
        return;
    int t = c && c->fk_table >= 0 ? c->fk_table : m->t;  /* "by country_id": the country */
    if (c && c->fk_table < 0) {
        p->q.dims[p->q.ndims++] = (ask_colref_t){m->t, m->c};
    } else if (s->tables[t].label >= 0) {  /* the entity: its label (and second label) */
        p->q.dims[p->q.ndims++] = (ask_colref_t){t, s->tables[t].label};
        if (s->tables[t].label2 >= 0 && p->q.ndims < ASK_MAX_DIMS)
            p->q.dims[p->q.ndims++] = (ask_colref_t){t, s->tables[t].label2};
    }
}

/* A table or a text column named before token i: something to group by. */
static int dim_before(const ask_schema_t *s, const ask_parse_t *p, int i)
{
    for (int k = 0; k < p->nm && p->m[k].pos < i; k++) {
        const ask_mention_t *m = &p->m[k];
        if (m->role == R_NONE && (m->kind == PH_TABLE || (m->kind == PH_COLUMN && !m->nalt &&
            !lexicon_col_is_numeric(&s->tables[m->t].cols[m->c]))))
            return 1;
    }
    return 0;
}

static void apply_dim_cues(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const by[] = {"by", "per", "each", "every", "across", NULL};
    for (int i = 0; i < tk->n; i++) {
        if (!words_in(tk->t[i].low, by) || tk->t[i].used)
            continue;
        ask_mention_t *m = next_mention(p, i + 1, 3, 0);
        ask_mention_t *v = next_mention(p, i + 1, 2, 1);
        int len, distinct;
        if (!strcmp(tk->t[i].low, "by") && v && v->kind == PH_VALUE) {
            tk->t[i].used = 1;  /* "offered by the Biology department": who, not a grouping */
            continue;
        }
        if (i + 1 < tk->n && agg_cue(tk, i + 1, &len, &distinct) != M_NONE && tk->t[i + 1].used) {
            tk->t[i].used = 1;  /* "top 5 countries by number of customers" */
            continue;
        }
        if (!m)
            continue;
        /* "by revenue", "top 3 products by quantity", "top 3 cities by
         * customers": "by" names what to measure and rank by, not a group */
        if (m->kind == -1 || (m->kind == PH_VOCAB && s->vocab[m->v].is_metric) ||
            (m->kind == PH_COLUMN && !m->nalt && (p->top || !p->measure_set) &&
             lexicon_col_is_numeric(&s->tables[m->t].cols[m->c])) ||
            (p->top && m->kind == PH_TABLE && !p->measure_set && dim_before(s, p, i))) {
            tk->t[i].used = 1;
            continue;
        }
        tk->t[i].used = 1;
        make_dim(s, p, m);
        int end = m->pos + m->len;  /* "by region and channel" */
        if ((words_at(tk, end, "and") || words_at(tk, end, "&")) && (m = next_mention(p, end + 1, 1, 0)) &&
            (m->kind == PH_TABLE || m->kind == PH_COLUMN)) {
            tk->t[end].used = 1;
            make_dim(s, p, m);
        }
    }
    int wh = tk->n && words_in(tk->t[0].low, (const char *const[]){"which", "what", "who", NULL});
    ask_mention_t *m = wh ? next_mention(p, 1, 3, 0) : NULL;
    if (m && m->kind != -1 && m->kind != PH_VOCAB && (p->q.order || p->measure_set)) {
        tk->t[0].used = 1;
        make_dim(s, p, m);
    }
    if (p->top && !p->want_price && !p->q.ndims && (m = next_mention(p, 0, tk->n, 0)) &&
        (m->kind == PH_TABLE || (m->kind == PH_COLUMN && !m->nalt &&
                                 !lexicon_col_is_numeric(&s->tables[m->t].cols[m->c]))))
        make_dim(s, p, m);
}

/* Adjectives that name the column they rank by: "the 5 longest films",
 * "the 10 most recent rentals", "the most populous countries", "the best
 * paid instructors". Some carry their own direction. */
static const struct adjective {
    const char *word;
    int order;                     /* 1 desc, -1 asc, 0 from "most"/"least" */
    int time;                      /* the table's time column */
    const char *const cols[4];     /* else the first column with one of these words */
} adjectives[] = {
    {"longest", 1, 0, {"length", "duration", NULL}},
    {"shortest", -1, 0, {"length", "duration", NULL}},
    {"populous", 0, 0, {"population", NULL}},
    {"paid", 1, 0, {"salary", "pay", "wage", NULL}},
    {"recent", 0, 1, {NULL}},
    {"latest", 1, 1, {NULL}},
    {"newest", 1, 1, {NULL}},
    {"oldest", -1, 1, {NULL}},
    {"earliest", -1, 1, {NULL}},
};

static int col_has_word(const ask_col_t *c, const char *const *w)
{
    for (int k = 0; k < c->nw; k++)
        if (words_in(c->w[k], w))
            return 1;
    return 0;
}

/* The column an adjective of the question ranks table t by, or -1. */
static int adjective_column(const ask_schema_t *s, ask_toks_t *tk, int t, int *order, int *limit)
{
    for (int i = 0; i < tk->n; i++)
        for (size_t a = 0; a < sizeof adjectives / sizeof *adjectives; a++) {
            const struct adjective *adj = &adjectives[a];
            if (tk->t[i].used || strcmp(tk->t[i].low, adj->word))
                continue;
            int c = adj->time ? s->tables[t].time : -1;
            for (int w = 0; c < 0 && !adj->time && adj->cols[w]; w++)  /* in the list's order */
                for (int k = 0; c < 0 && k < s->tables[t].ncols; k++)
                    if (lexicon_col_is_numeric(&s->tables[t].cols[k]) &&
                        col_has_word(&s->tables[t].cols[k], (const char *const[]){adj->cols[w], NULL}))
                        c = k;
            if (c < 0)
                return -1;
            tk->t[i].used = 1;
            if (adj->order)
                *order = adj->order;
            if (i > 0 && tk->t[i - 1].isnum && !tk->t[i - 1].used && tk->t[i - 1].num >= 1 &&
                tk->t[i - 1].num <= 10000)  /* "the 5 longest films" */
                *limit = (int)tk->t[i - 1].num, tk->t[i - 1].used = 1;
            return c;
        }
    return -1;
}

/* "lowest priced product", "the 5 longest films", "which country has the
 * lowest life expectancy": rows of the table ordered by one of its own
 * columns — one row when the noun is singular. */
static int superlative_list(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    ask_mention_t *tab = NULL, *col = NULL;
    if (p->agg_cue || p->measure_set || p->q.ndims > 1 || p->q.grain)
        return 0;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_TABLE && (m->role == R_NONE || m->role == R_DIM) && !tab)
            tab = m;
        if (m->kind == PH_COLUMN && m->role == R_NONE && !col)
            col = m;
    }
    /* the one grouping may only be the table itself ("which country …") */
    if (!tab || (p->q.ndims && p->q.dims[0].t != tab->t))
        return 0;
    int order = p->q.order, c = -1;
    if (col) {
        c = col->t == tab->t ? col->c : -1;
        for (int k = 0; k < col->nalt && c < 0; k++)
            if (col->alt[k].t == tab->t)
                c = col->alt[k].c;
    } else {
        c = adjective_column(s, tk, tab->t, &order, &p->q.limit);
    }
    if (c < 0 || !order || (!lexicon_col_is_numeric(&s->tables[tab->t].cols[c]) &&
                            !lexicon_col_is_time(&s->tables[tab->t].cols[c])))
        return 0;
    const char *noun = tk->t[tab->pos + tab->len - 1].low;
    p->q.ndims = 0;
    tab->role = R_MEASURE;
    if (col)
        col->role = R_MEASURE;
    p->q.kind = Q_LIST;
    p->q.order = order;
    p->q.table = p->subject = tab->t;
    p->q.m = (ask_measure_t){M_NONE, tab->t, c, -1};
    if (!p->q.limit)
        p->q.limit = noun[strlen(noun) - 1] == 's' ? 10 : 1;
    return 1;
}

static void default_measure(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    if (superlative_list(s, tk, p))
        return;
    int strong = 0;  /* a numeric column beats the verb "sold" */
    for (int i = 0; i < p->nm; i++)
        strong |= p->m[i].kind == PH_COLUMN && p->m[i].role == R_NONE && !p->m[i].nalt &&
                  lexicon_col_is_numeric(&s->tables[p->m[i].t].cols[p->m[i].c]);
    for (int i = 0; i < p->nm && !p->measure_set; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->role != R_NONE || (m->kind == -1 && m->v == 1 && strong))
            continue;
        if (m->kind == -1 || (m->kind == PH_VOCAB && s->vocab[m->v].is_metric))
            measure_from(s, p, m, M_NONE, 0, "");
        else if (m->kind == PH_COLUMN && (m->nalt || lexicon_col_is_numeric(&s->tables[m->t].cols[m->c]))) {
            resolve_alt(p, m, -1);
            int price = m->nalt == 0 && !lexicon_col_is_qty(&s->tables[m->t].cols[m->c]) &&
                        strstr(s->tables[m->t].cols[m->c].name, "rice");
            measure_from(s, p, m, price ? M_AVG : M_NONE, 0, "");
        }
    }
    for (int i = 0; i < p->nm && p->subject < 0 && !p->measure_set; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].role == R_NONE)
            p->subject = p->m[i].t, p->m[i].role = R_MEASURE;
    for (int i = 0; i < p->nm && p->subject < 0 && !p->measure_set; i++)
        if (p->m[i].kind == PH_COLUMN && !p->m[i].nalt && p->m[i].role != R_DIM)
            p->subject = p->m[i].t;  /* "products priced over 10": the column's rows */
    if (p->measure_set || p->subject < 0)
        return;
    if (p->q.ndims || p->q.grain) {
        p->q.m = (ask_measure_t){M_COUNT, p->subject, -1, -1};
        p->measure_set = 1;
    } else if (!p->top || p->want_price) {
        p->q.kind = Q_LIST;
        p->q.table = p->subject;
    }
}

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

static void apply_values(ask_toks_t *tk, const ask_schema_t *s, ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_VALUE || m->role != R_NONE)
            continue;
        resolve_alt(p, m, p->q.kind == Q_LIST ? p->q.table : p->q.m.t);
        value_same_domain(s, m);
        if (m->nalt)  /* the same words are values of unrelated columns */
            set_ambiguous(p, AMB_COLUMN, m);
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
            *f = (ask_filter_t){.col = {m->t, m->c}, .op = neg ? OP_NOT_IN : OP_IN};
        }
        if (f && f->nvals < ASK_MAX_VALUES && m->val)
            f->vals[f->nvals++] = xstrdup(m->val);
        claim_value_column(s, p, m);
    }
}

/* "customers with no email" / "without a city" / "with an email": a
 * column named after such a word is tested for NULL. */
static void apply_nulls(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const none[] = {"no", "without", "missing", NULL};
    for (int i = 0; i < p->nm && p->q.nf < ASK_MAX_FILTERS; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_COLUMN || m->role != R_NONE || m->nalt || m->pos < 1)
            continue;
        int k = m->pos - 1;
        if (k > 0 && (words_at(tk, k, "a") || words_at(tk, k, "an")))
            k--;
        int is_none = words_in(tk->t[k].low, none);
        if (!is_none && !(words_at(tk, k, "with") && !lexicon_col_is_numeric(&s->tables[m->t].cols[m->c])))
            continue;
        m->role = R_FILTER;
        for (int u = k; u < m->pos; u++)
            tk->t[u].used = 1;
        p->q.f[p->q.nf++] = (ask_filter_t){.col = {m->t, m->c}, .op = is_none ? OP_NULL : OP_NOT_NULL};
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
        resolve_alt(p, best, p->subject >= 0 ? p->subject : p->q.kind == Q_LIST ? p->q.table : p->q.m.t);
        best->role = R_CMP;
        if (best->nalt)
            return set_ambiguous(p, AMB_COLUMN, best);
    }
    if (!best || lexicon_col_is_numeric(&s->tables[best->t].cols[best->c]))
        return set_ambiguous(p, AMB_COMPARE, NULL);
    if (p->q.nf < ASK_MAX_FILTERS)
        p->q.f[p->q.nf++] = (ask_filter_t){.col = {best->t, best->c}, .op = c->op, .nvals = 1,
                                           .vals = {xstrdup(c->text)}};
}

/* "airlines with more than 500 routes", "actors who have been in more than
 * 40 films": the entity named before, grouped, counting the rows of the
 * table named right after the number that reach it many-to-one. */
static int apply_having(const ask_schema_t *s, ask_parse_t *p, const ask_cmp_t *c)
{
    ask_mention_t *ent = NULL, *cnt = NULL;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_TABLE && m->pos < c->pos && (m->role == R_NONE || m->role == R_DIM))
            ent = m;
        if (m->kind == PH_TABLE && m->role == R_NONE && m->pos > c->pos && m->pos <= c->pos + 5 && !cnt)
            cnt = m;
    }
    int path[6], len = ent && cnt && ent->t != cnt->t ? sqlgen_path(s, cnt->t, ent->t, path, 6) : -1;
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
        if (lexicon_col_is_qty(&s->tables[cnt->t].cols[k])) {
            set_ambiguous(p, AMB_MEASURE, NULL);
            return 1;
        }
    if (ent->role != R_DIM)
        make_dim(s, p, ent);
    cnt->role = R_MEASURE;
    p->measure_set = 1;
    p->q.m = (ask_measure_t){M_COUNT, cnt->t, -1, -1};
    p->q.having = c->op;
    p->q.hnum[0] = c->a, p->q.hnum[1] = c->b;
    return 1;
}

static void apply_cmp(const ask_schema_t *s, ask_parse_t *p, const ask_cmp_t *c)
{
    if (c->op >= OP_CONTAINS)
        return apply_text_cmp(s, p, c);
    if (apply_having(s, p, c))
        return;
    ask_mention_t *best = NULL;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_COLUMN && (m->role == R_NONE || m->role == R_CMP) &&
            m->pos >= c->pos - 5 && m->pos <= c->pos + 5 &&
            (!best || (m->pos < c->pos && best->pos > c->pos) || (m->pos < c->pos && m->pos > best->pos)))
            best = m;
    }
    ask_colref_t col = {-1, -1};
    if (best) {
        resolve_alt(p, best, p->subject >= 0 ? p->subject : p->q.m.t);
        best->role = R_CMP;
        if (best->nalt)
            return set_ambiguous(p, AMB_COLUMN, best);
        col = (ask_colref_t){best->t, best->c};
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
        return set_ambiguous(p, AMB_COMPARE, NULL);
    if (p->q.nf < ASK_MAX_FILTERS)
        p->q.f[p->q.nf++] = (ask_filter_t){.col = col, .op = c->op, .num = {c->a, c->b}};
}

static void pick_time(const ask_schema_t *s, ask_parse_t *p)
{
    if ((!p->q.grain && !p->q.date.kind) || p->q.time.t >= 0)
        return;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind == PH_COLUMN && m->role == R_NONE && !m->nalt &&
            lexicon_col_is_time(&s->tables[m->t].cols[m->c])) {
            p->q.time = (ask_colref_t){m->t, m->c};
            return;
        }
    }
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.t;
    if (base >= 0 && lexicon_time_for(s, base, &p->q.time.t, &p->q.time.c) < 0 && p->measure_set)
        set_ambiguous(p, AMB_TIME, NULL);
}

/* Every content word must be accounted for: a word no rule consumed (a
 * value that is not among the samples, a cue like "each" or "more than"
 * whose pattern did not complete, a number nothing used) means the plan
 * would answer something else than was asked. The first such word is named
 * in the clarification. */
/* Verbs that say how two things the question names are linked ("routes
 * operated by Aer Lingus", "films actor X appears in", "airlines based in
 * Canada"). They are placed only when the link is not a choice: the plan
 * joins exactly two tables, directly or through one link table, along the
 * only path between them — or, for where-verbs, filters one table on a value. */
static const char *const link_verbs[] = {"appear", "appears", "appeared", "operate", "operates",
    "operated", "serve", "serves", "served", "belong", "belongs", "belonged", "work", "works",
    "worked", "live", "lives", "lived", "own", "owns", "owned", "play", "plays", "played",
    "star", "stars", "starred", "write", "writes", "wrote", "written", "publish", "published",
    "teach", "teaches", "taught", "attend", "attends", "attended", "enroll", "enrolled",
    "speak", "speaks", "spoken", "offer", "offers", "offered", "run", "runs", "ran", "held",
    "hold", "holds", "issued", "signed", "assigned", "act", "acted", NULL};
static const char *const where_verbs[] = {"based", "located", "situated", "headquartered",
    "registered", "found", NULL};

static int link_is_plain(const ask_schema_t *s, const ask_q_t *q)
{
    int base = q->kind == Q_LIST ? q->table : q->m.t, other = -1;
    for (int i = 0; i < q->nf; i++) {
        int ft = q->f[i].col.t, fk = s->tables[ft].cols[q->f[i].col.c].fk_table;
        if (ft == base && fk >= 0)  /* course.dept_name names a department */
            ft = fk;
        if (ft != base)
            other = other < 0 || other == ft ? ft : -2;
    }
    for (int i = 0; i < q->ndims; i++)
        if (q->dims[i].t != base)
            other = other < 0 || other == q->dims[i].t ? q->dims[i].t : -2;
    int path[4];
    int len = base >= 0 && other >= 0 ? sqlgen_path(s, base, other, path, 4) : -1;
    if (len < 1 || len > 2)
        return 0;
    int edges = 0;  /* one edge, or one link table: no second way between them */
    for (int e = 0; e < s->nedges; e++)
        edges += (s->edges[e].from_t == base && s->edges[e].to_t == other) ||
                 (s->edges[e].from_t == other && s->edges[e].to_t == base);
    return len == 1 ? edges == 1 : edges == 0;
}

static void count_unknown(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    int plain = link_is_plain(s, &p->q);
    for (int i = 0; i < tk->n; i++) {
        const ask_tok_t *t = &tk->t[i];
        if (t->used || words_is_stop(t->low))
            continue;
        if ((plain && words_in(t->low, link_verbs)) || (p->q.nf && words_in(t->low, where_verbs)))
            continue;
        if (!p->unknown++)
            snprintf(p->unknown_word, sizeof p->unknown_word, "%s", t->raw);
        if (words_in(t->low, (const char *const[]){"never", "not", "vs", "versus", "compare",
                "compared", "why", "growth", "grow", "change", "percent", "percentage", "share",
                "ratio", "rate", "difference", "forecast", "predict", "without", NULL}))
            p->ambiguous = p->ambiguous ? p->ambiguous : AMB_UNSUPPORTED;
        else if (i > 0 && words_in(tk->t[i - 1].low, (const char *const[]){"by", "per", "each", NULL}))
            p->ambiguous = p->ambiguous ? p->ambiguous : AMB_GROUP;
    }
}

/* A column the question names must show up in the plan: as the measure, a
 * group, a filter, the time axis — or, in a list, be one of the listed
 * table's columns. Otherwise it counts as a word not understood. */
static void unplaced(ask_parse_t *p, const char *what)
{
    if (!p->unknown++)
        snprintf(p->unknown_word, sizeof p->unknown_word, "%s", what);
}

/* 1 when table t takes part in the plan: its base, or a table a measure,
 * group, filter or the time axis needs, or one on the join path there. */
static int table_in_plan(const ask_schema_t *s, const ask_q_t *q, int t)
{
    int base = q->kind == Q_LIST ? q->table : q->m.t;
    int need[2 + ASK_MAX_DIMS + ASK_MAX_FILTERS], n = 0, path[8];
    need[n++] = base;
    if (q->time.t >= 0 && (q->grain || q->date.kind))
        need[n++] = q->time.t;
    for (int i = 0; i < q->ndims; i++)
        need[n++] = q->dims[i].t;
    for (int i = 0; i < q->nf; i++)
        need[n++] = q->f[i].col.t;
    if (q->rel == t)
        return 1;
    for (int i = 0; i < n; i++) {
        if (need[i] == t)
            return 1;
        int len = base >= 0 && need[i] >= 0 ? sqlgen_path(s, base, need[i], path, 8) : -1;
        for (int k = 0; k < len; k++) {
            const ask_edge_t *e = &s->edges[path[k] > 0 ? path[k] - 1 : -path[k] - 1];
            if (e->from_t == t || e->to_t == t)
                return 1;
        }
    }
    /* a named table the joins pass through ("revenue from customers in
     * Germany"): the base reaches it many-to-one and it reaches a need */
    int hop[8], len = base >= 0 ? sqlgen_path(s, base, t, hop, 8) : -1;
    for (int k = 0; k < len; k++)
        if (hop[k] < 0)
            return 0;
    for (int i = 1; len >= 0 && i < n; i++)
        if (need[i] >= 0 && sqlgen_path(s, t, need[i], path, 8) >= 0)
            return 1;
    return 0;
}

static void count_unplaced(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++) {  /* "accounts with a loan": loan must take part */
        const ask_mention_t *m = &p->m[i];
        if (m->kind == PH_TABLE && m->role == R_NONE && !table_in_plan(s, &p->q, m->t))
            unplaced(p, s->tables[m->t].name);
    }
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int colish = m->kind == PH_COLUMN || (m->kind == PH_VOCAB && !s->vocab[m->v].is_metric);
        if (!colish || m->role != R_NONE || (m->t == p->q.time.t && m->c == p->q.time.c))
            continue;
        if (p->q.kind == Q_LIST && m->t == p->q.table && !m->nalt)
            continue;
        if (!p->unknown++) {
            buf_t b = {0};
            for (int k = m->pos; k < m->pos + m->len && k < tk->n; k++)
                buf_printf(&b, "%s%s", k > m->pos ? " " : "", tk->t[k].raw);
            snprintf(p->unknown_word, sizeof p->unknown_word, "%s", buf_str(&b));
            buf_free(&b);
        }
    }
}

/* "customers who ordered last month": count the distinct customer keys of
 * the orders table (whose date the period applies to), not customers. */
static void count_through(const ask_schema_t *s, ask_parse_t *p)
{
    if (p->q.m.kind != M_COUNT || p->q.ndims || p->q.grain)
        return;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int t = m->t, q, pr, tt, tc;
        if (m->kind == -1 && m->role == R_NONE)  /* "products sold": the sales facts */
            for (int k = 0; k < s->ntables; k++)
                if (lexicon_revenue_cols(s, k, &q, &pr) == 0)
                    t = k;
        if ((m->kind != PH_TABLE && m->kind != -1) || m->role != R_NONE || t < 0 ||
            t == p->q.m.t || lexicon_time_for(s, t, &tt, &tc) < 0)
            continue;
        for (int e = 0; e < s->nedges; e++)
            if (s->edges[e].from_t == t && s->edges[e].to_t == p->q.m.t) {
                p->q.m = (ask_measure_t){M_COUNT_DISTINCT, t, s->edges[e].from_c, -1};
                p->subject = t;
                return;
            }
    }
}

/* Two tables of the same name in two schemas ("public.rental" and
 * "legacy.rental"): the one in public, else ask. */
static void resolve_table(const ask_schema_t *s, ask_parse_t *p, ask_mention_t *m)
{
    if (m->kind != PH_TABLE || !m->nalt)
        return;
    int pick = -2;
    for (int k = -1; k < m->nalt; k++)
        if (!strcmp(s->tables[k < 0 ? m->t : m->alt[k].t].schema, "public"))
            pick = pick == -2 ? k : -3;
    if (pick >= -1) {
        if (pick >= 0)
            mention_take_alt(m, pick);
        m->nalt = 0;
    } else {
        set_ambiguous(p, AMB_TABLE, m);
    }
}

/* The table a verb names by its stem: "rented" → rental, "ordered" →
 * orders (four letters in common at least, and only one such table). */
static int verb_table(const ask_schema_t *s, const char *low)
{
    int found = -1, rank = 99;  /* one word before more, public before other schemas */
    size_t n = strlen(low);
    for (int t = 0; t < s->ntables && n >= 5; t++) {
        const char *w = s->tables[t].nw ? s->tables[t].w[0] : "";
        size_t k = 0;
        while (k < n && w[k] && w[k] == low[k])
            k++;
        if (k < 4 || k + 3 < n)  /* "rented"/"rental", "ordered"/"order" */
            continue;
        int r = (s->tables[t].nw > 1) * 2 + !!strcmp(s->tables[t].schema, "public");
        if (r < rank)
            found = t, rank = r;
        else if (r == rank)
            found = -2;  /* two equally good: not a guess we make */
    }
    return found >= 0 ? found : -1;
}

/* A flag column: a boolean, or text whose sampled values are all, in any
 * case, one of a pair (Y/N, yes/no, true/false, t/f, 1/0). Fills f with the
 * "yes" values as sampled ("Y", "y"); 0 when it is no flag. */
static int flag_filter(const ask_col_t *c, ask_filter_t *f)
{
    static const char *const pairs[][2] = {{"y", "n"}, {"yes", "no"}, {"true", "false"}, {"t", "f"},
                                           {"1", "0"}};
    if (c->kind == CK_BOOL) {
        f->vals[f->nvals++] = xstrdup("true");
        return 1;
    }
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        int ok = c->nsamples >= 2 && c->nsamples <= ASK_MAX_VALUES, yes = 0;
        for (int v = 0; v < c->nsamples && ok; v++) {
            yes += !strcasecmp(c->samples[v], pairs[k][0]);
            ok = !strcasecmp(c->samples[v], pairs[k][0]) || !strcasecmp(c->samples[v], pairs[k][1]);
        }
        if (!ok || !yes)
            continue;
        for (int v = 0; v < c->nsamples; v++)
            if (!strcasecmp(c->samples[v], pairs[k][0]))
                f->vals[f->nvals++] = xstrdup(c->samples[v]);
        return 1;
    }
    return 0;
}

/* "active airlines", "available products": a flag column named as an
 * adjective of the listed or counted table keeps the rows where it is set. */
static void apply_flags(const ask_schema_t *s, ask_parse_t *p)
{
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.kind == M_COUNT ? p->q.m.t : -1;
    for (int i = 0; i < p->nm && base >= 0 && p->q.nf < ASK_MAX_FILTERS; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_COLUMN || m->role != R_NONE || m->nalt || m->t != base)
            continue;
        ask_filter_t f = {.col = {m->t, m->c}, .op = OP_IN};
        if (!flag_filter(&s->tables[m->t].cols[m->c], &f))
            continue;
        m->role = R_FILTER;
        p->q.f[p->q.nf++] = f;
    }
}

/* 1 when m names a flag column of the table named right after it ("active
 * airlines"): the table is what to count, the flag a filter. */
static int flag_before_table(const ask_schema_t *s, const ask_parse_t *p, const ask_mention_t *m)
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

/* "films that were never rented", "airlines without any route", "accounts
 * with a loan": rows of the subject that have (no) rows of another table
 * belonging to them. */
static void apply_exists(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const neg[] = {"never", "no", "without", "not", NULL};
    int base = p->q.kind == Q_LIST ? p->q.table : p->q.m.t, path[6];
    if (base < 0 || (p->q.kind == Q_AGG && p->q.m.kind != M_COUNT))
        return;
    for (int i = 0; i < tk->n; i++) {
        int is_neg = words_in(tk->t[i].low, neg);
        if (tk->t[i].used || !(is_neg || words_at(tk, i, "with")))
            continue;
        int rel = -1, k;
        ask_mention_t *m = NULL;
        for (k = i + 1; k < tk->n && k <= i + 4 && rel < 0; k++) {
            for (int x = 0; x < p->nm && !m; x++)
                if (p->m[x].pos == k && p->m[x].kind == PH_TABLE && p->m[x].role == R_NONE)
                    m = &p->m[x];
            rel = m ? m->t : !tk->t[k].used && is_neg ? verb_table(s, tk->t[k].low) : -1;
            if (rel < 0 && !words_in(tk->t[k].low, (const char *const[]){"any", "a", "an", "been",
                    "ever", "be", "was", "were", "is", "are", "have", "has", "had", "in", "the",
                    "for", "to", "from", "on", "at", "yet", NULL}))
                break;
        }
        if (rel < 0 || rel == base || p->q.rel >= 0 || sqlgen_exists_path(s, rel, base, path, 6) < 1)
            continue;
        p->q.rel = rel;
        p->q.rel_not = is_neg;
        for (int u = i; u < k; u++)
            tk->t[u].used = 1;
        if (m)
            m->role = R_FILTER;
        return;
    }
}

void assemble_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p,
                   const ask_cmp_t *c, int nc)
{
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind != PH_VALUE) {
            resolve_table(s, p, &p->m[i]);
            resolve_alt(p, &p->m[i], -1);
        }
    apply_agg_cues(s, tk, p);
    apply_dim_cues(s, tk, p);
    for (int i = 0; i < nc; i++)
        apply_cmp(s, p, &c[i]);
    default_measure(s, tk, p);
    count_through(s, p);
    if (p->q.m.t >= 0 && p->subject < 0)
        p->subject = p->q.m.t;
    if (p->q.kind == Q_LIST && p->want_price) {
        for (int k = 0; k < s->tables[p->q.table].ncols && p->q.m.c < 0; k++)
            if (lexicon_col_is_money(&s->tables[p->q.table].cols[k]))
                p->q.m = (ask_measure_t){M_NONE, p->q.table, k, -1};
        p->q.order = p->q.order ? p->q.order : 1;
    }
    apply_values(tk, s, p);
    apply_nulls(s, tk, p);
    apply_exists(s, tk, p);
    apply_flags(s, p);
    for (int i = 0; i < p->nm && p->q.nvia < 2; i++)  /* tables named but not measured */
        if (p->m[i].kind == PH_TABLE && p->m[i].role == R_NONE && p->m[i].t != p->q.m.t &&
            p->m[i].t != p->q.table)
            p->q.via[p->q.nvia++] = p->m[i].t;
    pick_time(s, p);
    if (p->order_conflict)
        set_ambiguous(p, AMB_ORDER, NULL);
    if ((p->top || p->popular) && !p->measure_set && p->q.kind != Q_LIST && p->nm)
        set_ambiguous(p, AMB_MEASURE, NULL);
    p->recognised = p->nm + nc + (p->q.date.kind != D_NONE) + (p->q.grain != G_NONE) + p->top;
    count_unknown(s, tk, p);
    count_unplaced(s, tk, p);
}
