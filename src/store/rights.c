/* rights.c — a person's data as one document, their erasure, chat
 * retention (rights.h). */
#include "store/rights.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* $1 org, $2 user. One statement, so the document is one snapshot. */
static const char EXPORT_SQL[] =
    "SELECT json_build_object("
    " 'format', 'datamind-user-data/1', 'exported_at', now(),"
    " 'user', (SELECT json_build_object('id', u.id, 'email', u.email, 'full_name', u.full_name,"
    "   'role', u.role, 'is_active', u.is_active, 'theme', u.theme, 'created_at', u.created_at,"
    "   'last_login_at', u.last_login_at, 'organization', o.name)"
    "   FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.org_id = $1 AND u.id = $2),"
    " 'chats', coalesce((SELECT json_agg(json_build_object('id', s.id, 'title', s.title,"
    "   'connection_id', s.connection_id, 'is_pinned', s.is_pinned, 'created_at', s.created_at,"
    "   'updated_at', s.updated_at, 'messages', (SELECT coalesce(json_agg(json_build_object("
    "     'id', m.id, 'role', m.role, 'content', m.content, 'sql', m.sql_text,"
    "     'row_count', m.row_count, 'result_preview', m.result_preview,"
    "     'chart_config', m.chart_config, 'clarify', m.clarify, 'error', m.error_message,"
    "     'created_at', m.created_at) ORDER BY m.created_at), '[]')"
    "     FROM chat_messages m WHERE m.org_id = $1 AND m.session_id = s.id))"
    "   ORDER BY s.created_at) FROM chat_sessions s WHERE s.org_id = $1 AND s.user_id = $2), '[]'),"
    " 'saved_queries', coalesce((SELECT json_agg(json_build_object('id', q.id, 'name', q.name,"
    "   'description', q.description, 'sql', q.sql_text, 'params', q.params, 'tags', q.tags,"
    "   'connection_id', q.connection_id, 'is_shared', q.is_shared, 'created_at', q.created_at,"
    "   'updated_at', q.updated_at) ORDER BY q.created_at)"
    "   FROM saved_queries q WHERE q.org_id = $1 AND q.created_by_id = $2), '[]'),"
    " 'dashboards', coalesce((SELECT json_agg(json_build_object('id', d.id, 'title', d.title,"
    "   'description', d.description, 'is_shared', d.is_shared,"
    "   'refresh_minutes', d.refresh_minutes, 'created_at', d.created_at,"
    "   'updated_at', d.updated_at, 'widgets', (SELECT coalesce(json_agg(json_build_object("
    "     'id', w.id, 'title', w.title, 'kind', w.kind, 'sql', w.sql_text,"
    "     'text', w.body_markdown, 'chart_config', w.chart_config, 'params', w.params,"
    "     'connection_id', w.connection_id, 'size', w.size, 'grid_x', w.grid_x,"
    "     'grid_y', w.grid_y, 'grid_w', w.grid_w, 'grid_h', w.grid_h)"
    "     ORDER BY w.position), '[]') FROM widgets w WHERE w.org_id = $1 AND w.dashboard_id = d.id))"
    "   ORDER BY d.created_at) FROM dashboards d WHERE d.org_id = $1 AND d.created_by_id = $2), '[]'),"
    " 'query_history', coalesce((SELECT json_agg(json_build_object('sql', r.sql_text,"
    "   'params', r.params, 'connection', r.connection_name, 'status', r.status,"
    "   'error', r.error, 'started_at', r.started_at, 'duration_ms', r.duration_ms,"
    "   'row_count', r.row_count) ORDER BY r.started_at)"
    "   FROM query_runs r WHERE r.org_id = $1 AND r.user_id = $2), '[]')"
    ")::text WHERE EXISTS (SELECT 1 FROM users WHERE org_id = $1 AND id = $2)";

const char *store_rights_export(arena_t *a, const char *org_id, const char *user_id, char *err,
                                size_t errlen)
{
    if (!db_is_uuid(org_id) || !db_is_uuid(user_id)) {
        snprintf(err, errlen, "no such user");
        return NULL;
    }
    const char *p[2] = {org_id, user_id};
    PGresult *res = db_exec(a, EXPORT_SQL, 2, p, err, errlen);
    if (!res)
        return NULL;
    if (PQntuples(res) != 1) {
        snprintf(err, errlen, "no such user");
        return NULL;
    }
    return db_get(res, 0, 0);
}

/* The erasure's steps, in order: $1 org, $2 the erased user, $3 who
 * receives what was shared. Each counted into one field of the result
 * (NULL: not counted). */
typedef struct erase_step {
    const char *sql;
    size_t count; /* offsetof in store_erasure_t, or (size_t)-1 */
} erase_step_t;

#define NOCOUNT ((size_t)-1)
#define AT(f) offsetof(store_erasure_t, f)

static const erase_step_t erase_steps[] = {
    {"DELETE FROM chat_sessions WHERE org_id = $1 AND user_id = $2", AT(chats)},
    {"DELETE FROM saved_queries WHERE org_id = $1 AND created_by_id = $2 AND NOT is_shared",
     AT(private_items)},
    {"DELETE FROM dashboards WHERE org_id = $1 AND created_by_id = $2 AND NOT is_shared",
     AT(private_items)},
    {"UPDATE saved_queries SET created_by_id = $3 WHERE org_id = $1 AND created_by_id = $2",
     AT(handed_over)},
    {"UPDATE dashboards SET created_by_id = $3 WHERE org_id = $1 AND created_by_id = $2",
     AT(handed_over)},
    {"UPDATE alerts SET created_by_id = $3 WHERE org_id = $1 AND created_by_id = $2",
     AT(handed_over)},
    {"UPDATE report_schedules SET created_by_id = $3 WHERE org_id = $1 AND created_by_id = $2",
     AT(handed_over)},
    {"UPDATE connections SET created_by_id = $3 WHERE org_id = $1 AND created_by_id = $2",
     AT(handed_over)},
    {"UPDATE uploads SET user_id = $3 WHERE org_id = $1 AND user_id = $2", AT(handed_over)},
    /* the e-mail out of every row that names it (a user.create by an
     * admin, a failed sign-in), before the user row (and so the e-mail) goes */
    {"UPDATE audit_log l SET details = l.details - 'email' FROM users u"
     " WHERE u.org_id = $1 AND u.id = $2 AND l.org_id = $1"
     " AND lower(l.details->>'email') = lower(u.email)", NOCOUNT},
    {"UPDATE audit_log SET actor_erased = true, ip_address = NULL"
     " WHERE org_id = $1 AND user_id = $2", AT(audit_rows)},
    {"DELETE FROM users WHERE org_id = $1 AND id = $2", NOCOUNT},
};

static int erase_run(arena_t *a, const char *const p[3], store_erasure_t *done, char *err,
                     size_t errlen)
{
    for (size_t i = 0; i < sizeof erase_steps / sizeof erase_steps[0]; i++) {
        int n = strstr(erase_steps[i].sql, "$3") ? 3 : 2; /* each names what it uses */
        PGresult *res = db_exec(a, erase_steps[i].sql, n, p, err, errlen);
        if (!res)
            return -1;
        if (erase_steps[i].count != NOCOUNT)
            *(long *)((char *)done + erase_steps[i].count) += atol(PQcmdTuples(res));
    }
    return 0;
}

int store_rights_erase(arena_t *a, const char *org_id, const char *user_id,
                       const char *to_user_id, store_erasure_t *done, char *err, size_t errlen)
{
    memset(done, 0, sizeof *done);
    if (!db_is_uuid(user_id))
        return 404;
    if (db_begin(err, errlen) < 0)
        return -1;
    const char *p[3] = {org_id, user_id, to_user_id};
    PGresult *lock = db_exec(a, "SELECT 1 FROM users WHERE org_id = $1 AND id = $2 FOR UPDATE", 2,
                             p, err, errlen);
    if (!lock || PQntuples(lock) == 0) {
        db_rollback();
        return lock ? 404 : -1;
    }
    if (erase_run(a, p, done, err, errlen) < 0) {
        db_rollback();
        return -1;
    }
    return db_commit(err, errlen);
}

long store_rights_purge_chats(arena_t *a, int batch)
{
    char err[256];
    const char *p[1] = {arena_printf(a, "%d", batch)};
    PGresult *res = db_exec(a,
                            "DELETE FROM chat_sessions WHERE id IN (SELECT s.id FROM chat_sessions s"
                            " JOIN organizations o ON o.id = s.org_id"
                            " WHERE o.chat_retention_days IS NOT NULL AND s.updated_at < now()"
                            " - make_interval(days => o.chat_retention_days) LIMIT $1::integer)",
                            1, p, err, sizeof err);
    return res ? strtol(PQcmdTuples(res), NULL, 10) : -1;
}
