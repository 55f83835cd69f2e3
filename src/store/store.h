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

/* --- organizations and users (accounts.c) ------------------------------ */
typedef struct account {
    char *user_id, *org_id, *org_slug, *org_name, *email, *full_name, *role, *password_hash;
    int is_active;
} account_t;

/* Create an organization and its first user (admin) in one transaction.
 * On a duplicate: -1 with *field = "org_slug" or "email". */
int account_register(arena_t *a, const char *org_name, const char *slug, const char *full_name,
                     const char *email, const char *pw_hash, account_t *out, const char **field,
                     char *err, size_t errlen);
/* Every account with this email (across organizations), active or not,
 * optionally only in the organization with slug org. */
account_t *account_find_by_email(arena_t *a, const char *email, const char *org, size_t *n,
                                 char *err, size_t errlen);
int account_get(arena_t *a, const char *org_id, const char *user_id, account_t *out);
int account_set_password(arena_t *a, const char *org_id, const char *user_id, const char *hash);
int account_set_name(arena_t *a, const char *org_id, const char *user_id, const char *name);
int account_record_login(arena_t *a, const char *org_id, const char *user_id);
json_t *account_list(arena_t *a, const char *org_id);
/* Add a user; -1 with err "limit" when the organization is full, field
 * "email" on a duplicate. */
int account_add(arena_t *a, const char *org_id, const char *email, const char *name,
                const char *role, const char *pw_hash, char **user_id, const char **field,
                char *err, size_t errlen);
/* Change role / active flag. Refuses (-1, err) to leave the organization
 * without an active admin. 0 when done; 404 when no such user. */
int account_set_role(arena_t *a, const char *org_id, const char *user_id, const char *role,
                     char *err, size_t errlen);
int account_set_active(arena_t *a, const char *org_id, const char *user_id, int active,
                       char *err, size_t errlen);

/* --- connections (connections.c) ----------------------------------------- */
typedef struct conn_row {
    char *id, *name, *kind, *host, *database_name, *username, *sslmode, *version;
    int port;
    unsigned char *password_enc; /* nonce || secretbox, arena-owned; NULL when none */
    size_t password_enc_len;
    json_t *allowed_functions;   /* array of names; owned by the arena */
    char *last_synced_at, *last_error;
    char *llm_sharing;           /* "schema" | "samples" | "rows": what may go to the LLM */
} conn_row_t;
typedef struct conn_fields {
    const char *name, *host, *database_name, *username, *sslmode;
    const char *llm_sharing;     /* NULL: keep (update) / "schema" (create); admins only */
    int port;
    const unsigned char *password_enc; /* NULL: keep (update) / none (create) */
    size_t password_enc_len;
} conn_fields_t;
/* What a connection's password is bound to: host, port, database, user and
 * SSL mode in one string (each length-prefixed). Changing any of them needs
 * the password typed again; the password is sealed with this (secret_seal),
 * so it is never sent to any other target. Arena string. */
const char *conn_target_binding(arena_t *a, const char *host, int port, const char *database,
                                const char *user, const char *sslmode);
/* 1 when f names another target than c (the password must be typed again). */
int conn_target_changed(const conn_row_t *c, const conn_fields_t *f);
json_t *conn_list(arena_t *a, const char *org_id);
/* Every connection of every organization: [{org_id, id}] (the worker). */
json_t *conn_all(arena_t *a);
/* 0, or -1 when there is no such connection in this organization. */
int conn_get(arena_t *a, const char *org_id, const char *id, conn_row_t *out);
/* -1 with err "limit" when the organization has max_connections already,
 * *field = "name" when the name is taken. */
int conn_create(arena_t *a, const char *org_id, const char *user_id, const conn_fields_t *f,
                char **id, const char **field, char *err, size_t errlen);
int conn_update(arena_t *a, const char *org_id, const char *id, const conn_fields_t *f,
                const char **field, char *err, size_t errlen);
int conn_delete(arena_t *a, const char *org_id, const char *id);
/* The org's "Uploads" connection (kind uploads): made by DataMind, outside
 * the max_connections limit. */
int conn_create_uploads(arena_t *a, const char *org_id, const conn_fields_t *f, char **id);
int conn_update_uploads(arena_t *a, const char *org_id, const char *id, const conn_fields_t *f);
void conn_set_sync(arena_t *a, const char *org_id, const char *id, const char *error);
int conn_set_functions(arena_t *a, const char *org_id, const char *id, const char *csv);

/* --- discovered schemas ------------------------------------------------- */
#include "store/schema.h"

/* --- saved queries ------------------------------------------------------ */
#include "store/queries.h"

/* --- chats and their messages ------------------------------------------ */
#include "store/chats.h"

/* --- vocabulary --------------------------------------------------------- */
#include "store/vocabulary.h"

/* --- dashboards (dashboards.h) ------------------------------------------ */
#include "store/dashboards.h"

/* --- widgets (widgets.h) ------------------------------------------------ */
#include "store/widgets.h"

/* --- uploads (uploads.h) ------------------------------------------------ */
#include "store/uploads.h"

/* --- alerts (alerts.c, alert_checks.c) ------------------------------------ */
typedef struct alert_fields {
    const char *name, *connection_id, *sql, *condition, *rows_expect, *webhook_url, *email_to;
    double threshold, anomaly_k;
    int has_threshold, anomaly_n, interval_minutes;
    const json_t *channels; /* ["in_app", "webhook", "email"] */
} alert_fields_t;
json_t *alert_list(arena_t *a, const char *org_id);
json_t *alert_get(arena_t *a, const char *org_id, const char *id);
int alert_create(arena_t *a, const char *org_id, const char *user_id, const alert_fields_t *f,
                 char **id, char *err, size_t errlen);
int alert_update(arena_t *a, const char *org_id, const char *id, const alert_fields_t *f);
int alert_set_active(arena_t *a, const char *org_id, const char *id, int active);
int alert_mute(arena_t *a, const char *org_id, const char *id, int minutes);
int alert_delete(arena_t *a, const char *org_id, const char *id);
json_t *alert_values(arena_t *a, const char *org_id, const char *id, int limit);
json_t *alert_events(arena_t *a, const char *org_id, const char *id, int limit);
json_t *alert_event_get(arena_t *a, const char *org_id, const char *event_id);
/* Alerts due for a check: [{org_id, id, interval_minutes}] (the scheduler). */
json_t *alert_due(arena_t *a);

/* One check, exactly once per (alert, slot), in one transaction: record the
 * value (or error), move the state on a transition, write the events and
 * the in-app notifications. *events gets [{id, kind}] of this slot's
 * events to deliver (also when the slot was recorded before: deliveries
 * are deduplicated by the queue). 1 = this slot was already recorded. */
typedef struct alert_outcome {
    int has_value;
    double value;
    long rows;
    const char *error;
} alert_outcome_t;
int alert_record_check(arena_t *a, const char *org_id, const char *alert_id, long long slot,
                       const alert_outcome_t *o, json_t **events, char *err, size_t errlen);
void alert_record_delivery_failure(arena_t *a, const char *org_id, const char *alert_id,
                                   const char *event_id, const char *message);

/* --- notifications (notifications.c) --------------------------------------- */
long notif_unread(arena_t *a, const char *org_id, const char *user_id);
json_t *notif_list(arena_t *a, const char *org_id, const char *user_id);
int notif_read(arena_t *a, const char *org_id, const char *user_id, const char *id);
int notif_read_all(arena_t *a, const char *org_id, const char *user_id);

/* --- sessions (sessions.c) ---------------------------------------------- */
typedef struct session_row {
    account_t acct;
    int needs_touch; /* last_seen older than a minute */
} session_row_t;
int session_store_create(arena_t *a, const account_t *acct, const unsigned char id[16],
                         const char *ip, const char *ua, int max_days);
/* 0 and *out when the session exists, is not expired (absolute or idle)
 * and its user is active; -1 otherwise; -2 when the database is down. */
int session_store_load(arena_t *a, const unsigned char id[16], int idle_hours, session_row_t *out);
void session_store_touch(arena_t *a, const unsigned char id[16]);
void session_store_delete(arena_t *a, const unsigned char id[16]);
/* Delete a user's sessions; keep one (except, may be NULL). */
void session_store_delete_user(arena_t *a, const char *org_id, const char *user_id,
                               const unsigned char *except);
int session_store_delete_hex(arena_t *a, const char *org_id, const char *user_id, const char *hex);
json_t *session_store_list(arena_t *a, const char *org_id, const char *user_id,
                           const unsigned char current[16]);

/* --- audit log (audit.c) ------------------------------------------------ */
/* Record an action. details is stolen (may be NULL). Never fails the
 * caller: problems are logged. */
void audit_record(arena_t *a, const char *org_id, const char *user_id, const char *action,
                  const char *resource_type, const char *resource_id, json_t *details,
                  const char *ip);
typedef struct audit_filter {
    const char *action, *user_id, *resource_type, *from, *to; /* "" or NULL = any */
    int page, per_page;                                       /* page from 1 */
} audit_filter_t;
/* Newest first. *more = another page exists. */
json_t *audit_list(arena_t *a, const char *org_id, const audit_filter_t *f, int *more,
                   char *err, size_t errlen);
json_t *audit_actions(arena_t *a, const char *org_id); /* distinct actions, for the filter */

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
