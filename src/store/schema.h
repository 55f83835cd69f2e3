/* schema.h — a connection's discovered schema as DataMind stored it: its
 * tables (schema, name, kind, row estimate) and their columns (type, keys,
 * statistics, sample values). It belongs to one connection of one
 * organization: every function takes both, and nothing reads across
 * organizations. Callers: the schema refresh (query/run.c, the worker's
 * schema task) saves a discovery; the schema browser and the vocabulary
 * pages read tables; the planner (chat/) loads the whole schema. */
#ifndef DM_STORE_SCHEMA_H
#define DM_STORE_SCHEMA_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

/* One column, as the schema browser shows it. The statistics are display
 * text made by the query (a percentage rounded to 0.1, "42" or "15.0% of
 * rows"), not numbers to compute with. */
typedef struct store_schema_column {
    const char *column_name, *data_type;
    bool is_nullable, is_primary_key;
    const char *fk;           /* "table.column" it references, or NULL */
    const char *null_pct;     /* "12.5": percent of NULLs, or NULL when unknown */
    const char *distinct_est; /* distinct values, or NULL when unknown */
    const char *samples;      /* the first ten sample values, ", "-separated, or NULL */
    const char *description;  /* one plain-English sentence, or NULL (not yet written) */
} store_schema_column_t;

typedef struct store_schema_table {
    const char *id, *schema_name, *table_name;
    const char *table_type;    /* "table" | "view" */
    long long row_estimate;
    bool has_row_estimate;     /* false: never estimated */
    long long column_count;
    const char *description;   /* one plain-English sentence, or NULL (not yet written) */
    store_schema_column_t *columns; /* store_schema_table only; else NULL */
    size_t ncolumns;
} store_schema_table_t;

/* Save a discovery (sqlsafe_discover's JSON) in one transaction: upsert
 * tables and columns, remove what vanished. 0 / -1 with err. */
int store_schema_save(arena_t *a, const char *org_id, const char *conn_id, const json_t *schema,
                      char *err, size_t errlen);
/* One sentence about a table (column_name NULL) or one of its columns. */
typedef struct store_schema_note {
    const char *schema_name, *table_name, *column_name;
    const char *text;
} store_schema_note_t;

/* Set the descriptions of a connection's tables and columns (the schema
 * refresh job, after a discovery is saved): those named in notes get their
 * text, the others keep theirs. One transaction; 0 / -1 with err. */
int store_schema_describe(arena_t *a, const char *org_id, const char *conn_id,
                          const store_schema_note_t *notes, size_t n, char *err, size_t errlen);
/* Tables with row estimates and column counts, public first (at most
 * 2000); search matches table and column names. 0, or -1 (rows NULL, n 0)
 * when the database failed. */
int store_schema_tables(arena_t *a, const char *org_id, const char *conn_id, const char *search,
                        store_schema_table_t **rows, size_t *n);
/* One table with its columns in order: 0, or -1 when there is no such
 * table on this connection. */
int store_schema_table(arena_t *a, const char *org_id, const char *conn_id, const char *table_id,
                       store_schema_table_t *out);
/* For templates: the fields by name; "columns" (an array) when the columns
 * were loaded. New reference. */
json_t *store_schema_table_json(const store_schema_table_t *t);
json_t *store_schema_tables_json(const store_schema_table_t *rows, size_t n);
/* The whole schema in sqlsafe_discover's shape, the planner's input (a
 * format rather than rows, so it stays JSON), or NULL. New reference. */
json_t *store_schema_load(arena_t *a, const char *org_id, const char *conn_id);

/* What the SQL editor completes and its schema sidebar lists: {"tables":
 * [{"name", "insert", "type", "columns": [{"name", "insert", "type"}]}]},
 * public tables first (at most 2000). "name" is what to show (schema-
 * qualified outside public and the uploads connection's schema), "insert"
 * the same name as SQL must spell it (quote_ident). {"tables": []} when
 * the schema was never read; NULL when the database failed or conn_id is
 * not a UUID. New reference. */
json_t *store_schema_outline(arena_t *a, const char *org_id, const char *conn_id);

#endif
