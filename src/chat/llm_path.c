/* llm_path.c — when the planner is not sure and an LLM is configured: send
 * a ranked, compact schema context and the condensed history, take SQL
 * from the reply, and run it through the same validator and executor as
 * everything else. The deterministic insight is kept unless the LLM's
 * second call gives a valid one. */
#include "chat/chat_internal.h"
#include "ask/insight.h"
#include "ask/llm.h"
#include "core/config.h"
#include "query/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY_TURNS 10
#define SCHEMA_CONTEXT_CHARS 12000

typedef struct exec_ctx {
    arena_t *a;
    const chat_turn_t *t;
    const char *conn_id;
    int cached;
} exec_ctx_t;

static int exec_sql(void *p, const char *sql, json_t **result, char *err, size_t errlen)
{
    exec_ctx_t *x = p;
    query_opts_t o = {.source = "chat"};
    query_outcome_t out;
    if (query_run(x->a, x->t->org_id, x->t->user_id, x->t->ip, x->conn_id, sql, &o, &out, err,
                  errlen) < 0)
        return -1;
    x->cached = json_is_true(json_object_get(out.result, "cached"));
    *result = out.result;
    return 0;
}

static llm_config_t llm_from_cfg(void)
{
    llm_config_t c = {.provider = cfg->llm_provider,
                      .base_url = *cfg->llm_base_url ? cfg->llm_base_url : NULL,
                      .api_key = cfg->llm_api_key,
                      .model = *cfg->llm_model ? cfg->llm_model : NULL};
    return c;
}

int chat_llm_enabled(void)
{
    llm_config_t c = llm_from_cfg();
    return llm_enabled(&c);
}

/* User messages in full, answers as their one-line summary. */
static json_t *condensed_history(const json_t *history)
{
    json_t *out = json_array();
    size_t n = json_array_size(history), from = n > HISTORY_TURNS * 2 ? n - HISTORY_TURNS * 2 : 0;
    for (size_t i = from; i < n; i++) {
        const json_t *m = json_array_get(history, i);
        const char *role = json_string_value(json_object_get(m, "role"));
        const char *text = json_string_value(json_object_get(m, strcmp(role ? role : "", "user") == 0
                                                                    ? "content" : "context_summary"));
        if (role && text && *text)
            json_array_append_new(out, json_pack("{s:s, s:s}", "role", role, "content", text));
    }
    return out;
}

static json_t *vocabulary_for_llm(arena_t *a, const char *org_id, const char *conn_id)
{
    json_t *v = vocab_for_planner(a, org_id, conn_id), *out = json_array();
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) {
        const char *expr = json_string_value(json_object_get(e, "expression"));
        const char *def = expr ? expr : json_string_value(json_object_get(e, "column"));
        json_array_append_new(out, json_pack("{s:O, s:O, s:s}", "term", json_object_get(e, "term"),
                                             "description", json_object_get(e, "description"),
                                             "definition", def ? def : ""));
    }
    json_decref(v);
    return out;
}

json_t *chat_llm_answer(arena_t *a, const chat_turn_t *t, const conn_row_t *c,
                        const ask_schema_t *schema, char *err, size_t errlen)
{
    llm_config_t lc = llm_from_cfg();
    char *context = ask_schema_context(schema, t->question, SCHEMA_CONTEXT_CHARS);
    json_t *history = condensed_history(t->history);
    json_t *vocab = vocabulary_for_llm(a, t->org_id, c->id);
    size_t nextra = json_array_size(c->allowed_functions);
    const char **extra = arena_alloc(a, (nextra + 1) * sizeof *extra);
    for (size_t i = 0; i < nextra; i++)
        extra[i] = json_string_value(json_array_get(c->allowed_functions, i));
    llm_sql_request_t rq = {.question = t->question, .history = history, .schema_context = context,
                            .vocabulary = vocab, .extra_functions = extra, .n_extra = nextra};
    exec_ctx_t x = {.a = a, .t = t, .conn_id = c->id};
    llm_sql_outcome_t out = {0};
    json_t *msg = NULL;
    if (llm_ask_sql(&lc, t->prompts, &rq, exec_sql, &x, &out, err, errlen) == 0) {
        insight_t ins;
        insight_context_t ic = {.understood = t->question};
        insight_write(out.result, &ic, &ins);
        char *text = NULL;
        json_t *chart = NULL;
        llm_usage_t u2 = {0};
        char err2[256];
        if (llm_write_insight(&lc, t->prompts, t->question, out.sql, out.result, &text, &chart,
                              &u2, err2, sizeof err2) < 0)
            text = NULL;
        json_t *preview = chat_result_preview(out.result);
        msg = json_pack("{s:s, s:s, s:s, s:{s:s}, s:o, s:O, s:O, s:o, s:f, s:{s:I, s:I, s:i, s:I},"
                        " s:{s:b}, s:s}",
                        "role", "assistant", "content", text ? text : (ins.text ? ins.text : ""),
                        "sql_text", out.sql, "plan", "kind", "llm", "result_preview", preview,
                        "row_count", json_object_get(out.result, "row_count"),
                        "truncated", json_object_get(out.result, "truncated"),
                        "chart_config", chart ? chart : json_incref(ins.chart),
                        "confidence", 0.5,
                        "token_usage", "input_tokens", (json_int_t)(out.usage.input_tokens + u2.input_tokens),
                        "output_tokens", (json_int_t)(out.usage.output_tokens + u2.output_tokens),
                        "calls", out.usage.calls + u2.calls, "ms", (json_int_t)(out.usage.ms + u2.ms),
                        "timings", "cached", x.cached,
                        "context_summary", ins.summary ? ins.summary : t->question);
        free(text);
        insight_free(&ins);
    } else if (out.refused) {
        snprintf(err + strlen(err), errlen - strlen(err), "%s", " (the SQL it wrote was refused)");
    }
    llm_sql_outcome_free(&out);
    free(context);
    json_decref(history);
    json_decref(vocab);
    return msg;
}
