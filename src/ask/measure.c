/* measure.c — what an aggregate cue ("how many", "total", "average")
 * makes of the mention after it: a count of a table's rows, a sum of its
 * own amount or of a column of units ("how many hours"), a count of the
 * rows flagged or dated, or a question back where the words fit several
 * measures. assemble.c finds the cue and the mention. */
#include "ask/internal.h"
#include "sqlsafe/sqlsafe.h"

#include <string.h>
#include <strings.h>

/* "how many different nodes" where the table is customer_nodes (a row per
 * customer and node) and nodes are only its node_id: the column of the
 * table's head noun, when the question said that noun alone and no table
 * has it for a name. -1 when none. */
int measure_head_column(const ask_schema_t *s, const ask_mention_t *m)
{
    const ask_table_t *t = &s->tables[m->t];
    if (m->kind != PH_TABLE || m->len != 1 || t->nw < 2)
        return -1;
    const char *head = t->w[t->nw - 1];
    for (int c = 0; c < t->ncols; c++) {
        const ask_col_t *col = &t->cols[c];
        if (c != t->pk && col->fk_table < 0 && col->nw >= 1 && col->nw <= 2 && !strcmp(col->w[0], head) &&
            (col->nw == 1 || words_in(col->w[1], (const char *const[]){"id", "name", "code", NULL})))
            return c;
    }
    return -1;
}


/* "how many tickets were sold" of ticket_sales(quantity): the item said
 * by the table's first word is counted by its one quantity column; -1 */
static int sold_quantity(const ask_schema_t *s, const ask_toks_t *tk, const ask_mention_t *m)
{
    const ask_table_t *t = &s->tables[m->t];
    if (m->len != 1 || t->nw != 2 || strcmp(t->w[1], "sale") || strcmp(tk->t[m->pos].stem, t->w[0]))
        return -1;
    int found = -1;
    for (int c = 0; c < t->ncols; c++)
        if (lexicon_col_is_qty(&t->cols[c]) && !t->cols[c].pk && t->cols[c].fk_table < 0)
            found = found == -1 ? c : -2;
    return found;
}

/* A number column that is a total of each row's own (month_total of
 * monthly_ridership) and not named as the rows' noun (order_total beside
 * "total orders" still counts orders); -1 when none. */
static int kept_total(const ask_table_t *t)
{
    for (int c = 0; c < t->ncols && t->nw; c++) {
        const ask_col_t *col = &t->cols[c];
        if (lexicon_col_is_numeric(col) && !col->pk && col->fk_table < 0 && col->nw == 2 &&
            !strcmp(col->w[1], "total") && strcmp(col->w[0], t->w[t->nw - 1]))
            return c;
    }
    return -1;
}

/* Apply aggregate `agg` (from a cue word) to mention m. */
/* "how many issues" of text_harvests.issues, a whole number named by one
 * plural noun: each row keeps a count of them, to add up — not "with
 * their number of users", each row's own. */
static int kept_count(const ask_toks_t *tk, const ask_mention_t *m, const ask_col_t *c)
{
    size_t n = strlen(c->name);
    for (int k = m->pos - 1; k >= 0 && k >= m->pos - 4; k--)
        if (words_in(tk->t[k].low, (const char *const[]){"their", "its", NULL}))
            return 0;
    return c->nw == 1 && c->kind == CK_INT && !c->pk && c->fk_table < 0 && n > 3 && c->name[n - 1] == 's' &&
           c->name[n - 2] != 's' && strcmp(c->name, c->w[0]) && lexicon_col_is_plain_number(c);
}

void measure_from_cue(const ask_schema_t *s, const ask_toks_t *tk, ask_parse_t *p, ask_mention_t *m, int agg,
                         int distinct, const char *word)
{
    m->role = R_MEASURE;
    p->measure_set = 1;
    if (m->kind == -1) {
        int sales = m->v == 2 && agg == M_COUNT ? nouns_sales_table(s) : -1;
        if (agg == M_SUM || agg == M_NONE || !strcmp(word, "total"))
            revenue_set_measure(s, p);
        else if (sales >= 0)  /* "how many sales did we make": the rows of `sales` */
            p->q.m = (ask_measure_t){M_COUNT, sales, -1, -1, 0}, m->kind = PH_TABLE, m->t = sales;
        else
            roles_set_ambiguous(p, AMB_MEASURE, NULL);
    } else if (m->kind == PH_VOCAB && s->vocab[m->v].is_metric) {
        if (agg == M_SUM || agg == M_NONE || !strcmp(word, "total"))
            p->q.m = (ask_measure_t){M_METRIC, m->t, -1, m->v, 0};
        else  /* "average revenue" of a metric that is already a total: per what? */
            roles_set_ambiguous(p, AMB_MEASURE, NULL);
    } else if (m->kind == PH_TABLE) {
        int money = roles_money_col(s, m->t), own = lexicon_own_amount_col(&s->tables[m->t]),
            kept = nouns_own_count(&s->tables[m->t]);  /* said as its noun ("visits"), not "weeks" */
        const ask_table_t *mt = &s->tables[m->t];  /* "weeks" of weekly_grosses: its rows */
        int said_head = !mt->nw || !strcmp(tk->t[m->pos + m->len - 1].stem, mt->w[mt->nw - 1]);
        kept = said_head ? kept : -1;
        if (kept >= 0 && (agg == M_COUNT || !strcmp(word, "total")) && !distinct)
            p->q.m = (ask_measure_t){M_SUM, m->t, kept, -1, 0};  /* "how many visits": monthly_visits' */
        else if (agg == M_SUM && !strcmp(word, "total") && own >= 0)  /* "total downtime": its minutes */
            p->q.m = (ask_measure_t){M_SUM, m->t, own, -1, 0};
        else if (agg == M_COUNT && !distinct && own >= 0 && s->tables[m->t].cols[own].kind == CK_INT &&
                 !strcasecmp(s->tables[m->t].cols[own].name, s->tables[m->t].name))  /* items.items */
            p->q.m = (ask_measure_t){M_SUM, m->t, own, -1, 0};  /* "how many items": added up */
        else if (agg == M_SUM && !strcmp(word, "total") && revenue_paid_column(s, m->t) >= 0)
            p->q.m = (ask_measure_t){M_SUM, m->t, revenue_paid_column(s, m->t), -1, 0};  /* "total
                                                          * payments": the money paid */
        else if (agg == M_SUM && !strcmp(word, "total") && money >= 0)
            roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* "total loans": how many, or how much? */
        else if (agg == M_COUNT && distinct && measure_head_column(s, m) >= 0)
            p->q.m = (ask_measure_t){M_COUNT_DISTINCT, m->t, measure_head_column(s, m), -1, 0};
        else if (agg == M_COUNT && measure_head_column(s, m) >= 0 && said_head)  /* its rows, or its nodes? */
            roles_set_ambiguous(p, AMB_MEASURE, NULL);
        else if (agg == M_SUM && !strcmp(word, "total") && kept_total(mt) >= 0)
            roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* "total ridership": its rows, or the
                                                         * month_total each keeps? */
        else if (agg == M_COUNT && !distinct && sold_quantity(s, tk, m) >= 0)
            p->q.m = (ask_measure_t){M_SUM, m->t, sold_quantity(s, tk, m), -1, 0};
        else if (agg == M_COUNT || (agg == M_SUM && strcmp(word, "sum")))
            p->q.m = (ask_measure_t){M_COUNT, m->t, -1, -1, 0};
        else if (agg == M_SUM && money >= 0)  /* "sum of loans": of their one amount */
            p->q.m = (ask_measure_t){M_SUM, m->t, money, -1, 0};
        else
            roles_set_ambiguous(p, AMB_MEASURE, NULL);
    } else if (m->nalt) {
        roles_set_ambiguous(p, AMB_COLUMN, m);
    } else {
        const ask_col_t *c = &s->tables[m->t].cols[m->c];
        if (agg == M_COUNT && !distinct && filters_add_flag(s, p, m->t, m->c, m->pos))
            p->q.m = (ask_measure_t){M_COUNT, m->t, -1, -1, 0};  /* "how many survived": rows flagged */
        else if (agg == M_COUNT && !distinct && (lexicon_col_is_qty(c) || (lexicon_col_is_numeric(c) &&
                 !c->pk && c->fk_table < 0 && lexicon_col_has_word(c, lexicon_unit_words))))
            p->q.m = (ask_measure_t){M_SUM, m->t, m->c, -1, 0};  /* "how many units", "how many hours": a sum */
        else if (agg == M_COUNT && !distinct && (lexicon_col_is_time(c) || lexicon_col_is_year(c) ||
                 (c->nw >= 2 && words_in(c->w[c->nw - 1], (const char *const[]){"date", "dt", NULL}))))
            p->q.m = (ask_measure_t){M_COUNT, m->t, s->tables[m->t].pk, -1, 0};  /* "number of hires": rows */
        else if (agg == M_COUNT && !distinct && !c->pk && c->kind == CK_TEXT && c->nsamples == 0 &&
                 (c->n_distinct < 0 || c->n_distinct > SQLSAFE_SAMPLE_VALUES))
            roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* "how many subdivisions" of a column of
                                                         * names: its rows, or its different names? */
        else if (agg == M_COUNT && !distinct && m->len == 1 && c->kind == CK_INT && c->nw == 2 &&
                 !c->pk && c->fk_table < 0 && !words_in(c->w[0], lexicon_unit_words) && strcmp(c->w[1], "id") &&
                 lexicon_col_is_plain_number(c))  /* "how many trains were scheduled" of */
            p->q.m = (ask_measure_t){M_SUM, m->t, m->c, -1, 0};  /* scheduled_trains: a count kept */
        else if (agg == M_COUNT && !distinct && kept_count(tk, m, c))  /* "how many issues" of */
            p->q.m = (ask_measure_t){M_SUM, m->t, m->c, -1, 0};  /* text_harvests.issues: kept counts */
        else if (agg == M_COUNT && !distinct && (lexicon_col_is_plain_number(c) || c->kind == CK_OTHER ||
                                                 c->always_null))
            roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* "how many managers" of YearsWithCurrManager,
                                                         * "how many admins" of a JSON presetAdmin */
        else if (agg == M_COUNT && !distinct && s->tables[m->t].label == m->c && c->kind == CK_TEXT &&
                 c->n_distinct != -1 && paths_pointed_at(s, m->t))
            roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* "how many pets" of patients.pet_name,
                                                         * visits' patient: its rows, or names? */
        else if (agg == M_COUNT && !c->pk && c->fk_table < 0 && c->nw &&
                 lexicon_word_names_table(s, c->w[c->nw - 1], m->t))
            roles_set_ambiguous(p, AMB_MEASURE, NULL);  /* "how many mechanics": the names on
                                                         * appointments, or the mechanic_emp rows? */
        else if (agg == M_COUNT)
            p->q.m = (ask_measure_t){c->pk && !distinct ? M_COUNT : M_COUNT_DISTINCT, m->t, m->c, -1, 0};
        else if (agg == M_NONE && lexicon_col_is_numeric(c) && !lexicon_col_is_additive(c))
            roles_set_ambiguous(p, AMB_MEASURE, NULL),  /* "the balance of each account": sum? latest? */
            p->level = (ask_colref_t){m->t, m->c};
        else if (lexicon_col_is_numeric(c) || ((agg == M_MIN || agg == M_MAX) && c->kind != CK_BOOL))
            p->q.m = (ask_measure_t){agg == M_NONE ? M_SUM : agg, m->t, m->c, -1, 0};
        else
            roles_set_ambiguous(p, AMB_MEASURE, NULL);
    }
}

/* No cue named the measure: a numeric column said alone is averaged or
 * summed by measure_from_cue, a named table is counted (its rows, or its
 * own amount per group), and a question with neither a grouping nor a
 * number is a list of the subject's rows ("list the movies"). */
/* 1 when a value of t's label is said: one row of t named ("in Kladno"). */
static int names_own_row(const ask_schema_t *s, const ask_parse_t *p, int t)
{
    for (int i = 0; i < p->nm; i++)
        if (p->m[i].kind == PH_VALUE && p->m[i].t == t && p->m[i].c == s->tables[t].label)
            return 1;
    return 0;
}

void measure_default(const ask_schema_t *s, ask_toks_t *tk, ask_parse_t *p)
{
    if (ranking_list(s, tk, p))
        return;
    int strong = 0;  /* a numeric column beats the verb "sold" */
    for (int i = 0; i < p->nm; i++)
        strong |= p->m[i].kind == PH_COLUMN && p->m[i].role == R_NONE && !p->m[i].nalt &&
                  lexicon_col_is_numeric(&s->tables[p->m[i].t].cols[p->m[i].c]);
    for (int i = 0; i < p->nm && !p->measure_set; i++) {
        ask_mention_t *m = &p->m[i];
        if (m->role != R_NONE || (m->kind == -1 && m->v == 1 && strong))
            continue;
        /* "instructors and their salaries": a column of each row, not a total */
        if (m->kind == PH_COLUMN && m->pos > 0 && !p->agg_cue && roles_their(tk, p, m))
            continue;
        if (m->kind == PH_COLUMN && !p->agg_cue && owned_number_of_named(s, tk, p, m))  /* Wieland's */
            continue;
        /* "passengers who survived": a flag said without a sum or count is a filter */
        if (m->kind == PH_COLUMN && !m->nalt && lexicon_col_is_flag(&s->tables[m->t].cols[m->c]))
            continue;
        if (m->kind == -1 || (m->kind == PH_VOCAB && s->vocab[m->v].is_metric))
            measure_from_cue(s, tk, p, m, M_NONE, 0, "");
        else if (m->kind == PH_COLUMN && (m->nalt || lexicon_col_is_numeric(&s->tables[m->t].cols[m->c]))) {
            roles_resolve_alt(p, m, -1);
            const ask_col_t *col = &s->tables[m->t].cols[m->c];
            int price = m->nalt == 0 && !lexicon_col_is_qty(col) && strstr(col->name, "rice");
            /* "the average rating of Wargame games" of games.average_rating: averaged
             * (the word said; not one row named: "the average salary in Kladno") */
            int averaged = m->nalt == 0 && col->nw > 1 &&
                           words_in(col->w[0], (const char *const[]){"average", "avg", "mean", NULL}) &&
                           words_in(tk->t[m->pos].low, (const char *const[]){"average", "avg", "mean", NULL}) &&
                           !names_own_row(s, p, m->t);
            measure_from_cue(s, tk, p, m, price || averaged ? M_AVG : M_NONE, 0, "");
        }
    }
    int head = -1;  /* "which suppliers supply paper" of branch_supplier: its supplier_name */
    for (int i = 0; i < p->nm && p->subject < 0 && !p->measure_set; i++)
        if (p->m[i].kind == PH_TABLE && p->m[i].role == R_NONE)
            p->subject = p->m[i].t, p->m[i].role = R_MEASURE, head = measure_head_column(s, &p->m[i]);
    ask_mention_t *by_col = NULL;
    for (int i = 0; i < p->nm && p->subject < 0 && !p->measure_set; i++)
        if (p->m[i].kind == PH_COLUMN && !p->m[i].nalt && p->m[i].role != R_DIM)
            p->subject = p->m[i].t, by_col = &p->m[i];  /* "products priced over 10": the column's rows */
    for (int i = 0; i < tk->n && p->subject < 0 && !p->measure_set; i++)
        if (words_in(tk->t[i].low, (const char *const[]){"list", "show", "which", "what", NULL}))
            p->subject = nouns_value_table(s, tk, p, i + 1 + words_at(tk, i + 1, "me"), 0);  /* "list the movies" */
    if (p->subject < 0 && !p->measure_set)  /* "movies directed by …": the question's first noun */
        p->subject = nouns_value_table(s, tk, p, 0, 0);
    if (p->measure_set || p->subject < 0)
        return;
    int own = nouns_own_amount(s, tk, p, p->subject);  /* "spend per month": its amount */
    int rows = tk->n > 2 && words_at(tk, 0, "how") && words_at(tk, 1, "many") &&
               words_in(tk->t[2].low, (const char *const[]){"entries", "records", "rows", NULL});
    if (rows)  /* "how many entries are between 2 and 4 hours": the subject's rows, counted */
        tk->t[0].used = tk->t[1].used = tk->t[2].used = 1, own = -1;
    if (p->q.ndims || p->q.grain || (own >= 0 && !p->top) || rows) {
        p->q.m = own >= 0 ? (ask_measure_t){M_SUM, p->subject, own, -1, 0}
                          : (ask_measure_t){M_COUNT, p->subject, -1, -1, 0};
        p->measure_set = 1;
    } else if (!p->top || p->want_price) {
        p->q.kind = Q_LIST;
        p->q.table = p->subject;
        if (head >= 0 && s->tables[p->subject].cols[head].kind == CK_TEXT && !p->want_price)
            p->q.listed = (ask_colref_t){p->subject, head};  /* not "the most expensive item": ranked */
        listed_plan(s, tk, p, by_col);
    }
}
