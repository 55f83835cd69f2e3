/* sqljoin.c — the FROM clause of a generated SELECT: the base table and
 * every table a grouping, filter, period or metric needs, joined along the
 * shortest foreign-key path (or through a table the question named), with
 * aliases, composite keys joined on all their columns, and the joins that
 * would be wrong refused: two keys to the same column (two roles), up to a
 * parent and down to another of its children (rows that merely share it). */
#include "ask/sqljoin.h"
#include "core/mem.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sqljoin_index(const joins_t *j, int t)
{
    for (int i = 0; i < j->n; i++)
        if (j->t[i] == t)
            return i;
    return -1;
}

static void alias_for(const ask_schema_t *s, joins_t *j, int t)
{
    char a[64] = "";
    const ask_table_t *tb = &s->tables[t];
    if (j->by_name)
        snprintf(a, sizeof a, "%s", tb->name);
    else
        for (int k = 0; k < tb->nw && strlen(a) < 8; k++)
            strncat(a, tb->w[k], 1);
    if (!a[0] || (a[0] >= '0' && a[0] <= '9'))
        snprintf(a, sizeof a, "t");
    char cand[64];
    const char *pre = j->prefix ? j->prefix : "";
    snprintf(cand, sizeof cand, "%s%s", pre, a);
    for (int k = 2; ; k++) {
        int clash = 0;
        for (int i = 0; i < j->n; i++)
            clash |= !strcmp(j->alias[i], cand);
        if (!clash)
            break;
        snprintf(cand, sizeof cand, "%s%.50s%d", pre, a, k);
    }
    j->t[j->n] = t;
    snprintf(j->alias[j->n++], sizeof j->alias[0], "%s", cand);
}

void sqljoin_put_table(const ask_schema_t *s, buf_t *b, const joins_t *j, int idx)
{
    const ask_table_t *tb = &s->tables[j->t[idx]];
    dialect_ident(s, b, tb->schema);
    buf_putc(b, '.');
    dialect_ident(s, b, tb->name);
    buf_puts(b, " AS ");
    dialect_ident(s, b, j->alias[idx]);
}

/* Join every table on the shortest path to t from the base — or from a
 * table the question named ("revenue from customers in Germany" reaches the
 * country through the customer), which wins a tie. */
static int forward_only(const int *path, int n)
{
    for (int i = 0; i < n; i++)
        if (path[i] < 0)
            return 0;
    return 1;
}

/* Another key of the same table pointing at the same column: two roles
 * ("Source airport ID", "Destination airport ID"), so no join is right by
 * default. Edges to other columns of the target are one composite key. */
int sqljoin_has_rival(const ask_schema_t *s, const ask_edge_t *e)
{
    for (int x = 0; x < s->nedges; x++) {
        const ask_edge_t *o = &s->edges[x];
        if (o != e && o->from_t == e->from_t && o->to_t == e->to_t && o->to_c == e->to_c &&
            o->from_c != e->from_c)
            return 1;
    }
    return 0;
}

void sqljoin_put_ref(const ask_schema_t *s, buf_t *b, const joins_t *j, int idx, const char *col)
{
    if (idx < j->nested) {  /* inside the nest: its column "alias__column" */
        buf_t n = {0};
        buf_printf(&n, "%s__%s", j->alias[idx], col);
        dialect_ident(s, b, j->nest);
        buf_putc(b, '.');
        dialect_ident(s, b, buf_str(&n));
        buf_free(&n);
        return;
    }
    dialect_ident(s, b, j->alias[idx]);
    buf_putc(b, '.');
    dialect_ident(s, b, col);
}

/* "from"."fk_col" = "to"."key_col" for edge e, with j's tables fi, ti. */
static void put_key_eq(const ask_schema_t *s, buf_t *b, const joins_t *j, int fi, int ti,
                       const ask_edge_t *e)
{
    sqljoin_put_ref(s, b, j, fi, s->tables[e->from_t].cols[e->from_c].name);
    buf_puts(b, " = ");
    sqljoin_put_ref(s, b, j, ti, s->tables[e->to_t].cols[e->to_c].name);
}

int sqljoin_has_hit(const ask_schema_t *s, const joins_t *j, int idx)
{
    return idx > 0 && j->step_left[idx] && s->dialect->left_join_defaults;
}

void sqljoin_put_hit(const ask_schema_t *s, buf_t *b, const joins_t *j, int idx)
{
    sqljoin_put_ref(s, b, j, idx, SQLJOIN_HIT);
    buf_puts(b, " = 1");
}

void sqljoin_put_step(const ask_schema_t *s, buf_t *b, const joins_t *j, int idx)
{
    buf_puts(b, j->step_left[idx] ? " LEFT JOIN " : " JOIN ");
    if (sqljoin_has_hit(s, j, idx)) {  /* its rows that are there, told from the defaults */
        const ask_table_t *tb = &s->tables[j->t[idx]];
        buf_puts(b, "(SELECT *, 1 AS ");
        dialect_ident(s, b, SQLJOIN_HIT);
        buf_puts(b, " FROM ");
        dialect_ident(s, b, tb->schema);
        buf_putc(b, '.');
        dialect_ident(s, b, tb->name);
        buf_puts(b, ") AS ");
        dialect_ident(s, b, j->alias[idx]);
    } else {
        sqljoin_put_table(s, b, j, idx);
    }
    buf_puts(b, " ON ");
    for (int k = 0; k < j->non[idx]; k++) {
        buf_puts(b, k ? " AND " : "");
        put_key_eq(s, b, j, j->on[idx][k].fi, j->on[idx][k].ti, &s->edges[j->on[idx][k].e]);
    }
}

/* j's table ib joined to ia along edge e (and the other columns of its
 * composite key), recorded and written to j->from; -1 (nothing written)
 * for a key of more columns than a step records. */
static int join_step(const ask_schema_t *s, joins_t *j, int ia, int ib, int fwd, const ask_edge_t *e)
{
    int fi = fwd ? ia : ib, ti = fwd ? ib : ia, n = 0;
    j->on[ib][n++] = (sqljoin_on_t){fi, ti, (int)(e - s->edges)};
    for (int x = 0; x < s->nedges; x++) {
        const ask_edge_t *o = &s->edges[x];
        if (o == e || o->from_t != e->from_t || o->to_t != e->to_t || o->to_c == e->to_c)
            continue;
        if (n == ASK_MAX_KEYCOLS)
            return -1;
        j->on[ib][n++] = (sqljoin_on_t){fi, ti, x};
    }
    j->non[ib] = n;
    j->step_left[ib] = j->left;
    sqljoin_put_step(s, &j->from, j, ib);
    return 0;
}

/* "payment is linked to store through staff or through customer: …" —
 * the first hops of the cheapest routes, for the question back. */
static void routes_why(const ask_schema_t *s, joins_t *j, int t, int len)
{
    int base = j->t[0], path[ASK_MAX_JOINED], seen[4], n = 0;
    buf_t b = {0};
    buf_printf(&b, "%s is linked to %s", s->tables[base].name, s->tables[t].name);
    for (int e = 0; e < s->nedges && n < 4 && len > 1; e++) {
        const ask_edge_t *ed = &s->edges[e];
        int v = ed->from_t == base ? ed->to_t : ed->to_t == base ? ed->from_t : -1, dup = 0;
        for (int k = 0; k < n; k++)
            dup |= seen[k] == v;
        if (v < 0 || v == t || dup || paths_find(s, v, t, path, ASK_MAX_JOINED) != len - 1)
            continue;
        buf_printf(&b, "%s through %s", n ? " or" : "", s->tables[v].name);
        seen[n++] = v;
    }
    buf_printf(&b, "%s: say which (\"… of the %s\")", n ? "" : " in more than one way",
               n ? s->tables[seen[0]].name : s->tables[t].name);
    snprintf(j->why, sizeof j->why, "%s", buf_str(&b));
    buf_free(&b);
}

static int grouped_or_measured(const ask_q_t *q, int t)
{
    for (int i = 0; i < q->ndims; i++)
        if (q->dims[i].t == t)
            return 1;
    return q->m.t == t;
}

static int sqljoin_to(const ask_schema_t *s, joins_t *j, int t, const ask_q_t *q)
{
    int path[ASK_MAX_JOINED], alt[ASK_MAX_JOINED], hop[ASK_MAX_JOINED], up_path[ASK_MAX_JOINED];
    if (sqljoin_index(j, t) >= 0)
        return 0;
    int len = paths_find(s, j->t[0], t, path, ASK_MAX_JOINED), named = 0;
    for (int v = 0; q && v < q->nvia; v++) {
        int via = q->via[v];
        int n = via == t ? -1 : paths_find(s, via, t, alt, ASK_MAX_JOINED);
        int m = sqljoin_index(j, via) >= 0 ? 0 : paths_find(s, j->t[0], via, hop, ASK_MAX_JOINED);
        /* only through a named table the base reaches without fanning out,
         * and on to t without fanning out where the base's own way does not
         * ("the county with the most tornadoes and its state": tornadoes →
         * counties, never states → all of a state's counties) */
        int nu = via != j->t[0] ? paths_find(s, j->t[0], via, up_path, ASK_MAX_JOINED) : 0;
        int up = nu > 0 && forward_only(up_path, nu);
        /* up to the named table and down to another of its children
         * ("students per instructor" in their departments) links rows that
         * merely share it, as the way without it does (below) — for a
         * grouping or a measure; a filter there is a semi-join ("projects
         * of departments that have a location in Stafford") */
        if (up && n > 0 && alt[0] < 0 && grouped_or_measured(q, t))
            continue;
        if (n < 0 || m < 0 || !forward_only(hop, m) || (len >= 0 && n > len) ||
            (!forward_only(alt, n) && len >= 0 && forward_only(path, len)) ||
            (m > 0 && sqljoin_to(s, j, via, NULL) < 0))
            continue;
        memcpy(path, alt, (size_t)n * sizeof *path);
        len = n;
        named = 1;
        break;
    }
    const ask_edge_t *pick = j->edge ? &s->edges[j->edge > 0 ? j->edge - 1 : -j->edge - 1] : NULL;
    if (pick && (j->edge > 0 ? pick->to_t : pick->from_t) == t) {  /* the caller's own route */
        path[0] = j->edge;
        len = 1;
        named = 1;
    }
    if (len < 0)
        return -1;
    if (!named && paths_count(s, j->t[0], t) > 1) {  /* two ways there, and the question names neither */
        routes_why(s, j, t, len);
        return -1;
    }
    /* up to a parent and down to another of its children (student → department
     * ← course) links rows that merely share something: no join means that */
    for (int k = 1; k < len; k++)
        if (path[k - 1] > 0 && path[k] < 0)
            return -1;
    for (int k = 0; k < len; k++) {
        const ask_edge_t *e = &s->edges[path[k] > 0 ? path[k] - 1 : -path[k] - 1];
        int fwd = path[k] > 0, from = fwd ? e->from_t : e->to_t, to = fwd ? e->to_t : e->from_t;
        if (sqljoin_index(j, to) >= 0)
            continue;
        if (sqljoin_has_rival(s, e) && !(j->edge && path[k] == j->edge))
            return -1;  /* routes → airports by source or by destination: not ours to pick */
        if (j->n == ASK_MAX_JOINED)
            return -1;
        j->fanout |= !fwd;
        alias_for(s, j, to);
        if (join_step(s, j, sqljoin_index(j, from), j->n - 1, fwd, e) < 0)
            return -1;
    }
    return 0;
}

void sqljoin_put_col(const ask_schema_t *s, buf_t *b, const joins_t *j, int t, int c)
{
    const ask_col_t *col = &s->tables[t].cols[c];
    if (col->numtext) {  /* "? 12,541": the number it spells */
        buf_t ref = {0};
        sqljoin_put_ref(s, &ref, j, sqljoin_index(j, t), col->name);
        s->dialect->number_in_text(b, buf_str(&ref));
        buf_free(&ref);
        return;
    }
    buf_puts(b, col->range ? "lower(" : "");  /* a rental_period: when it starts */
    sqljoin_put_ref(s, b, j, sqljoin_index(j, t), col->name);
    buf_puts(b, col->range ? ")" : "");
}

/* 1 when a metric's expression names table t as "t." (not inside a longer
 * name): "… FILTER (WHERE orders.status <> 'cancelled')" needs orders. */
static int metric_names(const char *expr, const char *table)
{
    size_t n = strlen(table);
    for (const char *p = strstr(expr, table); p; p = strstr(p + 1, table)) {
        int start = p == expr || !(isalnum((unsigned char)p[-1]) || p[-1] == '_' || p[-1] == '.');
        if (start && p[n] == '.')
            return 1;
    }
    return 0;
}

/* Tables a metric's expression refers to, joined many-to-one from its own
 * table (a join that fans out would multiply what the metric sums). */
static int join_metric_tables(const ask_schema_t *s, joins_t *j, const ask_q_t *q)
{
    const char *expr = s->vocab[q->m.metric].expr;
    int path[ASK_MAX_JOINED];
    for (int t = 0; t < s->ntables; t++) {
        if (t == q->m.t || sqljoin_index(j, t) >= 0 || !metric_names(expr, s->tables[t].name))
            continue;
        int n = paths_find(s, q->m.t, t, path, ASK_MAX_JOINED);
        if (n < 0 || !forward_only(path, n) || sqljoin_to(s, j, t, NULL) < 0)
            return -1;
    }
    return 0;
}

void sqljoin_begin(const ask_schema_t *s, joins_t *j, int base)
{
    alias_for(s, j, base);
    buf_puts(&j->from, " FROM ");
    sqljoin_put_table(s, &j->from, j, 0);
}

int sqljoin_add(const ask_schema_t *s, joins_t *j, int t)
{
    return sqljoin_to(s, j, t, NULL);
}

int sqljoin_collect(const ask_schema_t *s, const ask_q_t *q, joins_t *j, int base)
{
    sqljoin_begin(s, j, base);
    int rc = 0, end = paths_end_edge(s, q);
    if (!j->edge && end >= 0 && (s->edges[end].from_t == base || s->edges[end].to_t == base))
        j->edge = s->edges[end].from_t == base ? end + 1 : -(end + 1);  /* "departing routes" */
    for (int i = 0; i < q->ndims; i++)
        rc |= sqljoin_to(s, j, q->dims[i].t, q);
    for (int i = 0; i < q->nf; i++)
        if (q->f[i].cond != FILTER_EXISTS) {
            int left = j->left;  /* "percentage of cases from the courts of appeals": */
            j->left |= q->f[i].cond == FILTER_SHARE;  /* a case with no court is in the whole */
            rc |= sqljoin_to(s, j, q->f[i].col.t, q);
            j->left = left;
        }
    if ((q->grain || q->date.kind) && q->time.t >= 0 && !q->rel_time)
        rc |= sqljoin_to(s, j, q->time.t, q);
    for (int i = 0; i < q->nshow; i++) {  /* a named key's row, kept when it has none */
        int left = j->left, ft = s->tables[q->show[i].t].cols[q->show[i].c].fk_table;
        j->left = 1;
        rc |= sqljoin_to(s, j, ft, q);
        j->left = left;
    }
    if (q->m.t >= 0 && q->m.t != base && q->m.kind != M_METRIC)  /* counted from the entity */
        rc |= sqljoin_to(s, j, q->m.t, q);
    if (q->m.kind == M_METRIC && q->m.t >= 0)
        rc |= sqljoin_to(s, j, q->m.t, q) | join_metric_tables(s, j, q);
    return rc;
}
