/* assemble.c — the second half of the parser: give each schema mention a
 * role (measure, dimension, filter, comparison column) from the cue words
 * around it, fill the plan, and note what stayed unclear. It never guesses
 * between equally good readings: those become p->ambiguous. */
#include "ask/internal.h"
#include "core/mem.h"
#include "sqlsafe/sqlsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* "how many distinct", "number of unique": the measure a cue word names
 * (grammar_measure_cues), its length, and whether a distinct word follows. */
static int agg_cue(const ask_toks_t *tk, int i, int *len, int *distinct)
{
    static const char *const distinct_words[] = {"distinct", "unique", "different", NULL};
    const ask_cue_t *r = grammar_cue_at(grammar_measure_cues, tk, i);
    *len = r && r->next ? 2 : 1;
    *distinct = i + *len < tk->n && words_in(tk->t[i + *len].low, distinct_words);
    return r ? r->kind : M_NONE;
}

/* "the 3 most recent screenings": keys only, but each row an event of its
 * own — dated, and pointed at by other rows (bookings) — not a pair; so
 * long as every other table the list reaches, it reaches one way only
 * (an enrolment's student, not its course's instructor, both users). */
static int dated_and_pointed_at(const ask_schema_t *s, const ask_q_t *q, int t)
{
    const ask_table_t *tb = &s->tables[t];  /* its main date: never a last_update stamp */
    int dated = tb->time >= 0 && lexicon_col_is_time(&tb->cols[tb->time]), pointed = paths_pointed_at(s, t);
    for (int i = 0; i < q->nf && dated; i++)
        dated = q->f[i].col.t == t || paths_count(s, t, q->f[i].col.t) == 1;
    for (int i = 0; i < q->nvia && dated; i++) {
        dated = paths_count(s, t, q->via[i]) == 1;
        for (int k = 0; k < q->nf && dated; k++)  /* users through courses.instructor_id */
            dated = !paths_edges(s, q->via[i], q->f[k].col.t);
    }
    return dated && pointed;
}

static ask_mention_t *next_mention(ask_parse_t *p, int pos, int within, int values)
{
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].pos >= pos && p->m[i].pos <= pos + within && p->m[i].role == R_NONE &&
            (values || p->m[i].kind != PH_VALUE))
            return &p->m[i];
    return NULL;
}

/* 1 when a value of m's column is said right before it ("A- grades"), or
 * after it when after is set ("passengers boarded in Belfast"). */
static int value_of_column(const ask_parse_t *p, const ask_mention_t *m, int after)
{
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *v = &p->m[i];
        if (v->kind != PH_VALUE || (after ? v->pos < m->pos + m->len : v->pos + v->len != m->pos))
            continue;
        for (int k = -1; k < v->nalt; k++)
            if ((k < 0 ? v->t : v->alt[k].t) == m->t && (k < 0 ? v->c : v->alt[k].c) == m->c)
                return 1;
    }
    return 0;
}

/* "how many movies": the rows that are movies, the value said right after
 * the cue at i (len words) counted before a column named further on; "what
 * share of belugas are alive": of the belugas. 1 when the measure is set. */
static int value_noun_counted(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, int i, int len, int share)
{
    int vt = nouns_value_table(s, tk, p, i + len, 1);
    if (vt < 0)
        return 0;
    p->q.m = (ask_measure_t){M_COUNT, vt, -1, -1, 0};
    p->measure_set = p->agg_cue = 1;
    ask_mention_t *v = share ? next_mention(p, i + len, 3, 1) : NULL;
    for (int k = 0; v && k < p->nm; k++)  /* "the district's students … charter schools": one column */
        v = &p->m[k] == v || p->m[k].kind != PH_VALUE || p->m[k].c != v->c || p->m[k].t != v->t ? v : NULL;
    if (v)
        p->q.share = SHARE_COND, p->share_pos = v->pos + v->len - 1;
    for (int k = i; k < i + len; k++)
        tk->t[k].used = 1;
    return 1;
}

/* "total billed in November 2023": a verb naming a table (bills) right
 * after "total", no noun said — the table's one money column, added up.
 * 1 when the measure is set. */
static int total_verb(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p, int i, int len, int agg,
                      const ask_mention_t *m)
{
    int v = i + len, t = -1, c = -1;
    if (agg != M_SUM || p->measure_set || strcmp(tk->t[i].low, "total") || v >= tk->n || tk->t[v].used ||
        (m && m->pos == v) || (t = filters_verb_table(s, tk->t[v].low)) < 0)
        return 0;
    int one = roles_money_col(s, t);
    for (int k = 0; k < s->tables[t].ncols && one < 0; k++)  /* total_amount beside extra_charges */
        if (lexicon_col_is_money(&s->tables[t].cols[k]) &&
            lexicon_col_has_word(&s->tables[t].cols[k], (const char *const[]){"total", NULL}))
            c = c == -1 ? k : -2;
    if ((c = one >= 0 ? one : c) < 0)
        return 0;
    p->q.m = (ask_measure_t){M_SUM, t, c, -1, 0};
    p->measure_set = p->agg_cue = 1;
    tk->t[i].used = tk->t[v].used = 1;
    return 1;
}

static void apply_agg_cues(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    int grouped = p->q.grain != G_NONE;  /* "which day of the week had the most visits in total" */
    for (int k = 0; k < tk->n; k++)  /* "per customer in total": each, or all? asked */
        grouped |= words_in(tk->t[k].low, (const char *const[]){"per", "by", "each", "every", NULL});
    for (int i = 0; i < tk->n; i++) {
        int len, distinct, agg = tk->t[i].used ? M_NONE : agg_cue(tk, i, &len, &distinct);
        if (agg && i > 0 && !grouped && !strcmp(tk->t[i].low, "total") && words_at(tk, i - 1, "in")) {
            tk->t[i - 1].used = tk->t[i].used = 1;  /* "how many trains … in total": all of them */
            continue;
        }
        int share = tk->t[i].used || agg ? 0 : share_cue(tk, i);
        if (share)
            agg = M_COUNT, len = share, distinct = 0;
        if (!agg)
            continue;
        ask_mention_t *m = next_mention(p, i + len, 5, 0);
        if (total_verb(s, tk, p, i, len, agg, m))
            continue;
        if (m && filters_flag_before_table(s, p, m))  /* "how many active airlines" */
            m = next_mention(p, m->pos + m->len, 1, 0);
        ask_mention_t *after = m && m->kind == PH_TABLE ? next_mention(p, m->pos + m->len, 1, 0) : NULL;
        if (agg == M_SUM && after && after->kind == -1 && after->v == 0 && !p->measure_set &&
            after->pos == m->pos + m->len && revenue_row_is_sale(s, m->t)) {
            m->role = after->role = R_MEASURE;  /* "total ticket revenue": their prices, each a sale */
            p->q.m = (ask_measure_t){M_SUM, m->t, roles_money_col(s, m->t), -1, 0};
            p->measure_set = p->agg_cue = 1;
            for (int k = i; k < i + len; k++)
                tk->t[k].used = 1;
            continue;
        }
        /* "number of status A loans", "number of cards issued": a count of
         * rows counts the table it names, not a column named on the way */
        const ask_col_t *mc = m && m->kind == PH_COLUMN && !m->nalt ? &s->tables[m->t].cols[m->c] : NULL;
        int units_said = mc && m->pos == i + len && lexicon_col_counts_units(mc) &&  /* "how many hours */
                         strcmp(tk->t[m->pos].low, tk->t[m->pos].stem);            /* did volunteers work" */
        int total_at = -1;  /* "share of the total cargo tonnage": added up, said so */
        for (int k = i + len; share && mc && k < m->pos; k++)
            total_at = words_at(tk, k, "total") && !tk->t[k].used ? k : total_at;
        int total_said = total_at >= 0 && lexicon_col_is_plain_number(mc);
        if (total_said)
            tk->t[total_at].used = 1;
        int summed = units_said || total_said ||
                     (share && mc && (lexicon_col_is_additive(mc) ||  /* "share of all installs": */
                     (lexicon_col_is_plain_number(mc) && mc->kind == CK_INT && (mc->n_distinct > 2 || mc->n_distinct < 0) &&
                      strcmp(tk->t[m->pos + m->len - 1].low, tk->t[m->pos + m->len - 1].stem))));
        for (ask_mention_t *tm = m; agg == M_COUNT && !distinct && !summed && m && m->kind == PH_COLUMN && tm;
             tm = next_mention(p, tm->pos + tm->len, 5 - (tm->pos - m->pos), 0))
            if (tm->kind == PH_TABLE) {
                m = tm;
                break;
            }
        if (agg == M_COUNT && !distinct && m && m->kind == PH_COLUMN && m->len > 1 && !m->nalt &&
            !strcmp(tk->t[m->pos].stem, s->tables[m->t].w[s->tables[m->t].nw - 1]) &&
            (lexicon_col_is_time(&s->tables[m->t].cols[m->c]) ||  /* "number of cards issued": the cards */
             value_of_column(p, m, 1) ||  /* "passengers boarded in Belfast": those passengers */
             filters_add_flag(s, p, m->t, m->c, m->pos)))  /* "passengers survived": where it is set */
            m->kind = PH_TABLE, m->c = -1;
        if (agg == M_COUNT && !distinct && m && m->kind == PH_COLUMN && value_of_column(p, m, 0))
            m->kind = PH_TABLE, m->c = -1, m->nalt = 0;  /* "number of A- grades": rows with it */
        if (!m && agg == M_COUNT && i > 0)  /* "customer count" */
            for (int k = 0; k < p->nm && !m; k++)
                if (p->m[k].pos + p->m[k].len == i && p->m[k].kind == PH_TABLE)
                    m = &p->m[k];
        if (!m && agg == M_COUNT && i + len == tk->n && words_at(tk, i, "how"))  /* "…: how many?" */
            m = roles_one_table(p, i);
        /* "number of movies per year": the value said right after the cue
         * is what is counted, before a column named further on */
        if (agg == M_COUNT && !distinct && !p->measure_set && value_noun_counted(s, tk, p, i, len, share))
            continue;
        if (!m || p->measure_set)
            continue;
        ask_mention_t *v0 = agg == M_COUNT ? next_mention(p, i + len, 0, 1) : NULL;
        if (v0 && v0->kind == PH_VALUE && m->kind == PH_COLUMN && m->pos > v0->pos && !value_of_column(p, m, 0))
            roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* "how many cats … in ZIP code 98103": not the codes */
        roles_resolve_alt(p, m, -1);
        if (agg == M_COUNT && !distinct && !units_said && lexicon_counts_other_word(s, tk, m))
            roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* "how many policies": status_of_policy */
        measure_from_cue(s, tk, p, m, share && m->kind != PH_TABLE ? M_SUM : agg, distinct, tk->t[i].low);
        p->agg_cue = 1;
        if (agg == M_AVG && p->q.m.kind == M_AVG && p->q.m.c >= 0 && m->kind == PH_COLUMN &&
            m->pos == i + len + 2 && words_at(tk, i + len, "number") && words_at(tk, i + len + 1, "of"))
            tk->t[i + len].used = tk->t[i + len + 1].used = 1;  /* "average number of floors": of floors */
        if (share)
            p->q.share = SHARE_COND, p->share_pos = m->pos + m->len - 1;
        for (int k = i; k < i + len + distinct; k++)
            tk->t[k].used = 1;
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

/* "taken by employees in the UK", "written by authors from France": a
 * verb, "by", a table, then a value of it — the table says whose rows
 * count, it is not a grouping (1). With nothing measured and no verb
 * ("rentals of Lifting equipment by customers in Huye", "cities by
 * countries in Europe") it may be either: 2, asked. */
static int agent_by(const ask_toks_t *tk, const ask_parse_t *p, int i, const ask_mention_t *m)
{
    static const char *const glue[] = {"in", "from", "of", "the", "at", "based", NULL};
    int verb = i >= 1 && account_is_verb(tk->t[i - 1].low), neg = 0;
    for (int k = 0; k < tk->n; k++)  /* "never ordered by customers in Germany": the EXISTS's */
        neg |= words_in(tk->t[k].low, (const char *const[]){"never", "not", "no", "without", NULL});
    if (i < 1 || !(verb || (!p->measure_set && !p->agg_cue && !neg)) || !m || m->kind != PH_TABLE ||
        m->pos != i + 1)
        return 0;
    int k = m->pos + m->len;
    while (k < tk->n && k < m->pos + m->len + 3 && words_in(tk->t[k].low, glue))
        k++;
    for (int x = 0; x < p->nm; x++)
        if (p->m[x].kind == PH_VALUE && p->m[x].pos == k && k > m->pos + m->len)
            return verb ? 1 : 2;
    if (k > m->pos + m->len && (words_at(tk, k, "each") || words_at(tk, k, "every")))
        return verb ? 1 : 2;  /* "written by doctors of each hospital": grouped by the hospital */
    return 0;
}

/* 1 when a relative clause with a verb follows at token k ("… we have
 * bought from", "… that ordered", "… who have played"): the entity's
 * rows that did, not every one. */
static int clause_narrows(const ask_toks_t *tk, int k)
{
    int at = k;
    k += k < tk->n && words_in(tk->t[k].low, (const char *const[]){"we", "that", "who", "which", "they",
                                                                    "you", "i", NULL});
    k += k < tk->n && words_in(tk->t[k].low, (const char *const[]){"have", "has", "had", "ever", NULL});
    size_t n = k < tk->n ? strlen(tk->t[k].low) : 0;
    return k > at && n > 3 && (account_is_verb(tk->t[k].low) || !strcmp(tk->t[k].low + n - 2, "ed"));
}

static void apply_dim_cues(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    static const char *const by[] = {"by", "per", "each", "every", "across", NULL};
    for (int i = 0; i < tk->n; i++) {
        if (!words_in(tk->t[i].low, by) || tk->t[i].used)
            continue;
        if (!strcmp(tk->t[i].low, "across")) {  /* "the average rating across (all) reviews", "the */
            int end = words_skip(tk, i + 1, 1, words_all_of);  /* average coverage across countries": */
            for (int k = i; k < end; k++)                       /* all of them */
                tk->t[k].used = 1;
            i = end - 1;
            continue;
        }
        ask_mention_t *m = next_mention(p, i + 1, 3, 0);
        ask_mention_t *v = next_mention(p, i + 1, 2, 1);
        int len, distinct;
        if (i > 0 && words_in(tk->t[i].low, (const char *const[]){"each", "every", NULL}) &&
            words_in(tk->t[i - 1].low, (const char *const[]){"show", "list", "me", "return", NULL})) {
            tk->t[i].used = 1;  /* "show each admission with …": the rows listed, no grouping */
            continue;
        }
        if (!strcmp(tk->t[i].low, "by") && v && v->kind == PH_VALUE) {
            tk->t[i].used = 1;  /* "offered by the Biology department": who, not a grouping */
            guards_by_value(s, tk, p, v);
            continue;
        }
        int agent = !strcmp(tk->t[i].low, "by") ? agent_by(tk, p, i, m) : 0;
        if (agent) {
            tk->t[i].used = 1;  /* "orders taken by employees in the UK": whose, not a grouping */
            if (agent == 2)
                roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* their rows, or a count per one? */
            continue;
        }
        if (!strcmp(tk->t[i].low, "by") && i + 1 < tk->n && tk->t[i + 1].used &&
            words_in(tk->t[i + 1].low, (const char *const[]){"more", "less", "fewer", "over", "under",
                     "at", "exactly", "between", NULL})) {
            tk->t[i].used = 1;  /* "shared by more than 3 actors": a count, not a grouping */
            if (i > 0 && words_in(tk->t[i - 1].low, (const char *const[]){"shared", "used", NULL}))
                tk->t[i - 1].used = 1;
            continue;
        }
        if (!strcmp(tk->t[i].low, "by") && m && (filters_flag_before_table(s, p, m) || share_by_amount(s, p, m))) {
            tk->t[i].used = 1;  /* "run by active airlines": which; "share … (by amount)": summed */
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
        if (!strcmp(tk->t[i].low, "per") && m->kind == PH_COLUMN && !m->nalt &&
            lexicon_col_is_numeric(&s->tables[m->t].cols[m->c]) &&
            lexicon_col_has_word(&s->tables[m->t].cols[m->c], (const char *const[]){"duration", "length",
                                 "distance", "weight", NULL}) &&
            words_in(tk->t[m->pos + m->len - 1].stem, (const char *const[]){"day", "hour", "minute", "km",
                     "mile", "kg", "pound", NULL})) {  /* the unit, not "per duration" */
            roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* "cost per training day": a rate over */
            continue;                                   /* the days, not a group for each length */
        }
        if (m->kind == PH_TABLE && p->q.m.kind == M_AVG && p->q.m.t == m->t && !strcmp(tk->t[i].low, "per")) {
            m->role = R_MEASURE;  /* "average freight per order": over the orders, one group each is no group */
            continue;
        }
        m = owned_group(s, p, m);  /* "per store city": the store's city */
        /* a role said by a key column ("each seller": items.seller_id) is
         * the rows in that role, not every row of the table it points at */
        int role = m->kind == PH_COLUMN && s->tables[m->t].cols[m->c].fk_table >= 0;
        roles_make_dim(s, p, m);
        /* "how many sections has each instructor taught": every instructor
         * — not "each supplier we have bought from": those we have */
        int end = m->pos + m->len;  /* "by region and channel" */
        p->q.zeros |= !role && words_in(tk->t[i].low, (const char *const[]){"each", "every", NULL}) &&
                      !clause_narrows(tk, end);
        if ((words_at(tk, end, "and") || words_at(tk, end, "&")) && (m = next_mention(p, end + 1, 1, 0)) &&
            (m->kind == PH_TABLE || m->kind == PH_COLUMN)) {
            tk->t[end].used = 1;
            roles_make_dim(s, p, m);
        }
    }
    int in = tk->n > 1 && words_in(tk->t[0].low, (const char *const[]){"in", "on", "during", NULL}) &&
             words_in(tk->t[1].low, (const char *const[]){"which", "what", NULL});  /* "in which year …" */
    int wh = in || (tk->n && words_in(tk->t[0].low, (const char *const[]){"which", "what", "who", NULL}));
    ask_mention_t *m = wh ? next_mention(p, 1 + in, in ? 0 : 3, 0) : NULL;  /* not "on which weekday are
                                                                             * most reviews written" */
    if (m && m->kind == PH_COLUMN && !m->nalt && m->pos > 1 && tk->t[m->pos - 1].used &&
        p->q.order && lexicon_col_is_numeric(&s->tables[m->t].cols[m->c]) &&
        !lexicon_col_is_year(&s->tables[m->t].cols[m->c]))
        m = NULL;  /* "what is the highest score": the score ranked, not each score counted */
    if (m && m->kind != -1 && m->kind != PH_VOCAB && (p->q.order || p->measure_set)) {
        tk->t[0].used = tk->t[in].used = 1;
        roles_make_dim(s, p, m);
    }
    if (p->top && !p->want_price && !p->q.ndims && !p->q.grain && (m = next_mention(p, 0, tk->n, 0)) &&
        (m->kind == PH_TABLE || (m->kind == PH_COLUMN && !m->nalt &&
                                 !lexicon_col_is_numeric(&s->tables[m->t].cols[m->c]))))
        roles_make_dim(s, p, m);
}

/* "the element with the most isotopes" on periodic_table(Element, …): a
 * table's name column named as a noun, when no table is named, is the
 * table's rows — the entity the question is about. */
static void label_as_table(const ask_schema_t *s, ask_parse_t *p)
{
    ask_mention_t *lab = NULL;
    for (int i = 0; i < p->nm; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->kind == PH_TABLE || m->kind == PH_VOCAB || m->kind == -1)
            return;
        if (m->kind == PH_COLUMN && !m->nalt && s->tables[m->t].label == m->c && !lab &&
            !lexicon_col_has_word(&s->tables[m->t].cols[m->c], (const char *const[]){"name", "title",
                "label", "description", NULL}))  /* "the job titles": the column asked for */
            lab = m;
    }
    if (lab)
        lab->kind = PH_TABLE, lab->c = -1;
}


/* "how many times was Academy Dinosaur rented", "how many times has Mini
 * Gifts ordered": the rows of the table the verb names are what is
 * counted — "times" stands for them, said where "how many" looks. */
static void times_counted(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    int i = 0;
    while (i + 2 < tk->n && !(words_at(tk, i, "how") && words_at(tk, i + 1, "many") &&
                             words_at(tk, i + 2, "times")))
        i++;
    if (i + 2 >= tk->n || p->nm >= ASK_MAX_MENTIONS)
        return;
    for (int m = 0; m < p->nm; m++)  /* "times" is no time column (mov_time) here */
        if (p->m[m].pos == i + 2 && p->m[m].len == 1 && p->m[m].kind == PH_COLUMN) {
            memmove(&p->m[m], &p->m[m + 1], (size_t)(p->nm - m - 1) * sizeof *p->m);
            p->nm--;
            tk->t[i + 2].used = 0;
            break;
        }
    if (tk->t[i + 2].used)
        return;
    for (int k = i + 3; k < tk->n; k++) {
        size_t n = strlen(tk->t[k].low);
        int t = -1;
        for (int m = 0; m < p->nm && t < 0; m++)  /* "ordered": a table by its synonym */
            if (p->m[m].kind == PH_TABLE && p->m[m].pos == k && p->m[m].role == R_NONE && n > 4 &&
                !strcmp(tk->t[k].low + n - 2, "ed"))
                t = p->m[m].t, p->m[m].role = R_MEASURE;
        if (t < 0 && !tk->t[k].used)
            t = filters_verb_table(s, tk->t[k].low);
        if (t < 0)
            continue;
        tk->t[k].used = tk->t[i + 2].used = 1;
        int at = 0;  /* mentions stay in the order of their words */
        while (at < p->nm && p->m[at].pos < i + 2)
            at++;
        memmove(&p->m[at + 1], &p->m[at], (size_t)(p->nm - at) * sizeof *p->m);
        p->nm++;
        p->m[at] = (ask_mention_t){.kind = PH_TABLE, .t = t, .c = -1, .v = -1, .pos = i + 2,
                                   .len = 1, .role = R_NONE};
        return;
    }
}

/* "Riverside County", "the Action category": a table named right after a
 * value of its label is the value's noun — the filter, not a grouping
 * ("Student tickets" are tickets: ticket_type is no label). */
static void value_nouns(const ask_schema_t *s, ask_parse_t *p)
{
    int kept = 0;
    for (int i = 0; i < p->nm; i++) {
        const ask_mention_t *m = &p->m[i], *v = kept ? &p->m[kept - 1] : NULL;
        if (v && m->kind == PH_TABLE && !m->nalt && v->kind == PH_VALUE && !v->nalt && v->t == m->t &&
            m->pos == v->pos + v->len && v->c == s->tables[v->t].label)
            continue;
        p->m[kept++] = *m;
    }
    p->nm = kept;
}

void assemble_plan(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p,
                   const ask_cmp_t *c, int nc)
{
    value_nouns(s, p);
    label_as_table(s, p);
    for (int i = 0; i < p->nm; i++)
        roles_drop_shadows(s, &p->m[i]);
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind != PH_VALUE) {
            roles_resolve_table(s, tk, p, &p->m[i]);
            roles_resolve_alt(p, &p->m[i], -1);
            roles_resolve_by_column(s, p, &p->m[i]);
        }
    side_plan(s, tk, p);
    filters_apply_stock(s, tk, p);
    times_counted(s, tk, p);
    verbed_measure(s, tk, p);
    perentity_plan(s, tk, p);
    span_plan(s, tk, p);
    recent_plan(s, tk, p);
    share_rate(s, tk, p);
    apply_agg_cues(s, tk, p);
    apply_dim_cues(s, tk, p);
    listed_their_count(s, tk, p);
    ranking_most_common(s, tk, p);
    ranking_when_first(s, tk, p);
    donefirst_plan(s, tk, p);
    for (int i = 0; i < nc; i++)
        filters_apply_cmp(s, tk, p, &c[i]);
    filters_apply_numbered(s, tk, p);
    colcmp_plan(s, tk, p);
    measure_default(s, tk, p);
    listed_breakdown(s, tk, p);
    through_count(s, tk, p);
    if (p->q.m.t >= 0 && p->subject < 0)
        p->subject = p->q.m.t;
    if (p->q.kind == Q_LIST && p->want_price) {
        for (int k = 0; k < s->tables[p->q.table].ncols && p->q.m.c < 0; k++)
            if (lexicon_col_is_money(&s->tables[p->q.table].cols[k]))
                p->q.m = (ask_measure_t){M_NONE, p->q.table, k, -1, 0};
        p->q.order = p->q.order ? p->q.order : 1;
    }
    same_plan(s, tk, p);
    filters_apply_values(tk, s, p);
    selfref_verb(s, tk, p);
    filters_apply_nulls(s, tk, p);
    verbrel_apply(s, tk, p);
    filters_apply_exists(s, tk, p);
    filters_apply_flags(s, tk, p);
    filters_place_exists(s, p);
    filters_order_by_cmp(p);
    filters_split_counts(s, tk, p);
    listed_each_value(p);
    through_quantity(s, tk, p), through_stated_count(s, tk, p), through_one_owner(s, p);
    through_value_counted(s, tk, p);
    roles_own_dims(s, tk, p);
    places_add_country(s, p);
    places_short_country(s, tk, p);
    owned_unshown(tk, p);
    ends_pick(s, tk, p);
    for (int i = 0; i < p->nm && p->q.nvia < 2; i++)  /* tables named but not measured */
        if (p->m[i].kind == PH_TABLE && p->m[i].role == R_NONE && p->m[i].t != p->q.m.t &&
            p->m[i].t != p->q.table)
            p->q.via[p->q.nvia++] = p->m[i].t;
    assemble_pick_time(s, tk, p);
    weekday_apply(s, p);
    share_split(s, tk, p);
    ranking_level(s, p);
    ranking_when_asked(s, tk, p);
    ranking_one_named(tk, p);
    for (int i = 0; i < p->nm && p->q.kind == Q_LIST && p->q.nshow < 2; i++) {
        ask_mention_t *m = &p->m[i];  /* "countries and their capitals": capital → city */
        int key = m->kind == PH_TABLE && !m->nalt ? roles_their_key(s, tk, p, m) : -1;
        if (key >= 0)  /* "rooms with their hotel": the room's hotel_no, by the hotel's name */
            p->q.show[p->q.nshow++] = (ask_colref_t){p->q.table, key}, m->role = R_DIM;
        else if (m->kind == PH_COLUMN && !m->nalt && m->role == R_NONE && m->t == p->q.table &&
                 s->tables[m->t].cols[m->c].fk_table >= 0)
            p->q.show[p->q.nshow++] = (ask_colref_t){m->t, m->c};
        else if (m->kind == PH_TABLE && !m->nalt && m->t != p->q.table && roles_their(tk, p, m))
            roles_not_understood(tk, p, m->pos, m->pos + m->len);  /* "with the customer's name":
                                                                     * no key of theirs to show it */
    }
    roles_show_names(s, p);
    for (int i = 0; i < p->q.nshow; i++) {  /* "employees who report to Andrew Fuller": */
        const ask_col_t *key = &s->tables[p->q.show[i].t].cols[p->q.show[i].c];
        if (key->fk_table == p->q.show[i].t && roles_has_value_filter(&p->q, key->fk_table) &&
            !selfref_plan(s, tk, p, i)) {
            roles_set_ambiguous(p, AMB_UNSUPPORTED, NULL);  /* that row, or the rows pointing to it? */
            snprintf(p->unknown_word, sizeof p->unknown_word, "%s", key->name);
            p->unknown++;
        }
    }
    if (p->q.kind == Q_LIST && p->q.table >= 0 && lexicon_is_link(&s->tables[p->q.table]) &&
        !dated_and_pointed_at(s, &p->q, p->q.table))
        roles_set_ambiguous(p, AMB_LINK, NULL);  /* "the advisor of Manber": pairs of ids */
    if (p->order_conflict)
        roles_set_ambiguous(p, AMB_ORDER, NULL);
    if ((p->top || p->popular) && !p->measure_set && p->q.kind != Q_LIST && p->nm)
        roles_set_ambiguous(p, AMB_MEASURE, NULL);
    guards_plan(s, tk, p);
    p->recognised = p->nm + nc + (p->q.date.kind != D_NONE) + (p->q.grain != G_NONE) + p->top +
                    (p->q.kind == Q_LIST && p->q.m.c >= 0);  /* donefirst.c: "who was hired first" */
    account_words(s, tk, p);
    if (!p->unknown)  /* a word not understood is the better question */
        ranking_all_rows(s, p);
    ranking_amount_words(s, tk, p);
    if (p->nameless_group >= 0 && p->q.kind == Q_AGG && !p->q.ndims) {  /* never dropped in silence */
        snprintf(p->unknown_word, sizeof p->unknown_word, "%s", s->tables[p->nameless_group].name);
        roles_set_ambiguous(p, AMB_GROUP, NULL);
    }
    outside_check(s, p);
}
