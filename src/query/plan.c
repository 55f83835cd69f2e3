/* plan.c — query_estimate_plan: what an EXPLAIN (FORMAT JSON) plan says
 * (pure: no database). The top node's Plan Rows and Total Cost, and every
 * scan that reads its relation whole — a sequential scan, or an index scan
 * without an index condition, that no Limit stops early — with the size of
 * that relation: the larger of its node's Plan Rows and the row estimate
 * discovery stored for a table of that name (a filtered scan's Plan Rows
 * count what it keeps, not what it reads). */
#include "query/query.h"
#include "store/schema.h"

#include <string.h>

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

void query_estimate_plan(arena_t *a, const json_t *plan, const store_schema_table_t *tables,
                         size_t n, query_estimate_t *e)
{
    memset(e, 0, sizeof *e);
    e->rows = json_number_value(json_object_get(plan, "Plan Rows"));
    e->cost = json_number_value(json_object_get(plan, "Total Cost"));
    plan_walk(a, plan, tables, n, e, 0, 0);
}
