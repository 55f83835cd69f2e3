/* chats.h — chat sessions and their messages. A session belongs to one
 * user of one organization: nobody else, not even an admin, reads or
 * changes it, so every session function takes the org and the user (a
 * message is reached through its session). Callers: the chat pages, the
 * answer pipeline in chat/ (the history of a session), and the pages that
 * start from an answer (pin to a dashboard, new alert, export). */
#ifndef DM_STORE_CHATS_H
#define DM_STORE_CHATS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

typedef struct store_chat {
    const char *id, *title;
    bool is_pinned;
    const char *connection_id; /* NULL when none (or it was deleted) */
    const char *connection;    /* its name, "" when none */
    const char *updated;       /* YYYY-MM-DD HH24:MI */
} store_chat_t;

/* The user's sessions, pinned first, then the latest (at most 200);
 * search matches the title. 0, or -1 (rows NULL, n 0) when the database
 * failed. */
int store_chat_list(arena_t *a, const char *org_id, const char *user_id, const char *search,
                    store_chat_t **rows, size_t *n);
/* 0, or -1 when the user has no such session. */
int store_chat_get(arena_t *a, const char *org_id, const char *user_id, const char *id,
                   store_chat_t *out);
json_t *store_chat_json(const store_chat_t *c); /* for templates; new reference */
json_t *store_chat_list_json(const store_chat_t *rows, size_t n);
/* conn_id is kept only when it is one of the organization's connections. */
int store_chat_create(arena_t *a, const char *org_id, const char *user_id, const char *conn_id,
                      const char *title, char **id);
/* These four: 0, or -1 when the user has no such session. */
int store_chat_rename(arena_t *a, const char *org_id, const char *user_id, const char *id,
                      const char *title);
int store_chat_pin(arena_t *a, const char *org_id, const char *user_id, const char *id,
                   int pinned);
int store_chat_delete(arena_t *a, const char *org_id, const char *user_id, const char *id);
int store_chat_set_connection(arena_t *a, const char *org_id, const char *user_id,
                              const char *id, const char *conn_id);

/* One message: the user's question or DataMind's answer. The json_t
 * fields are free-form JSON columns (a plan, a stored result, a chart
 * config, timings…), NULL when absent, owned by the arena. */
typedef struct store_message {
    const char *id, *session_id;
    const char *role; /* "user" | "assistant" */
    const char *content, *sql_text;
    json_t *plan;
    json_t *result_preview; /* {columns, rows, …}: at most 100 rows */
    long long row_count;
    bool has_row_count;
    bool truncated;
    json_t *chart_config;
    json_t *clarify; /* {message, options[]} when it asked back */
    double confidence;
    bool has_confidence;
    json_t *timings, *token_usage;
    const char *error_message, *context_summary, *understood;
    const char *created; /* YYYY-MM-DD HH24:MI; NULL before it is stored */
    /* store_message_get only (else NULL): its session's connection and
     * title, and the question it answers (the user message before it) */
    const char *connection_id, *title, *question;
} store_message_t;

/* A session's messages, oldest first. 0, or -1 (rows NULL, n 0) when the
 * database failed. The caller has checked the session is the user's. */
int store_message_list(arena_t *a, const char *org_id, const char *session_id,
                       store_message_t **rows, size_t *n);
/* One message of the user's (for pin / alert / export): 0, or -1. */
int store_message_get(arena_t *a, const char *org_id, const char *user_id, const char *msg_id,
                      store_message_t *out);
/* Add a message (role and content required) and touch its session: 0 and
 * *id (optional), or -1 when the session is not the org's. */
int store_message_add(arena_t *a, const char *org_id, const char *session_id,
                      const store_message_t *m, char **id);
/* The message an answer document describes (chat_answer's JSON: keys named
 * as the fields; missing keys are NULL / 0 / false). */
void store_message_from_json(arena_t *a, const json_t *doc, store_message_t *out);
/* For templates: the message's own fields by name (absent ones null; not
 * the session's connection_id, title or question). New reference. */
json_t *store_message_json(const store_message_t *m);

#endif
