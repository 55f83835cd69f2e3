/* sqlite_probe.c — "Test connection" on a SQLite file: the library's
 * version, the file's name as the "user", its tables and views. can_write
 * is false and read_only_sql empty: DataMind opens the file read-only,
 * whoever owns it, so there is no read-only user to make. */
#include <stdio.h>
#include <string.h>

#include "engine/sqlite_internal.h"

static int count_row(void *ud, sqlite3_stmt *st)
{
    *(long long *)ud = sqlite3_column_int64(st, 0);
    return 0;
}

int engine_sqlite_probe(engine_sqlite_conn_t *c, json_t **info, char *err, size_t errlen)
{
    long long tables = 0;
    const char *slash = strrchr(c->path, '/');

    *info = NULL;
    int rc = engine_sqlite_query(c, "SELECT count(*) FROM sqlite_schema"
                                    " WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                                 0, NULL, 5000, count_row, &tables);
    if (rc != 0) {
        snprintf(err, errlen, "the schema of %s cannot be read: %s", slash ? slash + 1 : c->path,
                 c->last_err);
        return -1;
    }
    /* Opened read-only: nothing DataMind runs here can write, whoever owns the file. */
    *info = json_pack("{s:s, s:s, s:b, s:b, s:I, s:s}", "server_version",
                      sqlite3_libversion(), "current_user", slash ? slash + 1 : c->path,
                      "can_write", 0, "superuser", 0, "table_count", (json_int_t)tables,
                      "read_only_sql", "");
    if (!*info) {
        snprintf(err, errlen, "could not build the probe result");
        return -1;
    }
    return 0;
}
