/* internal.h — what the engine files share; not for other modules.
 *
 * One section per engine, each named with its engine's prefix
 * (engine_pg_…, engine_mysql_…, …). Engines only add lines here. */
#ifndef DM_ENGINE_INTERNAL_H
#define DM_ENGINE_INTERNAL_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "engine/engine.h"

/* ---- The engines of the registry (engine.c) -------------------------------
 * Each engine's table, defined in its own files. An engine that is not in
 * this build is absent from engine.c's table (and engine_for_kind says so:
 * engine_find / engine_kind_label). */
extern const engine_t engine_pg;

/* PostgreSQL's own declarations (libpq's types) are in pg_internal.h, for
 * the pg_*.c files only: nothing else of engine/ includes libpq. */

#endif
