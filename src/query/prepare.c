/* prepare.c — query_stmt_prepare: see internal.h. */
#include "query/internal.h"
#include "sqlsafe/sqlsafe.h"

#include <stdio.h>
#include <string.h>

int query_stmt_prepare(arena_t *a, const char *org_id, const char *conn_id, const char *sql,
                       const json_t *decl, const json_t *values, query_stmt_t *s, char *err,
                       size_t errlen)
{
    memset(s, 0, sizeof *s);
    if (store_conn_get(a, org_id, conn_id, &s->conn) < 0) {
        snprintf(err, errlen, "that connection does not exist");
        return QUERY_STMT_NO_CONN;
    }
    if (!(s->engine = engine_find(s->conn.kind, err, errlen)))
        return QUERY_STMT_NO_ENGINE;
    if (query_params_bind(a, sql, decl, values, &s->pb, err, errlen) < 0)
        return QUERY_STMT_PARAMS;
    sqlsafe_check_t chk;
    if (s->engine->validate(s->pb.sql, strlen(s->pb.sql), s->pb.n, s->conn.allowed_functions,
                            s->conn.n_allowed_functions, &chk, err, errlen) < 0)
        return QUERY_STMT_REJECTED;
    s->fingerprint = arena_strdup(a, chk.fingerprint);
    s->statement = arena_strdup(a, chk.statement);
    sqlsafe_check_free(&chk);
    return QUERY_STMT_OK;
}
