/* engine.h — the one door to a user's database, whatever its engine.
 *
 * Everything above this header (query/, chat/, tasks/, cli/, pages/, ask/)
 * reaches a user's database through an engine_t and an engine_conn_t: never
 * through libpq, libmariadb, sqlite3 or a ClickHouse URL directly. (The app's
 * own database, store/, is not a user's database and keeps libpq.)
 *
 * An engine is a table of operations (engine_t, below), one per kind:
 *
 *   kind          file(s)               library        read-only boundary
 *   postgresql    engine/pg_*.c         libpq          BEGIN READ ONLY + role
 *   mysql         engine/mysql_*.c      libmariadb     START TRANSACTION READ ONLY
 *   sqlite        engine/sqlite_*.c     libsqlite3     SQLITE_OPEN_READONLY +
 *                                                      sqlite3_stmt_readonly
 *   clickhouse    engine/clickhouse_*.c libcurl (HTTP) readonly=1
 *
 * The connection row's `kind` names the engine ("uploads" is DataMind's own
 * PostgreSQL). Each engine also validates SQL in its own dialect (the
 * validator is a filter that gives reasons; the engine's read-only mode is
 * the boundary) and describes its dialect to the planner (engine_dialect_t).
 *
 * Contracts shared by every engine:
 * - Errors: -1 / NULL with err filled in plain words (never a password).
 * - Results are one JSON shape for all engines (engine_execute).
 * - Schemas are one JSON shape for all engines (engine_discover).
 * - Parameters: a statement carries $1..$n (sqlsafe_params_rewrite of
 *   {{name}}); each engine binds them its own way (libpq params, `?` with
 *   the values repeated in order, sqlite3_bind by the name "$k", or
 *   ClickHouse literals quoted by the engine) — values are never pasted by
 *   anything above this header.
 * - A connection is used by one thread at a time; engine_cancel_* may be
 *   called from another thread while it runs. */
#ifndef DM_ENGINE_H
#define DM_ENGINE_H

#include <stddef.h>

#include <jansson.h>

#include "core/buf.h"
#include "sqlsafe/sqlsafe.h"

typedef enum engine_kind {
    ENGINE_POSTGRESQL,
    ENGINE_MYSQL,
    ENGINE_SQLITE,
    ENGINE_CLICKHOUSE,
    ENGINE_COUNT
} engine_kind_t;

/* ---- Where: a target ------------------------------------------------------ */

typedef struct engine_target {
    engine_kind_t kind;
    const char *host;     /* name, IP literal, or a unix socket path/dir; NULL for sqlite */
    int port;             /* 0 = the engine's default (5432, 3306, 8123) */
    const char *dbname;   /* database; sqlite: the file's path (engine_sqlite_dir() holds it) */
    const char *user, *password; /* password "" when none */
    const char *sslmode;  /* disable | prefer | require | verify-full; NULL = prefer.
                             ClickHouse: require/verify-full mean https */
} engine_target_t;

/* The allow-list (DATAMIND_CONNECT_ALLOW) and the resolve-once rule hold
 * for every engine with a host: the name is resolved once, each admitted
 * address is tried in order, and the address checked is the address used
 * (engine/net.c does it for all; sqlsafe.h's sqlsafe_connect text has the
 * policy). allow NULL: DataMind's own database (uploads), not checked.
 * SQLite has no host: its file must resolve (realpath) under
 * DATAMIND_SQLITE_DIR, or it is refused. */

/* A session's own statement timeout, for anything that runs on it outside
 * a run's (each run sets its own, shorter): 5 minutes. */
#define ENGINE_SESSION_TIMEOUT_MS 300000

/* ---- Running: one read-only statement ------------------------------------- */

typedef struct engine_run {
    int timeout_ms;           /* per statement; <= 0 means 30000, capped at a day */
    long max_rows;            /* row cap; <= 0 means 1000 */
    size_t max_cell_bytes;    /* per value; 0 means 1 MiB */
    size_t max_result_bytes;  /* all kept values together; 0 means 32 MiB */
    int nparams;              /* values bound to $1..$nparams */
    const char *const *param_values;  /* NULL entry = SQL NULL */
    const char *const *param_types;   /* "text" | "number" | "date" | "list"; may be NULL (all text) */
    /* The connection's extra allowed functions (as validate got them), for
     * engines that check functions again while running (SQLite's
     * authorizer); may be NULL when n_extra_functions is 0. */
    const char *const *extra_functions;
    size_t n_extra_functions;
} engine_run_t;

/* ---- The planner's dialect --------------------------------------------------
 *
 * What the SQL writers above this header (ask/, query/'s drill, pivot,
 * preview) need to write a statement this engine runs. Pure functions over a
 * buffer; no connection. expr arguments are SQL expressions already written
 * (quoted identifiers), pasted in as they are. */

typedef enum engine_grain { ENGINE_DAY, ENGINE_WEEK, ENGINE_MONTH, ENGINE_QUARTER, ENGINE_YEAR } engine_grain_t;
typedef enum engine_period {
    ENGINE_TODAY, ENGINE_YESTERDAY, ENGINE_THIS, ENGINE_PREVIOUS, ENGINE_LAST_N
} engine_period_t;

typedef struct engine_dialect {
    /* "x" / `x`: an identifier, quoted whatever it holds */
    void (*quote_ident)(buf_t *b, const char *name);
    /* 'it''s': a string literal */
    void (*quote_literal)(buf_t *b, const char *s);
    /* the first day of expr's grain, as a date */
    void (*date_trunc)(buf_t *b, engine_grain_t g, const char *expr);
    /* expr's year / month (1-12) / ISO day of week (1 = Monday) as an integer */
    void (*date_part)(buf_t *b, const char *part /* "year" | "quarter" | "month" | "dow" | "day" */,
                      const char *expr);
    /* the current timestamp; today's date */
    const char *now, *today;
    /* expr + / - n units ("day", "month", "year"); sign is '+' or '-' */
    void (*date_add)(buf_t *b, const char *expr, char sign, int n, const char *unit);
    /* whole days from a to b (b - a) */
    void (*days_between)(buf_t *b, const char *a, const char *bexpr);
    /* the days elapsed from timestamp a to timestamp b, with their fraction */
    void (*days_elapsed)(buf_t *b, const char *a, const char *bexpr);
    /* expr matches a LIKE pattern, case aside */
    void (*ilike)(buf_t *b, const char *expr, const char *pattern_literal);
    /* ORDER BY expr, NULLs last either way */
    void (*order_nulls_last)(buf_t *b, const char *expr, int desc);
    /* CAST(expr AS <integer | float | date | text>) */
    void (*cast)(buf_t *b, const char *expr, const char *type);
    /* aggregate with a condition: agg(expr) FILTER (WHERE cond) or its CASE
     * form; expr NULL: count(*) */
    void (*agg_if)(buf_t *b, const char *agg, const char *expr, const char *cond);
    int has_median;           /* median(expr) can be written (median_fn) */
    void (*median)(buf_t *b, const char *expr);
    int has_grouping_sets;    /* GROUP BY GROUPING SETS (pivot totals) */
    int has_full_join;        /* FULL OUTER JOIN */
    int has_limit_ties;       /* FETCH FIRST n ROWS WITH TIES: the last row's equals too */
    int float_apart;          /* Float64 and Decimal do not mix (ClickHouse): a share casts its parts */

    /* Optional (NULL / 0: the planner composes the same meaning from the
     * members above, or writes a portable form). PostgreSQL sets them so its
     * SQL stays what it was; another engine sets one only when its own form
     * is better. */
    /* a date constant 'YYYY-MM-DD' (ymd checked by the caller); NULL:
     * cast(quote_literal(ymd), "date") */
    void (*date_literal)(buf_t *b, const char *ymd);
    /* expr within a period relative to today: today, yesterday, this /
     * the previous grain (week, month, quarter, year), the last n grains up
     * to now; NULL: from today, date_trunc and date_add (a week as 7 days,
     * a quarter as 3 months) */
    void (*relative_period)(buf_t *b, const char *expr, engine_period_t kind, engine_grain_t unit,
                            int n);
    /* parts[0] || parts[1] || …, text; NULL: the standard || */
    void (*concat)(buf_t *b, const char *const *parts, int n);
    /* PostgreSQL's constant table, FROM (VALUES (…), …) AS t(a, b), its
     * big integers written n::bigint; 0: SELECT … UNION ALL SELECT … */
    int has_values_list;
    /* GROUP BY / ORDER BY take no output positions ("GROUP BY 1" is an
     * error, "ORDER BY 2" sorts by the constant 2: ClickHouse 18.16): the
     * writers name the output column by its alias instead */
    int no_positions;
    /* expr (a date or timestamp column, a date constant, a period's bound)
     * as the one type both sides of a date comparison are brought to; NULL:
     * the engine compares dates with timestamps rightly (ClickHouse 18.16
     * compares their raw numbers, seconds against days: always true) */
    void (*as_time)(buf_t *b, const char *expr);
    /* the most JOINs one SELECT may have (ClickHouse 18.16: one); 0: no
     * limit. Past it the planner nests the joins as sub-queries, one JOIN
     * each (ask/sqlshape_nest.c) */
    int max_joins;
    /* no [NOT] EXISTS (ClickHouse 18.16 has no correlated sub-query): rows
     * that have related rows are written key [NOT] IN (SELECT the related
     * rows' non-NULL keys …) instead */
    int no_exists;
    /* a LEFT JOINed row that is not there reads its columns' defaults (0,
     * ''), not NULL (ClickHouse 18.16: join_use_nulls 0, which a readonly=1
     * profile cannot change): the planner joins such a table with a marker
     * column and counts only the rows that are there (agg_if) */
    int left_join_defaults;
    /* the average of expr; NULL: avg(expr) (ClickHouse 18.16 keeps a
     * Decimal's scale: the average of 0.00–0.15 discounts came back 0.04) */
    void (*avg)(buf_t *b, const char *expr);
    /* the number a text cell spells among other characters ("? 12,541",
     * "$1,234.50"): its digits and point as a number, NULL when it has
     * none; NULL: the engine cannot (SQLite has no regexp_replace), and
     * such a column stays text */
    void (*number_in_text)(buf_t *b, const char *expr);
} engine_dialect_t;

/* The optional members, composed when a dialect leaves them out
 * (engine/dialect.c): what the SQL writers call. */
void engine_date_literal(const engine_dialect_t *d, buf_t *b, const char *ymd);
void engine_relative_period(const engine_dialect_t *d, buf_t *b, const char *expr,
                            engine_period_t kind, engine_grain_t unit, int n);
void engine_concat(const engine_dialect_t *d, buf_t *b, const char *const *parts, int n);
/* lhs op rhs for a date comparison ("col >= DATE '…'"), each side through
 * as_time when the dialect has it */
void engine_date_cmp(const engine_dialect_t *d, buf_t *b, const char *lhs, const char *op,
                     const char *rhs);

/* ---- The engine: a table of operations ----------------------------------- */

typedef struct engine_conn engine_conn_t;     /* an open connection (the engine's own) */
typedef struct engine_cancel engine_cancel_t; /* cancels what one connection runs */

typedef struct engine {
    engine_kind_t kind;
    const char *name;         /* "postgresql", "mysql", "sqlite", "clickhouse" */
    const char *label;        /* "PostgreSQL", "MySQL / MariaDB", "SQLite", "ClickHouse" */
    int default_port;         /* 0: no host (sqlite) */
    const engine_dialect_t *dialect;

    engine_conn_t *(*connect)(const engine_target_t *t, const char *allow, int timeout_s,
                              char *err, size_t errlen);
    void (*close)(engine_conn_t *c);
    /* 1 when an idle pooled connection can be reused (cheap, no round trip
     * when the engine allows) */
    int (*idle_ok)(engine_conn_t *c);

    /* The statement checked against this engine's policy. sql holds $1..$nparams.
     * 0 and *out (sqlsafe_check_free it), or -1 with the reason in err, worded
     * to follow "rejected: ". */
    int (*validate)(const char *sql, size_t len, int nparams, const char *const *extra_functions,
                    size_t n_extra, sqlsafe_check_t *out, char *err, size_t errlen);

    /* Run one validated statement read-only, streaming, with the caps.
     * 0 and *result = {"columns":[{"name","type","dbtype"}], "rows":[[...]],
     *   "row_count", "truncated", "truncated_by" ("rows"|"bytes"|null),
     *   "result_bytes", "cells_cut", "ms"}
     * type: integer|number|boolean|date|timestamp|text (dbtype: the engine's
     * own name, e.g. "int4", "BIGINT", "Nullable(String)"); values null, JSON
     * integers, reals (<= 15 significant digits, else text), booleans or text.
     * Cut values and row/byte caps exactly as sqlsafe_execute documents.
     * -1 with err and *err_pos (1-based, 0 none). A timeout reads "the query
     * ran longer than N s and was cancelled". When the connection is gone,
     * err reads "the connection to the database was lost" and idle_ok() is 0. */
    int (*execute)(engine_conn_t *c, const char *statement, const engine_run_t *o,
                   json_t **result, int *err_pos, char *err, size_t errlen);

    /* A handle to cancel what c is running, from another thread; cancel
     * returns 0 when the request was sent. */
    engine_cancel_t *(*cancel_get)(engine_conn_t *c);
    int (*cancel)(engine_cancel_t *k, char *err, size_t errlen);
    void (*cancel_free)(engine_cancel_t *k);

    /* "Test connection": 0 and *info = {"server_version", "current_user",
     * "can_write", "superuser", "table_count", "read_only_sql"} — can_write
     * true when the user can change anything; read_only_sql the statements an
     * admin runs to make a read-only user (GRANTs for MySQL, a user profile
     * for ClickHouse, "" for SQLite, which DataMind opens read-only). */
    int (*probe)(engine_conn_t *c, json_t **info, char *err, size_t errlen);

    /* The schema: 0 and *schema = {"tables":[{"schema","name","type"
     * (table|view),"row_estimate","comment"?, "columns":[{"name","type"
     * (the engine's type name),"ordinal","nullable","pk","fk"
     * ({"schema","table","column"} or null),"null_frac","n_distinct",
     * "comment"?,"samples":[...]}]}], "database"?} sorted by schema and
     * name — exactly sqlsafe_discover's shape (the planner reads it; the
     * database's name, where the connection names one, gives it the words
     * that describe every row: "measles" of measles_surveillance). Bounded
     * as it is. */
    int (*discover)(engine_conn_t *c, const sqlsafe_discover_opts_t *o, json_t **schema,
                    char *err, size_t errlen);

    /* sqlsafe_lookup_values' contract on this engine. */
    int (*lookup_values)(engine_conn_t *c, json_t *schema, const char *const *phrases, int n,
                         char *err, size_t errlen);

    /* EXPLAIN-based estimate (query_estimate); NULL when the engine has none:
     * then no cost check is made and the page says so. */
    int (*explain)(engine_conn_t *c, const char *statement, const engine_run_t *o,
                   json_t **plan, char *err, size_t errlen);
} engine_t;

/* ---- Discovery with date ranges (ranges.c) -------------------------------- */

/* e->discover, then each date, timestamp and integer "...year" column of a
 * table (not a view) gets "min" and "max" as YYYY-MM-DD (a year column: the
 * first day of its first year, the last of its last), read by one bounded
 * statement per table; a table whose statement fails or times out, and the
 * tables after a 20 s budget, have none. */
int engine_discover(const engine_t *e, engine_conn_t *c, const sqlsafe_discover_opts_t *o,
                    json_t **schema, char *err, size_t errlen);
/* The ranges alone, over a discovered schema (as above). */
void engine_discover_ranges(const engine_t *e, engine_conn_t *c, json_t *schema);

/* PostgreSQL's dialect (pg_dialect.c): what the SQL writers above write in
 * when they are given none. */
extern const engine_dialect_t engine_pg_dialect;

/* ---- The registry (engine.c) ---------------------------------------------- */

/* The engine of a connection kind ("postgresql", "uploads" → PostgreSQL,
 * "mysql", "sqlite", "clickhouse"), or NULL. */
const engine_t *engine_for_kind(const char *kind);
const engine_t *engine_get(engine_kind_t k);
/* The label of a kind ("MySQL / MariaDB"), also when this build lacks its
 * engine; NULL for a kind DataMind does not know. */
const char *engine_kind_label(const char *kind);
/* engine_for_kind, or NULL with err in words: "this DataMind was built
 * without the MySQL / MariaDB engine", or an unknown kind. */
const engine_t *engine_find(const char *kind, char *err, size_t errlen);

/* The PostgreSQL engine's target-side helpers for DataMind's own uploads
 * database stay in uploads/ (it is DataMind's, not a user's). */

#endif
