/* sqlite.c — the SQLite engine's table of operations (engine.h).
 *
 * A "connection" is one database file under DATAMIND_SQLITE_DIR, opened
 * read-only (sqlite_conn.c); the target's dbname is its path, nothing
 * else of the target is used (no host, user or password). Each operation
 * here only turns engine.h's opaque handles into the SQLite engine's own
 * and calls the file that does the work. */
#include "engine/sqlite_internal.h"

static engine_sqlite_conn_t *sq(engine_conn_t *c)
{
    return (engine_sqlite_conn_t *)c;
}

static engine_conn_t *op_connect(const engine_target_t *t, const char *allow, int timeout_s,
                                 char *err, size_t errlen)
{
    return (engine_conn_t *)engine_sqlite_open(t ? t->dbname : NULL, err, errlen);
}

static void op_close(engine_conn_t *c)
{
    engine_sqlite_close(sq(c));
}

static int op_idle_ok(engine_conn_t *c)
{
    return engine_sqlite_idle_ok(sq(c));
}

static int op_execute(engine_conn_t *c, const char *statement, const engine_run_t *o,
                      json_t **result, int *err_pos, char *err, size_t errlen)
{
    return engine_sqlite_execute(sq(c), statement, o, result, err_pos, err, errlen);
}

static engine_cancel_t *op_cancel_get(engine_conn_t *c)
{
    return (engine_cancel_t *)engine_sqlite_cancel_get(sq(c));
}

static int op_cancel(engine_cancel_t *k, char *err, size_t errlen)
{
    return engine_sqlite_cancel((engine_sqlite_cancel_t *)k, err, errlen);
}

static void op_cancel_free(engine_cancel_t *k)
{
    engine_sqlite_cancel_free((engine_sqlite_cancel_t *)k);
}

static int op_probe(engine_conn_t *c, json_t **info, char *err, size_t errlen)
{
    return engine_sqlite_probe(sq(c), info, err, errlen);
}

static int op_discover(engine_conn_t *c, const sqlsafe_discover_opts_t *o, json_t **schema,
                       char *err, size_t errlen)
{
    return engine_sqlite_discover(sq(c), o, schema, err, errlen);
}

static int op_lookup_values(engine_conn_t *c, json_t *schema, const char *const *phrases, int n,
                            char *err, size_t errlen)
{
    return engine_sqlite_lookup_values(sq(c), schema, phrases, n, err, errlen);
}

const engine_t engine_sqlite = {
    .kind = ENGINE_SQLITE,
    .name = "sqlite",
    .label = "SQLite",
    .default_port = 0,
    .dialect = &engine_sqlite_dialect,
    .connect = op_connect,
    .close = op_close,
    .idle_ok = op_idle_ok,
    .validate = engine_sqlite_validate,
    .execute = op_execute,
    .cancel_get = op_cancel_get,
    .cancel = op_cancel,
    .cancel_free = op_cancel_free,
    .probe = op_probe,
    .discover = op_discover,
    .lookup_values = op_lookup_values,
    .explain = NULL, /* no estimate: EXPLAIN QUERY PLAN gives no row counts */
};
