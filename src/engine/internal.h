/* internal.h — what the engine module's files share (not a public header:
 * everything above engine/ includes engine.h only). Engines add lines here,
 * each name with its engine's prefix. */
#ifndef DM_ENGINE_INTERNAL_H
#define DM_ENGINE_INTERNAL_H

#include "engine/engine.h"

/* pg_dialect.c: how PostgreSQL is written (engine_pg's dialect). */
extern const engine_dialect_t engine_pg_dialect;

#endif
