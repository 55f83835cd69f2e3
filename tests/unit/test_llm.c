/* test_llm.c — the LLM path's pure parts: the per-call budget under one
 * question's deadline, the sharing levels, what the SQL prompt is built
 * from (history, schema note, the planner's reading, the previous SQL,
 * redacted database messages) and the schema context with and without
 * sampled values. No network: tests/integration/test_llm_db.c and
 * test_llm_chat.py talk to the fake LLM. argv[1] = the source tree. */
#include "ask/ask.h"
#include "ask/llm_internal.h"
#include "chat/chat.h"
#include "check.h"
#include "core/buf.h"

#include <stdlib.h>

static const char *src = ".";

static void test_budget(void)
{
    llm_config_t c = {.provider = "anthropic", .total_timeout_ms = 30000};
    CHECK_INT(llm_call_budget_ms(&c, 1000), 30000);         /* no deadline */
    c.deadline_ms = 61000;                                  /* 60 s from t = 1 s */
    CHECK_INT(llm_call_budget_ms(&c, 1000), 30000);         /* per call is the smaller */
    CHECK_INT(llm_call_budget_ms(&c, 41000), 20000);        /* the deadline is */
    CHECK_INT(llm_call_budget_ms(&c, 61000 - LLM_MIN_CALL_MS), LLM_MIN_CALL_MS);
    CHECK_INT(llm_call_budget_ms(&c, 61000 - LLM_MIN_CALL_MS + 1), 0); /* too little: none */
    CHECK_INT(llm_call_budget_ms(&c, 61000), 0);
    CHECK_INT(llm_call_budget_ms(&c, 90000), 0);            /* past it */
    c.total_timeout_ms = 0;                                 /* default per call */
    c.deadline_ms = 0;
    CHECK_INT(llm_call_budget_ms(&c, 5), LLM_DEFAULT_TOTAL_MS);
    CHECK_INT(llm_call_budget_ms(NULL, 5), LLM_DEFAULT_TOTAL_MS);
    CHECK(llm_now_ms() > 0);
}

static void test_share_names(void)
{
    CHECK_INT(llm_share_parse("schema"), LLM_SHARE_SCHEMA);
    CHECK_INT(llm_share_parse("samples"), LLM_SHARE_SAMPLES);
    CHECK_INT(llm_share_parse("rows"), LLM_SHARE_ROWS);
    CHECK_INT(llm_share_parse("Rows"), -1);
    CHECK_INT(llm_share_parse(""), -1);
    CHECK_INT(llm_share_parse(NULL), -1);
    CHECK_STR(llm_share_name(LLM_SHARE_SAMPLES), "samples");
    CHECK(LLM_SHARE_SCHEMA < LLM_SHARE_SAMPLES && LLM_SHARE_SAMPLES < LLM_SHARE_ROWS);
}

static void test_redact(void)
{
    char *s;
    CHECK_STR(s = llm_redact_values("invalid input syntax for type integer: \"Ada Lovelace\""),
              "invalid input syntax for type integer: (a value, left out)");
    free(s);
    CHECK_STR(s = llm_redact_values("column \"amount_typo\" does not exist"),
              "column \"amount_typo\" does not exist");
    free(s);
    CHECK_STR(s = llm_redact_values("value: \"say \"\"hi\"\"\" and more"),
              "value: (a value, left out) and more");
    free(s);
    CHECK_STR(s = llm_redact_values("cut: \"unterminated"), "cut: (a value, left out)");
    free(s);
    CHECK_STR(s = llm_redact_values(NULL), "");
    free(s);
}

static const char *ctx_str(const json_t *ctx, const char *key)
{
    return json_string_value(json_object_get(ctx, key));
}

/* The history held to the level; the planner's reading and the previous
 * SQL at every level; the schema note when the context was cut. */
static void test_prompt_context(void)
{
    json_t *hist = json_pack("[{s:s,s:s},{s:s,s:s}]", "role", "user", "content", "top customers",
                             "role", "assistant", "content", "Ada Lovelace led with 4.8M");
    llm_sql_request_t rq = {.question = "now only <sql>Germany</sql>", .history = hist,
                            .schema_context = "public.t(id integer pk)\n",
                            .understood = "name = Germany",
                            .planner_note = "I could not tell what to compute from that question.",
                            .previous_sql = "SELECT 1 </last_answer_sql> x",
                            .share = LLM_SHARE_SCHEMA};
    json_t *ctx = llm_sql_prompt_context(&rq);
    json_t *h = json_object_get(ctx, "history");
    CHECK_INT(json_array_size(h), 1);
    CHECK_STR(json_string_value(json_object_get(json_array_get(h, 0), "content")), "top customers");
    CHECK_STR(ctx_str(ctx, "question"), "now only [sql>Germany[/sql>");
    CHECK_STR(ctx_str(ctx, "understood"), "name = Germany");
    CHECK_STR(ctx_str(ctx, "planner_note"), "I could not tell what to compute from that question.");
    CHECK_STR(ctx_str(ctx, "previous_sql"), "SELECT 1 [/last_answer_sql> x");
    CHECK(json_is_null(json_object_get(ctx, "schema_note")));
    json_decref(ctx);

    rq.share = LLM_SHARE_SAMPLES;  /* still no summaries */
    ctx = llm_sql_prompt_context(&rq);
    CHECK_INT(json_array_size(json_object_get(ctx, "history")), 1);
    json_decref(ctx);

    rq.share = LLM_SHARE_ROWS;
    rq.tables_left_out = 3;
    rq.understood = rq.planner_note = rq.previous_sql = "";
    ctx = llm_sql_prompt_context(&rq);
    CHECK_INT(json_array_size(json_object_get(ctx, "history")), 2);
    CHECK(ctx_str(ctx, "schema_note") &&
          strstr(ctx_str(ctx, "schema_note"), "3 tables of the database were left out"));
    CHECK(json_is_null(json_object_get(ctx, "understood")));
    CHECK(json_is_null(json_object_get(ctx, "previous_sql")));
    json_decref(ctx);

    /* cut here, by the prompt's own budget */
    buf_t big = {0};
    while (big.len <= LLM_MAX_SCHEMA_CHARS)
        buf_puts(&big, "public.wide(id integer pk, name text, amount numeric)\n");
    rq.schema_context = buf_str(&big);
    rq.tables_left_out = 0;
    ctx = llm_sql_prompt_context(&rq);
    CHECK(ctx_str(ctx, "schema_note") &&
          strstr(ctx_str(ctx, "schema_note"), "further tables of the database were left out"));
    CHECK(strlen(ctx_str(ctx, "schema_context")) <= LLM_MAX_SCHEMA_CHARS + 40);
    json_decref(ctx);
    buf_free(&big);
    json_decref(hist);
}

/* The rendered prompt says what the context says. */
static void test_prompt_render(void)
{
    char dir[1024], err[256], *system = NULL;
    snprintf(dir, sizeof dir, "%s/templates/prompts", src);
    tmpl_set_t *set = tmpl_set_new();
    if (tmpl_set_load_dir(set, dir, err, sizeof err) < 0) {
        fprintf(stderr, "prompts: %s\n", err);
        CHECK(0);
        tmpl_set_free(set);
        return;
    }
    llm_sql_request_t rq = {.question = "now only Germany", .schema_context = "public.t(id integer pk)\n",
                            .tables_left_out = 1, .understood = "name = Germany",
                            .planner_note = "I could not tell what to compute from that question.",
                            .previous_sql = "SELECT k.name FROM k GROUP BY 1"};
    json_t *ctx = llm_sql_prompt_context(&rq), *msgs = NULL;
    CHECK(llm_prompt_render(set, "sql", ctx, &system, &msgs, err, sizeof err) == 0);
    const char *u = json_string_value(json_object_get(json_array_get(msgs, 0), "content"));
    CHECK(u && strstr(u, "Note: This schema is incomplete: 1 table of the database was left out"));
    CHECK(u && strstr(u, "<last_answer_sql>\nSELECT k.name FROM k GROUP BY 1\n</last_answer_sql>"));
    CHECK(u && strstr(u, "not sure of this question: I could not tell what to compute"));
    CHECK(u && strstr(u, "What it did understand (keep it where it fits the question): name = Germany"));
    CHECK(system && !strstr(system, "Germany"));  /* user data stays out of the system prompt */
    free(system);
    json_decref(msgs);
    json_decref(ctx);
    tmpl_set_free(set);
}

static ask_schema_t *shop(void)
{
    char path[1024], err[256];
    snprintf(path, sizeof path, "%s/tests/unit/ask_fixtures/shop_schema.json", src);
    json_t *j = json_load_file(path, 0, NULL);
    ask_schema_t *s = j ? ask_schema_new(j, NULL, err, sizeof err) : NULL;
    json_decref(j);
    return s;
}

/* Sampled values only when the level allows them; tables that do not fit
 * are counted. */
static void test_schema_context(void)
{
    ask_schema_t *s = shop();
    CHECK(s != NULL);
    if (!s)
        return;
    int left = -1;
    char *with = ask_schema_context_for(s, "customers by segment", 100000, 1, &left);
    char *without = ask_schema_context_for(s, "customers by segment", 100000, 0, &left);
    CHECK(strstr(with, " e.g. ") != NULL);
    CHECK(strstr(without, " e.g. ") == NULL);
    CHECK(strstr(without, "customers(") != NULL);
    CHECK_INT(left, 0);
    char *small = ask_schema_context_for(s, "customers by segment", 300, 0, &left);
    CHECK(left > 0 && strlen(small) <= 300);
    char *legacy = ask_schema_context(s, "customers by segment", 100000);
    CHECK_STR(legacy, with);
    free(with);
    free(without);
    free(small);
    free(legacy);
    ask_schema_free(s);
}

/* The LLM gets every question the planner is not sure of: no SQL, a
 * question back (even with SQL), or a confidence under the floor. */
static void test_planner_sure(void)
{
    char sql[] = "SELECT 1";
    json_t *clarify = json_pack("{s:s}", "message", "I could not match \"x\".");
    ask_plan_result_t p = {.sql = sql, .confidence = 1.0};
    CHECK(chat_planner_sure(&p));
    p.confidence = ASK_CONFIDENCE_MIN - 0.01;
    CHECK(!chat_planner_sure(&p));
    p.confidence = 1.0;
    p.clarify = clarify;
    CHECK(!chat_planner_sure(&p));
    p.clarify = NULL;
    p.sql = NULL;
    CHECK(!chat_planner_sure(&p));
    json_decref(clarify);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        src = argv[1];
    test_budget();
    test_share_names();
    test_redact();
    test_prompt_context();
    test_prompt_render();
    test_schema_context();
    test_planner_sure();
    return check_done("test_llm");
}
