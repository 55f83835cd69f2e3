/* orgs.c — an organization as a whole: limits and usage, chat retention,
 * deletion (orgs.h). */
#include "store/orgs.h"
#include "store/db.h"
#include "store/store_row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const org_cols =
    "SELECT o.id, o.slug, o.name, to_char(o.created_at, 'YYYY-MM-DD'), o.max_users,"
    " o.max_connections, (SELECT count(*) FROM users u WHERE u.org_id = o.id),"
    " (SELECT count(*) FROM connections c WHERE c.org_id = o.id),"
    " coalesce(o.chat_retention_days, 0) FROM organizations o";

static void org_from_result(arena_t *a, const PGresult *r, int i, void *p)
{
    store_org_t *o = p;
    o->id = store_row_text(a, r, i, 0);
    o->slug = store_row_text(a, r, i, 1);
    o->name = store_row_text(a, r, i, 2);
    o->created = store_row_text(a, r, i, 3);
    o->max_users = atoi(PQgetvalue(r, i, 4));
    o->max_connections = atoi(PQgetvalue(r, i, 5));
    o->users = atol(PQgetvalue(r, i, 6));
    o->connections = atol(PQgetvalue(r, i, 7));
    o->retention_days = atoi(PQgetvalue(r, i, 8));
}

static int pct(long used, int limit)
{
    if (limit <= 0)
        return 100;
    long p = used * 100 / limit;
    return p > 100 ? 100 : (int)p;
}

json_t *store_org_json(const store_org_t *o)
{
    /* retention_days null when chats are kept: a template's section skips it */
    return json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:I, s:I, s:o, s:i, s:i, s:b, s:b}", "id",
                     o->id, "slug", o->slug, "name", o->name, "created", o->created, "max_users",
                     o->max_users, "max_connections", o->max_connections, "users",
                     (json_int_t)o->users, "connections", (json_int_t)o->connections,
                     "retention_days",
                     o->retention_days > 0 ? json_integer(o->retention_days) : json_null(),
                     "users_pct",
                     pct(o->users, o->max_users), "connections_pct",
                     pct(o->connections, o->max_connections), "users_full",
                     o->users >= o->max_users, "connections_full",
                     o->connections >= o->max_connections);
}

int store_org_get(arena_t *a, const char *org_id, store_org_t *out)
{
    if (!db_is_uuid(org_id))
        return -1;
    const char *p[1] = {org_id};
    return store_row_fetch(a, arena_printf(a, "%s WHERE o.id = $1", org_cols), 1, p,
                           org_from_result, out);
}

int store_org_list(arena_t *a, store_org_t **rows, size_t *n)
{
    *rows = store_rows_fetch(a, arena_printf(a, "%s ORDER BY o.slug", org_cols), 0, NULL,
                             sizeof **rows, org_from_result, n);
    return *rows ? 0 : -1;
}

int store_org_set_limits(arena_t *a, const char *slug, int max_users, int max_connections,
                         const char **org_id, char *err, size_t errlen)
{
    const char *p[3] = {slug, arena_printf(a, "%d", max_users),
                        arena_printf(a, "%d", max_connections)};
    PGresult *res = db_exec(a,
                            "UPDATE organizations SET"
                            " max_users = CASE WHEN $2::integer < 0 THEN max_users ELSE $2::integer END,"
                            " max_connections = CASE WHEN $3::integer < 0 THEN max_connections"
                            " ELSE $3::integer END, updated_at = now() WHERE slug = $1 RETURNING id",
                            3, p, err, errlen);
    if (!res)
        return -1;
    if (PQntuples(res) != 1)
        return 404;
    *org_id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

int store_org_set_retention(arena_t *a, const char *org_id, int days, char *err, size_t errlen)
{
    const char *p[2] = {org_id, days > 0 ? arena_printf(a, "%d", days) : NULL};
    PGresult *res = db_exec(a,
                            "UPDATE organizations SET chat_retention_days = $2::integer,"
                            " updated_at = now() WHERE id = $1",
                            2, p, err, errlen);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

int store_org_delete(arena_t *a, const char *org_id, const char *name, char *err, size_t errlen)
{
    const char *p[2] = {org_id, name ? name : ""};
    PGresult *res = db_exec(a, "DELETE FROM organizations WHERE id = $1 AND name = $2", 2, p, err,
                            errlen);
    if (!res)
        return -1;
    return atoi(PQcmdTuples(res)) == 1 ? 0 : 1;
}
