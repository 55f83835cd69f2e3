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

/* 1 when q asks for the one row "which … most" names and the dialect
 * keeps the rows equal to it ("which coffees got the lowest rating": both
 * at 61): the ORDER BY then holds the ranked value alone. */
int dialect_ties(const ask_schema_t *s, const ask_q_t *q)
{
    return q->ties && q->limit == 1 && s->dialect->has_limit_ties;
}

/* " LIMIT n" (dflt when q names none), or the first row with its ties. */
void dialect_limit(const ask_schema_t *s, buf_t *b, const ask_q_t *q, int dflt)
{
    if (dialect_ties(s, q))
        buf_puts(b, " FETCH FIRST 1 ROWS WITH TIES");
    else
        buf_printf(b, " LIMIT %d", q->limit > 0 ? q->limit : dflt);
}
