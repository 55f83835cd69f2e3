/* dialect.c — the dialect query/'s SQL writers (url.c, filter.c) write in:
 * the connection's engine's, PostgreSQL's when the caller gives none. */
#include "query/internal.h"
#include "engine/engine.h"

const engine_dialect_t *query_dialect(const struct engine_dialect *d)
{
    return d ? d : &engine_pg_dialect;
}

const struct engine_dialect *query_conn_dialect(arena_t *a, const char *org_id,
                                                const char *conn_id)
{
    store_conn_t c;
    const engine_t *e = conn_id && store_conn_get(a, org_id, conn_id, &c) == 0
                            ? engine_for_kind(c.kind) : NULL;
    return e ? e->dialect : NULL;
}
