/* links.h — public read-only links to a dashboard (links.c).
 *
 * A link is a random token the page makes (32 bytes, base64url in the URL);
 * the store only ever sees its 32-byte hash. Tenancy: listing, creating and
 * revoking take the organization and the dashboard; store_link_resolve is
 * the one lookup without an organization — the token is the credential —
 * and gives back the organization and dashboard the link was made for, so
 * everything the public page reads after it is filtered by those. Rows
 * live in the caller's arena. */
#ifndef DM_STORE_LINKS_H
#define DM_STORE_LINKS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

#define STORE_LINK_HASH_BYTES 32

typedef struct store_link {
    const char *id, *org_id, *dashboard_id;
    const char *created_by_id; /* "" when the creator was deleted */
    const char *creator;       /* the creator's full name, "" when gone */
    const char *created;       /* UTC "YYYY-MM-DD HH24:MI" */
    const char *expires;       /* UTC "YYYY-MM-DD HH24:MI", NULL = never */
    const char *revoked;       /* UTC "YYYY-MM-DD HH24:MI", NULL = not revoked */
    bool expired;              /* expires_at has passed */
} store_link_t;

/* A new link for the dashboard, expiring after `days` days (0 = never).
 * 0 with *id, or -1 (logged) when the database failed or the dashboard is
 * not in the organization. */
int store_link_create(arena_t *a, const char *org_id, const char *dashboard_id,
                      const char *user_id, const unsigned char hash[STORE_LINK_HASH_BYTES],
                      int days, char **id);
/* The dashboard's links, newest first (revoked and expired ones included,
 * marked). 0, or -1 when the database failed (*n 0). */
int store_link_list(arena_t *a, const char *org_id, const char *dashboard_id, store_link_t **rows,
                    size_t *n);
/* Revoke one of the dashboard's links: 0, or -1 when there is no such live
 * link in the organization (or it was revoked already). */
int store_link_revoke(arena_t *a, const char *org_id, const char *dashboard_id, const char *id,
                      const char *user_id);

enum store_link_state { STORE_LINK_NONE = 0, STORE_LINK_LIVE, STORE_LINK_GONE, STORE_LINK_DBERR };
/* The link a token's hash names. LIVE with *out filled: not revoked, not
 * expired, its creator still active. GONE: it existed and was revoked or
 * expired (or its creator was deactivated). NONE: no such link. DBERR: the
 * database did not answer. */
enum store_link_state store_link_resolve(arena_t *a, const unsigned char hash[STORE_LINK_HASH_BYTES],
                                         store_link_t *out);

/* The expiries a link may be made with: "1", "7", "30" (days) or "never"
 * (0 days). 0 with *days and *label for one of them, -1 for anything else. */
int store_link_expiry(const char *value, int *days, const char **label);
/* For the form: [{value, label, selected}], 7 days selected. New reference. */
json_t *store_link_expiries_json(void);

/* For templates: {id, creator, created, expires (null = never), revoked,
 * expired, live}. New reference. */
json_t *store_link_list_json(const store_link_t *rows, size_t n);

#endif
