/* accounts.h — organizations and their users (accounts.c).
 *
 * A user belongs to exactly one organization. Every function that reads or
 * changes a user takes the caller's org id and filters on it; the only
 * lookups across organizations are store_account_register (a new
 * organization) and store_account_find_by_email (signing in). Callers:
 * the sign-in and settings pages, user administration (admins only; the
 * page checks the role), the CLI and the sessions store. Rows and their
 * strings live in the caller's arena. */
#ifndef DM_STORE_ACCOUNTS_H
#define DM_STORE_ACCOUNTS_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_account {
    const char *user_id, *org_id, *org_slug, *org_name, *email, *full_name;
    const char *role;          /* "admin" | "analyst" | "viewer" */
    const char *password_hash; /* never leaves the server: not in store_account_json */
    int is_active;
    const char *last_login;    /* "YYYY-MM-DD HH24:MI", NULL when never */
    const char *created;       /* "YYYY-MM-DD" */
} store_account_t;

/* For templates: {id (the user's), org_id, org_slug, org_name, email,
 * full_name, role, is_active, last_login, created}; never the password
 * hash. New reference. */
json_t *store_account_json(const store_account_t *u);

/* Create an organization and its first user (admin) in one transaction.
 * On a duplicate: -1 with *field = "org_slug" or "email". */
int store_account_register(arena_t *a, const char *org_name, const char *slug,
                           const char *full_name, const char *email, const char *pw_hash,
                           store_account_t *out, const char **field, char *err, size_t errlen);
/* Every account with this email (across organizations), active or not,
 * optionally only in the organization with slug org. */
store_account_t *store_account_find_by_email(arena_t *a, const char *email, const char *org,
                                             size_t *n, char *err, size_t errlen);
int store_account_get(arena_t *a, const char *org_id, const char *user_id, store_account_t *out);
int store_account_set_password(arena_t *a, const char *org_id, const char *user_id,
                               const char *hash);
int store_account_set_name(arena_t *a, const char *org_id, const char *user_id, const char *name);
/* theme: "system", "light" or "dark" (the table refuses anything else). */
int store_account_set_theme(arena_t *a, const char *org_id, const char *user_id,
                            const char *theme);
int store_account_record_login(arena_t *a, const char *org_id, const char *user_id);
/* The organization's users, active first, by name: 0, or -1 when the
 * database failed (*n 0). */
int store_account_list(arena_t *a, const char *org_id, store_account_t **rows, size_t *n);
/* Add a user; -1 with err "limit" when the organization is full, field
 * "email" on a duplicate. */
int store_account_add(arena_t *a, const char *org_id, const char *email, const char *name,
                      const char *role, const char *pw_hash, char **user_id, const char **field,
                      char *err, size_t errlen);
/* Change role / active flag. Refuses (-1, err) to leave the organization
 * without an active admin. 0 when done; 404 when no such user. */
int store_account_set_role(arena_t *a, const char *org_id, const char *user_id, const char *role,
                           char *err, size_t errlen);
int store_account_set_active(arena_t *a, const char *org_id, const char *user_id, int active,
                             char *err, size_t errlen);

#endif
