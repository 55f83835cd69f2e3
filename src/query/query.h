/* query.h — run SQL on one of an organization's connections, end to end:
 * validate (sqlsafe), look in the result cache (Redis), connect (a small
 * per-process pool), execute read-only with the row cap, store in the
 * cache, audit. Chat, Explore, dashboards, alerts and exports all come
 * through here, so the rules hold everywhere. */
#ifndef DM_QUERY_H
#define DM_QUERY_H

#include <jansson.h>

#include "core/arena.h"
#include "engine/engine.h"
#include "store/connections.h"
#include "store/db.h"

/* The SQL writers below take the connection's engine dialect (engine.h's
 * engine_dialect_t, e.g. engine_for_kind(kind)->dialect); NULL means
 * PostgreSQL. */
struct engine_dialect;

/* ---- parameters (params.c) ----
 * {{name}} in a query's SQL is a parameter (sqlsafe.h: the rewrite to $k).
 * Its declaration, where the query is saved (saved query, widget, alert),
 * is an entry of a JSON array {"name", "type" (text|number|date|list),
 * "value" (the default, or the alert's stored value), "column" (a list's
 * choices: "table.column" of the discovered schema; optional)}. Values given
 * now (a form, ?p_name=, a dashboard filter) are an object name -> string
 * and win over the declared value. The engine binds each by its type word
 * (engine_run_t's param_types; PostgreSQL: a number as numeric, a date as
 * date, text and list as untyped literals the server reads in context). */
typedef struct query_bound {
    const char *sql;      /* the SQL with $1..$n; arena */
    int n;
    int missing;          /* the error is a parameter without a value */
    const char *names[32], *types[32], *values[32];
} query_bound_t;

/* 0 and *b, or -1 with err naming the parameter and what to fix. */
int query_params_bind(arena_t *a, const char *sql, const json_t *decl, const json_t *given,
                      query_bound_t *b, char *err, size_t errlen);
/* value of name: given (when not empty), else the declared one, else NULL. */
const char *query_param_value(const json_t *decl, const json_t *given, const char *name);
/* "text", "number", "date" or "list" (anything else is "text"). */
const char *query_param_type(const char *t);
/* 0, or -1 with err: no value, too long, not a number, not a YYYY-MM-DD date. */
int query_param_check(const char *name, const char *type, const char *value, char *err,
                      size_t errlen);
/* The parameters of sql for a form, in order: [{name, type, value, default,
 * missing, types:[{value, selected}], is_<type>, column?}] (new array; [] when
 * the SQL has none or its {{…}} cannot be read). */
json_t *query_params_fields(const char *sql, const json_t *decl, const json_t *given);
/* 1 when sql's parameters bind to the same types and values under the
 * declarations a and b (each may be NULL), 0 otherwise or when either
 * cannot bind. */
int query_params_same(arena_t *arena, const char *sql, const json_t *a, const json_t *b);
/* A stored declaration (JSON text of a saved query's, widget's or alert's
 * params column) as an array owned by the arena: [] when text is NULL or
 * not an array. */
const json_t *query_params_decl(arena_t *a, const char *text);

typedef struct query_opts {
    int refresh;         /* bypass the cache (still stores the fresh result) */
    long max_rows;       /* 0 = DATAMIND_MAX_ROWS */
    long max_bytes;      /* 0 = DATAMIND_MAX_RESULT_BYTES */
    int no_cache;        /* neither read nor store the cache (a large export) */
    const char *source;  /* "explore", "chat", "widget", "alert", "export" — for the audit */
    const json_t *param_decl;   /* declared {{name}} parameters (see above), may be NULL */
    const json_t *param_values; /* values given now, may be NULL */
    /* Called with the connection and its engine just before the statement
     * is sent, and with NULLs once it is done: a job can keep the engine's
     * cancel_get of it (engine_cancel_t). */
    void (*on_running)(const engine_t *e, engine_conn_t *conn, void *ud);
    void *ud;
} query_opts_t;

typedef struct query_outcome {
    json_t *result;      /* new reference: {columns, rows, row_count, truncated,
                          * truncated_by, result_bytes, cells_cut, ms, cached} */
    int err_pos;         /* 1-based position of an error in the SQL, 0 when none */
    int rejected;        /* the validator refused the SQL (err says why) */
    int param_error;     /* a {{parameter}} is missing or badly typed (err says which) */
    const char *fingerprint; /* arena-owned, when validated */
} query_outcome_t;

/* 0 with out->result, or -1 with err in plain words (and err_pos/rejected). */
int query_run(arena_t *a, const char *org_id, const char *user_id, const char *ip,
              const char *conn_id, const char *sql, const query_opts_t *o,
              query_outcome_t *out, char *err, size_t errlen);

/* ---- the planner's estimate (estimate.c) ----
 * EXPLAIN (FORMAT JSON) without ANALYZE of the validated statement, its
 * parameters (param_decl's values) bound as query_run binds them, read-only
 * and bounded in time like a run. Nothing runs: it asks the planner. */
#define QUERY_ESTIMATE_SCANS 8
typedef struct query_scan {
    const char *relation; /* as the plan names it; arena */
    double rows;          /* the relation's estimated size */
    int index;            /* read whole through an index (no index condition) */
} query_scan_t;
typedef struct query_estimate {
    double rows, cost;    /* the top node's Plan Rows and Total Cost */
    double scan_rows;     /* the largest relation it reads whole (0: none) */
    size_t nscans;        /* the scans that read a relation whole (sequential,
                             or an index scan without a condition) that no
                             Limit stops early: largest first, one per relation */
    query_scan_t scans[QUERY_ESTIMATE_SCANS];
} query_estimate_t;
/* 0 and *e, or -1 with err (the SQL is rejected or fails to plan, the
 * database is unreachable). 1 when the connection's engine makes no
 * estimate (engine_t's explain is NULL), err saying so for the page: then
 * no cost check is made. */
int query_estimate(arena_t *a, const char *org_id, const char *conn_id, const char *sql,
                   const json_t *param_decl, query_estimate_t *e, char *err, size_t errlen);
/* The estimate a plan gives (plan.c, pure): plan is the "Plan" object of
 * EXPLAIN (FORMAT JSON)'s output, tables (n of them, may be NULL when 0)
 * the connection's discovered tables, whose row estimates size the
 * relations a scan reads whole. Relation names are the arena's. */
struct store_schema_table;
void query_estimate_plan(arena_t *a, const json_t *plan, const struct store_schema_table *tables,
                         size_t n, query_estimate_t *e);
/* 1 when it reads a relation of more than warn_rows rows whole (never when
 * warn_rows <= 0: the warning is off). */
int query_estimate_over(const query_estimate_t *e, long warn_rows);
/* {"rows", "cost", "scan_rows", "seq_scans": (the scans, below), "warn_rows",
 * "over"}. New reference. */
json_t *query_estimate_json(const query_estimate_t *e, long warn_rows);
/* The scans: [{"relation", "rows", "index"}]. New reference. */
json_t *query_estimate_scans_json(const query_estimate_t *e);

/* A connection to the user's database, from the pool or new, and *e its
 * engine (the connection's kind; a kind whose engine this build lacks is
 * refused in err). Do not close it: hand it back with query_release (bad =
 * it failed; a connection its engine no longer finds idle is closed too). */
engine_conn_t *query_acquire(arena_t *a, const store_conn_t *c, const engine_t **e, char *err,
                             size_t errlen);
void query_release(const engine_t *e, engine_conn_t *conn, int bad);
void query_pool_drop(const char *conn_id); /* after an edit or delete */
void query_pool_close(void);

/* "Test": probe the database (server version, user, can it write…). */
int query_probe(arena_t *a, const store_conn_t *c, json_t **info, char *err, size_t errlen);
/* Discover the schema and save it (on create and "Refresh"). */
int query_discover(arena_t *a, const char *org_id, const store_conn_t *c, int *ntables,
                   char *err, size_t errlen);

/* The SQL dialect of an organization's connection, for the writers below
 * (one lookup by key); NULL (PostgreSQL's) when there is no such connection. */
const struct engine_dialect *query_conn_dialect(arena_t *a, const char *org_id,
                                                const char *conn_id);
/* Drill-down and sorting: sql as a sub-query, filtered to the rows whose
 * column col equals the {{param}} parameter when col is set (the caller
 * gives its value like any {{name}}'s: query_opts_t's param_values), ordered
 * by column sort (desc: descending; NULLs last) when sort is set.
 * Identifiers are quoted; sql itself when neither is set. */
const char *query_wrap_drill(arena_t *a, const struct engine_dialect *d, const char *sql,
                             const char *col, const char *param, const char *sort, int desc);
/* "The rows behind this number" (sqlsafe_rows_behind): the query listing
 * the rows an aggregate's number came from (col set: the group whose col
 * is the {{param}} parameter), in a; NULL with the reason in err when it
 * cannot be derived safely. */
const char *query_rows_behind(arena_t *a, const char *sql, const char *col, const char *param,
                              char *err, size_t errlen);

/* ---- pivot and describe (pivot.c, pivot_grid.c, describe.c, describe_read.c) ----
 * A result's pivot table and its statistics, computed by the database over
 * the query as a sub-query (never from pasted values, never in C loops over
 * its rows). columns: the result's columns as the executor gives them
 * ([{name, type, dbtype}], e.g. from a LIMIT 1 run); names are checked
 * against them and quoted. The SQL built still needs the validator and the
 * read-only run (query_run / a query.run job) like any other. */

/* 1 when agg is count, sum, avg, min or max. */
int query_pivot_agg_ok(const char *agg);
/* The type of the result's column name ("integer", "number", "text", …);
 * NULL when there is none, "" when two columns have that name. */
const char *query_column_type(const json_t *columns, const char *name);
int query_type_numeric(const char *type); /* integer or number */
/* The length of sql without a trailing ';' and blanks. */
size_t query_sql_body(const char *sql);
/* SELECT * FROM (sql) AS src LIMIT 1: the result's columns and their types
 * (validated and run like any other). One row, not none: SQLite types an
 * expression (count(*), sum(…)) by its values only, and with no row every
 * such column read as text (a pivot refused to sum a count). In a. */
const char *query_columns_sql(arena_t *a, const char *sql);

#define QUERY_PIVOT_MAX_ROWS 1000
#define QUERY_PIVOT_MAX_COLS 40
#define QUERY_PIVOT_JOB_ROWS 50000 /* the pivot job's row cap: more is "too many groups" */

typedef struct query_pivot {
    const char *rows;  /* the column whose values become the rows (required) */
    const char *cols;  /* the column whose values become the columns; NULL or "": none */
    const char *agg;   /* count, sum, avg, min, max */
    const char *val;   /* the aggregated column; NULL or "" with count: count(*) */
} query_pivot_t;

/* SELECT rows[, cols], agg(val), CASE GROUPING(…) … END AS "total" FROM
 * (sql) AS src GROUP BY GROUPING SETS ((rows, cols), (rows), (cols), ())
 * ORDER BY the grouping, rows, cols — "total" is '' for a cell, 'row
 * total', 'column total' or 'grand total'. In a; NULL with err saying what
 * to choose (an unknown or ambiguous column, sum/avg of text, …), or that
 * the database has no GROUPING SETS (the dialect's has_grouping_sets). */
const char *query_pivot_sql(arena_t *a, const struct engine_dialect *d, const char *sql,
                            const json_t *columns, const query_pivot_t *p, char *err,
                            size_t errlen);

/* The grid of query_pivot_sql's result: values borrowed from result (keep
 * it alive), NULL where no row has that pair. ncols 0: no column was
 * chosen, one value per row (cells[r], also its row total). */
typedef struct query_pivot_grid {
    size_t nrows, ncols;
    const json_t **row_keys, **col_keys;  /* in the database's order */
    const json_t **cells;                 /* nrows × max(ncols, 1) */
    const json_t **row_totals, **col_totals, *grand;
} query_pivot_grid_t;
/* 0, or -1 with err: the result was cut by the row cap, or the grid is
 * larger than QUERY_PIVOT_MAX_ROWS × QUERY_PIVOT_MAX_COLS. */
int query_pivot_grid(arena_t *a, const json_t *result, int has_cols, query_pivot_grid_t *g,
                     char *err, size_t errlen);

#define QUERY_DESCRIBE_MAX_COLS 40
#define QUERY_DESCRIBE_MAX_CORR 12  /* numeric columns paired by corr() */
#define QUERY_DESCRIBE_TOP 5        /* most frequent values of a text column */
#define QUERY_DESCRIBE_BINS 10      /* histogram bins of a numeric column */

/* One statement over WITH src AS MATERIALIZED (sql): per column count(*),
 * count, count(DISTINCT), min, max; for numbers avg, percentile_cont
 * 0.25/0.5/0.75, stddev_samp and a width_bucket histogram; for text (and
 * booleans, JSON…) the top values; corr() of numeric pairs. In a; NULL
 * with err (no columns, too many, two with one name; a database other than
 * PostgreSQL: the statement is PostgreSQL's own SQL). */
const char *query_describe_sql(arena_t *a, const struct engine_dialect *d, const char *sql,
                               const json_t *columns, char *err, size_t errlen);

typedef struct query_describe_col {
    const char *name, *type;
    int numeric;
    long long rows, nonnull, distinct;
    const char *min, *max;                 /* as text; NULL when every value is NULL */
    double mean, p25, p50, p75, sd;        /* NAN when not a number column or no value */
    const char *top_v[QUERY_DESCRIBE_TOP]; /* most frequent first */
    long long top_n[QUERY_DESCRIBE_TOP];
    int ntop;
    long long hist[QUERY_DESCRIBE_BINS];
    double hist_lo, hist_hi;
    int has_hist, in_corr;
} query_describe_col_t;

typedef struct query_describe {
    size_t ncols;
    query_describe_col_t *cols;
    double *corr; /* ncols × ncols, NAN where not computed (1 on the diagonal) */
} query_describe_t;
/* The statement's result read into d (in a). */
void query_describe_read(arena_t *a, const json_t *columns, const json_t *result,
                         query_describe_t *d);

/* A dashboard date range (range: all, 7d, 30d, 90d, year, custom with ISO
 * from/to) applied to sql on column, as a wrapping sub-query. Returns sql
 * itself when there is nothing to apply. */
const char *query_wrap_date_range(arena_t *a, const struct engine_dialect *d, const char *sql,
                                  const char *column, const char *range, const char *from,
                                  const char *to);
/* ---- capped results (limits.c) ----
 * A result stops at DATAMIND_MAX_ROWS rows or DATAMIND_MAX_RESULT_BYTES
 * bytes, and a value longer than DATAMIND_MAX_CELL_BYTES is cut (see
 * sqlsafe_execute). The note says which, in words for a page or a file
 * (arena string), or NULL when the result is whole. */
const char *query_result_note(arena_t *a, const json_t *result);
/* 1 when the byte cap (not the row cap) stopped the result. */
int query_result_by_bytes(const json_t *result);
/* 1 when v is a value cut by DATAMIND_MAX_CELL_BYTES. */
int query_value_is_cut(const json_t *v);
/* A view of v for a screen: a string longer than max bytes becomes its
 * start (whole UTF-8 sequences) and "…", keeping the cut mark of a cut
 * value. New reference; anything else is v itself. */
json_t *query_value_clip(const json_t *v, size_t max);
/* "32 MB", "512 KB", "100 bytes". */
void query_size_words(size_t n, char *out, size_t outlen);

/* SELECT DISTINCT "column" FROM "schema"."table" WHERE it IS NOT NULL
 * ORDER BY 1 LIMIT n, identifiers quoted: a list parameter's choices. */
const char *query_distinct_sql(arena_t *a, const struct engine_dialect *d, const char *schema,
                               const char *table, const char *column, int limit);
/* SELECT * FROM "schema"."table" LIMIT n, identifiers quoted. */
const char *query_preview_sql(arena_t *a, const struct engine_dialect *d, const char *schema,
                              const char *table, int limit);

#endif
