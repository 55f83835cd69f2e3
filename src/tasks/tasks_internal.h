/* tasks_internal.h — the handlers and periodic enqueuers, for table.c. */
#ifndef DM_TASKS_INTERNAL_H
#define DM_TASKS_INTERNAL_H

#include "tasks/tasks.h"

int task_schema_refresh(arena_t *a, const json_t *job, char *err, size_t errlen);
int task_widget_refresh(arena_t *a, const json_t *job, char *err, size_t errlen);
int task_widget_run(arena_t *a, const json_t *job, char *err, size_t errlen);
int task_connection_test(arena_t *a, const json_t *job, char *err, size_t errlen);
int task_export_file(arena_t *a, const json_t *job, char *err, size_t errlen);
int task_query_run(arena_t *a, const json_t *job, char *err, size_t errlen);
int task_chat_answer(arena_t *a, const json_t *job, char *err, size_t errlen);
void tasks_chat_done(void); /* the prompts, at process exit */
int task_alert_check(arena_t *a, const json_t *job, char *err, size_t errlen);
int task_notify_deliver(arena_t *a, const json_t *job, char *err, size_t errlen);
int periodic_alert_check(arena_t *a, long slot, char *err, size_t errlen);
int periodic_schema_refresh(arena_t *a, long slot, char *err, size_t errlen);
int periodic_widget_refresh(arena_t *a, long slot, char *err, size_t errlen);
int task_report_send(arena_t *a, const json_t *job, char *err, size_t errlen);
int periodic_report_due(arena_t *a, long slot, char *err, size_t errlen);

/* history.c: a query job's run in the user's query history (issue 20),
 * and its retention (history.purge, a periodic job: runs older than
 * DATAMIND_HISTORY_DAYS days are deleted). */
#include "query/query.h"
typedef struct tasks_run {
    const char *job_id, *org, *user, *conn, *sql;
    const json_t *params;    /* the {{name}} declarations it ran with, or NULL */
    int history;             /* record it */
    long long started_ms;
    int has_est;
    query_estimate_t est;    /* when has_est */
} tasks_run_t;
long long tasks_now_ms(void); /* Unix milliseconds */
/* Record run r as ended with status (STORE_RUN_*), its result (NULL when
 * none) or error; a failure is logged, never the run's. */
void tasks_history_record(arena_t *a, const tasks_run_t *r, const char *status,
                          const json_t *result, const char *error);
int task_history_purge(arena_t *a, const json_t *job, char *err, size_t errlen);
int periodic_history_purge(arena_t *a, long slot, char *err, size_t errlen);

/* retention.c: chat.purge, a periodic job: chats past their
 * organization's retention period are deleted. */
int task_chat_purge(arena_t *a, const json_t *job, char *err, size_t errlen);
int periodic_chat_purge(arena_t *a, long slot, char *err, size_t errlen);

/* pipeline.c: the pipeline's metrics (store/counters.h): a chat answer
 * (the message JSON chat_answer made: outcome, timings, cache, tokens),
 * an Explore run's query (its result's "cached", its time). */
void tasks_pipeline_answer(arena_t *a, const json_t *message);
void tasks_pipeline_query(arena_t *a, const json_t *result, double seconds);

/* mydata.c: the export job's file of "Download my data" (args "mydata"):
 * the outcome {"ok", "name", "type"} with the JSON document in body, or
 * {"ok": false, "status", "error"}; *audit gets the audit details. */
#include "core/buf.h"
json_t *tasks_mydata_file(arena_t *a, const json_t *args, buf_t *body, json_t **audit);

/* mail.c: the SMTP sender (DATAMIND_SMTP_URL, DATAMIND_SMTP_FROM) of alert
 * e-mails and scheduled reports. tasks_mail_headers appends Date, From, To,
 * Subject and MIME-Version (the caller's header values are header-safe);
 * tasks_mail_send hands the whole message to the server for every address
 * of rcpt. 0, or -1 with err. */
#include "core/buf.h"
void tasks_mail_headers(buf_t *m, const char *to, const char *subject);
int tasks_mail_send(const char *const *rcpt, size_t n, const char *msg, size_t len, char *err,
                    size_t errlen);

/* querywatch.c: a thread that cancels a running query job's statement when
 * its page asks to (tasks_query_cancel) or stopped following it. */
#include "engine/engine.h"
typedef struct qwatch qwatch_t;
enum { QWATCH_NONE, QWATCH_CANCELLED, QWATCH_ABANDONED };
qwatch_t *qwatch_start(const char *job_id);    /* NULL: could not (runs unwatched) */
void qwatch_running(const engine_t *e, engine_conn_t *conn, void *watch); /* a query_opts_t.on_running */
int qwatch_stop(qwatch_t *w);                  /* ends the thread; why it fired, QWATCH_NONE */
int qwatch_check_now(const char *job_id);      /* the same question, before starting */

/* enqueue.c: one `type` job per row of rows ({"org_id", "id"}), its args {"org_id",
 * id_key: id}, deduplicated per row and slot: a second scheduler in the
 * same slot adds nothing. */
void tasks_enqueue_each(arena_t *a, const json_t *rows, const char *type, const char *id_key,
                        int attempts, long slot, char *err, size_t errlen);
/* The same for one row (a typed one's org_id and id). */
void tasks_enqueue_one(arena_t *a, const char *org_id, const char *id, const char *type,
                       const char *id_key, int attempts, long slot, char *err, size_t errlen);

/* --- a dashboard PDF's sections (export.c; reports.c draws with it) --- */
typedef struct tasks_run_as {
    const char *org_id, *user_id, *ip; /* whose query it is (ip may be NULL) */
} tasks_run_as_t;
struct export_section;
struct query_opts;
void tasks_pdf_section(arena_t *a, const tasks_run_as_t *as, const store_widget_t *w,
                       const char *sql, struct query_opts *o, struct export_section *s, json_t *keep);

#endif
