/* url.c — query_preview_sql: the SQL of a table's preview. (A database URL
 * for the connection form is read by http_parse_db_url, http/dburl.c.) */
#include "query/query.h"
#include "core/buf.h"
#include "sqlsafe/sqlsafe.h"

const char *query_preview_sql(arena_t *a, const char *schema, const char *table, int limit)
{
    buf_t b = {0};
    buf_puts(&b, "SELECT * FROM ");
    sqlsafe_quote_ident(&b, schema);
    buf_putc(&b, '.');
    sqlsafe_quote_ident(&b, table);
    buf_printf(&b, " LIMIT %d", limit);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

const char *query_distinct_sql(arena_t *a, const char *schema, const char *table,
                               const char *column, int limit)
{
    buf_t b = {0};
    buf_puts(&b, "SELECT DISTINCT ");
    sqlsafe_quote_ident(&b, column);
    buf_puts(&b, " FROM ");
    sqlsafe_quote_ident(&b, schema);
    buf_putc(&b, '.');
    sqlsafe_quote_ident(&b, table);
    buf_puts(&b, " WHERE ");
    sqlsafe_quote_ident(&b, column);
    buf_printf(&b, " IS NOT NULL ORDER BY 1 LIMIT %d", limit);
    const char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}
