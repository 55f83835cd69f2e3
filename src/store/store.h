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
#include <jansson.h>
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

#include "store/accounts.h"

#include "store/connections.h"

/* --- discovered schemas (schema.c) ---------------------------------------- */
/* Save a discovery (sqlsafe_discover's JSON) in one transaction: upsert
 * tables and columns, remove what vanished. */
int schema_store_save(arena_t *a, const char *org_id, const char *conn_id, const json_t *schema,
                      char *err, size_t errlen);
/* Tables with row estimates and column counts; search matches names. */
json_t *schema_store_tables(arena_t *a, const char *org_id, const char *conn_id,
                            const char *search);
/* One table with its columns, or NULL. */
json_t *schema_store_table(arena_t *a, const char *org_id, const char *conn_id,
                           const char *table_id);
/* The whole schema in sqlsafe_discover's shape (for the planner). New ref. */
json_t *schema_store_load(arena_t *a, const char *org_id, const char *conn_id);

/* --- saved queries (queries.c) ------------------------------------------- */
/* A user sees the organization's shared queries and their own private ones. */
typedef struct saved_fields {
    const char *name, *description, *sql, *tags_csv, *connection_id;
    int shared;
} saved_fields_t;
json_t *saved_list(arena_t *a, const char *org_id, const char *user_id, const char *search);
/* One query as an object (with "mine"), or NULL when not visible. */
json_t *saved_get(arena_t *a, const char *org_id, const char *user_id, const char *id);
int saved_create(arena_t *a, const char *org_id, const char *user_id, const saved_fields_t *f,
                 char **id, char *err, size_t errlen);
/* Only the owner or an admin may change or delete: 0, 404 (not visible), 403. */
int saved_update(arena_t *a, const char *org_id, const char *user_id, int is_admin,
                 const char *id, const saved_fields_t *f);
int saved_delete(arena_t *a, const char *org_id, const char *user_id, int is_admin,
                 const char *id);

/* --- chats (chats.c) ------------------------------------------------------ */
/* Chat sessions are personal: every function takes the user too. */
json_t *chat_list(arena_t *a, const char *org_id, const char *user_id, const char *search);
json_t *chat_get(arena_t *a, const char *org_id, const char *user_id, const char *id);
int chat_create(arena_t *a, const char *org_id, const char *user_id, const char *conn_id,
                const char *title, char **id);
int chat_rename(arena_t *a, const char *org_id, const char *user_id, const char *id,
                const char *title);
int chat_pin(arena_t *a, const char *org_id, const char *user_id, const char *id, int pinned);
int chat_delete(arena_t *a, const char *org_id, const char *user_id, const char *id);
int chat_set_connection(arena_t *a, const char *org_id, const char *user_id, const char *id,
                        const char *conn_id);
/* Messages oldest first; JSON columns come back parsed. */
json_t *chat_messages(arena_t *a, const char *org_id, const char *session_id);
/* msg: {role, content, sql_text, plan, result_preview, row_count, truncated,
 * chart_config, clarify, confidence, timings, token_usage, error_message,
 * context_summary} — missing keys are NULL. Touches the session. */
int chat_add_message(arena_t *a, const char *org_id, const char *session_id, const json_t *msg,
                     char **id);
/* One message of the user's (for pin / alert / export), or NULL. */
json_t *chat_message_get(arena_t *a, const char *org_id, const char *user_id, const char *msg_id);

/* --- vocabulary (vocabulary.c) -------------------------------------------- */
json_t *vocab_list(arena_t *a, const char *org_id, const char *conn_id);
/* For the planner: [{term, description, kind, table, column, expression}]. */
json_t *vocab_for_planner(arena_t *a, const char *org_id, const char *conn_id);
int vocab_add(arena_t *a, const char *org_id, const char *conn_id, const char *term,
              const char *description, const char *kind, const char *table, const char *column,
              const char *expression, const char **field, char *err, size_t errlen);
int vocab_delete(arena_t *a, const char *org_id, const char *conn_id, const char *id);

/* --- dashboards (dashboards.h) ------------------------------------------ */
#include "store/dashboards.h"

/* --- widgets (widgets.h) ------------------------------------------------ */
#include "store/widgets.h"

/* --- uploads (uploads.h) ------------------------------------------------ */
#include "store/uploads.h"

#include "store/alerts.h"

#include "store/notifications.h"

#include "store/sessions.h"

#include "store/audit.h"

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

/* --- throttling (throttle.c) -------------------------------------------- */
/* Seconds the caller must wait before another attempt (0 = go ahead, also
 * when Redis is down). */
long throttle_wait(arena_t *a, const char *scope, const char *key);
/* free: failures allowed before delays start. */
void throttle_failure(arena_t *a, const char *scope, const char *key, int free);
void throttle_reset(arena_t *a, const char *scope, const char *key);

/* Fixed one-minute windows: 0 when this call fits under limit per window,
 * else the seconds until the window resets. Redis down: 0 (logged). */
long ratelimit_hit(arena_t *a, const char *what, const char *who, long limit);

/* --- migrations (migrate.c) --------------------------------------------- */
/* Apply dir/NNNN_*.sql not yet in schema_migrations, each in its own
 * transaction, under an advisory lock. *applied gets the count. */
int migrate_run(const char *dir, int *applied, char *err, size_t errlen);

#endif
