/* ask.h — the question pipeline: plain-English questions to SQL.
 *
 * Planner: a deterministic, LLM-free planner. A schema (lexicon + join graph)
 * is built once per connection from the discovered schema JSON and the
 * connection's vocabulary; it is immutable, so one schema serves any number
 * of questions, from any number of threads. */
#ifndef DM_ASK_H
#define DM_ASK_H

#include <stddef.h>
#include <jansson.h>

/* ------------------------------------------------------------- planner */

/* Measures: a vocabulary metric is used exactly as written whenever the
 * question names it. Without one, "revenue"/"sales" means sum(quantity *
 * price) over the fact table holding both (gross: a discount column is not
 * applied, since its unit — fraction or amount — cannot be known; define a
 * "net revenue" metric for that), else the sum of a revenue/amount/total
 * column. Counting a table joined one-to-many counts its distinct keys. */

/* Lexicon + join graph, built once per connection, immutable, reusable. */
typedef struct ask_schema ask_schema_t;

/* discovered: {"tables":[…]} as produced by sqlsafe_discover; vocabulary: an
 * array of {"term","description","kind":"metric"|"column","table","column",
 * "expression"} or NULL. Neither is stolen. NULL with err on broken input
 * (a metric expression holding ";" or a comment is refused). */
ask_schema_t *ask_schema_new(const json_t *discovered, const json_t *vocabulary,
                             char *err, size_t errlen);
void ask_schema_free(ask_schema_t *s);

/* How a schema's SQL is written. dialect: the connection's engine's
 * (engine.h's engine_dialect_t, e.g. engine_for_kind(kind)->dialect); NULL
 * means PostgreSQL. */
struct engine_dialect;
typedef struct ask_schema_opts {
    const struct engine_dialect *dialect;
} ask_schema_opts_t;

/* ask_schema_new with options (o NULL: the defaults). */
ask_schema_t *ask_schema_new_with(const json_t *discovered, const json_t *vocabulary,
                                  const ask_schema_opts_t *o, char *err, size_t errlen);

typedef struct ask_plan_result {
    json_t *plan;      /* the plan as JSON (stored on the message; the input of
                          follow-ups); NULL when clarifying */
    char *sql;         /* one SELECT, identifiers quoted, LIMIT applied where it
                          makes sense; NULL when clarifying */
    double confidence; /* 0..1 */
    char *understood;  /* one line: what it understood ("revenue by month in
                          2024") — also the context_summary */
    json_t *clarify;   /* {"message", "options":[{"label","question"}]} (2–4
                          options) or NULL */
    char *chart;       /* a chart type the user asked for, or NULL */
    int show_sql;      /* the user asked to see the SQL */
    json_t *lookups;   /* when it asks back because words were left over: the
                          phrases those words make, longest first (["Aer
                          Lingus", "Aer", "Lingus"]) — perhaps values
                          discovery did not sample. A caller may look them up
                          (sqlsafe_lookup_values) and plan again. Or NULL. */
} ask_plan_result_t;

#define ASK_MAX_LOOKUP_PHRASES 8  /* lookups holds at most this many */

/* Confidence under which a caller should try the LLM (if configured). Plans
 * under it are never returned: the result is a clarification instead. */
#define ASK_CONFIDENCE_MIN 0.6

/* prev_plan: the previous assistant message's plan for follow-ups, or NULL.
 * Returns 0 (out filled: a plan or a clarification) or -1 with err (only for
 * broken input like invalid UTF-8). out is owned by the caller: free it with
 * ask_plan_result_free. */
int ask_plan(const ask_schema_t *s, const char *question, const json_t *prev_plan,
             ask_plan_result_t *out, char *err, size_t errlen);
void ask_plan_result_free(ask_plan_result_t *r);

/* Compact schema context for an LLM prompt, ranked by relevance to the
 * question, at most max_chars. New string, caller frees. */
char *ask_schema_context(const ask_schema_t *s, const char *question, size_t max_chars);
/* The same; with_samples 0 leaves out every sampled value (names, types,
 * keys and row estimates only); *left_out (may be NULL) = the tables that
 * did not fit. */
char *ask_schema_context_for(const ask_schema_t *s, const char *question, size_t max_chars,
                             int with_samples, int *left_out);

/* Suggested starter questions built from the schema: up to n. New JSON array
 * of strings. */
json_t *ask_suggestions(const ask_schema_t *s, int n);

/* ------------------------------------------------------------ describe */

/* One plain-English sentence about a table (column NULL) or one of its
 * columns, from what the planner knows of it (describe.c). schema, table
 * and column point into the ask_schema_t; text is owned. */
typedef struct ask_description {
    const char *schema, *table, *column;
    char *text;
} ask_description_t;

/* A sentence for every table of s and for each of its columns, tables in
 * s's order, each followed by its columns: *n of them. discovered is the
 * JSON s was built from (its "comment"s, where discovery read any, follow
 * the sentences as the database's comment). Free with ask_descriptions_free. */
ask_description_t *ask_describe(const ask_schema_t *s, const json_t *discovered, size_t *n);
void ask_descriptions_free(ask_description_t *d, size_t n);

#endif
