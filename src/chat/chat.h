/* chat.h — answering a question. The path every asker takes (question.c:
 * plan, look again, route to SQL / LLM / ask back, word the insight) is
 * shared by the chat, `datamind ask` and any API; chat_answer is one chat
 * turn on it (deterministic planner first, the LLM only when it is
 * configured and the planner is not sure, the SQL through query_run), and
 * returns the assistant message to store. */
#ifndef DM_CHAT_H
#define DM_CHAT_H

#include <jansson.h>


#include "ask/ask.h"
#include "ask/insight.h"
#include "ask/llm.h"
#include "core/arena.h"
#include "engine/engine.h"
#include "store/chats.h"
#include "tmpl/tmpl.h"

typedef struct chat_turn {
    const char *org_id, *user_id, *ip, *conn_id;
    const char *question;
    const store_message_t *history; /* the session's messages so far (oldest first) */
    size_t nhistory;
    const tmpl_set_t *prompts; /* holds prompts/sql and prompts/insight (LLM path) */
    int can_manage;          /* the asker may fix connections (analyst, admin): what to advise */
    const char *live_channel; /* where the answer's stages are pushed as they happen
                               * (live/live.h: understood, sql, running, rows, chart,
                               * insight); NULL: nowhere */
} chat_turn_t;

#define CHAT_QUESTION_MAX 2000

/* The assistant message as JSON (store_message_from_json reads it): role, content (the
 * insight, the clarification or what went wrong), sql_text, plan,
 * result_preview (≤ 100 rows), row_count, truncated, chart_config, clarify,
 * confidence, timings {plan_ms, query_ms, total_ms, cached}, token_usage,
 * error_message, context_summary. Never NULL: problems become a message
 * that says what to do. New reference. */
json_t *chat_answer(arena_t *a, const chat_turn_t *t);

/* Suggested first questions for a connection (from its schema). New ref. */
json_t *chat_suggestions(arena_t *a, const char *org_id, const char *conn_id, int n);

/* The full result of an answer again, for "Download CSV" and exports:
 * re-run its SQL under the row cap. 0 / -1 + err. */
int chat_rerun(arena_t *a, const char *org_id, const char *user_id, const char *ip,
               const char *conn_id, const char *sql, const char *source, json_t **result,
               char *err, size_t errlen);

/* A second look before asking back (lookup.c): p asks back over words left
 * over (p->lookups); find them among the values of conn's unsampled text
 * columns (e's lookup_values; discovered: that database's schema JSON) and
 * plan again. 1 when
 * something was found and *p replaced by the new plan or clarification,
 * else 0 (p untouched). */
int chat_plan_again(const engine_t *e, engine_conn_t *conn, const json_t *discovered,
                    const json_t *vocab, const char *question, const json_t *prev_plan,
                    ask_plan_result_t *p);

void chat_cache_clear(void); /* drop cached schemas (worker exit) */

/* ---- one question, whoever asks it (question.c) -------------------------
 * The chat (chat_answer), `datamind ask` and any API answer a question the
 * same way: chat_question_plan, then by its route the planner's SQL (run by
 * the caller, worded by chat_explain), the LLM (chat_llm_run) or the
 * planner's clarification (p->clarify). */
typedef enum { CHAT_ROUTE_SQL, CHAT_ROUTE_LLM, CHAT_ROUTE_CLARIFY } chat_route_t;

typedef struct chat_question {
    const ask_schema_t *schema;
    const char *text;
    const json_t *prev_plan;     /* the plan a follow-up edits, or NULL */
    /* A second look at words left over (chat_plan_again on the asker's
     * database), or NULL: replaces *p when it finds them. */
    void (*again)(void *ctx, ask_plan_result_t *p);
    void *ctx;
} chat_question_t;

/* Plan q into *p (free it with ask_plan_result_free either way) and say
 * which route answers it: the LLM when the planner is not sure and one is
 * configured, else the clarification when there is no SQL, else the SQL.
 * *plan_us (may be NULL) = ask_plan's own time. -1 with err when the
 * question cannot be read at all. */
int chat_question_plan(const chat_question_t *q, ask_plan_result_t *p, chat_route_t *route,
                       long *plan_us, char *err, size_t errlen);

/* The planner's answer in words: the insight of result read with the plan's
 * labels (measure, grouping, filters, top-N), and its chart config with the
 * type the question asked for (horizontal bars for a top-N list). Free with
 * insight_free. */
void chat_explain(arena_t *a, const ask_plan_result_t *p, const json_t *result, insight_t *ins);

/* ---- the LLM path (llm_path.c), shared by the chat and `datamind ask` ---- */

/* The LLM as configured (DATAMIND_LLM_*): per-call timeout
 * DATAMIND_LLM_TIMEOUT_MS, deadline start_ms (llm_now_ms() when the question
 * came) + DATAMIND_LLM_DEADLINE_MS. */
llm_config_t chat_llm_config(long start_ms);
int chat_llm_enabled(void);

/* 1 when the planner's answer stands on its own: SQL, no clarification,
 * confidence at least ASK_CONFIDENCE_MIN. Otherwise the LLM gets the
 * question (when one is configured). */
int chat_planner_sure(const ask_plan_result_t *p);

typedef struct chat_llm_request {
    const llm_config_t *llm;          /* with its deadline */
    const tmpl_set_t *prompts;        /* prompts/sql and prompts/insight */
    const ask_schema_t *schema;
    const char *question;
    const store_message_t *history;   /* the session's messages so far (oldest first) */
    size_t nhistory;
    const json_t *vocabulary;         /* [{term, description, kind, table, column,
                                         expression}] (store_vocab_load), or NULL */
    const ask_plan_result_t *plan;    /* what the planner made of it, or NULL */
    const char *const *extra;         /* the connection's extra allowed functions */
    size_t nextra;
    llm_share_t share;                /* what may be sent: the connection's level */
    llm_exec_fn exec;                 /* runs one validated statement */
    void *exec_ctx;
    const struct engine *engine;      /* the connection's: its SQL and its policy (NULL: PostgreSQL) */
} chat_llm_request_t;

typedef struct chat_llm_result {
    char *sql;         /* the validated statement that ran */
    json_t *result;    /* exec's result */
    char *insight;     /* the LLM's (at LLM_SHARE_ROWS, in time) or the deterministic one */
    json_t *chart;     /* chart config, or NULL */
    char *summary;     /* one line for the history, or NULL */
    llm_usage_t usage; /* every call, failed and refused ones included */
    int refused;       /* the validator refused its SQL */
} chat_llm_result_t;

/* Ask the LLM for SQL (schema held to rq->share; the planner's reading, the
 * previous answer's SQL), validate and run it, and write the insight.
 * 0 with *out filled, or -1 with err (out->usage still counts every call).
 * Free out with chat_llm_result_free either way. */
int chat_llm_run(const chat_llm_request_t *rq, chat_llm_result_t *out, char *err, size_t errlen);
void chat_llm_result_free(chat_llm_result_t *r);

/* {input_tokens, output_tokens, calls, attempts, ms}. New reference. */
json_t *chat_usage_json(const llm_usage_t *u);

#endif
