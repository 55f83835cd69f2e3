/* test_engine.c — the engine registry (engine/engine.c): which engine a
 * connection kind names, the labels of every kind, and the words that
 * refuse a kind this build lacks. No server. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "engine/engine.h"
#include "engine/pg_internal.h"

static void test_for_kind(void)
{
    const engine_t *pg = engine_for_kind("postgresql");
    CHECK(pg == &engine_pg);
    CHECK(engine_for_kind("uploads") == pg); /* DataMind's own PostgreSQL */
    CHECK(engine_get(ENGINE_POSTGRESQL) == pg);
    CHECK_INT(pg->kind, ENGINE_POSTGRESQL);
    CHECK_STR(pg->name, "postgresql");
    CHECK_STR(pg->label, "PostgreSQL");
    CHECK_INT(pg->default_port, 5432);
    CHECK(pg->connect && pg->close && pg->idle_ok && pg->validate && pg->execute &&
          pg->cancel_get && pg->cancel && pg->cancel_free && pg->probe && pg->discover &&
          pg->lookup_values && pg->explain);
    CHECK(engine_for_kind(NULL) == NULL);
    CHECK(engine_for_kind("") == NULL);
    CHECK(engine_for_kind("oracle") == NULL);
    CHECK(engine_for_kind("PostgreSQL") == NULL); /* kinds are lower-case words */
    CHECK(engine_get(ENGINE_COUNT) == NULL);
    /* every engine in the build answers to its own kind and name */
    for (int k = 0; k < ENGINE_COUNT; k++) {
        const engine_t *e = engine_get((engine_kind_t)k);
        if (e) {
            CHECK_INT(e->kind, k);
            CHECK(engine_for_kind(e->name) == e);
            CHECK_STR(engine_kind_label(e->name), e->label);
        }
    }
}

static void test_labels(void)
{
    CHECK_STR(engine_kind_label("postgresql"), "PostgreSQL");
    CHECK_STR(engine_kind_label("uploads"), "PostgreSQL");
    CHECK_STR(engine_kind_label("mysql"), "MySQL / MariaDB");
    CHECK_STR(engine_kind_label("sqlite"), "SQLite");
    CHECK_STR(engine_kind_label("clickhouse"), "ClickHouse");
    CHECK(engine_kind_label("oracle") == NULL);
}

static void test_find(void)
{
    char err[200] = "";
    CHECK(engine_find("postgresql", err, sizeof err) == &engine_pg);
    const char *kinds[] = {"mysql", "sqlite", "clickhouse"};
    for (size_t i = 0; i < 3; i++) {
        err[0] = '\0';
        const engine_t *e = engine_find(kinds[i], err, sizeof err);
        if (e) { /* wired in this build */
            CHECK(e == engine_for_kind(kinds[i]));
            continue;
        }
        char want[200];
        snprintf(want, sizeof want, "this DataMind was built without the %s engine",
                 engine_kind_label(kinds[i]));
        CHECK_STR(err, want);
    }
    CHECK(engine_find("oracle", err, sizeof err) == NULL);
    CHECK_STR(err, "\"oracle\" is not a kind of database DataMind knows");
    CHECK(engine_find(NULL, err, sizeof err) == NULL);
}

static void test_param_oids(void)
{
    CHECK_INT(engine_pg_param_oid("number"), 1700);
    CHECK_INT(engine_pg_param_oid("date"), 1082);
    CHECK_INT(engine_pg_param_oid("text"), 0);
    CHECK_INT(engine_pg_param_oid("list"), 0);
    CHECK_INT(engine_pg_param_oid(NULL), 0);
}

int main(void)
{
    test_for_kind();
    test_labels();
    test_find();
    test_param_oids();
    return check_done("test_engine");
}
