/* reports.c — scheduled reports: report.send e-mails one run of a
 * schedule (a dashboard's PDF or a saved query's CSV, as the schedule's
 * creator sees it) to its addresses; report.due (every minute) queues the
 * runs whose time has come. One delivery row per (schedule, slot): a job
 * delivered again (retried, or re-run after its runner died) finds its run
 * sent and sends nothing; the status on the page and the delivery row are
 * written in one statement. */
#include "tasks/tasks_internal.h"
#include "chart/chart.h"
#include "core/config.h"
#include "export/export.h"
#include "query/query.h"
#include "store/audit.h"
#include "store/dashboards.h"
#include "store/queries.h"
#include "store/reports.h"
#include "store/widgets.h"
#include "tmpl/tmpl.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define SEND_NOW_KEY "report.send:now:"
#define REPORT_ATTEMPTS 5

typedef struct attachment {
    buf_t bytes;
    const char *name, *type, *title;
} attachment_t;

static const char *now_utc(arena_t *a)
{
    time_t t = time(NULL);
    struct tm tm;
    char s[32];
    gmtime_r(&t, &tm);
    strftime(s, sizeof s, "%Y-%m-%d %H:%M UTC", &tm);
    return arena_strdup(a, s);
}

/* One widget of the PDF, as the dashboard export draws it: with its
 * parameters' defaults, as the schedule's creator. */
static void pdf_section(arena_t *a, const char *org, const char *user, const store_widget_t *w,
                        export_section_t *s, json_t *keep)
{
    query_opts_t o = {.source = "report", .max_rows = 1000,
                      .param_decl = query_params_decl(a, w->params)};
    tasks_run_as_t as = {org, user, NULL};
    tasks_pdf_section(a, &as, w, w->sql_text, &o, s, keep);
}

static int dashboard_pdf(arena_t *a, const store_report_t *s, attachment_t *att, char *err,
                         size_t errlen)
{
    store_dash_t d;
    if (store_dash_get(a, s->org_id, s->created_by_id, s->dashboard_id, &d) < 0) {
        snprintf(err, errlen, "the dashboard is gone, or no longer visible to the schedule's creator");
        return -1;
    }
    store_widget_t *w;
    size_t n;
    if (store_widget_list(a, s->org_id, d.id, &w, &n) < 0) {
        snprintf(err, errlen, "the dashboard's widgets could not be read");
        return -1;
    }
    export_section_t *sec = arena_alloc(a, (n + 1) * sizeof *sec);
    memset(sec, 0, (n + 1) * sizeof *sec);
    json_t *keep = json_array();
    jobs_busy_for(a, (int)n * (cfg->query_timeout_ms / 1000 + 5) + 30);
    for (size_t i = 0; i < n; i++)
        pdf_section(a, s->org_id, s->created_by_id, &w[i], &sec[i], keep);
    char path[4096];
    snprintf(path, sizeof path, "%s/datamind-report-XXXXXX", cfg->tmpdir);
    int fd = mkstemp(path), rc = -1;
    if (fd < 0)
        snprintf(err, errlen, "no room for the PDF in DATAMIND_TMPDIR");
    else {
        close(fd);
        rc = export_pdf_dashboard(d.title, arena_printf(a, "Generated %s", now_utc(a)), sec, n, path,
                                  err, errlen) == 0 && buf_read_file(&att->bytes, path) == 0 ? 0 : -1;
        if (rc < 0 && !*err)
            snprintf(err, errlen, "the PDF could not be written");
        unlink(path);
    }
    json_decref(keep);
    char *name = export_filename(d.title, "pdf");
    att->name = arena_strdup(a, name);
    free(name);
    att->type = "application/pdf";
    att->title = d.title;
    return rc;
}

static int query_csv(arena_t *a, const store_report_t *s, attachment_t *att, char *err, size_t errlen)
{
    store_query_t q;
    if (store_query_get(a, s->org_id, s->created_by_id, s->query_id, &q) < 0) {
        snprintf(err, errlen, "the saved query is gone, or no longer visible to the schedule's creator");
        return -1;
    }
    if (!q.connection_id) {
        snprintf(err, errlen, "the saved query's connection was deleted");
        return -1;
    }
    query_opts_t o = {.source = "report", .max_rows = cfg->export_max_rows,
                      .max_bytes = cfg->export_max_bytes, .no_cache = 1,
                      .param_decl = query_params_decl(a, q.params)}; /* its defaults */
    query_outcome_t out;
    char why[1024];
    jobs_busy_for(a, cfg->query_timeout_ms / 1000 + 30);
    if (query_run(a, s->org_id, s->created_by_id, NULL, q.connection_id, q.sql_text, &o, &out, why,
                  sizeof why) < 0) {
        snprintf(err, errlen, "the query failed: %s", why);
        return -1;
    }
    char *mem = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&mem, &len);
    int rc = f ? export_csv(out.result, 0, f, err, errlen) : -1;
    if (f)
        fclose(f);
    if (rc == 0)
        buf_append(&att->bytes, mem, len);
    else if (!*err)
        snprintf(err, errlen, "the CSV could not be written");
    free(mem);
    json_decref(out.result);
    char *name = export_filename(q.name, "csv");
    att->name = arena_strdup(a, name);
    free(name);
    att->type = "text/csv; charset=utf-8";
    att->title = q.name;
    return rc;
}

/* An RFC 2047 encoded-word: any title is a safe header value. */
static void header_word(buf_t *m, const char *s)
{
    size_t len = strlen(s), cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(cap);
    sodium_bin2base64(b64, cap, (const unsigned char *)s, len, sodium_base64_VARIANT_ORIGINAL);
    buf_printf(m, "=?UTF-8?B?%s?=", b64);
    free(b64);
}

static void mime_message(arena_t *a, const store_report_t *s, long long slot, const attachment_t *att,
                         buf_t *m)
{
    buf_t to = {0}, subject = {0};
    for (size_t i = 0; i < s->n_rcpt; i++)
        buf_printf(&to, "%s%s", i ? ", " : "", s->rcpt[i]);
    header_word(&subject, arena_printf(a, "[DataMind] %s — %s report", att->title, s->frequency));
    tasks_mail_headers(m, buf_str(&to), buf_str(&subject));
    buf_free(&to);
    buf_free(&subject);
    const char *link = s->dashboard_id ? arena_printf(a, "%s/dashboards/%s", cfg->base_url, s->dashboard_id)
                                       : arena_printf(a, "%s/queries/%s", cfg->base_url, s->query_id);
    buf_printf(m, "Message-ID: <report-%s-%lld@datamind>\r\n"
                  "Content-Type: multipart/mixed; boundary=\"dm-report\"\r\n\r\n"
                  "--dm-report\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                  "Your %s DataMind report is attached (%s, generated %s).\r\nOpen it in DataMind: %s\r\n\r\n"
                  "--dm-report\r\nContent-Type: %s\r\nContent-Transfer-Encoding: base64\r\n"
                  "Content-Disposition: attachment; filename=\"%s\"\r\n\r\n",
               s->id, slot, s->frequency, att->name, now_utc(a), link, att->type, att->name);
    size_t len = att->bytes.len;
    size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(cap);
    sodium_bin2base64(b64, cap, (const unsigned char *)att->bytes.data, len,
                      sodium_base64_VARIANT_ORIGINAL);
    for (size_t i = 0, n = strlen(b64); i < n; i += 76) {
        buf_append(m, b64 + i, n - i < 76 ? n - i : 76);
        buf_puts(m, "\r\n");
    }
    free(b64);
    buf_puts(m, "--dm-report--\r\n");
}

int task_report_send(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *org = json_string_value(json_object_get(args, "org_id"));
    const char *id = json_string_value(json_object_get(args, "report_id"));
    long long slot = json_integer_value(json_object_get(args, "slot"));
    const char *dedupe = json_string_value(json_object_get(job, "dedupe"));
    if (dedupe && strncmp(dedupe, SEND_NOW_KEY, strlen(SEND_NOW_KEY)) == 0)
        jobs_dedupe_release(a, dedupe); /* running now: another "Send now" may wait again */
    store_report_t s;
    if (!org || !id || store_report_get(a, org, id, &s) < 0)
        return 0; /* deleted meanwhile */
    int begun = store_report_begin(a, org, id, slot);
    if (begun != 0) {
        if (begun < 0)
            snprintf(err, errlen, "the app database did not answer");
        return begun < 0 ? -1 : 0; /* 1: this run was sent already */
    }
    attachment_t att = {0};
    int rc = -1;
    err[0] = '\0';
    if (!s.created_by_id)
        snprintf(err, errlen, "the schedule's creator was deleted: make a new schedule");
    else
        rc = s.dashboard_id ? dashboard_pdf(a, &s, &att, err, errlen) : query_csv(a, &s, &att, err, errlen);
    if (rc == 0) {
        buf_t m = {0};
        mime_message(a, &s, slot, &att, &m);
        rc = tasks_mail_send(s.rcpt, s.n_rcpt, m.data, m.len, err, errlen);
        buf_free(&m);
    }
    buf_free(&att.bytes);
    if (rc < 0) {
        store_report_failed(a, org, id, slot, err);
        return -1; /* retried by the job system, then dead-lettered */
    }
    store_report_sent(a, org, id, slot);
    store_audit_record(a, org, NULL, "report.sent", "report", id,
                       json_pack("{s:s, s:i}", "attachment", att.name, "recipients", (int)s.n_rcpt), NULL);
    return 0;
}

/* Every minute: each schedule whose time has come gets one run for its
 * slot (the minute it was due), then moves to its next time. */
int periodic_report_due(arena_t *a, long slot_min, char *err, size_t errlen)
{
    (void)slot_min;
    store_report_due_t *due;
    size_t n;
    if (store_report_due(a, &due, &n) < 0) {
        snprintf(err, errlen, "the app database did not answer");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        int rc = jobs_enqueue(a, "default", "report.send",
                              json_pack("{s:s, s:s, s:I}", "org_id", due[i].org_id, "report_id",
                                        due[i].id, "slot", (json_int_t)due[i].slot),
                              REPORT_ATTEMPTS, arena_printf(a, "report.send:%s:%lld", due[i].id, due[i].slot),
                              NULL, err, errlen);
        if (rc >= 0) /* queued (or queued before): the next run is the next time */
            store_report_advance(a, due[i].org_id, due[i].id, due[i].slot);
    }
    return 0;
}

int tasks_enqueue_report_send(arena_t *a, const char *org_id, const char *report_id, char *job_id,
                              char *err, size_t errlen)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    long long slot = (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000; /* a run of its own */
    return jobs_enqueue(a, "default", "report.send",
                        json_pack("{s:s, s:s, s:I}", "org_id", org_id, "report_id", report_id, "slot",
                                  (json_int_t)slot),
                        REPORT_ATTEMPTS, arena_printf(a, SEND_NOW_KEY "%s", report_id), job_id, err, errlen);
}
