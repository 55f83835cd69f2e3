/* notifications.h — the bell: in-app notifications (notifications.c).
 *
 * A notification belongs to one user of one organization; every function
 * takes both and filters on them, so a user only ever sees and marks their
 * own. Written by the alert checks (alert_checks.c), read by the pages and
 * the bell. Rows and their strings live in the caller's arena. */
#ifndef DM_STORE_NOTIFICATIONS_H
#define DM_STORE_NOTIFICATIONS_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_notif {
    const char *id, *title, *body;
    const char *link; /* a local path, NULL when none */
    const char *at;   /* created, "YYYY-MM-DD HH24:MI" */
    int is_read;
} store_notif_t;

/* For templates: {id, title, body, link, is_read, at}. New reference. */
json_t *store_notif_json(const store_notif_t *n);

long store_notif_unread(arena_t *a, const char *org_id, const char *user_id);
/* The user's newest 200: 0, or -1 when the database failed (*n 0). */
int store_notif_list(arena_t *a, const char *org_id, const char *user_id, store_notif_t **rows,
                     size_t *n);
/* 0, or -1 when the user has no such notification. */
int store_notif_read(arena_t *a, const char *org_id, const char *user_id, const char *id);
int store_notif_read_all(arena_t *a, const char *org_id, const char *user_id);

#endif
