/* chat.c — ask questions in plain English: sessions, messages, answers. */
#include "pages/pages.h"
#include "auth/auth.h"
#include "chat/chat.h"
#include "core/config.h"
#include "jobs/jobs.h"
#include "live/live.h"
#include "tasks/tasks.h"
#include "store/chats.h"
#include "store/connections.h"
#include "store/audit.h"

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
        /* drill-down: a header sorts, a bar, slice or point filters, on the
         * answer's rows page */
        const char *rows = msg->id ? arena_printf(r->arena, "/chat/messages/%s/rows", msg->id) : NULL;
        if (rows)
            result_table_sort_links(r, table, rows, NULL, NULL, 0);
        json_object_set_new(m, "table", table);
        json_object_set_new(m, "chart", result_chart_drill(res, msg->chart_config,
                                                           rows ? arena_printf(r->arena, "%s?", rows) : NULL));
        const char *ctype = json_string_value(json_object_get(msg->chart_config, "type"));
        if (rows && ctype && strcmp(ctype, "kpi") == 0)
            json_object_set_new(m, "behind_href", json_string(arena_printf(r->arena, "%s?behind=1", rows)));
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

/* Where the answering job of a question stands: done (mid, the stored
 * answer; show_sql when the question asked to see the SQL, said this once
 * and not stored), failed (why, in words), or still working (both NULL). */
typedef struct answer_state {
    const char *mid, *why;
    int show_sql;
} answer_state_t;

/* Waits up to wait_ms for the job's outcome. */
static answer_state_t answer_state(req_t *r, const char *job_id, int wait_ms)
{
    answer_state_t st = {0};
    const json_t *o = jobs_outcome_wait(r->arena, job_id, wait_ms);
    if (!o) {
        const char *error = NULL;
        jobs_where_t w = jobs_find(r->arena, job_id, &error);
        if (w == JOBS_DEAD)
            st.why = arena_printf(r->arena, "The answer could not be finished (%s). Ask again.",
                                  error ? error : "no reason given");
        else if (w == JOBS_GONE && !(o = jobs_outcome_wait(r->arena, job_id, 0)))
            st.why = "The answer could not be finished (its worker may have restarted). Ask again.";
    }
    if (o) {
        st.mid = json_string_value(json_object_get(o, "message_id"));
        st.show_sql = json_is_true(json_object_get(o, "show_sql"));
        if (!st.mid)
            st.why = json_string_value(json_object_get(o, "error"));
    }
    return st;
}

static json_t *failed_answer(req_t *r, const char *why)
{
    store_message_t m = {.role = "assistant", .content = "DataMind could not answer this question.",
                         .error_message = why};
    return message_view(r, &m, NULL);
}

/* A question still being answered: its place in the page, following the
 * job (htmx asks again every second; without JavaScript the page reloads). */
static void add_pending(req_t *r, json_t *ctx, const char *sid, const char *job_id)
{
    json_object_set_new(ctx, "pending", json_pack("{s:s}", "url",
                        arena_printf(r->arena, "/chat/jobs/%s", job_id)));
    json_object_set_new(ctx, "refresh_nojs", json_string(arena_printf(
        r->arena, "1;url=/chat/%s?job=%s", sid, job_id)));
}

/* ?job=<id> on a session page: the question of that job, if it is still
 * being answered (or failed), shown at the end. */
static void session_job(req_t *r, json_t *ctx, json_t *msgs, const char *sid)
{
    const char *job = http_query(r, "job");
    json_t *q = job ? tasks_query_job(r->arena, r->user->org_id, r->user->id, job) : NULL;
    const char *qsid = json_string_value(json_object_get(q, "session_id"));
    if (qsid && strcmp(qsid, sid) == 0) {
        answer_state_t st = answer_state(r, job, 0);
        if (st.why)
            json_array_append_new(msgs, failed_answer(r, st.why));
        else if (!st.mid)
            add_pending(r, ctx, sid, job);
        const char *ch = json_string_value(json_object_get(q, "live_channel"));
        const char *key = ch ? strrchr(ch, '.') : NULL;
        if (!st.mid && !st.why && key && live_enabled()) {
            /* its stages go to the page that asked: this page listens there */
            json_object_set_new(ctx, "live_chat", json_string(ch));
            json_object_set_new(ctx, "live_key", json_string(key + 1));
        }
    }
    json_decref(q);
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
    session_job(r, ctx, msgs, sid);
    if (json_array_size(msgs) == 0 && chosen)
        json_object_set_new(ctx, "suggestions", chat_suggestions(r->arena, r->user->org_id, chosen, 6));
    json_object_set_new(ctx, "empty", json_boolean(json_array_size(msgs) == 0));
    json_object_set_new(ctx, "messages", msgs);
    json_object_set_new(ctx, "session", store_chat_json(&s));
    json_object_set_new(ctx, "connection_id", json_string(chosen ? chosen : ""));
    page_render(r, "chat", ctx);
}

/* What the chat_messages fragment needs around a turn. */
static json_t *turn_ctx(req_t *r, const char *sid, const char *conn)
{
    json_t *ctx = page_ctx(r, "Chat", "chat");
    json_object_set_new(ctx, "session", json_pack("{s:s}", "id", sid));
    json_object_set_new(ctx, "connection_id", json_string(conn ? conn : ""));
    if (r->user->role >= ROLE_ANALYST)
        json_object_set_new(ctx, "dashboards", dashboard_list_view(r));
    return ctx;
}

/* The answer of a turn into msgs: the stored message, the failure, or
 * (still working) the place that follows the job. */
static void turn_answer(req_t *r, json_t *ctx, json_t *msgs, const char *sid, const char *conn,
                        const char *jid, const answer_state_t *st)
{
    store_message_t am;
    if (st->mid && store_message_get(r->arena, r->user->org_id, r->user->id, st->mid, &am) == 0) {
        json_t *av = message_view(r, &am, conn);
        if (st->show_sql)
            json_object_set_new(av, "show_sql", json_true());
        json_array_append_new(msgs, av);
    } else if (st->why || st->mid) {
        json_array_append_new(msgs, failed_answer(r, st->why ? st->why : "The answer was not found."));
    } else {
        add_pending(r, ctx, sid, jid);
    }
}

/* "Revenue by month this year" → the session title (first 80 characters). */
const char *page_chat_title(req_t *r, const char *q)
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
        if (store_chat_create(r->arena, r->user->org_id, r->user->id, conn, page_chat_title(r, question), &new_id) < 0) {
            page_error(r, 500, "The chat could not be started. Try again.");
            return;
        }
        sid = new_id;
    }
    store_message_t user_msg = {.role = "user", .content = question ? question : ""};
    char *qid = NULL, jid[33], err[256];
    if (store_message_add(r->arena, r->user->org_id, sid, &user_msg, &qid) < 0) {
        page_error(r, 503, "The question could not be saved. Try again in a moment.");
        return;
    }
    user_msg.id = qid;
    /* the answering (planning, LLM calls, the query, the insight) is a job */
    tasks_chat_t c = {.org_id = r->user->org_id, .user_id = r->user->id, .ip = r->remote_addr,
                      .connection_id = conn, .session_id = sid, .question_id = qid,
                      .question = question ? question : "",
                      .can_manage = r->user->role >= ROLE_ANALYST,
                      .live_channel = live_key && *live_key && live_enabled()
                          ? live_channel_item(r->arena, r->user->org_id, r->user->id, "chat", live_key)
                          : NULL};
    if (tasks_chat_submit(r->arena, &c, jid, err, sizeof err) < 0) {
        page_error(r, 503, "DataMind cannot answer right now (its job queue is not reachable). "
                           "Ask again in a moment.");
        return;
    }
    answer_state_t st = answer_state(r, jid, cfg->query_wait_ms);
    if (r->htmx && !new_id) { /* append the turn (or its place) to the page */
        json_t *ctx = turn_ctx(r, sid, conn);
        json_t *msgs = json_pack("[o]", message_view(r, &user_msg, conn));
        turn_answer(r, ctx, msgs, sid, conn, jid, &st);
        json_object_set_new(ctx, "messages", msgs);
        page_render_bare(r, "chat_messages", ctx, NULL);
        return;
    }
    if (st.mid)
        http_redirect(r, 303, arena_printf(r->arena, "/chat/%s#m-%s", sid, st.mid));
    else
        http_redirect(r, 303, arena_printf(r->arena, "/chat/%s?job=%s", sid, jid));
}

/* GET /chat/jobs/{id}: the answer of a question being answered, for the
 * place it holds in the page (htmx), or the session page without htmx. */
void page_chat_job(req_t *r)
{
    const char *jid = http_route_param(r, "id");
    json_t *q = tasks_query_job(r->arena, r->user->org_id, r->user->id, jid);
    const char *sid = json_string_value(json_object_get(q, "session_id"));
    if (!sid) {
        json_decref(q);
        page_error(r, 404, "That question is no longer being answered here. Open the chat again.");
        return;
    }
    sid = arena_strdup(r->arena, sid);
    const char *conn = json_string_value(json_object_get(q, "connection_id"));
    conn = conn ? arena_strdup(r->arena, conn) : NULL;
    json_decref(q);
    answer_state_t st = answer_state(r, jid, 0);
    if (!r->htmx) {
        http_redirect(r, 303, st.mid ? arena_printf(r->arena, "/chat/%s#m-%s", sid, st.mid)
                                     : arena_printf(r->arena, "/chat/%s?job=%s", sid, jid));
        return;
    }
    json_t *ctx = turn_ctx(r, sid, conn);
    json_t *msgs = json_array();
    turn_answer(r, ctx, msgs, sid, conn, jid, &st);
    json_object_set_new(ctx, "messages", msgs);
    page_render_bare(r, "chat_messages", ctx, NULL);
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
