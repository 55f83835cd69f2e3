/* vocabulary.c — a connection's business terms: a word mapped to a column,
 * or a metric (a named SQL expression the planner uses as written). */
#include "store/vocabulary.h"
#include "store/store_row.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One term: the columns row_from_result reads, in its order. */
#define VOCAB_COLS "id, term, description, kind, table_name, column_name, expression"

static void row_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_vocab_t *v = out;
    v->id = store_row_text(a, res, i, 0);
    v->term = store_row_text(a, res, i, 1);
    v->description = store_row_text(a, res, i, 2);
    v->kind = store_row_text(a, res, i, 3);
    v->table_name = store_row_text(a, res, i, 4);
    v->column_name = store_row_opt(a, res, i, 5);
    v->expression = store_row_opt(a, res, i, 6);
}

int store_vocab_list(arena_t *a, const char *org_id, const char *conn_id, store_vocab_t **rows,
                     size_t *n)
{
    const char *p[2] = {org_id, conn_id};
    *rows = store_rows_fetch(a,
                             "SELECT " VOCAB_COLS " FROM vocabulary"
                             " WHERE org_id = $1 AND connection_id = $2 ORDER BY lower(term)",
                             2, p, sizeof **rows, row_from_result, n);
    return *rows ? 0 : -1;
}

json_t *store_vocab_json(const store_vocab_t *v)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:b}", "id", v->id, "term", v->term,
                     "description", v->description, "kind", v->kind, "table_name",
                     v->table_name, "column_name", v->column_name, "expression", v->expression,
                     "is_metric", strcmp(v->kind, "metric") == 0);
}

static json_t *any_json(const void *v)
{
    return store_vocab_json(v);
}

json_t *store_vocab_list_json(const store_vocab_t *rows, size_t n)
{
    return store_rows_json(rows, n, sizeof *rows, any_json);
}

json_t *store_vocab_load(arena_t *a, const char *org_id, const char *conn_id)
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

int store_vocab_add(arena_t *a, const char *org_id, const char *conn_id, const char *term,
                    const char *description, const char *kind, const char *table,
                    const char *column, const char *expression, const char **field, char *err,
                    size_t errlen)
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

int store_vocab_delete(arena_t *a, const char *org_id, const char *conn_id, const char *id)
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
