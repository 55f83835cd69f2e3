/* schema.c — discovered schemas, stored per connection. A discovery is
 * saved in one transaction with set-based statements over the JSON (one
 * round trip per step, not per table), so 1,000 tables × 50 columns save
 * in well under a second. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const save_steps[] = {
    /* tables: upsert */
    "INSERT INTO schema_tables (org_id, connection_id, schema_name, table_name, table_type,"
    " row_estimate, updated_at)"
    " SELECT $1, $2, t.schema, t.name, t.type, t.row_estimate, now()"
    " FROM jsonb_to_recordset($3::jsonb->'tables')"
    "      AS t(schema text, name text, type text, row_estimate bigint)"
    " ON CONFLICT (connection_id, schema_name, table_name) DO UPDATE SET"
    " table_type = EXCLUDED.table_type, row_estimate = EXCLUDED.row_estimate, updated_at = now()",
    /* tables that vanished */
    "DELETE FROM schema_tables st WHERE st.org_id = $1 AND st.connection_id = $2"
    " AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($3::jsonb->'tables') AS t(schema text, name text)"
    "                 WHERE t.schema = st.schema_name AND t.name = st.table_name)",
    /* columns: upsert */
    "INSERT INTO schema_columns (org_id, table_id, column_name, data_type, ordinal, is_nullable,"
    " is_primary_key, fk_schema, fk_table, fk_column, null_fraction, distinct_estimate, sample_values)"
    " SELECT $1, st.id, c.name, c.type, c.ordinal, coalesce(c.nullable, true), coalesce(c.pk, false),"
    " c.fk->>'schema', c.fk->>'table', c.fk->>'column', c.null_frac, c.n_distinct, c.samples"
    " FROM jsonb_to_recordset($3::jsonb->'tables') AS t(schema text, name text, columns jsonb)"
    " JOIN schema_tables st ON st.connection_id = $2 AND st.schema_name = t.schema AND st.table_name = t.name"
    " CROSS JOIN LATERAL jsonb_to_recordset(t.columns) AS c(name text, type text, ordinal int,"
    "   nullable boolean, pk boolean, fk jsonb, null_frac real, n_distinct real, samples jsonb)"
    " ON CONFLICT (table_id, column_name) DO UPDATE SET data_type = EXCLUDED.data_type,"
    " ordinal = EXCLUDED.ordinal, is_nullable = EXCLUDED.is_nullable,"
    " is_primary_key = EXCLUDED.is_primary_key, fk_schema = EXCLUDED.fk_schema,"
    " fk_table = EXCLUDED.fk_table, fk_column = EXCLUDED.fk_column,"
    " null_fraction = EXCLUDED.null_fraction, distinct_estimate = EXCLUDED.distinct_estimate,"
    " sample_values = EXCLUDED.sample_values",
    /* columns that vanished */
    "DELETE FROM schema_columns sc USING schema_tables st"
    " WHERE sc.table_id = st.id AND st.org_id = $1 AND st.connection_id = $2"
    " AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($3::jsonb->'tables')"
    "                 AS t(schema text, name text, columns jsonb),"
    "                 jsonb_to_recordset(t.columns) AS c(name text)"
    "                 WHERE t.schema = st.schema_name AND t.name = st.table_name AND c.name = sc.column_name)",
};

int schema_store_save(arena_t *a, const char *org_id, const char *conn_id, const json_t *schema,
                      char *err, size_t errlen)
{
    char *doc = json_dumps(schema, JSON_COMPACT);
    if (!doc) {
        snprintf(err, errlen, "the discovered schema could not be encoded");
        return -1;
    }
    const char *p[3] = {org_id, conn_id, doc};
    int rc = db_begin(err, errlen);
    for (size_t i = 0; rc == 0 && i < sizeof save_steps / sizeof save_steps[0]; i++)
        if (!db_exec(a, save_steps[i], 3, p, err, errlen))
            rc = -1;
    if (rc == 0)
        rc = db_commit(err, errlen);
    else
        db_rollback();
    free(doc);
    return rc;
}

json_t *schema_store_tables(arena_t *a, const char *org_id, const char *conn_id,
                            const char *search)
{
    char err[256];
    const char *p[3] = {org_id, conn_id, search && *search ? search : NULL};
    PGresult *res = db_exec(
        a,
        "SELECT t.id, t.schema_name, t.table_name, t.table_type, t.row_estimate,"
        " (SELECT count(*) FROM schema_columns c WHERE c.table_id = t.id) AS columns"
        " FROM schema_tables t WHERE t.org_id = $1 AND t.connection_id = $2"
        " AND ($3::text IS NULL OR t.table_name ILIKE '%' || replace(replace($3, '%', '\\%'), '_', '\\_') || '%'"
        "      OR EXISTS (SELECT 1 FROM schema_columns c WHERE c.table_id = t.id"
        "                 AND c.column_name ILIKE '%' || replace(replace($3, '%', '\\%'), '_', '\\_') || '%'))"
        " ORDER BY t.schema_name = 'public' DESC, t.schema_name, t.table_name LIMIT 2000",
        3, p, err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}

json_t *schema_store_table(arena_t *a, const char *org_id, const char *conn_id,
                           const char *table_id)
{
    char err[256];
    if (!db_is_uuid(table_id))
        return NULL;
    const char *p[3] = {org_id, conn_id, table_id};
    PGresult *t = db_exec(a,
                          "SELECT id, schema_name, table_name, table_type, row_estimate"
                          " FROM schema_tables WHERE org_id = $1 AND connection_id = $2 AND id = $3",
                          3, p, err, sizeof err);
    if (!t || PQntuples(t) != 1)
        return NULL;
    PGresult *c = db_exec(
        a,
        "SELECT column_name, data_type, is_nullable, is_primary_key,"
        " CASE WHEN fk_table IS NOT NULL THEN fk_table || '.' || fk_column END AS fk,"
        " round((null_fraction * 100)::numeric, 1) AS null_pct,"
        " CASE WHEN distinct_estimate < 0 THEN round((-distinct_estimate * 100)::numeric, 1) || '% of rows'"
        "      ELSE distinct_estimate::bigint::text END AS distinct_est,"
        " (SELECT string_agg(v, ', ' ORDER BY n) FROM jsonb_array_elements_text(coalesce(sample_values, '[]'))"
        "  WITH ORDINALITY AS e(v, n) WHERE n <= 10) AS samples"
        " FROM schema_columns sc WHERE org_id = $1 AND table_id = $2 ORDER BY ordinal",
        2, (const char *[]){org_id, table_id}, err, sizeof err);
    json_t *o = db_row_json(t, 0);
    json_object_set_new(o, "columns", c ? db_rows_json(c) : json_array());
    return o;
}

json_t *schema_store_load(arena_t *a, const char *org_id, const char *conn_id)
{
    char err[256];
    const char *p[2] = {org_id, conn_id};
    PGresult *res = db_exec(
        a,
        "SELECT json_build_object('tables', coalesce(json_agg(json_build_object("
        "  'schema', t.schema_name, 'name', t.table_name, 'type', t.table_type,"
        "  'row_estimate', t.row_estimate, 'columns', (SELECT coalesce(json_agg(json_build_object("
        "    'name', c.column_name, 'type', c.data_type, 'ordinal', c.ordinal,"
        "    'nullable', c.is_nullable, 'pk', c.is_primary_key,"
        "    'fk', CASE WHEN c.fk_table IS NULL THEN NULL ELSE json_build_object("
        "          'schema', c.fk_schema, 'table', c.fk_table, 'column', c.fk_column) END,"
        "    'null_frac', c.null_fraction, 'n_distinct', c.distinct_estimate,"
        "    'samples', coalesce(c.sample_values, '[]'::jsonb)) ORDER BY c.ordinal), '[]')"
        "    FROM schema_columns c WHERE c.table_id = t.id))"
        "  ORDER BY t.schema_name, t.table_name), '[]'))::text"
        " FROM schema_tables t WHERE t.org_id = $1 AND t.connection_id = $2",
        2, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return NULL;
    return json_loads(db_get(res, 0, 0), 0, NULL);
}
