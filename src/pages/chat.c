/* chat.c — ask questions in plain English: sessions, messages, answers. */
#include "pages/pages.h"
#include "auth/auth.h"
#include "chat/chat.h"
#include "live/live.h"
#include "store/connections.h"
#include "store/store.h"

#include "tmpl/tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern tmpl_set_t *app_templates; /* app.c */

/* A stored message as template data: chart drawn, table paged, flags. */
static void message_view(req_t *r, json_t *m, const char *conn_id)
{
    const char *role = json_string_value(json_object_get(m, "role"));
    json_object_set_new(m, "is_user", json_boolean(role && strcmp(role, "user") == 0));
    const json_t *res = json_object_get(m, "result_preview");
    if (res && json_is_object(res)) {
        json_t *table = result_table(res, 0, 100);
        json_object_set_new(table, "total_words", json_string(page_count_words(
            r, json_object_get(table, "total"), "row", "rows")));
        json_object_set_new(m, "table", table);
        json_object_set_new(m, "chart", result_chart_from(res, json_object_get(m, "chart_config")));
    }
    const char *sql = json_string_value(json_object_get(m, "sql_text"));
    if (sql && conn_id) {
        buf_t b = {0};
        buf_printf(&b, "/explore?connection=%s&sql=", conn_id);
        http_url_encode(&b, sql);
        json_object_set_new(m, "explore_url", json_string(buf_str(&b)));
        buf_free(&b);
    }
    /* an answer the LLM wrote says so, with the model's name */
    const json_t *plan = json_object_get(m, "plan");
    const char *kind = json_string_value(json_object_get(plan, "kind"));
    if (kind && strcmp(kind, "llm") == 0) {
        const char *model = json_string_value(json_object_get(plan, "model"));
        json_object_set_new(m, "llm_written", json_pack("{s:s}", "model",
                                                        model && *model ? model : "unnamed model"));
    }
    if (json_object_get(m, "row_count"))
        json_object_set_new(m, "row_count_words", json_string(page_count_words(
            r, json_object_get(m, "row_count"), "row", "rows")));
}

static json_t *messages_view(req_t *r, const char *org, const char *sid, const char *conn_id)
{
    json_t *msgs = chat_messages(r->arena, org, sid);
    size_t i;
    json_t *m;
    json_array_foreach(msgs, i, m) message_view(r, m, conn_id);
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
    json_object_set_new(ctx, "sessions", chat_list(r->arena, r->user->org_id, r->user->id, q));
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
    json_t *s = chat_get(r->arena, r->user->org_id, r->user->id, sid);
    if (!s) {
        page_error(r, 404, "There is no such chat (or it belongs to someone else).");
        return;
    }
    const char *conn = json_string_value(json_object_get(s, "connection_id"));
    const char *chosen = NULL;
    json_t *ctx = chat_ctx(r, json_string_value(json_object_get(s, "title")), conn, &chosen);
    json_t *msgs = messages_view(r, r->user->org_id, sid, conn);
    if (json_array_size(msgs) == 0 && chosen)
        json_object_set_new(ctx, "suggestions", chat_suggestions(r->arena, r->user->org_id, chosen, 6));
    json_object_set_new(ctx, "empty", json_boolean(json_array_size(msgs) == 0));
    json_object_set_new(ctx, "messages", msgs);
    json_object_set_new(ctx, "session", s);
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
    json_t *s = NULL;
    char *new_id = NULL;
    if (sid && *sid) {
        s = chat_get(r->arena, r->user->org_id, r->user->id, sid);
        if (!s) {
            page_error(r, 404, "There is no such chat (or it belongs to someone else).");
            return;
        }
        if (conn && *conn)
            chat_set_connection(r->arena, r->user->org_id, r->user->id, sid, conn);
        else
            conn = json_string_value(json_object_get(s, "connection_id"));
    } else {
        if (!question || !*question) {
            page_flash(r, "error", "Type a question first.");
            http_redirect(r, 303, "/chat");
            return;
        }
        if (chat_create(r->arena, r->user->org_id, r->user->id, conn, title_of(r, question), &new_id) < 0) {
            page_error(r, 500, "The chat could not be started. Try again.");
            return;
        }
        sid = new_id;
    }
    json_t *history = chat_messages(r->arena, r->user->org_id, sid);
    json_t *user_msg = json_pack("{s:s, s:s}", "role", "user", "content", question ? question : "");
    chat_add_message(r->arena, r->user->org_id, sid, user_msg, NULL);
    chat_turn_t t = {.org_id = r->user->org_id, .user_id = r->user->id, .ip = r->remote_addr,
                     .conn_id = conn, .question = question, .history = history,
                     .prompts = app_templates, .can_manage = r->user->role >= ROLE_ANALYST,
                     .live_channel = live_key && *live_key && live_enabled()
                         ? live_channel_item(r->arena, r->user->org_id, r->user->id, "chat", live_key)
                         : NULL};
    json_t *answer = chat_answer(r->arena, &t);
    char *mid = NULL;
    chat_add_message(r->arena, r->user->org_id, sid, answer, &mid);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "chat.ask", "chat_session", sid,
                 json_pack("{s:s, s:O?, s:O?}", "question", question ? question : "", "sql",
                           json_object_get(answer, "sql_text"), "llm_tokens",
                           json_object_get(answer, "token_usage")),
                 r->remote_addr);
    if (r->htmx && !new_id) { /* append the turn to the page */
        message_view(r, user_msg, conn);
        json_object_set_new(answer, "id", json_string(mid ? mid : ""));
        message_view(r, answer, conn);
        json_t *ctx = page_ctx(r, "Chat", "chat");
        json_object_set_new(ctx, "messages", json_pack("[o, o]", user_msg, answer));
        json_object_set_new(ctx, "session", json_pack("{s:s}", "id", sid));
        json_object_set_new(ctx, "connection_id", json_string(conn ? conn : ""));
        if (r->user->role >= ROLE_ANALYST)
            json_object_set_new(ctx, "dashboards", dashboard_list_view(r));
        page_render_bare(r, "chat_messages", ctx, NULL);
        json_decref(history);
        return;
    }
    json_decref(user_msg);
    json_decref(answer);
    json_decref(history);
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
    session_change(r, chat_rename(r->arena, r->user->org_id, r->user->id, sid, title),
                   "chat.rename", "Chat renamed.", arena_printf(r->arena, "/chat/%s", sid));
}

void page_chat_pin(req_t *r)
{
    const char *sid = http_route_param(r, "id");
    const char *v = http_param(r, "pinned");
    int pin = v && strcmp(v, "1") == 0;
    session_change(r, chat_pin(r->arena, r->user->org_id, r->user->id, sid, pin), "chat.pin",
                   pin ? "Chat pinned." : "Chat unpinned.", arena_printf(r->arena, "/chat/%s", sid));
}

void page_chat_delete(req_t *r)
{
    const char *sid = http_route_param(r, "id");
    session_change(r, chat_delete(r->arena, r->user->org_id, r->user->id, sid), "chat.delete",
                   "Chat deleted.", "/chat");
}
