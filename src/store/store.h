/* store.h — DataMind's own persistence: the app database and Redis.
 *
 * Each process owns one app-DB connection and one Redis connection, opened
 * lazily and reopened after a failure. Every app-DB query goes through
 * db_exec() — PQexecParams with $n parameters; no value is ever pasted into
 * SQL text. Results are registered with the caller's arena, so they are
 * cleared when the request ends. */
#ifndef DM_STORE_H
#define DM_STORE_H

#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <stddef.h>

#include "core/arena.h"

/* --- app database (db.c) ---------------------------------------------- */
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
int db_begin(char *err, size_t errlen);
int db_commit(char *err, size_t errlen);
void db_rollback(void);
int db_ping(void); /* 0 when a trivial query works */
/* Field helpers: "" for NULL. */
const char *db_get(const PGresult *res, int row, int col);
int db_is_null(const PGresult *res, int row, int col);

/* --- Redis (redis.c) --------------------------------------------------- */
redisContext *kv_conn(void);
void kv_close(void);
/* A command; reply owned by arena a (NULL a: caller frees). NULL on error
 * (connection dropped for the next call to reopen). */
redisReply *kv_cmd(arena_t *a, const char *fmt, ...);
redisReply *kv_cmdv(arena_t *a, int argc, const char **argv, const size_t *argvlen);
int kv_ping(void);
/* cfg->redis_prefix + suffix, in the arena. */
const char *kv_key(arena_t *a, const char *suffix);

/* --- migrations (migrate.c) --------------------------------------------- */
/* Apply dir/NNNN_*.sql not yet in schema_migrations, each in its own
 * transaction, under an advisory lock. *applied gets the count. */
int migrate_run(const char *dir, int *applied, char *err, size_t errlen);

#endif
