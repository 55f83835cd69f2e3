/* uploads.c — bring a CSV or Excel file, get tables to ask questions of
 * (or a SQLite file, get a connection):
 * the list, the upload form, the progress page, delete. The loading is
 * the worker's upload.ingest job (uploads/task.c). */
#include "pages/pages.h"
#include "live/live.h"
#include "jobs/jobs.h"
#include "store/uploads.h"
#include "store/audit.h"
#include "uploads/uploads.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

void page_uploads(req_t *r)
{
    json_t *ctx = page_ctx(r, "Uploads", "uploads");
    store_upload_t *rows;
    size_t n;
    store_upload_list(r->arena, r->user->org_id, &rows, &n);
    json_object_set_new(ctx, "empty", json_boolean(n == 0));
    json_t *list = json_array(), *done = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *u = store_upload_json(&rows[i]);
        json_object_set_new(u, arena_printf(r->arena, "is_%s", rows[i].status), json_true());
        if (strcmp(rows[i].status, "done") == 0)
            json_array_append(done, u);
        json_array_append_new(list, u);
    }
    json_object_set_new(ctx, "uploads", list);
    json_object_set_new(ctx, "targets", done);
    json_object_set_new(ctx, "connection_id", json_string(or_empty(store_upload_connection(r->arena, r->user->org_id))));
    page_render(r, "uploads", ctx);
}

static int allowed_name(const char *name)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    return uploads_sqlite_name(name) ||
           (dot && (!strcasecmp(dot, ".csv") || !strcasecmp(dot, ".tsv") ||
                    !strcasecmp(dot, ".txt") || !strcasecmp(dot, ".xlsx")));
}

/* Keep the uploaded bytes for the job: the request's temp file is moved
 * (or the in-memory body written) into the spool directory. */
static const char *spool(req_t *r, const http_file_t *f, const char *upload_id)
{
    const char *dir = uploads_spool_dir(r->arena);
    mkdir(dir, 0700);
    const char *dest = arena_printf(r->arena, "%s/%s", dir, upload_id);
    if (f->path)
        return rename(f->path, dest) == 0 ? dest : NULL;
    int fd = open(dest, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return NULL;
    ssize_t w = write(fd, f->data, f->size);
    close(fd);
    return w == (ssize_t)f->size ? dest : NULL;
}

static int refused(const char **why, int *status, int code, const char *msg)
{
    *why = msg;
    *status = code;
    return -1;
}

int page_upload_start(req_t *r, const char **upload_id, int *status, const char **why)
{
    const http_file_t *f = http_file(r, "file");
    const char *mode = http_param(r, "mode");
    const char *target = http_param(r, "target");
    const char *skip = http_param(r, "skip_bad_lines");
    mode = mode && (!strcmp(mode, "replace") || !strcmp(mode, "append")) ? mode : "new";
    if (!f || f->size == 0)
        return refused(why, status, 400, "Choose a file to upload: it was missing or empty.");
    if (!allowed_name(f->filename))
        return refused(why, status, 400, "DataMind reads .csv, .tsv, .txt and .xlsx files, and "
                                         "SQLite databases (.sqlite, .sqlite3, .db).");
    if (uploads_sqlite_name(f->filename) && strcmp(mode, "new") != 0)
        return refused(why, status, 400, "A SQLite database becomes a connection of its own: "
                                         "upload it as new.");
    const char *table = NULL;
    if (strcmp(mode, "new") != 0) {
        store_upload_t t;
        if (store_upload_get(r->arena, r->user->org_id, target, &t) < 0)
            return refused(why, status, 400, "Pick the upload to replace or append to.");
        table = t.table_name;
    }
    char *id = NULL, jid[33] = "", err[256];
    json_t *details = json_pack("{s:s, s:s?}", "mode", mode, "target", table);
    int rc = store_upload_create(r->arena, r->user->org_id, r->user->id, f->filename,
                                 (long long)f->size, table ? table : "", details, &id);
    json_decref(details);
    const char *path = rc == 0 ? spool(r, f, id) : NULL;
    if (!path) {
        if (id)
            store_upload_set_status(r->arena, r->user->org_id, id, "failed", "the file could not be stored", -1, -1, NULL, NULL);
        return refused(why, status, 507, "There was no room to keep the file. Try again later.");
    }
    json_t *args = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:b}", "upload_id", id, "org_id",
                             r->user->org_id, "user_id", r->user->id, "path", path, "filename",
                             f->filename, "mode", mode, "target", table, "skip_bad_lines",
                             skip && strcmp(skip, "1") == 0);
    /* 5 attempts: 1 + 2 + 4 + 8 s apart, time for a database restart */
    if (jobs_enqueue(r->arena, "default", "upload.ingest", args, 5, NULL, jid, err, sizeof err) < 0) {
        unlink(path);
        store_upload_set_status(r->arena, r->user->org_id, id, "failed", "the job queue is unavailable", -1, -1, NULL, NULL);
        return refused(why, status, 503, "The job queue is unavailable right now. Try again in a minute.");
    }
    store_upload_set_job(r->arena, r->user->org_id, id, jid);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "upload.create", "upload", id,
                 json_pack("{s:s, s:I, s:s}", "file", f->filename, "bytes", (json_int_t)f->size,
                           "mode", mode), r->remote_addr);
    *upload_id = id;
    return 0;
}

void page_upload_create(req_t *r)
{
    const char *id, *why;
    int status;
    if (page_upload_start(r, &id, &status, &why) == 0) {
        http_redirect(r, 303, arena_printf(r->arena, "/uploads/%s", id));
    } else if (status == 400) {
        page_flash(r, "error", why);
        http_redirect(r, 303, "/uploads");
    } else {
        page_error(r, status, why);
    }
}

void page_upload(req_t *r)
{
    store_upload_t row;
    if (store_upload_get(r->arena, r->user->org_id, http_route_param(r, "id"), &row) < 0) {
        page_error(r, 404, "There is no such upload.");
        return;
    }
    const char *st = row.status;
    json_t *prog = row.job_id ? jobs_progress_get(r->arena, row.job_id) : NULL;
    int busy = !strcmp(st, "queued") || !strcmp(st, "running");
    json_t *ctx = page_ctx(r, row.original_filename, "uploads");
    json_t *u = store_upload_json(&row);
    json_object_set_new(u, arena_printf(r->arena, "is_%s", st), json_true());
    json_t *count = row.row_count < 0 ? json_null() : json_integer(row.row_count);
    json_object_set_new(u, "rows_words", json_string(page_count_words(r, count, "row", "rows")));
    json_decref(count);
    json_t *details = json_deep_copy(row.details), *t;
    size_t i;
    json_array_foreach(json_object_get(details, "tables"), i, t)
        json_object_set_new(t, "rows_words", json_string(page_count_words(
            r, json_object_get(t, "rows"), "row", "rows")));
    json_object_set_new(u, "details", details);
    if (prog)
        json_object_set(u, "progress", prog);
    json_object_set_new(ctx, "busy", json_boolean(busy));
    const char *live = busy && live_enabled()
                           ? live_channel_org_item(r->arena, r->user->org_id, "upload", row.id) : NULL;
    if (live) { /* pushed through nginx; without JavaScript the page reloads itself */
        json_object_set_new(ctx, "live_upload", json_string(live));
        json_object_set_new(ctx, "refresh_nojs", json_integer(2));
    } else if (busy) {
        json_object_set_new(ctx, "refresh", json_integer(2)); /* no-JS: the page reloads itself */
    }
    json_object_set_new(ctx, "upload", u);
    json_object_set_new(ctx, "connection_id", json_string(or_empty(store_upload_connection(r->arena, r->user->org_id))));
    if (r->htmx)
        page_render_bare(r, "upload_status", ctx, NULL);
    else
        page_render(r, "upload", ctx);
}

/* A SQLite upload's connection and file go with it, or nothing does
 * while something uses the connection: -1 when the answer was sent. */
static int upload_drop_sqlite(req_t *r, const store_upload_t *u, const char *conn_id)
{
    const char *refusal = NULL;
    char err[256];
    int rc = uploads_sqlite_drop(r->arena, r->user->org_id, r->user->id, u->id, conn_id, &refusal,
                                 err, sizeof err);
    if (rc == 0)
        return 0;
    if (rc < 0) {
        page_error(r, 503, arena_printf(r->arena, "The upload could not be deleted right now: %s.", err));
        return -1;
    }
    page_flash(r, "error", arena_printf(r->arena, "The upload was not deleted. %s", refusal));
    http_redirect(r, 303, arena_printf(r->arena, "/uploads/%s", u->id));
    return -1;
}

void page_upload_delete(req_t *r)
{
    store_upload_t u;
    if (store_upload_get(r->arena, r->user->org_id, http_route_param(r, "id"), &u) < 0) {
        page_error(r, 404, "There is no such upload.");
        return;
    }
    char err[256];
    const char *id = u.id;
    const char *conn_id = json_string_value(json_object_get(u.details, "connection_id"));
    const char *conn_name = json_string_value(json_object_get(u.details, "connection_name"));
    if (conn_id && upload_drop_sqlite(r, &u, conn_id) < 0)
        return;
    json_t *tables = json_object_get(u.details, "tables");
    size_t i;
    json_t *t;
    json_array_foreach(tables, i, t) {
        const char *name = json_string_value(json_object_get(t, "table"));
        if (name && uploads_drop_table(r->arena, r->user->org_id, name, err, sizeof err) < 0) {
            page_error(r, 503, "The table could not be dropped right now. Try again.");
            return;
        }
    }
    store_upload_delete(r->arena, r->user->org_id, id);
    store_audit_record(r->arena, r->user->org_id, r->user->id, "upload.delete", "upload", id,
                 json_pack("{s:s}", "file", u.original_filename), r->remote_addr);
    page_flash(r, "ok", conn_id ? arena_printf(r->arena, "Upload deleted, with its connection \u201c%s\u201d.",
                                               conn_name ? conn_name : "")
                                : "Upload deleted and its table dropped.");
    http_redirect(r, 303, "/uploads");
}
