/* estimate.c — the planner's estimate of a query before it runs: EXPLAIN
 * (FORMAT JSON), without ANALYZE, of the statement the validator accepted,
 * with its {{name}} parameters bound as a real run binds them, through the
 * same read-only, timeout-limited path (sqlsafe_execute). Nothing else is
 * ever explained: the text after "EXPLAIN (FORMAT JSON) " is the validated
 * statement. From the plan: the top node's Plan Rows and Total Cost, and
 * every scan that reads its relation whole — a sequential scan, or an index
 * scan without an index condition, that no Limit stops early — with the
 * size of that relation (the larger of its node's Plan Rows and the row
 * estimate discovery stored for a table of that name: a filtered scan's
 * Plan Rows count what it keeps, not what it reads). */
#include "query/internal.h"
#include "core/config.h"
#include "sqlsafe/sqlsafe.h"
#include "store/schema.h"

#include <stdio.h>
#include <string.h>

#define EXPLAIN_TIMEOUT_MS 10000
#define EXPLAIN_MAX_BYTES ((size_t)8 << 20)
#define EXPLAIN_DEPTH 100

/* The stored row estimate of a table called name on the connection (the
 * largest when several schemas have one), or 0. */
static double stored_rows(const store_schema_table_t *t, size_t n, const char *name)
{
    double best = 0;
    for (size_t i = 0; i < n; i++)
        if (t[i].has_row_estimate && strcmp(t[i].table_name, name) == 0 &&
            (double)t[i].row_estimate > best)
            best = (double)t[i].row_estimate;
    return best;
}

static void scan_add(arena_t *a, query_estimate_t *e, const char *rel, double rows, int index)
{
    if (rows > e->scan_rows)
        e->scan_rows = rows;
    for (size_t i = 0; i < e->nscans; i++)
        if (strcmp(e->scans[i].relation, rel) == 0) { /* a self-join: one line */
            if (rows > e->scans[i].rows)
                e->scans[i].rows = rows;
            return;
        }
    size_t at = e->nscans < QUERY_ESTIMATE_SCANS ? e->nscans++ : QUERY_ESTIMATE_SCANS - 1;
    if (at == QUERY_ESTIMATE_SCANS - 1 && e->scans[at].relation && e->scans[at].rows >= rows)
        return; /* full: keep the larger ones */
    e->scans[at] = (query_scan_t){arena_strdup(a, rel), rows, index};
    for (size_t i = at; i > 0 && e->scans[i].rows > e->scans[i - 1].rows; i--) {
        query_scan_t t = e->scans[i];
        e->scans[i] = e->scans[i - 1];
        e->scans[i - 1] = t;
    }
}

static int is(const char *type, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(type, *names) == 0)
            return 1;
    return 0;
}

/* Nodes that read all of their input before they return a row: a Limit
 * above them does not stop the scans below. */
static const char *const blocking[] = {"Sort", "Incremental Sort", "Aggregate", "Hash", "WindowAgg",
                                       "SetOp", "Recursive Union", NULL};
/* Scans that read a whole relation: a sequential scan, or an index scan
 * without an index condition (every row, in the index's order). */
static const char *const index_scans[] = {"Index Scan", "Index Only Scan", NULL};

/* limited: a Limit above this node stops it early (no blocking node
 * between), so its scans do not read their relation whole. */
static void plan_walk(arena_t *a, const json_t *node, const store_schema_table_t *t, size_t n,
                      query_estimate_t *e, int limited, int depth)
{
    if (!json_is_object(node) || depth > EXPLAIN_DEPTH)
        return;
    const char *type = json_string_value(json_object_get(node, "Node Type"));
    const char *rel = json_string_value(json_object_get(node, "Relation Name"));
    type = type ? type : "";
    int index = is(type, index_scans) && !json_object_get(node, "Index Cond");
    if (rel && !limited && (strcmp(type, "Seq Scan") == 0 || index)) {
        double rows = json_number_value(json_object_get(node, "Plan Rows"));
        double stored = stored_rows(t, n, rel);
        scan_add(a, e, rel, stored > rows ? stored : rows, index);
    }
    if (strcmp(type, "Limit") == 0)
        limited = 1;
    else if (is(type, blocking))
        limited = 0;
    size_t i;
    const json_t *child;
    json_array_foreach(json_object_get(node, "Plans"), i, child) {
        const char *rel_to = json_string_value(json_object_get(child, "Parent Relationship"));
        int sub = rel_to && (strcmp(rel_to, "InitPlan") == 0 || strcmp(rel_to, "SubPlan") == 0);
        plan_walk(a, child, t, n, e, sub ? 0 : limited, depth + 1);
    }
}

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
    e->rows = json_number_value(json_object_get(plan, "Plan Rows"));
    e->cost = json_number_value(json_object_get(plan, "Total Cost"));
    store_schema_table_t *tables = NULL;
    size_t n = 0;
    store_schema_tables(a, org_id, conn_id, NULL, &tables, &n);
    plan_walk(a, plan, tables, n, e, 0, 0);
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
