/* db.h — the app database connection of this process.
 *
 * Each process owns one app-DB connection, opened lazily and reopened after
 * a failure. Every app-DB query goes through db_exec() (PQexecParams with $n
 * parameters; no value is ever pasted into SQL text) or db_exec_prepared()
 * for the hot ones. Results are registered with the caller's arena, so they
 * are cleared when the request ends. The entity headers beside this one
 * (accounts.h, chats.h, …) are the typed queries built on it. */
#ifndef DM_STORE_DB_H
#define DM_STORE_DB_H

#include <jansson.h>
#include <libpq-fe.h>
#include <stddef.h>

#include "core/arena.h"

/* The connection, reconnected if it went bad; NULL (logged) when the
 * database cannot be reached. */
PGconn *db_conn(void);
void db_close(void);
/* Run sql with n text parameters (NULL = SQL NULL). Returns the result for
 * PGRES_TUPLES_OK / PGRES_COMMAND_OK (owned by arena a), else NULL with err
 * set to a message fit for the log; *sqlstate (optional) gets the code. */
PGresult *db_exec(arena_t *a, const char *sql, int n, const char *const *params, char *err,
                  size_t errlen);
/* Same, but returns the SQLSTATE on failure ("23505" …) in state[6]. */
PGresult *db_exec_state(arena_t *a, const char *sql, int n, const char *const *params,
                        char state[6], char *err, size_t errlen);
/* A hot statement, prepared once per connection (PQprepare) the first
 * time it runs and again after a reconnect; then only executed
 * (PQexecPrepared). Declare one per statement, static, with a name unique
 * in the program: static db_stmt_t q = {"dash_view", "SELECT …"}; gen is
 * db.c's (0 = not prepared). Parameters and results as db_exec's. Keep
 * db_exec for the statements that are not on every request. */
typedef struct db_stmt {
    const char *name, *sql;
    unsigned gen;
} db_stmt_t;
PGresult *db_exec_prepared(arena_t *a, db_stmt_t *st, int n, const char *const *params, char *err,
                           size_t errlen);
/* The one way to run a transaction on the app connection. Whoever calls
 * db_begin owns it and ends it with db_commit or db_rollback (exactly one
 * of them, on every path); a db_begin inside an open one fails. Inside it
 * the connection is never reopened: once it is lost, every later statement
 * of the transaction fails, and so does db_commit (nothing was saved);
 * after the commit or rollback the next query may reconnect. db_commit
 * fails as well when a statement of the transaction failed. */
int db_begin(char *err, size_t errlen);
int db_commit(char *err, size_t errlen);
void db_rollback(void);
/* After a unit of work (a request, a job): a transaction it left open is a
 * bug; roll it back (logged, naming where) so the next one starts clean. */
void db_tx_abandoned(const char *where);
int db_ping(void); /* 0 when a trivial query works */
/* 1 when this process's last app-database query failed because the server
 * could not be reached; a later query that gets through clears it. */
int db_is_down(void);
/* 1 when an idle pooled connection is still usable: open, outside a
 * transaction, and the server has not closed it meanwhile (a restart ends
 * idle sessions; the first query would fail). Costs one poll(). */
int db_idle_ok(PGconn *c);
/* Field helpers: "" for NULL. */
const char *db_get(const PGresult *res, int row, int col);
int db_is_null(const PGresult *res, int row, int col);

/* Rows as a JSON array of objects keyed by column name: text values,
 * booleans as true/false, NULL as null. For templates. New reference. */
json_t *db_rows_json(const PGresult *res);
json_t *db_row_json(const PGresult *res, int row);
/* '\\x…' text form of bytes, for a bytea parameter; arena-owned. */
const char *db_bytea_param(arena_t *a, const unsigned char *p, size_t n);
/* 1 if s is a canonical UUID (so a bad id is a 404, not a database error). */
int db_is_uuid(const char *s);

#endif
