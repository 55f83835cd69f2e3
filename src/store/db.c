/* db.c — the app-database connection of this process. See store.h. */
#include "store/store.h"
#include "core/config.h"
#include "core/log.h"
#include "core/metrics.h"

#include <stdio.h>
#include <string.h>

static PGconn *conn;

static void db_notice(void *arg, const char *msg)
{
    (void)arg;
    (void)msg; /* NOTICEs from migrations are noise in the JSON log */
}

PGconn *db_conn(void)
{
    if (conn && PQstatus(conn) == CONNECTION_OK)
        return conn;
    if (conn) {
        PQreset(conn);
        if (PQstatus(conn) == CONNECTION_OK)
            return conn;
        PQfinish(conn);
        conn = NULL;
    }
    const char *keys[] = {"dbname", "application_name", "connect_timeout", NULL};
    const char *vals[] = {cfg->database_url, "datamind", "5", NULL};
    conn = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(conn) != CONNECTION_OK) {
        log_msg(LOG_ERROR, "app database unreachable: %s", PQerrorMessage(conn));
        metrics_count("db_error");
        PQfinish(conn);
        conn = NULL;
        return NULL;
    }
    PQsetNoticeProcessor(conn, db_notice, NULL);
    return conn;
}

void db_close(void)
{
    if (conn)
        PQfinish(conn);
    conn = NULL;
}

static void clear_result(void *p)
{
    PQclear(p);
}

PGresult *db_exec_state(arena_t *a, const char *sql, int n, const char *const *params,
                        char state[6], char *err, size_t errlen)
{
    if (state)
        state[0] = '\0';
    PGconn *c = db_conn();
    if (!c) {
        snprintf(err, errlen, "the app database is unreachable");
        return NULL;
    }
    PGresult *res = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        arena_defer(a, clear_result, res);
        return res;
    }
    const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (state && code)
        snprintf(state, 6, "%s", code);
    snprintf(err, errlen, "%s", res ? PQresultErrorMessage(res) : PQerrorMessage(c));
    size_t len = strlen(err);
    while (len && (err[len - 1] == '\n' || err[len - 1] == ' '))
        err[--len] = '\0';
    /* constraint violations are the caller's business; the rest are ours */
    if (!code || strncmp(code, "23", 2) != 0) {
        metrics_count("db_error");
        log_msg(LOG_ERROR, "app database error: %s", err);
    }
    PQclear(res);
    return NULL;
}

PGresult *db_exec(arena_t *a, const char *sql, int n, const char *const *params, char *err,
                  size_t errlen)
{
    return db_exec_state(a, sql, n, params, NULL, err, errlen);
}

static int db_simple(const char *sql, char *err, size_t errlen)
{
    PGconn *c = db_conn();
    if (!c) {
        snprintf(err, errlen, "the app database is unreachable");
        return -1;
    }
    PGresult *res = PQexecParams(c, sql, 0, NULL, NULL, NULL, NULL, 0);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
    if (!ok)
        snprintf(err, errlen, "%s", PQresultErrorMessage(res));
    PQclear(res);
    return ok ? 0 : -1;
}

int db_begin(char *err, size_t errlen)
{
    return db_simple("BEGIN", err, errlen);
}

int db_commit(char *err, size_t errlen)
{
    return db_simple("COMMIT", err, errlen);
}

void db_rollback(void)
{
    char err[256];
    if (conn)
        db_simple("ROLLBACK", err, sizeof err);
}

int db_ping(void)
{
    char err[256];
    return db_simple("SELECT 1", err, sizeof err);
}

const char *db_get(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col);
}

int db_is_null(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col);
}
