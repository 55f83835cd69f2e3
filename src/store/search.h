/* search.h — finding the organization's things by a few letters of their
 * name (search.c): the search page and the command palette (pages/search.c).
 *
 * One statement over dashboards, saved queries, connections and chats,
 * with the list pages' visibility: dashboards and saved queries shared
 * with the organization or the user's own, every connection of the
 * organization, the user's own chats. Never another organization's. Each
 * word of the search must appear in the name (case-insensitive, as text:
 * % and _ match themselves). Rows live in the caller's arena. */
#ifndef DM_STORE_SEARCH_H
#define DM_STORE_SEARCH_H

#include <stddef.h>

#include "core/arena.h"

typedef struct store_search_hit {
    const char *kind;   /* "dashboard", "query", "connection" or "chat" */
    const char *id;     /* its uuid */
    const char *title;  /* its name */
    const char *detail; /* a description, the connection's kind, "" */
} store_search_hit_t;

/* Names starting with the search first, then the latest changed; at most
 * limit rows. An empty search gives the latest. 0, or -1 (rows NULL, n 0)
 * when the database failed. */
int store_search_run(arena_t *a, const char *org_id, const char *user_id, const char *search,
                     int limit, store_search_hit_t **rows, size_t *n);

#endif
