/* engine.c — the registry: which engine serves a connection kind.
 *
 * Every kind DataMind knows is listed here with its label, whether or not
 * this build has its engine: a connection of a kind whose engine is absent
 * is refused in words ("this DataMind was built without the MySQL / MariaDB
 * engine"), never a crash. An engine is wired by naming its engine_t in
 * the kinds table. */
#include <stdio.h>
#include <string.h>

#include "engine/engine.h"
#include "engine/internal.h"

typedef struct kind {
    const char *name;       /* connections.kind */
    engine_kind_t k;
    const char *label;      /* the engine's label, also when it is not built */
    const engine_t *engine; /* NULL: not in this build */
} kind_t;

static const kind_t kinds[] = {
    {"postgresql", ENGINE_POSTGRESQL, "PostgreSQL", &engine_pg},
    {"uploads", ENGINE_POSTGRESQL, "PostgreSQL", &engine_pg}, /* DataMind's own */
    {"mysql", ENGINE_MYSQL, "MySQL / MariaDB", &engine_mysql},
    {"sqlite", ENGINE_SQLITE, "SQLite", &engine_sqlite},
    {"clickhouse", ENGINE_CLICKHOUSE, "ClickHouse", &engine_clickhouse},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const kind_t *kind_find(const char *kind)
{
    for (size_t i = 0; kind && i < NKINDS; i++)
        if (strcmp(kinds[i].name, kind) == 0)
            return &kinds[i];
    return NULL;
}

const engine_t *engine_for_kind(const char *kind)
{
    const kind_t *k = kind_find(kind);
    return k ? k->engine : NULL;
}

const engine_t *engine_get(engine_kind_t k)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (kinds[i].k == k && kinds[i].engine)
            return kinds[i].engine;
    return NULL;
}

const char *engine_kind_label(const char *kind)
{
    const kind_t *k = kind_find(kind);
    return k ? k->label : NULL;
}

const engine_t *engine_find(const char *kind, char *err, size_t errlen)
{
    const kind_t *k = kind_find(kind);
    if (!k)
        snprintf(err, errlen, "\"%s\" is not a kind of database DataMind knows", kind ? kind : "");
    else if (!k->engine)
        snprintf(err, errlen, "this DataMind was built without the %s engine", k->label);
    return k ? k->engine : NULL;
}
