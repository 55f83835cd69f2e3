/* sqleach.c — the top rows of each group (each.c): "the largest city on
 * each continent" is
 *
 *   SELECT "continent", "city", "population" FROM (SELECT <group> AS
 *   "continent", <the row's name> AS "city", <col> AS "population",
 *   rank() OVER (PARTITION BY <group's key> ORDER BY <col> DESC) AS
 *   "dm__rank" FROM … WHERE … AND <col> IS NOT NULL) AS "x"
 *   WHERE "dm__rank" <= 1 ORDER BY 1, "population" DESC
 *
 * A group that is a table is partitioned by its key (two countries of one
 * name stay two), shown by its name. */
#include "ask/sqljoin.h"

#include <string.h>

/* A table's rows named in the singular, as a column's header: "category"
 * for categories, "order_item" for order_items; its name when no word. */
static void noun_of(const ask_table_t *t, buf_t *out)
{
    char **w = NULL;
    int n = words_ident_plain(t->name, &w);
    for (int k = 0; k < n; k++)
        buf_printf(out, "%s%s", k ? "_" : "", w[k]);
    if (!n)
        buf_puts(out, t->name);
    words_free_list(w, n);
}

static void put_as(const ask_schema_t *s, buf_t *b, const joins_t *j, int t, int c, const char *name)
{
    sqljoin_put_col(s, b, j, t, c);
    buf_puts(b, " AS ");
    dialect_ident(s, b, name);
    buf_puts(b, ", ");
}

void sqleach_write(const ask_schema_t *s, const ask_q_t *q, joins_t *j, buf_t *b)
{
    const ask_colref_t g = q->dims[0];
    const ask_table_t *gt = &s->tables[g.t], *rt = &s->tables[q->table];
    int by_key = g.t != q->table && gt->pk >= 0 && (g.c == gt->label || g.c == gt->pk);
    int name = rt->label >= 0 ? rt->label : rt->pk;
    buf_t gn = {0}, rn = {0};
    if (g.c == gt->label)
        noun_of(gt, &gn);
    else
        buf_puts(&gn, gt->cols[g.c].name);
    noun_of(rt, &rn);
    if (!strcmp(buf_str(&gn), buf_str(&rn)))  /* "the longest film of each film …": apart */
        buf_puts(&gn, "_group");
    const char *gname = buf_str(&gn), *rname = buf_str(&rn);
    buf_puts(b, "SELECT ");
    dialect_ident(s, b, gname);
    buf_puts(b, ", ");
    dialect_ident(s, b, rname);
    if (rt->label2 >= 0 && rt->label >= 0) {
        buf_puts(b, ", ");
        dialect_ident(s, b, rt->cols[rt->label2].name);
    }
    buf_puts(b, ", ");
    dialect_ident(s, b, rt->cols[q->m.c].name);
    buf_puts(b, " FROM (SELECT ");
    put_as(s, b, j, g.t, g.c, gname);
    put_as(s, b, j, q->table, name, rname);
    if (rt->label2 >= 0 && rt->label >= 0)
        put_as(s, b, j, q->table, rt->label2, rt->cols[rt->label2].name);
    put_as(s, b, j, q->m.t, q->m.c, rt->cols[q->m.c].name);
    buf_puts(b, "rank() OVER (PARTITION BY ");
    sqljoin_put_col(s, b, j, g.t, by_key ? gt->pk : g.c);
    buf_puts(b, " ORDER BY ");
    sqljoin_put_col(s, b, j, q->m.t, q->m.c);
    buf_printf(b, " %s) AS ", q->order < 0 ? "ASC" : "DESC");
    dialect_ident(s, b, "dm__rank");
    buf_puts(b, buf_str(&j->from));
    int n = sqlgen_where(s, b, j, q);
    buf_puts(b, n ? " AND " : " WHERE ");
    sqljoin_put_col(s, b, j, q->m.t, q->m.c);
    buf_puts(b, " IS NOT NULL) AS ");
    dialect_ident(s, b, "x");
    buf_puts(b, " WHERE ");
    dialect_ident(s, b, "dm__rank");
    buf_printf(b, " <= %d ORDER BY 1, ", q->limit > 0 ? q->limit : 1);  /* "the top 3 … in each" */
    dialect_ident(s, b, rt->cols[q->m.c].name);
    buf_printf(b, " %s LIMIT %d", q->order < 0 ? "ASC" : "DESC", ASK_LIST_LIMIT);
    buf_free(&gn);
    buf_free(&rn);
}
