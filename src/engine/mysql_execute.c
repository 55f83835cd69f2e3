/* mysql_execute.c — run one validated statement, read-only, bounded.
 *
 *   SET SESSION max_statement_time (MariaDB, s) | max_execution_time (MySQL, ms)
 *   START TRANSACTION READ ONLY
 *   <statement>     prepared (mysql_stmt_*), $k rewritten to ? outside
 *                   literals, each ? bound to its value (a repeated $k is
 *                   bound again); rows fetched one at a time, never stored
 *   ROLLBACK        always
 *
 * Rows stream: nothing calls mysql_stmt_store_result, so libmariadb reads a
 * row from the socket per mysql_stmt_fetch. Each column is bound as a
 * string with a small buffer; a longer value is fetched again with
 * mysql_stmt_fetch_column, at most max_cell_bytes + 1 of it, and cut. The
 * first row past max_rows or max_result_bytes marks the result truncated
 * and sends KILL QUERY from a second connection (the protocol has no other
 * way to stop a result), then the rest already on the wire is read and
 * dropped until the server's "interrupted" ends it — a 10-million-row
 * SELECT stops producing instead of being read to the end.
 *
 * READ ONLY does not stop SELECT … INTO OUTFILE / DUMPFILE (a user with
 * the FILE privilege writes a file on the server: tested), so whatever
 * validate said, a statement with INTO is refused here too, from the
 * tokens the $k rewrite reads anyway. */
#include <mysql.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "engine/internal.h"

#define DEFAULT_TIMEOUT_MS 30000
#define DEFAULT_MAX_ROWS   1000
#define DEFAULT_MAX_CELL   ((size_t)1 << 20)
#define DEFAULT_MAX_BYTES  ((size_t)32 << 20)
#define MAX_TIMEOUT_MS     86400000
#define CELL_BUF           4096   /* bound buffer per column; longer values are fetched again */
#define MAX_PLACEHOLDERS   1024
#define LOST_MSG "the connection to the database was lost"
#define ER_STATEMENT_TIMEOUT_MARIADB 1969
#define ER_QUERY_TIMEOUT_MYSQL 3024

typedef struct run {
    engine_mysql_conn_t *c;
    MYSQL_STMT *st;
    MYSQL_RES *meta;
    unsigned int ncols;
    MYSQL_BIND *pbind;   /* the parameters, kept until execute has read them */
    long long *pints;
    double *pdbls;
    MYSQL_BIND *bind;    /* the result columns */
    char **buf;
    unsigned long *len;
    my_bool *null, *error;
    json_t *columns, *rows;
    long count, max;
    size_t max_cell, max_bytes, bytes;
    long cut;
    int truncated, killed;
    const char *truncated_by;
} run_t;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- $k → ? ------------------------------------------------------------ */

int engine_mysql_params_rewrite(const char *statement, char **out, int *order, int max, int *n,
                                char *err, size_t errlen)
{
    engine_tokens_t t;
    size_t len = strlen(statement), at = 0;
    *n = 0;
    *out = NULL;
    if (engine_lex(statement, len, &engine_mysql_lex_rules, &t, err, errlen) < 0)
        return -1;
    buf_t b = {0};
    for (size_t k = 0; k < t.n; k++) {
        if (engine_tok_is(&t, k, "into")) {
            snprintf(err, errlen, "the statement uses INTO, which writes files even in a READ "
                                  "ONLY transaction; INTO is not allowed");
            buf_free(&b);
            engine_tokens_free(&t);
            return -1;
        }
        if (t.tok[k].kind != ENGINE_TOK_PARAM)
            continue;
        if (*n == max) {
            snprintf(err, errlen, "the statement uses more than %d parameters", max);
            buf_free(&b);
            engine_tokens_free(&t);
            return -1;
        }
        buf_append(&b, statement + at, t.tok[k].start - at);
        buf_putc(&b, '?');
        order[(*n)++] = atoi(statement + t.tok[k].start + 1);
        at = t.tok[k].end;
    }
    buf_append(&b, statement + at, len - at);
    *out = xstrdup(buf_str(&b));
    buf_free(&b);
    engine_tokens_free(&t);
    return 0;
}

/* ---- errors ------------------------------------------------------------ */

/* MySQL says "… near 'text' at line N", text being the rest of the
 * statement from the error on (cut after 80 characters): its 1-based
 * position in sql, the last place it fits. */
static int error_position(const char *msg, const char *sql)
{
    const char *near = strstr(msg, "near '");
    const char *end = near ? strstr(near + 6, "' at line") : NULL;
    if (!end || end == near + 6)
        return 0;
    size_t n = (size_t)(end - near - 6), len = strlen(sql);
    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (!strncmp(sql + i, near + 6, n))
            return (int)i + 1;
    return 0;
}

/* Errors of a fetch are the connection's, of prepare / execute the statement's. */
static unsigned int run_errno(const run_t *r)
{
    return mysql_stmt_errno(r->st) ? mysql_stmt_errno(r->st) : mysql_errno(r->c->m);
}

static const char *run_error(const run_t *r)
{
    return mysql_stmt_errno(r->st) ? mysql_stmt_error(r->st) : mysql_error(r->c->m);
}

static void stmt_error(run_t *r, int timeout_ms, const char *sql, int *err_pos, char *err,
                       size_t errlen)
{
    unsigned int e = run_errno(r);
    const char *msg = run_error(r);
    if (engine_mysql_gone(r->c, e))
        snprintf(err, errlen, LOST_MSG);
    else if (e == ER_STATEMENT_TIMEOUT_MARIADB || e == ER_QUERY_TIMEOUT_MYSQL)
        snprintf(err, errlen, "the query ran longer than %g s and was cancelled",
                 timeout_ms / 1000.0);
    else if (e == ER_QUERY_INTERRUPTED)
        snprintf(err, errlen, "the query was cancelled");
    else {
        snprintf(err, errlen, "%s", msg);
        *err_pos = error_position(msg, sql);
    }
}

/* ---- parameters --------------------------------------------------------- */

static int is_number(const char *v, long long *i, double *d)
{
    char *end;
    *i = strtoll(v, &end, 10);
    if (*v && !*end)
        return 1;
    *d = strtod(v, &end);
    return *v && !*end ? 2 : 0;
}

static int params_bind(run_t *r, const engine_run_t *o, const int *order, int n, char *err,
                       size_t errlen)
{
    if ((int)mysql_stmt_param_count(r->st) != n) {
        snprintf(err, errlen, "the statement has a ? that is not a parameter; name parameters "
                              "as {{name}}");
        return -1;
    }
    if (n == 0)
        return 0;
    MYSQL_BIND *pb = xcalloc((size_t)n, sizeof *pb);
    long long *ints = xcalloc((size_t)n, sizeof *ints);
    double *dbls = xcalloc((size_t)n, sizeof *dbls);
    for (int i = 0; i < n; i++) {
        int k = order[i] - 1;
        const char *v = o && k < o->nparams && o->param_values ? o->param_values[k] : NULL;
        const char *type = o && o->param_types && k < o->nparams ? o->param_types[k] : NULL;
        int num = v && type && !strcmp(type, "number") ? is_number(v, &ints[i], &dbls[i]) : 0;
        if (!v) {
            pb[i].buffer_type = MYSQL_TYPE_NULL;
        } else if (num == 1) {
            pb[i].buffer_type = MYSQL_TYPE_LONGLONG;
            pb[i].buffer = &ints[i];
        } else if (num == 2) {
            pb[i].buffer_type = MYSQL_TYPE_DOUBLE;
            pb[i].buffer = &dbls[i];
        } else {
            pb[i].buffer_type = MYSQL_TYPE_STRING;
            pb[i].buffer = (void *)v;
            pb[i].buffer_length = (unsigned long)strlen(v);
        }
    }
    int rc = mysql_stmt_bind_param(r->st, pb) ? -1 : 0;
    if (rc < 0)
        snprintf(err, errlen, "%s", mysql_stmt_error(r->st));
    r->pbind = pb;
    r->pints = ints;
    r->pdbls = dbls;
    return rc;
}

/* ---- result columns and rows ------------------------------------------ */

static int results_bind(run_t *r)
{
    r->ncols = mysql_num_fields(r->meta);
    r->columns = json_array();
    MYSQL_FIELD *f = mysql_fetch_fields(r->meta);
    for (unsigned int j = 0; j < r->ncols; j++)
        json_array_append_new(r->columns, engine_mysql_column(&f[j]));
    if (r->ncols == 0)
        return 0;
    r->bind = xcalloc(r->ncols, sizeof *r->bind);
    r->buf = xcalloc(r->ncols, sizeof *r->buf);
    r->len = xcalloc(r->ncols, sizeof *r->len);
    r->null = xcalloc(r->ncols, sizeof *r->null);
    r->error = xcalloc(r->ncols, sizeof *r->error);
    for (unsigned int j = 0; j < r->ncols; j++) {
        r->buf[j] = xmalloc(CELL_BUF);
        r->bind[j] = (MYSQL_BIND){.buffer_type = MYSQL_TYPE_STRING, .buffer = r->buf[j],
                                  .buffer_length = CELL_BUF, .length = &r->len[j],
                                  .is_null = &r->null[j], .error = &r->error[j]};
    }
    return mysql_stmt_bind_result(r->st, r->bind) ? -1 : 0;
}

/* Column j of the current row: whole, or its first max_cell bytes and cut. */
static json_t *cell(run_t *r, unsigned int j, const MYSQL_FIELD *f)
{
    size_t full = r->len[j];
    if (r->null[j])
        return json_null();
    if (full < CELL_BUF && full <= r->max_cell)
        return engine_mysql_value(f, r->buf[j], full);
    size_t want = full > r->max_cell ? r->max_cell + 1 : full;
    char *big = xmalloc(want + 1);
    unsigned long got = 0;
    MYSQL_BIND b = {.buffer_type = MYSQL_TYPE_STRING, .buffer = big,
                    .buffer_length = (unsigned long)want, .length = &got};
    json_t *v;
    if (mysql_stmt_fetch_column(r->st, &b, j, 0) != 0)
        v = json_string("(value could not be read)");
    else if (full > r->max_cell) {
        v = engine_mysql_value_cut(big, want, full, r->max_cell);
        r->cut++;
    } else
        v = engine_mysql_value(f, big, full);
    free(big);
    return v;
}

static void rows_stop(run_t *r, const char *why)
{
    char ignored[256];
    r->truncated = 1;
    r->truncated_by = why;
    r->killed = engine_mysql_kill_query(&r->c->addr, r->c->thread_id, ignored,
                                        sizeof ignored) == 0;
}

static void row_take(run_t *r)
{
    MYSQL_FIELD *f = mysql_fetch_fields(r->meta);
    size_t need = 0;
    for (unsigned int j = 0; j < r->ncols; j++)
        need += r->null[j] ? 0 : r->len[j] < r->max_cell ? r->len[j] : r->max_cell;
    if (r->count >= r->max) {
        rows_stop(r, "rows");
        return;
    }
    if (need > r->max_bytes - r->bytes) {
        rows_stop(r, "bytes");
        return;
    }
    json_t *row = json_array();
    for (unsigned int j = 0; j < r->ncols; j++)
        json_array_append_new(row, cell(r, j, &f[j]));
    json_array_append_new(r->rows, row);
    r->bytes += need;
    r->count++;
}

/* Fetch to the end: 0, or -1 with the statement's error pending. */
static int rows_read(run_t *r)
{
    for (;;) {
        int rc = mysql_stmt_fetch(r->st);
        if (rc == MYSQL_NO_DATA)
            return 0;
        if (rc == 1)
            return r->truncated && run_errno(r) == ER_QUERY_INTERRUPTED ? 0 : -1;
        if (!r->truncated)
            row_take(r);
    }
}

static void run_free(run_t *r)
{
    for (unsigned int j = 0; r->buf && j < r->ncols; j++)
        free(r->buf[j]);
    free(r->bind);
    free(r->buf);
    free(r->len);
    free(r->null);
    free(r->error);
    free(r->pbind);
    free(r->pints);
    free(r->pdbls);
    r->pbind = NULL;
    r->pints = NULL;
    r->pdbls = NULL;
    r->bind = NULL;
    r->buf = NULL;
    r->len = NULL;
    r->null = r->error = NULL;
}

/* ---- the statement --------------------------------------------------- */

static int statement_run(run_t *r, const char *sql, const engine_run_t *o, const int *order,
                         int n, int timeout_ms, int *err_pos, char *err, size_t errlen)
{
    r->st = mysql_stmt_init(r->c->m);
    if (!r->st)
        return snprintf(err, errlen, "out of memory"), -1;
    if (mysql_stmt_prepare(r->st, sql, strlen(sql)) != 0)
        goto bad;
    if (params_bind(r, o, order, n, err, errlen) < 0)
        return -1;
    if (mysql_stmt_execute(r->st) != 0)
        goto bad;
    r->meta = mysql_stmt_result_metadata(r->st);
    if (!r->meta) {
        r->columns = json_array();
        return 0;
    }
    if (results_bind(r) < 0 || rows_read(r) < 0)
        goto bad;
    return 0;
bad:
    stmt_error(r, timeout_ms, sql, err_pos, err, errlen);
    return -1;
}

int engine_mysql_execute(engine_conn_t *conn, const char *statement, const engine_run_t *o,
                         json_t **result, int *err_pos, char *err, size_t errlen)
{
    engine_mysql_conn_t *c = (engine_mysql_conn_t *)conn;
    int timeout_ms = o && o->timeout_ms > 0 ? o->timeout_ms : DEFAULT_TIMEOUT_MS;
    run_t r = {.c = c, .max = o && o->max_rows > 0 ? o->max_rows : DEFAULT_MAX_ROWS,
               .max_cell = o && o->max_cell_bytes > 0 ? o->max_cell_bytes : DEFAULT_MAX_CELL,
               .max_bytes = o && o->max_result_bytes > 0 ? o->max_result_bytes
                                                         : DEFAULT_MAX_BYTES};
    int order[MAX_PLACEHOLDERS], n = 0, rc = -1, began = 0;
    char *sql = NULL;
    double t0 = now_ms();

    *result = NULL;
    *err_pos = 0;
    err[0] = '\0';
    if (timeout_ms > MAX_TIMEOUT_MS)
        timeout_ms = MAX_TIMEOUT_MS;
    if (c->lost)
        return snprintf(err, errlen, LOST_MSG), -1;
    if (engine_mysql_params_rewrite(statement, &sql, order, MAX_PLACEHOLDERS, &n, err, errlen) < 0)
        return -1;
    if (engine_mysql_statement_timeout(c, timeout_ms, err, errlen) < 0 ||
        engine_mysql_command(c, "START TRANSACTION READ ONLY", err, errlen) < 0)
        goto out;
    began = 1;
    r.rows = json_array();
    if (statement_run(&r, sql, o, order, n, timeout_ms, err_pos, err, errlen) < 0)
        goto out;
    *result = json_pack("{s:O, s:O, s:I, s:b, s:s?, s:I, s:I, s:I}", "columns", r.columns,
                        "rows", r.rows, "row_count", (json_int_t)r.count, "truncated",
                        r.truncated, "truncated_by", r.truncated_by, "result_bytes",
                        (json_int_t)r.bytes, "cells_cut", (json_int_t)r.cut, "ms",
                        (json_int_t)(now_ms() - t0 + 0.5));
    rc = *result ? 0 : -1;
    if (rc < 0)
        snprintf(err, errlen, "could not build the result");
out:
    if (r.meta)
        mysql_free_result(r.meta);
    if (r.st)
        mysql_stmt_close(r.st);
    run_free(&r);
    if (began && !c->lost) {
        char ignored[256];
        engine_mysql_command(c, "ROLLBACK", ignored, sizeof ignored);
    }
    json_decref(r.columns);
    json_decref(r.rows);
    free(sql);
    return rc;
}
