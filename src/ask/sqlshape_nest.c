/* sqlshape_nest.c — a FROM of more joins than the dialect runs in one
 * SELECT (ClickHouse 18.16: one, engine_dialect_t.max_joins), written as
 * left-deep sub-queries: level 1 is the base and its first joins, each
 * next level what is joined so far (as "nK") and the next joins, the
 * outer query the last level and the joins left. Each level selects every
 * column of every table it holds, named "alias__column"; a reference to
 * a table inside is "nK"."alias__column" (sqljoin_put_ref), so the clauses
 * written over j (sqlgen.c, sqlwrite.c, sqlshape.c) need no change. The
 * join steps themselves are the ones sqljoin.c recorded: the same keys,
 * the same LEFT JOINs, in the same order — the same rows. */
#include "ask/sqljoin.h"

#include <stdio.h>
#include <string.h>

/* The name of level k's sub-query: "n1" ("xn1" inside an EXISTS), one
 * no table alias of j has. */
static void nest_name(const joins_t *j, int k, char *out, size_t len)
{
    snprintf(out, len, "%sn%d", j->prefix ? j->prefix : "", k);
    for (int i = 0; i < j->n; i++)
        if (!strcmp(j->alias[i], out) && strlen(out) + 1 < len) {
            strcat(out, "_");
            i = -1;
        }
}

/* Tables 0..hi as the columns "alias__column" of the SELECT being written
 * (j->nested / j->nest already say where they are read from). */
static void put_columns(const ask_schema_t *s, buf_t *b, const joins_t *j, int hi)
{
    int n = 0;
    for (int i = 0; i <= hi; i++) {
        const ask_table_t *tb = &s->tables[j->t[i]];
        for (int c = 0; c <= tb->ncols; c++) {  /* and a LEFT JOIN's marker */
            const char *col = c < tb->ncols ? tb->cols[c].name
                              : sqljoin_has_hit(s, j, i) ? SQLJOIN_HIT : NULL;
            if (!col)
                continue;
            buf_t name = {0};
            buf_printf(&name, "%s__%s", j->alias[i], col);
            buf_puts(b, n++ ? ", " : "");
            sqljoin_put_ref(s, b, j, i, col);
            buf_puts(b, " AS ");
            dialect_ident(s, b, buf_str(&name));
            buf_free(&name);
        }
    }
}

/* " FROM <level k-1> AS nK-1 JOIN … " (the base at level 1) and the joins
 * of tables lo+1..hi, with j->nested / j->nest set for what it reads. */
static void put_from(const ask_schema_t *s, buf_t *b, joins_t *j, int k, int m, int hi);

/* "(SELECT <columns of tables 0..k·m> FROM … JOIN …)" — level k. */
static void put_level(const ask_schema_t *s, buf_t *b, joins_t *j, int k, int m)
{
    buf_t from = {0};
    put_from(s, &from, j, k, m, k * m);
    buf_puts(b, "(SELECT ");
    put_columns(s, b, j, k * m);
    buf_puts(b, buf_str(&from));
    buf_putc(b, ')');
    buf_free(&from);
}

static void put_from(const ask_schema_t *s, buf_t *b, joins_t *j, int k, int m, int hi)
{
    buf_puts(b, " FROM ");
    if (k == 1) {
        sqljoin_put_table(s, b, j, 0);
        j->nested = 0;
    } else {
        put_level(s, b, j, k - 1, m);
        nest_name(j, k - 1, j->nest, sizeof j->nest);
        buf_puts(b, " AS ");
        dialect_ident(s, b, j->nest);
        j->nested = (k - 1) * m + 1;
    }
    for (int idx = (k - 1) * m + 1; idx <= hi; idx++)
        sqljoin_put_step(s, b, j, idx);
}

void sqlshape_nest(const ask_schema_t *s, joins_t *j)
{
    int m = s->dialect->max_joins;
    if (m <= 0 || j->n - 1 <= m)
        return;
    int levels = (j->n - 2) / m;  /* the outer query keeps 1..m joins */
    buf_t from = {0};
    put_from(s, &from, j, levels + 1, m, j->n - 1);
    buf_free(&j->from);
    j->from = from;
}

void sqlshape_put_star(const ask_schema_t *s, buf_t *b, const joins_t *j)
{
    if (!j->nested) {
        dialect_ident(s, b, j->alias[0]);
        buf_puts(b, ".*");
        return;
    }
    const ask_table_t *tb = &s->tables[j->t[0]];
    for (int c = 0; c < tb->ncols; c++) {
        buf_puts(b, c ? ", " : "");
        sqljoin_put_ref(s, b, j, 0, tb->cols[c].name);
        buf_puts(b, " AS ");
        dialect_ident(s, b, tb->cols[c].name);
    }
}
