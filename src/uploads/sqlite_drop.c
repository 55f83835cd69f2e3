/* sqlite_drop.c — an uploaded SQLite file deleted with its connection.
 *
 * The upload made a connection of its organization (sqlite.c); deleting the
 * upload removes that connection and DataMind's copy of the file, as
 * Metabase removes an upload's model with it. While saved queries,
 * dashboards or alerts use the connection nothing is removed: deleting it
 * would leave queries and widgets without a database and delete the alerts
 * (connections' foreign keys), so the refusal names them instead. */
#include "uploads/uploads_internal.h"
#include "core/buf.h"
#include "core/config.h"
#include "query/query.h"
#include "store/audit.h"
#include "store/connections.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* 'saved query "A", dashboard "B" and 2 private items of other members'. */
static const char *uses_words(arena_t *a, const store_conn_use_t *u, size_t n)
{
    buf_t b = {0};
    size_t hidden = 0, shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (!u[i].visible) {
            hidden++;
            continue;
        }
        buf_printf(&b, "%s%s \u201c%s\u201d", shown++ ? ", " : "", u[i].kind, u[i].name);
    }
    if (hidden)
        buf_printf(&b, "%s%zu private item%s of other members", shown ? " and " : "", hidden,
                   hidden == 1 ? "" : "s");
    const char *s = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

int uploads_sqlite_drop(arena_t *a, const char *org_id, const char *user_id,
                        const char *upload_id, const char *conn_id, const char **refusal,
                        char *err, size_t errlen)
{
    store_conn_t c;
    *refusal = NULL;
    if (store_conn_get(a, org_id, conn_id, &c) < 0) /* already gone: only the file */
        c.kind = NULL;
    if (c.kind && strcmp(c.kind, "sqlite") == 0) {
        size_t n;
        store_conn_use_t *uses = store_conn_uses(a, org_id, conn_id, user_id, &n);
        if (n > 0) {
            *refusal = arena_printf(a, "Its connection \u201c%s\u201d is used by %s. Delete those or"
                                       " point them at another connection first.",
                                    c.name, uses_words(a, uses, n));
            return 1;
        }
        if (store_conn_delete(a, org_id, conn_id) < 0) {
            snprintf(err, errlen, "the connection could not be deleted");
            return -1;
        }
        query_pool_drop(conn_id);
        store_audit_record(a, org_id, user_id, "connection.delete", "connection", conn_id,
                           json_pack("{s:s, s:s}", "name", c.name, "upload", upload_id), NULL);
    }
    const char *path = arena_printf(a, "%s/%s/%s.db", cfg->sqlite_dir, org_id, upload_id);
    if (unlink(path) < 0 && errno != ENOENT) {
        snprintf(err, errlen, "the file could not be removed (%s)", strerror(errno));
        return -1;
    }
    return 0;
}
