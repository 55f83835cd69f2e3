/* sessions.h — sign-in sessions (sessions.c).
 *
 * A session belongs to one user of one organization. The cookie carries
 * the 16-byte id and a MAC; the row is the truth: deleting it signs the
 * cookie out everywhere. Loading by id (pages/session.c, every request)
 * needs no org id: the id is the secret. Listing and deleting a user's
 * sessions take the org and user ids and filter on both (the settings
 * page, deactivating a user). Rows and their strings live in the caller's
 * arena. */
#ifndef DM_STORE_SESSIONS_H
#define DM_STORE_SESSIONS_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"
#include "store/accounts.h"

/* A session as its user sees it in their settings. */
typedef struct store_session {
    const char *id;         /* 32 hex digits */
    int current;            /* the session of this request */
    const char *ip;         /* NULL when unknown */
    const char *user_agent; /* "" when unknown */
    const char *created, *last_seen; /* "YYYY-MM-DD HH24:MI" */
} store_session_t;

/* What loading a session gives: its signed-in account (no password hash). */
typedef struct store_session_auth {
    store_account_t acct;
    int needs_touch; /* last_seen older than a minute */
    long unread;     /* the user's unread notifications (the bell) */
    const char *theme; /* "system", "light" or "dark" (their settings) */
} store_session_auth_t;

/* For templates: {id, current, ip, user_agent, created, last_seen}. New
 * reference. */
json_t *store_session_json(const store_session_t *s);

int store_session_create(arena_t *a, const store_account_t *acct, const unsigned char id[16],
                         const char *ip, const char *ua, int max_days);
/* 0 and *out when the session exists, is not expired (absolute or idle)
 * and its user is active; -1 otherwise; -2 when the database is down.
 * One prepared statement, no cache: a deleted session or a deactivated
 * user is refused by the very next request, in every worker. */
int store_session_load(arena_t *a, const unsigned char id[16], int idle_hours,
                       store_session_auth_t *out);
void store_session_touch(arena_t *a, const unsigned char id[16]);
/* For the store's own joins (store_dash_head_session): store_session_load's
 * select list (STORE_SESSION_NCOLS columns, from 0), tables and condition
 * ($1 the id, $2 the idle hours), and the fill from those columns. */
#define STORE_SESSION_COLS                                                                         \
    "u.id, u.org_id, o.slug, o.name, u.email, u.full_name, u.role,"                               \
    " s.last_seen_at < now() - interval '1 minute',"                                              \
    " (SELECT count(*) FROM notifications n WHERE n.org_id = u.org_id AND n.user_id = u.id"       \
    "  AND NOT n.is_read), u.theme"
#define STORE_SESSION_NCOLS 10
#define STORE_SESSION_FROM                                                                         \
    " FROM sessions s JOIN users u ON u.id = s.user_id AND u.org_id = s.org_id"                   \
    " JOIN organizations o ON o.id = s.org_id"
#define STORE_SESSION_WHERE                                                                        \
    "s.id = $1 AND s.expires_at > now() AND u.is_active"                                          \
    " AND s.last_seen_at > now() - make_interval(hours => $2::int)"
struct pg_result;
void store_session_fill(arena_t *a, const struct pg_result *res, int row,
                        store_session_auth_t *out);
void store_session_delete(arena_t *a, const unsigned char id[16]);
/* Delete a user's sessions; keep one (except, may be NULL). */
void store_session_delete_user(arena_t *a, const char *org_id, const char *user_id,
                               const unsigned char *except);
int store_session_delete_hex(arena_t *a, const char *org_id, const char *user_id, const char *hex);
/* The user's unexpired sessions, last seen first; current marks this one.
 * 0, or -1 when the database failed (*n 0). */
int store_session_list(arena_t *a, const char *org_id, const char *user_id,
                       const unsigned char current[16], store_session_t **rows, size_t *n);

#endif
