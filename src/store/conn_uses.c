/* conn_uses.c — what still uses a connection: the saved queries, the
 * dashboards (through their widgets) and the alerts that would lose it
 * when it is deleted (saved queries and widgets keep a NULL connection,
 * alerts are deleted with it). Used before an uploaded SQLite file and its
 * connection go away. Items the caller may not see (another member's
 * private query or dashboard) are counted, not named. */
#include "store/connections.h"
#include "store/db.h"
#include "store/store_row.h"

#include <stdlib.h>

static const char *uses_sql =
    "SELECT kind, id, name, visible FROM ("
    " SELECT 1 AS o, 'saved query' AS kind, id::text, name,"
    "        is_shared OR created_by_id = $3 AS visible, created_at"
    "   FROM saved_queries WHERE org_id = $1 AND connection_id = $2"
    " UNION ALL"
    " SELECT 2, 'dashboard', d.id::text, d.title, d.is_shared OR d.created_by_id = $3, d.created_at"
    "   FROM dashboards d WHERE d.org_id = $1 AND EXISTS (SELECT 1 FROM widgets w"
    "     WHERE w.org_id = $1 AND w.dashboard_id = d.id AND w.connection_id = $2)"
    " UNION ALL"
    " SELECT 3, 'alert', id::text, name, true, created_at"
    "   FROM alerts WHERE org_id = $1 AND connection_id = $2) u"
    " ORDER BY o, created_at LIMIT 50";

store_conn_use_t *store_conn_uses(arena_t *a, const char *org_id, const char *id,
                                  const char *user_id, size_t *n)
{
    char err[256];
    const char *p[3] = {org_id, id, user_id};
    PGresult *res = db_is_uuid(id) ? db_exec(a, uses_sql, 3, p, err, sizeof err) : NULL;
    *n = res ? (size_t)PQntuples(res) : 0;
    store_conn_use_t *rows = arena_alloc(a, (*n ? *n : 1) * sizeof *rows);
    for (size_t i = 0; i < *n; i++) {
        rows[i].kind = store_row_text(a, res, (int)i, 0);
        rows[i].id = store_row_text(a, res, (int)i, 1);
        rows[i].name = store_row_text(a, res, (int)i, 2);
        rows[i].visible = db_get(res, (int)i, 3)[0] == 't';
    }
    return rows;
}
