/* filters_cmp.c — numeric and text comparisons ("over 100", "starting
 * with AIR") and the column each is about, and counts per entity
 * ("customers with more than 5 orders": HAVING) with the table the count
 * goes through. */
#include "ask/internal.h"
#include "core/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

/* The column a comparison is about: a numeric column named just before or
 * after it, else the one money column of the question's table — when the
 * words say money ("dollars", "cost less than") or say nothing after the
 * number. */
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
                                           .vals = {xstrdup(c->words[0] ? c->words : c->text)},
                                           .pos = c->pos};
}

/* "how many customers have more than 30 rentals": the table counted is
 * the entity whose rows the comparison keeps — the groups, counted again
 * outside them (q.per 2). */
static int counted_entity(const ask_parse_t *p, const ask_mention_t *m)
{
    return m->kind == PH_TABLE && m->role == R_MEASURE && p->q.kind == Q_AGG &&
           p->q.m.kind == M_COUNT && p->q.m.t == m->t && p->q.m.c < 0 && !p->q.ndims &&
           !p->q.grain && !p->q.share && !p->q.per;
}

/* Group by ent, count cnt's rows, keep the groups the comparison holds for. */
static int having_set(const ask_schema_t *s, ask_parse_t *p, const ask_cmp_t *c,
                      ask_mention_t *ent, ask_mention_t *cnt, int kept)
{
    int outer = counted_entity(p, ent);
    if (outer)
        p->measure_set = 0, ent->role = R_NONE;
    if (p->measure_set || p->q.ndims > (ent->role == R_DIM ? ASK_MAX_DIMS : 0))
        return 0;
    p->q.per = outer ? 2 : p->q.per;
    if (ent->role != R_DIM)
        roles_make_dim(s, p, ent);
    cnt->role = R_MEASURE;
    p->measure_set = 1;
    p->q.m = kept >= 0 ? (ask_measure_t){M_SUM, cnt->t, kept, -1, 0}  /* monthly_downloads.downloads */
                       : (ask_measure_t){M_COUNT, cnt->t, -1, -1, 0};
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
    for (int i = 1; i < p->nm; i++) {  /* "countries with more than 10 languages" */
        ask_mention_t *m = &p->m[i];
        if (m->kind != PH_COLUMN || m->pos <= c->pos || m->pos > (c->num_at ? c->num_at : c->pos) + 2 ||
            paths_edges(s, m->t, p->m[0].t) != 1)
            continue;
        if (roles_key_item(s, m))  /* countrylanguage(countrycode, language): its rows */
            return m;
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
    size_t n = strlen(c->name);  /* constituency_number: which one it is, not how many */
    for (int k = 0; c->nw >= 2 && k < 4; k++) {
        const char *tail = (const char *const[]){"_number", "_no", "_num", "_nb"}[k];
        size_t m = strlen(tail);
        if (n > m + 1 && !strcasecmp(c->name + n - m, tail) && tolower((unsigned char)c->name[n - m - 1]) != 's')
            return 0;
    }
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

/* A quantity of units (quantity, units_sold) — not a count of something
 * else (ratings_count: counts_of says when that is the rows' own). */
static int units_of(const ask_col_t *c)
{
    return lexicon_col_is_numeric(c) && lexicon_col_has_word(c, (const char *const[]){"quantity", NULL});
}

/* 1 when quantity column c counts what was sold (units_sold) and the
 * question sells nothing: "publishers with more than 100 books" are
 * titles, not copies. */
static int sales_figure(const ask_toks_t *tk, const ask_col_t *c)
{
    if (!lexicon_col_has_word(c, (const char *const[]){"sold", "sale", NULL}))
        return 0;
    for (int i = 0; i < tk->n; i++)
        if (words_in(tk->t[i].low, (const char *const[]){"sold", "sell", "sells", "selling", "sale", "sales", NULL}))
            return 0;
    return 1;
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
        if (entity && m->pos < c->pos && (m->role == R_NONE || m->role == R_DIM ||
                                          counted_entity(p, m)))
            ent = m;
    }
    if (ent && cnt && ent->kind == PH_COLUMN)
        roles_resolve_alt(p, ent, cnt->t);
    /* "packages with more than 10,000 downloads" of monthly_downloads: its
     * downloads, added up — not its rows */
    int kept = cnt ? nouns_own_amount(s, tk, p, cnt->t) : -1;
    kept = cnt && kept == nouns_own_count(&s->tables[cnt->t]) ? kept : -1;
    if (ent && cnt && ent->kind == PH_COLUMN && !ent->nalt && ent->t == cnt->t)  /* grouped in the counted table */
        return having_set(s, p, c, ent, cnt, kept);
    if (ent && ent->kind == PH_COLUMN)
        return 0;
    int path[6], len = ent && cnt && ent->t != cnt->t ? paths_find(s, cnt->t, ent->t, path, 6) : -1;
    if (len < 1 || (p->measure_set && !counted_entity(p, ent)) ||
        p->q.ndims > (ent && ent->role == R_DIM ? ASK_MAX_DIMS : 0))
        return 0;
    /* each counted row belongs to one entity (every hop many-to-one), or the
     * two meet in a link table (film ← film_actor → actor) — never through a
     * table both merely point at (client → district ← account) */
    int link = len == 2 && path[0] < 0 && path[1] > 0;
    for (int k = 0; k < len && !link; k++)
        if (path[k] < 0)
            return 0;
    for (int k = 0; kept < 0 && k < s->tables[cnt->t].ncols; k++)  /* "more than 5 items": lines or units? */
        if ((units_of(&s->tables[cnt->t].cols[k]) && !sales_figure(tk, &s->tables[cnt->t].cols[k])) ||
            counts_of(&s->tables[cnt->t].cols[k], &s->tables[cnt->t])) {
            roles_set_ambiguous(p, AMB_MEASURE, NULL);
            return 1;
        }
    if (!having_set(s, p, c, ent, cnt, kept))
        return 0;
    having_verb(s, tk, c, ent->t, cnt->t);
    for (int i = 0; i < p->nm; i++)  /* the verb that named the counted table too */
        if (p->m[i].kind == PH_TABLE && p->m[i].t == cnt->t && p->m[i].role == R_NONE)
            p->m[i].role = R_MEASURE;
    return 1;
}

/* "calls longer than 3 minutes" of duration_sec: the number in the
 * column's unit (180). A column that states no unit is taken in minutes
 * (a film's runtime); asked of hours or seconds then (-1). */
static double unit_scale(const ask_col_t *col, double unit)
{
    static const struct { const char *w; double secs; } units[] = {{"sec", 1}, {"secs", 1},
        {"second", 1}, {"min", 60}, {"mins", 60}, {"minute", 60}, {"hour", 3600}, {"hr", 3600},
        {"hrs", 3600}, {"day", 86400}, {"ms", 0.001}};
    for (size_t k = 0; k < sizeof units / sizeof *units; k++)
        if (lexicon_col_has_word(col, (const char *const[]){units[k].w, NULL}))
            return unit / units[k].secs;
    return unit == 60 ? 1 : -1;
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

/* "fewer than 10 units in stock": the stock column said after "in", the
 * unit word between it and the number placed with it. NULL when not so. */
static ask_mention_t *stock_counted(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p,
                                   const ask_cmp_t *c)
{
    static const char *const stock[] = {"stock", "inventory", NULL};
    if (!c->num_at)
        return NULL;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        int gap = m->pos - c->num_at;
        if (m->kind != PH_COLUMN || m->role != R_NONE || m->nalt || gap < 2 || gap > 3 ||
            !words_at(tk, m->pos - 1, "in") || !lexicon_col_has_word(&s->tables[m->t].cols[m->c], stock) ||
            (gap == 3 && !words_in(tk->t[c->num_at + 1].low, filters_unit_words)))
            continue;
        for (int k = 0; k < p->nm; k++)  /* "units" read as a quantity column: the same words */
            if (p->m[k].pos == c->num_at + 1 && gap == 3)
                p->m[k].role = R_CMP;
        for (int k = c->num_at + 1; k < m->pos; k++)
            tk->t[k].used = 1;
        return m;
    }
    return NULL;
}

/* The range a numeric comparison allows: [*lo, *hi]; 0 for other ops. */
static int cmp_range(const ask_filter_t *f, double *lo, double *hi)
{
    *lo = -1e300, *hi = 1e300;
    switch (f->op) {
    case OP_GT: case OP_GE: *lo = f->num[0]; return 1;
    case OP_LT: case OP_LE: *hi = f->num[0]; return 1;
    case OP_BETWEEN: *lo = f->num[0], *hi = f->num[1]; return 1;
    default: return 0;
    }
}

/* "more than 800 in stock and cost less than 100" read as price > 800 and
 * price < 100: two comparisons of one column no row can meet — one of
 * them was meant for another column. */
static int cmp_disjoint(const ask_filter_t *a, const ask_filter_t *b)
{
    double alo, ahi, blo, bhi;
    if (!cmp_range(a, &alo, &ahi) || !cmp_range(b, &blo, &bhi))
        return 0;
    return alo >= bhi || blo >= ahi;
}

/* "job roles with an average monthly income above 10000": the measure said
 * right before the comparison, per group — the groups it holds for
 * (HAVING), not a column of the rows. */
static int having_on_measure(ask_parse_t *p, const ask_cmp_t *c)
{
    int kind = p->q.m.kind;
    if (!p->q.ndims || p->q.having || p->q.kind != Q_AGG ||
        (kind != M_AVG && kind != M_SUM && kind != M_MIN && kind != M_MAX))
        return 0;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].role == R_MEASURE && p->m[i].pos + p->m[i].len == c->pos) {
            p->q.having = c->op;
            p->q.hnum[0] = c->a, p->q.hnum[1] = c->b;
            return 1;
        }
    return 0;
}

/* The money column a bare number is compared with: the one of table t, or
 * of several the one named after the table ("invoices over 150":
 * invoice_total, not payment_total); -1 when none or no one. */
static int money_col(const ask_schema_t *s, int t)
{
    int one = roles_money_col(s, t), named = -1;
    if (one >= 0)
        return one;
    const ask_table_t *tb = &s->tables[t];
    for (int c = 0; c < tb->ncols; c++) {
        const ask_col_t *col = &tb->cols[c];
        int names = 0;
        for (int a = 0; a < col->nw && tb->nw; a++)
            names |= !strcmp(col->w[a], tb->w[tb->nw - 1]);
        if (lexicon_col_is_money(col) && !col->pk && names)
            named = named == -1 ? c : -2;
    }
    return named >= 0 ? named : -1;
}

/* "harvests over 10,000 kg" of quantity_kg, "between 3 and 5 alerts" of
 * alerts_count: the one numeric column of t with the word said right
 * after the number (read with it; "kg" is read as a unit already), or -1. */
static int unit_col(const ask_schema_t *s, ask_toks_t *tk, const ask_cmp_t *c, int t)
{
    int u = c->num_at + 1, found = -1;
    if (t < 0 || !c->num_at || u >= tk->n || tk->t[u].isnum || words_is_stop(tk->t[u].low))
        return -1;
    for (int k = 0; k < s->tables[t].ncols; k++) {
        const ask_col_t *col = &s->tables[t].cols[k];
        if (lexicon_col_is_numeric(col) && !col->pk && col->fk_table < 0 &&
            lexicon_col_has_word(col, (const char *const[]){tk->t[u].stem, NULL}))
            found = found == -1 ? k : -2;
    }
    if (found >= 0)
        tk->t[u].used = 1;
    return found >= 0 ? found : -1;
}

/* "players rated above 2400", "scored more than 30": the verb right before
 * the comparison names the one number column of t its root begins
 * (rating, score); that column, the verb used, or -1. */
static int verb_col(const ask_schema_t *s, ask_toks_t *tk, const ask_cmp_t *c, int t)
{
    int v = c->pos - 1, found = -1;
    for (int k = 0; t >= 0 && v >= 0 && !tk->t[v].used && k < s->tables[t].ncols; k++) {
        const ask_col_t *col = &s->tables[t].cols[k];
        if (lexicon_col_is_numeric(col) && !col->pk && col->fk_table < 0 &&
            lexicon_verb_names_col(tk->t[v].low, col))
            found = found == -1 ? k : -2;
    }
    if (found >= 0)
        tk->t[v].used = 1;
    return found >= 0 ? found : -1;
}

/* 1 when a word no rule read follows the comparison's number ("more than
 * 800 in stock"): it may name what is compared, so no money column is
 * assumed for it. */
static int words_after(const ask_toks_t *tk, const ask_cmp_t *c)
{
    for (int k = c->num_at + 1; c->num_at && k < tk->n && k <= c->num_at + 2; k++)
        if (!tk->t[k].used && !words_is_stop(tk->t[k].low) && !tk->t[k].isnum)
            return 1;
    return 0;
}

static void add_cmp_filter(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, const ask_cmp_t *c,
                           ask_colref_t col);

/* "5 million", "500k": a number said with its scale */
static int scaled(const ask_toks_t *tk, const ask_cmp_t *c)
{
    const char *raw = c->num_at ? tk->t[c->num_at].raw : "";
    size_t n = strlen(raw);
    return (n > 1 && (raw[n - 1] == 'k' || raw[n - 1] == 'K' || raw[n - 1] == 'm' || raw[n - 1] == 'M')) ||
           (c->num_at + 1 < tk->n && words_in(tk->t[c->num_at + 1].low, (const char *const[]){"million",
               "millions", "mn", "billion", "billions", "bn", "milion", NULL}));
}


void filters_apply_cmp(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, const ask_cmp_t *c)
{
    if (c->op >= OP_CONTAINS)
        return apply_text_cmp(s, p, c);
    if (apply_having(s, tk, p, c))
        return;
    for (int i = 0; i < p->nm; i++) {  /* "shared by more than one country", "made more than
                                          * 10 deposits" (a value): a count of rows not placed */
        if ((p->m[i].kind != PH_TABLE && p->m[i].kind != PH_VALUE) || !c->num_at || p->m[i].pos != c->num_at + 1)
            continue;
        int t = p->q.kind == Q_LIST ? p->q.table : p->q.m.t, k;
        if (p->m[i].kind == PH_TABLE || (k = unit_col(s, tk, c, t)) < 0)
            return roles_set_ambiguous(p, AMB_COMPARE, NULL);
        p->m[i].role = R_CMP;  /* "over 10,000 kg": quantity_kg, not a unit of measure 'kg' */
        return add_cmp_filter(s, tk, p, c, (ask_colref_t){t, k});
    }
    int kind = p->q.m.kind;  /* "with an average click rate over 0.28": of the average, not a row's */
    for (int i = 0; i < p->nm && (kind == M_AVG || kind == M_SUM); i++)
        if (p->m[i].role == R_MEASURE && p->m[i].kind == PH_COLUMN && p->m[i].pos + p->m[i].len == c->pos) {
            if (!having_on_measure(p, c))
                roles_set_ambiguous(p, AMB_COMPARE, NULL);
            return;
        }
    int vt = p->q.kind == Q_LIST ? p->q.table : p->q.m.t, vk;
    for (int i = 0; i < p->nm && vt < 0; i++)
        if (p->m[i].kind == PH_TABLE)
            vt = p->m[i].t;
    if (!c->money && !c->hint && (vk = verb_col(s, tk, c, vt)) >= 0)  /* "rated above 2400": rating */
        return add_cmp_filter(s, tk, p, c, (ask_colref_t){vt, vk});
    ask_mention_t *best = stock_counted(s, tk, p, c);
    for (int i = 0; i < p->nm && !best; i++) {
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
    if (!best && having_on_measure(p, c))
        return;
    ask_colref_t col = {-1, -1};
    if (best) {
        roles_resolve_alt(p, best, p->subject >= 0 ? p->subject : p->q.m.t);
        best->role = R_CMP;
        if (best->nalt)
            return roles_set_ambiguous(p, AMB_COLUMN, best);
        col = (ask_colref_t){best->t, best->c};
        /* "employees with more than one pay rate", "drivers with more than
         * 50 points" where the column is the related rows': how many such
         * rows, their sum, or one row's value? A number said right before
         * another table's column asks. */
        int subject = p->subject >= 0 ? p->subject : p->q.kind == Q_LIST ? p->q.table : p->q.m.t;
        if (c->num_at && best->pos > c->num_at && best->pos <= c->num_at + 2 && subject >= 0 &&
            col.t != subject)
            return roles_set_ambiguous(p, AMB_COMPARE, NULL);
    } else if (c->hint) {
        col = hinted_column(s, p, c->hint);
    } else {
        int t = p->q.m.t;
        for (int i = 0; i < p->nm && t < 0; i++)
            if (p->m[i].kind == PH_TABLE)
                t = p->m[i].t;
        int k = c->money ? -1 : unit_col(s, tk, c, t);  /* "over 20 km": distance_km */
        if (k < 0 && t >= 0 && (c->money || !words_after(tk, c)))
            k = money_col(s, t);
        /* "cities over 5 million": of people, with no money */
        if (k < 0 && t >= 0 && !c->money && !words_after(tk, c) && c->a >= 100000 && scaled(tk, c) &&
            lexicon_people_col(&s->tables[t]) >= 0)
            k = lexicon_people_col(&s->tables[t]);
        /* "teachers over 50": of people with no money, their one age (in whole years) */
        if (k < 0 && t >= 0 && !c->money && !words_after(tk, c) && c->a > 0 && c->a <= 120 &&
            c->b <= 120 && c->a == (long)c->a && c->b == (long)c->b)
            k = ranking_age_col(s, t);
        if (k >= 0)  /* of price and list_price, neither */
            col = (ask_colref_t){t, k};
        if (k >= 0 && c->price_verb)  /* "cost" said of the price, not a column's name */
            tk->t[c->price_verb - 1].used = 1;
    }
    add_cmp_filter(s, tk, p, c, col);
}

/* 1 when the number counts what the column's first word names, and the
 * column holds another unit: "flew more than 5 missions" of mission_hours
 * (missions counted, not hours); "worked more than 95 hours" of
 * hours_worked is its own unit. */
static int counts_other_things(const ask_toks_t *tk, const ask_cmp_t *c, const ask_col_t *col)
{
    static const char *const units[] = {"hour", "minute", "second", "day", "week", "month", "year", "km",
        "mile", "meter", "metre", "ton", "tonne", "kg", "pound", "dollar", "usd", "eur", "percent", "pct",
        "rate", "length", "weight", "amount", NULL};  /* not "count": alert_count counts alerts */
    int at = c->num_at + 1;
    return c->num_at && at < tk->n && col->nw >= 2 && !strcmp(tk->t[at].stem, col->w[0]) &&
           words_is_plural(tk->t[at].low) && words_in(col->w[col->nw - 1], units);
}

/* The comparison as a filter on col, in the column's unit; asked when it
 * is no number or contradicts another on the same column. */
static void add_cmp_filter(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, const ask_cmp_t *c,
                           ask_colref_t col)
{
    if (col.t < 0 || !lexicon_col_is_numeric(&s->tables[col.t].cols[col.c]))
        return roles_set_ambiguous(p, AMB_COMPARE, NULL);
    /* "numbers drawn more than 175 times": how often, counted — never a
     * row's value, unless the column keeps that count (times_ordered) */
    int times = times_after(tk, c);
    if (times >= 0 &&
        !lexicon_col_has_word(&s->tables[col.t].cols[col.c], (const char *const[]){"times", "count", NULL}))
        return roles_not_understood(tk, p, times, times + 1);
    if (counts_other_things(tk, c, &s->tables[col.t].cols[col.c]))
        return roles_not_understood(tk, p, c->num_at + 1, c->num_at + 2);
    double scale = c->unit > 0 ? unit_scale(&s->tables[col.t].cols[col.c], c->unit) : 1;
    if (scale <= 0)  /* "longer than 2 hours" of a runtime in no stated unit: "hours" */
        return roles_not_understood(tk, p, c->num_at + 1, c->num_at + 2);
    for (int i = 0; i < p->nm; i++)  /* "books sold more than 50,000 units": units_sold's verb */
        if (p->m[i].kind == -1 && p->m[i].v == 1 && p->m[i].pos == c->pos - 1 &&
            lexicon_col_has_word(&s->tables[col.t].cols[col.c], (const char *const[]){"sale", NULL}))
            p->m[i].role = R_CMP;
    for (int i = 0; c->num_at && i < p->nm; i++)  /* "worked more than 95 hours": hours_worked named again */
        if (p->m[i].kind == PH_COLUMN && p->m[i].role == R_NONE && p->m[i].pos == c->num_at + 1 &&
            p->m[i].t == col.t && p->m[i].c == col.c && !p->m[i].nalt)
            p->m[i].role = R_CMP;
    ask_filter_t f = {.col = col, .op = c->op, .num = {c->a * scale, c->b * scale}, .pos = c->pos};
    for (int i = 0; i < p->q.nf; i++)
        if (p->q.f[i].col.t == col.t && p->q.f[i].col.c == col.c && cmp_disjoint(&p->q.f[i], &f))
            return roles_set_ambiguous(p, AMB_COMPARE, NULL);
    if (p->q.nf < ASK_MAX_FILTERS)
        p->q.f[p->q.nf++] = f;
}

/* "permits in ward 3", "schools in district 5": a whole-number column
 * named right after "in" / "at" / "for" and followed by a number is that
 * number — a code, not an amount (no money, no quantity, no date). */
void filters_apply_numbered(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        int n = m->pos + m->len;
        if (m->kind != PH_COLUMN || m->role != R_NONE || m->nalt || n >= tk->n || !tk->t[n].isnum ||
            tk->t[n].used || fabs(tk->t[n].num) > 1e15 || tk->t[n].num != (long)tk->t[n].num || m->pos == 0 ||
            !words_in(tk->t[m->pos - 1].low, (const char *const[]){"in", "at", "for", "from", "of", NULL}))
            continue;
        const ask_col_t *c = &s->tables[m->t].cols[m->c];
        if (c->kind != CK_INT || c->pk || c->fk_table >= 0 || lexicon_col_is_money(c) || lexicon_col_is_qty(c) ||
            lexicon_col_is_time(c) || lexicon_col_is_year(c) || p->q.nf >= ASK_MAX_FILTERS)
            continue;
        m->role = R_FILTER;
        tk->t[n].used = 1;
        p->q.f[p->q.nf++] = (ask_filter_t){.col = {m->t, m->c}, .op = OP_BETWEEN,
                                           .num = {tk->t[n].num, tk->t[n].num}, .pos = m->pos};
    }
}
