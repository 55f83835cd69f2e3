/* widgetrun.c — widget.run: one widget's query, run by a job runner for a
 * page (its Refresh button, a stale widget on a view, a filtered view
 * whose result is not cached yet), never by the web worker. Its {{name}}
 * parameters take the values the view's filters gave (in the job), else
 * the widget's defaults. Unfiltered, the result and its fragment are
 * stored in the widget's row; under a filter (the date range, parameter
 * values), the fragment (a chart) or the result (a table) is cached in
 * Redis for DATAMIND_CACHE_TTL and given back in the outcome. The job's end is
 * pushed to its channel (o.<org>.widget.<job>) for the cards that follow it. */
#include "tasks/tasks_internal.h"
#include "core/config.h"
#include "core/log.h"
#include "live/live.h"
#include "query/query.h"
#include "store/kv.h"
#include "store/widgets.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WJOB_TTL_S 3600 /* as long as the outcome is kept */

/* The parameter values as text that is the same for the same values
 * (sorted keys), or "" for none; arena. */
static const char *values_text(arena_t *a, const json_t *values)
{
    char *t = json_object_size(values) ? json_dumps(values, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    const char *out = arena_strdup(a, t ? t : "");
    free(t);
    return out;
}

const char *tasks_widget_filtered_key(arena_t *a, const char *org_id, const store_widget_t *w,
                                      const char *run_sql, const json_t *values)
{
    /* the values too: two sets of values never share a fragment */
    const char *source = arena_printf(a, "%s\n%s\n%s\n%s", org_id, w->connection_id, run_sql,
                                      values_text(a, values));
    return kv_key(a, arena_printf(a, "frag:%s", tasks_widget_key(a, w, source)));
}

static json_t *failed(const char *why)
{
    return json_pack("{s:b, s:s}", "ok", 0, "error", why);
}

/* A filtered result: drawn (a chart) or kept (a table), cached, and given
 * back to the page in the outcome. */
static json_t *filtered_outcome(arena_t *a, const char *org, const store_widget_t *w,
                                const char *run_sql, const json_t *values, const json_t *result)
{
    const char *key = cfg->cache_ttl > 0 ? tasks_widget_filtered_key(a, org, w, run_sql, values)
                                         : NULL;
    if (!tasks_widget_has_fragment(w)) {
        char *text = key ? json_dumps(result, JSON_COMPACT) : NULL;
        if (text)
            kv_cmd(a, "SET %s %b EX %d", key, text, strlen(text), cfg->cache_ttl);
        free(text);
        return json_pack("{s:b, s:O}", "ok", 1, "result", result);
    }
    tasks_fragment_t fr;
    tasks_widget_draw(a, org, w, result, NULL, &fr);
    if (key)
        kv_cmd(a, "SET %s %b EX %d", key, fr.html, strlen(fr.html), cfg->cache_ttl);
    return json_pack("{s:b, s:s}", "ok", 1, "fragment", fr.html);
}

static json_t *widget_outcome(arena_t *a, const json_t *args, const store_widget_t *w)
{
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *range = json_string_value(json_object_get(args, "range"));
    if (strcmp(w->kind, "text") == 0 || !*w->sql_text)
        return json_pack("{s:b}", "ok", 1);
    if (!w->connection_id)
        return failed("The connection of this widget was deleted: edit it or remove it.");
    int dated = range && w->date_column && *w->date_column;
    const json_t *values = json_object_get(args, "values"); /* the filters' {{name}} values */
    if (!json_object_size(values))
        values = NULL;
    int filtered = dated || values;
    const char *run_sql = dated ? query_wrap_date_range(
        a, query_conn_dialect(a, org, w->connection_id), w->sql_text, w->date_column, range,
        json_string_value(json_object_get(args, "from")),
        json_string_value(json_object_get(args, "to"))) : w->sql_text;
    query_opts_t o = {.refresh = json_is_true(json_object_get(args, "refresh")), .max_rows = 1000,
                      .source = "widget", .param_decl = query_params_decl(a, w->params),
                      .param_values = values};
    query_outcome_t out;
    char why[1024];
    jobs_busy_for(a, cfg->query_timeout_ms / 1000 + 30);
    if (query_run(a, org, json_string_value(json_object_get(args, "user_id")),
                  json_string_value(json_object_get(args, "ip")), w->connection_id, run_sql, &o,
                  &out, why, sizeof why) < 0) {
        if (out.param_error) /* say where a value comes from */
            snprintf(why + strlen(why), sizeof why - strlen(why), " (a widget's parameter takes "
                     "the dashboard filter of its name, else the default set in Edit)");
        if (!filtered)
            store_widget_set_result(a, org, w->id, NULL, why);
        return failed(why);
    }
    json_t *outcome;
    if (filtered) {
        outcome = filtered_outcome(a, org, w, run_sql, values, out.result);
    } else {
        const char *hash = store_widget_set_result(a, org, w->id, out.result, NULL);
        tasks_fragment_t fr;
        if (hash && tasks_widget_has_fragment(w))
            tasks_widget_draw(a, org, w, out.result, hash, &fr);
        outcome = json_pack("{s:b}", "ok", 1);
    }
    json_decref(out.result);
    return outcome;
}

int task_widget_run(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *id = json_string_value(json_object_get(job, "id"));
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *did = json_string_value(json_object_get(args, "dashboard_id"));
    const char *wid = json_string_value(json_object_get(args, "widget_id"));
    if (!id || !org || !did || !wid) {
        snprintf(err, errlen, "widget.run needs org_id, dashboard_id and widget_id");
        return -1;
    }
    /* one waiting run per widget and filter: a view from now on queues another */
    jobs_dedupe_release(a, json_string_value(json_object_get(job, "dedupe")));
    store_widget_t w;
    json_t *outcome = store_widget_get(a, org, did, wid, &w) == 0
                          ? widget_outcome(a, args, &w)
                          : failed("This widget was removed from its dashboard.");
    int stored = outcome ? jobs_outcome_put(a, id, outcome) : -1;
    json_decref(outcome);
    const char *ch = live_channel_org_item(a, org, "widget", id);
    if (ch) /* the cards following it fetch themselves */
        live_publish_done(ch, stored == 0 ? "done" : "failed");
    if (stored < 0) {
        snprintf(err, errlen, "the widget's outcome could not be stored");
        return -1;
    }
    return 0;
}

int tasks_widget_submit(arena_t *a, const tasks_widget_run_t *q, char *job_id, char *err,
                        size_t errlen)
{
    json_t *args = json_pack("{s:s, s:s, s:s?, s:s, s:s, s:b, s:s?, s:s?, s:s?, s:O?}", "org_id",
                             q->org_id, "user_id", q->user_id, "ip", q->ip, "dashboard_id",
                             q->dashboard_id, "widget_id", q->widget_id, "refresh", q->refresh,
                             "range", q->range, "from", q->from, "to", q->to, "values",
                             json_object_size(q->values) ? q->values : NULL);
    if (!args) {
        snprintf(err, errlen, "the widget cannot be sent to the worker (not valid text)");
        return -1;
    }
    char *meta = json_dumps(args, JSON_COMPACT);
    /* the values by their hash: bounded, and the same for the same values */
    const char *vt = values_text(a, q->values);
    unsigned char h[16];
    char vhex[33];
    crypto_generichash(h, sizeof h, (const unsigned char *)vt, strlen(vt), NULL, 0);
    sodium_bin2hex(vhex, sizeof vhex, h, sizeof h);
    const char *dedupe = arena_printf(a, "widget.run:%s:%s:%d:%s:%s:%s:%s", q->org_id, q->widget_id,
                                      q->refresh, q->range ? q->range : "", q->from ? q->from : "",
                                      q->to ? q->to : "", *vt ? vhex : "");
    int rc = jobs_enqueue(a, TASKS_FAIR_QUEUE, "widget.run", args, 1, dedupe, job_id, err, errlen);
    if (rc == 0 && (!meta || !kv_cmd(a, "SET %s %s EX %d",
                                     kv_key(a, arena_printf(a, "wjob:%s", job_id)), meta, WJOB_TTL_S)))
        log_msg(LOG_WARN, "tasks: widget job %s cannot be followed (Redis)", job_id);
    free(meta);
    return rc < 0 ? -1 : 0;
}

const char *tasks_widget_job(arena_t *a, const char *org_id, const char *job_id)
{
    if (!job_id || strlen(job_id) != 32 || strspn(job_id, "0123456789abcdef") != 32)
        return NULL;
    redisReply *r = kv_cmd(a, "GET %s", kv_key(a, arena_printf(a, "wjob:%s", job_id)));
    if (!r || r->type != REDIS_REPLY_STRING)
        return NULL;
    json_t *args = json_loadb(r->str, r->len, 0, NULL);
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *wid = json_string_value(json_object_get(args, "widget_id"));
    const char *out = org && wid && strcmp(org, org_id) == 0 ? arena_strdup(a, wid) : NULL;
    json_decref(args);
    return out;
}
