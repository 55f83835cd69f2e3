/* pg_engine.c — PostgreSQL as an engine_t (engine_pg): the table of
 * operations over the PGconn files (pg_connect.c, pg_execute.c, …).
 *
 * Its engine_conn_t holds the PGconn. Parameters are bound through libpq
 * (text values, the OID their {{name}} type asks for); cancel is libpq's
 * PQgetCancel / PQcancel, which another thread may call while the
 * statement runs; explain is EXPLAIN (FORMAT JSON) of the validated
 * statement, through the same read-only, bounded executor. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/pg_internal.h"
#include "sqlsafe/sqlsafe.h"

#define OID_NUMERIC 1700u
#define OID_DATE 1082u
#define EXPLAIN_MAX_BYTES ((size_t)8 << 20)

struct engine_conn {
    PGconn *pg;
};

struct engine_cancel {
    PGcancel *pc;
};

unsigned int engine_pg_param_oid(const char *type)
{
    if (!type)
        return 0;
    return strcmp(type, "number") == 0 ? OID_NUMERIC : strcmp(type, "date") == 0 ? OID_DATE : 0;
}

static engine_conn_t *pg_connect(const engine_target_t *t, const char *allow, int timeout_s,
                                 char *err, size_t errlen)
{
    PGconn *pg = engine_pg_connect(t, allow, timeout_s, err, errlen);
    if (!pg)
        return NULL;
    engine_conn_t *c = calloc(1, sizeof *c);
    if (!c) {
        PQfinish(pg);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    c->pg = pg;
    return c;
}

static void pg_close(engine_conn_t *c)
{
    if (!c)
        return;
    PQfinish(c->pg);
    free(c);
}

/* Idle and nothing to read: anything waiting on an idle connection is the
 * server's goodbye (restart, idle timeout) or end of file. */
static int pg_idle_ok(engine_conn_t *c)
{
    if (PQstatus(c->pg) != CONNECTION_OK || PQtransactionStatus(c->pg) != PQTRANS_IDLE)
        return 0;
    struct pollfd p = {.fd = PQsocket(c->pg), .events = POLLIN};
    return poll(&p, 1, 0) == 0;
}

/* engine_run_t (types as words) to engine_pg_run_t (types as OIDs). */
static void run_of(const engine_run_t *o, unsigned int *oids, engine_pg_run_t *r)
{
    *r = (engine_pg_run_t){.timeout_ms = o->timeout_ms, .max_rows = o->max_rows,
                           .max_cell_bytes = o->max_cell_bytes,
                           .max_result_bytes = o->max_result_bytes, .nparams = o->nparams,
                           .param_values = o->param_values, .param_types = oids};
    for (int k = 0; k < o->nparams; k++)
        oids[k] = engine_pg_param_oid(o->param_types ? o->param_types[k] : NULL);
}

static int pg_execute(engine_conn_t *c, const char *statement, const engine_run_t *o,
                      json_t **result, int *err_pos, char *err, size_t errlen)
{
    unsigned int oids[SQLSAFE_MAX_PARAMS];
    if (o->nparams < 0 || o->nparams > SQLSAFE_MAX_PARAMS) {
        snprintf(err, errlen, "at most %d parameters", SQLSAFE_MAX_PARAMS);
        return -1;
    }
    engine_pg_run_t r;
    run_of(o, oids, &r);
    return engine_pg_execute(c->pg, statement, &r, result, err_pos, err, errlen);
}

static engine_cancel_t *pg_cancel_get(engine_conn_t *c)
{
    engine_cancel_t *k = calloc(1, sizeof *k);
    if (k && !(k->pc = PQgetCancel(c->pg))) {
        free(k);
        k = NULL;
    }
    return k;
}

static int pg_cancel(engine_cancel_t *k, char *err, size_t errlen)
{
    return PQcancel(k->pc, err, (int)errlen) ? 0 : -1;
}

static void pg_cancel_free(engine_cancel_t *k)
{
    if (!k)
        return;
    PQfreeCancel(k->pc);
    free(k);
}

static int pg_probe(engine_conn_t *c, json_t **info, char *err, size_t errlen)
{
    return engine_pg_probe(c->pg, info, err, errlen);
}

static int pg_discover(engine_conn_t *c, const sqlsafe_discover_opts_t *o, json_t **schema,
                       char *err, size_t errlen)
{
    return engine_pg_discover(c->pg, o, schema, err, errlen);
}

static int pg_lookup(engine_conn_t *c, json_t *schema, const char *const *phrases, int n,
                     char *err, size_t errlen)
{
    return engine_pg_lookup_values(c->pg, schema, phrases, n, err, errlen);
}

/* EXPLAIN's one value, [{"Plan": {...}}] as text: its "Plan" (new reference). */
static json_t *plan_of(const json_t *result)
{
    const json_t *rows = json_object_get(result, "rows");
    const char *text = json_string_value(json_array_get(json_array_get(rows, 0), 0));
    json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
    json_t *plan = json_object_get(json_array_get(doc, 0), "Plan");
    if (json_is_object(plan))
        json_incref(plan);
    else
        plan = NULL;
    json_decref(doc);
    return plan;
}

/* *plan = the top node of PostgreSQL's EXPLAIN (FORMAT JSON), without
 * ANALYZE: {"Node Type", "Plan Rows", "Total Cost", "Relation Name",
 * "Plans": [...]} (query/plan.c reads it). Nothing runs. */
static int pg_explain(engine_conn_t *c, const char *statement, const engine_run_t *o,
                      json_t **plan, char *err, size_t errlen)
{
    *plan = NULL;
    size_t n = strlen(statement) + 32;
    char *sql = malloc(n);
    if (!sql) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    snprintf(sql, n, "EXPLAIN (FORMAT JSON) %s", statement);
    engine_run_t r = *o;
    r.max_rows = 1;
    r.max_cell_bytes = r.max_result_bytes = EXPLAIN_MAX_BYTES;
    json_t *result = NULL;
    int pos = 0;
    int rc = pg_execute(c, sql, &r, &result, &pos, err, errlen);
    free(sql);
    if (rc == 0 && !(*plan = plan_of(result))) {
        snprintf(err, errlen, "the database's plan could not be read");
        rc = -1;
    }
    json_decref(result);
    return rc;
}

const engine_t engine_pg = {
    .kind = ENGINE_POSTGRESQL,
    .name = "postgresql",
    .label = "PostgreSQL",
    .default_port = 5432,
    .dialect = &engine_pg_dialect,
    .connect = pg_connect,
    .close = pg_close,
    .idle_ok = pg_idle_ok,
    .validate = sqlsafe_validate_params,
    .execute = pg_execute,
    .cancel_get = pg_cancel_get,
    .cancel = pg_cancel,
    .cancel_free = pg_cancel_free,
    .probe = pg_probe,
    .discover = pg_discover,
    .lookup_values = pg_lookup,
    .explain = pg_explain,
};
