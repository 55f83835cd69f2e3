/* pivot_union.c — the pivot's SQL for an engine without GROUPING SETS
 * (MySQL / MariaDB, SQLite, ClickHouse): the same rows as pivot.c's form —
 * the keys, the aggregate, and "total" saying which grouping a row is ('',
 * 'row total', 'column total', 'grand total') — from one GROUP BY per
 * grouping joined with UNION ALL, ordered by the keys with NULLs last so
 * that pivot_grid.c reads the row keys in the database's order. Names are
 * the result's own columns, quoted in the engine's dialect. */
#include "query/internal.h"
#include "core/buf.h"

#include <string.h>

typedef struct {
    const engine_dialect_t *d;
    const query_pivot_t *p;
    const char *sql;
    size_t len;
    int cols;
} pu_t;

static void pu_col(buf_t *b, const pu_t *u, const char *name)
{
    buf_puts(b, "src.");
    u->d->quote_ident(b, name);
}

/* One grouping: keys given by mask (1 the rows, 2 the columns), the others
 * NULL; the first branch names the columns. */
static void pu_branch(buf_t *b, const pu_t *u, int mask, const char *kind, int first)
{
    const char *keys[2] = {u->p->rows, u->p->cols};
    buf_puts(b, first ? "SELECT " : "\nUNION ALL\nSELECT ");
    for (int k = 0; k < (u->cols ? 2 : 1); k++) {
        if (mask & (1 << k))
            pu_col(b, u, keys[k]);
        else
            buf_puts(b, "NULL");
        if (first) {
            buf_puts(b, " AS ");
            u->d->quote_ident(b, keys[k]);
        }
        buf_puts(b, ", ");
    }
    int star = !u->p->val || !*u->p->val;
    buf_printf(b, "%s(", u->p->agg);
    if (star)
        buf_putc(b, '*');
    else
        pu_col(b, u, u->p->val);
    buf_puts(b, ")");
    if (first) {
        buf_t alias = {0};
        buf_puts(&alias, u->p->agg);
        if (!star)
            buf_printf(&alias, " of %s", u->p->val);
        buf_puts(b, " AS ");
        u->d->quote_ident(b, buf_str(&alias));
        buf_free(&alias);
    }
    buf_puts(b, ", ");
    u->d->quote_literal(b, kind);
    if (first) {
        buf_puts(b, " AS ");
        u->d->quote_ident(b, "total");
    }
    buf_puts(b, "\nFROM (\n");
    buf_append(b, u->sql, u->len);
    buf_puts(b, "\n) AS src");
    for (int k = 0, n = 0; k < 2; k++)
        if (mask & (1 << k)) {
            buf_puts(b, n++ ? ", " : "\nGROUP BY ");
            pu_col(b, u, keys[k]);
        }
}

const char *query_pivot_union_sql(arena_t *a, const engine_dialect_t *d, const char *sql,
                                  size_t len, const query_pivot_t *p)
{
    pu_t u = {d, p, sql, len, p->cols && *p->cols};
    buf_t b = {0}, key = {0};
    buf_puts(&b, "SELECT * FROM (\n");
    if (u.cols) {
        pu_branch(&b, &u, 3, "", 1);
        pu_branch(&b, &u, 1, "row total", 0);
        pu_branch(&b, &u, 2, "column total", 0);
    } else {
        pu_branch(&b, &u, 1, "", 1);
    }
    pu_branch(&b, &u, 0, "grand total", 0);
    buf_puts(&b, "\n) AS p\nORDER BY ");
    d->quote_ident(&key, p->rows);
    d->order_nulls_last(&b, buf_str(&key), 0);
    if (u.cols) {
        buf_reset(&key);
        d->quote_ident(&key, p->cols);
        buf_puts(&b, ", ");
        d->order_nulls_last(&b, buf_str(&key), 0);
    }
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    buf_free(&key);
    return out;
}
