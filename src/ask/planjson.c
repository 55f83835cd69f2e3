/* planjson.c — a plan to and from its stored JSON form, and in words.
 *
 * The JSON names tables and columns; reading it back resolves every name
 * against the schema again, so a stored plan can never smuggle an identifier
 * or an expression into the SQL (metrics are stored by term, not by text). */
#include "ask/internal.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void plan_init(ask_q_t *q)
{
    memset(q, 0, sizeof *q);
    q->table = q->column = -1;
    q->m = (ask_measure_t){M_NONE, -1, -1, -1, 0};
    q->time = (ask_colref_t){-1, -1};
    q->listed = q->listed_with = q->end = (ask_colref_t){-1, -1};
    q->rel = -1;
}

void plan_clear(ask_q_t *q)
{
    for (int i = 0; i < q->nf; i++)
        for (int k = 0; k < q->f[i].nvals; k++)
            free(q->f[i].vals[k]);
    plan_init(q);
}

void plan_copy(ask_q_t *dst, const ask_q_t *src)
{
    *dst = *src;
    for (int i = 0; i < src->nf; i++)
        for (int k = 0; k < src->f[i].nvals; k++)
            dst->f[i].vals[k] = xstrdup(src->f[i].vals[k]);
}

static json_t *colref_json(const ask_schema_t *s, int t, int c)
{
    if (t < 0)
        return json_null();
    return json_pack("{s:s, s:s?}", "table", s->tables[t].name, "column",
                     c >= 0 ? s->tables[t].cols[c].name : NULL);
}

static json_t *filter_json(const ask_schema_t *s, const ask_filter_t *f)
{
    json_t *j = colref_json(s, f->col.t, f->col.c), *v = json_array();
    json_object_set_new(j, "op", json_string(grammar_op_names[f->op]));
    if (f->op == OP_GT_COL || f->op == OP_LT_COL)  /* colcmp.c: the other column, no values */
        json_object_set_new(j, "than", json_string(s->tables[f->col.t].cols[f->ref[0]].name));
    else if (f->op == OP_IN || f->op == OP_NOT_IN || f->op >= OP_SAME)
        for (int k = 0; k < f->nvals; k++)
            json_array_append_new(v, json_string(f->vals[k]));
    else if (f->op != OP_NULL && f->op != OP_NOT_NULL)
        for (int k = 0; k < (f->op == OP_BETWEEN || f->op == OP_WEEKDAY ? 2 : 1); k++)
            json_array_append_new(v, json_real(f->num[k]));
    if (grammar_names_row(f->op)) {  /* the columns the values name the row by */
        json_t *of = json_array();
        for (int k = 0; k < f->nvals; k++)
            json_array_append_new(of, json_string(s->tables[f->col.t].cols[f->ref[k]].name));
        json_object_set_new(j, "of", of);
    }
    json_object_set_new(j, "values", v);
    if (f->op == OP_WEEKDAY) {  /* "is on a Sunday": the words, not 7 and 7 */
        buf_t says = {0};
        weekday_describe(&says, f);
        json_object_set_new(j, "says", json_string(buf_str(&says)));
        buf_free(&says);
    }
    if (f->cond == FILTER_SHARE)
        json_object_set_new(j, "share_condition", json_true());
    if (f->cond == FILTER_EXISTS)
        json_object_set_new(j, "on_related_rows", json_true());
    return j;
}

json_t *plan_to_json(const ask_schema_t *s, const ask_q_t *q)
{
    json_t *j = json_pack("{s:i, s:s}", "v", 1, "kind", grammar_query_names[q->kind]);
    if (q->kind == Q_CATALOG)
        json_object_set_new(j, "intent", json_string(grammar_catalog_names[q->cat]));
    if (q->table >= 0)
        json_object_set_new(j, "table", json_string(s->tables[q->table].name));
    if (q->column >= 0)
        json_object_set_new(j, "column", json_string(s->tables[q->table].cols[q->column].name));
    if (q->m.kind != M_NONE || q->m.c >= 0) {
        json_t *m = colref_json(s, q->m.t, q->m.c);
        json_object_set_new(m, "agg", json_string(grammar_measure_names[q->m.kind]));
        if (q->m.kind == M_METRIC)
            json_object_set_new(m, "metric", json_string(s->vocab[q->m.metric].term));
        if (q->m.since)  /* the days from this column to "column" */
            json_object_set_new(m, "since", json_string(s->tables[q->m.t].cols[q->m.since - 1].name));
        json_object_set_new(j, "measure", m);
    }
    json_t *dims = json_array(), *fs = json_array();
    for (int i = 0; i < q->ndims; i++)
        json_array_append_new(dims, colref_json(s, q->dims[i].t, q->dims[i].c));
    for (int i = 0; i < q->nf; i++)
        json_array_append_new(fs, filter_json(s, &q->f[i]));
    json_object_set_new(j, "dims", dims);
    json_object_set_new(j, "filters", fs);
    if (q->grain)
        json_object_set_new(j, "grain", json_string(grammar_grain_names[q->grain]));
    if (q->time.t >= 0)
        json_object_set_new(j, "time", colref_json(s, q->time.t, q->time.c));
    if (q->date.kind != D_NONE)
        json_object_set_new(j, "date", json_pack("{s:s, s:s, s:i, s:s, s:s}", "kind",
            grammar_date_names[q->date.kind], "unit", grammar_grain_names[q->date.unit], "n", q->date.n,
            "from", q->date.from, "to", q->date.to));
    if (q->date.later_first)
        json_object_set_new(json_object_get(j, "date"), "later_first", json_true());
    if (q->date.from2[0]) {  /* a second period beside it (periods.c) */
        json_object_set_new(json_object_get(j, "date"), "from2", json_string(q->date.from2));
        json_object_set_new(json_object_get(j, "date"), "to2", json_string(q->date.to2));
    }
    if (q->nvia) {
        json_t *via = json_array();
        for (int i = 0; i < q->nvia; i++)
            json_array_append_new(via, json_string(s->tables[q->via[i]].name));
        json_object_set_new(j, "via", via);
    }
    if (q->limit)
        json_object_set_new(j, "limit", json_integer(q->limit));
    if (q->order)
        json_object_set_new(j, "order", json_string(q->order > 0 ? "desc" : "asc"));
    if (q->rel >= 0)
        json_object_set_new(j, "exists", json_pack("{s:s, s:b}", "table", s->tables[q->rel].name,
                                                   "not", q->rel_not));
    if (q->having)
        json_object_set_new(j, "having", json_pack("{s:s, s:[f, f]}", "op", grammar_op_names[q->having], "values",
                                                   q->hnum[0], q->hnum[1]));
    if (q->share)
        json_object_set_new(j, "share", json_string(grammar_share_names[q->share]));
    if (q->zeros)
        json_object_set_new(j, "zeros", json_true());
    if (q->ties)
        json_object_set_new(j, "ties", json_true());
    if (q->nth)
        json_object_set_new(j, "nth", json_integer(q->nth));
    if (q->each)
        json_object_set_new(j, "each", json_true());
    if (q->per)
        json_object_set_new(j, "per", q->per == 2 ? json_string("count") : json_true());
    if (q->listed.t >= 0)
        json_object_set_new(j, "listed", colref_json(s, q->listed.t, q->listed.c));
    if (q->listed_with.t >= 0)
        json_object_set_new(j, "listed_with", colref_json(s, q->listed_with.t, q->listed_with.c));
    if (q->end.t >= 0)
        json_object_set_new(j, "end", colref_json(s, q->end.t, q->end.c));
    if (q->nshow) {
        json_t *show = json_array();
        for (int i = 0; i < q->nshow; i++)
            json_array_append_new(show, colref_json(s, q->show[i].t, q->show[i].c));
        json_object_set_new(j, "show", show);
    }
    if (q->rel >= 0 && q->rel_cond)
        json_object_set_new(json_object_get(j, "exists"), "share_condition", json_true());
    if (q->rel >= 0 && q->rel_time)
        json_object_set_new(json_object_get(j, "exists"), "dated", json_true());
    return j;
}

static int colref_read(const ask_schema_t *s, const json_t *j, int *t, int *c, int need_col)
{
    const char *tn = json_string_value(json_object_get(j, "table"));
    const char *cn = json_string_value(json_object_get(j, "column"));
    *t = tn ? lexicon_find_table(s, tn) : -1;
    *c = cn ? lexicon_find_column(s, *t, cn) : -1;
    return *t < 0 || (need_col && *c < 0) || (cn && *c < 0) ? -1 : 0;
}

static int valid_day(const char *v)
{
    int y, m, d;
    char tail;
    return !v[0] || (strlen(v) == 10 && sscanf(v, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
                     m >= 1 && m <= 12 && d >= 1 && d <= 31);
}

static int filter_read(const ask_schema_t *s, const json_t *j, ask_filter_t *f)
{
    memset(f, 0, sizeof *f);
    const json_t *v = json_object_get(j, "values");
    f->cond = json_is_true(json_object_get(j, "share_condition")) ? FILTER_SHARE
            : json_is_true(json_object_get(j, "on_related_rows")) ? FILTER_EXISTS : FILTER_WHERE;
    f->op = grammar_find(grammar_op_names, OP_COUNT_, json_string_value(json_object_get(j, "op")));
    if (f->op < 0 || colref_read(s, j, &f->col.t, &f->col.c, 1) < 0 || !json_is_array(v))
        return -1;
    size_t n = json_array_size(v);
    if (f->op == OP_NULL || f->op == OP_NOT_NULL)
        return n == 0 ? 0 : -1;
    if (f->op == OP_GT_COL || f->op == OP_LT_COL)  /* colcmp.c: a column of the same table */
        return n == 0 && (f->ref[0] = lexicon_find_column(s, f->col.t,
                                           json_string_value(json_object_get(j, "than")))) >= 0 ? 0 : -1;
    if (n == 0 || n > ASK_MAX_VALUES)
        return -1;
    for (size_t k = 0; k < n; k++) {
        const json_t *x = json_array_get(v, k);
        if (f->op == OP_IN || f->op == OP_NOT_IN || (f->op >= OP_CONTAINS && n == 1) ||
            (grammar_names_row(f->op) && k < 2)) {
            if (!json_is_string(x))
                return -1;
            f->vals[f->nvals++] = xstrdup(json_string_value(x));
        } else if (k < 2 && json_is_number(x)) {
            f->num[k] = json_number_value(x);
        } else {
            return -1;
        }
    }
    const json_t *of = json_object_get(j, "of");  /* OP_SAME: the row's naming columns */
    for (int k = 0; grammar_names_row(f->op) && k < f->nvals; k++)
        if ((f->ref[k] = lexicon_find_column(s, f->col.t, json_string_value(json_array_get(of, k)))) < 0)
            return -1;
    if (f->op == OP_CHILD_OF || f->op == OP_PARENT_OF) {  /* a key of the table to itself */
        const ask_col_t *k = &s->tables[f->col.t].cols[f->col.c];
        if (k->fk_table != f->col.t || k->fk_col < 0)
            return -1;
    }
    return grammar_names_row(f->op) && (f->nvals > 2 || json_array_size(of) != (size_t)f->nvals) ? -1 : 0;
}

static int date_read(const json_t *j, ask_date_t *d)
{
    const char *from = json_string_value(json_object_get(j, "from"));
    const char *to = json_string_value(json_object_get(j, "to"));
    d->kind = grammar_find(grammar_date_names, D_COUNT_, json_string_value(json_object_get(j, "kind")));
    d->unit = grammar_grain_parse(json_string_value(json_object_get(j, "unit")));
    d->n = (int)json_integer_value(json_object_get(j, "n"));
    d->later_first = json_is_true(json_object_get(j, "later_first"));
    if (d->kind < 0 || !from || !to || !valid_day(from) || !valid_day(to) || d->n < 0 ||
        d->n > 100000 || ((d->kind == D_THIS || d->kind == D_PREV || d->kind == D_LAST_N) &&
                          !d->unit))
        return -1;
    snprintf(d->from, sizeof d->from, "%s", from);
    snprintf(d->to, sizeof d->to, "%s", to);
    const char *from2 = json_string_value(json_object_get(j, "from2"));
    const char *to2 = json_string_value(json_object_get(j, "to2"));
    if (!from2 != !to2 || (from2 && (d->kind != D_RANGE || !valid_day(from2) || !valid_day(to2))))
        return -1;
    snprintf(d->from2, sizeof d->from2, "%s", from2 ? from2 : "");
    snprintf(d->to2, sizeof d->to2, "%s", to2 ? to2 : "");
    return 0;
}

static int measure_read(const ask_schema_t *s, const json_t *j, ask_measure_t *m)
{
    m->kind = grammar_find(grammar_measure_names, M_COUNT_, json_string_value(json_object_get(j, "agg")));
    if (m->kind < 0 || colref_read(s, j, &m->t, &m->c, 0) < 0)
        return -1;
    if (m->kind == M_METRIC) {
        m->metric = lexicon_find_vocab(s, json_string_value(json_object_get(j, "metric")));
        return m->metric < 0 || !s->vocab[m->metric].is_metric ? -1 : 0;
    }
    const char *since = json_string_value(json_object_get(j, "since"));
    m->since = 0;
    for (int c = 0; since && m->t >= 0 && c < s->tables[m->t].ncols && !m->since; c++)
        m->since = strcmp(s->tables[m->t].cols[c].name, since) ? 0 : c + 1;
    if (since && (!m->since || m->c < 0 || m->since - 1 == m->c ||
                  !lexicon_col_is_time(&s->tables[m->t].cols[m->c]) ||
                  !lexicon_col_is_time(&s->tables[m->t].cols[m->since - 1]) ||
                  (m->kind != M_AVG && m->kind != M_MIN && m->kind != M_MAX && m->kind != M_SUM)))
        return -1;  /* a span runs between two date columns of one table */
    int qc, pc;
    if (m->kind == M_REVENUE)
        return lexicon_revenue_cols(s, m->t, &qc, &pc);
    if (m->kind == M_DAYS_SPANNED && (m->c < 0 || !lexicon_col_is_time(&s->tables[m->t].cols[m->c])))
        return -1;  /* the days from the first date to the last */
    return m->kind > M_COUNT && m->c < 0 ? -1 : 0;
}

int plan_from_json(const ask_schema_t *s, const json_t *j, ask_q_t *q, char *err, size_t errlen)
{
    plan_init(q);
    const json_t *dims = json_object_get(j, "dims"), *fs = json_object_get(j, "filters"), *x;
    size_t i;
    int bad = 0, c;
    q->kind = grammar_find(grammar_query_names, Q_COUNT_, json_string_value(json_object_get(j, "kind")));
    q->cat = grammar_find(grammar_catalog_names, CAT_COUNT_, json_string_value(json_object_get(j, "intent")));
    bad |= q->kind < 0 || (q->kind == Q_CATALOG && q->cat < 0);
    if (json_object_get(j, "table") && colref_read(s, j, &q->table, &q->column, 0) < 0)
        bad = 1;
    if ((x = json_object_get(j, "measure")) && measure_read(s, x, &q->m) < 0)
        bad = 1;
    json_array_foreach(dims, i, x) {
        if (q->ndims == ASK_MAX_DIMS || colref_read(s, x, &q->dims[q->ndims].t, &c, 1) < 0)
            bad = 1;
        else
            q->dims[q->ndims++].c = c;
    }
    json_array_foreach(fs, i, x) {
        if (q->nf == ASK_MAX_FILTERS || filter_read(s, x, &q->f[q->nf]) < 0) {
            bad = 1;
            break;
        }
        q->nf++;
    }
    for (int k = 0; k < q->nf; k++)  /* on related rows: only beside an EXISTS */
        bad |= q->f[k].cond == FILTER_EXISTS && !json_object_get(j, "exists");
    json_array_foreach(json_object_get(j, "via"), i, x) {
        int t = lexicon_find_table(s, json_string_value(x) ? json_string_value(x) : "");
        if (t < 0 || q->nvia == 2)
            bad = 1;
        else
            q->via[q->nvia++] = t;
    }
    q->grain = grammar_grain_parse(json_string_value(json_object_get(j, "grain")));
    if ((x = json_object_get(j, "time")) && colref_read(s, x, &q->time.t, &q->time.c, 1) < 0)
        bad = 1;
    if ((x = json_object_get(j, "date")) && date_read(x, &q->date) < 0)
        bad = 1;
    q->limit = (int)json_integer_value(json_object_get(j, "limit"));
    if ((x = json_object_get(j, "exists"))) {
        q->rel = lexicon_find_table(s, json_string_value(json_object_get(x, "table")));
        q->rel_not = json_is_true(json_object_get(x, "not"));
        q->rel_cond = json_is_true(json_object_get(x, "share_condition"));
        q->rel_time = json_is_true(json_object_get(x, "dated"));
        bad |= q->rel < 0 || (q->rel_time && q->time.t != q->rel);
    }
    if ((x = json_object_get(j, "having"))) {
        q->having = grammar_find(grammar_op_names, OP_COUNT_, json_string_value(json_object_get(x, "op")));
        const json_t *v = json_object_get(x, "values");
        q->hnum[0] = json_number_value(json_array_get(v, 0));
        q->hnum[1] = json_number_value(json_array_get(v, 1));
        bad |= q->having < OP_GT || q->having > OP_BETWEEN || q->kind != Q_AGG;
    }
    q->zeros = json_is_true(json_object_get(j, "zeros"));
    q->ties = json_is_true(json_object_get(j, "ties"));
    q->nth = (int)json_integer_value(json_object_get(j, "nth"));
    q->each = json_is_true(json_object_get(j, "each"));
    x = json_object_get(j, "per");
    q->per = json_is_true(x) ? 1 : json_is_string(x) && !strcmp(json_string_value(x), "count") ? 2 : 0;
    bad |= (q->per == 2 && (!q->having || !q->ndims)) || (q->per == 1 && !q->ndims && !q->grain);
    if ((x = json_object_get(j, "listed"))) {
        bad |= colref_read(s, x, &q->listed.t, &c, 1) < 0 || q->kind != Q_LIST || q->listed.t != q->table;
        q->listed.c = c;
    }
    if ((x = json_object_get(j, "listed_with"))) {  /* the pair's second: of the listed table */
        bad |= colref_read(s, x, &q->listed_with.t, &c, 1) < 0 || q->listed.t < 0 ||
               q->listed_with.t != q->table;
        q->listed_with.c = c;
    }
    if ((x = json_object_get(j, "end"))) {  /* a key to the route's end: one of two or more */
        bad |= colref_read(s, x, &q->end.t, &c, 1) < 0 || s->tables[q->end.t].cols[c].fk_table < 0;
        q->end.c = c;
    }
    json_array_foreach(json_object_get(j, "show"), i, x) {
        if (q->nshow == 2 || colref_read(s, x, &q->show[q->nshow].t, &c, 1) < 0 ||
            s->tables[q->show[q->nshow].t].cols[c].fk_table < 0)
            bad = 1;
        else
            q->show[q->nshow++].c = c;
    }
    if ((x = json_object_get(j, "share"))) {
        q->share = grammar_find(grammar_share_names, SHARE_COUNT_, json_string_value(x));
        bad |= q->share <= SHARE_NONE || q->kind != Q_AGG;
    }
    x = json_object_get(j, "order");
    q->order = !x ? 0 : !strcmp(json_string_value(x) ? json_string_value(x) : "", "asc") ? -1 : 1;
    bad |= q->nth < 0 || q->nth > 100 || (q->nth && (q->kind != Q_LIST || q->m.c < 0 || !q->order));
    bad |= q->each && (q->kind != Q_LIST || q->m.c < 0 || !q->order || q->ndims != 1 || q->nth);
    bad |= q->limit < 0 || q->limit > 100000 || ((q->grain || q->date.kind) && q->time.t < 0);
    bad |= (q->kind == Q_CATALOG && q->cat != CAT_TABLES && q->cat != CAT_RELATIONS && q->table < 0) ||
           (q->kind == Q_CATALOG && q->cat == CAT_COLUMN && q->column < 0) ||
           (q->kind == Q_LIST && q->table < 0) || (q->kind == Q_AGG && q->m.kind == M_NONE);
    if (bad) {
        snprintf(err, errlen, "the previous answer's plan does not fit this schema any more");
        plan_clear(q);
        return -1;
    }
    return 0;
}

char *plan_measure_label(const ask_schema_t *s, const ask_measure_t *m)
{
    buf_t b = {0};
    if (m->kind == M_METRIC)
        buf_puts(&b, s->vocab[m->metric].term);
    else if (m->kind == M_REVENUE)
        buf_puts(&b, "revenue");
    else if (m->kind == M_COUNT)
        buf_puts(&b, s->tables[m->t].name);
    else if (m->kind == M_DAYS_SPANNED)  /* span.c: the first date to the last */
        buf_puts(&b, "days");
    else if (m->since)  /* span.c: "avg_days" */
        buf_printf(&b, "%sdays", grammar_measure_prefix[m->kind]);
    else if (m->kind > M_NONE && m->kind <= M_MEDIAN && m->c >= 0)
        buf_printf(&b, "%s%s", grammar_measure_prefix[m->kind], s->tables[m->t].cols[m->c].name);
    else
        buf_puts(&b, "value");
    return buf_detach(&b);
}

static void describe_filters(const ask_schema_t *s, const ask_q_t *q, buf_t *b, int cond)
{
    static const char *const w[] = {"", "over", "at least", "under", "at most"};
    for (int i = 0, n = 0; i < q->nf; i++) {
        const ask_filter_t *f = &q->f[i];
        const ask_table_t *t = &s->tables[f->col.t];
        const char *col = t->label == f->col.c && t->nw ? t->w[t->nw - 1] : t->cols[f->col.c].name;
        int base = q->kind == Q_LIST ? q->table : q->m.t;
        char named[160];
        if (f->cond != cond)
            continue;
        if (base >= 0 && f->col.t != base && t->label != f->col.c && t->nw &&
            !strstr(col, t->w[t->nw - 1])) {  /* "salesman city", not the customer's */
            snprintf(named, sizeof named, "%s %s", t->w[t->nw - 1], col);
            col = named;
        }
        buf_printf(b, "%s %s ", n++ ? " and" : cond == FILTER_SHARE ? " that have"
                   : cond == FILTER_EXISTS ? " whose" : " where", col);
        if (f->op == OP_IN || f->op == OP_NOT_IN) {
            if (t->cols[f->col.c].lists)
                buf_puts(b, f->op == OP_IN ? "lists " : "does not list ");
            else
                buf_puts(b, f->op == OP_IN ? "is " : "is not ");
            for (int k = 0; k < f->nvals; k++)
                buf_printf(b, "%s%s", k ? (k + 1 == f->nvals ? " or " : ", ") : "", f->vals[k]);
        } else if (f->op == OP_NULL || f->op == OP_NOT_NULL) {
            buf_puts(b, f->op == OP_NULL ? "is missing" : "is set");
        } else if (f->op == OP_WEEKDAY) {
            weekday_describe(b, f);
        } else if (f->op == OP_GT_COL || f->op == OP_LT_COL) {
            const ask_col_t *o = &t->cols[f->ref[0]];
            int when = o->kind == CK_DATE || o->kind == CK_TS;
            buf_puts(b, f->op == OP_GT_COL ? (when ? "is after " : "is above ") : (when ? "is before " : "is below "));
            words_put(b, o->w, o->nw);
        } else if (f->op == OP_CHILD_OF || f->op == OP_PARENT_OF) {
            buf_printf(b, f->op == OP_CHILD_OF ? "is %s%s%s" : "is named by %s%s%s's", f->vals[0],
                       f->nvals > 1 ? " " : "", f->nvals > 1 ? f->vals[1] : "");
        } else if (f->op == OP_SAME) {
            buf_printf(b, "is that of %s%s%s (not counting it)", f->vals[0], f->nvals > 1 ? " " : "",
                       f->nvals > 1 ? f->vals[1] : "");
        } else if (f->op >= OP_CONTAINS) {
            buf_printf(b, "%s \"%s\"", f->op == OP_CONTAINS ? "contains" : f->op == OP_STARTS
                       ? "starts with" : "ends with", f->nvals ? f->vals[0] : "");
        } else if (f->op == OP_BETWEEN && f->num[0] == f->num[1]) {
            buf_printf(b, "is exactly %g", f->num[0]);
        } else if (f->op == OP_BETWEEN) {
            buf_printf(b, "is between %g and %g", f->num[0], f->num[1]);
        } else {
            buf_printf(b, "is %s %g", w[f->op], f->num[0]);
        }
    }
}

char *plan_describe(const ask_schema_t *s, const ask_q_t *q)
{
    buf_t b = {0};
    if (q->kind == Q_CATALOG) {
        static const char *const what[CAT_COUNT_] = {
            [CAT_TABLES] = "the tables", [CAT_RELATIONS] = "the tables and views",
            [CAT_COLUMNS] = "the columns of", [CAT_SAMPLE] = "sample rows of",
            [CAT_COUNT] = "the row count of", [CAT_COLUMN] = "the values of"};
        buf_puts(&b, what[q->cat]);
        if (q->column >= 0)
            buf_printf(&b, " %s.%s", s->tables[q->table].name, s->tables[q->table].cols[q->column].name);
        else if (q->table >= 0)
            buf_printf(&b, " %s", s->tables[q->table].name);
        return buf_detach(&b);
    }
    if (q->kind == Q_AGG && q->m.kind == M_NONE)
        return buf_detach(&b);
    if (q->kind == Q_LIST && q->listed.t >= 0) {
        buf_printf(&b, "each %s", s->tables[q->listed.t].cols[q->listed.c].name);
        if (q->listed_with.t >= 0)
            buf_printf(&b, " with its %s", s->tables[q->table].cols[q->listed_with.c].name);
        buf_printf(&b, " of %s", s->tables[q->table].name);
    } else if (q->kind == Q_LIST) {
        buf_printf(&b, "%s rows", s->tables[q->table].name);
        const ask_col_t *mc = q->m.c >= 0 ? &s->tables[q->m.t].cols[q->m.c] : NULL;
        /* a date ranked is said "earliest" / "latest", not "lowest launched_at" */
        const char *rank = !mc ? "" : lexicon_col_is_time(mc) ? (q->order < 0 ? "earliest" : "latest")
                                                              : (q->order < 0 ? "lowest" : "highest");
        if (mc && q->nth)  /* "the second largest": "the 2nd highest price" */
            buf_printf(&b, " with the %d%s %s %s", q->nth, q->nth == 2 ? "nd" : q->nth == 3 ? "rd" : "th",
                       rank, mc->name);
        else if (mc)
            buf_printf(&b, " with the %s %s", rank, mc->name);
    } else {
        char *m = plan_measure_label(s, &q->m);
        if (q->limit && q->order && q->ndims)
            buf_printf(&b, "%s %d ", q->order > 0 ? "top" : "bottom", q->limit);
        if (q->share)
            buf_puts(&b, "percentage of ");
        if (q->per == 2)  /* perentity.c: the entities kept, counted */
            buf_printf(&b, "%s (count) with %s%s", s->tables[q->dims[0].t].name, m,
                       q->m.kind == M_COUNT ? " (count)" : "");
        else if (q->per && !q->ndims)  /* perentity.c: over the periods */
            buf_printf(&b, "average %s per %s (over the %ss with any)", m, grammar_grain_name(q->grain),
                       grammar_grain_name(q->grain));
        else if (q->per && q->dims[0].t == q->m.t && q->dims[0].c != s->tables[q->m.t].pk)
            buf_printf(&b, "average %s per %s (over the %s values with any)", m,  /* per session_id */
                       s->tables[q->dims[0].t].cols[q->dims[0].c].name,
                       s->tables[q->dims[0].t].cols[q->dims[0].c].name);
        else if (q->per && !q->zeros)  /* dated: the entities of the period */
            buf_printf(&b, "average %s per %s (over the %s with any)", m,
                       s->tables[q->dims[0].t].name, s->tables[q->dims[0].t].name);
        else if (q->per)  /* perentity.c: both averages */
            buf_printf(&b, "average %s per %s (over every %s, and over those with any)",
                       m, s->tables[q->dims[0].t].name, s->tables[q->dims[0].t].name);
        else
            buf_puts(&b, m);
        free(m);
        if (q->m.kind == M_COUNT && !q->per)
            buf_puts(&b, " (count)");
        if (q->m.kind == M_DAYS_SPANNED)
            buf_printf(&b, " from the first %s.%s to the last", s->tables[q->m.t].name,
                       s->tables[q->m.t].cols[q->m.c].name);
        if (q->m.since)  /* span.c */
            buf_printf(&b, " from %s to %s", s->tables[q->m.t].cols[q->m.since - 1].name,
                       s->tables[q->m.t].cols[q->m.c].name);
    }
    for (int i = 0; i < q->ndims && !q->per; i++) {
        const ask_table_t *t = &s->tables[q->dims[i].t];
        buf_printf(&b, "%s %s", i ? " and" : q->each ? " in each" : " by", q->dims[i].c == t->label ? t->name
                   : t->cols[q->dims[i].c].name);
    }
    if (q->grain && !(q->per && !q->ndims))
        buf_printf(&b, "%s %s", q->ndims ? " and" : " by", grammar_grain_name(q->grain));
    describe_filters(s, q, &b, 0);
    if (q->rel >= 0 && !q->rel_cond) {
        buf_printf(&b, " %s %s", q->rel_not ? "with no" : "with", s->tables[q->rel].name);
        describe_filters(s, q, &b, FILTER_EXISTS);
    }
    describe_filters(s, q, &b, 1);
    if (q->end.t >= 0)  /* ends.c: "departing" */
        buf_printf(&b, " (joined by %s.%s)", s->tables[q->end.t].name, s->tables[q->end.t].cols[q->end.c].name);
    if (q->rel >= 0 && q->rel_cond)
        buf_printf(&b, " that have %s%s", q->rel_not ? "no " : "", s->tables[q->rel].name);
    if (q->share == SHARE_TOTAL)
        buf_puts(&b, " (of the total)");
    if (q->having) {
        static const char *const w[] = {"", "over", "at least", "under", "at most", "between"};
        if (q->having == OP_BETWEEN && q->hnum[0] == q->hnum[1])
            buf_printf(&b, " having exactly %g", q->hnum[0]);
        else
            buf_printf(&b, " having %s %g", w[q->having], q->hnum[0]);
        if (q->having == OP_BETWEEN && q->hnum[0] != q->hnum[1])
            buf_printf(&b, " and %g", q->hnum[1]);
    }
    if (q->date.kind) {
        buf_putc(&b, ' ');
        dates_describe(&b, &q->date);
        outside_describe_partial(s, q, &b);
    }
    return buf_detach(&b);
}
