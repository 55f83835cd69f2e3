/* estimate.c — the planner's estimate of a query before it runs: EXPLAIN
 * (FORMAT JSON), without ANALYZE, of the statement the validator accepted,
 * with its {{name}} parameters bound as a real run binds them, through the
 * same read-only, timeout-limited path (sqlsafe_execute). Nothing else is
 * ever explained: the text after "EXPLAIN (FORMAT JSON) " is the validated
 * statement. What the plan says is read by plan.c. */
#include "query/internal.h"
#include "core/config.h"
#include "sqlsafe/sqlsafe.h"
#include "store/schema.h"

#include <stdio.h>
#include <string.h>

#define EXPLAIN_TIMEOUT_MS 10000
#define EXPLAIN_MAX_BYTES ((size_t)8 << 20)

/* EXPLAIN's one value: [{"Plan": {...}}] as text. */
static int plan_read(arena_t *a, const json_t *result, const char *org_id, const char *conn_id,
                     query_estimate_t *e, char *err, size_t errlen)
{
    const char *text = json_string_value(json_array_get(json_array_get(json_object_get(result,
                                                                                       "rows"), 0), 0));
    json_t *doc = text ? json_loads(text, 0, NULL) : NULL;
    const json_t *plan = json_object_get(json_array_get(doc, 0), "Plan");
    if (!json_is_object(plan)) {
        json_decref(doc);
        snprintf(err, errlen, "the database's plan could not be read");
        return -1;
    }
    store_schema_table_t *tables = NULL;
    size_t n = 0;
    store_schema_tables(a, org_id, conn_id, NULL, &tables, &n);
    query_estimate_plan(a, plan, tables, n, e);
    json_decref(doc);
    return 0;
}

int query_estimate(arena_t *a, const char *org_id, const char *conn_id, const char *sql,
                   const json_t *param_decl, query_estimate_t *e, char *err, size_t errlen)
{
    memset(e, 0, sizeof *e);
    query_stmt_t qs;
    if (query_stmt_prepare(a, org_id, conn_id, sql, param_decl, NULL, &qs, err, errlen) !=
        QUERY_STMT_OK)
        return -1;
    const query_bound_t pb = qs.pb;
    const char *stmt = arena_printf(a, "EXPLAIN (FORMAT JSON) %s", qs.statement);
    PGconn *pg = query_acquire(a, &qs.conn, err, errlen);
    if (!pg)
        return -1;
    int timeout = cfg->query_timeout_ms < EXPLAIN_TIMEOUT_MS ? cfg->query_timeout_ms : EXPLAIN_TIMEOUT_MS;
    sqlsafe_run_t run = {.timeout_ms = timeout, .max_rows = 1, .max_cell_bytes = EXPLAIN_MAX_BYTES,
                         .max_result_bytes = EXPLAIN_MAX_BYTES, .nparams = pb.n,
                         .param_values = pb.values, .param_types = pb.oids};
    json_t *result = NULL;
    int pos = 0;
    int rc = sqlsafe_execute(pg, stmt, &run, &result, &pos, err, errlen);
    query_release(pg, rc < 0 && PQstatus(pg) != CONNECTION_OK);
    if (rc == 0)
        rc = plan_read(a, result, org_id, conn_id, e, err, errlen);
    json_decref(result);
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
