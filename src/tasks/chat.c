/* chat.c — chat.answer: the whole answering of a chat question (planning,
 * LLM calls, the query, the insight) in a job runner, not in the web
 * worker that took the question. The page stored the question; this adds
 * the answer after it and tells the page (jobs_outcome_put) which message
 * it is. A second delivery of the job finds the answer already there. */
#include "tasks/tasks_internal.h"
#include "chat/chat.h"
#include "core/config.h"
#include "core/log.h"
#include "store/audit.h"
#include "store/chats.h"
#include "store/kv.h"
#include "tmpl/tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CJOB_TTL_S 3600

static tmpl_set_t *prompts; /* the LLM prompts, loaded once per runner process */

static const tmpl_set_t *chat_prompts(void)
{
    if (prompts)
        return prompts;
    char path[1200], err[512];
    snprintf(path, sizeof path, "%s/prompts", cfg->templates_dir);
    prompts = tmpl_set_new();
    if (tmpl_set_load_dir(prompts, path, err, sizeof err) < 0)
        log_msg(LOG_ERROR, "tasks: prompts in %s: %s", path, err); /* the LLM path says so */
    return prompts;
}

void tasks_chat_done(void)
{
    tmpl_set_free(prompts);
    prompts = NULL;
}

/* The session's messages before the question (*nbefore of them, the
 * history of this turn), and the id of an answer already stored after it
 * (a second delivery). -1 when the messages cannot be read. */
static int history_before(arena_t *a, const char *org, const char *sid, const char *qid,
                          store_message_t **rows, size_t *nbefore, const char **answered)
{
    size_t n;
    *answered = NULL;
    *nbefore = 0;
    if (store_message_list(a, org, sid, rows, &n) < 0)
        return -1;
    int seen = 0;
    for (size_t i = 0; i < n; i++) {
        const store_message_t *m = &(*rows)[i];
        if (seen && !*answered && m->role && strcmp(m->role, "assistant") == 0)
            *answered = m->id ? m->id : "";
        if (m->id && strcmp(m->id, qid) == 0)
            seen = 1;
        if (!seen)
            (*nbefore)++;
    }
    return 0;
}

/* Answer the question and store the answer after it: its id, or NULL
 * (the session was deleted meanwhile, or the database is down). */
static const char *answer_store(arena_t *a, const json_t *args, const store_message_t *history,
                                size_t nhistory, int *show_sql)
{
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *user = json_string_value(json_object_get(args, "user_id"));
    const char *sid = json_string_value(json_object_get(args, "session_id"));
    const char *question = json_string_value(json_object_get(args, "question"));
    const char *ip = json_string_value(json_object_get(args, "ip"));
    chat_turn_t t = {.org_id = org, .user_id = user, .ip = ip,
                     .conn_id = json_string_value(json_object_get(args, "connection_id")),
                     .question = question, .history = history, .nhistory = nhistory,
                     .prompts = chat_prompts(),
                     .can_manage = json_is_true(json_object_get(args, "can_manage")),
                     .live_channel = json_string_value(json_object_get(args, "live_channel"))};
    jobs_busy_for(a, cfg->llm_deadline_ms / 1000 + cfg->query_timeout_ms / 1000 + 30);
    json_t *answer = chat_answer(a, &t);
    store_message_t am;
    store_message_from_json(a, answer, &am);
    *show_sql = json_is_true(json_object_get(answer, "show_sql")); /* this once, not stored */
    tasks_pipeline_answer(a, answer);
    json_decref(answer);
    char *stored = NULL;
    if (store_message_add(a, org, sid, &am, &stored) < 0)
        return NULL;
    store_audit_record(a, org, user, "chat.ask", "chat_session", sid,
                       json_pack("{s:s, s:s?, s:O?}", "question", question, "sql", am.sql_text,
                                 "llm_tokens", am.token_usage),
                       ip);
    return stored;
}

int task_chat_answer(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *id = json_string_value(json_object_get(job, "id"));
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *user = json_string_value(json_object_get(args, "user_id"));
    const char *sid = json_string_value(json_object_get(args, "session_id"));
    const char *qid = json_string_value(json_object_get(args, "question_id"));
    const char *question = json_string_value(json_object_get(args, "question"));
    if (!id || !org || !user || !sid || !qid || !question) {
        snprintf(err, errlen, "chat.answer needs org_id, user_id, session_id, question_id and question");
        return -1;
    }
    store_message_t *history = NULL;
    size_t nhistory = 0;
    const char *mid = NULL;
    int show_sql = 0;
    if (history_before(a, org, sid, qid, &history, &nhistory, &mid) == 0 && !mid)
        mid = answer_store(a, args, history, nhistory, &show_sql);
    if (!mid) { /* the session was deleted meanwhile, or the database is down */
        snprintf(err, errlen, "the answer could not be stored");
        json_t *failed = json_pack("{s:s}", "error", "The answer could not be stored. Ask again.");
        jobs_outcome_put(a, id, failed);
        json_decref(failed);
        return -1;
    }
    json_t *outcome = json_pack("{s:s, s:b}", "message_id", mid, "show_sql", show_sql);
    int rc = jobs_outcome_put(a, id, outcome);
    json_decref(outcome);
    if (rc < 0)
        snprintf(err, errlen, "the answer's outcome could not be stored");
    return rc;
}

int tasks_chat_submit(arena_t *a, const tasks_chat_t *c, char *job_id, char *err, size_t errlen)
{
    json_t *args = json_pack("{s:s, s:s, s:s?, s:s?, s:s, s:s, s:s, s:b, s:s?}", "org_id",
                             c->org_id, "user_id", c->user_id, "ip", c->ip, "connection_id",
                             c->connection_id, "session_id", c->session_id, "question_id",
                             c->question_id, "question", c->question, "can_manage", c->can_manage,
                             "live_channel", c->live_channel);
    if (!args) {
        snprintf(err, errlen, "the question cannot be sent to the worker (not valid text)");
        return -1;
    }
    char *meta = json_dumps(args, JSON_COMPACT);
    if (jobs_enqueue(a, TASKS_FAIR_QUEUE, "chat.answer", args, 1, NULL, job_id, err, errlen) < 0) {
        free(meta);
        return -1;
    }
    if (!meta || !kv_cmd(a, "SET %s %s EX %d", kv_key(a, arena_printf(a, "qjob:%s", job_id)), meta,
                         CJOB_TTL_S))
        log_msg(LOG_WARN, "tasks: chat job %s cannot be followed (Redis)", job_id);
    free(meta);
    return 0;
}
