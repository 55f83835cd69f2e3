/* llm_internal.h — what the llm_*.c files share; not part of the API. */
#ifndef DM_LLM_INTERNAL_H
#define DM_LLM_INTERNAL_H

#include "ask/llm.h"

/* s with the prompts' conventions disarmed: the '<' of <sql>, <question>,
 * <previous_sql>, <last_answer_sql> and their closing tags (any case)
 * becomes '[', and three backticks become three single quotes. New
 * string. */
char *llm_text_defuse(const char *s);

/* A deep copy of v with every string (values, not keys) defused. */
json_t *llm_json_defuse(const json_t *v);

/* Render prompt `name` ("sql": "prompts/sql" or "sql" in set) with ctx and
 * split it at its "=== USER ===" line: *system = the text before (new
 * string, may be ""), *messages = [{"role":"user","content": the rest}]. */
int llm_prompt_render(const tmpl_set_t *set, const char *name, json_t *ctx, char **system,
                      json_t **messages, char *err, size_t errlen);


/* msg with every value quoted after a colon (': "…"') replaced by
 * ': (a value, left out)'; quoted names of columns and tables stay. New
 * string. */
char *llm_redact_values(const char *msg);

/* The values the SQL prompt is rendered with (llm_sql.c), as sent: user
 * text defused, the history and the schema held to rq->share. New ref. */
json_t *llm_sql_prompt_context(const llm_sql_request_t *rq);

#endif
