/* chat.h — one chat turn, end to end: plan the question (deterministic
 * planner first, the LLM only when it is configured and the planner is not
 * sure), run the SQL through the query module, write the insight and pick
 * the chart, and return the assistant message to store. */
#ifndef DM_CHAT_H
#define DM_CHAT_H

#include <jansson.h>

#include "core/arena.h"
#include "tmpl/tmpl.h"

typedef struct chat_turn {
    const char *org_id, *user_id, *ip, *conn_id;
    const char *question;
    const json_t *history;   /* the session's messages so far (oldest first), or NULL */
    const tmpl_set_t *prompts; /* holds prompts/sql and prompts/insight (LLM path) */
    int can_manage;          /* the asker may fix connections (analyst, admin): what to advise */
} chat_turn_t;

#define CHAT_QUESTION_MAX 2000

/* The assistant message as JSON for chat_add_message: role, content (the
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

void chat_cache_clear(void); /* drop cached schemas (worker exit) */

#endif
