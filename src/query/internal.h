/* internal.h — what run.c and estimate.c share: a statement made ready to
 * send (the connection, the {{name}} parameters bound, the validator's
 * verdict). Not for other modules: query.h is the module's header. */
#ifndef DM_QUERY_INTERNAL_H
#define DM_QUERY_INTERNAL_H

#include "query/query.h"
#include "engine/engine.h"

/* dialect.c: d, or PostgreSQL's when d is NULL. */
const engine_dialect_t *query_dialect(const struct engine_dialect *d);

/* pivot_union.c: query_pivot_sql for a dialect without GROUPING SETS, p
 * already checked against the result's columns; sql's first len bytes are
 * the query. In a. */
const char *query_pivot_union_sql(arena_t *a, const engine_dialect_t *d, const char *sql,
                                  size_t len, const query_pivot_t *p);

typedef struct query_stmt {
    store_conn_t conn;
    const engine_t *engine;  /* the connection's (engine_find), from QUERY_STMT_PARAMS on */
    query_bound_t pb;
    const char *statement;   /* as the validator accepted it; arena */
    const char *fingerprint; /* arena */
} query_stmt_t;

enum { QUERY_STMT_OK, QUERY_STMT_NO_CONN, QUERY_STMT_NO_ENGINE, QUERY_STMT_PARAMS,
       QUERY_STMT_REJECTED };

/* QUERY_STMT_OK and *s, or the step that failed with err in plain words
 * (no such connection of org_id, this build lacks its engine, a parameter
 * without a usable value, the engine's validator refused it; s->conn is
 * set from QUERY_STMT_NO_ENGINE on). */
int query_stmt_prepare(arena_t *a, const char *org_id, const char *conn_id, const char *sql,
                       const json_t *decl, const json_t *values, query_stmt_t *s, char *err,
                       size_t errlen);

#endif
