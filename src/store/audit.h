/* audit.h — the audit log: who did what, when, from where (audit.c).
 *
 * An entry belongs to an organization (its user may be NULL: a system
 * action, or a user since deleted). store_audit_record is the one writer,
 * called by every page and task that changes something; it never fails
 * its caller. Reading (list, actions) is for the organization's admins
 * (the audit page checks the role) and always filters on the org id.
 * Rows and their strings live in the caller's arena. */
#ifndef DM_STORE_AUDIT_H
#define DM_STORE_AUDIT_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_audit {
    const char *time;                  /* UTC, "YYYY-MM-DD HH24:MI:SS" */
    const char *action;                /* "alert.create", "user.login", … */
    const char *user_email, *user_name; /* "" when no user */
    const char *resource_type, *resource_id; /* "" when none */
    const char *details;               /* the details object as JSON text, shown as is */
    const char *ip;                    /* "" when unknown */
} store_audit_t;

typedef struct store_audit_filter {
    const char *action, *user_id, *resource_type, *from, *to; /* "" or NULL = any */
    int page, per_page;                                       /* page from 1 */
} store_audit_filter_t;

/* For templates: the row's fields under the names above. New reference. */
json_t *store_audit_json(const store_audit_t *e);

/* Record an action. details is stolen (may be NULL). Never fails the
 * caller: problems are logged. */
void store_audit_record(arena_t *a, const char *org_id, const char *user_id, const char *action,
                        const char *resource_type, const char *resource_id, json_t *details,
                        const char *ip);
/* One page, newest first: 0, or -1 with err when the database failed.
 * *more = another page exists. */
int store_audit_list(arena_t *a, const char *org_id, const store_audit_filter_t *f,
                     store_audit_t **rows, size_t *n, int *more, char *err, size_t errlen);
/* The distinct actions recorded, sorted (for the filter); *n 0 on failure. */
const char **store_audit_actions(arena_t *a, const char *org_id, size_t *n);

#endif
