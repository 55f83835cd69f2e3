/* test_query_dialect.c — query/'s SQL writers (a table's preview, a list
 * parameter's choices, drill-down and sorting, a dashboard's date range)
 * in a connection's dialect: PostgreSQL's (NULL, or engine_pg_dialect) is
 * the SQL they wrote before, and a MySQL-style test dialect's has no
 * PostgreSQL-only construct left; a pivot is written with UNION ALL where
 * there are no GROUPING SETS, and a describe (PostgreSQL's own SQL) is
 * declined where it cannot run. */
#include "query/query.h"
#include "engine/internal.h"
#include "check.h"
#include "my_dialect.h"
#include "core/arena.h"

#include <string.h>

static const char *const pg_only[] = {"\"", "::", "date_trunc", "interval '", "NULLS LAST",
                                      "now()", "current_date", "DATE '", NULL};

static void no_pg_left(const char *sql)
{
    for (int k = 0; pg_only[k]; k++)
        if (strstr(sql, pg_only[k])) {
            fprintf(stderr, "PostgreSQL's %s left in: %s\n", pg_only[k], sql);
            CHECK(0);
        }
}

static void test_pg(arena_t *a, const engine_dialect_t *d)
{
    CHECK_STR(query_preview_sql(a, d, "public", "orders", 20), "SELECT * FROM \"public\".\"orders\" LIMIT 20");
    CHECK_STR(query_distinct_sql(a, d, "public", "orders", "status", 50),
              "SELECT DISTINCT \"status\" FROM \"public\".\"orders\" WHERE \"status\" IS NOT NULL "
              "ORDER BY 1 LIMIT 50");
    CHECK_STR(query_wrap_drill(a, d, "SELECT 1;", "c", "p", "s", 1),
              "SELECT * FROM (\nSELECT 1\n) AS dm_drill WHERE dm_drill.\"c\" = {{p}} "
              "ORDER BY dm_drill.\"s\" DESC NULLS LAST");
    CHECK_STR(query_wrap_drill(a, d, "SELECT 1", NULL, NULL, "s", 0),
              "SELECT * FROM (\nSELECT 1\n) AS dm_drill ORDER BY dm_drill.\"s\" ASC");
    CHECK_STR(query_wrap_date_range(a, d, "SELECT 1", "d", "30d", NULL, NULL),
              "SELECT * FROM (\nSELECT 1\n) AS dm_filtered WHERE dm_filtered.\"d\" >= now() - "
              "interval '30 days'");
    CHECK_STR(query_wrap_date_range(a, d, "SELECT 1", "d", "year", NULL, NULL),
              "SELECT * FROM (\nSELECT 1\n) AS dm_filtered WHERE dm_filtered.\"d\" >= "
              "date_trunc('year', current_date)::date");
    CHECK_STR(query_wrap_date_range(a, d, "SELECT 1", "d", "custom", "2024-01-01", "2024-01-31"),
              "SELECT * FROM (\nSELECT 1\n) AS dm_filtered WHERE dm_filtered.\"d\" >= DATE "
              "'2024-01-01' AND dm_filtered.\"d\" < DATE '2024-01-31' + interval '1 day'");
}

static void test_mysql(arena_t *a)
{
    const engine_dialect_t *d = &my_dialect;
    const char *sql[] = {
        query_preview_sql(a, d, "shop", "orders", 20),
        query_distinct_sql(a, d, "shop", "orders", "status", 50),
        query_wrap_drill(a, d, "SELECT 1", "c", "p", "s", 1),
        query_wrap_date_range(a, d, "SELECT 1", "d", "7d", NULL, NULL),
        query_wrap_date_range(a, d, "SELECT 1", "d", "year", NULL, NULL),
        query_wrap_date_range(a, d, "SELECT 1", "d", "custom", "2024-01-01", "2024-01-31"),
    };
    for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
        no_pg_left(sql[i]);
        CHECK(strchr(sql[i], '`') != NULL);
    }
    CHECK_STR(sql[0], "SELECT * FROM `shop`.`orders` LIMIT 20");
    CHECK(strstr(sql[2], "ORDER BY dm_drill.`s` IS NULL, dm_drill.`s` DESC") != NULL);
    CHECK(strstr(sql[3], "dm_filtered.`d` >= DATE_SUB(NOW(), INTERVAL 7 DAY)") != NULL);
    CHECK(strstr(sql[5], "< DATE_ADD(CAST('2024-01-31' AS DATE), INTERVAL 1 DAY)") != NULL);
}

/* what the dialect cannot run is declined in words, not written */
static void test_declined(arena_t *a)
{
    json_t *c = json_pack("[{s:s, s:s}, {s:s, s:s}]", "name", "region", "type", "text", "name",
                          "amount", "type", "number");
    query_pivot_t p = {.rows = "region", .agg = "sum", .val = "amount"};
    char err[256] = "";
    /* no GROUPING SETS: the same rows from UNION ALL, in the dialect's quoting */
    const char *u = query_pivot_sql(a, &my_dialect, "SELECT 1;", c, &p, err, sizeof err);
    CHECK(u != NULL);
    CHECK(u && strstr(u, "SELECT src.`region` AS `region`, sum(src.`amount`) AS `sum of amount`, '' AS `total`") != NULL);
    CHECK(u && strstr(u, "UNION ALL\nSELECT NULL, sum(src.`amount`), 'grand total'\nFROM (\nSELECT 1\n) AS src\n") != NULL);
    CHECK(u && strstr(u, "GROUPING") == NULL && strstr(u, "ORDER BY `region` IS NULL, `region`") != NULL);
    no_pg_left(u ? u : "");
    CHECK(query_pivot_sql(a, &engine_pg_dialect, "SELECT 1", c, &p, err, sizeof err) != NULL);
    err[0] = '\0';
    CHECK(query_describe_sql(a, &my_dialect, "SELECT 1", c, err, sizeof err) == NULL);
    CHECK(strstr(err, "PostgreSQL only") != NULL);
    CHECK(query_describe_sql(a, &engine_pg_dialect, "SELECT 1", c, err, sizeof err) != NULL);
    json_decref(c);
}

int main(void)
{
    arena_t *a = arena_new();
    test_pg(a, NULL);
    test_pg(a, &engine_pg_dialect);
    test_mysql(a);
    test_declined(a);
    arena_free(a);
    return check_done("test_query_dialect");
}
