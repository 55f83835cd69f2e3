/* schema.c — discovered schemas, stored per connection. A discovery is
 * saved in one transaction with set-based statements over the JSON (one
 * round trip per step, not per table), so 1,000 tables × 50 columns save
 * in well under a second. */
#include "store/schema.h"
#include "store/store_row.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const save_steps[] = {
    /* tables: upsert */
    "INSERT INTO schema_tables (org_id, connection_id, schema_name, table_name, table_type,"
    " row_estimate, db_comment, updated_at)"
    " SELECT $1, $2, t.schema, t.name, t.type, t.row_estimate, nullif(t.comment, ''), now()"
    " FROM jsonb_to_recordset($3::jsonb->'tables')"
    "      AS t(schema text, name text, type text, row_estimate bigint, comment text)"
    " ON CONFLICT (connection_id, schema_name, table_name) DO UPDATE SET"
    " table_type = EXCLUDED.table_type, row_estimate = EXCLUDED.row_estimate,"
    " db_comment = EXCLUDED.db_comment, updated_at = now()",
    /* tables that vanished */
    "DELETE FROM schema_tables st WHERE st.org_id = $1 AND st.connection_id = $2"
    " AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($3::jsonb->'tables') AS t(schema text, name text)"
    "                 WHERE t.schema = st.schema_name AND t.name = st.table_name)",
    /* columns: upsert */
    "INSERT INTO schema_columns (org_id, table_id, column_name, data_type, ordinal, is_nullable,"
    " is_primary_key, fk_schema, fk_table, fk_column, null_fraction, distinct_estimate, sample_values,"
    " db_comment, value_min, value_max)"
    " SELECT $1, st.id, c.name, c.type, c.ordinal, coalesce(c.nullable, true), coalesce(c.pk, false),"
    " c.fk->>'schema', c.fk->>'table', c.fk->>'column', c.null_frac, c.n_distinct, c.samples,"
    " nullif(c.comment, ''), c.min, c.max"
    " FROM jsonb_to_recordset($3::jsonb->'tables') AS t(schema text, name text, columns jsonb)"
    " JOIN schema_tables st ON st.connection_id = $2 AND st.schema_name = t.schema AND st.table_name = t.name"
    " CROSS JOIN LATERAL jsonb_to_recordset(t.columns) AS c(name text, type text, ordinal int,"
    "   nullable boolean, pk boolean, fk jsonb, null_frac real, n_distinct real, samples jsonb,"
    "   comment text, min text, max text)"
    " ON CONFLICT (table_id, column_name) DO UPDATE SET data_type = EXCLUDED.data_type,"
    " ordinal = EXCLUDED.ordinal, is_nullable = EXCLUDED.is_nullable,"
    " is_primary_key = EXCLUDED.is_primary_key, fk_schema = EXCLUDED.fk_schema,"
    " fk_table = EXCLUDED.fk_table, fk_column = EXCLUDED.fk_column,"
    " null_fraction = EXCLUDED.null_fraction, distinct_estimate = EXCLUDED.distinct_estimate,"
    " sample_values = EXCLUDED.sample_values, db_comment = EXCLUDED.db_comment,"
    " value_min = EXCLUDED.value_min, value_max = EXCLUDED.value_max",
    /* columns that vanished */
    "DELETE FROM schema_columns sc USING schema_tables st"
    " WHERE sc.table_id = st.id AND st.org_id = $1 AND st.connection_id = $2"
    " AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($3::jsonb->'tables')"
    "                 AS t(schema text, name text, columns jsonb),"
    "                 jsonb_to_recordset(t.columns) AS c(name text)"
    "                 WHERE t.schema = st.schema_name AND t.name = st.table_name AND c.name = sc.column_name)",
};

/* Each step with the parameters p, in one transaction. */
static int run_steps(arena_t *a, const char *const *steps, size_t n, const char *const p[3],
                     char *err, size_t errlen)
{
    int rc = db_begin(err, errlen);
    for (size_t i = 0; rc == 0 && i < n; i++)
        if (!db_exec(a, steps[i], 3, p, err, errlen))
            rc = -1;
    if (rc == 0)
        rc = db_commit(err, errlen);
    else
        db_rollback();
    return rc;
}

int store_schema_save(arena_t *a, const char *org_id, const char *conn_id, const json_t *schema,
                      char *err, size_t errlen)
{
    char *doc = json_dumps(schema, JSON_COMPACT);
    if (!doc) {
        snprintf(err, errlen, "the discovered schema could not be encoded");
        return -1;
    }
    const char *p[3] = {org_id, conn_id, doc};
    int rc = run_steps(a, save_steps, sizeof save_steps / sizeof save_steps[0], p, err, errlen);
    free(doc);
    return rc;
}

/* The notes as one JSON array, for set-based updates (a row whose
 * sentence is unchanged is not written again). */
static const char *const describe_steps[] = {
    "UPDATE schema_tables st SET description = d.text"
    " FROM jsonb_to_recordset($3::jsonb) AS d(s text, t text, c text, text text)"
    " WHERE st.org_id = $1 AND st.connection_id = $2 AND d.c IS NULL"
    " AND st.schema_name = d.s AND st.table_name = d.t AND st.description IS DISTINCT FROM d.text",
    "UPDATE schema_columns sc SET description = d.text"
    " FROM schema_tables st, jsonb_to_recordset($3::jsonb) AS d(s text, t text, c text, text text)"
    " WHERE st.org_id = $1 AND st.connection_id = $2 AND sc.table_id = st.id AND sc.org_id = $1"
    " AND st.schema_name = d.s AND st.table_name = d.t AND sc.column_name = d.c"
    " AND sc.description IS DISTINCT FROM d.text",
};

int store_schema_describe(arena_t *a, const char *org_id, const char *conn_id,
                          const store_schema_note_t *notes, size_t n, char *err, size_t errlen)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s?, s:s}", "s", notes[i].schema_name,
                                             "t", notes[i].table_name, "c", notes[i].column_name,
                                             "text", notes[i].text));
    char *doc = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    if (!doc) {
        snprintf(err, errlen, "the descriptions could not be encoded");
        return -1;
    }
    const char *p[3] = {org_id, conn_id, doc};
    int rc = run_steps(a, describe_steps, sizeof describe_steps / sizeof describe_steps[0], p, err,
                       errlen);
    free(doc);
    return rc;
}

/* One table: the columns table_from_result reads, in its order. */
#define TABLE_COLS                                                                            \
    "t.id, t.schema_name, t.table_name, t.table_type, t.row_estimate,"                       \
    " (SELECT count(*) FROM schema_columns c WHERE c.table_id = t.id), t.description"

static void table_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_schema_table_t *t = out;
    t->id = store_row_text(a, res, i, 0);
    t->schema_name = store_row_text(a, res, i, 1);
    t->table_name = store_row_text(a, res, i, 2);
    t->table_type = store_row_text(a, res, i, 3);
    int has;
    t->row_estimate = store_row_ll(res, i, 4, &has);
    t->has_row_estimate = has;
    t->column_count = store_row_ll(res, i, 5, &has);
    t->description = store_row_opt(a, res, i, 6);
    t->columns = NULL;
    t->ncolumns = 0;
}

/* One column, with its statistics as display text. */
#define COLUMN_COLS                                                                           \
    "column_name, data_type, is_nullable, is_primary_key,"                                   \
    " CASE WHEN fk_table IS NOT NULL THEN fk_table || '.' || fk_column END,"                 \
    " round((null_fraction * 100)::numeric, 1),"                                             \
    " CASE WHEN distinct_estimate < 0"                                                       \
    "      THEN round((-distinct_estimate * 100)::numeric, 1) || '% of rows'"                \
    "      ELSE distinct_estimate::bigint::text END,"                                        \
    " (SELECT string_agg(v, ', ' ORDER BY n)"                                                \
    "  FROM jsonb_array_elements_text(coalesce(sample_values, '[]'))"                        \
    "  WITH ORDINALITY AS e(v, n) WHERE n <= 10), description"

static void column_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_schema_column_t *c = out;
    c->column_name = store_row_text(a, res, i, 0);
    c->data_type = store_row_text(a, res, i, 1);
    c->is_nullable = store_row_bool(res, i, 2);
    c->is_primary_key = store_row_bool(res, i, 3);
    c->fk = store_row_opt(a, res, i, 4);
    c->null_pct = store_row_opt(a, res, i, 5);
    c->distinct_est = store_row_opt(a, res, i, 6);
    c->samples = store_row_opt(a, res, i, 7);
    c->description = store_row_opt(a, res, i, 8);
}

int store_schema_tables(arena_t *a, const char *org_id, const char *conn_id, const char *search,
                        store_schema_table_t **rows, size_t *n)
{
    const char *p[3] = {org_id, conn_id, search && *search ? search : NULL};
    *rows = store_rows_fetch(
        a,
        "SELECT " TABLE_COLS " FROM schema_tables t WHERE t.org_id = $1 AND t.connection_id = $2"
        " AND ($3::text IS NULL OR t.table_name ILIKE '%' || replace(replace($3, '%', '\\%'), '_', '\\_') || '%'"
        "      OR EXISTS (SELECT 1 FROM schema_columns c WHERE c.table_id = t.id"
        "                 AND c.column_name ILIKE '%' || replace(replace($3, '%', '\\%'), '_', '\\_') || '%'))"
        " ORDER BY t.schema_name = 'public' DESC, t.schema_name, t.table_name LIMIT 2000",
        3, p, sizeof **rows, table_from_result, n);
    return *rows ? 0 : -1;
}

int store_schema_table(arena_t *a, const char *org_id, const char *conn_id, const char *table_id,
                       store_schema_table_t *out)
{
    if (!db_is_uuid(table_id))
        return -1;
    const char *p[3] = {org_id, conn_id, table_id};
    if (store_row_fetch(a,
                        "SELECT " TABLE_COLS " FROM schema_tables t"
                        " WHERE t.org_id = $1 AND t.connection_id = $2 AND t.id = $3",
                        3, p, table_from_result, out) < 0)
        return -1;
    out->columns = store_rows_fetch(a,
                                    "SELECT " COLUMN_COLS " FROM schema_columns sc"
                                    " WHERE org_id = $1 AND table_id = $2 ORDER BY ordinal",
                                    2, (const char *[]){org_id, table_id},
                                    sizeof *out->columns, column_from_result, &out->ncolumns);
    if (!out->columns) /* the table without its columns, as before */
        out->columns = arena_alloc(a, sizeof *out->columns);
    return 0;
}

static json_t *column_json(const void *col)
{
    const store_schema_column_t *c = col;
    return json_pack("{s:s, s:s, s:b, s:b, s:s?, s:s?, s:s?, s:s?, s:s?}", "column_name",
                     c->column_name, "data_type", c->data_type, "is_nullable", c->is_nullable,
                     "is_primary_key", c->is_primary_key, "fk", c->fk, "null_pct", c->null_pct,
                     "distinct_est", c->distinct_est, "samples", c->samples, "description",
                     c->description);
}

json_t *store_schema_table_json(const store_schema_table_t *t)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:I}", "id", t->id, "schema_name",
                          t->schema_name, "table_name", t->table_name, "table_type", t->table_type,
                          "row_estimate",
                          t->has_row_estimate ? json_integer(t->row_estimate) : json_null(),
                          "column_count", (json_int_t)t->column_count);
    /* null rather than absent: a column's template must not read its table's */
    json_object_set_new(o, "description", t->description ? json_string(t->description) : json_null());
    if (t->columns)
        json_object_set_new(o, "columns", store_rows_json(t->columns, t->ncolumns,
                                                          sizeof *t->columns, column_json));
    return o;
}

static json_t *any_json(const void *t)
{
    return store_schema_table_json(t);
}

json_t *store_schema_tables_json(const store_schema_table_t *rows, size_t n)
{
    return store_rows_json(rows, n, sizeof *rows, any_json);
}

json_t *store_schema_load(arena_t *a, const char *org_id, const char *conn_id)
{
    char err[256];
    const char *p[2] = {org_id, conn_id};
    PGresult *res = db_exec(
        a,
        "SELECT json_build_object('tables', coalesce(json_agg(json_build_object("
        "  'schema', t.schema_name, 'name', t.table_name, 'type', t.table_type,"
        "  'row_estimate', t.row_estimate, 'comment', t.db_comment, 'columns', (SELECT coalesce(json_agg(json_build_object("
        "    'name', c.column_name, 'type', c.data_type, 'ordinal', c.ordinal,"
        "    'nullable', c.is_nullable, 'pk', c.is_primary_key,"
        "    'fk', CASE WHEN c.fk_table IS NULL THEN NULL ELSE json_build_object("
        "          'schema', c.fk_schema, 'table', c.fk_table, 'column', c.fk_column) END,"
        "    'null_frac', c.null_fraction, 'n_distinct', c.distinct_estimate,"
        "    'samples', coalesce(c.sample_values, '[]'::jsonb), 'comment', c.db_comment,"
        "    'min', c.value_min, 'max', c.value_max)"
        "    ORDER BY c.ordinal), '[]')"
        "    FROM schema_columns c WHERE c.table_id = t.id))"
        "  ORDER BY t.schema_name, t.table_name), '[]'))::text"
        " FROM schema_tables t WHERE t.org_id = $1 AND t.connection_id = $2",
        2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return NULL;
    return json_loads(db_get(res, 0, 0), 0, NULL);
}

json_t *store_schema_outline(arena_t *a, const char *org_id, const char *conn_id)
{
    char err[256];
    const char *p[2] = {org_id, conn_id};
    if (!db_is_uuid(conn_id))
        return NULL;
    /* bare names where the connection's search_path finds them (public;
     * the uploads connection's own schema), else schema-qualified; quoted
     * as PostgreSQL needs (quote_ident) */
    PGresult *res = db_exec(
        a,
        "SELECT json_build_object('tables', coalesce(json_agg(json_build_object("
        "  'name', CASE WHEN b.bare THEN t.table_name ELSE t.schema_name || '.' || t.table_name END,"
        "  'insert', CASE WHEN b.bare THEN quote_ident(t.table_name)"
        "    ELSE quote_ident(t.schema_name) || '.' || quote_ident(t.table_name) END,"
        "  'type', t.table_type, 'columns', (SELECT coalesce(json_agg(json_build_object("
        "    'name', c.column_name, 'insert', quote_ident(c.column_name), 'type', c.data_type)"
        "    ORDER BY c.ordinal), '[]') FROM schema_columns c WHERE c.table_id = t.id))"
        "  ORDER BY NOT b.bare, t.schema_name, t.table_name), '[]'))::text"
        " FROM (SELECT * FROM schema_tables WHERE org_id = $1 AND connection_id = $2"
        "       ORDER BY schema_name = 'public' DESC, schema_name, table_name LIMIT 2000) t"
        " JOIN connections k ON k.id = t.connection_id AND k.org_id = $1,"
        " LATERAL (SELECT t.schema_name = 'public' OR k.kind = 'uploads' AS bare) b",
        2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return NULL;
    return json_loads(db_get(res, 0, 0), 0, NULL);
}
