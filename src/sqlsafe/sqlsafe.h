/* sqlsafe.h — users' SQL against users' databases: validate, (later) execute, cache.
 *
 * The validator is a filter, not the boundary. What keeps a user's query from
 * changing anything is the READ ONLY transaction and a read-only role; the
 * validator turns away everything a BI query has no business doing, early and
 * with a reason the user can act on. */
#ifndef DM_SQLSAFE_H
#define DM_SQLSAFE_H

#include <stddef.h>

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

#endif
