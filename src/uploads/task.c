/* task.c — the upload.ingest job: scan the file, create the tables and
 * COPY the rows in one transaction (the tables appear complete or not at
 * all), then make sure the org's "Uploads" connection exists and read the
 * schema so chat knows the new tables. */
#include "uploads/uploads_internal.h"
#include "auth/auth.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/log.h"
#include "ingest/ingest.h"
#include "jobs/jobs.h"
#include "live/live.h"
#include "query/query.h"
#include "store/uploads.h"
#include "store/audit.h"
#include "store/connections.h"
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct load load_t;
int uploads_check_columns(load_t *l, const char *schema, const char *name,
                          const ingest_table_t *t, char *err, size_t errlen);

struct load {
    arena_t *a;
    PGconn *c;
    const char *job_id;
    const char *org_id, *upload_id;
    const char *channel; /* the upload page's live channel (live/live.h) */
    long done, total;
    int last_pct;
};

/* The job's progress (jobs_progress, read by the page) also pushed to the
 * upload's page through nginx when live updates are on. */
static void report(arena_t *a, load_t *l, const char *status, int pct, const char *msg)
{
    jobs_progress(a, l->job_id, status, pct, msg);
    if (!l->channel)
        return;
    if (strcmp(status, "running") == 0)
        live_publish_progress(a, l->channel, pct, msg);
    else
        live_publish_done(l->channel, status);
}

static int copy_row(void *ctx, const char *line, size_t len)
{
    load_t *l = ctx;
    if (PQputCopyData(l->c, line, (int)len) != 1 || PQputCopyData(l->c, "\n", 1) != 1)
        return -1;
    if (++l->done % 20000 == 0 && l->total > 0) {
        int pct = (int)(10 + 80 * l->done / l->total);
        if (pct != l->last_pct) {
            l->last_pct = pct;
            report(l->a, l, "running", pct, arena_printf(l->a, "%ld rows loaded", l->done));
        }
    }
    return 0;
}

/* The columns of an existing upload table, in order. */
static json_t *existing_columns(PGconn *c, const char *schema, const char *table)
{
    const char *p[2] = {schema, table};
    PGresult *r = PQexecParams(c,
                               "SELECT a.attname FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid"
                               " JOIN pg_namespace n ON n.oid = t.relnamespace"
                               " WHERE n.nspname = $1 AND t.relname = $2 AND a.attnum > 0"
                               " AND NOT a.attisdropped ORDER BY a.attnum",
                               2, NULL, p, NULL, NULL, 0);
    json_t *cols = json_array();
    for (int i = 0; PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r); i++)
        json_array_append_new(cols, json_string(PQgetvalue(r, i, 0)));
    PQclear(r);
    return cols;
}

/* Append needs the same columns; say which differ. */
int uploads_check_columns(load_t *l, const char *schema, const char *name,
                          const ingest_table_t *t, char *err, size_t errlen)
{
    json_t *have = existing_columns(l->c, schema, name);
    buf_t missing = {0}, extra = {0};
    for (size_t i = 0; i < t->ncols; i++) {
        int found = 0;
        for (size_t j = 0; j < json_array_size(have); j++)
            found |= strcmp(json_string_value(json_array_get(have, j)), t->cols[i].name) == 0;
        if (!found)
            buf_printf(&extra, "%s%s", extra.len ? ", " : "", t->cols[i].name);
    }
    for (size_t j = 0; j < json_array_size(have); j++) {
        int found = 0;
        for (size_t i = 0; i < t->ncols; i++)
            found |= strcmp(json_string_value(json_array_get(have, j)), t->cols[i].name) == 0;
        if (!found)
            buf_printf(&missing, "%s%s", missing.len ? ", " : "", json_string_value(json_array_get(have, j)));
    }
    int rc = 0;
    if (json_array_size(have) == 0) {
        snprintf(err, errlen, "there is no table %s to append to", name);
        rc = -1;
    } else if (missing.len || extra.len) {
        snprintf(err, errlen, "the columns do not match the table %s:%s%s%s%s", name,
                 extra.len ? " not in the table: " : "", buf_str(&extra),
                 missing.len ? "; missing from the file: " : "", buf_str(&missing));
        rc = -1;
    }
    buf_free(&missing);
    buf_free(&extra);
    json_decref(have);
    return rc;
}

/* A table name not taken yet in the schema: name, name_2, name_3… */
static const char *free_name(load_t *l, const char *schema, const char *name)
{
    for (int n = 1; n < 1000; n++) {
        const char *cand = n == 1 ? name : arena_printf(l->a, "%.58s_%d", name, n);
        json_t *cols = existing_columns(l->c, schema, cand);
        int taken = json_array_size(cols) > 0;
        json_decref(cols);
        if (!taken)
            return cand;
    }
    return arena_printf(l->a, "%.50s_%s", name, l->upload_id);
}

/* CREATE TABLE for a scanned table (or check the columns match for append). */
static int prepare_table(load_t *l, const char *schema, const ingest_table_t *t, const char *name,
                         const char *mode, char *err, size_t errlen)
{
    arena_t *a = l->a;
    const char *full = arena_printf(a, "%s.%s", sqlsafe_ident(a, schema), sqlsafe_ident(a, name));
    if (strcmp(mode, "append") == 0)
        return uploads_check_columns(l, schema, name, t, err, errlen);
    if (strcmp(mode, "replace") == 0 &&
        uploads_exec(l->c, arena_printf(a, "DROP TABLE IF EXISTS %s", full), err, errlen) < 0)
        return -1;
    buf_t sql = {0};
    buf_printf(&sql, "CREATE TABLE %s (", full);
    for (size_t i = 0; i < t->ncols; i++)
        buf_printf(&sql, "%s%s %s", i ? ", " : "", sqlsafe_ident(a, t->cols[i].name),
                   ingest_type_sql(t->cols[i].type));
    buf_puts(&sql, ")");
    int rc = uploads_exec(l->c, buf_str(&sql), err, errlen);
    buf_free(&sql);
    return rc;
}

static int copy_table(load_t *l, const char *path, const ingest_table_t *tables, size_t ti,
                      const ingest_opts_t *o, const char *schema, const char *name, char *err,
                      size_t errlen)
{
    arena_t *a = l->a;
    const ingest_table_t *t = &tables[ti];
    buf_t sql = {0};
    buf_printf(&sql, "COPY %s.%s (", sqlsafe_ident(a, schema), sqlsafe_ident(a, name));
    for (size_t i = 0; i < t->ncols; i++)
        buf_printf(&sql, "%s%s", i ? ", " : "", sqlsafe_ident(a, t->cols[i].name));
    buf_puts(&sql, ") FROM STDIN");
    PGresult *r = PQexec(l->c, buf_str(&sql));
    buf_free(&sql);
    int ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (!ok) {
        snprintf(err, errlen, "%s", PQerrorMessage(l->c));
        return -1;
    }
    int rc = ingest_rows(path, tables, ti, o, copy_row, l, err, errlen);
    PQputCopyEnd(l->c, rc < 0 ? "the upload could not be read" : NULL);
    r = PQgetResult(l->c);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && rc == 0) {
        snprintf(err, errlen, "%s", PQresultErrorMessage(r));
        rc = -1;
    }
    PQclear(r);
    while ((r = PQgetResult(l->c)))
        PQclear(r);
    return rc;
}

static json_t *table_details(const ingest_table_t *t, const char *name)
{
    json_t *cols = json_array(), *bad = json_array();
    for (size_t i = 0; i < t->ncols; i++)
        json_array_append_new(cols, json_pack("{s:s, s:s, s:s, s:s?}", "name", t->cols[i].name,
                                              "original", t->cols[i].original ? t->cols[i].original : "",
                                              "type", ingest_type_sql(t->cols[i].type),
                                              "note", t->cols[i].note));
    for (size_t i = 0; i < t->nbad_samples; i++)
        json_array_append_new(bad, json_string(t->bad_samples[i]));
    json_t *d = json_pack("{s:s, s:I, s:o, s:o, s:s}", "table", name, "rows", (json_int_t)t->rows,
                          "columns", cols, "bad_samples", bad, "encoding",
                          t->encoding ? t->encoding : "");
    if (t->bad_lines > 0) /* templates treat 0 as true: only set when there were some */
        json_object_set_new(d, "bad_lines", json_integer(t->bad_lines));
    return d;
}

/* The org's "Uploads" connection in the app database (created once). */
static const char *ensure_connection(load_t *l, const char *password, char *err, size_t errlen)
{
    const char *id = store_upload_connection(l->a, l->org_id);
    const char *host, *schema, *role;
    int port;
    uploads_target(l->c, &host, &port);
    uploads_names(l->a, l->org_id, &schema, &role);
    if (id && !password)
        return id;
    if (!password) { /* the role's password is known only when it was just set */
        snprintf(err, errlen, "the Uploads connection could not be saved");
        return NULL;
    }
    unsigned char *enc = NULL;
    size_t enclen = 0;
    const char *binding = store_conn_target_binding(l->a, "uploads", host, port, PQdb(l->c), role, "prefer");
    if (secret_seal(binding, password, &enc, &enclen) < 0) {
        snprintf(err, errlen, "the uploads password could not be stored");
        return NULL;
    }
    store_conn_fields_t f = {.name = "Uploads", .host = host, .port = port, .database_name = PQdb(l->c),
                       .username = role, .sslmode = "prefer", .password_enc = enc,
                       .password_enc_len = enclen};
    char *nid = NULL;
    int rc = id ? store_conn_update_uploads(l->a, l->org_id, id, &f)
                : store_conn_create_uploads(l->a, l->org_id, &f, &nid);
    free(enc);
    if (rc < 0) {
        snprintf(err, errlen, "the Uploads connection could not be saved");
        return NULL;
    }
    return id ? id : nid;
}

static void progress(void *ctx, double f)
{
    load_t *l = ctx;
    int pct = (int)(f * 10);
    if (pct != l->last_pct) {
        l->last_pct = pct;
        report(l->a, l, "running", pct, "reading the file");
    }
}

/* Each table loaded is marked with its upload (a comment, in the same
 * transaction): a retry after the load committed finds it and does not
 * load the file a second time. */
static const char *marker(load_t *l)
{
    return arena_printf(l->a, "datamind upload %s ", l->upload_id);
}

static int mark_table(load_t *l, const char *schema, const char *name, size_t i, char *err,
                      size_t errlen)
{
    const char *text = arena_printf(l->a, "%s%zu", marker(l), i);
    char *lit = PQescapeLiteral(l->c, text, strlen(text));
    if (!lit) {
        snprintf(err, errlen, "%s", PQerrorMessage(l->c));
        return -1;
    }
    int rc = uploads_exec(l->c, arena_printf(l->a, "COMMENT ON TABLE %s.%s IS %s",
                                             sqlsafe_ident(l->a, schema),
                                             sqlsafe_ident(l->a, name), lit), err, errlen);
    PQfreemem(lit);
    return rc;
}

/* The n tables an earlier attempt of this upload committed, in file order:
 * 1 when all are there (names filled), 0 when not, -1 on a database error. */
static int loaded_before(load_t *l, const char *schema, size_t n, const char **names, char *err,
                         size_t errlen)
{
    const char *like = arena_printf(l->a, "%s%%", marker(l));
    const char *p[2] = {schema, like};
    PGresult *r = PQexecParams(l->c,
                               "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c"
                               " JOIN pg_namespace s ON s.oid = c.relnamespace"
                               " WHERE s.nspname = $1 AND c.relkind = 'r'"
                               " AND obj_description(c.oid, 'pg_class') LIKE $2",
                               2, NULL, p, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errlen, "%s", PQresultErrorMessage(r));
        PQclear(r);
        return -1;
    }
    size_t found = 0, skip = strlen(like) - 1;
    for (int i = 0; i < PQntuples(r); i++) {
        size_t k = strtoul(PQgetvalue(r, i, 1) + skip, NULL, 10);
        if (k < n && !names[k]) {
            names[k] = arena_strdup(l->a, PQgetvalue(r, i, 0));
            found++;
        }
    }
    PQclear(r);
    return n > 0 && found == n ? 1 : 0;
}

/* The load committed by an earlier attempt: its details again, and (when
 * the org has no Uploads connection yet) a fresh password for the role,
 * since the earlier attempt's was never saved. */
static int reuse_load(load_t *l, const ingest_table_t *tables, size_t n, const char **names,
                      json_t *details, const char **password, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++)
        json_array_append_new(json_object_get(details, "tables"), table_details(&tables[i], names[i]));
    *password = NULL;
    if (store_upload_connection(l->a, l->org_id))
        return 0;
    if (db_is_down()) {
        snprintf(err, errlen, "the app database is unreachable");
        return -1;
    }
    if (uploads_exec(l->c, "BEGIN", err, errlen) < 0)
        return -1;
    int rc = uploads_org_schema(l->a, l->c, l->org_id, 1, password, err, errlen);
    if (rc == 0)
        rc = uploads_exec(l->c, "COMMIT", err, errlen);
    else
        uploads_exec(l->c, "ROLLBACK", err + strlen(err), 0);
    return rc;
}

/* Everything in one transaction: the tables appear complete or not at all. */
static int load_all(load_t *l, const json_t *args, const char *path, ingest_table_t *tables,
                    size_t n, const ingest_opts_t *o, json_t *details, const char **password,
                    char *err, size_t errlen)
{
    const char *mode = json_string_value(json_object_get(args, "mode"));
    const char *target = json_string_value(json_object_get(args, "target"));
    const char *schema, *role;
    mode = mode ? mode : "new";
    uploads_names(l->a, l->org_id, &schema, &role);
    int need_pw = store_upload_connection(l->a, l->org_id) == NULL;
    if (uploads_exec(l->c, "BEGIN", err, errlen) < 0)
        return -1;
    int rc = uploads_org_schema(l->a, l->c, l->org_id, need_pw, password, err, errlen);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *name = target && *target && strcmp(mode, "new") != 0 && n == 1
                               ? target : free_name(l, schema, tables[i].name);
        l->total = tables[i].rows;
        l->done = 0;
        rc = prepare_table(l, schema, &tables[i], name, mode, err, errlen);
        if (rc == 0)
            rc = copy_table(l, path, tables, i, o, schema, name, err, errlen);
        if (rc == 0)
            rc = mark_table(l, schema, name, i, err, errlen);
        if (rc == 0)
            json_array_append_new(json_object_get(details, "tables"), table_details(&tables[i], name));
    }
    if (rc == 0)
        rc = uploads_exec(l->c, "COMMIT", err, errlen);
    else
        uploads_exec(l->c, "ROLLBACK", err + strlen(err), 0);
    return rc;
}

/* How one attempt ended. */
typedef enum { INGEST_DONE, INGEST_BAD_FILE, INGEST_SERVER } ingest_end_t;

/* Scan and load the file (or find the load an earlier attempt committed),
 * save the Uploads connection. *conn_id on success. */
static ingest_end_t ingest_run(load_t *l, const json_t *args, const char *path,
                               const char *filename, json_t *details, const char **conn_id,
                               char *why, size_t whylen)
{
    ingest_opts_t o = {.skip_bad_lines = json_is_true(json_object_get(args, "skip_bad_lines")),
                       .progress = progress, .progress_ctx = l};
    ingest_table_t *tables = NULL;
    size_t n = 0;
    const char *password = NULL, *schema, *role;
    if (ingest_scan(path, filename, &o, &tables, &n, why, whylen) < 0)
        return INGEST_BAD_FILE;
    ingest_end_t end = INGEST_SERVER;
    uploads_names(l->a, l->org_id, &schema, &role);
    const char **names = arena_alloc(l->a, (n ? n : 1) * sizeof *names);
    if (!(l->c = uploads_db_connect(why, whylen)))
        goto out;
    int before = loaded_before(l, schema, n, names, why, whylen);
    int rc = before < 0 ? -1
             : before ? reuse_load(l, tables, n, names, details, &password, why, whylen)
                      : load_all(l, args, path, tables, n, &o, details, &password, why, whylen);
    if (rc < 0) {
        /* lost the server: try again; an error of the file's own: it stays */
        end = PQstatus(l->c) == CONNECTION_OK && !db_is_down() ? INGEST_BAD_FILE : INGEST_SERVER;
        goto out;
    }
    *conn_id = ensure_connection(l, password, why, whylen);
    end = *conn_id ? INGEST_DONE : INGEST_SERVER;
out:
    if (l->c)
        PQfinish(l->c);
    l->c = NULL;
    ingest_tables_free(tables, n);
    return end;
}

/* Success, written down: the upload's row says done. */
static int record_done(arena_t *a, load_t *l, const json_t *args, json_t *details,
                       const char *conn_id)
{
    long long rows = 0;
    int cols = 0;
    json_t *t;
    size_t i;
    json_array_foreach(json_object_get(details, "tables"), i, t) {
        rows += json_integer_value(json_object_get(t, "rows"));
        cols += (int)json_array_size(json_object_get(t, "columns"));
    }
    const char *first = json_string_value(json_object_get(json_array_get(json_object_get(details, "tables"), 0), "table"));
    if (store_upload_set_connection(a, l->org_id, l->upload_id, conn_id) < 0 ||
        store_upload_set_status(a, l->org_id, l->upload_id, "done", NULL, rows, cols, first, details) < 0)
        return -1;
    report(a, l, "running", 95, "reading the new schema");
    store_conn_t c;
    int nt;
    char why[512];
    if (store_conn_get(a, l->org_id, conn_id, &c) == 0)
        query_discover(a, l->org_id, &c, &nt, why, sizeof why);
    report(a, l, "done", 100, arena_printf(a, "%lld rows loaded", rows));
    store_audit_record(a, l->org_id, json_string_value(json_object_get(args, "user_id")), "upload.done",
                 "upload", l->upload_id, json_pack("{s:I}", "rows", (json_int_t)rows), NULL);
    return 0;
}

/* A failure, written down (server: the app's fault, not the file's). */
static int record_failed(arena_t *a, load_t *l, const char *why, int server, json_t *details)
{
    if (server)
        json_object_set_new(details, "server_error", json_true());
    if (store_upload_set_status(a, l->org_id, l->upload_id, "failed", why, -1, -1, NULL, details) < 0)
        return -1;
    report(a, l, "failed", 100, why);
    return 0;
}

/* The job's answer: 0 (acked) only once the outcome is in the upload's
 * row; then, and only then, the spooled file goes. A server failure fails
 * the job, so the queue retries it, and dead-letters it after the last
 * attempt (whose "failed" is written here when the database lets us, and
 * otherwise by the sweep, uploads_task_sweep). A bad file is the user's to
 * fix: recorded as failed, not retried. */
int uploads_task_ingest(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    if (uploads_sqlite_name(json_string_value(json_object_get(args, "filename"))))
        return uploads_sqlite_task(a, job, err, errlen);
    load_t l = {.a = a, .job_id = json_string_value(json_object_get(job, "id")),
                .org_id = json_string_value(json_object_get(args, "org_id")),
                .upload_id = json_string_value(json_object_get(args, "upload_id")), .last_pct = -1};
    if (live_enabled() && l.org_id && l.upload_id)
        l.channel = live_channel_org_item(a, l.org_id, "upload", l.upload_id);
    const char *path = json_string_value(json_object_get(args, "path"));
    const char *filename = json_string_value(json_object_get(args, "filename"));
    int attempt = (int)json_integer_value(json_object_get(job, "attempt")) + 1;
    int last = attempt >= json_integer_value(json_object_get(job, "max_attempts"));
    store_upload_t up;
    int found = l.org_id && l.upload_id && store_upload_get(a, l.org_id, l.upload_id, &up) == 0;
    if (!found && l.upload_id && db_is_down()) {
        snprintf(err, errlen, "the app database is unreachable");
        return -1; /* the file stays for the next attempt */
    }
    int settled = !found || !strcmp(up.status, "done") || !strcmp(up.status, "failed");
    if (settled || !path) { /* deleted meanwhile, or settled by an earlier delivery */
        if (path)
            unlink(path);
        return 0;
    }
    if (store_upload_set_status(a, l.org_id, l.upload_id, "running", NULL, -1, -1, NULL, NULL) < 0) {
        snprintf(err, errlen, "the app database is unreachable");
        return -1;
    }
    report(a, &l, "running", 0, attempt > 1 ? "reading the file (again)" : "reading the file");
    char why[1024] = "";
    json_t *details = json_pack("{s:[]}", "tables");
    const char *conn_id = NULL;
    ingest_end_t end = INGEST_SERVER;
    if (access(path, R_OK) == 0) {
        end = ingest_run(&l, args, path, filename, details, &conn_id, why, sizeof why);
    } else {
        snprintf(why, sizeof why, "the uploaded file is gone (the worker cannot read it): upload it again");
        last = 1; /* no attempt brings it back */
    }
    int recorded = -1;
    if (end == INGEST_DONE && (recorded = record_done(a, &l, args, details, conn_id)) < 0)
        snprintf(why, sizeof why, "the result could not be recorded: the app database failed");
    if (end == INGEST_BAD_FILE || (end == INGEST_SERVER && last))
        recorded = record_failed(a, &l, end == INGEST_SERVER && attempt > 1
                                     ? arena_printf(a, "%s (gave up after %d attempts)", why, attempt)
                                     : why, end == INGEST_SERVER, details);
    else if (end == INGEST_SERVER)
        report(a, &l, "running", 0, arena_printf(a, "interrupted (%s); trying again", why));
    json_decref(details);
    if (recorded == 0)
        unlink(path); /* the outcome is written down: the file has done its job */
    if (recorded == 0 && end != INGEST_SERVER)
        return 0;
    snprintf(err, errlen, "%s", why[0] ? why : "the outcome could not be recorded");
    return -1;
}

int uploads_drop_table(arena_t *a, const char *org_id, const char *table, char *err,
                       size_t errlen)
{
    PGconn *c = uploads_db_connect(err, errlen);
    if (!c)
        return -1;
    const char *schema, *role;
    uploads_names(a, org_id, &schema, &role);
    int rc = uploads_exec(c, arena_printf(a, "DROP TABLE IF EXISTS %s.%s", sqlsafe_ident(a, schema),
                                          sqlsafe_ident(a, table)), err, errlen);
    PQfinish(c);
    return rc;
}
