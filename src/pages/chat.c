/* chat.c — ask questions in plain English: sessions, messages, answers. */
#include "pages/pages.h"
#include "auth/auth.h"
#include "chat/chat.h"
#include "live/live.h"
#include "store/chats.h"
#include "store/connections.h"
#include "store/audit.h"

#include "tmpl/tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A message as template data: chart drawn, table paged, flags. */
static json_t *message_view(req_t *r, const store_message_t *msg, const char *conn_id)
{
    json_t *m = store_message_json(msg);
    json_object_set_new(m, "is_user", json_boolean(msg->role && strcmp(msg->role, "user") == 0));
    const json_t *res = msg->result_preview;
    if (res && json_is_object(res)) {
        json_t *table = result_table(res, 0, 100);
        json_object_set_new(table, "total_words", json_string(page_count_words(
            r, json_object_get(table, "total"), "row", "rows")));
        json_object_set_new(m, "table", table);
        json_object_set_new(m, "chart", result_chart_from(res, msg->chart_config));
    }
    const char *sql = msg->sql_text;
    if (sql && conn_id) {
        buf_t b = {0};
        buf_printf(&b, "/explore?connection=%s&sql=", conn_id);
        http_url_encode(&b, sql);
        json_object_set_new(m, "explore_url", json_string(buf_str(&b)));
        buf_free(&b);
    }
    /* an answer the LLM wrote says so, with the model's name (plan: free-form JSON) */
    const json_t *plan = msg->plan;
    const char *kind = json_string_value(json_object_get(plan, "kind"));
    if (kind && strcmp(kind, "llm") == 0) {
        const char *model = json_string_value(json_object_get(plan, "model"));
        json_object_set_new(m, "llm_written", json_pack("{s:s}", "model",
                                                        model && *model ? model : "unnamed model"));
    }
    if (msg->has_row_count) {
        json_t *n = json_integer((json_int_t)msg->row_count);
        json_object_set_new(m, "row_count_words", json_string(page_count_words(r, n, "row", "rows")));
        json_decref(n);
    }
    return m;
}

static json_t *messages_view(req_t *r, const char *org, const char *sid, const char *conn_id)
{
    store_message_t *rows;
    size_t n;
    store_message_list(r->arena, org, sid, &rows, &n);
    json_t *msgs = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(msgs, message_view(r, &rows[i], conn_id));
    return msgs;
}

static json_t *connection_options(req_t *r, const char *selected, const char **chosen)
{
    store_conn_t *rows;
    size_t n;
    store_conn_list(r->arena, r->user->org_id, &rows, &n);
    *chosen = NULL;
    for (size_t i = 0; i < n && !*chosen; i++)
        if (selected && strcmp(selected, rows[i].id) == 0)
            *chosen = rows[i].id;
    /* no choice: the first connection whose tables DataMind has read (one
     * that failed its test or its schema read would answer nothing) */
    for (size_t i = 0; i < n && !*chosen; i++)
        if (rows[i].tables > 0)
            *chosen = rows[i].id;
    if (!*chosen && n)
        *chosen = rows[0].id;
    return store_conn_list_json(rows, n, *chosen);
}

static json_t *chat_ctx(req_t *r, const char *title, const char *conn_sel, const char **conn)
{
    json_t *ctx = page_ctx(r, title, "chat");
    const char *q = http_query(r, "q");
    store_chat_t *sessions;
    size_t n;
    store_chat_list(r->arena, r->user->org_id, r->user->id, q, &sessions, &n);
    json_object_set_new(ctx, "sessions", store_chat_list_json(sessions, n));
    json_object_set_new(ctx, "q", json_string(q ? q : ""));
    json_t *conns = connection_options(r, conn_sel, conn);
    json_object_set_new(ctx, "no_connections", json_boolean(json_array_size(conns) == 0));
    json_object_set_new(ctx, "connections", conns);
    if (r->user->role >= ROLE_ANALYST) /* for "Pin to dashboard" */
        json_object_set_new(ctx, "dashboards", dashboard_list_view(r));
    if (live_enabled()) { /* this page's questions push their stages to it */
        unsigned char key[SESSION_ID_BYTES];
        char hex[33];
        session_id_new(key);
        session_id_hex(key, hex);
        json_object_set_new(ctx, "live_key", json_string(hex));
        json_object_set_new(ctx, "live_chat", json_string(live_channel_item(
            r->arena, r->user->org_id, r->user->id, "chat", hex)));
    }
    return ctx;
}

void page_chat(req_t *r)
{
    const char *conn = NULL;
    json_t *ctx = chat_ctx(r, "Chat", http_query(r, "connection"), &conn);
    if (conn) {
        json_t *sugg = chat_suggestions(r->arena, r->user->org_id, conn, 6);
        json_object_set_new(ctx, "suggestions", sugg);
        json_object_set_new(ctx, "connection_id", json_string(conn));
    }
    json_object_set_new(ctx, "empty", json_true());
    page_render(r, "chat", ctx);
}

void page_chat_session(req_t *r)
{
    const char *sid = http_route_param(r, "id");
    store_chat_t s;
    if (store_chat_get(r->arena, r->user->org_id, r->user->id, sid, &s) < 0) {
        page_error(r, 404, "There is no such chat (or it belongs to someone else).");
        return;
    }
    const char *conn = s.connection_id;
    const char *chosen = NULL;
    json_t *ctx = chat_ctx(r, s.title, conn, &chosen);
    json_t *msgs = messages_view(r, r->user->org_id, sid, conn);
    if (json_array_size(msgs) == 0 && chosen)
        json_object_set_new(ctx, "suggestions", chat_suggestions(r->arena, r->user->org_id, chosen, 6));
    json_object_set_new(ctx, "empty", json_boolean(json_array_size(msgs) == 0));
    json_object_set_new(ctx, "messages", msgs);
    json_object_set_new(ctx, "session", store_chat_json(&s));
    json_object_set_new(ctx, "connection_id", json_string(chosen ? chosen : ""));
    page_render(r, "chat", ctx);
}

/* "Revenue by month this year" → the session title (first 80 characters). */
static const char *title_of(req_t *r, const char *q)
{
    size_t n = strlen(q), cut = n > 80 ? 80 : n;
    while (cut < n && cut > 0 && ((unsigned char)q[cut] & 0xc0) == 0x80)
        cut--; /* not inside a UTF-8 sequence */
    return arena_printf(r->arena, "%.*s%s", (int)cut, q, cut < n ? "…" : "");
}

void page_chat_ask(req_t *r)
{
    form_t f;
    form_open(&f, r);
    const char *question = form_text(&f, "message", "Question", 0, 100000);
    const char *sid = http_param(r, "session_id");
    const char *conn = http_param(r, "connection_id");
    const char *live_key = http_param(r, "live_key"); /* the asking page's stage channel */
    form_close(&f);
    store_chat_t s;
    char *new_id = NULL;
    if (sid && *sid) {
        if (store_chat_get(r->arena, r->user->org_id, r->user->id, sid, &s) < 0) {
            page_error(r, 404, "There is no such chat (or it belongs to someone else).");
            return;
        }
        if (conn && *conn)
            store_chat_set_connection(r->arena, r->user->org_id, r->user->id, sid, conn);
        else
            conn = s.connection_id;
    } else {
        if (!question || !*question) {
            page_flash(r, "error", "Type a question first.");
            http_redirect(r, 303, "/chat");
            return;
        }
        if (store_chat_create(r->arena, r->user->org_id, r->user->id, conn, title_of(r, question), &new_id) < 0) {
            page_error(r, 500, "The chat could not be started. Try again.");
            return;
        }
        sid = new_id;
    }
    store_message_t *history, user_msg = {.role = "user", .content = question ? question : ""}, am;
    size_t nhistory;
    store_message_list(r->arena, r->user->org_id, sid, &history, &nhistory);
    store_message_add(r->arena, r->user->org_id, sid, &user_msg, NULL);
    chat_turn_t t = {.org_id = r->user->org_id, .user_id = r->user->id, .ip = r->remote_addr,
                     .conn_id = conn, .question = question, .history = history,
                     .nhistory = nhistory, .prompts = app_templates,
                     .can_manage = r->user->role >= ROLE_ANALYST,
                     .live_channel = live_key && *live_key && live_enabled()
                         ? live_channel_item(r->arena, r->user->org_id, r->user->id, "chat", live_key)
                         : NULL};
    json_t *answer = chat_answer(r->arena, &t);
    store_message_from_json(r->arena, answer, &am);
    char *mid = NULL;
    store_message_add(r->arena, r->user->org_id, sid, &am, &mid);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "chat.ask", "chat_session", sid,
                 json_pack("{s:s, s:s?, s:O?}", "question", question ? question : "", "sql",
                           am.sql_text, "llm_tokens", am.token_usage),
                 r->remote_addr);
    if (r->htmx && !new_id) { /* append the turn to the page */
        am.id = mid ? mid : "";
        json_t *av = message_view(r, &am, conn);
        if (json_is_true(json_object_get(answer, "show_sql"))) /* this once, not stored */
            json_object_set_new(av, "show_sql", json_true());
        json_t *ctx = page_ctx(r, "Chat", "chat");
        json_object_set_new(ctx, "messages", json_pack("[o, o]", message_view(r, &user_msg, conn), av));
        json_object_set_new(ctx, "session", json_pack("{s:s}", "id", sid));
        json_object_set_new(ctx, "connection_id", json_string(conn ? conn : ""));
        if (r->user->role >= ROLE_ANALYST)
            json_object_set_new(ctx, "dashboards", dashboard_list_view(r));
        page_render_bare(r, "chat_messages", ctx, NULL);
        json_decref(answer);
        return;
    }
    json_decref(answer);
    http_redirect(r, 303, arena_printf(r->arena, "/chat/%s%s%s", sid, mid ? "#m-" : "", mid ? mid : ""));
}

static void session_change(req_t *r, int rc, const char *action, const char *ok, const char *next)
{
    const char *sid = http_route_param(r, "id");
    if (rc < 0) {
        page_error(r, 404, "There is no such chat (or it belongs to someone else).");
        return;
    }
    store_audit_record(r->arena, r->user->org_id, r->user->id, action, "chat_session", sid, NULL,
                 r->remote_addr);
    page_flash(r, "ok", ok);
    http_redirect(r, 303, next);
}

void page_chat_rename(req_t *r)
{
    form_t f;
    form_open(&f, r);
    const char *title = form_text(&f, "title", "Title", 1, 200);
    int ok = form_ok(&f);
    form_close(&f);
    const char *sid = http_route_param(r, "id");
    if (!ok) {
        page_error(r, 400, "A chat title is 1 to 200 characters.");
        return;
    }
    session_change(r, store_chat_rename(r->arena, r->user->org_id, r->user->id, sid, title),
                   "chat.rename", "Chat renamed.", arena_printf(r->arena, "/chat/%s", sid));
}

void page_chat_pin(req_t *r)
{
    const char *sid = http_route_param(r, "id");
    const char *v = http_param(r, "pinned");
    int pin = v && strcmp(v, "1") == 0;
    session_change(r, store_chat_pin(r->arena, r->user->org_id, r->user->id, sid, pin), "chat.pin",
                   pin ? "Chat pinned." : "Chat unpinned.", arena_printf(r->arena, "/chat/%s", sid));
}

void page_chat_delete(req_t *r)
{
    const char *sid = http_route_param(r, "id");
    session_change(r, store_chat_delete(r->arena, r->user->org_id, r->user->id, sid), "chat.delete",
                   "Chat deleted.", "/chat");
}
