/* sqlite_internal.h — what the SQLite engine's files (sqlite_*.c) share;
 * not for other modules, nor for the other engines' files.
 *
 * sqlite.c is the engine_t (engine_sqlite, declared in internal.h): its
 * engine_conn_t is an engine_sqlite_conn_t. This header and the sqlite_*.c
 * files are the only ones of engine/ that name sqlite3.h. */
#ifndef DM_ENGINE_SQLITE_INTERNAL_H
#define DM_ENGINE_SQLITE_INTERNAL_H

#include <stddef.h>

#include <jansson.h>
#include <sqlite3.h>

#include "engine/internal.h"

/* An open SQLite file: the engine_conn_t and engine_cancel_t of the SQLite
 * engine are these (cast at the engine_t boundary, sqlite.c). */
typedef struct engine_sqlite_conn engine_sqlite_conn_t;
typedef struct engine_sqlite_cancel engine_sqlite_cancel_t;

/* DATAMIND_SQLITE_DIR (cfg), or its default when no config is loaded. */
const char *engine_sqlite_dir(void);

/* sqlite_path.c: the real path of a database file that may be opened —
 * dbname resolves (realpath, symlinks followed) to a regular file under
 * dir (itself resolved). 0 and real (malloc'd, the caller frees), or -1
 * with err saying why not (":memory:", a URI, outside the directory, a
 * directory, missing). */
int engine_sqlite_path_check(const char *dbname, const char *dir, char **real, char *err,
                             size_t errlen);

/* sqlite_conn.c: open / close / cancel; sqlite_probe.c: probe. */
engine_sqlite_conn_t *engine_sqlite_open(const char *dbname, char *err, size_t errlen);
void engine_sqlite_close(engine_sqlite_conn_t *c);
int engine_sqlite_idle_ok(engine_sqlite_conn_t *c);
engine_sqlite_cancel_t *engine_sqlite_cancel_get(engine_sqlite_conn_t *c);
int engine_sqlite_cancel(engine_sqlite_cancel_t *k, char *err, size_t errlen);
void engine_sqlite_cancel_free(engine_sqlite_cancel_t *k);
int engine_sqlite_probe(engine_sqlite_conn_t *c, json_t **info, char *err, size_t errlen);

/* sqlite_validate.c: the policy (engine_t.validate). */
int engine_sqlite_validate(const char *sql, size_t len, int nparams,
                           const char *const *extra_functions, size_t n_extra,
                           sqlsafe_check_t *out, char *err, size_t errlen);

/* sqlite_auth.c: the authorizer. A user's statement may read tables and
 * views (not sqlite_* or pragma_* ones), use recursive CTEs and call the
 * allow-listed functions (plus extra); everything else is refused with
 * *why set. DataMind's own discovery queries (internal) may also read
 * sqlite_schema and the read-only table-valued pragmas it uses. */
typedef struct engine_sqlite_auth {
    int internal;
    const char *const *extra;
    size_t n_extra;
    char why[160];            /* the first refusal, in words */
} engine_sqlite_auth_t;
int engine_sqlite_authorize(void *ud, int action, const char *a1, const char *a2,
                            const char *db, const char *trigger);
/* 1 if name (any case) is a built-in function a user's query may call. */
int engine_sqlite_function_allowed(const char *name);
/* The allow-list in sorted order: the i-th name, NULL past the end. */
const char *engine_sqlite_function_at(size_t i);

/* The open file (sqlite_conn.c makes it). A guard shared with the cancel
 * handles lets engine_sqlite_cancel reach sqlite3_interrupt safely from
 * another thread, even after the connection was closed. */
typedef struct engine_sqlite_guard engine_sqlite_guard_t;
struct engine_sqlite_conn {
    sqlite3 *db;
    char *path;               /* the real path */
    engine_sqlite_guard_t *guard;
    engine_sqlite_auth_t auth;
    double deadline_ms;       /* the progress handler interrupts past it; 0 none */
    int timed_out;            /* it did */
    int broken;               /* the file went away or is damaged: do not reuse */
    char last_err[256];       /* engine_sqlite_query's last failure, in words */
};

/* sqlite_run.c: one statement, the way every query of this engine runs. */
/* Prepare sql (exactly one statement; a tail of more SQL is refused) under
 * the authorizer — internal for DataMind's own queries — and check that it
 * is read-only. 0 and *st, or -1 with err (and *err_pos, 1-based, when
 * SQLite knows it; err_pos may be NULL). */
int engine_sqlite_prepare(engine_sqlite_conn_t *c, const char *sql, int internal,
                          const char *const *extra, size_t n_extra, sqlite3_stmt **st,
                          int *err_pos, char *err, size_t errlen);
/* The monotonic clock in milliseconds. */
double engine_sqlite_now_ms(void);
/* The progress handler (ud: the connection): 1 past the deadline. */
int engine_sqlite_progress(void *ud);
/* From now, statements are interrupted after timeout_ms (<= 0: no limit;
 * c->timed_out is kept then, so the error can still say why). */
void engine_sqlite_deadline(engine_sqlite_conn_t *c, int timeout_ms);
/* err for a failed step/prepare: the timeout, a cancel, a lost file, or
 * SQLite's message. */
void engine_sqlite_error(engine_sqlite_conn_t *c, int rc, int timeout_ms, char *err,
                         size_t errlen);
/* One internal query with text parameters ?1..?n, bounded by timeout_ms:
 * fn(ud, st) for each row (nonzero stops). 0 done, 1 failed or timed out
 * (skip it; c->last_err says why), -1 the file is lost. */
typedef int (*engine_sqlite_row_fn)(void *ud, sqlite3_stmt *st);
int engine_sqlite_query(engine_sqlite_conn_t *c, const char *sql, int n,
                        const char *const *params, int timeout_ms, engine_sqlite_row_fn fn,
                        void *ud);

/* sqlite_result.c: column types and values as engine.h describes them. */
/* The coarse type of a declared type: integer|number|boolean|date|
 * timestamp|text, or NULL when decl is NULL/"" (then the values decide). */
const char *engine_sqlite_decl_kind(const char *decl);
/* Column j of the current row as JSON; a value longer than max_cell is cut
 * (engine.h). *bytes += the bytes kept, *cut += 1 when cut. kind: the
 * column's declared kind or NULL. */
json_t *engine_sqlite_value(sqlite3_stmt *st, int j, const char *kind, size_t max_cell,
                            size_t *bytes, long *cut);
/* The bytes column j of the current row would keep (at most max_cell). */
size_t engine_sqlite_value_bytes(sqlite3_stmt *st, int j, size_t max_cell);

/* sqlite_sample.c: counts and samples for discovery's tables (bounded;
 * a query that fails or times out is skipped). -1 when the file is lost. */
int engine_sqlite_sample_tables(engine_sqlite_conn_t *c, json_t *tables,
                                const sqlsafe_discover_opts_t *o, char *err, size_t errlen);

/* sqlite_exec.c / sqlite_discover.c / sqlite_lookup.c: engine_t's. */
int engine_sqlite_execute(engine_sqlite_conn_t *c, const char *statement, const engine_run_t *o,
                          json_t **result, int *err_pos, char *err, size_t errlen);
int engine_sqlite_discover(engine_sqlite_conn_t *c, const sqlsafe_discover_opts_t *o,
                           json_t **schema, char *err, size_t errlen);
int engine_sqlite_lookup_values(engine_sqlite_conn_t *c, json_t *schema,
                                const char *const *phrases, int n, char *err, size_t errlen);

#endif
