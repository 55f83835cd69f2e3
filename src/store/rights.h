/* rights.h — a person's data rights (rights.c): all their data as one
 * document, their erasure, and the organizations' chat retention.
 *
 * Callers: the worker's export job (the document), the users admin page
 * (erasure; the page checks the role), the worker's chat.purge job. Every
 * function that names a user takes the org id and filters on it. */
#ifndef DM_STORE_RIGHTS_H
#define DM_STORE_RIGHTS_H

#include <stddef.h>

#include "core/arena.h"

/* Everything the user of this organization owns, as JSON text in the
 * arena: {"format", "exported_at", "user" (profile and settings),
 * "chats" (with their messages), "saved_queries", "dashboards" (with
 * their widgets), "query_history"}. Never a secret: no password hash,
 * no connection password, no public link token. NULL (err) when the
 * database failed or there is no such user. */
const char *store_rights_export(arena_t *a, const char *org_id, const char *user_id, char *err,
                                size_t errlen);

/* What an erasure did, for the audit and the page. */
typedef struct store_erasure {
    long chats, private_items, handed_over, audit_rows;
} store_erasure_t;

/* Erase a user of the organization, in one transaction: their chats
 * (and messages), their private saved queries and dashboards are
 * deleted; what they shared with the organization (shared saved queries
 * and dashboards, alerts, report schedules, connections, uploads) is
 * handed to to_user_id (the admin erasing them); their audit rows are
 * kept, marked actor_erased, with the address cleared and their e-mail
 * taken out of every row's details; then the user row goes (sessions,
 * notifications and query history with it). 0; 404 when there is no
 * such user; -1 with err. */
int store_rights_erase(arena_t *a, const char *org_id, const char *user_id,
                       const char *to_user_id, store_erasure_t *done, char *err, size_t errlen);

/* Delete up to batch chats (every organization with a retention) whose
 * last activity is older than their organization's chat_retention_days:
 * how many, or -1 when the database failed. */
long store_rights_purge_chats(arena_t *a, int batch);

#endif
