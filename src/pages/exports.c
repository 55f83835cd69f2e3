/* exports.c — any answer as a file: CSV, Excel or PDF, from a chat answer,
 * an Explore result, a saved query or a dashboard widget, and a whole
 * dashboard as PDF. The query is re-run for the full result (under the row
 * cap), not just the preview; every export is audited. */
#include "pages/pages.h"
#include "core/config.h"
#include "export/export.h"
#include "query/query.h"
#include "store/chats.h"
#include "store/queries.h"
#include "store/audit.h"
#include "store/dashboards.h"
#include "store/widgets.h"
#include "tmpl/tmpl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *now_utc(req_t *r)
{
    time_t t = time(NULL);
    struct tm tm;
    char s[32];
    gmtime_r(&t, &tm);
    strftime(s, sizeof s, "%Y-%m-%d %H:%M UTC", &tm);
    return arena_strdup(r->arena, s);
}

static int read_file_into(const char *path, buf_t *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, got);
    fclose(f);
    return 0;
}

static void attachment(req_t *r, const char *title, const char *ext, const char *type)
{
    char *name = export_filename(title, ext);
    http_header(r, "Content-Type", type);
    http_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"%s\"", name));
    http_header(r, "Cache-Control", "no-store");
    free(name);
}

/* A whole result is read for a file up to the export caps, larger than a
 * page's. When it stopped there, say so where a download can: in the file's
 * name and an X-DataMind-Note header (Excel and PDF files say it inside). */
static const char *cap_note(req_t *r, const json_t *result, const char **file_title,
                            const char *title)
{
    if (!json_is_true(json_object_get(result, "truncated")))
        return NULL;
    size_t rows = json_array_size(json_object_get(result, "rows"));
    char n[32], size[32];
    buf_count_text(n, sizeof n, rows);
    *file_title = arena_printf(r->arena, "%s first %zu rows", title ? title : "export", rows);
    if (query_result_by_bytes(result)) {
        query_size_words((size_t)cfg->export_max_bytes, size, sizeof size);
        return arena_printf(r->arena, "This file stops after %s rows, at %s of values "
                            "(DATAMIND_EXPORT_MAX_BYTES): the query returned more.", n, size);
    }
    return arena_printf(r->arena, "This file stops at %s rows (DATAMIND_EXPORT_MAX_ROWS): the "
                        "query returned more.", n);
}

/* Write result as fmt into the response. 0, or -1 after an error page. */
static int send_file(req_t *r, const json_t *result, const export_meta_t *m, const char *fmt)
{
    const char *file_title = m->title;
    const char *note = cap_note(r, result, &file_title, m->title);
    if (note)
        http_header(r, "X-DataMind-Note", note);
    char err[512];
    if (strcmp(fmt, "csv") == 0) {
        char *mem = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&mem, &len);
        const char *bom = http_query(r, "bom");
        int rc = f ? export_csv(result, bom && strcmp(bom, "1") == 0, f, err, sizeof err) : -1;
        if (f)
            fclose(f);
        if (rc == 0) {
            attachment(r, file_title, "csv", "text/csv; charset=utf-8");
            buf_append(&r->body, mem, len);
        }
        free(mem);
        if (rc < 0)
            page_error(r, 500, "The CSV file could not be written.");
        return rc;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/datamind-export-XXXXXX", cfg->tmpdir);
    int fd = mkstemp(path);
    if (fd < 0) {
        page_error(r, 507, "There is no room to write the file right now. Try again later.");
        return -1;
    }
    close(fd);
    int pdf = strcmp(fmt, "pdf") == 0;
    int rc = pdf ? export_pdf(result, m, path, err, sizeof err)
                 : export_xlsx(result, m, path, err, sizeof err);
    if (rc == 0 && read_file_into(path, &r->body) == 0) {
        attachment(r, file_title, pdf ? "pdf" : "xlsx",
                   pdf ? "application/pdf"
                       : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    } else {
        rc = -1;
        page_error(r, 500, "The file could not be written.");
    }
    unlink(path);
    return rc;
}

static const char *format_param(req_t *r)
{
    const char *fmt = http_param(r, "format");
    if (fmt && (strcmp(fmt, "csv") == 0 || strcmp(fmt, "xlsx") == 0 || strcmp(fmt, "pdf") == 0))
        return fmt;
    return NULL;
}

/* Run sql on conn and send it as a file; audit under action export.<fmt>. */
static void export_query_values(req_t *r, const char *conn, const char *sql, const json_t *decl,
                                const json_t *values, export_meta_t *m, const char *rtype,
                                const char *rid)
{
    const char *fmt = format_param(r);
    if (!fmt) {
        page_error(r, 400, "Choose a format: csv, xlsx or pdf.");
        return;
    }
    query_opts_t o = {.source = "export", .max_rows = cfg->export_max_rows,
                      .max_bytes = cfg->export_max_bytes, .no_cache = 1, .param_decl = decl,
                      .param_values = values};
    query_outcome_t out;
    char err[1024];
    if (!conn || query_run(r->arena, r->user->org_id, r->user->id, r->remote_addr, conn, sql, &o,
                           &out, err, sizeof err) < 0) {
        page_error(r, 422, conn ? arena_printf(r->arena, "The query failed: %s", err)
                                : "The connection of this answer was deleted.");
        return;
    }
    m->sql = sql;
    m->generated_at = now_utc(r);
    if (send_file(r, out.result, m, fmt) == 0)
        store_audit_record(r->arena, r->user->org_id, r->user->id, arena_printf(r->arena, "export.%s", fmt),
                     rtype, rid, json_pack("{s:O, s:O}", "rows", json_object_get(out.result, "row_count"),
                                           "truncated", json_object_get(out.result, "truncated")),
                     r->remote_addr);
    json_decref(out.result);
}

static void export_query(req_t *r, const char *conn, const char *sql, const json_t *decl,
                         export_meta_t *m, const char *rtype, const char *rid)
{
    export_query_values(r, conn, sql, decl, NULL, m, rtype, rid);
}

void page_export_message(req_t *r)
{
    store_message_t msg;
    if (store_message_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &msg) < 0 ||
        !msg.sql_text) {
        page_error(r, 404, "There is no such answer to download.");
        return;
    }
    const char *q = msg.question;
    export_meta_t m = {.title = q ? q : "Answer", .question = q, .insight = msg.content,
                       .source = "DataMind chat", .chart_config = msg.chart_config};
    export_query(r, msg.connection_id, msg.sql_text, NULL, &m, "chat_message", msg.id);
}

void page_export_explore(req_t *r)
{
    const char *sql = http_param(r, "sql");
    export_meta_t m = {.title = "Explore result", .source = "DataMind Explore"};
    if (!sql || !*sql) {
        page_error(r, 400, "There is no query to export.");
        return;
    }
    json_t *decl = params_read(r, sql, NULL); /* the {{name}} values the result was run with */
    arena_defer_json(r->arena, decl);
    export_query(r, http_param(r, "connection_id"), sql, decl, &m, "connection",
                 http_param(r, "connection_id"));
}

void page_export_query(req_t *r)
{
    store_query_t q;
    if (store_query_get(r->arena, r->user->org_id, r->user->id, http_route_param(r, "id"), &q) < 0) {
        page_error(r, 404, "There is no such saved query.");
        return;
    }
    export_meta_t m = {.title = q.name, .insight = q.description, .source = "DataMind saved query"};
    json_t *base = json_loads(q.params ? q.params : "[]", 0, NULL);
    json_t *decl = params_read(r, q.sql_text, base); /* its defaults, or ?p_name= values */
    json_decref(base);
    arena_defer_json(r->arena, decl);
    export_query(r, q.connection_id, q.sql_text, decl, &m, "saved_query", q.id);
}

void page_export_widget(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    store_widget_t w;
    int found = store_widget_get(r->arena, r->user->org_id, d->id, http_route_param(r, "wid"), &w) == 0;
    if (!found || !*w.sql_text) {
        page_error(r, 404, "There is no such widget with a query on this dashboard.");
    } else {
        export_meta_t m = {.title = w.title,
                           .source = arena_printf(r->arena, "Dashboard %s",
                                                  d->title),
                           .chart_config = w.chart_config};
        /* what the card shows: the dashboard's filters of the link */
        dash_filter_t f;
        dashboard_filter_read(r, &f);
        const char *sql = w.sql_text;
        if (dashboard_filter_active(&f) && w.date_column && *w.date_column)
            sql = query_wrap_date_range(r->arena, sql, w.date_column, f.range, f.from, f.to);
        json_t *decl = json_loads(w.params ? w.params : "[]", 0, NULL);
        json_t *values = dashboard_widget_values(r, &f, &w);
        arena_defer_json(r->arena, decl);
        arena_defer_json(r->arena, values);
        export_query_values(r, w.connection_id, sql, decl, values, &m, "widget", w.id);
    }
}

/* One widget of the dashboard PDF: its text, or its result under the
 * dashboard's filter drawn as on the page (its kind, its config with the
 * columns the kind needs), or its error. */
static void dashboard_section(req_t *r, const store_widget_t *w, const dash_filter_t *f,
                              export_section_t *s, json_t *keep)
{
    const char *sql = w->sql_text, *conn = w->connection_id, *datecol = w->date_column;
    s->title = w->title;
    if (strcmp(w->kind, "text") == 0) {
        char *text = tmpl_markdown_text(w->body_markdown);
        s->text = arena_strdup(r->arena, text);
        free(text);
        return;
    }
    if (dashboard_filter_active(f) && datecol && *datecol)
        sql = query_wrap_date_range(r->arena, sql, datecol, f->range, f->from, f->to);
    json_t *decl = json_loads(w->params ? w->params : "[]", 0, NULL);
    json_t *values = dashboard_widget_values(r, f, w); /* as the page applies the filters */
    arena_defer_json(r->arena, decl);
    arena_defer_json(r->arena, values);
    query_opts_t o = {.source = "export", .max_rows = 1000, .param_decl = decl,
                      .param_values = values};
    query_outcome_t out;
    char err[512];
    if (!conn || query_run(r->arena, r->user->org_id, r->user->id, r->remote_addr, conn, sql, &o,
                           &out, err, sizeof err) < 0) {
        s->error = arena_strdup(r->arena, conn ? err : "its connection was deleted");
        return;
    }
    json_array_append_new(keep, out.result);
    s->result = out.result;
    json_t *conf = widget_draw_config(w, out.result);
    if (conf) {
        json_array_append_new(keep, conf);
        s->chart_config = conf;
    }
}

/* The whole dashboard as one PDF: every widget's current result, under the
 * dashboard's date filter when the page had one. */
void page_export_dashboard(req_t *r)
{
    const store_dash_t *d = dashboard_load(r);
    if (!d)
        return;
    const char *did = d->id;
    store_widget_t *widgets;
    size_t n;
    store_widget_list(r->arena, r->user->org_id, did, &widgets, &n);
    export_section_t *s = arena_alloc(r->arena, (n + 1) * sizeof *s);
    memset(s, 0, (n + 1) * sizeof *s);
    json_t *keep = json_array(); /* results live until the file is written */
    dash_filter_t f;
    dashboard_filter_read(r, &f);
    for (size_t i = 0; i < n; i++)
        dashboard_section(r, &widgets[i], &f, &s[i], keep);
    char path[4096], err[512];
    snprintf(path, sizeof path, "%s/datamind-export-XXXXXX", cfg->tmpdir);
    int fd = mkstemp(path);
    const char *title = d->title;
    if (fd >= 0)
        close(fd);
    if (fd < 0 || export_pdf_dashboard(title, arena_printf(r->arena, "Generated %s", now_utc(r)), s,
                                       n, path, err, sizeof err) < 0 ||
        read_file_into(path, &r->body) < 0) {
        page_error(r, 500, "The PDF could not be written.");
    } else {
        attachment(r, title, "pdf", "application/pdf");
        store_audit_record(r->arena, r->user->org_id, r->user->id, "export.pdf", "dashboard", did,
                     json_pack("{s:i}", "widgets", (int)n), r->remote_addr);
    }
    if (fd >= 0)
        unlink(path);
    json_decref(keep);
}
