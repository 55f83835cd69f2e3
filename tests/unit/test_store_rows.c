/* test_store_rows.c — the typed store rows as template data, without a
 * database: each store_<entity>_json names the fields the templates read,
 * keeps SQL NULL as null (a missing key would make a template look the
 * name up in the enclosing context), and an answer document read with
 * store_message_from_json comes back out the same. */
#include <jansson.h>
#include <math.h>

#include "check.h"
#include "core/arena.h"
#include "store/chats.h"
#include "store/orgs.h"
#include "store/queries.h"
#include "store/schema.h"
#include "store/vocabulary.h"

static const char *str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static int is_null(const json_t *o, const char *key)
{
    return json_is_null(json_object_get(o, key));
}

static void test_vocab(void)
{
    store_vocab_t rows[2] = {
        {.id = "v1", .term = "revenue", .description = "", .kind = "metric",
         .table_name = "orders", .expression = "sum(orders.total)"},
        {.id = "v2", .term = "client", .description = "who buys", .kind = "column",
         .table_name = "customers", .column_name = "name"}};
    json_t *list = store_vocab_list_json(rows, 2);
    CHECK_INT(json_array_size(list), 2);
    json_t *m = json_array_get(list, 0), *c = json_array_get(list, 1);
    CHECK(json_is_true(json_object_get(m, "is_metric")));
    CHECK_STR(str(m, "expression"), "sum(orders.total)");
    CHECK(is_null(m, "column_name"));
    CHECK(json_is_false(json_object_get(c, "is_metric")));
    CHECK_STR(str(c, "table_name"), "customers");
    CHECK_STR(str(c, "column_name"), "name");
    CHECK(is_null(c, "expression"));
    json_decref(list);
}

static void test_query(void)
{
    store_query_t q = {.id = "q1", .name = "Monthly", .description = "", .sql_text = "SELECT 1",
                       .tags = "finance, monthly", .is_shared = false, .connection = "",
                       .mine = true, .author = "Ann", .updated = "2026-12-03"};
    json_t *o = store_query_json(&q);
    CHECK(o != NULL);
    CHECK_STR(str(o, "sql_text"), "SELECT 1");
    CHECK(is_null(o, "connection_id"));
    CHECK(json_is_false(json_object_get(o, "is_shared")));
    CHECK(json_is_true(json_object_get(o, "mine")));
    CHECK_STR(str(o, "tags"), "finance, monthly");
    json_decref(o);
}

static void test_schema(void)
{
    store_schema_column_t cols[2] = {
        {.column_name = "id", .data_type = "integer", .is_primary_key = true},
        {.column_name = "country_id", .data_type = "integer", .is_nullable = true,
         .fk = "countries.id", .null_pct = "12.5", .distinct_est = "40% of rows",
         .samples = "1, 2"}};
    store_schema_table_t t = {.id = "t1", .schema_name = "public", .table_name = "customers",
                              .table_type = "table", .row_estimate = 0, .has_row_estimate = true,
                              .column_count = 2, .columns = cols, .ncolumns = 2};
    json_t *o = store_schema_table_json(&t);
    CHECK(json_is_integer(json_object_get(o, "row_estimate")));  /* 0 is an estimate */
    CHECK_INT(json_integer_value(json_object_get(o, "column_count")), 2);
    json_t *cs = json_object_get(o, "columns");
    CHECK_INT(json_array_size(cs), 2);
    CHECK(json_is_true(json_object_get(json_array_get(cs, 0), "is_primary_key")));
    CHECK(is_null(json_array_get(cs, 0), "fk"));
    CHECK(is_null(json_array_get(cs, 0), "null_pct"));
    CHECK_STR(str(json_array_get(cs, 1), "fk"), "countries.id");
    CHECK_STR(str(json_array_get(cs, 1), "distinct_est"), "40% of rows");
    json_decref(o);
    /* a table of the list: no estimate yet, its columns not loaded */
    t.has_row_estimate = false;
    t.columns = NULL;
    t.ncolumns = 0;
    json_t *list = store_schema_tables_json(&t, 1);
    o = json_array_get(list, 0);
    CHECK(is_null(o, "row_estimate"));
    CHECK(json_object_get(o, "columns") == NULL);
    json_decref(list);
}

static void test_chat(void)
{
    store_chat_t c = {.id = "s1", .title = "Revenue", .is_pinned = true, .connection = "",
                      .updated = "2026-12-03 10:00"};
    json_t *o = store_chat_json(&c);
    CHECK(json_is_true(json_object_get(o, "is_pinned")));
    CHECK(is_null(o, "connection_id"));
    CHECK_STR(str(o, "title"), "Revenue");
    json_decref(o);
}

static void test_message_round_trip(void)
{
    arena_t *a = arena_new();
    json_t *doc = json_pack("{s:s, s:s, s:s, s:{s:s}, s:{s:[s], s:[[i]]}, s:I, s:b, s:{s:s},"
                            " s:f, s:{s:f}, s:s}",
                            "role", "assistant", "content", "42 orders", "sql_text",
                            "SELECT count(*) FROM orders", "plan", "kind", "llm",
                            "result_preview", "columns", "orders", "rows", 42, "row_count",
                            (json_int_t)5000000000LL, "truncated", 1, "chart_config", "type",
                            "kpi", "confidence", 0.85, "timings", "plan_ms", 1.5,
                            "context_summary", "orders counted");
    store_message_t m;
    store_message_from_json(a, doc, &m);
    CHECK_STR(m.role, "assistant");
    CHECK(m.has_row_count && m.row_count == 5000000000LL);
    CHECK(m.truncated);
    CHECK(m.has_confidence && fabs(m.confidence - 0.85) < 1e-9);
    CHECK(m.plan == json_object_get(doc, "plan"));  /* shared, not copied */
    CHECK(m.clarify == NULL && m.token_usage == NULL && m.error_message == NULL);
    json_t *o = store_message_json(&m);
    CHECK(json_equal(json_object_get(o, "result_preview"), json_object_get(doc, "result_preview")));
    CHECK(json_equal(json_object_get(o, "timings"), json_object_get(doc, "timings")));
    CHECK_INT(json_integer_value(json_object_get(o, "row_count")), 5000000000LL);
    CHECK(json_is_true(json_object_get(o, "truncated")));
    CHECK(is_null(o, "clarify") && is_null(o, "error_message") && is_null(o, "id"));
    CHECK(json_object_get(o, "question") == NULL); /* the session's, not the message's */
    json_decref(o);
    json_decref(doc);
    /* a user's question: no numbers, not truncated; numbers given as text count */
    doc = json_pack("{s:s, s:s, s:s}", "role", "user", "content", "how many?", "row_count", "12");
    store_message_from_json(a, doc, &m);
    json_decref(doc); /* the row keeps its own copies */
    CHECK_STR(m.content, "how many?");
    CHECK(m.has_row_count && m.row_count == 12);
    CHECK(!m.truncated && !m.has_confidence);
    o = store_message_json(&m);
    CHECK(is_null(o, "confidence") && is_null(o, "plan") && is_null(o, "sql_text"));
    json_decref(o);
    doc = json_pack("{s:s, s:s}", "role", "user", "row_count", "many");
    store_message_from_json(a, doc, &m);
    CHECK(!m.has_row_count);
    json_decref(doc);
    arena_free(a);
}

/* The org admin page's limits: usage as a share of the limit (capped at
 * 100, a 0 limit full), and the "full" flags the badge reads. */
static void test_org(void)
{
    store_org_t o = {.id = "o1", .slug = "acme", .name = "Acme", .created = "2026-01-02",
                     .max_users = 4, .max_connections = 0, .users = 3, .connections = 0,
                     .retention_days = 30};
    json_t *j = store_org_json(&o);
    CHECK(json_integer_value(json_object_get(j, "users_pct")) == 75);
    CHECK(json_integer_value(json_object_get(j, "connections_pct")) == 100);
    CHECK(json_is_false(json_object_get(j, "users_full")));
    CHECK(json_is_true(json_object_get(j, "connections_full")));
    CHECK(json_integer_value(json_object_get(j, "retention_days")) == 30);
    CHECK(strcmp(str(j, "slug"), "acme") == 0);
    json_decref(j);
    o.users = 9; /* over a lowered limit: shown full, never past 100 % */
    o.retention_days = 0; /* chats kept: null, so the form's field is empty */
    j = store_org_json(&o);
    CHECK(json_is_null(json_object_get(j, "retention_days")));
    CHECK(json_integer_value(json_object_get(j, "users_pct")) == 100);
    CHECK(json_is_true(json_object_get(j, "users_full")));
    json_decref(j);
}

int main(void)
{
    test_org();
    test_vocab();
    test_query();
    test_schema();
    test_chat();
    test_message_round_trip();
    return check_done("test_store_rows");
}
