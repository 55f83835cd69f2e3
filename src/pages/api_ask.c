/* api_ask.c — POST /api/v1/ask and GET /api/v1/ask/jobs/{id}: a question
 * in plain English answered as the chat page answers it (the same chat
 * sessions, the same chat.answer job of the worker). The request waits for
 * the job up to DATAMIND_QUERY_WAIT_MS, like the chat page: then 200 and
 * the answer, or 202 and the job's status URL to ask again. The chats
 * themselves: GET /api/v1/chats and /api/v1/chats/{id} (its turns). */
#include "pages/pages.h"
#include "pages/api_internal.h"
#include "core/config.h"
#include "jobs/jobs.h"
#include "store/chats.h"
#include "store/connections.h"
#include "tasks/tasks.h"

#include <string.h>

static json_t *copy_or_empty(const json_t *v)
{
    return v ? json_deep_copy(v) : json_array();
}

/* The stored answer as the API gives it. New reference. */
static json_t *answer_json(const store_message_t *m, const char *chat_id, int show_sql)
{
    const json_t *res = m->result_preview;
    const char *status = m->error_message ? "failed" : m->clarify ? "clarify" : "answered";
    json_t *o = json_pack("{s:s, s:s, s:s}", "status", status, "chat_id", chat_id, "message_id",
                          m->id);
    json_object_set_new(o, "answer", json_string(m->content ? m->content : ""));
    json_object_set_new(o, "sql", m->sql_text ? json_string(m->sql_text) : json_null());
    json_object_set_new(o, "columns", copy_or_empty(json_object_get(res, "columns")));
    json_object_set_new(o, "rows", copy_or_empty(json_object_get(res, "rows")));
    json_object_set_new(o, "row_count", m->has_row_count ? json_integer(m->row_count) : json_null());
    json_object_set_new(o, "truncated", json_boolean(m->truncated));
    json_object_set_new(o, "chart", m->chart_config ? json_deep_copy(m->chart_config) : json_null());
    /* answer: what DataMind wrote; insight: the same, when it answered */
    json_object_set_new(o, "insight", strcmp(status, "answered") == 0 && m->content
                                          ? json_string(m->content) : json_null());
    json_object_set_new(o, "understood", m->understood ? json_string(m->understood) : json_null());
    json_object_set_new(o, "clarify", m->clarify ? json_deep_copy(m->clarify) : json_null());
    json_object_set_new(o, "error", m->error_message ? json_string(m->error_message) : json_null());
    json_object_set_new(o, "show_sql", json_boolean(show_sql));
    return o;
}

/* The answer of job jid (of chat sid), waiting up to wait_ms: 200 with
 * it, 202 while the worker answers, or 200 with status "failed". */
static void reply_job(req_t *r, const char *jid, const char *sid, int wait_ms)
{
    const char *why = NULL;
    const json_t *o = page_job_outcome(r, jid, wait_ms, "The answer", &why);
    const char *mid = json_string_value(json_object_get(o, "message_id"));
    store_message_t m;
    if (mid && store_message_get(r->arena, r->user->org_id, r->user->id, mid, &m) == 0) {
        api_reply(r, 200, answer_json(&m, sid, json_is_true(json_object_get(o, "show_sql"))));
        return;
    }
    if (o || why) {
        const char *e = why ? why : json_string_value(json_object_get(o, "error"));
        api_reply(r, 200, json_pack("{s:s, s:s, s:s, s:s}", "status", "failed", "chat_id", sid,
                                    "job_id", jid, "error", e ? e : "The answer was not found."));
        return;
    }
    api_running(r, jid, arena_printf(r->arena, "/api/v1/ask/jobs/%s", jid),
                json_pack("{s:s}", "chat_id", sid));
}

/* The chat the question goes to: chat_id's (404 when not the user's) or
 * a new one on conn. NULL with the error answered. */
static const char *chat_for(req_t *r, const char *chat_id, const char **conn, const char *question)
{
    store_chat_t s;
    if (chat_id) {
        if (store_chat_get(r->arena, r->user->org_id, r->user->id, chat_id, &s) < 0) {
            api_error(r, 404, NULL, "There is no such chat (or it belongs to someone else).");
            return NULL;
        }
        if (*conn)
            store_chat_set_connection(r->arena, r->user->org_id, r->user->id, chat_id, *conn);
        else
            *conn = s.connection_id;
        return chat_id;
    }
    char *id = NULL;
    if (store_chat_create(r->arena, r->user->org_id, r->user->id, *conn, page_chat_title(r, question),
                          &id) < 0) {
        api_error(r, 503, NULL, "The chat could not be started. Try again.");
        return NULL;
    }
    return id;
}

void api_ask(req_t *r)
{
    json_t *body = api_body(r);
    const char *question, *conn, *chat_id;
    if (!body || api_str(r, body, "question", 100000, &question) < 0 ||
        api_str(r, body, "connection_id", 36, &conn) < 0 ||
        api_str(r, body, "chat_id", 36, &chat_id) < 0)
        return;
    if (!question || !*question) {
        api_error(r, 422, NULL, "\"question\" is required: what do you want to know?");
        return;
    }
    store_conn_t c;
    if (conn && store_conn_get(r->arena, r->user->org_id, conn, &c) < 0) {
        api_error(r, 404, NULL, "There is no such connection in your organization.");
        return;
    }
    if (!conn && !chat_id) {
        api_error(r, 422, NULL, "\"connection_id\" is required for a new chat (GET "
                                "/api/v1/connections lists them).");
        return;
    }
    const char *sid = chat_for(r, chat_id, &conn, question);
    if (!sid)
        return;
    store_message_t q = {.role = "user", .content = question};
    char *qid = NULL, jid[33], err[256];
    if (store_message_add(r->arena, r->user->org_id, sid, &q, &qid) < 0) {
        api_error(r, 503, NULL, "The question could not be saved. Try again in a moment.");
        return;
    }
    tasks_chat_t t = {.org_id = r->user->org_id, .user_id = r->user->id, .ip = r->remote_addr,
                      .connection_id = conn, .session_id = sid, .question_id = qid,
                      .question = question, .can_manage = r->user->role >= ROLE_ANALYST};
    if (tasks_chat_submit(r->arena, &t, jid, err, sizeof err) < 0) {
        api_error(r, 503, NULL, "DataMind cannot answer right now (its job queue is not "
                                "reachable). Ask again in a moment.");
        return;
    }
    reply_job(r, jid, sid, cfg->query_wait_ms);
}

/* GET /api/v1/chats: the user's chats (pinned first, then the latest);
 * ?q= searches their titles. */
void api_chats(req_t *r)
{
    store_chat_t *rows;
    size_t n;
    if (store_chat_list(r->arena, r->user->org_id, r->user->id, http_query(r, "q"), &rows, &n) < 0) {
        api_error(r, 503, NULL, PAGE_DB_DOWN);
        return;
    }
    api_reply_page(r, store_chat_list_json(rows, n));
}

/* GET /api/v1/chats/{id}: one of the user's chats and its turns: the
 * questions ({"role": "user", "question"}) and the answers as ask gives
 * them, oldest first. */
void api_chat(req_t *r)
{
    store_chat_t c;
    store_message_t *rows;
    size_t n;
    if (store_chat_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &c) < 0) {
        api_error(r, 404, NULL, "There is no such chat (or it belongs to someone else).");
        return;
    }
    store_message_list(r->arena, r->user->org_id, c.id, &rows, &n);
    json_t *msgs = json_array();
    for (size_t i = 0; i < n; i++) {
        const store_message_t *m = &rows[i];
        json_t *o = strcmp(m->role, "user") == 0
                        ? json_pack("{s:s, s:s, s:s}", "message_id", m->id, "question",
                                    m->content ? m->content : "", "status", "asked")
                        : answer_json(m, c.id, 0);
        json_object_set_new(o, "role", json_string(m->role));
        json_object_set_new(o, "created", m->created ? json_string(m->created) : json_null());
        json_array_append_new(msgs, o);
    }
    json_t *o = store_chat_json(&c);
    json_object_set_new(o, "messages", msgs);
    api_reply(r, 200, o);
}

void api_ask_job(req_t *r)
{
    const char *jid = http_route_param(r, "id");
    json_t *q = tasks_query_job(r->arena, r->user->org_id, r->user->id, jid);
    const char *sid = json_string_value(json_object_get(q, "session_id"));
    if (!sid) {
        json_decref(q);
        api_error(r, 404, NULL, "There is no such question being answered (job ids are kept for "
                                "an hour).");
        return;
    }
    sid = arena_strdup(r->arena, sid);
    json_decref(q);
    reply_job(r, jid, sid, 0);
}
