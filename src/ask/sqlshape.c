/* sqlshape.c — other shapes of an aggregate's SQL, for when the plain
 * join would count wrong: filters reached one-to-many become a semi-join
 * on the base's key (each film once in an average), and "how many X does
 * each Y have" starts from Y and LEFT JOINs X, so a Y with none counts 0. */
#include "ask/sqljoin.h"

/* "average rental rate of Sports films": the category filter joins film to
 * film_category one-to-many, which would repeat films in an average. When
 * only the filters fan out, they become a semi-join on the base's key —
 * each film once — and the rest is joined as usual. -1 when something
 * else fans out too, or the base has no one-column key. */
int sqlshape_semijoin(const ask_schema_t *s, const ask_q_t *q, joins_t *j, buf_t *b)
{
    int base = j->t[0];
    if (s->tables[base].pk < 0 || q->share)
        return -1;
    ask_q_t outer = *q;  /* shallow: the filters are not copied, nor freed */
    outer.nf = 0;
    outer.rel = -1;
    outer.date.kind = D_NONE;
    outer.nvia = 0;
    joins_t j2 = {.by_name = j->by_name};
    int rc = -1;
    if (sqljoin_collect(s, &outer, &j2, base) == 0 && !j2.fanout) {
        sqlshape_nest(s, &j2);
        buf_t semi = {0};
        buf_puts(&semi, " WHERE ");
        sqljoin_put_col(s, &semi, &j2, base, s->tables[base].pk);
        buf_puts(&semi, " IN (SELECT ");
        sqljoin_put_col(s, &semi, j, base, s->tables[base].pk);
        buf_puts(&semi, buf_str(&j->from));
        sqlgen_where(s, &semi, j, q);
        buf_putc(&semi, ')');
        sqlgen_agg(s, &outer, &j2, b, buf_str(&semi));
        buf_free(&semi);
        rc = 0;
    }
    buf_free(&j2.from);
    return rc;
}


/* The one count column of the LEFT JOINed table: its key, or a column of a
 * key of several (a section's course_id); -1 when it has no key. */
static int count_col(const ask_table_t *t)
{
    for (int c = 0; t->pk < 0 && c < t->ncols; c++)
        if (t->cols[c].pk)
            return c;
    return t->pk;
}

/* The one key of table from that points at table to: its edge; -1 when
 * there is none, -2 when there are several (routes → airports by source
 * and by destination). */
static int back_edge(const ask_schema_t *s, const ask_q_t *q, int from, int to)
{
    int found = -1, end = paths_end_edge(s, q);
    if (end >= 0 && s->edges[end].from_t == from && s->edges[end].to_t == to)
        return end;  /* "departing routes": the source's key of the two */
    for (int k = 0; k < s->nedges; k++)
        if (s->edges[k].from_t == from && s->edges[k].to_t == to)
            found = found == -1 ? k : -2;
    return found;
}

/* 1 when the having's range holds 0: "fewer than 2 rentals" keeps the
 * customers with none, who only a count that starts from them can show. */
int sqlshape_having_holds_zero(const ask_q_t *q)
{
    switch (q->having) {
    case OP_GT: return q->hnum[0] < 0;
    case OP_GE: return q->hnum[0] <= 0;
    case OP_LT: return q->hnum[0] > 0;
    case OP_LE: return q->hnum[0] >= 0;
    case OP_BETWEEN: return q->hnum[0] <= 0 && q->hnum[1] >= 0;
    default: return 0;
    }
}

/* 1 when q counts rows of one table for each row of another that they
 * belong to, said with "each" or "every" ("how many sections has each
 * instructor taught"; "per" and "by" group what is there), and nothing but
 * the entity itself is filtered — or ranked from the fewest: then an
 * entity with none is a 0, not a missing row. */
static int zeros_wanted(const ask_schema_t *s, const ask_q_t *q)
{
    int e = q->ndims ? q->dims[0].t : -1;  /* a name, and its second part ("last_name") or key */
    if (q->ndims == 2 && (q->dims[1].t != e || (q->dims[1].c != s->tables[e].label2 &&
                                                q->dims[1].c != s->tables[e].pk)))
        return 0;
    int held = q->having && q->m.kind == M_COUNT && sqlshape_having_holds_zero(q);  /* "fewer than three */
    int fewest = q->order == -1 && q->m.kind == M_COUNT;  /* "the 3 least rented films": none is fewest */
    if (e < 0 || !(q->zeros || held || fewest) || q->kind != Q_AGG ||            /* instructors": none too */
        (q->m.kind != M_COUNT && (q->m.kind != M_SUM || !q->per)) ||
        e == q->m.t || q->grain ||
        q->share || q->rel >= 0 || q->date.kind || q->nvia || s->tables[e].pk < 0 ||
        (q->dims[0].c != s->tables[e].label && q->dims[0].c != s->tables[e].pk) ||
        (count_col(&s->tables[q->m.t]) < 0 && back_edge(s, q, q->m.t, e) < 0))
        return 0;  /* no key: counted by the key to the entity (routes.airline_id), when one */
    for (int i = 0; i < q->nf; i++)  /* "rooms with a problem does each hotel have": a hotel */
        if (q->f[i].col.t != e)       /* with none is a 0 the filter would drop — not written */
            return -2;
    /* the counted rows point at the entity (instructor ← teaches), or meet
     * it in a link table (actor ← film_actor → film) — not a far lookup
     * (country ← city ← address ← customer), nor the entity's own pointer
     * (country.capital → city) */
    int k = back_edge(s, q, q->m.t, e);
    if (k != -1)  /* employees → departments (not departments.manager_id): 1; two keys: ask */
        return k >= 0 ? 1 : -1;
    int path[4], len = paths_find(s, e, q->m.t, path, 4);
    if (len == 2 && path[0] < 0 && path[1] > 0)
        return 1;
    /* a chain of parents ("elements of each part category": element →
     * part → category): each counted row reaches one entity, an entity with
     * none is a 0 like a direct one's */
    for (int h = 0; h < len; h++)
        if (path[h] > 0)
            return 0;
    return len == 2 && paths_count(s, e, q->m.t) == 1;
}

int sqlshape_zeros(const ask_schema_t *s, const ask_q_t *q, buf_t *b)
{
    int want = zeros_wanted(s, q);
    if (want <= 0)
        return want == -1 ? -2 : want == -2 ? -3 : -1;
    int e = q->dims[0].t, rc = -1, k = back_edge(s, q, q->m.t, e);
    joins_t j = {.left = 1, .edge = k >= 0 ? -(k + 1) : 0};
    if (sqljoin_collect(s, q, &j, e) == 0) {
        sqlshape_nest(s, &j);
        sqlgen_agg(s, q, &j, b, NULL);
        rc = 0;
    }
    buf_free(&j.from);
    return rc;
}
