/* mysql.c — the MySQL / MariaDB engine: engine.h's table of operations.
 * Connect and cancel: mysql_connect.c; validate: mysql_policy.c; execute:
 * mysql_execute.c, mysql_result.c; probe, discover, lookup_values:
 * mysql_probe.c, mysql_discover.c, mysql_lookup.c; dialect: mysql_dialect.c. */
#include "engine/internal.h"

const engine_t engine_mysql = {
    .kind = ENGINE_MYSQL,
    .name = "mysql",
    .label = "MySQL / MariaDB",
    .default_port = 3306,
    .dialect = &engine_mysql_dialect,
    .connect = engine_mysql_connect,
    .close = engine_mysql_close,
    .idle_ok = engine_mysql_idle_ok,
    .validate = engine_mysql_validate,
    .execute = engine_mysql_execute,
    .cancel_get = engine_mysql_cancel_get,
    .cancel = engine_mysql_cancel,
    .cancel_free = engine_mysql_cancel_free,
    .probe = engine_mysql_probe,
    .discover = engine_mysql_discover,
    .lookup_values = engine_mysql_lookup_values,
    .explain = NULL, /* no estimate: MySQL's EXPLAIN rows are not comparable costs */
};
