/* sqlsafe.h — users' SQL against users' databases: validate, connect, execute, discover.
 * (The result cache, the pool and the audit are query/'s: query_run.)
 *
 * The validator is a filter, not the boundary. What keeps a user's query from
 * changing anything is the READ ONLY transaction and a read-only role; the
 * validator turns away everything a BI query has no business doing, early and
 * with a reason the user can act on. */
#ifndef DM_SQLSAFE_H
#define DM_SQLSAFE_H

#include <stddef.h>

#include <jansson.h>
#include <libpq-fe.h>

#include "core/arena.h"
#include "core/buf.h"

/* ---- Identifiers (ident.c): the one quoter --------------------------------
 *
 * Every SQL identifier DataMind writes goes through these. name is any
 * NUL-terminated string (UTF-8); "" comes out as "" (which PostgreSQL
 * refuses: a zero-length name is an error, not a different name). */

/* Append name double-quoted, each embedded '"' doubled: for SQL that runs. */
void sqlsafe_quote_ident(buf_t *b, const char *name);

/* Append name as PostgreSQL's quote_ident() would: bare when it reads back
 * as itself (lower-case ASCII letter or '_', then letters, digits, '_'; not
 * a reserved, column-name or type/function-name keyword), else quoted as
 * above: for SQL shown to people ("reads pg_catalog.pg_proc",
 * "reads \"Sales\".\"user\""). */
void sqlsafe_show_ident(buf_t *b, const char *name);

/* sqlsafe_quote_ident into a string in a. */
const char *sqlsafe_ident(arena_t *a, const char *name);

/* ---- Validator (validate.c, functions.c, cli.c) -------------------------
 *
 * Accepted: exactly one statement (a trailing ';' is fine) whose root is a
 * SELECT — WITH, VALUES, TABLE, UNION/INTERSECT/EXCEPT, sub-queries, LATERAL
 * and window functions included. Rejected: any other statement anywhere in
 * the tree (data-modifying WITH, utility, DDL, transaction control), SELECT
 * INTO, FOR UPDATE/SHARE/NO KEY UPDATE/KEY SHARE at any depth, $n
 * parameters, casts to the reg* catalog-lookup types, operators qualified
 * with a schema other than pg_catalog, TABLESAMPLE methods other than
 * system/bernoulli, relations in pg_catalog, information_schema, pg_toast or
 * named pg_*, and every function that is not on the built-in allow-list or
 * the connection's extra list. Input is capped at SQLSAFE_MAX_BYTES and
 * SQLSAFE_MAX_NESTING before libpg_query sees it. */

#define SQLSAFE_MAX_BYTES   (100 * 1024)  /* longest query accepted, in bytes */
#define SQLSAFE_MAX_NESTING 100           /* deepest ( / [ nesting accepted */

typedef struct sqlsafe_check {
    char *normalized;    /* pg_query_normalize output (constants as $n), for audit display; owned */
    char *fingerprint;   /* pg_query_fingerprint hex string; owned */
    char *statement;     /* the one statement as written, without surrounding whitespace,
                            comments or ';' — exactly the text that was checked, and what
                            gets executed; owned */
} sqlsafe_check_t;

/* Check sql[0..len). 0 = accepted and *out filled (free it with
 * sqlsafe_check_free); -1 = rejected, *out left zeroed and err holds the
 * reason, worded to follow "rejected: " (which it does not include).
 * extra_functions: names an admin allowed for this connection, lower-case as
 * PostgreSQL folds them (may be NULL when n_extra is 0). "f" allows f(...)
 * and pg_catalog.f(...); "s.f" allows exactly s.f(...). Thread-safe (libpg_query
 * keeps its memory per thread). */
int sqlsafe_validate(const char *sql, size_t len, const char *const *extra_functions,
                     size_t n_extra, sqlsafe_check_t *out, char *err, size_t errlen);

/* "The rows behind this number" (derive.c): for a query that aggregates
 * one FROM clause, the query listing the rows one of its numbers came
 * from — col NULL: the rows behind its one row (a KPI; no GROUP BY);
 * col set: those behind the group whose col is the {{param}} parameter
 * (col a plain item of the SELECT list that the GROUP BY lists; the value
 * is bound like any {{name}} parameter, never pasted in). sql may hold
 * {{name}} parameters: they are kept as they are. 0 and *out (malloc'd, the
 * caller frees; it still goes through the validator), or -1 with the
 * reason it cannot be derived safely in err ("it uses WITH"). */
int sqlsafe_rows_behind(const char *sql, const char *col, const char *param, char **out,
                        char *err, size_t errlen);

/* Free what *c owns and zero it; a zeroed or NULL c is fine. */
void sqlsafe_check_free(sqlsafe_check_t *c);

/* 1 if name (as PostgreSQL resolves it: lower-case unless quoted) is on the
 * built-in allow-list, else 0. */
int sqlsafe_function_allowed(const char *name);

/* The built-in allow-list in sorted order, for the admin page: the i-th
 * name, or NULL when i is past the end. */
const char *sqlsafe_function_at(size_t i);

/* `datamind sql check [--allow-function NAME]... [SQL]` (stdin if no SQL
 * arg): prints "ok\n<normalized>\n" and returns 0, or "rejected: <reason>\n"
 * and returns 1; a usage error goes to stderr and returns 2.
 * argv[0] is "check". */
int sqlsafe_cli(int argc, char **argv);

/* ---- Parameters (params.c) -----------------------------------------------
 *
 * A query may name parameters as {{name}} (letters, digits and '_', starting
 * with a letter or '_', at most SQLSAFE_PARAM_NAME_MAX bytes, spaces allowed
 * inside the braces). They are bound, never pasted: the rewrite replaces
 * each {{name}} outside string literals, quoted identifiers, dollar quotes
 * and comments by $k (the same k for every use of one name, numbered in the
 * order names first appear), and the statement runs with the values as
 * parameters. '{{' inside a literal or comment is left as it is. */

#define SQLSAFE_MAX_PARAMS 32
#define SQLSAFE_PARAM_NAME_MAX 63

typedef struct sqlsafe_params {
    char *sql;   /* the SQL with $1..$n in place of {{name}}; owned (NULL when zeroed) */
    size_t n;    /* distinct names */
    char names[SQLSAFE_MAX_PARAMS][SQLSAFE_PARAM_NAME_MAX + 1]; /* $k is names[k-1] */
} sqlsafe_params_t;

/* 0 and *out filled (free with sqlsafe_params_free), or -1 with err naming
 * what to fix: a {{ without }}, a name that is not a name, more than
 * SQLSAFE_MAX_PARAMS names, or a $n written in the SQL (parameters are
 * {{name}} here). SQL with no {{ comes back unchanged with n = 0. */
int sqlsafe_params_rewrite(const char *sql, size_t len, sqlsafe_params_t *out, char *err,
                           size_t errlen);
void sqlsafe_params_free(sqlsafe_params_t *p);

/* sqlsafe_validate for a rewritten statement: $1..$nparams are allowed
 * (any other $n is still refused). */
int sqlsafe_validate_params(const char *sql, size_t len, int nparams,
                            const char *const *extra_functions, size_t n_extra,
                            sqlsafe_check_t *out, char *err, size_t errlen);

/* ---- Connect (connect.c) -------------------------------------------------
 *
 * A user's database, as the connection form describes it. Every field is
 * passed to libpq as one keyword value (expand_dbname = 0), so a value like
 * "x' host=evil" is only a strange password or database name. */

typedef struct sqlsafe_target {
    const char *host;      /* name, IP literal, or a unix socket directory (starts with '/') */
    int port;              /* 0 = 5432 */
    const char *dbname, *user, *password;
    const char *sslmode;   /* disable, prefer, require or verify-full; NULL = prefer */
} sqlsafe_target_t;

/* Open a connection, or NULL with the reason in err (plain words, never the
 * password). The host is resolved here once; every address the policy
 * admits is tried in the resolver's order (as libpq and psql do: "localhost"
 * that resolves to ::1 first still reaches a server on 127.0.0.1), each
 * handed to libpq as hostaddr (host stays set for verify-full), so the
 * address checked is the address used. When every attempt fails, err gives
 * one reason if they agree ("… (tried ::1, 127.0.0.1)"), else each
 * address's ("::1: …; 127.0.0.1: …"). timeout_s bounds each attempt.
 *
 * allow is DATAMIND_CONNECT_ALLOW: comma-separated CIDRs, bare IPs, host
 * names and unix socket paths. NULL or empty = any address except
 * 0.0.0.0/8, ::, link-local (169.254/16, fe80::/10), multicast and
 * broadcast; set = only an address in a listed CIDR, or a host whose name
 * equals a listed name (case-insensitive). A socket path is refused unless
 * that exact path is listed. Loopback and private ranges pass an empty
 * list: production sets the list, or users can reach DataMind's own app DB.
 * ~/.pgpass is never consulted, so a blank password stays blank.
 *
 * The session starts read-only (default_transaction_read_only=on), with a
 * SQLSAFE_SESSION_TIMEOUT_MS statement_timeout, client_encoding UTF8 and
 * NOTICEs discarded. timeout_s bounds the connect (libpq's floor is 2 s).
 * The caller owns the result: PQfinish() it. */
#define SQLSAFE_SESSION_TIMEOUT_MS 300000

PGconn *sqlsafe_connect(const sqlsafe_target_t *t, const char *allow, int timeout_s,
                        char *err, size_t errlen);

/* "Test connection": 0 and *info = a new object
 *   {"server_version", "current_user", "can_write", "superuser",
 *    "table_count", "read_only_sql"}
 * where can_write is true when the user is a superuser, holds INSERT,
 * UPDATE, DELETE or TRUNCATE on any table or view, or CREATE on any schema
 * or on the database; read_only_sql is the script an admin can run to make
 * a read-only role (datamind_reader, with a fresh random password) for the
 * schemas this user sees. -1 with err on failure. */
int sqlsafe_probe(PGconn *c, json_t **info, char *err, size_t errlen);

/* ---- Execute (execute.c, result.c) ---------------------------------------
 *
 * One statement (as sqlsafe_validate returned it) in BEGIN READ ONLY with
 * transaction-local statement_timeout, lock_timeout and
 * idle_in_transaction_session_timeout, sent through the extended protocol
 * (so a second statement is a server error too), read one row at a time.
 * After max_rows rows, one more row marks the result truncated and cancels
 * the query; memory holds at most max_rows rows whatever the query returns.
 * Bytes are capped the same way, as rows arrive: a value longer than
 * max_cell_bytes keeps its first max_cell_bytes (cut at a UTF-8 boundary)
 * followed by SQLSAFE_CUT_MARK and its full size, and the first row that
 * would take the kept bytes past max_result_bytes is dropped, marks the
 * result truncated by "bytes" and cancels the query. (libpq reads one row
 * whole before it can be looked at: a single 1 GB value passes through
 * memory once, and is then cut; PostgreSQL caps a value at 1 GB.)
 * ROLLBACK always; on return the connection is idle, or dead. */

typedef struct sqlsafe_run {
    int timeout_ms;  /* statement_timeout; <= 0 means 30000, capped at a day */
    long max_rows;   /* row cap; <= 0 means 1000 */
    size_t max_cell_bytes;   /* per value; 0 means 1 MiB */
    size_t max_result_bytes; /* all kept values together; 0 means 32 MiB */
    int nparams;             /* values bound to $1..$nparams (text format) */
    const char *const *param_values;  /* NULL entry = SQL NULL */
    const unsigned int *param_types;  /* type OIDs (0 = let the server infer); may be NULL */
} sqlsafe_run_t;

/* What follows the kept part of a value that was cut: " … [cut: ". */
#define SQLSAFE_CUT_MARK " \xe2\x80\xa6 [cut: "

/* 0 and *result = a new object
 *   {"columns":[{"name","type","pgtype"}], "rows":[[...]], "row_count",
 *    "truncated", "truncated_by" ("rows"|"bytes"|null), "result_bytes",
 *    "cells_cut", "ms"}
 * A cut value is a string: its first max_cell_bytes bytes, then
 * " … [cut: N bytes, first M shown]".
 * type is integer|number|boolean|date|timestamp|text; values are null,
 * JSON integers (int2/4/8, oid), reals (float4/8 and numeric that
 * round-trips with <= 15 significant digits), booleans, or PostgreSQL's
 * text output (NaN/Infinity, wide numerics, money, dates, everything else).
 * Duplicate column names are kept: columns are positions.
 *
 * -1 with err = PostgreSQL's message (first line, plus short DETAIL/HINT) and
 * *err_pos = its 1-based character position in statement (0 if none).
 * A timeout reads "the query ran longer than N s and was cancelled". When
 * err is "the connection to the database was lost", PQstatus(c) is
 * CONNECTION_BAD and the caller must PQfinish it and reconnect. */
int sqlsafe_execute(PGconn *c, const char *statement, const sqlsafe_run_t *o,
                    json_t **result, int *err_pos, char *err, size_t errlen);

/* Name of a PostgreSQL type OID for the common built-ins ("int4",
 * "timestamptz", ...), or NULL. */
const char *sqlsafe_type_name(unsigned int oid);

/* ---- Discover (discover.c, sample.c) -------------------------------------
 *
 * The schema of every table, view and materialized view the user can read
 * in a non-system schema (partitions are folded into their parent). */

/* Values the planner learns per text column: every value of a column with up
 * to this many (countries, categories, airlines), so that a question naming
 * one is understood, not dropped. A column with more is not sampled. */
#define SQLSAFE_SAMPLE_VALUES 300

typedef struct sqlsafe_discover_opts {
    int sample_values;       /* distinct values per low-cardinality text column; 0 = none */
    int sample_timeout_ms;   /* bound of each count or sample query; <= 0 means 2000 */
    long exact_count_below;  /* count(*) tables whose estimate is below this */
} sqlsafe_discover_opts_t;

/* 0 and *schema = a new object {"tables":[{"schema","name","type" (table|view),
 * "row_estimate" (integer or null),"columns":[{"name","type","ordinal",
 * "nullable","pk","fk" ({"schema","table","column"} or null),"null_frac",
 * "n_distinct" (pg_stats or null),"samples":[...]}]}]}, sorted by schema and
 * name. Metadata comes from three set-based catalog queries; counts and
 * samples are one bounded query each, inside one READ ONLY transaction, and
 * one that fails or times out is skipped, not an error (row_estimate stays
 * the estimate, or null; samples stay []). Counting and sampling stop after
 * 45 s in all, leaving the rest unsampled. Only tables with reltuples < 0
 * (never analyzed) or < exact_count_below are counted. -1 with err when the
 * catalog cannot be read or the connection is lost. */
int sqlsafe_discover(PGconn *c, const sqlsafe_discover_opts_t *o, json_t **schema,
                     char *err, size_t errlen);

/* Look phrases up among the values of the text columns of schema (the JSON
 * above) that discovery did not sample in full — a whole cell equal to a
 * phrase, case aside — and add each value found to its column's "samples".
 * For the words a plan could not place ("routes of Lufthansa"). Read-only,
 * one transaction on an idle connection, 0.5 s per query, 2 s and 60
 * columns in all, name-like columns first. Returns the number of values
 * added, or -1 with err when the connection failed. */
int sqlsafe_lookup_values(PGconn *c, json_t *schema, const char *const *phrases, int n,
                          char *err, size_t errlen);

#endif
