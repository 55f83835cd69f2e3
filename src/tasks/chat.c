/* chat.c — chat.answer: the whole answering of a chat question (planning,
 * LLM calls, the query, the insight) in a job runner, not in the web
 * worker that took the question. The page stored the question; this adds
 * the answer after it and tells the page (jobs_outcome_put) which message
 * it is. A second delivery of the job finds the answer already there. */
#include "tasks/tasks_internal.h"
#include "chat/chat.h"
#include "core/config.h"
#include "core/log.h"
#include "store/store.h"
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

/* The session's messages before the question (the history of this turn),
 * and the id of an answer already stored after it (a second delivery). */
static json_t *history_before(arena_t *a, const char *org, const char *sid, const char *qid,
                              const char **answered)
{
    json_t *all = chat_messages(a, org, sid), *before = json_array();
    size_t i;
    json_t *m;
    int seen = 0;
    *answered = NULL;
    json_array_foreach(all, i, m) {
        const char *id = json_string_value(json_object_get(m, "id"));
        const char *role = json_string_value(json_object_get(m, "role"));
        if (seen && !*answered && role && strcmp(role, "assistant") == 0)
            *answered = arena_strdup(a, id ? id : "");
        if (id && strcmp(id, qid) == 0)
            seen = 1;
        if (!seen)
            json_array_append(before, m);
    }
    json_decref(all);
    return before;
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
    const char *ip = json_string_value(json_object_get(args, "ip"));
    if (!id || !org || !user || !sid || !qid || !question) {
        snprintf(err, errlen, "chat.answer needs org_id, user_id, session_id, question_id and question");
        return -1;
    }
    const char *mid = NULL;
    json_t *history = history_before(a, org, sid, qid, &mid);
    if (!mid) {
        chat_turn_t t = {.org_id = org, .user_id = user, .ip = ip,
                         .conn_id = json_string_value(json_object_get(args, "connection_id")),
                         .question = question, .history = history, .prompts = chat_prompts(),
                         .can_manage = json_is_true(json_object_get(args, "can_manage"))};
        jobs_busy_for(a, cfg->llm_deadline_ms / 1000 + cfg->query_timeout_ms / 1000 + 30);
        json_t *answer = chat_answer(a, &t);
        char *stored = NULL;
        if (chat_add_message(a, org, sid, answer, &stored) == 0) {
            mid = stored;
            store_audit_record(a, org, user, "chat.ask", "chat_session", sid,
                               json_pack("{s:s, s:O?, s:O?}", "question", question, "sql",
                                         json_object_get(answer, "sql_text"), "llm_tokens",
                                         json_object_get(answer, "token_usage")),
                               ip);
        }
        json_decref(answer);
    }
    json_decref(history);
    if (!mid) { /* the session was deleted meanwhile, or the database is down */
        snprintf(err, errlen, "the answer could not be stored");
        jobs_outcome_put(a, id, json_pack("{s:s}", "error", "The answer could not be stored. Ask again."));
        return -1;
    }
    json_t *outcome = json_pack("{s:s}", "message_id", mid);
    int rc = jobs_outcome_put(a, id, outcome);
    json_decref(outcome);
    if (rc < 0)
        snprintf(err, errlen, "the answer's outcome could not be stored");
    return rc;
}

int tasks_chat_submit(arena_t *a, const tasks_chat_t *c, char *job_id, char *err, size_t errlen)
{
    json_t *args = json_pack("{s:s, s:s, s:s?, s:s?, s:s, s:s, s:s, s:b}", "org_id", c->org_id,
                             "user_id", c->user_id, "ip", c->ip, "connection_id", c->connection_id,
                             "session_id", c->session_id, "question_id", c->question_id,
                             "question", c->question, "can_manage", c->can_manage);
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
