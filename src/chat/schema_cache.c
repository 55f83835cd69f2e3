/* schema_cache.c — planner schemas per process, keyed by connection id and
 * version. Building the lexicon from a 1,000-table schema costs far more
 * than planning a question, so each worker keeps the few it last used.
 * The version changes on every edit, refresh and vocabulary change, which
 * retires stale entries without any messaging between workers. */
#include "chat/chat_internal.h"
#include "store/schema.h"
#include "store/vocabulary.h"
#include "store/connections.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define CACHE_SIZE 8

typedef struct entry {
    char key[128];
    ask_schema_t *schema;
    time_t used;
} entry_t;

static entry_t cache[CACHE_SIZE];

static void entry_clear(entry_t *e)
{
    ask_schema_free(e->schema);
    memset(e, 0, sizeof *e);
}

/* The database's name as discovery gives it ("database"): the words every
 * row is about ("measles" of measles_surveillance) — a server database's
 * name, a SQLite file's without its folder and extension; none for
 * DataMind's own uploads or ClickHouse (every database of the server). */
static void name_database(json_t *discovered, const store_conn_t *c)
{
    if (!c->kind)
        return;
    const char *name = c->database_name ? c->database_name : "";
    char file[256];
    if (!strcmp(c->kind, "sqlite")) {
        const char *base = strrchr(name, '/');
        snprintf(file, sizeof file, "%s", base ? base + 1 : name);
        char *dot = strrchr(file, '.');
        if (dot)
            *dot = '\0';
        name = file;
    } else if (strcmp(c->kind, "postgresql") && strcmp(c->kind, "mysql")) {
        return;
    }
    json_object_set_new(discovered, "database", json_string(name));
}

const ask_schema_t *chat_schema(arena_t *a, const char *org_id, const store_conn_t *c, char *err,
                                size_t errlen)
{
    char key[128];
    snprintf(key, sizeof key, "%s:%s:%s", c->id, c->version, c->last_synced_at ? c->last_synced_at : "");
    entry_t *victim = &cache[0];
    for (int i = 0; i < CACHE_SIZE; i++) {
        if (cache[i].schema && strcmp(cache[i].key, key) == 0) {
            cache[i].used = time(NULL);
            return cache[i].schema;
        }
        if (!cache[i].schema || cache[i].used < victim->used)
            victim = &cache[i];
    }
    json_t *discovered = store_schema_load(a, org_id, c->id);
    if (!discovered || json_array_size(json_object_get(discovered, "tables")) == 0) {
        json_decref(discovered);
        if (c->last_error && *c->last_error)
            snprintf(err, errlen, "DataMind could not read the tables of %s: %s", c->name,
                     c->last_error);
        else
            snprintf(err, errlen, "DataMind has not read the tables of %s yet", c->name);
        return NULL;
    }
    name_database(discovered, c);
    json_t *vocab = store_vocab_load(a, org_id, c->id);
    const engine_t *e = engine_for_kind(c->kind);  /* the planner writes its dialect */
    ask_schema_opts_t so = {.dialect = e ? e->dialect : NULL};
    ask_schema_t *s = ask_schema_new_with(discovered, vocab, &so, err, errlen);
    json_decref(discovered);
    json_decref(vocab);
    if (!s)
        return NULL;
    entry_clear(victim);
    snprintf(victim->key, sizeof victim->key, "%s", key);
    victim->schema = s;
    victim->used = time(NULL);
    return s;
}

void chat_cache_clear(void)
{
    for (int i = 0; i < CACHE_SIZE; i++)
        entry_clear(&cache[i]);
}
