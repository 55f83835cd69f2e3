/* dialect.c — the engine dialect a schema's SQL is written in. The SQL
 * writers (sqlgen.c, sqlwrite.c, sqljoin.c, dates.c, catalog.c) write
 * every engine-specific form through s->dialect (engine.h). */
#include "ask/internal.h"
#include "engine/engine.h"

const engine_dialect_t *dialect_or_pg(const struct engine_dialect *d)
{
    return d ? d : &engine_pg_dialect;
}

engine_grain_t dialect_grain(int g)
{
    switch (g) {
    case G_WEEK: return ENGINE_WEEK;
    case G_MONTH: return ENGINE_MONTH;
    case G_QUARTER: return ENGINE_QUARTER;
    case G_YEAR: return ENGINE_YEAR;
    default: return ENGINE_DAY;
    }
}

/* Output column k (1-based) in GROUP BY / ORDER BY: its place, or its
 * alias (aliases[k - 1], already quoted) where positions are not read. */
void dialect_position(const ask_schema_t *s, buf_t *b, int k, const buf_t *aliases)
{
    if (s->dialect->no_positions)
        buf_puts(b, buf_str(&aliases[k - 1]));
    else
        buf_printf(b, "%d", k);
}

void dialect_ident(const ask_schema_t *s, buf_t *b, const char *name)
{
    s->dialect->quote_ident(b, name);
}

void dialect_literal(const ask_schema_t *s, buf_t *b, const char *v)
{
    s->dialect->quote_literal(b, v);
}
