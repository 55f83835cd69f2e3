/* tokens.h — personal API tokens (tokens.c), for /api/v1.
 *
 * A token belongs to one user of one organization and acts as that user:
 * their role and organization are read with the token at every request,
 * so a role change or a deactivation holds at the very next call. Only the
 * token's hash is stored (BLAKE2b-256 of its 32 random bytes); the token
 * itself is shown once, when it is made. Loading by hash (every API
 * request) needs no org id: the token is the secret. Listing, creating and
 * revoking take the org and user ids and filter on both (the settings
 * page). Rows and their strings live in the caller's arena. */
#ifndef DM_STORE_TOKENS_H
#define DM_STORE_TOKENS_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"
#include "store/accounts.h"

#define STORE_TOKEN_HASH_BYTES 32

/* A token as its owner sees it in their settings. */
typedef struct store_token {
    const char *id, *name;
    const char *prefix;              /* the token's first characters ("dm_AbC12…") */
    const char *created;             /* "YYYY-MM-DD HH24:MI" */
    const char *expires, *last_used; /* the same, NULL when never */
    int expired;                     /* expires_at has passed */
} store_token_t;

/* What loading a token gives: its account (no password hash). */
typedef struct store_token_auth {
    const char *token_id;
    store_account_t acct;
    int needs_touch; /* last_used_at older than a minute (or never) */
} store_token_auth_t;

/* Make a token for the user: days > 0 expires it that many days from now,
 * 0 never. 0 and *id, or -1. */
int store_token_create(arena_t *a, const char *org_id, const char *user_id, const char *name,
                       const char *prefix, const unsigned char hash[STORE_TOKEN_HASH_BYTES],
                       int days, char **id);
/* The user's tokens not revoked, newest first (at most 100). 0, or -1
 * when the database failed (*n 0). */
int store_token_list(arena_t *a, const char *org_id, const char *user_id, store_token_t **rows,
                     size_t *n);
/* Revoke one of the user's tokens: 0, or -1 when they have no such live
 * token. */
int store_token_revoke(arena_t *a, const char *org_id, const char *user_id, const char *id);
/* 0 and *out when the token of this hash exists, is neither revoked nor
 * expired and its user is active; -1 otherwise; -2 when the database is
 * down. One prepared statement, no cache. */
int store_token_load(arena_t *a, const unsigned char hash[STORE_TOKEN_HASH_BYTES],
                     store_token_auth_t *out);
/* last_used_at = now (called at most once a minute per token). */
void store_token_touch(arena_t *a, const char *token_id);
/* For templates: {id, name, prefix, created, expires, last_used, expired}.
 * New reference. */
json_t *store_token_json(const store_token_t *t);

#endif
