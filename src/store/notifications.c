/* notifications.c — the bell: in-app notifications of one user. */
#include "store/store.h"

#include <stdlib.h>

long notif_unread(arena_t *a, const char *org_id, const char *user_id)
{
    char err[256];
    const char *p[2] = {org_id, user_id};
    PGresult *r = db_exec(a, "SELECT count(*) FROM notifications WHERE org_id = $1 AND user_id = $2"
                             " AND NOT is_read", 2, p, err, sizeof err);
    return r ? atol(db_get(r, 0, 0)) : 0;
}

json_t *notif_list(arena_t *a, const char *org_id, const char *user_id)
{
    char err[256];
    const char *p[2] = {org_id, user_id};
    PGresult *r = db_exec(a,
                          "SELECT id, title, body, link, is_read, to_char(created_at, 'YYYY-MM-DD HH24:MI') AS at"
                          " FROM notifications WHERE org_id = $1 AND user_id = $2"
                          " ORDER BY created_at DESC LIMIT 200",
                          2, p, err, sizeof err);
    return r ? db_rows_json(r) : json_array();
}

int notif_read(arena_t *a, const char *org_id, const char *user_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, user_id, id};
    PGresult *r = db_exec(a, "UPDATE notifications SET is_read = true WHERE org_id = $1 AND user_id = $2"
                             " AND id = $3", 3, p, err, sizeof err);
    return r && atoi(PQcmdTuples(r)) == 1 ? 0 : -1;
}

int notif_read_all(arena_t *a, const char *org_id, const char *user_id)
{
    char err[256];
    const char *p[2] = {org_id, user_id};
    return db_exec(a, "UPDATE notifications SET is_read = true WHERE org_id = $1 AND user_id = $2"
                      " AND NOT is_read", 2, p, err, sizeof err) ? 0 : -1;
}
