/* migrate.c — apply migrations/NNNN_name.sql in order.
 *
 * Each file runs in its own transaction together with the row that records
 * it, so a failed migration leaves nothing half-applied. An advisory lock
 * serialises concurrent runs (two hosts starting at once). */
#include "store/db.h"
#include "store/migrate.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIGRATE_LOCK "SELECT pg_advisory_lock(7216354001)"
#define MIGRATE_UNLOCK "SELECT pg_advisory_unlock(7216354001)"

static int is_migration(const char *name)
{
    size_t n = strlen(name);
    return n > 9 && isdigit((unsigned char)name[0]) && isdigit((unsigned char)name[1]) &&
           isdigit((unsigned char)name[2]) && isdigit((unsigned char)name[3]) &&
           name[4] == '_' && strcmp(name + n - 4, ".sql") == 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted list of migration file names; caller frees each and the array. */
static char **list_files(const char *dir, size_t *count, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "cannot open migrations directory %s: %s", dir, strerror(errno));
        return NULL;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_migration(e->d_name))
            continue;
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (n > 1) /* qsort wants a real array, even of 0 elements */
        qsort(names, n, sizeof *names, cmp_names);
    *count = n;
    return names ? names : xcalloc(1, sizeof *names);
}

static int read_file(const char *path, buf_t *out, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, got);
    fclose(f);
    return 0;
}

static int exec_ok(PGconn *c, PGresult *res, char *err, size_t errlen, const char *what)
{
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        PQclear(res);
        return 0;
    }
    snprintf(err, errlen, "%s: %s", what, res ? PQresultErrorMessage(res) : PQerrorMessage(c));
    PQclear(res);
    return -1;
}

static int already_applied(PGconn *c, const char *version)
{
    const char *p[1] = {version};
    PGresult *res = PQexecParams(c, "SELECT 1 FROM schema_migrations WHERE version = $1", 1, NULL,
                                 p, NULL, NULL, 0);
    int yes = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0;
    PQclear(res);
    return yes;
}

/* One migration in one transaction (db_begin: never on a reconnected
 * connection): the file (several statements: PQexec), then its record. */
static int apply_one(arena_t *a, PGconn *held, const char *dir, const char *name, char *err,
                     size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    buf_t sql = {0};
    int rc = -1;
    if (read_file(path, &sql, err, errlen) < 0)
        goto out;
    /* on the connection that holds the advisory lock, or not at all */
    if (!db_idle_ok(held)) {
        snprintf(err, errlen, "%s: the connection to the app database was lost", name);
        goto out;
    }
    if (db_begin(err, errlen) < 0)
        goto out;
    PGconn *c = db_conn(); /* inside the transaction: its connection, or NULL once lost */
    const char *p[1] = {name};
    /* Our own files, never user input: the one place PQexec is right. */
    if (!c || exec_ok(c, PQexec(c, buf_str(&sql)), err, errlen, name) < 0 ||
        !db_exec(a, "INSERT INTO schema_migrations (version) VALUES ($1)", 1, p, err, errlen)) {
        if (!c)
            snprintf(err, errlen, "%s: the connection to the app database was lost", name);
        db_rollback();
        goto out;
    }
    if (db_commit(err, errlen) < 0)
        goto out;
    log_msg(LOG_INFO, "applied migration %s", name);
    rc = 0;
out:
    buf_free(&sql);
    return rc;
}

int migrate_run(const char *dir, int *applied, char *err, size_t errlen)
{
    *applied = 0;
    PGconn *c = db_conn();
    if (!c) {
        snprintf(err, errlen, "cannot connect to the app database (DATAMIND_DATABASE_URL)");
        return -1;
    }
    size_t n = 0;
    char **files = list_files(dir, &n, err, errlen);
    if (!files)
        return -1;
    int rc = -1;
    if (exec_ok(c, PQexec(c, MIGRATE_LOCK), err, errlen, "advisory lock") < 0)
        goto out;
    if (exec_ok(c, PQexec(c, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                             " version text PRIMARY KEY,"
                             " applied_at timestamptz NOT NULL DEFAULT now())"),
                err, errlen, "schema_migrations") < 0)
        goto unlock;
    rc = 0;
    arena_t *a = arena_new();
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (already_applied(c, files[i]))
            continue;
        rc = apply_one(a, c, dir, files[i], err, errlen);
        if (rc == 0)
            (*applied)++;
        arena_reset(a);
    }
    arena_free(a);
unlock:
    PQclear(PQexec(c, MIGRATE_UNLOCK));
out:
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
    return rc;
}
