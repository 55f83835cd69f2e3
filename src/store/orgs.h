/* orgs.h — an organization as a whole (orgs.c): its limits with their
 * usage, its chat retention, and deleting it.
 *
 * The limits are the ones store_account_add and store_connection_add
 * enforce on insert (max_users, max_connections). The admin page reads
 * them for its own organization; `datamind org list|set-limits` (an
 * instance operator's) reads and sets them for any. Rows in the caller's
 * arena. */
#ifndef DM_STORE_ORGS_H
#define DM_STORE_ORGS_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_org {
    const char *id, *slug, *name, *created; /* created: "YYYY-MM-DD" */
    int max_users, max_connections;
    long users, connections;                /* usage now */
    int retention_days;                     /* 0: chats are kept */
} store_org_t;

/* For templates: the fields by name (retention_days null when chats are
 * kept), plus users_pct / connections_pct (usage as a percentage of the
 * limit, 100 when the limit is 0) and users_full / connections_full. New
 * reference. */
json_t *store_org_json(const store_org_t *o);
/* One organization by id: 0, or -1 (none, or the database failed). */
int store_org_get(arena_t *a, const char *org_id, store_org_t *out);
/* Every organization, by slug: 0, or -1 when the database failed. */
int store_org_list(arena_t *a, store_org_t **rows, size_t *n);
/* Set the limits of the organization with this slug; a negative value
 * keeps the current one. 0 (*org_id its id), 404 (no such slug), or -1
 * with err. */
int store_org_set_limits(arena_t *a, const char *slug, int max_users, int max_connections,
                         const char **org_id, char *err, size_t errlen);
/* Chats untouched for days days are purged; 0 keeps them. 0, or -1. */
int store_org_set_retention(arena_t *a, const char *org_id, int days, char *err, size_t errlen);
/* Delete the organization and everything it owns (the tables cascade:
 * users, their sessions, chats, connections, dashboards, audit log…),
 * only when name is its name exactly. 0; 1 when name does not match;
 * -1 with err. */
int store_org_delete(arena_t *a, const char *org_id, const char *name, char *err, size_t errlen);

#endif
