/* execute.c — run one validated statement, read-only, bounded in time and rows.
 *
 *   BEGIN READ ONLY
 *   SELECT set_config('statement_timeout', $1, true), ...   (values as parameters)
 *   <statement>           extended protocol, single-row mode, capped while reading
 *   ROLLBACK              always
 *
 * The row and byte caps are enforced as rows arrive: libpq hands over one
 * row at a time, a value longer than max_cell_bytes is cut, rows past
 * max_rows or past max_result_bytes are never kept, and the first one past the cap
 * cancels the query on the server (PQcancel) so a 50-million-row SELECT
 * stops producing instead of being read to the end. The rows already on
 * the wire are drained and dropped, because the protocol needs the
 * connection back at ReadyForQuery before ROLLBACK.
 *
 * A cancel request races with the query finishing: it can reach the
 * backend when it is already idle (ignored there) or, in theory, during
 * ROLLBACK — which is then simply sent again. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "engine/pg_internal.h"
#include "sqlsafe/sqlsafe.h"

#define DEFAULT_TIMEOUT_MS 30000
#define DEFAULT_MAX_ROWS   1000
#define DEFAULT_MAX_CELL   ((size_t)1 << 20)
#define DEFAULT_MAX_BYTES  ((size_t)32 << 20)
#define MAX_TIMEOUT_MS     86400000  /* a day: keeps timeout + grace inside an int */
#define IDLE_GRACE_MS      10000  /* idle_in_transaction = timeout + this */
#define LOST_MSG "the connection to the database was lost"

typedef struct rows {
    json_t *columns;  /* from the first result that describes them */
    json_t *rows;
    long count;
    long max;
    size_t max_cell;  /* a longer value is cut */
    size_t max_bytes; /* kept bytes of all values */
    size_t bytes;     /* kept so far */
    long cut;         /* values cut */
    int truncated;
    const char *truncated_by; /* "rows" or "bytes" */
    int cancelled;    /* we sent a cancel: its 57014 is not an error */
    PGresult *error;  /* the first real error, kept for its fields */
} rows_t;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int lost(PGconn *c, char *err, size_t errlen)
{
    if (PQstatus(c) != CONNECTION_BAD)
        return 0;
    snprintf(err, errlen, LOST_MSG);
    return 1;
}

/* Run a command that returns no rows we need; -1 with err on failure. */
static int exec_ok(PGconn *c, PGresult *r, char *err, size_t errlen)
{
    ExecStatusType st = PQresultStatus(r);
    int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!ok && !lost(c, err, errlen))
        engine_pg_result_error(r, err, errlen, NULL);
    PQclear(r);
    return ok ? 0 : -1;
}

static void tx_rollback(PGconn *c)
{
    for (int tries = 0; tries < 2; tries++) {
        if (PQstatus(c) != CONNECTION_OK || PQtransactionStatus(c) == PQTRANS_IDLE)
            return;
        PQclear(PQexec(c, "ROLLBACK"));
    }
}

/* BEGIN READ ONLY with transaction-local limits. A connection a caller
 * left inside a transaction is rolled back first. */
static int tx_begin(PGconn *c, int timeout_ms, char *err, size_t errlen)
{
    char stmt[16], idle[16];
    const char *params[3] = {stmt, idle, stmt};

    if (lost(c, err, errlen))
        return -1;
    if (PQtransactionStatus(c) == PQTRANS_ACTIVE) {
        snprintf(err, errlen, "the connection is busy with another query");
        return -1;
    }
    tx_rollback(c);
    snprintf(stmt, sizeof stmt, "%d", timeout_ms);
    snprintf(idle, sizeof idle, "%d", timeout_ms + IDLE_GRACE_MS);
    if (exec_ok(c, PQexec(c, "BEGIN READ ONLY"), err, errlen) < 0)
        return -1;
    return exec_ok(c,
                   PQexecParams(c,
                                "SELECT set_config('statement_timeout', $1, true),"
                                " set_config('idle_in_transaction_session_timeout', $2, true),"
                                " set_config('lock_timeout', $3, true)",
                                3, NULL, params, NULL, NULL, 0),
                   err, errlen);
}

static void query_cancel(PGconn *c, rows_t *st)
{
    char ebuf[256];
    PGcancel *cn = PQgetCancel(c);

    if (cn) {
        st->cancelled = PQcancel(cn, ebuf, sizeof ebuf);
        PQfreeCancel(cn);
    }
}

/* The bytes row 0 of r would keep (each value at most max_cell). */
static size_t row_bytes(const PGresult *r, size_t max_cell)
{
    size_t n = 0;
    for (int j = 0; j < PQnfields(r); j++) {
        size_t len = PQgetisnull(r, 0, j) ? 0 : (size_t)PQgetlength(r, 0, j);
        n += len < max_cell ? len : max_cell;
    }
    return n;
}

/* The first row past a cap: mark why, and stop the query on the server. */
static void rows_stop(PGconn *c, rows_t *st, const char *why)
{
    if (st->truncated)
        return;
    st->truncated = 1;
    st->truncated_by = why;
    query_cancel(c, st);
}

/* Take one result of the statement: keep, drop, or note the error. */
static void rows_take(PGconn *c, rows_t *st, PGresult *r)
{
    ExecStatusType s = PQresultStatus(r);

    if (s == PGRES_SINGLE_TUPLE || s == PGRES_TUPLES_OK) {
        if (!st->columns)
            st->columns = engine_pg_result_columns(r);
        if (s == PGRES_SINGLE_TUPLE && !st->truncated) {
            if (st->count >= st->max)
                rows_stop(c, st, "rows");
            else if (row_bytes(r, st->max_cell) > st->max_bytes - st->bytes)
                rows_stop(c, st, "bytes");
            else {
                json_array_append_new(st->rows, engine_pg_result_row(r, 0, st->max_cell,
                                                                   &st->bytes, &st->cut));
                st->count++;
            }
        }
    } else if (s == PGRES_COMMAND_OK) {
        /* no rows and no row description: nothing to keep */
    } else {
        const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        int ours = st->cancelled && code && strcmp(code, "57014") == 0;
        if (!ours && !st->error) {
            st->error = r;
            return;
        }
    }
    PQclear(r);
}

/* Send the statement and read its results to the end. */
static int rows_read(PGconn *c, const char *statement, const engine_pg_run_t *o, rows_t *st)
{
    PGresult *r;
    int n = o && o->nparams > 0 ? o->nparams : 0;

    if (!PQsendQueryParams(c, statement, n, n ? o->param_types : NULL,
                           n ? o->param_values : NULL, NULL, NULL, 0))
        return -1;
    if (!PQsetSingleRowMode(c)) {
        /* Without it libpq would buffer every row: do not read them. */
        rows_stop(c, st, "rows");
    }
    while ((r = PQgetResult(c)) != NULL)
        rows_take(c, st, r);
    return st->error || PQstatus(c) == CONNECTION_BAD ? -1 : 0;
}

static void error_explain(PGconn *c, const rows_t *st, int timeout_ms, int *err_pos,
                          char *err, size_t errlen)
{
    const char *code = st->error ? PQresultErrorField(st->error, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = st->error ? PQresultErrorField(st->error, PG_DIAG_MESSAGE_PRIMARY) : NULL;

    if (lost(c, err, errlen))
        return;
    if (!st->error) {
        snprintf(err, errlen, "%.*s", (int)strcspn(PQerrorMessage(c), "\n"), PQerrorMessage(c));
        return;
    }
    if (code && !strcmp(code, "57014") && msg && strstr(msg, "statement timeout")) {
        snprintf(err, errlen, "the query ran longer than %g s and was cancelled",
                 timeout_ms / 1000.0);
        return;
    }
    engine_pg_result_error(st->error, err, errlen, err_pos);
}

int engine_pg_execute(PGconn *c, const char *statement, const engine_pg_run_t *o,
                    json_t **result, int *err_pos, char *err, size_t errlen)
{
    int timeout_ms = o && o->timeout_ms > 0 ? o->timeout_ms : DEFAULT_TIMEOUT_MS;
    rows_t st = {.max = o && o->max_rows > 0 ? o->max_rows : DEFAULT_MAX_ROWS,
                 .max_cell = o && o->max_cell_bytes > 0 ? o->max_cell_bytes : DEFAULT_MAX_CELL,
                 .max_bytes = o && o->max_result_bytes > 0 ? o->max_result_bytes
                                                           : DEFAULT_MAX_BYTES};
    double t0 = now_ms();
    int rc = -1;

    if (timeout_ms > MAX_TIMEOUT_MS)
        timeout_ms = MAX_TIMEOUT_MS;
    *result = NULL;
    *err_pos = 0;
    err[0] = '\0';
    if (tx_begin(c, timeout_ms, err, errlen) < 0)
        goto out;
    st.rows = json_array();
    if (rows_read(c, statement, o, &st) < 0) {
        error_explain(c, &st, timeout_ms, err_pos, err, errlen);
        goto out;
    }
    *result = json_pack("{s:o, s:O, s:I, s:b, s:s?, s:I, s:I, s:I}", "columns",
                        st.columns ? st.columns : json_array(), "rows", st.rows,
                        "row_count", (json_int_t)st.count, "truncated", st.truncated,
                        "truncated_by", st.truncated_by, "result_bytes", (json_int_t)st.bytes,
                        "cells_cut", (json_int_t)st.cut, "ms", (json_int_t)(now_ms() - t0 + 0.5));
    st.columns = NULL; /* stolen by "o" */
    if (!*result) {
        snprintf(err, errlen, "could not build the result");
        goto out;
    }
    rc = 0;
out:
    tx_rollback(c);
    json_decref(st.columns);
    json_decref(st.rows);
    PQclear(st.error);
    return rc;
}
