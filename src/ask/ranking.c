/* ranking.c — questions about single rows of one table: "the 5 longest
 * films", "the smallest loan", "which country has the lowest life
 * expectancy" (rows ordered by one of the table's own columns, named or
 * implied by an adjective), and "the GNP of Japan" (one row's level, a
 * lookup rather than an aggregate). */
#include "ask/internal.h"

#include <string.h>

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
    {"paid", 0, 0, {"salary", "pay", "wage", NULL}},  /* the way is the word before: "best paid" */
    {"recent", 0, 1, {NULL}},
    {"latest", 1, 1, {NULL}},
    {"newest", 1, 2, {NULL}},
    {"oldest", -1, 2, {NULL}},
    {"youngest", 1, 2, {NULL}},
    {"earliest", -1, 1, {NULL}},
    {"densest", 1, 0, {"density", NULL}},
    {"heaviest", 1, 0, {"weight", "mass", NULL}},
    {"lightest", -1, 0, {"weight", "mass", NULL}},
    {"tallest", 1, 0, {"height", NULL}},
    {"widest", 1, 0, {"width", NULL}},
    {"deepest", 1, 0, {"depth", NULL}},
    {"fastest", 1, 0, {"speed", NULL}},
    {"slowest", -1, 0, {"speed", NULL}},
    {"hottest", 1, 0, {"temperature", NULL}},
    {"coldest", -1, 0, {"temperature", NULL}},
    {"northernmost", 1, 0, {"latitude", "lat", NULL}},  /* north of the equator is positive */
    {"southernmost", -1, 0, {"latitude", "lat", NULL}},
    {"easternmost", 1, 0, {"longitude", "lon", "lng", NULL}},  /* east of Greenwich is positive */
    {"westernmost", -1, 0, {"longitude", "lon", "lng", NULL}},
};

/* The date an age word ("oldest", "newest", "youngest") ranks table t by:
 * its one date or year column, or among several the one that says when
 * the thing came to be (birth, release, founding); -1 when none is one. */
static int age_column(const ask_schema_t *s, int t)
{
    static const char *const born[] = {"birth", "dob", "born", "birthday", "release", "released",
        "founded", "established", "built", "launch", "launched", NULL};
    const ask_table_t *tb = &s->tables[t];
    int c = -1, n = 0, cb = -1, nb = 0;
    for (int k = 0; k < tb->ncols; k++) {
        const ask_col_t *col = &tb->cols[k];
        if (col->pk || !(lexicon_col_is_time(col) || lexicon_col_is_year(col)))
            continue;
        c = k, n++;
        int is_born = 0;  /* "yearofrelease" glued: its name holds the word */
        for (int w = 0; born[w] && !is_born; w++)
            is_born = strcasestr(col->name, born[w]) != NULL;
        cb = is_born ? k : cb, nb += is_born;
    }
    return n == 1 ? c : nb == 1 ? cb : -1;
}

int ranking_age_col(const ask_schema_t *s, int t)
{
    int c = -1, n = 0;
    for (int k = 0; k < s->tables[t].ncols; k++) {
        const ask_col_t *col = &s->tables[t].cols[k];
        if (!col->pk && lexicon_col_is_numeric(col) && col->nw == 1 && !strcmp(col->w[0], "age"))
            c = k, n++;
    }
    return n == 1 ? c : -1;
}

static int col_has_word(const ask_col_t *c, const char *const *w)
{
    for (int k = 0; k < c->nw; k++)
        if (words_in(c->w[k], w))
            return 1;
    return 0;
}

/* "the longest delay", "the shortest average wait": a length word right
 * before a column that measures time (delay_minutes, wait_days) is its
 * highest or lowest — read so before anything else looks at it. */
void ranking_duration_words(const ask_schema_t *s, ask_toks_t *tk)
{
    static const char *const spans[] = {"minute", "hour", "second", "day", "duration", "delay", "wait",
        "time", "length", NULL};
    for (int i = 0; i + 1 < tk->n; i++) {
        int longest = !strcmp(tk->t[i].low, "longest");
        if (tk->t[i].used || (!longest && strcmp(tk->t[i].low, "shortest")))
            continue;
        int k = i + 1 + words_in(tk->t[i + 1].low, (const char *const[]){"average", "avg", "mean", "total", NULL});
        const ask_phrase_t *m[8];
        int n = k < tk->n ? lexicon_match(s, tk, k, m, 8) : 0;
        if (n < 1 || m[0]->kind != PH_COLUMN)
            continue;
        const ask_col_t *c = &s->tables[m[0]->table].cols[m[0]->column];
        if (!lexicon_col_is_numeric(c) || c->pk || c->fk_table >= 0 || !col_has_word(c, spans))
            continue;
        words_reread(&tk->t[i], longest ? "highest" : "lowest");
    }
    for (int i = 2; i + 1 < tk->n; i++) {  /* "the employee with the earliest hire date": a row */
        int early = words_in(tk->t[i].low, (const char *const[]){"earliest", "oldest", NULL}),
            late = words_in(tk->t[i].low, (const char *const[]){"latest", "newest", NULL});
        const ask_phrase_t *m[8];
        int n = (early || late) && !tk->t[i].used && words_at(tk, i - 1, "the") &&
                words_in(tk->t[i - 2].low, (const char *const[]){"with", "has", "have", "had", NULL})
                    ? lexicon_match(s, tk, i + 1, m, 8) : 0;
        if (n >= 1 && m[0]->kind == PH_COLUMN && lexicon_col_is_time(&s->tables[m[0]->table].cols[m[0]->column]))
            words_reread(&tk->t[i], early ? "lowest" : "highest");
    }
}

/* The column an adjective of the question ranks table t by, or -1. */
static int adjective_column(const ask_schema_t *s, ask_toks_t *tk, int t, int *order, int *limit)
{
    for (int i = 0; i < tk->n; i++)
        for (size_t a = 0; a < sizeof adjectives / sizeof *adjectives; a++) {
            const struct adjective *adj = &adjectives[a];
            if (tk->t[i].used || strcmp(tk->t[i].low, adj->word))
                continue;
            int c = adj->time == 2 ? age_column(s, t) : adj->time ? s->tables[t].time : -1,
                way = adj->order;
            if (c < 0 && adj->order && adj->time == 2 && strcmp(adj->word, "newest") &&
                (c = ranking_age_col(s, t)) >= 0)
                way = -adj->order;  /* "the oldest teacher": the greatest age, not the first date */
            for (int w = 0; c < 0 && !adj->time && adj->cols[w]; w++)  /* in the list's order */
                for (int k = 0; c < 0 && k < s->tables[t].ncols; k++)
                    if (lexicon_col_is_numeric(&s->tables[t].cols[k]) &&
                        col_has_word(&s->tables[t].cols[k], (const char *const[]){adj->cols[w], NULL}))
                        c = k;
            if (c < 0)
                return -1;
            tk->t[i].used = 1;
            if (way && !*order)  /* "the lowest paid": the superlative says the way */
                *order = way;
            if (i > 0 && tk->t[i - 1].isnum && !tk->t[i - 1].used && tk->t[i - 1].num >= 1 &&
                tk->t[i - 1].num <= 10000)  /* "the 5 longest films" */
                *limit = (int)tk->t[i - 1].num, tk->t[i - 1].used = 1;
            return c;
        }
    return -1;
}

/* "what is the GNP of Japan": a level of one row, named by its name, is
 * that row — a lookup, not an aggregate to choose. */
void ranking_amount_words(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    for (int i = 0; i + 1 < tk->n; i++)  /* "how much do actors get paid": money, not a count */
        if (words_at(tk, i, "how") && words_at(tk, i + 1, "much") &&
            ((q->kind == Q_AGG && (q->m.kind == M_COUNT || q->m.kind == M_COUNT_DISTINCT)) ||
             (q->kind == Q_LIST && !q->nshow && !q->limit)))  /* nor the rows themselves */
            return roles_set_ambiguous(p, AMB_MEASURE, NULL);
    /* "what's the population of the city": which city? */
    if (q->kind != Q_AGG || p->agg_cue || q->nf || q->ndims || q->grain || q->date.kind ||
        q->rel >= 0 || q->m.t < 0)
        return;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        const ask_tok_t *w = &tk->t[m->pos + m->len - 1];
        if (m->kind == PH_TABLE && m->t == q->m.t && m->pos > 0 && words_at(tk, m->pos - 1, "the") &&
            !strcmp(w->low, w->stem) && w->low[strlen(w->low) - 1] != 's')
            return roles_set_ambiguous(p, AMB_WHICH, m);
    }
}

void ranking_all_rows(const ask_schema_t *s, ask_parse_t *p)
{
    const ask_q_t *q = &p->q;
    if (q->kind == Q_LIST && q->table >= 0 && !p->listed_said && !q->nf && q->rel < 0 && !q->order &&
        !q->limit && !q->date.kind && s->tables[q->table].rows > ASK_LIST_ALL_MAX)
        roles_set_ambiguous(p, AMB_ALL_ROWS, NULL);  /* "show me the routes": all 67,663? */
}

/* "the GNP of Japan", "the life expectancy of Japan and Peru": a level
 * asked of rows named by their names is those rows, listed (each one's). */
void ranking_level(const ask_schema_t *s, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    int t = p->level.t;
    int each = q->ndims == 1 && q->nf == 1 && q->dims[0].t == q->f[0].col.t &&  /* "of Japan and Peru": */
               q->dims[0].c == q->f[0].col.c && q->f[0].nvals > 1;                /* each one's row */
    if (p->ambiguous != AMB_MEASURE || t < 0 || q->nf != 1 || (q->ndims && !each) || q->grain ||
        q->f[0].op != OP_IN || q->f[0].col.t != t ||
        q->f[0].col.c != s->tables[t].label || q->rel >= 0 || q->date.kind)
        return;
    q->ndims = 0;
    p->ambiguous = AMB_NONE;
    q->kind = Q_LIST;
    q->table = p->subject = t;
    q->m = (ask_measure_t){M_NONE, -1, -1, -1, 0};
    q->order = 0;
}

/* "lowest priced product", "the 5 longest films", "which country has the
 * lowest life expectancy": rows of the table ordered by one of its own
 * columns — one row when the noun is singular. */
/* "the 5 most recent draws with their date and bonus number", "the 3
 * latest concerts? Show title and date": N rows of a table by its own
 * time — a column of that table said after it is shown, not ranked by. */
static int time_ranked(const ask_schema_t *s, const ask_toks_t *tk, const ask_mention_t *tab)
{
    static const char *const times[] = {"recent", "latest", "newest", "oldest", "earliest", NULL};
    for (int i = 1; tab && s->tables[tab->t].time >= 0 && i < tab->pos; i++) {
        int n = i - 1 - words_at(tk, i - 1, "most");  /* "5 most recent"; "most recent" first: none */
        if (words_in(tk->t[i].low, times) && n >= 0 && tk->t[n].isnum)
            return 1;
    }
    return 0;
}

static int shown_after_time(const ask_schema_t *s, const ask_toks_t *tk, const ask_mention_t *tab,
                            const ask_mention_t *m)
{
    int own = tab && m->t == tab->t;
    for (int k = 0; own && k < m->nalt; k++)  /* "date": one of its dates, all shown */
        own = m->alt[k].t == tab->t;
    return own && m->pos > tab->pos && time_ranked(s, tk, tab);
}

/* "…: date and gallons": the rows' dates, shown with every column */
static void use_date_words(ask_toks_t *tk, const ask_mention_t *tab)
{
    for (int i = tab->pos + tab->len; i < tk->n; i++)
        if (!tk->t[i].used && words_in(tk->t[i].low, (const char *const[]){"date", "dates", "time", NULL}))
            tk->t[i].used = 1;
}

int ranking_list(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    ask_mention_t *tab = NULL, *col = NULL, *noun_value = NULL;
    int ncols = 0, after = 0;
    int two_names = p->q.ndims == 2 && p->q.dims[1].t == p->q.dims[0].t &&
                    p->q.dims[1].c == s->tables[p->q.dims[0].t].label2;  /* first and last name */
    if (p->agg_cue || p->measure_set || (p->q.ndims > 1 && !two_names && !each_grouping_said(tk, p)) || p->q.grain)
        return 0;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_TABLE && (m->role == R_NONE || m->role == R_DIM) && !tab)
            tab = m;
        if (m->kind == PH_COLUMN && m->role == R_NONE && !roles_their(tk, p, m) &&
            !shown_after_time(s, tk, tab, m)) {
            /* "the 5 biggest loans and their durations": shown, not ranked
             * by; "which country scores lowest on freedom": of two numbers,
             * the one after the superlative; two after it or none: not sure */
            ncols++;
            if (p->order_at && m->pos >= p->order_at && !after++)
                col = m;
            else if (!col && !after)
                col = m;
        }
    }
    if (ncols > 1 && after != 1)
        return 0;
    /* "the 5 oldest movies", "the longest movie": a value said as the noun
     * (type = Movie), when no table is named, ranks the rows of its table
     * that hold it */
    for (int i = 0; i < p->nm && !tab; i++) {
        ask_mention_t *m = &p->m[i];
        int one = m->kind == PH_VALUE && m->role == R_NONE && !noun_value;
        for (int k = 0; one && k < m->nalt; k++)
            one = m->alt[k].t == m->t;
        if (m->kind == PH_TABLE || (m->kind == PH_VALUE && !one))
            return 0;
        if (one)
            noun_value = m;
    }
    const ask_mention_t *named = tab ? tab : noun_value;
    /* "the 10 highest fares", "what is the highest rental rate": only a
     * column is named — its table's rows, ranked by it */
    if (!named && col && !col->nalt && p->nm == 1)
        named = col;
    int t = named ? named->t : -1;
    ask_colref_t group;
    int each = t >= 0 && each_group(s, tk, p, t, &group);  /* "the largest city on each continent" */
    /* the one grouping may only be the table itself ("which country …") */
    if (t < 0 || (p->q.ndims && !each && (p->q.dims[0].t != t || (p->q.dims[0].c != s->tables[t].label &&
                                                                  p->q.dims[0].c != s->tables[t].pk))))
        return 0;  /* "the largest deal in each city": a grouping, not one list */
    int order = p->q.order, c = -1;
    if (col) {
        c = col->t == t ? col->c : -1;
        for (int k = 0; k < col->nalt && c < 0; k++)
            if (col->alt[k].t == t)
                c = col->alt[k].c;
    } else {
        c = adjective_column(s, tk, t, &order, &p->q.limit);
        if (c < 0)
            c = sizes_column(s, p, t);
    }
    if (c < 0 || !order || (!lexicon_col_is_numeric(&s->tables[t].cols[c]) &&
                            !lexicon_col_is_time(&s->tables[t].cols[c])))
        return 0;
    if (tab && !col && time_ranked(s, tk, tab))
        use_date_words(tk, tab);
    if (each)  /* the group alone: not the ranked rows' own name too */
        p->q.dims[0] = group;
    p->q.ndims = p->q.each = each;
    if (tab)
        tab->role = R_MEASURE;
    if (col)
        col->role = R_MEASURE;
    p->q.kind = Q_LIST;
    p->q.order = order;
    p->q.table = p->subject = t;
    p->q.m = (ask_measure_t){M_NONE, t, c, -1, 0};
    if (!p->q.limit && !p->order_only && !each)  /* "the shortest films", "the oldest album": each */
        p->q.limit = 1, p->q.ties = 1;     /* of the shortest length, of the first date */
    return 1;
}

/* 1 when column c of t can hold the answer to the question word: a date
 * for "when" / "what year", any column for "who" / "what" / "which". */
static int answers_word(const ask_table_t *t, int c, int dated)
{
    return !dated || lexicon_col_is_time(&t->cols[c]) || lexicon_col_is_year(&t->cols[c]);
}

/* "when was Narcos added", "what year was Stranger Things released", "who
 * directed The Irishman", "what is Squid Game rated": a column asked of the
 * rows a value names — the one column the verb names (added ~ date_added,
 * released ~ release_year, directed ~ director, rated ~ rating), or for a
 * date the one date column named. The answer is those rows, which show it,
 * as "the GNP of Japan" is (ranking_level). */
void ranking_when_asked(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    int dated = words_at(tk, 0, "when") || (words_in(tk->t[0].low, (const char *const[]){"what",
                "which", NULL}) && (words_at(tk, 1, "year") || words_at(tk, 1, "date")));
    int at = dated && !words_at(tk, 0, "when") ? 1 : 0;
    int t = p->q.nf == 1 ? p->q.f[0].col.t : -1;
    if (tk->n < 2 || !(dated || words_in(tk->t[0].low, (const char *const[]){"who", "what", NULL})) ||
        t < 0 || p->q.f[0].op != OP_IN || p->q.ndims || p->q.rel >= 0 || p->q.date.kind ||
        p->q.having || p->q.share || (p->q.kind == Q_AGG && p->q.m.kind != M_NONE &&
        p->q.m.t >= 0 && p->q.m.c >= 0 && !lexicon_col_is_time(&s->tables[p->q.m.t].cols[p->q.m.c])))
        return;
    const ask_table_t *tb = &s->tables[t];
    int col = -1, n = 0, verb = -1;
    for (int i = 0; dated && i < p->nm; i++)  /* the date column, named */
        if (p->m[i].kind == PH_COLUMN && !p->m[i].nalt && p->m[i].t == t &&
            answers_word(tb, p->m[i].c, 1) && p->m[i].c != col)
            col = p->m[i].c, n++;
    for (int i = at + 1; i < tk->n; i++) {  /* or the verb that names it */
        int found = -1, k = 0;
        for (int c = 0; !tk->t[i].used && c < tb->ncols; c++)
            if (c != p->q.f[0].col.c && answers_word(tb, c, dated) && lexicon_verb_names_col(tk->t[i].low, &tb->cols[c]))
                found = c, k++;
        if (k == 1 && (n == 0 || found == col)) {
            col = found, n = 1, verb = i;
            break;
        }
    }
    if (n != 1)
        return;
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_COLUMN && p->m[i].t == t && p->m[i].c == col)
            p->m[i].role = R_MEASURE;
    if (verb >= 0)
        tk->t[verb].used = 1;
    tk->t[at].used = 1;
    if (at == 1)
        tk->t[0].used = 1;
    p->q.kind = Q_LIST;
    p->q.table = p->subject = t;
    p->q.m = (ask_measure_t){M_NONE, -1, -1, -1, 0};
    p->q.time = (ask_colref_t){-1, -1};
    p->q.grain = G_NONE;
    p->q.order = 0;
    p->measure_set = 1;
    if (p->ambiguous == AMB_MEASURE)
        p->ambiguous = AMB_NONE;
}

/* An aggregate per group where each group is one row of the measured
 * table (grouped by its key, or by a name no two rows share): the average
 * of one value is that value, so the question meant something else ("the
 * average of the top 20 countries" is one number over twenty rows). */
int ranking_one_row_groups(const ask_schema_t *s, const ask_q_t *q)
{
    if (q->kind != Q_AGG || q->ndims != 1 || q->grain || q->m.kind == M_NONE ||
        q->m.t < 0 || q->dims[0].t != q->m.t || q->dims[0].c < 0)
        return 0;
    const ask_table_t *t = &s->tables[q->dims[0].t];
    /* its own key (one column), or its name column when the statistics of
     * a table large enough for them to say so find no two rows alike */
    int c = q->dims[0].c;  /* or, counted, its name beside its key (sqlgen.c adds the key) */
    return t->pk == c || (t->label == c && t->cols[c].n_distinct == -1 && t->rows >= 50) ||
           (q->m.kind == M_COUNT && t->label == c && t->pk >= 0 && t->pk != c && lexicon_label_names_rows(t));
}

/* "the 10 most common diagnoses", "what was the most frequent destination":
 * the rows of the column's table counted per value, most first. The noun is
 * a column; a table as the noun ("the most common category") counts the
 * rows of another table the question names ("… of products"), else asks. */
void ranking_most_common(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p)
{
    if (!p->common_at || p->measure_set)
        return;
    ask_mention_t *noun = NULL, *of = NULL;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if ((m->role != R_NONE && m->role != R_DIM) || (m->kind != PH_COLUMN && m->kind != PH_TABLE))
            continue;
        if (!noun && m->pos >= p->common_at && m->pos <= p->common_at + 2)
            noun = m;
        else if (m->kind == PH_TABLE && m->role == R_NONE)
            of = of ? of : m;
    }
    if (!noun || (noun->kind == PH_TABLE && (!of || of->t == noun->t)) ||
        (noun->kind == PH_COLUMN && of && of->t != noun->t)) {
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
        return;
    }
    if (noun->kind == PH_COLUMN && noun->nalt) {  /* "the most common status": whose? */
        roles_set_ambiguous(p, AMB_COLUMN, noun);
        return;
    }
    int t = noun->kind == PH_COLUMN ? noun->t : of->t;
    if (of)
        of->role = R_MEASURE;
    p->q.m = (ask_measure_t){M_COUNT, t, -1, -1, 0};
    p->measure_set = 1;
    p->top = 1;
    if (!p->q.limit) {  /* "the most common rating": one; "the most common ratings": ten */
        const ask_tok_t *w = &tk->t[noun->pos + noun->len - 1];
        p->q.limit = words_is_plural(w->low) ? 10 : 1;
    }
    if (noun->role != R_DIM)
        roles_make_dim(s, p, noun);
}

static const char *const first_words[] = {"first", "earliest", "oldest", NULL},
                  *const last_words[] = {"last", "latest", "newest", "recent", NULL};

/* The plan becomes min / max (kind) of the date column tt.tc, of the rows
 * mention m names: one value, no ranking of rows. */
static void date_measure(ask_parse_t *p, ask_mention_t *m, int kind, int tt, int tc)
{
    m->role = R_MEASURE;
    p->q.kind = Q_AGG;
    p->q.m = (ask_measure_t){kind, tt, tc, -1, 0};
    p->q.order = 0, p->q.limit = 0, p->top = 0, p->order_at = 0;
    p->measure_set = p->agg_cue = 1;
    p->subject = m->t;
}

/* "what is the earliest order date", "the most recent hire date of each
 * department": min or max of the date column named right after the word —
 * when no table is named before it ("orders with the latest ship date" are
 * rows). */
static void first_date_col(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    for (int k = 0; k < p->nm && !p->measure_set; k++) {
        ask_mention_t *m = &p->m[k];
        int i = m->pos - 1, most = i > 0 && words_at(tk, i - 1, "most") && words_at(tk, i, "recent");
        if (m->kind == PH_TABLE && m->role != R_NONE)
            return;
        if (m->kind == PH_TABLE && i >= 0 && !words_in(tk->t[i].low, first_words) &&
            !words_in(tk->t[i].low, last_words))
            return;
        int tt = m->t, tc = m->c, end = m->pos + m->len;  /* "the earliest order date" of ordered_at */
        int dated = m->kind == PH_TABLE && m->role == R_NONE && end < tk->n && !tk->t[end].used &&
                    words_in(tk->t[end].low, (const char *const[]){"date", "day", NULL}) &&
                    lexicon_time_for(s, m->t, &tt, &tc) == 0 && tt == m->t &&
                    lexicon_col_is_time(&s->tables[tt].cols[tc]);
        if (i < 0 || tk->t[i].used || (!dated && (m->kind != PH_COLUMN || m->role != R_NONE ||
                                                   !lexicon_col_is_time(&s->tables[m->t].cols[m->c]))))
            continue;
        int kind = words_in(tk->t[i].low, first_words) && !most ? M_MIN
                 : words_in(tk->t[i].low, last_words) && (most || strcmp(tk->t[i].low, "recent")) ? M_MAX
                 : M_NONE;
        if (kind == M_NONE || (i - most >= 1 && tk->t[i - most - 1].isnum))  /* "the 3 most recent": rows */
            continue;
        parse_use(tk, i - most, 1 + most);
        if (dated)
            tk->t[end].used = 1;
        date_measure(p, m, kind, tt, tc);
    }
}

/* The date column of table t a verb names: "filled" → filled_at, "issued"
 * → issued_on (lexicon_verb_names_col); -1. */
static int verb_date(const ask_schema_t *s, int t, const char *w)
{
    for (int c = 0; c < s->tables[t].ncols; c++)
        if (lexicon_col_is_time(&s->tables[t].cols[c]) && lexicon_verb_names_col(w, &s->tables[t].cols[c]))
            return c;
    return -1;
}

/* The verb after "the first X": the table's own ("placed" an order), one
 * naming a date of X ("filled": filled_at, into *tc), or one that only
 * says the row came to be ("given", "recorded"). 1 when read. */
static int when_verb(const ask_schema_t *s, const ask_tok_t *v, int t, int *tc)
{
    int c = verb_date(s, t, v->low);
    if (c >= 0)
        return *tc = c, 1;
    return filters_verb_table(s, v->low) == t ||
           words_in(v->low, (const char *const[]){"given", "made", "placed", "recorded", "received",
                    "logged", "created", "submitted", "written", "entered", "added", "registered", NULL});
}

/* "when was the first order placed", "what was the date of the latest
 * rental", "when was the first pothole filled" (filled_at named with the
 * table): the earliest or latest date of the table's rows — min or max of
 * the date said, else its time column (lexicon_time_for), not a row. */
void ranking_when_first(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const *const first = first_words, *const *const last = last_words,
                      *const skip[] = {"was", "were", "is", "did", "the", "most", "date", "of", NULL};
    int i = 0, when = words_at(tk, 0, "when");
    if (!when && !(words_in(tk->t[0].low, (const char *const[]){"what", "which", NULL}) &&
                   tk->n > 3 && words_at(tk, 3, "date")))
        return first_date_col(s, tk, p);
    while (++i < tk->n && words_in(tk->t[i].low, skip) && !words_at(tk, i, "most"))
        ;
    int most = words_at(tk, i, "most");
    i += most;
    int kind = i < tk->n && words_in(tk->t[i].low, first) && !most ? M_MIN
             : i < tk->n && words_in(tk->t[i].low, last) ? M_MAX : M_NONE;
    ask_mention_t *m = NULL;
    for (int k = 0; k < p->nm && kind != M_NONE; k++)
        if ((p->m[k].kind == PH_TABLE || (p->m[k].kind == PH_COLUMN && !p->m[k].nalt &&  /* "pothole filled" */
             lexicon_col_is_time(&s->tables[p->m[k].t].cols[p->m[k].c]))) &&
            p->m[k].pos == i + 1 + words_at(tk, i + 1, "ever") && p->m[k].role == R_NONE)
            m = &p->m[k];  /* "the first ever race" */
    int tt = m ? m->t : -1, tc = m && m->kind == PH_COLUMN ? m->c : -1, v = m ? m->pos + m->len : 0;
    int verb = m && m->kind == PH_TABLE && v < tk->n && !tk->t[v].used && when_verb(s, &tk->t[v], m->t, &tc);
    if (m && tc < 0 && (lexicon_time_for(s, m->t, &tt, &tc) < 0 || tt != m->t))
        tc = s->tables[m->t].time, tt = m->t;
    if (!m || p->measure_set || p->q.ndims || p->q.grain || tc < 0)
        return first_date_col(s, tk, p);
    for (int k = 0; k < m->pos; k++)
        tk->t[k].used = 1;
    if (verb)  /* "… placed": the table's own verb, or its date's */
        tk->t[v].used = 1;
    date_measure(p, m, kind, tt, tc);
}

void ranking_one_named(const ask_toks_t *tk, ask_parse_t *p)
{
    ask_q_t *q = &p->q;
    if (q->kind != Q_LIST || !q->order || q->limit || p->order_only || !p->order_at)
        return;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i];
        const ask_tok_t *noun = &tk->t[m->pos + m->len - 1];
        if (m->kind == PH_TABLE && m->t == q->table && m->pos >= p->order_at &&
            !strcmp(noun->low, noun->stem) && !words_in(noun->low, (const char *const[]){"people",
                "staff", "personnel", "children", "men", "women", "data", "media", "series", NULL})) {
            q->limit = 1;  /* "the most expensive plan": one, with its equals */
            q->ties = 1;
            return;
        }
    }
}
