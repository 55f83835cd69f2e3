/* sqlite.c — an uploaded SQLite file (.sqlite, .sqlite3, .db) becomes a
 * connection of its organization.
 *
 * The upload.ingest job hands such a file here. It is checked — no larger
 * than DATAMIND_UPLOAD_MAX_MB, SQLite's header magic, and PRAGMA
 * quick_check on DataMind's own copy (opened with extensions off, the
 * defensive flag on, an untrusted schema, a time limit), whose journal is
 * also switched from WAL to a plain rollback journal so that it opens
 * read-only later without -wal/-shm files — then kept as
 * DATAMIND_SQLITE_DIR/<org id>/<upload id>.db, and a connection of kind
 * "sqlite" named after the file is made for the organization (a name
 * already taken gets " (2)", " (3)" …). Reading the file's schema is the
 * schema refresh's job, through the SQLite engine (engine/sqlite_*.c), like
 * any other connection's. A bad file is recorded as failed with the reason
 * and not retried; a failure of the app database fails the job (retried). */
#include "uploads/uploads_internal.h"
#include "core/config.h"
#include "jobs/jobs.h"
#include "live/live.h"
#include "store/audit.h"
#include "store/connections.h"
#include "store/db.h"
#include "store/uploads.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHECK_TIMEOUT_S 120  /* quick_check of a large file */
#define NAME_TRIES 20

enum { FILE_OK = 0, FILE_BAD = 1, SERVER = -1 };

int uploads_sqlite_name(const char *filename)
{
    const char *dot = filename ? strrchr(filename, '.') : NULL;
    return dot && (!strcasecmp(dot, ".sqlite") || !strcasecmp(dot, ".sqlite3") ||
                   !strcasecmp(dot, ".db"));
}

static int magic_ok(const char *path)
{
    char head[16];
    int fd = open(path, O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, head, sizeof head) : -1;
    if (fd >= 0)
        close(fd);
    return n == (ssize_t)sizeof head && memcmp(head, "SQLite format 3", 16) == 0;
}

static int copy_file(const char *from, const char *to)
{
    char buf[65536];
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ssize_t n = 0;
    while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n) {
            n = -1;
            break;
        }
    int ok = in >= 0 && out >= 0 && n == 0 && fsync(out) == 0;
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

static int past(void *ud)
{
    return time(NULL) > *(time_t *)ud;
}

/* quick_check (and a rollback journal) on DataMind's copy. */
static int copy_check(const char *copy, char *why, size_t whylen)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    time_t deadline = time(NULL) + CHECK_TIMEOUT_S;
    int got, rc = sqlite3_open_v2(copy, &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &got);
        sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &got);
        sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &got);
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
        sqlite3_progress_handler(db, 10000, past, &deadline);
        rc = sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL);
    if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        const char *res = (const char *)sqlite3_column_text(st, 0);
        rc = res && !strcmp(res, "ok") ? SQLITE_OK : SQLITE_CORRUPT;
        if (rc != SQLITE_OK)
            snprintf(why, whylen, "the SQLite file is damaged (%s)", res ? res : "?");
    } else if (rc == SQLITE_OK) {
        rc = sqlite3_errcode(db);
    }
    if (rc != SQLITE_OK && !why[0])
        snprintf(why, whylen, "the file is not a SQLite database DataMind can read (%s)",
                 db && rc != SQLITE_INTERRUPT ? sqlite3_errmsg(db) : "the check took too long");
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc == SQLITE_OK ? FILE_OK : FILE_BAD;
}

/* The checked file kept at *dest (arena string). */
static int file_keep(arena_t *a, const char *org_id, const char *upload_id, const char *path,
                     const char **dest, char *why, size_t whylen)
{
    struct stat sb;
    const char *dir = arena_printf(a, "%s/%s", cfg->sqlite_dir, org_id);
    const char *tmp = arena_printf(a, "%s/%s.db.tmp", dir, upload_id);
    *dest = arena_printf(a, "%s/%s.db", dir, upload_id);
    if (stat(path, &sb) < 0 || sb.st_size > (off_t)cfg->upload_max_mb * 1024 * 1024) {
        snprintf(why, whylen, "the file is larger than %d MB", cfg->upload_max_mb);
        return FILE_BAD;
    }
    if (!magic_ok(path)) {
        snprintf(why, whylen, "the file is not a SQLite database (its first bytes are not SQLite's)");
        return FILE_BAD;
    }
    if ((mkdir(cfg->sqlite_dir, 0700) < 0 && errno != EEXIST) ||
        (mkdir(dir, 0700) < 0 && errno != EEXIST) || copy_file(path, tmp) < 0) {
        snprintf(why, whylen, "the file could not be stored under DATAMIND_SQLITE_DIR (%s)",
                 strerror(errno));
        unlink(tmp);
        return SERVER;
    }
    int rc = copy_check(tmp, why, whylen);
    if (rc == FILE_OK && rename(tmp, *dest) < 0) {
        snprintf(why, whylen, "the file could not be stored (%s)", strerror(errno));
        rc = SERVER;
    }
    unlink(tmp);
    return rc;
}

/* The connection's name: the file's name without its extension. */
static const char *conn_name(arena_t *a, const char *filename, int try)
{
    const char *slash = strrchr(filename, '/');
    const char *base = slash ? slash + 1 : filename;
    const char *dot = strrchr(base, '.');
    int n = (int)(dot && dot > base ? dot - base : (long)strlen(base));
    if (n > 150)
        n = 150;
    return try == 1 ? arena_printf(a, "%.*s", n, base) : arena_printf(a, "%.*s (%d)", n, base, try);
}

/* The connection of the kept file; *name: the name it got. */
static int conn_make(arena_t *a, const char *org_id, const char *user_id, const char *filename,
                     const char *dest, char **conn_id, const char **name, char *why, size_t whylen)
{
    store_conn_fields_t f = {.host = "", .database_name = dest, .username = "",
                             .sslmode = "disable", .kind = "sqlite", .port = 0};
    const char *field = NULL;
    for (int try = 1; try <= NAME_TRIES; try++) {
        f.name = *name = conn_name(a, filename, try);
        if (store_conn_create(a, org_id, user_id, &f, conn_id, &field, why, whylen) == 0)
            return FILE_OK;
        if (!field || strcmp(field, "name") != 0)
            break;
    }
    if (field && !strcmp(field, "name")) {
        snprintf(why, whylen, "every name for its connection is taken (%s …)", conn_name(a, filename, 1));
        return FILE_BAD;
    }
    if (!strcmp(why, "limit")) {
        snprintf(why, whylen, "the organization has as many connections as it may have: delete one first");
        return FILE_BAD;
    }
    snprintf(why, whylen, "the connection could not be made: the app database failed");
    return SERVER;
}

static void progress(arena_t *a, const char *job_id, const char *channel, const char *status,
                     int pct, const char *msg)
{
    jobs_progress(a, job_id, status, pct, msg);
    if (channel && strcmp(status, "running") == 0)
        live_publish_progress(a, channel, pct, msg);
    else if (channel)
        live_publish_done(channel, status);
}

int uploads_sqlite_task(arena_t *a, const json_t *job, char *err, size_t errlen)
{
    const json_t *args = json_object_get(job, "args");
    const char *job_id = json_string_value(json_object_get(job, "id"));
    const char *org_id = json_string_value(json_object_get(args, "org_id"));
    const char *upload_id = json_string_value(json_object_get(args, "upload_id"));
    const char *user_id = json_string_value(json_object_get(args, "user_id"));
    const char *path = json_string_value(json_object_get(args, "path"));
    const char *filename = json_string_value(json_object_get(args, "filename"));
    const char *channel = live_enabled() && org_id && upload_id
                              ? live_channel_org_item(a, org_id, "upload", upload_id) : NULL;
    int last = json_integer_value(json_object_get(job, "attempt")) + 1 >=
               json_integer_value(json_object_get(job, "max_attempts"));
    store_upload_t up;
    char why[512] = "";
    const char *dest = NULL, *name = NULL;
    char *conn_id = NULL;

    int found = org_id && upload_id && store_upload_get(a, org_id, upload_id, &up) == 0;
    if (!found && upload_id && db_is_down()) {
        snprintf(err, errlen, "the app database is unreachable");
        return -1;
    }
    if (!found || !path || !strcmp(up.status, "done") || !strcmp(up.status, "failed")) {
        if (path)
            unlink(path);
        return 0;
    }
    store_upload_set_status(a, org_id, upload_id, "running", NULL, -1, -1, NULL, NULL);
    progress(a, job_id, channel, "running", 10, "checking the SQLite file");
    int rc = file_keep(a, org_id, upload_id, path, &dest, why, sizeof why);
    if (rc == FILE_OK) {
        progress(a, job_id, channel, "running", 80, "making its connection");
        rc = conn_make(a, org_id, user_id, filename ? filename : "database.db", dest, &conn_id,
                       &name, why, sizeof why);
        if (rc != FILE_OK)
            unlink(dest);
    }
    if (rc == SERVER && !last) {
        snprintf(err, errlen, "%s", why);
        return -1; /* retried; the spooled file stays */
    }
    json_t *details = rc == FILE_OK
        ? json_pack("{s:s, s:s, s:s}", "kind", "sqlite", "connection_id", conn_id, "connection_name",
                    name)
        : json_pack("{s:s, s:b}", "kind", "sqlite", "server_error", rc == SERVER);
    int recorded = rc == FILE_OK
        ? (store_upload_set_connection(a, org_id, upload_id, conn_id) == 0 &&
           store_upload_set_status(a, org_id, upload_id, "done", NULL, -1, -1, NULL, details) == 0)
        : store_upload_set_status(a, org_id, upload_id, "failed", why, -1, -1, NULL, details) == 0;
    json_decref(details);
    if (!recorded) {
        snprintf(err, errlen, "the outcome could not be recorded: the app database failed");
        return -1;
    }
    unlink(path);
    progress(a, job_id, channel, rc == FILE_OK ? "done" : "failed", 100,
             rc == FILE_OK ? "the SQLite file is a connection now" : why);
    if (rc == FILE_OK)
        store_audit_record(a, org_id, user_id, "connection.create", "connection", conn_id,
                           json_pack("{s:s, s:s}", "kind", "sqlite", "upload", upload_id), NULL);
    return 0;
}
