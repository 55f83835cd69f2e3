/* llm_internal.h — what the llm_*.c files share; not part of the API. */
#ifndef DM_LLM_INTERNAL_H
#define DM_LLM_INTERNAL_H

#include "ask/llm.h"

/* s with the prompts' conventions disarmed: the '<' of <sql>, <question>,
 * <previous_sql> and their closing tags (any case) becomes '[', and three
 * backticks become three single quotes. New string. */
char *llm_text_defuse(const char *s);

/* A deep copy of v with every string (values, not keys) defused. */
json_t *llm_json_defuse(const json_t *v);

/* Render prompt `name` ("sql": "prompts/sql" or "sql" in set) with ctx and
 * split it at its "=== USER ===" line: *system = the text before (new
 * string, may be ""), *messages = [{"role":"user","content": the rest}]. */
int llm_prompt_render(const tmpl_set_t *set, const char *name, json_t *ctx, char **system,
                      json_t **messages, char *err, size_t errlen);

void llm_usage_add(llm_usage_t *to, const llm_usage_t *from);

#endif
