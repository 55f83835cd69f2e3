/* sqlwrite.c — sqlgen_write: a plan to one SELECT. It checks what the plan
 * may not ask for, then picks the shape: the zeros-kept LEFT JOIN or the
 * semi-join (sqlshape.c), a list, or an aggregate (sqlgen.c). The top of
 * the SQL writers: it calls them, none of them calls it. */
#include "ask/sqljoin.h"
#include "core/buf.h"
#include "sqlsafe/sqlsafe.h"

#include <stdio.h>
#include <string.h>

/* ", city.name AS capital_name" for each key column a list names — and the
 * second name column where the row has one ("mgr_id_first_name",
 * "mgr_id_last_name": who, not half of who). */
/* A fanning-out list's outer query reads its base alone: the name a key
 * points at as "(SELECT "ds"."name" FROM "hospital" AS "ds" WHERE
 * "ds"."hospital_id" = "r"."hospital_id")" — one row, by that key. */
static void put_shown_sub(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_colref_t *k,
                          int l)
{
    const ask_col_t *c = &s->tables[k->t].cols[k->c];
    const ask_table_t *ft = &s->tables[c->fk_table];
    buf_puts(b, "(SELECT ");
    dialect_ident(s, b, "ds");
    buf_putc(b, '.');
    dialect_ident(s, b, ft->cols[l].name);
    buf_puts(b, " FROM ");
    dialect_ident(s, b, ft->schema);
    buf_putc(b, '.');
    dialect_ident(s, b, ft->name);
    buf_puts(b, " AS ");
    dialect_ident(s, b, "ds");
    buf_puts(b, " WHERE ");
    dialect_ident(s, b, "ds");
    buf_putc(b, '.');
    dialect_ident(s, b, ft->cols[c->fk_col].name);
    buf_puts(b, " = ");
    sqljoin_put_col(s, b, j, k->t, k->c);
    buf_putc(b, ')');
}

static void put_shown(const ask_schema_t *s, buf_t *b, const joins_t *j, const ask_q_t *q)
{
    for (int i = 0; i < q->nshow && !(j->fanout && s->dialect->no_exists); i++) {  /* correlated */
        const ask_col_t *c = &s->tables[q->show[i].t].cols[q->show[i].c];
        const ask_table_t *ft = &s->tables[c->fk_table];
        for (int k = 0; k < 2; k++) {
            int l = k ? ft->label2 : ft->label;
            if (l < 0 || ft->label < 0)
                continue;
            buf_puts(b, ", ");
            /* "routes departing from Paris Lyon with their arrival station":
             * the stations joined by the departure's key, the arrival's
             * name read by its own */
            int other_end = q->end.t >= 0 && !(q->show[i].t == q->end.t && q->show[i].c == q->end.c);
            if (j->fanout || other_end)
                put_shown_sub(s, b, j, &q->show[i], l);
            else
                sqljoin_put_col(s, b, j, c->fk_table, l);
            buf_puts(b, " AS ");
            buf_t n = {0};
            buf_printf(&n, "%s_%s", c->name, ft->cols[l].name);
            dialect_ident(s, b, buf_str(&n));
            buf_free(&n);
        }
    }
}

/* The one column of t holding a time of day (type time, not timestamp):
 * orders.time beside orders.date. -1 when none or several. */
static int time_of_day(const ask_table_t *t)
{
    int found = -1, start = -1;
    for (int c = 0; c < t->ncols; c++)
        if (!strncmp(t->cols[c].type, "time", 4) && strncmp(t->cols[c].type, "timestamp", 9)) {
            found = found < 0 ? c : -2;
            if (lexicon_col_has_word(&t->cols[c], (const char *const[]){"start", "begin", NULL}))
                start = start < 0 ? c : -2;  /* start_time beside end_time: when it began */
        }
    return found >= 0 ? found : start >= 0 ? start : -1;
}

/* "the districts of the Netherlands": each value once, in order */
static void write_listed(const ask_schema_t *s, const ask_q_t *q, joins_t *j, buf_t *b)
{
    buf_puts(b, "SELECT DISTINCT ");
    sqljoin_put_col(s, b, j, q->listed.t, q->listed.c);
    buf_puts(b, " AS ");
    dialect_ident(s, b, s->tables[q->listed.t].cols[q->listed.c].name);
    if (q->listed_with.t >= 0) {  /* "the instruments with their asset class": each pair once */
        buf_puts(b, ", ");
        sqljoin_put_col(s, b, j, q->listed_with.t, q->listed_with.c);
        buf_puts(b, " AS ");
        dialect_ident(s, b, s->tables[q->listed_with.t].cols[q->listed_with.c].name);
    }
    buf_puts(b, buf_str(&j->from));
    sqlgen_where(s, b, j, q);
    buf_puts(b, " ORDER BY ");
    buf_t by = {0};
    if (s->dialect->no_positions)  /* by its alias where positions are not read */
        dialect_ident(s, &by, s->tables[q->listed.t].cols[q->listed.c].name);
    else
        buf_puts(&by, "1");
    if (q->order && q->m.t == q->listed.t && q->m.c == q->listed.c)  /* "the 3 most recent dates" */
        s->dialect->order_nulls_last(b, buf_str(&by), q->order > 0);
    else
        buf_puts(b, buf_str(&by));
    buf_free(&by);
    buf_printf(b, " LIMIT %d", q->limit > 0 ? q->limit : ASK_GROUP_LIMIT);
}

/* A listed row's columns read otherwise than stored, shown as read too —
 * what the list is dated, compared and ordered by: a range of time by its
 * start (", lower(r.rental_period) AS rental_period_start"), numbers kept
 * in text by the number ("? 12,541": "Average Salary_number" 12541). */
static void put_read_values(const ask_schema_t *s, buf_t *b, const joins_t *j, int t)
{
    for (int c = 0; c < s->tables[t].ncols; c++) {
        const ask_col_t *col = &s->tables[t].cols[c];
        if (!col->range && !col->numtext)
            continue;
        buf_t name = {0};
        buf_printf(&name, "%s_%s", col->name, col->range ? "start" : "number");
        buf_puts(b, ", ");
        sqljoin_put_col(s, b, j, t, c);
        buf_puts(b, " AS ");
        dialect_ident(s, b, buf_str(&name));
        buf_free(&name);
    }
}

/* "the second largest country": after the list's own conditions (nconds of
 * them), col = (SELECT DISTINCT col FROM … WHERE … AND col IS NOT NULL
 * ORDER BY col DESC LIMIT 1 OFFSET 1) — every row holding the nth value. */
static void put_nth(const ask_schema_t *s, const ask_q_t *q, const joins_t *j, buf_t *b, int nconds)
{
    buf_t col = {0};
    sqljoin_put_col(s, &col, j, q->m.t, q->m.c);
    const char *c = buf_str(&col);
    buf_printf(b, "%s%s = (SELECT DISTINCT %s%s", nconds ? " AND " : " WHERE ", c, c, buf_str(&j->from));
    int n = sqlgen_where(s, b, j, q);
    buf_printf(b, "%s%s IS NOT NULL ORDER BY %s %s LIMIT 1 OFFSET %d)", n ? " AND " : " WHERE ", c, c,
               q->order < 0 ? "ASC" : "DESC", q->nth - 1);
    buf_free(&col);
}

static void write_list(const ask_schema_t *s, const ask_q_t *q, joins_t *j, buf_t *b)
{
    joins_t flat;  /* a fanning-out list's outer query reads the base alone, not the nest */
    const joins_t *oj = j;
    if (j->fanout && j->nested) {
        flat = *j;  /* shallow: flat.from is j's, not freed here */
        flat.nested = 0;
        oj = &flat;
    }
    buf_puts(b, "SELECT ");
    sqlshape_put_star(s, b, oj);
    put_shown(s, b, oj, q);
    put_read_values(s, b, oj, q->table);
    if (j->fanout) {  /* "films in the Horror category": each film once, by its key */
        const ask_table_t *t = &s->tables[q->table];
        buf_puts(b, " FROM ");
        sqljoin_put_table(s, b, j, 0);
        buf_puts(b, " WHERE ");
        sqljoin_put_col(s, b, oj, q->table, t->pk);
        buf_puts(b, " IN (SELECT ");
        sqljoin_put_col(s, b, j, q->table, t->pk);
        buf_puts(b, buf_str(&j->from));
        int n = sqlgen_where(s, b, j, q);
        if (q->nth)
            put_nth(s, q, j, b, n);
        buf_putc(b, ')');
    } else {
        buf_puts(b, buf_str(&j->from));
        int n = sqlgen_where(s, b, j, q);
        if (q->nth)
            put_nth(s, q, j, b, n);
    }
    if (q->m.c >= 0) {  /* "the 5 most expensive products" */
        buf_t col = {0};
        sqljoin_put_col(s, &col, oj, q->m.t, q->m.c);
        buf_puts(b, " ORDER BY ");
        s->dialect->order_nulls_last(b, buf_str(&col), q->order >= 0);
        int tod = s->tables[q->m.t].cols[q->m.c].kind == CK_DATE ? time_of_day(&s->tables[q->m.t]) : -1;
        if (tod >= 0) {  /* "the 5 most recent orders" of a day: by their time too */
            buf_reset(&col);
            sqljoin_put_col(s, &col, oj, q->m.t, tod);
            buf_puts(b, ", ");
            s->dialect->order_nulls_last(b, buf_str(&col), q->order >= 0);
        }
        buf_free(&col);
    } else if (s->tables[q->table].pk >= 0) {
        buf_puts(b, " ORDER BY ");
        sqljoin_put_col(s, b, oj, q->table, s->tables[q->table].pk);
    }
    if (q->nth)  /* every row of that value */
        buf_printf(b, " LIMIT %d", ASK_LIST_LIMIT);
    else
        dialect_limit(s, b, q, ASK_LIST_LIMIT);
}


/* 0 when q's EXISTS can be written from base (tried on a scratch
 * buffer), or -1 with err. */
static int exists_writable(const ask_schema_t *s, const ask_q_t *q, int base, char *err, size_t errlen)
{
    joins_t outer = {0};
    buf_t scratch = {0};
    sqljoin_begin(s, &outer, base);
    int rc = sqlgen_exists(s, &scratch, &outer, q, err, errlen);
    buf_free(&scratch);
    buf_free(&outer.from);
    return rc;
}

char *sqlgen_write(const ask_schema_t *s, const ask_q_t *q, char *err, size_t errlen)
{
    buf_t b = {0};
    joins_t j = {.by_name = q->m.kind == M_METRIC};
    int base = q->kind == Q_LIST ? q->table : q->m.t;
    if (base < 0 || base >= s->ntables) {
        snprintf(err, errlen, "the plan names no table");
        return NULL;
    }
    if (q->nth && (q->kind != Q_LIST || q->listed.t >= 0 || q->m.c < 0 || !q->order)) {
        snprintf(err, errlen, "a rank (\"the second …\") is only written for rows ordered by one of their columns");
        return NULL;
    }
    if (q->m.kind == M_MEDIAN && !s->dialect->has_median) {
        snprintf(err, errlen, "a median is not available on this database");
        return NULL;
    }
    if ((q->grain || q->date.kind) && q->time.t < 0) {
        snprintf(err, errlen, "the plan has a period but no date column");
        return NULL;
    }
    if ((q->grain || q->date.kind) && lexicon_col_is_year(&s->tables[q->time.t].cols[q->time.c])) {
        buf_t probe = {0};
        int ok = (!q->grain || q->grain == G_YEAR) &&
                 (!q->date.kind || dates_sql_year(s->dialect, &probe, &q->date, "y") == 0);
        buf_free(&probe);
        if (!ok) {
            snprintf(err, errlen, "%s.%s holds years only, so it cannot hold that period",
                     s->tables[q->time.t].name, s->tables[q->time.t].cols[q->time.c].name);
            return NULL;
        }
    }
    for (int i = 0; i < q->ndims; i++) {  /* "genres", never sampled (or "Math,English"): several per row? */
        const ask_col_t *c = &s->tables[q->dims[i].t].cols[q->dims[i].c];
        int joined = 0;
        for (int k = 0; k < c->nsamples && !joined; k++)
            joined = strpbrk(c->samples[k], ",;|") != NULL;
        if (c->kind == CK_TEXT && (!c->nsamples || joined) && !c->pk && c->nw && words_is_plural(c->name) &&
            c->fk_table < 0 && q->dims[i].c != s->tables[q->dims[i].t].label) {  /* a row's name */
            snprintf(err, errlen, "%s.%s is named in the plural and may hold several values in one "
                     "row; grouping by it would count each combination, so I won't guess",
                     s->tables[q->dims[i].t].name, c->name);
            return NULL;
        }
    }
    for (int i = 0; i < q->ndims; i++)
        if (s->tables[q->dims[i].t].cols[q->dims[i].c].lists) {
            snprintf(err, errlen, "%s.%s holds lists (\"%s\"-separated), and a grouping by "
                     "one of their items is not something I can write yet",
                     s->tables[q->dims[i].t].name, s->tables[q->dims[i].t].cols[q->dims[i].c].name,
                     s->tables[q->dims[i].t].cols[q->dims[i].c].list_sep);
            return NULL;
        }
    if (q->rel >= 0 && exists_writable(s, q, base, err, errlen) < 0)
        return NULL;
    int zeros = sqlshape_zeros(s, q, &b);
    if (zeros == 0)  /* "how many … does each …": zeros kept */
        return buf_detach(&b);
    if (zeros == -2 || zeros == -3) {
        if (zeros == -2)
            snprintf(err, errlen, "%s and %s are linked by more than one key, and I can't tell "
                     "which one the question means", s->tables[q->m.t].name, s->tables[q->dims[0].t].name);
        else
            snprintf(err, errlen, "every %s is asked for, with a count of only some %s: ask for "
                     "the %s that have any, or drop the condition", s->tables[q->dims[0].t].name,
                     s->tables[q->m.t].name, s->tables[q->dims[0].t].name);
        buf_free(&b);
        return NULL;
    }
    if (sqljoin_collect(s, q, &j, base) < 0) {
        snprintf(err, errlen, "%s", j.why[0] ? j.why : "no join path links the tables of this question");
        buf_free(&j.from);
        return NULL;
    }
    sqlshape_nest(s, &j);  /* one JOIN a SELECT where the dialect says so */
    if (j.nested && q->m.kind == M_METRIC) {  /* its expression names tables, not the nest */
        snprintf(err, errlen, "this question joins %d tables, and this database runs at most %d "
                 "join%s in one query: the nested form I write for that cannot hold a metric "
                 "whose definition names its tables", j.n, s->dialect->max_joins,
                 s->dialect->max_joins == 1 ? "" : "s");
        buf_free(&j.from);
        return NULL;
    }
    /* a join that fans out from the base repeats its rows: a list would
     * show them twice, a sum or an average would count them twice */
    int repeats = q->kind == Q_LIST ? (s->tables[base].pk < 0 || (q->m.c >= 0 && q->m.t != base)) &&
                                      q->listed.t < 0
                  : q->m.kind != M_COUNT && q->m.kind != M_COUNT_DISTINCT && q->m.kind != M_MIN &&
                    q->m.kind != M_MAX;
    if (q->share && (j.fanout || q->m.kind == M_METRIC || q->having || q->kind != Q_AGG)) {
        snprintf(err, errlen, "a percentage of %s is only written for a count or a sum "
                 "over rows that are not repeated by a join", s->tables[base].name);
        buf_free(&j.from);
        return NULL;
    }
    if (j.fanout && repeats && q->kind == Q_AGG && sqlshape_semijoin(s, q, &j, &b) == 0) {
        buf_free(&j.from);
        return buf_detach(&b);
    }
    if (j.fanout && repeats) {
        snprintf(err, errlen, "the tables of this question are joined one-to-many, which would "
                 "repeat %s rows", s->tables[base].name);
        buf_free(&j.from);
        return NULL;
    }
    if (q->kind == Q_LIST && q->each)
        sqleach_write(s, q, &j, &b);
    else if (q->kind == Q_LIST && q->listed.t >= 0)
        write_listed(s, q, &j, &b);
    else if (q->kind == Q_LIST)
        write_list(s, q, &j, &b);
    else
        sqlgen_agg(s, q, &j, &b, NULL);
    buf_free(&j.from);
    return buf_detach(&b);
}
