/* follow.c — pages that follow a job of the worker (a widget's query, an
 * export, a drill-down's or a pivot's query.run): its outcome, or why there
 * will be none. */
#include "pages/pages.h"
#include "core/config.h"
#include "jobs/jobs.h"
#include "tasks/tasks.h"

#include <stdio.h>
#include <string.h>

const json_t *page_job_outcome(req_t *r, const char *job_id, int wait_ms, const char *what,
                               const char **why)
{
    *why = NULL;
    const json_t *o = jobs_outcome_wait(r->arena, job_id, wait_ms);
    if (o)
        return o;
    const char *error = NULL;
    jobs_where_t w = jobs_find(r->arena, job_id, &error);
    if (w == JOBS_DEAD)
        *why = arena_printf(r->arena, "%s stopped (%s). Try again.", what,
                            error ? error : "no reason given");
    else if (w == JOBS_GONE && !(o = jobs_outcome_wait(r->arena, job_id, 0)))
        *why = arena_printf(r->arena, "%s stopped without a result (its worker may have "
                            "restarted). Try again.", what);
    return o;
}

/* This page's URL following job jid under ?key= (the query string as
 * asked, its old key= dropped). */
static const char *follow_url(req_t *r, const char *key, const char *jid)
{
    const char *uri = http_env(r, "REQUEST_URI");
    const char *q = uri ? strchr(uri, '?') : NULL;
    size_t klen = strlen(key);
    buf_t b = {0};
    buf_append(&b, uri ? uri : "/", q ? (size_t)(q - uri) : strlen(uri ? uri : "/"));
    buf_printf(&b, "?%s=%s", key, jid);
    for (const char *p = q ? q + 1 : NULL; p && *p;) {
        const char *amp = strchr(p, '&');
        size_t n = amp ? (size_t)(amp - p) : strlen(p);
        if (n && !(strncmp(p, key, klen) == 0 && p[klen] == '=')) {
            buf_putc(&b, '&');
            buf_append(&b, p, n);
        }
        p = amp ? amp + 1 : NULL;
    }
    const char *out = arena_strdup(r->arena, buf_str(&b));
    buf_free(&b);
    return out;
}

/* The job ?key= names when it is this user's run of this very query
 * (connection, SQL and values): else NULL, and a new one is asked for. */
static const char *same_job(req_t *r, const tasks_query_t *t, const char *key)
{
    const char *job = http_query(r, key);
    if (!job || !*job)
        return NULL;
    json_t *q = tasks_query_job(r->arena, r->user->org_id, r->user->id, job);
    const char *qsql = json_string_value(json_object_get(q, "sql"));
    const char *qconn = json_string_value(json_object_get(q, "connection_id"));
    int same = qsql && qconn && strcmp(qsql, t->sql) == 0 &&
               strcmp(qconn, t->connection_id) == 0 &&
               json_equal(json_object_get(q, "params"), t->params);
    json_decref(q);
    return same ? job : NULL;
}

/* The job is still coming: ctx follows it (202; the page asks again). */
static void follow_pending(req_t *r, const char *key, const char *jid, json_t *ctx)
{
    const char *url = follow_url(r, key, jid), *error = NULL;
    json_object_set_new(ctx, "job", json_pack("{s:s, s:s}", "url", url, "state",
                                              jobs_find(r->arena, jid, &error) == JOBS_RUNNING
                                                  ? "Running the query…"
                                                  : "Waiting for a free runner…"));
    json_object_set_new(ctx, "refresh_nojs", json_string(arena_printf(r->arena, "1;url=%s", url)));
    r->status = 202;
}

const json_t *page_query_outcome(req_t *r, const tasks_query_t *t, const char *key,
                                 const char *what, json_t *ctx)
{
    char jid[33], err[256];
    const char *job = same_job(r, t, key);
    if (job) {
        snprintf(jid, sizeof jid, "%s", job);
    } else if (tasks_query_submit(r->arena, t, jid, err, sizeof err) < 0) {
        json_object_set_new(ctx, "error", json_string("DataMind cannot run this query right "
                            "now (its job queue is not reachable). Try again in a moment."));
        return NULL;
    }
    tasks_query_seen(r->arena, jid);
    const char *why = NULL;
    const json_t *o = page_job_outcome(r, jid, job ? 0 : cfg->query_wait_ms, what, &why);
    if (why) {
        json_object_set_new(ctx, "error", json_string(why));
        return NULL;
    }
    if (!o) {
        follow_pending(r, key, jid, ctx);
        return NULL;
    }
    if (!json_is_true(json_object_get(o, "ok"))) {
        const char *e = json_string_value(json_object_get(o, "error"));
        json_object_set_new(ctx, "error", json_string(e ? e : "The query failed."));
        return NULL;
    }
    return json_object_get(o, "result");
}
