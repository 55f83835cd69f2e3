/* vocabulary.c — a connection's business terms: a word mapped to a column,
 * or a metric (a named SQL expression the planner uses as written). */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *vocab_list(arena_t *a, const char *org_id, const char *conn_id)
{
    char err[256];
    const char *p[2] = {org_id, conn_id};
    PGresult *res = db_exec(a,
                            "SELECT id, term, description, kind, table_name, column_name, expression,"
                            " kind = 'metric' AS is_metric"
                            " FROM vocabulary WHERE org_id = $1 AND connection_id = $2 ORDER BY lower(term)",
                            2, p, err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}

json_t *vocab_for_planner(arena_t *a, const char *org_id, const char *conn_id)
{
    char err[256];
    const char *p[2] = {org_id, conn_id};
    PGresult *res = db_exec(a,
                            "SELECT term, description, kind, table_name AS table,"
                            " column_name AS column, expression"
                            " FROM vocabulary WHERE org_id = $1 AND connection_id = $2",
                            2, p, err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}

int vocab_add(arena_t *a, const char *org_id, const char *conn_id, const char *term,
              const char *description, const char *kind, const char *table, const char *column,
              const char *expression, const char **field, char *err, size_t errlen)
{
    char state[6];
    *field = NULL;
    const char *p[8] = {org_id, conn_id, term, description, kind, table,
                        column && *column ? column : NULL, expression && *expression ? expression : NULL};
    PGresult *res = db_exec_state(
        a,
        /* the version bump retires cached plans' schema and query results */
        "WITH v AS (INSERT INTO vocabulary (org_id, connection_id, term, description, kind,"
        " table_name, column_name, expression)"
        " SELECT $1, c.id, lower($3), $4, $5, $6, $7, $8 FROM connections c"
        " WHERE c.org_id = $1 AND c.id = $2 RETURNING id),"
        " b AS (UPDATE connections SET version = version + 1 WHERE org_id = $1 AND id = $2"
        "       AND EXISTS (SELECT 1 FROM v))"
        " SELECT id FROM v",
        8, p, state, err, errlen);
    if (!res) {
        if (strcmp(state, "23505") == 0)
            *field = "term";
        return -1;
    }
    return PQntuples(res) == 1 ? 0 : -1;
}

int vocab_delete(arena_t *a, const char *org_id, const char *conn_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, conn_id, id};
    PGresult *res = db_exec(a,
                            "WITH d AS (DELETE FROM vocabulary WHERE org_id = $1 AND connection_id = $2"
                            " AND id = $3 RETURNING id),"
                            " b AS (UPDATE connections SET version = version + 1 WHERE org_id = $1"
                            " AND id = $2 AND EXISTS (SELECT 1 FROM d))"
                            " SELECT id FROM d",
                            3, p, err, sizeof err);
    return res && PQntuples(res) == 1 ? 0 : -1;
}
