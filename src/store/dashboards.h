/* dashboards.h — dashboards: a titled page of widgets, personal or shared
 * with the organization. Tenancy: every function takes the organization;
 * a user sees the organization's shared dashboards and their own private
 * ones (store_dash_list / store_dash_get take the user for that). Who may
 * change one is the caller's rule, not the store's: only the owner (or an
 * admin) changes a private one; shared ones are changed by analysts and
 * admins; viewers only read (pages/dashboards.c, dashboard_can_edit).
 * Callers: the dashboard and widget pages, the exports, and the worker's
 * widget.refresh task (store_dash_due_refresh). Rows live in the caller's
 * arena. */
#ifndef DM_STORE_DASHBOARDS_H
#define DM_STORE_DASHBOARDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_dash {
    const char *id, *org_id, *title, *description;
    const char *owner;     /* the creator's full name, "" when gone */
    const char *refreshed; /* newest widget refresh "YYYY-MM-DD HH:MI"; NULL when none */
    bool is_shared, mine;  /* mine: created by the user asking */
    int refresh_minutes;   /* auto-refresh interval, 0 = off */
    long long widgets;     /* how many widgets (store_dash_list and store_dash_view, else 0) */
    const char *version;   /* changes whenever the row changes (store_dash_view only) */
} store_dash_t;
struct store_widget;

/* The dashboards the user sees, most recently changed first. 0, or -1
 * (logged) when the database failed; *rows and *n are then empty. Fills
 * every field but org_id. */
int store_dash_list(arena_t *a, const char *org_id, const char *user_id, store_dash_t **rows,
                    size_t *n);
/* One dashboard the user sees: 0, or -1 when there is none (or the id is
 * not a UUID, or the database failed). Fills every field but org_id. */
int store_dash_get(arena_t *a, const char *org_id, const char *user_id, const char *id,
                   store_dash_t *out);
/* The dashboard page in one prepared statement: the dashboard as
 * store_dash_get gives it (with version) and its widgets in their order,
 * as store_widget_list gives them (with version; fragment_svg NULL: the
 * page does not show it). 0, or -1 as
 * store_dash_get (then *n is 0). */
int store_dash_view(arena_t *a, const char *org_id, const char *user_id, const char *id,
                    store_dash_t *out, struct store_widget **rows, size_t *n);
/* A repeat view's one statement (pages/dashboards.c, before the session
 * step): the session of id sid as store_session_load gives it (idle_hours
 * likewise) into *sess, and the light twin of store_dash_view for that
 * session's user, which only checks whether what the page showed last time
 * is still right: of the dashboard id, is_shared, mine, owner,
 * refresh_minutes, version, widgets; of each widget (in order) id, kind,
 * connection, age_s, version, and result_text "" when it has a result (not
 * read), NULL when none. 0, or -1 when the session is not valid, the user
 * does not see the dashboard, or the database failed. */
struct store_session_auth;
int store_dash_head_session(arena_t *a, const unsigned char sid[16], int idle_hours,
                            const char *id, struct store_session_auth *sess, store_dash_t *out,
                            struct store_widget **rows, size_t *n);
int store_dash_create(arena_t *a, const char *org_id, const char *user_id, const char *title,
                      const char *description, int shared, char **id);
int store_dash_update(arena_t *a, const char *org_id, const char *id, const char *title,
                      const char *description, int shared, int refresh_minutes);
/* A private copy ("Copy of …") with copies of its widgets, in one statement. */
int store_dash_duplicate(arena_t *a, const char *org_id, const char *user_id, const char *id,
                         char **new_id, char *err, size_t errlen);
int store_dash_delete(arena_t *a, const char *org_id, const char *id);
/* Dashboards of every organization whose auto-refresh interval passed
 * (for the worker): org_id, id, refresh_minutes. 0, or -1 when the
 * database failed. */
int store_dash_due_refresh(arena_t *a, store_dash_t **rows, size_t *n);

/* For templates: {id, title, description, owner, refreshed (null when
 * none), is_shared, mine, refresh_minutes, widgets}. New reference. */
json_t *store_dash_json(const store_dash_t *d);
json_t *store_dash_list_json(const store_dash_t *rows, size_t n);

#endif
