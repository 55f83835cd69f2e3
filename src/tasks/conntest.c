/* conntest.c — connection.test: a connection's "Test" (connect, server
 * version, user, can it write), run by a job runner for the page, never by
 * the web worker; audited here. The page follows the job at
 * /connections/<id>?test=<job>. */
#include "tasks/tasks_internal.h"
#include "core/log.h"
#include "query/query.h"
#include "store/audit.h"
#include "store/connections.h"
#include "store/kv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TJOB_TTL_S 3600 /* as long as the outcome */

int task_connection_test(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *id = json_string_value(json_object_get(job, "id"));
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *user = json_string_value(json_object_get(args, "user_id"));
    const char *cid = json_string_value(json_object_get(args, "conn_id"));
    if (!id || !org || !user || !cid) {
        snprintf(err, errlen, "connection.test needs org_id, user_id and conn_id");
        return -1;
    }
    store_conn_t c;
    json_t *info = NULL, *outcome;
    char why[512];
    if (store_conn_get(a, org, cid, &c) < 0) {
        outcome = json_pack("{s:b, s:s}", "ok", 0, "error", "This connection was deleted.");
    } else {
        int rc = query_probe(a, &c, &info, why, sizeof why);
        store_audit_record(a, org, user, "connection.test", "connection", cid,
                           json_pack("{s:b}", "ok", rc == 0),
                           json_string_value(json_object_get(args, "ip")));
        outcome = rc == 0 ? json_pack("{s:b, s:o}", "ok", 1, "info", info)
                          : json_pack("{s:b, s:s}", "ok", 0, "error", why);
    }
    int stored = outcome ? jobs_outcome_put(a, id, outcome) : -1;
    json_decref(outcome);
    if (stored < 0) {
        snprintf(err, errlen, "the test's outcome could not be stored");
        return -1;
    }
    return 0;
}

int tasks_connection_test_submit(arena_t *a, const char *org_id, const char *user_id,
                                 const char *ip, const char *conn_id, char *job_id, char *err,
                                 size_t errlen)
{
    json_t *args = json_pack("{s:s, s:s, s:s?, s:s}", "org_id", org_id, "user_id", user_id, "ip",
                             ip, "conn_id", conn_id);
    char *meta = args ? json_dumps(args, JSON_COMPACT) : NULL;
    if (!meta) {
        json_decref(args);
        snprintf(err, errlen, "the test cannot be sent to the worker (not valid text)");
        return -1;
    }
    int rc = jobs_enqueue(a, TASKS_FAIR_QUEUE, "connection.test", args, 1, NULL, job_id, err, errlen);
    if (rc == 0 && !kv_cmd(a, "SET %s %s EX %d", kv_key(a, arena_printf(a, "tjob:%s", job_id)),
                           meta, TJOB_TTL_S))
        log_msg(LOG_WARN, "tasks: connection test %s cannot be followed (Redis)", job_id);
    free(meta);
    return rc < 0 ? -1 : 0;
}

int tasks_connection_test_job(arena_t *a, const char *org_id, const char *user_id,
                              const char *conn_id, const char *job_id)
{
    if (!job_id || strlen(job_id) != 32 || strspn(job_id, "0123456789abcdef") != 32)
        return 0;
    redisReply *r = kv_cmd(a, "GET %s", kv_key(a, arena_printf(a, "tjob:%s", job_id)));
    if (!r || r->type != REDIS_REPLY_STRING)
        return 0;
    json_t *m = json_loadb(r->str, r->len, 0, NULL);
    const char *keys[] = {"org_id", "user_id", "conn_id"}, *want[] = {org_id, user_id, conn_id};
    int mine = m != NULL;
    for (size_t i = 0; i < 3 && mine; i++) {
        const char *v = json_string_value(json_object_get(m, keys[i]));
        mine = v && strcmp(v, want[i]) == 0;
    }
    json_decref(m);
    return mine;
}
