/* sqlgen.c — the clauses of a plan's SELECT (sqlwrite.c picks its shape).
 *
 * Every identifier is quoted and every value a literal by the schema's
 * dialect (engine.h; PostgreSQL's doubles embedded quotes, so "O'Brien" and
 * "'; DROP TABLE x; --" stay inside their string), and every form that
 * differs between engines (ILIKE, a median, FILTER, date_trunc) is the
 * dialect's too. Tables join along the shortest foreign-key path from the
 * measure's (fact) table; a count over a one-to-many join counts distinct
 * keys so rows are not counted twice. */
#include "ask/sqljoin.h"
#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* A date and time, not a date alone: "timestamp …", "datetime", "DateTime64(3)". */
static int is_timestamp(const ask_col_t *c)
{
    return strcasestr(c->type, "timestamp") || strcasestr(c->type, "datetime");
}

/* The measure as an aggregate of an expression: its name ("sum", "count"),
 * the expression written into e ("DISTINCT k" for a count of keys; nothing
 * for count(*)). NULL for a median (e: its column) and a metric (e: its
 * expression, written whole). */
static const char *measure_parts(const ask_schema_t *s, buf_t *e, const joins_t *j,
                                 const ask_measure_t *m)
{
    int q, p;
    switch (m->kind) {
    case M_COUNT:
        if (j->left) {  /* LEFT JOINed: count the rows that are there, 0 for none */
            int k = s->tables[m->t].pk;
            for (int c = 0; k < 0 && c < s->tables[m->t].ncols; c++)
                k = s->tables[m->t].cols[c].pk ? c : -1;
            const ask_edge_t *by = j->edge < 0 ? &s->edges[-j->edge - 1] : NULL;
            if (k < 0 && by && by->from_t == m->t)  /* no key: its key to the entity, */
                k = by->from_c;                      /* NULL where none was joined */
            buf_puts(e, s->tables[m->t].pk >= 0 ? "DISTINCT " : "");
            sqljoin_put_col(s, e, j, m->t, k);
        } else if (j->fanout && s->tables[m->t].pk >= 0) {
            buf_puts(e, "DISTINCT ");
            sqljoin_put_col(s, e, j, m->t, s->tables[m->t].pk);
        }
        return "count";
    case M_METRIC:
        buf_puts(e, s->vocab[m->metric].expr);
        return NULL;
    case M_REVENUE:
        lexicon_revenue_cols(s, m->t, &q, &p);
        if (q < 0) {  /* the line's own amount */
            sqljoin_put_col(s, e, j, m->t, p);
            return "sum";
        }
        sqljoin_put_col(s, e, j, m->t, q);
        buf_puts(e, " * ");
        sqljoin_put_col(s, e, j, m->t, p);
        if ((q = lexicon_discount_col(&s->tables[m->t])) >= 0) {  /* net of the discount */
            buf_puts(e, " * (1 - ");
            sqljoin_put_col(s, e, j, m->t, q);
            buf_putc(e, ')');
        }
        return "sum";
    case M_MEDIAN:
        sqljoin_put_col(s, e, j, m->t, m->c);
        return NULL;
    case M_DAYS_SPANNED: {  /* "days between the first and the last call" */
        buf_t a = {0}, z = {0};
        buf_puts(&a, "min(");
        sqljoin_put_col(s, &a, j, m->t, m->c);
        buf_puts(&z, "max(");
        sqljoin_put_col(s, &z, j, m->t, m->c);
        buf_putc(&a, ')');
        buf_putc(&z, ')');
        s->dialect->days_between(e, buf_str(&a), buf_str(&z));
        buf_free(&a);
        buf_free(&z);
        return NULL;
    }
    default:
        buf_puts(e, m->kind == M_COUNT_DISTINCT ? "DISTINCT " : "");
        if (m->since) {  /* span.c: the days from one date of the row to another */
            buf_t a = {0}, z = {0};
            sqljoin_put_col(s, &a, j, m->t, m->since - 1);
            sqljoin_put_col(s, &z, j, m->t, m->c);
            /* "on average, how many days to close": between two timestamps, to the second */
            if (m->kind == M_AVG && s->dialect->days_elapsed &&
                is_timestamp(&s->tables[m->t].cols[m->since - 1]) && is_timestamp(&s->tables[m->t].cols[m->c]))
                s->dialect->days_elapsed(e, buf_str(&a), buf_str(&z));
            else
                s->dialect->days_between(e, buf_str(&a), buf_str(&z));
            buf_free(&a);
            buf_free(&z);
        } else if (m->kind == M_COUNT_DISTINCT && m->c >= 0 && is_timestamp(&s->tables[m->t].cols[m->c])) {
            buf_t c = {0};  /* span.c: "on how many days": a timestamp's days */
            sqljoin_put_col(s, &c, j, m->t, m->c);
            s->dialect->date_trunc(e, ENGINE_DAY, buf_str(&c));
            buf_free(&c);
        } else
            sqljoin_put_col(s, e, j, m->t, m->c);
        return grammar_measure_sql[m->kind];
    }
}

static void put_measure(const ask_schema_t *s, buf_t *b, const joins_t *j,
                        const ask_measure_t *m)
{
    buf_t e = {0};
    const char *agg = measure_parts(s, &e, j, m);
    int idx = sqljoin_index(j, m->t);
    if (agg && m->kind == M_COUNT && j->left && sqljoin_has_hit(s, j, idx)) {
        buf_t hit = {0};  /* LEFT JOINed rows that are there, not a missing row's defaults */
        sqljoin_put_hit(s, &hit, j, idx);
        s->dialect->agg_if(b, agg, e.len ? buf_str(&e) : NULL, buf_str(&hit));
        buf_free(&hit);
    } else if (agg && m->kind == M_AVG && s->dialect->avg)
        s->dialect->avg(b, buf_str(&e));
    else if (agg && m->kind == M_SUM && j->left)  /* "lifts of each resort": none is 0 */
        buf_printf(b, "coalesce(sum(%s), 0)", buf_str(&e));
    else if (agg)
        buf_printf(b, "%s(%s)", agg, e.len ? buf_str(&e) : "*");
    else if (m->kind == M_MEDIAN)
        s->dialect->median(b, buf_str(&e));  /* sqlgen_write checked has_median */
    else
        buf_puts(b, buf_str(&e));
    buf_free(&e);
}

/* The question's period on the time column written as col. */
static void put_period(const ask_schema_t *s, buf_t *b, const ask_q_t *q, const char *col)
{
    if (!lexicon_col_is_year(&s->tables[q->time.t].cols[q->time.c]))
        dates_sql(s->dialect, b, &q->date, col);
    else if (dates_sql_year(s->dialect, b, &q->date, col) < 0)
        buf_puts(b, "false");  /* sqlgen_write checked it: not reached */
}

/* The related rows' own tables, aliased apart from the outer query's
 * ("x" first): rel, the walk from it to the base (through a link table:
 * film ← film_actor → actor), and every table the conditions on the
 * related rows and their period need ("never been in a Comedy film":
 * film → film_category → category). -1 with err when one cannot be joined. */
static int exists_joins(const ask_schema_t *s, const ask_q_t *q, const int *path, int len,
                        joins_t *in, char *err, size_t errlen)
{
    *in = (joins_t){.prefix = "x"};
    sqljoin_begin(s, in, q->rel);
    int rc = 0;
    for (int k = 0; k < len; k++)
        if (s->edges[path[k] - 1].from_t != q->rel)
            rc |= sqljoin_add(s, in, s->edges[path[k] - 1].from_t);
    for (int i = 0; i < q->nf; i++)
        if (q->f[i].cond == FILTER_EXISTS)
            rc |= sqljoin_add(s, in, q->f[i].col.t);
    if (q->rel_time)
        rc |= sqljoin_add(s, in, q->time.t);
    if (rc == 0)
        sqlshape_nest(s, in);
    if (rc < 0)
        snprintf(err, errlen, "%s", in->why[0] ? in->why : "the conditions on the related rows "
                 "are not joined to them by a key");
    return rc < 0 ? -1 : 0;
}

/* [NOT] EXISTS (SELECT 1 FROM rel … WHERE <last hop> = base.key AND <the
 * conditions on the related rows> AND <their period>) — or, where the
 * dialect has no EXISTS, base.key [NOT] IN (SELECT <last hop> FROM rel …
 * WHERE <last hop> IS NOT NULL AND …): the same rows for a key that is
 * not NULL (a NULL key has no related rows either way). */
int sqlgen_exists(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_q_t *q,
                  char *err, size_t errlen)
{
    int path[6], len = paths_exists(s, q->rel, j->t[0], path, 6);
    if (len < 1) {
        snprintf(err, errlen, "no key links %s to %s", s->tables[q->rel].name, s->tables[j->t[0]].name);
        return -1;
    }
    if (len > 1 && exists_own_doer(s, q->rel, j->t[0], err, errlen) < 0)
        return -1;  /* comments → posts → users: the post's author, not the commenter */
    for (int k = 0; k < len; k++)  /* prereq → course by course_id or by prereq_id */
        if (sqljoin_has_rival(s, &s->edges[path[k] - 1])) {
            snprintf(err, errlen, "%s is linked to %s by more than one key", s->tables[q->rel].name,
                     s->tables[j->t[0]].name);
            return -1;
        }
    joins_t in;
    if (exists_joins(s, q, path, len, &in, err, errlen) < 0) {
        buf_free(&in.from);
        return -1;
    }
    const ask_edge_t *last = &s->edges[path[len - 1] - 1];
    int parts = 0;  /* (podcast_id, episode_num) → episode: the key's other columns too */
    for (int x = 0; x < s->nedges; x++)
        parts += s->edges[x].from_t == last->from_t && s->edges[x].to_t == last->to_t &&
                 s->edges[x].from_c != last->from_c && s->edges[x].to_c != last->to_c;
    if (parts && s->dialect->no_exists) {
        snprintf(err, errlen, "%s is linked to %s by a key of several columns", s->tables[q->rel].name,
                 s->tables[j->t[0]].name);
        buf_free(&in.from);
        return -1;
    }
    buf_t fk = {0};
    sqljoin_put_col(s, &fk, &in, last->from_t, last->from_c);
    if (s->dialect->no_exists) {
        sqljoin_put_col(s, b, j, j->t[0], last->to_c);
        buf_printf(b, " %sIN (SELECT %s%s WHERE %s IS NOT NULL", q->rel_not ? "NOT " : "",
                   buf_str(&fk), buf_str(&in.from), buf_str(&fk));
    } else {
        buf_puts(b, q->rel_not ? "NOT EXISTS (SELECT 1" : "EXISTS (SELECT 1");
        buf_printf(b, "%s WHERE %s = ", buf_str(&in.from), buf_str(&fk));
        sqljoin_put_col(s, b, j, j->t[0], last->to_c);
        for (int x = 0; x < s->nedges && parts; x++) {
            const ask_edge_t *o = &s->edges[x];
            if (o->from_t != last->from_t || o->to_t != last->to_t || o->from_c == last->from_c ||
                o->to_c == last->to_c)
                continue;
            buf_puts(b, " AND ");
            sqljoin_put_col(s, b, &in, o->from_t, o->from_c);
            buf_puts(b, " = ");
            sqljoin_put_col(s, b, j, j->t[0], o->to_c);
        }
    }
    buf_free(&fk);
    for (int i = 0; i < q->nf; i++)
        if (q->f[i].cond == FILTER_EXISTS) {
            buf_puts(b, " AND ");
            sqlgen_filter(s, b, &in, &q->f[i]);
        }
    if (q->rel_time) {
        buf_t col = {0};
        sqljoin_put_col(s, &col, &in, q->time.t, q->time.c);
        buf_puts(b, " AND ");
        put_period(s, b, q, buf_str(&col));
        buf_free(&col);
    }
    buf_putc(b, ')');
    buf_free(&in.from);
    return 0;
}

/* The filters (cond 0: the WHERE; cond 1: a share's condition), joined by AND. */
static int put_filters(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_q_t *q,
                       int cond, const char *first)
{
    int n = 0;
    for (int i = 0; i < q->nf; i++)
        if (q->f[i].cond == cond) {
            buf_puts(b, n++ ? " AND " : first);
            sqlgen_filter(s, b, j, &q->f[i]);
        }
    if (q->rel >= 0 && q->rel_cond == cond) {
        char err[200];
        buf_puts(b, n++ ? " AND " : first);
        sqlgen_exists(s, b, j, q, err, sizeof err);  /* sqlgen_write checked it can */
    }
    return n;
}

int sqlgen_where(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_q_t *q)
{
    int n = put_filters(s, b, j, q, 0, " WHERE ");
    if (q->date.kind != D_NONE && q->time.t >= 0 && !q->rel_time) {
        buf_t col = {0};
        sqljoin_put_col(s, &col, j, q->time.t, q->time.c);
        buf_puts(b, n++ ? " AND " : " WHERE ");
        put_period(s, b, q, buf_str(&col));
        buf_free(&col);
    }
    return n;
}

/* Output name of a grouping column: the table ("category") for its label
 * column, the column's own name otherwise. */
static void put_dim_name(const ask_schema_t *s, buf_t *b, ask_colref_t d)
{
    const ask_table_t *tb = &s->tables[d.t];
    if (tb->label == d.c && tb->nw) {  /* the table's noun as said: "state", not its stem "status" */
        buf_t n = {0};
        char **w;
        int nw = words_ident_plain(tb->name, &w);
        for (int k = 0; k < nw; k++)
            buf_printf(&n, "%s%s", k ? "_" : "", w[k]);
        words_free_list(w, nw);
        dialect_ident(s, b, buf_str(&n));
        buf_free(&n);
    } else {
        dialect_ident(s, b, tb->cols[d.c].name);
    }
}

/* The measure over the rows where the share's condition holds: the
 * dialect's agg_if (a median: of CASE WHEN cond THEN x END). A metric is
 * never a share (sqlgen_write). */
static void put_cond_measure(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_q_t *q)
{
    buf_t e = {0}, cond = {0};
    const char *agg = measure_parts(s, &e, j, &q->m);
    put_filters(s, &cond, j, q, 1, "");
    if (agg) {
        s->dialect->agg_if(b, agg, e.len ? buf_str(&e) : NULL, buf_str(&cond));
    } else {
        buf_t c = {0};
        buf_printf(&c, "CASE WHEN %s THEN %s END", buf_str(&cond), buf_str(&e));
        s->dialect->median(b, buf_str(&c));
        buf_free(&c);
    }
    buf_free(&e);
    buf_free(&cond);
}

/* expr as it is, or as a float where a dialect keeps decimals apart */
static void put_float(const ask_schema_t *s, buf_t *b, const char *expr)
{
    if (s->dialect->float_apart)
        s->dialect->cast(b, expr, "float");
    else
        buf_puts(b, expr);
}

/* The measure, or its percentage: 100 × where the condition holds / all
 * (SHARE_COND), 100 × the group's / all groups' (SHARE_TOTAL). */
static void put_share(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_q_t *q)
{
    if (!q->share)
        return put_measure(s, b, j, &q->m);
    buf_t part = {0}, all = {0};
    if (q->share == SHARE_COND)
        put_cond_measure(s, &part, j, q);
    else
        put_measure(s, &part, j, &q->m);
    put_measure(s, &all, j, &q->m);
    buf_puts(b, "100.0 * ");
    put_float(s, b, buf_str(&part));
    buf_puts(b, q->share == SHARE_COND ? " / NULLIF(" : " / NULLIF(sum(");
    put_float(s, b, buf_str(&all));
    buf_puts(b, q->share == SHARE_COND ? ", 0)" : ") OVER (), 0)");
    buf_free(&part);
    buf_free(&all);
}

/* GROUP BY and ORDER BY of an aggregate: by output position, or by alias
 * (al: the aliases of the output columns, the measure's last). */
static void agg_tail(const ask_schema_t *s, const ask_q_t *q, joins_t *j, buf_t *b, int ncols,
                     const buf_t *al)
{
    buf_puts(b, " GROUP BY ");
    for (int i = 1; i <= ncols; i++) {
        buf_puts(b, i > 1 ? ", " : "");
        dialect_position(s, b, i, al);
    }
    for (int i = 0; i < q->ndims; i++) {  /* two actors both called PENELOPE stay two */
        const ask_table_t *tb = &s->tables[q->dims[i].t];
        if (q->dims[i].c == tb->label && tb->pk >= 0 && tb->pk != tb->label &&
            tb->cols[tb->label].n_distinct != -1 && lexicon_label_names_rows(tb)) {
            buf_puts(b, ", ");
            sqljoin_put_col(s, b, j, q->dims[i].t, tb->pk);
        }
    }
    if (q->having) {  /* "airlines with more than 500 routes" */
        static const char *const ops[] = {"", " > ", " >= ", " < ", " <= "};
        buf_puts(b, " HAVING ");
        put_measure(s, b, j, &q->m);
        if (q->having == OP_BETWEEN)
            buf_printf(b, " BETWEEN %.15g AND %.15g", q->hnum[0], q->hnum[1]);
        else
            buf_printf(b, "%s%.15g", ops[q->having], q->hnum[0]);
    }
    buf_puts(b, " ORDER BY ");
    if (q->grain == G_DOW && !q->order && !q->ndims) {  /* Monday first, not Friday */
        buf_t col = {0};
        sqljoin_put_col(s, &col, j, q->time.t, q->time.c);
        buf_puts(b, "min(");
        s->dialect->date_part(b, "dow", buf_str(&col));
        buf_putc(b, ')');
        buf_free(&col);
    } else if (q->grain && !q->order) {
        dialect_position(s, b, 1, al);
        buf_puts(b, q->date.later_first ? " DESC" : "");  /* "2023 compared with 2022" */
        if (ncols > 1) {
            buf_puts(b, ", ");
            dialect_position(s, b, 2, al);
        }
    } else {
        buf_t pos = {0};  /* the measure, by its place */
        dialect_position(s, &pos, ncols + 1, al);
        s->dialect->order_nulls_last(b, buf_str(&pos), q->order >= 0);
        buf_free(&pos);
        if (!dialect_ties(s, q)) {  /* the first name of equals, or each of them */
            buf_puts(b, ", ");
            dialect_position(s, b, 1, al);
        }
    }
    if (q->limit >= 0)  /* -1: every group (perentity.c averages them) */
        dialect_limit(s, b, q, ASK_GROUP_LIMIT);
}

/* The text key of dim i's table, shown beside its label when the label
 * repeats in the data and the key keeps the groups apart (currencies by
 * name: two rows read 'CFA Franc', XOF and XAF); -1 when not. */
static int readable_key_beside(const ask_schema_t *s, const ask_q_t *q, int i)
{
    const ask_table_t *tb = &s->tables[q->dims[i].t];
    if (q->dims[i].c != tb->label || tb->pk < 0 || tb->pk == tb->label || tb->label2 >= 0 ||
        tb->cols[tb->pk].kind != CK_TEXT || tb->cols[tb->label].n_distinct == -1 ||
        !lexicon_label_names_rows(tb) || lexicon_col_distinct(tb, &tb->cols[tb->label]) >= tb->rows)
        return -1;
    for (int k = 0; k < q->ndims; k++)
        if (q->dims[k].t == q->dims[i].t && q->dims[k].c == tb->pk)
            return -1;
    return tb->pk;
}

void sqlgen_agg(const ask_schema_t *s, const ask_q_t *q, joins_t *j, buf_t *b, const char *semi)
{
    int ncols = 0;
    buf_t al[ASK_MAX_DIMS + 2] = {{0}};  /* each output column's alias, quoted */
    buf_puts(b, "SELECT ");
    if (q->grain && lexicon_col_is_year(&s->tables[q->time.t].cols[q->time.c])) {
        sqljoin_put_col(s, b, j, q->time.t, q->time.c);  /* a year column is its own grain */
        buf_puts(b, " AS ");
        dialect_ident(s, &al[ncols], "year");
        buf_puts(b, buf_str(&al[ncols]));
        buf_puts(b, ", ");
        ncols++;
    } else if (q->grain) {  /* "by year": 2024, not 2024-01-01 */
        buf_t col = {0};
        sqljoin_put_col(s, &col, j, q->time.t, q->time.c);
        if (q->grain == G_YEAR)
            s->dialect->date_part(b, "year", buf_str(&col));
        else if (q->grain == G_QUARTER && periods_within_year(&q->date))
            s->dialect->date_part(b, "quarter", buf_str(&col));  /* "each quarter of 2020": 1 … 4 */
        else if (q->grain == G_DOW)  /* "by day of the week": Monday … Sunday */
            weekday_group_sql(s->dialect, b, buf_str(&col));
        else
            s->dialect->date_trunc(b, dialect_grain(q->grain), buf_str(&col));
        buf_puts(b, " AS ");
        dialect_ident(s, &al[ncols], grammar_grain_name(q->grain));
        buf_puts(b, buf_str(&al[ncols]));
        buf_puts(b, ", ");
        buf_free(&col);
        ncols++;
    }
    for (int i = 0; i < q->ndims; i++, ncols++) {
        sqljoin_put_col(s, b, j, q->dims[i].t, q->dims[i].c);
        buf_puts(b, " AS ");
        put_dim_name(s, &al[ncols], q->dims[i]);
        buf_puts(b, buf_str(&al[ncols]));
        buf_puts(b, ", ");
        int code = readable_key_beside(s, q, i);
        if (code >= 0 && ncols + 1 < ASK_MAX_DIMS) {  /* 'CFA Franc' twice: XOF and XAF */
            ncols++;
            sqljoin_put_col(s, b, j, q->dims[i].t, code);
            buf_puts(b, " AS ");
            dialect_ident(s, &al[ncols], s->tables[q->dims[i].t].cols[code].name);
            buf_puts(b, buf_str(&al[ncols]));
            buf_puts(b, ", ");
        }
    }
    put_share(s, b, j, q);
    char *label = plan_measure_label(s, &q->m);
    buf_puts(b, " AS ");
    dialect_ident(s, &al[ncols], q->share ? "percent" : label);
    buf_puts(b, buf_str(&al[ncols]));
    free(label);
    buf_puts(b, buf_str(&j->from));
    int nw = sqlgen_where(s, b, j, q);
    buf_puts(b, semi ? semi : "");
    /* a ranking of groups: "which city has the most airports" — a NULL is no
     * city; nor is it a director among "directors with more than 10 titles" */
    for (int i = 0; ((q->order && q->limit > 0) || q->having) && !q->share && i < q->ndims; i++) {
        const ask_table_t *dt = &s->tables[q->dims[i].t];
        if (i && q->dims[i].c == dt->label2 && q->dims[i - 1].t == q->dims[i].t &&
            lexicon_col_has_word(&dt->cols[dt->label2], (const char *const[]){"city", NULL}))
            continue;  /* an airport whose city is not known is still an airport */
        buf_puts(b, nw++ || semi ? " AND " : " WHERE ");
        sqljoin_put_col(s, b, j, q->dims[i].t, q->dims[i].c);
        buf_puts(b, " IS NOT NULL");
    }
    /* "how many fires started each year": a fire with no date started in no year */
    const ask_col_t *tc = q->time.t >= 0 ? &s->tables[q->time.t].cols[q->time.c] : NULL;
    if (q->grain && tc && q->date.kind == D_NONE && !tc->never_null &&
        (tc->kind == CK_DATE || tc->kind == CK_TS)) {  /* a year_acquired column keeps its empty year */
        buf_puts(b, nw++ || semi ? " AND " : " WHERE ");
        sqljoin_put_col(s, b, j, q->time.t, q->time.c);
        buf_puts(b, " IS NOT NULL");
    }
    if (ncols)
        agg_tail(s, q, j, b, ncols, al);
    for (int i = 0; i <= ncols; i++)
        buf_free(&al[i]);
}

