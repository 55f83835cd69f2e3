/* answer.c — chat_answer: one chat turn (chat.h), on the shared path of
 * question.c, run through query_run, stored as an assistant message. */
#include "chat/chat_internal.h"
#include "ask/insight.h"
#include "core/config.h"
#include "core/buf.h"
#include "core/log.h"
#include "query/query.h"
#include "store/chats.h"
#include "store/connections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) * 1e3 + (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

static json_t *failure(const char *content, const char *error)
{
    return json_pack("{s:s, s:s, s:s?}", "role", "assistant", "content", content,
                     "error_message", error);
}

/* The plan of the last assistant message that had one: follow-ups edit it. */
static const json_t *last_plan(const store_message_t *history, size_t n)
{
    for (size_t i = n; i-- > 0;)
        if (json_is_object(history[i].plan))
            return history[i].plan;
    return NULL;
}

static double round1(double ms)
{
    return (double)(long)(ms * 10 + 0.5) / 10;
}

static json_t *clarification(const ask_plan_result_t *p, double plan_ms)
{
    const char *msg = json_string_value(json_object_get(p->clarify, "message"));
    return json_pack("{s:s, s:s, s:O?, s:f, s:{s:f}, s:s?}", "role", "assistant", "content",
                     msg ? msg : "Could you say that more precisely?", "clarify", p->clarify,
                     "confidence", p->confidence, "timings", "plan_ms", round1(plan_ms),
                     "context_summary", p->understood);
}

static json_t *answered(arena_t *a, const chat_turn_t *t, const ask_plan_result_t *p,
                        json_t *result, double plan_ms, double query_ms, double total_ms)
{
    insight_t ins;
    chat_explain(a, p, result, &ins);
    chat_stage_rows(a, t, result);
    chat_stage_chart(a, t, ins.chart);
    json_t *msg = json_pack(
        "{s:s, s:s, s:s, s:O, s:o, s:O, s:O, s:O, s:f, s:{s:f, s:f, s:f, s:O}, s:s}",
        "role", "assistant", "content", ins.text ? ins.text : "", "sql_text", p->sql,
        "plan", p->plan, "result_preview", chat_result_preview(result),
        "row_count", json_object_get(result, "row_count"),
        "truncated", json_object_get(result, "truncated"),
        "chart_config", ins.chart,
        "confidence", p->confidence,
        "timings", "plan_ms", round1(plan_ms), "query_ms", round1(query_ms), "total_ms",
        round1(total_ms), "cached",
        json_object_get(result, "cached"),
        "context_summary", ins.summary ? ins.summary : (p->understood ? p->understood : ""));
    if (p->understood && *p->understood)  /* shown under the answer: how it was read */
        json_object_set_new(msg, "understood", json_string(p->understood));
    if (p->show_sql)
        json_object_set_new(msg, "show_sql", json_true());
    insight_free(&ins);
    return msg;
}

/* The LLM's answer, or the planner's clarification saying why the LLM did
 * not help; the tokens it used are on the message either way. */
static json_t *llm_or_clarify(arena_t *a, const chat_turn_t *t, const store_conn_t *c,
                              const ask_schema_t *schema, const ask_plan_result_t *p,
                              long start_ms, double plan_ms)
{
    char lerr[512] = "";
    llm_usage_t usage = {0};
    json_t *msg = chat_llm_answer(a, t, c, schema, p, start_ms, &usage, lerr, sizeof lerr);
    if (msg)
        return msg;
    msg = clarification(p, plan_ms);
    const char *base = json_string_value(json_object_get(msg, "content"));
    json_object_set_new(msg, "content", json_string(arena_printf(
        a, "%s (An AI model was asked too, but %s.)", base, lerr)));
    json_object_set_new(msg, "llm_error", json_string(lerr));
    if (usage.attempts > 0)
        json_object_set_new(msg, "token_usage", chat_usage_json(&usage));
    return msg;
}

/* chat_question_t's second look, on the turn's connection (lookup.c). */
typedef struct lookup_ctx {
    arena_t *a;
    const chat_turn_t *t;
    const store_conn_t *c;
    const json_t *prev_plan;
} lookup_ctx_t;

static void lookup_again(void *ctx, ask_plan_result_t *p)
{
    lookup_ctx_t *l = ctx;
    chat_plan_lookup(l->a, l->t, l->c, l->prev_plan, p);
}

json_t *chat_answer(arena_t *a, const chat_turn_t *t)
{
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long start_ms = llm_now_ms(); /* the question's LLM deadline counts from here */
    char err[1024];
    const char *q = t->question ? t->question : "";
    if (!*q)
        return failure("Ask a question about your data, for example “How many orders per month?”",
                       NULL);
    if (strlen(q) > CHAT_QUESTION_MAX)
        return failure("That question is too long: keep it under 2,000 characters.", NULL);
    store_conn_t c;
    if (!t->conn_id || store_conn_get(a, t->org_id, t->conn_id, &c) < 0)
        return failure("Pick a connection to ask about.", NULL);
    const ask_schema_t *schema = chat_schema(a, t->org_id, &c, err, sizeof err);
    if (!schema) /* say what the asker can do: viewers cannot fix a connection */
        return failure(arena_printf(a, "%s. %s", err, t->can_manage
            ? "Open the connection, check it with “Test” and press “Refresh schema”."
            : "An analyst or admin of your organization can fix it; meanwhile pick another "
              "database above."), err);
    ask_plan_result_t p;
    chat_route_t route;
    lookup_ctx_t lc = {a, t, &c, last_plan(t->history, t->nhistory)};
    chat_question_t cq = {schema, q, lc.prev_plan, lookup_again, &lc};
    if (chat_question_plan(&cq, &p, &route, NULL, err, sizeof err) < 0) {
        ask_plan_result_free(&p);
        return failure("DataMind could not read that question (is it valid text?).", err);
    }
    double plan_ms = ms_since(&t0);
    chat_stage(a, t, "understood", p.understood && *p.understood ? p.understood : q);
    json_t *msg;
    if (route == CHAT_ROUTE_LLM) {
        msg = llm_or_clarify(a, t, &c, schema, &p, start_ms, plan_ms);
    } else if (route == CHAT_ROUTE_CLARIFY) {
        msg = clarification(&p, plan_ms);
    } else {
        query_opts_t o = {.source = "chat"};
        query_outcome_t out;
        struct timespec tq;
        clock_gettime(CLOCK_MONOTONIC, &tq);
        chat_stage(a, t, "sql", p.sql);
        chat_stage(a, t, "running", "Running the query…");
        if (query_run(a, t->org_id, t->user_id, t->ip, c.id, p.sql, &o, &out, err, sizeof err) < 0) {
            msg = json_pack("{s:s, s:s, s:s, s:O, s:s, s:s?}", "role", "assistant", "content",
                            "The query for this question failed; the SQL is below.", "sql_text",
                            p.sql, "plan", p.plan, "error_message", err, "context_summary",
                            p.understood);
        } else {
            double query_ms = ms_since(&tq);
            msg = answered(a, t, &p, out.result, plan_ms, query_ms, ms_since(&t0));
            json_decref(out.result);
        }
    }
    ask_plan_result_free(&p);
    /* the last stage: the insight, the question back, or what went wrong */
    chat_stage(a, t, "insight", json_string_value(json_object_get(msg, "content")));
    return msg;
}

json_t *chat_suggestions(arena_t *a, const char *org_id, const char *conn_id, int n)
{
    store_conn_t c;
    char err[256];
    if (!conn_id || store_conn_get(a, org_id, conn_id, &c) < 0)
        return json_array();
    const ask_schema_t *s = chat_schema(a, org_id, &c, err, sizeof err);
    return s ? ask_suggestions(s, n) : json_array();
}

int chat_rerun(arena_t *a, const char *org_id, const char *user_id, const char *ip,
               const char *conn_id, const char *sql, const char *source, json_t **result,
               char *err, size_t errlen)
{
    query_opts_t o = {.source = source};
    query_outcome_t out;
    if (query_run(a, org_id, user_id, ip, conn_id, sql, &o, &out, err, errlen) < 0)
        return -1;
    *result = out.result;
    return 0;
}
