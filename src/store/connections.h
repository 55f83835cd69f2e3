/* connections.h — the organization's database connections (connections.c).
 *
 * A connection belongs to an organization; every function takes the
 * caller's org id and filters on it (any member reads; admins change, the
 * pages check the role). store_conn_all is the one reader across
 * organizations, for the worker's schema refresh. The password is stored
 * only sealed (the caller seals it; see auth/secret.c) and only
 * store_conn_get returns it; lists leave it NULL. Rows and their strings
 * live in the caller's arena. */
#ifndef DM_STORE_CONNECTIONS_H
#define DM_STORE_CONNECTIONS_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_conn {
    const char *id, *name;
    const char *kind;            /* "postgresql" | "mysql" | "sqlite" | "clickhouse" |
                                    "uploads" (DataMind's own): its engine (engine_for_kind) */
    const char *host, *database_name, *username, *sslmode;
    int port;
    const char *version;         /* bumped on every change (cache keys) */
    const char *llm_sharing;     /* "schema" | "samples" | "rows": what may go to the LLM */
    const char **allowed_functions; /* extra functions its queries may call; NULL-terminated */
    size_t n_allowed_functions;
    const char *last_synced_at;  /* schema last read, "YYYY-MM-DD HH24:MI"; NULL when never */
    const char *last_error;      /* NULL when the last read worked */
    long long tables;            /* tables read from its schema */
    const unsigned char *password_enc; /* nonce || secretbox; NULL when none (and in lists) */
    size_t password_enc_len;
} store_conn_t;

/* A connection of some organization (the worker's schema refresh). */
typedef struct store_conn_ref {
    const char *org_id, *id;
} store_conn_ref_t;

typedef struct store_conn_fields {
    const char *kind;            /* postgresql | mysql | sqlite | clickhouse; NULL: postgresql
                                    (an Uploads connection keeps "uploads") */
    const char *name, *host, *database_name, *username, *sslmode;
    const char *llm_sharing;     /* NULL: keep (update) / "schema" (create); admins only */
    int port;
    const unsigned char *password_enc; /* NULL: keep (update) / none (create) */
    size_t password_enc_len;
} store_conn_fields_t;

/* For templates: {id, name, kind, host, port, database_name, username,
 * sslmode, llm_sharing, last_synced, last_error, tables, selected, and for
 * kind sqlite sqlite_file (the file's name, not its path)}; never
 * the password. selected (may be NULL) is the id of the row whose
 * "selected" is true. New reference. */
json_t *store_conn_json(const store_conn_t *c, const char *selected);
json_t *store_conn_list_json(const store_conn_t *rows, size_t n, const char *selected);

/* What a connection's password is bound to: its kind (the engine), host,
 * port, database, user and SSL mode in one string (each length-prefixed;
 * "pg1|…" for postgresql and uploads, as before 0013, "mysql1|…" and so
 * on for the others). Changing any of them needs the password typed again;
 * the password is sealed with this (secret_seal), so it is never sent to
 * any other target or engine. Arena string. */
const char *store_conn_target_binding(arena_t *a, const char *kind, const char *host, int port,
                                      const char *database, const char *user,
                                      const char *sslmode);
/* 1 when f names another target than c (the password must be typed again). */
int store_conn_target_changed(const store_conn_t *c, const store_conn_fields_t *f);
/* The organization's connections by name: 0, or -1 when the database
 * failed (*n 0). */
int store_conn_list(arena_t *a, const char *org_id, store_conn_t **rows, size_t *n);
/* Every connection of every organization (the worker); *n 0 on failure. */
store_conn_ref_t *store_conn_all(arena_t *a, size_t *n);
/* 0, or -1 when there is no such connection in this organization. */
int store_conn_get(arena_t *a, const char *org_id, const char *id, store_conn_t *out);
/* -1 with err "limit" when the organization has max_connections already,
 * *field = "name" when the name is taken. */
int store_conn_create(arena_t *a, const char *org_id, const char *user_id,
                      const store_conn_fields_t *f, char **id, const char **field, char *err,
                      size_t errlen);
int store_conn_update(arena_t *a, const char *org_id, const char *id, const store_conn_fields_t *f,
                      const char **field, char *err, size_t errlen);
int store_conn_delete(arena_t *a, const char *org_id, const char *id);
/* The org's "Uploads" connection (kind uploads): made by DataMind, outside
 * the max_connections limit. */
int store_conn_create_uploads(arena_t *a, const char *org_id, const store_conn_fields_t *f,
                              char **id);
int store_conn_update_uploads(arena_t *a, const char *org_id, const char *id,
                              const store_conn_fields_t *f);
void store_conn_set_sync(arena_t *a, const char *org_id, const char *id, const char *error);
int store_conn_set_functions(arena_t *a, const char *org_id, const char *id, const char *csv);
/* conn_uses.c: the saved queries, dashboards and alerts of the organization
 * that use connection id (at most 50; *n 0 on failure too). visible: the
 * user may see it (shared, or theirs); name the others only by kind. */
typedef struct store_conn_use {
    const char *kind;            /* "saved query" | "dashboard" | "alert" */
    const char *id, *name;
    int visible;
} store_conn_use_t;
store_conn_use_t *store_conn_uses(arena_t *a, const char *org_id, const char *id,
                                  const char *user_id, size_t *n);

#endif
