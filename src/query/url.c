/* url.c — query_preview_sql: the SQL of a table's preview; query_distinct_sql:
 * a list parameter's choices. (A database URL for the connection form is
 * read by http_parse_db_url, http/dburl.c.) Identifiers are quoted by the
 * connection's dialect. */
#include "query/internal.h"
#include "core/buf.h"

/* "schema"."table" */
static void put_table(buf_t *b, const engine_dialect_t *d, const char *schema, const char *table)
{
    d->quote_ident(b, schema);
    buf_putc(b, '.');
    d->quote_ident(b, table);
}

const char *query_preview_sql(arena_t *a, const struct engine_dialect *dialect,
                              const char *schema, const char *table, int limit)
{
    const engine_dialect_t *d = query_dialect(dialect);
    buf_t b = {0};
    buf_puts(&b, "SELECT * FROM ");
    put_table(&b, d, schema, table);
    buf_printf(&b, " LIMIT %d", limit);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

const char *query_distinct_sql(arena_t *a, const struct engine_dialect *dialect,
                               const char *schema, const char *table, const char *column,
                               int limit)
{
    const engine_dialect_t *d = query_dialect(dialect);
    buf_t b = {0};
    buf_puts(&b, "SELECT DISTINCT ");
    d->quote_ident(&b, column);
    buf_puts(&b, " FROM ");
    put_table(&b, d, schema, table);
    buf_puts(&b, " WHERE ");
    d->quote_ident(&b, column);
    buf_printf(&b, " IS NOT NULL ORDER BY 1 LIMIT %d", limit);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}
