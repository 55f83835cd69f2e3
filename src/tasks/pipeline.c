/* pipeline.c — the question pipeline's metrics, recorded by the jobs that
 * run it (store/counters.h keeps them in Redis for /metrics): a chat
 * answer's outcome, planner and query time, cache hit or miss, LLM
 * tokens; an Explore run's query time and cache hit or miss. */
#include "tasks/tasks_internal.h"
#include "store/counters.h"

#include <string.h>

static const char *answer_outcome(const json_t *m)
{
    if (json_string_value(json_object_get(m, "error_message")))
        return "error";
    const char *kind = json_string_value(json_object_get(json_object_get(m, "plan"), "kind"));
    if (kind && strcmp(kind, "llm") == 0)
        return "llm";
    if (json_object_get(m, "clarify") && !json_is_null(json_object_get(m, "clarify")))
        return "asked_back";
    /* no SQL and no question back: the question could not be taken (empty,
     * too long, no connection), an error of the pipeline's kind too */
    return json_string_value(json_object_get(m, "sql_text")) ? "answered" : "error";
}

static void tokens(arena_t *a, const json_t *usage)
{
    json_int_t in = json_integer_value(json_object_get(usage, "input_tokens"));
    json_int_t out = json_integer_value(json_object_get(usage, "output_tokens"));
    if (in > 0)
        store_counter_add(a, "datamind_llm_tokens_total", "direction", "input", in);
    if (out > 0)
        store_counter_add(a, "datamind_llm_tokens_total", "direction", "output", out);
}

void tasks_pipeline_answer(arena_t *a, const json_t *m)
{
    store_counter_add(a, "datamind_questions_total", "outcome", answer_outcome(m), 1);
    const json_t *t = json_object_get(m, "timings");
    const json_t *plan_ms = json_object_get(t, "plan_ms"), *query_ms = json_object_get(t, "query_ms");
    if (json_is_number(plan_ms))
        store_counter_observe(a, "datamind_planner_seconds", json_number_value(plan_ms) / 1e3);
    if (json_is_number(query_ms))
        store_counter_observe(a, "datamind_query_seconds", json_number_value(query_ms) / 1e3);
    if (json_is_boolean(json_object_get(t, "cached")))
        store_counter_add(a, "datamind_query_cache_total", "result",
                          json_is_true(json_object_get(t, "cached")) ? "hit" : "miss", 1);
    tokens(a, json_object_get(m, "token_usage"));
}

void tasks_pipeline_query(arena_t *a, const json_t *result, double seconds)
{
    store_counter_observe(a, "datamind_query_seconds", seconds);
    store_counter_add(a, "datamind_query_cache_total", "result",
                      json_is_true(json_object_get(result, "cached")) ? "hit" : "miss", 1);
}
