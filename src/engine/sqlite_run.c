/* sqlite_run.c — one statement on a SQLite connection, the way all of
 * them run: prepared under the authorizer (strict for users' SQL, a little
 * wider for DataMind's catalog queries), exactly one statement, read-only
 * by SQLite's own account (sqlite3_stmt_readonly), stepped under the
 * connection's deadline. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "engine/sqlite_internal.h"

double engine_sqlite_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void engine_sqlite_deadline(engine_sqlite_conn_t *c, int timeout_ms)
{
    c->deadline_ms = timeout_ms > 0 ? engine_sqlite_now_ms() + timeout_ms : 0;
    if (timeout_ms > 0)
        c->timed_out = 0; /* clearing the deadline keeps the verdict for the error */
}

int engine_sqlite_progress(void *ud)
{
    engine_sqlite_conn_t *c = ud;
    if (c->deadline_ms > 0 && engine_sqlite_now_ms() >= c->deadline_ms) {
        c->timed_out = 1;
        return 1;
    }
    return 0;
}

/* Only spaces, comments and ';' may follow the statement. */
static int tail_empty(sqlite3 *db, const char *tail)
{
    while (tail && *tail) {
        sqlite3_stmt *next = NULL;
        const char *rest = NULL;
        int rc = sqlite3_prepare_v3(db, tail, -1, 0, &next, &rest);
        if (next) {
            sqlite3_finalize(next);
            return 0;
        }
        if (rc != SQLITE_OK || rest == tail)
            return 0;
        tail = rest;
    }
    return 1;
}

/* 1-based character position of byte offset off in sql. */
static int char_pos(const char *sql, int off)
{
    int n = 1;
    for (int i = 0; i < off && sql[i]; i++)
        n += ((unsigned char)sql[i] & 0xC0) != 0x80;
    return n;
}

int engine_sqlite_prepare(engine_sqlite_conn_t *c, const char *sql, int internal,
                          const char *const *extra, size_t n_extra, sqlite3_stmt **st,
                          int *err_pos, char *err, size_t errlen)
{
    const char *tail = NULL;
    int rc;

    *st = NULL;
    if (err_pos)
        *err_pos = 0;
    c->auth = (engine_sqlite_auth_t){.internal = internal, .extra = extra, .n_extra = n_extra};
    rc = sqlite3_prepare_v3(c->db, sql, -1, 0, st, &tail);
    if (rc == SQLITE_OK && *st && !tail_empty(c->db, tail)) {
        snprintf(err, errlen, "only one statement can run at a time");
        goto fail;
    }
    if (rc != SQLITE_OK) {
        if (c->auth.why[0])
            snprintf(err, errlen, "%s", c->auth.why);
        else
            engine_sqlite_error(c, rc, 0, err, errlen);
        int off = sqlite3_error_offset(c->db);
        if (err_pos && off >= 0 && !c->auth.why[0])
            *err_pos = char_pos(sql, off);
        goto fail;
    }
    if (!*st) {
        snprintf(err, errlen, "there is no statement to run");
        goto fail;
    }
    if (!sqlite3_stmt_readonly(*st)) {
        snprintf(err, errlen, "only a read-only SELECT can run");
        goto fail;
    }
    return 0;
fail:
    sqlite3_finalize(*st);
    *st = NULL;
    return -1;
}

void engine_sqlite_error(engine_sqlite_conn_t *c, int rc, int timeout_ms, char *err,
                         size_t errlen)
{
    int primary = rc & 0xff;

    if (primary == SQLITE_INTERRUPT && c->timed_out && timeout_ms > 0) {
        snprintf(err, errlen, "the query ran longer than %g s and was cancelled",
                 timeout_ms / 1000.0);
    } else if (primary == SQLITE_INTERRUPT) {
        snprintf(err, errlen, "the query was cancelled");
    } else if (primary == SQLITE_IOERR || primary == SQLITE_CORRUPT ||
               primary == SQLITE_NOTADB || primary == SQLITE_CANTOPEN) {
        c->broken = 1;
        snprintf(err, errlen, "the connection to the database was lost (%s)",
                 sqlite3_errmsg(c->db));
    } else if (primary == SQLITE_AUTH && c->auth.why[0]) {
        snprintf(err, errlen, "%s", c->auth.why);
    } else {
        snprintf(err, errlen, "%s", sqlite3_errmsg(c->db));
    }
}

int engine_sqlite_query(engine_sqlite_conn_t *c, const char *sql, int n,
                        const char *const *params, int timeout_ms, engine_sqlite_row_fn fn,
                        void *ud)
{
    sqlite3_stmt *st = NULL;
    char *err = c->last_err;
    size_t errlen = sizeof c->last_err;
    int rc;

    if (engine_sqlite_prepare(c, sql, 1, NULL, 0, &st, NULL, err, errlen) < 0)
        return c->broken ? -1 : 1;
    for (int i = 0; i < n; i++)
        sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT);
    engine_sqlite_deadline(c, timeout_ms);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (fn && fn(ud, st))
            break;
    engine_sqlite_deadline(c, 0);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return 0;
    engine_sqlite_error(c, rc, timeout_ms, err, errlen);
    return c->broken ? -1 : 1;
}
