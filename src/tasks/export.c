/* export.c — export.file: an answer as a file (CSV, Excel or PDF of a chat
 * answer, an Explore result, a saved query or a widget; a whole dashboard
 * as PDF), written by a job runner: the query is run again for the full
 * result (under the export caps), the file is written and kept in Redis
 * (expf:<job>, an hour) for the page that follows the job to send it. Every
 * export is audited. */
#include "tasks/tasks_internal.h"
#include "chart/chart.h"
#include "core/config.h"
#include "core/log.h"
#include "export/export.h"
#include "query/query.h"
#include "store/audit.h"
#include "store/kv.h"
#include "store/widgets.h"
#include "tmpl/tmpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define EXPORT_KEEP_S 3600 /* as long as the outcome */

static const char *now_utc(arena_t *a)
{
    time_t t = time(NULL);
    struct tm tm;
    char s[32];
    gmtime_r(&t, &tm);
    strftime(s, sizeof s, "%Y-%m-%d %H:%M UTC", &tm);
    return arena_strdup(a, s);
}

static const char *arg(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static json_t *failed(int status, const char *why)
{
    return json_pack("{s:b, s:i, s:s}", "ok", 0, "status", status, "error", why);
}

/* A whole result is read for a file up to the export caps, larger than a
 * page's. When it stopped there, say so where a download can: in the file's
 * name and an X-DataMind-Note header (Excel and PDF files say it inside). */
static const char *cap_note(arena_t *a, const json_t *result, const char **file_title,
                            const char *title)
{
    if (!json_is_true(json_object_get(result, "truncated")))
        return NULL;
    size_t rows = json_array_size(json_object_get(result, "rows"));
    char n[32], size[32];
    buf_count_text(n, sizeof n, rows);
    *file_title = arena_printf(a, "%s first %zu rows", title ? title : "export", rows);
    if (query_result_by_bytes(result)) {
        query_size_words((size_t)cfg->export_max_bytes, size, sizeof size);
        return arena_printf(a, "This file stops after %s rows, at %s of values "
                            "(DATAMIND_EXPORT_MAX_BYTES): the query returned more.", n, size);
    }
    return arena_printf(a, "This file stops at %s rows (DATAMIND_EXPORT_MAX_ROWS): the "
                        "query returned more.", n);
}

/* A file written to a temp path by fn into body. 0, or -1. */
typedef int (*write_fn)(const void *ctx, const char *path, char *err, size_t errlen);

static int via_temp(write_fn fn, const void *ctx, buf_t *body, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/datamind-export-XXXXXX", cfg->tmpdir);
    int fd = mkstemp(path);
    if (fd < 0) {
        snprintf(err, errlen, "There is no room to write the file right now. Try again later.");
        return -1;
    }
    close(fd);
    int rc = fn(ctx, path, err, errlen) == 0 && buf_read_file(body, path) == 0 ? 0 : -1;
    unlink(path);
    return rc;
}

typedef struct result_file {
    const json_t *result;
    const export_meta_t *m;
} result_file_t;

static int write_xlsx(const void *p, const char *path, char *err, size_t errlen)
{
    const result_file_t *f = p;
    return export_xlsx(f->result, f->m, path, err, errlen);
}

static int write_pdf(const void *p, const char *path, char *err, size_t errlen)
{
    const result_file_t *f = p;
    return export_pdf(f->result, f->m, path, err, errlen);
}

/* The file of result as fmt into body; its name and type into the outcome. */
static json_t *result_file(arena_t *a, const json_t *result, export_meta_t *m, const char *fmt,
                           int bom, buf_t *body)
{
    const char *file_title = m->title;
    const char *note = cap_note(a, result, &file_title, m->title);
    char err[512];
    int rc;
    const char *ext = fmt, *type;
    if (strcmp(fmt, "csv") == 0) {
        char *mem = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&mem, &len);
        rc = f ? export_csv(result, bom, f, err, sizeof err) : -1;
        if (f)
            fclose(f);
        if (rc == 0)
            buf_append(body, mem, len);
        free(mem);
        type = "text/csv; charset=utf-8";
    } else {
        result_file_t rf = {result, m};
        int pdf = strcmp(fmt, "pdf") == 0;
        rc = via_temp(pdf ? write_pdf : write_xlsx, &rf, body, err, sizeof err);
        ext = pdf ? "pdf" : "xlsx";
        type = pdf ? "application/pdf"
                   : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    }
    if (rc < 0) {
        log_msg(LOG_WARN, "tasks: export: %s", err);
        return failed(500, "The file could not be written.");
    }
    char *name = export_filename(file_title, ext);
    json_t *o = json_pack("{s:b, s:s, s:s, s:s?}", "ok", 1, "name", name, "type", type, "note", note);
    free(name);
    return o;
}

static json_t *query_file(arena_t *a, const json_t *args, buf_t *body, json_t **audit)
{
    const char *conn = arg(args, "connection_id"), *sql = arg(args, "sql");
    const char *fmt = arg(args, "format");
    const json_t *mj = json_object_get(args, "meta");
    if (!conn || !sql)
        return failed(422, "The connection of this answer was deleted.");
    /* its {{name}} parameters: as the page had them (declarations with
     * values, and a dashboard filter's values) */
    query_opts_t o = {.source = "export", .max_rows = cfg->export_max_rows,
                      .max_bytes = cfg->export_max_bytes, .no_cache = 1,
                      .param_decl = json_object_get(args, "params"),
                      .param_values = json_object_get(args, "values")};
    query_outcome_t out;
    char err[1024];
    jobs_busy_for(a, cfg->query_timeout_ms / 1000 + 60);
    if (query_run(a, arg(args, "org_id"), arg(args, "user_id"), arg(args, "ip"), conn, sql, &o,
                  &out, err, sizeof err) < 0)
        return failed(422, arena_printf(a, "The query failed: %s", err));
    export_meta_t m = {.title = arg(mj, "title"), .question = arg(mj, "question"),
                       .insight = arg(mj, "insight"), .source = arg(mj, "source"),
                       .chart_config = json_object_get(mj, "chart_config"), .sql = sql,
                       .generated_at = now_utc(a)};
    json_t *o2 = result_file(a, out.result, &m, fmt, json_is_true(json_object_get(args, "bom")), body);
    *audit = json_pack("{s:O, s:O}", "rows", json_object_get(out.result, "row_count"),
                       "truncated", json_object_get(out.result, "truncated"));
    json_decref(out.result);
    return o2;
}

/* One widget of a dashboard PDF: its text, or the result of sql (its own,
 * or wrapped in a date range) run with o, drawn as on the page (its kind,
 * its config with the columns the kind needs), or its error. The export
 * and the scheduled reports (reports.c) both draw their sections here. */
void tasks_pdf_section(arena_t *a, const tasks_run_as_t *as, const store_widget_t *w,
                       const char *sql, struct query_opts *o, struct export_section *s, json_t *keep)
{
    s->title = w->title;
    if (strcmp(w->kind, "text") == 0) {
        char *text = tmpl_markdown_text(w->body_markdown);
        s->text = arena_strdup(a, text);
        free(text);
        return;
    }
    query_outcome_t out;
    char err[512];
    jobs_busy_for(a, cfg->query_timeout_ms / 1000 + 60);
    if (!w->connection_id || query_run(a, as->org_id, as->user_id, as->ip, w->connection_id, sql, o,
                                       &out, err, sizeof err) < 0) {
        s->error = arena_strdup(a, w->connection_id ? err : "its connection was deleted");
        return;
    }
    json_array_append_new(keep, out.result);
    s->result = out.result;
    json_t *conf = tasks_widget_draw_config(w);
    json_t *full = chart_config_for(out.result, conf);
    json_decref(conf);
    if (full) {
        json_array_append_new(keep, full);
        s->chart_config = full;
    }
}

/* The dashboard PDF's widget: under the dashboard's filter, with the
 * filters' values for its parameters (each widget takes those of its
 * names), else its defaults. */
static void dashboard_section(arena_t *a, const json_t *args, const store_widget_t *w,
                              export_section_t *s, json_t *keep)
{
    const char *sql = w->sql_text, *datecol = w->date_column;
    const char *range = arg(args, "range");
    if (range && datecol && *datecol && strcmp(w->kind, "text") != 0)
        sql = query_wrap_date_range(a, query_conn_dialect(a, arg(args, "org_id"), w->connection_id), sql, datecol, range, arg(args, "from"), arg(args, "to"));
    query_opts_t o = {.source = "export", .max_rows = 1000,
                      .param_decl = query_params_decl(a, w->params),
                      .param_values = json_object_get(args, "values")};
    tasks_run_as_t as = {arg(args, "org_id"), arg(args, "user_id"), arg(args, "ip")};
    tasks_pdf_section(a, &as, w, sql, &o, s, keep);
}

typedef struct dash_file {
    const char *title, *subtitle;
    const export_section_t *s;
    size_t n;
} dash_file_t;

static int write_dashboard(const void *p, const char *path, char *err, size_t errlen)
{
    const dash_file_t *d = p;
    return export_pdf_dashboard(d->title, d->subtitle, d->s, d->n, path, err, errlen);
}

/* The whole dashboard as one PDF: every widget's current result, under the
 * dashboard's filters when the page had them. */
static json_t *dashboard_file(arena_t *a, const json_t *args, buf_t *body, json_t **audit)
{
    store_widget_t *widgets;
    size_t n;
    if (store_widget_list(a, arg(args, "org_id"), arg(args, "dashboard_id"), &widgets, &n) < 0)
        return failed(503, "The dashboard could not be read. Try again in a moment.");
    export_section_t *s = arena_alloc(a, (n + 1) * sizeof *s);
    memset(s, 0, (n + 1) * sizeof *s);
    json_t *keep = json_array(); /* results live until the file is written */
    for (size_t i = 0; i < n; i++)
        dashboard_section(a, args, &widgets[i], &s[i], keep);
    const char *title = arg(args, "title");
    dash_file_t d = {title, arena_printf(a, "Generated %s", now_utc(a)), s, n};
    char err[512];
    json_t *o;
    if (via_temp(write_dashboard, &d, body, err, sizeof err) < 0) {
        log_msg(LOG_WARN, "tasks: dashboard export: %s", err);
        o = failed(500, "The PDF could not be written.");
    } else {
        char *name = export_filename(title, "pdf");
        o = json_pack("{s:b, s:s, s:s}", "ok", 1, "name", name, "type", "application/pdf");
        free(name);
        *audit = json_pack("{s:i}", "widgets", (int)n);
    }
    json_decref(keep);
    return o;
}

int task_export_file(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *id = arg(job, "id"), *org = arg(args, "org_id"), *user = arg(args, "user_id");
    const char *fmt = arg(args, "format");
    if (!id || !org || !user || !fmt) {
        snprintf(err, errlen, "export.file needs org_id, user_id and format");
        return -1;
    }
    buf_t body = {0};
    json_t *audit = NULL;
    int dash = arg(args, "dashboard_id") != NULL;
    json_t *outcome = json_is_true(json_object_get(args, "mydata"))
                          ? tasks_mydata_file(a, args, &body, &audit)
                      : dash ? dashboard_file(a, args, &body, &audit)
                             : query_file(a, args, &body, &audit);
    redisReply *kept = json_is_true(json_object_get(outcome, "ok"))
        ? kv_cmd(a, "SET %s %b EX %d", kv_key(a, arena_printf(a, "expf:%s", id)),
                 body.data ? body.data : "", body.len, EXPORT_KEEP_S) : NULL;
    if (json_is_true(json_object_get(outcome, "ok")) && (!kept || kept->type != REDIS_REPLY_STATUS)) {
        json_decref(outcome);
        outcome = failed(503, "The file could not be kept for you (the job queue is not "
                              "reachable). Try again in a moment.");
    }
    buf_free(&body);
    if (json_is_true(json_object_get(outcome, "ok")) && audit)
        store_audit_record(a, org, user, arena_printf(a, "export.%s", fmt), arg(args, "rtype"),
                           arg(args, "rid"), audit, arg(args, "ip"));
    else
        json_decref(audit);
    int stored = outcome ? jobs_outcome_put(a, id, outcome) : -1;
    json_decref(outcome);
    if (stored < 0) {
        snprintf(err, errlen, "the export's outcome could not be stored");
        return -1;
    }
    return 0;
}

int tasks_export_submit(arena_t *a, json_t *args, char *job_id, char *err, size_t errlen)
{
    const char *org = arg(args, "org_id"), *user = arg(args, "user_id");
    json_t *meta = json_pack("{s:s?, s:s?, s:s}", "org_id", org, "user_id", user, "kind", "export");
    char *text = meta ? json_dumps(meta, JSON_COMPACT) : NULL;
    json_decref(meta);
    if (!text) {
        json_decref(args);
        snprintf(err, errlen, "the export cannot be sent to the worker (not valid text)");
        return -1;
    }
    int rc = jobs_enqueue(a, TASKS_FAIR_QUEUE, "export.file", args, 1, NULL, job_id, err, errlen);
    if (rc == 0 && !kv_cmd(a, "SET %s %s EX %d", kv_key(a, arena_printf(a, "ejob:%s", job_id)),
                           text, EXPORT_KEEP_S))
        log_msg(LOG_WARN, "tasks: export job %s cannot be followed (Redis)", job_id);
    free(text);
    return rc < 0 ? -1 : 0;
}

int tasks_export_job(arena_t *a, const char *org_id, const char *user_id, const char *job_id)
{
    if (!job_id || strlen(job_id) != 32 || strspn(job_id, "0123456789abcdef") != 32)
        return 0;
    redisReply *r = kv_cmd(a, "GET %s", kv_key(a, arena_printf(a, "ejob:%s", job_id)));
    if (!r || r->type != REDIS_REPLY_STRING)
        return 0;
    json_t *m = json_loadb(r->str, r->len, 0, NULL);
    int mine = arg(m, "org_id") && arg(m, "user_id") && strcmp(arg(m, "org_id"), org_id) == 0 &&
               strcmp(arg(m, "user_id"), user_id) == 0;
    json_decref(m);
    return mine;
}

const char *tasks_export_bytes(arena_t *a, const char *job_id, size_t *len)
{
    redisReply *r = kv_cmd(a, "GET %s", kv_key(a, arena_printf(a, "expf:%s", job_id)));
    if (!r || r->type != REDIS_REPLY_STRING)
        return NULL;
    *len = r->len;
    return r->str; /* the reply lives as long as the arena (kv_cmd) */
}
