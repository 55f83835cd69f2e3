/* sessions.c — sign-in sessions. The cookie carries the id and a MAC; the
 * row is the truth: deleting it signs the cookie out everywhere. */
#include "store/sessions.h"
#include "store/accounts.h"
#include "store/db.h"
#include "store/store_row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_session_create(arena_t *a, const store_account_t *acct, const unsigned char id[16],
                         const char *ip, const char *ua, int max_days)
{
    char err[256], days[16];
    snprintf(days, sizeof days, "%d", max_days);
    char *agent = arena_strndup(a, ua ? ua : "", ua && strlen(ua) > 300 ? 300 : (ua ? strlen(ua) : 0));
    const char *p[6] = {db_bytea_param(a, id, 16), acct->org_id, acct->user_id, days, ip, agent};
    return db_exec(a,
                   "INSERT INTO sessions (id, org_id, user_id, expires_at, ip_address, user_agent)"
                   " VALUES ($1, $2, $3, now() + make_interval(days => $4::int), $5, $6)",
                   6, p, err, sizeof err)
               ? 0
               : -1;
}

/* Every request: the session, its user and the bell's unread count in one
 * prepared statement. */
static db_stmt_t q_load = {
    "session_load", "SELECT " STORE_SESSION_COLS STORE_SESSION_FROM " WHERE " STORE_SESSION_WHERE, 0};

int store_session_load(arena_t *a, const unsigned char id[16], int idle_hours,
                       store_session_auth_t *out)
{
    char err[256], hours[16];
    snprintf(hours, sizeof hours, "%d", idle_hours);
    const char *p[2] = {db_bytea_param(a, id, 16), hours};
    PGresult *res = db_exec_prepared(a, &q_load, 2, p, err, sizeof err);
    if (!res)
        return -2; /* the database did not answer: not the same as signed out */
    if (PQntuples(res) != 1)
        return -1;
    store_session_fill(a, res, 0, out);
    return 0;
}

void store_session_fill(arena_t *a, const PGresult *res, int row, store_session_auth_t *out)
{
    store_account_t *u = &out->acct;
    memset(u, 0, sizeof *u);
    u->user_id = store_row_text(a, res, row, 0);
    u->org_id = store_row_text(a, res, row, 1);
    u->org_slug = store_row_text(a, res, row, 2);
    u->org_name = store_row_text(a, res, row, 3);
    u->email = store_row_text(a, res, row, 4);
    u->full_name = store_row_text(a, res, row, 5);
    u->role = store_row_text(a, res, row, 6);
    u->is_active = 1;
    out->needs_touch = store_row_bool(res, row, 7);
    out->unread = atol(db_get(res, row, 8));
    out->theme = store_row_text(a, res, row, 9);
}

void store_session_touch(arena_t *a, const unsigned char id[16])
{
    char err[256];
    const char *p[1] = {db_bytea_param(a, id, 16)};
    db_exec(a, "UPDATE sessions SET last_seen_at = now() WHERE id = $1", 1, p, err, sizeof err);
}

void store_session_delete(arena_t *a, const unsigned char id[16])
{
    char err[256];
    const char *p[1] = {db_bytea_param(a, id, 16)};
    db_exec(a, "DELETE FROM sessions WHERE id = $1", 1, p, err, sizeof err);
}

void store_session_delete_user(arena_t *a, const char *org_id, const char *user_id,
                               const unsigned char *except)
{
    char err[256];
    const char *p[3] = {org_id, user_id, except ? db_bytea_param(a, except, 16) : NULL};
    db_exec(a,
            "DELETE FROM sessions WHERE org_id = $1 AND user_id = $2"
            " AND ($3::bytea IS NULL OR id <> $3::bytea)",
            3, p, err, sizeof err);
}

int store_session_delete_hex(arena_t *a, const char *org_id, const char *user_id, const char *hex)
{
    char err[256];
    if (!hex || strlen(hex) != 32 || strspn(hex, "0123456789abcdef") != 32)
        return -1;
    const char *p[3] = {org_id, user_id, arena_printf(a, "\\x%s", hex)};
    PGresult *res = db_exec(a, "DELETE FROM sessions WHERE org_id = $1 AND user_id = $2 AND id = $3",
                            3, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) > 0 ? 0 : -1;
}

json_t *store_session_json(const store_session_t *s)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", store_json_text(s->id));
    json_object_set_new(o, "current", json_boolean(s->current));
    json_object_set_new(o, "ip", store_json_text(s->ip));
    json_object_set_new(o, "user_agent", store_json_text(s->user_agent));
    json_object_set_new(o, "created", store_json_text(s->created));
    json_object_set_new(o, "last_seen", store_json_text(s->last_seen));
    return o;
}

int store_session_list(arena_t *a, const char *org_id, const char *user_id,
                       const unsigned char current[16], store_session_t **rows, size_t *n)
{
    char err[256];
    const char *p[3] = {org_id, user_id, db_bytea_param(a, current, 16)};
    PGresult *res = db_exec(
        a,
        "SELECT encode(id, 'hex'), id = $3, ip_address, coalesce(user_agent, ''),"
        " to_char(created_at, 'YYYY-MM-DD HH24:MI'), to_char(last_seen_at, 'YYYY-MM-DD HH24:MI')"
        " FROM sessions WHERE org_id = $1 AND user_id = $2 AND expires_at > now()"
        " ORDER BY last_seen_at DESC",
        3, p, err, sizeof err);
    *n = res ? (size_t)PQntuples(res) : 0;
    *rows = arena_alloc(a, (*n ? *n : 1) * sizeof **rows);
    for (size_t i = 0; i < *n; i++) {
        store_session_t *s = &(*rows)[i];
        s->id = store_row_text(a, res, (int)i, 0);
        s->current = store_row_bool(res, (int)i, 1);
        s->ip = store_row_opt(a, res, (int)i, 2);
        s->user_agent = store_row_text(a, res, (int)i, 3);
        s->created = store_row_text(a, res, (int)i, 4);
        s->last_seen = store_row_text(a, res, (int)i, 5);
    }
    return res ? 0 : -1;
}
