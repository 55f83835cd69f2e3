/* llm.h — the optional LLM path: text-to-SQL and insight text through an
 * Anthropic Messages or OpenAI-compatible /v1/chat/completions endpoint.
 *
 * The LLM is an untrusted author of SQL. Everything it writes goes through
 * sqlsafe_validate before it runs, a refusal is final, and the executor's
 * READ ONLY transaction stays the real boundary. Every failure is -1 with a
 * sentence in err; the caller then keeps its deterministic answer.
 *
 * The program must call curl_global_init() once before any thread uses this
 * module (and curl_global_cleanup() at exit). Nothing here keeps state
 * between calls, so every function is thread-safe. */
#ifndef DM_LLM_H
#define DM_LLM_H

#include <stddef.h>

#include <jansson.h>

#include "tmpl/tmpl.h"

#define LLM_DEFAULT_CONNECT_MS   5000
#define LLM_DEFAULT_TOTAL_MS     30000              /* one call, retries included */
#define LLM_DEFAULT_DEADLINE_MS  60000              /* one question, every call in it */
#define LLM_MIN_CALL_MS          250                /* less time left: no call starts */
#define LLM_DEFAULT_RETRIES      2                  /* 3 tries in all */
#define LLM_MAX_REPLY_BYTES      (2 * 1024 * 1024)  /* longer bodies are an error */
#define LLM_MAX_SCHEMA_CHARS     40000              /* schema context cut here, at a line */
#define LLM_MAX_SAMPLE_ROWS      20                 /* rows shown to the insight prompt */

/* What a connection lets DataMind send to the LLM (its admin's choice).
 * Every level sends the question, the schema (table and column names,
 * types, keys), the vocabulary, what the planner understood of the
 * question, the user's earlier questions and the previous answer's SQL.
 *   LLM_SHARE_SCHEMA   nothing more: no value read from the database;
 *   LLM_SHARE_SAMPLES  plus sampled values of short text columns;
 *   LLM_SHARE_ROWS     plus result rows (the insight call) and the earlier
 *                      answers' summaries, which quote result values. */
typedef enum llm_share {
    LLM_SHARE_SCHEMA = 0,
    LLM_SHARE_SAMPLES = 1,
    LLM_SHARE_ROWS = 2
} llm_share_t;

/* "schema" | "samples" | "rows" → the level, anything else → -1. */
int llm_share_parse(const char *name);
const char *llm_share_name(llm_share_t s);

/* A zeroed config plus provider is usable: base_url NULL → the provider's
 * public API (https://api.anthropic.com, https://api.openai.com); a base
 * ending in "/v1" is not given a second "/v1" (Ollama's
 * http://localhost:11434/v1 works as written). Timeouts <= 0 → defaults
 * above; max_retries 0 → LLM_DEFAULT_RETRIES, < 0 → no retries. api_key
 * NULL or "" sends no key (local OpenAI-compatible servers). Borrowed. */
typedef struct llm_config {
    const char *provider;  /* "anthropic" | "openai" | "none" (or NULL: none) */
    const char *base_url;
    const char *api_key;
    const char *model;
    long connect_timeout_ms, total_timeout_ms;  /* total bounds every try and wait */
    int max_retries;
    long deadline_ms;  /* the question's deadline on llm_now_ms()'s clock; 0 = none.
                          Each call gets min(total_timeout_ms, time left). */
} llm_config_t;

typedef struct llm_usage {
    long input_tokens, output_tokens;  /* as the provider reported them, refused
                                          and unusable answers included */
    int calls;                         /* completions that answered */
    int attempts;                      /* HTTP requests sent, failed ones included */
    long ms;                           /* wall time, waits between tries included */
} llm_usage_t;

/* to += from, field by field. */
void llm_usage_add(llm_usage_t *to, const llm_usage_t *from);

typedef struct llm_reply {
    char *text;  /* owned; free with llm_reply_free */
    llm_usage_t usage;
} llm_reply_t;

/* 1 when c names a provider other than "none", else 0. */
int llm_enabled(const llm_config_t *c);

/* Milliseconds on a monotonic clock (the clock of deadline_ms). */
long llm_now_ms(void);

/* How long the next call may take at time now: min(per-call timeout, time
 * left before the deadline), or 0 when less than LLM_MIN_CALL_MS is left
 * (no call should start). */
long llm_call_budget_ms(const llm_config_t *c, long now);

/* One chat completion: system (NULL or "" for none) + messages (a JSON array
 * of {role, content}, borrowed). 0 and *out filled, or -1 with err ("the LLM
 * rejected the API key (401)", "the LLM did not answer within 30 s", "the
 * LLM is rate-limited; tried 3 times", "the LLM answered with something that
 * is not JSON", "the LLM did not answer in time: this question's time limit
 * was reached"…) and out->text NULL (out->usage still set: ms, attempts and
 * any tokens the provider reported). 429 and 5xx
 * are retried with exponential back-off (0.5 s, 1 s, 2 s…) or the server's
 * Retry-After (seconds or HTTP date), never past the total timeout.
 * 400/401/403/404 and connection failures are not retried. */
int llm_complete(const llm_config_t *c, const char *system, const json_t *messages,
                 int max_tokens, llm_reply_t *out, char *err, size_t errlen);
void llm_reply_free(llm_reply_t *r);

/* Pull SQL out of a reply: the first <sql>…</sql> (case-insensitive), else
 * the first ```sql (or ```postgresql) fenced block, else the first plain ```
 * block, else NULL. Trimmed; empty counts as none. New string (free()). */
char *llm_extract_sql(const char *text);

/* Runs one validated statement; 0 and *result (new reference), or -1 with
 * the database's message in err. */
typedef int (*llm_exec_fn)(void *ctx, const char *sql, json_t **result, char *err,
                           size_t errlen);

typedef struct llm_sql_request {
    const char *question;
    const json_t *history;     /* [{role, content}] condensed, or NULL; below
                                  LLM_SHARE_ROWS only the "user" turns are sent */
    const char *schema_context;  /* ranked and compact (ask_schema_context_for); cut at
                                  LLM_MAX_SCHEMA_CHARS all the same */
    int tables_left_out;       /* tables the context left out to fit (the prompt says so) */
    const json_t *vocabulary;  /* [{term, description, definition}] or NULL */
    const char *understood;    /* what the planner understood, or NULL */
    const char *planner_note;  /* why the planner was not sure (its clarifying
                                  sentence, naming the word it could not place), or NULL */
    const char *previous_sql;  /* the previous answer's SQL (follow-ups edit it), or NULL */
    llm_share_t share;         /* what may be sent */
    const char *const *extra_functions;  /* the connection's allow-list extras */
    size_t n_extra;
    const struct engine *engine; /* the connection's engine: the dialect the prompt names and
                                    the policy its SQL is checked against (NULL: PostgreSQL) */
} llm_sql_request_t;

typedef struct llm_sql_outcome {
    char *sql;         /* last SQL the LLM wrote (the validated statement when it
                          passed), or NULL; owned */
    json_t *result;    /* from exec on success, else NULL; owned */
    llm_usage_t usage; /* both calls summed */
    int refused;       /* sqlsafe said no: final, never retried */
} llm_sql_outcome_t;

/* The text-to-SQL loop. prompts holds "prompts/sql" (a set loaded from
 * templates/) or "sql" (loaded from templates/prompts/). Renders it with
 * {question, history, schema_context, schema_note, vocabulary, understood,
 * planner_note, previous_sql, dialect, error}; user text
 * is defused first (<sql> and <question> tags and ``` fences lose their
 * meaning), so a question cannot smuggle SQL past the extraction convention. The text
 * before the template's "=== USER ===" line is the system prompt.
 * Then: complete → extract → sqlsafe_validate → exec. When exec fails (not
 * the validator), one more round with error {sql, message} in the prompt
 * (below LLM_SHARE_ROWS a value the database quoted in its message is left
 * out), if the deadline leaves time for it.
 * 0 with out->sql and out->result, or -1 with err and whatever *out holds
 * (free it with llm_sql_outcome_free either way). */
int llm_ask_sql(const llm_config_t *c, const tmpl_set_t *prompts,
                const llm_sql_request_t *rq, llm_exec_fn exec, void *ctx,
                llm_sql_outcome_t *out, char *err, size_t errlen);
void llm_sql_outcome_free(llm_sql_outcome_t *o);

/* The optional second call, with "prompts/insight" (or "insight") rendered
 * from {question, sql, columns:[{name,type}], sample_rows (≤ 20 rows as JSON
 * text, long values cut), row_count}. It sends result rows, so it is made
 * only at LLM_SHARE_ROWS: below, -1 and err without any request. The reply must be a JSON object
 * {"insight": "...", "chart": {"type", "x", "y": [...]}}, bare or fenced.
 * 0 with *insight (new string) and *chart (new {type, x?, y} or NULL: no
 * valid chart suggested — type outside bar,hbar,line,area,pie,scatter,kpi,
 * table, or a column not in result), or -1 with err on any call, parse or
 * validation failure of the insight itself (the caller keeps its own).
 * result is sqlsafe_execute's object, borrowed. *usage = this call's usage
 * (usage may be NULL). */
int llm_write_insight(const llm_config_t *c, const tmpl_set_t *prompts, llm_share_t share,
                      const char *question, const char *sql, const json_t *result,
                      char **insight, json_t **chart, llm_usage_t *usage, char *err,
                      size_t errlen);

#endif
