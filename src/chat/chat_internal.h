/* chat_internal.h — shared by the chat module's own files. */
#ifndef DM_CHAT_INTERNAL_H
#define DM_CHAT_INTERNAL_H

#include "ask/ask.h"
#include "chat/chat.h"
#include "store/connections.h"

/* The planner schema of a connection (cached per process; do not free). */
const ask_schema_t *chat_schema(arena_t *a, const char *org_id, const store_conn_t *c, char *err,
                                size_t errlen);

/* What a stored message keeps of a result (preview.c): all but the rows and
 * ms, the first 100 rows, each long text value cut to what a screen shows.
 * New reference. */
json_t *chat_result_preview(const json_t *result);
/* chat_plan_again on the turn's connection (pooled), for the chat. */
int chat_plan_lookup(arena_t *a, const chat_turn_t *t, const store_conn_t *c,
                     const json_t *prev_plan, ask_plan_result_t *p);
/* The LLM path for a chat turn (llm_path.c): an answered message, or NULL
 * with err; *usage = every call made, either way. */
json_t *chat_llm_answer(arena_t *a, const chat_turn_t *t, const store_conn_t *c,
                        const ask_schema_t *schema, const ask_plan_result_t *plan, long start_ms,
                        llm_usage_t *usage, char *err, size_t errlen);

/* A stage of the answer (understood, sql, running, rows, chart, insight),
 * pushed to the page that asked (t->live_channel) on every route (answer.c). */
void chat_stage(arena_t *a, const chat_turn_t *t, const char *name, const char *text);
void chat_stage_rows(arena_t *a, const chat_turn_t *t, const json_t *result);   /* "12 rows" */
void chat_stage_chart(arena_t *a, const chat_turn_t *t, const json_t *chart);   /* "bar chart" */

#endif
