/* llm_sql.c — the text-to-SQL loop: prompt, complete, extract, validate,
 * execute, and one retry when the database said no. See llm.h. */
#include "ask/llm_internal.h"
#include "core/buf.h"
#include "core/mem.h"
#include "engine/engine.h"
#include "sqlsafe/sqlsafe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQL_MAX_TOKENS 1024

/* What the prompt tells the LLM of the engine's SQL: its name, how it
 * quotes a name, how it buckets dates. */
typedef struct dialect_words {
    const char *name, *quoting, *dates;
} dialect_words_t;

static dialect_words_t dialect_words(const engine_t *e)
{
    switch (e ? e->kind : ENGINE_POSTGRESQL) {
    case ENGINE_MYSQL:
        return (dialect_words_t){"MySQL 8 / MariaDB 10.11",
            "Quote identifiers with backticks (`Order`, `createdAt`); \"…\" is a string",
            "DATE_FORMAT(d, '%Y-%m-01') and YEAR(d) / MONTH(d)"};
    case ENGINE_SQLITE:
        return (dialect_words_t){"SQLite 3.40",
            "Double-quote identifiers that are not lower-case letters, digits and underscores",
            "date(d, 'start of month') and strftime('%Y', d)"};
    case ENGINE_CLICKHOUSE:
        return (dialect_words_t){"ClickHouse 18.16",
            "Quote identifiers with backticks when they are not plain names",
            "toStartOfMonth(d) / toStartOfQuarter(d) / toYear(d)"};
    default:
        return (dialect_words_t){"PostgreSQL 15",
            "Double-quote identifiers that are not lower-case letters, digits and underscores, "
            "or that are reserved words (\"Order\", \"createdAt\")",
            "date_trunc"};
    }
}

/* A defused JSON string; "" for text that is not valid UTF-8. */
static json_t *safe_string(const char *s)
{
    char *d = llm_text_defuse(s);
    json_t *j = json_string(d);
    free(d);
    return j ? j : json_string("");
}

/* The schema context, cut at the last line that fits the budget; *cut = 1
 * when something was left out here. */
static json_t *capped_schema(const char *s, int *cut_out)
{
    *cut_out = 0;
    if (!s)
        return json_string("");
    size_t n = strlen(s);
    if (n <= LLM_MAX_SCHEMA_CHARS)
        return safe_string(s);
    *cut_out = 1;
    size_t cut = LLM_MAX_SCHEMA_CHARS;
    while (cut > 0 && s[cut - 1] != '\n')
        cut--;
    if (cut == 0)  /* one huge line: cut before a UTF-8 continuation byte */
        for (cut = LLM_MAX_SCHEMA_CHARS; cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80;)
            cut--;
    buf_t b = {0};
    buf_append(&b, s, cut);
    buf_puts(&b, "\n(further tables left out)\n");
    json_t *j = safe_string(buf_str(&b));
    buf_free(&b);
    return j;
}

/* The sentence that tells the LLM the schema it sees is not all of it. */
static json_t *schema_note(int left_out, int cut_here)
{
    if (left_out <= 0 && !cut_here)
        return json_null();
    buf_t b = {0};
    buf_puts(&b, "This schema is incomplete: ");
    if (left_out > 0)
        buf_printf(&b, "%d table%s of the database %s left out to fit this prompt", left_out,
                   left_out == 1 ? "" : "s", left_out == 1 ? "was" : "were");
    else
        buf_puts(&b, "further tables of the database were left out to fit this prompt");
    buf_puts(&b, " (the tables most relevant to the question are listed). If the question "
                 "needs a table that is not listed, say so instead of guessing its name.");
    json_t *j = json_string(buf_str(&b));
    buf_free(&b);
    return j;
}

/* The history as sent: below LLM_SHARE_ROWS only the user's own turns (an
 * answer's summary quotes result values). */
static json_t *shared_history(const json_t *history, llm_share_t share)
{
    json_t *out = json_array();
    size_t i;
    json_t *m;
    json_array_foreach((json_t *)history, i, m) {
        const char *role = json_string_value(json_object_get(m, "role"));
        if (share >= LLM_SHARE_ROWS || (role && strcmp(role, "user") == 0))
            json_array_append_new(out, llm_json_defuse(m));
    }
    return out;
}

/* A defused string, or null for NULL / "" (the template's section is off). */
static json_t *opt_string(const char *s)
{
    return s && *s ? safe_string(s) : json_null();
}

json_t *llm_sql_prompt_context(const llm_sql_request_t *rq)
{
    json_t *ctx = json_object();
    int cut = 0;
    json_t *history = shared_history(rq->history, rq->share);
    json_object_set_new(ctx, "question", safe_string(rq->question));
    json_object_set_new(ctx, "has_history", json_boolean(json_array_size(history) > 0));
    json_object_set_new(ctx, "history", history);
    json_object_set_new(ctx, "schema_context", capped_schema(rq->schema_context, &cut));
    json_object_set_new(ctx, "schema_note", schema_note(rq->tables_left_out, cut));
    json_object_set_new(ctx, "vocabulary", json_is_array(rq->vocabulary)
                                               ? llm_json_defuse(rq->vocabulary) : json_array());
    json_object_set_new(ctx, "has_vocabulary", json_boolean(json_array_size(rq->vocabulary) > 0));
    json_object_set_new(ctx, "understood", opt_string(rq->understood));
    json_object_set_new(ctx, "planner_note", opt_string(rq->planner_note));
    json_object_set_new(ctx, "previous_sql", opt_string(rq->previous_sql));
    dialect_words_t dw = dialect_words(rq->engine);
    json_object_set_new(ctx, "dialect", json_string(dw.name));
    json_object_set_new(ctx, "quoting", json_string(dw.quoting));
    json_object_set_new(ctx, "dates", json_string(dw.dates));
    json_object_set_new(ctx, "error", json_null());
    return ctx;
}

/* The reply's gist on one line, for "the LLM wrote no SQL: …". */
static void no_sql_message(const char *text, char *err, size_t errlen)
{
    char gist[301];
    size_t n = 0;
    for (const char *p = text; *p && n < sizeof gist - 1; p++)
        gist[n++] = (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p;
    while (n > 0 && gist[n - 1] == ' ')
        n--;
    gist[n] = '\0';
    snprintf(err, errlen, "the LLM wrote no SQL: %s", n ? gist : "(empty answer)");
}

/* Render, complete, extract: 0 and *sql, or -1 with err. */
static int sql_round(const llm_config_t *c, const tmpl_set_t *prompts, json_t *ctx,
                     llm_sql_outcome_t *out, char **sql, char *err, size_t errlen)
{
    char *system = NULL;
    json_t *msgs = NULL;
    if (llm_prompt_render(prompts, "sql", ctx, &system, &msgs, err, errlen) < 0)
        return -1;
    llm_reply_t r;
    int rc = llm_complete(c, system, msgs, SQL_MAX_TOKENS, &r, err, errlen);
    llm_usage_add(&out->usage, &r.usage);
    free(system);
    json_decref(msgs);
    if (rc < 0)
        return -1;
    *sql = llm_extract_sql(r.text);
    if (!*sql)
        no_sql_message(r.text, err, errlen);
    llm_reply_free(&r);
    return *sql ? 0 : -1;
}

/* Validate and run out->sql. 0 ran; 1 the database refused it (dberr
 * filled); -1 final (refused by the validator). */
static int sql_try(const llm_sql_request_t *rq, llm_exec_fn exec, void *ectx,
                   llm_sql_outcome_t *out, char *dberr, size_t dblen, char *err, size_t errlen)
{
    sqlsafe_check_t chk;
    char why[512];
    /* the engine's own policy: the LLM writes that engine's SQL */
    int rc = rq->engine ? rq->engine->validate(out->sql, strlen(out->sql), 0, rq->extra_functions,
                                               rq->n_extra, &chk, why, sizeof why)
                        : sqlsafe_validate(out->sql, strlen(out->sql), rq->extra_functions,
                                           rq->n_extra, &chk, why, sizeof why);
    if (rc < 0) {
        out->refused = 1;
        snprintf(err, errlen, "the LLM's SQL was refused: %s", why);
        return -1;
    }
    free(out->sql);
    out->sql = xstrdup(chk.statement);
    sqlsafe_check_free(&chk);
    json_t *res = NULL;
    dberr[0] = '\0';
    if (exec(ectx, out->sql, &res, dberr, dblen) == 0 && res) {
        out->result = res;
        return 0;
    }
    json_decref(res);
    if (!dberr[0])
        snprintf(dberr, dblen, "the query failed");
    return 1;
}

int llm_ask_sql(const llm_config_t *c, const tmpl_set_t *prompts,
                const llm_sql_request_t *rq, llm_exec_fn exec, void *ctx,
                llm_sql_outcome_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!rq || !rq->question || !*rq->question || !exec) {
        snprintf(err, errlen, "no question to send to the LLM");
        return -1;
    }
    json_t *pctx = llm_sql_prompt_context(rq);
    int rc = -1;
    for (int round = 0; round < 2; round++) {
        char *sql = NULL, dberr[1024];
        if (sql_round(c, prompts, pctx, out, &sql, err, errlen) < 0)
            break;
        free(out->sql);
        out->sql = sql;
        int t = sql_try(rq, exec, ctx, out, dberr, sizeof dberr, err, errlen);
        if (t <= 0) {
            rc = t;
            break;
        }
        snprintf(err, errlen, "the LLM's SQL failed%s: %s", round ? " twice" : "", dberr);
        if (round == 0 && llm_call_budget_ms(c, llm_now_ms()) == 0) {
            snprintf(err + strlen(err), errlen - strlen(err), " (no time was left to ask again)");
            break;
        }
        char *told = rq->share >= LLM_SHARE_ROWS ? xstrdup(dberr) : llm_redact_values(dberr);
        json_object_set_new(pctx, "error", json_pack("{s:o,s:o}", "sql", safe_string(out->sql),
                                                     "message", safe_string(told)));
        free(told);
    }
    json_decref(pctx);
    return rc;
}

void llm_sql_outcome_free(llm_sql_outcome_t *o)
{
    if (!o)
        return;
    free(o->sql);
    json_decref(o->result);
    memset(o, 0, sizeof *o);
}
