/* sqlsafe.h — users' SQL, whatever the database: validate, {{name}} parameters,
 * identifiers, "the rows behind a number". (Connecting, running and discovering
 * are engine/'s: engine.h; the result cache, the pool and the audit are
 * query/'s: query_run.)
 *
 * The validator is a filter, not the boundary. What keeps a user's query from
 * changing anything is the READ ONLY transaction and a read-only role; the
 * validator turns away everything a BI query has no business doing, early and
 * with a reason the user can act on. */
#ifndef DM_SQLSAFE_H
#define DM_SQLSAFE_H

#include <stddef.h>

#include <jansson.h>

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

/* ---- Results: what every engine's executor shares -------------------------
 *
 * (The executors live in engine/: engine.h's execute.) A value longer than
 * the run's max_cell_bytes keeps its first max_cell_bytes (cut at a UTF-8
 * boundary) followed by SQLSAFE_CUT_MARK and its full size:
 * " … [cut: N bytes, first M shown]". */
#define SQLSAFE_CUT_MARK " \xe2\x80\xa6 [cut: "

/* ---- Discovery options (every engine's discover: engine.h) ----------------- */

/* Values the planner learns per text column: every value of a column with up
 * to this many (countries, categories, airlines), so that a question naming
 * one is understood, not dropped. A column with more is not sampled. */
#define SQLSAFE_SAMPLE_VALUES 300

typedef struct sqlsafe_discover_opts {
    int sample_values;       /* distinct values per low-cardinality text column; 0 = none */
    int sample_timeout_ms;   /* bound of each count or sample query; <= 0 means 2000 */
    long exact_count_below;  /* count(*) tables whose estimate is below this */
} sqlsafe_discover_opts_t;

#endif
