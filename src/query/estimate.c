/* estimate.c — the planner's estimate of a query before it runs: the
 * engine's explain (PostgreSQL: EXPLAIN (FORMAT JSON), without ANALYZE) of
 * the statement the validator accepted, with its {{name}} parameters bound
 * as a real run binds them, through the same read-only, timeout-limited
 * path. Nothing else is ever explained. What the plan says is read by
 * plan.c. An engine without explain makes no estimate (1). */
#include "query/internal.h"
#include "core/config.h"
#include "engine/engine.h"
#include "store/schema.h"

#include <stdio.h>
#include <string.h>

#define EXPLAIN_TIMEOUT_MS 10000

int query_estimate(arena_t *a, const char *org_id, const char *conn_id, const char *sql,
                   const json_t *param_decl, query_estimate_t *e, char *err, size_t errlen)
{
    memset(e, 0, sizeof *e);
    query_stmt_t qs;
    if (query_stmt_prepare(a, org_id, conn_id, sql, param_decl, NULL, &qs, err, errlen) !=
        QUERY_STMT_OK)
        return -1;
    if (!qs.engine->explain) {
        snprintf(err, errlen, "DataMind makes no estimate for %s connections: the query runs "
                              "without a cost check", qs.engine->label);
        return 1;
    }
    const query_bound_t pb = qs.pb;
    const engine_t *eng;
    engine_conn_t *conn = query_acquire(a, &qs.conn, &eng, err, errlen);
    if (!conn)
        return -1;
    int timeout = cfg->query_timeout_ms < EXPLAIN_TIMEOUT_MS ? cfg->query_timeout_ms : EXPLAIN_TIMEOUT_MS;
    engine_run_t run = {.timeout_ms = timeout, .nparams = pb.n, .param_values = pb.values,
                        .param_types = pb.types};
    json_t *plan = NULL;
    int rc = eng->explain(conn, qs.statement, &run, &plan, err, errlen);
    query_release(eng, conn, 0);
    if (rc == 0) {
        store_schema_table_t *tables = NULL;
        size_t n = 0;
        store_schema_tables(a, org_id, conn_id, NULL, &tables, &n);
        query_estimate_plan(a, plan, tables, n, e);
    }
    json_decref(plan);
    return rc;
}

json_t *query_estimate_scans_json(const query_estimate_t *e)
{
    json_t *scans = json_array();
    for (size_t i = 0; i < e->nscans; i++)
        json_array_append_new(scans, json_pack("{s:s, s:f, s:b}", "relation", e->scans[i].relation,
                                               "rows", e->scans[i].rows, "index", e->scans[i].index));
    return scans;
}

json_t *query_estimate_json(const query_estimate_t *e, long warn_rows)
{
    return json_pack("{s:f, s:f, s:f, s:o, s:I, s:b}", "rows", e->rows, "cost", e->cost,
                     "scan_rows", e->scan_rows, "seq_scans", query_estimate_scans_json(e),
                     "warn_rows", (json_int_t)warn_rows, "over", query_estimate_over(e, warn_rows));
}

int query_estimate_over(const query_estimate_t *e, long warn_rows)
{
    return warn_rows > 0 && e->scan_rows > (double)warn_rows;
}
