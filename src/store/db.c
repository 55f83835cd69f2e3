/* db.c — the app-database connection of this process. See store.h. */
#include "store/store.h"
#include "core/config.h"
#include "core/log.h"
#include "core/metrics.h"

#include <ctype.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

static PGconn *conn;
/* The last query failed because the server could not be reached (not a
 * query error): a "not found" since then may only mean "could not look". */
static int lost;

static void db_notice(void *arg, const char *msg)
{
    (void)arg;
    (void)msg; /* NOTICEs from migrations are noise in the JSON log */
}

int db_idle_ok(PGconn *c)
{
    if (PQstatus(c) != CONNECTION_OK || PQtransactionStatus(c) != PQTRANS_IDLE)
        return 0;
    /* An idle connection has nothing to say: anything to read is the
     * server's goodbye (restart, idle timeout) or end of file. */
    struct pollfd p = {.fd = PQsocket(c), .events = POLLIN};
    return poll(&p, 1, 0) == 0;
}

PGconn *db_conn(void)
{
    if (conn && (PQtransactionStatus(conn) != PQTRANS_IDLE ? PQstatus(conn) == CONNECTION_OK
                                                               : db_idle_ok(conn)))
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
        lost = 1;
        snprintf(err, errlen, "the app database is unreachable");
        return NULL;
    }
    PGresult *res = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    lost = PQstatus(c) != CONNECTION_OK;
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

int db_is_down(void)
{
    return lost;
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

json_t *db_row_json(const PGresult *res, int row)
{
    json_t *o = json_object();
    int nf = PQnfields(res);
    for (int c = 0; c < nf; c++) {
        json_t *v;
        if (PQgetisnull(res, row, c))
            v = json_null();
        else if (PQftype(res, c) == 16) /* bool */
            v = json_boolean(PQgetvalue(res, row, c)[0] == 't');
        else
            v = json_string(PQgetvalue(res, row, c));
        json_object_set_new(o, PQfname(res, c), v ? v : json_null());
    }
    return o;
}

json_t *db_rows_json(const PGresult *res)
{
    json_t *arr = json_array();
    int n = res ? PQntuples(res) : 0;
    for (int r = 0; r < n; r++)
        json_array_append_new(arr, db_row_json(res, r));
    return arr;
}

const char *db_bytea_param(arena_t *a, const unsigned char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    char *s = arena_alloc(a, 2 * n + 3);
    s[0] = '\\';
    s[1] = 'x';
    for (size_t i = 0; i < n; i++) {
        s[2 + 2 * i] = hex[p[i] >> 4];
        s[3 + 2 * i] = hex[p[i] & 15];
    }
    return s;
}

int db_is_uuid(const char *s)
{
    if (!s || strlen(s) != 36)
        return 0;
    for (int i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
            return 0;
    }
    return 1;
}
