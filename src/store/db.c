/* db.c — the app-database connection of this process. See db.h. */
#include "store/db.h"
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
/* The transaction of this process on conn (db_begin … db_commit or
 * db_rollback): none, open, or broken — its connection was lost, so its
 * work is gone and every later statement of it must fail too. */
static enum { TX_NONE, TX_OPEN, TX_BROKEN } tx;
/* Bumped for every new or reset connection: a prepared statement whose
 * generation differs is not (yet) known to the server. Starts at 1 so a
 * zeroed db_stmt_t is never taken as prepared. */
static unsigned conn_gen = 1;

#define TX_LOST_MSG "the connection to the app database was lost in the middle of a transaction: " \
                    "none of it was saved"

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
    /* Inside a transaction a new connection would run the rest of it in
     * autocommit: never reconnect, fail the transaction instead. */
    if (tx != TX_NONE) {
        if (tx == TX_OPEN && conn && PQstatus(conn) == CONNECTION_OK)
            return conn;
        tx = TX_BROKEN;
        return NULL;
    }
    if (conn && (PQtransactionStatus(conn) != PQTRANS_IDLE ? PQstatus(conn) == CONNECTION_OK
                                                               : db_idle_ok(conn)))
        return conn;
    conn_gen++; /* whatever comes next is a new server session */
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
    conn_gen++;
    tx = TX_NONE;
}

static void clear_result(void *p)
{
    PQclear(p);
}

/* The result of a statement sent on c: kept (arena-owned) when it worked,
 * else NULL with err (and state) set and the failure logged. */
static PGresult *take_result(arena_t *a, PGconn *c, PGresult *res, char state[6], char *err,
                             size_t errlen)
{
    ExecStatusType st = PQresultStatus(res);
    lost = PQstatus(c) != CONNECTION_OK;
    if (lost && tx == TX_OPEN)
        tx = TX_BROKEN;
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

static PGconn *conn_or_err(char state[6], char *err, size_t errlen)
{
    if (state)
        state[0] = '\0';
    PGconn *c = db_conn();
    if (!c) {
        lost = 1;
        snprintf(err, errlen, "%s", tx == TX_BROKEN ? TX_LOST_MSG : "the app database is unreachable");
    }
    return c;
}

PGresult *db_exec_state(arena_t *a, const char *sql, int n, const char *const *params,
                        char state[6], char *err, size_t errlen)
{
    PGconn *c = conn_or_err(state, err, errlen);
    if (!c)
        return NULL;
    return take_result(a, c, PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0), state, err,
                       errlen);
}

/* Prepare st on c when this connection has not seen it. 0, or -1 with err. */
static int stmt_ready(arena_t *a, PGconn *c, db_stmt_t *st, int n, char *err, size_t errlen)
{
    if (st->gen == conn_gen)
        return 0;
    if (!take_result(a, c, PQprepare(c, st->name, st->sql, n, NULL), NULL, err, errlen))
        return -1;
    st->gen = conn_gen;
    return 0;
}

PGresult *db_exec_prepared(arena_t *a, db_stmt_t *st, int n, const char *const *params, char *err,
                           size_t errlen)
{
    PGconn *c = conn_or_err(NULL, err, errlen);
    if (!c || stmt_ready(a, c, st, n, err, errlen) < 0)
        return NULL;
    char state[6] = "";
    PGresult *res = PQexecPrepared(c, st->name, n, params, NULL, NULL, 0);
    const char *code = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    if (code && strcmp(code, "26000") == 0 && tx == TX_NONE) {
        /* the server forgot it (DISCARD ALL, a pooler): prepare again, once */
        PQclear(res);
        st->gen = 0;
        if (stmt_ready(a, c, st, n, err, errlen) < 0)
            return NULL;
        res = PQexecPrepared(c, st->name, n, params, NULL, NULL, 0);
    }
    return take_result(a, c, res, state, err, errlen);
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
    if (tx != TX_NONE) { /* one owner: whoever began it commits or rolls back */
        snprintf(err, errlen, "a transaction is already open on the app database connection");
        log_msg(LOG_ERROR, "db_begin inside an open transaction (a missing commit or rollback)");
        return -1;
    }
    if (db_simple("BEGIN", err, errlen) < 0)
        return -1;
    tx = TX_OPEN;
    return 0;
}

int db_commit(char *err, size_t errlen)
{
    int was = tx;
    tx = TX_NONE;
    if (was != TX_OPEN || !conn || PQstatus(conn) != CONNECTION_OK) {
        snprintf(err, errlen, "%s", was == TX_NONE ? "there is no transaction to commit" : TX_LOST_MSG);
        lost = was != TX_NONE;
        return -1;
    }
    PGresult *res = PQexecParams(conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0);
    /* COMMIT of a transaction in which a statement failed answers
     * "ROLLBACK": that is a failure too. */
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK && strcmp(PQcmdStatus(res), "COMMIT") == 0;
    lost = PQstatus(conn) != CONNECTION_OK;
    if (!ok) {
        if (lost)
            snprintf(err, errlen, "the connection to the app database was lost while committing");
        else if (PQresultStatus(res) == PGRES_COMMAND_OK)
            snprintf(err, errlen, "a statement of the transaction failed, so none of it was saved");
        else
            snprintf(err, errlen, "%s", PQresultErrorMessage(res));
        metrics_count("db_error");
        log_msg(LOG_ERROR, "app database commit failed: %s", err);
    }
    PQclear(res);
    return ok ? 0 : -1;
}

void db_rollback(void)
{
    if (tx == TX_OPEN && conn && PQstatus(conn) == CONNECTION_OK)
        PQclear(PQexecParams(conn, "ROLLBACK", 0, NULL, NULL, NULL, NULL, 0));
    tx = TX_NONE; /* the next query may reconnect */
}

void db_tx_abandoned(const char *where)
{
    if (tx == TX_NONE)
        return;
    log_msg(LOG_ERROR, "%s left an app-database transaction open: rolled back", where);
    db_rollback();
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
