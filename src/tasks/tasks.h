/* tasks.h — the work `datamind worker` does: the job handlers and the
 * periodic schedule. */
#ifndef DM_TASKS_H
#define DM_TASKS_H

#include "core/net.h"
#include "jobs/jobs.h"
#include "store/widgets.h"

extern const jobs_task_t tasks_table[];
extern const size_t tasks_count;
extern const jobs_periodic_t tasks_periodic[];
extern const size_t tasks_periodic_count;

int tasks_process_init(void);
void tasks_process_done(void);

/* Ask the worker to read a connection's schema again (the pages use it). */
int tasks_enqueue_schema_refresh(arena_t *a, const char *org_id, const char *conn_id,
                                 char *job_id, char *err, size_t errlen);

/* "Check now" on an alert page: a check in a slot of its own. 0 when
 * queued, 1 when a check of this alert is already waiting (job_id is its
 * id), -1 with err. */
int tasks_enqueue_alert_check(arena_t *a, const char *org_id, const char *alert_id,
                              char *job_id, char *err, size_t errlen);

/* "Send now" on a scheduled report: a run of its own. 0 when queued, 1
 * when a "Send now" of this report is already waiting, -1 with err. */
int tasks_enqueue_report_send(arena_t *a, const char *org_id, const char *report_id,
                              char *job_id, char *err, size_t errlen);

/* The queue of work users wait for (Explore queries): fair across
 * organizations, at most DATAMIND_ORG_MAX_RUNNING of one at once. */
#define TASKS_FAIR_QUEUE "user"

/* An Explore query run by the worker (query.run). The page that asked
 * waits for its outcome (jobs_outcome_wait), then follows the job. */
typedef struct tasks_query {
    const char *org_id, *user_id, *ip, *connection_id, *sql;
    const json_t *params;  /* {{name}} declarations with their values (query.h), or NULL */
    int refresh;
    const char *source;    /* for the audit: NULL is "explore" (query_opts_t.source) */
    long max_rows;         /* 0: DATAMIND_MAX_ROWS */
    /* a saved query run from its page ("Run again"), or NULL: the worker
     * stores the result (or the error) on it, store_query_set_result */
    const char *saved_query_id;
    /* Explore's Run (query history, issue 20): record the run in the
     * user's history (with the planner's estimate); check_cost: stop with
     * "needs_confirmation" when the estimate reads a relation larger than
     * DATAMIND_COST_WARN_ROWS, unless confirmed; estimate_only: the
     * estimate and nothing else ("Estimate"). */
    int history, check_cost, confirmed, estimate_only;
} tasks_query_t;
/* 0 with job_id (33 bytes), or -1 with err (the queue is down). */
int tasks_query_submit(arena_t *a, const tasks_query_t *q, char *job_id, char *err,
                       size_t errlen);
/* The query of job_id ({"org_id","user_id","connection_id","sql",
 * "refresh",...}, new reference) when that user of that organization asked
 * for it within the hour; NULL otherwise. */
json_t *tasks_query_job(arena_t *a, const char *org_id, const char *user_id, const char *job_id);
/* Its page still follows it: a job whose page stops asking for
 * DATAMIND_QUERY_ABANDON_S is cancelled (its page was closed). */
void tasks_query_seen(arena_t *a, const char *job_id);
/* Stop it: not started, it never runs; running, its statement is
 * cancelled (its engine's cancel) within a fraction of a second. -1: Redis down. */
int tasks_query_cancel(arena_t *a, const char *job_id);

/* A chat question answered by the worker (chat.answer): the page stored
 * the question (question_id) and follows the job; the outcome is
 * {"message_id", "show_sql"} of the stored answer, or {"error"}.
 * tasks_query_job gives its arguments back to the page that asked. */
typedef struct tasks_chat {
    const char *org_id, *user_id, *ip, *connection_id, *session_id, *question_id, *question;
    int can_manage;
    const char *live_channel; /* where the answer's stages are pushed (the asking page's), or NULL */
} tasks_chat_t;
int tasks_chat_submit(arena_t *a, const tasks_chat_t *c, char *job_id, char *err, size_t errlen);

/* One widget's query for a page (widget.run): its Refresh, a stale widget
 * on a view, a filtered view not cached yet. range/from/to: the view's
 * date filter when one applies (NULL: none); values: what the view's
 * filters give the widget's {{name}} parameters ({name: value}, NULL:
 * none; the others take the widget's defaults). A view with either is
 * filtered. Deduplicated while waiting: a second submit of the same
 * widget, refresh and filter (values too) gets the waiting job's id. The outcome is {"ok": true} (unfiltered: the result
 * and its fragment are in the widget's row), {"ok": true, "fragment"} or
 * {"ok": true, "result"} (filtered: a chart's fragment or a table's
 * result, also cached under tasks_widget_filtered_key), or {"ok": false,
 * "error"}. Its end is published as "done" on the channel
 * live_channel_org_item(org, "widget", job id). 0 with job_id, -1 with err. */
typedef struct tasks_widget_run {
    const char *org_id, *user_id, *ip, *dashboard_id, *widget_id;
    const char *range, *from, *to;
    const json_t *values;
    int refresh;
} tasks_widget_run_t;
int tasks_widget_submit(arena_t *a, const tasks_widget_run_t *q, char *job_id, char *err,
                        size_t errlen);
/* The widget id of job_id when it is a widget.run of that organization
 * (within the hour), else NULL. */
const char *tasks_widget_job(arena_t *a, const char *org_id, const char *job_id);
/* Where a filtered view's fragment (a chart) or result (a table) is cached:
 * the organization, the connection, the filtered SQL, its parameter values
 * (may be NULL) and the render key's other parts. */
const char *tasks_widget_filtered_key(arena_t *a, const char *org_id, const store_widget_t *w,
                                      const char *run_sql, const json_t *values);

/* An answer as a file (export.file), written by the worker: args (stolen)
 * {"org_id", "user_id", "ip", "format": csv|xlsx|pdf, "bom", "rtype",
 * "rid" (what the audit names), and either "connection_id", "sql",
 * "meta": {"title", "question", "insight", "source", "chart_config"},
 * "params" and "values" (the SQL's {{name}} declarations and given values,
 * query.h; optional) (one query's result), or "dashboard_id", "title",
 * "range", "from", "to", "values" (the filters' parameter values, each
 * widget taking those of its names; optional) (a whole dashboard as PDF)}. The outcome is {"ok": true, "name", "type",
 * "note"} with the file's bytes under tasks_export_bytes (an hour), or
 * {"ok": false, "status", "error"}. 0 with job_id, -1 with err. */
int tasks_export_submit(arena_t *a, json_t *args, char *job_id, char *err, size_t errlen);
/* 1 when job_id is an export of that user of that organization. */
int tasks_export_job(arena_t *a, const char *org_id, const char *user_id, const char *job_id);
/* The file of a finished export (owned by the arena), or NULL. */
const char *tasks_export_bytes(arena_t *a, const char *job_id, size_t *len);

/* A connection's "Test" run by the worker (connection.test, audited
 * there): the outcome is {"ok": true, "info": query_probe's} or {"ok":
 * false, "error"}. 0 with job_id, -1 with err. */
int tasks_connection_test_submit(arena_t *a, const char *org_id, const char *user_id,
                                 const char *ip, const char *conn_id, char *job_id, char *err,
                                 size_t errlen);
/* 1 when job_id is that user's test of that connection (within the hour). */
int tasks_connection_test_job(arena_t *a, const char *org_id, const char *user_id,
                              const char *conn_id, const char *job_id);

/* May alerts post to this URL? (DATAMIND_WEBHOOK_ALLOW; checked at save,
 * and again at every delivery by tasks_webhook_post). */
int tasks_webhook_allowed(const char *url, char *err, size_t errlen);
/* The check itself, against allow: http or https, and every address the
 * host resolves to admitted by allow (net_resolve_checked; one outside it
 * refuses). 0 fills addrs with them; -1 with the reason in err. */
int tasks_webhook_check(const char *url, const char *allow, net_addrs_t *addrs, char *err,
                        size_t errlen);
/* POST body (JSON) to url: checked now against allow, connecting only to
 * the addresses that passed, no proxy, no redirects (a 3xx fails). 0 on a
 * 2xx; -1 with the reason in err. */
int tasks_webhook_post(const char *url, const char *body, const char *allow, char *err,
                       size_t errlen);

/* --- widget fragments (fragment.c) ---------------------------------------
 * A chart or KPI widget's chart is drawn when its result is written and
 * stored with its render key (chart_widget_key over the widget's kind,
 * size, chart config and the result's fingerprint); a view copies it. */
typedef struct tasks_fragment {
    const char *key;  /* the render key; NULL when drawn without storing */
    const char *html; /* what the card shows */
    const char *svg;  /* the chart alone; NULL when it cannot be drawn */
} tasks_fragment_t;

/* 1 for the kinds with a stored chart fragment (chart, kpi). */
int tasks_widget_has_fragment(const store_widget_t *w);
/* html (a fragment or its SVG) without its drill-down links, which lead
 * into the signed-in app: for the public copy of a dashboard. In a. */
const char *tasks_fragment_undrilled(arena_t *a, const char *html);
/* The chart config the widget draws with: its own, its kind forcing "kpi"
 * or "table"; NULL for the recommended chart. New reference. */
json_t *tasks_widget_draw_config(const store_widget_t *w);
#define TASKS_KEYLEN 33 /* a render key: 32 hex digits and the NUL */
/* A render key: a hash of the renderer's version (CHART_RENDER_VERSION),
 * the widget's kind, size and chart config (its keys' order does not
 * matter) and source, the fingerprint of what it was drawn from. */
void tasks_render_key(const char *kind, const char *size, const json_t *config,
                      const char *source, char out[TASKS_KEYLEN]);
/* The render key of the widget's chart drawn from source (the stored
 * result's fingerprint, or anything naming what it was drawn from). */
const char *tasks_widget_key(arena_t *a, const store_widget_t *w, const char *source);
/* Draw the widget's chart from result (counted as datamind_widget_renders_total
 * in a web worker). With result_hash (the fingerprint store_widget_set_result
 * returned for that result) the fragment is stored under its render key,
 * unless w's stored fragment already has that key (a refresh that brought
 * the same rows: nothing is drawn). Strings in the arena. 0. */
int tasks_widget_draw(arena_t *a, const char *org_id, const store_widget_t *w,
                      const json_t *result, const char *result_hash, tasks_fragment_t *out);
/* The stored fragment when its render key still matches the widget, else
 * drawn again from the stored result (once: it is stored). -1 when the
 * widget has no result. */
int tasks_widget_fragment(arena_t *a, const char *org_id, const store_widget_t *w,
                          tasks_fragment_t *out);

#endif
