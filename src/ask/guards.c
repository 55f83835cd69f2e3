/* guards.c — readings a plan must not take in silence, checked once the
 * plan is assembled: a value said after "by" whose first word names a
 * column ("crashes by weather condition"), a value right before another
 * column's noun that is also a column's first word ("cargo types"), both
 * asked; a grouping by a table whose label most rows share, made each
 * row's ("food listings that got more than one claim": the key beside the
 * name); "top 10 by rank", rank 1 first; a who- or what-does question the
 * named row cannot answer, asked; a count of the one row a unique name
 * names, asked. */
#include "ask/internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* "crashes by weather condition": the value 'Weather Conditions' of
 * environment_factor, or a grouping by the weather column its first word
 * names? Asked, naming both. */
void guards_by_value(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, const ask_mention_t *v)
{
    const ask_table_t *t = &s->tables[v->t];
    for (int c = 0; v->len >= 2 && c < t->ncols; c++)
        if (c != v->c && t->cols[c].nw && !strcmp(t->cols[c].w[0], tk->t[v->pos].stem) && !t->cols[c].pk) {
            p->amb[0] = (ask_colref_t){v->t, v->c}, p->amb[1] = (ask_colref_t){v->t, c}, p->namb = 2;
            p->ambiguous = p->ambiguous ? p->ambiguous : AMB_COLUMN;
            return;
        }
}

/* "top 3 cargo types by tonnage" where 'Cargo' is a value of ballast_cargo_bc
 * and cargo_desc a column: "types" of the cargo rows, or the cargo's own
 * kinds? A one-word value that is the first word of another column of its
 * table, said right before a column noun, asks, naming both columns. */
static void value_or_kind(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i + 1 < p->nm; i++) {
        const ask_mention_t *v = &p->m[i], *n = &p->m[i + 1];
        if (v->kind != PH_VALUE || v->len != 1 || v->nalt || n->kind != PH_COLUMN ||
            n->pos != v->pos + 1 || n->t != v->t || n->c == v->c)
            continue;
        const ask_table_t *t = &s->tables[v->t];
        for (int c = 0; c < t->ncols; c++)
            if (c != v->c && c != n->c && t->cols[c].nw > 1 && !strcmp(t->cols[c].w[0], tk->t[v->pos].stem)) {
                p->amb[0] = (ask_colref_t){n->t, n->c}, p->amb[1] = (ask_colref_t){v->t, c}, p->namb = 2;
                p->ambiguous = p->ambiguous ? p->ambiguous : AMB_COLUMN;
                return;
            }
    }
}

/* "food listings that got more than one claim": the related rows counted
 * per listing named as a table, whose label most listings share ("Rice"),
 * are each listing's — its key beside the name — not each name's. Where
 * that label is the table's noun, generations.generation names the rows;
 * a street_name most of 4,952 streets share does not say which a street
 * is (name, name and type, each segment): asked. */
static void each_row(const ask_schema_t *s, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    int t = q->ndims == 1 ? q->dims[0].t : -1;
    if (t < 0 || q->kind != Q_AGG || q->grain || q->m.t == t || q->dims[0].c != s->tables[t].label ||
        s->tables[t].pk < 0 || !lexicon_label_is_category(&s->tables[t]))
        return;
    const ask_table_t *tb = &s->tables[t];  /* generations.generation: the table's noun is its label */
    if (!tb->nw || !strcmp(tb->cols[tb->label].w[0], tb->w[tb->nw - 1])) {
        for (int i = 0; i < p->nm && tb->cols[tb->label].nw > 1; i++)  /* 4,952 streets, 886 */
            if (p->m[i].role == R_DIM && p->m[i].t == t && p->m[i].len < tb->cols[tb->label].nw) {
                roles_set_ambiguous(p, AMB_NAMES, NULL);  /* street_names: which is "a street"? */
                p->amb[0] = (ask_colref_t){t, tb->label}, p->namb = 1;
                break;  /* "by street name" said it */
            }
        return;
    }
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].role == R_DIM && p->m[i].t == t) {
            q->dims[q->ndims++] = (ask_colref_t){t, s->tables[t].pk};
            return;
        }
}

/* "top 10 games by BGG rank": a rank, a place or a seed counts down — the
 * best is 1. "Top", "best" and "first" take the smallest first, "bottom"
 * and "worst" the largest; "highest rank" could mean either, so it asks. */
static void rank_order(const ask_schema_t *s, ask_parse_t *p)
{
    static const char *const ranks[] = {"rank", "ranking", "place", "seed", "standing", NULL};
    ask_q_t *q = &p->q;
    if (!q->order || q->m.t < 0 || q->m.c < 0 || p->order_only)
        return;
    const ask_col_t *c = &s->tables[q->m.t].cols[q->m.c];
    if (!c->nw || !lexicon_col_is_numeric(c) || !words_in(c->w[c->nw - 1], ranks))
        return;
    char w[32];
    snprintf(w, sizeof w, "%s", p->order_word);
    for (char *k = w; *k; k++)
        *k = (char)tolower((unsigned char)*k);
    if (words_in(w, (const char *const[]){"top", "best", "first", NULL}))
        q->order = -1;
    else if (words_in(w, (const char *const[]){"bottom", "worst", NULL}))
        q->order = 1;
    else
        p->ambiguous = p->ambiguous ? p->ambiguous : AMB_RANK;
}

/* 1 when a column of the listed table other than a date may answer the
 * "who": one the verb names ("who directed Narcos": director) or one the
 * question names ("who is the head of state of Norway") — placed later. */
static int who_column(const ask_schema_t *s, const ask_toks_t *tk, const ask_parse_t *p)
{
    int t = p->q.table;
    const ask_table_t *tb = &s->tables[t];
    for (int c = 0; t >= 0 && c < tb->ncols; c++)
        if (!lexicon_col_is_time(&tb->cols[c]) && !lexicon_col_is_year(&tb->cols[c]) &&
            lexicon_verb_names_col(tk->t[1].low, &tb->cols[c]))
            return 1;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->kind == PH_COLUMN && m->t == t &&
            !lexicon_col_is_time(&tb->cols[m->c]) && !lexicon_col_is_year(&tb->cols[m->c]))
            return 1;
    }
    return 0;
}

/* "who published Ark Nova?" answered by the Ark Nova row itself, every
 * column of it: a who-question the row cannot answer. "What does the
 * ability levitate do?": what a thing does is not among its columns. Both
 * ask, naming the verb. */
static void who_what(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->kind == Q_LIST && !q->nshow && tk->n > 2 && words_at(tk, 0, "who") && !who_column(s, tk, p))
        for (int i = 0; i < q->nf; i++)
            if (q->f[i].col.t == q->table && q->f[i].col.c == s->tables[q->table].label && q->f[i].op == OP_IN)
                return roles_not_understood(tk, p, 1, 2);
    if (tk->n > 3 && words_at(tk, 0, "what") && words_in(tk->t[1].low, (const char *const[]){"does",
            "do", "did", NULL}) && words_at(tk, tk->n - 1, "do"))
        roles_not_understood(tk, p, tk->n - 1, tk->n);
}

/* "what share of sales value is from tier A stores": Total_Value grouped
 * on, as if each amount were a kind. A money column is a group only when
 * the question says so ("revenue by price", "per unit price"). */
static void money_group(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        if (m->role != R_DIM || m->kind != PH_COLUMN || !lexicon_col_is_money(&s->tables[m->t].cols[m->c]))
            continue;
        int k = m->pos - 1 - (m->pos >= 2 && words_in(tk->t[m->pos - 1].low, (const char *const[]){"the",
                                  "its", "their", "unit", NULL}));
        if (k < 0 || !words_in(tk->t[k].low, (const char *const[]){"by", "per", "each", "every", NULL}))
            return roles_set_ambiguous(p, AMB_MEASURE, NULL);
    }
}

/* "how many mongoose lemurs are there" counted in species, whose
 * common_name names each row once: the count is 1 by construction. The
 * rows that point at that species (its animals) are meant more likely —
 * asked, since the question did not name them. */
static void counts_one_name(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    int t = q->m.t;
    if (q->kind != Q_AGG || q->m.kind != M_COUNT || q->m.c >= 0 || t < 0 || q->ndims || q->grain ||
        q->nf != 1 || q->f[0].col.t != t || q->f[0].col.c != s->tables[t].label || q->f[0].op != OP_IN ||
        q->f[0].nvals != 1)
        return;
    const ask_col_t *lab = &s->tables[t].cols[s->tables[t].label];
    if (!(lab->n_distinct == -1 || (s->tables[t].rows > 0 && lab->n_distinct >= 0.95 * s->tables[t].rows)))
        return;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].t == t)
            return;  /* "how many species are called …": asked for */
    for (int k = 0; k < s->nedges; k++)
        if (s->edges[k].to_t == t && s->edges[k].from_t != t)
            return roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* "which states had a tornado in every year from 2008 to 2020", "stores
 * that sold something in each month of 2017": rows present in every
 * period — a universal, not a grouping by the period beside the rows.
 * Asked ("in every year"), never read as a count per year. */
static void every_period(const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const grains[] = {"year", "month", "week", "day", "quarter", "season", NULL};
    if (!p->q.grain || (!p->q.ndims && p->q.kind != Q_LIST))
        return;
    for (int i = 1; i + 1 < tk->n; i++)
        if (words_in(tk->t[i - 1].low, (const char *const[]){"in", "for", "during", NULL}) &&
            words_in(tk->t[i].low, (const char *const[]){"every", "each", NULL}) &&
            words_in(tk->t[i + 1].low, grains) &&
            words_in(tk->t[0].low, (const char *const[]){"which", "what", "list", "name", "show", NULL})) {
            snprintf(p->unknown_word, sizeof p->unknown_word, "%s %s %s", tk->t[i - 1].low, tk->t[i].low,
                     tk->t[i + 1].low);
            roles_set_ambiguous(p, AMB_UNSUPPORTED, NULL);
            return;
        }
}

/* "which highway has the best bridges": best and worst judge, they do
 * not count — rows counted for them is a guess at the measure ("the most
 * bridges" counts; "best-selling" sells). */
static void best_counted(const ask_toks_t *tk, ask_parse_t *p)
{
    int i = p->order_at - 1;
    if (i < 0 || p->q.m.kind != M_COUNT || p->q.m.c >= 0 ||
        !words_in(tk->t[i].low, (const char *const[]){"best", "worst", NULL}) ||
        (i + 1 < tk->n && !strncmp(tk->t[i + 1].low, "sell", 4)))
        return;
    roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* Rows counted where the rows are no things to count: "the jail
 * population at its highest" per day of daily_population (one row a
 * day: every count is 1), "Nigeria's vaccine coverage each year" of
 * vaccine_coverage (its noun's word is mcv1_coverage's: a number kept,
 * not rows), "the total production" of mine_production (production_short_tons).
 * Asked: which number. */
static void rows_no_things(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || q->m.kind != M_COUNT || q->m.c >= 0 || q->m.t < 0)
        return;
    const ask_table_t *t = &s->tables[q->m.t];
    if (q->grain == G_DAY && q->time.t == q->m.t && q->time.c >= 0 && q->time.c == t->pk &&
        t->cols[q->time.c].kind == CK_DATE)  /* a day is the row's key: one row a day */
        return roles_set_ambiguous(p, AMB_MEASURE, NULL);
    const char *noun = t->nw ? t->w[t->nw - 1] : "";
    int said = 0, total = 0;  /* "the total production" of mine_production: production_short_tons */
    for (int i = 0; i < tk->n; i++) {
        said |= !strcmp(tk->t[i].stem, noun);
        total |= !strcmp(tk->t[i].stem, noun) && i > 0 && words_at(tk, i - 1, "total");
    }
    for (int c = 0; said && t->nw > 1 && c < t->ncols; c++) {
        const ask_col_t *col = &t->cols[c];
        if (c != t->pk && col->fk_table < 0 && col->nw > 1 && lexicon_col_is_numeric(col) &&
            (!strcmp(col->w[col->nw - 1], noun) || (total && !strcmp(col->w[0], noun))))
            return roles_set_ambiguous(p, AMB_MEASURE, NULL);
    }
}

/* "which team had the best season": a year (team_seasons.season 1917 …
 * 2017) is when, never an amount — summed it answers nothing ("the average
 * year built" is a year). Asked: which number makes a season good. */
static void year_summed(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_measure_t *m = &p->q.m;
    if (m->kind == M_SUM && m->t >= 0 && m->c >= 0 &&
        lexicon_col_is_year(&s->tables[m->t].cols[m->c]))
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* "how many rounds did a player play per tournament entry": an entry,
 * record or row of the table is each row — per row, no grouping by the
 * tournament. Asked, not grouped. */
static void per_row_said(const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const rows[] = {"entry", "entries", "record", "records", "row", "rows", NULL};
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int end = m->pos + m->len;
        if (m->role == R_DIM && m->pos > 0 && end < tk->n && words_in(tk->t[end].low, rows) &&
            words_in(tk->t[m->pos - 1].low, (const char *const[]){"per", "each", "every", NULL})) {
            snprintf(p->unknown_word, sizeof p->unknown_word, "%s %s", tk->t[end - 1].raw, tk->t[end].raw);
            return roles_set_ambiguous(p, AMB_GROUP, NULL);
        }
    }
}

/* "the most common genus in the Posidonia Shale": genus is the taxa's, the
 * shale is reached through their occurrences — common among the taxa
 * (count DISTINCT taxon_id), or among the finds (occurrences)? Asked. */
static void common_through_many(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (!p->common_at || q->m.kind != M_COUNT || q->m.c >= 0 || q->m.t < 0)
        return;
    for (int i = 0; i < q->nf; i++)
        if (q->f[i].col.t != q->m.t && paths_fans_out(s, q->m.t, q->f[i].col.t))
            return roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* "how many Falls calls were at the Bravo level": "calls" names call_types
 * by its first word, not its noun (types) — a list of kinds that other rows
 * point at (incidents). Counted, it counts kinds, where the question counts
 * the calls themselves. Asked. */
static void kinds_counted(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const kinds[] = {"type", "category", "kind", "class", "group", "status", NULL};
    const ask_q_t *q = &p->q;
    if (q->m.kind != M_COUNT || q->m.c >= 0 || q->m.t < 0)
        return;
    const ask_table_t *t = &s->tables[q->m.t];
    if (t->nw < 2 || !words_in(t->w[t->nw - 1], kinds) || !paths_pointed_at(s, q->m.t))
        return;
    int first = 0;
    for (int i = 0; i < tk->n; i++) {
        if (!strcmp(tk->t[i].stem, t->w[t->nw - 1]))
            return;  /* "how many call types": the kinds themselves */
        first |= !strcmp(tk->t[i].stem, t->w[0]);
    }
    if (first)
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* "how many steamships were wrecked" of wrecks: the value 'Wrecked' (a
 * cause of loss) is the rows' own noun — every row is a wreck. A filter,
 * or all of them? Asked. */
static void value_names_rows(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    int t = q->kind == Q_LIST ? q->table : q->m.t;
    if (t < 0 || !s->tables[t].nw || p->ambiguous)
        return;
    const char *noun = s->tables[t].w[s->tables[t].nw - 1];
    size_t n = strlen(noun);
    for (int i = 0; i < q->nf; i++) {
        const ask_filter_t *f = &q->f[i];
        if (f->op != OP_IN || f->nvals != 1 || n < 4 || strncasecmp(f->vals[0], noun, n) ||
            strlen(f->vals[0]) > n + 3 || strchr(f->vals[0], ' '))
            continue;
        snprintf(p->unknown_word, sizeof p->unknown_word, "%s", f->vals[0]);
        roles_set_ambiguous(p, AMB_ROW_NOUN, NULL);
        p->amb[0] = f->col, p->amb[1] = (ask_colref_t){t, -1}, p->namb = 2;
        return;
    }
}

/* "what is the status of each Vogtle unit": a status is read per unit, not
 * counted — reactor_statuses counted per unit is 1 each. A table said only
 * in the singular, counted per group with no word that counts or ranks,
 * asks. */
static void singular_counted(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const counts[] = {"many", "number", "numbers", "count", "counts", "counted",
        "total", "totals", "much", "often", "frequency", "tally", "more", "fewer", "less", "least", "than",
        "once", "twice", "times", "rate", "percentage", "percent", "share", "proportion", "ratio", NULL};
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || q->m.kind != M_COUNT || q->m.c >= 0 || q->m.t < 0 || !q->ndims ||
        q->order || p->top || !s->tables[q->m.t].nw)
        return;
    const char *noun = s->tables[q->m.t].w[s->tables[q->m.t].nw - 1];
    int singular = 0;
    for (int i = 0; i < tk->n; i++) {
        if (words_in(tk->t[i].low, counts) || tk->t[i].isnum)
            return;
        if (!strcmp(tk->t[i].stem, noun)) {
            if (words_is_plural(tk->t[i].low))
                return;
            singular = 1;
        }
    }
    if (singular)
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* 1 when the words of value v are those of boolean column c, bar a first
 * "has" or "is": 'Transit Timing Variations' and has_transit_timing_variations. */
static int value_is_flag(const char *v, const ask_col_t *c)
{
    if (c->kind != CK_BOOL)
        return 0;
    char **vw;
    int nv = words_ident(v, &vw), k = 0, same;
    if (c->nw && words_in(c->w[0], (const char *const[]){"has", "is", "was", "with", NULL}))
        k = 1;  /* c->w: the column name's stems, read once at load */
    same = nv >= 2 && nv == c->nw - k;
    for (int i = 0; same && i < nv; i++)
        same = !strcmp(vw[i], c->w[i + k]);
    words_free_list(vw, nv);
    return same;
}

/* "what share of planets show transit timing variations": the discovery
 * method 'Transit Timing Variations', or the planets' own flag
 * has_transit_timing_variations? Asked which. */
static void value_or_flag(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    int t = q->kind == Q_LIST ? q->table : q->m.t;
    for (int i = 0; t >= 0 && i < q->nf && !p->ambiguous; i++) {
        if (q->f[i].op != OP_IN || q->f[i].nvals != 1)
            continue;
        for (int c = 0; c < s->tables[t].ncols; c++)
            if (value_is_flag(q->f[i].vals[0], &s->tables[t].cols[c])) {
                roles_set_ambiguous(p, AMB_COLUMN, NULL);
                p->amb[0] = q->f[i].col, p->amb[1] = (ask_colref_t){t, c}, p->namb = 2;
                return;
            }
    }
}

/* "which resorts have only surface lifts": every lift of the resort a
 * surface lift — not "a surface lift among them", which is what a filter
 * through the lifts keeps. The word is named and asked. */
static void only_through_many(const ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const have[] = {"have", "has", "had", "with", "use", "uses", "used", "contain",
        "contains", "sell", "sells", "offer", "offers", NULL};
    const ask_q_t *q = &p->q;
    int t = q->kind == Q_LIST ? q->table : q->m.t;
    for (int i = 1; t >= 0 && i + 1 < tk->n && !p->ambiguous; i++) {
        if (!words_at(tk, i, "only") || !(words_in(tk->t[i - 1].low, have) || words_in(tk->t[i + 1].low, have)))
            continue;
        for (int k = 0; k < q->nf; k++)
            if (q->f[k].col.t != t && q->f[k].pos > i && q->f[k].pos <= i + 4)
                return roles_not_understood(tk, p, i, i + 1);
    }
}

/* 1 when table t keeps a count of things in a column of its own
 * (resort_lifts.lift_count): its rows are not the things */
static int keeps_count(const ask_table_t *t)
{
    static const char *const counts[] = {"count", "number", "num", "qty", "quantity", NULL};
    for (int c = 0; c < t->ncols; c++)
        if (!t->cols[c].pk && t->cols[c].fk_table < 0 && lexicon_col_is_numeric(&t->cols[c]) &&
            lexicon_col_has_word(&t->cols[c], counts))
            return 1;
    return 0;
}

/* "how many fast quads are there in Utah" where 'Fast quad' is the unique
 * name of a row of lift_types: counting lift_types by that name is 1, and
 * counting resort_lifts, one row per resort and kind with its own
 * lift_count, is not the lifts either. A count of the kind's own table, or
 * of rows that keep a count, by a kind's name — the table never said —
 * asks what to count. */
static void lookup_counted_by_name(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    int t = q->m.t;
    if (q->kind != Q_AGG || q->ndims || q->grain || t < 0 || p->ambiguous ||
        (q->m.kind != M_COUNT && q->m.kind != M_COUNT_DISTINCT))
        return;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].t == t)
            return;
    for (int i = 0; i < q->nf; i++) {
        int l = q->f[i].col.t, used = 0;
        const ask_table_t *lt = &s->tables[l];
        if (q->f[i].op != OP_IN || lt->label < 0 || q->f[i].col.c != lt->label ||
            !(lt->cols[lt->label].n_distinct == -1 ||
              (lt->cols[lt->label].n_distinct > 0 && lt->cols[lt->label].n_distinct >= lt->rows)))
            continue;
        for (int e = 0; e < s->nedges; e++)
            used |= s->edges[e].to_t == l && (l != t || s->edges[e].from_t != t);
        if (used && (l == t || keeps_count(&s->tables[t])))
            return roles_set_ambiguous(p, AMB_MEASURE, NULL);
    }
}

/* "Ama Dablam expeditions with more than 20 members" where an expedition
 * keeps its own members column beside the members table: the number it
 * records, or its rows in members (hired staff among them)? A child
 * table's rows counted per a parent that holds a number named as the
 * table asks which. */
static void count_beside_own(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->ndims != 1 || q->m.t < 0 || q->m.t == q->dims[0].t || p->ambiguous ||
        (q->m.kind != M_COUNT && q->m.kind != M_COUNT_DISTINCT))
        return;
    const ask_table_t *e = &s->tables[q->dims[0].t];
    for (int c = 0; c < e->ncols; c++)
        if (!e->cols[c].pk && e->cols[c].fk_table < 0 && lexicon_col_is_numeric(&e->cols[c]) &&
            !strcasecmp(e->cols[c].name, s->tables[q->m.t].name))
            return roles_set_ambiguous(p, AMB_MEASURE, NULL);
}

/* "which physical branch had the highest circulation" grouped by the flag
 * physical_branch: true or false, not a branch. A flag named as its own
 * rows ("… branch" of branches) is a kind of them, never a group to rank:
 * asked. */
static void flag_grouped(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    for (int i = 0; i < q->ndims && !p->ambiguous; i++) {
        const ask_table_t *t = &s->tables[q->dims[i].t];
        const ask_col_t *c = &t->cols[q->dims[i].c];
        if (c->kind == CK_BOOL && c->nw >= 2 && t->nw && !strcmp(c->w[c->nw - 1], t->w[t->nw - 1])) {
            roles_set_ambiguous(p, AMB_COLUMN, NULL);  /* named: the flag, or the rows' name */
            p->amb[0] = q->dims[i], p->namb = 1;
            if (t->label >= 0 && t->label != q->dims[i].c)
                p->amb[p->namb++] = (ask_colref_t){q->dims[i].t, t->label};
            return;
        }
    }
}

/* "how many months of ridership data are there" of monthly_ridership, one
 * row per station and month: its rows are no months. Of one entity ("how
 * many weeks of Rent", "months of downloads does limma have") or per
 * entity ("for each route") they are; with neither, asked. */
static void periods_of_rows(const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->kind != Q_AGG || q->m.kind != M_COUNT || q->nf || q->ndims || q->grain || p->ambiguous ||
        q->rel >= 0)  /* "months of rates": the months that have rates */
        return;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        int e = m->pos + m->len, g = grammar_grain_parse(tk->t[e - 1].stem);
        if (m->kind == PH_TABLE && m->t == q->m.t && g > G_NONE && g != G_DOW && words_at(tk, e, "of"))
            return roles_set_ambiguous(p, AMB_MEASURE, NULL);
    }
}

/* The checks made once the plan is assembled. */
void guards_plan(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    each_row(s, p);
    value_or_kind(s, tk, p);
    rank_order(s, p);
    who_what(s, tk, p);
    money_group(s, tk, p);
    counts_one_name(s, p);
    periods_check(tk, p);
    every_period(tk, p);
    best_counted(tk, p);
    rows_no_things(s, tk, p);
    year_summed(s, p);
    per_row_said(tk, p);
    common_through_many(s, p);
    kinds_counted(s, tk, p);
    value_names_rows(s, p);
    singular_counted(s, tk, p);
    guards_singular_amount(s, tk, p);
    guards_money_rows_compared(s, tk, p);
    value_or_flag(s, p);
    only_through_many(tk, p);
    lookup_counted_by_name(s, p);
    count_beside_own(s, p);
    flag_grouped(s, p);
    periods_of_rows(tk, p);
    guards_row_or_total(s, tk, p);
    guards_its_key_target(s, tk, p);
    guards_nth_list(tk, p);
    guards_count_in_top(tk, p);
    guards_linked_both_ways(s, p);
}
