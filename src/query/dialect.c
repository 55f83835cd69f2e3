/* dialect.c — the dialect query/'s SQL writers (url.c, filter.c) write in:
 * the connection's engine's, PostgreSQL's when the caller gives none. */
#include "query/internal.h"
#include "engine/engine.h"

const engine_dialect_t *query_dialect(const struct engine_dialect *d)
{
    return d ? d : engine_get(ENGINE_POSTGRESQL)->dialect;
}
