/* chats.c — chat sessions and their messages. A session belongs to one
 * user; nobody else (not even an admin) reads it. */
#include "store/chats.h"
#include "store/store_row.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MINE "s.org_id = $1 AND s.user_id = $2"

/* One session: the columns chat_from_result reads, in its order. */
#define CHAT_COLS                                                                             \
    "s.id, s.title, s.is_pinned, s.connection_id, coalesce(c.name, ''),"                     \
    " to_char(s.updated_at, 'YYYY-MM-DD HH24:MI')"                                            \
    " FROM chat_sessions s LEFT JOIN connections c ON c.id = s.connection_id"

static void chat_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_chat_t *c = out;
    c->id = store_row_text(a, res, i, 0);
    c->title = store_row_text(a, res, i, 1);
    c->is_pinned = store_row_bool(res, i, 2);
    c->connection_id = store_row_opt(a, res, i, 3);
    c->connection = store_row_text(a, res, i, 4);
    c->updated = store_row_text(a, res, i, 5);
}

int store_chat_list(arena_t *a, const char *org_id, const char *user_id, const char *search,
                    store_chat_t **rows, size_t *n)
{
    const char *p[3] = {org_id, user_id, search && *search ? search : NULL};
    *rows = store_rows_fetch(
        a,
        "SELECT " CHAT_COLS
        " WHERE " MINE " AND ($3::text IS NULL OR s.title ILIKE '%' || $3 || '%')"
        " ORDER BY s.is_pinned DESC, s.updated_at DESC LIMIT 200",
        3, p, sizeof **rows, chat_from_result, n);
    return *rows ? 0 : -1;
}

int store_chat_get(arena_t *a, const char *org_id, const char *user_id, const char *id,
                   store_chat_t *out)
{
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, user_id, id};
    return store_row_fetch(a, "SELECT " CHAT_COLS " WHERE " MINE " AND s.id = $3", 3, p,
                           chat_from_result, out);
}

json_t *store_chat_json(const store_chat_t *c)
{
    return json_pack("{s:s, s:s, s:b, s:s?, s:s, s:s}", "id", c->id, "title", c->title,
                     "is_pinned", c->is_pinned, "connection_id", c->connection_id, "connection",
                     c->connection, "updated", c->updated);
}

static json_t *any_json(const void *c)
{
    return store_chat_json(c);
}

json_t *store_chat_list_json(const store_chat_t *rows, size_t n)
{
    return store_rows_json(rows, n, sizeof *rows, any_json);
}

int store_chat_create(arena_t *a, const char *org_id, const char *user_id, const char *conn_id,
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

int store_chat_rename(arena_t *a, const char *org_id, const char *user_id, const char *id,
                      const char *title)
{
    if (!db_is_uuid(id))
        return -1;
    const char *p[4] = {org_id, user_id, id, title};
    return changed(a, "UPDATE chat_sessions s SET title = $4 WHERE " MINE " AND s.id = $3", 4, p);
}

int store_chat_pin(arena_t *a, const char *org_id, const char *user_id, const char *id,
                   int pinned)
{
    if (!db_is_uuid(id))
        return -1;
    const char *p[4] = {org_id, user_id, id, pinned ? "true" : "false"};
    return changed(a, "UPDATE chat_sessions s SET is_pinned = $4::boolean WHERE " MINE
                      " AND s.id = $3", 4, p);
}

int store_chat_delete(arena_t *a, const char *org_id, const char *user_id, const char *id)
{
    if (!db_is_uuid(id))
        return -1;
    const char *p[3] = {org_id, user_id, id};
    return changed(a, "DELETE FROM chat_sessions s WHERE " MINE " AND s.id = $3", 3, p);
}

int store_chat_set_connection(arena_t *a, const char *org_id, const char *user_id,
                              const char *id, const char *conn_id)
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


/* One message: the columns message_from_result reads, in its order (the
 * JSON columns as text, parsed back). */
#define MESSAGE_COLS                                                                          \
    "m.id, m.session_id, m.role, m.content, m.sql_text, m.plan::text,"                        \
    " m.result_preview::text, m.row_count, m.truncated, m.chart_config::text,"                \
    " m.clarify::text, m.confidence, m.timings::text, m.token_usage::text, m.error_message,"  \
    " m.context_summary, m.understood, to_char(m.created_at, 'YYYY-MM-DD HH24:MI')"

static void message_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_message_t *m = out;
    memset(m, 0, sizeof *m);
    m->id = store_row_text(a, res, i, 0);
    m->session_id = store_row_text(a, res, i, 1);
    m->role = store_row_text(a, res, i, 2);
    m->content = store_row_text(a, res, i, 3);
    m->sql_text = store_row_opt(a, res, i, 4);
    m->plan = store_row_json(a, res, i, 5);
    m->result_preview = store_row_json(a, res, i, 6);
    int has;
    m->row_count = store_row_ll(res, i, 7, &has);
    m->has_row_count = has;
    m->truncated = store_row_bool(res, i, 8);
    m->chart_config = store_row_json(a, res, i, 9);
    m->clarify = store_row_json(a, res, i, 10);
    m->confidence = store_row_double(res, i, 11, &has);
    m->has_confidence = has;
    m->timings = store_row_json(a, res, i, 12);
    m->token_usage = store_row_json(a, res, i, 13);
    m->error_message = store_row_opt(a, res, i, 14);
    m->context_summary = store_row_opt(a, res, i, 15);
    m->understood = store_row_opt(a, res, i, 16);
    m->created = store_row_opt(a, res, i, 17);
}

int store_message_list(arena_t *a, const char *org_id, const char *session_id,
                       store_message_t **rows, size_t *n)
{
    const char *p[2] = {org_id, session_id};
    *rows = store_rows_fetch(a,
                             "SELECT " MESSAGE_COLS " FROM chat_messages m"
                             " WHERE m.org_id = $1 AND m.session_id = $2"
                             " ORDER BY m.created_at, m.id",
                             2, p, sizeof **rows, message_from_result, n);
    return *rows ? 0 : -1;
}

/* A message with its session's connection and title and the question it
 * answers (store_message_get's extra columns). */
static void answer_from_result(arena_t *a, const PGresult *res, int i, void *out)
{
    store_message_t *m = out;
    message_from_result(a, res, i, m);
    m->connection_id = store_row_opt(a, res, i, 18);
    m->title = store_row_opt(a, res, i, 19);
    m->question = store_row_opt(a, res, i, 20);
}

int store_message_get(arena_t *a, const char *org_id, const char *user_id, const char *msg_id,
                      store_message_t *out)
{
    if (!db_is_uuid(msg_id))
        return -1;
    const char *p[3] = {org_id, user_id, msg_id};
    return store_row_fetch(
        a,
        "SELECT " MESSAGE_COLS ", s.connection_id, s.title,"
        " (SELECT q.content FROM chat_messages q WHERE q.session_id = m.session_id"
        "  AND q.role = 'user' AND q.created_at <= m.created_at ORDER BY q.created_at DESC LIMIT 1)"
        " FROM chat_messages m JOIN chat_sessions s ON s.id = m.session_id"
        " WHERE " MINE " AND m.id = $3",
        3, p, answer_from_result, out);
}

/* A JSON column as its text parameter, or NULL. */
static const char *json_param(arena_t *a, const json_t *v)
{
    if (!v || json_is_null(v))
        return NULL;
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    const char *out = arena_strdup(a, s);
    free(s);
    return out;
}

int store_message_add(arena_t *a, const char *org_id, const char *session_id,
                      const store_message_t *m, char **id)
{
    const char *p[17] = {
        org_id, session_id, m->role, m->content, m->sql_text, json_param(a, m->plan),
        json_param(a, m->result_preview),
        m->has_row_count ? arena_printf(a, "%lld", m->row_count) : NULL,
        m->truncated ? "true" : "false", json_param(a, m->chart_config),
        json_param(a, m->clarify),
        m->has_confidence ? arena_printf(a, "%.17g", m->confidence) : NULL,
        json_param(a, m->timings), json_param(a, m->token_usage), m->error_message,
        m->context_summary, m->understood};
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

/* A text field of the answer document; a number or flag as its text. */
static const char *doc_text(arena_t *a, const json_t *doc, const char *key)
{
    const json_t *v = json_object_get(doc, key);
    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return arena_strdup(a, json_string_value(v));
    return json_param(a, v);
}

/* A free-form JSON field of the answer document, shared with the arena. */
static json_t *doc_json(arena_t *a, const json_t *doc, const char *key)
{
    json_t *v = json_object_get(doc, key);
    if (!v || json_is_null(v))
        return NULL;
    arena_defer_json(a, json_incref(v));
    return v;
}

/* A number of the answer document (a JSON number, or its text). */
static bool doc_number(const json_t *doc, const char *key, double *out)
{
    const json_t *v = json_object_get(doc, key);
    char *end = NULL;
    if (json_is_number(v))
        *out = json_number_value(v);
    else if (json_is_string(v) && *json_string_value(v))
        *out = strtod(json_string_value(v), &end);
    else
        return false;
    return !json_is_string(v) || *end == '\0';
}

void store_message_from_json(arena_t *a, const json_t *doc, store_message_t *out)
{
    memset(out, 0, sizeof *out);
    out->id = doc_text(a, doc, "id");
    out->session_id = doc_text(a, doc, "session_id");
    out->role = doc_text(a, doc, "role");
    out->content = doc_text(a, doc, "content");
    out->sql_text = doc_text(a, doc, "sql_text");
    out->plan = doc_json(a, doc, "plan");
    out->result_preview = doc_json(a, doc, "result_preview");
    double v;
    if ((out->has_row_count = doc_number(doc, "row_count", &v)))
        out->row_count = json_is_integer(json_object_get(doc, "row_count"))
                             ? (long long)json_integer_value(json_object_get(doc, "row_count"))
                             : (long long)v;
    out->truncated = json_is_true(json_object_get(doc, "truncated"));
    out->chart_config = doc_json(a, doc, "chart_config");
    out->clarify = doc_json(a, doc, "clarify");
    if ((out->has_confidence = doc_number(doc, "confidence", &v)))
        out->confidence = v;
    out->timings = doc_json(a, doc, "timings");
    out->token_usage = doc_json(a, doc, "token_usage");
    out->error_message = doc_text(a, doc, "error_message");
    out->context_summary = doc_text(a, doc, "context_summary");
    out->understood = doc_text(a, doc, "understood");
}

json_t *store_message_json(const store_message_t *m)
{
    json_t *o = json_pack(
        "{s:s?, s:s?, s:s?, s:s?, s:s?, s:O?, s:O?, s:o, s:b, s:O?, s:O?, s:o, s:O?, s:O?,"
        " s:s?, s:s?, s:s?, s:s?}",
        "id", m->id, "session_id", m->session_id, "role", m->role, "content", m->content,
        "sql_text", m->sql_text, "plan", m->plan, "result_preview", m->result_preview,
        "row_count", m->has_row_count ? json_integer((json_int_t)m->row_count) : json_null(),
        "truncated", m->truncated, "chart_config", m->chart_config, "clarify", m->clarify,
        "confidence", m->has_confidence ? json_real(m->confidence) : json_null(), "timings",
        m->timings, "token_usage", m->token_usage, "error_message", m->error_message,
        "context_summary", m->context_summary, "understood", m->understood, "created",
        m->created);
    return o;
}
