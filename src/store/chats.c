/* chats.c — chat sessions and their messages. A session belongs to one
 * user; nobody else (not even an admin) reads it. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MINE "s.org_id = $1 AND s.user_id = $2"

json_t *chat_list(arena_t *a, const char *org_id, const char *user_id, const char *search)
{
    char err[256];
    const char *p[3] = {org_id, user_id, search && *search ? search : NULL};
    PGresult *res = db_exec(
        a,
        "SELECT s.id, s.title, s.is_pinned, s.connection_id, coalesce(c.name, '') AS connection,"
        " to_char(s.updated_at, 'YYYY-MM-DD HH24:MI') AS updated"
        " FROM chat_sessions s LEFT JOIN connections c ON c.id = s.connection_id"
        " WHERE " MINE " AND ($3::text IS NULL OR s.title ILIKE '%' || $3 || '%')"
        " ORDER BY s.is_pinned DESC, s.updated_at DESC LIMIT 200",
        3, p, err, sizeof err);
    return res ? db_rows_json(res) : json_array();
}

json_t *chat_get(arena_t *a, const char *org_id, const char *user_id, const char *id)
{
    char err[256];
    if (!db_is_uuid(id))
        return NULL;
    const char *p[3] = {org_id, user_id, id};
    PGresult *res = db_exec(a,
                            "SELECT s.id, s.title, s.is_pinned, s.connection_id,"
                            " coalesce(c.name, '') AS connection"
                            " FROM chat_sessions s LEFT JOIN connections c ON c.id = s.connection_id"
                            " WHERE " MINE " AND s.id = $3",
                            3, p, err, sizeof err);
    return res && PQntuples(res) == 1 ? db_row_json(res, 0) : NULL;
}

int chat_create(arena_t *a, const char *org_id, const char *user_id, const char *conn_id,
                const char *title, char **id)
{
    char err[256];
    const char *p[4] = {org_id, user_id, conn_id && db_is_uuid(conn_id) ? conn_id : NULL, title};
    PGresult *res = db_exec(
        a,
        "INSERT INTO chat_sessions (org_id, user_id, connection_id, title)"
        " VALUES ($1, $2, (SELECT id FROM connections WHERE org_id = $1 AND id = $3::uuid), $4)"
        " RETURNING id",
        4, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    *id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

static int changed(arena_t *a, const char *sql, int n, const char *const *p)
{
    char err[256];
    PGresult *res = db_exec(a, sql, n, p, err, sizeof err);
    return res && atoi(PQcmdTuples(res)) == 1 ? 0 : -1;
}

int chat_rename(arena_t *a, const char *org_id, const char *user_id, const char *id,
                const char *title)
{
    if (!db_is_uuid(id))
        return -1;
    const char *p[4] = {org_id, user_id, id, title};
    return changed(a, "UPDATE chat_sessions s SET title = $4 WHERE " MINE " AND s.id = $3", 4, p);
}

int chat_pin(arena_t *a, const char *org_id, const char *user_id, const char *id, int pinned)
{
    if (!db_is_uuid(id))
        return -1;
    const char *p[4] = {org_id, user_id, id, pinned ? "true" : "false"};
    return changed(a, "UPDATE chat_sessions s SET is_pinned = $4::boolean WHERE " MINE
                      " AND s.id = $3", 4, p);
}

int chat_delete(arena_t *a, const char *org_id, const char *user_id, const char *id)
{
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, user_id, id};
    return changed(a, "DELETE FROM chat_sessions s WHERE " MINE " AND s.id = $3", 3, p);
}

int chat_set_connection(arena_t *a, const char *org_id, const char *user_id, const char *id,
                        const char *conn_id)
{
    if (!db_is_uuid(id) || !db_is_uuid(conn_id))
        return -1;
    const char *p[4] = {org_id, user_id, id, conn_id};
    return changed(a,
                   "UPDATE chat_sessions s SET connection_id ="
                   " (SELECT id FROM connections WHERE org_id = $1 AND id = $4::uuid)"
                   " WHERE " MINE " AND s.id = $3",
                   4, p);
}

#define MESSAGE_COLS                                                                          \
    "m.id, m.role, m.content, m.sql_text, m.plan::text AS plan,"                              \
    " m.result_preview::text AS result_preview, m.row_count, m.truncated,"                   \
    " m.chart_config::text AS chart_config, m.clarify::text AS clarify, m.confidence,"       \
    " m.timings::text AS timings, m.token_usage::text AS token_usage, m.error_message,"      \
    " m.context_summary, m.understood, to_char(m.created_at, 'YYYY-MM-DD HH24:MI') AS created,"  \
    " m.session_id"

/* The *::text JSON columns, parsed back into JSON values in place. */
static void parse_json_fields(json_t *row)
{
    static const char *const keys[] = {"plan", "result_preview", "chart_config", "clarify",
                                       "timings", "token_usage"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *s = json_string_value(json_object_get(row, keys[i]));
        if (s)
            json_object_set_new(row, keys[i], json_loads(s, JSON_DECODE_ANY, NULL));
    }
}

json_t *chat_messages(arena_t *a, const char *org_id, const char *session_id)
{
    char err[256];
    const char *p[2] = {org_id, session_id};
    PGresult *res = db_exec(a,
                            "SELECT " MESSAGE_COLS " FROM chat_messages m"
                            " WHERE m.org_id = $1 AND m.session_id = $2 ORDER BY m.created_at, m.id",
                            2, p, err, sizeof err);
    json_t *rows = res ? db_rows_json(res) : json_array();
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) parse_json_fields(row);
    return rows;
}

static const char *json_field(arena_t *a, const json_t *msg, const char *key)
{
    const json_t *v = json_object_get(msg, key);
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_boolean(v))
        return json_is_true(v) ? "true" : "false";
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    const char *out = arena_strdup(a, s);
    free(s);
    return out;
}

int chat_add_message(arena_t *a, const char *org_id, const char *session_id, const json_t *msg,
                     char **id)
{
    static const char *const keys[] = {"role", "content", "sql_text", "plan", "result_preview",
                                       "row_count", "truncated", "chart_config", "clarify",
                                       "confidence", "timings", "token_usage", "error_message",
                                       "context_summary", "understood"};
    const char *p[17] = {org_id, session_id};
    for (size_t i = 0; i < 15; i++)
        p[i + 2] = json_field(a, msg, keys[i]);
    if (!p[8])
        p[8] = "false";
    char err[512];
    PGresult *res = db_exec(
        a,
        "WITH m AS (INSERT INTO chat_messages (org_id, session_id, role, content, sql_text, plan,"
        " result_preview, row_count, truncated, chart_config, clarify, confidence, timings,"
        " token_usage, error_message, context_summary, understood)"
        " SELECT $1, s.id, $3, $4, $5, $6::jsonb, $7::jsonb, $8::bigint, $9::boolean, $10::jsonb,"
        " $11::jsonb, $12::real, $13::jsonb, $14::jsonb, $15, $16, $17"
        " FROM chat_sessions s WHERE s.org_id = $1 AND s.id = $2 RETURNING id),"
        " t AS (UPDATE chat_sessions SET updated_at = now() WHERE org_id = $1 AND id = $2)"
        " SELECT id FROM m",
        17, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return -1;
    if (id)
        *id = arena_strdup(a, db_get(res, 0, 0));
    return 0;
}

json_t *chat_message_get(arena_t *a, const char *org_id, const char *user_id, const char *msg_id)
{
    char err[256];
    if (!db_is_uuid(msg_id))
        return NULL;
    const char *p[3] = {org_id, user_id, msg_id};
    PGresult *res = db_exec(
        a,
        "SELECT " MESSAGE_COLS ", s.connection_id, s.title,"
        " (SELECT q.content FROM chat_messages q WHERE q.session_id = m.session_id"
        "  AND q.role = 'user' AND q.created_at <= m.created_at ORDER BY q.created_at DESC LIMIT 1) AS question"
        " FROM chat_messages m JOIN chat_sessions s ON s.id = m.session_id"
        " WHERE " MINE " AND m.id = $3",
        3, p, err, sizeof err);
    if (!res || PQntuples(res) != 1)
        return NULL;
    json_t *row = db_row_json(res, 0);
    parse_json_fields(row);
    return row;
}
