/* clickhouse_meta.c — "Test connection", the schema and value lookups on
 * ClickHouse (engine_t.probe, discover, lookup_values), from the system
 * tables, in the JSON shapes sqlsafe_probe / sqlsafe_discover give.
 *
 * ClickHouse has no foreign keys (fk null), no pg_stats (null_frac and
 * n_distinct null); pk is system.columns.is_in_primary_key; row_estimate
 * is the active parts' row count (MergeTree tables; null for others and
 * views). A Distributed table is listed like any other and queried like
 * one. Samples: for each String column, SELECT DISTINCT … LIMIT n+1 under
 * the sample timeout — a column with more than n values gets none. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/internal.h"

#define DISCOVER_BUDGET_MS 45000
#define LOOKUP_MAX_COLUMNS 60
#define LOOKUP_TIMEOUT_MS 500
#define LOOKUP_BUDGET_MS 2000

static const char *cell(json_t *row, size_t i)
{
    return json_string_value(json_array_get(row, i));
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- probe ------------------------------------------------------------------ */

#define READ_ONLY_PROFILE                                                             \
    "<!-- users.xml (or a file in users.d/): a profile DataMind's user reads with -->\n" \
    "<profiles>\n"                                                                    \
    "  <datamind_readonly>\n"                                                         \
    "    <readonly>1</readonly>  <!-- no writes, no table functions, no SET -->\n"    \
    "    <max_execution_time>60</max_execution_time>\n"                               \
    "    <max_result_rows>100000</max_result_rows>\n"                                 \
    "    <result_overflow_mode>break</result_overflow_mode>\n"                        \
    "  </datamind_readonly>\n"                                                        \
    "</profiles>\n"                                                                   \
    "<users>\n"                                                                       \
    "  <datamind>\n"                                                                  \
    "    <password_sha256_hex>…</password_sha256_hex>\n"                              \
    "    <networks><ip>DATAMIND_HOST_IP</ip></networks>\n"                            \
    "    <profile>datamind_readonly</profile>\n"                                      \
    "    <quota>default</quota>\n"                                                    \
    "    <allow_databases><database>shop</database></allow_databases>\n"              \
    "  </datamind>\n"                                                                 \
    "</users>\n"

/* the profile's own readonly: asked without DataMind's readonly=1 */
static int profile_readonly(engine_ch_conn_t *c, char *err, size_t errlen)
{
    buf_t out = {0};
    engine_ch_request_t rq = {.sql = "SELECT value FROM system.settings WHERE name = 'readonly'",
                              .timeout_ms = 5000, .no_readonly = 1, .format = "TabSeparated",
                              .body = &out};
    int rc = engine_ch_request(c, &rq, err, errlen);
    int ro = rc < 0 ? -1 : atoi(buf_str(&out));
    buf_free(&out);
    return ro;
}

int engine_clickhouse_probe(engine_conn_t *conn, json_t **info, char *err, size_t errlen)
{
    engine_ch_conn_t *c = (engine_ch_conn_t *)conn;
    json_t *rows;
    *info = NULL;
    if (engine_ch_query_rows(c,
                             "SELECT version(), (SELECT count() FROM system.tables "
                             "WHERE database != 'system')",
                             10000, &rows, err, errlen) < 0)
        return -1;
    int ro = profile_readonly(c, err, errlen);
    if (ro < 0) {
        json_decref(rows);
        return -1;
    }
    json_t *r = json_array_get(rows, 0);
    *info = json_pack("{s:s, s:s, s:b, s:b, s:I, s:s}", "server_version",
                      cell(r, 0) ? cell(r, 0) : "", "current_user", c->user, "can_write", ro == 0,
                      "superuser", 0, "table_count",
                      (json_int_t)(cell(r, 1) ? atoll(cell(r, 1)) : 0), "read_only_sql",
                      READ_ONLY_PROFILE);
    json_decref(rows);
    return *info ? 0 : -1;
}

/* ---- discover --------------------------------------------------------------- */

static json_t *table_new(json_t *row)
{
    const char *engine = cell(row, 2);
    int view = engine && (!strcmp(engine, "View") || !strcmp(engine, "MaterializedView"));
    return json_pack("{s:s, s:s, s:s, s:n, s:[]}", "schema", cell(row, 0), "name", cell(row, 1),
                     "type", view ? "view" : "table", "row_estimate", "columns");
}

static json_t *find_table(json_t *tables, const char *db, const char *name)
{
    size_t i;
    json_t *t;
    json_array_foreach(tables, i, t) {
        if (!strcmp(json_string_value(json_object_get(t, "schema")), db) &&
            !strcmp(json_string_value(json_object_get(t, "name")), name))
            return t;
    }
    return NULL;
}

static json_t *column_new(json_t *row, size_t ordinal)
{
    const char *type = cell(row, 3);
    int nullable = strstr(type, "Nullable(") != NULL;
    json_t *col = json_pack("{s:s, s:s, s:I, s:b, s:b, s:n, s:n, s:n, s:[]}", "name", cell(row, 2),
                            "type", type, "ordinal", (json_int_t)ordinal, "nullable", nullable,
                            "pk", !strcmp(cell(row, 4), "1"), "fk", "null_frac", "n_distinct",
                            "samples");
    if (col && cell(row, 5) && *cell(row, 5))
        json_object_set_new(col, "comment", json_string(cell(row, 5)));
    return col;
}

static void add_columns(json_t *tables, json_t *rows)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        json_t *t = find_table(tables, cell(r, 0), cell(r, 1));
        if (!t)
            continue;
        json_t *cols = json_object_get(t, "columns");
        json_array_append_new(cols, column_new(r, json_array_size(cols) + 1));
    }
}

static void add_row_counts(json_t *tables, json_t *rows)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        json_t *t = find_table(tables, cell(r, 0), cell(r, 1));
        if (t)
            json_object_set_new(t, "row_estimate", json_integer(atoll(cell(r, 2))));
    }
}

static int is_string_type(const char *type)
{
    return !strcmp(type, "String") || !strcmp(type, "Nullable(String)") ||
           !strcmp(type, "LowCardinality(String)") ||
           !strcmp(type, "LowCardinality(Nullable(String))");
}

static void table_ref(buf_t *b, json_t *t)
{
    engine_clickhouse_dialect.quote_ident(b, json_string_value(json_object_get(t, "schema")));
    buf_putc(b, '.');
    engine_clickhouse_dialect.quote_ident(b, json_string_value(json_object_get(t, "name")));
}

/* every value of a column with at most n, or none */
static void sample_column(engine_ch_conn_t *c, json_t *t, json_t *col, int n, int timeout_ms)
{
    buf_t q = {0};
    char err[256];
    json_t *rows;
    buf_puts(&q, "SELECT DISTINCT ");
    engine_clickhouse_dialect.quote_ident(&q, json_string_value(json_object_get(col, "name")));
    buf_puts(&q, " AS v FROM ");
    table_ref(&q, t);
    buf_printf(&q, " WHERE isNotNull(v) LIMIT %d", n + 1);
    if (engine_ch_query_rows(c, buf_str(&q), timeout_ms, &rows, err, sizeof err) == 0) {
        if ((int)json_array_size(rows) <= n) {
            json_t *s = json_object_get(col, "samples");
            size_t i;
            json_t *r;
            json_array_foreach(rows, i, r) json_array_append(s, json_array_get(r, 0));
        }
        json_decref(rows);
    }
    buf_free(&q);
}

static void sample_all(engine_ch_conn_t *c, json_t *tables, const sqlsafe_discover_opts_t *o)
{
    double t0 = now_ms();
    int timeout = o->sample_timeout_ms > 0 ? o->sample_timeout_ms : 2000;
    size_t i, j;
    json_t *t, *col;
    json_array_foreach(tables, i, t) {
        if (strcmp(json_string_value(json_object_get(t, "type")), "table") != 0)
            continue;
        json_array_foreach(json_object_get(t, "columns"), j, col) {
            if (now_ms() - t0 > DISCOVER_BUDGET_MS)
                return;
            if (is_string_type(json_string_value(json_object_get(col, "type"))))
                sample_column(c, t, col, o->sample_values, timeout);
        }
    }
}

int engine_clickhouse_discover(engine_conn_t *conn, const sqlsafe_discover_opts_t *o,
                               json_t **schema, char *err, size_t errlen)
{
    engine_ch_conn_t *c = (engine_ch_conn_t *)conn;
    json_t *trows = NULL, *crows = NULL, *prows = NULL;
    *schema = NULL;
    if (engine_ch_query_rows(c,
                             "SELECT database, name, engine FROM system.tables WHERE database "
                             "NOT IN ('system') AND is_temporary = 0 ORDER BY database, name",
                             15000, &trows, err, errlen) < 0 ||
        engine_ch_query_rows(c,
                             "SELECT database, table, name, type, toString(is_in_primary_key), "
                             "comment FROM system.columns WHERE database NOT IN ('system')",
                             15000, &crows, err, errlen) < 0 ||
        engine_ch_query_rows(c,
                             "SELECT database, table, toString(sum(rows)) FROM system.parts "
                             "WHERE active AND database NOT IN ('system') GROUP BY database, table",
                             15000, &prows, err, errlen) < 0) {
        json_decref(trows);
        json_decref(crows);
        return -1;
    }
    json_t *tables = json_array();
    size_t i;
    json_t *r;
    json_array_foreach(trows, i, r) json_array_append_new(tables, table_new(r));
    add_columns(tables, crows);
    add_row_counts(tables, prows);
    json_decref(trows);
    json_decref(crows);
    json_decref(prows);
    if (o && o->sample_values > 0)
        sample_all(c, tables, o);
    *schema = json_pack("{s:o}", "tables", tables);
    return 0;
}

/* ---- lookup_values ---------------------------------------------------------- */

static int col_unsampled(json_t *t, json_t *col)
{
    size_t n = json_array_size(json_object_get(col, "samples"));
    json_int_t rows = json_integer_value(json_object_get(t, "row_estimate"));
    return is_string_type(json_string_value(json_object_get(col, "type"))) &&
           (n == 0 || n >= SQLSAFE_SAMPLE_VALUES || rows > 10000);
}

static int lookup_column(engine_ch_conn_t *c, json_t *t, json_t *col, const char *const *phrases,
                         int n)
{
    buf_t q = {0};
    char err[256];
    json_t *rows;
    int added = 0;
    buf_puts(&q, "SELECT DISTINCT ");
    engine_clickhouse_dialect.quote_ident(&q, json_string_value(json_object_get(col, "name")));
    buf_puts(&q, " AS v FROM ");
    table_ref(&q, t);
    buf_puts(&q, " WHERE lowerUTF8(v) IN (");
    for (int i = 0; i < n; i++) {
        if (i)
            buf_puts(&q, ", ");
        buf_puts(&q, "lowerUTF8(");
        engine_clickhouse_dialect.quote_literal(&q, phrases[i]);
        buf_putc(&q, ')');
    }
    buf_puts(&q, ") LIMIT 5");
    if (engine_ch_query_rows(c, buf_str(&q), LOOKUP_TIMEOUT_MS, &rows, err, sizeof err) == 0) {
        size_t i;
        json_t *r;
        json_array_foreach(rows, i, r) {
            json_array_append(json_object_get(col, "samples"), json_array_get(r, 0));
            added++;
        }
        json_decref(rows);
    } else if (c->lost) {
        added = -1;
    }
    buf_free(&q);
    return added;
}

int engine_clickhouse_lookup_values(engine_conn_t *conn, json_t *schema,
                                    const char *const *phrases, int n, char *err, size_t errlen)
{
    engine_ch_conn_t *c = (engine_ch_conn_t *)conn;
    double t0 = now_ms();
    int found = 0, asked = 0;
    size_t i, j;
    json_t *t, *col;
    if (n <= 0)
        return 0;
    json_array_foreach(json_object_get(schema, "tables"), i, t) {
        json_array_foreach(json_object_get(t, "columns"), j, col) {
            if (asked >= LOOKUP_MAX_COLUMNS || now_ms() - t0 > LOOKUP_BUDGET_MS)
                return found;
            if (!col_unsampled(t, col))
                continue;
            asked++;
            int k = lookup_column(c, t, col, phrases, n);
            if (k < 0) {
                snprintf(err, errlen, "the connection to the database was lost");
                return -1;
            }
            found += k;
        }
    }
    return found;
}
