/* notifications.c — the bell: in-app notifications of one user. */
#include "store/notifications.h"
#include "store/db.h"
#include "store/store_row.h"

#include <stdlib.h>

long store_notif_unread(arena_t *a, const char *org_id, const char *user_id)
{
    char err[256];
    const char *p[2] = {org_id, user_id};
    PGresult *r = db_exec(a, "SELECT count(*) FROM notifications WHERE org_id = $1 AND user_id = $2"
                             " AND NOT is_read", 2, p, err, sizeof err);
    return r ? atol(db_get(r, 0, 0)) : 0;
}

/* One notification's columns, in the order notif_from_result reads them. */
static const char *const notif_cols =
    "SELECT id, title, body, link, is_read, to_char(created_at, 'YYYY-MM-DD HH24:MI')"
    " FROM notifications";

static void notif_from_result(arena_t *a, const PGresult *r, int i, store_notif_t *out)
{
    out->id = store_row_text(a, r, i, 0);
    out->title = store_row_text(a, r, i, 1);
    out->body = store_row_text(a, r, i, 2);
    out->link = store_row_opt(a, r, i, 3);
    out->is_read = store_row_bool(r, i, 4);
    out->at = store_row_text(a, r, i, 5);
}

json_t *store_notif_json(const store_notif_t *n)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", store_json_text(n->id));
    json_object_set_new(o, "title", store_json_text(n->title));
    json_object_set_new(o, "body", store_json_text(n->body));
    json_object_set_new(o, "link", store_json_text(n->link));
    json_object_set_new(o, "is_read", json_boolean(n->is_read));
    json_object_set_new(o, "at", store_json_text(n->at));
    return o;
}

int store_notif_list(arena_t *a, const char *org_id, const char *user_id, store_notif_t **rows,
                     size_t *n)
{
    char err[256];
    const char *p[2] = {org_id, user_id};
    PGresult *r = db_exec(a,
                          arena_printf(a, "%s WHERE org_id = $1 AND user_id = $2"
                                          " ORDER BY created_at DESC LIMIT 200", notif_cols),
                          2, p, err, sizeof err);
    *n = r ? (size_t)PQntuples(r) : 0;
    *rows = arena_alloc(a, (*n ? *n : 1) * sizeof **rows);
    for (size_t i = 0; i < *n; i++)
        notif_from_result(a, r, (int)i, &(*rows)[i]);
    return r ? 0 : -1;
}

int store_notif_read(arena_t *a, const char *org_id, const char *user_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, user_id, id};
    PGresult *r = db_exec(a, "UPDATE notifications SET is_read = true WHERE org_id = $1 AND user_id = $2"
                             " AND id = $3", 3, p, err, sizeof err);
    return r && atoi(PQcmdTuples(r)) == 1 ? 0 : -1;
}

int store_notif_read_all(arena_t *a, const char *org_id, const char *user_id)
{
    char err[256];
    const char *p[2] = {org_id, user_id};
    return db_exec(a, "UPDATE notifications SET is_read = true WHERE org_id = $1 AND user_id = $2"
                      " AND NOT is_read", 2, p, err, sizeof err) ? 0 : -1;
}
