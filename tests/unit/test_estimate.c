/* test_estimate.c — what an EXPLAIN (FORMAT JSON) plan says about a query
 * before it runs (query/plan.c): the scans that read a relation whole, how
 * large that relation is, and which a Limit stops early. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "core/arena.h"
#include "query/query.h"
#include "store/schema.h"

/* Two discovered tables: orders with 100,000 rows, regions with 5. */
static store_schema_table_t tables[] = {
    {.schema_name = "public", .table_name = "orders", .row_estimate = 100000, .has_row_estimate = true},
    {.schema_name = "public", .table_name = "regions", .row_estimate = 5, .has_row_estimate = true},
};

static query_estimate_t est(arena_t *a, const char *plan_json)
{
    query_estimate_t e;
    json_error_t jerr;
    json_t *plan = json_loads(plan_json, 0, &jerr);
    if (!plan)
        fprintf(stderr, "bad test JSON: %s\n", jerr.text);
    query_estimate_plan(a, plan, tables, 2, &e);
    json_decref(plan);
    return e;
}

#define SEQ(rel, rows) "{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"" rel "\", \"Plan Rows\": " #rows "}"

static void test_seq_scans(void)
{
    arena_t *a = arena_new();
    query_estimate_t e = est(a, "{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"orders\","
                                " \"Plan Rows\": 100000, \"Total Cost\": 1834.5}");
    CHECK(e.rows == 100000 && e.cost == 1834.5);
    CHECK_INT(e.nscans, 1);
    CHECK_STR(e.scans[0].relation, "orders");
    CHECK(e.scan_rows == 100000 && !e.scans[0].index);
    CHECK(query_estimate_over(&e, 50000) && !query_estimate_over(&e, 100000));
    CHECK(!query_estimate_over(&e, 0)); /* 0: the warning is off */
    /* a filter keeps 1 row, but the whole table is read: the stored size */
    e = est(a, "{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"orders\", \"Plan Rows\": 1,"
               " \"Filter\": \"(x = 1)\", \"Total Cost\": 2084.0}");
    CHECK(e.rows == 1 && e.scan_rows == 100000);
    /* a table discovery never saw: its node's rows */
    e = est(a, SEQ("events", 700));
    CHECK(e.scan_rows == 700);
    /* a self-join is one line, both sides of a join are there, largest first */
    e = est(a, "{\"Node Type\": \"Hash Join\", \"Plan Rows\": 10, \"Plans\": [" SEQ("regions", 5) ","
               " {\"Node Type\": \"Hash\", \"Plans\": [" SEQ("orders", 100000) "]}, " SEQ("orders", 3) "]}");
    CHECK_INT(e.nscans, 2);
    CHECK_STR(e.scans[0].relation, "orders");
    CHECK_STR(e.scans[1].relation, "regions");
    CHECK(e.scans[1].rows == 5);
    arena_free(a);
}

static void test_index_scans(void)
{
    arena_t *a = arena_new();
    /* every row in the index's order: read whole */
    query_estimate_t e = est(a, "{\"Node Type\": \"Index Scan\", \"Relation Name\": \"orders\","
                                " \"Index Name\": \"orders_pkey\", \"Plan Rows\": 100000}");
    CHECK_INT(e.nscans, 1);
    CHECK(e.scans[0].index && e.scan_rows == 100000);
    /* with a condition it reads what it finds */
    e = est(a, "{\"Node Type\": \"Index Only Scan\", \"Relation Name\": \"orders\","
               " \"Index Cond\": \"(id = 5)\", \"Plan Rows\": 1}");
    CHECK_INT(e.nscans, 0);
    CHECK(e.scan_rows == 0 && !query_estimate_over(&e, 1));
    arena_free(a);
}

static void test_limits(void)
{
    arena_t *a = arena_new();
    /* LIMIT 10 over a scan stops it early */
    query_estimate_t e = est(a, "{\"Node Type\": \"Limit\", \"Plan Rows\": 10, \"Plans\": ["
                                SEQ("orders", 100000) "]}");
    CHECK_INT(e.nscans, 0);
    /* ... through a streaming join too */
    e = est(a, "{\"Node Type\": \"Limit\", \"Plans\": [{\"Node Type\": \"Nested Loop\", \"Plans\": ["
               SEQ("orders", 100000) ", " SEQ("regions", 5) "]}]}");
    CHECK_INT(e.nscans, 0);
    /* but not through a sort, an aggregate or a hash: they read everything first */
    const char *blocking[] = {"Sort", "Aggregate", "Hash", "WindowAgg"};
    for (size_t i = 0; i < 4; i++) {
        char plan[512];
        snprintf(plan, sizeof plan, "{\"Node Type\": \"Limit\", \"Plans\": [{\"Node Type\": \"%s\","
                                    " \"Plans\": [" SEQ("orders", 100000) "]}]}", blocking[i]);
        e = est(a, plan);
        check_one(e.nscans == 1, __FILE__, __LINE__, blocking[i], NULL, NULL);
    }
    /* a sub-plan runs on its own: the limit above its parent does not stop it */
    e = est(a, "{\"Node Type\": \"Limit\", \"Plans\": [{\"Node Type\": \"Result\", \"Plans\": ["
               "{\"Node Type\": \"Aggregate\", \"Parent Relationship\": \"InitPlan\", \"Plans\": ["
               SEQ("orders", 100000) "]}]}]}");
    CHECK_INT(e.nscans, 1);
    arena_free(a);
}

static void test_many_scans(void)
{
    arena_t *a = arena_new();
    /* ten tables: the eight largest are kept, largest first */
    char plan[4096] = "{\"Node Type\": \"Append\", \"Plans\": [";
    for (int i = 1; i <= 10; i++)
        snprintf(plan + strlen(plan), sizeof plan - strlen(plan),
                 "%s{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"t%d\", \"Plan Rows\": %d}",
                 i > 1 ? ", " : "", i, i * 1000);
    strcat(plan, "]}");
    query_estimate_t e = est(a, plan);
    CHECK_INT(e.nscans, QUERY_ESTIMATE_SCANS);
    CHECK_STR(e.scans[0].relation, "t10");
    CHECK_STR(e.scans[7].relation, "t3");
    CHECK(e.scan_rows == 10000);
    /* not a plan at all: nothing, and no crash */
    e = est(a, "{\"Plans\": 5}");
    CHECK(e.nscans == 0 && e.rows == 0);
    arena_free(a);
}

int main(void)
{
    test_seq_scans();
    test_index_scans();
    test_limits();
    test_many_scans();
    return check_done("test_estimate");
}
