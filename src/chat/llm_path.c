/* llm_path.c — when the planner is not sure and an LLM is configured: send
 * a ranked, compact schema context, the vocabulary, what the planner did
 * understand, the condensed history and the previous answer's SQL, take SQL
 * from the reply, and run it through the same validator and executor as
 * everything else. The deterministic insight is kept unless the LLM's
 * second call gives a valid one. What is sent is held to the connection's
 * sharing level (llm_share_t), and every call of one question shares one
 * deadline. Used by the chat (chat_answer) and by `datamind ask`. */
#include "chat/chat_internal.h"
#include "store/vocabulary.h"
#include "ask/insight.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/mem.h"
#include "query/query.h"
#include "store/chats.h"
#include "store/connections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY_TURNS 10
#define SCHEMA_CONTEXT_CHARS 12000

llm_config_t chat_llm_config(long start_ms)
{
    llm_config_t c = {.provider = cfg->llm_provider,
                      .base_url = *cfg->llm_base_url ? cfg->llm_base_url : NULL,
                      .api_key = cfg->llm_api_key,
                      .model = *cfg->llm_model ? cfg->llm_model : NULL,
                      .total_timeout_ms = cfg->llm_timeout_ms,
                      .deadline_ms = start_ms + cfg->llm_deadline_ms};
    return c;
}

int chat_llm_enabled(void)
{
    llm_config_t c = chat_llm_config(0);
    return llm_enabled(&c);
}

int chat_planner_sure(const ask_plan_result_t *p)
{
    return p->sql && !p->clarify && p->confidence >= ASK_CONFIDENCE_MIN;
}

/* User messages in full, answers as their one-line summary (llm_ask_sql
 * keeps only the questions below LLM_SHARE_ROWS). */
static json_t *condensed_history(const store_message_t *history, size_t n)
{
    json_t *out = json_array();
    size_t from = n > HISTORY_TURNS * 2 ? n - HISTORY_TURNS * 2 : 0;
    for (size_t i = from; i < n; i++) {
        const store_message_t *m = &history[i];
        const char *role = m->role;
        const char *text = strcmp(role ? role : "", "user") == 0 ? m->content : m->context_summary;
        if (role && text && *text)
            json_array_append_new(out, json_pack("{s:s, s:s}", "role", role, "content", text));
    }
    return out;
}

/* The SQL of the last answer that ran one: a follow-up edits it. */
static const char *previous_sql(const store_message_t *history, size_t n)
{
    for (size_t i = n; i-- > 0;)
        if (history[i].sql_text && *history[i].sql_text)
            return history[i].sql_text;
    return NULL;
}

/* [{term, description, definition}]: a metric's expression, or a column
 * term's table.column. */
static json_t *vocabulary_for_llm(const json_t *v)
{
    json_t *out = json_array();
    size_t i;
    json_t *e;
    json_array_foreach((json_t *)v, i, e) {
        const char *expr = json_string_value(json_object_get(e, "expression"));
        const char *table = json_string_value(json_object_get(e, "table"));
        const char *col = json_string_value(json_object_get(e, "column"));
        const char *term = json_string_value(json_object_get(e, "term"));
        const char *desc = json_string_value(json_object_get(e, "description"));
        buf_t d = {0};
        if (expr && *expr)
            buf_puts(&d, expr);
        else if (col && *col)
            buf_printf(&d, "%s%s%s", table && *table ? table : "", table && *table ? "." : "", col);
        if (term)
            json_array_append_new(out, json_pack("{s:s, s:s, s:s}", "term", term, "description",
                                                 desc ? desc : "", "definition", buf_str(&d)));
        buf_free(&d);
    }
    return out;
}

/* The planner's clarifying sentence without its "What I understood: …"
 * (sent on its own) and "Which did you mean?" (meant for the user). */
static char *planner_note(const ask_plan_result_t *p)
{
    const char *msg = json_string_value(json_object_get(p->clarify, "message"));
    if (!msg || !*msg)
        return NULL;
    const char *cut = strstr(msg, " What I understood:");
    if (!cut)
        cut = strstr(msg, " Which did you mean?");
    return xstrndup(msg, cut ? (size_t)(cut - msg) : strlen(msg));
}

/* The second call, when the level lets rows go and the deadline leaves
 * time; else the deterministic insight stays. */
static void llm_insight(const chat_llm_request_t *rq, chat_llm_result_t *out)
{
    char *text = NULL, err[256];
    json_t *chart = NULL;
    llm_usage_t u = {0};
    if (rq->share < LLM_SHARE_ROWS || llm_call_budget_ms(rq->llm, llm_now_ms()) == 0)
        return;
    if (llm_write_insight(rq->llm, rq->prompts, rq->share, rq->question, out->sql, out->result,
                          &text, &chart, &u, err, sizeof err) == 0) {
        free(out->insight);
        out->insight = text;
        if (chart) {
            json_decref(out->chart);
            out->chart = chart;
        }
    }
    llm_usage_add(&out->usage, &u);
}

int chat_llm_run(const chat_llm_request_t *rq, chat_llm_result_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    int left_out = 0;
    char *context = ask_schema_context_for(rq->schema, rq->question, SCHEMA_CONTEXT_CHARS,
                                           rq->share >= LLM_SHARE_SAMPLES, &left_out);
    json_t *history = condensed_history(rq->history, rq->nhistory);
    json_t *vocab = vocabulary_for_llm(rq->vocabulary);
    char *note = rq->plan ? planner_note(rq->plan) : NULL;
    llm_sql_request_t sq = {.question = rq->question, .history = history,
                            .schema_context = context, .tables_left_out = left_out,
                            .vocabulary = vocab,
                            .understood = rq->plan ? rq->plan->understood : NULL,
                            .planner_note = note, .previous_sql = previous_sql(rq->history, rq->nhistory),
                            .share = rq->share, .extra_functions = rq->extra,
                            .n_extra = rq->nextra, .engine = rq->engine};
    llm_sql_outcome_t o = {0};
    int rc = llm_ask_sql(rq->llm, rq->prompts, &sq, rq->exec, rq->exec_ctx, &o, err, errlen);
    out->usage = o.usage;
    out->refused = o.refused;
    if (rc == 0) {
        insight_t ins;
        insight_context_t ic = {.understood = rq->question};
        insight_write(o.result, &ic, &ins);
        out->sql = o.sql;
        out->result = o.result;
        o.sql = NULL;
        o.result = NULL;
        out->insight = ins.text ? ins.text : xstrdup("");
        out->summary = ins.summary;
        out->chart = ins.chart;
        llm_insight(rq, out);
    } else if (o.refused) {
        snprintf(err + strlen(err), errlen - strlen(err), "%s", " (the SQL it wrote was refused)");
    }
    llm_sql_outcome_free(&o);
    free(note);
    free(context);
    json_decref(history);
    json_decref(vocab);
    return rc;
}

void chat_llm_result_free(chat_llm_result_t *r)
{
    if (!r)
        return;
    free(r->sql);
    json_decref(r->result);
    free(r->insight);
    free(r->summary);
    json_decref(r->chart);
    memset(r, 0, sizeof *r);
}

json_t *chat_usage_json(const llm_usage_t *u)
{
    return json_pack("{s:I, s:I, s:i, s:i, s:I}", "input_tokens", (json_int_t)u->input_tokens,
                     "output_tokens", (json_int_t)u->output_tokens, "calls", u->calls,
                     "attempts", u->attempts, "ms", (json_int_t)u->ms);
}

/* ------------------------------------------------------------ the chat */

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
    chat_stage(x->a, x->t, "sql", sql); /* the LLM's SQL (each try, when it writes it again) */
    chat_stage(x->a, x->t, "running", "Running the query…");
    if (query_run(x->a, x->t->org_id, x->t->user_id, x->t->ip, x->conn_id, sql, &o, &out, err,
                  errlen) < 0)
        return -1;
    chat_stage_rows(x->a, x->t, out.result);
    x->cached = json_is_true(json_object_get(out.result, "cached"));
    *result = out.result;
    return 0;
}

json_t *chat_llm_answer(arena_t *a, const chat_turn_t *t, const store_conn_t *c,
                        const ask_schema_t *schema, const ask_plan_result_t *plan, long start_ms,
                        llm_usage_t *usage, char *err, size_t errlen)
{
    llm_config_t lc = chat_llm_config(start_ms);
    json_t *vocab = store_vocab_load(a, t->org_id, c->id);
    size_t nextra = c->n_allowed_functions;
    const char **extra = c->allowed_functions;
    int share = llm_share_parse(c->llm_sharing);
    exec_ctx_t x = {.a = a, .t = t, .conn_id = c->id};
    chat_llm_request_t rq = {.llm = &lc, .prompts = t->prompts, .schema = schema,
                             .question = t->question, .history = t->history,
                             .nhistory = t->nhistory, .vocabulary = vocab,
                             .plan = plan, .extra = extra, .nextra = nextra,
                             .share = share < 0 ? LLM_SHARE_SCHEMA : (llm_share_t)share,
                             .exec = exec_sql, .exec_ctx = &x, .engine = engine_for_kind(c->kind)};
    chat_llm_result_t r;
    json_t *msg = NULL;
    if (chat_llm_run(&rq, &r, err, errlen) == 0) {
        chat_stage_chart(a, t, r.chart);
        msg = json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:o, s:O?, s:O?, s:O?, s:f, s:o,"
                        " s:{s:b}, s:s}",
                        "role", "assistant", "content", r.insight, "sql_text", r.sql,
                        "plan", "kind", "llm", "model", lc.model ? lc.model : "",
                        "result_preview", chat_result_preview(r.result),
                        "row_count", json_object_get(r.result, "row_count"),
                        "truncated", json_object_get(r.result, "truncated"),
                        "chart_config", r.chart, "confidence", 0.5,
                        "token_usage", chat_usage_json(&r.usage), "timings", "cached", x.cached,
                        "context_summary", r.summary ? r.summary : t->question);
    }
    *usage = r.usage;
    chat_llm_result_free(&r);
    json_decref(vocab);
    return msg;
}
