/* vocabulary.h — a connection's business terms: a word mapped to a column
 * ("client" means customers.name), or a metric (a named SQL expression the
 * planner uses exactly as written). Terms belong to one connection of one
 * organization: every function takes the org and the connection, and
 * nothing here reads across organizations. Callers: the vocabulary pages
 * (list, add, delete: analysts) and the planner's schema loading in chat/
 * (store_vocab_load). Adding or deleting a term bumps the connection's
 * version, so cached plans and results made without it are retired. */
#ifndef DM_STORE_VOCABULARY_H
#define DM_STORE_VOCABULARY_H

#include <jansson.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_vocab {
    const char *id, *term, *description;
    const char *kind;        /* "column" | "metric" */
    const char *table_name;
    const char *column_name; /* a column term's column, else NULL */
    const char *expression;  /* a metric's SQL expression, else NULL */
} store_vocab_t;

/* The connection's terms, alphabetically. 0, or -1 (rows NULL, n 0) when
 * the database failed. */
int store_vocab_list(arena_t *a, const char *org_id, const char *conn_id, store_vocab_t **rows,
                     size_t *n);
/* For the template: the fields by name, plus is_metric. New reference. */
json_t *store_vocab_json(const store_vocab_t *v);
json_t *store_vocab_list_json(const store_vocab_t *rows, size_t n);
/* The terms in the planner's input format (ask_schema_new, the LLM prompt):
 * [{term, description, kind, table, column, expression}], a format rather
 * than rows, so it stays JSON. Never NULL. New reference. */
json_t *store_vocab_load(arena_t *a, const char *org_id, const char *conn_id);
/* -1 with *field = "term" when the term exists already. */
int store_vocab_add(arena_t *a, const char *org_id, const char *conn_id, const char *term,
                    const char *description, const char *kind, const char *table,
                    const char *column, const char *expression, const char **field, char *err,
                    size_t errlen);
/* 0, or -1 when there is no such term on this connection. */
int store_vocab_delete(arena_t *a, const char *org_id, const char *conn_id, const char *id);

#endif
